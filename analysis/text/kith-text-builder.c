/* kith-text-builder.c
 *
 * Stages, all streaming:
 *   canonicalise  CRLF and lone CR to LF, a leading U+FEFF dropped, NUL refused
 *   sample        the first megabyte is held to learn the document's line
 *                 width, its words and its page furniture
 *   lines         furniture dropped; lines gather into blocks (runs between
 *                 blank lines); a finished block waits for the next one,
 *                 which decides whether a paragraph goes on across the gap
 *   emit          counts code points, notes where turns begin, spools bytes
 */
#include <string.h>

#include "kith-error.h"
#include "kith-furniture.h"
#include "kith-text-builder.h"
#include "kith-i18n.h"
#include "kith-utf8.h"

#define SAMPLE_BYTES    (1024 * 1024)
#define LINE_CAP        (64 * 1024)        /* longer lines pass straight through */
#define SPOOL_IN_MEMORY (16 * 1024 * 1024)
#define FLUSH_BYTES     (256 * 1024)
#define BLOCK_LINES     4096               /* a block this long is let go */
#define BLOCK_BYTES     (1024 * 1024)

typedef struct
{
  KithLineKind  kind;
  gboolean      starts_turn;
  KithTurnLabel label;         /* when it starts a turn: parsed once, kept for emit_line */
  gboolean      newline;       /* ended by a line feed */
  gboolean      noted;         /* counted for turn detection (not in a fence) */
  gsize         len;
  char          text[];        /* @len bytes and a NUL: one allocation a line */
} Line;

typedef struct
{
  GPtrArray       *lines;      /* Line */
  GArray          *joins;      /* KithJoin: how line i meets line i + 1 */
  KithReflowBlock  last;       /* the judgement of its last part */
  gsize            bytes;
} Block;

typedef struct
{
  gint64 start;
  gint64 speech_start;
  gint64 content_end_before;  /* end of the non-blank text before this line */
} Candidate;

struct _KithTextBuilder
{
  KithReflowMode    reflow_mode;
  KithSpeakerPolicy speakers_policy;
  KithReflowPlan    plan;
  gboolean          finished;

  /* canonicalise */
  gboolean  at_start;
  gboolean  pending_cr;
  gint64    in_chars;

  /* sample */
  gboolean  sampling;
  GString  *sample;

  /* lines */
  GString  *line;          /* the line being read */
  gboolean  passthrough;   /* inside a line longer than LINE_CAP */
  KithFurniture *furniture;
  Block    *held;          /* a finished block, waiting for the next */
  GPtrArray *gap;          /* the blank lines after it (Line) */
  gboolean  gap_furniture; /* furniture was dropped from the gap */
  gboolean  furniture_at_start; /* the text began with furniture */
  Block    *current;       /* the block being read */
  gboolean  in_fence;
  guint     n_joined;
  guint     n_furniture;

  /* emit */
  GString  *out;
  KithSpool *spool;
  gint64    out_chars;
  gint64    out_bytes;
  gint64    content_end;   /* offset just after the last non-blank character */

  /* turns */
  GArray     *candidates;
  GArray     *shapes;        /* KithTurnCandidate, one per candidate */
  GPtrArray  *speakers;      /* names */
  GHashTable *speaker_index; /* name → index + 1 */
  gboolean    explicit_turns;
  guint       n_paragraphs;  /* paragraphs seen, as turn detection counts them */
  gboolean    prev_blank;    /* the last line seen was blank (or none yet) */
  gboolean    prev_unwrapped; /* … or too long to be a wrapped line */
  gboolean    absorb_next;   /* a label alone on its line: its words follow */
  gsize       paragraph_bytes; /* of the paragraph being read */
  gsize       prose_bytes;     /* in paragraphs long enough to be prose */
  gsize       text_bytes;      /* in non-blank lines */
  guint       n_prose;
  guint       paragraph_lines;
  gboolean    paragraph_title; /* its first line reads as a heading */
  guint       n_titles;        /* one-line paragraphs that read as headings */
  GPtrArray  *turns;
  guint       n_speakers;
};

