/* kith-history-triggers.c
 *
 * The logging triggers kith-history.c's undo and redo read: for each
 * tracked table, AFTER INSERT / UPDATE / DELETE triggers that append the
 * reversing SQL to history_log while history_state names an open action.
 * Here, apart from the history itself, so that the schema and the project
 * can install them without depending on the history (which depends on the
 * project).
 */
#include <string.h>

#include "kith-db-private.h"
#include "kith-i18n.h"

typedef enum {
  TRACK_INSERT = 1 << 0,
  TRACK_UPDATE = 1 << 1,
  TRACK_DELETE = 1 << 2,
  TRACK_ALL = TRACK_INSERT | TRACK_UPDATE | TRACK_DELETE,
} TrackOps;

/* Tables whose changes can be undone. Documents and their texts are not
 * (a text can be hundreds of megabytes): only a document's metadata edits
 * and the case links of turns are. Later schema steps add their tables
 * here; triggers are rebuilt after every migration. */
static const struct { const char *table; TrackOps ops; } tracked[] = {
  { "codes",           TRACK_ALL },
  { "codings",         TRACK_ALL },
  { "memos",           TRACK_ALL },
  { "cases",           TRACK_ALL },
  { "attributes",      TRACK_ALL },
  { "case_values",     TRACK_ALL },
  { "document_values", TRACK_ALL },
  { "documents",       TRACK_UPDATE },
  { "turns",           TRACK_UPDATE },
  { "code_barometers", TRACK_ALL },
  { "rules",           TRACK_ALL },
  { "refi_guids",      TRACK_ALL },
  { "privacy_names",   TRACK_ALL },
  /* Suggestions are inserted only by a suggestion pass, which is not an
   * undoable action (it can add a hundred thousand rows; its results are
   * reviewed, not undone). Review decisions are updates, and deleting a code
   * or rule removes suggestions with it: those are undone. */
  { "suggestions",     TRACK_UPDATE | TRACK_DELETE },
};

/* ---- triggers -------------------------------------------------------------- */

typedef struct
{
  GPtrArray *columns;   /* names */
  GPtrArray *key;       /* primary key columns; empty = rowid */
  gboolean   without_rowid;
} TableInfo;

static void
table_info_clear (TableInfo *info)
{
  g_clear_pointer (&info->columns, g_ptr_array_unref);
  g_clear_pointer (&info->key, g_ptr_array_unref);
}

