/* kith-document-list.c */
#include <glib/gi18n.h>

#include "kith-document-list.h"
#include "kith-documents.h"
#include "kith-list-diff.h"

/* ---- KithDocumentItem ---------------------------------------------------- */

struct _KithDocumentItem
{
  GObject  parent_instance;
  gint64   id;
  char    *name;
  char    *kind;
  char    *summary;
  gint64   n_codings;
  gint64   n_chars;
};

G_DEFINE_FINAL_TYPE (KithDocumentItem, kith_document_item, G_TYPE_OBJECT)

enum { ITEM_PROP_0, ITEM_PROP_NAME, ITEM_PROP_KIND, ITEM_PROP_SUMMARY, ITEM_PROP_N_CODINGS, N_ITEM_PROPS };
static GParamSpec *item_properties[N_ITEM_PROPS];

const char *
kith_document_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "transcript") == 0)
    return _("Transcript");
  if (g_strcmp0 (kind, "report") == 0)
    return _("Report");
  if (g_strcmp0 (kind, "survey") == 0)
    return _("Survey");
  return _("Notes");
}

static void
kith_document_item_finalize (GObject *object)
{
  KithDocumentItem *self = KITH_DOCUMENT_ITEM (object);

  g_free (self->name);
  g_free (self->kind);
  g_free (self->summary);
  G_OBJECT_CLASS (kith_document_item_parent_class)->finalize (object);
}

static void
kith_document_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  KithDocumentItem *self = KITH_DOCUMENT_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case ITEM_PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case ITEM_PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case ITEM_PROP_N_CODINGS:
      g_value_set_int64 (value, self->n_codings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_document_item_class_init (KithDocumentItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kith_document_item_finalize;
  object_class->get_property = kith_document_item_get_property;
  item_properties[ITEM_PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  item_properties[ITEM_PROP_N_CODINGS] = g_param_spec_int64 ("n-codings", NULL, NULL, 0, G_MAXINT64, 0, flags);
  g_object_class_install_properties (object_class, N_ITEM_PROPS, item_properties);
}

static void
kith_document_item_init (KithDocumentItem *self)
{
}

static void
set_string (KithDocumentItem *self, char **field, const char *value, int prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), item_properties[prop]);
}

static void
item_update (KithDocumentItem *self, const KithDocument *doc)
{
  g_autofree char *summary = NULL;

  self->id = doc->id;
  self->n_chars = doc->char_count;
  set_string (self, &self->name, doc->name, ITEM_PROP_NAME);
  set_string (self, &self->kind, doc->kind, ITEM_PROP_KIND);
  if (self->n_codings != doc->n_codings)
    {
      self->n_codings = doc->n_codings;
      g_object_notify_by_pspec (G_OBJECT (self), item_properties[ITEM_PROP_N_CODINGS]);
    }
  summary = doc->n_codings == 0
    ? g_strdup (kith_document_kind_label (doc->kind))
    : g_strdup_printf (g_dngettext (NULL, "%s · %lld coding", "%s · %lld codings",
                                    (gulong) doc->n_codings),
                       kith_document_kind_label (doc->kind), (long long) doc->n_codings);
  set_string (self, &self->summary, summary, ITEM_PROP_SUMMARY);
}

gint64 kith_document_item_get_id (KithDocumentItem *self) { return self->id; }
const char *kith_document_item_get_name (KithDocumentItem *self) { return self->name; }
const char *kith_document_item_get_kind (KithDocumentItem *self) { return self->kind; }
gint64 kith_document_item_get_n_codings (KithDocumentItem *self) { return self->n_codings; }
gint64 kith_document_item_get_n_chars (KithDocumentItem *self) { return self->n_chars; }
const char *kith_document_item_get_summary (KithDocumentItem *self) { return self->summary; }

/* ---- KithDocumentList ---------------------------------------------------- */

struct _KithDocumentList
{
  GObject    parent_instance;
  GPtrArray *items;   /* KithDocumentItem */
};

static void kith_document_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KithDocumentList, kith_document_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, kith_document_list_model_init))

static GType
list_get_item_type (GListModel *model)
{
  return KITH_TYPE_DOCUMENT_ITEM;
}

static guint
list_get_n_items (GListModel *model)
{
  return KITH_DOCUMENT_LIST (model)->items->len;
}

static gpointer
list_get_item (GListModel *model, guint position)
{
  KithDocumentList *self = KITH_DOCUMENT_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
kith_document_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static void
kith_document_list_finalize (GObject *object)
{
  g_ptr_array_unref (KITH_DOCUMENT_LIST (object)->items);
  G_OBJECT_CLASS (kith_document_list_parent_class)->finalize (object);
}

static void
kith_document_list_class_init (KithDocumentListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kith_document_list_finalize;
}

static void
kith_document_list_init (KithDocumentList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

KithDocumentList *
kith_document_list_new (void)
{
  return g_object_new (KITH_TYPE_DOCUMENT_LIST, NULL);
}

KithDocumentItem *
kith_document_list_find (KithDocumentList *self,
                         gint64            id,
                         guint            *position)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      KithDocumentItem *item = g_ptr_array_index (self->items, i);
      if (item->id == id)
        {
          if (position != NULL)
            *position = i;
          return item;
        }
    }
  return NULL;
}

gboolean
kith_document_list_reload (KithDocumentList *self,
                           KithProject      *project,
                           GError          **error)
{
  g_autoptr(GPtrArray) docs = kith_documents_list (project, error);
  g_autofree gint64 *old_ids = NULL;
  g_autofree gint64 *new_ids = NULL;
  g_autoptr(GPtrArray) middle = NULL;
  guint position, removed, added;

  if (docs == NULL)
    return FALSE;
  old_ids = g_new (gint64, self->items->len + 1);
  new_ids = g_new (gint64, docs->len + 1);
  for (guint i = 0; i < self->items->len; i++)
    old_ids[i] = ((KithDocumentItem *) g_ptr_array_index (self->items, i))->id;
  for (guint i = 0; i < docs->len; i++)
    new_ids[i] = ((KithDocument *) g_ptr_array_index (docs, i))->id;
  kith_list_diff (old_ids, self->items->len, new_ids, docs->len, &position, &removed, &added);

  /* items outside the changed range are the same documents: update them */
  for (guint i = 0; i < docs->len; i++)
    {
      KithDocumentItem *item;
      if (i >= position && i < position + added)
        continue;
      item = g_ptr_array_index (self->items, i < position ? i : i - added + removed);
      item_update (item, g_ptr_array_index (docs, i));
    }
  if (removed == 0 && added == 0)
    return TRUE;
  middle = g_ptr_array_new ();
  for (guint i = position; i < position + added; i++)
    {
      KithDocumentItem *item = kith_document_list_find (self, new_ids[i], NULL);
      item = item != NULL ? g_object_ref (item) : g_object_new (KITH_TYPE_DOCUMENT_ITEM, NULL);
      item_update (item, g_ptr_array_index (docs, i));
      g_ptr_array_add (middle, item);
    }
  g_ptr_array_remove_range (self->items, position, removed);
  for (guint i = 0; i < middle->len; i++)
    g_ptr_array_insert (self->items, (int) (position + i), g_ptr_array_index (middle, i));
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
  return TRUE;
}
