/* kith-suggest.h — the suggestion pass: rules over documents, hits queued
 * for review
 *
 * The pass never codes anything. Each hit, after its rule's speaker filter,
 * scope and exclusion, is stored as a pending suggestion (document, code,
 * rule, start, end in code points) unless the code already has a coding,
 * a suggestion or a rejected suggestion on exactly that span.
 *
 * Documents are matched in parallel, one per worker thread at a time, each
 * worker reading texts through its own read-only SQLite connection, so
 * memory stays bounded by the largest document, not the corpus. The
 * calling thread is the single writer: it stores the results in document
 * order (suggestion ids do not depend on the threads' timing) in large
 * transactions, reports progress and watches @cancellable. It may be a
 * GTask thread with its own KithProject opened on the project file.
 */
#pragma once

#include <gio/gio.h>

#include "kith-project.h"

G_BEGIN_DECLS

/* Called on the calling thread after each document. */
typedef void (*KithSuggestProgress) (guint    done,
                                     guint    total,
                                     gpointer user_data);

typedef struct
{
  guint      n_documents;
  guint      n_rules;
  guint      n_prefiltered;  /* rules matched only around their needles */
  guint      n_threads;
  guint64    n_bytes;        /* text scanned */
  guint      n_hits;         /* spans found, after filters, scopes and exclusions */
  guint      n_new;          /* pending suggestions stored */
  guint      n_known;        /* already coded, suggested or rejected */
  GPtrArray *problems;       /* (element-type utf8): rules stopped by a limit */
} KithSuggestResult;

void     kith_suggest_result_free (KithSuggestResult *result);

/**
 * kith_suggest_run:
 * @document_ids: (element-type gint64) (nullable): documents, or %NULL for all
 * @code_ids: (element-type gint64) (nullable): codes whose rules run (with
 *   their sub-codes' rules), or %NULL for all
 * @result: (out) (optional): what the pass did
 *
 * Must not be called inside a transaction of @project. Cancelling keeps the
 * suggestions of the documents finished so far (a later pass goes on
 * without duplicating them) and returns %FALSE with G_IO_ERROR_CANCELLED.
 * `KITH_SUGGEST_THREADS` in the environment sets the number of workers
 * (default: one per processor).
 */
gboolean kith_suggest_run (KithProject          *project,
                           GArray               *document_ids,
                           GArray               *code_ids,
                           KithSuggestProgress   progress,
                           gpointer              user_data,
                           GCancellable         *cancellable,
                           KithSuggestResult   **result,
                           GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithSuggestResult, kith_suggest_result_free)

G_END_DECLS
