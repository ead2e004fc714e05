/* kith-summary-private.h — shared by kith-summary*.c */
#pragma once

#include "kith-extracts.h"
#include "kith-summary.h"
#include "kith-utf8.h"

G_BEGIN_DECLS

/* A document the evidence comes from: what it is called in attributions,
 * and who in it works for the study (the header's interviewer, facilitator…),
 * whose words are never evidence. */
typedef struct
{
  gint64         id;
  char          *kind;
  char          *title;
  GPtrArray     *staff;     /* (element-type utf8) names */
  KithProject   *project;   /* borrowed, to read the text when a quote needs it */
  char          *text_data; /* NULL until needed */
  KithTextIndex *text;      /* over text_data */
  GHashTable    *speakers;  /* speaker → whether staff, worked out once per speaker */
} KithEvidenceDoc;

/* One coded passage, with where it is from and whom. */
typedef struct
{
  KithExtract *extract;     /* borrowed from the evidence set */
  KithEvidenceDoc *doc;     /* borrowed from the evidence set */
  const char  *geography;   /* borrowed; NULL when not recorded */
  const char  *place_key;   /* borrowed: geography case-folded, the key places are counted by;
                             * NULL when not recorded */
  char        *person;      /* a resident: "case:NAME" or "speaker:DOC:NAME" (transcripts and
                             * surveys only); NULL: the words are a document's */
  const char  *span;        /* "DOC:START:END": codings of one passage count once; borrowed
                             * from the set, one string per passage, so compared as a pointer */
} KithEvidenceItem;

typedef struct
{
  GPtrArray  *extracts;     /* (element-type KithExtract) every coding of the project */
  GPtrArray  *items;        /* (element-type KithEvidenceItem) one per extract */
  GHashTable *case_places;  /* case name → geography */
  GHashTable *doc_places;   /* document id → geography */
  GHashTable *docs;         /* document id → KithEvidenceDoc */
  GHashTable *place_keys;   /* geography → its case-folded key, folded once, not per passage */
  GHashTable *spans;        /* the items' span strings, each once */
  guint       n_staff;      /* codings of staff's words, left out */
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
/* The methodology of @summary's evidence, @items (kith-summary-method.c). */
KithSummaryMethod   *kith_summary_method_compute  (KithProject              *project,
                                                   const KithSummary        *summary,
                                                   GPtrArray                *items,
                                                   guint                     n_staff,
                                                   GError                  **error);
void                 kith_summary_method_free     (KithSummaryMethod        *method);
/* Geographies and periods match whatever their case: “walsall” is Walsall. */
gboolean             kith_summary_names_match      (const char               *a,
                                                   const char               *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithEvidenceSet, kith_evidence_set_free)

/* The catalogue the summary's words are looked up in: Kith's, or with
 * @english one that does not exist, so that g_dgettext() and g_dngettext()
 * give back the English whatever the locale (the CSV's columns). */
const char *kith_summary_domain (gboolean english);

/* The wording of kith-summary-text.c in English whatever the locale, for
 * the columns programs read (the CSV). (transfer full) */
char *kith_summary_describe_figure_english (const KithSummaryBarometer *barometer,
                                            const KithSummaryFigure    *figure);
char *kith_summary_describe_source_english (const KithBarometerValue   *value);
/* “Walsall 2, Dudley 1, not recorded 1”: coded extracts, or documents, by
 * place (transfer full) */
char *kith_summary_list_places (GPtrArray *by_geography,
                                gboolean   of_documents);

G_END_DECLS
