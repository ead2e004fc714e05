/* test-import.c — importing files and folders; every bad input refused cleanly */
#include "kith-config.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kith-documents.h"
#include "kith-import.h"
#include "kith-test-util.h"

static KithImportResult *
result_for (GPtrArray *results, const char *basename)
{
  for (guint i = 0; i < results->len; i++)
    {
      KithImportResult *r = g_ptr_array_index (results, i);
      g_autofree char *name = g_path_get_basename (r->path);
      if (g_str_equal (name, basename))
        return r;
    }
  cr_assert_fail ("no result for %s", basename);
  return NULL;
}

static GPtrArray *
import_folder (KithProject *project, const char *folder, const KithImportOptions *options)
{
  const char *paths[] = { folder, NULL };

  return kith_import_paths (project, paths, options);
}

/* The UTF-8 a legacy-encoded sample should become: converted by GLib, CRLF to LF. */
static char *
expected_sample_text (const char *name, const char *encoding, gsize skip)
{
  g_autofree char *path = kt_sample (name);
  gsize len = 0;
  g_autofree char *raw = kt_read_file (path, &len);
  g_autoptr(GError) error = NULL;
  g_autofree char *utf8 = g_convert (raw + skip, (gssize) (len - skip), "UTF-8", encoding, NULL, NULL, &error);
  g_auto(GStrv) lines = NULL;

  cr_assert_not_null (utf8, "%s", error ? error->message : "");
  lines = g_strsplit (utf8, "\r\n", -1);
  return g_strjoinv ("\n", lines);
}

Test (import, sample_folder)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GPtrArray) results = import_folder (project, KITH_SAMPLES_DIR, NULL);
  g_autoptr(GError) error = NULL;
  KithImportResult *smethwick, *alum_rock, *report, *workshop;
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  static const struct { const char *name; const char *format; const char *kind; guint turns; } formats[] = {
    { "community-forum-coventry.odt", "odt", "notes", 0 },
    { "funder-report-excerpt.txt", "text", "report", 0 },
    { "funder-report-stourbridge-2024.pdf", "pdf", "report", 0 },
    { "interview-01-smethwick.txt", "text", "transcript", 17 },
    { "interview-02-alum-rock.txt", "text", "transcript", 18 },
    { "interview-03-coventry.txt", "text", "transcript", 14 },
    { "interview-04-walsall.docx", "docx", "transcript", 12 },
    { "newsletter-tipton-community-hub.html", "html", "notes", 0 },
    { "otter-focus-group-solihull.srt", "srt", "transcript", 5 },
    { "survey-neighbourhoods-2025.csv", "csv", "survey", 0 },
    { "teams-meeting-sandwell.vtt", "webvtt", "transcript", 5 },
    { "workshop-notes-wolverhampton.md", "markdown", "notes", 0 },
  };

  /* every format Kith reads, in one folder, and the barometer baseline,
   * which is not a document */
  cr_assert_eq (results->len, G_N_ELEMENTS (formats) + 1);
  for (guint i = 0, j = 0; i < results->len; i++)
    {
      KithImportResult *r = g_ptr_array_index (results, i);
      g_autofree char *name = g_path_get_basename (r->path);
      if (g_str_equal (name, "barometers-inclusive-communities.tsv"))
        {
          cr_assert_eq (r->status, KITH_IMPORT_SKIPPED);
          cr_assert_str_eq (r->message, "a table of barometers: import it as barometers, not as a document");
          continue;
        }
      cr_assert_eq (r->status, KITH_IMPORT_IMPORTED, "%s: %s", r->path, r->message);
      cr_assert_str_eq (name, formats[j].name);
      cr_assert_str_eq (r->format, formats[j].format, "%s", name);
      cr_assert_str_eq (r->kind, formats[j].kind, "%s", name);
      cr_assert_eq (r->n_turns, formats[j].turns, "%s", name);
      j++;
    }
  /* the survey: one document per answer (one respondent left it blank), a case each */
  cr_assert_eq (result_for (results, "survey-neighbourhoods-2025.csv")->n_documents, 9);
  cr_assert_eq (result_for (results, "survey-neighbourhoods-2025.csv")->n_cases, 10);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM documents"), 20);
  smethwick = result_for (results, "interview-01-smethwick.txt");
  cr_assert_str_eq (smethwick->encoding, "WINDOWS-1252");
  cr_assert_str_eq (smethwick->kind, "transcript");
  cr_assert_eq (smethwick->n_speakers, 2);
  cr_assert_eq (smethwick->n_turns, 17);
  text = kith_documents_dup_text (project, smethwick->document_id, NULL, &error);
  expected = expected_sample_text ("interview-01-smethwick.txt", "WINDOWS-1252", 0);
  cr_assert_str_eq (text, expected);
  cr_assert (strstr (text, "I didn’t know where to go for help") != NULL);

  alum_rock = result_for (results, "interview-02-alum-rock.txt");
  cr_assert_str_eq (alum_rock->encoding, "UTF-16LE");
  cr_assert_str_eq (alum_rock->kind, "transcript");
  g_free (text);
  g_free (expected);
  text = kith_documents_dup_text (project, alum_rock->document_id, NULL, &error);
  expected = expected_sample_text ("interview-02-alum-rock.txt", "UTF-16LE", 2);
  cr_assert_str_eq (text, expected);

  report = result_for (results, "funder-report-excerpt.txt");
  cr_assert (report->reflowed, "the hard-wrapped report is reflowed");
  cr_assert_str_eq (report->kind, "report");
  g_free (text);
  text = kith_documents_dup_text (project, report->document_id, NULL, &error);
  cr_assert (strstr (text, "Participants most often described") != NULL, "hyphen removed");
  cr_assert (strstr (text, "similar experiences themselves") != NULL);
  cr_assert (strstr (text, "decision-makers") != NULL, "a real hyphen is kept");

  workshop = result_for (results, "workshop-notes-wolverhampton.md");
  cr_assert_str_eq (workshop->format, "markdown");
  cr_assert_not (workshop->reflowed);
}

