/* kith-summary.h — an evaluation summary: barometers beside coded evidence
 *
 * kith_summary_compute() gathers, for every goal (or one), its key and
 * supporting barometers — the area's figure beside the comparator's, the
 * gap where the measure allows one, the range across local authorities —
 * and, per outcome, how much coded evidence there is, from how many
 * documents and people, where, and a few representative quotes. Renderers
 * (HTML, Markdown, CSV) and the desktop Summary view show the same
 * KithSummary. Nothing in it is estimated: every number is a barometer
 * figure, a difference of two figures shown beside it, or a count of
 * codings.
 */
#pragma once

#include "kith-barometers.h"
#include "kith-chart.h"
#include "kith-project.h"
#include "kith-pseudonymiser.h"
#include "kith-review.h"

G_BEGIN_DECLS

typedef enum {
  KITH_ATTRIBUTION_RESIDENT,   /* “Resident, Walsall”: anonymised (the default); words
                                * with no speaker or case: “Report, Dudley”, “Notes, …” */
  KITH_ATTRIBUTION_SPEAKER,    /* the speaker's name, else the case, else the document */
  KITH_ATTRIBUTION_CASE,       /* the case's name, else as for resident */
} KithAttribution;

typedef struct
{
  const char      *goal;                 /* a goal key, or NULL for every goal */
  const char      *geography;            /* NULL: evidence from everywhere, figures for the region */
  const char      *period;               /* NULL: each barometer's latest period */
  const char      *comparator;           /* NULL: a nation in the data, England first */
  const char      *geography_attribute;  /* the case or document attribute; NULL: local_authority */
  guint            thin;                 /* outcomes with fewer extracts are gaps (default 2) */
  guint            quotes;               /* quotes per outcome (default 3) */
  guint            quotes_per_person;    /* default 1; 0: no limit */
  guint            quote_length;         /* longer quotes are cut, visibly (default 300 characters) */
  KithAttribution  attribution;
  /* what the front page says; NULL: the project's summary settings */
  const char      *title;
  const char      *organisation;
  const char      *reporting_period;
} KithSummaryOptions;

/* The summary's front page, stored in the project (NULL: not set). */
typedef struct
{
  char *title;
  char *organisation;
  char *reporting_period;
} KithSummarySettings;

typedef enum {
  KITH_COMPARISON_NONE,     /* not compared: KithSummaryBarometer.note says why */
  KITH_COMPARISON_BEHIND,
  KITH_COMPARISON_LEVEL,
  KITH_COMPARISON_AHEAD,
  KITH_COMPARISON_MIXED,    /* the area's figures disagree and fall on both sides */
} KithComparison;

typedef struct
{
  KithBarometerValue *value;
  KithComparison      comparison;   /* against the comparator's one figure */
  gboolean            has_gap;      /* percentages only */
  double              gap;          /* this figure − the comparator's, in points */
} KithSummaryFigure;

typedef struct
{
  char      *text;           /* the coded words, white space folded; “[…]” where cut: at a word
                             * boundary, when too long or where the coded span splits a word */
  gboolean   shortened;
  char      *attribution;    /* a resident (“Resident, Walsall”, a name, a case) or a document
                             * (“Report: TITLE”, “Notes: TITLE”), in the user's language */
  char      *attribution_english; /* the same in English, for the CSV */
  char      *shared_with;    /* the other outcomes the summary shows it under, “; ” between, or NULL */
  char      *geography;      /* NULL when not recorded */
  char      *document;
  gint64     document_id;
  gint64     coding_id;      /* where it can be traced */
  gint64     start;
  gint64     end;
  char      *person;         /* opaque: who it is from, as Kith tells people apart */
} KithSummaryQuote;

typedef struct
{
  char  *geography;          /* NULL: not recorded */
  guint  n_extracts;         /* distinct coded passages */
  guint  n_documents;
  guint  n_people;           /* residents: distinct cases, else speakers within a transcript */
  guint  n_places;           /* distinct places recorded */
} KithSummaryCount;

typedef struct
{
  char             *key;            /* the outcome key, or a linked code's path */
  char             *label;
  char             *dimension;      /* think, feel, do (or a framework's own), or NULL */
  KithSummaryCount  count;          /* geography NULL: all */
  GPtrArray        *by_geography;   /* (element-type KithSummaryCount) most extracts first */
  GPtrArray        *quotes;         /* (element-type KithSummaryQuote) */
  gboolean          gap;            /* fewer extracts than the threshold */
} KithSummaryEvidence;

