/* kith-test-util.c */
#include "kith-config.h"

#include <archive.h>
#include <archive_entry.h>
#include <criterion/criterion.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <iconv.h>
#include <stdarg.h>
#include <string.h>

#include "kith-documents.h"
#include "kith-codes.h"
#include "kith-codings.h"
#include "kith-db-private.h"
#include "kith-import.h"
#include "kith-summary.h"
#include "kith-test-util.h"

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_unlink (path);
      return;
    }
  g_chmod (path, 0700);
  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
  g_rmdir (path);
}

static GPtrArray *tmpdirs;

static void
remove_tmpdirs (void)
{
  for (guint i = 0; tmpdirs != NULL && i < tmpdirs->len; i++)
    remove_tree (g_ptr_array_index (tmpdirs, i));
  g_clear_pointer (&tmpdirs, g_ptr_array_unref);
}

char *
kt_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("kith-test-XXXXXX", &error);

  cr_assert_not_null (dir, "cannot make a temporary folder: %s", error ? error->message : "?");
  if (tmpdirs == NULL)
    {
      tmpdirs = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_tmpdirs);
    }
  g_ptr_array_add (tmpdirs, g_strdup (dir));
  return dir;
}

KithProject *
kt_new_project (char **path)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "test.kith", NULL);
  g_autoptr(GError) error = NULL;
  KithProject *project = kith_project_create (file, &error);

  cr_assert_not_null (project, "cannot create a project: %s", error ? error->message : "?");
  kith_project_set_coder (project, "Test Coder");
  if (path != NULL)
    *path = g_steal_pointer (&file);
  return project;
}

void
kt_write_file (const char *path,
               const void *data,
               gssize      len)
{
  g_autoptr(GError) error = NULL;

  if (len < 0)
    len = (gssize) strlen (data);
  cr_assert (g_file_set_contents (path, data, len, &error), "cannot write %s: %s", path,
             error ? error->message : "?");
}

char *
kt_read_file (const char *path,
              gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  cr_assert (g_file_get_contents (path, &contents, len, &error), "cannot read %s: %s", path,
             error ? error->message : "?");
  return contents;
}

