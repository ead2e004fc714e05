/* kith-cli-exchange.c — REFI-QDA exchange: export qdc|qdpx, import-qdc, import-qdpx */
#include <stdio.h>
#include <string.h>

#include "kith-cli.h"
#include "kith-error.h"
#include "kith-privacy.h"
#include "kith-refi-export.h"
#include "kith-refi-import.h"

/* PROJECT.kith → PROJECT.qdpx beside it */
static char *
default_qdpx_path (const char *project_path)
{
  gsize len = strlen (project_path);

  if (g_str_has_suffix (project_path, ".kith") && len > 5)
    len -= 5;
  return g_strdup_printf ("%.*s.qdpx", (int) len, project_path);
}

static int
run_export_refi (const KithCliCommand *command, int argc, char **argv, KithRefiFormat format)
{
  g_autofree char *output = NULL;
  gboolean crlf = FALSE, unique_names = FALSE, force = FALSE, pseudonymise = FALSE;
  const GOptionEntry qdc_entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (readable by you only) instead of standard output"), N_("FILE") },
    { "unique-names", 0, 0, G_OPTION_ARG_NONE, &unique_names, N_("Write a code name used more than once as its path (“Connected › Think”), for QualCoder"), NULL },
    { NULL }
  };
  const GOptionEntry qdpx_entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (readable by you only; replaced if it exists)"), N_("FILE") },
    { "crlf", 0, 0, G_OPTION_ARG_NONE, &crlf, N_("Write line ends as CRLF and count positions over them, for MAXQDA and NVivo for Windows"), NULL },
    { "unique-names", 0, 0, G_OPTION_ARG_NONE, &unique_names, N_("Write a code name used more than once as its path (“Connected › Think”), for QualCoder"), NULL },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_("Replace PROJECT.qdpx when it exists (without -o)"), NULL },
    { "pseudonymise", 0, 0, G_OPTION_ARG_NONE, &pseudonymise,
      N_("Replace residents' names, postcodes, phone numbers, e-mail and street addresses (see “kith-cli privacy”)"), NULL },
    { NULL }
  };
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report_text = NULL;
  KithRefiExportOptions options = { 0 };
  KithRefiExportReport report = { 0 };
  g_autoptr(KithPseudonymiser) p = NULL;
  int status = KITH_EXIT_OK;

  project = kith_cli_start (command, format == KITH_REFI_QDC ? qdc_entries : qdpx_entries,
                            &argc, &argv, 1, 1, FALSE, &status);
  if (project == NULL)
    return status;
  if (format == KITH_REFI_QDPX && output == NULL)
    {
      output = default_qdpx_path (argv[1]);
      if (!force && g_file_test (output, G_FILE_TEST_EXISTS))
        {
          g_set_error (&error, KITH_ERROR, KITH_ERROR_EXISTS,
                       "%s: the file exists already (replace it with --force, or choose another with -o)", output);
          return kith_cli_fail (error);
        }
    }
  if (pseudonymise && (p = kith_privacy_pseudonymiser (project, &error)) == NULL)
    return kith_cli_fail (error);
  options.pseudonymiser = p;
  options.crlf = crlf;
  options.unique_names = unique_names;
  data = kith_refi_export (project, format, &options, &report, NULL, NULL, &error);
  if (data == NULL)
    return kith_cli_fail (error);
  /* a file is written as the app writes it; a codebook may go to standard output */
  if (output != NULL && !g_str_equal (output, "-") ? !kith_refi_export_save (data, output, &error)
                                                   : !kith_cli_write_output (NULL, g_bytes_get_data (data, NULL),
                                                                             g_bytes_get_size (data), &error))
    return kith_cli_fail (error);
  report_text = kith_refi_export_report_text (&report, format);
  if (output != NULL && !g_str_equal (output, "-"))
    fprintf (stderr, "wrote %s\n", output);
  fputs (report_text, stderr);
  return KITH_EXIT_OK;
}

static int
run_export_qdc (const KithCliCommand *command, int argc, char **argv)
{
  return run_export_refi (command, argc, argv, KITH_REFI_QDC);
}

static int
run_export_qdpx (const KithCliCommand *command, int argc, char **argv)
{
  return run_export_refi (command, argc, argv, KITH_REFI_QDPX);
}

/* Export commands first, then import; each half adds its rows in its part. */

/* ---- import ---- */
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
  { "export qdc", "PROJECT [-o FILE]", N_("Export the codebook as REFI-QDA (.qdc)"),
    N_("Codes with their hierarchy, descriptions and colours, and the framework's goals,\n"
    "dimensions and outcomes as sets. Without -o the codebook goes to standard output.\n"
    "A summary of what was written goes to standard error."),
    run_export_qdc },
  { "export qdpx", "PROJECT [-o FILE] [--crlf] [--pseudonymise]", N_("Export the project as REFI-QDA (.qdpx)"),
    N_("Coders, codes, attributes, cases, documents (as their canonical text, UTF-8),\n"
    "codings and memos. Without -o the project goes to PROJECT.qdpx beside PROJECT\n"
    "(PROJECT's name without .kith), and an existing file there is kept unless --force.\n"
    "Kith keeps no original .docx or .pdf: each source is its text, as Kith holds it.\n"
    "Pending and rejected suggestions are left out. A summary of what was written,\n"
    "and what was left out, goes to standard error."),
    run_export_qdpx },
  /* import */
  { "import-qdc", "PROJECT FILE.qdc", N_("Merge a REFI-QDA codebook into the project's codes"),
    N_("Codes are matched by their path: one the project has already is not doubled, and keeps\n"
    "its own description and colour. The report says what came in and what differed."),
    run_import_qdc },
  { "import-qdpx", "PROJECT FILE.qdpx", N_("Import a REFI-QDA project (made when PROJECT does not exist)"),
    N_("Coders, codes, text sources with their codings, cases, variables and notes come in as one\n"
    "undoable step; a source whose text the project has already is not doubled. The report\n"
    "lists what came in, what was adjusted (and why) and what Kith does not hold (skipped)."),
    run_import_qdpx },
  { NULL }
};
