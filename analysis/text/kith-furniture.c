/* kith-furniture.c
 *
 * What is learnt, from the document itself:
 *   page numbers   bare numbers (“12”, “Page 12”, “- 12 -”, “12 of 40”) on
 *                  lines of their own, at least two of them, mostly rising
 *   running lines  with form feeds between pages: the first and last two
 *                  lines of a page that come back on half the pages or more
 *                  (three of them at least, or every page of a short text);
 *                  without them: a short line with a number set off by a
 *                  separator (“12 | Annual Report”, “Page 3 · WMCA”) that
 *                  comes back three times or more with the number changed
 *   icon names     lower-case hyphenated tokens (“user-hard-hat”) that stand
 *                  on lines of their own, twice or beside another such
 *                  token, and are never written inside a sentence
 * Headings that come back (“Our ambition” on every chapter) are kept: a
 * repeated line is only furniture when a page structure or a page number
 * says so.
 */
#include <string.h>

#include "kith-furniture.h"

#define MAX_RUNNING_CHARS 80
#define MAX_PAGE_LINE_CHARS 160   /* a header between form feeds may be long */
#define MAX_ICON_TOKENS   6

struct _KithFurniture
{
  gboolean    page_numbers;
  GHashTable *running;   /* normalised lines */
  GHashTable *icons;     /* icon names */
};

KithFurniture *
kith_furniture_new (void)
{
  KithFurniture *f = g_new0 (KithFurniture, 1);

  f->running = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  f->icons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return f;
}

void
kith_furniture_free (KithFurniture *f)
{
  if (f == NULL)
    return;
  g_hash_table_unref (f->running);
  g_hash_table_unref (f->icons);
  g_free (f);
}

guint
kith_furniture_get_n_patterns (const KithFurniture *f)
{
  return (f->page_numbers ? 1 : 0) + g_hash_table_size (f->running) + g_hash_table_size (f->icons);
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

static void
trim (const char **s, gsize *len)
{
  while (*len > 0 && is_blank (**s))
    (*s)++, (*len)--;
  while (*len > 0 && is_blank ((*s)[*len - 1]))
    (*len)--;
}

/* Whether lower-casing @s changes only its ASCII letters: it is ASCII but
 * for caseless General Punctuation (’ “ ” – — …), as most lines are. */
static gboolean
lowers_as_ascii (const char *s, gsize len)
{
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) s[i];
      if (c < 0x80)
        continue;
      if (c != 0xE2 || i + 2 >= len || ((guchar) s[i + 1] & 0xFE) != 0x80)
        return FALSE;
      i += 2;
    }
  return TRUE;
}

/* How long normalise() makes @s at least, counted up to @cap + 1: each
 * code point, run of digits or run of blanks becomes one byte or more, and
 * no code point lower-cases to a digit or a blank. */
static gsize
normalised_length_at_least (const char *s, gsize len, gsize cap)
{
  gsize n = 0;

  for (gsize i = 0; i < len && n <= cap; i++)
    {
      guchar c = (guchar) s[i];
      if ((c & 0xC0) == 0x80
          || (i > 0 && g_ascii_isdigit (c) && g_ascii_isdigit (s[i - 1]))
          || (i > 0 && is_blank (c) && is_blank (s[i - 1])))
        continue;
      n++;
    }
  return n;
}

/* Lower case, every run of digits as “#”, runs of blanks as one space. */
static char *
normalise (const char *line, gsize len)
{
  GString *out = g_string_sized_new (len);
  g_autofree char *down = NULL;
  const char *p, *end;

  trim (&line, &len);
  /* called on many lines of every document: g_utf8_strdown only where it
   * could differ from ASCII lower case */
  if (lowers_as_ascii (line, len))
    p = line, end = line + len;
  else
    {
      down = g_utf8_strdown (line, (gssize) len);
      p = down, end = down + strlen (down);
    }
  for (; p < end; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          while (p + 1 < end && g_ascii_isdigit (p[1]))
            p++;
          g_string_append_c (out, '#');
        }
      else if (is_blank (*p))
        {
          while (p + 1 < end && is_blank (p[1]))
            p++;
          g_string_append_c (out, ' ');
        }
      else
        g_string_append_c (out, g_ascii_tolower (*p));
    }
  return g_string_free (out, FALSE);
}

static gboolean
skip_decoration (const char **p, const char *end)
{
  static const char *const marks[] = { "-", "(", ")", "[", "]", "|", "–", "—", "·", "•" };
  gboolean any = FALSE;

  for (gboolean again = TRUE; again;)
    {
      again = FALSE;
      while (*p < end && is_blank (**p))
        (*p)++;
      /* every line is tried: most start with no mark's first byte */
      if (*p == end || memchr ("-()[]|\xE2\xC2", **p, 8) == NULL)
        break;
      for (gsize i = 0; i < G_N_ELEMENTS (marks); i++)
        {
          gsize n = strlen (marks[i]);
          if ((gsize) (end - *p) >= n && memcmp (*p, marks[i], n) == 0)
            {
              *p += n;
              again = any = TRUE;
              break;
            }
        }
    }
  return any;
}

