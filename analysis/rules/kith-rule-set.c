/* kith-rule-set.c
 *
 * The needle scan reads the text eight bytes at a time at every position,
 * folds them (OR 0x20: upper case ASCII to lower case, and a few other
 * pairs together, which only lets more through) and looks a hash of them
 * up in a bitmap of the needles' anchors — eight bytes of each needle, or
 * four or three for short ones — small enough to stay in the processor's
 * first-level cache. The few positions that pass are checked against the
 * anchors themselves, then against the whole needles. Unlike an automaton
 * walking from state to state, the lookups do not depend on each other, so
 * the processor overlaps them.
 */
#include <string.h>

#include "kith-rule-set.h"

#define BITMAP_BITS   16

/* anchor widths: each has its own bitmap. A needle of three bytes is
 * anchored at four, its own three and whatever byte follows, under all
 * the 128 keys that can make: the follower is folded like every other
 * byte, and it may be any byte — the first of a curly quote, a dash or a
 * letter of another script as much as ASCII. */
#define N_FOLLOWERS 128
enum { WIDE, NARROW, N_WIDTHS };
static const guint anchor_bytes[N_WIDTHS] = { 8, 4 };

typedef struct
{
  guint64 key;      /* folded anchor bytes, zero past its width */
  guint32 first;    /* into entries */
  guint32 count;    /* 0: empty slot */
} Slot;

typedef struct
{
  guint32 needle;
  guint32 offset;   /* of the anchor in the needle */
} Entry;

struct _KithRuleSet
{
  GPtrArray *rules;           /* KithRule */
  GArray    *whole;           /* guint: rules without needles */
  gint      *failures;        /* per rule, atomic */

  gboolean   has_needles;
  guint64    keep[N_WIDTHS];     /* the anchor's bytes of an eight-byte word */
  guint64    fold[N_WIDTHS];     /* 0x20 in each of them */
  guint64    bitmap[N_WIDTHS][(1u << BITMAP_BITS) / 64];
  Slot      *slots;
  guint32    slot_mask;
  Entry     *entries;

  char     **needles;         /* folded */
  guint32   *needle_len;
  guint32   *needle_rule_start;  /* per needle, into needle_rules; one more at the end */
  guint32   *needle_rules;
};

struct _KithRuleScan
{
  KithRuleSet *set;
  KithMatcher *matcher;
  GPtrArray   *candidates;    /* per rule: GArray of gsize, where a needle starts */
};

KithRuleProblem *
kith_rule_problem_new (guint       rule,
                       gsize       at,
                       const char *message)
{
  KithRuleProblem *problem = g_new0 (KithRuleProblem, 1);

  problem->rule = rule;
  problem->at = at;
  problem->message = g_strdup (message);
  return problem;
}

void
kith_rule_problem_free (KithRuleProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
}

/* ---- building ---------------------------------------------------------------- */

/* The folded key of the first @width bytes of the eight at @p: the same
 * bytes give the same key whatever the machine's byte order. */
static inline guint64
fold_key (const KithRuleSet *set, const guchar *p, guint width)
{
  guint64 word;

  memcpy (&word, p, 8);
  return (word & set->keep[width]) | set->fold[width];
}

static void
init_masks (KithRuleSet *set)
{
  for (guint width = 0; width < N_WIDTHS; width++)
    {
      guchar keep[8] = { 0 }, fold[8] = { 0 };
      memset (keep, 0xFF, anchor_bytes[width]);
      memset (fold, 0x20, anchor_bytes[width]);
      memcpy (&set->keep[width], keep, 8);
      memcpy (&set->fold[width], fold, 8);
    }
}

