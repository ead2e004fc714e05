/* kith-cases.c */
#include <string.h>

#include "kith-cases.h"
#include "kith-history.h"
#include "kith-csv-reader.h"
#include "kith-db-private.h"
#include "kith-i18n.h"


static const char *const type_names[] = { "text", "number", "date", "boolean" };

const char *
kith_attribute_type_to_string (KithAttributeType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (type_names), "text");
  return type_names[type];
}

gboolean
kith_attribute_type_from_string (const char        *text,
                                 KithAttributeType *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (type_names); i++)
    if (text != NULL && g_ascii_strcasecmp (text, type_names[i]) == 0)
      {
        *type = (KithAttributeType) i;
        return TRUE;
      }
  return FALSE;
}

static gboolean
is_number (const char *s)
{
  const char *p = s;
  gboolean digits = FALSE;

  if (*p == '+' || *p == '-')
    p++;
  for (; g_ascii_isdigit (*p); p++)
    digits = TRUE;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      for (; g_ascii_isdigit (*p); p++)
        digits = TRUE;
    }
  return digits && *p == '\0';
}

static gboolean
is_date (const char *s)
{
  guint64 y, m, d;
  g_autofree char *year = NULL, *month = NULL, *day = NULL;

  if (strlen (s) != 10 || s[4] != '-' || s[7] != '-')
    return FALSE;
  year = g_strndup (s, 4);
  month = g_strndup (s + 5, 2);
  day = g_strndup (s + 8, 2);
  return g_ascii_string_to_unsigned (year, 10, 1, 9999, &y, NULL)
         && g_ascii_string_to_unsigned (month, 10, 1, 12, &m, NULL)
         && g_ascii_string_to_unsigned (day, 10, 1, 31, &d, NULL)
         && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

char *
kith_attribute_check_value (KithAttributeType type,
                            const char       *value,
                            GError          **error)
{
  g_autofree char *v = g_strstrip (g_strdup (value != NULL ? value : ""));

  switch (type)
    {
    case KITH_ATTRIBUTE_NUMBER:
      if (is_number (v))
        return g_steal_pointer (&v);
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID,
                   _("“%s” is not a number (write numbers like 12, -3 or 0.5)"), v);
      return NULL;
    case KITH_ATTRIBUTE_DATE:
      if (is_date (v))
        return g_steal_pointer (&v);
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID,
                   _("“%s” is not a date (write dates as YYYY-MM-DD, such as 2025-03-14)"), v);
      return NULL;
    case KITH_ATTRIBUTE_BOOLEAN:
      {
        static const char *const yes[] = { "true", "yes", "1" }, *const no[] = { "false", "no", "0" };
        for (gsize i = 0; i < G_N_ELEMENTS (yes); i++)
          {
            if (g_ascii_strcasecmp (v, yes[i]) == 0)
              return g_strdup ("true");
            if (g_ascii_strcasecmp (v, no[i]) == 0)
              return g_strdup ("false");
          }
        g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID,
                     _("“%s” is not true or false (write true/false, yes/no or 1/0)"), v);
        return NULL;
      }
    case KITH_ATTRIBUTE_TEXT:
    default:
      return g_steal_pointer (&v);
    }
}

char *
kith_attribute_parse_heading (const char        *heading,
                              KithAttributeType *type,
                              gboolean          *typed)
{
  g_autofree char *h = g_strstrip (g_strdup (heading));
  char *colon = strrchr (h, ':');
  g_autofree char *suffix = colon != NULL ? g_strstrip (g_strdup (colon + 1)) : NULL;

  *type = KITH_ATTRIBUTE_TEXT;
  *typed = FALSE;
  if (colon != NULL && colon != h && kith_attribute_type_from_string (suffix, type))
    {
      *colon = '\0';
      *typed = TRUE;
      return g_strstrip (g_strdup (h));
    }
  return g_steal_pointer (&h);
}

