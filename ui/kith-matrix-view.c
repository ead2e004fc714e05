/* kith-matrix-view.c */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "kith-app-jobs.h"
#include "kith-matrix-view.h"
#include "kith-summary.h"
#include "kith-ui-util.h"

struct _KithMatrixView
{
  GtkWidget       parent_instance;

  GtkLabel       *caption;
  GtkDropDown    *rows_choice;
  GtkDropDown    *columns_choice;
  GtkDropDown    *cell_choice;
  GtkStack       *stack;
  GtkGrid        *grid;
  AdwStatusPage  *empty_page;

  KithContext    *context;
  KithJob        *running;      /* the computation whose matrix will show */
  KithMatrixLoad *shown;
  char          **attributes;   /* the rows chooser's attributes, after Cases and Documents */
};

G_DEFINE_FINAL_TYPE (KithMatrixView, kith_matrix_view, GTK_TYPE_WIDGET)

enum { SIGNAL_CELL_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* rows chooser: Cases, Documents, then one entry an attribute */
enum { ROWS_CASES, ROWS_DOCUMENTS, ROWS_FIRST_ATTRIBUTE };

static void refresh (KithMatrixView *self);

static void
on_choice_changed (GObject *dropdown, GParamSpec *pspec, KithMatrixView *self)
{
  refresh (self);
}

/* the attributes come and go with the project's; the chosen one stays
 * chosen while it exists */
static void
set_attributes (KithMatrixView *self, char **attributes)
{
  guint chosen = gtk_drop_down_get_selected (self->rows_choice);
  g_autofree char *chosen_name = NULL;
  g_autoptr(GtkStringList) names = NULL;
  guint select = chosen < ROWS_FIRST_ATTRIBUTE ? chosen : ROWS_CASES;

  if (self->attributes != NULL && g_strv_equal ((const char *const *) self->attributes,
                                                (const char *const *) attributes))
    return;
  if (chosen >= ROWS_FIRST_ATTRIBUTE && self->attributes != NULL
      && chosen - ROWS_FIRST_ATTRIBUTE < g_strv_length (self->attributes))
    chosen_name = g_strdup (self->attributes[chosen - ROWS_FIRST_ATTRIBUTE]);
  names = gtk_string_list_new ((const char *[]) { _("Cases"), _("Documents"), NULL });
  for (guint i = 0; attributes[i] != NULL; i++)
    {
      gtk_string_list_append (names, attributes[i]);
      if (g_strcmp0 (attributes[i], chosen_name) == 0)
        select = ROWS_FIRST_ATTRIBUTE + i;
    }
  g_strfreev (self->attributes);
  self->attributes = g_strdupv (attributes);
  g_signal_handlers_block_by_func (self->rows_choice, on_choice_changed, self);
  gtk_drop_down_set_model (self->rows_choice, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->rows_choice, select);
  g_signal_handlers_unblock_by_func (self->rows_choice, on_choice_changed, self);
}

/* ---- the grid ---------------------------------------------------------------- */

/* one message a kind of count, so that translators see the whole sentence */
static char *
describe_count (KithMatrixCell cell, gint64 n)
{
  switch (cell)
    {
    case KITH_MATRIX_DOCUMENTS:
      return g_strdup_printf (g_dngettext (NULL, "%lld document", "%lld documents", (gulong) n), (long long) n);
    case KITH_MATRIX_RESIDENTS:
      return g_strdup_printf (g_dngettext (NULL, "%lld resident", "%lld residents", (gulong) n), (long long) n);
    case KITH_MATRIX_CHARACTERS:
      return g_strdup_printf (g_dngettext (NULL, "%lld character", "%lld characters", (gulong) n), (long long) n);
    case KITH_MATRIX_CODINGS:
    default:
      return g_strdup_printf (g_dngettext (NULL, "%lld coding", "%lld codings", (gulong) n), (long long) n);
    }
}

static GtkWidget *
heading (const char *text, const char *dimension)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *label = gtk_label_new (text);

