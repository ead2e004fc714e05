/* kith-xlsx.c — workbooks for Excel and R
 *
 * libxlsxwriter writes to a file: a private temporary one (0600, removed
 * at once), whose bytes the caller writes where the user asked, so an
 * export is never half-written in place. Sheet names and headers stay in
 * English, as in the CSV: R scripts and formulas refer to them.
 */
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "kith-cases.h"
#include "kith-codes.h"
#include "kith-error.h"
#include "kith-extracts.h"
#include "kith-i18n.h"
#include "kith-xlsx.h"

#define MAX_WIDTH 60.0
#define TEXT_WIDTH 70.0

typedef struct
{
  lxw_workbook *book;
  lxw_format   *header;
  lxw_format   *wrap;
  lxw_format   *date;
  char         *path;
} Book;

static gboolean
book_open (Book *b, GError **error)
{
  g_autoptr(GError) local = NULL;
  int fd = g_file_open_tmp ("kith-export-XXXXXX.xlsx", &b->path, &local);

  if (fd < 0)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_IO, _("Cannot make a temporary file for the workbook: %s"), local->message);
      return FALSE;
    }
  close (fd);
  b->book = workbook_new (b->path);
  if (b->book == NULL)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_IO, _("Cannot start the workbook"));
      return FALSE;
    }
  b->header = workbook_add_format (b->book);
  format_set_bold (b->header);
  format_set_bottom (b->header, LXW_BORDER_THIN);
  format_set_text_wrap (b->header);
  format_set_align (b->header, LXW_ALIGN_VERTICAL_TOP);
  b->wrap = workbook_add_format (b->book);
  format_set_text_wrap (b->wrap);
  format_set_align (b->wrap, LXW_ALIGN_VERTICAL_TOP);
  b->date = workbook_add_format (b->book);
  format_set_num_format (b->date, "yyyy-mm-dd hh:mm");
  format_set_align (b->date, LXW_ALIGN_VERTICAL_TOP);
  return TRUE;
}

/* Closes the workbook and returns its bytes; removes the temporary file. */
static GBytes *
book_close (Book *b, GError **error)
{
  lxw_error rc = workbook_close (b->book);
  g_autoptr(GError) local = NULL;
  char *data = NULL;
  gsize len = 0;

  b->book = NULL;
  if (rc != LXW_NO_ERROR || !g_file_get_contents (b->path, &data, &len, &local))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_IO, _("Cannot write the workbook: %s"),
                   rc != LXW_NO_ERROR ? lxw_strerror (rc) : local->message);
      g_unlink (b->path);
      g_clear_pointer (&b->path, g_free);
      return NULL;
    }
  g_unlink (b->path);
  g_clear_pointer (&b->path, g_free);
  return g_bytes_new_take (data, len);
}

static void
book_abandon (Book *b)
{
  if (b->book != NULL)
    workbook_close (b->book);
  if (b->path != NULL)
    g_unlink (b->path);
  g_clear_pointer (&b->path, g_free);
}

/* A sheet with @n header cells, frozen and filtered over @n_rows rows. */
static lxw_worksheet *
sheet_new (Book *b, const char *name, const char *const *headers, guint n, guint n_rows)
{
  lxw_worksheet *sheet = workbook_add_worksheet (b->book, name);

  for (guint c = 0; c < n; c++)
    worksheet_write_string (sheet, 0, (lxw_col_t) c, headers[c], b->header);
  worksheet_freeze_panes (sheet, 1, 0);
  worksheet_autofilter (sheet, 0, 0, n_rows, (lxw_col_t) (n > 0 ? n - 1 : 0));
  return sheet;
}

/* Widths from what the columns hold, in characters. */
static void
set_widths (lxw_worksheet *sheet, const double *widths, guint n, guint wrap_column, lxw_format *wrap)
{
  for (guint c = 0; c < n; c++)
    {
      double w = CLAMP (widths[c] + 2, 6.0, c == wrap_column ? TEXT_WIDTH : MAX_WIDTH);
      worksheet_set_column (sheet, (lxw_col_t) c, (lxw_col_t) c, w, c == wrap_column ? wrap : NULL);
    }
}

static void
grow (double *width, const char *text)
{
  if (text != NULL)
    *width = MAX (*width, (double) g_utf8_strlen (text, -1));
}

/* “2026-12-04T21:43:17Z” as a date and time; FALSE when it is not one. */
static gboolean
parse_datetime (const char *text, lxw_datetime *out)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  if (text == NULL)
    return FALSE;
  dt = g_date_time_new_from_iso8601 (text, utc);
  if (dt == NULL)
    {
      /* a date alone, as attributes hold them */
      int y, m, d;
      if (sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 || strlen (text) != 10)
        return FALSE;
      *out = (lxw_datetime) { y, m, d, 0, 0, 0 };
      return g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
    }
  *out = (lxw_datetime) { g_date_time_get_year (dt), g_date_time_get_month (dt), g_date_time_get_day_of_month (dt),
                          g_date_time_get_hour (dt), g_date_time_get_minute (dt), g_date_time_get_seconds (dt) };
  return TRUE;
}

