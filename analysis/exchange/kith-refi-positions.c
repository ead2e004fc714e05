/* kith-refi-positions.c — a source's text as Kith's, and how its
 * selections were counted: by fit first, else by where they fall */
#include <string.h>

#include "kith-refi-positions.h"
#include "kith-utf8.h"

/* The text's canonical form: LF line ends; @crlf gets the code point
 * offsets (in @text) of every CR that a LF follows. */
char *
kith_refi_to_lf (const char *text, gsize len, GArray *crlf)
{
  GString *out = g_string_sized_new (len);
  gint64 cp = 0;

  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) text[i];
      if ((c & 0xC0) != 0x80)
        cp++;
      if (c != '\r')
        g_string_append_c (out, (char) c);
      else if (i + 1 < len && text[i + 1] == '\n')
        {
          gint64 at = cp - 1;
          g_array_append_val (crlf, at);
        }
      else
        g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* A position counted with CRLF line ends, counted without them. */
gint64
kith_refi_without_crs (GArray *crlf, gint64 position)
{
  guint lo = 0, hi = crlf->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      if (g_array_index (crlf, gint64, mid) < position)
        lo = mid + 1;
      else
        hi = mid;
    }
  return position - lo;
}

static gboolean
selections_fit (const KithQdeSource *source, gint64 length)
{
  for (guint i = 0; i < source->selections->len; i++)
    {
      KithQdeSelection *selection = g_ptr_array_index (source->selections, i);
      if (selection->end > length)
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_word_char (KithTextIndex *index, gint64 offset)
{
  return g_unichar_isalnum (g_utf8_get_char (kith_text_index_get_text (index) + kith_text_index_byte_at (index, offset)));
}

static gboolean
at_boundary (KithTextIndex *index, gint64 offset, gint64 length)
{
  return offset <= 0 || offset >= length || is_word_char (index, offset - 1) != is_word_char (index, offset);
}

/* How well the selections fit the text when counted one way (@crlf NULL:
 * over the LF text; else with CRLF as two): a point for each end on a word
 * boundary, four for a name that is the text it selects (QualCoder and
 * Kith write the coded text as the name). */
static gint64
fit_score (const KithQdeSource *source, KithTextIndex *index, gint64 length, GArray *crlf)
{
  gint64 score = 0;

  for (guint i = 0; i < source->selections->len; i++)
    {
      KithQdeSelection *selection = g_ptr_array_index (source->selections, i);
      gint64 start = selection->start, end = selection->end;
      if (start < 0 || end < start)
        continue;
      if (crlf != NULL)
        start = kith_refi_without_crs (crlf, start), end = kith_refi_without_crs (crlf, end);
      if (end > length)
        return -1;
      score += at_boundary (index, start, length) + at_boundary (index, end, length);
      if (selection->name != NULL && end > start)
        {
          g_autofree char *text = kith_text_index_dup_span (index, start, end);
          if (g_strcmp0 (text, selection->name) == 0)
            score += 4;
        }
    }
  return score;
}

/* Whether the positions count CRLF line ends as two characters: they do
 * not fit the LF text but fit the CRLF one, or they fit both and fall on
 * word boundaries (and match their names) better counted that way. */
gboolean
kith_refi_counts_crlf (const KithQdeSource *source, const char *lf, GArray *crlf, gint64 length, gboolean *by_fit)
{
  g_autoptr(KithTextIndex) index = NULL;
  gint64 lf_score, crlf_score;

  *by_fit = FALSE;
  if (crlf->len == 0 || source->selections->len == 0)
    return FALSE;
  if (!selections_fit (source, length))
    return *by_fit = selections_fit (source, length + crlf->len);
  index = kith_text_index_new (lf, strlen (lf));
  lf_score = fit_score (source, index, length, NULL);
  crlf_score = fit_score (source, index, length, crlf);
  return crlf_score > lf_score;
}

