/* kith-summary-md.c — an evaluation summary as Markdown, to paste into a
 * grant report: headings, short tables, block quotes */
#include <string.h>

#include "kith-i18n.h"
#include "kith-summary-private.h"

/* Escapes what Markdown would read as markup; in tables, “|” too. */
static void
append_text (GString    *out,
             const char *text)
{
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (strchr ("\\`*_[]<>|#", *p) != NULL)
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
}

/* Appends @text escaped and frees it. */
static void
append_owned (GString *out,
              char    *text)
{
  append_text (out, text);
  g_free (text);
}

static void
append_figure_line (GString                    *out,
                    const KithSummaryBarometer *b,
                    const KithBarometerValue   *v,
                    const char                 *comparison)
{
  g_autofree char *figure = kith_summary_format_figure (b->barometer->measure, v->value);

  g_string_append (out, "- **");
  append_text (out, v->geography);
  g_string_append_printf (out, ": %s**", figure);
  if (comparison != NULL)
    {
      g_string_append (out, ", ");
      append_text (out, comparison);
    }
  g_string_append (out, ". Source: ");
  append_owned (out, kith_summary_describe_source (v));
  g_string_append (out, ".\n");
}

static void
append_linked (GString                    *out,
               const KithSummaryBarometer *b)
{
  for (guint i = 0; i < b->linked->len; i++)
    {
      g_string_append (out, "- ");
      append_owned (out, kith_summary_describe_linked (g_ptr_array_index (b->linked, i)));
      g_string_append_c (out, '\n');
    }
}

static void
append_key_barometer (GString                    *out,
                      const KithSummary          *summary,
                      const KithSummaryBarometer *b)
{
  g_autofree char *locals = kith_summary_describe_locals (b);
  g_autofree char *conflict = kith_summary_describe_conflict (summary, b);

  g_string_append_printf (out, "### %s: ", _("Key barometer"));
  append_text (out, b->barometer->label);
  g_string_append (out, "\n\n*");
  append_owned (out, kith_summary_describe_unit (b));
  g_string_append (out, "*\n\n");
  for (guint i = 0; i < b->figures->len; i++)
    {
      KithSummaryFigure *f = g_ptr_array_index (b->figures, i);
      g_autofree char *comparison = kith_summary_describe_figure (b, f);
      append_figure_line (out, b, f->value, comparison);
    }
  if (conflict != NULL)
    {
      g_string_append (out, "- ");
      append_text (out, conflict);
      g_string_append_c (out, '\n');
    }
  for (guint i = 0; i < b->comparators->len; i++)
    append_figure_line (out, b, g_ptr_array_index (b->comparators, i), NULL);
  if (b->note != NULL)
    {
      g_string_append (out, "- Not compared: ");
      append_text (out, b->note);
      g_string_append (out, ".\n");
    }
  if (locals != NULL)
    {
      g_string_append (out, "- Local authorities: ");
      append_text (out, locals);
      g_string_append (out, ".\n");
    }
  append_linked (out, b);
  g_string_append_c (out, '\n');
}

static void
append_supporting (GString               *out,
                   const KithSummary     *summary,
                   const KithSummaryGoal *goal)
{
  if (!kith_summary_goal_has_supporting (goal))
    return;
  g_string_append_printf (out, "### %s\n\n| Barometer | ", _("Supporting barometers"));
  append_text (out, summary->area != NULL ? summary->area : "Region");
  g_string_append (out, " | ");
  append_text (out, summary->comparator != NULL ? summary->comparator : "Comparator");
  g_string_append (out, " | Compared | Local authorities | Source |\n|---|---|---|---|---|---|\n");
  for (guint i = 0; i < goal->barometers->len; i++)
    {
      KithSummaryBarometer *b = g_ptr_array_index (goal->barometers, i);
      g_autofree char *locals = NULL;

      if (b->barometer->is_key)
        continue;
      locals = kith_summary_describe_locals (b);
      g_string_append (out, "| ");
      append_text (out, b->barometer->label);
      g_string_append (out, " (");
      append_owned (out, kith_summary_describe_unit (b));
      g_string_append (out, ") | ");
      append_owned (out, kith_summary_describe_area (b));
      g_string_append (out, " | ");
      append_owned (out, kith_summary_describe_comparators (b));
      g_string_append (out, " | ");
      append_owned (out, kith_summary_describe_comparison (b));
      g_string_append (out, " | ");
      append_text (out, locals != NULL ? locals : "–");
      g_string_append (out, " | ");
      if (b->figures->len > 0)
        append_owned (out, kith_summary_describe_source (((KithSummaryFigure *) g_ptr_array_index (b->figures, 0))->value));
      else
        append_text (out, b->barometer->source);
      g_string_append (out, " |\n");
    }
  g_string_append_c (out, '\n');
  for (guint i = 0; i < goal->barometers->len; i++)
    {
      KithSummaryBarometer *b = g_ptr_array_index (goal->barometers, i);
      if (!b->barometer->is_key && b->linked->len > 0)
        {
          append_text (out, b->barometer->label);
          g_string_append (out, ":\n\n");
          append_linked (out, b);
          g_string_append_c (out, '\n');
        }
    }
}

static void
append_quote (GString                *out,
              const KithSummaryQuote *q)
{
  g_string_append (out, "> “");
  append_text (out, q->text);
  g_string_append (out, "”\n> — ");
  append_text (out, q->attribution);
  g_string_append (out, "\n\n");
}

