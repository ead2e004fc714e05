/* kith-qde-read.h — a vendor's project.qde or .qdc read into a KithQde
 *
 * Read with libxml2's pull parser, so a large project is never held as a
 * tree; never from the network, and a DOCTYPE (the way to external
 * entities and billion laughs) is refused before anything else is read.
 * Tolerant of what vendors write: a UTF-8 BOM before “<?xml”, braced and
 * upper-case GUIDs (normalised), either namespace (project or codebook)
 * or none, and elements Kith does not know (ignored; the ones it does not
 * hold — graphs, links, pictures, PDFs, audio, video — counted).
 */
#pragma once

#include "kith-archive.h"
#include "kith-qde.h"

G_BEGIN_DECLS

/* Parses @data (a <Project> or a <CodeBook>); @part names it in messages.
 * NULL with @error (naming @part and the problem) when it is damaged,
 * unsafe or not QDA-XML. */
KithQde *kith_qde_read       (const char   *data,
                              gsize         len,
                              const char   *part,
                              GError      **error);
/* The same for entry @name of an archive: the one place that reads an
 * entry for the parser, so it can become a stream. */
KithQde *kith_qde_read_entry (KithArchive  *archive,
                              const char   *name,
                              GError      **error);

G_END_DECLS
