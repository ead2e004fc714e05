/* test-barometers.c — the CSV/TSV reader, barometer import (good files,
 * every kind of bad row, conflicts, updates), links, and kith-cli barometers */
#include "kith-config.h"

#include <criterion/criterion.h>
#include <criterion/parameterized.h>
#include <string.h>

#include "kith-barometers.h"
#include "kith-codes.h"
#include "kith-csv-reader.h"
#include "kith-import.h"
#include "kith-test-util.h"

#define HEADER "goal_key\trole\tbarometer_key\tbarometer\tsource\tmeasure\tgeography\tperiod\tvalue\twhere_stated\n"
#define TRUST "connected\tkey\ttrust\tPeople can be trusted\tCommunity Life Survey, DCMS\tpercent\t"

static void
assert_contains (const char *haystack, const char *needle)
{
  cr_assert (strstr (haystack, needle) != NULL, "“%s” not in:\n%s", needle, haystack);
}

static char *
write_tmp (const char *name, const char *contents, gssize len)
{
  g_autofree char *dir = kt_tmpdir ();
  char *path = g_build_filename (dir, name, NULL);

  kt_write_file (path, contents, len);
  return path;
}

/* Imports @contents as a file called @name; returns the report. */
static KithBarometerImport *
import_text (KithProject *project, const char *name, const char *contents, gboolean expect_ok)
{
  g_autofree char *path = write_tmp (name, contents, -1);
  g_autoptr(GError) error = NULL;
  KithBarometerImport *report = NULL;
  gboolean ok = kith_barometers_import_file (project, path, &report, &error);

  cr_assert_eq (ok, expect_ok, "%s: %s", name, error ? error->message : "imported");
  cr_assert_not_null (report);
  return report;
}

/* “barometer geography period value conflict” lines, as the CLI lists them */
static char *
listing (KithProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) values = kith_barometers_values (project, 0, &error);
  GString *out = g_string_new (NULL);

  cr_assert_not_null (values, "%s", error ? error->message : "");
  for (guint i = 0; i < values->len; i++)
    {
      KithBarometerValue *v = g_ptr_array_index (values, i);
      g_autofree char *value = kith_barometer_value_format (v);
      g_string_append_printf (out, "%s %s %s %s%s\n", v->barometer, v->geography, v->period,
                              v->has_value ? value : "-", v->conflict ? " conflict" : "");
    }
  return g_string_free (out, FALSE);
}

/* ---- the reader ---------------------------------------------------------- */

static GStrv
next_record (KithCsvReader *reader, guint expected_line)
{
  g_autoptr(GError) error = NULL;
  GStrv fields = NULL;
  guint line = 0;

  cr_assert (kith_csv_reader_next (reader, &fields, &line, &error), "%s", error ? error->message : "end");
  cr_assert_eq (line, expected_line);
  return fields;
}

Test (csv_reader, rfc4180_quoting_line_breaks_and_comments)
{
  const char *text =
    "# a comment, with \"an odd quote\n"
    "a,\"b, with comma\",\"say \"\"hi\"\"\"\r\n"
    "\r\n"
    "\"two\nlines\",,x\"y\n"
    "last,\"\"\n"
    "end";
  g_autoptr(KithCsvReader) reader = kith_csv_reader_new (text, strlen (text), ',', TRUE);
  g_auto(GStrv) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL;
  GStrv none = NULL;

  kith_csv_reader_set_comment (reader, '#');
  r1 = next_record (reader, 2);
  cr_assert_eq (g_strv_length (r1), 3);
  cr_assert_str_eq (r1[1], "b, with comma");
  cr_assert_str_eq (r1[2], "say \"hi\"");
  r2 = next_record (reader, 4);
  cr_assert_str_eq (r2[0], "two\nlines");
  cr_assert_str_eq (r2[1], "");
  cr_assert_str_eq (r2[2], "x\"y", "a quote inside an unquoted field is kept");
  r3 = next_record (reader, 6);
  cr_assert_eq (g_strv_length (r3), 2);
  cr_assert_str_eq (r3[1], "");
  r4 = next_record (reader, 7);
  cr_assert_str_eq (r4[0], "end");
  cr_assert_not (kith_csv_reader_next (reader, &none, NULL, NULL));
  cr_assert_null (none);
}

