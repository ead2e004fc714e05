/* kith-suggest.c
 *
 * Workers take documents in order, a bounded number ahead of the writer
 * (a slot is taken with the document and given back when the writer has
 * stored its result), so neither texts nor results pile up however large
 * the corpus. The writer keeps results that arrive early until their turn.
 */
#include <string.h>

#include "kith-codes.h"
#include "kith-db-private.h"
#include "kith-documents.h"
#include "kith-rule-set.h"
#include "kith-rule-skip.h"
#include "kith-rule-store.h"
#include "kith-sentences.h"
#include "kith-suggest.h"
#include "kith-i18n.h"
#include "kith-turns.h"
#include "kith-utf8.h"

#define BATCH_ROWS   20000   /* suggestions per transaction, about */
#define BATCH_DOCS   256     /* documents per transaction, at most */
#define BATCH_USEC   G_USEC_PER_SEC  /* and at most a second's work: a slow
                                      * pass shows its results as it goes */
#define AHEAD        4       /* documents in flight per worker */
#define ROWS_PER_INSERT 50    /* 250 parameters, well under SQLite's limit */

typedef struct
{
  gint64 id;
  char  *name;
  char  *kind;
} DocRef;

typedef struct
{
  guint  rule;
  gsize  start;     /* bytes while matching … */
  gsize  end;
  gint64 cstart;    /* … code points when stored */
  gint64 cend;
} Found;

typedef struct
{
  guint      index;      /* in the pass's document list */
  GArray    *found;      /* Found, unique per code and span */
  GPtrArray *problems;   /* KithRuleProblem */
  GError    *error;
  gsize      bytes;
} DocResult;

typedef struct
{
  const char  *path;
  KithRuleSet *set;
  GArray      *docs;         /* DocRef */
  gboolean     need_turns;
  guint        ahead;
  /* the distinct skip-speakers lists of the rules (most share one), and
   * each rule's: an index into them, or -1 */
  GPtrArray   *skip_lists;   /* GStrv */
  int         *rule_skip;
  /* per rule, where else it does not look: NULL for nowhere */
  GPtrArray   *skips;        /* KithRuleSkip */
  GPtrArray   *framework;    /* the phrases naming the framework */
  gboolean     need_headings;

  GMutex       lock;
  GCond        cond;
  guint        next;
  guint        in_flight;
  gboolean     stop;
  GAsyncQueue *results;
} Pass;

typedef struct
{
  gsize   start;
  gsize   speech;
  gsize   end;
  guint64 skipped;   /* bit l: skipped by the pass's speaker list l */
} Turn;

typedef struct
{
  Pass         *pass;
  sqlite3      *db;
  sqlite3_stmt *turns_stmt;
  KithRuleScan *scan;
  KithMatcher  *matcher;
  GArray       *hits;
  GArray       *turns;
  GArray       *headings;    /* KithByteSpan, when a rule skips sections */
  gboolean     *doc_skipped; /* per rule: skips the whole document */
  char         *text;
  gsize         capacity;
} Worker;

void
kith_suggest_result_free (KithSuggestResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_free (result);
}

static void
doc_result_free (DocResult *r)
{
  g_clear_pointer (&r->found, g_array_unref);
  g_clear_pointer (&r->problems, g_ptr_array_unref);
  g_clear_error (&r->error);
  g_free (r);
}

/* ---- offsets ------------------------------------------------------------------ */

typedef struct
{
  gint64   chars;
  gsize    bytes;
  gpointer slot;   /* where the converted offset goes */
} Offset;

static int
by_chars (gconstpointer a, gconstpointer b)
{
  gint64 x = ((const Offset *) a)->chars, y = ((const Offset *) b)->chars;
  return x < y ? -1 : x > y;
}

static int
by_bytes (gconstpointer a, gconstpointer b)
{
  gsize x = ((const Offset *) a)->bytes, y = ((const Offset *) b)->bytes;
  return x < y ? -1 : x > y;
}

/* Converts every offset in one walk over the text: code points to bytes
 * (@to_bytes), or bytes to code points. Counting character starts over
 * whole blocks keeps the walk near memory speed. */
