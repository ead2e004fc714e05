/* test-evidence.c — evidence a funder can trust: document titles (from the
 * file's metadata, the first heading, the user), attribution by where a quote
 * comes from, interviewers and facilitators never quoted or counted, shared
 * quotes marked, quotes trimmed at word boundaries, and the methodology
 * section's figures, worked out by hand on a small project. */
#include "kith-config.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <criterion/criterion.h>
#include <string.h>

#include "kith-chart.h"
#include "kith-codes.h"
#include "kith-codings.h"
#include "kith-db-private.h"
#include "kith-documents.h"
#include "kith-import.h"
#include "kith-review.h"
#include "kith-summary-outline.h"
#include "kith-summary.h"
#include "kith-test-util.h"

static void
release_fonts (void)
{
  kith_chart_release_fonts ();
}

TestSuite (titles, .fini = release_fonts);
TestSuite (evidence, .fini = release_fonts);

static void
assert_contains (const char *haystack, const char *needle)
{
  cr_assert (strstr (haystack, needle) != NULL, "“%s” not in:\n%s", needle, haystack);
}

static gint64
import_as (KithProject *project, const char *path, const char *kind)
{
  KithImportOptions options = { .kind = kind };
  g_autoptr(KithImportResult) result = kith_import_file (project, path, &options);

  cr_assert_eq (result->status, KITH_IMPORT_IMPORTED, "%s: %s", path, result->message);
  return result->document_id;
}

static char *
title_of (KithProject *project, gint64 id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithDocument) doc = kith_documents_get (project, id, &error);
  char *title;

  cr_assert_not_null (doc, "%s", error ? error->message : "");
  title = kith_documents_dup_title (project, doc, &error);
  cr_assert_not_null (title, "%s", error ? error->message : "");
  return title;
}

/* ---- titles ------------------------------------------------------------------------- */

Test (titles, from_the_start_of_the_text)
{
  static const struct { const char *text; const char *title; } cases[] = {
    { "# Dudley youth workshop, June 2025\n\nYoung people said the park feels unsafe.\n",
      "Dudley youth workshop, June 2025" },
    { "Dudley Connects: Year Two Report to the Community Foundation\n\nSection 3. Outcomes\n",
      "Dudley Connects: Year Two Report to the Community Foundation" },
    { "Interviewer: Grace Obi (peer researcher)\nDate: 3 May 2025\n\nGrace: Hello?\nHamid: Hello.\n", NULL },
    { "Residents in Bilston told us that the bus to the market stopped running in May.\n"
      "It now runs on Saturdays only, so nobody can get to the Friday market.\n", NULL },
    { "\n\n  **Year two report.**  \n\nThe programme ran in Wednesbury.\n", "Year two report." },
    { "", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *title = kith_document_title_from_text (cases[i].text, strlen (cases[i].text));
      cr_assert_str_eq (title != NULL ? title : "(none)", cases[i].title != NULL ? cases[i].title : "(none)",
                        "case %" G_GSIZE_FORMAT, i);
    }
}

static void
write_pdf_with_title (const char *path, const char *title)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, 12);
  cairo_move_to (cr, 72, 72);
  cairo_show_text (cr, "Annual report");
  cairo_move_to (cr, 72, 100);
  cairo_show_text (cr, "The hub in Tipton opened five days a week.");
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
}

