/* kith-refi-export.c — a project as REFI-QDA: .qdc codebook or .qdpx project
 *
 * The project is read into a KithQde following the mapping in kith-qde.h,
 * then written by kith-qde-write.c. Everything is read in one read
 * transaction, so a coder working meanwhile cannot make the files
 * disagree; nothing is written to the project (GUIDs are derived), so a
 * read-only project exports as well.
 */
#include "kith-config.h"

#include <string.h>

#include "kith-db-private.h"
#include "kith-documents.h"
#include "kith-error.h"
#include "kith-i18n.h"
#include "kith-qde-write.h"
#include "kith-qde.h"
#include "kith-refi-export.h"
#include "kith-refi-guid.h"
#include "kith-utf8.h"
#include "kith-zip-writer.h"

/* “internal://GUID.txt” is sources/GUID.txt in the archive */
#define INTERNAL "internal://"

typedef struct {
  KithProject                 *project;
  KithRefiExportOptions        options;
  KithRefiExportReport        *report;
  KithQde                     *qde;
  char                        *ns;          /* the project's GUID namespace */
  GHashTable                  *kept;        /* “kind:row” → GUID kept from an import */
  GHashTable                  *coders;      /* coder id → GUID (borrowed from users) */
  GHashTable                  *codes;       /* code id → KithQdeCode (borrowed) */
  GHashTable                  *attributes;  /* attribute id → KithQdeVariable (borrowed) */
  GHashTable                  *cases;       /* case id → KithQdeCase (borrowed) */
  GPtrArray                   *text_names;  /* archive names of the sources' texts */
  GPtrArray                   *texts;       /* GBytes, the texts as written */
  KithRefiProgressFunc         progress;
  gpointer                     progress_data;
} Export;

static void
export_clear (Export *ex)
{
  g_clear_pointer (&ex->qde, kith_qde_free);
  g_clear_pointer (&ex->ns, g_free);
  g_clear_pointer (&ex->kept, g_hash_table_unref);
  g_clear_pointer (&ex->coders, g_hash_table_unref);
  g_clear_pointer (&ex->codes, g_hash_table_unref);
  g_clear_pointer (&ex->attributes, g_hash_table_unref);
  g_clear_pointer (&ex->cases, g_hash_table_unref);
  g_clear_pointer (&ex->text_names, g_ptr_array_unref);
  g_clear_pointer (&ex->texts, g_ptr_array_unref);
}

/* The GUID of a row: the kept one, else derived (kith_refi_guid_of, with
 * the kept GUIDs read once rather than a query a row). */
static char *
guid_of (Export *ex, KithRefiKind kind, gint64 row_id, const char *created)
{
  g_autofree char *key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, kith_refi_kind_name (kind), row_id);
  const char *kept = g_hash_table_lookup (ex->kept, key);

  return kept != NULL ? g_strdup (kept) : kith_refi_guid_derive (ex->ns, kind, row_id, created);
}

/* GUIDs of things that are not rows (a span's selection, a turn, a
 * framework set): derived under a row's kind with a name no row has. */
static char *
guid_of_part (Export *ex, KithRefiKind kind, gint64 row_id, const char *part)
{
  g_autofree char *name = g_strconcat ("kith-part:", part, NULL);

  return kith_refi_guid_derive (ex->ns, kind, row_id, name);
}

/* xsd:dateTime, or NULL when the stored text is not a time */
static char *
date_time (const char *stored)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = stored != NULL ? g_date_time_new_from_iso8601 (stored, utc) : NULL;

  return time != NULL ? g_date_time_format (time, "%Y-%m-%dT%H:%M:%SZ") : NULL;
}

static const char *
column (sqlite3_stmt *stmt, int i)
{
  return (const char *) sqlite3_column_text (stmt, i);
}

static char *
column_dup_or_null (sqlite3_stmt *stmt, int i)
{
  const char *text = column (stmt, i);

  return text != NULL && *text != '\0' ? g_strdup (text) : NULL;
}

/* Runs @sql (with ?1 bound to @param when it has one), calling @row for
 * each row; FALSE with @error set when a step fails. */
typedef gboolean (*RowFunc) (Export *ex, sqlite3_stmt *stmt, gpointer data, GError **error);

static gboolean
each_row (Export *ex, const char *sql, gint64 param, RowFunc row, gpointer data, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (ex->project, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, param);
  while ((rc = kith_db_step (ex->project, stmt, error)) == SQLITE_ROW)
    if (!row (ex, stmt, data, error))
      return FALSE;
  return rc == SQLITE_DONE;
}

/* Column 0, the row's id, as a key the tables free */
static gint64 *
row_key (sqlite3_stmt *stmt)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);

  return g_memdup2 (&id, sizeof id);
}

static gboolean
add_kept (Export *ex, sqlite3_stmt *stmt, gpointer data, GError **error)
{
  g_hash_table_insert (ex->kept, g_strdup_printf ("%s:%s", column (stmt, 0), column (stmt, 1)), g_strdup (column (stmt, 2)));
  return TRUE;
}

