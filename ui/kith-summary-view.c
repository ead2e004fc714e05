/* kith-summary-view.c
 *
 * The view shows a KithSummary as widgets: the same numbers, wording and
 * charts as the HTML report (kith-summary-html.c), because both read the
 * one KithSummary and the charts are drawn by the one kith_chart_draw().
 * The summary is built by a job on its own read-only connection; what is
 * shown is exactly what Export writes. The filters are a
 * KithSummaryChoices (analysis/): the drop-downs show it and set it, and a
 * choice someone made asks for another summary.
 */
#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "kith-app-jobs.h"
#include "kith-privacy.h"
#include "kith-summary.h"
#include "kith-summary-choices.h"
#include "kith-summary-outline.h"
#include "kith-summary-view.h"
#include "kith-ui-util.h"

struct _KithSummaryView
{
  GtkWidget          parent_instance;

  /* template */
  GtkLabel          *title;
  GtkLabel          *evidence_base;
  GtkButton         *export_button;
  GtkWidget         *filters;
  GtkDropDown       *goal_choice;
  GtkDropDown       *geography_choice;
  GtkDropDown       *period_choice;
  GtkSpinner        *spinner;
  GtkStack          *stack;
  GtkScrolledWindow *scroller;
  GtkBox            *content;
  AdwStatusPage     *empty_page;
  GtkBox            *empty_steps;

  KithContext       *context;
  KithSummary       *summary;       /* the one shown */
  KithSummaryChoices *choices;      /* the filters, and what they offer */
  gboolean           setting_choices; /* the drop-downs follow the choices */
  gboolean           stale;         /* the project changed while hidden */
  gboolean           scroll_to_top; /* the filters changed: a new summary */
  KithJob           *running;       /* the summary that will show */
};

G_DEFINE_FINAL_TYPE (KithSummaryView, kith_summary_view, GTK_TYPE_WIDGET)

enum { SIGNAL_SUMMARY_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- small widgets ------------------------------------------------------------ */

static GtkWidget *
add_label (GtkBox *box, const char *text, const char *class1, const char *class2)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (class1 != NULL)
    gtk_widget_add_css_class (label, class1);
  if (class2 != NULL)
    gtk_widget_add_css_class (label, class2);
  gtk_box_append (box, label);
  return label;
}

/* A heading a screen reader can jump to, at @level (2: a goal, 3: a part). */
static GtkWidget *
add_heading (GtkBox *box, const char *text, int level)
{
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL, "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                   "label", text, "xalign", 0.0f, "wrap", TRUE, NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, level,
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_add_css_class (label, level <= 2 ? "summary-goal" : "summary-part");
  gtk_box_append (box, label);
  return label;
}

static GtkBox *
vbox (int spacing, const char *class)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, spacing);

  if (class != NULL)
    gtk_widget_add_css_class (box, class);
  return GTK_BOX (box);
}

static void
draw_chart (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  kith_chart_draw (data, cr, width, height);
}

/* A chart that takes the keyboard focus scrolls into view. (GtkViewport's
 * scroll-to-focus does not follow the focus from one chart to the next in
 * GTK 4.8: its own focus child, the clamp, stays the same.) */
static void
on_chart_focus (GtkEventControllerFocus *focus, gpointer data)
{
  GtkWidget *chart = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (focus));
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (chart, GTK_TYPE_SCROLLED_WINDOW));
  GtkWidget *viewport = scroller != NULL ? gtk_scrolled_window_get_child (scroller) : NULL;
  GtkAdjustment *vadj;
  graphene_rect_t bounds;
  double top, bottom, value, page;

  if (viewport == NULL || !GTK_IS_VIEWPORT (viewport)
      || !gtk_widget_compute_bounds (chart, gtk_viewport_get_child (GTK_VIEWPORT (viewport)), &bounds))
    return;
  vadj = gtk_scrolled_window_get_vadjustment (scroller);
  value = gtk_adjustment_get_value (vadj);
  page = gtk_adjustment_get_page_size (vadj);
  /* the chart and its caption, with a little air */
  top = bounds.origin.y - 24;
  bottom = bounds.origin.y + bounds.size.height + 48;
  if (top < value)
    gtk_adjustment_set_value (vadj, top);
  else if (bottom > value + page)
    gtk_adjustment_set_value (vadj, MIN (top, bottom - page));
}

