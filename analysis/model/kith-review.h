/* kith-review.h — the review queue: accept or reject what rules suggested
 *
 * Accepting a suggestion makes it a coding (origin "rule", by the project's
 * coder) linked from the suggestion; rejecting it remembers the span, so no
 * later pass suggests it again for that code. Every decision is one
 * undoable action of the history group "review": kith_review_undo() takes
 * back the latest one, whatever else happened since.
 */
#pragma once

#include "kith-project.h"

G_BEGIN_DECLS

typedef enum {
  KITH_SUGGESTION_PENDING,
  KITH_SUGGESTION_ACCEPTED,
  KITH_SUGGESTION_REJECTED,
} KithSuggestionStatus;

const char *kith_suggestion_status_to_string (KithSuggestionStatus status);

typedef struct
{
  gint64               id;
  gint64               document_id;
  char                *document;    /* its name */
  gint64               code_id;
  char                *code_path;
  gint64               rule_id;     /* 0 when the rule was deleted since */
  gint64               start;       /* code points, end exclusive */
  gint64               end;
  KithSuggestionStatus status;
  gint64               coding_id;   /* the accepted coding, 0 otherwise */
} KithSuggestion;

void        kith_suggestion_free    (KithSuggestion *suggestion);

/* (element-type KithSuggestion) in document, position and code order.
 * @document_id 0 for all; @pending_only to hide decided ones. */
GPtrArray  *kith_suggestions_list   (KithProject    *project,
                                     gint64          document_id,
                                     gboolean        pending_only,
                                     GError        **error);

/* Decides the given pending suggestions, all or none: an id that does not
 * exist or was decided already fails the whole call. */
gboolean    kith_review_accept      (KithProject    *project,
                                     const gint64   *ids,
                                     guint           n_ids,
                                     GError        **error);
gboolean    kith_review_reject      (KithProject    *project,
                                     const gint64   *ids,
                                     guint           n_ids,
                                     GError        **error);
/* Decides every pending suggestion of one rule; returns how many, -1 on
 * error. */
gint64      kith_review_decide_rule (KithProject    *project,
                                     gint64          rule_id,
                                     gboolean        accept,
                                     GError        **error);
/* Undoes the latest review action; @label gets what it was. */
gboolean    kith_review_undo        (KithProject    *project,
                                     char          **label,
                                     GError        **error);

typedef struct
{
  gint64  rule_id;
  char   *code_path;
  char   *pattern;
  char   *note;        /* what the rule looks for, in words; "" when none */
  gint64  hits;        /* suggestions the rule made */
  gint64  accepted;
  gint64  rejected;
  gint64  pending;
  double  precision;   /* accepted / (accepted + rejected); NAN when none decided */
} KithRuleStats;

void        kith_rule_stats_free    (KithRuleStats  *stats);
/* (element-type KithRuleStats) one per rule, in rule order */
GPtrArray  *kith_rules_stats        (KithProject    *project,
                                     GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithSuggestion, kith_suggestion_free)

G_END_DECLS
