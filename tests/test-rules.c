/* test-rules.c — one rule, its needles, many rules in one scan, rules from TSV */
#include <criterion/criterion.h>
#include <string.h>

#include "kith-codes.h"
#include "kith-rule-literals.h"
#include "kith-rule-set.h"
#include "kith-rule-store.h"
#include "kith-test-util.h"

static KithRule *
compile (const char *pattern, gboolean case_sensitive)
{
  KithRuleDef def = { .pattern = (char *) pattern, .case_sensitive = case_sensitive };
  g_autoptr(GError) error = NULL;
  KithRule *rule = kith_rule_compile (&def, &error);

  cr_assert_not_null (rule, "“%s”: %s", pattern, error ? error->message : "");
  return rule;
}

/* Every match of @pattern in @text, as “start-end” in code points. */
static char *
matches (const char *pattern, gboolean case_sensitive, const char *text)
{
  g_autoptr(KithRule) rule = compile (pattern, case_sensitive);
  g_autoptr(KithMatcher) matcher = kith_matcher_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  gsize from = 0, len = strlen (text), s, e;

  while (kith_rule_match (rule, matcher, text, len, from, G_MAXSIZE, FALSE, &s, &e, NULL) == KITH_MATCH_FOUND)
    {
      g_string_append_printf (out, "%s%ld-%ld", out->len > 0 ? " " : "",
                              g_utf8_pointer_to_offset (text, text + s), g_utf8_pointer_to_offset (text, text + e));
      from = e > s ? e : e + 1;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

Test (rules, invalid_pattern_names_pattern_offset_and_message)
{
  KithRuleDef def = { .pattern = "\\bfeel (safe" };
  KithRuleDef urdu = { .pattern = "اکیلا(" };
  KithRuleDef exclusion = { .pattern = "safe", .exclude = "[not" };
  g_autoptr(GError) error = NULL;

  cr_assert_null (kith_rule_compile (&def, &error));
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_INVALID));
  cr_assert_str_eq (error->message, "the pattern “\\bfeel (safe” is not valid at offset 12: missing closing parenthesis");
  g_clear_error (&error);
  /* the offset counts characters, not bytes */
  cr_assert_null (kith_rule_compile (&urdu, &error));
  cr_assert_str_eq (error->message, "the pattern “اکیلا(” is not valid at offset 6: missing closing parenthesis");
  g_clear_error (&error);
  cr_assert_null (kith_rule_compile (&exclusion, &error));
  cr_assert (g_str_has_prefix (error->message, "exclusion: the pattern “[not” is not valid at offset 4: "),
             "%s", error->message);
  g_clear_error (&error);
  cr_assert_not (kith_rule_check_pattern ("a\nb", FALSE, &error));
  cr_assert (strstr (error->message, "line break") != NULL);
  g_clear_error (&error);
  cr_assert_not (kith_rule_check_pattern ("", FALSE, &error));
}

Test (rules, caseless_unless_the_rule_says_otherwise)
{
  g_autofree char *caseless = matches ("\\bfeel safe\\b", FALSE, "I FEEL SAFE, I feel safe, I Feel Safer");
  g_autofree char *exact = matches ("\\bfeel safe\\b", TRUE, "I FEEL SAFE, I feel safe, I Feel Safer");
  /* Unicode case folding, not only ASCII */
  g_autofree char *polish = matches ("\\bsamotność\\b", FALSE, "SAMOTNOŚĆ i samotności, Samotność.");

  cr_assert_str_eq (caseless, "2-11 15-24");
  cr_assert_str_eq (exact, "15-24");
  cr_assert_str_eq (polish, "0-9 24-33");
}

