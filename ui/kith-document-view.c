/* kith-document-view.c */
#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "kith-app-jobs.h"
#include "kith-chip.h"
#include "kith-coding-gutter.h"
#include "kith-document-view.h"
#include "kith-documents.h"
#include "kith-review.h"
#include "kith-review-panel.h"
#include "kith-stripes.h"
#include "kith-ui-util.h"
#include "kith-utf8.h"

struct _KithDocumentView
{
  GtkWidget         parent_instance;

  /* template */
  GtkSearchBar     *search_bar;
  GtkSearchEntry   *find_entry;
  GtkLabel         *find_status;
  GtkTextView      *text_view;
  GtkWidget        *spinner;
  GtkStack         *stack;
  GtkOverlay       *overlay;

  KithContext      *context;
  KithCodeList     *codes;
  KithReviewCursor *review;         /* the suggestions it shows */
  GtkWidget        *gutter;
  GtkTextTagTable  *tags;
  GtkTextTag       *speaker_tag;
  GtkTextTag       *timestamp_tag;
  GtkTextTag       *selected_tag;
  GHashTable       *code_tags;      /* gint64 code id → GtkTextTag */
  GHashTable       *pending_tags;   /* gint64 code id → GtkTextTag: suggestions */
  GtkTextTag       *current_tag;    /* the suggestion being reviewed */
  GArray           *suggested;      /* KithSpan: what the pending tags cover now */
  gint64            current_code;   /* the code of the suggestion being reviewed */
  GtkWidget        *outline;        /* its dashed outline, over the text */
  GArray           *outline_rects;  /* graphene_rect_t, in the outline's coordinates */
  KithSpan          outline_span;   /* {0, 0}: none */
  GdkRGBA           outline_colour;
  GdkRectangle      outline_area;   /* in buffer coordinates */
  guint             outline_idle;

  gint64            document_id;
  KithJob          *loading;        /* the document being read */
  gint64            load_select_start;  /* what to select once it is */
  gint64            load_select_end;
  GPtrArray        *codings;        /* KithCoding, text order */
  GHashTable       *coding_by_id;   /* gint64 → KithCoding (borrowed) */
  KithStripes      *stripes;
  gint64            selected_coding;
  GArray           *paint;          /* Paint: highlights still to apply */
  guint             paint_next;
  guint             paint_idle;
  guint             notify_idle;
  guint             margins_idle;
  guint             top_idle;
};

G_DEFINE_FINAL_TYPE (KithDocumentView, kith_document_view, GTK_TYPE_WIDGET)

enum { SIGNAL_LOADED, SIGNAL_HIGHLIGHTED, SIGNAL_SELECTION_CHANGED, SIGNAL_CODING_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- colours ------------------------------------------------------------- */

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
style_code_tag (GtkTextTag *tag, const char *colour)
{
  GdkRGBA rgba;

  kith_parse_colour (colour, &rgba);
  /* light enough to read through, strong enough to tell codes apart */
  rgba.alpha = is_dark () ? 0.38f : 0.22f;
  g_object_set (tag, "background-rgba", &rgba, NULL);
}

/* A suggestion is not a coding yet: a wavy line in its code's colour, no
 * fill, so a page of suggestions never reads as a page of codings. */
static void
style_pending_tag (GtkTextTag *tag, const char *colour)
{
  GdkRGBA rgba;

  kith_parse_colour (colour, &rgba);
  rgba.alpha = 1.0f;
  g_object_set (tag, "underline", PANGO_UNDERLINE_ERROR_LINE, "underline-rgba", &rgba, NULL);
}

/* The one under review: a faint wash of its code's colour, inside a dashed
 * outline of it (drawn by the outline widget). A double underline would say
 * "the chosen coding"; tags cannot draw boxes, and GTK 4.8 frees a tag's
 * overline colour twice when it computes the cursor's extents. */
static void
style_current_tag (GtkTextTag *tag, const char *colour)
{
  GdkRGBA wash;

  kith_parse_colour (colour, &wash);
  wash.alpha = is_dark () ? 0.26f : 0.12f;
  g_object_set (tag, "background-rgba", &wash, NULL);
}

static void
update_styles (KithDocumentView *self)
{
  GHashTableIter iter;
  gpointer key, value;
  gboolean dark = is_dark ();

  g_object_set (self->speaker_tag, "foreground", dark ? "#99c1f1" : "#1c4f8a", NULL);
  g_object_set (self->timestamp_tag, "foreground", dark ? "#8e8e93" : "#77767b", NULL);
  g_hash_table_iter_init (&iter, self->code_tags);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      KithCodeItem *code = self->codes != NULL ? kith_code_list_lookup (self->codes, *(gint64 *) key) : NULL;
      if (code != NULL)
        style_code_tag (value, kith_code_item_get_colour (code));
    }
  if (self->current_code != 0 && self->codes != NULL)
    {
      KithCodeItem *code = kith_code_list_lookup (self->codes, self->current_code);
      style_current_tag (self->current_tag, code != NULL ? kith_code_item_get_colour (code) : NULL);
    }
  g_hash_table_iter_init (&iter, self->pending_tags);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      KithCodeItem *code = self->codes != NULL ? kith_code_list_lookup (self->codes, *(gint64 *) key) : NULL;
      if (code != NULL)
        style_pending_tag (value, kith_code_item_get_colour (code));
    }
}

static GtkTextTag *
code_tag (KithDocumentView *self, gint64 code_id)
{
  GtkTextTag *tag = g_hash_table_lookup (self->code_tags, &code_id);
  KithCodeItem *code;

  if (tag != NULL)
    return tag;
  tag = gtk_text_tag_new (NULL);
  code = kith_code_list_lookup (self->codes, code_id);
  style_code_tag (tag, code != NULL ? kith_code_item_get_colour (code) : NULL);
  gtk_text_tag_table_add (self->tags, tag);
  /* below the selected-coding underline and the selection */
  gtk_text_tag_set_priority (tag, 0);
  g_hash_table_insert (self->code_tags, g_memdup2 (&code_id, sizeof code_id), tag);
  g_object_unref (tag);
  return tag;
}

static GtkTextTag *
pending_tag (KithDocumentView *self, gint64 code_id)
{
  GtkTextTag *tag = g_hash_table_lookup (self->pending_tags, &code_id);
  KithCodeItem *code;

  if (tag != NULL)
    return tag;
  tag = gtk_text_tag_new (NULL);
  code = kith_code_list_lookup (self->codes, code_id);
  style_pending_tag (tag, code != NULL ? kith_code_item_get_colour (code) : NULL);
  gtk_text_tag_table_add (self->tags, tag);
  g_hash_table_insert (self->pending_tags, g_memdup2 (&code_id, sizeof code_id), tag);
  g_object_unref (tag);
  return tag;
}

