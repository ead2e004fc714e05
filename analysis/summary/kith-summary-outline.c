/* kith-summary-outline.c — an evaluation summary walked once, into the
 * sections every renderer lays out
 *
 * The order of the children is the reading order; the wording of every
 * sentence is chosen here, so that the page, the Markdown, the spreadsheet
 * and the desktop view say the same thing. The words are in the user's
 * language (the CSV reads none of them: its columns stay English).
 */
#include "kith-i18n.h"
#include "kith-summary-outline.h"
#include "kith-summary-private.h"

static void
cell_free (KithOutlineCell *cell)
{
  g_free (cell->text);
  g_free (cell->sub);
  g_free (cell->dimension);
  g_free (cell->style);
  g_free (cell);
}

static void
column_free (KithOutlineColumn *column)
{
  g_free (column->title);
  g_free (column);
}

void
kith_outline_node_free (KithOutlineNode *node)
{
  if (node == NULL)
    return;
  g_free (node->title);
  g_free (node->label);
  g_free (node->text);
  g_free (node->dimension);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_clear_pointer (&node->columns, g_ptr_array_unref);
  g_clear_pointer (&node->rows, g_ptr_array_unref);
  g_clear_pointer (&node->row_data, g_ptr_array_unref);
  g_free (node->value);
  g_free (node->place);
  g_free (node->compared);
  g_free (node->source);
  g_clear_pointer (&node->chart, kith_chart_free);
  g_free (node->id);
  g_free (node);
}

KithOutlineNode *
kith_outline_node_find (const KithOutlineNode *node,
                        const char            *role)
{
  g_return_val_if_fail (node != NULL, NULL);
  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    {
      KithOutlineNode *child = g_ptr_array_index (node->children, i);
      if (g_strcmp0 (child->role, role) == 0)
        return child;
    }
  return NULL;
}

/* A new node appended to @parent (if not NULL); owns @title. */
static KithOutlineNode *
add_node (KithOutlineNode *parent,
          KithOutlineKind  kind,
          const char      *role,
          char            *title)
{
  KithOutlineNode *node = g_new0 (KithOutlineNode, 1);

  node->kind = kind;
  node->role = role;
  node->title = title;
  if (parent != NULL)
    {
      if (parent->children == NULL)
        parent->children = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_outline_node_free);
      g_ptr_array_add (parent->children, node);
      node->level = parent->kind == KITH_OUTLINE_SECTION ? parent->level + 1 : parent->level;
    }
  return node;
}

static KithOutlineNode *
add_section (KithOutlineNode *parent,
             const char      *role,
             char            *title)
{
  return add_node (parent, KITH_OUTLINE_SECTION, role, title);
}

/* A paragraph of @text (owned); @label (static or NULL) leads it in bold. */
static KithOutlineNode *
add_paragraph (KithOutlineNode *parent,
               const char      *role,
               const char      *label,
               char            *text)
{
  KithOutlineNode *node = add_node (parent, KITH_OUTLINE_PARAGRAPH, role, NULL);

  node->label = g_strdup (label);
  node->text = text;
  return node;
}

static void
add_chart (KithOutlineNode *parent,
           KithChart       *chart,
           char            *id)
{
  KithOutlineNode *node;

  if (chart == NULL)
    {
      g_free (id);
      return;
    }
  node = add_node (parent, KITH_OUTLINE_CHART, "chart", g_strdup (kith_chart_get_title (chart)));
  node->chart = chart;
  node->id = id;
}

static KithOutlineNode *
add_table (KithOutlineNode *parent,
           const char      *role,
           char            *caption)
{
  KithOutlineNode *node = add_node (parent, KITH_OUTLINE_TABLE, role, caption);

  node->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  node->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  node->row_data = g_ptr_array_new ();
  return node;
}

static KithOutlineNode *
add_list (KithOutlineNode *parent,
          const char      *role,
          char            *title)
{
  KithOutlineNode *node = add_node (parent, KITH_OUTLINE_LIST, role, title);

  node->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  node->row_data = g_ptr_array_new ();
  return node;
}

