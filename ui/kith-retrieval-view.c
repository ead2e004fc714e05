/* kith-retrieval-view.c */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "kith-app-jobs.h"
#include "kith-chip.h"
#include "kith-document-list.h"
#include "kith-privacy.h"
#include "kith-retrieval.h"
#include "kith-retrieval-view.h"
#include "kith-ui-util.h"

/* ---- one row: a KithRetrievalRow as a GObject ----------------------------- */

#define KITH_TYPE_EXTRACT_ITEM (kith_extract_item_get_type ())
G_DECLARE_FINAL_TYPE (KithExtractItem, kith_extract_item, KITH, EXTRACT_ITEM, GObject)

struct _KithExtractItem
{
  GObject           parent_instance;
  KithRetrievalRow *row;      /* owned */
  char             *line;     /* the extract on one line, for the table */
};

G_DEFINE_FINAL_TYPE (KithExtractItem, kith_extract_item, G_TYPE_OBJECT)

enum { X_PROP_0, X_PROP_CODE, X_PROP_DOCUMENT, X_PROP_SPEAKER, X_PROP_CASE, X_PROP_TEXT, N_X_PROPS };
static GParamSpec *x_properties[N_X_PROPS];

static void
kith_extract_item_finalize (GObject *object)
{
  KithExtractItem *self = KITH_EXTRACT_ITEM (object);

  kith_retrieval_row_free (self->row);
  g_free (self->line);
  G_OBJECT_CLASS (kith_extract_item_parent_class)->finalize (object);
}

