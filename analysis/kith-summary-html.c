/* kith-summary-html.c — an evaluation summary as one self-contained page
 *
 * Inline CSS, charts as inline SVG drawn by kith-chart.c, no script and no
 * outside resource: the file can be mailed, archived or printed as it is.
 * The markup is also well-formed XML (polyglot HTML), so that any XML tool
 * can check it.
 */
#include <string.h>

#include "kith-i18n.h"
#include "kith-summary-private.h"

#define CHART_WIDTH 760

static const char style[] =
  ":root{--ink:#1f2937;--muted:#4b5563;--line:#e5e7eb;--area:#1d4ed8;--behind:#b45309;--ahead:#047857;"
  "--think:#7c3aed;--feel:#db2777;--do:#059669}"
  "*{box-sizing:border-box}"
  "body{margin:0;color:var(--ink);background:#fff;font:16px/1.5 \"Noto Sans\",\"DejaVu Sans\",system-ui,sans-serif}"
  "header.report,main,footer.report{max-width:52rem;margin:0 auto;padding:0 1.25rem}"
  "header.report{padding-top:2rem;border-bottom:3px solid var(--area)}"
  ".kicker{margin:0;color:var(--area);font-weight:700;letter-spacing:.04em;text-transform:uppercase;font-size:.85rem}"
  "h1{font-size:2rem;margin:.2rem 0 .5rem}"
  "h2{font-size:1.55rem;margin:2.5rem 0 .75rem;padding-top:1rem;border-top:1px solid var(--line)}"
  "h3{font-size:1.15rem;margin:1.75rem 0 .5rem}"
  "h4{font-size:1rem;margin:1.25rem 0 .4rem}"
  ".scope,.muted,figcaption{color:var(--muted)}"
  ".scope{font-size:.95rem}"
  "nav ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem 1.25rem}"
  "a{color:var(--area)}"
  "table{border-collapse:collapse;width:100%;margin:.75rem 0;font-size:.92rem}"
  "caption{text-align:left;font-weight:600;padding-bottom:.3rem}"
  "th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}"
  "thead th{border-bottom:2px solid var(--muted)}"
  "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
  "th .unit{font-weight:400;font-size:.85rem}"
  ".card{border:1px solid var(--line);border-left:6px solid var(--area);border-radius:6px;padding:1rem 1.25rem;margin:1rem 0}"
  ".card h3{margin-top:0;font-size:.85rem;text-transform:uppercase;letter-spacing:.04em;color:var(--area)}"
  ".card .name{font-size:1.1rem;font-weight:600;margin:.2rem 0 .1rem}"
  ".figures{display:flex;flex-wrap:wrap;gap:1rem 2rem;margin:.75rem 0}"
  ".figure .value{display:block;font-size:2.2rem;font-weight:700;line-height:1.1;color:var(--area)}"
  ".figure.comparator .value{color:var(--muted)}"
  ".figure .place{font-weight:600}"
  ".figure .compared{display:block;font-weight:600}"
  ".behind{color:var(--behind)}.ahead{color:var(--ahead)}"
  ".figure .source{display:block;font-size:.8rem;color:var(--muted);max-width:22rem}"
  ".conflict{background:#fef3c7;border:1px solid #f59e0b;border-radius:4px;padding:.5rem .75rem}"
  ".note{font-style:italic;color:var(--muted)}"
  "figure.chart{margin:1rem 0}"
  "figure.chart svg{display:block;width:100%;max-width:" G_STRINGIFY (CHART_WIDTH) "px;height:auto}"
  ".beside{display:grid;grid-template-columns:1fr 1fr;gap:1.5rem;background:#f8fafc;border-radius:6px;padding:1rem 1.25rem}"
  ".beside h4{margin-top:0}"
  "@media (max-width:40rem){.beside{grid-template-columns:1fr}}"
  "figure.quote{margin:.75rem 0 1rem;padding-left:1rem;border-left:4px solid var(--line)}"
  "figure.quote blockquote{margin:0;font-size:1.05rem}"
  "figure.quote blockquote p{margin:0}"
  "figure.quote figcaption{font-size:.9rem;margin-top:.2rem}"
  ".dim{display:inline-block;min-width:3.2rem;padding:0 .4rem;border-radius:3px;color:#fff;font-size:.8rem;font-weight:700;text-align:center}"
  ".dim-think{background:var(--think)}.dim-feel{background:var(--feel)}.dim-do{background:var(--do)}.dim-other{background:#a16207}"
  "ul.gaps li{margin:.2rem 0}"
  "footer.report{margin-top:3rem;padding-top:1rem;padding-bottom:2rem;border-top:1px solid var(--line);font-size:.9rem;color:var(--muted)}"
  "@page{margin:16mm}"
  "@media print{body{font-size:10.5pt}nav{display:none}a{color:inherit;text-decoration:none}"
  "section.goal{break-before:page}section.goal:first-of-type{break-before:auto}"
  ".card,figure,table,.beside{break-inside:avoid}header.report,main,footer.report{max-width:none;padding:0}"
  ".beside{background:none;border:1px solid var(--line)}}";

