/* test-import-formats.c — DOCX, ODT, PDF, HTML, WebVTT and SRT: exact text,
 * paragraphs and turns, from fixtures the tests build themselves */
#include "kith-config.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <poppler.h>
#include <string.h>

#include "kith-documents.h"
#include "kith-import.h"
#include "kith-test-util.h"

/* ---- helpers --------------------------------------------------------------- */

static char *
fixture (const char *name)
{
  g_autofree char *dir = kt_tmpdir ();

  return g_build_filename (dir, name, NULL);
}

/* Imports @path, which must import; returns the result (owned). */
static KithImportResult *
import_ok (KithProject *project, const char *path)
{
  KithImportResult *r = kith_import_file (project, path, NULL);

  cr_assert_eq (r->status, KITH_IMPORT_IMPORTED, "%s: %s", path, r->message);
  return r;
}

static char *
text_of (KithProject *project, gint64 id)
{
  g_autoptr(GError) error = NULL;
  char *text = kith_documents_dup_text (project, id, NULL, &error);

  cr_assert_not_null (text, "%s", error ? error->message : "");
  return text;
}

/* The code point offset of @needle in @text. */
static gint64
offset_of (const char *text, const char *needle)
{
  const char *at = strstr (text, needle);

  cr_assert_not_null (at, "“%s” is not in the text", needle);
  return g_utf8_pointer_to_offset (text, at);
}

typedef struct
{
  const char *speaker;
  const char *line;    /* the turn's first line, label included */
  const char *words;   /* where its speech starts */
  const char *last;    /* the end of its text */
  gint64      timestamp_ms;
} ExpectedTurn;

static void
assert_turns (KithProject *project, gint64 id, const char *text, const ExpectedTurn *expected, guint n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) turns = kith_documents_list_turns (project, id, &error);

  cr_assert_eq (turns->len, n, "%u turns, expected %u", turns->len, n);
  for (guint i = 0; i < n; i++)
    {
      KithTurn *t = g_ptr_array_index (turns, i);
      gint64 last = offset_of (text, expected[i].last) + g_utf8_strlen (expected[i].last, -1);
      cr_assert_str_eq (t->speaker, expected[i].speaker);
      cr_assert_eq (t->start, offset_of (text, expected[i].line), "turn %u start", i);
      cr_assert_eq (t->speech_start, offset_of (text, expected[i].words), "turn %u speech", i);
      cr_assert_eq (t->end, last, "turn %u ends at %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT, i, t->end, last);
      cr_assert_eq (t->timestamp_ms, expected[i].timestamp_ms, "turn %u timestamp", i);
    }
}

static void
assert_fails (KithProject *project, const char *path, int code, const char *message)
{
  g_autoptr(KithImportResult) r = kith_import_file (project, path, NULL);

  cr_assert_eq (r->status, KITH_IMPORT_FAILED, "%s imported", path);
  cr_assert_eq (r->error_code, code, "%s: code %d: %s", path, r->error_code, r->message);
  cr_assert (strstr (r->message, message) != NULL, "%s: “%s” lacks “%s”", path, r->message, message);
}

/* ---- DOCX ------------------------------------------------------------------ */

#define P(text) "<w:p><w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"

Test (docx, structure_in_reading_order)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *path = fixture ("report.docx");
  g_autoptr(KithImportResult) r = NULL;
  g_autofree char *text = NULL;

  kt_write_docx (path,
    "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Wednesbury lunch club</w:t></w:r></w:p>"
    "<w:p><w:r><w:t xml:space=\"preserve\">Tea, </w:t></w:r><w:hyperlink><w:r><w:t>cake</w:t></w:r></w:hyperlink>"
    "<w:r><w:t xml:space=\"preserve\"> and a chat.</w:t></w:r>"
    "<w:r><w:footnoteReference w:id=\"7\"/></w:r></w:p>"
    "<w:p/><w:p><w:r><w:t xml:space=\"preserve\">   </w:t></w:r></w:p>"
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>First item</w:t></w:r></w:p>"
    "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr><w:r><w:t>Second item</w:t></w:r></w:p>"
    "<w:tbl><w:tr><w:tc>" P ("Ward") "</w:tc><w:tc>" P ("Visitors") "</w:tc></w:tr>"
    "<w:tr><w:tc>" P ("Darlaston") "</w:tc><w:tc>" P ("42") "</w:tc></w:tr></w:tbl>"
    "<w:p><w:r><w:t>Name</w:t><w:tab/><w:t>Role</w:t><w:br/><w:t>Aaliyah</w:t><w:tab/><w:t>Chair</w:t></w:r></w:p>"
    "<w:p><w:r><w:t xml:space=\"preserve\">Kept </w:t></w:r><w:del><w:r><w:delText>deleted </w:delText></w:r></w:del>"
    "<w:ins><w:r><w:t xml:space=\"preserve\">inserted </w:t></w:r></w:ins>"
    "<w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden </w:t></w:r>"
    "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>"
    "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    "<w:r><w:t>.</w:t></w:r></w:p>"
    "<w:sdt><w:sdtContent>" P ("In a content control.") "</w:sdtContent></w:sdt>"
    "<w:sectPr/>",
    "<w:footnote w:id=\"7\"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> Every Thursday.</w:t></w:r></w:p></w:footnote>");
  r = import_ok (project, path);
  cr_assert_str_eq (r->format, "docx");
  cr_assert_str_eq (r->kind, "notes");
  text = text_of (project, r->document_id);
  cr_assert_str_eq (text,
                    "Wednesbury lunch club\n\n"
                    "Tea, cake and a chat.[1]\n\n"
                    "First item\n\n"
                    "Second item\n\n"
                    "Ward\n\nVisitors\n\nDarlaston\n\n42\n\n"
                    "Name\tRole\nAaliyah\tChair\n\n"
                    "Kept inserted 3.\n\n"
                    "In a content control.\n\n"
                    "[1] Every Thursday.\n");
  cr_assert_eq (r->n_chars, g_utf8_strlen (text, -1));
}