typedef struct
{
  KithBarometer  *barometer;
  char           *period;          /* NULL: the data has no figure in any period */
  GPtrArray      *figures;         /* (element-type KithSummaryFigure) the area's; more than one: a conflict */
  GPtrArray      *comparators;     /* (element-type KithBarometerValue) the comparator's */
  GPtrArray      *locals;          /* (element-type KithBarometerValue) local authorities, lowest first */
  gboolean        named_only;      /* named in the period, but no figure anywhere */
  KithComparison  comparison;
  char           *note;            /* why there is no comparison, or NULL */
  char           *note_english;    /* the same in English, for the CSV */
  GPtrArray      *linked;          /* (element-type KithSummaryEvidence) codes linked by users */
} KithSummaryBarometer;

typedef struct
{
  char             *key;
  char             *label;          /* the goal's own code's name, else its key */
  GPtrArray        *barometers;     /* (element-type KithSummaryBarometer) key first */
  GPtrArray        *outcomes;       /* (element-type KithSummaryEvidence) think, feel, do */
  KithSummaryCount  count;          /* evidence for any of its outcomes */
  gboolean          side_by_side;   /* a barometer is behind and there is evidence */
  GPtrArray        *voices;         /* (element-type KithSummaryQuote) to show beside it */
} KithSummaryGoal;

/* Documents of one kind the evidence comes from. */
typedef struct
{
  char      *kind;                 /* transcript, report, notes, survey */
  guint      n_documents;
  guint      n_people;             /* residents */
  GPtrArray *by_geography;         /* (element-type KithSummaryCount) documents and residents by place */
} KithSummaryKind;

typedef struct
{
  char  *name;
  guint  n_codings;
} KithSummaryCoder;

/* How the evidence was gathered and checked, for the methodology section. */
typedef struct
{
  GPtrArray *kinds;                /* (element-type KithSummaryKind) transcripts first */
  guint      n_documents_project;  /* every document in the project */
  guint      n_codings;            /* codings behind the evidence shown */
  guint      n_by_hand;
  guint      n_accepted;           /* accepted suggestions */
  guint      n_imported;
  GPtrArray *coders;               /* (element-type KithSummaryCoder) most codings first */
  gint64     n_suggestions;        /* the whole suggestion queue */
  gint64     n_suggestions_accepted;
  gint64     n_suggestions_rejected;
  gint64     n_suggestions_pending;
  GPtrArray *rules;                /* (element-type KithRuleStats) rules with a decided suggestion */
  guint      n_rules_undecided;    /* rules whose suggestions nobody has judged */
  guint      n_staff;              /* codings of interviewers' and facilitators' words, left out */
  GPtrArray *sources;              /* (element-type utf8) the barometers' sources, in the user's language */
  GPtrArray *sources_english;      /* (element-type utf8) the same in English, for the CSV */
} KithSummaryMethod;

typedef struct
{
  char             *project;
  char             *title;                /* set by the user, else NULL */
  char             *organisation;         /* set by the user, else NULL */
  char             *reporting_period;     /* set by the user, else NULL */
  KithSummaryMethod *method;
  char             *generated;            /* date, ISO 8601 */
  char             *goal;                 /* the options, as applied */
  char             *geography;
  char             *period;
  char             *area;                 /* the geography of the figures: NULL if none */
  char             *comparator;           /* NULL if the data has none */
  char             *geography_attribute;
  guint             thin;
  KithAttribution   attribution;
  KithSummaryCount  count;                /* all evidence for the goals shown */
  GPtrArray        *by_geography;         /* (element-type KithSummaryCount) */
  GPtrArray        *goals;                /* (element-type KithSummaryGoal) */
} KithSummary;

void         kith_summary_options_init  (KithSummaryOptions       *options);
gboolean     kith_attribution_from_string (const char             *text,
                                         KithAttribution          *attribution);
/* NULL with @error: NOT_FOUND when --goal names a goal no barometer or
 * code has. (transfer full) */
KithSummary *kith_summary_compute       (KithProject              *project,
                                         const KithSummaryOptions *options,
                                         GError                  **error);
void         kith_summary_free          (KithSummary              *summary);
/* Replaces names and personal details in every quote, attribution,
 * document name and coder of @summary (kith-summary-privacy.c). */
void         kith_summary_pseudonymise  (KithSummary              *summary,
                                         KithPseudonymiser        *pseudonymiser);

/* The stored settings (kith-summary-settings.c); unset ones NULL. */
gboolean     kith_summary_settings_load (KithProject              *project,
                                         KithSummarySettings      *settings,
                                         GError                  **error);
/* Stores each non-NULL field; an empty string clears it. */
gboolean     kith_summary_settings_save (KithProject              *project,
                                         const KithSummarySettings *settings,
                                         GError                  **error);
void         kith_summary_settings_clear (KithSummarySettings     *settings);

/* ---- wording shared by every renderer (all transfer full) ---------------- */