void
kith_attribute_free (KithAttribute *attribute)
{
  if (attribute == NULL)
    return;
  g_free (attribute->name);
  g_free (attribute);
}

static void
case_value_free (KithCaseValue *value)
{
  g_free (value->attribute);
  g_free (value->value);
  g_free (value);
}

void
kith_case_free (KithCase *kase)
{
  if (kase == NULL)
    return;
  g_free (kase->name);
  g_free (kase->description);
  g_clear_pointer (&kase->values, g_ptr_array_unref);
  g_free (kase);
}

/* Names are shown as “name=value” and in TSV: no “=”, tabs or line breaks. */
static gboolean
check_name (const char *what,
            const char *name,
            gboolean    no_equals,
            GError    **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (name != NULL ? name : ""));

  if (*trimmed == '\0' || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID, _("%s name is empty"), what);
      return FALSE;
    }
  if (strpbrk (name, "\t\r\n") != NULL || (no_equals && strchr (name, '=') != NULL))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID, _("%s name “%s” cannot hold %s"), what, trimmed,
                   no_equals ? "“=”, tabs or line breaks" : "tabs or line breaks");
      return FALSE;
    }
  return TRUE;
}

/* ---- attributes ------------------------------------------------------------ */

static gboolean
type_from_column (sqlite3_stmt *stmt, int column, KithAttributeType *type)
{
  if (!kith_attribute_type_from_string (kith_db_column_str (stmt, column), type))
    *type = KITH_ATTRIBUTE_TEXT;
  return TRUE;
}

GPtrArray *
kith_attributes_list (KithProject *project,
                      GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_attribute_free);
  g_autoptr(sqlite3_stmt) stmt =
    kith_db_prepare (project, "SELECT id, name, type FROM attributes ORDER BY position, id", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = kith_db_step (project, stmt, error)) == SQLITE_ROW)
    {
      KithAttribute *a = g_new0 (KithAttribute, 1);
      a->id = sqlite3_column_int64 (stmt, 0);
      a->name = g_strdup (kith_db_column_str (stmt, 1));
      type_from_column (stmt, 2, &a->type);
      g_ptr_array_add (list, a);
    }
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&list);
}

/* The id in the one row @sql (“SELECT id, … WHERE name = ?1”) gives for
 * @name: 0 when there is none, -1 on error; its second column in @second. */
static gint64
id_by_name (KithProject *project,
            const char  *sql,
            const char  *name,
            char       **second,
            GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project, sql, error);
  int rc;

  if (stmt == NULL)
    return -1;
  kith_db_bind_str (stmt, 1, name);
  rc = kith_db_step (project, stmt, error);
  if (rc < 0)
    return -1;
  if (rc == SQLITE_DONE)
    return 0;
  if (second != NULL)
    *second = g_strdup (kith_db_column_str (stmt, 1));
  return sqlite3_column_int64 (stmt, 0);
}

/* The attribute's id and type; 0 when there is none, -1 on error. */
static gint64
find_attribute (KithProject       *project,
                const char        *name,
                KithAttributeType *type,
                GError           **error)
{
  g_autofree char *type_name = NULL;
  gint64 id = id_by_name (project, "SELECT id, type FROM attributes WHERE name = ?1", name, &type_name, error);

  if (id > 0 && !kith_attribute_type_from_string (type_name, type))
    *type = KITH_ATTRIBUTE_TEXT;
  return id;
}

