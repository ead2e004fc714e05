/* kith-inspector.c */
#include <glib/gi18n.h>

#include "kith-chip.h"
#include "kith-inspector.h"
#include "kith-ui-util.h"

#define MEMO_SAVE_DELAY_MS 1200

struct _KithInspector
{
  GtkWidget      parent_instance;

  GtkListBox    *codings_list;
  GtkWidget     *memo_section;
  GtkLabel      *memo_subject;
  GtkTextView   *memo_view;
  GtkLabel      *memo_status;
  GtkWidget     *memo_hint;

  KithContext   *context;
  KithCodeList  *codes;
  GArray        *shown;           /* gint64 coding ids, in row order */
  gint64         selected;
  char          *memo_saved;      /* the memo as the project has it */
  gboolean       memo_dirty;
  guint          save_id;
  gboolean       updating;
  const char    *passage;         /* for a coding shown without its document */
  GtkLabel      *placeholder;
  GtkLabel      *heading;
  KithReviewPanel *review_panel;
};

G_DEFINE_FINAL_TYPE (KithInspector, kith_inspector, GTK_TYPE_WIDGET)

enum { SIGNAL_CODING_SELECTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static char *
memo_text (KithInspector *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->memo_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
kith_inspector_flush (KithInspector *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (!self->memo_dirty || self->selected == 0 || self->context == NULL)
    return;
  text = memo_text (self);
  self->memo_dirty = FALSE;
  if (g_strcmp0 (text, self->memo_saved) == 0)
    return;
  if (!kith_codings_set_memo (kith_context_get_project (self->context), self->selected, text, &error))
    {
      gtk_label_set_text (self->memo_status, error->message);
      self->memo_dirty = TRUE;
      return;
    }
  g_free (self->memo_saved);
  self->memo_saved = g_steal_pointer (&text);
  gtk_label_set_text (self->memo_status, _("Saved"));
}

static gboolean
save_timeout (gpointer data)
{
  KithInspector *self = data;

  self->save_id = 0;
  kith_inspector_flush (self);
  return G_SOURCE_REMOVE;
}

static void
on_memo_changed (GtkTextBuffer *buffer, KithInspector *self)
{
  gtk_widget_set_visible (self->memo_hint, gtk_text_buffer_get_char_count (buffer) == 0);
  if (self->updating)
    return;
  self->memo_dirty = TRUE;
  gtk_label_set_text (self->memo_status, _("Editing…"));
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (MEMO_SAVE_DELAY_MS, save_timeout, self);
}

static void
on_memo_leave (GtkEventControllerFocus *focus, KithInspector *self)
{
  /* the focus may leave as the inspector goes: what was typed is saved by then */
  if (self->memo_view != NULL)
    kith_inspector_flush (self);
}

static void
show_memo_of (KithInspector *self, KithCoding *coding)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->memo_view);
  KithCodeItem *code = coding != NULL ? kith_code_list_lookup (self->codes, coding->code_id) : NULL;
  g_autofree char *subject = NULL;

  gtk_widget_set_sensitive (self->memo_section, coding != NULL);
  self->updating = TRUE;
  gtk_text_buffer_set_text (buffer, coding != NULL ? coding->memo : "", -1);
  self->updating = FALSE;
  g_free (self->memo_saved);
  self->memo_saved = g_strdup (coding != NULL ? coding->memo : "");
  self->memo_dirty = FALSE;
  subject = coding == NULL ? g_strdup (_("Choose a coding to write about it."))
                           : g_strdup_printf (_("On this passage, coded “%s”"),
                                              code != NULL ? kith_code_item_get_path (code) : "?");
  gtk_label_set_text (self->memo_subject, subject);
  gtk_label_set_text (self->memo_status, "");
}

/* “I feel safe there” — the start of the coded passage, on one line */
static char *
passage_of (GtkTextBuffer *buffer, KithCoding *coding)
{
  GtkTextIter a, b;
  g_autofree char *text = NULL;
  g_autoptr(GString) line = g_string_new (NULL);
  glong n = 0;

  if (buffer == NULL)
    return g_strdup ("");
  gtk_text_buffer_get_iter_at_offset (buffer, &a, (int) coding->start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, (int) MIN (coding->end, coding->start + 80));
  text = gtk_text_iter_get_text (&a, &b);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);
      g_string_append_unichar (line, g_unichar_isspace (c) ? ' ' : c);
    }
  return g_strdup_printf ("“%s%s”", line->str, coding->end - coding->start > 80 ? "…" : "");
}

