/* test-privacy.c — pseudonymised exports: what is replaced, how, and that
 * nothing original survives */
#include "kith-config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "kith-pseudonymiser.h"
#include "kith-test-util.h"

Test (pseudonymiser, names_get_one_pseudonym_each_wherever_they_appear)
{
  g_autoptr(KithPseudonymiser) p = kith_pseudonymiser_new ();
  g_autofree char *out = NULL;

  kith_pseudonymiser_keep (p, "Smethwick");
  kith_pseudonymiser_add_name (p, "Harjit Kaur", "Resident 1");
  kith_pseudonymiser_add_name (p, "Grace Obi", "Resident 2");
  kith_pseudonymiser_add_name (p, "Smethwick", "Resident 3");   /* kept: not a name here */
  out = kith_pseudonymiser_apply (p, "Harjit Kaur met Grace at the gurdwara in Smethwick.\n"
                                     "Grace: Harjit's daughter, Zoë Kaur, came too.\n"
                                     "Harjit\nKaur said so; Harjitson did not.");
  cr_assert_str_eq (out, "Resident 1 met Resident 2 at the gurdwara in Smethwick.\n"
                         "Resident 2: Resident 1's daughter, Zoë Resident 1, came too.\n"
                         "Resident 1 said so; Harjitson did not.");
  cr_assert_eq (kith_pseudonymiser_get_count (p, KITH_PRIVACY_NAME), 6);
  cr_assert_str_eq (kith_pseudonymiser_lookup (p, "Kaur"), "Resident 1");
  cr_assert_null (kith_pseudonymiser_lookup (p, "Smethwick"));
}

Test (pseudonymiser, details_are_replaced_by_their_kind)
{
  static const struct { const char *in, *out; KithPrivacyKind kind; } cases[] = {
    { "Post to B66 2HT please", "Post to [postcode] please", KITH_PRIVACY_POSTCODE },
    { "we are at wv1 1aa now", "we are at [postcode] now", KITH_PRIVACY_POSTCODE },
    { "DY8 1AB.", "[postcode].", KITH_PRIVACY_POSTCODE },
    { "Ring 0121 496 0134 or", "Ring [phone] or", KITH_PRIVACY_PHONE },
    { "(0121) 496 0134", "[phone]", KITH_PRIVACY_PHONE },
    { "mobile 07700 900123.", "mobile [phone].", KITH_PRIVACY_PHONE },
    { "mobile 07700900123", "mobile [phone]", KITH_PRIVACY_PHONE },
    { "+44 7700 900123", "[phone]", KITH_PRIVACY_PHONE },
    { "+44 (0)121 496 0134", "[phone]", KITH_PRIVACY_PHONE },
    { "01902-555-123", "[phone]", KITH_PRIVACY_PHONE },
    { "mail grace.obi+hub@tipton-hub.org.uk today", "mail [email] today", KITH_PRIVACY_EMAIL },
    { "She lives at 14 Rookery Road, Handsworth.", "She lives at [address], Handsworth.", KITH_PRIVACY_ADDRESS },
    { "Flat 2, 31a Soho Hill", "[address]", KITH_PRIVACY_ADDRESS },
    { "3 Church St. is shut", "[address] is shut", KITH_PRIVACY_ADDRESS },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KithPseudonymiser) p = kith_pseudonymiser_new ();
      g_autofree char *out = kith_pseudonymiser_apply (p, cases[i].in);

      cr_expect_str_eq (out, cases[i].out, "%s", cases[i].in);
      cr_expect_eq (kith_pseudonymiser_get_count (p, cases[i].kind), 1, "%s", cases[i].in);
    }
}

/* What must stay: figures, years, dates, times, percentages, ward codes. */
Test (pseudonymiser, numbers_that_are_not_details_stay)
{
  static const char *const kept[] = {
    "In 2023/24, 28% of residents in Sandwell agreed (n = 1,204).",
    "Session 3 ran 10:30–12:00 on 12/05/2025.",
    "Table 4: 2019 2020 2021 2022",
    "Ward E05001234 and LSOA E01009876",
    "The B4135 and the A41 meet here; route 87 runs every 12 minutes.",
    "We met 14 residents on Rookery Road.",
    "0.5 of a point; 012 responses",
  };

  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    {
      g_autoptr(KithPseudonymiser) p = kith_pseudonymiser_new ();
      g_autofree char *out = kith_pseudonymiser_apply (p, kept[i]);

      cr_expect_str_eq (out, kept[i]);
    }
}

/* ---- the project's list, and whole exports -------------------------------- */

#include "kith-cases.h"
#include "kith-privacy.h"

