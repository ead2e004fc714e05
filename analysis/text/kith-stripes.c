/* kith-stripes.c
 *
 * Lanes: a sweep over the spans in start order with two binary heaps, the
 * spans still open (by end) and the lanes given back (by number), so a
 * pathological document — thousands of nested codings — stays O(n log n).
 *
 * Queries: spans sorted by start with a running maximum of their ends. The
 * first span that can reach @from is found by bisection on that maximum;
 * from there, spans are read until one starts at or after @to.
 */
#include "kith-stripes.h"

struct _KithStripes
{
  guint   n;
  guint   n_lanes;
  guint  *order;     /* input indices, sorted by (start, end) */
  gint64 *starts;    /* in sorted order */
  gint64 *ends;
  gint64 *reach;     /* reach[i] = max (ends[0 … i]) */
  guint  *lanes;     /* by input index */
};

/* a span still open (keyed by its end), or a free lane (keyed by itself) */
typedef struct { gint64 end; guint lane; } Open;

static int
compare_order (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const KithSpan *spans = user_data;
  const KithSpan *x = &spans[*(const guint *) a];
  const KithSpan *y = &spans[*(const guint *) b];

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  /* longer spans first, so an enclosing span takes the outer lane */
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

/* ---- a small binary heap of (key, lane), smallest key on top -------------- */

static void
heap_push (GArray *heap, Open item)
{
  guint i = heap->len;

  g_array_append_val (heap, item);
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      Open *h = (Open *) heap->data;
      if (h[parent].end <= h[i].end)
        break;
      Open t = h[parent]; h[parent] = h[i]; h[i] = t;
      i = parent;
    }
}

static Open
heap_pop (GArray *heap)
{
  Open *h = (Open *) heap->data;
  Open top = h[0];
  guint i = 0;

  h[0] = h[heap->len - 1];
  g_array_set_size (heap, heap->len - 1);
  h = (Open *) heap->data;
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;
      if (l < heap->len && h[l].end < h[m].end)
        m = l;
      if (r < heap->len && h[r].end < h[m].end)
        m = r;
      if (m == i)
        break;
      Open t = h[m]; h[m] = h[i]; h[i] = t;
      i = m;
    }
  return top;
}

/* ---- public -------------------------------------------------------------- */

KithStripes *
kith_stripes_new (const KithSpan *spans,
                  guint           n)
{
  KithStripes *self = g_new0 (KithStripes, 1);
  g_autoptr(GArray) open = g_array_new (FALSE, FALSE, sizeof (Open));
  g_autoptr(GArray) free_lanes = g_array_new (FALSE, FALSE, sizeof (Open));

  g_return_val_if_fail (spans != NULL || n == 0, self);

  self->n = n;
  self->order = g_new (guint, MAX (n, 1));
  self->starts = g_new (gint64, MAX (n, 1));
  self->ends = g_new (gint64, MAX (n, 1));
  self->reach = g_new (gint64, MAX (n, 1));
  self->lanes = g_new0 (guint, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    self->order[i] = i;
  g_qsort_with_data (self->order, (gint) n, sizeof (guint), compare_order, (gpointer) spans);

  for (guint k = 0; k < n; k++)
    {
      const KithSpan *s = &spans[self->order[k]];
      Open item;

      self->starts[k] = s->start;
      self->ends[k] = s->end;
      self->reach[k] = k == 0 ? s->end : MAX (self->reach[k - 1], s->end);

      /* lanes of spans that ended by now are free again */
      while (open->len > 0 && g_array_index (open, Open, 0).end <= s->start)
        {
          guint lane = heap_pop (open).lane;
          heap_push (free_lanes, (Open) { lane, lane });
        }
      item.end = s->end;
      item.lane = free_lanes->len > 0 ? heap_pop (free_lanes).lane : self->n_lanes++;
      self->lanes[self->order[k]] = item.lane;
      heap_push (open, item);
    }
  return self;
}

void
kith_stripes_free (KithStripes *self)
{
  if (self == NULL)
    return;
  g_free (self->order);
  g_free (self->starts);
  g_free (self->ends);
  g_free (self->reach);
  g_free (self->lanes);
  g_free (self);
}

guint
kith_stripes_get_n_spans (KithStripes *self)
{
  return self->n;
}

guint
kith_stripes_get_n_lanes (KithStripes *self)
{
  return self->n_lanes;
}

guint
kith_stripes_get_lane (KithStripes *self,
                       guint        index)
{
  g_return_val_if_fail (index < self->n, 0);
  return self->lanes[index];
}

void
kith_stripes_query (KithStripes *self,
                    gint64       from,
                    gint64       to,
                    GArray      *out)
{
  guint lo = 0, hi = self->n;
  gboolean point = to <= from;

  /* the first k whose reach passes @from */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (self->reach[mid] > from)
        hi = mid;
      else
        lo = mid + 1;
    }
  for (guint k = lo; k < self->n; k++)
    {
      if (point ? self->starts[k] > from : self->starts[k] >= to)
        break;
      if (self->ends[k] > from)
        g_array_append_val (out, self->order[k]);
    }
}
