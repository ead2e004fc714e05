/* test-speakers.c — speaker turns only where there is dialogue: reports,
 * notes and lists get none, transcripts every one, exactly; the document
 * kind guessed on import; a DOCX header table's roles */
#include "kith-config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "kith-codes.h"
#include "kith-documents.h"
#include "kith-import.h"
#include "kith-review.h"
#include "kith-rule-store.h"
#include "kith-suggest.h"
#include "kith-test-util.h"
#include "kith-text-builder.h"
#include "kith-turns.h"

/* ---- helpers --------------------------------------------------------------- */

static char *
fixture (const char *name, const char *text)
{
  g_autofree char *dir = kt_tmpdir ();
  char *path = g_build_filename (dir, name, NULL);

  if (text != NULL)
    kt_write_file (path, text, -1);
  return path;
}

static KithImportResult *
import_as (KithProject *project, const char *path, const char *kind)
{
  KithImportOptions options;
  KithImportResult *r;

  kith_import_options_init (&options);
  options.kind = kind;
  r = kith_import_file (project, path, &options);
  cr_assert_eq (r->status, KITH_IMPORT_IMPORTED, "%s: %s", path, r->message);
  return r;
}

/* The speakers of the turns in @text, joined by “|”. */
static char *
speakers_of (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) turns = NULL;
  g_autofree char *out = kith_canonicalize_text (text, -1, KITH_REFLOW_NEVER, &turns, &error);
  g_autoptr(GString) names = g_string_new (NULL);

  cr_assert_not_null (out, "%s", error ? error->message : "");
  for (guint i = 0; i < turns->len; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? "|" : "", ((KithTurn *) g_ptr_array_index (turns, i))->speaker);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

typedef struct
{
  const char *speaker;
  const char *line;    /* the turn's first line, label included */
  const char *words;   /* where its speech starts */
  const char *last;    /* the end of its text */
} ExpectedTurn;

static void
assert_turns (KithProject *project, gint64 id, const ExpectedTurn *expected, guint n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) turns = kith_documents_list_turns (project, id, &error);
  g_autofree char *text = kt_document_text (project, id);

  cr_assert_eq (turns->len, n, "%u turns, expected %u", turns->len, n);
  for (guint i = 0; i < n; i++)
    {
      KithTurn *t = g_ptr_array_index (turns, i);
      gint64 last = kt_offset_of (text, expected[i].last) + g_utf8_strlen (expected[i].last, -1);

      cr_assert_str_eq (t->speaker, expected[i].speaker, "turn %u", i);
      cr_assert_eq (t->start, kt_offset_of (text, expected[i].line), "turn %u start", i);
      cr_assert_eq (t->speech_start, kt_offset_of (text, expected[i].words), "turn %u speech", i);
      cr_assert_eq (t->end, last, "turn %u ends at %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT, i, t->end, last);
      cr_assert_eq (t->timestamp_ms, -1, "turn %u timestamp", i);
    }
}

/* ---- reports ------------------------------------------------------------- */

/* A prospectus in the shape of real ones: headings with colons, numbered
 * priorities, ambitions and asks that alternate like two speakers, a
 * “Label: value” box, a heading alone on its line before a list. */