static gboolean
add_user (Export *ex, sqlite3_stmt *stmt, gpointer data, GError **error)
{
  KithQdeUser *user = kith_qde_user_new ();
  gint64 *id = row_key (stmt);

  user->guid = guid_of (ex, KITH_REFI_CODER, *id, column (stmt, 2));
  user->name = g_strdup (column (stmt, 1));
  g_ptr_array_add (ex->qde->users, user);
  g_hash_table_insert (ex->coders, id, user->guid);
  return TRUE;
}

static const char *
coder_guid (Export *ex, gint64 coder_id)
{
  return g_hash_table_lookup (ex->coders, &coder_id);
}

/* A memo as a Note; its GUID goes into @refs (the NoteRef of what it is on). */
static KithQdeSource *
add_note (Export *ex, char *guid, const char *title, const char *body,
          const char *created, const char *modified, const char *creating_user)
{
  KithQdeSource *note = kith_qde_source_new (KITH_QDE_SOURCE_TEXT);

  note->guid = guid;
  note->name = title != NULL && *title != '\0' ? g_strdup (title) : NULL;
  note->plain_text_content = g_strdup (body != NULL ? body : "");
  note->created = date_time (created);
  note->modified = date_time (modified);
  note->creating_user = g_strdup (creating_user);
  g_ptr_array_add (ex->qde->notes, note);
  ex->report->n_notes++;
  return note;
}

/* codes: the tree, then the framework's sets */

typedef struct {
  gint64       id;
  gint64       parent;
  gint64       n_codings;
  char        *goal, *dimension, *outcome;
  KithQdeCode *code;     /* owned until placed in the tree */
} CodeRow;

static void
code_row_free (CodeRow *row)
{
  g_free (row->goal);
  g_free (row->dimension);
  g_free (row->outcome);
  kith_qde_code_free (row->code);
  g_free (row);
}

static gboolean
add_code_row (Export *ex, sqlite3_stmt *stmt, gpointer data, GError **error)
{
  GPtrArray *rows = data;
  CodeRow *row = g_new0 (CodeRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->parent = sqlite3_column_int64 (stmt, 1);
  row->code = kith_qde_code_new ();
  row->code->guid = guid_of (ex, KITH_REFI_CODE, row->id, column (stmt, 5));
  row->code->name = g_strdup (column (stmt, 2));
  row->code->description = column_dup_or_null (stmt, 3);
  /* the schema's RGBType: anything else is left out rather than invalid */
  if (column (stmt, 4) != NULL && strlen (column (stmt, 4)) == 7 && column (stmt, 4)[0] == '#')
    row->code->colour = g_ascii_strup (column (stmt, 4), -1);
  row->goal = column_dup_or_null (stmt, 6);
  row->dimension = column_dup_or_null (stmt, 7);
  row->outcome = column_dup_or_null (stmt, 8);
  row->n_codings = sqlite3_column_int64 (stmt, 9);
  g_ptr_array_add (rows, row);
  return TRUE;
}

static void
add_to_set (Export *ex, GHashTable *sets, const char *prefix, const char *key, const char *code_guid)
{
  g_autofree char *name = g_strdup_printf ("%s: %s", prefix, key);
  KithQdeSet *set = g_hash_table_lookup (sets, name);

  if (set == NULL)
    {
      set = kith_qde_set_new ();
      set->guid = guid_of_part (ex, KITH_REFI_CODE, 0, name);
      set->name = g_strdup (name);
      set->description = g_strdup ("Kith framework");
      g_ptr_array_add (ex->qde->sets, set);
      g_hash_table_insert (sets, g_steal_pointer (&name), set);
      ex->report->n_sets++;
    }
  g_ptr_array_add (set->member_codes, g_strdup (code_guid));
}

static char *
code_path (GHashTable *by_id, CodeRow *row)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GString) path = g_string_new (NULL);

  for (CodeRow *r = row; r != NULL; r = r->parent != 0 ? g_hash_table_lookup (by_id, &r->parent) : NULL)
    g_ptr_array_insert (names, 0, r->code->name);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (path, "%s%s", i > 0 ? " › " : "", (char *) g_ptr_array_index (names, i));
  return g_string_free (g_steal_pointer (&path), FALSE);
}

