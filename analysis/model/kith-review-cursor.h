/* kith-review-cursor.h — which suggestion of a document is under review
 *
 * A KithReviewCursor holds one document's pending suggestions in text
 * order and the one under review ("current", its id; 0 for none). It
 * moves as a reviewer would expect: next / previous in text order (from
 * the caret when none is chosen), on to the next after a decision, back to
 * a suggestion whose decision was undone, on past one decided by a redo or
 * by another writer. After each change it emits "changed" (reveal: the
 * view should bring the current one into sight).
 */
#pragma once

#include <glib-object.h>

#include "kith-review.h"

G_BEGIN_DECLS

#define KITH_TYPE_REVIEW_CURSOR (kith_review_cursor_get_type ())
G_DECLARE_FINAL_TYPE (KithReviewCursor, kith_review_cursor, KITH, REVIEW_CURSOR, GObject)

KithReviewCursor *kith_review_cursor_new           (void);
/* Reads @document's pending suggestions again (@document 0: none, e.g.
 * while it loads) and moves the cursor as the change asks. */
gboolean          kith_review_cursor_reload        (KithReviewCursor *self,
                                                    KithProject      *project,
                                                    gint64            document,
                                                    GError          **error);
/* The same, from a list read elsewhere: @pending (element-type
 * KithSuggestion, text order; transfer full). */
void              kith_review_cursor_set_pending   (KithReviewCursor *self,
                                                    gint64            document,
                                                    GPtrArray        *pending);
/* Another document: nothing chosen, nothing to come back to. */
void              kith_review_cursor_forget        (KithReviewCursor *self);
/* The next (@direction 1) or previous (-1) one, round the end; with none
 * chosen, the nearest from @caret that way. FALSE when none is pending. */
gboolean          kith_review_cursor_step          (KithReviewCursor *self,
                                                    int               direction,
                                                    gint64            caret);
/* With none chosen, the first one; FALSE when there is none, or one was
 * chosen already. */
gboolean          kith_review_cursor_choose_first  (KithReviewCursor *self);
/* Accepts or rejects the current one (one undoable action); the cursor
 * moves on at the next reload. FALSE with @error set when it fails (or
 * none is current: KITH_ERROR_NOT_FOUND). */
gboolean          kith_review_cursor_decide        (KithReviewCursor *self,
                                                    KithProject      *project,
                                                    gboolean          accept,
                                                    GError          **error);
/* Accepts every pending suggestion of the current one's rule; how many,
 * -1 with @error set. */
gint64            kith_review_cursor_accept_rule   (KithReviewCursor *self,
                                                    KithProject      *project,
                                                    GError          **error);
/* Borrowed: the one under review, or NULL. */
KithSuggestion   *kith_review_cursor_get_current   (KithReviewCursor *self);
gint64            kith_review_cursor_get_current_id (KithReviewCursor *self);
/* Its index in get_pending(), or -1. */
int               kith_review_cursor_get_position  (KithReviewCursor *self);
/* Borrowed: (element-type KithSuggestion) in text order. */
GPtrArray        *kith_review_cursor_get_pending   (KithReviewCursor *self);
guint             kith_review_cursor_get_n_pending (KithReviewCursor *self);
/* Whose suggestions these are; 0 for none. */
gint64            kith_review_cursor_get_document  (KithReviewCursor *self);

G_END_DECLS