char *
kt_sha256_file (const char *path)
{
  gsize len = 0;
  g_autofree char *data = kt_read_file (path, &len);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

char *
kt_sample (const char *name)
{
  return g_build_filename (KITH_SAMPLES_DIR, name, NULL);
}

static int
run_cli (const char *input, char **out, char **err, va_list args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) out_bytes = NULL;
  g_autoptr(GBytes) err_bytes = NULL;
  g_autoptr(GBytes) in_bytes = NULL;
  const char *cli = g_getenv ("KITH_CLI");
  const char *arg;

  cr_assert_not_null (cli, "KITH_CLI is not set (run the tests with meson test)");
  g_ptr_array_add (argv, (gpointer) cli);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE
                                        | G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_subprocess_launcher_setenv (launcher, "KITH_CODER", "Test Coder", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  cr_assert_not_null (process, "cannot run %s: %s", cli, error ? error->message : "?");
  /* with a stdin pipe GIO needs bytes to send, even none */
  in_bytes = g_bytes_new (input != NULL ? input : "", input != NULL ? strlen (input) : 0);
  cr_assert (g_subprocess_communicate (process, in_bytes, NULL, &out_bytes, &err_bytes, &error),
             "kith-cli failed to run: %s", error ? error->message : "?");
  /* empty output is "", not NULL */
  if (out != NULL)
    *out = g_strndup (g_bytes_get_size (out_bytes) > 0 ? g_bytes_get_data (out_bytes, NULL) : "",
                      g_bytes_get_size (out_bytes));
  if (err != NULL)
    *err = g_strndup (g_bytes_get_size (err_bytes) > 0 ? g_bytes_get_data (err_bytes, NULL) : "",
                      g_bytes_get_size (err_bytes));
  cr_assert (g_subprocess_get_if_exited (process), "kith-cli did not exit normally (signal %d)",
             g_subprocess_get_if_signaled (process) ? g_subprocess_get_term_sig (process) : 0);
  return g_subprocess_get_exit_status (process);
}

int
kt_cli (char **out,
        char **err,
        ...)
{
  va_list args;
  int status;

  va_start (args, err);
  status = run_cli (NULL, out, err, args);
  va_end (args);
  return status;
}

int
kt_cli_with_input (const char *input,
                   char      **out,
                   char      **err,
                   ...)
{
  va_list args;
  int status;

  va_start (args, err);
  status = run_cli (input, out, err, args);
  va_end (args);
  return status;
}

GBytes *
kt_encode (const char *text,
           const char *encoding)
{
  g_autoptr(GError) error = NULL;
  gsize written = 0;
  char *bytes = g_convert (text, -1, encoding, "UTF-8", NULL, &written, &error);

  cr_assert_not_null (bytes, "cannot encode fixture as %s: %s", encoding, error ? error->message : "?");
  return g_bytes_new_take (bytes, written);
}

gint64
kt_count (KithProject *project,
          const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  cr_assert_eq (sqlite3_prepare_v2 (kith_project_get_db (project), sql, -1, &stmt, NULL), SQLITE_OK,
                "bad test SQL: %s", sql);
  cr_assert_eq (sqlite3_step (stmt), SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

gint64
kt_import_text (KithProject *project,
                const char  *name,
                const char  *text)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(KithImportResult) result = NULL;

  kt_write_file (path, text, -1);
  result = kith_import_file (project, path, NULL);
  cr_assert_eq (result->status, KITH_IMPORT_IMPORTED, "%s", result->message);
  return result->document_id;
}

void
kt_write_zip (const char       *path,
              const KtZipEntry *entries,
              gsize             n_entries,
              const char       *passphrase)
{
  struct archive *a = archive_write_new ();

  cr_assert_eq (archive_write_set_format_zip (a), ARCHIVE_OK);
  if (passphrase != NULL)
    {
      cr_assert_eq (archive_write_set_options (a, "zip:encryption=zipcrypt"), ARCHIVE_OK, "%s", archive_error_string (a));
      cr_assert_eq (archive_write_set_passphrase (a, passphrase), ARCHIVE_OK);
    }
  cr_assert_eq (archive_write_open_filename (a, path), ARCHIVE_OK, "%s", archive_error_string (a));
  for (gsize i = 0; i < n_entries; i++)
    {
      struct archive_entry *entry = archive_entry_new ();
      gsize len = entries[i].len < 0 ? strlen (entries[i].data) : (gsize) entries[i].len;

      if (entries[i].stored)
        archive_write_zip_set_compression_store (a);
      else
        archive_write_zip_set_compression_deflate (a);
      archive_entry_set_pathname (entry, entries[i].name);
      archive_entry_set_filetype (entry, AE_IFREG);
      archive_entry_set_perm (entry, 0644);
      archive_entry_set_size (entry, (la_int64_t) len);
      cr_assert_eq (archive_write_header (a, entry), ARCHIVE_OK, "%s", archive_error_string (a));
      cr_assert_eq (archive_write_data (a, entries[i].data, len), (la_ssize_t) len);
      archive_entry_free (entry);
    }
  cr_assert_eq (archive_write_close (a), ARCHIVE_OK);
  archive_write_free (a);
}

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

void
kt_write_docx (const char *path,
               const char *body,
               const char *footnotes)
{
  g_autofree char *document = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                                               "<w:document " W_NS "><w:body>%s</w:body></w:document>", body);
  g_autofree char *notes = footnotes != NULL
    ? g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<w:footnotes " W_NS ">%s</w:footnotes>", footnotes)
    : NULL;
  const KtZipEntry entries[] = {
    { "[Content_Types].xml", KT_DOCX_CONTENT_TYPES, -1, FALSE },
    { "word/document.xml", document, -1, FALSE },
    { "word/footnotes.xml", notes, -1, FALSE },
  };

  kt_write_zip (path, entries, notes != NULL ? 3 : 2, NULL);
}

void
kt_write_odt (const char *path,
              const char *text)
{
  g_autofree char *content = g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\">"
    "<office:body><office:text>%s</office:text></office:body></office:document-content>", text);
  const KtZipEntry entries[] = {
    { "mimetype", "application/vnd.oasis.opendocument.text", -1, TRUE },
    { "content.xml", content, -1, FALSE },
  };

  kt_write_zip (path, entries, G_N_ELEMENTS (entries), NULL);
}

