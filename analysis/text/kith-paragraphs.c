/* kith-paragraphs.c */
#include <string.h>

#include "kith-paragraphs.h"

struct _KithParagraphs
{
  gboolean collapse;
  gboolean pending_space;  /* collapsed white space not yet written */
  GString *paragraph;
  GString *text;
};

KithParagraphs *
kith_paragraphs_new (gboolean collapse)
{
  KithParagraphs *self = g_new0 (KithParagraphs, 1);

  self->collapse = collapse;
  self->paragraph = g_string_new (NULL);
  self->text = g_string_new (NULL);
  return self;
}

void
kith_paragraphs_free (KithParagraphs *self)
{
  if (self == NULL)
    return;
  g_string_free (self->paragraph, TRUE);
  g_string_free (self->text, TRUE);
  g_free (self);
}

static gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

static void
trim_line_end (GString *s)
{
  gsize n = s->len;

  while (n > 0 && is_blank (s->str[n - 1]))
    n--;
  g_string_truncate (s, n);
}

static gboolean
at_line_start (GString *s)
{
  return s->len == 0 || s->str[s->len - 1] == '\n';
}

void
kith_paragraphs_add_text (KithParagraphs *self,
                          const char     *text,
                          gssize          len)
{
  const char *end;

  if (len < 0)
    len = (gssize) strlen (text);
  if (!self->collapse)
    {
      g_string_append_len (self->paragraph, text, len);
      return;
    }
  end = text + len;
  for (const char *p = text; p < end; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
        {
          self->pending_space = TRUE;
          continue;
        }
      if (self->pending_space && !at_line_start (self->paragraph))
        g_string_append_c (self->paragraph, ' ');
      self->pending_space = FALSE;
      g_string_append_c (self->paragraph, *p);
    }
}

void
kith_paragraphs_add_literal (KithParagraphs *self,
                             const char     *text)
{
  if (g_str_equal (text, "\n"))
    {
      trim_line_end (self->paragraph);
      self->pending_space = FALSE;
      g_string_append_c (self->paragraph, '\n');
      return;
    }
  if (self->pending_space && !at_line_start (self->paragraph))
    g_string_append_c (self->paragraph, ' ');
  self->pending_space = FALSE;
  g_string_append (self->paragraph, text);
}

void
kith_paragraphs_end (KithParagraphs *self)
{
  GString *p = self->paragraph;
  gsize start = 0;

  self->pending_space = FALSE;
  /* blank lines at the start, blank space at the end */
  for (gsize i = 0; i < p->len; i++)
    {
      if (p->str[i] == '\n')
        start = i + 1;
      else if (!is_blank (p->str[i]))
        break;
    }
  g_string_erase (p, 0, (gssize) start);
  while (p->len > 0 && (is_blank (p->str[p->len - 1]) || p->str[p->len - 1] == '\n'))
    g_string_truncate (p, p->len - 1);
  if (p->len == 0)
    return;

  if (self->text->len > 0)
    g_string_append_c (self->text, '\n');
  /* blanks at the ends of inner lines */
  for (const char *s = p->str; *s != '\0';)
    {
      const char *nl = strchr (s, '\n');
      gsize n = nl != NULL ? (gsize) (nl - s) : strlen (s);
      gsize t = n;
      while (t > 0 && is_blank (s[t - 1]))
        t--;
      g_string_append_len (self->text, s, (gssize) t);
      g_string_append_c (self->text, '\n');
      s += n + (nl != NULL);
    }
  g_string_truncate (p, 0);
}

void
kith_paragraphs_take (KithParagraphs *self,
                      KithParagraphs *other)
{
  kith_paragraphs_end (self);
  kith_paragraphs_end (other);
  if (other->text->len == 0)
    return;
  if (self->text->len > 0)
    g_string_append_c (self->text, '\n');
  g_string_append_len (self->text, other->text->str, (gssize) other->text->len);
  g_string_truncate (other->text, 0);
}

const char *
kith_paragraphs_get_text (KithParagraphs *self,
                          gsize          *len)
{
  if (len != NULL)
    *len = self->text->len;
  return self->text->str;
}