Test (docx, transcript_paragraphs_are_turns)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *path = fixture ("interview.docx");
  g_autoptr(KithImportResult) r = NULL;
  g_autofree char *text = NULL;
  const ExpectedTurn turns[] = {
    { "Sunita", "Sunita: How long", "How long", "in Bloxwich?", -1 },
    { "Marcus", "Marcus: All my life", "All my life", "Beechdale.", -1 },
    { "Sunita", "[00:01:10] Sunita: And", "And now", "And now?", 70000 },
    { "Marcus", "Marcus: I volunteer", "I volunteer", "food bank.", -1 },
  };

  kt_write_docx (path,
    P ("Interview 04 — Bloxwich")
    "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Sunita: </w:t></w:r>"
    "<w:r><w:t>How long have you lived in Bloxwich?</w:t></w:r></w:p>"
    P ("Marcus: All my life. I grew up on the Beechdale.")
    P ("[00:01:10] Sunita: And now?")
    P ("Marcus: I volunteer at the food bank."), NULL);
  r = import_ok (project, path);
  cr_assert_str_eq (r->kind, "transcript");
  cr_assert_eq (r->n_speakers, 2);
  text = text_of (project, r->document_id);
  cr_assert_str_eq (text, "Interview 04 — Bloxwich\n\n"
                          "Sunita: How long have you lived in Bloxwich?\n\n"
                          "Marcus: All my life. I grew up on the Beechdale.\n\n"
                          "[00:01:10] Sunita: And now?\n\n"
                          "Marcus: I volunteer at the food bank.\n");
  assert_turns (project, r->document_id, text, turns, G_N_ELEMENTS (turns));
}

Test (docx, chosen_by_content_not_name)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *named_txt = fixture ("really-a-docx.txt");
  g_autofree char *not_zip = fixture ("not-a-zip.docx");
  g_autofree char *workbook = fixture ("workbook.docx");
  g_autofree char *old_doc = fixture ("old.docx");
  g_autoptr(KithImportResult) r = NULL;
  g_autofree char *text = NULL;
  const KtZipEntry xlsx[] = {
    { "[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>", -1, FALSE },
    { "xl/workbook.xml", "<workbook/>", -1, FALSE },
  };

  kt_write_docx (named_txt, P ("Word, whatever the name says."), NULL);
  r = import_ok (project, named_txt);
  cr_assert_str_eq (r->format, "docx");
  text = text_of (project, r->document_id);
  cr_assert_str_eq (text, "Word, whatever the name says.\n");

  kt_write_file (not_zip, "Plain text in a file named .docx\n", -1);
  assert_fails (project, not_zip, KITH_ERROR_UNSUPPORTED,
                "this is not a Word document (.docx): such files are ZIP archives, and this one is not");
  kt_write_zip (workbook, xlsx, G_N_ELEMENTS (xlsx), NULL);
  assert_fails (project, workbook, KITH_ERROR_UNSUPPORTED, "this is an Excel workbook, not a Word document");
  kt_write_file (old_doc, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 and the rest of a Word 97 file", -1);
  assert_fails (project, old_doc, KITH_ERROR_UNSUPPORTED, "an old-style Office document (such as a Word .doc)");
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM documents"), 1);
}

/* ---- ODT ------------------------------------------------------------------- */

