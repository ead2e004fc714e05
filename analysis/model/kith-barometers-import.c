/* kith-barometers-import.c — barometers and figures from a CSV or TSV file
 *
 * The columns are those of the framework's barometers.tsv, in any order:
 * goal_key, role, barometer_key, barometer, source, measure, geography,
 * period, value, and optionally where_stated, better (higher or lower) and
 * geography_level (local, combined, nation). Lines starting with “#” are
 * comments. A blank value records that a source names the barometer
 * without giving a figure. Every row is checked before anything is stored,
 * and a file with any bad row stores nothing.
 */
#include <errno.h>
#include <math.h>
#include <string.h>

#include "kith-barometers.h"
#include "kith-csv-reader.h"
#include "kith-db-private.h"
#include "kith-i18n.h"

#include <gio/gio.h>

#define MAX_FILE_SIZE (64 * 1024 * 1024)
#define MAX_PROBLEMS 100

typedef enum {
  COL_GOAL,
  COL_ROLE,
  COL_KEY,
  COL_LABEL,
  COL_SOURCE,
  COL_MEASURE,
  COL_GEOGRAPHY,
  COL_PERIOD,
  COL_VALUE,
  COL_WHERE,
  COL_BETTER,
  COL_LEVEL,
  N_COLUMNS
} Column;

static const struct {
  const char *name;
  gboolean    required;
} columns[N_COLUMNS] = {
  [COL_GOAL] = { "goal_key", TRUE },
  [COL_ROLE] = { "role", TRUE },
  [COL_KEY] = { "barometer_key", TRUE },
  [COL_LABEL] = { "barometer", TRUE },
  [COL_SOURCE] = { "source", TRUE },
  [COL_MEASURE] = { "measure", TRUE },
  [COL_GEOGRAPHY] = { "geography", TRUE },
  [COL_PERIOD] = { "period", TRUE },
  [COL_VALUE] = { "value", TRUE },
  [COL_WHERE] = { "where_stated", FALSE },
  [COL_BETTER] = { "better", FALSE },
  [COL_LEVEL] = { "geography_level", FALSE },
};

typedef struct
{
  guint               line;
  char               *field[N_COLUMNS];   /* trimmed; NULL for absent columns */
  KithMeasure         measure;
  KithGeographyLevel  level;
  gboolean            has_value;
  double              value;
} Row;

typedef struct
{
  KithProject         *project;
  KithBarometerImport *report;
  int                  index[N_COLUMNS];  /* column of the file, -1 when absent */
  guint                n_fields;
  GPtrArray           *rows;              /* (element-type Row) */
  GHashTable          *first_rows;        /* barometer key → its first Row */
} Import;

static void
row_free (Row *row)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    g_free (row->field[i]);
  g_free (row);
}

void
kith_barometer_import_free (KithBarometerImport *report)
{
  if (report == NULL)
    return;
  g_free (report->file);
  g_free (report->format);
  g_free (report->encoding);
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_clear_pointer (&report->conflicts, g_ptr_array_unref);
  g_free (report);
}

static void
add_problem (Import *import,
             char   *text)
{
  if (import->report->problems->len < MAX_PROBLEMS)
    g_ptr_array_add (import->report->problems, text);
  else
    g_free (text);
}

/* Records “line N: reason”; returns FALSE, for “return problem (…)”. */
static gboolean
problem (Import     *import,
         guint       line,
         const char *format,
         ...) G_GNUC_PRINTF (3, 4);

static gboolean
problem (Import     *import,
         guint       line,
         const char *format,
         ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);
  add_problem (import, g_strdup_printf ("line %u: %s", line, reason));
  return FALSE;
}

/* ---- reading the text ---------------------------------------------------- */

/* UTF-8 (with or without BOM), UTF-16 with a BOM (Excel's “Unicode text”),
 * else Windows-1252 (Excel's plain CSV on a British Windows). */
