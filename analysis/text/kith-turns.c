/* kith-turns.c */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>

#include "kith-reflow.h"
#include "kith-turns.h"

/* Only this much of a line is looked at: labels are short. */
#define LABEL_PREFIX_BYTES 200

/* Words that end in a colon at the start of notes without being speakers. */
static const char *const not_speakers[] = {
  "action", "actions", "address", "agenda", "apologies", "attendees", "author", "date",
  "email", "example", "examples", "facilitator notes", "figure", "location", "nb", "note",
  "notes", "page", "phone", "present", "re", "ref", "source", "sources", "subject",
  "summary", "table", "tel", "time", "title", "venue", "website", "see", "http", "https",
};

typedef struct
{
  pcre2_code *code;
  guint32     name, ts, bare;   /* group numbers */
} LabelPattern;

/* Compiled once, JIT: every line of a transcript is tried against it. */
static const LabelPattern *
label_pattern (void)
{
  static LabelPattern pattern;
  static gsize ready;

  if (g_once_init_enter (&ready))
    {
      /* optional bold, optional timestamp (bracketed, or bare h:m:s), a name
       * of one to four words whose first letter is a capital or a letter of
       * a script without case (Urdu, Gurmukhi, Arabic, Bengali), a colon */
      static const char source[] =
        "^[ \\t]*(?:\\*\\*|__)?"
        "(?:[\\[(](?<ts>\\d{1,2}(?::\\d{1,2}){1,2}(?:[.,]\\d{1,3})?)[\\])]"
        "|(?<bare>\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d{1,3})?))?"
        "[ \\t]*(?:\\*\\*|__)?[ \\t]*"
        "(?<name>[\\p{Lu}\\p{Lt}\\p{Lo}][\\p{L}\\p{M}\\p{N}'’.\\-]*"
        "(?:[ \\t]+[\\p{Lu}\\p{Lt}\\p{Lo}\\p{N}(][\\p{L}\\p{M}\\p{N}'’.\\-()]*){0,3})"
        "[ \\t]*(?:\\*\\*|__)?[ \\t]*[:：](?:\\*\\*|__)?(?:[ \\t]+|$)";
      int err = 0;
      PCRE2_SIZE offset = 0;

      pattern.code = pcre2_compile ((PCRE2_SPTR) source, PCRE2_ZERO_TERMINATED,
                                    PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK, &err, &offset, NULL);
      g_assert (pattern.code != NULL);
      pcre2_jit_compile (pattern.code, PCRE2_JIT_COMPLETE);
      pattern.name = (guint32) pcre2_substring_number_from_name (pattern.code, (PCRE2_SPTR) "name");
      pattern.ts = (guint32) pcre2_substring_number_from_name (pattern.code, (PCRE2_SPTR) "ts");
      pattern.bare = (guint32) pcre2_substring_number_from_name (pattern.code, (PCRE2_SPTR) "bare");
      g_once_init_leave (&ready, 1);
    }
  return &pattern;
}

gint64
kith_turn_parse_timestamp (const char *text)
{
  const char *p = text;
  gint64 ms = 0, frac = 0;
  guint parts = 0;

  if (text == NULL || *text == '\0')
    return -1;
  /* h:m or h:m:s, digits only, the hours up to 99 and the rest up to 59;
   * parsed in place, for every label of a transcript may have one */
  for (;;)
    {
      const char *start = p;
      guint v = 0;

      for (; *p >= '0' && *p <= '9'; p++)
        if ((v = v * 10 + (guint) (*p - '0')) > (parts == 0 ? 99u : 59u))
          return -1;
      if (p == start || ++parts > 3)
        return -1;
      ms = ms * 60 + v;
      if (*p != ':')
        break;
      p++;
    }
  if (parts < 2)
    return -1;
  if (*p == '.' || *p == ',')
    {
      /* .5 is 500 ms, .25 is 250 ms, .250 is 250 ms */
      const char *f = p + 1;
      int digits = 0;
      for (; *f >= '0' && *f <= '9' && digits < 3; f++, digits++)
        frac = frac * 10 + (*f - '0');
      if (digits == 0 || *f != '\0')
        return -1;
      for (; digits < 3; digits++)
        frac *= 10;
    }
  else if (*p != '\0')
    return -1;
  return ms * 1000 + frac;
}

