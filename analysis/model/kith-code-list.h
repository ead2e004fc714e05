/* kith-code-list.h — the codebook as list models
 *
 * KithCodeList holds one KithCodeItem per code, the top-level codes as a
 * list model (for a GtkTreeListModel, with each item's children as a model
 * of their own) and all codes depth first (for the code picker). A reload
 * from the project updates items in place and splices only what changed.
 */
#pragma once

#include <gio/gio.h>

#include "kith-pins.h"
#include "kith-project.h"

G_BEGIN_DECLS

#define KITH_TYPE_CODE_ITEM (kith_code_item_get_type ())
G_DECLARE_FINAL_TYPE (KithCodeItem, kith_code_item, KITH, CODE_ITEM, GObject)

gint64      kith_code_item_get_id           (KithCodeItem *self);
gint64      kith_code_item_get_parent_id    (KithCodeItem *self);
const char *kith_code_item_get_name         (KithCodeItem *self);
const char *kith_code_item_get_path         (KithCodeItem *self);
const char *kith_code_item_get_description  (KithCodeItem *self);
const char *kith_code_item_get_colour       (KithCodeItem *self);
gint64      kith_code_item_get_n_codings    (KithCodeItem *self);
/* 1 … 9 when the code is on a number key, else 0 */
int         kith_code_item_get_pin          (KithCodeItem *self);
int         kith_code_item_get_depth        (KithCodeItem *self);
/* the item's subcodes (a GListModel of KithCodeItem; borrowed) */
GListModel *kith_code_item_get_children     (KithCodeItem *self);

#define KITH_TYPE_CODE_LIST (kith_code_list_get_type ())
G_DECLARE_FINAL_TYPE (KithCodeList, kith_code_list, KITH, CODE_LIST, GObject)

KithCodeList *kith_code_list_new        (void);
gboolean      kith_code_list_reload     (KithCodeList *self,
                                         KithProject  *project,
                                         GError      **error);
/* top-level codes (borrowed) */
GListModel   *kith_code_list_get_roots  (KithCodeList *self);
/* every code, depth first (borrowed) */
GListModel   *kith_code_list_get_all    (KithCodeList *self);
KithCodeItem *kith_code_list_lookup     (KithCodeList *self,
                                         gint64        id);
/* the code on key @slot + 1, or 0 */
gint64        kith_code_list_get_pinned (KithCodeList *self,
                                         guint         slot);

G_END_DECLS
