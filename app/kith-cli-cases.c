/* kith-cli-cases.c — cases and their attributes */
#include <stdio.h>
#include <string.h>

#include "kith-cases.h"
#include "kith-cli.h"
#include "kith-documents.h"
#include "kith-history.h"

static int
run_cases (const KithCliCommand *command, int argc, char **argv)
{
  g_autoptr(KithProject) project = NULL;
  int status;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;

  if ((project = kith_cli_start (command, NULL, &argc, &argv, 1, 1, FALSE, &status)) == NULL)
    return status;
  cases = kith_cases_list (project, &error);
  if (cases == NULL)
    return kith_cli_fail (error);
  for (guint i = 0; i < cases->len; i++)
    {
      KithCase *c = g_ptr_array_index (cases, i);
      g_autoptr(GString) values = g_string_new (NULL);
      g_autofree char *name = kith_cli_tsv_field (c->name);
      g_autofree char *field = NULL;

      for (guint v = 0; v < c->values->len; v++)
        {
          KithCaseValue *value = g_ptr_array_index (c->values, v);
          g_string_append_printf (values, "%s%s=%s", v > 0 ? ";" : "", value->attribute, value->value);
        }
      field = kith_cli_tsv_field (values->str);
      printf ("%s\t%s\n", name, field);
    }
  return KITH_EXIT_OK;
}

static int
run_attributes (const KithCliCommand *command, int argc, char **argv)
{
  g_autoptr(KithProject) project = NULL;
  int status;
  g_autoptr(GPtrArray) attributes = NULL;
  g_autoptr(GError) error = NULL;

  if ((project = kith_cli_start (command, NULL, &argc, &argv, 1, 1, FALSE, &status)) == NULL)
    return status;
  attributes = kith_attributes_list (project, &error);
  if (attributes == NULL)
    return kith_cli_fail (error);
  for (guint i = 0; i < attributes->len; i++)
    {
      KithAttribute *a = g_ptr_array_index (attributes, i);
      g_autofree char *name = kith_cli_tsv_field (a->name);
      printf ("%s\t%s\n", name, kith_attribute_type_to_string (a->type));
    }
  return KITH_EXIT_OK;
}

/* ATTRIBUTE=VALUE arguments: checked before the project is touched. */
static gboolean
check_assignments (const KithCliCommand *command,
                   char                **args,
                   int                   n)
{
  for (int i = 0; i < n; i++)
    if (strchr (args[i], '=') == NULL || args[i][0] == '=')
      {
        kith_cli_usage (command, _("“%s” is not ATTRIBUTE=VALUE"), args[i]);
        return FALSE;
      }
  return TRUE;
}

/* Sets each ATTRIBUTE=VALUE (an empty VALUE removes it); attributes that do
 * not exist yet are added, typed by “name:type=…”. */
static gboolean
assign (KithProject *project,
        gint64       owner_id,
        gboolean     document,
        char       **args,
        int          n,
        GError     **error)
{
  for (int i = 0; i < n; i++)
    {
      const char *eq = strchr (args[i], '=');
      g_autofree char *heading = g_strndup (args[i], (gsize) (eq - args[i]));
      g_autofree char *name = NULL;
      KithAttributeType type, actual;
      gboolean typed;
      gint64 id;

      name = kith_attribute_parse_heading (heading, &type, &typed);
      id = kith_attributes_ensure (project, name, type, typed, &actual, error);
      if (id == 0 || !(document ? kith_documents_set_value (project, owner_id, id, actual, eq + 1, error)
                                : kith_cases_set_value (project, owner_id, id, actual, eq + 1, error)))
        {
          g_prefix_error (error, "%s: ", name);
          return FALSE;
        }
    }
  return TRUE;
}

