/* kith-job.c — one worker in a thread on its own connection, its progress
 * as properties of the main context that started it */
#include "kith-job.h"

struct _KithJob
{
  GObject              parent_instance;

  char                *path;
  KithOpenFlags        flags;
  char                *coder;
  GCancellable        *cancellable;
  GMainContext        *context;       /* where progress and the result go */
  KithJobFunc          func;
  gpointer             data;
  GDestroyNotify       data_free;
  GDestroyNotify       result_free;
  GAsyncReadyCallback  callback;
  gpointer             user_data;

  /* what the properties say, on the main context */
  double               fraction;
  char                *message;
  gboolean             running;
  gboolean             finished;

  /* written by the worker, taken over by the main context */
  GMutex               lock;
  double               next_fraction;
  char                *next_message;
  gboolean             reported;
  gboolean             idle_queued;
};

G_DEFINE_FINAL_TYPE (KithJob, kith_job, G_TYPE_OBJECT)

enum { PROP_0, PROP_FRACTION, PROP_MESSAGE, PROP_RUNNING, PROP_FINISHED, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
set_running (KithJob *self, gboolean running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

/* on the main context: what the worker reported since, as properties */
static void
take_progress (KithJob *self)
{
  double fraction;
  g_autofree char *message = NULL;
  gboolean reported;

  g_mutex_lock (&self->lock);
  reported = self->reported;
  fraction = self->next_fraction;
  message = g_steal_pointer (&self->next_message);
  self->reported = FALSE;
  self->idle_queued = FALSE;
  g_mutex_unlock (&self->lock);
  if (!reported)
    return;
  g_object_freeze_notify (G_OBJECT (self));
  if (self->fraction != fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  if (message != NULL && g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_steal_pointer (&message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
progress_idle (gpointer data)
{
  take_progress (data);
  return G_SOURCE_REMOVE;
}

void
kith_job_report (KithJob    *self,
                 double      fraction,
                 const char *message)
{
  g_return_if_fail (KITH_IS_JOB (self));

  g_mutex_lock (&self->lock);
  self->next_fraction = CLAMP (fraction, 0.0, 1.0);
  if (message != NULL)
    {
      g_free (self->next_message);
      self->next_message = g_strdup (message);
    }
  self->reported = TRUE;
  /* one pending idle however often the worker reports */
  if (!self->idle_queued && self->context != NULL)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      self->idle_queued = TRUE;
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, progress_idle, g_object_ref (self), g_object_unref);
      g_source_set_static_name (source, "[kith] job progress");
      g_source_attach (source, self->context);
    }
  g_mutex_unlock (&self->lock);
}

static void
job_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  KithJob *self = source;
  g_autoptr(KithProject) project = NULL;
  GError *error = NULL;
  gpointer result;

  if (self->path != NULL)
    {
      project = kith_project_open (self->path, self->flags, &error);
      if (project == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      if (self->coder != NULL)
        kith_project_set_coder (project, self->coder);
    }
  result = self->func (self, project, self->data, cancellable, &error);
  if (result == NULL)
    {
      g_assert (error != NULL);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, result, self->result_free);
}

static void
job_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  KithJob *self = KITH_JOB (source);

  /* the last report shows before the result does */
  take_progress (self);
  set_running (self, FALSE);
  self->finished = TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
  if (self->callback != NULL)
    self->callback (source, result, self->user_data);
}

void
kith_job_run_async (KithJob             *self,
                    KithJobFunc          func,
                    gpointer             data,
                    GDestroyNotify       data_free,
                    GDestroyNotify       result_free,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KITH_IS_JOB (self));
  g_return_if_fail (func != NULL);
  g_return_if_fail (self->func == NULL);

  self->func = func;
  self->data = data;
  self->data_free = data_free;
  self->result_free = result_free;
  self->callback = callback;
  self->user_data = user_data;
  self->context = g_main_context_ref_thread_default ();
  set_running (self, TRUE);
  task = g_task_new (self, self->cancellable, job_done, NULL);
  g_task_set_source_tag (task, kith_job_run_async);
  g_task_run_in_thread (task, job_thread);
}

gpointer
kith_job_run_finish (KithJob       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (KITH_IS_JOB (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
kith_job_cancel (KithJob *self)
{
  g_return_if_fail (KITH_IS_JOB (self));
  g_cancellable_cancel (self->cancellable);
}

gboolean
kith_job_is_cancelled (KithJob *self)
{
  g_return_val_if_fail (KITH_IS_JOB (self), FALSE);
  return g_cancellable_is_cancelled (self->cancellable);
}

void
kith_job_set_coder (KithJob    *self,
                    const char *coder)
{
  g_return_if_fail (KITH_IS_JOB (self));
  g_return_if_fail (self->func == NULL);

  g_free (self->coder);
  self->coder = g_strdup (coder);
}

gpointer
kith_job_get_data (KithJob *self)
{
  g_return_val_if_fail (KITH_IS_JOB (self), NULL);
  return self->data;
}

GCancellable *
kith_job_get_cancellable (KithJob *self)
{
  g_return_val_if_fail (KITH_IS_JOB (self), NULL);
  return self->cancellable;
}

double
kith_job_get_fraction (KithJob *self)
{
  g_return_val_if_fail (KITH_IS_JOB (self), 0.0);
  return self->fraction;
}

const char *
kith_job_get_message (KithJob *self)
{
  g_return_val_if_fail (KITH_IS_JOB (self), NULL);
  return self->message;
}

gboolean
kith_job_get_running (KithJob *self)
{
  g_return_val_if_fail (KITH_IS_JOB (self), FALSE);
  return self->running;
}

gboolean
kith_job_get_finished (KithJob *self)
{
  g_return_val_if_fail (KITH_IS_JOB (self), FALSE);
  return self->finished;
}

KithJob *
kith_job_new (const char    *path,
              KithOpenFlags  flags)
{
  KithJob *self = g_object_new (KITH_TYPE_JOB, NULL);

  self->path = g_strdup (path);
  self->flags = flags;
  return self;
}

static void
kith_job_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KithJob *self = KITH_JOB (object);

  switch (prop_id)
    {
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_FINISHED:
      g_value_set_boolean (value, self->finished);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_job_finalize (GObject *object)
{
  KithJob *self = KITH_JOB (object);

  if (self->data_free != NULL && self->data != NULL)
    self->data_free (self->data);
  g_free (self->path);
  g_free (self->coder);
  g_free (self->message);
  g_free (self->next_message);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (kith_job_parent_class)->finalize (object);
}

static void
kith_job_class_init (KithJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = kith_job_get_property;
  object_class->finalize = kith_job_finalize;

  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kith_job_init (KithJob *self)
{
  g_mutex_init (&self->lock);
  self->cancellable = g_cancellable_new ();
}
