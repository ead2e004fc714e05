/* kith-review-panel.h — the inspector's suggestions: the pending one being
 * reviewed (its code, passage, rule and the rule's precision), the buttons
 * that decide it, and a suggestion pass's progress with Cancel
 *
 * It only shows: every button names a window action, and it follows the
 * window's review cursor.
 */
#pragma once

#include <gtk/gtk.h>

#include "kith-code-list.h"
#include "kith-context.h"
#include "kith-job.h"
#include "kith-review.h"
#include "kith-review-cursor.h"

G_BEGIN_DECLS

#define KITH_TYPE_REVIEW_PANEL (kith_review_panel_get_type ())
G_DECLARE_FINAL_TYPE (KithReviewPanel, kith_review_panel, KITH, REVIEW_PANEL, GtkWidget)

void kith_review_panel_set_codes    (KithReviewPanel      *self,
                                     KithCodeList         *codes);
/* Set once: on each "changed" of @review the panel shows the suggestion
 * under review (or how many wait), its rule's note and precision from
 * @context's project, and its passage from @text, the open document. */
void kith_review_panel_follow       (KithReviewPanel      *self,
                                     KithReviewCursor     *review,
                                     KithContext          *context,
                                     GtkTextView          *text);
/* A suggestion pass running (@text, @fraction done) or not (@text NULL). */
void kith_review_panel_set_progress (KithReviewPanel      *self,
                                     const char           *text,
                                     double                fraction);
/* Shows @job's progress (its message once it has one, @text before) while
 * it runs, and the buttons that start a pass once it is done. */
void kith_review_panel_follow_job   (KithReviewPanel      *self,
                                     KithJob              *job,
                                     const char           *text);

/* The single keys of review — A accept, R reject, N or J next, P or K
 * previous, Shift+A accept all from the rule — on @controller, which
 * belongs to a widget where typing cannot happen (the document's text,
 * this panel): never in an entry. */
void kith_review_panel_add_keys     (GtkShortcutController *controller);

G_END_DECLS
