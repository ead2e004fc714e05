/* kith-chart.c */
#include <cairo-svg.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <string.h>

#include "kith-chart.h"

#define FONT          "DejaVu Sans"
#define FONT_SIZE     13.0
#define SMALL_SIZE    12.0
#define PAD           8.0
#define ROW           26.0
#define BAR           16.0
#define HEADING_ROW   28.0
#define MARK_ROW      20.0
#define AXIS_ROW      22.0

typedef struct
{
  char          *label;
  double         value;
  char          *value_text;
  KithChartTone  tone;
  gboolean       heading;
} Bar;

typedef struct
{
  double         value;
  char          *label;
  KithChartTone  tone;
} Mark;

struct _KithChart
{
  char      *title;
  double     max;
  GPtrArray *bars;    /* (element-type Bar) */
  GPtrArray *ticks;   /* (element-type Mark) */
  GPtrArray *marks;   /* (element-type Mark) */
};

/* Readable on white, and apart from each other. */
static const double tones[][3] = {
  [KITH_CHART_TONE_AREA] = { 0x1d / 255.0, 0x4e / 255.0, 0xd8 / 255.0 },
  [KITH_CHART_TONE_COMPARATOR] = { 0x4b / 255.0, 0x55 / 255.0, 0x63 / 255.0 },
  [KITH_CHART_TONE_LOCAL] = { 0x60 / 255.0, 0xa5 / 255.0, 0xfa / 255.0 },
  [KITH_CHART_TONE_THINK] = { 0x7c / 255.0, 0x3a / 255.0, 0xed / 255.0 },
  [KITH_CHART_TONE_FEEL] = { 0xdb / 255.0, 0x27 / 255.0, 0x77 / 255.0 },
  [KITH_CHART_TONE_DO] = { 0x05 / 255.0, 0x96 / 255.0, 0x69 / 255.0 },
  [KITH_CHART_TONE_OTHER] = { 0xa1 / 255.0, 0x62 / 255.0, 0x07 / 255.0 },
};

static void
bar_free (Bar *bar)
{
  g_free (bar->label);
  g_free (bar->value_text);
  g_free (bar);
}

static void
mark_free (Mark *mark)
{
  g_free (mark->label);
  g_free (mark);
}

KithChart *
kith_chart_new (const char *title,
                double      max)
{
  KithChart *chart = g_new0 (KithChart, 1);

  chart->title = g_strdup (title);
  chart->max = max > 0 ? max : 1;
  chart->bars = g_ptr_array_new_with_free_func ((GDestroyNotify) bar_free);
  chart->ticks = g_ptr_array_new_with_free_func ((GDestroyNotify) mark_free);
  chart->marks = g_ptr_array_new_with_free_func ((GDestroyNotify) mark_free);
  return chart;
}

void
kith_chart_free (KithChart *chart)
{
  if (chart == NULL)
    return;
  g_free (chart->title);
  g_ptr_array_unref (chart->bars);
  g_ptr_array_unref (chart->ticks);
  g_ptr_array_unref (chart->marks);
  g_free (chart);
}

void
kith_chart_add_bar (KithChart     *chart,
                    const char    *label,
                    double         value,
                    const char    *value_text,
                    KithChartTone  tone)
{
  Bar *bar = g_new0 (Bar, 1);

  bar->label = g_strdup (label);
  bar->value = value;
  bar->value_text = g_strdup (value_text);
  bar->tone = tone;
  g_ptr_array_add (chart->bars, bar);
}

void
kith_chart_add_heading (KithChart  *chart,
                        const char *label)
{
  Bar *bar = g_new0 (Bar, 1);

  bar->label = g_strdup (label);
  bar->heading = TRUE;
  g_ptr_array_add (chart->bars, bar);
}

static void
add_mark (GPtrArray     *marks,
          double         value,
          const char    *label,
          KithChartTone  tone)
{
  Mark *mark = g_new0 (Mark, 1);

  mark->value = value;
  mark->label = g_strdup (label);
  mark->tone = tone;
  g_ptr_array_add (marks, mark);
}

