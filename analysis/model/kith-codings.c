/* kith-codings.c */
#include "kith-codes.h"
#include "kith-codings.h"
#include "kith-db-private.h"
#include "kith-documents.h"
#include "kith-history.h"
#include "kith-i18n.h"

const char *
kith_origin_to_string (KithOrigin origin)
{
  switch (origin)
    {
    case KITH_ORIGIN_RULE:
      return "rule";
    case KITH_ORIGIN_IMPORT:
      return "import";
    case KITH_ORIGIN_MANUAL:
    default:
      return "manual";
    }
}

KithCoding *
kith_coding_new (void)
{
  return g_new0 (KithCoding, 1);
}

void
kith_coding_free (KithCoding *coding)
{
  if (coding == NULL)
    return;
  g_free (coding->coder);
  g_free (coding->memo);
  g_free (coding->origin);
  g_free (coding->created);
  g_free (coding);
}

static gboolean
check_span (KithProject *project,
            gint64       document_id,
            gint64       start,
            gint64       end,
            GError     **error)
{
  g_autoptr(KithDocument) doc = kith_documents_get (project, document_id, error);

  if (doc == NULL)
    return FALSE;
  if (start < 0 || end <= start || end > doc->char_count)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID,
                   _("%s: %lld–%lld is not a span of “%s”: "
                     "it needs 0 ≤ start < end ≤ %lld (its length in characters)"),
                   kith_project_get_display_name (project), (long long) start, (long long) end, doc->name,
                   (long long) doc->char_count);
      return FALSE;
    }
  return TRUE;
}

gint64
kith_codings_add (KithProject *project,
                  gint64       document_id,
                  gint64       code_id,
                  gint64       start,
                  gint64       end,
                  const char  *memo,
                  KithOrigin   origin,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) existing = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(KithCode) code = NULL;
  g_autofree char *now = kith_now_iso8601 ();
  gint64 coder_id;
  int rc;

  g_autofree char *label = NULL;

  code = kith_codes_get (project, code_id, error);
  if (code == NULL)
    return 0;
  label = g_strdup_printf ("Code “%s”", code->path);
  if (!kith_history_begin (project, "coding", label, error))
    return 0;
  if (!check_span (project, document_id, start, end, error))
    goto fail;
  coder_id = kith_project_ensure_coder (project, error);
  if (coder_id == 0)
    goto fail;

  existing = kith_db_prepare (project,
      "SELECT id FROM codings WHERE document_id = ?1 AND code_id = ?2 AND start_pos = ?3 "
      "AND end_pos = ?4 AND coder_id = ?5", error);
  if (existing == NULL)
    goto fail;
  sqlite3_bind_int64 (existing, 1, document_id);
  sqlite3_bind_int64 (existing, 2, code_id);
  sqlite3_bind_int64 (existing, 3, start);
  sqlite3_bind_int64 (existing, 4, end);
  sqlite3_bind_int64 (existing, 5, coder_id);
  rc = kith_db_step (project, existing, error);
  if (rc < 0)
    goto fail;
  if (rc == SQLITE_ROW)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_EXISTS,
                   "%s: %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT " is already coded “%s” by %s (coding %" G_GINT64_FORMAT ")",
                   kith_project_get_display_name (project), start, end, code->path,
                   kith_project_get_coder (project), (gint64) sqlite3_column_int64 (existing, 0));
      goto fail;
    }

  insert = kith_db_prepare (project,
      "INSERT INTO codings (document_id, code_id, start_pos, end_pos, coder_id, memo, origin, created) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (insert == NULL)
    goto fail;
  sqlite3_bind_int64 (insert, 1, document_id);
  sqlite3_bind_int64 (insert, 2, code_id);
  sqlite3_bind_int64 (insert, 3, start);
  sqlite3_bind_int64 (insert, 4, end);
  sqlite3_bind_int64 (insert, 5, coder_id);
  kith_db_bind_str (insert, 6, memo != NULL ? memo : "");
  kith_db_bind_str (insert, 7, kith_origin_to_string (origin));
  kith_db_bind_str (insert, 8, now);
  if (!kith_db_run (project, insert, error))
    goto fail;
  {
    gint64 id = sqlite3_last_insert_rowid (kith_project_get_db (project));
    if (!kith_history_commit (project, error))
      return 0;
    return id;
  }

fail:
  kith_history_rollback (project);
  return 0;
}

