/* kith-import-captions.c — WebVTT and SRT captions (Teams, Zoom, Otter)
 *
 * Cue numbers, timing lines, styling and notes are not text. A cue's voice
 * (<v Name> in WebVTT, or a “Name:” prefix used on at least two cues) makes
 * it speech by that speaker; consecutive cues of one speaker merge into one
 * turn, and a cue without a voice continues the turn before it. Each turn
 * is one paragraph that reads like a transcript:
 *
 *     [00:01:05] Grace Obi: Thanks for coming. Shall we start?
 *
 * with the turn's timestamp (the first cue's start) and speaker in the
 * turns table; the turn's words start after “Grace Obi: ”. Cues before any
 * speaker (or in files without voices) become paragraphs “[00:00:01] text”
 * of their own. Paragraphs are separated by blank lines.
 */
#include <string.h>

#include "kith-import-private.h"
#include "kith-i18n.h"
#include "kith-turns.h"

#define MAX_CAPTION_BYTES ((goffset) 256 * 1024 * 1024)

typedef struct
{
  gint64  start_ms;
  char   *speaker;  /* NULL: no voice */
  char   *text;
  guint   line;
} Cue;

static void
cue_clear (Cue *cue)
{
  g_free (cue->speaker);
  g_free (cue->text);
}

/* ---- claims --------------------------------------------------------------- */

static const char *
skip_bom (const guint8 *head, gsize *len)
{
  if (*len >= 3 && memcmp (head, "\xEF\xBB\xBF", 3) == 0)
    {
      *len -= 3;
      return (const char *) head + 3;
    }
  return (const char *) head;
}

gboolean
kith_import_webvtt_claims (const guint8 *head,
                           gsize         len)
{
  const char *p = skip_bom (head, &len);

  return len >= 6 && memcmp (p, "WEBVTT", 6) == 0
         && (len == 6 || p[6] == ' ' || p[6] == '\t' || p[6] == '\n' || p[6] == '\r');
}

static GRegex *
srt_timing_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    {
      GRegex *r = g_regex_new ("^\\s*(\\d{1,3}:\\d{2}:\\d{2}(?:[,.]\\d{1,3})?)\\s*-->\\s*"
                               "(\\d{1,3}:\\d{2}:\\d{2}(?:[,.]\\d{1,3})?)(?:\\s.*)?$",
                               G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&regex, r);
    }
  return regex;
}

gboolean
kith_import_srt_claims (const guint8 *head,
                        gsize         len)
{
  const char *p = skip_bom (head, &len), *end = p + len;
  g_autofree char *index = NULL;
  g_autofree char *timing = NULL;
  const char *nl;

  /* “1” then “00:00:01,000 --> 00:00:04,000” */
  while (p < end && (*p == '\n' || *p == '\r' || *p == ' '))
    p++;
  nl = memchr (p, '\n', (gsize) (end - p));
  if (nl == NULL || nl - p > 12)
    return FALSE;
  index = g_strstrip (g_strndup (p, (gsize) (nl - p)));
  if (*index == '\0' || strspn (index, "0123456789") != strlen (index))
    return FALSE;
  p = nl + 1;
  nl = memchr (p, '\n', (gsize) (end - p));
  if (nl == NULL || nl - p > 200)
    return FALSE;
  timing = g_strstrip (g_strndup (p, (gsize) (nl - p)));
  /* GRegex takes valid UTF-8 only: on other bytes its JIT reads past its tables */
  return g_utf8_validate (timing, -1, NULL) && g_regex_match (srt_timing_regex (), timing, 0, NULL);
}

/* ---- lines ---------------------------------------------------------------- */

typedef struct
{
  GStrv lines;
  guint at;
} Lines;

static const char *
peek (Lines *l)
{
  return l->lines[l->at];
}

static gboolean
is_blank_line (const char *line)
{
  for (; *line != '\0'; line++)
    if (!g_ascii_isspace (*line))
      return FALSE;
  return TRUE;
}

static void
skip_blank_lines (Lines *l)
{
  while (peek (l) != NULL && is_blank_line (peek (l)))
    l->at++;
}

