/* kith-barometers.c — barometers, their figures and links from codes */
#include <string.h>

#include "kith-barometers.h"
#include "kith-codes.h"
#include "kith-db-private.h"
#include "kith-history.h"
#include "kith-i18n.h"

static const char *const measure_names[] = {
  [KITH_MEASURE_PERCENT] = "percent",
  [KITH_MEASURE_SMC_GROUP] = "smc_group",
  [KITH_MEASURE_COUNT] = "count",
  [KITH_MEASURE_RATE] = "rate",
};

static const char *const level_names[] = {
  [KITH_GEOGRAPHY_LOCAL] = "local",
  [KITH_GEOGRAPHY_COMBINED] = "combined",
  [KITH_GEOGRAPHY_NATION] = "nation",
};

const char *
kith_measure_to_string (KithMeasure measure)
{
  g_return_val_if_fail (measure <= KITH_MEASURE_RATE, "percent");
  return measure_names[measure];
}

gboolean
kith_measure_from_string (const char  *text,
                          KithMeasure *measure)
{
  for (guint i = 0; i < G_N_ELEMENTS (measure_names); i++)
    if (g_strcmp0 (text, measure_names[i]) == 0)
      {
        *measure = (KithMeasure) i;
        return TRUE;
      }
  return FALSE;
}

const char *
kith_geography_level_to_string (KithGeographyLevel level)
{
  g_return_val_if_fail (level <= KITH_GEOGRAPHY_NATION, "local");
  return level_names[level];
}

gboolean
kith_geography_level_from_string (const char         *text,
                                  KithGeographyLevel *level)
{
  for (guint i = 0; i < G_N_ELEMENTS (level_names); i++)
    if (g_strcmp0 (text, level_names[i]) == 0)
      {
        *level = (KithGeographyLevel) i;
        return TRUE;
      }
  return FALSE;
}

KithGeographyLevel
kith_geography_level_guess (const char *name)
{
  static const char *const nations[] = {
    "england", "wales", "scotland", "northern ireland", "england and wales",
    "united kingdom", "uk", "great britain", "gb",
  };
  g_autofree char *lower = g_utf8_strdown (name, -1);
  gsize len = strlen (name);

  g_strstrip (lower);
  for (guint i = 0; i < G_N_ELEMENTS (nations); i++)
    if (g_str_equal (lower, nations[i]))
      return KITH_GEOGRAPHY_NATION;
  if (g_str_has_suffix (lower, "combined authority") || g_str_has_suffix (lower, "combined county authority"))
    return KITH_GEOGRAPHY_COMBINED;
  /* WMCA, GMCA, LCRCA, EMCCA: capitals ending in CA */
  if (len >= 4 && len <= 8 && g_str_has_suffix (name, "CA"))
    {
      gboolean capitals = TRUE;
      for (gsize i = 0; i < len; i++)
        capitals = capitals && g_ascii_isupper (name[i]);
      if (capitals)
        return KITH_GEOGRAPHY_COMBINED;
    }
  return KITH_GEOGRAPHY_LOCAL;
}

char *
kith_barometer_value_format (const KithBarometerValue *value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (!value->has_value)
    return g_strdup ("");
  /* 10 significant digits: what a source states, without binary noise */
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.10g", value->value));
}

KithBarometer *
kith_barometer_copy (const KithBarometer *barometer)
{
  KithBarometer *copy = g_memdup2 (barometer, sizeof *barometer);

  copy->key = g_strdup (barometer->key);
  copy->label = g_strdup (barometer->label);
  copy->goal = g_strdup (barometer->goal);
  copy->source = g_strdup (barometer->source);
  return copy;
}

void
kith_barometer_free (KithBarometer *barometer)
{
  if (barometer == NULL)
    return;
  g_free (barometer->key);
  g_free (barometer->label);
  g_free (barometer->goal);
  g_free (barometer->source);
  g_free (barometer);
}

KithBarometerValue *
kith_barometer_value_copy (const KithBarometerValue *value)
{
  KithBarometerValue *copy = g_memdup2 (value, sizeof *value);

  copy->barometer = g_strdup (value->barometer);
  copy->geography = g_strdup (value->geography);
  copy->period = g_strdup (value->period);
  copy->source = g_strdup (value->source);
  copy->where_stated = g_strdup (value->where_stated);
  copy->file = g_strdup (value->file);
  return copy;
}

