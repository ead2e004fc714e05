/* kith-window-private.h — shared by kith-window.c, kith-window-actions.c and kith-window-review.c */
#pragma once

#include "kith-code-list.h"
#include "kith-code-picker.h"
#include "kith-code-tree.h"
#include "kith-context.h"
#include "kith-document-list.h"
#include "kith-document-sidebar.h"
#include "kith-document-view.h"
#include "kith-inspector.h"
#include "kith-job.h"
#include "kith-matrix-view.h"
#include "kith-retrieval-view.h"
#include "kith-review-cursor.h"
#include "kith-summary-view.h"
#include "kith-review-panel.h"
#include "kith-welcome.h"
#include "kith-window.h"

G_BEGIN_DECLS

struct _KithWindow
{
  AdwApplicationWindow parent_instance;

  /* template */
  AdwToastOverlay     *toast_overlay;
  AdwToast            *toast;            /* the one showing: weak */
  GtkNativeDialog     *chooser;          /* the file chooser open: weak */
  GtkStack            *main_stack;
  KithWelcome         *welcome;
  AdwWindowTitle      *window_title;
  GtkWidget           *read_only_bar;
  GtkLabel            *read_only_reason;
  GtkPaned            *outer_paned;
  GtkPaned            *inner_paned;
  GtkWidget           *sidebar;
  KithDocumentSidebar *documents;
  KithCodeTree        *code_tree;
  GtkStack            *content_stack;
  KithDocumentView    *document_view;
  KithRetrievalView   *retrieval_view;
  KithSummaryView     *summary_view;
  KithMatrixView      *matrix_view;
  KithInspector       *inspector;
  GtkMenuButton       *menu_button;

  /* the open project */
  KithContext         *context;
  KithDocumentList    *document_list;
  KithCodeList        *code_list;
  KithCodePicker      *picker;
  GMenu               *history_section;
  gint64               pending_coding;  /* to choose once the views reload */
  gboolean             inspector_before_summary;  /* shown again when the summary goes */

  /* suggestions (kith-window-review.c) */
  KithReviewPanel     *review_panel;    /* the inspector's */
  KithReviewCursor    *review;          /* the open document's pending ones, and the one under review */
  KithJob             *suggesting;      /* a suggestion pass is running */
};

/* the helpers of every kith-window*.c */
static inline KithProject *
kith_window_project (KithWindow *self)
{
  return kith_context_get_project (self->context);
}

static inline void
kith_window_set_enabled (KithWindow *self,
                         const char *name,
                         gboolean    enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* an action that could not be done: said in a toast, and in the log */
static inline void
kith_window_report (KithWindow   *self,
                    const GError *error)
{
  g_message ("%s", error->message);
  kith_window_toast (self, error->message, FALSE);
}

/* kith-window-actions.c */
void kith_window_add_actions      (KithWindow *self);
/* Enables each action for the state the window is in: the one place. */
void kith_window_update_actions   (KithWindow *self);
/* Undo and redo labels in the menu and on the buttons. */
void kith_window_update_history   (KithWindow *self);
void kith_window_import_paths     (KithWindow *self,
                                   const char *const *paths);
void kith_window_show_error       (KithWindow *self,
                                   const char *heading,
                                   const GError *error);
/* the codings at the caret, again */
void kith_window_refresh_inspector (KithWindow *self);
/* the codes the retrieval view shows: the codebook's selection */
void kith_window_sync_retrieval   (KithWindow *self);
/* Shows the Extracts view on a matrix cell's codings (gint64). */
void kith_window_show_cell_extracts (KithWindow *self,
                                   GArray     *coding_ids,
                                   const char *title);

/* kith-window-review.c */
void kith_window_review_add_actions    (KithWindow *self);
void kith_window_review_update_actions (KithWindow *self,
                                        gboolean    writable,
                                        gboolean    document);
/* The review follows the project's changes and the open document. */
void kith_window_review_follow         (KithWindow *self);
/* The window closes: a running pass stops. */
void kith_window_review_cancel         (KithWindow *self);

G_END_DECLS
