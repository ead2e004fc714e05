/* test-summary-choices.c — the summary's filters: choosing, the lists
 * they choose from, a choice that goes away, the offer read from a project */
#include <criterion/criterion.h>

#include "kith-codes.h"
#include "kith-summary-choices.h"
#include "kith-test-util.h"

typedef struct
{
  int changed;
  int options[KITH_SUMMARY_N_CHOICES];
  int notified[KITH_SUMMARY_N_CHOICES];
} Heard;

static void
on_changed (KithSummaryChoices *choices, Heard *heard)
{
  heard->changed++;
}

static void
on_options (KithSummaryChoices *choices, int which, Heard *heard)
{
  heard->options[which]++;
}

static void
on_notify (KithSummaryChoices *choices, GParamSpec *pspec, Heard *heard)
{
  heard->notified[g_str_equal (pspec->name, "goal") ? 0 : g_str_equal (pspec->name, "place") ? 1 : 2]++;
}

static KithSummaryChoices *
listened (Heard *heard)
{
  KithSummaryChoices *choices = kith_summary_choices_new ();

  g_signal_connect (choices, "changed", G_CALLBACK (on_changed), heard);
  g_signal_connect (choices, "options-changed", G_CALLBACK (on_options), heard);
  g_signal_connect (choices, "notify", G_CALLBACK (on_notify), heard);
  return choices;
}

static GPtrArray *
strings (const char *first, ...)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (g_free);
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    g_ptr_array_add (list, g_strdup (s));
  va_end (args);
  return list;
}

static KithSummaryOffer *
offer (GPtrArray *goals, GPtrArray *goal_labels, GPtrArray *places, GPtrArray *periods)
{
  KithSummaryOffer *o = g_new0 (KithSummaryOffer, 1);

  o->area = g_strdup ("West Midlands");
  o->has_barometers = TRUE;
  o->keys[KITH_SUMMARY_CHOICE_GOAL] = goals;
  o->labels[KITH_SUMMARY_CHOICE_GOAL] = goal_labels;
  o->keys[KITH_SUMMARY_CHOICE_PLACE] = places;
  o->keys[KITH_SUMMARY_CHOICE_PERIOD] = periods;
  return o;
}

static const char *
at (GPtrArray *list, guint i)
{
  return g_ptr_array_index (list, i);
}

Test (summary_choices, the_first_offer_fills_every_list)
{
  Heard heard = { 0 };
  g_autoptr(KithSummaryChoices) choices = listened (&heard);
  g_autoptr(KithSummaryOffer) o = offer (strings ("connected", "inclusive", NULL),
                                         strings ("A socially connected region", "An inclusive region", NULL),
                                         strings (NULL, NULL), strings (NULL, NULL));

  cr_assert_eq (kith_summary_choices_get_keys (choices, KITH_SUMMARY_CHOICE_GOAL)->len, 0, "empty before");
  kith_summary_choices_offer (choices, o);
  cr_assert_eq (heard.options[0] + heard.options[1] + heard.options[2], 3, "every list is news the first time");
  cr_assert_eq (heard.changed, 0, "nobody chose");
  cr_assert_str_eq (at (kith_summary_choices_get_labels (choices, KITH_SUMMARY_CHOICE_GOAL), 1), "An inclusive region");
  cr_assert_eq (kith_summary_choices_get_keys (choices, KITH_SUMMARY_CHOICE_PLACE)->len, 0);
  cr_assert_str_eq (kith_summary_choices_get_area (choices), "West Midlands");
  cr_assert (kith_summary_choices_has_barometers (choices));

  kith_summary_choices_offer (choices, o);
  cr_assert_eq (heard.options[0] + heard.options[1] + heard.options[2], 3, "the same lists again: no news");
}

Test (summary_choices, choosing_by_key_and_by_row)
{
  Heard heard = { 0 };
  g_autoptr(KithSummaryChoices) choices = listened (&heard);
  g_autoptr(KithSummaryOffer) o = offer (strings ("connected", "inclusive", NULL), strings ("C", "I", NULL),
                                         strings ("Dudley", "Walsall", NULL), strings ("2021", "2023", NULL));
  g_autofree char *place = NULL;

  kith_summary_choices_offer (choices, o);
  cr_assert (kith_summary_choices_set_position (choices, KITH_SUMMARY_CHOICE_GOAL, 2));
  cr_assert_str_eq (kith_summary_choices_get (choices, KITH_SUMMARY_CHOICE_GOAL), "inclusive", "row 0 is “all”");
  cr_assert_eq (kith_summary_choices_get_position (choices, KITH_SUMMARY_CHOICE_GOAL), 2);
  cr_assert_eq (heard.changed, 1);
  cr_assert_eq (heard.notified[0], 1);
  cr_assert_not (kith_summary_choices_set (choices, KITH_SUMMARY_CHOICE_GOAL, "inclusive"), "the same choice");
  cr_assert_eq (heard.changed, 1);
  cr_assert_eq (heard.notified[0], 1);

  g_object_set (choices, "place", "Walsall", NULL);
  g_object_get (choices, "place", &place, NULL);
  cr_assert_str_eq (place, "Walsall");
  cr_assert_eq (kith_summary_choices_get_position (choices, KITH_SUMMARY_CHOICE_PLACE), 2);
  cr_assert_eq (heard.changed, 2);

  cr_assert (kith_summary_choices_set_position (choices, KITH_SUMMARY_CHOICE_PERIOD, 1));
  cr_assert_str_eq (kith_summary_choices_get (choices, KITH_SUMMARY_CHOICE_PERIOD), "2021");
  cr_assert (kith_summary_choices_set_position (choices, KITH_SUMMARY_CHOICE_PERIOD, 9));
  cr_assert_null (kith_summary_choices_get (choices, KITH_SUMMARY_CHOICE_PERIOD), "past the end: all");
  cr_assert_eq (kith_summary_choices_get_position (choices, KITH_SUMMARY_CHOICE_PERIOD), 0);
  cr_assert_eq (heard.changed, 4);
}

