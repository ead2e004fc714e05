/* kith-qde-read.c — QDA-XML through libxml2's xmlReader
 *
 * One pass over the events with a stack of what each open element is;
 * elements are matched by local name whatever their namespace, since
 * vendors write the project namespace into codebooks and none at all.
 */
#include <libxml/xmlreader.h>
#include <string.h>

#include "kith-error.h"
#include "kith-i18n.h"
#include "kith-qde-read.h"
#include "kith-refi-guid.h"
#include "kith-xml.h"

typedef enum {
  F_OTHER,       /* ignored, with everything in it */
  F_LEAF,        /* text read whole at its start */
  F_ROOT,
  F_USERS,
  F_CODES,       /* <Codes> of the codebook */
  F_CODE,
  F_VARIABLES,
  F_VARIABLE,
  F_CASES,
  F_CASE,
  F_VALUE,
  F_SOURCES,
  F_SOURCE,      /* a text source, a PDF's text representation, or a note */
  F_MEDIA,       /* a picture, PDF, audio or video source */
  F_SELECTION,
  F_CODING,
  F_NOTES,
  F_SETS,
  F_SET,
  F_LINKS,
  F_GRAPHS,
} FrameKind;

typedef struct
{
  FrameKind kind;
  gpointer  object;
} Frame;

typedef struct
{
  xmlTextReaderPtr reader;
  const char      *part;
  KithQde         *qde;
  GArray          *stack;         /* Frame */
  char            *error_message; /* the parser's first error */
  int              error_line;
} Reader;

static Frame *
top (Reader *r)
{
  return &g_array_index (r->stack, Frame, r->stack->len - 1);
}

static void
on_error (void *user_data, xmlErrorPtr error)
{
  Reader *r = user_data;

  if (r->error_message != NULL || error == NULL || error->level < XML_ERR_ERROR)
    return;
  r->error_message = g_strstrip (g_strdup (error->message != NULL ? error->message : "it is not well-formed"));
  r->error_line = error->line;
}