/* Each format's own title wins over the first line; the user's over both. */
Test (titles, from_the_file_metadata_and_the_user)
{
  g_autofree char *path = NULL;
  g_autoptr(KithProject) project = kt_new_project (&path);
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *html = g_build_filename (dir, "hub.html", NULL);
  g_autofree char *docx = g_build_filename (dir, "forum.docx", NULL);
  g_autofree char *odt = g_build_filename (dir, "forum.odt", NULL);
  g_autofree char *pdf = g_build_filename (dir, "annual.pdf", NULL);
  g_autofree char *txt = g_build_filename (dir, "notes.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  gint64 ids[5];
  const char *expected[] = {
    "Tipton Community Hub news, spring 2025", "Smethwick residents' forum", "Foleshill community forum",
    "Tipton Community Hub annual report 2025", "notes.txt",
  };
  const KtZipEntry word[] = {
    { "[Content_Types].xml", KT_DOCX_CONTENT_TYPES, -1, FALSE },
    { "word/document.xml",
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
      "<w:p><w:r><w:t>Minutes of the meeting held at the library.</w:t></w:r></w:p></w:body></w:document>", -1, FALSE },
    { "docProps/core.xml",
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>  Smethwick residents'\n forum </dc:title>"
      "<dc:creator>Delroy Campbell</dc:creator></cp:coreProperties>", -1, FALSE },
  };
  const KtZipEntry writer[] = {
    { "mimetype", "application/vnd.oasis.opendocument.text", -1, TRUE },
    { "content.xml",
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>"
      "<text:p>Notes of the forum at the Foleshill community centre.</text:p>"
      "</office:text></office:body></office:document-content>", -1, FALSE },
    { "meta.xml",
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<office:document-meta xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><office:meta><dc:title>Foleshill community forum</dc:title>"
      "</office:meta></office:document-meta>", -1, FALSE },
  };

  kt_write_file (html, "<html><head><title>Tipton Community Hub news,\n  spring 2025</title></head>"
                       "<body><h1>News</h1><p>The hub is open on Saturdays.</p></body></html>", -1);
  kt_write_zip (docx, word, G_N_ELEMENTS (word), NULL);
  kt_write_zip (odt, writer, G_N_ELEMENTS (writer), NULL);
  write_pdf_with_title (pdf, "Tipton Community Hub annual report 2025");
  kt_write_file (txt, "Residents in Bilston told us that the bus to the market stopped running in May.\n", -1);
  ids[0] = import_as (project, html, NULL);
  ids[1] = import_as (project, docx, NULL);
  ids[2] = import_as (project, odt, NULL);
  ids[3] = import_as (project, pdf, "report");
  ids[4] = import_as (project, txt, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *title = title_of (project, ids[i]);
      cr_assert_str_eq (title, expected[i], "document %u", i);
    }
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM documents WHERE title IS NULL"), 1, "the text's own: computed");

  /* the user's title, undone like any edit; blank brings back the file's */
  cr_assert (kith_documents_set_title (project, ids[3], "  Annual report 2025 ", &error), "%s", error->message);
  {
    g_autofree char *title = title_of (project, ids[3]);
    cr_assert_str_eq (title, "Annual report 2025");
  }
  cr_assert (kith_documents_set_title (project, ids[4], "", &error));
  cr_assert_not (kith_documents_set_title (project, 99, "x", &error));
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_NOT_FOUND), "%s", error->message);
  g_clear_error (&error);
  g_clear_object (&project);

  cr_assert_eq (kt_cli (&out, &err, "docs", "title", path, "forum.docx", NULL), 0, "%s", err);
  cr_assert_str_eq (out, "Smethwick residents' forum\n");
  g_clear_pointer (&out, g_free);
  cr_assert_eq (kt_cli (&out, NULL, "docs", "title", path, "annual.pdf", "Tipton hub: the year in review", NULL), 0);
  cr_assert_str_eq (out, "Tipton hub: the year in review\n");
  g_clear_pointer (&out, g_free);
  cr_assert_eq (kt_cli (&out, NULL, "docs", "title", path, "annual.pdf", "", NULL), 0);
  cr_assert_str_eq (out, "Annual report\n", "an empty title: the one the text gives");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  cr_assert_eq (kt_cli (NULL, &err, "docs", "title", path, "missing.txt", NULL), 1);
  assert_contains (err, "missing.txt");
  g_clear_pointer (&out, g_free);
  cr_assert_eq (kt_cli (&out, NULL, "docs", path, NULL), 0);
  assert_contains (out, "1\thub.html\tnotes\t");
}

