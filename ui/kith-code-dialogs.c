/* kith-code-dialogs.c */
#include <glib/gi18n.h>

#include "kith-chip.h"
#include "kith-code-dialogs.h"
#include "kith-ui-util.h"

typedef struct
{
  KithAnswerFunc  answer;
  gpointer        user_data;
  GDestroyNotify  destroy;
  GtkEditable    *entry;     /* for names */
  char           *colour;    /* for colours: the one clicked */
} Ask;

static void
ask_free (Ask *ask)
{
  if (ask->destroy != NULL)
    ask->destroy (ask->user_data);
  g_free (ask->colour);
  g_free (ask);
}

static Ask *
ask_new (KithAnswerFunc answer, gpointer user_data, GDestroyNotify destroy)
{
  Ask *ask = g_new0 (Ask, 1);

  ask->answer = answer;
  ask->user_data = user_data;
  ask->destroy = destroy;
  return ask;
}

static void
on_response (AdwMessageDialog *dialog, const char *response, Ask *ask)
{
  if (g_str_equal (response, "accept"))
    {
      if (ask->entry != NULL)
        {
          g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (ask->entry)));
          if (*text != '\0')
            ask->answer (text, ask->user_data);
        }
      else if (ask->colour != NULL)
        ask->answer (ask->colour, ask->user_data);
      else
        ask->answer ("yes", ask->user_data);
    }
}

static GtkWidget *
dialog_new (GtkWindow *parent, const char *heading, const char *body, const char *accept_label,
            AdwResponseAppearance appearance, Ask *ask)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "accept", accept_label, NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "accept", appearance);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "accept");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response), ask, (GClosureNotify) ask_free, 0);
  return dialog;
}

static void
on_entry_changed (GtkEditable *entry, AdwMessageDialog *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "accept", *text != '\0');
}

void
kith_ask_code_name (GtkWindow      *parent,
                    const char     *heading,
                    const char     *body,
                    const char     *initial,
                    const char     *accept_label,
                    KithAnswerFunc  answer,
                    gpointer        user_data,
                    GDestroyNotify  destroy)
{
  Ask *ask = ask_new (answer, user_data, destroy);
  GtkWidget *dialog = dialog_new (parent, heading, body, accept_label, ADW_RESPONSE_SUGGESTED, ask);
  GtkWidget *entry = gtk_entry_new ();

  gtk_editable_set_text (GTK_EDITABLE (entry), initial != NULL ? initial : "");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  kith_set_label (entry, heading);
  ask->entry = GTK_EDITABLE (entry);
  g_signal_connect (entry, "changed", G_CALLBACK (on_entry_changed), dialog);
  on_entry_changed (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
}

/* twelve colours that read well as a light highlight and as a stripe */
static const struct { const char *colour; const char *name; } palette[] = {
  { "#2563eb", N_("Blue") },   { "#0891b2", N_("Cyan") },    { "#0d9488", N_("Teal") },
  { "#059669", N_("Green") },  { "#65a30d", N_("Olive") },   { "#ca8a04", N_("Ochre") },
  { "#d97706", N_("Amber") },  { "#ea580c", N_("Orange") },  { "#dc2626", N_("Red") },
  { "#db2777", N_("Pink") },   { "#9333ea", N_("Purple") },  { "#4f46e5", N_("Indigo") },
  { "#64748b", N_("Slate") },  { "#78716c", N_("Stone") },   { "#a16207", N_("Brown") },
  { "#be185d", N_("Berry") },
};

static void
on_swatch (GtkButton *button, AdwMessageDialog *dialog)
{
  Ask *ask = g_object_get_data (G_OBJECT (dialog), "kith-ask");

  g_free (ask->colour);
  ask->colour = g_strdup (g_object_get_data (G_OBJECT (button), "kith-colour"));
  adw_message_dialog_response (dialog, "accept");
  gtk_window_close (GTK_WINDOW (dialog));
}

void
kith_ask_code_colour (GtkWindow      *parent,
                      const char     *code_name,
                      const char     *current,
                      KithAnswerFunc  answer,
                      gpointer        user_data,
                      GDestroyNotify  destroy)
{
  Ask *ask = ask_new (answer, user_data, destroy);
  g_autofree char *heading = g_strdup_printf (_("Colour of “%s”"), code_name);
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, NULL);
  GtkWidget *grid = gtk_grid_new ();

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "kith-ask", ask);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_response), ask, (GClosureNotify) ask_free, 0);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 8);
  gtk_widget_set_halign (grid, GTK_ALIGN_CENTER);
  for (gsize i = 0; i < G_N_ELEMENTS (palette); i++)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *chip = kith_chip_new ();

      kith_chip_set_colour (KITH_CHIP (chip), palette[i].colour);
      gtk_widget_set_size_request (chip, 22, 22);
      gtk_button_set_child (GTK_BUTTON (button), chip);
      gtk_widget_add_css_class (button, "swatch");
      if (g_ascii_strcasecmp (palette[i].colour, current != NULL ? current : "") == 0)
        gtk_widget_add_css_class (button, "current");
      gtk_widget_set_tooltip_text (button, _(palette[i].name));
      kith_set_label (button, _(palette[i].name));
      g_object_set_data (G_OBJECT (button), "kith-colour", (gpointer) palette[i].colour);
      g_signal_connect (button, "clicked", G_CALLBACK (on_swatch), dialog);
      gtk_grid_attach (GTK_GRID (grid), button, (int) (i % 8), (int) (i / 8), 1, 1);
    }
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
kith_ask_confirm (GtkWindow      *parent,
                  const char     *heading,
                  const char     *body,
                  const char     *accept_label,
                  KithAnswerFunc  answer,
                  gpointer        user_data,
                  GDestroyNotify  destroy)
{
  Ask *ask = ask_new (answer, user_data, destroy);
  GtkWidget *dialog = dialog_new (parent, heading, body, accept_label, ADW_RESPONSE_DESTRUCTIVE, ask);

  /* Enter must not destroy: the safe answer is the default */
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_present (GTK_WINDOW (dialog));
}
