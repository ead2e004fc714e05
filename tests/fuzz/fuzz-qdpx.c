/* fuzz-qdpx.c — a REFI-QDA project imported into a project: it comes in
 * whole or not at all, and every coding it leaves lies inside its text */
#include "kith-codings.h"
#include "kith-documents.h"
#include "kith-fuzz.h"
#include "kith-refi-import.h"

#include <string.h>

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  KithProject *project = kf_project ();
  g_autofree char *path = kf_write_input (data, size, "fuzz.qdpx");
  g_autoptr(GPtrArray) codings = NULL;
  g_autoptr(GError) error = NULL;
  KithRefiReport report;
  gboolean ok;

  kith_refi_report_init (&report);
  ok = kith_refi_import_qdpx (project, path, NULL, &report, &error);
  kf_check (kith_project_check_integrity (project, NULL), "the project is damaged after an import");
  if (!ok)
    {
      kf_check (error != NULL && g_str_has_prefix (error->message, path), "a refusal that does not name the file");
      kf_note ("refused: %s", error->message + strlen (path));
      kith_refi_report_clear (&report);
      return 0;
    }
  codings = kith_codings_list (project, 0, &error);
  kf_check (codings != NULL, "the codings do not read back: %s", error->message);
  for (guint i = 0; i < codings->len; i++)
    {
      KithCoding *coding = g_ptr_array_index (codings, i);
      g_autoptr(KithDocument) doc = kith_documents_get (project, coding->document_id, &error);
      kf_check (doc != NULL && 0 <= coding->start && coding->start < coding->end && coding->end <= doc->char_count,
                "coding %" G_GINT64_FORMAT " at %" G_GINT64_FORMAT "–%" G_GINT64_FORMAT " outside its text",
                coding->id, coding->start, coding->end);
    }
  kf_note ("%u codes, %u documents, %u codings (%u new)", report.n_codes, report.n_documents, report.n_codings,
           report.n_codings_new);
  kith_refi_report_clear (&report);
  return 0;
}
