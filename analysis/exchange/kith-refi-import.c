/* kith-refi-import.c — a KithQde (and the archive it came in) into a project
 *
 * Order matters: coders and codes first (codings name them), variables
 * before the cases and sources that have values, sources before cases
 * (cases link to documents and to selections), notes last (they become
 * memos on whatever referred to them, and project memos otherwise).
 */
#include <glib/gstdio.h>
#include <string.h>

#include "kith-archive.h"
#include "kith-cases.h"
#include "kith-codes.h"
#include "kith-db-private.h"
#include "kith-documents.h"
#include "kith-history.h"
#include "kith-i18n.h"
#include "kith-import.h"
#include "kith-qde-read.h"
#include "kith-refi-guid.h"
#include "kith-refi-import.h"
#include "kith-refi-positions.h"
#include "kith-text-builder.h"
#include "kith-utf8.h"

/* the framework's sets, as kith-qde.h maps them */
#define FRAMEWORK_DESCRIPTION "Kith framework"
#define FRAMEWORK_GOAL        "Kith goal: "
#define FRAMEWORK_DIMENSION   "Kith dimension: "
#define FRAMEWORK_OUTCOME     "Kith outcome: "

/* .qdpx and .qdc files are read whole, as DOCX files are */
#define MAX_FILE_BYTES ((goffset) 512 * 1024 * 1024)

typedef struct
{
  gint64 document_id;
  gint64 start, end;
} Span;

typedef struct
{
  gint64            id;
  KithAttributeType type;
} Attribute;

typedef struct
{
  KithProject                 *project;
  KithQde                     *qde;
  KithArchive                 *archive;      /* NULL for a codebook */
  GStrv                        names;        /* the archive's entries */
  const KithRefiImportOptions *options;
  KithRefiReport              *report;
  GHashTable *coders;        /* user GUID → gint64 * */
  GHashTable *codes;         /* code GUID → gint64 * */
  GHashTable *code_paths;    /* path → the first GUID that made it */
  GHashTable *attributes;    /* variable GUID → Attribute * */
  GHashTable *documents;     /* source GUID → gint64 * */
  GHashTable *selections;    /* selection GUID → Span * */
  GHashTable *notes;         /* note GUID → KithQdeSource * (borrowed) */
  GHashTable *notes_used;    /* note GUIDs that became a memo */
  GHashTable *text_shas;     /* SHA-256 of an existing document's text → gint64 * */
  gint64      fallback_coder;
  guint       n_fallback;
  char       *tmpdir;
} Import;

static gint64 *
boxed (gint64 value)
{
  return g_memdup2 (&value, sizeof value);
}

static void G_GNUC_PRINTF (2, 3)
add_line (GPtrArray  *lines,
          const char *format,
          ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (lines, g_strdup_vprintf (format, args));
  va_end (args);
}

#define ADJUSTED(imp, ...) add_line ((imp)->report->adjusted, __VA_ARGS__)
#define SKIPPED(imp, ...)  add_line ((imp)->report->skipped, __VA_ARGS__)

void
kith_refi_import_options_init (KithRefiImportOptions *options)
{
  memset (options, 0, sizeof *options);
}

void
kith_refi_report_init (KithRefiReport *report)
{
  memset (report, 0, sizeof *report);
  report->adjusted = g_ptr_array_new_with_free_func (g_free);
  report->skipped = g_ptr_array_new_with_free_func (g_free);
}

void
kith_refi_report_clear (KithRefiReport *report)
{
  g_clear_pointer (&report->file, g_free);
  g_clear_pointer (&report->origin, g_free);
  g_clear_pointer (&report->adjusted, g_ptr_array_unref);
  g_clear_pointer (&report->skipped, g_ptr_array_unref);
}

void
kith_refi_report_free (KithRefiReport *report)
{
  if (report == NULL)
    return;
  kith_refi_report_clear (report);
  g_free (report);
}

char *
kith_refi_report_format (const KithRefiReport *r)
{
  GString *out = g_string_new (NULL);

  if (r->origin != NULL)
    /* Translators: %s is a file's name, then the program that wrote it */
    g_string_append_printf (out, _("%s, written by %s\n"), r->file, r->origin);
  else
    g_string_append_printf (out, "%s\n", r->file);
  /* Translators: counts of what an imported file held, and how many were new */
  if (!r->codebook)
    g_string_append_printf (out, _("coders: %lld (%lld new)\n"), (long long) r->n_coders, (long long) r->n_coders_new);
  g_string_append_printf (out, _("codes: %lld (%lld new, %lld merged with codes of the same path)\n"),
                          (long long) r->n_codes, (long long) r->n_codes_new, (long long) (r->n_codes - r->n_codes_new));
  if (!r->codebook)
    {
      g_string_append_printf (out, _("documents: %lld (%lld new, %lld matched by their text)\n"),
                              (long long) r->n_documents, (long long) r->n_documents_new,
                              (long long) (r->n_documents - r->n_documents_new));
      g_string_append_printf (out, _("codings: %lld (%lld new, %lld there already)\n"),
                              (long long) r->n_codings, (long long) r->n_codings_new,
                              (long long) (r->n_codings - r->n_codings_new));
      g_string_append_printf (out, _("cases: %lld, attributes: %lld, values: %lld, memos: %lld\n"),
                              (long long) r->n_cases, (long long) r->n_attributes, (long long) r->n_values,
                              (long long) r->n_memos);
    }
  for (guint i = 0; r->adjusted != NULL && i < r->adjusted->len; i++)
    /* Translators: a change made to what was imported, and why */
    g_string_append_printf (out, _("adjusted: %s\n"), (const char *) g_ptr_array_index (r->adjusted, i));
  for (guint i = 0; r->skipped != NULL && i < r->skipped->len; i++)
    /* Translators: something in the file Kith did not import, and why */
    g_string_append_printf (out, _("skipped: %s\n"), (const char *) g_ptr_array_index (r->skipped, i));
  return g_string_free (out, FALSE);
}

static gboolean
progress (Import *imp, double fraction, const char *message, GError **error)
{
  if (imp->options != NULL && imp->options->progress != NULL)
    imp->options->progress (fraction, message, imp->options->progress_data);
  return imp->options == NULL || !g_cancellable_set_error_if_cancelled (imp->options->cancellable, error);
}

static gint64
lookup (GHashTable *table, const char *guid)
{
  gint64 *id = guid != NULL ? g_hash_table_lookup (table, guid) : NULL;

  return id != NULL ? *id : 0;
}

/* Keeps the file's GUID for a row, unless the row keeps one already (the
 * first import wins) or another row keeps it; neither is an error. */
