/* kith-import-dialog.c */
#include <glib/gi18n.h>

#include "kith-app-jobs.h"
#include "kith-document-list.h"
#include "kith-import.h"
#include "kith-import-dialog.h"
#include "kith-refi-import.h"
#include "kith-ui-util.h"

struct _KithImportDialog
{
  AdwWindow       parent_instance;

  GtkStack       *stack;
  GtkLabel       *progress_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *summary_title;
  GtkLabel       *summary_detail;
  GtkListBox     *results_list;
  GtkButton      *close_button;

  KithContext    *context;      /* NULL while making a project */
  KithJob        *job;
  char           *made_path;    /* the project being made, to open once it is */
};

G_DEFINE_FINAL_TYPE (KithImportDialog, kith_import_dialog, ADW_TYPE_WINDOW)

static GtkWidget *
result_row (KithImportResult *r, gboolean cancelled)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *name = g_path_get_basename (r->path);
  g_autofree char *title = g_markup_escape_text (name, -1);
  g_autofree char *subtitle = NULL;
  g_autofree char *label = NULL;
  const char *icon;

  switch (r->status)
    {
    case KITH_IMPORT_IMPORTED:
      icon = "emblem-ok-symbolic";
      subtitle = r->n_turns > 0
        ? g_strdup_printf (_("%s, %lld characters, %u turns by %u speakers"),
                           kith_document_kind_label (r->kind), (long long) r->n_chars, r->n_turns, r->n_speakers)
        : g_strdup_printf (_("%s, %lld characters"), kith_document_kind_label (r->kind), (long long) r->n_chars);
      break;
    case KITH_IMPORT_DUPLICATE:
      icon = "edit-copy-symbolic";
      subtitle = g_strdup_printf (_("Already imported, as “%s”"), r->document_name != NULL ? r->document_name : "?");
      break;
    case KITH_IMPORT_SKIPPED:
      icon = "action-unavailable-symbolic";
      subtitle = g_strdup_printf (_("Skipped: %s"), r->message);
      break;
    case KITH_IMPORT_FAILED:
    default:
      icon = "dialog-warning-symbolic";
      subtitle = cancelled && r->error_code == 0 ? g_strdup (_("Not imported: the import was cancelled"))
                                                 : g_strdup_printf (_("Failed: %s"), r->message);
      break;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  {
    g_autofree char *escaped = g_markup_escape_text (subtitle, -1);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  }
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), g_object_new (GTK_TYPE_IMAGE, "icon-name", icon,
                                                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                                                  NULL));
  label = g_strdup_printf ("%s: %s", name, subtitle);
  kith_set_label (row, label);
  return row;
}

/* Turns to the summary once the job is done; FALSE (the error shown) when
 * nothing was imported. */
static gboolean
show_summary (KithImportDialog *self, gboolean done, const GError *error)
{
  if (self->context != NULL)
    kith_context_check_now (self->context);
  gtk_stack_set_visible_child_name (self->stack, "summary");
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->close_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->close_button));
  if (done)
    return TRUE;
  gtk_label_set_text (self->summary_title, _("Nothing was imported"));
  gtk_label_set_text (self->summary_detail, error->message);
  return FALSE;
}

static void
import_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(KithImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = kith_job_run_finish (KITH_JOB (source), result, &error);
  guint counts[4] = { 0 };
  gboolean cancelled = kith_job_is_cancelled (KITH_JOB (source));
  g_autofree char *title = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);

  if (!show_summary (self, results != NULL, error))
    return;
  for (guint i = 0; i < results->len; i++)
    {
      KithImportResult *r = g_ptr_array_index (results, i);
      counts[r->status]++;
      gtk_list_box_append (self->results_list, result_row (r, cancelled));
    }
  title = counts[KITH_IMPORT_IMPORTED] == 0
    ? g_strdup (cancelled ? _("Import cancelled") : _("No new documents"))
    : g_strdup_printf (g_dngettext (NULL, "%u document imported", "%u documents imported",
                                    counts[KITH_IMPORT_IMPORTED]), counts[KITH_IMPORT_IMPORTED]);
  gtk_label_set_text (self->summary_title, title);
  if (counts[KITH_IMPORT_DUPLICATE] > 0)
    g_string_append_printf (detail, g_dngettext (NULL, "%u already in the project", "%u already in the project",
                                                 counts[KITH_IMPORT_DUPLICATE]), counts[KITH_IMPORT_DUPLICATE]);
  if (counts[KITH_IMPORT_SKIPPED] > 0)
    g_string_append_printf (detail, "%s%u %s", detail->len > 0 ? " · " : "", counts[KITH_IMPORT_SKIPPED],
                            _("skipped"));
  if (counts[KITH_IMPORT_FAILED] > 0)
    g_string_append_printf (detail, "%s%u %s", detail->len > 0 ? " · " : "", counts[KITH_IMPORT_FAILED],
                            cancelled ? _("not imported") : _("failed"));
  gtk_label_set_text (self->summary_detail, detail->str);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_detail), detail->len > 0);
}

static GtkWidget *
report_row (const char *icon, const char *title, const char *text)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_autofree char *label = g_strdup_printf ("%s: %s", title, text);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), g_object_new (GTK_TYPE_IMAGE, "icon-name", icon,
                                                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                                                  NULL));
  kith_set_label (row, label);
  return row;
}

/* The REFI-QDA report: what came in as the detail, then a row for each
 * thing adjusted and each thing skipped. */