static void queue_outline (KithDocumentView *self);

/* ---- codings ------------------------------------------------------------- */

/* @stripes: the codings' stripes, taken, or NULL to lay them out here */
static void
set_codings (KithDocumentView *self, GPtrArray *codings, KithStripes *stripes)
{
  g_clear_pointer (&self->codings, g_ptr_array_unref);
  g_clear_pointer (&self->stripes, kith_stripes_free);
  g_hash_table_remove_all (self->coding_by_id);
  self->codings = g_ptr_array_ref (codings);
  for (guint i = 0; i < codings->len; i++)
    {
      KithCoding *c = g_ptr_array_index (codings, i);
      g_hash_table_insert (self->coding_by_id, &c->id, c);
    }
  self->stripes = stripes != NULL ? stripes : kith_codings_stripes (codings);
  kith_coding_gutter_set_codings (KITH_CODING_GUTTER (self->gutter), self->codings, self->stripes);
}

static void
tag_span (GtkTextBuffer *buffer, GtkTextTag *tag, gint64 start, gint64 end, gboolean apply)
{
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, (int) start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, (int) end);
  if (apply)
    gtk_text_buffer_apply_tag (buffer, tag, &a, &b);
  else
    gtk_text_buffer_remove_tag (buffer, tag, &a, &b);
}

/* ---- highlights, the first screen first ---------------------------------------- */

/* A large document is shown as soon as the highlights around where it opens
 * are on: tagging all of a 5 MB transcript's turns and codings took longer
 * than reading and laying it out. The rest go on in short turns of the main
 * loop, in text order from there, ahead of the text view's own layout work
 * (which would otherwise lay out again every line they touch). Once they
 * are all on, the buffer is what tagging everything at once made. */

typedef struct { GtkTextTag *tag; gint64 start, end; } Paint;

#define FIRST_BEFORE 16000    /* characters tagged before the first paint, before where it opens */
#define FIRST_AFTER  48000    /* … and after: more than a tall window shows */
#define PAINT_SLICE_US 4000   /* each turn of the main loop: well inside a frame */

/* Tags [from, to) now, and queues the spans outside it: first those after
 * it, then those before. The lists are each in text order; they are merged
 * so the queue is too. */
static void
plan_highlights (KithDocumentView *self, GtkTextBuffer *buffer, KithDocumentLoad *load, gint64 from, gint64 to)
{
  g_autoptr(GArray) before = g_array_new (FALSE, FALSE, sizeof (Paint));
  guint t = 0, s = 0, c = 0;

  g_array_set_size (self->paint, 0);
  self->paint_next = 0;
  for (;;)
    {
      KithSpan *ts = t < load->timestamps->len ? &g_array_index (load->timestamps, KithSpan, t) : NULL;
      KithSpan *ss = s < load->speakers->len ? &g_array_index (load->speakers, KithSpan, s) : NULL;
      KithCoding *cs = c < load->codings->len ? g_ptr_array_index (load->codings, c) : NULL;
      Paint p;

      if (ts != NULL && (ss == NULL || ts->start <= ss->start) && (cs == NULL || ts->start <= cs->start))
        p = (Paint) { self->timestamp_tag, ts->start, ts->end }, t++;
      else if (ss != NULL && (cs == NULL || ss->start <= cs->start))
        p = (Paint) { self->speaker_tag, ss->start, ss->end }, s++;
      else if (cs != NULL)
        p = (Paint) { code_tag (self, cs->code_id), cs->start, cs->end }, c++;
      else
        break;
      if (p.start < to && p.end > from)
        tag_span (buffer, p.tag, p.start, p.end, TRUE);
      else
        g_array_append_val (p.start >= to ? self->paint : before, p);
    }
  g_array_append_vals (self->paint, before->data, before->len);
}

static void
paint_some (KithDocumentView *self, gint64 until)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  while (self->paint_next < self->paint->len)
    {
      Paint *p = &g_array_index (self->paint, Paint, self->paint_next++);
      tag_span (buffer, p->tag, p->start, p->end, TRUE);
      if (until > 0 && self->paint_next % 64 == 0 && g_get_monotonic_time () >= until)
        return;
    }
  g_array_set_size (self->paint, 0);
  self->paint_next = 0;
}

static gboolean
paint_idle (gpointer data)
{
  KithDocumentView *self = data;

  paint_some (self, g_get_monotonic_time () + PAINT_SLICE_US);
  if (self->paint->len > 0)
    return G_SOURCE_CONTINUE;
  self->paint_idle = 0;
  g_signal_emit (self, signals[SIGNAL_HIGHLIGHTED], 0);
  return G_SOURCE_REMOVE;
}

/* Before the highlights change: what is queued was read with the codings
 * being replaced. */
static void
finish_highlights (KithDocumentView *self)
{
  if (self->paint_idle == 0)
    return;
  g_clear_handle_id (&self->paint_idle, g_source_remove);
  paint_some (self, 0);
  g_signal_emit (self, signals[SIGNAL_HIGHLIGHTED], 0);
}

/* Before the buffer goes */
static void
drop_highlights (KithDocumentView *self)
{
  g_clear_handle_id (&self->paint_idle, g_source_remove);
  g_array_set_size (self->paint, 0);
  self->paint_next = 0;
}

static gboolean
same_coding (const KithCoding *a, const KithCoding *b)
{
  return a->code_id == b->code_id && a->start == b->start && a->end == b->end;
}

typedef struct { gint64 code_id, start, end; } Dirty;

/* Redraws code @d.code_id over [d.start, d.end): off, then on again for
 * every coding of that code still there. */
static void
repaint (KithDocumentView *self, GtkTextBuffer *buffer, const Dirty *d)
{
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (guint));
  GtkTextTag *tag = code_tag (self, d->code_id);

  tag_span (buffer, tag, d->start, d->end, FALSE);
  kith_stripes_query (self->stripes, d->start, d->end, hits);
  for (guint i = 0; i < hits->len; i++)
    {
      KithCoding *c = g_ptr_array_index (self->codings, g_array_index (hits, guint, i));
      if (c->code_id == d->code_id)
        tag_span (buffer, tag, c->start, c->end, TRUE);
    }
}

