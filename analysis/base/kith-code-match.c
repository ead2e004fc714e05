/* kith-code-match.c */
#include <string.h>

#include "kith-code-match.h"

char *
kith_code_match_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) bare = NULL;

  if (text == NULL)
    return g_strdup ("");
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  if (decomposed == NULL)
    return g_strdup ("");
  bare = g_string_sized_new (strlen (decomposed));
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_ismark (c))
        g_string_append_unichar (bare, c);
    }
  return g_utf8_casefold (bare->str, (gssize) bare->len);
}

static gboolean
at_word_start (const char *text, const char *at)
{
  gunichar before;

  if (at == text)
    return TRUE;
  before = g_utf8_get_char (g_utf8_prev_char (at));
  return !g_unichar_isalnum (before);
}

/* Substring score: 0 if absent; more at a word start, most at the start. */
static int
substring_score (const char *haystack, const char *word, int base)
{
  int best = 0;

  for (const char *at = strstr (haystack, word); at != NULL; at = strstr (at + 1, word))
    {
      int score = base;
      if (at == haystack)
        score += base / 2;
      else if (at_word_start (haystack, at))
        score += base / 3;
      best = MAX (best, score);
    }
  return best;
}

/* Letters of @word in order in @haystack: a score that falls with the
 * gaps between them and rises with letters at word starts; 0 if absent. */
static int
subsequence_score (const char *haystack, const char *word)
{
  const char *h = haystack;
  int score = 30, gaps = 0;

  for (const char *w = word; *w != '\0'; w = g_utf8_next_char (w))
    {
      gunichar c = g_utf8_get_char (w);
      const char *found = NULL;

      for (const char *p = h; *p != '\0'; p = g_utf8_next_char (p))
        if (g_utf8_get_char (p) == c)
          {
            found = p;
            break;
          }
      if (found == NULL)
        return 0;
      if (found != h)
        gaps++;
      if (at_word_start (haystack, found))
        score += 2;
      h = g_utf8_next_char (found);
    }
  return MAX (1, score - 3 * gaps);
}

int
kith_code_match_score (const char *query,
                       const char *name,
                       const char *path,
                       const char *description)
{
  g_autofree char *q = kith_code_match_fold (query);
  g_autofree char *n = kith_code_match_fold (name);
  g_autofree char *p = kith_code_match_fold (path);
  g_autofree char *d = kith_code_match_fold (description);
  g_auto(GStrv) words = g_strsplit_set (q, " \t/", -1);
  int total = 0, n_words = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      const char *word = words[i];
      int score;

      if (*word == '\0')
        continue;
      n_words++;
      score = substring_score (n, word, 100);
      if (score == 0)
        score = substring_score (p, word, 60);
      if (score == 0)
        score = subsequence_score (n, word);
      if (score == 0)
        score = substring_score (d, word, 20);
      if (score == 0)
        return -1;
      total += score;
    }
  if (n_words == 0)
    return 0;
  /* between equal matches, the shorter name is the likelier one */
  return MAX (1, total - (int) (g_utf8_strlen (n, -1) / 8));
}
