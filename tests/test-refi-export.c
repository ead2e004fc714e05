/* test-refi-export.c — a project exported as REFI-QDA (.qdc, .qdpx)
 *
 * Every file is validated against the schemas in ../shared/refi with
 * xmllint --nonet, and read by tests/check-refi.py, a reader written apart
 * from the exporter (every internal:// file there, GUIDs unique, references
 * resolved, selections inside their text with the coded text as name).
 * Then the exact values: offsets after Urdu, Arabic and emoji text (code
 * points, neither bytes nor UTF-16 units), the coders of each coding, the
 * heading codes, the framework's sets, typed variables, memos as notes.
 */
#include "kith-config.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <string.h>
#include <sys/stat.h>

#include "kith-app-jobs.h"
#include "kith-archive.h"
#include "kith-cases.h"
#include "kith-codes.h"
#include "kith-codings.h"
#include "kith-documents.h"
#include "kith-privacy.h"
#include "kith-refi-export.h"
#include "kith-review.h"
#include "kith-sample.h"
#include "kith-test-util.h"

/* A Sparkbrook interview: Urdu, Arabic and two emoji before the codings,
 * so that 296 code points are 338 bytes and 298 UTF-16 units. */
static const char interview[] =
  "Interviewer: How do you find the community centre in Sparkbrook?\n"
  "Amira: یہ جگہ ہمارے لیے گھر جیسی ہے — it feels like home 🏡 now.\n"
  "Yusuf: المكان رائع، I made friends at the Ladypool Road café 😊.\n"
  "Interviewer: And the food bank on Stratford Road?\n"
  "Amira: I know where to get help when money is short.\n";

static const char hub_report[] =
  "Sparkbrook Community Hub: quarterly report to the funder\n"
  "\n"
  "Forty families used the food bank each week this quarter.\n";

static char *
refi_schema (const char *name)
{
  return g_build_filename (g_getenv ("KITH_SOURCE_ROOT"), "..", "shared", "refi", name, NULL);
}

/* Runs a program; returns its exit status, with what it printed in *@out. */
static int
run (char **out, const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  char *stdout_text = NULL;
  int status = -1;

  cr_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                           &stdout_text, &err, &status, &error),
             "%s: %s", argv[0], error ? error->message : "");
  if (out != NULL)
    *out = g_strconcat (stdout_text, err, NULL);
  g_free (stdout_text);
  return g_spawn_check_wait_status (status, NULL) ? 0 : 1;
}

static void
assert_schema_valid (const char *schema_name, const char *file)
{
  g_autofree char *schema = refi_schema (schema_name);
  g_autofree char *out = NULL;
  const char *argv[] = { "xmllint", "--nonet", "--noout", "--schema", schema, file, NULL };

  cr_assert_eq (run (&out, argv), 0, "%s does not validate against %s:\n%s", file, schema_name, out);
}

/* The independent reader; returns its line of counts. */
static char *
assert_checked (const char *file, gboolean crlf)
{
  g_autofree char *script = g_build_filename (g_getenv ("KITH_SOURCE_ROOT"), "tests", "check-refi.py", NULL);
  char *out = NULL;
  const char *argv[] = { "python3", script, file, crlf ? "--crlf" : NULL, NULL };

  cr_assert_eq (run (&out, argv), 0, "check-refi.py %s:\n%s", file, out);
  g_strchomp (out);
  return out;
}

static GBytes *
zip_entry (const char *qdpx, const char *name)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  char *data = kt_read_file (qdpx, &len);
  g_autoptr(KithArchive) archive = kith_archive_open (g_bytes_new_take (data, len), NULL, &error);
  GBytes *entry;

  cr_assert_not_null (archive, "%s", error ? error->message : "");
  entry = kith_archive_read (archive, name, &error);
  cr_assert_not_null (entry, "%s: %s", name, error ? error->message : "");
  return entry;
}

/* project.qde of @qdpx, validated, written beside it for xmllint */
static xmlDocPtr
read_qde (const char *qdpx)
{
  g_autoptr(GBytes) qde = zip_entry (qdpx, "project.qde");
  g_autofree char *path = g_strconcat (qdpx, ".qde", NULL);
  gsize len;
  const char *data = g_bytes_get_data (qde, &len);

  kt_write_file (path, data, (gssize) len);
  assert_schema_valid ("Project-mrt2019.xsd", path);
  return xmlReadMemory (data, (int) len, "project.qde", NULL, XML_PARSE_NONET);
}

/* string(@expr), with q: the project namespace and c: the codebook's */
static char *
xp (xmlDocPtr doc, const char *expr)
{
  xmlXPathContextPtr ctx = xmlXPathNewContext (doc);
  xmlXPathObjectPtr result;
  xmlChar *text;
  char *copy;

  xmlXPathRegisterNs (ctx, BAD_CAST "q", BAD_CAST "urn:QDA-XML:project:1.0");
  xmlXPathRegisterNs (ctx, BAD_CAST "c", BAD_CAST "urn:QDA-XML:codebook:1.0");
  result = xmlXPathEvalExpression (BAD_CAST expr, ctx);
  cr_assert_not_null (result, "bad XPath %s", expr);
  text = xmlXPathCastToString (result);
  copy = g_strdup ((const char *) text);
  xmlFree (text);
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (ctx);
  return copy;
}

#define cr_expect_xp(doc, expr, expected) \
  do { g_autofree char *got_ = xp ((doc), (expr)); \
       cr_expect_str_eq (got_, (expected), "%s: “%s”", (expr), got_); } while (0)

typedef struct {
  char  *path;
  gint64 interview, report;
  gint64 feel_coding;
} Fixture;

static gint64
code_span (KithProject *project, gint64 doc, const char *passage, gint64 code, const char *memo, KithOrigin origin)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = kt_document_text (project, doc);
  gint64 start = kt_offset_of (text, passage);
  gint64 id = kith_codings_add (project, doc, code, start, start + g_utf8_strlen (passage, -1), memo, origin, &error);

  cr_assert_gt (id, 0, "%s", error ? error->message : "");
  return id;
}

/* Two coders; Connected (no codings, children Think and Feel in the
 * framework), Safe (coded itself, child Think); five typed attributes; two
 * cases, one linked by her turns, one by a document; memos on the
 * project, a document, a code, a case and a coding; one suggestion each
 * accepted, pending and rejected. */
