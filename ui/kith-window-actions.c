/* kith-window-actions.c — every command of a project window is an action
 * here; buttons, menus and keys only name them. kith_window_update_actions
 * is the one place that enables and disables them. */
#include <glib/gi18n.h>
#include <string.h>

#include "kith-code-dialogs.h"
#include "kith-code-edit.h"
#include "kith-codes.h"
#include "kith-export-dialog.h"
#include "kith-import.h"
#include "kith-import-dialog.h"
#include "kith-pins.h"
#include "kith-privacy-dialog.h"
#include "kith-ui-util.h"
#include "kith-window-private.h"

static void
set_state (KithWindow *self, const char *name, gboolean state)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (state));
}

static gboolean
showing (KithWindow *self, const char *page)
{
  return g_str_equal (gtk_stack_get_visible_child_name (self->content_stack), page);
}

/* ---- documents -------------------------------------------------------------- */

static void show_retrieval (KithWindow *self, gboolean show);
static void show_summary (KithWindow *self, gboolean show);

/* leaving the extracts view the whole way: its inspector heading too */
static void
leave_retrieval (KithWindow *self)
{
  if (showing (self, "retrieval"))
    show_retrieval (self, FALSE);
  set_state (self, "show-retrieval", FALSE);
}

static void
open_document_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;

  leave_retrieval (self);
  kith_window_open_document (self, g_variant_get_int64 (param), -1, -1);
}

static void
open_document_at_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;
  gint64 id, start, end;

  g_variant_get (param, "(xxx)", &id, &start, &end);
  leave_retrieval (self);
  kith_window_open_document (self, id, start, end);
  kith_document_view_focus_text (self->document_view);
}

static void
find_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;

  if (!showing (self, "document"))
    return;
  kith_document_view_start_find (self->document_view);
}

/* ---- coding ------------------------------------------------------------------ */

static void
apply_code (KithWindow *self, gint64 code_id)
{
  g_autoptr(GError) error = NULL;
  gint64 doc = kith_document_view_get_document_id (self->document_view);
  gint64 start, end, id;

  if (!showing (self, "document") || !kith_document_view_get_selection (self->document_view, &start, &end))
    {
      kith_window_toast (self, _("Select a passage in the document first"), FALSE);
      return;
    }
  id = kith_codings_add (kith_window_project (self), doc, code_id, start, end, NULL, KITH_ORIGIN_MANUAL, &error);
  if (id == 0)
    {
      if (g_error_matches (error, KITH_ERROR, KITH_ERROR_EXISTS))
        kith_window_toast (self, _("This passage already has that code"), FALSE);
      else
        kith_window_report (self, error);
      return;
    }
  self->pending_coding = id;
}

static void
apply_code_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  apply_code (data, g_variant_get_int64 (param));
}

static void
apply_pinned_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;
  int key = g_variant_get_int32 (param);
  gint64 code = key >= 1 && key <= KITH_N_PINS ? kith_code_list_get_pinned (self->code_list, (guint) key - 1) : 0;

  if (code == 0)
    {
      g_autofree char *text = g_strdup_printf (_("No code is on key %d: put one there from a code's menu"), key);
      kith_window_toast (self, text, FALSE);
      return;
    }
  apply_code (self, code);
}

static void
on_picker_chosen (KithCodePicker *picker, gint64 code_id, KithWindow *self)
{
  apply_code (self, code_id);
  kith_document_view_focus_text (self->document_view);
}

static void
on_picker_create (KithCodePicker *picker, const char *path, KithWindow *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = kith_codes_add_path (kith_window_project (self), path, NULL, NULL, &error);

  if (id == 0)
    {
      kith_window_report (self, error);
      return;
    }
  apply_code (self, id);
  kith_document_view_focus_text (self->document_view);
}

static void
pick_code_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;
  GdkRectangle area;
  gint64 start, end;

  if (!kith_document_view_get_selection (self->document_view, &start, &end))
    {
      kith_window_toast (self, _("Select a passage in the document first"), FALSE);
      return;
    }
  if (self->picker == NULL)
    {
      self->picker = kith_code_picker_new (self->code_list);
      gtk_widget_set_parent (GTK_WIDGET (self->picker), GTK_WIDGET (self->document_view));
      g_signal_connect (self->picker, "code-chosen", G_CALLBACK (on_picker_chosen), self);
      g_signal_connect (self->picker, "create-code", G_CALLBACK (on_picker_create), self);
    }
  kith_document_view_get_selection_area (self->document_view, &area);
  kith_code_picker_popup (self->picker, &area);
}

static gint64
chosen_coding (KithWindow *self, GVariant *param)
{
  gint64 id = param != NULL ? g_variant_get_int64 (param) : 0;

  return id != 0 ? id : kith_inspector_get_selected_coding (self->inspector);
}

static void
remove_coding_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;
  g_autoptr(GError) error = NULL;
  gint64 id = chosen_coding (self, param);

  if (id == 0)
    return;
  if (!kith_codings_remove (kith_window_project (self), id, &error))
    {
      kith_window_report (self, error);
      return;
    }
  kith_window_toast (self, _("Coding removed"), TRUE);
}