/* A project of the first schema has no titles: they are worked out on read. */
Test (titles, an_older_project)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.kith", NULL);
  g_autofree char *app_id = g_strdup_printf ("PRAGMA application_id = %d", KITH_APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithProject) project = NULL;
  sqlite3 *db = NULL;

  cr_assert_eq (sqlite3_open (path, &db), SQLITE_OK);
  cr_assert_eq (sqlite3_exec (db, app_id, NULL, NULL, NULL), SQLITE_OK);
  cr_assert_eq (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
  cr_assert (kith_schema_migrate (db, 0, 1, &error), "%s", error ? error->message : "");
  /* as the Kith of that version wrote it: with its undo triggers */
  cr_assert (kith_history_install_triggers (db, &error), "%s", error ? error->message : "");
  cr_assert_eq (sqlite3_exec (db,
      "INSERT INTO documents (id, name, kind, original_name, format, size, sha256, encoding, char_count, byte_count, imported)"
      " VALUES (1, 'old.md', 'notes', 'old.md', 'markdown', 40, 'abc', 'UTF-8', 40, 40, '2025-01-01T00:00:00Z');"
      "INSERT INTO document_texts (document_id, text) VALUES (1, CAST ('# Brierley Hill walk\n\nWe met at the church.' AS BLOB));"
      "COMMIT;", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
  project = kith_project_open (path, KITH_OPEN_DEFAULT, &error);
  cr_assert_not_null (project, "%s", error ? error->message : "");
  {
    g_autofree char *title = title_of (project, 1);
    cr_assert_str_eq (title, "Brierley Hill walk");
  }
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM documents WHERE title IS NULL"), 1);
}

/* ---- evidence ------------------------------------------------------------------------ */

#define TEXT_WALSALL \
  "Peer research interview: Caldmore, Walsall\n" \
  "Interviewer: Grace Obi (peer researcher)\n" \
  "Participant: Hamid Rahman\n" \
  "\n" \
  "Grace: What helps you feel part of Caldmore?\n" \
  "Hamid: The mosque runs a breakfast club and everyone is welcome there.\n" \
  "Grace: Is there anything missing?\n" \
  "Hamid: Nobody told us about the advice centre until last winter.\n"
#define TEXT_TIPTON \
  "Tipton listening session\n" \
  "\n" \
  "Facilitator: Who do you ask when you need help?\n" \
  "Joy: I ask Marcia next door, she knows every service in Tipton.\n" \
  "Facilitator: And the council?\n" \
  "Joy: I rang three times about the lights on Owen Street and nobody came.\n"
#define TEXT_REPORT \
  "<html><head><title>Walsall Together: annual report 2025</title></head><body><h1>Annual report</h1>" \
  "<p>Residents told us the council now answers their letters within a week.</p></body></html>"
#define TEXT_NOTES \
  "# Dudley youth workshop, June 2025\n" \
  "\n" \
  "Facilitators: Priya Sandhu and Marek Kowalczyk\n" \
  "\n" \
  "Young people said the park by the bus station feels unsafe after dark.\n"

#define W1 "The mosque runs a breakfast club and everyone is welcome there."
#define W2 "What helps you feel part of Caldmore?"
#define W3 "obody told us about the advice cent"
#define T1 "I ask Marcia next door, she knows every service in Tipton."
#define T2 "Who do you ask when you need help?"
#define T3 "I rang three times about the lights on Owen Street and nobody came."
#define T4 "And the council?"
#define W4 "Is there anything missing?"
#define R1 "Residents told us the council now answers their letters within a week."
#define N1 "Young people said the park by the bus station feels unsafe after dark."

typedef struct
{
  gint64 walsall, tipton, report, notes;
  gint64 welcomed, belonging, know, heard, safe;
} Fixture;

static gint64
span_start (KithProject *project, gint64 doc, const char *passage)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = kith_documents_dup_text (project, doc, NULL, &error);
  const char *at;

  cr_assert_not_null (text, "%s", error ? error->message : "");
  at = strstr (text, passage);
  cr_assert_not_null (at, "“%s” not in document %" G_GINT64_FORMAT, passage, doc);
  return g_utf8_pointer_to_offset (text, at);
}

static void
code (KithProject *project, gint64 doc, const char *passage, gint64 code_id)
{
  g_autofree char *text = kith_documents_dup_text (project, doc, NULL, NULL);

  cr_assert_not_null (text);
  kt_code_text (project, doc, text, passage, code_id);
}

/* A suggestion of the rule with id 1 for @passage; returns its id. */
static gint64
suggest (KithProject *project, gint64 doc, const char *passage, gint64 code_id)
{
  gint64 start = span_start (project, doc, passage);
  g_autofree char *sql = g_strdup_printf ("INSERT INTO suggestions (document_id, code_id, rule_id, start_pos, end_pos) "
                                          "VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 1, %" G_GINT64_FORMAT
                                          ", %" G_GINT64_FORMAT ")", doc, code_id, start,
                                          start + g_utf8_strlen (passage, -1));

  kt_exec_sql (project, sql);
  return sqlite3_last_insert_rowid (kith_project_get_db (project));
}

/* Two transcripts (Caldmore in Walsall, with the interviewer in the header;
 * Tipton in Sandwell, with a facilitator by role), a report and workshop
 * notes. By hand (Amina Begum): W1 under two outcomes, W2 (Grace's
 * question), W3 (a span a letter off at both ends), T1, T2 (the
 * facilitator's question), R1, N1. From a rule on Heard: T3 accepted (by
 * Dev Patel), T4 rejected, W4 left in the queue. */
static KithProject *
fixture (Fixture *f, char **path)
{
  KithProject *project = kt_new_project (path);
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *walsall = g_build_filename (dir, "caldmore-interview.txt", NULL);
  g_autofree char *tipton = g_build_filename (dir, "tipton-session.txt", NULL);
  g_autofree char *report = g_build_filename (dir, "annual-report.html", NULL);
  g_autofree char *notes = g_build_filename (dir, "youth-workshop.md", NULL);
  g_autoptr(GError) error = NULL;
  gint64 accept, reject;

  kt_write_file (walsall, TEXT_WALSALL, -1);
  kt_write_file (tipton, TEXT_TIPTON, -1);
  kt_write_file (report, TEXT_REPORT, -1);
  kt_write_file (notes, TEXT_NOTES, -1);
  f->walsall = import_as (project, walsall, "transcript");
  f->tipton = import_as (project, tipton, "transcript");
  f->report = import_as (project, report, "report");
  f->notes = import_as (project, notes, "notes");

  /* Joy is a case in Sandwell; Hamid is known by his turns only */
  {
    g_autofree char *sql = g_strdup_printf (
      "INSERT INTO attributes (id, name) VALUES (7, 'local_authority');"
      "INSERT INTO cases (id, name, created) VALUES (1, 'Joy', 'now');"
      "INSERT INTO case_values VALUES (1, 7, 'Sandwell');"
      "UPDATE turns SET case_id = 1 WHERE speaker = 'Joy';"
      "INSERT INTO document_values VALUES (%" G_GINT64_FORMAT ", 7, 'Walsall'), (%" G_GINT64_FORMAT ", 7, 'Walsall'),"
      " (%" G_GINT64_FORMAT ", 7, 'Dudley');", f->walsall, f->report, f->notes);
    kt_exec_sql (project, sql);
  }

  kt_framework_code (project, "Inclusive", "inclusive", NULL, NULL);
  f->welcomed = kt_framework_code (project, "Inclusive/Feel/Welcomed", "inclusive", "feel", "welcomed");
  f->belonging = kt_framework_code (project, "Inclusive/Feel/Belonging", "inclusive", "feel", "belonging");
  kt_framework_code (project, "Connected", "connected", NULL, NULL);
  f->know = kt_framework_code (project, "Connected/Think/Know support", "connected", "think", "know-support");
  f->heard = kt_framework_code (project, "Connected/Feel/Heard", "connected", "feel", "heard");
  f->safe = kt_framework_code (project, "Connected/Feel/Safe", "connected", "feel", "safe");

  kith_project_set_coder (project, "Amina Begum");
  code (project, f->walsall, W1, f->welcomed);
  code (project, f->walsall, W1, f->belonging);
  code (project, f->walsall, W2, f->belonging);
  code (project, f->walsall, W3, f->know);
  code (project, f->tipton, T1, f->know);
  code (project, f->tipton, T2, f->know);
  code (project, f->report, R1, f->heard);
  code (project, f->notes, N1, f->safe);

  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO rules (id, code_id, pattern, scope, created) "
                                            "VALUES (1, %" G_GINT64_FORMAT ", 'nobody came|council', 'sentence', 'now')",
                                            f->heard);
    kt_exec_sql (project, sql);
  }
  accept = suggest (project, f->tipton, T3, f->heard);
  reject = suggest (project, f->tipton, T4, f->heard);
  suggest (project, f->walsall, W4, f->heard);
  kith_project_set_coder (project, "Dev Patel");
  cr_assert (kith_review_accept (project, &accept, 1, &error), "%s", error ? error->message : "");
  cr_assert (kith_review_reject (project, &reject, 1, &error), "%s", error ? error->message : "");
  kith_project_set_coder (project, "Amina Begum");
  return project;
}

