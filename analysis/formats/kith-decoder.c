/* kith-decoder.c */
#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "kith-decoder.h"
#include "kith-error.h"
#include "kith-i18n.h"

struct _KithDecoder
{
  char    *encoding;
  gboolean utf8;       /* validate only, no iconv */
  iconv_t  cd;
  GString *carry;      /* incomplete input sequence from the previous chunk */
  goffset  consumed;   /* input bytes fully converted so far */
};

static gboolean
is_utf8_name (const char *encoding)
{
  return g_ascii_strcasecmp (encoding, "UTF-8") == 0 || g_ascii_strcasecmp (encoding, "UTF8") == 0;
}

gboolean
kith_encoding_is_known (const char *encoding)
{
  iconv_t cd;

  if (is_utf8_name (encoding))
    return TRUE;
  cd = iconv_open ("UTF-8", encoding);
  if (cd == (iconv_t) -1)
    return FALSE;
  iconv_close (cd);
  return TRUE;
}

KithDecoder *
kith_decoder_new (const char *encoding,
                  GError    **error)
{
  KithDecoder *decoder;

  g_return_val_if_fail (encoding != NULL, NULL);

  decoder = g_new0 (KithDecoder, 1);
  decoder->encoding = g_ascii_strup (encoding, -1);
  decoder->utf8 = is_utf8_name (encoding);
  decoder->carry = g_string_new (NULL);
  decoder->cd = (iconv_t) -1;
  if (!decoder->utf8)
    {
      decoder->cd = iconv_open ("UTF-8", encoding);
      if (decoder->cd == (iconv_t) -1)
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID,
                       _("unknown encoding “%s” (try UTF-8, UTF-16LE, WINDOWS-1252 or ISO-8859-15)"), encoding);
          kith_decoder_free (decoder);
          return NULL;
        }
    }
  return decoder;
}

void
kith_decoder_free (KithDecoder *decoder)
{
  if (decoder == NULL)
    return;
  if (decoder->cd != (iconv_t) -1)
    iconv_close (decoder->cd);
  g_string_free (decoder->carry, TRUE);
  g_free (decoder->encoding);
  g_free (decoder);
}

static gboolean
invalid_at (KithDecoder *decoder,
            goffset      byte,
            GError     **error)
{
  g_set_error (error, KITH_ERROR, KITH_ERROR_ENCODING,
               _("the text is not valid %s at byte %lld (choose the file's encoding with --encoding)"),
               decoder->encoding, (long long) byte);
  return FALSE;
}

static gboolean
convert_utf8 (KithDecoder *decoder,
              const char  *in,
              gsize        len,
              gboolean     last,
              GString     *out,
              GError     **error)
{
  const char *end;
  gsize good, rest;

  if (g_utf8_validate_len (in, len, &end))
    {
      g_string_append_len (out, in, len);
      decoder->consumed += len;
      return TRUE;
    }
  good = (gsize) (end - in);
  rest = len - good;
  g_string_append_len (out, in, good);
  decoder->consumed += good;

  if (!last && rest < 4 && in[good] != '\0')
    {
      /* a sequence cut by the chunk boundary is carried, not refused */
      const char *tail = in + good;
      gunichar c = g_utf8_get_char_validated (tail, (gssize) rest);
      if (c == (gunichar) -2)
        {
          g_string_append_len (decoder->carry, tail, rest);
          return TRUE;
        }
    }
  return invalid_at (decoder, decoder->consumed, error);
}

static gboolean
convert_iconv (KithDecoder *decoder,
               const char  *in,
               gsize        len,
               gboolean     last,
               GString     *out,
               GError     **error)
{
  goffset base = decoder->consumed;  /* file offset of in[0] */
  char *inbuf = (char *) in;
  gsize inleft = len;
  char buffer[16384];

  while (inleft > 0)
    {
      char *outbuf = buffer;
      gsize outleft = sizeof buffer;
      gsize r = iconv (decoder->cd, &inbuf, &inleft, &outbuf, &outleft);
      int saved = errno;

      g_string_append_len (out, buffer, (gssize) (sizeof buffer - outleft));
      decoder->consumed = base + (inbuf - in);
      if (r != (gsize) -1)
        break;
      if (saved == E2BIG)
        continue;
      if (saved == EINVAL && !last)
        {
          g_string_append_len (decoder->carry, inbuf, inleft);
          break;
        }
      return invalid_at (decoder, decoder->consumed, error);
    }
  return TRUE;
}

gboolean
kith_decoder_convert (KithDecoder *decoder,
                      const char  *in,
                      gsize        len,
                      gboolean     last,
                      GString     *out,
                      GError     **error)
{
  gboolean ok;

  /* join the carried bytes with the new chunk */
  if (decoder->carry->len > 0)
    {
      g_autoptr(GString) joined = g_string_new_len (decoder->carry->str, decoder->carry->len);
      g_string_append_len (joined, in, len);
      g_string_truncate (decoder->carry, 0);
      ok = decoder->utf8 ? convert_utf8 (decoder, joined->str, joined->len, last, out, error)
                         : convert_iconv (decoder, joined->str, joined->len, last, out, error);
    }
  else
    ok = decoder->utf8 ? convert_utf8 (decoder, in, len, last, out, error)
                       : convert_iconv (decoder, in, len, last, out, error);
  if (!ok)
    return FALSE;
  if (last && decoder->cd != (iconv_t) -1)
    {
      /* flush shift state (stateful encodings) */
      char buffer[64];
      char *outbuf = buffer;
      gsize outleft = sizeof buffer;
      iconv (decoder->cd, NULL, NULL, &outbuf, &outleft);
      g_string_append_len (out, buffer, (gssize) (sizeof buffer - outleft));
    }
  return TRUE;
}
