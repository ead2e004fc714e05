/* test-survey.c — the CSV reader, and survey CSV files: one document per
 * response or per column, respondents' cases and attributes, bad files */
#include "kith-config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "kith-csv-reader.h"
#include "kith-documents.h"
#include "kith-import.h"
#include "kith-test-util.h"

/* ---- the CSV reader --------------------------------------------------------- */

static void
assert_record (KithCsvReader *reader, guint line, const char *const *expected)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fields = NULL;
  guint at = 0;

  cr_assert (kith_csv_reader_next (reader, &fields, &at, &error), "%s", error ? error->message : "end of input");
  cr_assert_eq (at, line);
  cr_assert_eq (g_strv_length (fields), g_strv_length ((GStrv) expected), "fields on line %u", line);
  for (guint i = 0; expected[i] != NULL; i++)
    cr_assert_str_eq (fields[i], expected[i], "line %u field %u", line, i);
}

static void
assert_end (KithCsvReader *reader)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) fields = NULL;

  cr_assert_not (kith_csv_reader_next (reader, &fields, NULL, &error));
  cr_assert_null (fields);
  cr_assert_null (error);
}

Test (csv, rfc4180_records)
{
  const char *text = "\xEF\xBB\xBF" "id,answer,n\r\n"
                     "R1,\"Quoted, with comma\",1\r\n"
                     "\r\n"
                     "R2,\"Two\r\nlines and \"\"quotes\"\"\",\r\n"
                     "R3,,\"\"\n"
                     "R4,plain \"inner\" quotes,4";
  g_autoptr(KithCsvReader) reader = kith_csv_reader_new_guessed (text, strlen (text));
  const char *r0[] = { "id", "answer", "n", NULL };
  const char *r1[] = { "R1", "Quoted, with comma", "1", NULL };
  const char *r2[] = { "R2", "Two\nlines and \"quotes\"", "", NULL };
  const char *r3[] = { "R3", "", "", NULL };
  const char *r4[] = { "R4", "plain \"inner\" quotes", "4", NULL };

  assert_record (reader, 1, r0);
  assert_record (reader, 2, r1);
  assert_record (reader, 4, r2);
  assert_record (reader, 6, r3);
  assert_record (reader, 7, r4);
  assert_end (reader);
}

Test (csv, separators_from_the_first_line)
{
  const char *semicolons = "id;answer\nR1;\"a; b, c\"\n";
  const char *tabs = "id\tanswer\nR1\ta, b; c\n";
  g_autoptr(KithCsvReader) a = kith_csv_reader_new_guessed (semicolons, strlen (semicolons));
  g_autoptr(KithCsvReader) b = kith_csv_reader_new_guessed (tabs, strlen (tabs));
  const char *head[] = { "id", "answer", NULL };
  const char *ra[] = { "R1", "a; b, c", NULL };
  const char *rb[] = { "R1", "a, b; c", NULL };

  assert_record (a, 1, head);
  assert_record (a, 2, ra);
  assert_end (a);
  assert_record (b, 1, head);
  assert_record (b, 2, rb);
  assert_end (b);
}

Test (csv, malformed_input_is_reported_by_line)
{
  static const struct { const char *text; const char *message; } cases[] = {
    { "id,answer\nR1,\"never closed\nR2,x\n", "line 2: a quoted field is not closed (a \" is missing)" },
    { "id,answer\nR1,ok\nR2,\"closed\" then more\n", "line 3: text follows the closing quote of a field" },
    { "id,answer\nR1,\"multi\nline\"x\n", "line 3: text follows the closing quote of a field" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KithCsvReader) reader = kith_csv_reader_new_guessed (cases[i].text, strlen (cases[i].text));
      g_autoptr(GError) error = NULL;
      GStrv fields = NULL;

      while (kith_csv_reader_next (reader, &fields, NULL, &error))
        g_clear_pointer (&fields, g_strfreev);
      cr_assert_not_null (error, "case %" G_GSIZE_FORMAT, i);
      cr_assert (g_str_has_prefix (error->message, cases[i].message), "%s", error->message);
    }
}

