/* kith-app-jobs.h — the desktop app's long work, each a KithJob
 *
 * Each function makes a job on the project at @path, starts it and returns
 * it (the caller owns it; kith_job_cancel() stops it). @callback gets the
 * job as its source; kith_job_run_finish() then gives the result named
 * here, owned by the caller.
 */
#pragma once

#include "kith-job.h"
#include "kith-matrix.h"
#include "kith-refi-export.h"
#include "kith-stripes.h"   /* KithSpan */

G_BEGIN_DECLS

/* Result: (element-type KithImportResult) GPtrArray. Message: “Importing
 * 2 of 5: NAME”. */
KithJob *kith_job_import         (const char          *path,
                                  const char          *coder,
                                  const char *const   *files,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
/* Imports the REFI-QDA project (@codebook FALSE: .qdpx) or codebook (.qdc)
 * @file into the project at @path, as one undoable step. Result: a
 * KithRefiReport (free with kith_refi_report_free). Message: what it is
 * bringing in (“Coders and codes”, a source's name). */
KithJob *kith_job_import_refi    (const char          *path,
                                  const char          *coder,
                                  const char          *file,
                                  gboolean             codebook,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
/* Makes the project @project_path (which must not exist) from the REFI-QDA
 * project @file; on failure no project is left behind. Result: a
 * KithRefiReport, as above. */
KithJob *kith_job_import_refi_new (const char         *project_path,
                                   const char         *coder,
                                   const char         *file,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
/* The suggestion pass over @documents (gint64; NULL for all; copied).
 * Result: KithSuggestResult. Message: “Suggesting: 3 of 9 documents”. */
KithJob *kith_job_suggest        (const char          *path,
                                  const char          *coder,
                                  GArray              *documents,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
/* Creates the sample project at @path (its folder too). Result: a
 * non-NULL pointer to ignore. */
KithJob *kith_job_create_sample  (const char          *path,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);

/* A document as its view shows it, read in one go. */
typedef struct
{
  gint64     id;
  char      *text;
  gsize      len;          /* bytes */
  GPtrArray *codings;      /* KithCoding */
  KithStripes *stripes;    /* of the codings, laid out here, off the main thread */
  GArray    *speakers;     /* KithSpan: speaker names with their colon */
  GArray    *timestamps;   /* KithSpan */
} KithDocumentLoad;

void     kith_document_load_free (KithDocumentLoad    *load);
/* Read-only. Result: KithDocumentLoad. */
KithJob *kith_job_load_document  (const char          *path,
                                  gint64               id,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
/* The extracts of @code_ids (gint64; copied). Read-only. Result:
 * KithRetrieval. */
KithJob *kith_job_retrieve       (const char          *path,
                                  GArray              *code_ids,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
/* The extracts of exactly @coding_ids (gint64; copied), a matrix cell's.
 * Read-only. Result: KithRetrieval. */
KithJob *kith_job_retrieve_codings (const char        *path,
                                  GArray              *coding_ids,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
/* A matrix as its view shows it: the Think/Feel/Do dimension of each
 * column (NULL where none), and the attributes rows can be chosen by. */
typedef struct
{
  KithMatrix *matrix;
  char      **dimensions;   /* one a column; "" where none */
  char      **labels;       /* one a column: its heading */
  char      **attributes;   /* names, in column order */
} KithMatrixLoad;

void     kith_matrix_load_free   (KithMatrixLoad      *load);
/* kith_matrix_compute() without pseudonyms (the app shows, it does not
 * export). Read-only. Result: KithMatrixLoad. */
KithJob *kith_job_matrix         (const char          *path,
                                  KithMatrixRows       rows,
                                  const char          *attribute,
                                  KithMatrixColumns    columns,
                                  KithMatrixCell       cell,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
/* kith_summary_pick_read() on the choices given (each NULL for all).
 * Read-only. Result: KithSummaryPick. */
KithJob *kith_job_summarise      (const char          *path,
                                  const char          *goal,
                                  const char          *place,
                                  const char          *period,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);

/* Exports the project as REFI-QDA @format to @output (atomically, owner
 * only). Read-only. Result: KithRefiExportReport (g_free). Message:
 * “Exporting: NAME”. */
KithJob *kith_job_export_refi    (const char                  *path,
                                  KithRefiFormat               format,
                                  const KithRefiExportOptions *options,
                                  const char                  *output,
                                  GAsyncReadyCallback          callback,
                                  gpointer                     user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithDocumentLoad, kith_document_load_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithMatrixLoad, kith_matrix_load_free)

G_END_DECLS
