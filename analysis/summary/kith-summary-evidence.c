/* kith-summary-evidence.c — coded evidence: counts and representative quotes
 *
 * A coding in a transcript or a survey answer is a resident's: its person is
 * its case (the turn's case, else the document's), else its speaker within
 * its document. A coding in a report or notes is the document's, and is
 * attributed to it by title. The words of whoever the header names as
 * interviewer or facilitator are the study's, not evidence: they are left
 * out, quoted nowhere and counted nowhere. A coding's geography is its
 * case's value of the geography attribute, else its document's. Codings of
 * the same passage (two coders, or a code and its child) count as one
 * extract.
 */
#include <string.h>

#include "kith-csv-reader.h"
#include "kith-db-private.h"
#include "kith-documents.h"
#include "kith-summary-private.h"
#include "kith-utf8.h"

gboolean
kith_summary_names_match (const char *a,
                         const char *b)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  x = g_utf8_casefold (a, -1);
  y = g_utf8_casefold (b, -1);
  return g_str_equal (g_strstrip (x), g_strstrip (y));
}

/* Fills @places with the first non-empty value per owner of the attribute. */
static gboolean
load_places (KithProject *project,
             const char  *sql,
             const char  *attribute,
             GHashTable  *places,
             gboolean     by_id,
             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project, sql, error);
  g_autofree char *key = kith_csv_normalise_name (attribute);
  int rc;

  if (stmt == NULL)
    return FALSE;
  kith_db_bind_str (stmt, 1, key);
  while ((rc = kith_db_step (project, stmt, error)) == SQLITE_ROW)
    {
      g_autofree char *value = g_strstrip (g_strdup (kith_db_column_str (stmt, 1)));
      gpointer owner = by_id ? g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64))
                             : g_strdup (kith_db_column_str (stmt, 0));

      if (*value == '\0' || g_hash_table_contains (places, owner))
        g_free (owner);
      else
        g_hash_table_insert (places, owner, g_steal_pointer (&value));
    }
  return rc >= 0;
}

#define ATTRIBUTE_MATCHES \
  "replace (replace (lower (trim (a.name)), ' ', '_'), '-', '_') = ?1"

/* Roles of people who run the study rather than take part in it. */
static const char *const staff_roles[] = {
  "interviewer", "facilitator", "moderator", "researcher", "peer researcher", "note taker", "note-taker", "host",
};

static gboolean
is_staff_role (const char *role)
{
  for (gsize i = 0; i < G_N_ELEMENTS (staff_roles); i++)
    if (kith_turns_role_is (role, staff_roles[i]))
      return TRUE;
  return FALSE;
}

static void
doc_free (KithEvidenceDoc *doc)
{
  g_free (doc->kind);
  g_free (doc->title);
  g_clear_pointer (&doc->staff, g_ptr_array_unref);
  g_clear_pointer (&doc->speakers, g_hash_table_unref);
  g_clear_pointer (&doc->text, kith_text_index_free);
  g_free (doc->text_data);
  g_free (doc);
}

/* A Word or OpenDocument header table gives each cell its own paragraph:
 * “Interviewer”, then “Sunita Kaur (peer researcher)”. kith_turns_header_roles
 * reads “Role: Name” lines only, so a line that is only a staff role names
 * the next non-blank line (without its bracketed note) as staff. */
static void
add_table_staff (const char *header,
                 gsize       len,
                 GPtrArray  *staff)
{
  g_autofree char *text = g_strndup (header, len);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *role = g_strstrip (g_strdup (lines[i]));
      guint next = i + 1;

      if (g_str_has_suffix (role, ":"))
        role[strlen (role) - 1] = '\0';
      if (*role == '\0' || !is_staff_role (role))
        continue;
      while (lines[next] != NULL && *g_strstrip (lines[next]) == '\0')
        next++;
      if (lines[next] != NULL && g_utf8_strlen (lines[next], -1) <= 80 && strchr (lines[next], ':') == NULL)
        {
          char *name = g_strdup (lines[next]);
          char *bracket = strchr (name, '(');
          if (bracket != NULL)
            *bracket = '\0';
          g_ptr_array_add (staff, g_strstrip (name));
        }
    }
}