static char *
decode (const char  *name,
        const char  *data,
        gsize        len,
        char       **encoding,
        GError     **error)
{
  const char *from = NULL;
  gsize skip = 0;
  g_autoptr(GError) local = NULL;
  char *text;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    skip = 3;
  else if (len >= 2 && memcmp (data, "\xFF\xFE", 2) == 0)
    from = "UTF-16LE", skip = 2;
  else if (len >= 2 && memcmp (data, "\xFE\xFF", 2) == 0)
    from = "UTF-16BE", skip = 2;
  else if (memchr (data, '\0', len) != NULL)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_BINARY,
                   _("%s: not a text file (it contains NUL bytes)"), name);
      return NULL;
    }
  else if (!g_utf8_validate_len (data, len, NULL))
    from = "WINDOWS-1252";

  if (from == NULL)
    {
      *encoding = g_strdup ("UTF-8");
      return g_strndup (data + skip, len - skip);
    }
  text = g_convert (data + skip, (gssize) (len - skip), "UTF-8", from, NULL, NULL, &local);
  if (text == NULL || memchr (text, '\0', strlen (text)) != NULL)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_ENCODING,
                   _("%s: the text is neither UTF-8 nor %s"), name, from);
      g_free (text);
      return NULL;
    }
  *encoding = g_strdup (from);
  return text;
}

/* ---- the header and the rows --------------------------------------------- */

static char *
column_list (void)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < N_COLUMNS; i++)
    g_string_append_printf (list, "%s%s%s", i > 0 ? ", " : "", columns[i].name,
                            columns[i].required ? "" : " (optional)");
  return g_string_free (list, FALSE);
}

static gboolean
read_header (Import      *import,
             char *const *fields,
             guint        line)
{
  guint before = import->report->problems->len;

  for (guint c = 0; c < N_COLUMNS; c++)
    import->index[c] = -1;
  import->n_fields = g_strv_length ((GStrv) fields);
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *name = kith_csv_normalise_name (fields[i]);
      guint c;

      for (c = 0; c < N_COLUMNS; c++)
        if (g_str_equal (name, columns[c].name))
          break;
      if (c == N_COLUMNS)
        {
          g_autofree char *known = column_list ();
          problem (import, line, "unknown column “%s” (the columns are %s)", fields[i], known);
        }
      else if (import->index[c] >= 0)
        problem (import, line, "the column “%s” appears twice", columns[c].name);
      else
        import->index[c] = (int) i;
    }
  for (guint c = 0; c < N_COLUMNS; c++)
    if (columns[c].required && import->index[c] < 0)
      problem (import, line, "the header has no column “%s”", columns[c].name);
  return import->report->problems->len == before;
}

static gboolean
is_key (const char *text)
{
  if (!g_ascii_isalnum (text[0]))
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return TRUE;
}

static gboolean
parse_value (Import *import,
             Row    *row)
{
  const char *text = row->field[COL_VALUE];
  g_autofree char *number = g_strdup (text);
  char *end = NULL;
  double value;

  /* “37%” for a percentage is what a person would type */
  if (row->measure == KITH_MEASURE_PERCENT && g_str_has_suffix (number, "%"))
    {
      number[strlen (number) - 1] = '\0';
      g_strchomp (number);
    }
  errno = 0;
  value = g_ascii_strtod (number, &end);
  if (*number == '\0' || end == NULL || *end != '\0' || errno != 0 || !isfinite (value))
    {
      problem (import, row->line, "the value “%s” is not a number", text);
      return FALSE;
    }
  switch (row->measure)
    {
    case KITH_MEASURE_PERCENT:
      if (value < 0 || value > 100)
        {
          problem (import, row->line, "a percentage must be from 0 to 100, not %s", text);
          return FALSE;
        }
      break;
    case KITH_MEASURE_SMC_GROUP:
      if (value != (double) (int) value || value < 1 || value > KITH_SMC_GROUPS)
        {
          problem (import, row->line,
                   "a Social Mobility Commission group is a whole number from 1 (least favourable) to %d (most), not %s",
                   KITH_SMC_GROUPS, text);
          return FALSE;
        }
      break;
    case KITH_MEASURE_COUNT:
      if (value < 0 || value != (double) (gint64) value)
        {
          problem (import, row->line, "a count must be a whole number, 0 or more, not %s", text);
          return FALSE;
        }
      break;
    case KITH_MEASURE_RATE:
    default:
      break;
    }
  row->value = value;
  row->has_value = TRUE;
  return TRUE;
}