gint64
kt_offset_of (const char *text,
              const char *needle)
{
  const char *at = strstr (text, needle);

  cr_assert_not_null (at, "“%s” not found", needle);
  return g_utf8_pointer_to_offset (text, at);
}

double
kt_text_advance (cairo_t *cr, const char *text)
{
  cairo_text_extents_t extents;

  cairo_text_extents (cr, text, &extents);
  return extents.x_advance;
}

void
kt_show_text_at (cairo_t *cr, double x, double baseline, const char *text)
{
  cairo_move_to (cr, x, baseline);
  cairo_show_text (cr, text);
}

char *
kt_without_marks (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "|", -1);

  return g_strjoinv ("", parts);
}

char *
kt_document_text (KithProject *project,
                  gint64       id)
{
  g_autoptr(GError) error = NULL;
  char *text = kith_documents_dup_text (project, id, NULL, &error);

  cr_assert_not_null (text, "the text of document %" G_GINT64_FORMAT ": %s", id, error ? error->message : "");
  return text;
}

void
kt_code_text (KithProject *project,
              gint64       doc,
              const char  *text,
              const char  *passage,
              gint64       code_id)
{
  g_autoptr(GError) error = NULL;
  const char *at = strstr (text, passage);
  gint64 start;

  cr_assert_not_null (at, "“%s” not in the document", passage);
  start = g_utf8_pointer_to_offset (text, at);
  cr_assert_neq (kith_codings_add (project, doc, code_id, start, start + g_utf8_strlen (passage, -1), NULL,
                                   KITH_ORIGIN_MANUAL, &error), 0, "%s", error ? error->message : "");
}

gint64
kt_framework_code (KithProject *project,
                   const char  *path,
                   const char  *goal,
                   const char  *dimension,
                   const char  *outcome)
{
  g_autoptr(GError) error = NULL;
  gint64 id = kith_codes_ensure_path (project, path, &error);

  cr_assert_neq (id, 0, "%s", error ? error->message : "");
  cr_assert (kith_codes_set_framework (project, id, goal, dimension, outcome, &error));
  return id;
}

void
kt_exec_sql (KithProject *project,
             const char  *sql)
{
  char *message = NULL;

  cr_assert_eq (sqlite3_exec (kith_project_get_db (project), sql, NULL, NULL, &message), SQLITE_OK,
                "%s: %s", sql, message);
}

KithSummary *
kt_summarise (KithProject              *project,
              const KithSummaryOptions *options)
{
  g_autoptr(GError) error = NULL;
  KithSummary *summary = kith_summary_compute (project, options, &error);

  cr_assert_not_null (summary, "%s", error ? error->message : "");
  return summary;
}

void
kt_write_old_project (const char *path,
                      int         version)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *app_id = g_strdup_printf ("PRAGMA application_id = %d", KITH_APPLICATION_ID);
  sqlite3 *db = NULL;

  cr_assert_eq (sqlite3_open (path, &db), SQLITE_OK);
  cr_assert_eq (sqlite3_exec (db, app_id, NULL, NULL, NULL), SQLITE_OK);
  cr_assert_eq (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
  cr_assert (kith_schema_migrate (db, 0, version, &error), "%s", error ? error->message : "");
  /* as the Kith of that version wrote it: with its undo triggers */
  cr_assert (kith_history_install_triggers (db, &error), "%s", error ? error->message : "");
  cr_assert_eq (sqlite3_exec (db,
      "INSERT INTO coders (id, name, created) VALUES (1, 'Ayesha', '2025-01-01T00:00:00Z');"
      "INSERT INTO documents (id, name, kind, original_name, format, size, sha256, encoding, char_count, byte_count, imported)"
      " VALUES (1, 'old.txt', 'notes', 'old.txt', 'text', 11, 'abc', 'UTF-8', 11, 11, '2025-01-01T00:00:00Z');"
      "INSERT INTO document_texts (document_id, text) VALUES (1, CAST ('I feel safe' AS BLOB));"
      "INSERT INTO codes (id, name, created) VALUES (1, 'Safe', '2025-01-01T00:00:00Z');"
      "INSERT INTO codings (document_id, code_id, start_pos, end_pos, coder_id, created)"
      " VALUES (1, 1, 2, 11, 1, '2025-01-01T00:00:00Z');"
      "COMMIT;", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
  g_chmod (path, 0600);
}
