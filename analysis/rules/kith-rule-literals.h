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

/* How rare a needle must be, in bits of English text (“the ” has 13.8,
 * “pta” 13.7, “send” 16.4): a rule with a commoner one is matched over the
 * whole text instead. */
#define KITH_LITERALS_MIN_BITS 13.5
/* … and how long, so that the scan has three bytes to look at */
#define KITH_LITERALS_MIN_BYTES 3

typedef struct
{
  /* (element-type utf8): at most 32 bytes each, ASCII folded to lower
   * case; NULL when the pattern has no needles rare enough */
  GPtrArray *needles;
  /* how far into a match a needle can start, at most, in bytes;
   * G_MAXSIZE when unbounded */
  gsize      max_before;
  /* the longest possible match in bytes; G_MAXSIZE when unbounded */
  gsize      max_bytes;
  /* how far past the end of a match the pattern may look (\b, $,
   * lookaheads), in bytes; G_MAXSIZE when unbounded */
  gsize      max_ahead;
} KithLiterals;

KithLiterals *kith_literals_analyse (const char   *pattern,
                                     gboolean      caseless);
void          kith_literals_free    (KithLiterals *literals);
/* How surprising @len bytes of English text are, in bits. */
double        kith_literals_bits    (const char   *s,
                                     gsize         len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithLiterals, kith_literals_free)

G_END_DECLS