static void
make_project (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KithProject) project = kt_new_project (&fx->path);
  gint64 connected, think, feel, safe, safe_think, amira, yusuf, accepted, pending, rejected;
  struct { const char *name; KithAttributeType type; } attrs[] = {
    { "age", KITH_ATTRIBUTE_NUMBER }, { "hours", KITH_ATTRIBUTE_NUMBER }, { "joined", KITH_ATTRIBUTE_DATE },
    { "volunteer", KITH_ATTRIBUTE_BOOLEAN }, { "ward", KITH_ATTRIBUTE_TEXT },
  };
  gint64 attr[G_N_ELEMENTS (attrs)];
  g_autofree char *text = NULL;
  g_autofree char *sql = NULL;

  fx->interview = kt_import_text (project, "sparkbrook-interview.txt", interview);
  fx->report = kt_import_text (project, "hub-report.txt", hub_report);
  text = kt_document_text (project, fx->interview);
  cr_assert_str_eq (text, interview);
  cr_assert (kith_documents_set_title (project, fx->report, "Sparkbrook Hub, spring quarter", &error), "%s",
             error ? error->message : "");

  connected = kith_codes_add_path (project, "Connected", "People know and help each other", "#1d4ed8", &error);
  think = kith_codes_add_path (project, "Connected/Think", NULL, "#2563eb", &error);
  feel = kith_codes_add_path (project, "Connected/Feel", NULL, "#1e3a8a", &error);
  safe = kith_codes_add_path (project, "Safe", NULL, "#b91c1c", &error);
  safe_think = kith_codes_add_path (project, "Safe/Think", NULL, "#dc2626", &error);
  cr_assert_gt (safe_think, 0, "%s", error ? error->message : "");
  cr_assert (kith_codes_set_framework (project, think, "connected", "think", "know-support", &error));
  cr_assert (kith_codes_set_framework (project, feel, "connected", "feel", "belonging", &error));

  for (guint i = 0; i < G_N_ELEMENTS (attrs); i++)
    {
      attr[i] = kith_attributes_ensure (project, attrs[i].name, attrs[i].type, TRUE, NULL, &error);
      cr_assert_gt (attr[i], 0, "%s", error ? error->message : "");
    }
  amira = kith_cases_add (project, "Amira", FALSE, NULL, &error);
  yusuf = kith_cases_add (project, "Yusuf", FALSE, NULL, &error);
  cr_assert_gt (yusuf, 0, "%s", error ? error->message : "");
  cr_assert (kith_cases_set_value (project, amira, attr[0], KITH_ATTRIBUTE_NUMBER, "34", &error));
  cr_assert (kith_cases_set_value (project, amira, attr[1], KITH_ATTRIBUTE_NUMBER, "2.5", &error));
  cr_assert (kith_cases_set_value (project, amira, attr[2], KITH_ATTRIBUTE_DATE, "2024-09-02", &error));
  cr_assert (kith_cases_set_value (project, amira, attr[3], KITH_ATTRIBUTE_BOOLEAN, "yes", &error));
  cr_assert (kith_cases_set_value (project, yusuf, attr[0], KITH_ATTRIBUTE_NUMBER, "61", &error));
  cr_assert (kith_documents_set_value (project, fx->interview, attr[4], KITH_ATTRIBUTE_TEXT, "Sparkbrook and Balsall Heath East", &error));
  cr_assert_eq (kith_cases_link_speaker (project, fx->interview, "Amira", amira, &error), 2, "%s", error ? error->message : "");
  cr_assert (kith_cases_link_document (project, fx->report, yusuf, &error));

  kith_project_set_coder (project, "Grace Obi");
  fx->feel_coding = code_span (project, fx->interview, "friends at the Ladypool Road café", feel,
                               "The café is where they meet", KITH_ORIGIN_MANUAL);
  code_span (project, fx->interview, "it feels like home", safe_think, NULL, KITH_ORIGIN_MANUAL);
  kith_project_set_coder (project, "Harjit Sandhu");
  code_span (project, fx->interview, "friends at the Ladypool Road café", safe, NULL, KITH_ORIGIN_MANUAL);

  /* suggestions: “I know where to get help” accepted (by Harjit), the
   * centre's place pending, “Interviewer” rejected */
  sql = g_strdup_printf ("INSERT INTO suggestions (document_id, code_id, start_pos, end_pos) VALUES"
                         " (%1$" G_GINT64_FORMAT ", %2$" G_GINT64_FORMAT ", 250, 274),"
                         " (%1$" G_GINT64_FORMAT ", %2$" G_GINT64_FORMAT ", 53, 63),"
                         " (%1$" G_GINT64_FORMAT ", %3$" G_GINT64_FORMAT ", 0, 11)",
                         fx->interview, think, safe);
  kt_exec_sql (project, sql);
  accepted = kt_count (project, "SELECT id FROM suggestions WHERE start_pos = 250");
  pending = kt_count (project, "SELECT id FROM suggestions WHERE start_pos = 53");
  rejected = kt_count (project, "SELECT id FROM suggestions WHERE start_pos = 0");
  cr_assert_gt (pending, 0);
  cr_assert (kith_review_accept (project, &accepted, 1, &error), "%s", error ? error->message : "");
  cr_assert (kith_review_reject (project, &rejected, 1, &error), "%s", error ? error->message : "");

  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT INTO memos (document_id, code_id, case_id, title, body, created, modified) VALUES"
                         " (NULL, NULL, NULL, 'Scope', 'Sparkbrook and Balsall Heath, 2024 to 2025', '2025-01-06T09:00:00Z', '2025-01-06T09:00:00Z'),"
                         " (%" G_GINT64_FORMAT ", NULL, NULL, 'Recording', 'Recorded at the hub on Ladypool Road', '2025-01-07T10:00:00Z', '2025-01-08T11:30:00Z'),"
                         " (NULL, %" G_GINT64_FORMAT ", NULL, 'When to use', 'Knowing where help is', '2025-01-09T12:00:00Z', '2025-01-09T12:00:00Z'),"
                         " (NULL, NULL, %" G_GINT64_FORMAT ", 'Consent', 'Agreed to be quoted by first name', '2025-01-10T13:00:00Z', '2025-01-10T13:00:00Z')",
                         fx->interview, think, amira);
  kt_exec_sql (project, sql);
  (void) connected;
}

static void
fixture_clear (Fixture *fx)
{
  g_free (fx->path);
}

static char *
sibling (const char *path, const char *name)
{
  g_autofree char *dir = g_path_get_dirname (path);
  return g_build_filename (dir, name, NULL);
}

