/* kith-window-review.c — suggestions in a project window: the suggestion
 * pass as a job with progress and Cancel, and the review of the open
 * document's pending suggestions, one at a time in text order.
 *
 * Which one is under review is the window's KithReviewCursor (analysis/):
 * it reloads when the project changes or another document opens, and the
 * panel and the document view show it on its "changed". Decisions go
 * through it, so each is one undoable action. */
#include <glib/gi18n.h>

#include "kith-app-jobs.h"
#include "kith-review.h"
#include "kith-suggest.h"
#include "kith-window-private.h"

/* ---- following the queue --------------------------------------------------- */

/* the panel and the document view follow the cursor themselves */
static void
on_review_changed (KithReviewCursor *review, gboolean reveal, KithWindow *self)
{
  kith_window_update_actions (self);
}

/* the open document's pending suggestions, read again */
static void
reload (KithWindow *self)
{
  g_autoptr(GError) error = NULL;
  gint64 doc = kith_document_view_get_document_id (self->document_view);

  if (self->context == NULL)
    return;
  /* not while the document loads: its list, once read, is not news */
  if (kith_document_view_is_loading (self->document_view))
    doc = 0;
  if (!kith_review_cursor_reload (self->review, kith_window_project (self), doc, &error))
    g_warning ("cannot read the suggestions: %s", error->message);
}

static void
on_document_loaded (KithDocumentView *view, KithWindow *self)
{
  /* another document: nothing chosen there yet */
  kith_review_cursor_forget (self->review);
  reload (self);
}

void
kith_window_review_follow (KithWindow *self)
{
  /* after the window's own: the cursor's news goes to the panel and the
   * document view once they have the project's */
  g_signal_connect_data (self->context, "changed", G_CALLBACK (reload), self, NULL,
                         G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

/* ---- stepping ------------------------------------------------------------- */

static gint64
caret_offset (KithWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (kith_document_view_get_text_view (self->document_view));
  GtkTextIter at;

  gtk_text_buffer_get_iter_at_mark (buffer, &at, gtk_text_buffer_get_insert (buffer));
  return gtk_text_iter_get_offset (&at);
}

static void
next_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;

  kith_review_cursor_step (self->review, 1, caret_offset (self));
}

static void
previous_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;

  kith_review_cursor_step (self->review, -1, caret_offset (self));
}

/* ---- deciding ------------------------------------------------------------- */

static void
decide (KithWindow *self, gboolean accept)
{
  g_autoptr(GError) error = NULL;

  if (kith_review_cursor_get_current (self->review) == NULL)
    return;
  /* the cursor moves on when the project says it changed */
  if (!kith_review_cursor_decide (self->review, kith_window_project (self), accept, &error))
    kith_window_report (self, error);
}

static void
accept_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  decide (data, TRUE);
}

static void
reject_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  decide (data, FALSE);
}

static void
accept_rule_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;
  KithSuggestion *s = kith_review_cursor_get_current (self->review);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 n;

  if (s == NULL || s->rule_id == 0)
    return;
  n = kith_review_cursor_accept_rule (self->review, kith_window_project (self), &error);
  if (n < 0)
    {
      kith_window_report (self, error);
      return;
    }
  text = g_strdup_printf (g_dngettext (NULL, "Accepted %lld suggestion of this rule",
                                       "Accepted %lld suggestions of this rule", (gulong) n), (long long) n);
  kith_window_toast (self, text, TRUE);
}

/* ---- the suggestion pass ---------------------------------------------------- */

static void
pass_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(KithWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithSuggestResult) result = kith_job_run_finish (KITH_JOB (source), res, &error);
  g_autofree char *text = NULL;

  g_clear_object (&self->suggesting);
  /* the window was closed meanwhile */
  if (self->context == NULL || self->review_panel == NULL)
    return;
  /* the pass wrote through its own connection */
  kith_context_check_now (self->context);
  reload (self);
  if (result == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        kith_window_toast (self, _("Suggestion pass cancelled: the documents done keep their suggestions"), FALSE);
      else
        kith_window_show_error (self, _("The suggestion pass failed"), error);
    }
  else
    {
      text = result->n_new == 0
        ? g_strdup (_("No new suggestions: every passage the rules find is coded, suggested or rejected"))
        : g_strdup_printf (g_dngettext (NULL, "%u new suggestion to review", "%u new suggestions to review",
                                        result->n_new), result->n_new);
      kith_window_toast (self, text, FALSE);
    }
  /* straight to the first one here */
  kith_review_cursor_choose_first (self->review);
  kith_window_update_actions (self);
}