Test (summary_choices, a_choice_no_longer_offered_becomes_all)
{
  Heard heard = { 0 };
  g_autoptr(KithSummaryChoices) choices = listened (&heard);
  g_autoptr(KithSummaryOffer) before = offer (strings ("connected", "inclusive", NULL), strings ("C", "I", NULL),
                                              strings ("Dudley", "Walsall", NULL), strings (NULL, NULL));
  g_autoptr(KithSummaryOffer) after = offer (strings ("connected", NULL), strings ("C", NULL),
                                             strings ("Dudley", "Sandwell", "Walsall", NULL), strings (NULL, NULL));

  kith_summary_choices_offer (choices, before);
  kith_summary_choices_set (choices, KITH_SUMMARY_CHOICE_GOAL, "inclusive");
  kith_summary_choices_set (choices, KITH_SUMMARY_CHOICE_PLACE, "Walsall");
  memset (&heard, 0, sizeof heard);

  kith_summary_choices_offer (choices, after);
  cr_assert_eq (heard.options[KITH_SUMMARY_CHOICE_GOAL], 1);
  cr_assert_eq (heard.options[KITH_SUMMARY_CHOICE_PLACE], 1);
  cr_assert_eq (heard.options[KITH_SUMMARY_CHOICE_PERIOD], 0, "the periods did not change");
  cr_assert_null (kith_summary_choices_get (choices, KITH_SUMMARY_CHOICE_GOAL), "its codes went: all goals");
  cr_assert_eq (heard.notified[KITH_SUMMARY_CHOICE_GOAL], 1);
  cr_assert_str_eq (kith_summary_choices_get (choices, KITH_SUMMARY_CHOICE_PLACE), "Walsall", "still offered");
  cr_assert_eq (kith_summary_choices_get_position (choices, KITH_SUMMARY_CHOICE_PLACE), 3, "at its new row");
  cr_assert_eq (heard.notified[KITH_SUMMARY_CHOICE_PLACE], 0);
  cr_assert_eq (heard.changed, 0, "nobody chose");
  cr_assert_str_eq (at (kith_summary_choices_get_labels (choices, KITH_SUMMARY_CHOICE_PLACE), 1), "Sandwell",
                    "a place reads as its key");
}

Test (summary_choices, the_offer_of_a_project)
{
  g_autofree char *path = NULL;
  g_autoptr(KithProject) project = kt_new_project (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithSummaryPick) all = NULL;
  g_autoptr(KithSummaryPick) gone = NULL;
  g_autoptr(KithSummaryPick) one = NULL;
  const char *text = "Shabana: I know who to ask at the Smethwick hub now. I belong on this street.\n";
  gint64 doc = kt_import_text (project, "smethwick.txt", text);
  gint64 know = kt_framework_code (project, "Think/Know support", "connected", "think", "know-support");
  gint64 belong = kt_framework_code (project, "Feel/Belonging", "inclusive", "feel", "belonging");
  GPtrArray *goals;

  kt_code_text (project, doc, text, "I know who to ask at the Smethwick hub now.", know);
  kt_code_text (project, doc, text, "I belong on this street.", belong);
  all = kith_summary_pick_read (project, NULL, NULL, NULL, &error);
  cr_assert_not_null (all, "%s", error ? error->message : "");
  goals = all->offer->keys[KITH_SUMMARY_CHOICE_GOAL];
  cr_assert_eq (goals->len, 2);
  cr_assert_str_eq (at (goals, 0), "connected");
  cr_assert_str_eq (at (goals, 1), "inclusive");
  cr_assert_eq (all->offer->labels[KITH_SUMMARY_CHOICE_GOAL]->len, 2);
  cr_assert_not (all->offer->has_barometers);
  cr_assert_eq (all->offer->keys[KITH_SUMMARY_CHOICE_PERIOD]->len, 0, "no barometers: no periods");
  cr_assert_eq (all->summary->count.n_extracts, 2);
  cr_assert_null (all->summary->goal);

  one = kith_summary_pick_read (project, "inclusive", NULL, NULL, &error);
  cr_assert_not_null (one, "%s", error ? error->message : "");
  cr_assert_str_eq (one->summary->goal, "inclusive");
  cr_assert_eq (one->summary->count.n_extracts, 1);
  cr_assert_eq (one->offer->keys[KITH_SUMMARY_CHOICE_GOAL]->len, 2, "the offer is the whole project's");

  gone = kith_summary_pick_read (project, "supportive", NULL, NULL, &error);
  cr_assert_not_null (gone, "%s", error ? error->message : "");
  cr_assert_null (gone->summary->goal, "a goal not offered falls back to all");
  cr_assert_eq (gone->summary->count.n_extracts, 2);
}
