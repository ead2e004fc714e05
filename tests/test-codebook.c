/* test-codebook.c — the bundled codebook, the file format, merging, and
 * editing codes (rename, move, recolour, delete) */
#include "kith-config.h"

#include <criterion/criterion.h>
#include <string.h>

#include "kith-codebook.h"
#include "kith-code-edit.h"
#include "kith-codes.h"
#include "kith-codings.h"
#include "kith-history.h"
#include "kith-rule-store.h"
#include "kith-test-util.h"

static KithCodebook *
bundled (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = kith_codebook_find ("inclusive-communities", &error);
  KithCodebook *codebook;

  cr_assert_not_null (path, "%s", error ? error->message : "");
  codebook = kith_codebook_read (path, &error);
  cr_assert_not_null (codebook, "%s", error ? error->message : "");
  return codebook;
}

static KithProject *
project_with_bundled (char **path)
{
  KithProject *project = kt_new_project (path);
  g_autoptr(KithCodebook) codebook = bundled ();
  g_autoptr(GError) error = NULL;

  cr_assert (kith_codebook_merge (project, codebook, NULL, &error), "%s", error ? error->message : "");
  return project;
}

/* framework/outcomes.tsv, as goal_key, dimension, outcome_key, outcome */
static GPtrArray *
read_outcomes (void)
{
  const char *root = g_getenv ("KITH_SOURCE_ROOT");
  g_autofree char *path = g_build_filename (root, "..", "shared", "framework", "outcomes.tsv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return outcomes;  /* a clone outside the shared folder: the count below still holds */
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], "\t", -1);
      if (lines[i][0] == '#' || g_strv_length (f) < 6 || g_str_equal (f[0], "goal_key"))
        continue;
      g_ptr_array_add (outcomes, g_strdupv ((char *[]) { f[0], f[3], f[4], f[5], NULL }));
    }
  return outcomes;
}

Test (codebook, bundled_loads_all_34_outcomes_under_goals_and_dimensions)
{
  g_autoptr(KithProject) project = project_with_bundled (NULL);
  g_autoptr(GPtrArray) codes = kith_codes_list (project, NULL);
  g_autoptr(GPtrArray) rules = kith_rules_list (project, NULL, NULL);
  g_autoptr(GPtrArray) outcomes = read_outcomes ();
  g_autoptr(GHashTable) colours = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) languages = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_outcomes = 0, n_themes = 0;

  for (guint i = 0; i < codes->len; i++)
    {
      KithCode *code = g_ptr_array_index (codes, i);
      guint n_rules = 0;

      for (guint r = 0; r < rules->len; r++)
        n_rules += ((KithRuleDef *) g_ptr_array_index (rules, r))->code_id == code->id;
      cr_assert (kith_code_colour_is_valid (code->colour), "%s: %s", code->path, code->colour);
      cr_assert_str_neq (code->description, "", "%s has no description", code->path);
      if (code->outcome_key != NULL)
        {
          g_auto(GStrv) parts = g_strsplit (code->path, "/", -1);
          n_outcomes++;
          /* Goal/Dimension/Outcome, with the framework's keys */
          cr_assert_eq (code->depth, 2, "%s", code->path);
          cr_assert_not_null (code->goal);
          cr_assert_not_null (code->dimension);
          cr_assert_eq (g_ascii_strcasecmp (parts[1], code->dimension), 0, "%s", code->path);
          cr_assert_geq (n_rules, 2, "%s has %u rules", code->path, n_rules);
          cr_assert_not (g_hash_table_contains (colours, code->colour), "%s repeats a colour", code->path);
          g_hash_table_add (colours, code->colour);
          for (guint o = 0; o < outcomes->len; o++)
            {
              GStrv row = g_ptr_array_index (outcomes, o);
              if (g_str_equal (row[2], code->outcome_key))
                {
                  cr_assert_str_eq (code->goal, row[0]);
                  cr_assert_str_eq (code->dimension, row[1]);
                  cr_assert_str_eq (code->description, row[3]);
                }
            }
        }
      else if (g_str_has_prefix (code->path, "Cross-cutting/"))
        {
          n_themes++;
          cr_assert_null (code->goal);
          cr_assert_null (code->dimension);
          cr_assert_geq (n_rules, 1, "%s", code->path);
        }
      else if (code->depth == 0 && !g_str_equal (code->path, "Cross-cutting"))
        {
          cr_assert_not_null (code->goal, "%s", code->path);
          cr_assert_null (code->dimension);
        }
      else if (code->depth == 1)
        cr_assert_not_null (code->dimension, "%s", code->path);
    }
  cr_assert_eq (n_outcomes, 34);
  cr_assert (outcomes->len == 0 || outcomes->len == 34);
  cr_assert_eq (n_themes, 6);
  for (guint r = 0; r < rules->len; r++)
    {
      KithRuleDef *def = g_ptr_array_index (rules, r);
      cr_assert_not_null (def->skip_speakers, "rule %" G_GINT64_FORMAT " reads interviewers", def->id);
      cr_assert_str_neq (def->note, "");
      g_hash_table_add (languages, def->language);
    }
  /* English first, with room for others */
  cr_assert (g_hash_table_contains (languages, "en"));
  cr_assert (g_hash_table_contains (languages, "ur"));
  cr_assert (g_hash_table_contains (languages, "pa"));
  cr_assert (g_hash_table_contains (languages, "ar"));
  cr_assert (g_hash_table_contains (languages, "pl"));
}

