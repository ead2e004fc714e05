/* kith-rule-skip.c */
#include <string.h>

#include "kith-code-match.h"
#include "kith-db-private.h"
#include "kith-rule-skip.h"

/* phrases shorter than this would skip ordinary sentences (“Feel united”) */
#define FRAMEWORK_MIN_WORDS 3

struct _KithRuleSkip
{
  GPtrArray *documents;   /* GPatternSpec */
  GPtrArray *sections;    /* GPatternSpec */
  GPtrArray *phrases;     /* folded utf8 */
};

/* case and accents folded, curly quotes straight, white space runs one space */
static char *
fold (const char *text, gsize len)
{
  g_autofree char *copy = g_strndup (text, len);
  g_autofree char *folded = kith_code_match_fold (copy);
  GString *out = g_string_sized_new (strlen (folded));

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else if (c == 0x2018 || c == 0x2019)
        g_string_append_c (out, '\'');
      else if (c == 0x201C || c == 0x201D)
        g_string_append_c (out, '"');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static guint
count_words (const char *folded)
{
  guint n = *folded != '\0';

  for (const char *p = folded; *p != '\0'; p++)
    n += *p == ' ' && p[1] != '\0';
  return n;
}

GPtrArray *
kith_rule_skip_framework_phrases (KithProject *project,
                                  GError     **error)
{
  g_autoptr(GPtrArray) phrases = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project,
      "SELECT description FROM codes WHERE outcome_key IS NOT NULL AND description <> '' "
      "UNION SELECT label FROM barometers", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = kith_db_step (project, stmt, error)) == SQLITE_ROW)
    {
      const char *text = kith_db_column_str (stmt, 0);
      char *folded = fold (text, strlen (text));

      if (count_words (folded) >= FRAMEWORK_MIN_WORDS)
        g_ptr_array_add (phrases, folded);
      else
        g_free (folded);
    }
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&phrases);
}

static GPtrArray *
globs_of (GStrv globs)
{
  GPtrArray *out;

  if (globs == NULL || globs[0] == NULL)
    return NULL;
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_pattern_spec_free);
  for (guint i = 0; globs[i] != NULL; i++)
    {
      g_autofree char *folded = fold (globs[i], strlen (globs[i]));
      g_autofree char *trimmed = g_strstrip (g_strdup (folded));
      if (*trimmed != '\0')
        g_ptr_array_add (out, g_pattern_spec_new (trimmed));
    }
  return out;
}

KithRuleSkip *
kith_rule_skip_new (const KithRuleDef *def,
                    GPtrArray         *framework)
{
  KithRuleSkip *skip;

  if (def->skip_documents == NULL && def->skip_sections == NULL && def->skip_text == NULL
      && !(def->skip_framework && framework != NULL && framework->len > 0))
    return NULL;
  skip = g_new0 (KithRuleSkip, 1);
  skip->documents = globs_of (def->skip_documents);
  skip->sections = globs_of (def->skip_sections);
  skip->phrases = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; def->skip_text != NULL && def->skip_text[i] != NULL; i++)
    {
      g_autofree char *folded = fold (def->skip_text[i], strlen (def->skip_text[i]));
      g_autofree char *trimmed = g_strstrip (g_strdup (folded));
      if (*trimmed != '\0')
        g_ptr_array_add (skip->phrases, g_steal_pointer (&trimmed));
    }
  for (guint i = 0; def->skip_framework && framework != NULL && i < framework->len; i++)
    g_ptr_array_add (skip->phrases, g_strdup (g_ptr_array_index (framework, i)));
  return skip;
}

void
kith_rule_skip_free (KithRuleSkip *skip)
{
  if (skip == NULL)
    return;
  g_clear_pointer (&skip->documents, g_ptr_array_unref);
  g_clear_pointer (&skip->sections, g_ptr_array_unref);
  g_clear_pointer (&skip->phrases, g_ptr_array_unref);
  g_free (skip);
}

static gboolean
any_glob (GPtrArray *globs, const char *text, gsize len)
{
  g_autofree char *folded = NULL;

  if (globs == NULL || text == NULL)
    return FALSE;
  folded = fold (text, len);
  for (guint i = 0; i < globs->len; i++)
    if (g_pattern_spec_match_string (g_ptr_array_index (globs, i), folded))
      return TRUE;
  return FALSE;
}

gboolean
kith_rule_skip_document (const KithRuleSkip *skip,
                         const char         *name,
                         const char         *kind)
{
  g_return_val_if_fail (skip != NULL, FALSE);
  return (name != NULL && any_glob (skip->documents, name, strlen (name)))
         || (kind != NULL && any_glob (skip->documents, kind, strlen (kind)));
}

gboolean
kith_rule_skip_has_sections (const KithRuleSkip *skip)
{
  return skip != NULL && skip->sections != NULL;
}

gboolean
kith_rule_skip_section (const KithRuleSkip *skip,
                        const char         *heading,
                        gsize               len)
{
  g_return_val_if_fail (skip != NULL, FALSE);
  return any_glob (skip->sections, heading, len);
}

gboolean
kith_rule_skip_text (const KithRuleSkip *skip,
                     const char         *text,
                     gsize               len)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (skip != NULL, FALSE);
  if (skip->phrases->len == 0)
    return FALSE;
  folded = fold (text, len);
  for (guint i = 0; i < skip->phrases->len; i++)
    if (strstr (folded, g_ptr_array_index (skip->phrases, i)) != NULL)
      return TRUE;
  return FALSE;
}
