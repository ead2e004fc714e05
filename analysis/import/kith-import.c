/* kith-import.c — file and folder import, format by format
 *
 * A file is read once to hash and sniff it; a file small enough is kept in
 * memory for its parser, a larger one is read again and the second read
 * checked against the first. Either way a file that changes or vanishes
 * mid-import is refused instead of half-stored.
 *
 * Each file goes through two halves: prepare_file() reads, hashes and parses
 * it without touching the project, store_file() checks for a duplicate and
 * stores it. A folder's files are prepared one ahead on a thread of their
 * own while the calling thread stores the one before: SQLite stays on one
 * connection on one thread.
 */
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <nettle/sha2.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kith-barometers.h"
#include "kith-decoder.h"
#include "kith-documents.h"
#include "kith-import-private.h"
#include "kith-utf8.h"
#include "kith-i18n.h"

static const char *const text_extensions[] = { ".txt", ".text", NULL };
static const char *const markdown_extensions[] = { ".md", ".markdown", NULL };
static const char *const docx_extensions[] = { ".docx", ".docm", ".dotx", NULL };
static const char *const odt_extensions[] = { ".odt", ".ott", NULL };
static const char *const pdf_extensions[] = { ".pdf", NULL };
static const char *const webvtt_extensions[] = { ".vtt", ".webvtt", NULL };
static const char *const srt_extensions[] = { ".srt", NULL };
static const char *const html_extensions[] = { ".html", ".htm", ".xhtml", NULL };
static const char *const csv_extensions[] = { ".csv", NULL };

/* Formats are tried by content first (claims), then by extension; anything
 * else given by name is tried as plain text, which refuses binary files.
 * Plain text must stay first. */
static const KithImportFormat formats[] = {
  { "text",     text_extensions,     NULL,                      kith_import_text_parse },
  { "markdown", markdown_extensions, NULL,                      kith_import_text_parse },
  { "docx",     docx_extensions,     kith_import_docx_claims,   kith_import_docx_parse },
  { "odt",      odt_extensions,      kith_import_odt_claims,    kith_import_odt_parse },
  { "pdf",      pdf_extensions,      kith_import_pdf_claims,    kith_import_pdf_parse },
  { "webvtt",   webvtt_extensions,   kith_import_webvtt_claims, kith_import_captions_parse },
  { "srt",      srt_extensions,      kith_import_srt_claims,    kith_import_captions_parse },
  { "html",     html_extensions,     kith_import_html_claims,   kith_import_html_parse },
  { "csv",      csv_extensions,      NULL,                      NULL, kith_import_survey_import },
};

GStrv
kith_import_extensions (void)
{
  g_autoptr(GStrvBuilder) all = g_strv_builder_new ();

  for (gsize f = 0; f < G_N_ELEMENTS (formats); f++)
    for (const char *const *e = formats[f].extensions; *e != NULL; e++)
      g_strv_builder_add (all, *e);
  return g_strv_builder_end (all);
}

void
kith_import_options_init (KithImportOptions *options)
{
  memset (options, 0, sizeof *options);
  options->reflow = KITH_REFLOW_AUTO;
}

void
kith_import_result_free (KithImportResult *result)
{
  if (result == NULL)
    return;
  g_free (result->path);
  g_free (result->document_name);
  g_free (result->kind);
  g_free (result->format);
  g_free (result->encoding);
  g_free (result->message);
  g_free (result);
}

const char *
kith_import_status_to_string (KithImportStatus status)
{
  switch (status)
    {
    case KITH_IMPORT_IMPORTED:
      return "imported";
    case KITH_IMPORT_DUPLICATE:
      return "duplicate";
    case KITH_IMPORT_SKIPPED:
      return "skipped";
    case KITH_IMPORT_FAILED:
    default:
      return "failed";
    }
}

static gboolean
has_extension (const char        *path,
               const char *const *extensions)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  for (guint i = 0; extensions[i] != NULL; i++)
    if (g_str_has_suffix (lower, extensions[i]))
      return TRUE;
  return FALSE;
}

gboolean
kith_import_is_supported (const char *path)
{
  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    if (has_extension (path, formats[i].extensions))
      return TRUE;
  return FALSE;
}