Test (import, duplicates_are_reported_not_stored)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GPtrArray) first = import_folder (project, KITH_SAMPLES_DIR, NULL);
  g_autoptr(GPtrArray) again = import_folder (project, KITH_SAMPLES_DIR, NULL);
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *copy = g_build_filename (dir, "renamed-copy.txt", NULL);
  g_autofree char *original = kt_sample ("interview-03-coventry.txt");
  g_autofree char *bytes = NULL;
  gsize len = 0;
  g_autoptr(KithImportResult) dup = NULL;

  for (guint i = 0; i < again->len; i++)
    {
      KithImportResult *r = g_ptr_array_index (again, i);
      if (r->status == KITH_IMPORT_SKIPPED)
        continue;   /* the barometer baseline */
      cr_assert_eq (r->status, KITH_IMPORT_DUPLICATE, "%s", r->path);
      cr_assert_eq (r->document_id, ((KithImportResult *) g_ptr_array_index (first, i))->document_id);
    }
  bytes = kt_read_file (original, &len);
  kt_write_file (copy, bytes, (gssize) len);
  dup = kith_import_file (project, copy, NULL);
  cr_assert_eq (dup->status, KITH_IMPORT_DUPLICATE);
  cr_assert (strstr (dup->message, "“interview-03-coventry.txt”") != NULL, "%s", dup->message);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM documents"), 20);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM document_texts"), 20);
}

Test (import, same_name_in_two_folders)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *a = g_build_filename (dir, "walsall", NULL);
  g_autofree char *b = g_build_filename (dir, "wolverhampton", NULL);
  g_autofree char *fa = g_build_filename (a, "notes.txt", NULL);
  g_autofree char *fb = g_build_filename (b, "notes.txt", NULL);
  g_autoptr(GPtrArray) results = NULL;

  g_mkdir (a, 0700);
  g_mkdir (b, 0700);
  kt_write_file (fa, "Session notes from Walsall.\n", -1);
  kt_write_file (fb, "Session notes from Wolverhampton.\n", -1);
  results = import_folder (project, dir, NULL);
  cr_assert_eq (results->len, 2);
  cr_assert_str_eq (((KithImportResult *) g_ptr_array_index (results, 0))->document_name, "notes.txt");
  cr_assert_str_eq (((KithImportResult *) g_ptr_array_index (results, 1))->document_name, "notes (2).txt");
}

