/* kith-xml.h — parsing XML and HTML that may be hostile, with libxml2
 *
 * Never from the network, never an external entity or DTD loaded: a
 * document whose DOCTYPE declares entities at all (the way to billion
 * laughs and to XXE) is refused, and so is one nested deeper than
 * KITH_XML_MAX_DEPTH, both while parsing, before any tree is built.
 */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

#define KITH_XML_MAX_DEPTH 256

/* @part names the document in messages (“word/document.xml”). */
xmlDoc     *kith_xml_parse       (const char *data,
                                  gsize       len,
                                  const char *part,
                                  GError    **error);
/* @utf8 is UTF-8 whatever its <meta charset> says. */
xmlDoc     *kith_html_parse      (const char *utf8,
                                  gsize       len,
                                  GError    **error);

/* Whether @node is the element @name in namespace @ns (NULL: any). */
gboolean    kith_xml_is          (const xmlNode *node,
                                  const char    *ns,
                                  const char    *name);
/* An attribute's value in namespace @ns (NULL: none), or NULL (owned). */
char       *kith_xml_dup_attr    (const xmlNode *node,
                                  const char    *ns,
                                  const char    *name);
/* The text of the first element @name (any namespace) at or under @node,
 * white space folded; NULL when there is none or it is blank (owned).
 * For titles: HTML's <title>, dc:title in DOCX and ODT metadata. */
char       *kith_xml_find_text   (const xmlNode *node,
                                  const char    *name);
/* The error for walking deeper than KITH_XML_MAX_DEPTH. */
gboolean    kith_xml_too_deep    (const char    *part,
                                  GError       **error);

/* ---- streaming ----------------------------------------------------------
 *
 * A part too large to hold as a tree (a Word body, OpenDocument's
 * content.xml, a REFI-QDA project.qde) is pushed in pieces as it arrives,
 * with the same hardening as kith_xml_parse. The caller chooses, element by
 * element as each starts, what is kept: memory is bounded by the largest
 * element read whole, not by the part. A reader of REFI-QDA's project.qde,
 * say, descends into <Project> and <Sources> and takes each <TextSource>
 * whole; the DOCX and ODT importers descend to the body and its
 * containers and take each paragraph whole (kith-import-blocks.c). From an
 * archive: kith_archive_stream_xml.
 */
typedef enum
{
  KITH_XML_STREAM_SKIP,     /* read past it: nothing of it is kept or offered */
  KITH_XML_STREAM_DESCEND,  /* its child elements are offered to start, one by one */
  KITH_XML_STREAM_WHOLE,    /* built with everything inside it and given to end */
} KithXmlStreamAction;

typedef struct _KithXmlStreamFuncs
{
  /* An element whose parent was DESCEND (the root's parent is), @depth 1
   * the root. It has its attributes, no children yet; its ancestors are
   * there to look at (element->parent), their earlier children are not. */
  KithXmlStreamAction (*start) (const xmlNode *element,
                                guint          depth,
                                gpointer       user_data);
  /* The end of an element start chose DESCEND or WHOLE for: a WHOLE one
   * with its subtree, a DESCEND one without children. Borrowed: it is freed
   * on return. FALSE with @error stops the parse with that error. */
  gboolean            (*end)   (xmlNode            *element,
                                guint               depth,
                                KithXmlStreamAction action,
                                gpointer            user_data,
                                GError            **error);
} KithXmlStreamFuncs;

typedef struct _KithXmlStream KithXmlStream;

/* @part names the document in messages; @funcs must outlive the stream. */
KithXmlStream *kith_xml_stream_new  (const char               *part,
                                     const KithXmlStreamFuncs *funcs,
                                     gpointer                  user_data);
/* Parses the next @len bytes of the document; @last after its final bytes,
 * when the document must be complete and well-formed. FALSE with @error
 * (the part named) at the first problem, or the one end gave. */
gboolean       kith_xml_stream_push (KithXmlStream            *stream,
                                     const char               *data,
                                     gsize                     len,
                                     gboolean                  last,
                                     GError                  **error);
void           kith_xml_stream_free (KithXmlStream            *stream);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithXmlStream, kith_xml_stream_free)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

G_END_DECLS
