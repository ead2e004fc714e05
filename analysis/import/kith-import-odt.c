/* kith-import-odt.c — OpenDocument text (.odt), as LibreOffice writes it
 *
 * content.xml's office:text is streamed through the block walk Word's
 * importer uses (kith-import-blocks.c), in document order:
 * paragraphs, headings, list items and table cells become paragraphs; tabs,
 * line breaks and <text:s/> spaces are kept, other white space collapses as
 * the OpenDocument standard says. Notes follow the body as “[1] text”, with
 * their citation where they are cited; annotations, tracked deletions,
 * tables of contents and frames are left out.
 */
#include <string.h>

#include "kith-archive.h"
#include "kith-import-blocks.h"
#include "kith-import-private.h"
#include "kith-i18n.h"
#include "kith-paragraphs.h"
#include "kith-xml.h"

#define NS_OFFICE   "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
#define NS_TEXT     "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
#define NS_TABLE    "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
#define NS_MANIFEST "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
#define MIME_TEXT   "application/vnd.oasis.opendocument.text"
#define WHAT        "an OpenDocument text (.odt)"

/* OpenDocument's part of the walk (KithBlockWalk.data) */
typedef struct
{
  KithParagraphs *notes;
} Odt;

/* ---- claims --------------------------------------------------------------- */

static gboolean
text_mimetype (const char   *name,
               gsize         name_len,
               const guint8 *stored,
               gsize         stored_len,
               gpointer      user_data)
{
  gsize n = strlen (MIME_TEXT);

  return name_len == 8 && memcmp (name, "mimetype", 8) == 0 && stored != NULL
         && stored_len >= n && memcmp (stored, MIME_TEXT, n) == 0;
}

gboolean
kith_import_odt_claims (const guint8 *head,
                        gsize         len)
{
  /* the standard puts “mimetype” first, stored: it is the only place to look */
  return kith_archive_is_zip (head, len) && kith_archive_head_find (head, MIN (len, 512), text_mimetype, NULL);
}

/* ---- checks --------------------------------------------------------------- */

static gboolean
check_mimetype (KithArchive *archive,
                GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *type = NULL;
  gsize len = 0;
  const char *data;

  if (!kith_archive_has (archive, "mimetype"))
    return TRUE;   /* optional; content.xml decides */
  bytes = kith_archive_read (archive, "mimetype", error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  type = g_strstrip (g_strndup (data, MIN (len, 200)));
  if (g_str_has_prefix (type, MIME_TEXT))
    return TRUE;
  if (g_str_has_prefix (type, "application/vnd.oasis.opendocument.spreadsheet"))
    g_set_error (error, KITH_ERROR, KITH_ERROR_UNSUPPORTED,
                 _("this is an OpenDocument spreadsheet, not a text document; to import survey answers, "
                 "save the sheet as CSV and import that"));
  else
    g_set_error (error, KITH_ERROR, KITH_ERROR_UNSUPPORTED,
                 _("this is not %s but “%s”"), WHAT, g_utf8_validate (type, -1, NULL) ? type : "another kind of file");
  return FALSE;
}

/* An encrypted ODF package is an ordinary ZIP whose manifest says which
 * entries are encrypted (<manifest:encryption-data>). */
static gboolean
check_not_encrypted (KithArchive *archive,
                     GError     **error)
{
  g_autoptr(xmlDoc) manifest = NULL;
  xmlNode *root;

  if (!kith_import_read_xml (archive, "META-INF/manifest.xml", FALSE, &manifest, error))
    return FALSE;
  root = manifest != NULL ? xmlDocGetRootElement (manifest) : NULL;
  for (xmlNode *entry = root != NULL ? root->children : NULL; entry != NULL; entry = entry->next)
    for (xmlNode *c = entry->children; c != NULL; c = c->next)
      if (kith_xml_is (c, NS_MANIFEST, "encryption-data"))
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_ENCRYPTED,
                       _("the document is password-protected; save a copy without a password and import that"));
          return FALSE;
        }
  return TRUE;
}

/* ---- walking -------------------------------------------------------------- */

static gboolean
is_text (const xmlNode *node, const char *name)
{
  return kith_xml_is (node, NS_TEXT, name);
}

static gboolean
is_skipped_inline (const xmlNode *node)
{
  static const char *const text_skipped[] = {
    "bookmark", "bookmark-start", "bookmark-end", "reference-mark", "reference-mark-start",
    "reference-mark-end", "change", "change-start", "change-end", "soft-page-break", "ruby-text",
    "hidden-text", "hidden-paragraph", "toc-mark", "alphabetical-index-mark", "user-index-mark",
  };

  if (node->ns != NULL && node->ns->href != NULL && strcmp ((const char *) node->ns->href, NS_TEXT) == 0)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (text_skipped); i++)
        if (strcmp ((const char *) node->name, text_skipped[i]) == 0)
          return TRUE;
      return FALSE;
    }
  /* office:annotation (comments), draw:frame and the rest */
  return TRUE;
}

