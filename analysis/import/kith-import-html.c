/* kith-import-html.c — web pages and HTML exports: the text a browser shows
 *
 * Block elements (paragraphs, headings, list items, table cells, divs …)
 * become paragraphs, <br> a line break, <pre> keeps its lines; white space
 * elsewhere collapses as a browser collapses it. The head, scripts, styles,
 * templates, embedded objects and anything marked hidden are left out.
 */
#include <string.h>

#include "kith-decoder.h"
#include "kith-import-private.h"
#include "kith-paragraphs.h"
#include "kith-xml.h"

static const char *const skipped_elements[] = {
  "head", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed",
  "canvas", "select", "textarea", "title", "audio", "video", "map",
};

static const char *const block_elements[] = {
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
  "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
  "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
  "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
  "thead", "tr", "ul",
};

/* ---- claims --------------------------------------------------------------- */

static gboolean
has_prefix_ci (const char *p, const char *end, const char *prefix)
{
  gsize n = strlen (prefix);

  return (gsize) (end - p) >= n && g_ascii_strncasecmp (p, prefix, n) == 0;
}

gboolean
kith_import_html_claims (const guint8 *head,
                         gsize         len)
{
  const char *p = (const char *) head, *end = p + len;

  if (has_prefix_ci (p, end, "\xEF\xBB\xBF"))
    p += 3;
  /* white space, comments and an XML declaration may come first */
  for (;;)
    {
      const char *close = NULL;
      while (p < end && g_ascii_isspace (*p))
        p++;
      if (has_prefix_ci (p, end, "<!--"))
        close = g_strstr_len (p, end - p, "-->");
      else if (has_prefix_ci (p, end, "<?xml"))
        close = g_strstr_len (p, end - p, "?>");
      else
        break;
      if (close == NULL)
        return FALSE;
      p = close + (close[0] == '-' ? 3 : 2);
    }
  if (has_prefix_ci (p, end, "<!doctype html"))
    return TRUE;
  return has_prefix_ci (p, end, "<html") && p + 5 < end && (p[5] == '>' || g_ascii_isspace (p[5]));
}

/* ---- encoding ------------------------------------------------------------- */

/* The charset a <meta> element declares in the first bytes, or NULL. */
static char *
meta_charset (const guint8 *head,
              gsize         len)
{
  static GRegex *regex;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *ascii = g_strndup ((const char *) head, MIN (len, 4096));

  if (g_once_init_enter (&regex))
    {
      GRegex *r = g_regex_new ("<meta\\b[^>]*?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_:.\\-]+)",
                               G_REGEX_CASELESS | G_REGEX_RAW, 0, NULL);
      g_once_init_leave (&regex, r);
    }
  if (!g_regex_match (regex, ascii, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 1);
}

/* A byte-order mark first, then bytes that are valid UTF-8 (pages saved
 * again by an editor often keep an old <meta>), then <meta charset>, then
 * what the detector guessed. */
static gboolean
choose_encoding (KithImportContext *ctx,
                 GError           **error)
{
  g_autofree char *declared = NULL;

  if (!kith_import_context_detect_encoding (ctx, error))
    return FALSE;
  if (ctx->options->encoding != NULL || ctx->bom || g_str_equal (ctx->encoding, "UTF-8"))
    return TRUE;
  declared = meta_charset (ctx->head, ctx->head_len);
  if (declared != NULL && kith_encoding_is_known (declared))
    {
      g_free (ctx->encoding);
      ctx->encoding = g_ascii_strup (declared, -1);
    }
  return TRUE;
}

/* ---- walking -------------------------------------------------------------- */

static gboolean
in_list (const char *name, const char *const *list, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (g_ascii_strcasecmp (name, list[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
is_hidden (const xmlNode *node)
{
  g_autofree char *aria = kith_xml_dup_attr (node, NULL, "aria-hidden");
  g_autofree char *style = kith_xml_dup_attr (node, NULL, "style");
  g_autoptr(GString) compact = NULL;

  if (xmlHasProp (node, (const xmlChar *) "hidden") != NULL)
    return TRUE;
  if (aria != NULL && g_ascii_strcasecmp (aria, "true") == 0)
    return TRUE;
  if (style == NULL)
    return FALSE;
  /* “display: none” however it is spaced */
  compact = g_string_new (NULL);
  for (const char *p = style; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (compact, g_ascii_tolower (*p));
  return strstr (compact->str, "display:none") != NULL || strstr (compact->str, "visibility:hidden") != NULL;
}

static void
add_preformatted (KithParagraphs *out,
                  const char     *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        kith_paragraphs_add_literal (out, "\n");
      if (lines[i][0] != '\0')
        kith_paragraphs_add_literal (out, lines[i]);
    }
}

static gboolean
walk (KithParagraphs *out,
      xmlNode        *parent,
      gboolean        pre,
      guint           depth,
      GError        **error)
{
  if (depth > KITH_XML_MAX_DEPTH)
    return kith_xml_too_deep ("the HTML document", error);
  for (xmlNode *c = parent->children; c != NULL; c = c->next)
    {
      const char *name = (const char *) c->name;
      gboolean block;

      if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE)
        {
          if (pre)
            add_preformatted (out, (const char *) c->content);
          else
            kith_paragraphs_add_text (out, (const char *) c->content, -1);
          continue;
        }
      if (c->type != XML_ELEMENT_NODE || name == NULL)
        continue;
      if (in_list (name, skipped_elements, G_N_ELEMENTS (skipped_elements)) || is_hidden (c))
        continue;
      if (g_ascii_strcasecmp (name, "br") == 0)
        {
          kith_paragraphs_add_literal (out, "\n");
          continue;
        }
      block = in_list (name, block_elements, G_N_ELEMENTS (block_elements));
      if (block)
        kith_paragraphs_end (out);
      if (!walk (out, c, pre || g_ascii_strcasecmp (name, "pre") == 0, depth + 1, error))
        return FALSE;
      if (block)
        kith_paragraphs_end (out);
    }
  return TRUE;
}

gboolean
kith_import_html_parse (KithImportContext *ctx,
                        GError           **error)
{
  g_autofree char *utf8 = NULL;
  g_autoptr(xmlDoc) doc = NULL;
  g_autoptr(KithParagraphs) out = kith_paragraphs_new (TRUE);
  const char *text;
  gsize len = 0;
  xmlNode *root;

  if (!choose_encoding (ctx, error))
    return FALSE;
  utf8 = kith_import_context_read_utf8 (ctx, KITH_IMPORT_MAX_MEMORY_BYTES, "an HTML document", &len, error);
  if (utf8 == NULL)
    return FALSE;
  doc = kith_html_parse (utf8, len, error);
  if (doc == NULL)
    return FALSE;
  root = xmlDocGetRootElement (doc);
  ctx->title = kith_xml_find_text (root, "title");
  if (root != NULL && !walk (out, root, FALSE, 1, error))
    return FALSE;
  kith_paragraphs_end (out);
  text = kith_paragraphs_get_text (out, &len);
  return kith_import_context_build (ctx, KITH_REFLOW_NEVER, text, len, error);
}
