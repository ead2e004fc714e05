/* kith-import-survey.c — survey exports: CSV, one row per respondent
 *
 * The user names the free-text columns (or, when there is exactly one
 * column of long free text, it is found) and the id column (or a column
 * headed id, respondent, participant … or else the first column, when its
 * values are unique). Each respondent becomes a case named by its id; the
 * other columns become the case's attributes (a heading “age:number” gives
 * the type). Then either
 *
 *   responses   one document per respondent with an answer, linked to the
 *               case; with several free-text columns, each answer comes
 *               under its column's heading
 *   columns     one document per free-text column, one turn per respondent
 *               (“R017: the answer”), each turn linked to its case
 *
 * All in one transaction: a file with any problem (listed by line) leaves
 * nothing behind. Documents made from part of a file store, as their
 * SHA-256, a hash of the file's and the part's identity, so the same survey
 * imported the same way again is a duplicate, and imported with other
 * columns is not.
 */
#include <string.h>

#include "kith-cases.h"
#include "kith-csv-reader.h"
#include "kith-db-private.h"
#include "kith-documents.h"
#include "kith-import-private.h"
#include "kith-i18n.h"

#define MAX_SURVEY_BYTES     ((goffset) 256 * 1024 * 1024)
#define FREE_TEXT_MIN_LENGTH 30   /* mean characters of a free-text answer */

typedef struct
{
  GPtrArray *rows;        /* GStrv, header first */
  GArray    *lines;       /* guint: each row's line */
  guint      n_columns;
  int       *text;        /* column indices, -1 ended */
  int        id;
  GPtrArray *problems;
} Survey;

static void
survey_clear (Survey *s)
{
  g_clear_pointer (&s->rows, g_ptr_array_unref);
  g_clear_pointer (&s->lines, g_array_unref);
  g_clear_pointer (&s->text, g_free);
  g_clear_pointer (&s->problems, g_ptr_array_unref);
}

static const char *const *
row_at (Survey *s, guint i)
{
  return s->rows->pdata[i];
}

static guint
line_at (Survey *s, guint i)
{
  return g_array_index (s->lines, guint, i);
}

static gboolean
read_rows (Survey     *s,
           const char *text,
           gsize       len,
           GError    **error)
{
  g_autoptr(KithCsvReader) reader = kith_csv_reader_new_guessed (text, len);

  s->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  s->lines = g_array_new (FALSE, FALSE, sizeof (guint));
  for (;;)
    {
      GStrv row = NULL;
      guint line = 0;

      if (!kith_csv_reader_next (reader, &row, &line, error))
        break;
      if (s->rows->len == 0)
        s->n_columns = g_strv_length (row);
      else if (g_strv_length (row) != s->n_columns)
        kith_cases_add_problem (s->problems, _("line %u: %u %s, but the heading line has %u"), line,
                                g_strv_length (row), g_strv_length (row) == 1 ? "field" : "fields", s->n_columns);
      g_ptr_array_add (s->rows, row);
      g_array_append_val (s->lines, line);
    }
  if (error != NULL && *error != NULL)
    return FALSE;
  if (s->rows->len < 2)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_EMPTY,
                   s->rows->len == 0 ? _("the file is empty") : _("the file has a heading line but no responses"));
      return FALSE;
    }
  if (s->problems->len > 0)
    return kith_cases_problems_error (s->problems, error);
  return TRUE;
}

static char *
columns_list (Survey *s)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint c = 0; c < s->n_columns; c++)
    g_string_append_printf (list, "%s“%s”", c > 0 ? ", " : "", row_at (s, 0)[c]);
  return g_string_free (g_steal_pointer (&list), FALSE);
}

static int
find_column (Survey     *s,
             const char *name,
             GError    **error)
{
  g_autofree char *list = NULL;

  for (guint c = 0; c < s->n_columns; c++)
    if (g_str_equal (row_at (s, 0)[c], name))
      return (int) c;
  /* headings often differ only in case or spaces around them */
  for (guint c = 0; c < s->n_columns; c++)
    {
      g_autofree char *heading = g_strstrip (g_strdup (row_at (s, 0)[c]));
      g_autofree char *wanted = g_strstrip (g_strdup (name));
      if (g_utf8_collate (heading, wanted) == 0 || g_ascii_strcasecmp (heading, wanted) == 0)
        return (int) c;
    }
  list = columns_list (s);
  g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID, _("there is no column “%s” (the columns are %s)"), name, list);
  return -1;
}

