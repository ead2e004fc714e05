/* kith-xml.c
 *
 * The parser context's SAX callbacks are wrapped: entity declarations stop
 * the parser, and so does an element deeper than KITH_XML_MAX_DEPTH. The
 * options leave out XML_PARSE_NOENT (substitute entities), _DTDLOAD (fetch
 * external DTDs) and _HUGE (lift libxml2's own limits).
 */
#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <string.h>

#include "kith-error.h"
#include "kith-utf8.h"
#include "kith-xml.h"
#include "kith-i18n.h"

typedef struct
{
  guint    depth;
  gboolean too_deep;
  gboolean entities;
} Guard;

static Guard *
guard_of (void *ctx)
{
  return ((xmlParserCtxtPtr) ctx)->_private;
}

static void
refuse_entity (void *ctx)
{
  guard_of (ctx)->entities = TRUE;
  xmlStopParser (ctx);
}

static void
guard_entity_decl (void *ctx, const xmlChar *name, int type, const xmlChar *public_id,
                   const xmlChar *system_id, xmlChar *content)
{
  refuse_entity (ctx);
}

static void
guard_unparsed_entity_decl (void *ctx, const xmlChar *name, const xmlChar *public_id,
                            const xmlChar *system_id, const xmlChar *notation)
{
  refuse_entity (ctx);
}

static gboolean
enter (void *ctx)
{
  Guard *guard = guard_of (ctx);

  if (++guard->depth > KITH_XML_MAX_DEPTH)
    {
      guard->too_deep = TRUE;
      xmlStopParser (ctx);
      return FALSE;
    }
  return TRUE;
}

static void
guard_start_ns (void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                const xmlChar **attributes)
{
  if (enter (ctx))
    xmlSAX2StartElementNs (ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
                           nb_defaulted, attributes);
}

static void
guard_end_ns (void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
  guard_of (ctx)->depth--;
  xmlSAX2EndElementNs (ctx, localname, prefix, uri);
}

static void
guard_start_html (void *ctx, const xmlChar *name, const xmlChar **attributes)
{
  if (enter (ctx))
    xmlSAX2StartElement (ctx, name, attributes);
}

static void
guard_end_html (void *ctx, const xmlChar *name)
{
  guard_of (ctx)->depth--;
  xmlSAX2EndElement (ctx, name);
}

gboolean
kith_xml_too_deep (const char *part,
                   GError    **error)
{
  g_set_error (error, KITH_ERROR, KITH_ERROR_UNSAFE,
               _("%s is nested more than %d levels deep, so Kith does not read it"), part, KITH_XML_MAX_DEPTH);
  return FALSE;
}

/* Takes the document out of a finished parse, or explains why not. */
static xmlDoc *
finish (xmlParserCtxtPtr ctxt,
        Guard           *guard,
        gboolean         well_formed_required,
        const char      *part,
        GError         **error)
{
  xmlDoc *doc = ctxt->myDoc;

  ctxt->myDoc = NULL;
  if (guard->entities)
    g_set_error (error, KITH_ERROR, KITH_ERROR_UNSAFE,
                 _("%s declares XML entities (<!ENTITY> in a DOCTYPE), which Kith refuses: "
                 "they are how files attack the programs that read them"), part);
  else if (guard->too_deep)
    kith_xml_too_deep (part, error);
  else if (doc == NULL || (well_formed_required && !ctxt->wellFormed))
    {
      const char *message = ctxt->lastError.message;
      g_autofree char *reason = g_strstrip (g_strdup (message != NULL ? message : "it is not well-formed"));
      g_set_error (error, KITH_ERROR, KITH_ERROR_CORRUPT, _("the file is damaged: %s cannot be read "
                   "(line %d: %s)"), part, ctxt->lastError.line, reason);
    }
  else
    return doc;
  if (doc != NULL)
    xmlFreeDoc (doc);
  return NULL;
}

