/* kith-codings.h — a coding ties a span of a document's text to a code */
#pragma once

#include "kith-project.h"
#include "kith-stripes.h"

G_BEGIN_DECLS

typedef enum {
  KITH_ORIGIN_MANUAL,
  KITH_ORIGIN_RULE,
  KITH_ORIGIN_IMPORT,
} KithOrigin;

typedef struct
{
  gint64  id;
  gint64  document_id;
  gint64  code_id;
  gint64  start;     /* code points, end exclusive */
  gint64  end;
  char   *coder;
  char   *memo;
  char   *origin;
  char   *created;
} KithCoding;

const char *kith_origin_to_string   (KithOrigin    origin);
KithCoding *kith_coding_new         (void);
void        kith_coding_free        (KithCoding   *coding);

/* Codes [@start, @end) of document @document_id with @code_id, as the
 * project's current coder. Returns the new coding's id, 0 on error. */
gint64      kith_codings_add        (KithProject  *project,
                                     gint64        document_id,
                                     gint64        code_id,
                                     gint64        start,
                                     gint64        end,
                                     const char   *memo,
                                     KithOrigin    origin,
                                     GError      **error);
gboolean    kith_codings_remove     (KithProject  *project,
                                     gint64        coding_id,
                                     GError      **error);
gboolean    kith_codings_set_memo   (KithProject  *project,
                                     gint64        coding_id,
                                     const char   *memo,
                                     GError      **error);
gboolean    kith_codings_set_span   (KithProject  *project,
                                     gint64        coding_id,
                                     gint64        start,
                                     gint64        end,
                                     GError      **error);
KithCoding *kith_codings_get        (KithProject  *project,
                                     gint64        coding_id,
                                     GError      **error);
/* (element-type KithCoding) of one document (or all when 0), in text order */
GPtrArray  *kith_codings_list       (KithProject  *project,
                                     gint64        document_id,
                                     GError      **error);
/* The margin stripes of @codings (element-type KithCoding): span i is
 * coding i. Free with kith_stripes_free(). */
KithStripes *kith_codings_stripes   (GPtrArray    *codings);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithCoding, kith_coding_free)

G_END_DECLS