static void
convert_offsets (const char *text, gsize len, GArray *offsets, gboolean to_bytes)
{
  const guchar *p = (const guchar *) text;
  gsize b = 0;
  gint64 c = 0;

  g_array_sort (offsets, to_bytes ? by_chars : by_bytes);
  for (guint i = 0; i < offsets->len; i++)
    {
      Offset *o = &g_array_index (offsets, Offset, i);

      if (!to_bytes)
        {
          gsize target = MIN (o->bytes, len);
          c += kith_utf8_count_chars (text + b, target - b);
          b = target;
          *(gint64 *) o->slot = c;
          continue;
        }
      while (c < o->chars && b < len)
        {
          /* eight bytes at a time: a character starts at every byte that
           * is not 10xxxxxx */
          if (b + 8 < len)
            {
              guint64 word, continuation;
              gint64 k;

              memcpy (&word, p + b, 8);
              /* one bit per 10xxxxxx byte, summed by a multiplication */
              continuation = (word & ~(word << 1) & G_GUINT64_CONSTANT (0x8080808080808080)) >> 7;
              k = 8 - (gint64) ((continuation * G_GUINT64_CONSTANT (0x0101010101010101)) >> 56);
              if (c + k <= o->chars)
                {
                  b += 8;
                  c += k;
                  while (b < len && (p[b] & 0xC0) == 0x80)
                    b++;
                  continue;
                }
            }
          do
            b++;
          while (b < len && (p[b] & 0xC0) == 0x80);
          c++;
        }
      *(gsize *) o->slot = b;
    }
}

/* Canonical texts are valid UTF-8; a project edited by hand might not be,
 * and PCRE2 is told not to check. ASCII is skipped eight bytes at a time. */
static gboolean
is_utf8 (const char *text, gsize len)
{
  gsize i = 0;

  while (i < len)
    {
      guint64 word;
      gunichar c;

      if (i + 8 <= len)
        {
          memcpy (&word, text + i, 8);
          if ((word & G_GUINT64_CONSTANT (0x8080808080808080)) == 0)
            {
              i += 8;
              continue;
            }
        }
      if ((guchar) text[i] < 0x80)
        {
          i++;
          continue;
        }
      c = g_utf8_get_char_validated (text + i, (gssize) (len - i));
      if (c == (gunichar) -1 || c == (gunichar) -2)
        return FALSE;
      i += (gsize) g_unichar_to_utf8 (c, NULL);
    }
  return TRUE;
}

/* ---- one document -------------------------------------------------------------- */

static gboolean
read_text (Worker *w, gint64 id, gsize *len, GError **error)
{
  sqlite3_blob *blob = NULL;
  int rc = sqlite3_blob_open (w->db, "main", "document_texts", "text", id, 0, &blob);
  gsize n;

  if (rc == SQLITE_OK)
    {
      n = (gsize) sqlite3_blob_bytes (blob);
      if (n + 1 > w->capacity)
        {
          w->capacity = MAX (n + 1, w->capacity * 2);
          w->text = g_realloc (w->text, w->capacity);
        }
      rc = sqlite3_blob_read (blob, w->text, (int) n, 0);
      w->text[n] = '\0';
      *len = n;
    }
  if (rc != SQLITE_OK)
    g_set_error (error, KITH_ERROR, KITH_ERROR_IO, _("%s: cannot read the text of document %lld: %s"),
                 w->pass->path, (long long) id, sqlite3_errmsg (w->db));
  sqlite3_blob_close (blob);
  return rc == SQLITE_OK;
}

static gboolean
list_skips (GStrv list, const char *speaker, GPtrArray *roles)
{
  for (guint i = 0; list[i] != NULL; i++)
    {
      if (kith_turns_speaker_is (speaker, list[i]) || kith_turns_role_is (speaker, list[i]))
        return TRUE;
      for (guint j = 0; j < roles->len; j++)
        {
          KithTurnRole *role = g_ptr_array_index (roles, j);
          if (kith_turns_role_is (role->role, list[i]) && kith_turns_speaker_is (speaker, role->name))
            return TRUE;
        }
    }
  return FALSE;
}

/* Which of the pass's speaker lists skip @speaker, given the header's
 * roles; worked out once per speaker and document. */
static guint64
skip_mask (Worker *w, GHashTable *cache, const char *speaker, GPtrArray *roles)
{
  gpointer cached;
  guint64 mask = 0;

  if (g_hash_table_lookup_extended (cache, speaker, NULL, &cached))
    return *(guint64 *) cached;
  for (guint l = 0; l < w->pass->skip_lists->len; l++)
    if (list_skips (g_ptr_array_index (w->pass->skip_lists, l), speaker, roles))
      mask |= G_GUINT64_CONSTANT (1) << l;
  g_hash_table_insert (cache, g_strdup (speaker), g_memdup2 (&mask, sizeof mask));
  return mask;
}

