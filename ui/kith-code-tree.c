/* kith-code-tree.c */
#include <glib/gi18n.h>

#include "kith-chip.h"
#include "kith-code-tree.h"
#include "kith-ui-util.h"

struct _KithCodeTree
{
  GtkWidget          parent_instance;

  GtkListView       *list_view;
  GtkStack          *stack;

  KithCodeList      *codes;
  GtkTreeListModel  *tree;
  GtkMultiSelection *selection;
  GtkPopover        *menu;
};

G_DEFINE_FINAL_TYPE (KithCodeTree, kith_code_tree, GTK_TYPE_WIDGET)

enum { SIGNAL_SELECTION_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* where a dragged code lands relative to the row under the pointer */
typedef enum { DROP_BEFORE, DROP_INTO, DROP_AFTER } DropPlace;

static GListModel *
create_children (gpointer item, gpointer user_data)
{
  GListModel *children = kith_code_item_get_children (item);

  return g_list_model_get_n_items (children) > 0 ? g_object_ref (children) : NULL;
}

static KithCodeItem *
row_code (GtkListItem *list_item)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);

  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

/* ---- rows ---------------------------------------------------------------- */

typedef struct
{
  GtkWidget *expander;
  GtkWidget *chip;
  GtkWidget *name;
  GtkWidget *pin;
  GtkWidget *count;
} RowWidgets;

static void
update_row (GtkListItem *list_item)
{
  g_autoptr(KithCodeItem) code = row_code (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  RowWidgets *w = g_object_get_data (G_OBJECT (expander), "kith-row");
  g_autofree char *count = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *label = NULL;
  gint64 n;
  int key;

  if (code == NULL)
    return;
  n = kith_code_item_get_n_codings (code);
  key = kith_code_item_get_pin (code);
  kith_chip_set_colour (KITH_CHIP (w->chip), kith_code_item_get_colour (code));
  gtk_label_set_text (GTK_LABEL (w->name), kith_code_item_get_name (code));
  count = n > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, n) : g_strdup ("");
  gtk_label_set_text (GTK_LABEL (w->count), count);
  pin = key > 0 ? g_strdup_printf ("%d", key) : NULL;
  gtk_label_set_text (GTK_LABEL (w->pin), pin != NULL ? pin : "");
  gtk_widget_set_visible (w->pin, key > 0);
  gtk_widget_set_tooltip_text (w->name, *kith_code_item_get_description (code) != '\0'
                                        ? kith_code_item_get_description (code) : kith_code_item_get_path (code));
  label = g_strdup_printf (g_dngettext (NULL, "%s%s%s, %lld coding", "%s%s%s, %lld codings",
                                        (gulong) n),
                           kith_code_item_get_name (code), key > 0 ? ", key " : "", key > 0 ? pin : "", (long long) n);
  if (key > 0)
    {
      g_autofree char *tip = g_strdup_printf (_("Press %d in the document to code the selection with this"), key);
      gtk_widget_set_tooltip_text (w->pin, tip);
    }
  kith_label_list_row (expander, label);
}

static void
on_code_notify (GObject *code, GParamSpec *pspec, GtkListItem *list_item)
{
  update_row (list_item);
}

/* drag and drop */

static DropPlace
drop_place (GtkWidget *row, double y)
{
  int h = gtk_widget_get_height (row);

  if (y < h * 0.33)
    return DROP_BEFORE;
  if (y > h * 0.67)
    return DROP_AFTER;
  return DROP_INTO;
}

static void
clear_drop_classes (GtkWidget *row)
{
  gtk_widget_remove_css_class (row, "drop-before");
  gtk_widget_remove_css_class (row, "drop-into");
  gtk_widget_remove_css_class (row, "drop-after");
}

static GdkDragAction
on_drop_motion (GtkDropTarget *target, double x, double y, GtkListItem *list_item)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  const GValue *value = gtk_drop_target_get_value (target);
  static const char *const classes[] = { "drop-before", "drop-into", "drop-after" };

  clear_drop_classes (row);
  /* a passage of text is always coded with the code under it */
  if (value != NULL && G_VALUE_HOLDS_STRING (value))
    {
      gtk_widget_add_css_class (row, "drop-into");
      return GDK_ACTION_COPY;
    }
  gtk_widget_add_css_class (row, classes[drop_place (row, y)]);
  return GDK_ACTION_MOVE;
}

static void
on_drop_leave (GtkDropTarget *target, GtkListItem *list_item)
{
  clear_drop_classes (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target)));
}

