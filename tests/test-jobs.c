/* test-jobs.c — KithJob: a worker on its own connection, progress as
 * properties on the main context, cancelling; and the app's jobs run
 * headless, as the desktop app runs them */
#include <criterion/criterion.h>
#include <string.h>

#include "kith-app-jobs.h"
#include "kith-cases.h"
#include "kith-codebook.h"
#include "kith-codes.h"
#include "kith-codings.h"
#include "kith-import.h"
#include "kith-review.h"
#include "kith-rule-store.h"
#include "kith-suggest.h"
#include "kith-summary-choices.h"
#include "kith-test-util.h"

typedef struct
{
  GAsyncResult *result;
  GPtrArray    *fractions;   /* (element-type utf8) each notified fraction, "%.2f" */
  GPtrArray    *messages;
  int           running_on;
  int           running_off;
  gboolean      running_at_callback;
  gboolean      finished_at_callback;
  GThread      *callback_thread;
} Run;

static void
on_notify (KithJob *job, GParamSpec *pspec, Run *run)
{
  if (g_str_equal (pspec->name, "fraction"))
    g_ptr_array_add (run->fractions, g_strdup_printf ("%.2f", kith_job_get_fraction (job)));
  else if (g_str_equal (pspec->name, "message"))
    g_ptr_array_add (run->messages, g_strdup (kith_job_get_message (job)));
  else if (g_str_equal (pspec->name, "running"))
    *(kith_job_get_running (job) ? &run->running_on : &run->running_off) += 1;
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Run *run = user_data;

  run->result = g_object_ref (result);
  run->running_at_callback = kith_job_get_running (KITH_JOB (source));
  run->finished_at_callback = kith_job_get_finished (KITH_JOB (source));
  run->callback_thread = g_thread_self ();
}

static void
run_init (Run *run)
{
  memset (run, 0, sizeof *run);
  run->fractions = g_ptr_array_new_with_free_func (g_free);
  run->messages = g_ptr_array_new_with_free_func (g_free);
}