static gboolean
keep_guid (Import *imp, KithRefiKind kind, gint64 row_id, const char *guid, GError **error)
{
  g_autofree char *normal = kith_refi_guid_normalise (guid);
  g_autoptr(sqlite3_stmt) kept = NULL;
  g_autoptr(GError) local = NULL;
  gint64 owner;
  int rc;

  if (normal == NULL)
    return TRUE;
  owner = kith_refi_guid_find (imp->project, kind, normal, error);
  if (owner < 0)
    return FALSE;
  if (owner != 0)
    return TRUE;
  kept = kith_db_prepare (imp->project, "SELECT 1 FROM refi_guids WHERE kind = ?1 AND row_id = ?2", error);
  if (kept == NULL)
    return FALSE;
  kith_db_bind_str (kept, 1, kith_refi_kind_name (kind));
  sqlite3_bind_int64 (kept, 2, row_id);
  rc = kith_db_step (imp->project, kept, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    return TRUE;
  if (!kith_refi_guid_keep (imp->project, kind, row_id, normal, &local))
    {
      /* kept by a row of another kind: the vendor's business, not ours */
      if (!g_error_matches (local, KITH_ERROR, KITH_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  return TRUE;
}

/* ---- coders ---- */

static gint64
ensure_coder (Import *imp, const char *name, gboolean *created, GError **error)
{
  g_autoptr(sqlite3_stmt) find = kith_db_prepare (imp->project, "SELECT id FROM coders WHERE name = ?1", error);
  g_autoptr(sqlite3_stmt) add = NULL;
  g_autofree char *now = kith_now_iso8601 ();
  int rc;

  *created = FALSE;
  if (find == NULL)
    return 0;
  kith_db_bind_str (find, 1, name);
  rc = kith_db_step (imp->project, find, error);
  if (rc < 0)
    return 0;
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (find, 0);
  add = kith_db_prepare (imp->project, "INSERT INTO coders (name, created) VALUES (?1, ?2)", error);
  if (add == NULL)
    return 0;
  kith_db_bind_str (add, 1, name);
  kith_db_bind_str (add, 2, now);
  if (!kith_db_run (imp->project, add, error))
    return 0;
  *created = TRUE;
  return sqlite3_last_insert_rowid (kith_project_get_db (imp->project));
}

static gboolean
import_coders (Import *imp, GError **error)
{
  for (guint i = 0; i < imp->qde->users->len; i++)
    {
      KithQdeUser *user = g_ptr_array_index (imp->qde->users, i);
      g_autofree char *name = g_strstrip (g_strdup (user->name != NULL ? user->name : ""));
      gboolean created;
      gint64 id;

      if (*name == '\0')
        {
          g_free (name);
          name = g_strdup_printf (_("Coder %.8s"), user->guid != NULL ? user->guid : "");
          ADJUSTED (imp, _("a user without a name is the coder “%s”"), name);
        }
      id = ensure_coder (imp, name, &created, error);
      if (id == 0 || !keep_guid (imp, KITH_REFI_CODER, id, user->guid, error))
        return FALSE;
      imp->report->n_coders++;
      imp->report->n_coders_new += created;
      if (user->guid != NULL)
        g_hash_table_insert (imp->coders, g_strdup (user->guid), boxed (id));
    }
  return TRUE;
}

/* Whose a coding is: its creatingUser, else its selection's, else the
 * project's creator, else a coder named after the program that wrote the
 * file (counted, and reported). */
static gint64
coder_of (Import *imp, const KithQdeCoding *coding, const KithQdeSelection *selection, GError **error)
{
  gint64 id = lookup (imp->coders, coding->creating_user);
  gboolean created;

  if (id == 0 && selection != NULL)
    id = lookup (imp->coders, selection->creating_user);
  if (id == 0)
    id = lookup (imp->coders, imp->qde->creating_user);
  if (id != 0)
    return id;
  imp->n_fallback++;
  if (imp->fallback_coder == 0)
    {
      const char *name = imp->qde->origin != NULL && *imp->qde->origin != '\0' ? imp->qde->origin : imp->report->file;
      imp->fallback_coder = ensure_coder (imp, name, &created, error);
      imp->report->n_coders_new += created;
    }
  return imp->fallback_coder;
}

/* ---- codes ---- */

/* A name Kith can hold: no “/” (it joins paths), not blank. */
static char *
code_name (Import *imp, const KithQdeCode *code, const char *parent)
{
  char *name = g_strstrip (g_strdup (code->name != NULL ? code->name : ""));

  if (strchr (name, '/') != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (name, "/", -1);
      g_autofree char *old = name;
      name = g_strjoinv ("∕", parts);
      ADJUSTED (imp, _("code “%s”: “/” separates codes in Kith, so it is named “%s” (with a division slash)"),
                old, name);
    }
  if (*name == '\0')
    {
      g_free (name);
      name = g_strdup (_("Unnamed code"));
      ADJUSTED (imp, _("a code without a name under “%s” is called “%s”"),
                parent != NULL ? parent : _("the top level"), name);
    }
  return name;
}

static char *
clean_colour (Import *imp, const char *path, const char *colour)
{
  g_autofree char *lower = colour != NULL ? g_ascii_strdown (colour, -1) : NULL;

  if (lower != NULL)
    g_strstrip (lower);
  if (lower == NULL || *lower == '\0')
    return NULL;
  if (!kith_code_colour_is_valid (lower))
    {
      ADJUSTED (imp, _("code “%s”: its colour “%s” is not #rrggbb, so Kith picked one"), path, colour);
      return NULL;
    }
  return g_steal_pointer (&lower);
}

static gboolean
import_code (Import *imp, const KithQdeCode *code, const char *parent, GError **error)
{
  g_autofree char *name = code_name (imp, code, parent);
  g_autofree char *path = parent != NULL ? g_strconcat (parent, "/", name, NULL) : g_strdup (name);
  g_autofree char *colour = clean_colour (imp, path, code->colour);
  g_autoptr(GError) missing = NULL;
  gint64 id;

  imp->report->n_codes++;
  id = kith_codes_find_path (imp->project, path, &missing);
  if (id == 0 && !g_error_matches (missing, KITH_ERROR, KITH_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&missing));
      return FALSE;
    }
  if (id == 0)
    {
      id = kith_codes_add_path (imp->project, path, code->description != NULL ? code->description : "", colour, error);
      if (id == 0)
        return FALSE;
      imp->report->n_codes_new++;
    }
  else if (g_hash_table_contains (imp->code_paths, path))
    ADJUSTED (imp, _("two codes in the file are “%s”: they are one code in Kith"), path);
  else
    {
      g_autoptr(KithCode) existing = kith_codes_get (imp->project, id, error);
      if (existing == NULL)
        return FALSE;
      if (code->description != NULL && *code->description != '\0'
          && g_strcmp0 (existing->description, code->description) != 0)
        ADJUSTED (imp, _("code “%s” was in the project already: it keeps its own description, not the file's"), path);
      if (colour != NULL && g_ascii_strcasecmp (existing->colour, colour) != 0)
        ADJUSTED (imp, _("code “%s” was in the project already: it keeps its colour %s, not the file's %s"),
                  path, existing->colour, colour);
    }
  if (!g_hash_table_contains (imp->code_paths, path))
    g_hash_table_insert (imp->code_paths, g_strdup (path), g_strdup (code->guid));
  if (code->guid != NULL)
    g_hash_table_insert (imp->codes, g_strdup (code->guid), boxed (id));
  if (!keep_guid (imp, KITH_REFI_CODE, id, code->guid, error))
    return FALSE;
  for (guint i = 0; i < code->note_refs->len; i++)
    g_hash_table_add (imp->notes_used, g_strdup_printf ("code:%" G_GINT64_FORMAT ":%s", id,
                                                        (const char *) g_ptr_array_index (code->note_refs, i)));
  for (guint i = 0; i < code->children->len; i++)
    if (!import_code (imp, g_ptr_array_index (code->children, i), path, error))
      return FALSE;
  return TRUE;
}

static gboolean
import_codes (Import *imp, GError **error)
{
  for (guint i = 0; i < imp->qde->codes->len; i++)
    if (!import_code (imp, g_ptr_array_index (imp->qde->codes, i), NULL, error))
      return FALSE;
  return TRUE;
}

/* ---- sets: the framework's come back, others are skipped ---- */

static gboolean
import_sets (Import *imp, GError **error)
{
  for (guint i = 0; i < imp->qde->sets->len; i++)
    {
      KithQdeSet *set = g_ptr_array_index (imp->qde->sets, i);
      const char *name = set->name != NULL ? set->name : "";
      gboolean framework = g_strcmp0 (set->description, FRAMEWORK_DESCRIPTION) == 0;
      const char *key = NULL;
      int field = -1;

      if (framework && g_str_has_prefix (name, FRAMEWORK_GOAL))
        key = name + strlen (FRAMEWORK_GOAL), field = 0;
      else if (framework && g_str_has_prefix (name, FRAMEWORK_DIMENSION))
        key = name + strlen (FRAMEWORK_DIMENSION), field = 1;
      else if (framework && g_str_has_prefix (name, FRAMEWORK_OUTCOME))
        key = name + strlen (FRAMEWORK_OUTCOME), field = 2;
      if (field < 0)
        {
          SKIPPED (imp, _("set “%s” (%lld codes, %lld sources, %lld notes): Kith has no sets"), name,
                   (long long) set->member_codes->len, (long long) set->member_sources->len,
                   (long long) set->member_notes->len);
          continue;
        }
      for (guint j = 0; j < set->member_codes->len; j++)
        {
          gint64 id = lookup (imp->codes, g_ptr_array_index (set->member_codes, j));
          g_autoptr(KithCode) code = id != 0 ? kith_codes_get (imp->project, id, error) : NULL;
          if (id == 0)
            continue;
          if (code == NULL
              || !kith_codes_set_framework (imp->project, id, field == 0 ? key : code->goal,
                                            field == 1 ? key : code->dimension, field == 2 ? key : code->outcome_key,
                                            error))
            return FALSE;
        }
    }
  return TRUE;
}

/* ---- variables ---- */

static KithAttributeType
attribute_type (KithQdeType type)
{
  switch (type)
    {
    case KITH_QDE_BOOLEAN: return KITH_ATTRIBUTE_BOOLEAN;
    case KITH_QDE_INTEGER:
    case KITH_QDE_FLOAT: return KITH_ATTRIBUTE_NUMBER;
    case KITH_QDE_DATE: return KITH_ATTRIBUTE_DATE;
    case KITH_QDE_TEXT:
    case KITH_QDE_DATETIME:
    default: return KITH_ATTRIBUTE_TEXT;
    }
}

static gboolean
import_variables (Import *imp, GError **error)
{
  for (guint i = 0; i < imp->qde->variables->len; i++)
    {
      KithQdeVariable *variable = g_ptr_array_index (imp->qde->variables, i);
      g_autofree char *name = g_strstrip (g_strdup (variable->name != NULL ? variable->name : ""));
      KithAttributeType type = attribute_type (variable->type), actual;
      Attribute *attribute;
      gint64 id;

      if (*name == '\0')
        {
          SKIPPED (imp, _("a variable without a name, and its values"));
          continue;
        }
      if (variable->type == KITH_QDE_DATETIME)
        ADJUSTED (imp, _("variable “%s” holds dates with times, which Kith keeps as text"), name);
      id = kith_attributes_ensure (imp->project, name, type, FALSE, &actual, error);
      if (id == 0 || !keep_guid (imp, KITH_REFI_ATTRIBUTE, id, variable->guid, error))
        return FALSE;
      if (actual != type)
        ADJUSTED (imp, _("variable “%s” is %s in the file, but the project's attribute is %s: its values are "
                         "checked as %s"), name, kith_qde_type_name (variable->type),
                  kith_attribute_type_to_string (actual), kith_attribute_type_to_string (actual));
      imp->report->n_attributes++;
      attribute = g_new0 (Attribute, 1);
      attribute->id = id;
      attribute->type = actual;
      if (variable->guid != NULL)
        g_hash_table_insert (imp->attributes, g_strdup (variable->guid), attribute);
      else
        g_free (attribute);
    }
  return TRUE;
}

/* Sets the values of a case (@case_id) or a document (@document_id). */
static gboolean
import_values (Import *imp, GPtrArray *values, gint64 case_id, gint64 document_id, const char *owner,
               GError **error)
{
  for (guint i = 0; i < values->len; i++)
    {
      KithQdeValue *value = g_ptr_array_index (values, i);
      Attribute *attribute = value->variable != NULL ? g_hash_table_lookup (imp->attributes, value->variable) : NULL;
      g_autoptr(GError) bad = NULL;
      g_autofree char *checked = NULL;
      gboolean ok;

      if (attribute == NULL)
        {
          SKIPPED (imp, _("%s: a value of a variable the file does not define"), owner);
          continue;
        }
      if (value->value == NULL || *value->value == '\0')
        continue;
      checked = kith_attribute_check_value (attribute->type, value->value, &bad);
      if (checked == NULL)
        {
          SKIPPED (imp, _("%s: the value “%s” does not fit its attribute (%s)"), owner, value->value, bad->message);
          continue;
        }
      ok = case_id != 0 ? kith_cases_set_value (imp->project, case_id, attribute->id, attribute->type, value->value, error)
                        : kith_documents_set_value (imp->project, document_id, attribute->id, attribute->type,
                                                    value->value, error);
      if (!ok)
        return FALSE;
      imp->report->n_values++;
    }
  return TRUE;
}

/* ---- sources ---- */

/* The archive entry a path names: “internal://x.txt” or “x.txt” in
 * sources/ (any case), or at the top; NULL when there is none. */
static const char *
find_entry (Import *imp, const char *path)
{
  g_autofree char *name = NULL;

  if (path == NULL || imp->names == NULL)
    return NULL;
  name = g_strdup (g_str_has_prefix (path, "internal://") ? path + strlen ("internal://") : path);
  if (strstr (name, "://") != NULL)
    return NULL;
  /* exactly, then at the top, then in any case (a GUID written in upper
   * case in the .qde and in lower case as the file's name) */
  for (guint pass = 0; pass < 3; pass++)
    for (guint i = 0; imp->names[i] != NULL; i++)
      {
        const char *entry = imp->names[i];
        gboolean in_sources = g_ascii_strncasecmp (entry, "sources/", 8) == 0;
        if (pass == 0 && in_sources && strcmp (entry + 8, name) == 0)
          return entry;
        if (pass == 1 && strcmp (entry, name) == 0)
          return entry;
        if (pass == 2 && in_sources && g_ascii_strcasecmp (entry + 8, name) == 0)
          return entry;
      }
  return NULL;
}

static gboolean
is_blank (const char *text)
{
  while (g_ascii_isspace (*text))
    text++;
  return *text == '\0';
}

/* @suffix in any case */
static gboolean
has_suffix (const char *name, const char *suffix)
{
  gsize len = strlen (name), n = strlen (suffix);

  return len >= n && g_ascii_strcasecmp (name + len - n, suffix) == 0;
}

static char *
sha256_of (const char *data, gsize len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

/* The SHA-256 of every document's canonical text, once per import. */
static gboolean
load_text_shas (Import *imp, GError **error)
{
  g_autoptr(GPtrArray) docs = NULL;

  if (imp->text_shas != NULL)
    return TRUE;
  imp->text_shas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  docs = kith_documents_list (imp->project, error);
  if (docs == NULL)
    return FALSE;
  for (guint i = 0; i < docs->len; i++)
    {
      KithDocument *doc = g_ptr_array_index (docs, i);
      gsize len = 0;
      g_autofree char *text = kith_documents_dup_text (imp->project, doc->id, &len, error);
      if (text == NULL)
        return FALSE;
      g_hash_table_insert (imp->text_shas, sha256_of (text, len), boxed (doc->id));
    }
  return TRUE;
}

/* “Kith: kind=KIND; title=TITLE”, the first line Kith's export writes. */
static void
parse_kith_description (const char *description, char **kind, char **title)
{
  g_autofree char *line = NULL;
  g_auto(GStrv) fields = NULL;

  if (description == NULL || !g_str_has_prefix (description, "Kith: "))
    return;
  line = g_strndup (description + 6, strcspn (description + 6, "\n"));
  fields = g_strsplit (line, "; ", -1);
  for (guint i = 0; fields[i] != NULL; i++)
    if (g_str_has_prefix (fields[i], "kind=") && kith_document_kind_is_valid (fields[i] + 5))
      {
        g_free (*kind);
        *kind = g_strdup (fields[i] + 5);
      }
    else if (g_str_has_prefix (fields[i], "title="))
      {
        g_free (*title);
        *title = g_strdup (fields[i] + 6);
      }
}

static char *
source_name (const KithQdeSource *source, guint index)
{
  if (source->name != NULL && *g_strstrip (source->name) != '\0')
    return g_strdup (source->name);
  if (source->plain_text_path != NULL)
    return g_path_get_basename (source->plain_text_path);
  return g_strdup_printf (_("Source %u"), index + 1);
}

/* Imports the source's rich text (NVivo's .docx) with Kith's own
 * importer; @document_id gets the new or matching document. */
static gboolean
import_rich_text (Import *imp, const KithQdeSource *source, const char *entry, const char *name,
                  gint64 *document_id, gboolean *is_new, GError **error)
{
  g_autoptr(GBytes) bytes = kith_archive_read (imp->archive, entry, error);
  g_autofree char *base = NULL, *file = NULL, *extension = NULL;
  g_autoptr(KithImportResult) result = NULL;
  const char *dot = strrchr (entry, '.');
  gsize len = 0;
  const char *data;

  if (bytes == NULL)
    return FALSE;
  if (imp->tmpdir == NULL && (imp->tmpdir = g_dir_make_tmp ("kith-refi-XXXXXX", NULL)) == NULL)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_IO, _("cannot make a temporary folder for %s"), entry);
      return FALSE;
    }
  extension = g_ascii_strdown (dot != NULL ? dot : "", -1);
  /* the document is named after the file: the source's name, made a safe
   * and short file name (it never leaves the folder made for it) */
  base = g_strdelimit (g_utf8_substring (name, 0, MIN (g_utf8_strlen (name, -1), 80)), "/\\:", '_');
  if (!g_str_has_suffix (base, extension))
    file = g_strconcat (imp->tmpdir, G_DIR_SEPARATOR_S, base, extension, NULL);
  else
    file = g_build_filename (imp->tmpdir, base, NULL);
  data = g_bytes_get_data (bytes, &len);
  if (!g_file_set_contents (file, data != NULL ? data : "", (gssize) len, error))
    return FALSE;
  result = kith_import_file (imp->project, file, NULL);
  g_unlink (file);
  if (result->status == KITH_IMPORT_FAILED || result->status == KITH_IMPORT_SKIPPED)
    {
      SKIPPED (imp, _("source “%s”: its text file is empty and its rich text (%s) cannot be imported: %s"),
               name, entry, result->message);
      *document_id = 0;
      return TRUE;
    }
  ADJUSTED (imp, _("source “%s”: its text file is empty, so its text comes from %s, imported as Kith imports "
                   "any Word document"), name, entry);
  *document_id = result->document_id;
  *is_new = result->status == KITH_IMPORT_IMPORTED;
  return TRUE;
}

/* Stores @text (canonical already) as a new document, with the turns the
 * text builder finds when it leaves the text as it is. */
static gint64
insert_text (Import *imp, const KithQdeSource *source, const char *name, const char *text, gsize len,
             const char *sha, gsize size, gboolean bom, GError **error)
{
  g_autoptr(KithTextBuilder) builder = kith_text_builder_new (KITH_REFLOW_NEVER, KITH_SPEAKERS_REPEATED);
  g_autoptr(KithDocument) doc = kith_document_new ();
  g_autoptr(KithSpool) spool = NULL;
  g_autofree char *kind = NULL, *title = NULL;
  KithSpool *use;
  GPtrArray *turns = NULL;
  const char *built;
  gint64 id;

  if (!kith_text_builder_append (builder, text, len, error) || !kith_text_builder_finish (builder, error))
    return 0;
  built = kith_text_builder_get_spool (builder) != NULL ? kith_spool_peek (kith_text_builder_get_spool (builder)) : NULL;
  if (built != NULL && (gsize) kith_spool_get_size (kith_text_builder_get_spool (builder)) == len
      && memcmp (built, text, len) == 0)
    {
      use = kith_text_builder_get_spool (builder);
      turns = kith_text_builder_get_turns (builder);
    }
  else
    {
      /* the builder would change the text, and the file's positions count
       * the text as it is: keep it exactly */
      spool = kith_spool_new (G_MAXSIZE);
      if (!kith_spool_write (spool, text, len, error))
        return 0;
      use = spool;
    }
  parse_kith_description (source->description, &kind, &title);
  doc->name = g_strdup (name);
  doc->original_name = g_strdup (name);
  doc->kind = g_strdup (kind != NULL ? kind : turns != NULL && turns->len > 0 ? "transcript" : "notes");
  doc->title = g_steal_pointer (&title);
  doc->format = g_strdup ("text");
  doc->sha256 = g_strdup (sha);
  doc->encoding = g_strdup ("UTF-8");
  doc->bom = bom;
  doc->size = (gint64) size;
  doc->char_count = kith_utf8_count_chars (text, len);
  id = kith_documents_insert (imp->project, doc, use, turns, error);
  if (id != 0 && g_strcmp0 (doc->name, name) != 0)
    ADJUSTED (imp, _("source “%s”: the project has a document of that name, so it is “%s”"), name, doc->name);
  return id;
}

static gboolean
add_memo (Import *imp, const char *note_guid, const char *column, gint64 row, GError **error);

/* Codes @selection of a document of @length characters; @crlf is NULL or
 * the CRs to discount. */
static gboolean
import_selection (Import *imp, const KithQdeSelection *selection, const char *name, gint64 document_id,
                  gint64 length, GArray *crlf, GError **error)
{
  g_autoptr(sqlite3_stmt) add = NULL;
  gint64 start = selection->start, end = selection->end;
  Span *span;

  if (start < 0 || end < 0)
    {
      SKIPPED (imp, _("source “%s”: selection %s has no valid start and end positions"), name,
               selection->guid != NULL ? selection->guid : "?");
      return TRUE;
    }
  if (crlf != NULL)
    start = kith_refi_without_crs (crlf, start), end = kith_refi_without_crs (crlf, end);
  if (end > length || start >= end)
    {
      SKIPPED (imp, _("source “%s”: selection %lld–%lld does not fit its text of %lld characters"), name,
               (long long) selection->start, (long long) selection->end, (long long) length);
      return TRUE;
    }
  span = g_new (Span, 1);
  span->document_id = document_id;
  span->start = start;
  span->end = end;
  if (selection->guid != NULL)
    g_hash_table_insert (imp->selections, g_strdup (selection->guid), span);
  else
    g_free (span);

  add = kith_db_prepare (imp->project,
      "INSERT INTO codings (document_id, code_id, start_pos, end_pos, coder_id, memo, origin, created) "
      "VALUES (?1, ?2, ?3, ?4, ?5, '', 'import', ?6) ON CONFLICT DO NOTHING", error);
  if (add == NULL)
    return FALSE;
  for (guint i = 0; i < selection->codings->len; i++)
    {
      KithQdeCoding *coding = g_ptr_array_index (selection->codings, i);
      gint64 code_id = lookup (imp->codes, coding->code);
      g_autofree char *now = NULL;
      gint64 coder_id, coding_id;
      GPtrArray *notes;

      imp->report->n_codings++;
      if (code_id == 0)
        {
          SKIPPED (imp, _("source “%s”: a coding of %lld–%lld names a code the file does not have (%s)"), name,
                   (long long) selection->start, (long long) selection->end, coding->code != NULL ? coding->code : "?");
          continue;
        }
      coder_id = coder_of (imp, coding, selection, error);
      if (coder_id == 0)
        return FALSE;
      now = coding->created == NULL && selection->created == NULL ? kith_now_iso8601 () : NULL;
      sqlite3_reset (add);
      sqlite3_bind_int64 (add, 1, document_id);
      sqlite3_bind_int64 (add, 2, code_id);
      sqlite3_bind_int64 (add, 3, start);
      sqlite3_bind_int64 (add, 4, end);
      sqlite3_bind_int64 (add, 5, coder_id);
      kith_db_bind_str (add, 6, coding->created != NULL ? coding->created : selection->created != NULL ? selection->created : now);
      if (!kith_db_run (imp->project, add, error))
        return FALSE;
      if (sqlite3_changes (kith_project_get_db (imp->project)) == 0)
        continue;
      coding_id = sqlite3_last_insert_rowid (kith_project_get_db (imp->project));
      imp->report->n_codings_new++;
      if (!keep_guid (imp, KITH_REFI_CODING, coding_id, coding->guid, error))
        return FALSE;
      /* the coding's notes, else the selection's, are its memo */
      notes = coding->note_refs->len > 0 ? coding->note_refs : selection->note_refs;
      for (guint j = 0; j < notes->len; j++)
        if (!add_memo (imp, g_ptr_array_index (notes, j), "coding", coding_id, error))
          return FALSE;
    }
  if (selection->codings->len == 0)
    SKIPPED (imp, _("source “%s”: selection %lld–%lld has no coding, so it is not one in Kith"), name,
             (long long) selection->start, (long long) selection->end);
  return TRUE;
}

/* Kith and QualCoder write a selection's text as its name: where a file
 * does (some name is the text selected), a name that differs from the
 * text Kith codes is a coding that may have drifted, and is reported. */
static gboolean
check_names (Import *imp, const KithQdeSource *source, const char *name, gint64 document_id, GArray *crlf,
             GError **error)
{
  g_autoptr(KithTextIndex) index = NULL;
  g_autofree char *text = NULL;
  guint n_named = 0, n_same = 0, n_differ = 0;
  gsize len = 0;

  for (guint i = 0; i < source->selections->len; i++)
    n_named += ((KithQdeSelection *) g_ptr_array_index (source->selections, i))->name != NULL;
  if (n_named == 0)
    return TRUE;
  text = kith_documents_dup_text (imp->project, document_id, &len, error);
  if (text == NULL)
    return FALSE;
  index = kith_text_index_new (text, len);
  for (guint i = 0; i < source->selections->len; i++)
    {
      KithQdeSelection *selection = g_ptr_array_index (source->selections, i);
      gint64 start = selection->start, end = selection->end;
      g_autofree char *selected = NULL;

      if (selection->name == NULL || *selection->name == '\0' || start < 0 || end < 0)
        continue;
      if (crlf != NULL)
        start = kith_refi_without_crs (crlf, start), end = kith_refi_without_crs (crlf, end);
      if (start >= end || end > kith_text_index_get_length (index))
        continue;
      selected = kith_text_index_dup_span (index, start, end);
      if (g_str_equal (selected, selection->name))
        n_same++;
      else
        n_differ++;
    }
  if (n_same > 0 && n_differ > 0)
    ADJUSTED (imp, _("source “%s”: the names of %u of %u selections differ from the text Kith codes there "
                     "(the others name it exactly): check those codings"), name, n_differ, n_same + n_differ);
  return TRUE;
}

static gboolean
import_source (Import *imp, const KithQdeSource *source, guint index, GError **error)
{
  g_autofree char *name = source_name (source, index);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) crlf = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *lf = NULL, *sha = NULL, *file_sha = NULL;
  g_autofree char *owner = NULL;
  const char *entry = find_entry (imp, source->plain_text_path);
  const char *rich = find_entry (imp, source->rich_text_path);
  const char *text = NULL;
  gsize len = 0, size = 0;
  gint64 document_id = 0, length;
  gboolean bom = FALSE, is_new = FALSE, counted_crlf = FALSE;

  if (source->plain_text_path != NULL && !g_str_has_prefix (source->plain_text_path, "internal://"))
    ADJUSTED (imp, _("source “%s”: its plainTextPath “%s” does not start with internal://, so it was looked "
                     "for in the project's sources"), name, source->plain_text_path);
  if (entry != NULL)
    {
      bytes = kith_archive_read (imp->archive, entry, error);
      if (bytes == NULL)
        return FALSE;
      text = g_bytes_get_data (bytes, &len);
      size = len;
    }
  else if (source->plain_text_content != NULL)
    text = source->plain_text_content, len = size = strlen (text);
  else if (rich == NULL)
    {
      SKIPPED (imp, _("source “%s”: the file holds no text for it (%s)"), name,
               source->plain_text_path != NULL ? source->plain_text_path : _("no plainTextPath"));
      return TRUE;
    }
  if (text == NULL)
    text = "";
  if (len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3, len -= 3, bom = TRUE;
      ADJUSTED (imp, _("source “%s”: its text starts with a byte-order mark, which is not a character: "
                       "positions are counted without it"), name);
    }
  if (!g_utf8_validate_len (text, len, NULL) || memchr (text, '\0', len) != NULL)
    {
      SKIPPED (imp, _("source “%s”: its text file (%s) is not UTF-8 text"), name, entry);
      return TRUE;
    }
  file_sha = entry != NULL ? sha256_of (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)) : NULL;
  lf = kith_refi_to_lf (text, len, crlf);
  length = kith_utf8_count_chars (lf, strlen (lf));

  if (rich != NULL && is_blank (lf) && has_suffix (rich, ".docx"))
    {
      g_autoptr(KithDocument) doc = NULL;
      if (!import_rich_text (imp, source, rich, name, &document_id, &is_new, error))
        return FALSE;
      if (document_id == 0)
        return TRUE;
      doc = kith_documents_get (imp->project, document_id, error);
      if (doc == NULL)
        return FALSE;
      length = doc->char_count;
      g_array_set_size (crlf, 0);
    }
  else if (is_blank (lf))
    {
      SKIPPED (imp, _("source “%s”: its text is empty"), name);
      return TRUE;
    }
  else
    {
      gboolean by_fit;
      counted_crlf = kith_refi_counts_crlf (source, lf, crlf, length, &by_fit);
      if (counted_crlf && by_fit)
        ADJUSTED (imp, _("source “%s”: its positions count CRLF line ends as two characters (they do not fit "
                         "the text otherwise), so every position was moved back by the CRs before it"), name);
      else if (counted_crlf)
        ADJUSTED (imp, _("source “%s”: its positions count CRLF line ends as two characters (its selections "
                         "fall on word boundaries only when counted so), so every position was moved back by "
                         "the CRs before it"), name);
      sha = sha256_of (lf, strlen (lf));
      if (!load_text_shas (imp, error))
        return FALSE;
      document_id = lookup (imp->text_shas, sha);
      if (document_id == 0 && file_sha != NULL)
        {
          g_autofree char *ignored = NULL;
          document_id = kith_documents_find_sha256 (imp->project, file_sha, &ignored, error);
          if (document_id < 0)
            return FALSE;
        }
      if (document_id == 0)
        {
          document_id = insert_text (imp, source, name, lf, strlen (lf), file_sha != NULL ? file_sha : sha, size, bom,
                                     error);
          if (document_id == 0)
            return FALSE;
          is_new = TRUE;
          g_hash_table_insert (imp->text_shas, g_strdup (sha), boxed (document_id));
        }
    }
  imp->report->n_documents++;
  if (is_new)
    {
      imp->report->n_documents_new++;
      if (!keep_guid (imp, KITH_REFI_DOCUMENT, document_id, source->guid, error))
        return FALSE;
    }
  else
    {
      g_autoptr(KithDocument) doc = kith_documents_get (imp->project, document_id, error);
      if (doc == NULL)
        return FALSE;
      ADJUSTED (imp, _("source “%s” has the same text as the document “%s”: its codings go onto that document"),
                name, doc->name);
    }
  if (source->guid != NULL)
    g_hash_table_insert (imp->documents, g_strdup (source->guid), boxed (document_id));

  for (guint i = 0; i < source->selections->len; i++)
    if (!import_selection (imp, g_ptr_array_index (source->selections, i), name, document_id, length,
                           counted_crlf ? crlf : NULL, error))
      return FALSE;
  if (!check_names (imp, source, name, document_id, counted_crlf ? crlf : NULL, error))
    return FALSE;
  if (source->codings->len > 0 && length > 0)
    {
      KithQdeSelection *whole = kith_qde_selection_new ();
      gboolean ok;
      whole->start = 0;
      whole->end = length;
      for (guint i = 0; i < source->codings->len; i++)
        g_ptr_array_add (whole->codings, g_ptr_array_index (source->codings, i));
      g_ptr_array_set_free_func (whole->codings, NULL);
      ADJUSTED (imp, _("source “%s”: %lld codings of the whole source are codings of all its text"), name,
                (long long) source->codings->len);
      ok = import_selection (imp, whole, name, document_id, length, NULL, error);
      kith_qde_selection_free (whole);
      if (!ok)
        return FALSE;
    }
  owner = g_strdup_printf (_("source “%s”"), name);
  if (!import_values (imp, source->values, 0, document_id, owner, error))
    return FALSE;
  for (guint i = 0; i < source->note_refs->len; i++)
    if (!add_memo (imp, g_ptr_array_index (source->note_refs, i), "document", document_id, error))
      return FALSE;
  return TRUE;
}

