/* kith-summary-charts.c — the summary's charts, for the report and the app */
#include <math.h>

#include "kith-i18n.h"
#include "kith-summary-private.h"

static void
add_percent_ticks (KithChart *chart)
{
  for (int p = 0; p <= 100; p += 25)
    {
      g_autofree char *label = g_strdup_printf ("%d%%", p);
      kith_chart_add_tick (chart, p, label);
    }
}

KithChart *
kith_summary_chart_comparison (const KithSummary     *summary,
                               const KithSummaryGoal *goal)
{
  /* Translators: a chart's title: a goal, the area (“WMCA”), the comparator (“England”) */
  g_autofree char *title = g_strdup_printf (_("%s: %s beside %s, %% of adults"), goal->label,
                                            summary->area != NULL ? summary->area : _("the region"),
                                            summary->comparator != NULL ? summary->comparator : _("the comparator"));
  g_autoptr(KithChart) chart = kith_chart_new (title, 100);

  add_percent_ticks (chart);
  for (guint i = 0; i < goal->barometers->len; i++)
    {
      KithSummaryBarometer *b = g_ptr_array_index (goal->barometers, i);

      if (b->barometer->measure != KITH_MEASURE_PERCENT || b->figures->len + b->comparators->len == 0)
        continue;
      kith_chart_add_heading (chart, b->barometer->label);
      for (guint f = 0; f < b->figures->len; f++)
        {
          KithBarometerValue *v = ((KithSummaryFigure *) g_ptr_array_index (b->figures, f))->value;
          g_autofree char *text = kith_summary_format_figure (KITH_MEASURE_PERCENT, v->value);
          g_autofree char *label = b->figures->len > 1
                                   /* Translators: a place, then which of its disagreeing figures a bar shows */
                                   ? g_strdup_printf (_("%s (figure %u of %u)"), v->geography, f + 1, b->figures->len)
                                   : g_strdup (v->geography);
          kith_chart_add_bar (chart, label, v->value, text, KITH_CHART_TONE_AREA);
        }
      for (guint c = 0; c < b->comparators->len; c++)
        {
          KithBarometerValue *v = g_ptr_array_index (b->comparators, c);
          g_autofree char *text = kith_summary_format_figure (KITH_MEASURE_PERCENT, v->value);
          kith_chart_add_bar (chart, v->geography, v->value, text, KITH_CHART_TONE_COMPARATOR);
        }
    }
  return kith_chart_get_n_bars (chart) > 0 ? g_steal_pointer (&chart) : NULL;
}

/* A round number at or above @max (1, 2, 5, 10, 20, 50 …), and its step. */
static double
nice_ceiling (double  max,
              double *step)
{
  static const double multiples[] = { 1, 2, 5 };

  for (double unit = 1;; unit *= 10)
    for (guint i = 0; i < G_N_ELEMENTS (multiples); i++)
      {
        double top = multiples[i] * unit;
        if (top >= max)
          {
            *step = top <= 5 ? 1 : top / 5;
            return top;
          }
      }
}

