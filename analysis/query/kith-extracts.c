/* kith-extracts.c */
#include "kith-cases.h"
#include "kith-csv-writer.h"
#include "kith-db-private.h"
#include "kith-documents.h"
#include "kith-extracts.h"
#include "kith-utf8.h"

void
kith_extract_free (KithExtract *extract)
{
  if (extract == NULL)
    return;
  g_free (extract->document);
  g_free (extract->kind);
  g_free (extract->code);
  g_free (extract->text);
  g_free (extract->speaker);
  g_free (extract->case_name);
  g_free (extract->coder);
  g_free (extract->memo);
  g_free (extract->origin);
  g_free (extract->created);
  g_clear_pointer (&extract->values, g_ptr_array_unref);
  g_free (extract);
}

static char *
dup_or_null (sqlite3_stmt *stmt, int column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL
         ? NULL : g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* A case's (or document's) value of each attribute, in @attributes' order. */
static GPtrArray *
owner_values (KithProject  *project,
              sqlite3_stmt *stmt,
              gint64        owner_id,
              GPtrArray    *attributes,
              GError      **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_full (attributes->len, g_free);
  g_autoptr(GHashTable) by_attribute = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, owner_id);
  while ((rc = kith_db_step (project, stmt, error)) == SQLITE_ROW)
    g_hash_table_insert (by_attribute, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                         g_strdup (kith_db_column_str (stmt, 1)));
  if (rc < 0)
    return NULL;
  for (guint i = 0; i < attributes->len; i++)
    {
      KithAttribute *a = g_ptr_array_index (attributes, i);
      g_ptr_array_add (values, g_strdup (g_hash_table_lookup (by_attribute, &a->id)));
    }
  return g_steal_pointer (&values);
}

GPtrArray *
kith_extracts_query (KithProject             *project,
                     const KithExtractFilter *filter,
                     GError                 **error)
{
  return kith_extracts_query_full (project, filter, NULL, error);
}

GPtrArray *
kith_extracts_query_full (KithProject             *project,
                          const KithExtractFilter *filter,
                          GPtrArray              **attributes_out,
                          GError                 **error)
{
  g_autoptr(GPtrArray) extracts = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_extract_free);
  gint64 code_id = filter != NULL ? filter->code_id : 0;
  /* the speaker of a coding is that of the turn its start falls in; one
   * code's codings are found by its index (“?2 = 0 OR …” would read them
   * all), 100,000 codings in a project being common */
  g_autofree char *sql = g_strconcat (
      "WITH RECURSIVE paths (id, path) AS ("
      "  SELECT id, name FROM codes WHERE parent_id IS NULL"
      "  UNION ALL SELECT c.id, p.path || '/' || c.name FROM codes c JOIN paths p ON c.parent_id = p.id) "
      "SELECT c.id, c.document_id, c.code_id, c.start_pos, c.end_pos, d.name, d.kind, p.path, "
      "       t.speaker, coalesce (tc.name, dc.name), k.name, c.memo, c.origin, c.created, "
      "       ifnull (coalesce (tc.id, dc.id), 0) "
      "FROM codings c "
      "JOIN documents d ON d.id = c.document_id "
      "JOIN paths p ON p.id = c.code_id "
      "JOIN coders k ON k.id = c.coder_id "
      "LEFT JOIN turns t ON t.id = (SELECT id FROM turns WHERE document_id = c.document_id "
      "                              AND start_pos <= c.start_pos AND c.start_pos < end_pos "
      "                             ORDER BY start_pos DESC LIMIT 1) "
      "LEFT JOIN cases tc ON tc.id = t.case_id "
      "LEFT JOIN cases dc ON dc.id = d.case_id "
      "WHERE (?1 = 0 OR c.document_id = ?1) ",
      code_id != 0 ? "AND c.code_id = ?2 " : "",
      "ORDER BY c.document_id, c.start_pos, c.end_pos, c.id", NULL);
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project, sql, error);
  g_autoptr(sqlite3_stmt) doc_stmt = kith_db_prepare (project,
      "SELECT attribute_id, value FROM document_values WHERE document_id = ?1", error);
  g_autoptr(sqlite3_stmt) case_stmt = kith_db_prepare (project,
      "SELECT attribute_id, value FROM case_values WHERE case_id = ?1", error);
  g_autoptr(KithTextIndex) index = NULL;
  g_autoptr(GPtrArray) attributes = kith_attributes_list (project, error);
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) doc_values = NULL;
  g_autofree char *text = NULL;
  gint64 loaded = 0;
  int rc;

  if (stmt == NULL || doc_stmt == NULL || case_stmt == NULL || attributes == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, filter != NULL ? filter->document_id : 0);
  if (code_id != 0)
    sqlite3_bind_int64 (stmt, 2, code_id);
  while ((rc = kith_db_step (project, stmt, error)) == SQLITE_ROW)
    {
      KithExtract *e = g_new0 (KithExtract, 1);

      e->coding_id = sqlite3_column_int64 (stmt, 0);
      e->document_id = sqlite3_column_int64 (stmt, 1);
      e->code_id = sqlite3_column_int64 (stmt, 2);
      e->start = sqlite3_column_int64 (stmt, 3);
      e->end = sqlite3_column_int64 (stmt, 4);
      e->document = dup_or_null (stmt, 5);
      e->kind = dup_or_null (stmt, 6);
      e->code = dup_or_null (stmt, 7);
      e->speaker = dup_or_null (stmt, 8);
      e->case_name = dup_or_null (stmt, 9);
      e->coder = dup_or_null (stmt, 10);
      e->memo = dup_or_null (stmt, 11);
      e->origin = dup_or_null (stmt, 12);
      e->created = dup_or_null (stmt, 13);
      e->case_id = sqlite3_column_int64 (stmt, 14);
      g_ptr_array_add (extracts, e);

      /* rows come grouped by document: each text and the document's
       * attribute values are loaded once */
      if (loaded != e->document_id)
        {
          gsize len = 0;
          g_clear_pointer (&index, kith_text_index_free);
          g_clear_pointer (&doc_values, g_ptr_array_unref);
          g_free (text);
          text = kith_documents_dup_text (project, e->document_id, &len, error);
          doc_values = owner_values (project, doc_stmt, e->document_id, attributes, error);
          if (text == NULL || doc_values == NULL)
            return NULL;
          index = kith_text_index_new (text, len);
          loaded = e->document_id;
        }

      /* the case's value, else the document's (each case looked up once) */
      {
        GPtrArray *v = e->case_id > 0 ? g_hash_table_lookup (values, &e->case_id) : NULL;
        if (v == NULL && e->case_id > 0)
          {
            v = owner_values (project, case_stmt, e->case_id, attributes, error);
            if (v == NULL)
              return NULL;
            g_hash_table_insert (values, g_memdup2 (&e->case_id, sizeof (gint64)), v);
          }
        e->values = g_ptr_array_new_full (attributes->len, g_free);
        for (guint i = 0; i < attributes->len; i++)
          {
            const char *mine = v != NULL ? g_ptr_array_index (v, i) : NULL;
            g_ptr_array_add (e->values, g_strdup (mine != NULL ? mine : g_ptr_array_index (doc_values, i)));
          }
      }
      if (e->end <= kith_text_index_get_length (index))
        e->text = kith_text_index_dup_span (index, e->start, e->end);
      else
        e->text = g_strdup ("");
    }
  if (rc < 0)
    return NULL;
  if (attributes_out != NULL)
    *attributes_out = g_steal_pointer (&attributes);
  return g_steal_pointer (&extracts);
}

