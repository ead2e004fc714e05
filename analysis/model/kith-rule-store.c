/* kith-rules.c */
#include <string.h>

#include "kith-codes.h"
#include "kith-db-private.h"
#include "kith-history.h"
#include "kith-rule-store.h"
#include "kith-i18n.h"

#define RULE_COLUMNS "r.id, r.code_id, r.pattern, r.scope, r.exclude, r.skip_speakers, r.case_sensitive, " \
                     "r.language, r.note, r.skip_documents, r.skip_sections, r.skip_text, r.skip_framework"

static char *
column_or_null (sqlite3_stmt *stmt, int column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NULL : g_strdup (kith_db_column_str (stmt, column));
}

/* a “;” list column as a list, NULL when there is none */
static GStrv
column_list (sqlite3_stmt *stmt, int column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? NULL
         : g_strsplit (kith_db_column_str (stmt, column), ";", -1);
}

static KithRuleDef *
rule_from_row (sqlite3_stmt *stmt, GHashTable *paths)
{
  KithRuleDef *def = kith_rule_def_new ();

  def->id = sqlite3_column_int64 (stmt, 0);
  def->code_id = sqlite3_column_int64 (stmt, 1);
  def->code_path = g_strdup (g_hash_table_lookup (paths, &def->code_id));
  def->pattern = g_strdup (kith_db_column_str (stmt, 2));
  if (!kith_scope_from_string (kith_db_column_str (stmt, 3), &def->scope))
    def->scope = KITH_SCOPE_MATCH;
  def->exclude = column_or_null (stmt, 4);
  def->skip_speakers = column_list (stmt, 5);
  def->case_sensitive = sqlite3_column_int (stmt, 6) != 0;
  def->language = column_or_null (stmt, 7);
  def->note = g_strdup (kith_db_column_str (stmt, 8));
  def->skip_documents = column_list (stmt, 9);
  def->skip_sections = column_list (stmt, 10);
  def->skip_text = column_list (stmt, 11);
  def->skip_framework = sqlite3_column_int (stmt, 12) != 0;
  return def;
}

