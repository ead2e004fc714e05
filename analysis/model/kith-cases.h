/* kith-cases.h — cases (the people and units a study is about) and their
 * attributes
 *
 * A case is a participant, an organisation, a workshop: whatever the
 * analysis compares. Documents and speaker turns are linked to cases, and
 * cases carry attributes (local authority, age band, role …), each of one
 * type: text, number (a decimal with a full stop, whatever the locale),
 * date (YYYY-MM-DD) or boolean (true/false, yes/no, 1/0; stored as true or
 * false). A case has at most one value per attribute.
 */
#pragma once

#include "kith-project.h"

G_BEGIN_DECLS

typedef enum {
  KITH_ATTRIBUTE_TEXT,
  KITH_ATTRIBUTE_NUMBER,
  KITH_ATTRIBUTE_DATE,
  KITH_ATTRIBUTE_BOOLEAN,
} KithAttributeType;

typedef struct
{
  gint64            id;
  char             *name;
  KithAttributeType type;
} KithAttribute;

typedef struct
{
  char *attribute;
  char *value;
} KithCaseValue;

typedef struct
{
  gint64     id;
  char      *name;
  char      *description;
  GPtrArray *values;       /* KithCaseValue, in attribute order */
  gint64     n_documents;  /* documents linked to the case */
  gint64     n_turns;      /* speaker turns linked to the case */
} KithCase;

const char *kith_attribute_type_to_string   (KithAttributeType  type);
gboolean    kith_attribute_type_from_string (const char        *text,
                                             KithAttributeType *type);
/* The stored form of @value for @type (owned), or NULL with @error saying
 * why it is not one (“…is not a number”). */
char       *kith_attribute_check_value      (KithAttributeType  type,
                                             const char        *value,
                                             GError           **error);
/* Splits a column heading “age:number” into a name and a type; a heading
 * without a known type after its last colon is all name, of type text. */
char       *kith_attribute_parse_heading    (const char        *heading,
                                             KithAttributeType *type,
                                             gboolean          *typed);

void        kith_attribute_free             (KithAttribute     *attribute);
void        kith_case_free                  (KithCase          *kase);

/* (element-type KithAttribute) in column order */
GPtrArray  *kith_attributes_list            (KithProject       *project,
                                             GError           **error);
/* The attribute @name, created with @type when there is none. When it
 * exists with another type and @typed, that is an error. Returns its id. */
gint64      kith_attributes_ensure          (KithProject       *project,
                                             const char        *name,
                                             KithAttributeType  type,
                                             gboolean           typed,
                                             KithAttributeType *actual,
                                             GError           **error);
/* Creates @name or changes its type; existing values must suit the type. */
gboolean    kith_attributes_define          (KithProject       *project,
                                             const char        *name,
                                             KithAttributeType  type,
                                             GError           **error);

/* (element-type KithCase) by name, with their values */
GPtrArray  *kith_cases_list                 (KithProject       *project,
                                             GError           **error);
/* The id of the case called @name: 0 (and no error) when there is none,
 * -1 on error. */
gint64      kith_cases_find                 (KithProject       *project,
                                             const char        *name,
                                             GError           **error);
/* Creates a case; an existing one is KITH_ERROR_EXISTS unless @reuse. */
gint64      kith_cases_add                  (KithProject       *project,
                                             const char        *name,
                                             gboolean           reuse,
                                             gboolean          *created,
                                             GError           **error);
/* Sets (or with @value NULL or "", removes) a case's value, checked
 * against the attribute's type. */
gboolean    kith_cases_set_value            (KithProject       *project,
                                             gint64             case_id,
                                             gint64             attribute_id,
                                             KithAttributeType  type,
                                             const char        *value,
                                             GError           **error);
/* The same for a document: documents carry attributes too, such as the
 * local authority of a workshop's notes. */
gboolean    kith_documents_set_value         (KithProject       *project,
                                             gint64             document_id,
                                             gint64             attribute_id,
                                             KithAttributeType  type,
                                             const char        *value,
                                             GError           **error);
/* Links every turn of @speaker in a document to a case; returns how many
 * turns, 0 with an error when the speaker never speaks there. */
guint       kith_cases_link_speaker         (KithProject       *project,
                                             gint64             document_id,
                                             const char        *speaker,
                                             gint64             case_id,
                                             GError           **error);
/* Links a whole document to a case (0: unlinks). */
gboolean    kith_cases_link_document        (KithProject       *project,
                                             gint64             document_id,
                                             gint64             case_id,
                                             GError           **error);
/* A case for each speaker of a document (an existing case of that name is
 * reused), their turns linked to it; speakers in @skip are left alone.
 * (element-type utf8) the speakers linked, or NULL on error. */
GPtrArray  *kith_cases_from_speakers        (KithProject       *project,
                                             gint64             document_id,
                                             const char *const *skip,
                                             GError           **error);

typedef struct
{
  guint cases;           /* rows applied */
  guint created;         /* cases created (with @create) */
  guint values;          /* values set or removed */
  GPtrArray *problems;   /* (element-type utf8) “line 4: …”, when it failed */
} KithCasesImport;

void        kith_cases_import_clear         (KithCasesImport   *report);
/* Imports attributes from CSV @text: the first column names the case, the
 * others are attributes (headings “name” or “name:type”). Unknown cases
 * are an error unless @create. All or nothing: on any problem nothing is
 * changed, and every problem is listed by line in @report. */
gboolean    kith_cases_import_csv           (KithProject       *project,
                                             const char        *text,
                                             gsize              len,
                                             gboolean           create,
                                             KithCasesImport   *report,
                                             GError           **error);

/* Problems with a file are listed by line, up to this many. */
#define KITH_MAX_PROBLEMS 50

/* Adds a problem (“line 4: …”) to @problems unless there are enough. */
void        kith_cases_add_problem          (GPtrArray         *problems,
                                             const char        *format,
                                             ...) G_GNUC_PRINTF (2, 3);
/* Sets @error to KITH_ERROR_INVALID listing @problems; returns FALSE. */
gboolean    kith_cases_problems_error       (GPtrArray         *problems,
                                             GError           **error);

/* Attribute columns of a CSV file (cases or survey), for importers. */
typedef struct _KithAttributeColumns KithAttributeColumns;

/* Ensures an attribute for each heading in @header at @columns (-1 ends the
 * list); call inside a transaction. */
KithAttributeColumns *kith_attribute_columns_new   (KithProject          *project,
                                                    const char *const    *header,
                                                    const int            *columns,
                                                    GError              **error);
void                  kith_attribute_columns_free  (KithAttributeColumns *columns);
guint                 kith_attribute_columns_get_n (KithAttributeColumns *columns);
/* Sets the case's values from @row; a value that does not suit its type is
 * added to @problems (“line 7, age: …”) instead. FALSE only on a database
 * error. Returns the values set in @n_set. */
gboolean              kith_attribute_columns_apply (KithAttributeColumns *columns,
                                                    gint64                case_id,
                                                    const char *const    *row,
                                                    guint                 line,
                                                    GPtrArray            *problems,
                                                    guint                *n_set,
                                                    GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithAttribute, kith_attribute_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithCase, kith_case_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithAttributeColumns, kith_attribute_columns_free)

G_END_DECLS
