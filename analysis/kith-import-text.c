/* kith-import-text.c — plain text and Markdown, in any encoding iconv knows */
#include <string.h>

#include "kith-decoder.h"
#include "kith-import-private.h"

typedef struct
{
  KithDecoder *decoder;
  GString     *utf8;
} TextState;

static gboolean
text_chunk (KithImportContext *ctx,
            const guint8      *data,
            gsize              len,
            gboolean           last,
            gpointer           user_data,
            GError           **error)
{
  TextState *state = user_data;

  g_string_truncate (state->utf8, 0);
  if (!kith_decoder_convert (state->decoder, (const char *) data, len, last, state->utf8, error))
    return FALSE;
  return kith_text_builder_append (ctx->builder, state->utf8->str, state->utf8->len, error);
}

/* Whether the file starts with the byte-order mark of @encoding. */
static gboolean
starts_with_bom (KithImportContext *ctx,
                 const char        *encoding)
{
  static const struct { const char *encoding; const char *bom; gsize len; } boms[] = {
    { "UTF-8", "\xEF\xBB\xBF", 3 },
    { "UTF-16LE", "\xFF\xFE", 2 },
    { "UTF-16BE", "\xFE\xFF", 2 },
    { "UTF-16", "\xFF\xFE", 2 },
    { "UTF-16", "\xFE\xFF", 2 },
    { "UTF-32LE", "\xFF\xFE\0\0", 4 },
    { "UTF-32BE", "\0\0\xFE\xFF", 4 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (boms); i++)
    if (g_ascii_strcasecmp (encoding, boms[i].encoding) == 0 && ctx->head_len >= boms[i].len
        && memcmp (ctx->head, boms[i].bom, boms[i].len) == 0)
      return TRUE;
  return FALSE;
}

gboolean
kith_import_text_parse (KithImportContext *ctx,
                        GError           **error)
{
  g_autoptr(KithDecoder) decoder = NULL;
  g_autoptr(GString) utf8 = g_string_new (NULL);
  TextState state;

  if (ctx->options->encoding != NULL)
    {
      /* forced by the user; a binary file is still not text */
      const char *magic = kith_sniff_magic (ctx->head, ctx->head_len);
      if (magic != NULL)
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_BINARY, "this is %s, not a plain text file", magic);
          return FALSE;
        }
      ctx->encoding = g_ascii_strup (ctx->options->encoding, -1);
      ctx->bom = starts_with_bom (ctx, ctx->encoding);
    }
  else
    {
      KithSniffResult sniffed;
      if (!kith_sniff_finish (ctx->sniff, &sniffed, error))
        return FALSE;
      ctx->encoding = g_steal_pointer (&sniffed.encoding);
      ctx->bom = sniffed.bom;
    }

  decoder = kith_decoder_new (ctx->encoding, error);
  if (decoder == NULL)
    return FALSE;
  kith_import_context_new_builder (ctx, ctx->options->reflow);

  /* the builder drops the U+FEFF a byte-order mark decodes to */
  state.decoder = decoder;
  state.utf8 = utf8;
  if (!kith_import_context_reread (ctx, text_chunk, &state, error))
    return FALSE;
  return kith_text_builder_finish (ctx->builder, error);
}
