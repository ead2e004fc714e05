/* kith-code-tree.h — the codebook as a tree: colour chip, name, number of
 * codings, key (1–9). Activating a code applies it to the selected passage;
 * codes are dragged to reorder and nest them, and a passage dragged from a
 * document onto a code is coded with it. */
#pragma once

#include <gtk/gtk.h>

#include "kith-code-list.h"

G_BEGIN_DECLS

#define KITH_TYPE_CODE_TREE (kith_code_tree_get_type ())
G_DECLARE_FINAL_TYPE (KithCodeTree, kith_code_tree, KITH, CODE_TREE, GtkWidget)

void    kith_code_tree_set_codes         (KithCodeTree *self,
                                          KithCodeList *codes);
/* The ids of the selected codes, in tree order. (transfer full) */
GArray *kith_code_tree_get_selected_ids  (KithCodeTree *self);
/* The selected code the commands act on (the first), or 0. */
gint64  kith_code_tree_get_current_id    (KithCodeTree *self);
/* Selects code @id alone and scrolls to it. */
void    kith_code_tree_select            (KithCodeTree *self,
                                          gint64        id);
gboolean kith_code_tree_focus            (KithCodeTree *self);

G_END_DECLS
