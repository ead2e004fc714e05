/* kith-cli-documents.c — init, import, docs, show, turns */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kith-cli.h"
#include "kith-decoder.h"
#include "kith-documents.h"
#include "kith-import.h"
#include "kith-search.h"

static int
run_init (const KithCliCommand *command, int argc, char **argv)
{
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GError) error = NULL;

  if (!kith_cli_parse (command, NULL, &argc, &argv, 1, 1))
    return KITH_EXIT_USAGE;
  project = kith_project_create (argv[1], &error);
  if (project == NULL)
    return kith_cli_fail (error);
  printf ("created %s\n", kith_project_get_display_name (project));
  return KITH_EXIT_OK;
}

typedef struct
{
  gboolean tty;
  guint    last_percent;
  guint    last_index;
} Progress;

static void
show_progress (const char *path,
               guint       index,
               guint       total,
               double      fraction,
               gpointer    user_data)
{
  Progress *progress = user_data;
  guint percent = (guint) (fraction * 100.0);
  g_autofree char *name = NULL;

  if (!progress->tty || (percent == progress->last_percent && index == progress->last_index))
    return;
  progress->last_percent = percent;
  progress->last_index = index;
  name = g_filename_display_basename (path);
  fprintf (stderr, "\r\033[K[%u/%u] %s %3u%%", index + 1, total, name, percent);
  fflush (stderr);
}

static void
print_result (const KithImportResult *r)
{
  g_autofree char *path = kith_cli_tsv_field (r->path);

  switch (r->status)
    {
    case KITH_IMPORT_IMPORTED:
      {
        g_autoptr(GString) details = g_string_new (NULL);
        if (r->n_documents > 1 || g_strcmp0 (r->kind, "survey") == 0)
          g_string_append_printf (details, "%u %s from document %" G_GINT64_FORMAT ", %s, %u %s, %"
                                  G_GINT64_FORMAT " characters, %s",
                                  r->n_documents, r->n_documents == 1 ? "document" : "documents", r->document_id,
                                  r->kind, r->n_cases, r->n_cases == 1 ? "case" : "cases", r->n_chars, r->encoding);
        else
          g_string_append_printf (details, "document %" G_GINT64_FORMAT ", %s, %" G_GINT64_FORMAT " characters, %s",
                                  r->document_id, r->kind, r->n_chars, r->encoding);
        if (r->n_joined > 0)
          g_string_append_printf (details, ", reflowed (%u %s joined)", r->n_joined,
                                  r->n_joined == 1 ? "line" : "lines");
        else if (r->reflowed)
          g_string_append (details, ", reflowed");
        if (r->n_furniture > 0)
          g_string_append_printf (details, ", %u %s of page furniture removed", r->n_furniture,
                                  r->n_furniture == 1 ? "line" : "lines");
        if (r->n_turns > 0)
          g_string_append_printf (details, ", %u %s by %u %s", r->n_turns, r->n_turns == 1 ? "turn" : "turns",
                                  r->n_speakers, r->n_speakers == 1 ? "speaker" : "speakers");
        printf ("imported\t%s\t%s\n", path, details->str);
      }
      break;
    case KITH_IMPORT_DUPLICATE:
    case KITH_IMPORT_SKIPPED:
      printf ("%s\t%s\t%s\n", kith_import_status_to_string (r->status), path, r->message);
      break;
    case KITH_IMPORT_FAILED:
    default:
      printf ("failed\t%s\t%s\n", path, r->message);
      fprintf (stderr, "kith-cli: %s: %s\n", r->path, r->message);
      break;
    }
}

