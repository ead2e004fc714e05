/* kith-import.c — file and folder import, format by format
 *
 * The file is read twice: once to hash and sniff it (so a duplicate costs
 * one read and nothing else), once by the format's parser. The parser's
 * second read is checked against the first hash, so a file that changes or
 * vanishes mid-import is refused instead of half-stored.
 */
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
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
  g_autofree guint8 *buffer = g_malloc (KITH_IMPORT_CHUNK);
  goffset offset = 0;

  /* The first pass hashed the file; hashing again would double the cost.
   * A change shows in the length read here and in the size and time
   * import_one() checks after the parse. */
  if (lseek (ctx->fd, 0, SEEK_SET) < 0)
    {
      int saved = errno;
      g_set_error (error, KITH_ERROR, KITH_ERROR_IO, _("the file could not be read: %s"), g_strerror (saved));
      return FALSE;
    }
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

static gboolean
import_one (KithProject             *project,
            const char              *path,
            const KithImportOptions *options,
            guint                    index,
            guint                    total,
            gboolean                 in_folder,
            KithImportResult        *result,
            GError                 **error)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(KithSniff) sniff = kith_sniff_new ();
  g_autofree guint8 *buffer = NULL;
  g_autofree char *display = g_filename_display_basename (path);
  g_autofree char *duplicate_name = NULL;
  g_autoptr(KithDocument) doc = NULL;
  const KithImportFormat *format;
  KithImportContext ctx = { 0 };
  struct stat st, st_after;
  goffset offset = 0;
  gint64 duplicate;
  g_autofree guint8 *head = g_malloc (KITH_IMPORT_HEAD_BYTES);
  gsize head_len = 0;
  gboolean ok = FALSE;
  int fd = -1;

  ctx.path = path;
  ctx.display_name = display;
  ctx.options = options;
  ctx.index = index;
  ctx.total = total;
  ctx.project = project;
  ctx.in_folder = in_folder;

  if (!open_file (path, &fd, &st, error))
    return FALSE;
  ctx.fd = fd;
  ctx.size = st.st_size;
  if (st.st_size > KITH_IMPORT_MAX_FILE_BYTES)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_TOO_LARGE,
                   _("the file is too large (%lld MB; Kith imports files up to %lld MB)"),
                   (long long) (st.st_size / (1024 * 1024)), (long long) (KITH_IMPORT_MAX_FILE_BYTES / (1024 * 1024)));
      goto out;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_EMPTY, _("the file is empty"));
      goto out;
    }

  /* pass 1: hash and sniff */
  buffer = g_malloc (KITH_IMPORT_CHUNK);
  if (!kith_import_context_progress (&ctx, 0.0, error))
    goto out;
  for (;;)
    {
      gssize n = read_some (fd, buffer, KITH_IMPORT_CHUNK, error);
      if (n < 0)
        goto out;
      if (n == 0)
        break;
      if (head_len < KITH_IMPORT_HEAD_BYTES)
        {
          gsize k = MIN ((gsize) n, KITH_IMPORT_HEAD_BYTES - head_len);
          memcpy (head + head_len, buffer, k);
          head_len += k;
        }
      g_checksum_update (sum, buffer, (gsize) n);
      kith_sniff_feed (sniff, buffer, (gsize) n);
      offset += n;
      if (offset > st.st_size)
        break;
      if (!kith_import_context_progress (&ctx, 0.3 * (double) offset / (double) st.st_size, error))
        goto out;
    }
  if (offset != st.st_size)
    {
      changed_error (error);
      goto out;
    }
  ctx.sha256 = g_checksum_get_string (sum);
  ctx.head = head;
  ctx.head_len = head_len;

  duplicate = kith_documents_find_sha256 (project, ctx.sha256, &duplicate_name, error);
  if (duplicate < 0)
    goto out;
  if (duplicate > 0)
    {
      kith_import_result_set_duplicate (result, duplicate, g_steal_pointer (&duplicate_name),
                                        "the same file was imported before");
      ok = TRUE;
      goto out;
    }

  /* pass 2: the format's parser */
  format = choose_format (path, head, head_len);
  ctx.sniff = sniff;
  if (format->import != NULL)
    {
      ok = format->import (&ctx, result, error);
      goto out;
    }
  if (!format->parse (&ctx, error))
    goto out;
  g_assert (ctx.builder != NULL);
  if (fstat (fd, &st_after) != 0 || st_after.st_size != st.st_size
      || st_after.st_mtim.tv_sec != st.st_mtim.tv_sec || st_after.st_mtim.tv_nsec != st.st_mtim.tv_nsec)
    {
      changed_error (error);
      goto out;
    }
  if (!kith_import_context_progress (&ctx, 0.9, error))
    goto out;

  doc = kith_document_new ();
  doc->name = g_strdup (display);
  doc->original_name = g_strdup (display);
  doc->kind = g_strdup (guess_kind (&ctx));
  doc->format = g_strdup (format->name);
  doc->sha256 = g_strdup (ctx.sha256);
  doc->encoding = g_strdup (ctx.encoding != NULL ? ctx.encoding : "UTF-8");
  doc->bom = ctx.bom;
  doc->size = st.st_size;
  doc->reflowed = ctx.reflowed || kith_text_builder_get_reflowed (ctx.builder);
  doc->char_count = kith_text_builder_get_n_chars (ctx.builder);
  doc->title = g_steal_pointer (&ctx.title);
  if (kith_documents_insert (project, doc, kith_text_builder_get_spool (ctx.builder),
                             kith_text_builder_get_turns (ctx.builder), error) == 0)
    goto out;
  kith_import_context_progress (&ctx, 1.0, NULL);

  result->status = KITH_IMPORT_IMPORTED;
  result->document_id = doc->id;
  result->n_documents = 1;
  result->document_name = g_strdup (doc->name);
  result->kind = g_strdup (doc->kind);
  result->format = g_strdup (doc->format);
  result->encoding = g_strdup (doc->encoding);
  result->n_chars = doc->char_count;
  result->n_turns = kith_text_builder_get_turns (ctx.builder)->len;
  result->n_speakers = kith_text_builder_get_n_speakers (ctx.builder);
  result->reflowed = doc->reflowed;
  result->n_joined = ctx.n_joined + kith_text_builder_get_n_joined (ctx.builder);
  result->n_furniture = ctx.n_furniture + kith_text_builder_get_n_furniture (ctx.builder);
  ok = TRUE;

