/* test-history.c — undo and redo kept in the project */
#include <criterion/criterion.h>
#include <string.h>

#include "kith-codes.h"
#include "kith-codings.h"
#include "kith-db-private.h"
#include "kith-history.h"
#include "kith-import.h"
#include "kith-test-util.h"

typedef struct
{
  KithProject *project;
  char        *path;
  gint64       doc;
  gint64       safe;
  gint64       lonely;
} Fixture;

static void
fixture_init (Fixture *f)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "walsall.txt", NULL);
  g_autoptr(KithImportResult) r = NULL;
  g_autoptr(GError) error = NULL;

  f->project = kt_new_project (&f->path);
  kt_write_file (file, "Interviewer: How is it?\nAmina: I feel safe here but lonely at night.\n"
                       "Interviewer: Why?\nAmina: My family are in Lahore.\n", -1);
  r = kith_import_file (f->project, file, NULL);
  cr_assert_eq (r->status, KITH_IMPORT_IMPORTED);
  f->doc = r->document_id;
  f->safe = kith_codes_add_path (f->project, "Feel/Safe", NULL, NULL, &error);
  f->lonely = kith_codes_add_path (f->project, "Feel/Lonely", NULL, NULL, &error);
  cr_assert (f->safe > 0 && f->lonely > 0);
}

static void
fixture_clear (Fixture *f)
{
  g_clear_object (&f->project);
  g_free (f->path);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fixture, fixture_clear)

static gint64
codings (Fixture *f)
{
  return kt_count (f->project, "SELECT count(*) FROM codings");
}

Test (history, undo_and_redo_a_coding)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autofree char *again = NULL;
  g_autofree char *peek = NULL;
  gint64 id;

  fixture_init (&f);
  id = kith_codings_add (f.project, f.doc, f.safe, 31, 42, "memo", KITH_ORIGIN_MANUAL, &error);
  cr_assert_neq (id, 0);
  peek = kith_history_peek_undo (f.project, NULL);
  cr_assert_str_eq (peek, "Code “Feel/Safe”");
  cr_assert (kith_history_undo (f.project, NULL, &label, &error), "%s", error ? error->message : "");
  cr_assert_str_eq (label, "Code “Feel/Safe”");
  cr_assert_eq (codings (&f), 0);
  cr_assert (kith_history_redo (f.project, NULL, &again, &error), "%s", error ? error->message : "");
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM codings WHERE id = (SELECT max (id) FROM codings) "
                                     "AND start_pos = 31 AND end_pos = 42 AND memo = 'memo'"), 1);
  {
    g_autoptr(KithCoding) back = kith_codings_get (f.project, id, &error);
    cr_assert_not_null (back, "redo restores the same row");
  }
}

Test (history, memo_and_span_edits_undo_in_order)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(KithCoding) c = NULL;
  gint64 id;

  fixture_init (&f);
  id = kith_codings_add (f.project, f.doc, f.safe, 31, 42, "first", KITH_ORIGIN_MANUAL, &error);
  cr_assert (kith_codings_set_memo (f.project, id, "second", &error));
  cr_assert (kith_codings_set_span (f.project, id, 24, 42, &error));
  cr_assert (kith_history_undo (f.project, NULL, NULL, &error));
  cr_assert (kith_history_undo (f.project, NULL, NULL, &error));
  c = kith_codings_get (f.project, id, &error);
  cr_assert_str_eq (c->memo, "first");
  cr_assert_eq (c->start, 31);
}

Test (history, deleted_code_comes_back_with_its_codings)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;

  fixture_init (&f);
  cr_assert_neq (kith_codings_add (f.project, f.doc, f.safe, 31, 42, NULL, KITH_ORIGIN_MANUAL, &error), 0);
  cr_assert_neq (kith_codings_add (f.project, f.doc, f.lonely, 52, 68, NULL, KITH_ORIGIN_MANUAL, &error), 0);
  /* deleting the parent cascades to both children and their codings */
  cr_assert (kith_history_begin (f.project, "codebook", "Delete code “Feel”", &error));
  cr_assert (kith_db_exec (f.project, "DELETE FROM codes WHERE name = 'Feel'", &error));
  cr_assert (kith_history_commit (f.project, &error));
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM codes"), 0);
  cr_assert_eq (codings (&f), 0);

  cr_assert (kith_history_undo (f.project, NULL, NULL, &error), "%s", error ? error->message : "");
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM codes"), 3);
  cr_assert_eq (codings (&f), 2);
  cr_assert (kith_project_check_integrity (f.project, &error), "%s", error ? error->message : "");
  cr_assert (kith_history_redo (f.project, NULL, NULL, &error));
  cr_assert_eq (codings (&f), 0);
}

Test (history, nested_actions_undo_as_one)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  fixture_init (&f);
  cr_assert (kith_history_begin (f.project, "review", "Accept all from rule 3", &error));
  cr_assert_neq (kith_codings_add (f.project, f.doc, f.safe, 31, 42, NULL, KITH_ORIGIN_RULE, &error), 0);
  cr_assert_neq (kith_codings_add (f.project, f.doc, f.lonely, 52, 68, NULL, KITH_ORIGIN_RULE, &error), 0);
  cr_assert (kith_history_commit (f.project, &error));
  cr_assert_eq (codings (&f), 2);
  cr_assert (kith_history_undo (f.project, NULL, &label, &error));
  cr_assert_str_eq (label, "Accept all from rule 3");
  cr_assert_eq (codings (&f), 0);
}

