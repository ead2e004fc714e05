/* kith-welcome.h — what a window shows before a project is open: recent
 * projects, New, Open, and the sample project */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KITH_TYPE_WELCOME (kith_welcome_get_type ())
G_DECLARE_FINAL_TYPE (KithWelcome, kith_welcome, KITH, WELCOME, GtkWidget)

/* Reads the recent projects again. */
void kith_welcome_refresh (KithWelcome *self);

G_END_DECLS
