/* kith-chart.h — horizontal bar charts drawn with cairo
 *
 * One chart type serves the summary: labelled bars on a scale from 0,
 * optional group headings, and reference marks (a dashed line across every
 * bar, e.g. England's figure). kith_chart_draw() draws on any cairo_t, so
 * the desktop Summary view and the HTML report share the drawing;
 * kith_chart_to_svg() makes the SVG the report inlines.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  KITH_CHART_TONE_AREA,         /* the region */
  KITH_CHART_TONE_COMPARATOR,   /* England */
  KITH_CHART_TONE_LOCAL,        /* a local authority */
  KITH_CHART_TONE_THINK,
  KITH_CHART_TONE_FEEL,
  KITH_CHART_TONE_DO,
  KITH_CHART_TONE_OTHER,
} KithChartTone;

typedef struct _KithChart KithChart;

/* A chart on the scale 0 … @max; @title names it for assistive technology. */
KithChart *kith_chart_new         (const char     *title,
                                   double          max);
void       kith_chart_free        (KithChart      *chart);
void       kith_chart_add_bar     (KithChart      *chart,
                                   const char     *label,
                                   double          value,
                                   const char     *value_text,
                                   KithChartTone   tone);
/* A heading row above the bars that follow it. */
void       kith_chart_add_heading (KithChart      *chart,
                                   const char     *label);
/* A labelled gridline on the scale. */
void       kith_chart_add_tick    (KithChart      *chart,
                                   double          value,
                                   const char     *label);
/* A dashed line across all bars, labelled above them. */
void       kith_chart_add_mark    (KithChart      *chart,
                                   double          value,
                                   const char     *label,
                                   KithChartTone   tone);
guint      kith_chart_get_n_bars  (const KithChart *chart);
const char *kith_chart_get_title  (const KithChart *chart);
/* Every label and number in the chart, in reading order: the text
 * equivalent of the picture. (transfer full) */
char      *kith_chart_describe    (const KithChart *chart);
/* The height the chart needs, in the units it is drawn in. */
double     kith_chart_get_height  (const KithChart *chart);
void       kith_chart_draw        (const KithChart *chart,
                                   cairo_t         *cr,
                                   double           width,
                                   double           height);
/* An <svg> element (no XML prolog) to inline in HTML: role="img", an
 * aria-label and a <title> with the description, every id prefixed with
 * @id_prefix so that several charts can share a page. (transfer full) */
char      *kith_chart_to_svg      (const KithChart *chart,
                                   double           width,
                                   const char      *id_prefix);

/* The chart as a PNG @width units wide, drawn at @scale pixels a unit
 * (2 for print), for documents that cannot hold SVG. (transfer full) */
GBytes    *kith_chart_to_png      (const KithChart *chart,
                                   double           width,
                                   double           scale);

/* Frees the fonts cairo and fontconfig keep once a chart has been drawn.
 * Call it only at exit, when nothing draws any more: leak checkers then
 * see only real leaks. */
void       kith_chart_release_fonts (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithChart, kith_chart_free)

G_END_DECLS
