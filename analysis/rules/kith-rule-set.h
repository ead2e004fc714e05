/* kith-rule-set.h — many rules matched in one pass over a text
 *
 * The rule set gathers every rule's needles (kith-rule-literals.h) into one
 * filter: a bitmap of the needles' anchors, looked up at every position of
 * the text in one pass. That pass yields, per rule, the places where a
 * match is possible; the rule's PCRE2 code then runs only in a window
 * around each — from how far before its needle a match can start, with
 * PCRE2's offset limit at the needle, the text cut where no match could
 * reach — so it finds exactly the matches a scan of the whole text would:
 * for every rule, the leftmost non-overlapping matches in order (what
 * Python's re.finditer returns).
 * Rules without needles, and texts holding “ſ” or the Kelvin sign (which
 * fold to ASCII letters), are matched over the whole text.
 *
 * A set is immutable and shared between threads; each thread scans with its
 * own KithRuleScan.
 */
#pragma once

#include "kith-rule.h"

G_BEGIN_DECLS

/* a rule stopped by a limit in this many texts is not run again */
#define KITH_RULE_SET_MAX_FAILURES 3

typedef struct _KithRuleSet KithRuleSet;
typedef struct _KithRuleScan KithRuleScan;

typedef struct
{
  guint rule;    /* index in the set */
  gsize start;   /* bytes */
  gsize end;
} KithRuleHit;

typedef struct
{
  guint  rule;
  gsize  at;        /* byte offset where matching stopped */
  char  *message;
} KithRuleProblem;

/* Takes ownership of @rules (element-type KithRule). */
KithRuleSet    *kith_rule_set_new          (GPtrArray    *rules);
void            kith_rule_set_free         (KithRuleSet  *set);
guint           kith_rule_set_get_n_rules  (KithRuleSet  *set);
const KithRule *kith_rule_set_get_rule     (KithRuleSet  *set,
                                            guint         index);
/* rules that have needles (the rest are matched over whole texts) */
guint           kith_rule_set_get_n_prefiltered (KithRuleSet *set);

KithRuleScan   *kith_rule_scan_new         (KithRuleSet  *set);
void            kith_rule_scan_free        (KithRuleScan *scan);
/* Appends every rule's matches in @text (@len bytes of valid UTF-8) to
 * @hits (element-type KithRuleHit), rule by rule, each in text order. A rule
 * stopped by a limit adds a KithRuleProblem to @problems (free with
 * kith_rule_problem_free) and keeps the matches found before. */
void            kith_rule_scan_run         (KithRuleScan *scan,
                                            const char   *text,
                                            gsize         len,
                                            GArray       *hits,
                                            GPtrArray    *problems);
KithRuleProblem *kith_rule_problem_new     (guint         rule,
                                            gsize         at,
                                            const char   *message);
void            kith_rule_problem_free     (KithRuleProblem *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithRuleSet, kith_rule_set_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithRuleScan, kith_rule_scan_free)

G_END_DECLS
