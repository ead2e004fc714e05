/* test-import-safety.c — archives and documents are hostile until proven
 * otherwise: each attack refused with its reason, nothing half-imported,
 * the rest of a batch still imported */
#include "kith-config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "kith-archive.h"
#include "kith-import.h"
#include "kith-xml.h"
#include "kith-test-util.h"

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
#define CONTENT_TYPES \
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" \
  "<Override PartName=\"/word/document.xml\" " \
  "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"

static char *
in_tmp (const char *dir, const char *name)
{
  return g_build_filename (dir, name, NULL);
}

/* A DOCX whose word/document.xml is @document. */
static void
write_docx_part (const char *path, const char *document, gssize len)
{
  const KtZipEntry entries[] = {
    { "[Content_Types].xml", CONTENT_TYPES, -1, FALSE },
    { "word/document.xml", document, len, FALSE },
  };

  kt_write_zip (path, entries, G_N_ELEMENTS (entries), NULL);
}

static void
assert_refused (KithImportResult *r, int code, const char *message)
{
  cr_assert_eq (r->status, KITH_IMPORT_FAILED, "%s was imported", r->path);
  cr_assert_eq (r->error_code, code, "%s: code %d: %s", r->path, r->error_code, r->message);
  cr_assert (strstr (r->message, message) != NULL, "%s: “%s” lacks “%s”", r->path, r->message, message);
}

static void
assert_file_refused (const char *path, int code, const char *message)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(KithImportResult) r = kith_import_file (project, path, NULL);

  assert_refused (r, code, message);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM documents"), 0);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM document_texts"), 0);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM turns"), 0);
}

/* ---- ZIP archives ----------------------------------------------------------- */

Test (safety, zip_bomb_is_refused_early)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = in_tmp (dir, "bomb.docx");
  /* 40 MB of one repeated paragraph: deflate makes it about 40 kB */
  gsize size = 40 * 1024 * 1024;
  g_autofree char *document = g_malloc (size);
  const char *head = "<w:document " W_NS "><w:body><w:p><w:r><w:t>";
  gint64 started = g_get_monotonic_time ();

  memset (document, 'A', size);
  memcpy (document, head, strlen (head));
  write_docx_part (path, document, (gssize) size);
  assert_file_refused (path, KITH_ERROR_UNSAFE,
                       "the archive expands to more than 100 times its size (entry “word/document.xml”), "
                       "as a “zip bomb” does");
  cr_assert_lt (g_get_monotonic_time () - started, 30 * G_USEC_PER_SEC);
}

Test (safety, archive_limits_are_checked_while_reading)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = in_tmp (dir, "big.zip");
  g_autofree char *noise = g_malloc (3000);
  g_autofree char *data = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  KithArchiveLimits limits;
  GRand *rand = g_rand_new_with_seed (42);
  const KtZipEntry entries[] = {
    { "a.txt", noise, 3000, FALSE },
    { "b.txt", noise, 3000, FALSE },
  };

  /* random bytes do not compress: no ratio alarm, only the size limits */
  for (int i = 0; i < 3000; i++)
    noise[i] = (char) g_rand_int_range (rand, 0, 256);
  g_rand_free (rand);
  kt_write_zip (path, entries, G_N_ELEMENTS (entries), NULL);
  data = kt_read_file (path, &len);
  bytes = g_bytes_new (data, len);

  kith_archive_limits_init (&limits);
  cr_assert_eq (limits.max_entry_bytes, (gint64) 200 * 1024 * 1024);
  cr_assert_eq (limits.max_total_bytes, (gint64) 200 * 1024 * 1024);
  cr_assert_eq (limits.max_ratio, 100);

  limits.max_entry_bytes = 2000;
  {
    g_autoptr(KithArchive) archive = kith_archive_open (bytes, &limits, &error);
    g_autoptr(GBytes) entry = NULL;
    cr_assert_not_null (archive, "%s", error ? error->message : "");
    entry = kith_archive_read (archive, "a.txt", &error);
    cr_assert_null (entry);
    cr_assert_eq (error->code, KITH_ERROR_TOO_LARGE);
    cr_assert (strstr (error->message, "entry “a.txt” of the archive is larger than") != NULL, "%s", error->message);
    g_clear_error (&error);
  }
  kith_archive_limits_init (&limits);
  limits.max_total_bytes = 5000;
  {
    g_autoptr(KithArchive) archive = kith_archive_open (bytes, &limits, &error);
    g_autoptr(GBytes) a = kith_archive_read (archive, "a.txt", &error);
    g_autoptr(GBytes) b = NULL;
    cr_assert_not_null (a, "%s", error ? error->message : "");
    cr_assert_eq (g_bytes_get_size (a), 3000);
    cr_assert (memcmp (g_bytes_get_data (a, NULL), noise, 3000) == 0);
    b = kith_archive_read (archive, "b.txt", &error);
    cr_assert_null (b, "the total is over the limit");
    cr_assert_eq (error->code, KITH_ERROR_TOO_LARGE);
    cr_assert (strstr (error->message, "more than 0 MB of uncompressed data") != NULL, "%s", error->message);
    g_clear_error (&error);
  }
  kith_archive_limits_init (&limits);
  limits.max_entries = 1;
  {
    g_autoptr(KithArchive) archive = kith_archive_open (bytes, &limits, &error);
    cr_assert_null (archive);
    cr_assert_eq (error->code, KITH_ERROR_UNSAFE);
    cr_assert (strstr (error->message, "more than 1 entries") != NULL, "%s", error->message);
  }
}

