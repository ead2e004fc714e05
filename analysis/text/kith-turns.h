/* kith-turns.h — speaker turns in transcripts
 *
 * A line that starts with “Name:” or “[00:12:03] Name:” begins a turn. The
 * turn runs to the start of the next one; positions are code point offsets
 * into the canonical text.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  gint64  start;          /* where the turn's line begins */
  gint64  speech_start;   /* where the words begin, after the label */
  gint64  end;            /* end of the turn's text, trailing blank space excluded */
  char   *speaker;
  gint64  timestamp_ms;   /* -1 when the line has no timestamp */
  gint64  case_id;        /* 0 when not linked to a case */
} KithTurn;

typedef struct
{
  char   *speaker;
  gint64  timestamp_ms;   /* -1 when none */
  glong   label_chars;    /* code points from the line start to the speech */
} KithTurnLabel;

/* Recognises a speaker label at the start of @line (@len bytes, no newline).
 * Fills @label (clear it with kith_turn_label_clear) and returns TRUE. */
gboolean  kith_turn_label_parse  (const char    *line,
                                  gsize          len,
                                  KithTurnLabel *label);
void      kith_turn_label_clear  (KithTurnLabel *label);
/* Parses 00:12:03, 12:03, 00:12:03.250 or 00:12:03,250 to milliseconds; -1 if not a time. */
gint64    kith_turn_parse_timestamp (const char *text);

/* A person a transcript's header names in a role: “Interviewer: Grace Obi
 * (peer researcher)” gives role “Interviewer”, name “Grace Obi”. */
typedef struct
{
  char *role;
  char *name;
} KithTurnRole;

/* The roles named in @header (the text before a transcript's first turn),
 * one entry per person: “**Facilitators:** Priya Sandhu and Marek
 * Kowalczyk” gives two. (element-type KithTurnRole) (transfer full) */
GPtrArray *kith_turns_header_roles (const char *header,
                                    gsize       len);
/* Whether @speaker (a turn's label, often a first name) is @name. */
gboolean   kith_turns_speaker_is   (const char *speaker,
                                    const char *name);
/* Whether @role (“Facilitators”) is the role @wanted (“facilitator”),
 * ignoring case and a plural s on either. */
gboolean   kith_turns_role_is      (const char *role,
                                    const char *wanted);

/* What the text builder notes about each line that starts with a label, so
 * that dialogue can be told from headings and lists by its structure. */
typedef struct
{
  guint     speaker;       /* index into the document's label names */
  gint64    timestamp_ms;  /* -1 when none */
  gboolean  explicit_turn; /* given by the format (captions, survey rows) */
  gboolean  value_like;    /* “Venue: Tipton Library”: a few words, no sentence */
  gboolean  alone;         /* nothing after the label on its line */
  gboolean  blank_after;   /* alone, and a blank line follows: a heading */
  gboolean  list_after;    /* alone, and a list follows: a list's heading */
  guint     paragraph;     /* the paragraph it starts, counted from 0 */
  guint     titles_before; /* heading-like paragraphs before it */
} KithTurnCandidate;

/* Fills in @candidate's value_like and alone from its line (@line, @len
 * bytes, no newline; the label is @label_chars code points long). */
void       kith_turn_candidate_shape (KithTurnCandidate *candidate,
                                      const char        *line,
                                      gsize              len,
                                      glong              label_chars);
/* Whether @line, a paragraph on its own, reads as a heading: a few words
 * and no sentence end (“Digital inclusion”, “What the Citizens Panel said:”). */
gboolean   kith_turns_line_is_title  (const char        *line,
                                      gsize              len);
/* Decides which of @n candidates (in text order) are speaker turns and sets
 * @keep[i]. @names are the labels' texts by index; @n_paragraphs counts the
 * document's paragraphs, @n_titles those that read as headings (not labels). A document that does not read as dialogue —
 * several speakers, each more than once, taking turns, their labels a fair
 * share of the paragraphs, few headings among them — keeps only explicit turns, unless @declared (the
 * user says it is a transcript). Headings (“Priority 1:” … “Priority 6:”,
 * each once) and “Label: value” lists are never turns. Returns whether the
 * document reads as dialogue. */
gboolean   kith_turns_choose         (const KithTurnCandidate *candidates,
                                      guint                    n,
                                      const char *const       *names,
                                      guint                    n_names,
                                      guint                    n_paragraphs,
                                      guint                    n_titles,
                                      gboolean                 declared,
                                      gboolean                *keep);

KithTurn *kith_turn_new          (void);
void      kith_turn_free         (KithTurn      *turn);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithTurn, kith_turn_free)

G_END_DECLS
