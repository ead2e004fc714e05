/* kith-furniture.h — page furniture in text copied out of PDFs
 *
 * Page numbers, running headers and footers repeated page after page, and
 * the names of icon-font glyphs (“user-hard-hat”, “hands-heart”) that PDF
 * copy-paste leaves behind are not part of a report's text. They are learnt
 * from a sample of the document, so that a line is only dropped when the
 * document itself shows the pattern.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _KithFurniture KithFurniture;

KithFurniture *kith_furniture_new   (void);
void           kith_furniture_free  (KithFurniture       *furniture);
/* Learns from @text (canonical: LF line ends; a form feed separates pages). */
void           kith_furniture_learn (KithFurniture       *furniture,
                                     const char          *text,
                                     gsize                len);
/* TRUE when the whole of @line (no newline) is furniture. Otherwise sets
 * [@keep_start, @keep_end) to the bytes to keep: an icon name at either
 * end of a line of text is cut off. */
gboolean       kith_furniture_strip (const KithFurniture *furniture,
                                     const char          *line,
                                     gsize                len,
                                     gsize               *keep_start,
                                     gsize               *keep_end);
/* Whether anything was learnt (for tests and reports). */
guint          kith_furniture_get_n_patterns (const KithFurniture *furniture);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithFurniture, kith_furniture_free)

G_END_DECLS
