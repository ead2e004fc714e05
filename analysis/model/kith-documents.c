/* kith-documents.c */
#include <string.h>

#include "kith-db-private.h"
#include "kith-documents.h"
#include "kith-history.h"
#include "kith-i18n.h"

#define READ_CHUNK (256 * 1024)

#define DOCUMENT_COLUMNS \
  "d.id, d.name, d.kind, d.original_name, d.format, d.sha256, d.encoding, d.imported, " \
  "d.size, d.char_count, d.byte_count, ifnull (d.case_id, 0), d.bom, d.reflowed, " \
  "(SELECT count(*) FROM codings c WHERE c.document_id = d.id), d.title"

KithDocument *
kith_document_new (void)
{
  return g_new0 (KithDocument, 1);
}

void
kith_document_free (KithDocument *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->name);
  g_free (doc->title);
  g_free (doc->kind);
  g_free (doc->original_name);
  g_free (doc->format);
  g_free (doc->sha256);
  g_free (doc->encoding);
  g_free (doc->imported);
  g_free (doc);
}

gboolean
kith_document_kind_is_valid (const char *kind)
{
  return g_strcmp0 (kind, "transcript") == 0 || g_strcmp0 (kind, "report") == 0
         || g_strcmp0 (kind, "notes") == 0 || g_strcmp0 (kind, "survey") == 0;
}

static KithDocument *
document_from_row (sqlite3_stmt *stmt)
{
  KithDocument *doc = kith_document_new ();

  doc->id = sqlite3_column_int64 (stmt, 0);
  doc->name = g_strdup (kith_db_column_str (stmt, 1));
  doc->kind = g_strdup (kith_db_column_str (stmt, 2));
  doc->original_name = g_strdup (kith_db_column_str (stmt, 3));
  doc->format = g_strdup (kith_db_column_str (stmt, 4));
  doc->sha256 = g_strdup (kith_db_column_str (stmt, 5));
  doc->encoding = g_strdup (kith_db_column_str (stmt, 6));
  doc->imported = g_strdup (kith_db_column_str (stmt, 7));
  doc->size = sqlite3_column_int64 (stmt, 8);
  doc->char_count = sqlite3_column_int64 (stmt, 9);
  doc->byte_count = sqlite3_column_int64 (stmt, 10);
  doc->case_id = sqlite3_column_int64 (stmt, 11);
  doc->bom = sqlite3_column_int (stmt, 12) != 0;
  doc->reflowed = sqlite3_column_int (stmt, 13) != 0;
  doc->n_codings = sqlite3_column_int64 (stmt, 14);
  if (sqlite3_column_type (stmt, 15) != SQLITE_NULL)
    doc->title = g_strdup (kith_db_column_str (stmt, 15));
  return doc;
}

GPtrArray *
kith_documents_list (KithProject *project,
                     GError     **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_document_free);
  g_autoptr(sqlite3_stmt) stmt =
    kith_db_prepare (project, "SELECT " DOCUMENT_COLUMNS " FROM documents d ORDER BY d.id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = kith_db_step (project, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (docs, document_from_row (stmt));
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&docs);
}

static KithDocument *
document_where (KithProject *project,
                const char  *where,
                gint64       id,
                const char  *name,
                GError     **error)
{
  g_autofree char *sql = g_strconcat ("SELECT " DOCUMENT_COLUMNS " FROM documents d WHERE ", where, NULL);
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (name != NULL)
    kith_db_bind_str (stmt, 1, name);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  rc = kith_db_step (project, stmt, error);
  if (rc == SQLITE_ROW)
    return document_from_row (stmt);
  return NULL;
}

KithDocument *
kith_documents_get (KithProject *project,
                    gint64       id,
                    GError     **error)
{
  GError *local = NULL;
  KithDocument *doc = document_where (project, "d.id = ?1", id, NULL, &local);

  if (doc == NULL && local == NULL)
    g_set_error (&local, KITH_ERROR, KITH_ERROR_NOT_FOUND,
                 _("%s: there is no document %lld"),
                 kith_project_get_display_name (project), (long long) id);
  if (local != NULL)
    g_propagate_error (error, local);
  return doc;
}