static void
update_selected_tag (KithDocumentView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  KithCoding *coding = g_hash_table_lookup (self->coding_by_id, &self->selected_coding);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  gtk_text_buffer_remove_tag (buffer, self->selected_tag, &start, &end);
  if (coding != NULL)
    {
      KithCodeItem *code = kith_code_list_lookup (self->codes, coding->code_id);
      GdkRGBA rgba;

      kith_parse_colour (code != NULL ? kith_code_item_get_colour (code) : NULL, &rgba);
      g_object_set (self->selected_tag, "underline-rgba", &rgba, NULL);
      tag_span (buffer, self->selected_tag, coding->start, coding->end, TRUE);
    }
  kith_coding_gutter_set_selected (KITH_CODING_GUTTER (self->gutter), coding != NULL ? coding->id : 0);
}

/* Reads the codings again and updates only the highlights that changed. */
static void
reload_codings (KithDocumentView *self)
{
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GArray) dirty = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) fresh_by_id = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  if (self->document_id == 0 || self->codings == NULL || self->loading != NULL)
    return;
  finish_highlights (self);
  update_styles (self);
  fresh = kith_codings_list (kith_context_get_project (self->context), self->document_id, &error);
  if (fresh == NULL)
    {
      g_warning ("cannot read the codings of document %" G_GINT64_FORMAT ": %s", self->document_id, error->message);
      return;
    }
  dirty = g_array_new (FALSE, FALSE, sizeof (Dirty));
  fresh_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < fresh->len; i++)
    {
      KithCoding *c = g_ptr_array_index (fresh, i);
      KithCoding *old = g_hash_table_lookup (self->coding_by_id, &c->id);
      g_hash_table_insert (fresh_by_id, &c->id, c);
      if (old == NULL || !same_coding (old, c))
        g_array_append_val (dirty, ((Dirty) { c->code_id, c->start, c->end }));
    }
  for (guint i = 0; i < self->codings->len; i++)
    {
      KithCoding *old = g_ptr_array_index (self->codings, i);
      KithCoding *c = g_hash_table_lookup (fresh_by_id, &old->id);
      if (c == NULL || !same_coding (old, c))
        g_array_append_val (dirty, ((Dirty) { old->code_id, old->start, old->end }));
    }
  set_codings (self, fresh, NULL);
  for (guint i = 0; i < dirty->len; i++)
    repaint (self, buffer, &g_array_index (dirty, Dirty, i));
  if (!g_hash_table_contains (self->coding_by_id, &self->selected_coding))
    self->selected_coding = 0;
  update_selected_tag (self);
}

/* The window reloaded the lists first (it connected before the views). The
 * codings at the caret may be others now, even with none shown: whoever
 * shows them hears it. */
static void
on_context_changed (KithContext *context, gboolean external, KithDocumentView *self)
{
  reload_codings (self);
  g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
}

/* ---- loading ------------------------------------------------------------- */

static void
show_state (KithDocumentView *self, const char *state)
{
  gtk_stack_set_visible_child_name (self->stack, state);
  gtk_widget_set_visible (self->spinner, g_str_equal (state, "loading"));
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), g_str_equal (state, "loading"));
}

/* GTK 4.8's text view keeps its drawing offset across buffers while its
 * adjustment says 0: a short document opened after a long one scrolled
 * down showed only its last lines. Once the new text is laid out, telling
 * it the value changed makes it read the 0 (or where a selection took it). */
static gboolean
scroll_to_top_idle (gpointer data)
{
  KithDocumentView *self = data;
  GtkAdjustment *v = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view));

  GtkAdjustment *h = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->text_view));

  self->top_idle = 0;
  g_signal_emit_by_name (v, "value-changed");
  /* the same for its sideways offset, which it never needs (it wraps) */
  gtk_adjustment_set_value (h, 0);
  g_signal_emit_by_name (h, "value-changed");
  return G_SOURCE_REMOVE;
}

static void
load_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(KithDocumentView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithDocumentLoad) load = kith_job_run_finish (KITH_JOB (source), result, &error);
  g_autoptr(GtkTextBuffer) buffer = NULL;
  GtkTextIter start;
  gint64 t0 = g_get_monotonic_time (), t1;
  gint64 at;

  /* cancelled: another document is on its way, or none */
  if (KITH_JOB (source) != self->loading)
    return;
  g_clear_object (&self->loading);
  if (load == NULL)
    {
      g_warning ("cannot open document %" G_GINT64_FORMAT ": %s", *(gint64 *) kith_job_get_data (KITH_JOB (source)),
                 error->message);
      show_state (self, "text");
      return;
    }

  /* a buffer of its own, filled before the view sees it: no relayout per
   * highlight of the first screen, and no undo history for text nobody can
   * edit */
  drop_highlights (self);
  buffer = gtk_text_buffer_new (self->tags);
  gtk_text_buffer_set_enable_undo (buffer, FALSE);
  gtk_text_buffer_set_text (buffer, load->text, (int) load->len);
  self->document_id = load->id;
  self->selected_coding = 0;
  g_array_set_size (self->suggested, 0);
  self->outline_span = (KithSpan) { 0, 0 };
  gtk_widget_set_visible (self->outline, FALSE);
  set_codings (self, load->codings, g_steal_pointer (&load->stripes));
  t1 = g_get_monotonic_time ();
  at = MAX (self->load_select_start, 0);
  plan_highlights (self, buffer, load, at - FIRST_BEFORE, at + FIRST_AFTER);
  g_debug ("document %" G_GINT64_FORMAT ": text in %.0f ms, the highlights of its first screen in %.0f ms, "
           "%u of %u turns and codings queued", load->id, (t1 - t0) / 1e3, (g_get_monotonic_time () - t1) / 1e3,
           self->paint->len, load->timestamps->len + load->speakers->len + self->codings->len);
  gtk_text_buffer_get_start_iter (buffer, &start);
  gtk_text_buffer_place_cursor (buffer, &start);
  gtk_text_view_set_buffer (self->text_view, buffer);
  if (self->paint->len > 0)
    self->paint_idle = g_idle_add_full (GTK_TEXT_VIEW_PRIORITY_VALIDATE - 1, paint_idle, self, NULL);
  if (self->top_idle == 0)
    self->top_idle = g_idle_add_full (G_PRIORITY_LOW, scroll_to_top_idle, self, NULL);
  show_state (self, "text");
  if (self->load_select_start >= 0)
    kith_document_view_select_span (self, self->load_select_start, self->load_select_end);
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
  if (self->paint_idle == 0)
    g_signal_emit (self, signals[SIGNAL_HIGHLIGHTED], 0);
  g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
}

