/* kith-privacy.c — which names a pseudonymised export replaces
 *
 * Only the user's decisions are stored (privacy_names); cases, speakers
 * and the candidates found in the text are read afresh for each export,
 * so a name added to the project since is never missed. Pseudonyms are
 * numbered in one fixed order (cases by id, speakers by first turn, the
 * user's names by when they were added, candidates by first appearance),
 * so two exports of the same project name the same people alike.
 */
#include <string.h>

#include "kith-db-private.h"
#include "kith-dictionary.h"
#include "kith-error.h"
#include "kith-history.h"
#include "kith-i18n.h"
#include "kith-privacy.h"

/* The gazetteer: places in the West Midlands an evaluation reports by, and
 * its local authorities, which a dictionary may not know. A word of any of
 * them is never taken for a name. */
static const char *const places[] = {
  "Birmingham", "Coventry", "Dudley", "Sandwell", "Solihull", "Walsall", "Wolverhampton",
  "Cannock Chase", "North Warwickshire", "Nuneaton and Bedworth", "Redditch", "Rugby", "Shropshire",
  "Stratford-on-Avon", "Tamworth", "Telford and Wrekin", "Warwick", "Warwickshire", "Staffordshire",
  "Worcestershire", "Herefordshire", "West Midlands", "Black Country",
  /* Birmingham */
  "Acocks Green", "Allens Cross", "Alum Rock", "Aston", "Balsall Heath", "Bartley Green", "Billesley",
  "Birchfield", "Bordesley Green", "Bournville", "Brandwood", "Bromford", "Castle Vale", "Digbeth",
  "Druids Heath", "Edgbaston", "Erdington", "Frankley", "Garretts Green", "Glebe Farm", "Gravelly Hill",
  "Hall Green", "Handsworth", "Harborne", "Highgate", "Hodge Hill", "Kings Heath", "Kings Norton",
  "Kingstanding", "Ladywood", "Longbridge", "Lozells", "Moseley", "Nechells", "Newtown", "Northfield",
  "Perry Barr", "Pype Hayes", "Quinton", "Saltley", "Selly Oak", "Shard End", "Sheldon", "Small Heath",
  "Soho", "Sparkbrook", "Sparkhill", "Stechford", "Stirchley", "Sutton Coldfield", "Tyseley",
  "Ward End", "Washwood Heath", "Weoley Castle", "Winson Green", "Yardley", "Bordesley", "Duddeston",
  "Hockley", "Jewellery Quarter", "Lee Bank", "Castle Bromwich",
  /* Sandwell */
  "Oldbury", "Rowley Regis", "Smethwick", "Tipton", "Wednesbury", "West Bromwich", "Great Barr",
  "Cradley Heath", "Blackheath", "Langley", "Tividale", "Princes End", "Hateley Heath", "Friar Park",
  /* Dudley */
  "Brierley Hill", "Halesowen", "Kingswinford", "Sedgley", "Stourbridge", "Netherton", "Lye", "Coseley",
  "Gornal", "Amblecote", "Wordsley", "Pensnett", "Wollaston", "Quarry Bank",
  /* Walsall */
  "Aldridge", "Bloxwich", "Brownhills", "Darlaston", "Willenhall", "Pelsall", "Rushall", "Caldmore",
  "Palfrey", "Pleck", "Blakenall", "Birchills", "Leamore",
  /* Wolverhampton */
  "Bilston", "Wednesfield", "Tettenhall", "Whitmore Reans", "Heath Town", "Low Hill", "Penn",
  "Ettingshall", "Blakenhall", "Park Village", "Graiseley", "Bushbury", "Fallings Park", "Oxley",
  /* Coventry */
  "Foleshill", "Hillfields", "Tile Hill", "Canley", "Earlsdon", "Radford", "Stoke Aldermoor", "Wood End",
  "Bell Green", "Binley", "Holbrooks", "Longford", "Wyken", "Cheylesmore", "Whoberley", "Allesley",
  "Henley Green", "Willenhall Wood", "Upper Stoke",
  /* Solihull */
  "Chelmsley Wood", "Kingshurst", "Smith's Wood", "Shirley", "Knowle", "Dorridge", "Olton", "Elmdon",
  "Fordbridge", "Balsall Common", "Marston Green",
};