static gboolean
add_codes (Export *ex, GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) code_row_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);   /* code id → CodeRow, for the paths */
  g_autoptr(GHashTable) name_uses = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  if (!each_row (ex, "SELECT id, ifnull (parent_id, 0), name, description, colour, created, goal, dimension, outcome_key,"
                     " (SELECT count (*) FROM codings WHERE code_id = codes.id)"
                     " FROM codes ORDER BY ifnull (parent_id, 0), position, name, id",
                 0, add_code_row, rows, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      CodeRow *row = g_ptr_array_index (rows, i);
      guint uses = GPOINTER_TO_UINT (g_hash_table_lookup (name_uses, row->code->name));

      g_hash_table_insert (by_id, &row->id, row);
      g_hash_table_insert (name_uses, row->code->name, GUINT_TO_POINTER (uses + 1));
    }
  /* names first (the paths read the bare names), then the tree */
  for (guint i = 0; i < rows->len; i++)
    {
      CodeRow *row = g_ptr_array_index (rows, i);
      gboolean twice = GPOINTER_TO_UINT (g_hash_table_lookup (name_uses, row->code->name)) > 1;

      g_ptr_array_add (paths, ex->options.unique_names && twice ? code_path (by_id, row) : NULL);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      CodeRow *row = g_ptr_array_index (rows, i);
      char *path = g_ptr_array_index (paths, i);

      if (path != NULL)
        {
          g_free (row->code->name);
          row->code->name = g_strdup (path);
          ex->report->n_renamed++;
        }
    }
  for (guint i = 0; i < rows->len; i++)
    {
      CodeRow *row = g_ptr_array_index (rows, i);

      g_hash_table_insert (ex->codes, g_memdup2 (&row->id, sizeof row->id), row->code);
    }
  /* the tree owns the codes; ex->codes borrows them */
  for (guint i = 0; i < rows->len; i++)
    {
      CodeRow *row = g_ptr_array_index (rows, i);
      KithQdeCode *parent = row->parent != 0 ? g_hash_table_lookup (ex->codes, &row->parent) : NULL;
      KithQdeCode *code = g_steal_pointer (&row->code);

      if (row->goal != NULL)
        add_to_set (ex, sets, "Kith goal", row->goal, code->guid);
      if (row->dimension != NULL)
        add_to_set (ex, sets, "Kith dimension", row->dimension, code->guid);
      if (row->outcome != NULL)
        add_to_set (ex, sets, "Kith outcome", row->outcome, code->guid);
      g_ptr_array_add (parent != NULL ? parent->children : ex->qde->codes, code);
      ex->report->n_codes++;
    }
  /* a code with children and no codings of its own is a heading */
  for (guint i = 0; i < rows->len; i++)
    {
      CodeRow *row = g_ptr_array_index (rows, i);
      KithQdeCode *code = g_hash_table_lookup (ex->codes, &row->id);

      code->codable = code->children->len == 0 || row->n_codings > 0;
    }
  return TRUE;
}

/* variables */

static gboolean
add_variable (Export *ex, sqlite3_stmt *stmt, gpointer data, GError **error)
{
  KithQdeVariable *variable = kith_qde_variable_new ();
  gint64 *id = row_key (stmt);
  const char *type = column (stmt, 2);

  variable->guid = guid_of (ex, KITH_REFI_ATTRIBUTE, *id, NULL);
  variable->name = g_strdup (column (stmt, 1));
  /* a number with no fraction anywhere is an Integer; else a Float (xsd:decimal) */
  if (g_str_equal (type, "number"))
    variable->type = sqlite3_column_int64 (stmt, 3) > 0 ? KITH_QDE_FLOAT : KITH_QDE_INTEGER;
  else if (g_str_equal (type, "date"))
    variable->type = KITH_QDE_DATE;
  else if (g_str_equal (type, "boolean"))
    variable->type = KITH_QDE_BOOLEAN;
  else
    variable->type = KITH_QDE_TEXT;
  g_ptr_array_add (ex->qde->variables, variable);
  g_hash_table_insert (ex->attributes, id, variable);
  ex->report->n_variables++;
  return TRUE;
}

static gboolean
add_value (Export *ex, sqlite3_stmt *stmt, gpointer data, GError **error)
{
  GPtrArray *values = data;
  gint64 attribute = sqlite3_column_int64 (stmt, 0);
  KithQdeVariable *variable = g_hash_table_lookup (ex->attributes, &attribute);
  KithQdeValue *value;

  if (variable == NULL)
    return TRUE;
  value = kith_qde_value_new ();
  value->variable = g_strdup (variable->guid);
  value->type = variable->type;
  value->value = g_strdup (column (stmt, 1));
  /* xsd:decimal has no leading “+”; 12.0 stays 12.0 */
  if ((value->type == KITH_QDE_FLOAT || value->type == KITH_QDE_INTEGER) && value->value[0] == '+')
    memmove (value->value, value->value + 1, strlen (value->value));
  g_ptr_array_add (values, value);
  return TRUE;
}

/* cases, their memos, and the documents and turns linked to them */

static gboolean
add_case (Export *ex, sqlite3_stmt *stmt, gpointer data, GError **error)
{
  KithQdeCase *qcase = kith_qde_case_new ();
  gint64 *id = row_key (stmt);

  qcase->guid = guid_of (ex, KITH_REFI_CASE, *id, column (stmt, 3));
  qcase->name = g_strdup (column (stmt, 1));
  qcase->description = column_dup_or_null (stmt, 2);
  g_ptr_array_add (ex->qde->cases, qcase);
  g_hash_table_insert (ex->cases, id, qcase);
  ex->report->n_cases++;
  return each_row (ex, "SELECT attribute_id, value FROM case_values v JOIN attributes a ON a.id = v.attribute_id"
                       " WHERE case_id = ?1 ORDER BY a.position, a.id",
                   *id, add_value, qcase->values, error);
}

