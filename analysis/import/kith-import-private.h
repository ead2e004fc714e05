/* kith-import-private.h — what a format importer is given and fills in
 *
 * kith-import.c opens the file, reads it once to hash and sniff it, then
 * hands it to the format's parse function, which feeds a KithTextBuilder;
 * duplicates are found before the file is stored. A parse function may run
 * on a thread of the import's own: it must not use ctx->project (NULL
 * there; only an import function has it). To add a format, add a
 * KithImportFormat to the table in kith-import.c.
 */
#pragma once

#include "kith-import.h"
#include "kith-sniff.h"
#include "kith-text-builder.h"

G_BEGIN_DECLS

#define KITH_IMPORT_MAX_FILE_BYTES ((goffset) 1024 * 1024 * 1024)
#define KITH_IMPORT_CHUNK          (256 * 1024)
/* the first bytes of a file, which formats look at to claim it */
#define KITH_IMPORT_HEAD_BYTES     (64 * 1024)
/* formats that are parsed whole in memory (all but text) read up to this */
#define KITH_IMPORT_MAX_MEMORY_BYTES ((goffset) 512 * 1024 * 1024)
/* a file up to this size is kept from the first read for its parser (two
 * may be held at once: one parsed, one stored); a larger one is read again */
#define KITH_IMPORT_KEEP_BYTES     ((goffset) 16 * 1024 * 1024)

typedef struct
{
  const char              *path;
  const char              *display_name;
  int                      fd;          /* open, positioned at 0 */
  goffset                  size;
  const char              *sha256;      /* of the bytes read in the first pass */
  const guint8            *head;        /* the first bytes of the file */
  KithSniff               *sniff;       /* fed the whole file in the first pass */
  GBytes                  *contents;    /* the whole file kept from the first pass, or NULL (larger than KITH_IMPORT_KEEP_BYTES) */
  gsize                    head_len;
  const KithImportOptions *options;
  guint                    index, total;
  KithProject             *project;
  gboolean                 in_folder;   /* found in a folder, not named by the user */

  /* filled by the parser */
  KithTextBuilder         *builder;     /* create with kith_import_context_new_builder */
  char                    *encoding;
  gboolean                 bom;
  const char              *suggested_kind; /* e.g. "transcript" for captions, or NULL */
  gboolean                 reflowed;    /* the parser joined wrapped lines itself */
  guint                    n_joined;    /* … this many line ends */
  guint                    n_furniture; /* lines of page furniture it dropped */
  char                    *title;       /* the file's metadata title, or NULL */
} KithImportContext;

typedef struct
{
  const char        *name;          /* stored as the document's format */
  const char *const *extensions;    /* lower case, with the dot */
  /* Does the content say it is this format? (NULL: by extension only) */
  gboolean         (*claims)        (const guint8 *head, gsize len);
  gboolean         (*parse)         (KithImportContext *ctx, GError **error);
  /* Instead of parse, for a file that makes several documents (a survey):
   * stores them itself, in one transaction, and fills in @result. */
  gboolean         (*import)        (KithImportContext *ctx, KithImportResult *result, GError **error);
} KithImportFormat;

KithTextBuilder *kith_import_context_new_builder (KithImportContext *ctx,
                                                  KithReflowMode     reflow);
/* Reports progress within the file (0 … 1); FALSE with @error when cancelled. */
gboolean         kith_import_context_progress    (KithImportContext *ctx,
                                                  double             fraction,
                                                  GError           **error);
/* Goes over the whole file in chunks (the copy kept from the first pass,
 * else read again, checking it is still as long as when it was hashed);
 * calls @chunk for each piece, then once with @last. */
gboolean         kith_import_context_reread      (KithImportContext *ctx,
                                                  gboolean         (*chunk) (KithImportContext *ctx,
                                                                             const guint8      *data,
                                                                             gsize              len,
                                                                             gboolean           last,
                                                                             gpointer           user_data,
                                                                             GError           **error),
                                                  gpointer           user_data,
                                                  GError           **error);