static void
start_pass (KithWindow *self, gboolean this_document)
{
  g_autoptr(GArray) documents = NULL;
  gint64 doc = kith_document_view_get_document_id (self->document_view);

  if (self->suggesting != NULL || (this_document && doc == 0))
    return;
  if (this_document)
    {
      documents = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (documents, doc);
    }
  self->suggesting = kith_job_suggest (kith_context_get_path (self->context),
                                       kith_project_get_coder (kith_window_project (self)), documents, pass_done,
                                       g_object_ref (self));
  kith_review_panel_follow_job (self->review_panel, self->suggesting, _("Suggesting…"));
  /* the panel is where the progress shows */
  gtk_widget_set_visible (GTK_WIDGET (self->inspector), TRUE);
  g_action_group_change_action_state (G_ACTION_GROUP (self), "show-inspector", g_variant_new_boolean (TRUE));
  kith_window_update_actions (self);
}

static void
suggest_document_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  start_pass (data, TRUE);
}

static void
suggest_all_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  start_pass (data, FALSE);
}

static void
suggest_cancel_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  KithWindow *self = data;

  if (self->suggesting == NULL)
    return;
  kith_job_cancel (self->suggesting);
  kith_review_panel_set_progress (self->review_panel, _("Cancelling…"), 0);
}

void
kith_window_review_cancel (KithWindow *self)
{
  if (self->suggesting != NULL)
    kith_job_cancel (self->suggesting);
}

/* ---- actions --------------------------------------------------------------- */

static const GActionEntry review_entries[] = {
  { "suggest-document", suggest_document_activated, NULL, NULL, NULL, { 0 } },
  { "suggest-all", suggest_all_activated, NULL, NULL, NULL, { 0 } },
  { "suggest-cancel", suggest_cancel_activated, NULL, NULL, NULL, { 0 } },
  { "suggestion-accept", accept_activated, NULL, NULL, NULL, { 0 } },
  { "suggestion-reject", reject_activated, NULL, NULL, NULL, { 0 } },
  { "suggestion-next", next_activated, NULL, NULL, NULL, { 0 } },
  { "suggestion-previous", previous_activated, NULL, NULL, NULL, { 0 } },
  { "suggestion-accept-rule", accept_rule_activated, NULL, NULL, NULL, { 0 } },
};

void
kith_window_review_add_actions (KithWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), review_entries, G_N_ELEMENTS (review_entries), self);
  g_signal_connect (self->review, "changed", G_CALLBACK (on_review_changed), self);
  g_signal_connect (self->document_view, "loaded", G_CALLBACK (on_document_loaded), self);
}

void
kith_window_review_update_actions (KithWindow *self,
                                   gboolean    writable,
                                   gboolean    document)
{
  gboolean running = self->suggesting != NULL;
  gboolean current = document && kith_review_cursor_get_current (self->review) != NULL;
  gboolean any = document && kith_review_cursor_get_n_pending (self->review) > 0;

  kith_window_set_enabled (self, "suggest-document", writable && document && !running);
  kith_window_set_enabled (self, "suggest-all", writable && !running);
  kith_window_set_enabled (self, "suggest-cancel", running);
  kith_window_set_enabled (self, "suggestion-accept", writable && current);
  kith_window_set_enabled (self, "suggestion-reject", writable && current);
  kith_window_set_enabled (self, "suggestion-accept-rule", writable && current);
  kith_window_set_enabled (self, "suggestion-next", any);
  kith_window_set_enabled (self, "suggestion-previous", any);
}