void
kith_chart_add_tick (KithChart  *chart,
                     double      value,
                     const char *label)
{
  add_mark (chart->ticks, value, label, KITH_CHART_TONE_COMPARATOR);
}

void
kith_chart_add_mark (KithChart     *chart,
                     double         value,
                     const char    *label,
                     KithChartTone  tone)
{
  add_mark (chart->marks, value, label, tone);
}

guint
kith_chart_get_n_bars (const KithChart *chart)
{
  guint n = 0;

  for (guint i = 0; i < chart->bars->len; i++)
    n += !((Bar *) g_ptr_array_index (chart->bars, i))->heading;
  return n;
}

const char *
kith_chart_get_title (const KithChart *chart)
{
  return chart->title;
}

char *
kith_chart_describe (const KithChart *chart)
{
  GString *out = g_string_new (chart->title);
  const char *sep = ": ";

  for (guint i = 0; i < chart->bars->len; i++)
    {
      Bar *bar = g_ptr_array_index (chart->bars, i);
      if (bar->heading)
        {
          g_string_append_printf (out, ". %s", bar->label);
          sep = ": ";
          continue;
        }
      g_string_append_printf (out, "%s%s %s", sep, bar->label, bar->value_text);
      sep = "; ";
    }
  for (guint i = 0; i < chart->marks->len; i++)
    {
      Mark *mark = g_ptr_array_index (chart->marks, i);
      g_string_append_printf (out, "%s%s", i == 0 ? ". Marked: " : "; ", mark->label);
    }
  g_string_append_c (out, '.');
  return g_string_free (out, FALSE);
}

double
kith_chart_get_height (const KithChart *chart)
{
  double height = PAD + AXIS_ROW + PAD;

  if (chart->marks->len > 0)
    height += MARK_ROW * chart->marks->len;
  for (guint i = 0; i < chart->bars->len; i++)
    height += ((Bar *) g_ptr_array_index (chart->bars, i))->heading ? HEADING_ROW : ROW;
  return height;
}

/* ---- drawing ------------------------------------------------------------------ */

