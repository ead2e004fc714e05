/* kith-archive.h — reading parts of a ZIP file (DOCX, ODT) that may be hostile
 *
 * Nothing is ever extracted to disk: entries are read into memory, or
 * streamed through a reader as they are inflated, and only the ones an
 * importer asks for. Even so, an archive is refused whole when
 * any entry has an absolute name or “..” in it, when an entry is encrypted,
 * and reading stops once the bytes read expand past the limits below, so a
 * zip bomb costs at most a few megabytes.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KITH_ARCHIVE_MAX_ENTRY_BYTES ((gint64) 200 * 1024 * 1024)
#define KITH_ARCHIVE_MAX_TOTAL_BYTES ((gint64) 200 * 1024 * 1024)
#define KITH_ARCHIVE_MAX_RATIO       100
#define KITH_ARCHIVE_RATIO_FLOOR     ((gint64) 8 * 1024 * 1024)
#define KITH_ARCHIVE_MAX_ENTRIES     20000

typedef struct
{
  gint64 max_entry_bytes;  /* one entry, uncompressed */
  gint64 max_total_bytes;  /* every entry read from the archive, uncompressed */
  gint64 max_ratio;        /* bytes read : size of the archive … */
  gint64 ratio_floor;      /* … checked only past this many bytes read */
  guint  max_entries;
} KithArchiveLimits;

typedef struct _KithArchive KithArchive;

void         kith_archive_limits_init (KithArchiveLimits       *limits);
/* Opens the ZIP archive held in @data and checks every entry's name and
 * encryption. @limits NULL: the defaults above. NULL with @error set when
 * the archive is damaged, unsafe or password-protected. */
KithArchive *kith_archive_open        (GBytes                  *data,
                                       const KithArchiveLimits *limits,
                                       GError                 **error);
void         kith_archive_free        (KithArchive             *archive);
gboolean     kith_archive_has         (KithArchive             *archive,
                                       const char              *name);
/* The whole entry @name (transfer full); NULL with KITH_ERROR_NOT_FOUND
 * when there is none, or another error when it cannot be read safely. */
GBytes      *kith_archive_read        (KithArchive             *archive,
                                       const char              *name,
                                       GError                 **error);
/* Called with each piece of an entry as it is inflated, in order, the
 * limits checked before; the last call has @len 0 and @last TRUE. Return
 * FALSE with @error to stop. */
typedef gboolean (*KithArchiveChunkFunc) (const guint8 *data,
                                          gsize         len,
                                          gboolean      last,
                                          gpointer      user_data,
                                          GError      **error);
/* Streams entry @name to @func, never holding more than a piece of it; the
 * errors of kith_archive_read, or the one @func set. */
gboolean     kith_archive_read_chunks (KithArchive             *archive,
                                       const char              *name,
                                       KithArchiveChunkFunc     func,
                                       gpointer                 user_data,
                                       GError                 **error);
/* Entry @name to read piece by piece (a pull reader, for parsers that ask
 * for bytes, as libxml2's xmlReader does), every limit checked as the
 * bytes come; kith_archive_read_chunks is built on it. */
typedef struct _KithArchiveEntry KithArchiveEntry;
KithArchiveEntry *kith_archive_open_entry (KithArchive          *archive,
                                           const char           *name,
                                           GError              **error);
/* Up to @size bytes into @buffer: the count, 0 at the end, -1 with @error. */
gssize       kith_archive_entry_read  (KithArchiveEntry        *entry,
                                       guint8                  *buffer,
                                       gsize                    size,
                                       GError                 **error);
void         kith_archive_entry_close (KithArchiveEntry        *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithArchiveEntry, kith_archive_entry_close)

/* Parses entry @name as XML while it is inflated, @funcs choosing which
 * elements are kept (kith_xml_stream_new, in kith-xml.h): for parts too large
 * to hold whole, such as word/document.xml, content.xml, project.qde. */
struct _KithXmlStreamFuncs;
gboolean     kith_archive_stream_xml  (KithArchive             *archive,
                                       const char              *name,
                                       const struct _KithXmlStreamFuncs *funcs,
                                       gpointer                 user_data,
                                       GError                 **error);
/* The regular entries' names, sorted (transfer full): for formats whose
 * writers differ in a folder's case or a file's name (REFI-QDA). */
GStrv        kith_archive_list_names  (KithArchive             *archive);
/* Whether the start of a file is a ZIP local file header. */
gboolean     kith_archive_is_zip      (const guint8            *head,
                                       gsize                    len);

/* Called for each entry whose local header lies in the first bytes of a ZIP
 * file; @stored is the entry's data when it is stored uncompressed and fits,
 * else NULL. Return TRUE to stop. */
typedef gboolean (*KithArchiveHeadFunc) (const char   *name,
                                         gsize         name_len,
                                         const guint8 *stored,
                                         gsize         stored_len,
                                         gpointer      user_data);
/* A look at the entries in the first bytes of a ZIP file, without reading
 * the rest: TRUE when @func returned TRUE for one of them. */
gboolean     kith_archive_head_find   (const guint8            *head,
                                       gsize                    len,
                                       KithArchiveHeadFunc      func,
                                       gpointer                 user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithArchive, kith_archive_free)

G_END_DECLS
