/* kith-reflow.c
 *
 * A hard-wrapped line was broken because the next word did not fit: its
 * length plus a space plus the next line's first word passes the wrap width.
 * A line that had room for that word, and ends a sentence, ends a paragraph.
 *
 * Each block (a run of lines between blank lines) is judged on its own,
 * against its own width: reports mix wrapped paragraphs with tables,
 * headings and short lines, and columns of different widths. A line that
 * stops mid-sentence before one that goes on in lower case is a wrap
 * whatever the width, also across a blank line or a page break.
 */
#include <string.h>

#include "kith-dictionary.h"
#include "kith-reflow.h"
#include "kith-turns.h"
#include "kith-utf8.h"

void
kith_reflow_plan_init (KithReflowPlan *plan)
{
  memset (plan, 0, sizeof *plan);
  plan->hyphenated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  plan->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
kith_reflow_plan_clear (KithReflowPlan *plan)
{
  g_clear_pointer (&plan->hyphenated, g_hash_table_unref);
  g_clear_pointer (&plan->words, g_hash_table_unref);
  if (plan->unread != NULL)
    g_string_free (g_steal_pointer (&plan->unread), TRUE);
}

static gboolean
is_space_byte (char c)
{
  return c == ' ' || c == '\t';
}

static gsize
trim_right (const char *s, gsize len)
{
  while (len > 0 && is_space_byte (s[len - 1]))
    len--;
  return len;
}

static gsize
skip_left (const char *s, gsize len)
{
  gsize i = 0;

  while (i < len && is_space_byte (s[i]))
    i++;
  return i;
}

KithLineKind
kith_reflow_classify (const char *line,
                      gsize       len)
{
  gsize indent = 0, i;
  const char *s;
  gsize n;

  while (indent < len && is_space_byte (line[indent]))
    indent++;
  if (indent == len)
    return KITH_LINE_BLANK;
  s = line + indent;
  n = len - indent;

  if (n >= 3 && (strncmp (s, "```", 3) == 0 || strncmp (s, "~~~", 3) == 0))
    return KITH_LINE_FENCE;
  if (indent >= 4 || line[0] == '\t')
    return KITH_LINE_STRUCTURE;
  if (s[0] == '#' || s[0] == '|' || s[0] == '>')
    return KITH_LINE_STRUCTURE;
  /* horizontal rules and setext underlines */
  if (n >= 3 && strspn (s, "-=*_ ") == n)
    return KITH_LINE_STRUCTURE;
  /* bullets: - * + • – followed by a space */
  if (n >= 2 && strchr ("-*+", s[0]) != NULL && is_space_byte (s[1]))
    return KITH_LINE_LIST;
  if (n >= 4 && (strncmp (s, "•", 3) == 0 || strncmp (s, "–", 3) == 0) && is_space_byte (s[3]))
    return KITH_LINE_LIST;
  /* numbered: 1. 2) a) */
  for (i = 0; i < n && i < 3 && g_ascii_isdigit (s[i]); i++)
    ;
  if (i == 0 && n >= 3 && g_ascii_isalpha (s[0]) && s[1] == ')' && is_space_byte (s[2]))
    return KITH_LINE_LIST;
  if (i > 0 && i + 1 < n && (s[i] == '.' || s[i] == ')') && is_space_byte (s[i + 1]))
    return KITH_LINE_LIST;
  return KITH_LINE_TEXT;
}

static glong
char_len (const char *s, gsize len)
{
  return (glong) kith_utf8_count_chars (s, len);
}

/* The first word of @s: up to the first space. */
static glong
first_word_chars (const char *s, gsize len)
{
  gsize i = skip_left (s, len), start = i;

  while (i < len && !is_space_byte (s[i]))
    i++;
  return char_len (s + start, i - start);
}

static gunichar
last_char (const char *s, gsize len)
{
  const char *p;

  if (len == 0)
    return 0;
  p = g_utf8_find_prev_char (s, s + len);
  return p != NULL ? g_utf8_get_char (p) : 0;
}

gboolean
kith_reflow_ends_sentence (gunichar c)
{
  switch (c)
    {
    case '.': case '!': case '?': case ':': case ';': case '"': case '\'': case ')': case ']':
    case 0x201D: /* ” */
    case 0x2019: /* ’ */
    case 0x2026: /* … */
    case 0x061F: /* Arabic question mark */
    case 0x06D4: /* Urdu full stop */
    case 0x0964: /* Gurmukhi and Devanagari danda */
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_closing (gunichar c)
{
  return c == '"' || c == '\'' || c == ')' || c == ']' || c == 0x201D || c == 0x2019 || c == 0x00BB;
}

/* Whether the line (@len bytes, trailing blanks trimmed) ends a sentence: a
 * closing quote or bracket only does after a full stop (“… home.”), not
 * after a word (“… ‘whole system’”). */
static gboolean
line_ends_sentence (const char *s, gsize len)
{
  const char *end = s + len;

  while (end > s)
    {
      const char *p = g_utf8_find_prev_char (s, end);
      gunichar c = g_utf8_get_char (p);
      if (!is_closing (c))
        return kith_reflow_ends_sentence (c);
      end = p;
    }
  return FALSE;
}

static gboolean
is_hyphen (gunichar c)
{
  return c == '-' || c == 0x00AD /* soft hyphen */ || c == 0x2010;
}

/* The word fragment before a line-final hyphen, as written, or NULL. */
static char *
hyphen_fragment_as_written (const char *s, gsize len)
{
  const char *end = s + len;
  const char *hyphen = g_utf8_find_prev_char (s, end);
  const char *p = hyphen;

  if (hyphen == NULL || !is_hyphen (g_utf8_get_char (hyphen)))
    return NULL;
  while (p > s)
    {
      const char *q = g_utf8_find_prev_char (s, p);
      gunichar c = g_utf8_get_char (q);
      if (!g_unichar_isalpha (c) && !is_hyphen (c))
        break;
      p = q;
    }
  if (p == hyphen)
    return NULL;  /* “ -” or “—-”: a dash, not a hyphenated word */
  return g_strndup (p, (gsize) (hyphen - p));
}

/* The same, lower-cased. */
static char *
hyphen_fragment (const char *s, gsize len)
{
  g_autofree char *written = hyphen_fragment_as_written (s, len);

  return written != NULL ? g_utf8_strdown (written, -1) : NULL;
}

static char *
first_word_lower (const char *s, gsize len)
{
  const char *p = s, *end = s + len;

  while (p < end && g_unichar_isalpha (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return g_utf8_strdown (s, p - s);
}

/* Words the document writes: “well-being” whole on one line (its hyphen is
 * real), and words without a hyphen (“community”), which a hyphen at a line
 * end may have split. */
static void
collect_words (KithReflowPlan *plan,
               const char     *line,
               gsize           len)
{
  const char *p = line, *end = line + len;

  while (p < end)
    {
      const char *start, *q;
      gboolean has_hyphen = FALSE;

      while (p < end && !g_unichar_isalpha (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      q = p;
      while (q < end)
        {
          gunichar c = g_utf8_get_char (q);
          if (c == '-' && q > start && q + 1 < end && g_unichar_isalpha (g_utf8_get_char (q + 1)))
            has_hyphen = TRUE;
          else if (!g_unichar_isalpha (c))
            break;
          q = g_utf8_next_char (q);
        }
      /* a word cut by the line end (“commu-”) is not a word the text writes */
      if (has_hyphen)
        g_hash_table_add (plan->hyphenated, g_utf8_strdown (start, q - start));
      else if (q - start >= 4 && !(q < end && *q == '-' && q + 1 >= end))
        g_hash_table_add (plan->words, g_utf8_strdown (start, q - start));
      p = q > p ? q : g_utf8_next_char (p);
    }
}

/* The words of the sample's text lines, learnt on first need. The sets
 * are a cache of the sample: filling them does not change the plan's
 * meaning, so a const plan may. */
static void
learn_words (const KithReflowPlan *plan)
{
  GString *unread = plan->unread;
  const char *p, *end;

  if (unread == NULL)
    return;
  p = unread->str;
  end = p + unread->len;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));
      gsize n = nl != NULL ? (gsize) (nl - p) : (gsize) (end - p);

      if (kith_reflow_classify (p, n) == KITH_LINE_TEXT)
        collect_words ((KithReflowPlan *) plan, p, trim_right (p, n));
      p += n + (nl != NULL);
    }
  ((KithReflowPlan *) plan)->unread = NULL;
  g_string_free (unread, TRUE);
}

/* “W M C A”, “N H S”: PDF copy of letter-spaced capitals */
static GRegex *
spaced_capitals_regex (void)
{
  static GRegex *regex;
  static gsize ready;

  if (g_once_init_enter (&ready))
    {
      regex = g_regex_new ("(?<![\\p{L}\\p{N}])[A-Z](?: [A-Z])+(?![\\p{L}\\p{N}])",
                                                    G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&ready, 1);
    }
  return regex;
}

static gboolean
spaced_run_is_acronym (const char *run, gsize len)
{
  gsize letters = (len + 1) / 2;

  /* “W M” is one; “I A” might be words, so two letters need neither */
  return letters >= 3 || (memchr (run, 'A', len) == NULL && memchr (run, 'I', len) == NULL);
}

static gboolean
close_spaces (const GMatchInfo *info, GString *out, gpointer data)
{
  g_autofree char *run = g_match_info_fetch (info, 0);
  gsize len = strlen (run);

  (void) data;
  if (!spaced_run_is_acronym (run, len))
    {
      g_string_append (out, run);
      return FALSE;
    }
  for (gsize i = 0; i < len; i += 2)
    g_string_append_c (out, run[i]);
  return FALSE;
}

/* Whether @text has @letters capitals in a row with single spaces between,
 * as any match of spaced_capitals_regex() of that many letters has: most
 * texts have none, and scanning for them is far cheaper than the regex. */
static gboolean
has_spaced_run (const char *text, gsize len, guint letters)
{
  const guint8 *t = (const guint8 *) text;
  guint8 pair = 0;
  guint run = 0;

  /* first, without branches (the compiler tests many bytes at once):
   * whether a capital, a space and a capital stand anywhere */
  for (gsize i = 1; i + 1 < len; i++)
    pair |= (t[i] == ' ' ? 1 : 0) & ((guint8) (t[i - 1] - 'A') < 26 ? 1 : 0) & ((guint8) (t[i + 1] - 'A') < 26 ? 1 : 0);
  if (!pair)
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (!g_ascii_isupper (text[i]))
        {
          run = 0;
          continue;
        }
      if (++run == letters)
        return TRUE;
      if (i + 1 >= len || text[i + 1] != ' ')
        run = 0;
      else
        i++;
    }
  return FALSE;
}

char *
kith_reflow_close_spaced_capitals (const char *line, gsize len)
{
  if (!has_spaced_run (line, len, 2))
    return g_strndup (line, len);
  return g_regex_replace_eval (spaced_capitals_regex (), line, (gssize) len, 0, 0, close_spaces, NULL, NULL);
}

static guint
count_spaced_capitals (const char *text, gsize len)
{
  g_autoptr(GMatchInfo) info = NULL;
  guint n = 0;

  /* only runs of three letters or more count */
  if (!has_spaced_run (text, len, 3))
    return 0;
  if (!g_regex_match_full (spaced_capitals_regex (), text, (gssize) len, 0, 0, &info, NULL))
    return 0;
  do
    {
      gint start, end;
      if (g_match_info_fetch_pos (info, 0, &start, &end) && end - start >= 5)
        n++;
    }
  while (g_match_info_next (info, NULL));
  return n;
}

static int
compare_int (gconstpointer a, gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* The @k-th smallest of @lengths (from 0), as sorting them would give:
 * the many lines shorter than SHORT_CHARS are counted, only the rest are
 * sorted. */
#define SHORT_CHARS 1024

static int
kth_shortest (GArray *lengths,
              guint   k)
{
  g_autofree guint *counts = g_new0 (guint, SHORT_CHARS);
  g_autoptr(GArray) longer = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint i = 0; i < lengths->len; i++)
    {
      int l = g_array_index (lengths, int, i);

      g_assert (l >= 0);  /* a count of characters */
      if (l < SHORT_CHARS)
        counts[l]++;
      else
        g_array_append_val (longer, l);
    }
  for (int l = 0; l < SHORT_CHARS; l++)
    {
      if (k < counts[l])
        return l;
      k -= counts[l];
    }
  g_array_sort (longer, compare_int);
  return g_array_index (longer, int, k);
}

void
kith_reflow_plan_analyse (KithReflowPlan *plan,
                          const char     *text,
                          gsize           len)
{
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (int));
  const char *p = text, *end = text + len;
  const char *prev = NULL;
  gsize prev_len = 0;
  guint pairs = 0, mid_sentence = 0;

  plan->hard_wrapped = FALSE;
  plan->width = 0;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));
      gsize n = nl != NULL ? (gsize) (nl - p) : (gsize) (end - p);
      gsize t = trim_right (p, n);

      if (kith_reflow_classify (p, n) == KITH_LINE_TEXT)
        {
          int l = (int) char_len (p, t);
          g_array_append_val (lengths, l);
          if (prev != NULL)
            {
              gsize pt = trim_right (prev, prev_len);
              gunichar first = g_utf8_get_char (p + skip_left (p, n));
              pairs++;
              if (!line_ends_sentence (prev, pt) && g_unichar_islower (first))
                mid_sentence++;
            }
          prev = p;
          prev_len = n;
        }
      else
        prev = NULL;
      p += n + (nl != NULL);
    }
  if (lengths->len == 0)
    return;
  /* most documents have no word broken at a line end: their words are
   * learnt only when the first one is (a copy costs far less) */
  learn_words (plan);  /* a second sample adds to the first */
  plan->unread = g_string_new_len (text, (gssize) len);
  plan->width = kth_shortest (lengths, (lengths->len * 9) / 10);
  plan->spaced_capitals = count_spaced_capitals (text, len) >= 3;
  /* informational: whether lines of the text run on into each other */
  plan->hard_wrapped = pairs >= 3 && mid_sentence * 4 >= pairs;
}

