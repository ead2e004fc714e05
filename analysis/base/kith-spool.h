/* kith-spool.h — bytes kept in memory, spilled to an unlinked temporary
 * file past a threshold, so that importing a huge file runs in bounded memory */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _KithSpool KithSpool;

KithSpool *kith_spool_new         (gsize        memory_limit);
void       kith_spool_free        (KithSpool   *spool);
gboolean   kith_spool_write       (KithSpool   *spool,
                                   const char  *data,
                                   gsize        len,
                                   GError     **error);
goffset    kith_spool_get_size    (KithSpool   *spool);
/* The bytes, when they all fit in memory; NULL once spilled to disk. */
const char *kith_spool_peek       (KithSpool   *spool);
/* Reads the bytes back from the start, in chunks: returns the chunk length,
 * 0 at the end, -1 on error. */
gboolean   kith_spool_rewind      (KithSpool   *spool,
                                   GError     **error);
gssize     kith_spool_read        (KithSpool   *spool,
                                   char        *buffer,
                                   gsize        size,
                                   GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithSpool, kith_spool_free)

G_END_DECLS