/* The lines up to the next blank line. */
static GPtrArray *
read_block (Lines *l)
{
  GPtrArray *block = g_ptr_array_new ();

  while (peek (l) != NULL && !is_blank_line (peek (l)))
    g_ptr_array_add (block, l->lines[l->at++]);
  return block;
}

/* ---- cue text ------------------------------------------------------------- */

static void
append_entity (GString *out, const char *entity, gsize len)
{
  static const struct { const char *name; const char *text; } named[] = {
    { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
    { "nbsp", "\xC2\xA0" }, { "lrm", "\xE2\x80\x8E" }, { "rlm", "\xE2\x80\x8F" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (named); i++)
    if (strlen (named[i].name) == len && memcmp (entity, named[i].name, len) == 0)
      {
        g_string_append (out, named[i].text);
        return;
      }
  if (len >= 2 && entity[0] == '#')
    {
      g_autofree char *digits = g_strndup (entity + 1, len - 1);
      gboolean hex = digits[0] == 'x' || digits[0] == 'X';
      guint64 c;
      if (g_ascii_string_to_unsigned (digits + hex, hex ? 16 : 10, 1, 0x10FFFF, &c, NULL)
          && g_unichar_validate ((gunichar) c))
        {
          g_string_append_unichar (out, (gunichar) c);
          return;
        }
    }
  g_string_append_c (out, '&');
  g_string_append_len (out, entity, (gssize) len);
  g_string_append_c (out, ';');
}

/* Caption lines are broken for the screen: one line, single spaces. */
static char *
collapse_spaces (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\n')
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

typedef struct
{
  GArray  *cues;
  gint64   start_ms;
  guint    line;
  GString *text;
  char    *voice;
} Payload;

/* The text so far is a cue of the current voice. */
static void
flush_payload (Payload *p)
{
  g_autofree char *collapsed = collapse_spaces (p->text->str);

  if (*collapsed != '\0')
    {
      Cue cue = { p->start_ms, p->voice != NULL && *p->voice != '\0' ? g_strdup (p->voice) : NULL,
                  g_steal_pointer (&collapsed), p->line };
      g_array_append_val (p->cues, cue);
    }
  g_string_truncate (p->text, 0);
}

/* A cue's payload lines become one cue, or several when a WebVTT cue holds
 * more than one voice. Tags are dropped, WebVTT entities decoded, SRT's
 * {\an8} positioning dropped. */
static void
add_payload (GArray    *cues,
             gint64     start_ms,
             guint      line,
             GPtrArray *block,
             guint      first,
             gboolean   vtt)
{
  g_autoptr(GString) raw = g_string_new (NULL);
  g_autoptr(GString) text = g_string_new (NULL);
  Payload payload = { cues, start_ms, line, text, NULL };
  const char *p;

  for (guint i = first; i < block->len; i++)
    {
      g_string_append (raw, g_ptr_array_index (block, i));
      g_string_append_c (raw, '\n');
    }
  p = raw->str;
  while (*p != '\0')
    {
      if (*p == '<' && strchr (p, '>') != NULL)
        {
          const char *close = strchr (p, '>');
          if (p[1] == 'v' && (p[2] == ' ' || p[2] == '.' || p[2] == '\t'))
            {
              const char *name = p + 2;
              while (name < close && *name != ' ' && *name != '\t')
                name++;   /* past “.class” */
              flush_payload (&payload);
              g_free (payload.voice);
              payload.voice = g_strstrip (g_strndup (name, (gsize) (close - name)));
            }
          p = close + 1;
        }
      else if (*p == '{' && p[1] == '\\' && !vtt && strchr (p, '}') != NULL)
        p = strchr (p, '}') + 1;
      else if (*p == '&' && vtt)
        {
          const char *semi = p + 1;
          while (*semi != '\0' && *semi != ';' && *semi != '&' && *semi != ' ' && semi - p < 12)
            semi++;
          if (*semi == ';')
            {
              append_entity (text, p + 1, (gsize) (semi - p - 1));
              p = semi + 1;
            }
          else
            g_string_append_c (text, *p++);
        }
      else
        g_string_append_c (text, *p++);
    }
  flush_payload (&payload);
  g_free (payload.voice);
}

/* ---- parsing -------------------------------------------------------------- */

/* “00:01:02.500 --> 00:01:04.000 align:start”: the start in ms, or -1. */
static gint64
parse_timing (const char *line)
{
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  gint64 s, e;

  if (!g_regex_match (srt_timing_regex (), line, 0, &match))
    {
      /* WebVTT allows mm:ss.ttt without hours */
      static GRegex *short_regex;
      if (g_once_init_enter (&short_regex))
        {
          GRegex *r = g_regex_new ("^\\s*((?:\\d{1,3}:)?\\d{2}:\\d{2}(?:[,.]\\d{1,3})?)\\s*-->\\s*"
                                   "((?:\\d{1,3}:)?\\d{2}:\\d{2}(?:[,.]\\d{1,3})?)(?:\\s.*)?$",
                                   G_REGEX_OPTIMIZE, 0, NULL);
          g_once_init_leave (&short_regex, r);
        }
      g_clear_pointer (&match, g_match_info_free);
      if (!g_regex_match (short_regex, line, 0, &match))
        return -1;
    }
  start = g_match_info_fetch (match, 1);
  end = g_match_info_fetch (match, 2);
  s = kith_turn_parse_timestamp (start);
  e = kith_turn_parse_timestamp (end);
  return s >= 0 && e >= 0 ? s : -1;
}

/* WebVTT blocks that hold no cue */
static gboolean
is_metadata_block (const char *head)
{
  static const char *const keywords[] = { "NOTE", "STYLE", "REGION" };

  for (gsize i = 0; i < G_N_ELEMENTS (keywords); i++)
    {
      gsize n = strlen (keywords[i]);
      if (strncmp (head, keywords[i], n) == 0 && (head[n] == '\0' || head[n] == ' ' || head[n] == '\t'))
        return TRUE;
    }
  return FALSE;
}

/* Blocks separated by blank lines: in each, an optional line before the
 * timing (a WebVTT cue identifier, an SRT cue number: neither is text),
 * the timing, then the cue's text. WebVTT starts with a header block. */
static gboolean
parse_cues (Lines    *l,
            GArray   *cues,
            gboolean  vtt,
            GError  **error)
{
  const char *first = peek (l);

  if (vtt)
    {
      if (first == NULL || !kith_import_webvtt_claims ((const guint8 *) first, strlen (first)))
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_CORRUPT,
                       _("this is not a WebVTT file: its first line must be “WEBVTT”"));
          return FALSE;
        }
      g_ptr_array_unref (read_block (l));
    }
  for (;;)
    {
      g_autoptr(GPtrArray) block = NULL;
      guint line, timing = 0;
      const char *head;
      gint64 start;

      skip_blank_lines (l);
      if (peek (l) == NULL)
        return TRUE;
      line = l->at + 1;
      block = read_block (l);
      head = g_ptr_array_index (block, 0);
      if (vtt && is_metadata_block (head))
        continue;
      if (block->len > 1 && (vtt ? strstr (head, "-->") == NULL : strspn (head, "0123456789 ") == strlen (head)))
        timing = 1;
      start = parse_timing (g_ptr_array_index (block, timing));
      if (start < 0)
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_CORRUPT, _("line %u: expected a cue timing such as “%s”"),
                       line + timing, vtt ? "00:01:02.500 --> 00:01:04.000" : "00:01:02,500 --> 00:01:04,000");
          return FALSE;
        }
      add_payload (cues, start, line, block, timing + 1, vtt);
    }
}