static gboolean
on_drop (GtkDropTarget *target, const GValue *value, double x, double y, GtkListItem *list_item)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  g_autoptr(KithCodeItem) onto = row_code (list_item);

  clear_drop_classes (row);
  if (onto == NULL)
    return FALSE;
  if (G_VALUE_HOLDS_STRING (value))
    return gtk_widget_activate_action (row, "win.apply-code", "x", kith_code_item_get_id (onto));
  if (G_VALUE_HOLDS (value, KITH_TYPE_CODE_ITEM))
    {
      KithCodeItem *moved = g_value_get_object (value);
      DropPlace place = drop_place (row, y);
      gint64 parent = kith_code_item_get_parent_id (onto);
      int position = 0;

      if (moved == onto)
        return FALSE;
      if (place == DROP_INTO)
        return gtk_widget_activate_action (row, "win.move-code", "(xxi)", kith_code_item_get_id (moved),
                                           kith_code_item_get_id (onto), -1);
      /* before or after @onto: its place among its siblings, not counting
       * the moved code (kith_code_edit_move counts without it) */
      {
        KithCodeTree *self = KITH_CODE_TREE (gtk_widget_get_ancestor (row, KITH_TYPE_CODE_TREE));
        KithCodeItem *parent_item = parent != 0 ? kith_code_list_lookup (self->codes, parent) : NULL;
        GListModel *siblings = parent_item != NULL ? kith_code_item_get_children (parent_item)
                                                   : kith_code_list_get_roots (self->codes);

        for (guint i = 0, k = 0; i < g_list_model_get_n_items (siblings); i++)
          {
            g_autoptr(KithCodeItem) s = g_list_model_get_item (siblings, i);
            if (s == moved)
              continue;
            if (s == onto)
              {
                position = (int) k;
                break;
              }
            k++;
          }
      }
      if (place == DROP_AFTER)
        position++;
      return gtk_widget_activate_action (row, "win.move-code", "(xxi)", kith_code_item_get_id (moved), parent, position);
    }
  return FALSE;
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source, double x, double y, GtkListItem *list_item)
{
  g_autoptr(KithCodeItem) code = row_code (list_item);

  if (code == NULL)
    return NULL;
  return gdk_content_provider_new_typed (KITH_TYPE_CODE_ITEM, code);
}

static void
on_drag_begin (GtkDragSource *source, GdkDrag *drag, GtkListItem *list_item)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  g_autoptr(GdkPaintable) icon = gtk_widget_paintable_new (row);

  gtk_drag_source_set_icon (source, icon, 12, 12);
}

static void
setup_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, KithCodeTree *self)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  RowWidgets *w = g_new0 (RowWidgets, 1);
  GtkDragSource *drag = gtk_drag_source_new ();
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_MOVE | GDK_ACTION_COPY);
  GType types[] = { KITH_TYPE_CODE_ITEM, G_TYPE_STRING };

  w->expander = expander;
  w->chip = kith_chip_new ();
  w->name = gtk_label_new (NULL);
  w->pin = gtk_label_new (NULL);
  w->count = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (w->name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (w->name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (w->name, TRUE);
  gtk_widget_add_css_class (w->pin, "pin-key");
  gtk_widget_set_valign (w->pin, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (w->count, "dim-label");
  gtk_widget_add_css_class (w->count, "numeric");
  gtk_widget_add_css_class (w->count, "caption");
  gtk_box_append (GTK_BOX (box), w->chip);
  gtk_box_append (GTK_BOX (box), w->name);
  gtk_box_append (GTK_BOX (box), w->count);
  gtk_box_append (GTK_BOX (box), w->pin);
  gtk_widget_add_css_class (box, "code-row");
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), box);
  g_object_set_data_full (G_OBJECT (expander), "kith-row", w, g_free);

  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (on_drag_prepare), list_item);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), list_item);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (drag));
  gtk_drop_target_set_gtypes (drop, types, G_N_ELEMENTS (types));
  gtk_drop_target_set_preload (drop, TRUE);
  g_signal_connect (drop, "motion", G_CALLBACK (on_drop_motion), list_item);
  g_signal_connect (drop, "leave", G_CALLBACK (on_drop_leave), list_item);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), list_item);
  gtk_widget_add_controller (expander, GTK_EVENT_CONTROLLER (drop));
  gtk_list_item_set_child (list_item, expander);
}

static void
bind_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, KithCodeTree *self)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  g_autoptr(KithCodeItem) code = gtk_tree_list_row_get_item (row);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item)), row);
  update_row (list_item);
  g_signal_connect_object (code, "notify", G_CALLBACK (on_code_notify), list_item, 0);
}

