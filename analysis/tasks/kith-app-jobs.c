/* kith-app-jobs.c — the desktop app's long work as jobs: each worker runs
 * on the job's own connection, so the window's stays free for the user */
#include "kith-app-jobs.h"

#include <errno.h>
#include <string.h>
#include <glib/gstdio.h>

#include "kith-cases.h"
#include "kith-codes.h"
#include "kith-codings.h"
#include "kith-documents.h"
#include "kith-i18n.h"
#include "kith-import.h"
#include "kith-privacy.h"
#include "kith-refi-import.h"
#include "kith-matrix.h"
#include "kith-retrieval.h"
#include "kith-sample.h"
#include "kith-suggest.h"
#include "kith-summary.h"
#include "kith-summary-choices.h"
#include "kith-turns.h"
#include "kith-utf8.h"

static KithJob *
start (const char *path, KithOpenFlags flags, const char *coder, KithJobFunc func, gpointer data,
       GDestroyNotify data_free, GDestroyNotify result_free, GAsyncReadyCallback callback, gpointer user_data)
{
  KithJob *job = kith_job_new (path, flags);

  kith_job_set_coder (job, coder);
  kith_job_run_async (job, func, data, data_free, result_free, callback, user_data);
  return job;
}

static GArray *
copy_ids (GArray *ids)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);

  g_array_append_vals (copy, ids->data, ids->len);
  return copy;
}

/* ---- import ------------------------------------------------------------------ */

/* in the job's thread */
static void
on_import_progress (const char *path, guint index, guint total, double fraction, gpointer user_data)
{
  g_autofree char *name = path != NULL ? g_path_get_basename (path) : NULL;
  g_autofree char *text = name != NULL ? g_strdup_printf (_("Importing %u of %u: %s"), index + 1, total, name)
                                       : NULL;

  kith_job_report (user_data, total > 0 ? (index + fraction) / total : 0, text);
}

static gpointer
import_work (KithJob *job, KithProject *project, gpointer data, GCancellable *cancellable, GError **error)
{
  KithImportOptions options;

  kith_import_options_init (&options);
  options.progress = on_import_progress;
  options.progress_data = job;
  options.cancellable = cancellable;
  return kith_import_paths (project, (const char *const *) data, &options);
}

KithJob *
kith_job_import (const char          *path,
                 const char          *coder,
                 const char *const   *files,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_return_val_if_fail (path != NULL && files != NULL, NULL);
  return start (path, KITH_OPEN_DEFAULT, coder, import_work, g_strdupv ((char **) files), (GDestroyNotify) g_strfreev,
                (GDestroyNotify) g_ptr_array_unref, callback, user_data);
}

/* ---- REFI-QDA import --------------------------------------------------------- */

typedef struct
{
  char     *file;
  gboolean  codebook;
  char     *project_path;  /* a project to make, or NULL */
} RefiImport;

static void
refi_import_free (RefiImport *data)
{
  g_free (data->file);
  g_free (data->project_path);
  g_free (data);
}

/* in the job's thread */
static void
on_refi_progress (double fraction, const char *message, gpointer user_data)
{
  kith_job_report (user_data, fraction, message);
}

static gpointer
refi_import_work (KithJob *job, KithProject *project, gpointer data, GCancellable *cancellable, GError **error)
{
  RefiImport *what = data;
  KithRefiReport *report = g_new0 (KithRefiReport, 1);
  KithRefiImportOptions options;
  gboolean ok;

  kith_refi_import_options_init (&options);
  options.progress = on_refi_progress;
  options.progress_data = job;
  options.cancellable = cancellable;
  kith_refi_report_init (report);
  if (what->project_path != NULL)
    {
      /* the job opened no project: this one is made here, or not at all */
      g_autoptr(KithProject) made = kith_refi_import_qdpx_new (what->project_path, what->file, &options, report, error);
      ok = made != NULL;
    }
  else
    ok = what->codebook ? kith_refi_import_qdc (project, what->file, &options, report, error)
                        : kith_refi_import_qdpx (project, what->file, &options, report, error);
  if (!ok)
    g_clear_pointer (&report, kith_refi_report_free);
  return report;
}

