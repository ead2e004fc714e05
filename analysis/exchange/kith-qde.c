/* kith-qde.c — a REFI-QDA project or codebook in memory: making and freeing */
#include <string.h>

#include "kith-qde.h"

static const char *const type_names[] = {
  [KITH_QDE_TEXT] = "Text",
  [KITH_QDE_BOOLEAN] = "Boolean",
  [KITH_QDE_INTEGER] = "Integer",
  [KITH_QDE_FLOAT] = "Float",
  [KITH_QDE_DATE] = "Date",
  [KITH_QDE_DATETIME] = "DateTime",
};

const char *
kith_qde_type_name (KithQdeType type)
{
  g_return_val_if_fail ((guint) type < G_N_ELEMENTS (type_names), NULL);
  return type_names[type];
}

int
kith_qde_type_parse (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (type_names); i++)
    if (strcmp (name, type_names[i]) == 0)
      return (int) i;
  return -1;
}

static GPtrArray *
strings (void)
{
  return g_ptr_array_new_with_free_func (g_free);
}

KithQde *
kith_qde_new (void)
{
  KithQde *qde = g_new0 (KithQde, 1);

  qde->users = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_qde_user_free);
  qde->codes = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_qde_code_free);
  qde->variables = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_qde_variable_free);
  qde->cases = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_qde_case_free);
  qde->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_qde_source_free);
  qde->notes = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_qde_source_free);
  qde->sets = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_qde_set_free);
  qde->note_refs = strings ();
  return qde;
}

void
kith_qde_free (KithQde *qde)
{
  if (qde == NULL)
    return;
  g_free (qde->name);
  g_free (qde->origin);
  g_free (qde->creating_user);
  g_free (qde->created);
  g_free (qde->description);
  g_ptr_array_unref (qde->users);
  g_ptr_array_unref (qde->codes);
  g_ptr_array_unref (qde->variables);
  g_ptr_array_unref (qde->cases);
  g_ptr_array_unref (qde->sources);
  g_ptr_array_unref (qde->notes);
  g_ptr_array_unref (qde->sets);
  g_ptr_array_unref (qde->note_refs);
  g_free (qde);
}

KithQdeUser *
kith_qde_user_new (void)
{
  return g_new0 (KithQdeUser, 1);
}

void
kith_qde_user_free (KithQdeUser *user)
{
  if (user == NULL)
    return;
  g_free (user->guid);
  g_free (user->name);
  g_free (user);
}

KithQdeCode *
kith_qde_code_new (void)
{
  KithQdeCode *code = g_new0 (KithQdeCode, 1);

  code->codable = TRUE;
  code->children = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_qde_code_free);
  code->note_refs = strings ();
  return code;
}

void
kith_qde_code_free (KithQdeCode *code)
{
  if (code == NULL)
    return;
  g_free (code->guid);
  g_free (code->name);
  g_free (code->description);
  g_free (code->colour);
  g_ptr_array_unref (code->children);
  g_ptr_array_unref (code->note_refs);
  g_free (code);
}

KithQdeVariable *
kith_qde_variable_new (void)
{
  return g_new0 (KithQdeVariable, 1);
}

void
kith_qde_variable_free (KithQdeVariable *variable)
{
  if (variable == NULL)
    return;
  g_free (variable->guid);
  g_free (variable->name);
  g_free (variable->description);
  g_free (variable);
}

KithQdeValue *
kith_qde_value_new (void)
{
  return g_new0 (KithQdeValue, 1);
}

void
kith_qde_value_free (KithQdeValue *value)
{
  if (value == NULL)
    return;
  g_free (value->variable);
  g_free (value->value);
  g_free (value);
}

KithQdeCoding *
kith_qde_coding_new (void)
{
  KithQdeCoding *coding = g_new0 (KithQdeCoding, 1);

  coding->note_refs = strings ();
  return coding;
}

void
kith_qde_coding_free (KithQdeCoding *coding)
{
  if (coding == NULL)
    return;
  g_free (coding->guid);
  g_free (coding->code);
  g_free (coding->creating_user);
  g_free (coding->created);
  g_ptr_array_unref (coding->note_refs);
  g_free (coding);
}

KithQdeSelection *
kith_qde_selection_new (void)
{
  KithQdeSelection *selection = g_new0 (KithQdeSelection, 1);

  selection->codings = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_qde_coding_free);
  selection->note_refs = strings ();
  return selection;
}

void
kith_qde_selection_free (KithQdeSelection *selection)
{
  if (selection == NULL)
    return;
  g_free (selection->guid);
  g_free (selection->name);
  g_free (selection->description);
  g_free (selection->creating_user);
  g_free (selection->created);
  g_ptr_array_unref (selection->codings);
  g_ptr_array_unref (selection->note_refs);
  g_free (selection);
}

KithQdeSource *
kith_qde_source_new (KithQdeSourceKind kind)
{
  KithQdeSource *source = g_new0 (KithQdeSource, 1);

  source->kind = kind;
  source->selections = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_qde_selection_free);
  source->codings = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_qde_coding_free);
  source->values = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_qde_value_free);
  source->note_refs = strings ();
  return source;
}

void
kith_qde_source_free (KithQdeSource *source)
{
  if (source == NULL)
    return;
  g_free (source->guid);
  g_free (source->name);
  g_free (source->description);
  g_free (source->plain_text_path);
  g_free (source->rich_text_path);
  g_free (source->plain_text_content);
  g_free (source->creating_user);
  g_free (source->created);
  g_free (source->modified);
  g_ptr_array_unref (source->selections);
  g_ptr_array_unref (source->codings);
  g_ptr_array_unref (source->values);
  g_ptr_array_unref (source->note_refs);
  g_free (source);
}

KithQdeCase *
kith_qde_case_new (void)
{
  KithQdeCase *qcase = g_new0 (KithQdeCase, 1);

  qcase->values = g_ptr_array_new_with_free_func ((GDestroyNotify) kith_qde_value_free);
  qcase->source_refs = strings ();
  qcase->selection_refs = strings ();
  qcase->code_refs = strings ();
  qcase->note_refs = strings ();
  return qcase;
}

void
kith_qde_case_free (KithQdeCase *qcase)
{
  if (qcase == NULL)
    return;
  g_free (qcase->guid);
  g_free (qcase->name);
  g_free (qcase->description);
  g_ptr_array_unref (qcase->values);
  g_ptr_array_unref (qcase->source_refs);
  g_ptr_array_unref (qcase->selection_refs);
  g_ptr_array_unref (qcase->code_refs);
  g_ptr_array_unref (qcase->note_refs);
  g_free (qcase);
}

KithQdeSet *
kith_qde_set_new (void)
{
  KithQdeSet *set = g_new0 (KithQdeSet, 1);

  set->member_codes = strings ();
  set->member_sources = strings ();
  set->member_notes = strings ();
  return set;
}

void
kith_qde_set_free (KithQdeSet *set)
{
  if (set == NULL)
    return;
  g_free (set->guid);
  g_free (set->name);
  g_free (set->description);
  g_ptr_array_unref (set->member_codes);
  g_ptr_array_unref (set->member_sources);
  g_ptr_array_unref (set->member_notes);
  g_free (set);
}
