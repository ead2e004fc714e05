/* kith-ui-util.c */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "kith-ui-util.h"

void
kith_set_label (GtkWidget  *widget,
                const char *label)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

void
kith_label_list_row (GtkWidget  *child,
                     const char *label)
{
  GtkWidget *row = gtk_widget_get_parent (child);

  kith_set_label (child, label);
  /* GTK 4.8 has no API for the row widget's accessible properties; the
   * row is a GtkAccessible like any widget, so it is set directly */
  if (row != NULL)
    kith_set_label (row, label);
}

char *
kith_describe_length (const char *text)
{
  guint words = 0;
  gboolean in_word = FALSE;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gboolean alnum = g_unichar_isalnum (g_utf8_get_char (p));
      if (alnum && !in_word)
        words++;
      in_word = alnum;
    }
  return g_strdup_printf (g_dngettext (NULL, "%u word", "%u words", words), words);
}

void
kith_bin_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  *minimum = *natural = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      int min = 0, nat = 0;
      if (GTK_IS_NATIVE (child) || !gtk_widget_get_visible (child))
        continue;
      gtk_widget_measure (child, orientation, for_size, &min, &nat, NULL, NULL);
      *minimum = MAX (*minimum, min);
      *natural = MAX (*natural, nat);
    }
}

void
kith_bin_allocate (GtkWidget *widget,
                   int        width,
                   int        height,
                   int        baseline)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_POPOVER (child))
        {
          if (gtk_widget_get_visible (child))
            gtk_popover_present (GTK_POPOVER (child));
        }
      else if (gtk_widget_get_visible (child))
        gtk_widget_allocate (child, width, height, baseline, NULL);
    }
}

void
kith_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

void
kith_label_internals (GtkWidget  *widget,
                      const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_POPOVER (child))
        continue;
      if (GTK_IS_TOGGLE_BUTTON (child) || GTK_IS_LIST_VIEW (child))
        {
          kith_set_label (child, name);
          /* a drop-down shows its choice in a row of its own */
          if (GTK_IS_TOGGLE_BUTTON (child))
            kith_label_internals (child, name);
        }
      else if (g_str_equal (G_OBJECT_TYPE_NAME (child), "GtkListItemWidget"))
        {
          g_autofree char *header = g_strdup_printf (_("Columns of %s"), name);
          kith_set_label (child, GTK_IS_COLUMN_VIEW (widget) ? header : name);
        }
      else if (!GTK_IS_COLUMN_VIEW (widget))
        kith_label_internals (child, name);
    }
}

/* @context: the nearest status page's title, for its inner scroller */
static void
label_parts (GtkWidget *root, const char *context)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      const char *inner = context;

      if (GTK_IS_SCROLLBAR (child))
        {
          kith_set_label (child, gtk_orientable_get_orientation (GTK_ORIENTABLE (child)) == GTK_ORIENTATION_VERTICAL
                                 ? _("Scroll up and down") : _("Scroll sideways"));
          continue;
        }
      if (ADW_IS_STATUS_PAGE (child))
        inner = adw_status_page_get_title (ADW_STATUS_PAGE (child));
      else if (GTK_IS_SCROLLED_WINDOW (child) && context != NULL)
        kith_set_label (child, context);
      /* a search bar's own close button */
      if (GTK_IS_SEARCH_BAR (root) == FALSE && GTK_IS_BUTTON (child) && gtk_widget_get_ancestor (child, GTK_TYPE_SEARCH_BAR)
          && GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (child)))
          && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (gtk_button_get_child (GTK_BUTTON (child)))),
                        "window-close-symbolic") == 0)
        kith_set_label (child, _("Close the find bar"));
      label_parts (child, inner);
    }
}

void
kith_label_scrollbars (GtkWidget *root)
{
  label_parts (root, NULL);
}

/* ---- a drop-down of strings, every part named --------------------------------------- */

/* @data: TRUE for the button, whose choice may be shortened so that a
 * narrow window still fits the three filters; the list shows it whole */
static void
setup_choice (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (data))
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 6);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_choice (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer data)
{
  GtkStringObject *choice = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = gtk_string_object_get_string (choice);

  gtk_label_set_text (GTK_LABEL (label), text);
  kith_label_list_row (label, text);
}

/* The list a drop-down opens, and its scroller, named after the
 * drop-down: GTK 4.8 leaves them unnamed, and kith_label_internals()
 * does not go into popovers. */
static void
label_popup (GtkWidget *widget, const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child) || GTK_IS_SCROLLED_WINDOW (child))
        kith_set_label (child, name);
      label_popup (child, name);
    }
}

void
kith_name_drop_down (GtkDropDown *dropdown, const char *name, const char *list_name)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) list_factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_choice), GINT_TO_POINTER (TRUE));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_choice), NULL);
  g_signal_connect (list_factory, "setup", G_CALLBACK (setup_choice), GINT_TO_POINTER (FALSE));
  g_signal_connect (list_factory, "bind", G_CALLBACK (bind_choice), NULL);
  gtk_drop_down_set_factory (dropdown, factory);
  gtk_drop_down_set_list_factory (dropdown, list_factory);
  kith_label_internals (GTK_WIDGET (dropdown), name);
  label_popup (GTK_WIDGET (dropdown), list_name);
}
