/* kith-summary-docx.c — an evaluation summary as a Word document
 *
 * For the grant report written in Word: the outline's headings as Word's
 * own heading styles (so the navigation pane and a table of contents work),
 * tables as tables, quotes in the Quote style, and each chart as a PNG drawn
 * by the same code as the HTML's SVG, with its description as alt text.
 * The XML is written with libxml2 and the package with libarchive.
 */
#include <libxml/xmlwriter.h>
#include <string.h>

#include "kith-chart.h"
#include "kith-i18n.h"
#include "kith-summary-outline.h"
#include "kith-zip-writer.h"

#define W_NS "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define R_NS "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define CHART_WIDTH 640.0        /* in the chart's units (px at 96 dpi) */
#define EMU_PER_PX 9525          /* English Metric Units in a 96 dpi pixel */
#define TEXT_WIDTH_TWIPS_N 9072  /* A4 less two 2.5 cm margins, in twentieths of a point */
#define TEXT_WIDTH_TWIPS ((guint) TEXT_WIDTH_TWIPS_N)
#define TWIPS_PER_CHAR 125.0
#define CELL_MARGINS_TWIPS 220.0  /* the table style's 80 each side, and the borders */

typedef struct
{
  xmlTextWriterPtr w;
  GPtrArray       *images;     /* GBytes: word/media/chartN.png, relationship rIdChartN */
} Doc;

static void
start (Doc *d, const char *element)
{
  xmlTextWriterStartElement (d->w, BAD_CAST element);
}

static void
end (Doc *d)
{
  xmlTextWriterEndElement (d->w);
}

static void
attr (Doc *d, const char *name, const char *value)
{
  xmlTextWriterWriteAttribute (d->w, BAD_CAST name, BAD_CAST value);
}

/* <w:r> with @text, bold or italic; line breaks become <w:br/> */
static void
run (Doc *d, const char *text, gboolean bold, gboolean italic)
{
  g_auto(GStrv) lines = NULL;

  if (text == NULL || *text == '\0')
    return;
  start (d, "w:r");
  if (bold || italic)
    {
      start (d, "w:rPr");
      if (bold)
        {
          start (d, "w:b");
          end (d);
        }
      if (italic)
        {
          start (d, "w:i");
          end (d);
        }
      end (d);
    }
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        {
          start (d, "w:br");
          end (d);
        }
      start (d, "w:t");
      attr (d, "xml:space", "preserve");
      xmlTextWriterWriteString (d->w, BAD_CAST lines[i]);
      end (d);
    }
  end (d);
}

static void
paragraph_start (Doc *d, const char *style)
{
  start (d, "w:p");
  if (style != NULL)
    {
      start (d, "w:pPr");
      start (d, "w:pStyle");
      attr (d, "w:val", style);
      end (d);
      end (d);
    }
}

/* A paragraph: an optional bold lead-in, then @text. */
static void
paragraph (Doc *d, const char *style, const char *label, const char *text, gboolean italic)
{
  paragraph_start (d, style);
  if (label != NULL)
    {
      g_autofree char *lead = g_strconcat (label, " ", NULL);
      run (d, lead, TRUE, italic);
    }
  run (d, text, FALSE, italic);
  end (d);
}

static gboolean
is (const KithOutlineNode *node, const char *role)
{
  return g_strcmp0 (node->role, role) == 0;
}

static char *
cell_text (const KithOutlineCell *cell)
{
  return cell->sub != NULL ? g_strdup_printf ("%s (%s)", cell->text, cell->sub) : g_strdup (cell->text);
}

/* A list item: a dimension's items say which (“Think: …”), as the
 * Markdown does. */
static char *
item_text (const KithOutlineCell *cell)
{
  if (g_strcmp0 (cell->style, "dimension") == 0 && cell->dimension != NULL)
    return cell->sub != NULL ? g_strdup_printf ("%s: %s: %s", kith_summary_dimension_label (cell->dimension), cell->text, cell->sub)
                             : g_strdup_printf ("%s: %s", kith_summary_dimension_label (cell->dimension), cell->text);
  return cell->sub != NULL ? g_strdup_printf ("%s (%s)", cell->text, cell->sub) : g_strdup (cell->text);
}

