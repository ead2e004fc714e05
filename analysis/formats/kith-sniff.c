/* kith-sniff.c — encoding detection: byte-order mark, then UTF-8 validity
 * over the whole file, then uchardet on the first megabyte. */
#include <iconv.h>
#include <string.h>
#include <uchardet.h>

#include "kith-error.h"
#include "kith-sniff.h"
#include "kith-i18n.h"

#define HEAD_SIZE     65536           /* bytes kept for magic and binary checks */
#define DETECTOR_SIZE (1024 * 1024)   /* bytes uchardet sees */

struct _KithSniff
{
  guint8    head[HEAD_SIZE];
  gsize     head_len;
  goffset   total;

  /* UTF-8 validation across chunk boundaries */
  gboolean  utf8_valid;
  guint8    pending[4];
  gsize     n_pending;

  goffset   first_nul;        /* -1 when none */
  gsize     c1_bytes;         /* 0x80–0x9F: controls in ISO-8859-x, letters in Windows-1252 */
  gsize     cp1252_undefined; /* 0x81 0x8D 0x8F 0x90 0x9D: no character in Windows-1252 */
  gsize     high_bytes;

  uchardet_t detector;
  gsize     detector_fed;
};

KithSniff *
kith_sniff_new (void)
{
  KithSniff *sniff = g_new0 (KithSniff, 1);

  sniff->utf8_valid = TRUE;
  sniff->first_nul = -1;
  sniff->detector = uchardet_new ();
  return sniff;
}

void
kith_sniff_free (KithSniff *sniff)
{
  if (sniff == NULL)
    return;
  uchardet_delete (sniff->detector);
  g_free (sniff);
}

void
kith_sniff_result_clear (KithSniffResult *result)
{
  g_clear_pointer (&result->encoding, g_free);
}

/* Length of the UTF-8 sequence a lead byte announces, 0 if it cannot lead. */
static gsize
utf8_sequence_length (guint8 b)
{
  if (b < 0x80) return 1;
  if (b >= 0xC2 && b <= 0xDF) return 2;
  if (b >= 0xE0 && b <= 0xEF) return 3;
  if (b >= 0xF0 && b <= 0xF4) return 4;
  return 0;
}

static void
validate_utf8 (KithSniff    *sniff,
               const guint8 *data,
               gsize         len)
{
  const gchar *end;
  gsize i = 0;

  if (!sniff->utf8_valid)
    return;

  /* finish a sequence split by the previous chunk */
  if (sniff->n_pending > 0)
    {
      gsize need = utf8_sequence_length (sniff->pending[0]);
      while (sniff->n_pending < need && i < len)
        sniff->pending[sniff->n_pending++] = data[i++];
      if (sniff->n_pending < need)
        return;
      if (!g_utf8_validate ((const char *) sniff->pending, (gssize) need, NULL))
        {
          sniff->utf8_valid = FALSE;
          return;
        }
      sniff->n_pending = 0;
    }
  if (i >= len)
    return;
  if (g_utf8_validate_len ((const char *) data + i, len - i, &end))
    return;

  /* Invalid, or a sequence cut by the chunk's end? */
  {
    gsize at = (gsize) ((const guint8 *) end - data);
    gsize rest = len - at;
    gsize need = utf8_sequence_length (data[at]);

    /* (g_utf8_validate stops at a NUL too: such a file is refused or
     * UTF-16, so UTF-8 validity no longer matters) */
    if (need > 1 && rest < need)
      {
        for (gsize k = 1; k < rest; k++)
          if ((data[at + k] & 0xC0) != 0x80)
            {
              sniff->utf8_valid = FALSE;
              return;
            }
        memcpy (sniff->pending, data + at, rest);
        sniff->n_pending = rest;
        return;
      }
    sniff->utf8_valid = FALSE;
  }
}

