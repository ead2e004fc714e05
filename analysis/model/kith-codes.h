/* kith-codes.h — the codebook of a project: a tree of codes
 *
 * A code is named by its path from the root, names joined by “/”
 * (“Connected/Feel/Heard and respected”); names cannot contain “/”.
 */
#pragma once

#include "kith-project.h"

G_BEGIN_DECLS

typedef struct
{
  gint64  id;
  gint64  parent_id;     /* 0 for a top-level code */
  char   *name;
  char   *path;
  char   *description;
  char   *colour;        /* #rrggbb */
  int     position;      /* among its siblings */
  int     depth;         /* 0 for a top-level code */
  gint64  n_codings;     /* codings of this code itself */
  char   *goal;          /* framework goal key, or NULL */
  char   *dimension;     /* think, feel, do (or another framework's), or NULL */
  char   *outcome_key;   /* the framework outcome this code stands for, or NULL */
} KithCode;

KithCode  *kith_code_new              (void);
void       kith_code_free             (KithCode     *code);

/* Splits and checks a path: no empty names. (transfer full) */
GStrv      kith_code_path_split       (const char   *path,
                                       GError      **error);
gboolean   kith_code_colour_is_valid  (const char   *colour);

/* (element-type KithCode): depth first, siblings in their order */
GPtrArray *kith_codes_list            (KithProject  *project,
                                       GError      **error);
KithCode  *kith_codes_get             (KithProject  *project,
                                       gint64        id,
                                       GError      **error);
/* The id of the code at @path, 0 with @error NOT_FOUND if there is none. */
gint64     kith_codes_find_path       (KithProject  *project,
                                       const char   *path,
                                       GError      **error);
/* @ref is a code id or a path. */
gint64     kith_codes_lookup          (KithProject  *project,
                                       const char   *ref,
                                       GError      **error);
/* Creates the code at @path and any missing parents. An existing code at
 * @path is an error (KITH_ERROR_EXISTS). @colour may be NULL (one is picked). */
gint64     kith_codes_add_path        (KithProject  *project,
                                       const char   *path,
                                       const char   *description,
                                       const char   *colour,
                                       GError      **error);
/* Like add_path, but returns the existing code's id when there is one. */
gint64     kith_codes_ensure_path     (KithProject  *project,
                                       const char   *path,
                                       GError      **error);

/* Places a code in an outcomes framework; NULLs clear. */
gboolean   kith_codes_set_framework   (KithProject  *project,
                                       gint64        id,
                                       const char   *goal,
                                       const char   *dimension,
                                       const char   *outcome_key,
                                       GError      **error);

/* id (gint64, owned key) → path (utf8), for listing things by code path */
GHashTable *kith_codes_paths          (KithProject  *project,
                                       GError      **error);

/* Editing the codebook: kith-code-edit.h */

/* Codings of the code and its sub-codes. */
gint64     kith_codes_count_codings   (KithProject  *project,
                                       gint64        id,
                                       GError      **error);
/* Sub-codes of the code, at every depth. */
gint64     kith_codes_count_descendants (KithProject  *project,
                                         gint64        id,
                                         GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithCode, kith_code_free)

G_END_DECLS