gint64
kith_attributes_ensure (KithProject       *project,
                        const char        *name,
                        KithAttributeType  type,
                        gboolean           typed,
                        KithAttributeType *actual,
                        GError           **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *trimmed = NULL;
  KithAttributeType found = type;
  gint64 id;

  if (!check_name ("an attribute", name, TRUE, error))
    return 0;
  trimmed = g_strstrip (g_strdup (name));
  id = find_attribute (project, trimmed, &found, error);
  if (id < 0)
    return 0;
  if (id > 0)
    {
      if (typed && found != type)
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID,
                       _("the attribute “%s” holds a %s, not a %s (change it with “kith-cli cases attribute”)"),
                       trimmed, kith_attribute_type_to_string (found), kith_attribute_type_to_string (type));
          return 0;
        }
      if (actual != NULL)
        *actual = found;
      return id;
    }
  insert = kith_db_prepare (project,
      "INSERT INTO attributes (name, type, position) "
      "VALUES (?1, ?2, (SELECT ifnull (max (position), 0) + 1 FROM attributes))", error);
  if (insert == NULL)
    return 0;
  kith_db_bind_str (insert, 1, trimmed);
  kith_db_bind_str (insert, 2, kith_attribute_type_to_string (type));
  if (!kith_db_run (project, insert, error))
    return 0;
  if (actual != NULL)
    *actual = type;
  return sqlite3_last_insert_rowid (kith_project_get_db (project));
}

gboolean
kith_attributes_define (KithProject       *project,
                        const char        *name,
                        KithAttributeType  type,
                        GError           **error)
{
  g_autoptr(sqlite3_stmt) values = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  g_autoptr(sqlite3_stmt) retype = NULL;
  KithAttributeType current = type;
  gint64 id;
  int rc;

  if (!kith_history_begin (project, "cases", "Define an attribute", error))
    return FALSE;
  id = kith_attributes_ensure (project, name, type, FALSE, &current, error);
  if (id == 0)
    goto fail;
  if (current == type)
    return kith_history_commit (project, error);

  /* every value must suit the new type; they are stored as it writes them */
  values = kith_db_prepare (project,
      "SELECT cv.case_id, c.name, cv.value FROM case_values cv JOIN cases c ON c.id = cv.case_id "
      "WHERE cv.attribute_id = ?1 ORDER BY c.name", error);
  update = kith_db_prepare (project, "UPDATE case_values SET value = ?3 WHERE case_id = ?1 AND attribute_id = ?2", error);
  retype = kith_db_prepare (project, "UPDATE attributes SET type = ?2 WHERE id = ?1", error);
  if (values == NULL || update == NULL || retype == NULL)
    goto fail;
  sqlite3_bind_int64 (values, 1, id);
  while ((rc = kith_db_step (project, values, error)) == SQLITE_ROW)
    {
      g_autoptr(GError) bad = NULL;
      g_autofree char *checked = kith_attribute_check_value (type, kith_db_column_str (values, 2), &bad);
      if (checked == NULL)
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID,
                       _("the attribute “%s” cannot become a %s: for case “%s”, %s"),
                       name, kith_attribute_type_to_string (type), kith_db_column_str (values, 1), bad->message);
          goto fail;
        }
      sqlite3_reset (update);
      sqlite3_bind_int64 (update, 1, sqlite3_column_int64 (values, 0));
      sqlite3_bind_int64 (update, 2, id);
      kith_db_bind_str (update, 3, checked);
      if (!kith_db_run (project, update, error))
        goto fail;
    }
  if (rc < 0)
    goto fail;
  sqlite3_bind_int64 (retype, 1, id);
  kith_db_bind_str (retype, 2, kith_attribute_type_to_string (type));
  if (!kith_db_run (project, retype, error))
    goto fail;
  return kith_history_commit (project, error);

fail:
  kith_history_rollback (project);
  return FALSE;
}

/* ---- cases ----------------------------------------------------------------- */