Test (rules, unicode_word_boundaries_in_non_latin_text)
{
  /* Urdu: “alone” as a word, not inside “loneliness” (اکیلاپن) */
  g_autofree char *urdu = matches ("\\bاکیلا\\b", FALSE, "میں اکیلا ہوں، اکیلاپن نہیں۔ اکیلا");
  /* Arabic: “alone” (masculine), not the feminine وحيدة */
  g_autofree char *arabic = matches ("\\bوحيد\\b", FALSE, "أنا وحيد هنا، هي وحيدة");
  /* Gurmukhi words end in vowel signs, which are not \w: \b cannot close
   * such a word, the lookarounds of the bundled rules can */
  g_autofree char *gurmukhi_b = matches ("\\bਇਕੱਲੀ\\b", FALSE, "ਮੈਂ ਇਕੱਲੀ ਰਹਿੰਦੀ ਹਾਂ");
  g_autofree char *gurmukhi = matches ("(?<![\\wਁ-ੵ])ਇਕੱਲੀ(?![\\wਁ-ੵ])", FALSE, "ਮੈਂ ਇਕੱਲੀ ਰਹਿੰਦੀ, ਇਕੱਲੀਆਂ ਨਹੀਂ");
  /* Latin letters with diacritics are letters too */
  g_autofree char *polish = matches ("\\bsąsiad\\b", FALSE, "sąsiad, sąsiadka, Sąsiad");

  cr_assert_str_eq (urdu, "4-9 29-34");
  cr_assert_str_eq (arabic, "4-8");
  cr_assert_str_eq (gurmukhi_b, "");
  cr_assert_str_eq (gurmukhi, "4-9");
  cr_assert_str_eq (polish, "0-6 18-24");
}

Test (rules, runaway_pattern_is_stopped_and_reported)
{
  g_autoptr(KithRule) rule = compile ("^(\\w+\\s?)*$", FALSE);
  g_autoptr(KithMatcher) matcher = kith_matcher_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = g_strconcat ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "!", NULL);
  gint64 started = g_get_monotonic_time ();
  gsize s, e;

  cr_assert_eq (kith_rule_match (rule, matcher, text, strlen (text), 0, G_MAXSIZE, FALSE, &s, &e, &error),
                KITH_MATCH_ERROR);
  cr_assert (g_error_matches (error, KITH_ERROR, KITH_ERROR_TOO_LARGE));
  cr_assert (strstr (error->message, "backtracks too much") != NULL, "%s", error->message);
  cr_assert_lt (g_get_monotonic_time () - started, 10 * G_USEC_PER_SEC);
}

/* ---- needles ---------------------------------------------------------------- */