static Line *
line_new (const char *text,
          gsize       len)
{
  Line *l = g_malloc (sizeof (Line) + len + 1);

  memset (l, 0, sizeof (Line));
  memcpy (l->text, text, len);
  l->text[len] = '\0';
  l->len = len;
  return l;
}

static void
line_free (gpointer data)
{
  Line *l = data;

  kith_turn_label_clear (&l->label);
  g_free (l);
}

static Block *
block_new (void)
{
  Block *block = g_new0 (Block, 1);

  block->lines = g_ptr_array_new_with_free_func (line_free);
  block->joins = g_array_new (FALSE, FALSE, sizeof (KithJoin));
  return block;
}

static void
block_free (Block *block)
{
  if (block == NULL)
    return;
  g_ptr_array_unref (block->lines);
  g_array_unref (block->joins);
  g_free (block);
}

KithTextBuilder *
kith_text_builder_new (KithReflowMode    reflow,
                       KithSpeakerPolicy speakers)
{
  KithTextBuilder *b = g_new0 (KithTextBuilder, 1);

  b->reflow_mode = reflow;
  b->speakers_policy = speakers;
  kith_reflow_plan_init (&b->plan);
  b->at_start = TRUE;
  b->sampling = reflow == KITH_REFLOW_AUTO || reflow == KITH_REFLOW_ALWAYS;
  b->sample = g_string_new (NULL);
  b->line = g_string_new (NULL);
  b->furniture = kith_furniture_new ();
  b->gap = g_ptr_array_new_with_free_func (line_free);
  b->current = block_new ();
  b->plan.force = reflow == KITH_REFLOW_ALWAYS;
  b->out = g_string_sized_new (FLUSH_BYTES + 1024);
  b->spool = kith_spool_new (SPOOL_IN_MEMORY);
  b->candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  b->shapes = g_array_new (FALSE, FALSE, sizeof (KithTurnCandidate));
  b->speakers = g_ptr_array_new_with_free_func (g_free);
  b->speaker_index = g_hash_table_new (g_str_hash, g_str_equal);
  b->prev_blank = TRUE;
  b->turns = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_turn_free);
  return b;
}

void
kith_text_builder_free (KithTextBuilder *b)
{
  if (b == NULL)
    return;
  kith_reflow_plan_clear (&b->plan);
  g_string_free (b->sample, TRUE);
  g_string_free (b->line, TRUE);
  kith_furniture_free (b->furniture);
  block_free (b->held);
  block_free (b->current);
  g_ptr_array_unref (b->gap);
  g_string_free (b->out, TRUE);
  kith_spool_free (b->spool);
  g_array_unref (b->candidates);
  g_array_unref (b->shapes);
  g_hash_table_unref (b->speaker_index);
  g_ptr_array_unref (b->speakers);
  g_ptr_array_unref (b->turns);
  g_free (b);
}

/* ---- emit ---------------------------------------------------------------- */

static gboolean
flush_out (KithTextBuilder *b,
           GError         **error)
{
  if (b->out->len == 0)
    return TRUE;
  if (!kith_spool_write (b->spool, b->out->str, b->out->len, error))
    return FALSE;
  g_string_truncate (b->out, 0);
  return TRUE;
}

static gboolean
emit (KithTextBuilder *b,
      const char      *s,
      gsize            n,
      GError         **error)
{
  const guint8 *p = (const guint8 *) s;
  gsize blank_end = 0;

  /* Blanks are one byte each: the last non-blank character ends as many
   * characters before the end as there are blank bytes after it. */
  while (blank_end < n && (p[n - 1 - blank_end] == ' ' || p[n - 1 - blank_end] == '\t'
                           || p[n - 1 - blank_end] == '\n'))
    blank_end++;
  b->out_chars += kith_utf8_count_chars (s, n);
  if (blank_end < n)
    b->content_end = b->out_chars - (gint64) blank_end;
  b->out_bytes += n;
  if (b->out_bytes > KITH_MAX_TEXT_BYTES)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_TOO_LARGE,
                   _("the text is too large (Kith stores up to %d MB of text per document)"),
                   KITH_MAX_TEXT_BYTES / (1024 * 1024));
      return FALSE;
    }
  g_string_append_len (b->out, s, n);
  if (b->out->len >= FLUSH_BYTES)
    return flush_out (b, error);
  return TRUE;
}

