/* kith-project.c — opening, creating and migrating a project file */
#include "kith-config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kith-db-private.h"
#include "kith-project-access.h"
#include "kith-project.h"
#include "kith-i18n.h"

#define DEFAULT_BUSY_TIMEOUT_MS 5000

struct _KithProject
{
  GObject   parent_instance;

  char     *path;
  char     *display_name;
  sqlite3  *db;
  gboolean  read_only;
  KithAccess access;      /* whether the file can be written, and if not why */
  guint     depth;        /* transaction nesting: 0 = none, >1 = savepoints */
  guint     history_owner; /* the depth that opened the current undo action */
  char     *coder;
  gint64    coder_id;     /* cached row id of @coder, 0 when not yet known */
  char     *copy_dir;     /* a private copy read instead of @path (open_private_copy) */
};

G_DEFINE_FINAL_TYPE (KithProject, kith_project, G_TYPE_OBJECT)

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
remove_private_copy (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (dir);
}

static void
kith_project_finalize (GObject *object)
{
  KithProject *self = KITH_PROJECT (object);

  if (self->depth > 0)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  /* close_v2 defers the close until unfinalized statements are gone; all of
   * ours are finalized by g_autoptr, so this closes and checkpoints the WAL. */
  g_clear_pointer (&self->db, sqlite3_close_v2);
  if (self->copy_dir != NULL)
    remove_private_copy (self->copy_dir);
  g_free (self->copy_dir);
  g_free (self->path);
  g_free (self->display_name);
  g_free (self->coder);

  G_OBJECT_CLASS (kith_project_parent_class)->finalize (object);
}

static void
kith_project_class_init (KithProjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kith_project_finalize;

  /**
   * KithProject::changed:
   *
   * Emitted after an outermost transaction commits, so views can refresh.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static char *
default_coder_name (void)
{
  const char *env = g_getenv ("KITH_CODER");
  const char *real;

  if (env != NULL && *env != '\0' && g_utf8_validate (env, -1, NULL))
    return g_strdup (env);
  real = g_get_real_name ();
  if (real != NULL && *real != '\0' && g_strcmp0 (real, "Unknown") != 0
      && g_utf8_validate (real, -1, NULL))
    return g_strdup (real);
  return g_strdup (g_get_user_name ());
}

static void
kith_project_init (KithProject *self)
{
  self->coder = default_coder_name ();
}

/* ---- SQLite helpers (kith-db-private.h) ---------------------------------- */

void
kith_db_set_error (KithProject *project,
                   GError     **error,
                   int          rc,
                   const char  *doing)
{
  const char *name = project != NULL ? project->display_name : "project";
  const char *detail = project != NULL && project->db != NULL ? sqlite3_errmsg (project->db) : sqlite3_errstr (rc);
  const char *sep = doing != NULL ? ": " : "";

  if (doing == NULL)
    doing = "";

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, KITH_ERROR, KITH_ERROR_DISK_FULL,
                   _("%s: %s%sthe disk is full; nothing was changed"), name, doing, sep);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, KITH_ERROR, KITH_ERROR_BUSY,
                   _("%s: %s%sanother program is writing to this project; try again when it has finished"),
                   name, doing, sep);
      break;
    case SQLITE_READONLY:
      g_set_error (error, KITH_ERROR, KITH_ERROR_READ_ONLY,
                   _("%s: %s%sthe project is read-only"), name, doing, sep);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, KITH_ERROR, KITH_ERROR_CORRUPT,
                   _("%s: %s%sthe project file is damaged (%s)"), name, doing, sep, detail);
      break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      g_set_error (error, KITH_ERROR, KITH_ERROR_IO,
                   _("%s: %s%sthe disk could not be read or written (%s)"), name, doing, sep, detail);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID,
                   "%s: %s%s%s", name, doing, sep, detail);
      break;
    default:
      g_set_error (error, KITH_ERROR, KITH_ERROR_FAILED,
                   "%s: %s%s%s", name, doing, sep, detail);
      break;
    }
}

sqlite3_stmt *
kith_db_prepare (KithProject *project,
                 const char  *sql,
                 GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (project->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      /* A malformed statement is a programming error; busy and I/O are not. */
      if ((rc & 0xff) == SQLITE_ERROR)
        g_critical ("SQL does not prepare: %s\n%s", sqlite3_errmsg (project->db), sql);
      kith_db_set_error (project, error, rc, NULL);
      sqlite3_finalize (stmt);
      return NULL;
    }
  return stmt;
}

