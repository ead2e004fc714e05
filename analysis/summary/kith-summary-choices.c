/* kith-summary-choices.c — the summary's filters, and what they offer */
#include "kith-summary-choices.h"

#include "kith-barometers.h"

struct _KithSummaryChoices
{
  GObject    parent_instance;

  char      *chosen[KITH_SUMMARY_N_CHOICES];
  GPtrArray *keys[KITH_SUMMARY_N_CHOICES];
  GPtrArray *labels[KITH_SUMMARY_N_CHOICES];
  char      *area;
  gboolean   has_barometers;
  gboolean   offered;        /* once: every list is news the first time */
};

G_DEFINE_FINAL_TYPE (KithSummaryChoices, kith_summary_choices, G_TYPE_OBJECT)

/* the properties are the choices, in KithSummaryChoice order */
enum { PROP_0, PROP_GOAL, PROP_PLACE, PROP_PERIOD, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_CHANGED, SIGNAL_OPTIONS_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- the offer ---------------------------------------------------------------- */

void
kith_summary_offer_free (KithSummaryOffer *offer)
{
  if (offer == NULL)
    return;
  for (int i = 0; i < KITH_SUMMARY_N_CHOICES; i++)
    {
      g_clear_pointer (&offer->keys[i], g_ptr_array_unref);
      g_clear_pointer (&offer->labels[i], g_ptr_array_unref);
    }
  g_free (offer->area);
  g_free (offer);
}

void
kith_summary_pick_free (KithSummaryPick *pick)
{
  if (pick == NULL)
    return;
  g_clear_pointer (&pick->summary, kith_summary_free);
  g_clear_pointer (&pick->offer, kith_summary_offer_free);
  g_free (pick);
}

static void
add_unique (GPtrArray *names, const char *name)
{
  if (name == NULL || *name == '\0')
    return;
  for (guint i = 0; i < names->len; i++)
    if (g_utf8_collate (g_ptr_array_index (names, i), name) == 0)
      return;
  g_ptr_array_add (names, g_strdup (name));
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate (*(const char *const *) a, *(const char *const *) b);
}

static gboolean
offered (GPtrArray *keys, const char *key)
{
  for (guint i = 0; keys != NULL && key != NULL && i < keys->len; i++)
    if (g_str_equal (g_ptr_array_index (keys, i), key))
      return TRUE;
  return FALSE;
}

static KithSummaryOffer *
offer_from (KithSummary *all, GPtrArray *barometers, GPtrArray *values)
{
  KithSummaryOffer *offer = g_new0 (KithSummaryOffer, 1);
  GPtrArray *places, *periods;

  for (int i = 0; i < KITH_SUMMARY_N_CHOICES; i++)
    offer->keys[i] = g_ptr_array_new_with_free_func (g_free);
  offer->labels[KITH_SUMMARY_CHOICE_GOAL] = g_ptr_array_new_with_free_func (g_free);
  offer->has_barometers = barometers->len > 0;
  offer->area = g_strdup (all->area);
  for (guint i = 0; i < all->goals->len; i++)
    {
      KithSummaryGoal *goal = g_ptr_array_index (all->goals, i);
      g_ptr_array_add (offer->keys[KITH_SUMMARY_CHOICE_GOAL], g_strdup (goal->key));
      g_ptr_array_add (offer->labels[KITH_SUMMARY_CHOICE_GOAL], g_strdup (goal->label));
    }
  /* places: local authorities with figures or evidence */
  places = offer->keys[KITH_SUMMARY_CHOICE_PLACE];
  periods = offer->keys[KITH_SUMMARY_CHOICE_PERIOD];
  for (guint i = 0; i < values->len; i++)
    {
      KithBarometerValue *v = g_ptr_array_index (values, i);
      if (v->level == KITH_GEOGRAPHY_LOCAL)
        add_unique (places, v->geography);
      add_unique (periods, v->period);
    }
  for (guint i = 0; i < all->by_geography->len; i++)
    add_unique (places, ((KithSummaryCount *) g_ptr_array_index (all->by_geography, i))->geography);
  g_ptr_array_sort (places, compare_names);
  g_ptr_array_sort (periods, compare_names);
  /* places and periods read as they are */
  offer->labels[KITH_SUMMARY_CHOICE_PLACE] = g_ptr_array_ref (places);
  offer->labels[KITH_SUMMARY_CHOICE_PERIOD] = g_ptr_array_ref (periods);
  return offer;
}

KithSummaryPick *
kith_summary_pick_read (KithProject  *project,
                        const char   *goal,
                        const char   *place,
                        const char   *period,
                        GError      **error)
{
  g_autoptr(KithSummaryPick) pick = g_new0 (KithSummaryPick, 1);
  g_autoptr(KithSummary) all = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GPtrArray) barometers = NULL;
  KithSummaryOptions options;