static int
by_string (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The needles of @pattern, sorted and joined by “|”; “-” when none. */
static char *
needles_of (const char *pattern, gboolean caseless, gsize *max_bytes, gsize *max_before)
{
  g_autoptr(KithLiterals) literals = kith_literals_analyse (pattern, caseless);
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);

  if (max_bytes != NULL)
    *max_bytes = literals->max_bytes;
  if (max_before != NULL)
    *max_before = literals->max_before;
  if (literals->needles == NULL)
    return g_strdup ("-");
  for (guint i = 0; i < literals->needles->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (literals->needles, i));
  g_ptr_array_sort (sorted, by_string);
  for (guint i = 0; i < sorted->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", (const char *) g_ptr_array_index (sorted, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

Test (rules, needles_every_match_must_contain)
{
  gsize max_bytes = 0, max_before = 0, after_before = 0;
  g_autofree char *lonely = needles_of ("\\blonel(?:y|iness)\\b", TRUE, &max_bytes, &max_before);
  g_autofree char *safe = needles_of ("\\bfeels? safe\\b", TRUE, NULL, NULL);
  g_autofree char *apostrophe = needles_of ("\\bdidn['’]t know\\b", TRUE, NULL, NULL);
  g_autofree char *polish = needles_of ("\\bsamotność\\b", TRUE, NULL, NULL);
  g_autofree char *polish_exact = needles_of ("\\bsamotność\\b", FALSE, NULL, NULL);
  g_autofree char *after = needles_of ("\\b[a-z]{1,5} misses home\\b", TRUE, NULL, &after_before);

  cr_assert_str_eq (lonely, "loneliness|lonely");
  cr_assert_eq (max_bytes, 10);
  cr_assert_eq (max_before, 0);
  cr_assert_str_eq (safe, "feel safe|feels safe");
  cr_assert_str_eq (apostrophe, "didn't know|didn’t know");
  /* a non-ASCII letter with case cuts a caseless needle, not an exact one */
  cr_assert_str_eq (polish, "samotno");
  cr_assert_str_eq (polish_exact, "samotność");
  /* a needle found inside the match says how far back the match can start */
  cr_assert_str_eq (after, " misses home");
  cr_assert_eq (after_before, 5);
}

Test (rules, patterns_without_safe_needles_scan_the_whole_text)
{
  const char *patterns[] = {
    "(\\w+) \\1",          /* a back reference */
    "feel\\Ksafe",         /* \K moves the start */
    "(?x) feel \\s safe",  /* extended mode */
    "\\w+ly",              /* nothing literal enough */
    "a|b|c",               /* too common */
    "safe|\\d+",           /* one branch without a needle */
    "(?:safe)?",           /* may match nothing */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      g_autofree char *needles = needles_of (patterns[i], TRUE, NULL, NULL);
      cr_assert_str_eq (needles, "-", "“%s” gave needles %s", patterns[i], needles);
    }
}

/* ---- many rules in one scan ------------------------------------------------- */

/* The reference: each rule over the whole text, as PCRE2's global matching
 * (and Python's finditer) does it. */
static void
whole_text_matches (GPtrArray *rules, const char *text, gsize len, GArray *out)
{
  g_autoptr(KithMatcher) matcher = kith_matcher_new ();

  for (guint r = 0; r < rules->len; r++)
    {
      gsize from = 0, s, e;
      gboolean not_empty = FALSE;

      while (from <= len && kith_rule_match (g_ptr_array_index (rules, r), matcher, text, len, from,
                                             G_MAXSIZE, not_empty, &s, &e, NULL) == KITH_MATCH_FOUND)
        {
          KithRuleHit hit = { r, s, e };
          if (e > s)
            g_array_append_val (out, hit);
          not_empty = e == s;
          from = e;
        }
    }
}

/* The set's scan of @text finds exactly what each rule finds alone over
 * the whole text. */
static void
assert_scan_is_whole_text (KithRuleScan *scan, GPtrArray *reference_rules, const char *text, int round)
{
  g_autoptr(GArray) got = g_array_new (FALSE, FALSE, sizeof (KithRuleHit));
  g_autoptr(GArray) want = g_array_new (FALSE, FALSE, sizeof (KithRuleHit));
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_rule_problem_free);
  gsize len = strlen (text);

  kith_rule_scan_run (scan, text, len, got, problems);
  whole_text_matches (reference_rules, text, len, want);
  cr_assert_eq (problems->len, 0);
  cr_assert_eq (got->len, want->len, "round %d: %u hits, expected %u in “%s”", round, got->len, want->len, text);
  for (guint i = 0; i < got->len; i++)
    {
      KithRuleHit *a = &g_array_index (got, KithRuleHit, i), *b = &g_array_index (want, KithRuleHit, i);
      cr_assert (a->rule == b->rule && a->start == b->start && a->end == b->end,
                 "round %d, hit %u: rule %u %zu-%zu, expected rule %u %zu-%zu in “%s”", round, i,
                 a->rule, a->start, a->end, b->rule, b->start, b->end, text);
    }
}

static const char *const words[] = {
  "I", "feel", "safe", "safer", "FEEL SAFE", "didn't", "didn’t", "know", "where", "to", "go", "for",
  "help", "lonely", "loneliness", "nobody", "listens", "at", "the", "council", "welcome", "there", "not",
  "never", "belong", "we", "came", "together", "sąsiad", "SAMOTNOŚĆ", "اکیلا", "وحيد", "ਇਕੱਲੀ", "ſafe",
  "the 94", "bus", "is", "always", "late", "volunteer", "volunteering", "with", "work", "\n", ".", ",",
  "Dr.", "e.g.", "’", "don't", "really", "miss", "home",
};

static const char *const patterns[] = {
  "\\bfeels? safe\\b",
  "\\b(?:didn['’]t|did not|never) know where to (?:go|turn)\\b",
  "\\blonel(?:y|iness)\\b",
  "\\bno(?:body|[- ]one) (?:ever )?listens\\b",
  "\\b(?:feel|felt) (?:so |very )?welcome(?:d)? (?:there|here)\\b",
  "(?<!not )\\bbelong\\b",
  "\\b(?:came|come) together\\b",
  "\\bsąsiad\\w{0,3}\\b",
  "\\bsamotn\\w*",
  "\\b(?:اکیلا|وحيد)\\b",
  "(?<![\\wਁ-ੵ])ਇਕੱਲੀ(?![\\wਁ-ੵ])",
  "\\bthe \\d+ (?:bus )?is (?:always )?late\\b",
  "\\bvolunteer(?:ing)? (?:at|with)\\b",
  "know(?= where)",
  "\\b(?:I|we) (?:really )?miss (?:home|family)\\b",
  "safe(?:r|st)?",
  "\\w+ly\\b",
};

Test (rules, one_scan_finds_exactly_what_each_rule_finds_alone)
{
  g_autoptr(GPtrArray) reference_rules = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_rule_free);
  GPtrArray *set_rules = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_rule_free);
  g_autoptr(KithRuleSet) set = NULL;
  g_autoptr(KithRuleScan) scan = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (2025);

  for (gsize i = 0; i < G_N_ELEMENTS (patterns); i++)
    {
      g_ptr_array_add (reference_rules, compile (patterns[i], FALSE));
      g_ptr_array_add (set_rules, compile (patterns[i], FALSE));
    }
  set = kith_rule_set_new (set_rules);
  cr_assert_eq (kith_rule_set_get_n_rules (set), G_N_ELEMENTS (patterns));
  cr_assert_geq (kith_rule_set_get_n_prefiltered (set), G_N_ELEMENTS (patterns) - 2);
  scan = kith_rule_scan_new (set);

  for (int round = 0; round < 300; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      int n = g_rand_int_range (rand, 0, 80);

      for (int w = 0; w < n; w++)
        {
          const char *word = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
          /* “ſ” sends the text down the whole-text path: keep it rare */
          if (g_str_equal (word, "ſafe") && round % 10 != 0)
            word = "safe";
          g_string_append (text, word);
          g_string_append (text, g_rand_int_range (rand, 0, 5) == 0 ? "" : " ");
        }
      assert_scan_is_whole_text (scan, reference_rules, text->str, round);
    }
}