Test (odt, structure_white_space_and_notes)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *path = fixture ("forum.odt");
  g_autofree char *named = fixture ("forum-notes.txt");
  g_autoptr(KithImportResult) r = NULL;
  g_autoptr(KithImportResult) by_content = NULL;
  g_autofree char *text = NULL;
  const char *body =
    "<text:sequence-decls><text:sequence-decl text:name=\"Table\"/></text:sequence-decls>"
    "<text:h text:outline-level=\"1\">Community   forum,\n   Hillfields</text:h>"
    "<text:p>Where:<text:s/> <text:span>the centre</text:span><text:line-break/>"
    "When:<text:tab/>Thursday<text:s text:c=\"3\"/>evening</text:p>"
    "<text:p>“Nobody asked us before.”<text:note text:note-class=\"footnote\"><text:note-citation>1</text:note-citation>"
    "<text:note-body><text:p>Quoted with permission.</text:p></text:note-body></text:note> Then tea.</text:p>"
    "<text:list><text:list-item><text:p>Youth club</text:p></text:list-item>"
    "<text:list-item><text:p>English classes</text:p><text:list><text:list-item><text:p>in the evening</text:p>"
    "</text:list-item></text:list></text:list-item></text:list>"
    "<table:table><table:table-row><table:table-cell><text:p>Votes</text:p></table:table-cell>"
    "<table:table-cell><text:p>21</text:p></table:table-cell></table:table-row></table:table>"
    "<text:p>Kept<office:annotation><text:p>a reviewer's comment</text:p></office:annotation>.</text:p>"
    "<text:p/>";

  kt_write_odt (path, body);
  r = import_ok (project, path);
  cr_assert_str_eq (r->format, "odt");
  text = text_of (project, r->document_id);
  cr_assert_str_eq (text,
                    "Community forum, Hillfields\n\n"
                    "Where:  the centre\n"
                    "When:\tThursday   evening\n\n"
                    "“Nobody asked us before.”[1] Then tea.\n\n"
                    "Youth club\n\n"
                    "English classes\n\n"
                    "in the evening\n\n"
                    "Votes\n\n21\n\n"
                    "Kept.\n\n"
                    "[1] Quoted with permission.\n");

  /* the mimetype entry says what it is, whatever its name */
  kt_write_odt (named, "<text:p>Named .txt, still OpenDocument.</text:p>");
  by_content = import_ok (project, named);
  cr_assert_str_eq (by_content->format, "odt");
}

Test (odt, other_opendocument_and_encrypted_refused)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *sheet = fixture ("budget.odt");
  g_autofree char *locked = fixture ("locked.odt");
  const KtZipEntry spreadsheet[] = {
    { "mimetype", "application/vnd.oasis.opendocument.spreadsheet", -1, TRUE },
    { "content.xml", "<x/>", -1, FALSE },
  };
  const KtZipEntry encrypted[] = {
    { "mimetype", "application/vnd.oasis.opendocument.text", -1, TRUE },
    { "content.xml", "\x8f\x11 encrypted bytes, not XML", -1, FALSE },
    { "META-INF/manifest.xml",
      "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
      "<manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\">"
      "<manifest:encryption-data manifest:checksum-type=\"SHA1/1K\" manifest:checksum=\"x\">"
      "<manifest:algorithm manifest:algorithm-name=\"Blowfish CFB\" manifest:initialisation-vector=\"x\"/>"
      "</manifest:encryption-data></manifest:file-entry></manifest:manifest>", -1, FALSE },
  };

  kt_write_zip (sheet, spreadsheet, G_N_ELEMENTS (spreadsheet), NULL);
  assert_fails (project, sheet, KITH_ERROR_UNSUPPORTED, "an OpenDocument spreadsheet, not a text document");
  kt_write_zip (locked, encrypted, G_N_ELEMENTS (encrypted), NULL);
  assert_fails (project, locked, KITH_ERROR_ENCRYPTED, "the document is password-protected");
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM documents"), 0);
}

/* ---- HTML ------------------------------------------------------------------ */

Test (html, visible_text_with_block_structure)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *path = fixture ("newsletter.html");
  g_autoptr(KithImportResult) r = NULL;
  g_autofree char *text = NULL;

  kt_write_file (path,
    "<!DOCTYPE html>\n<html><head><title>Not shown</title>\n"
    "<style>p { color: red }</style><script>document.write (\"no\");</script></head>\n"
    "<body><nav aria-hidden=\"true\">Menu</nav>\n"
    "<h1>Tipton   Community\n Hub</h1>\n"
    "<p>On average <strong>27 people</strong>\n   came each week &mdash; &ldquo;the soup&rdquo; &amp; more.<br>\n"
    "Second line.</p>\n"
    "<div><div><p>Nested</p>blocks</div></div>\n"
    "<ul><li>Digital drop-in</li><li>Litter <em>pick</em></li></ul>\n"
    "<p hidden>hidden</p><p style=\"DISPLAY : none\">also hidden</p><noscript>no script</noscript>\n"
    "<pre>  two  spaces\n kept</pre>\n"
    "<table><tr><th>Session</th><td>4</td></tr></table>\n"
    "<template><p>template</p></template>\n"
    "</body></html>\n", -1);
  r = import_ok (project, path);
  cr_assert_str_eq (r->format, "html");
  text = text_of (project, r->document_id);
  cr_assert_str_eq (text,
                    "Tipton Community Hub\n\n"
                    "On average 27 people came each week — “the soup” & more.\n"
                    "Second line.\n\n"
                    "Nested\n\n"
                    "blocks\n\n"
                    "Digital drop-in\n\n"
                    "Litter pick\n\n"
                    "  two  spaces\n kept\n\n"
                    "Session\n\n4\n");
}

