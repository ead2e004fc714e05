/* kith-sample.h — the sample project: Kith's data-samples/ with the bundled
 * Inclusive Communities codebook (codes and rules), a few codings, the
 * interviewees as cases, the framework's barometers and a review queue of
 * suggestions, to try Kith without material of one's own */
#pragma once

#include "kith-project.h"

G_BEGIN_DECLS

/* Creates the sample project at @path (which must not exist) from the
 * files in $KITH_SAMPLES_DIR, else the installed samples, else the source
 * tree's data-samples/ (an uninstalled build). On failure nothing is
 * left at @path. */
gboolean kith_sample_project_create (const char  *path,
                                     GError     **error);

G_END_DECLS
