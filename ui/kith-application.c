/* kith-application.c */
#include "kith-config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kith-app-jobs.h"
#include "kith-application.h"
#include "kith-import-dialog.h"
#include "kith-resources.h"
#include "kith-recent.h"
#include "kith-window.h"

struct _KithApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (KithApplication, kith_application, ADW_TYPE_APPLICATION)

void
kith_show_error (GtkWindow    *parent,
                 const char   *heading,
                 const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, error != NULL ? error->message : NULL);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static KithWindow *
window_showing (KithApplication *self, const char *path)
{
  g_autofree char *wanted = g_canonicalize_filename (path, NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (KITH_IS_WINDOW (l->data))
      {
        const char *shown = kith_window_get_project_path (l->data);
        g_autofree char *canonical = shown != NULL ? g_canonicalize_filename (shown, NULL) : NULL;
        if (g_strcmp0 (canonical, wanted) == 0)
          return l->data;
      }
  return NULL;
}

static KithWindow *
window_for_project (KithApplication *self, GtkWindow *reuse)
{
  if (KITH_IS_WINDOW (reuse) && kith_window_get_project_path (KITH_WINDOW (reuse)) == NULL)
    return KITH_WINDOW (reuse);
  return kith_window_new (self);
}

static gboolean
open_in (KithApplication *self, KithWindow *window, const char *path, GtkWindow *parent)
{
  g_autoptr(GError) error = NULL;

  if (!kith_window_open_project (window, path, &error))
    {
      kith_show_error (parent, _("The project could not be opened"), error);
      if (kith_window_get_project_path (window) == NULL && parent != GTK_WINDOW (window))
        gtk_window_destroy (GTK_WINDOW (window));
      kith_recent_remove (path);
      return FALSE;
    }
  kith_recent_add (path);
  gtk_window_present (GTK_WINDOW (window));
  return TRUE;
}

void
kith_application_open_project (KithApplication *self,
                               const char      *path,
                               GtkWindow       *reuse)
{
  KithWindow *window;
  GtkWindow *parent = reuse;

  g_return_if_fail (KITH_IS_APPLICATION (self));
  g_return_if_fail (path != NULL);

  window = window_showing (self, path);
  if (window != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }
  window = window_for_project (self, reuse);
  if (parent == NULL || !gtk_widget_get_visible (GTK_WIDGET (parent)))
    parent = GTK_WINDOW (window);
  open_in (self, window, path, parent);
}

void
kith_application_new_window (KithApplication *self,
                             const char      *path)
{
  KithWindow *window = kith_window_new (self);

  open_in (self, window, path, GTK_WINDOW (window));
}

/* ---- choosing files ------------------------------------------------------ */

static GtkFileFilter *
project_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  /* a .qdpx is offered as a new Kith project (offer_qdpx) */
  gtk_file_filter_set_name (filter, _("Kith projects and REFI-QDA projects (.qdpx)"));
  gtk_file_filter_add_pattern (filter, "*.kith");
  gtk_file_filter_add_pattern (filter, "*.qdpx");
  gtk_file_filter_add_pattern (filter, "*.QDPX");
  return filter;
}

/* ---- a REFI-QDA project offered as a Kith project ------------------------ */

typedef struct
{
  GtkWindow       *parent;
  char            *qdpx;
} Offer;

static void
offer_free (Offer *offer)
{
  g_clear_object (&offer->parent);
  g_free (offer->qdpx);
  g_free (offer);
}

/* “Tipton.qdpx” → “Tipton.kith” beside it, or “Tipton (2).kith” … when
 * that is taken: the .qdpx itself is never touched. */
static char *
project_path_for (const char *qdpx)
{
  g_autofree char *stem = g_str_has_suffix (qdpx, ".qdpx") || g_str_has_suffix (qdpx, ".QDPX")
                          ? g_strndup (qdpx, strlen (qdpx) - 5) : g_strdup (qdpx);
  char *path = g_strconcat (stem, ".kith", NULL);

  for (guint n = 2; g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_free (path);
      path = g_strdup_printf ("%s (%u).kith", stem, n);
    }
  return path;
}