Test (refi_export, qdpx_holds_every_coder_code_case_and_coding_at_exact_positions)
{
  Fixture fx = { 0 };
  g_autofree char *out = NULL, *err = NULL, *qdpx = NULL, *counts = NULL;
  g_autofree char *grace = NULL, *harjit = NULL, *sel = NULL, *note = NULL, *interview_guid = NULL;
  g_autofree char *txt_path = NULL, *report_guid = NULL;
  g_autoptr(GBytes) txt = NULL;
  xmlDocPtr doc;

  make_project (&fx);
  qdpx = sibling (fx.path, "sparkbrook.qdpx");
  cr_assert_eq (kt_cli (&out, &err, "export", "qdpx", fx.path, "-o", qdpx, NULL), 0, "%s", err);
  cr_expect_str_eq (out, "");
  cr_expect (strstr (err, "2 users (coders)\n") != NULL, "%s", err);
  cr_expect (strstr (err, "\n5 selections\n4 codings\n5 notes (memos)\n") != NULL, "%s", err);
  cr_expect (strstr (err, "Left out: 1 suggestion still pending review (suggestions are not codings)\n") != NULL, "%s", err);
  cr_expect (strstr (err, "Left out: 1 rejected suggestion\n") != NULL, "%s", err);
  cr_expect (strstr (err, "Kith does not keep the original files") != NULL, "%s", err);
  counts = assert_checked (qdpx, FALSE);
  cr_expect_str_eq (counts, "sources=2 selections=5 codings=4 notes=5 references=31");

  doc = read_qde (qdpx);
  cr_expect_xp (doc, "string(/q:Project/@name)", "test");
  cr_expect_xp (doc, "count(//q:User)", "2");
  grace = xp (doc, "string(//q:User[@name='Grace Obi']/@guid)");
  harjit = xp (doc, "string(//q:User[@name='Harjit Sandhu']/@guid)");
  cr_assert_eq (strlen (grace), 36);

  /* codes: a heading without codings is not codable, one with codings is */
  cr_expect_xp (doc, "string(//q:Code[@name='Connected']/@isCodable)", "false");
  cr_expect_xp (doc, "string(//q:Code[@name='Safe']/@isCodable)", "true");
  cr_expect_xp (doc, "string(//q:Code[@name='Connected']/q:Code[@name='Feel']/@isCodable)", "true");
  cr_expect_xp (doc, "string(//q:Code[@name='Connected']/@color)", "#1D4ED8");
  cr_expect_xp (doc, "string(//q:Code[@name='Connected']/q:Description)", "People know and help each other");
  cr_expect_xp (doc, "count(//q:Code)", "5");
  cr_expect_xp (doc, "string(//q:Set[@name='Kith goal: connected']/q:Description)", "Kith framework");
  cr_expect_xp (doc, "count(//q:Set[@name='Kith goal: connected']/q:MemberCode)", "2");
  cr_expect_xp (doc, "count(//q:Set[@name='Kith dimension: feel']/q:MemberCode"
                     "[@targetGUID=//q:Code[@name='Feel']/@guid])", "1");
  cr_expect_xp (doc, "count(//q:Set)", "5");

  /* variables by type; a case's values; a document's value */
  cr_expect_xp (doc, "string(//q:Variable[@name='age']/@typeOfVariable)", "Integer");
  cr_expect_xp (doc, "string(//q:Variable[@name='hours']/@typeOfVariable)", "Float");
  cr_expect_xp (doc, "string(//q:Variable[@name='joined']/@typeOfVariable)", "Date");
  cr_expect_xp (doc, "string(//q:Variable[@name='volunteer']/@typeOfVariable)", "Boolean");
  cr_expect_xp (doc, "string(//q:Variable[@name='ward']/@typeOfVariable)", "Text");
  cr_expect_xp (doc, "string(//q:Case[@name='Amira']/q:VariableValue[q:VariableRef/@targetGUID=//q:Variable[@name='age']/@guid]/q:IntegerValue)", "34");
  cr_expect_xp (doc, "string(//q:Case[@name='Amira']/q:VariableValue/q:FloatValue)", "2.5");
  cr_expect_xp (doc, "string(//q:Case[@name='Amira']/q:VariableValue/q:DateValue)", "2024-09-02");
  cr_expect_xp (doc, "string(//q:Case[@name='Amira']/q:VariableValue/q:BooleanValue)", "true");
  cr_expect_xp (doc, "string(//q:Case[@name='Yusuf']/q:VariableValue/q:IntegerValue)", "61");
  cr_expect_xp (doc, "string(//q:TextSource[@name='sparkbrook-interview.txt']/q:VariableValue/q:TextValue)",
                "Sparkbrook and Balsall Heath East");

  /* cases: Amira by her two turns, Yusuf by the report */
  cr_expect_xp (doc, "count(//q:Case[@name='Amira']/q:SelectionRef)", "2");
  cr_expect_xp (doc, "string(//q:PlainTextSelection[@guid=//q:Case[@name='Amira']/q:SelectionRef[1]/@targetGUID]/@startPosition)", "65");
  cr_expect_xp (doc, "string(//q:PlainTextSelection[@guid=//q:Case[@name='Amira']/q:SelectionRef[2]/@targetGUID]/@endPosition)", "295");
  report_guid = xp (doc, "string(//q:TextSource[@name='hub-report.txt']/@guid)");
  cr_expect_xp (doc, "string(//q:Case[@name='Yusuf']/q:SourceRef/@targetGUID)", report_guid);
  cr_expect_xp (doc, "string(//q:TextSource[@name='hub-report.txt']/q:Description)",
                "Kith: kind=notes; title=Sparkbrook Hub, spring quarter");
  cr_expect_xp (doc, "string(//q:TextSource[@name='sparkbrook-interview.txt']/q:Description)", "Kith: kind=transcript");

  /* the span after Urdu, Arabic and 🏡: code points 156–189 (bytes 189–222,
   * UTF-16 157–190), one selection, a coding by each coder */
  sel = g_strdup ("//q:PlainTextSelection[@startPosition='156']");
  cr_expect_xp (doc, "string(//q:PlainTextSelection[@startPosition='156']/@endPosition)", "189");
  cr_expect_xp (doc, "string(//q:PlainTextSelection[@startPosition='156']/@name)", "friends at the Ladypool Road café");
  cr_expect_xp (doc, "count(//q:PlainTextSelection[@startPosition='156']/q:Coding)", "2");
  {
    g_autofree char *expr = g_strdup_printf ("string(%s/q:Coding[@creatingUser='%s']/q:CodeRef/@targetGUID"
                                             " = //q:Code[@name='Feel']/@guid)", sel, grace);
    g_autofree char *expr2 = g_strdup_printf ("string(%s/q:Coding[@creatingUser='%s']/q:CodeRef/@targetGUID"
                                              " = //q:Code[@name='Safe']/@guid)", sel, harjit);
    cr_expect_xp (doc, expr, "true");
    cr_expect_xp (doc, expr2, "true");
  }
  note = xp (doc, "string(//q:PlainTextSelection[@startPosition='156']/q:Coding/q:NoteRef/@targetGUID)");
  {
    g_autofree char *expr = g_strdup_printf ("string(//q:Note[@guid='%s']/q:PlainTextContent)", note);
    g_autofree char *name = g_strdup_printf ("string(//q:Note[@guid='%s']/@name)", note);
    cr_expect_xp (doc, expr, "The café is where they meet");
    cr_expect_xp (doc, name, "The café is where they meet");
  }
  cr_expect_xp (doc, "string(//q:PlainTextSelection[@startPosition='103']/@endPosition)", "121");
  /* the accepted suggestion is Harjit's coding; pending and rejected are not there */
  {
    g_autofree char *expr = g_strdup_printf ("string(//q:PlainTextSelection[@startPosition='250' and @endPosition='274']"
                                             "/q:Coding/@creatingUser)");
    cr_expect_xp (doc, expr, harjit);
  }
  cr_expect_xp (doc, "count(//q:PlainTextSelection[@startPosition='53'])", "0");
  cr_expect_xp (doc, "count(//q:PlainTextSelection[@startPosition='0'])", "0");
  cr_expect_xp (doc, "count(//q:Coding)", "4");

  /* memos: the project's, a document's, a code's, a case's */
  cr_expect_xp (doc, "string(//q:Note[@guid=/q:Project/q:NoteRef/@targetGUID]/q:PlainTextContent)",
                "Sparkbrook and Balsall Heath, 2024 to 2025");
  cr_expect_xp (doc, "string(//q:Note[@guid=//q:TextSource[@name='sparkbrook-interview.txt']/q:NoteRef/@targetGUID]/@name)", "Recording");
  cr_expect_xp (doc, "string(//q:Note[@name='Recording']/@modifiedDateTime)", "2025-01-08T11:30:00Z");
  cr_expect_xp (doc, "string(//q:Note[@guid=//q:Code[@name='Connected']/q:Code[@name='Think']/q:NoteRef/@targetGUID]/q:PlainTextContent)", "Knowing where help is");
  {
    g_autofree char *amira = xp (doc, "string(//q:Case[@name='Amira']/@guid)");
    g_autofree char *described = g_strdup_printf ("Kith: case=%s", amira);
    cr_expect_xp (doc, "string(//q:Note[@name='Consent']/q:Description)", described);
  }

  /* the text file is exactly the canonical text */
  interview_guid = xp (doc, "string(//q:TextSource[@name='sparkbrook-interview.txt']/@guid)");
  txt_path = g_strdup_printf ("internal://%s.txt", interview_guid);
  cr_expect_xp (doc, "string(//q:TextSource[@name='sparkbrook-interview.txt']/@plainTextPath)", txt_path);
  g_free (txt_path);
  txt_path = g_strdup_printf ("sources/%s.txt", interview_guid);
  txt = zip_entry (qdpx, txt_path);
  cr_expect_eq (g_bytes_get_size (txt), strlen (interview));
  cr_expect (memcmp (g_bytes_get_data (txt, NULL), interview, strlen (interview)) == 0);
  xmlFreeDoc (doc);
  fixture_clear (&fx);
}