/* memos: on the project, a document, a code or a case */
static gboolean
add_memo (Export *ex, sqlite3_stmt *stmt, gpointer data, GError **error)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);
  KithQdeSource *note = add_note (ex, guid_of (ex, KITH_REFI_MEMO, id, column (stmt, 6)),
                                  column (stmt, 4), column (stmt, 5), column (stmt, 6), column (stmt, 7), NULL);
  gint64 document = sqlite3_column_int64 (stmt, 1);
  gint64 code_id = sqlite3_column_int64 (stmt, 2);
  gint64 case_id = sqlite3_column_int64 (stmt, 3);
  GHashTable *documents = data;

  if (document != 0)
    {
      KithQdeSource *source = g_hash_table_lookup (documents, &document);
      if (source != NULL)
        g_ptr_array_add (source->note_refs, g_strdup (note->guid));
    }
  else if (code_id != 0)
    {
      KithQdeCode *code = g_hash_table_lookup (ex->codes, &code_id);
      if (code != NULL)
        g_ptr_array_add (code->note_refs, g_strdup (note->guid));
    }
  else if (case_id != 0)
    {
      /* CaseType has no NoteRef: the note names its case (kith-qde.h) */
      KithQdeCase *qcase = g_hash_table_lookup (ex->cases, &case_id);
      if (qcase != NULL)
        note->description = g_strdup_printf ("Kith: case=%s", qcase->guid);
    }
  else
    g_ptr_array_add (ex->qde->note_refs, g_strdup (note->guid));
  return TRUE;
}

/* sources */

typedef struct {
  KithQdeSource  *source;
  KithTextIndex  *index;
  GArray         *line_ends;    /* code point offsets of every LF, with CRLF */
  GHashTable     *spans;        /* “start:end” → KithQdeSelection (borrowed) */
  KithPseudonymMap *map;        /* pseudonymised: where the stored text's positions went */
} Source;

/* A stored position in the text as written, before any CRLF. */
static gint64
mapped (Source *src, gint64 pos, gboolean is_end)
{
  return src->map != NULL ? kith_pseudonym_map_position (src->map, pos, is_end) : pos;
}

/* A position as written: with CRLF, one more for every LF before it. */
static gint64
written_position (Source *src, gint64 pos)
{
  guint lo = 0, hi;

  if (src->line_ends == NULL)
    return pos;
  hi = src->line_ends->len;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      if (g_array_index (src->line_ends, gint64, mid) < pos)
        lo = mid + 1;
      else
        hi = mid;
    }
  return pos + lo;
}

static char *
with_crlf (const char *text, gsize len, gsize *out_len)
{
  GString *crlf = g_string_sized_new (len + len / 32 + 1);

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '\n')
        g_string_append_c (crlf, '\r');
      g_string_append_c (crlf, text[i]);
    }
  *out_len = crlf->len;
  return g_string_free (crlf, FALSE);
}

/* The selection on [@start, @end) of @src, made when it is the first. */
static KithQdeSelection *
selection_at (Export *ex, Source *src, gint64 start, gint64 end, KithRefiKind kind, gint64 row_id,
              const char *part, const char *creating_user, const char *created)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, start, end);
  KithQdeSelection *selection = g_hash_table_lookup (src->spans, key);
  g_autofree char *name = NULL;

  if (selection != NULL)
    return selection;
  selection = kith_qde_selection_new ();
  selection->guid = guid_of_part (ex, kind, row_id, part);
  name = kith_text_index_dup_span (src->index, start, end);
  if (ex->options.crlf)
    {
      gsize len;
      selection->name = with_crlf (name, strlen (name), &len);
    }
  else
    selection->name = g_steal_pointer (&name);
  selection->start = written_position (src, start);
  selection->end = written_position (src, end);
  selection->creating_user = g_strdup (creating_user);
  selection->created = date_time (created);
  g_ptr_array_add (src->source->selections, selection);
  g_hash_table_insert (src->spans, g_steal_pointer (&key), selection);
  ex->report->n_selections++;
  return selection;
}