Test (codebook, loading_twice_merges_without_duplicates)
{
  g_autoptr(KithProject) project = project_with_bundled (NULL);
  g_autoptr(KithCodebook) codebook = bundled ();
  g_autoptr(GError) error = NULL;
  KithCodebookMerge merge = { 0 };
  gint64 codes = kt_count (project, "SELECT count(*) FROM codes");
  gint64 rules = kt_count (project, "SELECT count(*) FROM rules");

  cr_assert (kith_codebook_merge (project, codebook, &merge, &error));
  cr_assert_eq (merge.codes_added, 0);
  cr_assert_eq (merge.codes_existing, codebook->codes->len);
  cr_assert_eq (merge.rules_added, 0);
  cr_assert_eq (merge.rules_existing, codebook->rules->len);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM codes"), codes);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM rules"), rules);
  /* one undo takes the whole first load back */
  cr_assert (kith_history_undo (project, "codebook", NULL, &error), "%s", error ? error->message : "");
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM codes"), 0);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM rules"), 0);
}

Test (codebook, merging_keeps_what_the_user_has)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(KithCodebook) codebook = bundled ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KithCode) code = NULL;
  gint64 id = kith_codes_add_path (project, "Inclusive/Feel/Belonging rather than isolation", NULL, "#000000", &error);

  cr_assert (kith_codebook_merge (project, codebook, NULL, &error));
  code = kith_codes_get (project, id, &error);
  cr_assert_str_eq (code->colour, "#000000");
  cr_assert_str_eq (code->description, "Feel a sense of belonging, rather than isolation");
  cr_assert_str_eq (code->outcome_key, "belonging");
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM codes WHERE name = 'Belonging rather than isolation'"), 1);
}