KithChart *
kith_summary_chart_locals (const KithSummary          *summary,
                           const KithSummaryBarometer *b)
{
  KithMeasure measure = b->barometer->measure;
  g_autofree char *title = NULL;
  g_autoptr(KithChart) chart = NULL;
  double max = 0, step = 1;

  if (b->locals->len == 0 || measure == KITH_MEASURE_COUNT)
    return NULL;
  /* Translators: a chart's title: a barometer, then a period (“2023/24”) */
  title = g_strdup_printf (_("%s: local authorities, %s"), b->barometer->label, b->period);
  for (guint i = 0; i < b->locals->len; i++)
    max = MAX (max, ((KithBarometerValue *) g_ptr_array_index (b->locals, i))->value);
  if (measure == KITH_MEASURE_PERCENT)
    {
      chart = kith_chart_new (title, 100);
      add_percent_ticks (chart);
    }
  else if (measure == KITH_MEASURE_SMC_GROUP)
    {
      chart = kith_chart_new (title, KITH_SMC_GROUPS);
      for (int g = 1; g <= KITH_SMC_GROUPS; g++)
        {
          g_autofree char *label = g_strdup_printf ("%d", g);
          kith_chart_add_tick (chart, g, label);
        }
    }
  else
    {
      for (guint i = 0; i < b->figures->len; i++)
        max = MAX (max, ((KithSummaryFigure *) g_ptr_array_index (b->figures, i))->value->value);
      for (guint i = 0; i < b->comparators->len; i++)
        max = MAX (max, ((KithBarometerValue *) g_ptr_array_index (b->comparators, i))->value);
      double top = nice_ceiling (max, &step);
      chart = kith_chart_new (title, top);
      for (double t = 0; t <= top + step / 2; t += step)
        {
          g_autofree char *label = kith_summary_format_figure (measure, t);
          kith_chart_add_tick (chart, t, label);
        }
    }
  for (guint i = 0; i < b->locals->len; i++)
    {
      KithBarometerValue *v = g_ptr_array_index (b->locals, i);
      g_autofree char *text = kith_summary_format_figure (measure, v->value);
      gboolean is_area = kith_summary_names_match (v->geography, summary->area);
      kith_chart_add_bar (chart, v->geography, v->value, text, is_area ? KITH_CHART_TONE_AREA : KITH_CHART_TONE_LOCAL);
    }
  for (guint i = 0; i < b->figures->len; i++)
    {
      KithBarometerValue *v = ((KithSummaryFigure *) g_ptr_array_index (b->figures, i))->value;
      g_autofree char *text = kith_summary_format_figure (measure, v->value);
      g_autofree char *label = g_strdup_printf ("%s %s", v->geography, text);
      if (v->level != KITH_GEOGRAPHY_LOCAL)
        kith_chart_add_mark (chart, v->value, label, KITH_CHART_TONE_AREA);
    }
  for (guint i = 0; i < b->comparators->len; i++)
    {
      KithBarometerValue *v = g_ptr_array_index (b->comparators, i);
      g_autofree char *text = kith_summary_format_figure (measure, v->value);
      g_autofree char *label = g_strdup_printf ("%s %s", v->geography, text);
      kith_chart_add_mark (chart, v->value, label, KITH_CHART_TONE_COMPARATOR);
    }
  return g_steal_pointer (&chart);
}

static KithChartTone
dimension_tone (const char *dimension)
{
  if (g_strcmp0 (dimension, "think") == 0)
    return KITH_CHART_TONE_THINK;
  if (g_strcmp0 (dimension, "feel") == 0)
    return KITH_CHART_TONE_FEEL;
  if (g_strcmp0 (dimension, "do") == 0)
    return KITH_CHART_TONE_DO;
  return KITH_CHART_TONE_OTHER;
}

KithChart *
kith_summary_chart_evidence (const KithSummary     *summary,
                             const KithSummaryGoal *goal)
{
  /* Translators: a chart's title; %s is a goal */
  g_autofree char *title = g_strdup_printf (_("%s: coded extracts by outcome"), goal->label);
  g_autoptr(KithChart) chart = NULL;
  const char *heading = NULL;
  guint max = 0;
  double step = 1, top;

  if (goal->outcomes->len == 0)
    return NULL;
  for (guint i = 0; i < goal->outcomes->len; i++)
    max = MAX (max, ((KithSummaryEvidence *) g_ptr_array_index (goal->outcomes, i))->count.n_extracts);
  top = nice_ceiling (MAX (max, 1), &step);
  chart = kith_chart_new (title, top);
  for (double t = 0; t <= top + step / 2; t += step)
    {
      g_autofree char *label = g_strdup_printf ("%.0f", t);
      kith_chart_add_tick (chart, t, label);
    }
  for (guint i = 0; i < goal->outcomes->len; i++)
    {
      KithSummaryEvidence *e = g_ptr_array_index (goal->outcomes, i);
      const char *dimension = kith_summary_dimension_label (e->dimension);
      g_autofree char *extracts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u extract", "%u extracts",
                                                                e->count.n_extracts), e->count.n_extracts);
      g_autofree char *people = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u resident", "%u residents",
                                                              e->count.n_people), e->count.n_people);
      /* Translators: a bar's two counts: “3 extracts, 2 residents” */
      g_autofree char *text = g_strdup_printf (_("%s, %s"), extracts, people);

      if (g_strcmp0 (heading, dimension) != 0)
        {
          kith_chart_add_heading (chart, dimension);
          heading = dimension;
        }
      kith_chart_add_bar (chart, e->label, e->count.n_extracts, text, dimension_tone (e->dimension));
    }
  return g_steal_pointer (&chart);
}