int
kith_db_step (KithProject  *project,
              sqlite3_stmt *stmt,
              GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;
  kith_db_set_error (project, error, rc, NULL);
  return -1;
}

gboolean
kith_db_run (KithProject  *project,
             sqlite3_stmt *stmt,
             GError      **error)
{
  int rc = kith_db_step (project, stmt, error);

  if (rc == SQLITE_ROW)
    {
      g_critical ("statement returned rows where none were expected: %s", sqlite3_sql (stmt));
      return TRUE;
    }
  return rc == SQLITE_DONE;
}

gboolean
kith_db_exec (KithProject *project,
              const char  *sql,
              GError     **error)
{
  int rc = sqlite3_exec (project->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      kith_db_set_error (project, error, rc, NULL);
      return FALSE;
    }
  return TRUE;
}

const char *
kith_db_column_str (sqlite3_stmt *stmt,
                    int           column)
{
  const unsigned char *s = sqlite3_column_text (stmt, column);

  return s != NULL ? (const char *) s : "";
}

void
kith_db_bind_str (sqlite3_stmt *stmt,
                  int           index,
                  const char   *value)
{
  sqlite3_bind_text (stmt, index, value != NULL ? value : "", -1, SQLITE_TRANSIENT);
}

void
kith_db_bind_text_or_null (sqlite3_stmt *stmt,
                           int           index,
                           const char   *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

gboolean
kith_db_query_int (KithProject *project,
                   const char  *sql,
                   gint64       param,
                   gint64       fallback,
                   gint64      *out,
                   GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, param);
  rc = kith_db_step (project, stmt, error);
  if (rc < 0)
    return FALSE;
  *out = rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL
         ? sqlite3_column_int64 (stmt, 0) : fallback;
  return TRUE;
}

void
kith_db_set_not_found (KithProject *project,
                       GError     **error,
                       const char  *what,
                       gint64       id)
{
  g_set_error (error, KITH_ERROR, KITH_ERROR_NOT_FOUND, _("%s: there is no %s %lld"),
               kith_project_get_display_name (project), what, (long long) id);
}

gboolean
kith_db_step_id (KithProject  *project,
                 sqlite3_stmt *stmt,
                 gint64        id,
                 const char   *what,
                 GError      **error)
{
  int rc;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = kith_db_step (project, stmt, error);
  if (rc == SQLITE_DONE)
    kith_db_set_not_found (project, error, what, id);
  return rc == SQLITE_ROW;
}

/* ---- opening ------------------------------------------------------------- */

static KithProject *
project_new (const char *path)
{
  KithProject *self = g_object_new (KITH_TYPE_PROJECT, NULL);

  self->path = g_strdup (path);
  self->display_name = g_filename_display_name (path);
  return self;
}

/* Reads the first 100 bytes (the SQLite header) before any connection is
 * opened, so that a file that is not a database is refused before anything
 * touches it. Through SQLite's VFS, not open()/close(): a process loses its
 * POSIX locks on a file when it closes *any* descriptor of it, so a plain
 * close() here would drop the locks of this process's other connections to
 * the same project (a window's, while a background task opens its own).
 * Another process could then take the project for unused, checkpoint and
 * delete the WAL under them, and their next commits would be lost. The VFS
 * keeps such a descriptor open until the process's locks are released. */
