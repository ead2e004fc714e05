/* kith-cli-exchange.c — REFI-QDA exchange: export qdc|qdpx, import-qdc, import-qdpx */
#include <stdio.h>

#include "kith-cli.h"
#include "kith-refi-import.h"

/* ---- import ---- */

static int
print_refi_report (KithRefiReport *report)
{
  g_autofree char *text = kith_refi_report_format (report);

  fputs (text, stdout);
  kith_refi_report_clear (report);
  return KITH_EXIT_OK;
}

static int
run_import_qdc (const KithCliCommand *command, int argc, char **argv)
{
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GError) error = NULL;
  KithRefiReport report;
  int status;

  if ((project = kith_cli_start (command, NULL, &argc, &argv, 2, 2, TRUE, &status)) == NULL)
    return status;
  kith_refi_report_init (&report);
  if (!kith_refi_import_qdc (project, argv[2], NULL, &report, &error))
    {
      kith_refi_report_clear (&report);
      return kith_cli_fail (error);
    }
  return print_refi_report (&report);
}

/* PROJECT is made when it does not exist, and removed again on failure. */
static int
run_import_qdpx (const KithCliCommand *command, int argc, char **argv)
{
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GError) error = NULL;
  KithRefiReport report;
  gboolean ok;

  if (!kith_cli_parse (command, NULL, &argc, &argv, 2, 2))
    return KITH_EXIT_USAGE;
  kith_refi_report_init (&report);
  if (!g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      project = kith_refi_import_qdpx_new (argv[1], argv[2], NULL, &report, &error);
      ok = project != NULL;
    }
  else
    {
      project = kith_cli_open (argv[1], TRUE, &error);
      ok = project != NULL && kith_refi_import_qdpx (project, argv[2], NULL, &report, &error);
    }
  if (!ok)
    {
      kith_refi_report_clear (&report);
      return kith_cli_fail (error);
    }
  return print_refi_report (&report);
}

/* Export commands first, then import; each half adds its rows in its part. */
const KithCliCommand kith_cli_exchange_commands[] = {
  /* export */
  /* import */
  { "import-qdc", "PROJECT FILE.qdc", "Merge a REFI-QDA codebook into the project's codes",
    "Codes are matched by their path: one the project has already is not doubled, and keeps\n"
    "its own description and colour. The report says what came in and what differed.",
    run_import_qdc },
  { "import-qdpx", "PROJECT FILE.qdpx", "Import a REFI-QDA project (made when PROJECT does not exist)",
    "Coders, codes, text sources with their codings, cases, variables and notes come in as one\n"
    "undoable step; a source whose text the project has already is not doubled. The report\n"
    "lists what came in, what was adjusted (and why) and what Kith does not hold (skipped).",
    run_import_qdpx },
  { NULL }
};
