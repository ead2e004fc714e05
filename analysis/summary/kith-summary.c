/* kith-summary.c — computing an evaluation summary, and its wording
 *
 * Goals come from the barometers (in import order), then from framework
 * codes. A goal's outcomes are the codes whose goal is the goal's key and
 * that have an outcome key; their descendants' codings count for them too.
 * Figures are for the area (--geography, else the combined authority in
 * the data) beside the comparator (England, else another nation).
 */
#include <string.h>

#include "kith-codes.h"
#include "kith-summary-private.h"
#include "kith-i18n.h"

#define DEFAULT_ATTRIBUTE "local_authority"

void
kith_summary_options_init (KithSummaryOptions *options)
{
  memset (options, 0, sizeof *options);
  options->thin = 2;
  options->quotes = 3;
  options->quotes_per_person = 1;
  options->quote_length = 300;
  options->attribution = KITH_ATTRIBUTION_RESIDENT;
}

gboolean
kith_attribution_from_string (const char      *text,
                              KithAttribution *attribution)
{
  static const char *const names[] = { "resident", "speaker", "case" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *attribution = (KithAttribution) i;
        return TRUE;
      }
  return FALSE;
}

/* ---- freeing -------------------------------------------------------------------- */

static void
figure_free (KithSummaryFigure *figure)
{
  kith_barometer_value_free (figure->value);
  g_free (figure);
}

static void
summary_barometer_free (KithSummaryBarometer *b)
{
  kith_barometer_free (b->barometer);
  g_free (b->period);
  g_free (b->note);
  g_free (b->note_english);
  g_clear_pointer (&b->figures, g_ptr_array_unref);
  g_clear_pointer (&b->comparators, g_ptr_array_unref);
  g_clear_pointer (&b->locals, g_ptr_array_unref);
  g_clear_pointer (&b->linked, g_ptr_array_unref);
  g_free (b);
}

static void
goal_free (KithSummaryGoal *goal)
{
  g_free (goal->key);
  g_free (goal->label);
  g_clear_pointer (&goal->barometers, g_ptr_array_unref);
  g_clear_pointer (&goal->outcomes, g_ptr_array_unref);
  g_clear_pointer (&goal->voices, g_ptr_array_unref);
  g_free (goal);
}

void
kith_summary_free (KithSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->project);
  g_free (summary->title);
  g_free (summary->organisation);
  g_free (summary->reporting_period);
  g_clear_pointer (&summary->method, kith_summary_method_free);
  g_free (summary->generated);
  g_free (summary->goal);
  g_free (summary->geography);
  g_free (summary->period);
  g_free (summary->area);
  g_free (summary->comparator);
  g_free (summary->geography_attribute);
  g_clear_pointer (&summary->by_geography, g_ptr_array_unref);
  g_clear_pointer (&summary->goals, g_ptr_array_unref);
  g_free (summary);
}

/* ---- barometers ------------------------------------------------------------------- */

static KithComparison
compare_values (const KithBarometer *b,
                double               area,
                double               comparator)
{
  if (area == comparator)
    return KITH_COMPARISON_LEVEL;
  return (area > comparator) == b->higher_is_better ? KITH_COMPARISON_AHEAD : KITH_COMPARISON_BEHIND;
}

static int
compare_locals (gconstpointer a,
                gconstpointer b)
{
  const KithBarometerValue *x = *(KithBarometerValue *const *) a;
  const KithBarometerValue *y = *(KithBarometerValue *const *) b;

  if (x->value != y->value)
    return x->value < y->value ? -1 : 1;
  return g_utf8_collate (x->geography, y->geography);
}

/* The period to show: the one asked for, else the latest with a figure,
 * else the latest named. */
static char *
choose_period (GPtrArray  *rows,
               const char *wanted)
{
  const char *latest = NULL;
  gboolean latest_has_value = FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      KithBarometerValue *v = g_ptr_array_index (rows, i);
      if (wanted != NULL)
        {
          if (kith_summary_names_match (v->period, wanted))
            return g_strdup (v->period);
          continue;
        }
      if (latest == NULL || (v->has_value && !latest_has_value)
          || (v->has_value == latest_has_value && strcmp (v->period, latest) > 0))
        {
          latest = v->period;
          latest_has_value = v->has_value;
        }
    }
  return g_strdup (latest);
}

