/* kith-summary-choices.h — what the summary is filtered by, and what the
 * project offers to filter by
 *
 * KithSummaryChoices holds the summary view's three filters (goal, place,
 * period; NULL is “all”) and the lists they choose from. A view binds to
 * it: "notify::goal" and the others when a choice changes for any reason,
 * "options-changed" when a list changes, "changed" when someone chose
 * (kith_summary_choices_set…): the summary wanted now is another one.
 */
#pragma once

#include <glib-object.h>

#include "kith-project.h"
#include "kith-summary.h"

G_BEGIN_DECLS

typedef enum {
  KITH_SUMMARY_CHOICE_GOAL,
  KITH_SUMMARY_CHOICE_PLACE,
  KITH_SUMMARY_CHOICE_PERIOD,
  KITH_SUMMARY_N_CHOICES,
} KithSummaryChoice;

/* What a project offers to choose from, whatever is chosen. */
typedef struct
{
  gboolean   has_barometers;
  char      *area;             /* the region, unfiltered */
  GPtrArray *keys[KITH_SUMMARY_N_CHOICES];    /* (element-type utf8) */
  GPtrArray *labels[KITH_SUMMARY_N_CHOICES];  /* what users read: the goals' labels, else the keys */
} KithSummaryOffer;

/* A summary as chosen, and the offer beside it. */
typedef struct
{
  KithSummary      *summary;
  KithSummaryOffer *offer;
} KithSummaryPick;

void             kith_summary_offer_free (KithSummaryOffer *offer);
void             kith_summary_pick_free  (KithSummaryPick  *pick);
/* Reads the offer from the whole project and computes the summary for
 * @goal, @place and @period (each NULL for all; a goal no longer offered
 * falls back to all). Owned by the caller. */
KithSummaryPick *kith_summary_pick_read  (KithProject      *project,
                                          const char       *goal,
                                          const char       *place,
                                          const char       *period,
                                          GError          **error);

#define KITH_TYPE_SUMMARY_CHOICES (kith_summary_choices_get_type ())
G_DECLARE_FINAL_TYPE (KithSummaryChoices, kith_summary_choices, KITH, SUMMARY_CHOICES, GObject)

KithSummaryChoices *kith_summary_choices_new           (void);
/* The chosen key, NULL for all. */
const char         *kith_summary_choices_get           (KithSummaryChoices *self,
                                                        KithSummaryChoice   which);
/* Someone chose @key (NULL: all): notifies and emits "changed" when it is
 * another choice. Returns whether it was. */
gboolean            kith_summary_choices_set           (KithSummaryChoices *self,
                                                        KithSummaryChoice   which,
                                                        const char         *key);
/* The choice as a row of a list that starts with “all”: 0 for all, else
 * 1 + the key's index. */
guint               kith_summary_choices_get_position  (KithSummaryChoices *self,
                                                        KithSummaryChoice   which);
gboolean            kith_summary_choices_set_position  (KithSummaryChoices *self,
                                                        KithSummaryChoice   which,
                                                        guint               position);
/* Borrowed; empty before the first offer. */
GPtrArray          *kith_summary_choices_get_keys      (KithSummaryChoices *self,
                                                        KithSummaryChoice   which);
GPtrArray          *kith_summary_choices_get_labels    (KithSummaryChoices *self,
                                                        KithSummaryChoice   which);
const char         *kith_summary_choices_get_area      (KithSummaryChoices *self);
gboolean            kith_summary_choices_has_barometers (KithSummaryChoices *self);
/* A new offer (copied): each list that differs is replaced and
 * "options-changed" says which; a choice no longer offered becomes all
 * (notified, but not "changed": nobody chose). */
void                kith_summary_choices_offer         (KithSummaryChoices     *self,
                                                        const KithSummaryOffer *offer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithSummaryOffer, kith_summary_offer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithSummaryPick, kith_summary_pick_free)

G_END_DECLS
