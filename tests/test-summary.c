/* test-summary.c — the evaluation summary: counts worked out by hand on a
 * fixture project, barometer comparisons, quotes, charts, the HTML (parsed
 * as XML and by xmllint's HTML parser, each SVG parsed alone), Markdown,
 * CSV, and kith-cli summary end to end */
#include "kith-config.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>
#include <sys/stat.h>

#include "kith-barometers.h"
#include "kith-chart.h"
#include "kith-codes.h"
#include "kith-codings.h"
#include "kith-csv-reader.h"
#include "kith-documents.h"
#include "kith-import.h"
#include "kith-sample.h"
#include "kith-summary.h"
#include "kith-test-util.h"

static void
release_fonts (void)
{
  kith_chart_release_fonts ();
  xmlCleanupParser ();
}

TestSuite (summary, .fini = release_fonts);
TestSuite (summary_output, .fini = release_fonts);
TestSuite (summary_cli, .fini = release_fonts);
TestSuite (chart, .fini = release_fonts);

static void
assert_contains (const char *haystack, const char *needle)
{
  cr_assert (strstr (haystack, needle) != NULL, "“%s” not in:\n%s", needle, haystack);
}

/* ---- the fixture --------------------------------------------------------------
 *
 * Four documents:
 *   A walsall.txt   Interviewer and Amina; Amina's turns belong to the case
 *                   “Amina”, whose Local authority is Walsall
 *   B sandwell.txt  Interviewer and Ben; no case; the document's Local
 *                   authority is Sandwell
 *   C notes.txt     no speakers, no case, no place
 *   D dudley.txt    no speakers; the document's case “Dudley Connects”,
 *                   whose Local authority is Dudley
 * Codings (a1 … d1 are passages):
 *   know-support  a1, a2 (a child code), b1 (twice: two coders), c1
 *   heard         a3, d1
 *   take-part     none
 *   belonging     b2
 *   Local/Neighbours (linked to trust)  a4, b3
 *   Other/Unrelated                    c2
 */

#define TEXT_A "Interviewer: How did you find help?\n" \
               "Amina: I did not know where to go for help. The GP gave me a leaflet.\n" \
               "Interviewer: And the council?\n" \
               "Amina: They never answer my letters. My neighbours look out for me.\n"
#define TEXT_B "Interviewer: What is missing?\n" \
               "Ben: Nobody told us about the advice centre. I feel at home on this street.\n" \
               "Interviewer: Anything else?\n" \
               "Ben: People here say hello. That matters.\n"
#define TEXT_C "Residents did not know what support was available. Parking is hard.\n"
#define TEXT_D "Year two report.\n\nParticipants said the council listened at last.\n"

#define A1 "I did not know where to go for help."
#define A2 "The GP gave me a leaflet."
#define A3 "They never answer my letters."
#define A4 "My neighbours look out for me."
#define B1 "Nobody told us about the advice centre."
#define B2 "I feel at home on this street."
#define B3 "People here say hello."
#define C1 "Residents did not know what support was available."
#define C2 "Parking is hard."
#define D1 "Participants said the council listened at last."

static const char fixture_barometers[] =
  "# a small framework of our own\n"
  "goal_key\trole\tbarometer_key\tbarometer\tsource\tmeasure\tgeography\tperiod\tvalue\twhere_stated\n"
  "connected\tkey\ttrust\tTrust in neighbours\tDCMS\tpercent\tWMCA\t2023/24\t37\tsummary\n"
  "connected\tkey\ttrust\tTrust in neighbours\tDCMS\tpercent\tWMCA\t2023/24\t29\tbody text\n"
  "connected\tkey\ttrust\tTrust in neighbours\tDCMS\tpercent\tEngland\t2023/24\t41\tsection 2\n"
  "connected\tkey\ttrust\tTrust in neighbours\tDCMS\tpercent\tWolverhampton\t2023/24\t22\tlowest\n"
  "connected\tkey\ttrust\tTrust in neighbours\tDCMS\tpercent\tSolihull\t2023/24\t43\thighest\n"
  "connected\tkey\ttrust\tTrust in neighbours\tDCMS\tpercent\tWMCA\t2021/22\t40\tolder report\n"
  "connected\tsupporting\tchat\tChatting to neighbours\tDCMS\tpercent\tWMCA\t2023/24\t\t\n"
  "connected\tsupporting\tgreen\tGreen spaces\tDCMS\tpercent\tWMCA\t2023/24\t65\t\n"
  "connected\tsupporting\tgreen\tGreen spaces\tDCMS\tpercent\tEngland\t2023/24\t65\t\n"
  "inclusive\tkey\tbelonging\tBelonging\tDCMS\tpercent\tWMCA\t2023/24\t62\t\n"
  "inclusive\tkey\tbelonging\tBelonging\tDCMS\tpercent\tEngland\t2023/24\t61\t\n"
  "equitable\tkey\tprospects\tPromising prospects\tSMC\tsmc_group\tWalsall\t2024\t2\t\n"
  "equitable\tkey\tprospects\tPromising prospects\tSMC\tsmc_group\tSandwell\t2024\t1\t\n"
  "equitable\tkey\tprospects\tPromising prospects\tSMC\tsmc_group\tDudley\t2024\t3\t\n"
  "equitable\tsupporting\tvisits\tLibrary visits\tCouncil\tcount\tWMCA\t2024\t1234\t\n"
  "equitable\tsupporting\tvisits\tLibrary visits\tCouncil\tcount\tEngland\t2024\t99999\t\n";

/* a second file, with the optional columns: lower is better here */
static const char fixture_lonely[] =
  "goal_key,role,barometer_key,barometer,source,measure,geography,period,value,better\n"
  "connected,supporting,lonely,Often lonely,Residents survey,percent,WMCA,2023/24,30,lower\n"
  "connected,supporting,lonely,Often lonely,Residents survey,percent,England,2023/24,25.5,lower\n";