static void
add_column (KithOutlineNode *table,
            const char      *title,
            gboolean         numeric,
            gboolean         header)
{
  KithOutlineColumn *column = g_new0 (KithOutlineColumn, 1);

  column->title = g_strdup (title);
  column->numeric = numeric;
  column->header = header;
  g_ptr_array_add (table->columns, column);
}

/* A new row (or list item) of @node, showing @data. */
static GPtrArray *
add_row (KithOutlineNode *node,
         gconstpointer    data)
{
  GPtrArray *row = g_ptr_array_new_with_free_func ((GDestroyNotify) cell_free);

  g_ptr_array_add (node->rows, row);
  g_ptr_array_add (node->row_data, (gpointer) data);
  return row;
}

/* A cell of @text (owned) with @sub (owned, or NULL). */
static KithOutlineCell *
add_cell (GPtrArray  *row,
          char       *text,
          char       *sub,
          const char *style)
{
  KithOutlineCell *cell = g_new0 (KithOutlineCell, 1);

  cell->text = text;
  cell->sub = sub;
  cell->style = g_strdup (style);
  g_ptr_array_add (row, cell);
  return cell;
}

static void
add_count_cell (GPtrArray *row,
                guint      n)
{
  add_cell (row, g_strdup_printf ("%u", n), NULL, NULL);
}

/* A think / feel / do badge. */
static void
add_dimension_cell (GPtrArray  *row,
                    const char *dimension)
{
  KithOutlineCell *cell = add_cell (row, g_strdup (kith_summary_dimension_label (dimension)), NULL, "dimension");

  cell->dimension = g_strdup (dimension);
}

static int
compare_places (const char **a, const char **b)
{
  return g_utf8_collate (*a, *b);
}

const char *
kith_outline_comparison_style (KithComparison comparison)
{
  switch (comparison)
    {
    case KITH_COMPARISON_BEHIND:
      return "compared behind";
    case KITH_COMPARISON_AHEAD:
      return "compared ahead";
    default:
      return "compared";
    }
}

static void
add_figure (KithOutlineNode            *parent,
            const char                 *role,
            const KithSummaryBarometer *b,
            const KithBarometerValue   *v,
            char                       *compared,
            KithComparison              comparison)
{
  KithOutlineNode *node = add_node (parent, KITH_OUTLINE_FIGURE, role, NULL);

  node->value = kith_summary_format_figure (b->barometer->measure, v->value);
  node->place = g_strdup (v->geography);
  node->compared = compared;
  node->comparison = comparison;
  node->source = kith_summary_describe_source (v);
  node->data = v;
}

static void
add_linked (KithOutlineNode            *parent,
            const KithSummaryBarometer *b,
            gboolean                    titled)
{
  KithOutlineNode *list;

  if (b->linked->len == 0)
    return;
  list = add_list (parent, "linked", titled ? g_strdup (b->barometer->label) : NULL);
  list->data = b;
  for (guint i = 0; i < b->linked->len; i++)
    {
      KithSummaryEvidence *e = g_ptr_array_index (b->linked, i);
      add_cell (add_row (list, e), kith_summary_describe_linked (e), NULL, NULL);
    }
}

static void
add_key_barometer (KithOutlineNode            *goal,
                   const KithSummary          *summary,
                   const KithSummaryBarometer *b)
{
  KithOutlineNode *card = add_section (goal, "key-barometer", g_strdup (b->barometer->label));
  g_autofree char *locals = kith_summary_describe_locals (b);
  char *conflict = kith_summary_describe_conflict (summary, b);

  card->label = g_strdup (_("Key barometer"));
  card->data = b;
  add_paragraph (card, "unit", NULL, kith_summary_describe_unit (b));
  for (guint i = 0; i < b->figures->len; i++)
    {
      KithSummaryFigure *f = g_ptr_array_index (b->figures, i);
      add_figure (card, "area", b, f->value, kith_summary_describe_figure (b, f), f->comparison);
    }
  if (conflict != NULL)
    add_paragraph (card, "conflict", _("Conflicting figures."), conflict);
  for (guint i = 0; i < b->comparators->len; i++)
    add_figure (card, "comparator", b, g_ptr_array_index (b->comparators, i), NULL, KITH_COMPARISON_NONE);
  if (b->note != NULL)
    add_paragraph (card, "not-compared", NULL, g_strdup_printf (_("Not compared: %s."), b->note));
  if (locals != NULL)
    add_paragraph (card, "locals", NULL, g_strdup_printf (_("Local authorities: %s."), locals));
  add_linked (card, b, FALSE);
}