GPtrArray *
kith_cases_list (KithProject *project,
                 GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_case_free);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(sqlite3_stmt) cases = kith_db_prepare (project,
      "SELECT c.id, c.name, c.description, "
      "  (SELECT count(*) FROM documents d WHERE d.case_id = c.id), "
      "  (SELECT count(*) FROM turns t WHERE t.case_id = c.id) "
      "FROM cases c ORDER BY c.name, c.id", error);
  g_autoptr(sqlite3_stmt) values = kith_db_prepare (project,
      "SELECT cv.case_id, a.name, cv.value FROM case_values cv JOIN attributes a ON a.id = cv.attribute_id "
      "ORDER BY a.position, a.id", error);
  int rc;

  if (cases == NULL || values == NULL)
    return NULL;
  while ((rc = kith_db_step (project, cases, error)) == SQLITE_ROW)
    {
      KithCase *c = g_new0 (KithCase, 1);
      c->id = sqlite3_column_int64 (cases, 0);
      c->name = g_strdup (kith_db_column_str (cases, 1));
      c->description = g_strdup (kith_db_column_str (cases, 2));
      c->n_documents = sqlite3_column_int64 (cases, 3);
      c->n_turns = sqlite3_column_int64 (cases, 4);
      c->values = g_ptr_array_new_with_free_func ((GDestroyNotify) case_value_free);
      g_ptr_array_add (list, c);
      g_hash_table_insert (by_id, &c->id, c);
    }
  if (rc < 0)
    return NULL;
  while ((rc = kith_db_step (project, values, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (values, 0);
      KithCase *c = g_hash_table_lookup (by_id, &id);
      KithCaseValue *v = g_new0 (KithCaseValue, 1);
      v->attribute = g_strdup (kith_db_column_str (values, 1));
      v->value = g_strdup (kith_db_column_str (values, 2));
      g_ptr_array_add (c->values, v);
    }
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&list);
}

gint64
kith_cases_find (KithProject *project,
                 const char  *name,
                 GError     **error)
{
  return id_by_name (project, "SELECT id, name FROM cases WHERE name = ?1", name, NULL, error);
}

gint64
kith_cases_add (KithProject *project,
                const char  *name,
                gboolean     reuse,
                gboolean    *created,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autofree char *trimmed = NULL;
  g_autofree char *now = kith_now_iso8601 ();
  gint64 id;

  if (created != NULL)
    *created = FALSE;
  if (!check_name ("a case", name, FALSE, error))
    return 0;
  trimmed = g_strstrip (g_strdup (name));
  id = kith_cases_find (project, trimmed, error);
  if (id < 0)
    return 0;
  if (id > 0)
    {
      if (reuse)
        return id;
      g_set_error (error, KITH_ERROR, KITH_ERROR_EXISTS, _("there is already a case “%s”"), trimmed);
      return 0;
    }
  insert = kith_db_prepare (project, "INSERT INTO cases (name, created) VALUES (?1, ?2)", error);
  if (insert == NULL)
    return 0;
  kith_db_bind_str (insert, 1, trimmed);
  kith_db_bind_str (insert, 2, now);
  if (!kith_db_run (project, insert, error))
    return 0;
  if (created != NULL)
    *created = TRUE;
  return sqlite3_last_insert_rowid (kith_project_get_db (project));
}

