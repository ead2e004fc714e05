/* kith-codebook.c */
#include "kith-config.h"

#include <string.h>

#include "kith-code-edit.h"
#include "kith-codebook.h"
#include "kith-codes.h"
#include "kith-db-private.h"
#include "kith-history.h"
#include "kith-i18n.h"
#include "kith-rule-store.h"

#define GROUP_CODEBOOK "Codebook"
#define GROUP_DEFAULTS "Defaults"
#define CODE_PREFIX    "Code "
#define RULE_PREFIX    "Rule "

static const char *const export_header =
  " Kith codebook — a plain text file you can read, diff, copy and adapt.\n"
  "\n"
  " [Code PATH]      one per code; PATH joins names with “/”. Keys: description,\n"
  "                  colour (#rrggbb), goal, dimension, outcome (keys of a framework).\n"
  " [Rule PATH #N]   one per suggestion rule of the code at PATH. Keys: pattern (PCRE2,\n"
  "                  caseless unless case-sensitive=true), scope (match, sentence,\n"
  "                  paragraph, turn), exclude (a pattern that drops a hit when found\n"
  "                  in its scope — for scope match, in its sentence), skip-speakers\n"
  "                  (names or roles, “;” between), language, note, and where the\n"
  "                  rule does not look: skip-documents (globs over a document's\n"
  "                  name or kind), skip-sections (globs over headings), skip-text\n"
  "                  (phrases), skip-framework (true: spans naming an outcome or a\n"
  "                  barometer of the framework) — lists “;” between.\n"
  " [Defaults]       values every rule has unless it says otherwise.\n"
  " Patterns are written as they are: no escaping beyond PCRE2's own.\n";

void
kith_codebook_free (KithCodebook *codebook)
{
  if (codebook == NULL)
    return;
  g_free (codebook->name);
  g_free (codebook->description);
  g_clear_pointer (&codebook->codes, g_ptr_array_unref);
  g_clear_pointer (&codebook->rules, g_ptr_array_unref);
  g_free (codebook);
}

static KithCodebook *
codebook_new (void)
{
  KithCodebook *codebook = g_new0 (KithCodebook, 1);

  codebook->codes = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_code_free);
  codebook->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_rule_def_free);
  return codebook;
}

/* ---- reading ------------------------------------------------------------------ */

typedef struct
{
  GKeyFile   *file;
  const char *path;
  const char *group;
} Reader;

/* a rule's lists of where it does not look, beside skip-speakers */
static const struct
{
  const char *key;
  gsize       offset;
} skip_lists[] = {
  { "skip-documents", G_STRUCT_OFFSET (KithRuleDef, skip_documents) },
  { "skip-sections",  G_STRUCT_OFFSET (KithRuleDef, skip_sections) },
  { "skip-text",      G_STRUCT_OFFSET (KithRuleDef, skip_text) },
};

/* A text key (GLib escapes such as \n apply), or NULL when absent. */
static char *
read_text (Reader *r, const char *key, GError **error)
{
  g_autoptr(GError) local = NULL;
  char *value;

  if (!g_key_file_has_key (r->file, r->group, key, NULL))
    return NULL;
  value = g_key_file_get_string (r->file, r->group, key, &local);
  if (value == NULL)
    g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID, "%s: [%s] %s: %s", r->path, r->group, key, local->message);
  return value;
}

/* A pattern, exactly as written: a backslash is PCRE2's, not GLib's. */
static char *
read_raw (Reader *r, const char *key)
{
  char *value = g_key_file_get_value (r->file, r->group, key, NULL);

  if (value != NULL && *value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

static gboolean
read_bool (Reader *r, const char *key, gboolean fallback, gboolean *out, GError **error)
{
  g_autofree char *value = read_raw (r, key);

  if (value == NULL)
    *out = fallback;
  else if (g_ascii_strcasecmp (value, "true") == 0)
    *out = TRUE;
  else if (g_ascii_strcasecmp (value, "false") == 0)
    *out = FALSE;
  else
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID, _("%s: [%s] %s: “%s” is neither true nor false"),
                   r->path, r->group, key, value);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_scope (Reader *r, KithScope fallback, KithScope *out, GError **error)
{
  g_autofree char *value = read_raw (r, "scope");

  *out = fallback;
  if (value != NULL && !kith_scope_from_string (value, out))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID,
                   _("%s: [%s] scope: “%s” is not match, sentence, paragraph or turn"), r->path, r->group, value);
      return FALSE;
    }
  return TRUE;
}

