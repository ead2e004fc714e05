/* kith-summary-md.c — an evaluation summary as Markdown, to paste into a
 * grant report: the outline's headings, short tables, block quotes */
#include <string.h>

#include "kith-i18n.h"
#include "kith-summary-outline.h"
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

static gboolean
is (const KithOutlineNode *node,
    const char            *role)
{
  return g_strcmp0 (node->role, role) == 0;
}

static void
append_cell (GString               *out,
             const KithOutlineCell *cell)
{
  append_text (out, cell->text);
  if (cell->sub != NULL)
    {
      g_string_append (out, " (");
      append_text (out, cell->sub);
      g_string_append_c (out, ')');
    }
}

static void
append_table (GString               *out,
              const KithOutlineNode *table)
{
  g_string_append (out, "|");
  for (guint c = 0; c < table->columns->len; c++)
    {
      g_string_append_c (out, ' ');
      append_text (out, ((KithOutlineColumn *) g_ptr_array_index (table->columns, c))->title);
      g_string_append (out, " |");
    }
  g_string_append (out, "\n|");
  for (guint c = 0; c < table->columns->len; c++)
    g_string_append (out, ((KithOutlineColumn *) g_ptr_array_index (table->columns, c))->numeric ? "--:|" : "---|");
  g_string_append_c (out, '\n');
  for (guint r = 0; r < table->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (table->rows, r);
      g_string_append (out, "|");
      for (guint c = 0; c < row->len; c++)
        {
          g_string_append_c (out, ' ');
          append_cell (out, g_ptr_array_index (row, c));
          g_string_append (out, " |");
        }
      g_string_append_c (out, '\n');
    }
  g_string_append_c (out, '\n');
}

/* “- item” lines; a titled list is introduced by its title. */
static void
append_items (GString               *out,
              const KithOutlineNode *list)
{
  for (guint r = 0; r < list->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (list->rows, r);
      KithOutlineCell *item = g_ptr_array_index (row, 0);
      g_string_append (out, "- ");
      if (g_strcmp0 (item->style, "dimension") == 0)
        {
          append_text (out, kith_summary_dimension_label (item->dimension));
          g_string_append (out, ": ");
        }
      append_text (out, item->text);
      if (item->sub != NULL)
        {
          g_string_append (out, ": ");
          append_text (out, item->sub);
        }
      g_string_append_c (out, '\n');
    }
}

static void
append_quote (GString                *out,
              const KithSummaryQuote *q,
              const char             *mark)
{
  g_string_append (out, "> “");
  append_text (out, q->text);
  g_string_append (out, "”\n> — ");
  append_text (out, q->attribution);
  if (mark != NULL)
    {
      g_string_append (out, " (");
      append_text (out, mark);
      g_string_append_c (out, ')');
    }
  g_string_append (out, "\n\n");
}

static void
append_figure (GString               *out,
               const KithOutlineNode *figure)
{
  /* Translators: where a barometer figure is stated */
  g_autofree char *source = g_strdup_printf (_("Source: %s."), figure->source);

  g_string_append (out, "- **");
  append_text (out, figure->place);
  g_string_append_printf (out, ": %s**", figure->value);
  if (figure->compared != NULL)
    {
      g_string_append (out, ", ");
      append_text (out, figure->compared);
    }
  g_string_append (out, ". ");
  append_text (out, source);
  g_string_append_c (out, '\n');
}

/* A key barometer: its unit, then every figure and remark as one list. */
static void
append_card (GString               *out,
             const KithOutlineNode *card)
{
  g_string_append (out, "### ");
  append_text (out, card->label);
  g_string_append (out, ": ");
  append_text (out, card->title);
  g_string_append (out, "\n\n");
  for (guint i = 0; i < card->children->len; i++)
    {
      KithOutlineNode *child = g_ptr_array_index (card->children, i);
      if (is (child, "unit"))
        {
          g_string_append_c (out, '*');
          append_text (out, child->text);
          g_string_append (out, "*\n\n");
        }
      else if (child->kind == KITH_OUTLINE_FIGURE)
        append_figure (out, child);
      else if (child->kind == KITH_OUTLINE_LIST)
        append_items (out, child);
      else
        {
          g_string_append (out, "- ");
          if (child->label != NULL)
            {
              g_string_append (out, "**");
              append_text (out, child->label);
              g_string_append (out, "** ");
            }
          append_text (out, child->text);
          g_string_append_c (out, '\n');
        }
    }
  g_string_append_c (out, '\n');
}

