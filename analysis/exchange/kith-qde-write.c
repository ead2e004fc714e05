/* kith-qde-write.c — a KithQde as QDA-XML
 *
 * The schemas are sequences: an element out of order fails validation in
 * every package that checks, so each writer below follows its type's
 * sequence in Project-mrt2019.xsd or Codebook.xsd exactly, and leaves out
 * what is empty (every optional element has minOccurs 0).
 */
#include <libxml/xmlwriter.h>
#include <string.h>

#include "kith-error.h"
#include "kith-i18n.h"
#include "kith-qde-write.h"

#define PROJECT_NS "urn:QDA-XML:project:1.0"
#define CODEBOOK_NS "urn:QDA-XML:codebook:1.0"

typedef struct {
  xmlTextWriterPtr writer;
  gboolean         ok;
} Out;

static gboolean
is_xml_char (gunichar c)
{
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
         || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* XML 1.0 cannot hold C0 controls but tab and line ends, not even as
 * character references: such a character becomes U+FFFD in the XML, so the
 * file stays well-formed (the positions, counted in the text files, do not
 * move). NULL when @text is fine as it is. */
static char *
xml_safe_copy (const char *text)
{
  const char *p = text;
  GString *safe;

  while (*p != '\0' && is_xml_char (g_utf8_get_char (p)))
    p = g_utf8_next_char (p);
  if (*p == '\0')
    return NULL;
  safe = g_string_new_len (text, p - text);
  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      g_string_append_unichar (safe, is_xml_char (c) ? c : 0xFFFD);
    }
  return g_string_free (safe, FALSE);
}

static void
start (Out *out, const char *name)
{
  if (out->ok && xmlTextWriterStartElement (out->writer, BAD_CAST name) < 0)
    out->ok = FALSE;
}

static void
end (Out *out)
{
  if (out->ok && xmlTextWriterEndElement (out->writer) < 0)
    out->ok = FALSE;
}

static void
attr (Out *out, const char *name, const char *value)
{
  g_autofree char *safe = NULL;

  if (!out->ok || value == NULL)
    return;
  safe = xml_safe_copy (value);
  if (xmlTextWriterWriteAttribute (out->writer, BAD_CAST name, BAD_CAST (safe ? safe : value)) < 0)
    out->ok = FALSE;
}

static void
attr_int (Out *out, const char *name, gint64 value)
{
  char number[32];

  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, value);
  attr (out, name, number);
}

/* @text as the current element's content (escaped; see xml_safe_copy) */
static void
text (Out *out, const char *content)
{
  g_autofree char *safe = NULL;

  if (!out->ok || content == NULL || *content == '\0')
    return;
  safe = xml_safe_copy (content);
  if (xmlTextWriterWriteString (out->writer, BAD_CAST (safe ? safe : content)) < 0)
    out->ok = FALSE;
}

/* <NAME>TEXT</NAME>, left out when @content is NULL or empty */
static void
element (Out *out, const char *name, const char *content)
{
  if (content == NULL || *content == '\0')
    return;
  start (out, name);
  text (out, content);
  end (out);
}

/* <NAME targetGUID="…"/> for each GUID (or @attribute_name="…") */
static void
refs (Out *out, const char *name, const char *attribute_name, GPtrArray *guids)
{
  for (guint i = 0; guids != NULL && i < guids->len; i++)
    {
      start (out, name);
      attr (out, attribute_name, g_ptr_array_index (guids, i));
      end (out);
    }
}

static void
write_code (Out *out, const KithQdeCode *code, gboolean project)
{
  start (out, "Code");
  attr (out, "guid", code->guid);
  attr (out, "name", code->name);
  attr (out, "isCodable", code->codable ? "true" : "false");
  attr (out, "color", code->colour);
  element (out, "Description", code->description);
  if (project)
    refs (out, "NoteRef", "targetGUID", code->note_refs);
  for (guint i = 0; i < code->children->len; i++)
    write_code (out, g_ptr_array_index (code->children, i), project);
  end (out);
}

static void
write_codes (Out *out, const KithQde *qde, gboolean project)
{
  start (out, "Codes");
  for (guint i = 0; i < qde->codes->len; i++)
    write_code (out, g_ptr_array_index (qde->codes, i), project);
  end (out);
}