/* The report's chart, drawn by the same code: a picture with its figures
 * in words for assistive technology, reachable with Tab. Takes @chart. */
static void
add_chart (GtkBox *box, KithChart *chart)
{
  GtkEventController *focus;
  GtkWidget *area;
  GtkWidget *frame;
  g_autofree char *description = NULL;

  if (chart == NULL)
    return;
  description = kith_chart_describe (chart);
  area = g_object_new (GTK_TYPE_DRAWING_AREA, "accessible-role", GTK_ACCESSIBLE_ROLE_IMG, NULL);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), (int) ceil (kith_chart_get_height (chart)));
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 320);
  gtk_widget_set_hexpand (area, TRUE);
  gtk_widget_set_focusable (area, TRUE);
  gtk_widget_set_tooltip_text (area, kith_chart_get_title (chart));
  gtk_accessible_update_property (GTK_ACCESSIBLE (area), GTK_ACCESSIBLE_PROPERTY_LABEL, kith_chart_get_title (chart),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_chart, chart, (GDestroyNotify) kith_chart_free);
  gtk_widget_add_css_class (area, "summary-chart");
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "enter", G_CALLBACK (on_chart_focus), NULL);
  gtk_widget_add_controller (area, focus);

  frame = GTK_WIDGET (vbox (6, "summary-figure"));
  gtk_box_append (GTK_BOX (frame), area);
  add_label (GTK_BOX (frame), kith_chart_get_title (chart), "caption", "dim-label");
  gtk_box_append (box, frame);
}

/* ---- the summary's outline, laid out as widgets --------------------------------- */

/* The outline's words, already in the user's language */
static const char *
words (const char *text)
{
  return text != NULL ? text : "";
}

static gboolean
is (const KithOutlineNode *node, const char *role)
{
  return g_strcmp0 (node->role, role) == 0;
}

/* “compared behind” (the outline's style of a comparison cell) → “behind” */
static const char *
style_class (const char *style)
{
  if (style == NULL)
    return NULL;
  if (g_str_has_suffix (style, "behind"))
    return "behind";
  if (g_str_has_suffix (style, "ahead"))
    return "ahead";
  return g_str_equal (style, "note") ? "summary-note" : NULL;
}

static void
add_figure (GtkBox *row, const KithOutlineNode *figure)
{
  GtkBox *box = vbox (2, is (figure, "comparator") ? "summary-comparator" : "summary-area");
  GtkWidget *label;

  gtk_widget_set_hexpand (GTK_WIDGET (box), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (box), GTK_ALIGN_START);
  add_label (box, figure->value, "summary-value", NULL);
  add_label (box, figure->place, "heading", NULL);
  if (figure->compared != NULL)
    add_label (box, figure->compared, "summary-compared", style_class (kith_outline_comparison_style (figure->comparison)));
  label = add_label (box, figure->source, "caption", "dim-label");
  gtk_label_set_max_width_chars (GTK_LABEL (label), 34);
  gtk_box_append (row, GTK_WIDGET (box));
}

static void
add_quote (GtkBox *parent, const KithSummaryQuote *q, const char *mark)
{
  GtkBox *box = vbox (2, "summary-quote");
  g_autofree char *text = g_strdup_printf ("“%s”", q->text);
  g_autofree char *by = mark != NULL ? g_strdup_printf ("— %s (%s)", q->attribution, mark)
                                     : g_strdup_printf ("— %s", q->attribution);

  add_label (box, text, NULL, NULL);
  add_label (box, by, "caption", "dim-label");
  gtk_box_append (parent, GTK_WIDGET (box));
}

static GtkWidget *
dimension_badge (const char *dimension)
{
  GtkWidget *badge = gtk_label_new (kith_summary_dimension_label (dimension));
  const char *known = g_strcmp0 (dimension, "think") == 0 || g_strcmp0 (dimension, "feel") == 0
                      || g_strcmp0 (dimension, "do") == 0 ? dimension : "other";
  g_autofree char *class = g_strdup_printf ("dim-%s", known);

  gtk_widget_add_css_class (badge, "summary-badge");
  gtk_widget_add_css_class (badge, class);
  gtk_widget_set_valign (badge, GTK_ALIGN_START);
  gtk_widget_set_halign (badge, GTK_ALIGN_START);
  return badge;
}