static void
fit_coding_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;
  g_autoptr(GError) error = NULL;
  gint64 id = kith_inspector_get_selected_coding (self->inspector);
  gint64 start, end;

  if (id == 0 || !kith_document_view_get_selection (self->document_view, &start, &end))
    return;
  if (!kith_codings_set_span (kith_window_project (self), id, start, end, &error))
    kith_window_report (self, error);
  else
    self->pending_coding = id;
}

static void
edit_memo_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;

  set_state (self, "show-inspector", TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->inspector), TRUE);
  kith_inspector_focus_memo (self->inspector);
}

/* ---- undo and redo ------------------------------------------------------------ */

static void
history_step (KithWindow *self, gboolean redo)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *text = NULL;

  /* a memo being typed becomes the step to undo, not a casualty of it */
  kith_inspector_flush (self->inspector);
  if (!(redo ? kith_context_redo : kith_context_undo) (self->context, &label, &error))
    {
      kith_window_report (self, error);
      return;
    }
  text = g_strdup_printf (redo ? _("Redone: %s") : _("Undone: %s"), label);
  kith_window_toast (self, text, FALSE);
}

static void
undo_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  history_step (data, FALSE);
}

static void
redo_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  history_step (data, TRUE);
}

/* ---- the codebook ------------------------------------------------------------- */

typedef struct
{
  KithWindow *window;
  gint64      id;
  gint64      parent;
} CodeTask;

static CodeTask *
code_task (KithWindow *self, gint64 id)
{
  CodeTask *task = g_new0 (CodeTask, 1);

  task->window = g_object_ref (self);
  task->id = id;
  return task;
}

static void
code_task_free (CodeTask *task)
{
  g_object_unref (task->window);
  g_free (task);
}

static gint64
chosen_code (KithWindow *self, GVariant *param)
{
  gint64 id = param != NULL ? g_variant_get_int64 (param) : 0;

  return id != 0 ? id : kith_code_tree_get_current_id (self->code_tree);
}

static void
add_named_code (const char *answer, gpointer data)
{
  CodeTask *task = data;
  KithWindow *self = task->window;
  KithCodeItem *parent = task->parent != 0 ? kith_code_list_lookup (self->code_list, task->parent) : NULL;
  g_autofree char *path = parent != NULL ? g_strdup_printf ("%s/%s", kith_code_item_get_path (parent), answer)
                                         : g_strdup (answer);
  g_autoptr(GError) error = NULL;
  gint64 id = kith_codes_add_path (kith_window_project (self), path, NULL, NULL, &error);

  if (id == 0)
    {
      kith_window_report (self, error);
      return;
    }
  /* the tree has the new code once the project's change is read */
  kith_context_check_now (self->context);
  kith_code_list_reload (self->code_list, kith_window_project (self), NULL);
  kith_code_tree_select (self->code_tree, id);
}

static void
new_code_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;

  kith_ask_code_name (GTK_WINDOW (self), _("New Code"),
                      _("A name, or a path such as “Inclusive/Feel/Safe” to make its parents too."),
                      "", _("_Add"), add_named_code, code_task (self, 0), (GDestroyNotify) code_task_free);
}

static void
new_subcode_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;
  KithCodeItem *parent = kith_code_list_lookup (self->code_list, chosen_code (self, param));
  CodeTask *task;
  g_autofree char *body = NULL;

  if (parent == NULL)
    return;
  task = code_task (self, 0);
  task->parent = kith_code_item_get_id (parent);
  body = g_strdup_printf (_("A code inside “%s”."), kith_code_item_get_path (parent));
  kith_ask_code_name (GTK_WINDOW (self), _("New Subcode"), body, "", _("_Add"), add_named_code, task,
                      (GDestroyNotify) code_task_free);
}

static void
rename_answered (const char *answer, gpointer data)
{
  CodeTask *task = data;
  g_autoptr(GError) error = NULL;

  if (!kith_code_edit_rename (kith_window_project (task->window), task->id, answer, &error))
    kith_window_report (task->window, error);
}

static void
rename_code_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;
  KithCodeItem *code = kith_code_list_lookup (self->code_list, chosen_code (self, param));
  g_autofree char *heading = NULL;

  if (code == NULL)
    return;
  heading = g_strdup_printf (_("Rename “%s”"), kith_code_item_get_name (code));
  kith_ask_code_name (GTK_WINDOW (self), heading, NULL, kith_code_item_get_name (code), _("_Rename"),
                      rename_answered, code_task (self, kith_code_item_get_id (code)), (GDestroyNotify) code_task_free);
}

static void
recolour_answered (const char *answer, gpointer data)
{
  CodeTask *task = data;
  g_autoptr(GError) error = NULL;

  if (!kith_code_edit_recolour (kith_window_project (task->window), task->id, answer, &error))
    kith_window_report (task->window, error);
}

static void
recolour_code_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;
  KithCodeItem *code = kith_code_list_lookup (self->code_list, chosen_code (self, param));

  if (code == NULL)
    return;
  kith_ask_code_colour (GTK_WINDOW (self), kith_code_item_get_name (code), kith_code_item_get_colour (code),
                        recolour_answered, code_task (self, kith_code_item_get_id (code)),
                        (GDestroyNotify) code_task_free);
}

