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

  if (state->decoder == NULL)
    return last || kith_text_builder_append (ctx->builder, (const char *) data, len, error);
  g_string_truncate (state->utf8, 0);
  if (!kith_decoder_convert (state->decoder, (const char *) data, len, last, state->utf8, error))
    return FALSE;
  return kith_text_builder_append (ctx->builder, state->utf8->str, state->utf8->len, error);
}

gboolean
kith_import_text_parse (KithImportContext *ctx,
                        GError           **error)
{
  g_autoptr(KithDecoder) decoder = NULL;
  g_autoptr(GString) utf8 = g_string_new (NULL);
  TextState state;

  if (!kith_import_context_detect_encoding (ctx, error))
    return FALSE;
  /* bytes in memory that the first pass found to be UTF-8 need no decoding */
  if (ctx->contents == NULL || g_ascii_strcasecmp (ctx->encoding, "UTF-8") != 0 || !kith_sniff_is_utf8 (ctx->sniff))
    {
      decoder = kith_decoder_new (ctx->encoding, error);
      if (decoder == NULL)
        return FALSE;
    }
  kith_import_context_new_builder (ctx, ctx->options->reflow);

  /* the builder drops the U+FEFF a byte-order mark decodes to */
  state.decoder = decoder;
  state.utf8 = utf8;
  if (!kith_import_context_reread (ctx, text_chunk, &state, error))
    return FALSE;
  return kith_text_builder_finish (ctx->builder, error);
}