Test (import, folder_skips_what_it_cannot_import)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *photo = g_build_filename (dir, "photo.png", NULL);
  g_autofree char *hidden = g_build_filename (dir, ".hidden.txt", NULL);
  g_autofree char *notes = g_build_filename (dir, "notes.md", NULL);
  g_autofree char *log = g_build_filename (dir, "session.log", NULL);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(KithImportResult) explicit_log = NULL;

  kt_write_file (photo, "\x89PNG\r\n\x1a\n", 8);
  kt_write_file (hidden, "secret", -1);
  kt_write_file (notes, "# Notes\n\nTea and chat.\n", -1);
  kt_write_file (log, "A plain text log named .log\n", -1);
  results = import_folder (project, dir, NULL);
  cr_assert_eq (results->len, 3, "hidden files are left out");
  cr_assert_eq (result_for (results, "notes.md")->status, KITH_IMPORT_IMPORTED);
  cr_assert_eq (result_for (results, "photo.png")->status, KITH_IMPORT_SKIPPED);
  cr_assert_str_eq (result_for (results, "photo.png")->message, "Kith does not import .png files");
  cr_assert_eq (result_for (results, "session.log")->status, KITH_IMPORT_SKIPPED);
  /* named explicitly, a text file imports whatever its extension */
  explicit_log = kith_import_file (project, log, NULL);
  cr_assert_eq (explicit_log->status, KITH_IMPORT_IMPORTED, "%s", explicit_log->message);
}

Test (import, bad_files_leave_nothing_and_the_rest_imports)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *dir = kt_tmpdir ();
  static const struct { const char *name; const char *data; gssize len; int code; const char *message; } files[] = {
    { "a-good.txt", "Interviewer: Hi.\nBeata: Hello.\nInterviewer: Bye.\nBeata: Bye.\n", -1, -1, NULL },
    { "b-empty.txt", "", 0, KITH_ERROR_EMPTY, "the file is empty" },
    { "c-blank.txt", "\xEF\xBB\xBF  \r\n\r\n", -1, KITH_ERROR_EMPTY, "contains no text" },
    { "d-nul.txt", "Interviewer: Hi.\nBeata: Hel\0lo.\n", 32, KITH_ERROR_BINARY, "NUL byte (at byte 27)" },
    { "e-zip.txt", "PK\x03\x04\x14\0\0\0\x08\0", 10, KITH_ERROR_BINARY, "a ZIP archive" },
    /* chosen by content: a PDF whatever its name, and this one is damaged */
    { "f-pdf.txt", "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", -1, KITH_ERROR_CORRUPT, "the PDF is damaged" },
  };
  g_autoptr(GPtrArray) results = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i].name, NULL);
      kt_write_file (path, files[i].data, files[i].len);
    }
  results = import_folder (project, dir, NULL);
  cr_assert_eq (results->len, G_N_ELEMENTS (files));
  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      KithImportResult *r = result_for (results, files[i].name);
      if (files[i].message == NULL)
        {
          cr_assert_eq (r->status, KITH_IMPORT_IMPORTED, "%s: %s", files[i].name, r->message);
          continue;
        }
      cr_assert_eq (r->status, KITH_IMPORT_FAILED, "%s imported", files[i].name);
      cr_assert_eq (r->error_code, files[i].code, "%s: %s", files[i].name, r->message);
      cr_assert (strstr (r->message, files[i].message) != NULL, "%s: “%s”", files[i].name, r->message);
    }
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM documents"), 1);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM document_texts"), 1);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM turns"), 4);
}

/* What another connection sees of the project while an import runs. */
typedef struct
{
  const char *path;       /* the project file */
  gint64      seen_at_c;  /* documents another connection counted as c.txt began */
  gint64      seen;       /* and as e.txt began */
  gboolean    slept;
} BatchWatch;