/* ---- turns --------------------------------------------------------------- */

static guint
intern_speaker (KithTextBuilder *b,
                const char      *name)
{
  gpointer found = g_hash_table_lookup (b->speaker_index, name);

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;
  g_ptr_array_add (b->speakers, g_strdup (name));
  g_hash_table_insert (b->speaker_index, g_ptr_array_index (b->speakers, b->speakers->len - 1),
                       GUINT_TO_POINTER (b->speakers->len));
  return b->speakers->len - 1;
}

/* @line is the label's line, NULL for a turn the format gives. */
static void
add_candidate (KithTextBuilder *b,
               const char      *speaker,
               gint64           timestamp_ms,
               glong            label_chars,
               const char      *line,
               gsize            len)
{
  Candidate c = {
    .start = b->out_chars,
    .speech_start = b->out_chars + label_chars,
    .content_end_before = b->content_end,
  };
  KithTurnCandidate shape = {
    .speaker = intern_speaker (b, speaker),
    .timestamp_ms = timestamp_ms,
    .explicit_turn = line == NULL,
    .paragraph = b->n_paragraphs,
    .titles_before = b->n_titles,
  };

  if (line != NULL)
    kith_turn_candidate_shape (&shape, line, len, label_chars);
  g_array_append_val (b->candidates, c);
  g_array_append_val (b->shapes, shape);
}

/* Hard wraps come at 60 to 100 characters: a longer line is a paragraph of
 * its own. */
#define UNWRAPPED_CHARS 110

/* A paragraph of this many bytes (some fifty words) is prose, not a
 * heading, list item, form field or short note. */
#define PROSE_BYTES 300

static void
end_paragraph (KithTextBuilder *b)
{
  if (b->paragraph_bytes >= PROSE_BYTES)
    {
      b->n_prose++;
      b->prose_bytes += b->paragraph_bytes;
    }
  if (b->paragraph_lines == 1 && b->paragraph_title)
    b->n_titles++;
  b->paragraph_bytes = 0;
  b->paragraph_lines = 0;
  b->paragraph_title = FALSE;
}

/* Counts paragraphs the way turn detection needs them: a label line, a list
 * item, a line after a blank one or after a line too long to be wrapped
 * starts one; the words under a label alone on its line belong to it. Call after add_candidate for the line. */
static void
note_line (KithTextBuilder *b,
           const char      *line,
           gsize            len,
           KithLineKind     kind,
           gboolean         is_label)
{
  gboolean blank = kind == KITH_LINE_BLANK;
  KithTurnCandidate *last = b->shapes->len > 0
                            ? &g_array_index (b->shapes, KithTurnCandidate, b->shapes->len - 1) : NULL;

  if (last != NULL && blank && !b->prev_blank && last->alone && last->paragraph + 1 == b->n_paragraphs
      && b->absorb_next)
    last->blank_after = TRUE;
  if (!blank && (is_label || b->prev_blank || b->prev_unwrapped || kind == KITH_LINE_LIST
                 || kind == KITH_LINE_STRUCTURE))
    {
      end_paragraph (b);
      /* the paragraph before a label ends only now */
      if (is_label)
        last->titles_before = b->n_titles;
      b->paragraph_title = !is_label && kind != KITH_LINE_LIST && kith_turns_line_is_title (line, len);
      if (b->absorb_next && kind == KITH_LINE_LIST)
        last->list_after = TRUE;
      if (is_label || !b->absorb_next)
        b->n_paragraphs++;
      b->absorb_next = is_label && last->alone;
    }
  b->prev_blank = blank;
  /* a character is at most four bytes: a line four times as long needs no count */
  b->prev_unwrapped = len > UNWRAPPED_CHARS
                      && (len > 4 * UNWRAPPED_CHARS || kith_utf8_count_chars (line, len) > UNWRAPPED_CHARS);
  if (!blank)
    {
      b->paragraph_lines++;
      b->paragraph_bytes += len;
      b->text_bytes += len;
    }
}