/* ---- surveys --------------------------------------------------------------- */

static const char survey[] =
  "respondent_id,local_authority,age_band,years:number,What would make your neighbourhood feel more connected?,Belong?\n"
  "WM-001,Birmingham,25-34,4,\"More places to meet that don't cost money, like the library in Sparkhill.\",Somewhat\n"
  "WM-002,Coventry,65+,41,\"A bus that comes when it says it will, so I can get to the lunch club.\",Yes\n"
  "WM-003,Dudley,35-44,9,,Yes\n"
  "WM-004,Sandwell,18-24,2,\"Street parties.\nWe met people we'd lived next to for years.\",No\n";

static char *
write_survey (const char *name, const char *text)
{
  g_autofree char *dir = kt_tmpdir ();
  char *path = g_build_filename (dir, name, NULL);

  kt_write_file (path, text, -1);
  return path;
}

static char *
cases_listing (KithProject *project)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  cr_assert_eq (sqlite3_prepare_v2 (kith_project_get_db (project),
                                    "SELECT c.name, group_concat (a.name || '=' || v.value, ';') FROM cases c "
                                    "LEFT JOIN (SELECT * FROM case_values ORDER BY attribute_id) v ON v.case_id = c.id "
                                    "LEFT JOIN attributes a ON a.id = v.attribute_id GROUP BY c.id ORDER BY c.name",
                                    -1, &stmt, NULL), SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s\t%s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1) != NULL ? (const char *) sqlite3_column_text (stmt, 1) : "");
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static KithImportResult *
import_survey (KithProject *project, const char *path, const char *const *text_columns, const char *id_column,
               KithSurveyLayout layout)
{
  KithImportOptions options;

  kith_import_options_init (&options);
  options.text_columns = text_columns;
  options.id_column = id_column;
  options.survey_layout = layout;
  return kith_import_file (project, path, &options);
}

Test (survey, one_document_per_response)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *path = write_survey ("neighbourhoods.csv", survey);
  g_autoptr(KithImportResult) r = import_survey (project, path, NULL, NULL, KITH_SURVEY_RESPONSES);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autofree char *listing = NULL;
  static const char *const names[] = { "neighbourhoods WM-001", "neighbourhoods WM-002", "neighbourhoods WM-004" };
  static const char *const texts[] = {
    "More places to meet that don't cost money, like the library in Sparkhill.\n",
    "A bus that comes when it says it will, so I can get to the lunch club.\n",
    "Street parties.\nWe met people we'd lived next to for years.\n",
  };
  static const char *const owners[] = { "WM-001", "WM-002", "WM-004" };

  cr_assert_eq (r->status, KITH_IMPORT_IMPORTED, "%s", r->message);
  cr_assert_str_eq (r->kind, "survey");
  cr_assert_str_eq (r->format, "csv");
  cr_assert_eq (r->n_documents, 3, "WM-003 left the answer blank");
  cr_assert_eq (r->n_cases, 4);
  docs = kith_documents_list (project, &error);
  cr_assert_eq (docs->len, 3);
  for (guint i = 0; i < docs->len; i++)
    {
      KithDocument *d = g_ptr_array_index (docs, i);
      g_autofree char *text = kith_documents_dup_text (project, d->id, NULL, &error);
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM documents d JOIN cases c ON c.id = d.case_id "
                                              "WHERE d.id = %" G_GINT64_FORMAT " AND c.name = '%s'", d->id, owners[i]);
      cr_assert_str_eq (d->name, names[i]);
      cr_assert_str_eq (d->kind, "survey");
      cr_assert_str_eq (d->original_name, "neighbourhoods.csv");
      cr_assert_str_eq (text, texts[i]);
      cr_assert_eq (kt_count (project, sql), 1, "%s belongs to %s", d->name, owners[i]);
    }
  cr_assert_eq (r->document_id, ((KithDocument *) docs->pdata[0])->id);
  listing = cases_listing (project);
  cr_assert_str_eq (listing,
                    "WM-001\tlocal_authority=Birmingham;age_band=25-34;years=4;Belong?=Somewhat\n"
                    "WM-002\tlocal_authority=Coventry;age_band=65+;years=41;Belong?=Yes\n"
                    "WM-003\tlocal_authority=Dudley;age_band=35-44;years=9;Belong?=Yes\n"
                    "WM-004\tlocal_authority=Sandwell;age_band=18-24;years=2;Belong?=No\n");
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM attributes WHERE name = 'years' AND type = 'number'"), 1);
}

