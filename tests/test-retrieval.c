/* test-retrieval.c — extracts of chosen codes with attributes; the sample project */
#include "kith-config.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kith-codebook.h"
#include "kith-codes.h"
#include "kith-codings.h"
#include "kith-db-private.h"
#include "kith-documents.h"
#include "kith-history.h"
#include "kith-import.h"
#include "kith-retrieval.h"
#include "kith-review.h"
#include "kith-sample.h"
#include "kith-test-util.h"

static gint64
import (KithProject *project, const char *name, const char *text)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(KithImportResult) r = NULL;

  kt_write_file (path, text, -1);
  r = kith_import_file (project, path, NULL);
  cr_assert_eq (r->status, KITH_IMPORT_IMPORTED, "%s", r->message);
  return r->document_id;
}

Test (retrieval, codes_with_subcodes_and_attribute_values)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithRetrieval) all = NULL;
  g_autoptr(KithRetrieval) feel = NULL;
  g_autoptr(KithRetrieval) safe_only = NULL;
  g_auto(GStrv) bands = NULL;
  gint64 d1, d2, feel_id, safe, lonely, part;
  KithRetrievalFilter filter = { NULL, -1, NULL };

  d1 = import (project, "one.txt", "Interviewer: Hello?\nAmina: I feel safe here but lonely at night.\n");
  d2 = import (project, "two.txt", "Some notes about taking part in the choir.\n");
  safe = kith_codes_add_path (project, "Feel/Safe", NULL, NULL, &error);
  lonely = kith_codes_add_path (project, "Feel/Lonely", NULL, NULL, &error);
  part = kith_codes_add_path (project, "Do/Take part", NULL, NULL, &error);
  feel_id = kith_codes_find_path (project, "Feel", &error);
  cr_assert_neq (kith_codings_add (project, d1, safe, 29, 38, NULL, KITH_ORIGIN_MANUAL, &error), 0);
  cr_assert_neq (kith_codings_add (project, d1, lonely, 48, 54, NULL, KITH_ORIGIN_MANUAL, &error), 0);
  cr_assert_neq (kith_codings_add (project, d2, part, 12, 24, NULL, KITH_ORIGIN_MANUAL, &error), 0);

  /* attributes: the document's age band, overridden by the case's */
  cr_assert (kith_db_exec (project,
      "INSERT INTO attributes (id, name, position) VALUES (1, 'age band', 0), (2, 'area', 1);"
      "INSERT INTO cases (id, name, created) VALUES (1, 'Amina', '2025');"
      "UPDATE documents SET case_id = 1, kind = 'transcript' WHERE id = 1;"
      "INSERT INTO case_values VALUES (1, 1, '35-44');"
      "INSERT INTO document_values VALUES (1, 1, '65+'), (1, 2, 'Walsall'), (2, 1, '18-24');", &error));

  all = kith_retrieval_run (project, NULL, 0, &error);
  cr_assert_not_null (all, "%s", error ? error->message : "");
  cr_assert_eq (all->rows->len, 3);
  cr_assert_eq (all->attributes->len, 2);
  cr_assert_str_eq (g_ptr_array_index (all->attributes, 0), "age band");
  {
    KithRetrievalRow *r0 = g_ptr_array_index (all->rows, 0);
    KithRetrievalRow *r2 = g_ptr_array_index (all->rows, 2);
    cr_assert_str_eq (r0->extract->text, "feel safe");
    cr_assert_str_eq (r0->values[0], "35-44", "the case's value wins");
    cr_assert_str_eq (r0->values[1], "Walsall");
    cr_assert_str_eq (r2->values[0], "18-24");
    cr_assert_str_eq (r2->values[1], "");
  }

  feel = kith_retrieval_run (project, &feel_id, 1, &error);
  cr_assert_eq (feel->rows->len, 2, "a parent brings its subcodes' extracts");
  safe_only = kith_retrieval_run (project, &safe, 1, &error);
  cr_assert_eq (safe_only->rows->len, 1);

  filter.kind = "transcript";
  cr_assert (kith_retrieval_row_matches (g_ptr_array_index (all->rows, 0), &filter));
  cr_assert_not (kith_retrieval_row_matches (g_ptr_array_index (all->rows, 2), &filter));
  filter.kind = NULL;
  filter.attribute = 0;
  filter.value = "18-24";
  cr_assert_not (kith_retrieval_row_matches (g_ptr_array_index (all->rows, 0), &filter));
  cr_assert (kith_retrieval_row_matches (g_ptr_array_index (all->rows, 2), &filter));
  cr_assert (kith_retrieval_row_matches (g_ptr_array_index (all->rows, 2), NULL));

  {
    g_autoptr(GString) csv = g_string_new (NULL);
    g_autoptr(GPtrArray) two = g_ptr_array_new ();
    g_ptr_array_add (two, g_ptr_array_index (all->rows, 2));
    g_ptr_array_add (two, g_ptr_array_index (all->rows, 0));
    kith_retrieval_to_csv (all->attributes, two, csv);
    cr_assert (g_str_has_prefix (csv->str, "document,code,start,end,text,speaker,case,coder,memo,origin,created,"
                                           "coding_id,document_kind,age band,area\r\n"), "%s", csv->str);
    cr_assert_not_null (strstr (csv->str, "\r\ntwo.txt,Do/Take part,12,24,"));
    cr_assert_not_null (strstr (csv->str, ",notes,18-24,\r\none.txt,Feel/Safe,"), "%s", csv->str);
    cr_assert (g_str_has_suffix (csv->str, ",transcript,35-44,Walsall\r\n"), "%s", csv->str);
  }
  bands = kith_retrieval_values (all, 0);
  cr_assert_eq (g_strv_length (bands), 2);
  cr_assert_str_eq (bands[0], "18-24");
  cr_assert_str_eq (bands[1], "35-44");
}