void
kith_sniff_feed (KithSniff    *sniff,
                 const guint8 *data,
                 gsize         len)
{
  if (sniff->head_len < HEAD_SIZE)
    {
      gsize n = MIN (len, HEAD_SIZE - sniff->head_len);
      memcpy (sniff->head + sniff->head_len, data, n);
      sniff->head_len += n;
    }
  if (sniff->first_nul < 0)
    {
      const guint8 *nul = memchr (data, 0, len);
      if (nul != NULL)
        sniff->first_nul = sniff->total + (nul - data);
    }
  /* without branches, and in blocks that 32-bit counts cannot overflow,
   * so that the compiler counts many bytes at once */
  for (gsize start = 0; start < len; start += 1 << 20)
    {
      gsize stop = MIN (len, start + (1 << 20));
      guint32 high = 0, c1 = 0, undefined = 0;

      for (gsize i = start; i < stop; i++)
        {
          guint8 b = data[i];
          high += b >> 7;
          c1 += (guint8) (b - 0x80) < 0x20 ? 1 : 0;
          undefined += (b == 0x81 ? 1 : 0) + (b == 0x8D ? 1 : 0) + (b == 0x8F ? 1 : 0)
                       + (b == 0x90 ? 1 : 0) + (b == 0x9D ? 1 : 0);
        }
      sniff->high_bytes += high;
      sniff->c1_bytes += c1;
      sniff->cp1252_undefined += undefined;
    }
  {
    gboolean was_valid = sniff->utf8_valid;
    gsize skip = 0;

    validate_utf8 (sniff, data, len);
    /* uchardet is costly and only needed for text that is not UTF-8: it
     * starts when the first invalid byte shows, catching up on the head */
    if (!sniff->utf8_valid && was_valid)
      {
        uchardet_handle_data (sniff->detector, (const char *) sniff->head, sniff->head_len);
        sniff->detector_fed = sniff->head_len;
        if ((goffset) sniff->head_len > sniff->total)
          skip = MIN (len, (gsize) ((goffset) sniff->head_len - sniff->total));
      }
    if (!sniff->utf8_valid && sniff->detector_fed < DETECTOR_SIZE && skip < len)
      {
        gsize n = MIN (len - skip, DETECTOR_SIZE - sniff->detector_fed);
        uchardet_handle_data (sniff->detector, (const char *) data + skip, n);
        sniff->detector_fed += n;
      }
  }
  sniff->total += len;
}

gboolean
kith_sniff_is_utf8 (KithSniff *sniff)
{
  return sniff->utf8_valid && sniff->n_pending == 0;
}

