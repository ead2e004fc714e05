/* kith-error.c */
#include "kith-error.h"

G_DEFINE_QUARK (kith-error-quark, kith_error)