static KithProject *
fixture (char **path)
{
  KithProject *project = kt_new_project (path);
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *baro = g_build_filename (dir, "fixture.tsv", NULL);
  g_autoptr(KithBarometerImport) report = NULL;
  g_autoptr(KithBarometer) trust = NULL;
  g_autofree char *lonely = g_build_filename (dir, "lonely.csv", NULL);
  g_autoptr(KithBarometerImport) report2 = NULL;
  gint64 a, b, c, d, know, gp, heard, belonging, neighbours, unrelated;

  kt_write_file (baro, fixture_barometers, -1);
  cr_assert (kith_barometers_import_file (project, baro, &report, NULL));
  kt_write_file (lonely, fixture_lonely, -1);
  cr_assert (kith_barometers_import_file (project, lonely, &report2, NULL));

  a = kt_import_text (project, "walsall.txt", TEXT_A);
  b = kt_import_text (project, "sandwell.txt", TEXT_B);
  c = kt_import_text (project, "notes.txt", TEXT_C);
  d = kt_import_text (project, "dudley.txt", TEXT_D);

  /* cases and places, as the cases issue will store them */
  kt_exec_sql (project,
            "INSERT INTO attributes (id, name) VALUES (7, 'Local authority');"
            "INSERT INTO cases (id, name, created) VALUES (1, 'Amina', 'now'), (2, 'Dudley Connects', 'now');"
            "INSERT INTO case_values VALUES (1, 7, 'Walsall'), (2, 7, ' Dudley ');"
            "UPDATE turns SET case_id = 1 WHERE speaker = 'Amina';"
            "UPDATE documents SET case_id = 2 WHERE name = 'dudley.txt';"
            "INSERT INTO document_values SELECT id, 7, 'Sandwell' FROM documents WHERE name = 'sandwell.txt';");

  kt_framework_code (project, "Connected", "connected", NULL, NULL);
  know = kt_framework_code (project, "Connected/Know support", "connected", "think", "know-support");
  gp = kith_codes_ensure_path (project, "Connected/Know support/From a GP", NULL);
  heard = kt_framework_code (project, "Connected/Heard", "connected", "feel", "heard");
  kt_framework_code (project, "Connected/Take part", "connected", "do", "take-part");
  belonging = kt_framework_code (project, "Inclusive/Belonging", "inclusive", "feel", "belonging");
  neighbours = kith_codes_ensure_path (project, "Local/Neighbours", NULL);
  unrelated = kith_codes_ensure_path (project, "Other/Unrelated", NULL);
  trust = kith_barometers_lookup (project, "trust", NULL);
  cr_assert (kith_barometers_link (project, neighbours, trust->id, NULL));

  kt_code_text (project, a, TEXT_A, A1, know);
  kt_code_text (project, a, TEXT_A, A2, gp);
  kt_code_text (project, b, TEXT_B, B1, know);
  kt_code_text (project, c, TEXT_C, C1, know);
  kt_code_text (project, a, TEXT_A, A3, heard);
  kt_code_text (project, d, TEXT_D, D1, heard);
  kt_code_text (project, b, TEXT_B, B2, belonging);
  kt_code_text (project, a, TEXT_A, A4, neighbours);
  kt_code_text (project, b, TEXT_B, B3, neighbours);
  kt_code_text (project, c, TEXT_C, C2, unrelated);
  kith_project_set_coder (project, "Second Coder");
  kt_code_text (project, b, TEXT_B, B1, know);
  kith_project_set_coder (project, "Test Coder");
  return project;
}

static KithSummaryGoal *
goal_at (KithSummary *summary, guint i)
{
  cr_assert_lt (i, summary->goals->len);
  return g_ptr_array_index (summary->goals, i);
}

static KithSummaryBarometer *
barometer_at (KithSummaryGoal *goal, guint i)
{
  cr_assert_lt (i, goal->barometers->len);
  return g_ptr_array_index (goal->barometers, i);
}

static KithSummaryEvidence *
outcome_at (KithSummaryGoal *goal, guint i)
{
  cr_assert_lt (i, goal->outcomes->len);
  return g_ptr_array_index (goal->outcomes, i);
}

static void
assert_count (const KithSummaryCount *count, const char *geography, guint extracts, guint documents, guint people)
{
  cr_assert_str_eq (count->geography ? count->geography : "(none)", geography ? geography : "(none)");
  cr_assert_eq (count->n_extracts, extracts, "%s: %u extracts", geography, count->n_extracts);
  cr_assert_eq (count->n_documents, documents, "%s: %u documents", geography, count->n_documents);
  cr_assert_eq (count->n_people, people, "%s: %u people", geography, count->n_people);
}

static const char *
quote_text (KithSummaryEvidence *e, guint i)
{
  cr_assert_lt (i, e->quotes->len);
  return ((KithSummaryQuote *) g_ptr_array_index (e->quotes, i))->text;
}

static const char *
quote_by (KithSummaryEvidence *e, guint i)
{
  cr_assert_lt (i, e->quotes->len);
  return ((KithSummaryQuote *) g_ptr_array_index (e->quotes, i))->attribution;
}

/* ---- counts worked out by hand ---------------------------------------------------- */

Test (summary, evidence_counts_by_outcome_and_place)
{
  g_autoptr(KithProject) project = fixture (NULL);
  g_autoptr(KithSummary) summary = kt_summarise (project, NULL);
  KithSummaryGoal *connected, *inclusive, *equitable;
  KithSummaryEvidence *know, *heard, *take_part, *belonging;

  cr_assert_eq (summary->goals->len, 3);
  connected = goal_at (summary, 0);
  inclusive = goal_at (summary, 1);
  equitable = goal_at (summary, 2);
  cr_assert_str_eq (connected->key, "connected");
  cr_assert_str_eq (connected->label, "Connected", "the goal's own code names it");
  cr_assert_str_eq (inclusive->label, "inclusive", "no code of its own: its key");
  cr_assert_str_eq (equitable->key, "equitable");
  cr_assert_eq (equitable->outcomes->len, 0);

  cr_assert_eq (connected->outcomes->len, 3);
  know = outcome_at (connected, 0);
  heard = outcome_at (connected, 1);
  take_part = outcome_at (connected, 2);
  cr_assert_str_eq (know->key, "know-support");
  cr_assert_str_eq (know->label, "Know support");
  cr_assert_str_eq (know->dimension, "think");
  cr_assert_str_eq (heard->dimension, "feel");
  cr_assert_str_eq (take_part->dimension, "do");

  /* a1, a2 (child code), b1 (two coders: once), c1; the residents: Amina
   * (case), Ben (speaker); c1 is the notes' own words */
  assert_count (&know->count, NULL, 4, 3, 2);
  cr_assert_eq (know->by_geography->len, 3);
  assert_count (g_ptr_array_index (know->by_geography, 0), "Walsall", 2, 1, 1);
  assert_count (g_ptr_array_index (know->by_geography, 1), "Sandwell", 1, 1, 1);
  assert_count (g_ptr_array_index (know->by_geography, 2), NULL, 1, 1, 0);
  cr_assert_not (know->gap);

  /* a3 (Amina, Walsall), d1 (the document's case, Dudley, trimmed): an
   * organisation's notes, not a resident's words */
  assert_count (&heard->count, NULL, 2, 2, 1);
  assert_count (g_ptr_array_index (heard->by_geography, 0), "Dudley", 1, 1, 0);
  assert_count (g_ptr_array_index (heard->by_geography, 1), "Walsall", 1, 1, 1);
  cr_assert_not (heard->gap);

  assert_count (&take_part->count, NULL, 0, 0, 0);
  cr_assert (take_part->gap);
  cr_assert_eq (take_part->quotes->len, 0);

  cr_assert_eq (inclusive->outcomes->len, 1);
  belonging = outcome_at (inclusive, 0);
  assert_count (&belonging->count, NULL, 1, 1, 1);
  cr_assert (belonging->gap, "1 extract is fewer than 2");

  /* the goal: a1 a2 b1 c1 a3 d1; documents A B C D; residents Amina and Ben
   * (Dudley Connects, the case of a document of notes, is no resident) */
  assert_count (&connected->count, NULL, 6, 4, 2);
  assert_count (&inclusive->count, NULL, 1, 1, 1);
  /* everything shown; c2 (an unrelated code) and the linked a4, b3 are not outcomes */
  assert_count (&summary->count, NULL, 7, 4, 2);
  cr_assert_eq (summary->by_geography->len, 4);
  assert_count (g_ptr_array_index (summary->by_geography, 0), "Walsall", 3, 1, 1);
  assert_count (g_ptr_array_index (summary->by_geography, 1), "Sandwell", 2, 1, 1);
  assert_count (g_ptr_array_index (summary->by_geography, 2), "Dudley", 1, 1, 0);
  assert_count (g_ptr_array_index (summary->by_geography, 3), NULL, 1, 1, 0);
  cr_assert_str_eq (summary->geography_attribute, "local_authority");
}

