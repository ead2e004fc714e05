/* kith-code-match.h — finding a code by a few typed letters
 *
 * The code picker matches what a user types against each code's name, path
 * and description. Case and accents are ignored; every word typed must be
 * found somewhere, as a substring or, in the name, as letters in order
 * (“hrd resp” finds “Heard and respected”).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Folds @text for matching: accents removed, case folded. (transfer full) */
char *kith_code_match_fold  (const char *text);
/* The score of @query against a code: -1 when it does not match, higher is
 * better; an empty query matches everything with 0. The arguments may be
 * folded already (kith_code_match_fold) or not. */
int   kith_code_match_score (const char *query,
                             const char *name,
                             const char *path,
                             const char *description);

G_END_DECLS
