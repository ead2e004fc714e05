/* kith-import-office.c — what DOCX and ODT share: a ZIP archive of XML parts */
#include <string.h>

#include "kith-archive.h"
#include "kith-import-private.h"
#include "kith-i18n.h"
#include "kith-xml.h"

static const guint8 cfb_magic[] = { 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1 };

/* Word and LibreOffice keep a password-protected document in an OLE
 * compound file with an “EncryptedPackage” stream (named in UTF-16LE). */
static gboolean
is_encrypted_office (GBytes *bytes)
{
  static const char name[] = "E\0n\0c\0r\0y\0p\0t\0e\0d\0P\0a\0c\0k\0a\0g\0e\0";
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  return memmem (data, len, name, sizeof name - 1) != NULL;
}

KithArchive *
kith_import_open_archive (KithImportContext *ctx,
                          const char        *what,
                          GError           **error)
{
  gboolean cfb = ctx->head_len >= sizeof cfb_magic && memcmp (ctx->head, cfb_magic, sizeof cfb_magic) == 0;
  g_autoptr(GBytes) bytes = NULL;

  if (!cfb && !kith_archive_is_zip (ctx->head, ctx->head_len))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_UNSUPPORTED,
                   _("this is not %s: such files are ZIP archives, and this one is not"), what);
      return NULL;
    }
  bytes = kith_import_context_read_bytes (ctx, KITH_IMPORT_MAX_MEMORY_BYTES, what, error);
  if (bytes == NULL)
    return NULL;
  if (cfb)
    {
      if (is_encrypted_office (bytes))
        g_set_error (error, KITH_ERROR, KITH_ERROR_ENCRYPTED,
                     _("the document is password-protected; save a copy without a password and import that"));
      else
        g_set_error (error, KITH_ERROR, KITH_ERROR_UNSUPPORTED,
                     _("this is an old-style Office document (such as a Word .doc), not %s; "
                     "open it in Word or LibreOffice and save it as .docx or .odt"), what);
      return NULL;
    }
  return kith_archive_open (bytes, NULL, error);
}

gboolean
kith_import_require_part (KithArchive *archive,
                          const char  *part,
                          GError     **error)
{
  if (kith_archive_has (archive, part))
    return TRUE;
  g_set_error (error, KITH_ERROR, KITH_ERROR_CORRUPT, _("the file is damaged: it has no %s"), part);
  return FALSE;
}

gboolean
kith_import_read_xml (KithArchive *archive,
                      const char  *part,
                      gboolean     required,
                      xmlDoc     **doc,
                      GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  gsize len = 0;
  const char *data;

  *doc = NULL;
  if (!kith_archive_has (archive, part))
    return !required || kith_import_require_part (archive, part, error);
  bytes = kith_archive_read (archive, part, error);
  if (bytes == NULL)
    return FALSE;
  data = g_bytes_get_data (bytes, &len);
  *doc = kith_xml_parse (data, len, part, error);
  return *doc != NULL;
}

gboolean
kith_import_read_title (KithImportContext *ctx,
                        KithArchive       *archive,
                        const char        *part,
                        GError           **error)
{
  g_autoptr(xmlDoc) doc = NULL;

  if (!kith_import_read_xml (archive, part, FALSE, &doc, error))
    return FALSE;
  if (doc != NULL && ctx->title == NULL)
    ctx->title = kith_xml_find_text (xmlDocGetRootElement (doc), "title");
  return TRUE;
}
