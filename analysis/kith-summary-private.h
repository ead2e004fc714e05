/* kith-summary-private.h — shared by kith-summary*.c */
#pragma once

#include "kith-extracts.h"
#include "kith-summary.h"

G_BEGIN_DECLS

/* One coded passage, with where it is from and whom. */
typedef struct
{
  KithExtract *extract;     /* borrowed from the evidence set */
  const char  *geography;   /* borrowed; NULL when not recorded */
  char        *person;      /* "case:NAME" or "speaker:DOC:NAME"; NULL when neither is known */
  char        *span;        /* "DOC:START:END": codings of one passage count once */
} KithEvidenceItem;

typedef struct
{
  GPtrArray  *extracts;     /* (element-type KithExtract) every coding of the project */
  GPtrArray  *items;        /* (element-type KithEvidenceItem) one per extract */
  GHashTable *case_places;  /* case name → geography */
  GHashTable *doc_places;   /* document id → geography */
} KithEvidenceSet;

KithEvidenceSet     *kith_evidence_set_load       (KithProject              *project,
                                                   const char               *attribute,
                                                   GError                  **error);
void                 kith_evidence_set_free       (KithEvidenceSet          *set);
/* Counts of @items (element-type KithEvidenceItem, borrowed). */
void                 kith_evidence_count          (GPtrArray                *items,
                                                   KithSummaryCount         *count);
GPtrArray           *kith_evidence_count_by_geography (GPtrArray            *items);
KithSummaryEvidence *kith_evidence_summarise      (const char               *key,
                                                   const char               *label,
                                                   const char               *dimension,
                                                   GPtrArray                *items,
                                                   const KithSummaryOptions *options);
void                 kith_summary_evidence_free   (KithSummaryEvidence      *evidence);
KithSummaryQuote    *kith_summary_quote_copy      (const KithSummaryQuote   *quote);
void                 kith_summary_quote_free      (KithSummaryQuote         *quote);
void                 kith_summary_count_free      (KithSummaryCount         *count);
/* Geographies and periods match whatever their case: “walsall” is Walsall. */
gboolean             kith_summary_names_match      (const char               *a,
                                                   const char               *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithEvidenceSet, kith_evidence_set_free)

G_END_DECLS