Test (sample, creates_documents_codebook_and_codings)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "Sample.kith", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithProject) project = NULL;
  g_autofree char *codebook_file = kith_codebook_find ("inclusive-communities", NULL);
  g_autoptr(KithCodebook) codebook = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autofree char *undo = NULL;

  cr_assert (kith_sample_project_create (path, &error), "%s", error ? error->message : "");
  project = kith_project_open (path, KITH_OPEN_DEFAULT, &error);
  cr_assert_not_null (project);
  /* every document of data-samples/; the barometers table is not one */
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM documents"), 20);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM documents WHERE name LIKE 'barometers%'"), 0);
  /* the bundled codebook, codes and rules, and nothing else */
  cr_assert_not_null (codebook_file);
  codebook = kith_codebook_read (codebook_file, &error);
  cr_assert_not_null (codebook, "%s", error ? error->message : "");
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM codes"), (gint64) codebook->codes->len);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM rules"), (gint64) codebook->rules->len);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM codes WHERE goal = 'inclusive' AND dimension = 'feel' "
                                   "AND outcome_key IS NOT NULL"), 4);
  /* the example codings, by hand, on the bundled codes */
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM codings WHERE origin = 'manual'"), 15);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM codings c JOIN codes k ON k.id = c.code_id "
                                   "WHERE k.name = 'Belonging rather than isolation'"), 5);
  /* a review queue, nothing coded by a rule */
  pending = kith_suggestions_list (project, 0, TRUE, &error);
  cr_assert_not_null (pending);
  cr_assert_gt (pending->len, 0);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM codings WHERE origin <> 'manual'"), 0);
  /* the interviewees as cases (the interviewers not), with their places
   * under the survey respondents' attribute */
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM cases c JOIN case_values v ON v.case_id = c.id "
                                   "JOIN attributes a ON a.id = v.attribute_id WHERE a.name = 'local_authority' "
                                   "AND c.name IN ('Delroy', 'Nasreen', 'Yusuf')"), 3);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM cases WHERE name IN ('Grace', 'Farah', 'Tomasz')"), 0);
  /* barometers, one linked to a code */
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM barometers"), 16);
  cr_assert_gt (kt_count (project, "SELECT count(*) FROM barometer_values"), 0);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM code_barometers"), 1);
  undo = kith_history_peek_undo (project, NULL);
  cr_assert_null (undo, "the sample's making is not the user's to undo");
  /* never over an existing file */
  cr_assert_not (kith_sample_project_create (path, &error));
}