static gboolean
check_header (KithProject *self,
              int         *header_version,
              GError     **error)
{
  static const char magic[16] = "SQLite format 3";
  guint8 header[100] = { 0 };
  sqlite3_vfs *vfs = sqlite3_vfs_find (NULL);
  g_autofree sqlite3_file *file = g_malloc0 ((gsize) vfs->szOsFile);
  int out_flags = 0, rc;
  guint32 app_id;

  errno = 0;
  rc = vfs->xOpen (vfs, self->path, file, SQLITE_OPEN_READONLY | SQLITE_OPEN_MAIN_DB, &out_flags);
  if (rc != SQLITE_OK)
    {
      int saved = errno != 0 ? errno : EACCES;
      if (file->pMethods != NULL)
        file->pMethods->xClose (file);
      g_set_error (error, KITH_ERROR, saved == ENOENT ? KITH_ERROR_NOT_FOUND : KITH_ERROR_IO,
                   _("%s: cannot open the project: %s"), self->display_name, g_strerror (saved));
      return FALSE;
    }
  /* a short file reads as zeros after its end: no magic */
  rc = file->pMethods->xRead (file, header, sizeof header, 0);
  file->pMethods->xClose (file);
  if ((rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ) || memcmp (header, magic, sizeof magic) != 0)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_NOT_A_PROJECT,
                   _("%s: not a Kith project (the file is not an SQLite database)"),
                   self->display_name);
      return FALSE;
    }
  /* application_id: big-endian at offset 68 */
  app_id = ((guint32) header[68] << 24) | ((guint32) header[69] << 16)
           | ((guint32) header[70] << 8) | header[71];
  if (app_id != KITH_APPLICATION_ID)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_NOT_A_PROJECT,
                   _("%s: not a Kith project (an SQLite database of another program)"),
                   self->display_name);
      return FALSE;
    }
  /* user_version: big-endian at offset 60; current unless a WAL beside the
   * file holds commits not yet copied back */
  *header_version = (int) (((guint32) header[60] << 24) | ((guint32) header[61] << 16)
                           | ((guint32) header[62] << 8) | header[63]);
  return TRUE;
}