Test (summary, barometers_beside_their_comparator)
{
  g_autoptr(KithProject) project = fixture (NULL);
  g_autoptr(KithSummary) summary = kt_summarise (project, NULL);
  KithSummaryGoal *connected = goal_at (summary, 0);
  KithSummaryBarometer *trust = barometer_at (connected, 0);
  KithSummaryBarometer *chat = barometer_at (connected, 1);
  KithSummaryBarometer *green = barometer_at (connected, 2);
  KithSummaryBarometer *belonging = barometer_at (goal_at (summary, 1), 0);
  KithSummaryBarometer *prospects = barometer_at (goal_at (summary, 2), 0);
  KithSummaryBarometer *visits = barometer_at (goal_at (summary, 2), 1);
  KithSummaryFigure *f1, *f2;
  g_autofree char *d1 = NULL, *d2 = NULL, *locals = NULL, *green_text = NULL, *belonging_text = NULL;
  g_autofree char *groups = NULL, *source = NULL;

  cr_assert_str_eq (summary->area, "WMCA");
  cr_assert_str_eq (summary->comparator, "England");

  /* key first; the latest period; both disagreeing figures, each compared */
  cr_assert (trust->barometer->is_key);
  cr_assert_str_eq (trust->period, "2023/24");
  cr_assert_eq (trust->figures->len, 2);
  f1 = g_ptr_array_index (trust->figures, 0);
  f2 = g_ptr_array_index (trust->figures, 1);
  cr_assert_eq (f1->value->value, 37);
  cr_assert (f1->value->conflict);
  cr_assert_str_eq (f1->value->where_stated, "summary");
  cr_assert_eq (f2->value->value, 29);
  cr_assert (f2->value->conflict);
  cr_assert (f1->has_gap);
  cr_assert_eq (f1->gap, -4);
  cr_assert_eq (f2->gap, -12);
  cr_assert_eq (f1->comparison, KITH_COMPARISON_BEHIND);
  cr_assert_eq (trust->comparison, KITH_COMPARISON_BEHIND);
  cr_assert_eq (trust->comparators->len, 1);
  cr_assert_null (trust->note);
  d1 = kith_summary_describe_figure (trust, f1);
  d2 = kith_summary_describe_figure (trust, f2);
  cr_assert_str_eq (d1, "4 points behind England (41%)");
  cr_assert_str_eq (d2, "12 points behind England (41%)");
  cr_assert_eq (trust->locals->len, 2);
  locals = kith_summary_describe_locals (trust);
  cr_assert_str_eq (locals, "lowest Wolverhampton 22%, highest Solihull 43% (2 local authorities with a figure)");
  source = kith_summary_describe_source (f1->value);
  cr_assert_str_eq (source, "DCMS; summary; fixture.tsv line 3");

  /* codes linked by hand: a4 and b3 */
  cr_assert_eq (trust->linked->len, 1);
  cr_assert_str_eq (((KithSummaryEvidence *) g_ptr_array_index (trust->linked, 0))->label, "Local/Neighbours");
  assert_count (&((KithSummaryEvidence *) g_ptr_array_index (trust->linked, 0))->count, NULL, 2, 2, 2);

  cr_assert (chat->named_only);
  cr_assert_eq (chat->figures->len, 0);
  cr_assert_str_eq (chat->note, "the source names this barometer but gives no figure");

  {
    KithSummaryBarometer *lonely = barometer_at (connected, 3);
    g_autofree char *text = kith_summary_describe_figure (lonely, g_ptr_array_index (lonely->figures, 0));
    cr_assert_str_eq (lonely->barometer->key, "lonely");
    cr_assert_eq (lonely->comparison, KITH_COMPARISON_BEHIND, "more lonely people is worse");
    cr_assert_str_eq (text, "4.5 points behind England (25.5%)");
  }
  cr_assert_eq (green->comparison, KITH_COMPARISON_LEVEL);
  green_text = kith_summary_describe_figure (green, g_ptr_array_index (green->figures, 0));
  cr_assert_str_eq (green_text, "level with England (65%)");

  cr_assert_eq (belonging->comparison, KITH_COMPARISON_AHEAD);
  belonging_text = kith_summary_describe_figure (belonging, g_ptr_array_index (belonging->figures, 0));
  cr_assert_str_eq (belonging_text, "1 point ahead of England (61%)");

  /* ordered groups: no WMCA figure, no subtraction, local areas by group */
  cr_assert_eq (prospects->figures->len, 0);
  cr_assert_eq (prospects->comparison, KITH_COMPARISON_NONE);
  cr_assert_str_eq (prospects->note, "no figure for WMCA in 2024");
  groups = kith_summary_describe_locals (prospects);
  cr_assert_str_eq (groups, "group 3 of 5 (middle): Dudley; group 2 of 5 (unfavourable): Walsall; "
                            "group 1 of 5 (least favourable): Sandwell (3 local authorities with a figure)");

  cr_assert_eq (visits->comparison, KITH_COMPARISON_NONE);
  cr_assert_str_eq (visits->note, "counts are not compared between places of different sizes");

  /* the numbers beside the voices only where a barometer is behind */
  cr_assert (connected->side_by_side);
  cr_assert_not (goal_at (summary, 1)->side_by_side, "belonging is ahead");
  cr_assert_not (goal_at (summary, 2)->side_by_side, "no evidence");
  /* residents only: C1, the notes' words, is no voice, and Amina and Ben
   * have spoken once each */
  cr_assert_eq (connected->voices->len, 2);
  cr_assert_str_eq (((KithSummaryQuote *) g_ptr_array_index (connected->voices, 0))->text, A4,
                    "the linked code's quotes first");
  cr_assert_str_eq (((KithSummaryQuote *) g_ptr_array_index (connected->voices, 1))->text, B3);
}