static inline guint32
bitmap_hash (guint64 key)
{
  return (guint32) ((key * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> (64 - BITMAP_BITS));
}

static inline gboolean
bitmap_has (const guint64 *bitmap, guint32 h)
{
  return (bitmap[h / 64] >> (h % 64)) & 1;
}

static guint32
slot_of (const KithRuleSet *set, guint64 key)
{
  guint32 i = (guint32) ((key * G_GUINT64_CONSTANT (0xC2B2AE3D27D4EB4F)) >> 32) & set->slot_mask;

  while (set->slots[i].count != 0 && set->slots[i].key != key)
    i = (i + 1) & set->slot_mask;
  return i;
}

typedef struct
{
  GPtrArray  *needles;   /* utf8 */
  GPtrArray  *rules;     /* per needle: GArray of guint32 */
  GHashTable *index;     /* needle → position + 1 */
} Needles;

static void
needles_add (Needles *n, const char *needle, guint32 rule)
{
  guint pos = GPOINTER_TO_UINT (g_hash_table_lookup (n->index, needle));
  GArray *rules;

  if (pos == 0)
    {
      g_ptr_array_add (n->needles, g_strdup (needle));
      g_ptr_array_add (n->rules, g_array_new (FALSE, FALSE, sizeof (guint32)));
      pos = n->needles->len;
      g_hash_table_insert (n->index, g_ptr_array_index (n->needles, pos - 1), GUINT_TO_POINTER (pos));
    }
  rules = g_ptr_array_index (n->rules, pos - 1);
  for (guint i = 0; i < rules->len; i++)
    if (g_array_index (rules, guint32, i) == rule)
      return;
  g_array_append_val (rules, rule);
}

static guint
width_of (gsize len)
{
  return len >= 8 ? WIDE : NARROW;
}

/* The needle's rarest window of its anchor width: where the scan looks. */
static guint32
anchor_offset (const char *needle, gsize len)
{
  guint width = anchor_bytes[width_of (len)];
  guint32 best = 0;
  double best_bits = -1;

  for (gsize off = 0; off + width <= MAX (len, width); off++)
    {
      double bits = kith_literals_bits (needle + off, MIN (width, len - off));
      if (bits > best_bits)
        {
          best_bits = bits;
          best = (guint32) off;
        }
    }
  return best;
}

/* The @k'th of the N_FOLLOWERS bytes that folding (OR 0x20) can make:
 * bits 0-4 of @k, then 0x20, then bits 5-6 of @k as bits 6-7. */
static guchar
folded_byte (guint k)
{
  return (guchar) ((k & 0x1F) | 0x20 | ((k & 0x60) << 1));
}

/* The key of needle @i's anchor; for a needle shorter than its anchor,
 * the @follower'th of the bytes that can come after it. */
static guint64
needle_key (const KithRuleSet *set, guint i, guint32 offset, guint follower)
{
  guchar padded[40] = { 0 };

  memcpy (padded, set->needles[i], set->needle_len[i]);
  padded[set->needle_len[i]] = folded_byte (follower);
  return fold_key (set, padded + offset, width_of (set->needle_len[i]));
}

static void
build_filter (KithRuleSet *set, Needles *n)
{
  guint n_needles = n->needles->len, n_slots = 16, n_entries = 0;
  g_autofree guint32 *offsets = g_new (guint32, n_needles);
  g_autoptr(GArray) flat = g_array_new (FALSE, FALSE, sizeof (guint32));

  set->has_needles = TRUE;
  init_masks (set);
  set->needles = g_new0 (char *, n_needles + 1);
  set->needle_len = g_new (guint32, n_needles);
  set->needle_rule_start = g_new (guint32, n_needles + 1);
  for (guint i = 0; i < n_needles; i++)
    {
      GArray *rules = g_ptr_array_index (n->rules, i);
      set->needles[i] = g_strdup (g_ptr_array_index (n->needles, i));
      set->needle_len[i] = (guint32) strlen (set->needles[i]);
      g_assert (set->needle_len[i] >= 3 && set->needle_len[i] <= 32);
      set->needle_rule_start[i] = flat->len;
      g_array_append_vals (flat, rules->data, rules->len);
      offsets[i] = anchor_offset (set->needles[i], set->needle_len[i]);
    }
  set->needle_rule_start[n_needles] = flat->len;
  set->needle_rules = (guint32 *) (void *) g_array_steal (flat, NULL);

  /* anchors: the bitmaps, and a table from each anchor to its needles */
  while (n_slots < 2 * N_FOLLOWERS * n_needles)
    n_slots *= 2;
  set->slots = g_new0 (Slot, n_slots);
  set->slot_mask = n_slots - 1;
  for (guint i = 0; i < n_needles; i++)
    {
      guint width = width_of (set->needle_len[i]);
      guint n_keys = set->needle_len[i] < anchor_bytes[width] ? N_FOLLOWERS : 1;

      for (guint k = 0; k < n_keys; k++)
        {
          guint64 key = needle_key (set, i, offsets[i], k);
          guint32 h = bitmap_hash (key);
          Slot *slot = &set->slots[slot_of (set, key)];

          set->bitmap[width][h / 64] |= G_GUINT64_CONSTANT (1) << (h % 64);
          slot->key = key;
          slot->count++;
          n_entries++;
        }
    }
  /* entries grouped by slot */
  {
    guint32 next = 0;
    for (guint32 i = 0; i < n_slots; i++)
      {
        set->slots[i].first = next;
        next += set->slots[i].count;
        set->slots[i].count = 0;
      }
    set->entries = g_new (Entry, MAX (n_entries, 1));
    for (guint i = 0; i < n_needles; i++)
      {
        guint n_keys = set->needle_len[i] < anchor_bytes[width_of (set->needle_len[i])] ? N_FOLLOWERS : 1;
        for (guint k = 0; k < n_keys; k++)
          {
            Slot *slot = &set->slots[slot_of (set, needle_key (set, i, offsets[i], k))];
            set->entries[slot->first + slot->count].needle = i;
            set->entries[slot->first + slot->count].offset = offsets[i];
            slot->count++;
          }
      }
  }
}

/**
 * kith_rule_set_new:
 * @rules: (transfer full) (element-type KithRule): compiled rules
 *
 * Returns: (transfer full): the set
 */
KithRuleSet *
kith_rule_set_new (GPtrArray *rules)
{
  KithRuleSet *set = g_new0 (KithRuleSet, 1);
  Needles n = {
    g_ptr_array_new_with_free_func (g_free),
    g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref),
    g_hash_table_new (g_str_hash, g_str_equal),
  };

  set->rules = rules;
  set->whole = g_array_new (FALSE, FALSE, sizeof (guint));
  set->failures = g_new0 (gint, rules->len);
  for (guint r = 0; r < rules->len; r++)
    {
      const KithLiterals *literals = kith_rule_get_literals (g_ptr_array_index (rules, r));

      if (literals->needles == NULL)
        {
          g_array_append_val (set->whole, r);
          continue;
        }
      for (guint i = 0; i < literals->needles->len; i++)
        needles_add (&n, g_ptr_array_index (literals->needles, i), r);
    }
  if (n.needles->len > 0)
    build_filter (set, &n);
  g_hash_table_unref (n.index);
  g_ptr_array_unref (n.needles);
  g_ptr_array_unref (n.rules);
  return set;
}

