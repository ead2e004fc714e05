/* kith-pseudonymiser.h — personal details out of what is exported
 *
 * Exports can be pseudonymised: names become consistent pseudonyms
 * (“Resident 3” wherever Harjit is named), and postcodes, phone numbers,
 * e-mail addresses and street addresses become “[postcode]”, “[phone]”,
 * “[email]” and “[address]”. Places the evaluation reports by are kept.
 * The stored text is never changed: this works on the strings an export
 * writes. Which names to replace is the project's business
 * (model/kith-privacy.c); this only replaces.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  KITH_PRIVACY_NAME,
  KITH_PRIVACY_POSTCODE,
  KITH_PRIVACY_PHONE,
  KITH_PRIVACY_EMAIL,
  KITH_PRIVACY_ADDRESS,
  KITH_PRIVACY_N_KINDS
} KithPrivacyKind;

typedef struct _KithPseudonymiser KithPseudonymiser;

KithPseudonymiser *kith_pseudonymiser_new       (void);
void               kith_pseudonymiser_free      (KithPseudonymiser *self);

/* @name is replaced by @pseudonym wherever it stands as a whole word, and
 * so is each part of it (“Harjit”, “Kaur” of “Harjit Kaur”) that is not a
 * name of its own already: the first name added wins. Names of fewer than
 * two letters, and kept words, are left alone. */
void               kith_pseudonymiser_add_name  (KithPseudonymiser *self,
                                                 const char        *name,
                                                 const char        *pseudonym);
/* @word is never replaced as a name (a place the evaluation reports by).
 * Call before adding names. */
void               kith_pseudonymiser_keep      (KithPseudonymiser *self,
                                                 const char        *word);
/* The pseudonym @name gets, or NULL when it is not replaced. */
const char        *kith_pseudonymiser_lookup    (KithPseudonymiser *self,
                                                 const char        *name);
/* @text with every name and detail replaced (transfer full); NULL for NULL. */
char              *kith_pseudonymiser_apply     (KithPseudonymiser *self,
                                                 const char        *text);
/* Where positions of the text went when it was pseudonymised: a position
 * before, between or after replacements moves with the text; one inside a
 * replaced run goes to the replacement's start, or for the end of a span
 * (@is_end) to its end, so a span keeps whatever it partly covered. */
typedef struct _KithPseudonymMap KithPseudonymMap;

/* As kith_pseudonymiser_apply, and *@map tells where each code point
 * position of @text is in the result. */
char              *kith_pseudonymiser_apply_mapped (KithPseudonymiser *self,
                                                 const char        *text,
                                                 KithPseudonymMap **map);
gint64             kith_pseudonym_map_position (const KithPseudonymMap *map,
                                                 gint64             pos,
                                                 gboolean           is_end);
void               kith_pseudonym_map_free (KithPseudonymMap *map);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithPseudonymMap, kith_pseudonym_map_free)

/* Replaces *@text in place (frees the old string). */
void               kith_pseudonymiser_apply_in_place (KithPseudonymiser *self,
                                                 char             **text);
/* How many replacements of @kind were made so far. */
guint              kith_pseudonymiser_get_count (KithPseudonymiser *self,
                                                 KithPrivacyKind    kind);
/* “names 12, postcodes 1, phone numbers 2, e-mail addresses 0, addresses 1” */
char              *kith_pseudonymiser_describe  (KithPseudonymiser *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithPseudonymiser, kith_pseudonymiser_free)

G_END_DECLS