static char *
attr (Reader *r, const char *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (r->reader, (const xmlChar *) name);
  char *copy;

  if (value == NULL)
    return NULL;
  copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

/* A GUID as Kith keeps it; one that is not a GUID stays as written, so
 * that references to it still resolve. */
static char *
guid_attr (Reader *r, const char *name)
{
  g_autofree char *raw = attr (r, name);
  char *guid = kith_refi_guid_normalise (raw);

  return guid != NULL ? guid : g_steal_pointer (&raw);
}

/* -1 when absent or not a whole number, so the importer can say so. */
static gint64
position_attr (Reader *r, const char *name)
{
  g_autofree char *raw = attr (r, name);
  char *end = NULL;
  gint64 value;

  if (raw == NULL)
    return -1;
  value = g_ascii_strtoll (g_strstrip (raw), &end, 10);
  if (end == raw || *end != '\0' || value < 0)
    return -1;
  return value;
}

static char *
element_text (Reader *r)
{
  xmlChar *text = xmlTextReaderReadString (r->reader);
  char *copy = g_strdup (text != NULL ? (const char *) text : "");

  xmlFree (text);
  return copy;
}

static void
push (Reader *r, FrameKind kind, gpointer object)
{
  Frame frame = { kind, object };

  g_array_append_val (r->stack, frame);
}

static GPtrArray *
note_refs_of (Frame *parent)
{
  switch (parent->kind)
    {
    case F_ROOT: return ((KithQde *) parent->object)->note_refs;
    case F_CODE: return ((KithQdeCode *) parent->object)->note_refs;
    case F_CASE: return ((KithQdeCase *) parent->object)->note_refs;
    case F_SOURCE: return ((KithQdeSource *) parent->object)->note_refs;
    case F_SELECTION: return ((KithQdeSelection *) parent->object)->note_refs;
    case F_CODING: return ((KithQdeCoding *) parent->object)->note_refs;
    default: return NULL;
    }
}

static char **
description_of (Frame *parent)
{
  switch (parent->kind)
    {
    case F_ROOT: return &((KithQde *) parent->object)->description;
    case F_CODE: return &((KithQdeCode *) parent->object)->description;
    case F_VARIABLE: return &((KithQdeVariable *) parent->object)->description;
    case F_CASE: return &((KithQdeCase *) parent->object)->description;
    case F_SOURCE: return &((KithQdeSource *) parent->object)->description;
    case F_SELECTION: return &((KithQdeSelection *) parent->object)->description;
    case F_SET: return &((KithQdeSet *) parent->object)->description;
    default: return NULL;
    }
}

/* A reference element's targetGUID, into the array its parent keeps. */
static gboolean
reference (Reader *r, Frame *parent, const char *name)
{
  GPtrArray *into = NULL;

  if (g_str_equal (name, "NoteRef"))
    into = note_refs_of (parent);
  else if (parent->kind == F_CASE && g_str_equal (name, "SourceRef"))
    into = ((KithQdeCase *) parent->object)->source_refs;
  else if (parent->kind == F_CASE && g_str_equal (name, "SelectionRef"))
    into = ((KithQdeCase *) parent->object)->selection_refs;
  else if (parent->kind == F_CASE && g_str_equal (name, "CodeRef"))
    into = ((KithQdeCase *) parent->object)->code_refs;
  else if (parent->kind == F_SET && g_str_equal (name, "MemberCode"))
    into = ((KithQdeSet *) parent->object)->member_codes;
  else if (parent->kind == F_SET && g_str_equal (name, "MemberSource"))
    into = ((KithQdeSet *) parent->object)->member_sources;
  else if (parent->kind == F_SET && g_str_equal (name, "MemberNote"))
    into = ((KithQdeSet *) parent->object)->member_notes;
  else if (parent->kind == F_CODING && g_str_equal (name, "CodeRef"))
    {
      KithQdeCoding *coding = parent->object;
      g_free (coding->code);
      coding->code = guid_attr (r, "targetGUID");
      return TRUE;
    }
  else if (parent->kind == F_VALUE && g_str_equal (name, "VariableRef"))
    {
      KithQdeValue *value = parent->object;
      g_free (value->variable);
      value->variable = guid_attr (r, "targetGUID");
      return TRUE;
    }
  if (into == NULL)
    return FALSE;
  {
    char *target = guid_attr (r, "targetGUID");

    /* a codebook's MemberCode names its code by guid (Codebook.xsd) */
    if (target == NULL && parent->kind == F_SET)
      target = guid_attr (r, "guid");
    g_ptr_array_add (into, target);
  }
  return TRUE;
}

static KithQdeSource *
new_source (Reader *r, KithQdeSourceKind kind)
{
  KithQdeSource *source = kith_qde_source_new (kind);

  source->guid = guid_attr (r, "guid");
  source->name = attr (r, "name");
  source->creating_user = guid_attr (r, "creatingUser");
  source->created = attr (r, "creationDateTime");
  source->modified = attr (r, "modifiedDateTime");
  return source;
}

static const struct {
  const char        *element;
  KithQdeSourceKind  kind;
} media[] = {
  { "PictureSource", KITH_QDE_SOURCE_PICTURE },
  { "PDFSource", KITH_QDE_SOURCE_PDF },
  { "AudioSource", KITH_QDE_SOURCE_AUDIO },
  { "VideoSource", KITH_QDE_SOURCE_VIDEO },
};

/* What element @name opens, given the one it is in. */
static void
start (Reader *r, const char *name)
{
  Frame *parent = top (r);
  KithQde *qde = r->qde;

  if (parent->kind == F_OTHER || parent->kind == F_LEAF)
    {
      push (r, F_OTHER, NULL);
      return;
    }
  if (g_str_equal (name, "Description") && description_of (parent) != NULL)
    {
      char **into = description_of (parent);
      g_free (*into);
      *into = element_text (r);
      push (r, F_LEAF, NULL);
      return;
    }
  if (reference (r, parent, name))
    {
      push (r, F_OTHER, NULL);
      return;
    }

  switch (parent->kind)
    {
    case F_ROOT:
      if (g_str_equal (name, "Users"))
        { push (r, F_USERS, NULL); return; }
      if (g_str_equal (name, "CodeBook"))
        { push (r, F_ROOT, qde); return; }
      if (g_str_equal (name, "Codes"))
        { push (r, F_CODES, qde->codes); return; }
      if (g_str_equal (name, "Variables"))
        { push (r, F_VARIABLES, NULL); return; }
      if (g_str_equal (name, "Cases"))
        { push (r, F_CASES, NULL); return; }
      if (g_str_equal (name, "Sources"))
        { push (r, F_SOURCES, NULL); return; }
      if (g_str_equal (name, "Notes"))
        { push (r, F_NOTES, NULL); return; }
      if (g_str_equal (name, "Sets"))
        { push (r, F_SETS, NULL); return; }
      if (g_str_equal (name, "Links"))
        { push (r, F_LINKS, NULL); return; }
      if (g_str_equal (name, "Graphs"))
        { push (r, F_GRAPHS, NULL); return; }
      break;
    case F_USERS:
      if (g_str_equal (name, "User"))
        {
          KithQdeUser *user = kith_qde_user_new ();
          user->guid = guid_attr (r, "guid");
          user->name = attr (r, "name");
          if (user->name == NULL)
            user->name = attr (r, "id");
          g_ptr_array_add (qde->users, user);
        }
      break;
    case F_CODES:
    case F_CODE:
      if (g_str_equal (name, "Code"))
        {
          KithQdeCode *code = kith_qde_code_new ();
          g_autofree char *codable = attr (r, "isCodable");
          GPtrArray *into = parent->kind == F_CODES ? parent->object : ((KithQdeCode *) parent->object)->children;
          code->guid = guid_attr (r, "guid");
          code->name = attr (r, "name");
          code->colour = attr (r, "color");
          code->codable = codable == NULL || g_ascii_strcasecmp (codable, "false") != 0;
          g_ptr_array_add (into, code);
          { push (r, F_CODE, code); return; }
        }
      break;
    case F_VARIABLES:
      if (g_str_equal (name, "Variable"))
        {
          KithQdeVariable *variable = kith_qde_variable_new ();
          g_autofree char *type = attr (r, "typeOfVariable");
          int parsed = kith_qde_type_parse (type);
          variable->guid = guid_attr (r, "guid");
          variable->name = attr (r, "name");
          variable->type = parsed < 0 ? KITH_QDE_TEXT : (KithQdeType) parsed;
          g_ptr_array_add (qde->variables, variable);
          { push (r, F_VARIABLE, variable); return; }
        }
      break;
    case F_CASES:
      if (g_str_equal (name, "Case"))
        {
          KithQdeCase *qcase = kith_qde_case_new ();
          qcase->guid = guid_attr (r, "guid");
          qcase->name = attr (r, "name");
          g_ptr_array_add (qde->cases, qcase);
          { push (r, F_CASE, qcase); return; }
        }
      break;
    case F_CASE:
    case F_SOURCE:
      if (g_str_equal (name, "VariableValue"))
        {
          KithQdeValue *value = kith_qde_value_new ();
          GPtrArray *into = parent->kind == F_CASE ? ((KithQdeCase *) parent->object)->values
                                                   : ((KithQdeSource *) parent->object)->values;
          g_ptr_array_add (into, value);
          { push (r, F_VALUE, value); return; }
        }
      if (parent->kind == F_CASE)
        break;
      if (g_str_equal (name, "PlainTextContent"))
        {
          KithQdeSource *source = parent->object;
          g_free (source->plain_text_content);
          source->plain_text_content = element_text (r);
          { push (r, F_LEAF, NULL); return; }
        }
      if (g_str_equal (name, "PlainTextSelection"))
        {
          KithQdeSelection *selection = kith_qde_selection_new ();
          selection->guid = guid_attr (r, "guid");
          selection->name = attr (r, "name");
          selection->start = position_attr (r, "startPosition");
          selection->end = position_attr (r, "endPosition");
          selection->creating_user = guid_attr (r, "creatingUser");
          selection->created = attr (r, "creationDateTime");
          g_ptr_array_add (((KithQdeSource *) parent->object)->selections, selection);
          { push (r, F_SELECTION, selection); return; }
        }
      if (g_str_equal (name, "Coding"))
        {
          KithQdeCoding *coding = kith_qde_coding_new ();
          coding->guid = guid_attr (r, "guid");
          coding->creating_user = guid_attr (r, "creatingUser");
          coding->created = attr (r, "creationDateTime");
          g_ptr_array_add (((KithQdeSource *) parent->object)->codings, coding);
          { push (r, F_CODING, coding); return; }
        }
      break;
    case F_VALUE:
      if (g_str_has_suffix (name, "Value"))
        {
          g_autofree char *type = g_strndup (name, strlen (name) - strlen ("Value"));
          int parsed = kith_qde_type_parse (type);
          KithQdeValue *value = parent->object;
          if (parsed >= 0)
            {
              value->type = (KithQdeType) parsed;
              g_free (value->value);
              value->value = element_text (r);
              { push (r, F_LEAF, NULL); return; }
            }
        }
      break;
    case F_SOURCES:
      if (g_str_equal (name, "TextSource"))
        {
          KithQdeSource *source = new_source (r, KITH_QDE_SOURCE_TEXT);
          source->plain_text_path = attr (r, "plainTextPath");
          source->rich_text_path = attr (r, "richTextPath");
          g_ptr_array_add (qde->sources, source);
          { push (r, F_SOURCE, source); return; }
        }
      for (guint i = 0; i < G_N_ELEMENTS (media); i++)
        if (g_str_equal (name, media[i].element))
          {
            KithQdeSource *source = new_source (r, media[i].kind);
            source->rich_text_path = attr (r, "path");
            g_ptr_array_add (qde->sources, source);
            { push (r, F_MEDIA, source); return; }
          }
      break;
    case F_MEDIA:
      /* a PDF's text, with its own selections, comes in as a text source */
      if (g_str_equal (name, "Representation"))
        {
          KithQdeSource *pdf = parent->object;
          KithQdeSource *source = new_source (r, KITH_QDE_SOURCE_TEXT);
          source->plain_text_path = attr (r, "plainTextPath");
          if (source->name == NULL)
            source->name = g_strdup (pdf->name);
          g_ptr_array_add (qde->sources, source);
          { push (r, F_SOURCE, source); return; }
        }
      if (g_str_has_suffix (name, "Selection"))
        ((KithQdeSource *) parent->object)->n_other_selections++;
      break;
    case F_SELECTION:
      if (g_str_equal (name, "Coding"))
        {
          KithQdeCoding *coding = kith_qde_coding_new ();
          coding->guid = guid_attr (r, "guid");
          coding->creating_user = guid_attr (r, "creatingUser");
          coding->created = attr (r, "creationDateTime");
          g_ptr_array_add (((KithQdeSelection *) parent->object)->codings, coding);
          { push (r, F_CODING, coding); return; }
        }
      break;
    case F_NOTES:
      if (g_str_equal (name, "Note"))
        {
          KithQdeSource *note = new_source (r, KITH_QDE_SOURCE_TEXT);
          note->plain_text_path = attr (r, "plainTextPath");
          g_ptr_array_add (qde->notes, note);
          { push (r, F_SOURCE, note); return; }
        }
      break;
    case F_SETS:
      if (g_str_equal (name, "Set"))
        {
          KithQdeSet *set = kith_qde_set_new ();
          set->guid = guid_attr (r, "guid");
          set->name = attr (r, "name");
          g_ptr_array_add (qde->sets, set);
          { push (r, F_SET, set); return; }
        }
      break;
    case F_LINKS:
      if (g_str_equal (name, "Link"))
        qde->n_links++;
      break;
    case F_GRAPHS:
      if (g_str_equal (name, "Graph"))
        qde->n_graphs++;
      break;
    default:
      break;
    }
  push (r, F_OTHER, NULL);
}

static gboolean
read_root (Reader *r, const char *name, GError **error)
{
  KithQde *qde = r->qde;

  if (!g_str_equal (name, "Project") && !g_str_equal (name, "CodeBook"))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_UNSUPPORTED,
                   _("%s is not a REFI-QDA project or codebook (its first element is <%s>)"), r->part, name);
      return FALSE;
    }
  qde->name = attr (r, "name");
  qde->origin = attr (r, "origin");
  qde->creating_user = guid_attr (r, "creatingUserGUID");
  qde->created = attr (r, "creationDateTime");
  /* a codebook's <Codes> sits right in it, as in a project's <CodeBook> */
  push (r, F_ROOT, qde);
  return TRUE;
}

