/* test-refi-guid.c — the GUIDs REFI-QDA exchange gives and keeps */
#include "kith-config.h"

#include <criterion/criterion.h>

#include "kith-code-edit.h"
#include "kith-codes.h"
#include "kith-history.h"
#include "kith-refi-guid.h"
#include "kith-test-util.h"

Test (refi_guid, vendor_forms_are_normalised)
{
  static const struct { const char *in, *out; } cases[] = {
    { "{6BA7B810-9DAD-11D1-80B4-00C04FD430C8}", "6ba7b810-9dad-11d1-80b4-00c04fd430c8" },
    { "6BA7B810-9DAD-11D1-80B4-00C04FD430C8", "6ba7b810-9dad-11d1-80b4-00c04fd430c8" },
    { " 6ba7b810-9dad-11d1-80b4-00c04fd430c8\n", "6ba7b810-9dad-11d1-80b4-00c04fd430c8" },
    { "6ba7b8109dad11d180b400c04fd430c8", NULL },
    { "{6ba7b810-9dad-11d1-80b4-00c04fd430c8", NULL },
    { "6ba7b810-9dad-11d1-80b4-00c04fd430cg", NULL },
    { "6ba7b810-9dad-11d1-80b4-00c04fd430c8-", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = kith_refi_guid_normalise (cases[i].in);
      cr_expect_str_eq (got ? got : "(null)", cases[i].out ? cases[i].out : "(null)", "%s", cases[i].in);
    }
}

/* The values are Python's uuid.uuid5 of the same namespace and name. */
Test (refi_guid, derived_guids_are_version_5_uuids)
{
  g_autofree char *a = kith_refi_guid_derive ("6ba7b810-9dad-11d1-80b4-00c04fd430c8", KITH_REFI_CODE, 12, "2026-01-02T03:04:05Z");
  g_autofree char *b = kith_refi_guid_derive ("{6BA7B810-9DAD-11D1-80B4-00C04FD430C8}", KITH_REFI_ATTRIBUTE, 3, NULL);

  cr_assert_str_eq (a, "759fd61a-6403-586e-b056-ccb20a83f5b3");
  cr_assert_str_eq (b, "27d1d6e3-22c8-5c9e-83a2-422f0136d4c4");
}

Test (refi_guid, a_code_keeps_its_guid_and_a_kept_guid_wins)
{
  g_autofree char *path = NULL;
  g_autoptr(KithProject) project = kt_new_project (&path);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *again = NULL, *kept = NULL, *other_ns = NULL;
  gint64 code = kith_codes_add_path (project, "Connected/Think", NULL, NULL, &error);
  gint64 other = kith_codes_add_path (project, "Connected/Feel", NULL, NULL, &error);

  cr_assert_gt (other, 0, "%s", error ? error->message : "");
  first = kith_refi_guid_of (project, KITH_REFI_CODE, code, "t", &error);
  again = kith_refi_guid_of (project, KITH_REFI_CODE, code, "t", &error);
  cr_assert_str_eq (first, again);
  other_ns = kith_refi_guid_of (project, KITH_REFI_CODING, code, "t", &error);
  cr_assert_str_neq (first, other_ns, "the kind is part of the name");

  cr_assert (kith_history_begin (project, "edit", "Import", &error));
  cr_assert (kith_refi_guid_keep (project, KITH_REFI_CODE, code, "{0F8FAD5B-D9CB-469F-A165-70867728950E}", &error),
             "%s", error->message);
  cr_assert (kith_history_commit (project, &error));
  kept = kith_refi_guid_of (project, KITH_REFI_CODE, code, "t", &error);
  cr_assert_str_eq (kept, "0f8fad5b-d9cb-469f-a165-70867728950e");
  cr_assert_eq (kith_refi_guid_find (project, KITH_REFI_CODE, "0F8FAD5B-D9CB-469F-A165-70867728950E", &error), code);

  /* another row cannot keep the same GUID; a non-GUID is refused */
  cr_assert_not (kith_refi_guid_keep (project, KITH_REFI_CODE, other, "0f8fad5b-d9cb-469f-a165-70867728950e", &error));
  cr_assert_eq (error->code, KITH_ERROR_EXISTS);
  g_clear_error (&error);
  cr_assert_not (kith_refi_guid_keep (project, KITH_REFI_CODE, other, "not-a-guid", &error));
  cr_assert_eq (error->code, KITH_ERROR_INVALID);
  g_clear_error (&error);

  /* deleting the code forgets its GUID; undo brings it back */
  cr_assert (kith_code_edit_delete (project, code, NULL, &error), "%s", error ? error->message : "");
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM refi_guids"), 0);
  cr_assert (kith_history_undo (project, NULL, NULL, &error), "%s", error ? error->message : "");
  cr_assert_eq (kt_count (project, "SELECT count(*) FROM refi_guids WHERE guid = '0f8fad5b-d9cb-469f-a165-70867728950e'"), 1);
}

Test (refi_guid, every_project_has_its_own_namespace)
{
  g_autofree char *path_a = NULL, *path_b = NULL;
  g_autoptr(KithProject) a = kt_new_project (&path_a);
  g_autoptr(KithProject) b = kt_new_project (&path_b);
  g_autoptr(GError) error = NULL;
  g_autofree char *ns_a = kith_refi_namespace (a, &error);
  g_autofree char *ns_b = kith_refi_namespace (b, &error);
  g_autofree char *normal = kith_refi_guid_normalise (ns_a);

  cr_assert_not_null (ns_a);
  cr_assert_str_eq (normal, ns_a, "stored in the normal form");
  cr_assert_eq (ns_a[14], '4', "a random (version 4) UUID");
  cr_assert_str_neq (ns_a, ns_b);
}