static gboolean
skip_word (const char **p, const char *end, const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (end - *p) >= n && g_ascii_strncasecmp (*p, word, n) == 0
      && (*p + n == end || !g_ascii_isalpha ((*p)[n])))
    {
      *p += n;
      return TRUE;
    }
  return FALSE;
}

static long
read_number (const char **p, const char *end)
{
  long v = 0;
  int digits = 0;

  while (*p < end && g_ascii_isdigit (**p) && digits < 5)
    v = v * 10 + (*(*p)++ - '0'), digits++;
  return digits > 0 && digits <= 4 ? v : -1;
}

/* The page number a line consists of, or -1. */
static long
page_number (const char *line, gsize len)
{
  const char *p = line, *end = line + len;
  long value;

  skip_decoration (&p, end);
  if (skip_word (&p, end, "page") || skip_word (&p, end, "p."))
    skip_decoration (&p, end);
  value = read_number (&p, end);
  if (value < 0)
    return -1;
  skip_decoration (&p, end);
  if (p < end && (skip_word (&p, end, "of") || (*p == '/' && p++)))
    {
      while (p < end && is_blank (*p))
        p++;
      if (read_number (&p, end) < 0)
        return -1;
      skip_decoration (&p, end);
    }
  return p == end ? value : -1;
}

/* “# | annual report”, “annual report · page #”: a number set off from the
 * words by a separator, or named as a page. */
static gboolean
numbered_running_shape (const char *norm)
{
  gsize n = strlen (norm);
  const char *hash = strchr (norm, '#');

  if (hash == NULL || n > MAX_RUNNING_CHARS || n < 3 || norm[n - 1] == ':')
    return FALSE;
  if (strstr (norm, "page #") != NULL)
    return TRUE;
  if (norm[0] == '#' || norm[n - 1] == '#')
    return strpbrk (norm, "|/") != NULL || strstr (norm, "·") != NULL || strstr (norm, "•") != NULL
           || strstr (norm, "–") != NULL || strstr (norm, "—") != NULL;
  return FALSE;
}

static gboolean
icon_shaped (const char *t, gsize n)
{
  gboolean hyphen = FALSE;

  if (n < 3 || n > 40 || !g_ascii_islower (t[0]) || !g_ascii_islower (t[n - 1]))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      if (t[i] == '-')
        {
          if (t[i - 1] == '-')
            return FALSE;
          hyphen = TRUE;
        }
      else if (!g_ascii_islower (t[i]))
        return FALSE;
    }
  return hyphen;
}

static gboolean
lower_word (const char *t, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_islower (t[i]) && t[i] != '-')
      return FALSE;
  return n > 0;
}

typedef struct
{
  const char *start;
  gsize       len;
} Token;

static guint
tokenise (const char *line, gsize len, Token *tokens, guint max)
{
  const char *p = line, *end = line + len;
  guint n = 0;

  while (p < end)
    {
      while (p < end && is_blank (*p))
        p++;
      if (p == end)
        break;
      if (n == max)
        return max + 1;
      tokens[n].start = p;
      while (p < end && !is_blank (*p))
        p++;
      tokens[n].len = (gsize) (p - tokens[n].start);
      n++;
    }
  return n;
}

/* A line of icon-shaped tokens, with one plain lower-case word at most
 * among two of them or more: the number of icon-shaped tokens, else 0. */
static guint
icon_line (const char *line, gsize len, Token *tokens, guint *n_tokens)
{
  guint n = tokenise (line, len, tokens, MAX_ICON_TOKENS), icons = 0;

  *n_tokens = n;
  if (n == 0 || n > MAX_ICON_TOKENS)
    return 0;
  for (guint i = 0; i < n; i++)
    {
      if (!lower_word (tokens[i].start, tokens[i].len))
        return 0;
      icons += icon_shaped (tokens[i].start, tokens[i].len);
    }
  /* “work-related experience and” ends a wrapped paragraph; “child
   * user-hard-hat store-alt” is a row of icons */
  if (icons < n && (icons < 2 || n - icons > 1))
    return 0;
  return icons;
}

static void
count (GHashTable *table, const char *s, gsize n)
{
  char *key = g_strndup (s, n);
  guint c = GPOINTER_TO_UINT (g_hash_table_lookup (table, key));

  g_hash_table_replace (table, key, GUINT_TO_POINTER (c + 1));
}

static guint
counted (GHashTable *table, const char *key)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, key));
}

