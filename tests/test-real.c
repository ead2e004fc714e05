/* test-real.c — real reports nobody on the project wrote (../shared/real),
 * through import and the bundled rules, as an evaluator gets them */
#include <criterion/criterion.h>
#include <string.h>

#include "kith-codebook.h"
#include "kith-documents.h"
#include "kith-import.h"
#include "kith-review.h"
#include "kith-sentences.h"
#include "kith-suggest.h"
#include "kith-test-util.h"
#include "kith-utf8.h"

static GPtrArray *
real_reports (void)
{
  const char *dir = g_getenv ("KITH_REAL_DIR");
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) real = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  cr_assert_not_null (dir, "KITH_REAL_DIR is not set");
  real = g_dir_open (dir, 0, &error);
  cr_assert_not_null (real, "the real reports: %s", error ? error->message : "");
  while ((name = g_dir_read_name (real)) != NULL)
    if (g_str_has_suffix (name, ".txt"))
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  cr_assert_geq (paths->len, 2, "only %u real reports in %s", paths->len, dir);
  return paths;
}

/* Every suggestion the bundled rules make on a real report is one sentence
 * at most: never a table row, never a run of lines, never two sentences. */
Test (real, suggestions_never_span_more_than_a_sentence)
{
  g_autoptr(KithProject) project = kt_new_project (NULL);
  g_autoptr(GPtrArray) paths = real_reports ();
  g_autoptr(GError) error = NULL;
  g_autofree char *codebook_path = kith_codebook_find ("inclusive-communities", &error);
  g_autoptr(KithCodebook) codebook = kith_codebook_read (codebook_path, &error);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GString) problems = g_string_new (NULL);

  cr_assert_not_null (codebook, "%s", error ? error->message : "");
  cr_assert (kith_codebook_merge (project, codebook, NULL, &error), "%s", error ? error->message : "");
  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(KithImportResult) r = kith_import_file (project, paths->pdata[i], NULL);
      cr_assert_eq (r->status, KITH_IMPORT_IMPORTED, "%s", r->message);
    }
  cr_assert (kith_suggest_run (project, NULL, NULL, NULL, NULL, NULL, NULL, &error), "%s",
             error ? error->message : "");
  list = kith_suggestions_list (project, 0, FALSE, &error);
  cr_assert_not_null (list, "%s", error ? error->message : "");
  cr_assert_geq (list->len, 100, "only %u suggestions on the real reports", list->len);

  for (guint i = 0; i < list->len; i++)
    {
      KithSuggestion *s = g_ptr_array_index (list, i);
      g_autofree char *text = kith_documents_dup_text (project, s->document_id, NULL, &error);
      g_autoptr(KithTextIndex) index = kith_text_index_new (text, strlen (text));
      g_autofree char *span = kith_text_index_dup_span (index, s->start, s->end);
      gsize from = kith_text_index_byte_at (index, s->start), to = kith_text_index_byte_at (index, s->end);
      KithByteSpan sentence = kith_sentence_around (text, strlen (text), from, from + 1);

      if (strpbrk (span, "\n\t|") != NULL)
        g_string_append_printf (problems, "%s %ld-%ld crosses a line or a cell: %s\n", s->document,
                                (long) s->start, (long) s->end, span);
      else if (to > sentence.end || from < sentence.start)
        g_string_append_printf (problems, "%s %ld-%ld is more than its sentence: %s\n", s->document,
                                (long) s->start, (long) s->end, span);
      else if (s->end - s->start > 400)
        g_string_append_printf (problems, "%s %ld-%ld is %ld code points long\n", s->document,
                                (long) s->start, (long) s->end, (long) (s->end - s->start));
    }
  cr_assert_eq (problems->len, 0, "%s", problems->str);
}
