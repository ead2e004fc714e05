/* kith-cli-export.c — export extracts */
#include <stdio.h>
#include <string.h>

#include "kith-cli.h"
#include "kith-codes.h"
#include "kith-documents.h"
#include "kith-extracts.h"
#include "kith-matrix.h"
#include "kith-privacy.h"
#include "kith-xlsx.h"

static int
run_export_extracts (const KithCliCommand *command, int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *output = NULL;
  g_autofree char *doc_ref = NULL;
  g_autofree char *code_ref = NULL;
  gboolean pseudonymise = FALSE;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("Output format: csv, or xlsx (extracts, code frequencies and a matrix of cases by outcomes)"), N_("FORMAT") },
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
  g_autoptr(KithPseudonymiser) p = NULL;
  KithExtractFilter filter = { 0 };

  if (!kith_cli_parse (command, entries, &argc, &argv, 1, 1))
    return KITH_EXIT_USAGE;
  if (format == NULL)
    return kith_cli_usage (command, _("choose a format with --format csv or --format xlsx"));
  if (!g_str_equal (format, "csv") && !g_str_equal (format, "xlsx"))
    return kith_cli_usage (command, _("unknown format “%s” (available: csv, xlsx)"), format);
  if (g_str_equal (format, "xlsx") && kith_cli_refuses_terminal (command, output))
    return KITH_EXIT_USAGE;
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
  if (pseudonymise && (p = kith_privacy_pseudonymiser (project, &error)) == NULL)
    return kith_cli_fail (error);
  if (p != NULL)
    kith_extracts_pseudonymise (extracts, p);
  if (g_str_equal (format, "xlsx"))
    {
      g_autoptr(GBytes) book = NULL;
      g_autoptr(KithMatrix) matrix = kith_matrix_compute_default (project, p, &error);

      if (matrix == NULL || (book = kith_xlsx_extracts (project, extracts, attributes, matrix, &error)) == NULL
          || !kith_cli_write_output (output, g_bytes_get_data (book, NULL), g_bytes_get_size (book), &error))
        return kith_cli_fail (error);
    }
  else
    {
      kith_extracts_to_csv (extracts, attributes, csv);
      if (!kith_cli_write_output (output, csv->str, csv->len, &error))
        return kith_cli_fail (error);
    }
  if (p != NULL)
    kith_cli_report_pseudonymised (p);
  if (output != NULL)
    fprintf (stderr, "wrote %u extracts to %s\n", extracts->len, output);
  return KITH_EXIT_OK;
}

static int
run_matrix (const KithCliCommand *command, int argc, char **argv)
{
  g_autofree char *rows = NULL, *cols = NULL, *cell = NULL, *format = NULL, *output = NULL;
  gboolean pseudonymise = FALSE;
  const GOptionEntry entries[] = {
    { "rows", 0, 0, G_OPTION_ARG_STRING, &rows, N_("case, document or an attribute's name (local_authority, age_band…)"), N_("ROWS") },
    { "cols", 0, 0, G_OPTION_ARG_STRING, &cols, N_("code, outcome, dimension or goal (a column counts its subcodes)"), N_("COLS") },
    { "cell", 0, 0, G_OPTION_ARG_STRING, &cell, N_("What a cell counts: codings (the default), documents, residents or characters"), N_("CELL") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("tsv (the default), csv or xlsx"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (readable by you only) instead of standard output"), N_("FILE") },
    { "pseudonymise", 0, 0, G_OPTION_ARG_NONE, &pseudonymise,
      N_("Replace residents' names, postcodes, phone numbers, e-mail and street addresses (see “kith-cli privacy”)"), NULL },
    { NULL }
  };
  g_autoptr(KithProject) project = NULL;
  g_autoptr(KithMatrix) matrix = NULL;
  g_autoptr(KithPseudonymiser) p = NULL;
  g_autoptr(GBytes) data = NULL;
  g_autoptr(GError) error = NULL;
  KithMatrixRows row_kind;
  KithMatrixColumns col_kind;
  KithMatrixCell cell_kind = KITH_MATRIX_CODINGS;

  if (!kith_cli_parse (command, entries, &argc, &argv, 1, 1))
    return KITH_EXIT_USAGE;
  if (rows == NULL || cols == NULL)
    return kith_cli_usage (command, _("say what the rows and columns are with --rows and --cols"));
  if (!kith_matrix_columns_parse (cols, &col_kind))
    return kith_cli_usage (command, _("--cols must be code, outcome, dimension or goal, not “%s”"), cols);
  if (cell != NULL && !kith_matrix_cell_parse (cell, &cell_kind))
    return kith_cli_usage (command, _("--cell must be codings, documents, residents or characters, not “%s”"), cell);
  if (format == NULL)
    format = g_strdup ("tsv");
  if (!g_str_equal (format, "tsv") && !g_str_equal (format, "csv") && !g_str_equal (format, "xlsx"))
    return kith_cli_usage (command, _("unknown format “%s” (available: tsv, csv, xlsx)"), format);
  if (g_str_equal (format, "xlsx") && kith_cli_refuses_terminal (command, output))
    return KITH_EXIT_USAGE;
  row_kind = g_str_equal (rows, "case") ? KITH_MATRIX_BY_CASE
           : g_str_equal (rows, "document") ? KITH_MATRIX_BY_DOCUMENT : KITH_MATRIX_BY_ATTRIBUTE;
  if ((project = kith_cli_open (argv[1], FALSE, &error)) == NULL)
    return kith_cli_fail (error);
  if (pseudonymise && (p = kith_privacy_pseudonymiser (project, &error)) == NULL)
    return kith_cli_fail (error);
  if ((matrix = kith_matrix_compute (project, row_kind, rows, col_kind, cell_kind, p, &error)) == NULL)
    return kith_cli_fail (error);
  if (g_str_equal (format, "xlsx"))
    data = kith_xlsx_matrix (matrix, &error);
  else
    {
      char *text = kith_matrix_to_text (matrix, g_str_equal (format, "csv") ? ',' : '\t');
      data = g_bytes_new_take (text, strlen (text));
    }
  if (data == NULL || !kith_cli_write_output (output, g_bytes_get_data (data, NULL), g_bytes_get_size (data), &error))
    return kith_cli_fail (error);
  if (p != NULL)
    kith_cli_report_pseudonymised (p);
  return KITH_EXIT_OK;
}

const KithCliCommand kith_cli_export_commands[] = {
  { "export extracts", "PROJECT", N_("Export coded extracts (RFC 4180 CSV, UTF-8)"),
    N_("Columns: document, code, start, end, text (exactly the coded span), speaker, case,\n"
    "coder, memo, origin, created, coding_id, document_kind, then one column per case\n"
    "attribute (see “kith-cli cases”) with the value for the extract's case."),
    run_export_extracts },
  { "matrix", "PROJECT", N_("The framework matrix: rows of cases, documents or an attribute's values by codes or outcomes"),
    N_("The first line is the header: the row kind, then one column per code path or framework key;\n"
       "each further line is a row label (document name, case name or attribute value) and its cells.\n"
       "Every case or document is a row, so one with no evidence shows as a row of zeros; a coding\n"
       "with no case (or no value of the attribute) is in no case (or value) row. A column counts\n"
       "the codings of its code and every subcode; a framework column, of every code placed there."),
    run_matrix },
  { NULL }
};