static const char *
media_kind (KithQdeSourceKind kind)
{
  switch (kind)
    {
    case KITH_QDE_SOURCE_PICTURE: return _("picture");
    case KITH_QDE_SOURCE_PDF: return _("PDF");
    case KITH_QDE_SOURCE_AUDIO: return _("audio");
    case KITH_QDE_SOURCE_VIDEO: return _("video");
    case KITH_QDE_SOURCE_TEXT:
    default: return _("text");
    }
}

static gboolean
import_sources (Import *imp, GError **error)
{
  guint n = imp->qde->sources->len;

  for (guint i = 0; i < n; i++)
    {
      KithQdeSource *source = g_ptr_array_index (imp->qde->sources, i);
      g_autofree char *name = source_name (source, i);

      if (!progress (imp, 0.2 + 0.6 * i / MAX (n, 1), name, error))
        return FALSE;
      if (source->kind == KITH_QDE_SOURCE_TEXT)
        {
          if (!import_source (imp, source, i, error))
            return FALSE;
          continue;
        }
      /* Translators: the first %s is “picture”, “PDF”, “audio” or “video”, the second its name */
      SKIPPED (imp, g_dngettext (GETTEXT_PACKAGE, "%s source “%s”, with %lld coded region: Kith holds text only",
                                 "%s source “%s”, with %lld coded regions: Kith holds text only",
                                 source->n_other_selections),
               media_kind (source->kind), name, (long long) source->n_other_selections);
    }
  return TRUE;
}

