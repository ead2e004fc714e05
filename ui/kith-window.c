/* kith-window.c — a window, its project, and how its parts follow one
 * another: the project changes → models reload → views update */
#include "kith-config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kith-document-list.h"
#include "kith-pins.h"
#include "kith-recent.h"
#include "kith-settings.h"
#include "kith-ui-util.h"
#include "kith-window-private.h"

G_DEFINE_FINAL_TYPE (KithWindow, kith_window, ADW_TYPE_APPLICATION_WINDOW)

/* libadwaita 1.2's toast has an icon-only close button without an
 * accessible name; the toast widgets are the overlay's own children */
static void
name_close_buttons (GtkWidget *widget, gboolean in_toast)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gboolean toast = in_toast || g_str_equal (G_OBJECT_TYPE_NAME (child), "AdwToastWidget");

      if (!toast)
        continue;
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL
          && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), "window-close-symbolic") == 0)
        kith_set_label (child, _("Dismiss"));
      name_close_buttons (child, TRUE);
    }
}

void
kith_window_toast (KithWindow *self,
                   const char *title,
                   gboolean    undo)
{
  AdwToast *toast = adw_toast_new (title);

  if (undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "win.undo");
    }
  /* libadwaita's default, long enough to read; more to reach Undo */
  adw_toast_set_timeout (toast, undo ? 8 : 5);
  /* the newest news at once, not queued behind older toasts (a run of
   * decisions would otherwise keep stale ones on screen for minutes);
   * with none showing, the overlay makes the toast's widget right away */
  if (self->toast != NULL)
    adw_toast_dismiss (self->toast);
  g_set_weak_pointer (&self->toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  name_close_buttons (GTK_WIDGET (self->toast_overlay), FALSE);
}

void
kith_window_show_error (KithWindow   *self,
                        const char   *heading,
                        const GError *error)
{
  kith_show_error (GTK_WINDOW (self), heading, error);
}

KithDocumentView *
kith_window_get_document_view (KithWindow *self)
{
  return self->document_view;
}

const char *
kith_window_get_project_path (KithWindow *self)
{
  g_return_val_if_fail (KITH_IS_WINDOW (self), NULL);
  return self->context != NULL ? kith_context_get_path (self->context) : NULL;
}

/* ---- the parts follow each other ----------------------------------------- */

