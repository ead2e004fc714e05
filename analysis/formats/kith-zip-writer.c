/* kith-zip-writer.c — writing a ZIP package in memory with libarchive */
#include <archive.h>
#include <archive_entry.h>
#include <string.h>

#include "kith-error.h"
#include "kith-i18n.h"
#include "kith-zip-writer.h"

struct _KithZipWriter
{
  struct archive *archive;
  GByteArray     *bytes;
  gboolean        failed;
};

static la_ssize_t
append (struct archive *a, void *user_data, const void *buffer, size_t length)
{
  g_byte_array_append (user_data, buffer, (guint) length);
  return (la_ssize_t) length;
}

KithZipWriter *
kith_zip_writer_new (void)
{
  KithZipWriter *self = g_new0 (KithZipWriter, 1);

  self->bytes = g_byte_array_new ();
  self->archive = archive_write_new ();
  self->failed = archive_write_set_format_zip (self->archive) != ARCHIVE_OK
                 || archive_write_zip_set_compression_deflate (self->archive) != ARCHIVE_OK
                 || archive_write_set_bytes_in_last_block (self->archive, 1) != ARCHIVE_OK
                 || archive_write_open (self->archive, self->bytes, NULL, append, NULL) != ARCHIVE_OK;
  return self;
}

static gboolean
fail (KithZipWriter *self, const char *name, GError **error)
{
  g_set_error (error, KITH_ERROR, KITH_ERROR_IO, _("Cannot write “%s” into the package: %s"), name,
               archive_error_string (self->archive) != NULL ? archive_error_string (self->archive) : "?");
  self->failed = TRUE;
  return FALSE;
}

gboolean
kith_zip_writer_add (KithZipWriter *self,
                     const char    *name,
                     const void    *data,
                     gssize         len,
                     GError       **error)
{
  struct archive_entry *entry;
  gsize size = len < 0 ? strlen (data) : (gsize) len;
  gboolean ok;

  if (self->failed)
    return fail (self, name, error);
  entry = archive_entry_new ();
  archive_entry_set_pathname_utf8 (entry, name);
  archive_entry_set_size (entry, (la_int64_t) size);
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0600);
  archive_entry_set_mtime (entry, (time_t) (g_get_real_time () / G_USEC_PER_SEC), 0);
  ok = archive_write_header (self->archive, entry) == ARCHIVE_OK
       && (size == 0 || archive_write_data (self->archive, data, size) == (la_ssize_t) size);
  archive_entry_free (entry);
  return ok || fail (self, name, error);
}

GBytes *
kith_zip_writer_finish (KithZipWriter *self,
                        GError       **error)
{
  GBytes *bytes = NULL;

  if (!self->failed && archive_write_close (self->archive) == ARCHIVE_OK)
    bytes = g_byte_array_free_to_bytes (g_steal_pointer (&self->bytes));
  else
    fail (self, "the end of the package", error);
  kith_zip_writer_free (self);
  return bytes;
}

void
kith_zip_writer_free (KithZipWriter *self)
{
  if (self == NULL)
    return;
  archive_write_free (self->archive);
  if (self->bytes != NULL)
    g_byte_array_unref (self->bytes);
  g_free (self);
}
