/* kith-rule-literals.c — needles and the longest match of a PCRE2 pattern
 *
 * A recursive descent over the pattern's syntax computes, for every part:
 *  - exact: a small set of strings that includes every string the part can
 *    match (NULL when there is no small such set), e.g. “feels? safe” gives
 *    {feel safe, feels safe}; zero-width items (\b, lookarounds) give {""};
 *  - need:  a set of strings one of which every match of the part contains
 *    (NULL when nothing is known), and how far into the match it can
 *    start at most (need_before);
 *  - max:   the longest match in bytes;
 *  - ahead: how far past its match the part may look (\b, lookaheads).
 * Over-approximating is always safe: a needle set only has to be *hit* by
 * every real match; extra hits cost a PCRE2 call, never a missed match.
 */
#include <math.h>
#include <string.h>

#include "kith-rule-literals.h"

#define EXACT_MAX      64   /* strings in an exact set */
#define EXACT_MAX_LEN  64   /* bytes in one of them */
#define CLASS_MAX      32   /* characters a class may list and stay exact */
#define UNBOUNDED      G_MAXSIZE

typedef struct
{
  GPtrArray *exact;
  GPtrArray *need;
  gsize      need_before;
  gsize      max;
  gsize      ahead;
} Info;

typedef struct
{
  const char *p;
  const char *end;
  gboolean    caseless;
  gboolean    failed;   /* a construct the analysis does not follow */
} Parser;

/* ---- string sets ------------------------------------------------------------ */