static int
run_import (const KithCliCommand *command, int argc, char **argv)
{
  g_autofree char *kind = NULL;
  g_autofree char *encoding = NULL;
  g_auto(GStrv) text_columns = NULL;
  g_autofree char *id_column = NULL;
  g_autofree char *layout = NULL;
  gboolean no_reflow = FALSE, reflow = FALSE;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("What the documents are: transcript, report or notes (default: guessed from the text: dialogue, mostly prose, or neither)"), N_("KIND") },
    { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding, N_("Read the files in this encoding instead of detecting it (e.g. WINDOWS-1252)"), N_("ENC") },
    { "no-reflow", 0, 0, G_OPTION_ARG_NONE, &no_reflow,
      N_("Keep the text as it is: every line break, page numbers and running headers too"), NULL },
    { "reflow", 0, 0, G_OPTION_ARG_NONE, &reflow,
      N_("Join the lines of every paragraph, even where the text does not look hard-wrapped"), NULL },
    { "text-column", 0, 0, G_OPTION_ARG_STRING_ARRAY, &text_columns, N_("Survey CSV: a column of free-text answers (repeat for more)"), N_("COLUMN") },
    { "id-column", 0, 0, G_OPTION_ARG_STRING, &id_column, N_("Survey CSV: the column that identifies respondents"), N_("COLUMN") },
    { "survey-layout", 0, 0, G_OPTION_ARG_STRING, &layout, N_("Survey CSV: a document per respondent (responses, the default) or per column (columns)"), N_("LAYOUT") },
    { NULL }
  };
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  KithImportOptions options;
  Progress progress = { isatty (STDERR_FILENO), G_MAXUINT, G_MAXUINT };
  guint counts[4] = { 0 };

  if (!kith_cli_parse (command, entries, &argc, &argv, 2, -1))
    return KITH_EXIT_USAGE;
  if (kind != NULL && !kith_document_kind_is_valid (kind))
    return kith_cli_usage (command, _("--kind must be transcript, report, notes or survey, not “%s”"), kind);
  if (encoding != NULL && !kith_encoding_is_known (encoding))
    return kith_cli_usage (command, _("unknown encoding “%s” (try UTF-8, UTF-16LE, WINDOWS-1252, ISO-8859-15)"), encoding);
  if (layout != NULL && !g_str_equal (layout, "responses") && !g_str_equal (layout, "columns"))
    return kith_cli_usage (command, _("--survey-layout must be responses or columns, not “%s”"), layout);

  project = kith_cli_open (argv[1], TRUE, &error);
  if (project == NULL)
    return kith_cli_fail (error);

  kith_import_options_init (&options);
  options.kind = kind;
  options.encoding = encoding;
  if (no_reflow && reflow)
    return kith_cli_usage (command, _("--reflow and --no-reflow cannot be used together"));
  options.reflow = no_reflow ? KITH_REFLOW_NEVER : reflow ? KITH_REFLOW_ALWAYS : KITH_REFLOW_AUTO;
  options.progress = show_progress;
  options.progress_data = &progress;
  options.text_columns = (const char *const *) text_columns;
  options.id_column = id_column;
  options.survey_layout = g_strcmp0 (layout, "columns") == 0 ? KITH_SURVEY_COLUMNS : KITH_SURVEY_RESPONSES;
  for (int i = 2; i < argc; i++)
    g_ptr_array_add (paths, argv[i]);
  g_ptr_array_add (paths, NULL);

  results = kith_import_paths (project, (const char *const *) paths->pdata, &options);
  if (progress.tty)
    fprintf (stderr, "\r\033[K");
  for (guint i = 0; i < results->len; i++)
    {
      KithImportResult *r = g_ptr_array_index (results, i);
      print_result (r);
      counts[r->status]++;
    }
  fprintf (stderr, "%u imported, %u duplicate, %u failed, %u skipped\n",
           counts[KITH_IMPORT_IMPORTED], counts[KITH_IMPORT_DUPLICATE],
           counts[KITH_IMPORT_FAILED], counts[KITH_IMPORT_SKIPPED]);
  return counts[KITH_IMPORT_FAILED] > 0 ? KITH_EXIT_ERROR : KITH_EXIT_OK;
}

