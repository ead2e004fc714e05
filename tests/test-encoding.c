/* test-encoding.c — every encoding Kith detects, with non-Latin text */
#include <criterion/criterion.h>
#include <string.h>

#include "kith-documents.h"
#include "kith-import.h"
#include "kith-test-util.h"

typedef struct
{
  KithProject      *project;
  char             *dir;
  KithImportResult *result;
  char             *text;
} Imported;

static void
imported_clear (Imported *im)
{
  g_clear_object (&im->project);
  g_free (im->dir);
  kith_import_result_free (im->result);
  g_free (im->text);
}

/* Writes @len bytes to a file called @name and imports it. */
static void
import_bytes (Imported *im, const char *name, const void *data, gsize len, const char *encoding)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  KithImportOptions options;

  memset (im, 0, sizeof *im);
  im->project = kt_new_project (NULL);
  im->dir = kt_tmpdir ();
  path = g_build_filename (im->dir, name, NULL);
  kt_write_file (path, data, (gssize) len);
  kith_import_options_init (&options);
  options.encoding = encoding;
  options.reflow = KITH_REFLOW_NEVER;
  im->result = kith_import_file (im->project, path, &options);
  if (im->result->status == KITH_IMPORT_IMPORTED)
    {
      im->text = kith_documents_dup_text (im->project, im->result->document_id, NULL, &error);
      cr_assert_not_null (im->text, "%s", error ? error->message : "");
    }
}

static void
import_encoded (Imported *im, const char *text, const char *encoding, const char *bom, gsize bom_len)
{
  g_autoptr(GBytes) bytes = kt_encode (text, encoding);
  g_autoptr(GByteArray) file = g_byte_array_new ();

  g_byte_array_append (file, (const guint8 *) bom, (guint) bom_len);
  g_byte_array_append (file, g_bytes_get_data (bytes, NULL), (guint) g_bytes_get_size (bytes));
  import_bytes (im, "fixture.txt", file->data, file->len, NULL);
}

static void
assert_imported (Imported *im, const char *text, const char *encoding, gboolean bom)
{
  cr_assert_eq (im->result->status, KITH_IMPORT_IMPORTED, "import failed: %s", im->result->message);
  cr_assert_str_eq (im->result->encoding, encoding);
  cr_assert_str_eq (im->text, text);
  cr_assert_eq (im->result->n_chars, g_utf8_strlen (text, -1));
  cr_assert_eq (kt_count (im->project, "SELECT bom FROM documents"), bom);
}

static void
assert_refused (Imported *im, int code, const char *message)
{
  cr_assert_eq (im->result->status, KITH_IMPORT_FAILED, "should have failed");
  cr_assert_eq (im->result->error_code, code, "error %d: %s", im->result->error_code, im->result->message);
  cr_assert (strstr (im->result->message, message) != NULL, "message “%s” lacks “%s”", im->result->message, message);
  cr_assert_eq (kt_count (im->project, "SELECT count(*) FROM documents"), 0, "nothing is stored");
  cr_assert_eq (kt_count (im->project, "SELECT count(*) FROM document_texts"), 0);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Imported, imported_clear)

static const char polish[] = "Mieszkam w Wolverhampton od dziesięciu lat. Czuję się tu bezpiecznie, "
                             "ale brakuje mi rodziny. Sąsiedzi są życzliwi — „dzień dobry” codziennie.\n";
static const char urdu[] = "یہاں سب ایک دوسرے کا خیال رکھتے ہیں۔ مجھے یہاں محفوظ محسوس ہوتا ہے۔\n";
static const char gurmukhi[] = "ਮੈਂ ਇੱਥੇ ਸੁਰੱਖਿਅਤ ਮਹਿਸੂਸ ਕਰਦੀ ਹਾਂ।\nਅਸੀਂ ਉੱਥੇ ਜਾ ਕੇ ਕੀ ਕਰਾਂਗੇ?\n";
static const char arabic[] = "أشعر أن هذا بيتي الآن. الناس هنا طيبون 😊\n";