static gboolean
is_stop_word (const char *name)
{
  g_autofree char *folded = NULL;
  const char *p = name;

  /* the words are ASCII: an ASCII name is lower-cased as it is, and one
   * longer than them all is none of them */
  while (*p != '\0' && (guchar) *p < 0x80)
    p++;
  if (*p == '\0')
    {
      char lower[24];
      gsize len = (gsize) (p - name);

      if (len >= sizeof lower)
        return FALSE;
      for (gsize i = 0; i <= len; i++)
        lower[i] = g_ascii_tolower (name[i]);
      for (gsize i = 0; i < G_N_ELEMENTS (not_speakers); i++)
        if (g_str_equal (lower, not_speakers[i]))
          return TRUE;
      return FALSE;
    }
  folded = g_utf8_strdown (name, -1);
  for (gsize i = 0; i < G_N_ELEMENTS (not_speakers); i++)
    if (g_str_equal (folded, not_speakers[i]))
      return TRUE;
  return FALSE;
}

static char *
group_text (const char *line, const PCRE2_SIZE *ovector, guint32 group)
{
  PCRE2_SIZE start = ovector[2 * group], end = ovector[2 * group + 1];

  if (start == PCRE2_UNSET)
    return NULL;
  return g_strndup (line + start, end - start);
}

gboolean
kith_turn_label_parse (const char    *line,
                       gsize          len,
                       KithTurnLabel *label)
{
  const LabelPattern *pattern;
  pcre2_match_data *match;
  PCRE2_SIZE *ovector;
  g_autofree char *name = NULL;
  g_autofree char *ts = NULL;
  gsize n = MIN (len, LABEL_PREFIX_BYTES);
  int rc;

  memset (label, 0, sizeof *label);
  label->timestamp_ms = -1;

  /* cheap test first: most lines of notes have no colon near their start */
  if (memchr (line, ':', n) == NULL
      && (memchr (line, "："[0], n) == NULL || memmem (line, n, "：", strlen ("：")) == NULL))
    return FALSE;
  /* cut at a character boundary */
  while (n < len && n > 0 && (((const guint8 *) line)[n] & 0xC0) == 0x80)
    n--;

  pattern = label_pattern ();
  match = pcre2_match_data_create_from_pattern (pattern->code, NULL);
  rc = pcre2_match (pattern->code, (PCRE2_SPTR) line, n, 0, PCRE2_NO_UTF_CHECK, match, NULL);
  if (rc < 0)
    {
      pcre2_match_data_free (match);
      return FALSE;
    }
  ovector = pcre2_get_ovector_pointer (match);
  name = group_text (line, ovector, pattern->name);
  ts = group_text (line, ovector, pattern->ts);
  if (ts == NULL)
    ts = group_text (line, ovector, pattern->bare);
  label->label_chars = g_utf8_strlen (line, (gssize) ovector[1]);
  pcre2_match_data_free (match);

  g_strchomp (name);
  if (*name == '\0' || g_utf8_strlen (name, -1) > 40 || is_stop_word (name))
    return FALSE;
  if (ts != NULL)
    {
      label->timestamp_ms = kith_turn_parse_timestamp (ts);
      if (label->timestamp_ms < 0)
        return FALSE;
    }
  label->speaker = g_steal_pointer (&name);
  return TRUE;
}

void
kith_turn_label_clear (KithTurnLabel *label)
{
  g_clear_pointer (&label->speaker, g_free);
}

KithTurn *
kith_turn_new (void)
{
  KithTurn *turn = g_new0 (KithTurn, 1);

  turn->timestamp_ms = -1;
  return turn;
}

