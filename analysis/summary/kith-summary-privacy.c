/* kith-summary-privacy.c — a summary with its residents' names and details
 * replaced
 *
 * Done on the computed summary, before any renderer lays it out, so that
 * every format (and the outline's composed sentences, which quote these
 * strings) is pseudonymised alike and no markup is ever touched.
 */
#include "kith-summary.h"

static void
quotes (GPtrArray *list, KithPseudonymiser *p)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      KithSummaryQuote *q = g_ptr_array_index (list, i);

      kith_pseudonymiser_apply_in_place (p, &q->text);
      kith_pseudonymiser_apply_in_place (p, &q->attribution);
      kith_pseudonymiser_apply_in_place (p, &q->attribution_english);
      kith_pseudonymiser_apply_in_place (p, &q->document);
    }
}

static void
evidence (GPtrArray *list, KithPseudonymiser *p)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    quotes (((KithSummaryEvidence *) g_ptr_array_index (list, i))->quotes, p);
}

void
kith_summary_pseudonymise (KithSummary       *summary,
                           KithPseudonymiser *p)
{
  kith_pseudonymiser_apply_in_place (p, &summary->project);
  kith_pseudonymiser_apply_in_place (p, &summary->title);
  for (guint g = 0; g < summary->goals->len; g++)
    {
      KithSummaryGoal *goal = g_ptr_array_index (summary->goals, g);

      evidence (goal->outcomes, p);
      quotes (goal->voices, p);
      for (guint b = 0; goal->barometers != NULL && b < goal->barometers->len; b++)
        evidence (((KithSummaryBarometer *) g_ptr_array_index (goal->barometers, b))->linked, p);
    }
  for (guint c = 0; summary->method != NULL && summary->method->coders != NULL && c < summary->method->coders->len; c++)
    kith_pseudonymiser_apply_in_place (p, &((KithSummaryCoder *) g_ptr_array_index (summary->method->coders, c))->name);
}
