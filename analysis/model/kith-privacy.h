/* kith-privacy.h — which names a pseudonymised export replaces
 *
 * The list is the project's: the names of cases and of speakers, wherever
 * they appear; names the user adds; and candidates Kith finds in the
 * text (capitalised words no dictionary or gazetteer knows), which the user
 * reviews. Any of them can be kept instead (a place the evaluation reports
 * by). The stored text is never changed.
 */
#pragma once

#include "kith-project.h"
#include "kith-pseudonymiser.h"

G_BEGIN_DECLS

typedef enum {
  KITH_PRIVACY_FROM_CASE,
  KITH_PRIVACY_FROM_SPEAKER,
  KITH_PRIVACY_FROM_USER,
  KITH_PRIVACY_FROM_TEXT,     /* a candidate found in the text */
} KithPrivacySource;

typedef struct
{
  char              *name;
  KithPrivacySource  source;
  gboolean           keep;         /* TRUE: left as it is */
  char              *pseudonym;    /* “Resident 3”; NULL when kept */
  guint              occurrences;  /* as a whole word in the documents' text */
} KithPrivacyName;

void        kith_privacy_name_free     (KithPrivacyName *name);
const char *kith_privacy_source_to_string (KithPrivacySource source);

/* Every name on the list, in the order pseudonyms are numbered: cases,
 * speakers (a speaker linked to a case shares the case's pseudonym),
 * names the user added, then candidates from the text by first
 * appearance. (element-type KithPrivacyName) */
GPtrArray  *kith_privacy_list          (KithProject  *project,
                                        GError      **error);
/* Adds @name to be replaced (one undoable action). */
gboolean    kith_privacy_add           (KithProject  *project,
                                        const char   *name,
                                        GError      **error);
/* Keeps @name as it is in exports (TRUE), or replaces it again (FALSE). */
gboolean    kith_privacy_keep          (KithProject  *project,
                                        const char   *name,
                                        gboolean      keep,
                                        GError      **error);
/* A pseudonymiser that replaces every name on the list that is not kept,
 * and keeps the gazetteer's places and the kept names. */
KithPseudonymiser *kith_privacy_pseudonymiser (KithProject *project,
                                        GError      **error);

/* “Pseudonymise exports”, remembered per project (FALSE until set): the
 * app's exports follow it. */
gboolean    kith_privacy_get_pseudonymise (KithProject *project,
                                        gboolean    *pseudonymise,
                                        GError     **error);
gboolean    kith_privacy_set_pseudonymise (KithProject *project,
                                        gboolean     pseudonymise,
                                        GError     **error);

/* Whether @word is a place of the gazetteer (West Midlands places and
 * local authorities), which is never a candidate name. */
gboolean    kith_privacy_is_place      (const char   *word);

G_END_DECLS
