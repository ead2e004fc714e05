/* kith-cli-codes.c — codes, codes add, code, uncode, codings */
#include <stdio.h>

#include "kith-cli.h"
#include "kith-code-edit.h"
#include "kith-codes.h"
#include "kith-codings.h"
#include "kith-documents.h"

static int
run_codes (const KithCliCommand *command, int argc, char **argv)
{
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((project = kith_cli_start (command, NULL, &argc, &argv, 1, 1, FALSE, &status)) == NULL)
    return status;
  codes = kith_codes_list (project, &error);
  if (codes == NULL)
    return kith_cli_fail (error);
  for (guint i = 0; i < codes->len; i++)
    {
      KithCode *code = g_ptr_array_index (codes, i);
      g_autofree char *path = kith_cli_tsv_field (code->path);
      printf ("%" G_GINT64_FORMAT "\t%s\t%" G_GINT64_FORMAT "\n", code->id, path, code->n_codings);
    }
  return KITH_EXIT_OK;
}

static int
run_codes_add (const KithCliCommand *command, int argc, char **argv)
{
  g_autofree char *description = NULL;
  g_autofree char *colour = NULL;
  const GOptionEntry entries[] = {
    { "description", 0, 0, G_OPTION_ARG_STRING, &description, N_("What the code means, for other coders"), N_("TEXT") },
    { "colour", 0, 0, G_OPTION_ARG_STRING, &colour, N_("Highlight colour as #rrggbb (default: picked from a palette)"), N_("COLOUR") },
    { NULL }
  };
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!kith_cli_parse (command, entries, &argc, &argv, 2, 2))
    return KITH_EXIT_USAGE;
  if (colour != NULL && !kith_code_colour_is_valid (colour))
    return kith_cli_usage (command, _("--colour must look like #2563eb, not “%s”"), colour);
  project = kith_cli_open (argv[1], TRUE, &error);
  if (project == NULL)
    return kith_cli_fail (error);
  id = kith_codes_add_path (project, argv[2], description, colour, &error);
  if (id == 0)
    return kith_cli_fail (error);
  printf ("%" G_GINT64_FORMAT "\n", id);
  return KITH_EXIT_OK;
}

static int
run_codes_framework (const KithCliCommand *command, int argc, char **argv)
{
  g_autofree char *goal = NULL;
  g_autofree char *dimension = NULL;
  g_autofree char *outcome = NULL;
  const GOptionEntry entries[] = {
    { "goal", 0, 0, G_OPTION_ARG_STRING, &goal, N_("The goal's key, e.g. connected"), N_("GOAL") },
    { "dimension", 0, 0, G_OPTION_ARG_STRING, &dimension, N_("think, feel or do (or your framework's own)"), N_("DIMENSION") },
    { "outcome", 0, 0, G_OPTION_ARG_STRING, &outcome, N_("The outcome's key, e.g. know-support"), N_("KEY") },
    { NULL }
  };
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!kith_cli_parse (command, entries, &argc, &argv, 2, 2))
    return KITH_EXIT_USAGE;
  if (goal == NULL && (dimension != NULL || outcome != NULL))
    return kith_cli_usage (command, _("--dimension and --outcome need a --goal"));
  project = kith_cli_open (argv[1], TRUE, &error);
  if (project == NULL)
    return kith_cli_fail (error);
  id = kith_codes_lookup (project, argv[2], &error);
  if (id == 0 || !kith_codes_set_framework (project, id, goal, dimension, outcome, &error))
    return kith_cli_fail (error);
  return KITH_EXIT_OK;
}