/* Why @s is not compared, or NULL when it is; in the user's language, or
 * with @english in English (the CSV's detail column) */
static char *
note_of (const KithSummaryBarometer *s,
         const char                 *area,
         const char                 *comparator,
         gboolean                    english)
{
  const char *domain = kith_summary_domain (english);
  double reference;

  if (s->named_only)
    return g_strdup (g_dgettext (domain, "the source names this barometer but gives no figure"));
  if (s->barometer->measure == KITH_MEASURE_COUNT)
    return g_strdup (g_dgettext (domain, "counts are not compared between places of different sizes"));
  if (s->figures->len == 0)
    /* Translators: no figure for an area (“WMCA”) in a period (“2023/24”) */
    return area != NULL ? g_strdup_printf (g_dgettext (domain, "no figure for %s in %s"), area, s->period)
                        : g_strdup (g_dgettext (domain, "no figure for a combined authority"));
  if (comparator == NULL)
    return g_strdup (g_dgettext (domain, "no national figure to compare with"));
  if (kith_summary_names_match (area, comparator))
    /* Translators: %s is the comparator, a place (“England”) */
    return g_strdup_printf (g_dgettext (domain, "%s is the comparator"), comparator);
  if (s->comparators->len == 0)
    /* Translators: %s is the comparator, a place (“England”) */
    return g_strdup_printf (g_dgettext (domain, "no figure for %s to compare with"), comparator);
  reference = ((KithBarometerValue *) g_ptr_array_index (s->comparators, 0))->value;
  for (guint i = 1; i < s->comparators->len; i++)
    if (((KithBarometerValue *) g_ptr_array_index (s->comparators, i))->value != reference)
      /* Translators: %s is the comparator, a place (“England”) */
      return g_strdup_printf (g_dgettext (domain, "the figures for %s disagree, so no gap is given"), comparator);
  return NULL;
}

static void
compare_with_comparator (KithSummaryBarometer *s,
                         const char           *area,
                         const char           *comparator)
{
  const KithBarometer *b = s->barometer;
  gboolean behind = FALSE, ahead = FALSE, level = FALSE;
  double reference;

  s->note = note_of (s, area, comparator, FALSE);
  s->note_english = note_of (s, area, comparator, TRUE);
  if (s->note != NULL)
    return;

  reference = ((KithBarometerValue *) g_ptr_array_index (s->comparators, 0))->value;
  for (guint i = 0; i < s->figures->len; i++)
    {
      KithSummaryFigure *f = g_ptr_array_index (s->figures, i);
      f->comparison = compare_values (b, f->value->value, reference);
      if (b->measure == KITH_MEASURE_PERCENT)
        {
          f->has_gap = TRUE;
          f->gap = f->value->value - reference;
        }
      behind |= f->comparison == KITH_COMPARISON_BEHIND;
      ahead |= f->comparison == KITH_COMPARISON_AHEAD;
      level |= f->comparison == KITH_COMPARISON_LEVEL;
    }
  s->comparison = behind + ahead + level > 1 ? KITH_COMPARISON_MIXED
                  : behind ? KITH_COMPARISON_BEHIND : ahead ? KITH_COMPARISON_AHEAD : KITH_COMPARISON_LEVEL;
}

