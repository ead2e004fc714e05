/* kith-retrieval-view.h — the coded extracts of the chosen codes across all
 * documents: a sortable table (document, speaker, case, attributes, the
 * extract), filtered by document kind and attribute value; activating a
 * row opens the document at the extract (win.open-document-at) */
#pragma once

#include <gtk/gtk.h>

#include "kith-code-list.h"
#include "kith-context.h"

G_BEGIN_DECLS

#define KITH_TYPE_RETRIEVAL_VIEW (kith_retrieval_view_get_type ())
G_DECLARE_FINAL_TYPE (KithRetrievalView, kith_retrieval_view, KITH, RETRIEVAL_VIEW, GtkWidget)

/* Set once: while shown, the view reads its extracts again on @context's
 * "changed". */
void     kith_retrieval_view_set_context  (KithRetrievalView *self,
                                           KithContext       *context,
                                           KithCodeList      *codes);
/* Shows the extracts of @code_ids (gint64) and their subcodes; all
 * extracts when empty. The query runs in a thread. */
void     kith_retrieval_view_set_codes    (KithRetrievalView *self,
                                           GArray            *code_ids);
/* Shows the extracts of exactly @coding_ids (gint64; a matrix cell's)
 * under @title, until kith_retrieval_view_set_codes() is called. */
void     kith_retrieval_view_set_codings  (KithRetrievalView *self,
                                           GArray            *coding_ids,
                                           const char        *title);
gboolean kith_retrieval_view_shows_codings (KithRetrievalView *self);
/* The rows shown, in the order shown, as CSV with attribute columns. */
/* *@pseudonymised (may be NULL): what the project's Privacy setting
 * replaced, or NULL when it is off. */
gboolean kith_retrieval_view_export       (KithRetrievalView *self,
                                           const char        *path,
                                           char             **pseudonymised,
                                           GError           **error);
guint    kith_retrieval_view_get_n_shown  (KithRetrievalView *self);
gboolean kith_retrieval_view_focus        (KithRetrievalView *self);

G_END_DECLS