/* A later row for a barometer must describe it as its first row did. */
static void
check_consistent (Import    *import,
                  const Row *row)
{
  static const Column same[] = { COL_GOAL, COL_ROLE, COL_LABEL, COL_MEASURE, COL_BETTER };
  const Row *first = g_hash_table_lookup (import->first_rows, row->field[COL_KEY]);

  if (first == NULL)
    {
      g_hash_table_insert (import->first_rows, row->field[COL_KEY], (gpointer) row);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (same); i++)
    {
      Column c = same[i];
      if (g_strcmp0 (first->field[c], row->field[c]) != 0)
        {
          problem (import, row->line, "the barometer “%s” has %s “%s” here but “%s” on line %u",
                   row->field[COL_KEY], columns[c].name, row->field[c] ? row->field[c] : "",
                   first->field[c] ? first->field[c] : "", first->line);
          return;
        }
    }
}

static gboolean
check_row (Import *import,
           Row    *row)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  guint line = row->line;

  for (guint c = 0; c < N_COLUMNS; c++)
    if (columns[c].required && c != COL_VALUE && *row->field[c] == '\0')
      g_ptr_array_add (missing, (gpointer) columns[c].name);
  if (missing->len > 0)
    {
      g_autofree char *names = NULL;
      guint n = missing->len;

      g_ptr_array_add (missing, NULL);
      names = g_strjoinv (", ", (char **) missing->pdata);
      return problem (import, line, "no value in %s %s", n > 1 ? "the columns" : "the column", names);
    }
  if (!is_key (row->field[COL_KEY]))
    return problem (import, line, "the barometer key “%s” may hold only letters, digits, “-”, “_” and “.”",
                    row->field[COL_KEY]);
  if (!is_key (row->field[COL_GOAL]))
    return problem (import, line, "the goal key “%s” may hold only letters, digits, “-”, “_” and “.”",
                    row->field[COL_GOAL]);
  if (!g_str_equal (row->field[COL_ROLE], "key") && !g_str_equal (row->field[COL_ROLE], "supporting"))
    return problem (import, line, "the role must be “key” or “supporting”, not “%s”", row->field[COL_ROLE]);
  if (!kith_measure_from_string (row->field[COL_MEASURE], &row->measure))
    return problem (import, line, "the measure must be percent, smc_group, count or rate, not “%s”",
                    row->field[COL_MEASURE]);
  if (row->field[COL_BETTER] != NULL && !g_str_equal (row->field[COL_BETTER], "higher")
      && !g_str_equal (row->field[COL_BETTER], "lower"))
    return problem (import, line, "better must be “higher” or “lower”, not “%s”", row->field[COL_BETTER]);
  if (row->field[COL_LEVEL] == NULL)
    row->level = kith_geography_level_guess (row->field[COL_GEOGRAPHY]);
  else if (!kith_geography_level_from_string (row->field[COL_LEVEL], &row->level))
    return problem (import, line, "geography_level must be local, combined or nation, not “%s”",
                    row->field[COL_LEVEL]);
  if (*row->field[COL_VALUE] != '\0' && !parse_value (import, row))
    return FALSE;
  return TRUE;
}

static void
read_row (Import      *import,
          char *const *fields,
          guint        line)
{
  Row *row;
  guint n = g_strv_length ((GStrv) fields);

  if (n != import->n_fields)
    {
      problem (import, line, "%u %s where the header has %u (a missing or extra tab or comma?)",
               n, n == 1 ? "field" : "fields", import->n_fields);
      return;
    }
  row = g_new0 (Row, 1);
  row->line = line;
  g_ptr_array_add (import->rows, row);
  import->report->n_rows++;
  for (guint c = 0; c < N_COLUMNS; c++)
    if (import->index[c] >= 0)
      {
        row->field[c] = g_strstrip (g_strdup (fields[import->index[c]]));
        /* an empty optional column means “not given” */
        if (!columns[c].required && *row->field[c] == '\0')
          g_clear_pointer (&row->field[c], g_free);
      }
  if (check_row (import, row))
    check_consistent (import, row);
}