static KithSummaryBarometer *
summarise_barometer (const KithBarometer *b,
                     GPtrArray           *values,
                     const char          *area,
                     const char          *comparator,
                     const char          *period)
{
  KithSummaryBarometer *s = g_new0 (KithSummaryBarometer, 1);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  gboolean any_value = FALSE;

  s->barometer = kith_barometer_copy (b);
  s->figures = g_ptr_array_new_with_free_func ((GDestroyNotify) figure_free);
  s->comparators = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_barometer_value_free);
  s->locals = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_barometer_value_free);
  s->linked = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_summary_evidence_free);
  for (guint i = 0; i < values->len; i++)
    {
      KithBarometerValue *v = g_ptr_array_index (values, i);
      if (v->barometer_id == b->id)
        g_ptr_array_add (rows, v);
    }
  s->period = choose_period (rows, period);
  for (guint i = 0; s->period != NULL && i < rows->len; i++)
    {
      KithBarometerValue *v = g_ptr_array_index (rows, i);
      if (!kith_summary_names_match (v->period, s->period) || !v->has_value)
        continue;
      any_value = TRUE;
      if (area != NULL && kith_summary_names_match (v->geography, area))
        {
          KithSummaryFigure *f = g_new0 (KithSummaryFigure, 1);
          f->value = kith_barometer_value_copy (v);
          g_ptr_array_add (s->figures, f);
        }
      if (comparator != NULL && kith_summary_names_match (v->geography, comparator))
        g_ptr_array_add (s->comparators, kith_barometer_value_copy (v));
      if (v->level == KITH_GEOGRAPHY_LOCAL)
        g_ptr_array_add (s->locals, kith_barometer_value_copy (v));
    }
  g_ptr_array_sort (s->locals, compare_locals);
  s->named_only = s->period != NULL && !any_value;
  if (s->period != NULL)
    compare_with_comparator (s, area, comparator);
  else
    for (int english = 0; english <= 1; english++)
      {
        const char *domain = kith_summary_domain (english);
        /* Translators: %s is a period (“2023/24”) */
        char *note = period != NULL ? g_strdup_printf (g_dgettext (domain, "no figure for %s"), period)
                                    : g_strdup (g_dgettext (domain, "no figure"));
        *(english ? &s->note_english : &s->note) = note;
      }
  return s;
}

/* The first geography of @level in the data; for nations England first. */
static char *
find_geography (GPtrArray          *values,
                KithGeographyLevel  level)
{
  const char *found = NULL;

  for (guint i = 0; i < values->len; i++)
    {
      KithBarometerValue *v = g_ptr_array_index (values, i);
      if (v->level != level || !v->has_value)
        continue;
      if (level == KITH_GEOGRAPHY_NATION && kith_summary_names_match (v->geography, "England"))
        return g_strdup (v->geography);
      if (found == NULL)
        found = v->geography;
    }
  return g_strdup (found);
}

/* ---- outcomes from codes -------------------------------------------------------- */

typedef struct
{
  char      *goal;
  char      *key;
  char      *label;
  char      *dimension;
  GPtrArray *items;     /* (element-type KithEvidenceItem) borrowed */
} Outcome;

static void
outcome_free (Outcome *o)
{
  g_free (o->goal);
  g_free (o->key);
  g_free (o->label);
  g_free (o->dimension);
  g_ptr_array_unref (o->items);
  g_free (o);
}

static int
dimension_rank (const char *dimension)
{
  static const char *const order[] = { "think", "feel", "do" };

  for (int i = 0; i < (int) G_N_ELEMENTS (order); i++)
    if (g_strcmp0 (dimension, order[i]) == 0)
      return i;
  return G_N_ELEMENTS (order);
}

static int
compare_outcomes (gconstpointer a,
                  gconstpointer b)
{
  const Outcome *x = *(Outcome *const *) a;
  const Outcome *y = *(Outcome *const *) b;

  return dimension_rank (x->dimension) - dimension_rank (y->dimension);
}

typedef struct
{
  KithProject              *project;
  const KithSummaryOptions *options;
  KithSummary              *summary;
  KithEvidenceSet          *evidence;
  GPtrArray                *codes;          /* (element-type KithCode) tree order */
  GHashTable               *parents;        /* code id → parent id */
  GPtrArray                *outcomes;       /* (element-type Outcome) */
  GHashTable               *code_outcomes;  /* code id → Outcome */
  GHashTable               *goal_labels;    /* goal key → the title of its own code (borrowed) */
  GPtrArray                *barometers;
  GPtrArray                *values;
  GPtrArray                *links;
  GPtrArray                *items;          /* evidence in the chosen geography */
} Build;


/* A goal's title: its code's name (“Connected”), or the full title its
 * description opens with when it reads “A socially connected region: …”,
 * as the bundled codebook writes it — the words a funder knows. */
