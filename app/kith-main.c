/* kith-main.c — the desktop app */
#include "kith-config.h"

#include "kith-application.h"
#include "kith-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KithApplication) app = NULL;

  kith_i18n_init ();
  g_set_prgname ("kith");
  g_set_application_name ("Kith");
  app = kith_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