static const char interview[] =
  "Interviewer: Grace Obi\n"
  "\n"
  "Grace: How do you feel about Tipton these days?\n"
  "Harjit: I feel safe now. Kwabena Asante from the hub rang me on 07700 900461 and came round "
  "to 14 Rookery Road, DY4 8QX. You can email him, kwabena.asante@tipton-hub.org.uk.\n"
  "Grace: And Nechells?\n"
  "Harjit: My cousin Simranjeet lives in Nechells; she says Kwabena helped her too. "
  "Ring the hub on 0121 496 0733.\n";

static const char *const originals[] = {
  "Harjit", "Kwabena", "Asante", "Simranjeet", "07700 900461", "Rookery Road", "DY4 8QX",
  "kwabena.asante", "0121 496 0733", "Harjit Kaur",
};

static KithProject *
privacy_project (char **path, gint64 *doc)
{
  g_autoptr(KithProject) project = kt_new_project (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 safe, case_id;

  *doc = kt_import_text (project, "harjit-tipton.txt", interview);
  text = kt_document_text (project, *doc);
  case_id = kith_cases_add (project, "Harjit Kaur", TRUE, NULL, &error);
  cr_assert_gt (case_id, 0, "%s", error ? error->message : "");
  cr_assert_eq (kith_cases_link_speaker (project, *doc, "Harjit", case_id, &error), 2, "%s",
                error ? error->message : "");
  kt_framework_code (project, "Connected", "connected", NULL, NULL);
  safe = kt_framework_code (project, "Connected/Feel safe", "connected", "feel", "feel-safe");
  kt_code_text (project, *doc, text, "I feel safe now. Kwabena Asante from the hub rang me on 07700 900461 and came round "
                "to 14 Rookery Road, DY4 8QX.", safe);
  kt_code_text (project, *doc, text, "My cousin Simranjeet lives in Nechells; she says Kwabena helped her too.", safe);
  kt_code_text (project, *doc, text, "Ring the hub on 0121 496 0733.", safe);
  return g_steal_pointer (&project);
}

Test (privacy, the_list_has_cases_speakers_and_names_found_in_the_text)
{
  g_autofree char *path = NULL;
  gint64 doc;
  g_autoptr(KithProject) project = privacy_project (&path, &doc);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  cr_assert (kith_privacy_add (project, "Auntie Jas", &error));
  cr_assert (kith_privacy_keep (project, "Tipton", TRUE, &error));
  cr_assert_eq (kt_cli (&out, NULL, "privacy", path, NULL), 0);
  /* the case first; its speaker shares its pseudonym; the interviewer is a
   * role; Nechells is a place; the user's name; then the text's names: Obi
   * is Grace's surname (after her name, and the dictionary knows it only
   * with a capital), so she is Resident 2 whole; Kwabena although he is in
   * an e-mail address in lower case, and Asante, his surname, with him */
  cr_assert_str_eq (out,
                    "Harjit Kaur\tcase\t0\tResident 1\n"
                    "Grace\tspeaker\t3\tResident 2\n"
                    "Harjit\tspeaker\t2\tResident 1\n"
                    "Auntie Jas\tuser\t0\tResident 3\n"
                    "Obi\ttext\t1\tResident 2\n"
                    "Kwabena\ttext\t2\tResident 4\n"
                    "Asante\ttext\t1\tResident 4\n"
                    "Simranjeet\ttext\t1\tResident 5\n");
}

/* Every export with --pseudonymise: no original value survives, each name
 * has one pseudonym throughout, and the stored text is not touched. */
Test (privacy, no_original_value_survives_a_pseudonymised_export)
{
  g_autofree char *path = NULL;
  gint64 doc;
  g_autoptr(KithProject) project = privacy_project (&path, &doc);
  g_autofree char *before = kt_document_text (project, doc);
  static const char *const exports[][4] = {
    { "export", "extracts", "--format=csv", NULL },
    { "summary", "--format=md", NULL },
    { "summary", "--format=html", NULL },
    { "summary", "--format=csv", NULL },
  };

  g_clear_object (&project);
  for (guint e = 0; e < G_N_ELEMENTS (exports); e++)
    {
      g_autofree char *plain = NULL, *out = NULL, *err = NULL;
      const char *const *x = exports[e];
      int words = x[1] != NULL && x[1][0] != '-' ? 2 : 1;

      if (words == 2)
        {
          cr_assert_eq (kt_cli (&plain, NULL, x[0], x[1], path, x[2], NULL), 0);
          cr_assert_eq (kt_cli (&out, &err, x[0], x[1], path, x[2], "--pseudonymise", NULL), 0, "%s", err);
        }
      else
        {
          cr_assert_eq (kt_cli (&plain, NULL, x[0], path, x[1], NULL), 0);
          cr_assert_eq (kt_cli (&out, &err, x[0], path, x[1], "--pseudonymise", NULL), 0, "%s", err);
        }
      /* the plain export has them, so the test can see them go */
      cr_assert (strstr (plain, "Kwabena") != NULL, "%s %s: no Kwabena in the plain export", x[0], x[1]);
      for (guint i = 0; i < G_N_ELEMENTS (originals); i++)
        cr_expect (strstr (out, originals[i]) == NULL, "%s %s: “%s” survived:\n%s", x[0], x[1], originals[i], out);
      cr_expect (strstr (out, "Resident 3") != NULL, "%s %s: Kwabena's pseudonym is missing:\n%s", x[0], x[1], out);
      cr_expect (words == 1 || strstr (out, "Nechells") != NULL, "%s %s: places are kept", x[0], x[1]);
      cr_expect (g_str_has_prefix (err, "pseudonymised: names "), "%s", err);
    }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(KithProject) again = kith_project_open (path, KITH_OPEN_READ_ONLY, &error);
    g_autofree char *after = kt_document_text (again, doc);

    cr_assert_str_eq (after, before, "the stored text is never changed");
  }
}

