/* kith-chip.h — a small rounded swatch of a code's colour */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KITH_TYPE_CHIP (kith_chip_get_type ())
G_DECLARE_FINAL_TYPE (KithChip, kith_chip, KITH, CHIP, GtkWidget)

GtkWidget  *kith_chip_new         (void);
/* @colour: #rrggbb; NULL or invalid shows grey */
void        kith_chip_set_colour  (KithChip   *self,
                                   const char *colour);
/* Parses #rrggbb (any case) into @rgba; FALSE and grey when invalid. */
gboolean    kith_parse_colour     (const char *colour,
                                   GdkRGBA    *rgba);

G_END_DECLS