/* Anything but white space, comments and processing instructions before
 * the first element: a DOCTYPE, which QDA-XML never has. */
static gboolean
has_doctype (const char *data, gsize len)
{
  const char *p = data, *end = data + len;

  while (p < end)
    {
      if (g_ascii_isspace (*p))
        p++;
      else if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          const char *close = g_strstr_len (p + 4, end - p - 4, "-->");
          if (close == NULL)
            return FALSE;
          p = close + 3;
        }
      else if (end - p >= 2 && memcmp (p, "<?", 2) == 0)
        {
          const char *close = g_strstr_len (p + 2, end - p - 2, "?>");
          if (close == NULL)
            return FALSE;
          p = close + 2;
        }
      else
        return end - p >= 2 && memcmp (p, "<!", 2) == 0;
    }
  return FALSE;
}

static gboolean
refuse_doctype (const char *part, GError **error)
{
  g_set_error (error, KITH_ERROR, KITH_ERROR_UNSAFE,
               _("%s has a DOCTYPE, which REFI-QDA files never have and Kith refuses: "
                 "its entity declarations are how files attack the programs that read them"), part);
  return FALSE;
}

/* Reads the whole of @reader (which it frees) into a KithQde; @pulled,
 * when the bytes come from an archive, holds the error that stopped them. */
