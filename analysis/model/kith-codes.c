/* kith-codes.c */
#include <string.h>

#include "kith-codes.h"
#include "kith-db-private.h"
#include "kith-history.h"
#include "kith-i18n.h"

/* Distinct, readable on white and under a light highlight; chosen in turn. */
static const char *const palette[] = {
  "#2563eb", "#dc2626", "#059669", "#d97706", "#7c3aed", "#0891b2",
  "#db2777", "#65a30d", "#ea580c", "#4f46e5", "#0d9488", "#a16207",
};

KithCode *
kith_code_new (void)
{
  return g_new0 (KithCode, 1);
}

void
kith_code_free (KithCode *code)
{
  if (code == NULL)
    return;
  g_free (code->name);
  g_free (code->path);
  g_free (code->description);
  g_free (code->colour);
  g_free (code->goal);
  g_free (code->dimension);
  g_free (code->outcome_key);
  g_free (code);
}

GStrv
kith_code_path_split (const char *path,
                      GError    **error)
{
  g_auto(GStrv) parts = NULL;

  if (path == NULL || !g_utf8_validate (path, -1, NULL))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID, _("a code path must be UTF-8 text"));
      return NULL;
    }
  parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] == '\0')
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID,
                       _("“%s” is not a code path: names are joined by “/” and cannot be empty"), path);
          return NULL;
        }
    }
  if (parts[0] == NULL)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID, _("the code path is empty"));
      return NULL;
    }
  return g_steal_pointer (&parts);
}

gboolean
kith_code_colour_is_valid (const char *colour)
{
  if (colour == NULL || strlen (colour) != 7 || colour[0] != '#')
    return FALSE;
  for (int i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (colour[i]))
      return FALSE;
  return TRUE;
}

#define TREE_CTE \
  "WITH RECURSIVE tree (id, parent_id, path, depth, sort_key) AS (" \
  "  SELECT id, 0, name, 0, printf ('%08d%012d', position, id) FROM codes WHERE parent_id IS NULL" \
  "  UNION ALL" \
  "  SELECT c.id, c.parent_id, t.path || '/' || c.name, t.depth + 1," \
  "         t.sort_key || '/' || printf ('%08d%012d', c.position, c.id)" \
  "  FROM codes c JOIN tree t ON c.parent_id = t.id) "

#define TREE_SELECT \
  "SELECT t.id, t.parent_id, c.name, c.description, c.colour, c.position, t.path, t.depth," \
  " (SELECT count(*) FROM codings WHERE code_id = t.id), c.goal, c.dimension, c.outcome_key" \
  " FROM tree t JOIN codes c ON c.id = t.id "

static KithCode *
code_from_row (sqlite3_stmt *stmt)
{
  KithCode *code = kith_code_new ();

  code->id = sqlite3_column_int64 (stmt, 0);
  code->parent_id = sqlite3_column_int64 (stmt, 1);
  code->name = g_strdup (kith_db_column_str (stmt, 2));
  code->description = g_strdup (kith_db_column_str (stmt, 3));
  code->colour = g_strdup (kith_db_column_str (stmt, 4));
  code->position = sqlite3_column_int (stmt, 5);
  code->path = g_strdup (kith_db_column_str (stmt, 6));
  code->depth = sqlite3_column_int (stmt, 7);
  code->n_codings = sqlite3_column_int64 (stmt, 8);
  code->goal = sqlite3_column_type (stmt, 9) == SQLITE_NULL ? NULL : g_strdup (kith_db_column_str (stmt, 9));
  code->dimension = sqlite3_column_type (stmt, 10) == SQLITE_NULL ? NULL : g_strdup (kith_db_column_str (stmt, 10));
  code->outcome_key = sqlite3_column_type (stmt, 11) == SQLITE_NULL ? NULL : g_strdup (kith_db_column_str (stmt, 11));
  return code;
}

