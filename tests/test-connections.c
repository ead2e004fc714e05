/* test-connections.c — several connections to one project in one process
 * (the desktop app's window, its document loader, its background import)
 * and another process (kith-cli) at the same time: nothing written by one
 * may be lost to the others.
 *
 * SQLite's locks are POSIX advisory locks, which a process loses on *every*
 * descriptor of a file as soon as it closes *any* descriptor of it. Opening
 * a second connection must therefore never open and close the project file
 * behind SQLite's back; if it did, another process closing its connection
 * would find no reader left, checkpoint and delete the WAL, and what the
 * first connection commits afterwards would go to a deleted file. */
#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kith-codes.h"
#include "kith-import.h"
#include "kith-test-util.h"

static gboolean
cli_lists_code (const char *path, const char *code)
{
  g_autofree char *out = NULL;

  cr_assert_eq (kt_cli (&out, NULL, "codes", path, NULL), 0);
  return strstr (out, code) != NULL;
}

Test (connections, a_second_connection_keeps_the_first_ones_locks)
{
  g_autofree char *path = NULL;
  g_autoptr(KithProject) window = kt_new_project (&path);
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = NULL;

  cr_assert_neq (kith_codes_add_path (window, "Feel/Safe", NULL, NULL, &error), 0);
  /* a background task opens and closes its own connection */
  {
    g_autoptr(KithProject) loader = kith_project_open (path, KITH_OPEN_READ_ONLY, &error);
    cr_assert_not_null (loader, "%s", error ? error->message : "");
  }
  /* another process comes, writes and goes */
  cr_assert_eq (kt_cli (NULL, NULL, "codes", "add", path, "Do/Take part", NULL), 0);
  cr_assert (cli_lists_code (path, "Feel/Safe"));
  wal = g_strconcat (path, "-wal", NULL);
  cr_assert (g_file_test (wal, G_FILE_TEST_EXISTS),
             "the WAL of a project still open must not be deleted by a process that closes");
  /* what the first connection commits now, the others see */
  cr_assert_neq (kith_codes_add_path (window, "Feel/Lonely", NULL, NULL, &error), 0);
  cr_assert (cli_lists_code (path, "Feel/Lonely"), "a commit after the others came and went is not lost");
}

Test (connections, importing_the_project_into_itself_reads_nothing)
{
  g_autofree char *path = NULL;
  g_autoptr(KithProject) project = kt_new_project (&path);
  const char *paths[] = { path, NULL };
  g_autoptr(GPtrArray) results = kith_import_paths (project, paths, NULL);
  KithImportResult *r = g_ptr_array_index (results, 0);

  cr_assert_eq (results->len, 1);
  cr_assert_eq (r->status, KITH_IMPORT_SKIPPED);
  cr_assert_str_eq (r->message, "this is the project itself");
}
