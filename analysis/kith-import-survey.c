/* kith-import-survey.c — stub */
#include "kith-import-private.h"

gboolean
kith_import_survey_import (KithImportContext *ctx,
                           KithImportResult  *result,
                           GError           **error)
{
  g_set_error (error, KITH_ERROR, KITH_ERROR_UNSUPPORTED, "not yet");
  return FALSE;
}
