/* kith-qde.h — a REFI-QDA (QDA-XML 1.0) project or codebook in memory
 *
 * The exchange runs in two halves that meet here: kith-qde-read.c parses a
 * vendor's project.qde / .qdc, tolerantly, into these structs, and
 * kith-refi-import.c brings them into a Kith project; kith-refi-export.c
 * builds them from a project and kith-qde-write.c writes them as XML that
 * validates against ../shared/refi's schemas.
 *
 * Strings are UTF-8, owned by the struct. GUIDs are kept as normalised by
 * kith_refi_guid_normalise (lower case, no braces) once read; positions are
 * code point offsets into the source's plain text, as the standard says,
 * after the reader has removed a BOM and (when detected) CRLF counting.
 *
 * How Kith's concepts travel (both halves keep to this):
 *  - coders ↔ Users; a coding's coder ↔ Coding creatingUser.
 *  - codes ↔ Codes (a code with children is isCodable="false" only when it
 *    has no codings of its own); colour ↔ color “#rrggbb”; description ↔
 *    Description.
 *  - the framework: a code's goal, dimension and outcome key are kept as
 *    Sets named “Kith goal: KEY”, “Kith dimension: KEY” and “Kith outcome:
 *    KEY”, each with Description “Kith framework” and the codes as
 *    MemberCode; an importer that sees such sets puts the codes back in
 *    the framework, and other sets are reported as skipped.
 *  - attributes ↔ Variables (text Text, number Float or Integer, date
 *    Date, boolean Boolean); case values ↔ Case VariableValue; document
 *    values ↔ TextSource VariableValue.
 *  - documents ↔ TextSource, plainTextPath “internal://GUID.txt” holding
 *    exactly the canonical text; a document's kind and title are kept as
 *    its Description's first line “Kith: kind=KIND; title=TITLE” when not
 *    the defaults.
 *  - codings ↔ one PlainTextSelection per span (name = the coded text,
 *    startPosition/endPosition), with one Coding per code and coder on that
 *    span; a coding's memo ↔ a Note linked by the Coding's NoteRef.
 *  - memos on a document, code or case ↔ Notes (Note name = the title, the
 *    text as PlainTextContent) with a NoteRef from the thing they are on;
 *    project memos (on nothing) ↔ the project's own NoteRef. A Case has no
 *    NoteRef in the schema: a case's memo is a Note whose Description is
 *    “Kith: case=GUID” (the case's GUID), and no NoteRef points to it.
 *  - cases ↔ Cases, with SourceRef for a document linked to the case and
 *    SelectionRef for a speaker turn linked to it (a selection spanning
 *    the turn from start_pos to end_pos).
 *  - pending and rejected suggestions do not travel; accepted ones are
 *    codings like any other.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How far an import or export is (0 … 1) and what it is doing; called
 * from the thread doing the work. */
typedef void (*KithRefiProgressFunc) (double      fraction,
                                      const char *message,
                                      gpointer    user_data);

typedef enum {
  KITH_QDE_TEXT,
  KITH_QDE_BOOLEAN,
  KITH_QDE_INTEGER,
  KITH_QDE_FLOAT,
  KITH_QDE_DATE,
  KITH_QDE_DATETIME,
} KithQdeType;

/* “Text”, “Boolean”, … as typeOfVariable and the value elements spell them
 * (“TextValue”, …); -1 from _parse when unknown. */
const char *kith_qde_type_name  (KithQdeType  type);
int         kith_qde_type_parse (const char  *name);

typedef struct {
  char *guid;
  char *name;
} KithQdeUser;

typedef struct _KithQdeCode KithQdeCode;
struct _KithQdeCode {
  char      *guid;
  char      *name;
  char      *description;   /* NULL: none */
  char      *colour;        /* “#rrggbb”, or NULL */
  gboolean   codable;
  GPtrArray *children;      /* KithQdeCode */
  GPtrArray *note_refs;     /* char * GUIDs */
};

typedef struct {
  char        *guid;
  char        *name;
  char        *description;
  KithQdeType  type;
} KithQdeVariable;

typedef struct {
  char        *variable;    /* GUID */
  KithQdeType  type;
  char        *value;       /* as written in the element */
} KithQdeValue;

