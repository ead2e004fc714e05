/* kith-sentences.c */
#include <string.h>

#include "kith-sentences.h"

/* Words after which a full stop does not end a sentence. */
static const char *const abbreviations[] = {
  "dr", "mr", "mrs", "ms", "mx", "st", "prof", "rev", "revd", "fr", "sr", "jr", "cllr",
  "sgt", "insp", "capt", "col", "gen", "lt", "hon", "mt", "rd", "ave", "dept", "govt",
  "e.g", "i.e", "eg", "ie", "cf", "vs", "viz", "approx", "incl", "esp", "nr", "tel",
};

/* A sentence longer than this, in code points, is cut into pieces at its
 * clauses and, failing those, between words. The longest sentences of
 * English prose in funder reports run to about 300 code points (50 words);
 * past 400 a "sentence" is a list run together, a table flattened onto a
 * line or text without full stops, and a reviewer can no longer see at a
 * glance why it was suggested. */
#define LONG_SENTENCE 400

typedef struct
{
  const char *text;
  gsize       len;
} Text;

/* Sentence-ending characters; @needs_space is FALSE for CJK marks, which are
 * not followed by a space. Returns the character's length in bytes, 0 if
 * @p is not one. */
static gsize
terminator_at (const Text *t, gsize i, gboolean *needs_space)
{
  static const struct { const char *utf8; gboolean space; } marks[] = {
    { "\xE2\x80\xA6", TRUE },   /* … */
    { "\xE2\x80\xBC", TRUE },   /* ‼ */
    { "\xDB\x94", TRUE },       /* ۔ Urdu full stop */
    { "\xD8\x9F", TRUE },       /* ؟ Arabic question mark */
    { "\xE0\xA5\xA4", TRUE },   /* । danda */
    { "\xE0\xA5\xA5", TRUE },   /* ॥ double danda */
    { "\xE3\x80\x82", FALSE },  /* 。 */
    { "\xEF\xBC\x81", FALSE },  /* ！ */
    { "\xEF\xBC\x9F", FALSE },  /* ？ */
  };
  char c = t->text[i];

  *needs_space = TRUE;
  if (c == '.' || c == '!' || c == '?')
    return 1;
  if ((guchar) c < 0x80)
    return 0;
  for (gsize m = 0; m < G_N_ELEMENTS (marks); m++)
    {
      gsize n = strlen (marks[m].utf8);
      if (i + n <= t->len && memcmp (t->text + i, marks[m].utf8, n) == 0)
        {
          *needs_space = marks[m].space;
          return n;
        }
    }
  return 0;
}

