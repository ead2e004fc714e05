/* kith-refi-import.h — REFI-QDA codebooks (.qdc) and projects (.qdpx) into
 * a Kith project
 *
 * Each import is one history action (one undo step) in one transaction: a
 * file that fails changes nothing, and a project made for it is removed.
 * What came in, what was adjusted and why, and what Kith does not hold
 * (and so skipped) are all in the report: nothing is dropped silently.
 */
#pragma once

#include <gio/gio.h>

#include "kith-project.h"
#include "kith-qde.h"

G_BEGIN_DECLS

typedef struct
{
  KithRefiProgressFunc progress;
  gpointer             progress_data;
  GCancellable        *cancellable;
} KithRefiImportOptions;

typedef struct
{
  char      *file;             /* the file's name, as messages name it */
  char      *origin;           /* the program that wrote it, or NULL */
  gboolean   codebook;         /* a .qdc: only codes come in */
  guint      n_coders;         /* coders the file names … */
  guint      n_coders_new;     /* … of them new to the project */
  guint      n_codes;          /* codes in the file … */
  guint      n_codes_new;      /* … made in the project (the rest merged by path) */
  guint      n_documents;      /* text sources … */
  guint      n_documents_new;  /* … that became new documents (the rest matched one by its text) */
  guint      n_codings;        /* codings in the file … */
  guint      n_codings_new;    /* … added (the rest were there already) */
  guint      n_cases;
  guint      n_attributes;
  guint      n_values;
  guint      n_memos;
  GPtrArray *adjusted;         /* (element-type utf8) what was changed on the way in, and why */
  GPtrArray *skipped;          /* (element-type utf8) what did not come in, and why */
} KithRefiReport;

void      kith_refi_import_options_init (KithRefiImportOptions *options);
void      kith_refi_report_init         (KithRefiReport        *report);
void      kith_refi_report_clear        (KithRefiReport        *report);
/* Clears and frees a report made with g_new0 and _init (for jobs). */
void      kith_refi_report_free         (KithRefiReport        *report);
/* The report as lines a user reads: counts first, then “adjusted: …” and
 * “skipped: …” lines (owned). */
char     *kith_refi_report_format       (const KithRefiReport  *report);

/* Merges the codebook @path into @project: codes matched by path are not
 * doubled, and keep their own description and colour (a difference is
 * reported). @options may be NULL. */
gboolean  kith_refi_import_qdc          (KithProject                 *project,
                                         const char                  *path,
                                         const KithRefiImportOptions *options,
                                         KithRefiReport              *report,
                                         GError                     **error);
/* Imports the project @path into @project: documents whose text is already
 * there are matched, not doubled, and get the file's codings. */
gboolean  kith_refi_import_qdpx         (KithProject                 *project,
                                         const char                  *path,
                                         const KithRefiImportOptions *options,
                                         KithRefiReport              *report,
                                         GError                     **error);
/* Makes the project @project_path (which must not exist) from @path; on
 * failure no project is left behind. (transfer full) */
KithProject *kith_refi_import_qdpx_new  (const char                  *project_path,
                                         const char                  *path,
                                         const KithRefiImportOptions *options,
                                         KithRefiReport              *report,
                                         GError                     **error);

G_END_DECLS