/* A column of free text: mostly answered, with long answers in words. */
static gboolean
is_free_text (Survey *s,
              guint   column)
{
  guint answered = 0, worded = 0;
  gint64 chars = 0;

  for (guint r = 1; r < s->rows->len; r++)
    {
      const char *v = row_at (s, r)[column];
      g_autofree char *trimmed = g_strstrip (g_strdup (v));
      if (*trimmed == '\0')
        continue;
      answered++;
      chars += g_utf8_strlen (trimmed, -1);
      worded += strchr (trimmed, ' ') != NULL;
    }
  return answered > 0 && answered * 2 >= s->rows->len - 1 && worded * 2 >= answered
         && chars >= (gint64) answered * FREE_TEXT_MIN_LENGTH;
}

static gboolean
is_id_heading (const char *heading)
{
  static const char *const names[] = {
    "id", "respondent", "respondentid", "respondentno", "respondentnumber", "responseid",
    "participant", "participantid", "case", "caseid", "ref", "reference",
  };
  g_autoptr(GString) folded = g_string_new (NULL);

  for (const char *p = heading; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (folded, g_ascii_tolower (*p));
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (folded->str, names[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_text_column (Survey *s, int column)
{
  for (guint i = 0; s->text[i] >= 0; i++)
    if (s->text[i] == column)
      return TRUE;
  return FALSE;
}

static gboolean
values_unique (Survey *s, guint column)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint r = 1; r < s->rows->len; r++)
    {
      char *v = g_strstrip (g_strdup (row_at (s, r)[column]));
      if (*v == '\0')
        {
          g_free (v);
          return FALSE;
        }
      /* a value seen before replaces, and frees, the earlier copy */
      if (!g_hash_table_add (seen, v))
        return FALSE;
    }
  return TRUE;
}

/* FALSE with @error, or with *@skip set when a folder import should skip
 * the file (no choice made and none can be made for the user). */
static gboolean
choose_columns (Survey                  *s,
                const KithImportOptions *options,
                char                   **skip,
                GError                 **error)
{
  g_autoptr(GArray) text = g_array_new (FALSE, FALSE, sizeof (int));
  int end = -1;

  if (options->text_columns != NULL && options->text_columns[0] != NULL)
    for (guint i = 0; options->text_columns[i] != NULL; i++)
      {
        int c = find_column (s, options->text_columns[i], error);
        if (c < 0)
          return FALSE;
        g_array_append_val (text, c);
      }
  else
    {
      g_autoptr(GString) found = g_string_new (NULL);
      for (guint c = 0; c < s->n_columns; c++)
        if (is_free_text (s, c) && !(options->id_column != NULL && g_str_equal (row_at (s, 0)[c], options->id_column)))
          {
            int column = (int) c;
            g_array_append_val (text, column);
            g_string_append_printf (found, "%s“%s”", found->len > 0 ? ", " : "", row_at (s, 0)[c]);
          }
      if (text->len != 1)
        {
          *skip = text->len == 0
                  ? g_strdup ("a CSV file with no column of free text: to import it as a survey, choose "
                              "the free-text columns with --text-column (and the id column with --id-column)")
                  : g_strdup_printf ("a survey with several free-text columns (%s): choose them with "
                                     "--text-column (and the id column with --id-column)", found->str);
          return FALSE;
        }
    }
  g_array_append_val (text, end);
  s->text = (int *) g_array_free (g_steal_pointer (&text), FALSE);

  if (options->id_column != NULL)
    {
      s->id = find_column (s, options->id_column, error);
      if (s->id < 0)
        return FALSE;
      if (is_text_column (s, s->id))
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID,
                       _("the id column “%s” cannot also be a free-text column"), options->id_column);
          return FALSE;
        }
      return TRUE;
    }
  for (guint c = 0; c < s->n_columns; c++)
    if (is_id_heading (row_at (s, 0)[c]) && !is_text_column (s, (int) c))
      {
        s->id = (int) c;
        return TRUE;
      }
  if (!is_text_column (s, 0) && values_unique (s, 0))
    {
      s->id = 0;
      return TRUE;
    }
  {
    g_autofree char *list = columns_list (s);
    g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID,
                 _("choose the column that identifies respondents with --id-column (the columns are %s)"), list);
  }
  return FALSE;
}