Test (safety, unsafe_entry_names)
{
  g_autofree char *dir = kt_tmpdir ();
  static const char *const names[] = {
    "../../../home/evaluator/.bashrc", "/etc/passwd", "word/../../escape.xml", "..\\..\\windows\\win.ini",
    "C:/Users/Public/evil.xml", "\\\\server\\share\\evil.xml",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file = g_strdup_printf ("traversal-%" G_GSIZE_FORMAT ".docx", i);
      g_autofree char *path = in_tmp (dir, file);
      /* libarchive reads “\” in ZIP names as “/” */
      g_autofree char *shown = g_strdelimit (g_strdup (names[i]), "\\", '/');
      g_autofree char *message = g_strdup_printf ("the archive holds an entry with an unsafe name (“%s”): "
                                                  "Kith refuses archives with absolute paths or “..” in entry names",
                                                  shown);
      const KtZipEntry entries[] = {
        { "[Content_Types].xml", CONTENT_TYPES, -1, FALSE },
        { "word/document.xml", "<w:document " W_NS "><w:body><w:p><w:r><w:t>Hi</w:t></w:r></w:p></w:body></w:document>", -1, FALSE },
        { names[i], "payload", -1, FALSE },
      };
      kt_write_zip (path, entries, G_N_ELEMENTS (entries), NULL);
      assert_file_refused (path, KITH_ERROR_UNSAFE, message);
    }
}

Test (safety, duplicate_entry_names)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = in_tmp (dir, "twice.docx");
  const KtZipEntry entries[] = {
    { "[Content_Types].xml", CONTENT_TYPES, -1, FALSE },
    { "word/document.xml", "<w:document " W_NS "><w:body/></w:document>", -1, FALSE },
    { "word/document.xml", "<w:document " W_NS "><w:body><w:p><w:r><w:t>Other</w:t></w:r></w:p></w:body></w:document>", -1, FALSE },
  };

  kt_write_zip (path, entries, G_N_ELEMENTS (entries), NULL);
  assert_file_refused (path, KITH_ERROR_UNSAFE, "the archive holds two entries named “word/document.xml”");
}

Test (safety, encrypted_and_corrupt_archives)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *encrypted = in_tmp (dir, "encrypted.docx");
  g_autofree char *good = in_tmp (dir, "good.docx");
  g_autofree char *truncated = in_tmp (dir, "truncated.docx");
  g_autofree char *garbled = in_tmp (dir, "garbled.odt");
  g_autofree char *office = in_tmp (dir, "protected.docx");
  g_autofree char *bytes = NULL;
  g_autoptr(GString) cfb = g_string_new_len ("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  gsize len = 0;
  const KtZipEntry entries[] = {
    { "[Content_Types].xml", CONTENT_TYPES, -1, FALSE },
    { "word/document.xml", "<w:document " W_NS "><w:body><w:p><w:r><w:t>Secret</w:t></w:r></w:p></w:body></w:document>", -1, FALSE },
  };

  kt_write_zip (encrypted, entries, G_N_ELEMENTS (entries), "walsall2025");
  assert_file_refused (encrypted, KITH_ERROR_ENCRYPTED,
                       "the file is password-protected (entry “[Content_Types].xml” is encrypted); "
                       "save a copy without a password and import that");

  kt_write_zip (good, entries, G_N_ELEMENTS (entries), NULL);
  bytes = kt_read_file (good, &len);
  kt_write_file (truncated, bytes, (gssize) (len - 30));
  assert_file_refused (truncated, KITH_ERROR_CORRUPT, "the file is damaged");

  /* a sound header, then the deflated data overwritten */
  memset (bytes + 60, 0x5A, 40);
  kt_write_file (garbled, bytes, (gssize) len);
  assert_file_refused (garbled, KITH_ERROR_CORRUPT, "the file is damaged");

  /* what Word writes for a document with a password: an OLE file */
  {
    static const char stream[] = "\0\0\0\0E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0\0\0";
    g_string_append_len (cfb, stream, sizeof stream - 1);
  }
  kt_write_file (office, cfb->str, (gssize) cfb->len);
  assert_file_refused (office, KITH_ERROR_ENCRYPTED, "the document is password-protected");
}

