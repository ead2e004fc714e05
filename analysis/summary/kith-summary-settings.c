/* kith-summary-settings.c — the summary's front page, kept in the project
 *
 * A funder reads the title, the organisation and the reporting period
 * first; they belong to the project, not to one export, so the desktop app
 * and kith-cli print the same front page. Kept in the meta table.
 */
#include "kith-db-private.h"
#include "kith-summary.h"

static const char *const keys[] = { "summary.title", "summary.organisation", "summary.reporting_period" };

static char **
field (KithSummarySettings *settings,
       guint                i)
{
  char **fields[] = { &settings->title, &settings->organisation, &settings->reporting_period };

  return fields[i];
}

gboolean
kith_summary_settings_load (KithProject         *project,
                            KithSummarySettings *settings,
                            GError             **error)
{
  g_return_val_if_fail (KITH_IS_PROJECT (project), FALSE);
  *settings = (KithSummarySettings) { 0 };
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project, "SELECT value FROM meta WHERE key = ?1", error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      kith_db_bind_str (stmt, 1, keys[i]);
      rc = kith_db_step (project, stmt, error);
      if (rc < 0)
        {
          kith_summary_settings_clear (settings);
          return FALSE;
        }
      if (rc == SQLITE_ROW)
        *field (settings, i) = g_strdup (kith_db_column_str (stmt, 0));
    }
  return TRUE;
}

gboolean
kith_summary_settings_save (KithProject               *project,
                            const KithSummarySettings *settings,
                            GError                   **error)
{
  KithSummarySettings copy = *settings;

  g_return_val_if_fail (KITH_IS_PROJECT (project), FALSE);
  if (!kith_project_begin (project, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *value = *field (&copy, i);
      g_autofree char *clean = value != NULL ? g_strstrip (g_strdup (value)) : NULL;
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (clean == NULL)
        continue;
      if (!g_utf8_validate (clean, -1, NULL))
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID, "%s: the summary's %s is not valid UTF-8",
                       kith_project_get_display_name (project), keys[i] + strlen ("summary."));
          kith_project_rollback (project);
          return FALSE;
        }
      stmt = kith_db_prepare (project, *clean != '\0'
                              ? "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                                "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                              : "DELETE FROM meta WHERE key = ?1", error);
      if (stmt == NULL)
        {
          kith_project_rollback (project);
          return FALSE;
        }
      kith_db_bind_str (stmt, 1, keys[i]);
      if (*clean != '\0')
        kith_db_bind_str (stmt, 2, clean);
      if (!kith_db_run (project, stmt, error))
        {
          kith_project_rollback (project);
          return FALSE;
        }
    }
  return kith_project_commit (project, error);
}

void
kith_summary_settings_clear (KithSummarySettings *settings)
{
  g_clear_pointer (&settings->title, g_free);
  g_clear_pointer (&settings->organisation, g_free);
  g_clear_pointer (&settings->reporting_period, g_free);
}
