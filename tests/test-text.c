/* test-text.c — canonical text: line ends, BOM, NUL, reflow, turns, offsets */
#include <criterion/criterion.h>
#include <string.h>

#include "kith-test-util.h"
#include "kith-text-builder.h"
#include "kith-turns.h"
#include "kith-utf8.h"

static char *
canon (const char *text, gssize len, KithReflowMode mode)
{
  g_autoptr(GError) error = NULL;
  char *out = kith_canonicalize_text (text, len, mode, NULL, &error);

  cr_assert_not_null (out, "canonicalising failed: %s", error ? error->message : "");
  return out;
}

/* Feeds @chunks one by one, as a decoder would. */
static char *
canon_chunks (const char *const *chunks, KithReflowMode mode)
{
  g_autoptr(KithTextBuilder) b = kith_text_builder_new (mode, KITH_SPEAKERS_REPEATED);
  g_autoptr(GError) error = NULL;
  KithSpool *spool;

  for (guint i = 0; chunks[i] != NULL; i++)
    cr_assert (kith_text_builder_append (b, chunks[i], strlen (chunks[i]), &error), "%s", error ? error->message : "");
  cr_assert (kith_text_builder_finish (b, &error), "%s", error ? error->message : "");
  spool = kith_text_builder_get_spool (b);
  return g_strndup (kith_spool_peek (spool), (gsize) kith_spool_get_size (spool));
}

/* ---- line ends, BOM, NUL -------------------------------------------------- */

Test (canonical, line_ends_become_lf)
{
  g_autofree char *out = canon ("a\r\nb\rc\n\r\nd\r", -1, KITH_REFLOW_NEVER);

  cr_assert_str_eq (out, "a\nb\nc\n\nd\n");
}

Test (canonical, cr_split_across_chunks)
{
  const char *crlf[] = { "one\r", "\ntwo", NULL };
  const char *lone[] = { "one\r", "two\r", "\r", "\nthree", NULL };
  g_autofree char *a = canon_chunks (crlf, KITH_REFLOW_NEVER);
  g_autofree char *b = canon_chunks (lone, KITH_REFLOW_NEVER);

  cr_assert_str_eq (a, "one\ntwo");
  cr_assert_str_eq (b, "one\ntwo\n\nthree");
}

Test (canonical, leading_bom_dropped_inner_kept)
{
  g_autofree char *out = canon ("\xEF\xBB\xBFHello\xEF\xBB\xBFthere", -1, KITH_REFLOW_NEVER);

  cr_assert_str_eq (out, "Hello\xEF\xBB\xBFthere");
}

Test (canonical, nul_is_refused_with_its_position)
{
  g_autoptr(GError) error = NULL;
  char *out = kith_canonicalize_text ("ab\r\nc\0d", 7, KITH_REFLOW_NEVER, NULL, &error);

  cr_assert_null (out);
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_BINARY));
  cr_assert (strstr (error->message, "NUL character (at character 4)") != NULL, "%s", error->message);
}

Test (canonical, blank_text_is_empty)
{
  g_autoptr(GError) error = NULL;
  char *out = kith_canonicalize_text ("\xEF\xBB\xBF \n\t\r\n", -1, KITH_REFLOW_AUTO, NULL, &error);

  cr_assert_null (out);
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_EMPTY), "%s", error ? error->message : "");
}

Test (canonical, multibyte_text_passes_unchanged)
{
  const char *text = "ਪੰਜਾਬੀ ਬੋਲੀ\nاردو زبان\nZażółć gęślą jaźń 😊\n";
  g_autofree char *out = canon (text, -1, KITH_REFLOW_AUTO);

  cr_assert_str_eq (out, text);
}

/* ---- reflow --------------------------------------------------------------- */