Test (codebook, export_and_reload_round_trips)
{
  g_autoptr(KithProject) first = project_with_bundled (NULL);
  g_autoptr(KithProject) second = kt_new_project (NULL);
  g_autoptr(KithCodebook) exported = NULL;
  g_autoptr(KithCodebook) reread = NULL;
  g_autoptr(KithCodebook) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "mine.kithcodebook", NULL);
  g_autofree char *data = NULL;
  g_autofree char *data2 = NULL;
  gsize len = 0;

  exported = kith_codebook_from_project (first, &error);
  data = kith_codebook_to_data (exported, &len);
  cr_assert (g_str_has_prefix (data, "# Kith codebook"), "%.200s", data);
  cr_assert (strstr (data, "[Defaults]\nscope=sentence\nskip-speakers=Interviewer;Facilitator;Moderator\nlanguage=en\n") != NULL);
  cr_assert (strstr (data, "[Rule Inclusive/Feel/Belonging rather than isolation #5]\npattern=\\b(?:اکیلا|اکیلی|اکیلے|تنہا|تنہائی)\\b\nlanguage=ur\n") != NULL);
  kt_write_file (path, data, (gssize) len);
  reread = kith_codebook_read (path, &error);
  cr_assert_not_null (reread, "%s", error ? error->message : "");
  cr_assert (kith_codebook_merge (second, reread, NULL, &error), "%s", error ? error->message : "");

  /* the same codes and rules, field by field */
  again = kith_codebook_from_project (second, &error);
  data2 = kith_codebook_to_data (again, NULL);
  cr_assert_str_eq (data2, data);
  cr_assert_eq (kt_count (second, "SELECT count(*) FROM codes"), kt_count (first, "SELECT count(*) FROM codes"));
  cr_assert_eq (kt_count (second, "SELECT count(*) FROM rules WHERE exclude IS NOT NULL"),
                kt_count (first, "SELECT count(*) FROM rules WHERE exclude IS NOT NULL"));
}

Test (codebook, bad_files_name_the_file_group_and_problem)
{
  g_autofree char *dir = kt_tmpdir ();
  const char *cases[][2] = {
    { "[Code Feel]\ncolour=blue\n", "[Code Feel] colour: “blue” is not a colour like #2563eb" },
    { "[Code Feel]\n[Rule Feel #1]\npattern=safe\nscope=page\n", "[Rule Feel #1] scope: “page” is not match, sentence, paragraph or turn" },
    { "[Rule Feel/Safe #1]\npattern=feel (safe\n", "[Rule Feel/Safe #1]: the pattern “feel (safe” is not valid at offset 10: missing closing parenthesis" },
    { "[Rule Feel/Safe #1]\nscope=match\n", "[Rule Feel/Safe #1]: the rule has no pattern" },
    { "[Code Feel//Safe]\n", "[Code Feel//Safe]: “Feel//Safe” is not a code path" },
    { "[Something]\nkey=value\n", "no [Code …] or [Rule …] groups: not a Kith codebook" },
    { "[Code Feel\n", "Key file" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_strdup_printf ("%s/bad%zu.kithcodebook", dir, i);
      kt_write_file (path, cases[i][0], -1);
      cr_assert_null (kith_codebook_read (path, &error), "case %zu", i);
      cr_assert (g_str_has_prefix (error->message, path), "case %zu: %s", i, error->message);
      cr_assert (strstr (error->message, cases[i][1]) != NULL, "case %zu: %s", i, error->message);
    }
}

Test (codebook, defaults_and_explicit_values)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "small.kithcodebook", NULL);
  g_autoptr(KithCodebook) codebook = NULL;
  g_autoptr(GError) error = NULL;
  KithRuleDef *a, *b;

  kt_write_file (path, "# comment\n[Codebook]\nname=Small\n[Defaults]\nscope=paragraph\nskip-speakers=Interviewer\n"
                       "[Code Feel/Safe]\ndescription=Safe\\nand sound\n"
                       "[Rule Feel/Safe #1]\npattern= \\bsafe\\b\n"
                       "[Rule Feel/Safe #2]\npattern=SAFE\nscope=match\nskip-speakers=\ncase-sensitive=true\n"
                       "[Rule 7]\ncode=Feel/[Other]\npattern=other\n", -1);
  codebook = kith_codebook_read (path, &error);
  cr_assert_not_null (codebook, "%s", error ? error->message : "");
  cr_assert_str_eq (codebook->name, "Small");
  cr_assert_str_eq (((KithCode *) g_ptr_array_index (codebook->codes, 0))->description, "Safe\nand sound");
  a = g_ptr_array_index (codebook->rules, 0);
  b = g_ptr_array_index (codebook->rules, 1);
  /* a pattern is taken as written: backslashes are PCRE2's */
  cr_assert_str_eq (a->pattern, "\\bsafe\\b");
  cr_assert_eq (a->scope, KITH_SCOPE_PARAGRAPH);
  cr_assert_str_eq (a->skip_speakers[0], "Interviewer");
  cr_assert_eq (b->scope, KITH_SCOPE_MATCH);
  cr_assert_null (b->skip_speakers);
  cr_assert (b->case_sensitive);
  cr_assert_str_eq (((KithRuleDef *) g_ptr_array_index (codebook->rules, 2))->code_path, "Feel/[Other]");
}