Test (html, encodings_and_content_sniffing)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *legacy = fixture ("legacy.htm");
  g_autofree char *utf8_with_old_meta = fixture ("resaved.html");
  g_autofree char *named_txt = fixture ("page.txt");
  g_autoptr(KithImportResult) a = NULL, b = NULL, c = NULL;
  g_autofree char *ta = NULL, *tb = NULL, *tc = NULL;

  /* Windows-1252 bytes, declared by <meta> */
  kt_write_file (legacy, "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
                         "</head><body><p>Caf\xE9 \x93open\x94 in Walsall</p></body></html>", -1);
  /* UTF-8 bytes under a stale Latin-1 <meta>: the bytes win */
  kt_write_file (utf8_with_old_meta, "<!doctype html><meta charset=\"iso-8859-1\"><p>Café “open” in Walsall</p>", -1);
  kt_write_file (named_txt, "  <!-- saved page -->\n<!DOCTYPE html><p>HTML named .txt</p>", -1);
  a = import_ok (project, legacy);
  b = import_ok (project, utf8_with_old_meta);
  c = import_ok (project, named_txt);
  ta = text_of (project, a->document_id);
  tb = text_of (project, b->document_id);
  tc = text_of (project, c->document_id);
  cr_assert_str_eq (a->encoding, "WINDOWS-1252");
  cr_assert_str_eq (ta, "Café “open” in Walsall\n");
  cr_assert_str_eq (b->encoding, "UTF-8");
  cr_assert_str_eq (tb, "Café “open” in Walsall\n");
  cr_assert_str_eq (c->format, "html");
  cr_assert_str_eq (tc, "HTML named .txt\n");
}

/* ---- captions -------------------------------------------------------------- */

Test (captions, webvtt_voices_become_merged_turns)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *path = fixture ("teams.vtt");
  g_autoptr(KithImportResult) r = NULL;
  g_autofree char *text = NULL;
  const char *expected =
    "[00:00:02] Joy Adebayo: Right, I think everyone's here. Thanks for joining, this is the steering group.\n\n"
    "[00:00:10] Tariq Mahmood: Thanks, Joy. The young people enjoyed it & want more.\n\n"
    "[00:01:05] Joy Adebayo: Brilliant.\n\n"
    "[01:02:03] Grace Mensah: Can I add something?\n\n"
    "[01:02:03] Joy Adebayo: Yes.\n";
  const ExpectedTurn turns[] = {
    { "Joy Adebayo", "[00:00:02] Joy Adebayo: Right", "Right, I think", "steering group.", 2140 },
    { "Tariq Mahmood", "[00:00:10] Tariq", "Thanks, Joy.", "want more.", 10020 },
    { "Joy Adebayo", "[00:01:05] Joy", "Brilliant.", "Brilliant.", 65000 },
    { "Grace Mensah", "[01:02:03] Grace", "Can I add", "add something?", 3723000 },
    { "Joy Adebayo", "[01:02:03] Joy", "Yes.", "Yes.", 3723000 },
  };

  kt_write_file (path,
    "\xEF\xBB\xBFWEBVTT - Teams export\r\nKind: captions\r\n\r\n"
    "NOTE this note is\r\nnot text\r\n\r\n"
    "STYLE\r\n::cue { color: yellow }\r\n\r\n"
    "a1b2/12-0\r\n00:00:02.140 --> 00:00:05.880 align:start\r\n<v Joy Adebayo>Right, I think everyone's here. Thanks for joining,</v>\r\n\r\n"
    "a1b2/12-1\r\n00:00:05.880 --> 00:00:09.310\r\n<v Joy Adebayo>this is the\r\nsteering group.</v>\r\n\r\n"
    "00:00:10.020 --> 00:00:15.450\r\n<v.loud Tariq Mahmood><c.yellow>Thanks</c>, Joy.</v>\r\n\r\n\r\n"
    "00:00:15.450 --> 00:00:19.900\r\n<v Tariq Mahmood>The young people enjoyed it &amp; want <00:00:18.000>more.</v>\r\n\r\n"
    "01:05.000 --> 01:07.000\r\n<v Joy Adebayo>Brilliant.\r\n\r\n"
    "01:02:03.000 --> 01:02:08.000\r\n<v Grace Mensah>Can I add something?</v>\r\n<v Joy Adebayo>Yes.</v>\r\n", -1);
  r = import_ok (project, path);
  cr_assert_str_eq (r->format, "webvtt");
  cr_assert_str_eq (r->kind, "transcript");
  cr_assert_eq (r->n_turns, 5);
  cr_assert_eq (r->n_speakers, 3);
  text = text_of (project, r->document_id);
  cr_assert_str_eq (text, expected);
  assert_turns (project, r->document_id, text, turns, G_N_ELEMENTS (turns));
}