static void
text (GString    *out,
      const char *s)
{
  g_autofree char *escaped = g_markup_escape_text (s != NULL ? s : "", -1);

  g_string_append (out, escaped);
}

/* <tag class="…">text</tag> */
static void
element (GString    *out,
         const char *tag,
         const char *class,
         const char *content)
{
  if (class != NULL)
    g_string_append_printf (out, "<%s class=\"%s\">", tag, class);
  else
    g_string_append_printf (out, "<%s>", tag);
  text (out, content);
  g_string_append_printf (out, "</%s>", tag);
}

static const char *
comparison_class (KithComparison comparison)
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
chart (GString   *out,
       KithChart *chart,
       const char *id)
{
  g_autofree char *svg = NULL;
  g_autofree char *prefix = NULL;

  if (chart == NULL)
    return;
  prefix = g_strdup_printf ("%s-", id);
  svg = kith_chart_to_svg (chart, CHART_WIDTH, prefix);
  g_string_append (out, "<figure class=\"chart\">");
  g_string_append (out, svg);
  element (out, "figcaption", NULL, kith_chart_get_title (chart));
  g_string_append (out, "</figure>\n");
  kith_chart_free (chart);
}

static void
figure_block (GString                    *out,
              const KithSummaryBarometer *b,
              const KithBarometerValue   *v,
              const char                 *class,
              const char                 *compared,
              KithComparison              comparison)
{
  g_autofree char *value = kith_summary_format_figure (b->barometer->measure, v->value);
  g_autofree char *source = kith_summary_describe_source (v);

  g_string_append_printf (out, "<div class=\"%s\">", class);
  element (out, "span", "value", value);
  element (out, "span", "place", v->geography);
  if (compared != NULL)
    element (out, "span", comparison_class (comparison), compared);
  element (out, "span", "source", source);
  g_string_append (out, "</div>");
}

static void
linked_evidence (GString                    *out,
                 const KithSummaryBarometer *b)
{
  for (guint i = 0; i < b->linked->len; i++)
    {
      g_autofree char *line = kith_summary_describe_linked (g_ptr_array_index (b->linked, i));
      element (out, "p", NULL, line);
    }
}

static void
key_barometer (GString                    *out,
               const KithSummary          *summary,
               const KithSummaryBarometer *b)
{
  g_autofree char *locals = kith_summary_describe_locals (b);
  g_autofree char *unit = kith_summary_describe_unit (b);
  g_autofree char *conflict = kith_summary_describe_conflict (summary, b);

  g_string_append (out, "<div class=\"card\">");
  element (out, "h3", NULL, _("Key barometer"));
  element (out, "p", "name", b->barometer->label);
  element (out, "p", "muted", unit);
  g_string_append (out, "<div class=\"figures\">");
  for (guint i = 0; i < b->figures->len; i++)
    {
      KithSummaryFigure *f = g_ptr_array_index (b->figures, i);
      g_autofree char *compared = kith_summary_describe_figure (b, f);
      figure_block (out, b, f->value, "figure", compared, f->comparison);
    }
  for (guint i = 0; i < b->comparators->len; i++)
    figure_block (out, b, g_ptr_array_index (b->comparators, i), "figure comparator", NULL, KITH_COMPARISON_NONE);
  g_string_append (out, "</div>");
  if (conflict != NULL)
    {
      g_string_append (out, "<p class=\"conflict\" role=\"note\"><strong>Conflicting figures.</strong> ");
      text (out, conflict);
      g_string_append (out, "</p>");
    }
  if (b->note != NULL)
    {
      g_autofree char *note = g_strdup_printf ("Not compared: %s.", b->note);
      element (out, "p", "note", note);
    }
  if (locals != NULL)
    {
      g_autofree char *line = g_strdup_printf ("Local authorities: %s.", locals);
      element (out, "p", NULL, line);
    }
  linked_evidence (out, b);
  g_string_append (out, "</div>\n");
}

