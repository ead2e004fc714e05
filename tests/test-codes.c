/* test-codes.c — codes, codings and coded extracts */
#include <criterion/criterion.h>
#include <string.h>

#include "kith-codes.h"
#include "kith-codings.h"
#include "kith-csv-writer.h"
#include "kith-documents.h"
#include "kith-extracts.h"
#include "kith-import.h"
#include "kith-test-util.h"

Test (codes, paths_create_parents)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  gint64 safe, lonely, again;

  safe = kith_codes_add_path (project, "Inclusive/Feel/Safe without fear", "Feeling safe", "#2563eb", &error);
  cr_assert_neq (safe, 0, "%s", error ? error->message : "");
  lonely = kith_codes_add_path (project, " Inclusive / Feel / Lonely ", NULL, NULL, &error);
  cr_assert_neq (lonely, 0);
  codes = kith_codes_list (project, &error);
  cr_assert_eq (codes->len, 4);
  cr_assert_str_eq (((KithCode *) g_ptr_array_index (codes, 0))->path, "Inclusive");
  cr_assert_str_eq (((KithCode *) g_ptr_array_index (codes, 1))->path, "Inclusive/Feel");
  cr_assert_str_eq (((KithCode *) g_ptr_array_index (codes, 2))->path, "Inclusive/Feel/Safe without fear");
  cr_assert_str_eq (((KithCode *) g_ptr_array_index (codes, 3))->path, "Inclusive/Feel/Lonely");
  cr_assert_eq (((KithCode *) g_ptr_array_index (codes, 3))->depth, 2);
  cr_assert_str_eq (((KithCode *) g_ptr_array_index (codes, 2))->colour, "#2563eb");
  cr_assert_str_eq (((KithCode *) g_ptr_array_index (codes, 2))->description, "Feeling safe");

  cr_assert_eq (kith_codes_find_path (project, "Inclusive/Feel/Lonely", &error), lonely);
  again = kith_codes_add_path (project, "Inclusive/Feel/Lonely", NULL, NULL, &error);
  cr_assert_eq (again, 0);
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_EXISTS));
  cr_assert_eq (kith_codes_ensure_path (project, "Inclusive/Feel/Lonely", NULL), lonely);
}

Test (codes, framework_placement)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;
  gint64 id = kith_codes_add_path (project, "Connected/Think/Know support", NULL, NULL, &error);
  g_autoptr(KithCode) code = NULL;
  g_autoptr(KithCode) cleared = NULL;

  cr_assert (kith_codes_set_framework (project, id, "connected", "think", "know-support", &error));
  code = kith_codes_get (project, id, &error);
  cr_assert_str_eq (code->goal, "connected");
  cr_assert_str_eq (code->dimension, "think");
  cr_assert_str_eq (code->outcome_key, "know-support");
  cr_assert (kith_codes_set_framework (project, id, NULL, NULL, NULL, &error));
  cleared = kith_codes_get (project, id, &error);
  cr_assert_null (cleared->goal);
  cr_assert_not (kith_codes_set_framework (project, 999, "x", NULL, NULL, &error));
}

Test (codes, bad_paths_and_colours)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  const char *bad[] = { "", "/", "Feel//Safe", "Feel/ /Safe", "Feel/" };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      cr_assert_eq (kith_codes_add_path (project, bad[i], NULL, NULL, &error), 0, "“%s” accepted", bad[i]);
      cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_INVALID), "“%s”", bad[i]);
    }
  {
    g_autoptr(GError) error = NULL;
    cr_assert_eq (kith_codes_add_path (project, "Feel", NULL, "blue", &error), 0);
    cr_assert (strstr (error->message, "#rrggbb") != NULL);
  }
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM codes"), 0, "nothing half-created");
}

Test (codes, lookup_by_id_or_path)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;
  gint64 id = kith_codes_add_path (project, "Do/Volunteer", NULL, NULL, &error);
  g_autofree char *ref = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  cr_assert_eq (kith_codes_lookup (project, ref, &error), id);
  cr_assert_eq (kith_codes_lookup (project, "Do/Volunteer", &error), id);
  cr_assert_eq (kith_codes_lookup (project, "Do/Nothing", &error), 0);
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_NOT_FOUND));
}

