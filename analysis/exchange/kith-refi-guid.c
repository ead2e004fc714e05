/* kith-refi-guid.c — the GUIDs things keep in REFI-QDA exchange
 *
 * QDA-XML names every user, code, source, selection, case, variable and
 * note by a GUID, and a package that reads a second export matches on
 * them. Kith derives each from the project's namespace and the row (a
 * version 5 UUID), so the same code has the same GUID in every export and
 * exporting a read-only project writes nothing; GUIDs that came in from
 * another package's file are kept in refi_guids and win.
 */
#include <string.h>

#include "kith-db-private.h"
#include "kith-error.h"
#include "kith-i18n.h"
#include "kith-refi-guid.h"

static const char *const kind_names[] = {
  [KITH_REFI_CODER] = "coder",
  [KITH_REFI_CODE] = "code",
  [KITH_REFI_DOCUMENT] = "document",
  [KITH_REFI_CODING] = "coding",
  [KITH_REFI_CASE] = "case",
  [KITH_REFI_ATTRIBUTE] = "attribute",
  [KITH_REFI_MEMO] = "memo",
};

const char *
kith_refi_kind_name (KithRefiKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_names), NULL);
  return kind_names[kind];
}

char *
kith_refi_guid_normalise (const char *text)
{
  char hex[33];
  guint n = 0;
  gsize len;

  if (text == NULL)
    return NULL;
  while (g_ascii_isspace (*text))
    text++;
  len = strlen (text);
  while (len > 0 && g_ascii_isspace (text[len - 1]))
    len--;
  if (len >= 2 && text[0] == '{' && text[len - 1] == '}')
    text++, len -= 2;
  if (len != 36)
    return NULL;
  for (gsize i = 0; i < len; i++)
    {
      gboolean dash = i == 8 || i == 13 || i == 18 || i == 23;

      if (dash != (text[i] == '-'))
        return NULL;
      if (dash)
        continue;
      if (!g_ascii_isxdigit (text[i]))
        return NULL;
      hex[n++] = g_ascii_tolower (text[i]);
    }
  hex[n] = '\0';
  return g_strdup_printf ("%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
}

char *
kith_refi_guid_derive (const char   *namespace_guid,
                       KithRefiKind  kind,
                       gint64        row_id,
                       const char   *created)
{
  g_autofree char *ns = kith_refi_guid_normalise (namespace_guid);
  g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  g_autofree char *name = NULL;
  guint8 ns_bytes[16], digest[20];
  gsize digest_len = sizeof digest;

  g_return_val_if_fail (ns != NULL, NULL);
  for (guint i = 0, h = 0; i < 16; i++)
    {
      while (ns[h] == '-')
        h++;
      ns_bytes[i] = (guint8) (g_ascii_xdigit_value (ns[h]) << 4 | g_ascii_xdigit_value (ns[h + 1]));
      h += 2;
    }
  name = g_strdup_printf ("%s:%" G_GINT64_FORMAT ":%s", kith_refi_kind_name (kind), row_id,
                          created != NULL ? created : "");
  g_checksum_update (sha1, ns_bytes, sizeof ns_bytes);
  g_checksum_update (sha1, (const guchar *) name, -1);
  g_checksum_get_digest (sha1, digest, &digest_len);
  digest[6] = (digest[6] & 0x0f) | 0x50;   /* version 5 */
  digest[8] = (digest[8] & 0x3f) | 0x80;   /* RFC 4122 variant */
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

char *
kith_refi_namespace (KithProject  *project,
                     GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project, "SELECT value FROM meta WHERE key = 'refi_namespace'", error);
  int rc;

  if (stmt == NULL || (rc = kith_db_step (project, stmt, error)) < 0)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_CORRUPT,
                   _("%s: the project has no exchange namespace"), kith_project_get_path (project));
      return NULL;
    }
  return g_strdup (kith_db_column_str (stmt, 0));
}

char *
kith_refi_guid_of (KithProject  *project,
                   KithRefiKind  kind,
                   gint64        row_id,
                   const char   *created,
                   GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = kith_db_prepare (project,
    "SELECT guid FROM refi_guids WHERE kind = ?1 AND row_id = ?2", error);
  g_autofree char *ns = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kith_refi_kind_name (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, row_id);
  if ((rc = kith_db_step (project, stmt, error)) < 0)
    return NULL;
  if (rc == SQLITE_ROW)
    return g_strdup (kith_db_column_str (stmt, 0));
  if ((ns = kith_refi_namespace (project, error)) == NULL)
    return NULL;
  return kith_refi_guid_derive (ns, kind, row_id, created);
}

gboolean
kith_refi_guid_keep (KithProject  *project,
                     KithRefiKind  kind,
                     gint64        row_id,
                     const char   *guid,
                     GError      **error)
{
  g_autofree char *normal = kith_refi_guid_normalise (guid);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 other;

  if (normal == NULL)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_INVALID, _("“%s” is not a GUID"), guid != NULL ? guid : "");
      return FALSE;
    }
  stmt = kith_db_prepare (project, "SELECT row_id FROM refi_guids WHERE guid = ?1 AND NOT (kind = ?2 AND row_id = ?3)", error);
  if (stmt == NULL)
    return FALSE;
  kith_db_bind_str (stmt, 1, normal);
  sqlite3_bind_text (stmt, 2, kith_refi_kind_name (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, row_id);
  switch (kith_db_step (project, stmt, error))
    {
    case SQLITE_ROW:
      other = sqlite3_column_int64 (stmt, 0);
      g_set_error (error, KITH_ERROR, KITH_ERROR_EXISTS,
                   _("The GUID %s is already kept for another row (%lld)"), normal, (long long) other);
      return FALSE;
    case SQLITE_DONE:
      break;
    default:
      return FALSE;
    }
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = kith_db_prepare (project, "INSERT OR REPLACE INTO refi_guids (kind, row_id, guid) VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kith_refi_kind_name (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, row_id);
  kith_db_bind_str (stmt, 3, normal);
  return kith_db_run (project, stmt, error);
}

gint64
kith_refi_guid_find (KithProject  *project,
                     KithRefiKind  kind,
                     const char   *guid,
                     GError      **error)
{
  g_autofree char *normal = kith_refi_guid_normalise (guid);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (normal == NULL)
    return 0;
  stmt = kith_db_prepare (project, "SELECT row_id FROM refi_guids WHERE kind = ?1 AND guid = ?2", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, kith_refi_kind_name (kind), -1, SQLITE_STATIC);
  kith_db_bind_str (stmt, 2, normal);
  return kith_db_step (project, stmt, error) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}