static void
write_text (lxw_worksheet *sheet, guint row, guint col, const char *text, lxw_format *format)
{
  if (text != NULL && *text != '\0')
    worksheet_write_string (sheet, row, (lxw_col_t) col, text, format);
}

/* A value of a typed attribute: a number or a date where it is one. */
static void
write_value (Book *b, lxw_worksheet *sheet, guint row, guint col, const char *value, KithAttributeType type)
{
  lxw_datetime dt;
  char *end = NULL;
  double number;

  if (value == NULL || *value == '\0')
    return;
  if (type == KITH_ATTRIBUTE_NUMBER && (number = g_ascii_strtod (value, &end), end != value && *end == '\0'))
    worksheet_write_number (sheet, row, (lxw_col_t) col, number, NULL);
  else if (type == KITH_ATTRIBUTE_DATE && parse_datetime (value, &dt))
    {
      lxw_format *f = b->date;
      worksheet_write_datetime (sheet, row, (lxw_col_t) col, &dt, f);
    }
  else
    worksheet_write_string (sheet, row, (lxw_col_t) col, value, NULL);
}

static void
matrix_sheet (Book *b, const KithMatrix *m)
{
  guint n = m->columns->len + 1;
  g_autofree const char **headers = g_new0 (const char *, n);
  g_autofree double *widths = g_new0 (double, n);
  lxw_worksheet *sheet;

  headers[0] = m->row_kind;
  grow (&widths[0], m->row_kind);
  for (guint c = 0; c < m->columns->len; c++)
    {
      headers[c + 1] = g_ptr_array_index (m->columns, c);
      widths[c + 1] = MIN (12.0, (double) g_utf8_strlen (headers[c + 1], -1));
    }
  sheet = sheet_new (b, "Matrix", headers, n, m->rows->len);
  for (guint r = 0; r < m->rows->len; r++)
    {
      KithMatrixRow *row = g_ptr_array_index (m->rows, r);

      write_text (sheet, r + 1, 0, row->label, NULL);
      grow (&widths[0], row->label);
      for (guint c = 0; c < m->columns->len; c++)
        worksheet_write_number (sheet, r + 1, (lxw_col_t) (c + 1), (double) row->cells[c], NULL);
    }
  set_widths (sheet, widths, n, G_MAXUINT, NULL);
}

GBytes *
kith_xlsx_matrix (const KithMatrix *matrix,
                  GError          **error)
{
  Book b = { 0 };

  if (!book_open (&b, error))
    {
      book_abandon (&b);
      return NULL;
    }
  matrix_sheet (&b, matrix);
  return book_close (&b, error);
}

typedef struct
{
  const char *goal, *dimension, *outcome;
  guint       n_codings;
  GHashTable *documents, *cases;
} CodeInfo;

static void
code_info_free (CodeInfo *info)
{
  g_hash_table_unref (info->documents);
  g_hash_table_unref (info->cases);
  g_free (info);
}