/* “Interviewer; Facilitator” as a list; *@present says whether the key was
 * there at all (an empty value clears a default). */
static GStrv
read_list (Reader *r, const char *key, gboolean *present)
{
  g_autofree char *value = g_key_file_get_value (r->file, r->group, key, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;

  *present = value != NULL;
  if (value == NULL)
    return NULL;
  parts = g_strsplit (value, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_ptr_array_add (names, g_strdup (parts[i]));
    }
  if (names->len == 0)
    return NULL;
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

/* “ Connected / Feel ” → “Connected/Feel”, checked */
static char *
normal_path (Reader *r, const char *path, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_auto(GStrv) parts = kith_code_path_split (path, &local);

  if (parts == NULL)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID, "%s: [%s]: %s", r->path, r->group, local->message);
      return NULL;
    }
  return g_strjoinv ("/", parts);
}

static gboolean
read_code (Reader *r, KithCodebook *codebook, GError **error)
{
  g_autofree char *explicit_path = read_text (r, "path", error);
  KithCode *code = kith_code_new ();

  g_ptr_array_add (codebook->codes, code);
  code->path = normal_path (r, explicit_path != NULL ? explicit_path : r->group + strlen (CODE_PREFIX), error);
  if (code->path == NULL)
    return FALSE;
  code->description = read_text (r, "description", error);
  code->colour = read_raw (r, "colour");
  code->goal = read_raw (r, "goal");
  code->dimension = read_raw (r, "dimension");
  code->outcome_key = read_raw (r, "outcome");
  if (code->colour != NULL && !kith_code_colour_is_valid (code->colour))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID, _("%s: [%s] colour: “%s” is not a colour like #2563eb"),
                   r->path, r->group, code->colour);
      return FALSE;
    }
  return error == NULL || *error == NULL;
}

static gboolean
read_rule (Reader *r, KithCodebook *codebook, const KithRuleDef *defaults, GError **error)
{
  g_autoptr(KithRuleDef) def = kith_rule_def_new ();
  g_autoptr(KithRule) compiled = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *explicit_code = read_raw (r, "code");
  g_autofree char *code = NULL;
  GStrv speakers;
  gboolean present;

  if (explicit_code != NULL)
    code = g_strdup (explicit_code);
  else
    {
      /* [Rule Connected/Feel/Heard #2]: the path, without the number */
      const char *name = r->group + strlen (RULE_PREFIX);
      const char *hash = g_strrstr (name, " #");
      code = hash != NULL ? g_strndup (name, (gsize) (hash - name)) : g_strdup (name);
    }
  def->code_path = normal_path (r, code, error);
  if (def->code_path == NULL)
    return FALSE;
  def->pattern = read_raw (r, "pattern");
  if (def->pattern == NULL)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID, _("%s: [%s]: the rule has no pattern"), r->path, r->group);
      return FALSE;
    }
  def->exclude = read_raw (r, "exclude");
  def->language = read_raw (r, "language");
  if (def->language == NULL)
    def->language = g_strdup (defaults->language);
  def->note = read_text (r, "note", error);
  if (error != NULL && *error != NULL)
    return FALSE;
  if (!read_scope (r, defaults->scope, &def->scope, error)
      || !read_bool (r, "case-sensitive", defaults->case_sensitive, &def->case_sensitive, error))
    return FALSE;
  speakers = read_list (r, "skip-speakers", &present);
  def->skip_speakers = present ? speakers : g_strdupv (defaults->skip_speakers);
  for (gsize k = 0; k < G_N_ELEMENTS (skip_lists); k++)
    {
      GStrv own = read_list (r, skip_lists[k].key, &present);
      G_STRUCT_MEMBER (GStrv, def, skip_lists[k].offset)
        = present ? own : g_strdupv (G_STRUCT_MEMBER (GStrv, defaults, skip_lists[k].offset));
    }
  if (!read_bool (r, "skip-framework", defaults->skip_framework, &def->skip_framework, error))
    return FALSE;
  compiled = kith_rule_compile (def, &local);
  if (compiled == NULL)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID, "%s: [%s]: %s", r->path, r->group, local->message);
      return FALSE;
    }
  g_ptr_array_add (codebook->rules, g_steal_pointer (&def));
  return TRUE;
}

