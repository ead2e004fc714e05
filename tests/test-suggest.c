/* test-suggest.c — the suggestion pass: scopes, exclusions, speakers,
 * duplicates, selection, progress and cancel, threads, and the matches
 * Python's re finds */
#include "kith-config.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <string.h>

#include "kith-codebook.h"
#include "kith-codes.h"
#include "kith-codings.h"
#include "kith-documents.h"
#include "kith-import.h"
#include "kith-review.h"
#include "kith-rule-store.h"
#include "kith-suggest.h"
#include "kith-test-util.h"

static const char *const transcript =
  "Peer research interview — Smethwick\n"
  "Interviewer: Grace Obi (peer researcher)\n"
  "Topic: where residents feel safe\n"
  "\n"
  "[00:00:05] Grace: Do you feel safe round here? Do you ever feel lonely?\n"
  "[00:00:12] Amina: I feel safe at the gurdwara. I don't feel safe in the park. Dr. Khan helped me.\n"
  "And with my sister I feel safe as well.\n"
  "[00:01:00] Grace: Thank you. I feel safe too.\n"
  "[00:01:10] Amina: You're welcome. میں اکیلا ہوں۔\n";

typedef struct
{
  KithProject *project;
  gint64       doc;
  char        *text;   /* the canonical text */
} Fixture;

static void
fixture_init (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->project = kt_new_project (NULL);
  f->doc = kt_import_text (f->project, "smethwick.txt", transcript);
  f->text = kith_documents_dup_text (f->project, f->doc, NULL, &error);
  cr_assert_not_null (f->text);
}

static void
fixture_clear (Fixture *f)
{
  g_clear_object (&f->project);
  g_free (f->text);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Fixture, fixture_clear)

static gint64
add_rule (KithProject *project, const char *path, const char *pattern, KithScope scope,
          const char *exclude, const char *skip)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) speakers = skip != NULL ? g_strsplit (skip, ";", -1) : NULL;
  KithRuleDef def = { .code_path = (char *) path, .pattern = (char *) pattern, .scope = scope,
                      .exclude = (char *) exclude, .skip_speakers = speakers };
  gint64 id;

  cr_assert_neq (kith_codes_ensure_path (project, path, &error), 0);
  id = kith_rules_add (project, &def, NULL, &error);
  cr_assert_neq (id, 0, "%s", error ? error->message : "");
  return id;
}

static KithSuggestResult *
suggest (KithProject *project, GArray *docs, GArray *codes)
{
  g_autoptr(GError) error = NULL;
  KithSuggestResult *result = NULL;

  cr_assert (kith_suggest_run (project, docs, codes, NULL, NULL, NULL, &result, &error),
             "%s", error ? error->message : "");
  return result;
}