#define READER_OPTIONS \
  (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA | XML_PARSE_IGNORE_ENC)

static KithQde *
walk (xmlTextReaderPtr reader, const char *part, GError **pulled, GError **error)
{
  g_autoptr(KithQde) qde = kith_qde_new ();
  Reader r = { 0 };
  gboolean ok = FALSE, root_seen = FALSE;
  int rc;

  if (reader == NULL)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_FAILED, _("cannot read %s: out of memory"), part);
      return NULL;
    }
  r.reader = reader;
  r.part = part;
  r.qde = qde;
  r.stack = g_array_new (FALSE, FALSE, sizeof (Frame));
  xmlTextReaderSetStructuredErrorHandler (r.reader, on_error, &r);

  while ((rc = xmlTextReaderRead (r.reader)) == 1)
    {
      int type = xmlTextReaderNodeType (r.reader);
      const char *name = (const char *) xmlTextReaderConstLocalName (r.reader);

      if (type == XML_READER_TYPE_DOCUMENT_TYPE || type == XML_READER_TYPE_ENTITY_REFERENCE)
        {
          refuse_doctype (part, error);
          goto out;
        }
      if (type == XML_READER_TYPE_ELEMENT)
        {
          gboolean empty = xmlTextReaderIsEmptyElement (r.reader) == 1;

          if (xmlTextReaderDepth (r.reader) >= KITH_XML_MAX_DEPTH)
            {
              kith_xml_too_deep (part, error);
              goto out;
            }
          if (!root_seen)
            {
              root_seen = TRUE;
              if (!read_root (&r, name, error))
                goto out;
            }
          else
            start (&r, name);
          if (empty)
            g_array_set_size (r.stack, r.stack->len - 1);
        }
      else if (type == XML_READER_TYPE_END_ELEMENT && r.stack->len > 0)
        g_array_set_size (r.stack, r.stack->len - 1);
    }
  if (pulled != NULL && *pulled != NULL)
    {
      /* the archive stopped the bytes (a limit, damage): that is the reason */
      g_propagate_error (error, g_steal_pointer (pulled));
      goto out;
    }
  if (rc != 0 || r.error_message != NULL || !root_seen)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_CORRUPT, _("the file is damaged: %s cannot be read "
                   "(line %d: %s)"), part, r.error_line,
                   r.error_message != NULL ? r.error_message : "it is not well-formed");
      goto out;
    }
  ok = TRUE;