static gint64
count_elsewhere (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  cr_assert_eq (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
  cr_assert_eq (sqlite3_prepare_v2 (db, "SELECT count(*) FROM documents", -1, &stmt, NULL), SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
watch_batches (const char *path, guint index, guint total, double fraction, gpointer data)
{
  BatchWatch *w = data;
  g_autofree char *name = g_path_get_basename (path);

  /* c.txt takes over a second: the batch of a and c is committed after it */
  if (g_str_equal (name, "c.txt") && !w->slept)
    {
      w->seen_at_c = count_elsewhere (w->path);
      w->slept = TRUE;
      g_usleep (G_USEC_PER_SEC * 11 / 10);
    }
  /* files are read one ahead of the one stored: e.txt begins once d.txt
   * is being stored, so c.txt and its batch are done */
  if (g_str_equal (name, "e.txt") && fraction == 0.0)
    w->seen = count_elsewhere (w->path);
}

Test (import, files_commit_in_batches_of_a_second)
{
  g_autofree char *path = NULL;
  g_autoptr(KithProject) project = kt_new_project (&path);
  g_autofree char *dir = kt_tmpdir ();
  static const char *const good = "Interviewer: Hi.\nBeata: Hello.\nInterviewer: Bye.\nBeata: Bye.\n";
  BatchWatch watch = { path, -1, -1, FALSE };
  KithImportOptions options;
  g_autoptr(GPtrArray) results = NULL;
  const char *names[] = { "a.txt", "c.txt", "d.txt", "e.txt" };

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file = g_build_filename (dir, names[i], NULL);
      g_autofree char *text = g_strdup_printf ("Visit %zu to Bilston.\n%s", i, good);
      kt_write_file (file, text, -1);
    }
  {
    g_autofree char *bad = g_build_filename (dir, "b.txt", NULL);
    kt_write_file (bad, "Interviewer: Hi.\nBeata: Hel\0lo.\n", 32);
  }
  kith_import_options_init (&options);
  options.progress = watch_batches;
  options.progress_data = &watch;
  results = import_folder (project, dir, &options);

  cr_assert_eq (result_for (results, "b.txt")->status, KITH_IMPORT_FAILED);
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    cr_assert_eq (result_for (results, names[i])->status, KITH_IMPORT_IMPORTED, "%s", names[i]);
  /* a waited in the open batch (no sync of its own); a and c, a batch past
   * its second, were committed before e began; the bad file between them
   * took only its own savepoint back */
  cr_assert_eq (watch.seen_at_c, 0);
  cr_assert_eq (watch.seen, 2);
  cr_assert_not (kith_project_in_transaction (project));
  cr_assert_eq (count_elsewhere (path), 4);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM turns"), 16);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM documents WHERE name = 'b.txt'"), 0);
}

Test (import, huge_file_is_refused_at_once)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "huge.txt", NULL);
  g_autoptr(KithImportResult) result = NULL;
  int fd = g_open (path, O_WRONLY | O_CREAT, 0600);
  gint64 started = g_get_monotonic_time ();

  /* sparse: no disk used */
  cr_assert (fd >= 0 && ftruncate (fd, (off_t) 2 * 1024 * 1024 * 1024) == 0);
  close (fd);
  result = kith_import_file (project, path, NULL);
  cr_assert_eq (result->status, KITH_IMPORT_FAILED);
  cr_assert_eq (result->error_code, KITH_ERROR_TOO_LARGE);
  cr_assert (strstr (result->message, "too large (2048 MB") != NULL, "%s", result->message);
  cr_assert_lt (g_get_monotonic_time () - started, 2 * G_USEC_PER_SEC, "refused without reading it");
}

Test (import, fifo_is_not_read)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "pipe.txt", NULL);
  g_autoptr(KithImportResult) result = NULL;

  cr_assert_eq (mkfifo (path, 0600), 0);
  result = kith_import_file (project, path, NULL);
  cr_assert_eq (result->status, KITH_IMPORT_FAILED);
  cr_assert_str_eq (result->message, "this is not a regular file");
}

/* ---- files that change under our feet ------------------------------------ */

typedef struct
{
  const char *victim;   /* file to change */
  const char *when;     /* while importing this file */
  double      after;    /* once progress passes this */
  int         action;   /* 0 delete, 1 append, 2 truncate, 3 cancel */
  GCancellable *cancellable;
  gboolean    done;
} Mischief;