static int
change_case (const KithCliCommand *command,
             int                   argc,
             char                **argv,
             gboolean              adding)
{
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  gint64 case_id;

  if (!kith_cli_parse (command, NULL, &argc, &argv, adding ? 2 : 3, -1)
      || !check_assignments (command, argv + 3, argc - 3))
    return KITH_EXIT_USAGE;
  label = g_strdup_printf (adding ? "Add case “%s”" : "Set values of case “%s”", argv[2]);
  project = kith_cli_open (argv[1], TRUE, &error);
  if (project == NULL || !kith_history_begin (project, "cases", label, &error))
    return kith_cli_fail (error);
  if (adding)
    case_id = kith_cases_add (project, argv[2], FALSE, NULL, &error);
  else
    {
      case_id = kith_cases_find (project, argv[2], &error);
      if (case_id == 0)
        g_set_error (&error, KITH_ERROR, KITH_ERROR_NOT_FOUND,
                     "%s: there is no case “%s” (see “kith-cli cases”)", kith_project_get_display_name (project), argv[2]);
    }
  if (case_id <= 0 || !assign (project, case_id, FALSE, argv + 3, argc - 3, &error) || !kith_history_commit (project, &error))
    {
      kith_history_rollback (project);
      return kith_cli_fail (error);
    }
  if (adding)
    printf ("%" G_GINT64_FORMAT "\n", case_id);
  return KITH_EXIT_OK;
}

static int
run_cases_add (const KithCliCommand *command, int argc, char **argv)
{
  return change_case (command, argc, argv, TRUE);
}

static int
run_cases_set (const KithCliCommand *command, int argc, char **argv)
{
  return change_case (command, argc, argv, FALSE);
}

static int
run_cases_set_document (const KithCliCommand *command, int argc, char **argv)
{
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 doc_id;

  if (!kith_cli_parse (command, NULL, &argc, &argv, 3, -1)
      || !check_assignments (command, argv + 3, argc - 3))
    return KITH_EXIT_USAGE;
  project = kith_cli_open (argv[1], TRUE, &error);
  if (project == NULL || !kith_cli_find_doc (project, argv[2], &doc_id, &error)
      || !kith_history_begin (project, "cases", "Set a document's attribute values", &error))
    return kith_cli_fail (error);
  if (!assign (project, doc_id, TRUE, argv + 3, argc - 3, &error) || !kith_history_commit (project, &error))
    {
      kith_history_rollback (project);
      return kith_cli_fail (error);
    }
  return KITH_EXIT_OK;
}

static int
run_cases_attribute (const KithCliCommand *command, int argc, char **argv)
{
  g_autofree char *type_name = NULL;
  const GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING, &type_name, N_("text, number, date or boolean (default: text)"), N_("TYPE") },
    { NULL }
  };
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GError) error = NULL;
  KithAttributeType type = KITH_ATTRIBUTE_TEXT;

  if (!kith_cli_parse (command, entries, &argc, &argv, 2, 2))
    return KITH_EXIT_USAGE;
  if (type_name != NULL && !kith_attribute_type_from_string (type_name, &type))
    return kith_cli_usage (command, _("--type must be text, number, date or boolean, not “%s”"), type_name);
  project = kith_cli_open (argv[1], TRUE, &error);
  if (project == NULL || !kith_attributes_define (project, argv[2], type, &error))
    return kith_cli_fail (error);
  return KITH_EXIT_OK;
}

/* CSV from a spreadsheet: UTF-8 (with or without BOM), or Excel's
 * Windows-1252 when it is not UTF-8. */
static char *
read_csv (const char *path,
          gsize      *len,
          GError    **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *data = NULL;
  char *utf8;

  if (!g_file_get_contents (path, &data, len, &local))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_NOT_FOUND, "%s: %s", path, local->message);
      return NULL;
    }
  if (memchr (data, '\0', *len) != NULL)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_BINARY, "%s: this is not a CSV file (it holds NUL bytes)", path);
      return NULL;
    }
  if (g_utf8_validate_len (data, *len, NULL))
    return g_steal_pointer (&data);
  utf8 = g_convert (data, (gssize) *len, "UTF-8", "WINDOWS-1252", NULL, len, &local);
  if (utf8 == NULL)
    g_set_error (error, KITH_ERROR, KITH_ERROR_ENCODING, "%s: the file is neither UTF-8 nor Windows-1252 text", path);
  return utf8;
}