typedef struct {
  char      *guid;
  char      *code;          /* GUID (CodeRef) */
  char      *creating_user; /* GUID or NULL */
  char      *created;       /* xsd:dateTime or NULL */
  GPtrArray *note_refs;
} KithQdeCoding;

typedef struct {
  char      *guid;
  char      *name;
  char      *description;
  gint64     start;
  gint64     end;
  char      *creating_user;
  char      *created;
  GPtrArray *codings;       /* KithQdeCoding */
  GPtrArray *note_refs;
} KithQdeSelection;

typedef enum {
  KITH_QDE_SOURCE_TEXT,
  KITH_QDE_SOURCE_PICTURE,
  KITH_QDE_SOURCE_PDF,
  KITH_QDE_SOURCE_AUDIO,
  KITH_QDE_SOURCE_VIDEO,
} KithQdeSourceKind;

/* A source, or a Note (a Note is a TextSource in the schema). */
typedef struct {
  KithQdeSourceKind kind;
  char      *guid;
  char      *name;
  char      *description;
  char      *plain_text_path;    /* as written, e.g. “internal://GUID.txt” */
  char      *rich_text_path;     /* TextSource richTextPath, or path of other kinds */
  char      *plain_text_content; /* PlainTextContent, or NULL */
  char      *creating_user;
  char      *created;
  char      *modified;
  GPtrArray *selections;         /* KithQdeSelection (text selections only) */
  GPtrArray *codings;            /* KithQdeCoding directly on the source */
  GPtrArray *values;             /* KithQdeValue */
  GPtrArray *note_refs;
  guint      n_other_selections; /* picture, PDF, audio or video selections */
} KithQdeSource;

typedef struct {
  char      *guid;
  char      *name;          /* may be NULL: vendors write cases without names */
  char      *description;
  GPtrArray *values;        /* KithQdeValue */
  GPtrArray *source_refs;   /* GUIDs */
  GPtrArray *selection_refs;
  GPtrArray *code_refs;
  GPtrArray *note_refs;     /* memos on the case */
} KithQdeCase;

typedef struct {
  char      *guid;
  char      *name;
  char      *description;
  GPtrArray *member_codes;  /* GUIDs */
  GPtrArray *member_sources;
  GPtrArray *member_notes;
} KithQdeSet;

typedef struct {
  char      *name;
  char      *origin;
  char      *creating_user;
  char      *created;
  char      *description;
  GPtrArray *users;         /* KithQdeUser */
  GPtrArray *codes;         /* KithQdeCode, the roots */
  GPtrArray *variables;     /* KithQdeVariable */
  GPtrArray *cases;         /* KithQdeCase */
  GPtrArray *sources;       /* KithQdeSource */
  GPtrArray *notes;         /* KithQdeSource with kind TEXT */
  GPtrArray *sets;          /* KithQdeSet */
  GPtrArray *note_refs;     /* the project's own NoteRef */
  guint      n_links;       /* what Kith does not hold, counted for the report */
  guint      n_graphs;
} KithQde;

/* Empty objects with every array made (and freeing what it holds). */
KithQde          *kith_qde_new           (void);
KithQdeCode      *kith_qde_code_new      (void);
KithQdeVariable  *kith_qde_variable_new  (void);
KithQdeValue     *kith_qde_value_new     (void);
KithQdeCoding    *kith_qde_coding_new    (void);
KithQdeSelection *kith_qde_selection_new (void);
KithQdeSource    *kith_qde_source_new    (KithQdeSourceKind kind);
KithQdeCase      *kith_qde_case_new      (void);
KithQdeSet       *kith_qde_set_new       (void);
KithQdeUser      *kith_qde_user_new      (void);

void kith_qde_free           (KithQde          *qde);
void kith_qde_code_free      (KithQdeCode      *code);
void kith_qde_variable_free  (KithQdeVariable  *variable);
void kith_qde_value_free     (KithQdeValue     *value);
void kith_qde_coding_free    (KithQdeCoding    *coding);
void kith_qde_selection_free (KithQdeSelection *selection);
void kith_qde_source_free    (KithQdeSource    *source);
void kith_qde_case_free      (KithQdeCase      *qcase);
void kith_qde_set_free       (KithQdeSet       *set);
void kith_qde_user_free      (KithQdeUser      *user);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KithQde, kith_qde_free)

G_END_DECLS