static void
run_clear (Run *run)
{
  g_clear_object (&run->result);
  g_clear_pointer (&run->fractions, g_ptr_array_unref);
  g_clear_pointer (&run->messages, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
listen (KithJob *job, Run *run)
{
  g_signal_connect (job, "notify", G_CALLBACK (on_notify), run);
}

static void
wait_for (Run *run)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (run->result == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  cr_assert_not_null (run->result, "the job finished within 30 s");
}

/* ---- the job itself ---------------------------------------------------------- */

/* what the worker saw, asserted on the main thread */
typedef struct
{
  gpointer  project;
  GThread  *thread;
  char     *coder;
} Seen;

static gpointer
counting_work (KithJob *job, KithProject *project, gpointer data, GCancellable *cancellable, GError **error)
{
  Seen *seen = data;
  g_autoptr(GPtrArray) codes = NULL;

  seen->project = project;
  seen->thread = g_thread_self ();
  seen->coder = g_strdup (kith_project_get_coder (project));
  if ((codes = kith_codes_list (project, error)) == NULL)
    return NULL;
  for (int i = 1; i <= 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("Step %d of 3", i);
      kith_job_report (job, i / 4.0, text);
      /* the main context takes each report before the next */
      g_usleep (50 * 1000);
    }
  kith_job_report (job, 1.0, NULL);
  return g_strdup_printf ("%u codes", codes->len);
}

Test (jobs, progress_and_result_on_the_main_context)
{
  g_autofree char *path = NULL;
  g_autoptr(KithProject) project = kt_new_project (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithJob) job = kith_job_new (path, KITH_OPEN_READ_ONLY);
  g_auto (Run) run;
  g_autofree char *result = NULL;
  Seen seen = { NULL, NULL, NULL };

  run_init (&run);
  kith_codes_ensure_path (project, "Feel/Safe", &error);
  kith_codes_ensure_path (project, "Do/Volunteer", &error);
  /* Feel, Feel/Safe, Do, Do/Volunteer */
  listen (job, &run);
  kith_job_set_coder (job, "Marcia");
  cr_assert_not (kith_job_get_running (job));
  kith_job_run_async (job, counting_work, &seen, NULL, g_free, on_done, &run);
  cr_assert (kith_job_get_running (job));
  cr_assert_eq (run.running_on, 1);
  wait_for (&run);

  result = kith_job_run_finish (job, run.result, &error);
  cr_assert_str_eq (result, "4 codes", "%s", error ? error->message : "");
  cr_assert_eq ((gpointer) run.callback_thread, (gpointer) g_thread_self (), "the result comes to the main thread");
  cr_assert_not (run.running_at_callback, "not running once the result is there");
  cr_assert (run.finished_at_callback);
  cr_assert_eq (run.running_off, 1);
  cr_assert_eq (run.fractions->len, 4);
  cr_assert_str_eq (g_ptr_array_index (run.fractions, 0), "0.25");
  cr_assert_str_eq (g_ptr_array_index (run.fractions, 3), "1.00");
  cr_assert_eq (run.messages->len, 3, "a NULL message leaves the last one");
  cr_assert_str_eq (g_ptr_array_index (run.messages, 2), "Step 3 of 3");
  cr_assert_str_eq (kith_job_get_message (job), "Step 3 of 3");
  cr_assert_not_null (seen.project, "a job with a path opens it");
  cr_assert_neq (seen.project, (gpointer) project, "on its own connection");
  cr_assert_neq ((gpointer) seen.thread, (gpointer) g_thread_self (), "in another thread");
  cr_assert_str_eq (seen.coder, "Marcia", "with the coder it was given");
  g_free (seen.coder);
}

static gpointer
waiting_work (KithJob *job, KithProject *project, gpointer data, GCancellable *cancellable, GError **error)
{
  while (!g_cancellable_is_cancelled (cancellable))
    g_usleep (1000);
  g_cancellable_set_error_if_cancelled (cancellable, error);
  return NULL;
}

Test (jobs, cancelled)
{
  g_autoptr(KithJob) job = kith_job_new (NULL, KITH_OPEN_DEFAULT);
  g_autoptr(GError) error = NULL;
  g_auto (Run) run;

  run_init (&run);
  kith_job_run_async (job, waiting_work, NULL, NULL, NULL, on_done, &run);
  kith_job_cancel (job);
  cr_assert (kith_job_is_cancelled (job));
  wait_for (&run);
  cr_assert_null (kith_job_run_finish (job, run.result, &error));
  cr_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  cr_assert_not (kith_job_get_running (job));
}

Test (jobs, a_project_that_cannot_open_is_an_error_naming_it)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "not-a-project.kith", NULL);
  g_autoptr(KithJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_auto (Run) run;

  run_init (&run);
  kt_write_file (path, "Minutes of the Tipton residents' meeting\n", -1);
  job = kith_job_new (path, KITH_OPEN_READ_ONLY);
  kith_job_run_async (job, waiting_work, NULL, NULL, NULL, on_done, &run);
  wait_for (&run);
  cr_assert_null (kith_job_run_finish (job, run.result, &error));
  cr_assert_not_null (error);
  cr_assert (strstr (error->message, "not-a-project.kith") != NULL, "the message names the file: %s", error->message);
}

/* ---- the app's jobs ------------------------------------------------------------ */

Test (jobs, import_reports_each_file)
{
  g_autofree char *path = NULL;
  g_autoptr(KithProject) project = kt_new_project (&path);
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *one = g_build_filename (dir, "bilston-notes.txt", NULL);
  g_autofree char *two = g_build_filename (dir, "darlaston-notes.txt", NULL);
  const char *files[] = { one, two, NULL };
  g_autoptr(KithJob) job = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_auto (Run) run;

  run_init (&run);
  kt_write_file (one, "Notes from the Bilston lunch club. Errol brought his dominoes.\n", -1);
  kt_write_file (two, "Notes from the Darlaston walk. Twelve came, four for the first time.\n", -1);
  job = kith_job_import (path, "Priya", files, on_done, &run);
  listen (job, &run);
  wait_for (&run);
  results = kith_job_run_finish (job, run.result, &error);
  cr_assert_not_null (results, "%s", error ? error->message : "");
  cr_assert_eq (results->len, 2);
  cr_assert_eq (((KithImportResult *) g_ptr_array_index (results, 0))->status, KITH_IMPORT_IMPORTED);
  cr_assert_eq (((KithImportResult *) g_ptr_array_index (results, 1))->status, KITH_IMPORT_IMPORTED);
  cr_assert_str_eq (kith_job_get_message (job), "Importing 2 of 2: darlaston-notes.txt");
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM documents"), 2, "written through the job's connection");
}

Test (jobs, suggest_and_load_a_document)
{
  g_autofree char *path = NULL;
  g_autoptr(KithProject) project = kt_new_project (&path);
  const char *text = "[00:00:04] Interviewer: How is the Blakenhall food bank?\n"
                     "[00:00:09] Joseph: I feel safe there. The volunteers know me.\n"
                     "[00:00:15] Interviewer: Since when?\n"
                     "[00:00:18] Joseph: Since the winter. My neighbour Ada brought me.\n";
  gint64 doc = kt_import_text (project, "blakenhall.txt", text);
  KithRuleDef safe = { .code_path = "Feel/Safe", .pattern = "\\bfeel safe\\b", .scope = KITH_SCOPE_MATCH };
  g_autoptr(GArray) documents = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(KithJob) pass = NULL;
  g_autoptr(KithJob) load = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithSuggestResult) result = NULL;
  g_autoptr(KithDocumentLoad) loaded = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_auto (Run) run;
  g_auto (Run) run2;
  KithSpan *speaker;

  run_init (&run);
  run_init (&run2);
  kith_codes_ensure_path (project, "Feel/Safe", &error);
  cr_assert_neq (kith_rules_add (project, &safe, NULL, &error), 0);
  g_array_append_val (documents, doc);
  pass = kith_job_suggest (path, "Priya", documents, on_done, &run);
  wait_for (&run);
  result = kith_job_run_finish (pass, run.result, &error);
  cr_assert_not_null (result, "%s", error ? error->message : "");
  cr_assert_eq (result->n_new, 1);
  cr_assert_str_eq (kith_job_get_message (pass), "Suggesting: 1 of 1 document");
  cr_assert_eq (kith_job_get_fraction (pass), 1.0);
  pending = kith_suggestions_list (project, doc, TRUE, &error);
  cr_assert_eq (pending->len, 1, "the main connection sees what the job wrote");
  cr_assert_eq (((KithSuggestion *) g_ptr_array_index (pending, 0))->start, kt_offset_of (text, "feel safe"));

  /* one coded passage, for the stripes the job lays out */
  cr_assert_neq (kith_codings_add (project, doc, kith_codes_ensure_path (project, "Feel/Safe", &error),
                                   kt_offset_of (text, "Joseph:"), kt_offset_of (text, "Joseph:") + 7, NULL,
                                   KITH_ORIGIN_MANUAL, &error), 0, "%s", error ? error->message : "");
  load = kith_job_load_document (path, doc, on_done, &run2);
  wait_for (&run2);
  loaded = kith_job_run_finish (load, run2.result, &error);
  cr_assert_not_null (loaded, "%s", error ? error->message : "");
  cr_assert_str_eq (loaded->text, text);
  cr_assert_eq (loaded->len, strlen (text));
  cr_assert_eq (loaded->codings->len, 1);
  cr_assert_eq (kith_stripes_get_n_spans (loaded->stripes), 1, "the stripes come laid out, one a coding");
  cr_assert_eq (kith_stripes_get_n_lanes (loaded->stripes), 1);
  cr_assert_eq (loaded->speakers->len, 4, "one a turn");
  speaker = &g_array_index (loaded->speakers, KithSpan, 1);
  cr_assert_eq (speaker->start, kt_offset_of (text, "Joseph:"));
  cr_assert_eq (speaker->end, kt_offset_of (text, "Joseph:") + 7, "the name and its colon");
  cr_assert_eq (loaded->timestamps->len, 4);
  cr_assert_eq (g_array_index (loaded->timestamps, KithSpan, 1).start, kt_offset_of (text, "[00:00:09]"));
  cr_assert_eq (g_array_index (loaded->timestamps, KithSpan, 1).end, kt_offset_of (text, "Joseph:"),
                "the timestamp and the space before the name");
}