Test (refi_export, second_export_has_the_same_guids_and_writes_nothing)
{
  Fixture fx = { 0 };
  g_autofree char *a = NULL, *b = NULL, *before = NULL, *after = NULL;
  g_autoptr(GBytes) qa = NULL, qb = NULL;

  make_project (&fx);
  a = sibling (fx.path, "a.qdpx");
  b = sibling (fx.path, "b.qdpx");
  before = kt_sha256_file (fx.path);
  cr_assert_eq (kt_cli (NULL, NULL, "export", "qdpx", fx.path, "-o", a, NULL), 0);
  cr_assert_eq (kt_cli (NULL, NULL, "export", "qdpx", fx.path, "-o", b, NULL), 0);
  after = kt_sha256_file (fx.path);
  cr_expect_str_eq (after, before, "exporting changed the project file");
  qa = zip_entry (a, "project.qde");
  qb = zip_entry (b, "project.qde");
  cr_expect (g_bytes_equal (qa, qb), "two exports of the same project differ");
  fixture_clear (&fx);
}

Test (refi_export, crlf_counts_every_line_end_before_a_position)
{
  Fixture fx = { 0 };
  g_autofree char *qdpx = NULL, *guid = NULL, *txt_path = NULL, *counts = NULL;
  g_autoptr(GBytes) txt = NULL;
  xmlDocPtr doc;

  make_project (&fx);
  qdpx = sibling (fx.path, "windows.qdpx");
  cr_assert_eq (kt_cli (NULL, NULL, "export", "qdpx", fx.path, "-o", qdpx, "--crlf", NULL), 0);
  counts = assert_checked (qdpx, TRUE);
  cr_expect_str_eq (counts, "sources=2 selections=5 codings=4 notes=5 references=31");
  doc = read_qde (qdpx);
  /* two line ends before the café span, one before “it feels like home”,
   * four before “I know where to get help” */
  cr_expect_xp (doc, "string(//q:PlainTextSelection[@startPosition='158']/@endPosition)", "191");
  cr_expect_xp (doc, "string(//q:PlainTextSelection[@startPosition='104']/@endPosition)", "122");
  cr_expect_xp (doc, "string(//q:PlainTextSelection[@startPosition='254']/@endPosition)", "278");
  /* Amira's second turn runs to the end of her line: 295 + 4 */
  cr_expect_xp (doc, "string(//q:PlainTextSelection[@startPosition='247']/@endPosition)", "299");
  guid = xp (doc, "string(//q:TextSource[@name='sparkbrook-interview.txt']/@guid)");
  txt_path = g_strdup_printf ("sources/%s.txt", guid);
  txt = zip_entry (qdpx, txt_path);
  cr_expect_eq (g_bytes_get_size (txt), strlen (interview) + 5);
  cr_expect (memcmp ((const char *) g_bytes_get_data (txt, NULL) + strlen (interview) + 5 - 8, "short.\r\n", 8) == 0);
  xmlFreeDoc (doc);
  fixture_clear (&fx);
}

Test (refi_export, unique_names_write_a_repeated_name_as_its_path)
{
  Fixture fx = { 0 };
  g_autofree char *qdpx = NULL, *qdc = NULL, *err = NULL, *counts = NULL;
  xmlDocPtr doc;

  make_project (&fx);
  qdpx = sibling (fx.path, "qualcoder.qdpx");
  qdc = sibling (fx.path, "qualcoder.qdc");
  cr_assert_eq (kt_cli (NULL, &err, "export", "qdpx", fx.path, "-o", qdpx, "--unique-names", NULL), 0);
  cr_expect (strstr (err, "2 codes written under their paths to keep names unique\n") != NULL, "%s", err);
  g_free (assert_checked (qdpx, FALSE));
  doc = read_qde (qdpx);
  cr_expect_xp (doc, "count(//q:Code[@name='Connected › Think'])", "1");
  cr_expect_xp (doc, "count(//q:Code[@name='Safe › Think'])", "1");
  cr_expect_xp (doc, "count(//q:Code[@name='Think'])", "0");
  cr_expect_xp (doc, "count(//q:Code[@name='Feel'])", "1");
  cr_expect_xp (doc, "count(//q:Code[@name='Safe'])", "1");
  xmlFreeDoc (doc);

  cr_assert_eq (kt_cli (NULL, NULL, "export", "qdc", fx.path, "-o", qdc, "--unique-names", NULL), 0);
  assert_schema_valid ("Codebook.xsd", qdc);
  counts = assert_checked (qdc, FALSE);
  cr_expect_str_eq (counts, "codes=5 sets=5");
  doc = xmlReadFile (qdc, NULL, XML_PARSE_NONET);
  cr_expect_xp (doc, "count(//c:Code[@name='Connected › Think'])", "1");
  xmlFreeDoc (doc);
  fixture_clear (&fx);
}