static gboolean
read_table_info (sqlite3 *db, const char *table, TableInfo *info, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA table_info (%s)", table);
  g_autofree char *wr = g_strdup_printf ("SELECT sql LIKE '%%WITHOUT ROWID%%' FROM sqlite_schema WHERE name = '%s'", table);
  sqlite3_stmt *stmt = NULL;

  info->columns = g_ptr_array_new_with_free_func (g_free);
  info->key = g_ptr_array_new_with_free_func (g_free);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      g_ptr_array_add (info->columns, g_strdup (name));
      if (sqlite3_column_int (stmt, 5) > 0)
        g_ptr_array_add (info->key, g_strdup (name));
    }
  sqlite3_finalize (stmt);
  if (sqlite3_prepare_v2 (db, wr, -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  info->without_rowid = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;

fail:
  g_set_error (error, KITH_ERROR, KITH_ERROR_FAILED, _("cannot read the columns of %s: %s"), table, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return FALSE;
}

/* appends  ' WHERE rowid = ' || ROW.rowid  or, for a WITHOUT ROWID table,
 * ' WHERE k1 = ' || quote (ROW.k1) || ' AND k2 = ' || quote (ROW.k2) */
static void
append_where (GString *sql, const TableInfo *info, const char *row)
{
  if (!info->without_rowid)
    {
      g_string_append_printf (sql, "' WHERE rowid = ' || %s.rowid", row);
      return;
    }
  for (guint i = 0; i < info->key->len; i++)
    {
      const char *key = g_ptr_array_index (info->key, i);
      g_string_append_printf (sql, "%s' %s %s = ' || quote (%s.%s)",
                              i == 0 ? "" : " || ", i == 0 ? "WHERE" : "AND", key, row, key);
    }
}

static char *
trigger_sql (const char *table, const TableInfo *info, TrackOps op)
{
  g_autoptr(GString) reverse = g_string_new (NULL);
  const char *when = op == TRACK_INSERT ? "INSERT" : op == TRACK_UPDATE ? "UPDATE" : "DELETE";

  switch (op)
    {
    case TRACK_INSERT:
      g_string_append_printf (reverse, "'DELETE FROM %s' || ", table);
      append_where (reverse, info, "NEW");
      break;
    case TRACK_UPDATE:
      g_string_append_printf (reverse, "'UPDATE %s SET ", table);
      for (guint i = 0; i < info->columns->len; i++)
        g_string_append_printf (reverse, "%s%s = ' || quote (OLD.%s) || '", i > 0 ? ", " : "",
                                (const char *) g_ptr_array_index (info->columns, i),
                                (const char *) g_ptr_array_index (info->columns, i));
      g_string_append (reverse, "' || ");
      append_where (reverse, info, "NEW");
      break;
    case TRACK_DELETE:
    default:
      g_string_append_printf (reverse, "'INSERT INTO %s (", table);
      for (guint i = 0; i < info->columns->len; i++)
        g_string_append_printf (reverse, "%s%s", i > 0 ? ", " : "", (const char *) g_ptr_array_index (info->columns, i));
      g_string_append (reverse, ") VALUES (' || ");
      for (guint i = 0; i < info->columns->len; i++)
        g_string_append_printf (reverse, "%squote (OLD.%s)", i > 0 ? " || ', ' || " : "",
                                (const char *) g_ptr_array_index (info->columns, i));
      g_string_append (reverse, " || ')'");
      break;
    }
  return g_strdup_printf ("CREATE TRIGGER history_%s_%s AFTER %s ON %s "
                          "WHEN (SELECT action_id FROM history_state) IS NOT NULL BEGIN "
                          "INSERT INTO history_log (action_id, sql) "
                          "VALUES ((SELECT action_id FROM history_state), %s); END;",
                          table, when, when, table, reverse->str);
}

/**
 * kith_history_install_triggers:
 *
 * (Re)creates the logging triggers of every tracked table from its current
 * columns. Run at the end of every migration, inside its transaction.
 */
gboolean
kith_history_install_triggers (sqlite3 *db,
                               GError **error)
{
  static const TrackOps ops[] = { TRACK_INSERT, TRACK_UPDATE, TRACK_DELETE };
  sqlite3_stmt *exists = NULL;
  gboolean has_history;

  /* schemas before the history step have nothing to log into */
  sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_schema WHERE name = 'history_state'", -1, &exists, NULL);
  has_history = exists != NULL && sqlite3_step (exists) == SQLITE_ROW;
  sqlite3_finalize (exists);
  if (!has_history)
    return TRUE;

  for (gsize t = 0; t < G_N_ELEMENTS (tracked); t++)
    {
      TableInfo info = { 0 };
      gboolean ok;

      if (!read_table_info (db, tracked[t].table, &info, error))
        return FALSE;
      if (info.columns->len == 0)
        {
          table_info_clear (&info);
          continue;  /* a table a later step creates */
        }
      for (gsize o = 0; o < G_N_ELEMENTS (ops); o++)
        {
          const char *when = ops[o] == TRACK_INSERT ? "INSERT" : ops[o] == TRACK_UPDATE ? "UPDATE" : "DELETE";
          g_autofree char *drop = g_strdup_printf ("DROP TRIGGER IF EXISTS history_%s_%s", tracked[t].table, when);
          g_autofree char *create = (tracked[t].ops & ops[o]) ? trigger_sql (tracked[t].table, &info, ops[o]) : NULL;

          ok = sqlite3_exec (db, drop, NULL, NULL, NULL) == SQLITE_OK
               && (create == NULL || sqlite3_exec (db, create, NULL, NULL, NULL) == SQLITE_OK);
          if (!ok)
            {
              g_set_error (error, KITH_ERROR, KITH_ERROR_FAILED, _("cannot create the undo triggers of %s: %s"),
                           tracked[t].table, sqlite3_errmsg (db));
              table_info_clear (&info);
              return FALSE;
            }
        }
      table_info_clear (&info);
    }
  return TRUE;
}

/* ---- recording ------------------------------------------------------------- */

