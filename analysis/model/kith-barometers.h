/* kith-barometers.h — barometers: survey indicators that monitor the goals
 * of an outcomes framework, and their figures by geography and period
 *
 * A barometer belongs to a goal (the same key as codes.goal), is the goal's
 * key barometer or a supporting one, and has a measure: a percentage of
 * adults, an ordered group (the Social Mobility Commission's five groups of
 * local areas, 1 least favourable … 5 most), a count or a rate. Each figure
 * keeps where it came from (source, where stated, file and line). Figures
 * are never overwritten: two that disagree for the same barometer,
 * geography and period are both kept and flagged as a conflict.
 */
#pragma once

#include "kith-project.h"

G_BEGIN_DECLS

typedef enum {
  KITH_MEASURE_PERCENT,     /* % of adults: gaps are in percentage points */
  KITH_MEASURE_SMC_GROUP,   /* ordered groups 1 … 5: compared, never subtracted */
  KITH_MEASURE_COUNT,
  KITH_MEASURE_RATE,
} KithMeasure;

typedef enum {
  KITH_GEOGRAPHY_LOCAL,     /* a local authority */
  KITH_GEOGRAPHY_COMBINED,  /* a combined authority: the region */
  KITH_GEOGRAPHY_NATION,    /* the comparator, e.g. England */
} KithGeographyLevel;

#define KITH_SMC_GROUPS 5

typedef struct
{
  gint64       id;
  char        *key;
  char        *label;
  char        *goal;
  gboolean     is_key;            /* the goal's key barometer, else supporting */
  char        *source;            /* dataset and publisher, as first imported */
  KithMeasure  measure;
  gboolean     higher_is_better;
  int          position;          /* order of first import */
} KithBarometer;

typedef struct
{
  gint64              id;
  gint64              barometer_id;
  char               *barometer;        /* its key */
  char               *geography;
  KithGeographyLevel  level;
  char               *period;
  gboolean            has_value;        /* FALSE: named without a figure */
  double              value;
  char               *source;
  char               *where_stated;
  char               *file;             /* the imported file's name */
  gint64              line;             /* and the line the figure was on */
  gboolean            conflict;         /* another figure for the same barometer,
                                         * geography and period disagrees */
} KithBarometerValue;

typedef struct
{
  gint64  code_id;
  char   *code;          /* the code's path */
  gint64  barometer_id;
  char   *barometer;     /* its key */
} KithBarometerLink;

const char *kith_measure_to_string          (KithMeasure         measure);
gboolean    kith_measure_from_string        (const char         *text,
                                             KithMeasure        *measure);
const char *kith_geography_level_to_string  (KithGeographyLevel  level);
gboolean    kith_geography_level_from_string (const char        *text,
                                             KithGeographyLevel *level);
/* A geography's level from its name alone: England, Wales, Scotland,
 * Northern Ireland, the UK and Great Britain are nations; “… Combined
 * Authority” and abbreviations such as WMCA or GMCA are combined
 * authorities; anything else is taken for a local authority. */
KithGeographyLevel kith_geography_level_guess (const char       *name);

/* A figure as plain digits (“37”, “37.5”), exactly as far as a double
 * holds it; "" when @value has none. (transfer full) */
char               *kith_barometer_value_format (const KithBarometerValue *value);

KithBarometer      *kith_barometer_copy       (const KithBarometer      *barometer);
void                kith_barometer_free       (KithBarometer            *barometer);
KithBarometerValue *kith_barometer_value_copy (const KithBarometerValue *value);
void                kith_barometer_value_free (KithBarometerValue       *value);
void                kith_barometer_link_free  (KithBarometerLink        *link);

/* (element-type KithBarometer) in the order they were first imported */
GPtrArray     *kith_barometers_list    (KithProject  *project,
                                        GError      **error);
/* The barometer with @key, or NULL with @error NOT_FOUND. */
KithBarometer *kith_barometers_lookup  (KithProject  *project,
                                        const char   *key,
                                        GError      **error);
/* (element-type KithBarometerValue) of one barometer (or all when 0): by
 * barometer, then geography level (combined authority, nation, local
 * authority), geography, period and import order. */
GPtrArray     *kith_barometers_values  (KithProject  *project,
                                        gint64        barometer_id,
                                        GError      **error);

/* Links a code to a barometer (its codings then count as evidence beside
 * it). Linking twice is an error (KITH_ERROR_EXISTS). */
gboolean       kith_barometers_link    (KithProject  *project,
                                        gint64        code_id,
                                        gint64        barometer_id,
                                        GError      **error);
gboolean       kith_barometers_unlink  (KithProject  *project,
                                        gint64        code_id,
                                        gint64        barometer_id,
                                        GError      **error);
/* (element-type KithBarometerLink) by barometer, then code id */
GPtrArray     *kith_barometers_links   (KithProject  *project,
                                        GError      **error);

/* ---- import ---------------------------------------------------------------- */

typedef struct
{
  char      *file;                 /* display name */
  char      *format;               /* "CSV" or "TSV" */
  char      *encoding;             /* as read */
  guint      n_rows;
  guint      n_barometers_new;
  guint      n_barometers_updated; /* label, goal, role or direction changed */
  guint      n_values_new;
  guint      n_values_unchanged;   /* already stored, from this file or another */
  guint      n_named_only;         /* rows that name a barometer without a figure */
  GPtrArray *problems;             /* (element-type utf8) “line N: reason”; any
                                    * problem means nothing was stored */
  GPtrArray *conflicts;            /* (element-type KithBarometerValue) every figure,
                                    * stored before or now, that disagrees with
                                    * another for the same barometer, geography
                                    * and period touched by this file */
} KithBarometerImport;

void      kith_barometer_import_free   (KithBarometerImport  *report);
/* Imports barometers and figures from a CSV or TSV file with a header
 * (see the README for its columns), in one transaction: when any row is
 * bad, nothing from the file is stored, FALSE is returned and @report lists
 * every bad row with its line and the reason. @report is NULL only when the
 * file could not be read at all. */
gboolean  kith_barometers_import_file  (KithProject          *project,
                                        const char           *path,
                                        KithBarometerImport **report,
                                        GError              **error);

/* Whether @path is a CSV or TSV file whose header names barometers
 * (goal_key and barometer_key columns): a folder import leaves it to
 * kith_barometers_import_file() instead of taking it for a document. */
gboolean  kith_barometers_file_is_table (const char           *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithBarometer, kith_barometer_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithBarometerValue, kith_barometer_value_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithBarometerImport, kith_barometer_import_free)

G_END_DECLS