static int
run_cases_import (const KithCliCommand *command, int argc, char **argv)
{
  gboolean create = FALSE;
  const GOptionEntry entries[] = {
    { "create", 0, 0, G_OPTION_ARG_NONE, &create, N_("Add the cases the file names that do not exist yet"), NULL },
    { NULL }
  };
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  KithCasesImport report = { 0 };
  gsize len = 0;
  int status = KITH_EXIT_OK;

  if ((project = kith_cli_start (command, entries, &argc, &argv, 2, 2, TRUE, &status)) == NULL)
    return status;
  text = read_csv (argv[2], &len, &error);
  if (text == NULL)
    return kith_cli_fail (error);
  if (!kith_cases_import_csv (project, text, len, create, &report, &error))
    {
      if (report.problems != NULL && report.problems->len > 0)
        {
          for (guint i = 0; i < report.problems->len; i++)
            fprintf (stderr, "kith-cli: %s: %s\n", argv[2], (const char *) g_ptr_array_index (report.problems, i));
          fprintf (stderr, "kith-cli: %s: nothing was imported\n", argv[2]);
        }
      else
        fprintf (stderr, "kith-cli: %s: %s\n", argv[2], error->message);
      status = KITH_EXIT_ERROR;
    }
  else
    printf ("%u cases (%u added), %u values\n", report.cases, report.created, report.values);
  kith_cases_import_clear (&report);
  return status;
}

/* “cases link PROJECT DOC SPEAKER CASE” (@by_speaker) or “cases
 * link-document PROJECT DOC CASE”; the case is added when there is none. */
