/* test-read-only.c — projects that cannot be written, and projects that are
 * refused: what opens read-only, what is refused, and that neither leaves
 * anything beside the file (the folder listing is compared byte for byte).
 *
 * The tests run as root in CI, and root may write anything: Kith takes a
 * missing owner write bit for “do not change this” even then, and the tests
 * that need real permissions run kith-cli as “nobody” through setpriv. */
#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kith-codes.h"
#include "kith-documents.h"
#include "kith-test-util.h"

static const char transcript[] =
  "Interviewer: Grace Obi\n"
  "\n"
  "Grace: How do you feel about the area?\n"
  "Harjit: I feel safe at the gurdwara in Smethwick, everyone knows my name.\n";

static void
assert_contains (const char *haystack, const char *needle)
{
  cr_assert (strstr (haystack, needle) != NULL, "“%s” not in:\n%s", needle, haystack);
}

static int
compare_lines (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Every entry of @dir with its mode, size and SHA-256, sorted. */
static char *
listing (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  cr_assert_not_null (d, "cannot list %s", dir);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *sha = kt_sha256_file (path);
      GStatBuf st;

      cr_assert_eq (g_stat (path, &st), 0);
      g_ptr_array_add (lines, g_strdup_printf ("%s %o %lld %s", name, (unsigned) (st.st_mode & 07777),
                                               (long long) st.st_size, sha));
    }
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

/* @dir lists exactly as @before did */
static void
assert_unchanged (const char *dir, const char *before)
{
  g_autofree char *after = listing (dir);

  cr_assert_str_eq (after, before, "the folder changed:\n%s\nwas\n%s", after, before);
}

/* A project in a fresh folder (*@dir), with the transcript imported as
 * document 1, closed: nothing beside it. */
static char *
project_with_transcript (char **dir)
{
  g_autofree char *folder = kt_tmpdir ();
  g_autofree char *file = g_build_filename (folder, "harjit-smethwick.txt", NULL);
  char *path = g_build_filename (folder, "study.kith", NULL);

  kt_write_file (file, transcript, -1);
  cr_assert_eq (kt_cli (NULL, NULL, "init", path, NULL), 0);
  cr_assert_eq (kt_cli (NULL, NULL, "import", path, file, NULL), 0);
  g_unlink (file);
  *dir = g_steal_pointer (&folder);
  return path;
}

static void
set_user_version (const char *path, int version)
{
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", version);
  sqlite3 *db = NULL;

  cr_assert_eq (sqlite3_open (path, &db), SQLITE_OK);
  cr_assert_eq (sqlite3_exec (db, sql, NULL, NULL, NULL), SQLITE_OK);
  /* the last connection folds the WAL back in and removes it */
  cr_assert_eq (sqlite3_close (db), SQLITE_OK);
}

static const char docs_line[] = "1\tharjit-smethwick.txt\tnotes\t137\n";

/* Runs kith-cli with up to four arguments (NULL ends them early) through
 * @wrapper, a shell snippet that ends in "$KITH_REAL_CLI" "$@", by pointing
 * KITH_CLI at a script made of it. */
static int
cli_through (const char *wrapper, char **out, char **err,
             const char *a, const char *b, const char *c, const char *d)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *script = g_build_filename (dir, "kith-cli-wrapped", NULL);
  g_autofree char *text = g_strdup_printf ("#!/bin/sh\n%s\n", wrapper);
  g_autofree char *real = g_strdup (g_getenv ("KITH_CLI"));
  int status;

  kt_write_file (script, text, -1);
  cr_assert_eq (g_chmod (script, 0755), 0);
  cr_assert_eq (g_chmod (dir, 0755), 0);
  g_setenv ("KITH_REAL_CLI", real, TRUE);
  g_setenv ("KITH_CLI", script, TRUE);
  status = kt_cli (out, err, a, b, c, d, NULL);
  g_setenv ("KITH_CLI", real, TRUE);
  return status;
}

/* Through @wrapper, kith-cli reads @path (docs) but refuses to change it,
 * saying “@reason; nothing was changed”, and @dir is left as it was. */
