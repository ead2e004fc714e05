/* kith-import-dialog.c */
#include <glib/gi18n.h>

#include "kith-document-list.h"
#include "kith-import.h"
#include "kith-import-dialog.h"
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

  KithContext    *context;
  GCancellable   *cancellable;

  /* progress, written by the import thread, shown by the main loop */
  GMutex          lock;
  char           *current;
  guint           index;
  guint           total;
  double          fraction;
  guint           progress_idle;
};

G_DEFINE_FINAL_TYPE (KithImportDialog, kith_import_dialog, ADW_TYPE_WINDOW)

static gboolean
show_progress (gpointer data)
{
  KithImportDialog *self = data;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  double overall;

  g_mutex_lock (&self->lock);
  self->progress_idle = 0;
  name = self->current != NULL ? g_path_get_basename (self->current) : NULL;
  overall = self->total > 0 ? (self->index + self->fraction) / self->total : 0;
  text = name != NULL ? g_strdup_printf (_("Importing %u of %u: %s"), self->index + 1, self->total, name) : NULL;
  g_mutex_unlock (&self->lock);

  if (text != NULL)
    gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, overall);
  return G_SOURCE_REMOVE;
}

/* in the import thread */
static void
on_progress (const char *path, guint index, guint total, double fraction, gpointer user_data)
{
  KithImportDialog *self = user_data;

  g_mutex_lock (&self->lock);
  if (g_strcmp0 (self->current, path) != 0)
    {
      g_free (self->current);
      self->current = g_strdup (path);
    }
  self->index = index;
  self->total = total;
  self->fraction = fraction;
  if (self->progress_idle == 0)
    self->progress_idle = g_idle_add_full (G_PRIORITY_DEFAULT, show_progress, g_object_ref (self), g_object_unref);
  g_mutex_unlock (&self->lock);
}

static void
import_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  KithImportDialog *self = source;
  GStrv paths = task_data;
  GError *error = NULL;
  g_autoptr(KithProject) project = kith_project_open (kith_context_get_path (self->context), KITH_OPEN_DEFAULT, &error);
  KithImportOptions options;

  if (project == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  kith_project_set_coder (project, kith_project_get_coder (kith_context_get_project (self->context)));
  kith_import_options_init (&options);
  options.progress = on_progress;
  options.progress_data = self;
  options.cancellable = cancellable;
  g_task_return_pointer (task, kith_import_paths (project, (const char *const *) paths, &options),
                         (GDestroyNotify) g_ptr_array_unref);
}

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

static void
import_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  KithImportDialog *self = KITH_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = g_task_propagate_pointer (G_TASK (result), &error);
  guint counts[4] = { 0 };
  gboolean cancelled = g_cancellable_is_cancelled (self->cancellable);
  g_autofree char *title = NULL;
  g_autoptr(GString) detail = g_string_new (NULL);

  kith_context_check_now (self->context);
  gtk_stack_set_visible_child_name (self->stack, "summary");
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->close_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->close_button));
  if (results == NULL)
    {
      gtk_label_set_text (self->summary_title, _("Nothing was imported"));
      gtk_label_set_text (self->summary_detail, error->message);
      return;
    }
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

static void
on_cancel (GtkButton *button, KithImportDialog *self)
{
  g_cancellable_cancel (self->cancellable);
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

  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (kith_import_dialog_parent_class)->close_request (window);
}

static void
kith_import_dialog_dispose (GObject *object)
{
  KithImportDialog *self = KITH_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (kith_import_dialog_parent_class)->dispose (object);
}

static void
kith_import_dialog_finalize (GObject *object)
{
  KithImportDialog *self = KITH_IMPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_free (self->current);
  g_mutex_clear (&self->lock);
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
  g_mutex_init (&self->lock);
  self->cancellable = g_cancellable_new ();
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
  g_autoptr(GTask) task = NULL;

  self->context = g_object_ref (context);
  task = g_task_new (self, self->cancellable, import_done, NULL);
  g_task_set_task_data (task, g_strdupv ((char **) paths), (GDestroyNotify) g_strfreev);
  g_task_run_in_thread (task, import_thread);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}