  g_return_val_if_fail (KITH_IS_PROJECT (project), NULL);

  if ((barometers = kith_barometers_list (project, error)) == NULL
      || (values = kith_barometers_values (project, 0, error)) == NULL)
    return NULL;
  /* the choices come from the whole project, whatever is filtered */
  kith_summary_options_init (&options);
  all = kith_summary_compute (project, &options, error);
  if (all == NULL)
    return NULL;
  pick->offer = offer_from (all, barometers, values);
  if (goal == NULL && place == NULL && period == NULL)
    {
      pick->summary = g_steal_pointer (&all);
      return g_steal_pointer (&pick);
    }
  /* a goal that went away (its codes deleted) falls back to all */
  options.goal = offered (pick->offer->keys[KITH_SUMMARY_CHOICE_GOAL], goal) ? goal : NULL;
  options.geography = place;
  options.period = period;
  pick->summary = kith_summary_compute (project, &options, error);
  return pick->summary != NULL ? g_steal_pointer (&pick) : NULL;
}

/* ---- the choices -------------------------------------------------------------- */

const char *
kith_summary_choices_get (KithSummaryChoices *self,
                          KithSummaryChoice   which)
{
  g_return_val_if_fail (KITH_IS_SUMMARY_CHOICES (self), NULL);
  g_return_val_if_fail (which < KITH_SUMMARY_N_CHOICES, NULL);
  return self->chosen[which];
}

static gboolean
replace_choice (KithSummaryChoices *self, KithSummaryChoice which, const char *key)
{
  if (g_strcmp0 (self->chosen[which], key) == 0)
    return FALSE;
  g_free (self->chosen[which]);
  self->chosen[which] = g_strdup (key);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GOAL + which]);
  return TRUE;
}

gboolean
kith_summary_choices_set (KithSummaryChoices *self,
                          KithSummaryChoice   which,
                          const char         *key)
{
  g_return_val_if_fail (KITH_IS_SUMMARY_CHOICES (self), FALSE);
  g_return_val_if_fail (which < KITH_SUMMARY_N_CHOICES, FALSE);

  if (!replace_choice (self, which, key))
    return FALSE;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

guint
kith_summary_choices_get_position (KithSummaryChoices *self,
                                   KithSummaryChoice   which)
{
  GPtrArray *keys;

  g_return_val_if_fail (KITH_IS_SUMMARY_CHOICES (self), 0);
  g_return_val_if_fail (which < KITH_SUMMARY_N_CHOICES, 0);

  keys = self->keys[which];
  for (guint i = 0; self->chosen[which] != NULL && i < keys->len; i++)
    if (g_str_equal (g_ptr_array_index (keys, i), self->chosen[which]))
      return i + 1;
  return 0;
}

gboolean
kith_summary_choices_set_position (KithSummaryChoices *self,
                                   KithSummaryChoice   which,
                                   guint               position)
{
  GPtrArray *keys;

  g_return_val_if_fail (KITH_IS_SUMMARY_CHOICES (self), FALSE);
  g_return_val_if_fail (which < KITH_SUMMARY_N_CHOICES, FALSE);

  keys = self->keys[which];
  /* past the end (a list being replaced): all */
  return kith_summary_choices_set (self, which, position > 0 && position <= keys->len
                                                  ? g_ptr_array_index (keys, position - 1) : NULL);
}

GPtrArray *
kith_summary_choices_get_keys (KithSummaryChoices *self,
                               KithSummaryChoice   which)
{
  g_return_val_if_fail (KITH_IS_SUMMARY_CHOICES (self), NULL);
  g_return_val_if_fail (which < KITH_SUMMARY_N_CHOICES, NULL);
  return self->keys[which];
}

GPtrArray *
kith_summary_choices_get_labels (KithSummaryChoices *self,
                                 KithSummaryChoice   which)
{
  g_return_val_if_fail (KITH_IS_SUMMARY_CHOICES (self), NULL);
  g_return_val_if_fail (which < KITH_SUMMARY_N_CHOICES, NULL);
  return self->labels[which];
}

const char *
kith_summary_choices_get_area (KithSummaryChoices *self)
{
  g_return_val_if_fail (KITH_IS_SUMMARY_CHOICES (self), NULL);
  return self->area;
}

gboolean
kith_summary_choices_has_barometers (KithSummaryChoices *self)
{
  g_return_val_if_fail (KITH_IS_SUMMARY_CHOICES (self), FALSE);
  return self->has_barometers;
}

static gboolean
same_strings (GPtrArray *a, GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_strcmp0 (g_ptr_array_index (a, i), g_ptr_array_index (b, i)) != 0)
      return FALSE;
  return TRUE;
}