static void
assert_reads_but_refuses (const char *wrapper, const char *path, const char *dir, const char *reason)
{
  g_autofree char *before = listing (dir);
  g_autofree char *out = NULL, *err = NULL, *expected = NULL;

  cr_assert_eq (cli_through (wrapper, &out, &err, "docs", path, NULL, NULL), 0, "%s", err);
  cr_assert_str_eq (out, docs_line);
  g_clear_pointer (&err, g_free);
  cr_assert_eq (cli_through (wrapper, NULL, &err, "codes", "add", path, "Feel/Safe"), 1);
  expected = g_strdup_printf ("kith-cli: %s: %s; nothing was changed\n", path, reason);
  cr_assert_str_eq (err, expected);
  assert_unchanged (dir, before);
}

static const char directly[] = "exec \"$KITH_REAL_CLI\" \"$@\"";

static char *
folder_reason (const char *dir)
{
  return g_strdup_printf ("the folder “%s” cannot be written to (Kith keeps a journal beside the project "
                          "while it changes it)", dir);
}

/* ---- refused: nothing is created beside the file -------------------------- */

Test (read_only, a_newer_project_is_refused_and_the_folder_left_as_it_was)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = project_with_transcript (&dir);
  g_autofree char *before = NULL, *err = NULL, *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithProject) project = NULL;

  set_user_version (path, kith_project_schema_version () + 1);
  before = listing (dir);

  project = kith_project_open (path, KITH_OPEN_READ_ONLY, &error);
  cr_assert_null (project);
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_NEWER_PROJECT), "%s", error->message);
  cr_assert_eq (kt_cli (NULL, &err, "docs", path, NULL), 1);
  expected = g_strdup_printf ("kith-cli: %s: this project was written by a newer version of Kith (project version %d; "
                              "this Kith reads up to version %d). Update Kith to open it; the file was not changed.\n",
                              path, kith_project_schema_version () + 1, kith_project_schema_version ());
  cr_assert_str_eq (err, expected);
  assert_unchanged (dir, before);
}

Test (read_only, a_damaged_project_is_refused_and_the_folder_left_as_it_was)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = project_with_transcript (&dir);
  g_autofree char *before = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithProject) project = NULL;
  static const guint8 garbage[12] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
  FILE *f;

  /* the header stays a Kith project's; the first page's tree does not */
  f = fopen (path, "r+b");
  cr_assert_not_null (f);
  cr_assert_eq (fseek (f, 100, SEEK_SET), 0);
  cr_assert_eq (fwrite (garbage, 1, sizeof garbage, f), sizeof garbage);
  fclose (f);
  before = listing (dir);

  project = kith_project_open (path, KITH_OPEN_DEFAULT, &error);
  cr_assert_null (project);
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_CORRUPT), "%s", error->message);
  cr_assert_eq (kt_cli (NULL, &err, "docs", path, NULL), 1);
  assert_contains (err, "study.kith: the project file is damaged (");
  assert_unchanged (dir, before);
}

Test (read_only, another_programs_wal_database_is_refused_and_the_folder_left_as_it_was)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "allotments.db", NULL);
  g_autofree char *before = NULL, *err = NULL;
  sqlite3 *db = NULL;

  cr_assert_eq (sqlite3_open (path, &db), SQLITE_OK);
  cr_assert_eq (sqlite3_exec (db, "PRAGMA journal_mode = WAL; CREATE TABLE plots (holder TEXT);"
                                  "INSERT INTO plots VALUES ('Beata Nowak, Handsworth');", NULL, NULL, NULL), SQLITE_OK);
  cr_assert_eq (sqlite3_close (db), SQLITE_OK);
  before = listing (dir);
  cr_assert_eq (kt_cli (NULL, &err, "docs", path, NULL), 1);
  assert_contains (err, "allotments.db: not a Kith project (an SQLite database of another program)");
  assert_unchanged (dir, before);
}

/* ---- read-only: reading works, writing says why, nothing is created ------- */

Test (read_only, a_read_only_file_opens_read_only_and_writes_nothing)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = project_with_transcript (&dir);
  g_autofree char *before = NULL, *text = NULL, *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithProject) project = NULL;

  cr_assert_eq (g_chmod (path, 0444), 0);
  before = listing (dir);
  project = kith_project_open (path, KITH_OPEN_DEFAULT, &error);
  cr_assert_not_null (project, "%s", error ? error->message : "");
  cr_assert (kith_project_is_read_only (project));
  text = kith_documents_dup_text (project, 1, NULL, &error);
  cr_assert_str_eq (text, transcript);
  cr_assert_eq (kith_codes_add_path (project, "Feel/Safe", NULL, NULL, &error), 0);
  expected = g_strdup_printf ("%s: the project file is read-only; nothing was changed", path);
  cr_assert_str_eq (error->message, expected);
  g_clear_object (&project);

  assert_unchanged (dir, before);
  assert_reads_but_refuses (directly, path, dir, "the project file is read-only");
}

