/* kith-archive.c — ZIP entries read with libarchive, every limit checked
 * while decompressing, never after */
#include <archive.h>
#include <archive_entry.h>
#include <stdlib.h>
#include <string.h>

#include "kith-archive.h"
#include "kith-error.h"
#include "kith-i18n.h"
#include "kith-xml.h"

#define READ_CHUNK (64 * 1024)

struct _KithArchive
{
  GBytes           *data;
  KithArchiveLimits limits;
  GHashTable       *names;       /* the regular entries' names */
  gint64            total_read;  /* uncompressed bytes read so far, all entries */
};

void
kith_archive_limits_init (KithArchiveLimits *limits)
{
  limits->max_entry_bytes = KITH_ARCHIVE_MAX_ENTRY_BYTES;
  limits->max_total_bytes = KITH_ARCHIVE_MAX_TOTAL_BYTES;
  limits->max_ratio = KITH_ARCHIVE_MAX_RATIO;
  limits->ratio_floor = KITH_ARCHIVE_RATIO_FLOOR;
  limits->max_entries = KITH_ARCHIVE_MAX_ENTRIES;
}

static struct archive *
open_reader (GBytes  *data,
             GError **error)
{
  struct archive *a = archive_read_new ();
  gsize len = 0;
  const void *bytes = g_bytes_get_data (data, &len);

  /* ZIP only, read through its central directory */
  archive_read_support_format_zip_seekable (a);
  if (archive_read_open_memory (a, bytes, len) != ARCHIVE_OK)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_CORRUPT,
                   _("the file is damaged or not a ZIP archive (%s)"), archive_error_string (a));
      archive_read_free (a);
      return NULL;
    }
  return a;
}

static const char *
entry_name (struct archive_entry *entry)
{
  const char *name = archive_entry_pathname_utf8 (entry);

  return name != NULL ? name : archive_entry_pathname (entry);
}

/* No absolute names (“/etc/passwd”, “\\share”, “C:…”) and no “..” part,
 * whichever slash separates the parts. */
static gboolean
name_is_safe (const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (name[0] == '\0' || name[0] == '/' || name[0] == '\\')
    return FALSE;
  if (g_ascii_isalpha (name[0]) && name[1] == ':')
    return FALSE;
  parts = g_strsplit_set (name, "/\\", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], ".."))
      return FALSE;
  return TRUE;
}

static gboolean
damaged (struct archive *a,
         GError        **error)
{
  g_set_error (error, KITH_ERROR, KITH_ERROR_CORRUPT,
               _("the file is damaged or not a ZIP archive (%s)"), archive_error_string (a));
  return FALSE;
}

KithArchive *
kith_archive_open (GBytes                  *data,
                   const KithArchiveLimits *limits,
                   GError                 **error)
{
  g_autoptr(KithArchive) self = g_new0 (KithArchive, 1);
  struct archive *a;
  struct archive_entry *entry;
  guint n = 0;
  int rc;

  g_return_val_if_fail (data != NULL, NULL);

  self->data = g_bytes_ref (data);
  if (limits != NULL)
    self->limits = *limits;
  else
    kith_archive_limits_init (&self->limits);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  a = open_reader (data, error);
  if (a == NULL)
    return NULL;
  while ((rc = archive_read_next_header (a, &entry)) == ARCHIVE_OK || rc == ARCHIVE_WARN)
    {
      const char *name = entry_name (entry);

      if (++n > self->limits.max_entries)
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_UNSAFE,
                       _("the archive holds more than %u entries, so Kith does not read it"),
                       self->limits.max_entries);
          goto fail;
        }
      /* a name that cannot be decoded is never one an importer asks for */
      if (name == NULL)
        continue;
      if (!name_is_safe (name))
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_UNSAFE,
                       _("the archive holds an entry with an unsafe name (“%s”): "
                       "Kith refuses archives with absolute paths or “..” in entry names"), name);
          goto fail;
        }
      if (archive_entry_is_encrypted (entry))
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_ENCRYPTED,
                       _("the file is password-protected (entry “%s” is encrypted); "
                       "save a copy without a password and import that"), name);
          goto fail;
        }
      if (archive_entry_filetype (entry) == AE_IFREG)
        {
          if (g_hash_table_contains (self->names, name))
            {
              g_set_error (error, KITH_ERROR, KITH_ERROR_UNSAFE,
                           _("the archive holds two entries named “%s”, so it is ambiguous"), name);
              goto fail;
            }
          g_hash_table_add (self->names, g_strdup (name));
        }
    }
  if (rc != ARCHIVE_EOF)
    {
      damaged (a, error);
      goto fail;
    }
  archive_read_free (a);
  return g_steal_pointer (&self);