/* ---- cases ---- */

/* The schema gives a case no NoteRef: Kith writes a case's memo as a note
 * described “Kith: case=GUID” (kith-qde.h), which is the case's again. */
static void
link_case_notes (KithQde *qde)
{
  g_autoptr(GHashTable) cases = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < qde->cases->len; i++)
    {
      KithQdeCase *qcase = g_ptr_array_index (qde->cases, i);
      if (qcase->guid != NULL)
        g_hash_table_insert (cases, qcase->guid, qcase);
    }
  for (guint i = 0; i < qde->notes->len; i++)
    {
      KithQdeSource *note = g_ptr_array_index (qde->notes, i);
      g_autofree char *guid = NULL;
      KithQdeCase *qcase;

      if (note->guid == NULL || note->description == NULL || !g_str_has_prefix (note->description, "Kith: case="))
        continue;
      guid = kith_refi_guid_normalise (note->description + strlen ("Kith: case="));
      if (guid != NULL && (qcase = g_hash_table_lookup (cases, guid)) != NULL)
        g_ptr_array_add (qcase->note_refs, g_strdup (note->guid));
    }
}

static gboolean
import_cases (Import *imp, GError **error)
{
  g_autoptr(sqlite3_stmt) describe = kith_db_prepare (imp->project,
      "UPDATE cases SET description = ?2 WHERE id = ?1 AND description = ''", error);
  g_autoptr(sqlite3_stmt) turn = kith_db_prepare (imp->project,
      "UPDATE turns SET case_id = ?1 WHERE document_id = ?2 AND start_pos = ?3 AND end_pos = ?4", error);

  if (describe == NULL || turn == NULL)
    return FALSE;
  for (guint i = 0; i < imp->qde->cases->len; i++)
    {
      KithQdeCase *qcase = g_ptr_array_index (imp->qde->cases, i);
      g_autofree char *name = g_strstrip (g_strdup (qcase->name != NULL ? qcase->name : ""));
      g_autofree char *owner = NULL;
      gboolean created;
      gint64 id;

      if (*name == '\0')
        {
          g_free (name);
          name = g_strdup_printf (_("Case %u"), i + 1);
          ADJUSTED (imp, _("case %u of the file has no name, so it is called “%s”"), i + 1, name);
        }
      id = kith_cases_add (imp->project, name, TRUE, &created, error);
      if (id <= 0 || !keep_guid (imp, KITH_REFI_CASE, id, qcase->guid, error))
        return FALSE;
      imp->report->n_cases++;
      if (qcase->description != NULL && *qcase->description != '\0')
        {
          sqlite3_reset (describe);
          sqlite3_bind_int64 (describe, 1, id);
          kith_db_bind_str (describe, 2, qcase->description);
          if (!kith_db_run (imp->project, describe, error))
            return FALSE;
        }
      owner = g_strdup_printf (_("case “%s”"), name);
      if (!import_values (imp, qcase->values, id, 0, owner, error))
        return FALSE;
      for (guint j = 0; j < qcase->source_refs->len; j++)
        {
          gint64 document_id = lookup (imp->documents, g_ptr_array_index (qcase->source_refs, j));
          if (document_id == 0)
            SKIPPED (imp, _("case “%s”: a link to a source that did not come in"), name);
          else if (!kith_cases_link_document (imp->project, document_id, id, error))
            return FALSE;
        }
      for (guint j = 0; j < qcase->selection_refs->len; j++)
        {
          const char *guid = g_ptr_array_index (qcase->selection_refs, j);
          Span *span = g_hash_table_lookup (imp->selections, guid);
          if (span == NULL)
            {
              SKIPPED (imp, _("case “%s”: a link to a selection that did not come in"), name);
              continue;
            }
          sqlite3_reset (turn);
          sqlite3_bind_int64 (turn, 1, id);
          sqlite3_bind_int64 (turn, 2, span->document_id);
          sqlite3_bind_int64 (turn, 3, span->start);
          sqlite3_bind_int64 (turn, 4, span->end);
          if (!kith_db_run (imp->project, turn, error))
            return FALSE;
          if (sqlite3_changes (kith_project_get_db (imp->project)) == 0)
            SKIPPED (imp, _("case “%s”: its selection %lld–%lld is not a speaker turn, and Kith links cases to "
                            "documents and turns only"), name, (long long) span->start, (long long) span->end);
        }
      for (guint j = 0; j < qcase->note_refs->len; j++)
        if (!add_memo (imp, g_ptr_array_index (qcase->note_refs, j), "case", id, error))
          return FALSE;
      if (qcase->code_refs->len > 0)
        SKIPPED (imp, _("case “%s”: %lld links to codes (Kith links cases to documents and turns)"), name,
                 (long long) qcase->code_refs->len);
    }
  return TRUE;
}