/* The project is made by the import, in the background, and opened when
 * it is done; an import that fails leaves none behind. */
static void
on_offer_response (AdwMessageDialog *dialog, const char *response, Offer *offer)
{
  g_autofree char *path = NULL;

  if (!g_str_equal (response, "make"))
    return;
  path = project_path_for (offer->qdpx);
  kith_import_dialog_start_refi_new (offer->parent, path, offer->qdpx);
}

static void
offer_qdpx (const char *qdpx, GtkWindow *parent)
{
  g_autofree char *name = g_filename_display_basename (qdpx);
  g_autofree char *path = project_path_for (qdpx);
  g_autofree char *project_name = g_filename_display_basename (path);
  /* Translators: %s is a file's name, e.g. “Tipton.qdpx” */
  g_autofree char *heading = g_strdup_printf (_("Make a Kith project of “%s”?"), name);
  /* Translators: the first %s is the new project's name, the second the REFI-QDA file's */
  g_autofree char *body = g_strdup_printf (_("Kith makes the project “%s” beside it and imports the REFI-QDA "
                                             "project into it. “%s” itself is not changed."), project_name, name);
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);
  Offer *offer = g_new0 (Offer, 1);

  offer->parent = parent != NULL ? g_object_ref (parent) : NULL;
  offer->qdpx = g_strdup (qdpx);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "make", _("_Make Project"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "make", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "make");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_offer_response), offer, (GClosureNotify) offer_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  KithApplication *app;
  GtkWindow       *parent;
  gboolean         create;
} ChooseData;

static void
choose_data_free (ChooseData *data)
{
  g_clear_object (&data->parent);
  g_free (data);
}

static void
on_project_chosen (GtkNativeDialog *dialog,
                   int              response,
                   gpointer         user_data)
{
  ChooseData *data = user_data;
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    path = g_file_get_path (file);
  if (path != NULL && data->create)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KithProject) project = NULL;

      if (!g_str_has_suffix (path, ".kith"))
        {
          char *with = g_strconcat (path, ".kith", NULL);
          g_free (path);
          path = with;
        }
      project = kith_project_create (path, &error);
      if (project == NULL)
        {
          kith_show_error (data->parent, _("The project could not be created"), error);
          g_clear_pointer (&path, g_free);
        }
    }
  if (path != NULL && !data->create && (g_str_has_suffix (path, ".qdpx") || g_str_has_suffix (path, ".QDPX")))
    offer_qdpx (path, data->parent);
  else if (path != NULL)
    kith_application_open_project (data->app, path, data->parent);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  choose_data_free (data);
}

static void
choose_project (KithApplication *self, gboolean create)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkFileChooserNative *chooser;
  ChooseData *data = g_new0 (ChooseData, 1);

  chooser = gtk_file_chooser_native_new (create ? _("New Project") : _("Open Project"), parent,
                                         create ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                         create ? _("_Create") : _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (create)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("Untitled project.kith"));
  else
    {
      g_autoptr(GtkFileFilter) filter = project_filter ();
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  data->app = self;
  data->parent = parent != NULL ? g_object_ref (parent) : NULL;
  data->create = create;
  g_signal_connect (chooser, "response", G_CALLBACK (on_project_chosen), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- the sample project -------------------------------------------------- */

static char *
sample_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "kith", "Sample project.kith", NULL);
}

static void
sample_created (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KithJob) job = KITH_JOB (source);
  KithApplication *self = KITH_APPLICATION (g_application_get_default ());
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;

  g_application_release (G_APPLICATION (self));
  if (kith_job_run_finish (job, result, &error) == NULL)
    {
      kith_show_error (parent, _("The sample project could not be created"), error);
      return;
    }
  kith_application_open_project (self, kith_job_get_data (job), parent);
}