static void
kith_extract_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KithExtract *e = KITH_EXTRACT_ITEM (object)->row->extract;

  switch (prop_id)
    {
    case X_PROP_CODE:
      g_value_set_string (value, e->code);
      break;
    case X_PROP_DOCUMENT:
      g_value_set_string (value, e->document);
      break;
    case X_PROP_SPEAKER:
      g_value_set_string (value, e->speaker != NULL ? e->speaker : "");
      break;
    case X_PROP_CASE:
      g_value_set_string (value, e->case_name != NULL ? e->case_name : "");
      break;
    case X_PROP_TEXT:
      g_value_set_string (value, KITH_EXTRACT_ITEM (object)->line);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_extract_item_class_init (KithExtractItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kith_extract_item_finalize;
  object_class->get_property = kith_extract_item_get_property;
  x_properties[X_PROP_CODE] = g_param_spec_string ("code", NULL, NULL, NULL, flags);
  x_properties[X_PROP_DOCUMENT] = g_param_spec_string ("document", NULL, NULL, NULL, flags);
  x_properties[X_PROP_SPEAKER] = g_param_spec_string ("speaker", NULL, NULL, NULL, flags);
  x_properties[X_PROP_CASE] = g_param_spec_string ("case", NULL, NULL, NULL, flags);
  x_properties[X_PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_X_PROPS, x_properties);
}

static void
kith_extract_item_init (KithExtractItem *self)
{
}

static KithExtractItem *
kith_extract_item_new (KithRetrievalRow *row)
{
  KithExtractItem *self = g_object_new (KITH_TYPE_EXTRACT_ITEM, NULL);

  self->row = row;
  self->line = g_strdup (row->extract->text);
  for (char *p = self->line; *p != '\0'; p++)
    if (*p == '\n' || *p == '\t')
      *p = ' ';
  return self;
}

/* ---- the view ------------------------------------------------------------- */

struct _KithRetrievalView
{
  GtkWidget          parent_instance;

  GtkLabel          *title;
  GtkLabel          *count;
  GtkDropDown       *kind_choice;
  GtkDropDown       *attribute_choice;
  GtkDropDown       *value_choice;
  GtkColumnView     *table;
  GtkStack          *stack;
  AdwStatusPage     *empty_page;

  KithContext       *context;
  KithCodeList      *codes;
  GArray            *code_ids;
  GArray            *coding_ids;    /* a matrix cell's, shown instead of the codes' when set */
  char              *codings_title;
  GListStore        *rows;
  GtkCustomFilter   *filter;
  GtkFilterListModel *filtered;
  GtkSortListModel  *sorted;
  GPtrArray         *attributes;   /* names, as the last query had them */
  GPtrArray         *attribute_columns;
  GtkColumnViewColumn *fixed_columns[4];   /* code, document, speaker, case */
  GtkColumnViewColumn *extract_column;
  KithJob           *running;       /* the query whose extracts will show */
};

G_DEFINE_FINAL_TYPE (KithRetrievalView, kith_retrieval_view, GTK_TYPE_WIDGET)

enum { SIGNAL_SHOWN_CHANGED, SIGNAL_EXTRACT_SELECTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *const kinds[] = { "", "transcript", "notes", "report", "survey" };

static gboolean
filter_row (gpointer item, gpointer user_data)
{
  KithRetrievalView *self = user_data;
  guint kind = gtk_drop_down_get_selected (self->kind_choice);
  guint attribute = gtk_drop_down_get_selected (self->attribute_choice);
  GtkStringObject *value = gtk_drop_down_get_selected_item (self->value_choice);
  KithRetrievalFilter filter = {
    kind < G_N_ELEMENTS (kinds) ? kinds[kind] : NULL,
    attribute == GTK_INVALID_LIST_POSITION || attribute == 0 ? -1 : (int) attribute - 1,
    value != NULL ? gtk_string_object_get_string (value) : NULL,
  };

  return kith_retrieval_row_matches (KITH_EXTRACT_ITEM (item)->row, &filter);
}

static void
update_count (KithRetrievalView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->rows));
  g_autofree char *text = shown == total
    ? g_strdup_printf (g_dngettext (NULL, "%u extract", "%u extracts", shown), shown)
    : g_strdup_printf (_("%u of %u extracts"), shown, total);

  gtk_label_set_text (self->count, text);
  gtk_stack_set_visible_child_name (self->stack, shown > 0 ? "table" : "empty");
  if (shown == 0)
    adw_status_page_set_description (self->empty_page,
                                     total > 0 ? _("No extract matches the filter. Choose another kind of "
                                                   "document or attribute value.")
                                               : _("Nothing is coded with these codes yet. Select a passage in "
                                                   "a document and press Ctrl+K to code it."));
  g_signal_emit (self, signals[SIGNAL_SHOWN_CHANGED], 0);
}

static void
refilter (KithRetrievalView *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

static void
on_kind_changed (GObject *dropdown, GParamSpec *pspec, KithRetrievalView *self)
{
  refilter (self);
}

static void
on_value_changed (GObject *dropdown, GParamSpec *pspec, KithRetrievalView *self)
{
  refilter (self);
}

/* the values of the chosen attribute, from the rows as loaded */
static void
on_attribute_changed (GObject *dropdown, GParamSpec *pspec, KithRetrievalView *self)
{
  guint attribute = gtk_drop_down_get_selected (self->attribute_choice);
  g_autoptr(GtkStringList) values = gtk_string_list_new (NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->rows));

  if (attribute != GTK_INVALID_LIST_POSITION && attribute > 0)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(KithExtractItem) item = g_list_model_get_item (G_LIST_MODEL (self->rows), i);
        const char *value = item->row->values[attribute - 1];
        if (*value != '\0' && g_hash_table_add (seen, (gpointer) value))
          gtk_string_list_append (values, value);
      }
  gtk_widget_set_visible (GTK_WIDGET (self->value_choice), attribute != GTK_INVALID_LIST_POSITION && attribute > 0);
  g_signal_handlers_block_by_func (self->value_choice, on_value_changed, self);
  gtk_drop_down_set_model (self->value_choice, G_LIST_MODEL (values));
  g_signal_handlers_unblock_by_func (self->value_choice, on_value_changed, self);
  refilter (self);
}

