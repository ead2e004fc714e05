/* test-cases.c — cases, typed attributes, CSV attribute import, speakers and
 * documents linked to cases, case attributes in extracts */
#include "kith-config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "kith-cases.h"
#include "kith-codes.h"
#include "kith-codings.h"
#include "kith-documents.h"
#include "kith-extracts.h"
#include "kith-import.h"
#include "kith-test-util.h"

/* “name<TAB>a=1;b=2” per case, as kith-cli cases prints them */
static char *
cases_listing (KithProject *project)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = kith_cases_list (project, &error);
  GString *out = g_string_new (NULL);

  cr_assert_not_null (cases, "%s", error ? error->message : "");
  for (guint i = 0; i < cases->len; i++)
    {
      KithCase *c = g_ptr_array_index (cases, i);
      g_string_append (out, c->name);
      g_string_append_c (out, '\t');
      for (guint v = 0; v < c->values->len; v++)
        {
          KithCaseValue *value = g_ptr_array_index (c->values, v);
          g_string_append_printf (out, "%s%s=%s", v > 0 ? ";" : "", value->attribute, value->value);
        }
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

Test (attributes, values_are_checked_by_type)
{
  static const struct { KithAttributeType type; const char *value; const char *stored; const char *error; } cases[] = {
    { KITH_ATTRIBUTE_TEXT, "  Sandwell ", "Sandwell", NULL },
    { KITH_ATTRIBUTE_NUMBER, "42", "42", NULL },
    { KITH_ATTRIBUTE_NUMBER, " -3.25 ", "-3.25", NULL },
    { KITH_ATTRIBUTE_NUMBER, ".5", ".5", NULL },
    { KITH_ATTRIBUTE_NUMBER, "3,5", NULL, "“3,5” is not a number (write numbers like 12, -3 or 0.5)" },
    { KITH_ATTRIBUTE_NUMBER, "1e3", NULL, "“1e3” is not a number" },
    { KITH_ATTRIBUTE_NUMBER, "forty", NULL, "“forty” is not a number" },
    { KITH_ATTRIBUTE_NUMBER, "5.", NULL, "“5.” is not a number" },
    { KITH_ATTRIBUTE_DATE, "2025-03-14", "2025-03-14", NULL },
    { KITH_ATTRIBUTE_DATE, "2024-02-29", "2024-02-29", NULL },
    { KITH_ATTRIBUTE_DATE, "2025-02-29", NULL, "“2025-02-29” is not a date (write dates as YYYY-MM-DD, such as 2025-03-14)" },
    { KITH_ATTRIBUTE_DATE, "14/03/2025", NULL, "“14/03/2025” is not a date" },
    { KITH_ATTRIBUTE_BOOLEAN, "Yes", "true", NULL },
    { KITH_ATTRIBUTE_BOOLEAN, "0", "false", NULL },
    { KITH_ATTRIBUTE_BOOLEAN, "FALSE", "false", NULL },
    { KITH_ATTRIBUTE_BOOLEAN, "maybe", NULL, "“maybe” is not true or false (write true/false, yes/no or 1/0)" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *stored = kith_attribute_check_value (cases[i].type, cases[i].value, &error);
      if (cases[i].stored != NULL)
        cr_assert_str_eq (stored, cases[i].stored, "%s", cases[i].value);
      else
        {
          cr_assert_null (stored, "%s", cases[i].value);
          cr_assert (g_str_has_prefix (error->message, cases[i].error), "%s", error->message);
        }
    }
}

Test (attributes, headings_name_a_type)
{
  static const struct { const char *heading; const char *name; KithAttributeType type; gboolean typed; } cases[] = {
    { "age:number", "age", KITH_ATTRIBUTE_NUMBER, TRUE },
    { " joined : date ", "joined", KITH_ATTRIBUTE_DATE, TRUE },
    { "volunteer:BOOLEAN", "volunteer", KITH_ATTRIBUTE_BOOLEAN, TRUE },
    { "local_authority", "local_authority", KITH_ATTRIBUTE_TEXT, FALSE },
    { "Q3: What would help?", "Q3: What would help?", KITH_ATTRIBUTE_TEXT, FALSE },
    { ":number", ":number", KITH_ATTRIBUTE_TEXT, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      KithAttributeType type;
      gboolean typed;
      g_autofree char *name = kith_attribute_parse_heading (cases[i].heading, &type, &typed);
      cr_assert_str_eq (name, cases[i].name);
      cr_assert_eq (type, cases[i].type, "%s", cases[i].heading);
      cr_assert_eq (typed, cases[i].typed, "%s", cases[i].heading);
    }
}

Test (attributes, changing_a_type_checks_every_value)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;
  gint64 amir = kith_cases_add (project, "Amir", FALSE, NULL, &error);
  gint64 beata = kith_cases_add (project, "Beata", FALSE, NULL, &error);
  gint64 age = kith_attributes_ensure (project, "age", KITH_ATTRIBUTE_TEXT, FALSE, NULL, &error);
  gint64 carer = kith_attributes_ensure (project, "carer", KITH_ATTRIBUTE_TEXT, FALSE, NULL, &error);
  g_autofree char *listing = NULL;

  cr_assert (kith_cases_set_value (project, amir, age, KITH_ATTRIBUTE_TEXT, "34", &error));
  cr_assert (kith_cases_set_value (project, beata, age, KITH_ATTRIBUTE_TEXT, "about 60", &error));
  cr_assert (kith_cases_set_value (project, amir, carer, KITH_ATTRIBUTE_TEXT, "Yes", &error));
  cr_assert (kith_cases_set_value (project, beata, carer, KITH_ATTRIBUTE_TEXT, "no", &error));

  cr_assert_not (kith_attributes_define (project, "age", KITH_ATTRIBUTE_NUMBER, &error));
  cr_assert_str_eq (error->message, "the attribute “age” cannot become a number: for case “Beata”, "
                                    "“about 60” is not a number (write numbers like 12, -3 or 0.5)");
  g_clear_error (&error);
  cr_assert (kith_attributes_define (project, "carer", KITH_ATTRIBUTE_BOOLEAN, &error), "%s", error ? error->message : "");
  listing = cases_listing (project);
  cr_assert_str_eq (listing, "Amir\tage=34;carer=true\nBeata\tage=about 60;carer=false\n");
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM attributes WHERE name = 'age' AND type = 'text'"), 1);
}

/* ---- importing attributes -------------------------------------------------- */

static KithProject *
project_with_cases (const char *const *names)
{
  KithProject *project = kt_new_project (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      cr_assert_gt (kith_cases_add (project, names[i], FALSE, NULL, &error), 0);
    }
  return project;
}

Test (cases_import, good_file)
{
  const char *names[] = { "Amir", "Beata", "Chidi", NULL };
  g_autoptr(KithProject) project = project_with_cases (names);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  KithCasesImport report = { 0 };
  const char *csv =
    "\xEF\xBB\xBF" "case,local_authority,age:number,joined:date,volunteer:boolean,role\r\n"
    "Amir,Sandwell,34,2024-05-01,yes,\"Chair, residents' group\"\r\n"
    "\r\n"
    "Beata,Wolverhampton,61,,0,\"Says \"\"call me Bea\"\"\"\r\n"
    "Chidi,Dudley,,2023-11-30,TRUE,\"Youth worker\nand coach\"\r\n";

  cr_assert (kith_cases_import_csv (project, csv, strlen (csv), FALSE, &report, &error), "%s", error ? error->message : "");
  cr_assert_eq (report.cases, 3);
  cr_assert_eq (report.created, 0);
  cr_assert_eq (report.values, 15);
  listing = cases_listing (project);
  cr_assert_str_eq (listing,
                    "Amir\tlocal_authority=Sandwell;age=34;joined=2024-05-01;volunteer=true;role=Chair, residents' group\n"
                    "Beata\tlocal_authority=Wolverhampton;age=61;volunteer=false;role=Says \"call me Bea\"\n"
                    "Chidi\tlocal_authority=Dudley;joined=2023-11-30;volunteer=true;role=Youth worker\nand coach\n");
  kith_cases_import_clear (&report);

  /* an empty cell removes a value; a semicolon-separated file works too */
  {
    const char *again = "name;age:number\nAmir;\n";
    g_autofree char *after = NULL;
    cr_assert (kith_cases_import_csv (project, again, strlen (again), FALSE, &report, &error));
    after = cases_listing (project);
    cr_assert (g_str_has_prefix (after, "Amir\tlocal_authority=Sandwell;joined=2024-05-01;volunteer=true;role=Chair"),
               "%s", after);
    kith_cases_import_clear (&report);
  }
}

Test (cases_import, bad_file_changes_nothing_and_lists_every_problem)
{
  const char *names[] = { "Amir", "Beata", NULL };
  g_autoptr(KithProject) project = project_with_cases (names);
  g_autoptr(GError) error = NULL;
  KithCasesImport report = { 0 };
  const char *csv =
    "case,local_authority,age:number,joined:date\n"
    "Amir,Sandwell,34,2024-05-01\n"
    "Zainab,Walsall,29,2024-01-10\n"
    "Beata,Wolverhampton,sixty-one,01/02/2020\n"
    "Amir,Sandwell,35,2024-05-01\n"
    ",Dudley,40,2024-02-02\n"
    "Beata,Coventry,50\n";
  static const char *const expected[] = {
    "line 3: there is no case “Zainab” (add it with “kith-cli cases add”, or import with --create)",
    "line 4, age: “sixty-one” is not a number (write numbers like 12, -3 or 0.5)",
    "line 4, joined: “01/02/2020” is not a date (write dates as YYYY-MM-DD, such as 2025-03-14)",
    "line 5: case “Amir” is already on line 2",
    "line 6: no case name in the first column",
    "line 7: 3 fields, but the heading line has 4",
  };

  cr_assert_not (kith_cases_import_csv (project, csv, strlen (csv), FALSE, &report, &error));
  cr_assert_eq (error->code, KITH_ERROR_INVALID);
  cr_assert (g_str_has_prefix (error->message, "6 problems, so nothing was imported:\nline 3: there is no case"),
             "%s", error->message);
  cr_assert_eq (report.problems->len, G_N_ELEMENTS (expected));
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    cr_assert_str_eq (g_ptr_array_index (report.problems, i), expected[i]);
  kith_cases_import_clear (&report);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM case_values"), 0);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM attributes"), 0, "nothing half-imported");
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM cases"), 2);
}

