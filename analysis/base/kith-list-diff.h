/* kith-list-diff.h — the smallest change between two lists of ids
 *
 * List models must say exactly what changed (GListModel::items-changed);
 * after a reload from the project, this finds it: the one range in the
 * middle that differs, with the common start and end kept. Rows outside the
 * range keep their widgets, their selection and their expanded state.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* On return, [@position, @position + @removed) of @old becomes
 * [@position, @position + @added) of @new; all three are 0 when equal. */
void kith_list_diff (const gint64 *old_ids,
                     guint         n_old,
                     const gint64 *new_ids,
                     guint         n_new,
                     guint        *position,
                     guint        *removed,
                     guint        *added);

G_END_DECLS
