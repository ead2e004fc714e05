/* kith-extracts.h — coded extracts: each coding with its exact text and
 * where it came from (document, speaker, case, coder) */
#pragma once

#include "kith-project.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  coding_id;
  gint64  document_id;
  gint64  code_id;
  gint64  start;        /* code points, end exclusive */
  gint64  end;
  char   *document;
  char   *kind;
  char   *code;         /* the code's path */
  char   *text;         /* exactly the coded span */
  char   *speaker;      /* NULL outside speaker turns */
  char   *case_name;    /* the turn's case, else the document's, else NULL */
  char   *coder;
  char   *memo;
  char   *origin;
  char   *created;
} KithExtract;

typedef struct
{
  gint64 document_id;   /* 0: all */
  gint64 code_id;       /* 0: all */
} KithExtractFilter;

void       kith_extract_free         (KithExtract             *extract);
/* (element-type KithExtract) by document, then position */
GPtrArray *kith_extracts_query       (KithProject             *project,
                                      const KithExtractFilter *filter,
                                      GError                 **error);
/* Appends a CSV table (header first) of @extracts to @out. */
void       kith_extracts_to_csv      (GPtrArray               *extracts,
                                      GString                 *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithExtract, kith_extract_free)

G_END_DECLS