/* The pending suggestions of @code as “text” items joined by “|”. */
static char *
suggested (Fixture *f, const char *code)
{
  g_autoptr(GPtrArray) list = kith_suggestions_list (f->project, 0, FALSE, NULL);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    {
      KithSuggestion *s = g_ptr_array_index (list, i);
      const char *from = g_utf8_offset_to_pointer (f->text, s->start);
      const char *to = g_utf8_offset_to_pointer (f->text, s->end);

      if (!g_str_equal (s->code_path, code))
        continue;
      if (out->len > 0)
        g_string_append_c (out, '|');
      g_string_append_len (out, from, to - from);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

Test (suggest, scopes_exclusions_and_speakers)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(KithSuggestResult) result = NULL;
  const char *safe = "\\bfeel safe\\b";
  const char *negation = "\\b(?:don't|not|never)\\b";

  fixture_init (&f);
  add_rule (f.project, "Scope/Match", safe, KITH_SCOPE_MATCH, negation, "Interviewer");
  add_rule (f.project, "Scope/Sentence", safe, KITH_SCOPE_SENTENCE, negation, "Interviewer");
  add_rule (f.project, "Scope/Paragraph", safe, KITH_SCOPE_PARAGRAPH, NULL, "Grace");
  add_rule (f.project, "Scope/Turn", safe, KITH_SCOPE_TURN, NULL, "interviewers");
  add_rule (f.project, "Everyone", safe, KITH_SCOPE_MATCH, NULL, NULL);
  add_rule (f.project, "Urdu", "\\bاکیلا\\b", KITH_SCOPE_MATCH, NULL, NULL);
  result = suggest (f.project, NULL, NULL);

  {
    g_autofree char *match = suggested (&f, "Scope/Match");
    g_autofree char *sentence = suggested (&f, "Scope/Sentence");
    g_autofree char *paragraph = suggested (&f, "Scope/Paragraph");
    g_autofree char *turn = suggested (&f, "Scope/Turn");
    g_autofree char *everyone = suggested (&f, "Everyone");
    g_autofree char *urdu = suggested (&f, "Urdu");

    /* the negated sentence is excluded; Grace, the header's interviewer, is skipped */
    cr_assert_str_eq (match, "feel safe|feel safe");
    cr_assert_str_eq (sentence, "I feel safe at the gurdwara.|And with my sister I feel safe as well.");
    cr_assert_str_eq (paragraph, "I feel safe at the gurdwara. I don't feel safe in the park. Dr. Khan helped me.|"
                                 "And with my sister I feel safe as well.");
    /* three hits in one turn make one suggestion: the turn's words */
    cr_assert_str_eq (turn, "I feel safe at the gurdwara. I don't feel safe in the park. Dr. Khan helped me.\n"
                            "And with my sister I feel safe as well.");
    /* no filter: the header and Grace's turns count too */
    cr_assert_str_eq (everyone, "feel safe|feel safe|feel safe|feel safe|feel safe|feel safe");
    cr_assert_str_eq (urdu, "اکیلا");
  }
  /* positions are code points of the canonical text */
  {
    g_autoptr(GPtrArray) list = kith_suggestions_list (f.project, 0, FALSE, NULL);
    for (guint i = 0; i < list->len; i++)
      {
        KithSuggestion *s = g_ptr_array_index (list, i);
        if (g_str_equal (s->code_path, "Urdu"))
          {
            cr_assert_eq (s->start, kt_offset_of (f.text, "اکیلا"));
            cr_assert_eq (s->end, s->start + 5);
          }
      }
  }
  cr_assert_eq (result->n_documents, 1);
  cr_assert_eq (result->n_rules, 6);
  cr_assert_eq (result->n_new, 14);
  cr_assert_eq (result->n_known, 0);
  cr_assert_eq (result->problems->len, 0);
}

Test (suggest, never_duplicates_a_coding_a_suggestion_or_a_rejection)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 code, start;
  g_autoptr(GPtrArray) list = NULL;

  fixture_init (&f);
  add_rule (f.project, "Feel/Safe", "\\bfeel safe\\b", KITH_SCOPE_SENTENCE, "\\bdon't\\b", "Interviewer");
  code = kith_codes_find_path (f.project, "Feel/Safe", &error);
  /* coded by hand before any pass */
  start = kt_offset_of (f.text, "I feel safe at the gurdwara.");
  cr_assert_neq (kith_codings_add (f.project, f.doc, code, start, start + 28, NULL, KITH_ORIGIN_MANUAL, &error), 0);
  {
    g_autoptr(KithSuggestResult) first = suggest (f.project, NULL, NULL);
    cr_assert_eq (first->n_hits, 2);
    cr_assert_eq (first->n_new, 1);
    cr_assert_eq (first->n_known, 1);
  }
  {
    g_autoptr(KithSuggestResult) again = suggest (f.project, NULL, NULL);
    cr_assert_eq (again->n_new, 0);
    cr_assert_eq (again->n_known, 2);
  }
  list = kith_suggestions_list (f.project, 0, TRUE, &error);
  cr_assert_eq (list->len, 1);
  cr_assert (kith_review_reject (f.project, &((KithSuggestion *) g_ptr_array_index (list, 0))->id, 1, &error));
  {
    g_autoptr(KithSuggestResult) after = suggest (f.project, NULL, NULL);
    cr_assert_eq (after->n_new, 0);
  }
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM suggestions"), 1);
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM suggestions WHERE status = 'rejected'"), 1);
}

/* The pending suggestions of every document, as “document: code: text”
 * lines in document and text order. */