static gboolean
add_coding (Export *ex, sqlite3_stmt *stmt, gpointer data, GError **error)
{
  Source *src = data;
  gint64 id = sqlite3_column_int64 (stmt, 0);
  gint64 code_id = sqlite3_column_int64 (stmt, 1);
  gint64 start = sqlite3_column_int64 (stmt, 2);
  gint64 end = sqlite3_column_int64 (stmt, 3);
  const char *user = coder_guid (ex, sqlite3_column_int64 (stmt, 4));
  const char *memo = column (stmt, 5);
  const char *created = column (stmt, 6);
  KithQdeCode *code = g_hash_table_lookup (ex->codes, &code_id);
  KithQdeSelection *selection;
  KithQdeCoding *coding;
  gint64 stored_start = start, stored_end = end;

  /* the schema's keys and triggers keep these from happening: a project
   * where they do is damaged, and a coding is never dropped unsaid */
  start = mapped (src, start, FALSE);
  end = mapped (src, end, TRUE);
  if (code == NULL || start < 0 || start >= end || end > kith_text_index_get_length (src->index))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_CORRUPT,
                   _("%s: coding %lld (%lld–%lld in “%s”) does not fit its document or code"),
                   kith_project_get_path (ex->project), (long long) id, (long long) stored_start,
                   (long long) stored_end, src->source->name);
      return FALSE;
    }
  selection = selection_at (ex, src, start, end, KITH_REFI_CODING, id, "selection", user, created);
  coding = kith_qde_coding_new ();
  coding->guid = guid_of (ex, KITH_REFI_CODING, id, created);
  coding->code = g_strdup (code->guid);
  coding->creating_user = g_strdup (user);
  coding->created = date_time (created);
  if (memo != NULL && *memo != '\0')
    {
      /* a coding's memo has no title in Kith: its first words name the note */
      g_autofree char *line = kith_utf8_fold_space (memo);
      g_autofree char *head = g_utf8_substring (line, 0, 59);
      g_autofree char *title = g_utf8_strlen (line, -1) > 60 ? g_strconcat (head, "…", NULL) : g_strdup (line);
      KithQdeSource *note = add_note (ex, guid_of_part (ex, KITH_REFI_CODING, id, "memo"),
                                      title, memo, created, created, user);
      g_ptr_array_add (coding->note_refs, g_strdup (note->guid));
    }
  g_ptr_array_add (selection->codings, coding);
  ex->report->n_codings++;
  return TRUE;
}

static gboolean
add_turn (Export *ex, sqlite3_stmt *stmt, gpointer data, GError **error)
{
  Source *src = data;
  gint64 id = sqlite3_column_int64 (stmt, 0);
  gint64 start = sqlite3_column_int64 (stmt, 1);
  gint64 end = sqlite3_column_int64 (stmt, 2);
  gint64 case_id = sqlite3_column_int64 (stmt, 3);
  KithQdeCase *qcase = g_hash_table_lookup (ex->cases, &case_id);
  KithQdeSelection *selection;

  start = mapped (src, start, FALSE);
  end = mapped (src, end, TRUE);
  if (qcase == NULL || start >= end || end > kith_text_index_get_length (src->index))
    return TRUE;
  selection = selection_at (ex, src, start, end, KITH_REFI_DOCUMENT, id, "turn", NULL, NULL);
  g_ptr_array_add (qcase->selection_refs, g_strdup (selection->guid));
  return TRUE;
}

static int
compare_selections (gconstpointer a, gconstpointer b)
{
  const KithQdeSelection *x = *(KithQdeSelection **) a, *y = *(KithQdeSelection **) b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return x->end < y->end ? -1 : x->end > y->end;
}

typedef struct {
  GHashTable *documents;  /* id → KithQdeSource (borrowed) */
  gint64      n_documents;
  gint64      done;
} Sources;

