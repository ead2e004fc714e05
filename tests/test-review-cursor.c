/* test-review-cursor.c — the suggestion under review: text order, steps
 * from the caret, on after a decision, back after its undo, on past one
 * another writer decided */
#include <criterion/criterion.h>

#include "kith-codes.h"
#include "kith-error.h"
#include "kith-review-cursor.h"
#include "kith-rule-store.h"
#include "kith-suggest.h"
#include "kith-test-util.h"

#define TEXT "At Wednesbury library I feel safe. Before that Gurpreet was lonely. I feel safe at the market too.\n"

typedef struct
{
  KithProject      *project;
  char             *path;
  gint64            doc;
  KithReviewCursor *cursor;
  int               changed;
  int               revealed;
  int               current_notified;
  int               n_notified;
} Fixture;

static void
on_changed (KithReviewCursor *cursor, gboolean reveal, Fixture *f)
{
  f->changed++;
  f->revealed += reveal;
}

static void
on_notify (KithReviewCursor *cursor, GParamSpec *pspec, Fixture *f)
{
  if (g_str_equal (pspec->name, "current"))
    f->current_notified++;
  else if (g_str_equal (pspec->name, "n-pending"))
    f->n_notified++;
}

static void
fixture_init (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  KithRuleDef safe = { .code_path = "Feel/Safe", .pattern = "\\bfeel safe\\b", .scope = KITH_SCOPE_SENTENCE };
  KithRuleDef lonely = { .code_path = "Feel/Lonely", .pattern = "\\blonely\\b", .scope = KITH_SCOPE_MATCH };

  f->project = kt_new_project (&f->path);
  f->doc = kt_import_text (f->project, "wednesbury.txt", TEXT);
  kith_codes_ensure_path (f->project, "Feel/Safe", &error);
  kith_codes_ensure_path (f->project, "Feel/Lonely", &error);
  cr_assert_neq (kith_rules_add (f->project, &safe, NULL, &error), 0);
  cr_assert_neq (kith_rules_add (f->project, &lonely, NULL, &error), 0);
  cr_assert (kith_suggest_run (f->project, NULL, NULL, NULL, NULL, NULL, NULL, &error), "%s",
             error ? error->message : "");
  f->cursor = kith_review_cursor_new ();
  g_signal_connect (f->cursor, "changed", G_CALLBACK (on_changed), f);
  g_signal_connect (f->cursor, "notify", G_CALLBACK (on_notify), f);
  cr_assert (kith_review_cursor_reload (f->cursor, f->project, f->doc, &error), "%s", error ? error->message : "");
}

static void
fixture_clear (Fixture *f)
{
  g_clear_object (&f->cursor);
  g_clear_object (&f->project);
  g_free (f->path);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fixture, fixture_clear)

static gint64
start_of (Fixture *f)
{
  KithSuggestion *s = kith_review_cursor_get_current (f->cursor);

  return s != NULL ? s->start : -1;
}

static void
reload (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  cr_assert (kith_review_cursor_reload (f->cursor, f->project, f->doc, &error), "%s", error ? error->message : "");
}

Test (review_cursor, reads_the_pending_ones_in_text_order)
{
  g_auto (Fixture) f = { 0 };
  GPtrArray *pending;

  fixture_init (&f);
  pending = kith_review_cursor_get_pending (f.cursor);
  cr_assert_eq (pending->len, 3);
  cr_assert_eq (kith_review_cursor_get_n_pending (f.cursor), 3);
  cr_assert_eq (((KithSuggestion *) g_ptr_array_index (pending, 0))->start, 0);
  cr_assert_eq (((KithSuggestion *) g_ptr_array_index (pending, 0))->end, 34, "the sentence, end exclusive");
  cr_assert_eq (((KithSuggestion *) g_ptr_array_index (pending, 1))->start, kt_offset_of (TEXT, "lonely"));
  cr_assert_eq (((KithSuggestion *) g_ptr_array_index (pending, 1))->end, kt_offset_of (TEXT, "lonely") + 6);
  cr_assert_eq (((KithSuggestion *) g_ptr_array_index (pending, 2))->start, kt_offset_of (TEXT, "I feel safe at"));
  cr_assert_eq (kith_review_cursor_get_document (f.cursor), f.doc);
  cr_assert_eq (kith_review_cursor_get_current_id (f.cursor), 0, "nothing is chosen by reading");
  cr_assert_eq (kith_review_cursor_get_position (f.cursor), -1);
  cr_assert_eq (f.changed, 1);
  cr_assert_eq (f.revealed, 0);
  cr_assert_eq (f.n_notified, 1, "n-pending went from 0 to 3");
  cr_assert_eq (f.current_notified, 0);
}