static double
longest_word (const char *text)
{
  glong longest = 0, run = 0;

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      run = g_unichar_isspace (g_utf8_get_char (p)) ? 0 : run + 1;
      longest = MAX (longest, run);
    }
  return (double) longest;
}

/* The columns' widths in twips, shared out by what they hold: a column of
 * names gets more than a column of counts, none less than a short word. */
static guint *
column_widths (const KithOutlineNode *t)
{
  guint n = t->columns->len;
  g_autofree double *weight = g_new0 (double, n);
  guint *widths = g_new0 (guint, n);
  g_autofree double *floor = g_new0 (double, n);

  for (guint c = 0; c < n; c++)
    {
      const char *title = ((KithOutlineColumn *) g_ptr_array_index (t->columns, c))->title;
      weight[c] = g_utf8_strlen (title, -1) * 0.6;
      floor[c] = longest_word (title) + 1.0;   /* a heading never breaks inside a word */
    }
  for (guint r = 0; r < t->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (t->rows, r);
      for (guint c = 0; c < row->len && c < n; c++)
        {
          g_autofree char *text = cell_text (g_ptr_array_index (row, c));
          weight[c] = MAX (weight[c], (double) g_utf8_strlen (text, -1));
          floor[c] = MAX (floor[c], longest_word (text) + 1.0);
        }
    }
  /* each column first gets its longest word (at about 125 twips a
   * character of 11 pt bold Calibri), then the rest of the line in
   * proportion to how much more it holds */
  double floors = 0, extra = 0;
  for (guint c = 0; c < n; c++)
    {
      floor[c] = MIN (floor[c], 20.0) * TWIPS_PER_CHAR + CELL_MARGINS_TWIPS;
      weight[c] = CLAMP (weight[c], 6.0, 40.0) * TWIPS_PER_CHAR;
      floors += floor[c];
      extra += MAX (weight[c] - floor[c], 0.0);
    }
  for (guint c = 0; c < n; c++)
    {
      double w = floors >= TEXT_WIDTH_TWIPS ? floor[c] * TEXT_WIDTH_TWIPS / floors
               : floor[c] + (extra > 0 ? (TEXT_WIDTH_TWIPS - floors) * MAX (weight[c] - floor[c], 0.0) / extra
                                       : (TEXT_WIDTH_TWIPS - floors) / n);
      widths[c] = (guint) w;
    }
  return widths;
}

static void
table_cell (Doc *d, const char *text, gboolean header, gboolean numeric, guint width)
{
  g_autofree char *w = g_strdup_printf ("%u", width);

  start (d, "w:tc");
  start (d, "w:tcPr");
  start (d, "w:tcW");
  attr (d, "w:w", w);
  attr (d, "w:type", "dxa");
  end (d);
  end (d);
  start (d, "w:p");
  if (numeric)
    {
      start (d, "w:pPr");
      start (d, "w:jc");
      attr (d, "w:val", "right");
      end (d);
      end (d);
    }
  run (d, text, header, FALSE);
  end (d);
  end (d);
}

static void
table (Doc *d, const KithOutlineNode *t)
{
  g_autofree guint *widths = column_widths (t);

  if (t->title != NULL)
    paragraph (d, "Caption", NULL, t->title, FALSE);
  start (d, "w:tbl");
  start (d, "w:tblPr");
  start (d, "w:tblStyle");
  attr (d, "w:val", "TableGrid");
  end (d);
  start (d, "w:tblW");
  attr (d, "w:w", G_STRINGIFY (TEXT_WIDTH_TWIPS_N));
  attr (d, "w:type", "dxa");
  end (d);
  end (d);
  /* the grid Word requires */
  start (d, "w:tblGrid");
  for (guint c = 0; c < t->columns->len; c++)
    {
      g_autofree char *w = g_strdup_printf ("%u", widths[c]);

      start (d, "w:gridCol");
      attr (d, "w:w", w);
      end (d);
    }
  end (d);
  /* the header row repeats on every page a table runs over */
  start (d, "w:tr");
  start (d, "w:trPr");
  start (d, "w:tblHeader");
  end (d);
  end (d);
  for (guint c = 0; c < t->columns->len; c++)
    {
      KithOutlineColumn *col = g_ptr_array_index (t->columns, c);
      table_cell (d, col->title, TRUE, col->numeric, widths[c]);
    }
  end (d);
  for (guint r = 0; r < t->rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (t->rows, r);

      start (d, "w:tr");
      for (guint c = 0; c < row->len; c++)
        {
          KithOutlineColumn *col = c < t->columns->len ? g_ptr_array_index (t->columns, c) : NULL;
          g_autofree char *text = cell_text (g_ptr_array_index (row, c));
          table_cell (d, text, col != NULL && col->header, col != NULL && col->numeric,
                      col != NULL ? widths[c] : widths[t->columns->len - 1]);
        }
      end (d);
    }
  end (d);
  paragraph (d, NULL, NULL, NULL, FALSE);   /* Word needs a paragraph between two tables */
}