static char *
all_suggested (KithProject *project)
{
  g_autoptr(GPtrArray) list = kith_suggestions_list (project, 0, FALSE, NULL);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    {
      KithSuggestion *s = g_ptr_array_index (list, i);
      g_autofree char *text = kith_documents_dup_text (project, s->document_id, NULL, NULL);
      const char *from = g_utf8_offset_to_pointer (text, s->start);
      const char *to = g_utf8_offset_to_pointer (text, s->end);

      g_string_append_printf (out, "%" G_GINT64_FORMAT ": %s: %.*s\n", s->document_id, s->code_path,
                              (int) (to - from), from);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

Test (suggest, rules_skip_documents_sections_and_the_frameworks_own_words)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *book = g_build_filename (dir, "spaces.kithcodebook", NULL);
  g_autofree char *report = g_build_filename (dir, "tipton-forum.txt", NULL);
  g_autoptr(KithCodebook) codebook = NULL;
  g_autoptr(KithCodebook) exported = NULL;
  g_autoptr(KithImportResult) imported = NULL;
  g_autofree char *data = NULL;
  g_autofree char *got = NULL;
  KithImportOptions as_report = { .kind = "report" };
  gint64 forum, dudley, walsall;

  kt_write_file (book, "[Defaults]\nscope=sentence\nskip-framework=true\n\n"
                       "[Code Spaces/Welcomed]\ndescription=Feel welcomed and accepted in community spaces\n"
                       "goal=supportive\ndimension=feel\noutcome=welcomed-in-spaces\n\n"
                       "[Rule Spaces/Welcomed #1]\npattern=\\bwelcom(?:e|ed|ing)\\b\n\n"
                       "[Code Spaces/Warm]\n\n"
                       "[Rule Spaces/Warm #1]\npattern=\\bwarm space\\b\nskip-documents=*MINUTES*; report\n"
                       "skip-sections=Appendix*\nskip-text=Warm Spaces Network\nskip-framework=false\n", -1);
  codebook = kith_codebook_read (book, &error);
  cr_assert_not_null (codebook, "%s", error ? error->message : "");
  cr_assert (kith_codebook_merge (project, codebook, NULL, &error), "%s", error ? error->message : "");

  kt_write_file (report, "Tipton community forum\n\n"
                         "Residents said the library is welcoming and a warm space.\n\n"
                         "Appendix: how we measure\n\n"
                         "The aim: people feel welcomed and accepted in community  spaces.\n", -1);
  imported = kith_import_file (project, report, &as_report);
  cr_assert_eq (imported->status, KITH_IMPORT_IMPORTED, "%s", imported->message);
  forum = imported->document_id;
  dudley = kt_import_text (project, "dudley-drop-in.txt",
                           "Dudley drop-in\n\n"
                           "A warm space at the church hall, and everyone was welcome.\n\n"
                           "Appendix: partners\n\n"
                           "The warm space in Netherton is run by volunteers.\n\n"
                           "Other notes\n\n"
                           "We joined the warm  spaces network in March. It is a warm space for all.\n");
  walsall = kt_import_text (project, "walsall-minutes.txt", "A warm space at the Leather Museum.\n");
  g_free (suggest (project, NULL, NULL));

  got = all_suggested (project);
  {
    g_autofree char *want = g_strdup_printf (
      /* the report: no warm space at all (its kind), no outcome quoted from the framework */
      "%" G_GINT64_FORMAT ": Spaces/Welcomed: Residents said the library is welcoming and a warm space.\n"
      "%" G_GINT64_FORMAT ": Spaces/Welcomed: A warm space at the church hall, and everyone was welcome.\n"
      "%" G_GINT64_FORMAT ": Spaces/Warm: A warm space at the church hall, and everyone was welcome.\n"
      /* not the appendix; not the sentence naming the network, but the next */
      "%" G_GINT64_FORMAT ": Spaces/Warm: It is a warm space for all.\n",
      forum, dudley, dudley, dudley);
    cr_assert_str_eq (got, want);
  }
  /* the minutes are skipped by name, whatever the case */
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM suggestions WHERE document_id = (SELECT max(id) FROM documents)"), 0);
  cr_assert_gt (walsall, dudley);

  /* the keys go out with the codebook and come back */
  exported = kith_codebook_from_project (project, &error);
  data = kith_codebook_to_data (exported, NULL);
  cr_assert (strstr (data, "[Rule Spaces/Warm #1]\npattern=\\bwarm space\\b\n"
                           "skip-documents=*MINUTES*;report\nskip-sections=Appendix*\n"
                           "skip-text=Warm Spaces Network\nskip-framework=false\n") != NULL, "%s", data);
}

Test (suggest, chosen_documents_and_codes)
{
  g_auto(Fixture) f = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) docs = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) codes = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 other, feel;

  fixture_init (&f);
  other = kt_import_text (f.project, "other.txt", "I feel safe here. I was lonely.\n");
  add_rule (f.project, "Feel/Safe", "\\bfeel safe\\b", KITH_SCOPE_MATCH, NULL, NULL);
  add_rule (f.project, "Feel/Lonely", "\\blonely\\b", KITH_SCOPE_MATCH, NULL, NULL);
  add_rule (f.project, "Do/Help", "\\bhelped\\b", KITH_SCOPE_MATCH, NULL, NULL);
  g_array_append_val (docs, other);
  feel = kith_codes_find_path (f.project, "Feel", &error);
  g_array_append_val (codes, feel);
  {
    /* “Feel” brings the rules of its sub-codes */
    g_autoptr(KithSuggestResult) result = suggest (f.project, docs, codes);
    cr_assert_eq (result->n_documents, 1);
    cr_assert_eq (result->n_rules, 2);
    cr_assert_eq (result->n_new, 2);
  }
  cr_assert_eq (kt_count (f.project, "SELECT count(*) FROM suggestions WHERE document_id <> (SELECT max (id) FROM documents)"), 0);
}