static gboolean
add_source (Export *ex, sqlite3_stmt *stmt, gpointer data, GError **error)
{
  Sources *sources = data;
  gint64 *id = row_key (stmt);
  const char *kind = column (stmt, 2);
  const char *title = column (stmt, 3);
  gint64 case_id = sqlite3_column_int64 (stmt, 5);
  Source src = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *txt_name = NULL;
  gsize len;
  gboolean ok;

  src.source = kith_qde_source_new (KITH_QDE_SOURCE_TEXT);
  src.source->guid = guid_of (ex, KITH_REFI_DOCUMENT, *id, column (stmt, 4));
  src.source->name = g_strdup (column (stmt, 1));
  src.source->created = date_time (column (stmt, 4));
  if (!g_str_equal (kind, "notes") || title != NULL)
    {
      g_autofree char *one_line = title != NULL ? kith_utf8_fold_space (title) : NULL;
      src.source->description = one_line != NULL ? g_strdup_printf ("Kith: kind=%s; title=%s", kind, one_line)
                                                 : g_strdup_printf ("Kith: kind=%s", kind);
    }
  txt_name = g_strdup_printf ("%s.txt", src.source->guid);
  src.source->plain_text_path = g_strconcat (INTERNAL, txt_name, NULL);
  g_ptr_array_add (ex->qde->sources, src.source);
  g_hash_table_insert (sources->documents, id, src.source);
  ex->report->n_sources++;
  if (case_id != 0)
    {
      KithQdeCase *qcase = g_hash_table_lookup (ex->cases, &case_id);
      if (qcase != NULL)
        g_ptr_array_add (qcase->source_refs, g_strdup (src.source->guid));
    }
  if (!each_row (ex, "SELECT attribute_id, value FROM document_values v JOIN attributes a ON a.id = v.attribute_id"
                     " WHERE document_id = ?1 ORDER BY a.position, a.id",
                 *id, add_value, src.source->values, error))
    return FALSE;

  text = kith_documents_dup_text (ex->project, *id, &len, error);
  if (text == NULL)
    return FALSE;
  if (ex->options.pseudonymiser != NULL)
    {
      char *replaced = kith_pseudonymiser_apply_mapped (ex->options.pseudonymiser, text, &src.map);
      g_free (text);
      text = replaced;
      len = strlen (text);
    }
  src.index = kith_text_index_new (text, len);
  src.spans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (ex->options.crlf)
    {
      gint64 pos = 0;
      src.line_ends = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (const char *p = text; p < text + len; p = g_utf8_next_char (p), pos++)
        if (*p == '\n')
          g_array_append_val (src.line_ends, pos);
    }
  ok = each_row (ex, "SELECT id, code_id, start_pos, end_pos, coder_id, memo, created FROM codings"
                     " WHERE document_id = ?1 ORDER BY start_pos, end_pos, id",
                 *id, add_coding, &src, error)
       && each_row (ex, "SELECT id, start_pos, end_pos, case_id FROM turns"
                        " WHERE document_id = ?1 AND case_id IS NOT NULL ORDER BY start_pos, id",
                    *id, add_turn, &src, error);
  g_ptr_array_sort (src.source->selections, compare_selections);
  if (ok)
    {
      if (ex->options.crlf)
        {
          gsize crlf_len;
          char *crlf = with_crlf (text, len, &crlf_len);
          g_ptr_array_add (ex->texts, g_bytes_new_take (crlf, crlf_len));
        }
      else
        g_ptr_array_add (ex->texts, g_bytes_new_take (g_steal_pointer (&text), len));
      g_ptr_array_add (ex->text_names, g_strconcat ("sources/", txt_name, NULL));
    }
  g_clear_pointer (&src.index, kith_text_index_free);
  g_clear_pointer (&src.line_ends, g_array_unref);
  g_clear_pointer (&src.spans, g_hash_table_unref);
  g_clear_pointer (&src.map, kith_pseudonym_map_free);
  sources->done++;
  if (ex->progress != NULL)
    ex->progress (0.1 + 0.8 * (double) sources->done / (double) MAX (sources->n_documents, 1),
                  src.source->name, ex->progress_data);
  return ok;
}

static gboolean
count_suggestions (Export *ex, sqlite3_stmt *stmt, gpointer data, GError **error)
{
  const char *status = column (stmt, 0);
  guint n = (guint) sqlite3_column_int64 (stmt, 1);

  if (g_str_equal (status, "pending"))
    ex->report->n_pending = n;
  else if (g_str_equal (status, "rejected"))
    ex->report->n_rejected = n;
  return TRUE;
}

static gboolean
set_meta (Export *ex, sqlite3_stmt *stmt, gpointer data, GError **error)
{
  if (g_str_equal (column (stmt, 0), "created"))
    ex->qde->created = date_time (column (stmt, 1));
  return TRUE;
}

static void
pseudonymise_values (KithPseudonymiser *p, GPtrArray *values)
{
  for (guint i = 0; i < values->len; i++)
    {
      KithQdeValue *v = g_ptr_array_index (values, i);
      if (v->type == KITH_QDE_TEXT)
        kith_pseudonymiser_apply_in_place (p, &v->value);
    }
}

/* Everything written that a person wrote or is named in, apart from the
 * texts (done with their selections, in add_source): names of the
 * project, users, sources and cases; descriptions; text values; notes. */
static void
pseudonymise (KithQde *qde, KithPseudonymiser *p)
{
  kith_pseudonymiser_apply_in_place (p, &qde->name);
  for (guint i = 0; i < qde->users->len; i++)
    kith_pseudonymiser_apply_in_place (p, &((KithQdeUser *) g_ptr_array_index (qde->users, i))->name);
  for (guint i = 0; i < qde->cases->len; i++)
    {
      KithQdeCase *c = g_ptr_array_index (qde->cases, i);
      kith_pseudonymiser_apply_in_place (p, &c->name);
      kith_pseudonymiser_apply_in_place (p, &c->description);
      pseudonymise_values (p, c->values);
    }
  for (guint i = 0; i < qde->sources->len; i++)
    {
      KithQdeSource *src = g_ptr_array_index (qde->sources, i);
      kith_pseudonymiser_apply_in_place (p, &src->name);
      kith_pseudonymiser_apply_in_place (p, &src->description);
      pseudonymise_values (p, src->values);
    }
  for (guint i = 0; i < qde->notes->len; i++)
    {
      KithQdeSource *note = g_ptr_array_index (qde->notes, i);
      kith_pseudonymiser_apply_in_place (p, &note->name);
      kith_pseudonymiser_apply_in_place (p, &note->description);
      kith_pseudonymiser_apply_in_place (p, &note->plain_text_content);
    }
}

