/* kith-xml.c
 *
 * The parser context's SAX callbacks are wrapped: entity declarations stop
 * the parser, and so does an element deeper than KITH_XML_MAX_DEPTH. The
 * options leave out XML_PARSE_NOENT (substitute entities), _DTDLOAD (fetch
 * external DTDs) and _HUGE (lift libxml2's own limits). A stream
 * (kith_xml_stream_new) is guarded the same way.
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
  guint          depth;
  gboolean       too_deep;
  gboolean       entities;
  KithXmlStream *stream;   /* when streaming */
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

/* Why a parse failed, in @error; FALSE. */
static gboolean
explain (xmlParserCtxtPtr ctxt,
         Guard           *guard,
         const char      *part,
         GError         **error)
{
  if (guard->entities)
    g_set_error (error, KITH_ERROR, KITH_ERROR_UNSAFE,
                 _("%s declares XML entities (<!ENTITY> in a DOCTYPE), which Kith refuses: "
                 "they are how files attack the programs that read them"), part);
  else if (guard->too_deep)
    kith_xml_too_deep (part, error);
  else
    {
      const xmlError *e = &ctxt->lastError;
      g_autofree char *reason = NULL;

      /* a push parser ended inside an element says “extra content”: say what
       * the whole-document parser says of a file cut short */
      if (e->code == XML_ERR_DOCUMENT_END && ctxt->nameNr > 0 && ctxt->name != NULL)
        reason = g_strdup_printf ("Premature end of data in tag %s line %ld", (const char *) ctxt->name,
                                  ctxt->node != NULL ? xmlGetLineNo (ctxt->node) : (long) e->line);
      else  /* on one line: libxml2 breaks some (“… encoding !\nBytes: …”) */
        reason = kith_utf8_fold_space (e->message != NULL ? e->message : "it is not well-formed");
      g_set_error (error, KITH_ERROR, KITH_ERROR_CORRUPT, _("the file is damaged: %s cannot be read "
                   "(line %d: %s)"), part, e->line, reason);
    }
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
  if (!guard->entities && !guard->too_deep && doc != NULL && (!well_formed_required || ctxt->wellFormed))
    return doc;
  explain (ctxt, guard, part, error);
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

/* ---- streaming ------------------------------------------------------------
 *
 * The push parser builds the tree as usual, and each element is marked as
 * it starts (in node->_private): kept inside a WHOLE element, or not kept.
 * An element not kept is freed as it ends, after its children were, so
 * the tree holds only the open elements and the WHOLE one being built.
 * Text is not even built where nothing is kept.
 */

enum
{
  MARK_KEPT,     /* inside a WHOLE element */
  MARK_SKIP,     /* skipped, or inside a skipped element */
  MARK_DESCEND,
  MARK_WHOLE,
};

struct _KithXmlStream
{
  xmlParserCtxtPtr          ctxt;
  Guard                     guard;
  const KithXmlStreamFuncs *funcs;
  gpointer                  user_data;
  char                     *part;
  GError                   *error;      /* from funcs->end */
  gboolean                  failed;
};

static int
mark_of (const xmlNode *node)
{
  if (node == NULL || node->type == XML_DOCUMENT_NODE)
    return MARK_DESCEND;
  return GPOINTER_TO_INT (node->_private);
}

static gboolean
kept_here (void *ctx)
{
  int mark = mark_of (((xmlParserCtxtPtr) ctx)->node);

  return mark == MARK_KEPT || mark == MARK_WHOLE;
}

static void
stream_start_ns (void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri,
                 int nb_namespaces, const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
                 const xmlChar **attributes)
{
  xmlParserCtxtPtr ctxt = ctx;
  KithXmlStream *self = guard_of (ctx)->stream;
  xmlNode *parent = ctxt->node;
  int mark;

  if (!enter (ctx))
    return;
  xmlSAX2StartElementNs (ctx, localname, prefix, uri, nb_namespaces, namespaces, nb_attributes,
                         nb_defaulted, attributes);
  if (ctxt->node == NULL || ctxt->node == parent)
    return;   /* out of memory: the parser stops */
  switch (mark_of (parent))
    {
    case MARK_DESCEND:
      switch (self->funcs->start (ctxt->node, guard_of (ctx)->depth, self->user_data))
        {
        case KITH_XML_STREAM_DESCEND: mark = MARK_DESCEND; break;
        case KITH_XML_STREAM_WHOLE:   mark = MARK_WHOLE; break;
        case KITH_XML_STREAM_SKIP:
        default:                      mark = MARK_SKIP; break;
        }
      break;
    case MARK_SKIP:
      mark = MARK_SKIP;
      break;
    default:
      mark = MARK_KEPT;
      break;
    }
  ctxt->node->_private = GINT_TO_POINTER (mark);
}

static void
stream_end_ns (void *ctx, const xmlChar *localname, const xmlChar *prefix, const xmlChar *uri)
{
  xmlParserCtxtPtr ctxt = ctx;
  KithXmlStream *self = guard_of (ctx)->stream;
  xmlNode *node = ctxt->node;
  guint depth = guard_of (ctx)->depth--;
  int mark = mark_of (node);

  xmlSAX2EndElementNs (ctx, localname, prefix, uri);
  if (node == NULL || node->type != XML_ELEMENT_NODE || mark == MARK_KEPT)
    return;
  if ((mark == MARK_DESCEND || mark == MARK_WHOLE) && !self->failed
      && !self->funcs->end (node, depth, mark == MARK_WHOLE ? KITH_XML_STREAM_WHOLE : KITH_XML_STREAM_DESCEND,
                               self->user_data, &self->error))
    {
      self->failed = TRUE;
      if (self->error == NULL)
        g_set_error (&self->error, KITH_ERROR, KITH_ERROR_FAILED, _("cannot read %s"), self->part);
      xmlStopParser (ctx);
    }
  /* ended, and popped from the parser's stack: nothing refers to it */
  xmlUnlinkNode (node);
  xmlFreeNode (node);
}

static void
stream_characters (void *ctx, const xmlChar *text, int len)
{
  if (kept_here (ctx))
    xmlSAX2Characters (ctx, text, len);
}

static void
stream_cdata (void *ctx, const xmlChar *text, int len)
{
  if (kept_here (ctx))
    xmlSAX2CDataBlock (ctx, text, len);
}

static void
stream_comment (void *ctx, const xmlChar *text)
{
  if (kept_here (ctx))
    xmlSAX2Comment (ctx, text);
}

static void
stream_pi (void *ctx, const xmlChar *target, const xmlChar *data)
{
  if (kept_here (ctx))
    xmlSAX2ProcessingInstruction (ctx, target, data);
}

KithXmlStream *
kith_xml_stream_new (const char               *part,
                     const KithXmlStreamFuncs *funcs,
                     gpointer                  user_data)
{
  KithXmlStream *self;

  g_return_val_if_fail (part != NULL && funcs != NULL && funcs->start != NULL && funcs->end != NULL, NULL);

  self = g_new0 (KithXmlStream, 1);
  self->part = g_strdup (part);
  self->funcs = funcs;
  self->user_data = user_data;
  self->guard.stream = self;
  return self;
}

/* The parser is made with the first bytes, which say the encoding. */
static gboolean
create_parser (KithXmlStream *self,
               const char    *data,
               int            len,
               GError       **error)
{
  xmlSAXHandler sax;

  memset (&sax, 0, sizeof sax);
  xmlSAXVersion (&sax, 2);
  sax.entityDecl = guard_entity_decl;
  sax.unparsedEntityDecl = guard_unparsed_entity_decl;
  sax.startElementNs = stream_start_ns;
  sax.endElementNs = stream_end_ns;
  sax.characters = stream_characters;
  sax.ignorableWhitespace = stream_characters;
  sax.cdataBlock = stream_cdata;
  sax.comment = stream_comment;
  sax.processingInstruction = stream_pi;
  self->ctxt = xmlCreatePushParserCtxt (&sax, NULL, data, len, self->part);
  if (self->ctxt == NULL)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_FAILED, _("cannot read %s: out of memory"), self->part);
      return FALSE;
    }
  self->ctxt->_private = &self->guard;
  xmlCtxtUseOptions (self->ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  return TRUE;
}

