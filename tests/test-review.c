/* test-review.c — accept, reject, by rule, undo, statistics; kith-cli review */
#include <criterion/criterion.h>
#include <math.h>
#include <string.h>

#include "kith-code-edit.h"
#include "kith-codes.h"
#include "kith-codings.h"
#include "kith-history.h"
#include "kith-review.h"
#include "kith-rule-store.h"
#include "kith-suggest.h"
#include "kith-test-util.h"

typedef struct
{
  KithProject *project;
  char        *path;
  gint64       safe_rule;
  gint64       lonely_rule;
  GPtrArray   *pending;   /* KithSuggestion, in text order */
} Fixture;

static void
fixture_init (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  KithRuleDef safe = { .code_path = "Feel/Safe", .pattern = "\\bfeel safe\\b", .scope = KITH_SCOPE_SENTENCE };
  KithRuleDef lonely = { .code_path = "Feel/Lonely", .pattern = "\\blonely\\b", .scope = KITH_SCOPE_MATCH };

  f->project = kt_new_project (&f->path);
  kt_import_text (f->project, "walsall.txt",
                  "I feel safe at the mosque. I was lonely. I feel safe with friends.\n"
                  "Lonely evenings. I feel safe now. Still lonely.\n");
  kith_codes_ensure_path (f->project, "Feel/Safe", &error);
  kith_codes_ensure_path (f->project, "Feel/Lonely", &error);
  f->safe_rule = kith_rules_add (f->project, &safe, NULL, &error);
  f->lonely_rule = kith_rules_add (f->project, &lonely, NULL, &error);
  cr_assert (kith_suggest_run (f->project, NULL, NULL, NULL, NULL, NULL, NULL, &error), "%s", error ? error->message : "");
  f->pending = kith_suggestions_list (f->project, 0, TRUE, &error);
  cr_assert_eq (f->pending->len, 6);
}

static void
fixture_clear (Fixture *f)
{
  g_clear_object (&f->project);
  g_free (f->path);
  g_clear_pointer (&f->pending, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fixture, fixture_clear)

static gint64
id_of (Fixture *f, guint i)
{
  return ((KithSuggestion *) g_ptr_array_index (f->pending, i))->id;
}

static KithRuleStats *
stats_of (GPtrArray *stats, gint64 rule)
{
  for (guint i = 0; i < stats->len; i++)
    if (((KithRuleStats *) g_ptr_array_index (stats, i))->rule_id == rule)
      return g_ptr_array_index (stats, i);
  cr_assert_fail ("no statistics for rule %" G_GINT64_FORMAT, rule);
  return NULL;
}

Test (review, accept_makes_a_rule_coding_reject_is_remembered)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GPtrArray) all = NULL;
  KithSuggestion *first;
  gint64 ids[2];

  fixture_init (&f);
  first = g_ptr_array_index (f.pending, 0);
  cr_assert_str_eq (first->code_path, "Feel/Safe");
  cr_assert_eq (first->start, 0);
  cr_assert_eq (first->end, 26);
  ids[0] = id_of (&f, 0);
  ids[1] = id_of (&f, 1);
  cr_assert (kith_review_accept (f.project, ids, 2, &error), "%s", error ? error->message : "");
  codings = kith_codings_list (f.project, 0, &error);
  cr_assert_eq (codings->len, 2);
  cr_assert_str_eq (((KithCoding *) g_ptr_array_index (codings, 0))->origin, "rule");
  cr_assert_str_eq (((KithCoding *) g_ptr_array_index (codings, 0))->coder, "Test Coder");
  cr_assert_eq (((KithCoding *) g_ptr_array_index (codings, 0))->start, 0);
  cr_assert_eq (((KithCoding *) g_ptr_array_index (codings, 0))->end, 26);

  ids[0] = id_of (&f, 2);
  cr_assert (kith_review_reject (f.project, ids, 1, &error));
  all = kith_suggestions_list (f.project, 0, FALSE, &error);
  cr_assert_eq (((KithSuggestion *) g_ptr_array_index (all, 0))->status, KITH_SUGGESTION_ACCEPTED);
  cr_assert_eq (((KithSuggestion *) g_ptr_array_index (all, 0))->coding_id,
                ((KithCoding *) g_ptr_array_index (codings, 0))->id);
  cr_assert_eq (((KithSuggestion *) g_ptr_array_index (all, 2))->status, KITH_SUGGESTION_REJECTED);
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM suggestions WHERE status = 'rejected' "
                                     "AND decided IS NOT NULL AND decided_by IS NOT NULL"), 1);

  /* a decided suggestion cannot be decided again, and nothing else changes */
  ids[1] = id_of (&f, 3);
  cr_assert_not (kith_review_accept (f.project, ids, 2, &error));
  cr_assert (strstr (error->message, "was rejected already") != NULL, "%s", error->message);
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM suggestions WHERE status = 'pending'"), 3);
  g_clear_error (&error);
  ids[0] = 9999;
  cr_assert_not (kith_review_reject (f.project, ids, 1, &error));
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_NOT_FOUND));

  /* removing the coding later keeps the decision */
  cr_assert (kith_codings_remove (f.project, ((KithCoding *) g_ptr_array_index (codings, 0))->id, NULL));
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM suggestions WHERE status = 'accepted' AND coding_id IS NULL"), 1);
}