void
kith_turn_free (KithTurn *turn)
{
  if (turn == NULL)
    return;
  g_free (turn->speaker);
  g_free (turn);
}

static void
turn_role_free (KithTurnRole *role)
{
  g_free (role->role);
  g_free (role->name);
  g_free (role);
}

/* “Priya Sandhu and Marek Kowalczyk (peer researchers)” → the two names */
static void
add_names (GPtrArray *roles, const char *role, const char *value)
{
  g_autoptr(GString) clean = g_string_new (NULL);
  g_auto(GStrv) parts = NULL;
  int depth = 0;

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '(' || *p == '[')
        depth++;
      else if ((*p == ')' || *p == ']') && depth > 0)
        depth--;
      else if (depth == 0 && *p != '*' && *p != '_')
        g_string_append_c (clean, *p == ';' || *p == '&' || *p == '/' ? ',' : *p);
    }
  {
    /* “ and ” joins names too */
    g_autoptr(GRegex) and = g_regex_new ("\\s+and\\s+", G_REGEX_CASELESS, 0, NULL);
    g_autofree char *commas = g_regex_replace_literal (and, clean->str, -1, 0, ",", 0, NULL);
    parts = g_strsplit (commas != NULL ? commas : clean->str, ",", -1);
  }
  for (guint i = 0; parts[i] != NULL; i++)
    {
      KithTurnRole *entry;
      g_strstrip (parts[i]);
      if (*parts[i] == '\0' || g_utf8_strlen (parts[i], -1) > 60)
        continue;
      entry = g_new0 (KithTurnRole, 1);
      entry->role = g_strdup (role);
      entry->name = g_strdup (parts[i]);
      g_ptr_array_add (roles, entry);
    }
}

GPtrArray *
kith_turns_header_roles (const char *header,
                         gsize       len)
{
  GPtrArray *roles = g_ptr_array_new_with_free_func ((GDestroyNotify) turn_role_free);
  const char *end = header + len;

  for (const char *line = header; line < end;)
    {
      const char *nl = memchr (line, '\n', (gsize) (end - line));
      const char *line_end = nl != NULL ? nl : end;
      KithTurnLabel label = { 0 };

      const char *tab = memchr (line, '\t', (gsize) (line_end - line));

      if (kith_turn_label_parse (line, (gsize) (line_end - line), &label))
        {
          const char *value = g_utf8_offset_to_pointer (line, label.label_chars);
          g_autofree char *text = g_strndup (value, (gsize) MAX (line_end - value, 0));
          add_names (roles, label.speaker, text);
          kith_turn_label_clear (&label);
        }
      else if (tab != NULL)
        {
          /* a header table's row, “Interviewer⇥Grace Obi” (kith-import-docx.c):
           * the first cell is a role when it would be one before a colon */
          g_autofree char *role = g_strndup (line, (gsize) (tab - line));
          g_autofree char *labelled = g_strconcat (g_strchomp (role), role[0] != '\0' && g_str_has_suffix (role, ":") ? "" : ":", NULL);
          g_autofree char *value = g_strndup (tab + 1, (gsize) (line_end - tab - 1));
          if (kith_turn_label_parse (labelled, strlen (labelled), &label))
            {
              if ((glong) g_utf8_strlen (labelled, -1) == label.label_chars)
                add_names (roles, label.speaker, value);
              kith_turn_label_clear (&label);
            }
        }
      line = line_end + 1;
    }
  return roles;
}

static char *
fold (const char *s, gssize len)
{
  return g_utf8_casefold (s, len);
}

gboolean
kith_turns_speaker_is (const char *speaker,
                       const char *name)
{
  g_autofree char *a = fold (speaker, -1);
  g_autofree char *b = fold (name, -1);
  const char *space = strchr (b, ' ');

  /* “Grace” speaks; the header says “Grace Obi” */
  return g_str_equal (a, b) || (space != NULL && strlen (a) == (gsize) (space - b)
                                && strncmp (a, b, (gsize) (space - b)) == 0);
}