static void
update_title (KithWindow *self)
{
  gint64 id = kith_document_view_get_document_id (self->document_view);
  KithDocumentItem *doc = id != 0 ? kith_document_list_find (self->document_list, id, NULL) : NULL;
  const char *project = kith_project_get_display_name (kith_context_get_project (self->context));
  g_autofree char *base = g_path_get_basename (project);
  g_autofree char *name = g_str_has_suffix (base, ".kith") ? g_strndup (base, strlen (base) - 5) : g_strdup (base);
  gboolean retrieval = g_str_equal (gtk_stack_get_visible_child_name (self->content_stack), "retrieval");
  gboolean summary = g_str_equal (gtk_stack_get_visible_child_name (self->content_stack), "summary");
  gboolean matrix = g_str_equal (gtk_stack_get_visible_child_name (self->content_stack), "matrix");
  const char *subtitle = retrieval ? _("Extracts") : summary ? _("Summary") : matrix ? _("Matrix")
                         : doc != NULL ? kith_document_item_get_name (doc) : NULL;
  g_autofree char *title = subtitle != NULL ? g_strdup_printf ("%s — %s", subtitle, name) : g_strdup (name);

  adw_window_title_set_title (self->window_title, name);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

void
kith_window_refresh_inspector (KithWindow *self)
{
  g_autoptr(GPtrArray) codings = kith_document_view_get_codings_at_cursor (self->document_view);

  GtkTextBuffer *buffer = gtk_text_view_get_buffer (kith_document_view_get_text_view (self->document_view));

  kith_inspector_show_codings (self->inspector, codings,
                               kith_document_view_get_document_id (self->document_view) != 0 ? buffer : NULL);
}

static void
on_selection_changed (KithDocumentView *view, KithWindow *self)
{
  kith_window_refresh_inspector (self);
  kith_window_update_actions (self);
}

static void
on_document_loaded (KithDocumentView *view, KithWindow *self)
{
  update_title (self);
  kith_window_refresh_inspector (self);
  kith_window_update_actions (self);
}

static void
on_inspector_coding (KithInspector *inspector, gint64 coding_id, KithWindow *self)
{
  kith_document_view_set_selected_coding (self->document_view, coding_id);
  kith_window_update_actions (self);
}

static void
on_gutter_coding (KithDocumentView *view, gint64 coding_id, KithWindow *self)
{
  KithCoding *coding = kith_document_view_get_coding (view, coding_id);

  if (coding == NULL)
    return;
  kith_inspector_select_coding (self->inspector, coding_id);
  kith_document_view_set_selected_coding (view, coding_id);
  kith_document_view_select_span (view, coding->start, coding->end);
}

static void
on_code_selection (KithCodeTree *tree, KithWindow *self)
{
  if (g_str_equal (gtk_stack_get_visible_child_name (self->content_stack), "retrieval"))
    kith_window_sync_retrieval (self);
  kith_window_update_actions (self);
}

static void
on_extract_selected (KithRetrievalView *view, gint64 coding_id, const char *text, KithWindow *self)
{
  kith_inspector_show_extract (self->inspector, coding_id, text);
  kith_window_update_actions (self);
}

void
kith_window_sync_retrieval (KithWindow *self)
{
  g_autoptr(GArray) ids = kith_code_tree_get_selected_ids (self->code_tree);

  kith_retrieval_view_set_codes (self->retrieval_view, ids);
}

/* First of all on the context's "changed" (connected before the views): the
 * lists every view reads from, and which document is open. */
static void
on_context_changed (KithContext *context, gboolean external, KithWindow *self)
{
  g_autoptr(GError) error = NULL;
  gint64 open = kith_document_view_get_document_id (self->document_view);

  if (!kith_document_list_reload (self->document_list, kith_context_get_project (context), &error)
      || !kith_code_list_reload (self->code_list, kith_context_get_project (context), &error))
    {
      g_warning ("cannot read the project: %s", error->message);
      return;
    }
  if (open != 0 && kith_document_list_find (self->document_list, open, NULL) == NULL)
    {
      kith_document_view_clear (self->document_view);
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
    }
}

/* Last of all (G_CONNECT_AFTER), once the views have followed the change:
 * the coding an action just made is chosen, and the window's own parts. */
static void
on_context_changed_after (KithContext *context, gboolean external, KithWindow *self)
{
  if (self->pending_coding != 0 && kith_document_view_get_coding (self->document_view, self->pending_coding) != NULL)
    {
      kith_inspector_select_coding (self->inspector, self->pending_coding);
      kith_document_view_set_selected_coding (self->document_view, self->pending_coding);
    }
  self->pending_coding = 0;
  update_title (self);
  kith_window_update_history (self);
  kith_window_update_actions (self);
}

void
kith_window_open_document (KithWindow *self,
                           gint64      id,
                           gint64      start,
                           gint64      end)
{
  g_return_if_fail (self->context != NULL);

  kith_document_sidebar_select (self->documents, id);
  gtk_stack_set_visible_child_name (self->content_stack, "document");
  kith_document_view_load (self->document_view, id, start, end);
  update_title (self);
  kith_window_update_actions (self);
}

/* ---- opening a project ---------------------------------------------------- */

/* A project that cannot be changed says so above everything, and why; the
 * editing actions are off (kith_window_update_actions). */
static void
show_read_only (KithWindow *self)
{
  g_autofree char *reason = kith_project_dup_read_only_reason (kith_context_get_project (self->context));

  reason[0] = g_ascii_toupper (reason[0]);
  gtk_label_set_text (self->read_only_reason, reason);
  gtk_widget_set_visible (self->read_only_bar, TRUE);
}

gboolean
kith_window_open_project (KithWindow *self,
                          const char *path,
                          GError    **error)
{
  g_autoptr(KithContext) context = NULL;
  g_autofree char *coder = NULL;

  g_return_val_if_fail (KITH_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (self->context == NULL, FALSE);

  context = kith_context_open (path, error);
  if (context == NULL)
    return FALSE;
  self->context = g_steal_pointer (&context);
  coder = kith_settings_dup_coder ();
  if (coder != NULL)
    kith_project_set_coder (kith_context_get_project (self->context), coder);
  /* the number keys keep their codes from now on, whatever is added */
  if (!kith_project_is_read_only (kith_context_get_project (self->context)))
    kith_pins_settle (kith_context_get_project (self->context), NULL);
  else
    show_read_only (self);
  if (!kith_document_list_reload (self->document_list, kith_context_get_project (self->context), error)
      || !kith_code_list_reload (self->code_list, kith_context_get_project (self->context), error))
    {
      g_clear_object (&self->context);
      return FALSE;
    }
  /* the lists first, then each view follows the change itself, then the
   * window (signal handlers run in the order connected, "after" ones last) */
  g_signal_connect (self->context, "changed", G_CALLBACK (on_context_changed), self);
  kith_document_view_set_context (self->document_view, self->context, self->code_list);
  kith_document_view_set_review (self->document_view, self->review);
  kith_inspector_set_context (self->inspector, self->context, self->code_list);
  kith_review_panel_set_codes (self->review_panel, self->code_list);
  kith_review_panel_follow (self->review_panel, self->review, self->context,
                            kith_document_view_get_text_view (self->document_view));
  kith_retrieval_view_set_context (self->retrieval_view, self->context, self->code_list);
  kith_summary_view_set_context (self->summary_view, self->context);
  kith_matrix_view_set_context (self->matrix_view, self->context);
  g_signal_connect_after (self->context, "changed", G_CALLBACK (on_context_changed_after), self);
  kith_window_review_follow (self);
  gtk_stack_set_visible_child_name (self->main_stack, "project");
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
  update_title (self);
  kith_window_update_history (self);
  kith_window_update_actions (self);
  kith_document_sidebar_focus (self->documents);
  return TRUE;
}

/* ---- files dropped on the window are imported ----------------------------- */

static gboolean
on_files_dropped (GtkDropTarget *target, const GValue *value, double x, double y, KithWindow *self)
{
  GSList *files = g_value_get_boxed (value);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  if (self->context == NULL)
    {
      /* a project file dropped on the welcome view opens it */
      for (GSList *l = files; l != NULL; l = l->next)
        {
          g_autofree char *path = g_file_get_path (l->data);
          if (path != NULL && g_str_has_suffix (path, ".kith"))
            {
              kith_application_open_project (KITH_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                                             path, GTK_WINDOW (self));
              return TRUE;
            }
        }
      return FALSE;
    }
  if (kith_project_is_read_only (kith_context_get_project (self->context)))
    return FALSE;
  for (GSList *l = files; l != NULL; l = l->next)
    {
      char *path = g_file_get_path (l->data);
      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  if (paths->len == 0)
    return FALSE;
  g_ptr_array_add (paths, NULL);
  kith_window_import_paths (self, (const char *const *) paths->pdata);
  return TRUE;
}

/* ---- size and panes, as the last window closed left them ------------------- */

static void
restore_layout (KithWindow *self)
{
  GSettings *settings = kith_settings_get ();
  int inspector;

  if (settings == NULL)
    return;
  gtk_window_set_default_size (GTK_WINDOW (self), g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  gtk_paned_set_position (self->outer_paned, g_settings_get_int (settings, "sidebar-width"));
  gtk_paned_set_position (GTK_PANED (self->sidebar), g_settings_get_int (settings, "documents-height"));
  inspector = g_settings_get_int (settings, "inspector-position");
  if (inspector >= 0)
    gtk_paned_set_position (self->inner_paned, inspector);
}

static void
save_layout (KithWindow *self)
{
  GSettings *settings = kith_settings_get ();
  int width, height;

  if (settings == NULL)
    return;
  /* GTK keeps the default size up to date as the window is resized; a
   * maximised window keeps the size it will return to */
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  /* the panes have their positions only once a project was shown */
  if (gtk_widget_get_mapped (GTK_WIDGET (self->outer_paned)))
    {
      g_settings_set_int (settings, "sidebar-width", gtk_paned_get_position (self->outer_paned));
      g_settings_set_int (settings, "documents-height", gtk_paned_get_position (GTK_PANED (self->sidebar)));
      g_settings_set_int (settings, "inspector-position", gtk_paned_get_position (self->inner_paned));
    }
  /* the app may exit right after its last window: written now */
  g_settings_sync ();
}

/* ---- GObject ---------------------------------------------------------------- */

static gboolean
kith_window_close_request (GtkWindow *window)
{
  KithWindow *self = KITH_WINDOW (window);

  /* a memo being typed is saved, not lost */
  kith_inspector_flush (self->inspector);
  save_layout (self);
  kith_window_review_cancel (self);
  if (self->context != NULL)
    kith_context_close (self->context);
  return GTK_WINDOW_CLASS (kith_window_parent_class)->close_request (window);
}

static void
kith_window_dispose (GObject *object)
{
  KithWindow *self = KITH_WINDOW (object);

  if (self->context != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->context, self);
      kith_context_close (self->context);
    }
  /* the parts go one by one: none reaches another through the window while
   * they do (a list or selection emptied as it goes tells of it) */
  if (self->review != NULL)
    g_signal_handlers_disconnect_by_data (self->review, self);
  if (self->document_view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->document_view, self);
      g_signal_handlers_disconnect_by_data (self->inspector, self);
      g_signal_handlers_disconnect_by_data (self->code_tree, self);
      g_signal_handlers_disconnect_by_data (self->retrieval_view, self);
      g_signal_handlers_disconnect_by_data (self->summary_view, self);
      g_signal_handlers_disconnect_by_data (self->matrix_view, self);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_WINDOW);
  g_clear_object (&self->context);
  g_clear_object (&self->document_list);
  g_clear_object (&self->code_list);
  g_clear_object (&self->history_section);
  g_clear_weak_pointer (&self->toast);
  g_clear_weak_pointer (&self->chooser);
  kith_window_review_cancel (self);
  self->review_panel = NULL;
  G_OBJECT_CLASS (kith_window_parent_class)->dispose (object);
}

static void
kith_window_finalize (GObject *object)
{
  KithWindow *self = KITH_WINDOW (object);

  g_clear_object (&self->suggesting);
  g_clear_object (&self->review);
  G_OBJECT_CLASS (kith_window_parent_class)->finalize (object);
}

static void
kith_window_class_init (KithWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_window_dispose;
  object_class->finalize = kith_window_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = kith_window_close_request;

  g_type_ensure (KITH_TYPE_WELCOME);
  g_type_ensure (KITH_TYPE_DOCUMENT_SIDEBAR);
  g_type_ensure (KITH_TYPE_CODE_TREE);
  g_type_ensure (KITH_TYPE_DOCUMENT_VIEW);
  g_type_ensure (KITH_TYPE_RETRIEVAL_VIEW);
  g_type_ensure (KITH_TYPE_SUMMARY_VIEW);
  g_type_ensure (KITH_TYPE_MATRIX_VIEW);
  g_type_ensure (KITH_TYPE_INSPECTOR);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/kith/Kith/kith-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KithWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, welcome);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, read_only_bar);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, read_only_reason);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, inner_paned);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, documents);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, code_tree);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, document_view);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, retrieval_view);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, summary_view);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, matrix_view);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, KithWindow, menu_button);
}

