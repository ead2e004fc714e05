/* kith-import-docx.c — Word documents (Office Open XML, .docx)
 *
 * The main part (found through [Content_Types].xml) is streamed through the
 * block walk of kith-import-blocks.c, in document order: paragraphs,
 * headings, list items and table cells each become a paragraph; tabs and
 * line breaks are kept. Tracked insertions count,
 * tracked deletions, field instructions and hidden text do not. Footnotes
 * and endnotes follow the body, numbered [1], [2] … in the order they are
 * referenced, with the same marks where they are referenced. Comments,
 * text boxes and drawings are left out. The notes parts are read whole,
 * before the body, so that its marks find them.
 */
#include <string.h>

#include "kith-archive.h"
#include "kith-import-blocks.h"
#include "kith-import-private.h"
#include "kith-i18n.h"
#include "kith-paragraphs.h"
#include "kith-xml.h"

#define NS_W        "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_W_STRICT "http://purl.oclc.org/ooxml/wordprocessingml/main"
#define NS_TYPES    "http://schemas.openxmlformats.org/package/2006/content-types"
#define WHAT        "a Word document (.docx)"

/* Word's part of the walk (KithBlockWalk.data) */
typedef struct
{
  GHashTable     *footnotes;   /* w:id → w:footnote element */
  GHashTable     *endnotes;
  GArray         *referenced;  /* NoteRef, in the order of the marks */
  gboolean        in_notes;    /* marks inside notes are not followed */
} Docx;

typedef struct
{
  xmlNode *note;
  guint    label;
} NoteRef;

static gboolean
is_w (const xmlNode *node,
      const char    *name)
{
  return kith_xml_is (node, NS_W, name) || kith_xml_is (node, NS_W_STRICT, name);
}

static gboolean
is_w_any (const xmlNode     *node,
          const char *const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (is_w (node, names[i]))
      return TRUE;
  return FALSE;
}

/* Elements whose runs are text (hyperlinks, tracked insertions and moves,
 * smart tags, simple fields, custom XML, content controls, bidi), and
 * those whose paragraphs are (tables row by row and cell by cell, and the
 * same wrappers). Tracked deletions and moves away are not. */
static const char *const inline_containers[] = {
  "hyperlink", "ins", "moveTo", "smartTag", "fldSimple", "customXml", "sdt", "sdtContent", "dir", "bdo", NULL,
};
static const char *const block_containers[] = {
  "tbl", "tr", "tc", "ins", "moveTo", "customXml", "sdt", "sdtContent", NULL,
};

static char *
w_attr (const xmlNode *node,
        const char    *name)
{
  char *value = kith_xml_dup_attr (node, NS_W, name);

  return value != NULL ? value : kith_xml_dup_attr (node, NS_W_STRICT, name);
}

/* ---- claims --------------------------------------------------------------- */

static gboolean
word_entry (const char   *name,
            gsize         name_len,
            const guint8 *stored,
            gsize         stored_len,
            gpointer      user_data)
{
  return name_len > 5 && memcmp (name, "word/", 5) == 0;
}

gboolean
kith_import_docx_claims (const guint8 *head,
                         gsize         len)
{
  return kith_archive_is_zip (head, len) && kith_archive_head_find (head, len, word_entry, NULL);
}

/* ---- the main part -------------------------------------------------------- */

static gboolean
is_main_type (const char *type)
{
  return type != NULL && g_str_has_prefix (type, "application/vnd.")
         && (strstr (type, "wordprocessingml.document.main+xml") != NULL
             || strstr (type, "wordprocessingml.template.main+xml") != NULL
             || strstr (type, "ms-word.document.macroEnabled.main+xml") != NULL
             || strstr (type, "ms-word.template.macroEnabledTemplate.main+xml") != NULL);
}

/* The main document part's name, from [Content_Types].xml; word/document.xml
 * when that says nothing. */
