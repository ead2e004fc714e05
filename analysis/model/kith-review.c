/* kith-review.c */
#include <math.h>

#include "kith-codes.h"
#include "kith-db-private.h"
#include "kith-history.h"
#include "kith-review.h"
#include "kith-i18n.h"

static const char *const status_names[] = { "pending", "accepted", "rejected" };

const char *
kith_suggestion_status_to_string (KithSuggestionStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_names), "pending");
  return status_names[status];
}

static KithSuggestionStatus
status_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    if (g_strcmp0 (text, status_names[i]) == 0)
      return (KithSuggestionStatus) i;
  return KITH_SUGGESTION_PENDING;
}

void
kith_suggestion_free (KithSuggestion *suggestion)
{
  if (suggestion == NULL)
    return;
  g_free (suggestion->document);
  g_free (suggestion->code_path);
  g_free (suggestion);
}

GPtrArray *
kith_suggestions_list (KithProject *project,
                       gint64       document_id,
                       gboolean     pending_only,
                       GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_suggestion_free);
  g_autoptr(GHashTable) paths = kith_codes_paths (project, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (paths == NULL)
    return NULL;
  stmt = kith_db_prepare (project,
      "SELECT s.id, s.document_id, d.name, s.code_id, ifnull (s.rule_id, 0), s.start_pos, s.end_pos, "
      "s.status, ifnull (s.coding_id, 0) FROM suggestions s JOIN documents d ON d.id = s.document_id "
      "WHERE (?1 = 0 OR s.document_id = ?1) AND (?2 = 0 OR s.status = 'pending') "
      "ORDER BY s.document_id, s.start_pos, s.end_pos, s.code_id, s.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, document_id);
  sqlite3_bind_int (stmt, 2, pending_only);
  while ((rc = kith_db_step (project, stmt, error)) == SQLITE_ROW)
    {
      KithSuggestion *s = g_new0 (KithSuggestion, 1);

      s->id = sqlite3_column_int64 (stmt, 0);
      s->document_id = sqlite3_column_int64 (stmt, 1);
      s->document = g_strdup (kith_db_column_str (stmt, 2));
      s->code_id = sqlite3_column_int64 (stmt, 3);
      s->code_path = g_strdup (g_hash_table_lookup (paths, &s->code_id));
      s->rule_id = sqlite3_column_int64 (stmt, 4);
      s->start = sqlite3_column_int64 (stmt, 5);
      s->end = sqlite3_column_int64 (stmt, 6);
      s->status = status_from_string (kith_db_column_str (stmt, 7));
      s->coding_id = sqlite3_column_int64 (stmt, 8);
      g_ptr_array_add (list, s);
    }
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&list);
}

/* ---- decisions ----------------------------------------------------------------- */

#define BY_IDS  "id IN (SELECT value FROM json_each (?1))"
#define BY_RULE "rule_id = ?1"

/* Binds ?1 (the filter's), ?2 the coder, ?3 the time. */
static sqlite3_stmt *
prepare_decision (KithProject *project, const char *sql, const char *json, gint64 rule_id,
                  gint64 coder_id, const char *now, GError **error)
{
  sqlite3_stmt *stmt = kith_db_prepare (project, sql, error);

  if (stmt == NULL)
    return NULL;
  if (json != NULL)
    kith_db_bind_str (stmt, 1, json);
  else
    sqlite3_bind_int64 (stmt, 1, rule_id);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    {
      sqlite3_bind_int64 (stmt, 2, coder_id);
      kith_db_bind_str (stmt, 3, now);
    }
  return stmt;
}

/* Decides the pending suggestions that @filter (BY_IDS with @json, or
 * BY_RULE with @rule_id) selects, as one action of the "review" group. */
static gint64
decide (KithProject *project,
        const char  *filter,
        const char  *json,
        gint64       rule_id,
        gboolean     accept,
        const char  *label,
        GError     **error)
{
  g_autofree char *now = kith_now_iso8601 ();
  g_autofree char *insert_sql = NULL;
  g_autofree char *update_sql = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  g_autoptr(sqlite3_stmt) update = NULL;
  gint64 coder_id, n;

  if (!kith_history_begin (project, "review", label, error))
    return -1;
  coder_id = kith_project_ensure_coder (project, error);
  if (coder_id == 0)
    goto fail;
  if (accept)
    {
      /* the coding may exist already (the same coder coded it by hand):
       * then the suggestion is linked to it */
      insert_sql = g_strdup_printf (
          "INSERT OR IGNORE INTO codings (document_id, code_id, start_pos, end_pos, coder_id, memo, origin, created) "
          "SELECT document_id, code_id, start_pos, end_pos, ?2, '', 'rule', ?3 FROM suggestions "
          "WHERE status = 'pending' AND %s ORDER BY id", filter);
      insert = prepare_decision (project, insert_sql, json, rule_id, coder_id, now, error);
      if (insert == NULL || !kith_db_run (project, insert, error))
        goto fail;
      update_sql = g_strdup_printf (
          "UPDATE suggestions SET status = 'accepted', decided = ?3, decided_by = ?2, coding_id = "
          "(SELECT c.id FROM codings c WHERE c.document_id = suggestions.document_id "
          " AND c.code_id = suggestions.code_id AND c.start_pos = suggestions.start_pos "
          " AND c.end_pos = suggestions.end_pos AND c.coder_id = ?2) "
          "WHERE status = 'pending' AND %s", filter);
    }
  else
    update_sql = g_strdup_printf ("UPDATE suggestions SET status = 'rejected', decided = ?3, decided_by = ?2 "
                                  "WHERE status = 'pending' AND %s", filter);
  update = prepare_decision (project, update_sql, json, rule_id, coder_id, now, error);
  if (update == NULL || !kith_db_run (project, update, error))
    goto fail;
  n = sqlite3_changes (kith_project_get_db (project));
  if (!kith_history_commit (project, error))
    return -1;
  return n;

fail:
  kith_history_rollback (project);
  return -1;
}