Test (rules, needle_next_to_a_curly_quote_is_found)
{
  GPtrArray *rules = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_rule_free);
  g_autoptr(KithRuleSet) set = NULL;
  g_autoptr(KithRuleScan) scan = NULL;
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (KithRuleHit));
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_rule_problem_free);
  const char *text = "the ‘app’ and the “digital” hub";

  g_ptr_array_add (rules, compile ("\\b(?:digital|app)\\b", FALSE));
  set = kith_rule_set_new (rules);
  cr_assert_eq (kith_rule_set_get_n_prefiltered (set), 1);
  scan = kith_rule_scan_new (set);
  kith_rule_scan_run (scan, text, strlen (text), hits, problems);
  cr_assert_eq (hits->len, 2);
  /* bytes: “the ‘” is 4 + 3, “app’ and the “” 3 + 3 + 9 + 3 more */
  cr_assert_eq (g_array_index (hits, KithRuleHit, 0).start, 7);
  cr_assert_eq (g_array_index (hits, KithRuleHit, 0).end, 10);
  cr_assert_eq (g_array_index (hits, KithRuleHit, 1).start, 25);
  cr_assert_eq (g_array_index (hits, KithRuleHit, 1).end, 32);
}

/* Every code point of Unicode's punctuation classes (Pc Pd Ps Pe Pi Pf
 * Po) and symbol classes (Sm Sc Sk So) up to U+1FFFF. */
static GArray *
punctuation_and_symbols (void)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (gunichar));

  for (gunichar c = 0x21; c < 0x20000; c++)
    switch (g_unichar_type (c))
      {
      case G_UNICODE_CONNECT_PUNCTUATION: case G_UNICODE_DASH_PUNCTUATION:
      case G_UNICODE_OPEN_PUNCTUATION: case G_UNICODE_CLOSE_PUNCTUATION:
      case G_UNICODE_INITIAL_PUNCTUATION: case G_UNICODE_FINAL_PUNCTUATION:
      case G_UNICODE_OTHER_PUNCTUATION: case G_UNICODE_MATH_SYMBOL:
      case G_UNICODE_CURRENCY_SYMBOL: case G_UNICODE_MODIFIER_SYMBOL:
      case G_UNICODE_OTHER_SYMBOL:
        g_array_append_val (out, c);
        break;
      default:
        break;
      }
  return out;
}

/* Literals of every length the scan anchors differently (three bytes,
 * four to seven, eight and more), in Latin and other scripts, with
 * punctuation or symbols of every class pressed against either end. */
static const char *const literal_words[] = {
  "app", "APP", "App", "digital", "Digital", "isolated", "joined-up", "face-to-face", "gym",
  "café", "CAFÉ", "samotność", "sąsiad", "اکیلا", "ਇਕੱਲੀ", "বন্ধু", "дом", "社区", "we", "a",
};