void
kith_document_view_load (KithDocumentView *self,
                         gint64            id,
                         gint64            select_start,
                         gint64            select_end)
{
  g_return_if_fail (KITH_IS_DOCUMENT_VIEW (self));
  g_return_if_fail (self->context != NULL);

  if (id == self->document_id && self->loading == NULL)
    {
      if (select_start >= 0)
        kith_document_view_select_span (self, select_start, select_end);
      return;
    }
  if (self->loading != NULL)
    kith_job_cancel (self->loading);
  g_clear_object (&self->loading);
  self->load_select_start = select_start;
  self->load_select_end = select_end;
  show_state (self, "loading");
  /* a connection of its own: the window's stays free for the user */
  self->loading = kith_job_load_document (kith_context_get_path (self->context), id, load_done, g_object_ref (self));
}

void
kith_document_view_clear (KithDocumentView *self)
{
  g_autoptr(GtkTextBuffer) empty = NULL;

  if (self->loading != NULL)
    kith_job_cancel (self->loading);
  g_clear_object (&self->loading);
  drop_highlights (self);
  empty = gtk_text_buffer_new (self->tags);
  gtk_text_view_set_buffer (self->text_view, empty);
  self->document_id = 0;
  self->selected_coding = 0;
  g_array_set_size (self->suggested, 0);
  self->outline_span = (KithSpan) { 0, 0 };
  gtk_widget_set_visible (self->outline, FALSE);
  set_codings (self, g_ptr_array_new_with_free_func ((GDestroyNotify) kith_coding_free), NULL);
  g_ptr_array_unref (self->codings);  /* set_codings took its own reference */
  show_state (self, "text");
}

gint64
kith_document_view_get_document_id (KithDocumentView *self)
{
  return self->document_id;
}

gboolean
kith_document_view_is_loading (KithDocumentView *self)
{
  return self->loading != NULL;
}

/* ---- selection and the caret --------------------------------------------- */

gboolean
kith_document_view_get_selection (KithDocumentView *self,
                                  gint64           *start,
                                  gint64           *end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter a, b;

  if (self->document_id == 0 || self->loading != NULL || !gtk_text_buffer_get_selection_bounds (buffer, &a, &b))
    return FALSE;
  /* a sloppy drag takes the space or line break around the words too */
  while (gtk_text_iter_compare (&a, &b) < 0 && g_unichar_isspace (gtk_text_iter_get_char (&a)))
    gtk_text_iter_forward_char (&a);
  while (gtk_text_iter_compare (&a, &b) < 0)
    {
      GtkTextIter before = b;
      gtk_text_iter_backward_char (&before);
      if (!g_unichar_isspace (gtk_text_iter_get_char (&before)))
        break;
      b = before;
    }
  if (gtk_text_iter_equal (&a, &b))
    return FALSE;
  *start = gtk_text_iter_get_offset (&a);
  *end = gtk_text_iter_get_offset (&b);
  return TRUE;
}

static int
compare_length (gconstpointer a, gconstpointer b)
{
  const KithCoding *x = *(KithCoding *const *) a;
  const KithCoding *y = *(KithCoding *const *) b;
  gint64 lx = x->end - x->start, ly = y->end - y->start;

  return lx < ly ? -1 : lx > ly ? 1 : (x->id < y->id ? -1 : x->id > y->id);
}

GPtrArray *
kith_document_view_get_codings_at_cursor (KithDocumentView *self)
{
  GPtrArray *out = g_ptr_array_new ();
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autoptr(GArray) hits = NULL;
  GtkTextIter at, other;
  gint64 offset;

  if (self->stripes == NULL || self->loading != NULL)
    return out;
  if (!gtk_text_buffer_get_selection_bounds (buffer, &at, &other))
    gtk_text_buffer_get_iter_at_mark (buffer, &at, gtk_text_buffer_get_insert (buffer));
  offset = gtk_text_iter_get_offset (&at);
  hits = g_array_new (FALSE, FALSE, sizeof (guint));
  kith_stripes_query (self->stripes, offset, offset, hits);
  for (guint i = 0; i < hits->len; i++)
    g_ptr_array_add (out, g_ptr_array_index (self->codings, g_array_index (hits, guint, i)));
  g_ptr_array_sort (out, compare_length);
  return out;
}

KithCoding *
kith_document_view_get_coding (KithDocumentView *self,
                               gint64            coding_id)
{
  return g_hash_table_lookup (self->coding_by_id, &coding_id);
}

void
kith_document_view_set_selected_coding (KithDocumentView *self,
                                        gint64            coding_id)
{
  if (self->selected_coding == coding_id)
    return;
  self->selected_coding = coding_id;
  update_selected_tag (self);
}

void
kith_document_view_select_span (KithDocumentView *self,
                                gint64            start,
                                gint64            end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, (int) start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, (int) end);
  gtk_text_buffer_select_range (buffer, &a, &b);
  gtk_text_view_scroll_to_mark (self->text_view, gtk_text_buffer_get_insert (buffer), 0.1, TRUE, 0.0, 0.3);
}

