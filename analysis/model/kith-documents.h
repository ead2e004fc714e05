/* kith-documents.h — the documents of a project and their canonical text */
#pragma once

#include "kith-project.h"
#include "kith-spool.h"
#include "kith-turns.h"

G_BEGIN_DECLS

typedef struct
{
  gint64   id;
  char    *name;            /* unique in the project */
  char    *title;           /* from the file's metadata or the user; NULL: none stored
                             * (kith_documents_dup_title works one out) */
  char    *kind;            /* transcript, report, notes, survey */
  char    *original_name;   /* the imported file's name */
  char    *format;          /* text, markdown, … */
  char    *sha256;          /* of the original file's bytes; for a document made
                             * from part of a file (a survey answer), of the
                             * file's hash and the part's identity */
  char    *encoding;        /* as detected or forced */
  char    *imported;        /* ISO 8601, UTC */
  gint64   size;            /* bytes of the original file */
  gint64   char_count;      /* code points of the canonical text */
  gint64   byte_count;      /* UTF-8 bytes of the canonical text */
  gint64   case_id;         /* 0 when not linked to a case */
  gboolean bom;
  gboolean reflowed;
  gint64   n_codings;
} KithDocument;

KithDocument *kith_document_new            (void);
void          kith_document_free           (KithDocument *doc);
gboolean      kith_document_kind_is_valid  (const char   *kind);

/* (element-type KithDocument) in id order */
GPtrArray    *kith_documents_list          (KithProject  *project,
                                            GError      **error);
KithDocument *kith_documents_get           (KithProject  *project,
                                            gint64        id,
                                            GError      **error);
/* @ref is a document id or its exact name */
KithDocument *kith_documents_lookup        (KithProject  *project,
                                            const char   *ref,
                                            GError      **error);
/* The id of the document imported from a file with this SHA-256, or 0. */
gint64        kith_documents_find_sha256   (KithProject  *project,
                                            const char   *sha256,
                                            char        **name,
                                            GError      **error);
/* The whole canonical text, NUL-terminated (owned). */
char         *kith_documents_dup_text      (KithProject  *project,
                                            gint64        id,
                                            gsize        *len,
                                            GError      **error);
typedef gboolean (*KithTextSinkFunc) (const char *data, gsize len, gpointer user_data, GError **error);
/* Streams the canonical text in chunks, in bounded memory. */
gboolean      kith_documents_read_text     (KithProject  *project,
                                            gint64        id,
                                            KithTextSinkFunc sink,
                                            gpointer      user_data,
                                            GError      **error);
/* (element-type KithTurn) in text order */
GPtrArray    *kith_documents_list_turns    (KithProject  *project,
                                            gint64        id,
                                            GError      **error);
/* Stores a new document, its text and turns in one transaction. The name is
 * made unique (“notes (2).txt”). Returns the new id, 0 on error. */
gint64        kith_documents_insert        (KithProject  *project,
                                            KithDocument *doc,
                                            KithSpool    *text,
                                            GPtrArray    *turns,
                                            GError      **error);
/* As kith_documents_find_sha256() and kith_documents_insert(), with their
 * statements prepared once for many documents (an import's); the writer
 * holds a reference on @project. */
typedef struct _KithDocumentsWriter KithDocumentsWriter;
KithDocumentsWriter *kith_documents_writer_new     (KithProject         *project);
void          kith_documents_writer_free   (KithDocumentsWriter *writer);
gint64        kith_documents_writer_find_sha256 (KithDocumentsWriter *writer,
                                            const char   *sha256,
                                            char        **name,
                                            GError      **error);
gint64        kith_documents_writer_insert (KithDocumentsWriter *writer,
                                            KithDocument *doc,
                                            KithSpool    *text,
                                            GPtrArray    *turns,
                                            GError      **error);
gboolean      kith_documents_delete        (KithProject  *project,
                                            gint64        id,
                                            GError      **error);

/* ---- titles (kith-document-title.c) ---- */

/* The document's title: the stored one, else its first heading or first
 * short line, else its name. (transfer full) */
char         *kith_documents_dup_title     (KithProject        *project,
                                            const KithDocument *doc,
                                            GError            **error);
/* Stores @title (white space trimmed); NULL or blank clears it, so that the
 * title is worked out from the text again. An undoable edit. */
gboolean      kith_documents_set_title     (KithProject  *project,
                                            gint64        id,
                                            const char   *title,
                                            GError      **error);
/* A title from the start of a canonical text: the first Markdown heading,
 * else the first short line that is not a “Label: value” line (a speaker's
 * turn, a header field) or a sentence; NULL when there is none. (transfer full) */
char         *kith_document_title_from_text (const char  *text,
                                            gsize        len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithDocument, kith_document_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithDocumentsWriter, kith_documents_writer_free)

G_END_DECLS
