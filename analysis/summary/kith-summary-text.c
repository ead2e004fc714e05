/* kith-summary-text.c — the words of a summary, shared by every renderer
 * and the desktop Summary view, so that a figure reads the same everywhere */
#include <math.h>
#include <string.h>

#include "kith-summary-private.h"

static char *
plain_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.10g", value));
}

static char *
grouped_count (double value)
{
  g_autofree char *digits = g_strdup_printf ("%.0f", fabs (value));
  GString *out = g_string_new (value < 0 ? "-" : "");
  gsize n = strlen (digits);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

char *
kith_summary_format_figure (KithMeasure measure,
                            double      value)
{
  g_autofree char *number = plain_number (value);

  switch (measure)
    {
    case KITH_MEASURE_PERCENT:
      return g_strdup_printf ("%s%%", number);
    case KITH_MEASURE_SMC_GROUP:
      return g_strdup_printf ("group %s of %d", number, KITH_SMC_GROUPS);
    case KITH_MEASURE_COUNT:
      return grouped_count (value);
    case KITH_MEASURE_RATE:
    default:
      return g_steal_pointer (&number);
    }
}

const char *
kith_summary_group_name (int group)
{
  static const char *const names[] = {
    "least favourable", "unfavourable", "middle", "favourable", "most favourable",
  };

  return group >= 1 && group <= KITH_SMC_GROUPS ? names[group - 1] : "";
}

const char *
kith_summary_dimension_label (const char *dimension)
{
  if (g_strcmp0 (dimension, "think") == 0)
    return "Think";
  if (g_strcmp0 (dimension, "feel") == 0)
    return "Feel";
  if (g_strcmp0 (dimension, "do") == 0)
    return "Do";
  return dimension != NULL ? dimension : "Other";
}

const char *
kith_summary_measure_label (KithMeasure measure)
{
  switch (measure)
    {
    case KITH_MEASURE_PERCENT:
      return "% of adults";
    case KITH_MEASURE_SMC_GROUP:
      return "Social Mobility Commission group: 1 least to 5 most favourable";
    case KITH_MEASURE_COUNT:
      return "count";
    case KITH_MEASURE_RATE:
    default:
      return "rate";
    }
}

char *
kith_summary_describe_figure (const KithSummaryBarometer *barometer,
                              const KithSummaryFigure    *figure)
{
  KithMeasure measure = barometer->barometer->measure;
  const KithBarometerValue *reference;
  g_autofree char *against = NULL;
  g_autofree char *gap = NULL;
  const char *points;

  if (figure->comparison == KITH_COMPARISON_NONE || barometer->comparators->len == 0)
    return NULL;
  reference = g_ptr_array_index (barometer->comparators, 0);
  {
    g_autofree char *value = kith_summary_format_figure (measure, reference->value);
    against = g_strdup_printf ("%s (%s)", reference->geography, value);
  }
  if (measure == KITH_MEASURE_SMC_GROUP)
    switch (figure->comparison)
      {
      case KITH_COMPARISON_BEHIND:
        return g_strdup_printf ("a less favourable group than %s", against);
      case KITH_COMPARISON_AHEAD:
        return g_strdup_printf ("a more favourable group than %s", against);
      default:
        return g_strdup_printf ("the same group as %s", against);
      }
  if (figure->comparison == KITH_COMPARISON_LEVEL)
    return g_strdup_printf ("level with %s", against);
  if (!figure->has_gap)
    return g_strdup_printf ("%s %s", figure->comparison == KITH_COMPARISON_BEHIND ? "behind" : "ahead of", against);
  gap = plain_number (fabs (figure->gap));
  points = g_str_equal (gap, "1") ? "point" : "points";
  return g_strdup_printf ("%s %s %s %s", gap, points,
                          figure->comparison == KITH_COMPARISON_BEHIND ? "behind" : "ahead of", against);
}

char *
kith_summary_describe_locals (const KithSummaryBarometer *barometer)
{
  KithMeasure measure = barometer->barometer->measure;
  GPtrArray *locals = barometer->locals;
  GString *out;

  if (locals->len == 0)
    return NULL;
  if (measure == KITH_MEASURE_SMC_GROUP)
    {
      /* by group, most favourable first; the names in each */
      out = g_string_new (NULL);
      for (int group = KITH_SMC_GROUPS; group >= 1; group--)
        {
          guint n = 0;
          for (guint i = 0; i < locals->len; i++)
            {
              KithBarometerValue *v = g_ptr_array_index (locals, i);
              if ((int) v->value != group)
                continue;
              if (n++ == 0)
                g_string_append_printf (out, "%sgroup %d of %d (%s): ", out->len > 0 ? "; " : "", group,
                                        KITH_SMC_GROUPS, kith_summary_group_name (group));
              else
                g_string_append (out, ", ");
              g_string_append (out, v->geography);
            }
        }
      g_string_append_printf (out, " (%u local %s with a figure)", locals->len,
                              locals->len == 1 ? "authority" : "authorities");
      return g_string_free (out, FALSE);
    }
  {
    KithBarometerValue *low = g_ptr_array_index (locals, 0);
    KithBarometerValue *high = g_ptr_array_index (locals, locals->len - 1);
    g_autofree char *low_text = kith_summary_format_figure (measure, low->value);
    g_autofree char *high_text = kith_summary_format_figure (measure, high->value);

    if (locals->len == 1)
      return g_strdup_printf ("%s %s (the only local authority with a figure)", low->geography, low_text);
    /* lowest and highest by value; which is better depends on the barometer */
    return g_strdup_printf ("lowest %s %s, highest %s %s (%u local authorities with a figure)",
                            low->geography, low_text, high->geography, high_text, locals->len);
  }
}

char *
kith_summary_describe_count (const KithSummaryCount *count)
{
  return g_strdup_printf ("%u coded %s from %u %s and %u %s", count->n_extracts,
                          count->n_extracts == 1 ? "extract" : "extracts", count->n_documents,
                          count->n_documents == 1 ? "document" : "documents", count->n_people,
                          count->n_people == 1 ? "resident" : "residents");
}

char *
kith_summary_describe_scope (const KithSummary *summary)
{
  GString *out = g_string_new (NULL);
  static const char *const attributions[] = {
    [KITH_ATTRIBUTION_RESIDENT] = "as “Resident, <place>”",
    [KITH_ATTRIBUTION_SPEAKER] = "to residents by name",
    [KITH_ATTRIBUTION_CASE] = "to residents by case",
  };

  if (summary->area != NULL)
    g_string_append_printf (out, "Barometer figures for %s", summary->area);
  else
    g_string_append (out, "Barometer figures (no combined authority in the data)");
  if (summary->comparator != NULL)
    g_string_append_printf (out, " beside %s", summary->comparator);
  if (summary->period != NULL)
    g_string_append_printf (out, ", %s. ", summary->period);
  else
    g_string_append (out, ", each barometer's latest period. ");
  if (summary->geography != NULL)
    g_string_append_printf (out, "Coded evidence from %s only", summary->geography);
  else
    g_string_append (out, "Coded evidence from every place");
  g_string_append_printf (out, " (place: the “%s” of each case or document); residents' quotes attributed %s, "
                          "a report's or notes' to the document by title. "
                          "Outcomes with fewer than %u coded %s are listed as evidence gaps.",
                          summary->geography_attribute, attributions[summary->attribution],
                          summary->thin, summary->thin == 1 ? "extract" : "extracts");
  return g_string_free (out, FALSE);
}

char *
kith_summary_describe_source (const KithBarometerValue *value)
{
  GString *out = g_string_new (value->source);

  if (*value->where_stated != '\0')
    g_string_append_printf (out, "%s%s", out->len > 0 ? "; " : "", value->where_stated);
  g_string_append_printf (out, "%s%s line %" G_GINT64_FORMAT, out->len > 0 ? "; " : "", value->file, value->line);
  return g_string_free (out, FALSE);
}

char *
kith_summary_describe_unit (const KithSummaryBarometer *b)
{
  if (b->period == NULL)
    return g_strdup (kith_summary_measure_label (b->barometer->measure));
  return g_strdup_printf ("%s, %s", kith_summary_measure_label (b->barometer->measure), b->period);
}

char *
kith_summary_describe_area (const KithSummaryBarometer *b)
{
  GString *out;

  if (b->named_only)
    return g_strdup ("no figure stated");
  if (b->figures->len == 0)
    return g_strdup ("–");
  out = g_string_new (NULL);
  for (guint i = 0; i < b->figures->len; i++)
    {
      KithSummaryFigure *f = g_ptr_array_index (b->figures, i);
      g_autofree char *figure = kith_summary_format_figure (b->barometer->measure, f->value->value);
      g_string_append_printf (out, "%s%s", i > 0 ? " or " : "", figure);
    }
  if (b->figures->len > 1)
    g_string_append (out, " (sources disagree)");
  return g_string_free (out, FALSE);
}

char *
kith_summary_describe_comparators (const KithSummaryBarometer *b)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < b->comparators->len; i++)
    {
      KithBarometerValue *v = g_ptr_array_index (b->comparators, i);
      g_autofree char *figure = kith_summary_format_figure (b->barometer->measure, v->value);
      g_string_append_printf (out, "%s%s", i > 0 ? " or " : "", figure);
    }
  if (out->len == 0)
    g_string_append (out, "–");
  return g_string_free (out, FALSE);
}