Test (refi_export, qdc_holds_the_codebook_and_says_what_it_leaves_out)
{
  Fixture fx = { 0 };
  g_autofree char *out = NULL, *err = NULL, *qdc = NULL;
  xmlDocPtr doc;

  make_project (&fx);
  cr_assert_eq (kt_cli (&out, &err, "export", "qdc", fx.path, NULL), 0, "%s", err);
  cr_expect_str_eq (err, "5 codes\n5 framework sets\n"
                         "Left out: 1 code memo (a codebook has no notes; export a project to keep it)\n");
  qdc = sibling (fx.path, "stdout.qdc");
  kt_write_file (qdc, out, -1);
  assert_schema_valid ("Codebook.xsd", qdc);
  doc = xmlReadMemory (out, (int) strlen (out), "stdout.qdc", NULL, XML_PARSE_NONET);
  cr_expect_xp (doc, "string(/c:CodeBook/@origin)", "Kith " KITH_VERSION);
  cr_expect_xp (doc, "string(//c:Code[@name='Connected']/@isCodable)", "false");
  cr_expect_xp (doc, "string(//c:Code[@name='Safe']/@isCodable)", "true");
  cr_expect_xp (doc, "string(//c:Code[@name='Safe']/c:Code/@name)", "Think");
  cr_expect_xp (doc, "string(//c:Code[@name='Safe']/@color)", "#B91C1C");
  cr_expect_xp (doc, "count(//c:Set[@name='Kith outcome: belonging']/c:MemberCode[@guid=//c:Code[@name='Feel']/@guid])", "1");
  xmlFreeDoc (doc);
  fixture_clear (&fx);
}

Test (refi_export, a_read_only_project_exports_and_is_left_as_it_was)
{
  Fixture fx = { 0 };
  g_autofree char *dir = NULL, *out_dir = kt_tmpdir (), *qdpx = NULL, *err = NULL;
  g_autofree char *before = NULL, *after = NULL;

  make_project (&fx);
  dir = g_path_get_dirname (fx.path);
  cr_assert_eq (g_chmod (fx.path, 0400), 0);
  before = kt_sha256_file (fx.path);
  qdpx = g_build_filename (out_dir, "read-only.qdpx", NULL);
  cr_assert_eq (kt_cli (NULL, &err, "export", "qdpx", fx.path, "-o", qdpx, NULL), 0, "%s", err);
  g_free (assert_checked (qdpx, FALSE));
  after = kt_sha256_file (fx.path);
  cr_expect_str_eq (after, before);
  {
    /* nothing beside the project: no journal, no backup */
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    guint n = 0;
    while ((name = g_dir_read_name (d)) != NULL)
      n++;
    cr_expect_eq (n, 1, "files were left beside the read-only project");
  }
  {
    GStatBuf st;
    cr_assert_eq (g_stat (qdpx, &st), 0);
    cr_expect_eq (st.st_mode & 0777, 0600, "the export is readable by its owner only");
  }
  fixture_clear (&fx);
}

Test (refi_export, a_bad_output_path_is_an_error_naming_it_and_writes_nothing)
{
  Fixture fx = { 0 };
  g_autofree char *err = NULL, *default_path = NULL, *err2 = NULL, *err3 = NULL, *sha = NULL;

  make_project (&fx);
  cr_expect_eq (kt_cli (NULL, &err, "export", "qdpx", fx.path, "-o", "/nonexistent/folder/out.qdpx", NULL), 1);
  cr_expect_str_eq (err, "kith-cli: /nonexistent/folder/out.qdpx: cannot write the export: its folder does not exist\n");
  cr_expect (!g_file_test ("/nonexistent/folder", G_FILE_TEST_EXISTS));

  /* without -o: PROJECT.qdpx beside the project, never replaced without --force */
  default_path = g_strdup_printf ("%.*s.qdpx", (int) (strlen (fx.path) - 5), fx.path);
  cr_assert (g_str_has_suffix (fx.path, ".kith"));
  kt_write_file (default_path, "keep me", -1);
  cr_expect_eq (kt_cli (NULL, &err2, "export", "qdpx", fx.path, NULL), 1);
  {
    g_autofree char *expected = g_strdup_printf ("kith-cli: %s: the file exists already (replace it with --force, "
                                                 "or choose another with -o)\n", default_path);
    cr_expect_str_eq (err2, expected);
  }
  sha = kt_read_file (default_path, NULL);
  cr_expect_str_eq (sha, "keep me");
  cr_expect_eq (kt_cli (NULL, &err3, "export", "qdpx", fx.path, "--force", NULL), 0, "%s", err3);
  g_free (assert_checked (default_path, FALSE));
  fixture_clear (&fx);
}

Test (refi_export, a_codebook_without_codes_is_refused)
{
  g_autofree char *path = NULL, *err = NULL;
  g_autoptr(KithProject) project = kt_new_project (&path);

  cr_expect_eq (kt_cli (NULL, &err, "export", "qdc", path, NULL), 1);
  cr_expect (strstr (err, path) != NULL && strstr (err, "has no codes") != NULL, "%s", err);
}

Test (refi_export, the_sample_project_exports_valid_files)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "sample.kith", NULL);
  g_autofree char *qdpx = g_build_filename (dir, "sample.qdpx", NULL);
  g_autofree char *crlf = g_build_filename (dir, "sample-crlf.qdpx", NULL);
  g_autofree char *qdc = g_build_filename (dir, "sample.qdc", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  xmlDocPtr doc;

  cr_assert (kith_sample_project_create (path, &error), "%s", error ? error->message : "");
  cr_assert_eq (kt_cli (NULL, &err, "export", "qdpx", path, "-o", qdpx, NULL), 0, "%s", err);
  cr_expect (strstr (err, "Left out:") != NULL, "the sample's review queue is reported:\n%s", err);
  g_free (assert_checked (qdpx, FALSE));
  xmlFreeDoc (read_qde (qdpx));
  cr_assert_eq (kt_cli (NULL, NULL, "export", "qdpx", path, "-o", crlf, "--crlf", "--unique-names", NULL), 0);
  g_free (assert_checked (crlf, TRUE));
  doc = read_qde (crlf);
  /* the bundled codebook has a Think, Feel and Do under every goal: with
   * unique names, no two codes share a name */
  cr_expect_xp (doc, "count(//q:Code[@name = preceding::q:Code/@name or @name = ancestor::q:Code/@name])", "0");
  xmlFreeDoc (doc);
  cr_assert_eq (kt_cli (NULL, NULL, "export", "qdc", path, "-o", qdc, NULL), 0);
  assert_schema_valid ("Codebook.xsd", qdc);
  g_free (assert_checked (qdc, FALSE));
}

/* The reader itself: a file with each fault it looks for is refused, each
 * fault named. */