static char *
main_part (KithArchive *archive,
           GError     **error)
{
  g_autoptr(xmlDoc) types = NULL;
  xmlNode *root;

  if (!kith_import_read_xml (archive, "[Content_Types].xml", FALSE, &types, error))
    return NULL;
  root = types != NULL ? xmlDocGetRootElement (types) : NULL;
  for (xmlNode *n = root != NULL ? root->children : NULL; n != NULL; n = n->next)
    {
      g_autofree char *type = NULL;
      g_autofree char *name = NULL;

      if (!kith_xml_is (n, NS_TYPES, "Override"))
        continue;
      type = kith_xml_dup_attr (n, NULL, "ContentType");
      name = kith_xml_dup_attr (n, NULL, "PartName");
      if (is_main_type (type) && name != NULL)
        return g_strdup (name[0] == '/' ? name + 1 : name);
    }
  if (kith_archive_has (archive, "word/document.xml"))
    return g_strdup ("word/document.xml");
  if (kith_archive_has (archive, "xl/workbook.xml"))
    g_set_error (error, KITH_ERROR, KITH_ERROR_UNSUPPORTED,
                 _("this is an Excel workbook, not a Word document; to import survey answers, "
                 "save the sheet as CSV and import that"));
  else if (kith_archive_has (archive, "ppt/presentation.xml"))
    g_set_error (error, KITH_ERROR, KITH_ERROR_UNSUPPORTED,
                 _("this is a PowerPoint presentation, not a Word document"));
  else
    g_set_error (error, KITH_ERROR, KITH_ERROR_UNSUPPORTED,
                 _("this is a ZIP archive, but not %s: it has no word/document.xml"), WHAT);
  return NULL;
}

/* ---- walking -------------------------------------------------------------- */

/* <w:vanish/> in a run's properties: hidden text, unless w:val says false */
static gboolean
is_hidden (xmlNode *run)
{
  for (xmlNode *p = run->children; p != NULL; p = p->next)
    {
      if (!is_w (p, "rPr"))
        continue;
      for (xmlNode *q = p->children; q != NULL; q = q->next)
        if (is_w (q, "vanish") || is_w (q, "specVanish"))
          {
            g_autofree char *val = w_attr (q, "val");
            return val == NULL || !(g_str_equal (val, "0") || g_str_equal (val, "false") || g_str_equal (val, "off"));
          }
    }
  return FALSE;
}

static void
note_mark (Docx           *d,
           KithParagraphs *out,
           xmlNode        *reference,
           GHashTable     *notes)
{
  g_autofree char *id = w_attr (reference, "id");
  xmlNode *note = id != NULL ? g_hash_table_lookup (notes, id) : NULL;
  g_autofree char *mark = NULL;
  NoteRef ref;

  if (note == NULL || d->in_notes)
    return;
  ref.note = note;
  ref.label = d->referenced->len + 1;
  g_array_append_val (d->referenced, ref);
  mark = g_strdup_printf ("[%u]", ref.label);
  kith_paragraphs_add_text (out, mark, -1);
}

/* A run (w:r), the only inline leaf */
static gboolean
run_content (KithBlockWalk  *walk,
             KithParagraphs *out,
             xmlNode        *run,
             guint           depth,
             GError        **error)
{
  Docx *d = walk->data;

  if (is_hidden (run))
    return TRUE;
  for (xmlNode *c = run->children; c != NULL; c = c->next)
    {
      if (is_w (c, "t"))
        {
          xmlChar *text = xmlNodeGetContent (c);
          kith_paragraphs_add_text (out, (const char *) text, -1);
          xmlFree (text);
        }
      else if (is_w (c, "tab") || is_w (c, "ptab"))
        kith_paragraphs_add_literal (out, "\t");
      else if (is_w (c, "br"))
        {
          /* page and column breaks are layout, not text */
          g_autofree char *type = w_attr (c, "type");
          if (type == NULL || g_str_equal (type, "textWrapping"))
            kith_paragraphs_add_literal (out, "\n");
        }
      else if (is_w (c, "cr"))
        kith_paragraphs_add_literal (out, "\n");
      else if (is_w (c, "noBreakHyphen"))
        kith_paragraphs_add_text (out, "-", 1);
      else if (is_w (c, "footnoteReference"))
        note_mark (d, out, c, d->footnotes);
      else if (is_w (c, "endnoteReference"))
        note_mark (d, out, c, d->endnotes);
      /* w:delText, w:instrText, w:softHyphen, w:sym, w:drawing, w:pict, w:footnoteRef: nothing */
    }
  return TRUE;
}

static KithBlockKind
block_kind (const xmlNode *node)
{
  if (is_w (node, "p"))
    return KITH_BLOCK_PARAGRAPH;
  return is_w_any (node, block_containers) ? KITH_BLOCK_CONTAINER : KITH_BLOCK_OTHER;
}