/* “Name: words” labels a cue when the file is labelled that way: the name
 * labels another cue too, or most cues carry labels and some name does so
 * more than once. A lone “So: what now?” in unlabelled captions is speech. */
static void
find_prefix_speakers (GArray *cues)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint repeated = 0, with_label = 0;
  gboolean labelled;
  GHashTableIter iter;
  gpointer value;

  for (int pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        {
          g_hash_table_iter_init (&iter, counts);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            {
              guint n = GPOINTER_TO_UINT (value);
              with_label += n;
              if (n >= 2)
                repeated += n;
            }
        }
      labelled = repeated >= 2 && with_label * 2 >= cues->len;
      for (guint i = 0; i < cues->len; i++)
        {
          Cue *cue = &g_array_index (cues, Cue, i);
          KithTurnLabel label;
          guint count;

          if (cue->speaker != NULL || !kith_turn_label_parse (cue->text, strlen (cue->text), &label))
            continue;
          count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, label.speaker));
          if (pass == 0)
            g_hash_table_insert (counts, g_strdup (label.speaker), GUINT_TO_POINTER (count + 1));
          else if (label.timestamp_ms < 0 && (count >= 2 || labelled))
            {
              const char *words = g_utf8_offset_to_pointer (cue->text, label.label_chars);
              memmove (cue->text, words, strlen (words) + 1);
              cue->speaker = g_steal_pointer (&label.speaker);
            }
          kith_turn_label_clear (&label);
        }
    }
}