Test (review, by_rule_and_statistics)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) stats = NULL;
  KithRuleStats *safe, *lonely;
  gint64 first = 0;

  fixture_init (&f);
  for (guint i = 0; i < f.pending->len; i++)
    if (((KithSuggestion *) g_ptr_array_index (f.pending, i))->rule_id == f.safe_rule)
      {
        first = id_of (&f, i);
        break;
      }
  cr_assert (kith_review_reject (f.project, &first, 1, &error));
  cr_assert_eq (kith_review_decide_rule (f.project, f.safe_rule, TRUE, &error), 2);
  cr_assert_eq (kith_review_decide_rule (f.project, f.safe_rule, TRUE, &error), 0);
  cr_assert_eq (kith_review_decide_rule (f.project, 777, TRUE, &error), -1);
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_NOT_FOUND));

  stats = kith_rules_stats (f.project, NULL);
  safe = stats_of (stats, f.safe_rule);
  lonely = stats_of (stats, f.lonely_rule);
  cr_assert_str_eq (safe->code_path, "Feel/Safe");
  cr_assert_eq (safe->hits, 3);
  cr_assert_eq (safe->accepted, 2);
  cr_assert_eq (safe->rejected, 1);
  cr_assert_eq (safe->pending, 0);
  cr_assert_float_eq (safe->precision, 2.0 / 3.0, 1e-9);
  cr_assert_eq (lonely->hits, 3);
  cr_assert_eq (lonely->pending, 3);
  cr_assert (isnan (lonely->precision));
  cr_assert_eq (kith_review_decide_rule (f.project, f.lonely_rule, FALSE, &error), 3);
  g_ptr_array_unref (stats);
  stats = kith_rules_stats (f.project, NULL);
  cr_assert_float_eq (stats_of (stats, f.lonely_rule)->precision, 0.0, 1e-9);
}

Test (review, undo_takes_back_the_latest_review_decision)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *label2 = NULL;
  gint64 id;

  fixture_init (&f);
  id = id_of (&f, 0);
  cr_assert (kith_review_accept (f.project, &id, 1, &error));
  cr_assert_eq (kith_review_decide_rule (f.project, f.lonely_rule, FALSE, &error), 3);
  /* an action of another kind in between */
  cr_assert_neq (kith_codes_add_path (f.project, "Do/Volunteer", NULL, NULL, &error), 0);

  cr_assert (kith_review_undo (f.project, &label, &error), "%s", error ? error->message : "");
  cr_assert_str_eq (label, "Reject the 3 suggestions of rule 2");
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM suggestions WHERE status = 'pending' AND decided IS NULL"), 5);
  cr_assert_neq (kith_codes_find_path (f.project, "Do/Volunteer", NULL), 0, "the other action stays");

  cr_assert (kith_review_undo (f.project, &label2, &error));
  cr_assert_str_eq (label2, "Accept suggestion 1");
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM codings"), 0);
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM suggestions WHERE status = 'pending'"), 6);
  g_clear_error (&error);
  cr_assert_not (kith_review_undo (f.project, NULL, &error));
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_NOT_FOUND));
  /* and redo, through the general history */
  g_clear_error (&error);
  cr_assert (kith_history_redo (f.project, "review", NULL, &error));
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM codings WHERE origin = 'rule'"), 1);
}

Test (review, deleting_a_code_takes_its_rules_and_suggestions_and_undo_brings_them_back)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 feel, id;

  fixture_init (&f);
  id = id_of (&f, 0);
  cr_assert (kith_review_accept (f.project, &id, 1, &error));
  feel = kith_codes_find_path (f.project, "Feel", &error);
  cr_assert_eq (kith_codes_count_codings (f.project, feel, &error), 1);
  cr_assert_eq (kith_codes_count_descendants (f.project, feel, &error), 2);
  {
    gint64 n_codings = 0;
    cr_assert (kith_code_edit_delete (f.project, feel, &n_codings, &error), "%s", error ? error->message : "");
    cr_assert_eq (n_codings, 1);
  }
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM codes"), 0);
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM codings"), 0);
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM rules"), 0);
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM suggestions"), 0);

  cr_assert (kith_history_undo (f.project, "codebook", NULL, &error), "%s", error ? error->message : "");
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM codes"), 3);
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM codings"), 1);
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM rules"), 2);
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM suggestions"), 6);
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM suggestions s JOIN codings c ON c.id = s.coding_id"), 1);
}