static void
refi_import_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(KithImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  KithRefiReport *report = kith_job_run_finish (KITH_JOB (source), result, &error);
  g_autofree char *title = NULL, *detail = NULL;

  if (!show_summary (self, report != NULL, error))
    return;
  if (self->made_path != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (g_application_get_default ()), "open-recent",
                                    g_variant_new_string (self->made_path));
  if (report->codebook)
    title = g_strdup_printf (g_dngettext (NULL, "%u code added to the codebook", "%u codes added to the codebook",
                                          report->n_codes_new), report->n_codes_new);
  else
    title = g_strdup_printf (g_dngettext (NULL, "%u coding imported", "%u codings imported", report->n_codings_new),
                             report->n_codings_new);
  /* Translators: what a REFI-QDA file brought in; each %u is a count */
  detail = g_strdup_printf (_("Codes: %u new of %u · documents: %u new of %u · cases: %u · memos: %u"),
                            report->n_codes_new, report->n_codes, report->n_documents_new, report->n_documents,
                            report->n_cases, report->n_memos);
  gtk_label_set_text (self->summary_title, title);
  gtk_label_set_text (self->summary_detail, detail);
  for (guint i = 0; i < report->adjusted->len; i++)
    gtk_list_box_append (self->results_list, report_row ("document-edit-symbolic", _("Adjusted"),
                                                         g_ptr_array_index (report->adjusted, i)));
  for (guint i = 0; i < report->skipped->len; i++)
    gtk_list_box_append (self->results_list, report_row ("action-unavailable-symbolic", _("Skipped"),
                                                         g_ptr_array_index (report->skipped, i)));
  kith_refi_report_free (report);
}

static void
on_cancel (GtkButton *button, KithImportDialog *self)
{
  kith_job_cancel (self->job);
  gtk_label_set_text (self->progress_label, _("Cancelling…"));
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
}

static void
on_close (GtkButton *button, KithImportDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

/* closing while importing cancels the import; the dialog stays until the
 * thread is done so its progress has somewhere to go */
static gboolean
kith_import_dialog_close_request (GtkWindow *window)
{
  KithImportDialog *self = KITH_IMPORT_DIALOG (window);

  if (self->job != NULL)
    kith_job_cancel (self->job);
  return GTK_WINDOW_CLASS (kith_import_dialog_parent_class)->close_request (window);
}

static void
kith_import_dialog_dispose (GObject *object)
{
  KithImportDialog *self = KITH_IMPORT_DIALOG (object);

  if (self->job != NULL)
    kith_job_cancel (self->job);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (kith_import_dialog_parent_class)->dispose (object);
}

static void
kith_import_dialog_finalize (GObject *object)
{
  KithImportDialog *self = KITH_IMPORT_DIALOG (object);

  g_clear_object (&self->job);
  g_free (self->made_path);
  G_OBJECT_CLASS (kith_import_dialog_parent_class)->finalize (object);
}

static void
kith_import_dialog_class_init (KithImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_import_dialog_dispose;
  object_class->finalize = kith_import_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = kith_import_dialog_close_request;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/kith/Kith/kith-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KithImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, KithImportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, KithImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KithImportDialog, summary_title);
  gtk_widget_class_bind_template_child (widget_class, KithImportDialog, summary_detail);
  gtk_widget_class_bind_template_child (widget_class, KithImportDialog, results_list);
  gtk_widget_class_bind_template_child (widget_class, KithImportDialog, close_button);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel);
  gtk_widget_class_bind_template_callback (widget_class, on_close);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kith_import_dialog_init (KithImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

KithImportDialog *
kith_import_dialog_start (GtkWindow         *parent,
                          KithContext       *context,
                          const char *const *paths)
{
  KithImportDialog *self = g_object_new (KITH_TYPE_IMPORT_DIALOG,
                                         "transient-for", parent,
                                         "modal", TRUE,
                                         NULL);

  self->context = g_object_ref (context);
  /* the dialog stays until the job is done, so its progress has somewhere to go */
  self->job = kith_job_import (kith_context_get_path (context), kith_project_get_coder (kith_context_get_project (context)),
                               paths, import_done, g_object_ref (self));
  g_object_bind_property (self->job, "fraction", self->progress_bar, "fraction", G_BINDING_DEFAULT);
  g_object_bind_property (self->job, "message", self->progress_label, "label", G_BINDING_DEFAULT);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/* Shows @self following @job's progress (taken). */
static KithImportDialog *
follow (KithImportDialog *self, KithJob *job)
{
  self->job = job;
  g_object_bind_property (self->job, "fraction", self->progress_bar, "fraction", G_BINDING_DEFAULT);
  g_object_bind_property (self->job, "message", self->progress_label, "label", G_BINDING_DEFAULT);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

static KithImportDialog *
new_dialog (GtkWindow *parent)
{
  return g_object_new (KITH_TYPE_IMPORT_DIALOG, "transient-for", parent, "modal", TRUE, NULL);
}

KithImportDialog *
kith_import_dialog_start_refi (GtkWindow   *parent,
                               KithContext *context,
                               const char  *file,
                               gboolean     codebook)
{
  KithImportDialog *self = new_dialog (parent);

  self->context = g_object_ref (context);
  return follow (self, kith_job_import_refi (kith_context_get_path (context),
                                                     kith_project_get_coder (kith_context_get_project (context)),
                                                     file, codebook, refi_import_done, g_object_ref (self)));
}

KithImportDialog *
kith_import_dialog_start_refi_new (GtkWindow  *parent,
                                   const char *project_path,
                                   const char *file)
{
  KithImportDialog *self = new_dialog (parent);

  self->made_path = g_strdup (project_path);
  return follow (self, kith_job_import_refi_new (project_path, NULL, file, refi_import_done,
                                                         g_object_ref (self)));
}
