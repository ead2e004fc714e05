/* kith-privacy-dialog.c */
#include <glib/gi18n.h>

#include "kith-privacy.h"
#include "kith-privacy-dialog.h"
#include "kith-ui-util.h"

struct _KithPrivacyDialog
{
  AdwWindow            parent_instance;

  KithContext         *context;
  AdwToastOverlay     *toasts;
  GtkSwitch           *pseudonymise;
  AdwEntryRow         *add_row;
  AdwPreferencesGroup *names_group;
  GPtrArray           *name_rows;    /* the rows in names_group, to take out again */
};

G_DEFINE_FINAL_TYPE (KithPrivacyDialog, kith_privacy_dialog, ADW_TYPE_WINDOW)

static void reload (KithPrivacyDialog *self);

static void
show_error (KithPrivacyDialog *self, const char *what, const GError *error)
{
  g_autofree char *text = g_strdup_printf ("%s: %s", what, error->message);

  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
}

static const char *
source_text (KithPrivacySource source)
{
  switch (source)
    {
    case KITH_PRIVACY_FROM_CASE: return _("A case");
    case KITH_PRIVACY_FROM_SPEAKER: return _("A speaker");
    case KITH_PRIVACY_FROM_USER: return _("Added by you");
    case KITH_PRIVACY_FROM_TEXT: return _("Found in the text");
    default: return "";
    }
}

static void
on_keep_toggled (GtkSwitch *toggle, GParamSpec *pspec, KithPrivacyDialog *self)
{
  const char *name = g_object_get_data (G_OBJECT (toggle), "name");
  g_autoptr(GError) error = NULL;

  if (!kith_privacy_keep (kith_context_get_project (self->context), name, gtk_switch_get_active (toggle), &error))
    show_error (self, _("The choice could not be saved"), error);
}

static GtkWidget *
name_row (KithPrivacyDialog *self, const KithPrivacyName *n)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();
  /* Translators: where a name comes from, how often it occurs, what replaces it:
   * “A case · 12 times · Resident 1” */
  g_autofree char *times = g_strdup_printf (g_dngettext (NULL, "%u time", "%u times", n->occurrences), n->occurrences);
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s · %s"), source_text (n->source), times,
                                               n->keep ? _("kept") : n->pseudonym);
  g_autofree char *switch_name = g_strdup_printf (_("Keep %s"), n->name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), n->name);
  /* a name is text, never markup */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_switch_set_active (GTK_SWITCH (toggle), n->keep);
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (toggle, _("Keep this name as it is in exports (a place, an organisation)"));
  kith_set_label (toggle, switch_name);
  g_object_set_data_full (G_OBJECT (toggle), "name", g_strdup (n->name), g_free);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (on_keep_toggled), self);
  /* not the row's activatable widget: that would name the switch after the
   * row, and a screen reader would say “WM-001” rather than what it does */
  {
    GtkWidget *keep = gtk_label_new (_("Keep"));
    gtk_widget_add_css_class (keep, "dim-label");
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), keep);
  }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  return row;
}

/* the list and the setting as the project has them now; the focus stays
 * on the name it was on */
