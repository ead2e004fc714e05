/* kith-settings.c */
#include "kith-config.h"

#include "kith-settings.h"

GSettings *
kith_settings_get (void)
{
  static GSettings *settings;
  static gsize looked;

  if (g_once_init_enter (&looked))
    {
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
      g_autoptr(GSettingsSchema) schema = source != NULL
                                          ? g_settings_schema_source_lookup (source, KITH_APP_ID, TRUE) : NULL;

      /* g_settings_new would abort the app over a missing schema */
      if (schema != NULL)
        settings = g_settings_new_full (schema, NULL, NULL);
      else
        g_message ("settings schema %s not found (set GSETTINGS_SCHEMA_DIR for an uninstalled build): "
                   "window size and recent projects will not be remembered", KITH_APP_ID);
      g_once_init_leave (&looked, 1);
    }
  return settings;
}

char *
kith_settings_dup_coder (void)
{
  GSettings *settings = kith_settings_get ();
  const char *env = g_getenv ("KITH_CODER");
  g_autofree char *name = NULL;

  if (settings == NULL || (env != NULL && *env != '\0'))
    return NULL;
  name = g_strstrip (g_settings_get_string (settings, "coder-name"));
  return *name != '\0' ? g_steal_pointer (&name) : NULL;
}
