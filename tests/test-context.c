/* test-context.c — two windows on one project: each has its own KithContext
 * (its own connection); what one commits, the other hears of */
#include <criterion/criterion.h>

#include "kith-codes.h"
#include "kith-context.h"
#include "kith-test-util.h"

typedef struct
{
  int own;
  int external;
} Heard;

static void
on_changed (KithContext *context, gboolean external, Heard *heard)
{
  if (external)
    heard->external++;
  else
    heard->own++;
}

static void
spin (int milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

Test (context, another_connection_is_heard)
{
  g_autofree char *path = NULL;
  g_autoptr(KithProject) made = kt_new_project (&path);
  g_autoptr(GError) error = NULL;
  g_autoptr(KithContext) one = NULL;
  g_autoptr(KithContext) two = NULL;
  Heard heard_one = { 0 }, heard_two = { 0 };

  g_clear_object (&made);
  one = kith_context_open (path, &error);
  two = kith_context_open (path, &error);
  cr_assert_not_null (one, "%s", error ? error->message : "");
  cr_assert_not_null (two);
  g_signal_connect (one, "changed", G_CALLBACK (on_changed), &heard_one);
  g_signal_connect (two, "changed", G_CALLBACK (on_changed), &heard_two);

  cr_assert_neq (kith_codes_add_path (kith_context_get_project (one), "Feel/Safe", NULL, NULL, &error), 0);
  spin (50);
  cr_assert_eq (heard_one.own, 1, "a window hears its own change at once");
  cr_assert_eq (heard_two.own + heard_two.external, 0);
  kith_context_check_now (two);
  cr_assert_eq (heard_two.external, 1, "the other window hears it as another writer's");
  cr_assert_str_eq (kith_context_get_undo_label (two), "Add code “Feel/Safe”",
                    "and can undo it: the history is the project's");

  /* without asking: the poll */
  cr_assert_neq (kith_codes_add_path (kith_context_get_project (two), "Feel/Lonely", NULL, NULL, &error), 0);
  spin (1500);
  cr_assert_eq (heard_one.external, 1, "the poll finds the other window's change within a second or so");

  cr_assert (kith_context_undo (one, NULL, &error), "%s", error ? error->message : "");
  kith_context_check_now (two);
  cr_assert_eq (heard_two.external, 2);
  cr_assert (kith_project_check_integrity (kith_context_get_project (two), &error));
  kith_context_close (one);
  kith_context_close (two);
}