out:
  g_free (r.error_message);
  g_array_unref (r.stack);
  xmlFreeTextReader (r.reader);
  return ok ? g_steal_pointer (&qde) : NULL;
}


KithQde *
kith_qde_read (const char *data,
               gsize       len,
               const char *part,
               GError    **error)
{
  g_autofree char *utf8 = NULL;
  xmlTextReaderPtr reader;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (part != NULL, NULL);

  /* UTF-16 (a Windows tool's way) becomes UTF-8 first, so that the checks
   * below see characters, not bytes */
  if (len >= 2 && (memcmp (data, "\xFF\xFE", 2) == 0 || memcmp (data, "\xFE\xFF", 2) == 0))
    {
      gsize written = 0;
      utf8 = g_convert (data + 2, len - 2, "UTF-8", data[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE", NULL, &written, NULL);
      if (utf8 == NULL)
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_ENCODING, _("%s starts as UTF-16 but is not UTF-16 text"), part);
          return NULL;
        }
      data = utf8, len = written;
    }
  /* libxml2 knows a BOM, but not every BOM a vendor writes before the
   * declaration: drop it here */
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    data += 3, len -= 3;
  if (len > G_MAXINT)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_TOO_LARGE, _("%s is too large"), part);
      return NULL;
    }
  if (has_doctype (data, len))
    {
      refuse_doctype (part, error);
      return NULL;
    }
  reader = xmlReaderForMemory (data, (int) len, NULL, "UTF-8", READER_OPTIONS);
  return walk (reader, part, NULL, error);
}

