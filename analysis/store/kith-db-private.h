/* kith-db-private.h — SQLite helpers shared by analysis/ (not for ui/) */
#pragma once

#include <sqlite3.h>

#include "kith-project.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

sqlite3_stmt *kith_db_prepare    (KithProject  *project,
                                  const char   *sql,
                                  GError      **error);
/* Steps once: returns SQLITE_ROW or SQLITE_DONE, or -1 with @error set. */
int           kith_db_step       (KithProject  *project,
                                  sqlite3_stmt *stmt,
                                  GError      **error);
/* Steps a statement that returns no rows. */
gboolean      kith_db_run        (KithProject  *project,
                                  sqlite3_stmt *stmt,
                                  GError      **error);
gboolean      kith_db_exec       (KithProject  *project,
                                  const char   *sql,
                                  GError      **error);
/* Sets @error from an SQLite result code, as a message a user can act on. */
void          kith_db_set_error  (KithProject  *project,
                                  GError      **error,
                                  int           rc,
                                  const char   *doing);
const char   *kith_db_column_str (sqlite3_stmt *stmt,
                                  int           column);
void          kith_db_bind_str   (sqlite3_stmt *stmt,
                                  int           index,
                                  const char   *value);
void          kith_db_bind_text_or_null (sqlite3_stmt *stmt,
                                  int           index,
                                  const char   *value);
/* “PROJECT: there is no @what @id” (KITH_ERROR_NOT_FOUND) */
void          kith_db_set_not_found (KithProject *project,
                                  GError      **error,
                                  const char   *what,
                                  gint64        id);
/* Binds @id to ?1 and steps to the row of @what @id: FALSE with @error set
 * when there is none (KITH_ERROR_NOT_FOUND) or on failure. */
gboolean      kith_db_step_id    (KithProject  *project,
                                  sqlite3_stmt *stmt,
                                  gint64        id,
                                  const char   *what,
                                  GError      **error);
/* A single integer result, or @fallback when the query returns no row. */
gboolean      kith_db_query_int  (KithProject  *project,
                                  const char   *sql,
                                  gint64        param,
                                  gint64        fallback,
                                  gint64       *out,
                                  GError      **error);

/* A JSON array of ids, for “IN (SELECT value FROM json_each (?))”. */
static inline char *
kith_db_ids_json (const gint64 *ids,
                  guint         n)
{
  GString *json = g_string_new ("[");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", ids[i]);
  g_string_append_c (json, ']');
  return g_string_free (json, FALSE);
}

/* transaction depth (0: none) and which depth opened the current
 * history action (0: none) — for kith-history.c */
guint         kith_project_transaction_depth (KithProject *project);
guint         kith_project_get_history_owner (KithProject *project);
void          kith_project_set_history_owner (KithProject *project,
                                              guint        depth);
/* (Re)creates the undo logging triggers of every tracked table from its
 * current columns (kith-history-triggers.c): the project runs it after
 * every migration, inside its transaction. */
gboolean      kith_history_install_triggers  (sqlite3      *db,
                                              GError      **error);

/* Runs @sql on one row as one undoable action: ?1 is @id, then ?2 is @text
 * or, when @text is NULL and the statement has them, ?2 is @a and ?3 @b.
 * No row changed is KITH_ERROR_NOT_FOUND, “there is no @what @id”. */
gboolean      kith_history_change_row (KithProject *project,
                                       const char  *group,
                                       const char  *label,
                                       const char  *sql,
                                       const char  *what,
                                       gint64       id,
                                       const char  *text,
                                       gint64       a,
                                       gint64       b,
                                       GError     **error);

/* schema */
gboolean      kith_schema_migrate (sqlite3      *db,
                                   int           from_version,
                                   int           to_version,
                                   GError      **error);
int           kith_schema_current_version (void);

G_END_DECLS