/* The whole file in memory (the copy kept from the first pass, else read
 * again, checking it is still the file that was hashed); refuses files over
 * @max_bytes, naming them as @what. */
GBytes          *kith_import_context_read_bytes  (KithImportContext *ctx,
                                                  goffset            max_bytes,
                                                  const char        *what,
                                                  GError           **error);
/* Sets ctx->encoding and ctx->bom: the encoding the user forced, else the
 * one detected in the first pass. Refuses binary files. */
gboolean         kith_import_context_detect_encoding (KithImportContext *ctx,
                                                  GError           **error);
/* The whole file decoded to UTF-8, a byte-order mark dropped (owned); in
 * ctx->encoding when the parser has set it, else as detect_encoding says. */
char            *kith_import_context_read_utf8   (KithImportContext *ctx,
                                                  goffset            max_bytes,
                                                  const char        *what,
                                                  gsize             *len,
                                                  GError           **error);
/* Fills in @result for a file already imported as document @id, named
 * @name (taken); @how starts the message (“the same file was imported”). */
void             kith_import_result_set_duplicate (KithImportResult *result,
                                                  gint64            id,
                                                  char             *name,
                                                  const char       *how);
/* Makes the builder and passes it all of @text. */
gboolean         kith_import_context_build       (KithImportContext *ctx,
                                                  KithReflowMode     reflow,
                                                  const char        *text,
                                                  gsize              len,
                                                  GError           **error);

/* @title (taken) trimmed, white space folded; NULL when blank. */
char            *kith_import_clean_title          (char              *title);

/* ZIP-based formats (kith-import-office.c): the file read whole and opened
 * as an archive; @what names the format in messages (“a Word document”). */
typedef struct _KithArchive KithArchive;
struct _xmlDoc;
KithArchive     *kith_import_open_archive        (KithImportContext *ctx,
                                                  const char        *what,
                                                  GError           **error);
/* FALSE with @error (the file is damaged) when the archive lacks @part. */
gboolean         kith_import_require_part        (KithArchive       *archive,
                                                  const char        *part,
                                                  GError           **error);
/* An XML part of the archive, parsed safely, in *@doc; *@doc is NULL when
 * the part is absent and not @required. FALSE with @error on failure. */
gboolean         kith_import_read_xml            (KithArchive       *archive,
                                                  const char        *part,
                                                  gboolean           required,
                                                  struct _xmlDoc   **doc,
                                                  GError           **error);
/* Sets ctx->title from the dc:title of the metadata @part (docProps/core.xml,
 * meta.xml) when the archive has it; a missing part is no error. */
gboolean         kith_import_read_title          (KithImportContext *ctx,
                                                  KithArchive       *archive,
                                                  const char        *part,
                                                  GError           **error);

/* the formats, one file each */
gboolean         kith_import_text_parse          (KithImportContext *ctx,
                                                  GError           **error);
gboolean         kith_import_docx_claims         (const guint8 *head, gsize len);
gboolean         kith_import_docx_parse          (KithImportContext *ctx,
                                                  GError           **error);
gboolean         kith_import_odt_claims          (const guint8 *head, gsize len);
gboolean         kith_import_odt_parse           (KithImportContext *ctx,
                                                  GError           **error);
gboolean         kith_import_pdf_claims          (const guint8 *head, gsize len);
gboolean         kith_import_pdf_parse           (KithImportContext *ctx,
                                                  GError           **error);
gboolean         kith_import_html_claims         (const guint8 *head, gsize len);
gboolean         kith_import_html_parse          (KithImportContext *ctx,
                                                  GError           **error);
gboolean         kith_import_webvtt_claims       (const guint8 *head, gsize len);
gboolean         kith_import_srt_claims          (const guint8 *head, gsize len);
gboolean         kith_import_captions_parse      (KithImportContext *ctx,
                                                  GError           **error);
gboolean         kith_import_survey_import       (KithImportContext *ctx,
                                                  KithImportResult  *result,
                                                  GError           **error);

G_END_DECLS