/* ---- notes ---- */

static char *
note_text (Import *imp, const KithQdeSource *note, GError **error)
{
  const char *entry = find_entry (imp, note->plain_text_path);
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize len = 0;

  if (note->plain_text_content != NULL || entry == NULL)
    return g_strdup (note->plain_text_content != NULL ? note->plain_text_content : "");
  bytes = kith_archive_read (imp->archive, entry, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &len);
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    data += 3, len -= 3;
  if (!g_utf8_validate_len (data, len, NULL))
    return g_strdup ("");
  return g_strndup (data, len);
}

/* The note @note_guid as a memo on @column's row @row (“coding”: the
 * coding's memo; NULL: a project memo). */
static gboolean
add_memo (Import *imp, const char *note_guid, const char *column, gint64 row, GError **error)
{
  KithQdeSource *note = note_guid != NULL ? g_hash_table_lookup (imp->notes, note_guid) : NULL;
  g_autofree char *body = NULL, *now = kith_now_iso8601 ();
  g_autofree char *sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (note == NULL)
    {
      SKIPPED (imp, _("a reference to a note the file does not have (%s)"), note_guid != NULL ? note_guid : "?");
      return TRUE;
    }
  body = note_text (imp, note, error);
  if (body == NULL)
    return FALSE;
  g_hash_table_add (imp->notes_used, g_strdup (note_guid));
  if (g_strcmp0 (column, "coding") == 0)
    {
      stmt = kith_db_prepare (imp->project,
          "UPDATE codings SET memo = CASE memo WHEN '' THEN ?2 ELSE memo || char (10, 10) || ?2 END WHERE id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, row);
      kith_db_bind_str (stmt, 2, body);
      return kith_db_run (imp->project, stmt, error);
    }
  sql = g_strdup_printf ("INSERT INTO memos (%s title, body, created, modified) VALUES (%s ?2, ?3, ?4, ?5)",
                         column != NULL ? (g_str_equal (column, "document") ? "document_id," : g_str_equal (column, "code")
                                           ? "code_id," : "case_id,") : "",
                         column != NULL ? "?1," : "");
  stmt = kith_db_prepare (imp->project, sql, error);
  if (stmt == NULL)
    return FALSE;
  if (column != NULL)
    sqlite3_bind_int64 (stmt, 1, row);
  kith_db_bind_str (stmt, 2, note->name != NULL ? note->name : "");
  kith_db_bind_str (stmt, 3, body);
  kith_db_bind_str (stmt, 4, note->created != NULL ? note->created : now);
  kith_db_bind_str (stmt, 5, note->modified != NULL ? note->modified : note->created != NULL ? note->created : now);
  if (!kith_db_run (imp->project, stmt, error))
    return FALSE;
  imp->report->n_memos++;
  return keep_guid (imp, KITH_REFI_MEMO, sqlite3_last_insert_rowid (kith_project_get_db (imp->project)), note->guid,
                    error);
}

static gboolean
import_notes (Import *imp, GError **error)
{
  guint n = 0;
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (imp->notes_used, &n);
  g_autoptr(GPtrArray) code_notes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (code_notes, g_strdup (keys[i]));
  /* codes were made before the notes were known: their notes now */
  for (guint i = 0; i < code_notes->len; i++)
    {
      const char *key = g_ptr_array_index (code_notes, i);
      gint64 id;
      char *end = NULL;

      if (!g_str_has_prefix (key, "code:"))
        continue;
      id = g_ascii_strtoll (key + 5, &end, 10);
      g_hash_table_remove (imp->notes_used, key);
      if (!add_memo (imp, end + 1, "code", id, error))
        return FALSE;
    }
  for (guint i = 0; i < imp->qde->note_refs->len; i++)
    if (!add_memo (imp, g_ptr_array_index (imp->qde->note_refs, i), NULL, 0, error))
      return FALSE;
  /* a note nothing refers to is still the user's writing: a project memo */
  for (guint i = 0; i < imp->qde->notes->len; i++)
    {
      KithQdeSource *note = g_ptr_array_index (imp->qde->notes, i);
      if (note->guid != NULL && !g_hash_table_contains (imp->notes_used, note->guid)
          && !add_memo (imp, note->guid, NULL, 0, error))
        return FALSE;
    }
  return TRUE;
}

/* ---- the whole import ---- */

static void
import_clear (Import *imp)
{
  g_clear_pointer (&imp->coders, g_hash_table_unref);
  g_clear_pointer (&imp->codes, g_hash_table_unref);
  g_clear_pointer (&imp->code_paths, g_hash_table_unref);
  g_clear_pointer (&imp->attributes, g_hash_table_unref);
  g_clear_pointer (&imp->documents, g_hash_table_unref);
  g_clear_pointer (&imp->selections, g_hash_table_unref);
  g_clear_pointer (&imp->notes, g_hash_table_unref);
  g_clear_pointer (&imp->notes_used, g_hash_table_unref);
  g_clear_pointer (&imp->text_shas, g_hash_table_unref);
  if (imp->tmpdir != NULL)
    g_rmdir (imp->tmpdir);
  g_clear_pointer (&imp->tmpdir, g_free);
}

static void
import_init (Import *imp, KithProject *project, KithQde *qde, const KithRefiImportOptions *options,
             KithRefiReport *report)
{
  memset (imp, 0, sizeof *imp);
  imp->project = project;
  imp->qde = qde;
  imp->options = options;
  imp->report = report;
  imp->coders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp->code_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp->attributes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp->documents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp->selections = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  imp->notes = g_hash_table_new (g_str_hash, g_str_equal);
  imp->notes_used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < qde->notes->len; i++)
    {
      KithQdeSource *note = g_ptr_array_index (qde->notes, i);
      if (note->guid != NULL)
        g_hash_table_insert (imp->notes, note->guid, note);
    }
  g_free (report->origin);
  report->origin = g_strdup (qde->origin);
}

