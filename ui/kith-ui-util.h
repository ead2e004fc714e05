/* kith-ui-util.h — small helpers shared by Kith's widgets */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Names a row of a GtkListView or GtkColumnView for assistive technology:
 * @child is the widget a factory made; its parent is the row GTK made. */
void        kith_label_list_row     (GtkWidget  *child,
                                     const char *label);
/* Calls gtk_accessible_update_property with a label. */
void        kith_set_label          (GtkWidget  *widget,
                                     const char *label);
/* Names the parts GTK builds inside @widget and leaves unnamed (a drop-down's
 * button, a column view's list and header, scroll bars) after @name. */
void        kith_label_internals    (GtkWidget  *widget,
                                     const char *name);
/* Names a drop-down of strings (GtkStringList) and its parts, the list it
 * opens and each choice in it: GTK 4.8 leaves them unnamed. */
void        kith_name_drop_down     (GtkDropDown *dropdown,
                                     const char  *name,
                                     const char  *list_name);
/* Names the scroll bars of every scrolled window under @root. */
void        kith_label_scrollbars   (GtkWidget  *root);
/* “1,234” words in a span: a short count for people, not for parsing */
char       *kith_describe_length    (const char *text);

G_END_DECLS

G_BEGIN_DECLS
/* measure and size_allocate for a widget with one child that also parents
 * popovers (GtkBinLayout does not present popovers): the child fills it,
 * the popovers follow it. */
void        kith_bin_measure        (GtkWidget      *widget,
                                     GtkOrientation  orientation,
                                     int             for_size,
                                     int            *minimum,
                                     int            *natural,
                                     int            *minimum_baseline,
                                     int            *natural_baseline);
void        kith_bin_allocate       (GtkWidget      *widget,
                                     int             width,
                                     int             height,
                                     int             baseline);
/* Unparents every child of @widget, popovers too: for dispose, after
 * gtk_widget_dispose_template(), which leaves the children in place. */
void        kith_unparent_children  (GtkWidget      *widget);
G_END_DECLS
