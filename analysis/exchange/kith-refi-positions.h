/* kith-refi-positions.h — where a vendor's positions fall in Kith's text
 *
 * QDA-XML counts code points over the source's text; some writers count a
 * CRLF line end as two. These turn a source's text into Kith's canonical
 * LF text and tell which way its selections were counted.
 */
#pragma once

#include "kith-qde.h"

G_BEGIN_DECLS

/* @text (UTF-8, @len bytes) with LF line ends (owned); @crlf gets the code
 * point offsets in @text of every CR that a LF follows. */
char     *kith_refi_to_lf        (const char          *text,
                                  gsize                len,
                                  GArray              *crlf);
/* A position counted with CRLF line ends, counted without them. */
gint64    kith_refi_without_crs  (GArray              *crlf,
                                  gint64               position);
/* Whether @source's positions count CRLF line ends as two characters over
 * @lf (@length code points, @crlf as kith_refi_to_lf gave): *@by_fit
 * says it was because they fit no other way. */
gboolean  kith_refi_counts_crlf  (const KithQdeSource *source,
                                  const char          *lf,
                                  GArray              *crlf,
                                  gint64               length,
                                  gboolean            *by_fit);

G_END_DECLS