static void
set_font (cairo_t *cr,
          double   size,
          gboolean bold)
{
  cairo_select_font_face (cr, FONT, CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
}

static double
text_width (cairo_t    *cr,
            const char *text)
{
  cairo_text_extents_t extents;

  cairo_text_extents (cr, text, &extents);
  return extents.x_advance;
}

/* @text cut to @max_width with “…”, on a character boundary. (transfer full) */
static char *
fit_text (cairo_t    *cr,
          const char *text,
          double      max_width)
{
  glong n = g_utf8_strlen (text, -1);

  if (text_width (cr, text) <= max_width)
    return g_strdup (text);
  while (n > 1)
    {
      g_autofree char *head = g_utf8_substring (text, 0, --n);
      char *candidate = g_strconcat (g_strchomp (head), "…", NULL);
      if (text_width (cr, candidate) <= max_width)
        return candidate;
      g_free (candidate);
    }
  return g_strdup ("…");
}

/* Draws @text with its left end at @x (or its right end, or its middle). */
static void
show_text (cairo_t    *cr,
           const char *text,
           double      x,
           double      baseline,
           double      max_width,
           double      align)   /* 0 left, 0.5 centre, 1 right */
{
  g_autofree char *fitted = fit_text (cr, text, max_width);

  cairo_move_to (cr, x - align * text_width (cr, fitted), baseline);
  cairo_show_text (cr, fitted);
}

static void
set_tone (cairo_t       *cr,
          KithChartTone  tone)
{
  cairo_set_source_rgb (cr, tones[tone][0], tones[tone][1], tones[tone][2]);
}

static int
compare_marks (gconstpointer a,
               gconstpointer b)
{
  const Mark *x = *(Mark *const *) a;
  const Mark *y = *(Mark *const *) b;

  return (x->value > y->value) - (x->value < y->value);
}

void
kith_chart_draw (const KithChart *chart,
                 cairo_t         *cr,
                 double           width,
                 double           height)
{
  g_autoptr(GPtrArray) marks = g_ptr_array_copy (chart->marks, NULL, NULL);
  double label_w = 0, value_w = 0, x0, x1, y, scale;
  double top, bottom;

  /* the copy borrows the marks */
  g_ptr_array_set_free_func (marks, NULL);
  g_ptr_array_sort (marks, compare_marks);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);

  /* columns: labels | bars | values */
  set_font (cr, FONT_SIZE, FALSE);
  for (guint i = 0; i < chart->bars->len; i++)
    {
      Bar *bar = g_ptr_array_index (chart->bars, i);
      if (bar->heading)
        continue;
      label_w = MAX (label_w, text_width (cr, bar->label));
      value_w = MAX (value_w, text_width (cr, bar->value_text));
    }
  label_w = MIN (label_w + 2 * PAD, width * 0.42);
  value_w = MIN (value_w + PAD, width * 0.3);
  x0 = label_w;
  x1 = MAX (x0 + 20, width - value_w - PAD);
  scale = (x1 - x0) / chart->max;

  y = PAD;
  /* the reference marks' labels, one row each, lowest value first, beside
   * their line: a line then runs down only through the rows of marks to
   * its right, and never crosses another's label */
  set_font (cr, SMALL_SIZE, TRUE);
  for (guint i = 0; i < marks->len; i++)
    {
      Mark *mark = g_ptr_array_index (marks, i);
      double x = x0 + CLAMP (mark->value, 0, chart->max) * scale;
      gboolean left = x + 4 + text_width (cr, mark->label) > width - PAD;
      set_tone (cr, mark->tone);
      show_text (cr, mark->label, left ? x - 4 : x + 4, y + MARK_ROW - 6, width - 2 * PAD, left ? 1 : 0);
      y += MARK_ROW;
    }
  top = y;
  bottom = height - PAD - AXIS_ROW;

  /* gridlines (through the bar rows, not the headings) and their labels */
  set_font (cr, SMALL_SIZE, FALSE);
  cairo_set_line_width (cr, 1);
  for (guint i = 0; i < chart->ticks->len; i++)
    {
      Mark *tick = g_ptr_array_index (chart->ticks, i);
      double x = round (x0 + tick->value * scale) + 0.5;
      double row_y = top;

      cairo_set_source_rgb (cr, 0.88, 0.89, 0.91);
      for (guint b = 0; b < chart->bars->len; b++)
        {
          Bar *bar = g_ptr_array_index (chart->bars, b);
          if (bar->heading)
            row_y += HEADING_ROW;
          else
            {
              cairo_move_to (cr, x, row_y);
              cairo_line_to (cr, x, row_y + ROW);
              row_y += ROW;
            }
        }
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 0.29, 0.33, 0.39);
      show_text (cr, tick->label, x, bottom + AXIS_ROW - 6, 80, 0.5);
    }

  /* rows: labels and bars */
  for (guint i = 0; i < chart->bars->len; i++)
    {
      Bar *bar = g_ptr_array_index (chart->bars, i);
      if (bar->heading)
        {
          set_font (cr, FONT_SIZE, TRUE);
          cairo_set_source_rgb (cr, 0.12, 0.16, 0.22);
          show_text (cr, bar->label, PAD, y + HEADING_ROW - 8, width - 2 * PAD, 0);
          y += HEADING_ROW;
          continue;
        }
      set_font (cr, FONT_SIZE, FALSE);
      cairo_set_source_rgb (cr, 0.12, 0.16, 0.22);
      show_text (cr, bar->label, x0 - PAD, y + ROW / 2 + 4, label_w - 2 * PAD, 1);
      set_tone (cr, bar->tone);
      cairo_rectangle (cr, x0, y + (ROW - BAR) / 2, MAX (CLAMP (bar->value, 0, chart->max) * scale, 1), BAR);
      cairo_fill (cr);
      y += ROW;
    }

  /* the baseline, and the reference marks over the bars */
  cairo_set_source_rgb (cr, 0.29, 0.33, 0.39);
  cairo_move_to (cr, x0 + 0.5, top);
  cairo_line_to (cr, x0 + 0.5, bottom);
  cairo_stroke (cr);
  cairo_save (cr);
  cairo_set_line_width (cr, 2);
  for (guint i = 0; i < marks->len; i++)
    {
      Mark *mark = g_ptr_array_index (marks, i);
      double x = x0 + CLAMP (mark->value, 0, chart->max) * scale;
      double dash[] = { 5, 3 };
      set_tone (cr, mark->tone);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_move_to (cr, x, PAD + MARK_ROW * i + 4);
      cairo_line_to (cr, x, bottom);
      cairo_stroke (cr);
    }
  cairo_restore (cr);

  /* values last, on white, so that no line runs through a number */
  set_font (cr, FONT_SIZE, FALSE);
  y = top;
  for (guint i = 0; i < chart->bars->len; i++)
    {
      Bar *bar = g_ptr_array_index (chart->bars, i);
      double end = x0 + CLAMP (bar->value, 0, chart->max) * scale;
      g_autofree char *fitted = NULL;

      if (bar->heading)
        {
          y += HEADING_ROW;
          continue;
        }
      fitted = fit_text (cr, bar->value_text, width - end - 5);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, end + 3, y + (ROW - BAR) / 2, text_width (cr, fitted) + 4, BAR);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0.12, 0.16, 0.22);
      show_text (cr, fitted, end + 5, y + ROW / 2 + 4, width - end - 5, 0);
      y += ROW;
    }
  cairo_restore (cr);
}