void
kith_rule_set_free (KithRuleSet *set)
{
  if (set == NULL)
    return;
  g_ptr_array_unref (set->rules);
  g_array_unref (set->whole);
  g_free (set->failures);
  g_strfreev (set->needles);
  g_free (set->slots);
  g_free (set->entries);
  g_free (set->needle_len);
  g_free (set->needle_rule_start);
  g_free (set->needle_rules);
  g_free (set);
}

guint
kith_rule_set_get_n_rules (KithRuleSet *set)
{
  return set->rules->len;
}

const KithRule *
kith_rule_set_get_rule (KithRuleSet *set,
                        guint        index)
{
  g_return_val_if_fail (index < set->rules->len, NULL);
  return g_ptr_array_index (set->rules, index);
}

guint
kith_rule_set_get_n_prefiltered (KithRuleSet *set)
{
  return set->rules->len - set->whole->len;
}

/* ---- scanning ---------------------------------------------------------------- */

KithRuleScan *
kith_rule_scan_new (KithRuleSet *set)
{
  KithRuleScan *scan = g_new0 (KithRuleScan, 1);

  scan->set = set;
  scan->matcher = kith_matcher_new ();
  scan->candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint r = 0; r < set->rules->len; r++)
    g_ptr_array_add (scan->candidates, g_array_new (FALSE, FALSE, sizeof (gsize)));
  return scan;
}

void
kith_rule_scan_free (KithRuleScan *scan)
{
  if (scan == NULL)
    return;
  kith_matcher_free (scan->matcher);
  g_ptr_array_unref (scan->candidates);
  g_free (scan);
}

