/* kith-cli-summary.c — summary: barometers beside coded evidence */
#include <stdio.h>
#include <string.h>

#include "kith-cli.h"
#include "kith-privacy.h"
#include "kith-summary.h"

static gboolean
parse_count (const KithCliCommand *command,
             const char           *option,
             int                   value,
             int                   min,
             guint                *out)
{
  if (value < min)
    {
      kith_cli_usage (command, _("%s must be a whole number of at least %d"), option, min);
      return FALSE;
    }
  *out = (guint) value;
  return TRUE;
}

static int
run_summary (const KithCliCommand *command, int argc, char **argv)
{
  g_autofree char *goal = NULL, *geography = NULL, *period = NULL, *comparator = NULL;
  g_autofree char *format = NULL, *output = NULL, *attribution = NULL, *attribute = NULL;
  g_autofree char *title = NULL, *organisation = NULL, *reporting_period = NULL;
  int thin = 2, quotes = 3, per_person = 1, quote_length = 300;
  gboolean pseudonymise = FALSE;
  const GOptionEntry entries[] = {
    { "goal", 0, 0, G_OPTION_ARG_STRING, &goal, N_("Only this goal (its key, e.g. connected)"), N_("GOAL") },
    { "geography", 0, 0, G_OPTION_ARG_STRING, &geography,
      N_("Figures for this place, and only evidence from it (default: figures for the combined authority, evidence from everywhere)"), N_("NAME") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, N_("Figures for this period (default: each barometer's latest)"), N_("P") },
    { "comparator", 0, 0, G_OPTION_ARG_STRING, &comparator, N_("Compare with this place (default: England)"), N_("NAME") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("html, md (Markdown), docx (Word) or csv"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE (readable by you only) instead of standard output"), N_("FILE") },
    { "thin", 0, 0, G_OPTION_ARG_INT, &thin, N_("Outcomes with fewer coded extracts than N are evidence gaps (default 2)"), N_("N") },
    { "quotes", 0, 0, G_OPTION_ARG_INT, &quotes, N_("Quotes per outcome (default 3)"), N_("N") },
    { "quotes-per-person", 0, 0, G_OPTION_ARG_INT, &per_person, N_("At most N quotes from one person, 0 for no limit (default 1)"), N_("N") },
    { "quote-length", 0, 0, G_OPTION_ARG_INT, &quote_length, N_("Shorten longer quotes to about N characters, visibly (default 300)"), N_("N") },
    { "attribution", 0, 0, G_OPTION_ARG_STRING, &attribution,
      N_("How quotes are attributed: resident (“Resident, Walsall”, the default), speaker or case"), N_("HOW") },
    { "geography-attribute", 0, 0, G_OPTION_ARG_STRING, &attribute,
      N_("The case or document attribute that holds the place (default: local_authority)"), N_("NAME") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("The summary's title (default: as set with “summary settings”)"), N_("T") },
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &organisation, N_("The organisation reporting (default: as set)"), N_("O") },
    { "reporting-period", 0, 0, G_OPTION_ARG_STRING, &reporting_period,
      N_("The period the summary reports on, e.g. “April 2025 to March 2026” (default: as set)"), N_("P") },
    { "pseudonymise", 0, 0, G_OPTION_ARG_NONE, &pseudonymise,
      N_("Replace residents' names, postcodes, phone numbers, e-mail and street addresses (see “kith-cli privacy”)"), NULL },
    { NULL }
  };
  g_autoptr(KithProject) project = NULL;
  g_autoptr(KithSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  KithSummaryOptions options;

  if (!kith_cli_parse (command, entries, &argc, &argv, 1, 1))
    return KITH_EXIT_USAGE;
  kith_summary_options_init (&options);
  if (format == NULL)
    return kith_cli_usage (command, _("choose a format with --format html, md or csv"));
  if (!g_str_equal (format, "html") && !g_str_equal (format, "md") && !g_str_equal (format, "csv")
      && !g_str_equal (format, "docx"))
    return kith_cli_usage (command, _("unknown format “%s” (available: html, md, docx, csv)"), format);
  if (g_str_equal (format, "docx") && kith_cli_refuses_terminal (command, output))
    return KITH_EXIT_USAGE;
  if (attribution != NULL && !kith_attribution_from_string (attribution, &options.attribution))
    return kith_cli_usage (command, _("--attribution must be resident, speaker or case, not “%s”"), attribution);
  if (!parse_count (command, "--thin", thin, 0, &options.thin)
      || !parse_count (command, "--quotes", quotes, 0, &options.quotes)
      || !parse_count (command, "--quotes-per-person", per_person, 0, &options.quotes_per_person)
      || !parse_count (command, "--quote-length", quote_length, 20, &options.quote_length))
    return KITH_EXIT_USAGE;
  options.goal = goal;
  options.geography = geography;
  options.period = period;
  options.comparator = comparator;
  options.geography_attribute = attribute;
  options.title = title;
  options.organisation = organisation;
  options.reporting_period = reporting_period;

  project = kith_cli_open (argv[1], FALSE, &error);
  if (project == NULL)
    return kith_cli_fail (error);
  summary = kith_summary_compute (project, &options, &error);
  if (summary == NULL)
    return kith_cli_fail (error);
  if (pseudonymise)
    {
      g_autoptr(KithPseudonymiser) p = kith_privacy_pseudonymiser (project, &error);

      if (p == NULL)
        return kith_cli_fail (error);
      kith_summary_pseudonymise (summary, p);
      kith_cli_report_pseudonymised (p);
    }
  if (g_str_equal (format, "docx"))
    {
      g_autoptr(GBytes) docx = kith_summary_to_docx (summary, &error);

      if (docx == NULL || !kith_cli_write_output (output, g_bytes_get_data (docx, NULL), g_bytes_get_size (docx), &error))
        return kith_cli_fail (error);
    }
  else if (g_str_equal (format, "html"))
    text = kith_summary_to_html (summary);
  else if (g_str_equal (format, "md"))
    text = kith_summary_to_markdown (summary);
  else
    text = kith_summary_to_csv (summary);
  if (text != NULL && !kith_cli_write_output (output, text, strlen (text), &error))
    return kith_cli_fail (error);
  if (output != NULL)
    fprintf (stderr, "wrote the summary of %u %s to %s\n", summary->goals->len,
             summary->goals->len == 1 ? "goal" : "goals", output);
  return KITH_EXIT_OK;
}

/* Prints the summary's stored front page, or sets the parts given. */
static int
run_summary_settings (const KithCliCommand *command, int argc, char **argv)
{
  KithSummarySettings settings = { 0 };
  const GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &settings.title, N_("The summary's title (\"\" clears it)"), N_("T") },
    { "organisation", 0, 0, G_OPTION_ARG_STRING, &settings.organisation, N_("The organisation reporting"), N_("O") },
    { "period", 0, 0, G_OPTION_ARG_STRING, &settings.reporting_period,
      "The period the summary reports on, e.g. “April 2025 to March 2026”", "P" },
    { NULL }
  };
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gboolean write;

  if (!kith_cli_parse (command, entries, &argc, &argv, 1, 1))
    {
      kith_summary_settings_clear (&settings);
      return KITH_EXIT_USAGE;
    }
  write = settings.title != NULL || settings.organisation != NULL || settings.reporting_period != NULL;
  project = kith_cli_open (argv[1], write, &error);
  if (project == NULL || (write && !kith_summary_settings_save (project, &settings, &error)))
    {
      kith_summary_settings_clear (&settings);
      return kith_cli_fail (error);
    }
  kith_summary_settings_clear (&settings);
  if (!kith_summary_settings_load (project, &settings, &error))
    return kith_cli_fail (error);
  printf ("title\t%s\norganisation\t%s\nperiod\t%s\n", settings.title != NULL ? settings.title : "",
          settings.organisation != NULL ? settings.organisation : "",
          settings.reporting_period != NULL ? settings.reporting_period : "");
  kith_summary_settings_clear (&settings);
  return KITH_EXIT_OK;
}

