/* kith-project-access.c — may this process change a project file? */
#include "kith-project-access.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

/* Mode bits as well as access(): root may write anything, but an owner who
 * took away the write permission means “do not change this”. */
static gboolean
may_write (const char *path,
           gboolean   *media_read_only)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return TRUE;   /* opening it will say what is wrong */
  if (access (path, W_OK) != 0)
    {
      if (errno == EROFS)
        *media_read_only = TRUE;
      return FALSE;
    }
  return st.st_uid != geteuid () || (st.st_mode & S_IWUSR) != 0;
}

KithAccess
kith_access_of (const char *path)
{
  g_autofree char *folder = NULL;
  struct statvfs fs;
  gboolean media = FALSE;

  g_return_val_if_fail (path != NULL, KITH_ACCESS_READ_ONLY_FILE);

  folder = g_path_get_dirname (path);
  if (statvfs (folder, &fs) == 0 && (fs.f_flag & ST_RDONLY) != 0)
    return KITH_ACCESS_READ_ONLY_MEDIA;
  if (!may_write (path, &media))
    return media ? KITH_ACCESS_READ_ONLY_MEDIA : KITH_ACCESS_READ_ONLY_FILE;
  if (!may_write (folder, &media))
    return media ? KITH_ACCESS_READ_ONLY_MEDIA : KITH_ACCESS_READ_ONLY_FOLDER;
  return KITH_ACCESS_WRITABLE;
}

char *
kith_access_describe (KithAccess  access,
                      const char *path)
{
  g_autofree char *folder = NULL;
  g_autofree char *folder_name = NULL;

  switch (access)
    {
    case KITH_ACCESS_READ_ONLY_FILE:
      return g_strdup ("the project file is read-only");
    case KITH_ACCESS_READ_ONLY_FOLDER:
      folder = g_path_get_dirname (path);
      folder_name = g_filename_display_name (folder);
      return g_strdup_printf ("the folder “%s” cannot be written to (Kith keeps a journal beside "
                              "the project while it changes it)", folder_name);
    case KITH_ACCESS_READ_ONLY_MEDIA:
      return g_strdup ("the project is on read-only media");
    case KITH_ACCESS_WRITABLE:
    default:
      return g_strdup ("the project was opened read-only");
    }
}