Test (survey, one_document_per_column_with_a_turn_per_respondent)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *path = write_survey ("neighbourhoods.csv", survey);
  const char *columns[] = { "What would make your neighbourhood feel more connected?", "belong?", NULL };
  g_autoptr(KithImportResult) r = import_survey (project, path, columns, "respondent_id", KITH_SURVEY_COLUMNS);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) turns = NULL;
  g_autofree char *first = NULL, *second = NULL;
  const char *expected =
    "WM-001: More places to meet that don't cost money, like the library in Sparkhill.\n\n"
    "WM-002: A bus that comes when it says it will, so I can get to the lunch club.\n\n"
    "WM-004: Street parties.\nWe met people we'd lived next to for years.\n";

  cr_assert_eq (r->status, KITH_IMPORT_IMPORTED, "%s", r->message);
  cr_assert_eq (r->n_documents, 2);
  docs = kith_documents_list (project, &error);
  cr_assert_str_eq (((KithDocument *) docs->pdata[0])->name,
                    "neighbourhoods: What would make your neighbourhood feel more connected?");
  cr_assert_str_eq (((KithDocument *) docs->pdata[1])->name, "neighbourhoods: Belong?");
  first = kith_documents_dup_text (project, 1, NULL, &error);
  second = kith_documents_dup_text (project, 2, NULL, &error);
  cr_assert_str_eq (first, expected);
  cr_assert_str_eq (second, "WM-001: Somewhat\n\nWM-002: Yes\n\nWM-003: Yes\n\nWM-004: No\n");

  turns = kith_documents_list_turns (project, 1, &error);
  cr_assert_eq (turns->len, 3);
  {
    KithTurn *t = turns->pdata[2];
    const char *at = strstr (expected, "WM-004: ");
    glong start = g_utf8_pointer_to_offset (expected, at);
    cr_assert_str_eq (t->speaker, "WM-004");
    cr_assert_eq (t->start, start);
    cr_assert_eq (t->speech_start, start + 8);
    cr_assert_eq (t->end, g_utf8_strlen (expected, -1) - 1);
    cr_assert_eq (t->timestamp_ms, -1);
  }
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM turns t JOIN cases c ON c.id = t.case_id "
                                   "WHERE c.name = t.speaker"), 7, "every turn is its respondent's");
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM documents WHERE case_id IS NOT NULL"), 0);
}

Test (survey, several_free_text_columns_in_one_response)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *path = write_survey ("two-questions.csv",
                                        "id,What helps?,What gets in the way?\n"
                                        "R1,The lunch club.,The bus.\n"
                                        "R2,,Nothing much.\n");
  const char *columns[] = { "What helps?", "What gets in the way?", NULL };
  g_autoptr(KithImportResult) r = import_survey (project, path, columns, NULL, KITH_SURVEY_RESPONSES);
  g_autoptr(GError) error = NULL;
  g_autofree char *one = NULL, *two = NULL;

  cr_assert_eq (r->status, KITH_IMPORT_IMPORTED, "%s", r->message);
  one = kith_documents_dup_text (project, 1, NULL, &error);
  two = kith_documents_dup_text (project, 2, NULL, &error);
  cr_assert_str_eq (one, "What helps?\nThe lunch club.\n\nWhat gets in the way?\nThe bus.\n");
  cr_assert_str_eq (two, "What gets in the way?\nNothing much.\n");
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM attributes"), 0, "no other columns");
}