typedef struct
{
  const char *start;
  gsize       len;
} Line;

static void
learn_pages (KithFurniture *f, GArray *lines, GArray *page_starts)
{
  g_autoptr(GHashTable) pages_with = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_pages = page_starts->len, with_text = 0;
  GHashTableIter iter;
  gpointer key, value;

  if (n_pages < 2)
    return;
  for (guint p = 0; p < n_pages; p++)
    {
      guint from = g_array_index (page_starts, guint, p);
      guint to = p + 1 < n_pages ? g_array_index (page_starts, guint, p + 1) : lines->len;
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      guint taken = 0;

      /* the first two and the last two lines with text */
      for (int pass = 0; pass < 2; pass++)
        {
          taken = 0;
          for (guint k = 0; k < to - from && taken < 2; k++)
            {
              Line *l = &g_array_index (lines, Line, pass == 0 ? from + k : to - 1 - k);
              char *norm = normalise (l->start, l->len);
              if (*norm == '\0' || strlen (norm) > MAX_PAGE_LINE_CHARS)
                {
                  taken += *norm != '\0';
                  g_free (norm);
                  continue;
                }
              taken++;
              if (!g_hash_table_add (seen, norm))
                continue;
              count (pages_with, norm, strlen (norm));
            }
        }
      with_text += g_hash_table_size (seen) > 0;
    }
  g_hash_table_iter_init (&iter, pages_with);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (with_text >= 2 && GPOINTER_TO_UINT (value) >= MIN (3, with_text)
        && GPOINTER_TO_UINT (value) * 2 >= with_text)
      g_hash_table_add (f->running, g_strdup (key));
}

void
kith_furniture_learn (KithFurniture *f,
                      const char    *text,
                      gsize          len)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (Line));
  g_autoptr(GArray) page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) numbered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) numbered_raw = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) alone = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) paired = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) at_edge = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) in_text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *p = text, *end = text + len;
  long last_number = -1;
  guint numbers = 0, rising = 0;
  GHashTableIter iter;
  gpointer key, value;

  g_array_append_val (page_starts, (guint) { 0 });
  while (p < end)
    {
      const char *stop = memchr (p, '\n', (gsize) (end - p));
      const char *ff = memchr (p, '\f', (gsize) ((stop != NULL ? stop : end) - p));
      Line l;

      /* a line ends at its line feed, or at a form feed before it */
      if (ff != NULL)
        stop = ff;
      else if (stop == NULL)
        stop = end;
      l.start = p;
      l.len = (gsize) (stop - p);
      g_array_append_val (lines, l);
      if (stop < end && *stop == '\f')
        {
          guint next = lines->len;
          g_array_append_val (page_starts, next);
        }
      p = stop + (stop < end);
    }

  for (guint i = 0; i < lines->len; i++)
    {
      Line *l = &g_array_index (lines, Line, i);
      const char *s = l->start;
      gsize n = l->len;
      Token tokens[MAX_ICON_TOKENS + 1];
      guint n_tokens, icons;
      long number;

      trim (&s, &n);
      if (n == 0)
        continue;
      if ((number = page_number (s, n)) >= 0)
        {
          numbers++;
          rising += last_number >= 0 && number > last_number;
          last_number = number;
          continue;
        }
      if (n <= MAX_RUNNING_CHARS * 2 && memchr (s, '-', n) == NULL && !g_ascii_isdigit (s[0])
          && !g_ascii_isdigit (s[n - 1]) && memmem (s, n, "age ", 4) == NULL)
        ;  /* cannot be a numbered running line: skip the normalising */
      else if (normalised_length_at_least (s, n, MAX_RUNNING_CHARS) > MAX_RUNNING_CHARS)
        ;  /* too long to be one, whatever normalising makes of it */
      else
        {
          g_autofree char *norm = normalise (s, n);
          if (numbered_running_shape (norm))
            {
              count (numbered, norm, strlen (norm));
              count (numbered_raw, s, n);
            }
        }
      if (memchr (s, '-', n) == NULL)
        continue;
      icons = icon_line (s, n, tokens, &n_tokens);
      if (icons > 0)
        {
          for (guint t = 0; t < n_tokens; t++)
            if (icon_shaped (tokens[t].start, tokens[t].len))
              count (icons > 1 ? paired : alone, tokens[t].start, tokens[t].len);
          continue;
        }
      n_tokens = tokenise (s, n, tokens, MAX_ICON_TOKENS);
      {
        /* every hyphenated word of a line of text: inside it, it is a word;
         * at its first or last place, it may be an icon beside a heading */
        const char *q = s, *qend = s + n;
        guint index = 0;
        while (q < qend)
          {
            const char *w;
            while (q < qend && is_blank (*q))
              q++;
            w = q;
            while (q < qend && !is_blank (*q))
              q++;
            if (q > w && icon_shaped (w, (gsize) (q - w)))
              {
                gboolean edge = index == 0 || q == qend;
                count (edge ? at_edge : in_text, w, (gsize) (q - w));
              }
            index++;
          }
      }
    }

  f->page_numbers = numbers >= 2 && rising * 5 >= (numbers - 1) * 3;

  g_hash_table_iter_init (&iter, numbered);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) >= 3)
      g_hash_table_add (f->running, g_strdup (key));
  /* the number must change: the same line thrice is a heading */
  g_hash_table_iter_init (&iter, numbered_raw);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) >= 3)
      {
        g_autofree char *norm = normalise (key, strlen (key));
        g_hash_table_remove (f->running, norm);
      }

  learn_pages (f, lines, page_starts);

  g_hash_table_iter_init (&iter, alone);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (counted (in_text, key) == 0 && GPOINTER_TO_UINT (value) + counted (at_edge, key) >= 2)
      g_hash_table_add (f->icons, g_strdup (key));
  g_hash_table_iter_init (&iter, paired);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (counted (in_text, key) == 0)
      g_hash_table_add (f->icons, g_strdup (key));
}

