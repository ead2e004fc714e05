/* kith-pseudonymiser.c — personal details out of what is exported
 *
 * Details go first, names last: an e-mail address or a street may hold a
 * name, and a pseudonym holds no digits a later pass could take for a
 * phone number. Patterns are GLib's PCRE2 regexes, compiled once per
 * pseudonymiser; names are one alternation, longest first, so “Harjit
 * Kaur” is replaced whole before “Harjit” could be.
 */
#include <string.h>

#include "kith-i18n.h"
#include "kith-pseudonymiser.h"

struct _KithPseudonymiser
{
  GHashTable *names;      /* name → pseudonym */
  GHashTable *kept;       /* words never replaced as names */
  GRegex     *details[KITH_PRIVACY_N_KINDS];
  GRegex     *name_regex; /* NULL until needed, and again after a name is added */
  guint       counts[KITH_PRIVACY_N_KINDS];
};

/* Not a letter or digit on either side (\b would split “Zoë”). */
#define EDGE_BEFORE "(?<![\\p{L}\\p{N}_])"
#define EDGE_AFTER  "(?![\\p{L}\\p{N}_])"

static const struct { KithPrivacyKind kind; const char *pattern; const char *replacement; } detail_patterns[] = {
  { KITH_PRIVACY_EMAIL, "[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+", "[email]" },
  /* a house number (or a flat), one to three words, and a kind of street */
  { KITH_PRIVACY_ADDRESS,
    EDGE_BEFORE "(?:(?:Flat|Apartment|Unit)\\s+\\d+[A-Za-z]?,?\\s+)?\\d{1,4}[A-Za-z]?,?\\s+"
    "(?:\\p{Lu}[\\p{L}'’-]*\\s+){1,3}"
    "(?:Road|Street|Lane|Avenue|Close|Drive|Way|Crescent|Grove|Place|Terrace|Gardens|Court|Hill|Walk|Row|"
    "Square|Rise|View|Mews|Parade|Green|Rd|St|Ave|Ln|Dr)" EDGE_AFTER "\\.?", "[address]" },
  /* the Royal Mail's shapes: outward code (A9, A99, AA9, AA99, A9A, AA9A), inward code 9AA */
  { KITH_PRIVACY_POSTCODE,
    "(?i)" EDGE_BEFORE "(?:[A-PR-UWYZ][0-9][0-9A-HJKMNPR-Y]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRV-Y]?)"
    "\\s?[0-9][ABD-HJLNP-UW-Z]{2}" EDGE_AFTER, "[postcode]" },
  /* UK numbers: 0121 555 0134, (0121) 555 0134, 07700 900123, +44 (0)7700 900123, 0044 121 … */
  { KITH_PRIVACY_PHONE,
    "(?<![\\d+])(?:(?:\\+|00)44[\\s.-]?(?:\\(0\\)[\\s.-]?)?\\(?|\\(?0)\\d{2,4}\\)?(?:[\\s.-]?\\d){6,8}(?!\\d)", "[phone]" },
};

/* @text without spaces at its ends, and each run of spaces inside it one space */
static char *
single_spaced (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (out, *p);
    else if (out->len > 0 && out->str[out->len - 1] != ' ')
      g_string_append_c (out, ' ');
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

KithPseudonymiser *
kith_pseudonymiser_new (void)
{
  KithPseudonymiser *self = g_new0 (KithPseudonymiser, 1);

  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (detail_patterns); i++)
    {
      g_autoptr(GError) error = NULL;

      self->details[detail_patterns[i].kind] = g_regex_new (detail_patterns[i].pattern, G_REGEX_OPTIMIZE, 0, &error);
      g_assert_no_error (error);
    }
  return self;
}

void
kith_pseudonymiser_free (KithPseudonymiser *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->names);
  g_hash_table_unref (self->kept);
  for (guint i = 0; i < KITH_PRIVACY_N_KINDS; i++)
    g_clear_pointer (&self->details[i], g_regex_unref);
  g_clear_pointer (&self->name_regex, g_regex_unref);
  g_free (self);
}

void
kith_pseudonymiser_keep (KithPseudonymiser *self,
                         const char        *word)
{
  g_autofree char *clean = single_spaced (word);

  if (*clean != '\0')
    g_hash_table_add (self->kept, g_steal_pointer (&clean));
}

