/* kith-sample.c */
#include "kith-config.h"

#include <glib/gstdio.h>

#include "kith-barometers.h"
#include "kith-cases.h"
#include "kith-codebook.h"
#include "kith-codes.h"
#include "kith-codings.h"
#include "kith-documents.h"
#include "kith-history.h"
#include "kith-import.h"
#include "kith-pins.h"
#include "kith-sample.h"
#include "kith-i18n.h"
#include "kith-search.h"
#include "kith-suggest.h"

#define SAMPLE_CODEBOOK   "inclusive-communities"
#define SAMPLE_BAROMETERS "barometers-inclusive-communities.tsv"


/* Example codings: a passage of a sample document and its code. */
static const struct
{
  const char *document;
  const char *passage;
  const char *code;
  const char *memo;
} starter_codings[] = {
  { "interview-01-smethwick.txt", "I feel welcome there, nobody asks what you are or where you’re from.",
    "Inclusive/Feel/Welcomed regardless of background", "Sikh temple lunch, open to all" },
  { "interview-01-smethwick.txt", "When my wife passed I didn’t know where to go for help, honestly.",
    "Connected/Think/Know what support is available", "" },
  { "interview-01-smethwick.txt", "I sat in the house for months. I was lonely, I won’t pretend I wasn’t.",
    "Inclusive/Feel/Belonging rather than isolation", "" },
  { "interview-01-smethwick.txt", "And the gurdwara. I feel safe there.",
    "Supportive/Feel/Safe and supported in spaces", "" },
  { "interview-01-smethwick.txt", "nobody listens at the council when you report it",
    "Connected/Feel/Heard, respected and needs met", "Street lights reported three times" },
  { "interview-02-alum-rock.txt", "یہاں سب ایک دوسرے کا خیال رکھتے ہیں۔", "Inclusive/Feel/Belonging rather than isolation", "" },
  { "interview-02-alum-rock.txt", "In Alum Rock I can be myself. In town I feel like a visitor.",
    "Inclusive/Feel/Belonging rather than isolation", "" },
  { "interview-02-alum-rock.txt", "The women’s group at the community centre on Saturdays.",
    "Supportive/Do/Go to places for support", "" },
  { "interview-02-alum-rock.txt", "Money, childcare, and the bus.", "Cross-cutting/Access", "" },
  { "interview-03-coventry.txt", "She feels safe there because they go together.",
    "Supportive/Feel/Safe and supported in spaces", "" },
  { "interview-03-coventry.txt", "أشعر أن هذا بيتي الآن.", "Inclusive/Feel/Belonging rather than isolation", "" },
  { "interview-03-coventry.txt", "On the pitch nobody cares where you are from.",
    "Inclusive/Do/Engage with diverse people", "" },
  { "interview-03-coventry.txt", "I was an engineer in Aleppo but here my papers count for nothing, so I drive.",
    "Equitable/Do/Access housing and jobs", "" },
  { "workshop-notes-wolverhampton.md", "Several people said they feel lonely, especially older residents living alone.",
    "Inclusive/Feel/Belonging rather than isolation", "" },
  { "funder-report-excerpt.txt", "residents did not feel listened to by the council or by housing providers",
    "Connected/Feel/Heard, respected and needs met", "" },
};

static const char *
samples_dir (void)
{
  const char *env = g_getenv ("KITH_SAMPLES_DIR");

  if (env != NULL && *env != '\0')
    return env;
  /* installed first; the source tree's for a build that is not installed */
  return g_file_test (KITH_INSTALLED_SAMPLES_DIR, G_FILE_TEST_IS_DIR) ? KITH_INSTALLED_SAMPLES_DIR : KITH_SAMPLES_DIR;
}

/* The bundled codebook, codes and suggestion rules: the sample shows what
 * a user gets by loading it. */
static gboolean
add_codebook (KithProject *project, GError **error)
{
  g_autofree char *file = kith_codebook_find (SAMPLE_CODEBOOK, error);
  g_autoptr(KithCodebook) codebook = NULL;

  if (file == NULL || (codebook = kith_codebook_read (file, error)) == NULL)
    return FALSE;
  return kith_codebook_merge (project, codebook, NULL, error);
}

static gboolean
add_codings (KithProject *project, GError **error)
{
  for (gsize i = 0; i < G_N_ELEMENTS (starter_codings); i++)
    {
      g_autoptr(KithDocument) doc = kith_documents_lookup (project, starter_codings[i].document, error);
      g_autoptr(GPtrArray) hits = NULL;
      KithSearchHit *hit;
      gint64 code;

      if (doc == NULL)
        return FALSE;
      hits = kith_search_text (project, starter_codings[i].passage, doc->id, FALSE, error);
      if (hits == NULL)
        return FALSE;
      if (hits->len == 0)
        {
          /* the samples were edited: a missing example is no reason to fail */
          g_debug ("sample passage not found: %s", starter_codings[i].passage);
          continue;
        }
      hit = g_ptr_array_index (hits, 0);
      code = kith_codes_find_path (project, starter_codings[i].code, error);
      if (code == 0
          || kith_codings_add (project, doc->id, code, hit->start, hit->end, starter_codings[i].memo,
                               KITH_ORIGIN_MANUAL, error) == 0)
        return FALSE;
    }
  return TRUE;
}