static void
grid_cell (GtkGrid *grid, int column, int row, const char *text, gboolean number, const char *class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1 : 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (!number)
    gtk_widget_set_hexpand (label, TRUE);
  if (class != NULL)
    gtk_widget_add_css_class (label, class);
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (grid, label, column, row, 1, 1);
}

/* A table as a grid; a cell's secondary text (a unit) goes below it. */
static void
add_table (GtkBox *parent, const KithOutlineNode *table)
{
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());

  if (table->title != NULL)
    add_label (parent, words (table->title), "heading", NULL);
  gtk_grid_set_column_spacing (grid, 12);
  gtk_grid_set_row_spacing (grid, 6);
  gtk_widget_add_css_class (GTK_WIDGET (grid), "summary-table");
  for (guint c = 0; c < table->columns->len; c++)
    {
      KithOutlineColumn *column = g_ptr_array_index (table->columns, c);
      grid_cell (grid, (int) c, 0, words (column->title), column->numeric, "summary-th");
    }
  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, r);
      for (guint c = 0; c < row->len; c++)
        {
          KithOutlineColumn *column = g_ptr_array_index (table->columns, c);
          KithOutlineCell *cell = g_ptr_array_index (row, c);

          if (g_strcmp0 (cell->style, "dimension") == 0)
            gtk_grid_attach (grid, dimension_badge (cell->dimension), (int) c, (int) r + 1, 1, 1);
          else if (cell->sub != NULL)
            {
              /* a unit or a rule's pattern: under its name, smaller */
              GtkBox *box = vbox (2, NULL);
              add_label (box, cell->text, column->header ? "heading" : NULL, NULL);
              add_label (box, cell->sub, "caption", "dim-label");
              gtk_widget_set_hexpand (GTK_WIDGET (box), TRUE);
              gtk_grid_attach (grid, GTK_WIDGET (box), (int) c, (int) r + 1, 1, 1);
            }
          else
            grid_cell (grid, (int) c, (int) r + 1, *cell->text != '\0' ? cell->text : "–", column->numeric,
                       column->header ? "heading" : g_strcmp0 (cell->style, "muted") == 0 ? "dim-label"
                                                                                        : style_class (cell->style));
        }
    }
  gtk_box_append (parent, GTK_WIDGET (grid));
}

static void
add_list (GtkBox *parent, const KithOutlineNode *list)
{
  if (list->title != NULL)
    add_label (parent, list->title, "heading", NULL);
  for (guint r = 0; r < list->rows->len; r++)
    {
      GPtrArray *cells = g_ptr_array_index (list->rows, r);
      KithOutlineCell *item = g_ptr_array_index (cells, 0);
      g_autofree char *line = item->sub != NULL ? g_strdup_printf ("%s: %s", item->text, item->sub)
                                                : g_strdup_printf ("• %s", item->text);

      if (g_strcmp0 (item->style, "dimension") == 0)
        {
          GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
          gtk_box_append (GTK_BOX (row), dimension_badge (item->dimension));
          add_label (GTK_BOX (row), item->sub != NULL ? line : item->text, NULL, NULL);
          gtk_box_append (parent, row);
        }
      else
        add_label (parent, line, NULL, NULL);
    }
}

static void
add_paragraph (GtkBox *parent, const KithOutlineNode *p)
{
  g_autofree char *text = p->label != NULL ? g_strdup_printf ("%s %s", words (p->label), p->text)
                                           : g_strdup (words (p->text));
  const char *class = is (p, "conflict") ? "summary-conflict"
                      : is (p, "note") || is (p, "not-compared") ? "summary-note"
                      : is (p, "unit") || is (p, "voices-intro") || is (p, "scope") || is (p, "goal-count")
                        ? "dim-label"
                      : NULL;

  add_label (parent, text, class, NULL);
}

static void add_node (GtkBox *parent, KithOutlineNode *node);

static void
add_children (GtkBox *parent, KithOutlineNode *node)
{
  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    add_node (parent, g_ptr_array_index (node->children, i));
}

/* A key barometer's card: its figures in equal columns, so that they line
 * up from one card to the next, then its remarks. */
