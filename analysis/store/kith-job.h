/* kith-job.h — long work off the main thread, as an object to bind to
 *
 * A KithJob runs one worker function in a thread, on a connection of its
 * own opened from the project's path (never the caller's KithProject: a
 * SQLite connection belongs to one thread). The worker reports progress
 * with kith_job_report() from its thread; the job's "fraction" and
 * "message" change on the main context the job was started from, where a
 * progress bar can be bound to them. The result comes back there too.
 */
#pragma once

#include <gio/gio.h>

#include "kith-project.h"

G_BEGIN_DECLS

#define KITH_TYPE_JOB (kith_job_get_type ())
G_DECLARE_FINAL_TYPE (KithJob, kith_job, KITH, JOB, GObject)

/* Runs in the job's thread. @project is the job's own connection (NULL
 * for a job made without a path). Returns the result, or NULL with @error
 * set. */
typedef gpointer (*KithJobFunc) (KithJob      *job,
                                 KithProject  *project,
                                 gpointer      data,
                                 GCancellable *cancellable,
                                 GError      **error);

/* A job on the project at @path (NULL: the worker opens nothing), opened
 * with @flags; not started. */
KithJob      *kith_job_new             (const char          *path,
                                        KithOpenFlags        flags);
/* The coder the job's connection records (copied). */
void          kith_job_set_coder       (KithJob             *self,
                                        const char          *coder);
/* Starts @func on @data (the job owns it, freed with @data_free) in a
 * thread. @callback runs on the current thread-default main context once
 * "running" is FALSE again; a job runs once. */
void          kith_job_run_async       (KithJob             *self,
                                        KithJobFunc          func,
                                        gpointer             data,
                                        GDestroyNotify       data_free,
                                        GDestroyNotify       result_free,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
/* The worker's result (owned by the caller, free it as result_free would),
 * or NULL with @error set; G_IO_ERROR_CANCELLED once cancelled. */
gpointer      kith_job_run_finish      (KithJob             *self,
                                        GAsyncResult        *result,
                                        GError             **error);
/* From any thread: how far the work is (0…1) and what it is doing
 * (NULL: the message stays as it is). */
void          kith_job_report          (KithJob             *self,
                                        double               fraction,
                                        const char          *message);
void          kith_job_cancel          (KithJob             *self);
gboolean      kith_job_is_cancelled    (KithJob             *self);
/* Borrowed: the data given to kith_job_run_async(). */
gpointer      kith_job_get_data        (KithJob             *self);
GCancellable *kith_job_get_cancellable (KithJob             *self);
double        kith_job_get_fraction    (KithJob             *self);
const char   *kith_job_get_message     (KithJob             *self);
gboolean      kith_job_get_running     (KithJob             *self);
gboolean      kith_job_get_finished    (KithJob             *self);

G_END_DECLS
