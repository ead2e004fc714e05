/* kith-document-sidebar.h — the project's documents, filterable; choosing
 * one opens it (action win.open-document) */
#pragma once

#include <gtk/gtk.h>

#include "kith-document-list.h"

G_BEGIN_DECLS

#define KITH_TYPE_DOCUMENT_SIDEBAR (kith_document_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (KithDocumentSidebar, kith_document_sidebar, KITH, DOCUMENT_SIDEBAR, GtkWidget)

void kith_document_sidebar_set_model  (KithDocumentSidebar *self,
                                       KithDocumentList    *documents);
/* Shows document @id as the chosen one (0: none), without opening it. */
void kith_document_sidebar_select     (KithDocumentSidebar *self,
                                       gint64               id);
/* Puts the keyboard focus on the list. */
gboolean kith_document_sidebar_focus  (KithDocumentSidebar *self);

G_END_DECLS
