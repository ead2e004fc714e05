/* kith-paragraphs.h — text with paragraph structure, from formats that
 * have real paragraphs (DOCX, ODT, HTML)
 *
 * Paragraphs, headings, list items and table cells each become one
 * paragraph; paragraphs are separated by a blank line, and line breaks and
 * tabs inside a paragraph are kept. Blank paragraphs are left out, as are
 * blanks at the ends of a paragraph and of its lines.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _KithParagraphs KithParagraphs;

/* @collapse: runs of white space in text become one space, as in HTML and
 * OpenDocument; otherwise text is kept as it is (Word). */
KithParagraphs *kith_paragraphs_new         (gboolean        collapse);
void            kith_paragraphs_free        (KithParagraphs *paragraphs);
/* Text inside the current paragraph. */
void            kith_paragraphs_add_text    (KithParagraphs *paragraphs,
                                             const char     *text,
                                             gssize          len);
/* Text that is never collapsed: a tab, a line break, spaces written as such. */
void            kith_paragraphs_add_literal (KithParagraphs *paragraphs,
                                             const char     *text);
/* Ends the current paragraph, if there is one. */
void            kith_paragraphs_end         (KithParagraphs *paragraphs);
/* Moves every paragraph of @other after those of @paragraphs. */
void            kith_paragraphs_take        (KithParagraphs *paragraphs,
                                             KithParagraphs *other);
/* The paragraphs so far, ended by a line break; "" when there are none. */
const char     *kith_paragraphs_get_text    (KithParagraphs *paragraphs,
                                             gsize          *len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithParagraphs, kith_paragraphs_free)

G_END_DECLS
