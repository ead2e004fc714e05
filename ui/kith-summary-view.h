/* kith-summary-view.h — the evaluation summary in the project window: per
 * goal, its barometers beside the comparator's (the report's own cairo
 * charts), the spread across local authorities, and the coded evidence by
 * outcome with quotes; filtered by goal, place and period, exported as the
 * same HTML, Markdown or CSV the command line writes */
#pragma once

#include <gtk/gtk.h>

#include "kith-context.h"

G_BEGIN_DECLS

typedef enum {
  KITH_SUMMARY_FORMAT_HTML,
  KITH_SUMMARY_FORMAT_MARKDOWN,
  KITH_SUMMARY_FORMAT_CSV,
  KITH_SUMMARY_FORMAT_DOCX,
} KithSummaryFormat;

#define KITH_TYPE_SUMMARY_VIEW (kith_summary_view_get_type ())
G_DECLARE_FINAL_TYPE (KithSummaryView, kith_summary_view, KITH, SUMMARY_VIEW, GtkWidget)

/* The view follows @context's changes from now on (while it is shown;
 * when hidden, it catches up once shown again). */
void     kith_summary_view_set_context (KithSummaryView   *self,
                                        KithContext       *context);
/* Builds the summary again, in a thread. */
void     kith_summary_view_refresh     (KithSummaryView   *self);
/* Whether a summary with at least one goal is shown (there is something
 * to export). */
gboolean kith_summary_view_has_summary (KithSummaryView   *self);
/* Writes the summary shown, filters and all, to @path, readable by its
 * owner only (it quotes residents). */
/* *@pseudonymised (may be NULL) gets what the project's Privacy setting
 * replaced (“names 3, postcodes 0, …”), or NULL when it is off. */
gboolean kith_summary_view_export      (KithSummaryView   *self,
                                        const char        *path,
                                        KithSummaryFormat  format,
                                        char             **pseudonymised,
                                        GError           **error);
/* The format a file name asks for by its extension; FALSE when it names
 * none Kith writes. */
gboolean kith_summary_format_from_path (const char        *path,
                                        KithSummaryFormat *format);
/* A name to offer in the save dialog: “<project> summary.html”. (transfer full) */
char    *kith_summary_view_suggest_name (KithSummaryView  *self,
                                        KithSummaryFormat  format);
gboolean kith_summary_view_focus       (KithSummaryView   *self);

G_END_DECLS