static char *
goal_title (KithCode *code)
{
  const char *colon = strchr (code->description, ':');
  gsize n = colon != NULL ? (gsize) (colon - code->description) : 0;

  if (n > strlen (code->name) && n <= 80 && memchr (code->description, '\n', n) == NULL)
    {
      g_free (code->name);
      code->name = g_strndup (code->description, n);
    }
  return code->name;
}

static void
map_codes_to_outcomes (Build *build)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) label_depth = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < build->codes->len; i++)
    {
      KithCode *code = g_ptr_array_index (build->codes, i);
      Outcome *o = NULL;

      g_hash_table_insert (build->parents, &code->id, &code->parent_id);
      if (code->goal != NULL && code->outcome_key != NULL)
        {
          g_autofree char *key = g_strdup_printf ("%s\t%s", code->goal, code->outcome_key);
          o = g_hash_table_lookup (by_key, key);
          if (o == NULL)
            {
              o = g_new0 (Outcome, 1);
              o->goal = g_strdup (code->goal);
              o->key = g_strdup (code->outcome_key);
              o->label = g_strdup (code->name);
              o->dimension = g_strdup (code->dimension);
              o->items = g_ptr_array_new ();
              g_ptr_array_add (build->outcomes, o);
              g_hash_table_insert (by_key, g_steal_pointer (&key), o);
            }
        }
      else if (code->parent_id != 0)
        o = g_hash_table_lookup (build->code_outcomes, &code->parent_id);
      if (o != NULL)
        g_hash_table_insert (build->code_outcomes, &code->id, o);

      /* a goal's own code: the shallowest one with the goal and no outcome */
      if (code->goal != NULL && code->outcome_key == NULL)
        {
          gpointer depth;
          if (!g_hash_table_lookup_extended (label_depth, code->goal, NULL, &depth)
              || GPOINTER_TO_INT (depth) > code->depth)
            {
              g_hash_table_insert (label_depth, code->goal, GINT_TO_POINTER (code->depth));
              g_hash_table_insert (build->goal_labels, code->goal, goal_title (code));
            }
        }
    }
  g_ptr_array_sort (build->outcomes, compare_outcomes);
}

static gboolean
in_subtree (Build  *build,
            gint64  code_id,
            gint64  root)
{
  /* the tree is finite and acyclic: the schema's parent links are checked */
  for (int depth = 0; code_id != 0 && depth < 1000; depth++)
    {
      gint64 *parent;
      if (code_id == root)
        return TRUE;
      parent = g_hash_table_lookup (build->parents, &code_id);
      code_id = parent != NULL ? *parent : 0;
    }
  return FALSE;
}

/* ---- goals ------------------------------------------------------------------------ */

static void
add_goal_key (GPtrArray  *keys,
              const char *key)
{
  for (guint i = 0; i < keys->len; i++)
    if (g_str_equal (g_ptr_array_index (keys, i), key))
      return;
  g_ptr_array_add (keys, (gpointer) key);
}

static int
compare_roles (gconstpointer a,
               gconstpointer b)
{
  const KithBarometer *x = *(KithBarometer *const *) a;
  const KithBarometer *y = *(KithBarometer *const *) b;

  return (int) y->is_key - (int) x->is_key;
}

/* Up to three voices from different residents (never a report's words):
 * quotes for the codes linked to the barometers that are behind first, then
 * one per outcome in turn. */
static void
choose_voices (KithSummaryGoal *goal)
{
  g_autoptr(GPtrArray) pool = g_ptr_array_new ();
  g_autoptr(GHashTable) people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < goal->barometers->len; i++)
    {
      KithSummaryBarometer *b = g_ptr_array_index (goal->barometers, i);
      if (!kith_summary_barometer_is_behind (b))
        continue;
      for (guint l = 0; l < b->linked->len; l++)
        {
          KithSummaryEvidence *e = g_ptr_array_index (b->linked, l);
          for (guint q = 0; q < e->quotes->len; q++)
            g_ptr_array_add (pool, g_ptr_array_index (e->quotes, q));
        }
    }
  for (guint round = 0; round < 8; round++)
    for (guint i = 0; i < goal->outcomes->len; i++)
      {
        KithSummaryEvidence *e = g_ptr_array_index (goal->outcomes, i);
        if (round < e->quotes->len)
          g_ptr_array_add (pool, g_ptr_array_index (e->quotes, round));
      }
  for (guint i = 0; i < pool->len && goal->voices->len < 3; i++)
    {
      KithSummaryQuote *q = g_ptr_array_index (pool, i);
      char *who;

      if (q->person == NULL)
        continue;
      who = g_strdup (q->person);
      if (g_hash_table_contains (people, who))
        {
          g_free (who);
          continue;
        }
      g_hash_table_add (people, who);
      g_ptr_array_add (goal->voices, kith_summary_quote_copy (q));
    }
}