Test (captions, srt_name_prefixes_and_cues_without_voices)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *path = fixture ("zoom.srt");
  g_autofree char *bare = fixture ("film.srt");
  g_autoptr(KithImportResult) r = NULL, b = NULL;
  g_autofree char *text = NULL, *bare_text = NULL;
  const ExpectedTurn turns[] = {
    { "Denise Walker", "[00:00:04] Denise", "Welcome, everyone.", "before you speak.", 4800 },
    { "Kieran", "[00:00:09] Kieran", "I'm Kieran.", "on my street.", 9000 },
    { "Agnieszka", "[00:00:14] Agnieszka", "For me", "only say hello.", 14200 },
  };

  kt_write_file (path,
    "1\r\n00:00:01,200 --> 00:00:04,800\r\n{\\an8}[music]\r\n\r\n"
    "2\r\n00:00:04,800 --> 00:00:08,100\r\nDenise Walker: Welcome, everyone.\r\n\r\n"
    "3\r\n00:00:08,100 --> 00:00:09,000\r\nDenise Walker: Please say your name before you speak.\r\n\r\n"
    "4\r\n00:00:09,000 --> 00:00:13,600\r\nKieran: <i>I'm Kieran.</i> I hardly know anyone\r\non my street.\r\n\r\n"
    "5\r\n00:00:14,200 --> 00:00:19,500\r\nAgnieszka: For me it's different.\r\n\r\n"
    "6\r\n00:00:19,500 --> 00:00:22,900\r\nBut my neighbours, we only say hello.\r\n", -1);
  r = import_ok (project, path);
  cr_assert_str_eq (r->format, "srt");
  text = text_of (project, r->document_id);
  cr_assert_str_eq (text,
                    "[00:00:01] [music]\n\n"
                    "[00:00:04] Denise Walker: Welcome, everyone. Please say your name before you speak.\n\n"
                    "[00:00:09] Kieran: I'm Kieran. I hardly know anyone on my street.\n\n"
                    "[00:00:14] Agnieszka: For me it's different. But my neighbours, we only say hello.\n");
  assert_turns (project, r->document_id, text, turns, G_N_ELEMENTS (turns));

  /* no speakers: each cue a paragraph of its own, and “So:” once is speech */
  kt_write_file (bare, "1\n00:00:01,000 --> 00:00:02,000\nSo: what now?\n\n"
                       "2\n00:00:03,000 --> 00:00:04,000\nWe wait.\n", -1);
  b = import_ok (project, bare);
  bare_text = text_of (project, b->document_id);
  cr_assert_str_eq (bare_text, "[00:00:01] So: what now?\n\n[00:00:03] We wait.\n");
  cr_assert_eq (b->n_turns, 0);
}

Test (captions, malformed_files_are_refused_by_line)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *no_header = fixture ("no-header.vtt");
  g_autofree char *bad_timing = fixture ("bad-timing.vtt");
  g_autofree char *bad_srt = fixture ("bad.srt");
  g_autofree char *empty = fixture ("empty.vtt");

  kt_write_file (no_header, "00:00:01.000 --> 00:00:02.000\nHello\n", -1);
  kt_write_file (bad_timing, "WEBVTT\n\n1\n00:00:01.000 --> soon\nHello\n", -1);
  kt_write_file (bad_srt, "1\n00:00:01,000 --> 00:00:02,000\nHello\n\n2\nHello again, no timing\n", -1);
  kt_write_file (empty, "WEBVTT\n\nNOTE nothing here\n", -1);
  assert_fails (project, no_header, KITH_ERROR_CORRUPT, "this is not a WebVTT file: its first line must be “WEBVTT”");
  assert_fails (project, bad_timing, KITH_ERROR_CORRUPT, "line 4: expected a cue timing such as “00:01:02.500 --> 00:01:04.000”");
  assert_fails (project, bad_srt, KITH_ERROR_CORRUPT, "line 6: expected a cue timing such as “00:01:02,500 --> 00:01:04,000”");
  assert_fails (project, empty, KITH_ERROR_EMPTY, "the file contains no captions");
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM documents"), 0);
}

Test (captions, chosen_by_content)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *vtt = fixture ("captions.txt");
  g_autofree char *srt = fixture ("subtitles.txt");
  g_autoptr(KithImportResult) a = NULL, b = NULL;

  kt_write_file (vtt, "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Ann>Hi.</v>\n", -1);
  kt_write_file (srt, "1\n00:00:01,000 --> 00:00:02,000\nHi.\n", -1);
  a = import_ok (project, vtt);
  b = import_ok (project, srt);
  cr_assert_str_eq (a->format, "webvtt");
  cr_assert_str_eq (b->format, "srt");
}

/* ---- PDF ------------------------------------------------------------------- */

/* Draws text with cairo's PDF surface, wrapping it as a word processor
 * would: greedily, at spaces, and inside a word at a “|” (a hyphenation
 * point: “commu-” then “nity”), or at a “-|” (a word's own hyphen, kept). */
typedef struct
{
  cairo_t *cr;
  double   size;
  double   leading;
  guint    hyphenated;       /* words broken with a hyphen added */
  guint    broken_at_hyphen; /* words broken at their own hyphen */
} Pen;

/* Draws up to @max_lines lines of @text (with marks) from (@x, @y);
 * returns what did not fit (marks kept), or NULL; *@y moves down. */
