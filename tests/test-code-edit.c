/* test-code-edit.c — editing the codebook, and the codes on keys 1–9 */
#include <criterion/criterion.h>

#include "kith-code-edit.h"
#include "kith-codes.h"
#include "kith-codings.h"
#include "kith-history.h"
#include "kith-import.h"
#include "kith-pins.h"
#include "kith-test-util.h"

/* "path@position" of every code, depth first, joined by spaces */
static char *
tree_of (KithProject *project)
{
  g_autoptr(GPtrArray) codes = kith_codes_list (project, NULL);
  g_autoptr(GString) out = g_string_new (NULL);

  cr_assert_not_null (codes);
  for (guint i = 0; i < codes->len; i++)
    {
      KithCode *c = g_ptr_array_index (codes, i);
      g_string_append_printf (out, "%s%s@%d", i > 0 ? " " : "", c->path, c->position);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gint64
add (KithProject *project, const char *path)
{
  g_autoptr(GError) error = NULL;
  gint64 id = kith_codes_add_path (project, path, NULL, NULL, &error);

  cr_assert_neq (id, 0, "%s", error ? error->message : "");
  return id;
}

Test (code_edit, rename_and_undo)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  g_autoptr(KithCode) renamed = NULL;
  g_autoptr(KithCode) back = NULL;
  gint64 safe = add (project, "Feel/Safe");

  add (project, "Feel/Lonely");
  cr_assert (kith_code_edit_rename (project, safe, "  Safe without fear ", &error), "%s", error ? error->message : "");
  renamed = kith_codes_get (project, safe, &error);
  cr_assert_str_eq (renamed->path, "Feel/Safe without fear");
  cr_assert_not (kith_code_edit_rename (project, safe, "Lonely", &error));
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_EXISTS));
  g_clear_error (&error);
  cr_assert_not (kith_code_edit_rename (project, safe, "a/b", &error));
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_INVALID));
  g_clear_error (&error);
  cr_assert_not (kith_code_edit_rename (project, safe, "   ", &error));
  g_clear_error (&error);
  cr_assert (kith_history_undo (project, NULL, &label, &error));
  cr_assert_str_eq (label, "Rename code “Feel/Safe” to “Safe without fear”");
  back = kith_codes_get (project, safe, &error);
  cr_assert_str_eq (back->name, "Safe");
}

Test (code_edit, recolour_and_describe)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithCode) code = NULL;
  gint64 id = add (project, "Do/Take part");

  cr_assert (kith_code_edit_recolour (project, id, "#ABCDEF", &error));
  cr_assert (kith_code_edit_describe (project, id, "Joins in", &error));
  cr_assert_not (kith_code_edit_recolour (project, id, "blue", &error));
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_INVALID));
  code = kith_codes_get (project, id, NULL);
  cr_assert_str_eq (code->colour, "#abcdef");
  cr_assert_str_eq (code->description, "Joins in");
  cr_assert_not (kith_code_edit_recolour (project, 999, "#000000", NULL));
}

Test (code_edit, move_reorders_and_nests)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *first = NULL, *nested = NULL, *undone = NULL;
  gint64 a = add (project, "A"), b = add (project, "B"), c = add (project, "C");
  gint64 a1 = add (project, "A/one");

  (void) b;
  before = tree_of (project);
  cr_assert_str_eq (before, "A@0 A/one@0 B@1 C@2");
  cr_assert (kith_code_edit_move (project, c, 0, 0, &error), "%s", error ? error->message : "");
  first = tree_of (project);
  cr_assert_str_eq (first, "C@0 A@1 A/one@0 B@2");
  cr_assert (kith_code_edit_move (project, c, a, -1, &error), "%s", error ? error->message : "");
  nested = tree_of (project);
  cr_assert_str_eq (nested, "A@0 A/one@0 A/C@1 B@1");
  /* not into itself or below itself */
  cr_assert_not (kith_code_edit_move (project, a, a1, 0, &error));
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_INVALID));
  g_clear_error (&error);
  cr_assert_not (kith_code_edit_move (project, a, a, 0, &error));
  g_clear_error (&error);
  cr_assert (kith_history_undo (project, NULL, NULL, &error));
  undone = tree_of (project);
  cr_assert_str_eq (undone, "C@0 A@1 A/one@0 B@2");
}