typedef struct
{
  KithArchiveEntry *entry;
  GBytes           *head;      /* the first bytes, read to look at them */
  gsize             head_at;
  GError           *error;
} Pull;

static int
pull_read (void *context, char *buffer, int len)
{
  Pull *pull = context;
  gsize head_len;
  const guint8 *head = g_bytes_get_data (pull->head, &head_len);
  gssize n;

  if (pull->head_at < head_len)
    {
      gsize k = MIN ((gsize) len, head_len - pull->head_at);
      memcpy (buffer, head + pull->head_at, k);
      pull->head_at += k;
      return (int) k;
    }
  if (pull->error != NULL)
    return -1;
  n = kith_archive_entry_read (pull->entry, (guint8 *) buffer, (gsize) len, &pull->error);
  return n < 0 ? -1 : (int) n;
}

static int
pull_close (void *context)
{
  return 0;
}

/* How much of the start of an entry is looked at before parsing. */
#define HEAD_BYTES (64 * 1024)

/* Reads @entry on into @into (NULL: reads and keeps nothing) until its end,
 * or @limit bytes are in @into: FALSE with @error when the archive stops it. */
static gboolean
read_on (KithArchiveEntry *entry, GByteArray *into, gsize limit, GError **error)
{
  guint8 buffer[16384];

  while (into == NULL || into->len < limit)
    {
      gsize want = into != NULL ? MIN (sizeof buffer, limit - into->len) : sizeof buffer;
      gssize n = kith_archive_entry_read (entry, buffer, want, error);

      if (n <= 0)
        return n == 0;
      if (into != NULL)
        g_byte_array_append (into, buffer, (guint) n);
    }
  return TRUE;
}

KithQde *
kith_qde_read_entry (KithArchive *archive,
                     const char  *name,
                     GError     **error)
{
  g_autoptr(KithArchiveEntry) entry = kith_archive_open_entry (archive, name, error);
  g_autoptr(GByteArray) head = NULL;
  Pull pull = { 0 };
  g_autoptr(GError) local = NULL;
  KithQde *qde;
  gsize skip = 0;

  if (entry == NULL)
    return NULL;
  /* the start: a BOM, UTF-16, a DOCTYPE are decided on it */
  head = g_byte_array_sized_new (HEAD_BYTES);
  if (!read_on (entry, head, HEAD_BYTES, error))
    return NULL;
  if (head->len >= 2 && (memcmp (head->data, "\xFF\xFE", 2) == 0 || memcmp (head->data, "\xFE\xFF", 2) == 0))
    {
      /* UTF-16, a Windows tool's way: converted whole, within the archive's limits */
      if (!read_on (entry, head, G_MAXSIZE, error))
        return NULL;
      return kith_qde_read ((const char *) head->data, head->len, name, error);
    }
  if (head->len >= 3 && memcmp (head->data, "\xEF\xBB\xBF", 3) == 0)
    skip = 3;
  if (has_doctype ((const char *) head->data + skip, head->len - skip))
    {
      refuse_doctype (name, error);
      return NULL;
    }
  /* the rest as the parser asks for it: a large project.qde is never held whole */
  pull.entry = entry;
  pull.head = g_bytes_new (head->data + skip, head->len - skip);
  qde = walk (xmlReaderForIO (pull_read, pull_close, &pull, NULL, "UTF-8", READER_OPTIONS), name, &pull.error, &local);
  g_bytes_unref (pull.head);
  g_clear_error (&pull.error);
  /* a parser gives up at the first bad byte; a zip bomb of zeros is first
   * of all a bomb: read on (keeping nothing) so a limit can say so */
  if (qde == NULL && local->domain == KITH_ERROR && local->code == KITH_ERROR_CORRUPT
      && !read_on (entry, NULL, 0, error))
    return NULL;
  if (qde == NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  return qde;
}
