/* kith-import-private.h — what a format importer is given and fills in
 *
 * kith-import.c opens the file, reads it once to hash and sniff it, checks
 * for duplicates, then hands it to the format's parse function, which feeds
 * a KithTextBuilder. To add a format, add a KithImportFormat to the table in
 * kith-import.c.
 */
#pragma once

#include "kith-import.h"
#include "kith-sniff.h"
#include "kith-text-builder.h"

G_BEGIN_DECLS

#define KITH_IMPORT_MAX_FILE_BYTES ((goffset) 1024 * 1024 * 1024)
#define KITH_IMPORT_CHUNK          (256 * 1024)

typedef struct
{
  const char              *path;
  const char              *display_name;
  int                      fd;          /* open, positioned at 0 */
  goffset                  size;
  const char              *sha256;      /* of the bytes read in the first pass */
  const guint8            *head;        /* the first bytes of the file */
  KithSniff               *sniff;       /* fed the whole file in the first pass */
  gsize                    head_len;
  const KithImportOptions *options;
  guint                    index, total;

  /* filled by the parser */
  KithTextBuilder         *builder;     /* create with kith_import_context_new_builder */
  char                    *encoding;
  gboolean                 bom;
  const char              *suggested_kind; /* e.g. "transcript" for captions, or NULL */
} KithImportContext;

typedef struct
{
  const char        *name;          /* stored as the document's format */
  const char *const *extensions;    /* lower case, with the dot */
  /* Does the content say it is this format? (NULL: by extension only) */
  gboolean         (*claims)        (const guint8 *head, gsize len);
  gboolean         (*parse)         (KithImportContext *ctx, GError **error);
} KithImportFormat;

KithTextBuilder *kith_import_context_new_builder (KithImportContext *ctx,
                                                  KithReflowMode     reflow);
/* Reports progress within the file (0 … 1); FALSE with @error when cancelled. */
gboolean         kith_import_context_progress    (KithImportContext *ctx,
                                                  double             fraction,
                                                  GError           **error);
/* Reads the whole file again, in chunks, checking it is still as long as
 * when it was hashed; calls @chunk for each piece, then once with @last. */
gboolean         kith_import_context_reread      (KithImportContext *ctx,
                                                  gboolean         (*chunk) (KithImportContext *ctx,
                                                                             const guint8      *data,
                                                                             gsize              len,
                                                                             gboolean           last,
                                                                             gpointer           user_data,
                                                                             GError           **error),
                                                  gpointer           user_data,
                                                  GError           **error);

/* the text and Markdown importer (kith-import-text.c) */
gboolean         kith_import_text_parse          (KithImportContext *ctx,
                                                  GError           **error);

G_END_DECLS