/* ---- XML ------------------------------------------------------------------- */

Test (safety, external_entities_are_never_read)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *secret = in_tmp (dir, "secret.txt");
  g_autofree char *path = in_tmp (dir, "xxe.docx");
  g_autofree char *document = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(KithImportResult) r = NULL;

  kt_write_file (secret, "KITH-SECRET-4417\n", -1);
  uri = g_filename_to_uri (secret, NULL, NULL);
  document = g_strdup_printf ("<?xml version=\"1.0\"?>\n<!DOCTYPE w:document [ <!ENTITY xxe SYSTEM \"%s\"> ]>\n"
                              "<w:document " W_NS "><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>",
                              uri);
  write_docx_part (path, document, -1);
  r = kith_import_file (project, path, NULL);
  assert_refused (r, KITH_ERROR_UNSAFE, "word/document.xml declares XML entities (<!ENTITY> in a DOCTYPE), which Kith refuses");
  cr_assert_null (strstr (r->message, "KITH-SECRET"));
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM documents"), 0);
}

Test (safety, external_dtd_is_not_fetched)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = in_tmp (dir, "dtd.docx");
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(KithImportResult) r = NULL;
  /* an external DTD (never loaded: no network, no DTD loading), and an
   * entity it would have declared stays unknown */
  const char *document =
    "<?xml version=\"1.0\"?>\n<!DOCTYPE w:document SYSTEM \"http://attacker.invalid/evil.dtd\">\n"
    "<w:document " W_NS "><w:body><w:p><w:r><w:t>Only this.</w:t></w:r></w:p></w:body></w:document>";

  write_docx_part (path, document, -1);
  r = kith_import_file (project, path, NULL);
  cr_assert_eq (r->status, KITH_IMPORT_IMPORTED, "%s", r->message);
  cr_assert_eq (r->n_chars, 11);
}

Test (safety, billion_laughs)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = in_tmp (dir, "laughs.odt");
  g_autoptr(GString) content = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE office:document-content [\n"
                                             "  <!ENTITY lol \"lol\">\n");

  for (int i = 1; i <= 9; i++)
    g_string_append_printf (content, "  <!ENTITY lol%d \"&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;&lol%d;\">\n",
                            i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
  g_string_replace (content, "&lol0;", "&lol;", 0);
  g_string_append (content, "]>\n<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
                            "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>"
                            "<text:p>&lol9;</text:p></office:text></office:body></office:document-content>");
  {
    const KtZipEntry odt[] = {
      { "mimetype", "application/vnd.oasis.opendocument.text", -1, TRUE },
      { "content.xml", content->str, -1, FALSE },
    };
    kt_write_zip (path, odt, G_N_ELEMENTS (odt), NULL);
  }
  assert_file_refused (path, KITH_ERROR_UNSAFE, "content.xml declares XML entities");
}

