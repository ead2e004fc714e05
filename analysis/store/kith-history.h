/* kith-history.h — undo and redo, kept in the project itself
 *
 * Every user action (code a span, edit a memo, rename a code, review a
 * suggestion…) is recorded as one entry with a label. Triggers on the
 * tracked tables log, for each row changed, the statement that reverses it;
 * undoing an action runs those statements backwards and logs their reverse,
 * so the same entry can be redone. The history lives in the project file, so
 * it survives a restart and is shared by the desktop app and kith-cli.
 *
 * Mutating functions in analysis/ wrap their change in kith_history_begin /
 * kith_history_commit; a caller that wants several changes to undo as one
 * (“accept all from this rule”) opens an outer action, and the inner ones
 * join it.
 */
#pragma once

#include "kith-project.h"

G_BEGIN_DECLS

/* Starts an undoable action (and a transaction). @group lets an undo be
 * limited to one kind of action, e.g. "review"; @label is what a user sees:
 * “Undo Code ‘Feel/Safe’”. Inside another action, joins it. */
gboolean  kith_history_begin          (KithProject  *project,
                                       const char   *group,
                                       const char   *label,
                                       GError      **error);
gboolean  kith_history_commit         (KithProject  *project,
                                       GError      **error);
void      kith_history_rollback       (KithProject  *project);

/* Undoes the latest action (of @group, or any when NULL). Returns FALSE with
 * @error KITH_ERROR_NOT_FOUND when there is nothing to undo. @label gets
 * the undone action's label. */
gboolean  kith_history_undo           (KithProject  *project,
                                       const char   *group,
                                       char        **label,
                                       GError      **error);
gboolean  kith_history_redo           (KithProject  *project,
                                       const char   *group,
                                       char        **label,
                                       GError      **error);
/* The label of what undo / redo would do now, or NULL. */
char     *kith_history_peek_undo      (KithProject  *project,
                                       const char   *group);
char     *kith_history_peek_redo      (KithProject  *project,
                                       const char   *group);
/* Forgets all history, e.g. after deleting a document, whose text is not
 * kept for undo. */
gboolean  kith_history_clear          (KithProject  *project,
                                       GError      **error);

G_END_DECLS