Test (cases_import, create_and_malformed_csv)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  KithCasesImport report = { 0 };
  const char *csv = "participant,role\nZainab,Volunteer\nYusuf,Resident\n";
  const char *unclosed = "participant,role\nZainab,\"Volunteer\nYusuf,Resident\n";
  const char *junk = "participant,role\nZainab,\"Volunteer\"x\n";

  cr_assert (kith_cases_import_csv (project, csv, strlen (csv), TRUE, &report, &error), "%s", error ? error->message : "");
  cr_assert_eq (report.created, 2);
  kith_cases_import_clear (&report);
  listing = cases_listing (project);
  cr_assert_str_eq (listing, "Yusuf\trole=Resident\nZainab\trole=Volunteer\n");

  cr_assert_not (kith_cases_import_csv (project, unclosed, strlen (unclosed), TRUE, &report, &error));
  cr_assert_str_eq (g_ptr_array_index (report.problems, 0),
                    "line 2: a quoted field is not closed (a \" is missing)");
  kith_cases_import_clear (&report);
  g_clear_error (&error);
  cr_assert_not (kith_cases_import_csv (project, junk, strlen (junk), TRUE, &report, &error));
  cr_assert_str_eq (g_ptr_array_index (report.problems, 0),
                    "line 2: text follows the closing quote of a field (write a quote inside a quoted field as \"\")");
  kith_cases_import_clear (&report);
}

