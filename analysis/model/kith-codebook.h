/* kith-codebook.h — codebooks as plain text files
 *
 * A codebook file (.kithcodebook) is a GLib key file a user can read, diff,
 * copy and adapt to another funder's framework: one [Code PATH] group per
 * code (description, colour, goal, dimension, outcome) and one
 * [Rule PATH #N] group per suggestion rule (pattern, scope, exclude,
 * skip-speakers, case-sensitive, language, note), with [Defaults] for what
 * most rules share. codebooks/inclusive-communities.kithcodebook explains
 * the format at its top.
 *
 * Loading a codebook into a project merges: codes are matched by path and
 * never duplicated (an existing code keeps its name, colour and codings and
 * only gains what it lacked), rules already present are not added again.
 */
#pragma once

#include "kith-codes.h"
#include "kith-project.h"
#include "kith-rule.h"

G_BEGIN_DECLS

#define KITH_CODEBOOK_SUFFIX ".kithcodebook"

typedef struct
{
  char      *name;
  char      *description;
  /* (element-type KithCode) in file order: path, description, colour (NULL:
   * the project picks one), goal, dimension and outcome_key are set */
  GPtrArray *codes;
  GPtrArray *rules;    /* (element-type KithRuleDef) code_path set, code_id 0 */
} KithCodebook;

void          kith_codebook_free        (KithCodebook *codebook);

/* Reads and checks a codebook file: every colour, scope and pattern is
 * valid, or the error names the file, the group and the problem. */
KithCodebook *kith_codebook_read        (const char   *path,
                                         GError      **error);
/* The codebook file for @name_or_path: an existing file, or the name of a
 * bundled codebook (“inclusive-communities”). (transfer full) */
char         *kith_codebook_find        (const char   *name_or_path,
                                         GError      **error);
/* The names of the bundled codebooks, sorted. (transfer full) */
GStrv         kith_codebook_list_bundled (void);

/* The project's codes and rules as a codebook. */
KithCodebook *kith_codebook_from_project (KithProject  *project,
                                          GError      **error);
/* The key file text of @codebook. (transfer full) */
char         *kith_codebook_to_data     (KithCodebook *codebook,
                                         gsize        *length);

typedef struct
{
  guint codes_added;
  guint codes_existing;
  guint rules_added;
  guint rules_existing;
} KithCodebookMerge;

/* Merges @codebook into @project as one undoable action. */
gboolean      kith_codebook_merge       (KithProject       *project,
                                         KithCodebook      *codebook,
                                         KithCodebookMerge *merge,
                                         GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithCodebook, kith_codebook_free)

G_END_DECLS
