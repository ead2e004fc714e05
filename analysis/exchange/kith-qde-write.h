/* kith-qde-write.h — a KithQde as QDA-XML: project.qde or a .qdc codebook */
#pragma once

#include "kith-qde.h"

G_BEGIN_DECLS

/* The project form (namespace urn:QDA-XML:project:1.0), every element in
 * the order Project-mrt2019.xsd requires. (transfer full) */
GBytes *kith_qde_write_project  (const KithQde  *qde,
                                 GError        **error);

/* The codebook form (urn:QDA-XML:codebook:1.0): @qde's codes and sets only,
 * as Codebook.xsd has them (no notes). (transfer full) */
GBytes *kith_qde_write_codebook (const KithQde  *qde,
                                 GError        **error);

G_END_DECLS