Test (survey, duplicates_and_other_choices)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *path = write_survey ("neighbourhoods.csv", survey);
  g_autoptr(KithImportResult) first = import_survey (project, path, NULL, NULL, KITH_SURVEY_RESPONSES);
  g_autoptr(KithImportResult) again = import_survey (project, path, NULL, NULL, KITH_SURVEY_RESPONSES);
  g_autoptr(KithImportResult) columns = import_survey (project, path, NULL, NULL, KITH_SURVEY_COLUMNS);

  cr_assert_eq (first->status, KITH_IMPORT_IMPORTED);
  cr_assert_eq (again->status, KITH_IMPORT_DUPLICATE);
  cr_assert_str_eq (again->message, "the same survey was imported the same way before, as document 1 “neighbourhoods WM-001”");
  cr_assert_eq (columns->status, KITH_IMPORT_IMPORTED, "another layout is another import: %s", columns->message);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM documents"), 4);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM cases"), 4, "the same respondents' cases");
}

Test (survey, columns_are_found_or_must_be_chosen)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *two_texts = g_build_filename (dir, "a-two-texts.csv", NULL);
  g_autofree char *no_text = g_build_filename (dir, "b-attributes.csv", NULL);
  g_autofree char *by_first = g_build_filename (dir, "c-first-column.csv", NULL);
  const char *paths[] = { dir, NULL };
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(KithImportResult) named = NULL;
  g_autoptr(KithImportResult) missing = NULL;
  g_autoptr(KithImportResult) no_id = NULL;
  g_autofree char *no_id_path = NULL;
  const char *unknown[] = { "What would help", NULL };

  kt_write_file (two_texts, "id,What helps?,What gets in the way?\n"
                            "R1,The lunch club on Tuesdays is where I see people.,The buses stop too early in the evening.\n"
                            "R2,Talking to neighbours over the garden fence.,Not knowing who lives in the new flats.\n", -1);
  kt_write_file (no_text, "name,role\nAmir,Chair\nBeata,Volunteer\n", -1);
  kt_write_file (by_first, "Code,Ward,Comment\nX1,Bilston,\"The market is the heart of Bilston, and it is dying.\"\n"
                           "X2,Ettingshall,\"More police on foot, not just in cars driving past.\"\n", -1);
  results = kith_import_paths (project, paths, NULL);
  cr_assert_eq (results->len, 3);
  {
    KithImportResult *a = results->pdata[0], *b = results->pdata[1], *c = results->pdata[2];
    cr_assert_eq (a->status, KITH_IMPORT_SKIPPED);
    cr_assert_str_eq (a->message, "a survey with several free-text columns (“What helps?”, “What gets in the way?”): "
                                  "choose them with --text-column (and the id column with --id-column)");
    cr_assert_eq (b->status, KITH_IMPORT_SKIPPED);
    cr_assert_str_eq (b->message, "a CSV file with no column of free text: to import it as a survey, choose the "
                                  "free-text columns with --text-column (and the id column with --id-column)");
    cr_assert_eq (c->status, KITH_IMPORT_IMPORTED, "%s", c->message);
    cr_assert_eq (c->n_documents, 2);
  }
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM cases WHERE name IN ('X1', 'X2')"), 2, "the first column is the id");

  /* named by the user, a file Kith cannot choose for fails */
  named = kith_import_file (project, two_texts, NULL);
  cr_assert_eq (named->status, KITH_IMPORT_FAILED);
  cr_assert (g_str_has_prefix (named->message, "this is a survey with several free-text columns"), "%s", named->message);
  missing = import_survey (project, two_texts, unknown, NULL, KITH_SURVEY_RESPONSES);
  cr_assert_str_eq (missing->message,
                    "there is no column “What would help” (the columns are “id”, “What helps?”, “What gets in the way?”)");

  no_id_path = write_survey ("no-id.csv", "Ward,Comment\nBilston,\"The market is the heart of Bilston, and it is dying.\"\n"
                                          "Bilston,\"More police on foot, not just in cars driving past.\"\n");
  no_id = kith_import_file (project, no_id_path, NULL);
  cr_assert_eq (no_id->status, KITH_IMPORT_FAILED);
  cr_assert_str_eq (no_id->message, "choose the column that identifies respondents with --id-column "
                                    "(the columns are “Ward”, “Comment”)");
}