static gboolean flush_lines (KithTextBuilder *b, GError **error);

gboolean
kith_text_builder_begin_turn (KithTextBuilder *b,
                              const char      *speaker,
                              gint64           timestamp_ms,
                              glong            label_chars,
                              GError         **error)
{
  g_return_val_if_fail (b != NULL && speaker != NULL && *speaker != '\0', FALSE);
  g_return_val_if_fail (b->reflow_mode == KITH_REFLOW_NEVER, FALSE);
  g_return_val_if_fail (b->line->len == 0 && !b->passthrough && !b->pending_cr, FALSE);

  /* Lines wait in blocks to decide how they meet; without reflow they
   * never join, so emit them now and the turn starts exactly at the
   * current end of the text. */
  if (!flush_lines (b, error))
    return FALSE;
  b->explicit_turns = TRUE;
  add_candidate (b, speaker, timestamp_ms, label_chars, NULL, 0);
  return TRUE;
}

static void
detect_turn (KithTextBuilder *b,
             const char      *line,
             gsize            len)
{
  KithTurnLabel label;
  gboolean found;

  if (b->speakers_policy == KITH_SPEAKERS_NONE || b->explicit_turns || b->in_fence)
    return;
  found = kith_turn_label_parse (line, len, &label);
  if (found)
    add_candidate (b, label.speaker, label.timestamp_ms, label.label_chars, line, len);
  note_line (b, line, len, kith_reflow_classify (line, len), found);
  if (found)
    kith_turn_label_clear (&label);
}

/* Keeps the labels that are speakers (kith_turns_choose) and gives every
 * turn its end. */
static void
resolve_turns (KithTextBuilder *b)
{
  g_autofree gboolean *keep = g_new0 (gboolean, MAX (b->candidates->len, 1));
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) distinct = g_hash_table_new (NULL, NULL);

  end_paragraph (b);
  kith_turns_choose ((const KithTurnCandidate *) (gpointer) b->shapes->data, b->shapes->len,
                     (const char *const *) b->speakers->pdata, b->speakers->len, b->n_paragraphs, b->n_titles,
                     b->speakers_policy == KITH_SPEAKERS_ALL, keep);
  for (guint i = 0; i < b->candidates->len; i++)
    if (keep[i])
      {
        g_array_append_val (kept, i);
        g_hash_table_add (distinct, GUINT_TO_POINTER (g_array_index (b->shapes, KithTurnCandidate, i).speaker + 1));
      }
  b->n_speakers = g_hash_table_size (distinct);

  for (guint k = 0; k < kept->len; k++)
    {
      guint i = g_array_index (kept, guint, k);
      const Candidate *c = &g_array_index (b->candidates, Candidate, i);
      const KithTurnCandidate *shape = &g_array_index (b->shapes, KithTurnCandidate, i);
      KithTurn *turn = kith_turn_new ();
      gint64 end = k + 1 < kept->len
                   ? g_array_index (b->candidates, Candidate, g_array_index (kept, guint, k + 1)).content_end_before
                   : b->content_end;

      turn->start = c->start;
      turn->speech_start = c->speech_start;
      turn->end = MAX (end, c->speech_start);
      turn->speaker = g_strdup (g_ptr_array_index (b->speakers, shape->speaker));
      turn->timestamp_ms = shape->timestamp_ms;
      g_ptr_array_add (b->turns, turn);
    }
}

/* ---- lines --------------------------------------------------------------- */

static gsize
trimmed_right (const Line *l)
{
  gsize n = l->len;

  while (n > 0 && (l->text[n - 1] == ' ' || l->text[n - 1] == '\t'))
    n--;
  return n;
}

static gsize
leading_blank (const char *s, gsize n)
{
  gsize i = 0;

  while (i < n && (s[i] == ' ' || s[i] == '\t'))
    i++;
  return i;
}

