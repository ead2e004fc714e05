/* kith-rule-literals.h — what a pattern's matches must contain
 *
 * The suggestion pass does not run every rule over every byte. It reads a
 * rule's pattern once and works out a small set of literal strings (the
 * “needles”) such that every match contains at least one of them, and how
 * long a match can be. One scan for all rules' needles then says where a
 * rule can possibly match, and only there is the rule's PCRE2 code run.
 *
 * Needles are compared with ASCII letters folded to lower case and every
 * other byte exactly, so a needle never holds a non-ASCII letter that has
 * case (“ś” in a caseless rule splits the needle there). Two characters
 * fold to ASCII under Unicode caseless matching — “ſ” (U+017F) to s and the
 * Kelvin sign (U+212A) to k — so a text holding either is matched without
 * the needles (kith-rule-set.c).
 *
 * The analysis is conservative: a pattern it does not understand (a back
 * reference, \K, extended mode, recursion…) simply has no needles, and its
 * rule runs over the whole text.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* the shortest needle worth scanning for, in bytes */
#define KITH_LITERALS_MIN_NEEDLE 3

typedef struct
{
  /* (element-type utf8): ASCII folded to lower case; NULL when the pattern
   * has no needle of at least KITH_LITERALS_MIN_NEEDLE bytes */
  GPtrArray *needles;
  /* the longest possible match in bytes; G_MAXSIZE when unbounded */
  gsize      max_bytes;
} KithLiterals;

KithLiterals *kith_literals_analyse (const char   *pattern,
                                     gboolean      caseless);
void          kith_literals_free    (KithLiterals *literals);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithLiterals, kith_literals_free)

G_END_DECLS