Test (summary, figure_wording)
{
  g_autofree char *p = kith_summary_format_figure (KITH_MEASURE_PERCENT, 37.5);
  g_autofree char *g = kith_summary_format_figure (KITH_MEASURE_SMC_GROUP, 3);
  g_autofree char *c = kith_summary_format_figure (KITH_MEASURE_COUNT, 1234567);
  g_autofree char *r = kith_summary_format_figure (KITH_MEASURE_RATE, 12.25);
  g_autofree char *n = NULL;
  KithSummaryCount count = { NULL, 1, 1, 1 };

  cr_assert_str_eq (p, "37.5%");
  cr_assert_str_eq (g, "group 3 of 5");
  cr_assert_str_eq (c, "1,234,567");
  cr_assert_str_eq (r, "12.25");
  cr_assert_str_eq (kith_summary_group_name (1), "least favourable");
  cr_assert_str_eq (kith_summary_group_name (5), "most favourable");
  n = kith_summary_describe_count (&count);
  cr_assert_str_eq (n, "1 coded extract from 1 document and 1 resident");
}

/* ---- quotes ------------------------------------------------------------------------ */

Test (summary, quotes_one_per_person_longest_first)
{
  g_autoptr(KithProject) project = fixture (NULL);
  g_autoptr(KithSummary) summary = kt_summarise (project, NULL);
  KithSummaryEvidence *know = outcome_at (goal_at (summary, 0), 0);

  /* c1 (50 characters), b1 (39), a1 (36); a2 is Amina's second */
  cr_assert_eq (know->quotes->len, 3);
  cr_assert_str_eq (quote_text (know, 0), C1);
  cr_assert_str_eq (quote_by (know, 0), "Notes: notes.txt", "no speaker, no case: the document's words, by title");
  cr_assert_str_eq (quote_text (know, 1), B1);
  cr_assert_str_eq (quote_by (know, 1), "Resident, Sandwell");
  cr_assert_str_eq (quote_text (know, 2), A1);
  cr_assert_str_eq (quote_by (know, 2), "Resident, Walsall");
  cr_assert_not (((KithSummaryQuote *) g_ptr_array_index (know->quotes, 2))->shortened);
}

Test (summary, quote_options)
{
  g_autoptr(KithProject) project = fixture (NULL);
  KithSummaryOptions options;

  kith_summary_options_init (&options);
  options.quotes = 10;
  options.quotes_per_person = 0;
  options.attribution = KITH_ATTRIBUTION_SPEAKER;
  {
    g_autoptr(KithSummary) summary = kt_summarise (project, &options);
    KithSummaryEvidence *know = outcome_at (goal_at (summary, 0), 0);
    cr_assert_eq (know->quotes->len, 4, "no limit per person; b1 once for two coders");
    cr_assert_str_eq (quote_by (know, 0), "Notes: notes.txt");
    cr_assert_str_eq (quote_by (know, 1), "Ben");
    cr_assert_str_eq (quote_by (know, 2), "Amina");
    cr_assert_str_eq (quote_text (know, 3), A2);
  }
  options.attribution = KITH_ATTRIBUTION_CASE;
  options.quotes = 3;
  options.quotes_per_person = 1;
  options.quote_length = 20;
  {
    g_autoptr(KithSummary) summary = kt_summarise (project, &options);
    KithSummaryEvidence *know = outcome_at (goal_at (summary, 0), 0);
    /* none fits in 20 characters: shortest first, cut at a space, marked */
    cr_assert_str_eq (quote_text (know, 0), "The GP gave me a […]");
    cr_assert (((KithSummaryQuote *) g_ptr_array_index (know->quotes, 0))->shortened);
    cr_assert_str_eq (quote_by (know, 0), "Amina", "the case's name");
    cr_assert_str_eq (quote_by (know, 1), "Resident, Sandwell", "no case");
    cr_assert_str_eq (quote_text (know, 2), "Residents did not […]");
  }
}

/* ---- options -------------------------------------------------------------------------- */

Test (summary, one_geography)
{
  g_autoptr(KithProject) project = fixture (NULL);
  g_autoptr(KithSummary) summary = NULL;
  KithSummaryOptions options;
  KithSummaryGoal *connected;
  KithSummaryBarometer *prospects;

  kith_summary_options_init (&options);
  options.geography = "walsall";
  options.geography_attribute = "LOCAL-AUTHORITY";
  summary = kt_summarise (project, &options);
  connected = goal_at (summary, 0);
  cr_assert_str_eq (summary->area, "walsall");
  assert_count (&outcome_at (connected, 0)->count, NULL, 2, 1, 1);
  assert_count (&outcome_at (connected, 1)->count, NULL, 1, 1, 1);
  assert_count (&((KithSummaryEvidence *) g_ptr_array_index (barometer_at (connected, 0)->linked, 0))->count,
                NULL, 1, 1, 1);
  assert_count (&summary->count, NULL, 3, 1, 1);
  cr_assert_str_eq (barometer_at (connected, 0)->note, "no figure for walsall in 2023/24");
  prospects = barometer_at (goal_at (summary, 2), 0);
  cr_assert_eq (prospects->figures->len, 1);
  cr_assert_eq (((KithSummaryFigure *) g_ptr_array_index (prospects->figures, 0))->value->value, 2);
  cr_assert_str_eq (prospects->note, "no figure for England to compare with");
}

Test (summary, one_period_one_goal_and_the_threshold)
{
  g_autoptr(KithProject) project = fixture (NULL);
  g_autoptr(GError) error = NULL;
  KithSummaryOptions options;

  kith_summary_options_init (&options);
  options.period = "2021/22";
  options.goal = "connected";
  options.thin = 3;
  {
    g_autoptr(KithSummary) summary = kt_summarise (project, &options);
    KithSummaryGoal *connected;
    KithSummaryBarometer *trust, *chat;

    cr_assert_eq (summary->goals->len, 1);
    connected = goal_at (summary, 0);
    trust = barometer_at (connected, 0);
    chat = barometer_at (connected, 1);
    cr_assert_eq (trust->figures->len, 1);
    cr_assert_eq (((KithSummaryFigure *) g_ptr_array_index (trust->figures, 0))->value->value, 40);
    cr_assert_str_eq (trust->note, "no figure for England to compare with");
    cr_assert_null (chat->period);
    cr_assert_str_eq (chat->note, "no figure for 2021/22");
    cr_assert_not (outcome_at (connected, 0)->gap, "4 extracts");
    cr_assert (outcome_at (connected, 1)->gap, "2 is fewer than 3");
    cr_assert_not (connected->side_by_side, "nothing compared, nothing behind");
  }
  options.period = NULL;
  options.goal = "prosperous";
  cr_assert_null (kith_summary_compute (project, &options, &error));
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_NOT_FOUND));
  assert_contains (error->message, "no barometer or code has the goal “prosperous” (goals: connected, inclusive, equitable)");
}

Test (summary, an_empty_project)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(KithSummary) summary = kt_summarise (project, NULL);
  g_autofree char *html = kith_summary_to_html (summary);
  g_autofree char *md = kith_summary_to_markdown (summary);

  cr_assert_eq (summary->goals->len, 0);
  cr_assert_null (summary->area);
  cr_assert_null (summary->comparator);
  assert_contains (html, "There are no barometers and no framework codes in this project yet.");
  assert_contains (md, "**Evidence base:** 0 coded extracts from 0 documents and 0 residents.");
}