static const char *const literal_patterns[] = {
  "\\b(?:digital|app)\\b",
  "app",
  "\\bgym\\b",
  "\\bisolated\\b",
  "\\bjoined\\b",
  "face-to-face",
  "\\bcaf[eé]\\b",
  "\\bsamotno\\w*",
  "sąsiad",
  "اکیلا",
  "ਇਕੱਲੀ",
  "বন্ধু",
  "\\bдом\\b",
  "社区",
  "(?<!\\w)we(?!\\w)",
};

Test (rules, punctuation_of_every_class_next_to_a_literal)
{
  g_autoptr(GPtrArray) reference_rules = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_rule_free);
  GPtrArray *set_rules = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_rule_free);
  g_autoptr(KithRuleSet) set = NULL;
  g_autoptr(KithRuleScan) scan = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (10);
  g_autoptr(GArray) marks = punctuation_and_symbols ();

  /* every class is there, the curly quotes and dashes among them */
  cr_assert_gt (marks->len, 7000);
  for (gsize i = 0; i < G_N_ELEMENTS (literal_patterns); i++)
    {
      g_ptr_array_add (reference_rules, compile (literal_patterns[i], FALSE));
      g_ptr_array_add (set_rules, compile (literal_patterns[i], FALSE));
    }
  set = kith_rule_set_new (set_rules);
  cr_assert_geq (kith_rule_set_get_n_prefiltered (set), G_N_ELEMENTS (literal_patterns) - 2);
  scan = kith_rule_scan_new (set);

  /* each mark once on each side of a word, then random mixtures */
  for (guint m = 0; m < marks->len; m++)
    {
      char mark[8] = { 0 };
      g_autofree char *text = NULL;
      const char *word = literal_words[m % G_N_ELEMENTS (literal_words)];

      g_unichar_to_utf8 (g_array_index (marks, gunichar, m), mark);
      text = g_strconcat (mark, word, mark, " ", word, mark, word, NULL);
      assert_scan_is_whole_text (scan, reference_rules, text, (int) m);
    }
  for (int round = 0; round < 2000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      int n = g_rand_int_range (rand, 1, 12);

      for (int w = 0; w < n; w++)
        {
          if (g_rand_boolean (rand))
            g_string_append_unichar (text, g_array_index (marks, gunichar, g_rand_int_range (rand, 0, (gint32) marks->len)));
          g_string_append (text, literal_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (literal_words))]);
          if (g_rand_boolean (rand))
            g_string_append_unichar (text, g_array_index (marks, gunichar, g_rand_int_range (rand, 0, (gint32) marks->len)));
          if (g_rand_boolean (rand))
            g_string_append_c (text, ' ');
        }
      assert_scan_is_whole_text (scan, reference_rules, text->str, round);
    }
}

Test (rules, runaway_rule_in_a_set_stops_alone)
{
  GPtrArray *rules = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_rule_free);
  g_autoptr(KithRuleSet) set = NULL;
  g_autoptr(KithRuleScan) scan = NULL;
  g_autoptr(GArray) hits = g_array_new (FALSE, FALSE, sizeof (KithRuleHit));
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_rule_problem_free);
  const char *text = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa! I was lonely.";

  g_ptr_array_add (rules, compile ("^(\\w+\\s?)*$", FALSE));
  g_ptr_array_add (rules, compile ("\\blonely\\b", FALSE));
  set = kith_rule_set_new (rules);
  scan = kith_rule_scan_new (set);
  kith_rule_scan_run (scan, text, strlen (text), hits, problems);
  cr_assert_eq (problems->len, 1);
  cr_assert_eq (((KithRuleProblem *) g_ptr_array_index (problems, 0))->rule, 0);
  cr_assert_eq (hits->len, 1);
  cr_assert_eq (g_array_index (hits, KithRuleHit, 0).rule, 1);
  cr_assert_eq (g_array_index (hits, KithRuleHit, 0).start, 75);
  /* after KITH_RULE_SET_MAX_FAILURES texts the rule is left out */
  for (int i = 1; i < KITH_RULE_SET_MAX_FAILURES + 2; i++)
    kith_rule_scan_run (scan, text, strlen (text), hits, problems);
  cr_assert_eq (problems->len, KITH_RULE_SET_MAX_FAILURES);
}