Test (csv_reader, malformed_quotes_name_the_line)
{
  const char *after = "a,b\n\"x\"y,z\nok,1\n";
  const char *open = "a,b\nc,\"never closed\nmore\n";
  g_autoptr(KithCsvReader) r1 = kith_csv_reader_new (after, strlen (after), ',', TRUE);
  g_autoptr(KithCsvReader) r2 = kith_csv_reader_new (open, strlen (open), ',', TRUE);
  g_auto(GStrv) first = next_record (r1, 1);
  g_auto(GStrv) again = NULL;
  g_autoptr(GError) error = NULL;
  GStrv fields = NULL;

  cr_assert_not (kith_csv_reader_next (r1, &fields, NULL, &error));
  cr_assert_str_eq (error->message,
                    "line 2: text follows the closing quote of a field (write a quote inside a quoted field as \"\")");
  again = next_record (r1, 3);
  cr_assert_str_eq (again[0], "ok", "reading goes on after a bad line");

  g_clear_error (&error);
  g_strfreev (next_record (r2, 1));
  cr_assert_not (kith_csv_reader_next (r2, &fields, NULL, &error));
  cr_assert_str_eq (error->message, "line 2: a quoted field is not closed (a \" is missing)");
}

Test (csv_reader, tsv_quotes_are_ordinary_and_the_delimiter_is_guessed)
{
  const char *text = "\"quoted\" label\t37\n";
  g_autoptr(KithCsvReader) reader = kith_csv_reader_new (text, strlen (text), '\t', FALSE);
  g_auto(GStrv) fields = next_record (reader, 1);

  cr_assert_str_eq (fields[0], "\"quoted\" label");
  cr_assert_eq (kith_csv_guess_delimiter ("x.CSV", "a\tb", 3, 0), ',');
  cr_assert_eq (kith_csv_guess_delimiter ("x.tsv", "a,b", 3, 0), '\t');
  cr_assert_eq (kith_csv_guess_delimiter ("x.txt", "# a, b\nc\td,e\n", 13, '#'), '\t');
  cr_assert_eq (kith_csv_guess_delimiter (NULL, "a,b\n", 4, '#'), ',');
  cr_assert_eq (kith_csv_guess_delimiter (NULL, "ab\n", 3, '#'), 0);
}

/* ---- good files ------------------------------------------------------------ */

Test (barometers, framework_file_as_it_is)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *path = kt_sample ("barometers-inclusive-communities.tsv");
  g_autoptr(KithBarometerImport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) barometers = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(KithBarometer) trust = NULL;
  g_autoptr(KithBarometer) prospects = NULL;
  g_autofree char *list = NULL;

  cr_assert (kith_barometers_import_file (project, path, &report, &error), "%s", error ? error->message : "");
  cr_assert_str_eq (report->format, "TSV");
  cr_assert_str_eq (report->encoding, "UTF-8");
  cr_assert_eq (report->n_rows, 36);
  cr_assert_eq (report->n_barometers_new, 16);
  cr_assert_eq (report->n_values_new, 28);
  cr_assert_eq (report->n_named_only, 8);
  cr_assert_eq (report->problems->len, 0);
  cr_assert_eq (report->conflicts->len, 2, "37% and 29% for the same WMCA figure");

  barometers = kith_barometers_list (project, &error);
  cr_assert_eq (barometers->len, 16, "four goals, one key and three supporting each");
  trust = kith_barometers_lookup (project, "trust", &error);
  cr_assert_str_eq (trust->goal, "connected");
  cr_assert (trust->is_key);
  cr_assert_eq (trust->measure, KITH_MEASURE_PERCENT);
  cr_assert (trust->higher_is_better);
  cr_assert_str_eq (trust->source, "Community Life Survey, DCMS");
  cr_assert_str_eq (trust->label, "Extent of agreement that people in the neighbourhood can be trusted");
  prospects = kith_barometers_lookup (project, "promising-prospects", &error);
  cr_assert_eq (prospects->measure, KITH_MEASURE_SMC_GROUP);
  cr_assert_str_eq (((KithBarometer *) g_ptr_array_index (barometers, 0))->key, "trust");
  cr_assert_str_eq (((KithBarometer *) g_ptr_array_index (barometers, 15))->key, "innovation-growth");

  values = kith_barometers_values (project, trust->id, &error);
  cr_assert_eq (values->len, 5);
  {
    KithBarometerValue *first = g_ptr_array_index (values, 0);
    KithBarometerValue *england = g_ptr_array_index (values, 2);
    cr_assert_str_eq (first->geography, "WMCA");
    cr_assert_eq (first->level, KITH_GEOGRAPHY_COMBINED);
    cr_assert_eq (first->value, 37);
    cr_assert_str_eq (first->where_stated, "Section 2 summary (\"pulse of the region\")");
    cr_assert_str_eq (first->file, "barometers-inclusive-communities.tsv");
    cr_assert_eq (first->line, 11);
    cr_assert_str_eq (england->geography, "England");
    cr_assert_eq (england->level, KITH_GEOGRAPHY_NATION);
    cr_assert_not (england->conflict);
  }
  list = listing (project);
  cr_assert (g_str_has_prefix (list,
    "trust WMCA 2023/24 37 conflict\n"
    "trust WMCA 2023/24 29 conflict\n"
    "trust England 2023/24 41\n"
    "trust Solihull 2023/24 43\n"
    "trust Wolverhampton 2023/24 22\n"
    "chat-neighbours WMCA 2023/24 -\n"), "%s", list);
  assert_contains (list, "promising-prospects Walsall 2024 3\n");
  assert_contains (list, "innovation-growth WMCA 2024 3\n");
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM barometer_values WHERE level = 'local'"), 18);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM barometer_conflicts"), 1);
}