/* ---- charts -------------------------------------------------------------------------- */

Test (chart, draws_on_any_cairo_surface)
{
  g_autoptr(KithChart) chart = kith_chart_new ("Trust", 100);
  g_autofree char *description = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  double height;
  unsigned char *pixel;
  int stride;

  kith_chart_add_tick (chart, 0, "0%");
  kith_chart_add_tick (chart, 100, "100%");
  kith_chart_add_heading (chart, "Trust in neighbours");
  kith_chart_add_bar (chart, "WMCA", 50, "50%", KITH_CHART_TONE_AREA);
  kith_chart_add_bar (chart, "England", 80, "80%", KITH_CHART_TONE_COMPARATOR);
  kith_chart_add_mark (chart, 80, "England 80%", KITH_CHART_TONE_COMPARATOR);
  cr_assert_eq (kith_chart_get_n_bars (chart), 2);
  description = kith_chart_describe (chart);
  cr_assert_str_eq (description, "Trust. Trust in neighbours: WMCA 50%; England 80%. Marked: England 80%.");
  height = kith_chart_get_height (chart);
  cr_assert_eq (height, 8 + 22 + 8 + 20 + 28 + 26 + 26);

  /* the desktop view draws the same way: check a pixel inside the first bar */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 600, (int) height);
  cr = cairo_create (surface);
  kith_chart_draw (chart, cr, 600, height);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  stride = cairo_image_surface_get_stride (surface);
  /* the bar row: marks (20) + heading (28) below the padding; its middle */
  pixel = cairo_image_surface_get_data (surface) + (int) (8 + 20 + 28 + 13) * stride;
  {
    gboolean found = FALSE;
    for (int x = 0; x < 600 && !found; x++)
      {
        guint32 argb = ((guint32 *) pixel)[x];
        found = (argb & 0xffffff) == 0x1d4ed8;
      }
    cr_assert (found, "the area's blue bar is drawn");
  }
  cairo_surface_destroy (surface);
}

Test (chart, svg_ids_are_prefixed_and_it_parses)
{
  g_autoptr(KithChart) chart = kith_chart_new ("A <chart> & more", 10);
  g_autofree char *svg = NULL;
  xmlDocPtr doc;
  xmlNodePtr root;
  xmlChar *role, *label;

  kith_chart_add_bar (chart, "Bar", 3, "3 extracts", KITH_CHART_TONE_THINK);
  svg = kith_chart_to_svg (chart, 400, "c9-");
  cr_assert (g_str_has_prefix (svg, "<svg"), "no XML prolog: %.40s", svg);
  cr_assert_null (strstr (svg, "id=\"glyph"), "every id is prefixed");
  assert_contains (svg, "id=\"c9-glyph");
  assert_contains (svg, "href=\"#c9-glyph");
  doc = xmlReadMemory (svg, (int) strlen (svg), "chart.svg", "UTF-8", XML_PARSE_NONET);
  cr_assert_not_null (doc, "the SVG is well-formed XML");
  root = xmlDocGetRootElement (doc);
  cr_assert_str_eq ((const char *) root->name, "svg");
  role = xmlGetProp (root, BAD_CAST "role");
  label = xmlGetProp (root, BAD_CAST "aria-label");
  cr_assert_str_eq ((const char *) role, "img");
  cr_assert_str_eq ((const char *) label, "A <chart> & more: Bar 3 extracts.");
  cr_assert_str_eq ((const char *) xmlFirstElementChild (root)->name, "title");
  xmlFree (role);
  xmlFree (label);
  xmlFreeDoc (doc);
}

Test (summary, charts_from_the_summary)
{
  g_autoptr(KithProject) project = fixture (NULL);
  g_autoptr(KithSummary) summary = kt_summarise (project, NULL);
  KithSummaryGoal *connected = goal_at (summary, 0);
  g_autoptr(KithChart) comparison = kith_summary_chart_comparison (summary, connected);
  g_autoptr(KithChart) locals = kith_summary_chart_locals (summary, barometer_at (connected, 0));
  g_autoptr(KithChart) evidence = kith_summary_chart_evidence (summary, connected);
  g_autoptr(KithChart) groups = kith_summary_chart_locals (summary, barometer_at (goal_at (summary, 2), 0));
  g_autofree char *c = kith_chart_describe (comparison);
  g_autofree char *l = kith_chart_describe (locals);
  g_autofree char *e = kith_chart_describe (evidence);
  g_autofree char *g = kith_chart_describe (groups);

  cr_assert_str_eq (c, "Connected: WMCA beside England, % of adults. Trust in neighbours: WMCA (figure 1 of 2) 37%; "
                       "WMCA (figure 2 of 2) 29%; England 41%. Green spaces: WMCA 65%; England 65%. "
                       "Often lonely: WMCA 30%; England 25.5%.");
  cr_assert_str_eq (l, "Trust in neighbours: local authorities, 2023/24: Wolverhampton 22%; Solihull 43%. "
                       "Marked: WMCA 37%; WMCA 29%; England 41%.");
  cr_assert_str_eq (e, "Connected: coded extracts by outcome. Think: Know support 4 extracts, 2 residents. "
                       "Feel: Heard 2 extracts, 1 resident. Do: Take part 0 extracts, 0 residents.");
  cr_assert_str_eq (g, "Promising prospects: local authorities, 2024: Sandwell group 1 of 5; Walsall group 2 of 5; "
                       "Dudley group 3 of 5.");
  cr_assert_null (kith_summary_chart_locals (summary, barometer_at (connected, 1)), "no local figures");
  cr_assert_null (kith_summary_chart_evidence (summary, goal_at (summary, 2)), "no outcomes");
}

/* ---- the renderers ------------------------------------------------------------------------ */

static char *
run_tool (const char *const *argv, int *status, char **err)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  cr_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, err, status, &error),
             "%s: %s", argv[0], error ? error->message : "");
  return out;
}

/* HTML5 and SVG elements that libxml2's HTML 4 parser does not know: the
 * only complaints it may have. */
