/* kith-retrieval.c */
#include <string.h>

#include "kith-csv.h"
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

/* @owner_sql returns (owner key, attribute name, value): a table of tables */
static GHashTable *
read_values (KithProject *project, const char *owner_sql, gboolean int_keys, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project, owner_sql, error);
  GHashTable *owners = int_keys
    ? g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) g_hash_table_unref)
    : g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
  int rc;

  if (stmt == NULL)
    {
      g_hash_table_unref (owners);
      return NULL;
    }
  while ((rc = kith_db_step (project, stmt, error)) == SQLITE_ROW)
    {
      gpointer key = int_keys ? (gpointer) g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64))
                              : (gpointer) g_strdup (kith_db_column_str (stmt, 0));
      GHashTable *values = g_hash_table_lookup (owners, key);

      if (values == NULL)
        {
          values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          g_hash_table_insert (owners, key, values);
        }
      else
        g_free (key);
      g_hash_table_insert (values, g_strdup (kith_db_column_str (stmt, 1)), g_strdup (kith_db_column_str (stmt, 2)));
    }
  if (rc < 0)
    {
      g_hash_table_unref (owners);
      return NULL;
    }
  return owners;
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

KithRetrieval *
kith_retrieval_run (KithProject  *project,
                    const gint64 *code_ids,
                    guint         n_codes,
                    GError      **error)
{
  g_autoptr(KithRetrieval) self = g_new0 (KithRetrieval, 1);
  g_autoptr(GHashTable) wanted = NULL;
  g_autoptr(GHashTable) by_document = NULL;
  g_autoptr(GHashTable) by_case = NULL;
  g_autoptr(GPtrArray) extracts = NULL;
  g_autoptr(sqlite3_stmt) names = NULL;
  KithExtractFilter filter = { 0 };
  int rc;

  self->attributes = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_retrieval_row_free);
  names = kith_db_prepare (project, "SELECT name FROM attributes ORDER BY position, id", error);
  if (names == NULL)
    return NULL;
  while ((rc = kith_db_step (project, names, error)) == SQLITE_ROW)
    g_ptr_array_add (self->attributes, g_strdup (kith_db_column_str (names, 0)));
  if (rc < 0)
    return NULL;

  by_document = read_values (project, "SELECT v.document_id, a.name, v.value FROM document_values v "
                                      "JOIN attributes a ON a.id = v.attribute_id", TRUE, error);
  if (by_document == NULL)
    return NULL;
  by_case = read_values (project, "SELECT c.name, a.name, v.value FROM case_values v "
                                  "JOIN attributes a ON a.id = v.attribute_id JOIN cases c ON c.id = v.case_id",
                         FALSE, error);
  if (by_case == NULL)
    return NULL;

  /* one code without subcodes is filtered in SQL; otherwise by set */
  if (n_codes > 0)
    {
      wanted = expand_codes (project, code_ids, n_codes, error);
      if (wanted == NULL)
        return NULL;
      if (g_hash_table_size (wanted) == 1)
        filter.code_id = code_ids[0];
    }
  extracts = kith_extracts_query (project, &filter, error);
  if (extracts == NULL)
    return NULL;

  for (guint i = 0; i < extracts->len; i++)
    {
      KithExtract *e = g_ptr_array_index (extracts, i);
      GHashTable *doc_values = g_hash_table_lookup (by_document, &e->document_id);
      GHashTable *case_values = e->case_name != NULL ? g_hash_table_lookup (by_case, e->case_name) : NULL;
      KithRetrievalRow *row;

      if (wanted != NULL && !g_hash_table_contains (wanted, &e->code_id))
        continue;
      row = g_new0 (KithRetrievalRow, 1);
      row->extract = g_steal_pointer (&g_ptr_array_index (extracts, i));
      row->values = g_new0 (char *, self->attributes->len + 1);
      for (guint a = 0; a < self->attributes->len; a++)
        {
          const char *name = g_ptr_array_index (self->attributes, a);
          const char *value = case_values != NULL ? g_hash_table_lookup (case_values, name) : NULL;
          if (value == NULL && doc_values != NULL)
            value = g_hash_table_lookup (doc_values, name);
          row->values[a] = g_strdup (value != NULL ? value : "");
        }
      g_ptr_array_add (self->rows, row);
    }
  return g_steal_pointer (&self);
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
  g_autoptr(GString) first = g_string_new (NULL);
  g_autoptr(GPtrArray) header = g_ptr_array_new ();
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  /* the extract columns exactly as kith_extracts_to_csv writes them */
  kith_extracts_to_csv (one, first);
  {
    g_auto(GStrv) names = g_strsplit (first->str, ",", -1);
    for (guint i = 0; names[i] != NULL; i++)
      g_strstrip (names[i]);
    for (guint i = 0; names[i] != NULL; i++)
      g_ptr_array_add (header, names[i]);
    for (guint i = 0; i < attributes->len; i++)
      g_ptr_array_add (header, g_ptr_array_index (attributes, i));
    kith_csv_append_row (out, (const char *const *) header->pdata, header->len);
  }
  for (guint i = 0; i < rows->len; i++)
    {
      KithRetrievalRow *row = g_ptr_array_index (rows, i);
      g_autoptr(GString) line = g_string_new (NULL);
      g_autoptr(GPtrArray) single = g_ptr_array_new ();

      g_ptr_array_add (single, row->extract);
      kith_extracts_to_csv (single, line);
      /* drop the header line, and the record's CRLF, to add the values */
      {
        const char *body = strstr (line->str, "\r\n") + 2;
        gsize len = strlen (body);
        g_string_append_len (out, body, (gssize) len - 2);
      }
      for (guint a = 0; a < attributes->len; a++)
        {
          g_autoptr(GString) field = g_string_new (NULL);
          const char *value[] = { row->values[a] };
          kith_csv_append_row (field, value, 1);
          g_string_append_c (out, ',');
          g_string_append_len (out, field->str, (gssize) field->len - 2);
        }
      g_string_append (out, "\r\n");
    }
}