Test (refi_export, the_independent_reader_finds_each_fault)
{
  static const char qde[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<Project name=\"broken\" xmlns=\"urn:QDA-XML:project:1.0\">"
    "<CodeBook><Codes><Code guid=\"00000000-0000-4000-8000-000000000001\" name=\"Safe\" isCodable=\"true\"/></Codes></CodeBook>"
    "<Sources>"
    "<TextSource guid=\"00000000-0000-4000-8000-000000000002\" name=\"walsall.txt\" plainTextPath=\"internal://00000000-0000-4000-8000-000000000002.txt\">"
    "<PlainTextSelection guid=\"00000000-0000-4000-8000-000000000003\" name=\"Walsall\" startPosition=\"0\" endPosition=\"40\">"
    "<Coding guid=\"00000000-0000-4000-8000-000000000004\"><CodeRef targetGUID=\"00000000-0000-4000-8000-00000000dead\"/></Coding>"
    "</PlainTextSelection>"
    "<PlainTextSelection guid=\"00000000-0000-4000-8000-000000000005\" name=\"Arboretum\" startPosition=\"0\" endPosition=\"7\"/>"
    "</TextSource>"
    "<TextSource guid=\"00000000-0000-4000-8000-000000000001\" name=\"missing.txt\" plainTextPath=\"internal://missing.txt\"/>"
    "</Sources></Project>";
  const KtZipEntry entries[] = {
    { "project.qde", qde, -1, FALSE },
    { "sources/00000000-0000-4000-8000-000000000002.txt", "Walsall Arboretum\n", -1, FALSE },
  };
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "broken.qdpx", NULL);
  g_autofree char *script = g_build_filename (g_getenv ("KITH_SOURCE_ROOT"), "tests", "check-refi.py", NULL);
  g_autofree char *out = NULL;
  const char *argv[] = { "python3", script, path, NULL };

  kt_write_zip (path, entries, G_N_ELEMENTS (entries), NULL);
  cr_assert_eq (run (&out, argv), 1, "%s", out);
  cr_expect_str_eq (out,
    "source missing.txt: sources/missing.txt is not in the archive\n"
    "GUID 00000000-0000-4000-8000-000000000001 used twice ({urn:QDA-XML:project:1.0}Code and {urn:QDA-XML:project:1.0}TextSource)\n"
    "CodeRef targetGUID=00000000-0000-4000-8000-00000000dead resolves to nothing\n"
    "selection 00000000-0000-4000-8000-000000000003: 0–40 does not fit 18 code points\n"
    "selection 00000000-0000-4000-8000-000000000005: name 'Arboretum' is not the text 'Walsall'\n");
}

/* The real reports of ../shared/real, coded by the bundled codebook's rules
 * with some suggestions accepted, export valid files. */
Test (refi_export, the_real_reports_export_valid_files, .timeout = 100)
{
  const char *real = g_getenv ("KITH_REAL_DIR");
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "real.kith", NULL);
  g_autofree char *qdpx = g_build_filename (dir, "real.qdpx", NULL);
  g_autofree char *crlf = g_build_filename (dir, "real-crlf.qdpx", NULL);
  g_autofree char *clean = NULL, *wrapped = NULL, *err = NULL, *counts = NULL;
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ids[20];
  guint n = 0;

  cr_assert_not_null (real);
  clean = g_build_filename (real, "roadmap-2020.txt", NULL);
  wrapped = g_build_filename (real, "roadmap-2020-hardwrapped.txt", NULL);
  cr_assert_eq (kt_cli (NULL, NULL, "init", path, NULL), 0);
  cr_assert_eq (kt_cli (NULL, NULL, "import", path, clean, wrapped, NULL), 0);
  cr_assert_eq (kt_cli (NULL, NULL, "codebook", "load", path, "inclusive-communities", NULL), 0);
  cr_assert_eq (kt_cli (NULL, NULL, "suggest", path, NULL), 0);
  project = kith_project_open (path, KITH_OPEN_DEFAULT, &error);
  cr_assert_not_null (project, "%s", error ? error->message : "");
  for (gint64 id = 1; n < G_N_ELEMENTS (ids); id += 7)
    ids[n++] = id;
  cr_assert (kith_review_accept (project, ids, n, &error), "%s", error ? error->message : "");
  g_clear_object (&project);

  cr_assert_eq (kt_cli (NULL, &err, "export", "qdpx", path, "-o", qdpx, NULL), 0, "%s", err);
  cr_expect (strstr (err, "\n20 codings\n") != NULL, "%s", err);
  counts = assert_checked (qdpx, FALSE);
  cr_expect (g_str_has_prefix (counts, "sources=2 selections=20 codings=20 "), "%s", counts);
  xmlFreeDoc (read_qde (qdpx));
  cr_assert_eq (kt_cli (NULL, NULL, "export", "qdpx", path, "-o", crlf, "--crlf", "--unique-names", NULL), 0);
  g_free (assert_checked (crlf, TRUE));
  xmlFreeDoc (read_qde (crlf));
}

static void
on_job_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
on_job_message (KithJob *job, GParamSpec *pspec, GPtrArray *messages)
{
  g_ptr_array_add (messages, g_strdup (kith_job_get_message (job)));
}

/* The desktop app's export: a job on its own read-only connection, its
 * progress named by document, the report as its result. */
Test (refi_export, the_export_job_reports_progress_and_its_counts)
{
  Fixture fx = { 0 };
  g_autofree char *qdpx = NULL;
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithJob) job = NULL;
  g_autofree KithRefiExportReport *report = NULL;
  GAsyncResult *result = NULL;
  KithRefiExportOptions options = { .crlf = TRUE };
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  make_project (&fx);
  qdpx = sibling (fx.path, "from-the-app.qdpx");
  job = kith_job_export_refi (fx.path, KITH_REFI_QDPX, &options, qdpx, on_job_done, &result);
  g_signal_connect (job, "notify::message", G_CALLBACK (on_job_message), messages);
  while (result == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  cr_assert_not_null (result, "the export job did not finish");
  report = kith_job_run_finish (job, result, &error);
  g_object_unref (result);
  cr_assert_not_null (report, "%s", error ? error->message : "");
  cr_expect_eq (report->n_codings, 4);
  cr_expect_eq (report->n_selections, 5);
  cr_expect_eq (report->n_pending, 1);
  cr_expect_eq (report->n_rejected, 1);
  cr_expect_eq (kith_job_get_fraction (job), 1.0);
  cr_expect_str_eq (g_ptr_array_index (messages, messages->len - 1), "Exporting: hub-report.txt");
  g_free (assert_checked (qdpx, TRUE));
  fixture_clear (&fx);
}

/* XML 1.0 cannot hold a C0 control even as a reference: a memo with one
 * still gives a file that parses and validates, the control as U+FFFD. */
Test (refi_export, a_control_character_in_a_memo_keeps_the_file_valid)
{
  Fixture fx = { 0 };
  g_autofree char *qdpx = NULL;
  xmlDocPtr doc;

  make_project (&fx);
  {
    g_autoptr(KithProject) project = kith_project_open (fx.path, KITH_OPEN_DEFAULT, NULL);
    cr_assert_not_null (project);
    kt_exec_sql (project, "UPDATE memos SET body = 'Tipton' || char (7) || ' library', title = ''"
                          " WHERE title = 'Scope'");
  }
  qdpx = sibling (fx.path, "control.qdpx");
  cr_assert_eq (kt_cli (NULL, NULL, "export", "qdpx", fx.path, "-o", qdpx, NULL), 0);
  g_free (assert_checked (qdpx, FALSE));
  doc = read_qde (qdpx);
  cr_assert_not_null (doc);
  cr_expect_xp (doc, "string(//q:Note[@guid=/q:Project/q:NoteRef/@targetGUID]/q:PlainTextContent)", "Tipton\xef\xbf\xbd library");
  /* an untitled memo is a note without a name */
  cr_expect_xp (doc, "count(//q:Note[@guid=/q:Project/q:NoteRef/@targetGUID]/@name)", "0");
  xmlFreeDoc (doc);
  fixture_clear (&fx);
}

