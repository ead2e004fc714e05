/* kith-import-blocks.c — the block walk DOCX and ODT share
 *
 * Streaming keeps the body's containers open and builds one block (a
 * paragraph, or a table the format reads whole) at a time: the walk of that
 * block is the same as on a whole tree, so the text and its offsets are
 * the same whichever way a part is read.
 */
#include "kith-import-blocks.h"
#include "kith-xml.h"

static gboolean
walk_block (KithBlockWalk  *walk,
            KithParagraphs *out,
            xmlNode        *block,
            guint           depth,
            GError        **error)
{
  const KithBlockFormat *format = walk->format;
  gboolean handled = FALSE;

  if (format->special != NULL && !format->special (walk, out, block, depth, &handled, error))
    return FALSE;
  if (handled)
    return TRUE;
  switch (format->block_kind (block))
    {
    case KITH_BLOCK_PARAGRAPH:
      {
        gsize before, after;
        kith_paragraphs_get_text (out, &before);
        if (!kith_blocks_walk_inline (walk, out, block, depth + 1, error))
          return FALSE;
        kith_paragraphs_end (out);
        kith_paragraphs_get_text (out, &after);
        walk->paragraphs += after > before;
        return TRUE;
      }
    case KITH_BLOCK_CONTAINER:
      return kith_blocks_walk (walk, out, block, depth + 1, error);
    case KITH_BLOCK_OTHER:
    default:
      return TRUE;
    }
}

gboolean
kith_blocks_walk (KithBlockWalk  *walk,
                  KithParagraphs *out,
                  xmlNode        *parent,
                  guint           depth,
                  GError        **error)
{
  if (depth > KITH_XML_MAX_DEPTH)
    return kith_xml_too_deep (walk->part, error);
  for (xmlNode *c = parent->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE && !walk_block (walk, out, c, depth, error))
      return FALSE;
  return TRUE;
}

gboolean
kith_blocks_walk_inline (KithBlockWalk  *walk,
                         KithParagraphs *out,
                         xmlNode        *parent,
                         guint           depth,
                         GError        **error)
{
  const KithBlockFormat *format = walk->format;

  if (depth > KITH_XML_MAX_DEPTH)
    return kith_xml_too_deep (walk->part, error);
  for (xmlNode *c = parent->children; c != NULL; c = c->next)
    {
      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
        {
          if (format->text_nodes)
            kith_paragraphs_add_text (out, (const char *) c->content, -1);
          continue;
        }
      if (c->type != XML_ELEMENT_NODE)
        continue;
      switch (format->inline_kind (c))
        {
        case KITH_INLINE_SPAN:
          if (!kith_blocks_walk_inline (walk, out, c, depth + 1, error))
            return FALSE;
          break;
        case KITH_INLINE_LEAF:
          if (!format->leaf (walk, out, c, depth, error))
            return FALSE;
          break;
        case KITH_INLINE_SKIP:
        default:
          break;
        }
    }
  return TRUE;
}

/* ---- streaming ------------------------------------------------------------ */

/* Above the body, only the body's ancestors are looked into: Word's is at
 * depth 2 (w:document/w:body), OpenDocument's at 3. */
#define MAX_BODY_DEPTH 3

static KithXmlStreamAction
stream_start (const xmlNode *element,
              guint          depth,
              gpointer       user_data)
{
  KithBlockWalk *walk = user_data;
  const KithBlockFormat *format = walk->format;

  if (walk->body_depth == 0)
    {
      if (format->is_body (element))
        {
          walk->body_depth = depth;
          walk->found_body = TRUE;
          return KITH_XML_STREAM_DESCEND;
        }
      return depth < MAX_BODY_DEPTH ? KITH_XML_STREAM_DESCEND : KITH_XML_STREAM_SKIP;
    }
  /* in the body, only containers are streamed: the rest is a block, or not text */
  switch (format->block_kind (element))
    {
    case KITH_BLOCK_CONTAINER:
      if (format->whole != NULL && format->whole (walk, element))
        return KITH_XML_STREAM_WHOLE;
      return KITH_XML_STREAM_DESCEND;
    case KITH_BLOCK_PARAGRAPH:
      return KITH_XML_STREAM_WHOLE;
    case KITH_BLOCK_OTHER:
    default:
      return KITH_XML_STREAM_SKIP;
    }
}

static gboolean
stream_end (xmlNode             *element,
            guint                depth,
            KithXmlStreamAction  action,
            gpointer             user_data,
            GError             **error)
{
  KithBlockWalk *walk = user_data;

  if (walk->body_depth == 0 || depth < walk->body_depth)
    return TRUE;
  if (depth == walk->body_depth)
    {
      walk->body_depth = 0;
      return TRUE;
    }
  /* a streamed container's blocks came before it ends */
  if (action == KITH_XML_STREAM_DESCEND)
    return TRUE;
  return walk_block (walk, walk->out, element, depth - walk->body_depth, error);
}

static const KithXmlStreamFuncs stream_funcs = { stream_start, stream_end };

gboolean
kith_blocks_stream (KithBlockWalk  *walk,
                    KithArchive    *archive,
                    KithParagraphs *out,
                    gboolean       *found_body,
                    GError        **error)
{
  gboolean ok;

  walk->out = out;
  walk->body_depth = 0;
  walk->found_body = FALSE;
  ok = kith_archive_stream_xml (archive, walk->part, &stream_funcs, walk, error);
  *found_body = walk->found_body;
  walk->out = NULL;
  return ok;
}
