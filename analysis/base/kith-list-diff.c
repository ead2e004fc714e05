/* kith-list-diff.c */
#include "kith-list-diff.h"

void
kith_list_diff (const gint64 *old_ids,
                guint         n_old,
                const gint64 *new_ids,
                guint         n_new,
                guint        *position,
                guint        *removed,
                guint        *added)
{
  guint prefix = 0, suffix = 0;

  while (prefix < n_old && prefix < n_new && old_ids[prefix] == new_ids[prefix])
    prefix++;
  while (suffix < n_old - prefix && suffix < n_new - prefix
         && old_ids[n_old - 1 - suffix] == new_ids[n_new - 1 - suffix])
    suffix++;
  *position = prefix;
  *removed = n_old - prefix - suffix;
  *added = n_new - prefix - suffix;
  if (*removed == 0 && *added == 0)
    *position = 0;
}