gboolean
kith_document_view_focus_text (KithDocumentView *self)
{
  return gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

GtkTextView *
kith_document_view_get_text_view (KithDocumentView *self)
{
  return self->text_view;
}

/* ---- suggestions ------------------------------------------------------------ */

#define OUTLINE_PAD 3

static void
draw_outline (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  KithDocumentView *self = data;
  static const double dash[] = { 5.0, 3.0 };

  gdk_cairo_set_source_rgba (cr, &self->outline_colour);
  cairo_set_line_width (cr, 1.5);
  cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
  for (guint i = 0; i < self->outline_rects->len; i++)
    {
      graphene_rect_t *r = &g_array_index (self->outline_rects, graphene_rect_t, i);
      cairo_rectangle (cr, r->origin.x + 0.75, r->origin.y + 0.75, r->size.width - 1.5, r->size.height - 1.5);
    }
  cairo_stroke (cr);
}

/* One box per display line of the span, laid over the text (the text
 * view moves it as it scrolls); again whenever the lines may have wrapped
 * anew. */
static gboolean
place_outline (gpointer data)
{
  KithDocumentView *self = data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (GdkRectangle));
  GtkTextIter at, end;
  int x0 = G_MAXINT, y0 = G_MAXINT, x1 = G_MININT, y1 = G_MININT;

  self->outline_idle = 0;
  g_array_set_size (self->outline_rects, 0);
  if (self->outline_span.end <= self->outline_span.start || self->loading != NULL)
    {
      gtk_widget_set_visible (self->outline, FALSE);
      return G_SOURCE_REMOVE;
    }
  gtk_text_buffer_get_iter_at_offset (buffer, &at, (int) self->outline_span.start);
  gtk_text_buffer_get_iter_at_offset (buffer, &end, (int) self->outline_span.end);
  while (gtk_text_iter_compare (&at, &end) < 0)
    {
      GtkTextIter next = at, last;
      gboolean moved = gtk_text_view_forward_display_line (self->text_view, &next);
      GdkRectangle a, b, box;

      if (!moved || gtk_text_iter_compare (&next, &end) > 0)
        next = end;
      /* the line's last character, not the line break after it */
      last = next;
      gtk_text_iter_backward_char (&last);
      while (gtk_text_iter_compare (&last, &at) > 0 && g_unichar_isspace (gtk_text_iter_get_char (&last)))
        gtk_text_iter_backward_char (&last);
      gtk_text_view_get_iter_location (self->text_view, &at, &a);
      gtk_text_view_get_iter_location (self->text_view, &last, &b);
      /* either way round: right-to-left lines run from right to left */
      box.x = MIN (a.x, b.x);
      box.width = MAX (a.x + a.width, b.x + b.width) - box.x;
      box.y = MIN (a.y, b.y);
      box.height = MAX (a.y + a.height, b.y + b.height) - box.y;
      /* a line's height takes in the space below it: the box hugs the text */
      box.height -= !moved || gtk_text_iter_starts_line (&next) ? gtk_text_view_get_pixels_below_lines (self->text_view)
                                                                : gtk_text_view_get_pixels_inside_wrap (self->text_view);
      box.height += 2;
      g_array_append_val (boxes, box);
      x0 = MIN (x0, box.x);
      y0 = MIN (y0, box.y);
      x1 = MAX (x1, box.x + box.width);
      y1 = MAX (y1, box.y + box.height);
      if (!moved || gtk_text_iter_equal (&next, &at))
        break;
      at = next;
    }
  if (boxes->len == 0)
    {
      gtk_widget_set_visible (self->outline, FALSE);
      return G_SOURCE_REMOVE;
    }
  x0 -= OUTLINE_PAD;
  y0 -= OUTLINE_PAD;
  for (guint i = 0; i < boxes->len; i++)
    {
      GdkRectangle *box = &g_array_index (boxes, GdkRectangle, i);
      graphene_rect_t r = GRAPHENE_RECT_INIT ((float) (box->x - x0 - OUTLINE_PAD), (float) (box->y - y0),
                                              (float) (box->width + 2 * OUTLINE_PAD), (float) box->height + OUTLINE_PAD);
      g_array_append_val (self->outline_rects, r);
    }
  self->outline_area = (GdkRectangle) { x0, y0, x1 - x0 + OUTLINE_PAD, y1 - y0 + OUTLINE_PAD };
  gtk_widget_set_visible (self->outline, TRUE);
  gtk_widget_queue_allocate (GTK_WIDGET (self->overlay));
  gtk_widget_queue_draw (self->outline);
  return G_SOURCE_REMOVE;
}

/* Where the outline goes over the page: the text view's own overlay
 * children do not follow its scrolling in GTK 4.8, so the outline sits in
 * the document view's overlay and is placed again on every scroll. */
static gboolean
on_child_position (GtkOverlay *overlay, GtkWidget *child, GdkRectangle *allocation, KithDocumentView *self)
{
  graphene_point_t p;
  int wx, wy;

  if (child != self->outline)
    return FALSE;
  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, self->outline_area.x,
                                         self->outline_area.y, &wx, &wy);
  if (!gtk_widget_compute_point (GTK_WIDGET (self->text_view), GTK_WIDGET (overlay),
                                 &GRAPHENE_POINT_INIT ((float) wx, (float) wy), &p))
    p = GRAPHENE_POINT_INIT (0, 0);
  *allocation = (GdkRectangle) { (int) p.x, (int) p.y, MAX (1, self->outline_area.width),
                                 MAX (1, self->outline_area.height) };
  return TRUE;
}

static void
on_scrolled (GtkAdjustment *adjustment, KithDocumentView *self)
{
  if (gtk_widget_get_visible (self->outline))
    gtk_widget_queue_allocate (GTK_WIDGET (self->overlay));
}

/* after the text view has laid the lines out */
static void
queue_outline (KithDocumentView *self)
{
  if (self->outline_span.end > self->outline_span.start && self->outline_idle == 0)
    self->outline_idle = g_idle_add_full (G_PRIORITY_LOW, place_outline, self, NULL);
}

/* Marks @pending (KithSuggestion, borrowed for the call) as suggestions
 * waiting for review, @current (an id, 0 for none) the one being reviewed. */
static void
set_suggestions (KithDocumentView *self,
                 GPtrArray        *pending,
                 gint64            current)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GHashTableIter iter;
  gpointer tag;

  if (self->document_id == 0 || self->loading != NULL)
    return;
  /* off where they were, on where they are: a document has a few dozen */
  for (guint i = 0; i < self->suggested->len; i++)
    {
      KithSpan *s = &g_array_index (self->suggested, KithSpan, i);
      g_hash_table_iter_init (&iter, self->pending_tags);
      while (g_hash_table_iter_next (&iter, NULL, &tag))
        tag_span (buffer, tag, s->start, s->end, FALSE);
      tag_span (buffer, self->current_tag, s->start, s->end, FALSE);
    }
  g_array_set_size (self->suggested, 0);
  self->current_code = 0;
  self->outline_span = (KithSpan) { 0, 0 };
  /* the one under review draws over the wavy lines of the others, which
   * are made as codes come up */
  gtk_text_tag_set_priority (self->current_tag, gtk_text_tag_table_get_size (self->tags) - 1);
  for (guint i = 0; i < pending->len; i++)
    {
      KithSuggestion *s = g_ptr_array_index (pending, i);
      tag_span (buffer, pending_tag (self, s->code_id), s->start, s->end, TRUE);
      g_array_append_val (self->suggested, ((KithSpan) { s->start, s->end }));
      if (s->id == current)
        {
          KithCodeItem *code = kith_code_list_lookup (self->codes, s->code_id);
          self->current_code = s->code_id;
          style_current_tag (self->current_tag, code != NULL ? kith_code_item_get_colour (code) : NULL);
          tag_span (buffer, self->current_tag, s->start, s->end, TRUE);
          kith_parse_colour (code != NULL ? kith_code_item_get_colour (code) : NULL, &self->outline_colour);
          self->outline_span = (KithSpan) { s->start, s->end };
        }
    }
  if (current == 0 || self->current_code == 0)
    self->outline_span = (KithSpan) { 0, 0 };
  if (self->outline_span.end <= self->outline_span.start)
    gtk_widget_set_visible (self->outline, FALSE);
  queue_outline (self);
}