/* ---- speakers, documents and extracts -------------------------------------- */

static gint64
import_text (KithProject *project, const char *name, const char *text)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(KithImportResult) r = NULL;

  kt_write_file (path, text, -1);
  r = kith_import_file (project, path, NULL);
  cr_assert_eq (r->status, KITH_IMPORT_IMPORTED, "%s", r->message);
  return r->document_id;
}

Test (cases, speakers_and_documents_link_to_cases)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;
  const char *text = "Grace: How long have you lived in Tipton?\nDelroy: Twenty years.\nGrace: And now?\nDelroy: I feel at home.\n";
  gint64 doc = import_text (project, "tipton.txt", text);
  gint64 notes = import_text (project, "notes.txt", "Session notes from Tipton.\n");
  const char *skip[] = { "Grace", NULL };
  g_autoptr(GPtrArray) linked = NULL;
  gint64 delroy, group;

  linked = kith_cases_from_speakers (project, doc, skip, &error);
  cr_assert_not_null (linked, "%s", error ? error->message : "");
  cr_assert_eq (linked->len, 1);
  cr_assert_str_eq (g_ptr_array_index (linked, 0), "Delroy");
  delroy = kith_cases_find (project, "Delroy", &error);
  cr_assert_gt (delroy, 0);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM turns WHERE case_id IS NOT NULL"), 2);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM turns WHERE speaker = 'Grace' AND case_id IS NULL"), 2);

  /* again: the existing case is reused */
  g_clear_pointer (&linked, g_ptr_array_unref);
  linked = kith_cases_from_speakers (project, doc, NULL, &error);
  cr_assert_eq (linked->len, 2);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM cases"), 2);

  cr_assert_eq (kith_cases_link_speaker (project, doc, "Nobody", delroy, &error), 0);
  cr_assert_str_eq (error->message, "nobody called “Nobody” speaks in document 1 (see “kith-cli turns”)");
  g_clear_error (&error);

  group = kith_cases_add (project, "Tipton lunch club", FALSE, NULL, &error);
  cr_assert (kith_cases_link_document (project, notes, group, &error));
  cr_assert_eq (kt_count (project, "SELECT case_id FROM documents WHERE id = 2"), group);
  cr_assert_eq (kith_cases_add (project, "Delroy", FALSE, NULL, &error), 0);
  cr_assert_str_eq (error->message, "there is already a case “Delroy”");
}

