/* kith-i18n.h — translating what users read
 *
 * A file of the core that has messages for users (errors, headings)
 * includes this and marks them with _() or N_(): they are looked up in
 * Kith's catalogue (GETTEXT_PACKAGE) with g_dgettext, whichever program
 * the core is linked into. po/POTFILES.in lists the file.
 */
#pragma once

#include "kith-config.h"

#include <glib/gi18n-lib.h>

G_BEGIN_DECLS

/* Binds Kith's catalogue and makes it the program's own; the entry points
 * call it first. The catalogues are looked for in $KITH_LOCALEDIR (a test's
 * pseudo-translation, an uninstalled build), else in the installed
 * locale folder. */
void kith_i18n_init (void);

G_END_DECLS