/* Titles, which stand before a name and are none. */
static const char *const titles[] = {
  "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Revd", "Rev", "Sir", "Dame", "Lord", "Lady", "Cllr", "Councillor",
};

/* Speaker labels that name a role, not a person. */
static const char *const roles[] = {
  "interviewer", "facilitator", "moderator", "speaker", "participant", "respondent", "researcher",
  "peer", "chair", "host", "resident", "unknown", "all", "group", "everyone", "several", "voice",
  "female", "male", "note-taker", "notetaker", "transcriber", "audience", "member", "staff",
  "officer", "worker", "volunteer", "coordinator", "co-ordinator", "lead", "manager", "q", "a",
};

static GHashTable *
place_words (void)
{
  static gsize once = 0;
  static GHashTable *words = NULL;

  if (g_once_init_enter (&once))
    {
      GHashTable *set = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (places); i++)
        {
          g_auto(GStrv) parts = g_strsplit (places[i], " ", -1);

          g_hash_table_add (set, (gpointer) places[i]);
          for (guint k = 0; parts[k] != NULL; k++)
            if (g_unichar_isupper (g_utf8_get_char (parts[k])))
              g_hash_table_add (set, (gpointer) g_intern_string (parts[k]));
        }
      words = set;
      g_once_init_leave (&once, 1);
    }
  return words;
}

gboolean
kith_privacy_is_place (const char *word)
{
  return word != NULL && g_hash_table_contains (place_words (), word);
}