static gboolean
run_import (Import *imp, gboolean codebook_only, const char *label, GError **error)
{
  if (!kith_history_begin (imp->project, "import", label, error))
    return FALSE;
  if (!progress (imp, 0.0, _("Coders and codes"), error)
      || (!codebook_only && !import_coders (imp, error))
      || !import_codes (imp, error) || !import_sets (imp, error))
    goto fail;
  if (!codebook_only)
    {
      link_case_notes (imp->qde);
      if (!import_variables (imp, error) || !import_sources (imp, error)
          || !progress (imp, 0.8, _("Cases and notes"), error)
          || !import_cases (imp, error) || !import_notes (imp, error))
        goto fail;
      if (imp->n_fallback > 0)
        ADJUSTED (imp, _("%lld codings name no coder the file knows: they are coded by “%s”"),
                  (long long) imp->n_fallback, imp->qde->origin != NULL && *imp->qde->origin != '\0'
                                               ? imp->qde->origin : imp->report->file);
      if (imp->qde->n_graphs > 0)
        SKIPPED (imp, _("%lld graphs: Kith has no graphs"), (long long) imp->qde->n_graphs);
      if (imp->qde->n_links > 0)
        SKIPPED (imp, _("%lld links between things: Kith has no links"), (long long) imp->qde->n_links);
    }
  if (!kith_history_commit (imp->project, error))
    return FALSE;
  progress (imp, 1.0, _("Imported"), NULL);
  return TRUE;

fail:
  kith_history_rollback (imp->project);
  return FALSE;
}