static guint
count_subcodes (KithCodeItem *code)
{
  GListModel *children = kith_code_item_get_children (code);
  guint n = g_list_model_get_n_items (children);
  guint total = n;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KithCodeItem) child = g_list_model_get_item (children, i);
      total += count_subcodes (child);
    }
  return total;
}

static void
delete_answered (const char *answer, gpointer data)
{
  CodeTask *task = data;
  KithWindow *self = task->window;
  g_autoptr(GError) error = NULL;
  KithCodeItem *code = kith_code_list_lookup (self->code_list, task->id);
  g_autofree char *name = g_strdup (code != NULL ? kith_code_item_get_name (code) : "");
  g_autofree char *text = NULL;

  if (!kith_code_edit_delete (kith_window_project (self), task->id, NULL, &error))
    {
      kith_window_report (self, error);
      return;
    }
  text = g_strdup_printf (_("Deleted “%s”"), name);
  kith_window_toast (self, text, TRUE);
}

static void
delete_code_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;
  KithCodeItem *code = kith_code_list_lookup (self->code_list, chosen_code (self, param));
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  guint subcodes;
  gint64 codings;

  if (code == NULL)
    return;
  subcodes = count_subcodes (code);
  codings = kith_code_item_get_n_codings (code);
  heading = g_strdup_printf (_("Delete “%s”?"), kith_code_item_get_name (code));
  if (subcodes > 0)
    body = g_strdup_printf (_("Its %u subcodes and %lld codings go with it. You can undo this."),
                            subcodes, (long long) codings);
  else
    body = g_strdup_printf (g_dngettext (NULL, "Its %lld coding goes with it. You can undo this.",
                                         "Its %lld codings go with it. You can undo this.",
                                         (gulong) codings), (long long) codings);
  kith_ask_confirm (GTK_WINDOW (self), heading, body, _("_Delete"), delete_answered,
                    code_task (self, kith_code_item_get_id (code)), (GDestroyNotify) code_task_free);
}

static void
move_code_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;
  g_autoptr(GError) error = NULL;
  gint64 id, parent;
  int position;

  g_variant_get (param, "(xxi)", &id, &parent, &position);
  if (!kith_code_edit_move (kith_window_project (self), id, parent, position, &error))
    kith_window_report (self, error);
}

static void
pin_code_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;
  g_autoptr(GError) error = NULL;
  gint64 id;
  int key;
  gboolean ok;

  g_variant_get (param, "(xi)", &id, &key);
  if (key >= 1 && key <= KITH_N_PINS)
    ok = kith_pins_set (kith_window_project (self), (guint) key - 1, id, &error);
  else
    {
      KithCodeItem *code = kith_code_list_lookup (self->code_list, id);
      int pin = code != NULL ? kith_code_item_get_pin (code) : 0;
      ok = pin == 0 || kith_pins_set (kith_window_project (self), (guint) pin - 1, 0, &error);
    }
  if (!ok)
    kith_window_report (self, error);
}

/* ---- retrieval ------------------------------------------------------------------- */


/* Leaving the extracts or the summary: the open document again, and the
 * inspector on what is at its cursor */
static void
back_to_document (KithWindow *self)
{
  gboolean has_doc = kith_document_view_get_document_id (self->document_view) != 0;

  gtk_stack_set_visible_child_name (self->content_stack, has_doc ? "document" : "empty");
  if (has_doc)
    kith_document_view_focus_text (self->document_view);
  kith_inspector_set_hint (self->inspector, _("At the Cursor"),
                           _("No codes here. Select a passage, then press Ctrl+K or a number key to code it."));
  kith_window_refresh_inspector (self);
}

static void
show_retrieval (KithWindow *self, gboolean show)
{
  set_state (self, "show-retrieval", show);
  if (show)
    {
      set_state (self, "show-summary", FALSE);
      gtk_stack_set_visible_child_name (self->content_stack, "retrieval");
      kith_window_sync_retrieval (self);
      kith_retrieval_view_focus (self->retrieval_view);
      kith_inspector_set_hint (self->inspector, _("Extract"), _("Choose an extract to see its coding and memo here."));
      kith_inspector_show_extract (self->inspector, 0, NULL);
    }
  else
    {
      back_to_document (self);
    }
  adw_window_title_set_subtitle (self->window_title, show ? _("Extracts") : NULL);
  kith_window_update_actions (self);
}

static void
show_retrieval_changed (GSimpleAction *action, GVariant *value, gpointer data)
{
  show_retrieval (data, g_variant_get_boolean (value));
}

static void
show_code_extracts_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;

  kith_code_tree_select (self->code_tree, g_variant_get_int64 (param));
  show_retrieval (self, TRUE);
}

/* a matrix cell's extracts, in the Extracts view; the toggle shows it */
void
kith_window_show_cell_extracts (KithWindow *self, GArray *coding_ids, const char *title)
{
  show_retrieval (self, TRUE);
  kith_retrieval_view_set_codings (self->retrieval_view, coding_ids, title);
}

/* ---- the framework matrix ---------------------------------------------------------- */

static void
show_matrix_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;

  /* the toggles let go, as when a document opens */
  if (showing (self, "retrieval"))
    show_retrieval (self, FALSE);
  if (showing (self, "summary"))
    show_summary (self, FALSE);
  gtk_stack_set_visible_child_name (self->content_stack, "matrix");
  kith_matrix_view_focus (self->matrix_view);
  adw_window_title_set_subtitle (self->window_title, _("Matrix"));
  kith_window_update_actions (self);
}