static const char *const prospectus =
  "Black Country Together: a prospectus for community recovery\n"
  "\n"
  "This prospectus sets out what residents of Dudley, Sandwell, Walsall and Wolverhampton told the "
  "partnership during the winter listening exercise, and what the partnership will ask of funders in "
  "return. More than 900 residents took part, in community centres, libraries, places of worship and "
  "on the doorstep, and their words shape every priority below.\n"
  "\n"
  "Six citizen priorities:\n"
  "\n"
  "Our ambitions:\n"
  "\n"
  "- Every resident within a short walk of a warm, welcoming place\n"
  "- Advice before debt becomes a crisis\n"
  "\n"
  "Priority 1: Connected Neighbourhoods\n"
  "\n"
  "Residents in Tipton and Wednesbury described streets where neighbours no longer know each other's "
  "names. Many said that the closure of the youth club and the reduced library hours had taken away the "
  "places where people used to meet, and older residents in particular said they could go days without "
  "speaking to anyone.\n"
  "\n"
  "Ambition: Every neighbourhood has a community hub within a ten-minute walk, run with residents.\n"
  "\n"
  "Ask: Three-year funding for twelve hubs across the four boroughs, with a small grants pot.\n"
  "\n"
  "Great practice: Lye Community Centre\n"
  "\n"
  "The weekly drop-in at Lye Community Centre has grown from a handful of regulars to more than sixty "
  "people a week, most of whom heard about it from a friend. Volunteers who were once users of the "
  "centre now run the tea bar, the homework club and the benefits surgery, and the centre's trustees "
  "are all local residents.\n"
  "\n"
  "Priority 2: Healthy Lives\n"
  "\n"
  "Access to a GP was the concern raised most often in Bilston and Darlaston. Residents told us that "
  "phoning at eight in the morning was the only way to get an appointment, and that people without a "
  "smartphone or credit on their phone were the last to be seen. Several carers said that they put off "
  "their own health because they could not leave the person they care for.\n"
  "\n"
  "Ambition: Nobody waits more than a week to see someone about their health.\n"
  "\n"
  "Ask: A pilot of walk-in health checks in four community hubs.\n"
  "\n"
  "Digital inclusion\n"
  "\n"
  "The pandemic showed how many households in Smethwick and Oldbury have no device other than a "
  "phone, and no data to spare. Libraries lent laptops and volunteers taught people to use them, but "
  "the loans ended with the emergency funding and many residents are again cut off from services that "
  "have moved online.\n"
  "\n"
  "Priority 3: Good Work\n"
  "\n"
  "Ambition: Every young person leaving school in the Black Country has a route into work or training.\n"
  "\n"
  "Ask: Funding for forty paid placements with local employers each year.\n"
  "\n"
  "Goal:\n"
  "\n"
  "Halve the number of young people not in education, employment or training by 2030.\n"
  "\n"
  "Section 4: Delivery\n"
  "\n"
  "Venue: Tipton Library\n"
  "Date: Saturday 5 April 2025\n"
  "Contact: Halima Begum\n"
  "\n"
  "Theme 1: Safety\n"
  "Theme 2: Trust\n"
  "\n"
  "What the Citizens' Panel said:\n"
  "\n"
  "Panel members asked that the partnership report back to the people who took part, in plain English "
  "and in the community languages of the Black Country, and that residents sit on the board that "
  "decides how the money is spent. The partnership has agreed to both, and the first report back will "
  "be published in the autumn.\n";

Test (speakers, report_has_no_turns_and_is_a_report)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *path = fixture ("black-country-prospectus.txt", prospectus);
  g_autoptr(KithImportResult) r = import_as (project, path, NULL);

  cr_assert_str_eq (r->kind, "report");
  cr_assert_eq (r->n_turns, 0, "%u turns in a report", r->n_turns);
  cr_assert_eq (r->n_speakers, 0);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM turns"), 0);
}

Test (speakers, report_without_blank_lines_is_a_report)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autofree char *path = NULL;
  g_autoptr(KithImportResult) r = NULL;

  g_auto(GStrv) paragraphs = g_strsplit (prospectus, "\n", -1);

  /* the prose alone, a paragraph a line, no blank line between: text saved
   * from a word processor */
  guint n = 0;

  for (guint i = 0; paragraphs[i] != NULL; i++)
    if (strlen (paragraphs[i]) > 200)
      {
        g_string_append_printf (lines, "%s\n", paragraphs[i]);
        n++;
      }
  cr_assert_eq (n, 6);
  path = fixture ("prospectus-lines.txt", lines->str);
  r = import_as (project, path, NULL);
  cr_assert_str_eq (r->kind, "report");
  cr_assert_eq (r->n_turns, 0, "%u turns", r->n_turns);
}

Test (speakers, report_said_to_be_a_transcript_keeps_no_headings)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *path = fixture ("prospectus-as-transcript.txt", prospectus);
  g_autoptr(KithImportResult) r = import_as (project, path, "transcript");

  /* the user's word stands for the kind; the numbered priorities, the
   * themes, the value box and the heading alone on its line are still not
   * speech, and Ambition and Ask do take turns */
  cr_assert_str_eq (r->kind, "transcript");
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM turns WHERE speaker NOT IN ('Ambition', 'Ask')"), 0);
  cr_assert_eq (r->n_turns, 6);
}