KithDocument *
kith_documents_lookup (KithProject *project,
                       const char  *ref,
                       GError     **error)
{
  GError *local = NULL;
  KithDocument *doc = NULL;
  guint64 id;

  g_return_val_if_fail (ref != NULL, NULL);

  /* an id first, then the exact name */
  if (g_ascii_string_to_unsigned (ref, 10, 1, G_MAXINT64, &id, NULL))
    doc = document_where (project, "d.id = ?1", (gint64) id, NULL, &local);
  if (doc == NULL && local == NULL)
    doc = document_where (project, "d.name = ?1", 0, ref, &local);
  if (doc == NULL && local == NULL)
    g_set_error (&local, KITH_ERROR, KITH_ERROR_NOT_FOUND,
                 _("%s: there is no document “%s” (see “kith-cli docs”)"),
                 kith_project_get_display_name (project), ref);
  if (local != NULL)
    g_propagate_error (error, local);
  return doc;
}

/* The statements of storing documents, prepared once for many files: an
 * import of hundreds spent a tenth of its storing time preparing them. */
struct _KithDocumentsWriter
{
  KithProject  *project;
  sqlite3_stmt *find_sha256;
  sqlite3_stmt *name_taken;
  sqlite3_stmt *insert;
  sqlite3_stmt *insert_text;
  sqlite3_stmt *insert_empty_text;
  sqlite3_stmt *insert_turns;   /* TURNS_PER_INSERT rows */
  sqlite3_stmt *insert_turn;
};

KithDocumentsWriter *
kith_documents_writer_new (KithProject *project)
{
  KithDocumentsWriter *w = g_new0 (KithDocumentsWriter, 1);

  g_return_val_if_fail (KITH_IS_PROJECT (project), w);
  w->project = g_object_ref (project);
  return w;
}

void
kith_documents_writer_free (KithDocumentsWriter *w)
{
  if (w == NULL)
    return;
  sqlite3_finalize (w->find_sha256);
  sqlite3_finalize (w->name_taken);
  sqlite3_finalize (w->insert);
  sqlite3_finalize (w->insert_text);
  sqlite3_finalize (w->insert_empty_text);
  sqlite3_finalize (w->insert_turns);
  sqlite3_finalize (w->insert_turn);
  g_clear_object (&w->project);
  g_free (w);
}

/* *@stmt prepared from @sql the first time, reset and cleared after. */
static sqlite3_stmt *
writer_statement (KithDocumentsWriter *w,
                  sqlite3_stmt       **stmt,
                  const char          *sql,
                  GError             **error)
{
  if (*stmt == NULL)
    *stmt = kith_db_prepare (w->project, sql, error);
  else
    {
      sqlite3_reset (*stmt);
      sqlite3_clear_bindings (*stmt);
    }
  return *stmt;
}