fail:
  archive_read_free (a);
  return NULL;
}

void
kith_archive_free (KithArchive *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->data, g_bytes_unref);
  g_clear_pointer (&self->names, g_hash_table_unref);
  g_free (self);
}

gboolean
kith_archive_has (KithArchive *self,
                  const char  *name)
{
  g_return_val_if_fail (self != NULL && name != NULL, FALSE);
  return g_hash_table_contains (self->names, name);
}

static int
compare_names (const void *a, const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

GStrv
kith_archive_list_names (KithArchive *self)
{
  g_autofree gpointer *keys = NULL;
  guint n = 0;
  GStrv names;

  g_return_val_if_fail (self != NULL, NULL);
  keys = g_hash_table_get_keys_as_array (self->names, &n);
  names = g_new0 (char *, n + 1);
  for (guint i = 0; i < n; i++)
    names[i] = g_strdup (keys[i]);
  qsort (names, n, sizeof (char *), compare_names);
  return names;
}

/* The limits, checked after every chunk: a bomb is stopped once it has
 * expanded past them, not after it has filled the memory. */
static gboolean
check_limits (KithArchive *self,
              const char  *name,
              gint64       entry_bytes,
              GError     **error)
{
  gint64 total = self->total_read + entry_bytes;
  gint64 archive_size = (gint64) g_bytes_get_size (self->data);

  if (total > self->limits.ratio_floor && total > archive_size * self->limits.max_ratio)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_UNSAFE,
                   _("the archive expands to more than %lld times its size "
                     "(entry “%s”), as a “zip bomb” does, so Kith does not read it"),
                   (long long) self->limits.max_ratio, name);
      return FALSE;
    }
  if (entry_bytes > self->limits.max_entry_bytes)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_TOO_LARGE,
                   _("entry “%s” of the archive is larger than %lld MB uncompressed"),
                   name, (long long) (self->limits.max_entry_bytes / (1024 * 1024)));
      return FALSE;
    }
  if (total > self->limits.max_total_bytes)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_TOO_LARGE,
                   _("the archive holds more than %lld MB of uncompressed data"),
                   (long long) (self->limits.max_total_bytes / (1024 * 1024)));
      return FALSE;
    }
  return TRUE;
}

/* Opens a reader positioned at the data of entry @name. */
static struct archive *
seek_entry (KithArchive *self,
            const char  *name,
            GError     **error)
{
  struct archive *a;
  struct archive_entry *entry;
  int rc;

  if (!kith_archive_has (self, name))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_NOT_FOUND, _("the archive has no entry “%s”"), name);
      return NULL;
    }
  a = open_reader (self->data, error);
  if (a == NULL)
    return NULL;
  while ((rc = archive_read_next_header (a, &entry)) == ARCHIVE_OK || rc == ARCHIVE_WARN)
    {
      const char *entry_name_ = entry_name (entry);
      if (entry_name_ != NULL && archive_entry_filetype (entry) == AE_IFREG && g_str_equal (entry_name_, name))
        return a;
    }
  damaged (a, error);
  archive_read_free (a);
  return NULL;
}

struct _KithArchiveEntry
{
  KithArchive    *archive;
  struct archive *reader;
  char           *name;
  gint64          bytes;
  gboolean        done;
};

KithArchiveEntry *
kith_archive_open_entry (KithArchive  *self,
                         const char   *name,
                         GError      **error)
{
  KithArchiveEntry *entry;
  struct archive *a;

  g_return_val_if_fail (self != NULL && name != NULL, NULL);
  if ((a = seek_entry (self, name, error)) == NULL)
    return NULL;
  entry = g_new0 (KithArchiveEntry, 1);
  entry->archive = self;
  entry->reader = a;
  entry->name = g_strdup (name);
  return entry;
}

gssize
kith_archive_entry_read (KithArchiveEntry *entry,
                         guint8           *buffer,
                         gsize             size,
                         GError          **error)
{
  la_ssize_t n;

  if (entry->done)
    return 0;
  n = archive_read_data (entry->reader, buffer, size);
  if (n < 0)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_CORRUPT,
                   _("the file is damaged: entry “%s” cannot be read (%s)"), entry->name,
                   archive_error_string (entry->reader));
      return -1;
    }
  entry->bytes += n;
  entry->done = n == 0;
  if (!check_limits (entry->archive, entry->name, entry->bytes, error))
    return -1;
  return n;
}