/* ---- columns ---------------------------------------------------------------- */

typedef enum { COL_CODE, COL_DOCUMENT, COL_SPEAKER, COL_CASE, COL_TEXT, COL_ATTRIBUTE } ColumnKind;

static const char *
cell_text (KithExtractItem *item, ColumnKind kind, int attribute)
{
  KithExtract *e = item->row->extract;

  switch (kind)
    {
    case COL_CODE:
      return e->code;
    case COL_DOCUMENT:
      return e->document;
    case COL_SPEAKER:
      return e->speaker != NULL ? e->speaker : "";
    case COL_CASE:
      return e->case_name != NULL ? e->case_name : "";
    case COL_TEXT:
      return item->line;
    case COL_ATTRIBUTE:
    default:
      return item->row->values[attribute];
    }
}

static void
setup_cell (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer data)
{
  ColumnKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "kind"));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (kind == COL_TEXT)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (label), 3);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      /* the column's width decides the lines, not the text's length; room
       * enough to read, beside the document, speaker and case columns */
      gtk_label_set_width_chars (GTK_LABEL (label), 30);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
    }
  else
    {
      /* a code's path keeps its end, a file name its extension, a value its start */
      gtk_label_set_ellipsize (GTK_LABEL (label), kind == COL_CODE ? PANGO_ELLIPSIZE_START
                                                  : kind == COL_DOCUMENT ? PANGO_ELLIPSIZE_MIDDLE
                                                  : PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 4);
    }
  if (kind == COL_CODE)
    gtk_box_append (GTK_BOX (box), kith_chip_new ());
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_cell (GtkSignalListItemFactory *factory, GtkListItem *list_item, KithRetrievalView *self)
{
  ColumnKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "kind"));
  int attribute = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "attribute"));
  KithExtractItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *label = gtk_widget_get_last_child (box);
  const char *text = cell_text (item, kind, attribute);

  gtk_label_set_text (GTK_LABEL (label), text);
  if (kind == COL_CODE)
    {
      KithCodeItem *code = kith_code_list_lookup (self->codes, item->row->extract->code_id);
      kith_chip_set_colour (KITH_CHIP (gtk_widget_get_first_child (box)),
                            code != NULL ? kith_code_item_get_colour (code) : NULL);
    }
  kith_label_list_row (box, *text != '\0' ? text : _("none"));
  if (kind == COL_TEXT)
    {
      g_autofree char *row_text = g_strdup_printf ("%s: %s, %s", item->row->extract->document,
                                                   item->row->extract->code, item->row->extract->text);
      GtkWidget *cell = gtk_widget_get_parent (box);
      gtk_widget_set_tooltip_text (label, item->row->extract->text);
      /* the whole row, read as one */
      if (cell != NULL && gtk_widget_get_parent (cell) != NULL)
        kith_set_label (gtk_widget_get_parent (cell), row_text);
    }
}

static char *
sort_key (KithExtractItem *item, gpointer data)
{
  ColumnKind kind = GPOINTER_TO_INT (data) & 0xff;
  int attribute = GPOINTER_TO_INT (data) >> 8;

  return g_strdup (cell_text (item, kind, attribute));
}

static GtkColumnViewColumn *
make_column (KithRetrievalView *self, const char *title, ColumnKind kind, int attribute)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkExpression *key = gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 0, NULL, G_CALLBACK (sort_key),
                                                    GINT_TO_POINTER (kind | (attribute << 8)), NULL);
  GtkStringSorter *sorter = gtk_string_sorter_new (key);
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "kind", GINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (factory), "attribute", GINT_TO_POINTER (attribute));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_expand (column, kind == COL_TEXT);
  /* room for a path or a file name; the extract takes the rest */
  switch (kind)
    {
    case COL_CODE:
      gtk_column_view_column_set_fixed_width (column, 190);
      break;
    case COL_DOCUMENT:
      gtk_column_view_column_set_fixed_width (column, 170);
      break;
    case COL_SPEAKER:
    case COL_CASE:
    case COL_ATTRIBUTE:
      gtk_column_view_column_set_fixed_width (column, 96);
      break;
    case COL_TEXT:
    default:
      break;
    }
  g_object_unref (sorter);
  return column;
}