static void
list (Doc *d, const KithOutlineNode *l)
{
  if (l->title != NULL)
    {
      g_autofree char *title = g_strdup_printf ("%s:", l->title);
      paragraph (d, NULL, NULL, title, FALSE);
    }
  for (guint r = 0; r < l->rows->len; r++)
    {
      g_autofree char *text = item_text (g_ptr_array_index ((GPtrArray *) g_ptr_array_index (l->rows, r), 0));
      paragraph (d, "ListBullet", NULL, text, FALSE);
    }
}

static void
quote (Doc *d, const KithOutlineNode *node)
{
  const KithSummaryQuote *q = node->quote;
  g_autofree char *words = g_strdup_printf ("“%s”", q->text);
  g_autofree char *who = node->text != NULL ? g_strdup_printf ("— %s (%s)", q->attribution, node->text)
                                            : g_strdup_printf ("— %s", q->attribution);

  paragraph_start (d, "Quote");
  run (d, words, FALSE, FALSE);
  end (d);
  paragraph (d, "QuoteAttribution", NULL, who, FALSE);
}

static void
figure (Doc *d, const KithOutlineNode *f)
{
  /* Translators: where a barometer figure is stated */
  g_autofree char *source = g_strdup_printf (_("Source: %s."), f->source);
  g_autofree char *lead = g_strdup_printf ("%s: %s", f->place, f->value);
  g_autofree char *rest = f->compared != NULL ? g_strdup_printf (", %s. %s", f->compared, source)
                                              : g_strdup_printf (". %s", source);

  paragraph_start (d, "ListBullet");
  run (d, lead, TRUE, FALSE);
  run (d, rest, FALSE, FALSE);
  end (d);
}

/* The chart as an inline picture, its description the alt text. */
static void
chart (Doc *d, const KithOutlineNode *node)
{
  GBytes *png = kith_chart_to_png (node->chart, CHART_WIDTH, 2.0);
  g_autofree char *description = kith_chart_describe (node->chart);
  guint n = d->images->len + 1;
  g_autofree char *rid = g_strdup_printf ("rIdChart%u", n);
  g_autofree char *id = g_strdup_printf ("%u", n);
  g_autofree char *name = g_strdup_printf ("Chart %u", n);
  g_autofree char *cx = g_strdup_printf ("%ld", (long) (CHART_WIDTH * EMU_PER_PX));
  g_autofree char *cy = g_strdup_printf ("%ld", (long) (kith_chart_get_height (node->chart) * EMU_PER_PX));

  g_ptr_array_add (d->images, png);
  paragraph_start (d, NULL);
  start (d, "w:r");
  start (d, "w:drawing");
  start (d, "wp:inline");
  start (d, "wp:extent"); attr (d, "cx", cx); attr (d, "cy", cy); end (d);
  start (d, "wp:docPr"); attr (d, "id", id); attr (d, "name", name); attr (d, "descr", description); end (d);
  start (d, "a:graphic");
  xmlTextWriterWriteAttribute (d->w, BAD_CAST "xmlns:a", BAD_CAST "http://schemas.openxmlformats.org/drawingml/2006/main");
  start (d, "a:graphicData");
  attr (d, "uri", "http://schemas.openxmlformats.org/drawingml/2006/picture");
  start (d, "pic:pic");
  xmlTextWriterWriteAttribute (d->w, BAD_CAST "xmlns:pic", BAD_CAST "http://schemas.openxmlformats.org/drawingml/2006/picture");
  start (d, "pic:nvPicPr");
  start (d, "pic:cNvPr"); attr (d, "id", id); attr (d, "name", name); attr (d, "descr", description); end (d);
  start (d, "pic:cNvPicPr"); end (d);
  end (d);
  start (d, "pic:blipFill");
  start (d, "a:blip"); attr (d, "r:embed", rid); end (d);
  start (d, "a:stretch"); start (d, "a:fillRect"); end (d); end (d);
  end (d);
  start (d, "pic:spPr");
  start (d, "a:xfrm");
  start (d, "a:off"); attr (d, "x", "0"); attr (d, "y", "0"); end (d);
  start (d, "a:ext"); attr (d, "cx", cx); attr (d, "cy", cy); end (d);
  end (d);
  start (d, "a:prstGeom"); attr (d, "prst", "rect"); start (d, "a:avLst"); end (d); end (d);
  end (d);
  end (d);   /* pic:pic */
  end (d);   /* a:graphicData */
  end (d);   /* a:graphic */
  end (d);   /* wp:inline */
  end (d);   /* w:drawing */
  end (d);   /* w:r */
  end (d);   /* w:p */
  if (kith_chart_get_title (node->chart) != NULL)
    paragraph (d, "Caption", NULL, kith_chart_get_title (node->chart), FALSE);
}