static void append_node (GString *out, const KithOutlineNode *node);

static void
append_children (GString               *out,
                 const KithOutlineNode *node)
{
  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    append_node (out, g_ptr_array_index (node->children, i));
}

static void
append_section (GString               *out,
                const KithOutlineNode *section)
{
  if (is (section, "key-barometer"))
    {
      append_card (out, section);
      return;
    }
  if (section->level == 4)
    {
      /* the side-by-side's halves run on; an outcome's quotes get a bold title */
      if (is (section, "outcome-quotes"))
        {
          g_string_append_printf (out, "**%s: ", kith_summary_dimension_label (section->dimension));
          append_text (out, section->title);
          g_string_append (out, "**\n\n");
        }
    }
  else
    {
      g_string_append_printf (out, "%.*s ", (int) section->level, "####");
      append_text (out, section->title);
      g_string_append (out, "\n\n");
    }
  append_children (out, section);
}

static void
append_paragraph (GString               *out,
                  const KithOutlineNode *p)
{
  if (is (p, "note"))
    g_string_append_c (out, '*');
  if (p->label != NULL)
    {
      g_string_append (out, "**");
      append_text (out, p->label);
      g_string_append (out, "** ");
    }
  append_text (out, p->text);
  if (is (p, "note"))
    g_string_append_c (out, '*');
  g_string_append (out, "\n\n");
}

static void
append_node (GString               *out,
             const KithOutlineNode *node)
{
  switch (node->kind)
    {
    case KITH_OUTLINE_SECTION:
      append_section (out, node);
      break;
    case KITH_OUTLINE_PARAGRAPH:
      append_paragraph (out, node);
      break;
    case KITH_OUTLINE_TABLE:
      if (node->title != NULL)
        {
          g_string_append (out, "**");
          append_text (out, node->title);
          g_string_append (out, "**\n\n");
        }
      append_table (out, node);
      break;
    case KITH_OUTLINE_LIST:
      if (node->title != NULL)
        {
          append_text (out, node->title);
          g_string_append (out, ":\n\n");
        }
      append_items (out, node);
      g_string_append_c (out, '\n');
      break;
    case KITH_OUTLINE_QUOTE:
      append_quote (out, node->quote, node->text);
      break;
    case KITH_OUTLINE_FIGURE:
      append_figure (out, node);
      break;
    case KITH_OUTLINE_CHART:
      break;   /* the figures are in the tables beside it */
    }
}

char *
kith_summary_to_markdown (const KithSummary *summary)
{
  g_autoptr(KithOutlineNode) root = kith_summary_outline_build (summary);
  GString *out = g_string_new (NULL);

  g_string_append (out, "# ");
  append_text (out, root->text);
  g_string_append (out, "\n\n");
  for (guint i = 0; i < root->children->len; i++)
    {
      KithOutlineNode *child = g_ptr_array_index (root->children, i);
      if (is (child, "scope"))
        {
          /* Translators: %s is a date */
          g_autofree char *made = g_strdup_printf (_("Made with Kith on %s."), root->value);
          g_string_append_c (out, '*');
          append_text (out, made);
          g_string_append (out, "* ");
          append_text (out, child->text);
          g_string_append (out, "\n\n");
        }
      else if (!is (child, "how-to-read") && !is (child, "made") && !is (child, "empty"))
        append_node (out, child);
    }
  return g_string_free (out, FALSE);
}
