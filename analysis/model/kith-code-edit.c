/* kith-code-edit.c */
#include <string.h>

#include "kith-code-edit.h"
#include "kith-codes.h"
#include "kith-db-private.h"
#include "kith-history.h"
#include "kith-i18n.h"

/* the ids of @id and all its descendants, parents before children */
#define SUBTREE_CTE \
  "WITH RECURSIVE sub (id, depth) AS (SELECT id, 0 FROM codes WHERE id = ?1" \
  " UNION ALL SELECT c.id, s.depth + 1 FROM codes c JOIN sub s ON c.parent_id = s.id) "

/* Whether @parent_id (0: top level) already has a child @name other than @self_id. */
static gboolean
sibling_named (KithProject *project,
               gint64       parent_id,
               const char  *name,
               gint64       self_id,
               gboolean    *taken,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project,
      "SELECT 1 FROM codes WHERE ifnull (parent_id, 0) = ?1 AND name = ?2 AND id <> ?3", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, parent_id);
  kith_db_bind_str (stmt, 2, name);
  sqlite3_bind_int64 (stmt, 3, self_id);
  rc = kith_db_step (project, stmt, error);
  if (rc < 0)
    return FALSE;
  *taken = rc == SQLITE_ROW;
  return TRUE;
}

gboolean
kith_code_edit_rename (KithProject *project,
                       gint64       id,
                       const char  *name,
                       GError     **error)
{
  g_autoptr(KithCode) code = NULL;
  g_autofree char *clean = NULL;
  g_autofree char *label = NULL;
  gboolean taken = FALSE;

  g_return_val_if_fail (name != NULL, FALSE);

  if (!g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID, _("a code name must be UTF-8 text"));
      return FALSE;
    }
  clean = g_strstrip (g_strdup (name));
  if (*clean == '\0' || strchr (clean, '/') != NULL)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID,
                   _("“%s” cannot be a code name: it must not be empty or contain “/”"), name);
      return FALSE;
    }
  code = kith_codes_get (project, id, error);
  if (code == NULL)
    return FALSE;
  if (g_strcmp0 (code->name, clean) == 0)
    return TRUE;
  if (!sibling_named (project, code->parent_id, clean, id, &taken, error))
    return FALSE;
  if (taken)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_EXISTS,
                   _("%s: there is already a code “%s” beside “%s”"),
                   kith_project_get_display_name (project), clean, code->path);
      return FALSE;
    }
  label = g_strdup_printf ("Rename code “%s” to “%s”", code->path, clean);
  return kith_history_change_row (project, "codebook", label, "UPDATE codes SET name = ?2 WHERE id = ?1",
                                  "code", id, clean, 0, 0, error);
}

gboolean
kith_code_edit_describe (KithProject *project,
                         gint64       id,
                         const char  *description,
                         GError     **error)
{
  g_autoptr(KithCode) code = kith_codes_get (project, id, error);
  g_autofree char *label = NULL;

  if (code == NULL)
    return FALSE;
  if (description != NULL && !g_utf8_validate (description, -1, NULL))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID, _("a description must be UTF-8 text"));
      return FALSE;
    }
  label = g_strdup_printf ("Describe code “%s”", code->path);
  return kith_history_change_row (project, "codebook", label, "UPDATE codes SET description = ?2 WHERE id = ?1",
                                  "code", id, description != NULL ? description : "", 0, 0, error);
}

gboolean
kith_code_edit_recolour (KithProject *project,
                         gint64       id,
                         const char  *colour,
                         GError     **error)
{
  g_autoptr(KithCode) code = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *label = NULL;

  if (!kith_code_colour_is_valid (colour))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID,
                   _("“%s” is not a colour: write it as #rrggbb, for example #2563eb"), colour ? colour : "");
      return FALSE;
    }
  code = kith_codes_get (project, id, error);
  if (code == NULL)
    return FALSE;
  lower = g_ascii_strdown (colour, -1);
  label = g_strdup_printf ("Recolour code “%s”", code->path);
  return kith_history_change_row (project, "codebook", label, "UPDATE codes SET colour = ?2 WHERE id = ?1",
                                  "code", id, lower, 0, 0, error);
}

/* Renumbers the children of @parent_id 0, 1, 2… in their current order,
 * leaving a gap at @gap (-1: none). Positions only change where they
 * differ, so an undo entry holds no more than needed. */