Test (reflow, hard_wrapped_paragraphs_join)
{
  const char *in =
    "The community centre in Bilston has been open since 1984, and for many\n"
    "residents it is the only place where they meet people outside their\n"
    "family. Volunteers run a lunch club on Tuesdays, a homework club for\n"
    "children after school, and an advice session with Citizens Advice\n"
    "once a month.\n"
    "\n"
    "Several older residents told us that the centre helped them to feel\n"
    "less lonely after a bereavement, and that the staff always had time\n"
    "for a chat.\n";
  const char *expected =
    "The community centre in Bilston has been open since 1984, and for many "
    "residents it is the only place where they meet people outside their "
    "family. Volunteers run a lunch club on Tuesdays, a homework club for "
    "children after school, and an advice session with Citizens Advice "
    "once a month.\n"
    "\n"
    "Several older residents told us that the centre helped them to feel "
    "less lonely after a bereavement, and that the staff always had time "
    "for a chat.\n";
  g_autofree char *out = canon (in, -1, KITH_REFLOW_AUTO);
  g_autofree char *kept = canon (in, -1, KITH_REFLOW_NEVER);

  cr_assert_str_eq (out, expected);
  cr_assert_str_eq (kept, in, "--no-reflow keeps every line break");
}

Test (reflow, hyphenation_across_lines)
{
  const char *in =
    "Our peer researchers spoke to forty residents about their sense of well-being\n"
    "in Tipton and Great Bridge. Many partici-\n"
    "pants said that their well-\n"
    "being depended on friends nearby, and on the Anglo-\n"
    "Saxon church hall where the lunch club meets every week during the year.\n"
    "Others described long waits for mental health ser-\n"
    "vices and a lack of information about what was on offer locally to them.\n";
  const char *expected =
    "Our peer researchers spoke to forty residents about their sense of well-being "
    "in Tipton and Great Bridge. Many participants said that their well-being "
    "depended on friends nearby, and on the Anglo-Saxon church hall where the lunch "
    "club meets every week during the year. Others described long waits for mental "
    "health services and a lack of information about what was on offer locally to them.\n";
  g_autofree char *out = canon (in, -1, KITH_REFLOW_AUTO);

  cr_assert_str_eq (out, expected);
}

Test (reflow, short_lines_are_not_wrapped)
{
  const char *poem = "Roses in the park\nBenches by the canal\nNobody sits there now\nExcept the pigeons\n";
  const char *paragraphs =
    "I have lived in Walsall for twelve years and I feel safe on my road, mostly because we all know each other by name.\n"
    "\n"
    "The council does not listen when we report things, so people have stopped reporting them at all.\n"
    "\n"
    "My daughter goes to the youth club on Fridays and it is the highlight of her week.\n";
  g_autofree char *a = canon (poem, -1, KITH_REFLOW_AUTO);
  g_autofree char *b = canon (paragraphs, -1, KITH_REFLOW_AUTO);

  cr_assert_str_eq (a, poem);
  cr_assert_str_eq (b, paragraphs);
}

Test (reflow, structure_is_kept_in_wrapped_markdown)
{
  const char *in =
    "# Notes from the Bloxwich session\n"
    "\n"
    "Residents talked at length about the closure of the library and what it\n"
    "meant for older people who used it to read the papers and keep warm in\n"
    "the winter months, and for children who used it after school.\n"
    "\n"
    "Others were more worried about the youth club, which lost its funding in\n"
    "the spring and now opens only one evening a week for a couple of hours.\n"
    "\n"
    "- Bus fares are too high for families with three or more children to\n"
    "  travel together at weekends.\n"
    "- The park is dark.\n"
    "1. Reopen the library.\n"
    "\n"
    "```\n"
    "raw survey export line one\n"
    "raw survey export line two\n"
    "```\n"
    "| area | votes |\n"
    "| Bloxwich | 12 |\n";
  const char *expected =
    "# Notes from the Bloxwich session\n"
    "\n"
    "Residents talked at length about the closure of the library and what it "
    "meant for older people who used it to read the papers and keep warm in "
    "the winter months, and for children who used it after school.\n"
    "\n"
    "Others were more worried about the youth club, which lost its funding in "
    "the spring and now opens only one evening a week for a couple of hours.\n"
    "\n"
    "- Bus fares are too high for families with three or more children to "
    "travel together at weekends.\n"
    "- The park is dark.\n"
    "1. Reopen the library.\n"
    "\n"
    "```\n"
    "raw survey export line one\n"
    "raw survey export line two\n"
    "```\n"
    "| area | votes |\n"
    "| Bloxwich | 12 |\n";
  g_autofree char *out = canon (in, -1, KITH_REFLOW_AUTO);

  cr_assert_str_eq (out, expected);
}