out:
  g_clear_pointer (&ctx.builder, kith_text_builder_free);
  g_free (ctx.encoding);
  g_free (ctx.title);
  if (fd >= 0)
    close (fd);
  return ok;
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
  KithImportOptions defaults;
  GError *error = NULL;

  if (options == NULL)
    {
      kith_import_options_init (&defaults);
      options = &defaults;
    }
  result->path = g_strdup (path);
  if (!import_one (project, path, options, 0, 1, FALSE, result, &error))
    {
      fail_result (result, error);
      g_error_free (error);
    }
  return result;
}

/* Files are stored in batches, one transaction each, committed at least
 * every second: one sync per batch instead of one per file. A file that
 * fails rolls back its own savepoint only; a kill loses at most the open
 * batch, never part of a file. A large file gets a transaction of its own,
 * so a batch is not held open across its whole parse. */
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
  char    *path;
  gboolean explicit_path;  /* named by the user, not found in a folder */
} Entry;

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
  Batch batch = { project, stored, 0 };
  KithImportOptions defaults;

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
      GError *error = NULL;

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
      if (g_cancellable_set_error_if_cancelled (options->cancellable, &error))
        {
          fail_result (result, error);
          g_error_free (error);
          continue;
        }
      {
        GStatBuf st;
        if (g_stat (entry->path, &st) == 0 && st.st_size > BATCH_MAX_BYTES)
          batch_close (&batch, TRUE);
        else
          batch_open (&batch);
      }
      if (!import_one (project, entry->path, options, i, entries->len, !entry->explicit_path, result, &error))
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
    }
  batch_close (&batch, TRUE);
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