static gboolean
known_html_complaint (const char *line)
{
  static const char *const tags[] = {
    "header", "main", "footer", "nav", "section", "figure", "figcaption",
    "svg", "defs", "g", "symbol", "path", "use", "rect", "clipPath", "image",
  };

  if (strstr (line, "HTML parser error : Tag ") == NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (tags); i++)
    {
      g_autofree char *needle = g_strdup_printf ("Tag %s invalid", tags[i]);
      if (strstr (line, needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
collect_ids (xmlNodePtr node, GHashTable *ids)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE)
        {
          xmlChar *id = xmlGetProp (node, BAD_CAST "id");
          if (id != NULL)
            {
              cr_assert_not (g_hash_table_contains (ids, id), "the id “%s” appears twice", id);
              g_hash_table_add (ids, g_strdup ((char *) id));
              xmlFree (id);
            }
        }
      collect_ids (node->children, ids);
    }
}

Test (summary_output, html_parses_and_its_svg_charts_parse)
{
  g_autoptr(KithProject) project = fixture (NULL);
  g_autoptr(KithSummary) summary = kt_summarise (project, NULL);
  g_autofree char *html = kith_summary_to_html (summary);
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "summary.html", NULL);
  g_autofree char *out = NULL, *err = NULL, *xml_err = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) lines = NULL;
  xmlDocPtr doc;
  const char *p;
  guint n_svg = 0;
  int status = -1;

  kt_write_file (path, html, -1);
  /* xmllint's HTML parser: nothing but the HTML5/SVG tags it does not know */
  {
    const char *argv[] = { "xmllint", "--html", "--noout", path, NULL };
    g_free (run_tool (argv, &status, &err));
  }
  cr_assert_eq (status, 0, "%s", err);
  lines = g_strsplit (err, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], "error") != NULL)
      cr_assert (known_html_complaint (lines[i]), "xmllint --html: %s", lines[i]);
  /* the page is also well-formed XML: parsed strictly */
  {
    const char *argv[] = { "xmllint", "--noout", path, NULL };
    out = run_tool (argv, &status, &xml_err);
  }
  cr_assert_eq (status, 0, "xmllint: %s", xml_err);
  cr_assert_str_eq (xml_err, "");
  doc = xmlReadMemory (html, (int) strlen (html), "summary.html", "UTF-8", XML_PARSE_NONET);
  cr_assert_not_null (doc);
  collect_ids (xmlDocGetRootElement (doc), ids);
  xmlFreeDoc (doc);

  /* each chart on its own, as XML */
  for (p = strstr (html, "<svg"); p != NULL; p = strstr (p + 1, "<svg"))
    {
      const char *end = strstr (p, "</svg>");
      xmlDocPtr svg;
      xmlChar *label;

      cr_assert_not_null (end);
      svg = xmlReadMemory (p, (int) (end - p + 6), "chart.svg", "UTF-8", XML_PARSE_NONET);
      cr_assert_not_null (svg, "chart %u does not parse", n_svg);
      label = xmlGetProp (xmlDocGetRootElement (svg), BAD_CAST "aria-label");
      cr_assert_not_null (label);
      xmlFree (label);
      xmlFreeDoc (svg);
      n_svg++;
    }
  /* connected: comparison, trust's local authorities, evidence; inclusive:
   * comparison, evidence; equitable: prospects' local authorities */
  cr_assert_eq (n_svg, 6);

  /* self-contained: no script, nothing fetched */
  cr_assert_null (strstr (html, "<script"));
  cr_assert_null (strstr (html, "src="));
  cr_assert_null (strstr (html, "href=\"http"));
  cr_assert_null (strstr (html, "@import"));
  assert_contains (html, "<title>Evaluation summary: test</title>");
  assert_contains (html, "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"");
  assert_contains (html, "@media print");
  assert_contains (html, "aria-label=\"Connected: WMCA beside England, % of adults. Trust in neighbours: "
                         "WMCA (figure 1 of 2) 37%; WMCA (figure 2 of 2) 29%; England 41%.");
  assert_contains (html, "<span class=\"value\">37%</span><span class=\"place\">WMCA</span>"
                         "<span class=\"compared behind\">4 points behind England (41%)</span>");
  assert_contains (html, "<strong>Conflicting figures.</strong>");
  assert_contains (html, "<th scope=\"row\">Know support</th><td class=\"n\">4</td><td class=\"n\">3</td>"
                         "<td class=\"n\">2</td><td class=\"n\">2</td><td>Walsall 2, Sandwell 1, not recorded 1</td>");
  assert_contains (html, "<blockquote><p>“" B1 "”</p></blockquote><figcaption>— Resident, Sandwell</figcaption>");
  assert_contains (html, "Take part: no coded evidence");
  assert_contains (html, "The numbers and the voices");
}

Test (summary_output, markdown_for_a_grant_report)
{
  g_autoptr(KithProject) project = fixture (NULL);
  g_autoptr(KithSummary) summary = kt_summarise (project, NULL);
  g_autofree char *md = kith_summary_to_markdown (summary);

  cr_assert (g_str_has_prefix (md, "# Evaluation summary: test\n"), "%s", md);
  assert_contains (md, "**Evidence base:** 7 coded extracts from 4 documents and 2 residents.");
  assert_contains (md, "| Walsall | 3 | 1 | 1 |\n| Sandwell | 2 | 1 | 1 |\n| Dudley | 1 | 1 | 0 |\n"
                       "| not recorded | 1 | 1 | 0 |\n");
  assert_contains (md, "## Connected\n\nEvidence for this goal: 6 coded extracts from 4 documents and 2 residents, "
                       "in 3 places.\n\n### Key barometer: Trust in neighbours\n\n*% of adults, 2023/24*\n\n"
                       "- **WMCA: 37%**, 4 points behind England (41%). Source: DCMS; summary; fixture.tsv line 3.\n"
                       "- **WMCA: 29%**, 12 points behind England (41%). Source: DCMS; body text; fixture.tsv line 4.\n"
                       "- **Conflicting figures.** The sources give 2 figures for WMCA that disagree; all are shown "
                       "with where each is stated, and none is preferred.\n"
                       "- **England: 41%**. Source: DCMS; section 2; fixture.tsv line 5.\n"
                       "- Local authorities: lowest Wolverhampton 22%, highest Solihull 43% (2 local authorities with a figure).\n"
                       "- Evidence coded with the linked code “Local/Neighbours”: 2 coded extracts from 2 documents and 2 residents.\n");
  assert_contains (md, "| Chatting to neighbours (% of adults, 2023/24) | no figure stated | – | "
                       "the source names this barometer but gives no figure | – | DCMS |\n");
  assert_contains (md, "| Green spaces (% of adults, 2023/24) | 65% | 65% | level with England (65%) | – | "
                       "DCMS; fixture.tsv line 10 |\n");
  assert_contains (md, "| Think | Know support | 4 | 3 | 2 | 2 | Walsall 2, Sandwell 1, not recorded 1 |\n");
  assert_contains (md, "> “" B1 "”\n> — Resident, Sandwell\n");
  assert_contains (md, "### Evidence gaps\n\nOutcomes with fewer than 2 coded extracts:\n\n- Do: Take part: no coded evidence\n");
  assert_contains (md, "- Feel: Belonging: 1 coded extract only\n");
  assert_contains (md, "### Key barometer: Promising prospects\n\n"
                       "*Social Mobility Commission group: 1 least to 5 most favourable, 2024*\n\n"
                       "- Not compared: no figure for WMCA in 2024.\n");
  assert_contains (md, "| Library visits (count, 2024) | 1,234 | 99,999 | "
                       "counts are not compared between places of different sizes |");
  cr_assert_null (strstr (md, "Parking"), "an unrelated code's passage is not evidence");
}

