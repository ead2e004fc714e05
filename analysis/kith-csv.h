/* kith-csv.h — RFC 4180 CSV: fields quoted when needed, CRLF between records;
 * and a reader for what spreadsheets export */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void kith_csv_append_row (GString           *out,
                          const char *const *fields,
                          guint              n_fields);

typedef struct _KithCsvReader KithCsvReader;

/* Reads records from UTF-8 @text (a byte-order mark is skipped): fields in
 * double quotes may hold separators, line breaks and doubled quotes; lines
 * end in LF or CRLF; blank lines are skipped. The separator is a comma, or
 * a semicolon or tab when the first line holds more of those (as European
 * spreadsheets write). @text must outlive the reader. */
KithCsvReader *kith_csv_reader_new       (const char    *text,
                                          gsize          len);
void           kith_csv_reader_free      (KithCsvReader *reader);
/* The next record's fields (owned), or NULL: at the end, or with @error
 * set (KITH_ERROR_INVALID, “line 12: …”) when the text is not CSV. */
GStrv          kith_csv_reader_next      (KithCsvReader *reader,
                                          GError       **error);
/* The line the record last returned starts on, from 1. */
guint          kith_csv_reader_get_line  (KithCsvReader *reader);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithCsvReader, kith_csv_reader_free)

G_END_DECLS