static void
open_sample (KithApplication *self)
{
  g_autofree char *path = sample_path ();
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      kith_application_open_project (self, path, parent);
      return;
    }
  g_application_hold (G_APPLICATION (self));
  /* the job is let go when it is done */
  kith_job_create_sample (path, sample_created, parent != NULL ? g_object_ref (parent) : NULL);
}

/* ---- actions ------------------------------------------------------------- */

static void
new_project_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  choose_project (KITH_APPLICATION (user_data), TRUE);
}

static void
open_project_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  choose_project (KITH_APPLICATION (user_data), FALSE);
}

static void
open_recent_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  KithApplication *self = user_data;

  kith_application_open_project (self, g_variant_get_string (parameter, NULL),
                                 gtk_application_get_active_window (GTK_APPLICATION (self)));
}

static void
open_sample_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  open_sample (KITH_APPLICATION (user_data));
}

static void
about_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "The Kith developers", NULL };

  adw_show_about_window (gtk_application_get_active_window (app),
                         "application-name", "Kith",
                         "application-icon", KITH_APP_ID,
                         "version", KITH_VERSION,
                         "comments", _("Qualitative coding and outcome evaluation"),
                         "developers", developers,
                         "license-type", GTK_LICENSE_GPL_3_0,
                         NULL);
}

static void
quit_activated (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication *app = user_data;
  GList *windows = gtk_application_get_windows (app);

  /* closing each window first lets it save a memo being typed */
  while (windows != NULL)
    {
      GList *next = windows->next;
      gtk_window_close (windows->data);
      windows = next;
    }
}

static const GActionEntry app_entries[] = {
  { "new-project", new_project_activated, NULL, NULL, NULL, { 0 } },
  { "open-project", open_project_activated, NULL, NULL, NULL, { 0 } },
  { "open-recent", open_recent_activated, "s", NULL, NULL, { 0 } },
  { "open-sample", open_sample_activated, NULL, NULL, NULL, { 0 } },
  { "about", about_activated, NULL, NULL, NULL, { 0 } },
  { "quit", quit_activated, NULL, NULL, NULL, { 0 } },
};

/* ---- GApplication -------------------------------------------------------- */

static void
kith_application_startup (GApplication *app)
{
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.new-project", { "<Control>n", NULL } },
    { "app.open-project", { "<Control>o", NULL } },
    { "app.quit", { "<Control>q", NULL } },
    { "win.show-help-overlay", { "F1", "<Control>question", NULL } },
  };

  G_APPLICATION_CLASS (kith_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_entries, G_N_ELEMENTS (app_entries), app);
  for (gsize i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app), accels[i].action, accels[i].accels);
  kith_window_set_accels (GTK_APPLICATION (app));
}

static void
kith_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    window = GTK_WINDOW (kith_window_new (KITH_APPLICATION (app)));
  gtk_window_present (window);
}

static void
kith_application_open (GApplication  *app,
                       GFile        **files,
                       int            n_files,
                       const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      g_autofree char *path = g_file_get_path (files[i]);
      if (path != NULL)
        kith_application_open_project (KITH_APPLICATION (app), path,
                                       gtk_application_get_active_window (GTK_APPLICATION (app)));
    }
}

static void
kith_application_class_init (KithApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = kith_application_startup;
  app_class->activate = kith_application_activate;
  app_class->open = kith_application_open;
}

static void
kith_application_init (KithApplication *self)
{
}

KithApplication *
kith_application_new (void)
{
  /* the resources live in a static library: registered by hand, once */
  static gsize registered;

  if (g_once_init_enter (&registered))
    {
      kith_register_resource ();
      g_once_init_leave (&registered, 1);
    }
  return g_object_new (KITH_TYPE_APPLICATION,
                       "application-id", KITH_APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/org/kith/Kith",
                       NULL);
}