/* ---- privacy ------------------------------------------------------------------------ */

static void
show_privacy_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;

  gtk_window_present (GTK_WINDOW (kith_privacy_dialog_new (GTK_WINDOW (self), self->context)));
}

/* ---- files --------------------------------------------------------------------- */

typedef void (*ChosenFunc) (KithWindow *self, GtkFileChooser *chooser);

static void
on_chooser_response (GtkNativeDialog *dialog, int response, KithWindow *self)
{
  ChosenFunc chosen = g_object_get_data (G_OBJECT (dialog), "kith-chosen");

  g_clear_weak_pointer (&self->chooser);
  if (response == GTK_RESPONSE_ACCEPT)
    chosen (self, GTK_FILE_CHOOSER (dialog));
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/* GtkFileDialog is GTK 4.10; Debian 12 has 4.8, so the native chooser.
 * One at a time: with one open, it is shown again and NULL returned (a
 * key pressed twice, or a window manager that does not keep modality). */
static GtkFileChooser *
choose (KithWindow *self, const char *title, GtkFileChooserAction mode, const char *accept, ChosenFunc chosen)
{
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    {
      gtk_native_dialog_show (self->chooser);
      return NULL;
    }
  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), mode, accept, _("_Cancel"));
  g_set_weak_pointer (&self->chooser, GTK_NATIVE_DIALOG (chooser));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data (G_OBJECT (chooser), "kith-chosen", chosen);
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response), self, 0);
  return GTK_FILE_CHOOSER (chooser);
}

void
kith_window_import_paths (KithWindow        *self,
                          const char *const *paths)
{
  kith_import_dialog_start (GTK_WINDOW (self), self->context, paths);
}

static void
import_chosen (KithWindow *self, GtkFileChooser *chooser)
{
  g_autoptr(GListModel) files = gtk_file_chooser_get_files (chooser);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (files); i++)
    {
      g_autoptr(GFile) file = g_list_model_get_item (files, i);
      char *path = g_file_get_path (file);
      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  if (paths->len == 0)
    return;
  g_ptr_array_add (paths, NULL);
  kith_window_import_paths (self, (const char *const *) paths->pdata);
}

/* Shows @chooser with @filter chosen, and “All files” beside it. */
static void
show_filtered (GtkFileChooser *chooser, GtkFileFilter *filter)
{
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, filter);
  gtk_file_chooser_add_filter (chooser, all);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;
  GtkFileChooser *chooser = choose (self, _("Import Files"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), import_chosen);
  g_autoptr(GtkFileFilter) text = gtk_file_filter_new ();
  g_auto(GStrv) extensions = kith_import_extensions ();

  if (chooser == NULL)
    return;
  gtk_file_chooser_set_select_multiple (chooser, TRUE);
  gtk_file_filter_set_name (text, _("Files Kith Imports"));
  for (char **e = extensions; *e != NULL; e++)
    {
      g_autofree char *pattern = g_strconcat ("*", *e, NULL);
      g_autofree char *upper = g_ascii_strup (pattern, -1);

      gtk_file_filter_add_pattern (text, pattern);
      gtk_file_filter_add_pattern (text, upper);
    }
  gtk_file_filter_add_mime_type (text, "text/plain");
  show_filtered (chooser, text);
}

static void
import_folder_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;
  GtkFileChooser *chooser = choose (self, _("Import a Folder"), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Import"),
                                    import_chosen);

  if (chooser == NULL)
    return;
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* REFI-QDA: one .qdpx project or .qdc codebook, imported as one undoable
 * step, its report shown by the import dialog */
static void
refi_chosen (KithWindow *self, GtkFileChooser *chooser, gboolean codebook)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path != NULL)
    kith_window_import_refi (self, path, codebook);
}

void
kith_window_import_refi (KithWindow *self,
                         const char *file,
                         gboolean    codebook)
{
  g_return_if_fail (KITH_IS_WINDOW (self) && file != NULL);
  if (self->context != NULL)
    kith_import_dialog_start_refi (GTK_WINDOW (self), self->context, file, codebook);
}

static void
refi_project_chosen (KithWindow *self, GtkFileChooser *chooser)
{
  refi_chosen (self, chooser, FALSE);
}

static void
refi_codebook_chosen (KithWindow *self, GtkFileChooser *chooser)
{
  refi_chosen (self, chooser, TRUE);
}

static void
choose_refi (KithWindow *self, const char *title, const char *filter_name, const char *pattern,
             void (*chosen) (KithWindow *, GtkFileChooser *))
{
  GtkFileChooser *chooser = choose (self, title, GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), chosen);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *upper = g_ascii_strup (pattern, -1);

  if (chooser == NULL)
    return;
  gtk_file_filter_set_name (filter, filter_name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_filter_add_pattern (filter, upper);
  show_filtered (chooser, filter);
}

static void
import_refi_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  choose_refi (data, _("Import a REFI-QDA Project"), _("REFI-QDA projects (.qdpx)"), "*.qdpx", refi_project_chosen);
}

static void
import_qdc_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  choose_refi (data, _("Import a REFI-QDA Codebook"), _("REFI-QDA codebooks (.qdc)"), "*.qdc", refi_codebook_chosen);
}