static KithSummaryEvidence *
outcome (KithSummary *summary, const char *key)
{
  for (guint g = 0; g < summary->goals->len; g++)
    {
      KithSummaryGoal *goal = g_ptr_array_index (summary->goals, g);
      for (guint i = 0; i < goal->outcomes->len; i++)
        {
          KithSummaryEvidence *e = g_ptr_array_index (goal->outcomes, i);
          if (g_strcmp0 (e->key, key) == 0)
            return e;
        }
    }
  cr_assert_fail ("no outcome %s", key);
  return NULL;
}

/* “text” → “attribution” of every quote of @e, in order */
static char *
quotes_of (KithSummaryEvidence *e)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < e->quotes->len; i++)
    {
      KithSummaryQuote *q = g_ptr_array_index (e->quotes, i);
      g_string_append_printf (out, "“%s” — %s%s%s\n", q->text, q->attribution, q->shared_with != NULL ? " · " : "",
                              q->shared_with != NULL ? q->shared_with : "");
    }
  return g_string_free (out, FALSE);
}

static void
assert_quotes (KithSummary *summary, const char *key, const char *expected)
{
  g_autofree char *actual = quotes_of (outcome (summary, key));

  cr_assert (g_str_equal (actual, expected), "%s:\n%s\nnot\n%s", key, actual, expected);
}

