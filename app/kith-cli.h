/* kith-cli.h — shared by the kith-cli command files
 *
 * Exit status: 0 success, 1 a user-level error (the message on stderr names
 * the file and the problem), 2 bad usage.
 */
#pragma once

#include <glib.h>

#include "kith-i18n.h"
#include "kith-project.h"
#include "kith-pseudonymiser.h"

G_BEGIN_DECLS

enum {
  KITH_EXIT_OK = 0,
  KITH_EXIT_ERROR = 1,
  KITH_EXIT_USAGE = 2,
};

typedef struct _KithCliCommand KithCliCommand;

struct _KithCliCommand
{
  const char *name;         /* one or two words: "import", "codes add" */
  const char *params;       /* "PROJECT PATH..." */
  const char *summary;      /* one line */
  const char *description;  /* more help, or NULL */
  int       (*run)          (const KithCliCommand *command,
                             int                   argc,
                             char                **argv);
};

/* Parses @entries; on return argv[1 …] are the positional arguments.
 * FALSE (with a message printed) on bad usage. */
gboolean     kith_cli_parse      (const KithCliCommand *command,
                                  const GOptionEntry   *entries,
                                  int                  *argc,
                                  char               ***argv,
                                  int                   min_args,
                                  int                   max_args);
int          kith_cli_usage      (const KithCliCommand *command,
                                  const char           *format,
                                  ...) G_GNUC_PRINTF (2, 3);
int          kith_cli_fail       (GError               *error);
KithProject *kith_cli_open       (const char           *path,
                                  gboolean              write,
                                  GError              **error);
/* Parses @entries, then opens the project named by the first argument.
 * On failure prints why, sets *@status (2 usage, 1 error) and returns NULL. */
KithProject *kith_cli_start      (const KithCliCommand *command,
                                  const GOptionEntry   *entries,
                                  int                  *argc,
                                  char               ***argv,
                                  int                   min_args,
                                  int                   max_args,
                                  gboolean              write,
                                  int                  *status);
/* The id of document @ref (id or name); 0 and TRUE when @ref is NULL. */
gboolean     kith_cli_find_doc   (KithProject          *project,
                                  const char           *ref,
                                  gint64               *id,
                                  GError              **error);
/* Opens @path read-only and, when @doc_ref is not NULL, finds that
 * document (an id or an exact name): *@doc_id is its id, 0 without one. */
KithProject *kith_cli_open_with_doc (const char *path,
                                     const char *doc_ref,
                                     gint64     *doc_id,
                                     GError    **error);
/* Parses a non-negative integer argument, or prints a usage error. */
gboolean     kith_cli_parse_offset (const KithCliCommand *command,
                                    const char           *what,
                                    const char           *text,
                                    gint64               *out);
/* Parses a row id (1 or more) that “kith-cli @listing” shows, or prints a
 * usage error naming @what. */
gboolean     kith_cli_parse_id     (const KithCliCommand *command,
                                    const char           *what,
                                    const char           *listing,
                                    const char           *text,
                                    gint64               *out);
/* Writes @data to @path (0600, atomically), or to stdout when @path is NULL. */
gboolean     kith_cli_write_output (const char         *path,
                                    const char         *data,
                                    gsize               len,
                                    GError            **error);
/* “pseudonymised: names 12, postcodes 1, …” on stderr */
void         kith_cli_report_pseudonymised (KithPseudonymiser *pseudonymiser);
/* A binary format (a workbook, a Word document) asked for on a terminal:
 * says so (usage) and returns TRUE. */
gboolean     kith_cli_refuses_terminal (const KithCliCommand *command,
                                        const char           *output);
/* TSV fields: tabs and line breaks in names become spaces. */
char        *kith_cli_tsv_field  (const char           *text);

/* the commands, one file per group */
extern const KithCliCommand kith_cli_documents_commands[];
extern const KithCliCommand kith_cli_codes_commands[];
extern const KithCliCommand kith_cli_export_commands[];
extern const KithCliCommand kith_cli_history_commands[];
extern const KithCliCommand kith_cli_barometers_commands[];
extern const KithCliCommand kith_cli_summary_commands[];
extern const KithCliCommand kith_cli_cases_commands[];
extern const KithCliCommand kith_cli_codebook_commands[];
extern const KithCliCommand kith_cli_suggest_commands[];
extern const KithCliCommand kith_cli_exchange_commands[];
extern const KithCliCommand kith_cli_privacy_commands[];

G_END_DECLS
