/* kith-rules.h — the suggestion rules stored in a project
 *
 * Every rule is checked (compiled) before it is stored; the same rule twice
 * for a code is stored once.
 */
#pragma once

#include "kith-project.h"
#include "kith-rule.h"

G_BEGIN_DECLS

/* (element-type KithRuleDef) in id order, code paths filled in. With
 * @code_ids (gint64), only rules of those codes and their sub-codes. */
GPtrArray *kith_rules_list        (KithProject       *project,
                                   GArray            *code_ids,
                                   GError           **error);
KithRuleDef *kith_rules_get       (KithProject       *project,
                                   gint64             id,
                                   GError           **error);
/* Stores @def for @def->code_id (or, when 0, the code at @def->code_path,
 * which must exist). Returns the rule's id — the existing one, with
 * *@created FALSE, when the code already has this rule — or 0 on error. */
gint64     kith_rules_add         (KithProject       *project,
                                   const KithRuleDef *def,
                                   gboolean          *created,
                                   GError           **error);
gboolean   kith_rules_delete      (KithProject       *project,
                                   gint64             id,
                                   GError           **error);

typedef struct
{
  guint added;
  guint existing;       /* already in the project */
  guint codes_created;
} KithRulesImport;

/* Imports a TSV file of CODE_PATH<TAB>PATTERN lines (“#” starts a comment
 * line), creating missing codes; the rules are caseless with scope match.
 * All or nothing: a bad line (named as FILE:LINE) stores none of them. */
gboolean   kith_rules_import_tsv  (KithProject       *project,
                                   const char        *path,
                                   KithRulesImport   *result,
                                   GError           **error);

G_END_DECLS
