/* kith-dictionary.h — is this a word? (the system's hunspell dictionary)
 *
 * Used to undo hyphenation across line ends: “commu-” + “nity” is rejoined
 * because “community” is a word; “place-” + “based” keeps its hyphen
 * because “placebased” is not.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether an English dictionary (en_GB, else en_US) is installed; looked
 * for in $KITH_DICTIONARY_DIR, then the usual hunspell folders. */
gboolean kith_dictionary_available (void);
/* Whether @word (UTF-8, one word) is spelt as the dictionary knows it.
 * FALSE when no dictionary is installed. Thread-safe. */
gboolean kith_dictionary_has_word  (const char *word,
                                    gssize      len);

G_END_DECLS
