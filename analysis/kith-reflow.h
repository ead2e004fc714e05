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
  gboolean    hard_wrapped;
  int         width;        /* the column lines were wrapped at, in code points */
  GHashTable *hyphenated;   /* lower-case words seen with a hyphen inside a line */
} KithReflowPlan;

void         kith_reflow_plan_init    (KithReflowPlan       *plan);
void         kith_reflow_plan_clear   (KithReflowPlan       *plan);
/* Looks at a sample of canonical text (LF line ends) and decides whether it
 * is hard-wrapped, and at which width. */
void         kith_reflow_plan_analyse (KithReflowPlan       *plan,
                                       const char           *text,
                                       gsize                 len);
KithLineKind kith_reflow_classify     (const char           *line,
                                       gsize                 len);
/* How line @prev and the line after it, @next, should meet. */
KithJoin     kith_reflow_decide       (const KithReflowPlan *plan,
                                       const char           *prev,
                                       gsize                 prev_len,
                                       const char           *next,
                                       gsize                 next_len,
                                       gboolean              next_starts_turn);

/* Whether a line ending in @c ends a sentence (or a clause: “:” “;”). */
gboolean     kith_reflow_ends_sentence (gunichar            c);
/* How two lines meet when @prev is known to be wrapped (it ran out of room,
 * as a PDF's layout shows): a space, or a hyphenated word rejoined. */
KithJoin     kith_reflow_join_wrapped (const KithReflowPlan *plan,
                                       const char           *prev,
                                       gsize                 prev_len,
                                       const char           *next,
                                       gsize                 next_len);

G_END_DECLS