Test (cases, extracts_carry_case_and_attribute_columns)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;
  const char *text = "Grace: How long have you lived in Tipton?\nDelroy: Twenty years, and I feel at home.\n"
                     "Grace: Thanks.\nDelroy: Cheers.\n";
  gint64 doc = import_text (project, "tipton.txt", text);
  gint64 notes = import_text (project, "notes.txt", "The lunch club, Tipton.\n");
  gint64 code = kith_codes_add_path (project, "Feel/At home", NULL, NULL, &error);
  gint64 delroy = kith_cases_add (project, "Delroy", FALSE, NULL, &error);
  gint64 club = kith_cases_add (project, "Lunch club", FALSE, NULL, &error);
  gint64 la = kith_attributes_ensure (project, "local_authority", KITH_ATTRIBUTE_TEXT, FALSE, NULL, &error);
  gint64 age = kith_attributes_ensure (project, "age", KITH_ATTRIBUTE_NUMBER, TRUE, NULL, &error);
  const char *at_home = "I feel at home";
  glong start = g_utf8_pointer_to_offset (text, strstr (text, at_home));
  g_autoptr(GPtrArray) attributes = NULL;
  g_autoptr(GPtrArray) extracts = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);
  KithExtract *e;

  cr_assert (kith_cases_set_value (project, delroy, la, KITH_ATTRIBUTE_TEXT, "Sandwell", &error));
  cr_assert (kith_cases_set_value (project, delroy, age, KITH_ATTRIBUTE_NUMBER, "58", &error));
  cr_assert (kith_cases_set_value (project, club, la, KITH_ATTRIBUTE_TEXT, "Sandwell", &error));
  cr_assert_eq (kith_cases_link_speaker (project, doc, "Delroy", delroy, &error), 2);
  cr_assert (kith_cases_link_document (project, notes, club, &error));
  cr_assert_gt (kith_codings_add (project, doc, code, start, start + (glong) strlen (at_home), NULL,
                                  KITH_ORIGIN_MANUAL, &error), 0);
  cr_assert_gt (kith_codings_add (project, doc, code, 7, 15, NULL, KITH_ORIGIN_MANUAL, &error), 0);
  cr_assert_gt (kith_codings_add (project, notes, code, 4, 14, NULL, KITH_ORIGIN_MANUAL, &error), 0);

  extracts = kith_extracts_query_full (project, NULL, &attributes, &error);
  cr_assert_eq (extracts->len, 3);
  cr_assert_eq (attributes->len, 2);
  e = g_ptr_array_index (extracts, 1);
  cr_assert_str_eq (e->text, at_home);
  cr_assert_str_eq (e->case_name, "Delroy");
  cr_assert_str_eq (g_ptr_array_index (e->values, 0), "Sandwell");
  cr_assert_str_eq (g_ptr_array_index (e->values, 1), "58");
  e = g_ptr_array_index (extracts, 0);
  cr_assert_null (e->case_name, "Grace's turn has no case");
  cr_assert_null (g_ptr_array_index (e->values, 0), "no case and no document value");
  cr_assert_null (g_ptr_array_index (e->values, 1));
  e = g_ptr_array_index (extracts, 2);
  cr_assert_str_eq (e->case_name, "Lunch club");
  cr_assert_null (g_ptr_array_index (e->values, 1), "no age for the club");

  kith_extracts_to_csv (extracts, attributes, csv);
  {
    g_auto(GStrv) lines = g_strsplit (csv->str, "\r\n", -1);
    cr_assert_str_eq (lines[0], "document,code,start,end,text,speaker,case,coder,memo,origin,created,coding_id,"
                                "document_kind,local_authority,age");
    cr_assert (g_str_has_suffix (lines[1], ",transcript,,"), "%s", lines[1]);
    cr_assert (g_str_has_suffix (lines[2], ",transcript,Sandwell,58"), "%s", lines[2]);
    cr_assert (strstr (lines[2], ",I feel at home,Delroy,Delroy,") != NULL, "%s", lines[2]);
    cr_assert (g_str_has_suffix (lines[3], ",notes,Sandwell,"), "%s", lines[3]);
  }
}