KithCodebook *
kith_codebook_read (const char *path,
                    GError    **error)
{
  g_autoptr(KithCodebook) codebook = codebook_new ();
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autoptr(KithRuleDef) defaults = kith_rule_def_new ();
  g_autoptr(GError) local = NULL;
  g_auto(GStrv) groups = NULL;
  Reader r = { file, path, NULL };

  if (!g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, &local))
    {
      g_set_error (error, KITH_ERROR,
                   g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT) ? KITH_ERROR_NOT_FOUND : KITH_ERROR_INVALID,
                   "%s: %s", path, local->message);
      return NULL;
    }
  if (g_key_file_has_group (file, GROUP_CODEBOOK))
    {
      r.group = GROUP_CODEBOOK;
      codebook->name = read_text (&r, "name", error);
      codebook->description = read_text (&r, "description", error);
      if (error != NULL && *error != NULL)
        return NULL;
    }
  if (codebook->name == NULL)
    codebook->name = g_path_get_basename (path);
  if (g_key_file_has_group (file, GROUP_DEFAULTS))
    {
      gboolean present;
      r.group = GROUP_DEFAULTS;
      if (!read_scope (&r, KITH_SCOPE_MATCH, &defaults->scope, error)
          || !read_bool (&r, "case-sensitive", FALSE, &defaults->case_sensitive, error))
        return NULL;
      defaults->skip_speakers = read_list (&r, "skip-speakers", &present);
      defaults->language = read_raw (&r, "language");
      for (gsize k = 0; k < G_N_ELEMENTS (skip_lists); k++)
        G_STRUCT_MEMBER (GStrv, defaults, skip_lists[k].offset) = read_list (&r, skip_lists[k].key, &present);
      if (!read_bool (&r, "skip-framework", FALSE, &defaults->skip_framework, error))
        return NULL;
    }

  groups = g_key_file_get_groups (file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      r.group = groups[i];
      if (g_str_has_prefix (groups[i], CODE_PREFIX))
        {
          if (!read_code (&r, codebook, error))
            return NULL;
        }
      else if (g_str_has_prefix (groups[i], RULE_PREFIX))
        {
          if (!read_rule (&r, codebook, defaults, error))
            return NULL;
        }
    }
  if (codebook->codes->len == 0 && codebook->rules->len == 0)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_EMPTY, _("%s: no [Code …] or [Rule …] groups: not a Kith codebook"), path);
      return NULL;
    }
  return g_steal_pointer (&codebook);
}

/* ---- finding ------------------------------------------------------------------ */

static const char *const *
codebook_dirs (void)
{
  /* installed first; the source tree's for a build that is not installed */
  static const char *const dirs[] = { KITH_INSTALLED_CODEBOOKS_DIR, KITH_CODEBOOKS_DIR, NULL };
  return dirs;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

GStrv
kith_codebook_list_bundled (void)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  for (const char *const *dir = codebook_dirs (); *dir != NULL; dir++)
    {
      g_autoptr(GDir) d = g_dir_open (*dir, 0, NULL);
      const char *entry;

      while (d != NULL && (entry = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *name = g_str_has_suffix (entry, KITH_CODEBOOK_SUFFIX)
                                  ? g_strndup (entry, strlen (entry) - strlen (KITH_CODEBOOK_SUFFIX)) : NULL;
          gboolean seen = FALSE;

          for (guint i = 0; name != NULL && i < names->len; i++)
            seen |= g_str_equal (g_ptr_array_index (names, i), name);
          if (name != NULL && !seen)
            g_ptr_array_add (names, g_steal_pointer (&name));
        }
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

char *
kith_codebook_find (const char *name_or_path,
                    GError    **error)
{
  g_auto(GStrv) bundled = NULL;
  g_autofree char *list = NULL;

  if (g_file_test (name_or_path, G_FILE_TEST_IS_REGULAR))
    return g_strdup (name_or_path);
  if (strchr (name_or_path, G_DIR_SEPARATOR) == NULL && !g_str_has_suffix (name_or_path, KITH_CODEBOOK_SUFFIX))
    for (const char *const *dir = codebook_dirs (); *dir != NULL; dir++)
      {
        g_autofree char *file = g_strconcat (name_or_path, KITH_CODEBOOK_SUFFIX, NULL);
        g_autofree char *path = g_build_filename (*dir, file, NULL);
        if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
          return g_steal_pointer (&path);
      }
  bundled = kith_codebook_list_bundled ();
  list = g_strjoinv (", ", bundled);
  g_set_error (error, KITH_ERROR, KITH_ERROR_NOT_FOUND,
               _("%s: no such codebook file, and no bundled codebook of that name (bundled: %s)"),
               name_or_path, *list != '\0' ? list : "none");
  return NULL;
}

/* ---- writing ------------------------------------------------------------------ */

KithCodebook *
kith_codebook_from_project (KithProject *project,
                            GError     **error)
{
  g_autoptr(KithCodebook) codebook = codebook_new ();
  g_autoptr(GPtrArray) codes = kith_codes_list (project, error);
  g_autoptr(GPtrArray) rules = NULL;
  g_autofree char *name = g_path_get_basename (kith_project_get_path (project));

  if (codes == NULL)
    return NULL;
  rules = kith_rules_list (project, NULL, error);
  if (rules == NULL)
    return NULL;
  codebook->name = g_str_has_suffix (name, ".kith") ? g_strndup (name, strlen (name) - 5) : g_strdup (name);
  /* the project's codes as they are; an empty description is none */
  for (guint i = 0; i < codes->len; i++)
    {
      KithCode *code = g_ptr_array_index (codes, i);
      if (*code->description == '\0')
        g_clear_pointer (&code->description, g_free);
    }
  g_ptr_array_extend_and_steal (codebook->codes, g_steal_pointer (&codes));
  for (guint i = 0; i < rules->len; i++)
    g_ptr_array_add (codebook->rules, kith_rule_def_copy (g_ptr_array_index (rules, i)));
  return g_steal_pointer (&codebook);
}

static char *
speakers_string (GStrv speakers)
{
  return speakers != NULL ? g_strjoinv (";", speakers) : g_strdup ("");
}

/* The value most rules share, so that each rule only lists what differs. */
static char *
most_common (GPtrArray *rules, char *(*value_of) (const KithRuleDef *))
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *best = NULL;
  guint best_count = 0;

  for (guint i = 0; i < rules->len; i++)
    {
      char *value = value_of (g_ptr_array_index (rules, i));
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, value)) + 1;

      if (count > best_count)
        {
          best_count = count;
          g_free (best);
          best = g_strdup (value);
        }
      g_hash_table_replace (counts, value, GUINT_TO_POINTER (count));
    }
  return g_steal_pointer (&best);
}