static void
write_sets (Out *out, const KithQde *qde, gboolean project)
{
  if (qde->sets->len == 0)
    return;
  start (out, "Sets");
  for (guint i = 0; i < qde->sets->len; i++)
    {
      const KithQdeSet *set = g_ptr_array_index (qde->sets, i);

      start (out, "Set");
      attr (out, "guid", set->guid);
      attr (out, "name", set->name);
      element (out, "Description", set->description);
      /* the codebook's MemberCode names its code by “guid” */
      refs (out, "MemberCode", project ? "targetGUID" : "guid", set->member_codes);
      if (project)
        {
          refs (out, "MemberSource", "targetGUID", set->member_sources);
          refs (out, "MemberNote", "targetGUID", set->member_notes);
        }
      end (out);
    }
  end (out);
}

static void
write_values (Out *out, GPtrArray *values)
{
  for (guint i = 0; i < values->len; i++)
    {
      const KithQdeValue *value = g_ptr_array_index (values, i);
      g_autofree char *element_name = g_strdup_printf ("%sValue", kith_qde_type_name (value->type));

      start (out, "VariableValue");
      start (out, "VariableRef");
      attr (out, "targetGUID", value->variable);
      end (out);
      /* an empty text is still a value: the element is written empty */
      start (out, element_name);
      text (out, value->value);
      end (out);
      end (out);
    }
}

static void
write_coding (Out *out, const KithQdeCoding *coding)
{
  start (out, "Coding");
  attr (out, "guid", coding->guid);
  attr (out, "creatingUser", coding->creating_user);
  attr (out, "creationDateTime", coding->created);
  start (out, "CodeRef");
  attr (out, "targetGUID", coding->code);
  end (out);
  refs (out, "NoteRef", "targetGUID", coding->note_refs);
  end (out);
}

static void
write_selection (Out *out, const KithQdeSelection *selection)
{
  start (out, "PlainTextSelection");
  attr (out, "guid", selection->guid);
  attr (out, "name", selection->name);
  attr_int (out, "startPosition", selection->start);
  attr_int (out, "endPosition", selection->end);
  attr (out, "creatingUser", selection->creating_user);
  attr (out, "creationDateTime", selection->created);
  element (out, "Description", selection->description);
  for (guint i = 0; i < selection->codings->len; i++)
    write_coding (out, g_ptr_array_index (selection->codings, i));
  refs (out, "NoteRef", "targetGUID", selection->note_refs);
  end (out);
}

/* A text source, or a note (the schema gives both TextSourceType). */
static void
write_text_source (Out *out, const char *element_name, const KithQdeSource *source)
{
  start (out, element_name);
  attr (out, "guid", source->guid);
  attr (out, "name", source->name);
  attr (out, "richTextPath", source->rich_text_path);
  attr (out, "plainTextPath", source->plain_text_path);
  attr (out, "creatingUser", source->creating_user);
  attr (out, "creationDateTime", source->created);
  attr (out, "modifiedDateTime", source->modified);
  element (out, "Description", source->description);
  /* a note's text, even empty: the schema wants PlainTextContent or a path */
  if (source->plain_text_content != NULL)
    {
      start (out, "PlainTextContent");
      text (out, source->plain_text_content);
      end (out);
    }
  for (guint i = 0; i < source->selections->len; i++)
    write_selection (out, g_ptr_array_index (source->selections, i));
  for (guint i = 0; i < source->codings->len; i++)
    write_coding (out, g_ptr_array_index (source->codings, i));
  refs (out, "NoteRef", "targetGUID", source->note_refs);
  write_values (out, source->values);
  end (out);
}

static void
write_case (Out *out, const KithQdeCase *qcase)
{
  start (out, "Case");
  attr (out, "guid", qcase->guid);
  attr (out, "name", qcase->name);
  element (out, "Description", qcase->description);
  refs (out, "CodeRef", "targetGUID", qcase->code_refs);
  write_values (out, qcase->values);
  refs (out, "SourceRef", "targetGUID", qcase->source_refs);
  refs (out, "SelectionRef", "targetGUID", qcase->selection_refs);
  end (out);
}

static xmlTextWriterPtr
new_writer (xmlBufferPtr buffer)
{
  xmlTextWriterPtr writer = xmlNewTextWriterMemory (buffer, 0);

  if (writer == NULL)
    return NULL;
  xmlTextWriterSetIndent (writer, 1);
  xmlTextWriterSetIndentString (writer, BAD_CAST "  ");
  if (xmlTextWriterStartDocument (writer, "1.0", "UTF-8", NULL) < 0)
    {
      xmlFreeTextWriter (writer);
      return NULL;
    }
  return writer;
}