gint64
kith_documents_writer_find_sha256 (KithDocumentsWriter *w,
                                   const char          *sha256,
                                   char               **name,
                                   GError             **error)
{
  sqlite3_stmt *stmt = writer_statement (w, &w->find_sha256, "SELECT id, name FROM documents WHERE sha256 = ?1", error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  kith_db_bind_str (stmt, 1, sha256);
  rc = kith_db_step (w->project, stmt, error);
  if (rc < 0)
    return -1;
  if (rc == SQLITE_ROW)
    {
      if (name != NULL)
        *name = g_strdup (kith_db_column_str (stmt, 1));
      id = sqlite3_column_int64 (stmt, 0);
    }
  /* a statement left on a row would hold its read transaction open */
  sqlite3_reset (stmt);
  return id;
}

gint64
kith_documents_find_sha256 (KithProject *project,
                            const char  *sha256,
                            char       **name,
                            GError     **error)
{
  g_autoptr(KithDocumentsWriter) w = kith_documents_writer_new (project);

  return kith_documents_writer_find_sha256 (w, sha256, name, error);
}

gboolean
kith_documents_read_text (KithProject     *project,
                          gint64           id,
                          KithTextSinkFunc sink,
                          gpointer         user_data,
                          GError         **error)
{
  sqlite3_blob *blob = NULL;
  g_autofree char *buffer = NULL;
  int rc, size;

  rc = sqlite3_blob_open (kith_project_get_db (project), "main", "document_texts", "text", id, 0, &blob);
  if (rc != SQLITE_OK)
    {
      if (blob != NULL)
        sqlite3_blob_close (blob);
      if ((rc & 0xff) == SQLITE_ERROR)
        g_set_error (error, KITH_ERROR, KITH_ERROR_NOT_FOUND,
                     _("%s: there is no text for document %lld"),
                     kith_project_get_display_name (project), (long long) id);
      else
        kith_db_set_error (project, error, rc, "reading a document");
      return FALSE;
    }
  size = sqlite3_blob_bytes (blob);
  buffer = g_malloc (READ_CHUNK);
  for (int offset = 0; offset < size;)
    {
      int n = MIN (READ_CHUNK, size - offset);
      rc = sqlite3_blob_read (blob, buffer, n, offset);
      if (rc != SQLITE_OK)
        {
          kith_db_set_error (project, error, rc, "reading a document");
          sqlite3_blob_close (blob);
          return FALSE;
        }
      if (!sink (buffer, (gsize) n, user_data, error))
        {
          sqlite3_blob_close (blob);
          return FALSE;
        }
      offset += n;
    }
  sqlite3_blob_close (blob);
  return TRUE;
}

static gboolean
append_to_string (const char *data, gsize len, gpointer user_data, GError **error)
{
  g_string_append_len (user_data, data, len);
  return TRUE;
}

char *
kith_documents_dup_text (KithProject *project,
                         gint64       id,
                         gsize       *len,
                         GError     **error)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (!kith_documents_read_text (project, id, append_to_string, text, error))
    return NULL;
  if (len != NULL)
    *len = text->len;
  return g_string_free (g_steal_pointer (&text), FALSE);
}

GPtrArray *
kith_documents_list_turns (KithProject *project,
                           gint64       id,
                           GError     **error)
{
  g_autoptr(GPtrArray) turns = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_turn_free);
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project,
      "SELECT start_pos, speech_start, end_pos, speaker, ifnull (timestamp_ms, -1), ifnull (case_id, 0) "
      "FROM turns WHERE document_id = ?1 ORDER BY start_pos", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = kith_db_step (project, stmt, error)) == SQLITE_ROW)
    {
      KithTurn *turn = kith_turn_new ();
      turn->start = sqlite3_column_int64 (stmt, 0);
      turn->speech_start = sqlite3_column_int64 (stmt, 1);
      turn->end = sqlite3_column_int64 (stmt, 2);
      turn->speaker = g_strdup (kith_db_column_str (stmt, 3));
      turn->timestamp_ms = sqlite3_column_int64 (stmt, 4);
      turn->case_id = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (turns, turn);
    }
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&turns);
}

/* “notes.txt”, then “notes (2).txt”, “notes (3).txt”, … */
static char *
unique_name (KithDocumentsWriter *w,
             const char          *name,
             GError             **error)
{
  sqlite3_stmt *stmt = writer_statement (w, &w->name_taken, "SELECT 1 FROM documents WHERE name = ?1", error);
  const char *dot = strrchr (name, '.');
  g_autofree char *stem = dot != NULL && dot != name ? g_strndup (name, (gsize) (dot - name)) : g_strdup (name);
  const char *ext = dot != NULL && dot != name ? dot : "";

  if (stmt == NULL)
    return NULL;
  for (int n = 1; n < 100000; n++)
    {
      g_autofree char *candidate = n == 1 ? g_strdup (name) : g_strdup_printf ("%s (%d)%s", stem, n, ext);
      int rc;

      sqlite3_reset (stmt);
      kith_db_bind_str (stmt, 1, candidate);
      rc = kith_db_step (w->project, stmt, error);
      if (rc < 0)
        return NULL;
      if (rc == SQLITE_DONE)
        return g_steal_pointer (&candidate);
    }
  sqlite3_reset (stmt);
  g_set_error (error, KITH_ERROR, KITH_ERROR_EXISTS, _("too many documents named “%s”"), name);
  return NULL;
}