/* Sets or removes one value in case_values or document_values. */
static gboolean
set_value_in (KithProject       *project,
              const char        *table,
              const char        *owner,
              gint64             owner_id,
              gint64             attribute_id,
              KithAttributeType  type,
              const char        *value,
              GError           **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *checked = NULL;
  g_autofree char *sql = NULL;
  gboolean unset = TRUE;

  for (const char *p = value; p != NULL && *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      unset = FALSE;

  if (!unset)
    {
      checked = kith_attribute_check_value (type, value, error);
      if (checked == NULL)
        return FALSE;
    }
  sql = unset ? g_strdup_printf ("DELETE FROM %s WHERE %s = ?1 AND attribute_id = ?2", table, owner)
              /* an upsert, not OR REPLACE: a replaced row is deleted without
               * firing the history's triggers, and undo would lose it */
              : g_strdup_printf ("INSERT INTO %s (%s, attribute_id, value) VALUES (?1, ?2, ?3) "
                                 "ON CONFLICT (%s, attribute_id) DO UPDATE SET value = excluded.value",
                                 table, owner, owner);
  stmt = kith_db_prepare (project, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, owner_id);
  sqlite3_bind_int64 (stmt, 2, attribute_id);
  if (!unset)
    kith_db_bind_str (stmt, 3, checked);
  return kith_db_run (project, stmt, error);
}

gboolean
kith_cases_set_value (KithProject       *project,
                      gint64             case_id,
                      gint64             attribute_id,
                      KithAttributeType  type,
                      const char        *value,
                      GError           **error)
{
  return set_value_in (project, "case_values", "case_id", case_id, attribute_id, type, value, error);
}

gboolean
kith_documents_set_value (KithProject       *project,
                          gint64             document_id,
                          gint64             attribute_id,
                          KithAttributeType  type,
                          const char        *value,
                          GError           **error)
{
  return set_value_in (project, "document_values", "document_id", document_id, attribute_id, type, value, error);
}

guint
kith_cases_link_speaker (KithProject *project,
                         gint64       document_id,
                         const char  *speaker,
                         gint64       case_id,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt =
    kith_db_prepare (project, "UPDATE turns SET case_id = ?1 WHERE document_id = ?2 AND speaker = ?3", error);
  guint n;

  if (stmt == NULL || !kith_history_begin (project, "cases", "Link a speaker to a case", error))
    return 0;
  if (case_id > 0)
    sqlite3_bind_int64 (stmt, 1, case_id);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, document_id);
  kith_db_bind_str (stmt, 3, speaker);
  if (!kith_db_run (project, stmt, error))
    goto fail;
  n = (guint) sqlite3_changes (kith_project_get_db (project));
  if (n == 0)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_NOT_FOUND,
                   _("nobody called “%s” speaks in document %lld (see “kith-cli turns”)"),
                   speaker, (long long) document_id);
      goto fail;
    }
  if (!kith_history_commit (project, error))
    return 0;
  return n;

fail:
  kith_history_rollback (project);
  return 0;
}

gboolean
kith_cases_link_document (KithProject *project,
                          gint64       document_id,
                          gint64       case_id,
                          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project, "UPDATE documents SET case_id = ?1 WHERE id = ?2", error);

  if (stmt == NULL)
    return FALSE;
  if (case_id > 0)
    sqlite3_bind_int64 (stmt, 1, case_id);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, document_id);
  if (!kith_db_run (project, stmt, error))
    return FALSE;
  if (sqlite3_changes (kith_project_get_db (project)) == 0)
    {
      kith_db_set_not_found (project, error, "document", document_id);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
kith_cases_from_speakers (KithProject       *project,
                          gint64             document_id,
                          const char *const *skip,
                          GError           **error)
{
  g_autoptr(GPtrArray) linked = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) speakers = NULL;
  int rc;

  if (!kith_history_begin (project, "cases", "Make cases from speakers", error))
    return NULL;
  speakers = kith_db_prepare (project,
      "SELECT speaker FROM turns WHERE document_id = ?1 GROUP BY speaker ORDER BY min (start_pos)", error);
  if (speakers == NULL)
    goto fail;
  sqlite3_bind_int64 (speakers, 1, document_id);
  while ((rc = kith_db_step (project, speakers, error)) == SQLITE_ROW)
    {
      const char *speaker = kith_db_column_str (speakers, 0);
      gint64 case_id;

      if (skip != NULL && g_strv_contains (skip, speaker))
        continue;
      case_id = kith_cases_add (project, speaker, TRUE, NULL, error);
      if (case_id == 0 || kith_cases_link_speaker (project, document_id, speaker, case_id, error) == 0)
        goto fail;
      g_ptr_array_add (linked, g_strdup (speaker));
    }
  if (rc < 0 || !kith_history_commit (project, error))
    goto fail;
  return g_steal_pointer (&linked);

fail:
  kith_history_rollback (project);
  return NULL;
}

/* ---- attribute columns ----------------------------------------------------- */

typedef struct
{
  int               index;
  gint64            id;
  KithAttributeType type;
  char             *name;
} Column;

struct _KithAttributeColumns
{
  KithProject *project;
  GArray      *columns;
};