static gboolean
renumber (KithProject *project,
          gint64       parent_id,
          gint64       skip_id,
          int          gap,
          GError     **error)
{
  g_autoptr(sqlite3_stmt) list = kith_db_prepare (project,
      "SELECT id, position FROM codes WHERE ifnull (parent_id, 0) = ?1 AND id <> ?2 ORDER BY position, id", error);
  g_autoptr(sqlite3_stmt) set = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) old = g_array_new (FALSE, FALSE, sizeof (int));
  int rc;

  if (list == NULL)
    return FALSE;
  sqlite3_bind_int64 (list, 1, parent_id);
  sqlite3_bind_int64 (list, 2, skip_id);
  while ((rc = kith_db_step (project, list, error)) == SQLITE_ROW)
    {
      gint64 child = sqlite3_column_int64 (list, 0);
      int position = sqlite3_column_int (list, 1);
      g_array_append_val (ids, child);
      g_array_append_val (old, position);
    }
  if (rc < 0)
    return FALSE;
  set = kith_db_prepare (project, "UPDATE codes SET position = ?2 WHERE id = ?1", error);
  if (set == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      int position = (int) i + (gap >= 0 && (int) i >= gap ? 1 : 0);
      if (g_array_index (old, int, i) == position)
        continue;
      sqlite3_reset (set);
      sqlite3_bind_int64 (set, 1, g_array_index (ids, gint64, i));
      sqlite3_bind_int (set, 2, position);
      if (!kith_db_run (project, set, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
count_children (KithProject *project, gint64 parent_id, gint64 skip_id, gint64 *n, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project,
      "SELECT count(*) FROM codes WHERE ifnull (parent_id, 0) = ?1 AND id <> ?2", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, parent_id);
  sqlite3_bind_int64 (stmt, 2, skip_id);
  if (kith_db_step (project, stmt, error) != SQLITE_ROW)
    return FALSE;
  *n = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

gboolean
kith_code_edit_move (KithProject *project,
                     gint64       id,
                     gint64       parent_id,
                     int          position,
                     GError      **error)
{
  g_autoptr(KithCode) code = kith_codes_get (project, id, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *label = NULL;
  g_autofree char *where = NULL;
  gboolean taken = FALSE;
  gint64 n_siblings = 0;

  if (code == NULL)
    return FALSE;
  if (parent_id != 0)
    {
      g_autoptr(KithCode) parent = kith_codes_get (project, parent_id, error);
      if (parent == NULL)
        return FALSE;
      where = g_strdup_printf ("“%s”", parent->path);
      {
        g_autoptr(sqlite3_stmt) check = kith_db_prepare (project, SUBTREE_CTE "SELECT 1 FROM sub WHERE id = ?2", error);
        int rc;
        if (check == NULL)
          return FALSE;
        sqlite3_bind_int64 (check, 1, id);
        sqlite3_bind_int64 (check, 2, parent_id);
        rc = kith_db_step (project, check, error);
        if (rc < 0)
          return FALSE;
        if (rc == SQLITE_ROW)
          {
            g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID,
                         _("“%s” cannot go inside “%s”: a code cannot be moved into itself or one of its subcodes"),
                         code->path, parent->path);
            return FALSE;
          }
      }
    }
  if (parent_id != code->parent_id)
    {
      if (!sibling_named (project, parent_id, code->name, id, &taken, error))
        return FALSE;
      if (taken)
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_EXISTS,
                       _("%s: there is already a code “%s” there"), kith_project_get_display_name (project), code->name);
          return FALSE;
        }
    }

  label = g_strdup_printf ("Move code “%s” to %s", code->path, where != NULL ? where : "the top level");
  if (!kith_history_begin (project, "codebook", label, error))
    return FALSE;
  if (!count_children (project, parent_id, id, &n_siblings, error))
    goto fail;
  if (position < 0 || position > n_siblings)
    position = (int) n_siblings;
  /* close the gap the code leaves, open one where it goes */
  if (parent_id != code->parent_id && !renumber (project, code->parent_id, id, -1, error))
    goto fail;
  if (!renumber (project, parent_id, id, position, error))
    goto fail;
  stmt = kith_db_prepare (project, "UPDATE codes SET parent_id = nullif (?2, 0), position = ?3 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, parent_id);
  sqlite3_bind_int (stmt, 3, position);
  if (!kith_db_run (project, stmt, error))
    goto fail;
  return kith_history_commit (project, error);

fail:
  kith_history_rollback (project);
  return FALSE;
}

gboolean
kith_code_edit_delete (KithProject *project,
                       gint64       id,
                       gint64      *n_codings,
                       GError     **error)
{
  g_autoptr(KithCode) code = kith_codes_get (project, id, error);
  g_autofree char *label = NULL;
  gint64 count = 0;
  /* explicitly, children before parents, so that every row deleted is
   * logged for undo and an undo restores parents before children */
  static const char *const steps[] = {
    SUBTREE_CTE "DELETE FROM codings WHERE code_id IN (SELECT id FROM sub)",
    SUBTREE_CTE "DELETE FROM memos WHERE code_id IN (SELECT id FROM sub)",
  };

  if (code == NULL)
    return FALSE;
  label = g_strdup_printf ("Delete code “%s”", code->path);
  if (!kith_history_begin (project, "codebook", label, error))
    return FALSE;
  count = kith_codes_count_codings (project, id, error);
  if (count < 0)
    goto fail;
  for (gsize i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project, steps[i], error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!kith_db_run (project, stmt, error))
        goto fail;
    }
  {
    /* deepest first */
    g_autoptr(sqlite3_stmt) list = kith_db_prepare (project, SUBTREE_CTE "SELECT id FROM sub ORDER BY depth DESC", error);
    g_autoptr(sqlite3_stmt) del = kith_db_prepare (project, "DELETE FROM codes WHERE id = ?1", error);
    g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    int rc;

    if (list == NULL || del == NULL)
      goto fail;
    sqlite3_bind_int64 (list, 1, id);
    while ((rc = kith_db_step (project, list, error)) == SQLITE_ROW)
      {
        gint64 child = sqlite3_column_int64 (list, 0);
        g_array_append_val (ids, child);
      }
    if (rc < 0)
      goto fail;
    for (guint i = 0; i < ids->len; i++)
      {
        sqlite3_reset (del);
        sqlite3_bind_int64 (del, 1, g_array_index (ids, gint64, i));
        if (!kith_db_run (project, del, error))
          goto fail;
      }
  }
  if (!renumber (project, code->parent_id, id, -1, error))
    goto fail;
  if (!kith_history_commit (project, error))
    return FALSE;
  if (n_codings != NULL)
    *n_codings = count;
  return TRUE;

fail:
  kith_history_rollback (project);
  return FALSE;
}
