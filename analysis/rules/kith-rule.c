/* kith-rule.c */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <string.h>

#include "kith-error.h"
#include "kith-rule.h"
#include "kith-i18n.h"
#include "kith-utf8.h"

/* Enough for any sensible rule over a long transcript; a pattern that
 * backtracks catastrophically reaches it in well under a second. */
#define MATCH_LIMIT     10000000
#define DEPTH_LIMIT     100000
#define HEAP_LIMIT_KIB  (32 * 1024)
#define JIT_STACK_MIN   (32 * 1024)
#define JIT_STACK_MAX   (1024 * 1024)

struct _KithRule
{
  KithRuleDef  *def;
  pcre2_code   *code;
  pcre2_code   *exclude;
  KithLiterals *literals;
};

struct _KithMatcher
{
  pcre2_match_data    *data;
  pcre2_match_context *context;
  pcre2_jit_stack     *stack;
};

static const char *const scope_names[] = { "match", "sentence", "paragraph", "turn" };

const char *
kith_scope_to_string (KithScope scope)
{
  g_return_val_if_fail ((guint) scope < G_N_ELEMENTS (scope_names), "match");
  return scope_names[scope];
}

gboolean
kith_scope_from_string (const char *text,
                        KithScope  *scope)
{
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (scope_names); i++)
    if (g_ascii_strcasecmp (text, scope_names[i]) == 0)
      {
        *scope = (KithScope) i;
        return TRUE;
      }
  return FALSE;
}

KithRuleDef *
kith_rule_def_new (void)
{
  return g_new0 (KithRuleDef, 1);
}

KithRuleDef *
kith_rule_def_copy (const KithRuleDef *def)
{
  KithRuleDef *copy = g_new0 (KithRuleDef, 1);

  *copy = *def;
  copy->code_path = g_strdup (def->code_path);
  copy->pattern = g_strdup (def->pattern);
  copy->exclude = g_strdup (def->exclude);
  copy->skip_speakers = g_strdupv (def->skip_speakers);
  copy->language = g_strdup (def->language);
  copy->note = g_strdup (def->note);
  copy->skip_documents = g_strdupv (def->skip_documents);
  copy->skip_sections = g_strdupv (def->skip_sections);
  copy->skip_text = g_strdupv (def->skip_text);
  return copy;
}

void
kith_rule_def_free (KithRuleDef *def)
{
  if (def == NULL)
    return;
  g_free (def->code_path);
  g_free (def->pattern);
  g_free (def->exclude);
  g_strfreev (def->skip_speakers);
  g_free (def->language);
  g_free (def->note);
  g_strfreev (def->skip_documents);
  g_strfreev (def->skip_sections);
  g_strfreev (def->skip_text);
  g_free (def);
}

static pcre2_code *
compile (const char *pattern,
         gboolean    case_sensitive,
         uint32_t    extra,
         GError    **error)
{
  pcre2_code *code;
  int errcode = 0;
  PCRE2_SIZE erroffset = 0;
  uint32_t options = PCRE2_UTF | PCRE2_UCP | extra | (case_sensitive ? 0 : PCRE2_CASELESS);

  if (pattern == NULL || *pattern == '\0')
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID, _("a rule needs a pattern"));
      return NULL;
    }
  if (!g_utf8_validate (pattern, -1, NULL))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID, _("the pattern is not valid UTF-8 text"));
      return NULL;
    }
  if (strpbrk (pattern, "\r\n") != NULL)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID,
                   _("the pattern “%s” holds a line break: write \\n instead"), pattern);
      return NULL;
    }
  code = pcre2_compile ((PCRE2_SPTR) pattern, PCRE2_ZERO_TERMINATED, options, &errcode, &erroffset, NULL);
  if (code == NULL)
    {
      PCRE2_UCHAR message[256];
      gsize len = strlen (pattern);

      pcre2_get_error_message (errcode, message, sizeof message);
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID,
                   _("the pattern “%s” is not valid at offset %lld: %s"), pattern,
                   (long long) (kith_utf8_count_chars (pattern, MIN ((gsize) erroffset, len))), (const char *) message);
      return NULL;
    }
  /* Without JIT (an unusual platform) the interpreter still works. */
  pcre2_jit_compile (code, PCRE2_JIT_COMPLETE);
  return code;
}

gboolean
kith_rule_check_pattern (const char *pattern,
                         gboolean    case_sensitive,
                         GError    **error)
{
  pcre2_code *code = compile (pattern, case_sensitive, 0, error);

  pcre2_code_free (code);
  return code != NULL;
}

/**
 * kith_rule_compile:
 *
 * Returns: (transfer full): the compiled rule, or %NULL with @error naming
 * the pattern (or exclusion), the offset and PCRE2's message
 */