static void node_out (Doc *d, const KithOutlineNode *node);

static void
children (Doc *d, const KithOutlineNode *node)
{
  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    node_out (d, g_ptr_array_index (node->children, i));
}

static void
section (Doc *d, const KithOutlineNode *s)
{
  if (is (s, "key-barometer"))
    {
      g_autofree char *title = g_strdup_printf ("%s: %s", s->label, s->title);
      paragraph (d, "Heading2", NULL, title, FALSE);
      for (guint i = 0; i < s->children->len; i++)
        {
          KithOutlineNode *child = g_ptr_array_index (s->children, i);
          if (is (child, "unit"))
            paragraph (d, NULL, NULL, child->text, TRUE);
          else if (child->kind == KITH_OUTLINE_PARAGRAPH)
            {
              paragraph_start (d, "ListBullet");
              if (child->label != NULL)
                {
                  g_autofree char *lead = g_strconcat (child->label, " ", NULL);
                  run (d, lead, TRUE, FALSE);
                }
              run (d, child->text, FALSE, FALSE);
              end (d);
            }
          else
            node_out (d, child);
        }
      return;
    }
  if (s->level >= 4)
    {
      if (is (s, "outcome-quotes"))
        {
          g_autofree char *title = g_strdup_printf ("%s: %s", kith_summary_dimension_label (s->dimension), s->title);
          paragraph (d, "Heading3", NULL, title, FALSE);
        }
    }
  else
    {
      g_autofree char *style = g_strdup_printf ("Heading%u", MAX (s->level, 2) - 1);
      paragraph (d, style, NULL, s->title, FALSE);
    }
  children (d, s);
}

static void
node_out (Doc *d, const KithOutlineNode *node)
{
  switch (node->kind)
    {
    case KITH_OUTLINE_SECTION:
      section (d, node);
      break;
    case KITH_OUTLINE_PARAGRAPH:
      paragraph (d, NULL, node->label, node->text, is (node, "note"));
      break;
    case KITH_OUTLINE_TABLE:
      table (d, node);
      break;
    case KITH_OUTLINE_LIST:
      list (d, node);
      break;
    case KITH_OUTLINE_QUOTE:
      quote (d, node);
      break;
    case KITH_OUTLINE_FIGURE:
      figure (d, node);
      break;
    case KITH_OUTLINE_CHART:
      chart (d, node);
      break;
    }
}