Test (barometers, reimport_changes_nothing)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *path = kt_sample ("barometers-inclusive-communities.tsv");
  g_autoptr(KithBarometerImport) first = NULL;
  g_autoptr(KithBarometerImport) second = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gint64 modified_before, modified_after;

  cr_assert (kith_barometers_import_file (project, path, &first, NULL));
  before = listing (project);
  modified_before = kt_count (project, "SELECT sum (length (modified) + id) FROM barometers");
  cr_assert (kith_barometers_import_file (project, path, &second, NULL));
  after = listing (project);
  modified_after = kt_count (project, "SELECT sum (length (modified) + id) FROM barometers");
  cr_assert_str_eq (before, after);
  cr_assert_eq (modified_before, modified_after);
  cr_assert_eq (second->n_barometers_new, 0);
  cr_assert_eq (second->n_barometers_updated, 0);
  cr_assert_eq (second->n_values_new, 0);
  cr_assert_eq (second->n_values_unchanged, 28);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM barometer_values"), 36);
}

/* The same table written by a spreadsheet as CSV: quoted fields, CRLF, a
 * BOM, columns in another order, a trailing row of empty cells. */
Test (barometers, csv_from_a_spreadsheet)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(KithBarometerImport) report = NULL;
  g_autofree char *list = NULL;
  const char *csv =
    "\xEF\xBB\xBF" "Barometer_Key,Goal_Key,Role,Barometer,Source,Measure,Geography,Period,Value,Where Stated\r\n"
    "trust,connected,key,\"Extent of agreement that people in the neighbourhood can be trusted\","
    "\"Community Life Survey, DCMS\",percent,WMCA,2023/24,37%,\"Section 2 summary (\"\"pulse of the region\"\")\"\r\n"
    "trust,connected,key,\"Extent of agreement that people in the neighbourhood can be trusted\","
    "\"Community Life Survey, DCMS\",percent,England,2023/24,41,Section 2\r\n"
    "youth-labour-market,equitable,supporting,Labour market opportunities for young people index,"
    "Social Mobility Commission,smc_group,Birmingham,2024,1,\"Section 2: Birmingham in the least favourable group\"\r\n"
    ",,,,,,,,,\r\n";

  report = import_text (project, "baseline.csv", csv, TRUE);
  cr_assert_str_eq (report->format, "CSV");
  cr_assert_eq (report->n_rows, 3);
  list = listing (project);
  cr_assert_str_eq (list,
                    "trust WMCA 2023/24 37\n"
                    "trust England 2023/24 41\n"
                    "youth-labour-market Birmingham 2024 1\n");
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM barometer_values "
                                   "WHERE where_stated = 'Section 2 summary (\"pulse of the region\")'"), 1);
}

Test (barometers, other_encodings_and_optional_columns)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  const char *tsv =
    "goal_key\trole\tbarometer_key\tbarometer\tsource\tmeasure\tgeography\tperiod\tvalue\tbetter\tgeography_level\n"
    "supportive\tsupporting\tlonely\tOften or always lonely\tRésidents’ survey\tpercent\tWest Midlands\t2024\t8.5\tlower\tcombined\n";
  g_autoptr(GBytes) utf16 = kt_encode (tsv, "UTF-16LE");
  g_autoptr(GBytes) cp1252 = kt_encode (tsv, "WINDOWS-1252");
  g_autoptr(GString) with_bom = g_string_new_len ("\xFF\xFE", 2);
  g_autofree char *path16 = NULL, *path1252 = NULL;
  g_autoptr(KithBarometerImport) r16 = NULL;
  g_autoptr(KithBarometerImport) r1252 = NULL;
  g_autoptr(KithBarometer) lonely = NULL;
  g_autoptr(GPtrArray) values = NULL;

  g_string_append_len (with_bom, g_bytes_get_data (utf16, NULL), (gssize) g_bytes_get_size (utf16));
  path16 = write_tmp ("unicode-text.txt", with_bom->str, (gssize) with_bom->len);
  path1252 = write_tmp ("excel.tsv", g_bytes_get_data (cp1252, NULL), (gssize) g_bytes_get_size (cp1252));
  cr_assert (kith_barometers_import_file (project, path16, &r16, NULL));
  cr_assert_str_eq (r16->encoding, "UTF-16LE");
  cr_assert_str_eq (r16->format, "TSV", "told by its content");
  cr_assert (kith_barometers_import_file (project, path1252, &r1252, NULL));
  cr_assert_str_eq (r1252->encoding, "WINDOWS-1252");
  cr_assert_eq (r1252->n_values_unchanged, 1, "the same figure, the same source");
  lonely = kith_barometers_lookup (project, "lonely", NULL);
  cr_assert_not (lonely->higher_is_better);
  values = kith_barometers_values (project, lonely->id, NULL);
  cr_assert_eq (values->len, 1);
  cr_assert_eq (((KithBarometerValue *) g_ptr_array_index (values, 0))->level, KITH_GEOGRAPHY_COMBINED);
  cr_assert_eq (((KithBarometerValue *) g_ptr_array_index (values, 0))->value, 8.5);
  cr_assert_str_eq (((KithBarometerValue *) g_ptr_array_index (values, 0))->source, "Résidents’ survey");
}