/* Runs one UPDATE or DELETE on a coding, as one undoable action. */
static gboolean
change_coding (KithProject *project,
               const char  *label,
               const char  *sql,
               gint64       coding_id,
               const char  *text,
               gint64       a,
               gint64       b,
               GError     **error)
{
  return kith_history_change_row (project, "coding", label, sql, "coding", coding_id, text, a, b, error);
}

gboolean
kith_codings_remove (KithProject *project,
                     gint64       coding_id,
                     GError     **error)
{
  return change_coding (project, "Remove coding", "DELETE FROM codings WHERE id = ?1", coding_id, NULL, 0, 0, error);
}

gboolean
kith_codings_set_memo (KithProject *project,
                       gint64       coding_id,
                       const char  *memo,
                       GError     **error)
{
  return change_coding (project, "Edit memo", "UPDATE codings SET memo = ?2 WHERE id = ?1", coding_id,
                        memo != NULL ? memo : "", 0, 0, error);
}

gboolean
kith_codings_set_span (KithProject *project,
                       gint64       coding_id,
                       gint64       start,
                       gint64       end,
                       GError     **error)
{
  g_autoptr(KithCoding) coding = kith_codings_get (project, coding_id, error);

  if (coding == NULL || !check_span (project, coding->document_id, start, end, error))
    return FALSE;
  return change_coding (project, "Resize coding", "UPDATE codings SET start_pos = ?2, end_pos = ?3 WHERE id = ?1",
                        coding_id, NULL, start, end, error);
}

#define CODING_SELECT \
  "SELECT c.id, c.document_id, c.code_id, c.start_pos, c.end_pos, k.name, c.memo, c.origin, c.created " \
  "FROM codings c JOIN coders k ON k.id = c.coder_id "

static KithCoding *
coding_from_row (sqlite3_stmt *stmt)
{
  KithCoding *coding = kith_coding_new ();

  coding->id = sqlite3_column_int64 (stmt, 0);
  coding->document_id = sqlite3_column_int64 (stmt, 1);
  coding->code_id = sqlite3_column_int64 (stmt, 2);
  coding->start = sqlite3_column_int64 (stmt, 3);
  coding->end = sqlite3_column_int64 (stmt, 4);
  coding->coder = g_strdup (kith_db_column_str (stmt, 5));
  coding->memo = g_strdup (kith_db_column_str (stmt, 6));
  coding->origin = g_strdup (kith_db_column_str (stmt, 7));
  coding->created = g_strdup (kith_db_column_str (stmt, 8));
  return coding;
}

KithCoding *
kith_codings_get (KithProject *project,
                  gint64       coding_id,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project, CODING_SELECT "WHERE c.id = ?1", error);

  if (stmt == NULL || !kith_db_step_id (project, stmt, coding_id, "coding", error))
    return NULL;
  return coding_from_row (stmt);
}

GPtrArray *
kith_codings_list (KithProject *project,
                   gint64       document_id,
                   GError     **error)
{
  g_autoptr(GPtrArray) codings = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_coding_free);
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project,
      CODING_SELECT "WHERE ?1 = 0 OR c.document_id = ?1 ORDER BY c.document_id, c.start_pos, c.end_pos, c.id",
      error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  while ((rc = kith_db_step (project, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (codings, coding_from_row (stmt));
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&codings);
}

KithStripes *
kith_codings_stripes (GPtrArray *codings)
{
  g_autofree KithSpan *spans = NULL;

  g_return_val_if_fail (codings != NULL, NULL);

  spans = g_new (KithSpan, codings->len + 1);
  for (guint i = 0; i < codings->len; i++)
    {
      KithCoding *c = g_ptr_array_index (codings, i);
      spans[i] = (KithSpan) { c->start, c->end };
    }
  return kith_stripes_new (spans, codings->len);
}