/* The names the header of a document with turns gives to staff roles. */
static gboolean
load_staff (KithProject     *project,
            KithEvidenceDoc *doc,
            GError         **error)
{
  g_autoptr(GPtrArray) turns = kith_documents_list_turns (project, doc->id, error);
  g_autoptr(GPtrArray) roles = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;
  const char *header_end;

  if (turns == NULL)
    return FALSE;
  if (turns->len == 0)
    return TRUE;
  text = kith_documents_dup_text (project, doc->id, &len, error);
  if (text == NULL)
    return FALSE;
  header_end = g_utf8_offset_to_pointer (text, ((KithTurn *) g_ptr_array_index (turns, 0))->start);
  roles = kith_turns_header_roles (text, header_end - text);
  add_table_staff (text, header_end - text, doc->staff);
  for (guint i = 0; i < roles->len; i++)
    {
      KithTurnRole *role = g_ptr_array_index (roles, i);
      if (is_staff_role (role->role))
        g_ptr_array_add (doc->staff, g_strdup (role->name));
    }
  /* the whole text is at hand: keep it for trimming quotes */
  doc->text_data = g_steal_pointer (&text);
  doc->text = kith_text_index_new (doc->text_data, len);
  return TRUE;
}

static KithEvidenceDoc *
load_doc (KithProject *project,
          GHashTable  *docs,
          gint64       id,
          GError     **error)
{
  KithEvidenceDoc *doc = g_hash_table_lookup (docs, &id);
  g_autoptr(KithDocument) document = NULL;

  if (doc != NULL)
    return doc;
  document = kith_documents_get (project, id, error);
  if (document == NULL)
    return NULL;
  doc = g_new0 (KithEvidenceDoc, 1);
  doc->id = id;
  doc->project = project;
  doc->kind = g_strdup (document->kind);
  doc->staff = g_ptr_array_new_with_free_func (g_free);
  doc->speakers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (docs, g_memdup2 (&id, sizeof id), doc);
  doc->title = kith_documents_dup_title (project, document, error);
  if (doc->title == NULL || !load_staff (project, doc, error))
    return NULL;
  return doc;
}

/* Whether @speaker is one the header names in a staff role, or is labelled
 * by such a role (“Interviewer:”, “Facilitator 2:”). */
static gboolean
speaker_is_staff (const KithEvidenceDoc *doc,
                  const char            *speaker)
{
  g_autofree char *bare = NULL;

  for (guint i = 0; i < doc->staff->len; i++)
    if (kith_turns_speaker_is (speaker, g_ptr_array_index (doc->staff, i)))
      return TRUE;
  bare = g_strstrip (g_strdup (speaker));
  /* “Facilitator 2” is a facilitator */
  for (char *end = bare + strlen (bare); end > bare && (g_ascii_isdigit (end[-1]) || end[-1] == ' ');)
    *--end = '\0';
  return is_staff_role (bare);
}

/* A transcript has a few speakers and many codings: each speaker is
 * judged once. */
static gboolean
is_staff (KithEvidenceDoc *doc,
          const char      *speaker)
{
  gpointer known;

  if (speaker == NULL)
    return FALSE;
  if (g_hash_table_lookup_extended (doc->speakers, speaker, NULL, &known))
    return GPOINTER_TO_INT (known);
  known = GINT_TO_POINTER (speaker_is_staff (doc, speaker));
  g_hash_table_insert (doc->speakers, g_strdup (speaker), known);
  return GPOINTER_TO_INT (known);
}

static gboolean
is_resident_kind (const char *kind)
{
  return g_strcmp0 (kind, "transcript") == 0 || g_strcmp0 (kind, "survey") == 0;
}

static void
item_free (KithEvidenceItem *item)
{
  g_free (item->person);
  g_free (item);
}