KithRule *
kith_rule_compile (const KithRuleDef *def,
                   GError           **error)
{
  g_autoptr(KithRule) rule = g_new0 (KithRule, 1);

  g_return_val_if_fail (def != NULL, NULL);

  rule->def = kith_rule_def_copy (def);
  rule->code = compile (def->pattern, def->case_sensitive, PCRE2_USE_OFFSET_LIMIT, error);
  if (rule->code == NULL)
    return NULL;
  if (def->exclude != NULL && *def->exclude != '\0')
    {
      rule->exclude = compile (def->exclude, def->case_sensitive, 0, error);
      if (rule->exclude == NULL)
        {
          g_prefix_error (error, _("exclusion: "));
          return NULL;
        }
    }
  rule->literals = kith_literals_analyse (def->pattern, !def->case_sensitive);
  return g_steal_pointer (&rule);
}

void
kith_rule_free (KithRule *rule)
{
  if (rule == NULL)
    return;
  kith_rule_def_free (rule->def);
  pcre2_code_free (rule->code);
  pcre2_code_free (rule->exclude);
  kith_literals_free (rule->literals);
  g_free (rule);
}

const KithRuleDef *
kith_rule_get_def (const KithRule *rule)
{
  return rule->def;
}

const KithLiterals *
kith_rule_get_literals (const KithRule *rule)
{
  return rule->literals;
}

KithMatcher *
kith_matcher_new (void)
{
  KithMatcher *matcher = g_new0 (KithMatcher, 1);

  matcher->data = pcre2_match_data_create (1, NULL);
  matcher->context = pcre2_match_context_create (NULL);
  pcre2_set_match_limit (matcher->context, MATCH_LIMIT);
  pcre2_set_depth_limit (matcher->context, DEPTH_LIMIT);
  pcre2_set_heap_limit (matcher->context, HEAP_LIMIT_KIB);
  matcher->stack = pcre2_jit_stack_create (JIT_STACK_MIN, JIT_STACK_MAX, NULL);
  if (matcher->stack != NULL)
    pcre2_jit_stack_assign (matcher->context, NULL, matcher->stack);
  return matcher;
}

void
kith_matcher_free (KithMatcher *matcher)
{
  if (matcher == NULL)
    return;
  pcre2_match_data_free (matcher->data);
  pcre2_match_context_free (matcher->context);
  pcre2_jit_stack_free (matcher->stack);
  g_free (matcher);
}

static KithMatchResult
run (pcre2_code  *code,
     KithMatcher *matcher,
     const char  *subject,
     gsize        len,
     gsize        from,
     uint32_t     options,
     gsize       *start,
     gsize       *end,
     GError     **error)
{
  int rc = pcre2_match (code, (PCRE2_SPTR) subject, len, from, options | PCRE2_NO_UTF_CHECK,
                        matcher->data, matcher->context);

  if (rc >= 0)
    {
      PCRE2_SIZE *ovector = pcre2_get_ovector_pointer (matcher->data);
      *start = ovector[0];
      *end = ovector[1];
      return KITH_MATCH_FOUND;
    }
  if (rc == PCRE2_ERROR_NOMATCH)
    return KITH_MATCH_NONE;
  switch (rc)
    {
    case PCRE2_ERROR_MATCHLIMIT:
    case PCRE2_ERROR_DEPTHLIMIT:
    case PCRE2_ERROR_HEAPLIMIT:
    case PCRE2_ERROR_JIT_STACKLIMIT:
      g_set_error (error, KITH_ERROR, KITH_ERROR_TOO_LARGE,
                   _("the pattern backtracks too much and was stopped (%s); make it more specific"),
                   rc == PCRE2_ERROR_MATCHLIMIT ? "match limit"
                   : rc == PCRE2_ERROR_JIT_STACKLIMIT ? "JIT stack limit" : "depth limit");
      break;
    default:
      {
        PCRE2_UCHAR message[256];
        pcre2_get_error_message (rc, message, sizeof message);
        g_set_error (error, KITH_ERROR, KITH_ERROR_FAILED, _("matching failed: %s"), (const char *) message);
      }
      break;
    }
  return KITH_MATCH_ERROR;
}

KithMatchResult
kith_rule_match (const KithRule *rule,
                 KithMatcher    *matcher,
                 const char     *subject,
                 gsize           len,
                 gsize           from,
                 gsize           limit,
                 gboolean        not_empty_at_from,
                 gsize          *start,
                 gsize          *end,
                 GError        **error)
{
  g_return_val_if_fail (from <= len, KITH_MATCH_NONE);

  pcre2_set_offset_limit (matcher->context, limit == G_MAXSIZE ? PCRE2_UNSET : limit);
  return run (rule->code, matcher, subject, len, from,
              not_empty_at_from ? PCRE2_NOTEMPTY_ATSTART : 0, start, end, error);
}

KithMatchResult
kith_rule_excludes (const KithRule *rule,
                    KithMatcher    *matcher,
                    const char     *subject,
                    gsize           from,
                    gsize           to,
                    GError        **error)
{
  gsize s, e;

  if (rule->exclude == NULL)
    return KITH_MATCH_NONE;
  g_return_val_if_fail (from <= to, KITH_MATCH_NONE);
  /* the span is the whole subject as far as the exclusion can see ahead */
  pcre2_set_offset_limit (matcher->context, PCRE2_UNSET);
  return run (rule->exclude, matcher, subject, to, from, 0, &s, &e, error);
}