xmlDoc *
kith_xml_parse (const char *data,
                gsize       len,
                const char *part,
                GError    **error)
{
  xmlParserCtxtPtr ctxt;
  Guard guard = { 0 };
  xmlDoc *doc;

  if (len > G_MAXINT)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_TOO_LARGE, _("%s is too large"), part);
      return NULL;
    }
  ctxt = xmlCreateMemoryParserCtxt (data, (int) len);
  if (ctxt == NULL)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_FAILED, _("cannot read %s: out of memory"), part);
      return NULL;
    }
  ctxt->_private = &guard;
  ctxt->sax->entityDecl = guard_entity_decl;
  ctxt->sax->unparsedEntityDecl = guard_unparsed_entity_decl;
  ctxt->sax->startElementNs = guard_start_ns;
  ctxt->sax->endElementNs = guard_end_ns;
  xmlCtxtUseOptions (ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlParseDocument (ctxt);
  doc = finish (ctxt, &guard, TRUE, part, error);
  xmlFreeParserCtxt (ctxt);
  return doc;
}

xmlDoc *
kith_html_parse (const char *utf8,
                 gsize       len,
                 GError    **error)
{
  htmlParserCtxtPtr ctxt;
  Guard guard = { 0 };
  xmlDoc *doc;

  if (len > G_MAXINT)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_TOO_LARGE, _("the HTML document is too large"));
      return NULL;
    }
  ctxt = htmlCreateMemoryParserCtxt (utf8, (int) len);
  if (ctxt == NULL)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_FAILED, _("cannot read the HTML document: out of memory"));
      return NULL;
    }
  ctxt->_private = &guard;
  ctxt->sax->entityDecl = guard_entity_decl;
  ctxt->sax->unparsedEntityDecl = guard_unparsed_entity_decl;
  ctxt->sax->startElement = guard_start_html;
  ctxt->sax->endElement = guard_end_html;
  /* the text is UTF-8 already: a <meta charset> must not switch decoders */
  htmlCtxtUseOptions (ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
                            | HTML_PARSE_IGNORE_ENC | HTML_PARSE_RECOVER);
  xmlSwitchEncoding (ctxt, XML_CHAR_ENCODING_UTF8);
  htmlParseDocument (ctxt);
  /* browsers show broken HTML: so does Kith */
  doc = finish (ctxt, &guard, FALSE, "the HTML document", error);
  htmlFreeParserCtxt (ctxt);
  return doc;
}

gboolean
kith_xml_is (const xmlNode *node,
             const char    *ns,
             const char    *name)
{
  if (node == NULL || node->type != XML_ELEMENT_NODE || strcmp ((const char *) node->name, name) != 0)
    return FALSE;
  if (ns == NULL)
    return TRUE;
  return node->ns != NULL && node->ns->href != NULL && strcmp ((const char *) node->ns->href, ns) == 0;
}

char *
kith_xml_dup_attr (const xmlNode *node,
                   const char    *ns,
                   const char    *name)
{
  xmlChar *value = ns != NULL ? xmlGetNsProp (node, (const xmlChar *) name, (const xmlChar *) ns)
                              : xmlGetNoNsProp (node, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

static const xmlNode *
find_element (const xmlNode *node,
              const char    *name,
              guint          depth)
{
  if (depth > KITH_XML_MAX_DEPTH)
    return NULL;
  for (const xmlNode *n = node; n != NULL; n = n->next)
    {
      const xmlNode *found;
      if (kith_xml_is (n, NULL, name))
        return n;
      found = n->type == XML_ELEMENT_NODE ? find_element (n->children, name, depth + 1) : NULL;
      if (found != NULL)
        return found;
    }
  return NULL;
}

char *
kith_xml_find_text (const xmlNode *node,
                    const char    *name)
{
  const xmlNode *found = node != NULL ? find_element (node, name, 0) : NULL;
  xmlChar *content = found != NULL ? xmlNodeGetContent (found) : NULL;
  char *text;

  if (content == NULL)
    return NULL;
  text = kith_utf8_fold_space ((const char *) content);
  xmlFree (content);
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}