Test (barometers, geography_levels_are_guessed)
{
  cr_assert_eq (kith_geography_level_guess ("England"), KITH_GEOGRAPHY_NATION);
  cr_assert_eq (kith_geography_level_guess ("united kingdom"), KITH_GEOGRAPHY_NATION);
  cr_assert_eq (kith_geography_level_guess ("WMCA"), KITH_GEOGRAPHY_COMBINED);
  cr_assert_eq (kith_geography_level_guess ("GMCA"), KITH_GEOGRAPHY_COMBINED);
  cr_assert_eq (kith_geography_level_guess ("West Midlands Combined Authority"), KITH_GEOGRAPHY_COMBINED);
  cr_assert_eq (kith_geography_level_guess ("Walsall"), KITH_GEOGRAPHY_LOCAL);
  cr_assert_eq (kith_geography_level_guess ("CA"), KITH_GEOGRAPHY_LOCAL);
  cr_assert_eq (kith_geography_level_guess ("Wolverhampton"), KITH_GEOGRAPHY_LOCAL);
}

/* ---- conflicts and updates ------------------------------------------------ */

Test (barometers, disagreeing_figures_are_kept_and_flagged)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(KithBarometerImport) a = NULL, b = NULL, c = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autofree char *list = NULL;

  a = import_text (project, "a.tsv", HEADER TRUST "WMCA\t2023/24\t37\tSection 2 summary\n"
                                            TRUST "England\t2023/24\t41\tSection 2\n", TRUE);
  cr_assert_eq (a->conflicts->len, 0);
  /* an updated figure from another source: kept beside the first */
  b = import_text (project, "b.tsv", HEADER
                   "connected\tkey\ttrust\tPeople can be trusted\tWMCA residents survey\tpercent\tWMCA\t2023/24\t35\tTable 4\n",
                   TRUE);
  cr_assert_eq (b->n_values_new, 1);
  cr_assert_eq (b->conflicts->len, 2);
  {
    KithBarometerValue *old = g_ptr_array_index (b->conflicts, 0);
    KithBarometerValue *new = g_ptr_array_index (b->conflicts, 1);
    cr_assert_eq (old->value, 37);
    cr_assert_str_eq (old->file, "a.tsv");
    cr_assert_str_eq (old->source, "Community Life Survey, DCMS");
    cr_assert_eq (new->value, 35);
    cr_assert_str_eq (new->file, "b.tsv");
    cr_assert_eq (new->line, 2);
    cr_assert_str_eq (new->where_stated, "Table 4");
  }
  /* the same figure from a third place agrees: no new conflict; 37.0 is 37 */
  c = import_text (project, "c.tsv", HEADER TRUST "england\t2023/24\t41.0\tAnnex B\n", TRUE);
  cr_assert_eq (c->n_values_new, 1);
  cr_assert_eq (c->conflicts->len, 0);
  list = listing (project);
  cr_assert_str_eq (list,
                    "trust WMCA 2023/24 37 conflict\n"
                    "trust WMCA 2023/24 35 conflict\n"
                    "trust England 2023/24 41\n"
                    "trust england 2023/24 41\n");
  values = kith_barometers_values (project, 0, NULL);
  cr_assert_eq (values->len, 4, "nothing overwritten");
}

