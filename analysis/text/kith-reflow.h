/* kith-reflow.h — undoing hard wraps: lines broken mid-sentence and words
 * hyphenated across lines, as in text extracted from PDFs or e-mails */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  KITH_REFLOW_AUTO,    /* reflow when the text looks hard-wrapped */
  KITH_REFLOW_NEVER,
  KITH_REFLOW_ALWAYS,
} KithReflowMode;

typedef enum {
  KITH_LINE_TEXT,
  KITH_LINE_BLANK,
  KITH_LINE_LIST,       /* a bullet or numbered list item */
  KITH_LINE_STRUCTURE,  /* heading, table row, quote, rule, indented code */
  KITH_LINE_FENCE,      /* ``` or ~~~ */
} KithLineKind;

typedef enum {
  KITH_JOIN_NONE,         /* keep the line break */
  KITH_JOIN_SPACE,        /* one paragraph: a space instead of the break */
  KITH_JOIN_DEHYPHENATE,  /* “commu-” + “nity”: drop hyphen and break */
  KITH_JOIN_KEEP_HYPHEN,  /* “well-” + “being”: keep the hyphen, drop the break */
} KithJoin;

typedef struct
{
  gboolean    force;        /* --reflow: every block counts as wrapped */
  gboolean    hard_wrapped; /* informational: lines run on into each other */
  int         width;        /* the document's usual line width, in code points */
  gboolean    spaced_capitals; /* “W M C A” three times or more: PDF letter-spacing */
  GHashTable *hyphenated;   /* lower-case words seen with a hyphen inside a line */
  GHashTable *words;        /* lower-case words seen whole */
  GString    *unread;       /* the sample, until a line-end hyphen needs the words */
} KithReflowPlan;

/* Blocks narrower than this are lists, addresses, verse: only a line that
 * plainly runs on (lower case after no full stop) is joined there. */
#define KITH_REFLOW_MIN_WIDTH 30

typedef struct
{
  const char  *text;
  gsize        len;
  KithLineKind kind;
  gboolean     starts_turn;   /* a speaker label: never joined to the line before */
} KithReflowLine;

typedef struct
{
  int      width;     /* the width its lines were judged against */
  gboolean wrapped;   /* its lines ran out of room rather than ending */
  guint    n_lines;
} KithReflowBlock;

void         kith_reflow_plan_init    (KithReflowPlan       *plan);
void         kith_reflow_plan_clear   (KithReflowPlan       *plan);
/* Learns from a sample of canonical text (LF line ends) the document's line
 * width and the words it writes whole and hyphenated. */
void         kith_reflow_plan_analyse (KithReflowPlan       *plan,
                                       const char           *text,
                                       gsize                 len);
KithLineKind kith_reflow_classify     (const char           *line,
                                       gsize                 len);
/* How the @n_lines lines of one block (no blank line among them) meet:
 * @joins[i] between line i and i + 1; fills @block. */
void         kith_reflow_decide_block (const KithReflowPlan *plan,
                                       const KithReflowLine *lines,
                                       guint                 n_lines,
                                       KithReflowBlock      *block,
                                       KithJoin             *joins);
/* Whether the last line of a block, @prev, and the first line after the
 * blank lines (or page break) that follow it, @next, are one paragraph. */
KithJoin     kith_reflow_decide_gap   (const KithReflowPlan  *plan,
                                       const KithReflowBlock *prev_block,
                                       const KithReflowLine  *prev,
                                       const KithReflowLine  *next);

/* @line with letter-spaced capitals closed up: “the W M C A area” → “the
 * WMCA area” (“I A” and such two-letter runs stay). */
char        *kith_reflow_close_spaced_capitals (const char *line,
                                                gsize       len);

/* Whether a line ending in @c ends a sentence (or a clause: “:” “;”). */
gboolean     kith_reflow_ends_sentence (gunichar            c);
/* How two lines meet when @prev is known to be wrapped (it ran out of room,
 * as a PDF's layout shows): a space, or a hyphenated word rejoined — when
 * the joined word is a word (the document's own, or the dictionary's). */
KithJoin     kith_reflow_join_wrapped (const KithReflowPlan *plan,
                                       const char           *prev,
                                       gsize                 prev_len,
                                       const char           *next,
                                       gsize                 next_len);

G_END_DECLS