static const KithImportFormat *
choose_format (const char   *path,
               const guint8 *head,
               gsize         head_len)
{
  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].claims != NULL && formats[i].claims (head, head_len))
      return &formats[i];
  for (gsize i = 0; i < G_N_ELEMENTS (formats); i++)
    if (has_extension (path, formats[i].extensions))
      return &formats[i];
  return &formats[0];
}

/* ---- context helpers (kith-import-private.h) ------------------------------ */

KithTextBuilder *
kith_import_context_new_builder (KithImportContext *ctx,
                                 KithReflowMode     reflow)
{
  KithSpeakerPolicy speakers = g_strcmp0 (ctx->options->kind, "transcript") == 0
                               ? KITH_SPEAKERS_ALL : KITH_SPEAKERS_REPEATED;

  g_return_val_if_fail (ctx->builder == NULL, ctx->builder);
  ctx->builder = kith_text_builder_new (reflow, speakers);
  return ctx->builder;
}

gboolean
kith_import_context_progress (KithImportContext *ctx,
                              double             fraction,
                              GError           **error)
{
  if (g_cancellable_set_error_if_cancelled (ctx->options->cancellable, error))
    return FALSE;
  if (ctx->options->progress != NULL)
    ctx->options->progress (ctx->path, ctx->index, ctx->total, CLAMP (fraction, 0.0, 1.0),
                            ctx->options->progress_data);
  return TRUE;
}

static gssize
read_some (int fd, guint8 *buffer, gsize size, GError **error)
{
  for (;;)
    {
      ssize_t n = read (fd, buffer, size);
      if (n >= 0)
        return n;
      if (errno != EINTR)
        {
          int saved = errno;
          g_set_error (error, KITH_ERROR, KITH_ERROR_IO, _("the file could not be read: %s"), g_strerror (saved));
          return -1;
        }
    }
}

static gboolean
changed_error (GError **error)
{
  g_set_error (error, KITH_ERROR, KITH_ERROR_CHANGED,
               _("the file changed while it was being imported, so nothing was stored; import it again"));
  return FALSE;
}

gboolean
kith_import_context_reread (KithImportContext *ctx,
                            gboolean         (*chunk) (KithImportContext *ctx,
                                                       const guint8      *data,
                                                       gsize              len,
                                                       gboolean           last,
                                                       gpointer           user_data,
                                                       GError           **error),
                            gpointer           user_data,
                            GError           **error)
{
  g_autofree guint8 *buffer = NULL;
  goffset offset = 0;

  if (ctx->contents != NULL)
    {
      gsize size;
      const guint8 *data = g_bytes_get_data (ctx->contents, &size);

      for (; offset < (goffset) size; offset += KITH_IMPORT_CHUNK)
        {
          gsize n = MIN ((gsize) KITH_IMPORT_CHUNK, size - (gsize) offset);
          if (!chunk (ctx, data + offset, n, FALSE, user_data, error))
            return FALSE;
          if (!kith_import_context_progress (ctx, 0.3 + 0.6 * (double) (offset + n) / (double) size, error))
            return FALSE;
        }
      return chunk (ctx, NULL, 0, TRUE, user_data, error);
    }

  /* The first pass hashed the file; hashing again would double the cost.
   * A change shows in the length read here and in the size and time
   * prepare_file() checks after the parse. */
  if (lseek (ctx->fd, 0, SEEK_SET) < 0)
    {
      int saved = errno;
      g_set_error (error, KITH_ERROR, KITH_ERROR_IO, _("the file could not be read: %s"), g_strerror (saved));
      return FALSE;
    }
  buffer = g_malloc (KITH_IMPORT_CHUNK);
  for (;;)
    {
      gssize n = read_some (ctx->fd, buffer, KITH_IMPORT_CHUNK, error);
      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      offset += n;
      if (offset > ctx->size)
        return changed_error (error);
      if (!chunk (ctx, buffer, (gsize) n, FALSE, user_data, error))
        return FALSE;
      if (!kith_import_context_progress (ctx, 0.3 + 0.6 * (double) offset / (double) ctx->size, error))
        return FALSE;
    }
  if (offset != ctx->size)
    return changed_error (error);
  return chunk (ctx, NULL, 0, TRUE, user_data, error);
}

