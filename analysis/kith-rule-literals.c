/* kith-rule-literals.c — needles and the longest match of a PCRE2 pattern
 *
 * A recursive descent over the pattern's syntax computes, for every part:
 *  - exact: a small set of strings that includes every string the part can
 *    match (NULL when there is no small such set), e.g. “feels? safe” gives
 *    {feel safe, feels safe}; zero-width items (\b, lookarounds) give {""};
 *  - need:  a set of strings one of which every match of the part contains
 *    (NULL when nothing is known);
 *  - max:   the longest match in bytes.
 * Over-approximating is always safe: a needle set only has to be *hit* by
 * every real match; extra hits cost a PCRE2 call, never a missed match.
 */
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
  gsize      max;
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

/* The longest piece of @s the needle scan can compare exactly: ASCII
 * folded to lower case, cut at every non-ASCII character that has case. */
static char *
needle_piece (const char *s, gboolean caseless)
{
  const char *best = s, *start = s;
  gsize best_len = 0;
  char *out;

  for (const char *p = s;; p = g_utf8_next_char (p))
    {
      gboolean cut = *p == '\0';

      if (!cut && (guchar) *p >= 0x80 && caseless)
        cut = !is_uncased (g_utf8_get_char (p));
      if (cut)
        {
          if ((gsize) (p - start) > best_len)
            {
              best = start;
              best_len = (gsize) (p - start);
            }
          if (*p == '\0')
            break;
          start = g_utf8_next_char (p);
        }
    }
  out = g_strndup (best, best_len);
  for (char *q = out; *q != '\0'; q++)
    *q = g_ascii_tolower (*q);
  return out;
}

static GPtrArray *
set_pieces (GPtrArray *set, gboolean caseless)
{
  GPtrArray *out = set_new ();

  for (guint i = 0; i < set->len; i++)
    {
      g_autofree char *piece = needle_piece (g_ptr_array_index (set, i), caseless);
      set_add (out, piece);
    }
  return out;
}

/* Longer needles first (up to 12 bytes, beyond which length hardly matters),
 * then fewer of them; -1 for a set that cannot serve. */
static gint64
score (GPtrArray *set, gboolean caseless)
{
  g_autoptr(GPtrArray) pieces = NULL;
  gsize min_len = G_MAXSIZE;

  if (set == NULL || set->len == 0)
    return -1;
  pieces = set_pieces (set, caseless);
  for (guint i = 0; i < pieces->len; i++)
    min_len = MIN (min_len, strlen (g_ptr_array_index (pieces, i)));
  if (min_len == 0)
    return -1;
  return (gint64) MIN (min_len, 12) * 1000 - (gint64) MIN (pieces->len, 999);
}

/* keeps in *best whichever of *best and @candidate scores higher */
static void
consider (Parser *parser, GPtrArray **best, GPtrArray *candidate)
{
  if (score (candidate, parser->caseless) > score (*best, parser->caseless))
    {
      g_clear_pointer (best, g_ptr_array_unref);
      *best = set_copy (candidate);
    }
}

/* the best known needle set of a part: its exact set or its need set */
static GPtrArray *
need_of (Parser *parser, Info *info)
{
  GPtrArray *best = NULL;

  consider (parser, &best, info->exact);
  consider (parser, &best, info->need);
  return best;
}

/* ---- parsing ------------------------------------------------------------------ */

static Info parse_alternation (Parser *parser);

static Info
zero_width (void)
{
  return (Info) { set_of (""), NULL, 0 };
}

static Info
any_char (gsize max)
{
  return (Info) { NULL, NULL, max };
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
  return (Info) { set_of (buf), NULL, char_max_bytes (parser, c) };
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
  return (Info) { g_steal_pointer (&chars), NULL, max };
}

static Info
parse_group (Parser *parser)
{
  gboolean zero = FALSE;
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
          zero = TRUE;
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
          return zero_width ();
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
            return zero_width ();
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
      info_clear (&inner);
      return zero_width ();
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
  return (Info) { set_of (text), NULL, max };
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
    case '$':
      return zero_width ();
    case '\\':
      switch (read_escape (parser, FALSE, &c))
        {
        case ESC_CHAR:
          return literal (parser, c);
        case ESC_CLASS:
          return any_char (4);
        case ESC_ZERO:
          return zero_width ();
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
      a = MIN (a * 10 + (guint64) (*q++ - '0'), 65535);
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
          b = MIN (b * 10 + (guint64) (*q++ - '0'), 65535);
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
      return zero_width ();
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
  if (min >= 1)
    out.need = need_of (parser, &atom);
  out.max = max == G_MAXUINT ? (atom.max == 0 ? 0 : UNBOUNDED) : mul_sat (atom.max, max);
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
  gsize max = 0;

  while (!parser->failed && parser->p < parser->end && *parser->p != '|' && *parser->p != ')')
    {
      Info part = parse_quantified (parser);

      max = add_sat (max, part.max);
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
                consider (parser, &best, run);
              g_clear_pointer (&run, g_ptr_array_unref);
              run = set_copy (part.exact);
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
            consider (parser, &best, run);
          g_clear_pointer (&run, g_ptr_array_unref);
          run = set_of ("");
          consider (parser, &best, part.need);
        }
      info_clear (&part);
    }
  if (!set_contains (run, ""))
    consider (parser, &best, run);
  return (Info) { g_steal_pointer (&all), best, max };
}

static Info
parse_alternation (Parser *parser)
{
  Info out = parse_sequence (parser);
  GPtrArray *need = need_of (parser, &out);

  g_clear_pointer (&out.need, g_ptr_array_unref);
  out.need = need;
  while (!parser->failed && parser->p < parser->end && *parser->p == '|')
    {
      Info branch;

      parser->p++;
      branch = parse_sequence (parser);
      out.max = MAX (out.max, branch.max);
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
        g_autoptr(GPtrArray) branch_need = need_of (parser, &branch);
        if (out.need != NULL && branch_need != NULL && !set_contains (branch_need, ""))
          {
            GPtrArray *u = set_union (out.need, branch_need);
            g_ptr_array_unref (out.need);
            out.need = u;
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

  g_return_val_if_fail (g_utf8_validate (pattern, -1, NULL), literals);

  top = parse_alternation (&parser);
  if (parser.p < parser.end)
    parser.failed = TRUE;  /* an unbalanced “)” */
  literals->max_bytes = parser.failed ? UNBOUNDED : top.max;
  best = parser.failed ? NULL : need_of (&parser, &top);
  info_clear (&top);
  if (best != NULL)
    {
      g_autoptr(GPtrArray) pieces = set_pieces (best, caseless);
      gboolean usable = TRUE;

      for (guint i = 0; i < pieces->len; i++)
        if (strlen (g_ptr_array_index (pieces, i)) < KITH_LITERALS_MIN_NEEDLE)
          usable = FALSE;
      if (usable && pieces->len > 0)
        literals->needles = g_steal_pointer (&pieces);
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