static gboolean
write_text_blob (KithDocumentsWriter *w,
                 gint64               id,
                 KithSpool           *text,
                 GError             **error)
{
  KithProject *project = w->project;
  sqlite3_stmt *insert = NULL;
  sqlite3_blob *blob = NULL;
  g_autofree char *buffer = NULL;
  goffset size = kith_spool_get_size (text);
  int offset = 0, rc;

  /* A text in memory goes in whole: zeroblob() and then writing it over
   * would make SQLite handle every page twice. */
  if (kith_spool_peek (text) != NULL)
    {
      gboolean ok;

      insert = writer_statement (w, &w->insert_text,
                                 "INSERT INTO document_texts (document_id, text) VALUES (?1, ?2)", error);
      if (insert == NULL)
        return FALSE;
      sqlite3_bind_int64 (insert, 1, id);
      sqlite3_bind_blob64 (insert, 2, kith_spool_peek (text), (sqlite3_uint64) size, SQLITE_STATIC);
      ok = kith_db_run (project, insert, error);
      /* the statement is kept: it must not point at the text once it goes */
      sqlite3_reset (insert);
      sqlite3_clear_bindings (insert);
      return ok;
    }
  insert = writer_statement (w, &w->insert_empty_text,
                             "INSERT INTO document_texts (document_id, text) VALUES (?1, zeroblob (?2))", error);
  if (insert == NULL)
    return FALSE;
  sqlite3_bind_int64 (insert, 1, id);
  sqlite3_bind_int64 (insert, 2, size);
  if (!kith_db_run (project, insert, error))
    return FALSE;
  if (size == 0)
    return TRUE;

  /* incremental blob I/O: the text never has to be in memory at once */
  rc = sqlite3_blob_open (kith_project_get_db (project), "main", "document_texts", "text", id, 1, &blob);
  if (rc != SQLITE_OK)
    {
      if (blob != NULL)
        sqlite3_blob_close (blob);
      kith_db_set_error (project, error, rc, "storing the text");
      return FALSE;
    }
  if (!kith_spool_rewind (text, error))
    goto fail;
  buffer = g_malloc (READ_CHUNK);
  while (offset < size)
    {
      gssize n = kith_spool_read (text, buffer, READ_CHUNK, error);
      if (n < 0)
        goto fail;
      if (n == 0 || offset + n > size)
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_IO, _("the temporary copy of the text changed size"));
          goto fail;
        }
      rc = sqlite3_blob_write (blob, buffer, (int) n, offset);
      if (rc != SQLITE_OK)
        {
          kith_db_set_error (project, error, rc, "storing the text");
          goto fail;
        }
      offset += (int) n;
    }
  rc = sqlite3_blob_close (blob);
  if (rc != SQLITE_OK)
    {
      kith_db_set_error (project, error, rc, "storing the text");
      return FALSE;
    }
  return TRUE;

fail:
  sqlite3_blob_close (blob);
  return FALSE;
}

#define TURNS_PER_INSERT 32   /* 192 parameters, well under SQLite's limit */

static sqlite3_stmt *
prepare_turn_insert (KithProject *project,
                     guint        rows,
                     GError     **error)
{
  g_autoptr(GString) sql = g_string_new ("INSERT INTO turns (document_id, start_pos, speech_start, end_pos, "
                                         "speaker, timestamp_ms) VALUES ");

  for (guint i = 0; i < rows; i++)
    g_string_append (sql, i == 0 ? "(?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?)");
  return kith_db_prepare (project, sql->str, error);
}

/* Many rows per statement: a transcript has hundreds of turns, and one
 * execution each was most of an import's time in SQLite. */
static gboolean
insert_turns (KithDocumentsWriter *w,
              gint64               id,
              GPtrArray           *turns,
              GError             **error)
{
  KithProject *project = w->project;

  for (guint i = 0; i < turns->len;)
    {
      guint n = turns->len - i >= TURNS_PER_INSERT ? TURNS_PER_INSERT : 1;
      sqlite3_stmt **stmt = n > 1 ? &w->insert_turns : &w->insert_turn;

      /* every parameter is bound again below */
      if (*stmt == NULL && (*stmt = prepare_turn_insert (project, n, error)) == NULL)
        return FALSE;
      sqlite3_reset (*stmt);
      for (guint k = 0; k < n; k++, i++)
        {
          KithTurn *turn = g_ptr_array_index (turns, i);
          int at = (int) k * 6;

          sqlite3_bind_int64 (*stmt, at + 1, id);
          sqlite3_bind_int64 (*stmt, at + 2, turn->start);
          sqlite3_bind_int64 (*stmt, at + 3, turn->speech_start);
          sqlite3_bind_int64 (*stmt, at + 4, turn->end);
          kith_db_bind_str (*stmt, at + 5, turn->speaker);
          if (turn->timestamp_ms >= 0)
            sqlite3_bind_int64 (*stmt, at + 6, turn->timestamp_ms);
          else
            sqlite3_bind_null (*stmt, at + 6);
        }
      if (!kith_db_run (project, *stmt, error))
        return FALSE;
    }
  return TRUE;
}

