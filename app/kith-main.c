/* kith-main.c — the desktop app */
#include "kith-config.h"

#include <locale.h>

#include "kith-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KithApplication) app = NULL;

  setlocale (LC_ALL, "");
  g_set_prgname ("kith");
  g_set_application_name ("Kith");
  app = kith_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