static gboolean
has_letters_only (const char *word)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isalpha (g_utf8_get_char (p)))
      return FALSE;
  return *word != '\0';
}

static gboolean
is_vowel_prefix (const char *fragment, const char *rest)
{
  static const char *const prefixes[] = { "co", "re", "pre", "de", "non", "anti", "semi", "multi", "inter" };

  if (strchr ("aeiou", rest[0]) == NULL || rest[0] == '\0' || g_utf8_strlen (rest, -1) < 5)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_equal (fragment, prefixes[i]))
      return TRUE;
  return FALSE;
}

KithJoin
kith_reflow_join_wrapped (const KithReflowPlan *plan,
                          const char           *prev,
                          gsize                 prev_len,
                          const char           *next,
                          gsize                 next_len)
{
  gsize t = trim_right (prev, prev_len);
  gsize s = skip_left (next, next_len);
  gunichar first = g_utf8_get_char (next + s);
  gunichar last = last_char (prev, t);
  g_autofree char *fragment = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *joined = NULL;

  /* “partici-” + “pants” loses the hyphen; “well-” + “being” (written whole
   * elsewhere), “place-” + “based” (“placebased” is no word) and “Anglo-” +
   * “Saxon” keep it. */
  if (!is_hyphen (last) || (fragment = hyphen_fragment (prev, t)) == NULL)
    return KITH_JOIN_SPACE;
  if (last == 0x00AD)
    return KITH_JOIN_DEHYPHENATE;
  if (!g_unichar_islower (first))
    return KITH_JOIN_KEEP_HYPHEN;
  rest = first_word_lower (next + s, next_len - s);
  whole = g_strconcat (fragment, "-", rest, NULL);
  joined = g_strconcat (fragment, rest, NULL);
  learn_words (plan);
  if (g_hash_table_contains (plan->hyphenated, whole))
    return KITH_JOIN_KEEP_HYPHEN;
  if (g_hash_table_contains (plan->words, joined) || *rest == '\0' || !has_letters_only (fragment))
    return KITH_JOIN_DEHYPHENATE;
  /* British usage keeps the hyphen where a prefix meets a vowel:
   * “co-ordination”, “re-integration”, “pre-existing” */
  if (is_vowel_prefix (fragment, rest) && kith_dictionary_has_word (rest, -1))
    return KITH_JOIN_KEEP_HYPHEN;
  if (!kith_dictionary_available ())
    return KITH_JOIN_DEHYPHENATE;
  {
    /* the dictionary knows “Wolverhampton”, not “wolverhampton” */
    g_autofree char *written = hyphen_fragment_as_written (prev, t);
    g_autofree char *as_written = g_strconcat (written, rest, NULL);
    if (kith_dictionary_has_word (joined, -1) || kith_dictionary_has_word (as_written, -1))
      return KITH_JOIN_DEHYPHENATE;
  }
  if (kith_dictionary_has_word (fragment, -1) && kith_dictionary_has_word (rest, -1))
    return KITH_JOIN_KEEP_HYPHEN;
  return KITH_JOIN_DEHYPHENATE;
}