Test (read_only, a_writable_project_in_a_read_only_folder_says_it_is_the_folder)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = project_with_transcript (&dir);
  g_autofree char *reason = NULL;

  cr_assert_eq (g_chmod (dir, 0555), 0);
  reason = folder_reason (dir);
  assert_reads_but_refuses (directly, path, dir, reason);
  g_chmod (dir, 0700);
}

/* The same two with the permissions of a user who really cannot write:
 * root may write anything, so as root kith-cli runs as “nobody”. */
Test (read_only, as_a_user_without_write_permission)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = project_with_transcript (&dir);
  g_autofree char *reason = NULL;
  const char *as_nobody = "exec setpriv --reuid=nobody --regid=nogroup --clear-groups \"$KITH_REAL_CLI\" \"$@\"";

  if (geteuid () != 0)
    cr_skip_test ("not root: the tests above already ran with permissions that apply");
  if (cli_through (as_nobody, NULL, NULL, "--version", NULL, NULL, NULL) != 0)
    cr_skip_test ("setpriv cannot run kith-cli as “nobody” here");

  /* root's project, readable by everyone: a read-only file for nobody */
  cr_assert_eq (g_chmod (dir, 0755), 0);
  cr_assert_eq (g_chmod (path, 0644), 0);
  assert_reads_but_refuses (as_nobody, path, dir, "the project file is read-only");
  /* a file nobody may write, in root's folder, which nobody may not */
  cr_assert_eq (g_chmod (path, 0666), 0);
  reason = folder_reason (dir);
  assert_reads_but_refuses (as_nobody, path, dir, reason);
}

/* A CD or a locked card: a read-only bind mount in a mount namespace of its
 * own, where root cannot write either. */
Test (read_only, a_project_on_read_only_media_opens_read_only)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = project_with_transcript (&dir);
  g_autofree char *on_media = g_strdup_printf (
    "exec unshare --mount sh -c 'mount --bind \"$0\" \"$0\" && mount -o remount,ro,bind \"$0\" \"$0\" "
    "&& exec \"$KITH_REAL_CLI\" \"$@\"' '%s' \"$@\"", dir);

  if (cli_through (on_media, NULL, NULL, "--version", NULL, NULL, NULL) != 0)
    cr_skip_test ("no mount namespace here (unshare --mount needs root)");
  assert_reads_but_refuses (on_media, path, dir, "the project is on read-only media");
}

/* ---- older projects ------------------------------------------------------- */

Test (read_only, an_older_project_is_upgraded_by_a_reading_command)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "study.kith", NULL);
  g_autofree char *backup = g_strdup_printf ("%s/study.before-v%d.kith", dir, kith_project_schema_version ());
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithProject) project = NULL;

  kt_write_old_project (path, 1);
  cr_assert_eq (kt_cli (&out, &err, "docs", path, NULL), 0, "%s", err);
  cr_assert_str_eq (out, "1\told.txt\tnotes\t11\n");
  cr_assert_str_eq (err, "");
  cr_assert (g_file_test (backup, G_FILE_TEST_EXISTS), "no backup before the upgrade");
  project = kith_project_open (path, KITH_OPEN_READ_ONLY, &error);
  cr_assert_not_null (project, "%s", error ? error->message : "");
  cr_assert_eq (kt_count (project, "PRAGMA user_version"), kith_project_schema_version ());
}

Test (read_only, an_older_project_in_a_read_only_folder_says_why_it_cannot_be_read)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "study.kith", NULL);
  g_autofree char *before = NULL, *err = NULL, *expected = NULL, *reason = NULL;

  kt_write_old_project (path, 1);
  cr_assert_eq (g_chmod (dir, 0555), 0);
  before = listing (dir);
  cr_assert_eq (kt_cli (NULL, &err, "docs", path, NULL), 1);
  reason = folder_reason (dir);
  expected = g_strdup_printf ("kith-cli: %s: the project was written by an older Kith (version 1) and must be "
                              "upgraded to version %d before it can be read, but %s; copy it to a folder you "
                              "can write to and open the copy\n", path, kith_project_schema_version (), reason);
  cr_assert_str_eq (err, expected);
  assert_unchanged (dir, before);
  g_chmod (dir, 0700);
}

