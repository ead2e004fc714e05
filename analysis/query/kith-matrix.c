/* kith-matrix.c — the framework matrix: who evidences what
 *
 * Built from the same rows as the extracts (kith_extracts_query_full), so a
 * cell counts exactly the codings the Extracts view lists for it.
 */
#include <string.h>

#include "kith-cases.h"
#include "kith-codes.h"
#include "kith-csv-writer.h"
#include "kith-db-private.h"
#include "kith-documents.h"
#include "kith-error.h"
#include "kith-extracts.h"
#include "kith-i18n.h"
#include "kith-matrix.h"

gboolean
kith_matrix_columns_parse (const char        *text,
                           KithMatrixColumns *out)
{
  static const char *const names[] = { "code", "outcome", "dimension", "goal" };

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (names); i++)
    if (strcmp (text, names[i]) == 0)
      {
        *out = (KithMatrixColumns) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
kith_matrix_cell_parse (const char     *text,
                        KithMatrixCell *out)
{
  static const char *const names[] = { "codings", "documents", "residents", "characters" };

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (names); i++)
    if (strcmp (text, names[i]) == 0)
      {
        *out = (KithMatrixCell) i;
        return TRUE;
      }
  return FALSE;
}

static void
row_free (gpointer data)
{
  KithMatrixRow *row = data;

  g_free (row->label);
  g_free (row->cells);
  g_free (row->codings);   /* the arrays are freed by the matrix */
  g_free (row);
}

void
kith_matrix_free (KithMatrix *matrix)
{
  if (matrix == NULL)
    return;
  for (guint r = 0; r < matrix->rows->len; r++)
    {
      KithMatrixRow *row = g_ptr_array_index (matrix->rows, r);
      for (guint c = 0; c < matrix->columns->len; c++)
        g_array_unref (row->codings[c]);
    }
  g_free (matrix->row_kind);
  g_ptr_array_unref (matrix->columns);
  g_ptr_array_unref (matrix->rows);
  g_free (matrix);
}

/* For each code (by its index in @codes), the columns its codings count
 * towards: its own and its ancestors' (codes), or the nearest framework key
 * on the way up (outcomes, dimensions, goals). */
static GHashTable *
columns_of_codes (GPtrArray *codes, KithMatrixColumns kind, GPtrArray *columns)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) key_column = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *result = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) g_array_unref);

  for (guint i = 0; i < codes->len; i++)
    {
      KithCode *code = g_ptr_array_index (codes, i);
      g_hash_table_insert (by_id, &code->id, code);
      if (kind == KITH_MATRIX_CODES)
        {
          g_hash_table_insert (key_column, code->path, GUINT_TO_POINTER (columns->len + 1));
          g_ptr_array_add (columns, g_strdup (code->path));
        }
      else
        {
          const char *key = kind == KITH_MATRIX_OUTCOMES ? code->outcome_key
                          : kind == KITH_MATRIX_DIMENSIONS ? code->dimension : code->goal;
          if (key != NULL && !g_hash_table_contains (key_column, key))
            {
              g_hash_table_insert (key_column, (gpointer) key, GUINT_TO_POINTER (columns->len + 1));
              g_ptr_array_add (columns, g_strdup (key));
            }
        }
    }
  for (guint i = 0; i < codes->len; i++)
    {
      KithCode *code = g_ptr_array_index (codes, i);
      GArray *cols = g_array_new (FALSE, FALSE, sizeof (guint));

      for (KithCode *up = code; up != NULL; up = g_hash_table_lookup (by_id, &up->parent_id))
        {
          const char *key = kind == KITH_MATRIX_CODES ? up->path
                          : kind == KITH_MATRIX_OUTCOMES ? up->outcome_key
                          : kind == KITH_MATRIX_DIMENSIONS ? up->dimension : up->goal;
          guint column = key != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (key_column, key)) : 0;

          if (column == 0)
            continue;
          g_array_append_vals (cols, &(guint) { column - 1 }, 1);
          if (kind != KITH_MATRIX_CODES)
            break;
        }
      g_hash_table_insert (result, &code->id, cols);
    }
  return result;
}