/* Into the project at @path, or (@path NULL) into @project_path, made */
static KithJob *
start_refi (const char *path, const char *project_path, const char *coder, const char *file, gboolean codebook,
            GAsyncReadyCallback callback, gpointer user_data)
{
  RefiImport *data = g_new0 (RefiImport, 1);

  data->file = g_strdup (file);
  data->codebook = codebook;
  data->project_path = g_strdup (project_path);
  return start (path, KITH_OPEN_DEFAULT, coder, refi_import_work, data, (GDestroyNotify) refi_import_free,
                (GDestroyNotify) kith_refi_report_free, callback, user_data);
}

KithJob *
kith_job_import_refi (const char          *path,
                      const char          *coder,
                      const char          *file,
                      gboolean             codebook,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_val_if_fail (path != NULL && file != NULL, NULL);
  return start_refi (path, NULL, coder, file, codebook, callback, user_data);
}

KithJob *
kith_job_import_refi_new (const char          *project_path,
                          const char          *coder,
                          const char          *file,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_val_if_fail (project_path != NULL && file != NULL, NULL);
  return start_refi (NULL, project_path, coder, file, FALSE, callback, user_data);
}

/* ---- the suggestion pass -------------------------------------------------------- */

/* in the job's thread */
static void
on_suggest_progress (guint done, guint total, gpointer user_data)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Suggesting: %u of %u document",
                                                        "Suggesting: %u of %u documents", total), done, total);

  kith_job_report (user_data, total > 0 ? (double) done / total : 0.0, text);
}

static gpointer
suggest_work (KithJob *job, KithProject *project, gpointer data, GCancellable *cancellable, GError **error)
{
  KithSuggestResult *result = NULL;

  if (!kith_suggest_run (project, data, NULL, on_suggest_progress, job, cancellable, &result, error))
    return NULL;
  return result;
}

KithJob *
kith_job_suggest (const char          *path,
                  const char          *coder,
                  GArray              *documents,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_return_val_if_fail (path != NULL, NULL);
  return start (path, KITH_OPEN_DEFAULT, coder, suggest_work, documents != NULL ? copy_ids (documents) : NULL,
                (GDestroyNotify) g_array_unref, (GDestroyNotify) kith_suggest_result_free, callback, user_data);
}

/* ---- the sample project ---------------------------------------------------------- */

static gpointer
sample_work (KithJob *job, KithProject *project, gpointer data, GCancellable *cancellable, GError **error)
{
  const char *path = data;
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", dir, g_strerror (saved));
      return NULL;
    }
  return kith_sample_project_create (path, error) ? GINT_TO_POINTER (TRUE) : NULL;
}

KithJob *
kith_job_create_sample (const char          *path,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_val_if_fail (path != NULL, NULL);
  /* no project to open: the job makes it */
  return start (NULL, KITH_OPEN_DEFAULT, NULL, sample_work, g_strdup (path), g_free, NULL, callback, user_data);
}

/* ---- a document for its view ------------------------------------------------------- */

void
kith_document_load_free (KithDocumentLoad *load)
{
  if (load == NULL)
    return;
  g_free (load->text);
  g_clear_pointer (&load->codings, g_ptr_array_unref);
  g_clear_pointer (&load->stripes, kith_stripes_free);
  g_clear_pointer (&load->speakers, g_array_unref);
  g_clear_pointer (&load->timestamps, g_array_unref);
  g_free (load);
}

/* Finds, in each turn's label (“[00:12:03] Delroy:”), where the timestamp
 * and the name are: character offsets the main thread only has to apply. */
