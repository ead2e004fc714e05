/* kith-cli-codebook.c — codebook load, codebook export, rules, rules import, rules stats */
#include <math.h>
#include <stdio.h>

#include "kith-cli.h"
#include "kith-codebook.h"
#include "kith-review.h"
#include "kith-rule-store.h"

static int
run_codebook_load (const KithCliCommand *command, int argc, char **argv)
{
  g_autoptr(KithProject) project = NULL;
  g_autoptr(KithCodebook) codebook = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  KithCodebookMerge merge = { 0 };

  if (!kith_cli_parse (command, NULL, &argc, &argv, 2, 2))
    return KITH_EXIT_USAGE;
  path = kith_codebook_find (argv[2], &error);
  if (path == NULL)
    return kith_cli_fail (error);
  /* the whole file is checked before the project is opened for writing */
  codebook = kith_codebook_read (path, &error);
  if (codebook == NULL)
    return kith_cli_fail (error);
  project = kith_cli_open (argv[1], TRUE, &error);
  if (project == NULL || !kith_codebook_merge (project, codebook, &merge, &error))
    return kith_cli_fail (error);
  printf ("%s: codes %u added, %u already there; rules %u added, %u already there\n",
          codebook->name, merge.codes_added, merge.codes_existing, merge.rules_added, merge.rules_existing);
  return KITH_EXIT_OK;
}

static int
run_codebook_export (const KithCliCommand *command, int argc, char **argv)
{
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (default: standard output)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(KithProject) project = NULL;
  int status;
  g_autoptr(KithCodebook) codebook = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  if ((project = kith_cli_start (command, entries, &argc, &argv, 1, 1, FALSE, &status)) == NULL)
    return status;
  codebook = kith_codebook_from_project (project, &error);
  if (codebook == NULL)
    return kith_cli_fail (error);
  data = kith_codebook_to_data (codebook, &len);
  if (!kith_cli_write_output (output, data, len, &error))
    return kith_cli_fail (error);
  return KITH_EXIT_OK;
}

static int
run_rules (const KithCliCommand *command, int argc, char **argv)
{
  g_autoptr(KithProject) project = NULL;
  int status;
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GError) error = NULL;

  if ((project = kith_cli_start (command, NULL, &argc, &argv, 1, 1, FALSE, &status)) == NULL)
    return status;
  rules = kith_rules_list (project, NULL, &error);
  if (rules == NULL)
    return kith_cli_fail (error);
  for (guint i = 0; i < rules->len; i++)
    {
      KithRuleDef *def = g_ptr_array_index (rules, i);
      g_autofree char *path = kith_cli_tsv_field (def->code_path);
      printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\n", def->id, path, kith_scope_to_string (def->scope), def->pattern);
    }
  return KITH_EXIT_OK;
}

static int
run_rules_import (const KithCliCommand *command, int argc, char **argv)
{
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GError) error = NULL;
  KithRulesImport result = { 0 };
  int status;

  if ((project = kith_cli_start (command, NULL, &argc, &argv, 2, 2, TRUE, &status)) == NULL)
    return status;
  if (!kith_rules_import_tsv (project, argv[2], &result, &error))
    return kith_cli_fail (error);
  printf ("rules %u added, %u already there; codes %u created\n", result.added, result.existing, result.codes_created);
  return KITH_EXIT_OK;
}

static int
run_rules_delete (const KithCliCommand *command, int argc, char **argv)
{
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (!kith_cli_parse (command, NULL, &argc, &argv, 2, 2))
    return KITH_EXIT_USAGE;
  if (!kith_cli_parse_id (command, "RULE", "rules", argv[2], &id))
    return KITH_EXIT_USAGE;
  project = kith_cli_open (argv[1], TRUE, &error);
  if (project == NULL || !kith_rules_delete (project, id, &error))
    return kith_cli_fail (error);
  return KITH_EXIT_OK;
}

static int
run_rules_stats (const KithCliCommand *command, int argc, char **argv)
{
  g_autoptr(KithProject) project = NULL;
  int status;
  g_autoptr(GPtrArray) stats = NULL;
  g_autoptr(GError) error = NULL;

  if ((project = kith_cli_start (command, NULL, &argc, &argv, 1, 1, FALSE, &status)) == NULL)
    return status;
  stats = kith_rules_stats (project, &error);
  if (stats == NULL)
    return kith_cli_fail (error);
  for (guint i = 0; i < stats->len; i++)
    {
      KithRuleStats *st = g_ptr_array_index (stats, i);
      g_autofree char *path = kith_cli_tsv_field (st->code_path);
      char precision[16] = "-";

      if (!isnan (st->precision))
        g_snprintf (precision, sizeof precision, "%.2f", st->precision);
      printf ("%" G_GINT64_FORMAT "\t%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT
              "\t%" G_GINT64_FORMAT "\t%s\t%s\n", st->rule_id, path, st->hits, st->accepted, st->rejected,
              st->pending, precision, st->pattern);
    }
  return KITH_EXIT_OK;
}

const KithCliCommand kith_cli_codebook_commands[] = {
  { "codebook load", "PROJECT NAME|FILE", N_("Load a bundled codebook (by NAME) or a codebook file into a project"),
    N_("Codes are matched by path and never duplicated; rules already there are not added again.\n"
    "Bundled: inclusive-communities (the WMCA Inclusive Communities think/feel/do outcomes)."), run_codebook_load },
  { "codebook export", "PROJECT", N_("Write the project's codes and rules as a codebook file"),
    N_("The format is a GLib key file; see the comment at its top."), run_codebook_export },
  { "rules", "PROJECT", N_("List suggestion rules: id, code path, scope, pattern"), NULL, run_rules },
  { "rules import", "PROJECT FILE.tsv", N_("Add rules from CODE_PATH<TAB>PATTERN lines (# comments)"),
    N_("Missing codes are created. The rules are caseless with scope match. A bad line\n"
    "(FILE:LINE, the pattern, the offset, PCRE2's message) stores nothing."), run_rules_import },
  { "rules delete", "PROJECT RULE", N_("Drop a rule: its pending suggestions go, decided ones stay"),
    N_("A span rejected under the rule is still not suggested again. “kith-cli undo” brings it back."),
    run_rules_delete },
  { "rules stats", "PROJECT",
    N_("Per rule from review decisions: id, code path, hits, accepted, rejected, pending, precision"),
    N_("precision = accepted / (accepted + rejected), “-” before any decision; a low one marks a\n"
    "noisy rule to fix or drop."), run_rules_stats },
  { NULL }
};
