/* kith-inspector.h — the side panel: the codings at the caret, the memo of
 * the chosen one, and the document's pending suggestions (a
 * KithReviewPanel the window drives) */
#pragma once

#include <gtk/gtk.h>

#include "kith-code-list.h"
#include "kith-codings.h"
#include "kith-context.h"
#include "kith-review-panel.h"

G_BEGIN_DECLS

#define KITH_TYPE_INSPECTOR (kith_inspector_get_type ())
G_DECLARE_FINAL_TYPE (KithInspector, kith_inspector, KITH, INSPECTOR, GtkWidget)

void    kith_inspector_set_context          (KithInspector *self,
                                             KithContext   *context,
                                             KithCodeList  *codes);
/* @codings: KithCoding, shortest first (borrowed for the call), in the
 * text of @buffer (NULL: no document). The chosen coding stays chosen when
 * it is still there, else the first is. */
void    kith_inspector_show_codings         (KithInspector *self,
                                             GPtrArray     *codings,
                                             GtkTextBuffer *buffer);
/* Shows coding @coding_id alone (an extract chosen in the extracts view),
 * with @text as its passage. */
void    kith_inspector_show_extract         (KithInspector *self,
                                             gint64         coding_id,
                                             const char    *text);
/* The list's heading, and what it says when empty. */
void    kith_inspector_set_hint             (KithInspector *self,
                                             const char    *heading,
                                             const char    *hint);
gint64  kith_inspector_get_selected_coding  (KithInspector *self);
void    kith_inspector_select_coding        (KithInspector *self,
                                             gint64         coding_id);
void    kith_inspector_focus_memo           (KithInspector *self);
/* FALSE when there is nothing to focus (no codings at the caret). */
gboolean kith_inspector_focus               (KithInspector *self);
KithReviewPanel *kith_inspector_get_review_panel (KithInspector *self);
/* Saves a memo being typed now (before closing, or moving on). */
void    kith_inspector_flush                (KithInspector *self);

G_END_DECLS
