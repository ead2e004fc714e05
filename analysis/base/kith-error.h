/* kith-error.h — the error domain every analysis/ function reports in */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KITH_ERROR (kith_error_quark ())

typedef enum {
  KITH_ERROR_FAILED,
  KITH_ERROR_NOT_FOUND,       /* no such project, document, code, file */
  KITH_ERROR_EXISTS,          /* would overwrite or duplicate something */
  KITH_ERROR_NOT_A_PROJECT,   /* the file is not a Kith project */
  KITH_ERROR_NEWER_PROJECT,   /* written by a newer Kith: refused, not touched */
  KITH_ERROR_READ_ONLY,
  KITH_ERROR_BUSY,            /* another process holds the write lock */
  KITH_ERROR_DISK_FULL,
  KITH_ERROR_CORRUPT,
  KITH_ERROR_INVALID,         /* a value the user gave is not acceptable */
  KITH_ERROR_ENCODING,        /* text is not valid in its encoding */
  KITH_ERROR_BINARY,          /* a binary file or a NUL byte where text was expected */
  KITH_ERROR_EMPTY,
  KITH_ERROR_TOO_LARGE,
  KITH_ERROR_DUPLICATE,       /* the same file was imported before */
  KITH_ERROR_CHANGED,         /* the file changed while it was being read */
  KITH_ERROR_IO,
  KITH_ERROR_UNSUPPORTED,
  KITH_ERROR_ENCRYPTED,       /* password-protected: Kith cannot read it */
  KITH_ERROR_UNSAFE,          /* built to harm the reader: a zip bomb, “..” in names, XML entities */
} KithError;

GQuark kith_error_quark (void);

G_END_DECLS