static gboolean
apply_connection_pragmas (KithProject *self,
                          GError     **error)
{
  sqlite3_busy_timeout (self->db, DEFAULT_BUSY_TIMEOUT_MS);
  sqlite3_extended_result_codes (self->db, 1);
  if (!kith_db_exec (self, "PRAGMA foreign_keys = ON", error))
    return FALSE;
  if (!self->read_only)
    {
      /* FULL: a commit survives power loss, not only a crash of Kith. */
      if (!kith_db_exec (self, "PRAGMA synchronous = FULL", error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
read_user_version (KithProject *self,
                   int         *version,
                   GError     **error)
{
  gint64 v = 0;

  if (!kith_db_query_int (self, "PRAGMA user_version", 0, 0, &v, error))
    return FALSE;
  *version = (int) v;
  return TRUE;
}

/* Copies the project to PATH.before-vN.kith (mode 0600) before a migration
 * changes it, so an upgrade can never cost the user their project. */
static gboolean
backup_before_migration (KithProject *self,
                         int          version,
                         GError     **error)
{
  g_autofree char *backup_path = NULL;
  g_autofree char *stem = NULL;
  sqlite3 *dest = NULL;
  sqlite3_backup *backup;
  int fd, rc;

  stem = g_str_has_suffix (self->path, ".kith")
         ? g_strndup (self->path, strlen (self->path) - 5) : g_strdup (self->path);
  backup_path = g_strdup_printf ("%s.before-v%d.kith", stem, kith_project_schema_version ());

  fd = g_open (backup_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, KITH_ERROR, KITH_ERROR_IO,
                   _("%s: cannot write a backup before upgrading the project from version %d: %s"),
                   self->display_name, version, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  rc = sqlite3_open_v2 (backup_path, &dest, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", self->db, "main");
      if (backup != NULL)
        {
          sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
        }
      rc = sqlite3_errcode (dest);
    }
  sqlite3_close_v2 (dest);
  if (rc != SQLITE_OK)
    {
      g_unlink (backup_path);
      kith_db_set_error (self, error, rc, "backing up before an upgrade");
      return FALSE;
    }
  return TRUE;
}

static gboolean
migrate_if_needed (KithProject *self,
                   int          version,
                   GError     **error)
{
  int current = kith_project_schema_version ();

  if (version == current)
    return TRUE;
  if (self->access != KITH_ACCESS_WRITABLE)
    {
      g_autofree char *why = kith_access_describe (self->access, self->path);
      g_set_error (error, KITH_ERROR, KITH_ERROR_READ_ONLY,
                   _("%s: the project was written by an older Kith (version %d) and must be "
                     "upgraded to version %d before it can be read, but %s; %s"),
                   self->display_name, version, current, why,
                   self->access == KITH_ACCESS_READ_ONLY_FILE
                   ? _("give it back its write permission, or open a copy you can write to")
                   : _("copy it to a folder you can write to and open the copy"));
      return FALSE;
    }
  if (!backup_before_migration (self, version, error))
    return FALSE;
  if (!kith_project_begin (self, error))
    return FALSE;
  if (!kith_schema_migrate (self->db, version, current, error)
      || !kith_history_install_triggers (self->db, error))
    {
      kith_project_rollback (self);
      g_prefix_error (error, _("%s: upgrading the project from version %d: "), self->display_name, version);
      return FALSE;
    }
  return kith_project_commit (self, error);
}

/* Opens self->db read-only. @immutable: through SQLite's immutable=1, which
 * reads the file alone and creates nothing beside it — right only when no
 * WAL holds commits the file lacks and nobody can be writing. */
static gboolean
open_reader (KithProject *self,
             gboolean     immutable,
             GError     **error)
{
  g_autofree char *absolute = NULL;
  g_autofree char *uri = NULL;
  int rc;

  g_clear_pointer (&self->db, sqlite3_close_v2);
  if (immutable)
    {
      absolute = g_canonicalize_filename (self->path, NULL);
      uri = g_filename_to_uri (absolute, NULL, NULL);
    }
  if (uri != NULL)
    {
      g_autofree char *full = g_strconcat (uri, "?immutable=1", NULL);
      rc = sqlite3_open_v2 (full, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    }
  else
    rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      kith_db_set_error (self, error, rc, "cannot open the project");
      return FALSE;
    }
  sqlite3_busy_timeout (self->db, DEFAULT_BUSY_TIMEOUT_MS);
  return TRUE;
}

/* Opens self->db for writing or, with @query_only, for reading through a
 * connection that still tidies up: the last connection to close a project
 * folds its WAL back into the file and removes the -wal and -shm files,
 * which a read-only connection cannot do. */
static gboolean
open_writer (KithProject *self,
             gboolean     query_only,
             GError     **error)
{
  int rc;

  g_clear_pointer (&self->db, sqlite3_close_v2);
  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      kith_db_set_error (self, error, rc, "cannot open the project");
      return FALSE;
    }
  if (query_only)
    return kith_db_exec (self, "PRAGMA query_only = ON", error);
  if (!apply_connection_pragmas (self, error))
    return FALSE;
  /* Already WAL since creation; asking again is a no-op that also repairs a
   * project someone switched back to a rollback journal. */
  return kith_db_exec (self, "PRAGMA journal_mode = WAL", error);
}

/* A WAL without its -shm where none can be made (read-only media, a folder
 * the user may not write): SQLite cannot read the WAL's commits in place,
 * and reading the file alone would hide them. So the file and its WAL are
 * copied into a private folder (readable by the user only) and read there,
 * through a connection that may build its -shm; the copy goes when the
 * project closes. Nothing is written beside the project. */
static gboolean
open_private_copy (KithProject *self,
                   const char  *wal,
                   GError     **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *dir = g_dir_make_tmp ("kith-read-only-XXXXXX", &local);
  g_autofree char *base = g_path_get_basename (self->path);
  g_autofree char *copy = NULL, *copy_wal = NULL;
  const char *from[2] = { self->path, wal };
  int rc;

  if (dir == NULL)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_IO,
                   _("%s: cannot read the project's journal on read-only media (%s)"),
                   self->display_name, local->message);
      return FALSE;
    }
  self->copy_dir = g_strdup (dir);
  copy = g_build_filename (dir, base, NULL);
  copy_wal = g_strconcat (copy, "-wal", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (from); i++)
    {
      g_autoptr(GFile) source = g_file_new_for_path (from[i]);
      g_autoptr(GFile) target = g_file_new_for_path (i == 0 ? copy : copy_wal);

      if (!g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, &local)
          || g_chmod (i == 0 ? copy : copy_wal, 0600) != 0)
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_IO,
                       _("%s: cannot read the project's journal on read-only media (%s)"),
                       self->display_name, local != NULL ? local->message : g_strerror (errno));
          return FALSE;
        }
    }
  g_clear_pointer (&self->db, sqlite3_close_v2);
  rc = sqlite3_open_v2 (copy, &self->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      kith_db_set_error (self, error, rc, "cannot open the project");
      return FALSE;
    }
  sqlite3_busy_timeout (self->db, DEFAULT_BUSY_TIMEOUT_MS);
  return kith_db_exec (self, "PRAGMA query_only = ON", error);
}

static gboolean
refuse_newer (KithProject *self,
              int          version,
              GError     **error)
{
  int current = kith_project_schema_version ();

  if (version <= current)
    return TRUE;
  g_set_error (error, KITH_ERROR, KITH_ERROR_NEWER_PROJECT,
               _("%s: this project was written by a newer version of Kith (project version %d; "
                 "this Kith reads up to version %d). Update Kith to open it; the file was not changed."),
               self->display_name, version, current);
  return FALSE;
}