static char *
draw_lines (Pen *pen, double x, double *y, double width, const char *text, guint max_lines)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *carry = NULL;
  guint lines = 0, i = 0;

  cairo_set_font_size (pen->cr, pen->size);
  while (words[i] != NULL || carry != NULL)
    {
      g_autofree char *word = carry != NULL ? g_steal_pointer (&carry) : g_strdup (words[i++]);
      g_autofree char *plain = kt_without_marks (word);
      g_autofree char *candidate = g_strdup_printf ("%s%s%s", line->str, line->len > 0 ? " " : "", plain);
      char *split = NULL;

      if (kt_text_advance (pen->cr, candidate) <= width)
        {
          g_string_assign (line, candidate);
          continue;
        }
      /* the last hyphenation point whose first part fits */
      for (char *mark = strrchr (word, '|'); mark != NULL; mark = g_strrstr_len (word, mark - word, "|"))
        {
          g_autofree char *head = g_strndup (word, (gsize) (mark - word));
          g_autofree char *head_plain = kt_without_marks (head);
          gboolean own = mark > word && mark[-1] == '-';
          g_autofree char *try = g_strdup_printf ("%s%s%s%s", line->str, line->len > 0 ? " " : "", head_plain,
                                                  own ? "" : "-");
          if (kt_text_advance (pen->cr, try) <= width)
            {
              g_string_assign (line, try);
              split = mark;
              if (own)
                pen->broken_at_hyphen++;
              else
                pen->hyphenated++;
              break;
            }
          if (mark == word)
            break;
        }
      cr_assert (line->len > 0, "“%s” does not fit the column", plain);
      kt_show_text_at (pen->cr, x, *y, line->str);
      *y += pen->leading;
      g_string_truncate (line, 0);
      carry = split != NULL ? g_strdup (split + 1) : g_steal_pointer (&word);
      if (++lines == max_lines)
        {
          g_autoptr(GString) rest = g_string_new (carry);
          for (; words[i] != NULL; i++)
            g_string_append_printf (rest, " %s", words[i]);
          return g_string_free (g_steal_pointer (&rest), FALSE);
        }
    }
  if (line->len > 0)
    {
      kt_show_text_at (pen->cr, x, *y, line->str);
      *y += pen->leading;
    }
  return NULL;
}

static void
running_lines (Pen *pen, guint page, guint pages)
{
  g_autofree char *footer = g_strdup_printf ("Page %u of %u", page, pages);

  cairo_set_font_size (pen->cr, 9);
  kt_show_text_at (pen->cr, 72, 40, "Black Country Befriending Network · Annual Report 2024");
  kt_show_text_at (pen->cr, 270, 810, footer);
}

/* The paragraphs of the report, with hyphenation marks. */
static const char *const report[] = {
  "Annual report 2024",
  "Over the year the Black Country Befriending Network matched 186 older resi|dents in Dudley, Sandwell "
  "and Walsall with a volunteer be|frien|der. Most refer|rals came from GP sur|geries and social pre|scri|bers, "
  "and a growing number from neigh|bours and family. Partici|pants most often said that a weekly visit gave "
  "their week a shape, and that their be|frien|der was some|one who knew their name.",
  "Volunteers told us that be|friend|ing had improved their own real sense of well-|being too. For many of them the train|ing "
  "evenings in Hales|owen were the first time they had met people from other parts of the bor|ough.",
  "In the second half of the year we piloted group sessions at the Brierley Hill Civic Hall. Resi|dents who had "
  "said they felt lonely were invited to a weekly lunch with their be|frien|ders, and atten|dance grew from eight "
  "people in July to thirty by December. The sessions were planned with resi|dents them|selves, who chose the "
  "activ|ities: remi|nis|cence after|noons, chair exer|cise and a monthly trip along the canal.",
  "Next year we want to reach more resi|dents from the Bangla|deshi and Punjabi commu|nities in Smethwick and "
  "Tipton, where our refer|rals are lowest. We are recruit|ing be|frien|ders who speak Bengali, Punjabi and Urdu, "
  "and we will work with the gurdwara and the mosques so that families know the service is there for them. "
  "Every befriender says the same thing about the work: it is good for their well-being.",
  "Thank you to every volunteer, partner and funder who made this year possible.",
};

/* Three pages: a heading and two paragraphs; two columns, the first
 * paragraph running from the left column into the right, the second
 * running on to page three; a closing paragraph. Each page has the same
 * header and a “Page N of 3” footer. */
