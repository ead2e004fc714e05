/* kith-cli-exchange.c — REFI-QDA exchange: export qdc|qdpx, import-qdc, import-qdpx */
#include <stdio.h>
#include <string.h>

#include "kith-cli.h"
#include "kith-error.h"
#include "kith-refi-export.h"

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
  gboolean crlf = FALSE, unique_names = FALSE, force = FALSE;
  const GOptionEntry qdc_entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write to FILE (readable by you only) instead of standard output", "FILE" },
    { "unique-names", 0, 0, G_OPTION_ARG_NONE, &unique_names, "Write a code name used more than once as its path (“Connected › Think”), for QualCoder", NULL },
    { NULL }
  };
  const GOptionEntry qdpx_entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write to FILE (readable by you only; replaced if it exists)", "FILE" },
    { "crlf", 0, 0, G_OPTION_ARG_NONE, &crlf, "Write line ends as CRLF and count positions over them, for MAXQDA and NVivo for Windows", NULL },
    { "unique-names", 0, 0, G_OPTION_ARG_NONE, &unique_names, "Write a code name used more than once as its path (“Connected › Think”), for QualCoder", NULL },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, "Replace PROJECT.qdpx when it exists (without -o)", NULL },
    { NULL }
  };
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report_text = NULL;
  KithRefiExportOptions options = { 0 };
  KithRefiExportReport report = { 0 };
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
const KithCliCommand kith_cli_exchange_commands[] = {
  /* export */
  { "export qdc", "PROJECT [-o FILE]", "Export the codebook as REFI-QDA (.qdc)",
    "Codes with their hierarchy, descriptions and colours, and the framework's goals,\n"
    "dimensions and outcomes as sets. Without -o the codebook goes to standard output.\n"
    "A summary of what was written goes to standard error.",
    run_export_qdc },
  { "export qdpx", "PROJECT [-o FILE] [--crlf]", "Export the project as REFI-QDA (.qdpx)",
    "Coders, codes, attributes, cases, documents (as their canonical text, UTF-8),\n"
    "codings and memos. Without -o the project goes to PROJECT.qdpx beside PROJECT\n"
    "(PROJECT's name without .kith), and an existing file there is kept unless --force.\n"
    "Kith keeps no original .docx or .pdf: each source is its text, as Kith holds it.\n"
    "Pending and rejected suggestions are left out. A summary of what was written,\n"
    "and what was left out, goes to standard error.",
    run_export_qdpx },
  /* import */
  { NULL }
};