static int
link_to_case (const KithCliCommand *command,
              int                   argc,
              char                **argv,
              gboolean              by_speaker)
{
  int n_args = by_speaker ? 4 : 3;
  g_autoptr(KithProject) project = NULL;
  g_autoptr(KithDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  const char *case_name;
  gboolean created = FALSE;
  gint64 case_id;
  guint n = 0;
  int status;

  if ((project = kith_cli_start (command, NULL, &argc, &argv, n_args, n_args, TRUE, &status)) == NULL)
    return status;
  case_name = argv[n_args];
  if ((doc = kith_documents_lookup (project, argv[2], &error)) == NULL
      || !kith_history_begin (project, "cases", by_speaker ? "Link a speaker to a case" : "Link a document to a case", &error))
    return kith_cli_fail (error);
  case_id = kith_cases_add (project, case_name, TRUE, &created, &error);
  if (case_id != 0)
    n = by_speaker ? kith_cases_link_speaker (project, doc->id, argv[3], case_id, &error)
                   : (guint) kith_cases_link_document (project, doc->id, case_id, &error);
  if (n == 0 || !kith_history_commit (project, &error))
    {
      kith_history_rollback (project);
      return kith_cli_fail (error);
    }
  if (by_speaker)
    printf ("linked %u %s by %s in %s to case %s%s\n", n, n == 1 ? "turn" : "turns", argv[3], doc->name,
            case_name, created ? " (new)" : "");
  else
    printf ("linked %s to case %s%s\n", doc->name, case_name, created ? " (new)" : "");
  return KITH_EXIT_OK;
}

static int
run_cases_link (const KithCliCommand *command, int argc, char **argv)
{
  return link_to_case (command, argc, argv, TRUE);
}

static int
run_cases_link_document (const KithCliCommand *command, int argc, char **argv)
{
  return link_to_case (command, argc, argv, FALSE);
}

static int
run_cases_from_speakers (const KithCliCommand *command, int argc, char **argv)
{
  g_auto(GStrv) skip = NULL;
  const GOptionEntry entries[] = {
    { "skip", 0, 0, G_OPTION_ARG_STRING_ARRAY, &skip, N_("Leave this speaker out, e.g. the interviewer (repeat for more)"), N_("SPEAKER") },
    { NULL }
  };
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((project = kith_cli_start (command, entries, &argc, &argv, 2, -1, TRUE, &status)) == NULL)
    return status;
  if (!kith_history_begin (project, "cases", "Make cases from speakers", &error))
    return kith_cli_fail (error);
  for (int i = 2; i < argc; i++)
    {
      g_autoptr(KithDocument) doc = kith_documents_lookup (project, argv[i], &error);
      g_autoptr(GPtrArray) linked = NULL;

      if (doc == NULL
          || (linked = kith_cases_from_speakers (project, doc->id, (const char *const *) skip, &error)) == NULL)
        {
          kith_history_rollback (project);
          return kith_cli_fail (error);
        }
      for (guint k = 0; k < linked->len; k++)
        {
          g_autofree char *speaker = kith_cli_tsv_field (g_ptr_array_index (linked, k));
          g_autofree char *name = kith_cli_tsv_field (doc->name);
          printf ("%s\t%s\n", name, speaker);
        }
    }
  if (!kith_history_commit (project, &error))
    return kith_cli_fail (error);
  return KITH_EXIT_OK;
}

const KithCliCommand kith_cli_cases_commands[] = {
  { "cases", "PROJECT", N_("List cases: name, then attribute=value;…"),
    N_("A case is a person or unit of analysis: a participant, an organisation, a workshop."), run_cases },
  { "cases add", "PROJECT CASE [ATTRIBUTE=VALUE…]", N_("Add a case, with attribute values"),
    N_("ATTRIBUTE may be “name:type” (text, number, date, boolean) to add a typed attribute.\n"
    "Numbers use a full stop (3.5), dates are YYYY-MM-DD, booleans true/false, yes/no, 1/0."),
    run_cases_add },
  { "cases set", "PROJECT CASE ATTRIBUTE=VALUE…", N_("Set a case's attribute values (an empty VALUE removes one)"),
    N_("Values are checked against the attribute's type; nothing changes if one is wrong."), run_cases_set },
  { "cases set-document", "PROJECT DOC ATTRIBUTE=VALUE…", N_("Set a document's attribute values (e.g. local_authority=Dudley)"),
    N_("For documents that are not one person's words: workshop notes, reports. A coding's place is its\n"
    "case's value, else its document's."), run_cases_set_document },
  { "cases attribute", "PROJECT NAME", N_("Add an attribute, or change its type"),
    N_("Changing the type checks every value the attribute already has."), run_cases_attribute },
  { "cases attributes", "PROJECT", N_("List attributes: name, type"), NULL, run_attributes },
  { "cases import", "PROJECT FILE.csv", N_("Set attributes from a CSV: first column the case, others attributes"),
    N_("The heading line names the attributes; “age:number” gives a type (text, number, date,\n"
    "boolean). An empty cell removes the case's value. Cases the project does not have are\n"
    "an error unless --create. Every problem is reported by line, and a file with any\n"
    "problem changes nothing. UTF-8 or Windows-1252; comma, semicolon or tab separated."),
    run_cases_import },
  { "cases link", "PROJECT DOC SPEAKER CASE", N_("Link a speaker's turns in a document to a case"),
    N_("The case is added if there is none of that name."), run_cases_link },
  { "cases link-document", "PROJECT DOC CASE", N_("Link a whole document to a case"),
    N_("The case is added if there is none of that name."), run_cases_link_document },
  { "cases from-speakers", "PROJECT DOC…", N_("Make each speaker of the documents a case, and link their turns"),
    N_("Cases are named after the speakers; an existing case of that name is reused."), run_cases_from_speakers },
  { NULL }
};
