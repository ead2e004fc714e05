/* kith-summary-text.c — the words of a summary, shared by every renderer
 * and the desktop Summary view, so that a figure reads the same everywhere */
#include <math.h>
#include <string.h>

#include "kith-i18n.h"
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

const char *
kith_summary_domain (gboolean english)
{
  return english ? "kith-untranslated" : GETTEXT_PACKAGE;
}

/* A fractional gap (2.5 points) takes the form for 2 */
static gulong
plural_count (double value)
{
  return value == floor (value) && value < (double) G_MAXULONG ? (gulong) value : 2;
}

static char *
format_figure (KithMeasure measure,
               double      value,
               gboolean    english)
{
  g_autofree char *number = plain_number (value);

  switch (measure)
    {
    case KITH_MEASURE_PERCENT:
      return g_strdup_printf ("%s%%", number);
    case KITH_MEASURE_SMC_GROUP:
      /* Translators: a Social Mobility Commission group of local areas: “group 3 of 5” */
      return g_strdup_printf (g_dgettext (kith_summary_domain (english), "group %s of %d"), number, KITH_SMC_GROUPS);
    case KITH_MEASURE_COUNT:
      return grouped_count (value);
    case KITH_MEASURE_RATE:
    default:
      return g_steal_pointer (&number);
    }
}

char *
kith_summary_format_figure (KithMeasure measure,
                            double      value)
{
  return format_figure (measure, value, FALSE);
}

const char *
kith_summary_group_name (int group)
{
  static const char *const names[] = {
    N_("least favourable"), N_("unfavourable"), N_("middle"), N_("favourable"), N_("most favourable"),
  };

  return group >= 1 && group <= KITH_SMC_GROUPS ? _(names[group - 1]) : "";
}

const char *
kith_summary_dimension_label (const char *dimension)
{
  if (g_strcmp0 (dimension, "think") == 0)
    /* Translators: an outcome dimension: what residents think */
    return _("Think");
  if (g_strcmp0 (dimension, "feel") == 0)
    /* Translators: an outcome dimension: what residents feel */
    return _("Feel");
  if (g_strcmp0 (dimension, "do") == 0)
    /* Translators: an outcome dimension: what residents do */
    return _("Do");
  return dimension != NULL ? dimension : _("Other");
}

const char *
kith_summary_measure_label (KithMeasure measure)
{
  switch (measure)
    {
    case KITH_MEASURE_PERCENT:
      return _("% of adults");
    case KITH_MEASURE_SMC_GROUP:
      return _("Social Mobility Commission group: 1 least to 5 most favourable");
    case KITH_MEASURE_COUNT:
      return _("count");
    case KITH_MEASURE_RATE:
    default:
      return _("rate");
    }
}

static char *
describe_figure (const KithSummaryBarometer *barometer,
                 const KithSummaryFigure    *figure,
                 gboolean                    english)
{
  KithMeasure measure = barometer->barometer->measure;
  const char *domain = kith_summary_domain (english);
  const KithBarometerValue *reference;
  g_autofree char *value = NULL;
  g_autofree char *gap = NULL;
  const char *place;
  gboolean behind = figure->comparison == KITH_COMPARISON_BEHIND;

  if (figure->comparison == KITH_COMPARISON_NONE || barometer->comparators->len == 0)
    return NULL;
  reference = g_ptr_array_index (barometer->comparators, 0);
  place = reference->geography;
  value = format_figure (measure, reference->value, english);
  /* Translators (every comparison below): the first %s is the place compared
   * with (“England”), the %s in brackets its figure (“41%”) */
  if (measure == KITH_MEASURE_SMC_GROUP)
    switch (figure->comparison)
      {
      case KITH_COMPARISON_BEHIND:
        return g_strdup_printf (g_dgettext (domain, "a less favourable group than %s (%s)"), place, value);
      case KITH_COMPARISON_AHEAD:
        return g_strdup_printf (g_dgettext (domain, "a more favourable group than %s (%s)"), place, value);
      default:
        return g_strdup_printf (g_dgettext (domain, "the same group as %s (%s)"), place, value);
      }
  if (figure->comparison == KITH_COMPARISON_LEVEL)
    return g_strdup_printf (g_dgettext (domain, "level with %s (%s)"), place, value);
  if (!figure->has_gap)
    return g_strdup_printf (behind ? g_dgettext (domain, "behind %s (%s)") : g_dgettext (domain, "ahead of %s (%s)"),
                            place, value);
  gap = plain_number (fabs (figure->gap));
  if (behind)
    /* Translators: the first %s is a gap in percentage points (“4”, “2.5”) */
    return g_strdup_printf (g_dngettext (domain, "%s point behind %s (%s)", "%s points behind %s (%s)",
                                         plural_count (fabs (figure->gap))), gap, place, value);
  /* Translators: the first %s is a gap in percentage points (“4”, “2.5”) */
  return g_strdup_printf (g_dngettext (domain, "%s point ahead of %s (%s)", "%s points ahead of %s (%s)",
                                       plural_count (fabs (figure->gap))), gap, place, value);
}

