/* kith-welcome.c */
#include <glib/gi18n.h>
#include <string.h>

#include "kith-recent.h"
#include "kith-ui-util.h"
#include "kith-welcome.h"

struct _KithWelcome
{
  GtkWidget   parent_instance;

  GtkListBox *recent_list;
  GtkWidget  *recent_group;
};

G_DEFINE_FINAL_TYPE (KithWelcome, kith_welcome, GTK_TYPE_WIDGET)

/* ~/Projects/study.kith rather than /home/amina/Projects/study.kith */
static char *
short_folder (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  const char *home = g_get_home_dir ();
  gsize n = strlen (home);

  if (g_str_has_prefix (dir, home) && (dir[n] == '/' || dir[n] == '\0'))
    return g_strconcat ("~", dir + n, NULL);
  return g_steal_pointer (&dir);
}

static GtkWidget *
recent_row (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_str_has_suffix (base, ".kith") ? g_strndup (base, strlen (base) - 5) : g_strdup (base);
  g_autofree char *folder = short_folder (path);
  g_autofree char *markup_name = g_markup_escape_text (name, -1);
  g_autofree char *markup_folder = g_markup_escape_text (folder, -1);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), markup_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), markup_folder);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), arrow);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "app.open-recent");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", path);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, folder, -1);
  return row;
}

void
kith_welcome_refresh (KithWelcome *self)
{
  g_auto(GStrv) paths = kith_recent_list ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);
  for (guint i = 0; paths[i] != NULL; i++)
    gtk_list_box_append (self->recent_list, recent_row (paths[i]));
  gtk_widget_set_visible (self->recent_group, paths[0] != NULL);
}

static void
kith_welcome_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kith_welcome_parent_class)->map (widget);
  kith_welcome_refresh (KITH_WELCOME (widget));
}

static void
kith_welcome_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), KITH_TYPE_WELCOME);
  kith_unparent_children (GTK_WIDGET (object));
  G_OBJECT_CLASS (kith_welcome_parent_class)->dispose (object);
}

static void
kith_welcome_class_init (KithWelcomeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_welcome_dispose;
  widget_class->map = kith_welcome_map;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/kith/Kith/kith-welcome.ui");
  gtk_widget_class_bind_template_child (widget_class, KithWelcome, recent_list);
  gtk_widget_class_bind_template_child (widget_class, KithWelcome, recent_group);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kith_welcome_init (KithWelcome *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