static gboolean
append_chunk (KithImportContext *ctx,
              const guint8      *data,
              gsize              len,
              gboolean           last,
              gpointer           user_data,
              GError           **error)
{
  g_byte_array_append (user_data, data, (guint) len);
  return TRUE;
}

GBytes *
kith_import_context_read_bytes (KithImportContext *ctx,
                                goffset            max_bytes,
                                const char        *what,
                                GError           **error)
{
  g_autoptr(GByteArray) bytes = NULL;

  if (ctx->size > max_bytes)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_TOO_LARGE,
                   _("the file is too large for %s (%lld MB; Kith reads up to %lld MB)"),
                   what, (long long) (ctx->size / (1024 * 1024)), (long long) (max_bytes / (1024 * 1024)));
      return NULL;
    }
  if (ctx->contents != NULL)
    return g_bytes_ref (ctx->contents);
  bytes = g_byte_array_sized_new ((guint) ctx->size);
  if (!kith_import_context_reread (ctx, append_chunk, bytes, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* Whether the file starts with the byte-order mark of @encoding. */
static gboolean
starts_with_bom (KithImportContext *ctx,
                 const char        *encoding)
{
  static const struct { const char *encoding; const char *bom; gsize len; } boms[] = {
    { "UTF-8", "\xEF\xBB\xBF", 3 },
    { "UTF-16LE", "\xFF\xFE", 2 },
    { "UTF-16BE", "\xFE\xFF", 2 },
    { "UTF-16", "\xFF\xFE", 2 },
    { "UTF-16", "\xFE\xFF", 2 },
    { "UTF-32LE", "\xFF\xFE\0\0", 4 },
    { "UTF-32BE", "\0\0\xFE\xFF", 4 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (boms); i++)
    if (g_ascii_strcasecmp (encoding, boms[i].encoding) == 0 && ctx->head_len >= boms[i].len
        && memcmp (ctx->head, boms[i].bom, boms[i].len) == 0)
      return TRUE;
  return FALSE;
}

gboolean
kith_import_context_detect_encoding (KithImportContext *ctx,
                                     GError           **error)
{
  g_clear_pointer (&ctx->encoding, g_free);
  if (ctx->options->encoding != NULL)
    {
      /* forced by the user; a binary file is still not text */
      const char *magic = kith_sniff_magic (ctx->head, ctx->head_len);
      if (magic != NULL)
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_BINARY, _("this is %s, not a plain text file"), magic);
          return FALSE;
        }
      ctx->encoding = g_ascii_strup (ctx->options->encoding, -1);
      ctx->bom = starts_with_bom (ctx, ctx->encoding);
    }
  else
    {
      KithSniffResult sniffed;
      if (!kith_sniff_finish (ctx->sniff, &sniffed, error))
        return FALSE;
      ctx->encoding = g_steal_pointer (&sniffed.encoding);
      ctx->bom = sniffed.bom;
    }
  return TRUE;
}

char *
kith_import_context_read_utf8 (KithImportContext *ctx,
                               goffset            max_bytes,
                               const char        *what,
                               gsize             *len,
                               GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(KithDecoder) decoder = NULL;
  g_autoptr(GString) utf8 = NULL;
  gsize size = 0;
  const char *data;

  if (ctx->encoding == NULL && !kith_import_context_detect_encoding (ctx, error))
    return NULL;
  decoder = kith_decoder_new (ctx->encoding, error);
  if (decoder == NULL)
    return NULL;
  bytes = kith_import_context_read_bytes (ctx, max_bytes, what, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  utf8 = g_string_sized_new (size + 16);
  if (!kith_decoder_convert (decoder, data, size, TRUE, utf8, error))
    return NULL;
  if (g_str_has_prefix (utf8->str, "\xEF\xBB\xBF"))
    g_string_erase (utf8, 0, 3);
  if (len != NULL)
    *len = utf8->len;
  return g_string_free (g_steal_pointer (&utf8), FALSE);
}

void
kith_import_result_set_duplicate (KithImportResult *result,
                                  gint64            id,
                                  char             *name,
                                  const char       *how)
{
  result->status = KITH_IMPORT_DUPLICATE;
  result->document_id = id;
  result->document_name = name;
  result->message = g_strdup_printf ("%s as document %" G_GINT64_FORMAT " “%s”", how, id, name);
}

gboolean
kith_import_context_build (KithImportContext *ctx,
                           KithReflowMode     reflow,
                           const char        *text,
                           gsize              len,
                           GError           **error)
{
  KithTextBuilder *builder = kith_import_context_new_builder (ctx, reflow);

  return kith_text_builder_append (builder, text, len, error)
         && kith_text_builder_finish (builder, error);
}

/* ---- one file ------------------------------------------------------------- */

static gboolean
open_file (const char *path,
           int        *fd_out,
           struct stat *st,
           GError    **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK, 0);

  if (fd < 0)
    {
      int saved = errno;
      if (saved == ENOENT)
        g_set_error (error, KITH_ERROR, KITH_ERROR_NOT_FOUND, _("there is no such file (it may have been moved or deleted)"));
      else
        g_set_error (error, KITH_ERROR, KITH_ERROR_IO, _("the file could not be opened: %s"), g_strerror (saved));
      return FALSE;
    }
  if (fstat (fd, st) != 0 || !S_ISREG (st->st_mode))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_UNSUPPORTED,
                   S_ISDIR (st->st_mode) ? _("this is a folder") : _("this is not a regular file"));
      close (fd);
      return FALSE;
    }
  /* O_NONBLOCK only kept a FIFO from blocking the open */
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
  *fd_out = fd;
  return TRUE;
}