  /* a long name wraps between words, and is cut at its end after four lines */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_label_set_lines (GTK_LABEL (label), 4);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
  gtk_label_set_width_chars (GTK_LABEL (label), 8);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_set_valign (label, GTK_ALIGN_END);
  gtk_widget_set_vexpand (label, TRUE);
  gtk_widget_set_tooltip_text (label, text);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  /* Think, Feel, Do in the colours the Summary gives them */
  if (dimension != NULL && *dimension != '\0')
    {
      const char *known = g_str_equal (dimension, "think") || g_str_equal (dimension, "feel")
                          || g_str_equal (dimension, "do") ? dimension : "other";
      g_autofree char *class = g_strdup_printf ("dim-%s", known);
      GtkWidget *badge = gtk_label_new (kith_summary_dimension_label (dimension));

      gtk_widget_add_css_class (badge, "summary-badge");
      gtk_widget_add_css_class (badge, class);
      gtk_widget_set_halign (badge, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), badge);
    }
  gtk_widget_add_css_class (box, "matrix-heading");
  kith_set_label (box, text);
  return box;
}

static void
on_cell_clicked (GtkButton *button, KithMatrixView *self)
{
  guint r = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "row"));
  guint c = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "column"));
  KithMatrixRow *row;
  g_autofree char *title = NULL;

  if (self->shown == NULL || r >= self->shown->matrix->rows->len)
    return;
  row = g_ptr_array_index (self->shown->matrix->rows, r);
  /* Translators: the extracts of a matrix cell: “Extracts of Harjit Kaur, Feel safe” */
  title = g_strdup_printf (_("Extracts of %s, %s"), row->label, self->shown->labels[c]);
  g_signal_emit (self, signals[SIGNAL_CELL_ACTIVATED], 0, row->codings[c], title);
}

static GtkWidget *
cell (KithMatrixView *self, guint r, guint c, KithMatrixCell kind)
{
  KithMatrixRow *row = g_ptr_array_index (self->shown->matrix->rows, r);
  gint64 n = row->cells[c];
  g_autofree char *count = describe_count (kind, n);
  /* Translators: a matrix cell read aloud: row, column: count */
  g_autofree char *name = g_strdup_printf (_("%s, %s: %s"), row->label, self->shown->labels[c], count);
  GtkWidget *widget;

  if (n == 0)
    {
      /* a gap, seen at a glance: nothing to open */
      widget = gtk_label_new ("·");
      gtk_widget_add_css_class (widget, "dim-label");
      gtk_widget_add_css_class (widget, "matrix-gap");
    }
  else
    {
      g_autofree char *text = g_strdup_printf ("%lld", (long long) n);
      widget = gtk_button_new_with_label (text);
      gtk_widget_add_css_class (widget, "flat");
      gtk_widget_add_css_class (widget, "matrix-count");
      gtk_widget_set_tooltip_text (widget, name);
      g_object_set_data (G_OBJECT (widget), "row", GUINT_TO_POINTER (r));
      g_object_set_data (G_OBJECT (widget), "column", GUINT_TO_POINTER (c));
      g_signal_connect (widget, "clicked", G_CALLBACK (on_cell_clicked), self);
    }
  gtk_widget_add_css_class (widget, "numeric");
  gtk_widget_add_css_class (widget, "matrix-cell");
  kith_set_label (widget, name);
  return widget;
}

static void
clear_grid (KithMatrixView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);
}

static const char *
row_heading (KithMatrixView *self)
{
  guint chosen = gtk_drop_down_get_selected (self->rows_choice);

  if (chosen == ROWS_CASES)
    return _("Case");
  if (chosen == ROWS_DOCUMENTS)
    return _("Document");
  return self->shown->matrix->row_kind;
}

