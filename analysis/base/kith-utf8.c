/* kith-utf8.c */
#include <string.h>

#include "kith-utf8.h"

/* code points between two marks: a lookup walks half of this on average,
 * and the summary looks up two offsets for each of 100,000 codings */
#define MARK_EVERY 256

struct _KithTextIndex
{
  const char *text;   /* borrowed */
  gsize       len;
  gint64      n_chars;
  gsize      *marks;  /* byte offset of code point k * MARK_EVERY; NULL when ASCII */
  gsize       n_marks;
};

gint64
kith_utf8_count_chars (const char *text,
                       gsize       len)
{
  const guint8 *p = (const guint8 *) text;
  gint64 n = 0;

  /* Every byte but a continuation byte starts a code point. Counted in
   * blocks of 255 into a byte, which the compiler does 16 bytes at a time:
   * an import counts every text several times. */
  for (gsize i = 0; i < len;)
    {
      gsize stop = len - i < 255 ? len : i + 255;
      guint8 block = 0;

      for (; i < stop; i++)
        block += (p[i] & 0xC0) != 0x80 ? 1 : 0;
      n += block;
    }
  return n;
}

KithTextIndex *
kith_text_index_new (const char *text,
                     gsize       len)
{
  KithTextIndex *index = g_new0 (KithTextIndex, 1);
  const guint8 *p = (const guint8 *) text;
  gint64 chars = 0;

  index->text = text;
  index->len = len;
  /* one pass: marks are made as the code points are counted (there are
   * never more code points than bytes), and dropped for ASCII */
  index->marks = g_new (gsize, len / MARK_EVERY + 1);
  for (gsize i = 0; i < len; i++)
    {
      if ((p[i] & 0xC0) == 0x80)
        continue;
      if (chars % MARK_EVERY == 0)
        index->marks[index->n_marks++] = i;
      chars++;
    }
  index->n_chars = chars;
  if ((gsize) chars == len)
    {
      /* ASCII: byte and code point offsets coincide */
      g_clear_pointer (&index->marks, g_free);
      index->n_marks = 0;
    }
  return index;
}

void
kith_text_index_free (KithTextIndex *index)
{
  if (index == NULL)
    return;
  g_free (index->marks);
  g_free (index);
}

gint64
kith_text_index_get_length (KithTextIndex *index)
{
  return index->n_chars;
}

const char *
kith_text_index_get_text (KithTextIndex *index)
{
  return index->text;
}

gsize
kith_text_index_byte_at (KithTextIndex *index,
                         gint64         offset)
{
  const guint8 *p = (const guint8 *) index->text;
  gsize mark, i;
  gint64 left;

  g_return_val_if_fail (offset >= 0 && offset <= index->n_chars, index->len);

  if (index->marks == NULL)
    return (gsize) offset;
  if (offset == index->n_chars)
    return index->len;
  mark = (gsize) (offset / MARK_EVERY);
  i = index->marks[mark];
  left = offset - (gint64) mark * MARK_EVERY;
  while (left > 0)
    {
      i++;
      while (i < index->len && (p[i] & 0xC0) == 0x80)
        i++;
      left--;
    }
  return i;
}

gint64
kith_text_index_char_at (KithTextIndex *index,
                         gsize          byte_offset)
{
  gsize lo = 0, hi;

  g_return_val_if_fail (byte_offset <= index->len, index->n_chars);

  if (index->marks == NULL)
    return (gint64) byte_offset;
  /* last mark at or before byte_offset */
  hi = index->n_marks;
  while (hi - lo > 1)
    {
      gsize mid = (lo + hi) / 2;
      if (index->marks[mid] <= byte_offset)
        lo = mid;
      else
        hi = mid;
    }
  return (gint64) lo * MARK_EVERY
         + kith_utf8_count_chars (index->text + index->marks[lo], byte_offset - index->marks[lo]);
}

char *
kith_text_index_dup_span (KithTextIndex *index,
                          gint64         start,
                          gint64         end)
{
  gsize from, to;

  g_return_val_if_fail (0 <= start && start <= end && end <= index->n_chars, NULL);

  from = kith_text_index_byte_at (index, start);
  to = kith_text_index_byte_at (index, end);
  return g_strndup (index->text + from, to - from);
}

char *
kith_utf8_fold_space (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  g_return_val_if_fail (text != NULL, NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c))
        space = out->len > 0;
      else
        {
          if (space)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, c);
        }
    }
  return g_string_free (out, FALSE);
}
