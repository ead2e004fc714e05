/* kith-import-blocks.h — the one walk of a word processor's blocks, for
 * DOCX and ODT
 *
 * Both formats are trees of blocks (paragraphs, headings, list items, table
 * cells, in containers: tables, lists, sections, tracked insertions) whose
 * paragraphs hold inline text (spans, runs, links) and a few leaves (tabs,
 * breaks, note marks). The walk is the same for both; a KithBlockFormat
 * says which element is which, and writes the leaves. The main part is
 * streamed from the archive, a block at a time; notes and table cells are
 * walked with the same functions on the block's tree.
 */
#pragma once

#include <libxml/tree.h>

#include "kith-archive.h"
#include "kith-paragraphs.h"

G_BEGIN_DECLS

typedef enum
{
  KITH_BLOCK_OTHER,      /* not text: properties, drawings, tables of contents */
  KITH_BLOCK_PARAGRAPH,  /* its inline content is one paragraph */
  KITH_BLOCK_CONTAINER,  /* its child blocks are text */
} KithBlockKind;

typedef enum
{
  KITH_INLINE_SKIP,      /* not text: deletions, comments, bookmarks */
  KITH_INLINE_SPAN,      /* its inline content is text */
  KITH_INLINE_LEAF,      /* the format writes it (KithBlockFormat.leaf) */
} KithInlineKind;

typedef struct _KithBlockWalk KithBlockWalk;

typedef struct
{
  /* text nodes directly in paragraphs and spans are text (OpenDocument);
   * FALSE: text is only in leaves (Word's w:t) */
  gboolean        text_nodes;
  /* the element holding the body's blocks (Word's w:body, OpenDocument's
   * office:text); its ancestors are there to check */
  gboolean      (*is_body)     (const xmlNode *element);
  KithBlockKind (*block_kind)  (const xmlNode *element);
  KithInlineKind (*inline_kind) (const xmlNode *element);
  gboolean      (*leaf)        (KithBlockWalk  *walk,
                                KithParagraphs *out,
                                xmlNode        *element,
                                guint           depth,
                                GError        **error);
  /* optional: a container the format writes its own way (Word's header
   * table), *@handled set when it did; and whether a container in the body
   * must be read whole for that rather than streamed */
  gboolean      (*special)     (KithBlockWalk  *walk,
                                KithParagraphs *out,
                                xmlNode        *element,
                                guint           depth,
                                gboolean       *handled,
                                GError        **error);
  gboolean      (*whole)       (KithBlockWalk  *walk,
                                const xmlNode  *container);
} KithBlockFormat;

struct _KithBlockWalk
{
  const KithBlockFormat *format;
  const char            *part;        /* named in messages */
  gpointer               data;        /* the format's own */
  guint                  paragraphs;  /* paragraphs with text written so far */

  /* while streaming */
  KithParagraphs        *out;
  guint                  body_depth;  /* 0: not inside the body */
  gboolean               found_body;
};

/* The children of @parent as blocks, appended to @out; @depth is
 * @parent's, for the depth limit. */
gboolean kith_blocks_walk        (KithBlockWalk  *walk,
                                  KithParagraphs *out,
                                  xmlNode        *parent,
                                  guint           depth,
                                  GError        **error);
/* The children of @parent as inline text, appended to @out. */
gboolean kith_blocks_walk_inline (KithBlockWalk  *walk,
                                  KithParagraphs *out,
                                  xmlNode        *parent,
                                  guint           depth,
                                  GError        **error);
/* Streams @walk->part from @archive, walking the blocks of its body into
 * @out as they arrive; *@found_body says whether it had one. */
gboolean kith_blocks_stream      (KithBlockWalk  *walk,
                                  KithArchive    *archive,
                                  KithParagraphs *out,
                                  gboolean       *found_body,
                                  GError        **error);

G_END_DECLS