static KithInlineKind
inline_kind (const xmlNode *node)
{
  if (is_w (node, "r"))
    return KITH_INLINE_LEAF;
  /* anything else (math, drawings, properties) is not text */
  return is_w_any (node, inline_containers) ? KITH_INLINE_SPAN : KITH_INLINE_SKIP;
}

static gboolean
is_body (const xmlNode *node)
{
  return is_w (node, "body") && is_w (node->parent, "document")
         && node->parent->parent != NULL && node->parent->parent->type == XML_DOCUMENT_NODE;
}

/* A header table names the people of an interview, a role and a name a
 * row: “Interviewer | Grace Obi”. It comes before the body (after a title at
 * most), every row two cells of one paragraph each. */
#define HEADER_TABLE_MAX_BEFORE 2
#define HEADER_ROLE_MAX_CHARS   40

/* Whether @table comes where a header table may: read it whole, then. */
static gboolean
may_be_header_table (KithBlockWalk *walk,
                     const xmlNode *table)
{
  Docx *d = walk->data;

  return is_w (table, "tbl") && !d->in_notes && walk->paragraphs <= HEADER_TABLE_MAX_BEFORE;
}

static gboolean
is_header_table_shape (KithBlockWalk *walk,
                       xmlNode       *table)
{
  guint rows = 0;

  if (!may_be_header_table (walk, table))
    return FALSE;
  for (xmlNode *r = table->children; r != NULL; r = r->next)
    {
      guint cells = 0;
      if (r->type != XML_ELEMENT_NODE || is_w (r, "tblPr") || is_w (r, "tblGrid"))
        continue;
      if (!is_w (r, "tr"))
        return FALSE;
      for (xmlNode *c = r->children; c != NULL; c = c->next)
        {
          guint paragraphs = 0;
          if (c->type != XML_ELEMENT_NODE || is_w (c, "trPr") || is_w (c, "tblPrEx"))
            continue;
          if (!is_w (c, "tc"))
            return FALSE;
          cells++;
          for (xmlNode *p = c->children; p != NULL; p = p->next)
            {
              if (p->type != XML_ELEMENT_NODE || is_w (p, "tcPr"))
                continue;
              if (!is_w (p, "p"))
                return FALSE;
              paragraphs++;
            }
          if (paragraphs != 1)
            return FALSE;
        }
      if (cells != 2)
        return FALSE;
      rows++;
    }
  return rows > 0;
}

/* Writes a header table a row a paragraph, the two cells joined by a tab
 * (“Interviewer⇥Grace Obi”), so that the header's roles can be read from
 * the text (kith_turns_header_roles); a table that turns out not to be one
 * is written cell by cell, as any other. */
static gboolean
header_table (KithBlockWalk  *walk,
              KithParagraphs *out,
              xmlNode        *table,
              guint           depth,
              gboolean       *handled,
              GError        **error)
{
  g_autoptr(GPtrArray) cells = NULL;
  gboolean header = TRUE;

  if (!is_header_table_shape (walk, table))
    return TRUE;
  *handled = TRUE;
  cells = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_paragraphs_free);
  for (xmlNode *r = table->children; r != NULL; r = r->next)
    for (xmlNode *c = is_w (r, "tr") ? r->children : NULL; c != NULL; c = c->next)
      {
        KithParagraphs *cell;
        const char *text;
        gsize len;

        if (!is_w (c, "tc"))
          continue;
        cell = kith_paragraphs_new (FALSE);
        g_ptr_array_add (cells, cell);
        if (!kith_blocks_walk (walk, cell, c, depth + 2, error))
          return FALSE;
        kith_paragraphs_end (cell);
        text = kith_paragraphs_get_text (cell, &len);
        /* one line each; the role there and short, the name may be blank */
        if (len > 0 && memchr (text, '\n', len - 1) != NULL)
          header = FALSE;
        if (cells->len % 2 == 1 && (len == 0 || g_utf8_strlen (text, (gssize) len - 1) > HEADER_ROLE_MAX_CHARS))
          header = FALSE;
      }
  for (guint i = 0; i < cells->len; i++)
    {
      KithParagraphs *cell = g_ptr_array_index (cells, i);
      gsize len;
      const char *text = kith_paragraphs_get_text (cell, &len);

      if (!header)
        kith_paragraphs_take (out, cell);
      else if (i % 2 == 0)
        {
          kith_paragraphs_end (out);
          kith_paragraphs_add_text (out, text, (gssize) len - 1);
        }
      else
        {
          kith_paragraphs_add_literal (out, "\t");
          if (len > 0)
            kith_paragraphs_add_text (out, text, (gssize) len - 1);
          kith_paragraphs_end (out);
        }
    }
  return TRUE;
}