static void
supporting_barometers (GString               *out,
                       const KithSummary     *summary,
                       const KithSummaryGoal *goal)
{
  if (!kith_summary_goal_has_supporting (goal))
    return;
  element (out, "h3", NULL, _("Supporting barometers"));
  g_string_append (out, "<table><thead><tr><th scope=\"col\">Barometer</th><th scope=\"col\">");
  text (out, summary->area != NULL ? summary->area : "Region");
  g_string_append (out, "</th><th scope=\"col\">");
  text (out, summary->comparator != NULL ? summary->comparator : "Comparator");
  g_string_append (out, "</th><th scope=\"col\">Compared</th><th scope=\"col\">Local authorities</th>"
                        "<th scope=\"col\">Source</th></tr></thead><tbody>");
  for (guint i = 0; i < goal->barometers->len; i++)
    {
      KithSummaryBarometer *b = g_ptr_array_index (goal->barometers, i);
      g_autofree char *locals = NULL, *source = NULL, *unit = NULL, *area = NULL, *comparator = NULL;
      g_autofree char *compared = NULL;

      if (b->barometer->is_key)
        continue;
      locals = kith_summary_describe_locals (b);
      unit = kith_summary_describe_unit (b);
      area = kith_summary_describe_area (b);
      comparator = kith_summary_describe_comparators (b);
      compared = kith_summary_describe_comparison (b);
      source = b->figures->len > 0
               ? kith_summary_describe_source (((KithSummaryFigure *) g_ptr_array_index (b->figures, 0))->value)
               : g_strdup (b->barometer->source);
      g_string_append (out, "<tr><th scope=\"row\">");
      text (out, b->barometer->label);
      g_string_append (out, "<br/><span class=\"muted unit\">");
      text (out, unit);
      g_string_append (out, "</span></th>");
      element (out, "td", NULL, area);
      element (out, "td", NULL, comparator);
      element (out, "td", b->note != NULL ? "note" : comparison_class (b->comparison), compared);
      element (out, "td", NULL, locals != NULL ? locals : "–");
      element (out, "td", "muted", source);
      g_string_append (out, "</tr>");
    }
  g_string_append (out, "</tbody></table>\n");
  for (guint i = 0; i < goal->barometers->len; i++)
    {
      KithSummaryBarometer *b = g_ptr_array_index (goal->barometers, i);
      if (!b->barometer->is_key)
        linked_evidence (out, b);
    }
}

/* Right to left only for a quote with no Latin letters at all: a quote
 * with a translation in brackets reads best left to right, its Urdu or
 * Arabic words still shown right to left within it. */
static gboolean
has_latin (const char *s)
{
  for (const char *p = s; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_LATIN)
      return TRUE;
  return FALSE;
}

static void
quote (GString                *out,
       const KithSummaryQuote *q)
{
  g_string_append_printf (out, "<figure class=\"quote\" data-coding=\"%" G_GINT64_FORMAT "\"><blockquote><p%s>“",
                          q->coding_id, has_latin (q->text) ? "" : " dir=\"auto\"");
  text (out, q->text);
  g_string_append (out, "”</p></blockquote><figcaption>— ");
  text (out, q->attribution);
  g_string_append (out, "</figcaption></figure>\n");
}

static void
side_by_side (GString               *out,
              const KithSummaryGoal *goal)
{
  g_autofree char *count = kith_summary_describe_count (&goal->count);

  if (!goal->side_by_side)
    return;
  element (out, "h3", NULL, _("The numbers and the voices"));
  g_string_append (out, "<div class=\"beside\"><div>");
  element (out, "h4", NULL, _("The numbers"));
  g_string_append (out, "<ul>");
  for (guint i = 0; i < goal->barometers->len; i++)
    {
      KithSummaryBarometer *b = g_ptr_array_index (goal->barometers, i);
      if (!kith_summary_barometer_is_behind (b))
        continue;
      for (guint f = 0; f < b->figures->len; f++)
        {
          g_autofree char *line = kith_summary_describe_behind (b, g_ptr_array_index (b->figures, f));
          element (out, "li", NULL, line);
        }
    }
  g_string_append (out, "</ul></div><div>");
  element (out, "h4", NULL, _("What residents say"));
  {
    g_autofree char *line = g_strdup_printf ("%s for this goal's outcomes, among them:", count);
    element (out, "p", "muted", line);
  }
  for (guint i = 0; i < goal->voices->len; i++)
    quote (out, g_ptr_array_index (goal->voices, i));
  g_string_append (out, "</div></div>\n");
}