/* “… the highest risk settings” ⏎ “– schools, nurseries …”: a dash that
 * goes on with a sentence is no bullet. */
static gboolean
dash_goes_on (const KithReflowLine *prev, const KithReflowLine *next)
{
  gsize s = skip_left (next->text, next->len);
  const char *p = next->text + s;
  gsize n = next->len - s;

  if (next->kind != KITH_LINE_LIST || n < 4
      || (strncmp (p, "–", 3) != 0 && strncmp (p, "—", 3) != 0) || !is_space_byte (p[3]))
    return FALSE;
  return !line_ends_sentence (prev->text, trim_right (prev->text, prev->len));
}

static gboolean
joinable_kinds (KithLineKind a, KithLineKind b)
{
  /* a list item may wrap onto the next line; headings, tables, code never */
  return (a == KITH_LINE_TEXT || a == KITH_LINE_LIST) && b == KITH_LINE_TEXT;
}

/* “… across Stourbridge,” “… the views of”: a line that ends on a comma or
 * on a word that cannot end a sentence goes on, whatever comes next. */
static gboolean
ends_mid_clause (const char *s, gsize len)
{
  static const char *const words[] = {
    "a", "an", "the", "and", "or", "but", "of", "to", "for", "in", "on", "at", "by", "with",
    "from", "into", "that", "which", "whose", "as", "is", "are", "was", "were", "be", "been",
    "our", "their", "its", "his", "her", "this", "these", "those", "than", "not", "such",
  };
  const char *end = s + len, *p = end;

  if (len == 0)
    return FALSE;
  if (s[len - 1] == ',')
    return TRUE;
  while (p > s && g_ascii_islower (p[-1]))
    p--;
  if (p == end || (p > s && !is_space_byte (p[-1])))
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    if ((gsize) (end - p) == strlen (words[i]) && memcmp (p, words[i], (gsize) (end - p)) == 0)
      return TRUE;
  return FALSE;
}