/* the matrix as its view shows it: headings, Think/Feel/Do, the attributes */
Test (jobs, the_matrix_with_its_headings)
{
  g_autofree char *path = NULL;
  g_autoptr(KithProject) project = kt_new_project (&path);
  const char *text = "Interviewer: How is the Tipton lunch club?\n"
                     "Joyce: I feel safe there, and now I help set the tables.\n";
  gint64 doc = kt_import_text (project, "tipton-lunch-club.txt", text);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithJob) job = NULL;
  g_autoptr(KithMatrixLoad) load = NULL;
  g_auto (Run) run;
  gint64 safe, part;
  KithMatrixRow *row;

  run_init (&run);
  kt_framework_code (project, "Connected", "connected", NULL, NULL);
  safe = kt_framework_code (project, "Connected/Feel safe", "connected", "feel", "feel-safe");
  part = kt_framework_code (project, "Connected/Take part", "connected", "do", "take-part");
  kt_framework_code (project, "Connected/Know where to go", "connected", "think", "know-spaces");
  kt_code_text (project, doc, text, "I feel safe there", safe);
  kt_code_text (project, doc, text, "I help set the tables", part);
  cr_assert_gt (kith_attributes_ensure (project, "local authority", KITH_ATTRIBUTE_TEXT, FALSE, NULL, &error), 0,
                "%s", error ? error->message : "");

  job = kith_job_matrix (path, KITH_MATRIX_BY_DOCUMENT, NULL, KITH_MATRIX_OUTCOMES, KITH_MATRIX_CHARACTERS, on_done, &run);
  wait_for (&run);
  load = kith_job_run_finish (job, run.result, &error);
  cr_assert_not_null (load, "%s", error ? error->message : "");
  cr_assert_eq (load->matrix->columns->len, 3);
  cr_assert_str_eq (g_ptr_array_index (load->matrix->columns, 0), "feel-safe");
  cr_assert_str_eq (load->labels[0], "Feel safe", "an outcome is headed by its code's name");
  cr_assert_str_eq (load->labels[1], "Take part");
  cr_assert_str_eq (load->labels[2], "Know where to go");
  cr_assert_str_eq (load->dimensions[0], "feel");
  cr_assert_str_eq (load->dimensions[1], "do");
  cr_assert_str_eq (load->dimensions[2], "think");
  cr_assert_null (load->labels[3]);
  cr_assert_eq (load->matrix->rows->len, 1);
  row = g_ptr_array_index (load->matrix->rows, 0);
  cr_assert_str_eq (row->label, "tipton-lunch-club.txt");
  cr_assert_eq (row->cells[0], 17, "“I feel safe there”: characters");
  cr_assert_eq (row->cells[1], 21);
  cr_assert_eq (row->cells[2], 0, "a gap");
  cr_assert_eq (row->codings[2]->len, 0);
  cr_assert_str_eq (load->attributes[0], "local authority");
  cr_assert_null (load->attributes[1]);
}