static void
dimension_badge (GString    *out,
                 const char *dimension)
{
  const char *label = kith_summary_dimension_label (dimension);
  g_autofree char *class = g_strdup_printf ("dim dim-%s", dimension != NULL && dimension[0] != '\0'
                                            && (g_str_equal (dimension, "think") || g_str_equal (dimension, "feel")
                                                || g_str_equal (dimension, "do")) ? dimension : "other");
  element (out, "span", class, label);
}

static void
evidence (GString               *out,
          const KithSummary     *summary,
          const KithSummaryGoal *goal,
          guint                  index)
{
  g_autofree char *chart_id = g_strdup_printf ("c%u-evidence", index);
  gboolean any_gap = FALSE, any_quote = FALSE;

  element (out, "h3", NULL, _("Evidence from residents, by outcome"));
  if (goal->outcomes->len == 0)
    {
      element (out, "p", "note", _("No codes are placed in this goal's outcomes yet."));
      return;
    }
  chart (out, kith_summary_chart_evidence (summary, goal), chart_id);
  g_string_append (out, "<table><thead><tr><th scope=\"col\">Dimension</th><th scope=\"col\">Outcome</th>"
                        "<th scope=\"col\" class=\"n\">Extracts</th><th scope=\"col\" class=\"n\">Documents</th>"
                        "<th scope=\"col\" class=\"n\">People</th><th scope=\"col\">By place (extracts)</th>"
                        "</tr></thead><tbody>");
  for (guint i = 0; i < goal->outcomes->len; i++)
    {
      KithSummaryEvidence *e = g_ptr_array_index (goal->outcomes, i);
      g_string_append (out, "<tr><td>");
      dimension_badge (out, e->dimension);
      g_string_append (out, "</td><th scope=\"row\">");
      text (out, e->label);
      g_string_append_printf (out, "</th><td class=\"n\">%u</td><td class=\"n\">%u</td><td class=\"n\">%u</td>",
                              e->count.n_extracts, e->count.n_documents, e->count.n_people);
      {
        g_autofree char *places = kith_summary_describe_places (e->by_geography);
        element (out, "td", NULL, places);
      }
      g_string_append (out, "</tr>");
      any_gap |= e->gap;
      any_quote |= e->quotes->len > 0;
    }
  g_string_append (out, "</tbody></table>\n");

  if (any_quote)
    {
      element (out, "h3", NULL, _("What residents said"));
      for (guint i = 0; i < goal->outcomes->len; i++)
        {
          KithSummaryEvidence *e = g_ptr_array_index (goal->outcomes, i);
          if (e->quotes->len == 0)
            continue;
          g_string_append (out, "<h4>");
          dimension_badge (out, e->dimension);
          g_string_append (out, " ");
          text (out, e->label);
          g_string_append (out, "</h4>\n");
          for (guint q = 0; q < e->quotes->len; q++)
            quote (out, g_ptr_array_index (e->quotes, q));
        }
    }
  if (any_gap)
    {
      g_autofree char *intro = g_strdup_printf ("Outcomes with fewer than %u coded %s:", summary->thin,
                                                summary->thin == 1 ? "extract" : "extracts");
      element (out, "h3", NULL, _("Evidence gaps"));
      element (out, "p", NULL, intro);
      g_string_append (out, "<ul class=\"gaps\">");
      for (guint i = 0; i < goal->outcomes->len; i++)
        {
          KithSummaryEvidence *e = g_ptr_array_index (goal->outcomes, i);
          g_autofree char *state = NULL;
          if (!e->gap)
            continue;
          state = kith_summary_describe_gap (e);
          g_string_append (out, "<li>");
          dimension_badge (out, e->dimension);
          g_string_append (out, " ");
          text (out, e->label);
          g_string_append (out, ": ");
          text (out, state);
          g_string_append (out, "</li>");
        }
      g_string_append (out, "</ul>\n");
    }
}