static gboolean
is_icon (const KithFurniture *f, const char *s, gsize n)
{
  g_autofree char *key = g_strndup (s, n);

  return g_hash_table_contains (f->icons, key);
}

gboolean
kith_furniture_strip (const KithFurniture *f,
                      const char          *line,
                      gsize                len,
                      gsize               *keep_start,
                      gsize               *keep_end)
{
  const char *s = line;
  gsize n = len;
  Token tokens[MAX_ICON_TOKENS + 1];
  guint n_tokens;

  *keep_start = 0;
  *keep_end = len;
  trim (&s, &n);
  if (n == 0)
    return FALSE;
  if (f->page_numbers && (g_ascii_isdigit (*s) || strchr ("pP-([|", *s) != NULL || (guchar) *s >= 0x80)
      && page_number (s, n) >= 0)
    return TRUE;
  if (g_hash_table_size (f->running) > 0 && n <= MAX_PAGE_LINE_CHARS * 2)
    {
      g_autofree char *norm = normalise (s, n);
      if (g_hash_table_contains (f->running, norm))
        return TRUE;
    }
  if (g_hash_table_size (f->icons) == 0 || memchr (s, '-', n) == NULL)
    return FALSE;

  if (icon_line (s, n, tokens, &n_tokens) > 0)
    {
      guint known = 0, plain = 0;
      for (guint t = 0; t < n_tokens; t++)
        {
          if (is_icon (f, tokens[t].start, tokens[t].len))
            known++;
          else if (icon_shaped (tokens[t].start, tokens[t].len))
            return FALSE;
          else
            plain++;
        }
      if (known > 0 && plain <= 2)
        return TRUE;
    }

  n_tokens = tokenise (s, n, tokens, MAX_ICON_TOKENS);
  if (n_tokens < 2)
    {
      /* a word with an icon name stuck to its end: “Schemeuser-hard-hat” */
      GHashTableIter iter;
      gpointer key;
      g_hash_table_iter_init (&iter, f->icons);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        {
          gsize k = strlen (key);
          if (k < n && k >= 8 && memcmp (s + n - k, key, k) == 0 && g_ascii_isalpha (s[n - k - 1]))
            {
              *keep_start = (gsize) (s - line);
              *keep_end = (gsize) (s - line) + n - k;
              return FALSE;
            }
        }
      return FALSE;
    }
  {
    const char *from = s, *to = s + n;
    Token *first = &tokens[0];
    const char *last_start = NULL;
    gsize last_len = 0;

    if (is_icon (f, first->start, first->len))
      {
        from = first->start + first->len;
        while (from < to && is_blank (*from))
          from++;
      }
    /* the last token: tokenise stopped counting after MAX_ICON_TOKENS */
    last_start = to;
    while (last_start > from && !is_blank (last_start[-1]))
      last_start--;
    last_len = (gsize) (to - last_start);
    if (last_start > from && is_icon (f, last_start, last_len))
      {
        to = last_start;
        while (to > from && is_blank (to[-1]))
          to--;
      }
    else if (last_start > from)
      {
        GHashTableIter iter;
        gpointer key;
        g_hash_table_iter_init (&iter, f->icons);
        while (g_hash_table_iter_next (&iter, &key, NULL))
          {
            gsize k = strlen (key);
            if (k < last_len && k >= 8 && memcmp (to - k, key, k) == 0 && g_ascii_isalpha (to[-(gssize) k - 1]))
              {
                to -= k;
                break;
              }
          }
      }
    if (from != s || to != s + n)
      {
        *keep_start = (gsize) (from - line);
        *keep_end = (gsize) (to - line);
      }
  }
  return FALSE;
}