GPtrArray *
kith_rules_list (KithProject *project,
                 GArray      *code_ids,
                 GError     **error)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_rule_def_free);
  g_autoptr(GHashTable) paths = kith_codes_paths (project, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *json = NULL;
  int rc;

  if (paths == NULL)
    return NULL;
  stmt = kith_db_prepare (project,
      "WITH RECURSIVE chosen (id) AS (SELECT value FROM json_each (?1) UNION "
      "  SELECT c.id FROM codes c JOIN chosen ON c.parent_id = chosen.id) "
      "SELECT " RULE_COLUMNS " FROM rules r WHERE ?1 IS NULL OR r.code_id IN chosen ORDER BY r.id", error);
  if (stmt == NULL)
    return NULL;
  if (code_ids != NULL)
    {
      json = kith_db_ids_json ((const gint64 *) (void *) code_ids->data, code_ids->len);
      kith_db_bind_str (stmt, 1, json);
    }
  while ((rc = kith_db_step (project, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (rules, rule_from_row (stmt, paths));
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&rules);
}

KithRuleDef *
kith_rules_get (KithProject *project,
                gint64       id,
                GError     **error)
{
  g_autoptr(GHashTable) paths = kith_codes_paths (project, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (paths == NULL)
    return NULL;
  stmt = kith_db_prepare (project, "SELECT " RULE_COLUMNS " FROM rules r WHERE r.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = kith_db_step (project, stmt, error);
  if (rc < 0)
    return NULL;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_NOT_FOUND, _("%s: there is no rule %lld (see “kith-cli rules”)"),
                   kith_project_get_display_name (project), (long long) id);
      return NULL;
    }
  return rule_from_row (stmt, paths);
}

/* “Interviewer; Facilitator” → “Interviewer;Facilitator”, NULL when empty;
 * the same for every “;” list */
static char *
join_list (GStrv speakers)
{
  g_autoptr(GPtrArray) clean = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; speakers != NULL && speakers[i] != NULL; i++)
    {
      char *name = g_strstrip (g_strdup (speakers[i]));
      if (*name == '\0')
        g_free (name);
      else
        g_ptr_array_add (clean, name);
    }
  if (clean->len == 0)
    return NULL;
  g_ptr_array_add (clean, NULL);
  return g_strjoinv (";", (char **) clean->pdata);
}

static const char *
empty_to_null (const char *s)
{
  return s != NULL && *s != '\0' ? s : NULL;
}

/* ?1 … ?6: what makes a rule the same rule (rules_unique) */
static void
bind_rule_key (sqlite3_stmt *stmt, gint64 code_id, const KithRuleDef *def, const char *speakers)
{
  sqlite3_bind_int64 (stmt, 1, code_id);
  kith_db_bind_str (stmt, 2, def->pattern);
  kith_db_bind_str (stmt, 3, kith_scope_to_string (def->scope));
  kith_db_bind_text_or_null (stmt, 4, empty_to_null (def->exclude));
  kith_db_bind_text_or_null (stmt, 5, speakers);
  sqlite3_bind_int (stmt, 6, def->case_sensitive ? 1 : 0);
}

gint64
kith_rules_add (KithProject       *project,
                const KithRuleDef *def,
                gboolean          *created,
                GError           **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(KithRule) compiled = NULL;
  g_autofree char *speakers = join_list (def->skip_speakers);
  g_autofree char *skip_documents = join_list (def->skip_documents);
  g_autofree char *skip_sections = join_list (def->skip_sections);
  g_autofree char *skip_text = join_list (def->skip_text);
  g_autofree char *now = kith_now_iso8601 ();
  g_autofree char *label = NULL;
  gint64 code_id = def->code_id, id = 0;
  int rc;

  g_return_val_if_fail (def->pattern != NULL, 0);

  /* refused before anything is written: the pattern, the offset, PCRE2's word */
  compiled = kith_rule_compile (def, error);
  if (compiled == NULL)
    return 0;
  if (code_id == 0)
    {
      code_id = kith_codes_find_path (project, def->code_path, error);
      if (code_id == 0)
        return 0;
    }
  label = g_strdup_printf ("Add a rule to “%s”", def->code_path != NULL ? def->code_path : "a code");
  if (!kith_history_begin (project, "codebook", label, error))
    return 0;
  insert = kith_db_prepare (project,
      "INSERT OR IGNORE INTO rules (code_id, pattern, scope, exclude, skip_speakers, case_sensitive, "
      "language, note, created, skip_documents, skip_sections, skip_text, skip_framework) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", error);
  if (insert == NULL)
    goto fail;
  bind_rule_key (insert, code_id, def, speakers);
  kith_db_bind_text_or_null (insert, 7, empty_to_null (def->language));
  kith_db_bind_str (insert, 8, def->note != NULL ? def->note : "");
  kith_db_bind_str (insert, 9, now);
  kith_db_bind_text_or_null (insert, 10, skip_documents);
  kith_db_bind_text_or_null (insert, 11, skip_sections);
  kith_db_bind_text_or_null (insert, 12, skip_text);
  sqlite3_bind_int (insert, 13, def->skip_framework ? 1 : 0);
  if (!kith_db_run (project, insert, error))
    goto fail;
  if (created != NULL)
    *created = sqlite3_changes (kith_project_get_db (project)) > 0;
  if (sqlite3_changes (kith_project_get_db (project)) > 0)
    id = sqlite3_last_insert_rowid (kith_project_get_db (project));
  else
    {
      find = kith_db_prepare (project,
          "SELECT id FROM rules WHERE code_id = ?1 AND pattern = ?2 AND scope = ?3 AND ifnull (exclude, '') = ifnull (?4, '') "
          "AND ifnull (skip_speakers, '') = ifnull (?5, '') AND case_sensitive = ?6", error);
      if (find == NULL)
        goto fail;
      bind_rule_key (find, code_id, def, speakers);
      rc = kith_db_step (project, find, error);
      if (rc != SQLITE_ROW)
        goto fail;
      id = sqlite3_column_int64 (find, 0);
    }
  if (!kith_history_commit (project, error))
    return 0;
  return id;

fail:
  kith_history_rollback (project);
  return 0;
}

gboolean
kith_rules_delete (KithProject *project,
                   gint64       id,
                   GError     **error)
{
  g_autofree char *label = g_strdup_printf ("Delete rule %" G_GINT64_FORMAT, id);

  /* its pending suggestions go; decided ones stay, so a rejected span is
   * still not suggested again */
  if (!kith_history_begin (project, "codebook", label, error))
    return FALSE;
  {
    g_autofree char *sql = g_strdup_printf ("DELETE FROM suggestions WHERE rule_id = %" G_GINT64_FORMAT
                                            " AND status = 'pending'", id);
    if (!kith_db_exec (project, sql, error)
        || !kith_history_change_row (project, "codebook", label, "DELETE FROM rules WHERE id = ?1",
                                     "rule", id, NULL, 0, 0, error))
      {
        kith_history_rollback (project);
        return FALSE;
      }
  }
  return kith_history_commit (project, error);
}

gboolean
kith_rules_import_tsv (KithProject     *project,
                       const char      *path,
                       KithRulesImport *result,
                       GError         **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *label = NULL;
  g_autofree char *name = g_path_get_basename (path);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) local = NULL;
  KithRulesImport counts = { 0 };
  gsize len = 0;

  if (!g_file_get_contents (path, &contents, &len, &local))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  if (!g_utf8_validate_len (contents, len, NULL))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_ENCODING, _("%s: the rules file is not UTF-8 text"), path);
      return FALSE;
    }
  label = g_strdup_printf ("Import rules from “%s”", name);
  if (!kith_history_begin (project, "codebook", label, error))
    return FALSE;
  lines = g_strsplit (contents, "\n", -1);
  for (guint n = 0; lines[n] != NULL; n++)
    {
      g_autoptr(KithRuleDef) def = NULL;
      char *line = lines[n];
      char *tab;
      gint64 before = 0, code_id;
      gboolean created = FALSE;

      const char *first;

      /* a Windows line end; a pattern's own trailing spaces stay */
      if (*line != '\0' && line[strlen (line) - 1] == '\r')
        line[strlen (line) - 1] = '\0';
      if (n == 0 && g_str_has_prefix (line, "\xEF\xBB\xBF"))
        memmove (line, line + 3, strlen (line + 3) + 1);
      for (first = line; *first == ' ' || *first == '\t'; first++)
        ;
      if (*first == '\0' || *first == '#')
        continue;
      tab = strchr (line, '\t');
      if (tab == NULL || tab == line || tab[1] == '\0' || strchr (tab + 1, '\t') != NULL)
        {
          g_set_error (&local, KITH_ERROR, KITH_ERROR_INVALID,
                       _("expected CODE_PATH<TAB>PATTERN, found “%s”"), line);
          goto fail_line;
        }
      *tab = '\0';
      if (!kith_db_query_int (project, "SELECT count(*) FROM codes", 0, 0, &before, &local))
        goto fail_line;
      code_id = kith_codes_ensure_path (project, line, &local);
      if (code_id == 0)
        goto fail_line;
      {
        gint64 after = 0;
        if (!kith_db_query_int (project, "SELECT count(*) FROM codes", 0, 0, &after, &local))
          goto fail_line;
        counts.codes_created += (guint) (after - before);
      }
      def = kith_rule_def_new ();
      def->code_id = code_id;
      def->code_path = g_strdup (line);
      def->pattern = g_strdup (tab + 1);
      def->scope = KITH_SCOPE_MATCH;
      if (kith_rules_add (project, def, &created, &local) == 0)
        goto fail_line;
      if (created)
        counts.added++;
      else
        counts.existing++;
      continue;

    fail_line:
      g_set_error (error, KITH_ERROR, local->code, "%s:%u: %s", path, n + 1, local->message);
      kith_history_rollback (project);
      return FALSE;
    }
  if (!kith_history_commit (project, error))
    return FALSE;
  if (result != NULL)
    *result = counts;
  return TRUE;
}