/* ---- round trips: Kith → .qdpx → a new Kith project ----------------------- */

#include "kith-refi-import.h"

#define CODE_PATHS \
  "WITH RECURSIVE p (id, path) AS (SELECT id, name FROM codes WHERE parent_id IS NULL" \
  " UNION ALL SELECT c.id, p.path || '/' || c.name FROM codes c JOIN p ON c.parent_id = p.id) "

/* What must come back, each as rows of text, compared field by field. */
static const struct { const char *what; const char *sql; } round_trip_fields[] = {
  { "documents", "SELECT name, kind, coalesce (title, ''), char_count, byte_count FROM documents ORDER BY name" },
  { "texts", "SELECT d.name, t.text FROM documents d JOIN document_texts t ON t.document_id = d.id ORDER BY d.name" },
  { "codes", CODE_PATHS "SELECT p.path, description, colour, coalesce (goal, ''), coalesce (dimension, ''),"
             " coalesce (outcome_key, '') FROM codes JOIN p USING (id) ORDER BY p.path" },
  { "codings", CODE_PATHS "SELECT d.name, p.path, start_pos, end_pos, k.name, memo, c.created FROM codings c"
               " JOIN documents d ON d.id = c.document_id JOIN p ON p.id = c.code_id JOIN coders k ON k.id = c.coder_id"
               " ORDER BY d.name, start_pos, end_pos, p.path, k.name" },
  { "coders", "SELECT name FROM coders WHERE id IN (SELECT coder_id FROM codings) ORDER BY name" },
  { "cases", "SELECT name, description FROM cases ORDER BY name" },
  { "attributes", "SELECT name, type FROM attributes ORDER BY name" },
  { "case values", "SELECT c.name, a.name, v.value FROM case_values v JOIN cases c ON c.id = v.case_id"
                   " JOIN attributes a ON a.id = v.attribute_id ORDER BY 1, 2" },
  { "document values", "SELECT d.name, a.name, v.value FROM document_values v JOIN documents d ON d.id = v.document_id"
                       " JOIN attributes a ON a.id = v.attribute_id ORDER BY 1, 2" },
  { "turns", "SELECT d.name, start_pos, speech_start, end_pos, speaker, coalesce (c.name, '') FROM turns t"
             " JOIN documents d ON d.id = t.document_id LEFT JOIN cases c ON c.id = t.case_id ORDER BY 1, 2" },
  { "documents' cases", "SELECT d.name, c.name FROM documents d JOIN cases c ON c.id = d.case_id ORDER BY 1" },
  { "memos", CODE_PATHS "SELECT coalesce ('document ' || d.name, 'code ' || p.path, 'case ' || c.name, 'project'),"
             " m.title, m.body FROM memos m LEFT JOIN documents d ON d.id = m.document_id"
             " LEFT JOIN p ON p.id = m.code_id LEFT JOIN cases c ON c.id = m.case_id ORDER BY 1, 2" },
};

