/* kith-import-dialog.h — importing files in the background: progress with
 * Cancel, then a summary of what was imported, skipped as a duplicate, or
 * failed and why. The import runs in a thread on its own connection. */
#pragma once

#include <adwaita.h>

#include "kith-context.h"

G_BEGIN_DECLS

#define KITH_TYPE_IMPORT_DIALOG (kith_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KithImportDialog, kith_import_dialog, KITH, IMPORT_DIALOG, AdwWindow)

/* Starts importing @paths (files and folders) into @context's project and
 * presents the dialog over @parent. */
KithImportDialog *kith_import_dialog_start (GtkWindow          *parent,
                                            KithContext        *context,
                                            const char *const  *paths);

/* Starts importing the REFI-QDA project (.qdpx) or, with @codebook, the
 * codebook (.qdc) @file into @context's project, and presents the dialog:
 * progress, then the import's report. */
KithImportDialog *kith_import_dialog_start_refi (GtkWindow   *parent,
                                                 KithContext *context,
                                                 const char  *file,
                                                 gboolean     codebook);

/* Makes the project @project_path from the REFI-QDA project @file, shows
 * progress and the report, and opens the project once it is made (a
 * failure leaves no project behind). */
KithImportDialog *kith_import_dialog_start_refi_new (GtkWindow  *parent,
                                                     const char *project_path,
                                                     const char *file);

G_END_DECLS