/* ---- the project's rules ---------------------------------------------------- */

Test (rules, tsv_import_creates_codes_and_caseless_match_rules)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "rules.tsv", NULL);
  g_autoptr(GPtrArray) rules = NULL;
  KithRulesImport result = { 0 };
  KithRuleDef *def;

  kith_codes_add_path (project, "Inclusive/Feel", NULL, NULL, &error);
  kt_write_file (path, "\xEF\xBB\xBF# safety\r\n"
                       "Inclusive/Feel/Safe\t\\bfeel safe\\b\r\n"
                       "\n"
                       "   # indented comment\n"
                       "Inclusive/Feel/Lonely\t\\blonel(?:y|iness)\\b\n"
                       "Inclusive/Feel/Safe\t\\bfeel safe\\b\n"
                       "Access\tin our language \n", -1);
  cr_assert (kith_rules_import_tsv (project, path, &result, &error), "%s", error ? error->message : "");
  cr_assert_eq (result.added, 3);
  cr_assert_eq (result.existing, 1);
  cr_assert_eq (result.codes_created, 3);
  rules = kith_rules_list (project, NULL, &error);
  cr_assert_eq (rules->len, 3);
  def = g_ptr_array_index (rules, 0);
  cr_assert_str_eq (def->code_path, "Inclusive/Feel/Safe");
  cr_assert_str_eq (def->pattern, "\\bfeel safe\\b");
  cr_assert_eq (def->scope, KITH_SCOPE_MATCH);
  cr_assert_not (def->case_sensitive);
  cr_assert_null (def->exclude);
  cr_assert_null (def->skip_speakers);
  /* a pattern keeps its own trailing space */
  cr_assert_str_eq (((KithRuleDef *) g_ptr_array_index (rules, 2))->pattern, "in our language ");

  /* importing again adds nothing */
  cr_assert (kith_rules_import_tsv (project, path, &result, &error));
  cr_assert_eq (result.added, 0);
  cr_assert_eq (result.existing, 4);
}

Test (rules, tsv_import_is_all_or_nothing)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "bad.tsv", NULL);
  g_autofree char *no_tab = g_build_filename (dir, "no-tab.tsv", NULL);

  kt_write_file (path, "Feel/Safe\t\\bfeel safe\\b\nFeel/Heard\tnobody (listens\n", -1);
  cr_assert_not (kith_rules_import_tsv (project, path, NULL, &error));
  cr_assert (g_str_has_prefix (error->message, path), "%s", error->message);
  cr_assert (strstr (error->message, ":2: the pattern “nobody (listens” is not valid at offset 15: "
                                     "missing closing parenthesis") != NULL, "%s", error->message);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM rules"), 0);
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM codes"), 0);
  g_clear_error (&error);

  kt_write_file (no_tab, "Feel/Safe feel safe\n", -1);
  cr_assert_not (kith_rules_import_tsv (project, no_tab, NULL, &error));
  cr_assert (strstr (error->message, ":1: expected CODE_PATH<TAB>PATTERN") != NULL, "%s", error->message);
}

Test (rules, rules_of_chosen_codes_include_sub_codes)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) rules = NULL;
  KithRuleDef a = { .code_path = "Feel/Safe", .pattern = "safe" };
  KithRuleDef b = { .code_path = "Feel/Heard", .pattern = "listens" };
  KithRuleDef c = { .code_path = "Do/Volunteer", .pattern = "volunteer" };
  gint64 feel;

  kith_codes_ensure_path (project, "Feel/Safe", &error);
  kith_codes_ensure_path (project, "Feel/Heard", &error);
  kith_codes_ensure_path (project, "Do/Volunteer", &error);
  cr_assert_neq (kith_rules_add (project, &a, NULL, &error), 0);
  cr_assert_neq (kith_rules_add (project, &b, NULL, &error), 0);
  cr_assert_neq (kith_rules_add (project, &c, NULL, &error), 0);
  feel = kith_codes_find_path (project, "Feel", &error);
  g_array_append_val (chosen, feel);
  rules = kith_rules_list (project, chosen, &error);
  cr_assert_eq (rules->len, 2);
  cr_assert_str_eq (((KithRuleDef *) g_ptr_array_index (rules, 0))->pattern, "safe");
  cr_assert_str_eq (((KithRuleDef *) g_ptr_array_index (rules, 1))->pattern, "listens");
}
