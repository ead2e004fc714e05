/* kith-code-edit.h — editing the codebook: rename, recolour, move, delete
 *
 * Each function is one undoable action (group "codebook") and one
 * transaction: it changes everything or nothing.
 */
#pragma once

#include "kith-project.h"

G_BEGIN_DECLS

/* Renames code @id (the last part of its path). The name cannot be empty,
 * contain “/”, or be taken by a sibling (KITH_ERROR_EXISTS). */
gboolean kith_code_edit_rename      (KithProject  *project,
                                     gint64        id,
                                     const char   *name,
                                     GError      **error);
/* Sets the description of code @id; NULL clears it. */
gboolean kith_code_edit_describe    (KithProject  *project,
                                     gint64        id,
                                     const char   *description,
                                     GError      **error);
/* Sets the colour of code @id (#rrggbb). */
gboolean kith_code_edit_recolour    (KithProject  *project,
                                     gint64        id,
                                     const char   *colour,
                                     GError      **error);
/* Moves code @id, with its children, under @parent_id (0: top level) to
 * @position among its new siblings (clamped; -1: last). A code cannot move
 * under itself or its descendants (KITH_ERROR_INVALID), nor beside a
 * sibling of the same name (KITH_ERROR_EXISTS). */
gboolean kith_code_edit_move        (KithProject  *project,
                                     gint64        id,
                                     gint64        parent_id,
                                     int           position,
                                     GError      **error);
/* Deletes code @id, its descendants and all their codings. @n_codings, if
 * not NULL, receives how many codings went with them. */
gboolean kith_code_edit_delete      (KithProject  *project,
                                     gint64        id,
                                     gint64       *n_codings,
                                     GError      **error);

G_END_DECLS
