/* kith-cli-history.c — undo, redo */
#include <stdio.h>

#include "kith-cli.h"
#include "kith-history.h"

static int
run_flip (const KithCliCommand *command, int argc, char **argv, gboolean redo)
{
  g_autofree char *group = NULL;
  const GOptionEntry entries[] = {
    { "only", 0, 0, G_OPTION_ARG_STRING, &group, N_("Only actions of this kind: coding, codebook, review…"), N_("KIND") },
    { NULL }
  };
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  gboolean ok;
  int status;

  if ((project = kith_cli_start (command, entries, &argc, &argv, 1, 1, TRUE, &status)) == NULL)
    return status;
  ok = redo ? kith_history_redo (project, group, &label, &error)
            : kith_history_undo (project, group, &label, &error);
  if (!ok)
    return kith_cli_fail (error);
  printf ("%s: %s\n", redo ? "redone" : "undone", label);
  return KITH_EXIT_OK;
}

static int
run_undo (const KithCliCommand *command, int argc, char **argv)
{
  return run_flip (command, argc, argv, FALSE);
}

static int
run_redo (const KithCliCommand *command, int argc, char **argv)
{
  return run_flip (command, argc, argv, TRUE);
}

const KithCliCommand kith_cli_history_commands[] = {
  { "undo", "PROJECT", N_("Undo the latest change to codes, codings, memos, cases or attributes"),
    N_("The history is kept in the project, shared with the desktop app. Importing is not undone;\n"
    "deleting a document cannot be undone and starts the history afresh."), run_undo },
  { "redo", "PROJECT", N_("Redo the change undone last"), NULL, run_redo },
  { NULL }
};
