/* kith-rule.h — one suggestion rule: a PCRE2 pattern that belongs to a code
 *
 * A rule's pattern is compiled once with PCRE2_UTF | PCRE2_UCP (Unicode
 * letters, digits and word boundaries in every script), caseless unless the
 * rule says otherwise, and JIT compiled. What a hit suggests is its scope:
 * the match itself, its sentence, its paragraph or its speaker turn. An
 * exclusion pattern found in that span (for `match`, in the match's
 * sentence) drops the hit: “feel safe” but not “don't feel safe”. Turns by
 * the listed speakers are skipped; a listed role (“Interviewer”) also skips
 * whoever a transcript's header names in that role (“Interviewer: Grace
 * Obi”), and the header itself, which is not speech, is skipped too.
 *
 * Matching is bounded: a pattern that backtracks without end is stopped by
 * PCRE2's match and depth limits and reported, never left to hang.
 */
#pragma once

#include <glib.h>

#include "kith-rule-literals.h"

G_BEGIN_DECLS

typedef enum {
  KITH_SCOPE_MATCH,
  KITH_SCOPE_SENTENCE,
  KITH_SCOPE_PARAGRAPH,
  KITH_SCOPE_TURN,
} KithScope;

const char *kith_scope_to_string   (KithScope    scope);
gboolean    kith_scope_from_string (const char  *text,
                                    KithScope   *scope);

/* A rule as stored and as written in a codebook. */
typedef struct
{
  gint64    id;              /* 0 until stored */
  gint64    code_id;
  char     *code_path;
  char     *pattern;
  KithScope scope;
  char     *exclude;         /* NULL: none */
  GStrv     skip_speakers;   /* NULL: none; names or roles */
  gboolean  case_sensitive;
  char     *language;        /* BCP 47 tag, NULL when not given */
  char     *note;            /* what the rule is for; never NULL once stored */
  /* where the rule does not look (kith-rule-skip.h); NULL: nowhere */
  GStrv     skip_documents;  /* globs over a document's name or its kind */
  GStrv     skip_sections;   /* globs over the heading a section starts with */
  GStrv     skip_text;       /* phrases: a span holding one is not suggested */
  gboolean  skip_framework;  /* … nor one naming a framework outcome or barometer */
} KithRuleDef;

KithRuleDef *kith_rule_def_new   (void);
KithRuleDef *kith_rule_def_copy  (const KithRuleDef *def);
void         kith_rule_def_free  (KithRuleDef       *def);

/* Checks that @pattern compiles; the error names the pattern, the offset in
 * characters and PCRE2's message. */
gboolean     kith_rule_check_pattern (const char    *pattern,
                                      gboolean       case_sensitive,
                                      GError       **error);

/* A compiled rule: immutable, shared by the threads of a suggestion pass. */
typedef struct _KithRule KithRule;

KithRule          *kith_rule_compile      (const KithRuleDef *def,
                                           GError           **error);
void               kith_rule_free         (KithRule          *rule);
const KithRuleDef *kith_rule_get_def      (const KithRule    *rule);
/* the needles and longest match of the pattern (kith-rule-literals.h) */
const KithLiterals *kith_rule_get_literals (const KithRule   *rule);

/* What one thread needs to match: match data, limits, a JIT stack. */
typedef struct _KithMatcher KithMatcher;

KithMatcher *kith_matcher_new  (void);
void         kith_matcher_free (KithMatcher *matcher);

typedef enum {
  KITH_MATCH_ERROR = -1,   /* stopped by a limit: @error says which */
  KITH_MATCH_NONE  = 0,
  KITH_MATCH_FOUND = 1,
} KithMatchResult;

/* Finds the leftmost match of @rule's pattern in @subject (@len bytes of
 * valid UTF-8) that starts at or after @from and, unless @limit is
 * G_MAXSIZE, at or before @limit. @not_empty_at_from refuses an empty match
 * at @from (for stepping past one). Byte offsets go to @start, @end. */
KithMatchResult kith_rule_match   (const KithRule *rule,
                                   KithMatcher    *matcher,
                                   const char     *subject,
                                   gsize           len,
                                   gsize           from,
                                   gsize           limit,
                                   gboolean        not_empty_at_from,
                                   gsize          *start,
                                   gsize          *end,
                                   GError        **error);
/* Whether the exclusion pattern occurs within [@from, @to) of @subject.
 * FALSE when the rule has none. */
KithMatchResult kith_rule_excludes (const KithRule *rule,
                                    KithMatcher    *matcher,
                                    const char     *subject,
                                    gsize           from,
                                    gsize           to,
                                    GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithRuleDef, kith_rule_def_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithRule, kith_rule_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithMatcher, kith_matcher_free)

G_END_DECLS
