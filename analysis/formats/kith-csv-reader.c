/* kith-csv-reader.c */
#include <string.h>

#include "kith-csv-reader.h"
#include "kith-error.h"
#include "kith-i18n.h"

struct _KithCsvReader
{
  const char *text;
  gsize       len;
  gsize       pos;
  guint       line;      /* the line @pos is on */
  char        delimiter;
  char        comment;
  gboolean    quoted;
};

KithCsvReader *
kith_csv_reader_new (const char *text,
                     gsize       len,
                     char        delimiter,
                     gboolean    quoted)
{
  KithCsvReader *reader = g_new0 (KithCsvReader, 1);

  g_return_val_if_fail (text != NULL || len == 0, reader);
  /* a UTF-8 byte-order mark, as spreadsheets write, is not data */
  if (len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      len -= 3;
    }
  reader->text = text;
  reader->len = len;
  reader->line = 1;
  reader->delimiter = delimiter;
  reader->quoted = quoted;
  return reader;
}

void
kith_csv_reader_free (KithCsvReader *reader)
{
  g_free (reader);
}

void
kith_csv_reader_set_comment (KithCsvReader *reader,
                             char           comment)
{
  reader->comment = comment;
}

static gboolean
at_end (KithCsvReader *r)
{
  return r->pos >= r->len;
}

/* Consumes a line break (LF, CRLF or a lone CR) at the current position. */
static gboolean
take_line_break (KithCsvReader *r)
{
  if (at_end (r))
    return FALSE;
  if (r->text[r->pos] == '\r')
    {
      r->pos++;
      if (!at_end (r) && r->text[r->pos] == '\n')
        r->pos++;
    }
  else if (r->text[r->pos] == '\n')
    r->pos++;
  else
    return FALSE;
  r->line++;
  return TRUE;
}

static void
skip_rest_of_line (KithCsvReader *r)
{
  while (!at_end (r) && r->text[r->pos] != '\n' && r->text[r->pos] != '\r')
    r->pos++;
  take_line_break (r);
}

/* A quoted field, the opening quote at the current position. */
static gboolean
read_quoted (KithCsvReader *r,
             GString       *field,
             guint          start_line,
             GError       **error)
{
  r->pos++;
  for (;;)
    {
      char c;

      if (at_end (r))
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID,
                       _("line %u: a quoted field is not closed (a \" is missing)"), start_line);
          return FALSE;
        }
      c = r->text[r->pos];
      if (c == '"')
        {
          if (r->pos + 1 < r->len && r->text[r->pos + 1] == '"')
            {
              g_string_append_c (field, '"');
              r->pos += 2;
              continue;
            }
          r->pos++;
          break;
        }
      if (c == '\r')
        {
          /* line breaks inside a field become LF, like every text in Kith */
          if (r->pos + 1 < r->len && r->text[r->pos + 1] == '\n')
            r->pos++;
          c = '\n';
        }
      if (c == '\n')
        r->line++;
      g_string_append_c (field, c);
      r->pos++;
    }
  if (!at_end (r) && r->text[r->pos] != r->delimiter
      && r->text[r->pos] != '\n' && r->text[r->pos] != '\r')
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID,
                   _("line %u: text follows the closing quote of a field (write a quote inside a quoted field as \"\")"),
                   r->line);
      return FALSE;
    }
  return TRUE;
}

gboolean
kith_csv_reader_next (KithCsvReader *reader,
                      GStrv         *fields,
                      guint         *line,
                      GError       **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(GString) field = NULL;
  guint start_line;

  *fields = NULL;
  /* blank lines and comments */
  while (!at_end (reader))
    {
      char c = reader->text[reader->pos];
      if (c == '\n' || c == '\r')
        take_line_break (reader);
      else if (reader->comment != 0 && c == reader->comment)
        skip_rest_of_line (reader);
      else
        break;
    }
  if (at_end (reader))
    return FALSE;

  start_line = reader->line;
  if (line != NULL)
    *line = start_line;
  builder = g_strv_builder_new ();
  field = g_string_new (NULL);
  for (;;)
    {
      gboolean end_of_record;

      if (reader->quoted && !at_end (reader) && reader->text[reader->pos] == '"')
        {
          if (!read_quoted (reader, field, start_line, error))
            {
              skip_rest_of_line (reader);
              return FALSE;
            }
        }
      else
        {
          gsize from = reader->pos;
          while (!at_end (reader) && reader->text[reader->pos] != reader->delimiter
                 && reader->text[reader->pos] != '\n' && reader->text[reader->pos] != '\r')
            reader->pos++;
          g_string_append_len (field, reader->text + from, (gssize) (reader->pos - from));
        }
      g_strv_builder_add (builder, field->str);
      g_string_truncate (field, 0);
      end_of_record = at_end (reader) || take_line_break (reader);
      if (end_of_record)
        break;
      reader->pos++;   /* the delimiter */
    }
  *fields = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
has_suffix_nocase (const char *name,
                   const char *suffix)
{
  gsize n = strlen (name), s = strlen (suffix);

  return n >= s && g_ascii_strcasecmp (name + n - s, suffix) == 0;
}

char
kith_csv_guess_delimiter (const char *filename,
                          const char *text,
                          gsize       len,
                          char        comment)
{
  gsize pos = 0;

  if (filename != NULL)
    {
      if (has_suffix_nocase (filename, ".csv"))
        return ',';
      if (has_suffix_nocase (filename, ".tsv") || has_suffix_nocase (filename, ".tab"))
        return '\t';
    }
  if (len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    pos = 3;
  while (pos < len)
    {
      gsize end = pos;
      while (end < len && text[end] != '\n' && text[end] != '\r')
        end++;
      if (end > pos && !(comment != 0 && text[pos] == comment))
        {
          /* the first line decides: tabs win ties; a semicolon wins only
           * over fewer commas (European spreadsheets write “;”) */
          guint tabs = 0, commas = 0, semicolons = 0;
          gboolean quoted = FALSE;
          for (gsize i = pos; i < end; i++)
            {
              if (text[i] == '"')
                quoted = !quoted;
              else if (!quoted)
                {
                  tabs += text[i] == '\t';
                  commas += text[i] == ',';
                  semicolons += text[i] == ';';
                }
            }
          if (tabs > 0 && tabs >= commas && tabs >= semicolons)
            return '\t';
          if (semicolons > commas)
            return ';';
          return commas > 0 ? ',' : 0;
        }
      pos = end + 1;
    }
  return 0;
}

KithCsvReader *
kith_csv_reader_new_guessed (const char *text,
                             gsize       len)
{
  char delimiter = kith_csv_guess_delimiter (NULL, text, len, 0);

  return kith_csv_reader_new (text, len, delimiter != 0 ? delimiter : ',', TRUE);
}

char *
kith_csv_normalise_name (const char *name)
{
  char *key = g_ascii_strdown (name, -1);

  g_strstrip (key);
  for (char *p = key; *p != '\0'; p++)
    if (*p == ' ' || *p == '-')
      *p = '_';
  return key;
}