char *
kith_summary_describe_figure (const KithSummaryBarometer *barometer,
                              const KithSummaryFigure    *figure)
{
  return describe_figure (barometer, figure, FALSE);
}

char *
kith_summary_describe_figure_english (const KithSummaryBarometer *barometer,
                                      const KithSummaryFigure    *figure)
{
  return describe_figure (barometer, figure, TRUE);
}

typedef enum {
  JOIN_LIST,        /* “Walsall, Dudley” */
  JOIN_GROUPS,      /* “group 5 of 5 (…): Solihull; group 4 of 5 (…): Dudley” */
  JOIN_ALTERNATIVES /* “37% or 29%” */
} Join;

/* @items joined two at a time by a translated pair (“%s, %s”), so that a
 * language orders and joins its own way */
static char *
join_list (GPtrArray *items,
           Join       join)
{
  char *out = g_strdup (items->len > 0 ? g_ptr_array_index (items, 0) : "");

  for (guint i = 1; i < items->len; i++)
    {
      const char *item = g_ptr_array_index (items, i);
      char *longer;

      switch (join)
        {
        case JOIN_GROUPS:
          /* Translators: joins groups of places */
          longer = g_strdup_printf (C_("list", "%s; %s"), out, item);
          break;
        case JOIN_ALTERNATIVES:
          /* Translators: figures that disagree: “37% or 29%” */
          longer = g_strdup_printf (_("%s or %s"), out, item);
          break;
        case JOIN_LIST:
        default:
          /* Translators: joins the items of a list in a sentence */
          longer = g_strdup_printf (C_("list", "%s, %s"), out, item);
          break;
        }
      g_free (out);
      out = longer;
    }
  return out;
}

char *
kith_summary_describe_locals (const KithSummaryBarometer *barometer)
{
  KithMeasure measure = barometer->barometer->measure;
  GPtrArray *locals = barometer->locals;

  if (locals->len == 0)
    return NULL;
  if (measure == KITH_MEASURE_SMC_GROUP)
    {
      /* by group, most favourable first; the names in each */
      g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *all = NULL;

      for (int group = KITH_SMC_GROUPS; group >= 1; group--)
        {
          g_autoptr(GPtrArray) names = g_ptr_array_new ();
          g_autofree char *list = NULL;

          for (guint i = 0; i < locals->len; i++)
            {
              KithBarometerValue *v = g_ptr_array_index (locals, i);
              if ((int) v->value == group)
                g_ptr_array_add (names, v->geography);
            }
          if (names->len == 0)
            continue;
          list = join_list (names, JOIN_LIST);
          /* Translators: “group 5 of 5 (most favourable): Solihull, Dudley” */
          g_ptr_array_add (groups, g_strdup_printf (_("group %d of %d (%s): %s"), group, KITH_SMC_GROUPS,
                                                    kith_summary_group_name (group), list));
        }
      all = join_list (groups, JOIN_GROUPS);
      /* Translators: %s is the groups of local authorities, %u how many there are */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s (%u local authority with a figure)",
                                           "%s (%u local authorities with a figure)", locals->len),
                              all, locals->len);
    }
  {
    KithBarometerValue *low = g_ptr_array_index (locals, 0);
    KithBarometerValue *high = g_ptr_array_index (locals, locals->len - 1);
    g_autofree char *low_text = kith_summary_format_figure (measure, low->value);
    g_autofree char *high_text = kith_summary_format_figure (measure, high->value);

    if (locals->len == 1)
      /* Translators: a local authority and its figure: “Walsall 31%” */
      return g_strdup_printf (_("%s %s (the only local authority with a figure)"), low->geography, low_text);
    /* lowest and highest by value; which is better depends on the barometer */
    /* Translators: each %s %s is a local authority and its figure: “lowest Walsall 22%” */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "lowest %s %s, highest %s %s (%u local authority with a figure)",
                                         "lowest %s %s, highest %s %s (%u local authorities with a figure)", locals->len),
                            low->geography, low_text, high->geography, high_text, locals->len);
  }
}