static gboolean
read_turns (Worker *w, gint64 id, const char *text, gsize len, GError **error)
{
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (Offset));
  g_autoptr(GPtrArray) speakers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) roles = NULL;
  int rc;

  g_array_set_size (w->turns, 0);
  sqlite3_reset (w->turns_stmt);
  sqlite3_bind_int64 (w->turns_stmt, 1, id);
  while ((rc = sqlite3_step (w->turns_stmt)) == SQLITE_ROW)
    {
      Turn turn = { 0 };
      Offset o = { sqlite3_column_int64 (w->turns_stmt, 0), 0, NULL };

      g_array_append_val (w->turns, turn);
      g_ptr_array_add (speakers, g_strdup ((const char *) sqlite3_column_text (w->turns_stmt, 3)));
      g_array_append_val (offsets, o);
      o.chars = sqlite3_column_int64 (w->turns_stmt, 1);
      g_array_append_val (offsets, o);
      o.chars = sqlite3_column_int64 (w->turns_stmt, 2);
      g_array_append_val (offsets, o);
    }
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_IO, _("%s: cannot read the turns of document %lld: %s"),
                   w->pass->path, (long long) id, sqlite3_errmsg (w->db));
      return FALSE;
    }
  if (w->turns->len == 0)
    return TRUE;
  /* now that the array no longer moves, point the offsets at the turns */
  for (guint i = 0; i < w->turns->len; i++)
    {
      Turn *turn = &g_array_index (w->turns, Turn, i);
      g_array_index (offsets, Offset, 3 * i).slot = &turn->start;
      g_array_index (offsets, Offset, 3 * i + 1).slot = &turn->speech;
      g_array_index (offsets, Offset, 3 * i + 2).slot = &turn->end;
    }
  convert_offsets (text, len, offsets, TRUE);

  /* who the header names as interviewer, facilitator… */
  roles = kith_turns_header_roles (text, g_array_index (w->turns, Turn, 0).start);
  for (guint i = 0; i < w->turns->len; i++)
    g_array_index (w->turns, Turn, i).skipped = skip_mask (w, cache, g_ptr_array_index (speakers, i), roles);
  return TRUE;
}

/* The last element of @array (in order of its first member, a gsize
 * start) that starts at or before @pos, or NULL when none does. */
static gconstpointer
last_starting_by (GArray *array, gsize pos)
{
  gsize size = g_array_get_element_size (array);
  guint lo = 0, hi = array->len;

#define START_OF(i) (*(const gsize *) (const void *) (array->data + (gsize) (i) * size))
  if (hi == 0 || pos < START_OF (0))
    return NULL;
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;
      if (START_OF (mid) <= pos)
        lo = mid;
      else
        hi = mid;
    }
#undef START_OF
  return array->data + (gsize) lo * size;
}

/* the turn holding byte @pos, or NULL (before the first turn) */
static const Turn *
turn_at (GArray *turns, gsize pos)
{
  G_STATIC_ASSERT (G_STRUCT_OFFSET (Turn, start) == 0);
  return last_starting_by (turns, pos);
}

static KithByteSpan
scope_span (KithScope scope, const char *text, gsize len, const Turn *turn, gsize s, gsize e)
{
  KithByteSpan span = { s, e };

  switch (scope)
    {
    case KITH_SCOPE_SENTENCE:
      span = kith_sentence_around (text, len, s, e);
      break;
    case KITH_SCOPE_TURN:
      if (turn != NULL && turn->end > turn->speech)
        {
          span.start = MIN (turn->speech, s);
          span.end = MAX (turn->end, e);
          return span;
        }
      G_GNUC_FALLTHROUGH;
    case KITH_SCOPE_PARAGRAPH:
      span = kith_paragraph_around (text, len, s, e);
      break;
    case KITH_SCOPE_MATCH:
    default:
      return span;
    }
  /* a turn's speaker label is not part of what was said */
  if (turn != NULL && s >= turn->speech && span.start < turn->speech)
    span.start = turn->speech;
  return span;
}

static gint64
code_of (KithRuleSet *set, guint rule)
{
  return kith_rule_get_def (kith_rule_set_get_rule (set, rule))->code_id;
}

static int
by_code_span (gconstpointer a, gconstpointer b, gpointer set)
{
  const Found *x = a, *y = b;
  gint64 cx = code_of (set, x->rule), cy = code_of (set, y->rule);

  if (cx != cy)
    return cx < cy ? -1 : 1;
  if (x->cstart != y->cstart)
    return x->cstart < y->cstart ? -1 : 1;
  if (x->cend != y->cend)
    return x->cend < y->cend ? -1 : 1;
  return x->rule < y->rule ? -1 : x->rule > y->rule;
}

/* which rules leave the whole of @doc out */
static void
skip_document (Worker *w, const DocRef *doc)
{
  for (guint i = 0; i < w->pass->skips->len; i++)
    {
      const KithRuleSkip *skip = g_ptr_array_index (w->pass->skips, i);
      w->doc_skipped[i] = skip != NULL && kith_rule_skip_document (skip, doc->name, doc->kind);
    }
}

