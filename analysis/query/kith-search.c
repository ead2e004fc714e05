/* kith-search.c */
#include <string.h>

#include "kith-documents.h"
#include "kith-search.h"
#include "kith-i18n.h"
#include "kith-utf8.h"

#define CONTEXT_CHARS 40

void
kith_search_hit_free (KithSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->document);
  g_free (hit->context);
  g_free (hit);
}

static char *
context_around (KithTextIndex *index, gint64 start, gint64 end)
{
  gint64 from = MAX (0, start - CONTEXT_CHARS);
  gint64 to = MIN (kith_text_index_get_length (index), end + CONTEXT_CHARS);
  g_autofree char *span = kith_text_index_dup_span (index, from, to);

  for (char *p = span; *p != '\0'; p++)
    if (*p == '\n' || *p == '\t')
      *p = ' ';
  return g_strdup_printf ("%s%s%s", from > 0 ? "…" : "", span, to < kith_text_index_get_length (index) ? "…" : "");
}

GPtrArray *
kith_search_text (KithProject *project,
                  const char  *needle,
                  gint64       document_id,
                  gboolean     ignore_case,
                  GError     **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_search_hit_free);
  g_autoptr(GPtrArray) docs = NULL;
  g_autofree char *escaped = NULL;
  g_autoptr(GRegex) regex = NULL;

  g_return_val_if_fail (needle != NULL, NULL);

  if (*needle == '\0' || !g_utf8_validate (needle, -1, NULL))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID, _("the text to find must be non-empty UTF-8"));
      return NULL;
    }
  /* a literal, through GRegex for Unicode case folding */
  escaped = g_regex_escape_string (needle, -1);
  regex = g_regex_new (escaped, (ignore_case ? G_REGEX_CASELESS : 0) | G_REGEX_OPTIMIZE, 0, error);
  if (regex == NULL)
    return NULL;
  docs = kith_documents_list (project, error);
  if (docs == NULL)
    return NULL;
  for (guint i = 0; i < docs->len; i++)
    {
      KithDocument *doc = g_ptr_array_index (docs, i);
      g_autoptr(GMatchInfo) match = NULL;
      g_autoptr(KithTextIndex) index = NULL;
      g_autofree char *text = NULL;
      gsize len = 0;

      if (document_id != 0 && doc->id != document_id)
        continue;
      text = kith_documents_dup_text (project, doc->id, &len, error);
      if (text == NULL)
        return NULL;
      index = kith_text_index_new (text, len);
      g_regex_match_full (regex, text, (gssize) len, 0, 0, &match, NULL);
      while (g_match_info_matches (match))
        {
          KithSearchHit *hit = g_new0 (KithSearchHit, 1);
          int s = 0, e = 0;

          g_match_info_fetch_pos (match, 0, &s, &e);
          hit->document_id = doc->id;
          hit->document = g_strdup (doc->name);
          hit->start = kith_text_index_char_at (index, (gsize) s);
          hit->end = kith_text_index_char_at (index, (gsize) e);
          hit->context = context_around (index, hit->start, hit->end);
          g_ptr_array_add (hits, hit);
          g_match_info_next (match, NULL);
        }
    }
  return g_steal_pointer (&hits);
}
