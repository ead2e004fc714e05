/* fuzz-barometers.c — barometer tables, CSV or TSV told by the first line */
#include "kith-barometers.h"
#include "kith-fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* no extension: the importer tells CSV from TSV by the content */
  g_autofree char *path = kf_write_input (data, size, "barometers");
  g_autoptr(KithBarometerImport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = kith_barometers_import_file (kf_project (), path, &report, &error);
  kf_check (ok || error != NULL, "a refusal without a reason");
  kf_check (!ok || report != NULL, "an import without a report");
  kf_check (!ok || report->problems->len == 0, "stored despite %u problems", report->problems->len);
  if (ok)
    kf_note ("%s: %u rows, %u new figures", report->format, report->n_rows, report->n_values_new);
  else
    kf_note ("refused: %s", error->message);
  return 0;
}
