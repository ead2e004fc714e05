/* kith-csv.c */
#include <string.h>

#include "kith-csv.h"
#include "kith-error.h"

static void
append_field (GString    *out,
              const char *field)
{
  if (field == NULL)
    field = "";
  if (strpbrk (field, ",\"\r\n") == NULL && field[0] != ' ' && field[0] != '\t')
    {
      g_string_append (out, field);
      return;
    }
  g_string_append_c (out, '"');
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

void
kith_csv_append_row (GString           *out,
                     const char *const *fields,
                     guint              n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_field (out, fields[i]);
    }
  g_string_append (out, "\r\n");
}

/* ---- reading --------------------------------------------------------------- */

struct _KithCsvReader
{
  const char *p, *end;
  char        separator;
  guint       line;         /* the line p is on */
  guint       record_line;  /* where the last record started */
};

static char
choose_separator (const char *p, const char *end)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (; p < end && (quoted || (*p != '\n' && *p != '\r')); p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted)
        {
          commas += *p == ',';
          semicolons += *p == ';';
          tabs += *p == '\t';
        }
    }
  if (semicolons > commas && semicolons >= tabs)
    return ';';
  if (tabs > commas && tabs > semicolons)
    return '\t';
  return ',';
}

KithCsvReader *
kith_csv_reader_new (const char *text,
                     gsize       len)
{
  KithCsvReader *reader = g_new0 (KithCsvReader, 1);

  reader->p = text;
  reader->end = text + len;
  if (len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    reader->p += 3;
  reader->separator = choose_separator (reader->p, reader->end);
  reader->line = 1;
  return reader;
}

void
kith_csv_reader_free (KithCsvReader *reader)
{
  g_free (reader);
}

guint
kith_csv_reader_get_line (KithCsvReader *reader)
{
  return reader->record_line;
}

/* Past a line end (LF, CRLF or a lone CR) at r->p, if there is one. */
static gboolean
skip_line_end (KithCsvReader *r)
{
  if (r->p < r->end && *r->p == '\r')
    {
      r->p++;
      if (r->p < r->end && *r->p == '\n')
        r->p++;
      r->line++;
      return TRUE;
    }
  if (r->p < r->end && *r->p == '\n')
    {
      r->p++;
      r->line++;
      return TRUE;
    }
  return FALSE;
}

static gboolean
read_quoted (KithCsvReader *r,
             GString       *field,
             GError       **error)
{
  guint opened = r->line;

  r->p++;  /* the opening quote */
  for (;;)
    {
      if (r->p >= r->end)
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID,
                       "line %u: a quoted field is not closed (the quote opened here has no closing quote)", opened);
          return FALSE;
        }
      if (*r->p == '"')
        {
          if (r->p + 1 < r->end && r->p[1] == '"')
            {
              g_string_append_c (field, '"');
              r->p += 2;
              continue;
            }
          r->p++;
          break;
        }
      if (*r->p == '\r' || *r->p == '\n')
        {
          /* a line break inside a field is one LF, whatever the file uses */
          skip_line_end (r);
          g_string_append_c (field, '\n');
          continue;
        }
      g_string_append_c (field, *r->p++);
    }
  if (r->p < r->end && *r->p != r->separator && *r->p != '\r' && *r->p != '\n')
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID,
                   "line %u: text after the closing quote of a field (a quote inside a quoted field must be doubled: \"\")",
                   r->line);
      return FALSE;
    }
  return TRUE;
}

GStrv
kith_csv_reader_next (KithCsvReader *r,
                      GError       **error)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GString) field = NULL;

  /* blank lines are not records */
  while (skip_line_end (r))
    ;
  if (r->p >= r->end)
    return NULL;
  r->record_line = r->line;
  fields = g_ptr_array_new_with_free_func (g_free);
  field = g_string_new (NULL);
  for (;;)
    {
      if (r->p < r->end && *r->p == '"')
        {
          if (!read_quoted (r, field, error))
            return NULL;
        }
      else
        while (r->p < r->end && *r->p != r->separator && *r->p != '\r' && *r->p != '\n')
          g_string_append_c (field, *r->p++);
      g_ptr_array_add (fields, g_strdup (field->str));
      g_string_truncate (field, 0);
      if (r->p < r->end && *r->p == r->separator)
        {
          r->p++;
          continue;
        }
      skip_line_end (r);
      break;
    }
  g_ptr_array_add (fields, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&fields), FALSE);
}
