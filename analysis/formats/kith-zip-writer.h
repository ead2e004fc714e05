/* kith-zip-writer.h — writing a ZIP package in memory (DOCX, QDPX) with
 * libarchive: entries in the order added, deflated, dated now. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _KithZipWriter KithZipWriter;

KithZipWriter *kith_zip_writer_new    (void);
/* Adds entry @name holding @len bytes of @data (@len -1: a string). */
gboolean       kith_zip_writer_add    (KithZipWriter *self,
                                       const char    *name,
                                       const void    *data,
                                       gssize         len,
                                       GError       **error);
/* The archive's bytes (transfer full); the writer is freed either way. */
GBytes        *kith_zip_writer_finish (KithZipWriter *self,
                                       GError       **error);
void           kith_zip_writer_free   (KithZipWriter *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithZipWriter, kith_zip_writer_free)

G_END_DECLS