static const char *
guess_kind (KithImportContext *ctx)
{
  if (ctx->options->kind != NULL)
    return ctx->options->kind;
  if (ctx->suggested_kind != NULL)
    return ctx->suggested_kind;
  /* speakers are kept only where the text reads as dialogue */
  if (kith_text_builder_get_n_speakers (ctx->builder) >= 2)
    return "transcript";
  if (kith_text_builder_get_mostly_prose (ctx->builder))
    return "report";
  return "notes";
}

/* A file read, hashed and parsed, waiting to be stored: everything
 * prepare_file() learnt without the project. */
typedef struct
{
  KithImportContext       ctx;
  const KithImportFormat *format;
  struct sha256_ctx       sum;
  char                    sha256[SHA256_DIGEST_SIZE * 2 + 1];
  KithSniff              *sniff;
  guint8                 *head;
  char                   *display;
  struct stat             st;
  gboolean                hashed;   /* ctx.sha256 is known: a duplicate is reported before @error */
  GError                 *error;    /* NULL when it is ready to store */
} Prepared;

static void
prepared_free (Prepared *p)
{
  if (p == NULL)
    return;
  g_clear_pointer (&p->ctx.builder, kith_text_builder_free);
  g_clear_pointer (&p->ctx.contents, g_bytes_unref);
  g_free (p->ctx.encoding);
  g_free (p->ctx.title);
  if (p->ctx.fd >= 0)
    close (p->ctx.fd);
  kith_sniff_free (p->sniff);
  g_free (p->head);
  g_free (p->display);
  g_clear_error (&p->error);
  g_free (p);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Prepared, prepared_free)

/* Pass 1: hashes and sniffs the file, keeping it when it is small enough. */
static gboolean
read_first_pass (Prepared *p,
                 GError  **error)
{
  KithImportContext *ctx = &p->ctx;
  gboolean keep = ctx->size <= KITH_IMPORT_KEEP_BYTES;
  /* kept: read straight into the copy, with room to see it grow */
  gsize capacity = keep ? (gsize) ctx->size + 1 : KITH_IMPORT_CHUNK;
  g_autofree guint8 *buffer = g_malloc (capacity);
  goffset offset = 0;

  p->head = g_malloc (KITH_IMPORT_HEAD_BYTES);
  if (!kith_import_context_progress (ctx, 0.0, error))
    return FALSE;
  for (;;)
    {
      guint8 *at = keep ? buffer + offset : buffer;
      gsize want = keep ? MIN ((gsize) KITH_IMPORT_CHUNK, capacity - (gsize) offset) : KITH_IMPORT_CHUNK;
      gssize n = read_some (ctx->fd, at, want, error);
      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      if (ctx->head_len < KITH_IMPORT_HEAD_BYTES)
        {
          gsize k = MIN ((gsize) n, KITH_IMPORT_HEAD_BYTES - ctx->head_len);
          memcpy (p->head + ctx->head_len, at, k);
          ctx->head_len += k;
        }
      sha256_update (&p->sum, (gsize) n, at);
      kith_sniff_feed (p->sniff, at, (gsize) n);
      offset += n;
      if (offset > ctx->size)
        break;
      if (!kith_import_context_progress (ctx, 0.3 * (double) offset / (double) ctx->size, error))
        return FALSE;
    }
  if (offset != ctx->size)
    return changed_error (error);
  {
    guint8 digest[SHA256_DIGEST_SIZE];

    sha256_digest (&p->sum, sizeof digest, digest);
    for (gsize i = 0; i < sizeof digest; i++)
      g_snprintf (p->sha256 + 2 * i, 3, "%02x", digest[i]);
    ctx->sha256 = p->sha256;
  }
  ctx->head = p->head;
  if (keep)
    ctx->contents = g_bytes_new_take (g_steal_pointer (&buffer), (gsize) ctx->size);
  return TRUE;
}

