/* fuzz-rules-tsv.c — rules files (CODE_PATH<TAB>PATTERN lines): all or
 * nothing, a bad line named */
#include "kith-fuzz.h"
#include "kith-rule-store.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *path = kf_write_input (data, size, "rules.tsv");
  g_autoptr(GError) error = NULL;
  KithRulesImport result = { 0 };

  if (!kith_rules_import_tsv (kf_project (), path, &result, &error))
    {
      kf_check (error != NULL && error->message[0] != '\0', "a refusal without a reason");
      kf_note ("refused: %s", error->message);
    }
  else
    kf_note ("%u rules added, %u already there", result.added, result.existing);
  return 0;
}
