/* kith-document-view.h — one document's text, read-only, with its codings
 *
 * Speaker turns are set apart (names styled, timestamps dimmed); codings
 * are highlights in their code's colour and stripes in a margin (overlaps
 * side by side). A passage is selected with mouse or keyboard (the caret is
 * visible); the window's actions code it. Loading runs in a thread on its
 * own connection; text and highlights go in at once, so even a 5 MB
 * transcript with 20,000 codings paints in well under a second.
 */
#pragma once

#include <gtk/gtk.h>

#include "kith-code-list.h"
#include "kith-codings.h"
#include "kith-context.h"
#include "kith-review-cursor.h"

G_BEGIN_DECLS

#define KITH_TYPE_DOCUMENT_VIEW (kith_document_view_get_type ())
G_DECLARE_FINAL_TYPE (KithDocumentView, kith_document_view, KITH, DOCUMENT_VIEW, GtkWidget)

/* The view follows @context: on its "changed" it reads the codings again
 * (and emits "selection-changed"). Set once. */
void        kith_document_view_set_context         (KithDocumentView *self,
                                                    KithContext      *context,
                                                    KithCodeList     *codes);
/* …and shows the suggestions of @review as it moves. */
void        kith_document_view_set_review          (KithDocumentView *self,
                                                    KithReviewCursor *review);
/* Loads document @id; then selects [@select_start, @select_end) and scrolls
 * to it when @select_start >= 0. Emits "loaded" when shown, with the
 * highlights around where it opens; "highlighted" once all of them are on
 * (at once for all but long documents). */
void        kith_document_view_load                (KithDocumentView *self,
                                                    gint64            id,
                                                    gint64            select_start,
                                                    gint64            select_end);
void        kith_document_view_clear               (KithDocumentView *self);
gint64      kith_document_view_get_document_id     (KithDocumentView *self);
gboolean    kith_document_view_is_loading          (KithDocumentView *self);
/* The selected passage, white space at its ends left out; FALSE if none. */
gboolean    kith_document_view_get_selection       (KithDocumentView *self,
                                                    gint64           *start,
                                                    gint64           *end);
/* The codings at the caret (or over the selection's start), shortest first.
 * (transfer container): the codings are the view's. */
GPtrArray  *kith_document_view_get_codings_at_cursor (KithDocumentView *self);
KithCoding *kith_document_view_get_coding          (KithDocumentView *self,
                                                    gint64            coding_id);
void        kith_document_view_set_selected_coding (KithDocumentView *self,
                                                    gint64            coding_id);
void        kith_document_view_select_span         (KithDocumentView *self,
                                                    gint64            start,
                                                    gint64            end);
void        kith_document_view_start_find          (KithDocumentView *self);
gboolean    kith_document_view_focus_text          (KithDocumentView *self);
/* Where the selection (or caret) is, in this widget's coordinates. */
void        kith_document_view_get_selection_area  (KithDocumentView *self,
                                                    GdkRectangle     *area);
GtkTextView *kith_document_view_get_text_view      (KithDocumentView *self);
/* The caret to @start and the passage into view, not selected. */
void        kith_document_view_reveal_span         (KithDocumentView *self,
                                                    gint64            start,
                                                    gint64            end);

G_END_DECLS