/* Every real report beside the project (../shared/real) imports with no
 * speaker turn, as a report. */
Test (speakers, real_reports_have_no_turns)
{
  const char *dir = g_getenv ("KITH_REAL_DIR");
  g_autoptr(GDir) real = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n = 0;

  cr_assert_not_null (dir, "KITH_REAL_DIR is not set");
  real = g_dir_open (dir, 0, &error);
  cr_assert_not_null (real, "the real reports: %s", error ? error->message : "");
  while ((name = g_dir_read_name (real)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(KithProject) project = NULL;
      g_autoptr(KithImportResult) r = NULL;

      if (!g_str_has_suffix (name, ".txt") || g_str_equal (name, "README.md"))
        continue;
      project = kt_new_project (NULL);
      r = import_as (project, path, NULL);
      cr_assert_eq (r->n_turns, 0, "%s: %u turns by %u speakers", name, r->n_turns, r->n_speakers);
      cr_assert_str_eq (r->kind, "report", "%s", name);
      n++;
    }
  cr_assert_geq (n, 2, "only %u real reports in %s", n, dir);
}

/* ---- transcripts --------------------------------------------------------- */

static const char *const bilston =
  "Peer research interview 07 — Bilston, Wolverhampton\n"
  "Interviewer: Hannah Mensah (peer researcher)\n"
  "Participant: Gurpreet Sahota, 52, school cook\n"
  "Recorded at Bilston Town Hall, 9 April 2025\n"
  "Note: the participant's daughter joined for part of the interview.\n"
  "\n"
  "Hannah: Thank you for talking to me. How long have you lived in Bilston?\n"
  "Gurpreet: Since 1998. We came from Handsworth when my husband got the job at the depot.\n"
  "Hannah: What do you like about it here?\n"
  "Gurpreet: The market, and the gurdwara on Willenhall Road. People know you.\n"
  "\n"
  "When my husband was ill, the sangat brought food every day for a month.\n"
  "Hannah: Is there anything that makes life harder?\n"
  "Simran: Can I say something? The buses after six are hopeless.\n"
  "Gurpreet: She is right. I stopped going to the evening class because of the bus.\n"
  "Hannah: Do you feel listened to by the council?\n"
  "Gurpreet: No. We wrote about the street lights twice and nobody answered.\n"
  "Hannah: Thank you, Gurpreet.\n";

Test (speakers, transcript_keeps_every_turn_exactly)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *path = fixture ("interview-07-bilston.txt", bilston);
  g_autoptr(KithImportResult) r = import_as (project, path, NULL);
  const ExpectedTurn expected[] = {
    { "Hannah", "Hannah: Thank you for", "Thank you for", "lived in Bilston?" },
    { "Gurpreet", "Gurpreet: Since 1998", "Since 1998", "job at the depot." },
    { "Hannah", "Hannah: What do you like", "What do you like", "about it here?" },
    /* a turn of two paragraphs */
    { "Gurpreet", "Gurpreet: The market", "The market", "every day for a month." },
    { "Hannah", "Hannah: Is there", "Is there", "makes life harder?" },
    /* the daughter speaks once, inside the conversation */
    { "Simran", "Simran: Can I", "Can I", "after six are hopeless." },
    { "Gurpreet", "Gurpreet: She is right", "She is right", "because of the bus." },
    { "Hannah", "Hannah: Do you feel", "Do you feel", "by the council?" },
    { "Gurpreet", "Gurpreet: No.", "No.", "nobody answered." },
    { "Hannah", "Hannah: Thank you, Gurpreet.", "Thank you, Gurpreet.", "Thank you, Gurpreet." },
  };

  cr_assert_str_eq (r->kind, "transcript");
  cr_assert_eq (r->n_speakers, 3);
  assert_turns (project, r->document_id, expected, G_N_ELEMENTS (expected));
}