/* “Exported …”, and with the Privacy setting on what was replaced */
static void
toast_export (KithWindow *self, const char *text, const char *pseudonymised)
{
  /* Translators: after an export; the second %s is “names 3, postcodes 0, …” */
  g_autofree char *full = pseudonymised != NULL ? g_strdup_printf (_("%s, pseudonymised (%s)"), text, pseudonymised)
                                                : g_strdup (text);

  kith_window_toast (self, full, FALSE);
}

static void
export_chosen (KithWindow *self, GtkFileChooser *chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  g_autofree char *pseudonymised = NULL;

  if (path == NULL)
    return;
  if (!kith_retrieval_view_export (self->retrieval_view, path, &pseudonymised, &error))
    {
      kith_window_show_error (self, _("The extracts could not be exported"), error);
      return;
    }
  name = g_path_get_basename (path);
  text = g_strdup_printf (_("Exported %u extracts to %s"), kith_retrieval_view_get_n_shown (self->retrieval_view), name);
  toast_export (self, text, pseudonymised);
}

static void
export_extracts_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;
  GtkFileChooser *chooser = choose (self, _("Export Extracts"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                    export_chosen);

  if (chooser == NULL)
    return;
  gtk_file_chooser_set_current_name (chooser, _("extracts.csv"));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- REFI-QDA exchange ----------------------------------------------------------------- */

static void
export_refi_chosen (KithWindow *self, GtkFileChooser *chooser, KithRefiFormat format)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  const char *crlf = gtk_file_chooser_get_choice (chooser, "crlf");
  const char *unique = gtk_file_chooser_get_choice (chooser, "unique-names");
  KithRefiExportOptions options = {
    .crlf = g_strcmp0 (crlf, "true") == 0,
    .unique_names = g_strcmp0 (unique, "true") == 0,
  };

  if (path == NULL || self->context == NULL)
    return;
  kith_export_dialog_start (GTK_WINDOW (self), self->context, format, &options, path);
}

static void
export_refi_project_chosen (KithWindow *self, GtkFileChooser *chooser)
{
  export_refi_chosen (self, chooser, KITH_REFI_QDPX);
}

static void
export_refi_codebook_chosen (KithWindow *self, GtkFileChooser *chooser)
{
  export_refi_chosen (self, chooser, KITH_REFI_QDC);
}

/* The save dialog, with the options each receiving package needs. */
static void
export_refi (KithWindow *self, KithRefiFormat format)
{
  gboolean project = format == KITH_REFI_QDPX;
  GtkFileChooser *chooser = choose (self, project ? _("Export REFI-QDA Project") : _("Export Codebook (REFI-QDA)"),
                                    GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                    project ? export_refi_project_chosen : export_refi_codebook_chosen);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  if (chooser == NULL)
    return;
  base = g_path_get_basename (kith_context_get_path (self->context));
  if (g_str_has_suffix (base, ".kith"))
    base[strlen (base) - 5] = '\0';
  name = g_strconcat (base, project ? ".qdpx" : ".qdc", NULL);
  gtk_file_chooser_set_current_name (chooser, name);
  gtk_file_filter_set_name (filter, project ? _("REFI-QDA project (.qdpx)") : _("REFI-QDA codebook (.qdc)"));
  gtk_file_filter_add_pattern (filter, project ? "*.qdpx" : "*.qdc");
  gtk_file_chooser_add_filter (chooser, filter);
  if (project)
    gtk_file_chooser_add_choice (chooser, "crlf", _("Windows line ends (MAXQDA, NVivo for Windows)"), NULL, NULL);
  gtk_file_chooser_add_choice (chooser, "unique-names", _("Code names unique across the tree (QualCoder)"), NULL, NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
export_refi_project_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  export_refi (data, KITH_REFI_QDPX);
}

static void
export_refi_codebook_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  export_refi (data, KITH_REFI_QDC);
}

/* ---- the evaluation summary ------------------------------------------------------------ */

static void
show_summary (KithWindow *self, gboolean show)
{
  set_state (self, "show-summary", show);
  if (show)
    {
      set_state (self, "show-retrieval", FALSE);
      gtk_stack_set_visible_child_name (self->content_stack, "summary");
      kith_summary_view_focus (self->summary_view);
      /* the charts want the width; the inspector has nothing to say about them */
      if (gtk_widget_get_visible (GTK_WIDGET (self->inspector)))
        {
          self->inspector_before_summary = TRUE;
          g_action_group_change_action_state (G_ACTION_GROUP (self), "show-inspector", g_variant_new_boolean (FALSE));
        }
    }
  else if (showing (self, "summary"))
    {
      back_to_document (self);
    }
  adw_window_title_set_subtitle (self->window_title, show ? _("Summary") : NULL);
  kith_window_update_actions (self);
}

static void
show_summary_changed (GSimpleAction *action, GVariant *value, gpointer data)
{
  show_summary (data, g_variant_get_boolean (value));
}

/* a document opened from anywhere leaves the summary: the toggle follows */
static void
on_content_page (GtkStack *stack, GParamSpec *pspec, KithWindow *self)
{
  if (showing (self, "summary"))
    return;
  set_state (self, "show-summary", FALSE);
  if (self->inspector_before_summary)
    g_action_group_change_action_state (G_ACTION_GROUP (self), "show-inspector", g_variant_new_boolean (TRUE));
  self->inspector_before_summary = FALSE;
}