static gboolean
read_rows (Import     *import,
           const char *text,
           char        delimiter)
{
  g_autoptr(KithCsvReader) reader = kith_csv_reader_new (text, strlen (text), delimiter, delimiter == ',');
  gboolean have_header = FALSE;

  kith_csv_reader_set_comment (reader, '#');
  for (;;)
    {
      g_auto(GStrv) fields = NULL;
      g_autoptr(GError) error = NULL;
      guint line = 0;
      gboolean blank = TRUE;

      if (!kith_csv_reader_next (reader, &fields, &line, &error))
        {
          if (error == NULL)
            break;
          /* the reader's message starts with the line already */
          add_problem (import, g_strdup (error->message));
          if (!have_header)
            return FALSE;
          continue;
        }
      /* a spreadsheet's trailing rows of empty cells */
      for (guint i = 0; fields[i] != NULL && blank; i++)
        blank = *g_strstrip (fields[i]) == '\0';
      if (blank)
        continue;
      if (!have_header)
        {
          if (!read_header (import, fields, line))
            return FALSE;
          have_header = TRUE;
        }
      else
        read_row (import, fields, line);
    }
  if (!have_header)
    {
      problem (import, 1, "there is no header line (expected the columns %s)", "goal_key, role, barometer_key, …");
      return FALSE;
    }
  return TRUE;
}

/* ---- storing -------------------------------------------------------------- */