void
kith_extracts_to_csv (GPtrArray *extracts,
                      GPtrArray *attributes,
                      GString   *out)
{
  static const char *const fixed[] = {
    "document", "code", "start", "end", "text", "speaker", "case", "coder", "memo",
    "origin", "created", "coding_id", "document_kind",
  };
  guint n_attributes = attributes != NULL ? attributes->len : 0;
  guint n = G_N_ELEMENTS (fixed) + n_attributes;
  g_autofree const char **row = g_new0 (const char *, n);

  for (guint i = 0; i < n; i++)
    row[i] = i < G_N_ELEMENTS (fixed) ? fixed[i]
                                      : ((KithAttribute *) g_ptr_array_index (attributes, i - G_N_ELEMENTS (fixed)))->name;
  kith_csv_append_row (out, row, n);
  for (guint i = 0; i < extracts->len; i++)
    {
      KithExtract *e = g_ptr_array_index (extracts, i);
      g_autofree char *start = g_strdup_printf ("%" G_GINT64_FORMAT, e->start);
      g_autofree char *end = g_strdup_printf ("%" G_GINT64_FORMAT, e->end);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, e->coding_id);
      const char *values[] = {
        e->document, e->code, start, end, e->text, e->speaker, e->case_name, e->coder, e->memo,
        e->origin, e->created, id, e->kind,
      };

      for (guint k = 0; k < n; k++)
        row[k] = k < G_N_ELEMENTS (values) ? values[k]
                 : e->values != NULL && k - G_N_ELEMENTS (values) < e->values->len
                   ? g_ptr_array_index (e->values, k - G_N_ELEMENTS (values)) : NULL;
      kith_csv_append_row (out, row, n);
    }
}

void
kith_extracts_pseudonymise (GPtrArray         *extracts,
                            KithPseudonymiser *pseudonymiser)
{
  for (guint i = 0; i < extracts->len; i++)
    {
      KithExtract *e = g_ptr_array_index (extracts, i);

      kith_pseudonymiser_apply_in_place (pseudonymiser, &e->document);
      kith_pseudonymiser_apply_in_place (pseudonymiser, &e->text);
      kith_pseudonymiser_apply_in_place (pseudonymiser, &e->speaker);
      kith_pseudonymiser_apply_in_place (pseudonymiser, &e->case_name);
      kith_pseudonymiser_apply_in_place (pseudonymiser, &e->coder);
      kith_pseudonymiser_apply_in_place (pseudonymiser, &e->memo);
      for (guint v = 0; e->values != NULL && v < e->values->len; v++)
        kith_pseudonymiser_apply_in_place (pseudonymiser, (char **) &e->values->pdata[v]);
    }
}