static void
write_report_pdf (const char *path, Pen *pen)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  g_autofree char *rest = NULL;
  g_autofree char *rest2 = NULL;
  double y;

  pen->cr = cairo_create (surface);
  cairo_select_font_face (pen->cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  pen->leading = 15;

  running_lines (pen, 1, 3);
  pen->size = 18;
  y = 100;
  g_free (draw_lines (pen, 72, &y, 451, report[0], 0));
  pen->size = 11;
  y += 12;
  g_free (draw_lines (pen, 72, &y, 451, report[1], 0));
  y += 15;
  g_free (draw_lines (pen, 72, &y, 451, report[2], 0));
  cairo_show_page (pen->cr);

  running_lines (pen, 2, 3);
  y = 100;
  rest = draw_lines (pen, 72, &y, 210, report[3], 6);
  cr_assert_not_null (rest, "the paragraph runs into the second column");
  y = 100;
  g_free (draw_lines (pen, 313, &y, 210, rest, 0));
  y += 15;
  rest2 = draw_lines (pen, 313, &y, 210, report[4], 4);
  cr_assert_not_null (rest2, "the paragraph runs on to the next page");
  cairo_show_page (pen->cr);

  running_lines (pen, 3, 3);
  y = 100;
  g_free (draw_lines (pen, 72, &y, 451, rest2, 0));
  y += 15;
  g_free (draw_lines (pen, 72, &y, 451, report[5], 0));
  cairo_show_page (pen->cr);

  cairo_destroy (pen->cr);
  cairo_surface_finish (surface);
  cr_assert_eq (cairo_surface_status (surface), CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

Test (pdf, reading_order_running_lines_and_reflow)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *path = fixture ("annual-report.pdf");
  g_autoptr(KithImportResult) r = NULL;
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *text = NULL;
  Pen pen = { 0 };

  write_report_pdf (path, &pen);
  cr_assert_geq (pen.hyphenated, 2, "the fixture breaks words with hyphens");
  cr_assert_geq (pen.broken_at_hyphen, 1, "the fixture breaks a word at its own hyphen");
  for (gsize i = 0; i < G_N_ELEMENTS (report); i++)
    {
      g_autofree char *plain = kt_without_marks (report[i]);
      g_string_append_printf (expected, "%s%s\n", i > 0 ? "\n" : "", plain);
    }
  r = import_ok (project, path);
  cr_assert_str_eq (r->format, "pdf");
  cr_assert (r->reflowed);
  text = text_of (project, r->document_id);
  cr_assert_str_eq (text, expected->str);
}

Test (pdf, no_reflow_keeps_the_lines)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *path = fixture ("annual-report.pdf");
  g_autoptr(KithImportResult) r = NULL;
  g_autofree char *text = NULL;
  KithImportOptions options;
  Pen pen = { 0 };

  write_report_pdf (path, &pen);
  kith_import_options_init (&options);
  options.reflow = KITH_REFLOW_NEVER;
  r = kith_import_file (project, path, &options);
  cr_assert_eq (r->status, KITH_IMPORT_IMPORTED, "%s", r->message);
  cr_assert_not (r->reflowed);
  text = text_of (project, r->document_id);
  cr_assert (g_str_has_prefix (text, "Annual report 2024\n\nOver the year"), "%s", text);
  cr_assert (strstr (text, "-\n") != NULL, "hyphens at line ends stay");
  cr_assert_null (strstr (text, "Page 1 of 3"), "running lines still go");
  cr_assert_null (strstr (text, "Befriending Network ·"));
}

/* ---- an encrypted PDF, written by hand (RC4, 40-bit: the standard
 * security handler, revision 2) ----------------------------------------------- */

static void
rc4 (const guint8 *key, gsize key_len, guint8 *data, gsize len)
{
  guint8 s[256], t;
  guint i, j = 0;

  for (i = 0; i < 256; i++)
    s[i] = (guint8) i;
  for (i = 0; i < 256; i++)
    {
      j = (j + s[i] + key[i % key_len]) & 0xFF;
      t = s[i]; s[i] = s[j]; s[j] = t;
    }
  i = j = 0;
  for (gsize n = 0; n < len; n++)
    {
      i = (i + 1) & 0xFF;
      j = (j + s[i]) & 0xFF;
      t = s[i]; s[i] = s[j]; s[j] = t;
      data[n] ^= s[(s[i] + s[j]) & 0xFF];
    }
}

static void
md5 (const guint8 *const *parts, const gsize *lens, guint8 out[16])
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_MD5);
  gsize n = 16;

  for (guint i = 0; parts[i] != NULL; i++)
    g_checksum_update (sum, parts[i], lens[i]);
  g_checksum_get_digest (sum, out, &n);
}

static void
padded (const char *password, guint8 out[32])
{
  static const guint8 pad[32] = {
    0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
    0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
  };
  gsize n = MIN (strlen (password), 32);

  memcpy (out, password, n);
  memcpy (out + n, pad, 32 - n);
}

static char *
hex (const guint8 *data, gsize len)
{
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < len; i++)
    g_string_append_printf (out, "%02X", data[i]);
  return g_string_free (out, FALSE);
}