static GBytes *
finish (Out *out, xmlBufferPtr buffer, GError **error)
{
  GBytes *bytes = NULL;

  if (out->ok && xmlTextWriterEndDocument (out->writer) < 0)
    out->ok = FALSE;
  xmlFreeTextWriter (out->writer);
  if (out->ok)
    {
      /* the document is the biggest thing an export holds: not copied */
      gsize len = (gsize) xmlBufferLength (buffer);
      xmlChar *content = xmlBufferDetach (buffer);
      bytes = g_bytes_new_with_free_func (content, len, (GDestroyNotify) xmlFree, content);
    }
  else
    g_set_error (error, KITH_ERROR, KITH_ERROR_FAILED, _("cannot write the QDA-XML document"));
  xmlBufferFree (buffer);
  return bytes;
}

GBytes *
kith_qde_write_project (const KithQde  *qde,
                        GError        **error)
{
  xmlBufferPtr buffer = xmlBufferCreate ();
  Out out = { new_writer (buffer), TRUE };

  g_return_val_if_fail (qde != NULL, NULL);
  out.ok = out.writer != NULL;
  if (out.ok && xmlTextWriterStartElementNS (out.writer, NULL, BAD_CAST "Project", BAD_CAST PROJECT_NS) < 0)
    out.ok = FALSE;
  attr (&out, "name", qde->name != NULL ? qde->name : "");
  attr (&out, "origin", qde->origin);
  attr (&out, "creatingUserGUID", qde->creating_user);
  attr (&out, "creationDateTime", qde->created);
  if (qde->users->len > 0)
    {
      start (&out, "Users");
      for (guint i = 0; i < qde->users->len; i++)
        {
          const KithQdeUser *user = g_ptr_array_index (qde->users, i);
          start (&out, "User");
          attr (&out, "guid", user->guid);
          attr (&out, "name", user->name);
          end (&out);
        }
      end (&out);
    }
  if (qde->codes->len > 0)
    {
      start (&out, "CodeBook");
      write_codes (&out, qde, TRUE);
      end (&out);
    }
  if (qde->variables->len > 0)
    {
      start (&out, "Variables");
      for (guint i = 0; i < qde->variables->len; i++)
        {
          const KithQdeVariable *variable = g_ptr_array_index (qde->variables, i);
          start (&out, "Variable");
          attr (&out, "guid", variable->guid);
          attr (&out, "name", variable->name);
          attr (&out, "typeOfVariable", kith_qde_type_name (variable->type));
          element (&out, "Description", variable->description);
          end (&out);
        }
      end (&out);
    }
  if (qde->cases->len > 0)
    {
      start (&out, "Cases");
      for (guint i = 0; i < qde->cases->len; i++)
        write_case (&out, g_ptr_array_index (qde->cases, i));
      end (&out);
    }
  if (qde->sources->len > 0)
    {
      start (&out, "Sources");
      for (guint i = 0; i < qde->sources->len; i++)
        write_text_source (&out, "TextSource", g_ptr_array_index (qde->sources, i));
      end (&out);
    }
  if (qde->notes->len > 0)
    {
      start (&out, "Notes");
      for (guint i = 0; i < qde->notes->len; i++)
        write_text_source (&out, "Note", g_ptr_array_index (qde->notes, i));
      end (&out);
    }
  write_sets (&out, qde, TRUE);
  element (&out, "Description", qde->description);
  refs (&out, "NoteRef", "targetGUID", qde->note_refs);
  end (&out);
  return finish (&out, buffer, error);
}

GBytes *
kith_qde_write_codebook (const KithQde  *qde,
                         GError        **error)
{
  xmlBufferPtr buffer = xmlBufferCreate ();
  Out out = { new_writer (buffer), TRUE };

  g_return_val_if_fail (qde != NULL, NULL);
  out.ok = out.writer != NULL;
  if (out.ok && xmlTextWriterStartElementNS (out.writer, NULL, BAD_CAST "CodeBook", BAD_CAST CODEBOOK_NS) < 0)
    out.ok = FALSE;
  attr (&out, "origin", qde->origin);
  /* Codes needs one Code at least: an empty codebook is refused earlier */
  write_codes (&out, qde, FALSE);
  write_sets (&out, qde, FALSE);
  end (&out);
  return finish (&out, buffer, error);
}
