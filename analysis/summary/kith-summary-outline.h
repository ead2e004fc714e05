/* kith-summary-outline.h — the one outline of an evaluation summary
 *
 * kith_summary_outline_build() walks a KithSummary once and yields its
 * sections, paragraphs, figures, tables, lists, charts and quotes, every
 * sentence already worded. The HTML, Markdown and CSV renderers and the
 * desktop Summary view only lay this tree out, so a section added here
 * shows in every one of them.
 */
#pragma once

#include "kith-summary.h"

G_BEGIN_DECLS

typedef enum {
  KITH_OUTLINE_SECTION,     /* title, level (1 the summary, 2 a goal, 3, 4), children */
  KITH_OUTLINE_PARAGRAPH,   /* text; label: a bold lead-in, or NULL */
  KITH_OUTLINE_FIGURE,      /* a barometer figure: value, place, compared, source */
  KITH_OUTLINE_TABLE,       /* title the caption (or NULL), columns, rows */
  KITH_OUTLINE_LIST,        /* title (or NULL), items */
  KITH_OUTLINE_CHART,       /* chart, id */
  KITH_OUTLINE_QUOTE,       /* quote */
} KithOutlineKind;

/* A table cell or a list item: text, with a secondary text (a unit, a
 * state) and the outcome dimension it belongs to, if any. */
typedef struct
{
  char       *text;
  char       *sub;          /* NULL: none */
  char       *dimension;    /* NULL: none; shown as a think / feel / do badge */
  char       *style;        /* NULL, or a comparison / note class for renderers that colour */
} KithOutlineCell;

typedef struct
{
  char     *title;
  gboolean  numeric;        /* right-aligned counts */
  gboolean  header;         /* the row's name */
} KithOutlineColumn;

typedef struct _KithOutlineNode KithOutlineNode;

struct _KithOutlineNode
{
  KithOutlineKind  kind;
  const char      *role;        /* static: what the node is (“goal”, “key-barometer”, “methodology”, …) */
  char            *title;
  char            *label;
  char            *text;
  char            *dimension;   /* sections of one outcome */
  guint            level;
  guint            index;       /* goals: 1, 2, …; for anchors */
  GPtrArray       *children;    /* (element-type KithOutlineNode) */
  /* tables and lists */
  GPtrArray       *columns;     /* (element-type KithOutlineColumn) */
  GPtrArray       *rows;        /* (element-type GPtrArray of KithOutlineCell); lists: one cell a row */
  GPtrArray       *row_data;    /* borrowed: the summary's struct behind each row, or NULL */
  /* figures */
  char            *value;
  char            *place;
  char            *compared;
  char            *source;
  KithComparison   comparison;
  /* charts */
  KithChart       *chart;
  char            *id;
  /* quotes: borrowed from the summary */
  const KithSummaryQuote *quote;
  /* the summary's struct this node shows (KithSummary, KithSummaryGoal,
   * KithSummaryBarometer, KithSummaryEvidence), for renderers of data */
  gconstpointer    data;
};

/* The outline of @summary; it borrows from @summary, which must outlive
 * it. (transfer full) */
KithOutlineNode *kith_summary_outline_build (const KithSummary *summary);
void             kith_outline_node_free     (KithOutlineNode   *node);
/* The style of a comparison: “compared behind”, “compared ahead” or
 * “compared” (CSS classes in the HTML; the view colours by them). */
const char      *kith_outline_comparison_style (KithComparison comparison);
/* The first child of @node with @role, or NULL (borrowed). */
KithOutlineNode *kith_outline_node_find     (const KithOutlineNode *node,
                                             const char            *role);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithOutlineNode, kith_outline_node_free)

G_END_DECLS
