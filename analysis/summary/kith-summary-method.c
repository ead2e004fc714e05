/* kith-summary-method.c — how the evidence was gathered and checked
 *
 * A funder weighs a quote by where it comes from and how it was chosen:
 * how many documents of each kind and from where, how many residents, how
 * much was coded by hand and how much accepted from suggestions, by whom,
 * how much of the suggestion queue anyone looked at, how precise each
 * rule proved, and where the barometers' figures come from. Every number
 * is a count over the evidence the summary shows (the codings of its
 * goals' outcomes), except the queue's and the rules', which are the
 * project's.
 */
#include <math.h>

#include "kith-documents.h"
#include "kith-summary-private.h"

static const char *const kind_order[] = { "transcript", "survey", "notes", "report" };

static void
kind_free (KithSummaryKind *kind)
{
  g_free (kind->kind);
  g_clear_pointer (&kind->by_geography, g_ptr_array_unref);
  g_free (kind);
}

static void
coder_free (KithSummaryCoder *coder)
{
  g_free (coder->name);
  g_free (coder);
}

void
kith_summary_method_free (KithSummaryMethod *method)
{
  if (method == NULL)
    return;
  g_clear_pointer (&method->kinds, g_ptr_array_unref);
  g_clear_pointer (&method->coders, g_ptr_array_unref);
  g_clear_pointer (&method->rules, g_ptr_array_unref);
  g_clear_pointer (&method->sources, g_ptr_array_unref);
  g_clear_pointer (&method->sources_english, g_ptr_array_unref);
  g_free (method);
}

static int
compare_coders (gconstpointer a,
                gconstpointer b)
{
  const KithSummaryCoder *x = *(KithSummaryCoder *const *) a;
  const KithSummaryCoder *y = *(KithSummaryCoder *const *) b;

  if (x->n_codings != y->n_codings)
    return x->n_codings > y->n_codings ? -1 : 1;
  return g_strcmp0 (x->name, y->name);
}

/* Documents by kind: each kind's items counted as the summary counts. */
static void
add_kinds (KithSummaryMethod *method,
           GPtrArray         *items)
{
  for (gsize k = 0; k < G_N_ELEMENTS (kind_order); k++)
    {
      g_autoptr(GPtrArray) of_kind = g_ptr_array_new ();
      KithSummaryCount count = { 0 };
      KithSummaryKind *kind;

      for (guint i = 0; i < items->len; i++)
        {
          KithEvidenceItem *item = g_ptr_array_index (items, i);
          if (g_strcmp0 (item->doc->kind, kind_order[k]) == 0)
            g_ptr_array_add (of_kind, item);
        }
      if (of_kind->len == 0)
        continue;
      kith_evidence_count (of_kind, &count);
      kind = g_new0 (KithSummaryKind, 1);
      kind->kind = g_strdup (kind_order[k]);
      kind->n_documents = count.n_documents;
      kind->n_people = count.n_people;
      kind->by_geography = kith_evidence_count_by_geography (of_kind);
      g_ptr_array_add (method->kinds, kind);
    }
}

/* Who coded and how: distinct codings, not passages. */
static void
add_codings (KithSummaryMethod *method,
             GPtrArray         *items)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) coders = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < items->len; i++)
    {
      KithEvidenceItem *item = g_ptr_array_index (items, i);
      const KithExtract *e = item->extract;
      const char *name = e->coder != NULL && *e->coder != '\0' ? e->coder : "unknown";
      KithSummaryCoder *coder;

      if (!g_hash_table_add (seen, (gpointer) &e->coding_id))
        continue;
      method->n_codings++;
      if (g_strcmp0 (e->origin, "rule") == 0)
        method->n_accepted++;
      else if (g_strcmp0 (e->origin, "import") == 0)
        method->n_imported++;
      else
        method->n_by_hand++;
      coder = g_hash_table_lookup (coders, name);
      if (coder == NULL)
        {
          coder = g_new0 (KithSummaryCoder, 1);
          coder->name = g_strdup (name);
          g_hash_table_insert (coders, coder->name, coder);
          g_ptr_array_add (method->coders, coder);
        }
      coder->n_codings++;
    }
  g_ptr_array_sort (method->coders, compare_coders);
}

