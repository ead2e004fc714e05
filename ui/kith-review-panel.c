/* kith-review-panel.c */
#include <glib/gi18n.h>
#include <math.h>

#include "kith-chip.h"
#include "kith-review-panel.h"
#include "kith-rule-store.h"
#include "kith-ui-util.h"

struct _KithReviewPanel
{
  GtkWidget       parent_instance;

  GtkLabel       *count_label;
  GtkLabel       *hint_label;
  GtkWidget      *card;
  KithChip       *chip;
  GtkLabel       *code_label;
  GtkLabel       *passage_label;
  GtkLabel       *rule_label;
  GtkLabel       *precision_label;
  GtkWidget      *decide_box;
  GtkWidget      *step_box;
  GtkWidget      *progress_box;
  GtkLabel       *progress_label;
  GtkProgressBar *progress_bar;
  GtkWidget      *run_box;

  KithCodeList   *codes;
  KithReviewCursor *review;       /* what it shows */
  KithContext    *context;        /* the rules */
  GtkTextView    *text;           /* the open document, for the passage */
};

#define PASSAGE_CHARS 240

G_DEFINE_FINAL_TYPE (KithReviewPanel, kith_review_panel, GTK_TYPE_WIDGET)

void
kith_review_panel_set_codes (KithReviewPanel *self,
                             KithCodeList    *codes)
{
  g_return_if_fail (KITH_IS_REVIEW_PANEL (self));
  g_set_object (&self->codes, codes);
}

/* “75 % of decided (3 accepted, 1 rejected)”: how far to trust the rule */
static char *
precision_text (const KithRuleStats *stats)
{
  if (stats == NULL)
    return g_strdup (_("Its rule was deleted since."));
  if (stats->accepted + stats->rejected == 0 || isnan (stats->precision))
    return g_strdup_printf (_("Rule precision: none decided yet (%lld waiting)"), (long long) stats->pending);
  return g_strdup_printf (_("Rule precision: %.0f%% — %lld accepted, %lld rejected"),
                          stats->precision * 100.0, (long long) stats->accepted, (long long) stats->rejected);
}

/* The suggestion under review, number @index (from 0) of @n pending in the
 * document, with @passage its text, @note its rule's note and @stats its
 * rule's statistics (each may be NULL). @suggestion NULL: none chosen, @n
 * pending (0 when there is no document). */
static void
show (KithReviewPanel      *self,
      const KithSuggestion *suggestion,
      guint                 index,
      guint                 n,
      const char           *passage,
      const char           *note,
      const KithRuleStats  *stats)
{
  KithCodeItem *code;
  g_autofree char *count = NULL;
  g_autofree char *quoted = NULL;
  g_autofree char *rule = NULL;
  g_autofree char *precision = NULL;
  g_autofree char *card_label = NULL;

  g_return_if_fail (KITH_IS_REVIEW_PANEL (self));

  if (suggestion != NULL)
    count = g_strdup_printf (_("%u of %u"), index + 1, n);
  else if (n > 0)
    count = g_strdup_printf (g_dngettext (NULL, "%u waiting", "%u waiting", n), n);
  gtk_label_set_text (self->count_label, count != NULL ? count : "");
  gtk_widget_set_visible (self->card, suggestion != NULL);
  gtk_widget_set_visible (self->decide_box, suggestion != NULL);
  gtk_widget_set_visible (self->step_box, n > 0);
  if (suggestion == NULL)
    {
      gtk_label_set_text (self->hint_label,
                          n > 0 ? _("Press N for the next suggestion in this document, then A to accept it or R to "
                                    "reject it.")
                                : _("The codebook's rules find passages and queue them here for you to accept or "
                                    "reject. Nothing is coded behind your back. Press F7 to run them over this "
                                    "document."));
      gtk_widget_set_visible (GTK_WIDGET (self->hint_label), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), FALSE);
  code = self->codes != NULL ? kith_code_list_lookup (self->codes, suggestion->code_id) : NULL;
  kith_chip_set_colour (self->chip, code != NULL ? kith_code_item_get_colour (code) : NULL);
  gtk_label_set_text (self->code_label, suggestion->code_path);
  quoted = g_strdup_printf ("“%s”", passage != NULL ? passage : "");
  gtk_label_set_text (self->passage_label, quoted);
  rule = note != NULL && *note != '\0' ? g_strdup_printf (_("Rule: %s"), note) : g_strdup (_("Rule: (no note)"));
  gtk_label_set_text (self->rule_label, rule);
  precision = precision_text (stats);
  gtk_label_set_text (self->precision_label, precision);
  /* what a screen reader says on reaching the card */
  card_label = g_strdup_printf (_("Suggested code %s, %s. %s. %s"), suggestion->code_path, quoted, rule, precision);
  kith_set_label (self->card, card_label);
}