Test (barometers, later_files_update_descriptions_not_measures)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(KithBarometerImport) a = NULL, b = NULL, c = NULL;
  g_autoptr(KithBarometer) trust = NULL;

  a = import_text (project, "a.tsv", HEADER TRUST "WMCA\t2023/24\t37\t\n", TRUE);
  b = import_text (project, "b.tsv", HEADER
                   "connected\tsupporting\ttrust\tTrust in neighbours\tCommunity Life Survey, DCMS\tpercent\tWMCA\t2023/24\t37\t\n",
                   TRUE);
  cr_assert_eq (b->n_barometers_updated, 1);
  cr_assert_eq (b->n_values_unchanged, 1);
  trust = kith_barometers_lookup (project, "trust", NULL);
  cr_assert_str_eq (trust->label, "Trust in neighbours");
  cr_assert_not (trust->is_key);
  c = import_text (project, "c.tsv", HEADER
                   "connected\tkey\ttrust\tTrust\tCommunity Life Survey, DCMS\tcount\tWMCA\t2023/24\t370\t\n"
                   "connected\tkey\ttrust\tTrust\tCommunity Life Survey, DCMS\tcount\tWalsall\t2023/24\t30\t\n", FALSE);
  cr_assert_eq (c->problems->len, 1);
  cr_assert_str_eq (g_ptr_array_index (c->problems, 0),
                    "line 2: the barometer “trust” is measured as percent in the project, not count");
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM barometer_values"), 1, "nothing from c.tsv");
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM barometers WHERE label = 'Trust'"), 0);
}

/* ---- every kind of bad row --------------------------------------------------- */

typedef struct
{
  const char *name;
  const char *contents;
  const char *problem;
} BadFile;

static const BadFile bad_files[] = {
  { "few.tsv", HEADER TRUST "WMCA\t2023/24\t37\n",
    "line 2: 9 fields where the header has 10 (a missing or extra tab or comma?)" },
  { "many.tsv", HEADER TRUST "WMCA\t2023/24\t37\tSection 2\textra\n",
    "line 2: 11 fields where the header has 10 (a missing or extra tab or comma?)" },
  { "empty-geography.tsv", HEADER TRUST "\t2023/24\t37\t\n", "line 2: no value in the column geography" },
  { "empty-several.tsv", HEADER "connected\t\ttrust\t\tDCMS\tpercent\tWMCA\t\t37\t\n",
    "line 2: no value in the columns role, barometer, period" },
  { "role.tsv", HEADER "connected\tmain\ttrust\tTrust\tDCMS\tpercent\tWMCA\t2023/24\t37\t\n",
    "line 2: the role must be “key” or “supporting”, not “main”" },
  { "measure.tsv", HEADER "connected\tkey\ttrust\tTrust\tDCMS\tpercentage\tWMCA\t2023/24\t37\t\n",
    "line 2: the measure must be percent, smc_group, count or rate, not “percentage”" },
  { "not-a-number.tsv", HEADER TRUST "WMCA\t2023/24\tabout 40\t\n", "line 2: the value “about 40” is not a number" },
  { "comma-decimal.tsv", HEADER TRUST "WMCA\t2023/24\t37,5\t\n", "line 2: the value “37,5” is not a number" },
  { "percent-range.tsv", HEADER TRUST "WMCA\t2023/24\t137\t\n", "line 2: a percentage must be from 0 to 100, not 137" },
  { "smc-fraction.tsv", HEADER "equitable\tkey\tpp\tPromising prospects\tSMC\tsmc_group\tWalsall\t2024\t2.5\t\n",
    "line 2: a Social Mobility Commission group is a whole number from 1 (least favourable) to 5 (most), not 2.5" },
  { "smc-range.tsv", HEADER "equitable\tkey\tpp\tPromising prospects\tSMC\tsmc_group\tWalsall\t2024\t6\t\n",
    "line 2: a Social Mobility Commission group is a whole number from 1 (least favourable) to 5 (most), not 6" },
  { "count.tsv", HEADER "connected\tsupporting\tvisits\tLibrary visits\tCouncil\tcount\tWalsall\t2024\t-3\t\n",
    "line 2: a count must be a whole number, 0 or more, not -3" },
  { "key.tsv", HEADER "connected\tkey\ttrust in people\tTrust\tDCMS\tpercent\tWMCA\t2023/24\t37\t\n",
    "line 2: the barometer key “trust in people” may hold only letters, digits, “-”, “_” and “.”" },
  { "goal.tsv", HEADER "a connected region\tkey\ttrust\tTrust\tDCMS\tpercent\tWMCA\t2023/24\t37\t\n",
    "line 2: the goal key “a connected region” may hold only letters, digits, “-”, “_” and “.”" },
  { "inconsistent-goal.tsv", HEADER TRUST "WMCA\t2023/24\t37\t\n"
    "supportive\tkey\ttrust\tPeople can be trusted\tCommunity Life Survey, DCMS\tpercent\tEngland\t2023/24\t41\t\n",
    "line 3: the barometer “trust” has goal_key “supportive” here but “connected” on line 2" },
  { "inconsistent-measure.tsv", HEADER TRUST "WMCA\t2023/24\t37\t\n"
    "connected\tkey\ttrust\tPeople can be trusted\tCommunity Life Survey, DCMS\trate\tEngland\t2023/24\t41\t\n",
    "line 3: the barometer “trust” has measure “rate” here but “percent” on line 2" },
  { "better.tsv", "goal_key\trole\tbarometer_key\tbarometer\tsource\tmeasure\tgeography\tperiod\tvalue\tbetter\n"
    TRUST "WMCA\t2023/24\t37\tmore\n", "line 2: better must be “higher” or “lower”, not “more”" },
  { "level.tsv", "goal_key\trole\tbarometer_key\tbarometer\tsource\tmeasure\tgeography\tperiod\tvalue\tgeography_level\n"
    TRUST "WMCA\t2023/24\t37\tregion\n", "line 2: geography_level must be local, combined or nation, not “region”" },
  { "unknown-column.tsv", "goal_key\trole\tbarometer_key\tbarometer\tsource\tmeasure\tgeography\tperiod\tvalue\twhere stated\tcomment\n"
    TRUST "WMCA\t2023/24\t37\t\tfrom the annual report\n",
    "line 1: unknown column “comment” (the columns are goal_key, role, barometer_key, barometer, source, measure, "
    "geography, period, value, where_stated (optional), better (optional), geography_level (optional))" },
  { "twice.tsv", "goal_key\trole\tbarometer_key\tbarometer\tsource\tmeasure\tgeography\tperiod\tvalue\tValue\n",
    "line 1: the column “value” appears twice" },
  { "no-measure.csv", "# comment first\ngoal_key,role,barometer_key,barometer,source,geography,period,value\n",
    "line 2: the header has no column “measure”" },
  { "no-header.tsv", "# only comments\n# here\n", "line 1: there is no header line (expected the columns goal_key, role, barometer_key, …)" },
  { "open-quote.csv", "goal_key,role,barometer_key,barometer,source,measure,geography,period,value\n"
    "connected,key,trust,\"Trust,DCMS,percent,WMCA,2023/24,37\n",
    "line 2: a quoted field is not closed (a \" is missing)" },
  { "after-quote.csv", "goal_key,role,barometer_key,barometer,source,measure,geography,period,value\n"
    "connected,key,trust,\"Trust\" in people,DCMS,percent,WMCA,2023/24,37\n",
    "line 2: text follows the closing quote of a field (write a quote inside a quoted field as \"\")" },
};

