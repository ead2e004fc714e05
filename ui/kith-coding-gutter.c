/* kith-coding-gutter.c
 *
 * Only the codings that touch the visible lines are drawn (a range query on
 * KithStripes), so a document with tens of thousands of codings paints and
 * scrolls as fast as one with ten.
 */
#include <glib/gi18n.h>

#include "kith-chip.h"
#include "kith-codings.h"
#include "kith-coding-gutter.h"

#define MARGIN      8     /* before the first lane */
#define STRIPE      4
#define GAP         3
#define MAX_LANES   8     /* wider overlaps share the last lane */

struct _KithCodingGutter
{
  GtkWidget     parent_instance;

  GtkTextView  *view;        /* weak: the view owns the gutter */
  KithCodeList *codes;
  GPtrArray    *codings;     /* borrowed */
  KithStripes  *stripes;     /* borrowed */
  gint64        selected;
  guint         lanes;       /* shown: at most MAX_LANES */
};

G_DEFINE_FINAL_TYPE (KithCodingGutter, kith_coding_gutter, GTK_TYPE_WIDGET)

enum { SIGNAL_CODING_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];


static void
kith_coding_gutter_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                            int *minimum, int *natural, int *minimum_baseline, int *natural_baseline)
{
  KithCodingGutter *self = KITH_CODING_GUTTER (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = MARGIN + (int) MAX (self->lanes, 1) * (STRIPE + GAP) + 6;
  else
    *minimum = *natural = 0;
}

/* The offsets of the first and last characters on screen. */
static void
visible_range (KithCodingGutter *self, gint64 *from, gint64 *to)
{
  GdkRectangle visible;
  GtkTextIter top, bottom;

  gtk_text_view_get_visible_rect (self->view, &visible);
  gtk_text_view_get_line_at_y (self->view, &top, visible.y, NULL);
  gtk_text_view_get_line_at_y (self->view, &bottom, visible.y + visible.height, NULL);
  gtk_text_iter_forward_to_line_end (&bottom);
  *from = gtk_text_iter_get_offset (&top);
  *to = gtk_text_iter_get_offset (&bottom) + 1;
}

/* The vertical extent of a coding in the gutter's coordinates. */
static void
coding_extent (KithCodingGutter *self, KithCoding *coding, int *y1, int *y2)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->view);
  GtkTextIter start, last;
  GdkRectangle a, b;

  gtk_text_buffer_get_iter_at_offset (buffer, &start, (int) coding->start);
  gtk_text_buffer_get_iter_at_offset (buffer, &last, (int) MAX (coding->start, coding->end - 1));
  gtk_text_view_get_iter_location (self->view, &start, &a);
  gtk_text_view_get_iter_location (self->view, &last, &b);
  gtk_text_view_buffer_to_window_coords (self->view, GTK_TEXT_WINDOW_LEFT, 0, a.y, NULL, y1);
  gtk_text_view_buffer_to_window_coords (self->view, GTK_TEXT_WINDOW_LEFT, 0, b.y + b.height, NULL, y2);
}

static void
kith_coding_gutter_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  KithCodingGutter *self = KITH_CODING_GUTTER (widget);
  g_autoptr(GArray) hits = NULL;
  int height = gtk_widget_get_height (widget);
  gint64 from, to;

  if (self->stripes == NULL || self->codings == NULL || self->codings->len == 0)
    return;
  hits = g_array_new (FALSE, FALSE, sizeof (guint));
  visible_range (self, &from, &to);
  kith_stripes_query (self->stripes, from, to, hits);
  for (guint i = 0; i < hits->len; i++)
    {
      guint index = g_array_index (hits, guint, i);
      KithCoding *coding = g_ptr_array_index (self->codings, index);
      KithCodeItem *code = kith_code_list_lookup (self->codes, coding->code_id);
      guint lane = MIN (kith_stripes_get_lane (self->stripes, index), MAX_LANES - 1);
      gboolean selected = coding->id == self->selected;
      GdkRGBA colour;
      GskRoundedRect rect;
      int y1, y2;
      float x, w;

      coding_extent (self, coding, &y1, &y2);
      y1 = MAX (y1, -4);
      y2 = MIN (y2, height + 4);
      if (y2 <= y1)
        continue;
      kith_parse_colour (code != NULL ? kith_code_item_get_colour (code) : NULL, &colour);
      x = MARGIN + lane * (STRIPE + GAP);
      w = STRIPE;
      if (selected)
        {
          x -= 1;
          w += 2;
        }
      else
        colour.alpha = 0.85f;
      gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x, y1 + 1, w, y2 - y1 - 2), w / 2);
      gtk_snapshot_push_rounded_clip (snapshot, &rect);
      gtk_snapshot_append_color (snapshot, &colour, &rect.bounds);
      gtk_snapshot_pop (snapshot);
    }
}