static void
add_linked_evidence (Build                *build,
                     KithSummaryBarometer *s)
{
  for (guint l = 0; l < build->links->len; l++)
    {
      KithBarometerLink *link = g_ptr_array_index (build->links, l);
      g_autoptr(GPtrArray) items = g_ptr_array_new ();

      if (link->barometer_id != s->barometer->id)
        continue;
      for (guint i = 0; i < build->items->len; i++)
        {
          KithEvidenceItem *item = g_ptr_array_index (build->items, i);
          if (in_subtree (build, item->extract->code_id, link->code_id))
            g_ptr_array_add (items, item);
        }
      g_ptr_array_add (s->linked, kith_evidence_summarise (link->code, link->code, NULL, items, build->options));
    }
}

static KithSummaryGoal *
summarise_goal (Build      *build,
                const char *key,
                GPtrArray  *all_items)
{
  const KithSummaryOptions *options = build->options;
  KithSummaryGoal *goal = g_new0 (KithSummaryGoal, 1);
  g_autoptr(GPtrArray) barometers = g_ptr_array_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  const char *label = g_hash_table_lookup (build->goal_labels, key);

  goal->key = g_strdup (key);
  goal->label = g_strdup (label != NULL ? label : key);
  goal->barometers = g_ptr_array_new_with_free_func ((GDestroyNotify) summary_barometer_free);
  goal->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_summary_evidence_free);
  goal->voices = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_summary_quote_free);

  for (guint i = 0; i < build->barometers->len; i++)
    {
      KithBarometer *b = g_ptr_array_index (build->barometers, i);
      if (g_str_equal (b->goal, key))
        g_ptr_array_add (barometers, b);
    }
  g_ptr_array_sort (barometers, compare_roles);
  for (guint i = 0; i < barometers->len; i++)
    {
      KithSummaryBarometer *s = summarise_barometer (g_ptr_array_index (barometers, i), build->values,
                                                     build->summary->area, build->summary->comparator,
                                                     options->period);
      add_linked_evidence (build, s);
      g_ptr_array_add (goal->barometers, s);
    }
  for (guint i = 0; i < build->outcomes->len; i++)
    {
      Outcome *o = g_ptr_array_index (build->outcomes, i);
      if (!g_str_equal (o->goal, key))
        continue;
      g_ptr_array_add (goal->outcomes, kith_evidence_summarise (o->key, o->label, o->dimension, o->items, options));
      g_ptr_array_extend (items, o->items, NULL, NULL);
    }
  g_ptr_array_extend (all_items, items, NULL, NULL);
  kith_evidence_count (items, &goal->count);

  for (guint i = 0; i < goal->barometers->len; i++)
    {
      KithSummaryBarometer *b = g_ptr_array_index (goal->barometers, i);
      goal->side_by_side |= kith_summary_barometer_is_behind (b);
    }
  goal->side_by_side = goal->side_by_side && goal->count.n_extracts > 0;
  if (goal->side_by_side)
    choose_voices (goal);
  return goal;
}