Test (speakers, import_report_line_keeps_its_format)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *project = g_build_filename (dir, "bilston.kith", NULL);
  g_autofree char *path = fixture ("interview-07-bilston.txt", bilston);
  g_autofree char *report_path = fixture ("black-country-prospectus.txt", prospectus);
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *expected_report = NULL;

  cr_assert_eq (kt_cli (NULL, NULL, "init", project, NULL), 0);
  cr_assert_eq (kt_cli (&out, NULL, "import", project, path, report_path, NULL), 0);
  expected = g_strdup_printf ("imported\t%s\tdocument 1, transcript, %ld characters, UTF-8, 10 turns by 3 speakers\n",
                              path, g_utf8_strlen (bilston, -1));
  expected_report = g_strdup_printf ("imported\t%s\tdocument 2, report, %ld characters, UTF-8\n",
                                     report_path, g_utf8_strlen (prospectus, -1));
  cr_assert (strstr (out, expected) != NULL, "“%s” lacks “%s”", out, expected);
  cr_assert (strstr (out, expected_report) != NULL, "“%s” lacks “%s”", out, expected_report);
}

Test (speakers, dialogue_shapes)
{
  g_autofree char *numbered = speakers_of ("Participant 1: I go to the mosque on Fridays.\n"
                                           "Participant 2: I don't go anywhere much.\n"
                                           "Participant 1: You should come to the lunch club.\n"
                                           "Participant 2: Maybe I will.\n");
  /* DOCX-style: the label a paragraph of its own, the words the next one */
  g_autofree char *label_paragraphs = speakers_of ("Sunita:\n\nHow long have you lived in Bloxwich?\n\n"
                                                   "Marcus:\n\nAll my life.\n\n"
                                                   "Sunita:\n\nAnd now?\n\n"
                                                   "Marcus:\n\nI volunteer at the food bank.\n");
  g_autofree char *urdu = speakers_of ("فرح: آپ کہاں رہتی ہیں؟\n"
                                       "نسرین: الم راک میں۔\n"
                                       "فرح: کتنے سال سے؟\n"
                                       "نسرین: بیس سال سے۔\n");
  g_autofree char *values = speakers_of ("Venue: Tipton Library\nDate: Saturday 5 April\n\n"
                                         "Venue: Wednesbury Town Hall\nDate: Saturday 12 April\n\n"
                                         "Venue: Darlaston Pool\nDate: Saturday 19 April\n");
  g_autofree char *grouped = speakers_of ("Need: ESOL classes in the evening for mothers at the mosque.\n"
                                          "Need: A safe place for teenagers to go after school.\n"
                                          "Need: Someone to help with benefit forms in Punjabi.\n"
                                          "Offer: The gurdwara can host a weekly advice session.\n"
                                          "Offer: Two retired teachers will run homework club.\n");
  g_autofree char *headings = speakers_of ("Ambitions:\n\n- A hub in every ward\n- Advice before debt\n\n"
                                           "Asks:\n\n- Funding for hubs\n\n"
                                           "Ambitions:\n\n- Jobs for young people\n\n"
                                           "Asks:\n\n- Paid placements\n");

  g_autofree char *recommendations = speakers_of (
    "Summary of recommendations\n\n"
    "Recommendation 1: Fund twelve community hubs across the Black Country.\n"
    "Recommendation 2: Pilot walk-in health checks in Bilston and Darlaston.\n"
    "Recommendation 3: Offer forty paid placements with local employers a year.\n\n"
    "Recommendation 1: Fund twelve community hubs across the Black Country.\n\n"
    "Residents in Tipton told us that the places where people met have closed.\n\n"
    "Recommendation 2: Pilot walk-in health checks in Bilston and Darlaston.\n\n"
    "Phoning at eight in the morning is the only way to see a GP.\n\n"
    "Recommendation 3: Offer forty paid placements with local employers a year.\n\n"
    "Young people in Wednesbury said they had never been offered work experience.\n");
  g_autofree char *focus_group = speakers_of (
    "Facilitator: What do you like about Chelmsley Wood?\n"
    "Participant 2: The shopping centre, and the library.\n"
    "Participant 1: The woods. I walk the dog there every morning.\n"
    "Facilitator: Does anyone feel unsafe anywhere?\n"
    "Participant 3: The underpass by the station, at night.\n"
    "Participant 1: Yes, nobody goes through there after dark.\n"
    "Participant 2: I drive round instead.\n"
    "Facilitator: Thank you all.\n"
    "Participant 3: Thank you.\n");
  /* the facilitator asks each in turn */
  g_autofree char *round = speakers_of (
    "Facilitator: Let's go round. What brought you to the group?\n"
    "Participant 1: My daughter did, she was worried about me.\n"
    "Facilitator: And you?\n"
    "Participant 2: The leaflet at the surgery in Kingshurst.\n"
    "Facilitator: And you?\n"
    "Participant 3: I came with my neighbour.\n"
    "Facilitator: Would you come again?\n"
    "Participant 1: Yes, every week if I could.\n"
    "Facilitator: And the others?\n"
    "Participant 2: Yes.\n"
    "Participant 3: Me too, if the bus runs.\n");
  /* an answer of six paragraphs after a one-line question */
  g_autofree char *long_answers = speakers_of (
    "Grace: Tell me about the lunch club.\n\n"
    "Delroy: It started in the church hall on Cape Hill.\n\nThen it moved to the library.\n\n"
    "Now it is at the Sikh temple.\n\nThey feed anyone.\n\nI go every week.\n\nMy neighbour Harjit took me.\n\n"
    "Grace: And before that?\n\n"
    "Delroy: Before that I sat at home.\n\nFor months.\n\nI didn't know where to go.\n\n"
    "The doctor said I should get out.\n\nBut where?\n\nNobody told me.\n");

  cr_assert_str_eq (recommendations, "", "headings counting up one by one are headings, even when repeated");
  cr_assert_str_eq (focus_group, "Facilitator|Participant 2|Participant 1|Facilitator|Participant 3|"
                                 "Participant 1|Participant 2|Facilitator|Participant 3");
  cr_assert_str_eq (long_answers, "Grace|Delroy|Grace|Delroy");
  cr_assert_str_eq (round, "Facilitator|Participant 1|Facilitator|Participant 2|Facilitator|Participant 3|"
                           "Facilitator|Participant 1|Facilitator|Participant 2|Participant 3");
  cr_assert_str_eq (numbered, "Participant 1|Participant 2|Participant 1|Participant 2",
                    "numbered speakers who speak again are not a numbered series");
  cr_assert_str_eq (label_paragraphs, "Sunita|Marcus|Sunita|Marcus");
  cr_assert_str_eq (urdu, "فرح|نسرین|فرح|نسرین");
  cr_assert_str_eq (values, "", "a list of values is not dialogue");
  cr_assert_str_eq (grouped, "", "labels that follow themselves do not take turns");
  cr_assert_str_eq (headings, "", "labels alone before blank lines and lists are headings");
}