static void
show_matrix (KithMatrixView *self)
{
  KithMatrix *matrix = self->shown->matrix;
  KithMatrixCell kind = (KithMatrixCell) gtk_drop_down_get_selected (self->cell_choice);
  GtkWidget *corner;
  g_autofree char *rows = NULL;
  g_autofree char *columns = NULL;
  g_autofree char *caption = NULL;

  clear_grid (self);
  corner = gtk_label_new (row_heading (self));
  gtk_label_set_xalign (GTK_LABEL (corner), 0);
  gtk_widget_set_valign (corner, GTK_ALIGN_END);
  gtk_widget_add_css_class (corner, "heading");
  gtk_grid_attach (self->grid, corner, 0, 0, 1, 1);
  for (guint c = 0; c < matrix->columns->len; c++)
    gtk_grid_attach (self->grid, heading (self->shown->labels[c], self->shown->dimensions[c]), (int) c + 1, 0, 1, 1);
  for (guint r = 0; r < matrix->rows->len; r++)
    {
      KithMatrixRow *row = g_ptr_array_index (matrix->rows, r);
      GtkWidget *label = gtk_label_new (row->label);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
      /* as wide as the name, up to a point: GTK gives an ellipsized label no room of its own */
      gtk_label_set_width_chars (GTK_LABEL (label), MIN ((int) g_utf8_strlen (row->label, -1), 24));
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      gtk_widget_set_tooltip_text (label, row->label);
      gtk_widget_add_css_class (label, "matrix-row-label");
      gtk_grid_attach (self->grid, label, 0, (int) r + 1, 1, 1);
      for (guint c = 0; c < matrix->columns->len; c++)
        gtk_grid_attach (self->grid, cell (self, r, c, kind), (int) c + 1, (int) r + 1, 1, 1);
    }
  /* Translators: the matrix's size, “12 rows by 9 columns” */
  rows = g_strdup_printf (g_dngettext (NULL, "%u row", "%u rows", matrix->rows->len), matrix->rows->len);
  columns = g_strdup_printf (g_dngettext (NULL, "%u column", "%u columns", matrix->columns->len),
                             matrix->columns->len);
  caption = g_strdup_printf (_("%s by %s; choose a count to see its extracts"), rows, columns);
  gtk_label_set_text (self->caption, caption);
  gtk_stack_set_visible_child_name (self->stack, matrix->rows->len > 0 && matrix->columns->len > 0 ? "grid" : "empty");
  if (matrix->columns->len == 0)
    adw_status_page_set_description (self->empty_page,
                                     gtk_drop_down_get_selected (self->columns_choice) == KITH_MATRIX_CODES
                                     ? _("The project has no codes yet. Add codes in the sidebar.")
                                     : _("No code is placed in the framework this way yet. Give codes a goal, "
                                         "dimension and outcome, or choose Codes for the columns."));
  /* a project of reports has codings but no cases: say which */
  else if (matrix->rows->len == 0 && gtk_drop_down_get_selected (self->rows_choice) == ROWS_CASES)
    adw_status_page_set_description (self->empty_page,
                                     _("No coded passage belongs to a case yet. Link speakers or documents to cases, "
                                       "or choose Documents for the rows."));
  else if (matrix->rows->len == 0)
    adw_status_page_set_description (self->empty_page,
                                     _("Nothing is coded yet. Select a passage in a document and press Ctrl+K to code it."));
}

/* ---- the computation ------------------------------------------------------- */

static void
matrix_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(KithMatrixView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithMatrixLoad) load = kith_job_run_finish (KITH_JOB (source), res, &error);

  if (load == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_text (self->caption, error->message);
          g_warning ("cannot compute the matrix: %s", error->message);
        }
      return;
    }
  /* a newer computation is on its way */
  if (KITH_JOB (source) != self->running)
    return;
  g_clear_object (&self->running);
  g_clear_pointer (&self->shown, kith_matrix_load_free);
  self->shown = g_steal_pointer (&load);
  show_matrix (self);
  /* after showing: a changed attribute list may choose again, and compute again */
  set_attributes (self, self->shown->attributes);
}

static void
refresh (KithMatrixView *self)
{
  guint rows = gtk_drop_down_get_selected (self->rows_choice);
  guint columns = gtk_drop_down_get_selected (self->columns_choice);
  guint cell = gtk_drop_down_get_selected (self->cell_choice);
  const char *attribute = NULL;

  if (self->context == NULL || rows == GTK_INVALID_LIST_POSITION || columns == GTK_INVALID_LIST_POSITION
      || cell == GTK_INVALID_LIST_POSITION)
    return;
  if (rows >= ROWS_FIRST_ATTRIBUTE)
    {
      if (self->attributes == NULL || rows - ROWS_FIRST_ATTRIBUTE >= g_strv_length (self->attributes))
        return;
      attribute = self->attributes[rows - ROWS_FIRST_ATTRIBUTE];
    }
  if (self->running != NULL)
    kith_job_cancel (self->running);
  g_clear_object (&self->running);
  self->running = kith_job_matrix (kith_context_get_path (self->context),
                                   rows == ROWS_CASES ? KITH_MATRIX_BY_CASE
                                   : rows == ROWS_DOCUMENTS ? KITH_MATRIX_BY_DOCUMENT : KITH_MATRIX_BY_ATTRIBUTE,
                                   attribute, (KithMatrixColumns) columns, (KithMatrixCell) cell,
                                   matrix_done, g_object_ref (self));
}

