/* test-matrix.c — the framework matrix, cell by cell, and workbooks read
 * back with openpyxl */
#include "kith-config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "kith-codes.h"
#include "kith-test-util.h"

static const char group[] =
  "Interviewer: Grace Obi\n"
  "\n"
  "Grace: What helps you feel you belong?\n"
  "Harjit: The gurdwara feels like home. I know where to get help now.\n"
  "Delroy: The youth club shut. I feel left out.\n"
  "Grace: Anything else?\n"
  "Harjit: I volunteer at the food bank on Fridays.\n";

static const char report[] = "Residents told us the hub helps them find support when they need it.\n";

/* Codings: passage, code */
static const char *const codings[][2] = {
  { "The gurdwara feels like home.", "Connected/Belong/Faith" },
  { "I know where to get help now.", "Connected/Know support" },
  { "I feel left out.", "Connected/Belong" },
  { "I volunteer at the food bank on Fridays.", "Connected/Take part" },
};
static const char report_passage[] = "the hub helps them find support";

static void
cli_ok (const char *a, const char *b, const char *c, const char *d, const char *e, const char *f)
{
  g_autofree char *err = NULL;
  cr_assert_eq (kt_cli (NULL, &err, a, b, c, d, e, f, NULL), 0, "kith-cli %s %s %s: %s", a, b, c, err);
}

static char *
matrix_project (void)
{
  g_autofree char *path = NULL;
  g_autoptr(KithProject) project = kt_new_project (&path);
  g_autofree char *text = NULL, *rtext = NULL;
  gint64 doc = kt_import_text (project, "tipton-group.txt", group);
  gint64 rep = kt_import_text (project, "funder-report.txt", report);
  g_autoptr(GError) error = NULL;

  text = kt_document_text (project, doc);
  rtext = kt_document_text (project, rep);
  kt_framework_code (project, "Connected", "connected", NULL, NULL);
  kt_framework_code (project, "Connected/Belong", "connected", "feel", "belong");
  cr_assert_gt (kith_codes_add_path (project, "Connected/Belong/Faith", NULL, NULL, &error), 0);
  kt_framework_code (project, "Connected/Know support", "connected", "think", "know-support");
  kt_framework_code (project, "Connected/Take part", "connected", "do", "take-part");
  for (guint i = 0; i < G_N_ELEMENTS (codings); i++)
    kt_code_text (project, doc, text, codings[i][0], kith_codes_lookup (project, codings[i][1], &error));
  kt_code_text (project, rep, rtext, report_passage, kith_codes_lookup (project, "Connected/Know support", &error));
  g_clear_object (&project);

  cli_ok ("cases", "attribute", path, "local_authority", NULL, NULL);
  cli_ok ("cases", "add", path, "Harjit Kaur", "local_authority=Sandwell", NULL);
  cli_ok ("cases", "add", path, "Delroy Campbell", "local_authority=Dudley", NULL);
  cli_ok ("cases", "link", path, "tipton-group.txt", "Harjit", "Harjit Kaur");
  cli_ok ("cases", "link", path, "tipton-group.txt", "Delroy", "Delroy Campbell");
  return g_steal_pointer (&path);
}

static char *
matrix (const char *path, const char *rows, const char *cols, const char *cell)
{
  g_autofree char *err = NULL;
  char *out = NULL;

  cr_assert_eq (kt_cli (&out, &err, "matrix", path, "--rows", rows, "--cols", cols, "--cell", cell, NULL), 0, "%s", err);
  return out;
}

Test (matrix, cases_by_outcomes_count_codings_of_subcodes_too)
{
  g_autofree char *path = matrix_project ();
  g_autofree char *out = matrix (path, "case", "outcome", "codings");

  /* Harjit's Faith coding counts for belong; the report's coding has no case */
  cr_assert_str_eq (out,
                    "case\tbelong\tknow-support\ttake-part\n"
                    "Delroy Campbell\t1\t0\t0\n"
                    "Harjit Kaur\t1\t1\t1\n");
}

Test (matrix, documents_by_codes)
{
  g_autofree char *path = matrix_project ();
  g_autofree char *out = matrix (path, "document", "code", "codings");

  cr_assert_str_eq (out,
                    "document\tConnected\tConnected/Belong\tConnected/Belong/Faith\tConnected/Know support\tConnected/Take part\n"
                    "tipton-group.txt\t4\t2\t1\t1\t1\n"
                    "funder-report.txt\t1\t0\t0\t1\t0\n");
}

Test (matrix, places_by_dimension_count_residents_and_documents)
{
  g_autofree char *path = matrix_project ();
  g_autofree char *residents = matrix (path, "local_authority", "dimension", "residents");
  g_autofree char *documents = matrix (path, "local_authority", "goal", "documents");

  cr_assert_str_eq (residents,
                    "local_authority\tfeel\tthink\tdo\n"
                    "Dudley\t1\t0\t0\n"
                    "Sandwell\t1\t1\t1\n");
  cr_assert_str_eq (documents,
                    "local_authority\tconnected\n"
                    "Dudley\t1\n"
                    "Sandwell\t1\n");
}