/* Whether the line ends a sentence with a full stop, not a colon: “… the
 * heart of the programme:” ⏎ “residents described it as …” goes on. */
static gboolean
line_ends_full_stop (const char *s, gsize len)
{
  const char *end = s + len;

  while (end > s)
    {
      const char *p = g_utf8_find_prev_char (s, end);
      gunichar c = g_utf8_get_char (p);
      if (!is_closing (c))
        return kith_reflow_ends_sentence (c) && c != ':' && c != ';';
      end = p;
    }
  return FALSE;
}

/* The strong sign of a wrap, whatever the widths: the line stops
 * mid-sentence and the next goes on in lower case, or the line stops
 * mid-clause. */
static gboolean
runs_on (const char *prev, gsize prev_len, const char *next, gsize next_len)
{
  gsize t = trim_right (prev, prev_len);
  gsize s = skip_left (next, next_len);

  if (t == 0 || s >= next_len)
    return FALSE;
  if (g_unichar_islower (g_utf8_get_char (next + s)) && !line_ends_full_stop (prev, t))
    return TRUE;
  return ends_mid_clause (prev, t);
}

static gboolean
ends_in_broken_word (const char *line, gsize len)
{
  gsize t = trim_right (line, len);
  g_autofree char *fragment = NULL;

  if (!is_hyphen (last_char (line, t)))
    return FALSE;
  fragment = hyphen_fragment (line, t);
  return fragment != NULL;
}

