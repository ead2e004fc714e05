/* kith-summary-html.c — an evaluation summary as one self-contained page
 *
 * Inline CSS, charts as inline SVG drawn by kith-chart.c, no script and no
 * outside resource: the file can be mailed, archived or printed as it is.
 * The markup is also well-formed XML (polyglot HTML), so that any XML tool
 * can check it.
 */
#include <string.h>

#include "kith-i18n.h"
#include "kith-summary-outline.h"
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
  "td.gap{color:var(--muted)}"
  ".sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}"
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
  ".shared{font-style:italic}"
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

static gboolean
is (const KithOutlineNode *node,
    const char            *role)
{
  return g_strcmp0 (node->role, role) == 0;
}

static void
chart (GString               *out,
       const KithOutlineNode *node)
{
  g_autofree char *prefix = g_strdup_printf ("%s-", node->id);
  g_autofree char *svg = kith_chart_to_svg (node->chart, CHART_WIDTH, prefix);

  g_string_append (out, "<figure class=\"chart\">");
  g_string_append (out, svg);
  element (out, "figcaption", NULL, kith_chart_get_title (node->chart));
  g_string_append (out, "</figure>\n");
}

static void
figure_block (GString               *out,
              const KithOutlineNode *figure)
{
  g_string_append_printf (out, "<div class=\"%s\">", is (figure, "comparator") ? "figure comparator" : "figure");
  element (out, "span", "value", figure->value);
  element (out, "span", "place", figure->place);
  if (figure->compared != NULL)
    element (out, "span", kith_outline_comparison_style (figure->comparison), figure->compared);
  element (out, "span", "source", figure->source);
  g_string_append (out, "</div>");
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
       const KithSummaryQuote *q,
       const char             *mark)
{
  g_string_append_printf (out, "<figure class=\"quote\" data-coding=\"%" G_GINT64_FORMAT "\"><blockquote><p%s>“",
                          q->coding_id, has_latin (q->text) ? "" : " dir=\"auto\"");
  text (out, q->text);
  g_string_append (out, "”</p></blockquote><figcaption>— ");
  text (out, q->attribution);
  if (mark != NULL)
    {
      g_string_append (out, " <span class=\"shared\">(");
      text (out, mark);
      g_string_append (out, ")</span>");
    }
  g_string_append (out, "</figcaption></figure>\n");
}

static const char *
paragraph_class (const KithOutlineNode *p)
{
  if (is (p, "unit") || is (p, "voices-intro") || is (p, "goal-count"))
    return "muted";
  if (is (p, "note") || is (p, "not-compared"))
    return "note";
  if (is (p, "scope"))
    return "scope";
  return NULL;
}

static void
paragraph (GString               *out,
           const KithOutlineNode *p)
{
  if (is (p, "conflict"))
    g_string_append (out, "<p class=\"conflict\" role=\"note\">");
  else if (p->label != NULL)
    g_string_append (out, "<p>");
  if (p->label != NULL)
    {
      g_string_append (out, "<strong>");
      text (out, p->label);
      g_string_append (out, "</strong> ");
    }
  if (p->label != NULL || is (p, "conflict"))
    {
      text (out, p->text);
      g_string_append (out, "</p>");
    }
  else
    element (out, "p", paragraph_class (p), p->text);
  if (p->label != NULL && !is (p, "conflict"))
    g_string_append_c (out, '\n');
}

static void
table (GString               *out,
       const KithOutlineNode *t)
{
  g_string_append (out, "<table>");
  if (t->title != NULL)
    element (out, "caption", NULL, t->title);
  g_string_append (out, "<thead><tr>");
  for (guint c = 0; c < t->columns->len; c++)
    {
      KithOutlineColumn *column = g_ptr_array_index (t->columns, c);
      g_string_append (out, column->numeric ? "<th scope=\"col\" class=\"n\">" : "<th scope=\"col\">");
      text (out, column->title);
      g_string_append (out, "</th>");
    }
  g_string_append (out, "</tr></thead><tbody>");
  for (guint r = 0; r < t->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (t->rows, r);
      g_string_append (out, "<tr>");
      for (guint c = 0; c < row->len; c++)
        {
          KithOutlineColumn *column = g_ptr_array_index (t->columns, c);
          KithOutlineCell *cell = g_ptr_array_index (row, c);

          if (column->header)
            {
              g_string_append (out, "<th scope=\"row\">");
              text (out, cell->text);
              if (cell->sub != NULL)
                {
                  g_string_append (out, "<br/><span class=\"muted unit\">");
                  text (out, cell->sub);
                  g_string_append (out, "</span>");
                }
              g_string_append (out, "</th>");
            }
          else if (g_strcmp0 (cell->style, "dimension") == 0)
            {
              g_string_append (out, "<td>");
              dimension_badge (out, cell->dimension);
              g_string_append (out, "</td>");
            }
          else if (g_strcmp0 (cell->style, "gap") == 0)
            {
              /* no evidence here: a muted dash that says so to a screen reader */
              g_string_append_printf (out, "<td class=\"%s gap\"><span aria-hidden=\"true\">", column->numeric ? "n" : "");
              text (out, cell->text);
              g_string_append (out, "</span><span class=\"sr\">");
              text (out, _("none"));
              g_string_append (out, "</span></td>");
            }
          else
            element (out, "td", column->numeric ? "n" : cell->style, cell->text);
        }
      g_string_append (out, "</tr>");
    }
  g_string_append (out, "</tbody></table>\n");
}