Test (matrix, characters_are_the_coded_text_s_length)
{
  g_autofree char *path = matrix_project ();
  g_autofree char *out = matrix (path, "document", "goal", "characters");
  g_autofree char *expected = NULL;
  gsize group_chars = 0;

  for (guint i = 0; i < G_N_ELEMENTS (codings); i++)
    group_chars += g_utf8_strlen (codings[i][0], -1);
  expected = g_strdup_printf ("document\tconnected\ntipton-group.txt\t%zu\nfunder-report.txt\t%ld\n",
                              group_chars, g_utf8_strlen (report_passage, -1));
  cr_assert_str_eq (out, expected);
}

Test (matrix, csv_and_bad_arguments)
{
  g_autofree char *path = matrix_project ();
  g_autofree char *out = NULL, *err = NULL;

  cr_assert_eq (kt_cli (&out, NULL, "matrix", path, "--rows", "case", "--cols", "goal", "--format", "csv", NULL), 0);
  cr_assert_str_eq (out, "case,connected\r\nDelroy Campbell,1\r\nHarjit Kaur,3\r\n");
  g_clear_pointer (&out, g_free);
  cr_assert_eq (kt_cli (NULL, &err, "matrix", path, "--rows", "age_band", "--cols", "goal", NULL), 1);
  cr_assert (strstr (err, "there is no attribute “age_band”") != NULL, "%s", err);
  g_clear_pointer (&err, g_free);
  cr_assert_eq (kt_cli (NULL, &err, "matrix", path, "--rows", "case", "--cols", "theme", NULL), 2);
  cr_assert (strstr (err, "--cols must be code, outcome, dimension or goal, not “theme”") != NULL, "%s", err);
}

/* The workbooks, read back by openpyxl (Debian's python3-openpyxl) in
 * tests/exports/check-xlsx.py, against the TSV and CSV of the same data. */
Test (matrix, workbooks_read_back_with_openpyxl)
{
  g_autofree char *path = matrix_project ();
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *book = g_build_filename (dir, "matrix.xlsx", NULL);
  g_autofree char *extracts = g_build_filename (dir, "extracts.xlsx", NULL);
  g_autofree char *script = g_build_filename (g_getenv ("KITH_SOURCE_ROOT"), "tests", "exports", "check-xlsx.py", NULL);
  g_autofree char *tsv = matrix (path, "case", "outcome", "codings");
  g_autofree char *csv = NULL, *out = NULL, *err = NULL;
  g_autofree char *tsv_file = g_build_filename (dir, "matrix.tsv", NULL);
  g_autofree char *csv_file = g_build_filename (dir, "extracts.csv", NULL);
  const char *argv[] = { "/usr/bin/python3", script, book, tsv_file, extracts, csv_file, NULL };
  int status = 0;

  cr_assert_eq (kt_cli (NULL, NULL, "matrix", path, "--rows", "case", "--cols", "outcome", "--format", "xlsx", "-o", book, NULL), 0);
  cr_assert_eq (kt_cli (&csv, NULL, "export", "extracts", path, "--format", "csv", NULL), 0);
  cr_assert_eq (kt_cli (NULL, NULL, "export", "extracts", path, "--format", "xlsx", "-o", extracts, NULL), 0);
  kt_write_file (tsv_file, tsv, -1);
  kt_write_file (csv_file, csv, -1);
  cr_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, NULL));
  cr_assert (g_spawn_check_wait_status (status, NULL), "check-xlsx.py:\n%s%s", out, err);
  cr_assert_str_eq (out, "matrix: 3 rows, 4 columns, as in the TSV\n"
                         "extracts: 5 rows as in the CSV; sheets Extracts, Code frequencies, Matrix\n", "%s", err);
}

/* The Word summary, read back by python-docx (Debian's python3-docx) in
 * tests/exports/check-docx.py: headings in Word's heading styles, the
 * tables, the charts as pictures with alt text, the quotes. */
Test (summary_docx, reads_back_with_python_docx)
{
  g_autofree char *path = matrix_project ();
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *docx = g_build_filename (dir, "summary.docx", NULL);
  g_autofree char *md_file = g_build_filename (dir, "summary.md", NULL);
  g_autofree char *script = g_build_filename (g_getenv ("KITH_SOURCE_ROOT"), "tests", "exports", "check-docx.py", NULL);
  g_autofree char *md = NULL, *out = NULL, *err = NULL;
  const char *argv[] = { "/usr/bin/python3", script, docx, md_file, NULL };
  int status = 0;

  cr_assert_eq (kt_cli (NULL, &err, "summary", path, "--format", "docx", "-o", docx, NULL), 0, "%s", err);
  cr_assert_eq (kt_cli (&md, NULL, "summary", path, "--format", "md", NULL), 0);
  kt_write_file (md_file, md, -1);
  g_clear_pointer (&err, g_free);
  cr_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, NULL));
  cr_assert (g_spawn_check_wait_status (status, NULL), "check-docx.py:\n%s%s", out, err);
  cr_assert_str_eq (out, "docx: title “Evaluation summary: test”; the Markdown's 8 headings, in Word heading styles; "
                         "tables: 4; charts as pictures with alt text: 1; quotes: 5\n", "%s", err);
}