/* attribute columns come and go with the project's attributes */
static void
set_attributes (KithRetrievalView *self, GPtrArray *attributes)
{
  gboolean same = self->attributes != NULL && self->attributes->len == attributes->len;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  for (guint i = 0; same && i < attributes->len; i++)
    same = g_str_equal (g_ptr_array_index (attributes, i), g_ptr_array_index (self->attributes, i));
  if (same)
    return;
  for (guint i = 0; i < self->attribute_columns->len; i++)
    gtk_column_view_remove_column (self->table, g_ptr_array_index (self->attribute_columns, i));
  g_ptr_array_set_size (self->attribute_columns, 0);
  for (guint i = 0; i < attributes->len; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = make_column (self, g_ptr_array_index (attributes, i), COL_ATTRIBUTE, (int) i);
      /* after the extract: what it says comes before who said it */
      gtk_column_view_append_column (self->table, column);
      g_ptr_array_add (self->attribute_columns, g_object_ref (column));
    }
  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  self->attributes = g_ptr_array_new_with_free_func (g_free);
  gtk_string_list_append (names, _("Any attribute"));
  for (guint i = 0; i < attributes->len; i++)
    {
      g_ptr_array_add (self->attributes, g_strdup (g_ptr_array_index (attributes, i)));
      gtk_string_list_append (names, g_ptr_array_index (attributes, i));
    }
  gtk_drop_down_set_model (self->attribute_choice, G_LIST_MODEL (names));
  gtk_widget_set_visible (GTK_WIDGET (self->attribute_choice), attributes->len > 0);
}

/* ---- the query -------------------------------------------------------------- */

static void show_columns (KithRetrievalView *self, const gboolean shown[4]);

/* a column that says nothing — one code for all, no speakers, no cases —
 * gives its room to the extracts */
static void
show_useful_columns (KithRetrievalView *self)
{
  GListModel *rows = G_LIST_MODEL (self->rows);
  guint n = g_list_model_get_n_items (rows);
  gboolean codes_differ = FALSE, speakers = FALSE, cases = FALSE;
  g_autofree char *first_code = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KithExtractItem) item = g_list_model_get_item (rows, i);
      KithExtract *e = item->row->extract;
      if (first_code == NULL)
        first_code = g_strdup (e->code);
      else if (g_strcmp0 (first_code, e->code) != 0)
        codes_differ = TRUE;
      speakers |= e->speaker != NULL && *e->speaker != '\0';
      cases |= e->case_name != NULL && *e->case_name != '\0';
    }
  show_columns (self, (gboolean[]) { codes_differ || n == 0, TRUE, speakers || n == 0, cases || n == 0 });
}

/* Puts the columns in, the useful ones only: Code, Document, Speaker, Case,
 * the extract, then the attributes (scrolled to when there are many). (Removed rather than hidden: GTK 4.8 does not
 * give a hidden column's room to the expanding one.) */
static void
show_columns (KithRetrievalView *self, const gboolean shown[4])
{
  GListModel *columns = gtk_column_view_get_columns (self->table);
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();
  gboolean same;

  for (guint i = 0; i < G_N_ELEMENTS (self->fixed_columns); i++)
    if (shown[i])
      g_ptr_array_add (wanted, self->fixed_columns[i]);
  g_ptr_array_add (wanted, self->extract_column);
  for (guint i = 0; i < self->attribute_columns->len; i++)
    g_ptr_array_add (wanted, g_ptr_array_index (self->attribute_columns, i));

  same = g_list_model_get_n_items (columns) == wanted->len;
  for (guint i = 0; same && i < wanted->len; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      same = column == g_ptr_array_index (wanted, i);
    }
  if (same)
    return;
  while (g_list_model_get_n_items (columns) > 0)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, 0);
      gtk_column_view_remove_column (self->table, column);
    }
  for (guint i = 0; i < wanted->len; i++)
    gtk_column_view_append_column (self->table, g_ptr_array_index (wanted, i));
}