static Prepared *
prepared_new (const char              *path,
              const KithImportOptions *options,
              guint                    index,
              guint                    total,
              gboolean                 in_folder)
{
  Prepared *p = g_new0 (Prepared, 1);

  sha256_init (&p->sum);
  p->sniff = kith_sniff_new ();
  p->display = g_filename_display_basename (path);
  p->ctx.fd = -1;
  p->ctx.path = path;
  p->ctx.display_name = p->display;
  p->ctx.options = options;
  p->ctx.index = index;
  p->ctx.total = total;
  p->ctx.in_folder = in_folder;
  return p;
}

/* Reads, hashes and parses the file, never touching the project: safe on a
 * thread of its own. A failure is kept in @p's error. */
static void
prepare_file (Prepared *p)
{
  KithImportContext *ctx = &p->ctx;
  struct stat st_after;
  GError **error = &p->error;

  if (!open_file (ctx->path, &ctx->fd, &p->st, error))
    return;
  ctx->size = p->st.st_size;
  if (p->st.st_size > KITH_IMPORT_MAX_FILE_BYTES)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_TOO_LARGE,
                   _("the file is too large (%lld MB; Kith imports files up to %lld MB)"),
                   (long long) (p->st.st_size / (1024 * 1024)), (long long) (KITH_IMPORT_MAX_FILE_BYTES / (1024 * 1024)));
      return;
    }
  if (p->st.st_size == 0)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_EMPTY, _("the file is empty"));
      return;
    }
  if (!read_first_pass (p, error))
    return;
  p->hashed = TRUE;

  /* pass 2: the format's parser; a format that stores itself waits for
   * store_file() */
  p->format = choose_format (ctx->path, p->head, ctx->head_len);
  ctx->sniff = p->sniff;
  if (p->format->import != NULL)
    return;
  if (!p->format->parse (ctx, error))
    return;
  g_assert (ctx->builder != NULL);
  /* parsed: the bytes are not needed while the text waits to be stored */
  g_clear_pointer (&ctx->contents, g_bytes_unref);
  if (fstat (ctx->fd, &st_after) != 0 || st_after.st_size != p->st.st_size
      || st_after.st_mtim.tv_sec != p->st.st_mtim.tv_sec || st_after.st_mtim.tv_nsec != p->st.st_mtim.tv_nsec)
    {
      changed_error (error);
      return;
    }
  kith_import_context_progress (ctx, 0.9, error);
}

/* Stores what prepare_file() made: a duplicate is found first, then its
 * error reported, or the document inserted. */