const KithCliCommand kith_cli_summary_commands[] = {
  { "summary", "PROJECT", N_("An evaluation summary: barometers beside the coded evidence, per goal"),
    N_("For each goal: its key and supporting barometers (the figure beside England's, the gap\n"
    "in points for percentages, the range across local authorities); per think / feel / do\n"
    "outcome, the coded extracts, documents and residents evidencing it, by place; a few quotes;\n"
    "outcomes with thin evidence. Every number is a barometer figure or a count of codings.\n"
    "Formats: html (one self-contained page with charts), md (Markdown for a grant report),\n"
    "csv (one long table: section, goal, item, dimension, geography, period, measure, value,\n"
    "source, detail). A methodology section says where the evidence comes from, how it was\n"
    "coded and checked, and where the barometers' figures come from. Quotes from reports\n"
    "and notes are attributed to the document by title (see “docs title”); the words of the\n"
    "interviewers and facilitators a transcript's header names are never evidence."),
    run_summary },
  { "summary settings", "PROJECT", N_("Print or set the summary's title, organisation and period"),
    N_("Stored in the project and shown at the top of the HTML and Markdown summaries (the\n"
    "desktop Summary view shows the organisation and period). An empty value (\"\") clears\n"
    "it. Prints: title, organisation, period, one a line, tab-separated."),
    run_summary_settings },
  { NULL }
};