char *
kith_summary_describe_count (const KithSummaryCount *count)
{
  g_autofree char *extracts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u coded extract", "%u coded extracts",
                                                            count->n_extracts), count->n_extracts);
  g_autofree char *documents = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u document", "%u documents",
                                                             count->n_documents), count->n_documents);
  g_autofree char *people = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u resident", "%u residents",
                                                          count->n_people), count->n_people);

  /* Translators: three counts, each with its own plural: “12 coded extracts”
   * from “4 documents” and “5 residents” */
  return g_strdup_printf (_("%s from %s and %s"), extracts, documents, people);
}

/* The first sentence of the scope: which barometer figures are shown */
static char *
describe_figures_scope (const KithSummary *summary)
{
  /* Translators: the period the figures are from, when none is chosen */
  const char *period = summary->period != NULL ? summary->period : _("each barometer's latest period");

  /* Translators (the four sentences below): “for” the combined authority,
   * “beside” the comparator (“England”); the last %s is the period */
  if (summary->area != NULL && summary->comparator != NULL)
    return g_strdup_printf (_("Barometer figures for %s beside %s, %s."), summary->area, summary->comparator, period);
  if (summary->area != NULL)
    return g_strdup_printf (_("Barometer figures for %s, %s."), summary->area, period);
  if (summary->comparator != NULL)
    return g_strdup_printf (_("Barometer figures (no combined authority in the data) beside %s, %s."),
                            summary->comparator, period);
  return g_strdup_printf (_("Barometer figures (no combined authority in the data), %s."), period);
}

char *
kith_summary_describe_scope (const KithSummary *summary)
{
  static const char *const attributions[] = {
    /* Translators: how residents' quotes are attributed, in “residents' quotes attributed %s” */
    [KITH_ATTRIBUTION_RESIDENT] = N_("as “Resident, <place>”"),
    [KITH_ATTRIBUTION_SPEAKER] = N_("to residents by name"),
    [KITH_ATTRIBUTION_CASE] = N_("to residents by case"),
  };
  const char *attribution = _(attributions[summary->attribution]);
  g_autofree char *figures = describe_figures_scope (summary);
  g_autofree char *evidence = NULL;
  g_autofree char *gaps = NULL;

  if (summary->geography != NULL)
    /* Translators: the first %s is a place (“Walsall”), the second the case or
     * document attribute that holds places (“local_authority”), the third how
     * quotes are attributed (“to residents by name”) */
    evidence = g_strdup_printf (_("Coded evidence from %s only (place: the “%s” of each case or document); "
                                  "residents' quotes attributed %s, a report's or notes' to the document by title."),
                                summary->geography, summary->geography_attribute, attribution);
  else
    /* Translators: the first %s is the case or document attribute that holds
     * places (“local_authority”), the second how quotes are attributed */
    evidence = g_strdup_printf (_("Coded evidence from every place (place: the “%s” of each case or document); "
                                  "residents' quotes attributed %s, a report's or notes' to the document by title."),
                                summary->geography_attribute, attribution);
  gaps = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Outcomes with fewer than %u coded extract are listed as evidence gaps.",
                                       "Outcomes with fewer than %u coded extracts are listed as evidence gaps.",
                                       summary->thin), summary->thin);
  return g_strjoin (" ", figures, evidence, gaps, NULL);
}

static char *
describe_source (const KithBarometerValue *value,
                 gboolean                  english)
{
  /* Translators: a file and a line in it: “barometers.tsv line 13” */
  g_autofree char *line = g_strdup_printf (g_dgettext (kith_summary_domain (english), "%s line %lld"), value->file,
                                           (long long) value->line);
  GString *out = g_string_new (value->source);

  if (*value->where_stated != '\0')
    g_string_append_printf (out, "%s%s", out->len > 0 ? "; " : "", value->where_stated);
  g_string_append_printf (out, "%s%s", out->len > 0 ? "; " : "", line);
  return g_string_free (out, FALSE);
}

char *
kith_summary_describe_source (const KithBarometerValue *value)
{
  return describe_source (value, FALSE);
}

char *
kith_summary_describe_source_english (const KithBarometerValue *value)
{
  return describe_source (value, TRUE);
}

char *
kith_summary_describe_unit (const KithSummaryBarometer *b)
{
  if (b->period == NULL)
    return g_strdup (kith_summary_measure_label (b->barometer->measure));
  /* Translators: a measure and its period: “% of adults, 2023/24” */
  return g_strdup_printf (_("%s, %s"), kith_summary_measure_label (b->barometer->measure), b->period);
}

