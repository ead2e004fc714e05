/* kith-extracts.h — coded extracts: each coding with its exact text and
 * where it came from (document, speaker, case, coder) */
#pragma once

#include "kith-project.h"
#include "kith-pseudonymiser.h"

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
  gint64  case_id;      /* 0 when there is no case */
  GPtrArray *values;    /* (element-type utf8): the case's value (else the document's) of each
                         * attribute, in the attributes' order, NULL if unset */
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
/* The same, with the project's case attributes in @attributes (element-type
 * KithAttribute), in the order of each extract's values. */
GPtrArray *kith_extracts_query_full  (KithProject             *project,
                                      const KithExtractFilter *filter,
                                      GPtrArray              **attributes,
                                      GError                 **error);
/* Appends a CSV table (header first) of @extracts to @out: the fixed
 * columns, then one per case attribute in @attributes (may be NULL). */
void       kith_extracts_to_csv      (GPtrArray               *extracts,
                                      GPtrArray               *attributes,
                                      GString                 *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithExtract, kith_extract_free)

/* Replaces names and personal details in every text field of @extracts
 * (document, text, speaker, case, attribute values, coder, memo); the
 * positions stay those of the stored text. */
void       kith_extracts_pseudonymise (GPtrArray              *extracts,
                                      KithPseudonymiser      *pseudonymiser);

G_END_DECLS