static void
add_supporting (KithOutlineNode       *parent,
                const KithSummary     *summary,
                const KithSummaryGoal *goal)
{
  KithOutlineNode *section, *table;

  if (!kith_summary_goal_has_supporting (goal))
    return;
  section = add_section (parent, "supporting", g_strdup (_("Supporting barometers")));
  table = add_table (section, "supporting", NULL);
  add_column (table, _("Barometer"), FALSE, TRUE);
  add_column (table, summary->area != NULL ? summary->area : _("Region"), FALSE, FALSE);
  add_column (table, summary->comparator != NULL ? summary->comparator : _("Comparator"), FALSE, FALSE);
  add_column (table, _("Compared"), FALSE, FALSE);
  add_column (table, _("Local authorities"), FALSE, FALSE);
  add_column (table, _("Source"), FALSE, FALSE);
  for (guint i = 0; i < goal->barometers->len; i++)
    {
      KithSummaryBarometer *b = g_ptr_array_index (goal->barometers, i);
      GPtrArray *row;
      char *locals;

      if (b->barometer->is_key)
        continue;
      row = add_row (table, b);
      locals = kith_summary_describe_locals (b);
      add_cell (row, g_strdup (b->barometer->label), kith_summary_describe_unit (b), NULL);
      add_cell (row, kith_summary_describe_area (b), NULL, NULL);
      add_cell (row, kith_summary_describe_comparators (b), NULL, NULL);
      add_cell (row, kith_summary_describe_comparison (b), NULL, b->note != NULL ? "note" : kith_outline_comparison_style (b->comparison));
      add_cell (row, locals != NULL ? locals : g_strdup ("–"), NULL, NULL);
      add_cell (row, b->figures->len > 0
                     ? kith_summary_describe_source (((KithSummaryFigure *) g_ptr_array_index (b->figures, 0))->value)
                     : g_strdup (b->barometer->source), NULL, "muted");
    }
  for (guint i = 0; i < goal->barometers->len; i++)
    {
      KithSummaryBarometer *b = g_ptr_array_index (goal->barometers, i);
      if (!b->barometer->is_key)
        add_linked (section, b, TRUE);
    }
}

static void
add_quote (KithOutlineNode        *parent,
           const KithSummaryQuote *quote)
{
  KithOutlineNode *node = add_node (parent, KITH_OUTLINE_QUOTE, "quote", NULL);

  node->quote = quote;
  /* a passage quoted under several outcomes says so wherever it appears;
   * a voice beside the figures says where else it is quoted */
  if (quote->shared_with != NULL)
    /* Translators: %s is the outcomes a passage is also quoted under */
    node->text = g_strdup_printf (g_strcmp0 (parent->role, "voices") == 0 ? _("also quoted under %s") : _("shared with %s"),
                                  quote->shared_with);
}

static void
add_side_by_side (KithOutlineNode       *parent,
                  const KithSummaryGoal *goal)
{
  g_autofree char *count = NULL;
  KithOutlineNode *section, *numbers, *list, *voices;

  if (!goal->side_by_side)
    return;
  count = kith_summary_describe_count (&goal->count);
  section = add_section (parent, "side-by-side", g_strdup (_("The numbers and the voices")));
  numbers = add_section (section, "numbers", g_strdup (_("The numbers")));
  list = add_list (numbers, "numbers", NULL);
  for (guint i = 0; i < goal->barometers->len; i++)
    {
      KithSummaryBarometer *b = g_ptr_array_index (goal->barometers, i);
      if (!kith_summary_barometer_is_behind (b))
        continue;
      for (guint f = 0; f < b->figures->len; f++)
        add_cell (add_row (list, b), kith_summary_describe_behind (b, g_ptr_array_index (b->figures, f)), NULL, NULL);
    }
  voices = add_section (section, "voices", g_strdup (_("What residents say")));
  add_paragraph (voices, "voices-intro", NULL,
                 /* Translators: %s is a count: “12 coded extracts from 4 documents and 5 residents” */
                 g_strdup_printf (_("%s for this goal's outcomes; residents' own words among them:"), count));
  for (guint i = 0; i < goal->voices->len; i++)
    add_quote (voices, g_ptr_array_index (goal->voices, i));
}