static void
list (GString               *out,
      const KithOutlineNode *l)
{
  if (is (l, "linked"))
    {
      /* a remark each, under the barometer it belongs to */
      for (guint r = 0; r < l->rows->len; r++)
        {
          GPtrArray *row = g_ptr_array_index (l->rows, r);
          element (out, "p", NULL, ((KithOutlineCell *) g_ptr_array_index (row, 0))->text);
        }
      return;
    }
  if (l->title != NULL)
    element (out, "h3", NULL, l->title);
  g_string_append (out, is (l, "gaps") ? "<ul class=\"gaps\">" : "<ul>");
  for (guint r = 0; r < l->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (l->rows, r);
      KithOutlineCell *item = g_ptr_array_index (row, 0);

      if (g_strcmp0 (item->style, "dimension") != 0 && item->sub == NULL)
        {
          element (out, "li", NULL, item->text);
          continue;
        }
      g_string_append (out, "<li>");
      if (g_strcmp0 (item->style, "dimension") == 0)
        {
          dimension_badge (out, item->dimension);
          g_string_append (out, " ");
        }
      text (out, item->text);
      if (item->sub != NULL)
        {
          g_string_append (out, ": ");
          text (out, item->sub);
        }
      g_string_append (out, "</li>");
    }
  g_string_append (out, is (l, "gaps") || l->title != NULL ? "</ul>\n" : "</ul>");
}

static void node (GString *out, const KithOutlineNode *n);

static void
children (GString               *out,
          const KithOutlineNode *n)
{
  for (guint i = 0; n->children != NULL && i < n->children->len; i++)
    node (out, g_ptr_array_index (n->children, i));
}

/* A key barometer's card: its figures side by side, then its remarks. */
static void
card (GString               *out,
      const KithOutlineNode *c)
{
  g_string_append (out, "<div class=\"card\">");
  element (out, "h3", NULL, c->label);
  element (out, "p", "name", c->title);
  for (guint pass = 0; pass < 3; pass++)
    {
      if (pass == 1)
        g_string_append (out, "<div class=\"figures\">");
      for (guint i = 0; i < c->children->len; i++)
        {
          KithOutlineNode *child = g_ptr_array_index (c->children, i);
          gboolean first = is (child, "unit"), figures = child->kind == KITH_OUTLINE_FIGURE;
          if (pass == 0 ? first : pass == 1 ? figures : !first && !figures)
            node (out, child);
        }
      if (pass == 1)
        g_string_append (out, "</div>");
    }
  g_string_append (out, "</div>\n");
}

static void
section (GString               *out,
         const KithOutlineNode *s)
{
  if (is (s, "key-barometer"))
    card (out, s);
  else if (is (s, "goal"))
    {
      g_string_append_printf (out, "<section class=\"goal\" id=\"goal-%u\" aria-labelledby=\"goal-%u-h\">\n",
                              s->index, s->index);
      g_string_append_printf (out, "<h2 id=\"goal-%u-h\">", s->index);
      text (out, s->title);
      g_string_append (out, "</h2>\n");
      children (out, s);
      g_string_append (out, "</section>\n");
    }
  else if (is (s, "side-by-side"))
    {
      element (out, "h3", NULL, s->title);
      g_string_append (out, "<div class=\"beside\">");
      children (out, s);
      g_string_append (out, "</div>\n");
    }
  else if (is (s, "numbers") || is (s, "voices"))
    {
      g_string_append (out, "<div>");
      element (out, "h4", NULL, s->title);
      children (out, s);
      g_string_append (out, "</div>");
    }
  else if (s->dimension != NULL || is (s, "outcome-quotes"))
    {
      g_string_append (out, "<h4>");
      dimension_badge (out, s->dimension);
      g_string_append (out, " ");
      text (out, s->title);
      g_string_append (out, "</h4>\n");
      children (out, s);
    }
  else
    {
      g_autofree char *tag = g_strdup_printf ("h%u", MIN (s->level, 6));
      element (out, tag, NULL, s->title);
      children (out, s);
    }
}