static char *
scope_of (const KithRuleDef *def)
{
  return g_strdup (kith_scope_to_string (def->scope));
}

static char *
speakers_of (const KithRuleDef *def)
{
  return speakers_string (def->skip_speakers);
}

static char *
language_of (const KithRuleDef *def)
{
  return g_strdup (def->language != NULL ? def->language : "");
}

static char *
skip_documents_of (const KithRuleDef *def)
{
  return speakers_string (def->skip_documents);
}

static char *
skip_sections_of (const KithRuleDef *def)
{
  return speakers_string (def->skip_sections);
}

static char *
skip_text_of (const KithRuleDef *def)
{
  return speakers_string (def->skip_text);
}

static char *
skip_framework_of (const KithRuleDef *def)
{
  return g_strdup (def->skip_framework ? "true" : "false");
}

/* What most rules share, written once in [Defaults]: each rule lists only
 * what differs. */
typedef struct
{
  char *scope;
  char *speakers;
  char *language;
  char *lists[G_N_ELEMENTS (skip_lists)];
  char *framework;
} Shared;

static void
shared_clear (Shared *shared)
{
  g_free (shared->scope);
  g_free (shared->speakers);
  g_free (shared->language);
  for (gsize k = 0; k < G_N_ELEMENTS (skip_lists); k++)
    g_free (shared->lists[k]);
  g_free (shared->framework);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Shared, shared_clear)

static GStrv
skip_list_of (const KithRuleDef *def, gsize k)
{
  return G_STRUCT_MEMBER (GStrv, def, skip_lists[k].offset);
}

/* Group names cannot hold “[”, “]” or control characters. */
static gboolean
fits_group_name (const char *path)
{
  for (const char *p = path; *p != '\0'; p++)
    if (*p == '[' || *p == ']' || (guchar) *p < 0x20)
      return FALSE;
  return TRUE;
}

/* A pattern that starts or ends with a space would lose it in a key file:
 * \x20 means the same to PCRE2. */
static char *
protect_spaces (const char *pattern)
{
  gsize len = strlen (pattern);
  gboolean lead = len > 0 && pattern[0] == ' ';
  gboolean trail = len > 1 && pattern[len - 1] == ' ' && pattern[len - 2] != '\\';

  if (!lead && !trail)
    return g_strdup (pattern);
  return g_strdup_printf ("%s%.*s%s", lead ? "\\x20" : "", (int) (len - lead - trail), pattern + lead,
                          trail ? "\\x20" : "");
}