static gsize
closer_at (const Text *t, gsize i)
{
  static const char *const closers[] = {
    "\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xBB", "\xEF\xBC\x89", "\xE3\x80\x8D",  /* ” ’ » ） 」 */
  };
  char c = t->text[i];

  if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' || c == '*' || c == '_')
    return 1;
  for (gsize m = 0; m < G_N_ELEMENTS (closers); m++)
    {
      gsize n = strlen (closers[m]);
      if (i + n <= t->len && memcmp (t->text + i, closers[m], n) == 0)
        return n;
    }
  return 0;
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Bullets that start a list item inside a line (a list run together). */
static gsize
bullet_at (const Text *t, gsize i)
{
  static const char *const bullets[] = {
    "\xE2\x80\xA2", "\xE2\x96\xAA", "\xE2\x97\xA6", "\xE2\x97\x8F", "\xE2\x96\xA0", "\xE2\x80\xA3", "\xE2\x81\x83",
  };  /* • ▪ ◦ ● ■ ‣ ⁃ */

  for (gsize m = 0; m < G_N_ELEMENTS (bullets); m++)
    if (i + 3 <= t->len && memcmp (t->text + i, bullets[m], 3) == 0)
      return 3;
  return 0;
}

/* Whether the character ending just before @i ends a clause or sentence,
 * so that blanks after it are spacing, not a gap between cells. */
static gboolean
after_punctuation (const Text *t, gsize ls, gsize i)
{
  gsize prev;
  gboolean space;

  if (i <= ls)
    return TRUE;
  prev = (gsize) (g_utf8_find_prev_char (t->text + ls, t->text + i) - t->text);
  return strchr (".!?:;,", t->text[prev]) != NULL || terminator_at (t, prev, &space) > 0
         || closer_at (t, prev) > 0;
}

/* The end of the gap between two units of a line that starts at @i, or @i
 * when none does: a tab or a “|” (table cells), three or more spaces not
 * after punctuation (cells of a table laid out with spaces; two are as
 * often a slip of the thumb inside a sentence), or a bullet
 * (list items run together). Blanks around it belong to the gap. */
static gsize
gap_end (const Text *t, gsize ls, gsize le, gsize i)
{
  gsize j = i, n;

  if (t->text[i] == '\t' || t->text[i] == '|')
    j = i + 1;
  else if ((n = bullet_at (t, i)) > 0)
    j = i + n;
  else if (t->text[i] == ' ' && i + 2 < le && t->text[i + 1] == ' ' && t->text[i + 2] == ' '
           && (i == ls || !is_blank (t->text[i - 1])) && !after_punctuation (t, ls, i))
    j = i + 3;  /* judged where the run starts, so that any scan agrees */
  else
    return i;
  while (j < le && (is_blank (t->text[j]) || t->text[j] == '|'))
    j++;
  return j;
}

/* The unit of the line [@ls, @le) that holds @pos: the line itself, or in
 * a table row one cell, in a list run together one item. */
static KithByteSpan
unit_around (const Text *t, gsize ls, gsize le, gsize pos)
{
  KithByteSpan unit = { ls, le };

  for (gsize i = ls; i < le; i++)
    {
      gsize end = gap_end (t, ls, le, i);

      if (end == i)
        continue;
      if (i > pos)
        {
          unit.end = i;
          break;
        }
      /* a gap at or before @pos: the unit starts after it (a position in
       * the gap belongs to the unit that follows) */
      unit.start = end;
      i = end - 1;
    }
  return unit;
}

static gsize
line_start (const Text *t, gsize i)
{
  while (i > 0 && t->text[i - 1] != '\n')
    i--;
  return i;
}

static gsize
line_end (const Text *t, gsize i)
{
  const char *nl = i < t->len ? memchr (t->text + i, '\n', t->len - i) : NULL;

  return nl != NULL ? (gsize) (nl - t->text) : t->len;
}

static gsize
skip_blanks (const Text *t, gsize i, gsize end)
{
  while (i < end && is_blank (t->text[i]))
    i++;
  return i;
}

static gsize
trim_end (const Text *t, gsize start, gsize end)
{
  while (end > start && is_blank (t->text[end - 1]))
    end--;
  return end;
}

/* Past blanks and Markdown markers at a line's start: “## ”, “> ”, “- ”,
 * “* ”, “+ ”, “12. ”, “3) ”. */
static gsize
content_start (const Text *t, gsize i, gsize end)
{
  for (;;)
    {
      gsize j;

      i = skip_blanks (t, i, end);
      j = i;
      if (j < end && t->text[j] == '#')
        while (j < end && t->text[j] == '#')
          j++;
      else if (j < end && strchr ("->*+", t->text[j]) != NULL)
        j++;
      else if (j < end && g_ascii_isdigit (t->text[j]))
        {
          while (j < end && j - i < 3 && g_ascii_isdigit (t->text[j]))
            j++;
          if (j < end && (t->text[j] == '.' || t->text[j] == ')'))
            j++;
          else
            return i;
        }
      if (j == i || j >= end || !is_blank (t->text[j]))
        return i;
      i = j;
    }
}

static gboolean
is_abbreviation (const Text *t, gsize ls, gsize dot)
{
  gsize w = dot;
  g_autofree char *word = NULL;

  while (w > ls && (g_ascii_isalpha (t->text[w - 1]) || t->text[w - 1] == '.'))
    w--;
  if (w == dot)
    return FALSE;
  /* “J. Smith”: a single capital is an initial */
  if (dot - w == 1 && g_ascii_isupper (t->text[w]))
    return TRUE;
  word = g_ascii_strdown (t->text + w, (gssize) (dot - w));
  for (gsize a = 0; a < G_N_ELEMENTS (abbreviations); a++)
    if (g_str_equal (word, abbreviations[a]))
      return TRUE;
  return FALSE;
}

/* Whether the run of terminators starting at @run ends a sentence; *@end
 * gets the end of the run and its closing quotes, *@run_end the run's. */
static gboolean
ends_sentence (const Text *t, gsize ls, gsize le, gsize run, gsize *run_end, gsize *end)
{
  gboolean needs_space = TRUE, last_space = TRUE;
  gsize i = run, n, after;
  gboolean single_dot;

  while (i < le && (n = terminator_at (t, i, &needs_space)) > 0)
    {
      last_space = needs_space;
      i += n;
    }
  *run_end = i;
  single_dot = i - run == 1 && t->text[run] == '.';
  while (i < le && (n = closer_at (t, i)) > 0)
    i += n;
  *end = i;
  if (i >= le)
    return TRUE;
  if (!is_blank (t->text[i]))
    return !last_space;
  if (single_dot && is_abbreviation (t, ls, run))
    return FALSE;
  /* “approx. three”, “etc. and”, “sąsiedzie!” and I…”: not an end */
  after = skip_blanks (t, i, le);
  if (after < le && g_unichar_islower (g_utf8_get_char_validated (t->text + after, (gssize) (le - after))))
    return FALSE;
  return TRUE;
}

/* The first sentence end at or after @from within the line; the line's
 * trimmed end if none. */
static gsize
next_end (const Text *t, gsize ls, gsize le, gsize from)
{
  gboolean space;
  gsize i = from;

  /* start at the beginning of a terminator run that @from is inside */
  while (i > ls && terminator_at (t, i, &space) > 0 && t->text[i] != '\0')
    {
      gsize prev = (gsize) (g_utf8_find_prev_char (t->text + ls, t->text + i) - t->text);
      if (terminator_at (t, prev, &space) == 0)
        break;
      i = prev;
    }
  while (i < le)
    {
      if (terminator_at (t, i, &space) > 0)
        {
          gsize run_end, end;
          if (ends_sentence (t, ls, le, i, &run_end, &end))
            return trim_end (t, ls, end);
          i = run_end;
          continue;
        }
      i++;
    }
  return trim_end (t, ls, le);
}

/* Where the sentence holding @pos begins. */
static gsize
sentence_start (const Text *t, gsize ls, gsize le, gsize pos)
{
  gsize cs = content_start (t, ls, le);
  gsize i = pos;

  while (i > cs)
    {
      gboolean space;
      gsize prev = (gsize) (g_utf8_find_prev_char (t->text + cs, t->text + i) - t->text);

      if (terminator_at (t, prev, &space) > 0)
        {
          gsize run = prev, run_end, end;
          /* back to the start of the run */
          while (run > cs)
            {
              gsize before = (gsize) (g_utf8_find_prev_char (t->text + cs, t->text + run) - t->text);
              if (terminator_at (t, before, &space) == 0)
                break;
              run = before;
            }
          if (ends_sentence (t, ls, le, run, &run_end, &end) && end <= pos)
            return skip_blanks (t, end, le);
          i = run;
          continue;
        }
      i = prev;
    }
  return MIN (cs, pos);
}

/* ---- long sentences ------------------------------------------------------------- */

/* The end of the clause that starts at @i within [@i, @end): just past the
 * next “;” or “:” followed by a blank, or the blank before a spaced dash
 * (“ – ”, “ — ”, “ - ”); @end if there is none. */
static gsize
clause_end (const Text *t, gsize i, gsize end)
{
  for (gsize j = i + 1; j < end; j++)
    {
      char c = t->text[j];

      if ((c == ';' || c == ':') && j + 1 < end && is_blank (t->text[j + 1]))
        return j + 1;
      if (c == ' ' && j + 2 < end
          && ((t->text[j + 1] == '-' && is_blank (t->text[j + 2]))
              || (j + 4 < end && memcmp (t->text + j + 1, "\xE2\x80", 2) == 0
                  && ((guchar) t->text[j + 3] == 0x93 || (guchar) t->text[j + 3] == 0x94)
                  && is_blank (t->text[j + 4]))))
        return j;
    }
  return end;
}

static glong
chars (const Text *t, gsize from, gsize to)
{
  return g_utf8_strlen (t->text + from, (gssize) (to - from));
}

/* The last blank at or before LONG_SENTENCE code points into [@i, @end),
 * or that point itself in text without blanks. */
static gsize
word_cut (const Text *t, gsize i, gsize end)
{
  const char *limit = g_utf8_offset_to_pointer (t->text + i, LONG_SENTENCE);
  gsize cut = MIN ((gsize) (limit - t->text), end), j = cut;

  while (j > i && !is_blank (t->text[j]))
    j--;
  return j > i ? j : cut;
}

/* Appends the pieces of the sentence [@start, @end): itself when it is no
 * longer than LONG_SENTENCE code points, else runs of whole clauses as
 * long as fit, a clause too long alone cut between words. */
static void
add_pieces (const Text *t, gsize start, gsize end, GArray *out)
{
  gsize s = start;

  while (s < end)
    {
      gsize e = clause_end (t, s, end);

      if (chars (t, s, e) > LONG_SENTENCE)
        e = word_cut (t, s, end);
      else
        for (gsize next; e < end && chars (t, s, (next = clause_end (t, skip_blanks (t, e, end), end))) <= LONG_SENTENCE;)
          e = next;
      {
        KithByteSpan piece = { s, trim_end (t, s, e) };
        if (piece.end > piece.start)
          g_array_append_val (out, piece);
      }
      s = skip_blanks (t, e, end);
    }
}

/* The sentence holding @pos, or its piece when it is long. */
static KithByteSpan
sentence_at (const Text *t, gsize pos)
{
  gsize ls = line_start (t, MIN (pos, t->len));
  gsize le = line_end (t, MIN (pos, t->len));
  KithByteSpan unit = unit_around (t, ls, le, pos);
  KithByteSpan sentence;
  g_autoptr(GArray) pieces = NULL;

  sentence.start = sentence_start (t, unit.start, unit.end, pos);
  sentence.end = next_end (t, unit.start, unit.end, MAX (pos, content_start (t, unit.start, unit.end)));
  if (sentence.end <= sentence.start || chars (t, sentence.start, sentence.end) <= LONG_SENTENCE)
    return sentence;
  pieces = g_array_new (FALSE, FALSE, sizeof (KithByteSpan));
  add_pieces (t, sentence.start, sentence.end, pieces);
  /* the piece @pos is in, or the first after it when it is between two */
  for (guint i = 0; i < pieces->len; i++)
    if (pos < g_array_index (pieces, KithByteSpan, i).end)
      return g_array_index (pieces, KithByteSpan, i);
  return pieces->len > 0 ? g_array_index (pieces, KithByteSpan, pieces->len - 1) : sentence;
}

KithByteSpan
kith_paragraph_around (const char *text,
                       gsize       len,
                       gsize       from,
                       gsize       to)
{
  Text t = { text, len };
  gsize last = to > from ? to - 1 : from;
  gsize ls = line_start (&t, MIN (from, len));
  gsize le = line_end (&t, MIN (from, len));
  gsize ls2 = line_start (&t, MIN (last, len));
  gsize le2 = line_end (&t, MIN (last, len));
  /* a table row's paragraph is its cell */
  KithByteSpan first = unit_around (&t, ls, le, from), end = unit_around (&t, ls2, le2, last);
  KithByteSpan span;

  span.start = MIN (content_start (&t, first.start, first.end), from);
  span.end = MAX (trim_end (&t, span.start, end.end), to);
  return span;
}

KithByteSpan
kith_sentence_around (const char *text,
                      gsize       len,
                      gsize       from,
                      gsize       to)
{
  Text t = { text, len };
  gsize last = to > from ? to - 1 : from;
  KithByteSpan first = sentence_at (&t, from), end = sentence_at (&t, last);
  KithByteSpan span;

  span.start = MIN (first.start, from);
  span.end = MAX (end.end, to);
  return span;
}

#define HEADING_MAX_WORDS 12

static gboolean
is_heading (const Text *t, gsize ls, gsize le)
{
  gsize cs = content_start (t, ls, le), end = trim_end (t, cs, le), words = 0;
  char last;

  if (cs >= end)
    return FALSE;
  if (t->text[cs] == '#')
    return TRUE;
  /* a list item (“- ”, “1. ”) is not a heading; “Ambitions:” is */
  if (cs != skip_blanks (t, ls, le))
    return FALSE;
  last = t->text[end - 1];
  if (strchr (".!?;,", last) != NULL || closer_at (t, end - 1) > 0)
    return FALSE;
  for (gsize i = cs; i < end; i++)
    {
      if (t->text[i] == '\t' || t->text[i] == '|' || gap_end (t, ls, le, i) > i)
        return FALSE;
      if (is_blank (t->text[i]) && !is_blank (t->text[i - 1]))
        words++;
    }
  return words + 1 <= HEADING_MAX_WORDS;
}

GArray *
kith_headings_find (const char *text,
                    gsize       len)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (KithByteSpan));
  Text t = { text, len };
  gboolean after_blank = TRUE;

  for (gsize ls = 0; ls < len;)
    {
      gsize le = line_end (&t, ls);
      gboolean blank = skip_blanks (&t, ls, le) == le;

      if (!blank && ((after_blank && is_heading (&t, ls, le)) || t.text[skip_blanks (&t, ls, le)] == '#'))
        {
          gsize cs = content_start (&t, ls, le);
          KithByteSpan span = { cs, trim_end (&t, cs, le) };
          /* “## Title”: the marker goes */
          while (span.start < span.end && t.text[span.start] == '#')
            span.start++;
          span.start = skip_blanks (&t, span.start, span.end);
          if (span.end > span.start)
            g_array_append_val (out, span);
        }
      after_blank = blank;
      ls = le + 1;
    }
  return out;
}

GArray *
kith_sentences_split (const char *text,
                      gsize       len)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (KithByteSpan));
  Text t = { text, len };
  gsize ls = 0;

  while (ls < len)
    {
      gsize le = line_end (&t, ls);
      gsize us = ls;

      while (us < le)
        {
          KithByteSpan unit = unit_around (&t, ls, le, us);
          gsize s = content_start (&t, unit.start, unit.end);

          while (s < unit.end)
            {
              KithByteSpan span = { s, next_end (&t, unit.start, unit.end, s) };
              if (span.end <= span.start)
                break;
              if (chars (&t, span.start, span.end) > LONG_SENTENCE)
                add_pieces (&t, span.start, span.end, out);
              else
                g_array_append_val (out, span);
              s = skip_blanks (&t, span.end, unit.end);
            }
          /* on past the gap after the unit */
          us = unit.end < le ? MAX (gap_end (&t, ls, le, unit.end), unit.end + 1) : le;
        }
      ls = le + 1;
    }
  return out;
}