static void
query_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(KithRetrievalView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithRetrieval) result = kith_job_run_finish (KITH_JOB (source), res, &error);
  g_autoptr(GPtrArray) items = NULL;

  if (result == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("cannot find the extracts: %s", error->message);
      return;
    }
  /* a newer query is on its way */
  if (KITH_JOB (source) != self->running)
    return;
  g_clear_object (&self->running);
  set_attributes (self, result->attributes);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < result->rows->len; i++)
    g_ptr_array_add (items, kith_extract_item_new (g_steal_pointer (&g_ptr_array_index (result->rows, i))));
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)), items->pdata, items->len);
  show_useful_columns (self);
  update_count (self);
}

/* runs the query again */
static void
refresh (KithRetrievalView *self)
{
  if (self->context == NULL)
    return;
  if (self->running != NULL)
    kith_job_cancel (self->running);
  g_clear_object (&self->running);
  if (self->codings_title != NULL)
    self->running = kith_job_retrieve_codings (kith_context_get_path (self->context), self->coding_ids, query_done,
                                               g_object_ref (self));
  else
    self->running = kith_job_retrieve (kith_context_get_path (self->context), self->code_ids, query_done,
                                       g_object_ref (self));
}

static void
update_title (KithRetrievalView *self)
{
  g_autofree char *title = NULL;

  if (self->codings_title != NULL)
    title = g_strdup (self->codings_title);
  else if (self->code_ids->len == 0)
    title = g_strdup (_("All Extracts"));
  else
    {
      KithCodeItem *first = kith_code_list_lookup (self->codes, g_array_index (self->code_ids, gint64, 0));
      const char *path = first != NULL ? kith_code_item_get_path (first) : "?";
      title = self->code_ids->len == 1
        ? g_strdup_printf (_("Extracts of “%s”"), path)
        : g_strdup_printf (_("Extracts of “%s” and %u more codes"), path, self->code_ids->len - 1);
    }
  gtk_label_set_text (self->title, title);
  /* the whole title when the filters leave it little room */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title), title);
}

void
kith_retrieval_view_set_codes (KithRetrievalView *self,
                               GArray            *code_ids)
{
  g_return_if_fail (KITH_IS_RETRIEVAL_VIEW (self));

  g_array_set_size (self->code_ids, 0);
  g_array_append_vals (self->code_ids, code_ids->data, code_ids->len);
  g_clear_pointer (&self->codings_title, g_free);
  update_title (self);
  refresh (self);
}

void
kith_retrieval_view_set_codings (KithRetrievalView *self,
                                 GArray            *coding_ids,
                                 const char        *title)
{
  g_return_if_fail (KITH_IS_RETRIEVAL_VIEW (self) && title != NULL);

  g_array_set_size (self->coding_ids, 0);
  g_array_append_vals (self->coding_ids, coding_ids->data, coding_ids->len);
  g_free (self->codings_title);
  self->codings_title = g_strdup (title);
  update_title (self);
  refresh (self);
}

gboolean
kith_retrieval_view_shows_codings (KithRetrievalView *self)
{
  return self->codings_title != NULL;
}