static const KithBlockFormat docx_format = {
  .text_nodes = FALSE,
  .is_body = is_body,
  .block_kind = block_kind,
  .inline_kind = inline_kind,
  .leaf = run_content,
  .special = header_table,
  .whole = may_be_header_table,
};

/* w:id → w:footnote (or w:endnote) for the notes in @doc */
static GHashTable *
index_notes (xmlDoc     *doc,
             const char *element)
{
  GHashTable *notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  xmlNode *root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;

  for (xmlNode *n = root != NULL ? root->children : NULL; n != NULL; n = n->next)
    {
      char *id;
      if (!is_w (n, element))
        continue;
      id = w_attr (n, "id");
      if (id != NULL)
        g_hash_table_insert (notes, id, n);
    }
  return notes;
}

static char *
sibling_part (const char *main,
              const char *name)
{
  g_autofree char *dir = g_path_get_dirname (main);

  return g_str_equal (dir, ".") ? g_strdup (name) : g_strconcat (dir, "/", name, NULL);
}

gboolean
kith_import_docx_parse (KithImportContext *ctx,
                        GError           **error)
{
  g_autoptr(KithArchive) archive = kith_import_open_archive (ctx, WHAT, error);
  g_autofree char *part = NULL;
  g_autofree char *footnotes_part = NULL;
  g_autofree char *endnotes_part = NULL;
  g_autoptr(xmlDoc) footnotes = NULL;
  g_autoptr(xmlDoc) endnotes = NULL;
  g_autoptr(KithParagraphs) body = kith_paragraphs_new (FALSE);
  g_autoptr(KithParagraphs) notes = kith_paragraphs_new (FALSE);
  g_autoptr(GHashTable) footnote_index = NULL;
  g_autoptr(GHashTable) endnote_index = NULL;
  g_autoptr(GArray) referenced = g_array_new (FALSE, FALSE, sizeof (NoteRef));
  const char *text;
  gsize len = 0;
  gboolean found_body = FALSE;
  Docx d = { 0 };
  KithBlockWalk walk = { &docx_format, NULL, &d };

  if (archive == NULL)
    return FALSE;
  part = main_part (archive, error);
  if (part == NULL)
    return FALSE;
  footnotes_part = sibling_part (part, "footnotes.xml");
  endnotes_part = sibling_part (part, "endnotes.xml");
  /* the notes first, so that the body's marks find them as it streams */
  if (!kith_import_require_part (archive, part, error)
      || !kith_import_read_title (ctx, archive, "docProps/core.xml", error)
      || !kith_import_read_xml (archive, footnotes_part, FALSE, &footnotes, error)
      || !kith_import_read_xml (archive, endnotes_part, FALSE, &endnotes, error))
    return FALSE;
  footnote_index = index_notes (footnotes, "footnote");
  endnote_index = index_notes (endnotes, "endnote");

  d.footnotes = footnote_index;
  d.endnotes = endnote_index;
  d.referenced = referenced;
  walk.part = part;
  if (!kith_blocks_stream (&walk, archive, body, &found_body, error))
    return FALSE;
  if (!found_body)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_CORRUPT, _("the file is damaged: %s has no document body"), part);
      return FALSE;
    }
  kith_paragraphs_end (body);

  /* notes after the body, each as “[1] its text” */
  walk.part = footnotes_part;
  d.in_notes = TRUE;
  for (guint i = 0; i < referenced->len; i++)
    {
      NoteRef *ref = &g_array_index (referenced, NoteRef, i);
      g_autoptr(KithParagraphs) note = kith_paragraphs_new (FALSE);
      g_autofree char *mark = g_strdup_printf ("[%u] ", ref->label);
      const char *note_text;

      if (!kith_blocks_walk (&walk, note, ref->note, 1, error))
        return FALSE;
      note_text = kith_paragraphs_get_text (note, NULL);
      kith_paragraphs_add_text (notes, mark, -1);
      kith_paragraphs_add_text (notes, note_text + strspn (note_text, " \t"), -1);
      kith_paragraphs_end (notes);
    }
  kith_paragraphs_take (body, notes);

  text = kith_paragraphs_get_text (body, &len);
  return kith_import_context_build (ctx, KITH_REFLOW_NEVER, text, len, error);
}