static void
label_spans (KithDocumentLoad *load, GPtrArray *turns)
{
  g_autoptr(KithTextIndex) index = kith_text_index_new (load->text, load->len);

  for (guint i = 0; i < turns->len; i++)
    {
      KithTurn *turn = g_ptr_array_index (turns, i);
      g_autofree char *label = kith_text_index_dup_span (index, turn->start, turn->speech_start);
      const char *name = strstr (label, turn->speaker);
      gint64 name_at = name != NULL ? g_utf8_pointer_to_offset (label, name) : 0;
      gint64 name_end = turn->speech_start;

      /* the name and its colon, not the space after */
      while (name_end > turn->start + name_at + 1)
        {
          gunichar c = g_utf8_get_char (g_utf8_offset_to_pointer (label, name_end - 1 - turn->start));
          if (!g_unichar_isspace (c))
            break;
          name_end--;
        }
      if (turn->timestamp_ms >= 0 && name_at > 0)
        g_array_append_val (load->timestamps, ((KithSpan) { turn->start, turn->start + name_at }));
      g_array_append_val (load->speakers, ((KithSpan) { turn->start + name_at, name_end }));
    }
}

static gpointer
load_work (KithJob *job, KithProject *project, gpointer data, GCancellable *cancellable, GError **error)
{
  g_autoptr(KithDocumentLoad) load = g_new0 (KithDocumentLoad, 1);
  g_autoptr(GPtrArray) turns = NULL;

  load->id = *(gint64 *) data;
  if ((load->text = kith_documents_dup_text (project, load->id, &load->len, error)) == NULL
      || (turns = kith_documents_list_turns (project, load->id, error)) == NULL
      || (load->codings = kith_codings_list (project, load->id, error)) == NULL
      || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  load->stripes = kith_codings_stripes (load->codings);
  load->speakers = g_array_new (FALSE, FALSE, sizeof (KithSpan));
  load->timestamps = g_array_new (FALSE, FALSE, sizeof (KithSpan));
  label_spans (load, turns);
  return g_steal_pointer (&load);
}

KithJob *
kith_job_load_document (const char          *path,
                        gint64               id,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_val_if_fail (path != NULL, NULL);
  return start (path, KITH_OPEN_READ_ONLY, NULL, load_work, g_memdup2 (&id, sizeof id), g_free,
                (GDestroyNotify) kith_document_load_free, callback, user_data);
}

/* ---- extracts --------------------------------------------------------------------- */

static gpointer
retrieve_work (KithJob *job, KithProject *project, gpointer data, GCancellable *cancellable, GError **error)
{
  GArray *ids = data;

  return kith_retrieval_run (project, (const gint64 *) ids->data, ids->len, error);
}

KithJob *
kith_job_retrieve (const char          *path,
                   GArray              *code_ids,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  g_return_val_if_fail (path != NULL && code_ids != NULL, NULL);
  return start (path, KITH_OPEN_READ_ONLY, NULL, retrieve_work, copy_ids (code_ids), (GDestroyNotify) g_array_unref,
                (GDestroyNotify) kith_retrieval_free, callback, user_data);
}

static gpointer
retrieve_codings_work (KithJob *job, KithProject *project, gpointer data, GCancellable *cancellable, GError **error)
{
  GArray *ids = data;

  return kith_retrieval_run_codings (project, (const gint64 *) ids->data, ids->len, error);
}

KithJob *
kith_job_retrieve_codings (const char          *path,
                           GArray              *coding_ids,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_val_if_fail (path != NULL && coding_ids != NULL, NULL);
  return start (path, KITH_OPEN_READ_ONLY, NULL, retrieve_codings_work, copy_ids (coding_ids),
                (GDestroyNotify) g_array_unref, (GDestroyNotify) kith_retrieval_free, callback, user_data);
}

/* ---- the framework matrix ------------------------------------------------------------ */

typedef struct
{
  KithMatrixRows     rows;
  char              *attribute;
  KithMatrixColumns  columns;
  KithMatrixCell     cell;
} MatrixChoice;

static void
matrix_choice_free (MatrixChoice *choice)
{
  g_free (choice->attribute);
  g_free (choice);
}

void
kith_matrix_load_free (KithMatrixLoad *load)
{
  if (load == NULL)
    return;
  kith_matrix_free (load->matrix);
  g_strfreev (load->dimensions);
  g_strfreev (load->labels);
  g_strfreev (load->attributes);
  g_free (load);
}

/* the dimension a column's codes are placed in: the nearest on the way up */
static const char *
code_dimension (GHashTable *by_id, KithCode *code)
{
  for (KithCode *up = code; up != NULL; up = g_hash_table_lookup (by_id, &up->parent_id))
    if (up->dimension != NULL)
      return up->dimension;
  return NULL;
}

/* each column's dimension, and its heading: a code's path, the name of the
 * code that stands for an outcome or a goal, a dimension's word */
static void
describe_columns (KithMatrixLoad *load, KithMatrixColumns columns, GPtrArray *codes)
{
  KithMatrix *matrix = load->matrix;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) dimension_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) name_of = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < codes->len; i++)
    g_hash_table_insert (by_id, &((KithCode *) g_ptr_array_index (codes, i))->id, g_ptr_array_index (codes, i));
  for (guint i = 0; i < codes->len; i++)
    {
      KithCode *code = g_ptr_array_index (codes, i);
      const char *key = columns == KITH_MATRIX_CODES ? code->path
                      : columns == KITH_MATRIX_OUTCOMES ? code->outcome_key
                      : columns == KITH_MATRIX_DIMENSIONS ? code->dimension : code->goal;
      const char *dimension = code_dimension (by_id, code);

      if (key == NULL)
        continue;
      if (dimension != NULL && columns != KITH_MATRIX_GOALS && !g_hash_table_contains (dimension_of, key))
        g_hash_table_insert (dimension_of, (gpointer) key, (gpointer) dimension);
      if (!g_hash_table_contains (name_of, key))
        g_hash_table_insert (name_of, (gpointer) key, columns == KITH_MATRIX_CODES ? code->path : code->name);
    }
  load->dimensions = g_new0 (char *, matrix->columns->len + 1);
  load->labels = g_new0 (char *, matrix->columns->len + 1);
  for (guint c = 0; c < matrix->columns->len; c++)
    {
      const char *key = g_ptr_array_index (matrix->columns, c);
      const char *dimension = g_hash_table_lookup (dimension_of, key);
      const char *name = columns == KITH_MATRIX_DIMENSIONS ? kith_summary_dimension_label (key)
                                                           : g_hash_table_lookup (name_of, key);

      load->dimensions[c] = g_strdup (dimension != NULL ? dimension : "");
      load->labels[c] = g_strdup (name != NULL ? name : key);
    }
}