/* The framework matrix of a goal: who evidences what, place by place, the
 * outcomes in think / feel / do order as the goal lists them, a missing
 * one a visible gap. Only where evidence comes from two places or more:
 * one row says nothing the table above does not. */
static void
add_matrix (KithOutlineNode       *section,
            const KithSummaryGoal *goal)
{
  g_autoptr(GPtrArray) places = g_ptr_array_new ();
  KithOutlineNode *table;

  for (guint i = 0; i < goal->outcomes->len; i++)
    {
      KithSummaryEvidence *e = g_ptr_array_index (goal->outcomes, i);

      for (guint g = 0; e->by_geography != NULL && g < e->by_geography->len; g++)
        {
          const char *place = ((KithSummaryCount *) g_ptr_array_index (e->by_geography, g))->geography;
          gboolean seen = FALSE;

          for (guint p = 0; p < places->len && !seen; p++)
            seen = g_strcmp0 (g_ptr_array_index (places, p), place) == 0;
          if (place != NULL && !seen)
            g_ptr_array_add (places, (gpointer) place);
        }
    }
  if (places->len < 2)
    return;
  g_ptr_array_sort (places, (GCompareFunc) compare_places);
  table = add_table (section, "matrix", g_strdup (_("Who evidences what: coded extracts by place and outcome")));
  add_column (table, _("Place"), FALSE, TRUE);
  for (guint i = 0; i < goal->outcomes->len; i++)
    {
      KithSummaryEvidence *e = g_ptr_array_index (goal->outcomes, i);
      /* Translators: a column of the framework matrix: “Think: Know what support is available” */
      g_autofree char *title = g_strdup_printf (_("%s: %s"), kith_summary_dimension_label (e->dimension), e->label);

      add_column (table, title, TRUE, FALSE);
    }
  for (guint p = 0; p < places->len; p++)
    {
      const char *place = g_ptr_array_index (places, p);
      GPtrArray *row = add_row (table, NULL);

      add_cell (row, g_strdup (place), NULL, NULL);
      for (guint i = 0; i < goal->outcomes->len; i++)
        {
          KithSummaryEvidence *e = g_ptr_array_index (goal->outcomes, i);
          guint n = 0;

          for (guint g = 0; e->by_geography != NULL && g < e->by_geography->len; g++)
            {
              KithSummaryCount *c = g_ptr_array_index (e->by_geography, g);
              if (g_strcmp0 (c->geography, place) == 0)
                n = c->n_extracts;
            }
          if (n > 0)
            add_count_cell (row, n);
          else
            add_cell (row, g_strdup ("–"), NULL, "gap");
        }
    }
}