/* Who speaks in the interviews is a case, with where they live: the places
 * the summary compares (the interviewers are not cases). */
static const struct
{
  const char *document;
  const char *participant;
  const char *local_authority;
} sample_cases[] = {
  { "interview-01-smethwick.txt", "Delroy", "Sandwell" },
  { "interview-02-alum-rock.txt", "Nasreen", "Birmingham" },
  { "interview-03-coventry.txt", "Yusuf", "Coventry" },
};

static const struct
{
  const char *document;
  const char *local_authority;
} sample_places[] = {
  { "workshop-notes-wolverhampton.md", "Wolverhampton" },
  { "funder-report-excerpt.txt", "Dudley" },
};

static gboolean
add_cases (KithProject *project, GError **error)
{
  static const char *const interviewers[] = { "Grace", "Farah", "Tomasz", NULL };
  gint64 area = kith_attributes_ensure (project, "local_authority", KITH_ATTRIBUTE_TEXT, FALSE, NULL, error);

  if (area == 0)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (sample_cases); i++)
    {
      g_autoptr(KithDocument) doc = kith_documents_lookup (project, sample_cases[i].document, error);
      g_autoptr(GPtrArray) speakers = NULL;
      gint64 id;

      if (doc == NULL || (speakers = kith_cases_from_speakers (project, doc->id, interviewers, error)) == NULL)
        return FALSE;
      id = kith_cases_find (project, sample_cases[i].participant, error);
      if (id < 0)
        return FALSE;
      if (id > 0 && !kith_cases_set_value (project, id, area, KITH_ATTRIBUTE_TEXT, sample_cases[i].local_authority,
                                           error))
        return FALSE;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (sample_places); i++)
    {
      g_autoptr(KithDocument) doc = kith_documents_lookup (project, sample_places[i].document, error);

      if (doc == NULL
          || !kith_documents_set_value (project, doc->id, area, KITH_ATTRIBUTE_TEXT, sample_places[i].local_authority,
                                        error))
        return FALSE;
    }
  return TRUE;
}

/* The framework's survey figures, beside the coded evidence: a folder
 * import leaves the barometers table alone, so it is imported here. */
static gboolean
add_barometers (KithProject *project, const char *dir, GError **error)
{
  g_autofree char *file = g_build_filename (dir, SAMPLE_BAROMETERS, NULL);
  g_autoptr(KithBarometerImport) report = NULL;
  g_autoptr(KithBarometer) trust = NULL;
  gint64 code;

  if (!kith_barometers_import_file (project, file, &report, error))
    return FALSE;
  trust = kith_barometers_lookup (project, "trust", error);
  code = trust != NULL ? kith_codes_find_path (project, "Cross-cutting/Relationships", error) : 0;
  return code != 0 && kith_barometers_link (project, code, trust->id, error);
}

static void
remove_project_files (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

gboolean
kith_sample_project_create (const char *path,
                            GError    **error)
{
  g_autoptr(KithProject) project = NULL;
  g_autoptr(GPtrArray) results = NULL;
  const char *dir = samples_dir ();
  const char *paths[] = { dir, NULL };
  KithImportOptions options;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_NOT_FOUND,
                   _("the sample files are not installed (looked in %s)"), dir);
      return FALSE;
    }
  project = kith_project_create (path, error);
  if (project == NULL)
    return FALSE;
  /* the examples are the sample's, not the user's */
  kith_project_set_coder (project, "Kith sample");

  kith_import_options_init (&options);
  results = kith_import_paths (project, paths, &options);
  for (guint i = 0; i < results->len; i++)
    {
      KithImportResult *r = g_ptr_array_index (results, i);
      if (r->status == KITH_IMPORT_FAILED)
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_FAILED, _("the sample file %s did not import: %s"),
                       r->path, r->message);
          goto fail;
        }
    }
  if (!add_codebook (project, error) || !add_codings (project, error) || !add_cases (project, error)
      || !add_barometers (project, dir, error)
      /* a review queue to try: the rules' hits wait, nothing is coded */
      || !kith_suggest_run (project, NULL, NULL, NULL, NULL, NULL, NULL, error)
      || !kith_pins_settle (project, error)
      /* nothing of the sample's making is the user's to undo */
      || !kith_history_clear (project, error))
    goto fail;
  return TRUE;

fail:
  g_clear_object (&project);
  remove_project_files (path);
  return FALSE;
}