/* “Present: 18 residents”, “**Venue:** Tipton Library”: a line that
 * starts with a label starts an entry of its own. */
static gboolean
starts_with_label (const char *line, gsize len)
{
  const char *p = line + skip_left (line, len), *end = line + len;
  guint words = 0;

  if (end - p >= 2 && (strncmp (p, "**", 2) == 0 || strncmp (p, "__", 2) == 0))
    p += 2;
  while (p < end && words <= 4)
    {
      const char *w = p;
      while (p < end && (g_unichar_isalnum (g_utf8_get_char (p)) || *p == '\'' || *p == '-'))
        p = g_utf8_next_char (p);
      if (p == w)
        return FALSE;
      words++;
      if (p < end && *p == ':')
        return TRUE;
      if (end - p >= 3 && (strncmp (p, "**:", 3) == 0 || strncmp (p, "__:", 3) == 0))
        return TRUE;
      if (p < end && *p == ' ')
        p++;
      else
        return FALSE;
    }
  return FALSE;
}

/* Whether @prev ran out of room at @width: the next word did not fit. */
static gboolean
ran_out_of_room (const char *prev, gsize prev_len, const char *next, gsize next_len, int width)
{
  glong prev_chars = char_len (prev, trim_right (prev, prev_len));
  glong word = first_word_chars (next, next_len);

  return (prev_chars + 1 + word) * 100 > (glong) width * 85;
}