static gboolean
store_file (KithProject         *project,
            KithDocumentsWriter *writer,
            Prepared            *p,
            KithImportResult    *result,
            GError             **error)
{
  KithImportContext *ctx = &p->ctx;
  g_autofree char *duplicate_name = NULL;
  g_autoptr(KithDocument) doc = NULL;
  gint64 duplicate;

  if (!p->hashed)
    {
      g_propagate_error (error, g_steal_pointer (&p->error));
      return FALSE;
    }
  duplicate = kith_documents_writer_find_sha256 (writer, ctx->sha256, &duplicate_name, error);
  if (duplicate < 0)
    return FALSE;
  if (duplicate > 0)
    {
      kith_import_result_set_duplicate (result, duplicate, g_steal_pointer (&duplicate_name),
                                        "the same file was imported before");
      return TRUE;
    }
  if (p->format->import != NULL)
    {
      ctx->project = project;
      return p->format->import (ctx, result, error);
    }
  if (p->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&p->error));
      return FALSE;
    }

  doc = kith_document_new ();
  doc->name = g_strdup (p->display);
  doc->original_name = g_strdup (p->display);
  doc->kind = g_strdup (guess_kind (ctx));
  doc->format = g_strdup (p->format->name);
  doc->sha256 = g_strdup (ctx->sha256);
  doc->encoding = g_strdup (ctx->encoding != NULL ? ctx->encoding : "UTF-8");
  doc->bom = ctx->bom;
  doc->size = p->st.st_size;
  doc->reflowed = ctx->reflowed || kith_text_builder_get_reflowed (ctx->builder);
  doc->char_count = kith_text_builder_get_n_chars (ctx->builder);
  doc->title = g_steal_pointer (&ctx->title);
  if (kith_documents_writer_insert (writer, doc, kith_text_builder_get_spool (ctx->builder),
                                    kith_text_builder_get_turns (ctx->builder), error) == 0)
    return FALSE;

  result->status = KITH_IMPORT_IMPORTED;
  result->document_id = doc->id;
  result->n_documents = 1;
  result->document_name = g_strdup (doc->name);
  result->kind = g_strdup (doc->kind);
  result->format = g_strdup (doc->format);
  result->encoding = g_strdup (doc->encoding);
  result->n_chars = doc->char_count;
  result->n_turns = kith_text_builder_get_turns (ctx->builder)->len;
  result->n_speakers = kith_text_builder_get_n_speakers (ctx->builder);
  result->reflowed = doc->reflowed;
  result->n_joined = ctx->n_joined + kith_text_builder_get_n_joined (ctx->builder);
  result->n_furniture = ctx->n_furniture + kith_text_builder_get_n_furniture (ctx->builder);
  return TRUE;
}

static void
fail_result (KithImportResult *result,
             GError           *error)
{
  result->status = KITH_IMPORT_FAILED;
  result->message = g_strdup (error->message);
  result->error_code = error->domain == KITH_ERROR ? error->code : KITH_ERROR_FAILED;
}

KithImportResult *
kith_import_file (KithProject             *project,
                  const char              *path,
                  const KithImportOptions *options)
{
  KithImportResult *result = g_new0 (KithImportResult, 1);
  g_autoptr(Prepared) prepared = NULL;
  g_autoptr(KithDocumentsWriter) writer = NULL;
  KithImportOptions defaults;
  GError *error = NULL;

  if (options == NULL)
    {
      kith_import_options_init (&defaults);
      options = &defaults;
    }
  result->path = g_strdup (path);
  prepared = prepared_new (path, options, 0, 1, FALSE);
  prepare_file (prepared);
  writer = kith_documents_writer_new (project);
  if (!store_file (project, writer, prepared, result, &error))
    {
      fail_result (result, error);
      g_error_free (error);
    }
  else if (result->status == KITH_IMPORT_IMPORTED)
    kith_import_context_progress (&prepared->ctx, 1.0, NULL);
  return result;
}

/* Files are stored in batches, one transaction each, committed at least
 * every second: one sync per batch instead of one per file. A file that
 * fails rolls back its own savepoint only; a kill loses at most the open
 * batch, never part of a file. A large file gets a transaction of its own,
 * so a batch is not held open across its whole insert. */
#define BATCH_USEC       G_USEC_PER_SEC
#define BATCH_MAX_BYTES  ((goffset) 4 * 1024 * 1024)

typedef struct
{
  KithProject *project;
  GPtrArray   *stored;    /* results imported in the open batch, borrowed */
  gint64       started;   /* monotonic µs; 0 when no batch is open */
} Batch;

static void
batch_open (Batch *batch)
{
  /* unable to begin: each file then commits on its own */
  if (batch->started != 0 || !kith_project_begin (batch->project, NULL))
    return;
  batch->started = g_get_monotonic_time ();
}