static void
add_card (GtkBox *parent, KithOutlineNode *card)
{
  GtkBox *box = vbox (6, "summary-card");
  GtkWidget *figures = NULL;

  add_label (box, words (card->label), "summary-kicker", NULL);
  add_label (box, card->title, "title-4", NULL);
  for (guint i = 0; i < card->children->len; i++)
    {
      KithOutlineNode *child = g_ptr_array_index (card->children, i);

      if (child->kind != KITH_OUTLINE_FIGURE)
        add_node (box, child);
      else if (figures == NULL)
        {
          /* every figure of the card in one row, at the first one's place */
          figures = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
          gtk_box_set_homogeneous (GTK_BOX (figures), TRUE);
          gtk_widget_set_margin_top (figures, 6);
          gtk_widget_set_margin_bottom (figures, 6);
          for (guint j = i; j < card->children->len; j++)
            {
              KithOutlineNode *figure = g_ptr_array_index (card->children, j);
              if (figure->kind == KITH_OUTLINE_FIGURE)
                add_figure (GTK_BOX (figures), figure);
            }
          gtk_box_append (box, figures);
        }
    }
  gtk_box_append (parent, GTK_WIDGET (box));
}

static void
add_section (GtkBox *parent, KithOutlineNode *section)
{
  if (is (section, "key-barometer"))
    add_card (parent, section);
  else if (is (section, "goal"))
    {
      GtkBox *box = vbox (10, "summary-section");
      add_heading (box, section->title, 2);
      add_children (box, section);
      gtk_box_append (parent, GTK_WIDGET (box));
    }
  else if (is (section, "side-by-side"))
    {
      GtkWidget *beside = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 24);
      add_heading (parent, words (section->title), 3);
      gtk_box_set_homogeneous (GTK_BOX (beside), TRUE);
      gtk_widget_add_css_class (beside, "summary-beside");
      for (guint i = 0; i < section->children->len; i++)
        {
          KithOutlineNode *half = g_ptr_array_index (section->children, i);
          GtkBox *box = vbox (6, NULL);
          add_label (box, words (half->title), "heading", NULL);
          add_children (box, half);
          gtk_widget_set_valign (GTK_WIDGET (box), GTK_ALIGN_START);
          gtk_box_append (GTK_BOX (beside), GTK_WIDGET (box));
        }
      gtk_box_append (parent, beside);
    }
  else if (is (section, "outcome-quotes"))
    {
      GtkWidget *title = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      gtk_widget_add_css_class (title, "summary-outcome");
      gtk_box_append (GTK_BOX (title), dimension_badge (section->dimension));
      add_label (GTK_BOX (title), section->title, "heading", NULL);
      gtk_box_append (parent, title);
      add_children (parent, section);
    }
  else
    {
      add_heading (parent, words (section->title), (int) MIN (section->level, 4));
      add_children (parent, section);
    }
}

static void
add_node (GtkBox *parent, KithOutlineNode *node)
{
  switch (node->kind)
    {
    case KITH_OUTLINE_SECTION:
      add_section (parent, node);
      break;
    case KITH_OUTLINE_PARAGRAPH:
      add_paragraph (parent, node);
      break;
    case KITH_OUTLINE_FIGURE:
      add_figure (parent, node);
      break;
    case KITH_OUTLINE_TABLE:
      add_table (parent, node);
      break;
    case KITH_OUTLINE_LIST:
      add_list (parent, node);
      break;
    case KITH_OUTLINE_CHART:
      add_chart (parent, g_steal_pointer (&node->chart));
      break;
    case KITH_OUTLINE_QUOTE:
      add_quote (parent, node->quote, node->text);
      break;
    }
}

/* ---- showing a result --------------------------------------------------------------- */

static void
clear_content (KithSummaryView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->content))) != NULL)
    gtk_box_remove (self->content, child);
}

/* A step towards a summary; with @command, the command to run, to copy. */
static void
add_step (KithSummaryView *self, guint number, const char *text, const char *command)
{
  g_autofree char *numbered = g_strdup_printf ("%u. %s", number, text);
  GtkWidget *label = add_label (self->empty_steps, numbered, NULL, NULL);

  gtk_widget_set_margin_top (label, 12);
  if (command != NULL)
    {
      label = add_label (self->empty_steps, command, "summary-command", NULL);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_tooltip_text (label, _("Select and copy the command, then run it in a terminal"));
    }
}

/* How to get what a summary needs, with this project's own path in the
 * commands: the user copies them as they are. */