/* “2. What residents told us” ⏎ “Residents valued …” is a numbered heading;
 * a list item goes on to the next line only when it filled its own. */
static gboolean
fills_line (const KithReflowLine *line, int width)
{
  return char_len (line->text, trim_right (line->text, line->len)) * 5 >= (glong) width * 4;
}

void
kith_reflow_decide_block (const KithReflowPlan *plan,
                          const KithReflowLine *lines,
                          guint                 n_lines,
                          KithReflowBlock      *block,
                          KithJoin             *joins)
{
  g_autofree KithLineKind *kinds = g_new (KithLineKind, MAX (n_lines, 1));
  guint pairs = 0, mid = 0, n_text = 0, labels = 0;
  int width = 0;

  g_autofree int *lengths = g_new (int, MAX (n_lines, 1));

  for (guint i = 0; i < n_lines; i++)
    {
      kinds[i] = lines[i].kind;
      if (i > 0 && dash_goes_on (&lines[i - 1], &lines[i]))
        kinds[i] = KITH_LINE_TEXT;
      if (kinds[i] == KITH_LINE_TEXT || kinds[i] == KITH_LINE_LIST)
        lengths[n_text++] = (int) char_len (lines[i].text, trim_right (lines[i].text, lines[i].len));
    }
  /* the width lines were wrapped at: the longest line of a short block;
   * of a long one, the longest but a fifth (a line or two that pdftotext
   * ran together must not widen the column) */
  if (n_text > 0)
    {
      qsort (lengths, n_text, sizeof (int), compare_int);
      width = lengths[n_text >= 5 ? (n_text - 1) * 4 / 5 : n_text - 1];
    }
  for (guint i = 0; i + 1 < n_lines; i++)
    {
      const KithReflowLine *a = &lines[i], *b = &lines[i + 1];
      if (!joinable_kinds (kinds[i], kinds[i + 1]) || b->starts_turn)
        continue;
      pairs++;
      if (!line_ends_sentence (a->text, trim_right (a->text, a->len))
          || g_unichar_islower (g_utf8_get_char (b->text + skip_left (b->text, b->len))))
        mid++;
    }
  /* a short block's own width says little: unless the document as a whole
   * is hard-wrapped, its usual width says more */
  if (n_text < 5 && !plan->hard_wrapped)
    width = MAX (width, plan->width);
  block->width = width;
  block->n_lines = n_lines;
  /* a block of “Label: value” lines is a form or a transcript's header */
  for (guint i = 0; i < n_lines; i++)
    labels += lines[i].starts_turn || starts_with_label (lines[i].text, lines[i].len);
  block->wrapped = plan->force || (pairs > 0 && mid * 2 >= pairs && width >= KITH_REFLOW_MIN_WIDTH
                                   && labels * 2 < n_text);

  for (guint i = 0; i + 1 < n_lines; i++)
    {
      const KithReflowLine *a = &lines[i], *b = &lines[i + 1];

      joins[i] = KITH_JOIN_NONE;
      if (!joinable_kinds (kinds[i], kinds[i + 1]) || b->starts_turn)
        continue;
      if (ends_in_broken_word (a->text, a->len))
        joins[i] = kith_reflow_join_wrapped (plan, a->text, a->len, b->text, b->len);
      else if (runs_on (a->text, a->len, b->text, b->len))
        joins[i] = KITH_JOIN_SPACE;
      else if (block->wrapped && !starts_with_label (b->text, b->len)
               && ran_out_of_room (a->text, a->len, b->text, b->len, width)
               && (kinds[i] != KITH_LINE_LIST || fills_line (a, width)))
        joins[i] = KITH_JOIN_SPACE;
    }
}

