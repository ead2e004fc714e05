/* test-store.c — the project file: creation, refusal, migration, transactions */
#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "kith-codes.h"
#include "kith-db-private.h"
#include "kith-documents.h"
#include "kith-import.h"
#include "kith-test-util.h"

static int
file_mode (const char *path)
{
  GStatBuf st;

  cr_assert_eq (g_stat (path, &st), 0, "%s does not exist", path);
  return st.st_mode & 0777;
}

static gint64
pragma_int (KithProject *project, const char *pragma)
{
  gint64 v = -1;
  g_autoptr(GError) error = NULL;

  cr_assert (kith_db_query_int (project, pragma, 0, -1, &v, &error), "%s", error ? error->message : "");
  return v;
}

static char *
pragma_str (KithProject *project, const char *pragma)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  cr_assert_eq (sqlite3_prepare_v2 (kith_project_get_db (project), pragma, -1, &stmt, NULL), SQLITE_OK);
  cr_assert_eq (sqlite3_step (stmt), SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

Test (store, create_is_private_wal_and_versioned)
{
  g_autofree char *path = NULL;
  g_autoptr(KithProject) project = kt_new_project (&path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *mode = pragma_str (project, "PRAGMA journal_mode");
  g_autoptr(GError) error = NULL;

  cr_assert_eq (file_mode (path), 0600);
  cr_assert_str_eq (mode, "wal");
  cr_assert_eq (pragma_int (project, "PRAGMA foreign_keys"), 1);
  cr_assert_eq (pragma_int (project, "PRAGMA user_version"), kith_project_schema_version ());
  cr_assert_eq (pragma_int (project, "PRAGMA application_id"), KITH_APPLICATION_ID);
  cr_assert_eq (pragma_int (project, "PRAGMA synchronous"), 2, "synchronous must be FULL");

  /* a write creates the WAL files, which must be private too */
  cr_assert_neq (kith_codes_add_path (project, "Feel/Safe", NULL, NULL, &error), 0);
  cr_assert_eq (file_mode (wal), 0600);
  cr_assert_eq (file_mode (shm), 0600);
  cr_assert (kith_project_check_integrity (project, &error));
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM meta WHERE key = 'created'"), 1);
}

Test (store, create_never_overwrites)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "notes.kith", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithProject) project = NULL;
  g_autofree char *after = NULL;

  kt_write_file (path, "my precious notes", -1);
  project = kith_project_create (path, &error);
  cr_assert_null (project);
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_EXISTS));
  cr_assert (strstr (error->message, "notes.kith") != NULL, "message names the file: %s", error->message);
  after = kt_read_file (path, NULL);
  cr_assert_str_eq (after, "my precious notes");
}

Test (store, open_missing_project)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "nowhere.kith", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithProject) project = kith_project_open (path, KITH_OPEN_DEFAULT, &error);

  cr_assert_null (project);
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_NOT_FOUND));
  cr_assert (strstr (error->message, "nowhere.kith") != NULL);
  cr_assert_not (g_file_test (path, G_FILE_TEST_EXISTS), "opening must not create the file");
}

Test (store, refuses_a_text_file_untouched)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "essay.kith", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithProject) project = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  kt_write_file (path, "This is an essay, not a database.\n", -1);
  before = kt_sha256_file (path);
  project = kith_project_open (path, KITH_OPEN_DEFAULT, &error);
  cr_assert_null (project);
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_NOT_A_PROJECT));
  cr_assert (strstr (error->message, "essay.kith: not a Kith project") != NULL, "%s", error->message);
  after = kt_sha256_file (path);
  cr_assert_str_eq (before, after);
}

Test (store, refuses_another_programs_database_untouched)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "other.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithProject) project = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db = NULL;

  cr_assert_eq (sqlite3_open (path, &db), SQLITE_OK);
  cr_assert_eq (sqlite3_exec (db, "CREATE TABLE birds (name TEXT); INSERT INTO birds VALUES ('robin');",
                              NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
  before = kt_sha256_file (path);
  project = kith_project_open (path, KITH_OPEN_DEFAULT, &error);
  cr_assert_null (project);
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_NOT_A_PROJECT));
  cr_assert (strstr (error->message, "another program") != NULL, "%s", error->message);
  after = kt_sha256_file (path);
  cr_assert_str_eq (before, after);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    cr_assert_not (g_file_test (wal, G_FILE_TEST_EXISTS));
  }
}