static void
add_evidence (KithOutlineNode       *parent,
              const KithSummary     *summary,
              const KithSummaryGoal *goal)
{
  KithOutlineNode *section = add_section (parent, "evidence", g_strdup (_("Coded evidence, by outcome")));
  KithOutlineNode *table, *quotes = NULL, *gaps = NULL;

  if (goal->outcomes->len == 0)
    {
      add_paragraph (section, "note", NULL, g_strdup (_("No codes are placed in this goal's outcomes yet.")));
      return;
    }
  add_chart (section, kith_summary_chart_evidence (summary, goal), g_strdup_printf ("c%u-evidence", parent->index));
  table = add_table (section, "evidence", NULL);
  add_column (table, _("Dimension"), FALSE, FALSE);
  add_column (table, _("Outcome"), FALSE, TRUE);
  add_column (table, _("Extracts"), TRUE, FALSE);
  add_column (table, _("Sources"), TRUE, FALSE);
  add_column (table, _("Residents"), TRUE, FALSE);
  add_column (table, _("Places"), TRUE, FALSE);
  add_column (table, _("By place (extracts)"), FALSE, FALSE);
  for (guint i = 0; i < goal->outcomes->len; i++)
    {
      KithSummaryEvidence *e = g_ptr_array_index (goal->outcomes, i);
      GPtrArray *row = add_row (table, e);

      add_dimension_cell (row, e->dimension);
      add_cell (row, g_strdup (e->label), NULL, NULL);
      add_count_cell (row, e->count.n_extracts);
      add_count_cell (row, e->count.n_documents);
      add_count_cell (row, e->count.n_people);
      add_count_cell (row, e->count.n_places);
      add_cell (row, kith_summary_describe_places (e->by_geography), NULL, NULL);
    }

  add_matrix (section, goal);

  for (guint i = 0; i < goal->outcomes->len; i++)
    {
      KithSummaryEvidence *e = g_ptr_array_index (goal->outcomes, i);
      KithOutlineNode *outcome;

      if (e->quotes->len == 0)
        continue;
      if (quotes == NULL)
        quotes = add_section (parent, "quotes", g_strdup (_("Quotes, by outcome")));
      outcome = add_section (quotes, "outcome-quotes", g_strdup (e->label));
      outcome->dimension = g_strdup (e->dimension);
      outcome->data = e;
      for (guint q = 0; q < e->quotes->len; q++)
        add_quote (outcome, g_ptr_array_index (e->quotes, q));
    }
  for (guint i = 0; i < goal->outcomes->len; i++)
    {
      KithSummaryEvidence *e = g_ptr_array_index (goal->outcomes, i);
      KithOutlineCell *item;
      KithOutlineNode *list;

      if (!e->gap)
        continue;
      if (gaps == NULL)
        {
          gaps = add_section (parent, "gaps", g_strdup (_("Evidence gaps")));
          add_paragraph (gaps, "gaps-intro", NULL,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Outcomes with fewer than %u coded extract:",
                                                       "Outcomes with fewer than %u coded extracts:", summary->thin),
                                          summary->thin));
          add_list (gaps, "gaps", NULL);
        }
      list = kith_outline_node_find (gaps, "gaps");
      item = add_cell (add_row (list, e), g_strdup (e->label), kith_summary_describe_gap (e), "dimension");
      item->dimension = g_strdup (e->dimension);
    }
}

static void
add_goal (KithOutlineNode       *root,
          const KithSummary     *summary,
          const KithSummaryGoal *goal,
          guint                  index)
{
  KithOutlineNode *section = add_section (root, "goal", g_strdup (goal->label));
  gboolean has_key = FALSE;

  section->index = index;
  section->data = goal;
  {
    g_autofree char *count = kith_summary_describe_count (&goal->count);
    /* Translators: %s is a count: “12 coded extracts from 4 documents and 5 residents” */
    add_paragraph (section, "goal-count", NULL,
                   goal->count.n_places == 0
                   ? g_strdup_printf (_("Evidence for this goal: %s, no place recorded."), count)
                   : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Evidence for this goal: %s, in %u place.",
                                                   "Evidence for this goal: %s, in %u places.", goal->count.n_places),
                                      count, goal->count.n_places));
  }
  for (guint i = 0; i < goal->barometers->len; i++)
    {
      KithSummaryBarometer *b = g_ptr_array_index (goal->barometers, i);
      if (b->barometer->is_key)
        add_key_barometer (section, summary, b);
      has_key |= b->barometer->is_key;
    }
  if (!has_key)
    add_paragraph (section, "note", NULL, g_strdup (_("No key barometer has been imported for this goal.")));
  add_chart (section, kith_summary_chart_comparison (summary, goal), g_strdup_printf ("c%u-comparison", index));
  for (guint i = 0; i < goal->barometers->len; i++)
    {
      KithSummaryBarometer *b = g_ptr_array_index (goal->barometers, i);
      if (b->barometer->is_key)
        add_chart (section, kith_summary_chart_locals (summary, b), g_strdup_printf ("c%u-local-%u", index, i));
    }
  add_supporting (section, summary, goal);
  for (guint i = 0; i < goal->barometers->len; i++)
    {
      KithSummaryBarometer *b = g_ptr_array_index (goal->barometers, i);
      if (!b->barometer->is_key)
        add_chart (section, kith_summary_chart_locals (summary, b), g_strdup_printf ("c%u-local-%u", index, i));
    }
  add_side_by_side (section, goal);
  add_evidence (section, summary, goal);
}