static KithMatrixRow *
new_row (GPtrArray *rows, GHashTable *index, const char *label, guint n_columns)
{
  KithMatrixRow *row = g_new0 (KithMatrixRow, 1);

  row->label = g_strdup (label);
  row->cells = g_new0 (gint64, n_columns);
  row->codings = g_new0 (GArray *, n_columns);
  for (guint c = 0; c < n_columns; c++)
    row->codings[c] = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_hash_table_insert (index, row->label, GUINT_TO_POINTER (rows->len + 1));
  g_ptr_array_add (rows, row);
  return row;
}

static int
by_label (gconstpointer a, gconstpointer b)
{
  const KithMatrixRow *x = *(KithMatrixRow *const *) a, *y = *(KithMatrixRow *const *) b;
  return g_utf8_collate (x->label, y->label);
}

/* Who a coding's words are from: the case, else the speaker within the
 * document; NULL for words of no one (a report's text). */
static char *
person_of (const KithExtract *e)
{
  if (e->case_id != 0)
    return g_strdup_printf ("case %" G_GINT64_FORMAT, e->case_id);
  if (e->speaker != NULL)
    return g_strdup_printf ("%" G_GINT64_FORMAT "/%s", e->document_id, e->speaker);
  return NULL;
}

KithMatrix *
kith_matrix_compute (KithProject       *project,
                     KithMatrixRows     rows,
                     const char        *attribute,
                     KithMatrixColumns  columns,
                     KithMatrixCell     cell,
                     KithPseudonymiser *pseudonymiser,
                     GError           **error)
{
  g_autoptr(KithMatrix) matrix = g_new0 (KithMatrix, 1);
  g_autoptr(GPtrArray) codes = kith_codes_list (project, error);
  g_autoptr(GPtrArray) attributes = NULL;
  g_autoptr(GPtrArray) extracts = NULL;
  g_autoptr(GHashTable) code_columns = NULL;
  g_autoptr(GHashTable) row_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  int attribute_index = -1;

  matrix->columns = g_ptr_array_new_with_free_func (g_free);
  matrix->rows = g_ptr_array_new_with_free_func (row_free);
  if (codes == NULL || (extracts = kith_extracts_query_full (project, NULL, &attributes, error)) == NULL)
    return NULL;
  if (rows == KITH_MATRIX_BY_ATTRIBUTE)
    {
      for (guint a = 0; a < attributes->len; a++)
        if (g_strcmp0 (((KithAttribute *) g_ptr_array_index (attributes, a))->name, attribute) == 0)
          attribute_index = (int) a;
      if (attribute_index < 0)
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_NOT_FOUND,
                       _("%s: there is no attribute “%s” (rows are case, document or an attribute; see “kith-cli cases attributes”)"),
                       kith_project_get_display_name (project), attribute != NULL ? attribute : "");
          return NULL;
        }
    }
  matrix->row_kind = g_strdup (rows == KITH_MATRIX_BY_CASE ? "case" : rows == KITH_MATRIX_BY_DOCUMENT ? "document" : attribute);
  code_columns = columns_of_codes (codes, columns, matrix->columns);

  /* every case or document is a row, so that one with no evidence shows as a gap */
  if (rows == KITH_MATRIX_BY_CASE)
    {
      g_autoptr(GPtrArray) cases = kith_cases_list (project, error);
      if (cases == NULL)
        return NULL;
      for (guint i = 0; i < cases->len; i++)
        new_row (matrix->rows, row_index, ((KithCase *) g_ptr_array_index (cases, i))->name, matrix->columns->len);
    }
  else if (rows == KITH_MATRIX_BY_DOCUMENT)
    {
      g_autoptr(GPtrArray) docs = kith_documents_list (project, error);
      if (docs == NULL)
        return NULL;
      for (guint i = 0; i < docs->len; i++)
        new_row (matrix->rows, row_index, ((KithDocument *) g_ptr_array_index (docs, i))->name, matrix->columns->len);
    }

  for (guint i = 0; i < extracts->len; i++)
    {
      KithExtract *e = g_ptr_array_index (extracts, i);
      const char *label = rows == KITH_MATRIX_BY_CASE ? e->case_name
                        : rows == KITH_MATRIX_BY_DOCUMENT ? e->document
                        : e->values != NULL && (guint) attribute_index < e->values->len
                          ? g_ptr_array_index (e->values, attribute_index) : NULL;
      GArray *cols = g_hash_table_lookup (code_columns, &e->code_id);
      KithMatrixRow *row;
      guint r;

      if (label == NULL || cols == NULL || cols->len == 0)
        continue;
      r = GPOINTER_TO_UINT (g_hash_table_lookup (row_index, label));
      row = r > 0 ? g_ptr_array_index (matrix->rows, r - 1) : new_row (matrix->rows, row_index, label, matrix->columns->len);
      for (guint k = 0; k < cols->len; k++)
        {
          guint c = g_array_index (cols, guint, k);
          g_autofree char *person = NULL;
          g_autofree char *key = NULL;

          g_array_append_val (row->codings[c], e->coding_id);
          switch (cell)
            {
            case KITH_MATRIX_CODINGS:
              row->cells[c]++;
              break;
            case KITH_MATRIX_CHARACTERS:
              row->cells[c] += e->end - e->start;
              break;
            case KITH_MATRIX_DOCUMENTS:
              key = g_strdup_printf ("%p %u %" G_GINT64_FORMAT, (void *) row, c, e->document_id);
              break;
            case KITH_MATRIX_RESIDENTS:
              if ((person = person_of (e)) != NULL)
                key = g_strdup_printf ("%p %u %s", (void *) row, c, person);
              break;
            default:
              break;
            }
          if (key != NULL && g_hash_table_add (seen, g_steal_pointer (&key)))
            row->cells[c]++;
        }
    }
  /* documents stay in import order; cases and values by name */
  if (rows != KITH_MATRIX_BY_DOCUMENT)
    g_ptr_array_sort (matrix->rows, by_label);
  if (pseudonymiser != NULL)
    for (guint r = 0; r < matrix->rows->len; r++)
      kith_pseudonymiser_apply_in_place (pseudonymiser, &((KithMatrixRow *) g_ptr_array_index (matrix->rows, r))->label);
  return g_steal_pointer (&matrix);
}