void
kith_archive_entry_close (KithArchiveEntry *entry)
{
  if (entry == NULL)
    return;
  /* what was read counts, even when the reader stopped early */
  entry->archive->total_read += entry->bytes;
  archive_read_free (entry->reader);
  g_free (entry->name);
  g_free (entry);
}

gboolean
kith_archive_read_chunks (KithArchive          *self,
                          const char           *name,
                          KithArchiveChunkFunc  func,
                          gpointer              user_data,
                          GError              **error)
{
  g_autofree guint8 *buffer = NULL;
  g_autoptr(KithArchiveEntry) entry = NULL;

  g_return_val_if_fail (self != NULL && name != NULL && func != NULL, FALSE);

  if ((entry = kith_archive_open_entry (self, name, error)) == NULL)
    return FALSE;
  buffer = g_malloc (READ_CHUNK);
  for (;;)
    {
      gssize n = kith_archive_entry_read (entry, buffer, READ_CHUNK, error);

      if (n < 0 || !func (buffer, (gsize) n, n == 0, user_data, error))
        return FALSE;
      if (n == 0)
        return TRUE;
    }
}

static gboolean
append_chunk (const guint8 *data,
              gsize         len,
              gboolean      last,
              gpointer      user_data,
              GError      **error)
{
  g_byte_array_append (user_data, data, (guint) len);
  return TRUE;
}

GBytes *
kith_archive_read (KithArchive *self,
                   const char  *name,
                   GError     **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();

  g_return_val_if_fail (self != NULL && name != NULL, NULL);

  if (!kith_archive_read_chunks (self, name, append_chunk, out, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static gboolean
push_chunk (const guint8 *data,
            gsize         len,
            gboolean      last,
            gpointer      user_data,
            GError      **error)
{
  return kith_xml_stream_push (user_data, (const char *) data, len, last, error);
}

gboolean
kith_archive_stream_xml (KithArchive              *self,
                         const char               *name,
                         const KithXmlStreamFuncs *funcs,
                         gpointer                  user_data,
                         GError                  **error)
{
  g_autoptr(KithXmlStream) stream = NULL;

  g_return_val_if_fail (self != NULL && name != NULL && funcs != NULL, FALSE);

  stream = kith_xml_stream_new (name, funcs, user_data);
  return kith_archive_read_chunks (self, name, push_chunk, stream, error);
}

gboolean
kith_archive_is_zip (const guint8 *head,
                     gsize         len)
{
  return len >= 4 && memcmp (head, "PK\x03\x04", 4) == 0;
}

static guint
le16 (const guint8 *p)
{
  return (guint) p[0] | ((guint) p[1] << 8);
}

static guint32
le32 (const guint8 *p)
{
  return (guint32) p[0] | ((guint32) p[1] << 8) | ((guint32) p[2] << 16) | ((guint32) p[3] << 24);
}

gboolean
kith_archive_head_find (const guint8        *head,
                        gsize                len,
                        KithArchiveHeadFunc  func,
                        gpointer             user_data)
{
  const guint8 *p = head, *end = head + len;

  /* Local file headers: signature, version, flags @6, method @8, …,
   * compressed size @18, name length @26, extra length @28, name @30.
   * Writers that put the sizes after the data (flag bit 3) leave no way to
   * skip from one header to the next, so every signature is looked at: one
   * inside compressed data is possible, but its “name” will not match. */
  while (p + 30 <= end && (p = memmem (p, (gsize) (end - p), "PK\x03\x04", 4)) != NULL && p + 30 <= end)
    {
      guint flags = le16 (p + 6);
      guint method = le16 (p + 8);
      guint32 compressed = le32 (p + 18);
      gsize name_len = le16 (p + 26);
      gsize extra_len = le16 (p + 28);
      const guint8 *data = p + 30 + name_len + extra_len;
      gboolean stored;

      if (p + 30 + name_len > end)
        break;
      /* a stored entry's bytes follow its header; with the sizes written
       * after the data, as much of them as the head holds */
      stored = method == 0 && data <= end;
      if (stored)
        compressed = (flags & 0x08) != 0 || compressed > (gsize) (end - data) ? (guint32) (end - data) : compressed;
      if (func ((const char *) p + 30, name_len, stored ? data : NULL, stored ? compressed : 0, user_data))
        return TRUE;
      p += 4;
    }
  return FALSE;
}