static gboolean
build_goals (Build   *build,
             GError **error)
{
  const char *wanted = build->options->goal;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) all_items = g_ptr_array_new ();

  for (guint i = 0; i < build->barometers->len; i++)
    add_goal_key (keys, ((KithBarometer *) g_ptr_array_index (build->barometers, i))->goal);
  for (guint i = 0; i < build->outcomes->len; i++)
    add_goal_key (keys, ((Outcome *) g_ptr_array_index (build->outcomes, i))->goal);
  if (wanted != NULL)
    {
      gboolean found = FALSE;
      for (guint i = 0; i < keys->len && !found; i++)
        found = g_str_equal (g_ptr_array_index (keys, i), wanted);
      if (!found)
        {
          g_autofree char *list = NULL;
          g_ptr_array_add (keys, NULL);
          list = keys->len > 1 ? g_strjoinv (", ", (char **) keys->pdata) : g_strdup ("none yet");
          g_set_error (error, KITH_ERROR, KITH_ERROR_NOT_FOUND,
                       _("%s: no barometer or code has the goal “%s” (goals: %s)"),
                       kith_project_get_display_name (build->project), wanted, list);
          return FALSE;
        }
    }
  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      if (wanted == NULL || g_str_equal (key, wanted))
        g_ptr_array_add (build->summary->goals, summarise_goal (build, key, all_items));
    }
  kith_evidence_count (all_items, &build->summary->count);
  build->summary->by_geography = kith_evidence_count_by_geography (all_items);
  build->summary->method = kith_summary_method_compute (build->project, build->summary, all_items,
                                                        build->evidence->n_staff, error);
  return build->summary->method != NULL;
}

/* “DOC:START:END”: the passage a quote is */
static char *
span_key (const KithSummaryQuote *quote)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, quote->document_id,
                          quote->start, quote->end);
}

/* “Feel: Belonging”: an outcome as a shared quote names it */
static char *
outcome_name (const KithSummaryEvidence *e)
{
  return e->dimension != NULL ? g_strdup_printf ("%s: %s", kith_summary_dimension_label (e->dimension), e->label)
                              : g_strdup (e->label);
}

static void
add_outcome_name (GHashTable                *names,
                  const KithSummaryQuote    *quote,
                  const KithSummaryEvidence *e)
{
  g_autofree char *span = span_key (quote);
  GPtrArray *list = g_hash_table_lookup (names, span);
  char *name = outcome_name (e);

  if (list == NULL)
    {
      list = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (names, g_steal_pointer (&span), list);
    }
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (g_ptr_array_index (list, i), name))
      {
        g_free (name);
        return;
      }
  g_ptr_array_add (list, name);
}

/* The other outcomes a quote is shown under, or NULL; @self excluded. */
static char *
others (GHashTable             *names,
        const KithSummaryQuote *quote,
        const char             *self)
{
  g_autofree char *span = span_key (quote);
  GPtrArray *list = g_hash_table_lookup (names, span);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; list != NULL && i < list->len; i++)
    {
      const char *name = g_ptr_array_index (list, i);
      if (self != NULL && g_str_equal (name, self))
        continue;
      g_string_append_printf (out, "%s%s", out->len > 0 ? "; " : "", name);
    }
  return out->len > 0 ? g_strdup (out->str) : NULL;
}

/* A passage coded with several outcomes is quoted under each, marked with
 * the others, so that no quote is repeated without saying so; a voice
 * beside the figures names the outcomes it is quoted under. */
static void
mark_shared_quotes (KithSummary *summary)
{
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) g_ptr_array_unref);

  for (guint g = 0; g < summary->goals->len; g++)
    {
      KithSummaryGoal *goal = g_ptr_array_index (summary->goals, g);
      for (guint i = 0; i < goal->outcomes->len; i++)
        {
          KithSummaryEvidence *e = g_ptr_array_index (goal->outcomes, i);
          for (guint q = 0; q < e->quotes->len; q++)
            add_outcome_name (names, g_ptr_array_index (e->quotes, q), e);
        }
    }
  for (guint g = 0; g < summary->goals->len; g++)
    {
      KithSummaryGoal *goal = g_ptr_array_index (summary->goals, g);
      for (guint i = 0; i < goal->outcomes->len; i++)
        {
          KithSummaryEvidence *e = g_ptr_array_index (goal->outcomes, i);
          g_autofree char *self = outcome_name (e);
          for (guint q = 0; q < e->quotes->len; q++)
            {
              KithSummaryQuote *quote = g_ptr_array_index (e->quotes, q);
              quote->shared_with = others (names, quote, self);
            }
        }
      for (guint v = 0; v < goal->voices->len; v++)
        {
          KithSummaryQuote *quote = g_ptr_array_index (goal->voices, v);
          g_free (quote->shared_with);
          quote->shared_with = others (names, quote, NULL);
        }
    }
}