/* ---- lists in office documents ------------------------------------------- */

Test (speakers, odt_need_list_has_no_turns)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *path = fixture ("forum-tipton.odt", NULL);
  g_autoptr(KithImportResult) r = NULL;
  g_autofree char *text = NULL;

#define ITEM(t) "<text:list-item><text:p>" t "</text:p></text:list-item>"
  kt_write_odt (path,
    "<text:h text:outline-level=\"1\">Community forum: Tipton</text:h>"
    "<text:p>Residents met at Tipton Library to say what the neighbourhood needs.</text:p>"
    "<text:list>"
    ITEM ("Need: ESOL classes in the evening, not only in the day.")
    ITEM ("Need: A youth club open on Fridays.")
    ITEM ("Need: Better lighting on the canal towpath.")
    ITEM ("Offer: The mosque will lend its hall on Saturdays.")
    ITEM ("Offer: Two residents will run a walking group.")
    "</text:list>"
    "<text:p>Venue: Tipton Library</text:p>"
    "<text:p>Next meeting: 3 May 2025</text:p>");
#undef ITEM
  r = import_as (project, path, NULL);
  text = kt_document_text (project, r->document_id);
  cr_assert (strstr (text, "\n\nNeed: ESOL classes in the evening, not only in the day.\n\nNeed: A youth club") != NULL,
             "%s", text);
  cr_assert_eq (r->n_turns, 0, "%u turns in a list", r->n_turns);
  cr_assert_str_eq (r->kind, "notes");
}

/* ---- a DOCX header table ------------------------------------------------- */

#define P(text) "<w:p><w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"
#define ROW(a, b) "<w:tr><w:tc><w:tcPr/>" P (a) "</w:tc><w:tc>" P (b) "</w:tc></w:tr>"