KithEvidenceSet *
kith_evidence_set_load (KithProject *project,
                        const char  *attribute,
                        GError     **error)
{
  g_autoptr(KithEvidenceSet) set = g_new0 (KithEvidenceSet, 1);

  set->case_places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  set->doc_places = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  set->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  set->docs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) doc_free);
  set->place_keys = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  set->spans = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!load_places (project,
                    "SELECT c.name, v.value FROM case_values v JOIN cases c ON c.id = v.case_id "
                    "JOIN attributes a ON a.id = v.attribute_id WHERE " ATTRIBUTE_MATCHES " ORDER BY a.id",
                    attribute, set->case_places, FALSE, error)
      || !load_places (project,
                       "SELECT v.document_id, v.value FROM document_values v "
                       "JOIN attributes a ON a.id = v.attribute_id WHERE " ATTRIBUTE_MATCHES " ORDER BY a.id",
                       attribute, set->doc_places, TRUE, error))
    return NULL;
  set->extracts = kith_extracts_query (project, NULL, error);
  if (set->extracts == NULL)
    return NULL;
  for (guint i = 0; i < set->extracts->len; i++)
    {
      KithExtract *e = g_ptr_array_index (set->extracts, i);
      KithEvidenceDoc *doc = load_doc (project, set->docs, e->document_id, error);
      KithEvidenceItem *item;

      if (doc == NULL)
        return NULL;
      if (is_staff (doc, e->speaker))
        {
          set->n_staff++;
          continue;
        }
      item = g_new0 (KithEvidenceItem, 1);
      item->extract = e;
      item->doc = doc;
      item->geography = e->case_name != NULL ? g_hash_table_lookup (set->case_places, e->case_name) : NULL;
      if (item->geography == NULL)
        item->geography = g_hash_table_lookup (set->doc_places, &e->document_id);
      if (item->geography != NULL)
        {
          item->place_key = g_hash_table_lookup (set->place_keys, item->geography);
          if (item->place_key == NULL)
            {
              char *key = g_utf8_casefold (item->geography, -1);
              g_hash_table_insert (set->place_keys, (gpointer) item->geography, key);
              item->place_key = key;
            }
        }
      if (!is_resident_kind (doc->kind))
        ;   /* a report's headings and a workshop's labels are not people */
      else if (e->case_name != NULL)
        item->person = g_strdup_printf ("case:%s", e->case_name);
      else if (e->speaker != NULL)
        item->person = g_strdup_printf ("speaker:%" G_GINT64_FORMAT ":%s", e->document_id, e->speaker);
      {
        g_autofree char *span = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                                 e->document_id, e->start, e->end);
        item->span = g_hash_table_lookup (set->spans, span);
        if (item->span == NULL)
          {
            item->span = span;
            g_hash_table_add (set->spans, g_steal_pointer (&span));
          }
      }
      g_ptr_array_add (set->items, item);
    }
  return g_steal_pointer (&set);
}

void
kith_evidence_set_free (KithEvidenceSet *set)
{
  if (set == NULL)
    return;
  g_clear_pointer (&set->items, g_ptr_array_unref);
  g_clear_pointer (&set->extracts, g_ptr_array_unref);
  g_clear_pointer (&set->case_places, g_hash_table_unref);
  g_clear_pointer (&set->doc_places, g_hash_table_unref);
  g_clear_pointer (&set->docs, g_hash_table_unref);
  g_clear_pointer (&set->place_keys, g_hash_table_unref);
  g_clear_pointer (&set->spans, g_hash_table_unref);
  g_free (set);
}

/* ---- counts ----------------------------------------------------------------- */

void
kith_evidence_count (GPtrArray        *items,
                     KithSummaryCount *count)
{
  g_autoptr(GHashTable) spans = g_hash_table_new (NULL, NULL);   /* one string per passage */
  g_autoptr(GHashTable) documents = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) people = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) places = g_hash_table_new (g_str_hash, g_str_equal);

  const KithEvidenceItem *last = NULL;

  /* items come in document order, mostly one person and place after
   * another: a value the previous item had is in its set already */
  for (guint i = 0; i < items->len; last = g_ptr_array_index (items, i), i++)
    {
      KithEvidenceItem *item = g_ptr_array_index (items, i);
      gboolean same_doc = last != NULL && last->doc == item->doc;

      g_hash_table_add (spans, (gpointer) item->span);
      if (!same_doc)
        g_hash_table_add (documents, &item->extract->document_id);
      if (item->person != NULL && !(last != NULL && last->person != NULL && g_str_equal (last->person, item->person)))
        g_hash_table_add (people, item->person);
      if (item->place_key != NULL && !(last != NULL && last->place_key == item->place_key))
        g_hash_table_add (places, (gpointer) item->place_key);
    }
  count->n_extracts = g_hash_table_size (spans);
  count->n_documents = g_hash_table_size (documents);
  count->n_people = g_hash_table_size (people);
  count->n_places = g_hash_table_size (places);
}