/* the pending ones underlined, the one under review washed and outlined,
 * and scrolled to when the cursor says so */
static void
on_review_changed (KithReviewCursor *review, gboolean reveal, KithDocumentView *self)
{
  KithSuggestion *s = kith_review_cursor_get_current (review);

  set_suggestions (self, kith_review_cursor_get_pending (review), s != NULL ? s->id : 0);
  if (reveal && s != NULL)
    kith_document_view_reveal_span (self, s->start, s->end);
}

void
kith_document_view_reveal_span (KithDocumentView *self,
                                gint64            start,
                                gint64            end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter a;

  g_return_if_fail (KITH_IS_DOCUMENT_VIEW (self));

  gtk_text_buffer_get_iter_at_offset (buffer, &a, (int) start);
  gtk_text_buffer_place_cursor (buffer, &a);
  /* a third of the way down: the lines before give the context */
  gtk_text_view_scroll_to_mark (self->text_view, gtk_text_buffer_get_insert (buffer), 0.1, TRUE, 0.0, 0.3);
  if (self->top_idle == 0)
    self->top_idle = g_idle_add_full (G_PRIORITY_LOW, scroll_to_top_idle, self, NULL);
}

void
kith_document_view_get_selection_area (KithDocumentView *self,
                                       GdkRectangle     *area)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter a, b;
  GdkRectangle ra, rb;
  graphene_point_t p;
  int x, y;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &a, &b))
    gtk_text_buffer_get_iter_at_mark (buffer, &b, gtk_text_buffer_get_insert (buffer));
  gtk_text_view_get_iter_location (self->text_view, &b, &rb);
  ra = rb;
  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, ra.x, ra.y, &x, &y);
  if (!gtk_widget_compute_point (GTK_WIDGET (self->text_view), GTK_WIDGET (self),
                                 &GRAPHENE_POINT_INIT ((float) x, (float) y), &p))
    p = GRAPHENE_POINT_INIT (0, 0);
  area->x = (int) p.x;
  area->y = (int) p.y;
  area->width = MAX (1, ra.width);
  area->height = MAX (1, ra.height);
  /* keep it on screen when the selection runs off it */
  area->y = CLAMP (area->y, 0, MAX (0, gtk_widget_get_height (GTK_WIDGET (self)) - area->height));
}

static gboolean
notify_selection_idle (gpointer data)
{
  KithDocumentView *self = data;

  self->notify_idle = 0;
  g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

static void
on_mark_set (GtkTextBuffer *buffer, const GtkTextIter *location, GtkTextMark *mark, KithDocumentView *self)
{
  if (mark != gtk_text_buffer_get_insert (buffer) && mark != gtk_text_buffer_get_selection_bound (buffer))
    return;
  if (self->notify_idle == 0)
    self->notify_idle = g_idle_add (notify_selection_idle, self);
}

static void
on_buffer_changed (GObject *view, GParamSpec *pspec, KithDocumentView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);

  g_signal_connect_object (buffer, "mark-set", G_CALLBACK (on_mark_set), self, 0);
}

/* ---- tooltips ------------------------------------------------------------ */

static gboolean
on_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip, KithDocumentView *self)
{
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GString) text = NULL;
  GtkTextIter iter;
  int bx, by;

  if (keyboard || self->stripes == NULL)
    return FALSE;
  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return FALSE;
  hits = g_array_new (FALSE, FALSE, sizeof (guint));
  kith_stripes_query (self->stripes, gtk_text_iter_get_offset (&iter), gtk_text_iter_get_offset (&iter), hits);
  if (hits->len == 0)
    return FALSE;
  text = g_string_new (NULL);
  for (guint i = 0; i < hits->len && i < 8; i++)
    {
      KithCoding *c = g_ptr_array_index (self->codings, g_array_index (hits, guint, i));
      KithCodeItem *code = kith_code_list_lookup (self->codes, c->code_id);
      g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", code != NULL ? kith_code_item_get_path (code) : "?");
      if (c->memo != NULL && *c->memo != '\0')
        g_string_append_printf (text, " — %s", c->memo);
    }
  if (hits->len > 8)
    g_string_append_printf (text, _("\n… and %u more"), hits->len - 8);
  gtk_tooltip_set_text (tooltip, text->str);
  return TRUE;
}

static void
on_gutter_coding (KithCodingGutter *gutter, gint64 coding_id, KithDocumentView *self)
{
  g_signal_emit (self, signals[SIGNAL_CODING_ACTIVATED], 0, coding_id);
}

/* ---- a readable measure ------------------------------------------------------ */

#define MEASURE_PX 820   /* about 80 characters of body text */
#define MIN_MARGIN 20

/* On a wide window the lines stay a readable length, centred: the margins
 * take the rest (the gutter sits left of the left margin, by the text). */
static gboolean
update_margins (gpointer data)
{
  KithDocumentView *self = data;
  GtkAdjustment *adjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->text_view));
  int width = adjustment != NULL ? (int) gtk_adjustment_get_page_size (adjustment) : 0;
  int gutter = self->gutter != NULL ? gtk_widget_get_width (self->gutter) : 0;
  int spare = width - gutter - MEASURE_PX;
  int left = MAX (MIN_MARGIN, (spare - gutter) / 2);
  int right = MAX (MIN_MARGIN + 12, (spare + gutter) / 2);

  self->margins_idle = 0;
  if (width <= 0)
    return G_SOURCE_REMOVE;
  if (gtk_text_view_get_left_margin (self->text_view) != left)
    gtk_text_view_set_left_margin (self->text_view, left);
  if (gtk_text_view_get_right_margin (self->text_view) != right)
    gtk_text_view_set_right_margin (self->text_view, right);
  /* the lines may have wrapped anew */
  queue_outline (self);
  return G_SOURCE_REMOVE;
}