static void
append_evidence (GString               *out,
                 const KithSummaryGoal *goal)
{
  gboolean any_gap = FALSE, any_quote = FALSE;

  g_string_append_printf (out, "### %s\n\n", _("Evidence from residents, by outcome"));
  if (goal->outcomes->len == 0)
    {
      g_string_append (out, "No codes are placed in this goal's outcomes yet.\n\n");
      return;
    }
  g_string_append (out, "| Dimension | Outcome | Extracts | Documents | People | By place (extracts) |\n"
                        "|---|---|--:|--:|--:|---|\n");
  for (guint i = 0; i < goal->outcomes->len; i++)
    {
      KithSummaryEvidence *e = g_ptr_array_index (goal->outcomes, i);
      g_string_append_printf (out, "| %s | ", kith_summary_dimension_label (e->dimension));
      append_text (out, e->label);
      g_string_append_printf (out, " | %u | %u | %u | ", e->count.n_extracts, e->count.n_documents, e->count.n_people);
      append_owned (out, kith_summary_describe_places (e->by_geography));
      g_string_append (out, " |\n");
      any_gap |= e->gap;
      any_quote |= e->quotes->len > 0;
    }
  g_string_append_c (out, '\n');

  if (any_quote)
    {
      g_string_append_printf (out, "### %s\n\n", _("What residents said"));
      for (guint i = 0; i < goal->outcomes->len; i++)
        {
          KithSummaryEvidence *e = g_ptr_array_index (goal->outcomes, i);
          if (e->quotes->len == 0)
            continue;
          g_string_append_printf (out, "**%s: ", kith_summary_dimension_label (e->dimension));
          append_text (out, e->label);
          g_string_append (out, "**\n\n");
          for (guint q = 0; q < e->quotes->len; q++)
            append_quote (out, g_ptr_array_index (e->quotes, q));
        }
    }
  if (any_gap)
    {
      g_string_append_printf (out, "### %s\n\n", _("Evidence gaps"));
      for (guint i = 0; i < goal->outcomes->len; i++)
        {
          KithSummaryEvidence *e = g_ptr_array_index (goal->outcomes, i);
          if (!e->gap)
            continue;
          g_string_append_printf (out, "- %s: ", kith_summary_dimension_label (e->dimension));
          append_text (out, e->label);
          g_string_append (out, ": ");
          append_owned (out, kith_summary_describe_gap (e));
          g_string_append_c (out, '\n');
        }
      g_string_append_c (out, '\n');
    }
}

static void
append_side_by_side (GString               *out,
                     const KithSummaryGoal *goal)
{
  g_autofree char *count = kith_summary_describe_count (&goal->count);

  if (!goal->side_by_side)
    return;
  g_string_append_printf (out, "### %s\n\n", _("The numbers and the voices"));
  for (guint i = 0; i < goal->barometers->len; i++)
    {
      KithSummaryBarometer *b = g_ptr_array_index (goal->barometers, i);
      if (!kith_summary_barometer_is_behind (b))
        continue;
      for (guint f = 0; f < b->figures->len; f++)
        {
          g_string_append (out, "- ");
          append_owned (out, kith_summary_describe_behind (b, g_ptr_array_index (b->figures, f)));
          g_string_append_c (out, '\n');
        }
    }
  g_string_append_printf (out, "\nBeside these figures, residents' own words: %s for this goal's outcomes.\n\n", count);
  for (guint i = 0; i < goal->voices->len; i++)
    append_quote (out, g_ptr_array_index (goal->voices, i));
}

char *
kith_summary_to_markdown (const KithSummary *summary)
{
  GString *out = g_string_new (NULL);
  g_autofree char *count = kith_summary_describe_count (&summary->count);

  g_string_append_printf (out, "# %s: ", _("Evaluation summary"));
  append_text (out, summary->project);
  g_string_append_printf (out, "\n\n*Made with Kith on %s.* ", summary->generated);
  append_owned (out, kith_summary_describe_scope (summary));
  g_string_append (out, "\n\n**Evidence base:** ");
  append_text (out, count);
  g_string_append (out, ".\n\n");
  if (summary->by_geography->len > 0)
    {
      g_string_append (out, "| Place | Extracts | Documents | People |\n|---|--:|--:|--:|\n");
      for (guint i = 0; i < summary->by_geography->len; i++)
        {
          KithSummaryCount *c = g_ptr_array_index (summary->by_geography, i);
          g_string_append (out, "| ");
          append_text (out, c->geography != NULL ? c->geography : "not recorded");
          g_string_append_printf (out, " | %u | %u | %u |\n", c->n_extracts, c->n_documents, c->n_people);
        }
      g_string_append_c (out, '\n');
    }
  for (guint g = 0; g < summary->goals->len; g++)
    {
      KithSummaryGoal *goal = g_ptr_array_index (summary->goals, g);
      gboolean has_key = FALSE;

      g_string_append (out, "## ");
      append_text (out, goal->label);
      g_string_append (out, "\n\n");
      for (guint i = 0; i < goal->barometers->len; i++)
        {
          KithSummaryBarometer *b = g_ptr_array_index (goal->barometers, i);
          if (b->barometer->is_key)
            append_key_barometer (out, summary, b);
          has_key |= b->barometer->is_key;
        }
      if (!has_key)
        g_string_append (out, "*No key barometer has been imported for this goal.*\n\n");
      append_supporting (out, summary, goal);
      append_side_by_side (out, goal);
      append_evidence (out, goal);
    }
  return g_string_free (out, FALSE);
}