/* Four documents, a hit in each, one rule; passes on one thread */
static void
four_lonely_documents (KithProject *project)
{
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("doc%d.txt", i);
      g_autofree char *text = g_strdup_printf ("Document %d. I was lonely then.\n", i);
      kt_import_text (project, name, text);
    }
  add_rule (project, "Feel/Lonely", "\\blonely\\b", KITH_SCOPE_SENTENCE, NULL, NULL);
  g_setenv ("KITH_SUGGEST_THREADS", "1", TRUE);
}

static void
cancel_after_first (guint done, guint total, gpointer user_data)
{
  GCancellable *cancellable = user_data;

  cr_assert_leq (done, total);
  if (done == 1)
    g_cancellable_cancel (cancellable);
}

static void
count_progress (guint done, guint total, gpointer user_data)
{
  guint *calls = user_data;

  (*calls)++;
  cr_assert_eq (done, *calls);
  cr_assert_eq (total, 4);
}

Test (suggest, progress_and_cancel)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  guint calls = 0;

  four_lonely_documents (project);
  cr_assert_not (kith_suggest_run (project, NULL, NULL, cancel_after_first, cancellable, cancellable, NULL, &error));
  cr_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  /* what was found before the cancel stays; nothing is left open */
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM suggestions"), 1);
  cr_assert_not (kith_project_in_transaction (project));
  /* a new pass goes on from there */
  g_clear_error (&error);
  cr_assert (kith_suggest_run (project, NULL, NULL, count_progress, &calls, NULL, NULL, &error));
  cr_assert_eq (calls, 4);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM suggestions"), 4);
}

typedef struct
{
  const char *path;
  gint64      seen_by_others;  /* suggestions another connection sees, at the second document */
} SlowPass;

/* The first document takes over a second to store; the second is then
 * committed with it, though the batch is far from full. */
static void
slow_first_document (guint done, guint total, gpointer user_data)
{
  SlowPass *slow = user_data;

  cr_assert_eq (total, 4);
  if (done == 1)
    g_usleep (G_USEC_PER_SEC + G_USEC_PER_SEC / 10);
  else if (done == 2)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KithProject) other = kith_project_open (slow->path, KITH_OPEN_READ_ONLY, &error);

      cr_assert_not_null (other, "%s", error ? error->message : "");
      slow->seen_by_others = kt_count (other, "SELECT count(*) FROM suggestions");
    }
}

Test (suggest, a_slow_pass_commits_as_it_goes)
{
  g_autofree char *path = NULL;
  g_autoptr(KithProject) project = kt_new_project (&path);
  g_autoptr(GError) error = NULL;
  SlowPass slow = { path, -1 };

  four_lonely_documents (project);
  cr_assert (kith_suggest_run (project, NULL, NULL, slow_first_document, &slow, NULL, NULL, &error), "%s",
             error ? error->message : "");
  /* a batch holds at most a second's work: the first two were there to see */
  cr_assert_eq (slow.seen_by_others, 2);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM suggestions"), 4);
}

