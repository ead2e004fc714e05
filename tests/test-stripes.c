/* test-stripes.c — lanes for overlapping codings, and matching codes by a
 * few typed letters */
#include <criterion/criterion.h>

#include "kith-code-match.h"
#include "kith-codings.h"
#include "kith-list-diff.h"
#include "kith-stripes.h"

static char *
query (KithStripes *stripes, gint64 from, gint64 to)
{
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GString) s = g_string_new (NULL);

  kith_stripes_query (stripes, from, to, out);
  for (guint i = 0; i < out->len; i++)
    g_string_append_printf (s, "%s%u", i > 0 ? "," : "", g_array_index (out, guint, i));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

Test (stripes, overlaps_get_their_own_lane)
{
  /* 0: [0,10)  1: [5,15)  2: [12,20)  3: [2,4)  4: [30,40) */
  static const KithSpan spans[] = { { 0, 10 }, { 5, 15 }, { 12, 20 }, { 2, 4 }, { 30, 40 } };
  g_autoptr(KithStripes) s = kith_stripes_new (spans, G_N_ELEMENTS (spans));

  cr_assert_eq (kith_stripes_get_n_spans (s), 5);
  cr_assert_eq (kith_stripes_get_lane (s, 0), 0);
  cr_assert_eq (kith_stripes_get_lane (s, 3), 1, "nested in 0");
  cr_assert_eq (kith_stripes_get_lane (s, 1), 1, "3 has ended: its lane is free");
  cr_assert_eq (kith_stripes_get_lane (s, 2), 0, "0 has ended by 12");
  cr_assert_eq (kith_stripes_get_lane (s, 4), 0);
  cr_assert_eq (kith_stripes_get_n_lanes (s), 2);
}

/* what the loading job lays out for the document view: span i is coding i */
Test (stripes, of_codings_in_text_order)
{
  static const gint64 at[][2] = { { 0, 42 }, { 10, 25 }, { 30, 60 }, { 61, 70 } };
  g_autoptr(GPtrArray) codings = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_coding_free);
  g_autoptr(KithStripes) s = NULL;
  g_autofree char *hits = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (at); i++)
    {
      KithCoding *c = kith_coding_new ();
      c->id = 100 + i;
      c->start = at[i][0];
      c->end = at[i][1];
      g_ptr_array_add (codings, c);
    }
  s = kith_codings_stripes (codings);
  hits = query (s, 24, 31);

  cr_assert_eq (kith_stripes_get_n_spans (s), 4);
  cr_assert_eq (kith_stripes_get_lane (s, 0), 0);
  cr_assert_eq (kith_stripes_get_lane (s, 1), 1, "inside the first");
  cr_assert_eq (kith_stripes_get_lane (s, 2), 1, "the second has ended at 25");
  cr_assert_eq (kith_stripes_get_lane (s, 3), 0);
  cr_assert_eq (kith_stripes_get_n_lanes (s), 2);
  cr_assert_str_eq (hits, "0,1,2");
}

Test (stripes, of_no_codings)
{
  g_autoptr(GPtrArray) codings = g_ptr_array_new ();
  g_autoptr(KithStripes) s = kith_codings_stripes (codings);

  cr_assert_eq (kith_stripes_get_n_spans (s), 0);
  cr_assert_eq (kith_stripes_get_n_lanes (s), 0);
}

Test (stripes, touching_spans_share_a_lane)
{
  static const KithSpan spans[] = { { 0, 5 }, { 5, 9 } };
  g_autoptr(KithStripes) s = kith_stripes_new (spans, 2);

  cr_assert_eq (kith_stripes_get_lane (s, 1), 0);
  cr_assert_eq (kith_stripes_get_n_lanes (s), 1);
}

Test (stripes, range_and_point_queries)
{
  static const KithSpan spans[] = { { 0, 100 }, { 5, 15 }, { 12, 20 }, { 30, 40 }, { 50, 51 } };
  g_autoptr(KithStripes) s = kith_stripes_new (spans, G_N_ELEMENTS (spans));
  g_autofree char *a = query (s, 13, 14);
  g_autofree char *b = query (s, 20, 30);
  g_autofree char *c = query (s, 40, 40);
  g_autofree char *d = query (s, 39, 39);
  g_autofree char *e = query (s, 100, 200);
  g_autofree char *f = query (s, 15, 15);

  cr_assert_str_eq (a, "0,1,2");
  cr_assert_str_eq (b, "0", "end exclusive: [12,20) does not reach 20, [30,40) starts at 30");
  cr_assert_str_eq (c, "0", "the point 40 is past [30,40)");
  cr_assert_str_eq (d, "0,3");
  cr_assert_str_eq (e, "");
  cr_assert_str_eq (f, "0,2");
}

