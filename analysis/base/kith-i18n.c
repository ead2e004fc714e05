/* kith-i18n.c */
#include "kith-i18n.h"

#include <locale.h>

void
kith_i18n_init (void)
{
  const char *dir = g_getenv ("KITH_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir != NULL && *dir != '\0' ? dir : KITH_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
