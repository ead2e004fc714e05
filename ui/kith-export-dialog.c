/* kith-export-dialog.c */
#include <glib/gi18n.h>

#include "kith-app-jobs.h"
#include "kith-export-dialog.h"

struct _KithExportDialog
{
  AdwWindow       parent_instance;

  GtkStack       *stack;
  GtkLabel       *progress_label;
  GtkProgressBar *progress_bar;
  GtkLabel       *summary_title;
  GtkLabel       *summary_detail;
  GtkButton      *close_button;

  KithRefiFormat  format;
  char           *output;
  KithJob        *job;
};

G_DEFINE_FINAL_TYPE (KithExportDialog, kith_export_dialog, ADW_TYPE_WINDOW)

static void
export_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(KithExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree KithRefiExportReport *report = kith_job_run_finish (KITH_JOB (source), result, &error);
  g_autofree char *name = g_path_get_basename (self->output);
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;

  gtk_stack_set_visible_child_name (self->stack, "summary");
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->close_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->close_button));
  if (report == NULL)
    {
      gtk_label_set_text (self->summary_title,
                          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? _("Export cancelled")
                                                                                     : _("Nothing was exported"));
      gtk_label_set_text (self->summary_detail, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? "" : error->message);
      return;
    }
  /* Translators: %s is the name of the file written */
  title = g_strdup_printf (_("Exported to %s"), name);
  detail = kith_refi_export_report_text (report, self->format);
  g_strchomp (detail);
  gtk_label_set_text (self->summary_title, title);
  gtk_label_set_text (self->summary_detail, detail);
}

static void
on_cancel (GtkButton *button, KithExportDialog *self)
{
  kith_job_cancel (self->job);
  gtk_label_set_text (self->progress_label, _("Cancelling…"));
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
}

static void
on_close (GtkButton *button, KithExportDialog *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
kith_export_dialog_close_request (GtkWindow *window)
{
  KithExportDialog *self = KITH_EXPORT_DIALOG (window);

  if (self->job != NULL)
    kith_job_cancel (self->job);
  return GTK_WINDOW_CLASS (kith_export_dialog_parent_class)->close_request (window);
}

static void
kith_export_dialog_dispose (GObject *object)
{
  KithExportDialog *self = KITH_EXPORT_DIALOG (object);

  if (self->job != NULL)
    kith_job_cancel (self->job);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_EXPORT_DIALOG);
  G_OBJECT_CLASS (kith_export_dialog_parent_class)->dispose (object);
}

static void
kith_export_dialog_finalize (GObject *object)
{
  KithExportDialog *self = KITH_EXPORT_DIALOG (object);

  g_clear_object (&self->job);
  g_free (self->output);
  G_OBJECT_CLASS (kith_export_dialog_parent_class)->finalize (object);
}

static void
kith_export_dialog_class_init (KithExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_export_dialog_dispose;
  object_class->finalize = kith_export_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = kith_export_dialog_close_request;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/kith/Kith/kith-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KithExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, KithExportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, KithExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KithExportDialog, summary_title);
  gtk_widget_class_bind_template_child (widget_class, KithExportDialog, summary_detail);
  gtk_widget_class_bind_template_child (widget_class, KithExportDialog, close_button);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel);
  gtk_widget_class_bind_template_callback (widget_class, on_close);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kith_export_dialog_init (KithExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

KithExportDialog *
kith_export_dialog_start (GtkWindow                   *parent,
                          KithContext                 *context,
                          KithRefiFormat               format,
                          const KithRefiExportOptions *options,
                          const char                  *output)
{
  KithExportDialog *self = g_object_new (KITH_TYPE_EXPORT_DIALOG,
                                         "transient-for", parent,
                                         "modal", TRUE,
                                         NULL);

  self->format = format;
  self->output = g_strdup (output);
  /* the dialog stays until the job is done, so its progress has somewhere to go */
  self->job = kith_job_export_refi (kith_context_get_path (context), format, options, output, export_done,
                                    g_object_ref (self));
  g_object_bind_property (self->job, "fraction", self->progress_bar, "fraction", G_BINDING_DEFAULT);
  g_object_bind_property (self->job, "message", self->progress_label, "label", G_BINDING_DEFAULT);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
