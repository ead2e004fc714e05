/* kith-document-title.c — what a document is called when it is quoted
 *
 * A quote from a report is attributed to the report (“Report: Our roadmap
 * to recovery”), so every document needs a title a reader recognises. The
 * file's own metadata gives one when it has it (the importers store it);
 * a user can set one; otherwise it is read off the start of the text.
 */
#include <gio/gio.h>
#include <string.h>

#include "kith-db-private.h"
#include "kith-documents.h"
#include "kith-history.h"

/* Longer first lines are paragraphs, not titles. */
#define TITLE_MAX_CHARS 120
/* Only the start of the text is looked at. */
#define TITLE_LOOK_BYTES (16 * 1024)
#define TITLE_LOOK_LINES 12

/* “Date: 12 May”, “Interviewer: Grace Obi”, “Peer researcher: …”: a label
 * and a value, which names a field of the document, not the document. A
 * label is one word, or two whose second is in lower case; “Dudley
 * Connects: Year Two Report” is a name and a title. */
static gboolean
is_label_value (const char *line)
{
  const char *colon = strchr (line, ':');
  const char *space;

  if (colon == NULL || colon[1] == '\0' || g_utf8_strlen (line, colon - line) > 30)
    return FALSE;
  space = memchr (line, ' ', colon - line);
  if (space == NULL)
    return TRUE;
  return memchr (space + 1, ' ', colon - space - 1) == NULL && !g_unichar_isupper (g_utf8_get_char (space + 1));
}

/* “Residents did not know what support was available.” opens a text; it
 * does not name it. A title may end in a full stop when it is short
 * (“Year two report.”). */
static gboolean
is_sentence (const char *line)
{
  gsize len = strlen (line);
  guint words = 1;

  if (len == 0 || strchr (".?!", line[len - 1]) == NULL)
    return FALSE;
  for (const char *p = line; *p != '\0'; p++)
    words += *p == ' ';
  return words > 6;
}

/* The line without Markdown's heading marks, emphasis and surrounding space. */
static char *
clean_line (const char *line,
            gsize       len,
            gboolean   *heading)
{
  g_autofree char *copy = g_strndup (line, len);
  char *s = g_strstrip (copy);
  GString *out = g_string_new (NULL);

  *heading = s[0] == '#';
  while (*s == '#')
    s++;
  for (const char *p = s; *p != '\0'; p++)
    if (*p != '*' && *p != '_')
      g_string_append_c (out, *p);
  g_strstrip (out->str);
  g_string_set_size (out, strlen (out->str));
  return g_string_free (out, FALSE);
}

char *
kith_document_title_from_text (const char *text,
                               gsize       len)
{
  g_autofree char *first_short = NULL;
  const char *end = text + MIN (len, (gsize) TITLE_LOOK_BYTES);
  guint lines = 0;

  g_return_val_if_fail (text != NULL, NULL);
  for (const char *line = text; line < end && lines < TITLE_LOOK_LINES;)
    {
      const char *nl = memchr (line, '\n', end - line);
      gsize n = (nl != NULL ? nl : end) - line;
      gboolean heading = FALSE;
      g_autofree char *clean = NULL;

      /* a line cut by the look-ahead is not whole: stop before it */
      if (nl == NULL && end < text + len)
        break;
      clean = clean_line (line, n, &heading);
      line = nl != NULL ? nl + 1 : end;
      if (*clean == '\0' || !g_utf8_validate (clean, -1, NULL))
        continue;
      lines++;
      if (heading && g_utf8_strlen (clean, -1) <= TITLE_MAX_CHARS)
        return g_steal_pointer (&clean);
      if (first_short != NULL || g_utf8_strlen (clean, -1) > TITLE_MAX_CHARS || is_label_value (clean)
          || is_sentence (clean))
        continue;
      first_short = g_steal_pointer (&clean);
    }
  return g_steal_pointer (&first_short);
}

typedef struct
{
  GString *head;
} Head;

/* Keeps the first bytes of the text, then stops the read. */
static gboolean
keep_head (const char *data,
           gsize       len,
           gpointer    user_data,
           GError    **error)
{
  Head *head = user_data;

  g_string_append_len (head->head, data, (gssize) MIN (len, TITLE_LOOK_BYTES - head->head->len));
  if (head->head->len < TITLE_LOOK_BYTES)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "enough");
  return FALSE;
}

char *
kith_documents_dup_title (KithProject        *project,
                          const KithDocument *doc,
                          GError            **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) local = NULL;
  Head head = { text };
  char *title;

  g_return_val_if_fail (KITH_IS_PROJECT (project), NULL);
  g_return_val_if_fail (doc != NULL, NULL);
  if (doc->title != NULL)
    return g_strdup (doc->title);
  if (!kith_documents_read_text (project, doc->id, keep_head, &head, &local)
      && !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  /* the look-ahead may end inside a character: validate what is whole */
  {
    const char *valid_end = NULL;
    g_utf8_validate_len (text->str, text->len, &valid_end);
    g_string_truncate (text, valid_end - text->str);
  }
  title = kith_document_title_from_text (text->str, text->len);
  return title != NULL ? title : g_strdup (doc->name);
}

gboolean
kith_documents_set_title (KithProject *project,
                          gint64       id,
                          const char  *title,
                          GError     **error)
{
  g_autofree char *clean = g_strstrip (g_strdup (title != NULL ? title : ""));
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (KITH_IS_PROJECT (project), FALSE);
  if (!g_utf8_validate (clean, -1, NULL))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID, "%s: the title is not valid UTF-8",
                   kith_project_get_display_name (project));
      return FALSE;
    }
  stmt = kith_db_prepare (project, "UPDATE documents SET title = ?2 WHERE id = ?1", error);
  if (stmt == NULL || !kith_history_begin (project, "documents", "Set a document's title", error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  kith_db_bind_text_or_null (stmt, 2, *clean != '\0' ? clean : NULL);
  if (!kith_db_run (project, stmt, error))
    {
      kith_history_rollback (project);
      return FALSE;
    }
  if (sqlite3_changes (kith_project_get_db (project)) == 0)
    {
      kith_history_rollback (project);
      kith_db_set_not_found (project, error, "document", id);
      return FALSE;
    }
  return kith_history_commit (project, error);
}