static void
add_places (KithOutlineNode   *root,
            const KithSummary *summary)
{
  KithOutlineNode *table;

  if (summary->by_geography->len == 0)
    return;
  table = add_table (root, "places", g_strdup (_("Coded evidence by place")));
  add_column (table, _("Place"), FALSE, TRUE);
  add_column (table, _("Extracts"), TRUE, FALSE);
  add_column (table, _("Documents"), TRUE, FALSE);
  add_column (table, _("Residents"), TRUE, FALSE);
  for (guint i = 0; i < summary->by_geography->len; i++)
    {
      KithSummaryCount *c = g_ptr_array_index (summary->by_geography, i);
      GPtrArray *row = add_row (table, c);

      add_cell (row, g_strdup (c->geography != NULL ? c->geography : _("not recorded")), NULL, NULL);
      add_count_cell (row, c->n_extracts);
      add_count_cell (row, c->n_documents);
      add_count_cell (row, c->n_people);
    }
}

static const char *
kind_plural (const char *kind, guint n)
{
  if (g_strcmp0 (kind, "transcript") == 0)
    return g_dngettext (GETTEXT_PACKAGE, "Transcript", "Transcripts", n);
  if (g_strcmp0 (kind, "report") == 0)
    return g_dngettext (GETTEXT_PACKAGE, "Report", "Reports", n);
  if (g_strcmp0 (kind, "survey") == 0)
    return g_dngettext (GETTEXT_PACKAGE, "Survey answer", "Survey answers", n);
  /* Translators: a kind of document (session notes), in a table */
  return _("Notes");
}

static char *
percent (gint64 part, gint64 whole)
{
  return whole > 0 ? g_strdup_printf ("%.0f%%", 100.0 * (double) part / (double) whole) : g_strdup ("–");
}

static void
add_method_kinds (KithOutlineNode         *section,
                  const KithSummaryMethod *m)
{
  KithOutlineNode *table;
  guint n_documents = 0;

  for (guint i = 0; i < m->kinds->len; i++)
    n_documents += ((KithSummaryKind *) g_ptr_array_index (m->kinds, i))->n_documents;
  add_paragraph (section, "method-documents", _("Sources:"),
                 /* Translators: after “Sources:”; the documents the evidence comes from, of all the project's */
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "the evidence comes from %u of the project's %u document.",
                                               "the evidence comes from %u of the project's %u documents.",
                                               m->n_documents_project), n_documents, m->n_documents_project));
  if (m->kinds->len == 0)
    return;
  table = add_table (section, "method-kinds", g_strdup (_("Documents and residents, by kind and place")));
  add_column (table, _("Kind"), FALSE, TRUE);
  add_column (table, _("Documents"), TRUE, FALSE);
  add_column (table, _("Residents"), TRUE, FALSE);
  add_column (table, _("Documents by place"), FALSE, FALSE);
  for (guint i = 0; i < m->kinds->len; i++)
    {
      KithSummaryKind *k = g_ptr_array_index (m->kinds, i);
      GPtrArray *row = add_row (table, k);
      add_cell (row, g_strdup (kind_plural (k->kind, k->n_documents)), NULL, NULL);
      add_count_cell (row, k->n_documents);
      add_count_cell (row, k->n_people);
      add_cell (row, kith_summary_list_places (k->by_geography, TRUE), NULL, NULL);
    }
}

