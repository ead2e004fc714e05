/* kith-cli-suggest.c — suggest, review list, review accept, review reject, review undo */
#include <stdio.h>
#include <unistd.h>

#include "kith-cli.h"
#include "kith-codes.h"
#include "kith-documents.h"
#include "kith-review.h"
#include "kith-suggest.h"
#include "kith-utf8.h"

#define SNIPPET_CHARS 70

static void
show_progress (guint done, guint total, gpointer user_data)
{
  gint64 *last = user_data;
  gint64 now = g_get_monotonic_time ();

  if (done < total && now - *last < G_USEC_PER_SEC / 4)
    return;
  *last = now;
  fprintf (stderr, "\r%u of %u documents", done, total);
  if (done == total)
    fputc ('\n', stderr);
}

static int
run_suggest (const KithCliCommand *command, int argc, char **argv)
{
  g_auto(GStrv) doc_refs = NULL;
  g_auto(GStrv) code_refs = NULL;
  const GOptionEntry entries[] = {
    { "doc", 0, 0, G_OPTION_ARG_STRING_ARRAY, &doc_refs, N_("Only this document (repeat for more; default: all)"), N_("DOC") },
    { "code", 0, 0, G_OPTION_ARG_STRING_ARRAY, &code_refs,
      N_("Only the rules of this code and its sub-codes (repeat for more; default: all)"), N_("CODE") },
    { NULL }
  };
  g_autoptr(KithProject) project = NULL;
  int status;
  g_autoptr(KithSuggestResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) docs = NULL;
  g_autoptr(GArray) codes = NULL;
  gint64 started = g_get_monotonic_time (), last = 0;

  if ((project = kith_cli_start (command, entries, &argc, &argv, 1, 1, TRUE, &status)) == NULL)
    return status;
  if (doc_refs != NULL)
    {
      docs = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; doc_refs[i] != NULL; i++)
        {
          g_autoptr(KithDocument) doc = kith_documents_lookup (project, doc_refs[i], &error);
          if (doc == NULL)
            return kith_cli_fail (error);
          g_array_append_val (docs, doc->id);
        }
    }
  if (code_refs != NULL)
    {
      codes = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; code_refs[i] != NULL; i++)
        {
          gint64 id = kith_codes_lookup (project, code_refs[i], &error);
          if (id == 0)
            return kith_cli_fail (error);
          g_array_append_val (codes, id);
        }
    }
  if (!kith_suggest_run (project, docs, codes, isatty (STDERR_FILENO) ? show_progress : NULL, &last,
                         NULL, &result, &error))
    return kith_cli_fail (error);
  for (guint i = 0; i < result->problems->len; i++)
    fprintf (stderr, "kith-cli: warning: %s\n", (const char *) g_ptr_array_index (result->problems, i));
  printf ("%u documents (%.1f MB), %u rules (%u prefiltered), %u threads, %.2f s: "
          "%u suggestions added, %u already coded, suggested or rejected\n",
          result->n_documents, (double) result->n_bytes / 1e6, result->n_rules, result->n_prefiltered,
          result->n_threads, (double) (g_get_monotonic_time () - started) / G_USEC_PER_SEC,
          result->n_new, result->n_known);
  return KITH_EXIT_OK;
}

/* “…the words suggested…”, on one line */
static char *
snippet (GHashTable *texts, KithProject *project, const KithSuggestion *s)
{
  KithTextIndex *index = g_hash_table_lookup (texts, &s->document_id);
  g_autofree char *span = NULL;
  gint64 end;

  if (index == NULL)
    {
      gsize len = 0;
      char *text = kith_documents_dup_text (project, s->document_id, &len, NULL);
      if (text == NULL)
        return g_strdup ("");
      index = kith_text_index_new (text, len);
      g_hash_table_insert (texts, g_memdup2 (&s->document_id, sizeof (gint64)), index);
    }
  end = MIN (s->end, s->start + SNIPPET_CHARS);
  span = kith_text_index_dup_span (index, s->start, end);
  for (char *p = span; *p != '\0'; p++)
    if (*p == '\n' || *p == '\t')
      *p = ' ';
  return g_strdup_printf ("“%s%s”", span, end < s->end ? "…" : "");
}

static void
free_index (gpointer data)
{
  KithTextIndex *index = data;

  g_free ((char *) kith_text_index_get_text (index));
  kith_text_index_free (index);
}