Test (reflow, analysis_reports_width)
{
  KithReflowPlan plan;
  const char *in =
    "The community centre in Bilston has been open since 1984, and for many\n"
    "residents it is the only place where they meet people outside their\n"
    "family. Volunteers run a lunch club on Tuesdays, a homework club for\n"
    "children after school, and an advice session with Citizens Advice\n"
    "once a month.\n";

  kith_reflow_plan_init (&plan);
  kith_reflow_plan_analyse (&plan, in, strlen (in));
  cr_assert (plan.hard_wrapped);
  cr_assert (plan.width >= 66 && plan.width <= 71, "width %d", plan.width);
  kith_reflow_plan_clear (&plan);
}

/* ---- turns ---------------------------------------------------------------- */

static GPtrArray *
turns_of (const char *text, char **out)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *turns = NULL;
  char *canonical = kith_canonicalize_text (text, -1, KITH_REFLOW_NEVER, &turns, &error);

  cr_assert_not_null (canonical, "%s", error ? error->message : "");
  if (out != NULL)
    *out = canonical;
  else
    g_free (canonical);
  return turns;
}

static gint64
char_offset (const char *text, const char *needle)
{
  const char *at = strstr (text, needle);

  cr_assert_not_null (at, "“%s” not in the text", needle);
  return g_utf8_pointer_to_offset (text, at);
}

static void
assert_turn (GPtrArray *turns, guint i, gint64 start, gint64 speech, gint64 end, const char *speaker, gint64 ts)
{
  KithTurn *t;

  cr_assert_lt (i, turns->len, "only %u turns", turns->len);
  t = g_ptr_array_index (turns, i);
  cr_assert_eq (t->start, start, "turn %u starts at %ld, not %ld", i, (long) t->start, (long) start);
  cr_assert_eq (t->speech_start, speech, "turn %u speech at %ld, not %ld", i, (long) t->speech_start, (long) speech);
  cr_assert_eq (t->end, end, "turn %u ends at %ld, not %ld", i, (long) t->end, (long) end);
  cr_assert_str_eq (t->speaker, speaker);
  cr_assert_eq (t->timestamp_ms, ts, "turn %u timestamp %ld", i, (long) t->timestamp_ms);
}

Test (turns, names_timestamps_and_offsets)
{
  const char *text =
    "Interview with a resident of Wednesbury\n"
    "Interviewer: Ruth Adeyemi\n"
    "\n"
    "[00:00:03] Ruth: Where do you go to meet people?\n"
    "[00:00:09] Kamal: The mosque, mostly.\n"
    "And the market on a Friday.\n"
    "\n"
    "[00:01:15.5] Ruth: Do you feel safe there?\n"
    "[01:20] Kamal: Yes.\n";
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) turns = turns_of (text, &out);
  gint64 r1 = char_offset (out, "[00:00:03]");
  gint64 k1 = char_offset (out, "[00:00:09]");
  gint64 r2 = char_offset (out, "[00:01:15.5]");
  gint64 k2 = char_offset (out, "[01:20]");

  cr_assert_eq (turns->len, 4, "the header line is not a turn (%u turns)", turns->len);
  assert_turn (turns, 0, r1, r1 + 17, k1 - 1, "Ruth", 3000);
  assert_turn (turns, 1, k1, k1 + 18, char_offset (out, "Friday.") + 7, "Kamal", 9000);
  assert_turn (turns, 2, r2, r2 + 19, k2 - 1, "Ruth", 75500);
  assert_turn (turns, 3, k2, k2 + 15, k2 + 19, "Kamal", 80000);
}