void
kith_summary_count_free (KithSummaryCount *count)
{
  if (count == NULL)
    return;
  g_free (count->geography);
  g_free (count);
}

static int
compare_counts (gconstpointer a,
                gconstpointer b)
{
  const KithSummaryCount *x = *(KithSummaryCount *const *) a;
  const KithSummaryCount *y = *(KithSummaryCount *const *) b;

  /* not recorded last, then most extracts first, then by name */
  if ((x->geography == NULL) != (y->geography == NULL))
    return x->geography == NULL ? 1 : -1;
  if (x->n_extracts != y->n_extracts)
    return x->n_extracts > y->n_extracts ? -1 : 1;
  return g_strcmp0 (x->geography, y->geography);
}

GPtrArray *
kith_evidence_count_by_geography (GPtrArray *items)
{
  GPtrArray *counts = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_summary_count_free);
  /* keys borrowed from the items' place_key */
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  for (guint i = 0; i < items->len; i++)
    {
      KithEvidenceItem *item = g_ptr_array_index (items, i);
      const char *key = item->place_key != NULL ? item->place_key : "";
      GPtrArray *group = g_hash_table_lookup (groups, key);

      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_hash_table_insert (groups, (gpointer) key, group);
          g_ptr_array_add (order, item);
        }
      g_ptr_array_add (group, item);
    }
  for (guint i = 0; i < order->len; i++)
    {
      KithEvidenceItem *first = g_ptr_array_index (order, i);
      const char *key = first->place_key != NULL ? first->place_key : "";
      KithSummaryCount *count = g_new0 (KithSummaryCount, 1);

      kith_evidence_count (g_hash_table_lookup (groups, key), count);
      count->geography = g_strdup (first->geography);
      g_ptr_array_add (counts, count);
    }
  g_ptr_array_sort (counts, compare_counts);
  return counts;
}

/* ---- quotes ----------------------------------------------------------------- */

KithSummaryQuote *
kith_summary_quote_copy (const KithSummaryQuote *quote)
{
  KithSummaryQuote *copy = g_memdup2 (quote, sizeof *quote);

  copy->text = g_strdup (quote->text);
  copy->attribution = g_strdup (quote->attribution);
  copy->attribution_english = g_strdup (quote->attribution_english);
  copy->shared_with = g_strdup (quote->shared_with);
  copy->geography = g_strdup (quote->geography);
  copy->document = g_strdup (quote->document);
  copy->person = g_strdup (quote->person);
  return copy;
}