/* only a matrix someone looks at is computed again; showing it computes it */
static void
on_context_changed (KithContext *context, gboolean external, KithMatrixView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
}

static void
kith_matrix_view_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kith_matrix_view_parent_class)->map (widget);
  refresh (KITH_MATRIX_VIEW (widget));
}

void
kith_matrix_view_set_context (KithMatrixView *self,
                              KithContext    *context)
{
  g_return_if_fail (KITH_IS_MATRIX_VIEW (self));

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_set_object (&self->context, context);
  if (context != NULL)
    g_signal_connect (context, "changed", G_CALLBACK (on_context_changed), self);
}

gboolean
kith_matrix_view_focus (KithMatrixView *self)
{
  return gtk_widget_grab_focus (GTK_WIDGET (self->rows_choice));
}

static void
kith_matrix_view_dispose (GObject *object)
{
  KithMatrixView *self = KITH_MATRIX_VIEW (object);

  if (self->running != NULL)
    kith_job_cancel (self->running);
  g_clear_object (&self->running);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_MATRIX_VIEW);
  kith_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->context);
  g_clear_pointer (&self->shown, kith_matrix_load_free);
  g_clear_pointer (&self->attributes, g_strfreev);
  G_OBJECT_CLASS (kith_matrix_view_parent_class)->dispose (object);
}

static void
kith_matrix_view_class_init (KithMatrixViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_matrix_view_dispose;
  widget_class->map = kith_matrix_view_map;

  /* the cell's coding ids (GArray of gint64) and a title for its extracts */
  signals[SIGNAL_CELL_ACTIVATED] =
    g_signal_new ("cell-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                  2, G_TYPE_POINTER, G_TYPE_STRING);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/kith/Kith/kith-matrix-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KithMatrixView, caption);
  gtk_widget_class_bind_template_child (widget_class, KithMatrixView, rows_choice);
  gtk_widget_class_bind_template_child (widget_class, KithMatrixView, columns_choice);
  gtk_widget_class_bind_template_child (widget_class, KithMatrixView, cell_choice);
  gtk_widget_class_bind_template_child (widget_class, KithMatrixView, stack);
  gtk_widget_class_bind_template_child (widget_class, KithMatrixView, grid);
  gtk_widget_class_bind_template_child (widget_class, KithMatrixView, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_changed);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kith_matrix_view_init (KithMatrixView *self)
{
  /* in the order of KithMatrixColumns and KithMatrixCell */
  g_autoptr(GtkStringList) columns = gtk_string_list_new ((const char *[]) {
    _("Codes"), _("Outcomes"), _("Dimensions"), _("Goals"), NULL });
  g_autoptr(GtkStringList) cells = gtk_string_list_new ((const char *[]) {
    _("Codings"), _("Documents"), _("Residents"), _("Characters"), NULL });
  char *none[] = { NULL };

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_handlers_block_by_func (self->columns_choice, on_choice_changed, self);
  g_signal_handlers_block_by_func (self->cell_choice, on_choice_changed, self);
  gtk_drop_down_set_model (self->columns_choice, G_LIST_MODEL (columns));
  gtk_drop_down_set_model (self->cell_choice, G_LIST_MODEL (cells));
  /* the framework's outcomes first: who evidences what */
  gtk_drop_down_set_selected (self->columns_choice, KITH_MATRIX_OUTCOMES);
  g_signal_handlers_unblock_by_func (self->columns_choice, on_choice_changed, self);
  g_signal_handlers_unblock_by_func (self->cell_choice, on_choice_changed, self);
  set_attributes (self, none);
  kith_name_drop_down (self->rows_choice, _("Rows"), _("Rows"));
  kith_name_drop_down (self->columns_choice, _("Columns"), _("Columns"));
  kith_name_drop_down (self->cell_choice, _("Cells count"), _("Counts"));
  kith_label_scrollbars (GTK_WIDGET (self));
}