/* ---- the command line ------------------------------------------------------ */

Test (cases_cli, commands_end_to_end)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *project = g_build_filename (dir, "study.kith", NULL);
  g_autofree char *transcript = g_build_filename (dir, "tipton.txt", NULL);
  g_autofree char *good = g_build_filename (dir, "attributes.csv", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
  g_autofree char *out = NULL, *err = NULL, *listing = NULL, *extracts = NULL;

  kt_write_file (transcript, "Grace: How long?\nDelroy: Twenty years.\nGrace: And now?\nDelroy: At home.\n", -1);
  kt_write_file (good, "case,local_authority,age:number\nDelroy,Sandwell,58\nGrace,Dudley,41\n", -1);
  kt_write_file (bad, "case,age:number\nDelroy,old\nNobody,3\n", -1);
  cr_assert_eq (kt_cli (NULL, NULL, "init", project, NULL), 0);
  cr_assert_eq (kt_cli (NULL, NULL, "import", project, transcript, NULL), 0);

  cr_assert_eq (kt_cli (&out, &err, "cases", "link", project, "tipton.txt", "Delroy", "Delroy", NULL), 0, "%s", err);
  cr_assert_str_eq (out, "linked 2 turns by Delroy in tipton.txt to case Delroy (new)\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  cr_assert_eq (kt_cli (&out, &err, "cases", "from-speakers", project, "1", NULL), 0, "%s", err);
  cr_assert_str_eq (out, "tipton.txt\tGrace\ntipton.txt\tDelroy\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  cr_assert_eq (kt_cli (&out, &err, "cases", "import", project, good, NULL), 0, "%s", err);
  cr_assert_str_eq (out, "2 cases (0 added), 4 values\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  cr_assert_eq (kt_cli (&out, &err, "cases", "import", project, bad, NULL), 1);
  cr_assert_str_eq (out, "");
  {
    g_autofree char *expected = g_strdup_printf (
      "kith-cli: %s: line 2, age: “old” is not a number (write numbers like 12, -3 or 0.5)\n"
      "kith-cli: %s: line 3: there is no case “Nobody” (add it with “kith-cli cases add”, or import with --create)\n"
      "kith-cli: %s: nothing was imported\n", bad, bad, bad);
    cr_assert_str_eq (err, expected);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  cr_assert_eq (kt_cli (&out, &err, "cases", "add", project, "Tipton lunch club", "members:number=24", "weekly:boolean=yes",
                        NULL), 0, "%s", err);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  cr_assert_eq (kt_cli (NULL, &err, "cases", "set", project, "Grace", "age=forty", NULL), 1);
  cr_assert_str_eq (err, "kith-cli: age: “forty” is not a number (write numbers like 12, -3 or 0.5)\n");
  g_clear_pointer (&err, g_free);
  cr_assert_eq (kt_cli (NULL, &err, "cases", "set", project, "Grace", "local_authority=", "age=42", NULL), 0, "%s", err);
  cr_assert_eq (kt_cli (NULL, NULL, "cases", "set", project, "Grace", "no-equals-sign", NULL), 2);
  cr_assert_eq (kt_cli (NULL, NULL, "cases", "attribute", project, "age", "--type", "colour", NULL), 2);

  cr_assert_eq (kt_cli (&listing, NULL, "cases", project, NULL), 0);
  cr_assert_str_eq (listing,
                    "Delroy\tlocal_authority=Sandwell;age=58\n"
                    "Grace\tage=42\n"
                    "Tipton lunch club\tmembers=24;weekly=true\n");
  g_clear_pointer (&out, g_free);
  cr_assert_eq (kt_cli (&out, NULL, "cases", "attributes", project, NULL), 0);
  cr_assert_str_eq (out, "local_authority\ttext\nage\tnumber\nmembers\tnumber\nweekly\tboolean\n");

  cr_assert_eq (kt_cli (NULL, NULL, "codes", "add", project, "Feel/At home", NULL), 0);
  cr_assert_eq (kt_cli (NULL, NULL, "code", project, "1", "63", "70", "Feel/At home", NULL), 0);
  cr_assert_eq (kt_cli (&extracts, NULL, "export", "extracts", project, "--format", "csv", NULL), 0);
  cr_assert (g_str_has_prefix (extracts, "document,code,start,end,text,speaker,case,coder,memo,origin,created,"
                                          "coding_id,document_kind,local_authority,age,members,weekly\r\n"), "%s", extracts);
  cr_assert (strstr (extracts, ",At home,Delroy,Delroy,Test Coder,") != NULL, "%s", extracts);
  cr_assert (g_str_has_suffix (extracts, ",transcript,Sandwell,58,,\r\n"), "%s", extracts);
}

Test (cases_cli, documents_carry_attributes_too)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *project = g_build_filename (dir, "p.kith", NULL);
  g_autofree char *notes = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *extracts = NULL, *err = NULL;

  kt_write_file (notes, "Workshop in Bilston. Residents said the park feels unsafe at night.\n", -1);
  cr_assert_eq (kt_cli (NULL, NULL, "init", project, NULL), 0);
  cr_assert_eq (kt_cli (NULL, NULL, "import", project, notes, NULL), 0);
  cr_assert_eq (kt_cli (NULL, &err, "cases", "set-document", project, "notes.txt", "local_authority=Wolverhampton",
                        "sessions:number=3", NULL), 0, "%s", err);
  g_clear_pointer (&err, g_free);
  cr_assert_eq (kt_cli (NULL, &err, "cases", "set-document", project, "notes.txt", "sessions=three", NULL), 1);
  cr_assert_str_eq (err, "kith-cli: sessions: “three” is not a number (write numbers like 12, -3 or 0.5)\n");
  cr_assert_eq (kt_cli (NULL, NULL, "cases", "set-document", project, "nope.txt", "a=b", NULL), 1);
  cr_assert_eq (kt_cli (NULL, NULL, "codes", "add", project, "Feel/Unsafe", NULL), 0);
  cr_assert_eq (kt_cli (NULL, NULL, "code", project, "1", "21", "67", "Feel/Unsafe", NULL), 0);
  cr_assert_eq (kt_cli (&extracts, NULL, "export", "extracts", project, "--format", "csv", NULL), 0);
  cr_assert (g_str_has_suffix (extracts, ",notes,Wolverhampton,3\r\n"), "the document's values fill the columns: %s", extracts);
}


Test (cases_cli, case_changes_are_undone_and_redone)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *project = g_build_filename (dir, "p.kith", NULL);
  g_autofree char *out = NULL, *err = NULL;

  cr_assert_eq (kt_cli (NULL, NULL, "init", project, NULL), 0);
  cr_assert_eq (kt_cli (NULL, &err, "cases", "add", project, "Amrit", "area=Smethwick", NULL), 0, "%s", err);
  cr_assert_eq (kt_cli (NULL, NULL, "cases", "set", project, "Amrit", "area=Oldbury", NULL), 0);
  cr_assert_eq (kt_cli (&out, NULL, "cases", project, NULL), 0);
  cr_assert_str_eq (out, "Amrit\tarea=Oldbury\n");
  g_clear_pointer (&out, g_free);

  /* one step back: the value the case had before */
  cr_assert_eq (kt_cli (&out, NULL, "undo", project, NULL), 0);
  cr_assert (strstr (out, "Set values of case “Amrit”") != NULL, "%s", out);
  g_clear_pointer (&out, g_free);
  cr_assert_eq (kt_cli (&out, NULL, "cases", project, NULL), 0);
  cr_assert_str_eq (out, "Amrit\tarea=Smethwick\n");
  g_clear_pointer (&out, g_free);

  /* two: no case at all */
  cr_assert_eq (kt_cli (NULL, NULL, "undo", project, NULL), 0);
  cr_assert_eq (kt_cli (&out, NULL, "cases", project, NULL), 0);
  cr_assert_str_eq (out, "");
  g_clear_pointer (&out, g_free);

  cr_assert_eq (kt_cli (NULL, NULL, "redo", project, NULL), 0);
  cr_assert_eq (kt_cli (&out, NULL, "cases", project, NULL), 0);
  cr_assert_str_eq (out, "Amrit\tarea=Smethwick\n");
}