Test (codings, add_validate_remove)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;
  gint64 doc = kt_import_text (project, "a.txt", "I feel safe at the gurdwara.\n");
  gint64 code = kith_codes_add_path (project, "Feel/Safe", NULL, NULL, &error);
  gint64 coding, other;
  g_autoptr(KithCoding) stored = NULL;

  coding = kith_codings_add (project, doc, code, 2, 11, "clear example", KITH_ORIGIN_MANUAL, &error);
  cr_assert_neq (coding, 0, "%s", error ? error->message : "");
  stored = kith_codings_get (project, coding, &error);
  cr_assert_eq (stored->start, 2);
  cr_assert_eq (stored->end, 11);
  cr_assert_str_eq (stored->coder, "Test Coder");
  cr_assert_str_eq (stored->memo, "clear example");
  cr_assert_str_eq (stored->origin, "manual");

  /* the same span twice by the same coder */
  cr_assert_eq (kith_codings_add (project, doc, code, 2, 11, NULL, KITH_ORIGIN_MANUAL, &error), 0);
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_EXISTS));
  g_clear_error (&error);
  /* another coder may code it too: agreement needs both */
  kith_project_set_coder (project, "Second Coder");
  other = kith_codings_add (project, doc, code, 2, 11, NULL, KITH_ORIGIN_MANUAL, &error);
  cr_assert_neq (other, 0);

  /* spans outside the text */
  {
    const gint64 spans[][2] = { { 5, 5 }, { 6, 3 }, { 0, 30 }, { -1, 4 } };
    for (gsize i = 0; i < G_N_ELEMENTS (spans); i++)
      {
        g_clear_error (&error);
        cr_assert_eq (kith_codings_add (project, doc, code, spans[i][0], spans[i][1], NULL, KITH_ORIGIN_MANUAL, &error), 0);
        cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_INVALID), "span %ld-%ld", (long) spans[i][0], (long) spans[i][1]);
      }
    cr_assert (strstr (error->message, "≤ 29") != NULL, "%s", error->message);
  }
  g_clear_error (&error);
  cr_assert_eq (kith_codings_add (project, doc, 9999, 0, 4, NULL, KITH_ORIGIN_MANUAL, &error), 0);
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_NOT_FOUND));

  g_clear_error (&error);
  cr_assert (kith_codings_set_memo (project, coding, "edited", &error));
  cr_assert (kith_codings_set_span (project, coding, 0, 11, &error));
  cr_assert_not (kith_codings_set_span (project, coding, 0, 100, &error));
  cr_assert (kith_codings_remove (project, coding, &error));
  g_clear_error (&error);
  cr_assert_not (kith_codings_remove (project, coding, &error));
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_NOT_FOUND));
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM codings"), 1);
}