Test (review_cursor, steps_from_the_caret_then_round_the_ends)
{
  g_auto (Fixture) f = { 0 };
  gint64 before = kt_offset_of (TEXT, "Before");

  fixture_init (&f);
  cr_assert (kith_review_cursor_step (f.cursor, 1, before));
  cr_assert_eq (start_of (&f), kt_offset_of (TEXT, "lonely"), "the nearest from the caret on");
  cr_assert_eq (kith_review_cursor_get_position (f.cursor), 1);
  cr_assert (kith_review_cursor_step (f.cursor, 1, 0));
  cr_assert_eq (kith_review_cursor_get_position (f.cursor), 2);
  cr_assert (kith_review_cursor_step (f.cursor, 1, 0));
  cr_assert_eq (kith_review_cursor_get_position (f.cursor), 0, "after the last, the first");
  cr_assert (kith_review_cursor_step (f.cursor, -1, 0));
  cr_assert_eq (kith_review_cursor_get_position (f.cursor), 2, "before the first, the last");
  cr_assert_eq (f.current_notified, 4);
  cr_assert_eq (f.revealed, 4, "each step brings the one into sight");

  kith_review_cursor_forget (f.cursor);
  reload (&f);
  cr_assert (kith_review_cursor_step (f.cursor, -1, before));
  cr_assert_eq (kith_review_cursor_get_position (f.cursor), 0, "backwards: the nearest before the caret");
}

Test (review_cursor, a_decision_moves_on_and_its_undo_comes_back)
{
  g_auto (Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  gint64 first;

  fixture_init (&f);
  cr_assert (kith_review_cursor_choose_first (f.cursor));
  cr_assert_not (kith_review_cursor_choose_first (f.cursor), "one is chosen already");
  first = kith_review_cursor_get_current_id (f.cursor);
  cr_assert (kith_review_cursor_decide (f.cursor, f.project, TRUE, &error), "%s", error ? error->message : "");
  cr_assert_eq (kith_review_cursor_get_current_id (f.cursor), first, "it moves when the change is heard");
  f.revealed = 0;
  reload (&f);
  cr_assert_eq (kith_review_cursor_get_n_pending (f.cursor), 2);
  cr_assert_eq (start_of (&f), kt_offset_of (TEXT, "lonely"), "on to the next in text order");
  cr_assert_eq (f.revealed, 1);

  cr_assert (kith_review_undo (f.project, &label, &error), "%s", error ? error->message : "");
  reload (&f);
  cr_assert_eq (kith_review_cursor_get_n_pending (f.cursor), 3);
  cr_assert_eq (kith_review_cursor_get_current_id (f.cursor), first, "back to the one whose decision was undone");
  cr_assert_eq (kith_review_cursor_get_position (f.cursor), 0);
}

Test (review_cursor, another_writer_decides_the_current_one)
{
  g_auto (Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(KithProject) other = NULL;
  g_autofree char *label = NULL;
  gint64 lonely;

  fixture_init (&f);
  cr_assert (kith_review_cursor_step (f.cursor, 1, kt_offset_of (TEXT, "Before")));
  lonely = kith_review_cursor_get_current_id (f.cursor);
  other = kith_project_open (f.path, KITH_OPEN_DEFAULT, &error);
  cr_assert_not_null (other, "%s", error ? error->message : "");
  cr_assert (kith_review_reject (other, &lonely, 1, &error), "%s", error ? error->message : "");
  reload (&f);
  cr_assert_eq (start_of (&f), kt_offset_of (TEXT, "I feel safe at"), "on past it, in text order");

  /* the other writer takes it back: it is the one pending again */
  cr_assert (kith_review_undo (other, &label, &error), "%s", error ? error->message : "");
  kith_review_cursor_forget (f.cursor);
  reload (&f);
  cr_assert_eq (kith_review_cursor_get_current_id (f.cursor), 0, "another document read afresh: none chosen");
  cr_assert (kith_review_reject (other, &lonely, 1, &error));
  reload (&f);
  g_clear_pointer (&label, g_free);
  cr_assert (kith_review_undo (other, &label, &error));
  reload (&f);
  cr_assert_eq (kith_review_cursor_get_current_id (f.cursor), lonely, "the one that came back is chosen");
}

Test (review_cursor, nothing_to_decide)
{
  g_auto (Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;

  fixture_init (&f);
  cr_assert_not (kith_review_cursor_decide (f.cursor, f.project, TRUE, &error));
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_NOT_FOUND));
  cr_assert_str_eq (error->message, "No suggestion is under review");
  cr_assert_eq (kith_review_cursor_accept_rule (f.cursor, f.project, NULL), -1);

  kith_review_cursor_forget (f.cursor);
  cr_assert_eq (kith_review_cursor_get_n_pending (f.cursor), 0);
  cr_assert_eq (kith_review_cursor_get_document (f.cursor), 0);
  cr_assert_not (kith_review_cursor_step (f.cursor, 1, 0), "nothing to step to");
  reload (&f);
  cr_assert (kith_review_cursor_reload (f.cursor, f.project, 0, &error), "document 0: none");
  cr_assert_eq (kith_review_cursor_get_n_pending (f.cursor), 0);
}

Test (review_cursor, accept_the_rule)
{
  g_auto (Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;

  fixture_init (&f);
  cr_assert (kith_review_cursor_choose_first (f.cursor));
  cr_assert_eq (kith_review_cursor_accept_rule (f.cursor, f.project, &error), 2, "both “feel safe” sentences");
  reload (&f);
  cr_assert_eq (kith_review_cursor_get_n_pending (f.cursor), 1);
  cr_assert_eq (start_of (&f), kt_offset_of (TEXT, "lonely"));
}
