/* kith-import.h — bringing files into a project
 *
 * Each file is imported in its own transaction: a file that fails leaves
 * nothing behind, and the rest of a batch still imports.
 */
#pragma once

#include <gio/gio.h>

#include "kith-project.h"
#include "kith-reflow.h"

G_BEGIN_DECLS

typedef enum {
  KITH_IMPORT_IMPORTED,
  KITH_IMPORT_DUPLICATE,   /* the same bytes were imported before */
  KITH_IMPORT_SKIPPED,     /* in a folder, but not a format Kith imports */
  KITH_IMPORT_FAILED,
} KithImportStatus;

typedef enum {
  KITH_SURVEY_RESPONSES,   /* one document per respondent */
  KITH_SURVEY_COLUMNS,     /* one document per free-text column, a turn per respondent */
} KithSurveyLayout;

/* @fraction is the progress through file @index (0-based) of @total. */
typedef void (*KithImportProgressFunc) (const char *path,
                                        guint       index,
                                        guint       total,
                                        double      fraction,
                                        gpointer    user_data);

typedef struct
{
  const char            *kind;       /* NULL: guessed (transcript when it has speakers) */
  const char            *encoding;   /* NULL: detected */
  KithReflowMode         reflow;
  KithImportProgressFunc progress;
  gpointer               progress_data;
  GCancellable          *cancellable;
  /* survey CSV files */
  const char *const     *text_columns; /* NULL: the one long free-text column, if there is one */
  const char            *id_column;    /* NULL: “id”, “respondent” …, else the first column */
  KithSurveyLayout       survey_layout;
} KithImportOptions;

typedef struct
{
  char             *path;
  KithImportStatus  status;
  gint64            document_id;    /* the new document (the first, for a survey), or the one it duplicates */
  guint             n_documents;    /* documents made: 1, or one per response or column of a survey */
  guint             n_cases;        /* cases created or updated (surveys) */
  char             *document_name;
  char             *kind;
  char             *format;
  char             *encoding;
  gint64            n_chars;
  guint             n_turns;
  guint             n_speakers;
  gboolean          reflowed;
  guint             n_joined;       /* line ends joined away by reflow */
  guint             n_furniture;    /* lines of page furniture dropped or cut */
  char             *message;        /* why it failed or was skipped */
  int               error_code;     /* KithError code when failed */
} KithImportResult;

void              kith_import_options_init  (KithImportOptions *options);
/* The file name extensions of every format Kith imports, lower case, with
 * the dot (".docx"); for file choosers. Free with g_strfreev(). */
GStrv             kith_import_extensions    (void);
void              kith_import_result_free   (KithImportResult  *result);
const char       *kith_import_status_to_string (KithImportStatus status);

/* Imports one file. Never NULL: failures are described in the result. */
KithImportResult *kith_import_file          (KithProject             *project,
                                             const char              *path,
                                             const KithImportOptions *options);
/* Imports files and folders (recursively; hidden entries and symbolic links
 * to folders are left out). (element-type KithImportResult) */
GPtrArray        *kith_import_paths         (KithProject             *project,
                                             const char *const       *paths,
                                             const KithImportOptions *options);
/* Whether a folder import picks up @path, judged by its name. */
gboolean          kith_import_is_supported  (const char              *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithImportResult, kith_import_result_free)

G_END_DECLS
