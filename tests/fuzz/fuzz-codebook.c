/* fuzz-codebook.c — codebook files: read, and what is read written back and
 * read again to the same codes and rules */
#include "kith-codebook.h"
#include "kith-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = kf_write_input (data, size, "fuzz" KITH_CODEBOOK_SUFFIX);
  g_autoptr(KithCodebook) codebook = NULL;
  g_autoptr(KithCodebook) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *written = NULL;
  g_autofree char *copy = NULL;
  gsize len = 0;

  codebook = kith_codebook_read (path, &error);
  if (codebook == NULL)
    {
      kf_check (error != NULL && error->message[0] != '\0', "a refusal without a reason");
      kf_note ("refused: %s", error->message);
      return 0;
    }
  written = kith_codebook_to_data (codebook, &len);
  copy = kf_write_input ((const uint8_t *) written, len, "copy" KITH_CODEBOOK_SUFFIX);
  again = kith_codebook_read (copy, &error);
  kf_check (again != NULL, "a codebook Kith wrote does not read back: %s\n%s", error->message, written);
  kf_check (again->codes->len == codebook->codes->len && again->rules->len == codebook->rules->len,
            "%u codes and %u rules read, %u and %u after writing them back",
            codebook->codes->len, codebook->rules->len, again->codes->len, again->rules->len);
  kf_note ("%u codes, %u rules, the same after a round trip", codebook->codes->len, codebook->rules->len);
  return 0;
}