Test (extracts, exact_text_after_multibyte_characters)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;
  const char *text =
    "Interviewer: Where do you feel you belong? 😊\n"
    "Nasreen: یہاں سب ایک دوسرے کا خیال رکھتے ہیں۔ In Alum Rock I can be myself.\n"
    "Interviewer: And your mother?\n"
    "Nasreen: She says ਅਸੀਂ ਉੱਥੇ ਜਾ ਕੇ ਕੀ ਕਰਾਂਗੇ? So she stays at home. Sąsiedzi są życzliwi. أشعر أن هذا بيتي.\n";
  gint64 doc = kt_import_text (project, "alum-rock.txt", text);
  gint64 belong = kith_codes_add_path (project, "Inclusive/Feel/Belonging", NULL, NULL, &error);
  gint64 barrier = kith_codes_add_path (project, "Cross-cutting/Access", NULL, NULL, &error);
  const char *spans[] = { "یہاں سب ایک دوسرے کا خیال رکھتے ہیں۔", "ਅਸੀਂ ਉੱਥੇ ਜਾ ਕੇ ਕੀ ਕਰਾਂਗੇ?",
                          "Sąsiedzi są życzliwi.", "أشعر أن هذا بيتي.", "I can be myself." };
  g_autoptr(GPtrArray) extracts = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (spans); i++)
    {
      gint64 start = kt_offset_of (text, spans[i]);
      gint64 end = start + g_utf8_strlen (spans[i], -1);
      cr_assert_neq (kith_codings_add (project, doc, i == 1 ? barrier : belong, start, end,
                                       i == 0 ? "quote, with \"comma\"\nand a line break" : NULL,
                                       KITH_ORIGIN_MANUAL, &error), 0, "%s", error ? error->message : "");
    }
  extracts = kith_extracts_query (project, NULL, &error);
  cr_assert_eq (extracts->len, 5);
  /* in text order */
  cr_assert_str_eq (((KithExtract *) g_ptr_array_index (extracts, 0))->text, spans[0]);
  cr_assert_str_eq (((KithExtract *) g_ptr_array_index (extracts, 1))->text, spans[4]);
  cr_assert_str_eq (((KithExtract *) g_ptr_array_index (extracts, 2))->text, spans[1]);
  cr_assert_str_eq (((KithExtract *) g_ptr_array_index (extracts, 3))->text, spans[2]);
  cr_assert_str_eq (((KithExtract *) g_ptr_array_index (extracts, 4))->text, spans[3]);
  for (guint i = 0; i < extracts->len; i++)
    {
      KithExtract *e = g_ptr_array_index (extracts, i);
      cr_assert_str_eq (e->speaker, "Nasreen");
      cr_assert_str_eq (e->coder, "Test Coder");
      cr_assert_str_eq (e->document, "alum-rock.txt");
    }
  cr_assert_str_eq (((KithExtract *) g_ptr_array_index (extracts, 2))->code, "Cross-cutting/Access");

  /* filtered by code */
  {
    KithExtractFilter filter = { .code_id = barrier };
    g_autoptr(GPtrArray) only = kith_extracts_query (project, &filter, &error);
    cr_assert_eq (only->len, 1);
  }
}

Test (extracts, csv_is_rfc4180)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char *row[] = { "plain", "with, comma", "with \"quotes\"", "two\nlines", " leading space", "" };

  kith_csv_append_row (out, row, G_N_ELEMENTS (row));
  cr_assert_str_eq (out->str,
                    "plain,\"with, comma\",\"with \"\"quotes\"\"\",\"two\nlines\",\" leading space\",\r\n");
}

/* The CSV is read back by Python's csv module: what a researcher would do. */
Test (extracts, csv_parses_back_exactly)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;
  const char *text = "Amira: I said \"no\", then — after a while — yes, 😊.\nBen: Right.\nAmira: Yes.\nBen: OK.\n";
  gint64 doc = kt_import_text (project, "quotes.txt", text);
  gint64 code = kith_codes_add_path (project, "Feel/Heard", NULL, NULL, &error);
  const char *span = "I said \"no\", then — after a while — yes, 😊.";
  gint64 start = kt_offset_of (text, span);
  g_autoptr(GPtrArray) extracts = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "extracts.csv", NULL);
  g_autofree char *script = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  cr_assert_neq (kith_codings_add (project, doc, code, start, start + g_utf8_strlen (span, -1),
                                   "memo, \"quoted\"\nsecond line", KITH_ORIGIN_MANUAL, &error), 0);
  extracts = kith_extracts_query (project, NULL, &error);
  kith_extracts_to_csv (extracts, NULL, csv);
  kt_write_file (path, csv->str, (gssize) csv->len);
  script = g_strdup_printf ("import csv,sys\n"
                            "rows=list(csv.DictReader(open(sys.argv[1],newline='',encoding='utf-8')))\n"
                            "r=rows[0]\n"
                            "print(len(rows), r['text'], r['speaker'], r['start'], r['end'], repr(r['memo']), sep='|')\n");
  {
    const char *argv[] = { "/usr/bin/python3", "-c", script, path, NULL };
    cr_assert (g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &out, NULL, &status, &error));
  }
  cr_assert_eq (status, 0);
  {
    g_autofree char *expected = g_strdup_printf ("1|%s|Amira|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT
                                                 "|'memo, \"quoted\"\\nsecond line'\n",
                                                 span, start, start + g_utf8_strlen (span, -1));
    cr_assert_str_eq (out, expected);
  }
}