static gboolean
is_role (const char *label)
{
  g_autofree char *lower = g_utf8_strdown (label, -1);
  const char *end = lower;

  while (*end != '\0' && *end != ' ')
    end++;
  for (const char *p = lower; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      return TRUE;   /* “Speaker 1”, “P03” */
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    if (strlen (roles[i]) == (gsize) (end - lower) && strncmp (lower, roles[i], end - lower) == 0)
      return TRUE;
  return FALSE;
}

void
kith_privacy_name_free (KithPrivacyName *name)
{
  if (name == NULL)
    return;
  g_free (name->name);
  g_free (name->pseudonym);
  g_free (name);
}

const char *
kith_privacy_source_to_string (KithPrivacySource source)
{
  switch (source)
    {
    case KITH_PRIVACY_FROM_CASE: return "case";
    case KITH_PRIVACY_FROM_SPEAKER: return "speaker";
    case KITH_PRIVACY_FROM_USER: return "user";
    case KITH_PRIVACY_FROM_TEXT: return "text";
    default: return "?";
    }
}

/* ---- reading the project ---------------------------------------------------- */

typedef struct
{
  GPtrArray  *names;      /* KithPrivacyName, in numbering order */
  GHashTable *by_name;    /* name → KithPrivacyName (borrowed) */
  GHashTable *decided;    /* name → "replace" / "keep" */
  GHashTable *tokens;     /* capitalised word → occurrences */
  GHashTable *lower;      /* words seen in lower case */
  GPtrArray  *first_seen; /* capitalised words in order of first appearance */
  GHashTable *after;      /* capitalised word → a capitalised word it followed, one space apart */
} Gather;

static void
gather_clear (Gather *g)
{
  g_clear_pointer (&g->names, g_ptr_array_unref);
  g_clear_pointer (&g->by_name, g_hash_table_unref);
  g_clear_pointer (&g->decided, g_hash_table_unref);
  g_clear_pointer (&g->tokens, g_hash_table_unref);
  g_clear_pointer (&g->lower, g_hash_table_unref);
  g_clear_pointer (&g->first_seen, g_ptr_array_unref);
  g_clear_pointer (&g->after, g_hash_table_unref);
}

static KithPrivacyName *
add_name (Gather *g, const char *name, KithPrivacySource source)
{
  KithPrivacyName *entry;

  if (name == NULL || *name == '\0' || g_hash_table_contains (g->by_name, name))
    return g_hash_table_lookup (g->by_name, name);
  entry = g_new0 (KithPrivacyName, 1);
  entry->name = g_strdup (name);
  entry->source = source;
  entry->keep = g_strcmp0 (g_hash_table_lookup (g->decided, name), "keep") == 0;
  g_ptr_array_add (g->names, entry);
  g_hash_table_insert (g->by_name, entry->name, entry);
  return entry;
}

/* Whether the run of characters at @p, up to the next space, is an e-mail
 * address or a link. */
static gboolean
is_address (const char *p)
{
  const char *end = p;

  while (*end != '\0' && !g_ascii_isspace (*end))
    end++;
  return memchr (p, '@', end - p) != NULL || g_strstr_len (p, end - p, "://") != NULL
         || g_str_has_prefix (p, "www.");
}

/* Every word of the documents' text: capitalised ones counted, lower-case
 * ones remembered (a word also written in lower case is a word, not a name). */
static gboolean
scan_texts (KithProject *project, Gather *g, GError **error)
{
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project,
    "SELECT text FROM document_texts ORDER BY document_id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = kith_db_step (project, stmt, error)) == SQLITE_ROW)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, 0);
      const char *p = text, *prev_end = NULL;
      g_autofree char *prev = NULL;   /* the capitalised word that ended at prev_end */

      while (p != NULL && *p != '\0')
        {
          const char *start;
          gunichar c = g_utf8_get_char (p);

          if (!g_unichar_isalpha (c))
            {
              p = g_utf8_next_char (p);
              continue;
            }
          if ((p == text || g_ascii_isspace (p[-1])) && is_address (p))
            {
              /* an e-mail address or a link is not prose: “kwabena.asante@…”
               * must not make “Kwabena” look like a word */
              while (*p != '\0' && !g_ascii_isspace (*p))
                p++;
              g_clear_pointer (&prev, g_free);
              continue;
            }
          start = p;
          while (*p != '\0' && (g_unichar_isalpha (g_utf8_get_char (p)) || *p == '\''
                                || (*p == '-' && g_unichar_isalpha (g_utf8_get_char (p + 1)))))
            p = g_utf8_next_char (p);
          {
            g_autofree char *word = g_strndup (start, p - start);
            gsize len = strlen (word);

            if (len > 2 && word[len - 2] == '\'' && word[len - 1] == 's')
              word[len - 2] = '\0';   /* “Harjit's” is Harjit */
            else
              while (len > 0 && word[len - 1] == '\'')
                word[--len] = '\0';   /* ‘Citizens' Panel’: a quotation mark, not a letter */
            if (g_unichar_isupper (c))
              {
                gpointer n = g_hash_table_lookup (g->tokens, word);

                if (n == NULL)
                  g_ptr_array_add (g->first_seen, g_strdup (word));
                g_hash_table_replace (g->tokens, g_strdup (word), GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
                if (prev != NULL && prev_end == start - 1 && start[-1] == ' '
                    && !g_hash_table_contains (g->after, word))
                  g_hash_table_insert (g->after, g_strdup (word), g_strdup (prev));
                g_free (prev);
                prev = g_steal_pointer (&word);
                prev_end = p;
              }
            else
              {
                g_hash_table_add (g->lower, g_steal_pointer (&word));
                g_clear_pointer (&prev, g_free);
              }
          }
        }
    }
  return rc == SQLITE_DONE;
}

static gboolean
is_word (const char *word, gssize len)
{
  g_autofree char *lower = g_utf8_strdown (word, len);

  return kith_dictionary_has_word (word, len) || kith_dictionary_has_word (lower, -1);
}

/* Two words of the dictionary run together (“Placemaking”, “Workbox”,
 * “Beechdale”): a coinage or a place, seldom a person. */
static gboolean
is_compound (const char *word)
{
  gsize len = strlen (word);

  for (gsize cut = 3; cut + 3 <= len; cut++)
    if ((word[cut] & 0xc0) != 0x80 && is_word (word, cut))
      {
        g_autofree char *rest = g_strdup (word + cut);
        if (is_word (rest, -1))
          return TRUE;
      }
  return FALSE;
}

static gboolean
is_title (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if (strcmp (word, titles[i]) == 0)
      return TRUE;
  return FALSE;
}

/* “Abdi Warsame”, “Cllr Duggins”: after a title or a name. */
static gboolean
follows_a_name (Gather *g, const char *word)
{
  const char *before = g_hash_table_lookup (g->after, word);

  return before != NULL && (is_title (before) || g_hash_table_contains (g->by_name, before));
}

/* Capitalised words with no capital inside them (“CoLab”, “TfWM” are
 * brands and bodies; “McDonald”, “O'Neill” are names), that neither the
 * dictionary nor the gazetteer knows, that are not written in lower case
 * too, not a title and not two words run together. */
static gboolean
is_candidate (Gather *g, const char *word)
{
  g_autofree char *lower = NULL;
  gboolean has_lower = FALSE;
  guint capitals = 0;

  if (g_utf8_strlen (word, -1) < 3)
    return FALSE;
  for (const char *p = g_utf8_next_char (word); *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      has_lower |= g_unichar_islower (c);
      capitals += g_unichar_isupper (c);
    }
  if (capitals > 0 && !g_str_has_prefix (word, "Mc") && !g_str_has_prefix (word, "Mac")
      && !g_str_has_prefix (word, "O'") && !g_str_has_prefix (word, "D'"))
    return FALSE;
  if (!has_lower || kith_privacy_is_place (word) || is_role (word))
    return FALSE;
  if (is_title (word))
    return FALSE;
  lower = g_utf8_strdown (word, -1);
  if (g_hash_table_contains (g->lower, lower))
    return FALSE;
  /* “Kwabena Asante”: after a name, a word the dictionary knows only with
   * a capital (a proper noun) is a surname */
  if (follows_a_name (g, word) && !kith_dictionary_has_word (lower, -1))
    return TRUE;
  return !is_word (word, -1) && !is_compound (word);
}

static guint
occurrences (Gather *g, const char *name)
{
  g_auto(GStrv) parts = g_strsplit (name, " ", -1);

  /* a name of several words: as often as its rarest word stands alone at
   * most — an upper bound, for the list; the export counts exactly */
  guint n = G_MAXUINT;
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      n = MIN (n, GPOINTER_TO_UINT (g_hash_table_lookup (g->tokens, parts[i])));
  return n == G_MAXUINT ? 0 : n;
}

static gboolean
gather (KithProject *project, gboolean candidates, Gather *g, GError **error)
{
  g_autoptr(sqlite3_stmt) decided = NULL, cases = NULL, speakers = NULL, users = NULL;
  GHashTable *case_pseudonyms;
  int rc;
  guint next = 1;

  g->names = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_privacy_name_free);
  g->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g->decided = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g->tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g->lower = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g->first_seen = g_ptr_array_new_with_free_func (g_free);
  g->after = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  decided = kith_db_prepare (project, "SELECT name, action FROM privacy_names", error);
  if (decided == NULL)
    return FALSE;
  while ((rc = kith_db_step (project, decided, error)) == SQLITE_ROW)
    g_hash_table_insert (g->decided, g_strdup (kith_db_column_str (decided, 0)),
                         g_strdup (kith_db_column_str (decided, 1)));
  if (rc != SQLITE_DONE)
    return FALSE;

  case_pseudonyms = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  cases = kith_db_prepare (project, "SELECT id, name FROM cases ORDER BY id", error);
  speakers = kith_db_prepare (project,
    "SELECT speaker, (SELECT case_id FROM turns t2 WHERE t2.speaker = t.speaker AND case_id IS NOT NULL"
    "                 ORDER BY t2.id LIMIT 1) "
    "FROM turns t GROUP BY speaker ORDER BY min (id)", error);
  users = kith_db_prepare (project,
    "SELECT name FROM privacy_names WHERE action = 'replace' ORDER BY created, name", error);
  if (cases == NULL || speakers == NULL || users == NULL)
    {
      g_hash_table_unref (case_pseudonyms);
      return FALSE;
    }
  while ((rc = kith_db_step (project, cases, error)) == SQLITE_ROW)
    {
      KithPrivacyName *entry = add_name (g, kith_db_column_str (cases, 1), KITH_PRIVACY_FROM_CASE);

      if (entry != NULL && !entry->keep && entry->pseudonym == NULL)
        entry->pseudonym = g_strdup_printf (_("Resident %u"), next++);
      if (entry != NULL && entry->pseudonym != NULL)
        {
          gint64 *id = g_new (gint64, 1);
          *id = sqlite3_column_int64 (cases, 0);
          g_hash_table_insert (case_pseudonyms, id, entry->pseudonym);
        }
    }
  if (rc != SQLITE_DONE)
    {
      g_hash_table_unref (case_pseudonyms);
      return FALSE;
    }
  while ((rc = kith_db_step (project, speakers, error)) == SQLITE_ROW)
    {
      const char *label = kith_db_column_str (speakers, 0);
      gint64 case_id = sqlite3_column_int64 (speakers, 1);
      KithPrivacyName *entry;

      if (is_role (label) && !g_hash_table_contains (g->decided, label))
        continue;
      entry = add_name (g, label, KITH_PRIVACY_FROM_SPEAKER);
      if (entry == NULL || entry->keep || entry->pseudonym != NULL)
        continue;
      if (case_id != 0 && g_hash_table_contains (case_pseudonyms, &case_id))
        entry->pseudonym = g_strdup (g_hash_table_lookup (case_pseudonyms, &case_id));
      else
        entry->pseudonym = g_strdup_printf (_("Resident %u"), next++);
    }
  g_hash_table_unref (case_pseudonyms);
  if (rc != SQLITE_DONE)
    return FALSE;
  while ((rc = kith_db_step (project, users, error)) == SQLITE_ROW)
    {
      KithPrivacyName *entry = add_name (g, kith_db_column_str (users, 0), KITH_PRIVACY_FROM_USER);

      if (entry != NULL && !entry->keep && entry->pseudonym == NULL)
        entry->pseudonym = g_strdup_printf (_("Resident %u"), next++);
    }
  if (rc != SQLITE_DONE)
    return FALSE;

  if (!scan_texts (project, g, error))
    return FALSE;
  if (candidates && kith_dictionary_available ())
    for (guint i = 0; i < g->first_seen->len; i++)
      {
        const char *word = g_ptr_array_index (g->first_seen, i);
        KithPrivacyName *entry;

        if (g_hash_table_contains (g->by_name, word) || !is_candidate (g, word))
          continue;
        entry = add_name (g, word, KITH_PRIVACY_FROM_TEXT);
        if (entry->keep)
          continue;
        {
          /* Asante of “Kwabena Asante”, Obi of “Grace Obi”: the same person */
          const char *before = g_hash_table_lookup (g->after, word);
          KithPrivacyName *first = before != NULL ? g_hash_table_lookup (g->by_name, before) : NULL;

          if (first != NULL && first->pseudonym != NULL)
            entry->pseudonym = g_strdup (first->pseudonym);
          else
            entry->pseudonym = g_strdup_printf (_("Resident %u"), next++);
        }
      }
  for (guint i = 0; i < g->names->len; i++)
    {
      KithPrivacyName *entry = g_ptr_array_index (g->names, i);
      entry->occurrences = occurrences (g, entry->name);
    }
  return TRUE;
}