char *
kith_summary_describe_comparison (const KithSummaryBarometer *b)
{
  if (b->note != NULL)
    return g_strdup (b->note);
  if (b->comparison == KITH_COMPARISON_MIXED)
    return g_strdup ("the disagreeing figures fall on both sides");
  if (b->figures->len == 1)
    return kith_summary_describe_figure (b, g_ptr_array_index (b->figures, 0));
  /* several figures, all on one side: each is described with it */
  return g_strdup (b->comparison == KITH_COMPARISON_BEHIND ? "every figure behind"
                   : b->comparison == KITH_COMPARISON_AHEAD ? "every figure ahead" : "level");
}

char *
kith_summary_describe_conflict (const KithSummary          *summary,
                                const KithSummaryBarometer *b)
{
  if (b->figures->len < 2)
    return NULL;
  return g_strdup_printf ("The sources give %u figures for %s that disagree; all are shown with where each is "
                          "stated, and none is preferred.", b->figures->len, summary->area);
}

char *
kith_summary_describe_behind (const KithSummaryBarometer *b,
                              const KithSummaryFigure    *f)
{
  g_autofree char *figure = kith_summary_format_figure (b->barometer->measure, f->value->value);
  g_autofree char *compared = kith_summary_describe_figure (b, f);

  return g_strdup_printf ("%s: %s %s, %s.", b->barometer->label, f->value->geography, figure,
                          compared != NULL ? compared : "not compared");
}

