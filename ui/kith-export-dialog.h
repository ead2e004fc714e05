/* kith-export-dialog.h — exporting the project as REFI-QDA in the
 * background: progress with Cancel, then what was written and what was left
 * out. The export runs in a thread on its own read-only connection. */
#pragma once

#include <adwaita.h>

#include "kith-context.h"
#include "kith-refi-export.h"

G_BEGIN_DECLS

#define KITH_TYPE_EXPORT_DIALOG (kith_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KithExportDialog, kith_export_dialog, KITH, EXPORT_DIALOG, AdwWindow)

/* Starts exporting @context's project as @format to @output and presents
 * the dialog over @parent. */
KithExportDialog *kith_export_dialog_start (GtkWindow                   *parent,
                                            KithContext                 *context,
                                            KithRefiFormat               format,
                                            const KithRefiExportOptions *options,
                                            const char                  *output);

G_END_DECLS
