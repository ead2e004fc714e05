/* kith-coding-gutter.h — the margin beside a document's text where every
 * coding is a stripe in its code's colour, overlapping codings side by side
 * (lanes from KithStripes), so none hides another */
#pragma once

#include <gtk/gtk.h>

#include "kith-code-list.h"
#include "kith-stripes.h"

G_BEGIN_DECLS

#define KITH_TYPE_CODING_GUTTER (kith_coding_gutter_get_type ())
G_DECLARE_FINAL_TYPE (KithCodingGutter, kith_coding_gutter, KITH, CODING_GUTTER, GtkWidget)

/* A gutter for @view; place it with gtk_text_view_set_gutter(). */
GtkWidget *kith_coding_gutter_new          (GtkTextView      *view,
                                            KithCodeList     *codes);
/* @codings (KithCoding, in the order @stripes was laid out from) are
 * borrowed until the next call. */
void       kith_coding_gutter_set_codings  (KithCodingGutter *self,
                                            GPtrArray        *codings,
                                            KithStripes      *stripes);
void       kith_coding_gutter_set_selected (KithCodingGutter *self,
                                            gint64            coding_id);

G_END_DECLS
