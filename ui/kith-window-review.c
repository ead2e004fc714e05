/* kith-window-review.c — suggestions in a project window: the suggestion
 * pass as a background task with progress and Cancel, and the review of
 * the open document's pending suggestions, one at a time in text order.
 *
 * Decisions go through kith-review, so each is one undoable action; the
 * project's "changed" then reloads the queue here, like every other view. */
#include <glib/gi18n.h>

#include "kith-review.h"
#include "kith-rules.h"
#include "kith-suggest.h"
#include "kith-window-private.h"

#define PASSAGE_CHARS 240

static KithProject *
project_of (KithWindow *self)
{
  return kith_context_get_project (self->context);
}

static KithSuggestion *
pending_at (KithWindow *self, guint i)
{
  return g_ptr_array_index (self->pending, i);
}

/* Where suggestion @id is in @list (KithSuggestion), or -1 */
static int
index_in (GPtrArray *list, gint64 id)
{
  for (guint i = 0; id != 0 && i < list->len; i++)
    if (((KithSuggestion *) g_ptr_array_index (list, i))->id == id)
      return (int) i;
  return -1;
}

static int
index_of (KithWindow *self, gint64 id)
{
  return index_in (self->pending, id);
}

/* ---- showing the queue ---------------------------------------------------- */

static char *
passage_of (KithWindow *self, const KithSuggestion *s)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (kith_document_view_get_text_view (self->document_view));
  GtkTextIter a, b;
  g_autofree char *text = NULL;
  g_autoptr(GString) line = g_string_new (NULL);

  gtk_text_buffer_get_iter_at_offset (buffer, &a, (int) s->start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, (int) MIN (s->end, s->start + PASSAGE_CHARS));
  text = gtk_text_iter_get_text (&a, &b);
  /* one paragraph in the panel, however the turn was broken */
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      g_string_append_unichar (line, g_unichar_isspace (c) ? ' ' : c);
    }
  if (s->end - s->start > PASSAGE_CHARS)
    g_string_append (line, "…");
  return g_string_free (g_steal_pointer (&line), FALSE);
}

static void
show_current (KithWindow *self, gboolean reveal)
{
  int at = index_of (self, self->current_suggestion);
  KithSuggestion *s = at >= 0 ? pending_at (self, (guint) at) : NULL;
  g_autoptr(KithRuleDef) rule = NULL;
  g_autoptr(GPtrArray) stats = NULL;
  g_autofree char *passage = NULL;
  const KithRuleStats *rule_stats = NULL;

  if (s == NULL)
    self->current_suggestion = 0;
  kith_document_view_set_suggestions (self->document_view, self->pending, self->current_suggestion);
  if (s == NULL)
    {
      kith_review_panel_show (self->review_panel, NULL, 0, self->pending->len, NULL, NULL, NULL);
      kith_window_update_actions (self);
      return;
    }
  if (s->rule_id != 0)
    {
      rule = kith_rules_get (project_of (self), s->rule_id, NULL);
      stats = kith_rules_stats (project_of (self), NULL);
      for (guint i = 0; stats != NULL && i < stats->len; i++)
        if (((KithRuleStats *) g_ptr_array_index (stats, i))->rule_id == s->rule_id)
          rule_stats = g_ptr_array_index (stats, i);
    }
  passage = passage_of (self, s);
  kith_review_panel_show (self->review_panel, s, (guint) at, self->pending->len, passage,
                          rule != NULL ? rule->note : NULL, rule_stats);
  if (reveal)
    kith_document_view_reveal_span (self->document_view, s->start, s->end);
  kith_window_update_actions (self);
}

/* The first pending suggestion after (@start, @id) in text order, else the
 * first of all; 0 when none is left. */
static gint64
pending_after (KithWindow *self, gint64 start, gint64 id)
{
  for (guint i = 0; i < self->pending->len; i++)
    {
      KithSuggestion *s = pending_at (self, i);
      if (s->start > start || (s->start == start && s->id > id))
        return s->id;
    }
  return self->pending->len > 0 ? pending_at (self, 0)->id : 0;
}