/**
 * kith_project_open:
 *
 * Opens an existing project. A file that is not a Kith project, that a
 * newer Kith wrote or that is damaged is refused before anything writes to
 * it or beside it. An older project is backed up and migrated forward, also
 * when only reading, if it can be written. A project that cannot be written
 * (a read-only file or folder, read-only media) opens read-only without
 * creating any file.
 *
 * Returns: (transfer full): the project, or %NULL with @error set
 */
KithProject *
kith_project_open (const char   *path,
                   KithOpenFlags flags,
                   GError      **error)
{
  g_autoptr(KithProject) self = NULL;
  g_autofree char *wal = NULL, *shm = NULL;
  int version = 0, header_version = 0;
  int current = kith_project_schema_version ();
  gboolean have_wal, immutable;

  g_return_val_if_fail (path != NULL, NULL);

  self = project_new (path);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_NOT_FOUND,
                   _("%s: no such project (create one with “kith-cli init”)"), self->display_name);
      return NULL;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_NOT_A_PROJECT,
                   _("%s: not a Kith project (not a regular file)"), self->display_name);
      return NULL;
    }
  if (!check_header (self, &header_version, error) || !refuse_newer (self, header_version, error))
    return NULL;

  self->access = kith_access_of (path);
  self->read_only = (flags & KITH_OPEN_READ_ONLY) != 0 || self->access != KITH_ACCESS_WRITABLE;

  /* First look read-only. Without a WAL the file holds every commit, and an
   * immutable reader creates no -wal or -shm beside a file it may refuse. */
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  have_wal = g_file_test (wal, G_FILE_TEST_EXISTS);
  immutable = !have_wal;
  if (have_wal && self->access != KITH_ACCESS_WRITABLE && !g_file_test (shm, G_FILE_TEST_EXISTS))
    {
      if (!open_private_copy (self, wal, error))
        return NULL;
    }
  else if (!open_reader (self, immutable, error))
    return NULL;
  if (!read_user_version (self, &version, error) || !refuse_newer (self, version, error))
    return NULL;
  if (version < 1)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_NOT_A_PROJECT,
                   _("%s: not a Kith project (it has no Kith schema)"), self->display_name);
      return NULL;
    }

  if (version < current)
    {
      /* an upgrade writes, even for a command that only reads */
      gboolean asked_read_only = self->read_only;

      self->read_only = self->access != KITH_ACCESS_WRITABLE;
      if (!self->read_only && !open_writer (self, FALSE, error))
        return NULL;
      if (!migrate_if_needed (self, version, error))
        return NULL;
      self->read_only = asked_read_only;
      if (!self->read_only)
        return g_steal_pointer (&self);   /* the writer that migrated it */
    }
  if (self->access == KITH_ACCESS_WRITABLE)
    {
      /* Others may be writing to a project that can be written, so even a
       * reader reads through the WAL, and tidies up when it closes. */
      if (!open_writer (self, self->read_only, error))
        return NULL;
    }
  if (self->read_only && !apply_connection_pragmas (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * kith_project_create:
 *
 * Creates a new, empty project at @path, readable by its owner only.
 * An existing file is never overwritten.
 *
 * Returns: (transfer full): the project, or %NULL with @error set
 */
KithProject *
kith_project_create (const char *path,
                     GError    **error)
{
  g_autoptr(KithProject) self = NULL;
  g_autofree char *now = NULL;
  g_autofree char *sql = NULL;
  int fd, rc;

  g_return_val_if_fail (path != NULL, NULL);

  self = project_new (path);
  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, KITH_ERROR, saved == EEXIST ? KITH_ERROR_EXISTS : KITH_ERROR_IO,
                   saved == EEXIST ? _("%s: a file with this name already exists; choose another name")
                                   : _("%s: cannot create the project: %s"),
                   self->display_name, g_strerror (saved));
      return NULL;
    }
  /* umask may have been stricter, never looser than what we asked */
  fchmod (fd, 0600);
  close (fd);

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      kith_db_set_error (self, error, rc, "cannot create the project");
      g_unlink (path);
      return NULL;
    }
  sql = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA journal_mode = WAL;",
                         KITH_APPLICATION_ID);
  if (!apply_connection_pragmas (self, error)
      || !kith_db_exec (self, sql, error)
      || !kith_project_begin (self, error))
    goto fail;
  now = kith_now_iso8601 ();
  if (!kith_schema_migrate (self->db, 0, kith_project_schema_version (), error)
      || !kith_history_install_triggers (self->db, error))
    {
      kith_project_rollback (self);
      goto fail;
    }
  {
    g_autoptr(sqlite3_stmt) stmt =
      kith_db_prepare (self, "INSERT INTO meta (key, value) VALUES ('created', ?1), ('created_by', ?2)", error);
    if (stmt == NULL)
      {
        kith_project_rollback (self);
        goto fail;
      }
    kith_db_bind_str (stmt, 1, now);
    kith_db_bind_str (stmt, 2, "Kith " KITH_VERSION);
    if (!kith_db_run (self, stmt, error))
      {
        kith_project_rollback (self);
        goto fail;
      }
  }
  if (!kith_project_commit (self, error))
    goto fail;
  return g_steal_pointer (&self);