/* the heading of the section holding byte @pos, or NULL before the first */
static const KithByteSpan *
heading_before (GArray *headings, gsize pos)
{
  G_STATIC_ASSERT (G_STRUCT_OFFSET (KithByteSpan, start) == 0);
  return last_starting_by (headings, pos);
}

/* Whether the rule's skips leave out its hit at [@s, @e) within @window. */
static gboolean
skipped (Worker *w, guint rule, const char *text, gsize s, KithByteSpan window)
{
  const KithRuleSkip *skip = g_ptr_array_index (w->pass->skips, rule);

  if (skip == NULL)
    return FALSE;
  if (w->doc_skipped[rule])
    return TRUE;
  if (kith_rule_skip_has_sections (skip))
    {
      const KithByteSpan *heading = heading_before (w->headings, s);
      if (heading != NULL && kith_rule_skip_section (skip, text + heading->start, heading->end - heading->start))
        return TRUE;
    }
  return kith_rule_skip_text (skip, text + window.start, window.end - window.start);
}

static void
process (Worker *w, DocResult *r, const DocRef *doc)
{
  gint64 id = doc->id;
  KithRuleSet *set = w->pass->set;
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (Offset));
  const char *text;
  gsize len = 0;
  guint kept = 0;

  if (!read_text (w, id, &len, &r->error))
    return;
  text = w->text;
  r->bytes = len;
  if (!is_utf8 (text, len))
    {
      g_set_error (&r->error, KITH_ERROR, KITH_ERROR_CORRUPT,
                   _("%s: the text of document %lld is not valid UTF-8 (the project is damaged)"),
                   w->pass->path, (long long) id);
      return;
    }
  if (w->pass->need_turns && !read_turns (w, id, text, len, &r->error))
    return;
  skip_document (w, doc);
  if (w->pass->need_headings)
    {
      g_clear_pointer (&w->headings, g_array_unref);
      w->headings = kith_headings_find (text, len);
    }

  g_array_set_size (w->hits, 0);
  kith_rule_scan_run (w->scan, text, len, w->hits, r->problems);

  for (guint i = 0; i < w->hits->len; i++)
    {
      const KithRuleHit *hit = &g_array_index (w->hits, KithRuleHit, i);
      const KithRule *rule = kith_rule_set_get_rule (set, hit->rule);
      const KithRuleDef *def = kith_rule_get_def (rule);
      const Turn *turn = w->pass->need_turns ? turn_at (w->turns, hit->start) : NULL;
      g_autoptr(GError) error = NULL;
      KithByteSpan span, window;
      Found found = { hit->rule, 0, 0, 0, 0 };

      int list = w->pass->rule_skip[hit->rule];

      if (list >= 0 && turn != NULL && (turn->skipped >> list) & 1)
        continue;
      /* a transcript's header (“Interviewer: Grace Obi”, “Recorded at …”)
       * is not speech: a rule that filters speakers reads only the turns */
      if (list >= 0 && turn == NULL && w->turns->len > 0)
        continue;
      span = scope_span (def->scope, text, len, turn, hit->start, hit->end);
      /* a negation sits near the match: for scope match, look in its sentence */
      window = def->scope == KITH_SCOPE_MATCH ? scope_span (KITH_SCOPE_SENTENCE, text, len, turn, hit->start, hit->end)
                                              : span;
      if (skipped (w, hit->rule, text, hit->start, window))
        continue;
      switch (kith_rule_excludes (rule, w->matcher, text, window.start, window.end, &error))
        {
        case KITH_MATCH_FOUND:
          continue;
        case KITH_MATCH_ERROR:
          g_prefix_error (&error, _("exclusion: "));
          g_ptr_array_add (r->problems, kith_rule_problem_new (hit->rule, window.start, error->message));
          continue;
        case KITH_MATCH_NONE:
        default:
          break;
        }
      found.start = span.start;
      found.end = span.end;
      g_array_append_val (r->found, found);
    }

  /* code points, in one walk */
  for (guint i = 0; i < r->found->len; i++)
    {
      Found *f = &g_array_index (r->found, Found, i);
      Offset o[2] = { { 0, f->start, &f->cstart }, { 0, f->end, &f->cend } };
      g_array_append_vals (offsets, o, 2);
    }
  convert_offsets (text, len, offsets, FALSE);

  /* one suggestion per code and span: the first rule's */
  g_array_sort_with_data (r->found, by_code_span, set);
  for (guint i = 0; i < r->found->len; i++)
    {
      Found *f = &g_array_index (r->found, Found, i);
      Found *prev = kept > 0 ? &g_array_index (r->found, Found, kept - 1) : NULL;

      if (f->cend <= f->cstart)
        continue;
      if (prev != NULL && code_of (set, prev->rule) == code_of (set, f->rule)
          && prev->cstart == f->cstart && prev->cend == f->cend)
        continue;
      g_array_index (r->found, Found, kept++) = *f;
    }
  g_array_set_size (r->found, kept);
}