static void
add_one (KithPseudonymiser *self,
         const char        *name,
         const char        *pseudonym)
{
  if (g_utf8_strlen (name, -1) < 2 || g_hash_table_contains (self->kept, name)
      || g_hash_table_contains (self->names, name))
    return;
  g_hash_table_insert (self->names, g_strdup (name), g_strdup (pseudonym));
  g_clear_pointer (&self->name_regex, g_regex_unref);
}

void
kith_pseudonymiser_add_name (KithPseudonymiser *self,
                             const char        *name,
                             const char        *pseudonym)
{
  g_autofree char *clean = single_spaced (name);
  g_auto(GStrv) parts = NULL;

  if (!g_utf8_validate (clean, -1, NULL))
    return;
  add_one (self, clean, pseudonym);
  /* “Harjit Kaur” is also “Harjit” and “Kaur” when named again; a part
   * that starts in lower case (“van”, “de”) says nothing alone */
  parts = g_strsplit (clean, " ", -1);
  if (g_strv_length (parts) < 2)
    return;
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_unichar_isupper (g_utf8_get_char (parts[i])))
      add_one (self, parts[i], pseudonym);
}

const char *
kith_pseudonymiser_lookup (KithPseudonymiser *self,
                           const char        *name)
{
  return g_hash_table_lookup (self->names, name);
}

static int
longer_first (gconstpointer a, gconstpointer b)
{
  const char *x = *(const char *const *) a, *y = *(const char *const *) b;
  gsize lx = strlen (x), ly = strlen (y);

  return lx != ly ? (lx > ly ? -1 : 1) : strcmp (x, y);
}

static GRegex *
name_regex (KithPseudonymiser *self)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GString) pattern = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;

  if (self->name_regex != NULL || g_hash_table_size (self->names) == 0)
    return self->name_regex;
  names = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->names);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (names, key);
  g_ptr_array_sort (names, longer_first);
  pattern = g_string_new (EDGE_BEFORE "(?:");
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *quoted = g_regex_escape_string (g_ptr_array_index (names, i), -1);

      if (i > 0)
        g_string_append_c (pattern, '|');
      /* the space between two parts of a name may be any run of spaces,
       * a line break among them */
      for (const char *p = quoted; *p != '\0'; p++)
        if (*p == ' ')
          g_string_append (pattern, "\\s+");
        else
          g_string_append_c (pattern, *p);
    }
  g_string_append (pattern, ")" EDGE_AFTER);
  self->name_regex = g_regex_new (pattern->str, G_REGEX_OPTIMIZE, 0, &error);
  g_assert_no_error (error);
  return self->name_regex;
}

/* One replacement, in bytes of a pass's input (then in code points). */
typedef struct
{
  gint64 start;
  gint64 end;
  gint64 new_len;
} Edit;

struct _KithPseudonymMap
{
  GPtrArray *passes;   /* (element-type GArray of Edit, in code points) */
};

typedef struct
{
  KithPseudonymiser *self;
  KithPrivacyKind    kind;
  const char        *replacement;
  GArray            *edits;      /* NULL: not mapping */
} Replace;

static gboolean
replace_one (const GMatchInfo *info,
             GString          *out,
             gpointer          user_data)
{
  Replace *r = user_data;
  gsize before = out->len;

  if (r->kind == KITH_PRIVACY_NAME)
    {
      g_autofree char *match = g_match_info_fetch (info, 0);
      g_autofree char *name = single_spaced (match);

      g_string_append (out, g_hash_table_lookup (r->self->names, name));
    }
  else
    g_string_append (out, r->replacement);
  r->self->counts[r->kind]++;
  if (r->edits != NULL)
    {
      int start, end;
      Edit edit;

      g_match_info_fetch_pos (info, 0, &start, &end);
      edit = (Edit) { start, end, (gint64) (out->len - before) };
      g_array_append_val (r->edits, edit);
    }
  return FALSE;
}

/* Byte edits of @input (the pass's input) as code point edits; @output is
 * what the pass wrote, where each replacement's length is measured. */