/* Every row of @sql as text, fields tab-separated, rows on lines. */
static char *
rows_of (KithProject *project, const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  cr_assert_eq (sqlite3_open_v2 (kith_project_get_path (project), &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  cr_assert_eq (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), SQLITE_OK, "%s: %s", sql, sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const unsigned char *v = sqlite3_column_text (stmt, c);
          g_string_append_printf (out, "%s%s", c > 0 ? "\t" : "", v != NULL ? (const char *) v : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_strdup (out->str);
}

/* The GUIDs of every user, code, source, case and coding in @qdpx's
 * project.qde, in document order. */
static char *
guids_of (const char *qdpx)
{
  g_autoptr(GBytes) qde = zip_entry (qdpx, "project.qde");
  g_autofree char *text = g_strndup (g_bytes_get_data (qde, NULL), g_bytes_get_size (qde));
  g_autoptr(GRegex) re = g_regex_new ("<(User|Code|TextSource|Case|Coding)\\b[^>]*\\bguid=\"([^\"]+)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  GString *out = g_string_new (NULL);

  for (g_regex_match (re, text, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *kind = g_match_info_fetch (match, 1), *guid = g_match_info_fetch (match, 2);
      g_string_append_printf (out, "%s %s\n", kind, guid);
    }
  return g_string_free (out, FALSE);
}

static void
assert_round_trip (gboolean crlf)
{
  Fixture fx = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(KithProject) original = NULL, copy = NULL;
  g_autoptr(GBytes) qdpx = NULL, again = NULL;
  KithRefiExportOptions options = { .crlf = crlf };
  KithRefiReport report;
  g_autofree char *file = NULL, *copy_path = NULL, *file_again = NULL;

  make_project (&fx);
  original = kith_project_open (fx.path, KITH_OPEN_DEFAULT, &error);
  cr_assert_not_null (original, "%s", error ? error->message : "");
  qdpx = kith_refi_export (original, KITH_REFI_QDPX, &options, NULL, NULL, NULL, &error);
  cr_assert_not_null (qdpx, "%s", error ? error->message : "");
  file = sibling (fx.path, crlf ? "round-trip-crlf.qdpx" : "round-trip.qdpx");
  cr_assert (kith_refi_export_save (qdpx, file, &error), "%s", error ? error->message : "");

  copy_path = sibling (fx.path, "copy.kith");
  kith_refi_report_init (&report);
  copy = kith_refi_import_qdpx_new (copy_path, file, NULL, &report, &error);
  cr_assert_not_null (copy, "%s", error ? error->message : "");
  for (guint i = 0; i < G_N_ELEMENTS (round_trip_fields); i++)
    {
      g_autofree char *before = rows_of (original, round_trip_fields[i].sql);
      g_autofree char *after = rows_of (copy, round_trip_fields[i].sql);

      cr_expect_str_eq (after, before, "%s%s differ after the round trip:\n%s\nwere\n%s",
                        round_trip_fields[i].what, crlf ? " (CRLF)" : "", after, before);
    }
  {
    g_autofree char *codings = rows_of (original, round_trip_fields[3].sql);
    cr_expect_gt (strlen (codings), 100, "the fixture has codings");
  }

  /* exported again, the copy gives every code, source and coding the same GUID */
  again = kith_refi_export (copy, KITH_REFI_QDPX, &options, NULL, NULL, NULL, &error);
  cr_assert_not_null (again, "%s", error ? error->message : "");
  file_again = sibling (fx.path, "again.qdpx");
  cr_assert (kith_refi_export_save (again, file_again, &error));
  {
    g_autofree char *x = guids_of (file), *y = guids_of (file_again);
    cr_expect_str_eq (y, x, "the GUIDs changed when the copy was exported");
    cr_expect_gt (strlen (x), 36 * 10, "GUIDs were read: %s", x);
  }
  kith_refi_report_clear (&report);
  fixture_clear (&fx);
}

Test (refi_round_trip, a_project_comes_back_field_by_field)
{
  assert_round_trip (FALSE);
}

Test (refi_round_trip, with_crlf_positions_it_comes_back_the_same)
{
  assert_round_trip (TRUE);
}

/* A codebook alone: the code tree, descriptions, colours and the framework
 * come back into an empty project through a .qdc. */
Test (refi_round_trip, a_codebook_comes_back_with_its_framework)
{
  Fixture fx = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(KithProject) original = NULL, copy = NULL;
  g_autoptr(GBytes) qdc = NULL;
  g_autofree char *file = NULL, *copy_path = NULL, *before = NULL, *after = NULL;
  KithRefiReport report;

  make_project (&fx);
  original = kith_project_open (fx.path, KITH_OPEN_DEFAULT, &error);
  qdc = kith_refi_export (original, KITH_REFI_QDC, NULL, NULL, NULL, NULL, &error);
  cr_assert_not_null (qdc, "%s", error ? error->message : "");
  file = sibling (fx.path, "codebook.qdc");
  cr_assert (kith_refi_export_save (qdc, file, &error));
  copy = kt_new_project (&copy_path);
  kith_refi_report_init (&report);
  cr_assert (kith_refi_import_qdc (copy, file, NULL, &report, &error), "%s", error ? error->message : "");
  before = rows_of (original, round_trip_fields[2].sql);
  after = rows_of (copy, round_trip_fields[2].sql);
  cr_assert_str_eq (after, before, "the codes differ after the round trip");
  cr_assert (strstr (after, "connected\tthink\tknow-support") != NULL, "%s", after);
  kith_refi_report_clear (&report);
  fixture_clear (&fx);
}

/* Each vendor's sample comes in, and goes out again as a file that
 * validates, passes the independent reader and keeps every coding that
 * came in. */
Test (refi_round_trip, each_vendor_sample_exports_again_with_every_coding, .timeout = 100)
{
  static const char *const samples[] = {
    "atlasti-23/blank-atlas-project.qdpx", "atlasti-23/target-atlas-project.qdpx",
    "nvivo-mac-and-qc/nvivo_project.qdpx", "nvivo-mac-and-qc/demo.qdpx",
  };
  g_autofree char *dir = kt_tmpdir ();

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *sample = g_build_filename (g_getenv ("KITH_SOURCE_ROOT"), "..", "shared", "refi", "samples",
                                                  samples[i], NULL);
      g_autofree char *name = g_strdup_printf ("sample-%u.kith", i);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *out = g_strconcat (path, ".qdpx", NULL);
      g_autoptr(KithProject) project = NULL;
      g_autoptr(GBytes) qdpx = NULL;
      g_autoptr(GBytes) qde = NULL;
      g_autofree char *qde_text = NULL, *checked = NULL;
      KithRefiReport report;
      gint64 codings;
      guint written = 0;

      kith_refi_report_init (&report);
      project = kith_refi_import_qdpx_new (path, sample, NULL, &report, &error);
      cr_assert_not_null (project, "%s: %s", samples[i], error ? error->message : "");
      codings = kt_count (project, "SELECT count(*) FROM codings");
      cr_assert_eq (codings, report.n_codings_new, "%s", samples[i]);
      qdpx = kith_refi_export (project, KITH_REFI_QDPX, NULL, NULL, NULL, NULL, &error);
      cr_assert_not_null (qdpx, "%s: %s", samples[i], error ? error->message : "");
      cr_assert (kith_refi_export_save (qdpx, out, &error));
      xmlFreeDoc (read_qde (out));   /* validates it against the schema */
      checked = assert_checked (out, FALSE);
      qde = zip_entry (out, "project.qde");
      qde_text = g_strndup (g_bytes_get_data (qde, NULL), g_bytes_get_size (qde));
      for (const char *p = qde_text; (p = strstr (p, "<Coding ")) != NULL; p++)
        written++;
      cr_expect_eq (written, (guint) codings, "%s: %" G_GINT64_FORMAT " codings came in, %u went out",
                    samples[i], codings, written);
      if (g_str_has_suffix (samples[i], "demo.qdpx"))
        cr_expect_eq (codings, 205, "qc's demo has 205 codings (counted with ElementTree)");
      kith_refi_report_clear (&report);
    }
}

/* With the project's “Pseudonymise exports” on (the app's Privacy page),
 * the app's export job pseudonymises and its report says how much. */
Test (refi_export, the_export_job_follows_the_privacy_setting)
{
  Fixture fx = { 0 };
  g_autofree char *qdpx = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithJob) job = NULL;
  g_autoptr(GBytes) source = NULL;
  g_autofree KithRefiExportReport *report = NULL;
  g_autofree char *text = NULL, *guid = NULL, *entry = NULL;
  GAsyncResult *result = NULL;
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  make_project (&fx);
  {
    g_autoptr(KithProject) project = kith_project_open (fx.path, KITH_OPEN_DEFAULT, &error);
    cr_assert (kith_privacy_set_pseudonymise (project, TRUE, &error), "%s", error ? error->message : "");
  }
  qdpx = sibling (fx.path, "private.qdpx");
  job = kith_job_export_refi (fx.path, KITH_REFI_QDPX, NULL, qdpx, on_job_done, &result);
  while (result == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  cr_assert_not_null (result, "the export job did not finish");
  report = kith_job_run_finish (job, result, &error);
  g_object_unref (result);
  cr_assert_not_null (report, "%s", error ? error->message : "");
  cr_assert (report->pseudonymised);
  cr_assert_gt (report->replaced[KITH_PRIVACY_NAME], 0);
  g_free (assert_checked (qdpx, FALSE));
  /* the interview's text: Amira and Yusuf (its speakers, cases) replaced */
  {
    g_autoptr(GBytes) qde = zip_entry (qdpx, "project.qde");
    g_autofree char *xml = g_strndup (g_bytes_get_data (qde, NULL), g_bytes_get_size (qde));
    const char *at = strstr (xml, "name=\"sparkbrook-interview.txt\"");
    const char *g;

    cr_assert_not_null (at, "the interview's source");
    g = g_strrstr_len (xml, at - xml, "guid=\"");
    cr_assert_not_null (g);
    guid = g_strndup (g + 6, 36);
  }
  entry = g_strdup_printf ("sources/%s.txt", guid);
  source = zip_entry (qdpx, entry);
  text = g_strndup (g_bytes_get_data (source, NULL), g_bytes_get_size (source));
  cr_assert (strstr (text, "Amira") == NULL && strstr (text, "Yusuf") == NULL, "%s", text);
  cr_assert (strstr (text, "Resident 1: یہ جگہ") != NULL, "%s", text);
  fixture_clear (&fx);
}