void
kith_window_review_reload (KithWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) fresh = NULL;
  gint64 doc = kith_document_view_get_document_id (self->document_view);
  gboolean reveal = FALSE;
  gboolean read = doc != 0 && !kith_document_view_is_loading (self->document_view);

  if (self->context == NULL)
    return;
  if (!read)
    fresh = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_suggestion_free);
  else if ((fresh = kith_suggestions_list (project_of (self), doc, TRUE, &error)) == NULL)
    {
      g_warning ("cannot read the suggestions: %s", error->message);
      return;
    }
  {
    g_autoptr(GPtrArray) before = g_steal_pointer (&self->pending);
    gboolean same_document = self->pending_document == doc && doc != 0;
    int current = index_in (before, self->current_suggestion);

    self->pending = g_steal_pointer (&fresh);
    /* not while the document loads: its list, once read, is not news */
    self->pending_document = read ? doc : 0;
    if (self->last_decided != 0 && index_of (self, self->last_decided) >= 0)
      {
        /* an undone decision: back to the suggestion it was about */
        self->current_suggestion = self->last_decided;
        self->last_decided = 0;
        self->advance = FALSE;
        reveal = TRUE;
      }
    else if (self->advance)
      {
        /* decided: on to the next one */
        self->current_suggestion = pending_after (self, self->advance_start, self->advance_id);
        self->advance = FALSE;
        reveal = TRUE;
      }
    else if (same_document && current >= 0 && index_of (self, self->current_suggestion) < 0)
      {
        /* decided by a redo, or by another writer: on to the next one */
        KithSuggestion *gone = g_ptr_array_index (before, current);

        self->current_suggestion = pending_after (self, gone->start, gone->id);
        reveal = TRUE;
      }
    else if (same_document && self->pending->len == before->len + 1)
      {
        /* one pending again (an undo after a redo, say): that one */
        for (guint i = 0; i < self->pending->len; i++)
          if (index_in (before, pending_at (self, i)->id) < 0)
            {
              self->current_suggestion = pending_at (self, i)->id;
              reveal = TRUE;
            }
      }
  }
  show_current (self, reveal);
}

void
kith_window_review_forget (KithWindow *self)
{
  self->current_suggestion = 0;
  self->last_decided = 0;
  self->advance = FALSE;
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
step (KithWindow *self, int direction)
{
  int at = index_of (self, self->current_suggestion);
  guint n = self->pending->len;
  int next;

  if (n == 0)
    return;
  if (at >= 0)
    next = (at + direction + (int) n) % (int) n;
  else
    {
      /* nothing chosen yet: the nearest from the caret on, that way */
      gint64 caret = caret_offset (self);
      next = direction > 0 ? 0 : (int) n - 1;
      for (guint i = 0; i < n; i++)
        {
          guint k = direction > 0 ? i : n - 1 - i;
          gint64 start = pending_at (self, k)->start;
          if (direction > 0 ? start >= caret : start < caret)
            {
              next = (int) k;
              break;
            }
        }
    }
  self->current_suggestion = pending_at (self, (guint) next)->id;
  show_current (self, TRUE);
}

static void
next_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  step (data, 1);
}

static void
previous_activated (GSimpleAction *action, GVariant *param, gpointer data)
{
  step (data, -1);
}

/* ---- deciding ------------------------------------------------------------- */

static void
report (KithWindow *self, const GError *error)
{
  g_message ("%s", error->message);
  kith_window_toast (self, error->message, FALSE);
}

static void
decide (KithWindow *self, gboolean accept)
{
  int at = index_of (self, self->current_suggestion);
  KithSuggestion *s = at >= 0 ? pending_at (self, (guint) at) : NULL;
  g_autoptr(GError) error = NULL;

  if (s == NULL)
    return;
  self->advance = TRUE;
  self->advance_start = s->start;
  self->advance_id = s->id;
  self->last_decided = 0;
  if (!(accept ? kith_review_accept : kith_review_reject) (project_of (self), &s->id, 1, &error))
    {
      self->advance = FALSE;
      report (self, error);
      return;
    }
  /* the queue reloads when the project says it changed */
  self->last_decided = self->advance_id;
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
  int at = index_of (self, self->current_suggestion);
  KithSuggestion *s = at >= 0 ? pending_at (self, (guint) at) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gint64 n;

  if (s == NULL || s->rule_id == 0)
    return;
  self->advance = TRUE;
  self->advance_start = s->start;
  self->advance_id = s->id;
  self->last_decided = 0;
  n = kith_review_decide_rule (project_of (self), s->rule_id, TRUE, &error);
  if (n < 0)
    {
      self->advance = FALSE;
      report (self, error);
      return;
    }
  text = g_strdup_printf (g_dngettext (NULL, "Accepted %lld suggestion of this rule",
                                       "Accepted %lld suggestions of this rule", (gulong) n), (long long) n);
  kith_window_toast (self, text, TRUE);
}

/* ---- the suggestion pass ---------------------------------------------------- */

typedef struct
{
  char   *path;
  char   *coder;
  GArray *documents;   /* gint64, or NULL for all */
} Pass;

static void
pass_free (Pass *pass)
{
  g_free (pass->path);
  g_free (pass->coder);
  g_clear_pointer (&pass->documents, g_array_unref);
  g_free (pass);
}

