/* kith-settings.h — the user's settings (org.kith.Kith GSettings schema)
 *
 * Window size, panes, recent projects and the coder's name, kept across
 * runs. An uninstalled build finds the compiled schema through
 * GSETTINGS_SCHEMA_DIR (BUILD/app); without any schema Kith still runs and
 * only forgets these things.
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The settings, or NULL when the schema is not installed. (transfer none) */
GSettings *kith_settings_get        (void);

/* The coder name the user set, or NULL to keep the project's default
 * (none set, or $KITH_CODER given, which wins). (transfer full) */
char      *kith_settings_dup_coder  (void);

G_END_DECLS
