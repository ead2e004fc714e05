/* kith-cli.c — the headless Kith: every command, one entry point */
#include "kith-config.h"

#include <stdio.h>
#include <string.h>

#include "kith-chart.h"
#include "kith-cli.h"
#include "kith-i18n.h"

static const KithCliCommand *const command_tables[] = {
  kith_cli_documents_commands,
  kith_cli_codes_commands,
  kith_cli_cases_commands,
  kith_cli_codebook_commands,
  kith_cli_suggest_commands,
  kith_cli_export_commands,
  kith_cli_history_commands,
  kith_cli_barometers_commands,
  kith_cli_summary_commands,
  kith_cli_exchange_commands,
  kith_cli_privacy_commands,
};

static void
print_overview (FILE *out)
{
  fprintf (out, "%s",
           _("Usage: kith-cli COMMAND [OPTION…] ARGUMENTS\n"
             "\n"
             "Kith: qualitative coding and outcome evaluation, headless.\n"
             "\n"
             "Commands:\n"));
  for (gsize t = 0; t < G_N_ELEMENTS (command_tables); t++)
    for (const KithCliCommand *c = command_tables[t]; c->name != NULL; c++)
      {
        g_autofree char *usage = g_strdup_printf ("%s %s", c->name, c->params);
        /* pad by characters, not bytes: “…” is three bytes */
        int pad = 48 - (int) g_utf8_strlen (usage, -1);
        fprintf (out, "  %s%*s %s\n", usage, MAX (pad, 0), "", _(c->summary));
      }
  fprintf (out, "%s",
           _("\n"
             "DOC is a document id or its exact name; CODE a code id or its path (parent/child).\n"
             "Positions are Unicode code point offsets into a document's text, end exclusive.\n"
             "Run “kith-cli COMMAND --help” for a command's options.\n"
             "Exit status: 0 success, 1 an error in the data or files, 2 bad usage.\n"));
}

static const KithCliCommand *
find_command (int argc, char **argv, int *words)
{
  /* two-word commands (“codes add”) before one-word ones (“codes”) */
  if (argc >= 3)
    {
      g_autofree char *two = g_strdup_printf ("%s %s", argv[1], argv[2]);
      for (gsize t = 0; t < G_N_ELEMENTS (command_tables); t++)
        for (const KithCliCommand *c = command_tables[t]; c->name != NULL; c++)
          if (g_str_equal (c->name, two))
            {
              *words = 2;
              return c;
            }
    }
  for (gsize t = 0; t < G_N_ELEMENTS (command_tables); t++)
    for (const KithCliCommand *c = command_tables[t]; c->name != NULL; c++)
      if (g_str_equal (c->name, argv[1]))
        {
          *words = 1;
          return c;
        }
  return NULL;
}

int
main (int argc, char **argv)
{
  const KithCliCommand *command;
  int words = 0;
  char **sub_argv;
  int sub_argc;

  kith_i18n_init ();
  g_set_prgname ("kith-cli");

  if (argc < 2)
    {
      print_overview (stderr);
      return KITH_EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_overview (stdout);
      return KITH_EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("kith-cli %s\n", KITH_VERSION);
      return KITH_EXIT_OK;
    }
  command = find_command (argc, argv, &words);
  if (command == NULL)
    {
      fprintf (stderr, _("kith-cli: unknown command “%s”\nRun “kith-cli --help” for the list of commands.\n"), argv[1]);
      return KITH_EXIT_USAGE;
    }

  /* the command sees: PROGRAM-AND-COMMAND ARGS… */
  sub_argc = argc - words;
  sub_argv = g_new0 (char *, sub_argc + 1);
  sub_argv[0] = g_strdup_printf ("kith-cli %s", command->name);
  for (int i = 1; i < sub_argc; i++)
    sub_argv[i] = g_strdup (argv[i + words]);
  {
    /* option parsing removes entries from the array, so free by a copy */
    g_autofree char **owned = g_memdup2 (sub_argv, sizeof (char *) * (gsize) (sub_argc + 1));
    int status = command->run (command, sub_argc, sub_argv);
    g_free (sub_argv);
    g_strfreev (g_steal_pointer (&owned));
    kith_chart_release_fonts ();
    return status;
  }
}