static int
run_review_list (const KithCliCommand *command, int argc, char **argv)
{
  g_autofree char *format = NULL;
  g_autofree char *doc_ref = NULL;
  gboolean all = FALSE;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("tsv: id, document, code path, start, end, rule, status"), N_("FORMAT") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_("Also accepted and rejected suggestions"), NULL },
    { "doc", 0, 0, G_OPTION_ARG_STRING, &doc_ref, N_("Only this document"), N_("DOC") },
    { NULL }
  };
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, free_index);
  gboolean tsv;
  gint64 doc_id = 0;

  if (!kith_cli_parse (command, entries, &argc, &argv, 1, 1))
    return KITH_EXIT_USAGE;
  if (format != NULL && !g_str_equal (format, "tsv") && !g_str_equal (format, "text"))
    return kith_cli_usage (command, _("--format must be tsv or text, not “%s”"), format);
  tsv = format != NULL && g_str_equal (format, "tsv");
  project = kith_cli_open_with_doc (argv[1], doc_ref, &doc_id, &error);
  if (project == NULL)
    return kith_cli_fail (error);
  list = kith_suggestions_list (project, doc_id, !all, &error);
  if (list == NULL)
    return kith_cli_fail (error);
  for (guint i = 0; i < list->len; i++)
    {
      KithSuggestion *s = g_ptr_array_index (list, i);
      g_autofree char *doc = kith_cli_tsv_field (s->document);
      g_autofree char *path = kith_cli_tsv_field (s->code_path);
      const char *status = kith_suggestion_status_to_string (s->status);

      if (tsv)
        printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\n",
                s->id, doc, path, s->start, s->end, s->rule_id, status);
      else
        {
          g_autofree char *words = snippet (texts, project, s);
          printf ("%" G_GINT64_FORMAT "  %s %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT "  %s  (rule %" G_GINT64_FORMAT "%s%s)\n"
                  "      %s\n", s->id, doc, s->start, s->end, path, s->rule_id,
                  s->status != KITH_SUGGESTION_PENDING ? ", " : "",
                  s->status != KITH_SUGGESTION_PENDING ? status : "", words);
        }
    }
  return KITH_EXIT_OK;
}

static int
run_decide (const KithCliCommand *command, int argc, char **argv, gboolean accept)
{
  g_autofree char *rule = NULL;
  const GOptionEntry entries[] = {
    { "rule", 0, 0, G_OPTION_ARG_STRING, &rule, N_("Every pending suggestion of this rule (see “kith-cli rules stats”)"), N_("RULE") },
    { NULL }
  };
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  const char *verb = accept ? "accepted" : "rejected";

  if (!kith_cli_parse (command, entries, &argc, &argv, 1, -1))
    return KITH_EXIT_USAGE;
  if ((rule != NULL) == (argc > 2))
    return kith_cli_usage (command, _("give suggestion ids or --rule RULE (one of the two)"));
  for (int i = 2; i < argc; i++)
    {
      gint64 id;
      if (!kith_cli_parse_id (command, "a suggestion id", "review list", argv[i], &id))
        return KITH_EXIT_USAGE;
      g_array_append_val (ids, id);
    }
  if (rule != NULL)
    {
      guint64 rule_id;
      gint64 n;

      if (!g_ascii_string_to_unsigned (rule, 10, 1, G_MAXINT64, &rule_id, NULL))
        return kith_cli_usage (command, _("--rule takes a rule id (see “kith-cli rules”), not “%s”"), rule);
      project = kith_cli_open (argv[1], TRUE, &error);
      if (project == NULL)
        return kith_cli_fail (error);
      n = kith_review_decide_rule (project, (gint64) rule_id, accept, &error);
      if (n < 0)
        return kith_cli_fail (error);
      printf ("%s %" G_GINT64_FORMAT " suggestion%s of rule %s\n", verb, n, n == 1 ? "" : "s", rule);
      return KITH_EXIT_OK;
    }
  project = kith_cli_open (argv[1], TRUE, &error);
  if (project == NULL)
    return kith_cli_fail (error);
  if (!(accept ? kith_review_accept : kith_review_reject) (project, (const gint64 *) (void *) ids->data, ids->len, &error))
    return kith_cli_fail (error);
  printf ("%s %u suggestion%s\n", verb, ids->len, ids->len == 1 ? "" : "s");
  return KITH_EXIT_OK;
}

static int
run_review_accept (const KithCliCommand *command, int argc, char **argv)
{
  return run_decide (command, argc, argv, TRUE);
}

static int
run_review_reject (const KithCliCommand *command, int argc, char **argv)
{
  return run_decide (command, argc, argv, FALSE);
}

static int
run_review_undo (const KithCliCommand *command, int argc, char **argv)
{
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;

  if (!kith_cli_parse (command, NULL, &argc, &argv, 1, 1))
    return KITH_EXIT_USAGE;
  project = kith_cli_open (argv[1], TRUE, &error);
  if (project == NULL || !kith_review_undo (project, &label, &error))
    return kith_cli_fail (error);
  printf ("undone: %s\n", label);
  return KITH_EXIT_OK;
}

const KithCliCommand kith_cli_suggest_commands[] = {
  { "suggest", "PROJECT", N_("Run the suggestion rules: hits wait in the review queue, nothing is coded"),
    N_("A hit already coded, suggested or rejected for its code is not suggested again.\n"
    "Rules stopped by a limit are reported as warnings; the other suggestions are kept."), run_suggest },
  { "review list", "PROJECT", N_("List pending suggestions (--format tsv: id, document, code path, start, end, rule, status)"),
    NULL, run_review_list },
  { "review accept", "PROJECT ID...", N_("Accept suggestions: each becomes a coding (origin rule)"),
    N_("With --rule RULE instead of ids, every pending suggestion of that rule."), run_review_accept },
  { "review reject", "PROJECT ID...", N_("Reject suggestions: the span is not suggested again for that code"),
    N_("With --rule RULE instead of ids, every pending suggestion of that rule."), run_review_reject },
  { "review undo", "PROJECT", N_("Undo the latest review decision"), NULL, run_review_undo },
  { NULL }
};
