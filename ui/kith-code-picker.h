/* kith-code-picker.h — find a code by typing (Ctrl+K): names, paths and
 * descriptions match, best first; Enter codes the selection with it, or
 * with a new code of the typed name */
#pragma once

#include <gtk/gtk.h>

#include "kith-code-list.h"

G_BEGIN_DECLS

#define KITH_TYPE_CODE_PICKER (kith_code_picker_get_type ())
G_DECLARE_FINAL_TYPE (KithCodePicker, kith_code_picker, KITH, CODE_PICKER, GtkPopover)

KithCodePicker *kith_code_picker_new    (KithCodeList   *codes);
/* Clears the query and pops up, pointing at @area of the parent. */
void            kith_code_picker_popup  (KithCodePicker *self,
                                         const GdkRectangle *area);

G_END_DECLS