/* Commits the open batch when @force or its second is up. When the commit
 * fails nothing of the batch is stored, and its files say so. */
static void
batch_close (Batch    *batch,
             gboolean  force)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (batch->started == 0 || (!force && g_get_monotonic_time () - batch->started < BATCH_USEC))
    return;
  batch->started = 0;
  ok = kith_project_commit (batch->project, &error);
  for (guint i = 0; !ok && i < batch->stored->len; i++)
    {
      KithImportResult *result = g_ptr_array_index (batch->stored, i);
      g_clear_pointer (&result->message, g_free);
      fail_result (result, error);
      result->document_id = 0;
      result->n_documents = 0;
    }
  g_ptr_array_set_size (batch->stored, 0);
}

typedef struct
{
  char             *path;
  gboolean          explicit_path;  /* named by the user, not found in a folder */
  guint             index;          /* in the listing, for progress */
  KithImportResult *result;         /* borrowed from the results */
} Entry;

/* The files to import, prepared on a thread of their own one file ahead of
 * the one being stored: reading and parsing one file overlaps storing the
 * one before, and no more than two are held in memory. */
typedef struct
{
  GPtrArray               *todo;      /* Entry, borrowed, in import order */
  guint                    total;
  const KithImportOptions *options;
  GMutex                   lock;
  GCond                    cond;
  Prepared               **ready;     /* one per todo item, until the storing thread takes it */
  guint                    n_stored;  /* todo items the storing thread is done with */
} Ahead;

static gpointer
prepare_ahead (gpointer data)
{
  Ahead *ahead = data;
  gboolean stores_itself = FALSE;

  for (guint k = 0; k < ahead->todo->len; k++)
    {
      Entry *entry = g_ptr_array_index (ahead->todo, k);
      Prepared *prepared;

      /* a format that stores itself also reports progress while it does:
       * wait for it, so that progress is never reported from two threads */
      g_mutex_lock (&ahead->lock);
      while (ahead->n_stored + (stores_itself ? 0 : 1) < k)
        g_cond_wait (&ahead->cond, &ahead->lock);
      g_mutex_unlock (&ahead->lock);

      prepared = prepared_new (entry->path, ahead->options, entry->index, ahead->total, !entry->explicit_path);
      if (!g_cancellable_set_error_if_cancelled (ahead->options->cancellable, &prepared->error))
        prepare_file (prepared);
      stores_itself = prepared->hashed && prepared->format->import != NULL;

      g_mutex_lock (&ahead->lock);
      ahead->ready[k] = prepared;
      g_cond_broadcast (&ahead->cond);
      g_mutex_unlock (&ahead->lock);
    }
  return NULL;
}

static void
entry_clear (Entry *entry)
{
  g_free (entry->path);
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

static void
collect_folder (const char *folder,
                GArray     *entries,
                guint       depth)
{
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL || depth > 32)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (folder, g_ptr_array_index (names, i), NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          /* symbolic links to folders could loop */
          if (!g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            collect_folder (child, entries, depth + 1);
        }
      else
        {
          Entry entry = { g_steal_pointer (&child), FALSE };
          g_array_append_val (entries, entry);
        }
    }
}