static void
add_method_coding (KithOutlineNode         *section,
                   const KithSummaryMethod *m)
{
  GString *coders = g_string_new (NULL);
  char *by;

  /* Translators: after “Codings:”; the codings the evidence rests on, and where they came from */
  if (m->n_imported > 0)
    by = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u coding behind the evidence: %u coded by hand, %u accepted from suggestions, "
                                       "%u imported from another project.",
                                       "%u codings behind the evidence: %u coded by hand, %u accepted from suggestions, "
                                       "%u imported from another project.", m->n_codings),
                          m->n_codings, m->n_by_hand, m->n_accepted, m->n_imported);
  else
    by = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u coding behind the evidence: %u coded by hand, %u accepted from suggestions.",
                                       "%u codings behind the evidence: %u coded by hand, %u accepted from suggestions.",
                                       m->n_codings),
                          m->n_codings, m->n_by_hand, m->n_accepted);
  add_paragraph (section, "method-origin", _("Codings:"), by);
  for (guint i = 0; i < m->coders->len; i++)
    {
      KithSummaryCoder *c = g_ptr_array_index (m->coders, i);
      /* Translators: a coder and how many codings they made: “Amrit (12)” */
      g_autofree char *coder = g_strdup_printf (_("%s (%u)"), c->name, c->n_codings);
      g_string_append_printf (coders, "%s%s", i > 0 ? ", " : "", coder);
    }
  if (m->coders->len > 0)
    {
      g_string_append_c (coders, '.');
      add_paragraph (section, "method-coders", _("Coded by:"), g_string_free (coders, FALSE));
    }
  else
    g_string_free (coders, TRUE);
  if (m->n_staff > 0)
    add_paragraph (section, "method-staff", _("Left out:"),
                   /* Translators: after “Left out:” */
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u coding of interviewers' or facilitators' own words, which are not evidence.",
                                                 "%u codings of interviewers' or facilitators' own words, which are not evidence.",
                                                 m->n_staff), m->n_staff));
}

static void
add_method_queue (KithOutlineNode         *section,
                  const KithSummaryMethod *m)
{
  gint64 reviewed = m->n_suggestions_accepted + m->n_suggestions_rejected;
  g_autofree char *share = percent (reviewed, m->n_suggestions);
  KithOutlineNode *table;

  if (m->n_suggestions == 0)
    {
      add_paragraph (section, "method-queue", _("Suggestions:"), g_strdup (_("no rule suggested any passage.")));
      return;
    }
  add_paragraph (section, "method-queue", _("Suggestions:"),
                 /* Translators: after “Suggestions:”; the suggestions reviewed, of all, then (%s) their share
                  * (“75%”), then how many were accepted, rejected and not reviewed */
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%lld of %lld reviewed by a person (%s): %lld accepted, %lld rejected; "
                                               "%lld not reviewed, and not used as evidence.",
                                               "%lld of %lld reviewed by a person (%s): %lld accepted, %lld rejected; "
                                               "%lld not reviewed, and not used as evidence.",
                                               (gulong) m->n_suggestions),
                                  (long long) reviewed, (long long) m->n_suggestions, share,
                                  (long long) m->n_suggestions_accepted, (long long) m->n_suggestions_rejected,
                                  (long long) m->n_suggestions_pending));
  if (m->rules->len == 0)
    return;
  table = add_table (section, "method-rules", g_strdup (_("Precision of each rule reviewed")));
  add_column (table, _("Rule"), FALSE, TRUE);
  add_column (table, _("Accepted"), TRUE, FALSE);
  add_column (table, _("Rejected"), TRUE, FALSE);
  add_column (table, _("Not reviewed"), TRUE, FALSE);
  add_column (table, _("Precision"), TRUE, FALSE);
  for (guint i = 0; i < m->rules->len; i++)
    {
      KithRuleStats *r = g_ptr_array_index (m->rules, i);
      GPtrArray *row = add_row (table, r);
      /* a funder reads what the rule looks for, not its pattern */
      add_cell (row, g_strdup (r->code_path),
                g_strdup (r->note != NULL && *r->note != '\0' ? r->note : r->pattern), NULL);
      add_cell (row, g_strdup_printf ("%" G_GINT64_FORMAT, r->accepted), NULL, NULL);
      add_cell (row, g_strdup_printf ("%" G_GINT64_FORMAT, r->rejected), NULL, NULL);
      add_cell (row, g_strdup_printf ("%" G_GINT64_FORMAT, r->pending), NULL, NULL);
      add_cell (row, percent (r->accepted, r->accepted + r->rejected), NULL, NULL);
    }
  if (m->n_rules_undecided > 0)
    add_paragraph (section, "method-undecided", NULL,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more rule suggested passages nobody has reviewed yet.",
                                                 "%u more rules suggested passages nobody has reviewed yet.",
                                                 m->n_rules_undecided), m->n_rules_undecided));
}