static KithRuleStats *
rule_stats_copy (const KithRuleStats *stats)
{
  KithRuleStats *copy = g_memdup2 (stats, sizeof *stats);

  copy->code_path = g_strdup (stats->code_path);
  copy->pattern = g_strdup (stats->pattern);
  copy->note = g_strdup (stats->note);
  return copy;
}

static void
add_file (GPtrArray                *files,
          const KithBarometerValue *v)
{
  for (guint i = 0; i < files->len; i++)
    if (g_strcmp0 (g_ptr_array_index (files, i), v->file) == 0)
      return;
  if (v->file != NULL)
    g_ptr_array_add (files, v->file);
}

/* Each source once, with the files its figures were imported from. */
static void
add_sources (KithSummaryMethod *method,
             const KithSummary *summary)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint g = 0; g < summary->goals->len; g++)
    {
      KithSummaryGoal *goal = g_ptr_array_index (summary->goals, g);
      for (guint i = 0; i < goal->barometers->len; i++)
        {
          KithSummaryBarometer *b = g_ptr_array_index (goal->barometers, i);
          GPtrArray *of_source = NULL;

          if (b->barometer->source == NULL || *b->barometer->source == '\0')
            continue;
          for (guint n = 0; n < names->len && of_source == NULL; n++)
            if (g_str_equal (g_ptr_array_index (names, n), b->barometer->source))
              of_source = g_ptr_array_index (files, n);
          if (of_source == NULL)
            {
              g_ptr_array_add (names, b->barometer->source);
              of_source = g_ptr_array_new ();
              g_ptr_array_add (files, of_source);
            }
          for (guint f = 0; f < b->figures->len; f++)
            add_file (of_source, ((KithSummaryFigure *) g_ptr_array_index (b->figures, f))->value);
          for (guint f = 0; f < b->comparators->len; f++)
            add_file (of_source, g_ptr_array_index (b->comparators, f));
        }
    }
  for (guint n = 0; n < names->len; n++)
    {
      GPtrArray *of_source = g_ptr_array_index (files, n);
      const char *name = g_ptr_array_index (names, n);
      g_autofree char *list = NULL;

      g_ptr_array_add (of_source, NULL);
      list = g_strjoinv (", ", (char **) of_source->pdata);
      for (int english = 0; english <= 1; english++)
        {
          const char *domain = kith_summary_domain (english);
          g_ptr_array_add (english ? method->sources_english : method->sources,
                           of_source->len > 1
                           /* Translators: a barometers' source, then the files its figures were imported from */
                           ? g_strdup_printf (g_dgettext (domain, "%s: figures from %s"), name, list)
                           /* Translators: %s is a barometers' source */
                           : g_strdup_printf (g_dgettext (domain, "%s: named, no figure imported"), name));
        }
    }
}

KithSummaryMethod *
kith_summary_method_compute (KithProject       *project,
                             const KithSummary *summary,
                             GPtrArray         *items,
                             guint              n_staff,
                             GError           **error)
{
  g_autoptr(GPtrArray) documents = kith_documents_list (project, error);
  g_autoptr(GPtrArray) stats = NULL;
  KithSummaryMethod *method;

  if (documents == NULL || (stats = kith_rules_stats (project, error)) == NULL)
    return NULL;
  method = g_new0 (KithSummaryMethod, 1);
  method->kinds = g_ptr_array_new_with_free_func ((GDestroyNotify) kind_free);
  method->coders = g_ptr_array_new_with_free_func ((GDestroyNotify) coder_free);
  method->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_rule_stats_free);
  method->sources = g_ptr_array_new_with_free_func (g_free);
  method->sources_english = g_ptr_array_new_with_free_func (g_free);
  method->n_documents_project = documents->len;
  method->n_staff = n_staff;
  add_kinds (method, items);
  add_codings (method, items);
  for (guint i = 0; i < stats->len; i++)
    {
      KithRuleStats *s = g_ptr_array_index (stats, i);
      method->n_suggestions += s->hits;
      method->n_suggestions_accepted += s->accepted;
      method->n_suggestions_rejected += s->rejected;
      method->n_suggestions_pending += s->pending;
      if (s->accepted + s->rejected > 0)
        g_ptr_array_add (method->rules, rule_stats_copy (s));
      else if (s->hits > 0)
        method->n_rules_undecided++;
    }
  add_sources (method, summary);
  return method;
}