static void
export_summary_chosen (KithWindow *self, GtkFileChooser *chooser)
{
  g_autoptr(GFile) file = gtk_file_chooser_get_file (chooser);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  GtkFileFilter *filter = gtk_file_chooser_get_filter (chooser);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pseudonymised = NULL;
  KithSummaryFormat format;

  if (path == NULL)
    return;
  /* the name's extension decides; without one, the file type chosen */
  if (!kith_summary_format_from_path (path, &format))
    format = filter != NULL ? (KithSummaryFormat) GPOINTER_TO_INT (g_object_get_data (G_OBJECT (filter), "kith-format"))
                            : KITH_SUMMARY_FORMAT_HTML;
  if (!kith_summary_view_export (self->summary_view, path, format, &pseudonymised, &error))
    {
      kith_window_show_error (self, _("The summary could not be exported"), error);
      return;
    }
  name = g_path_get_basename (path);
  text = g_strdup_printf (_("Exported summary to %s"), name);
  toast_export (self, text, pseudonymised);
}

static void
export_summary_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;
  static const struct { const char *name; const char *pattern; KithSummaryFormat format; } types[] = {
    { N_("Web page, with charts (HTML)"), "*.html", KITH_SUMMARY_FORMAT_HTML },
    { N_("Markdown, for a report"), "*.md", KITH_SUMMARY_FORMAT_MARKDOWN },
    { N_("Word document, to paste into a report (DOCX)"), "*.docx", KITH_SUMMARY_FORMAT_DOCX },
    { N_("Table (CSV)"), "*.csv", KITH_SUMMARY_FORMAT_CSV },
  };
  GtkFileChooser *chooser;
  g_autofree char *name = NULL;

  if (!kith_summary_view_has_summary (self->summary_view))
    return;
  chooser = choose (self, _("Export Summary"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), export_summary_chosen);
  if (chooser == NULL)
    return;
  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, _(types[i].name));
      gtk_file_filter_add_pattern (filter, types[i].pattern);
      g_object_set_data (G_OBJECT (filter), "kith-format", GINT_TO_POINTER (types[i].format));
      gtk_file_chooser_add_filter (chooser, filter);
    }
  name = kith_summary_view_suggest_name (self->summary_view, KITH_SUMMARY_FORMAT_HTML);
  gtk_file_chooser_set_current_name (chooser, name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- windows and panes ------------------------------------------------------------- */

static void
new_window_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;

  kith_application_new_window (KITH_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))),
                               kith_window_get_project_path (self));
}

static void
close_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));
}

static void
show_sidebar_changed (GSimpleAction *action, GVariant *value, gpointer data)
{
  KithWindow *self = data;

  g_simple_action_set_state (action, value);
  gtk_widget_set_visible (self->sidebar, g_variant_get_boolean (value));
}

static void
show_inspector_changed (GSimpleAction *action, GVariant *value, gpointer data)
{
  KithWindow *self = data;

  g_simple_action_set_state (action, value);
  gtk_widget_set_visible (GTK_WIDGET (self->inspector), g_variant_get_boolean (value));
}

/* F6: documents → codebook → the text (or extracts) → inspector → … */
static void
cycle_panes (KithWindow *self, int step)
{
  GtkWidget *panes[] = {
    GTK_WIDGET (self->documents), GTK_WIDGET (self->code_tree),
    GTK_WIDGET (self->content_stack), GTK_WIDGET (self->inspector),
  };
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  int n = G_N_ELEMENTS (panes), at = -1;

  for (int i = 0; i < n && focus != NULL; i++)
    if (focus == panes[i] || gtk_widget_is_ancestor (focus, panes[i]))
      at = i;
  for (int k = 1; k <= n; k++)
    {
      int i = ((at < 0 ? (step > 0 ? -1 : 0) : at) + step * k + 2 * n) % n;
      gboolean moved = FALSE;

      if (!gtk_widget_is_drawable (panes[i]))
        continue;
      if (panes[i] == GTK_WIDGET (self->documents))
        moved = kith_document_sidebar_focus (self->documents);
      else if (panes[i] == GTK_WIDGET (self->code_tree))
        moved = kith_code_tree_focus (self->code_tree);
      else if (panes[i] == GTK_WIDGET (self->inspector))
        moved = kith_inspector_focus (self->inspector);
      else if (showing (self, "retrieval"))
        moved = kith_retrieval_view_focus (self->retrieval_view);
      else if (showing (self, "summary"))
        moved = kith_summary_view_focus (self->summary_view);
      else if (showing (self, "document"))
        moved = kith_document_view_focus_text (self->document_view);
      if (moved)
        return;
    }
}

static void
focus_next_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  cycle_panes (data, 1);
}

static void
focus_previous_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  cycle_panes (data, -1);
}

/* ---- the table ----------------------------------------------------------------- */