static gboolean
reflowing (KithTextBuilder *b)
{
  return b->reflow_mode != KITH_REFLOW_NEVER;
}

static KithReflowLine
reflow_line (const Line *l)
{
  return (KithReflowLine) { l->text, l->len, l->kind, l->starts_turn };
}

static gboolean
emit_line_end (KithTextBuilder *b, const Line *l, GError **error)
{
  return !l->newline || emit (b, "\n", 1, error);
}

/* Emits @line, joined to the next one by @join (KITH_JOIN_NONE: a line end).
 * @skip leading bytes were joined away into the line before. */
static gboolean
emit_line (KithTextBuilder *b,
           const Line      *l,
           gsize            skip,
           KithJoin         join,
           GError         **error)
{
  const char *text = l->text + skip;
  gsize t = trimmed_right (l);

  gboolean is_label = FALSE;

  if (skip == 0 && l->starts_turn)
    {
      add_candidate (b, l->label.speaker, l->label.timestamp_ms, l->label.label_chars,
                     l->text, l->len);
      is_label = TRUE;
    }
  if (l->noted)
    note_line (b, l->text, l->len, l->kind, is_label);
  if (join != KITH_JOIN_NONE)
    b->n_joined++;
  switch (join)
    {
    case KITH_JOIN_NONE:
      return emit (b, text, l->len - skip, error) && emit_line_end (b, l, error);
    case KITH_JOIN_SPACE:
      return emit (b, text, MAX (t, skip) - skip, error) && emit (b, " ", 1, error);
    case KITH_JOIN_KEEP_HYPHEN:
      return emit (b, text, MAX (t, skip) - skip, error);
    case KITH_JOIN_DEHYPHENATE:
      {
        const char *hyphen = g_utf8_find_prev_char (l->text, l->text + t);
        return emit (b, text, (gsize) (hyphen - text), error);
      }
    default:
      g_assert_not_reached ();
    }
}

static gboolean
emit_block (KithTextBuilder *b,
            Block           *block,
            GError         **error)
{
  gsize skip = 0;

  for (guint i = 0; i < block->lines->len; i++)
    {
      const Line *l = g_ptr_array_index (block->lines, i);
      KithJoin join = i < block->joins->len ? g_array_index (block->joins, KithJoin, i) : KITH_JOIN_NONE;

      if (!emit_line (b, l, skip, join, error))
        return FALSE;
      skip = 0;
      if (join != KITH_JOIN_NONE && i + 1 < block->lines->len)
        {
          const Line *next = g_ptr_array_index (block->lines, i + 1);
          skip = leading_blank (next->text, next->len);
        }
    }
  return TRUE;
}

static gboolean
emit_gap (KithTextBuilder *b,
          GError         **error)
{
  gboolean ok = TRUE;

  /* furniture dropped from between two paragraphs leaves one blank line */
  if (b->gap_furniture && b->gap->len > 0)
    {
      const Line *l = g_ptr_array_index (b->gap, 0);
      if (l->noted)
        note_line (b, "", 0, KITH_LINE_BLANK, FALSE);
      ok = emit (b, "\n", 1, error);
    }
  else
    for (guint i = 0; i < b->gap->len && ok; i++)
      {
        const Line *l = g_ptr_array_index (b->gap, i);
        if (l->noted)
          note_line (b, l->text, l->len, KITH_LINE_BLANK, FALSE);
        ok = emit (b, l->text, l->len, error) && emit_line_end (b, l, error);
      }
  g_ptr_array_set_size (b->gap, 0);
  b->gap_furniture = FALSE;
  return ok;
}

/* The block being read is finished: judge its lines, then join it to the
 * block before across the gap, or let that one go. */
