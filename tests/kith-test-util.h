/* kith-test-util.h — helpers shared by Kith's Criterion tests */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "kith-project.h"
#include "kith-summary.h"

G_BEGIN_DECLS

/* A fresh folder under the system temporary folder, removed at exit. */
char        *kt_tmpdir          (void);
/* A new project in a fresh folder; *path receives its file name. */
KithProject *kt_new_project     (char       **path);
void         kt_write_file      (const char  *path,
                                 const void  *data,
                                 gssize       len);
char        *kt_read_file       (const char  *path,
                                 gsize       *len);
char        *kt_sha256_file     (const char  *path);
/* The path of a file in data-samples/ (owned). */
char        *kt_sample          (const char  *name);
/* Runs kith-cli with the NULL-terminated arguments; returns its exit status.
 * @out and @err, if not NULL, receive what it printed. */
int          kt_cli             (char       **out,
                                 char       **err,
                                 ...) G_GNUC_NULL_TERMINATED;
int          kt_cli_with_input  (const char  *input,
                                 char       **out,
                                 char       **err,
                                 ...) G_GNUC_NULL_TERMINATED;
/* Encodes UTF-8 @text to @encoding with iconv (for fixtures). */
GBytes      *kt_encode          (const char  *text,
                                 const char  *encoding);
/* Imports @text as a file called @name; returns the new document's id. */
gint64       kt_import_text     (KithProject *project,
                                 const char  *name,
                                 const char  *text);
/* One entry of a ZIP archive built for a test. */
typedef struct
{
  const char *name;
  const char *data;
  gssize      len;      /* -1: data is a string */
  gboolean    stored;   /* not compressed (OpenDocument's mimetype) */
} KtZipEntry;

/* Writes a ZIP archive with libarchive; with @passphrase its entries are
 * encrypted (traditional PKWARE encryption). */
void         kt_write_zip       (const char       *path,
                                 const KtZipEntry *entries,
                                 gsize             n_entries,
                                 const char       *passphrase);
/* The [Content_Types].xml of a minimal Word document. */
#define KT_DOCX_CONTENT_TYPES \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" \
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" \
  "<Override PartName=\"/word/document.xml\" " \
  "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>" \
  "</Types>"
/* A minimal Word document whose body is @body (WordprocessingML inside
 * <w:body>, prefix w:), with @footnotes (inside <w:footnotes>) if not NULL. */
void         kt_write_docx      (const char       *path,
                                 const char       *body,
                                 const char       *footnotes);
/* A minimal OpenDocument text whose office:text holds @text (prefixes text:,
 * table:, office:). */
void         kt_write_odt       (const char       *path,
                                 const char       *text);

/* Writes a project as the Kith of schema @version wrote it, with document 1
 * “old.txt” (“I feel safe”), a code and a coding, using only what schema 1
 * has; mode 0600. */
void         kt_write_old_project (const char *path,
                                   int         version);

/* The code point offset of @needle's first occurrence in @text. */
gint64       kt_offset_of       (const char  *text,
                                 const char  *needle);
/* The canonical text of document @id (owned); fails the test if unreadable. */
char        *kt_document_text   (KithProject *project,
                                 gint64       id);
/* Codes the first occurrence of @passage in @text (document @doc's text)
 * with @code_id, by hand. */
void         kt_code_text       (KithProject *project,
                                 gint64       doc,
                                 const char  *text,
                                 const char  *passage,
                                 gint64       code_id);
/* The code at @path (made if need be), placed in the framework. */
gint64       kt_framework_code  (KithProject *project,
                                 const char  *path,
                                 const char  *goal,
                                 const char  *dimension,
                                 const char  *outcome);
/* The summary of @project (options NULL: the defaults); fails the test on an error. */
KithSummary *kt_summarise       (KithProject              *project,
                                 const KithSummaryOptions *options);
/* Runs @sql on an open project; fails the test on an error. */
void         kt_exec_sql        (KithProject *project,
                                 const char  *sql);
/* Counts rows of an SQL query (“SELECT count(*) …”) on an open project. */
gint64       kt_count           (KithProject *project,
                                 const char  *sql);

/* PDF fixtures, drawn with cairo's toy text API: how far @text advances
 * the pen, and @text drawn from (@x, @baseline). */
double       kt_text_advance    (cairo_t     *cr,
                                 const char  *text);
void         kt_show_text_at    (cairo_t     *cr,
                                 double       x,
                                 double       baseline,
                                 const char  *text);
/* @text without the “|” that fixtures use to mark where a word may break
 * at a line end (owned). */
char        *kt_without_marks   (const char  *text);

G_END_DECLS