static void
show_empty (KithSummaryView *self, gboolean has_barometers, const KithSummary *summary)
{
  g_autofree char *path = g_shell_quote (kith_context_get_path (self->context));
  g_autofree char *import = g_strdup_printf ("kith-cli barometers import %s barometers.tsv", path);
  g_autofree char *codebook = g_strdup_printf ("kith-cli codebook load %s inclusive-communities", path);
  GtkWidget *child;
  guint step = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->empty_steps))) != NULL)
    gtk_box_remove (self->empty_steps, child);
  adw_status_page_set_description (self->empty_page,
                                   _("A summary puts barometers — survey figures such as “% of adults who feel "
                                     "people in their neighbourhood can be trusted” — beside what residents said, "
                                     "coded by outcome."));
  if (!has_barometers)
    add_step (self, ++step, _("Import the barometers' figures from a CSV or TSV table (goal_key, barometer_key, "
                              "geography, period, value and source columns):"), import);
  if (summary->goals->len == 0)
    add_step (self, ++step, _("Load an outcomes codebook — the bundled one is the West Midlands’ Inclusive "
                              "Communities framework:"), codebook);
  add_step (self, ++step, _("Code passages with its outcomes: select a passage in a document and press Ctrl+K."),
            NULL);
  gtk_stack_set_visible_child_name (self->stack, "empty");
  /* nothing to filter, nothing counted */
  gtk_widget_set_visible (GTK_WIDGET (self->filters), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->evidence_base), FALSE);
}

static GtkDropDown *
dropdown_of (KithSummaryView *self, KithSummaryChoice which)
{
  GtkDropDown *dropdowns[] = { self->goal_choice, self->geography_choice, self->period_choice };

  return dropdowns[which];
}

/* a list of choices changed: its drop-down shows the new one, “all” first */
static void
on_options_changed (KithSummaryChoices *choices, int which, KithSummaryView *self)
{
  GPtrArray *labels = kith_summary_choices_get_labels (choices, which);
  const char *area = kith_summary_choices_get_area (choices);
  g_autofree char *whole = area != NULL ? g_strdup_printf (_("%s (the whole region)"), area)
                                        : g_strdup (_("Everywhere"));
  const char *all[] = { _("All goals"), whole, _("Latest figures") };
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GtkDropDown *dropdown = dropdown_of (self, which);
  gboolean setting = self->setting_choices;

  gtk_string_list_append (names, all[which]);
  for (guint i = 0; i < labels->len; i++)
    gtk_string_list_append (names, g_ptr_array_index (labels, i));
  self->setting_choices = TRUE;
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (dropdown, kith_summary_choices_get_position (choices, which));
  self->setting_choices = setting;
  if (which != KITH_SUMMARY_CHOICE_GOAL)
    {
      /* a place or a period only where the project has some, with its label */
      gtk_widget_set_visible (GTK_WIDGET (dropdown), labels->len > 0);
      gtk_widget_set_visible (gtk_widget_get_prev_sibling (GTK_WIDGET (dropdown)), labels->len > 0);
    }
}

/* a choice changed, whoever changed it: its drop-down says so */
static void
on_choice_notify (KithSummaryChoices *choices, GParamSpec *pspec, KithSummaryView *self)
{
  KithSummaryChoice which = g_str_equal (pspec->name, "goal") ? KITH_SUMMARY_CHOICE_GOAL
                            : g_str_equal (pspec->name, "place") ? KITH_SUMMARY_CHOICE_PLACE
                            : KITH_SUMMARY_CHOICE_PERIOD;
  gboolean setting = self->setting_choices;

  self->setting_choices = TRUE;
  gtk_drop_down_set_selected (dropdown_of (self, which), kith_summary_choices_get_position (choices, which));
  self->setting_choices = setting;
}