Test (suggest, runaway_rule_is_reported_and_the_rest_stored)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(KithSuggestResult) result = NULL;
  gint64 runaway;

  kt_import_text (project, "a.txt", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\nI was lonely.\n");
  runaway = add_rule (project, "Runaway", "^(\\w+\\s?)*$", KITH_SCOPE_MATCH, NULL, NULL);
  add_rule (project, "Feel/Lonely", "\\blonely\\b", KITH_SCOPE_MATCH, NULL, NULL);
  result = suggest (project, NULL, NULL);
  cr_assert_eq (result->n_new, 1);
  cr_assert_eq (result->problems->len, 1);
  {
    g_autofree char *prefix = g_strdup_printf ("rule %" G_GINT64_FORMAT " (Runaway, “^(\\w+\\s?)*$”) in “a.txt”: ", runaway);
    const char *message = g_ptr_array_index (result->problems, 0);
    cr_assert (g_str_has_prefix (message, prefix), "%s", message);
    cr_assert (strstr (message, "backtracks too much") != NULL, "%s", message);
  }
}

/* Suggestion ids follow document order, whatever the threads' timing. */
Test (suggest, same_result_with_one_or_two_threads)
{
  g_autofree char *samples = kt_sample ("");
  g_autoptr(GString) first = g_string_new (NULL);

  for (int threads = 1; threads <= 2; threads++)
    {
      g_autoptr(KithProject) project = kt_new_project (NULL);
      g_autoptr(KithCodebook) codebook = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) list = NULL;
      g_autoptr(GString) all = g_string_new (NULL);
      g_autofree char *path = kith_codebook_find ("inclusive-communities", &error);
      g_autofree char *n = g_strdup_printf ("%d", threads);
      g_autoptr(GPtrArray) imported = NULL;

      imported = kith_import_paths (project, (const char *const[]) { samples, NULL }, NULL);
      codebook = kith_codebook_read (path, &error);
      cr_assert (kith_codebook_merge (project, codebook, NULL, &error));
      g_setenv ("KITH_SUGGEST_THREADS", n, TRUE);
      {
        g_autoptr(KithSuggestResult) result = suggest (project, NULL, NULL);
        cr_assert_eq (result->n_threads, (guint) threads);
        cr_assert_gt (result->n_new, 50);
      }
      list = kith_suggestions_list (project, 0, FALSE, &error);
      for (guint i = 0; i < list->len; i++)
        {
          KithSuggestion *s = g_ptr_array_index (list, i);
          g_string_append_printf (all, "%" G_GINT64_FORMAT " %s %s %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "\n",
                                  s->id, s->document, s->code_path, s->start, s->end);
        }
      if (threads == 1)
        g_string_assign (first, all->str);
      else
        cr_assert_str_eq (all->str, first->str);
    }
}

/* ---- against Python's re ------------------------------------------------------ */

static char *
run_python (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  cr_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error),
             "%s", error ? error->message : "");
  cr_assert (g_spawn_check_wait_status (status, NULL), "%s failed: %s", argv[1], err);
  return out;
}

/* With every bundled rule as a caseless match rule (as “rules import”
 * makes them), over the samples, generated transcripts and the two real
 * reports, the pending suggestions are exactly the matches Python's re.finditer finds with
 * re.IGNORECASE, document by document, offset by offset. */
