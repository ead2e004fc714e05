/* kith-dictionary.c
 *
 * One hunspell handle for the process, loaded on first use (about 60 ms).
 * Hunspell's lookups keep state in the handle, so they take a lock.
 */
#include <hunspell.h>

#include "kith-dictionary.h"

static Hunhandle *handle;
static GMutex lock;

static Hunhandle *
load (void)
{
  static gsize ready;

  if (g_once_init_enter (&ready))
    {
      const char *env = g_getenv ("KITH_DICTIONARY_DIR");
      const char *const dirs[] = { env, "/usr/share/hunspell", "/usr/share/myspell", "/usr/local/share/hunspell" };
      const char *const names[] = { "en_GB", "en_US" };

      for (gsize n = 0; n < G_N_ELEMENTS (names) && handle == NULL; n++)
        for (gsize d = 0; d < G_N_ELEMENTS (dirs) && handle == NULL; d++)
          {
            g_autofree char *aff = NULL;
            g_autofree char *dic = NULL;

            if (dirs[d] == NULL || *dirs[d] == '\0')
              continue;
            aff = g_strdup_printf ("%s/%s.aff", dirs[d], names[n]);
            dic = g_strdup_printf ("%s/%s.dic", dirs[d], names[n]);
            if (g_file_test (aff, G_FILE_TEST_IS_REGULAR) && g_file_test (dic, G_FILE_TEST_IS_REGULAR))
              handle = Hunspell_create (aff, dic);
          }
      g_once_init_leave (&ready, 1);
    }
  return handle;
}

gboolean
kith_dictionary_available (void)
{
  return load () != NULL;
}

gboolean
kith_dictionary_has_word (const char *word,
                          gssize      len)
{
  Hunhandle *h = load ();
  g_autofree char *copy = NULL;
  int ok;

  if (h == NULL || word == NULL)
    return FALSE;
  copy = len < 0 ? g_strdup (word) : g_strndup (word, (gsize) len);
  if (*copy == '\0')
    return FALSE;
  g_mutex_lock (&lock);
  ok = Hunspell_spell (h, copy);
  g_mutex_unlock (&lock);
  return ok != 0;
}