Test (privacy, the_extracts_name_each_person_alike)
{
  g_autofree char *path = NULL;
  gint64 doc;
  g_autoptr(KithProject) project = privacy_project (&path, &doc);
  g_autofree char *out = NULL;

  g_clear_object (&project);
  cr_assert_eq (kt_cli (&out, NULL, "export", "extracts", path, "--format", "csv", "--pseudonymise", NULL), 0);
  /* the text, speaker and case columns of the three extracts (Harjit Kaur
   * is Resident 1, Grace Obi 2, Kwabena Asante 3, Simranjeet 4) */
  cr_assert (strstr (out, "\"I feel safe now. Resident 3 from the hub rang me on [phone] and came round "
                          "to [address], [postcode].\",Resident 1,Resident 1,") != NULL, "%s", out);
  cr_assert (strstr (out, "My cousin Resident 4 lives in Nechells; she says Resident 3 helped her too.,Resident 1,Resident 1,") != NULL,
             "%s", out);
  cr_assert (strstr (out, "Ring the hub on [phone].,Resident 1,Resident 1,") != NULL, "%s", out);
}

/* Positions follow the text through every pass: spans around, between and
 * across replacements still cover the same words. */
Test (pseudonymiser, positions_follow_the_replacements)
{
  g_autoptr(KithPseudonymiser) p = kith_pseudonymiser_new ();
  g_autoptr(KithPseudonymMap) map = NULL;
  const char *text = "Zoë Kaur rang 0121 496 0134 from DY4 8QX; Zoë said the hub helped.";
  g_autofree char *out = NULL;
  static const struct { const char *span; const char *expected; } spans[] = {
    { "rang", "rang" },
    { "Zoë Kaur rang", "Resident 1 rang" },
    { "the hub helped.", "the hub helped." },
    { "496 0134 from DY4", "[phone] from [postcode]" },   /* ends inside a replaced run: all of it */
    { "said", "said" },
  };

  kith_pseudonymiser_add_name (p, "Zoë Kaur", "Resident 1");
  out = kith_pseudonymiser_apply_mapped (p, text, &map);
  cr_assert_str_eq (out, "Resident 1 rang [phone] from [postcode]; Resident 1 said the hub helped.");
  for (guint i = 0; i < G_N_ELEMENTS (spans); i++)
    {
      gint64 start = kt_offset_of (text, spans[i].span);
      gint64 end = start + g_utf8_strlen (spans[i].span, -1);
      gint64 s2 = kith_pseudonym_map_position (map, start, FALSE);
      gint64 e2 = kith_pseudonym_map_position (map, end, TRUE);
      g_autofree char *got = g_utf8_substring (out, s2, e2);

      cr_expect_str_eq (got, spans[i].expected, "“%s” maps to %ld–%ld", spans[i].span, (long) s2, (long) e2);
    }
  cr_assert_eq (kith_pseudonym_map_position (map, g_utf8_strlen (text, -1), TRUE), g_utf8_strlen (out, -1));
}

/* A pseudonymised REFI-QDA project: the texts, names and memos without the
 * originals, every selection moved with the text — tests/check-refi.py
 * checks each selection's name is the text at its positions. */
