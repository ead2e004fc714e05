/* kith-project.h — one Kith project: a single SQLite file (.kith)
 *
 * Every change to a project goes through a transaction (kith_project_begin /
 * _commit / _rollback), so a crash or a full disk leaves the file with
 * everything committed before it and nothing half-written.
 */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

#include "kith-error.h"

G_BEGIN_DECLS

/* 'KITH' in the SQLite header's application_id field */
#define KITH_APPLICATION_ID 0x4B495448

typedef enum {
  KITH_OPEN_DEFAULT   = 0,
  KITH_OPEN_READ_ONLY = 1 << 0,
} KithOpenFlags;

#define KITH_TYPE_PROJECT (kith_project_get_type ())
G_DECLARE_FINAL_TYPE (KithProject, kith_project, KITH, PROJECT, GObject)

KithProject *kith_project_create            (const char   *path,
                                             GError      **error);
KithProject *kith_project_open              (const char   *path,
                                             KithOpenFlags flags,
                                             GError      **error);
int          kith_project_schema_version    (void);

const char  *kith_project_get_path          (KithProject  *self);
const char  *kith_project_get_display_name  (KithProject  *self);
gboolean     kith_project_is_read_only      (KithProject  *self);
char        *kith_project_dup_read_only_reason (KithProject *self);
void         kith_project_set_read_only_error (KithProject *self,
                                             GError      **error);
sqlite3     *kith_project_get_db            (KithProject  *self);
void         kith_project_set_busy_timeout  (KithProject  *self,
                                             int           milliseconds);

const char  *kith_project_get_coder         (KithProject  *self);
void         kith_project_set_coder         (KithProject  *self,
                                             const char   *name);
gint64       kith_project_ensure_coder      (KithProject  *self,
                                             GError      **error);

gboolean     kith_project_begin             (KithProject  *self,
                                             GError      **error);
gboolean     kith_project_commit            (KithProject  *self,
                                             GError      **error);
void         kith_project_rollback          (KithProject  *self);
gboolean     kith_project_in_transaction    (KithProject  *self);

gboolean     kith_project_check_integrity   (KithProject  *self,
                                             GError      **error);

char        *kith_now_iso8601               (void);

G_END_DECLS