gboolean
kith_turns_role_is (const char *role,
                    const char *wanted)
{
  g_autofree char *a = fold (role, -1);
  g_autofree char *b = fold (wanted, -1);
  gsize la = strlen (a), lb = strlen (b);

  /* “Facilitators” is the role “facilitator”, and the other way round */
  if (la > 1 && a[la - 1] == 's')
    a[--la] = '\0';
  if (lb > 1 && b[lb - 1] == 's')
    b[--lb] = '\0';
  return g_str_equal (a, b);
}

/* ---- dialogue or not ------------------------------------------------------ */

/* A label's remainder of this many words or fewer, with no sentence end, is
 * a value (“Venue: Tipton Library”, “Theme 2: Safety”), not speech. */
#define VALUE_MAX_WORDS 6
/* a line of a paragraph of its own this short, with no sentence end, is a
 * heading (“Digital inclusion”, “What the Citizens Panel said:”) */
#define TITLE_MAX_WORDS 8

static gboolean
ends_sentence (gunichar c)
{
  /* a colon or semicolon ends a clause, but “Time: 18:30” is still a value */
  return kith_reflow_ends_sentence (c) && c != ':' && c != ';';
}

static gboolean
is_word_gap (gunichar c)
{
  /* ASCII as g_unichar_isspace() has it, without its table */
  if (c < 0x80)
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '*' || c == '_';
  return g_unichar_isspace (c);
}

/* Words from @p to @end, counted up to @cap + 1 (every caller only asks
 * whether there are at most @cap: long lines stop early), and the last
 * character that is not blank or Markdown emphasis (closing a label,
 * “**Mei:**”). */
static guint
count_words (const char *p,
             const char *end,
             guint       cap,
             gunichar   *last)
{
  const char *q = end;
  guint words = 0;
  gboolean in_word = FALSE;

  *last = 0;
  while (q > p)
    {
      const char *prev = g_utf8_find_prev_char (p, q);
      gunichar c = g_utf8_get_char (prev);
      if (!is_word_gap (c))
        {
          *last = c;
          break;
        }
      q = prev;
    }
  for (; p < q && words <= cap; p = g_utf8_next_char (p))
    {
      gboolean gap = is_word_gap (g_utf8_get_char (p));
      words += !gap && !in_word;
      in_word = !gap;
    }
  return words;
}

void
kith_turn_candidate_shape (KithTurnCandidate *candidate,
                           const char        *line,
                           gsize              len,
                           glong              label_chars)
{
  gunichar last;
  guint words = count_words (g_utf8_offset_to_pointer (line, label_chars), line + len, VALUE_MAX_WORDS, &last);

  candidate->alone = words == 0;
  candidate->value_like = words > 0 && words <= VALUE_MAX_WORDS && !ends_sentence (last);
}

gboolean
kith_turns_line_is_title (const char *line,
                          gsize       len)
{
  gunichar last;
  guint words = count_words (line, line + len, TITLE_MAX_WORDS, &last);

  return words > 0 && words <= TITLE_MAX_WORDS && !ends_sentence (last);
}

/* “Priority 3”, “Section IV”, “Phase B” → the label before the number
 * (owned), and in @rank the number's place in its series (3, 2) or 0 when
 * it has none that counts (IV, 3.1); NULL when the label does not end in a
 * number. */
static char *
numbered_base (const char *name,
               guint      *rank)
{
  const char *space = strrchr (name, ' ');
  const char *tab = strrchr (name, '\t');
  const char *last;
  gboolean digits = TRUE, roman = TRUE;
  guint64 value = 0;

  *rank = 0;
  if (tab != NULL && (space == NULL || tab > space))
    space = tab;
  if (space == NULL || space[1] == '\0')
    return NULL;
  last = space + 1;
  for (const char *p = last; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p) && !(*p == '.' && p > last && p[1] != '\0'))
        digits = FALSE;
      if (strchr ("IVXLC", *p) == NULL)
        roman = FALSE;
    }
  if (g_ascii_isupper (last[0]) && last[1] == '\0')
    *rank = (guint) (last[0] - 'A' + 1);
  else if (digits && g_ascii_string_to_unsigned (last, 10, 1, 9999, &value, NULL))
    *rank = (guint) value;
  else if (!digits && !roman)
    return NULL;
  return g_strndup (name, (gsize) (space - name));
}