GPtrArray *
kith_privacy_list (KithProject  *project,
                   GError      **error)
{
  Gather g = { 0 };
  GPtrArray *names = NULL;

  if (gather (project, TRUE, &g, error))
    names = g_ptr_array_ref (g.names);
  gather_clear (&g);
  return names;
}

KithPseudonymiser *
kith_privacy_pseudonymiser (KithProject  *project,
                            GError      **error)
{
  g_autoptr(KithPseudonymiser) p = kith_pseudonymiser_new ();
  Gather g = { 0 };

  if (!gather (project, TRUE, &g, error))
    {
      gather_clear (&g);
      return NULL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (places); i++)
    kith_pseudonymiser_keep (p, places[i]);
  for (guint i = 0; i < g.names->len; i++)
    {
      KithPrivacyName *entry = g_ptr_array_index (g.names, i);
      if (entry->keep)
        kith_pseudonymiser_keep (p, entry->name);
    }
  for (guint i = 0; i < g.names->len; i++)
    {
      KithPrivacyName *entry = g_ptr_array_index (g.names, i);
      const char *before = g_hash_table_lookup (g.after, entry->name);
      KithPrivacyName *first = before != NULL ? g_hash_table_lookup (g.by_name, before) : NULL;

      if (entry->keep)
        continue;
      /* “Kwabena Asante” whole, so that it reads as one person */
      if (first != NULL && g_strcmp0 (first->pseudonym, entry->pseudonym) == 0)
        {
          g_autofree char *whole = g_strconcat (before, " ", entry->name, NULL);
          kith_pseudonymiser_add_name (p, whole, entry->pseudonym);
        }
      kith_pseudonymiser_add_name (p, entry->name, entry->pseudonym);
    }
  gather_clear (&g);
  return g_steal_pointer (&p);
}