static void
report (KithRuleScan *scan, guint rule, gsize at, GError *error, GPtrArray *problems)
{
  g_ptr_array_add (problems, kith_rule_problem_new (rule, at, error->message));
  g_atomic_int_inc (&scan->set->failures[rule]);
}

static void
add_hit (GArray *hits, guint rule, gsize start, gsize end)
{
  KithRuleHit hit = { rule, start, end };

  g_array_append_val (hits, hit);
}

/* A global match over the whole text, stepping past empty matches the way
 * Python and pcre2demo do. */
static void
match_whole (KithRuleScan *scan, guint r, const char *text, gsize len, GArray *hits, GPtrArray *problems)
{
  const KithRule *rule = g_ptr_array_index (scan->set->rules, r);
  gboolean not_empty = FALSE;
  gsize from = 0;

  while (from <= len)
    {
      g_autoptr(GError) error = NULL;
      gsize s, e;

      switch (kith_rule_match (rule, scan->matcher, text, len, from, G_MAXSIZE, not_empty, &s, &e, &error))
        {
        case KITH_MATCH_FOUND:
          if (e > s)
            {
              add_hit (hits, r, s, e);
              from = e;
              not_empty = FALSE;
            }
          else
            {
              from = s;
              not_empty = TRUE;
            }
          break;
        case KITH_MATCH_ERROR:
          report (scan, r, from, error, problems);
          return;
        case KITH_MATCH_NONE:
        default:
          return;
        }
    }
}

static int
compare_offsets (gconstpointer a, gconstpointer b)
{
  gsize x = *(const gsize *) a, y = *(const gsize *) b;

  return x < y ? -1 : x > y;
}

static gsize
next_char_start (const char *text, gsize len, gsize i)
{
  i++;
  while (i < len && ((guchar) text[i] & 0xC0) == 0x80)
    i++;
  return i;
}

/* The matches of rule @r, from the candidate positions: every match holds
 * a needle that starts at some candidate q, no more than max_before after
 * the match's start. Searching from q - max_before with the offset limit
 * at q, candidates in order, finds the leftmost match at each step; a
 * search without a match also rules out every start up to q. */
static void
match_candidates (KithRuleScan *scan, guint r, const char *text, gsize len, GArray *hits, GPtrArray *problems)
{
  const KithRule *rule = g_ptr_array_index (scan->set->rules, r);
  const KithLiterals *literals = kith_rule_get_literals (rule);
  gsize max_bytes = literals->max_bytes;
  /* no match starting by q reads past q + reach: the text is cut there, so
   * that PCRE2's own searches (for a required character) stop early too */
  gsize reach = max_bytes == G_MAXSIZE || literals->max_ahead == G_MAXSIZE
                ? G_MAXSIZE : max_bytes + literals->max_ahead + 4;
  GArray *cand = g_ptr_array_index (scan->candidates, r);
  gsize pos = 0;   /* no match may start before this */

  g_array_sort (cand, compare_offsets);
  for (guint i = 0; i < cand->len; i++)
    {
      g_autoptr(GError) error = NULL;
      gsize q = g_array_index (cand, gsize, i);
      gsize from = pos, end = len, s, e;

      if (q < pos)
        continue;
      if (reach != G_MAXSIZE && q < len - MIN (len, reach))
        {
          end = q + reach;
          while (end < len && ((guchar) text[end] & 0xC0) == 0x80)
            end++;
        }
      /* the match starts at most max_before before its needle */
      if (literals->max_before != G_MAXSIZE && q > literals->max_before && q - literals->max_before > from)
        from = q - literals->max_before;
      while (from < q && ((guchar) text[from] & 0xC0) == 0x80)
        from++;
      switch (kith_rule_match (rule, scan->matcher, text, end, from, q, FALSE, &s, &e, &error))
        {
        case KITH_MATCH_FOUND:
          if (e > s)
            {
              add_hit (hits, r, s, e);
              pos = e;
            }
          else
            pos = next_char_start (text, len, q);
          break;
        case KITH_MATCH_ERROR:
          report (scan, r, from, error, problems);
          return;
        case KITH_MATCH_NONE:
        default:
          pos = next_char_start (text, len, q);
          break;
        }
    }
}

