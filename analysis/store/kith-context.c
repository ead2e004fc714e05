/* kith-context.c */
#include "kith-context.h"
#include "kith-history.h"

#define POLL_INTERVAL_MS 1000

struct _KithContext
{
  GObject      parent_instance;

  KithProject *project;
  char        *undo_label;
  char        *redo_label;
  gint64       data_version;
  guint        poll_id;
  guint        idle_id;
};

G_DEFINE_FINAL_TYPE (KithContext, kith_context, G_TYPE_OBJECT)

enum { PROP_0, PROP_UNDO_LABEL, PROP_REDO_LABEL, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static gint64
read_data_version (KithContext *self)
{
  sqlite3 *db = kith_project_get_db (self->project);
  sqlite3_stmt *stmt = NULL;
  gint64 version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA data_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static void
update_history_labels (KithContext *self)
{
  g_autofree char *undo = kith_history_peek_undo (self->project, NULL);
  g_autofree char *redo = kith_history_peek_redo (self->project, NULL);

  if (g_strcmp0 (undo, self->undo_label) != 0)
    {
      g_free (self->undo_label);
      self->undo_label = g_steal_pointer (&undo);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNDO_LABEL]);
    }
  if (g_strcmp0 (redo, self->redo_label) != 0)
    {
      g_free (self->redo_label);
      self->redo_label = g_steal_pointer (&redo);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REDO_LABEL]);
    }
}

static void
emit_changed (KithContext *self, gboolean external)
{
  /* every change is one synchronous transaction: none may still be open
   * when the main loop runs, or later commits would only be savepoints */
  if (kith_project_in_transaction (self->project))
    g_critical ("a transaction on %s was left open", kith_project_get_display_name (self->project));
  update_history_labels (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, external);
}

static gboolean
own_change_idle (gpointer data)
{
  KithContext *self = data;

  self->idle_id = 0;
  emit_changed (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* Several commits in one main loop iteration make one "changed". */
static void
on_project_changed (KithProject *project,
                    KithContext *self)
{
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, own_change_idle, self, NULL);
}

void
kith_context_check_now (KithContext *self)
{
  gint64 version;

  g_return_if_fail (KITH_IS_CONTEXT (self));

  version = read_data_version (self);
  if (version >= 0 && version != self->data_version)
    {
      self->data_version = version;
      emit_changed (self, TRUE);
    }
}

static gboolean
poll_cb (gpointer data)
{
  kith_context_check_now (KITH_CONTEXT (data));
  return G_SOURCE_CONTINUE;
}

void
kith_context_close (KithContext *self)
{
  g_return_if_fail (KITH_IS_CONTEXT (self));

  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_project_changed, self);
}

static void
kith_context_dispose (GObject *object)
{
  KithContext *self = KITH_CONTEXT (object);

  kith_context_close (self);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (kith_context_parent_class)->dispose (object);
}

static void
kith_context_finalize (GObject *object)
{
  KithContext *self = KITH_CONTEXT (object);

  g_free (self->undo_label);
  g_free (self->redo_label);

  G_OBJECT_CLASS (kith_context_parent_class)->finalize (object);
}

static void
kith_context_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KithContext *self = KITH_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_UNDO_LABEL:
      g_value_set_string (value, self->undo_label);
      break;
    case PROP_REDO_LABEL:
      g_value_set_string (value, self->redo_label);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_context_class_init (KithContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kith_context_dispose;
  object_class->finalize = kith_context_finalize;
  object_class->get_property = kith_context_get_property;

  properties[PROP_UNDO_LABEL] =
    g_param_spec_string ("undo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REDO_LABEL] =
    g_param_spec_string ("redo-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KithContext::changed:
   * @external: TRUE when another writer made the change
   *
   * The project changed; views reload what they show from it.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
kith_context_init (KithContext *self)
{
}

KithContext *
kith_context_open (const char *path,
                   GError    **error)
{
  g_autoptr(KithContext) self = NULL;
  KithProject *project;

  g_return_val_if_fail (path != NULL, NULL);

  project = kith_project_open (path, KITH_OPEN_DEFAULT, error);
  if (project == NULL)
    return NULL;
  self = g_object_new (KITH_TYPE_CONTEXT, NULL);
  self->project = project;
  self->data_version = read_data_version (self);
  update_history_labels (self);
  g_signal_connect (project, "changed", G_CALLBACK (on_project_changed), self);
  self->poll_id = g_timeout_add (POLL_INTERVAL_MS, poll_cb, self);
  return g_steal_pointer (&self);
}

KithProject *
kith_context_get_project (KithContext *self)
{
  g_return_val_if_fail (KITH_IS_CONTEXT (self), NULL);
  return self->project;
}

const char *
kith_context_get_path (KithContext *self)
{
  g_return_val_if_fail (KITH_IS_CONTEXT (self), NULL);
  return kith_project_get_path (self->project);
}

const char *
kith_context_get_undo_label (KithContext *self)
{
  g_return_val_if_fail (KITH_IS_CONTEXT (self), NULL);
  return self->undo_label;
}

const char *
kith_context_get_redo_label (KithContext *self)
{
  g_return_val_if_fail (KITH_IS_CONTEXT (self), NULL);
  return self->redo_label;
}

gboolean
kith_context_undo (KithContext *self,
                   char       **label,
                   GError     **error)
{
  g_return_val_if_fail (KITH_IS_CONTEXT (self), FALSE);
  return kith_history_undo (self->project, NULL, label, error);
}

gboolean
kith_context_redo (KithContext *self,
                   char       **label,
                   GError     **error)
{
  g_return_val_if_fail (KITH_IS_CONTEXT (self), FALSE);
  return kith_history_redo (self->project, NULL, label, error);
}
