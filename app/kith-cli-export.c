/* kith-cli-export.c — export extracts */
#include <stdio.h>

#include "kith-cli.h"
#include "kith-codes.h"
#include "kith-documents.h"
#include "kith-extracts.h"
#include "kith-privacy.h"

static int
run_export_extracts (const KithCliCommand *command, int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *doc_ref = NULL;
  g_autofree char *code_ref = NULL;
  gboolean pseudonymise = FALSE;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: csv"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (readable by you only) instead of standard output"), N_("FILE") },
    { "doc", 0, 0, G_OPTION_ARG_STRING, &doc_ref, N_("Only extracts from this document"), N_("DOC") },
    { "code", 0, 0, G_OPTION_ARG_STRING, &code_ref, N_("Only extracts coded with this code"), N_("CODE") },
    { "pseudonymise", 0, 0, G_OPTION_ARG_NONE, &pseudonymise,
      N_("Replace residents' names, postcodes, phone numbers, e-mail and street addresses (see “kith-cli privacy”)"), NULL },
    { NULL }
  };
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GPtrArray) extracts = NULL;
  g_autoptr(GPtrArray) attributes = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  KithExtractFilter filter = { 0 };

  if (!kith_cli_parse (command, entries, &argc, &argv, 1, 1))
    return KITH_EXIT_USAGE;
  if (format == NULL)
    return kith_cli_usage (command, _("choose a format with --format csv"));
  if (!g_str_equal (format, "csv"))
    return kith_cli_usage (command, _("unknown format “%s” (available: csv)"), format);
  project = kith_cli_open_with_doc (argv[1], doc_ref, &filter.document_id, &error);
  if (project == NULL)
    return kith_cli_fail (error);
  if (code_ref != NULL)
    {
      filter.code_id = kith_codes_lookup (project, code_ref, &error);
      if (filter.code_id == 0)
        return kith_cli_fail (error);
    }
  extracts = kith_extracts_query_full (project, &filter, &attributes, &error);
  if (extracts == NULL)
    return kith_cli_fail (error);
  if (pseudonymise)
    {
      g_autoptr(KithPseudonymiser) p = kith_privacy_pseudonymiser (project, &error);

      if (p == NULL)
        return kith_cli_fail (error);
      kith_extracts_pseudonymise (extracts, p);
      kith_cli_report_pseudonymised (p);
    }
  kith_extracts_to_csv (extracts, attributes, csv);
  if (!kith_cli_write_output (output, csv->str, csv->len, &error))
    return kith_cli_fail (error);
  if (output != NULL)
    fprintf (stderr, "wrote %u extracts to %s\n", extracts->len, output);
  return KITH_EXIT_OK;
}

const KithCliCommand kith_cli_export_commands[] = {
  { "export extracts", "PROJECT", N_("Export coded extracts (RFC 4180 CSV, UTF-8)"),
    N_("Columns: document, code, start, end, text (exactly the coded span), speaker, case,\n"
    "coder, memo, origin, created, coding_id, document_kind, then one column per case\n"
    "attribute (see “kith-cli cases”) with the value for the extract's case."),
    run_export_extracts },
  { NULL }
};
