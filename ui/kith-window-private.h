/* kith-window-private.h — shared by kith-window.c and kith-window-actions.c */
#pragma once

#include "kith-code-list.h"
#include "kith-code-picker.h"
#include "kith-code-tree.h"
#include "kith-context.h"
#include "kith-document-list.h"
#include "kith-document-sidebar.h"
#include "kith-document-view.h"
#include "kith-inspector.h"
#include "kith-retrieval-view.h"
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
  GPtrArray           *pending;         /* KithSuggestion: the open document's, text order */
  gint64               pending_document; /* whose they are */
  gint64               current_suggestion;
  gint64               last_decided;    /* back to it when its decision is undone */
  gboolean             advance;         /* decided: move on from advance_start/id */
  gint64               advance_start;
  gint64               advance_id;
  GCancellable        *suggesting;      /* a suggestion pass is running */
  GMutex               progress_lock;   /* the pass's progress, from its thread */
  guint                progress_done;
  guint                progress_total;
  guint                progress_idle;
};

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

/* kith-window-review.c */
void kith_window_review_add_actions    (KithWindow *self);
void kith_window_review_update_actions (KithWindow *self,
                                        gboolean    writable,
                                        gboolean    document);
/* Reads the open document's pending suggestions again. */
void kith_window_review_reload         (KithWindow *self);
/* Another document: no suggestion chosen. */
void kith_window_review_forget         (KithWindow *self);
/* The window closes: a running pass stops. */
void kith_window_review_cancel         (KithWindow *self);

G_END_DECLS