GPtrArray *
kith_import_paths (KithProject             *project,
                   const char *const       *paths,
                   const KithImportOptions *options)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  GPtrArray *results = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_import_result_free);
  g_autoptr(GPtrArray) stored = g_ptr_array_new ();
  g_autoptr(GPtrArray) todo = g_ptr_array_new ();
  Batch batch = { project, stored, 0 };
  Ahead ahead = { 0 };
  KithImportOptions defaults;
  g_autoptr(KithDocumentsWriter) writer = NULL;
  GThread *worker;

  g_return_val_if_fail (KITH_IS_PROJECT (project), results);

  if (options == NULL)
    {
      kith_import_options_init (&defaults);
      options = &defaults;
    }
  g_autofree char *own = g_canonicalize_filename (kith_project_get_path (project), NULL);

  g_array_set_clear_func (entries, (GDestroyNotify) entry_clear);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      if (g_file_test (paths[i], G_FILE_TEST_IS_DIR))
        collect_folder (paths[i], entries, 0);
      else
        {
          Entry entry = { g_strdup (paths[i]), TRUE };
          g_array_append_val (entries, entry);
        }
    }

  for (guint i = 0; i < entries->len; i++)
    {
      Entry *entry = &g_array_index (entries, Entry, i);
      g_autofree char *canonical = g_canonicalize_filename (entry->path, NULL);
      KithImportResult *result;

      /* the project's own file (and its -wal, -shm) when it sits in the folder */
      if (!entry->explicit_path && g_str_has_prefix (canonical, own))
        continue;
      result = g_new0 (KithImportResult, 1);
      result->path = g_strdup (entry->path);
      g_ptr_array_add (results, result);
      /* named on its own: refused unread, for reading it here (open, close)
       * would drop this process's locks on the open project */
      if (g_str_has_prefix (canonical, own))
        {
          result->status = KITH_IMPORT_SKIPPED;
          result->message = g_strdup ("this is the project itself");
          continue;
        }
      /* barometers have an import of their own: a table of them in a
       * folder of documents is not a document */
      if (!entry->explicit_path && kith_barometers_file_is_table (entry->path))
        {
          result->status = KITH_IMPORT_SKIPPED;
          result->message = g_strdup ("a table of barometers: import it as barometers, not as a document");
          continue;
        }
      if (!entry->explicit_path && !kith_import_is_supported (entry->path))
        {
          const char *dot = strrchr (entry->path, '.');
          result->status = KITH_IMPORT_SKIPPED;
          result->message = dot != NULL && strchr (dot, '/') == NULL
                            ? g_strdup_printf ("Kith does not import %s files", dot)
                            : g_strdup ("Kith does not import files of this kind");
          continue;
        }
      entry->index = i;
      entry->result = result;
      g_ptr_array_add (todo, entry);
    }

  writer = kith_documents_writer_new (project);
  ahead.todo = todo;
  ahead.total = entries->len;
  ahead.options = options;
  ahead.ready = g_new0 (Prepared *, MAX (todo->len, 1));
  g_mutex_init (&ahead.lock);
  g_cond_init (&ahead.cond);
  worker = g_thread_new ("kith-import", prepare_ahead, &ahead);

  for (guint k = 0; k < todo->len; k++)
    {
      KithImportResult *result = ((Entry *) g_ptr_array_index (todo, k))->result;
      g_autoptr(Prepared) prepared = NULL;
      GError *error = NULL;

      g_mutex_lock (&ahead.lock);
      while (ahead.ready[k] == NULL)
        g_cond_wait (&ahead.cond, &ahead.lock);
      prepared = g_steal_pointer (&ahead.ready[k]);
      g_mutex_unlock (&ahead.lock);

      if (prepared->st.st_size > BATCH_MAX_BYTES)
        batch_close (&batch, TRUE);
      else
        batch_open (&batch);
      /* read before a cancel, stored after it: nothing is stored once the
       * import sees it was cancelled, as when files were read one by one */
      if (g_cancellable_set_error_if_cancelled (options->cancellable, &error)
          || !store_file (project, writer, prepared, result, &error))
        {
          fail_result (result, error);
          g_error_free (error);
          /* after a full disk or an I/O error SQLite may have rolled the
           * whole batch back: close it now, so its COMMIT fails and says so */
          if (batch.started != 0 && sqlite3_get_autocommit (kith_project_get_db (project)))
            batch_close (&batch, TRUE);
        }
      else if (result->status == KITH_IMPORT_IMPORTED && batch.started != 0)
        g_ptr_array_add (stored, result);
      batch_close (&batch, FALSE);

      g_mutex_lock (&ahead.lock);
      ahead.n_stored = k + 1;
      g_cond_broadcast (&ahead.cond);
      g_mutex_unlock (&ahead.lock);
    }
  batch_close (&batch, TRUE);
  g_thread_join (worker);
  g_mutex_clear (&ahead.lock);
  g_cond_clear (&ahead.cond);
  g_free (ahead.ready);
  return results;
}

char *
kith_import_clean_title (char *title)
{
  g_autofree char *taken = title;
  char *clean;

  if (taken == NULL || !g_utf8_validate (taken, -1, NULL))
    return NULL;
  clean = kith_utf8_fold_space (taken);
  if (*clean == '\0')
    g_clear_pointer (&clean, g_free);
  return clean;
}
