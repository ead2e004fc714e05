/* kith-matrix.h — the framework matrix: who evidences what
 *
 * Rows are cases, documents or the values of an attribute (a coding's
 * case's value, else its document's); columns are codes, or the
 * framework's outcomes, dimensions or goals, and a column counts its
 * subcodes. A cell holds the number of codings, of documents, of residents
 * (cases, else speakers within a document) or the coded characters, and
 * keeps the codings it counts, so that every figure can be traced.
 */
#pragma once

#include "kith-project.h"
#include "kith-pseudonymiser.h"

G_BEGIN_DECLS

typedef enum {
  KITH_MATRIX_BY_CASE,
  KITH_MATRIX_BY_DOCUMENT,
  KITH_MATRIX_BY_ATTRIBUTE,
} KithMatrixRows;

typedef enum {
  KITH_MATRIX_CODES,
  KITH_MATRIX_OUTCOMES,
  KITH_MATRIX_DIMENSIONS,
  KITH_MATRIX_GOALS,
} KithMatrixColumns;

typedef enum {
  KITH_MATRIX_CODINGS,
  KITH_MATRIX_DOCUMENTS,
  KITH_MATRIX_RESIDENTS,
  KITH_MATRIX_CHARACTERS,
} KithMatrixCell;

typedef struct
{
  char      *label;      /* the case's or document's name, or the attribute's value */
  gint64    *cells;      /* one a column */
  GArray   **codings;    /* one a column: the coding ids behind the cell (gint64) */
} KithMatrixRow;

typedef struct
{
  char      *row_kind;   /* “case”, “document” or the attribute's name */
  GPtrArray *columns;    /* (element-type utf8) code paths or framework keys */
  GPtrArray *rows;       /* (element-type KithMatrixRow) */
} KithMatrix;

/* Parses “case”, “document” or an attribute's name (→ BY_ATTRIBUTE), and
 * “code”, “outcome”, “dimension”, “goal”; “codings”, “documents”,
 * “residents”, “characters”. FALSE when unknown. */
gboolean    kith_matrix_columns_parse (const char        *text,
                                       KithMatrixColumns *out);
gboolean    kith_matrix_cell_parse    (const char        *text,
                                       KithMatrixCell    *out);

/* @attribute: the attribute's name for BY_ATTRIBUTE (else ignored);
 * @pseudonymiser (or NULL) replaces names in the row labels. */
KithMatrix *kith_matrix_compute       (KithProject       *project,
                                       KithMatrixRows     rows,
                                       const char        *attribute,
                                       KithMatrixColumns  columns,
                                       KithMatrixCell     cell,
                                       KithPseudonymiser *pseudonymiser,
                                       GError           **error);
/* The matrix a workbook of extracts carries: cases (else documents) by the
 * framework's outcomes (else by code), counting codings. */
KithMatrix *kith_matrix_compute_default (KithProject     *project,
                                       KithPseudonymiser *pseudonymiser,
                                       GError           **error);
void        kith_matrix_free          (KithMatrix        *matrix);

/* The header (row kind, then the columns) and one line a row: TSV with
 * @separator '\t' (tabs and line breaks in labels become spaces), or RFC
 * 4180 CSV with ','. */
char       *kith_matrix_to_text       (const KithMatrix  *matrix,
                                       char               separator);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithMatrix, kith_matrix_free)

G_END_DECLS
