/* test-sentences.c — sentence and paragraph spans */
#include <criterion/criterion.h>
#include <string.h>

#include "kith-sentences.h"

/* The sentences of @text, joined by “|”. */
static char *
split (const char *text)
{
  g_autoptr(GArray) spans = kith_sentences_split (text, strlen (text));
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < spans->len; i++)
    {
      KithByteSpan *span = &g_array_index (spans, KithByteSpan, i);
      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append_len (out, text + span->start, (gssize) (span->end - span->start));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* the sentence around @needle's first occurrence, in bytes */
static KithByteSpan
sentence_span (const char *text, const char *needle)
{
  const char *at = strstr (text, needle);

  cr_assert_not_null (at, "“%s” not in the text", needle);
  return kith_sentence_around (text, strlen (text), (gsize) (at - text), (gsize) (at - text) + strlen (needle));
}

static char *
sentence_at (const char *text, const char *needle)
{
  KithByteSpan span = sentence_span (text, needle);

  return g_strndup (text + span.start, span.end - span.start);
}

static char *
paragraph_at (const char *text, const char *needle)
{
  const char *at = strstr (text, needle);
  KithByteSpan span = kith_paragraph_around (text, strlen (text), (gsize) (at - text), (gsize) (at - text) + strlen (needle));

  return g_strndup (text + span.start, span.end - span.start);
}

/* The local search and the full split agree at every position. */
static void
assert_split_agrees_with_around (const char *text)
{
  g_autoptr(GArray) spans = kith_sentences_split (text, strlen (text));

  for (guint i = 0; i < spans->len; i++)
    {
      KithByteSpan *s = &g_array_index (spans, KithByteSpan, i);
      for (gsize pos = s->start; pos < s->end; pos++)
        {
          KithByteSpan around;
          if ((text[pos] & 0xC0) == 0x80)
            continue;
          around = kith_sentence_around (text, strlen (text), pos, pos);
          cr_assert (around.start == s->start && around.end == s->end,
                     "at %zu: %zu-%zu, split says %zu-%zu", pos, around.start, around.end, s->start, s->end);
        }
    }
}

Test (sentences, abbreviations_and_decimals_do_not_end_a_sentence)
{
  g_autofree char *s = split ("Dr. Patel at St. Mary's said e.g. the bus costs £2.50 a day. Mr. Khan agreed! "
                              "Did he? Yes… and then we left. J. K. Rowling lives near here.");

  cr_assert_str_eq (s, "Dr. Patel at St. Mary's said e.g. the bus costs £2.50 a day.|Mr. Khan agreed!|"
                       "Did he?|Yes… and then we left.|J. K. Rowling lives near here.");
}

Test (sentences, quotes_brackets_lines_and_other_scripts)
{
  g_autofree char *quotes = split ("She said \"I feel safe there.\" Then she left. (It was late.) Fine");
  g_autofree char *lines = split ("No stop at the end of this line\nThe next line is another sentence.\n\n  Indented.");
  g_autofree char *urdu = split ("یہاں سب ایک دوسرے کا خیال رکھتے ہیں۔ (Here everyone looks out.) ہاں؟ جی");
  g_autofree char *lower = split ("We have sewing, cooking, etc. and a choir. Approx. three of us go.");
  g_autofree char *exclaimed = split ("She said \"Dzień dobry, sąsiedzie!\" and I learned my first words.");

  cr_assert_str_eq (quotes, "She said \"I feel safe there.\"|Then she left.|(It was late.)|Fine");
  cr_assert_str_eq (lines, "No stop at the end of this line|The next line is another sentence.|Indented.");
  cr_assert_str_eq (urdu, "یہاں سب ایک دوسرے کا خیال رکھتے ہیں۔|(Here everyone looks out.)|ہاں؟|جی");
  cr_assert_str_eq (lower, "We have sewing, cooking, etc. and a choir.|Approx. three of us go.");
  cr_assert_str_eq (exclaimed, "She said \"Dzień dobry, sąsiedzie!\" and I learned my first words.");
}

Test (sentences, markdown_markers_are_not_part_of_a_sentence)
{
  g_autofree char *s = split ("## What people value\n\n- The centre: \"the only place\".\n"
                              "1. A welcome walk. Led by residents.\n> Quoted text here.\n");

  cr_assert_str_eq (s, "What people value|The centre: \"the only place\".|A welcome walk.|Led by residents.|"
                       "Quoted text here.");
}

Test (sentences, the_sentence_around_a_match_is_the_split_sentence)
{
  const char *text = "[00:01:06] Delroy: The youth club shut. The library cut its hours. When my wife passed "
                     "I didn’t know where to go for help, honestly. I sat in the house for months.\n"
                     "Dr. Smith: St. Mary's is open 9.30 till 5. Nobody listens at the council.";
  g_autofree char *help = sentence_at (text, "didn’t know where to go");
  g_autofree char *council = sentence_at (text, "listens");
  g_autofree char *across = sentence_at (text, "cut its hours. When my");

  cr_assert_str_eq (help, "When my wife passed I didn’t know where to go for help, honestly.");
  cr_assert_str_eq (council, "Nobody listens at the council.");
  /* a match across a sentence end takes both sentences */
  cr_assert_str_eq (across, "The library cut its hours. When my wife passed I didn’t know where to go for help, honestly.");
  assert_split_agrees_with_around (text);
}

Test (sentences, paragraphs_are_lines)
{
  const char *text = "# Notes\n\n- The food bank volunteers, who \"never make you feel ashamed\".  \n"
                     "Second paragraph. Two sentences.\n";
  g_autofree char *bullet = paragraph_at (text, "food bank");
  g_autofree char *second = paragraph_at (text, "Two");

  cr_assert_str_eq (bullet, "The food bank volunteers, who \"never make you feel ashamed\".");
  cr_assert_str_eq (second, "Second paragraph. Two sentences.");
}

/* [start, end) of the sentence around @needle, in code points */
static char *
sentence_offsets (const char *text, const char *needle)
{
  KithByteSpan span = sentence_span (text, needle);

  return g_strdup_printf ("%ld-%ld", g_utf8_pointer_to_offset (text, text + span.start),
                          g_utf8_pointer_to_offset (text, text + span.end));
}

Test (sentences, table_cells_and_list_items_are_their_own_units)
{
  const char *tabs = "Ward\tWhat residents said\tFollow-up\n"
                     "Bloxwich\tThe youth club is a lifeline for our lads\tKeep funding\n";
  const char *pipes = "| Ward | What residents said |\n|---|---|\n| Caldmore | Nobody listens at the council | Write to them |\n";
  const char *spaced = "Tipton Green      Lonely since the bus stopped      2 people\n";
  const char *bullets = "Asks: • free ESOL classes in Smethwick • a warm space in Tividale • buses after 8pm\n";
  const char *prose = "We met at the library.     Then we went to  the café. It was warm.\n";
  g_autofree char *tab_cell = sentence_offsets (tabs, "youth club");
  g_autofree char *pipe_cell = sentence_offsets (pipes, "Nobody listens");
  g_autofree char *spaced_cell = sentence_offsets (spaced, "Lonely");
  g_autofree char *item = sentence_offsets (bullets, "warm space");
  g_autofree char *tab_split = split (tabs);
  g_autofree char *pipe_split = split (pipes);
  g_autofree char *spaced_split = split (spaced);
  g_autofree char *bullet_split = split (bullets);
  g_autofree char *prose_split = split (prose);
  g_autofree char *row = paragraph_at (tabs, "youth club");
  g_autofree char *prose_paragraph = paragraph_at (prose, "café");

  /* “Bloxwich\t” is 9 code points into the second line, which starts at 35 */
  cr_assert_str_eq (tab_cell, "44-85");
  cr_assert_str_eq (pipe_cell, "54-83");
  cr_assert_str_eq (spaced_cell, "18-46");
  cr_assert_str_eq (item, "41-65");
  cr_assert_str_eq (tab_split, "Ward|What residents said|Follow-up|Bloxwich|The youth club is a lifeline for our lads|Keep funding");
  cr_assert_str_eq (pipe_split, "Ward|What residents said|---|---|Caldmore|Nobody listens at the council|Write to them");
  cr_assert_str_eq (spaced_split, "Tipton Green|Lonely since the bus stopped|2 people");
  cr_assert_str_eq (bullet_split, "Asks:|free ESOL classes in Smethwick|a warm space in Tividale|buses after 8pm");
  /* spaces after a full stop, or two in a sentence, are spacing, not a gap between cells */
  cr_assert_str_eq (prose_split, "We met at the library.|Then we went to  the café.|It was warm.");
  cr_assert_str_eq (prose_paragraph, "We met at the library.     Then we went to  the café. It was warm.");
  /* a table row's paragraph is its cell too */
  cr_assert_str_eq (row, "The youth club is a lifeline for our lads");
  assert_split_agrees_with_around (tabs);
  assert_split_agrees_with_around (pipes);
  assert_split_agrees_with_around (spaced);
  assert_split_agrees_with_around (bullets);
  assert_split_agrees_with_around (prose);
}

Test (sentences, a_long_sentence_is_cut_at_its_clauses_then_between_words)
{
  g_autoptr(GString) text = g_string_new ("Residents of Walsall, Dudley and Sandwell asked for:");
  g_autoptr(GString) words = g_string_new (NULL);
  g_autofree char *listed = NULL, *last = NULL, *first = NULL;
  g_autoptr(GArray) spans = NULL;

  /* one “sentence” of 52 + 8 × 55 + 18 code points: its clauses run together */
  for (int i = 0; i < 8; i++)
    g_string_append_printf (text, " clause %d on a warm space at the library in Wednesbury;", i);
  g_string_append (text, " and nothing else.\n");
  spans = kith_sentences_split (text->str, text->len);
  cr_assert_eq (spans->len, 2);
  /* as many whole clauses as fit in 400 code points: the heading and 6 */
  cr_assert_eq (g_array_index (spans, KithByteSpan, 0).start, 0);
  cr_assert_eq (g_array_index (spans, KithByteSpan, 0).end, 52 + 6 * 55);
  cr_assert_eq (g_array_index (spans, KithByteSpan, 1).start, 52 + 6 * 55 + 1);
  cr_assert_eq (g_array_index (spans, KithByteSpan, 1).end, text->len - 1);
  first = sentence_offsets (text->str, "clause 2");
  last = sentence_offsets (text->str, "clause 6");
  cr_assert_str_eq (first, "0-382");
  cr_assert_str_eq (last, "383-510");
  assert_split_agrees_with_around (text->str);

  /* no clauses at all: cut between words, never inside one */
  for (int i = 0; i < 120; i++)
    g_string_append (words, "food bank ");
  g_string_append (words, "\n");
  listed = split (words->str);
  {
    g_auto(GStrv) parts = g_strsplit (listed, "|", -1);
    cr_assert_eq (g_strv_length (parts), 3);
    /* “food bank ” 39 times and “food bank”: the blank before the 400th code point */
    cr_assert_eq (g_utf8_strlen (parts[0], -1), 399);
    cr_assert (g_str_has_suffix (parts[0], "bank"), "%s", parts[0]);
    for (int i = 0; parts[i] != NULL; i++)
      cr_assert_leq (g_utf8_strlen (parts[i], -1), 400);
  }
  assert_split_agrees_with_around (words->str);
}
