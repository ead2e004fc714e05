/* kith-code-dialogs.h — the small questions codebook edits ask: a name, a
 * colour, “delete this?” */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Called with the answer (never NULL) when the user accepts. */
typedef void (*KithAnswerFunc) (const char *answer,
                                gpointer    user_data);

/* Asks for a code name (or a path a/b/c when @paths). */
void kith_ask_code_name   (GtkWindow      *parent,
                           const char     *heading,
                           const char     *body,
                           const char     *initial,
                           const char     *accept_label,
                           KithAnswerFunc  answer,
                           gpointer        user_data,
                           GDestroyNotify  destroy);
/* Offers a palette of calm, distinct colours; answers #rrggbb. */
void kith_ask_code_colour (GtkWindow      *parent,
                           const char     *code_name,
                           const char     *current,
                           KithAnswerFunc  answer,
                           gpointer        user_data,
                           GDestroyNotify  destroy);
/* A destructive confirmation; answers "yes". */
void kith_ask_confirm     (GtkWindow      *parent,
                           const char     *heading,
                           const char     *body,
                           const char     *accept_label,
                           KithAnswerFunc  answer,
                           gpointer        user_data,
                           GDestroyNotify  destroy);

G_END_DECLS
