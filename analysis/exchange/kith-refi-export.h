/* kith-refi-export.h — a project as a REFI-QDA codebook (.qdc) or project (.qdpx) */
#pragma once

#include "kith-project.h"
#include "kith-qde.h"
#include "kith-pseudonymiser.h"

G_BEGIN_DECLS

typedef enum {
  KITH_REFI_QDC,    /* the codebook */
  KITH_REFI_QDPX,   /* everything, as a ZIP of project.qde and sources/ */
} KithRefiFormat;

typedef struct {
  /* line ends written as CRLF, every position counted over them (MAXQDA,
   * NVivo for Windows) */
  gboolean crlf;
  /* a code name used more than once in the tree is written as its path,
   * “Connected › Think” (QualCoder merges codes of the same name) */
  gboolean unique_names;
  /* names and personal details replaced in every text, name, memo and
   * value written, selections moved with the text (NULL: none) */
  KithPseudonymiser *pseudonymiser;
} KithRefiExportOptions;

/* What an export wrote, and what it left out. */
typedef struct {
  guint n_users;
  guint n_codes;
  guint n_variables;
  guint n_cases;
  guint n_sources;
  guint n_selections;
  guint n_codings;
  guint n_notes;
  guint n_sets;
  guint n_renamed;          /* codes written under their path (unique names) */
  guint n_pending;          /* suggestions not yet reviewed: not written */
  guint n_rejected;         /* rejected suggestions: not written */
  guint n_memos_left_out;   /* memos a .qdc has no room for */
  gboolean pseudonymised;   /* options.pseudonymiser was given … */
  guint replaced[KITH_PRIVACY_N_KINDS]; /* … and replaced this many of each kind */
} KithRefiExportReport;

/* @project as @format (options NULL: the defaults), filling @report (may be
 * NULL). Reads only: a read-only project exports too. A .qdc of a project
 * without codes is refused (KITH_ERROR_INVALID). (transfer full) */
GBytes  *kith_refi_export        (KithProject                 *project,
                                  KithRefiFormat               format,
                                  const KithRefiExportOptions *options,
                                  KithRefiExportReport        *report,
                                  KithRefiProgressFunc         progress,
                                  gpointer                     progress_data,
                                  GError                     **error);

/* Writes @data to @path atomically, readable by the owner only (exports
 * hold quotes from transcripts); the error names the file. */
gboolean kith_refi_export_save   (GBytes                      *data,
                                  const char                  *path,
                                  GError                     **error);

/* What @report says, in the user's language, one line each (owned). */
char    *kith_refi_export_report_text (const KithRefiExportReport *report,
                                       KithRefiFormat              format);

G_END_DECLS