static void
make_mischief (const char *path, guint index, guint total, double fraction, gpointer user_data)
{
  Mischief *m = user_data;

  if (m->done || !g_str_has_suffix (path, m->when) || fraction < m->after)
    return;
  m->done = TRUE;
  switch (m->action)
    {
    case 0:
      g_unlink (m->victim);
      break;
    case 1:
      {
        FILE *f = fopen (m->victim, "a");
        fputs ("One more line written while Kith was reading.\n", f);
        fclose (f);
      }
      break;
    case 2:
      cr_assert_eq (truncate (m->victim, 10), 0);
      break;
    default:
      g_cancellable_cancel (m->cancellable);
      break;
    }
}

static char *
big_text_file (const char *dir, const char *name)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char *path = g_build_filename (dir, name, NULL);

  /* several read chunks, so that progress is reported mid-file */
  for (int i = 0; text->len < 1024 * 1024; i++)
    g_string_append_printf (text, "Line %d: residents of Darlaston talked about trust and safety.\n", i);
  kt_write_file (path, text->str, (gssize) text->len);
  return path;
}

Test (import, file_deleted_before_its_turn)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *a = big_text_file (dir, "a.txt");
  g_autofree char *b = big_text_file (dir, "b.txt");
  g_autofree char *c = g_build_filename (dir, "c.txt", NULL);
  Mischief m = { b, "a.txt", 0.5, 0 };
  KithImportOptions options;
  g_autoptr(GPtrArray) results = NULL;

  kt_write_file (c, "Short notes from Oldbury.\n", -1);
  kith_import_options_init (&options);
  options.progress = make_mischief;
  options.progress_data = &m;
  results = import_folder (project, dir, &options);
  cr_assert (m.done);
  cr_assert_eq (result_for (results, "a.txt")->status, KITH_IMPORT_IMPORTED);
  cr_assert_eq (result_for (results, "b.txt")->status, KITH_IMPORT_FAILED);
  cr_assert_eq (result_for (results, "b.txt")->error_code, KITH_ERROR_NOT_FOUND);
  cr_assert (strstr (result_for (results, "b.txt")->message, "no such file") != NULL);
  cr_assert_eq (result_for (results, "c.txt")->status, KITH_IMPORT_IMPORTED);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM documents"), 2);
}

static void
assert_changed_mid_import (int action, double after)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *a = big_text_file (dir, "a.txt");
  Mischief m = { a, "a.txt", after, action };
  KithImportOptions options;
  g_autoptr(KithImportResult) result = NULL;
  g_autoptr(KithImportResult) retry = NULL;

  kith_import_options_init (&options);
  options.progress = make_mischief;
  options.progress_data = &m;
  result = kith_import_file (project, a, &options);
  cr_assert (m.done);
  cr_assert_eq (result->status, KITH_IMPORT_FAILED);
  cr_assert_eq (result->error_code, KITH_ERROR_CHANGED, "%s", result->message);
  cr_assert (strstr (result->message, "changed while it was being imported") != NULL);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM documents"), 0);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM turns"), 0);

  retry = kith_import_file (project, a, NULL);
  cr_assert_eq (retry->status, KITH_IMPORT_IMPORTED, "%s", retry->message);
}

Test (import, file_grows_while_read)
{
  assert_changed_mid_import (1, 0.5);  /* second pass */
}

Test (import, file_grows_during_first_pass)
{
  assert_changed_mid_import (1, 0.1);
}

Test (import, file_truncated_while_read)
{
  assert_changed_mid_import (2, 0.5);
}

Test (import, cancel_leaves_nothing)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *a = big_text_file (dir, "a.txt");
  g_autofree char *b = big_text_file (dir, "b.txt");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Mischief m = { NULL, "a.txt", 0.5, 3, cancellable };
  KithImportOptions options;
  g_autoptr(GPtrArray) results = NULL;

  kith_import_options_init (&options);
  options.progress = make_mischief;
  options.progress_data = &m;
  options.cancellable = cancellable;
  results = import_folder (project, dir, &options);
  cr_assert_eq (result_for (results, "a.txt")->status, KITH_IMPORT_FAILED);
  cr_assert_eq (result_for (results, "b.txt")->status, KITH_IMPORT_FAILED);
  cr_assert (strstr (result_for (results, "b.txt")->message, "cancel") != NULL
             || strstr (result_for (results, "b.txt")->message, "Cancel") != NULL,
             "%s", result_for (results, "b.txt")->message);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM documents"), 0);
}