static gboolean
build (Export *ex, KithRefiFormat format, GError **error)
{
  g_autofree char *base = g_path_get_basename (kith_project_get_path (ex->project));
  g_autoptr(GHashTable) documents = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  Sources sources = { documents, 0, 0 };

  ex->qde = kith_qde_new ();
  ex->kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ex->coders = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  ex->codes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  ex->attributes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  ex->cases = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  ex->texts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  ex->text_names = g_ptr_array_new_with_free_func (g_free);
  if (g_str_has_suffix (base, ".kith") && strlen (base) > 5)
    base[strlen (base) - 5] = '\0';
  ex->qde->name = g_strdup (base);
  ex->qde->origin = g_strdup ("Kith " KITH_VERSION);

  if ((ex->ns = kith_refi_namespace (ex->project, error)) == NULL
      || !each_row (ex, "SELECT kind, row_id, guid FROM refi_guids", 0, add_kept, NULL, error)
      || !each_row (ex, "SELECT key, value FROM meta WHERE key = 'created'", 0, set_meta, NULL, error)
      || !each_row (ex, "SELECT id, name, created FROM coders ORDER BY id", 0, add_user, NULL, error)
      || !add_codes (ex, error))
    return FALSE;
  if (format == KITH_REFI_QDC)
    {
      gint64 n_memos = 0;
      if (!kith_db_query_int (ex->project, "SELECT count (*) FROM memos WHERE code_id IS NOT NULL", 0, 0, &n_memos, error))
        return FALSE;
      ex->report->n_memos_left_out = (guint) n_memos;
      return TRUE;
    }
  ex->report->n_users = ex->qde->users->len;
  if (ex->progress != NULL)
    ex->progress (0.1, NULL, ex->progress_data);
  return each_row (ex, "SELECT id, name, type,"
                       " (SELECT count (*) FROM (SELECT value FROM case_values WHERE attribute_id = attributes.id"
                       "   UNION ALL SELECT value FROM document_values WHERE attribute_id = attributes.id)"
                       "  WHERE instr (value, '.') > 0)"
                       " FROM attributes ORDER BY position, id", 0, add_variable, NULL, error)
         && each_row (ex, "SELECT id, name, description, created FROM cases ORDER BY id", 0, add_case, NULL, error)
         && kith_db_query_int (ex->project, "SELECT count (*) FROM documents", 0, 0, &sources.n_documents, error)
         && each_row (ex, "SELECT id, name, kind, title, imported, ifnull (case_id, 0) FROM documents ORDER BY id",
                      0, add_source, &sources, error)
         && each_row (ex, "SELECT id, ifnull (document_id, 0), ifnull (code_id, 0), ifnull (case_id, 0),"
                          " title, body, created, modified FROM memos ORDER BY id",
                      0, add_memo, documents, error)
         && each_row (ex, "SELECT status, count (*) FROM suggestions GROUP BY status", 0, count_suggestions, NULL, error);
}

/* the .qdpx: a ZIP made in memory, written to the file in one go */
static GBytes *
zip (GBytes *project_qde, GPtrArray *names, GPtrArray *texts, GError **error)
{
  KithZipWriter *writer = kith_zip_writer_new ();
  gboolean ok = kith_zip_writer_add (writer, "project.qde", g_bytes_get_data (project_qde, NULL),
                                     (gssize) g_bytes_get_size (project_qde), error);

  for (guint i = 0; ok && i < names->len; i++)
    {
      GBytes *text = g_ptr_array_index (texts, i);
      ok = kith_zip_writer_add (writer, g_ptr_array_index (names, i), g_bytes_get_data (text, NULL),
                                (gssize) g_bytes_get_size (text), error);
    }
  if (!ok)
    {
      kith_zip_writer_free (writer);
      return NULL;
    }
  return kith_zip_writer_finish (writer, error);
}

GBytes *
kith_refi_export (KithProject                 *project,
                  KithRefiFormat               format,
                  const KithRefiExportOptions *options,
                  KithRefiExportReport        *report,
                  KithRefiProgressFunc         progress,
                  gpointer                     progress_data,
                  GError                     **error)
{
  KithRefiExportReport local = { 0 };
  Export ex = { 0 };
  g_autoptr(GBytes) xml = NULL;
  GBytes *result = NULL;
  gboolean snapshot, ok;

  g_return_val_if_fail (KITH_IS_PROJECT (project), NULL);
  ex.project = project;
  ex.report = report != NULL ? report : &local;
  memset (ex.report, 0, sizeof *ex.report);
  if (options != NULL)
    ex.options = *options;
  ex.progress = progress;
  ex.progress_data = progress_data;

  /* one snapshot of the project for everything read below (a deferred
   * transaction only reads: a read-only project allows it) */
  snapshot = !kith_project_in_transaction (project);
  if (snapshot && !kith_db_exec (project, "BEGIN DEFERRED", error))
    return NULL;
  {
    guint before[KITH_PRIVACY_N_KINDS] = { 0 };

    for (guint k = 0; ex.options.pseudonymiser != NULL && k < KITH_PRIVACY_N_KINDS; k++)
      before[k] = kith_pseudonymiser_get_count (ex.options.pseudonymiser, k);
    ok = build (&ex, format, error);
    if (ok && ex.options.pseudonymiser != NULL)
      {
        pseudonymise (ex.qde, ex.options.pseudonymiser);
        ex.report->pseudonymised = TRUE;
        for (guint k = 0; k < KITH_PRIVACY_N_KINDS; k++)
          ex.report->replaced[k] = kith_pseudonymiser_get_count (ex.options.pseudonymiser, k) - before[k];
      }
  }
  if (snapshot)
    kith_db_exec (project, "ROLLBACK", NULL);
  if (ok && format == KITH_REFI_QDC && ex.qde->codes->len == 0)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID,
                   _("%s: the project has no codes, and a codebook needs one at least"), kith_project_get_path (project));
      ok = FALSE;
    }
  if (ok)
    xml = format == KITH_REFI_QDC ? kith_qde_write_codebook (ex.qde, error) : kith_qde_write_project (ex.qde, error);
  if (xml != NULL)
    result = format == KITH_REFI_QDC ? g_bytes_ref (xml) : zip (xml, ex.text_names, ex.texts, error);
  if (result != NULL && progress != NULL)
    progress (1.0, NULL, progress_data);
  export_clear (&ex);
  return result;
}

