/* kith-code-list.c */
#include <string.h>

#include "kith-code-list.h"
#include "kith-codes.h"
#include "kith-list-diff.h"

/* ---- KithCodeItem -------------------------------------------------------- */

struct _KithCodeItem
{
  GObject     parent_instance;
  gint64      id;
  gint64      parent_id;
  char       *name;
  char       *path;
  char       *description;
  char       *colour;
  gint64      n_codings;
  int         pin;
  int         depth;
  GListStore *children;
  gboolean    listed_expandable;  /* as it was when put in its parent's list */
};

G_DEFINE_FINAL_TYPE (KithCodeItem, kith_code_item, G_TYPE_OBJECT)

enum {
  ITEM_PROP_0, ITEM_PROP_NAME, ITEM_PROP_PATH, ITEM_PROP_DESCRIPTION, ITEM_PROP_COLOUR,
  ITEM_PROP_N_CODINGS, ITEM_PROP_PIN, N_ITEM_PROPS
};
static GParamSpec *item_properties[N_ITEM_PROPS];

static void
kith_code_item_finalize (GObject *object)
{
  KithCodeItem *self = KITH_CODE_ITEM (object);

  g_free (self->name);
  g_free (self->path);
  g_free (self->description);
  g_free (self->colour);
  g_clear_object (&self->children);
  G_OBJECT_CLASS (kith_code_item_parent_class)->finalize (object);
}

static void
kith_code_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KithCodeItem *self = KITH_CODE_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case ITEM_PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case ITEM_PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case ITEM_PROP_COLOUR:
      g_value_set_string (value, self->colour);
      break;
    case ITEM_PROP_N_CODINGS:
      g_value_set_int64 (value, self->n_codings);
      break;
    case ITEM_PROP_PIN:
      g_value_set_int (value, self->pin);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_code_item_class_init (KithCodeItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kith_code_item_finalize;
  object_class->get_property = kith_code_item_get_property;
  item_properties[ITEM_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_COLOUR] = g_param_spec_string ("colour", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_N_CODINGS] = g_param_spec_int64 ("n-codings", NULL, NULL, 0, G_MAXINT64, 0, flags);
  item_properties[ITEM_PROP_PIN] = g_param_spec_int ("pin", NULL, NULL, 0, KITH_N_PINS, 0, flags);
  g_object_class_install_properties (object_class, N_ITEM_PROPS, item_properties);
}

static void
kith_code_item_init (KithCodeItem *self)
{
  self->children = g_list_store_new (KITH_TYPE_CODE_ITEM);
}

static void
update_string (KithCodeItem *self, char **field, const char *value, int prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), item_properties[prop]);
}

static void
update_int (KithCodeItem *self, gint64 *field, gint64 value, int prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), item_properties[prop]);
}

gint64 kith_code_item_get_id (KithCodeItem *self) { return self->id; }
gint64 kith_code_item_get_parent_id (KithCodeItem *self) { return self->parent_id; }
const char *kith_code_item_get_name (KithCodeItem *self) { return self->name; }
const char *kith_code_item_get_path (KithCodeItem *self) { return self->path; }
const char *kith_code_item_get_description (KithCodeItem *self) { return self->description; }
const char *kith_code_item_get_colour (KithCodeItem *self) { return self->colour; }
gint64 kith_code_item_get_n_codings (KithCodeItem *self) { return self->n_codings; }
int kith_code_item_get_pin (KithCodeItem *self) { return self->pin; }
int kith_code_item_get_depth (KithCodeItem *self) { return self->depth; }
GListModel *kith_code_item_get_children (KithCodeItem *self) { return G_LIST_MODEL (self->children); }

/* ---- KithCodeList -------------------------------------------------------- */

struct _KithCodeList
{
  GObject     parent_instance;
  GHashTable *items;     /* gint64 id → KithCodeItem */
  GListStore *roots;
  GListStore *all;
  gint64      pins[KITH_N_PINS];
};

G_DEFINE_FINAL_TYPE (KithCodeList, kith_code_list, G_TYPE_OBJECT)

static void
kith_code_list_finalize (GObject *object)
{
  KithCodeList *self = KITH_CODE_LIST (object);

  g_hash_table_unref (self->items);
  g_clear_object (&self->roots);
  g_clear_object (&self->all);
  G_OBJECT_CLASS (kith_code_list_parent_class)->finalize (object);
}

static void
kith_code_list_class_init (KithCodeListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kith_code_list_finalize;
}

static void
kith_code_list_init (KithCodeList *self)
{
  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_object_unref);
  self->roots = g_list_store_new (KITH_TYPE_CODE_ITEM);
  self->all = g_list_store_new (KITH_TYPE_CODE_ITEM);
}

KithCodeList *
kith_code_list_new (void)
{
  return g_object_new (KITH_TYPE_CODE_LIST, NULL);
}

GListModel *kith_code_list_get_roots (KithCodeList *self) { return G_LIST_MODEL (self->roots); }
GListModel *kith_code_list_get_all (KithCodeList *self) { return G_LIST_MODEL (self->all); }

KithCodeItem *
kith_code_list_lookup (KithCodeList *self,
                       gint64        id)
{
  return g_hash_table_lookup (self->items, &id);
}

gint64
kith_code_list_get_pinned (KithCodeList *self,
                           guint         slot)
{
  g_return_val_if_fail (slot < KITH_N_PINS, 0);
  return self->pins[slot];
}

