/* kith-cli-common.c — option parsing, errors and output for kith-cli */
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kith-cli.h"
#include "kith-csv-writer.h"
#include "kith-documents.h"

gboolean
kith_cli_parse (const KithCliCommand *command,
                const GOptionEntry   *entries,
                int                  *argc,
                char               ***argv,
                int                   min_args,
                int                   max_args)
{
  g_autoptr(GOptionContext) context = g_option_context_new (command->params);
  g_autoptr(GError) error = NULL;
  int positional;

  /* “Usage: kith-cli import …” in --help */
  g_set_prgname ((*argv)[0]);
  /* the summary, description and option texts are marked N_() where they
   * are written, and translated here */
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, command->summary);
  if (command->description != NULL)
    g_option_context_set_description (context, command->description);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      kith_cli_usage (command, "%s", error->message);
      return FALSE;
    }
  positional = *argc - 1;
  if (positional < min_args)
    {
      kith_cli_usage (command, _("missing arguments: %s"), command->params);
      return FALSE;
    }
  if (max_args >= 0 && positional > max_args)
    {
      kith_cli_usage (command, _("too many arguments (expected %s)"), command->params);
      return FALSE;
    }
  return TRUE;
}

int
kith_cli_usage (const KithCliCommand *command,
                const char           *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "kith-cli %s: %s\n", command->name, message);
  fprintf (stderr, _("Usage: kith-cli %s %s\nRun “kith-cli %s --help” for more.\n"),
           command->name, command->params, command->name);
  return KITH_EXIT_USAGE;
}

int
kith_cli_fail (GError *error)
{
  fprintf (stderr, "kith-cli: %s\n", error->message);
  return KITH_EXIT_ERROR;
}

KithProject *
kith_cli_open (const char *path,
               gboolean    write,
               GError    **error)
{
  KithProject *project = kith_project_open (path, write ? KITH_OPEN_DEFAULT : KITH_OPEN_READ_ONLY, error);
  const char *timeout = g_getenv ("KITH_BUSY_TIMEOUT_MS");
  const char *coder = g_getenv ("KITH_CODER");

  if (project == NULL)
    return NULL;
  if (write && kith_project_is_read_only (project))
    {
      kith_project_set_read_only_error (project, error);
      g_object_unref (project);
      return NULL;
    }
  if (timeout != NULL)
    {
      guint64 ms;
      if (g_ascii_string_to_unsigned (timeout, 10, 0, 600000, &ms, NULL))
        kith_project_set_busy_timeout (project, (int) ms);
    }
  if (coder != NULL && *coder != '\0')
    kith_project_set_coder (project, coder);
  return project;
}

KithProject *
kith_cli_start (const KithCliCommand *command,
                const GOptionEntry   *entries,
                int                  *argc,
                char               ***argv,
                int                   min_args,
                int                   max_args,
                gboolean              write,
                int                  *status)
{
  g_autoptr(GError) error = NULL;
  KithProject *project;

  if (!kith_cli_parse (command, entries, argc, argv, min_args, max_args))
    {
      *status = KITH_EXIT_USAGE;
      return NULL;
    }
  project = kith_cli_open ((*argv)[1], write, &error);
  if (project == NULL)
    *status = kith_cli_fail (error);
  return project;
}

gboolean
kith_cli_find_doc (KithProject *project,
                   const char  *ref,
                   gint64      *id,
                   GError     **error)
{
  g_autoptr(KithDocument) doc = NULL;

  *id = 0;
  if (ref == NULL)
    return TRUE;
  doc = kith_documents_lookup (project, ref, error);
  if (doc == NULL)
    return FALSE;
  *id = doc->id;
  return TRUE;
}

KithProject *
kith_cli_open_with_doc (const char *path,
                        const char *doc_ref,
                        gint64     *doc_id,
                        GError    **error)
{
  g_autoptr(KithProject) project = kith_cli_open (path, FALSE, error);

  *doc_id = 0;
  if (project == NULL || !kith_cli_find_doc (project, doc_ref, doc_id, error))
    return NULL;
  return g_steal_pointer (&project);
}

gboolean
kith_cli_parse_offset (const KithCliCommand *command,
                       const char           *what,
                       const char           *text,
                       gint64               *out)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &value, NULL))
    {
      kith_cli_usage (command, _("%s must be a whole number of characters, not “%s”"), what, text);
      return FALSE;
    }
  *out = (gint64) value;
  return TRUE;
}

gboolean
kith_cli_parse_id (const KithCliCommand *command,
                   const char           *what,
                   const char           *listing,
                   const char           *text,
                   gint64               *out)
{
  guint64 value;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      kith_cli_usage (command, _("%s must be a whole number (see “kith-cli %s”), not “%s”"), what, listing, text);
      return FALSE;
    }
  *out = (gint64) value;
  return TRUE;
}

gboolean
kith_cli_write_output (const char *path,
                       const char *data,
                       gsize       len,
                       GError    **error)
{
  g_autoptr(GError) local = NULL;

  if (path == NULL || g_str_equal (path, "-"))
    {
      if (fwrite (data, 1, len, stdout) != len || fflush (stdout) != 0)
        {
          int saved = errno;
          g_set_error (error, KITH_ERROR, KITH_ERROR_IO, "cannot write to standard output: %s", g_strerror (saved));
          return FALSE;
        }
      return TRUE;
    }
  /* exports hold quotes from transcripts: owner-only, like the project */
  if (!g_file_set_contents_full (path, data, (gssize) len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_IO, "%s", local->message);
      return FALSE;
    }
  return TRUE;
}

char *
kith_cli_tsv_field (const char *text)
{
  return kith_tsv_field (text);
}

gboolean
kith_cli_refuses_terminal (const KithCliCommand *command,
                           const char           *output)
{
  if (output != NULL || !isatty (STDOUT_FILENO))
    return FALSE;
  kith_cli_usage (command, _("this format is not for a terminal: write it to a file with -o FILE"));
  return TRUE;
}

void
kith_cli_report_pseudonymised (KithPseudonymiser *pseudonymiser)
{
  g_autofree char *counts = kith_pseudonymiser_describe (pseudonymiser);

  fprintf (stderr, _("pseudonymised: %s\n"), counts);
}