gboolean
kith_refi_export_save (GBytes      *data,
                       const char  *path,
                       GError     **error)
{
  g_autoptr(GError) local = NULL;
  gsize len;
  const char *bytes = g_bytes_get_data (data, &len);
  const char *why;

  if (g_file_set_contents_full (path, bytes, (gssize) len,
                                G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                0600, &local))
    return TRUE;
  /* GLib's message names its temporary file: say it of the file asked for */
  switch (local->code)
    {
    case G_FILE_ERROR_NOENT:
    case G_FILE_ERROR_NOTDIR:
      why = _("its folder does not exist");
      break;
    case G_FILE_ERROR_ACCES:
    case G_FILE_ERROR_PERM:
    case G_FILE_ERROR_ROFS:
      why = _("you may not write there");
      break;
    case G_FILE_ERROR_ISDIR:
      why = _("it is a folder");
      break;
    case G_FILE_ERROR_NOSPC:
      why = _("the disk is full");
      break;
    default:
      why = local->message;
      break;
    }
  g_set_error (error, KITH_ERROR, KITH_ERROR_IO, _("%s: cannot write the export: %s"), path, why);
  return FALSE;
}

char *
kith_refi_export_report_text (const KithRefiExportReport *report,
                              KithRefiFormat              format)
{
  GString *text = g_string_new (NULL);

#define COUNT(n, one, many) \
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, one, many, (n)), (long long) (n)), \
  g_string_append_c (text, '\n')

  if (format == KITH_REFI_QDPX)
    COUNT (report->n_users, "%lld user (coder)", "%lld users (coders)");
  COUNT (report->n_codes, "%lld code", "%lld codes");
  if (report->n_renamed > 0)
    COUNT (report->n_renamed, "%lld code written under its path to keep names unique",
           "%lld codes written under their paths to keep names unique");
  COUNT (report->n_sets, "%lld framework set", "%lld framework sets");
  if (format == KITH_REFI_QDPX)
    {
      COUNT (report->n_variables, "%lld variable (attribute)", "%lld variables (attributes)");
      COUNT (report->n_cases, "%lld case", "%lld cases");
      COUNT (report->n_sources, "%lld text source", "%lld text sources");
      COUNT (report->n_selections, "%lld selection", "%lld selections");
      COUNT (report->n_codings, "%lld coding", "%lld codings");
      COUNT (report->n_notes, "%lld note (memo)", "%lld notes (memos)");
      if (report->n_pending > 0)
        COUNT (report->n_pending, "Left out: %lld suggestion still pending review (suggestions are not codings)",
               "Left out: %lld suggestions still pending review (suggestions are not codings)");
      if (report->n_rejected > 0)
        COUNT (report->n_rejected, "Left out: %lld rejected suggestion", "Left out: %lld rejected suggestions");
      g_string_append (text, _("Each source is its text as Kith holds it: Kith does not keep the original files (.docx, .pdf …)."));
      g_string_append_c (text, '\n');
    }
  else if (report->n_memos_left_out > 0)
    COUNT (report->n_memos_left_out, "Left out: %lld code memo (a codebook has no notes; export a project to keep it)",
           "Left out: %lld code memos (a codebook has no notes; export a project to keep them)");
  if (report->pseudonymised)
    {
      g_string_append_printf (text, _("Pseudonymised: names %u, postcodes %u, phone numbers %u, e-mail addresses %u, "
                                      "street addresses %u"),
                              report->replaced[KITH_PRIVACY_NAME], report->replaced[KITH_PRIVACY_POSTCODE],
                              report->replaced[KITH_PRIVACY_PHONE], report->replaced[KITH_PRIVACY_EMAIL],
                              report->replaced[KITH_PRIVACY_ADDRESS]);
      g_string_append_c (text, '\n');
    }
#undef COUNT
  return g_string_free (text, FALSE);
}