static gboolean
finish_block (KithTextBuilder *b,
              GError         **error)
{
  Block *block = b->current;
  guint n = block->lines->len;
  KithJoin gap_join = KITH_JOIN_NONE;

  if (n == 0)
    return TRUE;
  b->current = block_new ();
  g_array_set_size (block->joins, n - 1);
  if (reflowing (b))
    {
      g_autofree KithReflowLine *lines = g_new (KithReflowLine, n);
      for (guint i = 0; i < n; i++)
        lines[i] = reflow_line (g_ptr_array_index (block->lines, i));
      kith_reflow_decide_block (&b->plan, lines, n, &block->last,
                                n > 1 ? (KithJoin *) (void *) block->joins->data : NULL);
      if (b->held != NULL)
        {
          Line *prev = g_ptr_array_index (b->held->lines, b->held->lines->len - 1);
          KithReflowLine a = reflow_line (prev);
          gap_join = kith_reflow_decide_gap (&b->plan, &b->held->last, &a, &lines[0]);
        }
    }
  else if (n > 1)
    memset (block->joins->data, 0, sizeof (KithJoin) * (n - 1));

  if (b->held != NULL && gap_join != KITH_JOIN_NONE && b->held->bytes + block->bytes <= BLOCK_BYTES)
    {
      Block *held = b->held;
      g_array_append_val (held->joins, gap_join);
      g_array_append_vals (held->joins, block->joins->data, block->joins->len);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (held->lines, g_ptr_array_steal_index (block->lines, 0));
      held->last = block->last;
      held->bytes += block->bytes;
      g_ptr_array_set_size (b->gap, 0);
      b->gap_furniture = FALSE;
      block_free (block);
      return TRUE;
    }
  if (b->held != NULL && !emit_block (b, b->held, error))
    {
      block_free (block);
      return FALSE;
    }
  block_free (b->held);
  b->held = block;
  return emit_gap (b, error);
}

/* Emits every line read so far. */
static gboolean
flush_lines (KithTextBuilder *b,
             GError         **error)
{
  if (!finish_block (b, error))
    return FALSE;
  if (b->held != NULL)
    {
      gboolean ok = emit_block (b, b->held, error);
      g_clear_pointer (&b->held, block_free);
      if (!ok)
        return FALSE;
    }
  return emit_gap (b, error);
}

static gboolean
handle_line (KithTextBuilder *b,
             const char      *line,
             gsize            len,
             gboolean         newline,
             GError         **error)
{
  Line *l;
  KithLineKind kind;

  if (reflowing (b) && !b->in_fence)
    {
      gsize keep_start, keep_end;
      if (kith_furniture_strip (b->furniture, line, len, &keep_start, &keep_end))
        {
          b->n_furniture++;
          if (b->current->lines->len == 0)
            b->gap_furniture = TRUE;
          if (b->held == NULL && b->out_bytes == 0)
            b->furniture_at_start = TRUE;
          return TRUE;
        }
      if (keep_start > 0 || keep_end < len)
        {
          b->n_furniture++;
          line += keep_start;
          len = keep_end - keep_start;
        }
    }

  if (reflowing (b) && b->plan.spaced_capitals && !b->in_fence)
    {
      g_autofree char *closed = kith_reflow_close_spaced_capitals (line, len);
      l = line_new (closed, strlen (closed));
    }
  else
    l = line_new (line, len);
  line = l->text;
  len = l->len;
  kind = kith_reflow_classify (line, len);
  l->newline = newline;
  l->noted = !b->in_fence && b->speakers_policy != KITH_SPEAKERS_NONE && !b->explicit_turns;
  if (b->in_fence && kind != KITH_LINE_FENCE)
    l->kind = kind == KITH_LINE_BLANK ? KITH_LINE_BLANK : KITH_LINE_STRUCTURE;
  else
    {
      l->kind = kind;
      if (kind != KITH_LINE_BLANK && b->speakers_policy != KITH_SPEAKERS_NONE && !b->explicit_turns)
        l->starts_turn = kith_turn_label_parse (line, len, &l->label);
    }
  if (kind == KITH_LINE_FENCE)
    b->in_fence = !b->in_fence;

  if (l->kind == KITH_LINE_BLANK)
    {
      if (!finish_block (b, error))
        {
          line_free (l);
          return FALSE;
        }
      if (b->held == NULL)
        {
          /* blank lines around a running header that opened the text */
          gboolean ok = b->furniture_at_start;
          if (!ok)
            {
              if (l->noted)
                note_line (b, l->text, l->len, KITH_LINE_BLANK, FALSE);
              ok = emit (b, l->text, l->len, error) && emit_line_end (b, l, error);
            }
          line_free (l);
          return ok;
        }
      g_ptr_array_add (b->gap, l);
      return TRUE;
    }
  g_ptr_array_add (b->current->lines, l);
  b->current->bytes += len;
  if (b->current->lines->len >= BLOCK_LINES || b->current->bytes >= BLOCK_BYTES)
    return finish_block (b, error);
  return TRUE;
}

