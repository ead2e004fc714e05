/* kith-sample.c */
#include "kith-config.h"

#include <glib/gstdio.h>

#include "kith-codes.h"
#include "kith-codings.h"
#include "kith-documents.h"
#include "kith-history.h"
#include "kith-import.h"
#include "kith-pins.h"
#include "kith-sample.h"
#include "kith-search.h"

/* A starter codebook: some outcomes of the Inclusive Communities approach
 * (../shared/framework/outcomes.tsv) and cross-cutting themes. Colours:
 * one calm family per goal, so a page of highlights reads as goals. */
static const struct
{
  const char *path;
  const char *colour;
  const char *goal;
  const char *dimension;
  const char *outcome;
  const char *description;
} starter_codes[] = {
  { "Connected", "#3b6fb6", "connected", NULL, NULL,
    "A socially connected region: communities that help people connect and build relationships (social capital)" },
  { "Connected/Think", "#3b6fb6", "connected", "think", NULL, "What residents think and know" },
  { "Connected/Feel", "#3b6fb6", "connected", "feel", NULL, "How residents feel" },
  { "Connected/Do", "#3b6fb6", "connected", "do", NULL, "What residents do" },
  { "Connected/Think/Know what support is available", "#3b82f6", "connected", "think", "know-support",
    "Know what local support and opportunities are available" },
  { "Connected/Feel/Heard and respected", "#1d4ed8", "connected", "feel", "heard-respected",
    "Feel heard, respected and that my needs are met by local institutions" },
  { "Connected/Do/Take part in local activities", "#0ea5e9", "connected", "do", "take-part",
    "Take part in local activities and experiences" },
  { "Supportive", "#0f8a6a", "supportive", NULL, NULL,
    "A supportive region: attractive, safe, welcoming spaces and a strong VCFSE sector (social infrastructure)" },
  { "Supportive/Feel", "#0f8a6a", "supportive", "feel", NULL, "How residents feel" },
  { "Supportive/Do", "#0f8a6a", "supportive", "do", NULL, "What residents do" },
  { "Supportive/Feel/Safe in community spaces", "#10b981", "supportive", "feel", "safe-in-spaces",
    "Feel safe and supported in community spaces" },
  { "Supportive/Do/Go to places for support", "#0d9488", "supportive", "do", "go-support",
    "Go to places where they can access support" },
  { "Inclusive", "#8b5cf6", "inclusive", NULL, NULL,
    "An inclusive region: welcoming communities that celebrate differences (social inclusion)" },
  { "Inclusive/Feel", "#8b5cf6", "inclusive", "feel", NULL, "How residents feel" },
  { "Inclusive/Do", "#8b5cf6", "inclusive", "do", NULL, "What residents do" },
  { "Inclusive/Feel/Belonging", "#a855f7", "inclusive", "feel", "belonging",
    "Feel a sense of belonging, rather than isolation" },
  { "Inclusive/Feel/Welcomed regardless of background", "#7c3aed", "inclusive", "feel", "welcomed-regardless",
    "Feel welcomed, accepted and included, regardless of background" },
  { "Inclusive/Feel/Without fear", "#c026d3", "inclusive", "feel", "without-fear",
    "Feel safe, supported and able to live without fear or worry" },
  { "Inclusive/Do/Engage with diverse people", "#db2777", "inclusive", "do", "engage-diverse",
    "Engage with diverse people who are ‘not like them’ and celebrate differences" },
  { "Equitable", "#c2410c", "equitable", NULL, NULL,
    "An equitable region: fair chances to learn, work and get on (social mobility)" },
  { "Equitable/Think", "#c2410c", "equitable", "think", NULL, "What residents think and know" },
  { "Equitable/Do", "#c2410c", "equitable", "do", NULL, "What residents do" },
  { "Equitable/Think/Learn for life and work", "#ea580c", "equitable", "think", "learn-lifelong",
    "Learn academic skills, skills for life and skills for work throughout their lives" },
  { "Equitable/Do/Access housing and jobs", "#d97706", "equitable", "do", "access-housing-jobs",
    "Access local housing and labour market opportunities, regardless of background or circumstances" },
  { "Themes", "#64748b", NULL, NULL, NULL,
    "Themes residents used across all four goals: enablers and barriers" },
  { "Themes/Access", "#ca8a04", NULL, NULL, NULL, "Getting there and getting in: transport, cost, opening hours, language" },
  { "Themes/Loneliness", "#be185d", NULL, NULL, NULL, "Being or feeling alone, isolated" },
  { "Themes/Relationships", "#4d7c0f", NULL, NULL, NULL, "Relationships with each other and with the council" },
};

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
    "Themes/Loneliness", "" },
  { "interview-01-smethwick.txt", "And the gurdwara. I feel safe there.",
    "Supportive/Feel/Safe in community spaces", "" },
  { "interview-01-smethwick.txt", "nobody listens at the council when you report it",
    "Connected/Feel/Heard and respected", "Street lights reported three times" },
  { "interview-02-alum-rock.txt", "یہاں سب ایک دوسرے کا خیال رکھتے ہیں۔", "Inclusive/Feel/Belonging", "" },
  { "interview-02-alum-rock.txt", "In Alum Rock I can be myself. In town I feel like a visitor.",
    "Inclusive/Feel/Belonging", "" },
  { "interview-02-alum-rock.txt", "The women’s group at the community centre on Saturdays.",
    "Supportive/Do/Go to places for support", "" },
  { "interview-02-alum-rock.txt", "Money, childcare, and the bus.", "Themes/Access", "" },
  { "interview-03-coventry.txt", "She feels safe there because they go together.",
    "Supportive/Feel/Safe in community spaces", "" },
  { "interview-03-coventry.txt", "أشعر أن هذا بيتي الآن.", "Inclusive/Feel/Belonging", "" },
  { "interview-03-coventry.txt", "On the pitch nobody cares where you are from.",
    "Inclusive/Do/Engage with diverse people", "" },
  { "interview-03-coventry.txt", "I was an engineer in Aleppo but here my papers count for nothing, so I drive.",
    "Equitable/Do/Access housing and jobs", "" },
  { "workshop-notes-wolverhampton.md", "Several people said they feel lonely, especially older residents living alone.",
    "Themes/Loneliness", "" },
  { "funder-report-excerpt.txt", "residents did not feel listened to by the council or by housing providers",
    "Connected/Feel/Heard and respected", "" },
};

static const char *
samples_dir (void)
{
  const char *env = g_getenv ("KITH_SAMPLES_DIR");

  return env != NULL && *env != '\0' ? env : KITH_SAMPLES_DIR;
}

static gboolean
add_codebook (KithProject *project, GError **error)
{
  for (gsize i = 0; i < G_N_ELEMENTS (starter_codes); i++)
    {
      gint64 id = kith_codes_add_path (project, starter_codes[i].path, starter_codes[i].description,
                                       starter_codes[i].colour, error);
      if (id == 0)
        return FALSE;
      if (starter_codes[i].goal != NULL
          && !kith_codes_set_framework (project, id, starter_codes[i].goal, starter_codes[i].dimension,
                                        starter_codes[i].outcome, error))
        return FALSE;
    }
  return TRUE;
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
                   "the sample files are not installed (looked in %s)", dir);
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
          g_set_error (error, KITH_ERROR, KITH_ERROR_FAILED, "the sample file %s did not import: %s",
                       r->path, r->message);
          goto fail;
        }
    }
  if (!add_codebook (project, error) || !add_codings (project, error)
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