Test (history, undo_limited_to_a_group)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  fixture_init (&f);
  cr_assert (kith_history_begin (f.project, "review", "Accept suggestion", &error));
  cr_assert_neq (kith_codings_add (f.project, f.doc, f.safe, 31, 42, NULL, KITH_ORIGIN_RULE, &error), 0);
  cr_assert (kith_history_commit (f.project, &error));
  cr_assert_neq (kith_codings_add (f.project, f.doc, f.lonely, 52, 68, NULL, KITH_ORIGIN_MANUAL, &error), 0);
  cr_assert (kith_history_undo (f.project, "review", &label, &error));
  cr_assert_str_eq (label, "Accept suggestion");
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM codings WHERE origin = 'manual'"), 1);
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM codings WHERE origin = 'rule'"), 0);
  g_clear_error (&error);
  cr_assert_not (kith_history_undo (f.project, "review", NULL, &error));
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_NOT_FOUND));
  cr_assert (strstr (error->message, "nothing to undo") != NULL);
}

Test (history, a_new_action_ends_the_redo_chain)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *redo = NULL;

  fixture_init (&f);
  cr_assert_neq (kith_codings_add (f.project, f.doc, f.safe, 31, 42, NULL, KITH_ORIGIN_MANUAL, &error), 0);
  cr_assert (kith_history_undo (f.project, NULL, NULL, &error));
  redo = kith_history_peek_redo (f.project, NULL);
  cr_assert_str_eq (redo, "Code “Feel/Safe”");
  cr_assert_neq (kith_codings_add (f.project, f.doc, f.lonely, 52, 68, NULL, KITH_ORIGIN_MANUAL, &error), 0);
  cr_assert_null (kith_history_peek_redo (f.project, NULL));
}

Test (history, survives_reopening)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(KithProject) again = NULL;

  fixture_init (&f);
  cr_assert_neq (kith_codings_add (f.project, f.doc, f.safe, 31, 42, NULL, KITH_ORIGIN_MANUAL, &error), 0);
  g_clear_object (&f.project);
  again = kith_project_open (f.path, KITH_OPEN_DEFAULT, &error);
  cr_assert (kith_history_undo (again, NULL, NULL, &error));
  cr_assert_eq (kt_count (again, "SELECT count(*) FROM codings"), 0);
}

Test (history, other_connections_do_not_log)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 before = 0;
  sqlite3 *other = NULL;

  fixture_init (&f);
  before = kt_count (f.project, "SELECT count(*) FROM history_log");
  cr_assert_eq (sqlite3_open (f.path, &other), SQLITE_OK);
  cr_assert_eq (sqlite3_exec (other, "UPDATE codes SET colour = '#000000'", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (other);
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM history_log"), before);
}

Test (history, conflicting_undo_changes_nothing)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 id;

  fixture_init (&f);
  id = kith_codings_add (f.project, f.doc, f.safe, 31, 42, NULL, KITH_ORIGIN_MANUAL, &error);
  cr_assert (kith_codings_remove (f.project, id, &error));
  /* someone else takes the freed id for another coding */
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO codings (id, document_id, code_id, start_pos, end_pos, coder_id, created)"
                                            " VALUES (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 0, 5, 1, 'now')",
                                            id, f.doc, f.lonely);
    cr_assert (kith_db_exec (f.project, sql, &error), "%s", error ? error->message : "");
  }
  cr_assert_not (kith_history_undo (f.project, NULL, NULL, &error));
  cr_assert (strstr (error->message, "has changed since") != NULL, "%s", error->message);
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM codings"), 1, "nothing half-undone");
  cr_assert_not (kith_project_in_transaction (f.project));
}

Test (history, failed_action_leaves_no_entry)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 actions;

  fixture_init (&f);
  actions = kt_count (f.project, "SELECT count(*) FROM history_actions");
  cr_assert_eq (kith_codings_add (f.project, f.doc, f.safe, 31, 4200, NULL, KITH_ORIGIN_MANUAL, &error), 0);
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM history_actions"), actions);
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM history_state WHERE action_id IS NOT NULL"), 0);
}

Test (history, cli_undo_redo)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *project = g_build_filename (dir, "p.kith", NULL);
  g_autofree char *out = NULL, *out2 = NULL, *err = NULL, *codes = NULL;

  cr_assert_eq (kt_cli (NULL, NULL, "init", project, NULL), 0);
  cr_assert_eq (kt_cli (NULL, NULL, "codes", "add", project, "Do/Volunteer", NULL), 0);
  cr_assert_eq (kt_cli (&out, NULL, "undo", project, NULL), 0);
  cr_assert_str_eq (out, "undone: Add code “Do/Volunteer”\n");
  cr_assert_eq (kt_cli (&codes, NULL, "codes", project, NULL), 0);
  cr_assert_str_eq (codes, "");
  cr_assert_eq (kt_cli (&out2, NULL, "redo", project, NULL), 0);
  cr_assert_str_eq (out2, "redone: Add code “Do/Volunteer”\n");
  cr_assert_eq (kt_cli (NULL, NULL, "undo", project, NULL), 0);
  cr_assert_eq (kt_cli (NULL, &err, "undo", project, NULL), 1);
  cr_assert (strstr (err, "p.kith: there is nothing to undo") != NULL, "%s", err);
}