void
kith_barometer_value_free (KithBarometerValue *value)
{
  if (value == NULL)
    return;
  g_free (value->barometer);
  g_free (value->geography);
  g_free (value->period);
  g_free (value->source);
  g_free (value->where_stated);
  g_free (value->file);
  g_free (value);
}

void
kith_barometer_link_free (KithBarometerLink *link)
{
  if (link == NULL)
    return;
  g_free (link->code);
  g_free (link->barometer);
  g_free (link);
}

#define BAROMETER_SELECT \
  "SELECT id, key, label, goal, role, source, measure, better, position FROM barometers "

static KithBarometer *
barometer_from_row (sqlite3_stmt *stmt)
{
  KithBarometer *b = g_new0 (KithBarometer, 1);
  KithMeasure measure = KITH_MEASURE_PERCENT;

  b->id = sqlite3_column_int64 (stmt, 0);
  b->key = g_strdup (kith_db_column_str (stmt, 1));
  b->label = g_strdup (kith_db_column_str (stmt, 2));
  b->goal = g_strdup (kith_db_column_str (stmt, 3));
  b->is_key = g_str_equal (kith_db_column_str (stmt, 4), "key");
  b->source = g_strdup (kith_db_column_str (stmt, 5));
  /* the schema's CHECK allows only known measures */
  kith_measure_from_string (kith_db_column_str (stmt, 6), &measure);
  b->measure = measure;
  b->higher_is_better = !g_str_equal (kith_db_column_str (stmt, 7), "lower");
  b->position = sqlite3_column_int (stmt, 8);
  return b;
}

GPtrArray *
kith_barometers_list (KithProject *project,
                      GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_barometer_free);
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project, BAROMETER_SELECT "ORDER BY position, id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = kith_db_step (project, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (list, barometer_from_row (stmt));
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&list);
}

KithBarometer *
kith_barometers_lookup (KithProject *project,
                        const char  *key,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project, BAROMETER_SELECT "WHERE key = ?1", error);
  int rc;

  g_return_val_if_fail (key != NULL, NULL);
  if (stmt == NULL)
    return NULL;
  kith_db_bind_str (stmt, 1, key);
  rc = kith_db_step (project, stmt, error);
  if (rc < 0)
    return NULL;
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_NOT_FOUND,
                   _("%s: there is no barometer “%s” (see “kith-cli barometers”)"),
                   kith_project_get_display_name (project), key);
      return NULL;
    }
  return barometer_from_row (stmt);
}

GPtrArray *
kith_barometers_values (KithProject *project,
                        gint64       barometer_id,
                        GError     **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_barometer_value_free);
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project,
      "SELECT v.id, v.barometer_id, b.key, v.geography, v.level, v.period, v.value, v.source, "
      "       v.where_stated, v.file, v.line, "
      "       v.value IS NOT NULL AND EXISTS (SELECT 1 FROM barometer_conflicts k "
      "         WHERE k.barometer_id = v.barometer_id AND k.geography = v.geography AND k.period = v.period) "
      "FROM barometer_values v JOIN barometers b ON b.id = v.barometer_id "
      "WHERE ?1 = 0 OR v.barometer_id = ?1 "
      "ORDER BY b.position, b.id, CASE v.level WHEN 'combined' THEN 0 WHEN 'nation' THEN 1 ELSE 2 END, "
      "         v.geography, v.period, v.id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, barometer_id);
  while ((rc = kith_db_step (project, stmt, error)) == SQLITE_ROW)
    {
      KithBarometerValue *v = g_new0 (KithBarometerValue, 1);
      KithGeographyLevel level = KITH_GEOGRAPHY_LOCAL;

      v->id = sqlite3_column_int64 (stmt, 0);
      v->barometer_id = sqlite3_column_int64 (stmt, 1);
      v->barometer = g_strdup (kith_db_column_str (stmt, 2));
      v->geography = g_strdup (kith_db_column_str (stmt, 3));
      kith_geography_level_from_string (kith_db_column_str (stmt, 4), &level);
      v->level = level;
      v->period = g_strdup (kith_db_column_str (stmt, 5));
      v->has_value = sqlite3_column_type (stmt, 6) != SQLITE_NULL;
      v->value = sqlite3_column_double (stmt, 6);
      v->source = g_strdup (kith_db_column_str (stmt, 7));
      v->where_stated = g_strdup (kith_db_column_str (stmt, 8));
      v->file = g_strdup (kith_db_column_str (stmt, 9));
      v->line = sqlite3_column_int64 (stmt, 10);
      v->conflict = sqlite3_column_int (stmt, 11) != 0;
      g_ptr_array_add (values, v);
    }
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&values);
}