/* Criterion runs each case in a new process: pass indices, not pointers. */
ParameterizedTestParameters (barometers, every_kind_of_bad_row)
{
  static guint indices[G_N_ELEMENTS (bad_files)];

  for (guint i = 0; i < G_N_ELEMENTS (bad_files); i++)
    indices[i] = i;
  return cr_make_param_array (guint, indices, G_N_ELEMENTS (indices));
}

ParameterizedTest (guint *index, barometers, every_kind_of_bad_row)
{
  const BadFile *bad = &bad_files[*index];
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *path = write_tmp (bad->name, bad->contents, -1);
  g_autoptr(KithBarometerImport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;

  cr_assert_not (kith_barometers_import_file (project, path, &report, &error), "%s imported", bad->name);
  cr_assert_not_null (report, "%s", bad->name);
  cr_assert_eq (report->problems->len, 1, "%s: %u problems, the first: %s", bad->name, report->problems->len,
                report->problems->len > 0 ? (char *) g_ptr_array_index (report->problems, 0) : "none");
  cr_assert_str_eq (g_ptr_array_index (report->problems, 0), bad->problem, "%s", bad->name);
  expected = g_strdup_printf ("%s: 1 bad row; nothing from this file was stored", bad->name);
  cr_assert_str_eq (error->message, expected);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM barometers"), 0, "%s", bad->name);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM barometer_values"), 0, "%s", bad->name);
}

Test (barometers, one_bad_row_among_good_ones_stores_nothing)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *sample = kt_sample ("barometers-inclusive-communities.tsv");
  g_autofree char *text = kt_read_file (sample, NULL);
  g_autoptr(GString) broken = g_string_new (text);
  g_autoptr(KithBarometerImport) report = NULL;

  /* line 37: Sandwell's childhood group; line 38 gets a second bad row */
  g_string_replace (broken, "\tSandwell\t2024\t1\t", "\tSandwell\t2024\t0\t", 1);
  g_string_replace (broken, "youth-labour-market\tLabour market opportunities for young people index\tSocial Mobility Commission\tsmc_group\tSandwell",
                    "youth-labour-market\tLabour market opportunities for young people index\tSocial Mobility Commission\tsmc-group\tSandwell", 1);
  report = import_text (project, "baseline.tsv", broken->str, FALSE);
  cr_assert_eq (report->problems->len, 2);
  cr_assert_str_eq (g_ptr_array_index (report->problems, 0),
                    "line 43: a Social Mobility Commission group is a whole number from 1 (least favourable) to 5 (most), not 0");
  cr_assert_str_eq (g_ptr_array_index (report->problems, 1),
                    "line 44: the measure must be percent, smc_group, count or rate, not “smc-group”");
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM barometers"), 0);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM barometer_values"), 0);
}

