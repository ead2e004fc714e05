/* kith-summary-csv.c — an evaluation summary as one long CSV table
 *
 * Columns: section, goal, item, dimension, geography, period, measure,
 * value, source, detail. Sections: figure (a barometer figure with where it
 * came from), comparison (the gap or direction against the comparator, or
 * why there is none), linked_evidence, evidence (counts per outcome, for
 * all places and per place), evidence_gap, quote, total, and method (the
 * methodology's counts: documents and residents by kind, codings by
 * origin and coder, the suggestion queue, each reviewed rule). A long table
 * filters and pivots in any spreadsheet without losing what each number is.
 * Rows follow the outline's sections, with the data each section shows.
 */
#include "kith-csv-writer.h"
#include "kith-summary-outline.h"
#include "kith-summary-private.h"

typedef struct
{
  const char *section;
  const char *goal;
  const char *item;
  const char *dimension;
  const char *geography;
  const char *period;
  const char *measure;
  const char *value;
  const char *source;
  const char *detail;
} Row;

static void
append_row (GString   *out,
            const Row *row)
{
  const char *fields[] = {
    row->section, row->goal, row->item, row->dimension, row->geography, row->period,
    row->measure, row->value, row->source, row->detail,
  };

  kith_csv_append_row (out, fields, G_N_ELEMENTS (fields));
}

static void
append_figure (GString                    *out,
               const char                 *goal,
               const KithSummaryBarometer *b,
               const KithBarometerValue   *v,
               const char                 *place)
{
  g_autofree char *value = kith_barometer_value_format (v);
  g_autofree char *source = kith_summary_describe_source_english (v);
  g_autofree char *detail = g_strdup_printf ("%s barometer; %s%s", b->barometer->is_key ? "key" : "supporting",
                                             place, v->conflict ? "; conflict" : "");

  append_row (out, &(Row) { "figure", goal, b->barometer->key, "", v->geography, v->period,
                            kith_measure_to_string (b->barometer->measure), value, source, detail });
}

static void
append_counts (GString                *out,
               const char             *section,
               const char             *goal,
               const char             *item,
               const char             *dimension,
               const char             *geography,
               const KithSummaryCount *count,
               const char             *detail)
{
  const struct { const char *measure; guint value; } counts[] = {
    { "extracts", count->n_extracts }, { "documents", count->n_documents }, { "people", count->n_people },
    { "places", count->n_places },
  };

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autofree char *value = g_strdup_printf ("%u", counts[i].value);
      append_row (out, &(Row) { section, goal, item, dimension, geography, "", counts[i].measure, value,
                                "codings", detail });
    }
}

static void
append_evidence (GString                   *out,
                 const char                *section,
                 const char                *goal,
                 const char                *item,
                 const KithSummaryEvidence *e)
{
  const char *dimension = e->dimension != NULL ? e->dimension : "";

  append_counts (out, section, goal, item, dimension, "", &e->count, e->label);
  for (guint i = 0; i < e->by_geography->len; i++)
    {
      KithSummaryCount *c = g_ptr_array_index (e->by_geography, i);
      append_counts (out, section, goal, item, dimension, c->geography != NULL ? c->geography : "not recorded",
                     c, e->label);
    }
}