static void
unbind_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, KithCodeTree *self)
{
  g_autoptr(KithCodeItem) code = row_code (list_item);

  if (code != NULL)
    g_signal_handlers_disconnect_by_func (code, on_code_notify, list_item);
  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (gtk_list_item_get_child (list_item)), NULL);
}

/* ---- selection and activation -------------------------------------------- */

GArray *
kith_code_tree_get_selected_ids (KithCodeTree *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  guint position;

  if (self->selection == NULL)
    return ids;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);
      g_autoptr(KithCodeItem) code = gtk_tree_list_row_get_item (row);
      gint64 id = kith_code_item_get_id (code);
      g_array_append_val (ids, id);
    }
  return ids;
}

gint64
kith_code_tree_get_current_id (KithCodeTree *self)
{
  g_autoptr(GArray) ids = kith_code_tree_get_selected_ids (self);

  return ids->len > 0 ? g_array_index (ids, gint64, 0) : 0;
}

void
kith_code_tree_select (KithCodeTree *self,
                       gint64        id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->tree));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), i);
      g_autoptr(KithCodeItem) code = gtk_tree_list_row_get_item (row);
      if (kith_code_item_get_id (code) == id)
        {
          gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), i, TRUE);
          gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", i);
          return;
        }
    }
}

gboolean
kith_code_tree_focus (KithCodeTree *self)
{
  return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
on_selection_changed (GtkSelectionModel *model, guint position, guint n_items, KithCodeTree *self)
{
  g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
}

static void
on_activate (GtkListView *view, guint position, KithCodeTree *self)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (G_LIST_MODEL (self->tree), position);
  g_autoptr(KithCodeItem) code = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;

  if (code != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.apply-code", "x", kith_code_item_get_id (code));
}

static void
on_roots_changed (GListModel *model, guint position, guint removed, guint added, KithCodeTree *self)
{
  gtk_stack_set_visible_child_name (self->stack, g_list_model_get_n_items (model) > 0 ? "tree" : "empty");
}

/* ---- context menu -------------------------------------------------------- */

static GMenuModel *
code_menu (KithCodeItem *code)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) apply = g_menu_new ();
  g_autoptr(GMenu) edit = g_menu_new ();
  g_autoptr(GMenu) keys = g_menu_new ();
  g_autoptr(GMenu) danger = g_menu_new ();
  gint64 id = kith_code_item_get_id (code);
  g_autoptr(GMenuItem) item = NULL;

#define ADD(section, label, action, target) \
  do { g_autoptr(GMenuItem) it = g_menu_item_new (label, NULL); \
       g_menu_item_set_action_and_target_value (it, action, target); \
       g_menu_append_item (section, it); } while (0)

  ADD (apply, _("_Code Selection"), "win.apply-code", g_variant_new_int64 (id));
  ADD (apply, _("Show _Extracts"), "win.show-code-extracts", g_variant_new_int64 (id));
  ADD (edit, _("Add _Subcode…"), "win.new-subcode", g_variant_new_int64 (id));
  ADD (edit, _("_Rename…"), "win.rename-code", g_variant_new_int64 (id));
  ADD (edit, _("Change _Colour…"), "win.recolour-code", g_variant_new_int64 (id));
  for (int k = 1; k <= 9; k++)
    {
      g_autofree char *label = g_strdup_printf (_("Put on Key %d"), k);
      ADD (keys, label, "win.pin-code", g_variant_new ("(xi)", id, k));
    }
  if (kith_code_item_get_pin (code) > 0)
    ADD (keys, _("Take off Its Key"), "win.pin-code", g_variant_new ("(xi)", id, 0));
  ADD (danger, _("_Delete…"), "win.delete-code", g_variant_new_int64 (id));
#undef ADD
  g_menu_append_section (menu, NULL, G_MENU_MODEL (apply));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (edit));
  item = g_menu_item_new_submenu (_("_Key"), G_MENU_MODEL (keys));
  g_menu_append_item (edit, item);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (danger));
  return G_MENU_MODEL (menu);
}

static void
show_menu_at (KithCodeTree *self, KithCodeItem *code, GtkWidget *row, double x, double y)
{
  g_autoptr(GMenuModel) model = code_menu (code);
  graphene_point_t point;

  if (self->menu == NULL)
    {
      self->menu = GTK_POPOVER (gtk_popover_menu_new_from_model (NULL));
      gtk_widget_set_parent (GTK_WIDGET (self->menu), GTK_WIDGET (self));
      gtk_popover_set_has_arrow (self->menu, FALSE);
      gtk_widget_set_halign (GTK_WIDGET (self->menu), GTK_ALIGN_START);
      kith_set_label (GTK_WIDGET (self->menu), _("Code menu"));
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->menu), model);
  if (!gtk_widget_compute_point (row, GTK_WIDGET (self), &GRAPHENE_POINT_INIT ((float) x, (float) y), &point))
    point = GRAPHENE_POINT_INIT (0, 0);
  gtk_popover_set_pointing_to (self->menu, &(GdkRectangle) { (int) point.x, (int) point.y, 1, 1 });
  gtk_popover_popup (self->menu);
}

