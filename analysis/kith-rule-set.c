/* kith-rule-set.c
 *
 * The automaton is a full DFA: every state has a transition for every byte
 * class, so the scan is one table load per byte. Rows are a power of two
 * wide and states are stored pre-shifted, and states with output are
 * numbered last, so the inner loop is a load, an add and one compare.
 */
#include <string.h>

#include "kith-rule-set.h"

#define NONE          G_MAXUINT32
#define FOLD_TRIGGER  G_MAXUINT32   /* needle_rules entry: “ſ” or the Kelvin sign */

struct _KithRuleSet
{
  GPtrArray *rules;           /* KithRule */
  GArray    *whole;           /* guint: rules without needles */
  gint      *failures;        /* per rule, atomic */

  /* the automaton; delta is NULL when no rule has needles */
  guint8     classes[256];
  guint      shift;
  guint32   *delta;           /* [state | class] → next state, both pre-shifted */
  guint32    first_output;    /* pre-shifted: states at or past it have output */
  guint32   *out_start;       /* per output state, into out_needles; one more at the end */
  guint32   *out_needles;

  guint32   *needle_len;
  guint32   *needle_rule_start;  /* per needle, into needle_rules; one more at the end */
  guint32   *needle_rules;
};

struct _KithRuleScan
{
  KithRuleSet *set;
  KithMatcher *matcher;
  GPtrArray   *candidates;    /* per rule: GArray of gsize, where a needle starts */
  gboolean     fold_trigger;
};

void
kith_rule_problem_free (KithRuleProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
}

/* ---- building ---------------------------------------------------------------- */

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

static void
free_output (gpointer array)
{
  if (array != NULL)
    g_array_unref (array);
}

static guint
assign_classes (KithRuleSet *set, GPtrArray *needles)
{
  guint n_classes = 1;  /* class 0: bytes in no needle */

  memset (set->classes, 0, sizeof set->classes);
  for (guint i = 0; i < needles->len; i++)
    for (const guchar *p = g_ptr_array_index (needles, i); *p != '\0'; p++)
      if (set->classes[*p] == 0)
        set->classes[*p] = (guint8) n_classes++;
  /* the scan folds ASCII letters: upper case shares the lower case class */
  for (int c = 'A'; c <= 'Z'; c++)
    set->classes[c] = set->classes[c - 'A' + 'a'];
  return n_classes;
}