/* ---- links from codes ---------------------------------------------------- */

static gboolean
change_link (KithProject *project,
             gint64       code_id,
             gint64       barometer_id,
             gboolean     add,
             GError     **error)
{
  g_autoptr(KithCode) code = kith_codes_get (project, code_id, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = kith_now_iso8601 ();
  gint64 exists = 0;

  if (code == NULL)
    return FALSE;
  if (!kith_db_query_int (project, "SELECT count(*) FROM barometers WHERE id = ?1", barometer_id, 0, &exists, error))
    return FALSE;
  if (exists == 0)
    {
      kith_db_set_not_found (project, error, "barometer", barometer_id);
      return FALSE;
    }
  {
    g_autofree char *label = g_strdup_printf (add ? "Link “%s” to a barometer" : "Unlink “%s” from a barometer",
                                              code->path);
    if (!kith_history_begin (project, "codebook", label, error))
      return FALSE;
  }
  stmt = kith_db_prepare (project, add
                          ? "INSERT OR IGNORE INTO code_barometers (code_id, barometer_id, created) VALUES (?1, ?2, ?3)"
                          : "DELETE FROM code_barometers WHERE code_id = ?1 AND barometer_id = ?2", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, code_id);
  sqlite3_bind_int64 (stmt, 2, barometer_id);
  if (add)
    kith_db_bind_str (stmt, 3, now);
  if (!kith_db_run (project, stmt, error))
    goto fail;
  if (sqlite3_changes (kith_project_get_db (project)) == 0)
    {
      g_set_error (error, KITH_ERROR, add ? KITH_ERROR_EXISTS : KITH_ERROR_NOT_FOUND,
                   add ? _("%s: the code “%s” is already linked to this barometer")
                       : _("%s: the code “%s” is not linked to this barometer"),
                   kith_project_get_display_name (project), code->path);
      goto fail;
    }
  return kith_history_commit (project, error);

fail:
  kith_history_rollback (project);
  return FALSE;
}

gboolean
kith_barometers_link (KithProject *project,
                      gint64       code_id,
                      gint64       barometer_id,
                      GError     **error)
{
  return change_link (project, code_id, barometer_id, TRUE, error);
}

gboolean
kith_barometers_unlink (KithProject *project,
                        gint64       code_id,
                        gint64       barometer_id,
                        GError     **error)
{
  return change_link (project, code_id, barometer_id, FALSE, error);
}

GPtrArray *
kith_barometers_links (KithProject *project,
                       GError     **error)
{
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_barometer_link_free);
  g_autoptr(GPtrArray) codes = kith_codes_list (project, error);
  g_autoptr(GHashTable) paths = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (codes == NULL)
    return NULL;
  for (guint i = 0; i < codes->len; i++)
    {
      KithCode *code = g_ptr_array_index (codes, i);
      g_hash_table_insert (paths, &code->id, code->path);
    }
  stmt = kith_db_prepare (project,
      "SELECT l.code_id, l.barometer_id, b.key FROM code_barometers l "
      "JOIN barometers b ON b.id = l.barometer_id ORDER BY b.position, b.id, l.code_id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = kith_db_step (project, stmt, error)) == SQLITE_ROW)
    {
      KithBarometerLink *link = g_new0 (KithBarometerLink, 1);
      gint64 code_id = sqlite3_column_int64 (stmt, 0);

      link->code_id = code_id;
      link->code = g_strdup (g_hash_table_lookup (paths, &code_id));
      link->barometer_id = sqlite3_column_int64 (stmt, 1);
      link->barometer = g_strdup (kith_db_column_str (stmt, 2));
      g_ptr_array_add (links, link);
    }
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&links);
}