fail:
  g_clear_pointer (&self->db, sqlite3_close_v2);
  g_unlink (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  return NULL;
}

int
kith_project_schema_version (void)
{
  return kith_schema_current_version ();
}

const char *
kith_project_get_path (KithProject *self)
{
  g_return_val_if_fail (KITH_IS_PROJECT (self), NULL);
  return self->path;
}

const char *
kith_project_get_display_name (KithProject *self)
{
  g_return_val_if_fail (KITH_IS_PROJECT (self), NULL);
  return self->display_name;
}

gboolean
kith_project_is_read_only (KithProject *self)
{
  g_return_val_if_fail (KITH_IS_PROJECT (self), TRUE);
  return self->read_only;
}

/**
 * kith_project_dup_read_only_reason:
 *
 * Returns: (transfer full): why @self cannot be changed, as a phrase
 *   (“the project file is read-only”, “the folder “…” cannot be written to
 *   …”, “the project is on read-only media”)
 */
char *
kith_project_dup_read_only_reason (KithProject *self)
{
  g_return_val_if_fail (KITH_IS_PROJECT (self), NULL);
  return kith_access_describe (self->access, self->path);
}

/**
 * kith_project_set_read_only_error:
 *
 * Sets @error to say that @self cannot be changed, and why: the file, its
 * folder or its media, or that it was opened for reading only.
 */
void
kith_project_set_read_only_error (KithProject *self,
                                  GError     **error)
{
  g_autofree char *why = NULL;

  g_return_if_fail (KITH_IS_PROJECT (self));
  why = kith_project_dup_read_only_reason (self);
  g_set_error (error, KITH_ERROR, KITH_ERROR_READ_ONLY, "%s: %s; nothing was changed",
               self->display_name, why);
}

sqlite3 *
kith_project_get_db (KithProject *self)
{
  g_return_val_if_fail (KITH_IS_PROJECT (self), NULL);
  return self->db;
}

void
kith_project_set_busy_timeout (KithProject *self,
                               int          milliseconds)
{
  g_return_if_fail (KITH_IS_PROJECT (self));
  sqlite3_busy_timeout (self->db, milliseconds);
}

const char *
kith_project_get_coder (KithProject *self)
{
  g_return_val_if_fail (KITH_IS_PROJECT (self), NULL);
  return self->coder;
}

void
kith_project_set_coder (KithProject *self,
                        const char  *name)
{
  g_return_if_fail (KITH_IS_PROJECT (self));
  g_return_if_fail (name != NULL && *name != '\0');

  if (g_strcmp0 (self->coder, name) == 0)
    return;
  g_free (self->coder);
  self->coder = g_strdup (name);
  self->coder_id = 0;
}

/**
 * kith_project_ensure_coder:
 *
 * Returns: the row id of the current coder, creating the row if needed;
 *   0 with @error set on failure. Call inside a transaction.
 */
