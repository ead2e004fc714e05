/* kith-project-access.h — whether this process may change a project file,
 * and if not, why
 *
 * A project in WAL mode is changed through two files beside it (-wal and
 * -shm), so a writable file in a folder that cannot be written is as
 * read-only as a read-only file, and the user is told which of the two it is.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  KITH_ACCESS_WRITABLE,
  KITH_ACCESS_READ_ONLY_FILE,    /* the file's write permission is off */
  KITH_ACCESS_READ_ONLY_FOLDER,  /* the folder holding it cannot be written */
  KITH_ACCESS_READ_ONLY_MEDIA,   /* a read-only file system: a CD, a locked card */
} KithAccess;

KithAccess  kith_access_of        (const char *path);
/* Why a project at @path with @access cannot be changed, as a phrase that
 * follows “NAME: ” (“the project file is read-only”). (transfer full) */
char       *kith_access_describe  (KithAccess  access,
                                   const char *path);

G_END_DECLS