/* Every respondent has an id, and only one row. */
static gboolean
check_ids (Survey  *s,
           GError **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint r = 1; r < s->rows->len; r++)
    {
      g_autofree char *id = g_strstrip (g_strdup (row_at (s, r)[s->id]));
      if (*id == '\0')
        kith_cases_add_problem (s->problems, _("line %u: no respondent id in column “%s”"), line_at (s, r),
                                row_at (s, 0)[s->id]);
      else if (g_hash_table_contains (seen, id))
        kith_cases_add_problem (s->problems, _("line %u: respondent “%s” is already on line %u"), line_at (s, r), id,
                                GPOINTER_TO_UINT (g_hash_table_lookup (seen, id)));
      else
        g_hash_table_insert (seen, g_steal_pointer (&id), GUINT_TO_POINTER (line_at (s, r)));
    }
  if (s->problems->len > 0)
    return kith_cases_problems_error (s->problems, error);
  return TRUE;
}

/* ---- documents ------------------------------------------------------------- */

typedef struct
{
  KithImportContext *ctx;
  Survey            *s;
  KithImportResult  *result;
  char              *stem;
  char              *identity;   /* what makes this import this import */
} Run;

static char *
part_sha256 (Run *run, const char *part)
{
  g_autofree char *data = g_strconcat (run->identity, "\n", part, NULL);

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, data, -1);
}

static gboolean
store (Run             *run,
       KithTextBuilder *builder,
       const char      *name,
       const char      *part,
       gint64          *id,
       GError         **error)
{
  g_autoptr(KithDocument) doc = kith_document_new ();

  if (!kith_text_builder_finish (builder, error))
    return FALSE;
  doc->name = g_strdup (name);
  doc->original_name = g_strdup (run->ctx->display_name);
  doc->kind = g_strdup ("survey");
  doc->format = g_strdup ("csv");
  doc->sha256 = part_sha256 (run, part);
  doc->encoding = g_strdup (run->ctx->encoding);
  doc->bom = run->ctx->bom;
  doc->size = run->ctx->size;
  doc->char_count = kith_text_builder_get_n_chars (builder);
  *id = kith_documents_insert (run->ctx->project, doc, kith_text_builder_get_spool (builder),
                               kith_text_builder_get_turns (builder), error);
  if (*id == 0)
    return FALSE;
  if (run->result->document_id == 0)
    {
      run->result->document_id = *id;
      run->result->document_name = g_strdup (doc->name);
    }
  run->result->n_documents++;
  run->result->n_chars += doc->char_count;
  run->result->n_turns += kith_text_builder_get_turns (builder)->len;
  run->result->n_speakers = MAX (run->result->n_speakers, kith_text_builder_get_n_speakers (builder));
  return TRUE;
}

static char *
heading_of (Survey *s, int column)
{
  return g_strstrip (g_strdup (row_at (s, 0)[column]));
}