gboolean
kith_xml_stream_push (KithXmlStream *self,
                      const char    *data,
                      gsize          len,
                      gboolean       last,
                      GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->failed)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_FAILED, _("cannot read %s"), self->part);
      return FALSE;
    }
  while (len > 0 || last)
    {
      /* libxml2 takes an int at a time */
      int n = (int) MIN (len, (gsize) (1 << 20));
      gboolean final = last && (gsize) n == len;

      if (self->ctxt == NULL)
        {
          if (!create_parser (self, data, n, error))
            return FALSE;
          if (final)
            xmlParseChunk (self->ctxt, NULL, 0, 1);
        }
      else
        xmlParseChunk (self->ctxt, data, n, final);
      if (self->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&self->error));
          return FALSE;
        }
      if (self->guard.entities || self->guard.too_deep || self->ctxt->disableSAX
          || (final && !self->ctxt->wellFormed))
        {
          self->failed = TRUE;
          return explain (self->ctxt, &self->guard, self->part, error);
        }
      data += n;
      len -= (gsize) n;
      if (final)
        break;
    }
  return TRUE;
}

void
kith_xml_stream_free (KithXmlStream *self)
{
  if (self == NULL)
    return;
  if (self->ctxt != NULL)
    {
      if (self->ctxt->myDoc != NULL)
        xmlFreeDoc (self->ctxt->myDoc);
      xmlFreeParserCtxt (self->ctxt);
    }
  g_clear_error (&self->error);
  g_free (self->part);
  g_free (self);
}