Test (suggest, scope_match_suggestions_are_what_python_re_finds, .timeout = 240)
{
  const char *root = g_getenv ("KITH_SOURCE_ROOT");
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *corpus = g_build_filename (dir, "corpus", NULL);
  g_autofree char *texts = g_build_filename (dir, "texts", NULL);
  g_autofree char *tsv = g_build_filename (dir, "rules.tsv", NULL);
  g_autofree char *generator = g_build_filename (root, "tests", "bench", "gen-corpus.py", NULL);
  g_autofree char *oracle = g_build_filename (root, "tests", "re-matches.py", NULL);
  g_autofree char *samples = kt_sample ("");
  g_autofree char *real_clean = g_build_filename (g_getenv ("KITH_REAL_DIR"), "roadmap-2020.txt", NULL);
  g_autofree char *real_wrapped = g_build_filename (g_getenv ("KITH_REAL_DIR"), "roadmap-2020-hardwrapped.txt", NULL);
  g_autofree char *codebook_path = NULL;
  g_autofree char *python = NULL;
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(KithCodebook) codebook = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GString) rules = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  cr_assert_not_null (root);
  cr_assert (g_file_test (real_clean, G_FILE_TEST_EXISTS), "the real reports are missing: %s", real_clean);
  g_free (run_python ((const char *const[]) { "/usr/bin/python3", generator, corpus, "--docs", "12",
                                              "--megabytes", "0.6", "--seed", "7", NULL }));
  {
    g_autoptr(GPtrArray) imported = kith_import_paths (project, (const char *const[]) { samples, corpus, real_clean,
                                                                                         real_wrapped, NULL }, NULL);
    /* 13 sample files (the barometer table skipped, a survey of 9 answers),
     * 12 generated transcripts and the two real reports (../shared/real) */
    cr_assert_eq (imported->len, 27);
    for (guint i = 0; i < imported->len; i++)
      cr_assert_neq (((KithImportResult *) g_ptr_array_index (imported, i))->status, KITH_IMPORT_FAILED);
  }

  /* the bundled rules, as CODE_PATH<TAB>PATTERN */
  codebook_path = kith_codebook_find ("inclusive-communities", &error);
  codebook = kith_codebook_read (codebook_path, &error);
  cr_assert_gt (codebook->rules->len, 100);
  for (guint i = 0; i < codebook->rules->len; i++)
    {
      KithRuleDef *def = g_ptr_array_index (codebook->rules, i);
      g_string_append_printf (rules, "%s\t%s\n", def->code_path, def->pattern);
    }
  kt_write_file (tsv, rules->str, (gssize) rules->len);
  cr_assert (kith_rules_import_tsv (project, tsv, NULL, &error), "%s", error ? error->message : "");
  {
    g_autoptr(KithSuggestResult) result = suggest (project, NULL, NULL);
    cr_assert_gt (result->n_new, 500);
    cr_assert_eq (result->problems->len, 0);
  }

  /* each document's canonical text, for Python */
  g_mkdir (texts, 0700);
  docs = kith_documents_list (project, &error);
  cr_assert_eq (docs->len, 34);
  for (guint i = 0; i < docs->len; i++)
    {
      KithDocument *doc = g_ptr_array_index (docs, i);
      gsize len = 0;
      g_autofree char *text = kith_documents_dup_text (project, doc->id, &len, &error);
      g_autofree char *name = g_strdup_printf ("%" G_GINT64_FORMAT, doc->id);
      g_autofree char *path = g_build_filename (texts, name, NULL);
      kt_write_file (path, text, (gssize) len);
    }
  python = run_python ((const char *const[]) { "/usr/bin/python3", oracle, tsv, texts, NULL });

  list = kith_suggestions_list (project, 0, FALSE, &error);
  {
    /* compare as sets of lines */
    g_auto(GStrv) want = g_strsplit (python, "\n", -1);
    g_autoptr(GHashTable) have = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    guint n_want = 0;

    for (guint i = 0; i < list->len; i++)
      {
        KithSuggestion *s = g_ptr_array_index (list, i);
        g_hash_table_add (have, g_strdup_printf ("%" G_GINT64_FORMAT "\t%s\t%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT,
                                                 s->document_id, s->code_path, s->start, s->end));
      }
    for (guint i = 0; want[i] != NULL; i++)
      {
        if (*want[i] == '\0')
          continue;
        n_want++;
        cr_assert (g_hash_table_contains (have, want[i]), "Python's re finds “%s”, Kith does not", want[i]);
      }
    cr_assert_eq (g_hash_table_size (have), n_want, "Kith suggests %u spans, Python's re finds %u",
                  g_hash_table_size (have), n_want);
  }
}

/* ---- the bundled rules on a real report, against judged hits ------------------- */

/* Precision of the bundled rules on tests/fixtures/judged-suggestions.tsv
 * when it was last judged: 60 right of 72 suggested (9 wrong, 3 spans). */
#define JUDGED_RIGHT     60
#define JUDGED_SUGGESTED 72

typedef struct
{
  char  *document;
  gint64 start;   /* where the anchor is found now */
  gint64 end;
  char  *code;
  char  *verdict;
  char  *now;
  char  *reason;
} Judged;

static void
judged_clear (Judged *j)
{
  g_free (j->document);
  g_free (j->code);
  g_free (j->verdict);
  g_free (j->now);
  g_free (j->reason);
}

/* The code point offset of the occurrence of @anchor in @text nearest to
 * @near, or -1. */