static void
add_spaces (KithParagraphs *out,
            xmlNode        *node)
{
  g_autofree char *count = kith_xml_dup_attr (node, NS_TEXT, "c");
  guint64 n = 1;

  if (count != NULL && !g_ascii_string_to_unsigned (count, 10, 1, 1000, &n, NULL))
    n = 1;
  for (guint64 i = 0; i < n; i++)
    kith_paragraphs_add_literal (out, " ");
}

static gboolean
add_note (KithBlockWalk  *walk,
          KithParagraphs *out,
          xmlNode        *note,
          guint           depth,
          GError        **error)
{
  Odt *o = walk->data;
  g_autoptr(KithParagraphs) body = kith_paragraphs_new (TRUE);
  g_autofree char *citation = NULL;
  g_autofree char *mark = NULL;

  for (xmlNode *c = note->children; c != NULL; c = c->next)
    {
      if (is_text (c, "note-citation") && citation == NULL)
        {
          xmlChar *label = xmlNodeGetContent (c);
          citation = g_strstrip (g_strdup ((const char *) label));
          xmlFree (label);
        }
      else if (is_text (c, "note-body") && !kith_blocks_walk (walk, body, c, depth + 1, error))
        return FALSE;
    }
  mark = g_strdup_printf ("[%s]", citation != NULL && *citation != '\0' ? citation : "*");
  kith_paragraphs_add_text (out, mark, -1);
  kith_paragraphs_add_text (o->notes, mark, -1);
  kith_paragraphs_add_literal (o->notes, " ");
  kith_paragraphs_add_text (o->notes, kith_paragraphs_get_text (body, NULL), -1);
  kith_paragraphs_end (o->notes);
  return TRUE;
}

static gboolean
leaf (KithBlockWalk  *walk,
      KithParagraphs *out,
      xmlNode        *node,
      guint           depth,
      GError        **error)
{
  if (is_text (node, "s"))
    add_spaces (out, node);
  else if (is_text (node, "tab"))
    kith_paragraphs_add_literal (out, "\t");
  else if (is_text (node, "line-break"))
    kith_paragraphs_add_literal (out, "\n");
  else if (is_text (node, "note"))
    return add_note (walk, out, node, depth, error);
  return TRUE;
}

static KithInlineKind
inline_kind (const xmlNode *node)
{
  if (is_text (node, "s") || is_text (node, "tab") || is_text (node, "line-break") || is_text (node, "note"))
    return KITH_INLINE_LEAF;
  /* spans, links, fields, ruby bases: their text is text */
  return is_skipped_inline (node) ? KITH_INLINE_SKIP : KITH_INLINE_SPAN;
}

static KithBlockKind
block_kind (const xmlNode *c)
{
  if (is_text (c, "p") || is_text (c, "h"))
    return KITH_BLOCK_PARAGRAPH;
  if (is_text (c, "list") || is_text (c, "list-item") || is_text (c, "list-header")
      || is_text (c, "section") || is_text (c, "numbered-paragraph")
      || kith_xml_is (c, NS_TABLE, "table") || kith_xml_is (c, NS_TABLE, "table-header-rows")
      || kith_xml_is (c, NS_TABLE, "table-rows") || kith_xml_is (c, NS_TABLE, "table-row-group")
      || kith_xml_is (c, NS_TABLE, "table-row") || kith_xml_is (c, NS_TABLE, "table-cell"))
    return KITH_BLOCK_CONTAINER;
  /* tracked changes (deleted text), tables of contents, forms, declarations */
  return KITH_BLOCK_OTHER;
}

/* office:text in office:body, under the root */
static gboolean
is_body (const xmlNode *node)
{
  const xmlNode *body = node->parent;

  return kith_xml_is (node, NS_OFFICE, "text") && kith_xml_is (body, NS_OFFICE, "body")
         && body->parent != NULL && body->parent->parent != NULL
         && body->parent->parent->type == XML_DOCUMENT_NODE;
}

static const KithBlockFormat odt_format = {
  .text_nodes = TRUE,
  .is_body = is_body,
  .block_kind = block_kind,
  .inline_kind = inline_kind,
  .leaf = leaf,
};

gboolean
kith_import_odt_parse (KithImportContext *ctx,
                       GError           **error)
{
  g_autoptr(KithArchive) archive = kith_import_open_archive (ctx, WHAT, error);
  g_autoptr(KithParagraphs) body = kith_paragraphs_new (TRUE);
  g_autoptr(KithParagraphs) notes = kith_paragraphs_new (TRUE);
  const char *out;
  gsize len = 0;
  gboolean found_body = FALSE;
  Odt o = { notes };
  KithBlockWalk walk = { &odt_format, "content.xml", &o };

  if (archive == NULL || !check_mimetype (archive, error) || !check_not_encrypted (archive, error)
      || !kith_import_require_part (archive, "content.xml", error)
      || !kith_import_read_title (ctx, archive, "meta.xml", error)
      || !kith_blocks_stream (&walk, archive, body, &found_body, error))
    return FALSE;
  if (!found_body)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_UNSUPPORTED,
                   _("this is not %s: content.xml has no text body"), WHAT);
      return FALSE;
    }
  kith_paragraphs_take (body, notes);
  out = kith_paragraphs_get_text (body, &len);
  return kith_import_context_build (ctx, KITH_REFLOW_NEVER, out, len, error);
}