static int
run_code (const KithCliCommand *command, int argc, char **argv)
{
  g_autofree char *memo = NULL;
  g_autofree char *coder = NULL;
  const GOptionEntry entries[] = {
    { "memo", 0, 0, G_OPTION_ARG_STRING, &memo, N_("A note on this coding"), N_("TEXT") },
    { "coder", 0, 0, G_OPTION_ARG_STRING, &coder, N_("Code as this coder (default: $KITH_CODER, else your name)"), N_("NAME") },
    { NULL }
  };
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start, end, code_id, id, doc_id;

  if (!kith_cli_parse (command, entries, &argc, &argv, 5, 5))
    return KITH_EXIT_USAGE;
  if (!kith_cli_parse_offset (command, "START", argv[3], &start)
      || !kith_cli_parse_offset (command, "END", argv[4], &end))
    return KITH_EXIT_USAGE;
  if (end <= start)
    return kith_cli_usage (command, _("END (%s) must be greater than START (%s)"), argv[4], argv[3]);
  if (memo != NULL && !g_utf8_validate (memo, -1, NULL))
    return kith_cli_usage (command, _("the memo is not valid UTF-8"));
  project = kith_cli_open (argv[1], TRUE, &error);
  if (project == NULL)
    return kith_cli_fail (error);
  if (coder != NULL)
    kith_project_set_coder (project, coder);
  if (!kith_cli_find_doc (project, argv[2], &doc_id, &error))
    return kith_cli_fail (error);
  code_id = kith_codes_lookup (project, argv[5], &error);
  if (code_id == 0)
    return kith_cli_fail (error);
  id = kith_codings_add (project, doc_id, code_id, start, end, memo, KITH_ORIGIN_MANUAL, &error);
  if (id == 0)
    return kith_cli_fail (error);
  printf ("%" G_GINT64_FORMAT "\n", id);
  return KITH_EXIT_OK;
}

static int
run_uncode (const KithCliCommand *command, int argc, char **argv)
{
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!kith_cli_parse (command, NULL, &argc, &argv, 2, 2)
      || !kith_cli_parse_id (command, "CODING_ID", "codings", argv[2], &id))
    return KITH_EXIT_USAGE;
  if ((project = kith_cli_open (argv[1], TRUE, &error)) == NULL)
    return kith_cli_fail (error);
  if (!kith_codings_remove (project, id, &error))
    return kith_cli_fail (error);
  return KITH_EXIT_OK;
}

static int
run_codings (const KithCliCommand *command, int argc, char **argv)
{
  g_autofree char *doc_ref = NULL;
  const GOptionEntry entries[] = {
    { "doc", 0, 0, G_OPTION_ARG_STRING, &doc_ref, N_("Only this document (id or name)"), N_("DOC") },
    { NULL }
  };
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GPtrArray) codes = NULL;
  g_autoptr(GHashTable) paths = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GError) error = NULL;
  gint64 doc_id;
  int status;

  if ((project = kith_cli_start (command, entries, &argc, &argv, 1, 1, FALSE, &status)) == NULL)
    return status;
  if (!kith_cli_find_doc (project, doc_ref, &doc_id, &error))
    return kith_cli_fail (error);
  codes = kith_codes_list (project, &error);
  if (codes == NULL)
    return kith_cli_fail (error);
  for (guint i = 0; i < codes->len; i++)
    {
      KithCode *code = g_ptr_array_index (codes, i);
      g_hash_table_insert (paths, &code->id, code->path);
    }
  codings = kith_codings_list (project, doc_id, &error);
  if (codings == NULL)
    return kith_cli_fail (error);
  for (guint i = 0; i < codings->len; i++)
    {
      KithCoding *c = g_ptr_array_index (codings, i);
      g_autofree char *path = kith_cli_tsv_field (g_hash_table_lookup (paths, &c->code_id));
      g_autofree char *coder = kith_cli_tsv_field (c->coder);
      printf ("%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\t%s\n",
              c->id, c->document_id, path, c->start, c->end, coder, c->origin);
    }
  return KITH_EXIT_OK;
}

/* Opens the project for writing and finds the code argv[2]. */
static KithProject *
open_code (char **argv, gint64 *code_id, GError **error)
{
  g_autoptr(KithProject) project = kith_cli_open (argv[1], TRUE, error);

  if (project == NULL)
    return NULL;
  *code_id = kith_codes_lookup (project, argv[2], error);
  if (*code_id == 0)
    return NULL;
  return g_steal_pointer (&project);
}

static int
run_codes_rename (const KithCliCommand *command, int argc, char **argv)
{
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  if (!kith_cli_parse (command, NULL, &argc, &argv, 3, 3))
    return KITH_EXIT_USAGE;
  project = open_code (argv, &id, &error);
  if (project == NULL || !kith_code_edit_rename (project, id, argv[3], &error))
    return kith_cli_fail (error);
  return KITH_EXIT_OK;
}

static int
run_codes_move (const KithCliCommand *command, int argc, char **argv)
{
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0, parent = 0;

  if (!kith_cli_parse (command, NULL, &argc, &argv, 3, 3))
    return KITH_EXIT_USAGE;
  project = open_code (argv, &id, &error);
  if (project == NULL)
    return kith_cli_fail (error);
  if (!g_str_equal (argv[3], "/"))
    {
      parent = kith_codes_lookup (project, argv[3], &error);
      if (parent == 0)
        return kith_cli_fail (error);
    }
  if (!kith_code_edit_move (project, id, parent, -1, &error))
    return kith_cli_fail (error);
  return KITH_EXIT_OK;
}

