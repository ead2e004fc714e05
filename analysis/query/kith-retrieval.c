/* kith-retrieval.c */
#include <string.h>

#include "kith-cases.h"
#include "kith-db-private.h"
#include "kith-retrieval.h"

void
kith_retrieval_row_free (KithRetrievalRow *row)
{
  if (row == NULL)
    return;
  kith_extract_free (row->extract);
  g_strfreev (row->values);
  g_free (row);
}

void
kith_retrieval_free (KithRetrieval *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->attributes, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self);
}

/* @wanted: the chosen codes and all their subcodes */
static GHashTable *
expand_codes (KithProject *project, const gint64 *code_ids, guint n_codes, GError **error)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project,
      "WITH RECURSIVE sub (id) AS (SELECT ?1 UNION SELECT c.id FROM codes c JOIN sub s ON c.parent_id = s.id) "
      "SELECT id FROM sub", error);

  if (stmt == NULL)
    return NULL;
  for (guint i = 0; i < n_codes; i++)
    {
      int rc;
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, code_ids[i]);
      while ((rc = kith_db_step (project, stmt, error)) == SQLITE_ROW)
        g_hash_table_add (wanted, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)));
      if (rc < 0)
        return NULL;
    }
  return g_steal_pointer (&wanted);
}

/* @wanted (or NULL: all) holds code ids, or coding ids when @by_coding */
static KithRetrieval *
run (KithProject *project, GHashTable *wanted, gboolean by_coding, const KithExtractFilter *filter, GError **error)
{
  g_autoptr(KithRetrieval) self = g_new0 (KithRetrieval, 1);
  g_autoptr(GPtrArray) extracts = NULL;
  g_autoptr(GPtrArray) attributes = NULL;

  /* the values come with the extracts: the case's, else the document's */
  extracts = kith_extracts_query_full (project, filter, &attributes, error);
  if (extracts == NULL)
    return NULL;

  self->attributes = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_retrieval_row_free);
  for (guint a = 0; a < attributes->len; a++)
    g_ptr_array_add (self->attributes, g_strdup (((KithAttribute *) g_ptr_array_index (attributes, a))->name));
  for (guint i = 0; i < extracts->len; i++)
    {
      KithExtract *e = g_ptr_array_index (extracts, i);
      KithRetrievalRow *row;

      if (wanted != NULL && !g_hash_table_contains (wanted, by_coding ? &e->coding_id : &e->code_id))
        continue;
      row = g_new0 (KithRetrievalRow, 1);
      row->extract = g_steal_pointer (&g_ptr_array_index (extracts, i));
      row->values = g_new0 (char *, self->attributes->len + 1);
      for (guint a = 0; a < self->attributes->len; a++)
        {
          const char *value = row->extract->values != NULL && a < row->extract->values->len
                              ? g_ptr_array_index (row->extract->values, a) : NULL;
          row->values[a] = g_strdup (value != NULL ? value : "");
        }
      g_ptr_array_add (self->rows, row);
    }
  return g_steal_pointer (&self);
}

KithRetrieval *
kith_retrieval_run (KithProject  *project,
                    const gint64 *code_ids,
                    guint         n_codes,
                    GError      **error)
{
  g_autoptr(GHashTable) wanted = NULL;
  KithExtractFilter filter = { 0 };

  /* one code without subcodes is filtered in SQL; otherwise by set */
  if (n_codes > 0)
    {
      wanted = expand_codes (project, code_ids, n_codes, error);
      if (wanted == NULL)
        return NULL;
      if (g_hash_table_size (wanted) == 1)
        filter.code_id = code_ids[0];
    }
  return run (project, wanted, FALSE, &filter, error);
}

KithRetrieval *
kith_retrieval_run_codings (KithProject  *project,
                            const gint64 *coding_ids,
                            guint         n_codings,
                            GError      **error)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  KithExtractFilter filter = { 0 };

  for (guint i = 0; i < n_codings; i++)
    g_hash_table_add (wanted, (gpointer) &coding_ids[i]);
  return run (project, wanted, TRUE, &filter, error);
}

void
kith_retrieval_pseudonymise (KithRetrieval     *self,
                             KithPseudonymiser *pseudonymiser)
{
  g_autoptr(GPtrArray) extracts = g_ptr_array_new ();

  for (guint i = 0; i < self->rows->len; i++)
    g_ptr_array_add (extracts, ((KithRetrievalRow *) g_ptr_array_index (self->rows, i))->extract);
  kith_extracts_pseudonymise (extracts, pseudonymiser);
  /* the rows' copies of the attribute values too */
  for (guint i = 0; i < self->rows->len; i++)
    {
      KithRetrievalRow *row = g_ptr_array_index (self->rows, i);
      for (guint a = 0; row->values[a] != NULL; a++)
        kith_pseudonymiser_apply_in_place (pseudonymiser, &row->values[a]);
    }
}

gboolean
kith_retrieval_row_matches (const KithRetrievalRow    *row,
                            const KithRetrievalFilter *filter)
{
  if (filter == NULL)
    return TRUE;
  if (filter->kind != NULL && *filter->kind != '\0' && g_strcmp0 (row->extract->kind, filter->kind) != 0)
    return FALSE;
  if (filter->attribute >= 0)
    {
      if ((guint) filter->attribute >= g_strv_length (row->values))
        return FALSE;
      if (g_strcmp0 (row->values[filter->attribute], filter->value != NULL ? filter->value : "") != 0)
        return FALSE;
    }
  return TRUE;
}

/* g_ptr_array_sort passes pointers to the elements */
static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate (*(const char *const *) a, *(const char *const *) b);
}

GStrv
kith_retrieval_values (KithRetrieval *self,
                       int            attribute)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) values = g_ptr_array_new ();

  g_return_val_if_fail (attribute >= 0 && (guint) attribute < self->attributes->len, NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      KithRetrievalRow *row = g_ptr_array_index (self->rows, i);
      const char *value = row->values[attribute];
      if (*value != '\0' && g_hash_table_add (seen, (gpointer) value))
        g_ptr_array_add (values, (gpointer) value);
    }
  g_ptr_array_sort (values, compare_strings);
  {
    GStrv out = g_new0 (char *, values->len + 1);
    for (guint i = 0; i < values->len; i++)
      out[i] = g_strdup (g_ptr_array_index (values, i));
    return out;
  }
}

void
kith_retrieval_to_csv (GPtrArray *attributes,
                       GPtrArray *rows,
                       GString   *out)
{
  g_autofree KithAttribute *named = g_new0 (KithAttribute, attributes->len + 1);
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  g_autoptr(GPtrArray) extracts = g_ptr_array_new ();

  /* the same table as an extracts export: kith_extracts_to_csv wants the
   * attributes as KithAttribute, of which it reads the name */
  for (guint a = 0; a < attributes->len; a++)
    {
      named[a].name = g_ptr_array_index (attributes, a);
      g_ptr_array_add (columns, &named[a]);
    }
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (extracts, ((KithRetrievalRow *) g_ptr_array_index (rows, i))->extract);
  kith_extracts_to_csv (extracts, columns, out);
}