gint64
kith_project_ensure_coder (KithProject *self,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autofree char *now = NULL;
  int rc;

  g_return_val_if_fail (KITH_IS_PROJECT (self), 0);

  if (self->coder_id > 0)
    return self->coder_id;
  now = kith_now_iso8601 ();
  insert = kith_db_prepare (self, "INSERT INTO coders (name, created) VALUES (?1, ?2) "
                                  "ON CONFLICT (name) DO NOTHING", error);
  if (insert == NULL)
    return 0;
  kith_db_bind_str (insert, 1, self->coder);
  kith_db_bind_str (insert, 2, now);
  if (!kith_db_run (self, insert, error))
    return 0;
  select = kith_db_prepare (self, "SELECT id FROM coders WHERE name = ?1", error);
  if (select == NULL)
    return 0;
  kith_db_bind_str (select, 1, self->coder);
  rc = kith_db_step (self, select, error);
  if (rc != SQLITE_ROW)
    return 0;
  /* Not cached: a rollback of the enclosing transaction could remove it. */
  return sqlite3_column_int64 (select, 0);
}

/* ---- transactions -------------------------------------------------------- */

/**
 * kith_project_begin:
 *
 * Starts a write transaction, or a savepoint inside one. The write lock is
 * taken at once (BEGIN IMMEDIATE) so a second writer waits here rather than
 * failing half-way through a change.
 */
gboolean
kith_project_begin (KithProject *self,
                    GError     **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (KITH_IS_PROJECT (self), FALSE);

  if (self->read_only)
    {
      kith_project_set_read_only_error (self, error);
      return FALSE;
    }
  if (self->depth == 0)
    {
      if (!kith_db_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
    }
  else
    {
      sql = g_strdup_printf ("SAVEPOINT kith_%u", self->depth);
      if (!kith_db_exec (self, sql, error))
        return FALSE;
    }
  self->depth++;
  return TRUE;
}

gboolean
kith_project_commit (KithProject *self,
                     GError     **error)
{
  g_return_val_if_fail (KITH_IS_PROJECT (self), FALSE);
  g_return_val_if_fail (self->depth > 0, FALSE);

  if (self->depth > 1)
    {
      g_autofree char *sql = g_strdup_printf ("RELEASE kith_%u", self->depth - 1);
      if (!kith_db_exec (self, sql, error))
        return FALSE;
      self->depth--;
      return TRUE;
    }
  if (!kith_db_exec (self, "COMMIT", error))
    {
      kith_project_rollback (self);
      return FALSE;
    }
  self->depth = 0;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

void
kith_project_rollback (KithProject *self)
{
  g_return_if_fail (KITH_IS_PROJECT (self));

  if (self->depth == 0)
    return;
  if (self->depth > 1)
    {
      g_autofree char *sql = g_strdup_printf ("ROLLBACK TO kith_%u; RELEASE kith_%u",
                                              self->depth - 1, self->depth - 1);
      sqlite3_exec (self->db, sql, NULL, NULL, NULL);
      self->depth--;
      return;
    }
  /* After SQLITE_FULL or an I/O error SQLite may already have rolled back. */
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->depth = 0;
  self->history_owner = 0;
}

guint
kith_project_transaction_depth (KithProject *self)
{
  return self->depth;
}

guint
kith_project_get_history_owner (KithProject *self)
{
  return self->history_owner;
}

void
kith_project_set_history_owner (KithProject *self,
                                guint        depth)
{
  self->history_owner = depth;
}

gboolean
kith_project_in_transaction (KithProject *self)
{
  g_return_val_if_fail (KITH_IS_PROJECT (self), FALSE);
  return self->depth > 0;
}

/**
 * kith_project_check_integrity:
 *
 * Runs SQLite's integrity and foreign key checks.
 */
gboolean
kith_project_check_integrity (KithProject *self,
                              GError     **error)
{
  g_autoptr(sqlite3_stmt) check = NULL;
  g_autoptr(sqlite3_stmt) fk = NULL;
  int rc;

  check = kith_db_prepare (self, "PRAGMA integrity_check", error);
  if (check == NULL)
    return FALSE;
  rc = kith_db_step (self, check, error);
  if (rc < 0)
    return FALSE;
  if (rc != SQLITE_ROW || g_strcmp0 (kith_db_column_str (check, 0), "ok") != 0)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_CORRUPT, _("%s: the project file is damaged: %s"),
                   self->display_name, rc == SQLITE_ROW ? kith_db_column_str (check, 0) : "no result");
      return FALSE;
    }
  fk = kith_db_prepare (self, "PRAGMA foreign_key_check", error);
  if (fk == NULL)
    return FALSE;
  rc = kith_db_step (self, fk, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_CORRUPT,
                   _("%s: the project has a broken reference in table %s"),
                   self->display_name, kith_db_column_str (fk, 0));
      return FALSE;
    }
  return TRUE;
}

char *
kith_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}