static const GActionEntry win_entries[] = {
  { "open-document", open_document_activated, "x", NULL, NULL, { 0 } },
  { "open-document-at", open_document_at_activated, "(xxx)", NULL, NULL, { 0 } },
  { "find", find_activated, NULL, NULL, NULL, { 0 } },
  { "pick-code", pick_code_activated, NULL, NULL, NULL, { 0 } },
  { "apply-code", apply_code_activated, "x", NULL, NULL, { 0 } },
  { "apply-pinned", apply_pinned_activated, "i", NULL, NULL, { 0 } },
  { "remove-coding", remove_coding_activated, "x", NULL, NULL, { 0 } },
  { "fit-coding", fit_coding_activated, NULL, NULL, NULL, { 0 } },
  { "edit-memo", edit_memo_activated, NULL, NULL, NULL, { 0 } },
  { "undo", undo_activated, NULL, NULL, NULL, { 0 } },
  { "redo", redo_activated, NULL, NULL, NULL, { 0 } },
  { "new-code", new_code_activated, NULL, NULL, NULL, { 0 } },
  { "new-subcode", new_subcode_activated, "x", NULL, NULL, { 0 } },
  { "rename-code", rename_code_activated, "x", NULL, NULL, { 0 } },
  { "recolour-code", recolour_code_activated, "x", NULL, NULL, { 0 } },
  { "delete-code", delete_code_activated, "x", NULL, NULL, { 0 } },
  { "move-code", move_code_activated, "(xxi)", NULL, NULL, { 0 } },
  { "pin-code", pin_code_activated, "(xi)", NULL, NULL, { 0 } },
  { "show-code-extracts", show_code_extracts_activated, "x", NULL, NULL, { 0 } },
  { "show-retrieval", NULL, NULL, "false", show_retrieval_changed, { 0 } },
  { "export-extracts", export_extracts_activated, NULL, NULL, NULL, { 0 } },
  { "show-summary", NULL, NULL, "false", show_summary_changed, { 0 } },
  { "show-matrix", show_matrix_activated, NULL, NULL, NULL, { 0 } },
  { "show-privacy", show_privacy_activated, NULL, NULL, NULL, { 0 } },
  { "export-summary", export_summary_activated, NULL, NULL, NULL, { 0 } },
  { "export-refi-project", export_refi_project_activated, NULL, NULL, NULL, { 0 } },
  { "export-refi-codebook", export_refi_codebook_activated, NULL, NULL, NULL, { 0 } },
  { "import", import_activated, NULL, NULL, NULL, { 0 } },
  { "import-folder", import_folder_activated, NULL, NULL, NULL, { 0 } },
  { "import-refi", import_refi_activated, NULL, NULL, NULL, { 0 } },
  { "import-qdc", import_qdc_activated, NULL, NULL, NULL, { 0 } },
  { "new-window", new_window_activated, NULL, NULL, NULL, { 0 } },
  { "close", close_activated, NULL, NULL, NULL, { 0 } },
  { "show-sidebar", NULL, NULL, "true", show_sidebar_changed, { 0 } },
  { "show-inspector", NULL, NULL, "true", show_inspector_changed, { 0 } },
  { "focus-next-pane", focus_next_activated, NULL, NULL, NULL, { 0 } },
  { "focus-previous-pane", focus_previous_activated, NULL, NULL, NULL, { 0 } },
};

void
kith_window_set_accels (GtkApplication *app)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "win.import", { "<Control>i", NULL } },
    { "win.import-folder", { "<Control><Shift>i", NULL } },
    { "win.undo", { "<Control>z", NULL } },
    { "win.redo", { "<Control><Shift>z", "<Control>y", NULL } },
    { "win.pick-code", { "<Control>k", NULL } },
    { "win.edit-memo", { "<Control>m", NULL } },
    { "win.find", { "<Control>f", NULL } },
    { "win.show-retrieval", { "<Control>r", NULL } },
    { "win.export-extracts", { "<Control><Shift>e", NULL } },
    { "win.show-summary", { "<Control><Shift>s", NULL } },
    { "win.show-matrix", { "<Control><Shift>m", NULL } },
    /* the same keys as for the extracts: each is enabled only in its view */
    { "win.export-summary", { "<Control><Shift>e", NULL } },
    { "win.new-code", { "<Control><Shift>n", NULL } },
    { "win.show-sidebar", { "F9", NULL } },
    { "win.show-inspector", { "<Control>F9", NULL } },
    { "win.focus-next-pane", { "F6", NULL } },
    { "win.focus-previous-pane", { "<Shift>F6", NULL } },
    { "win.close", { "<Control>w", NULL } },
    /* F7 reviews, as a word processor's spelling does; the single keys
     * that decide are the text's and the panel's (kith-document-view.c) */
    { "win.suggest-document", { "F7", NULL } },
    { "win.suggest-all", { "<Shift>F7", NULL } },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}