/* ---- the user's decisions --------------------------------------------------- */

static gboolean
decide (KithProject *project, const char *name, gboolean keep, GError **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *now = kith_now_iso8601 ();
  g_autofree char *what = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (*clean == '\0' || !g_utf8_validate (clean, -1, NULL))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID, _("A name to replace or keep cannot be empty"));
      return FALSE;
    }
  what = keep ? g_strdup_printf (_("Keep “%s” in exports"), clean)
              : g_strdup_printf (_("Replace “%s” in exports"), clean);
  if (!kith_history_begin (project, "privacy", what, error))
    return FALSE;
  stmt = kith_db_prepare (project,
    "INSERT INTO privacy_names (name, action, created) VALUES (?1, ?2, ?3) "
    "ON CONFLICT (name) DO UPDATE SET action = excluded.action", error);
  if (stmt == NULL)
    {
      kith_history_rollback (project);
      return FALSE;
    }
  kith_db_bind_str (stmt, 1, clean);
  sqlite3_bind_text (stmt, 2, keep ? "keep" : "replace", -1, SQLITE_STATIC);
  kith_db_bind_str (stmt, 3, now);
  if (!kith_db_run (project, stmt, error) || !kith_history_commit (project, error))
    {
      kith_history_rollback (project);
      return FALSE;
    }
  return TRUE;
}