KithMatrix *
kith_matrix_compute_default (KithProject       *project,
                             KithPseudonymiser *pseudonymiser,
                             GError           **error)
{
  gint64 n_cases = 0, n_outcomes = 0;

  if (!kith_db_query_int (project, "SELECT count(*) FROM cases", 0, 0, &n_cases, error)
      || !kith_db_query_int (project, "SELECT count(*) FROM codes WHERE outcome_key IS NOT NULL", 0, 0,
                             &n_outcomes, error))
    return NULL;
  return kith_matrix_compute (project, n_cases > 0 ? KITH_MATRIX_BY_CASE : KITH_MATRIX_BY_DOCUMENT, NULL,
                              n_outcomes > 0 ? KITH_MATRIX_OUTCOMES : KITH_MATRIX_CODES, KITH_MATRIX_CODINGS,
                              pseudonymiser, error);
}

char *
kith_matrix_to_text (const KithMatrix *matrix,
                     char              separator)
{
  GString *out = g_string_new (NULL);
  guint n = matrix->columns->len + 1;
  g_autofree const char **fields = g_new0 (const char *, n);
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);

  fields[0] = matrix->row_kind;
  for (guint c = 0; c < matrix->columns->len; c++)
    fields[c + 1] = g_ptr_array_index (matrix->columns, c);
  for (guint r = 0; r <= matrix->rows->len; r++)
    {
      if (r > 0)
        {
          KithMatrixRow *row = g_ptr_array_index (matrix->rows, r - 1);

          fields[0] = row->label;
          for (guint c = 0; c < matrix->columns->len; c++)
            {
              char *value = g_strdup_printf ("%" G_GINT64_FORMAT, row->cells[c]);
              g_ptr_array_add (owned, value);
              fields[c + 1] = value;
            }
        }
      if (separator == ',')
        kith_csv_append_row (out, (const char *const *) fields, n);
      else
        for (guint f = 0; f < n; f++)
          {
            g_autofree char *field = kith_tsv_field (fields[f]);
            g_string_append (out, field);
            g_string_append_c (out, f + 1 < n ? '\t' : '\n');
          }
    }
  return g_string_free (out, FALSE);
}