static void
show_result (KithSummaryView *self, KithSummaryPick *r)
{
  KithSummary *summary = r->summary;
  gboolean has_barometers = r->offer->has_barometers;
  GtkAdjustment *vadj = gtk_scrolled_window_get_vadjustment (self->scroller);
  double scrolled = gtk_adjustment_get_value (vadj);
  g_autofree char *count = kith_summary_describe_count (&summary->count);
  g_autofree char *base = NULL;
  g_autofree char *scope = kith_summary_describe_scope (summary);

  kith_summary_choices_offer (self->choices, r->offer);
  g_clear_pointer (&self->summary, kith_summary_free);
  self->summary = g_steal_pointer (&r->summary);
  summary = self->summary;
  base = g_strdup_printf (_("Evidence base: %s"), count);
  gtk_label_set_text (self->evidence_base, base);

  clear_content (self);
  if (summary->goals->len == 0 || (!has_barometers && summary->count.n_extracts == 0 && summary->goal == NULL))
    {
      show_empty (self, has_barometers, summary);
      g_signal_emit (self, signals[SIGNAL_SUMMARY_CHANGED], 0);
      return;
    }
  {
    GtkBox *intro = vbox (6, "summary-intro");
    add_label (intro, scope, "dim-label", NULL);
    if (summary->by_geography->len > 0)
      {
        g_autofree char *places = kith_summary_describe_places (summary->by_geography);
        g_autofree char *line = g_strdup_printf (_("Coded extracts by place: %s."), places);
        add_label (intro, line, "dim-label", NULL);
      }
    if (!has_barometers)
      add_label (intro, _("No barometers yet: the summary shows the coded evidence only. Import barometer "
                          "figures with “kith-cli barometers import PROJECT barometers.tsv”."), "summary-note", NULL);
    else if (summary->count.n_extracts == 0)
      add_label (intro, _("No coded evidence here yet: the summary shows the barometers only. Code passages "
                          "with the outcome codes (select a passage, press Ctrl+K)."), "summary-note", NULL);
    gtk_box_append (self->content, GTK_WIDGET (intro));
  }
  {
    g_autoptr(KithOutlineNode) outline = kith_summary_outline_build (summary);
    for (guint i = 0; i < outline->children->len; i++)
      {
        KithOutlineNode *child = g_ptr_array_index (outline->children, i);
        /* the header above says the scope, the evidence base and the places */
        if (child->kind == KITH_OUTLINE_SECTION || is (child, "how-to-read"))
          add_node (self->content, child);
        else if (is (child, "organisation") || is (child, "reporting-period"))
          add_node (GTK_BOX (gtk_widget_get_first_child (GTK_WIDGET (self->content))), child);
      }
  }
  gtk_stack_set_visible_child_name (self->stack, "summary");
  gtk_widget_set_visible (GTK_WIDGET (self->filters), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->evidence_base), TRUE);
  /* a refresh after an edit elsewhere keeps the reader's place */
  gtk_adjustment_set_value (vadj, self->scroll_to_top ? 0 : scrolled);
  self->scroll_to_top = FALSE;
  kith_label_scrollbars (GTK_WIDGET (self->scroller));
  g_signal_emit (self, signals[SIGNAL_SUMMARY_CHANGED], 0);
}

static void
summary_done (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr(KithSummaryView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithSummaryPick) r = kith_job_run_finish (KITH_JOB (source), res, &error);

  /* cancelled: a newer summary is on its way, or the view is gone (its
   * widgets with it) */
  if (KITH_JOB (source) != self->running)
    return;
  g_clear_object (&self->running);
  gtk_spinner_stop (self->spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  if (r == NULL)
    {
      g_warning ("cannot build the summary: %s", error->message);
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      g_clear_pointer (&self->summary, kith_summary_free);
      g_signal_emit (self, signals[SIGNAL_SUMMARY_CHANGED], 0);
      return;
    }
  show_result (self, r);
}

void
kith_summary_view_refresh (KithSummaryView *self)
{
  g_return_if_fail (KITH_IS_SUMMARY_VIEW (self));

  if (self->context == NULL)
    return;
  self->stale = FALSE;
  if (self->running != NULL)
    kith_job_cancel (self->running);
  g_clear_object (&self->running);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_start (self->spinner);
  self->running = kith_job_summarise (kith_context_get_path (self->context),
                                      kith_summary_choices_get (self->choices, KITH_SUMMARY_CHOICE_GOAL),
                                      kith_summary_choices_get (self->choices, KITH_SUMMARY_CHOICE_PLACE),
                                      kith_summary_choices_get (self->choices, KITH_SUMMARY_CHOICE_PERIOD),
                                      summary_done, g_object_ref (self));
}

static void
on_filter_changed (GObject *dropdown, GParamSpec *pspec, KithSummaryView *self)
{
  KithSummaryChoice which = dropdown == G_OBJECT (self->goal_choice) ? KITH_SUMMARY_CHOICE_GOAL
                            : dropdown == G_OBJECT (self->geography_choice) ? KITH_SUMMARY_CHOICE_PLACE
                            : KITH_SUMMARY_CHOICE_PERIOD;

  if (self->setting_choices)
    return;
  kith_summary_choices_set_position (self->choices, which, gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)));
}