typedef struct
{
  guint members;     /* distinct labels */
  guint most;        /* the most times one of them appears */
  guint last_rank, last_at;
  guint steps, next; /* from one member to the next in the text; by one up, no other label between */
} Series;

/* Marks the labels that are numbered headings: a series (“Priority 1”,
 * “Priority 2” …) whose members each appear once, or a few times counting
 * up one by one with no other label between, as headings do (a summary's
 * list, then the sections). Numbered speakers (“Participant 1”,
 * “Participant 2”) speak in any order, often with a facilitator between. */
static gboolean *
numbered_headings (const KithTurnCandidate *candidates,
                   guint                    n,
                   const char *const       *names,
                   guint                    n_names,
                   const guint             *count)
{
  gboolean *heading = g_new0 (gboolean, n_names);
  g_autoptr(GHashTable) series = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autofree char **bases = g_new0 (char *, n_names);
  g_autofree guint *ranks = g_new0 (guint, n_names);

  for (guint s = 0; s < n_names; s++)
    {
      Series *one;
      if (count[s] == 0 || (bases[s] = numbered_base (names[s], &ranks[s])) == NULL)
        continue;
      one = g_hash_table_lookup (series, bases[s]);
      if (one == NULL)
        g_hash_table_insert (series, g_strdup (bases[s]), one = g_new0 (Series, 1));
      one->members++;
      one->most = MAX (one->most, count[s]);
    }
  for (guint i = 0, at = 0; i < n; i++)
    {
      guint s = candidates[i].speaker;
      Series *one = bases[s] != NULL ? g_hash_table_lookup (series, bases[s]) : NULL;
      if (candidates[i].explicit_turn)
        continue;
      at++;
      if (one == NULL)
        continue;
      if (one->last_rank > 0 && ranks[s] > 0)
        {
          one->steps++;
          one->next += ranks[s] == one->last_rank + 1 && at == one->last_at + 1;
        }
      one->last_rank = ranks[s];
      one->last_at = at;
    }
  for (guint s = 0; s < n_names; s++)
    {
      Series *one = bases[s] != NULL ? g_hash_table_lookup (series, bases[s]) : NULL;
      if (one != NULL)
        heading[s] = one->members >= 2
                     && (one->most == 1
                         || (one->most <= 3 && one->steps > 0 && one->next * 5 >= one->steps * 4));
      g_free (bases[s]);
    }
  return heading;
}

/* Whether candidate @i is one of a block of one-off labels on consecutive
 * paragraphs: a header or a form (“Where: …” “When: …”), not speech. */
static gboolean
in_field_list (const KithTurnCandidate *candidates,
               guint                    n,
               guint                    i,
               const guint             *count)
{
  for (guint j = i > 0 ? i - 1 : 0; j <= i + 1 && j < n; j++)
    if (j != i && !candidates[j].explicit_turn && count[candidates[j].speaker] == 1
        && candidates[j].paragraph + 1 >= candidates[i].paragraph
        && candidates[j].paragraph <= candidates[i].paragraph + 1)
      return TRUE;
  return FALSE;
}