GPtrArray *
kith_codes_list (KithProject *project,
                 GError     **error)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_code_free);
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project, TREE_CTE TREE_SELECT "ORDER BY t.sort_key", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = kith_db_step (project, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (codes, code_from_row (stmt));
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&codes);
}

KithCode *
kith_codes_get (KithProject *project,
                gint64       id,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project, TREE_CTE TREE_SELECT "WHERE t.id = ?1", error);

  if (stmt == NULL || !kith_db_step_id (project, stmt, id, "code", error))
    return NULL;
  return code_from_row (stmt);
}

/* The child of @parent_id (0: top level) called @name: its id, 0 if none,
 * -1 on error. */
static gint64
find_child (KithProject  *project,
            sqlite3_stmt *stmt,
            gint64        parent_id,
            const char   *name,
            GError      **error)
{
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, parent_id);
  kith_db_bind_str (stmt, 2, name);
  rc = kith_db_step (project, stmt, error);
  if (rc < 0)
    return -1;
  return rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

static sqlite3_stmt *
prepare_find_child (KithProject *project,
                    GError     **error)
{
  return kith_db_prepare (project, "SELECT id FROM codes WHERE ifnull (parent_id, 0) = ?1 AND name = ?2", error);
}

gint64
kith_codes_find_path (KithProject *project,
                      const char  *path,
                      GError     **error)
{
  g_auto(GStrv) parts = kith_code_path_split (path, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id = 0;

  if (parts == NULL)
    return 0;
  stmt = prepare_find_child (project, error);
  if (stmt == NULL)
    return 0;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      id = find_child (project, stmt, id, parts[i], error);
      if (id < 0)
        return 0;
      if (id == 0)
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_NOT_FOUND,
                       _("%s: there is no code “%s” (see “kith-cli codes”)"),
                       kith_project_get_display_name (project), path);
          return 0;
        }
    }
  return id;
}

gint64
kith_codes_lookup (KithProject *project,
                   const char  *ref,
                   GError     **error)
{
  guint64 id;

  g_return_val_if_fail (ref != NULL, 0);

  if (g_ascii_string_to_unsigned (ref, 10, 1, G_MAXINT64, &id, NULL))
    {
      GError *local = NULL;
      g_autoptr(KithCode) code = kith_codes_get (project, (gint64) id, &local);
      if (code != NULL)
        return code->id;
      if (!g_error_matches (local, KITH_ERROR, KITH_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, local);
          return 0;
        }
      g_error_free (local);
    }
  return kith_codes_find_path (project, ref, error);
}

static gint64
insert_code (KithProject *project,
             gint64       parent_id,
             const char  *name,
             const char  *description,
             const char  *colour,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = kith_now_iso8601 ();
  gint64 n_codes = 0, position = 0;

  if (!kith_db_query_int (project, "SELECT count(*) FROM codes", 0, 0, &n_codes, error)
      || !kith_db_query_int (project, "SELECT max (position) + 1 FROM codes WHERE ifnull (parent_id, 0) = ?1",
                             parent_id, 0, &position, error))
    return 0;
  stmt = kith_db_prepare (project,
      "INSERT INTO codes (parent_id, name, description, colour, position, created) "
      "VALUES (nullif (?1, 0), ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, parent_id);
  kith_db_bind_str (stmt, 2, name);
  kith_db_bind_str (stmt, 3, description != NULL ? description : "");
  kith_db_bind_str (stmt, 4, colour != NULL ? colour : palette[n_codes % G_N_ELEMENTS (palette)]);
  sqlite3_bind_int64 (stmt, 5, position);
  kith_db_bind_str (stmt, 6, now);
  if (!kith_db_run (project, stmt, error))
    return 0;
  return sqlite3_last_insert_rowid (kith_project_get_db (project));
}

static gint64
add_path (KithProject *project,
          const char  *path,
          const char  *description,
          const char  *colour,
          gboolean     must_be_new,
          GError     **error)
{
  g_auto(GStrv) parts = kith_code_path_split (path, error);
  g_autoptr(sqlite3_stmt) find = NULL;
  gint64 id = 0;
  gboolean created = FALSE;

  if (parts == NULL)
    return 0;
  if (colour != NULL && !kith_code_colour_is_valid (colour))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID,
                   _("“%s” is not a colour: write it as #rrggbb, for example #2563eb"), colour);
      return 0;
    }
  {
    g_autofree char *label = g_strdup_printf ("Add code “%s”", path);
    if (!kith_history_begin (project, "codebook", label, error))
      return 0;
  }
  find = prepare_find_child (project, error);
  if (find == NULL)
    goto fail;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean leaf = parts[i + 1] == NULL;
      gint64 child = find_child (project, find, id, parts[i], error);

      if (child < 0)
        goto fail;
      if (child == 0)
        {
          child = insert_code (project, id, parts[i], leaf ? description : NULL, leaf ? colour : NULL, error);
          if (child == 0)
            goto fail;
          created = TRUE;
        }
      id = child;
    }
  if (!created && must_be_new)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_EXISTS, _("%s: the code “%s” already exists (id %lld)"),
                   kith_project_get_display_name (project), path, (long long) id);
      goto fail;
    }
  if (!kith_history_commit (project, error))
    return 0;
  return id;