static int
run_docs (const KithCliCommand *command, int argc, char **argv)
{
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((project = kith_cli_start (command, NULL, &argc, &argv, 1, 1, FALSE, &status)) == NULL)
    return status;
  docs = kith_documents_list (project, &error);
  if (docs == NULL)
    return kith_cli_fail (error);
  for (guint i = 0; i < docs->len; i++)
    {
      KithDocument *doc = g_ptr_array_index (docs, i);
      g_autofree char *name = kith_cli_tsv_field (doc->name);
      printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%" G_GINT64_FORMAT "\n", doc->id, name, doc->kind, doc->char_count);
    }
  return KITH_EXIT_OK;
}

/* Prints a document's title, or sets it (an empty TITLE clears it). */
static int
run_docs_title (const KithCliCommand *command, int argc, char **argv)
{
  g_autoptr(KithProject) project = NULL;
  g_autoptr(KithDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  int status;

  if ((project = kith_cli_start (command, NULL, &argc, &argv, 2, 3, argc > 3, &status)) == NULL)
    return status;
  if ((doc = kith_documents_lookup (project, argv[2], &error)) == NULL)
    return kith_cli_fail (error);
  if (argc > 3)
    {
      if (!kith_documents_set_title (project, doc->id, argv[3], &error))
        return kith_cli_fail (error);
      gint64 id = doc->id;
      g_clear_pointer (&doc, kith_document_free);
      if ((doc = kith_documents_get (project, id, &error)) == NULL)
        return kith_cli_fail (error);
    }
  if ((title = kith_documents_dup_title (project, doc, &error)) == NULL)
    return kith_cli_fail (error);
  printf ("%s\n", title);
  return KITH_EXIT_OK;
}

static gboolean
write_stdout (const char *data, gsize len, gpointer user_data, GError **error)
{
  if (fwrite (data, 1, len, stdout) != len)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_IO, "cannot write to standard output");
      return FALSE;
    }
  return TRUE;
}

static int
run_show (const KithCliCommand *command, int argc, char **argv)
{
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GError) error = NULL;
  gint64 doc_id;
  int status;

  if ((project = kith_cli_start (command, NULL, &argc, &argv, 2, 2, FALSE, &status)) == NULL)
    return status;
  if (!kith_cli_find_doc (project, argv[2], &doc_id, &error)
      || !kith_documents_read_text (project, doc_id, write_stdout, NULL, &error))
    return kith_cli_fail (error);
  if (fflush (stdout) != 0)
    return KITH_EXIT_ERROR;
  return KITH_EXIT_OK;
}

static int
run_turns (const KithCliCommand *command, int argc, char **argv)
{
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GPtrArray) turns = NULL;
  g_autoptr(GError) error = NULL;
  gint64 doc_id;
  int status;

  if ((project = kith_cli_start (command, NULL, &argc, &argv, 2, 2, FALSE, &status)) == NULL)
    return status;
  if (!kith_cli_find_doc (project, argv[2], &doc_id, &error)
      || (turns = kith_documents_list_turns (project, doc_id, &error)) == NULL)
    return kith_cli_fail (error);
  for (guint i = 0; i < turns->len; i++)
    {
      KithTurn *turn = g_ptr_array_index (turns, i);
      g_autofree char *speaker = kith_cli_tsv_field (turn->speaker);
      g_autofree char *ts = turn->timestamp_ms >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, turn->timestamp_ms)
                                                    : g_strdup ("");
      printf ("%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\t%s\n", turn->start, turn->end, speaker, ts);
    }
  return KITH_EXIT_OK;
}

