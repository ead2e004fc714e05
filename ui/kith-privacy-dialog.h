/* kith-privacy-dialog.h — the Privacy page: the names pseudonymised exports
 * replace (from cases, speakers, the user, the text), a switch each to keep
 * or replace it, an entry to add one, and the project's “Pseudonymise
 * exports” setting */
#pragma once

#include <adwaita.h>

#include "kith-context.h"

G_BEGIN_DECLS

#define KITH_TYPE_PRIVACY_DIALOG (kith_privacy_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KithPrivacyDialog, kith_privacy_dialog, KITH, PRIVACY_DIALOG, AdwWindow)

/* Follows @context's "changed" (an undo, kith-cli) while open. */
GtkWidget *kith_privacy_dialog_new (GtkWindow   *parent,
                                    KithContext *context);

G_END_DECLS
