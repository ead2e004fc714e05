/* kith-decoder.h — bytes in any encoding to valid UTF-8, chunk by chunk */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _KithDecoder KithDecoder;

/* NULL with @error set when iconv does not know @encoding. */
KithDecoder *kith_decoder_new     (const char   *encoding,
                                   GError      **error);
void         kith_decoder_free    (KithDecoder  *decoder);
gboolean     kith_encoding_is_known (const char *encoding);
/* Appends the UTF-8 for @len more input bytes to @out, holding back an
 * incomplete sequence at the end until the next call; @last marks the end
 * of input, where an incomplete sequence is an error. Only whole characters
 * are ever appended. */
gboolean     kith_decoder_convert (KithDecoder  *decoder,
                                   const char   *in,
                                   gsize         len,
                                   gboolean      last,
                                   GString      *out,
                                   GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithDecoder, kith_decoder_free)

G_END_DECLS