static gpointer
matrix_work (KithJob *job, KithProject *project, gpointer data, GCancellable *cancellable, GError **error)
{
  MatrixChoice *choice = data;
  g_autoptr(KithMatrixLoad) load = g_new0 (KithMatrixLoad, 1);
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GPtrArray) attributes = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  load->matrix = kith_matrix_compute (project, choice->rows, choice->attribute, choice->columns, choice->cell, NULL,
                                      error);
  if (load->matrix == NULL || (codes = kith_codes_list (project, error)) == NULL
      || (attributes = kith_attributes_list (project, error)) == NULL)
    return NULL;
  describe_columns (load, choice->columns, codes);
  for (guint i = 0; i < attributes->len; i++)
    g_strv_builder_add (names, ((KithAttribute *) g_ptr_array_index (attributes, i))->name);
  load->attributes = g_strv_builder_end (names);
  return g_steal_pointer (&load);
}

KithJob *
kith_job_matrix (const char          *path,
                 KithMatrixRows       rows,
                 const char          *attribute,
                 KithMatrixColumns    columns,
                 KithMatrixCell       cell,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  MatrixChoice *choice = g_new0 (MatrixChoice, 1);

  g_return_val_if_fail (path != NULL, NULL);
  *choice = (MatrixChoice) { rows, g_strdup (attribute), columns, cell };
  return start (path, KITH_OPEN_READ_ONLY, NULL, matrix_work, choice, (GDestroyNotify) matrix_choice_free,
                (GDestroyNotify) kith_matrix_load_free, callback, user_data);
}

