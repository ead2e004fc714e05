/* kith-document-list.h — the documents of a project as a list model
 *
 * KithDocumentList reloads from the project and emits exactly the
 * items-changed that happened; items that stay are updated in place (their
 * properties notify), so rows keep their selection and focus.
 */
#pragma once

#include <gio/gio.h>

#include "kith-project.h"

G_BEGIN_DECLS

#define KITH_TYPE_DOCUMENT_ITEM (kith_document_item_get_type ())
G_DECLARE_FINAL_TYPE (KithDocumentItem, kith_document_item, KITH, DOCUMENT_ITEM, GObject)

gint64      kith_document_item_get_id        (KithDocumentItem *self);
const char *kith_document_item_get_name      (KithDocumentItem *self);
const char *kith_document_item_get_kind      (KithDocumentItem *self);
gint64      kith_document_item_get_n_codings (KithDocumentItem *self);
gint64      kith_document_item_get_n_chars   (KithDocumentItem *self);
/* “Transcript · 12 codings” */
const char *kith_document_item_get_summary   (KithDocumentItem *self);

#define KITH_TYPE_DOCUMENT_LIST (kith_document_list_get_type ())
G_DECLARE_FINAL_TYPE (KithDocumentList, kith_document_list, KITH, DOCUMENT_LIST, GObject)

KithDocumentList *kith_document_list_new     (void);
gboolean          kith_document_list_reload  (KithDocumentList *self,
                                              KithProject      *project,
                                              GError          **error);
/* The item of document @id (borrowed), or NULL; @position may be NULL. */
KithDocumentItem *kith_document_list_find    (KithDocumentList *self,
                                              gint64            id,
                                              guint            *position);
/* A human name for a document kind: “Transcript”, “Notes”… */
const char       *kith_document_kind_label   (const char       *kind);

G_END_DECLS