Test (codebook, finding_by_name_or_path)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = kith_codebook_list_bundled ();
  g_autofree char *path = kith_codebook_find ("inclusive-communities", &error);
  g_autofree char *same = kith_codebook_find (path, &error);

  cr_assert (g_strv_contains ((const char *const *) names, "inclusive-communities"));
  cr_assert (g_str_has_suffix (path, "inclusive-communities.kithcodebook"));
  cr_assert_str_eq (same, path);
  cr_assert_null (kith_codebook_find ("no-such-funder", &error));
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_NOT_FOUND));
  cr_assert (strstr (error->message, "bundled: inclusive-communities") != NULL, "%s", error->message);
}

/* ---- editing codes ---------------------------------------------------------- */

Test (codebook, rename_move_recolour_are_undoable)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;
  gint64 safe = kith_codes_add_path (project, "Feel/Safe", NULL, NULL, &error);
  gint64 lonely = kith_codes_add_path (project, "Feel/Lonely", NULL, NULL, &error);
  gint64 inclusive = kith_codes_add_path (project, "Inclusive", NULL, NULL, &error);
  gint64 feel = kith_codes_find_path (project, "Feel", &error);
  g_autofree char *label = NULL;

  cr_assert (kith_code_edit_rename (project, safe, " Safe, without fear ", &error), "%s", error ? error->message : "");
  cr_assert_eq (kith_codes_find_path (project, "Feel/Safe, without fear", &error), safe);
  cr_assert_not (kith_code_edit_rename (project, safe, "Lonely", &error));
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_EXISTS));
  g_clear_error (&error);
  cr_assert_not (kith_code_edit_rename (project, safe, "a/b", &error));
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_INVALID));
  g_clear_error (&error);

  cr_assert (kith_code_edit_move (project, feel, inclusive, -1, &error), "%s", error ? error->message : "");
  cr_assert_eq (kith_codes_find_path (project, "Inclusive/Feel/Lonely", &error), lonely);
  cr_assert_not (kith_code_edit_move (project, inclusive, lonely, -1, &error));
  cr_assert (strstr (error->message, "cannot go inside") != NULL, "%s", error->message);
  g_clear_error (&error);
  cr_assert (kith_code_edit_move (project, lonely, 0, -1, &error));
  cr_assert_eq (kith_codes_find_path (project, "Lonely", &error), lonely);

  cr_assert (kith_code_edit_recolour (project, lonely, "#ABCDEF", &error));
  {
    g_autoptr(KithCode) code = kith_codes_get (project, lonely, &error);
    cr_assert_str_eq (code->colour, "#abcdef");
  }
  cr_assert_not (kith_code_edit_recolour (project, lonely, "red", &error));
  g_clear_error (&error);

  cr_assert (kith_history_undo (project, "codebook", &label, &error));
  cr_assert_str_eq (label, "Recolour code “Lonely”");
  g_clear_pointer (&label, g_free);
  cr_assert (kith_history_undo (project, "codebook", &label, &error));
  cr_assert_str_eq (label, "Move code “Inclusive/Feel/Lonely” to the top level");
  g_clear_pointer (&label, g_free);
  cr_assert (kith_history_undo (project, "codebook", &label, &error));
  cr_assert_str_eq (label, "Move code “Feel” to “Inclusive”");
  cr_assert_eq (kith_codes_find_path (project, "Feel/Lonely", &error), lonely);
}