Test (evidence, every_quote_attributed_by_where_it_comes_from)
{
  Fixture f;
  g_autoptr(KithProject) project = fixture (&f, NULL);
  KithSummaryOptions options;

  {
    g_autoptr(KithSummary) summary = kt_summarise (project, NULL);
    assert_quotes (summary, "welcomed", "“" W1 "” — Resident, Walsall · Feel: Belonging\n");
    assert_quotes (summary, "belonging", "“" W1 "” — Resident, Walsall · Feel: Welcomed\n");
    /* T2, the facilitator's question, is not evidence; W3 is cut back to
     * whole words at both ends */
    assert_quotes (summary, "know-support", "“" T1 "” — Resident, Sandwell\n"
                                            "“[…] told us about the advice […]” — Resident, Walsall\n");
    assert_quotes (summary, "heard", "“" R1 "” — Report: Walsall Together: annual report 2025\n"
                                     "“" T3 "” — Resident, Sandwell\n");
    assert_quotes (summary, "safe", "“" N1 "” — Notes: Dudley youth workshop, June 2025\n");
  }

  kith_summary_options_init (&options);
  options.attribution = KITH_ATTRIBUTION_SPEAKER;
  {
    g_autoptr(KithSummary) summary = kt_summarise (project, &options);
    assert_quotes (summary, "welcomed", "“" W1 "” — Hamid · Feel: Belonging\n");
    assert_quotes (summary, "know-support", "“" T1 "” — Joy\n“[…] told us about the advice […]” — Hamid\n");
    assert_quotes (summary, "heard", "“" R1 "” — Report: Walsall Together: annual report 2025\n“" T3 "” — Joy\n");
  }
  options.attribution = KITH_ATTRIBUTION_CASE;
  {
    g_autoptr(KithSummary) summary = kt_summarise (project, &options);
    assert_quotes (summary, "know-support", "“" T1 "” — Joy\n“[…] told us about the advice […]” — Resident, Walsall\n");
    assert_quotes (summary, "safe", "“" N1 "” — Notes: Dudley youth workshop, June 2025\n");
  }
  /* a long quote is cut at the last word that fits, visibly */
  kith_summary_options_init (&options);
  options.quote_length = 20;
  {
    g_autoptr(KithSummary) summary = kt_summarise (project, &options);
    /* neither fits: the shorter first */
    assert_quotes (summary, "know-support", "“[…] told us about the […]” — Resident, Walsall\n"
                                            "“I ask Marcia next […]” — Resident, Sandwell\n");
    assert_quotes (summary, "safe", "“Young people said […]” — Notes: Dudley youth workshop, June 2025\n");
  }
}

/* Every “[…]” at the end of a quote follows a word the document writes
 * whole there. */