static void
append_barometer (GString                    *out,
                  const KithSummary          *summary,
                  const char                 *goal,
                  const KithSummaryBarometer *b)
{
  const char *key = b->barometer->key;
  const char *measure = kith_measure_to_string (b->barometer->measure);

  for (guint i = 0; i < b->figures->len; i++)
    append_figure (out, goal, b, ((KithSummaryFigure *) g_ptr_array_index (b->figures, i))->value, "area");
  for (guint i = 0; i < b->comparators->len; i++)
    append_figure (out, goal, b, g_ptr_array_index (b->comparators, i), "comparator");
  for (guint i = 0; i < b->locals->len; i++)
    append_figure (out, goal, b, g_ptr_array_index (b->locals, i), "local authority");
  if (b->named_only)
    append_row (out, &(Row) { "figure", goal, key, "", summary->area, b->period, measure, "", b->barometer->source,
                              "named without a figure" });
  for (guint i = 0; i < b->figures->len && b->note == NULL; i++)
    {
      KithSummaryFigure *f = g_ptr_array_index (b->figures, i);
      g_autofree char *gap = NULL;
      g_autofree char *detail = kith_summary_describe_figure_english (b, f);
      g_autofree char *source = g_strdup_printf ("%s line %" G_GINT64_FORMAT " against %s", f->value->file,
                                                 f->value->line, summary->comparator);

      if (f->has_gap)
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];
          gap = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.10g", f->gap));
        }
      append_row (out, &(Row) { "comparison", goal, key, "", f->value->geography, b->period,
                                f->has_gap ? "percentage_points" : "direction", gap != NULL ? gap : "", source,
                                detail });
    }
  if (b->note != NULL)
    append_row (out, &(Row) { "comparison", goal, key, "", summary->area, b->period, "", "", "",
                              b->note_english });
  for (guint i = 0; i < b->linked->len; i++)
    append_evidence (out, "linked_evidence", goal, key, g_ptr_array_index (b->linked, i));
}

/* The data behind a goal's section of the outline: its barometers (the key
 * ones' cards, then the supporting table's rows), then its outcomes (the
 * evidence table's rows) with their gaps and quotes, then its total. */
static void
append_goal (GString               *out,
             const KithSummary     *summary,
             const KithOutlineNode *section)
{
  const KithSummaryGoal *goal = section->data;

  for (guint i = 0; i < section->children->len; i++)
    {
      KithOutlineNode *child = g_ptr_array_index (section->children, i);
      KithOutlineNode *table = NULL;

      if (g_strcmp0 (child->role, "key-barometer") == 0)
        append_barometer (out, summary, goal->key, child->data);
      else if (g_strcmp0 (child->role, "supporting") == 0)
        table = kith_outline_node_find (child, "supporting");
      else if (g_strcmp0 (child->role, "evidence") == 0)
        table = kith_outline_node_find (child, "evidence");
      for (guint r = 0; table != NULL && r < table->row_data->len; r++)
        {
          const KithSummaryEvidence *e = g_ptr_array_index (table->row_data, r);
          const char *dimension;

          if (g_strcmp0 (table->role, "supporting") == 0)
            {
              append_barometer (out, summary, goal->key, g_ptr_array_index (table->row_data, r));
              continue;
            }
          dimension = e->dimension != NULL ? e->dimension : "";
          append_evidence (out, "evidence", goal->key, e->key, e);
          if (e->gap)
            {
              g_autofree char *n = g_strdup_printf ("%u", e->count.n_extracts);
              g_autofree char *detail = g_strdup_printf ("%s: fewer than %u coded extracts", e->label, summary->thin);
              append_row (out, &(Row) { "evidence_gap", goal->key, e->key, dimension, "", "", "extracts", n,
                                        "codings", detail });
            }
          for (guint q = 0; q < e->quotes->len; q++)
            {
              KithSummaryQuote *quote = g_ptr_array_index (e->quotes, q);
              g_autofree char *detail = g_strdup_printf ("coding %" G_GINT64_FORMAT "%s%s%s", quote->coding_id,
                                                         quote->shortened ? "; shortened" : "",
                                                         quote->shared_with != NULL ? "; shared with " : "",
                                                         quote->shared_with != NULL ? quote->shared_with : "");
              append_row (out, &(Row) { "quote", goal->key, e->key, dimension,
                                        quote->geography != NULL ? quote->geography : "", "", "quote",
                                        quote->text, quote->attribution_english, detail });
            }
        }
    }
  append_counts (out, "total", goal->key, "all outcomes", "", "", &goal->count, goal->label);
}

static void
append_method_count (GString    *out,
                     const char *item,
                     const char *dimension,
                     const char *geography,
                     const char *measure,
                     gint64      n,
                     const char *source,
                     const char *detail)
{
  g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, n);

  append_row (out, &(Row) { "method", "", item, dimension, geography, "", measure, value, source, detail });
}