char *
kith_summary_describe_linked (const KithSummaryEvidence *e)
{
  g_autofree char *count = kith_summary_describe_count (&e->count);

  return g_strdup_printf ("Evidence coded with the linked code “%s”: %s.", e->label, count);
}

char *
kith_summary_describe_places (GPtrArray *by_geography)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < by_geography->len; i++)
    {
      KithSummaryCount *c = g_ptr_array_index (by_geography, i);
      g_string_append_printf (out, "%s%s %u", i > 0 ? ", " : "",
                              c->geography != NULL ? c->geography : "not recorded", c->n_extracts);
    }
  return g_string_free (out, FALSE);
}

char *
kith_summary_describe_gap (const KithSummaryEvidence *e)
{
  if (e->count.n_extracts == 0)
    return g_strdup ("no coded evidence");
  return g_strdup_printf ("%u coded %s only", e->count.n_extracts, e->count.n_extracts == 1 ? "extract" : "extracts");
}

gboolean
kith_summary_goal_has_supporting (const KithSummaryGoal *goal)
{
  for (guint i = 0; i < goal->barometers->len; i++)
    if (!((KithSummaryBarometer *) g_ptr_array_index (goal->barometers, i))->barometer->is_key)
      return TRUE;
  return FALSE;
}

gboolean
kith_summary_barometer_is_behind (const KithSummaryBarometer *b)
{
  return b->comparison == KITH_COMPARISON_BEHIND || b->comparison == KITH_COMPARISON_MIXED;
}
