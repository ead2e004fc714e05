/* fuzz-import.c — one importer, chosen by the file's name (KITH_FUZZ_FILE,
 * set per target in meson.build): the input is imported as that file, and
 * every document it makes must keep the canonical text's promises. */
#include <string.h>

#include "kith-documents.h"
#include "kith-fuzz.h"
#include "kith-import.h"

#ifndef KITH_FUZZ_FILE
#error "KITH_FUZZ_FILE names the file an input is imported as"
#endif

static void
check_document (KithProject        *project,
                const KithDocument *doc)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) turns = NULL;
  g_autofree char *text = NULL;
  gsize len = 0;

  text = kith_documents_dup_text (project, doc->id, &len, &error);
  kf_check (text != NULL, "%s: the text does not read back: %s", doc->name, error->message);
  kf_check (g_utf8_validate_len (text, len, NULL), "%s: the text is not UTF-8", doc->name);
  kf_check (memchr (text, '\r', len) == NULL, "%s: a CR in the canonical text", doc->name);
  kf_check (strlen (text) == len, "%s: a NUL in the canonical text", doc->name);
  kf_check (!g_str_has_prefix (text, "\xEF\xBB\xBF"), "%s: the text starts with a BOM", doc->name);
  kf_check (doc->byte_count == (gint64) len, "%s: %" G_GINT64_FORMAT " bytes stored, %zu read",
            doc->name, doc->byte_count, len);
  kf_check (doc->char_count == g_utf8_strlen (text, (gssize) len), "%s: the character count is wrong", doc->name);

  turns = kith_documents_list_turns (project, doc->id, &error);
  kf_check (turns != NULL, "%s: the turns do not read back: %s", doc->name, error->message);
  for (guint i = 0; i < turns->len; i++)
    {
      const KithTurn *turn = g_ptr_array_index (turns, i);
      kf_check (0 <= turn->start && turn->start <= turn->speech_start && turn->speech_start <= turn->end
                && turn->end <= doc->char_count,
                "%s: turn %u at %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT " (speech from %" G_GINT64_FORMAT
                ") outside the text of %" G_GINT64_FORMAT " characters",
                doc->name, i, turn->start, turn->end, turn->speech_start, doc->char_count);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  KithProject *project = kf_project ();
  g_autofree char *path = kf_write_input (data, size, KITH_FUZZ_FILE);
  g_autoptr(KithImportResult) result = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GError) error = NULL;
  KithImportOptions options;

  kith_import_options_init (&options);
  result = kith_import_file (project, path, &options);
  kf_check (result != NULL, "no import result");
  kf_check (result->status != KITH_IMPORT_FAILED || result->message != NULL, "a failure without a reason");

  if (result->status == KITH_IMPORT_IMPORTED)
    kf_note ("imported as %s: %u document(s), %" G_GINT64_FORMAT " characters, %u turns",
             result->format, MAX (result->n_documents, 1), result->n_chars, result->n_turns);
  else
    kf_note ("%s: %s", kith_import_status_to_string (result->status), result->message);
  docs = kith_documents_list (project, &error);
  kf_check (docs != NULL, "the documents do not list: %s", error->message);
  kf_check (result->status != KITH_IMPORT_IMPORTED || docs->len == MAX (result->n_documents, 1),
            "%u documents imported, %u stored", result->n_documents, docs->len);
  for (guint i = 0; i < docs->len; i++)
    {
      const KithDocument *doc = g_ptr_array_index (docs, i);
      check_document (project, doc);
      /* the next input starts from an empty project, and the same bytes
       * are not taken for a duplicate */
      kf_check (kith_documents_delete (project, doc->id, &error), "cannot delete: %s", error->message);
    }
  return 0;
}