static GtkWidget *
coding_row (KithInspector *self, KithCoding *coding, GtkTextBuffer *buffer)
{
  KithCodeItem *code = kith_code_list_lookup (self->codes, coding->code_id);
  const char *path = code != NULL ? kith_code_item_get_path (code) : "?";
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (path);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *chip = kith_chip_new ();
  GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *detail_text = NULL;
  g_autofree char *remove_label = g_strdup_printf (_("Remove coding “%s”"), path);
  g_autofree char *row_label = NULL;

  kith_chip_set_colour (KITH_CHIP (chip), code != NULL ? kith_code_item_get_colour (code) : NULL);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  g_autofree char *passage = buffer == NULL && self->passage != NULL
    ? g_strdup_printf ("“%.80s”", self->passage) : passage_of (buffer, coding);
  detail_text = g_strdup_printf ("%s · %s%s", passage, coding->coder,
                                 g_strcmp0 (coding->origin, "manual") != 0 ? _(" · from a rule") : "");
  gtk_label_set_text (GTK_LABEL (detail), detail_text);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), detail);
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_tooltip_text (remove, _("Remove Coding (Delete)"));
  kith_set_label (remove, remove_label);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "win.remove-coding");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", coding->id);
  gtk_box_append (GTK_BOX (box), chip);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), remove);
  gtk_widget_add_css_class (box, "coding-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  row_label = g_strdup_printf ("%s, %s", path, detail_text);
  kith_set_label (row, row_label);
  g_object_set_data_full (G_OBJECT (row), "kith-coding-id", g_memdup2 (&coding->id, sizeof coding->id), g_free);
  return row;
}

static gint64
row_coding_id (GtkListBoxRow *row)
{
  gint64 *id = row != NULL ? g_object_get_data (G_OBJECT (row), "kith-coding-id") : NULL;

  return id != NULL ? *id : 0;
}

static void
on_row_selected (GtkListBox *list, GtkListBoxRow *row, KithInspector *self)
{
  gint64 id = row_coding_id (row);

  if (self->updating || id == self->selected)
    return;
  kith_inspector_select_coding (self, id);
  g_signal_emit (self, signals[SIGNAL_CODING_SELECTED], 0, id);
}

void
kith_inspector_select_coding (KithInspector *self,
                              gint64         coding_id)
{
  g_autoptr(KithCoding) coding = NULL;

  if (coding_id != self->selected)
    kith_inspector_flush (self);
  /* from the project, so the memo shown is the memo stored */
  if (coding_id != 0 && self->context != NULL)
    coding = kith_codings_get (kith_context_get_project (self->context), coding_id, NULL);
  self->selected = coding != NULL ? coding->id : 0;
  show_memo_of (self, coding);
  self->updating = TRUE;
  gtk_list_box_unselect_all (self->codings_list);
  for (int i = 0; self->selected != 0 && gtk_list_box_get_row_at_index (self->codings_list, i) != NULL; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->codings_list, i);
      if (row_coding_id (row) == self->selected)
        gtk_list_box_select_row (self->codings_list, row);
    }
  self->updating = FALSE;
}

void
kith_inspector_show_codings (KithInspector *self,
                             GPtrArray     *codings,
                             GtkTextBuffer *buffer)
{
  gboolean same = codings->len == self->shown->len;
  gint64 keep = 0;
  GtkListBoxRow *row;

  for (guint i = 0; same && i < codings->len; i++)
    same = ((KithCoding *) g_ptr_array_index (codings, i))->id == g_array_index (self->shown, gint64, i);
  for (guint i = 0; i < codings->len; i++)
    if (((KithCoding *) g_ptr_array_index (codings, i))->id == self->selected)
      keep = self->selected;
  if (keep == 0 && codings->len > 0)
    keep = ((KithCoding *) g_ptr_array_index (codings, 0))->id;

  if (!same)
    {
      self->updating = TRUE;
      /* rows only: the placeholder is a child too */
      while ((row = gtk_list_box_get_row_at_index (self->codings_list, 0)) != NULL)
        gtk_list_box_remove (self->codings_list, GTK_WIDGET (row));
      g_array_set_size (self->shown, 0);
      for (guint i = 0; i < codings->len; i++)
        {
          KithCoding *c = g_ptr_array_index (codings, i);
          gtk_list_box_append (self->codings_list, coding_row (self, c, buffer));
          g_array_append_val (self->shown, c->id);
        }
      self->updating = FALSE;
    }
  
  /* the memo on screen stays while it is being written */
  if (keep != self->selected || (!self->memo_dirty && !gtk_widget_has_focus (GTK_WIDGET (self->memo_view))))
    kith_inspector_select_coding (self, keep);
  if (keep != 0)
    g_signal_emit (self, signals[SIGNAL_CODING_SELECTED], 0, keep);
}

