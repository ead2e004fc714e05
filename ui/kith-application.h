/* kith-application.h — the desktop app: its windows and app-wide actions */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KITH_TYPE_APPLICATION (kith_application_get_type ())
G_DECLARE_FINAL_TYPE (KithApplication, kith_application, KITH, APPLICATION, AdwApplication)

KithApplication *kith_application_new           (void);
/* Opens the project at @path: in @reuse when it shows no project yet, else
 * in a new window; a window already showing it is presented instead. */
void             kith_application_open_project  (KithApplication *self,
                                                 const char      *path,
                                                 GtkWindow       *reuse);
/* Opens another window on the same project (each has its own connection). */
void             kith_application_new_window    (KithApplication *self,
                                                 const char      *path);

/* A modal message for an error a user can act on. */
void             kith_show_error                (GtkWindow       *parent,
                                                 const char      *heading,
                                                 const GError    *error);

G_END_DECLS