GBytes *
kith_xlsx_extracts (KithProject      *project,
                    GPtrArray        *extracts,
                    GPtrArray        *attributes,
                    const KithMatrix *matrix,
                    GError          **error)
{
  static const char *const fixed[] = {
    "document", "code", "goal", "dimension", "outcome", "start", "end", "text", "speaker", "case",
  };
  static const char *const tail[] = { "coder", "origin", "memo", "created", "coding_id" };
  enum { TEXT_COLUMN = 7 };
  g_autoptr(GPtrArray) codes = kith_codes_list (project, error);
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GHashTable) info = NULL;
  guint n_attr = attributes != NULL ? attributes->len : 0;
  guint n = G_N_ELEMENTS (fixed) + n_attr + G_N_ELEMENTS (tail);
  g_autofree const char **headers = g_new0 (const char *, n);
  g_autofree double *widths = g_new0 (double, n);
  lxw_worksheet *sheet;
  Book b = { 0 };

  if (codes == NULL)
    return NULL;
  /* each code's place in the framework: its own, else its nearest ancestor's */
  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  info = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) code_info_free);
  for (guint i = 0; i < codes->len; i++)
    g_hash_table_insert (by_id, &((KithCode *) g_ptr_array_index (codes, i))->id, g_ptr_array_index (codes, i));
  for (guint i = 0; i < codes->len; i++)
    {
      KithCode *code = g_ptr_array_index (codes, i);
      CodeInfo *ci = g_new0 (CodeInfo, 1);

      ci->documents = g_hash_table_new (g_int64_hash, g_int64_equal);
      ci->cases = g_hash_table_new (g_int64_hash, g_int64_equal);
      for (KithCode *up = code; up != NULL; up = g_hash_table_lookup (by_id, &up->parent_id))
        {
          ci->goal = ci->goal != NULL ? ci->goal : up->goal;
          ci->dimension = ci->dimension != NULL ? ci->dimension : up->dimension;
          ci->outcome = ci->outcome != NULL ? ci->outcome : up->outcome_key;
        }
      g_hash_table_insert (info, &code->id, ci);
    }

  if (!book_open (&b, error))
    {
      book_abandon (&b);
      return NULL;
    }
  for (guint c = 0; c < n; c++)
    {
      headers[c] = c < G_N_ELEMENTS (fixed) ? fixed[c]
                 : c < G_N_ELEMENTS (fixed) + n_attr ? ((KithAttribute *) g_ptr_array_index (attributes, c - G_N_ELEMENTS (fixed)))->name
                 : tail[c - G_N_ELEMENTS (fixed) - n_attr];
      grow (&widths[c], headers[c]);
    }
  sheet = sheet_new (&b, "Extracts", headers, n, extracts->len);
  for (guint i = 0; i < extracts->len; i++)
    {
      KithExtract *e = g_ptr_array_index (extracts, i);
      CodeInfo *ci = g_hash_table_lookup (info, &e->code_id);
      const char *texts[] = { e->document, e->code, ci ? ci->goal : NULL, ci ? ci->dimension : NULL,
                              ci ? ci->outcome : NULL };
      guint row = i + 1, col;
      lxw_datetime created;

      for (col = 0; col < G_N_ELEMENTS (texts); col++)
        {
          write_text (sheet, row, col, texts[col], NULL);
          grow (&widths[col], texts[col]);
        }
      worksheet_write_number (sheet, row, col++, (double) e->start, NULL);
      worksheet_write_number (sheet, row, col++, (double) e->end, NULL);
      write_text (sheet, row, col, e->text, b.wrap);
      grow (&widths[col++], e->text);
      write_text (sheet, row, col, e->speaker, NULL);
      grow (&widths[col++], e->speaker);
      write_text (sheet, row, col, e->case_name, NULL);
      grow (&widths[col++], e->case_name);
      for (guint a = 0; a < n_attr; a++, col++)
        {
          const char *value = e->values != NULL && a < e->values->len ? g_ptr_array_index (e->values, a) : NULL;
          write_value (&b, sheet, row, col, value, ((KithAttribute *) g_ptr_array_index (attributes, a))->type);
          grow (&widths[col], value);
        }
      write_text (sheet, row, col, e->coder, NULL);
      grow (&widths[col++], e->coder);
      write_text (sheet, row, col, e->origin, NULL);
      grow (&widths[col++], e->origin);
      write_text (sheet, row, col, e->memo, b.wrap);
      grow (&widths[col++], e->memo);
      if (parse_datetime (e->created, &created))
        worksheet_write_datetime (sheet, row, col, &created, b.date);
      widths[col++] = 16;
      worksheet_write_number (sheet, row, col++, (double) e->coding_id, NULL);
      if (ci != NULL)
        {
          ci->n_codings++;
          g_hash_table_add (ci->documents, &e->document_id);
          if (e->case_id != 0)
            g_hash_table_add (ci->cases, &e->case_id);
        }
    }
  set_widths (sheet, widths, n, TEXT_COLUMN, b.wrap);

  {
    const char *freq_headers[] = { "code", "goal", "dimension", "outcome", "codings", "documents", "cases" };
    double freq_widths[G_N_ELEMENTS (freq_headers)] = { 0 };
    lxw_worksheet *freq = sheet_new (&b, "Code frequencies", freq_headers, G_N_ELEMENTS (freq_headers), codes->len);

    for (guint c = 0; c < G_N_ELEMENTS (freq_headers); c++)
      grow (&freq_widths[c], freq_headers[c]);
    for (guint i = 0; i < codes->len; i++)
      {
        KithCode *code = g_ptr_array_index (codes, i);
        CodeInfo *ci = g_hash_table_lookup (info, &code->id);
        const char *texts[] = { code->path, ci->goal, ci->dimension, ci->outcome };

        for (guint c = 0; c < G_N_ELEMENTS (texts); c++)
          {
            write_text (freq, i + 1, c, texts[c], NULL);
            grow (&freq_widths[c], texts[c]);
          }
        worksheet_write_number (freq, i + 1, 4, ci->n_codings, NULL);
        worksheet_write_number (freq, i + 1, 5, g_hash_table_size (ci->documents), NULL);
        worksheet_write_number (freq, i + 1, 6, g_hash_table_size (ci->cases), NULL);
      }
    set_widths (freq, freq_widths, G_N_ELEMENTS (freq_headers), G_MAXUINT, NULL);
  }
  if (matrix != NULL)
    matrix_sheet (&b, matrix);
  return book_close (&b, error);
}