/* someone chose: another summary, read from its top */
static void
on_choices_changed (KithSummaryChoices *choices, KithSummaryView *self)
{
  self->scroll_to_top = TRUE;
  kith_summary_view_refresh (self);
}

/* only a summary someone looks at is rebuilt; a hidden one catches up when shown */
static void
on_context_changed (KithContext *context, gboolean external, KithSummaryView *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    kith_summary_view_refresh (self);
  else
    self->stale = TRUE;
}

static void
kith_summary_view_map (GtkWidget *widget)
{
  KithSummaryView *self = KITH_SUMMARY_VIEW (widget);

  GTK_WIDGET_CLASS (kith_summary_view_parent_class)->map (widget);
  if (self->stale || (self->summary == NULL && self->running == NULL))
    kith_summary_view_refresh (self);
}

/* ---- public --------------------------------------------------------------------------- */

void
kith_summary_view_set_context (KithSummaryView *self,
                               KithContext     *context)
{
  g_return_if_fail (KITH_IS_SUMMARY_VIEW (self));

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_set_object (&self->context, context);
  if (context != NULL)
    g_signal_connect (context, "changed", G_CALLBACK (on_context_changed), self);
  self->stale = TRUE;
}

gboolean
kith_summary_view_has_summary (KithSummaryView *self)
{
  g_return_val_if_fail (KITH_IS_SUMMARY_VIEW (self), FALSE);
  return self->summary != NULL && self->summary->goals->len > 0;
}

gboolean
kith_summary_format_from_path (const char        *path,
                               KithSummaryFormat *format)
{
  g_autofree char *lower = g_utf8_strdown (path, -1);

  if (g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm"))
    *format = KITH_SUMMARY_FORMAT_HTML;
  else if (g_str_has_suffix (lower, ".md") || g_str_has_suffix (lower, ".markdown"))
    *format = KITH_SUMMARY_FORMAT_MARKDOWN;
  else if (g_str_has_suffix (lower, ".csv"))
    *format = KITH_SUMMARY_FORMAT_CSV;
  else if (g_str_has_suffix (lower, ".docx"))
    *format = KITH_SUMMARY_FORMAT_DOCX;
  else
    return FALSE;
  return TRUE;
}

char *
kith_summary_view_suggest_name (KithSummaryView  *self,
                                KithSummaryFormat format)
{
  static const char *const extensions[] = { "html", "md", "csv", "docx" };
  const char *project = self->summary != NULL ? self->summary->project : NULL;

  /* Translators: a file name; %s is the project's name, then the extension */
  return project != NULL ? g_strdup_printf (_("%s summary.%s"), project, extensions[format])
                         : g_strdup_printf (_("summary.%s"), extensions[format]);
}

gboolean
kith_summary_view_export (KithSummaryView   *self,
                          const char        *path,
                          KithSummaryFormat  format,
                          char             **pseudonymised,
                          GError           **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GBytes) docx = NULL;
  g_autoptr(KithSummaryPick) pick = NULL;
  KithSummary *summary = self->summary;
  gboolean pseudonymise = FALSE;

  g_return_val_if_fail (KITH_IS_SUMMARY_VIEW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->summary == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, _("The summary is still being built"));
      return FALSE;
    }
  if (!kith_privacy_get_pseudonymise (kith_context_get_project (self->context), &pseudonymise, error))
    return FALSE;
  /* the project's Privacy setting: a copy computed again and pseudonymised,
   * so that the one shown keeps its names */
  if (pseudonymise)
    {
      KithProject *project = kith_context_get_project (self->context);
      g_autoptr(KithPseudonymiser) p = kith_privacy_pseudonymiser (project, error);

      if (p == NULL
          || (pick = kith_summary_pick_read (project, kith_summary_choices_get (self->choices, KITH_SUMMARY_CHOICE_GOAL),
                                             kith_summary_choices_get (self->choices, KITH_SUMMARY_CHOICE_PLACE),
                                             kith_summary_choices_get (self->choices, KITH_SUMMARY_CHOICE_PERIOD),
                                             error)) == NULL)
        return FALSE;
      kith_summary_pseudonymise (pick->summary, p);
      summary = pick->summary;
      if (pseudonymised != NULL)
        *pseudonymised = kith_pseudonymiser_describe (p);
    }
  switch (format)
    {
    case KITH_SUMMARY_FORMAT_MARKDOWN:
      text = kith_summary_to_markdown (summary);
      break;
    case KITH_SUMMARY_FORMAT_CSV:
      text = kith_summary_to_csv (summary);
      break;
    case KITH_SUMMARY_FORMAT_DOCX:
      if ((docx = kith_summary_to_docx (summary, error)) == NULL)
        return FALSE;
      return g_file_set_contents_full (path, g_bytes_get_data (docx, NULL), (gssize) g_bytes_get_size (docx),
                                       G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600, error);
    case KITH_SUMMARY_FORMAT_HTML:
    default:
      text = kith_summary_to_html (summary);
      break;
    }
  /* quotes from transcripts are personal data: owner-only, like the project */
  return g_file_set_contents_full (path, text, (gssize) strlen (text),
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600, error);
}