Test (encoding, utf8_without_bom)
{
  g_auto(Imported) im = { 0 };

  import_bytes (&im, "polish.txt", polish, strlen (polish), NULL);
  assert_imported (&im, polish, "UTF-8", FALSE);
}

Test (encoding, utf8_with_bom)
{
  g_auto(Imported) im = { 0 };

  import_encoded (&im, urdu, "UTF-8", "\xEF\xBB\xBF", 3);
  assert_imported (&im, urdu, "UTF-8", TRUE);
}

Test (encoding, utf16le_with_bom_and_crlf)
{
  g_auto(Imported) im = { 0 };
  const char *crlf = "ਮੈਂ ਇੱਥੇ ਸੁਰੱਖਿਅਤ ਮਹਿਸੂਸ ਕਰਦੀ ਹਾਂ।\r\nਅਸੀਂ ਉੱਥੇ ਜਾ ਕੇ ਕੀ ਕਰਾਂਗੇ?\r\n";

  import_encoded (&im, crlf, "UTF-16LE", "\xFF\xFE", 2);
  assert_imported (&im, gurmukhi, "UTF-16LE", TRUE);
}

Test (encoding, utf16be_with_bom)
{
  g_auto(Imported) im = { 0 };

  import_encoded (&im, arabic, "UTF-16BE", "\xFE\xFF", 2);
  assert_imported (&im, arabic, "UTF-16BE", TRUE);
}

Test (encoding, utf16le_without_bom)
{
  g_auto(Imported) im = { 0 };
  const char *text = "Interviewer: Where do you feel safe?\nMarta: At church, and at the Polish shop.\n";

  import_encoded (&im, text, "UTF-16LE", "", 0);
  assert_imported (&im, text, "UTF-16LE", FALSE);
}

Test (encoding, windows_1252_smart_quotes)
{
  g_auto(Imported) im = { 0 };
  const char *text = "Delroy: I didn’t know where to go – nobody told me. “It’s alright,” she said… "
                     "The café charges €2.\n";

  import_encoded (&im, text, "WINDOWS-1252", "", 0);
  assert_imported (&im, text, "WINDOWS-1252", FALSE);
}

Test (encoding, iso_8859_1)
{
  g_auto(Imported) im = { 0 };
  const char *text = "Ich wohne seit drei Jahren in Dudley. Die Nachbarn sind freundlich, aber ich fühle "
                     "mich manchmal einsam. Früher war das Gemeindezentrum geöffnet, heute nur noch dienstags. "
                     "Äußerst schade, sagt Frau Müller.\n";

  import_encoded (&im, text, "ISO-8859-1", "", 0);
  assert_imported (&im, text, "ISO-8859-1", FALSE);
}

Test (encoding, iso_8859_15_euro_and_oe)
{
  g_auto(Imported) im = { 0 };
  const char *line = "Je vis à Coventry depuis cinq ans. L'œuvre du centre coûte 5 € par séance, et c'est très "
                     "apprécié. Nous étions nombreux à la réunion de février, où l'on a parlé de sécurité.\n";
  g_autofree char *text = g_strconcat (line, line, line, NULL);

  import_encoded (&im, text, "ISO-8859-15", "", 0);
  assert_imported (&im, text, "ISO-8859-15", FALSE);
}

Test (encoding, windows_1250_polish)
{
  g_auto(Imported) im = { 0 };
  const char *line = "Mieszkam w Birmingham od dziesięciu lat. Czuję się tutaj bezpiecznie, ale czasem brakuje mi "
                     "rodziny. Sąsiedzi są życzliwi, choć nie zawsze rozumiemy się nawzajem.\n";
  g_autofree char *text = g_strconcat (line, line, line, NULL);

  import_encoded (&im, text, "WINDOWS-1250", "", 0);
  assert_imported (&im, text, "WINDOWS-1250", FALSE);
}