Test (safety, deep_nesting)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *docx = in_tmp (dir, "deep.docx");
  g_autofree char *html = in_tmp (dir, "deep.html");
  g_autoptr(GString) document = g_string_new ("<w:document " W_NS "><w:body>");
  g_autoptr(GString) page = g_string_new ("<!DOCTYPE html><html><body>");

  for (int i = 0; i < 100000; i++)
    {
      g_string_append (document, "<w:customXml>");
      g_string_append (page, "<div>");
    }
  g_string_append (document, "<w:p><w:r><w:t>deep</w:t></w:r></w:p>");
  for (int i = 0; i < 100000; i++)
    g_string_append (document, "</w:customXml>");
  g_string_append (document, "</w:body></w:document>");
  g_string_append (page, "deep</body></html>");

  write_docx_part (docx, document->str, -1);
  assert_file_refused (docx, KITH_ERROR_UNSAFE, "word/document.xml is nested more than 256 levels deep");
  kt_write_file (html, page->str, -1);
  assert_file_refused (html, KITH_ERROR_UNSAFE, "the HTML document is nested more than 256 levels deep");
}

Test (safety, malformed_xml)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = in_tmp (dir, "broken.docx");

  write_docx_part (path, "<w:document " W_NS "><w:body><w:p><w:r><w:t>unclosed</w:r></w:p></w:body></w:document>", -1);
  assert_file_refused (path, KITH_ERROR_CORRUPT, "the file is damaged: word/document.xml cannot be read (line 1: ");
}

/* ---- XML streams -------------------------------------------------------------- */

typedef struct
{
  GString *trace;
  gboolean fail_at_two;
} StreamTrace;

static KithXmlStreamAction
trace_start (const xmlNode *element, guint depth, gpointer user_data)
{
  StreamTrace *t = user_data;
  const char *name = (const char *) element->name;

  g_string_append_printf (t->trace, "<%s %u>", name, depth);
  if (g_str_equal (name, "item"))
    return KITH_XML_STREAM_WHOLE;
  return g_str_equal (name, "skip") ? KITH_XML_STREAM_SKIP : KITH_XML_STREAM_DESCEND;
}

static gboolean
trace_end (xmlNode *element, guint depth, KithXmlStreamAction action, gpointer user_data, GError **error)
{
  StreamTrace *t = user_data;
  g_autofree char *n = (char *) xmlGetProp (element, (const xmlChar *) "n");
  xmlChar *content = xmlNodeGetContent (element);

  /* nothing before it is kept: the walk is done with it */
  cr_assert_null (element->prev, "%s has an earlier sibling still", element->name);
  if (action == KITH_XML_STREAM_WHOLE)
    g_string_append_printf (t->trace, "[%s: %s]", n, (const char *) content);
  else
    g_string_append_printf (t->trace, "</%s %s>", element->name, element->children == NULL ? "empty" : "full");
  xmlFree (content);
  if (t->fail_at_two && n != NULL && g_str_equal (n, "2"))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_CORRUPT, "item 2 is not wanted");
      return FALSE;
    }
  return TRUE;
}

static const KithXmlStreamFuncs trace_funcs = { trace_start, trace_end };

/* Pushes @xml in pieces of @piece bytes; the trace, or the error's message. */
static char *
stream_in_pieces (const char *xml, gsize piece, gboolean fail_at_two)
{
  g_autoptr(GString) trace = g_string_new (NULL);
  StreamTrace t = { trace, fail_at_two };
  g_autoptr(KithXmlStream) stream = kith_xml_stream_new ("test.xml", &trace_funcs, &t);
  g_autoptr(GError) error = NULL;
  gsize len = strlen (xml);

  for (gsize at = 0; at < len; at += piece)
    if (!kith_xml_stream_push (stream, xml + at, MIN (piece, len - at), FALSE, &error))
      return g_strdup (error->message);
  if (!kith_xml_stream_push (stream, NULL, 0, TRUE, &error))
    return g_strdup (error->message);
  return g_string_free (g_steal_pointer (&trace), FALSE);
}

Test (safety, xml_stream_gives_the_same_elements_in_any_pieces)
{
  const char *xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    "<r><skip><item n=\"0\">never</item></skip><list>\n<item n=\"1\">Bilston <b>Road</b></item>"
                    "<!-- a comment --><item n=\"2\">Tipton</item></list><item n=\"3\">Dudley Zoo café</item></r>";
  const char *expected = "<r 1><skip 2><list 2><item 3>[1: Bilston Road]<item 3>[2: Tipton]</list empty>"
                         "<item 2>[3: Dudley Zoo café]</r empty>";
  const gsize pieces[] = { 1, 2, 7, 64, 100000 };

  for (gsize i = 0; i < G_N_ELEMENTS (pieces); i++)
    {
      g_autofree char *trace = stream_in_pieces (xml, pieces[i], FALSE);
      cr_assert_str_eq (trace, expected, "in pieces of %zu bytes", pieces[i]);
    }
  {
    g_autofree char *message = stream_in_pieces (xml, 5, TRUE);
    cr_assert_str_eq (message, "item 2 is not wanted");
  }
}