Test (review, cli_list_accept_reject_undo_and_stats)
{
  g_auto(Fixture) f = { 0 };
  g_autofree char *list = NULL;
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *stats = NULL;
  g_autofree char *undo = NULL;
  g_autofree char *rule_ref = NULL;

  fixture_init (&f);
  g_clear_object (&f.project);
  cr_assert_eq (kt_cli (&list, NULL, "review", "list", f.path, "--format", "tsv", NULL), 0);
  cr_assert (g_str_has_prefix (list, "1\twalsall.txt\tFeel/Safe\t0\t26\t1\tpending\n"), "%s", list);
  cr_assert_eq (kt_cli (&text, NULL, "review", "list", f.path, NULL), 0);
  cr_assert (strstr (text, "“I feel safe at the mosque.”") != NULL, "%s", text);

  cr_assert_eq (kt_cli (&out, NULL, "review", "accept", f.path, "1", "3", NULL), 0);
  cr_assert_str_eq (out, "accepted 2 suggestions\n");
  g_clear_pointer (&out, g_free);
  rule_ref = g_strdup_printf ("%" G_GINT64_FORMAT, f.lonely_rule);
  cr_assert_eq (kt_cli (&out, NULL, "review", "reject", f.path, "--rule", rule_ref, NULL), 0);
  cr_assert_str_eq (out, "rejected 3 suggestions of rule 2\n");
  cr_assert_eq (kt_cli (NULL, &err, "review", "accept", f.path, "1", NULL), 1);
  cr_assert (strstr (err, "suggestion 1 was accepted already") != NULL, "%s", err);
  /* usage: ids or --rule, not both, not neither; ids are numbers */
  cr_assert_eq (kt_cli (NULL, NULL, "review", "accept", f.path, NULL), 2);
  cr_assert_eq (kt_cli (NULL, NULL, "review", "accept", f.path, "2", "--rule", "1", NULL), 2);
  cr_assert_eq (kt_cli (NULL, NULL, "review", "reject", f.path, "two", NULL), 2);
  cr_assert_eq (kt_cli (NULL, NULL, "review", "list", f.path, "--format", "xml", NULL), 2);

  cr_assert_eq (kt_cli (&stats, NULL, "rules", "stats", f.path, NULL), 0);
  cr_assert_str_eq (stats, "1\tFeel/Safe\t3\t2\t0\t1\t1.00\t\\bfeel safe\\b\n"
                           "2\tFeel/Lonely\t3\t0\t3\t0\t0.00\t\\blonely\\b\n");
  cr_assert_eq (kt_cli (&undo, NULL, "review", "undo", f.path, NULL), 0);
  cr_assert_str_eq (undo, "undone: Reject the 3 suggestions of rule 2\n");
}

Test (review, dropping_a_noisy_rule_keeps_its_decisions)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *ref = NULL;
  g_autofree char *err = NULL;
  gint64 id;

  fixture_init (&f);
  id = id_of (&f, 1);   /* the first “lonely” */
  cr_assert (kith_review_reject (f.project, &id, 1, &error));
  g_clear_object (&f.project);
  ref = g_strdup_printf ("%" G_GINT64_FORMAT, f.lonely_rule);
  cr_assert_eq (kt_cli (NULL, NULL, "rules", "delete", f.path, ref, NULL), 0);
  cr_assert_eq (kt_cli (NULL, &err, "rules", "delete", f.path, ref, NULL), 1);
  cr_assert (strstr (err, "there is no rule 2") != NULL, "%s", err);
  cr_assert_eq (kt_cli (NULL, NULL, "rules", "delete", f.path, "x", NULL), 2);
  f.project = kith_project_open (f.path, KITH_OPEN_DEFAULT, &error);
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM rules"), 1);
  /* the pending ones are gone, the rejection stays and still blocks */
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM suggestions WHERE code_id = (SELECT id FROM codes WHERE name = 'Lonely')"), 1);
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM suggestions WHERE status = 'rejected' AND rule_id IS NULL"), 1);
  cr_assert (kith_history_undo (f.project, "codebook", NULL, &error), "%s", error ? error->message : "");
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM suggestions WHERE rule_id = 2"), 3);
}
