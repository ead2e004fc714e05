/* kith-pins.c */
#include "kith-codes.h"
#include "kith-db-private.h"
#include "kith-pins.h"

#define PINS_KEY "pinned_codes"

static gboolean
read_stored (KithProject *project, char **value, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project, "SELECT value FROM meta WHERE key = '" PINS_KEY "'", error);
  int rc;

  *value = NULL;
  if (stmt == NULL)
    return FALSE;
  rc = kith_db_step (project, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    *value = g_strdup (kith_db_column_str (stmt, 0));
  return TRUE;
}

gboolean
kith_pins_get (KithProject *project,
               gint64       pins[KITH_N_PINS],
               GError     **error)
{
  g_autoptr(GPtrArray) codes = kith_codes_list (project, error);
  g_autoptr(GHashTable) exists = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree char *stored = NULL;

  for (guint i = 0; i < KITH_N_PINS; i++)
    pins[i] = 0;
  if (codes == NULL || !read_stored (project, &stored, error))
    return FALSE;
  for (guint i = 0; i < codes->len; i++)
    {
      KithCode *code = g_ptr_array_index (codes, i);
      g_hash_table_add (exists, &code->id);
    }
  if (stored != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (stored, ",", KITH_N_PINS);
      for (guint i = 0; parts[i] != NULL && i < KITH_N_PINS; i++)
        {
          gint64 id = g_ascii_strtoll (parts[i], NULL, 10);
          if (g_hash_table_contains (exists, &id))
            pins[i] = id;
        }
      return TRUE;
    }
  /* no choice made yet: the first leaves of the codebook */
  for (guint i = 0, slot = 0; i < codes->len && slot < KITH_N_PINS; i++)
    {
      KithCode *code = g_ptr_array_index (codes, i);
      KithCode *next = i + 1 < codes->len ? g_ptr_array_index (codes, i + 1) : NULL;
      if (next == NULL || next->parent_id != code->id)
        pins[slot++] = code->id;
    }
  return TRUE;
}

int
kith_pins_find (const gint64 pins[KITH_N_PINS],
                gint64       code_id)
{
  for (int i = 0; i < KITH_N_PINS; i++)
    if (code_id != 0 && pins[i] == code_id)
      return i;
  return -1;
}

static gboolean
store (KithProject *project, const gint64 pins[KITH_N_PINS], GError **error)
{
  g_autoptr(GString) value = g_string_new (NULL);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  for (guint i = 0; i < KITH_N_PINS; i++)
    g_string_append_printf (value, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", pins[i]);
  stmt = kith_db_prepare (project, "INSERT INTO meta (key, value) VALUES ('" PINS_KEY "', ?1) "
                                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  kith_db_bind_str (stmt, 1, value->str);
  return kith_db_run (project, stmt, error);
}

gboolean
kith_pins_set (KithProject *project,
               guint        slot,
               gint64       code_id,
               GError     **error)
{
  gint64 pins[KITH_N_PINS];
  int old;

  g_return_val_if_fail (slot < KITH_N_PINS, FALSE);

  if (!kith_project_begin (project, error))
    return FALSE;
  if (!kith_pins_get (project, pins, error))
    goto fail;
  old = kith_pins_find (pins, code_id);
  if (old >= 0)
    pins[old] = 0;
  pins[slot] = code_id;
  if (!store (project, pins, error))
    goto fail;
  return kith_project_commit (project, error);

fail:
  kith_project_rollback (project);
  return FALSE;
}

gboolean
kith_pins_settle (KithProject *project,
                  GError     **error)
{
  g_autofree char *stored = NULL;
  gint64 pins[KITH_N_PINS];

  if (!kith_project_begin (project, error))
    return FALSE;
  if (!read_stored (project, &stored, error))
    goto fail;
  if (stored == NULL && (!kith_pins_get (project, pins, error) || !store (project, pins, error)))
    goto fail;
  return kith_project_commit (project, error);

fail:
  kith_project_rollback (project);
  return FALSE;
}
