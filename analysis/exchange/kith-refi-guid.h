/* kith-refi-guid.h — the GUIDs things keep in REFI-QDA exchange */
#pragma once

#include "kith-project.h"

G_BEGIN_DECLS

/* What a GUID names; the strings are refi_guids.kind. */
typedef enum {
  KITH_REFI_CODER,
  KITH_REFI_CODE,
  KITH_REFI_DOCUMENT,
  KITH_REFI_CODING,
  KITH_REFI_CASE,
  KITH_REFI_ATTRIBUTE,
  KITH_REFI_MEMO,
} KithRefiKind;

const char *kith_refi_kind_name      (KithRefiKind  kind);

/* “{A1B2…}”, “A1B2C3D4-…” or “a1b2c3d4-…” as the lower-case 8-4-4-4-12
 * form Kith keeps and writes; NULL when @text is not a GUID. */
char       *kith_refi_guid_normalise (const char   *text);

/* The GUID of row @row_id of @kind: the one kept from an imported file, or
 * else one derived from the project's namespace, the kind, the row id and
 * @created (the row's creation time, or NULL where the table has none), so
 * that every export of the same row gives the same GUID and exporting
 * writes nothing. NULL with @error set on failure. */
char       *kith_refi_guid_of        (KithProject  *project,
                                      KithRefiKind  kind,
                                      gint64        row_id,
                                      const char   *created,
                                      GError      **error);

/* The derivation alone (a name-based, version 5 UUID): no project needed. */
char       *kith_refi_guid_derive    (const char   *namespace_guid,
                                      KithRefiKind  kind,
                                      gint64        row_id,
                                      const char   *created);

/* The project's namespace GUID (meta refi_namespace, made by schema step 8). */
char       *kith_refi_namespace      (KithProject  *project,
                                      GError      **error);

/* Keeps @guid (any form kith_refi_guid_normalise accepts) for row @row_id
 * of @kind, so that it is exported again: call it inside the history
 * action that created the row. Fails (KITH_ERROR_INVALID) when @guid is not
 * a GUID, and (KITH_ERROR_EXISTS) when another row keeps it already. */
gboolean    kith_refi_guid_keep      (KithProject  *project,
                                      KithRefiKind  kind,
                                      gint64        row_id,
                                      const char   *guid,
                                      GError      **error);

/* The row of @kind that keeps @guid, or 0 when none does. */
gint64      kith_refi_guid_find      (KithProject  *project,
                                      KithRefiKind  kind,
                                      const char   *guid,
                                      GError      **error);

G_END_DECLS