gboolean
kith_summary_view_focus (KithSummaryView *self)
{
  g_return_val_if_fail (KITH_IS_SUMMARY_VIEW (self), FALSE);
  return gtk_widget_grab_focus (GTK_WIDGET (self->goal_choice));
}

/* ---- GObject ------------------------------------------------------------------------------- */

static void
kith_summary_view_dispose (GObject *object)
{
  KithSummaryView *self = KITH_SUMMARY_VIEW (object);

  if (self->running != NULL)
    kith_job_cancel (self->running);
  g_clear_object (&self->running);
  if (self->choices != NULL)
    g_signal_handlers_disconnect_by_data (self->choices, self);
  g_clear_object (&self->choices);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_SUMMARY_VIEW);
  kith_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->context);
  g_clear_pointer (&self->summary, kith_summary_free);
  G_OBJECT_CLASS (kith_summary_view_parent_class)->dispose (object);
}

static void
kith_summary_view_class_init (KithSummaryViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_summary_view_dispose;
  widget_class->map = kith_summary_view_map;

  /* a summary was shown, or went: the window enables Export */
  signals[SIGNAL_SUMMARY_CHANGED] =
    g_signal_new ("summary-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/kith/Kith/kith-summary-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KithSummaryView, title);
  gtk_widget_class_bind_template_child (widget_class, KithSummaryView, evidence_base);
  gtk_widget_class_bind_template_child (widget_class, KithSummaryView, export_button);
  gtk_widget_class_bind_template_child (widget_class, KithSummaryView, filters);
  gtk_widget_class_bind_template_child (widget_class, KithSummaryView, goal_choice);
  gtk_widget_class_bind_template_child (widget_class, KithSummaryView, geography_choice);
  gtk_widget_class_bind_template_child (widget_class, KithSummaryView, period_choice);
  gtk_widget_class_bind_template_child (widget_class, KithSummaryView, spinner);
  gtk_widget_class_bind_template_child (widget_class, KithSummaryView, stack);
  gtk_widget_class_bind_template_child (widget_class, KithSummaryView, scroller);
  gtk_widget_class_bind_template_child (widget_class, KithSummaryView, content);
  gtk_widget_class_bind_template_child (widget_class, KithSummaryView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KithSummaryView, empty_steps);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kith_summary_view_init (KithSummaryView *self)
{
  static gboolean styled;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* the summary's own look, kept beside it rather than in the app's sheet */
  if (!styled)
    {
      g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
      gtk_css_provider_load_from_resource (css, "/org/kith/Kith/kith-summary-view.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
      styled = TRUE;
    }
  kith_name_drop_down (self->goal_choice, _("Goal"), _("Goals"));
  kith_name_drop_down (self->geography_choice, _("Place"), _("Places"));
  kith_name_drop_down (self->period_choice, _("Period"), _("Periods"));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  self->choices = kith_summary_choices_new ();
  g_signal_connect (self->choices, "options-changed", G_CALLBACK (on_options_changed), self);
  g_signal_connect (self->choices, "notify::goal", G_CALLBACK (on_choice_notify), self);
  g_signal_connect (self->choices, "notify::place", G_CALLBACK (on_choice_notify), self);
  g_signal_connect (self->choices, "notify::period", G_CALLBACK (on_choice_notify), self);
  g_signal_connect (self->choices, "changed", G_CALLBACK (on_choices_changed), self);
}