Test (turns, scripts_without_case)
{
  const char *text =
    "ਜਸਪ੍ਰੀਤ: ਮੈਂ ਇੱਥੇ ਸੁਰੱਖਿਅਤ ਹਾਂ।\n"
    "نسرین: یہاں سب ایک دوسرے کا خیال رکھتے ہیں۔\n"
    "ਜਸਪ੍ਰੀਤ: ਧੰਨਵਾਦ।\n"
    "نسرین: شکریہ\n";
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) turns = turns_of (text, &out);

  cr_assert_eq (turns->len, 4);
  assert_turn (turns, 0, 0, 9, char_offset (out, "\nنسرین"), "ਜਸਪ੍ਰੀਤ", -1);
  cr_assert_str_eq (((KithTurn *) g_ptr_array_index (turns, 1))->speaker, "نسرین");
  cr_assert_eq (((KithTurn *) g_ptr_array_index (turns, 3))->end, g_utf8_strlen (out, -1) - 1);
}

Test (turns, labels_that_are_not_speakers)
{
  const char *text =
    "Note: the recording failed for ten minutes.\n"
    "Theme 1: Safety in the park\n"
    "Residents spoke about lighting.\n"
    "Note: two residents left early.\n"
    "Theme 2: Trust in the council\n"
    "See: appendix B.\n";
  g_autoptr(GPtrArray) turns = turns_of (text, NULL);

  cr_assert_eq (turns->len, 0, "found %u turns", turns->len);
}

Test (turns, one_off_speaker_inside_a_conversation)
{
  const char *text =
    "Facilitator: Grace\n"
    "\n"
    "Grace: Welcome, everyone.\n"
    "Ahmed: Thank you.\n"
    "Grace: Let's begin.\n"
    "Olena: Sorry I'm late!\n"
    "Ahmed: No problem.\n";
  g_autoptr(GPtrArray) turns = turns_of (text, NULL);

  cr_assert_eq (turns->len, 5, "Olena speaks once but in the conversation; the header is not a turn");
  cr_assert_str_eq (((KithTurn *) g_ptr_array_index (turns, 3))->speaker, "Olena");
}

Test (turns, markdown_bold_names)
{
  const char *text = "**Interviewer:** How are you?\n**Mei:** Fine, thanks.\n**Interviewer:** Good.\n**Mei:** Yes.\n";
  g_autoptr(GPtrArray) turns = turns_of (text, NULL);

  cr_assert_eq (turns->len, 4);
  assert_turn (turns, 0, 0, 17, 29, "Interviewer", -1);
}

Test (turns, label_parser)
{
  KithTurnLabel label;

  cr_assert (kith_turn_label_parse ("Dr. Amir Khan: yes", 18, &label));
  cr_assert_str_eq (label.speaker, "Dr. Amir Khan");
  cr_assert_eq (label.label_chars, 15);
  kith_turn_label_clear (&label);
  cr_assert (kith_turn_label_parse ("Resident 3:", 11, &label));
  cr_assert_str_eq (label.speaker, "Resident 3");
  kith_turn_label_clear (&label);
  cr_assert (kith_turn_label_parse ("00:12:03 Priya: hello", 21, &label));
  cr_assert_eq (label.timestamp_ms, 723000);
  kith_turn_label_clear (&label);
  cr_assert_not (kith_turn_label_parse ("the thing is: nobody came", 25, &label), "lower case is not a name");
  cr_assert_not (kith_turn_label_parse ("10:30 start", 11, &label));
  cr_assert_not (kith_turn_label_parse ("https://example.org", 19, &label));
  cr_assert_not (kith_turn_label_parse ("One two three four five: too many words", 39, &label));
}