Test (sample, missing_samples_leave_nothing)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "Sample.kith", NULL);
  g_autoptr(GError) error = NULL;

  g_setenv ("KITH_SAMPLES_DIR", "/nonexistent/kith-samples", TRUE);
  cr_assert_not (kith_sample_project_create (path, &error));
  g_unsetenv ("KITH_SAMPLES_DIR");
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_NOT_FOUND));
  cr_assert_not (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* a matrix cell's extracts: exactly its codings, whatever their codes */
Test (retrieval, the_extracts_of_chosen_codings)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithRetrieval) two = NULL;
  g_autoptr(KithRetrieval) none = NULL;
  gint64 doc, safe, part, c1, c2, c3, chosen[2];

  doc = import (project, "bilston.txt", "Interviewer: How was it?\nDelroy: I feel safe at the Bilston club and I joined the walks.\n");
  safe = kith_codes_add_path (project, "Feel/Safe", NULL, NULL, &error);
  part = kith_codes_add_path (project, "Do/Take part", NULL, NULL, &error);
  c1 = kith_codings_add (project, doc, safe, 35, 44, NULL, KITH_ORIGIN_MANUAL, &error);
  c2 = kith_codings_add (project, doc, safe, 48, 64, NULL, KITH_ORIGIN_MANUAL, &error);
  c3 = kith_codings_add (project, doc, part, 71, 87, NULL, KITH_ORIGIN_MANUAL, &error);
  cr_assert (c1 > 0 && c2 > 0 && c3 > 0, "%s", error ? error->message : "");

  chosen[0] = c3;
  chosen[1] = c1;
  two = kith_retrieval_run_codings (project, chosen, 2, &error);
  cr_assert_not_null (two, "%s", error ? error->message : "");
  cr_assert_eq (two->rows->len, 2);
  {
    KithRetrievalRow *r0 = g_ptr_array_index (two->rows, 0);
    KithRetrievalRow *r1 = g_ptr_array_index (two->rows, 1);
    cr_assert_eq (r0->extract->coding_id, c1, "in document order, not the order asked");
    cr_assert_str_eq (r0->extract->text, "feel safe");
    cr_assert_eq (r1->extract->coding_id, c3);
    cr_assert_str_eq (r1->extract->text, "joined the walks");
    cr_assert_eq (r1->extract->start, 71);
    cr_assert_eq (r1->extract->end, 87);
  }
  none = kith_retrieval_run_codings (project, NULL, 0, &error);
  cr_assert_not_null (none);
  cr_assert_eq (none->rows->len, 0, "no codings: no extracts, not all of them");
}

/* an export's copy: names go from the extracts and the attribute values */
Test (retrieval, a_pseudonymised_copy)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithRetrieval) copy = NULL;
  g_autoptr(KithPseudonymiser) p = kith_pseudonymiser_new ();
  gint64 doc, safe;

  doc = import (project, "walsall.txt", "Interviewer: Hello?\nPriya: Marcus took me to the Walsall arboretum walk.\n");
  safe = kith_codes_add_path (project, "Feel/Safe", NULL, NULL, &error);
  cr_assert_neq (kith_codings_add (project, doc, safe, 27, 71, NULL, KITH_ORIGIN_MANUAL, &error), 0);
  cr_assert (kith_db_exec (project,
      "INSERT INTO attributes (id, name, position) VALUES (1, 'key worker', 0);"
      "INSERT INTO document_values VALUES (1, 1, 'Marcus');", &error));
  kith_pseudonymiser_add_name (p, "Marcus", "Resident 7");

  copy = kith_retrieval_run (project, &safe, 1, &error);
  cr_assert_not_null (copy, "%s", error ? error->message : "");
  cr_assert_eq (copy->rows->len, 1);
  cr_assert_str_eq (((KithRetrievalRow *) g_ptr_array_index (copy->rows, 0))->extract->text,
                    "Marcus took me to the Walsall arboretum walk");
  kith_retrieval_pseudonymise (copy, p);
  {
    KithRetrievalRow *row = g_ptr_array_index (copy->rows, 0);
    cr_assert_str_eq (row->extract->text, "Resident 7 took me to the Walsall arboretum walk");
    cr_assert_str_eq (row->values[0], "Resident 7", "the row's own copy of the value too");
    cr_assert_eq (row->extract->start, 27, "positions stay those of the stored text");
  }
}