/* A line past LINE_CAP: it cannot be a wrapped line, so it is emitted as it
 * comes, and never joined to its neighbours. */
static gboolean
begin_passthrough (KithTextBuilder *b,
                   GError         **error)
{
  if (!flush_lines (b, error))
    return FALSE;
  detect_turn (b, b->line->str, b->line->len);
  if (!emit (b, b->line->str, b->line->len, error))
    return FALSE;
  g_string_truncate (b->line, 0);
  b->passthrough = TRUE;
  return TRUE;
}

static gboolean
feed_lines (KithTextBuilder *b,
            const char      *s,
            gsize            n,
            GError         **error)
{
  const char *end = s + n;
  gboolean pages = reflowing (b);

  while (s < end)
    {
      const char *nl = memchr (s, '\n', (gsize) (end - s));
      gsize chunk;
      gboolean page_break;

      /* the line ends at its line feed, or at a form feed before it */
      if (pages)
        {
          const char *ff = memchr (s, '\f', (gsize) ((nl != NULL ? nl : end) - s));
          if (ff != NULL)
            nl = ff;
        }
      chunk = nl != NULL ? (gsize) (nl - s) : (gsize) (end - s);
      page_break = nl != NULL && *nl == '\f';

      if (b->passthrough)
        {
          if (!emit (b, s, chunk, error))
            return FALSE;
          if (nl != NULL)
            {
              b->passthrough = FALSE;
                      if (!emit (b, "\n", 1, error))
                return FALSE;
            }
        }
      else
        {
          g_string_append_len (b->line, s, chunk);
          if (nl != NULL)
            {
              /* a form feed ends a page: a line end and a blank line */
              if (!handle_line (b, b->line->str, b->line->len, TRUE, error)
                  || (page_break && !handle_line (b, "", 0, TRUE, error)))
                return FALSE;
              g_string_truncate (b->line, 0);
            }
          else if (b->line->len > LINE_CAP)
            {
              if (!begin_passthrough (b, error))
                return FALSE;
            }
        }
      s += chunk + (nl != NULL);
    }
  return TRUE;
}

static gboolean
end_sampling (KithTextBuilder *b,
              GError         **error)
{
  gboolean ok;

  b->sampling = FALSE;
  if (reflowing (b))
    {
      kith_reflow_plan_analyse (&b->plan, b->sample->str, b->sample->len);
      kith_furniture_learn (b->furniture, b->sample->str, b->sample->len);
    }
  ok = feed_lines (b, b->sample->str, b->sample->len, error);
  g_string_free (b->sample, TRUE);
  b->sample = g_string_new (NULL);
  return ok;
}

/* ---- canonicalise -------------------------------------------------------- */

static gboolean
take_canonical (KithTextBuilder *b,
                const char      *s,
                gsize            n,
                GError         **error)
{
  if (n == 0)
    return TRUE;
  if (b->sampling)
    {
      g_string_append_len (b->sample, s, n);
      if (b->sample->len >= SAMPLE_BYTES)
        return end_sampling (b, error);
      return TRUE;
    }
  return feed_lines (b, s, n, error);
}