Test (privacy, a_pseudonymised_qdpx_keeps_its_selections_on_the_words)
{
  g_autofree char *path = NULL;
  gint64 doc;
  g_autoptr(KithProject) project = privacy_project (&path, &doc);
  g_autofree char *qdpx = g_strconcat (path, ".qdpx", NULL);
  g_autofree char *check = g_build_filename (g_getenv ("KITH_SOURCE_ROOT"), "tests", "check-refi.py", NULL);
  g_autofree char *dump = NULL, *out = NULL, *err = NULL;
  const char *check_argv[] = { "python3", check, qdpx, NULL };
  const char *dump_argv[] = { "python3", "-c",
    "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nfor n in z.namelist(): sys.stdout.write(z.read(n).decode('utf-8'))",
    qdpx, NULL };
  int status = 0;

  g_clear_object (&project);
  cr_assert_eq (kt_cli (NULL, &err, "export", "qdpx", path, "-o", qdpx, "--pseudonymise", NULL), 0, "%s", err);
  cr_assert (strstr (err, "Pseudonymised: names 9, postcodes 1, phone numbers 2, e-mail addresses 1, street addresses 1\n") != NULL,
             "%s", err);
  cr_assert (g_spawn_sync (NULL, (char **) check_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, NULL));
  cr_assert (g_spawn_check_wait_status (status, NULL), "check-refi.py: %s", out);
  cr_assert (g_spawn_sync (NULL, (char **) dump_argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &dump, NULL, &status, NULL));
  cr_assert (g_spawn_check_wait_status (status, NULL));
  cr_assert (strstr (dump, "Resident 3 from the hub rang me on [phone]") != NULL, "the text is pseudonymised:\n%s", dump);
  for (guint i = 0; i < G_N_ELEMENTS (originals); i++)
    cr_expect (strstr (dump, originals[i]) == NULL, "“%s” survived in the .qdpx", originals[i]);
}

Test (privacy, the_pseudonymise_setting_is_the_projects)
{
  g_autofree char *path = NULL;
  g_autoptr(KithProject) project = kt_new_project (&path);
  g_autoptr(KithProject) again = NULL;
  g_autoptr(GError) error = NULL;
  gboolean on = TRUE;

  cr_assert (kith_privacy_get_pseudonymise (project, &on, &error), "%s", error ? error->message : "");
  cr_assert_not (on, "off until the user turns it on");
  cr_assert (kith_privacy_set_pseudonymise (project, TRUE, &error), "%s", error ? error->message : "");
  g_clear_object (&project);
  again = kith_project_open (path, KITH_OPEN_DEFAULT, &error);
  cr_assert_not_null (again, "%s", error ? error->message : "");
  cr_assert (kith_privacy_get_pseudonymise (again, &on, &error));
  cr_assert (on, "remembered in the project file");
  cr_assert (kith_privacy_set_pseudonymise (again, FALSE, &error));
  cr_assert (kith_privacy_get_pseudonymise (again, &on, &error));
  cr_assert_not (on);
}

/* The other exports: the matrix (its rows name cases), and the workbook
 * and the Word summary (ZIPs, read back whole) — no original survives. */
Test (privacy, the_matrix_workbook_and_word_summary_are_pseudonymised_too)
{
  g_autofree char *path = NULL;
  gint64 doc;
  g_autoptr(KithProject) project = privacy_project (&path, &doc);
  g_autofree char *xlsx = g_strconcat (path, ".xlsx", NULL);
  g_autofree char *docx = g_strconcat (path, ".docx", NULL);
  g_autofree char *matrix = NULL, *plain = NULL, *err = NULL;
  const char *zips[] = { xlsx, docx };

  g_clear_object (&project);
  cr_assert_eq (kt_cli (&plain, NULL, "matrix", path, "--rows", "case", "--cols", "goal", NULL), 0);
  cr_assert_str_eq (plain, "case\tconnected\nHarjit Kaur\t3\n");
  cr_assert_eq (kt_cli (&matrix, &err, "matrix", path, "--rows", "case", "--cols", "goal", "--pseudonymise", NULL), 0, "%s", err);
  cr_assert_str_eq (matrix, "case\tconnected\nResident 1\t3\n");
  g_clear_pointer (&err, g_free);
  cr_assert_eq (kt_cli (NULL, &err, "export", "extracts", path, "--format", "xlsx", "-o", xlsx, "--pseudonymise", NULL), 0, "%s", err);
  g_clear_pointer (&err, g_free);
  cr_assert_eq (kt_cli (NULL, &err, "summary", path, "--format", "docx", "-o", docx, "--pseudonymise", NULL), 0, "%s", err);
  for (guint z = 0; z < G_N_ELEMENTS (zips); z++)
    {
      const char *argv[] = { "python3", "-c",
        "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\n"
        "for n in z.namelist():\n  if not n.endswith('.png'): sys.stdout.write(z.read(n).decode('utf-8'))",
        zips[z], NULL };
      g_autofree char *dump = NULL;
      int status = 0;

      cr_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &dump, NULL, &status, NULL));
      cr_assert (g_spawn_check_wait_status (status, NULL), "%s is not a ZIP", zips[z]);
      cr_assert (strstr (dump, "Resident ") != NULL, "%s: no pseudonym in it", zips[z]);
      for (guint i = 0; i < G_N_ELEMENTS (originals); i++)
        cr_expect (strstr (dump, originals[i]) == NULL, "%s: “%s” survived", zips[z], originals[i]);
    }
}