static GMenuModel *
primary_menu (KithWindow *self)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) project = g_menu_new ();
  g_autoptr(GMenu) import = g_menu_new ();
  g_autoptr(GMenu) export = g_menu_new ();
  g_autoptr(GMenu) suggest = g_menu_new ();
  g_autoptr(GMenu) help = g_menu_new ();

  g_menu_append (project, _("New _Window"), "win.new-window");
  g_menu_append (project, _("_New Project…"), "app.new-project");
  g_menu_append (project, _("_Open Project…"), "app.open-project");
  g_menu_append (import, _("_Import Files…"), "win.import");
  g_menu_append (import, _("Import _Folder…"), "win.import-folder");
  g_menu_append (import, _("Import REFI-QDA _Project…"), "win.import-refi");
  g_menu_append (import, _("Import _Codebook (REFI-QDA)…"), "win.import-qdc");
  g_menu_append (suggest, _("_Suggest Codes for This Document"), "win.suggest-document");
  g_menu_append (suggest, _("Suggest Codes for _All Documents"), "win.suggest-all");
  g_menu_append (suggest, _("Framework _Matrix"), "win.show-matrix");
  g_menu_append (export, _("Pri_vacy…"), "win.show-privacy");
  g_menu_append (export, _("_Export Extracts…"), "win.export-extracts");
  g_menu_append (export, _("Export _Summary…"), "win.export-summary");
  g_menu_append (export, _("Export REFI-QDA _Project…"), "win.export-refi-project");
  g_menu_append (export, _("Export _Codebook (REFI-QDA)…"), "win.export-refi-codebook");
  g_menu_append (help, _("_Keyboard Shortcuts"), "win.show-help-overlay");
  g_menu_append (help, _("_About Kith"), "app.about");
  self->history_section = g_menu_new ();
  g_menu_append_section (menu, NULL, G_MENU_MODEL (project));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (import));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (self->history_section));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (suggest));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (export));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (help));
  return G_MENU_MODEL (menu);
}

void
kith_window_update_history (KithWindow *self)
{
  const char *undo = self->context != NULL ? kith_context_get_undo_label (self->context) : NULL;
  const char *redo = self->context != NULL ? kith_context_get_redo_label (self->context) : NULL;
  g_autofree char *undo_text = undo != NULL ? g_strdup_printf (_("_Undo %s"), undo) : g_strdup (_("_Undo"));
  g_autofree char *redo_text = redo != NULL ? g_strdup_printf (_("_Redo %s"), redo) : g_strdup (_("_Redo"));

  g_menu_remove_all (self->history_section);
  g_menu_append (self->history_section, undo_text, "win.undo");
  g_menu_append (self->history_section, redo_text, "win.redo");
  kith_window_update_actions (self);
}

void
kith_window_update_actions (KithWindow *self)
{
  gboolean project = self->context != NULL;
  gboolean writable = project && !kith_project_is_read_only (kith_window_project (self));
  gboolean document = project && showing (self, "document")
                      && kith_document_view_get_document_id (self->document_view) != 0
                      && !kith_document_view_is_loading (self->document_view);
  gint64 start, end;
  gboolean selection = document && kith_document_view_get_selection (self->document_view, &start, &end);
  /* a coding chosen at the caret, or an extract chosen in the extracts view */
  gboolean coding = project && (document || showing (self, "retrieval"))
                    && kith_inspector_get_selected_coding (self->inspector) != 0;
  gboolean retrieval = project && showing (self, "retrieval");
  static const char *const project_actions[] = {
    "open-document", "open-document-at", "show-code-extracts", "show-retrieval", "show-summary", "new-window",
    "show-sidebar", "show-inspector", "focus-next-pane", "focus-previous-pane",
    "export-refi-project", "export-refi-codebook",
  };
  static const char *const codebook_actions[] = {
    "new-code", "new-subcode", "rename-code", "recolour-code", "delete-code", "move-code", "pin-code",
    "import", "import-folder", "import-refi", "import-qdc",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (project_actions); i++)
    kith_window_set_enabled (self, project_actions[i], project);
  for (gsize i = 0; i < G_N_ELEMENTS (codebook_actions); i++)
    kith_window_set_enabled (self, codebook_actions[i], writable);
  kith_window_set_enabled (self, "undo", writable && kith_context_get_undo_label (self->context) != NULL);
  kith_window_set_enabled (self, "redo", writable && kith_context_get_redo_label (self->context) != NULL);
  kith_window_set_enabled (self, "find", document);
  kith_window_set_enabled (self, "pick-code", writable && selection);
  kith_window_set_enabled (self, "apply-code", writable && document);
  kith_window_set_enabled (self, "apply-pinned", writable && document);
  kith_window_set_enabled (self, "remove-coding", writable && coding);
  kith_window_set_enabled (self, "fit-coding", writable && coding && selection);
  kith_window_set_enabled (self, "edit-memo", writable && coding);
  kith_window_set_enabled (self, "export-extracts", retrieval && kith_retrieval_view_get_n_shown (self->retrieval_view) > 0);
  kith_window_set_enabled (self, "export-summary", project && showing (self, "summary")
                                       && kith_summary_view_has_summary (self->summary_view));
  kith_window_review_update_actions (self, writable, document);
}

void
kith_window_add_actions (KithWindow *self)
{
  g_autoptr(GMenuModel) menu = NULL;

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries, G_N_ELEMENTS (win_entries), self);
  g_signal_connect (self->content_stack, "notify::visible-child-name", G_CALLBACK (on_content_page), self);
  kith_window_review_add_actions (self);
  menu = primary_menu (self);
  gtk_menu_button_set_menu_model (self->menu_button, menu);
  kith_set_label (GTK_WIDGET (gtk_menu_button_get_popover (self->menu_button)), _("Main menu"));
  kith_window_update_history (self);
}
