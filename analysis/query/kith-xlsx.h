/* kith-xlsx.h — workbooks for Excel and R: extracts, code frequencies and
 * the framework matrix, each a sheet with a frozen header row, a filter,
 * readable widths and wrapped text; numbers and dates are numbers and
 * dates in the sheet (libxlsxwriter). */
#pragma once

#include "kith-matrix.h"
#include "kith-project.h"

G_BEGIN_DECLS

/* A workbook with the Extracts (one row a coding, with its code's place
 * in the framework and every case attribute, typed) and Code frequencies
 * sheets, and @matrix's sheet when it is not NULL. @extracts and
 * @attributes as kith_extracts_query_full gives them (already
 * pseudonymised, when they are to be). (transfer full) */
GBytes *kith_xlsx_extracts (KithProject      *project,
                            GPtrArray        *extracts,
                            GPtrArray        *attributes,
                            const KithMatrix *matrix,
                            GError          **error);
/* A workbook of @matrix alone. */
GBytes *kith_xlsx_matrix   (const KithMatrix *matrix,
                            GError          **error);

G_END_DECLS