Test (import, kind_option)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "one-voice.txt", NULL);
  g_autoptr(KithImportResult) result = NULL;
  KithImportOptions options;

  kt_write_file (path, "Header line\nAmir: I only speak once here, but this is a transcript.\n", -1);
  kith_import_options_init (&options);
  options.kind = "transcript";
  result = kith_import_file (project, path, &options);
  cr_assert_eq (result->status, KITH_IMPORT_IMPORTED);
  cr_assert_str_eq (result->kind, "transcript");
  cr_assert_eq (result->n_turns, 1, "a declared transcript keeps a speaker who speaks once");
}

/* ---- scale and crashes ----------------------------------------------------- */

static int
spawn_cli (const char *const *args, struct rusage *usage, GPid *pid_out)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GPid pid;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("KITH_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  cr_assert (g_spawn_async (NULL, (char **) argv->pdata, NULL,
                            G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                            NULL, NULL, &pid, &error), "%s", error ? error->message : "");
  if (pid_out != NULL)
    {
      *pid_out = pid;
      return 0;
    }
  cr_assert_eq (wait4 (pid, &status, 0, usage), pid);
  cr_assert (WIFEXITED (status), "kith-cli died (signal %d)", WIFSIGNALED (status) ? WTERMSIG (status) : 0);
  return WEXITSTATUS (status);
}

Test (import, two_hundred_megabytes_in_bounded_memory, .timeout = 800)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *project = g_build_filename (dir, "big.kith", NULL);
  g_autofree char *path = g_build_filename (dir, "big-transcript-export.txt", NULL);
  g_autofree char *shown = g_build_filename (dir, "shown.txt", NULL);
  g_autofree char *sha = NULL;
  g_autofree char *shown_sha = NULL;
  g_autofree char *command = NULL;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GError) error = NULL;
  const gsize target = (gsize) 200 * 1024 * 1024;
  struct rusage usage;
  gint64 chars = 0;
  gsize written = 0;
  FILE *f;

  f = fopen (path, "w");
  cr_assert_not_null (f);
  for (guint i = 0; written < target; i++)
    {
      char line[256];
      int n = g_snprintf (line, sizeof line,
                          "Residents in Walsall said they feel safe — ਸੁਰੱਖਿਅਤ — and trust their neighbours (%u).\n", i);
      fwrite (line, 1, (gsize) n, f);
      g_checksum_update (sum, (const guchar *) line, (gsize) n);
      written += (gsize) n;
      chars += g_utf8_strlen (line, n);
    }
  fclose (f);
  sha = g_strdup (g_checksum_get_string (sum));

  {
    const char *init[] = { "init", project, NULL };
    const char *import[] = { "import", project, path, NULL };
    cr_assert_eq (spawn_cli (init, &usage, NULL), 0);
    cr_assert_eq (spawn_cli (import, &usage, NULL), 0, "the import failed");
  }
  /* kilobytes; the file is 200 MB, its canonical text 200 MB more */
  cr_assert_lt (usage.ru_maxrss, 160 * 1024, "import used %ld MB", usage.ru_maxrss / 1024);

  {
    g_autoptr(KithProject) p = kith_project_open (project, KITH_OPEN_READ_ONLY, &error);
    cr_assert_not_null (p, "%s", error ? error->message : "");
    cr_assert_eq (kt_count (p, "SELECT char_count FROM documents"), chars);
    cr_assert_eq (kt_count (p, "SELECT byte_count FROM documents"), (gint64) written);
  }
  command = g_strdup_printf ("'%s' show '%s' 1 > '%s'", g_getenv ("KITH_CLI"), project, shown);
  cr_assert_eq (system (command), 0);
  shown_sha = kt_sha256_file (shown);
  cr_assert_str_eq (shown_sha, sha, "the text comes back exactly");
}