static gboolean
responses_layout (Run     *run,
                  GArray  *case_ids,
                  GError **error)
{
  Survey *s = run->s;
  guint n_text = 0;

  while (s->text[n_text] >= 0)
    n_text++;
  for (guint r = 1; r < s->rows->len; r++)
    {
      g_autoptr(KithTextBuilder) b = kith_text_builder_new (KITH_REFLOW_NEVER, KITH_SPEAKERS_NONE);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *id = g_strstrip (g_strdup (row_at (s, r)[s->id]));
      g_autofree char *name = g_strdup_printf ("%s %s", run->stem, id);
      gint64 doc_id;

      for (guint i = 0; i < n_text; i++)
        {
          g_autofree char *answer = g_strstrip (g_strdup (row_at (s, r)[s->text[i]]));
          if (*answer == '\0')
            continue;
          if (text->len > 0)
            g_string_append_c (text, '\n');
          if (n_text > 1)
            {
              g_autofree char *heading = heading_of (s, s->text[i]);
              g_string_append_printf (text, "%s\n", heading);
            }
          g_string_append_printf (text, "%s\n", answer);
        }
      if (text->len == 0)
        continue;
      if (!kith_text_builder_append (b, text->str, text->len, error)
          || !store (run, b, name, id, &doc_id, error)
          || !kith_cases_link_document (run->ctx->project, doc_id, g_array_index (case_ids, gint64, r), error)
          || !kith_import_context_progress (run->ctx, 0.5 + 0.4 * r / s->rows->len, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
columns_layout (Run     *run,
                GError **error)
{
  Survey *s = run->s;

  for (guint i = 0; s->text[i] >= 0; i++)
    {
      g_autoptr(KithTextBuilder) b = kith_text_builder_new (KITH_REFLOW_NEVER, KITH_SPEAKERS_NONE);
      g_autofree char *heading = heading_of (s, s->text[i]);
      g_autofree char *name = g_strdup_printf ("%s: %s", run->stem, heading);
      g_autoptr(sqlite3_stmt) link = NULL;
      gboolean any = FALSE;
      gint64 doc_id;

      for (guint r = 1; r < s->rows->len; r++)
        {
          g_autofree char *answer = g_strstrip (g_strdup (row_at (s, r)[s->text[i]]));
          g_autofree char *id = g_strstrip (g_strdup (row_at (s, r)[s->id]));
          g_autofree char *turn = g_strdup_printf ("%s: %s\n", id, answer);

          if (*answer == '\0')
            continue;
          /* the turn starts after the blank line that separates it */
          if ((any && !kith_text_builder_append (b, "\n", 1, error))
              || !kith_text_builder_begin_turn (b, id, -1, g_utf8_strlen (id, -1) + 2, error)
              || !kith_text_builder_append (b, turn, strlen (turn), error))
            return FALSE;
          any = TRUE;
        }
      if (!any)
        continue;
      if (!store (run, b, name, heading, &doc_id, error))
        return FALSE;
      /* each respondent's turn to the respondent's case */
      link = kith_db_prepare (run->ctx->project,
          "UPDATE turns SET case_id = (SELECT id FROM cases WHERE name = turns.speaker) WHERE document_id = ?1",
          error);
      if (link == NULL)
        return FALSE;
      sqlite3_bind_int64 (link, 1, doc_id);
      if (!kith_db_run (run->ctx->project, link, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
store_survey (Run                     *run,
              const KithImportOptions *options,
              GError                 **error)
{
  Survey *s = run->s;
  KithProject *project = run->ctx->project;
  g_autoptr(KithAttributeColumns) attributes = NULL;
  g_autoptr(GArray) case_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  g_autofree int *others = g_new (int, s->n_columns + 1);
  guint n_others = 0;

  for (guint c = 0; c < s->n_columns; c++)
    if ((int) c != s->id && !is_text_column (s, (int) c))
      others[n_others++] = (int) c;
  others[n_others] = -1;
  attributes = kith_attribute_columns_new (project, row_at (s, 0), others, error);
  if (attributes == NULL)
    return FALSE;

  g_array_set_size (case_ids, s->rows->len);
  for (guint r = 1; r < s->rows->len; r++)
    {
      g_autofree char *id = g_strstrip (g_strdup (row_at (s, r)[s->id]));
      gint64 case_id = kith_cases_add (project, id, TRUE, NULL, error);

      if (case_id == 0)
        {
          g_prefix_error (error, _("line %u: "), line_at (s, r));
          return FALSE;
        }
      g_array_index (case_ids, gint64, r) = case_id;
      if (!kith_attribute_columns_apply (attributes, case_id, row_at (s, r), line_at (s, r), s->problems, NULL, error))
        return FALSE;
      run->result->n_cases++;
    }
  if (s->problems->len > 0)
    return kith_cases_problems_error (s->problems, error);

  if (options->survey_layout == KITH_SURVEY_COLUMNS ? !columns_layout (run, error)
                                                      : !responses_layout (run, case_ids, error))
    return FALSE;
  if (run->result->n_documents == 0)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_EMPTY, _("no respondent answered in the free-text columns"));
      return FALSE;
    }
  return TRUE;
}

/* What makes two imports of a survey the same: the file, the layout, the
 * free-text and id columns. */
static char *
import_identity (KithImportContext       *ctx,
                 Survey                  *s,
                 const KithImportOptions *options)
{
  g_autoptr(GString) identity = g_string_new (ctx->sha256);

  g_string_append_printf (identity, "\nsurvey %s\nid %s",
                          options->survey_layout == KITH_SURVEY_COLUMNS ? "columns" : "responses",
                          row_at (s, 0)[s->id]);
  for (guint i = 0; s->text[i] >= 0; i++)
    g_string_append_printf (identity, "\ntext %s", row_at (s, 0)[s->text[i]]);
  return g_string_free (g_steal_pointer (&identity), FALSE);
}

static char *
stem_of (const char *display_name)
{
  const char *dot = strrchr (display_name, '.');

  return dot != NULL && dot != display_name ? g_strndup (display_name, (gsize) (dot - display_name))
                                            : g_strdup (display_name);
}

gboolean
kith_import_survey_import (KithImportContext *ctx,
                           KithImportResult  *result,
                           GError           **error)
{
  g_autofree char *text = NULL;
  g_autofree char *skip = NULL;
  g_autofree char *first_sha = NULL;
  g_autofree char *duplicate_name = NULL;
  Survey s = { 0 };
  Run run = { ctx, &s, result, NULL, NULL };
  gboolean ok = FALSE;
  gint64 duplicate;
  gsize len = 0;

  s.problems = g_ptr_array_new_with_free_func (g_free);
  text = kith_import_context_read_utf8 (ctx, MAX_SURVEY_BYTES, "a survey", &len, error);
  if (text == NULL || !read_rows (&s, text, len, error))
    goto out;
  if (!choose_columns (&s, ctx->options, &skip, error))
    {
      if (skip == NULL)
        goto out;
      if (!ctx->in_folder)
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID, _("this is %s"), skip);
          goto out;
        }
      /* found in a folder: the user has not chosen, so skip it and say why */
      result->status = KITH_IMPORT_SKIPPED;
      result->message = g_steal_pointer (&skip);
      ok = TRUE;
      goto out;
    }
  if (!check_ids (&s, error))
    goto out;

  run.stem = stem_of (ctx->display_name);
  run.identity = import_identity (ctx, &s, ctx->options);
  {
    g_autofree char *first_id = g_strstrip (g_strdup (row_at (&s, 1)[s.id]));
    g_autofree char *first_heading = heading_of (&s, s.text[0]);
    first_sha = part_sha256 (&run, ctx->options->survey_layout == KITH_SURVEY_COLUMNS ? first_heading : first_id);
  }
  /* the first respondent may have left the answer blank: look for any part */
  duplicate = kith_documents_find_sha256 (ctx->project, first_sha, &duplicate_name, error);
  if (duplicate < 0)
    goto out;
  if (duplicate == 0)
    for (guint r = 2; r < s.rows->len && duplicate == 0 && ctx->options->survey_layout != KITH_SURVEY_COLUMNS; r++)
      {
        g_autofree char *id = g_strstrip (g_strdup (row_at (&s, r)[s.id]));
        g_autofree char *sha = part_sha256 (&run, id);
        duplicate = kith_documents_find_sha256 (ctx->project, sha, &duplicate_name, error);
        if (duplicate < 0)
          goto out;
      }
  if (duplicate > 0)
    {
      kith_import_result_set_duplicate (result, duplicate, g_steal_pointer (&duplicate_name),
                                        "the same survey was imported the same way before,");
      ok = TRUE;
      goto out;
    }

  if (!kith_project_begin (ctx->project, error))
    goto out;
  if (!store_survey (&run, ctx->options, error))
    {
      kith_project_rollback (ctx->project);
      result->document_id = 0;
      result->n_documents = 0;
      result->n_cases = 0;
      result->n_chars = 0;
      result->n_turns = 0;
      result->n_speakers = 0;
      g_clear_pointer (&result->document_name, g_free);
      goto out;
    }
  if (!kith_project_commit (ctx->project, error))
    goto out;
  kith_import_context_progress (ctx, 1.0, NULL);
  result->status = KITH_IMPORT_IMPORTED;
  result->kind = g_strdup ("survey");
  result->format = g_strdup ("csv");
  result->encoding = g_strdup (ctx->encoding);
  ok = TRUE;

out:
  g_free (run.stem);
  g_free (run.identity);
  survey_clear (&s);
  return ok;
}