static void
write_rule (GKeyFile *file, const KithRuleDef *def, guint number, guint index, const Shared *shared)
{
  const char *scope = shared->scope, *speakers = shared->speakers, *language = shared->language;
  g_autofree char *group = fits_group_name (def->code_path)
                           ? g_strdup_printf (RULE_PREFIX "%s #%u", def->code_path, number)
                           : g_strdup_printf (RULE_PREFIX "%u", index);
  g_autofree char *pattern = protect_spaces (def->pattern);
  g_autofree char *own_speakers = speakers_string (def->skip_speakers);

  if (!fits_group_name (def->code_path))
    g_key_file_set_string (file, group, "code", def->code_path);
  g_key_file_set_value (file, group, "pattern", pattern);
  if (!g_str_equal (kith_scope_to_string (def->scope), scope))
    g_key_file_set_value (file, group, "scope", kith_scope_to_string (def->scope));
  if (def->exclude != NULL)
    {
      g_autofree char *exclude = protect_spaces (def->exclude);
      g_key_file_set_value (file, group, "exclude", exclude);
    }
  if (!g_str_equal (own_speakers, speakers))
    g_key_file_set_value (file, group, "skip-speakers", own_speakers);
  if (def->case_sensitive)
    g_key_file_set_value (file, group, "case-sensitive", "true");
  if (g_strcmp0 (def->language != NULL ? def->language : "", language) != 0)
    g_key_file_set_value (file, group, "language", def->language != NULL ? def->language : "");
  if (def->note != NULL && *def->note != '\0')
    g_key_file_set_string (file, group, "note", def->note);
  for (gsize k = 0; k < G_N_ELEMENTS (skip_lists); k++)
    {
      g_autofree char *own = speakers_string (skip_list_of (def, k));
      if (!g_str_equal (own, shared->lists[k]))
        g_key_file_set_value (file, group, skip_lists[k].key, own);
    }
  if (g_strcmp0 (def->skip_framework ? "true" : "false", shared->framework) != 0)
    g_key_file_set_value (file, group, "skip-framework", def->skip_framework ? "true" : "false");
}

char *
kith_codebook_to_data (KithCodebook *codebook,
                       gsize        *length)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  static char *(*const list_of[]) (const KithRuleDef *) = { skip_documents_of, skip_sections_of, skip_text_of };
  g_auto(Shared) shared = {
    most_common (codebook->rules, scope_of),
    most_common (codebook->rules, speakers_of),
    most_common (codebook->rules, language_of),
    { NULL },
    most_common (codebook->rules, skip_framework_of),
  };
  g_autoptr(GHashTable) written = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_rules = 0;

  g_key_file_set_string (file, GROUP_CODEBOOK, "name", codebook->name != NULL ? codebook->name : "Codebook");
  if (codebook->description != NULL)
    g_key_file_set_string (file, GROUP_CODEBOOK, "description", codebook->description);
  g_key_file_set_comment (file, NULL, NULL, export_header, NULL);
  G_STATIC_ASSERT (G_N_ELEMENTS (list_of) == G_N_ELEMENTS (skip_lists));
  for (gsize k = 0; k < G_N_ELEMENTS (skip_lists); k++)
    shared.lists[k] = most_common (codebook->rules, list_of[k]);
  if (codebook->rules->len > 0)
    {
      g_key_file_set_value (file, GROUP_DEFAULTS, "scope", shared.scope);
      g_key_file_set_value (file, GROUP_DEFAULTS, "skip-speakers", shared.speakers);
      if (*shared.language != '\0')
        g_key_file_set_value (file, GROUP_DEFAULTS, "language", shared.language);
      for (gsize k = 0; k < G_N_ELEMENTS (skip_lists); k++)
        if (*shared.lists[k] != '\0')
          g_key_file_set_value (file, GROUP_DEFAULTS, skip_lists[k].key, shared.lists[k]);
      if (g_str_equal (shared.framework, "true"))
        g_key_file_set_value (file, GROUP_DEFAULTS, "skip-framework", "true");
    }
  else
    {
      g_clear_pointer (&shared.scope, g_free);
      shared.scope = g_strdup ("match");
      g_clear_pointer (&shared.framework, g_free);
      shared.framework = g_strdup ("false");
    }

  /* each code, then its rules */
  for (guint i = 0; i < codebook->codes->len + 1; i++)
    {
      KithCode *code = i < codebook->codes->len ? g_ptr_array_index (codebook->codes, i) : NULL;
      guint number = 0;

      if (code != NULL)
        {
          g_autofree char *group = fits_group_name (code->path) ? g_strconcat (CODE_PREFIX, code->path, NULL)
                                                               : g_strdup_printf (CODE_PREFIX "%u", i + 1);
          if (!fits_group_name (code->path))
            g_key_file_set_string (file, group, "path", code->path);
          if (code->description != NULL)
            g_key_file_set_string (file, group, "description", code->description);
          if (code->colour != NULL)
            g_key_file_set_value (file, group, "colour", code->colour);
          if (code->goal != NULL)
            g_key_file_set_value (file, group, "goal", code->goal);
          if (code->dimension != NULL)
            g_key_file_set_value (file, group, "dimension", code->dimension);
          if (code->outcome_key != NULL)
            g_key_file_set_value (file, group, "outcome", code->outcome_key);
          /* a key file has no empty groups: a bare code would be lost */
          if (!g_key_file_has_group (file, group))
            g_key_file_set_string (file, group, "path", code->path);
          g_hash_table_add (written, code->path);
        }
      /* after the last code: rules whose code the codebook does not list */
      for (guint j = 0; j < codebook->rules->len; j++)
        {
          KithRuleDef *def = g_ptr_array_index (codebook->rules, j);
          gboolean mine = code != NULL ? g_str_equal (def->code_path, code->path)
                                       : !g_hash_table_contains (written, def->code_path);
          if (mine)
            write_rule (file, def, ++number, ++n_rules, &shared);
        }
    }
  return g_key_file_to_data (file, length, NULL);
}

