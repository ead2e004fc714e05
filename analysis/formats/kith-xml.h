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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

G_END_DECLS