Test (evidence, trimmed_quotes_end_at_a_word_boundary)
{
  Fixture f;
  g_autoptr(KithProject) project = fixture (&f, NULL);
  KithSummaryOptions options;

  kith_summary_options_init (&options);
  options.quotes = 10;
  options.quotes_per_person = 0;
  for (guint length = 20; length <= 80; length += 7)
    {
      g_autoptr(KithSummary) summary = NULL;
      guint shortened = 0;

      options.quote_length = length;
      summary = kt_summarise (project, &options);
      for (guint g = 0; g < summary->goals->len; g++)
        {
          KithSummaryGoal *goal = g_ptr_array_index (summary->goals, g);
          for (guint i = 0; i < goal->outcomes->len; i++)
            {
              KithSummaryEvidence *e = g_ptr_array_index (goal->outcomes, i);
              for (guint q = 0; q < e->quotes->len; q++)
                {
                  KithSummaryQuote *quote = g_ptr_array_index (e->quotes, q);
                  g_autofree char *text = kith_documents_dup_text (project, quote->document_id, NULL, NULL);
                  g_autofree char *body = NULL;
                  const char *at;
                  gsize n;

                  if (!g_str_has_suffix (quote->text, " […]"))
                    {
                      cr_assert_not (quote->shortened && !g_str_has_prefix (quote->text, "[…] "), "%s", quote->text);
                      continue;
                    }
                  shortened++;
                  n = strlen (quote->text) - strlen (" […]");
                  body = g_strndup (quote->text, n);
                  if (g_str_has_prefix (body, "[…] "))
                    memmove (body, body + strlen ("[…] "), strlen (body) - strlen ("[…] ") + 1);
                  at = strstr (text, body);
                  cr_assert_not_null (at, "“%s” is not the document's words", body);
                  cr_assert_not (g_unichar_isalnum (g_utf8_get_char (at + strlen (body))),
                                 "“%s” ends inside a word (length %u)", quote->text, length);
                  cr_assert (g_utf8_strlen (body, -1) <= (glong) length, "%s", quote->text);
                }
            }
        }
      cr_assert_geq (shortened, 1, "length %u: the mid-word span at least", length);
    }
}

Test (evidence, interviewers_are_never_quoted_or_counted_and_people_are_residents)
{
  Fixture f;
  g_autoptr(KithProject) project = fixture (&f, NULL);
  g_autoptr(KithSummary) summary = kt_summarise (project, NULL);
  g_autofree char *md = kith_summary_to_markdown (summary);
  g_autofree char *html = kith_summary_to_html (summary);
  g_autofree char *csv = kith_summary_to_csv (summary);
  KithSummaryEvidence *belonging = outcome (summary, "belonging");
  KithSummaryEvidence *know = outcome (summary, "know-support");
  KithSummaryEvidence *heard = outcome (summary, "heard");

  for (const char *const *words = (const char *const[]) { W2, T2, NULL }; *words != NULL; words++)
    {
      cr_assert_null (strstr (md, *words), "the Markdown quotes “%s”", *words);
      cr_assert_null (strstr (html, *words), "the HTML quotes “%s”", *words);
      cr_assert_null (strstr (csv, *words), "the CSV quotes “%s”", *words);
    }
  /* W1 only: Grace's W2 is neither an extract nor a person */
  cr_assert_eq (belonging->count.n_extracts, 1);
  cr_assert_eq (belonging->count.n_people, 1);
  /* W3 (Hamid), T1 (Joy); T2 left out */
  cr_assert_eq (know->count.n_extracts, 2);
  cr_assert_eq (know->count.n_documents, 2);
  cr_assert_eq (know->count.n_people, 2);
  cr_assert_eq (know->count.n_places, 2);
  /* R1 (the report: no person) and T3 (Joy) */
  cr_assert_eq (heard->count.n_extracts, 2);
  cr_assert_eq (heard->count.n_people, 1);
  cr_assert_eq (outcome (summary, "safe")->count.n_people, 0, "workshop notes are no resident");
  /* W1, W3, T1, T3, R1, N1 from four documents; residents Hamid and Joy */
  cr_assert_eq (summary->count.n_extracts, 6);
  cr_assert_eq (summary->count.n_documents, 4);
  cr_assert_eq (summary->count.n_people, 2);
  cr_assert_eq (summary->count.n_places, 3);
  assert_contains (md, "**Evidence base:** 6 coded extracts from 4 documents and 2 residents.");
  assert_contains (md, "| Think | Know support | 2 | 2 | 2 | 2 | Sandwell 1, Walsall 1 |\n");
  assert_contains (md, "| Feel | Heard | 2 | 2 | 1 | 2 | Sandwell 1, Walsall 1 |\n");
  assert_contains (csv, "evidence,connected,heard,feel,,,people,1,codings,Heard\r\n");
  assert_contains (csv, "evidence,connected,heard,feel,,,places,2,codings,Heard\r\n");
}

/* Collects every quote node under @node with its mark. */
static void
collect_quotes (const KithOutlineNode *node, GPtrArray *out)
{
  if (node->kind == KITH_OUTLINE_QUOTE)
    g_ptr_array_add (out, (gpointer) node);
  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    collect_quotes (g_ptr_array_index (node->children, i), out);
}

static char *
quote_span (const KithOutlineNode *node)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, node->quote->document_id, node->quote->start);
}