Test (survey, bad_files_change_nothing)
{
  static const struct { const char *text; const char *message; } cases[] = {
    { "id,answer\nR1,\"A long answer about the park in Walsall and the lack of benches.\"\nR2\n",
      "1 problem, so nothing was imported:\nline 3: 1 field, but the heading line has 2" },
    { "id,answer\nR1,\"A long answer about the park in Walsall and the lack of benches.\"\n"
      "R1,\"Another long answer about the buses in Walsall that stop early.\"\n"
      ",\"A third long answer about the library in Walsall and its hours.\"\n",
      "2 problems, so nothing was imported:\nline 3: respondent “R1” is already on line 2\n"
      "line 4: no respondent id in column “id”" },
    { "id,age:number,answer\nR1,forty,\"A long answer about the park in Walsall and the lack of benches.\"\n",
      "1 problem, so nothing was imported:\nline 2, age: “forty” is not a number (write numbers like 12, -3 or 0.5)" },
    { "id,answer\nR1,\"A long answer about the park in Walsall\n",
      "line 2: a quoted field is not closed (a \" is missing)" },
    { "id,answer\n", "the file has a heading line but no responses" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KithProject) project = kt_new_project (NULL);
      g_autofree char *path = write_survey ("bad.csv", cases[i].text);
      const char *columns[] = { "answer", NULL };
      g_autoptr(KithImportResult) r = import_survey (project, path, columns, "id", KITH_SURVEY_RESPONSES);

      cr_assert_eq (r->status, KITH_IMPORT_FAILED, "case %" G_GSIZE_FORMAT, i);
      cr_assert_str_eq (r->message, cases[i].message);
      cr_assert_eq (r->n_documents, 0);
      cr_assert_eq (kt_count (project, "SELECT count(*) FROM documents"), 0);
      cr_assert_eq (kt_count (project, "SELECT count(*) FROM cases"), 0);
      cr_assert_eq (kt_count (project, "SELECT count(*) FROM attributes"), 0);
    }
}

Test (survey, command_line)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *project = g_build_filename (dir, "survey.kith", NULL);
  g_autofree char *path = write_survey ("neighbourhoods.csv", survey);
  g_autofree char *out = NULL, *err = NULL, *docs = NULL, *line = NULL;

  cr_assert_eq (kt_cli (NULL, NULL, "init", project, NULL), 0);
  cr_assert_eq (kt_cli (NULL, NULL, "import", project, path, "--survey-layout", "rows", NULL), 2);
  cr_assert_eq (kt_cli (&out, &err, "import", project, path, "--survey-layout", "columns",
                        "--text-column", "What would make your neighbourhood feel more connected?",
                        "--text-column", "Belong?", "--id-column", "respondent_id", NULL), 0, "%s", err);
  line = g_strdup_printf ("imported\t%s\t2 documents from document 1, survey, 4 cases, ", path);
  cr_assert (g_str_has_prefix (out, line), "%s", out);
  cr_assert (strstr (out, " characters, UTF-8, 7 turns by 4 speakers\n") != NULL, "%s", out);
  cr_assert_eq (kt_cli (&docs, NULL, "docs", project, NULL), 0);
  cr_assert (g_str_has_prefix (docs, "1\tneighbourhoods: What would make your neighbourhood feel more connected?\tsurvey\t"),
             "%s", docs);
}