gboolean
kith_text_builder_append (KithTextBuilder *b,
                          const char      *text,
                          gsize            len,
                          GError         **error)
{
  const char *p = text, *end = text + len;

  g_return_val_if_fail (b != NULL && !b->finished, FALSE);

  if (b->at_start && len > 0)
    {
      if (len >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
      b->at_start = FALSE;
    }
  if (b->pending_cr && p < end)
    {
      b->pending_cr = FALSE;
      if (*p == '\n')
        p++;
      if (!take_canonical (b, "\n", 1, error))
        return FALSE;
      b->in_chars++;
    }
  while (p < end)
    {
      /* runs without CR or NUL go through whole */
      const char *q = memchr (p, '\r', (gsize) (end - p));
      const char *nul = memchr (p, '\0', (gsize) ((q != NULL ? q : end) - p));

      if (nul != NULL)
        q = nul;
      else if (q == NULL)
        q = end;
      if (!take_canonical (b, p, (gsize) (q - p), error))
        return FALSE;
      b->in_chars += kith_utf8_count_chars (p, (gsize) (q - p));
      if (q == end)
        break;
      if (*q == '\0')
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_BINARY,
                       _("the text contains a NUL character (at character %lld), so it is not plain text"),
                       (long long) b->in_chars);
          return FALSE;
        }
      /* CR: CRLF and a lone CR both become LF */
      if (q + 1 == end)
        {
          b->pending_cr = TRUE;
          break;
        }
      if (!take_canonical (b, "\n", 1, error))
        return FALSE;
      b->in_chars++;
      p = q + 1 + (q[1] == '\n');
    }
  return TRUE;
}

gboolean
kith_text_builder_finish (KithTextBuilder *b,
                          GError         **error)
{
  g_return_val_if_fail (b != NULL && !b->finished, FALSE);

  b->finished = TRUE;
  if (b->pending_cr && !take_canonical (b, "\n", 1, error))
    return FALSE;
  if (b->sampling && !end_sampling (b, error))
    return FALSE;
  if (b->passthrough)
    b->passthrough = FALSE;
  else if (b->line->len > 0 && !handle_line (b, b->line->str, b->line->len, FALSE, error))
    return FALSE;
  if (!flush_lines (b, error))
    return FALSE;
  if (!flush_out (b, error))
    return FALSE;
  if (b->content_end == 0)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_EMPTY, _("the file contains no text"));
      return FALSE;
    }
  resolve_turns (b);
  return TRUE;
}

KithSpool *
kith_text_builder_get_spool (KithTextBuilder *b)
{
  return b->spool;
}

gint64
kith_text_builder_get_n_chars (KithTextBuilder *b)
{
  return b->out_chars;
}

gint64
kith_text_builder_get_n_bytes (KithTextBuilder *b)
{
  return b->out_bytes;
}

gboolean
kith_text_builder_get_reflowed (KithTextBuilder *b)
{
  return b->n_joined > 0;
}

guint
kith_text_builder_get_n_joined (KithTextBuilder *b)
{
  return b->n_joined;
}

guint
kith_text_builder_get_n_furniture (KithTextBuilder *b)
{
  return b->n_furniture;
}

GPtrArray *
kith_text_builder_get_turns (KithTextBuilder *b)
{
  return b->turns;
}

guint
kith_text_builder_get_n_speakers (KithTextBuilder *b)
{
  return b->n_speakers;
}

gboolean
kith_text_builder_get_mostly_prose (KithTextBuilder *b)
{
  return b->n_prose >= 2 && b->prose_bytes * 2 >= b->text_bytes;
}

char *
kith_canonicalize_text (const char     *text,
                        gssize          len,
                        KithReflowMode  reflow,
                        GPtrArray     **turns,
                        GError        **error)
{
  g_autoptr(KithTextBuilder) b = kith_text_builder_new (reflow, KITH_SPEAKERS_REPEATED);
  KithSpool *spool;

  if (len < 0)
    len = (gssize) strlen (text);
  if (!kith_text_builder_append (b, text, (gsize) len, error)
      || !kith_text_builder_finish (b, error))
    return NULL;
  spool = kith_text_builder_get_spool (b);
  g_return_val_if_fail (kith_spool_peek (spool) != NULL, NULL);  /* small texts only */
  if (turns != NULL)
    *turns = g_ptr_array_ref (b->turns);
  return g_strndup (kith_spool_peek (spool), (gsize) kith_spool_get_size (spool));
}