/* Makes @store hold @wanted (KithCodeItem), splicing the one range that
 * differs. With @keyed_by_expandable, an item whose having children changed
 * is put in again, so a tree list model asks again whether it expands. */
static void
sync_store (GListStore *store, GPtrArray *wanted, gboolean keyed_by_expandable)
{
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (store));
  g_autofree gint64 *old_keys = g_new (gint64, n_old + 1);
  g_autofree gint64 *new_keys = g_new (gint64, wanted->len + 1);
  guint position, removed, added;

  for (guint i = 0; i < n_old; i++)
    {
      g_autoptr(KithCodeItem) item = g_list_model_get_item (G_LIST_MODEL (store), i);
      old_keys[i] = item->id * 2 + (keyed_by_expandable && item->listed_expandable);
    }
  for (guint i = 0; i < wanted->len; i++)
    {
      KithCodeItem *item = g_ptr_array_index (wanted, i);
      gboolean expandable = g_list_model_get_n_items (G_LIST_MODEL (item->children)) > 0;
      new_keys[i] = item->id * 2 + (keyed_by_expandable && expandable);
    }
  kith_list_diff (old_keys, n_old, new_keys, wanted->len, &position, &removed, &added);
  if (removed == 0 && added == 0)
    return;
  if (keyed_by_expandable)
    for (guint i = position; i < position + added; i++)
      {
        KithCodeItem *item = g_ptr_array_index (wanted, i);
        item->listed_expandable = g_list_model_get_n_items (G_LIST_MODEL (item->children)) > 0;
      }
  g_list_store_splice (store, position, removed, wanted->pdata + position, added);
}

gboolean
kith_code_list_reload (KithCodeList *self,
                       KithProject  *project,
                       GError      **error)
{
  g_autoptr(GPtrArray) codes = kith_codes_list (project, error);
  g_autoptr(GHashTable) children = NULL;   /* parent id → GPtrArray of items */
  g_autoptr(GHashTable) alive = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autofree gint64 *totals = NULL;
  gint64 pins[KITH_N_PINS];
  static const gint64 root_id = 0;
  GHashTableIter iter;
  gpointer key, value;

  if (codes == NULL || !kith_pins_get (project, pins, error))
    return FALSE;
  memcpy (self->pins, pins, sizeof pins);
  children = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  alive = g_hash_table_new (g_int64_hash, g_int64_equal);
  all = g_ptr_array_new ();

  /* a parent's count includes its subcodes' codings: codes come depth
   * first, so adding each to its parent backwards sums whole subtrees */
  totals = g_new0 (gint64, codes->len + 1);
  for (guint i = 0; i < codes->len; i++)
    totals[i] = ((KithCode *) g_ptr_array_index (codes, i))->n_codings;
  for (guint i = codes->len; i-- > 0;)
    {
      KithCode *code = g_ptr_array_index (codes, i);
      for (guint j = i; j-- > 0;)
        if (((KithCode *) g_ptr_array_index (codes, j))->id == code->parent_id)
          {
            totals[j] += totals[i];
            break;
          }
    }

  for (guint i = 0; i < codes->len; i++)
    {
      KithCode *code = g_ptr_array_index (codes, i);
      KithCodeItem *item = kith_code_list_lookup (self, code->id);
      GPtrArray *siblings;
      int pin = kith_pins_find (pins, code->id) + 1;

      if (item == NULL)
        {
          item = g_object_new (KITH_TYPE_CODE_ITEM, NULL);
          item->id = code->id;
          g_hash_table_insert (self->items, &item->id, item);
        }
      item->parent_id = code->parent_id;
      item->depth = code->depth;
      update_string (item, &item->name, code->name, ITEM_PROP_NAME);
      update_string (item, &item->path, code->path, ITEM_PROP_PATH);
      update_string (item, &item->description, code->description, ITEM_PROP_DESCRIPTION);
      update_string (item, &item->colour, code->colour, ITEM_PROP_COLOUR);
      update_int (item, &item->n_codings, totals[i], ITEM_PROP_N_CODINGS);
      if (item->pin != pin)
        {
          item->pin = pin;
          g_object_notify_by_pspec (G_OBJECT (item), item_properties[ITEM_PROP_PIN]);
        }
      g_hash_table_add (alive, &item->id);
      g_ptr_array_add (all, item);
      siblings = g_hash_table_lookup (children, &code->parent_id);
      if (siblings == NULL)
        {
          siblings = g_ptr_array_new ();
          g_hash_table_insert (children, &item->parent_id, siblings);
        }
      g_ptr_array_add (siblings, item);
    }

  /* deepest first: a code's children are in place before the code is
   * (re)listed under its parent, so the tree sees whether it expands */
  for (guint i = all->len; i-- > 0;)
    {
      KithCodeItem *item = g_ptr_array_index (all, i);
      GPtrArray *kids = g_hash_table_lookup (children, &item->id);
      g_autoptr(GPtrArray) none = g_ptr_array_new ();
      sync_store (item->children, kids != NULL ? kids : none, TRUE);
    }
  {
    GPtrArray *top = g_hash_table_lookup (children, &root_id);
    g_autoptr(GPtrArray) none = g_ptr_array_new ();
    sync_store (self->roots, top != NULL ? top : none, TRUE);
  }
  sync_store (self->all, all, FALSE);

  /* forget deleted codes (their rows are gone from every store by now) */
  g_hash_table_iter_init (&iter, self->items);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (alive, key))
      {
        KithCodeItem *gone = value;
        g_list_store_remove_all (gone->children);
        g_hash_table_iter_remove (&iter);
      }
  return TRUE;
}