Test (summary_output, csv_long_table)
{
  g_autoptr(KithProject) project = fixture (NULL);
  g_autoptr(KithSummary) summary = kt_summarise (project, NULL);
  g_autofree char *csv = kith_summary_to_csv (summary);
  g_autoptr(KithCsvReader) reader = kith_csv_reader_new (csv, strlen (csv), ',', TRUE);
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) header = NULL;
  GStrv fields = NULL;
  guint n = 0;

  cr_assert (kith_csv_reader_next (reader, &header, NULL, NULL));
  cr_assert_eq (g_strv_length (header), 10);
  cr_assert_str_eq (header[0], "section");
  cr_assert_str_eq (header[9], "detail");
  /* section|goal|item|geography|measure → value */
  while (kith_csv_reader_next (reader, &fields, NULL, NULL))
    {
      cr_assert_eq (g_strv_length (fields), 10, "row %u", n);
      g_hash_table_insert (rows, g_strdup_printf ("%s|%s|%s|%s|%s", fields[0], fields[1], fields[2], fields[4], fields[6]),
                           g_strdup_printf ("%s|%s", fields[7], fields[9]));
      g_strfreev (fields);
      n++;
    }
#define ROW(key, expected) cr_assert_str_eq (g_hash_table_lookup (rows, key) ?: "(missing)", expected, "%s", key)
  ROW ("evidence|connected|know-support||extracts", "4|Know support");
  ROW ("evidence|connected|know-support||documents", "3|Know support");
  ROW ("evidence|connected|know-support||people", "2|Know support");
  ROW ("evidence|connected|know-support|Walsall|extracts", "2|Know support");
  ROW ("evidence|connected|know-support|not recorded|people", "0|Know support");
  ROW ("evidence_gap|connected|take-part||extracts", "0|Take part: fewer than 2 coded extracts");
  ROW ("comparison|connected|green|WMCA|percentage_points", "0|level with England (65%)");
  ROW ("comparison|connected|chat|WMCA|", "|the source names this barometer but gives no figure");
  ROW ("figure|connected|trust|England|percent", "41|key barometer; comparator");
  ROW ("figure|connected|trust|Solihull|percent", "43|key barometer; local authority");
  ROW ("figure|equitable|prospects|Sandwell|smc_group", "1|key barometer; local authority");
  ROW ("linked_evidence|connected|trust||extracts", "2|Local/Neighbours");
  ROW ("total||all outcomes|Walsall|extracts", "3|every goal shown");
  ROW ("total|connected|all outcomes||people", "2|Connected");
  ROW ("total|connected|all outcomes||places", "3|Connected");
  ROW ("evidence|connected|know-support||places", "2|Know support");
  ROW ("quote|connected|know-support|Sandwell|quote", B1 "|coding 3");
#undef ROW
  /* both disagreeing figures are there, with their gaps */
  assert_contains (csv, "figure,connected,trust,,WMCA,2023/24,percent,37,DCMS; summary; fixture.tsv line 3,"
                        "key barometer; area; conflict\r\n");
  assert_contains (csv, "figure,connected,trust,,WMCA,2023/24,percent,29,DCMS; body text; fixture.tsv line 4,"
                        "key barometer; area; conflict\r\n");
  assert_contains (csv, "comparison,connected,trust,,WMCA,2023/24,percentage_points,-4,fixture.tsv line 3 against England,"
                        "4 points behind England (41%)\r\n");
  assert_contains (csv, "comparison,connected,trust,,WMCA,2023/24,percentage_points,-12,");
}

/* ---- kith-cli summary ------------------------------------------------------------------------- */

Test (summary_cli, formats_files_and_errors)
{
  g_autofree char *path = NULL;
  g_autoptr(KithProject) project = fixture (&path);
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *html = g_build_filename (dir, "summary.html", NULL);
  g_autofree char *md = NULL, *csv = NULL, *err = NULL, *err2 = NULL, *written = NULL, *single = NULL;
  GStatBuf st;

  g_clear_object (&project);
  cr_assert_eq (kt_cli (&md, &err, "summary", path, "--format", "md", NULL), 0, "%s", err);
  g_clear_pointer (&err, g_free);
  assert_contains (md, "## Connected\n");
  assert_contains (md, "## inclusive\n");
  cr_assert_eq (kt_cli (&csv, NULL, "summary", path, "--format", "csv", "--thin", "3", NULL), 0);
  assert_contains (csv, "evidence_gap,connected,heard,feel,,,extracts,2,codings,Heard: fewer than 3 coded extracts\r\n");
  cr_assert_eq (kt_cli (NULL, &err, "summary", path, "--format", "html", "-o", html, NULL), 0);
  assert_contains (err, "wrote the summary of 3 goals to");
  cr_assert_eq (g_stat (html, &st), 0);
  cr_assert_eq (st.st_mode & 0777, 0600, "the summary holds quotes: owner only");
  written = kt_read_file (html, NULL);
  assert_contains (written, "</html>\n");
  cr_assert_eq (kt_cli (&single, NULL, "summary", path, "--format", "md", "--goal", "inclusive",
                        "--geography", "Sandwell", "--attribution", "speaker", "--quotes", "1", NULL), 0);
  assert_contains (single, "## inclusive\n");
  cr_assert_null (strstr (single, "## Connected"));
  assert_contains (single, "> “" B2 "”\n> — Ben\n");
  assert_contains (single, "Coded evidence from Sandwell only");

  cr_assert_eq (kt_cli (NULL, &err2, "summary", path, "--format", "md", "--goal", "prosperous", NULL), 1);
  assert_contains (err2, "no barometer or code has the goal “prosperous”");
  cr_assert_eq (kt_cli (NULL, NULL, "summary", path, NULL), 2, "--format is needed");
  cr_assert_eq (kt_cli (NULL, NULL, "summary", path, "--format", "pdf", NULL), 2);
  cr_assert_eq (kt_cli (NULL, NULL, "summary", path, "--format", "md", "--thin", "-1", NULL), 2);
  cr_assert_eq (kt_cli (NULL, NULL, "summary", path, "--format", "md", "--attribution", "name", NULL), 2);
  cr_assert_eq (kt_cli (NULL, NULL, "summary", path, "--format", "md", "--quotes", "many", NULL), 2);
  cr_assert_eq (kt_cli (NULL, NULL, "summary", path, "--format", "md", "--quote-length", "5", NULL), 2);
}

/* The README's sample project: every goal with its key barometer, and the
 * evidence coded in the samples. */