static char *
format_time (gint64 ms)
{
  gint64 s = ms / 1000;

  return g_strdup_printf ("[%02" G_GINT64_FORMAT ":%02d:%02d]", s / 3600, (int) (s / 60 % 60), (int) (s % 60));
}

static gboolean
build (KithImportContext *ctx,
       GArray            *cues,
       GError           **error)
{
  /* the turns are the cues': none are looked for in the text */
  KithTextBuilder *b = ctx->builder = kith_text_builder_new (KITH_REFLOW_NEVER, KITH_SPEAKERS_NONE);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *speaker = NULL;

  for (guint i = 0; i < cues->len; i++)
    {
      Cue *cue = &g_array_index (cues, Cue, i);
      gboolean continues = cue->speaker == NULL ? speaker != NULL : g_strcmp0 (cue->speaker, speaker) == 0;

      if (continues)
        {
          g_string_append_c (out, ' ');
          g_string_append (out, cue->text);
          continue;
        }
      if (out->len > 0)
        {
          g_string_append (out, "\n\n");
          if (!kith_text_builder_append (b, out->str, out->len, error))
            return FALSE;
          g_string_truncate (out, 0);
        }
      {
        g_autofree char *time = format_time (cue->start_ms);
        g_string_append (out, time);
        g_string_append_c (out, ' ');
        if (cue->speaker != NULL)
          {
            g_string_append_printf (out, "%s: ", cue->speaker);
            if (!kith_text_builder_begin_turn (b, cue->speaker, cue->start_ms,
                                               g_utf8_strlen (out->str, (gssize) out->len), error))
              return FALSE;
          }
        g_string_append (out, cue->text);
      }
      speaker = cue->speaker;
    }
  if (cues->len == 0)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_EMPTY, _("the file contains no captions"));
      return FALSE;
    }
  g_string_append_c (out, '\n');
  return kith_text_builder_append (b, out->str, out->len, error) && kith_text_builder_finish (b, error);
}

gboolean
kith_import_captions_parse (KithImportContext *ctx,
                            GError           **error)
{
  g_autoptr(GArray) cues = g_array_new (FALSE, FALSE, sizeof (Cue));
  g_autofree char *text = NULL;
  g_autofree char *unix_text = NULL;
  gboolean vtt;
  Lines lines = { NULL, 0 };
  gboolean ok;

  g_array_set_clear_func (cues, (GDestroyNotify) cue_clear);
  /* SRT has no header: by content if it claims to be WebVTT, else by name */
  vtt = kith_import_webvtt_claims (ctx->head, ctx->head_len)
        || (!kith_import_srt_claims (ctx->head, ctx->head_len)
            && (g_str_has_suffix (ctx->path, ".vtt") || g_str_has_suffix (ctx->path, ".VTT")
                || g_str_has_suffix (ctx->path, ".webvtt")));
  text = kith_import_context_read_utf8 (ctx, MAX_CAPTION_BYTES, "a caption file", NULL, error);
  if (text == NULL)
    return FALSE;
  {
    g_auto(GStrv) crlf = g_strsplit (text, "\r\n", -1);
    g_auto(GStrv) cr = NULL;
    g_autofree char *joined = g_strjoinv ("\n", crlf);
    cr = g_strsplit (joined, "\r", -1);
    unix_text = g_strjoinv ("\n", cr);
  }
  lines.lines = g_strsplit (unix_text, "\n", -1);
  ok = parse_cues (&lines, cues, vtt, error);
  g_strfreev (lines.lines);
  if (!ok)
    return FALSE;
  find_prefix_speakers (cues);
  ctx->suggested_kind = "transcript";
  return build (ctx, cues, error);
}