static void
on_right_click (GtkGestureClick *gesture, int n_press, double x, double y, KithCodeTree *self)
{
  GtkWidget *list = GTK_WIDGET (self->list_view);
  GtkWidget *picked = gtk_widget_pick (list, x, y, GTK_PICK_DEFAULT);

  /* the row widget the factory made is a GtkTreeExpander */
  while (picked != NULL && !GTK_IS_TREE_EXPANDER (picked))
    picked = gtk_widget_get_parent (picked);
  if (picked != NULL)
    {
      GtkTreeListRow *row = gtk_tree_expander_get_list_row (GTK_TREE_EXPANDER (picked));
      g_autoptr(KithCodeItem) code = row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
      graphene_point_t p;

      if (code == NULL || !gtk_widget_compute_point (list, picked, &GRAPHENE_POINT_INIT ((float) x, (float) y), &p))
        return;
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection),
                                       gtk_tree_list_row_get_position (row), TRUE);
      show_menu_at (self, code, picked, p.x, p.y);
    }
}

/* Shift+F10 and the Menu key: the menu of the current code */
static gboolean
on_menu_key (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  KithCodeTree *self = KITH_CODE_TREE (widget);
  KithCodeItem *code = kith_code_list_lookup (self->codes, kith_code_tree_get_current_id (self));
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  if (code == NULL)
    return FALSE;
  show_menu_at (self, code, focus != NULL ? focus : widget, 24, 12);
  return TRUE;
}

/* ---- class --------------------------------------------------------------- */

void
kith_code_tree_set_codes (KithCodeTree *self,
                          KithCodeList *codes)
{
  GtkListItemFactory *factory;

  g_return_if_fail (KITH_IS_CODE_TREE (self));
  g_return_if_fail (self->codes == NULL);

  self->codes = g_object_ref (codes);
  self->tree = gtk_tree_list_model_new (g_object_ref (kith_code_list_get_roots (codes)), FALSE, TRUE,
                                        create_children, NULL, NULL);
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->tree)));
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
  g_signal_connect (kith_code_list_get_roots (codes), "items-changed", G_CALLBACK (on_roots_changed), self);
  on_roots_changed (kith_code_list_get_roots (codes), 0, 0, 0, self);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}

static void
kith_code_tree_dispose (GObject *object)
{
  KithCodeTree *self = KITH_CODE_TREE (object);

  if (self->codes != NULL)
    g_signal_handlers_disconnect_by_data (kith_code_list_get_roots (self->codes), self);
  if (self->menu != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->menu));
  self->menu = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_CODE_TREE);
  kith_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->selection);
  g_clear_object (&self->tree);
  g_clear_object (&self->codes);
  G_OBJECT_CLASS (kith_code_tree_parent_class)->dispose (object);
}

static void
kith_code_tree_class_init (KithCodeTreeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_code_tree_dispose;
  widget_class->measure = kith_bin_measure;
  widget_class->size_allocate = kith_bin_allocate;

  signals[SIGNAL_SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/kith/Kith/kith-code-tree.ui");
  gtk_widget_class_bind_template_child (widget_class, KithCodeTree, list_view);
  gtk_widget_class_bind_template_child (widget_class, KithCodeTree, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, on_menu_key, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, on_menu_key, NULL);
}

static void
kith_code_tree_init (KithCodeTree *self)
{
  GtkGesture *click;
  GtkEventController *keys;
  GtkShortcut *shortcut;

  gtk_widget_init_template (GTK_WIDGET (self));

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_right_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), GTK_EVENT_CONTROLLER (click));

  /* Delete and F2 act on the current code while the tree has the focus */
  keys = gtk_shortcut_controller_new ();
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Delete, 0), gtk_named_action_new ("win.delete-code"));
  gtk_shortcut_set_arguments (shortcut, g_variant_new_int64 (0));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), shortcut);
  shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_F2, 0), gtk_named_action_new ("win.rename-code"));
  gtk_shortcut_set_arguments (shortcut, g_variant_new_int64 (0));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys), shortcut);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);
}
