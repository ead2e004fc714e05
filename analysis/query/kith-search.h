/* kith-search.h — finding literal text in documents, by code point offset */
#pragma once

#include "kith-project.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  document_id;
  char   *document;
  gint64  start;      /* code points, end exclusive */
  gint64  end;
  char   *context;    /* the line around the hit, for display */
} KithSearchHit;

void       kith_search_hit_free (KithSearchHit *hit);
/* (element-type KithSearchHit): every occurrence of @needle in document
 * @document_id (0: all documents), in document and text order. */
GPtrArray *kith_search_text     (KithProject   *project,
                                 const char    *needle,
                                 gint64         document_id,
                                 gboolean       ignore_case,
                                 GError       **error);

G_END_DECLS