/* ---- workers ------------------------------------------------------------------ */

/* Takes the next document, waiting while the writer is AHEAD behind. */
static gboolean
take (Pass *pass, guint *index)
{
  gboolean ok;

  g_mutex_lock (&pass->lock);
  while (!pass->stop && pass->in_flight >= pass->ahead)
    g_cond_wait (&pass->cond, &pass->lock);
  ok = !pass->stop && pass->next < pass->docs->len;
  if (ok)
    {
      *index = pass->next++;
      pass->in_flight++;
    }
  g_mutex_unlock (&pass->lock);
  return ok;
}

static void
give_back (Pass *pass)
{
  g_mutex_lock (&pass->lock);
  pass->in_flight--;
  g_cond_broadcast (&pass->cond);
  g_mutex_unlock (&pass->lock);
}

static void
stop_workers (Pass *pass)
{
  g_mutex_lock (&pass->lock);
  pass->stop = TRUE;
  g_cond_broadcast (&pass->cond);
  g_mutex_unlock (&pass->lock);
}

static gboolean
worker_open (Worker *w, GError **error)
{
  if (sqlite3_open_v2 (w->pass->path, &w->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    goto fail;
  sqlite3_busy_timeout (w->db, 5000);
  if (sqlite3_prepare_v2 (w->db, "SELECT start_pos, speech_start, end_pos, speaker FROM turns "
                          "WHERE document_id = ?1 ORDER BY start_pos", -1, &w->turns_stmt, NULL) != SQLITE_OK)
    goto fail;
  return TRUE;

fail:
  g_set_error (error, KITH_ERROR, KITH_ERROR_IO, _("%s: cannot read the project: %s"), w->pass->path,
               w->db != NULL ? sqlite3_errmsg (w->db) : "out of memory");
  return FALSE;
}

static gpointer
worker_main (gpointer data)
{
  Worker w = { data };
  GError *open_error = NULL;
  guint index;

  w.scan = kith_rule_scan_new (w.pass->set);
  w.matcher = kith_matcher_new ();
  w.hits = g_array_new (FALSE, FALSE, sizeof (KithRuleHit));
  w.turns = g_array_new (FALSE, FALSE, sizeof (Turn));
  w.doc_skipped = g_new0 (gboolean, MAX (w.pass->skips->len, 1));
  worker_open (&w, &open_error);

  while (take (w.pass, &index))
    {
      DocResult *r = g_new0 (DocResult, 1);

      r->index = index;
      r->found = g_array_new (FALSE, FALSE, sizeof (Found));
      r->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_rule_problem_free);
      if (open_error != NULL)
        r->error = g_error_copy (open_error);
      else
        process (&w, r, &g_array_index (w.pass->docs, DocRef, index));
      g_async_queue_push (w.pass->results, r);
    }

  g_clear_error (&open_error);
  sqlite3_finalize (w.turns_stmt);
  sqlite3_close_v2 (w.db);
  kith_rule_scan_free (w.scan);
  kith_matcher_free (w.matcher);
  g_array_unref (w.hits);
  g_array_unref (w.turns);
  g_clear_pointer (&w.headings, g_array_unref);
  g_free (w.doc_skipped);
  g_free (w.text);
  return NULL;
}

/* ---- the writer --------------------------------------------------------------- */

typedef struct
{
  KithProject       *project;
  KithRuleSet       *set;
  GArray            *docs;
  sqlite3_stmt      *insert;          /* when the document has no codings */
  sqlite3_stmt      *insert_many;     /* … ROWS_PER_INSERT at once */
  sqlite3_stmt      *insert_checked;  /* when it has: skip coded spans */
  sqlite3_stmt      *has_codings;
  KithSuggestResult *result;
  guint              batch_rows;
  guint              batch_docs;
  gint64             batch_started;   /* monotonic µs */
} Writer;

static gboolean
store (Writer *wr, DocResult *r, GError **error)
{
  const DocRef *doc = &g_array_index (wr->docs, DocRef, r->index);
  sqlite3 *db = kith_project_get_db (wr->project);
  gboolean checked;
  int rc;

  for (guint i = 0; i < r->problems->len; i++)
    {
      KithRuleProblem *p = g_ptr_array_index (r->problems, i);
      const KithRuleDef *def = kith_rule_get_def (kith_rule_set_get_rule (wr->set, p->rule));
      g_ptr_array_add (wr->result->problems,
                       g_strdup_printf ("rule %" G_GINT64_FORMAT " (%s, “%s”) in “%s”: %s", def->id,
                                        def->code_path, def->pattern, doc->name, p->message));
    }
  wr->result->n_bytes += r->bytes;
  wr->result->n_hits += r->found->len;
  if (r->found->len == 0)
    return TRUE;

  if (!kith_project_in_transaction (wr->project))
    {
      if (!kith_project_begin (wr->project, error))
        return FALSE;
      wr->batch_started = g_get_monotonic_time ();
    }
  sqlite3_reset (wr->has_codings);
  sqlite3_bind_int64 (wr->has_codings, 1, doc->id);
  rc = kith_db_step (wr->project, wr->has_codings, error);
  if (rc < 0)
    return FALSE;
  checked = rc == SQLITE_ROW;
  for (guint i = 0; i < r->found->len;)
    {
      /* many rows per statement: one execution, one set of cursors */
      guint n = !checked && r->found->len - i >= ROWS_PER_INSERT ? ROWS_PER_INSERT : 1;
      sqlite3_stmt *insert = checked ? wr->insert_checked : n > 1 ? wr->insert_many : wr->insert;
      int changed;

      sqlite3_reset (insert);
      for (guint k = 0; k < n; k++, i++)
        {
          const Found *f = &g_array_index (r->found, Found, i);
          const KithRuleDef *def = kith_rule_get_def (kith_rule_set_get_rule (wr->set, f->rule));
          int at = (int) k * 5;

          sqlite3_bind_int64 (insert, at + 1, doc->id);
          sqlite3_bind_int64 (insert, at + 2, def->code_id);
          sqlite3_bind_int64 (insert, at + 3, def->id);
          sqlite3_bind_int64 (insert, at + 4, f->cstart);
          sqlite3_bind_int64 (insert, at + 5, f->cend);
        }
      if (!kith_db_run (wr->project, insert, error))
        return FALSE;
      changed = sqlite3_changes (db);
      wr->result->n_new += (guint) changed;
      wr->result->n_known += n - (guint) changed;
    }
  wr->batch_rows += r->found->len;
  return TRUE;
}

static gboolean
end_batch (Writer *wr, gboolean force, GError **error)
{
  if (!kith_project_in_transaction (wr->project))
    {
      wr->batch_docs = wr->batch_rows = 0;
      return TRUE;
    }
  wr->batch_docs++;
  if (!force && wr->batch_rows < BATCH_ROWS && wr->batch_docs < BATCH_DOCS
      && g_get_monotonic_time () - wr->batch_started < BATCH_USEC)
    return TRUE;
  wr->batch_docs = wr->batch_rows = 0;
  return kith_project_commit (wr->project, error);
}

static gboolean
prepare_writer (Writer *wr, GError **error)
{
  wr->insert = kith_db_prepare (wr->project,
      "INSERT OR IGNORE INTO suggestions (document_id, code_id, rule_id, start_pos, end_pos) "
      "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (wr->insert == NULL)
    return FALSE;
  {
    g_autoptr(GString) sql = g_string_new ("INSERT OR IGNORE INTO suggestions "
                                           "(document_id, code_id, rule_id, start_pos, end_pos) VALUES ");
    for (guint k = 0; k < ROWS_PER_INSERT; k++)
      g_string_append (sql, k == 0 ? "(?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?)");
    wr->insert_many = kith_db_prepare (wr->project, sql->str, error);
    if (wr->insert_many == NULL)
      return FALSE;
  }
  wr->insert_checked = kith_db_prepare (wr->project,
      "INSERT OR IGNORE INTO suggestions (document_id, code_id, rule_id, start_pos, end_pos) "
      "SELECT ?1, ?2, ?3, ?4, ?5 WHERE NOT EXISTS (SELECT 1 FROM codings WHERE document_id = ?1 "
      "AND start_pos = ?4 AND end_pos = ?5 AND code_id = ?2)", error);
  if (wr->insert_checked == NULL)
    return FALSE;
  wr->has_codings = kith_db_prepare (wr->project, "SELECT 1 FROM codings WHERE document_id = ?1 LIMIT 1", error);
  return wr->has_codings != NULL;
}

static void
writer_clear (Writer *wr)
{
  g_clear_pointer (&wr->insert, sqlite3_finalize);
  g_clear_pointer (&wr->insert_many, sqlite3_finalize);
  g_clear_pointer (&wr->insert_checked, sqlite3_finalize);
  g_clear_pointer (&wr->has_codings, sqlite3_finalize);
}

/* ---- the pass ------------------------------------------------------------------ */

static void
doc_ref_clear (DocRef *doc)
{
  g_free (doc->name);
  g_free (doc->kind);
}

static GArray *
choose_documents (KithProject *project, GArray *document_ids, GError **error)
{
  g_autoptr(GPtrArray) all = kith_documents_list (project, error);
  g_autoptr(GArray) docs = g_array_new (FALSE, FALSE, sizeof (DocRef));
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (all == NULL)
    return NULL;
  g_array_set_clear_func (docs, (GDestroyNotify) doc_ref_clear);
  for (guint i = 0; document_ids != NULL && i < document_ids->len; i++)
    g_hash_table_add (wanted, &g_array_index (document_ids, gint64, i));
  for (guint i = 0; i < all->len; i++)
    {
      KithDocument *doc = g_ptr_array_index (all, i);
      DocRef ref = { doc->id, NULL, NULL };

      if (document_ids != NULL && !g_hash_table_contains (wanted, &doc->id))
        continue;
      ref.name = g_strdup (doc->name);
      ref.kind = g_strdup (doc->kind);
      g_array_append_val (docs, ref);
    }
  return g_steal_pointer (&docs);
}

/* The index of @list among the pass's distinct speaker lists, -1 when
 * there is no list or no room for another. */
static int
skip_list_index (Pass *pass, GStrv list, GPtrArray *problems, const KithRuleDef *def)
{
  if (list == NULL)
    return -1;
  for (guint l = 0; l < pass->skip_lists->len; l++)
    if (g_strv_equal ((const char *const *) g_ptr_array_index (pass->skip_lists, l), (const char *const *) list))
      return (int) l;
  if (pass->skip_lists->len == 64)
    {
      g_ptr_array_add (problems, g_strdup_printf ("rule %" G_GINT64_FORMAT " (%s) runs without its speaker filter: "
                                                  "more than 64 different skip-speakers lists",
                                                  def->id, def->code_path));
      return -1;
    }
  g_ptr_array_add (pass->skip_lists, g_strdupv (list));
  return (int) pass->skip_lists->len - 1;
}

static KithRuleSet *
compile_rules (KithProject *project, GArray *code_ids, Pass *pass, GPtrArray *problems, GError **error)
{
  g_autoptr(GPtrArray) defs = kith_rules_list (project, code_ids, error);
  GPtrArray *rules;

  if (defs == NULL)
    return NULL;
  rules = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_rule_free);
  pass->need_turns = FALSE;
  pass->skip_lists = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  pass->rule_skip = g_new (int, MAX (defs->len, 1));
  pass->skips = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_rule_skip_free);
  pass->need_headings = FALSE;
  for (guint i = 0; i < defs->len && pass->framework == NULL; i++)
    if (((KithRuleDef *) g_ptr_array_index (defs, i))->skip_framework)
      {
        pass->framework = kith_rule_skip_framework_phrases (project, error);
        if (pass->framework == NULL)
          {
            g_ptr_array_unref (rules);
            return NULL;
          }
      }
  for (guint i = 0; i < defs->len; i++)
    {
      KithRuleDef *def = g_ptr_array_index (defs, i);
      KithRuleSkip *skip;
      g_autoptr(GError) local = NULL;
      KithRule *rule = kith_rule_compile (def, &local);

      if (rule == NULL)
        {
          /* stored rules were checked; a different PCRE2 might disagree */
          g_ptr_array_add (problems, g_strdup_printf ("rule %" G_GINT64_FORMAT " (%s) was skipped: %s",
                                                      def->id, def->code_path, local->message));
          continue;
        }
      if (def->scope == KITH_SCOPE_TURN || def->skip_speakers != NULL)
        pass->need_turns = TRUE;
      pass->rule_skip[rules->len] = skip_list_index (pass, def->skip_speakers, problems, def);
      skip = kith_rule_skip_new (def, pass->framework);
      pass->need_headings |= kith_rule_skip_has_sections (skip);
      g_ptr_array_add (pass->skips, skip);
      g_ptr_array_add (rules, rule);
    }
  return kith_rule_set_new (rules);
}