Test (store, refuses_a_newer_project_untouched)
{
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithProject) newer = NULL;
  sqlite3 *db = NULL;

  g_object_unref (kt_new_project (&path));
  cr_assert_eq (sqlite3_open (path, &db), SQLITE_OK);
  sql = g_strdup_printf ("PRAGMA user_version = %d", kith_project_schema_version () + 1);
  cr_assert_eq (sqlite3_exec (db, sql, NULL, NULL, NULL), SQLITE_OK);
  cr_assert_eq (sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);

  before = kt_sha256_file (path);
  newer = kith_project_open (path, KITH_OPEN_DEFAULT, &error);
  cr_assert_null (newer);
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_NEWER_PROJECT));
  cr_assert (strstr (error->message, "newer version of Kith") != NULL, "%s", error->message);
  cr_assert (strstr (error->message, "was not changed") != NULL, "%s", error->message);
  after = kt_sha256_file (path);
  cr_assert_str_eq (before, after);
}

Test (store, opens_and_migrates_every_older_schema)
{
  for (int version = 1; version <= kith_project_schema_version (); version++)
    {
      g_autofree char *dir = kt_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "study.kith", NULL);
      g_autofree char *backup = g_strdup_printf ("%s/study.before-v%d.kith", dir, kith_project_schema_version ());
      g_autoptr(GError) error = NULL;
      g_autoptr(KithProject) project = NULL;
      g_autofree char *text = NULL;

      kt_write_old_project (path, version);
      project = kith_project_open (path, KITH_OPEN_DEFAULT, &error);
      cr_assert_not_null (project, "version %d: %s", version, error ? error->message : "");
      cr_assert_eq (pragma_int (project, "PRAGMA user_version"), kith_project_schema_version ());
      text = kith_documents_dup_text (project, 1, NULL, &error);
      cr_assert_str_eq (text, "I feel safe");
      cr_assert_eq (kt_count (project, "SELECT count(*) FROM codings WHERE start_pos = 2 AND end_pos = 11"), 1);
      cr_assert (kith_project_check_integrity (project, &error), "%s", error ? error->message : "");
      if (version < kith_project_schema_version ())
        {
          cr_assert (g_file_test (backup, G_FILE_TEST_EXISTS), "no backup before migrating from %d", version);
          cr_assert_eq (file_mode (backup), 0600);
        }
      else
        cr_assert_not (g_file_test (backup, G_FILE_TEST_EXISTS), "a current project needs no backup");
    }
}

Test (store, refuses_a_database_without_schema)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.kith", NULL);
  g_autofree char *app_id = g_strdup_printf ("PRAGMA application_id = %d; CREATE TABLE x (y);", KITH_APPLICATION_ID);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithProject) project = NULL;
  sqlite3 *db = NULL;

  cr_assert_eq (sqlite3_open (path, &db), SQLITE_OK);
  cr_assert_eq (sqlite3_exec (db, app_id, NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
  project = kith_project_open (path, KITH_OPEN_DEFAULT, &error);
  cr_assert_null (project);
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_NOT_A_PROJECT), "%s", error->message);
}

Test (store, rollback_leaves_nothing)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;

  cr_assert (kith_project_begin (project, &error));
  cr_assert_neq (kith_codes_add_path (project, "Think/Know support", NULL, NULL, &error), 0);
  /* a nested change rolled back on its own */
  cr_assert (kith_project_begin (project, &error));
  cr_assert_neq (kith_codes_add_path (project, "Feel/Lonely", NULL, NULL, &error), 0);
  kith_project_rollback (project);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM codes"), 2, "outer change kept, inner undone");
  kith_project_rollback (project);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM codes"), 0);
  cr_assert_not (kith_project_in_transaction (project));
}

static void
count_change (int *changed)
{
  (*changed)++;
}

Test (store, changed_signal_after_commit)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;
  int changed = 0;

  g_signal_connect_swapped (project, "changed", G_CALLBACK (count_change), &changed);
  cr_assert_neq (kith_codes_add_path (project, "Do/Take part", NULL, NULL, &error), 0);
  cr_assert_eq (changed, 1);
}

Test (store, read_only_project_refuses_changes)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithProject) ro = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  {
    g_autoptr(KithProject) project = kt_new_project (&path);
    cr_assert_neq (kith_codes_add_path (project, "Feel/Safe", NULL, NULL, &error), 0);
  }
  cr_assert_eq (g_chmod (path, 0400), 0);
  before = kt_sha256_file (path);
  ro = kith_project_open (path, KITH_OPEN_DEFAULT, &error);
  cr_assert_not_null (ro, "a read-only project still opens for reading: %s", error ? error->message : "");
  cr_assert (kith_project_is_read_only (ro));
  codes = kith_codes_list (ro, &error);
  cr_assert_eq (codes->len, 2);
  cr_assert_eq (kith_codes_add_path (ro, "Do/Volunteer", NULL, NULL, &error), 0);
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_READ_ONLY), "%s", error->message);
  cr_assert (strstr (error->message, "test.kith") != NULL);
  g_clear_object (&ro);
  after = kt_sha256_file (path);
  cr_assert_str_eq (before, after);
}