/* The coding whose stripe is at (@x, @y), or NULL. */
static KithCoding *
coding_at (KithCodingGutter *self, double x, double y)
{
  g_autoptr(GArray) hits = NULL;
  GtkTextIter line;
  int by = 0;
  gint64 from, to;
  int lane = ((int) x - MARGIN + GAP / 2) / (STRIPE + GAP);

  if (self->stripes == NULL || lane < 0)
    return NULL;
  gtk_text_view_window_to_buffer_coords (self->view, GTK_TEXT_WINDOW_LEFT, 0, (int) y, NULL, &by);
  gtk_text_view_get_line_at_y (self->view, &line, by, NULL);
  from = gtk_text_iter_get_offset (&line);
  gtk_text_iter_forward_to_line_end (&line);
  to = gtk_text_iter_get_offset (&line) + 1;
  hits = g_array_new (FALSE, FALSE, sizeof (guint));
  kith_stripes_query (self->stripes, from, to, hits);
  for (guint i = 0; i < hits->len; i++)
    {
      guint index = g_array_index (hits, guint, i);
      KithCoding *coding = g_ptr_array_index (self->codings, index);
      int y1, y2;

      if ((int) MIN (kith_stripes_get_lane (self->stripes, index), MAX_LANES - 1) != lane)
        continue;
      coding_extent (self, coding, &y1, &y2);
      if (y >= y1 && y <= y2)
        return coding;
    }
  return NULL;
}

static gboolean
kith_coding_gutter_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip)
{
  KithCodingGutter *self = KITH_CODING_GUTTER (widget);
  KithCoding *coding = coding_at (self, x, y);
  KithCodeItem *code = coding != NULL ? kith_code_list_lookup (self->codes, coding->code_id) : NULL;

  if (code == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, kith_code_item_get_path (code));
  return TRUE;
}

static void
on_click (GtkGestureClick *gesture, int n_press, double x, double y, KithCodingGutter *self)
{
  KithCoding *coding = coding_at (self, x, y);

  if (coding != NULL)
    g_signal_emit (self, signals[SIGNAL_CODING_ACTIVATED], 0, coding->id);
}

static void
on_scrolled (GtkAdjustment *adjustment, KithCodingGutter *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_vadjustment (GObject *view, GParamSpec *pspec, KithCodingGutter *self)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));

  if (adjustment != NULL)
    g_signal_connect_object (adjustment, "value-changed", G_CALLBACK (on_scrolled), self, 0);
}

void
kith_coding_gutter_set_codings (KithCodingGutter *self,
                                GPtrArray        *codings,
                                KithStripes      *stripes)
{
  /* the previous stripes may be gone already: only the count is kept */
  guint lanes = stripes != NULL ? MIN (kith_stripes_get_n_lanes (stripes), MAX_LANES) : 0;

  self->codings = codings;
  self->stripes = stripes;
  if (lanes != self->lanes)
    {
      self->lanes = lanes;
      gtk_widget_queue_resize (GTK_WIDGET (self));
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
kith_coding_gutter_set_selected (KithCodingGutter *self,
                                 gint64            coding_id)
{
  if (self->selected == coding_id)
    return;
  self->selected = coding_id;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
kith_coding_gutter_dispose (GObject *object)
{
  g_clear_object (&KITH_CODING_GUTTER (object)->codes);
  G_OBJECT_CLASS (kith_coding_gutter_parent_class)->dispose (object);
}

static void
kith_coding_gutter_class_init (KithCodingGutterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_coding_gutter_dispose;
  widget_class->measure = kith_coding_gutter_measure;
  widget_class->snapshot = kith_coding_gutter_snapshot;
  widget_class->query_tooltip = kith_coding_gutter_query_tooltip;

  signals[SIGNAL_CODING_ACTIVATED] =
    g_signal_new ("coding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_set_css_name (widget_class, "codinggutter");
  /* a picture of the codings; the inspector lists them in words */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
kith_coding_gutter_init (KithCodingGutter *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  g_signal_connect (click, "pressed", G_CALLBACK (on_click), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

GtkWidget *
kith_coding_gutter_new (GtkTextView  *view,
                        KithCodeList *codes)
{
  KithCodingGutter *self = g_object_new (KITH_TYPE_CODING_GUTTER, NULL);

  self->view = view;
  self->codes = g_object_ref (codes);
  g_signal_connect_object (view, "notify::vadjustment", G_CALLBACK (on_vadjustment), self, 0);
  on_vadjustment (G_OBJECT (view), NULL, self);
  return GTK_WIDGET (self);
}