/* The needles anchored at @key whose whole text is at @at - offset. */
static void
probe (KithRuleScan *scan, guint64 key, const guchar *text, gsize len, gsize at)
{
  const KithRuleSet *set = scan->set;
  const Slot *slot = &set->slots[slot_of (set, key)];

  for (guint32 e = slot->first; e < slot->first + slot->count; e++)
    {
      const Entry *entry = &set->entries[e];
      const guchar *needle = (const guchar *) set->needles[entry->needle];
      guint32 n = set->needle_len[entry->needle];
      gsize start;
      guint32 k;

      if (slot->key != key || at < entry->offset || at - entry->offset + n > len)
        continue;
      start = at - entry->offset;
      for (k = 0; k < n; k++)
        {
          guchar c = text[start + k];
          if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != needle[k])
            break;
        }
      if (k < n)
        continue;
      for (guint32 j = set->needle_rule_start[entry->needle]; j < set->needle_rule_start[entry->needle + 1]; j++)
        g_array_append_val ((GArray *) g_ptr_array_index (scan->candidates, set->needle_rules[j]), start);
    }
}

/* Looks up the anchors of every width at @p (eight readable bytes, of
 * which @left are the text's). */
static inline void
look (KithRuleScan *scan, const guchar *p, const guchar *text, gsize len, gsize at, gsize left)
{
  const KithRuleSet *set = scan->set;
  guint64 word, wide, narrow;

  memcpy (&word, p, 8);
  wide = word | set->fold[WIDE];
  narrow = (word & set->keep[NARROW]) | set->fold[NARROW];
  if (left >= 8 && G_UNLIKELY (bitmap_has (set->bitmap[WIDE], bitmap_hash (wide))))
    probe (scan, wide, text, len, at);
  /* three bytes are enough for a three-byte needle */
  if (left >= 3 && G_UNLIKELY (bitmap_has (set->bitmap[NARROW], bitmap_hash (narrow))))
    probe (scan, narrow, text, len, at);
}

/* Whether @text holds “ſ” (U+017F) or the Kelvin sign (U+212A), which
 * match s and k caselessly: needles, which fold only ASCII, would miss
 * such matches. ASCII is skipped eight bytes at a time. */
static gboolean
has_ascii_folding (const guchar *p, gsize len)
{
  for (gsize i = 0; i < len; i++)
    {
      guint64 word;

      if (i + 8 <= len)
        {
          memcpy (&word, p + i, 8);
          if ((word & G_GUINT64_CONSTANT (0x8080808080808080)) == 0)
            {
              i += 7;
              continue;
            }
        }
      if ((p[i] == 0xC5 && i + 1 < len && p[i + 1] == 0xBF)
          || (p[i] == 0xE2 && i + 2 < len && p[i + 1] == 0x84 && p[i + 2] == 0xAA))
        return TRUE;
    }
  return FALSE;
}

void
kith_rule_scan_run (KithRuleScan *scan,
                    const char   *text,
                    gsize         len,
                    GArray       *hits,
                    GPtrArray    *problems)
{
  KithRuleSet *set = scan->set;
  gboolean whole_text = FALSE;

  for (guint r = 0; r < set->rules->len; r++)
    g_array_set_size (g_ptr_array_index (scan->candidates, r), 0);

  if (set->has_needles)
    {
      const guchar *p = (const guchar *) text;
      gsize i = 0;

      for (; i + 8 <= len; i++)
        look (scan, p + i, p, len, i, len - i);
      /* the last few positions, read from a zero-padded copy */
      for (; i < len; i++)
        {
          guchar tail[8] = { 0 };
          memcpy (tail, p + i, len - i);
          look (scan, tail, p, len, i, len - i);
        }
      whole_text = has_ascii_folding (p, len);
    }

  for (guint r = 0; r < set->rules->len; r++)
    {
      if (g_atomic_int_get (&set->failures[r]) >= KITH_RULE_SET_MAX_FAILURES)
        continue;
      if (whole_text || kith_rule_get_literals (g_ptr_array_index (set->rules, r))->needles == NULL)
        match_whole (scan, r, text, len, hits, problems);
      else if (((GArray *) g_ptr_array_index (scan->candidates, r))->len > 0)
        match_candidates (scan, r, text, len, hits, problems);
    }
}
