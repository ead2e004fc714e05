/* kith-reflow.c
 *
 * A hard-wrapped line was broken because the next word did not fit: its
 * length plus a space plus the next line's first word passes the wrap width.
 * A line that had room for that word, and ends a sentence, ends a paragraph.
 */
#include <string.h>

#include "kith-reflow.h"
#include "kith-turns.h"
#include "kith-utf8.h"

void
kith_reflow_plan_init (KithReflowPlan *plan)
{
  memset (plan, 0, sizeof *plan);
  plan->hyphenated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

void
kith_reflow_plan_clear (KithReflowPlan *plan)
{
  g_clear_pointer (&plan->hyphenated, g_hash_table_unref);
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
is_hyphen (gunichar c)
{
  return c == '-' || c == 0x00AD /* soft hyphen */ || c == 0x2010;
}

/* The word fragment before a line-final hyphen, lower-cased, or NULL. */
static char *
hyphen_fragment (const char *s, gsize len)
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
  return g_utf8_strdown (p, hyphen - p);
}

static char *
first_word_lower (const char *s, gsize len)
{
  const char *p = s, *end = s + len;

  while (p < end && g_unichar_isalpha (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  return g_utf8_strdown (s, p - s);
}

static void
collect_hyphenated (KithReflowPlan *plan,
                    const char     *line,
                    gsize           len)
{
  const char *p = line, *end = line + len;

  /* words like “well-being” written whole on one line: their hyphen is real */
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
      if (has_hyphen)
        g_hash_table_add (plan->hyphenated, g_utf8_strdown (start, q - start));
      p = q > p ? q : g_utf8_next_char (p);
    }
}

static int
compare_int (gconstpointer a, gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
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
  gboolean in_fence = FALSE;
  guint pairs = 0, mid_sentence = 0, too_long = 0;
  int width;

  plan->hard_wrapped = FALSE;
  plan->width = 0;

  /* pass 1: line lengths */
  while (p < end)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));
      gsize n = nl != NULL ? (gsize) (nl - p) : (gsize) (end - p);
      gsize t = trim_right (p, n);

      if (kith_reflow_classify (p, n) == KITH_LINE_TEXT)
        {
          int l = (int) char_len (p, t);
          g_array_append_val (lengths, l);
          if (memchr (p, '-', t) != NULL)
            collect_hyphenated (plan, p, t);
        }
      p += n + (nl != NULL);
    }
  if (lengths->len < 4)
    return;
  g_array_sort (lengths, compare_int);
  width = g_array_index (lengths, int, (lengths->len * 9) / 10);
  if (width < 30 || width > 250)
    return;
  for (guint i = 0; i < lengths->len; i++)
    too_long += g_array_index (lengths, int, i) * 10 > width * 12;

  /* pass 2: do consecutive lines run on mid-sentence? */
  p = text;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', (gsize) (end - p));
      gsize n = nl != NULL ? (gsize) (nl - p) : (gsize) (end - p);
      KithLineKind kind = kith_reflow_classify (p, n);

      if (kind == KITH_LINE_FENCE)
        in_fence = !in_fence;
      if (!in_fence && kind == KITH_LINE_TEXT && prev != NULL)
        {
          KithTurnLabel label;
          gboolean turn = kith_turn_label_parse (p, n, &label);
          kith_turn_label_clear (&label);
          if (!turn)
            {
              gsize t = trim_right (prev, prev_len);
              gsize s = skip_left (p, n);
              gunichar first = g_utf8_get_char (p + s);
              pairs++;
              if (!kith_reflow_ends_sentence (last_char (prev, t)) || g_unichar_islower (first))
                mid_sentence++;
            }
        }
      if (!in_fence && kind == KITH_LINE_TEXT)
        {
          prev = p;
          prev_len = n;
        }
      else
        prev = NULL;
      p += n + (nl != NULL);
    }

  if (pairs >= 3 && mid_sentence * 2 >= pairs && too_long * 50 <= lengths->len)
    {
      plan->hard_wrapped = TRUE;
      plan->width = width;
    }
}

KithJoin
kith_reflow_decide (const KithReflowPlan *plan,
                    const char           *prev,
                    gsize                 prev_len,
                    const char           *next,
                    gsize                 next_len,
                    gboolean              next_starts_turn)
{
  gsize t, s;
  glong prev_chars, word;
  gunichar first, last;

  KithLineKind prev_kind;

  if (!plan->hard_wrapped || next_starts_turn)
    return KITH_JOIN_NONE;
  /* a list item may wrap onto the next line; headings, tables, code never */
  prev_kind = kith_reflow_classify (prev, prev_len);
  if (prev_kind != KITH_LINE_TEXT && prev_kind != KITH_LINE_LIST)
    return KITH_JOIN_NONE;
  if (kith_reflow_classify (next, next_len) != KITH_LINE_TEXT)
    return KITH_JOIN_NONE;

  t = trim_right (prev, prev_len);
  s = skip_left (next, next_len);
  prev_chars = char_len (prev, t);
  word = first_word_chars (next, next_len);
  first = g_utf8_get_char (next + s);
  last = last_char (prev, t);

  /* A word broken at a hyphen at the line end never ends a paragraph. */
  if (is_hyphen (last))
    {
      g_autofree char *fragment = hyphen_fragment (prev, t);
      if (fragment != NULL)
        return kith_reflow_join_wrapped (plan, prev, prev_len, next, next_len);
    }

  /* The line had room for the next word: it ended on purpose. */
  if ((prev_chars + 1 + word) * 100 <= (glong) plan->width * 85)
    {
      if (kith_reflow_ends_sentence (last) || !g_unichar_islower (first))
        return KITH_JOIN_NONE;
      /* short but mid-sentence (“… because”) — only when very short is it a break */
      if (prev_chars * 2 < plan->width)
        return KITH_JOIN_NONE;
    }
  return KITH_JOIN_SPACE;
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

  /* “partici-” + “pants” loses the hyphen, “well-” + “being” (written whole
   * elsewhere) and “Anglo-” + “Saxon” keep it. */
  if (!is_hyphen (last) || (fragment = hyphen_fragment (prev, t)) == NULL)
    return KITH_JOIN_SPACE;
  if (last == 0x00AD)
    return KITH_JOIN_DEHYPHENATE;
  if (!g_unichar_islower (first))
    return KITH_JOIN_KEEP_HYPHEN;
  rest = first_word_lower (next + s, next_len - s);
  whole = g_strconcat (fragment, "-", rest, NULL);
  return g_hash_table_contains (plan->hyphenated, whole) ? KITH_JOIN_KEEP_HYPHEN : KITH_JOIN_DEHYPHENATE;
}