void
kith_summary_quote_free (KithSummaryQuote *quote)
{
  if (quote == NULL)
    return;
  g_free (quote->text);
  g_free (quote->attribution);
  g_free (quote->attribution_english);
  g_free (quote->shared_with);
  g_free (quote->geography);
  g_free (quote->document);
  g_free (quote->person);
  g_free (quote);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
fits (const KithEvidenceItem *item,
      guint                   limit)
{
  return (guint64) (item->extract->end - item->extract->start) <= limit;
}

/* Longest that fits, else the shortest; then the earliest. */
static int
compare_candidates (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  const KithEvidenceItem *x = *(KithEvidenceItem *const *) a;
  const KithEvidenceItem *y = *(KithEvidenceItem *const *) b;
  guint limit = GPOINTER_TO_UINT (user_data);
  gint64 lx = x->extract->end - x->extract->start;
  gint64 ly = y->extract->end - y->extract->start;
  gboolean fx = fits (x, limit), fy = fits (y, limit);

  if (fx != fy)
    return fx ? -1 : 1;
  if (lx != ly)
    return (fx ? lx > ly : lx < ly) ? -1 : 1;
  if (x->extract->document_id != y->extract->document_id)
    return x->extract->document_id < y->extract->document_id ? -1 : 1;
  return x->extract->start < y->extract->start ? -1 : x->extract->start > y->extract->start;
}

/* “Report: Walsall food clubs”: a document's words, by its kind and title */
static char *
attribute_document (const KithEvidenceDoc *doc,
                    gboolean               english)
{
  const char *domain = kith_summary_domain (english);

  /* Translators (the four below): a quote's attribution to a document: its kind, then (%s) its title */
  if (g_strcmp0 (doc->kind, "report") == 0)
    return g_strdup_printf (g_dgettext (domain, "Report: %s"), doc->title);
  if (g_strcmp0 (doc->kind, "transcript") == 0)
    return g_strdup_printf (g_dgettext (domain, "Transcript: %s"), doc->title);
  if (g_strcmp0 (doc->kind, "survey") == 0)
    return g_strdup_printf (g_dgettext (domain, "Survey: %s"), doc->title);
  return g_strdup_printf (g_dgettext (domain, "Notes: %s"), doc->title);
}

/* “Resident, Walsall”: anonymised */
static char *
anonymous_resident (const KithEvidenceItem *item,
                    gboolean                english)
{
  const char *domain = kith_summary_domain (english);

  /* Translators: a quote's attribution to an anonymous resident of a place (%s) */
  return item->geography != NULL ? g_strdup_printf (g_dgettext (domain, "Resident, %s"), item->geography)
                                 : g_strdup (g_dgettext (domain, "Resident"));
}

/* A resident by the chosen form; a document's words by its kind and title:
 * policy text is never a resident's voice. */
static char *
attribute_quote (const KithEvidenceItem   *item,
                 const KithSummaryOptions *options,
                 gboolean                  english)
{
  const KithExtract *e = item->extract;

  if (item->person == NULL)
    return attribute_document (item->doc, english);
  switch (options->attribution)
    {
    case KITH_ATTRIBUTION_SPEAKER:
      return e->speaker != NULL ? g_strdup (e->speaker) : e->case_name != NULL ? g_strdup (e->case_name)
                                                                              : anonymous_resident (item, english);
    case KITH_ATTRIBUTION_CASE:
      return e->case_name != NULL ? g_strdup (e->case_name) : anonymous_resident (item, english);
    case KITH_ATTRIBUTION_RESIDENT:
    default:
      return anonymous_resident (item, english);
    }
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || c == '\'' || c == 0x2019;
}

/* Where the coded span starts or ends inside a word (a hand selection a
 * letter off, a rule's match), the part word is dropped and an ellipsis
 * shows it: a quote never begins or ends mid-word. */
static void
trim_to_words (const KithEvidenceItem *item,
               const char             *text,
               const char            **start,
               const char            **end,
               gboolean               *cut_start,
               gboolean               *cut_end)
{
  KithEvidenceDoc *doc = item->doc;
  const KithExtract *e = item->extract;
  const char *full;
  gsize at;

  *start = text;
  *end = text + strlen (text);
  *cut_start = *cut_end = FALSE;
  if (doc->text == NULL)
    {
      gsize len = 0;
      doc->text_data = kith_documents_dup_text (doc->project, doc->id, &len, NULL);
      if (doc->text_data == NULL)
        return;
      doc->text = kith_text_index_new (doc->text_data, len);
    }
  if (e->end > kith_text_index_get_length (doc->text) || e->start >= e->end)
    return;
  full = kith_text_index_get_text (doc->text);
  at = kith_text_index_byte_at (doc->text, e->start);
  if (at > 0 && is_word_char (g_utf8_get_char (g_utf8_prev_char (full + at))) && is_word_char (g_utf8_get_char (text)))
    {
      const char *p = text;
      while (*p != '\0' && is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      while (*p != '\0' && !is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p != '\0')
        {
          *start = p;
          *cut_start = TRUE;
        }
    }
  at = kith_text_index_byte_at (doc->text, e->end);
  if (full[at] != '\0' && is_word_char (g_utf8_get_char (full + at)) && *end > *start
      && is_word_char (g_utf8_get_char (g_utf8_prev_char (*end))))
    {
      const char *p = *end;
      while (p > *start && is_word_char (g_utf8_get_char (g_utf8_prev_char (p))))
        p = g_utf8_prev_char (p);
      while (p > *start && !is_word_char (g_utf8_get_char (g_utf8_prev_char (p))))
        p = g_utf8_prev_char (p);
      if (p > *start)
        {
          *end = p;
          *cut_end = TRUE;
        }
    }
}

static KithSummaryQuote *
make_quote (const KithEvidenceItem   *item,
            const KithSummaryOptions *options)
{
  KithSummaryQuote *quote = g_new0 (KithSummaryQuote, 1);
  const KithExtract *e = item->extract;
  const char *start, *end;
  gboolean cut_start, cut_end;
  g_autofree char *span = NULL;
  g_autofree char *folded = NULL;

  trim_to_words (item, e->text, &start, &end, &cut_start, &cut_end);
  span = g_strndup (start, end - start);
  folded = kith_utf8_fold_space (span);
  if ((guint64) g_utf8_strlen (folded, -1) > options->quote_length)
    {
      /* cut at the last space before the limit, and say so */
      const char *limit = g_utf8_offset_to_pointer (folded, options->quote_length);
      const char *cut = limit;
      while (cut > folded && *cut != ' ')
        cut--;
      if (cut == folded)
        cut = limit;
      folded[cut - folded] = '\0';
      cut_end = TRUE;
    }
  quote->shortened = cut_start || cut_end;
  quote->text = g_strdup_printf ("%s%s%s", cut_start ? "[…] " : "", folded, cut_end ? " […]" : "");
  quote->attribution = attribute_quote (item, options, FALSE);
  quote->attribution_english = attribute_quote (item, options, TRUE);
  quote->geography = g_strdup (item->geography);
  quote->document = g_strdup (e->document);
  quote->document_id = e->document_id;
  quote->coding_id = e->coding_id;
  quote->start = e->start;
  quote->end = e->end;
  quote->person = g_strdup (item->person);
  return quote;
}

/* At most @per_person a person (0: no limit), best first: each person's
 * best, then each one's second best, and so on. A passage without a known
 * person counts as its document's. */
static GPtrArray *
choose_quotes (GPtrArray                *items,
               const KithSummaryOptions *options)
{
  GPtrArray *quotes = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_summary_quote_free);
  g_autoptr(GHashTable) spans = g_hash_table_new (NULL, NULL);   /* one string per passage */
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  guint round = 0;

  for (guint i = 0; i < items->len; i++)
    {
      KithEvidenceItem *item = g_ptr_array_index (items, i);
      if (!g_hash_table_contains (spans, (gpointer) item->span) && !is_blank (item->extract->text))
        {
          g_hash_table_add (spans, (gpointer) item->span);
          g_ptr_array_add (candidates, item);
        }
    }
  g_ptr_array_sort_with_data (candidates, compare_candidates, GUINT_TO_POINTER (options->quote_length));

  while (quotes->len < options->quotes && candidates->len > 0
         && (options->quotes_per_person == 0 || round < options->quotes_per_person))
    {
      g_autoptr(GHashTable) this_round = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < candidates->len && quotes->len < options->quotes;)
        {
          KithEvidenceItem *item = g_ptr_array_index (candidates, i);
          g_autofree char *who = item->person != NULL ? g_strdup (item->person)
                                 : g_strdup_printf ("document:%" G_GINT64_FORMAT, item->extract->document_id);

          if (g_hash_table_contains (this_round, who))
            {
              i++;
              continue;
            }
          g_hash_table_add (this_round, g_steal_pointer (&who));
          g_ptr_array_add (quotes, make_quote (item, options));
          g_ptr_array_remove_index (candidates, i);
        }
      round++;
    }
  return quotes;
}

/* ---- one outcome -------------------------------------------------------------- */

void
kith_summary_evidence_free (KithSummaryEvidence *evidence)
{
  if (evidence == NULL)
    return;
  g_free (evidence->key);
  g_free (evidence->label);
  g_free (evidence->dimension);
  g_clear_pointer (&evidence->by_geography, g_ptr_array_unref);
  g_clear_pointer (&evidence->quotes, g_ptr_array_unref);
  g_free (evidence);
}

KithSummaryEvidence *
kith_evidence_summarise (const char               *key,
                         const char               *label,
                         const char               *dimension,
                         GPtrArray                *items,
                         const KithSummaryOptions *options)
{
  KithSummaryEvidence *evidence = g_new0 (KithSummaryEvidence, 1);

  evidence->key = g_strdup (key);
  evidence->label = g_strdup (label);
  evidence->dimension = g_strdup (dimension);
  kith_evidence_count (items, &evidence->count);
  evidence->by_geography = kith_evidence_count_by_geography (items);
  evidence->quotes = choose_quotes (items, options);
  evidence->gap = evidence->count.n_extracts < options->thin;
  return evidence;
}