gint64
kith_documents_writer_insert (KithDocumentsWriter *w,
                              KithDocument        *doc,
                              KithSpool           *text,
                              GPtrArray           *turns,
                              GError             **error)
{
  KithProject *project = w->project;
  sqlite3_stmt *insert;
  g_autofree char *name = NULL;
  g_autofree char *now = kith_now_iso8601 ();
  gint64 id;

  g_return_val_if_fail (doc != NULL && doc->name != NULL && text != NULL, 0);
  g_return_val_if_fail (kith_document_kind_is_valid (doc->kind), 0);

  if (!kith_project_begin (project, error))
    return 0;
  name = unique_name (w, doc->name, error);
  if (name == NULL)
    goto fail;
  insert = writer_statement (w, &w->insert,
      "INSERT INTO documents (name, kind, original_name, format, size, sha256, encoding, bom, "
      "reflowed, char_count, byte_count, imported, title) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", error);
  if (insert == NULL)
    goto fail;
  kith_db_bind_str (insert, 1, name);
  kith_db_bind_str (insert, 2, doc->kind);
  kith_db_bind_str (insert, 3, doc->original_name != NULL ? doc->original_name : doc->name);
  kith_db_bind_str (insert, 4, doc->format != NULL ? doc->format : "text");
  sqlite3_bind_int64 (insert, 5, doc->size);
  kith_db_bind_str (insert, 6, doc->sha256);
  kith_db_bind_str (insert, 7, doc->encoding != NULL ? doc->encoding : "UTF-8");
  sqlite3_bind_int (insert, 8, doc->bom);
  sqlite3_bind_int (insert, 9, doc->reflowed);
  sqlite3_bind_int64 (insert, 10, doc->char_count);
  sqlite3_bind_int64 (insert, 11, kith_spool_get_size (text));
  kith_db_bind_str (insert, 12, now);
  kith_db_bind_text_or_null (insert, 13, doc->title);
  if (!kith_db_run (project, insert, error))
    goto fail;
  id = sqlite3_last_insert_rowid (kith_project_get_db (project));

  if (!write_text_blob (w, id, text, error))
    goto fail;

  if (turns != NULL && turns->len > 0 && !insert_turns (w, id, turns, error))
    goto fail;
  if (!kith_project_commit (project, error))
    return 0;
  doc->id = id;
  g_free (doc->name);
  doc->name = g_steal_pointer (&name);
  doc->byte_count = kith_spool_get_size (text);
  g_free (doc->imported);
  doc->imported = g_steal_pointer (&now);
  return id;

fail:
  kith_project_rollback (project);
  return 0;
}

gint64
kith_documents_insert (KithProject  *project,
                       KithDocument *doc,
                       KithSpool    *text,
                       GPtrArray    *turns,
                       GError      **error)
{
  g_autoptr(KithDocumentsWriter) w = NULL;

  g_return_val_if_fail (KITH_IS_PROJECT (project), 0);
  w = kith_documents_writer_new (project);
  return kith_documents_writer_insert (w, doc, text, turns, error);
}

gboolean
kith_documents_delete (KithProject *project,
                       gint64       id,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!kith_project_begin (project, error))
    return FALSE;
  stmt = kith_db_prepare (project, "DELETE FROM documents WHERE id = ?1", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!kith_db_run (project, stmt, error))
    goto fail;
  if (sqlite3_changes (kith_project_get_db (project)) == 0)
    {
      kith_db_set_not_found (project, error, "document", id);
      goto fail;
    }
  /* the text is not kept for undo, so older actions could not be undone
   * safely: deleting a document is final and starts the history afresh */
  if (!kith_history_clear (project, error))
    goto fail;
  return kith_project_commit (project, error);

fail:
  kith_project_rollback (project);
  return FALSE;
}