/* The methodology section's figures, one a row. */
static void
append_method (GString                 *out,
               const KithSummaryMethod *m)
{
  for (guint i = 0; i < m->kinds->len; i++)
    {
      KithSummaryKind *k = g_ptr_array_index (m->kinds, i);
      append_method_count (out, "documents", k->kind, "", "documents", k->n_documents, "codings", "");
      append_method_count (out, "documents", k->kind, "", "people", k->n_people, "codings", "");
      for (guint g = 0; g < k->by_geography->len; g++)
        {
          KithSummaryCount *c = g_ptr_array_index (k->by_geography, g);
          append_method_count (out, "documents", k->kind, c->geography != NULL ? c->geography : "not recorded",
                               "documents", c->n_documents, "codings", "");
        }
    }
  append_method_count (out, "codings", "", "", "by_hand", m->n_by_hand, "codings", "");
  append_method_count (out, "codings", "", "", "accepted_suggestions", m->n_accepted, "codings", "");
  append_method_count (out, "codings", "", "", "imported", m->n_imported, "codings", "");
  append_method_count (out, "codings", "", "", "staff_left_out", m->n_staff, "codings",
                       "interviewers' and facilitators' words");
  for (guint i = 0; i < m->coders->len; i++)
    {
      KithSummaryCoder *c = g_ptr_array_index (m->coders, i);
      append_method_count (out, "coder", "", "", "codings", c->n_codings, "codings", c->name);
    }
  append_method_count (out, "suggestions", "", "", "suggestions", m->n_suggestions, "suggestions", "");
  append_method_count (out, "suggestions", "", "", "accepted", m->n_suggestions_accepted, "suggestions", "");
  append_method_count (out, "suggestions", "", "", "rejected", m->n_suggestions_rejected, "suggestions", "");
  append_method_count (out, "suggestions", "", "", "pending", m->n_suggestions_pending, "suggestions", "");
  for (guint i = 0; i < m->rules->len; i++)
    {
      KithRuleStats *r = g_ptr_array_index (m->rules, i);
      g_autofree char *item = g_strdup_printf ("rule %" G_GINT64_FORMAT, r->rule_id);
      g_autofree char *detail = g_strdup_printf ("%s: %s", r->code_path, r->pattern);
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      append_method_count (out, item, "", "", "accepted", r->accepted, "suggestions", detail);
      append_method_count (out, item, "", "", "rejected", r->rejected, "suggestions", detail);
      append_row (out, &(Row) { "method", "", item, "", "", "", "precision",
                                g_ascii_formatd (buffer, sizeof buffer, "%.3f", r->precision), "suggestions", detail });
    }
  for (guint i = 0; i < m->sources_english->len; i++)
    append_row (out, &(Row) { "method", "", "barometer_source", "", "", "", "", "",
                              g_ptr_array_index (m->sources_english, i),
                              "" });
}

char *
kith_summary_to_csv (const KithSummary *summary)
{
  static const char *const header[] = {
    "section", "goal", "item", "dimension", "geography", "period", "measure", "value", "source", "detail",
  };
  g_autoptr(KithOutlineNode) root = kith_summary_outline_build (summary);
  KithOutlineNode *places = kith_outline_node_find (root, "places");
  GString *out = g_string_new (NULL);

  kith_csv_append_row (out, header, G_N_ELEMENTS (header));
  for (guint i = 0; i < root->children->len; i++)
    {
      KithOutlineNode *child = g_ptr_array_index (root->children, i);
      if (g_strcmp0 (child->role, "goal") == 0)
        append_goal (out, summary, child);
    }
  append_counts (out, "total", "", "all outcomes", "", "", &summary->count, "every goal shown");
  for (guint i = 0; places != NULL && i < places->row_data->len; i++)
    {
      KithSummaryCount *c = g_ptr_array_index (places->row_data, i);
      append_counts (out, "total", "", "all outcomes", "", c->geography != NULL ? c->geography : "not recorded",
                     c, "every goal shown");
    }
  if (kith_outline_node_find (root, "methodology") != NULL)
    append_method (out, kith_outline_node_find (root, "methodology")->data);
  return g_string_free (out, FALSE);
}