Test (speakers, docx_header_table_names_the_interviewer)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *path = fixture ("interview-08-wednesbury.docx", NULL);
  g_autoptr(KithImportResult) r = NULL;
  g_autoptr(GPtrArray) turns = NULL;
  g_autoptr(GPtrArray) roles = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  KithSuggestResult *result = NULL;
  g_auto(GStrv) skip = g_strsplit ("Interviewer", ";", -1);
  KithRuleDef def = { .code_path = (char *) "Feel/Safe", .pattern = (char *) "\\bfeel safe\\b",
                      .scope = KITH_SCOPE_MATCH, .skip_speakers = skip };
  KithTurnRole *role;

  kt_write_docx (path,
    P ("Peer research interview 08 — Wednesbury")
    "<w:tbl><w:tblPr/><w:tblGrid/>"
    ROW ("Interviewer", "Grace Obi (peer researcher)")
    ROW ("Participant", "Delroy Campbell")
    "</w:tbl>"
    P ("Grace: Do you feel safe in Wednesbury?")
    P ("Delroy: I feel safe on my road. The neighbours look out for me.")
    P ("Grace: And in the town centre?")
    P ("Delroy: Not after dark, no."), NULL);
  r = import_as (project, path, NULL);
  text = kt_document_text (project, r->document_id);
  cr_assert_str_eq (text, "Peer research interview 08 — Wednesbury\n\n"
                          "Interviewer\tGrace Obi (peer researcher)\n\n"
                          "Participant\tDelroy Campbell\n\n"
                          "Grace: Do you feel safe in Wednesbury?\n\n"
                          "Delroy: I feel safe on my road. The neighbours look out for me.\n\n"
                          "Grace: And in the town centre?\n\n"
                          "Delroy: Not after dark, no.\n");
  cr_assert_str_eq (r->kind, "transcript");
  cr_assert_eq (r->n_turns, 4);

  /* the header before the first turn names Grace as the interviewer */
  turns = kith_documents_list_turns (project, r->document_id, &error);
  cr_assert_eq (turns->len, 4);
  cr_assert_eq (((KithTurn *) g_ptr_array_index (turns, 0))->start, kt_offset_of (text, "Grace: Do you"));
  roles = kith_turns_header_roles (text, (gsize) (strstr (text, "Grace: Do you") - text));
  cr_assert_eq (roles->len, 2);
  role = g_ptr_array_index (roles, 0);
  cr_assert_str_eq (role->role, "Interviewer");
  cr_assert_str_eq (role->name, "Grace Obi");
  role = g_ptr_array_index (roles, 1);
  cr_assert_str_eq (role->role, "Participant");
  cr_assert_str_eq (role->name, "Delroy Campbell");

  /* so a rule that skips the interviewer finds only Delroy's words */
  cr_assert_neq (kith_codes_ensure_path (project, "Feel/Safe", &error), 0);
  cr_assert_neq (kith_rules_add (project, &def, NULL, &error), 0, "%s", error ? error->message : "");
  cr_assert (kith_suggest_run (project, NULL, NULL, NULL, NULL, NULL, &result, &error), "%s",
             error ? error->message : "");
  kith_suggest_result_free (result);
  list = kith_suggestions_list (project, 0, FALSE, NULL);
  cr_assert_eq (list->len, 1, "%u suggestions", list->len);
  cr_assert_eq (((KithSuggestion *) g_ptr_array_index (list, 0))->start, kt_offset_of (text, "feel safe on my road"));
}

Test (speakers, docx_table_in_the_body_stays_cell_by_cell)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *path = fixture ("visits.docx", NULL);
  g_autoptr(KithImportResult) r = NULL;
  g_autofree char *text = NULL;

  kt_write_docx (path,
    P ("Visits to the Darlaston hub") P ("Counted at the door by volunteers.") P ("Spring 2025")
    "<w:tbl>" ROW ("Ward", "Visitors") ROW ("Darlaston South", "42") "</w:tbl>", NULL);
  r = import_as (project, path, NULL);
  text = kt_document_text (project, r->document_id);
  cr_assert_str_eq (text, "Visits to the Darlaston hub\n\nCounted at the door by volunteers.\n\nSpring 2025\n\n"
                          "Ward\n\nVisitors\n\nDarlaston South\n\n42\n");
}
