/* kith-code-picker.c */
#include <glib/gi18n.h>
#include <string.h>

#include "kith-chip.h"
#include "kith-code-match.h"
#include "kith-code-picker.h"
#include "kith-ui-util.h"

struct _KithCodePicker
{
  GtkPopover          parent_instance;

  GtkSearchEntry     *entry;
  GtkListView        *list_view;
  GtkButton          *create_button;
  GtkLabel           *create_label;
  GtkStack           *stack;

  KithCodeList       *codes;
  GtkCustomFilter    *filter;
  GtkCustomSorter    *sorter;
  GtkSingleSelection *selection;
  GHashTable         *scores;   /* KithCodeItem → score + 1 (0: no match) */
  GHashTable         *order;    /* KithCodeItem → place in the codebook + 1 */
};

G_DEFINE_FINAL_TYPE (KithCodePicker, kith_code_picker, GTK_TYPE_POPOVER)

enum { SIGNAL_CODE_CHOSEN, SIGNAL_CREATE_CODE, N_SIGNALS };
static guint signals[N_SIGNALS];

static int
score_of (KithCodePicker *self, gpointer item)
{
  return GPOINTER_TO_INT (g_hash_table_lookup (self->scores, item)) - 1;
}

static gboolean
filter_func (gpointer item, gpointer user_data)
{
  return score_of (user_data, item) >= 0;
}

static int
sort_func (gconstpointer a, gconstpointer b, gpointer user_data)
{
  KithCodePicker *self = user_data;
  int sa = score_of (self, (gpointer) a), sb = score_of (self, (gpointer) b);
  int oa = GPOINTER_TO_INT (g_hash_table_lookup (self->order, a));
  int ob = GPOINTER_TO_INT (g_hash_table_lookup (self->order, b));

  if (sa != sb)
    return sa > sb ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  return oa < ob ? GTK_ORDERING_SMALLER : oa > ob ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static void
rescore (KithCodePicker *self)
{
  GListModel *all = kith_code_list_get_all (self->codes);
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autofree char *trimmed = g_strstrip (g_strdup (query));
  gboolean exact = FALSE;

  g_hash_table_remove_all (self->scores);
  g_hash_table_remove_all (self->order);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(KithCodeItem) item = g_list_model_get_item (all, i);
      int score = kith_code_match_score (query, kith_code_item_get_name (item), kith_code_item_get_path (item),
                                         kith_code_item_get_description (item));
      g_hash_table_insert (self->scores, item, GINT_TO_POINTER (score + 1));
      g_hash_table_insert (self->order, item, GINT_TO_POINTER (i + 1));
      if (g_utf8_collate (kith_code_item_get_path (item), trimmed) == 0
          || g_utf8_collate (kith_code_item_get_name (item), trimmed) == 0)
        exact = TRUE;
    }
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->sorter), GTK_SORTER_CHANGE_DIFFERENT);
  gtk_single_selection_set_selected (self->selection, 0);
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->selection)) > 0 ? "list" : "none");
  /* a name not in the codebook can become a code there and then */
  gtk_widget_set_visible (GTK_WIDGET (self->create_button), *trimmed != '\0' && !exact);
  if (*trimmed != '\0')
    {
      g_autofree char *label = g_strdup_printf (_("New code “%s”"), trimmed);
      gtk_label_set_text (self->create_label, label);
      kith_set_label (GTK_WIDGET (self->create_button), label);
    }
}

static void
choose (KithCodePicker *self, KithCodeItem *item)
{
  gint64 id = kith_code_item_get_id (item);

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[SIGNAL_CODE_CHOSEN], 0, id);
}

static void
on_search_changed (GtkSearchEntry *entry, KithCodePicker *self)
{
  rescore (self);
}

static void
on_activate_entry (GtkSearchEntry *entry, KithCodePicker *self)
{
  KithCodeItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (item != NULL)
    choose (self, item);
  else if (gtk_widget_get_visible (GTK_WIDGET (self->create_button)))
    gtk_widget_activate (GTK_WIDGET (self->create_button));
}

static void
on_row_activated (GtkListView *view, guint position, KithCodePicker *self)
{
  g_autoptr(KithCodeItem) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (item != NULL)
    choose (self, item);
}

static void
on_create_clicked (GtkButton *button, KithCodePicker *self)
{
  g_autofree char *path = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));

  gtk_popover_popdown (GTK_POPOVER (self));
  if (*path != '\0')
    g_signal_emit (self, signals[SIGNAL_CREATE_CODE], 0, path);
}