static gint64
nearest_anchor (const char *text, const char *anchor, gint64 near)
{
  gint64 best = -1;

  for (const char *p = strstr (text, anchor); p != NULL; p = strstr (p + 1, anchor))
    {
      gint64 at = g_utf8_pointer_to_offset (text, p);
      if (best < 0 || ABS (at - near) < ABS (best - near))
        best = at;
    }
  return best;
}

Test (suggest, bundled_rules_on_a_real_report_keep_their_judged_precision)
{
  const char *root = g_getenv ("KITH_SOURCE_ROOT");
  g_autofree char *fixture = g_build_filename (root, "tests", "fixtures", "judged-suggestions.tsv", NULL);
  g_autofree char *real = g_build_filename (root, "..", "shared", "real", NULL);
  g_autofree char *data = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GArray) judged = g_array_new (FALSE, TRUE, sizeof (Judged));
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(KithCodebook) codebook = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *codebook_path = NULL;
  KithImportOptions as_report = { .kind = "report" };
  guint right = 0, wrong = 0, span = 0, unjudged = 0;
  g_autoptr(GString) problems = g_string_new (NULL);

  cr_assert_not_null (root);
  g_array_set_clear_func (judged, (GDestroyNotify) judged_clear);
  data = kt_read_file (fixture, NULL);
  lines = g_strsplit (data, "\n", -1);
  codebook_path = kith_codebook_find ("inclusive-communities", &error);
  codebook = kith_codebook_read (codebook_path, &error);
  cr_assert_not_null (codebook, "%s", error ? error->message : "");
  cr_assert (kith_codebook_merge (project, codebook, NULL, &error), "%s", error ? error->message : "");

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      Judged j = { 0 };
      const char *text;
      gint64 start, end, at;

      if (*lines[i] == '#' || *lines[i] == '\0')
        continue;
      f = g_strsplit (lines[i], "\t", -1);
      cr_assert_eq (g_strv_length (f), 10, "%s:%u: expected 10 columns", fixture, i + 1);
      if (!g_hash_table_contains (texts, f[0]))
        {
          g_autofree char *path = g_build_filename (real, f[0], NULL);
          g_autoptr(KithImportResult) imported = NULL;

          cr_assert (g_file_test (path, G_FILE_TEST_EXISTS), "%s: the real report %s is missing", fixture, path);
          imported = kith_import_file (project, path, &as_report);
          cr_assert_eq (imported->status, KITH_IMPORT_IMPORTED, "%s", imported->message);
          g_hash_table_insert (texts, g_strdup (f[0]),
                               kith_documents_dup_text (project, imported->document_id, NULL, &error));
        }
      text = g_hash_table_lookup (texts, f[0]);
      start = g_ascii_strtoll (f[1], NULL, 10);
      end = g_ascii_strtoll (f[2], NULL, 10);
      at = nearest_anchor (text, f[7], start);
      cr_assert_geq (at, 0, "%s:%u: “%s” is no longer in %s", fixture, i + 1, f[7], f[0]);
      j.document = g_strdup (f[0]);
      j.start = at;
      j.end = at + (end - start);
      j.code = g_strdup (f[3]);
      j.verdict = g_strdup (f[4]);
      j.now = g_strdup (f[5]);
      j.reason = g_strdup (f[8]);
      g_array_append_val (judged, j);
    }
  cr_assert_eq (judged->len, 93);
  /* reports have no speakers (issue 10): the hits were judged without turns */
  cr_assert_eq (sqlite3_exec (kith_project_get_db (project), "DELETE FROM turns", NULL, NULL, NULL), SQLITE_OK);
  g_free (suggest (project, NULL, NULL));

  list = kith_suggestions_list (project, 0, FALSE, &error);
  for (guint i = 0; i < list->len; i++)
    {
      KithSuggestion *s = g_ptr_array_index (list, i);
      Judged *found = NULL;

      for (guint k = 0; k < judged->len && found == NULL; k++)
        {
          Judged *j = &g_array_index (judged, Judged, k);
          if (j->start == s->start && j->end == s->end && g_str_equal (j->code, s->code_path))
            found = j;
        }
      if (found == NULL)
        {
          unjudged++;
          g_string_append_printf (problems, "not judged: %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT " %s\n",
                                  s->start, s->end, s->code_path);
          continue;
        }
      right += g_str_equal (found->verdict, "right");
      wrong += g_str_equal (found->verdict, "wrong");
      span += g_str_equal (found->verdict, "span");
      /* a hit judged wrong and fixed does not come back */
      if (!g_str_equal (found->verdict, "right") && g_str_equal (found->now, "dropped"))
        g_string_append_printf (problems, "back, though judged %s (%s): %s %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "\n",
                                found->verdict, found->reason, found->code, found->start, found->end);
      found->now = (g_free (found->now), g_strdup ("seen"));
    }
  /* nor is a hit judged right lost */
  for (guint k = 0; k < judged->len; k++)
    {
      Judged *j = &g_array_index (judged, Judged, k);
      if (g_str_equal (j->verdict, "right") && !g_str_equal (j->now, "seen"))
        g_string_append_printf (problems, "lost, though judged right (%s): %s %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "\n",
                                j->reason, j->code, j->start, j->end);
    }
  cr_assert_eq (problems->len, 0, "%u right, %u wrong, %u span, %u not judged:\n%s", right, wrong, span, unjudged,
                problems->str);
  /* at least the recorded precision, and never below 75 % */
  cr_assert_geq (right * JUDGED_SUGGESTED, JUDGED_RIGHT * (right + wrong + span));
  cr_assert_geq (right * 100, 75 * (right + wrong + span));
}

