/* kith-pins.h — the codes on keys 1 to 9
 *
 * An evaluator codes most passages with a handful of codes: pinned to the
 * number keys, each is one key press away. Pins are kept in the project
 * (table meta), so they travel with it; they are a preference, not part of
 * the analysis, and are not undone.
 */
#pragma once

#include "kith-project.h"

G_BEGIN_DECLS

#define KITH_N_PINS 9

/* Fills @pins with the code on each key 1 … 9 (0: none). Until pins are
 * chosen, the first nine codes without subcodes, in codebook order. */
gboolean kith_pins_get    (KithProject  *project,
                           gint64        pins[KITH_N_PINS],
                           GError      **error);
/* Puts @code_id on key @slot + 1 (a code pinned to another key moves);
 * @code_id 0 clears the key. */
gboolean kith_pins_set    (KithProject  *project,
                           guint         slot,
                           gint64        code_id,
                           GError      **error);
/* Stores the codes kith_pins_get() would give when none are stored yet, so
 * that the keys keep their codes while the codebook grows and changes.
 * Does nothing when pins are stored already. */
gboolean kith_pins_settle (KithProject  *project,
                           GError      **error);
/* The key slot (0 … 8) of @code_id in @pins, or -1. */
int      kith_pins_find   (const gint64  pins[KITH_N_PINS],
                           gint64        code_id);

G_END_DECLS
