/* kith-stripes.h — laying out overlapping spans side by side
 *
 * The document view draws every coding as a stripe in a margin beside the
 * text. Overlapping codings get different lanes so each stays visible; a
 * coding keeps the lowest lane free when it starts. KithStripes also finds
 * the spans that touch a range quickly, for painting only what is visible
 * and for “which codes are at the cursor”.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gint64 start;   /* code points, end exclusive */
  gint64 end;
} KithSpan;

typedef struct _KithStripes KithStripes;

/* Lays out @n spans given in any order; the spans are copied. */
KithStripes *kith_stripes_new          (const KithSpan *spans,
                                        guint           n);
void         kith_stripes_free         (KithStripes    *self);
guint        kith_stripes_get_n_spans  (KithStripes    *self);
/* Lanes used at the widest point (0 when there are no spans). */
guint        kith_stripes_get_n_lanes  (KithStripes    *self);
/* The lane (0-based) of span @index, an index into the array given. */
guint        kith_stripes_get_lane     (KithStripes    *self,
                                        guint           index);
/* Appends to @out (a GArray of guint) the indices of the spans that
 * overlap [@from, @to), in order of start. An empty range @from == @to
 * finds the spans containing @from (start ≤ from < end). */
void         kith_stripes_query        (KithStripes    *self,
                                        gint64          from,
                                        gint64          to,
                                        GArray         *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithStripes, kith_stripes_free)

G_END_DECLS