/* “37% or 29%”: the figures of @values, or “–” for none */
static char *
describe_alternatives (const KithSummaryBarometer *b,
                       GPtrArray                  *values,
                       gboolean                    of_figures)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  if (values->len == 0)
    return g_strdup ("–");
  for (guint i = 0; i < values->len; i++)
    {
      const KithBarometerValue *v = of_figures ? ((KithSummaryFigure *) g_ptr_array_index (values, i))->value
                                               : g_ptr_array_index (values, i);
      g_ptr_array_add (texts, kith_summary_format_figure (b->barometer->measure, v->value));
    }
  return join_list (texts, JOIN_ALTERNATIVES);
}

char *
kith_summary_describe_area (const KithSummaryBarometer *b)
{
  g_autofree char *figures = NULL;

  if (b->named_only)
    return g_strdup (_("no figure stated"));
  figures = describe_alternatives (b, b->figures, TRUE);
  if (b->figures->len > 1)
    /* Translators: %s is two or more figures: “37% or 29%” */
    return g_strdup_printf (_("%s (sources disagree)"), figures);
  return g_steal_pointer (&figures);
}

char *
kith_summary_describe_comparators (const KithSummaryBarometer *b)
{
  return describe_alternatives (b, b->comparators, FALSE);
}

char *
kith_summary_describe_comparison (const KithSummaryBarometer *b)
{
  if (b->note != NULL)
    return g_strdup (b->note);
  if (b->comparison == KITH_COMPARISON_MIXED)
    return g_strdup (_("the disagreeing figures fall on both sides"));
  if (b->figures->len == 1)
    return kith_summary_describe_figure (b, g_ptr_array_index (b->figures, 0));
  /* several figures, all on one side: each is described with it */
  return g_strdup (b->comparison == KITH_COMPARISON_BEHIND ? _("every figure behind")
                   : b->comparison == KITH_COMPARISON_AHEAD ? _("every figure ahead")
                   /* Translators: several figures, all level with the comparator */
                   : C_("comparison", "level"));
}

char *
kith_summary_describe_conflict (const KithSummary          *summary,
                                const KithSummaryBarometer *b)
{
  if (b->figures->len < 2)
    return NULL;
  /* Translators: %u is how many figures (two or more), %s the area (“WMCA”) */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The sources give %u figure for %s that disagree; all are shown with where each "
                                       "is stated, and none is preferred.",
                                       "The sources give %u figures for %s that disagree; all are shown with where each "
                                       "is stated, and none is preferred.", b->figures->len),
                          b->figures->len, summary->area);
}

char *
kith_summary_describe_behind (const KithSummaryBarometer *b,
                              const KithSummaryFigure    *f)
{
  g_autofree char *figure = kith_summary_format_figure (b->barometer->measure, f->value->value);
  g_autofree char *compared = kith_summary_describe_figure (b, f);

  /* Translators: “Trust: WMCA 37%, 4 points behind England (41%).”: a
   * barometer, a place, its figure, and how it compares */
  return g_strdup_printf (_("%s: %s %s, %s."), b->barometer->label, f->value->geography, figure,
                          compared != NULL ? compared : _("not compared"));
}

char *
kith_summary_describe_linked (const KithSummaryEvidence *e)
{
  g_autofree char *count = kith_summary_describe_count (&e->count);

  /* Translators: %s is a code's name, then a count (“2 coded extracts from 1 document and 1 resident”) */
  return g_strdup_printf (_("Evidence coded with the linked code “%s”: %s."), e->label, count);
}

char *
kith_summary_list_places (GPtrArray *by_geography,
                          gboolean   of_documents)
{
  g_autoptr(GPtrArray) places = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < by_geography->len; i++)
    {
      KithSummaryCount *c = g_ptr_array_index (by_geography, i);
      /* Translators: a place and its count of coded extracts or of documents: “Walsall 2” */
      g_ptr_array_add (places, g_strdup_printf (_("%s %u"), c->geography != NULL ? c->geography : _("not recorded"),
                                                of_documents ? c->n_documents : c->n_extracts));
    }
  return join_list (places, JOIN_LIST);
}

char *
kith_summary_describe_places (GPtrArray *by_geography)
{
  return kith_summary_list_places (by_geography, FALSE);
}

char *
kith_summary_describe_gap (const KithSummaryEvidence *e)
{
  if (e->count.n_extracts == 0)
    return g_strdup (_("no coded evidence"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u coded extract only", "%u coded extracts only",
                                       e->count.n_extracts), e->count.n_extracts);
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
