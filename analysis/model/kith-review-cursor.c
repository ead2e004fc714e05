/* kith-review-cursor.c — the suggestion under review, and where it goes
 * when the queue changes */
#include "kith-review-cursor.h"

#include "kith-error.h"
#include "kith-i18n.h"

struct _KithReviewCursor
{
  GObject    parent_instance;

  GPtrArray *pending;        /* KithSuggestion, text order */
  gint64     document;       /* whose they are; 0: none read */
  gint64     current;
  gint64     last_decided;   /* back to it when its decision is undone */
  gboolean   advance;        /* decided: move on from advance_start/id */
  gint64     advance_start;
  gint64     advance_id;
};

G_DEFINE_FINAL_TYPE (KithReviewCursor, kith_review_cursor, G_TYPE_OBJECT)

enum { PROP_0, PROP_CURRENT, PROP_N_PENDING, PROP_DOCUMENT, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static KithSuggestion *
pending_at (KithReviewCursor *self, guint i)
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
index_of (KithReviewCursor *self, gint64 id)
{
  return index_in (self->pending, id);
}

/* The first pending suggestion after (@start, @id) in text order, else the
 * first of all; 0 when none is left. */
static gint64
pending_after (KithReviewCursor *self, gint64 start, gint64 id)
{
  for (guint i = 0; i < self->pending->len; i++)
    {
      KithSuggestion *s = pending_at (self, i);
      if (s->start > start || (s->start == start && s->id > id))
        return s->id;
    }
  return self->pending->len > 0 ? pending_at (self, 0)->id : 0;
}

/* Notifies what changed since @current / @n / @document, then "changed". */
static void
moved (KithReviewCursor *self, gint64 current, guint n, gint64 document, gboolean reveal)
{
  /* a current one that is not pending is none */
  if (index_of (self, self->current) < 0)
    self->current = 0;
  if (self->current != current)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT]);
  if (self->pending->len != n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PENDING]);
  if (self->document != document)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0, reveal);
}

void
kith_review_cursor_set_pending (KithReviewCursor *self,
                                gint64            document,
                                GPtrArray        *pending)
{
  g_autoptr(GPtrArray) before = NULL;
  gint64 was_current, was_document;
  gboolean same_document, reveal = FALSE;
  int current;

  g_return_if_fail (KITH_IS_REVIEW_CURSOR (self));
  g_return_if_fail (pending != NULL);

  before = g_steal_pointer (&self->pending);
  was_current = self->current;
  was_document = self->document;
  same_document = self->document == document && document != 0;
  current = index_in (before, self->current);
  self->pending = pending;
  self->document = document;
  if (self->last_decided != 0 && index_of (self, self->last_decided) >= 0)
    {
      /* an undone decision: back to the suggestion it was about */
      self->current = self->last_decided;
      self->last_decided = 0;
      self->advance = FALSE;
      reveal = TRUE;
    }
  else if (self->advance)
    {
      /* decided: on to the next one */
      self->current = pending_after (self, self->advance_start, self->advance_id);
      self->advance = FALSE;
      reveal = TRUE;
    }
  else if (same_document && current >= 0 && index_of (self, self->current) < 0)
    {
      /* decided by a redo, or by another writer: on to the next one */
      KithSuggestion *gone = g_ptr_array_index (before, current);

      self->current = pending_after (self, gone->start, gone->id);
      reveal = TRUE;
    }
  else if (same_document && self->pending->len == before->len + 1)
    {
      /* one pending again (an undo after a redo, say): that one */
      for (guint i = 0; i < self->pending->len; i++)
        if (index_in (before, pending_at (self, i)->id) < 0)
          {
            self->current = pending_at (self, i)->id;
            reveal = TRUE;
          }
    }
  moved (self, was_current, before->len, was_document, reveal);
}

gboolean
kith_review_cursor_reload (KithReviewCursor *self,
                           KithProject      *project,
                           gint64            document,
                           GError          **error)
{
  GPtrArray *fresh;

  g_return_val_if_fail (KITH_IS_REVIEW_CURSOR (self), FALSE);
  g_return_val_if_fail (KITH_IS_PROJECT (project), FALSE);

  if (document == 0)
    fresh = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_suggestion_free);
  else if ((fresh = kith_suggestions_list (project, document, TRUE, error)) == NULL)
    return FALSE;
  kith_review_cursor_set_pending (self, document, fresh);
  return TRUE;
}

void
kith_review_cursor_forget (KithReviewCursor *self)
{
  gint64 was_current, was_document;
  guint n;

  g_return_if_fail (KITH_IS_REVIEW_CURSOR (self));

  was_current = self->current;
  was_document = self->document;
  n = self->pending->len;
  g_ptr_array_set_size (self->pending, 0);
  self->document = 0;
  self->current = 0;
  self->last_decided = 0;
  self->advance = FALSE;
  moved (self, was_current, n, was_document, FALSE);
}