static void
reload (KithPrivacyDialog *self)
{
  KithProject *project = kith_context_get_project (self->context);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = kith_privacy_list (project, &error);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  GtkWidget *focus_row = focus != NULL ? gtk_widget_get_ancestor (focus, ADW_TYPE_ACTION_ROW) : NULL;
  g_autofree char *focused = NULL;
  gboolean on = FALSE;

  if (focus_row != NULL && g_ptr_array_find (self->name_rows, focus_row, NULL))
    focused = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (focus_row)));
  for (guint i = 0; i < self->name_rows->len; i++)
    adw_preferences_group_remove (self->names_group, g_ptr_array_index (self->name_rows, i));
  g_ptr_array_set_size (self->name_rows, 0);
  if (names == NULL)
    {
      show_error (self, _("The names could not be read"), error);
      return;
    }
  for (guint i = 0; i < names->len; i++)
    {
      const KithPrivacyName *n = g_ptr_array_index (names, i);
      GtkWidget *row = name_row (self, n);

      adw_preferences_group_add (self->names_group, row);
      g_ptr_array_add (self->name_rows, row);
      if (g_strcmp0 (focused, n->name) == 0)
        gtk_widget_grab_focus (row);
    }
  if (!kith_privacy_get_pseudonymise (project, &on, &error))
    show_error (self, _("The setting could not be read"), error);
  g_signal_handlers_block_matched (self->pseudonymise, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_switch_set_active (self->pseudonymise, on);
  g_signal_handlers_unblock_matched (self->pseudonymise, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

static void
on_pseudonymise_toggled (GtkSwitch *toggle, GParamSpec *pspec, KithPrivacyDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (!kith_privacy_set_pseudonymise (kith_context_get_project (self->context), gtk_switch_get_active (toggle), &error))
    show_error (self, _("The setting could not be saved"), error);
}

static void
on_add (AdwEntryRow *entry, KithPrivacyDialog *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autoptr(GError) error = NULL;

  if (!kith_privacy_add (kith_context_get_project (self->context), name, &error))
    {
      show_error (self, _("The name could not be added"), error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
on_context_changed (KithContext *context, gboolean external, KithPrivacyDialog *self)
{
  reload (self);
}

static void
kith_privacy_dialog_dispose (GObject *object)
{
  KithPrivacyDialog *self = KITH_PRIVACY_DIALOG (object);

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->context);
  g_clear_pointer (&self->name_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (kith_privacy_dialog_parent_class)->dispose (object);
}

static void
kith_privacy_dialog_class_init (KithPrivacyDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = kith_privacy_dialog_dispose;
  /* a dialog: Escape closes it, as it closes the app's others */
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
}

/* the page's scroller and its groups' lists, which libadwaita leaves unnamed */
static void
name_parts (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_SCROLLED_WINDOW (child))
        kith_set_label (child, _("Privacy"));
      else if (GTK_IS_LIST_BOX (child))
        {
          GtkWidget *group = gtk_widget_get_ancestor (child, ADW_TYPE_PREFERENCES_GROUP);
          kith_set_label (child, group != NULL ? adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)) : _("Privacy"));
          continue;
        }
      name_parts (child);
    }
}

static void
kith_privacy_dialog_init (KithPrivacyDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *exports = adw_preferences_group_new ();
  GtkWidget *setting = adw_action_row_new ();

  self->name_rows = g_ptr_array_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Privacy"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 640);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (exports), _("Exports"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (exports),
    _("When on, the extracts and summaries this project exports have the names below, postcodes, phone numbers, "
      "e-mail addresses and street addresses replaced. The stored text is never changed."));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (setting), _("Pseudonymise exports"));
  self->pseudonymise = GTK_SWITCH (gtk_switch_new ());
  gtk_widget_set_valign (GTK_WIDGET (self->pseudonymise), GTK_ALIGN_CENTER);
  kith_set_label (GTK_WIDGET (self->pseudonymise), _("Pseudonymise exports"));
  g_signal_connect (self->pseudonymise, "notify::active", G_CALLBACK (on_pseudonymise_toggled), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (setting), GTK_WIDGET (self->pseudonymise));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (setting), GTK_WIDGET (self->pseudonymise));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (exports), setting);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (exports));

  self->names_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->names_group, _("Names"));
  adw_preferences_group_set_description (self->names_group,
    _("Each is replaced by its pseudonym, the same one everywhere. Switch on Keep for a name that is not a "
      "person's: a place the evaluation reports by, an organisation."));
  self->add_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row), _("Add a name to replace"));
  adw_entry_row_set_show_apply_button (self->add_row, TRUE);
  g_signal_connect (self->add_row, "apply", G_CALLBACK (on_add), self);
  adw_preferences_group_add (self->names_group, GTK_WIDGET (self->add_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->names_group);
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, page);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->toasts), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), box);
  name_parts (page);
}

GtkWidget *
kith_privacy_dialog_new (GtkWindow   *parent,
                         KithContext *context)
{
  KithPrivacyDialog *self = g_object_new (KITH_TYPE_PRIVACY_DIALOG, "transient-for", parent, "modal", TRUE, NULL);

  self->context = g_object_ref (context);
  g_signal_connect (context, "changed", G_CALLBACK (on_context_changed), self);
  reload (self);
  kith_label_scrollbars (GTK_WIDGET (self));
  return GTK_WIDGET (self);
}