/* Creates or updates the barometer of @row's key; FALSE on an SQL error. */
static gboolean
store_barometer (Import    *import,
                 const Row *row,
                 GError   **error)
{
  KithProject *project = import->project;
  g_autoptr(GError) local = NULL;
  g_autoptr(KithBarometer) stored = kith_barometers_lookup (project, row->field[COL_KEY], &local);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = kith_now_iso8601 ();
  gboolean is_key = g_str_equal (row->field[COL_ROLE], "key");
  const char *better = row->field[COL_BETTER];

  if (stored == NULL && !g_error_matches (local, KITH_ERROR, KITH_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (stored == NULL)
    {
      stmt = kith_db_prepare (project,
          "INSERT INTO barometers (key, label, goal, role, source, measure, better, position, created, modified) "
          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, (SELECT ifnull (max (position), 0) + 1 FROM barometers), ?8, ?8)",
          error);
      import->report->n_barometers_new++;
    }
  else
    {
      if (stored->measure != row->measure)
        {
          problem (import, row->line, "the barometer “%s” is measured as %s in the project, not %s",
                   stored->key, kith_measure_to_string (stored->measure), row->field[COL_MEASURE]);
          return TRUE;
        }
      if (better == NULL)
        better = stored->higher_is_better ? "higher" : "lower";
      if (g_str_equal (stored->label, row->field[COL_LABEL]) && g_str_equal (stored->goal, row->field[COL_GOAL])
          && stored->is_key == is_key && stored->higher_is_better == g_str_equal (better, "higher"))
        return TRUE;
      /* the source stays as first imported: each figure keeps its own */
      stmt = kith_db_prepare (project,
          "UPDATE barometers SET label = ?2, goal = ?3, role = ?4, better = ?7, modified = ?8 WHERE key = ?1",
          error);
      import->report->n_barometers_updated++;
    }
  if (stmt == NULL)
    return FALSE;
  kith_db_bind_str (stmt, 1, row->field[COL_KEY]);
  kith_db_bind_str (stmt, 2, row->field[COL_LABEL]);
  kith_db_bind_str (stmt, 3, row->field[COL_GOAL]);
  kith_db_bind_str (stmt, 4, row->field[COL_ROLE]);
  if (stored == NULL)
    {
      kith_db_bind_str (stmt, 5, row->field[COL_SOURCE]);
      kith_db_bind_str (stmt, 6, row->field[COL_MEASURE]);
    }
  kith_db_bind_str (stmt, 7, better != NULL ? better : "higher");
  kith_db_bind_str (stmt, 8, now);
  return kith_db_run (project, stmt, error);
}

static gboolean
store_value (Import       *import,
             sqlite3_stmt *stmt,
             const Row    *row,
             const char   *now,
             GError      **error)
{
  sqlite3_reset (stmt);
  kith_db_bind_str (stmt, 1, row->field[COL_KEY]);
  kith_db_bind_str (stmt, 2, row->field[COL_GEOGRAPHY]);
  kith_db_bind_str (stmt, 3, kith_geography_level_to_string (row->level));
  kith_db_bind_str (stmt, 4, row->field[COL_PERIOD]);
  if (row->has_value)
    sqlite3_bind_double (stmt, 5, row->value);
  else
    sqlite3_bind_null (stmt, 5);
  kith_db_bind_str (stmt, 6, row->field[COL_SOURCE]);
  kith_db_bind_str (stmt, 7, row->field[COL_WHERE]);
  kith_db_bind_str (stmt, 8, import->report->file);
  sqlite3_bind_int64 (stmt, 9, row->line);
  kith_db_bind_str (stmt, 10, now);
  if (!kith_db_run (import->project, stmt, error))
    return FALSE;
  if (!row->has_value)
    import->report->n_named_only++;
  else if (sqlite3_changes (kith_project_get_db (import->project)) > 0)
    import->report->n_values_new++;
  else
    import->report->n_values_unchanged++;
  return TRUE;
}

static char *
value_place (const char *key,
             const char *geography,
             const char *period)
{
  g_autofree char *geo = g_utf8_casefold (geography, -1);
  g_autofree char *per = g_utf8_casefold (period, -1);

  return g_strdup_printf ("%s\t%s\t%s", key, geo, per);
}

/* Every figure that disagrees with another where this file has a figure. */
static gboolean
collect_conflicts (Import  *import,
                   GError **error)
{
  g_autoptr(GHashTable) touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) values = NULL;

  for (guint i = 0; i < import->rows->len; i++)
    {
      Row *row = g_ptr_array_index (import->rows, i);
      if (row->has_value)
        g_hash_table_add (touched, value_place (row->field[COL_KEY], row->field[COL_GEOGRAPHY], row->field[COL_PERIOD]));
    }
  values = kith_barometers_values (import->project, 0, error);
  if (values == NULL)
    return FALSE;
  for (guint i = 0; i < values->len; i++)
    {
      KithBarometerValue *v = g_ptr_array_index (values, i);
      g_autofree char *place = value_place (v->barometer, v->geography, v->period);
      if (v->conflict && g_hash_table_contains (touched, place))
        g_ptr_array_add (import->report->conflicts, kith_barometer_value_copy (v));
    }
  return TRUE;
}

static gboolean
store (Import  *import,
       GError **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *now = kith_now_iso8601 ();
  g_autoptr(GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);

  /* barometers in the order the file names them */
  for (guint i = 0; i < import->rows->len; i++)
    {
      Row *row = g_ptr_array_index (import->rows, i);
      if (g_hash_table_contains (done, row->field[COL_KEY]))
        continue;
      g_hash_table_add (done, row->field[COL_KEY]);
      if (!store_barometer (import, row, error))
        return FALSE;
    }
  if (import->report->problems->len > 0)
    return TRUE;
  insert = kith_db_prepare (import->project,
      "INSERT OR IGNORE INTO barometer_values "
      "(barometer_id, geography, level, period, value, source, where_stated, file, line, imported) "
      "VALUES ((SELECT id FROM barometers WHERE key = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", error);
  if (insert == NULL)
    return FALSE;
  for (guint i = 0; i < import->rows->len; i++)
    if (!store_value (import, insert, g_ptr_array_index (import->rows, i), now, error))
      return FALSE;
  return collect_conflicts (import, error);
}