Test (code_edit, move_refuses_a_name_taken_there)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;
  gint64 x = add (project, "Feel/Safe");

  add (project, "Do/Safe");
  cr_assert_not (kith_code_edit_move (project, x, kith_codes_find_path (project, "Do", NULL), 0, &error));
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_EXISTS));
}

Test (code_edit, delete_takes_subcodes_and_codings_and_undoes)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *file = g_build_filename (dir, "notes.txt", NULL);
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(KithImportResult) r = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  gint64 feel, safe, n = -1;

  kt_write_file (file, "I feel safe at the library.\n", -1);
  r = kith_import_file (project, file, NULL);
  feel = add (project, "Feel");
  safe = add (project, "Feel/Safe");
  add (project, "Do");
  cr_assert_neq (kith_codings_add (project, r->document_id, safe, 2, 11, NULL, KITH_ORIGIN_MANUAL, &error), 0);
  cr_assert_neq (kith_codings_add (project, r->document_id, feel, 0, 11, NULL, KITH_ORIGIN_MANUAL, &error), 0);

  cr_assert (kith_code_edit_delete (project, feel, &n, &error), "%s", error ? error->message : "");
  cr_assert_eq (n, 2);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM codes"), 1);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM codings"), 0);
  cr_assert_eq (kt_count (project, "SELECT position FROM codes WHERE name = 'Do'"), 0);

  cr_assert (kith_history_undo (project, NULL, &label, &error), "%s", error ? error->message : "");
  cr_assert_str_eq (label, "Delete code “Feel”");
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM codes"), 3);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM codings"), 2);
  cr_assert (kith_project_check_integrity (project, &error));
  cr_assert (kith_history_redo (project, NULL, NULL, &error));
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM codings"), 0);
}

Test (pins, default_to_leaves_then_remember_choices)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;
  gint64 pins[KITH_N_PINS];
  gint64 safe = add (project, "Feel/Safe");
  gint64 lonely = add (project, "Feel/Lonely");
  gint64 part = add (project, "Do/Take part");

  cr_assert (kith_pins_get (project, pins, &error));
  cr_assert_eq (pins[0], safe);
  cr_assert_eq (pins[1], lonely);
  cr_assert_eq (pins[2], part);
  cr_assert_eq (pins[3], 0);

  cr_assert (kith_pins_set (project, 4, safe, &error), "%s", error ? error->message : "");
  cr_assert (kith_pins_get (project, pins, &error));
  cr_assert_eq (pins[0], 0, "a code lives on one key only");
  cr_assert_eq (pins[4], safe);
  cr_assert_eq (kith_pins_find (pins, safe), 4);
  cr_assert_eq (kith_pins_find (pins, part), 2);

  /* a pinned code that is deleted leaves its key empty */
  cr_assert (kith_code_edit_delete (project, safe, NULL, &error));
  cr_assert (kith_pins_get (project, pins, &error));
  cr_assert_eq (pins[4], 0);
}

Test (pins, settled_pins_stay_while_the_codebook_grows)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;
  gint64 pins[KITH_N_PINS];
  gint64 lonely = add (project, "Feel/Lonely");

  cr_assert (kith_pins_settle (project, &error), "%s", error ? error->message : "");
  add (project, "Feel/Alone/Very");   /* “Feel/Alone” stops being a leaf… */
  add (project, "Do/Act");
  cr_assert (kith_pins_get (project, pins, &error));
  cr_assert_eq (pins[0], lonely);
  cr_assert_eq (pins[1], 0, "new codes take no key by themselves");
  cr_assert (kith_pins_settle (project, &error), "settling again changes nothing");
  cr_assert (kith_pins_get (project, pins, &error));
  cr_assert_eq (pins[0], lonely);
}
