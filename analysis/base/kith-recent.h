/* kith-recent.h — the projects a user opened lately, newest first
 *
 * Kept in the recent-projects setting (kith-settings.h), so the welcome
 * view can list them without a desktop session's recent-files service.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KITH_RECENT_MAX 12

/* The paths, newest first, of projects that still exist. (transfer full) */
GStrv    kith_recent_list    (void);
void     kith_recent_add     (const char *path);
void     kith_recent_remove  (const char *path);

G_END_DECLS