/* ---- merging ------------------------------------------------------------------ */

/* Fills in what an existing code lacks; never overwrites. */
static gboolean
complete_code (KithProject *project, gint64 id, KithCode *code, GError **error)
{
  g_autoptr(KithCode) have = kith_codes_get (project, id, error);

  if (have == NULL)
    return FALSE;
  if (*have->description == '\0' && code->description != NULL
      && !kith_code_edit_describe (project, id, code->description, error))
    return FALSE;
  if ((have->goal == NULL && code->goal != NULL) || (have->dimension == NULL && code->dimension != NULL)
      || (have->outcome_key == NULL && code->outcome_key != NULL))
    return kith_codes_set_framework (project, id,
                                     have->goal != NULL ? have->goal : code->goal,
                                     have->dimension != NULL ? have->dimension : code->dimension,
                                     have->outcome_key != NULL ? have->outcome_key : code->outcome_key,
                                     error);
  return TRUE;
}

gboolean
kith_codebook_merge (KithProject       *project,
                     KithCodebook      *codebook,
                     KithCodebookMerge *merge,
                     GError           **error)
{
  g_autofree char *label = g_strdup_printf ("Load codebook “%s”", codebook->name);
  KithCodebookMerge counts = { 0 };

  if (!kith_history_begin (project, "codebook", label, error))
    return FALSE;
  for (guint i = 0; i < codebook->codes->len; i++)
    {
      KithCode *code = g_ptr_array_index (codebook->codes, i);
      GError *local = NULL;
      gint64 id = kith_codes_find_path (project, code->path, &local);

      if (id == 0 && !g_error_matches (local, KITH_ERROR, KITH_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, local);
          goto fail;
        }
      g_clear_error (&local);
      if (id != 0)
        {
          counts.codes_existing++;
          if (!complete_code (project, id, code, error))
            goto fail;
          continue;
        }
      id = kith_codes_add_path (project, code->path, code->description, code->colour, error);
      if (id == 0)
        goto fail;
      counts.codes_added++;
      if ((code->goal != NULL || code->dimension != NULL || code->outcome_key != NULL)
          && !kith_codes_set_framework (project, id, code->goal, code->dimension, code->outcome_key, error))
        goto fail;
    }
  for (guint i = 0; i < codebook->rules->len; i++)
    {
      g_autoptr(KithRuleDef) def = kith_rule_def_copy (g_ptr_array_index (codebook->rules, i));
      gboolean created = FALSE;

      def->code_id = kith_codes_ensure_path (project, def->code_path, error);
      if (def->code_id == 0 || kith_rules_add (project, def, &created, error) == 0)
        goto fail;
      if (created)
        counts.rules_added++;
      else
        counts.rules_existing++;
    }
  if (!kith_history_commit (project, error))
    return FALSE;
  if (merge != NULL)
    *merge = counts;
  return TRUE;

fail:
  kith_history_rollback (project);
  return FALSE;
}