static int
run_codes_recolour (const KithCliCommand *command, int argc, char **argv)
{
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  if (!kith_cli_parse (command, NULL, &argc, &argv, 3, 3))
    return KITH_EXIT_USAGE;
  if (!kith_code_colour_is_valid (argv[3]))
    return kith_cli_usage (command, _("COLOUR must look like #2563eb, not “%s”"), argv[3]);
  project = open_code (argv, &id, &error);
  if (project == NULL || !kith_code_edit_recolour (project, id, argv[3], &error))
    return kith_cli_fail (error);
  return KITH_EXIT_OK;
}

static int
run_codes_delete (const KithCliCommand *command, int argc, char **argv)
{
  gboolean force = FALSE;
  const GOptionEntry entries[] = {
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_("Also delete the codings of the code and its sub-codes"), NULL },
    { NULL }
  };
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  if (!kith_cli_parse (command, entries, &argc, &argv, 2, 2))
    return KITH_EXIT_USAGE;
  project = open_code (argv, &id, &error);
  if (project == NULL)
    return kith_cli_fail (error);
  /* codings are the user's work: deleting them takes a second thought */
  if (!force)
    {
      g_autoptr(KithCode) code = kith_codes_get (project, id, &error);
      gint64 n_codings = kith_codes_count_codings (project, id, &error);
      gint64 n_codes = kith_codes_count_descendants (project, id, &error);

      if (code == NULL || n_codings < 0 || n_codes < 0)
        return kith_cli_fail (error);
      if (n_codings > 0)
        {
          g_autofree char *sub = n_codes > 0 ? g_strdup_printf (" (with its %" G_GINT64_FORMAT " sub-code%s)",
                                                                n_codes, n_codes == 1 ? "" : "s") : g_strdup ("");
          g_set_error (&error, KITH_ERROR, KITH_ERROR_EXISTS,
                       "%s: “%s”%s has %" G_GINT64_FORMAT " coding%s; deleting it deletes them too (add --force)",
                       kith_project_get_display_name (project), code->path, sub,
                       n_codings, n_codings == 1 ? "" : "s");
          return kith_cli_fail (error);
        }
    }
  if (!kith_code_edit_delete (project, id, NULL, &error))
    return kith_cli_fail (error);
  return KITH_EXIT_OK;
}

const KithCliCommand kith_cli_codes_commands[] = {
  { "codes", "PROJECT", N_("List codes: id, path, number of codings"), NULL, run_codes },
  { "codes add", "PROJECT PATH", N_("Create a code and any missing parents from a path (parent/child)"),
    N_("Prints the new code's id. Names cannot contain “/”."), run_codes_add },
  { "codes framework", "PROJECT CODE", N_("Place a code in an outcomes framework: goal, dimension, outcome"),
    N_("A code with a goal and an outcome key is one of that goal's outcomes in “kith-cli summary”,\n"
    "and its codings (and its child codes' codings) are evidence for it. Without options, the\n"
    "code is taken out of the framework."),
    run_codes_framework },
  { "codes rename", "PROJECT CODE NAME", N_("Rename a code (its sub-codes follow)"), NULL, run_codes_rename },
  { "codes move", "PROJECT CODE PARENT", N_("Move a code and its sub-codes under PARENT (“/” for the top level)"),
    NULL, run_codes_move },
  { "codes recolour", "PROJECT CODE COLOUR", N_("Change a code's highlight colour (#rrggbb)"), NULL, run_codes_recolour },
  { "codes delete", "PROJECT CODE", N_("Delete a code, its sub-codes, rules and suggestions"),
    N_("A code with codings (its own or its sub-codes') is deleted only with --force, which removes\n"
    "the codings in the same transaction. “kith-cli undo” brings everything back."), run_codes_delete },
  { "code", "PROJECT DOC START END CODE", N_("Code the text from START to END (code points, end exclusive)"),
    N_("Prints the new coding's id. CODE is a code id or path; it must exist (see “codes add”)."),
    run_code },
  { "uncode", "PROJECT CODING_ID", N_("Remove a coding"), NULL, run_uncode },
  { "codings", "PROJECT", N_("List codings: id, document id, code path, start, end, coder, origin"), NULL, run_codings },
  { NULL }
};
