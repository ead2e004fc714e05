/* kith-matrix-view.h — the framework matrix: rows (cases, documents or an
 * attribute's values) by columns (codes, outcomes, dimensions, goals), a
 * count in each cell; activating a cell asks for its extracts
 * ("cell-activated": the cell's coding ids, a title for them) */
#pragma once

#include <gtk/gtk.h>

#include "kith-context.h"

G_BEGIN_DECLS

#define KITH_TYPE_MATRIX_VIEW (kith_matrix_view_get_type ())
G_DECLARE_FINAL_TYPE (KithMatrixView, kith_matrix_view, KITH, MATRIX_VIEW, GtkWidget)

/* Set once: while shown, the view computes the matrix again on @context's
 * "changed". */
void     kith_matrix_view_set_context (KithMatrixView *self,
                                       KithContext    *context);
gboolean kith_matrix_view_focus       (KithMatrixView *self);

G_END_DECLS