/* An ordinary report's paragraphs, @target bytes of markup in all: each one
 * “Paragraph N. ” and sentences of tests/fixtures/report-sentences.txt
 * picked with a fixed seed (as tests/bench/archive-memory.py does), so the
 * XML compresses as a real document's does. Fills @text with the text the
 * import must give, paragraphs a blank line apart. */
static GString *
report_markup (gsize        target,
               const char  *open,
               const char  *close,
               GString     *text,
               guint       *n_paragraphs)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (16);
  g_autofree char *path = g_build_filename (g_getenv ("KITH_SOURCE_ROOT"), "tests", "fixtures",
                                            "report-sentences.txt", NULL);
  g_autofree char *contents = kt_read_file (path, NULL);
  g_auto(GStrv) sentences = g_strsplit (g_strchomp (contents), "\n", -1);
  guint n_sentences = g_strv_length (sentences);
  GString *markup = g_string_sized_new (target + 4096);
  guint n = 0;

  cr_assert_eq (n_sentences, 12);
  while (markup->len < target)
    {
      guint picked = (guint) g_rand_int_range (rand, 2, 7);
      gsize start;

      if (n > 0)
        g_string_append (text, "\n\n");
      start = text->len;
      g_string_append_printf (text, "Paragraph %u.", ++n);
      for (guint i = 0; i < picked; i++)
        g_string_append_printf (text, " %s", sentences[g_rand_int_range (rand, 0, (gint32) n_sentences)]);
      g_string_append (markup, open);
      g_string_append_len (markup, text->str + start, (gssize) (text->len - start));
      g_string_append (markup, close);
    }
  g_string_append_c (text, '\n');
  *n_paragraphs = n;
  return markup;
}

/* Writes a report of 150 MB of paragraphs @open … @close as @name (a
 * DOCX or an ODT), imports it with kith-cli in a child and checks the text
 * came whole (its length, the last paragraph's exact offsets) in a peak of
 * memory bounded by the text: the paragraphs are held once while the
 * archive streams, and once more on their way into the project. */
static void
assert_imported_in_bounded_memory (const char *name,
                                   const char *open,
                                   const char *close)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *project = g_build_filename (dir, "archive.kith", NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) body = NULL;
  g_autofree char *needle = NULL;
  g_autofree char *out = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  const char *init[] = { "init", project, NULL };
  const char *import[] = { "import", project, path, NULL };
  const char *last;
  gint64 start;
  struct rusage usage;
  long text_mb;
  guint n = 0;
#if defined(__SANITIZE_ADDRESS__)
  /* ASan's shadow, quarantine (32 MB) and redzones on top of the text */
  const long factor = 3, constant_mb = 64;
#else
  const long factor = 2, constant_mb = 32;
#endif

  body = report_markup ((gsize) 150 * 1024 * 1024, open, close, text, &n);
  if (g_str_has_suffix (name, ".docx"))
    kt_write_docx (path, body->str, NULL);
  else
    kt_write_odt (path, body->str);
  g_string_free (g_steal_pointer (&body), TRUE);
  needle = g_strdup_printf ("Paragraph %u.", n);
  last = g_strrstr (text->str, "\n\n") + 2;
  start = (gint64) (last - text->str);
  text_mb = (long) (text->len / (1024 * 1024));

  cr_assert_eq (spawn_cli (init, &usage, NULL), 0);
  cr_assert_eq (spawn_cli (import, &usage, NULL), 0, "the import failed");
  cr_assert_lt (usage.ru_maxrss / 1024, factor * text_mb + constant_mb,
                "import used %ld MB for %ld MB of text (at most %ld MB)",
                usage.ru_maxrss / 1024, text_mb, factor * text_mb + constant_mb);

  {
    g_autoptr(KithProject) p = kith_project_open (project, KITH_OPEN_READ_ONLY, &error);
    cr_assert_not_null (p, "%s", error ? error->message : "");
    /* ASCII: bytes are code points */
    cr_assert_eq (kt_count (p, "SELECT char_count FROM documents"), (gint64) text->len);
  }
  cr_assert_eq (kt_cli (&out, NULL, "find", project, needle, NULL), 0);
  expected = g_strdup_printf ("1\t%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t", name,
                              start, start + (gint64) strlen (needle));
  cr_assert (g_str_has_prefix (out, expected), "find gave “%s”, not “%s…”", out, expected);
}