static int
run_find (const KithCliCommand *command, int argc, char **argv)
{
  g_autofree char *doc_ref = NULL;
  gboolean ignore_case = FALSE;
  const GOptionEntry entries[] = {
    { "doc", 0, 0, G_OPTION_ARG_STRING, &doc_ref, N_("Only this document (id or name)"), N_("DOC") },
    { "ignore-case", 'i', 0, G_OPTION_ARG_NONE, &ignore_case, N_("Match upper and lower case alike"), NULL },
    { NULL }
  };
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  gint64 doc_id;
  int status;

  if ((project = kith_cli_start (command, entries, &argc, &argv, 2, 2, FALSE, &status)) == NULL)
    return status;
  if (!kith_cli_find_doc (project, doc_ref, &doc_id, &error)
      || (hits = kith_search_text (project, argv[2], doc_id, ignore_case, &error)) == NULL)
    return kith_cli_fail (error);
  for (guint i = 0; i < hits->len; i++)
    {
      KithSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *name = kith_cli_tsv_field (hit->document);
      printf ("%" G_GINT64_FORMAT "\t%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\n",
              hit->document_id, name, hit->start, hit->end, hit->context);
    }
  return KITH_EXIT_OK;
}

const KithCliCommand kith_cli_documents_commands[] = {
  { "init", "PROJECT", N_("Create a new, empty project file (readable by you only)"),
    N_("The file must not exist yet. Projects are SQLite files; the usual extension is .kith."),
    run_init },
  { "import", "PROJECT PATH…", N_("Import files, or every supported file in folders"),
    N_("Formats, recognised by their content as well as their name:\n"
    "  text (.txt, .md) in UTF-8, UTF-16, Windows-1252, ISO-8859-1/-15 …, detected;\n"
    "  Word (.docx) and OpenDocument (.odt): paragraphs, headings, lists, tables, notes;\n"
    "  PDF: reading order, running headers/footers dropped, wrapped lines rejoined;\n"
    "  HTML: the visible text; WebVTT (.vtt) and SRT (.srt) captions: speaker turns\n"
    "  with timestamps; survey CSV: see --text-column.\n"
    "Line ends become LF. Hard-wrapped text is reflowed into paragraphs, judged block by\n"
    "block (also across page breaks); a word hyphenated at a line end is rejoined when\n"
    "the joined word is a word (“commu-nity”), and keeps its hyphen otherwise\n"
    "(“place-based”). Page numbers, running headers and icon names copied out of PDFs\n"
    "are removed. --no-reflow keeps the text exactly; --reflow joins every paragraph.\n"
    "Speaker turns (“Name:” or “[00:12:03] Name:”) are found where the text reads as\n"
    "dialogue: several speakers, each more than once, taking turns (with --kind\n"
    "transcript, the speakers who take turns, even in a document that does not read as\n"
    "dialogue). Headings and “Label: value” lines are never turns, so reports and notes\n"
    "have none.\n"
    "Survey CSV (one row per respondent): the free-text columns are the documents, the\n"
    "id column names each respondent's case, the other columns become the case's\n"
    "attributes (a heading “age:number” sets the type: text, number, date, boolean).\n"
    "Without --text-column a CSV with exactly one column of long free text uses it;\n"
    "any other CSV found in a folder is skipped with the reason.\n"
    "Each file is reported as imported, duplicate, skipped or failed with the reason;\n"
    "a file that fails leaves nothing behind. Exit status 1 if any file failed."),
    run_import },
  { "docs", "PROJECT", N_("List documents: id, name, kind, characters"), NULL, run_docs },
  { "docs title", "PROJECT DOC [TITLE]", N_("Print a document's title, or set it"),
    N_("The title names the document where the summary quotes it (“Report: TITLE”). It is\n"
    "taken from the file's metadata when the file has one, else from the first heading\n"
    "or first short line; a TITLE given here replaces it, and an empty one (\"\") brings\n"
    "back the title worked out from the text."), run_docs_title },
  { "show", "PROJECT DOC", N_("Print a document's canonical text, exactly"), NULL, run_show },
  { "turns", "PROJECT DOC", N_("List speaker turns: start, end, speaker, timestamp in ms"), NULL, run_turns },
  { "find", "PROJECT TEXT", N_("Find text: document id, name, start, end, context"),
    N_("Positions are code point offsets, ready for “kith-cli code”."), run_find },
  { NULL }
};
