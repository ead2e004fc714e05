/* kith-text-builder.h — assembles a document's canonical text
 *
 * Fed decoded UTF-8 in chunks, it produces the text Kith stores: UTF-8, LF
 * line ends, no BOM, no NUL; hard wraps undone when asked; speaker turns
 * found; all in bounded memory (the text itself goes to a KithSpool).
 * Every importer ends here, so every format yields the same text model.
 */
#pragma once

#include <glib.h>

#include "kith-reflow.h"
#include "kith-spool.h"
#include "kith-turns.h"

G_BEGIN_DECLS

/* the largest canonical text Kith stores for one document, in bytes
 * (SQLite's value limit is 1e9) */
#define KITH_MAX_TEXT_BYTES (900 * 1024 * 1024)

typedef struct _KithTextBuilder KithTextBuilder;

typedef enum {
  KITH_SPEAKERS_REPEATED,  /* a speaker must have two turns (guards against “Note:”) */
  KITH_SPEAKERS_ALL,       /* the document is known to be a transcript */
  KITH_SPEAKERS_NONE,      /* no turn detection */
} KithSpeakerPolicy;

KithTextBuilder *kith_text_builder_new          (KithReflowMode     reflow,
                                                 KithSpeakerPolicy  speakers);
void             kith_text_builder_free         (KithTextBuilder   *builder);
/* @text is valid UTF-8 made of whole characters. */
gboolean         kith_text_builder_append       (KithTextBuilder   *builder,
                                                 const char        *text,
                                                 gsize              len,
                                                 GError           **error);
/* Adds a turn the importer knows from the format itself (captions, survey
 * rows): call it at the start of a line (reflow must be NEVER); the turn
 * starts there, its words @label_chars later, and it ends where the next
 * turn starts or the text ends. Turn detection from labels is then off. */
gboolean         kith_text_builder_begin_turn   (KithTextBuilder   *builder,
                                                 const char        *speaker,
                                                 gint64             timestamp_ms,
                                                 glong              label_chars,
                                                 GError           **error);
gboolean         kith_text_builder_finish       (KithTextBuilder   *builder,
                                                 GError           **error);

KithSpool       *kith_text_builder_get_spool    (KithTextBuilder   *builder);
gint64           kith_text_builder_get_n_chars  (KithTextBuilder   *builder);
gint64           kith_text_builder_get_n_bytes  (KithTextBuilder   *builder);
gboolean         kith_text_builder_get_reflowed (KithTextBuilder   *builder);
/* how many line ends were joined away, and how many lines of page
 * furniture dropped or cut */
guint            kith_text_builder_get_n_joined (KithTextBuilder   *builder);
guint            kith_text_builder_get_n_furniture (KithTextBuilder *builder);
/* (element-type KithTurn): turns in text order, after finish */
GPtrArray       *kith_text_builder_get_turns    (KithTextBuilder   *builder);
guint            kith_text_builder_get_n_speakers (KithTextBuilder *builder);
/* Whether most of the text, by length, is in paragraphs of prose (some
 * fifty words or more) rather than headings, lists and short notes: the
 * shape of a report. Known after finish; always FALSE with turns given by
 * the format. */
gboolean         kith_text_builder_get_mostly_prose (KithTextBuilder *builder);

/* Convenience for tests and small texts: the canonical form of @text. */
char            *kith_canonicalize_text         (const char        *text,
                                                 gssize             len,
                                                 KithReflowMode     reflow,
                                                 GPtrArray        **turns,
                                                 GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithTextBuilder, kith_text_builder_free)

G_END_DECLS