Test (store, busy_project_reports_and_recovers)
{
  g_autofree char *path = NULL;
  g_autoptr(KithProject) project = kt_new_project (&path);
  g_autoptr(GError) error = NULL;
  sqlite3 *other = NULL;

  /* another process holding the write lock */
  cr_assert_eq (sqlite3_open (path, &other), SQLITE_OK);
  cr_assert_eq (sqlite3_exec (other, "BEGIN IMMEDIATE; INSERT INTO meta VALUES ('other', 'x');", NULL, NULL, NULL), SQLITE_OK);
  kith_project_set_busy_timeout (project, 100);
  cr_assert_eq (kith_codes_add_path (project, "Feel/Safe", NULL, NULL, &error), 0);
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_BUSY), "%s", error->message);
  cr_assert (strstr (error->message, "another program is writing") != NULL);
  cr_assert_not (kith_project_in_transaction (project));

  cr_assert_eq (sqlite3_exec (other, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (other);
  g_clear_error (&error);
  cr_assert_neq (kith_codes_add_path (project, "Feel/Safe", NULL, NULL, &error), 0);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM meta WHERE key = 'other'"), 1,
                "the other writer's change is visible");
}

Test (store, full_disk_keeps_everything_committed)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *small = g_build_filename (dir, "small.txt", NULL);
  g_autofree char *big = g_build_filename (dir, "big.txt", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithImportResult) first = NULL;
  g_autoptr(KithImportResult) second = NULL;
  gint64 pages = 0;

  {
    g_autoptr(KithProject) project = kt_new_project (&path);
    kt_write_file (small, "Interviewer: Hello.\nRuth: I feel at home in Tipton.\n", -1);
    first = kith_import_file (project, small, NULL);
    cr_assert_eq (first->status, KITH_IMPORT_IMPORTED, "%s", first->message);

    /* the disk fills up: SQLite cannot grow the file past this many pages */
    cr_assert (kith_db_query_int (project, "PRAGMA page_count", 0, 0, &pages, &error));
    {
      g_autofree char *limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages + 2);
      cr_assert_eq (sqlite3_exec (kith_project_get_db (project), limit, NULL, NULL, NULL), SQLITE_OK);
    }
    for (int i = 0; i < 20000; i++)
      g_string_append_printf (text, "Line %d of a long set of workshop notes from Bilston.\n", i);
    kt_write_file (big, text->str, (gssize) text->len);
    second = kith_import_file (project, big, NULL);
    cr_assert_eq (second->status, KITH_IMPORT_FAILED);
    cr_assert_eq (second->error_code, KITH_ERROR_DISK_FULL, "%s", second->message);
    cr_assert (strstr (second->message, "disk is full") != NULL, "%s", second->message);
  }
  {
    g_autoptr(KithProject) again = kith_project_open (path, KITH_OPEN_DEFAULT, &error);
    g_autofree char *stored = NULL;
    cr_assert_not_null (again, "%s", error ? error->message : "");
    cr_assert (kith_project_check_integrity (again, &error), "%s", error ? error->message : "");
    cr_assert_eq (kt_count (again, "SELECT count(*) FROM documents"), 1);
    cr_assert_eq (kt_count (again, "SELECT count(*) FROM document_texts"), 1);
    stored = kith_documents_dup_text (again, first->document_id, NULL, &error);
    cr_assert_str_eq (stored, "Interviewer: Hello.\nRuth: I feel at home in Tipton.\n");
  }
}