Test (turns, timestamps)
{
  cr_assert_eq (kith_turn_parse_timestamp ("00:12:03"), 723000);
  cr_assert_eq (kith_turn_parse_timestamp ("12:03"), 723000);
  cr_assert_eq (kith_turn_parse_timestamp ("1:02:03,25"), 3723250);
  cr_assert_eq (kith_turn_parse_timestamp ("00:00:01.007"), 1007);
  cr_assert_eq (kith_turn_parse_timestamp ("00:61:00"), -1);
  cr_assert_eq (kith_turn_parse_timestamp ("12"), -1);
  cr_assert_eq (kith_turn_parse_timestamp ("a:b"), -1);
  /* what the parser must still refuse, part by part */
  cr_assert_eq (kith_turn_parse_timestamp ("99:59:59.999"), 359999999);
  cr_assert_eq (kith_turn_parse_timestamp ("100:00"), -1);
  cr_assert_eq (kith_turn_parse_timestamp ("12:60"), -1);
  cr_assert_eq (kith_turn_parse_timestamp ("1:2:3:4"), -1);
  cr_assert_eq (kith_turn_parse_timestamp ("12::03"), -1);
  cr_assert_eq (kith_turn_parse_timestamp (":12"), -1);
  cr_assert_eq (kith_turn_parse_timestamp ("12:03:"), -1);
  cr_assert_eq (kith_turn_parse_timestamp ("12:03x"), -1);
  cr_assert_eq (kith_turn_parse_timestamp ("12:03."), -1);
  cr_assert_eq (kith_turn_parse_timestamp ("12:03.1234"), -1);
  cr_assert_eq (kith_turn_parse_timestamp ("1.5:02"), -1);
  cr_assert_eq (kith_turn_parse_timestamp ("+1:02"), -1);
  cr_assert_eq (kith_turn_parse_timestamp ("0012:03"), 723000);
  cr_assert_eq (kith_turn_parse_timestamp ("007:03"), 423000);
  cr_assert_eq (kith_turn_parse_timestamp (""), -1);
  cr_assert_eq (kith_turn_parse_timestamp (NULL), -1);
}

/* ---- code point offsets --------------------------------------------------- */

Test (offsets, index_matches_glib)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(KithTextIndex) index = NULL;
  const char *p;
  gint64 i = 0;

  /* long enough for many marks, mixing 1-, 2-, 3- and 4-byte characters */
  for (int k = 0; k < 3000; k++)
    g_string_append (text, "ab ż ਪੰ 😊 ی\n");
  index = kith_text_index_new (text->str, text->len);
  cr_assert_eq (kith_text_index_get_length (index), g_utf8_strlen (text->str, -1));
  for (p = text->str; *p != '\0'; p = g_utf8_next_char (p), i++)
    {
      if (i % 7 != 0)
        continue;
      cr_assert_eq (kith_text_index_byte_at (index, i), (gsize) (p - text->str));
      cr_assert_eq (kith_text_index_char_at (index, (gsize) (p - text->str)), i);
    }
  cr_assert_eq (kith_text_index_byte_at (index, i), text->len);
}

Test (offsets, count_across_block_edges)
{
  g_autoptr(GString) text = g_string_new (NULL);

  /* counted in blocks of 255 bytes: a character may straddle any edge */
  while (text->len < 2000)
    g_string_append (text, "a ż ਪ 😊 ");
  for (gsize len = 0; len <= text->len; len++)
    {
      const char *end = text->str + len;
      /* a cut inside a character counts its lead byte, as glib's does not */
      gint64 expected = 0;
      for (gsize i = 0; i < len; i++)
        expected += (((guchar) text->str[i]) & 0xC0) != 0x80;
      cr_assert_eq (kith_utf8_count_chars (text->str, len), expected, "%zu bytes", len);
      if (g_utf8_find_prev_char (text->str, end + 1) == end || len == text->len)
        cr_assert_eq (kith_utf8_count_chars (text->str, len), g_utf8_strlen (text->str, (gssize) len));
    }
}

Test (offsets, span_after_emoji)
{
  const char *text = "😊 Dziękuję! ਧੰਨਵਾਦ شكرا";
  g_autoptr(KithTextIndex) index = kith_text_index_new (text, strlen (text));
  g_autofree char *polish = kith_text_index_dup_span (index, 2, 11);
  g_autofree char *arabic = kith_text_index_dup_span (index, 19, 23);

  cr_assert_str_eq (polish, "Dziękuję!");
  cr_assert_str_eq (arabic, "شكرا");
}