static void
kith_window_init (KithWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  restore_layout (self);
  self->review = kith_review_cursor_new ();
  self->review_panel = kith_inspector_get_review_panel (self->inspector);

  self->document_list = kith_document_list_new ();
  self->code_list = kith_code_list_new ();
  kith_document_sidebar_set_model (self->documents, self->document_list);
  kith_code_tree_set_codes (self->code_tree, self->code_list);

  g_signal_connect (self->document_view, "selection-changed", G_CALLBACK (on_selection_changed), self);
  g_signal_connect (self->document_view, "loaded", G_CALLBACK (on_document_loaded), self);
  g_signal_connect (self->document_view, "coding-activated", G_CALLBACK (on_gutter_coding), self);
  g_signal_connect (self->inspector, "coding-selected", G_CALLBACK (on_inspector_coding), self);
  g_signal_connect (self->code_tree, "selection-changed", G_CALLBACK (on_code_selection), self);
  g_signal_connect_swapped (self->retrieval_view, "shown-changed", G_CALLBACK (kith_window_update_actions), self);
  g_signal_connect (self->retrieval_view, "extract-selected", G_CALLBACK (on_extract_selected), self);
  g_signal_connect_swapped (self->summary_view, "summary-changed", G_CALLBACK (kith_window_update_actions), self);
  g_signal_connect_swapped (self->matrix_view, "cell-activated", G_CALLBACK (kith_window_show_cell_extracts), self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_files_dropped), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  kith_window_add_actions (self);
  kith_window_update_actions (self);

  /* without a compositor, a popover's shadow would be a black frame */
  if (!gdk_display_is_composited (gtk_widget_get_display (GTK_WIDGET (self))))
    gtk_widget_add_css_class (GTK_WIDGET (self), "no-compositing");
  kith_label_scrollbars (GTK_WIDGET (self));
}

KithWindow *
kith_window_new (KithApplication *app)
{
  return g_object_new (KITH_TYPE_WINDOW, "application", app, NULL);
}
