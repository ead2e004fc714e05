/* kith-sniff.h — what a file is, from its bytes: text in which encoding,
 * or a binary file to refuse. Fed the whole file once, in chunks. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _KithSniff KithSniff;

typedef struct
{
  char    *encoding;     /* an iconv name: UTF-8, UTF-16LE, WINDOWS-1252, … */
  gboolean bom;          /* the file starts with a byte-order mark */
  gboolean detected;     /* FALSE for UTF-8 and BOMs, TRUE when a detector guessed */
} KithSniffResult;

KithSniff  *kith_sniff_new            (void);
void        kith_sniff_free           (KithSniff        *sniff);
void        kith_sniff_feed           (KithSniff        *sniff,
                                       const guint8     *data,
                                       gsize             len);
/* Whether all the bytes fed are valid UTF-8, with no NUL and no sequence cut off. */
gboolean    kith_sniff_is_utf8        (KithSniff        *sniff);
/* The kind of binary file the first bytes announce (“a PDF document”), or NULL. */
const char *kith_sniff_magic          (const guint8     *data,
                                       gsize             len);
gboolean    kith_sniff_finish         (KithSniff        *sniff,
                                       KithSniffResult  *result,
                                       GError          **error);
void        kith_sniff_result_clear   (KithSniffResult  *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithSniff, kith_sniff_free)

G_END_DECLS