/* the start of the suggested passage, as one paragraph however the turn was broken */
static char *
passage_of (KithReviewPanel *self, const KithSuggestion *s)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text);
  GtkTextIter a, b;
  g_autofree char *text = NULL;
  g_autoptr(GString) line = g_string_new (NULL);

  gtk_text_buffer_get_iter_at_offset (buffer, &a, (int) s->start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, (int) MIN (s->end, s->start + PASSAGE_CHARS));
  text = gtk_text_iter_get_text (&a, &b);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      g_string_append_unichar (line, g_unichar_isspace (c) ? ' ' : c);
    }
  if (s->end - s->start > PASSAGE_CHARS)
    g_string_append (line, "…");
  return g_string_free (g_steal_pointer (&line), FALSE);
}

static void
on_review_changed (KithReviewCursor *review, gboolean reveal, KithReviewPanel *self)
{
  KithSuggestion *s = kith_review_cursor_get_current (review);
  GPtrArray *pending = kith_review_cursor_get_pending (review);
  KithProject *project = kith_context_get_project (self->context);
  g_autoptr(KithRuleDef) rule = NULL;
  g_autoptr(GPtrArray) stats = NULL;
  g_autofree char *passage = NULL;
  const KithRuleStats *rule_stats = NULL;

  if (s == NULL)
    {
      show (self, NULL, 0, pending->len, NULL, NULL, NULL);
      return;
    }
  if (s->rule_id != 0)
    {
      rule = kith_rules_get (project, s->rule_id, NULL);
      stats = kith_rules_stats (project, NULL);
      for (guint i = 0; stats != NULL && i < stats->len; i++)
        if (((KithRuleStats *) g_ptr_array_index (stats, i))->rule_id == s->rule_id)
          rule_stats = g_ptr_array_index (stats, i);
    }
  passage = passage_of (self, s);
  show (self, s, (guint) kith_review_cursor_get_position (review), pending->len, passage,
        rule != NULL ? rule->note : NULL, rule_stats);
}

void
kith_review_panel_follow (KithReviewPanel  *self,
                          KithReviewCursor *review,
                          KithContext      *context,
                          GtkTextView      *text)
{
  g_return_if_fail (KITH_IS_REVIEW_PANEL (self));
  g_return_if_fail (KITH_IS_REVIEW_CURSOR (review));
  g_return_if_fail (KITH_IS_CONTEXT (context));
  g_return_if_fail (GTK_IS_TEXT_VIEW (text));

  if (self->review != NULL)
    g_signal_handlers_disconnect_by_data (self->review, self);
  g_set_object (&self->review, review);
  g_set_object (&self->context, context);
  g_set_object (&self->text, text);
  g_signal_connect (review, "changed", G_CALLBACK (on_review_changed), self);
}

void
kith_review_panel_set_progress (KithReviewPanel *self,
                                const char      *text,
                                double           fraction)
{
  g_return_if_fail (KITH_IS_REVIEW_PANEL (self));

  gtk_widget_set_visible (self->progress_box, text != NULL);
  gtk_widget_set_visible (self->run_box, text == NULL);
  if (text == NULL)
    return;
  gtk_label_set_text (self->progress_label, text);
  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0.0, 1.0));
}