fail:
  kith_history_rollback (project);
  return 0;
}

gint64
kith_codes_add_path (KithProject *project,
                     const char  *path,
                     const char  *description,
                     const char  *colour,
                     GError     **error)
{
  return add_path (project, path, description, colour, TRUE, error);
}

gint64
kith_codes_ensure_path (KithProject *project,
                        const char  *path,
                        GError     **error)
{
  return add_path (project, path, NULL, NULL, FALSE, error);
}

gboolean
kith_codes_set_framework (KithProject *project,
                          gint64       id,
                          const char  *goal,
                          const char  *dimension,
                          const char  *outcome_key,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!kith_history_begin (project, "codebook", "Change a code's place in the framework", error))
    return FALSE;
  stmt = kith_db_prepare (project, "UPDATE codes SET goal = ?2, dimension = ?3, outcome_key = ?4 WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  kith_db_bind_text_or_null (stmt, 2, goal);
  kith_db_bind_text_or_null (stmt, 3, dimension);
  kith_db_bind_text_or_null (stmt, 4, outcome_key);
  if (!kith_db_run (project, stmt, error))
    goto fail;
  if (sqlite3_changes (kith_project_get_db (project)) == 0)
    {
      kith_db_set_not_found (project, error, "code", id);
      goto fail;
    }
  return kith_history_commit (project, error);

fail:
  kith_history_rollback (project);
  return FALSE;
}

GHashTable *
kith_codes_paths (KithProject *project,
                  GError     **error)
{
  g_autoptr(GPtrArray) codes = kith_codes_list (project, error);
  GHashTable *paths;

  if (codes == NULL)
    return NULL;
  paths = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < codes->len; i++)
    {
      KithCode *code = g_ptr_array_index (codes, i);
      g_hash_table_insert (paths, g_memdup2 (&code->id, sizeof code->id), g_strdup (code->path));
    }
  return paths;
}

#define SUBTREE_CTE \
  "WITH RECURSIVE subtree (id) AS (SELECT ?1 UNION ALL " \
  "  SELECT c.id FROM codes c JOIN subtree s ON c.parent_id = s.id) "

gint64
kith_codes_count_codings (KithProject *project,
                          gint64       id,
                          GError     **error)
{
  gint64 n = 0;

  if (!kith_db_query_int (project, SUBTREE_CTE "SELECT count(*) FROM codings WHERE code_id IN subtree",
                          id, 0, &n, error))
    return -1;
  return n;
}

gint64
kith_codes_count_descendants (KithProject *project,
                              gint64       id,
                              GError     **error)
{
  gint64 n = 0;

  if (!kith_db_query_int (project, SUBTREE_CTE "SELECT count(*) - 1 FROM subtree", id, 0, &n, error))
    return -1;
  return n;
}