static void
node (GString               *out,
      const KithOutlineNode *n)
{
  switch (n->kind)
    {
    case KITH_OUTLINE_SECTION:
      section (out, n);
      break;
    case KITH_OUTLINE_PARAGRAPH:
      paragraph (out, n);
      break;
    case KITH_OUTLINE_FIGURE:
      figure_block (out, n);
      break;
    case KITH_OUTLINE_TABLE:
      table (out, n);
      break;
    case KITH_OUTLINE_LIST:
      list (out, n);
      break;
    case KITH_OUTLINE_CHART:
      chart (out, n);
      break;
    case KITH_OUTLINE_QUOTE:
      quote (out, n->quote, n->text);
      break;
    }
}

static gboolean
in_footer (const KithOutlineNode *n)
{
  return is (n, "how-to-read") || is (n, "made");
}

/* The language the summary's words are in, for screen readers and
 * hyphenation: what the translation says it is, or English when it says
 * nothing a browser would take (a translator's slip must not break the
 * page). */
static const char *
language_tag (void)
{
  /* TRANSLATORS: the BCP 47 tag of the language you translate into (“de”,
   * “pt-BR”, “cy”): the HTML summary says it is written in this language. */
  const char *tag = C_("language tag", "en");

  if (*tag == '\0' || strlen (tag) > 35)
    return "en";
  for (const char *p = tag; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return "en";
  return tag;
}

char *
kith_summary_to_html (const KithSummary *summary)
{
  g_autoptr(KithOutlineNode) root = kith_summary_outline_build (summary);
  GString *out = g_string_new (NULL);
  guint n_goals = 0;

  g_string_append_printf (out, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"%s\" xml:lang=\"%s\">\n<head>\n",
                          language_tag (), language_tag ());
  g_string_append (out, "<meta charset=\"utf-8\"/>\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
                        "<meta name=\"generator\" content=\"Kith\"/>\n<title>");
  text (out, root->text);
  g_string_append_printf (out, "</title>\n<style>%s</style>\n</head>\n<body>\n<header class=\"report\">\n", style);
  element (out, "p", "kicker", root->label);
  element (out, "h1", NULL, root->title);
  for (guint i = 0; i < root->children->len; i++)
    {
      KithOutlineNode *child = g_ptr_array_index (root->children, i);
      if (child->kind != KITH_OUTLINE_SECTION && !in_footer (child) && !is (child, "empty"))
        node (out, child);
      n_goals += is (child, "goal");
    }
  if (n_goals > 1)
    {
      g_string_append (out, "<nav aria-label=\"");
      /* Translators: what a screen reader calls the list of links to the summary's goals */
      text (out, _("Goals"));
      g_string_append (out, "\"><ul>");
      for (guint i = 0; i < root->children->len; i++)
        {
          KithOutlineNode *child = g_ptr_array_index (root->children, i);
          if (!is (child, "goal"))
            continue;
          g_string_append_printf (out, "<li><a href=\"#goal-%u\">", child->index);
          text (out, child->title);
          g_string_append (out, "</a></li>");
        }
      g_string_append (out, "</ul></nav>\n");
    }
  g_string_append (out, "</header>\n<main>\n");
  for (guint i = 0; i < root->children->len; i++)
    {
      KithOutlineNode *child = g_ptr_array_index (root->children, i);
      if (child->kind == KITH_OUTLINE_SECTION || is (child, "empty"))
        node (out, child);
    }
  g_string_append (out, "</main>\n<footer class=\"report\">\n");
  for (guint i = 0; i < root->children->len; i++)
    {
      KithOutlineNode *child = g_ptr_array_index (root->children, i);
      if (in_footer (child))
        node (out, child);
    }
  g_string_append (out, "</footer>\n</body>\n</html>\n");
  return g_string_free (out, FALSE);
}
