/* kith-document-sidebar.c */
#include <glib/gi18n.h>

#include "kith-document-sidebar.h"
#include "kith-ui-util.h"

struct _KithDocumentSidebar
{
  GtkWidget           parent_instance;

  GtkSearchEntry     *filter_entry;
  GtkListView        *list_view;
  GtkStack           *stack;

  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GtkStringFilter    *filter;
  gboolean            selecting;    /* selecting from code: do not open */
};

G_DEFINE_FINAL_TYPE (KithDocumentSidebar, kith_document_sidebar, GTK_TYPE_WIDGET)

static const char *
kind_icon (const char *kind)
{
  if (g_strcmp0 (kind, "transcript") == 0)
    return "audio-input-microphone-symbolic";
  if (g_strcmp0 (kind, "report") == 0)
    return "x-office-document-symbolic";
  if (g_strcmp0 (kind, "survey") == 0)
    return "view-list-bullet-symbolic";
  return "text-x-generic-symbolic";
}

static void
setup_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *summary = gtk_label_new (NULL);

  gtk_widget_add_css_class (box, "document-row");
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_xalign (GTK_LABEL (summary), 0);
  gtk_label_set_ellipsize (GTK_LABEL (summary), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (summary, "caption");
  gtk_widget_add_css_class (summary, "dim-label");
  gtk_box_append (GTK_BOX (texts), name);
  gtk_box_append (GTK_BOX (texts), summary);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_list_item_set_child (list_item, box);
}

static void
update_row (GtkListItem *list_item)
{
  KithDocumentItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_first_child (gtk_widget_get_last_child (box));
  GtkWidget *summary = gtk_widget_get_next_sibling (name);
  g_autofree char *label = NULL;

  if (item == NULL)
    return;
  gtk_image_set_from_icon_name (GTK_IMAGE (icon), kind_icon (kith_document_item_get_kind (item)));
  gtk_label_set_text (GTK_LABEL (name), kith_document_item_get_name (item));
  gtk_label_set_text (GTK_LABEL (summary), kith_document_item_get_summary (item));
  gtk_widget_set_tooltip_text (box, kith_document_item_get_name (item));
  label = g_strdup_printf ("%s, %s", kith_document_item_get_name (item), kith_document_item_get_summary (item));
  kith_label_list_row (box, label);
}

static void
on_item_notify (GObject *item, GParamSpec *pspec, GtkListItem *list_item)
{
  update_row (list_item);
}

static void
bind_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  update_row (list_item);
  g_signal_connect_object (gtk_list_item_get_item (list_item), "notify::summary", G_CALLBACK (on_item_notify),
                           list_item, 0);
  g_signal_connect_object (gtk_list_item_get_item (list_item), "notify::name", G_CALLBACK (on_item_notify),
                           list_item, 0);
}

static void
unbind_row (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  g_signal_handlers_disconnect_by_func (gtk_list_item_get_item (list_item), on_item_notify, list_item);
}

static void
on_selection_changed (GtkSelectionModel   *model,
                      guint                position,
                      guint                n_items,
                      KithDocumentSidebar *self)
{
  KithDocumentItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (item == NULL || self->selecting)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-document", "x", kith_document_item_get_id (item));
}

static void
on_filter_changed (GtkSearchEntry *entry, KithDocumentSidebar *self)
{
  gtk_string_filter_set_search (self->filter, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_items_changed (GListModel *model, guint position, guint removed, guint added, KithDocumentSidebar *self)
{
  gboolean empty = g_list_model_get_n_items (model) == 0;
  gboolean filtering = *gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)) != '\0';

  gtk_stack_set_visible_child_name (self->stack, !empty ? "list" : filtering ? "no-match" : "empty");
}

void
kith_document_sidebar_set_model (KithDocumentSidebar *self,
                                 KithDocumentList    *documents)
{
  g_return_if_fail (KITH_IS_DOCUMENT_SIDEBAR (self));

  gtk_filter_list_model_set_model (self->filtered, G_LIST_MODEL (documents));
}

void
kith_document_sidebar_select (KithDocumentSidebar *self,
                              gint64               id)
{
  GListModel *model = G_LIST_MODEL (self->filtered);

  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KithDocumentItem) item = g_list_model_get_item (model, i);
      if (kith_document_item_get_id (item) == id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          break;
        }
    }
  self->selecting = FALSE;
}

gboolean
kith_document_sidebar_focus (KithDocumentSidebar *self)
{
  return gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
kith_document_sidebar_dispose (GObject *object)
{
  KithDocumentSidebar *self = KITH_DOCUMENT_SIDEBAR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_DOCUMENT_SIDEBAR);
  kith_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->selection);
  G_OBJECT_CLASS (kith_document_sidebar_parent_class)->dispose (object);
}

static void
kith_document_sidebar_class_init (KithDocumentSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_document_sidebar_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/kith/Kith/kith-document-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, KithDocumentSidebar, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, KithDocumentSidebar, list_view);
  gtk_widget_class_bind_template_child (widget_class, KithDocumentSidebar, stack);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kith_document_sidebar_init (KithDocumentSidebar *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkExpression *name = gtk_property_expression_new (KITH_TYPE_DOCUMENT_ITEM, NULL, "name");

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_string_filter_new (name);
  gtk_string_filter_set_match_mode (self->filter, GTK_STRING_FILTER_MATCH_MODE_SUBSTRING);
  gtk_string_filter_set_ignore_case (self->filter, TRUE);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filtered));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
  g_signal_connect (self->filtered, "items-changed", G_CALLBACK (on_items_changed), self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
}
