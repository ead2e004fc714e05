/* kith-cli-barometers.c — barometers, barometers import, link, unlink, links */
#include <stdio.h>

#include "kith-barometers.h"
#include "kith-cli.h"
#include "kith-codes.h"

static int
run_barometers (const KithCliCommand *command, int argc, char **argv)
{
  gboolean sources = FALSE;
  const GOptionEntry entries[] = {
    { "sources", 0, 0, G_OPTION_ARG_NONE, &sources, N_("Add where each figure came from: source, where stated, file, line"), NULL },
    { NULL }
  };
  g_autoptr(KithProject) project = NULL;
  int status;
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GError) error = NULL;

  if ((project = kith_cli_start (command, entries, &argc, &argv, 1, 1, FALSE, &status)) == NULL)
    return status;
  values = kith_barometers_values (project, 0, &error);
  if (values == NULL)
    return kith_cli_fail (error);
  for (guint i = 0; i < values->len; i++)
    {
      KithBarometerValue *v = g_ptr_array_index (values, i);
      g_autofree char *geography = kith_cli_tsv_field (v->geography);
      g_autofree char *period = kith_cli_tsv_field (v->period);
      g_autofree char *value = kith_barometer_value_format (v);

      printf ("%s\t%s\t%s\t%s\t%s", v->barometer, geography, period, value, v->conflict ? "conflict" : "");
      if (sources)
        {
          g_autofree char *source = kith_cli_tsv_field (v->source);
          g_autofree char *where = kith_cli_tsv_field (v->where_stated);
          g_autofree char *file = kith_cli_tsv_field (v->file);
          printf ("\t%s\t%s\t%s\t%" G_GINT64_FORMAT, source, where, file, v->line);
        }
      printf ("\n");
    }
  return KITH_EXIT_OK;
}

static int
run_barometers_import (const KithCliCommand *command, int argc, char **argv)
{
  g_autoptr(KithProject) project = NULL;
  int status;
  g_autoptr(KithBarometerImport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if ((project = kith_cli_start (command, NULL, &argc, &argv, 2, 2, TRUE, &status)) == NULL)
    return status;
  ok = kith_barometers_import_file (project, argv[2], &report, &error);
  if (report != NULL)
    for (guint i = 0; i < report->problems->len; i++)
      fprintf (stderr, "kith-cli: %s: %s\n", report->file, (char *) g_ptr_array_index (report->problems, i));
  if (!ok)
    return kith_cli_fail (error);
  {
    g_autofree char *file = kith_cli_tsv_field (report->file);
    printf ("imported\t%s\t%s, %s: %u rows; %u new %s, %u updated; %u new %s, %u already stored; "
            "%u %s without a figure\n",
            file, report->format, report->encoding, report->n_rows,
            report->n_barometers_new, report->n_barometers_new == 1 ? "barometer" : "barometers",
            report->n_barometers_updated,
            report->n_values_new, report->n_values_new == 1 ? "figure" : "figures", report->n_values_unchanged,
            report->n_named_only, report->n_named_only == 1 ? "row names a barometer" : "rows name a barometer");
  }
  for (guint i = 0; i < report->conflicts->len; i++)
    {
      KithBarometerValue *v = g_ptr_array_index (report->conflicts, i);
      g_autofree char *value = kith_barometer_value_format (v);
      g_autofree char *geography = kith_cli_tsv_field (v->geography);
      g_autofree char *where = kith_cli_tsv_field (v->where_stated);
      g_autofree char *source = kith_cli_tsv_field (v->source);
      g_autofree char *file = kith_cli_tsv_field (v->file);
      printf ("conflict\t%s\t%s\t%s\t%s\t%s; %s; %s line %" G_GINT64_FORMAT "\n",
              v->barometer, geography, v->period, value, source, where, file, v->line);
    }
  return KITH_EXIT_OK;
}

static int
change_link (const KithCliCommand *command, int argc, char **argv, gboolean link)
{
  g_autoptr(KithProject) project = NULL;
  int status;
  g_autoptr(KithBarometer) barometer = NULL;
  g_autoptr(GError) error = NULL;
  gint64 code_id;

  if ((project = kith_cli_start (command, NULL, &argc, &argv, 3, 3, TRUE, &status)) == NULL)
    return status;
  code_id = kith_codes_lookup (project, argv[2], &error);
  if (code_id == 0)
    return kith_cli_fail (error);
  barometer = kith_barometers_lookup (project, argv[3], &error);
  if (barometer == NULL)
    return kith_cli_fail (error);
  if (!(link ? kith_barometers_link : kith_barometers_unlink) (project, code_id, barometer->id, &error))
    return kith_cli_fail (error);
  return KITH_EXIT_OK;
}

static int
run_barometers_link (const KithCliCommand *command, int argc, char **argv)
{
  return change_link (command, argc, argv, TRUE);
}

static int
run_barometers_unlink (const KithCliCommand *command, int argc, char **argv)
{
  return change_link (command, argc, argv, FALSE);
}

static int
run_barometers_links (const KithCliCommand *command, int argc, char **argv)
{
  g_autoptr(KithProject) project = NULL;
  int status;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GError) error = NULL;

  if ((project = kith_cli_start (command, NULL, &argc, &argv, 1, 1, FALSE, &status)) == NULL)
    return status;
  links = kith_barometers_links (project, &error);
  if (links == NULL)
    return kith_cli_fail (error);
  for (guint i = 0; i < links->len; i++)
    {
      KithBarometerLink *link = g_ptr_array_index (links, i);
      g_autofree char *code = kith_cli_tsv_field (link->code);
      printf ("%s\t%s\n", link->barometer, code);
    }
  return KITH_EXIT_OK;
}

const KithCliCommand kith_cli_barometers_commands[] = {
  { "barometers", "PROJECT", N_("List barometer figures: barometer, geography, period, value, conflict"),
    N_("One line per figure. An empty value: a source names the barometer there without a figure.\n"
    "“conflict”: another figure for the same barometer, geography and period disagrees; both\n"
    "are kept (see --sources for where each came from)."),
    run_barometers },
  { "barometers import", "PROJECT FILE", N_("Import or update barometers and their figures from CSV or TSV"),
    N_("Columns (header first, any order): goal_key, role (key or supporting), barometer_key,\n"
    "barometer (its label), source, measure (percent, smc_group, count or rate), geography,\n"
    "period, value; optional: where_stated, better (higher or lower; default higher),\n"
    "geography_level (local, combined or nation; default guessed from the name).\n"
    "Lines starting with # are comments; a blank value names a barometer without a figure.\n"
    "CSV or TSV by the extension (.csv, .tsv), else by the first line. Every bad row is\n"
    "reported with its line; if there is any, nothing from the file is stored. Figures are\n"
    "never overwritten: one that disagrees with a stored one is kept and reported as a conflict."),
    run_barometers_import },
  { "barometers link", "PROJECT CODE BAROMETER", N_("Link a code to a barometer: its codings become evidence beside it"),
    N_("Codes placed in a framework goal are linked to that goal's barometers already;\n"
    "use this for any other code. BAROMETER is a barometer key."),
    run_barometers_link },
  { "barometers unlink", "PROJECT CODE BAROMETER", N_("Remove a link made with “barometers link”"), NULL,
    run_barometers_unlink },
  { "barometers links", "PROJECT", N_("List links made with “barometers link”: barometer, code path"), NULL,
    run_barometers_links },
  { NULL }
};