static GBytes *
encrypted_pdf (const char *user_password)
{
  static const guint8 id[16] = "KithTestFixture1";
  const char *content = "BT /F1 14 Tf 72 720 Td (Confidential notes from Wolverhampton) Tj ET";
  const gint32 permissions = -44;
  guint8 owner_key[16], key[16], object_key[16], o[32], u[32], user[32], owner[32], p[4];
  g_autofree guint8 *stream = (guint8 *) g_strdup (content);
  gsize stream_len = strlen (content);
  g_autoptr(GString) pdf = g_string_new ("%PDF-1.4\n");
  g_autofree char *o_hex = NULL, *u_hex = NULL, *id_hex = NULL;
  gsize offsets[7];

  for (int i = 0; i < 4; i++)
    p[i] = (guint8) (((guint32) permissions >> (8 * i)) & 0xFF);
  padded (user_password, user);
  padded ("owner", owner);
  /* O: the padded user password, under a key from the owner password */
  {
    const guint8 *parts[] = { owner, NULL };
    const gsize lens[] = { 32 };
    md5 (parts, lens, owner_key);
    memcpy (o, user, 32);
    rc4 (owner_key, 5, o, 32);
  }
  /* the file key, and U: the padding string under it */
  {
    const guint8 *parts[] = { user, o, p, id, NULL };
    const gsize lens[] = { 32, 32, 4, 16 };
    static const guint8 pad_only[1] = { 0 };
    md5 (parts, lens, key);
    padded ((const char *) pad_only, u);
    rc4 (key, 5, u, 32);
  }
  /* object 4's stream, under the key for object 4, generation 0 */
  {
    const guint8 object[5] = { 4, 0, 0, 0, 0 };
    const guint8 *parts[] = { key, object, NULL };
    const gsize lens[] = { 5, 5 };
    md5 (parts, lens, object_key);
    rc4 (object_key, 10, stream, stream_len);
  }
  o_hex = hex (o, 32);
  u_hex = hex (u, 32);
  id_hex = hex (id, 16);

  offsets[1] = pdf->len;
  g_string_append (pdf, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
  offsets[2] = pdf->len;
  g_string_append (pdf, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
  offsets[3] = pdf->len;
  g_string_append (pdf, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                        "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>\nendobj\n");
  offsets[4] = pdf->len;
  g_string_append_printf (pdf, "4 0 obj\n<< /Length %" G_GSIZE_FORMAT " >>\nstream\n", stream_len);
  g_string_append_len (pdf, (const char *) stream, (gssize) stream_len);
  g_string_append (pdf, "\nendstream\nendobj\n");
  offsets[5] = pdf->len;
  g_string_append (pdf, "5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\n");
  offsets[6] = pdf->len;
  g_string_append_printf (pdf, "6 0 obj\n<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>\nendobj\n",
                          o_hex, u_hex, permissions);
  {
    gsize xref = pdf->len;
    g_string_append (pdf, "xref\n0 7\n0000000000 65535 f \n");
    for (int i = 1; i <= 6; i++)
      g_string_append_printf (pdf, "%010" G_GSIZE_FORMAT " 00000 n \n", offsets[i]);
    g_string_append_printf (pdf, "trailer\n<< /Size 7 /Root 1 0 R /Encrypt 6 0 R /ID [<%s> <%s>] >>\n"
                                 "startxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n", id_hex, id_hex, xref);
  }
  return g_bytes_new (pdf->str, pdf->len);
}

Test (pdf, password_protected_is_refused)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *path = fixture ("locked.pdf");
  g_autoptr(GBytes) bytes = encrypted_pdf ("kith-secret");
  g_autoptr(GError) error = NULL;
  PopplerDocument *doc;
  PopplerPage *page;
  g_autofree char *text = NULL;

  /* the fixture is a sound encrypted PDF: with its password it opens */
  doc = poppler_document_new_from_bytes (bytes, "kith-secret", &error);
  cr_assert_not_null (doc, "%s", error ? error->message : "");
  page = poppler_document_get_page (doc, 0);
  text = poppler_page_get_text (page);
  cr_assert (strstr (text, "Confidential notes from Wolverhampton") != NULL, "%s", text);
  g_object_unref (page);
  g_object_unref (doc);

  kt_write_file (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes));
  assert_fails (project, path, KITH_ERROR_ENCRYPTED,
                "the PDF is password-protected; save a copy without a password and import that");
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM documents"), 0);
}

Test (pdf, damaged_and_textless_are_refused)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *damaged = fixture ("damaged.pdf");
  g_autofree char *truncated = fixture ("truncated.pdf");
  g_autofree char *scan = fixture ("scan.pdf");
  g_autofree char *good = fixture ("good.pdf");
  g_autofree char *bytes = NULL;
  gsize len = 0;
  Pen pen = { 0 };
  cairo_surface_t *surface;
  cairo_t *cr;

  kt_write_file (damaged, "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R\ngarbage garbage\n", -1);
  assert_fails (project, damaged, KITH_ERROR_CORRUPT, "the PDF is damaged");

  write_report_pdf (good, &pen);
  bytes = kt_read_file (good, &len);
  kt_write_file (truncated, bytes, (gssize) (len / 3));
  assert_fails (project, truncated, KITH_ERROR_CORRUPT, "the PDF is damaged");

  /* a page with a drawing and no text, as a scan would be */
  surface = cairo_pdf_surface_create (scan, 595, 842);
  cr = cairo_create (surface);
  cairo_rectangle (cr, 72, 72, 300, 400);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  assert_fails (project, scan, KITH_ERROR_EMPTY, "the PDF contains no text: it may be scanned pages");
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM documents"), 0);
}

/* What the desktop app's Import chooser shows by default */
Test (import_formats, extensions_of_every_format)
{
  g_auto(GStrv) extensions = kith_import_extensions ();
  const char *wanted[] = { ".txt", ".md", ".docx", ".odt", ".pdf", ".vtt", ".srt", ".html", ".csv" };

  for (gsize i = 0; i < G_N_ELEMENTS (wanted); i++)
    cr_assert (g_strv_contains ((const char *const *) extensions, wanted[i]), "%s is missing", wanted[i]);
  for (char **e = extensions; *e != NULL; e++)
    {
      g_autofree char *lower = g_ascii_strdown (*e, -1);

      cr_assert (g_str_has_prefix (*e, ".") && g_str_equal (lower, *e), "“%s” is not a lower-case extension", *e);
    }
  cr_assert_eq (g_strv_length (extensions), 17);
}