/* ---- the real reports, through the jobs the desktop app runs ------------------- */

static gpointer
finish (KithJob *job, Run *run)
{
  g_autoptr(GError) error = NULL;
  gpointer result;

  wait_for (run);
  result = kith_job_run_finish (job, run->result, &error);
  cr_assert_not_null (result, "%s", error ? error->message : "");
  return result;
}

/* Import, the suggestion pass and the summary as jobs give what the core
 * gives called directly on its own connection. */
Test (jobs, the_real_reports_as_the_app_runs_them, .timeout = 120)
{
  const char *dir = g_getenv ("KITH_REAL_DIR");
  g_autofree char *path = NULL;
  g_autofree char *direct_path = NULL;
  g_autoptr(KithProject) project = kt_new_project (&path);
  g_autoptr(KithProject) direct = kt_new_project (&direct_path);
  g_autoptr(GError) error = NULL;
  g_autofree char *codebook_path = kith_codebook_find ("inclusive-communities", &error);
  g_autoptr(KithCodebook) codebook = kith_codebook_read (codebook_path, &error);
  g_autofree char *clean = g_build_filename (dir, "roadmap-2020.txt", NULL);
  g_autofree char *wrapped = g_build_filename (dir, "roadmap-2020-hardwrapped.txt", NULL);
  const char *files[] = { clean, wrapped, NULL };
  g_autoptr(KithJob) import = NULL;
  g_autoptr(KithJob) pass = NULL;
  g_autoptr(KithJob) summarise = NULL;
  g_autoptr(GPtrArray) imported = NULL;
  g_autoptr(GPtrArray) direct_imported = NULL;
  g_autoptr(KithSuggestResult) suggested = NULL;
  g_autoptr(KithSuggestResult) direct_suggested = NULL;
  g_autoptr(KithSummaryPick) pick = NULL;
  g_autoptr(KithSummary) direct_summary = NULL;
  KithImportOptions options;
  g_auto (Run) run1;
  g_auto (Run) run2;
  g_auto (Run) run3;

  cr_assert_not_null (dir, "KITH_REAL_DIR is not set");
  cr_assert_not_null (codebook, "%s", error ? error->message : "");
  cr_assert (kith_codebook_merge (project, codebook, NULL, &error), "%s", error ? error->message : "");
  cr_assert (kith_codebook_merge (direct, codebook, NULL, &error), "%s", error ? error->message : "");
  run_init (&run1);
  run_init (&run2);
  run_init (&run3);

  import = kith_job_import (path, "Priya", files, on_done, &run1);
  listen (import, &run1);
  imported = finish (import, &run1);
  kith_import_options_init (&options);
  direct_imported = kith_import_paths (direct, files, &options);
  cr_assert_eq (imported->len, 2);
  for (guint i = 0; i < imported->len; i++)
    {
      KithImportResult *a = g_ptr_array_index (imported, i), *b = g_ptr_array_index (direct_imported, i);
      cr_assert_eq (a->status, KITH_IMPORT_IMPORTED, "%s", a->message);
      cr_assert_eq (a->n_chars, b->n_chars, "%s: the same canonical text", a->path);
    }
  cr_assert_str_eq (kith_job_get_message (import), "Importing 2 of 2: roadmap-2020-hardwrapped.txt");
  /* the job passes on at most one report a main-loop turn, and two files
   * read ahead on a second thread can both be reported in one: progress
   * shows at least once, and only ever goes forward */
  cr_assert_geq (run1.fractions->len, 1, "progress was shown while it ran");
  for (guint i = 1; i < run1.fractions->len; i++)
    cr_assert_geq (g_ascii_strtod (g_ptr_array_index (run1.fractions, i), NULL),
                   g_ascii_strtod (g_ptr_array_index (run1.fractions, i - 1), NULL), "progress went back");

  pass = kith_job_suggest (path, "Priya", NULL, on_done, &run2);
  suggested = finish (pass, &run2);
  cr_assert (kith_suggest_run (direct, NULL, NULL, NULL, NULL, NULL, &direct_suggested, &error), "%s",
             error ? error->message : "");
  cr_assert_eq (suggested->n_new, direct_suggested->n_new);
  cr_assert_geq (suggested->n_new, 100, "only %u suggestions", suggested->n_new);
  cr_assert_str_eq (kith_job_get_message (pass), "Suggesting: 2 of 2 documents");

  summarise = kith_job_summarise (path, NULL, NULL, NULL, on_done, &run3);
  pick = finish (summarise, &run3);
  direct_summary = kt_summarise (direct, NULL);
  cr_assert_eq (pick->summary->goals->len, direct_summary->goals->len);
  cr_assert_eq (pick->offer->keys[KITH_SUMMARY_CHOICE_GOAL]->len, direct_summary->goals->len);
  cr_log_info ("real reports: %lld + %lld characters imported, %u suggestions, %u goals offered",
               (long long) ((KithImportResult *) g_ptr_array_index (imported, 0))->n_chars,
               (long long) ((KithImportResult *) g_ptr_array_index (imported, 1))->n_chars, suggested->n_new,
               pick->offer->keys[KITH_SUMMARY_CHOICE_GOAL]->len);
}