Test (evidence, no_quote_is_repeated_unmarked)
{
  Fixture f;
  g_autoptr(KithProject) project = fixture (&f, NULL);
  g_autoptr(KithSummary) summary = kt_summarise (project, NULL);
  g_autoptr(KithOutlineNode) root = kith_summary_outline_build (summary);
  g_autoptr(GPtrArray) quotes = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *md = kith_summary_to_markdown (summary);
  g_autofree char *html = kith_summary_to_html (summary);
  guint repeated = 0;

  collect_quotes (root, quotes);
  cr_assert_eq (quotes->len, 7, "W1 twice, T1, W3, R1, T3, N1");
  for (guint i = 0; i < quotes->len; i++)
    {
      const KithOutlineNode *node = g_ptr_array_index (quotes, i);
      g_autofree char *span = quote_span (node);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (seen, span));

      g_hash_table_insert (seen, g_steal_pointer (&span), GUINT_TO_POINTER (n + 1));
    }
  for (guint i = 0; i < quotes->len; i++)
    {
      const KithOutlineNode *node = g_ptr_array_index (quotes, i);
      g_autofree char *span = quote_span (node);
      if (GPOINTER_TO_UINT (g_hash_table_lookup (seen, span)) > 1)
        {
          cr_assert_not_null (node->text, "“%s” appears again without a mark", node->quote->text);
          repeated++;
        }
      else
        cr_assert_null (node->text, "“%s” is quoted once: no mark", node->quote->text);
    }
  cr_assert_eq (repeated, 2);
  assert_contains (md, "> “" W1 "”\n> — Resident, Walsall (shared with Feel: Belonging)\n");
  assert_contains (md, "> “" W1 "”\n> — Resident, Walsall (shared with Feel: Welcomed)\n");
  assert_contains (html, "<figcaption>— Resident, Walsall <span class=\"shared\">(shared with Feel: Belonging)</span>"
                         "</figcaption>");
}

Test (evidence, the_methodology_section)
{
  Fixture f;
  g_autoptr(KithProject) project = fixture (&f, NULL);
  g_autoptr(KithSummary) summary = kt_summarise (project, NULL);
  g_autofree char *md = kith_summary_to_markdown (summary);
  g_autofree char *csv = kith_summary_to_csv (summary);
  const KithSummaryMethod *m = summary->method;

  cr_assert_eq (m->n_documents_project, 4);
  cr_assert_eq (m->n_codings, 7, "W1 twice, W3, T1, R1, N1 by hand; T3 accepted");
  cr_assert_eq (m->n_by_hand, 6);
  cr_assert_eq (m->n_accepted, 1);
  cr_assert_eq (m->n_staff, 2, "Grace's question and the facilitator's");
  cr_assert_eq (m->n_suggestions, 3);
  cr_assert_eq (m->n_suggestions_pending, 1);
  assert_contains (md, "## Methodology\n\n**Sources:** the evidence comes from 4 of the project's 4 documents.\n\n"
                       "**Documents and residents, by kind and place**\n\n"
                       "| Kind | Documents | Residents | Documents by place |\n|---|--:|--:|---|\n"
                       "| Transcripts | 2 | 2 | Sandwell 1, Walsall 1 |\n"
                       "| Notes | 1 | 0 | Dudley 1 |\n"
                       "| Report | 1 | 0 | Walsall 1 |\n\n"
                       "**Codings:** 7 codings behind the evidence: 6 coded by hand, 1 accepted from suggestions.\n\n"
                       "**Coded by:** Amina Begum (6), Dev Patel (1).\n\n"
                       "**Left out:** 2 codings of interviewers' or facilitators' own words, which are not evidence.\n\n"
                       "**Suggestions:** 2 of 3 reviewed by a person (67%): 1 accepted, 1 rejected; 1 not reviewed, "
                       "and not used as evidence.\n\n"
                       "**Precision of each rule reviewed**\n\n"
                       "| Rule | Accepted | Rejected | Not reviewed | Precision |\n|---|--:|--:|--:|--:|\n"
                       "| Connected/Feel/Heard (nobody came\\|council) | 1 | 1 | 1 | 50% |\n");
  assert_contains (csv, "method,,documents,transcript,,,documents,2,codings,\r\n");
  assert_contains (csv, "method,,documents,transcript,Walsall,,documents,1,codings,\r\n");
  assert_contains (csv, "method,,codings,,,,accepted_suggestions,1,codings,\r\n");
  assert_contains (csv, "method,,coder,,,,codings,6,codings,Amina Begum\r\n");
  assert_contains (csv, "method,,rule 1,,,,precision,0.500,suggestions,Connected/Feel/Heard: nobody came|council\r\n");

  /* a rule with a note is shown by what it looks for, not its pattern */
  kt_exec_sql (project, "UPDATE rules SET note = 'nobody listened'");
  {
    g_autoptr(KithSummary) noted = kt_summarise (project, NULL);
    g_autofree char *noted_md = kith_summary_to_markdown (noted);
    assert_contains (noted_md, "| Connected/Feel/Heard (nobody listened) | 1 | 1 | 1 | 50% |\n");
  }
}