Test (barometers, files_that_are_not_tables)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *binary = write_tmp ("image.tsv", "\x89PNG\r\n\x1a\n\0\0\0", 11);
  g_autofree char *prose = write_tmp ("notes.txt", "Just some notes\n", -1);
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "missing.tsv", NULL);
  g_autoptr(KithBarometerImport) report = NULL;
  g_autoptr(GError) e1 = NULL, e2 = NULL, e3 = NULL;

  cr_assert_not (kith_barometers_import_file (project, binary, &report, &e1));
  cr_assert_null (report);
  cr_assert_str_eq (e1->message, "image.tsv: not a text file (it contains NUL bytes)");
  cr_assert_not (kith_barometers_import_file (project, prose, &report, &e2));
  cr_assert_str_eq (e2->message, "notes.txt: cannot tell whether this is CSV or TSV: its first line has neither commas nor tabs");
  cr_assert_not (kith_barometers_import_file (project, missing, &report, &e3));
  cr_assert (g_error_matches (e3, KITH_ERROR, KITH_ERROR_NOT_FOUND));
  assert_contains (e3->message, "missing.tsv");
}

Test (barometers, folder_import_leaves_barometer_tables_alone)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *table = g_build_filename (dir, "baseline.csv", NULL);
  g_autofree char *survey = g_build_filename (dir, "survey.tsv", NULL);
  g_autofree char *notes = g_build_filename (dir, "notes.txt", NULL);
  const char *paths[] = { dir, NULL };
  g_autoptr(GPtrArray) results = NULL;

  kt_write_file (table, "# figures\nGoal key,Role,Barometer key,Barometer,Source,Measure,Geography,Period,Value\n", -1);
  kt_write_file (survey, "respondent\tanswer\n1\tThe bus is late\n", -1);
  kt_write_file (notes, "Notes from a coffee morning.\n", -1);
  cr_assert (kith_barometers_file_is_table (table));
  cr_assert_not (kith_barometers_file_is_table (survey));
  cr_assert_not (kith_barometers_file_is_table (notes));
  results = kith_import_paths (project, paths, NULL);
  cr_assert_eq (results->len, 3);
  cr_assert_eq (((KithImportResult *) g_ptr_array_index (results, 0))->status, KITH_IMPORT_SKIPPED);
  cr_assert_str_eq (((KithImportResult *) g_ptr_array_index (results, 0))->message,
                    "a table of barometers: import it as barometers, not as a document");
  cr_assert_eq (((KithImportResult *) g_ptr_array_index (results, 1))->status, KITH_IMPORT_IMPORTED);
  cr_assert_str_eq (((KithImportResult *) g_ptr_array_index (results, 2))->message, "Kith does not import .tsv files");
}

/* ---- links ------------------------------------------------------------------------ */

Test (barometers, links_from_any_code)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(KithBarometerImport) report = import_text (project, "a.tsv", HEADER TRUST "WMCA\t2023/24\t37\t\n", TRUE);
  g_autoptr(KithBarometer) trust = kith_barometers_lookup (project, "trust", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = NULL;
  gint64 code = kith_codes_add_path (project, "Local/Neighbours look out", NULL, NULL, NULL);

  cr_assert (kith_barometers_link (project, code, trust->id, &error));
  cr_assert_not (kith_barometers_link (project, code, trust->id, &error));
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_EXISTS));
  assert_contains (error->message, "test.kith: the code “Local/Neighbours look out” is already linked to this barometer");
  g_clear_error (&error);
  cr_assert_not (kith_barometers_link (project, 999, trust->id, &error));
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_NOT_FOUND));
  g_clear_error (&error);
  cr_assert_not (kith_barometers_link (project, code, 999, &error));
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_NOT_FOUND));
  links = kith_barometers_links (project, NULL);
  cr_assert_eq (links->len, 1);
  cr_assert_str_eq (((KithBarometerLink *) g_ptr_array_index (links, 0))->code, "Local/Neighbours look out");
  cr_assert_str_eq (((KithBarometerLink *) g_ptr_array_index (links, 0))->barometer, "trust");
  cr_assert (kith_barometers_unlink (project, code, trust->id, NULL));
  g_clear_error (&error);
  cr_assert_not (kith_barometers_unlink (project, code, trust->id, &error));
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_NOT_FOUND));
}

/* ---- kith-cli ---------------------------------------------------------------------- */