KithSummary *
kith_summary_compute (KithProject              *project,
                      const KithSummaryOptions *options,
                      GError                  **error)
{
  g_autoptr(KithSummary) summary = g_new0 (KithSummary, 1);
  g_autoptr(KithEvidenceSet) evidence = NULL;
  g_autoptr(GPtrArray) codes = NULL, barometers = NULL, values = NULL, links = NULL;
  g_autoptr(GPtrArray) outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) outcome_free);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autoptr(GHashTable) parents = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) code_outcomes = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) goal_labels = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  KithSummaryOptions defaults;
  Build build = { 0 };

  g_return_val_if_fail (KITH_IS_PROJECT (project), NULL);
  if (options == NULL)
    {
      kith_summary_options_init (&defaults);
      options = &defaults;
    }
  summary->project = g_filename_display_basename (kith_project_get_path (project));
  if (g_str_has_suffix (summary->project, ".kith") && strlen (summary->project) > 5)
    summary->project[strlen (summary->project) - 5] = '\0';
  summary->generated = g_date_time_format (now, "%Y-%m-%d");
  summary->goal = g_strdup (options->goal);
  summary->geography = g_strdup (options->geography);
  summary->period = g_strdup (options->period);
  summary->geography_attribute = g_strdup (options->geography_attribute != NULL
                                           ? options->geography_attribute : DEFAULT_ATTRIBUTE);
  summary->thin = options->thin;
  summary->attribution = options->attribution;
  summary->goals = g_ptr_array_new_with_free_func ((GDestroyNotify) goal_free);
  {
    KithSummarySettings settings;
    if (!kith_summary_settings_load (project, &settings, error))
      return NULL;
    summary->title = g_strdup (options->title != NULL ? options->title : settings.title);
    summary->organisation = g_strdup (options->organisation != NULL ? options->organisation : settings.organisation);
    summary->reporting_period = g_strdup (options->reporting_period != NULL ? options->reporting_period
                                                                           : settings.reporting_period);
    kith_summary_settings_clear (&settings);
    /* an option given empty clears the stored one for this summary */
    if (summary->title != NULL && *summary->title == '\0')
      g_clear_pointer (&summary->title, g_free);
    if (summary->organisation != NULL && *summary->organisation == '\0')
      g_clear_pointer (&summary->organisation, g_free);
    if (summary->reporting_period != NULL && *summary->reporting_period == '\0')
      g_clear_pointer (&summary->reporting_period, g_free);
  }

  evidence = kith_evidence_set_load (project, summary->geography_attribute, error);
  if (evidence == NULL
      || (codes = kith_codes_list (project, error)) == NULL
      || (barometers = kith_barometers_list (project, error)) == NULL
      || (values = kith_barometers_values (project, 0, error)) == NULL
      || (links = kith_barometers_links (project, error)) == NULL)
    return NULL;

  summary->area = options->geography != NULL ? g_strdup (options->geography)
                                             : find_geography (values, KITH_GEOGRAPHY_COMBINED);
  summary->comparator = options->comparator != NULL ? g_strdup (options->comparator)
                                                    : find_geography (values, KITH_GEOGRAPHY_NATION);

  build = (Build) {
    .project = project, .options = options, .summary = summary, .evidence = evidence,
    .codes = codes, .parents = parents, .outcomes = outcomes, .code_outcomes = code_outcomes,
    .goal_labels = goal_labels, .barometers = barometers, .values = values, .links = links, .items = items,
  };
  map_codes_to_outcomes (&build);
  for (guint i = 0; i < evidence->items->len; i++)
    {
      KithEvidenceItem *item = g_ptr_array_index (evidence->items, i);
      Outcome *o;

      if (options->geography != NULL && !kith_summary_names_match (item->geography, options->geography))
        continue;
      g_ptr_array_add (items, item);
      o = g_hash_table_lookup (code_outcomes, &item->extract->code_id);
      if (o != NULL)
        g_ptr_array_add (o->items, item);
    }
  if (!build_goals (&build, error))
    return NULL;
  mark_shared_quotes (summary);
  return g_steal_pointer (&summary);
}