Test (stripes, many_nested_spans)
{
  const guint n = 20000;
  g_autofree KithSpan *spans = g_new (KithSpan, n);
  g_autoptr(KithStripes) s = NULL;
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n; i++)
    {
      spans[i].start = i;
      spans[i].end = 2 * (gint64) n - i;
    }
  s = kith_stripes_new (spans, n);
  cr_assert_eq (kith_stripes_get_n_lanes (s), n);
  cr_assert_eq (kith_stripes_get_lane (s, n - 1), n - 1);
  kith_stripes_query (s, n, n + 1, out);
  cr_assert_eq (out->len, n);
}

Test (stripes, empty)
{
  g_autoptr(KithStripes) s = kith_stripes_new (NULL, 0);
  g_autofree char *q = query (s, 0, 10);

  cr_assert_eq (kith_stripes_get_n_lanes (s), 0);
  cr_assert_str_eq (q, "");
}

Test (code_match, words_names_paths_descriptions)
{
  cr_assert_eq (kith_code_match_score ("", "Safe", "Feel/Safe", ""), 0);
  cr_assert_gt (kith_code_match_score ("safe", "Safe in community spaces", "Supportive/Feel/Safe in community spaces", ""), 0);
  cr_assert_gt (kith_code_match_score ("SUPP safe", "Safe in community spaces", "Supportive/Feel/Safe in community spaces", ""), 0,
                "one word in the path, one in the name");
  cr_assert_lt (kith_code_match_score ("safe lonely", "Safe", "Feel/Safe", ""), 0, "every word must match");
  cr_assert_gt (kith_code_match_score ("isolation", "Belonging", "Inclusive/Feel/Belonging",
                                       "Feel a sense of belonging, rather than isolation"), 0, "descriptions count");
  cr_assert_gt (kith_code_match_score ("hrd resp", "Heard and respected", "Connected/Feel/Heard and respected", ""), 0,
                "letters in order");
  cr_assert_gt (kith_code_match_score ("zugehorigkeit", "Zugehörigkeit", "Zugehörigkeit", ""), 0, "accents are folded");
}

Test (code_match, better_matches_score_higher)
{
  int start = kith_code_match_score ("bel", "Belonging", "Inclusive/Feel/Belonging", "");
  int inner = kith_code_match_score ("bel", "Unbelievable", "Unbelievable", "");
  int desc = kith_code_match_score ("bel", "Safe", "Feel/Safe", "to belong");
  int name = kith_code_match_score ("safe", "Safe", "Feel/Safe", "");
  int longer = kith_code_match_score ("safe", "Safe in community spaces and many other places", "X", "");

  cr_assert_gt (start, inner, "a name that starts with it beats one that contains it");
  cr_assert_gt (inner, desc, "the name beats the description");
  cr_assert_gt (name, longer, "a shorter name wins a tie");
}

static char *
diff (const gint64 *a, guint na, const gint64 *b, guint nb)
{
  guint position, removed, added;

  kith_list_diff (a, na, b, nb, &position, &removed, &added);
  return g_strdup_printf ("%u-%u+%u", position, removed, added);
}

Test (list_diff, smallest_middle_range)
{
  static const gint64 abc[] = { 1, 2, 3 }, axc[] = { 1, 9, 3 }, abxc[] = { 1, 2, 9, 3 }, ac[] = { 1, 3 };
  static const gint64 aab[] = { 1, 1, 2 }, ab[] = { 1, 2 };
  g_autofree char *same = diff (abc, 3, abc, 3);
  g_autofree char *changed = diff (abc, 3, axc, 3);
  g_autofree char *inserted = diff (abc, 3, abxc, 4);
  g_autofree char *deleted = diff (abc, 3, ac, 2);
  g_autofree char *emptied = diff (abc, 3, NULL, 0);
  g_autofree char *filled = diff (NULL, 0, abc, 3);
  g_autofree char *repeated = diff (aab, 3, ab, 2);

  cr_assert_str_eq (same, "0-0+0");
  cr_assert_str_eq (changed, "1-1+1");
  cr_assert_str_eq (inserted, "2-0+1");
  cr_assert_str_eq (deleted, "1-1+0");
  cr_assert_str_eq (emptied, "0-3+0");
  cr_assert_str_eq (filled, "0-0+3");
  cr_assert_str_eq (repeated, "1-1+0", "prefix and suffix never overlap");
}