Test (store, codings_cannot_run_past_the_text)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  sqlite3 *db = kith_project_get_db (project);

  cr_assert_eq (sqlite3_exec (db,
      "INSERT INTO coders (id, name, created) VALUES (1, 'x', 'now');"
      "INSERT INTO documents (id, name, kind, original_name, format, size, sha256, encoding, char_count, byte_count, imported)"
      " VALUES (1, 'a', 'notes', 'a', 'text', 3, 'h', 'UTF-8', 3, 3, 'now');"
      "INSERT INTO codes (id, name, created) VALUES (1, 'c', 'now');", NULL, NULL, NULL), SQLITE_OK);
  cr_assert_neq (sqlite3_exec (db, "INSERT INTO codings (document_id, code_id, start_pos, end_pos, coder_id, created)"
                                   " VALUES (1, 1, 0, 4, 1, 'now')", NULL, NULL, NULL), SQLITE_OK);
  cr_assert_neq (sqlite3_exec (db, "INSERT INTO codings (document_id, code_id, start_pos, end_pos, coder_id, created)"
                                   " VALUES (1, 1, 2, 2, 1, 'now')", NULL, NULL, NULL), SQLITE_OK);
  cr_assert_eq (sqlite3_exec (db, "INSERT INTO codings (document_id, code_id, start_pos, end_pos, coder_id, created)"
                                  " VALUES (1, 1, 0, 3, 1, 'now')", NULL, NULL, NULL), SQLITE_OK);
  cr_assert_neq (sqlite3_exec (db, "UPDATE codings SET end_pos = 9", NULL, NULL, NULL), SQLITE_OK);
}

/* ---- a writer of many documents ------------------------------------------ */

static gint64
insert_with (KithDocumentsWriter *writer,
             const char          *name,
             const char          *sha256,
             const char          *text,
             gsize                memory_limit,
             guint                n_turns)
{
  g_autoptr(KithDocument) doc = kith_document_new ();
  g_autoptr(GPtrArray) turns = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_turn_free);
  g_autoptr(GError) error = NULL;
  KithSpool *spool = kith_spool_new (memory_limit);
  gint64 id;

  for (guint i = 0; i < n_turns; i++)
    {
      KithTurn *turn = kith_turn_new ();
      turn->start = i;
      turn->speech_start = i;
      turn->end = i + 1;
      turn->speaker = g_strdup (i % 2 == 0 ? "Interviewer" : "Precious");
      turn->timestamp_ms = i == 0 ? 1500 : -1;
      g_ptr_array_add (turns, turn);
    }
  cr_assert (kith_spool_write (spool, text, strlen (text), &error));
  doc->name = g_strdup (name);
  doc->kind = g_strdup ("transcript");
  doc->sha256 = g_strdup (sha256);
  doc->size = (gint64) strlen (text);
  doc->char_count = g_utf8_strlen (text, -1);
  id = kith_documents_writer_insert (writer, doc, spool, turns, &error);
  cr_assert_gt (id, 0, "%s", error ? error->message : "");
  kith_spool_free (spool);
  return id;
}

Test (store, documents_writer_reuses_its_statements)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(KithDocumentsWriter) writer = kith_documents_writer_new (project);
  g_autoptr(GError) error = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *second_text = NULL;
  g_autofree char *name = NULL;
  const char *text = "Interviewer: How is the Darlaston hub?\nPrecious: Warmer than home.\n";
  gint64 first, second;

  /* 40 turns: one statement of 32 rows, then eight of one; the second text
   * spills to disk (a spool of 8 bytes) and goes in through blob I/O */
  first = insert_with (writer, "notes.txt", "aa01", text, 1024, 40);
  second = insert_with (writer, "notes.txt", "bb02", "Ffion: Hello from Rowley Regis.\n", 8, 3);
  cr_assert_eq (second, first + 1);
  cr_assert_eq (kith_documents_writer_find_sha256 (writer, "bb02", &name, &error), second);
  cr_assert_str_eq (name, "notes (2).txt");
  cr_assert_eq (kith_documents_writer_find_sha256 (writer, "cc03", NULL, &error), 0);
  cr_assert_eq (kith_documents_writer_find_sha256 (writer, "aa01", NULL, &error), first);

  first_text = kith_documents_dup_text (project, first, NULL, &error);
  second_text = kith_documents_dup_text (project, second, NULL, &error);
  cr_assert_str_eq (first_text, text);
  cr_assert_str_eq (second_text, "Ffion: Hello from Rowley Regis.\n");
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM turns WHERE document_id = (SELECT min(id) FROM documents)"), 40);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM turns WHERE speaker = 'Precious'"), 21);
  cr_assert_eq (kt_count (project, "SELECT timestamp_ms FROM turns ORDER BY id LIMIT 1"), 1500);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM turns WHERE timestamp_ms IS NULL"), 41);
  cr_assert_eq (kt_count (project, "SELECT end_pos FROM turns WHERE document_id = (SELECT min(id) FROM documents) "
                                   "ORDER BY id DESC LIMIT 1"), 40);

  /* a kept statement left on a row would hold a read transaction open */
  for (sqlite3_stmt *s = sqlite3_next_stmt (kith_project_get_db (project), NULL); s != NULL;
       s = sqlite3_next_stmt (kith_project_get_db (project), s))
    cr_assert_not (sqlite3_stmt_busy (s), "still running: %s", sqlite3_sql (s));
}