static GBytes *
read_file (const char *path, GError **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  GStatBuf st;

  if (g_stat (path, &st) == 0 && st.st_size > MAX_FILE_BYTES)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_TOO_LARGE, _("the file is too large (Kith reads files up to %lld MB)"),
                   (long long) (MAX_FILE_BYTES / (1024 * 1024)));
      return NULL;
    }
  mapped = g_mapped_file_new (path, FALSE, error);
  if (mapped == NULL)
    return NULL;
  return g_mapped_file_get_bytes (mapped);
}

static gboolean
named_error (const char *path, GError **error)
{
  g_autofree char *display = g_filename_display_name (path);

  g_prefix_error (error, "%s: ", display);
  return FALSE;
}

/* Names the file in the report; returns its display name (owned). */
static char *
start_report (KithRefiReport *report, const char *path)
{
  g_free (report->file);
  report->file = g_filename_display_basename (path);
  return g_strdup (report->file);
}

static gboolean
import_qde (KithProject *project, KithQde *qde, KithArchive *archive, GStrv names, const char *path,
            const KithRefiImportOptions *options, KithRefiReport *report, const char *label, GError **error)
{
  Import imp;
  gboolean ok;

  import_init (&imp, project, qde, options, report);
  imp.archive = archive;
  imp.names = names;
  ok = run_import (&imp, archive == NULL, label, error);
  import_clear (&imp);
  return ok || named_error (path, error);
}