/* ---- the summary ------------------------------------------------------------------- */

static gpointer
summarise_work (KithJob *job, KithProject *project, gpointer data, GCancellable *cancellable, GError **error)
{
  char **chosen = data;

  return kith_summary_pick_read (project, chosen[KITH_SUMMARY_CHOICE_GOAL], chosen[KITH_SUMMARY_CHOICE_PLACE],
                                 chosen[KITH_SUMMARY_CHOICE_PERIOD], error);
}

static void
free_choices (char **chosen)
{
  for (int i = 0; i < KITH_SUMMARY_N_CHOICES; i++)
    g_free (chosen[i]);
  g_free (chosen);
}

KithJob *
kith_job_summarise (const char          *path,
                    const char          *goal,
                    const char          *place,
                    const char          *period,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  char **chosen = g_new0 (char *, KITH_SUMMARY_N_CHOICES);

  g_return_val_if_fail (path != NULL, NULL);
  chosen[KITH_SUMMARY_CHOICE_GOAL] = g_strdup (goal);
  chosen[KITH_SUMMARY_CHOICE_PLACE] = g_strdup (place);
  chosen[KITH_SUMMARY_CHOICE_PERIOD] = g_strdup (period);
  return start (path, KITH_OPEN_READ_ONLY, NULL, summarise_work, chosen, (GDestroyNotify) free_choices,
                (GDestroyNotify) kith_summary_pick_free, callback, user_data);
}

/* ---- REFI-QDA export ------------------------------------------------------------- */

typedef struct
{
  KithRefiFormat        format;
  KithRefiExportOptions options;
  char                 *output;
} RefiExport;

static void
refi_export_free (RefiExport *ex)
{
  g_free (ex->output);
  g_free (ex);
}

/* in the job's thread */
static void
on_refi_export_progress (double fraction, const char *name, gpointer user_data)
{
  g_autofree char *text = name != NULL ? g_strdup_printf (_("Exporting: %s"), name) : NULL;

  kith_job_report (user_data, fraction, text);
}

static gpointer
refi_export_work (KithJob *job, KithProject *project, gpointer data, GCancellable *cancellable, GError **error)
{
  RefiExport *ex = data;
  g_autofree KithRefiExportReport *report = g_new0 (KithRefiExportReport, 1);
  g_autoptr(KithPseudonymiser) p = NULL;
  g_autoptr(GBytes) bytes = NULL;
  KithRefiExportOptions options = ex->options;
  gboolean pseudonymise = FALSE;

  /* the project's Privacy setting, as the app's other exports follow it */
  if (!kith_privacy_get_pseudonymise (project, &pseudonymise, error)
      || (pseudonymise && (p = kith_privacy_pseudonymiser (project, error)) == NULL))
    return NULL;
  if (p != NULL)
    options.pseudonymiser = p;
  bytes = kith_refi_export (project, ex->format, &options, report, on_refi_export_progress, job, error);

  /* cancelled before the file is written: nothing is written */
  if (bytes == NULL || g_cancellable_set_error_if_cancelled (cancellable, error)
      || !kith_refi_export_save (bytes, ex->output, error))
    return NULL;
  return g_steal_pointer (&report);
}

KithJob *
kith_job_export_refi (const char                  *path,
                      KithRefiFormat               format,
                      const KithRefiExportOptions *options,
                      const char                  *output,
                      GAsyncReadyCallback          callback,
                      gpointer                     user_data)
{
  RefiExport *ex = g_new0 (RefiExport, 1);

  g_return_val_if_fail (path != NULL && output != NULL, NULL);
  ex->format = format;
  if (options != NULL)
    ex->options = *options;
  ex->output = g_strdup (output);
  return start (path, KITH_OPEN_READ_ONLY, NULL, refi_export_work, ex, (GDestroyNotify) refi_export_free,
                g_free, callback, user_data);
}
