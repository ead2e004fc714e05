/* kith-recent.c */
#include "kith-recent.h"
#include "kith-settings.h"

static GStrv
read_all (void)
{
  GSettings *settings = kith_settings_get ();

  return settings != NULL ? g_settings_get_strv (settings, "recent-projects") : g_new0 (char *, 1);
}

static void
write_all (GPtrArray *paths)
{
  GSettings *settings = kith_settings_get ();

  g_ptr_array_add (paths, NULL);
  if (settings != NULL)
    g_settings_set_strv (settings, "recent-projects", (const char *const *) paths->pdata);
}

/* the list with @path removed, and put first when @first */
static void
update (const char *path, gboolean first)
{
  g_auto(GStrv) old = read_all ();
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);

  if (first)
    g_ptr_array_add (paths, g_strdup (absolute));
  for (guint i = 0; old[i] != NULL && paths->len < KITH_RECENT_MAX; i++)
    if (g_strcmp0 (old[i], absolute) != 0)
      g_ptr_array_add (paths, g_strdup (old[i]));
  write_all (paths);
}

GStrv
kith_recent_list (void)
{
  g_auto(GStrv) all = read_all ();
  g_autoptr(GPtrArray) existing = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; all[i] != NULL; i++)
    if (g_file_test (all[i], G_FILE_TEST_IS_REGULAR))
      g_ptr_array_add (existing, g_strdup (all[i]));
  g_ptr_array_add (existing, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&existing), FALSE);
}

void
kith_recent_add (const char *path)
{
  g_return_if_fail (path != NULL);
  update (path, TRUE);
}

void
kith_recent_remove (const char *path)
{
  g_return_if_fail (path != NULL);
  update (path, FALSE);
}