static void
column_clear (Column *column)
{
  g_free (column->name);
}

void
kith_attribute_columns_free (KithAttributeColumns *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->columns);
  g_free (self);
}

guint
kith_attribute_columns_get_n (KithAttributeColumns *self)
{
  return self->columns->len;
}

KithAttributeColumns *
kith_attribute_columns_new (KithProject       *project,
                            const char *const *header,
                            const int         *columns,
                            GError           **error)
{
  g_autoptr(KithAttributeColumns) self = g_new0 (KithAttributeColumns, 1);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  self->project = project;
  self->columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_array_set_clear_func (self->columns, (GDestroyNotify) column_clear);
  for (guint i = 0; columns[i] >= 0; i++)
    {
      Column c = { columns[i], 0, KITH_ATTRIBUTE_TEXT, NULL };
      gboolean typed;

      c.name = kith_attribute_parse_heading (header[columns[i]], &c.type, &typed);
      if (*c.name == '\0')
        g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID, _("line 1: column %d has no heading"), columns[i] + 1);
      else if (g_hash_table_contains (seen, c.name))
        g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID, _("line 1: two columns are headed “%s”"), c.name);
      else if ((c.id = kith_attributes_ensure (project, c.name, c.type, typed, &c.type, error)) == 0)
        g_prefix_error (error, _("line 1: "));
      if (c.id == 0)
        {
          g_free (c.name);
          return NULL;
        }
      g_array_append_val (self->columns, c);
      g_hash_table_add (seen, c.name);
    }
  return g_steal_pointer (&self);
}

gboolean
kith_attribute_columns_apply (KithAttributeColumns *self,
                              gint64                case_id,
                              const char *const    *row,
                              guint                 line,
                              GPtrArray            *problems,
                              guint                *n_set,
                              GError              **error)
{
  for (guint i = 0; i < self->columns->len; i++)
    {
      Column *c = &g_array_index (self->columns, Column, i);
      g_autoptr(GError) bad = NULL;

      if (!kith_cases_set_value (self->project, case_id, c->id, c->type, row[c->index], &bad))
        {
          if (bad->domain != KITH_ERROR || bad->code != KITH_ERROR_INVALID)
            {
              g_propagate_error (error, g_steal_pointer (&bad));
              return FALSE;
            }
          kith_cases_add_problem (problems, _("line %u, %s: %s"), line, c->name, bad->message);
          continue;
        }
      if (n_set != NULL)
        (*n_set)++;
    }
  return TRUE;
}

/* ---- importing attributes -------------------------------------------------- */

void
kith_cases_import_clear (KithCasesImport *report)
{
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  memset (report, 0, sizeof *report);
}

void
kith_cases_add_problem (GPtrArray  *problems,
                        const char *format,
                        ...)
{
  va_list args;

  if (problems->len >= KITH_MAX_PROBLEMS)
    return;
  va_start (args, format);
  g_ptr_array_add (problems, g_strdup_vprintf (format, args));
  va_end (args);
}

gboolean
kith_cases_problems_error (GPtrArray *problems,
                           GError   **error)
{
  g_autoptr(GString) message = g_string_new (NULL);

  g_string_append_printf (message, "%u %s, so nothing was imported:", problems->len,
                          problems->len == 1 ? "problem" : "problems");
  for (guint i = 0; i < problems->len; i++)
    g_string_append_printf (message, "\n%s", (const char *) g_ptr_array_index (problems, i));
  if (problems->len >= KITH_MAX_PROBLEMS)
    g_string_append (message, "\n(and perhaps more)");
  g_set_error_literal (error, KITH_ERROR, KITH_ERROR_INVALID, message->str);
  return FALSE;
}