Test (encoding, forced_encoding_is_used)
{
  g_auto(Imported) im = { 0 };
  g_autoptr(GBytes) bytes = kt_encode ("Sie sagte: «Ça coûte 3 €».\n", "ISO-8859-15");

  import_bytes (&im, "forced.txt", g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "ISO-8859-15");
  assert_imported (&im, "Sie sagte: «Ça coûte 3 €».\n", "ISO-8859-15", FALSE);
}

Test (encoding, invalid_utf8_when_forced)
{
  g_auto(Imported) im = { 0 };
  const char bytes[] = "Nobody listens at the council \x96 nobody.\n";  /* Windows-1252 dash */

  import_bytes (&im, "forced.txt", bytes, sizeof bytes - 1, "UTF-8");
  assert_refused (&im, KITH_ERROR_ENCODING, "not valid UTF-8 at byte 30");
}

Test (encoding, invalid_utf16_surrogate)
{
  g_auto(Imported) im = { 0 };
  /* BOM, “Hi”, then a lone high surrogate */
  const char bytes[] = "\xFF\xFE" "H\0i\0" "\x00\xD8" "!\0";

  import_bytes (&im, "broken.txt", bytes, sizeof bytes - 1, NULL);
  assert_refused (&im, KITH_ERROR_ENCODING, "not valid UTF-16LE");
}

Test (encoding, unknown_forced_encoding)
{
  g_auto(Imported) im = { 0 };

  import_bytes (&im, "x.txt", "hello\n", 6, "KLINGON-8");
  assert_refused (&im, KITH_ERROR_INVALID, "unknown encoding “KLINGON-8”");
}

/* A character straddling the 256 KiB read chunk must survive whole. */
static GString *
straddling_text (gsize char_bytes_before, const char *straddler)
{
  GString *text = g_string_new (NULL);

  while (text->len + 80 < 256 * 1024 - char_bytes_before)
    g_string_append (text, "Residents in Sandwell spoke about trust, belonging and safety in parks.\n");
  while (text->len < 256 * 1024 - 1)
    g_string_append_c (text, 'x');
  g_string_append (text, straddler);
  g_string_append (text, " and after.\n");
  return text;
}

Test (encoding, utf8_character_across_chunks)
{
  g_auto(Imported) im = { 0 };
  g_autoptr(GString) text = straddling_text (0, "😊");

  import_bytes (&im, "long.txt", text->str, text->len, NULL);
  assert_imported (&im, text->str, "UTF-8", FALSE);
}

Test (encoding, utf16_character_across_chunks)
{
  g_auto(Imported) im = { 0 };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GByteArray) file = g_byte_array_new ();

  /* 2 + 2n bytes: the surrogate pair starts 2 bytes before the boundary */
  while (text->len < (256 * 1024 - 2 - 2) / 2)
    g_string_append_c (text, 'a');
  g_string_append (text, "😊ਪ\n");
  bytes = kt_encode (text->str, "UTF-16LE");
  g_byte_array_append (file, (const guint8 *) "\xFF\xFE", 2);
  g_byte_array_append (file, g_bytes_get_data (bytes, NULL), (guint) g_bytes_get_size (bytes));
  import_bytes (&im, "long16.txt", file->data, file->len, NULL);
  assert_imported (&im, text->str, "UTF-16LE", TRUE);
}

Test (encoding, binary_files_are_refused)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R' };
  guint8 noise[4096];
  g_auto(Imported) a = { 0 };
  g_auto(Imported) b = { 0 };
  g_auto(Imported) c = { 0 };

  for (gsize i = 0; i < sizeof noise; i++)
    noise[i] = (guint8) ((i * 7919u + 13u) % 251u);
  import_bytes (&a, "photo.txt", png, sizeof png, NULL);
  assert_refused (&a, KITH_ERROR_BINARY, "a PNG image, not a plain text file");
  import_bytes (&b, "data.txt", noise, sizeof noise, NULL);
  assert_refused (&b, KITH_ERROR_BINARY, "binary file");
  import_bytes (&c, "nul.txt", "Hello\0world, this is text with one NUL.\n", 41, NULL);
  assert_refused (&c, KITH_ERROR_BINARY, "NUL byte (at byte 5)");
}