/* In the user's language (Kith's catalogue): the desktop view and the HTML
 * and Markdown exports follow the locale; the CSV's columns stay English. */

/* “37%”, “group 3 of 5”, “1,234”, “12.5” */
char        *kith_summary_format_figure (KithMeasure               measure,
                                         double                    value);
/* “4 points behind England (41%)”, “level with England (61%)”, “in a less
 * favourable group than …”; NULL when not compared */
char        *kith_summary_describe_figure (const KithSummaryBarometer *barometer,
                                         const KithSummaryFigure  *figure);
/* “lowest Wolverhampton 22%, highest Solihull 43% (2 local authorities with
 * a figure)”, or by group for ordered groups; NULL when there are none */
char        *kith_summary_describe_locals (const KithSummaryBarometer *barometer);
/* “Community Life Survey, DCMS; Section 2; barometers.tsv line 13” */
char        *kith_summary_describe_source (const KithBarometerValue *value);
/* “12 coded extracts from 4 documents and 5 residents” */
char        *kith_summary_describe_count (const KithSummaryCount  *count);
/* What the summary covers, in a sentence or two: area, comparator, period,
 * geography of the evidence, how quotes are attributed. */
char        *kith_summary_describe_scope (const KithSummary       *summary);
/* “% of adults, 2023/24” */
char        *kith_summary_describe_unit (const KithSummaryBarometer *barometer);
/* The area's figures in a word: “65%”, “37% or 29% (sources disagree)”,
 * “no figure stated”, “–” */
char        *kith_summary_describe_area (const KithSummaryBarometer *barometer);
/* The comparator's figures, or “–” */
char        *kith_summary_describe_comparators (const KithSummaryBarometer *barometer);
/* How the area compares, or why it is not compared */
char        *kith_summary_describe_comparison (const KithSummaryBarometer *barometer);
/* The warning for disagreeing figures; NULL when they do not disagree */
char        *kith_summary_describe_conflict (const KithSummary      *summary,
                                          const KithSummaryBarometer *barometer);
/* “Trust: WMCA 37%, 4 points behind England (41%).” */
char        *kith_summary_describe_behind (const KithSummaryBarometer *barometer,
                                          const KithSummaryFigure  *figure);
/* “Evidence coded with the linked code “…”: 2 coded extracts from …” */
char        *kith_summary_describe_linked (const KithSummaryEvidence *evidence);
/* “Walsall 2, Sandwell 1, not recorded 1”: extracts by place */
char        *kith_summary_describe_places (GPtrArray                *by_geography);
/* “no coded evidence”, “1 coded extract only” */
char        *kith_summary_describe_gap  (const KithSummaryEvidence *evidence);
gboolean     kith_summary_goal_has_supporting (const KithSummaryGoal *goal);
/* Behind its comparator, or disagreeing figures of which some are. */
gboolean     kith_summary_barometer_is_behind (const KithSummaryBarometer *barometer);
/* “least favourable” … “most favourable” for SMC groups 1 … 5 */
const char  *kith_summary_group_name    (int                       group);
const char  *kith_summary_dimension_label (const char             *dimension);
/* “Extent of agreement … (% of adults)” style unit, e.g. “% of adults” */
const char  *kith_summary_measure_label (KithMeasure               measure);

/* ---- charts (transfer full; NULL when there is nothing to draw) ---------- */

/* The area beside the comparator for each percentage barometer of @goal. */
KithChart   *kith_summary_chart_comparison (const KithSummary          *summary,
                                            const KithSummaryGoal      *goal);
/* The local authorities' figures, the area's and the comparator's marked. */
KithChart   *kith_summary_chart_locals     (const KithSummary          *summary,
                                            const KithSummaryBarometer *barometer);
/* Coded extracts per outcome, grouped by think, feel and do. */
KithChart   *kith_summary_chart_evidence   (const KithSummary          *summary,
                                            const KithSummaryGoal      *goal);

/* ---- renderers (transfer full) ------------------------------------------ */

/* A self-contained HTML page: inline CSS, charts as inline SVG, no script. */
char        *kith_summary_to_html       (const KithSummary        *summary);
/* Markdown to paste into a grant report. */
char        *kith_summary_to_markdown   (const KithSummary        *summary);
/* A Word document (.docx): headings in Word's heading styles, tables,
 * quotes, the charts as pictures with their descriptions as alt text. */
GBytes      *kith_summary_to_docx       (const KithSummary        *summary,
                                         GError                  **error);
/* One long CSV table (RFC 4180): section, goal, item, dimension, geography,
 * period, measure, value, source, detail. */
char        *kith_summary_to_csv        (const KithSummary        *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithSummary, kith_summary_free)

G_END_DECLS