static char *
document_xml (const KithOutlineNode *root, Doc *d)
{
  xmlBufferPtr buffer = xmlBufferCreate ();
  char *xml;

  d->w = xmlNewTextWriterMemory (buffer, 0);
  xmlTextWriterStartDocument (d->w, NULL, "UTF-8", "yes");
  start (d, "w:document");
  xmlTextWriterWriteAttribute (d->w, BAD_CAST "xmlns:w", BAD_CAST W_NS);
  xmlTextWriterWriteAttribute (d->w, BAD_CAST "xmlns:r", BAD_CAST R_NS);
  xmlTextWriterWriteAttribute (d->w, BAD_CAST "xmlns:wp",
                               BAD_CAST "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing");
  start (d, "w:body");
  paragraph (d, "Title", NULL, root->text, FALSE);
  for (guint i = 0; i < root->children->len; i++)
    {
      KithOutlineNode *child = g_ptr_array_index (root->children, i);

      if (is (child, "scope"))
        {
          /* Translators: %s is a date */
          g_autofree char *made = g_strdup_printf (_("Made with Kith on %s."), root->value);
          g_autofree char *text = g_strdup_printf ("%s %s", made, child->text);
          paragraph (d, "Subtitle", NULL, text, FALSE);
        }
      else if (!is (child, "how-to-read") && !is (child, "made") && !is (child, "empty"))
        node_out (d, child);
    }
  /* A4, 2.5 cm margins */
  start (d, "w:sectPr");
  start (d, "w:pgSz"); attr (d, "w:w", "11906"); attr (d, "w:h", "16838"); end (d);
  start (d, "w:pgMar"); attr (d, "w:top", "1417"); attr (d, "w:right", "1417"); attr (d, "w:bottom", "1417");
  attr (d, "w:left", "1417"); attr (d, "w:header", "708"); attr (d, "w:footer", "708"); attr (d, "w:gutter", "0"); end (d);
  end (d);
  end (d);   /* w:body */
  end (d);   /* w:document */
  xmlTextWriterEndDocument (d->w);
  xmlFreeTextWriter (d->w);
  d->w = NULL;
  xml = g_strdup ((const char *) xmlBufferContent (buffer));
  xmlBufferFree (buffer);
  return xml;
}

static const char styles_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<w:styles xmlns:w=\"" W_NS "\">"
  "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Calibri\" w:hAnsi=\"Calibri\" w:cs=\"Calibri\"/>"
  "<w:sz w:val=\"22\"/><w:lang w:val=\"en-GB\"/></w:rPr></w:rPrDefault>"
  "<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
  "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
  "<w:pPr><w:spacing w:after=\"240\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"48\"/><w:color w:val=\"1F2937\"/></w:rPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"Subtitle\"><w:name w:val=\"Subtitle\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>"
  "<w:rPr><w:i/><w:color w:val=\"4B5563\"/></w:rPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
  "<w:pPr><w:keepNext/><w:spacing w:before=\"360\" w:after=\"120\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"36\"/><w:color w:val=\"1F2937\"/></w:rPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
  "<w:pPr><w:keepNext/><w:spacing w:before=\"240\" w:after=\"80\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"28\"/><w:color w:val=\"1F2937\"/></w:rPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"Heading3\"><w:name w:val=\"heading 3\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
  "<w:pPr><w:keepNext/><w:spacing w:before=\"200\" w:after=\"60\"/><w:outlineLvl w:val=\"2\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"24\"/></w:rPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"Quote\"><w:name w:val=\"Quote\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"QuoteAttribution\"/><w:qFormat/>"
  "<w:pPr><w:keepNext/><w:ind w:left=\"567\" w:right=\"567\"/><w:spacing w:after=\"40\"/></w:pPr><w:rPr><w:i/><w:color w:val=\"374151\"/></w:rPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"QuoteAttribution\"><w:name w:val=\"Quote Attribution\"/><w:basedOn w:val=\"Normal\"/>"
  "<w:pPr><w:ind w:left=\"567\"/><w:spacing w:after=\"200\"/></w:pPr><w:rPr><w:sz w:val=\"20\"/><w:color w:val=\"4B5563\"/></w:rPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"ListBullet\"><w:name w:val=\"List Bullet\"/><w:basedOn w:val=\"Normal\"/>"
  "<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr><w:ind w:left=\"360\" w:hanging=\"360\"/><w:spacing w:after=\"60\"/></w:pPr></w:style>"
  "<w:style w:type=\"paragraph\" w:styleId=\"Caption\"><w:name w:val=\"caption\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>"
  "<w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/><w:sz w:val=\"20\"/><w:color w:val=\"374151\"/></w:rPr></w:style>"
  "<w:style w:type=\"table\" w:styleId=\"TableGrid\"><w:name w:val=\"Table Grid\"/><w:tblPr><w:tblBorders>"
  "<w:top w:val=\"single\" w:sz=\"4\" w:color=\"9CA3AF\"/><w:left w:val=\"single\" w:sz=\"4\" w:color=\"9CA3AF\"/>"
  "<w:bottom w:val=\"single\" w:sz=\"4\" w:color=\"9CA3AF\"/><w:right w:val=\"single\" w:sz=\"4\" w:color=\"9CA3AF\"/>"
  "<w:insideH w:val=\"single\" w:sz=\"4\" w:color=\"9CA3AF\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:color=\"9CA3AF\"/>"
  "</w:tblBorders><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr>"
  "<w:pPr><w:spacing w:after=\"0\"/></w:pPr></w:style>"
  "</w:styles>";