void
kith_inspector_show_extract (KithInspector *self,
                             gint64         coding_id,
                             const char    *text)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_coding_free);
  KithCoding *coding = coding_id != 0 && self->context != NULL
    ? kith_codings_get (kith_context_get_project (self->context), coding_id, NULL) : NULL;

  if (coding != NULL)
    g_ptr_array_add (one, coding);
  self->passage = text;
  kith_inspector_show_codings (self, one, NULL);
  self->passage = NULL;
}

void
kith_inspector_set_hint (KithInspector *self,
                         const char    *heading,
                         const char    *hint)
{
  gtk_label_set_text (self->heading, heading);
  gtk_label_set_text (self->placeholder, hint);
}

KithReviewPanel *
kith_inspector_get_review_panel (KithInspector *self)
{
  return self->review_panel;
}

gint64
kith_inspector_get_selected_coding (KithInspector *self)
{
  return self->selected;
}

void
kith_inspector_focus_memo (KithInspector *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->memo_view));
}

gboolean
kith_inspector_focus (KithInspector *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->codings_list);

  if (row == NULL)
    row = gtk_list_box_get_row_at_index (self->codings_list, 0);
  if (row != NULL)
    return gtk_widget_grab_focus (GTK_WIDGET (row));
  /* nothing chosen: nothing to do here */
  return gtk_widget_get_sensitive (self->memo_section) && gtk_widget_grab_focus (GTK_WIDGET (self->memo_view));
}

void
kith_inspector_set_context (KithInspector *self,
                            KithContext   *context,
                            KithCodeList  *codes)
{
  g_set_object (&self->context, context);
  g_set_object (&self->codes, codes);
}

static void
kith_inspector_dispose (GObject *object)
{
  KithInspector *self = KITH_INSPECTOR (object);

  kith_inspector_flush (self);
  /* A list box being disposed tells that its selected row went, after the
   * template's memo view is gone: on_row_selected would show "no coding"
   * there (a critical on a NULL text view, seen as a trap under ASan). */
  if (self->codings_list != NULL)
    g_signal_handlers_disconnect_by_data (self->codings_list, self);
  if (self->memo_view != NULL)
    g_signal_handlers_disconnect_by_data (gtk_text_view_get_buffer (self->memo_view), self);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_INSPECTOR);
  kith_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->context);
  g_clear_object (&self->codes);
  g_clear_pointer (&self->shown, g_array_unref);
  g_clear_pointer (&self->memo_saved, g_free);
  G_OBJECT_CLASS (kith_inspector_parent_class)->dispose (object);
}

static void
kith_inspector_class_init (KithInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_inspector_dispose;
  g_type_ensure (KITH_TYPE_REVIEW_PANEL);

  signals[SIGNAL_CODING_SELECTED] =
    g_signal_new ("coding-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/kith/Kith/kith-inspector.ui");
  gtk_widget_class_bind_template_child (widget_class, KithInspector, codings_list);
  gtk_widget_class_bind_template_child (widget_class, KithInspector, memo_section);
  gtk_widget_class_bind_template_child (widget_class, KithInspector, memo_subject);
  gtk_widget_class_bind_template_child (widget_class, KithInspector, memo_view);
  gtk_widget_class_bind_template_child (widget_class, KithInspector, memo_status);
  gtk_widget_class_bind_template_child (widget_class, KithInspector, memo_hint);
  gtk_widget_class_bind_template_child (widget_class, KithInspector, heading);
  gtk_widget_class_bind_template_child (widget_class, KithInspector, review_panel);
  gtk_widget_class_bind_template_callback (widget_class, on_row_selected);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kith_inspector_init (KithInspector *self)
{
  GtkEventController *focus = gtk_event_controller_focus_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->shown = g_array_new (FALSE, FALSE, sizeof (gint64));
  {
    GtkWidget *placeholder = gtk_label_new (_("No codes here. Select a passage, then press Ctrl+K or a number key "
                                              "to code it."));
    gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
    gtk_label_set_xalign (GTK_LABEL (placeholder), 0);
    gtk_widget_add_css_class (placeholder, "dim-label");
    gtk_widget_set_margin_start (placeholder, 12);
    gtk_widget_set_margin_end (placeholder, 12);
    gtk_widget_set_margin_top (placeholder, 10);
    gtk_widget_set_margin_bottom (placeholder, 10);
    gtk_list_box_set_placeholder (self->codings_list, placeholder);
    self->placeholder = GTK_LABEL (placeholder);
  }
  g_signal_connect (gtk_text_view_get_buffer (self->memo_view), "changed", G_CALLBACK (on_memo_changed), self);
  g_signal_connect (focus, "leave", G_CALLBACK (on_memo_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self->memo_view), focus);
  show_memo_of (self, NULL);
}