/* not while the view is being allocated: margins change its layout */
static void
on_width_changed (GtkAdjustment *adjustment, GParamSpec *pspec, KithDocumentView *self)
{
  if (self->margins_idle == 0)
    self->margins_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_margins, self, NULL);
}

/* The text wraps: it never needs scrolling sideways. But scrolling to a
 * mark aligns it on both axes, and GTK 4.8 then scrolled a passage that
 * starts mid-line to the left edge, cutting off the start of every line. */
static void
on_hscrolled (GtkAdjustment *adjustment, KithDocumentView *self)
{
  if (gtk_adjustment_get_value (adjustment) != 0)
    gtk_adjustment_set_value (adjustment, 0);
}

static void
on_hadjustment (GObject *view, GParamSpec *pspec, KithDocumentView *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (view));

  if (adjustment != NULL)
    {
      g_signal_connect_object (adjustment, "notify::page-size", G_CALLBACK (on_width_changed), self, 0);
      g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_hscrolled), self, 0);
    }
}

/* ---- find ---------------------------------------------------------------- */

static void
find (KithDocumentView *self, gboolean forward, gboolean from_selection_start)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (self->find_entry));
  GtkTextIter from, a, b, match_start, match_end;
  const GtkTextSearchFlags flags = GTK_TEXT_SEARCH_CASE_INSENSITIVE | GTK_TEXT_SEARCH_TEXT_ONLY;
  gboolean found;

  gtk_label_set_text (self->find_status, "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->find_entry), "error");
  if (*needle == '\0')
    return;
  if (gtk_text_buffer_get_selection_bounds (buffer, &a, &b))
    from = forward ? (from_selection_start ? a : b) : a;
  else
    gtk_text_buffer_get_iter_at_mark (buffer, &from, gtk_text_buffer_get_insert (buffer));
  found = forward ? gtk_text_iter_forward_search (&from, needle, flags, &match_start, &match_end, NULL)
                  : gtk_text_iter_backward_search (&from, needle, flags, &match_start, &match_end, NULL);
  if (!found)
    {
      /* wrap around */
      if (forward)
        gtk_text_buffer_get_start_iter (buffer, &from);
      else
        gtk_text_buffer_get_end_iter (buffer, &from);
      found = forward ? gtk_text_iter_forward_search (&from, needle, flags, &match_start, &match_end, NULL)
                      : gtk_text_iter_backward_search (&from, needle, flags, &match_start, &match_end, NULL);
    }
  if (!found)
    {
      gtk_label_set_text (self->find_status, _("Not found"));
      gtk_widget_add_css_class (GTK_WIDGET (self->find_entry), "error");
      return;
    }
  kith_document_view_select_span (self, gtk_text_iter_get_offset (&match_start), gtk_text_iter_get_offset (&match_end));
}

static void
on_find_changed (GtkSearchEntry *entry, KithDocumentView *self)
{
  find (self, TRUE, TRUE);
}

static void
on_find_next (GtkWidget *widget, KithDocumentView *self)
{
  find (self, TRUE, FALSE);
}

static void
on_find_previous (GtkWidget *widget, KithDocumentView *self)
{
  find (self, FALSE, FALSE);
}

static void
on_find_stop (GtkSearchEntry *entry, KithDocumentView *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/* Enter finds the next match; Shift+Enter the one before */
static gboolean
on_find_key (GtkEventControllerKey *controller, guint keyval, guint keycode, GdkModifierType state,
             KithDocumentView *self)
{
  if (keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter)
    {
      find (self, (state & GDK_SHIFT_MASK) == 0, FALSE);
      return TRUE;
    }
  return FALSE;
}

void
kith_document_view_start_find (KithDocumentView *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter a, b;

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  /* a short selection is probably what to look for */
  if (gtk_text_buffer_get_selection_bounds (buffer, &a, &b)
      && gtk_text_iter_get_line (&a) == gtk_text_iter_get_line (&b)
      && gtk_text_iter_get_offset (&b) - gtk_text_iter_get_offset (&a) < 80)
    {
      g_autofree char *text = gtk_text_iter_get_text (&a, &b);
      g_signal_handlers_block_by_func (self->find_entry, on_find_changed, self);
      gtk_editable_set_text (GTK_EDITABLE (self->find_entry), text);
      g_signal_handlers_unblock_by_func (self->find_entry, on_find_changed, self);
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->find_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->find_entry), 0, -1);
}

/* ---- class --------------------------------------------------------------- */

static void
add_key (GtkShortcutController *controller, guint keyval, GdkModifierType mods, const char *action, GVariant *args)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, mods), gtk_named_action_new (action));

  if (args != NULL)
    gtk_shortcut_set_arguments (shortcut, args);
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

void
kith_document_view_set_context (KithDocumentView *self,
                                KithContext      *context,
                                KithCodeList     *codes)
{
  g_return_if_fail (KITH_IS_DOCUMENT_VIEW (self));

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_set_object (&self->context, context);
  g_set_object (&self->codes, codes);
  if (context != NULL)
    g_signal_connect (context, "changed", G_CALLBACK (on_context_changed), self);
  if (self->gutter == NULL)
    {
      self->gutter = kith_coding_gutter_new (self->text_view, codes);
      g_signal_connect (self->gutter, "coding-activated", G_CALLBACK (on_gutter_coding), self);
      gtk_text_view_set_gutter (self->text_view, GTK_TEXT_WINDOW_LEFT, self->gutter);
    }
}

void
kith_document_view_set_review (KithDocumentView *self,
                               KithReviewCursor *review)
{
  g_return_if_fail (KITH_IS_DOCUMENT_VIEW (self));

  if (self->review != NULL)
    g_signal_handlers_disconnect_by_data (self->review, self);
  g_set_object (&self->review, review);
  if (review != NULL)
    g_signal_connect (review, "changed", G_CALLBACK (on_review_changed), self);
}

static void
on_dark_changed (AdwStyleManager *manager, GParamSpec *pspec, KithDocumentView *self)
{
  update_styles (self);
}