Test (barometers_cli, import_list_and_link)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *project = g_build_filename (dir, "study.kith", NULL);
  g_autofree char *sample = kt_sample ("barometers-inclusive-communities.tsv");
  g_autofree char *out = NULL, *list = NULL, *sources = NULL, *links = NULL, *err = NULL;

  cr_assert_eq (kt_cli (NULL, NULL, "init", project, NULL), 0);
  cr_assert_eq (kt_cli (&out, NULL, "barometers", "import", project, sample, NULL), 0);
  cr_assert_str_eq (out,
    "imported\tbarometers-inclusive-communities.tsv\tTSV, UTF-8: 36 rows; 16 new barometers, 0 updated; "
    "28 new figures, 0 already stored; 8 rows name a barometer without a figure\n"
    "conflict\ttrust\tWMCA\t2023/24\t37\tCommunity Life Survey, DCMS; Section 2 summary (\"pulse of the region\"); "
    "barometers-inclusive-communities.tsv line 11\n"
    "conflict\ttrust\tWMCA\t2023/24\t29\tCommunity Life Survey, DCMS; Section 2, socially connected region, body text; "
    "barometers-inclusive-communities.tsv line 12\n");
  cr_assert_eq (kt_cli (&list, NULL, "barometers", project, NULL), 0);
  cr_assert (g_str_has_prefix (list, "trust\tWMCA\t2023/24\t37\tconflict\n"
                                     "trust\tWMCA\t2023/24\t29\tconflict\n"
                                     "trust\tEngland\t2023/24\t41\t\n"), "%s", list);
  assert_contains (list, "\nchat-neighbours\tWMCA\t2023/24\t\t\n");
  {
    g_auto(GStrv) lines = g_strsplit (list, "\n", -1);
    cr_assert_eq (g_strv_length (lines), 37, "36 rows and the final newline");
  }
  cr_assert_eq (kt_cli (&sources, NULL, "barometers", project, "--sources", NULL), 0);
  assert_contains (sources, "trust\tEngland\t2023/24\t41\t\tCommunity Life Survey, DCMS\tSection 2\t"
                            "barometers-inclusive-communities.tsv\t13\n");

  cr_assert_eq (kt_cli (NULL, NULL, "codes", "add", project, "Local/Neighbours", NULL), 0);
  cr_assert_eq (kt_cli (NULL, NULL, "barometers", "link", project, "Local/Neighbours", "trust", NULL), 0);
  cr_assert_eq (kt_cli (NULL, NULL, "barometers", "link", project, "2", "belonging", NULL), 0);
  cr_assert_eq (kt_cli (&links, NULL, "barometers", "links", project, NULL), 0);
  cr_assert_str_eq (links, "trust\tLocal/Neighbours\nbelonging\tLocal/Neighbours\n");
  cr_assert_eq (kt_cli (NULL, &err, "barometers", "link", project, "Local/Neighbours", "no-such", NULL), 1);
  assert_contains (err, "study.kith: there is no barometer “no-such”");
  cr_assert_eq (kt_cli (NULL, NULL, "barometers", "unlink", project, "Local/Neighbours", "trust", NULL), 0);
  g_free (links);
  cr_assert_eq (kt_cli (&links, NULL, "barometers", "links", project, NULL), 0);
  cr_assert_str_eq (links, "belonging\tLocal/Neighbours\n");
}

Test (barometers_cli, bad_rows_exit_1_naming_file_and_line)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *project = g_build_filename (dir, "study.kith", NULL);
  g_autofree char *bad = write_tmp ("figures.csv",
                                    "goal_key,role,barometer_key,barometer,source,measure,geography,period,value\n"
                                    "connected,key,trust,Trust,DCMS,percent,WMCA,2023/24,37\n"
                                    "connected,key,trust,Trust,DCMS,percent,England,2023/24,forty-one\n"
                                    "connected,key,trust,Trust,DCMS,percent,Walsall,2023/24\n", -1);
  g_autofree char *out = NULL, *err = NULL, *list = NULL;

  cr_assert_eq (kt_cli (NULL, NULL, "init", project, NULL), 0);
  cr_assert_eq (kt_cli (&out, &err, "barometers", "import", project, bad, NULL), 1);
  cr_assert_str_eq (out, "");
  cr_assert_str_eq (err,
                    "kith-cli: figures.csv: line 3: the value “forty-one” is not a number\n"
                    "kith-cli: figures.csv: line 4: 8 fields where the header has 9 (a missing or extra tab or comma?)\n"
                    "kith-cli: figures.csv: 2 bad rows; nothing from this file was stored\n");
  cr_assert_eq (kt_cli (&list, NULL, "barometers", project, NULL), 0);
  cr_assert_str_eq (list, "");
  cr_assert_eq (kt_cli (NULL, NULL, "barometers", "import", project, NULL), 2);
  cr_assert_eq (kt_cli (NULL, NULL, "barometers", "link", project, "x", NULL), 2);
}