gboolean
kith_retrieval_view_export (KithRetrievalView *self,
                            const char        *path,
                            char             **pseudonymised,
                            GError           **error)
{
  GListModel *shown = G_LIST_MODEL (self->sorted);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GPtrArray) no_attributes = g_ptr_array_new ();
  g_autoptr(KithRetrieval) copy = NULL;
  g_autoptr(GHashTable) by_coding = g_hash_table_new (g_int64_hash, g_int64_equal);
  gboolean pseudonymise = FALSE;

  if (!kith_privacy_get_pseudonymise (kith_context_get_project (self->context), &pseudonymise, error))
    return FALSE;
  /* the project's Privacy setting: the same extracts read again and
   * pseudonymised, so that the ones shown keep their names */
  if (pseudonymise)
    {
      KithProject *project = kith_context_get_project (self->context);
      g_autoptr(KithPseudonymiser) p = kith_privacy_pseudonymiser (project, error);

      if (p == NULL)
        return FALSE;
      copy = self->codings_title != NULL
        ? kith_retrieval_run_codings (project, (const gint64 *) self->coding_ids->data, self->coding_ids->len, error)
        : kith_retrieval_run (project, (const gint64 *) self->code_ids->data, self->code_ids->len, error);
      if (copy == NULL)
        return FALSE;
      kith_retrieval_pseudonymise (copy, p);
      if (pseudonymised != NULL)
        *pseudonymised = kith_pseudonymiser_describe (p);
      for (guint i = 0; i < copy->rows->len; i++)
        {
          KithRetrievalRow *row = g_ptr_array_index (copy->rows, i);
          g_hash_table_insert (by_coding, &row->extract->coding_id, row);
        }
    }
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(KithExtractItem) item = g_list_model_get_item (shown, i);
      KithRetrievalRow *row = copy != NULL ? g_hash_table_lookup (by_coding, &item->row->extract->coding_id) : item->row;

      /* (a coding removed since it was shown is not exported) */
      if (row != NULL)
        g_ptr_array_add (rows, row);
    }
  kith_retrieval_to_csv (copy != NULL ? copy->attributes : self->attributes != NULL ? self->attributes : no_attributes,
                         rows, csv);
  /* exports hold quotes from transcripts: owner-only, like the project */
  return g_file_set_contents_full (path, csv->str, (gssize) csv->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600, error);
}

guint
kith_retrieval_view_get_n_shown (KithRetrievalView *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

gboolean
kith_retrieval_view_focus (KithRetrievalView *self)
{
  return gtk_widget_grab_focus (GTK_WIDGET (self->table));
}

static void
on_activate (GtkColumnView *table, guint position, KithRetrievalView *self)
{
  g_autoptr(KithExtractItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  KithExtract *e;

  if (item == NULL)
    return;
  e = item->row->extract;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-document-at", "(xxx)", e->document_id, e->start, e->end);
}

/* the chosen extract's coding goes to the inspector, memo and all */
static void
on_row_selected (GtkSelectionModel *model, guint position, guint n_items, KithRetrievalView *self)
{
  KithExtractItem *item = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (model));

  if (item != NULL)
    g_signal_emit (self, signals[SIGNAL_EXTRACT_SELECTED], 0, item->row->extract->coding_id, item->row->extract->text);
}

/* only extracts someone looks at are read again; showing them again sets
 * their codes, which reads them */
static void
on_context_changed (KithContext *context, gboolean external, KithRetrievalView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    refresh (self);
}

void
kith_retrieval_view_set_context (KithRetrievalView *self,
                                 KithContext       *context,
                                 KithCodeList      *codes)
{
  g_return_if_fail (KITH_IS_RETRIEVAL_VIEW (self));

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_set_object (&self->context, context);
  g_set_object (&self->codes, codes);
  if (context != NULL)
    g_signal_connect (context, "changed", G_CALLBACK (on_context_changed), self);
}

static void
kith_retrieval_view_dispose (GObject *object)
{
  KithRetrievalView *self = KITH_RETRIEVAL_VIEW (object);

  if (self->running != NULL)
    kith_job_cancel (self->running);
  g_clear_object (&self->running);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_RETRIEVAL_VIEW);
  kith_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->context);
  g_clear_object (&self->codes);
  g_clear_object (&self->sorted);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->code_ids, g_array_unref);
  g_clear_pointer (&self->coding_ids, g_array_unref);
  g_clear_pointer (&self->codings_title, g_free);
  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  g_clear_pointer (&self->attribute_columns, g_ptr_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->fixed_columns); i++)
    g_clear_object (&self->fixed_columns[i]);
  g_clear_object (&self->extract_column);
  G_OBJECT_CLASS (kith_retrieval_view_parent_class)->dispose (object);
}

