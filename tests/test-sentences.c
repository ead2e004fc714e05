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
      KithSpan *span = &g_array_index (spans, KithSpan, i);
      if (i > 0)
        g_string_append_c (out, '|');
      g_string_append_len (out, text + span->start, (gssize) (span->end - span->start));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
sentence_at (const char *text, const char *needle)
{
  const char *at = strstr (text, needle);
  KithSpan span;

  cr_assert_not_null (at, "“%s” not in the text", needle);
  span = kith_sentence_around (text, strlen (text), (gsize) (at - text), (gsize) (at - text) + strlen (needle));
  return g_strndup (text + span.start, span.end - span.start);
}

static char *
paragraph_at (const char *text, const char *needle)
{
  const char *at = strstr (text, needle);
  KithSpan span = kith_paragraph_around (text, strlen (text), (gsize) (at - text), (gsize) (at - text) + strlen (needle));

  return g_strndup (text + span.start, span.end - span.start);
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
  g_autoptr(GArray) spans = kith_sentences_split (text, strlen (text));

  cr_assert_str_eq (help, "When my wife passed I didn’t know where to go for help, honestly.");
  cr_assert_str_eq (council, "Nobody listens at the council.");
  /* a match across a sentence end takes both sentences */
  cr_assert_str_eq (across, "The library cut its hours. When my wife passed I didn’t know where to go for help, honestly.");
  /* the local search and the full split agree at every position */
  for (guint i = 0; i < spans->len; i++)
    {
      KithSpan *s = &g_array_index (spans, KithSpan, i);
      for (gsize pos = s->start; pos < s->end; pos++)
        {
          KithSpan around;
          if ((text[pos] & 0xC0) == 0x80)
            continue;
          around = kith_sentence_around (text, strlen (text), pos, pos);
          cr_assert (around.start == s->start && around.end == s->end,
                     "at %zu: %zu-%zu, split says %zu-%zu", pos, around.start, around.end, s->start, s->end);
        }
    }
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