Test (codebook, cli_codebook_rules_and_code_editing)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *project = g_build_filename (dir, "study.kith", NULL);
  g_autofree char *exported = g_build_filename (dir, "mine.kithcodebook", NULL);
  g_autofree char *samples = kt_sample ("interview-01-smethwick.txt");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *rules = NULL;
  g_autofree char *codings = NULL;
  g_autofree char *data = NULL;

  cr_assert_eq (kt_cli (NULL, NULL, "init", project, NULL), 0);
  cr_assert_eq (kt_cli (NULL, NULL, "import", project, samples, NULL), 0);
  cr_assert_eq (kt_cli (&out, NULL, "codebook", "load", project, "inclusive-communities", NULL), 0);
  cr_assert_str_eq (out, "Inclusive Communities: codes 57 added, 0 already there; rules 136 added, 0 already there\n");
  g_clear_pointer (&out, g_free);
  cr_assert_eq (kt_cli (NULL, &err, "codebook", "load", project, "nothing-like-it", NULL), 1);
  cr_assert (strstr (err, "nothing-like-it: no such codebook file") != NULL, "%s", err);
  g_clear_pointer (&err, g_free);

  cr_assert_eq (kt_cli (&rules, NULL, "rules", project, NULL), 0);
  cr_assert (g_str_has_prefix (rules, "1\tConnected/Think/Know what support is available\tsentence\t\\b(?:didn['’]t|"),
             "%.200s", rules);
  cr_assert_eq (kt_cli (NULL, NULL, "codebook", "export", project, "-o", exported, NULL), 0);
  data = kt_read_file (exported, NULL);
  cr_assert (strstr (data, "[Code Connected/Feel/Heard, respected and needs met]\n") != NULL);

  /* code one passage, then edit codes from the command line */
  cr_assert_eq (kt_cli (NULL, NULL, "code", project, "1", "0", "10", "Inclusive/Feel/Belonging rather than isolation", NULL), 0);
  cr_assert_eq (kt_cli (NULL, NULL, "codes", "rename", project, "Inclusive/Feel/Belonging rather than isolation",
                        "Belonging", NULL), 0);
  cr_assert_eq (kt_cli (NULL, NULL, "codes", "recolour", project, "Inclusive/Feel/Belonging", "#123456", NULL), 0);
  cr_assert_eq (kt_cli (NULL, NULL, "codes", "recolour", project, "Inclusive/Feel/Belonging", "blue", NULL), 2);
  cr_assert_eq (kt_cli (NULL, NULL, "codes", "move", project, "Inclusive/Feel/Belonging", "/", NULL), 0);
  cr_assert_eq (kt_cli (NULL, &err, "codes", "delete", project, "Belonging", NULL), 1);
  cr_assert (strstr (err, "“Belonging” has 1 coding; deleting it deletes them too (add --force)") != NULL, "%s", err);
  cr_assert_eq (kt_cli (NULL, NULL, "codes", "delete", project, "Belonging", "--force", NULL), 0);
  cr_assert_eq (kt_cli (&codings, NULL, "codings", project, NULL), 0);
  cr_assert_str_eq (codings, "");
  cr_assert_eq (kt_cli (NULL, NULL, "undo", project, NULL), 0);
  g_clear_pointer (&codings, g_free);
  cr_assert_eq (kt_cli (&codings, NULL, "codings", project, NULL), 0);
  cr_assert (strstr (codings, "\tBelonging\t0\t10\t") != NULL, "%s", codings);
}