/* ---- SVG -------------------------------------------------------------------------- */

static cairo_status_t
append_svg (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

char *
kith_chart_to_svg (const KithChart *chart,
                   double           width,
                   const char      *id_prefix)
{
  g_autoptr(GString) svg = g_string_new (NULL);
  double height = kith_chart_get_height (chart);
  cairo_surface_t *surface = cairo_svg_surface_create_for_stream (append_svg, svg, width, height);
  cairo_t *cr;
  g_autofree char *description = kith_chart_describe (chart);
  g_autofree char *label = g_markup_escape_text (description, -1);
  g_autofree char *attrs = NULL;
  g_autofree char *id = g_strdup_printf ("id=\"%s", id_prefix);
  g_autofree char *href = g_strdup_printf ("href=\"#%s", id_prefix);
  g_autofree char *url = g_strdup_printf ("url(#%s", id_prefix);
  const char *start, *open_end;

  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  cr = cairo_create (surface);
  kith_chart_draw (chart, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);

  /* the element alone, ids made unique on the page */
  start = strstr (svg->str, "<svg");
  g_return_val_if_fail (start != NULL, g_strdup (""));
  g_string_erase (svg, 0, start - svg->str);
  g_string_replace (svg, "id=\"", id, 0);
  g_string_replace (svg, "href=\"#", href, 0);
  g_string_replace (svg, "url(#", url, 0);
  /* role, name and title for assistive technology */
  open_end = strchr (svg->str, '>');
  g_return_val_if_fail (open_end != NULL, g_strdup (""));
  attrs = g_strdup_printf (" role=\"img\" aria-label=\"%s\"", label);
  g_string_insert (svg, open_end - svg->str, attrs);
  open_end = strchr (svg->str, '>');
  {
    g_autofree char *title = g_strdup_printf ("<title>%s</title>", label);
    g_string_insert (svg, open_end - svg->str + 1, title);
  }
  return g_strdup (g_strstrip (svg->str));
}

void
kith_chart_release_fonts (void)
{
  cairo_debug_reset_static_data ();
  FcFini ();
}

static cairo_status_t
append_png (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
kith_chart_to_png (const KithChart *chart,
                   double           width,
                   double           scale)
{
  double height = kith_chart_get_height (chart);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width * scale),
                                                         (int) ceil (height * scale));
  GByteArray *png = g_byte_array_new ();
  cairo_t *cr = cairo_create (surface);

  /* a white ground: Word shows a transparent picture on whatever is behind it */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  kith_chart_draw (chart, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_write_to_png_stream (surface, append_png, png);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}