Test (safety, xml_stream_says_what_the_whole_parse_says)
{
  const char *const broken[] = {
    "<r><item n=\"1\">cut short",
    "<r><item n=\"1\">one</item></r><r/>",
    "<!DOCTYPE r [ <!ENTITY a \"b\"> ]><r><item>&a;</item></r>",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(xmlDoc) doc = kith_xml_parse (broken[i], strlen (broken[i]), "test.xml", &error);
      g_autofree char *message = stream_in_pieces (broken[i], 3, FALSE);

      cr_assert_null (doc);
      cr_assert_str_eq (message, error->message, "%s", broken[i]);
      /* one line, whatever libxml2 says: messages go into TSV */
      cr_assert_null (strchr (message, '\n'), "%s", message);
    }
  {
    g_autofree char *message = stream_in_pieces (broken[0], 3, FALSE);
    cr_assert_str_eq (message, "the file is damaged: test.xml cannot be read "
                               "(line 1: Premature end of data in tag item line 1)");
  }
  {
    /* Latin-1 where UTF-8 is declared: on one line (libxml2 breaks the
     * message in two; it goes into TSV) */
    g_autofree char *message = stream_in_pieces ("<r><item n=\"1\">Caf\xe9 on the Soho Road</item></r>", 10, FALSE);
    cr_assert_str_eq (message, "the file is damaged: test.xml cannot be read (line 1: "
                               "Input is not proper UTF-8, indicate encoding ! Bytes: 0xE9 0x20 0x6F 0x6E)");
  }
}

/* ---- a batch ----------------------------------------------------------------- */

Test (safety, hostile_files_in_a_batch_leave_the_rest_imported)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *good = in_tmp (dir, "a-good.docx");
  g_autofree char *traversal = in_tmp (dir, "b-traversal.docx");
  g_autofree char *entity = in_tmp (dir, "c-entity.docx");
  g_autofree char *notes = in_tmp (dir, "d-notes.txt");
  g_autofree char *encrypted = in_tmp (dir, "e-encrypted.odt");
  const char *paths[] = { dir, NULL };
  g_autoptr(GPtrArray) results = NULL;
  const KtZipEntry bad_names[] = {
    { "[Content_Types].xml", CONTENT_TYPES, -1, FALSE },
    { "word/document.xml", "<w:document " W_NS "><w:body/></w:document>", -1, FALSE },
    { "../evil", "x", -1, FALSE },
  };
  const KtZipEntry locked[] = {
    { "mimetype", "application/vnd.oasis.opendocument.text", -1, TRUE },
    { "content.xml", "<x/>", -1, FALSE },
  };

  kt_write_docx (good, "<w:p><w:r><w:t>Amir: Hello.</w:t></w:r></w:p><w:p><w:r><w:t>Bea: Hi.</w:t></w:r></w:p>"
                       "<w:p><w:r><w:t>Amir: Bye.</w:t></w:r></w:p><w:p><w:r><w:t>Bea: Bye.</w:t></w:r></w:p>", NULL);
  kt_write_zip (traversal, bad_names, G_N_ELEMENTS (bad_names), NULL);
  write_docx_part (entity, "<!DOCTYPE x [<!ENTITY e \"e\">]><w:document " W_NS "><w:body/></w:document>", -1);
  kt_write_file (notes, "Notes from Bilston.\n", -1);
  kt_write_zip (encrypted, locked, G_N_ELEMENTS (locked), "pass");
  results = kith_import_paths (project, paths, NULL);
  cr_assert_eq (results->len, 5);
  cr_assert_eq (((KithImportResult *) results->pdata[0])->status, KITH_IMPORT_IMPORTED);
  assert_refused (results->pdata[1], KITH_ERROR_UNSAFE, "unsafe name");
  assert_refused (results->pdata[2], KITH_ERROR_UNSAFE, "declares XML entities");
  cr_assert_eq (((KithImportResult *) results->pdata[3])->status, KITH_IMPORT_IMPORTED);
  assert_refused (results->pdata[4], KITH_ERROR_ENCRYPTED, "password-protected");
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM documents"), 2);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM document_texts"), 2);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM turns"), 4);
}
