/* kith-history.c
 *
 * The technique is SQLite's own “automatic undo/redo with triggers”: for
 * each tracked table, AFTER INSERT / UPDATE / DELETE triggers append the
 * reversing SQL to history_log, but only while history_state names an open
 * action. history_state is a one-row table set and cleared inside the same
 * transaction, so other connections (another window, kith-cli, the sqlite3
 * shell) never see it set and their triggers log nothing.
 *
 * Undo and redo are the same operation, a “flip”: run an entry's log
 * backwards while capturing what the triggers log, which is exactly the
 * log that flips it back.
 */
#include <string.h>

#include "kith-db-private.h"
#include "kith-history.h"
#include "kith-i18n.h"

#define HISTORY_KEEP 1000   /* actions kept for undo */

static gboolean
set_state (KithProject *project, gint64 action_id, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project, "UPDATE history_state SET action_id = nullif (?1, 0)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, action_id);
  return kith_db_run (project, stmt, error);
}

static gint64
current_action (KithProject *project, GError **error)
{
  gint64 id = 0;

  if (!kith_db_query_int (project, "SELECT action_id FROM history_state", 0, 0, &id, error))
    return -1;
  return id;
}

static gint64
insert_action (KithProject *project, const char *group, const char *label, gboolean undone, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project,
      "INSERT INTO history_actions (grp, label, coder, created, undone) VALUES (?1, ?2, ?3, ?4, ?5)", error);
  g_autofree char *now = kith_now_iso8601 ();

  if (stmt == NULL)
    return 0;
  kith_db_bind_str (stmt, 1, group != NULL ? group : "edit");
  kith_db_bind_str (stmt, 2, label);
  kith_db_bind_str (stmt, 3, kith_project_get_coder (project));
  kith_db_bind_str (stmt, 4, now);
  sqlite3_bind_int (stmt, 5, undone);
  if (!kith_db_run (project, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (kith_project_get_db (project));
}

gboolean
kith_history_begin (KithProject *project,
                    const char  *group,
                    const char  *label,
                    GError     **error)
{
  gint64 action;
  g_autofree char *trim = NULL;

  g_return_val_if_fail (label != NULL, FALSE);

  if (!kith_project_begin (project, error))
    return FALSE;
  action = current_action (project, error);
  if (action < 0)
    goto fail;
  if (action > 0)
    return TRUE;  /* joins the enclosing action */

  /* a new action ends the redo chain, and very old actions are let go */
  trim = g_strdup_printf ("DELETE FROM history_actions WHERE undone = 1;"
                          "DELETE FROM history_actions WHERE id <= (SELECT max (id) FROM history_actions) - %d;",
                          HISTORY_KEEP);
  if (!kith_db_exec (project, trim, error))
    goto fail;
  action = insert_action (project, group, label, FALSE, error);
  if (action == 0 || !set_state (project, action, error))
    goto fail;
  kith_project_set_history_owner (project, kith_project_transaction_depth (project));
  return TRUE;

fail:
  kith_project_rollback (project);
  return FALSE;
}

gboolean
kith_history_commit (KithProject *project,
                     GError     **error)
{
  /* only the level that opened the action closes it */
  if (kith_project_get_history_owner (project) == kith_project_transaction_depth (project))
    {
      gint64 action = current_action (project, error);
      gint64 logged = 0;

      if (action < 0 || !set_state (project, 0, error))
        goto fail;
      kith_project_set_history_owner (project, 0);
      /* an action that changed nothing is not worth an undo step */
      if (!kith_db_query_int (project, "SELECT count(*) FROM history_log WHERE action_id = ?1",
                              action, 0, &logged, error))
        goto fail;
      if (logged == 0)
        {
          g_autofree char *sql = g_strdup_printf ("DELETE FROM history_actions WHERE id = %" G_GINT64_FORMAT, action);
          if (!kith_db_exec (project, sql, error))
            goto fail;
        }
    }
  return kith_project_commit (project, error);

fail:
  kith_history_rollback (project);
  return FALSE;
}

void
kith_history_rollback (KithProject *project)
{
  if (kith_project_get_history_owner (project) == kith_project_transaction_depth (project))
    kith_project_set_history_owner (project, 0);
  kith_project_rollback (project);
}

gboolean
kith_history_change_row (KithProject *project,
                         const char  *group,
                         const char  *label,
                         const char  *sql,
                         const char  *what,
                         gint64       id,
                         const char  *text,
                         gint64       a,
                         gint64       b,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!kith_history_begin (project, group, label, error))
    return FALSE;
  stmt = kith_db_prepare (project, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (text != NULL)
    kith_db_bind_str (stmt, 2, text);
  else if (sqlite3_bind_parameter_count (stmt) >= 3)
    {
      sqlite3_bind_int64 (stmt, 2, a);
      sqlite3_bind_int64 (stmt, 3, b);
    }
  if (!kith_db_run (project, stmt, error))
    goto fail;
  if (sqlite3_changes (kith_project_get_db (project)) == 0)
    {
      kith_db_set_not_found (project, error, what, id);
      goto fail;
    }
  return kith_history_commit (project, error);

fail:
  kith_history_rollback (project);
  return FALSE;
}

/* ---- undo and redo --------------------------------------------------------- */

static gboolean
find_entry (KithProject *project,
            gboolean     undone,
            const char  *group,
            gint64      *id,
            char       **label,
            GError     **error)
{
  /* undo takes the latest done action, redo the earliest undone one */
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project, undone
      ? "SELECT id, label FROM history_actions WHERE undone = 1 AND (?1 IS NULL OR grp = ?1) ORDER BY id ASC LIMIT 1"
      : "SELECT id, label FROM history_actions WHERE undone = 0 AND (?1 IS NULL OR grp = ?1) ORDER BY id DESC LIMIT 1",
      error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  kith_db_bind_text_or_null (stmt, 1, group);
  rc = kith_db_step (project, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_DONE)
    {
      *id = 0;
      return TRUE;
    }
  *id = sqlite3_column_int64 (stmt, 0);
  if (label != NULL)
    *label = g_strdup (kith_db_column_str (stmt, 1));
  return TRUE;
}

static gboolean
flip (KithProject *project,
      gboolean     redo,
      const char  *group,
      char       **label_out,
      GError     **error)
{
  g_autoptr(sqlite3_stmt) read = NULL;
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *label = NULL;
  g_autofree char *move = NULL;
  gint64 id = 0, capture;
  int rc;

  if (!kith_project_begin (project, error))
    return FALSE;
  if (!find_entry (project, redo, group, &id, &label, error))
    goto fail;
  if (id == 0)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_NOT_FOUND, _("%s: there is nothing to %s"),
                   kith_project_get_display_name (project), redo ? "redo" : "undo");
      goto fail;
    }

  read = kith_db_prepare (project, "SELECT sql FROM history_log WHERE action_id = ?1 ORDER BY seq DESC", error);
  if (read == NULL)
    goto fail;
  sqlite3_bind_int64 (read, 1, id);
  while ((rc = kith_db_step (project, read, error)) == SQLITE_ROW)
    g_ptr_array_add (statements, g_strdup (kith_db_column_str (read, 0)));
  if (rc < 0)
    goto fail;

  /* capture the reversing log in a scratch action, then give it to @id;
   * rows restored in reverse order may briefly precede their parents */
  capture = insert_action (project, "capture", label, TRUE, error);
  if (capture == 0 || !set_state (project, capture, error)
      || !kith_db_exec (project, "PRAGMA defer_foreign_keys = ON", error))
    goto fail;
  for (guint i = 0; i < statements->len; i++)
    {
      char *message = NULL;
      if (sqlite3_exec (kith_project_get_db (project), g_ptr_array_index (statements, i), NULL, NULL, &message) != SQLITE_OK)
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_FAILED,
                       _("%s: cannot %s “%s”: the project has changed since (%s)"),
                       kith_project_get_display_name (project), redo ? "redo" : "undo", label, message);
          sqlite3_free (message);
          goto fail;
        }
    }
  if (!set_state (project, 0, error))
    goto fail;
  move = g_strdup_printf ("DELETE FROM history_log WHERE action_id = %1$" G_GINT64_FORMAT ";"
                          "UPDATE history_log SET action_id = %1$" G_GINT64_FORMAT " WHERE action_id = %2$" G_GINT64_FORMAT ";"
                          "DELETE FROM history_actions WHERE id = %2$" G_GINT64_FORMAT ";"
                          "UPDATE history_actions SET undone = %3$d WHERE id = %1$" G_GINT64_FORMAT ";",
                          id, capture, redo ? 0 : 1);
  if (!kith_db_exec (project, move, error))
    goto fail;
  if (!kith_project_commit (project, error))
    return FALSE;
  if (label_out != NULL)
    *label_out = g_steal_pointer (&label);
  return TRUE;

fail:
  kith_project_rollback (project);
  return FALSE;
}

gboolean
kith_history_undo (KithProject *project,
                   const char  *group,
                   char       **label,
                   GError     **error)
{
  return flip (project, FALSE, group, label, error);
}

gboolean
kith_history_redo (KithProject *project,
                   const char  *group,
                   char       **label,
                   GError     **error)
{
  return flip (project, TRUE, group, label, error);
}

static char *
peek (KithProject *project, gboolean redo, const char *group)
{
  char *label = NULL;
  gint64 id = 0;

  if (!find_entry (project, redo, group, &id, &label, NULL) || id == 0)
    return NULL;
  return label;
}

char *
kith_history_peek_undo (KithProject *project,
                        const char  *group)
{
  return peek (project, FALSE, group);
}

char *
kith_history_peek_redo (KithProject *project,
                        const char  *group)
{
  return peek (project, TRUE, group);
}

gboolean
kith_history_clear (KithProject *project,
                    GError     **error)
{
  if (!kith_project_begin (project, error))
    return FALSE;
  if (!kith_db_exec (project, "DELETE FROM history_actions", error))
    {
      kith_project_rollback (project);
      return FALSE;
    }
  return kith_project_commit (project, error);
}
