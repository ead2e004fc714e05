/* kith-csv-reader.h — reading delimited text: RFC 4180 CSV and plain TSV
 *
 * The reader works on UTF-8 text already in memory (callers convert other
 * encodings first) and returns one record at a time with the line it starts
 * on, so that every problem can be reported as “line N: …”.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _KithCsvReader KithCsvReader;

/* A leading UTF-8 byte-order mark is skipped. @delimiter is ',' or '\t'
 * (any single byte works). With @quoted, fields
 * may be quoted as RFC 4180 says ("a, b", doubled "" for a quote, line
 * breaks inside quotes); without it, as in TSV, a quote is an ordinary
 * character. @text is borrowed and must outlive the reader. */
KithCsvReader *kith_csv_reader_new     (const char     *text,
                                        gsize           len,
                                        char            delimiter,
                                        gboolean        quoted);
void           kith_csv_reader_free    (KithCsvReader  *reader);
/* Lines that start with @comment (e.g. '#') are skipped; 0: none are. */
void           kith_csv_reader_set_comment (KithCsvReader *reader,
                                        char            comment);
/* The next record: TRUE with its fields in @fields (transfer full) and the
 * line it starts on in @line (counting from 1). FALSE at the end (@fields
 * NULL, no error) or for a malformed record (@error says which line); after
 * an error, reading continues on the next line. Blank lines are skipped. */
gboolean       kith_csv_reader_next    (KithCsvReader  *reader,
                                        GStrv          *fields,
                                        guint          *line,
                                        GError        **error);
/* A reader for what spreadsheets export: RFC 4180 quoting, and the
 * separator (comma, tab or semicolon) guessed from the first line. */
KithCsvReader *kith_csv_reader_new_guessed (const char *text,
                                        gsize           len);
/* ',', '\t' or ';': from the file name's extension (.csv, .tsv, .tab) when it
 * has one of these, else from the first line that is not a comment (tabs
 * win ties, a semicolon wins over fewer commas); 0 when none appears. A
 * leading byte-order mark is skipped by the reader and by this guess. */
char           kith_csv_guess_delimiter (const char    *filename,
                                        const char     *text,
                                        gsize           len,
                                        char            comment);

/* A column (or attribute) name as a key: trimmed, ASCII lower case, spaces
 * and hyphens as “_”, so that “Local authority” is local_authority.
 * (transfer full) */
char          *kith_csv_normalise_name  (const char    *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithCsvReader, kith_csv_reader_free)

G_END_DECLS