static void
kith_document_view_dispose (GObject *object)
{
  KithDocumentView *self = KITH_DOCUMENT_VIEW (object);

  if (self->loading != NULL)
    kith_job_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_handle_id (&self->paint_idle, g_source_remove);
  g_clear_handle_id (&self->notify_idle, g_source_remove);
  g_clear_handle_id (&self->margins_idle, g_source_remove);
  g_clear_handle_id (&self->top_idle, g_source_remove);
  g_clear_handle_id (&self->outline_idle, g_source_remove);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  kith_document_view_set_review (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_DOCUMENT_VIEW);
  kith_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->context);
  g_clear_object (&self->codes);
  g_clear_pointer (&self->codings, g_ptr_array_unref);
  g_clear_pointer (&self->stripes, kith_stripes_free);
  g_clear_pointer (&self->coding_by_id, g_hash_table_unref);
  g_clear_pointer (&self->code_tags, g_hash_table_unref);
  g_clear_pointer (&self->pending_tags, g_hash_table_unref);
  g_clear_pointer (&self->suggested, g_array_unref);
  g_clear_pointer (&self->outline_rects, g_array_unref);
  g_clear_pointer (&self->paint, g_array_unref);
  g_clear_object (&self->tags);
  G_OBJECT_CLASS (kith_document_view_parent_class)->dispose (object);
}

static void
kith_document_view_class_init (KithDocumentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_document_view_dispose;
  widget_class->measure = kith_bin_measure;
  widget_class->size_allocate = kith_bin_allocate;

  signals[SIGNAL_LOADED] =
    g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_HIGHLIGHTED] =
    g_signal_new ("highlighted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[SIGNAL_CODING_ACTIVATED] =
    g_signal_new ("coding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/kith/Kith/kith-document-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KithDocumentView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, KithDocumentView, find_entry);
  gtk_widget_class_bind_template_child (widget_class, KithDocumentView, find_status);
  gtk_widget_class_bind_template_child (widget_class, KithDocumentView, text_view);
  gtk_widget_class_bind_template_child (widget_class, KithDocumentView, spinner);
  gtk_widget_class_bind_template_child (widget_class, KithDocumentView, stack);
  gtk_widget_class_bind_template_child (widget_class, KithDocumentView, overlay);
  gtk_widget_class_bind_template_callback (widget_class, on_find_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_find_next);
  gtk_widget_class_bind_template_callback (widget_class, on_find_previous);
  gtk_widget_class_bind_template_callback (widget_class, on_find_stop);
}

static void
kith_document_view_init (KithDocumentView *self)
{
  GtkEventController *keys;
  GtkEventController *find_keys;
  g_autoptr(GMenu) extra = g_menu_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->tags = gtk_text_tag_table_new ();
  self->code_tags = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->coding_by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  self->pending_tags = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->suggested = g_array_new (FALSE, FALSE, sizeof (KithSpan));
  self->paint = g_array_new (FALSE, FALSE, sizeof (Paint));
  self->speaker_tag = gtk_text_tag_new ("speaker");
  g_object_set (self->speaker_tag, "weight", PANGO_WEIGHT_BOLD, NULL);
  self->timestamp_tag = gtk_text_tag_new ("timestamp");
  g_object_set (self->timestamp_tag, "scale", 0.85, "family", "monospace", NULL);
  self->selected_tag = gtk_text_tag_new ("selected-coding");
  g_object_set (self->selected_tag, "underline", PANGO_UNDERLINE_DOUBLE, NULL);
  gtk_text_tag_table_add (self->tags, self->speaker_tag);
  gtk_text_tag_table_add (self->tags, self->timestamp_tag);
  gtk_text_tag_table_add (self->tags, self->selected_tag);
  /* above the pending lines of the codes, below the selection */
  self->current_tag = gtk_text_tag_new ("current-suggestion");
  gtk_text_tag_table_add (self->tags, self->current_tag);
  g_object_unref (self->current_tag);
  g_object_unref (self->speaker_tag);
  g_object_unref (self->timestamp_tag);
  g_object_unref (self->selected_tag);
  update_styles (self);
  g_signal_connect (adw_style_manager_get_default (), "notify::dark", G_CALLBACK (on_dark_changed), self);

  g_signal_connect (self->text_view, "notify::buffer", G_CALLBACK (on_buffer_changed), self);
  g_signal_connect (self->text_view, "notify::hadjustment", G_CALLBACK (on_hadjustment), self);
  on_hadjustment (G_OBJECT (self->text_view), NULL, self);
  {
    g_autoptr(GtkTextBuffer) empty = gtk_text_buffer_new (self->tags);
    gtk_text_view_set_buffer (self->text_view, empty);
  }
  self->outline_rects = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  self->outline = g_object_new (GTK_TYPE_DRAWING_AREA, "can-target", FALSE, "can-focus", FALSE,
                                "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, "visible", FALSE, NULL);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->outline), draw_outline, self, NULL);
  gtk_overlay_add_overlay (self->overlay, self->outline);
  gtk_overlay_set_clip_overlay (self->overlay, self->outline, TRUE);
  g_signal_connect (self->overlay, "get-child-position", G_CALLBACK (on_child_position), self);
  /* the lines' places settle as the text view lays them out, which it does
   * bit by bit: the adjustment tells when */
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view)), "changed",
                           G_CALLBACK (queue_outline), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view)), "value-changed",
                           G_CALLBACK (on_scrolled), self, 0);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->text_view), TRUE);
  g_signal_connect (self->text_view, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->find_entry));
  find_keys = gtk_event_controller_key_new ();
  g_signal_connect (find_keys, "key-pressed", G_CALLBACK (on_find_key), self);
  gtk_widget_add_controller (GTK_WIDGET (self->find_entry), find_keys);

  /* keys that code: only while the text has the focus, before the view
   * itself sees them (it is read-only, so it would ignore them anyway) */
  keys = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  for (int k = 1; k <= 9; k++)
    {
      add_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_0 + k, 0, "win.apply-pinned", g_variant_new_int32 (k));
      add_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_KP_0 + k, 0, "win.apply-pinned", g_variant_new_int32 (k));
    }
  kith_review_panel_add_keys (GTK_SHORTCUT_CONTROLLER (keys));
  add_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_Delete, 0, "win.remove-coding", g_variant_new_int64 (0));
  add_key (GTK_SHORTCUT_CONTROLLER (keys), GDK_KEY_BackSpace, 0, "win.remove-coding", g_variant_new_int64 (0));
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), keys);

  g_menu_append (extra, _("_Code Selection…"), "win.pick-code");
  g_menu_append (extra, _("_Remove Coding"), "win.remove-coding(int64 0)");
  g_menu_append (extra, _("Edit _Memo"), "win.edit-memo");
  g_menu_append (extra, _("_Suggest Codes Here"), "win.suggest-document");
  gtk_text_view_set_extra_menu (self->text_view, G_MENU_MODEL (extra));
}