/* The title, organisation and period a funder reads first. */
Test (evidence, a_front_page_set_by_the_user)
{
  Fixture f;
  g_autofree char *path = NULL;
  g_autoptr(KithProject) project = fixture (&f, &path);
  g_autofree char *out = NULL, *err = NULL, *md = NULL, *html = NULL;

  g_clear_object (&project);
  cr_assert_eq (kt_cli (&out, &err, "summary", "settings", path, "--title", "Caldmore and Tipton: what residents told us",
                        "--organisation", "Walsall Together", "--period", "April 2025 to March 2026", NULL), 0, "%s", err);
  cr_assert_str_eq (out, "title\tCaldmore and Tipton: what residents told us\norganisation\tWalsall Together\n"
                         "period\tApril 2025 to March 2026\n");
  cr_assert_eq (kt_cli (&md, NULL, "summary", path, "--format", "md", NULL), 0);
  cr_assert (g_str_has_prefix (md, "# Caldmore and Tipton: what residents told us\n\n**Organisation:** Walsall Together"
                                   "\n\n**Period:** April 2025 to March 2026\n\n*Made with Kith on "), "%s", md);
  cr_assert_eq (kt_cli (&html, NULL, "summary", path, "--format", "html", "--organisation", "Tipton Hub", NULL), 0);
  assert_contains (html, "<title>Caldmore and Tipton: what residents told us</title>");
  assert_contains (html, "<h1>Caldmore and Tipton: what residents told us</h1>");
  assert_contains (html, "<p><strong>Organisation:</strong> Tipton Hub</p>");
  g_clear_pointer (&out, g_free);
  cr_assert_eq (kt_cli (&out, NULL, "summary", "settings", path, "--title", "", NULL), 0);
  cr_assert_str_eq (out, "title\t\norganisation\tWalsall Together\nperiod\tApril 2025 to March 2026\n");
}

/* A Word header table (“Interviewer | Priya Mistry”) names the interviewer
 * too: her question is not evidence. */
Test (evidence, a_header_table_names_the_interviewer)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *docx = g_build_filename (dir, "handsworth.docx", NULL);
  g_autofree char *text = NULL;
  g_autoptr(KithSummary) summary = NULL;
  gint64 doc, settled;

  kt_write_docx (docx,
                 "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Interviewer</w:t></w:r></w:p></w:tc>"
                 "<w:tc><w:p><w:r><w:t>Priya Mistry (peer researcher)</w:t></w:r></w:p></w:tc></w:tr>"
                 "<w:tr><w:tc><w:p><w:r><w:t>Participant</w:t></w:r></w:p></w:tc>"
                 "<w:tc><w:p><w:r><w:t>Kwame Asante</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
                 "<w:p><w:r><w:t>Priya: How long have you lived in Handsworth?</w:t></w:r></w:p>"
                 "<w:p><w:r><w:t>Kwame: Since 1998, on Soho Road, and I feel settled here.</w:t></w:r></w:p>"
                 "<w:p><w:r><w:t>Priya: Thank you.</w:t></w:r></w:p>"
                 "<w:p><w:r><w:t>Kwame: Cheers.</w:t></w:r></w:p>", NULL);
  doc = import_as (project, docx, "transcript");
  settled = kt_framework_code (project, "Inclusive/Feel/Belonging", "inclusive", "feel", "belonging");
  text = kith_documents_dup_text (project, doc, NULL, NULL);
  kt_code_text (project, doc, text, "How long have you lived in Handsworth?", settled);
  kt_code_text (project, doc, text, "Since 1998, on Soho Road, and I feel settled here.", settled);
  summary = kt_summarise (project, NULL);
  assert_quotes (summary, "belonging", "“Since 1998, on Soho Road, and I feel settled here.” — Resident\n");
  cr_assert_eq (outcome (summary, "belonging")->count.n_people, 1);
  cr_assert_eq (summary->method->n_staff, 1);
}