static void
move_selection (KithCodePicker *self, int delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  guint at = gtk_single_selection_get_selected (self->selection);
  guint next;

  if (n == 0)
    return;
  if (at == GTK_INVALID_LIST_POSITION)
    next = 0;
  else
    next = (guint) CLAMP ((int) at + delta, 0, (int) n - 1);
  gtk_single_selection_set_selected (self->selection, next);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", next);
}

/* the entry keeps the focus; Up and Down move through the codes */
static gboolean
on_entry_key (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
              KithCodePicker *self)
{
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_selection (self, 1);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_selection (self, -1);
      return TRUE;
    case GDK_KEY_Page_Down:
      move_selection (self, 8);
      return TRUE;
    case GDK_KEY_Page_Up:
      move_selection (self, -8);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_stop_search (GtkSearchEntry *entry, KithCodePicker *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

/* rows: chip, name with its parents dimmed, description, key */
static void
setup_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 1);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);
  GtkWidget *key = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_START);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "caption");
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_add_css_class (key, "pin-key");
  gtk_widget_set_valign (key, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), detail);
  gtk_box_append (GTK_BOX (box), kith_chip_new ());
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), key);
  gtk_widget_add_css_class (box, "picker-row");
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  KithCodeItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *chip = gtk_widget_get_first_child (box);
  GtkWidget *texts = gtk_widget_get_next_sibling (chip);
  GtkWidget *key = gtk_widget_get_next_sibling (texts);
  GtkWidget *name = gtk_widget_get_first_child (texts);
  GtkWidget *detail = gtk_widget_get_next_sibling (name);
  const char *path = kith_code_item_get_path (item);
  const char *leaf = kith_code_item_get_name (item);
  g_autofree char *parents = g_strndup (path, strlen (path) - strlen (leaf));
  g_autofree char *markup = NULL;
  g_autofree char *pin = NULL;

  kith_chip_set_colour (KITH_CHIP (chip), kith_code_item_get_colour (item));
  markup = g_markup_printf_escaped ("<span alpha=\"60%%\">%s</span>%s", parents, leaf);
  gtk_label_set_markup (GTK_LABEL (name), markup);
  gtk_label_set_text (GTK_LABEL (detail), kith_code_item_get_description (item));
  gtk_widget_set_visible (detail, *kith_code_item_get_description (item) != '\0');
  pin = kith_code_item_get_pin (item) > 0 ? g_strdup_printf ("%d", kith_code_item_get_pin (item)) : NULL;
  gtk_label_set_text (GTK_LABEL (key), pin != NULL ? pin : "");
  gtk_widget_set_visible (key, pin != NULL);
  kith_label_list_row (box, path);
}

void
kith_code_picker_popup (KithCodePicker     *self,
                        const GdkRectangle *area)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  rescore (self);
  gtk_popover_set_pointing_to (GTK_POPOVER (self), area);
  gtk_popover_popup (GTK_POPOVER (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
kith_code_picker_dispose (GObject *object)
{
  KithCodePicker *self = KITH_CODE_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_CODE_PICKER);
  g_clear_object (&self->selection);
  g_clear_object (&self->codes);
  g_clear_pointer (&self->scores, g_hash_table_unref);
  g_clear_pointer (&self->order, g_hash_table_unref);
  G_OBJECT_CLASS (kith_code_picker_parent_class)->dispose (object);
}

static void
kith_code_picker_class_init (KithCodePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_code_picker_dispose;

  signals[SIGNAL_CODE_CHOSEN] =
    g_signal_new ("code-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_CREATE_CODE] =
    g_signal_new ("create-code", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/kith/Kith/kith-code-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, KithCodePicker, entry);
  gtk_widget_class_bind_template_child (widget_class, KithCodePicker, list_view);
  gtk_widget_class_bind_template_child (widget_class, KithCodePicker, create_button);
  gtk_widget_class_bind_template_child (widget_class, KithCodePicker, create_label);
  gtk_widget_class_bind_template_child (widget_class, KithCodePicker, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_activate_entry);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);
}

static void
kith_code_picker_init (KithCodePicker *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->scores = g_hash_table_new (NULL, NULL);
  self->order = g_hash_table_new (NULL, NULL);
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
}

KithCodePicker *
kith_code_picker_new (KithCodeList *codes)
{
  KithCodePicker *self = g_object_new (KITH_TYPE_CODE_PICKER, NULL);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;

  self->codes = g_object_ref (codes);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->sorter = gtk_custom_sorter_new (sort_func, self, NULL);
  filtered = gtk_filter_list_model_new (g_object_ref (kith_code_list_get_all (codes)), GTK_FILTER (self->filter));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (filtered), GTK_SORTER (self->sorter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (sorted));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  return self;
}
