/* kith-cli-privacy.c — the names a pseudonymised export replaces */
#include <stdio.h>

#include "kith-cli.h"
#include "kith-privacy.h"

static int
run_privacy (const KithCliCommand *command, int argc, char **argv)
{
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((project = kith_cli_start (command, NULL, &argc, &argv, 1, 1, FALSE, &status)) == NULL)
    return status;
  if ((names = kith_privacy_list (project, &error)) == NULL)
    return kith_cli_fail (error);
  for (guint i = 0; i < names->len; i++)
    {
      KithPrivacyName *n = g_ptr_array_index (names, i);
      g_autofree char *name = kith_cli_tsv_field (n->name);

      printf ("%s\t%s\t%u\t%s\n", name, kith_privacy_source_to_string (n->source), n->occurrences,
              n->keep ? "keep" : n->pseudonym);
    }
  return KITH_EXIT_OK;
}

static int
decide (const KithCliCommand *command, int argc, char **argv, gboolean add, gboolean keep)
{
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((project = kith_cli_start (command, NULL, &argc, &argv, 2, 2, TRUE, &status)) == NULL)
    return status;
  if (!(add ? kith_privacy_add (project, argv[2], &error) : kith_privacy_keep (project, argv[2], keep, &error)))
    return kith_cli_fail (error);
  return KITH_EXIT_OK;
}

static int
run_privacy_add (const KithCliCommand *command, int argc, char **argv)
{
  return decide (command, argc, argv, TRUE, FALSE);
}

static int
run_privacy_keep (const KithCliCommand *command, int argc, char **argv)
{
  return decide (command, argc, argv, FALSE, TRUE);
}

static int
run_privacy_replace (const KithCliCommand *command, int argc, char **argv)
{
  return decide (command, argc, argv, FALSE, FALSE);
}

const KithCliCommand kith_cli_privacy_commands[] = {
  { "privacy", "PROJECT", N_("List the names pseudonymised exports replace: name, from, occurrences, pseudonym or keep"),
    N_("Names come from cases (“case”), speakers (“speaker”), names you added (“user”) and\n"
       "capitalised words that no dictionary or gazetteer knows (“text”), numbered in that order.\n"
       "Exports made with --pseudonymise replace each with its pseudonym, and postcodes, phone\n"
       "numbers, e-mail and street addresses with [postcode], [phone], [email] and [address].\n"
       "The stored text is never changed."),
    run_privacy },
  { "privacy add", "PROJECT NAME", N_("Replace NAME in pseudonymised exports"), NULL, run_privacy_add },
  { "privacy keep", "PROJECT NAME", N_("Keep NAME as it is in pseudonymised exports (a place, an organisation)"), NULL,
    run_privacy_keep },
  { "privacy replace", "PROJECT NAME", N_("Replace NAME again after keeping it"), NULL, run_privacy_replace },
  { NULL }
};