/* A report that reprints the framework's table of outcomes and its
 * barometers is quoting the framework: the bundled rules suggest nothing
 * there, and still find the same words in what a resident says. */
Test (suggest, bundled_rules_skip_the_frameworks_own_tables)
{
  const char *root = g_getenv ("KITH_SOURCE_ROOT");
  g_autofree char *outcomes_path = g_build_filename (root, "..", "shared", "framework", "outcomes.tsv", NULL);
  g_autofree char *barometers_path = g_build_filename (root, "..", "shared", "framework", "barometers.tsv", NULL);
  g_autofree char *outcomes = kt_read_file (outcomes_path, NULL);
  g_autofree char *barometers = kt_read_file (barometers_path, NULL);
  g_auto(GStrv) outcome_lines = g_strsplit (outcomes, "\n", -1);
  g_auto(GStrv) barometer_lines = g_strsplit (barometers, "\n", -1);
  g_autoptr(GString) table = g_string_new ("# Appendix: the framework\n\n| Goal | Dimension | Outcome |\n|---|---|---|\n");
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(KithCodebook) codebook = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *codebook_path = kith_codebook_find ("inclusive-communities", &error);
  g_autofree char *got = NULL;
  guint n_outcomes = 0, n_barometers = 0;
  gint64 resident;

  for (guint i = 0; outcome_lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (outcome_lines[i], "\t", -1);
      if (*outcome_lines[i] == '#' || g_strv_length (f) < 6 || g_str_equal (f[0], "goal_key"))
        continue;
      g_string_append_printf (table, "| %s | %s | %s |\n", f[1], f[3], f[5]);
      n_outcomes++;
    }
  g_string_append (table, "\nBarometers\n\n");
  for (guint i = 0; barometer_lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = g_strsplit (barometer_lines[i], "\t", -1);
      if (*barometer_lines[i] == '#' || g_strv_length (f) < 9 || g_str_equal (f[0], "goal_key"))
        continue;
      g_string_append_printf (table, "%s\t%s\t%s\n", f[3], f[6], f[8]);
      n_barometers++;
    }
  cr_assert_eq (n_outcomes, 34);
  cr_assert_eq (n_barometers, 36);
  codebook = kith_codebook_read (codebook_path, &error);
  cr_assert_not_null (codebook, "%s", error ? error->message : "");
  cr_assert (kith_codebook_merge (project, codebook, NULL, &error), "%s", error ? error->message : "");
  kt_import_text (project, "framework-appendix.md", table->str);
  resident = kt_import_text (project, "tipton-drop-in.txt",
                             "We feel a sense of belonging in Tipton.\n"
                             "People here pull together, and my neighbours can be trusted.\n");
  g_free (suggest (project, NULL, NULL));
  got = all_suggested (project);
  {
    g_autofree char *want = g_strdup_printf (
      "%" G_GINT64_FORMAT ": Inclusive/Feel/Belonging rather than isolation: We feel a sense of belonging in Tipton.\n"
      "%" G_GINT64_FORMAT ": Connected/Feel/United with people and institutions: People here pull together, and my neighbours can be trusted.\n",
      resident, resident);
    cr_assert_str_eq (got, want);
  }
}