static GPtrArray *
set_new (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

static gboolean
set_contains (GPtrArray *set, const char *s)
{
  for (guint i = 0; i < set->len; i++)
    if (g_str_equal (g_ptr_array_index (set, i), s))
      return TRUE;
  return FALSE;
}

static void
set_add (GPtrArray *set, const char *s)
{
  if (!set_contains (set, s))
    g_ptr_array_add (set, g_strdup (s));
}

static GPtrArray *
set_of (const char *s)
{
  GPtrArray *set = set_new ();

  set_add (set, s);
  return set;
}

static GPtrArray *
set_copy (GPtrArray *set)
{
  GPtrArray *copy;

  if (set == NULL)
    return NULL;
  copy = set_new ();
  for (guint i = 0; i < set->len; i++)
    set_add (copy, g_ptr_array_index (set, i));
  return copy;
}

/* every a·b, or NULL when that is too many or too long */
static GPtrArray *
set_product (GPtrArray *a, GPtrArray *b)
{
  g_autoptr(GPtrArray) out = NULL;

  if ((gsize) a->len * b->len > EXACT_MAX)
    return NULL;
  out = set_new ();
  for (guint i = 0; i < a->len; i++)
    for (guint j = 0; j < b->len; j++)
      {
        const char *x = g_ptr_array_index (a, i);
        const char *y = g_ptr_array_index (b, j);
        g_autofree char *xy = NULL;

        if (strlen (x) + strlen (y) > EXACT_MAX_LEN)
          return NULL;
        xy = g_strconcat (x, y, NULL);
        set_add (out, xy);
      }
  return g_steal_pointer (&out);
}

static GPtrArray *
set_union (GPtrArray *a, GPtrArray *b)
{
  GPtrArray *out = set_copy (a);

  for (guint i = 0; i < b->len; i++)
    set_add (out, g_ptr_array_index (b, i));
  return out;
}

static void
info_clear (Info *info)
{
  g_clear_pointer (&info->exact, g_ptr_array_unref);
  g_clear_pointer (&info->need, g_ptr_array_unref);
}

static gsize
add_sat (gsize a, gsize b)
{
  return a > UNBOUNDED - b ? UNBOUNDED : a + b;
}

static gsize
mul_sat (gsize a, gsize n)
{
  if (a == 0 || n == 0)
    return 0;
  return a > UNBOUNDED / n ? UNBOUNDED : a * n;
}

/* ---- choosing needles ------------------------------------------------------- */

/* A character that matches only itself in a caseless pattern. */
static gboolean
is_uncased (gunichar c)
{
  return !g_unichar_isupper (c) && !g_unichar_islower (c) && !g_unichar_istitle (c)
         && g_unichar_toupper (c) == c && g_unichar_tolower (c) == c;
}

/* How surprising a byte is in English text, in bits (-log2 of its
 * frequency, letters folded): a needle of common bytes (“the ”) would send
 * the scan to PCRE2 all the time, one of rare bytes (“lonel”) seldom. */
static double
byte_bits (guchar c)
{
  static const double letters[26] = {
    3.9, 6.4, 5.5, 4.8, 3.3, 5.8, 6.0, 4.3, 4.1, 10.0, 7.2, 4.9, 5.6,   /* a … m */
    4.1, 4.0, 6.1, 10.0, 4.4, 4.2, 3.7, 5.4, 7.0, 5.7, 9.4, 6.0, 10.5, /* n … z */
  };

  c = (guchar) g_ascii_tolower (c);
  if (c >= 'a' && c <= 'z')
    return letters[c - 'a'];
  if (c == ' ')
    return 2.5;
  if (c == '.' || c == ',')
    return 6.6;
  if (g_ascii_isdigit (c))
    return 9.0;
  return 8.5;
}

double
kith_literals_bits (const char *s,
                    gsize       len)
{
  double bits = 0;

  /* a non-ASCII character of two to four bytes carries about eight bits */
  for (gsize i = 0; i < len; i++)
    bits += (guchar) s[i] < 0x80 ? byte_bits ((guchar) s[i]) : 3.0;
  return bits;
}

/* The bits of the characters in [p, end): a non-ASCII character counts
 * once, whatever its length in bytes. */
static double
span_bits (const char *p, const char *end)
{
  double bits = 0;

  for (; p < end; p = g_utf8_next_char (p))
    bits += (guchar) *p < 0x80 ? byte_bits ((guchar) *p) : 8.0;
  return bits;
}

/* The needle for string @s: the window of at most WINDOW_BYTES bytes with
 * the most bits that the scan can compare exactly (ASCII is folded to lower
 * case; a non-ASCII character with case cuts the string), and its bits. A
 * window of a string a match contains is contained too, and short needles
 * keep the automaton small. */
#define WINDOW_BYTES 32

/* the longest [from, to) can be in a caseless match, in bytes */
static gsize
max_span_bytes (const char *from, const char *to, gboolean caseless)
{
  gsize n = 0;

  for (const char *p = from; p < to; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      n += c >= 0x80 && caseless && !is_uncased (c) ? 4 : (gsize) g_unichar_to_utf8 (c, NULL);
    }
  return n;
}

static char *
needle_piece (const char *s, gboolean caseless, double *bits, gsize *offset)
{
  const char *best = s, *segment = s;
  gsize best_len = 0;
  double best_bits = -1;
  char *out;

  for (const char *p = s;; p = g_utf8_next_char (p))
    {
      gboolean cut = *p == '\0';

      if (!cut && (guchar) *p >= 0x80 && caseless)
        cut = !is_uncased (g_utf8_get_char (p));
      if (!cut)
        continue;
      /* every window of the segment [segment, p) */
      for (const char *from = segment; from < p; from = g_utf8_next_char (from))
        {
          const char *to = from;
          double b;

          while (to < p && (gsize) (g_utf8_next_char (to) - from) <= WINDOW_BYTES)
            to = g_utf8_next_char (to);
          b = span_bits (from, to);
          if (b > best_bits)
            {
              best_bits = b;
              best = from;
              best_len = (gsize) (to - from);
            }
        }
      if (*p == '\0')
        break;
      segment = g_utf8_next_char (p);
    }
  *bits = MAX (best_bits, 0);
  *offset = max_span_bytes (s, best, caseless);
  out = g_strndup (best, best_len);
  for (char *q = out; *q != '\0'; q++)
    *q = g_ascii_tolower (*q);
  return out;
}

/* The needles of @set, the bits of the least surprising one and how far
 * into its string a needle starts at most. */
static GPtrArray *
set_pieces (GPtrArray *set, gboolean caseless, double *min_bits, gsize *max_offset)
{
  GPtrArray *out = set_new ();

  *min_bits = G_MAXDOUBLE;
  *max_offset = 0;
  for (guint i = 0; i < set->len; i++)
    {
      double bits;
      gsize offset;
      g_autofree char *piece = needle_piece (g_ptr_array_index (set, i), caseless, &bits, &offset);
      set_add (out, piece);
      *min_bits = MIN (*min_bits, *piece != '\0' ? bits : 0);
      *max_offset = MAX (*max_offset, offset);
    }
  return out;
}

/* The bits of the weakest needle, less one for each doubling of their
 * number; -1 for a set that cannot serve. */
static double
score (GPtrArray *set, gboolean caseless)
{
  g_autoptr(GPtrArray) pieces = NULL;
  double min_bits;
  gsize offset;

  if (set == NULL || set->len == 0)
    return -1;
  pieces = set_pieces (set, caseless, &min_bits, &offset);
  if (min_bits <= 0)
    return -1;
  return min_bits - log2 ((double) pieces->len);
}

/* keeps in *best whichever of *best and @candidate scores higher, with
 * how far into the match its strings start */
static void
consider (Parser *parser, GPtrArray **best, gsize *best_before, GPtrArray *candidate, gsize before)
{
  if (score (candidate, parser->caseless) > score (*best, parser->caseless))
    {
      g_clear_pointer (best, g_ptr_array_unref);
      *best = set_copy (candidate);
      *best_before = before;
    }
}

/* the best known needle set of a part: its exact set or its need set */
static GPtrArray *
need_of (Parser *parser, Info *info, gsize *before)
{
  GPtrArray *best = NULL;

  *before = 0;
  consider (parser, &best, before, info->exact, 0);
  consider (parser, &best, before, info->need, info->need_before);
  return best;
}

/* ---- parsing ------------------------------------------------------------------ */

static Info parse_alternation (Parser *parser);

static Info
zero_width (gsize ahead)
{
  return (Info) { set_of (""), NULL, 0, 0, ahead };
}

static Info
any_char (gsize max)
{
  return (Info) { NULL, NULL, 0, max, 0 };
}

static gsize
char_max_bytes (Parser *parser, gunichar c)
{
  /* a caseless non-ASCII letter may match a case partner of another length */
  if (c >= 0x80 && parser->caseless && !is_uncased (c))
    return 4;
  return (gsize) g_unichar_to_utf8 (c, NULL);
}

static Info
literal (Parser *parser, gunichar c)
{
  char buf[8] = { 0 };

  g_unichar_to_utf8 (c, buf);
  return (Info) { set_of (buf), NULL, 0, char_max_bytes (parser, c), 0 };
}

static gboolean
at (Parser *parser, const char *s)
{
  gsize n = strlen (s);

  return (gsize) (parser->end - parser->p) >= n && memcmp (parser->p, s, n) == 0;
}

static gunichar
next_char (Parser *parser)
{
  gunichar c = g_utf8_get_char (parser->p);

  parser->p = g_utf8_next_char (parser->p);
  return c;
}

static void
fail (Parser *parser)
{
  parser->failed = TRUE;
  parser->p = parser->end;
}

/* skips past @close; fails if it never comes */
static void
skip_to (Parser *parser, char close)
{
  const char *q = memchr (parser->p, close, (gsize) (parser->end - parser->p));

  if (q == NULL)
    fail (parser);
  else
    parser->p = q + 1;
}

static gboolean
read_number (Parser *parser, int base, int max_digits, gunichar *out)
{
  guint64 v = 0;
  int n = 0;

  while (parser->p < parser->end && n < max_digits && g_ascii_isxdigit (*parser->p)
         && g_ascii_xdigit_value (*parser->p) < base)
    {
      v = v * (guint64) base + (guint64) g_ascii_xdigit_value (*parser->p);
      parser->p++;
      n++;
      if (v > 0x10FFFF)
        return FALSE;
    }
  *out = (gunichar) v;
  return n > 0;
}

/* \x{…}, \xhh, \o{…}: FALSE if malformed */
static gboolean
read_coded_char (Parser *parser, int base, gunichar *c)
{
  if (parser->p < parser->end && *parser->p == '{')
    {
      parser->p++;
      if (!read_number (parser, base, 8, c) || parser->p >= parser->end || *parser->p != '}')
        return FALSE;
      parser->p++;
      return TRUE;
    }
  if (base == 8)
    return FALSE;
  if (!read_number (parser, base, 2, c))
    *c = 0;  /* \x alone is NUL */
  return TRUE;
}

typedef enum { ESC_CHAR, ESC_CLASS, ESC_ZERO, ESC_QUOTE, ESC_FAIL } EscapeKind;

/* Reads the escape after a backslash (outside or inside a class). */
static EscapeKind
read_escape (Parser *parser, gboolean in_class, gunichar *c)
{
  gunichar e;

  if (parser->p >= parser->end)
    return ESC_FAIL;
  e = next_char (parser);
  switch (e)
    {
    case 'b':
      if (in_class)
        {
          *c = '\b';
          return ESC_CHAR;
        }
      return ESC_ZERO;
    case 'B': case 'A': case 'z': case 'Z': case 'G': case 'E':
      return in_class ? ESC_FAIL : ESC_ZERO;
    case 'd': case 'D': case 'w': case 'W': case 's': case 'S':
    case 'h': case 'H': case 'v': case 'V': case 'N': case 'R':
      return ESC_CLASS;
    case 'p': case 'P':
      if (parser->p < parser->end && *parser->p == '{')
        skip_to (parser, '}');
      else if (parser->p < parser->end)
        next_char (parser);
      return parser->failed ? ESC_FAIL : ESC_CLASS;
    case 'x':
      return read_coded_char (parser, 16, c) ? ESC_CHAR : ESC_FAIL;
    case 'o':
      return read_coded_char (parser, 8, c) ? ESC_CHAR : ESC_FAIL;
    case '0':
      if (!read_number (parser, 8, 2, c))
        *c = 0;
      return ESC_CHAR;
    case 'n': *c = '\n'; return ESC_CHAR;
    case 't': *c = '\t'; return ESC_CHAR;
    case 'r': *c = '\r'; return ESC_CHAR;
    case 'f': *c = '\f'; return ESC_CHAR;
    case 'e': *c = 0x1B; return ESC_CHAR;
    case 'a': *c = 0x07; return ESC_CHAR;
    case 'c':
      if (parser->p >= parser->end)
        return ESC_FAIL;
      *c = g_ascii_toupper (*parser->p++) ^ 0x40;
      return ESC_CHAR;
    case 'Q':
      return ESC_QUOTE;
    default:
      /* \K, \X, \C, back references (\1, \g, \k) and unknown letters */
      if (e < 0x80 && g_ascii_isalnum ((char) e))
        return ESC_FAIL;
      *c = e;  /* an escaped punctuation character stands for itself */
      return ESC_CHAR;
    }
}

static Info
parse_class (Parser *parser)
{
  g_autoptr(GPtrArray) chars = set_new ();
  gboolean negated = FALSE, wide = FALSE, first = TRUE;
  gsize max = 0;

  if (parser->p < parser->end && *parser->p == '^')
    {
      negated = TRUE;
      parser->p++;
    }
  while (parser->p < parser->end && (first || *parser->p != ']'))
    {
      gunichar c = 0, hi;

      first = FALSE;
      if (at (parser, "[:") || at (parser, "[=") || at (parser, "[."))
        {
          const char *close = g_strstr_len (parser->p + 2, parser->end - parser->p - 2, ":]");
          if (close == NULL)
            {
              fail (parser);
              break;
            }
          parser->p = close + 2;
          wide = TRUE;
          continue;
        }
      if (*parser->p == '\\')
        {
          EscapeKind kind;

          parser->p++;
          kind = read_escape (parser, TRUE, &c);
          if (kind == ESC_CLASS)
            {
              wide = TRUE;
              continue;
            }
          if (kind != ESC_CHAR)
            {
              fail (parser);
              break;
            }
        }
      else
        c = next_char (parser);

      hi = c;
      if (at (parser, "-") && parser->p + 1 < parser->end && parser->p[1] != ']')
        {
          parser->p++;
          if (*parser->p == '\\')
            {
              parser->p++;
              if (read_escape (parser, TRUE, &hi) != ESC_CHAR)
                {
                  wide = TRUE;
                  continue;
                }
            }
          else
            hi = next_char (parser);
        }
      if (hi < c || hi - c >= CLASS_MAX)
        {
          wide = TRUE;
          continue;
        }
      for (gunichar u = c; u <= hi; u++)
        {
          char buf[8] = { 0 };
          g_unichar_to_utf8 (u, buf);
          set_add (chars, buf);
          max = MAX (max, char_max_bytes (parser, u));
        }
    }
  if (parser->p >= parser->end)
    fail (parser);
  else
    parser->p++;  /* ] */
  if (negated || wide || chars->len == 0 || chars->len > CLASS_MAX)
    return any_char (4);
  return (Info) { g_steal_pointer (&chars), NULL, 0, max, 0 };
}

static Info
parse_group (Parser *parser)
{
  gboolean zero = FALSE, ahead = FALSE;
  Info inner;

  if (at (parser, "*"))
    {
      fail (parser);  /* (*VERB) */
      return any_char (UNBOUNDED);
    }
  if (at (parser, "?"))
    {
      parser->p++;
      if (at (parser, ":") || at (parser, ">") || at (parser, "|"))
        parser->p++;
      else if (at (parser, "=") || at (parser, "!"))
        {
          parser->p++;
          zero = ahead = TRUE;
        }
      else if (at (parser, "<=") || at (parser, "<!"))
        {
          parser->p += 2;
          zero = TRUE;
        }
      else if (at (parser, "<") || at (parser, "P<"))
        skip_to (parser, '>');
      else if (at (parser, "'"))
        {
          parser->p++;
          skip_to (parser, '\'');
        }
      else if (at (parser, "#"))
        {
          skip_to (parser, ')');
          return zero_width (0);
        }
      else
        {
          /* inline options: (?i) (?-i) (?i:…); extended mode changes what
           * every character means, so it is not followed */
          const char *q = parser->p;
          while (q < parser->end && (g_ascii_isalpha (*q) || *q == '-' || *q == '^'))
            q++;
          if (q == parser->p || q >= parser->end || (*q != ')' && *q != ':')
              || memchr (parser->p, 'x', (gsize) (q - parser->p)) != NULL)
            {
              fail (parser);  /* recursion, conditionals, callouts, (?x) */
              return any_char (UNBOUNDED);
            }
          parser->p = q + 1;
          if (*q == ')')
            return zero_width (0);
        }
      if (parser->failed)
        return any_char (UNBOUNDED);
    }
  inner = parse_alternation (parser);
  if (parser->p >= parser->end || *parser->p != ')')
    {
      fail (parser);
      info_clear (&inner);
      return any_char (UNBOUNDED);
    }
  parser->p++;
  if (zero)
    {
      /* a lookahead reads as far as its own match and beyond */
      gsize reach = ahead ? add_sat (inner.max, inner.ahead) : 0;
      info_clear (&inner);
      return zero_width (reach);
    }
  return inner;
}

static Info
parse_quoted (Parser *parser)
{
  const char *start = parser->p;
  const char *stop = g_strstr_len (start, parser->end - start, "\\E");
  g_autofree char *text = NULL;
  gsize max = 0;

  if (stop == NULL)
    stop = parser->end;
  text = g_strndup (start, (gsize) (stop - start));
  parser->p = stop < parser->end ? stop + 2 : stop;
  /* a quantifier after \E applies to the last character only */
  if (parser->p < parser->end && strchr ("?*+{", *parser->p) != NULL)
    {
      fail (parser);
      return any_char (UNBOUNDED);
    }
  for (const char *q = text; *q != '\0'; q = g_utf8_next_char (q))
    max += char_max_bytes (parser, g_utf8_get_char (q));
  return (Info) { set_of (text), NULL, 0, max, 0 };
}

static Info
parse_atom (Parser *parser)
{
  gunichar c = next_char (parser);

  switch (c)
    {
    case '(':
      return parse_group (parser);
    case '[':
      return parse_class (parser);
    case '.':
      return any_char (4);
    case '^':
      return zero_width (0);
    case '$':
      return zero_width (4);
    case '\\':
      switch (read_escape (parser, FALSE, &c))
        {
        case ESC_CHAR:
          return literal (parser, c);
        case ESC_CLASS:
          return any_char (4);
        case ESC_ZERO:
          /* \b, \B, \z, \Z look at the character after */
          return zero_width (strchr ("bBzZ", parser->p[-1]) != NULL ? 4 : 0);
        case ESC_QUOTE:
          return parse_quoted (parser);
        case ESC_FAIL:
        default:
          fail (parser);
          return any_char (UNBOUNDED);
        }
    default:
      return literal (parser, c);
    }
}

/* {n}, {n,}, {n,m}; FALSE (and nothing read) when “{” is a literal */
static gboolean
read_braces (Parser *parser, guint *min, guint *max)
{
  const char *q = parser->p + 1;
  guint64 a = 0, b;
  gboolean has_a = FALSE;

  while (q < parser->end && g_ascii_isdigit (*q))
    {
      a = MIN (a * 10 + (guint64) (*q - '0'), 65535);
      q++;
      has_a = TRUE;
    }
  if (!has_a || q >= parser->end)
    return FALSE;
  if (*q == '}')
    b = a;
  else if (*q == ',')
    {
      gboolean has_b = FALSE;
      q++;
      b = 0;
      while (q < parser->end && g_ascii_isdigit (*q))
        {
          b = MIN (b * 10 + (guint64) (*q - '0'), 65535);
          q++;
          has_b = TRUE;
        }
      if (q >= parser->end || *q != '}')
        return FALSE;
      if (!has_b)
        b = G_MAXUINT;
    }
  else
    return FALSE;
  parser->p = q + 1;
  *min = (guint) a;
  *max = (guint) b;
  return TRUE;
}

static Info
apply_quantifier (Parser *parser, Info atom, guint min, guint max)
{
  Info out = { NULL, NULL, 0 };

  if (max == 0)
    {
      info_clear (&atom);
      return zero_width (0);
    }
  if (atom.exact != NULL && max <= 4)
    {
      g_autoptr(GPtrArray) power = set_of ("");
      GPtrArray *all = min == 0 ? set_of ("") : set_new ();

      for (guint k = 1; k <= max && power != NULL; k++)
        {
          GPtrArray *next = set_product (power, atom.exact);
          g_clear_pointer (&power, g_ptr_array_unref);
          power = next;
          if (power != NULL && k >= min)
            {
              GPtrArray *u = set_union (all, power);
              g_ptr_array_unref (all);
              all = u;
            }
        }
      if (power != NULL && all->len <= EXACT_MAX)
        out.exact = all;
      else
        g_ptr_array_unref (all);
    }
  /* the first repetition holds a needle as far in as one does */
  if (min >= 1)
    out.need = need_of (parser, &atom, &out.need_before);
  out.max = max == G_MAXUINT ? (atom.max == 0 ? 0 : UNBOUNDED) : mul_sat (atom.max, max);
  out.ahead = atom.ahead;
  info_clear (&atom);
  return out;
}

static Info
parse_quantified (Parser *parser)
{
  Info atom = parse_atom (parser);
  guint min, max;

  if (parser->failed || parser->p >= parser->end)
    return atom;
  switch (*parser->p)
    {
    case '?': min = 0; max = 1; parser->p++; break;
    case '*': min = 0; max = G_MAXUINT; parser->p++; break;
    case '+': min = 1; max = G_MAXUINT; parser->p++; break;
    case '{':
      if (!read_braces (parser, &min, &max))
        return atom;
      break;
    default:
      return atom;
    }
  /* lazy or possessive: the same strings */
  if (parser->p < parser->end && (*parser->p == '?' || *parser->p == '+'))
    parser->p++;
  return apply_quantifier (parser, atom, min, max);
}

static Info
parse_sequence (Parser *parser)
{
  g_autoptr(GPtrArray) all = set_of ("");   /* exact set of the whole sequence so far */
  g_autoptr(GPtrArray) run = set_of ("");   /* exact set of the current run of exact parts */
  GPtrArray *best = NULL;
  gsize best_before = 0;
  gsize max = 0, ahead = 0;
  gsize run_start = 0;                      /* the longest the sequence can be before the run */

  while (!parser->failed && parser->p < parser->end && *parser->p != '|' && *parser->p != ')')
    {
      Info part = parse_quantified (parser);
      gsize part_start = max;

      max = add_sat (max, part.max);
      /* what a part reads past its end, the sequence reads past its own
       * end at most: the later parts only move that end on */
      ahead = MAX (ahead, part.ahead);
      if (part.exact != NULL)
        {
          GPtrArray *longer = set_product (run, part.exact);

          if (all != NULL)
            {
              GPtrArray *next = set_product (all, part.exact);
              g_clear_pointer (&all, g_ptr_array_unref);
              all = next;
            }
          if (longer == NULL)
            {
              /* too many strings: keep what the run had, start afresh */
              if (!set_contains (run, ""))
                consider (parser, &best, &best_before, run, run_start);
              g_clear_pointer (&run, g_ptr_array_unref);
              run = set_copy (part.exact);
              run_start = part_start;
            }
          else
            {
              g_clear_pointer (&run, g_ptr_array_unref);
              run = longer;
            }
        }
      else
        {
          g_clear_pointer (&all, g_ptr_array_unref);
          if (!set_contains (run, ""))
            consider (parser, &best, &best_before, run, run_start);
          g_clear_pointer (&run, g_ptr_array_unref);
          run = set_of ("");
          run_start = max;
          consider (parser, &best, &best_before, part.need, add_sat (part_start, part.need_before));
        }
      info_clear (&part);
    }
  if (!set_contains (run, ""))
    consider (parser, &best, &best_before, run, run_start);
  return (Info) { g_steal_pointer (&all), best, best_before, max, ahead };
}

static Info
parse_alternation (Parser *parser)
{
  Info out = parse_sequence (parser);
  gsize before;
  GPtrArray *need = need_of (parser, &out, &before);

  g_clear_pointer (&out.need, g_ptr_array_unref);
  out.need = need;
  out.need_before = before;
  while (!parser->failed && parser->p < parser->end && *parser->p == '|')
    {
      Info branch;

      parser->p++;
      branch = parse_sequence (parser);
      out.max = MAX (out.max, branch.max);
      out.ahead = MAX (out.ahead, branch.ahead);
      if (out.exact != NULL && branch.exact != NULL)
        {
          GPtrArray *u = set_union (out.exact, branch.exact);
          g_ptr_array_unref (out.exact);
          out.exact = u;
          if (u->len > EXACT_MAX)
            g_clear_pointer (&out.exact, g_ptr_array_unref);
        }
      else
        g_clear_pointer (&out.exact, g_ptr_array_unref);
      /* every branch must bring a needle */
      {
        gsize branch_before;
        g_autoptr(GPtrArray) branch_need = need_of (parser, &branch, &branch_before);
        if (out.need != NULL && branch_need != NULL && !set_contains (branch_need, ""))
          {
            GPtrArray *u = set_union (out.need, branch_need);
            g_ptr_array_unref (out.need);
            out.need = u;
            out.need_before = MAX (out.need_before, branch_before);
          }
        else
          g_clear_pointer (&out.need, g_ptr_array_unref);
      }
      info_clear (&branch);
    }
  if (out.need != NULL && set_contains (out.need, ""))
    g_clear_pointer (&out.need, g_ptr_array_unref);
  return out;
}

/**
 * kith_literals_analyse:
 * @pattern: a pattern PCRE2 has accepted
 * @caseless: whether the rule matches without regard to case
 *
 * Returns: (transfer full): the needles and the longest match of @pattern
 */
KithLiterals *
kith_literals_analyse (const char *pattern,
                       gboolean    caseless)
{
  Parser parser = { pattern, pattern + strlen (pattern), caseless, FALSE };
  KithLiterals *literals = g_new0 (KithLiterals, 1);
  Info top;
  g_autoptr(GPtrArray) best = NULL;
  gsize before = 0;

  g_return_val_if_fail (g_utf8_validate (pattern, -1, NULL), literals);

  top = parse_alternation (&parser);
  if (parser.p < parser.end)
    parser.failed = TRUE;  /* an unbalanced “)” */
  literals->max_bytes = parser.failed ? UNBOUNDED : top.max;
  literals->max_ahead = parser.failed ? UNBOUNDED : top.ahead;
  best = parser.failed ? NULL : need_of (&parser, &top, &before);
  info_clear (&top);
  if (best != NULL)
    {
      double min_bits;
      gsize offset;
      g_autoptr(GPtrArray) pieces = set_pieces (best, caseless, &min_bits, &offset);

      gboolean usable = pieces->len > 0 && min_bits >= KITH_LITERALS_MIN_BITS;

      for (guint i = 0; i < pieces->len; i++)
        usable &= strlen (g_ptr_array_index (pieces, i)) >= KITH_LITERALS_MIN_BYTES;
      if (usable)
        {
          literals->needles = g_steal_pointer (&pieces);
          literals->max_before = add_sat (before, offset);
        }
    }
  return literals;
}

void
kith_literals_free (KithLiterals *literals)
{
  if (literals == NULL)
    return;
  g_clear_pointer (&literals->needles, g_ptr_array_unref);
  g_free (literals);
}