gboolean
kith_review_cursor_step (KithReviewCursor *self,
                         int               direction,
                         gint64            caret)
{
  int at, next;
  guint n;
  gint64 was;

  g_return_val_if_fail (KITH_IS_REVIEW_CURSOR (self), FALSE);
  g_return_val_if_fail (direction == 1 || direction == -1, FALSE);

  at = index_of (self, self->current);
  n = self->pending->len;
  if (n == 0)
    return FALSE;
  if (at >= 0)
    next = (at + direction + (int) n) % (int) n;
  else
    {
      /* nothing chosen yet: the nearest from the caret on, that way */
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
  was = self->current;
  self->current = pending_at (self, (guint) next)->id;
  moved (self, was, n, self->document, TRUE);
  return TRUE;
}

gboolean
kith_review_cursor_choose_first (KithReviewCursor *self)
{
  g_return_val_if_fail (KITH_IS_REVIEW_CURSOR (self), FALSE);

  if (self->current != 0 || self->pending->len == 0)
    return FALSE;
  self->current = pending_at (self, 0)->id;
  moved (self, 0, self->pending->len, self->document, TRUE);
  return TRUE;
}

/* remembers where to go on from, before the decision's commit is heard */
static KithSuggestion *
start_decision (KithReviewCursor *self, GError **error)
{
  KithSuggestion *s = kith_review_cursor_get_current (self);

  if (s == NULL)
    {
      g_set_error_literal (error, KITH_ERROR, KITH_ERROR_NOT_FOUND, _("No suggestion is under review"));
      return NULL;
    }
  self->advance = TRUE;
  self->advance_start = s->start;
  self->advance_id = s->id;
  self->last_decided = 0;
  return s;
}

gboolean
kith_review_cursor_decide (KithReviewCursor *self,
                           KithProject      *project,
                           gboolean          accept,
                           GError          **error)
{
  KithSuggestion *s;

  g_return_val_if_fail (KITH_IS_REVIEW_CURSOR (self), FALSE);
  g_return_val_if_fail (KITH_IS_PROJECT (project), FALSE);

  if ((s = start_decision (self, error)) == NULL)
    return FALSE;
  if (!(accept ? kith_review_accept : kith_review_reject) (project, &s->id, 1, error))
    {
      self->advance = FALSE;
      return FALSE;
    }
  /* an undo brings it back: the cursor returns to it */
  self->last_decided = self->advance_id;
  return TRUE;
}

gint64
kith_review_cursor_accept_rule (KithReviewCursor *self,
                                KithProject      *project,
                                GError          **error)
{
  KithSuggestion *s;
  gint64 n;

  g_return_val_if_fail (KITH_IS_REVIEW_CURSOR (self), -1);
  g_return_val_if_fail (KITH_IS_PROJECT (project), -1);

  if ((s = start_decision (self, error)) == NULL)
    return -1;
  if (s->rule_id == 0)
    {
      self->advance = FALSE;
      g_set_error_literal (error, KITH_ERROR, KITH_ERROR_NOT_FOUND, _("The suggestion's rule was deleted"));
      return -1;
    }
  n = kith_review_decide_rule (project, s->rule_id, TRUE, error);
  if (n < 0)
    self->advance = FALSE;
  return n;
}

KithSuggestion *
kith_review_cursor_get_current (KithReviewCursor *self)
{
  int at;

  g_return_val_if_fail (KITH_IS_REVIEW_CURSOR (self), NULL);
  at = index_of (self, self->current);
  return at >= 0 ? pending_at (self, (guint) at) : NULL;
}

gint64
kith_review_cursor_get_current_id (KithReviewCursor *self)
{
  g_return_val_if_fail (KITH_IS_REVIEW_CURSOR (self), 0);
  return self->current;
}

int
kith_review_cursor_get_position (KithReviewCursor *self)
{
  g_return_val_if_fail (KITH_IS_REVIEW_CURSOR (self), -1);
  return index_of (self, self->current);
}

GPtrArray *
kith_review_cursor_get_pending (KithReviewCursor *self)
{
  g_return_val_if_fail (KITH_IS_REVIEW_CURSOR (self), NULL);
  return self->pending;
}

guint
kith_review_cursor_get_n_pending (KithReviewCursor *self)
{
  g_return_val_if_fail (KITH_IS_REVIEW_CURSOR (self), 0);
  return self->pending->len;
}

gint64
kith_review_cursor_get_document (KithReviewCursor *self)
{
  g_return_val_if_fail (KITH_IS_REVIEW_CURSOR (self), 0);
  return self->document;
}

KithReviewCursor *
kith_review_cursor_new (void)
{
  return g_object_new (KITH_TYPE_REVIEW_CURSOR, NULL);
}

static void
kith_review_cursor_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KithReviewCursor *self = KITH_REVIEW_CURSOR (object);

  switch (prop_id)
    {
    case PROP_CURRENT:
      g_value_set_int64 (value, self->current);
      break;
    case PROP_N_PENDING:
      g_value_set_uint (value, self->pending->len);
      break;
    case PROP_DOCUMENT:
      g_value_set_int64 (value, self->document);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_review_cursor_finalize (GObject *object)
{
  KithReviewCursor *self = KITH_REVIEW_CURSOR (object);

  g_ptr_array_unref (self->pending);
  G_OBJECT_CLASS (kith_review_cursor_parent_class)->finalize (object);
}

static void
kith_review_cursor_class_init (KithReviewCursorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = kith_review_cursor_get_property;
  object_class->finalize = kith_review_cursor_finalize;

  properties[PROP_CURRENT] = g_param_spec_int64 ("current", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_N_PENDING] = g_param_spec_uint ("n-pending", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_DOCUMENT] = g_param_spec_int64 ("document", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* after every change: @reveal when the current one should come into sight */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BOOLEAN);
}

static void
kith_review_cursor_init (KithReviewCursor *self)
{
  self->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_suggestion_free);
}
