/* kith-sentences.h — sentences and paragraphs of a canonical text
 *
 * A paragraph is a line of the canonical text (import reflows hard-wrapped
 * text, so a paragraph, a transcript turn or a list item is one line),
 * without its surrounding blanks and without a Markdown list, heading or
 * quote marker. Sentences never cross a line, nor a table row's cells
 * (split at tabs, “|” and runs of three or more spaces) or list items run together
 * on one line (split at bullets); one longer than 400 code points is cut
 * into pieces at its clauses, else between words. A sentence ends after . ! ? …
 * (and the Urdu ۔, Arabic ؟, Devanagari ।, CJK 。) plus any closing quotes
 * or brackets, where a space or the line's end follows — but not after an
 * abbreviation such as “Dr.”, “Mr.”, “St.”, “e.g.”, a single initial, or
 * before a word in lower case (“approx. three”). A decimal point has no
 * space after it, so “2.5” never splits.
 *
 * All offsets are in bytes; the decisions are local, so finding the
 * sentence around one position reads only that sentence's neighbourhood.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gsize start;
  gsize end;    /* exclusive */
} KithByteSpan;   /* bytes; kith-stripes.h's KithSpan is in code points */

/* The paragraph(s) covering [@from, @to) of @text (@len bytes, UTF-8). */
KithByteSpan  kith_paragraph_around (const char *text,
                                 gsize       len,
                                 gsize       from,
                                 gsize       to);
/* The sentence(s) covering [@from, @to). */
KithByteSpan  kith_sentence_around  (const char *text,
                                 gsize       len,
                                 gsize       from,
                                 gsize       to);
/* Every heading of @text, in order: a Markdown “#” line, or a short line
 * (at most 12 words) after a blank line or the text's start that does not
 * end like a sentence or a clause, is not a list item and not a table
 * row. The span is the heading's text, without markers. (element-type
 * KithByteSpan) */
GArray   *kith_headings_find    (const char *text,
                                 gsize       len);
/* Every sentence of @text, in order. (element-type KithByteSpan) */
GArray   *kith_sentences_split  (const char *text,
                                 gsize       len);

G_END_DECLS
