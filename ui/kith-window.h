/* kith-window.h — a Kith window: the welcome view, or one open project
 * (documents and codebook on the left, the document or the extracts in the
 * middle, the inspector on the right) */
#pragma once

#include <adwaita.h>

#include "kith-application.h"
#include "kith-document-view.h"

G_BEGIN_DECLS

#define KITH_TYPE_WINDOW (kith_window_get_type ())
G_DECLARE_FINAL_TYPE (KithWindow, kith_window, KITH, WINDOW, AdwApplicationWindow)

KithWindow *kith_window_new               (KithApplication *app);
gboolean    kith_window_open_project      (KithWindow      *self,
                                           const char      *path,
                                           GError         **error);
/* The path of the open project, or NULL. */
const char *kith_window_get_project_path  (KithWindow      *self);
/* Opens document @id (and selects a span when @start >= 0). */
void        kith_window_open_document     (KithWindow      *self,
                                           gint64           id,
                                           gint64           start,
                                           gint64           end);
/* The document view (for the benchmark). */
KithDocumentView *kith_window_get_document_view (KithWindow *self);
/* A short message at the bottom of the window; with @undo, an Undo button. */
void        kith_window_toast             (KithWindow      *self,
                                           const char      *title,
                                           gboolean         undo);
/* Imports the REFI-QDA project (or, with @codebook, codebook) @file into
 * the open project, showing progress and then the import's report. */
void        kith_window_import_refi       (KithWindow      *self,
                                           const char      *file,
                                           gboolean         codebook);
/* Installs the window actions' keyboard shortcuts on @app. */
void        kith_window_set_accels        (GtkApplication  *app);

G_END_DECLS