gboolean
kith_turns_choose (const KithTurnCandidate *candidates,
                   guint                    n,
                   const char *const       *names,
                   guint                    n_names,
                   guint                    n_paragraphs,
                   guint                    n_titles,
                   gboolean                 declared,
                   gboolean                *keep)
{
  g_autofree guint *count = g_new0 (guint, n_names);
  g_autofree guint *values = g_new0 (guint, n_names);
  g_autofree guint *headings = g_new0 (guint, n_names);
  g_autofree guint *followed = g_new0 (guint, n_names);
  g_autofree guint *alternated = g_new0 (guint, n_names);
  g_autofree gboolean *speaks = g_new0 (gboolean, n_names);
  g_autofree gboolean *series = NULL;
  guint n_speaking = 0, speaking_turns = 0, single = 0, repeated = 0, first_paragraph = G_MAXUINT;
  guint titles_before = 0, label_titles = 0;
  gboolean dialogue, plainly, started = FALSE;
  const KithTurnCandidate *prev = NULL;

  for (guint i = 0; i < n; i++)
    if (!candidates[i].explicit_turn)
      count[candidates[i].speaker]++;
  series = numbered_headings (candidates, n, names, n_names, count);

  /* who takes turns: each eligible label against the next one */
  for (guint i = 0; i < n; i++)
    {
      const KithTurnCandidate *c = &candidates[i];
      if (c->explicit_turn || series[c->speaker] || c->list_after)
        continue;
      values[c->speaker] += c->value_like;
      headings[c->speaker] += c->blank_after;
      if (prev != NULL)
        {
          followed[prev->speaker]++;
          alternated[prev->speaker] += prev->speaker != c->speaker;
        }
      prev = c;
    }
  for (guint s = 0; s < n_names; s++)
    {
      /* a label alone on its line before a blank one is a heading's shape:
       * as a speaker it must alternate nearly always */
      guint share = headings[s] * 2 > count[s] ? 80 : 50;
      if (series[s] || count[s] == 0)
        continue;
      if (count[s] == 1)
        single++;
      else
        repeated++;
      speaks[s] = count[s] >= 2 && values[s] * 2 <= count[s] && followed[s] > 0
                  && alternated[s] * 100 >= followed[s] * share;
      if (speaks[s])
        {
          n_speaking++;
          speaking_turns += count[s];
        }
    }
  for (guint i = 0; i < n && first_paragraph == G_MAXUINT; i++)
    if (!candidates[i].explicit_turn && speaks[candidates[i].speaker])
      {
        first_paragraph = candidates[i].paragraph;
        titles_before = candidates[i].titles_before;
      }

  /* headings written as labels (“Priority 2: Healthy Lives”) break up
   * the text as much as any */
  for (guint i = 0; i < n; i++)
    {
      const KithTurnCandidate *c = &candidates[i];
      if (!c->explicit_turn && c->paragraph > first_paragraph && !speaks[c->speaker]
          && (series[c->speaker] || c->list_after || c->value_like || c->blank_after))
        label_titles++;
    }
  /* turns are a fair share of the paragraphs from the first one on: a
   * report's few labelled lines are lost among its paragraphs */
  dialogue = n_speaking >= 2 && first_paragraph < n_paragraphs
             && speaking_turns * 5 >= n_paragraphs - first_paragraph
             /* and a conversation is not broken up by headings */
             && (n_titles - titles_before + label_titles) * 3 < speaking_turns;
  /* someone who speaks once counts in a conversation made mostly of turns */
  plainly = dialogue && single * 2 <= speaking_turns;

  for (guint i = 0; i < n; i++)
    {
      const KithTurnCandidate *c = &candidates[i];
      guint s = c->speaker;

      keep[i] = FALSE;
      if (c->explicit_turn)
        {
          keep[i] = TRUE;
          continue;
        }
      if (series[s] || c->list_after || !(dialogue || declared))
        continue;
      if (speaks[s])
        keep[i] = started = TRUE;
      else if (c->timestamp_ms >= 0)
        keep[i] = TRUE;
      /* a one-off label before the conversation is a header line
       * (“Interviewer: Grace Obi”) */
      else if (count[s] != 1 || in_field_list (candidates, n, i, count))
        continue;
      else if (started && (plainly || declared))
        keep[i] = TRUE;
      /* the user says this is a transcript, and no label repeats */
      else if (declared && repeated == 0 && !c->value_like)
        keep[i] = TRUE;
    }
  return dialogue;
}