Test (summary_cli, the_sample_project)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *project = g_build_filename (dir, "samples.kith", NULL);
  g_autofree char *baseline = kt_sample ("barometers-inclusive-communities.tsv");
  g_autofree char *md = NULL, *hits = NULL;
  const char *codes[][4] = {
    { "A socially connected region", "connected", NULL, NULL },
    { "A socially connected region/Think/Know what local support is available", "connected", "think", "know-support" },
    { "A supportive region", "supportive", NULL, NULL },
    { "A supportive region/Feel/Welcomed and accepted in community spaces", "supportive", "feel", "welcomed-in-spaces" },
    { "An inclusive region", "inclusive", NULL, NULL },
    { "An inclusive region/Feel/A sense of belonging", "inclusive", "feel", "belonging" },
    { "An equitable region", "equitable", NULL, NULL },
    { "An equitable region/Do/Access housing and work", "equitable", "do", "access-housing-jobs" },
  };
  const char *passages[][3] = {
    { "interview-01-smethwick.txt", "I didn’t know where to go for help", "A socially connected region/Think/Know what local support is available" },
    { "interview-01-smethwick.txt", "I feel welcome there", "A supportive region/Feel/Welcomed and accepted in community spaces" },
    { "interview-03-coventry.txt", "أشعر أن هذا بيتي الآن.", "An inclusive region/Feel/A sense of belonging" },
    { "interview-03-coventry.txt", "here my papers count for nothing", "An equitable region/Do/Access housing and work" },
  };

  cr_assert_eq (kt_cli (NULL, NULL, "init", project, NULL), 0);
  cr_assert_eq (kt_cli (NULL, NULL, "import", project, KITH_SAMPLES_DIR, NULL), 0);
  cr_assert_eq (kt_cli (NULL, NULL, "barometers", "import", project, baseline, NULL), 0);
  for (gsize i = 0; i < G_N_ELEMENTS (codes); i++)
    {
      cr_assert_eq (kt_cli (NULL, NULL, "codes", "add", project, codes[i][0], NULL), 0, "%s", codes[i][0]);
      if (codes[i][2] != NULL)
        cr_assert_eq (kt_cli (NULL, NULL, "codes", "framework", project, codes[i][0], "--goal", codes[i][1],
                              "--dimension", codes[i][2], "--outcome", codes[i][3], NULL), 0);
      else
        cr_assert_eq (kt_cli (NULL, NULL, "codes", "framework", project, codes[i][0], "--goal", codes[i][1], NULL), 0);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (passages); i++)
    {
      g_auto(GStrv) hit = NULL;
      g_free (hits);
      cr_assert_eq (kt_cli (&hits, NULL, "find", project, passages[i][1], "--doc", passages[i][0], NULL), 0);
      hit = g_strsplit (hits, "\t", 5);
      cr_assert_eq (g_strv_length (hit), 5, "%s", hits);
      cr_assert_eq (kt_cli (NULL, NULL, "code", project, hit[0], hit[2], hit[3], passages[i][2], NULL), 0);
    }
  cr_assert_eq (kt_cli (&md, NULL, "summary", project, "--format", "md", NULL), 0);
  assert_contains (md, "## A socially connected region\n\nEvidence for this goal: 1 coded extract from 1 document "
                       "and 1 resident, no place recorded.\n\n### Key barometer: Extent of agreement that people in the "
                       "neighbourhood can be trusted\n");
  assert_contains (md, "- **WMCA: 37%**, 4 points behind England (41%).");
  assert_contains (md, "- **WMCA: 29%**, 12 points behind England (41%).");
  assert_contains (md, "## A supportive region\n\nEvidence for this goal: ");
  assert_contains (md, "\n\n### Key barometer: Attractiveness of local area\n");
  assert_contains (md, "- **WMCA: 41%**, 16 points behind England (57%).");
  assert_contains (md, "## An inclusive region\n\nEvidence for this goal: ");
  assert_contains (md, "\n\n### Key barometer: Strength of feelings of belonging to immediate neighbourhood\n");
  assert_contains (md, "- **WMCA: 60%**, 1 point behind England (61%).");
  assert_contains (md, "## An equitable region\n\nEvidence for this goal: ");
  assert_contains (md, "\n\n### Key barometer: Promising prospects index\n");
  assert_contains (md, "- Local authorities: group 3 of 5 (middle): Birmingham, Coventry, Dudley, Sandwell, "
                       "Solihull, Walsall, Wolverhampton (7 local authorities with a figure).");
  assert_contains (md, "> “I didn’t know where to go for help”\n> — Resident\n");
  assert_contains (md, "> “أشعر أن هذا بيتي الآن.”\n");
  assert_contains (md, "**Evidence base:** 4 coded extracts from 2 documents and 2 residents.");
}

/* ---- golden outputs of the sample project ------------------------------------------ */

/* The renderers' output of the sample project (data-samples/ with the
 * bundled codebook, its codings, cases and barometers), compared byte for
 * byte with tests/golden/. KITH_UPDATE_GOLDEN=1 writes them instead, for a
 * deliberate change (commit it on its own, saying what changed). */
static void
assert_golden (const char *name, const char *actual)
{
  g_autofree char *path = g_build_filename (g_getenv ("KITH_SOURCE_ROOT"), "tests", "golden", name, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (g_getenv ("KITH_UPDATE_GOLDEN"), "1") == 0)
    {
      cr_assert (g_file_set_contents (path, actual, -1, &error), "%s", error ? error->message : "");
      return;
    }
  cr_assert (g_file_get_contents (path, &expected, NULL, &error), "%s", error ? error->message : "");
  if (!g_str_equal (expected, actual))
    {
      gsize at = 0;
      while (expected[at] != '\0' && expected[at] == actual[at])
        at++;
      cr_assert_fail ("%s differs from byte %" G_GSIZE_FORMAT ":\nexpected: %.120s\nactual:   %.120s", name, at,
                      expected + at, actual + at);
    }
}

static KithSummary *
sample_summary (KithProject *project, const KithSummaryOptions *options)
{
  KithSummary *summary = kt_summarise (project, options);

  /* the date is the one thing that changes from run to run */
  g_free (summary->generated);
  summary->generated = g_strdup ("2026-01-31");
  return summary;
}

/* The three renderings of one summary against STEM.md, .html and .csv. */
static void
assert_goldens (KithProject *project, const KithSummaryOptions *options, const char *stem)
{
  g_autoptr(KithSummary) summary = sample_summary (project, options);
  char *(*const render[]) (const KithSummary *) = { kith_summary_to_markdown, kith_summary_to_html, kith_summary_to_csv };
  const char *const extensions[] = { "md", "html", "csv" };

  for (gsize i = 0; i < G_N_ELEMENTS (render); i++)
    {
      g_autofree char *text = render[i] (summary);
      g_autofree char *name = g_strdup_printf ("%s.%s", stem, extensions[i]);
      assert_golden (name, text);
    }
}

Test (summary_output, golden_sample_project, .timeout = 240)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "samples.kith", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithProject) project = NULL;
  KithSummaryOptions options;

  g_setenv ("KITH_SAMPLES_DIR", KITH_SAMPLES_DIR, TRUE);
  cr_assert (kith_sample_project_create (path, &error), "%s", error ? error->message : "");
  project = kith_project_open (path, KITH_OPEN_DEFAULT, &error);
  cr_assert_not_null (project, "%s", error ? error->message : "");
  assert_goldens (project, NULL, "summary-sample");
  kith_summary_options_init (&options);
  options.goal = "inclusive";
  options.geography = "Birmingham";
  options.attribution = KITH_ATTRIBUTION_SPEAKER;
  options.quotes = 2;
  assert_goldens (project, &options, "summary-sample-inclusive-birmingham");
}