static gboolean
import_text (Import     *import,
             const char *path,
             const char *text,
             GError    **error)
{
  KithBarometerImport *report = import->report;
  char delimiter = kith_csv_guess_delimiter (path, text, strlen (text), '#');

  if (delimiter == 0)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_UNSUPPORTED,
                   _("%s: cannot tell whether this is CSV or TSV: its first line has neither commas nor tabs"),
                   report->file);
      return FALSE;
    }
  report->format = g_strdup (delimiter == ',' ? "CSV" : "TSV");
  if (read_rows (import, text, delimiter) && report->problems->len == 0)
    {
      if (!kith_project_begin (import->project, error))
        return FALSE;
      if (!store (import, error))
        {
          kith_project_rollback (import->project);
          return FALSE;
        }
      if (report->problems->len == 0)
        return kith_project_commit (import->project, error);
      kith_project_rollback (import->project);
    }
  g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID, _("%s: %u bad %s; nothing from this file was stored"),
               report->file, report->problems->len, report->problems->len == 1 ? "row" : "rows");
  return FALSE;
}

gboolean
kith_barometers_import_file (KithProject          *project,
                             const char           *path,
                             KithBarometerImport **report,
                             GError              **error)
{
  g_autoptr(KithBarometerImport) r = g_new0 (KithBarometerImport, 1);
  g_autoptr(GError) local = NULL;
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;
  Import import = { 0 };
  gboolean ok;

  g_return_val_if_fail (KITH_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (report != NULL)
    *report = NULL;
  r->file = g_filename_display_basename (path);
  r->problems = g_ptr_array_new_with_free_func (g_free);
  r->conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_barometer_value_free);
  if (!g_file_get_contents (path, &data, &len, &local))
    {
      g_set_error (error, KITH_ERROR, local->code == G_FILE_ERROR_NOENT ? KITH_ERROR_NOT_FOUND : KITH_ERROR_IO,
                   "%s", local->message);
      return FALSE;
    }
  if (len > MAX_FILE_SIZE)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_TOO_LARGE, _("%s: the file is over 64 MB: not a barometer table"),
                   r->file);
      return FALSE;
    }
  text = decode (r->file, data, len, &r->encoding, error);
  if (text == NULL)
    return FALSE;

  import.project = project;
  import.report = r;
  import.rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  import.first_rows = g_hash_table_new (g_str_hash, g_str_equal);
  ok = import_text (&import, path, text, error);
  g_hash_table_unref (import.first_rows);
  g_ptr_array_unref (import.rows);
  if (report != NULL && r->format != NULL)
    *report = g_steal_pointer (&r);
  return ok;
}

gboolean
kith_barometers_file_is_table (const char *path)
{
  g_autofree char *head = NULL;
  g_autofree char *text = NULL;
  g_autofree char *encoding = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(KithCsvReader) reader = NULL;
  g_auto(GStrv) fields = NULL;
  gsize len = 0;
  char delimiter;
  gboolean goal = FALSE, key = FALSE;

  if (kith_csv_guess_delimiter (path, "", 0, 0) == 0)
    return FALSE;
  /* the header is near the top, after a few comment lines */
  file = g_file_new_for_path (path);
  stream = g_file_read (file, NULL, NULL);
  head = g_malloc (16384);
  if (stream == NULL
      || !g_input_stream_read_all (G_INPUT_STREAM (stream), head, 16384, &len, NULL, NULL))
    return FALSE;
  text = decode ("", head, len, &encoding, NULL);
  if (text == NULL)
    return FALSE;
  delimiter = kith_csv_guess_delimiter (path, text, strlen (text), '#');
  reader = kith_csv_reader_new (text, strlen (text), delimiter, delimiter == ',');
  kith_csv_reader_set_comment (reader, '#');
  if (!kith_csv_reader_next (reader, &fields, NULL, NULL))
    return FALSE;
  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *name = kith_csv_normalise_name (fields[i]);
      goal |= g_str_equal (name, columns[COL_GOAL].name);
      key |= g_str_equal (name, columns[COL_KEY].name);
    }
  return goal && key;
}