/* Every id exists and is pending, or an error naming the first that is not. */
static gboolean
check_pending (KithProject *project, const gint64 *ids, guint n_ids, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project, "SELECT status FROM suggestions WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  if (n_ids == 0)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID, _("no suggestions were given"));
      return FALSE;
    }
  for (guint i = 0; i < n_ids; i++)
    {
      int rc;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, ids[i]);
      rc = kith_db_step (project, stmt, error);
      if (rc < 0)
        return FALSE;
      if (rc == SQLITE_DONE)
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_NOT_FOUND,
                       _("%s: there is no suggestion %lld (see “kith-cli review list”)"),
                       kith_project_get_display_name (project), (long long) ids[i]);
          return FALSE;
        }
      if (!g_str_equal (kith_db_column_str (stmt, 0), "pending"))
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID,
                       _("%s: suggestion %lld was %s already (“kith-cli review undo” takes "
                         "a decision back); nothing was changed"),
                       kith_project_get_display_name (project), (long long) ids[i], kith_db_column_str (stmt, 0));
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
decide_ids (KithProject *project, const gint64 *ids, guint n_ids, gboolean accept, GError **error)
{
  g_autofree char *json = NULL;
  g_autofree char *label = NULL;

  if (!check_pending (project, ids, n_ids, error))
    return FALSE;
  json = kith_db_ids_json (ids, n_ids);
  label = n_ids == 1 ? g_strdup_printf ("%s suggestion %" G_GINT64_FORMAT, accept ? "Accept" : "Reject", ids[0])
                     : g_strdup_printf ("%s %u suggestions", accept ? "Accept" : "Reject", n_ids);
  return decide (project, BY_IDS, json, 0, accept, label, error) >= 0;
}

gboolean
kith_review_accept (KithProject  *project,
                    const gint64 *ids,
                    guint         n_ids,
                    GError      **error)
{
  return decide_ids (project, ids, n_ids, TRUE, error);
}

gboolean
kith_review_reject (KithProject  *project,
                    const gint64 *ids,
                    guint         n_ids,
                    GError      **error)
{
  return decide_ids (project, ids, n_ids, FALSE, error);
}

gint64
kith_review_decide_rule (KithProject *project,
                         gint64       rule_id,
                         gboolean     accept,
                         GError     **error)
{
  g_autofree char *label = NULL;
  gint64 exists = 0, pending = 0;

  if (!kith_db_query_int (project, "SELECT count(*) FROM rules WHERE id = ?1", rule_id, 0, &exists, error)
      || !kith_db_query_int (project, "SELECT count(*) FROM suggestions WHERE rule_id = ?1 AND status = 'pending'",
                             rule_id, 0, &pending, error))
    return -1;
  if (exists == 0)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_NOT_FOUND, _("%s: there is no rule %lld (see “kith-cli rules”)"),
                   kith_project_get_display_name (project), (long long) rule_id);
      return -1;
    }
  if (pending == 0)
    return 0;
  label = g_strdup_printf ("%s the %" G_GINT64_FORMAT " suggestion%s of rule %" G_GINT64_FORMAT,
                           accept ? "Accept" : "Reject", pending, pending == 1 ? "" : "s", rule_id);
  return decide (project, BY_RULE, NULL, rule_id, accept, label, error);
}

gboolean
kith_review_undo (KithProject *project,
                  char       **label,
                  GError     **error)
{
  return kith_history_undo (project, "review", label, error);
}

/* ---- statistics --------------------------------------------------------------- */

void
kith_rule_stats_free (KithRuleStats *stats)
{
  if (stats == NULL)
    return;
  g_free (stats->code_path);
  g_free (stats->pattern);
  g_free (stats->note);
  g_free (stats);
}

GPtrArray *
kith_rules_stats (KithProject *project,
                  GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_rule_stats_free);
  g_autoptr(GHashTable) paths = kith_codes_paths (project, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (paths == NULL)
    return NULL;
  stmt = kith_db_prepare (project,
      "SELECT r.id, r.code_id, r.pattern, count(s.id), "
      "  ifnull (sum (s.status = 'accepted'), 0), ifnull (sum (s.status = 'rejected'), 0), "
      "  ifnull (sum (s.status = 'pending'), 0), r.note "
      "FROM rules r LEFT JOIN suggestions s ON s.rule_id = r.id GROUP BY r.id ORDER BY r.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = kith_db_step (project, stmt, error)) == SQLITE_ROW)
    {
      KithRuleStats *st = g_new0 (KithRuleStats, 1);
      gint64 code_id = sqlite3_column_int64 (stmt, 1);

      st->rule_id = sqlite3_column_int64 (stmt, 0);
      st->code_path = g_strdup (g_hash_table_lookup (paths, &code_id));
      st->pattern = g_strdup (kith_db_column_str (stmt, 2));
      st->hits = sqlite3_column_int64 (stmt, 3);
      st->accepted = sqlite3_column_int64 (stmt, 4);
      st->rejected = sqlite3_column_int64 (stmt, 5);
      st->pending = sqlite3_column_int64 (stmt, 6);
      st->note = g_strdup (kith_db_column_str (stmt, 7));
      st->precision = st->accepted + st->rejected > 0
                      ? (double) st->accepted / (double) (st->accepted + st->rejected) : NAN;
      g_ptr_array_add (list, st);
    }
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&list);
}
