/* kith-retrieval.h — the coded extracts of chosen codes, with the
 * attributes of their case and document, for the retrieval view */
#pragma once

#include "kith-extracts.h"

G_BEGIN_DECLS

typedef struct
{
  KithExtract *extract;
  GStrv        values;      /* one per attribute, "" where there is none */
} KithRetrievalRow;

typedef struct
{
  GPtrArray *attributes;    /* (element-type utf8) attribute names, in their order */
  GPtrArray *rows;          /* (element-type KithRetrievalRow) by document, then position */
} KithRetrieval;

typedef struct
{
  const char *kind;         /* NULL or "": any kind of document */
  int         attribute;    /* index into attributes, -1: any */
  const char *value;        /* the value that attribute must have */
} KithRetrievalFilter;

/* The extracts coded with any of @code_ids or one of their subcodes; every
 * extract when @n_codes is 0. A value of the extract's case wins over one
 * of its document. (transfer full) */
KithRetrieval *kith_retrieval_run          (KithProject               *project,
                                            const gint64              *code_ids,
                                            guint                      n_codes,
                                            GError                   **error);
/* The extracts of exactly @coding_ids (a matrix cell's), in the same
 * order as kith_retrieval_run(); none when @n_codings is 0. */
KithRetrieval *kith_retrieval_run_codings  (KithProject               *project,
                                            const gint64              *coding_ids,
                                            guint                      n_codings,
                                            GError                   **error);
/* Replaces names and personal details in every row, attribute values
 * included (an export's copy: what is shown keeps its names). */
void           kith_retrieval_pseudonymise (KithRetrieval             *self,
                                            KithPseudonymiser         *pseudonymiser);
void           kith_retrieval_free         (KithRetrieval             *self);
void           kith_retrieval_row_free     (KithRetrievalRow          *row);
gboolean       kith_retrieval_row_matches  (const KithRetrievalRow    *row,
                                            const KithRetrievalFilter *filter);
/* The values attribute @attribute takes in @self, sorted, without "". */
GStrv          kith_retrieval_values       (KithRetrieval             *self,
                                            int                        attribute);

/* Appends a CSV table of @rows (KithRetrievalRow, in the order given): the
 * columns of an extracts export (kith_extracts_to_csv), then one column per
 * attribute in @attributes. */
void           kith_retrieval_to_csv       (GPtrArray                 *attributes,
                                            GPtrArray                 *rows,
                                            GString                   *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithRetrieval, kith_retrieval_free)

G_END_DECLS