static void
kith_retrieval_view_class_init (KithRetrievalViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_retrieval_view_dispose;

  signals[SIGNAL_EXTRACT_SELECTED] =
    g_signal_new ("extract-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE,
                  2, G_TYPE_INT64, G_TYPE_STRING);
  signals[SIGNAL_SHOWN_CHANGED] =
    g_signal_new ("shown-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/kith/Kith/kith-retrieval-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KithRetrievalView, title);
  gtk_widget_class_bind_template_child (widget_class, KithRetrievalView, count);
  gtk_widget_class_bind_template_child (widget_class, KithRetrievalView, kind_choice);
  gtk_widget_class_bind_template_child (widget_class, KithRetrievalView, attribute_choice);
  gtk_widget_class_bind_template_child (widget_class, KithRetrievalView, value_choice);
  gtk_widget_class_bind_template_child (widget_class, KithRetrievalView, table);
  gtk_widget_class_bind_template_child (widget_class, KithRetrievalView, stack);
  gtk_widget_class_bind_template_child (widget_class, KithRetrievalView, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_attribute_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_value_changed);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kith_retrieval_view_init (KithRetrievalView *self)
{
  static const struct { const char *title; ColumnKind kind; } fixed[] = {
    { N_("Code"), COL_CODE },
    { N_("Document"), COL_DOCUMENT },
    { N_("Speaker"), COL_SPEAKER },
    { N_("Case"), COL_CASE },
    { N_("Extract"), COL_TEXT },
  };
  g_autoptr(GtkStringList) kind_names = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->code_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->coding_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->attribute_columns = g_ptr_array_new_with_free_func (g_object_unref);
  self->rows = g_list_store_new (KITH_TYPE_EXTRACT_ITEM);
  self->filter = gtk_custom_filter_new (filter_row, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)), GTK_FILTER (self->filter));
  for (gsize i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = make_column (self, _(fixed[i].title), fixed[i].kind, 0);
      gtk_column_view_append_column (self->table, column);
      /* ours to keep: a column taken out of the view is put back later */
      if (i < G_N_ELEMENTS (self->fixed_columns))
        self->fixed_columns[i] = g_object_ref (column);
      else
        self->extract_column = g_object_ref (column);
    }
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered),
                                          g_object_ref (gtk_column_view_get_sorter (self->table)));
  {
    g_autoptr(GtkSingleSelection) selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
    gtk_single_selection_set_autoselect (selection, FALSE);
    g_signal_connect (selection, "selection-changed", G_CALLBACK (on_row_selected), self);
    gtk_column_view_set_model (self->table, GTK_SELECTION_MODEL (selection));
  }

  gtk_string_list_append (kind_names, _("All kinds of document"));
  gtk_string_list_append (kind_names, _("Transcripts"));
  gtk_string_list_append (kind_names, _("Notes"));
  gtk_string_list_append (kind_names, _("Reports"));
  gtk_string_list_append (kind_names, _("Surveys"));
  gtk_drop_down_set_model (self->kind_choice, G_LIST_MODEL (kind_names));
  kith_label_internals (GTK_WIDGET (self->table), _("Coded extracts"));
  kith_label_internals (GTK_WIDGET (self->kind_choice), _("Kind of document"));
  kith_label_internals (GTK_WIDGET (self->attribute_choice), _("Attribute"));
  kith_label_internals (GTK_WIDGET (self->value_choice), _("Attribute value"));
  gtk_widget_set_visible (GTK_WIDGET (self->attribute_choice), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->value_choice), FALSE);
  update_title (self);
  update_count (self);
}