static gboolean
import_rows (KithProject     *project,
             KithCsvReader   *reader,
             gboolean         create,
             KithCasesImport *report,
             GError         **error)
{
  g_autoptr(GError) header_error = NULL;
  g_auto(GStrv) header = NULL;
  g_autoptr(KithAttributeColumns) columns = NULL;
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree int *indices = NULL;
  guint n_columns, header_line;

  if (!kith_csv_reader_next (reader, &header, &header_line, &header_error))
    {
      if (header_error != NULL)
        g_propagate_error (error, g_steal_pointer (&header_error));
      else
        g_set_error (error, KITH_ERROR, KITH_ERROR_EMPTY, _("the file is empty"));
      return FALSE;
    }
  n_columns = g_strv_length (header);
  indices = g_new (int, n_columns);
  for (guint i = 1; i < n_columns; i++)
    indices[i - 1] = (int) i;
  indices[n_columns - 1] = -1;
  columns = kith_attribute_columns_new (project, (const char *const *) header, indices, error);
  if (columns == NULL)
    return FALSE;

  for (;;)
    {
      g_autoptr(GError) local = NULL;
      g_auto(GStrv) row = NULL;
      guint line = 0;
      g_autofree char *name = NULL;
      gint64 case_id;
      gboolean created = FALSE;

      if (!kith_csv_reader_next (reader, &row, &line, &local))
        {
          if (local == NULL)
            break;
          kith_cases_add_problem (report->problems, "%s", local->message);
          break;   /* the rest of the file cannot be trusted */
        }
      if (g_strv_length (row) != n_columns)
        {
          kith_cases_add_problem (report->problems, _("line %u: %u %s, but the heading line has %u"), line,
                                  g_strv_length (row), g_strv_length (row) == 1 ? "field" : "fields", n_columns);
          continue;
        }
      name = g_strstrip (g_strdup (row[0]));
      if (*name == '\0')
        {
          kith_cases_add_problem (report->problems, _("line %u: no case name in the first column"), line);
          continue;
        }
      if (g_hash_table_contains (rows, name))
        {
          kith_cases_add_problem (report->problems, _("line %u: case “%s” is already on line %u"), line, name,
                                  GPOINTER_TO_UINT (g_hash_table_lookup (rows, name)));
          continue;
        }
      g_hash_table_insert (rows, g_strdup (name), GUINT_TO_POINTER (line));
      case_id = kith_cases_find (project, name, error);
      if (case_id < 0)
        return FALSE;
      if (case_id == 0 && !create)
        {
          kith_cases_add_problem (report->problems, _("line %u: there is no case “%s” (add it with "
                                  "“kith-cli cases add”, or import with --create)"), line, name);
          continue;
        }
      if (case_id == 0)
        {
          case_id = kith_cases_add (project, name, FALSE, &created, &local);
          if (case_id == 0)
            {
              kith_cases_add_problem (report->problems, _("line %u: %s"), line, local->message);
              continue;
            }
          report->created += created;
        }
      if (!kith_attribute_columns_apply (columns, case_id, (const char *const *) row, line, report->problems,
                                         &report->values, error))
        return FALSE;
      report->cases++;
    }
  if (report->problems->len > 0)
    return kith_cases_problems_error (report->problems, error);
  return TRUE;
}

gboolean
kith_cases_import_csv (KithProject     *project,
                       const char      *text,
                       gsize            len,
                       gboolean         create,
                       KithCasesImport *report,
                       GError         **error)
{
  g_autoptr(KithCsvReader) reader = NULL;

  g_return_val_if_fail (report != NULL, FALSE);

  kith_cases_import_clear (report);
  report->problems = g_ptr_array_new_with_free_func (g_free);
  if (!g_utf8_validate_len (text, len, NULL))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_ENCODING, _("the file is not UTF-8 text (save it as “CSV UTF-8”)"));
      return FALSE;
    }
  reader = kith_csv_reader_new_guessed (text, len);
  if (!kith_history_begin (project, "cases", "Import case attributes", error))
    return FALSE;
  if (!import_rows (project, reader, create, report, error))
    {
      kith_history_rollback (project);
      return FALSE;
    }
  return kith_history_commit (project, error);
}