static guint
thread_count (guint n_docs)
{
  const char *env = g_getenv ("KITH_SUGGEST_THREADS");
  guint64 n = g_get_num_processors (), wanted;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, 64, &wanted, NULL))
    n = wanted;
  return (guint) CLAMP (n, 1, MAX (n_docs, 1));
}

static void
pass_clear (Pass *pass)
{
  g_clear_pointer (&pass->skip_lists, g_ptr_array_unref);
  g_clear_pointer (&pass->rule_skip, g_free);
  g_clear_pointer (&pass->skips, g_ptr_array_unref);
  g_clear_pointer (&pass->framework, g_ptr_array_unref);
}

/* Runs the workers and stores their results in document order; returns
 * the first failure (or the cancellation), NULL when all went well. */
static GError *
run_workers (Pass *pass, Writer *wr, guint n_threads, KithSuggestProgress progress, gpointer user_data,
             GCancellable *cancellable)
{
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  g_autofree DocResult **waiting = g_new0 (DocResult *, pass->docs->len);
  guint n_docs = pass->docs->len, stored = 0;
  GError *failure = NULL;
  DocResult *r;

  pass->ahead = AHEAD * n_threads;
  pass->results = g_async_queue_new ();
  g_mutex_init (&pass->lock);
  g_cond_init (&pass->cond);
  for (guint t = 0; t < n_threads; t++)
    g_ptr_array_add (threads, g_thread_new ("kith-suggest", worker_main, pass));

  /* results that come early wait for their turn */
  while (stored < n_docs && failure == NULL)
    {
      r = g_async_queue_pop (pass->results);
      waiting[r->index] = r;
      while (stored < n_docs && waiting[stored] != NULL && failure == NULL)
        {
          DocResult *next = g_steal_pointer (&waiting[stored]);

          if (next->error != NULL)
            failure = g_steal_pointer (&next->error);
          else if (!store (wr, next, &failure) || !end_batch (wr, FALSE, &failure))
            g_prefix_error (&failure, _("storing suggestions: "));
          doc_result_free (next);
          give_back (pass);
          stored++;
          if (failure == NULL && progress != NULL)
            progress (stored, n_docs, user_data);
          if (failure == NULL)
            g_cancellable_set_error_if_cancelled (cancellable, &failure);
        }
    }

  stop_workers (pass);
  for (guint t = 0; t < threads->len; t++)
    g_thread_join (g_ptr_array_index (threads, t));
  while ((r = g_async_queue_try_pop (pass->results)) != NULL)
    doc_result_free (r);
  for (guint i = 0; i < n_docs; i++)
    g_clear_pointer (&waiting[i], doc_result_free);
  g_async_queue_unref (pass->results);
  g_mutex_clear (&pass->lock);
  g_cond_clear (&pass->cond);
  return failure;
}