KithJoin
kith_reflow_decide_gap (const KithReflowPlan  *plan,
                        const KithReflowBlock *prev_block,
                        const KithReflowLine  *prev,
                        const KithReflowLine  *next)
{
  KithLineKind next_kind = dash_goes_on (prev, next) ? KITH_LINE_TEXT : next->kind;

  if (!joinable_kinds (prev->kind, next_kind) || next->starts_turn)
    return KITH_JOIN_NONE;
  if (ends_in_broken_word (prev->text, prev->len))
    {
      gsize s = skip_left (next->text, next->len);
      if (g_unichar_islower (g_utf8_get_char (next->text + s)))
        return kith_reflow_join_wrapped (plan, prev->text, prev->len, next->text, next->len);
      return KITH_JOIN_NONE;
    }
  /* a heading alone (“Our ambition”) is no paragraph cut short */
  if (prev_block->n_lines == 1
      && char_len (prev->text, trim_right (prev->text, prev->len)) * 2 < MAX (plan->width, KITH_REFLOW_MIN_WIDTH))
    return KITH_JOIN_NONE;
  if (runs_on (prev->text, prev->len, next->text, next->len))
    return KITH_JOIN_SPACE;
  /* “… citizens of the West” ⏎⏎ “Midlands to shape …”: a wrapped paragraph
   * whose last line ran out of room goes on after the break */
  if (prev_block->wrapped && prev_block->width >= KITH_REFLOW_MIN_WIDTH
      && !line_ends_sentence (prev->text, trim_right (prev->text, prev->len))
      && ran_out_of_room (prev->text, prev->len, next->text, next->len, prev_block->width))
    return KITH_JOIN_SPACE;
  return KITH_JOIN_NONE;
}