static gboolean
show_progress (gpointer data)
{
  KithWindow *self = data;
  g_autofree char *text = NULL;
  guint done, total;

  g_mutex_lock (&self->progress_lock);
  self->progress_idle = 0;
  done = self->progress_done;
  total = self->progress_total;
  g_mutex_unlock (&self->progress_lock);
  if (self->suggesting == NULL || self->review_panel == NULL)
    return G_SOURCE_REMOVE;
  text = g_strdup_printf (g_dngettext (NULL, "Suggesting: %u of %u document", "Suggesting: %u of %u documents",
                                       total), done, total);
  kith_review_panel_set_progress (self->review_panel, text, total > 0 ? (double) done / total : 0.0);
  return G_SOURCE_REMOVE;
}

/* in the pass's thread */
static void
on_pass_progress (guint done, guint total, gpointer user_data)
{
  KithWindow *self = user_data;

  g_mutex_lock (&self->progress_lock);
  self->progress_done = done;
  self->progress_total = total;
  if (self->progress_idle == 0)
    self->progress_idle = g_idle_add_full (G_PRIORITY_DEFAULT, show_progress, g_object_ref (self), g_object_unref);
  g_mutex_unlock (&self->progress_lock);
}

static void
pass_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Pass *pass = task_data;
  GError *error = NULL;
  /* a connection of its own: the window stays free to read and code */
  g_autoptr(KithProject) project = kith_project_open (pass->path, KITH_OPEN_DEFAULT, &error);
  KithSuggestResult *result = NULL;

  if (project == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  kith_project_set_coder (project, pass->coder);
  if (!kith_suggest_run (project, pass->documents, NULL, on_pass_progress, source, cancellable, &result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, result, (GDestroyNotify) kith_suggest_result_free);
}

static void
pass_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  KithWindow *self = KITH_WINDOW (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithSuggestResult) result = g_task_propagate_pointer (G_TASK (res), &error);
  g_autofree char *text = NULL;

  g_clear_object (&self->suggesting);
  /* the window was closed meanwhile */
  if (self->context == NULL || self->review_panel == NULL)
    return;
  kith_review_panel_set_progress (self->review_panel, NULL, 0);
  /* the pass wrote through its own connection */
  kith_context_check_now (self->context);
  kith_window_review_reload (self);
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
  if (self->current_suggestion == 0 && self->pending->len > 0)
    {
      self->current_suggestion = pending_at (self, 0)->id;
      show_current (self, TRUE);
    }
  kith_window_update_actions (self);
}

static void
start_pass (KithWindow *self, gboolean this_document)
{
  g_autoptr(GTask) task = NULL;
  Pass *pass;
  gint64 doc = kith_document_view_get_document_id (self->document_view);

  if (self->suggesting != NULL || (this_document && doc == 0))
    return;
  pass = g_new0 (Pass, 1);
  pass->path = g_strdup (kith_context_get_path (self->context));
  pass->coder = g_strdup (kith_project_get_coder (project_of (self)));
  if (this_document)
    {
      pass->documents = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (pass->documents, doc);
    }
  self->suggesting = g_cancellable_new ();
  self->progress_done = 0;
  self->progress_total = 0;
  kith_review_panel_set_progress (self->review_panel, _("Suggesting…"), 0);
  /* the panel is where the progress shows */
  gtk_widget_set_visible (GTK_WIDGET (self->inspector), TRUE);
  g_action_group_change_action_state (G_ACTION_GROUP (self), "show-inspector", g_variant_new_boolean (TRUE));
  task = g_task_new (self, self->suggesting, pass_done, NULL);
  g_task_set_task_data (task, pass, (GDestroyNotify) pass_free);
  g_task_run_in_thread (task, pass_thread);
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
  g_cancellable_cancel (self->suggesting);
  kith_review_panel_set_progress (self->review_panel, _("Cancelling…"), 0);
}

void
kith_window_review_cancel (KithWindow *self)
{
  if (self->suggesting != NULL)
    g_cancellable_cancel (self->suggesting);
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
}

static void
set_enabled (KithWindow *self, const char *name, gboolean enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
kith_window_review_update_actions (KithWindow *self,
                                   gboolean    writable,
                                   gboolean    document)
{
  gboolean running = self->suggesting != NULL;
  gboolean current = document && index_of (self, self->current_suggestion) >= 0;
  gboolean any = document && self->pending->len > 0;

  set_enabled (self, "suggest-document", writable && document && !running);
  set_enabled (self, "suggest-all", writable && !running);
  set_enabled (self, "suggest-cancel", running);
  set_enabled (self, "suggestion-accept", writable && current);
  set_enabled (self, "suggestion-reject", writable && current);
  set_enabled (self, "suggestion-accept-rule", writable && current);
  set_enabled (self, "suggestion-next", any);
  set_enabled (self, "suggestion-previous", any);
}