/* ---- reading leaves nothing behind ------------------------------------------ */

Test (read_only, a_reading_command_leaves_no_journal_files)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = project_with_transcript (&dir);
  g_autofree char *before = listing (dir);
  g_autofree char *out = NULL;

  cr_assert_eq (kt_cli (&out, NULL, "show", path, "1", NULL), 0);
  cr_assert_str_eq (out, transcript);
  assert_unchanged (dir, before);
}

/* ---- ids are ids --------------------------------------------------------------- */

Test (read_only, a_suggestion_id_that_is_not_a_number_is_called_an_id)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = project_with_transcript (&dir);
  g_autofree char *err = NULL, *expected = NULL;

  cr_assert_eq (kt_cli (NULL, &err, "review", "accept", path, "abc", NULL), 2);
  expected = g_strdup_printf ("kith-cli review accept: a suggestion id must be a whole number "
                              "(see “kith-cli review list”), not “abc”\n"
                              "Usage: kith-cli review accept PROJECT ID...\n"
                              "Run “kith-cli review accept --help” for more.\n");
  cr_assert_str_eq (err, expected);
  g_clear_pointer (&err, g_free);
  cr_assert_eq (kt_cli (NULL, &err, "uncode", path, "0", NULL), 2);
  assert_contains (err, "kith-cli uncode: CODING_ID must be a whole number (see “kith-cli codings”), not “0”\n");
}

/* A project copied off a laptop that was switched off mid-session: its last
 * commits are in the -wal, and the -shm did not come along. On read-only
 * media SQLite cannot rebuild the -shm beside it; Kith still shows every
 * commit, and writes nothing beside the file. */
Test (read_only, a_journal_without_its_index_on_read_only_media_shows_every_commit)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = project_with_transcript (&dir);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *on_media = g_strdup_printf (
    "exec unshare --mount sh -c 'mount --bind \"$0\" \"$0\" && mount -o remount,ro,bind \"$0\" \"$0\" "
    "&& exec \"$KITH_REAL_CLI\" \"$@\"' '%s' \"$@\"", dir);
  g_autofree char *before = NULL, *out = NULL, *err = NULL;
  sqlite3 *db = NULL;

  if (cli_through (on_media, NULL, NULL, "--version", NULL, NULL, NULL) != 0)
    cr_skip_test ("no mount namespace here (unshare --mount needs root)");
  /* a commit left in the WAL, as a killed writer leaves it */
  cr_assert_eq (sqlite3_open (path, &db), SQLITE_OK);
  cr_assert_eq (sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL), SQLITE_OK);
  cr_assert_eq (sqlite3_exec (db, "PRAGMA wal_autocheckpoint = 0;"
                                  "INSERT INTO codes (name, created) VALUES ('Safe at the gurdwara', '2026-12-04T21:00:00Z')",
                              NULL, NULL, NULL), SQLITE_OK);
  cr_assert_eq (sqlite3_close (db), SQLITE_OK);
  cr_assert (g_file_test (wal, G_FILE_TEST_EXISTS), "the commit is in the WAL");
  cr_assert_eq (g_unlink (shm), 0);
  before = listing (dir);

  cr_assert_eq (cli_through (on_media, &out, &err, "codes", path, NULL, NULL), 0, "%s", err);
  assert_contains (out, "Safe at the gurdwara");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  cr_assert_eq (cli_through (on_media, &out, &err, "docs", path, NULL, NULL), 0, "%s", err);
  cr_assert_str_eq (out, docs_line);
  g_clear_pointer (&err, g_free);
  cr_assert_eq (cli_through (on_media, NULL, &err, "codes", "add", path, "Feel/Safe"), 1);
  g_autofree char *expected = g_strdup_printf ("kith-cli: %s: the project is on read-only media; nothing was changed\n", path);
  cr_assert_str_eq (err, expected);
  assert_unchanged (dir, before);
}
