/* fuzz-rule.c — the rule parser and matcher. An input is a pattern line,
 * an exclusion line (empty: none) and a subject: the pattern and exclusion
 * compile or are refused with a reason, and every match lies inside the
 * subject, on character boundaries, in order. */
#include <string.h>

#include "kith-fuzz.h"
#include "kith-rule.h"

/* the next line of [*at, end), advancing *at past its newline (owned) */
static char *
next_line (const char **at,
           const char  *end)
{
  const char *nl = memchr (*at, '\n', (gsize) (end - *at));
  const char *stop = nl != NULL ? nl : end;
  char *line = g_strndup (*at, (gsize) (stop - *at));

  *at = nl != NULL ? nl + 1 : end;
  return line;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *at = (const char *) data, *end = at + size;
  g_autoptr(KithRuleDef) def = kith_rule_def_new ();
  g_autoptr(KithRule) rule = NULL;
  g_autoptr(KithMatcher) matcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = NULL;
  gsize len, from = 0, start, stop;
  gboolean step = FALSE;

  def->pattern = next_line (&at, end);
  def->exclude = next_line (&at, end);
  if (def->exclude[0] == '\0')
    g_clear_pointer (&def->exclude, g_free);
  /* the last byte also picks the rule's case and scope */
  def->case_sensitive = size > 0 && (data[size - 1] & 1) != 0;
  def->scope = size > 0 ? (KithScope) ((data[size - 1] >> 1) % 4) : KITH_SCOPE_MATCH;
  def->code_path = g_strdup ("Fuzz");
  def->note = g_strdup ("");
  subject = g_strndup (at, (gsize) (end - at));
  len = strlen (subject);
  if (!g_utf8_validate (subject, (gssize) len, NULL))
    len = 0;   /* the matcher is given valid UTF-8 only */

  (void) kith_rule_check_pattern (def->pattern, def->case_sensitive, NULL);
  rule = kith_rule_compile (def, &error);
  if (rule == NULL)
    {
      kf_check (error != NULL && error->message[0] != '\0', "a refusal without a reason");
      kf_note ("refused: %s", error->message);
      return 0;
    }
  matcher = kith_matcher_new ();
  kf_note ("no match");
  for (guint n = 0; n < 1000 && from <= len; n++)
    {
      KithMatchResult found = kith_rule_match (rule, matcher, subject, len, from, G_MAXSIZE, step,
                                               &start, &stop, NULL);
      if (found != KITH_MATCH_FOUND)
        break;
      kf_check (from <= start && start <= stop && stop <= len, "a match at %zu–%zu, from %zu in %zu bytes",
                start, stop, from, len);
      kf_check (g_utf8_validate_len (subject + start, stop - start, NULL), "a match splits a character");
      (void) kith_rule_excludes (rule, matcher, subject, start, stop, NULL);
      kf_note ("last match at bytes %zu–%zu", start, stop);
      step = stop == start;
      from = stop;
    }
  return 0;
}