gboolean
kith_privacy_add (KithProject  *project,
                  const char   *name,
                  GError      **error)
{
  return decide (project, name, FALSE, error);
}

gboolean
kith_privacy_keep (KithProject  *project,
                   const char   *name,
                   gboolean      keep,
                   GError      **error)
{
  return decide (project, name, keep, error);
}

/* A project setting, not an undo step: like the summary's front page */
static const char pseudonymise_key[] = "privacy.pseudonymise_exports";

gboolean
kith_privacy_get_pseudonymise (KithProject  *project,
                               gboolean     *pseudonymise,
                               GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project, "SELECT value FROM meta WHERE key = ?1", error);
  int rc;

  *pseudonymise = FALSE;
  if (stmt == NULL)
    return FALSE;
  kith_db_bind_str (stmt, 1, pseudonymise_key);
  rc = kith_db_step (project, stmt, error);
  if (rc < 0)
    return FALSE;
  *pseudonymise = rc == SQLITE_ROW && g_strcmp0 (kith_db_column_str (stmt, 0), "1") == 0;
  return TRUE;
}

gboolean
kith_privacy_set_pseudonymise (KithProject  *project,
                               gboolean      pseudonymise,
                               GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!kith_project_begin (project, error))
    return FALSE;
  stmt = kith_db_prepare (project, "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                                   "ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    {
      kith_project_rollback (project);
      return FALSE;
    }
  kith_db_bind_str (stmt, 1, pseudonymise_key);
  sqlite3_bind_text (stmt, 2, pseudonymise ? "1" : "0", -1, SQLITE_STATIC);
  if (!kith_db_run (project, stmt, error))
    {
      kith_project_rollback (project);
      return FALSE;
    }
  return kith_project_commit (project, error);
}
