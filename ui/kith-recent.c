/* kith-recent.c */
#include <errno.h>
#include <glib/gstdio.h>

#include "kith-recent.h"

#define GROUP "recent"
#define KEY "projects"

static char *
recent_file (void)
{
  return g_build_filename (g_get_user_config_dir (), "kith", "recent-projects.ini", NULL);
}

static GStrv
read_all (void)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *path = recent_file ();
  GStrv paths;

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL))
    return g_new0 (char *, 1);
  paths = g_key_file_get_string_list (file, GROUP, KEY, NULL, NULL);
  return paths != NULL ? paths : g_new0 (char *, 1);
}

static void
write_all (GPtrArray *paths)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *path = recent_file ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_key_file_set_string_list (file, GROUP, KEY, (const char *const *) paths->pdata, paths->len);
  if (g_mkdir_with_parents (dir, 0700) != 0 || !g_key_file_save_to_file (file, path, &error))
    g_warning ("cannot remember recent projects in %s: %s", path, error ? error->message : g_strerror (errno));
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