gboolean
kith_suggest_run (KithProject         *project,
                  GArray              *document_ids,
                  GArray              *code_ids,
                  KithSuggestProgress  progress,
                  gpointer             user_data,
                  GCancellable        *cancellable,
                  KithSuggestResult  **result_out,
                  GError             **error)
{
  g_autoptr(KithSuggestResult) result = g_new0 (KithSuggestResult, 1);
  g_autoptr(KithRuleSet) set = NULL;
  g_autoptr(GArray) docs = NULL;
  Writer wr = { project };
  Pass pass = { 0 };
  GError *failure = NULL;

  g_return_val_if_fail (KITH_IS_PROJECT (project), FALSE);
  g_return_val_if_fail (!kith_project_in_transaction (project), FALSE);

  result->problems = g_ptr_array_new_with_free_func (g_free);
  if (kith_project_is_read_only (project))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_READ_ONLY,
                   _("%s: the project file is read-only; nothing can be suggested"), kith_project_get_display_name (project));
      return FALSE;
    }
  docs = choose_documents (project, document_ids, error);
  if (docs == NULL)
    return FALSE;
  set = compile_rules (project, code_ids, &pass, result->problems, &failure);
  if (set != NULL)
    {
      result->n_documents = docs->len;
      result->n_rules = kith_rule_set_get_n_rules (set);
      result->n_prefiltered = kith_rule_set_get_n_prefiltered (set);
      result->n_threads = thread_count (docs->len);
    }
  if (set != NULL && docs->len > 0 && result->n_rules > 0)
    {
      wr.set = set;
      wr.docs = docs;
      wr.result = result;
      pass.path = kith_project_get_path (project);
      pass.set = set;
      pass.docs = docs;
      if (prepare_writer (&wr, &failure))
        failure = run_workers (&pass, &wr, result->n_threads, progress, user_data, cancellable);
      /* what was stored stays, also when cancelled; a failed batch is undone */
      if (failure != NULL && !g_error_matches (failure, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        kith_project_rollback (project);
      else if (!end_batch (&wr, TRUE, failure == NULL ? &failure : NULL))
        kith_project_rollback (project);
      writer_clear (&wr);
    }
  pass_clear (&pass);
  if (failure != NULL)
    {
      g_propagate_error (error, failure);
      return FALSE;
    }
  if (result_out != NULL)
    *result_out = g_steal_pointer (&result);
  return TRUE;
}