/* Issue 16: a Word file whose document.xml inflates to 150 MB was held
 * whole, then as a tree: a peak of 1.25 GB. Streamed, it is the text's. */
Test (import, docx_of_150_megabytes_streams_in_bounded_memory, .timeout = 300)
{
  assert_imported_in_bounded_memory ("funder-archive.docx",
                                     "<w:p w:rsidR=\"00B4C2D1\"><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr>"
                                     "<w:r><w:rPr><w:lang w:val=\"en-GB\"/></w:rPr><w:t xml:space=\"preserve\">",
                                     "</w:t></w:r></w:p>\n");
}

Test (import, odt_of_150_megabytes_streams_in_bounded_memory, .timeout = 300)
{
  assert_imported_in_bounded_memory ("funder-archive.odt", "<text:p text:style-name=\"P1\">", "</text:p>\n");
}

Test (import, killed_mid_import_leaves_a_sound_project, .timeout = 300)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *folder = g_build_filename (dir, "batch", NULL);
  g_autofree char *project = g_build_filename (dir, "batch.kith", NULL);
  g_autoptr(GError) error = NULL;
  const char *init[] = { "init", project, NULL };
  const char *import[] = { "import", project, folder, NULL };
  struct rusage usage;
  GPid pid;
  int status;
  gint64 n_before = 0;

  g_mkdir (folder, 0700);
  for (int f = 0; f < 30; f++)
    {
      g_autofree char *name = g_strdup_printf ("notes-%02d.txt", f);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr(GString) text = g_string_new (NULL);
      for (int i = 0; text->len < 2 * 1024 * 1024; i++)
        g_string_append_printf (text, "File %d line %d: the lunch club in Brierley Hill is where people meet.\n", f, i);
      kt_write_file (path, text->str, (gssize) text->len);
    }
  cr_assert_eq (spawn_cli (init, &usage, NULL), 0);
  spawn_cli (import, NULL, &pid);

  /* wait until a few documents are in, then kill without warning */
  for (int tries = 0; tries < 600 && n_before < 3; tries++)
    {
      g_autoptr(KithProject) p = NULL;
      g_usleep (50 * 1000);
      p = kith_project_open (project, KITH_OPEN_READ_ONLY, NULL);
      if (p != NULL)
        n_before = kt_count (p, "SELECT count(*) FROM documents");
    }
  kill (pid, SIGKILL);
  cr_assert_eq (waitpid (pid, &status, 0), pid);
  cr_assert (WIFSIGNALED (status), "the import finished before it could be killed");

  {
    g_autoptr(KithProject) p = kith_project_open (project, KITH_OPEN_DEFAULT, &error);
    g_autoptr(GPtrArray) docs = NULL;
    g_autoptr(GPtrArray) results = NULL;
    const char *paths[] = { folder, NULL };

    cr_assert_not_null (p, "the project opens after a kill: %s", error ? error->message : "");
    cr_assert (kith_project_check_integrity (p, &error), "%s", error ? error->message : "");
    docs = kith_documents_list (p, &error);
    cr_assert_geq (docs->len, 3);
    cr_assert_lt (docs->len, 30);
    for (guint i = 0; i < docs->len; i++)
      {
        KithDocument *d = g_ptr_array_index (docs, i);
        gsize len = 0;
        g_autofree char *text = kith_documents_dup_text (p, d->id, &len, &error);
        cr_assert_eq ((gint64) len, d->byte_count, "%s is complete", d->name);
        cr_assert_eq (g_utf8_strlen (text, (gssize) len), d->char_count);
      }
    /* importing again brings in the rest, and nothing twice */
    results = kith_import_paths (p, paths, NULL);
    cr_assert_eq (kt_count (p, "SELECT count(*) FROM documents"), 30);
  }
}