static void
goal_section (GString               *out,
              const KithSummary     *summary,
              const KithSummaryGoal *goal,
              guint                  index)
{
  g_autofree char *comparison_id = g_strdup_printf ("c%u-comparison", index);
  gboolean has_key = FALSE;

  g_string_append_printf (out, "<section class=\"goal\" id=\"goal-%u\" aria-labelledby=\"goal-%u-h\">\n", index, index);
  g_string_append_printf (out, "<h2 id=\"goal-%u-h\">", index);
  text (out, goal->label);
  g_string_append (out, "</h2>\n");
  for (guint i = 0; i < goal->barometers->len; i++)
    {
      KithSummaryBarometer *b = g_ptr_array_index (goal->barometers, i);
      if (b->barometer->is_key)
        key_barometer (out, summary, b);
      has_key |= b->barometer->is_key;
    }
  if (!has_key)
    element (out, "p", "note", _("No key barometer has been imported for this goal."));
  chart (out, kith_summary_chart_comparison (summary, goal), comparison_id);
  for (guint i = 0; i < goal->barometers->len; i++)
    {
      KithSummaryBarometer *b = g_ptr_array_index (goal->barometers, i);
      g_autofree char *id = g_strdup_printf ("c%u-local-%u", index, i);
      if (b->barometer->is_key)
        chart (out, kith_summary_chart_locals (summary, b), id);
    }
  supporting_barometers (out, summary, goal);
  for (guint i = 0; i < goal->barometers->len; i++)
    {
      KithSummaryBarometer *b = g_ptr_array_index (goal->barometers, i);
      g_autofree char *id = g_strdup_printf ("c%u-local-%u", index, i);
      if (!b->barometer->is_key)
        chart (out, kith_summary_chart_locals (summary, b), id);
    }
  side_by_side (out, goal);
  evidence (out, summary, goal, index);
  g_string_append (out, "</section>\n");
}

char *
kith_summary_to_html (const KithSummary *summary)
{
  GString *out = g_string_new (NULL);
  g_autofree char *scope = kith_summary_describe_scope (summary);
  g_autofree char *count = kith_summary_describe_count (&summary->count);

  g_string_append (out, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" xml:lang=\"en\">\n<head>\n"
                        "<meta charset=\"utf-8\"/>\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
                        "<meta name=\"generator\" content=\"Kith\"/>\n<title>Evaluation summary: ");
  text (out, summary->project);
  g_string_append_printf (out, "</title>\n<style>%s</style>\n</head>\n<body>\n<header class=\"report\">\n", style);
  element (out, "p", "kicker", _("Evaluation summary"));
  element (out, "h1", NULL, summary->project);
  element (out, "p", "scope", scope);
  g_string_append (out, "<p><strong>Evidence base:</strong> ");
  text (out, count);
  g_string_append (out, ".</p>\n");
  if (summary->by_geography->len > 0)
    {
      g_string_append (out, "<table><caption>Coded evidence by place</caption><thead><tr><th scope=\"col\">Place</th>"
                            "<th scope=\"col\" class=\"n\">Extracts</th><th scope=\"col\" class=\"n\">Documents</th>"
                            "<th scope=\"col\" class=\"n\">People</th></tr></thead><tbody>");
      for (guint i = 0; i < summary->by_geography->len; i++)
        {
          KithSummaryCount *c = g_ptr_array_index (summary->by_geography, i);
          g_string_append (out, "<tr><th scope=\"row\">");
          text (out, c->geography != NULL ? c->geography : "not recorded");
          g_string_append_printf (out, "</th><td class=\"n\">%u</td><td class=\"n\">%u</td><td class=\"n\">%u</td></tr>",
                                  c->n_extracts, c->n_documents, c->n_people);
        }
      g_string_append (out, "</tbody></table>\n");
    }
  if (summary->goals->len > 1)
    {
      g_string_append (out, "<nav aria-label=\"Goals\"><ul>");
      for (guint g = 0; g < summary->goals->len; g++)
        {
          KithSummaryGoal *goal = g_ptr_array_index (summary->goals, g);
          g_string_append_printf (out, "<li><a href=\"#goal-%u\">", g + 1);
          text (out, goal->label);
          g_string_append (out, "</a></li>");
        }
      g_string_append (out, "</ul></nav>\n");
    }
  g_string_append (out, "</header>\n<main>\n");
  if (summary->goals->len == 0)
    element (out, "p", "note", _("There are no barometers and no framework codes in this project yet."));
  for (guint g = 0; g < summary->goals->len; g++)
    goal_section (out, summary, g_ptr_array_index (summary->goals, g), g + 1);
  g_string_append (out, "</main>\n<footer class=\"report\">\n");
  element (out, "p", NULL,
           "How to read this summary. Every figure is shown as its source states it, with where it is stated; "
           "figures that disagree are all shown. Gaps are differences between two figures shown beside them, "
           "in percentage points, and only for percentages; Social Mobility Commission groups are ranks and are "
           "compared, never subtracted. An extract is one coded passage, however many codes or coders mark it; "
           "people are distinct cases, or distinct speakers within a document. Quotes are chosen from different "
           "people, longest first within a length that reads well; a shortened quote ends in “[…]”.");
  {
    g_autofree char *made = g_strdup_printf ("Made with Kith on %s from the project %s.", summary->generated,
                                             summary->project);
    element (out, "p", NULL, made);
  }
  g_string_append (out, "</footer>\n</body>\n</html>\n");
  return g_string_free (out, FALSE);
}