static void
add_methodology (KithOutlineNode   *root,
                 const KithSummary *summary)
{
  const KithSummaryMethod *m = summary->method;
  KithOutlineNode *section, *list;

  if (m == NULL)
    return;
  section = add_section (root, "methodology", g_strdup (_("Methodology")));
  section->data = m;
  add_method_kinds (section, m);
  add_method_coding (section, m);
  add_method_queue (section, m);
  if (m->sources->len == 0)
    return;
  list = add_list (section, "method-sources", g_strdup (_("Barometer sources")));
  for (guint i = 0; i < m->sources->len; i++)
    add_cell (add_row (list, NULL), g_strdup (g_ptr_array_index (m->sources, i)), NULL, NULL);
}

KithOutlineNode *
kith_summary_outline_build (const KithSummary *summary)
{
  KithOutlineNode *root;
  g_autofree char *count = NULL;

  g_return_val_if_fail (summary != NULL, NULL);
  root = add_section (NULL, "summary", g_strdup (summary->title != NULL ? summary->title : summary->project));
  root->level = 1;
  root->label = g_strdup (_("Evaluation summary"));
  root->text = summary->title != NULL ? g_strdup (summary->title)
                                      : g_strdup_printf (_("Evaluation summary: %s"), summary->project);
  root->value = g_strdup (summary->generated);
  root->data = summary;
  if (summary->organisation != NULL)
    add_paragraph (root, "organisation", _("Organisation:"), g_strdup (summary->organisation));
  if (summary->reporting_period != NULL)
    add_paragraph (root, "reporting-period", _("Period:"), g_strdup (summary->reporting_period));
  add_paragraph (root, "scope", NULL, kith_summary_describe_scope (summary));
  count = kith_summary_describe_count (&summary->count);
  add_paragraph (root, "base", _("Evidence base:"), g_strdup_printf ("%s.", count));
  add_places (root, summary);
  for (guint g = 0; g < summary->goals->len; g++)
    add_goal (root, summary, g_ptr_array_index (summary->goals, g), g + 1);
  if (summary->goals->len == 0)
    add_paragraph (root, "empty", NULL, g_strdup (_("There are no barometers and no framework codes in this project yet.")));
  add_methodology (root, summary);
  add_paragraph (root, "how-to-read", NULL,
                 g_strdup (_("How to read this summary. Every figure is shown as its source states it, with where it "
                           "is stated; figures that disagree are all shown. Gaps are differences between two figures "
                           "shown beside them, in percentage points, and only for percentages; Social Mobility "
                           "Commission groups are ranks and are compared, never subtracted. An extract is one coded "
                           "passage, however many codes or coders mark it; residents are distinct cases, or distinct "
                           "speakers within a transcript or survey. A report's or notes' words are attributed to the "
                           "document, never to a resident, and the words of the interviewers and facilitators a "
                           "transcript's header names are not evidence. Quotes are chosen from different residents "
                           "and documents, longest first within a length that reads well; “[…]” marks words left "
                           "out, always at a word boundary; a passage coded with several outcomes says which.")));
  add_paragraph (root, "made", NULL,
                 /* Translators: a date and time, then the project's name */
                 g_strdup_printf (_("Made with Kith on %s from the project %s."), summary->generated, summary->project));
  return root;
}