static const char numbering_xml[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<w:numbering xmlns:w=\"" W_NS "\">"
  "<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/>"
  "<w:lvlText w:val=\"•\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"360\" w:hanging=\"360\"/></w:pPr></w:lvl></w:abstractNum>"
  "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
  "</w:numbering>";

static char *
content_types (void)
{
  return g_strdup (
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Default Extension=\"png\" ContentType=\"image/png\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "</Types>");
}

static const char package_rels[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
  "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
  "</Relationships>";

static char *
document_rels (guint n_images)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                               "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                               "<Relationship Id=\"rIdStyles\" Type=\"" R_NS "/styles\" Target=\"styles.xml\"/>"
                               "<Relationship Id=\"rIdNumbering\" Type=\"" R_NS "/numbering\" Target=\"numbering.xml\"/>");

  for (guint i = 1; i <= n_images; i++)
    g_string_append_printf (xml, "<Relationship Id=\"rIdChart%u\" Type=\"" R_NS "/image\" Target=\"media/chart%u.png\"/>", i, i);
  g_string_append (xml, "</Relationships>");
  return g_string_free (xml, FALSE);
}

static char *
core_xml (const char *title)
{
  g_autofree char *escaped = g_markup_escape_text (title != NULL ? title : "", -1);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");

  return g_strdup_printf (
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
    "<dc:title>%s</dc:title><dc:creator>Kith</dc:creator>"
    "<dcterms:created xsi:type=\"dcterms:W3CDTF\">%s</dcterms:created></cp:coreProperties>", escaped, when);
}

GBytes *
kith_summary_to_docx (const KithSummary  *summary,
                      GError            **error)
{
  g_autoptr(KithOutlineNode) root = kith_summary_outline_build (summary);
  Doc d = { NULL, g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref) };
  g_autofree char *document = document_xml (root, &d);
  g_autofree char *types = content_types ();
  g_autofree char *rels = document_rels (d.images->len);
  g_autofree char *core = core_xml (root->text);
  KithZipWriter *zip = kith_zip_writer_new ();
  gboolean ok;

  ok = kith_zip_writer_add (zip, "[Content_Types].xml", types, -1, error)
       && kith_zip_writer_add (zip, "_rels/.rels", package_rels, -1, error)
       && kith_zip_writer_add (zip, "word/document.xml", document, -1, error)
       && kith_zip_writer_add (zip, "word/_rels/document.xml.rels", rels, -1, error)
       && kith_zip_writer_add (zip, "word/styles.xml", styles_xml, -1, error)
       && kith_zip_writer_add (zip, "word/numbering.xml", numbering_xml, -1, error)
       && kith_zip_writer_add (zip, "docProps/core.xml", core, -1, error);
  for (guint i = 0; ok && i < d.images->len; i++)
    {
      GBytes *png = g_ptr_array_index (d.images, i);
      g_autofree char *name = g_strdup_printf ("word/media/chart%u.png", i + 1);
      ok = kith_zip_writer_add (zip, name, g_bytes_get_data (png, NULL), (gssize) g_bytes_get_size (png), error);
    }
  g_ptr_array_unref (d.images);
  if (!ok)
    {
      kith_zip_writer_free (zip);
      return NULL;
    }
  return kith_zip_writer_finish (zip, error);
}
