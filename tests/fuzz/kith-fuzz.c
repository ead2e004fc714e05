/* kith-fuzz.c — the fuzz targets' shared project and input file */
#include "kith-fuzz.h"

#include <glib/gstdio.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static char *run_dir;
static KithProject *project;

static void
remove_run_dir (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&project);
  if (run_dir == NULL)
    return;
  dir = g_dir_open (run_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (run_dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (run_dir);
  g_clear_pointer (&run_dir, g_free);
}

static const char *
get_run_dir (void)
{
  g_autoptr(GError) error = NULL;

  if (run_dir != NULL)
    return run_dir;
  run_dir = g_dir_make_tmp ("kith-fuzz-XXXXXX", &error);
  if (run_dir == NULL)
    kf_fail (G_STRLOC, "cannot make a temporary folder: %s", error->message);
  atexit (remove_run_dir);
  return run_dir;
}

KithProject *
kf_project (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (project != NULL)
    return project;
  path = g_build_filename (get_run_dir (), "fuzz.kith", NULL);
  project = kith_project_create (path, &error);
  if (project == NULL)
    kf_fail (G_STRLOC, "cannot create the fuzz project: %s", error->message);
  kith_project_set_coder (project, "Fuzz");
  /* millions of inputs: durability is not what is being tested here */
  sqlite3_exec (kith_project_get_db (project), "PRAGMA synchronous = OFF", NULL, NULL, NULL);
  return project;
}

char *
kf_write_input (const uint8_t *data,
                size_t         size,
                const char    *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (get_run_dir (), name, NULL);

  if (!g_file_set_contents (path, (const char *) data, (gssize) size, &error))
    kf_fail (G_STRLOC, "cannot write the input: %s", error->message);
  return path;
}

static char *note;

void
kf_note (const char *format,
         ...)
{
  va_list args;

  g_free (note);
  va_start (args, format);
  note = g_strdup_vprintf (format, args);
  va_end (args);
}

const char *
kf_get_note (void)
{
  return note != NULL ? note : "";
}

void
kf_fail (const char *where,
         const char *format,
         ...)
{
  va_list args;

  fprintf (stderr, "%s: ", where);
  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
  abort ();
}