static GPtrArray *
copy_strings (GPtrArray *from)
{
  GPtrArray *copy = g_ptr_array_new_full (from != NULL ? from->len : 0, g_free);

  for (guint i = 0; from != NULL && i < from->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (from, i)));
  return copy;
}

void
kith_summary_choices_offer (KithSummaryChoices     *self,
                            const KithSummaryOffer *offer)
{
  gboolean changed[KITH_SUMMARY_N_CHOICES] = { FALSE };

  g_return_if_fail (KITH_IS_SUMMARY_CHOICES (self));
  g_return_if_fail (offer != NULL);

  self->has_barometers = offer->has_barometers;
  g_free (self->area);
  self->area = g_strdup (offer->area);
  g_object_freeze_notify (G_OBJECT (self));
  /* replaced only when they change: a list being looked at stays put */
  for (int i = 0; i < KITH_SUMMARY_N_CHOICES; i++)
    {
      g_autoptr(GPtrArray) keys = copy_strings (offer->keys[i]);

      if (self->offered && same_strings (self->keys[i], keys))
        continue;
      g_ptr_array_unref (self->keys[i]);
      g_ptr_array_unref (self->labels[i]);
      self->keys[i] = g_steal_pointer (&keys);
      self->labels[i] = copy_strings (offer->labels[i] != NULL ? offer->labels[i] : offer->keys[i]);
      if (!offered (self->keys[i], self->chosen[i]))
        replace_choice (self, i, NULL);
      changed[i] = TRUE;
    }
  self->offered = TRUE;
  g_object_thaw_notify (G_OBJECT (self));
  for (int i = 0; i < KITH_SUMMARY_N_CHOICES; i++)
    if (changed[i])
      g_signal_emit (self, signals[SIGNAL_OPTIONS_CHANGED], 0, i);
}

KithSummaryChoices *
kith_summary_choices_new (void)
{
  return g_object_new (KITH_TYPE_SUMMARY_CHOICES, NULL);
}

static void
kith_summary_choices_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KithSummaryChoices *self = KITH_SUMMARY_CHOICES (object);

  if (prop_id >= PROP_GOAL && prop_id < N_PROPS)
    g_value_set_string (value, self->chosen[prop_id - PROP_GOAL]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
kith_summary_choices_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  KithSummaryChoices *self = KITH_SUMMARY_CHOICES (object);

  if (prop_id >= PROP_GOAL && prop_id < N_PROPS)
    kith_summary_choices_set (self, prop_id - PROP_GOAL, g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
kith_summary_choices_finalize (GObject *object)
{
  KithSummaryChoices *self = KITH_SUMMARY_CHOICES (object);

  for (int i = 0; i < KITH_SUMMARY_N_CHOICES; i++)
    {
      g_free (self->chosen[i]);
      g_ptr_array_unref (self->keys[i]);
      g_ptr_array_unref (self->labels[i]);
    }
  g_free (self->area);
  G_OBJECT_CLASS (kith_summary_choices_parent_class)->finalize (object);
}

static void
kith_summary_choices_class_init (KithSummaryChoicesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->get_property = kith_summary_choices_get_property;
  object_class->set_property = kith_summary_choices_set_property;
  object_class->finalize = kith_summary_choices_finalize;

  properties[PROP_GOAL] = g_param_spec_string ("goal", NULL, NULL, NULL, flags);
  properties[PROP_PLACE] = g_param_spec_string ("place", NULL, NULL, NULL, flags);
  properties[PROP_PERIOD] = g_param_spec_string ("period", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* someone chose: the summary to show is another one */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* the list of one choice (a KithSummaryChoice) was replaced */
  signals[SIGNAL_OPTIONS_CHANGED] =
    g_signal_new ("options-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
kith_summary_choices_init (KithSummaryChoices *self)
{
  for (int i = 0; i < KITH_SUMMARY_N_CHOICES; i++)
    {
      self->keys[i] = g_ptr_array_new_with_free_func (g_free);
      self->labels[i] = g_ptr_array_new_with_free_func (g_free);
    }
}