static void
build_automaton (KithRuleSet *set, Needles *n)
{
  guint n_classes = assign_classes (set, n->needles);
  guint width, max_states = 1, n_states = 1, head = 0, n_plain = 0, n_out = 0;
  g_autofree guint32 *go = NULL;
  g_autofree guint32 *fail = NULL;
  g_autofree guint32 *order = NULL;
  g_autofree guint32 *renumber = NULL;
  g_autoptr(GPtrArray) outputs = NULL;   /* per state: GArray of guint32 needle ids, or NULL */
  g_autoptr(GArray) flat = g_array_new (FALSE, FALSE, sizeof (guint32));

  set->shift = 0;
  while ((1u << set->shift) < n_classes)
    set->shift++;
  width = 1u << set->shift;
  for (guint i = 0; i < n->needles->len; i++)
    max_states += (guint) strlen (g_ptr_array_index (n->needles, i));
  go = g_new (guint32, (gsize) max_states * width);
  memset (go, 0xFF, sizeof (guint32) * (gsize) max_states * width);
  outputs = g_ptr_array_new_full (max_states, free_output);
  g_ptr_array_add (outputs, NULL);

  /* the trie */
  for (guint32 id = 0; id < n->needles->len; id++)
    {
      guint32 s = 0;
      for (const guchar *p = g_ptr_array_index (n->needles, id); *p != '\0'; p++)
        {
          guint32 *t = &go[(gsize) s * width + set->classes[*p]];
          if (*t == NONE)
            {
              *t = n_states++;
              g_ptr_array_add (outputs, NULL);
            }
          s = *t;
        }
      if (g_ptr_array_index (outputs, s) == NULL)
        outputs->pdata[s] = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_array_append_val ((GArray *) g_ptr_array_index (outputs, s), id);
    }

  /* failure links breadth first, completing every row into a DFA row */
  fail = g_new0 (guint32, n_states);
  order = g_new (guint32, n_states);
  order[0] = 0;
  for (guint k = 0; k < width; k++)
    {
      guint32 t = go[k];
      if (t == NONE)
        go[k] = 0;
      else
        order[++head] = t;
    }
  for (guint q = 1; q <= head; q++)
    {
      guint32 s = order[q];
      for (guint k = 0; k < width; k++)
        {
          guint32 *t = &go[(gsize) s * width + k];
          guint32 via = go[(gsize) fail[s] * width + k];

          if (*t == NONE)
            {
              *t = via;
              continue;
            }
          if (s != 0)
            fail[*t] = via;
          order[++head] = *t;
          /* a state also reports what its longest proper suffix reports */
          if (g_ptr_array_index (outputs, fail[*t]) != NULL)
            {
              GArray *from = g_ptr_array_index (outputs, fail[*t]);
              if (g_ptr_array_index (outputs, *t) == NULL)
                outputs->pdata[*t] = g_array_new (FALSE, FALSE, sizeof (guint32));
              g_array_append_vals (g_ptr_array_index (outputs, *t), from->data, from->len);
            }
        }
    }
  /* states with output last */
  renumber = g_new (guint32, n_states);
  for (guint q = 0; q < n_states; q++)
    if (g_ptr_array_index (outputs, order[q]) == NULL)
      renumber[order[q]] = n_plain++;
  for (guint q = 0; q < n_states; q++)
    if (g_ptr_array_index (outputs, order[q]) != NULL)
      renumber[order[q]] = n_plain + n_out++;

  set->delta = g_new0 (guint32, (gsize) n_states * width);
  for (guint32 s = 0; s < n_states; s++)
    for (guint k = 0; k < n_classes; k++)
      set->delta[((gsize) renumber[s] << set->shift) + k] = renumber[go[(gsize) s * width + k]] << set->shift;
  set->first_output = n_plain << set->shift;

  set->out_start = g_new (guint32, n_out + 1);
  for (guint q = 0, o = 0; q < n_states; q++)
    {
      GArray *out = g_ptr_array_index (outputs, order[q]);
      if (out == NULL)
        continue;
      set->out_start[o++] = flat->len;
      g_array_append_vals (flat, out->data, out->len);
    }
  set->out_start[n_out] = flat->len;
  set->out_needles = (guint32 *) (void *) g_array_steal (flat, NULL);

  set->needle_len = g_new (guint32, n->needles->len);
  set->needle_rule_start = g_new (guint32, n->needles->len + 1);
  g_array_set_size (flat, 0);
  for (guint i = 0; i < n->needles->len; i++)
    {
      GArray *rules = g_ptr_array_index (n->rules, i);
      set->needle_len[i] = (guint32) strlen (g_ptr_array_index (n->needles, i));
      set->needle_rule_start[i] = flat->len;
      g_array_append_vals (flat, rules->data, rules->len);
    }
  set->needle_rule_start[n->needles->len] = flat->len;
  set->needle_rules = (guint32 *) (void *) g_array_steal (flat, NULL);
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
    {
      needles_add (&n, "\xC5\xBF", FOLD_TRIGGER);      /* ſ */
      needles_add (&n, "\xE2\x84\xAA", FOLD_TRIGGER);  /* Kelvin sign */
      build_automaton (set, &n);
    }
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
  g_free (set->delta);
  g_free (set->out_start);
  g_free (set->out_needles);
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
  KithRuleProblem *problem = g_new0 (KithRuleProblem, 1);

  problem->rule = rule;
  problem->at = at;
  problem->message = g_strdup (error->message);
  g_ptr_array_add (problems, problem);
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
 * a needle that starts at some candidate q, and begins no earlier than
 * q - max_bytes and no later than q. Searching that window with the offset
 * limit at q, candidates in order, finds the leftmost match at each step;
 * a window without a match also rules out every start up to q. */
static void
match_candidates (KithRuleScan *scan, guint r, const char *text, gsize len, GArray *hits, GPtrArray *problems)
{
  const KithRule *rule = g_ptr_array_index (scan->set->rules, r);
  gsize max_bytes = kith_rule_get_literals (rule)->max_bytes;
  GArray *cand = g_ptr_array_index (scan->candidates, r);
  gsize pos = 0;   /* no match may start before this */

  g_array_sort (cand, compare_offsets);
  for (guint i = 0; i < cand->len; i++)
    {
      g_autoptr(GError) error = NULL;
      gsize q = g_array_index (cand, gsize, i);
      gsize from = pos, s, e;

      if (q < pos)
        continue;
      if (max_bytes != G_MAXSIZE && q > max_bytes && q - max_bytes > from)
        from = q - max_bytes;
      while (from < q && ((guchar) text[from] & 0xC0) == 0x80)
        from++;
      switch (kith_rule_match (rule, scan->matcher, text, len, from, q, FALSE, &s, &e, &error))
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

static void
found_needles (KithRuleScan *scan, guint32 state, gsize end)
{
  const KithRuleSet *set = scan->set;
  guint32 o = (state - set->first_output) >> set->shift;

  for (guint32 j = set->out_start[o]; j < set->out_start[o + 1]; j++)
    {
      guint32 needle = set->out_needles[j];
      gsize start = end + 1 - set->needle_len[needle];

      for (guint32 k = set->needle_rule_start[needle]; k < set->needle_rule_start[needle + 1]; k++)
        {
          guint32 rule = set->needle_rules[k];
          if (rule == FOLD_TRIGGER)
            scan->fold_trigger = TRUE;
          else
            g_array_append_val ((GArray *) g_ptr_array_index (scan->candidates, rule), start);
        }
    }
}

void
kith_rule_scan_run (KithRuleScan *scan,
                    const char   *text,
                    gsize         len,
                    GArray       *hits,
                    GPtrArray    *problems)
{
  KithRuleSet *set = scan->set;

  scan->fold_trigger = FALSE;
  for (guint r = 0; r < set->rules->len; r++)
    g_array_set_size (g_ptr_array_index (scan->candidates, r), 0);

  if (set->delta != NULL)
    {
      const guint32 *delta = set->delta;
      const guint8 *classes = set->classes;
      const guchar *p = (const guchar *) text;
      guint32 first_output = set->first_output, s = 0;

      for (gsize i = 0; i < len; i++)
        {
          s = delta[s + classes[p[i]]];
          if (G_UNLIKELY (s >= first_output))
            found_needles (scan, s, i);
        }
    }

  for (guint r = 0; r < set->rules->len; r++)
    {
      if (g_atomic_int_get (&set->failures[r]) >= KITH_RULE_SET_MAX_FAILURES)
        continue;
      if (scan->fold_trigger || kith_rule_get_literals (g_ptr_array_index (set->rules, r))->needles == NULL)
        match_whole (scan, r, text, len, hits, problems);
      else if (((GArray *) g_ptr_array_index (scan->candidates, r))->len > 0)
        match_candidates (scan, r, text, len, hits, problems);
    }
}
