/* kith-context.h — the open project of a window, and its changes
 *
 * One KithContext per project window owns the KithProject (its own SQLite
 * connection) and tells the widgets when the project changed: after each of
 * this window's commits, and when another writer — a second window, kith-cli,
 * a background task — committed (PRAGMA data_version, checked every second).
 * Widgets refresh from the project on "changed"; nothing is cached that the
 * project does not hold, so a change from anywhere shows everywhere.
 */
#pragma once

#include <glib-object.h>

#include "kith-project.h"

G_BEGIN_DECLS

#define KITH_TYPE_CONTEXT (kith_context_get_type ())
G_DECLARE_FINAL_TYPE (KithContext, kith_context, KITH, CONTEXT, GObject)

KithContext *kith_context_open            (const char   *path,
                                           GError      **error);
KithProject *kith_context_get_project     (KithContext  *self);
const char  *kith_context_get_path        (KithContext  *self);
/* What undo / redo would do now (“Code “Feel/Safe””), or NULL. */
const char  *kith_context_get_undo_label  (KithContext  *self);
const char  *kith_context_get_redo_label  (KithContext  *self);
gboolean     kith_context_undo            (KithContext  *self,
                                           char        **label,
                                           GError      **error);
gboolean     kith_context_redo            (KithContext  *self,
                                           char        **label,
                                           GError      **error);
/* Looks for other writers' changes now, e.g. when a background task ends. */
void         kith_context_check_now       (KithContext  *self);
/* Stops watching the project (the window is closing). */
void         kith_context_close           (KithContext  *self);

G_END_DECLS
