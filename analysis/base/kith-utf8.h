/* kith-utf8.h — Unicode code point offsets over UTF-8 text
 *
 * Kith counts every position in code points (the unit of GtkTextBuffer and
 * REFI-QDA). KithTextIndex turns such offsets into byte offsets quickly, by
 * keeping a mark every few thousand characters.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _KithTextIndex KithTextIndex;

/* Counts code points in valid UTF-8: every byte that is not a continuation. */
/* @text with every run of white space folded to one space, none at either
 * end: a title or a quote reads as one line. (transfer full) */
char           *kith_utf8_fold_space       (const char    *text);
gint64          kith_utf8_count_chars      (const char    *text,
                                            gsize          len);

KithTextIndex  *kith_text_index_new        (const char    *text,
                                            gsize          len);
void            kith_text_index_free       (KithTextIndex *index);
gint64          kith_text_index_get_length (KithTextIndex *index);
const char     *kith_text_index_get_text   (KithTextIndex *index);
/* Byte offset of code point @offset (0 … length). */
gsize           kith_text_index_byte_at    (KithTextIndex *index,
                                            gint64         offset);
/* Code point offset of byte @byte_offset, which must start a character. */
gint64          kith_text_index_char_at    (KithTextIndex *index,
                                            gsize          byte_offset);
char           *kith_text_index_dup_span   (KithTextIndex *index,
                                            gint64         start,
                                            gint64         end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithTextIndex, kith_text_index_free)

G_END_DECLS
