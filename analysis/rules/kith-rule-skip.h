/* kith-rule-skip.h — where a suggestion rule does not look
 *
 * A rule can be told to leave out whole documents (globs over the name or
 * the kind: “report”, “barometers-*.tsv”), sections (globs over the
 * heading a section starts with: “Appendix*”), and spans that hold given
 * phrases or name the framework's own outcomes and barometers verbatim: a
 * report that reprints the framework's table of outcomes is not evidence
 * of them. Globs and phrases are compared with case and accents folded,
 * curly quotes as straight ones and runs of white space as one space.
 */
#pragma once

#include "kith-project.h"
#include "kith-rule.h"

G_BEGIN_DECLS

typedef struct _KithRuleSkip KithRuleSkip;

/* The phrases that name the project's framework: the descriptions of
 * codes that are outcomes, and the labels of barometers, folded.
 * (element-type utf8) (transfer full) */
GPtrArray    *kith_rule_skip_framework_phrases (KithProject        *project,
                                                GError            **error);
/* What @def skips; NULL when it skips nothing. @framework: the phrases of
 * kith_rule_skip_framework_phrases, borrowed for the skip's life. */
KithRuleSkip *kith_rule_skip_new               (const KithRuleDef  *def,
                                                GPtrArray          *framework);
void          kith_rule_skip_free              (KithRuleSkip       *skip);
gboolean      kith_rule_skip_document          (const KithRuleSkip *skip,
                                                const char         *name,
                                                const char         *kind);
gboolean      kith_rule_skip_has_sections      (const KithRuleSkip *skip);
/* @heading: the section's heading, NULL before the first */
gboolean      kith_rule_skip_section           (const KithRuleSkip *skip,
                                                const char         *heading,
                                                gsize               len);
/* Whether @len bytes of @text hold one of the phrases. */
gboolean      kith_rule_skip_text              (const KithRuleSkip *skip,
                                                const char         *text,
                                                gsize               len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithRuleSkip, kith_rule_skip_free)

G_END_DECLS