void
kith_review_panel_follow_job (KithReviewPanel *self,
                              KithJob         *job,
                              const char      *text)
{
  g_return_if_fail (KITH_IS_REVIEW_PANEL (self));
  g_return_if_fail (KITH_IS_JOB (job));

  kith_review_panel_set_progress (self, text, 0);
  /* the bindings go with the job */
  g_object_bind_property (job, "running", self->progress_box, "visible", G_BINDING_SYNC_CREATE);
  g_object_bind_property (job, "running", self->run_box, "visible", G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
  g_object_bind_property (job, "message", self->progress_label, "label", G_BINDING_DEFAULT);
  g_object_bind_property (job, "fraction", self->progress_bar, "fraction", G_BINDING_DEFAULT);
}

void
kith_review_panel_add_keys (GtkShortcutController *controller)
{
  /* Shift+A first: a plain “a” would take it too */
  static const struct { guint keyval; GdkModifierType mods; const char *action; } keys[] = {
    { GDK_KEY_a, GDK_SHIFT_MASK, "win.suggestion-accept-rule" },
    { GDK_KEY_a, 0, "win.suggestion-accept" },
    { GDK_KEY_r, 0, "win.suggestion-reject" },
    { GDK_KEY_n, 0, "win.suggestion-next" },
    { GDK_KEY_j, 0, "win.suggestion-next" },
    { GDK_KEY_p, 0, "win.suggestion-previous" },
    { GDK_KEY_k, 0, "win.suggestion-previous" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (controller,
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].keyval, keys[i].mods),
                                                            gtk_named_action_new (keys[i].action)));
}

static void
kith_review_panel_dispose (GObject *object)
{
  KithReviewPanel *self = KITH_REVIEW_PANEL (object);

  if (self->review != NULL)
    g_signal_handlers_disconnect_by_data (self->review, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_REVIEW_PANEL);
  kith_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->codes);
  g_clear_object (&self->review);
  g_clear_object (&self->context);
  g_clear_object (&self->text);
  G_OBJECT_CLASS (kith_review_panel_parent_class)->dispose (object);
}

static void
kith_review_panel_class_init (KithReviewPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_review_panel_dispose;

  g_type_ensure (KITH_TYPE_CHIP);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/kith/Kith/kith-review-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, KithReviewPanel, count_label);
  gtk_widget_class_bind_template_child (widget_class, KithReviewPanel, hint_label);
  gtk_widget_class_bind_template_child (widget_class, KithReviewPanel, card);
  gtk_widget_class_bind_template_child (widget_class, KithReviewPanel, chip);
  gtk_widget_class_bind_template_child (widget_class, KithReviewPanel, code_label);
  gtk_widget_class_bind_template_child (widget_class, KithReviewPanel, passage_label);
  gtk_widget_class_bind_template_child (widget_class, KithReviewPanel, rule_label);
  gtk_widget_class_bind_template_child (widget_class, KithReviewPanel, precision_label);
  gtk_widget_class_bind_template_child (widget_class, KithReviewPanel, decide_box);
  gtk_widget_class_bind_template_child (widget_class, KithReviewPanel, step_box);
  gtk_widget_class_bind_template_child (widget_class, KithReviewPanel, progress_box);
  gtk_widget_class_bind_template_child (widget_class, KithReviewPanel, progress_label);
  gtk_widget_class_bind_template_child (widget_class, KithReviewPanel, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KithReviewPanel, run_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
kith_review_panel_init (KithReviewPanel *self)
{
  GtkEventController *keys = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* the same keys while a button here has the focus */
  kith_review_panel_add_keys (GTK_SHORTCUT_CONTROLLER (keys));
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  show (self, NULL, 0, 0, NULL, NULL, NULL);
}