static void
edits_to_code_points (GArray *edits, const char *input, const char *output)
{
  const char *in = input, *out = output;
  gint64 in_cp = 0, in_byte = 0, out_byte = 0;

  for (guint i = 0; i < edits->len; i++)
    {
      Edit *e = &g_array_index (edits, Edit, i);
      gint64 gap = e->start - in_byte;
      gint64 start_cp = in_cp + g_utf8_strlen (in + in_byte, gap);
      gint64 end_cp = start_cp + g_utf8_strlen (in + e->start, e->end - e->start);
      gint64 new_cp = g_utf8_strlen (out + out_byte + gap, e->new_len);

      out_byte += gap + e->new_len;
      in_byte = e->end;
      in_cp = end_cp;
      *e = (Edit) { start_cp, end_cp, new_cp };
    }
}

static char *
apply (KithPseudonymiser *self,
       const char        *text,
       KithPseudonymMap  *map)
{
  g_autofree char *current = NULL;
  GRegex *regexes[G_N_ELEMENTS (detail_patterns) + 1];
  Replace r[G_N_ELEMENTS (detail_patterns) + 1];
  guint n = 0;

  if (text == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (detail_patterns); i++, n++)
    {
      regexes[n] = self->details[detail_patterns[i].kind];
      r[n] = (Replace) { self, detail_patterns[i].kind, detail_patterns[i].replacement, NULL };
    }
  if ((regexes[n] = name_regex (self)) != NULL)
    r[n++] = (Replace) { self, KITH_PRIVACY_NAME, NULL, NULL };
  current = g_strdup (text);
  for (guint i = 0; i < n; i++)
    {
      char *next;

      if (map != NULL)
        r[i].edits = g_array_new (FALSE, FALSE, sizeof (Edit));
      next = g_regex_replace_eval (regexes[i], current, -1, 0, 0, replace_one, &r[i], NULL);
      if (map != NULL)
        {
          edits_to_code_points (r[i].edits, current, next);
          g_ptr_array_add (map->passes, r[i].edits);
        }
      g_free (current);
      current = next;
    }
  return g_steal_pointer (&current);
}

char *
kith_pseudonymiser_apply (KithPseudonymiser *self,
                          const char        *text)
{
  return apply (self, text, NULL);
}

char *
kith_pseudonymiser_apply_mapped (KithPseudonymiser  *self,
                                 const char         *text,
                                 KithPseudonymMap  **map)
{
  KithPseudonymMap *m = g_new0 (KithPseudonymMap, 1);

  m->passes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  *map = m;
  return apply (self, text, m);
}

gint64
kith_pseudonym_map_position (const KithPseudonymMap *map,
                             gint64                  pos,
                             gboolean                is_end)
{
  for (guint p = 0; p < map->passes->len; p++)
    {
      GArray *edits = g_ptr_array_index (map->passes, p);
      gint64 shift = 0, moved = -1;

      for (guint i = 0; i < edits->len; i++)
        {
          Edit *e = &g_array_index (edits, Edit, i);

          if (e->end <= pos)
            shift += e->new_len - (e->end - e->start);   /* wholly before */
          else
            {
              if (e->start < pos)   /* inside a replaced run */
                moved = is_end ? e->start + shift + e->new_len : e->start + shift;
              break;
            }
        }
      pos = moved >= 0 ? moved : pos + shift;
    }
  return pos;
}

void
kith_pseudonym_map_free (KithPseudonymMap *map)
{
  if (map == NULL)
    return;
  g_ptr_array_unref (map->passes);
  g_free (map);
}

void
kith_pseudonymiser_apply_in_place (KithPseudonymiser *self,
                                   char             **text)
{
  char *replaced;

  if (*text == NULL)
    return;
  replaced = kith_pseudonymiser_apply (self, *text);
  g_free (*text);
  *text = replaced;
}

guint
kith_pseudonymiser_get_count (KithPseudonymiser *self,
                              KithPrivacyKind    kind)
{
  g_return_val_if_fail (kind < KITH_PRIVACY_N_KINDS, 0);
  return self->counts[kind];
}

char *
kith_pseudonymiser_describe (KithPseudonymiser *self)
{
  return g_strdup_printf (_("names %u, postcodes %u, phone numbers %u, e-mail addresses %u, street addresses %u"),
                          self->counts[KITH_PRIVACY_NAME], self->counts[KITH_PRIVACY_POSTCODE],
                          self->counts[KITH_PRIVACY_PHONE], self->counts[KITH_PRIVACY_EMAIL],
                          self->counts[KITH_PRIVACY_ADDRESS]);
}
