/* kith-csv.h — writing RFC 4180 CSV: fields quoted when needed, CRLF between
 * records (reading is kith-csv-reader.h) */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void kith_csv_append_row (GString           *out,
                          const char *const *fields,
                          guint              n_fields);

/* A TSV field: tabs and line breaks in @text become spaces (transfer full). */
char *kith_tsv_field      (const char        *text);

G_END_DECLS