gboolean
kith_refi_import_qdc (KithProject                 *project,
                      const char                  *path,
                      const KithRefiImportOptions *options,
                      KithRefiReport              *report,
                      GError                     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KithQde) qde = NULL;
  g_autofree char *display = NULL, *label = NULL;

  g_return_val_if_fail (KITH_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (path != NULL && report != NULL, FALSE);

  display = start_report (report, path);
  report->codebook = TRUE;
  if ((bytes = read_file (path, error)) == NULL
      || (qde = kith_qde_read (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), display, error)) == NULL)
    return named_error (path, error);
  /* Translators: an undoable action; %s is the file's name */
  label = g_strdup_printf (_("Import codebook “%s”"), display);
  return import_qde (project, qde, NULL, NULL, path, options, report, label, error);
}

/* The project's .qde: project.qde, else (whatever its case) the one .qde
 * at the top of the archive — some writers name it after the project. */
static const char *
find_qde (GStrv names, GError **error)
{
  const char *found = NULL;
  guint n = 0;

  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], "project.qde") == 0)
      return names[i];
  for (guint i = 0; names[i] != NULL; i++)
    if (strchr (names[i], '/') == NULL && has_suffix (names[i], ".qde"))
      found = names[i], n++;
  if (n == 1)
    return found;
  if (n == 0)
    g_set_error (error, KITH_ERROR, KITH_ERROR_CORRUPT,
                 _("this is not a REFI-QDA project: the archive holds no project.qde"));
  else
    g_set_error (error, KITH_ERROR, KITH_ERROR_UNSUPPORTED,
                 _("the archive holds %u .qde files and no project.qde, so it is not clear which is the project"), n);
  return NULL;
}

gboolean
kith_refi_import_qdpx (KithProject                 *project,
                       const char                  *path,
                       const KithRefiImportOptions *options,
                       KithRefiReport              *report,
                       GError                     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KithArchive) archive = NULL;
  g_autoptr(KithQde) qde = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *display = NULL, *label = NULL;
  const char *qde_name;

  g_return_val_if_fail (KITH_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (path != NULL && report != NULL, FALSE);

  display = start_report (report, path);
  if ((bytes = read_file (path, error)) == NULL || (archive = kith_archive_open (bytes, NULL, error)) == NULL)
    return named_error (path, error);
  names = kith_archive_list_names (archive);
  if ((qde_name = find_qde (names, error)) == NULL || (qde = kith_qde_read_entry (archive, qde_name, error)) == NULL)
    return named_error (path, error);
  if (!g_str_equal (qde_name, "project.qde"))
    add_line (report->adjusted, _("the project is “%s”, not project.qde"), qde_name);
  /* Translators: an undoable action; %s is the file's name */
  label = g_strdup_printf (_("Import REFI-QDA project “%s”"), display);
  return import_qde (project, qde, archive, names, path, options, report, label, error);
}

static void
remove_project (const char *project_path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (project_path, suffixes[i], NULL);
      g_unlink (file);
    }
}

KithProject *
kith_refi_import_qdpx_new (const char                  *project_path,
                           const char                  *path,
                           const KithRefiImportOptions *options,
                           KithRefiReport              *report,
                           GError                     **error)
{
  g_autoptr(KithProject) project = NULL;

  g_return_val_if_fail (project_path != NULL && path != NULL && report != NULL, NULL);

  if (g_file_test (project_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (project_path);
      g_set_error (error, KITH_ERROR, KITH_ERROR_EXISTS, _("%s exists already"), display);
      return NULL;
    }
  project = kith_project_create (project_path, error);
  if (project == NULL)
    return NULL;
  if (!kith_refi_import_qdpx (project, path, options, report, error))
    {
      g_clear_object (&project);
      remove_project (project_path);
      return NULL;
    }
  return g_steal_pointer (&project);
}