const char *
kith_sniff_magic (const guint8 *data,
                  gsize         len)
{
  static const struct { const char *magic; gsize len; const char *what; } signatures[] = {
    { "%PDF-", 5, "a PDF document" },
    { "PK\x03\x04", 4, "a ZIP archive (such as a Word .docx or OpenDocument file)" },
    { "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, "an old Microsoft Office document (.doc or .xls)" },
    { "{\\rtf", 5, "a Rich Text (RTF) document" },
    { "\x89PNG\r\n\x1A\n", 8, "a PNG image" },
    { "\xFF\xD8\xFF", 3, "a JPEG image" },
    { "GIF87a", 6, "a GIF image" },
    { "GIF89a", 6, "a GIF image" },
    { "\x7F" "ELF", 4, "a program (ELF executable)" },
    { "\x1F\x8B", 2, "a gzip archive" },
    { "SQLite format 3", 16, "an SQLite database" },
    { "ID3", 3, "an MP3 audio file" },
    { "OggS", 4, "an Ogg audio file" },
    { "7z\xBC\xAF\x27\x1C", 6, "a 7-Zip archive" },
    { "Rar!\x1A\x07", 6, "a RAR archive" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (signatures); i++)
    if (len >= signatures[i].len && memcmp (data, signatures[i].magic, signatures[i].len) == 0)
      return signatures[i].what;
  if (len >= 12 && memcmp (data, "RIFF", 4) == 0)
    return "a RIFF media file (WAV or AVI)";
  if (len >= 12 && memcmp (data + 4, "ftyp", 4) == 0)
    return "an MP4 audio or video file";
  return NULL;
}

/* UTF-16 without a byte-order mark: every other byte NUL in Latin text. */
static const char *
guess_bomless_utf16 (const guint8 *head,
                     gsize         len)
{
  gsize even_nul = 0, odd_nul = 0, pairs = len / 2;

  if (pairs < 8)
    return NULL;
  for (gsize i = 0; i + 1 < len; i += 2)
    {
      even_nul += head[i] == 0;
      odd_nul += head[i + 1] == 0;
    }
  if (odd_nul * 10 >= pairs * 4 && even_nul * 50 <= pairs)
    return "UTF-16LE";
  if (even_nul * 10 >= pairs * 4 && odd_nul * 50 <= pairs)
    return "UTF-16BE";
  return NULL;
}

static gboolean
looks_binary (const guint8 *head,
              gsize         len)
{
  guint32 controls = 0;   /* the head is 64 KB */

  /* without branches, so that the compiler can test many bytes at once */
  for (gsize i = 0; i < len; i++)
    {
      guint8 b = head[i];
      controls += (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') || b == 0x7F ? 1 : 0;
    }
  return (gsize) controls * 100 > len * 8;  /* text has tabs and line ends, not 8% controls */
}

static gboolean
iconv_knows (const char *encoding)
{
  iconv_t cd = iconv_open ("UTF-8", encoding);

  if (cd == (iconv_t) -1)
    return FALSE;
  iconv_close (cd);
  return TRUE;
}

/* Legacy encodings Kith's users plausibly have besides the Western ones:
 * Central European (Polish), Cyrillic, Greek, Turkish, Hebrew, Arabic and
 * Urdu, Baltic, and the East Asian multi-byte sets. */
static const char *const other_plausible[] = {
  "WINDOWS-1250", "ISO-8859-2", "WINDOWS-1251", "ISO-8859-5", "KOI8-R", "KOI8-U",
  "WINDOWS-1253", "ISO-8859-7", "WINDOWS-1254", "ISO-8859-9", "WINDOWS-1255", "ISO-8859-8",
  "WINDOWS-1256", "ISO-8859-6", "WINDOWS-1257", "ISO-8859-13", "ISO-8859-4",
  "SHIFT_JIS", "EUC-JP", "GB18030", "BIG5", "EUC-KR", "EUC-TW", "ISO-2022-JP",
};

/* The 8-bit encoding for text that is not UTF-8. uchardet guesses wildly on
 * short texts (Mac and DOS code pages for a Word file's smart quotes), and
 * tells Latin-1 from Windows-1252 poorly, so: Western unless uchardet names
 * a plausible other encoding with enough evidence, then the bytes decide
 * among the Western ones. */
static char *
choose_legacy_encoding (KithSniff *sniff)
{
  const char *guess = uchardet_get_charset (sniff->detector);
  g_autofree char *name = g_ascii_strup (guess != NULL ? guess : "", -1);
  gboolean western = g_str_equal (name, "WINDOWS-1252") || g_str_equal (name, "ISO-8859-1")
                     || g_str_equal (name, "ISO-8859-15");

  if (!western)
    {
      if (sniff->high_bytes >= 16 && g_strv_contains (other_plausible, name) && iconv_knows (name))
        return g_steal_pointer (&name);
      g_free (name);
      name = g_strdup ("WINDOWS-1252");
    }
  if (!g_str_equal (name, "WINDOWS-1252") && sniff->c1_bytes > 0)
    {
      /* 0x80–0x9F are controls in ISO-8859-x: letters and quotes in 1252 */
      g_free (name);
      name = g_strdup ("WINDOWS-1252");
    }
  if (g_str_equal (name, "WINDOWS-1252") && sniff->cp1252_undefined > 0)
    {
      /* bytes that have no character in Windows-1252: ISO-8859-1 maps all */
      g_free (name);
      name = g_strdup ("ISO-8859-1");
    }
  return g_steal_pointer (&name);
}

gboolean
kith_sniff_finish (KithSniff       *sniff,
                   KithSniffResult *result,
                   GError         **error)
{
  const guint8 *h = sniff->head;
  gsize n = sniff->head_len;
  const char *magic;
  const char *utf16;

  memset (result, 0, sizeof *result);
  uchardet_data_end (sniff->detector);

  if (sniff->total == 0)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_EMPTY, _("the file is empty"));
      return FALSE;
    }

  /* byte-order marks; UTF-32 first, its LE mark starts like UTF-16's */
  if (n >= 4 && memcmp (h, "\xFF\xFE\0\0", 4) == 0)
    result->encoding = g_strdup ("UTF-32LE");
  else if (n >= 4 && memcmp (h, "\0\0\xFE\xFF", 4) == 0)
    result->encoding = g_strdup ("UTF-32BE");
  else if (n >= 3 && memcmp (h, "\xEF\xBB\xBF", 3) == 0)
    result->encoding = g_strdup ("UTF-8");
  else if (n >= 2 && memcmp (h, "\xFF\xFE", 2) == 0)
    result->encoding = g_strdup ("UTF-16LE");
  else if (n >= 2 && memcmp (h, "\xFE\xFF", 2) == 0)
    result->encoding = g_strdup ("UTF-16BE");
  if (result->encoding != NULL)
    {
      result->bom = TRUE;
      /* a UTF-8 BOM promises UTF-8: a NUL is then not text */
      if (g_str_equal (result->encoding, "UTF-8") && sniff->first_nul >= 0)
        goto nul;
      return TRUE;
    }

  magic = kith_sniff_magic (h, n);
  if (magic != NULL)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_BINARY,
                   _("this is %s, not a plain text file"), magic);
      return FALSE;
    }

  if (sniff->first_nul >= 0)
    {
      utf16 = guess_bomless_utf16 (h, n);
      if (utf16 != NULL)
        {
          result->encoding = g_strdup (utf16);
          result->detected = TRUE;
          return TRUE;
        }
      if (looks_binary (h, n))
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_BINARY,
                       _("this is a binary file, not text"));
          return FALSE;
        }
      goto nul;
    }
  if (looks_binary (h, n))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_BINARY, _("this is a binary file, not text"));
      return FALSE;
    }

  if (sniff->utf8_valid && sniff->n_pending == 0)
    {
      result->encoding = g_strdup ("UTF-8");
      return TRUE;
    }
  result->encoding = choose_legacy_encoding (sniff);
  result->detected = TRUE;
  return TRUE;

nul:
  g_clear_pointer (&result->encoding, g_free);
  g_set_error (error, KITH_ERROR, KITH_ERROR_BINARY,
               _("the file contains a NUL byte (at byte %lld), so it is not plain text"),
               (long long) sniff->first_nul);
  return FALSE;
}
