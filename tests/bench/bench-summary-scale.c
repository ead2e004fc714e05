/* bench-summary-scale.c — the evaluation summary and one code's extracts
 * on a project of 100,000 codings.
 *
 * The project is made as a user's would be (kith-cli init, the bundled
 * codebook, the framework's barometers), then filled with transcripts,
 * turns, cases and codings by plain SQL in one transaction: the core's
 * one-coding-at-a-time API would take minutes for setup alone. Then each
 * kith-cli command and each core call is timed, best of three runs: wall
 * time against the target, and CPU time beside it, which a busy shared
 * machine disturbs less.
 *
 *   bench-summary-scale KITH_CLI SOURCE_ROOT [N_CODINGS [FACTOR]]
 *   (FACTOR loosens every target, for the ASan build in the test suite)
 *   (KITH_BENCH_KEEP=1 keeps the project and prints where it is)
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "kith-project.h"
#include "kith-retrieval.h"
#include "kith-summary.h"

#define N_DOCUMENTS 600
#define TURNS_PER_DOCUMENT 60
#define RUNS 3

static const char *const places[] = {
  "Birmingham", "Coventry", "Dudley", "Sandwell", "Solihull", "Walsall", "Wolverhampton",
};
static const char *const neighbourhoods[] = {
  "Smethwick", "Alum Rock", "Foleshill", "Bloxwich", "Tipton", "Chelmsley Wood", "Whitmore Reans",
  "Brierley Hill", "Handsworth", "Willenhall",
};
/* the residents' words, with a few letters outside ASCII so that code
 * points and bytes differ */
static const char *const sentences[] = {
  "I started going to the community café on Tuesdays and now I know half the street.",
  "When my neighbour was ill we took turns bringing food round, nobody asked us to.",
  "The library closed its evening hours so the homework club moved to the mosque hall.",
  "I feel safer walking back from the bus stop since the lights were fixed.",
  "My mum only speaks Urdu — اردو — and the advice sessions finally have an interpreter.",
  "We did a litter pick by the canal and the council came to help the week after.",
  "Honestly I didn't think anyone would listen, but the forum changed the bus route.",
  "Our allotment group shares seeds with the Polish families from Łódź and Kraków.",
};

static void
fail (const char *what, const char *detail)
{
  g_printerr ("bench-summary-scale: %s: %s\n", what, detail);
  exit (1);
}

static void
run_cli (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error))
    fail (argv[1], error->message);
  if (!g_spawn_check_wait_status (status, &error))
    fail (argv[1], err);
}

static void
exec_sql (sqlite3 *db, const char *sql)
{
  char *message = NULL;
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    fail (sql, message);
}

static sqlite3_stmt *
prepare (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    fail (sql, sqlite3_errmsg (db));
  return stmt;
}

static gint64
step_insert (sqlite3 *db, sqlite3_stmt *stmt)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    fail ("insert", sqlite3_errmsg (db));
  sqlite3_reset (stmt);
  return sqlite3_last_insert_rowid (db);
}

typedef struct {
  gint64 start, speech, end;
  gboolean resident;
} Turn;

/* Transcripts, each with an interviewer named in its header and residents
 * who are cases with a local_authority; codings spread over the outcome
 * codes, most on residents' words, some on the interviewer's. */
static void
fill_project (const char *path, guint n_codings)
{
  sqlite3 *db = NULL;
  g_autoptr(GArray) codes = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt, *doc, *text, *turn, *kase, *value, *coding;
  gint64 coder, attribute;
  guint per_doc = (n_codings + N_DOCUMENTS - 1) / N_DOCUMENTS, made = 0;
  GRand *rand = g_rand_new_with_seed (16);

  if (sqlite3_open (path, &db) != SQLITE_OK)
    fail (path, sqlite3_errmsg (db));
  exec_sql (db, "PRAGMA foreign_keys = ON; BEGIN");
  stmt = prepare (db, "SELECT id FROM codes WHERE outcome_key IS NOT NULL ORDER BY id");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_array_append_val (codes, (gint64) { sqlite3_column_int64 (stmt, 0) });
  sqlite3_finalize (stmt);
  if (codes->len == 0)
    fail (path, "the codebook has no outcome codes");
  exec_sql (db, "INSERT INTO coders (name, created) VALUES ('Amrit Sandhu', '2026-01-05T10:00:00Z')");
  coder = sqlite3_last_insert_rowid (db);
  exec_sql (db, "INSERT INTO attributes (name) VALUES ('local_authority')");
  attribute = sqlite3_last_insert_rowid (db);

  doc = prepare (db, "INSERT INTO documents (name, kind, original_name, format, size, sha256, encoding, "
                     "char_count, byte_count, imported) VALUES (?1, 'transcript', ?1, 'txt', ?2, ?3, 'UTF-8', ?4, ?2, "
                     "'2026-01-05T10:00:00Z')");
  text = prepare (db, "INSERT INTO document_texts (document_id, text) VALUES (?1, ?2)");
  turn = prepare (db, "INSERT INTO turns (document_id, start_pos, speech_start, end_pos, speaker, case_id) "
                      "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  kase = prepare (db, "INSERT INTO cases (name, created) VALUES (?1, '2026-01-05T10:00:00Z')");
  value = prepare (db, "INSERT INTO case_values (case_id, attribute_id, value) VALUES (?1, ?2, ?3)");
  coding = prepare (db, "INSERT OR IGNORE INTO codings (document_id, code_id, start_pos, end_pos, coder_id, origin, created) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, '2026-01-06T09:30:00Z')");

  for (guint d = 0; d < N_DOCUMENTS; d++)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autofree char *name = g_strdup_printf ("interview-%03u-%s.txt", d + 1,
                                               neighbourhoods[d % G_N_ELEMENTS (neighbourhoods)]);
      g_autofree char *resident = g_strdup_printf ("Resident %u", d + 1);
      g_autofree char *sha = NULL;
      Turn turns[TURNS_PER_DOCUMENT];
      gint64 doc_id, case_id, chars;

      g_string_append_printf (body, "Peer research interview, %s\nInterviewer: Grace Obi\nResident: %s\n\n",
                              neighbourhoods[d % G_N_ELEMENTS (neighbourhoods)], resident);
      for (guint t = 0; t < TURNS_PER_DOCUMENT; t++)
        {
          gboolean res = t % 2 == 1;
          const char *speaker = res ? resident : "Grace Obi";
          turns[t].resident = res;
          turns[t].start = g_utf8_strlen (body->str, body->len);
          g_string_append_printf (body, "%s: ", speaker);
          turns[t].speech = g_utf8_strlen (body->str, body->len);
          for (guint s = 0; s < (res ? 4u : 1u); s++)
            g_string_append_printf (body, "%s%s", s > 0 ? " " : "",
                                    sentences[g_rand_int_range (rand, 0, G_N_ELEMENTS (sentences))]);
          turns[t].end = g_utf8_strlen (body->str, body->len);
          g_string_append (body, "\n\n");
        }
      chars = g_utf8_strlen (body->str, body->len);
      sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, body->str, body->len);

      sqlite3_bind_text (doc, 1, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (doc, 2, (gint64) body->len);
      sqlite3_bind_text (doc, 3, sha, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (doc, 4, chars);
      doc_id = step_insert (db, doc);
      sqlite3_bind_int64 (text, 1, doc_id);
      sqlite3_bind_blob (text, 2, body->str, (int) body->len, SQLITE_TRANSIENT);
      step_insert (db, text);

      sqlite3_bind_text (kase, 1, resident, -1, SQLITE_TRANSIENT);
      case_id = step_insert (db, kase);
      sqlite3_bind_int64 (value, 1, case_id);
      sqlite3_bind_int64 (value, 2, attribute);
      sqlite3_bind_text (value, 3, places[d % G_N_ELEMENTS (places)], -1, SQLITE_STATIC);
      step_insert (db, value);

      for (guint t = 0; t < TURNS_PER_DOCUMENT; t++)
        {
          sqlite3_bind_int64 (turn, 1, doc_id);
          sqlite3_bind_int64 (turn, 2, turns[t].start);
          sqlite3_bind_int64 (turn, 3, turns[t].speech);
          sqlite3_bind_int64 (turn, 4, turns[t].end);
          sqlite3_bind_text (turn, 5, turns[t].resident ? resident : "Grace Obi", -1, SQLITE_TRANSIENT);
          if (turns[t].resident)
            sqlite3_bind_int64 (turn, 6, case_id);
          else
            sqlite3_bind_null (turn, 6);
          step_insert (db, turn);
        }

      /* spans inside a turn's speech, some starting or ending mid-word */
      for (guint c = 0; c < per_doc && made < n_codings; c++)
        {
          Turn *t = &turns[g_rand_int_range (rand, 0, 10) == 0 ? 2 * g_rand_int_range (rand, 0, TURNS_PER_DOCUMENT / 2)
                                                               : 2 * g_rand_int_range (rand, 0, TURNS_PER_DOCUMENT / 2) + 1];
          gint64 start = g_rand_int_range (rand, (gint32) t->speech, (gint32) t->end - 1);
          gint64 length = g_rand_int_range (rand, 20, 400);   /* MIN evaluates twice */
          gint64 end = MIN (t->end, start + length);

          sqlite3_bind_int64 (coding, 1, doc_id);
          sqlite3_bind_int64 (coding, 2, g_array_index (codes, gint64, g_rand_int_range (rand, 0, codes->len)));
          sqlite3_bind_int64 (coding, 3, start);
          sqlite3_bind_int64 (coding, 4, MAX (end, start + 1));
          sqlite3_bind_int64 (coding, 5, coder);
          sqlite3_bind_text (coding, 6, g_rand_int_range (rand, 0, 4) == 0 ? "rule" : "manual", -1, SQLITE_STATIC);
          step_insert (db, coding);
          if (sqlite3_changes (db) == 1)
            made++;
          else
            c--;
        }
    }
  sqlite3_finalize (doc);
  sqlite3_finalize (text);
  sqlite3_finalize (turn);
  sqlite3_finalize (kase);
  sqlite3_finalize (value);
  sqlite3_finalize (coding);
  exec_sql (db, "COMMIT");
  sqlite3_close (db);
  g_rand_free (rand);
}

/* the busiest outcome code, as an evaluator's pick */
static gint64
busiest_code (const char *path, guint *n)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    fail (path, sqlite3_errmsg (db));
  stmt = prepare (db, "SELECT code_id, count(*) FROM codings GROUP BY code_id ORDER BY 2 DESC, 1 LIMIT 1");
  if (sqlite3_step (stmt) != SQLITE_ROW)
    fail (path, "no codings");
  id = sqlite3_column_int64 (stmt, 0);
  *n = (guint) sqlite3_column_int (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return id;
}

typedef struct {
  double wall, cpu;   /* ms, the best of the runs */
} Timing;

/* CPU time of this process (RUSAGE_SELF) or its finished children */
static double
cpu_ms (int who)
{
  struct rusage usage;
  getrusage (who, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

static void
timing_start (Timing *timing, gint64 *t0, double *c0, int who)
{
  if (timing->wall == 0)
    timing->wall = timing->cpu = G_MAXDOUBLE;
  *t0 = g_get_monotonic_time ();
  *c0 = cpu_ms (who);
}

static void
timing_stop (Timing *timing, gint64 t0, double c0, int who)
{
  timing->wall = MIN (timing->wall, (g_get_monotonic_time () - t0) / 1000.0);
  timing->cpu = MIN (timing->cpu, cpu_ms (who) - c0);
}

static Timing
time_cli (const char *const *argv)
{
  Timing timing = { 0 };
  for (int r = 0; r < RUNS; r++)
    {
      gint64 t0;
      double c0;
      timing_start (&timing, &t0, &c0, RUSAGE_CHILDREN);
      run_cli (argv);
      timing_stop (&timing, t0, c0, RUSAGE_CHILDREN);
    }
  return timing;
}

static void
report (const char *what, Timing timing, double target_ms, int *missed)
{
  gboolean ok = timing.wall <= target_ms;
  printf ("%-50s %8.1f ms (CPU %7.1f ms)   target %5.0f ms   %s\n", what, timing.wall, timing.cpu, target_ms,
          ok ? "met" : "MISSED");
  if (!ok)
    (*missed)++;
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = NULL, *path = NULL, *barometers = NULL, *out = NULL, *code_arg = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KithProject) project = NULL;
  guint n_codings = argc > 3 ? (guint) atoi (argv[3]) : 100000, n_code = 0;
  double factor = argc > 4 ? g_ascii_strtod (argv[4], NULL) : 1;
  gint64 code_id, t0;
  double c0;
  Timing timing = { 0 };
  int missed = 0;

  if (argc < 3 || n_codings == 0 || factor < 1)
    {
      g_printerr ("usage: bench-summary-scale KITH_CLI SOURCE_ROOT [N_CODINGS [FACTOR]]\n");
      return 2;
    }
  g_setenv ("KITH_CODER", "Amrit Sandhu", TRUE);
  dir = g_dir_make_tmp ("kith-scale-XXXXXX", &error);
  if (dir == NULL)
    fail ("temporary folder", error->message);
  path = g_build_filename (dir, "scale.kith", NULL);
  out = g_build_filename (dir, "out", NULL);
  barometers = g_build_filename (argv[2], "data-samples", "barometers-inclusive-communities.tsv", NULL);

  t0 = g_get_monotonic_time ();
  run_cli ((const char *[]) { argv[1], "init", path, NULL });
  run_cli ((const char *[]) { argv[1], "codebook", "load", path, "inclusive-communities", NULL });
  run_cli ((const char *[]) { argv[1], "barometers", "import", path, barometers, NULL });
  fill_project (path, n_codings);
  code_id = busiest_code (path, &n_code);
  code_arg = g_strdup_printf ("%" G_GINT64_FORMAT, code_id);
  printf ("project: %u documents, %u codings, code %s has %u; built in %.1f s\n", N_DOCUMENTS, n_codings,
          code_arg, n_code, (g_get_monotonic_time () - t0) / 1e6);
  printf ("best of %d runs each\n", RUNS);

  for (const char *const *format = (const char *[]) { "html", "md", "csv", NULL }; *format != NULL; format++)
    {
      g_autofree char *what = g_strdup_printf ("kith-cli summary --format %s", *format);
      report (what, time_cli ((const char *[]) { argv[1], "summary", path, "--format", *format, "-o", out, NULL }),
              1000 * factor, &missed);
    }

  project = kith_project_open (path, KITH_OPEN_READ_ONLY, &error);
  if (project == NULL)
    fail (path, error->message);
  for (int r = 0; r < RUNS; r++)
    {
      g_autoptr(KithSummary) summary = NULL;
      timing_start (&timing, &t0, &c0, RUSAGE_SELF);
      summary = kith_summary_compute (project, NULL, &error);
      if (summary == NULL)
        fail ("kith_summary_compute", error->message);
      timing_stop (&timing, t0, c0, RUSAGE_SELF);
    }
  report ("kith_summary_compute", timing, 1000 * factor, &missed);

  report ("kith-cli export extracts --code (one code)",
          time_cli ((const char *[]) { argv[1], "export", "extracts", path, "--format", "csv", "--code", code_arg,
                                       "-o", out, NULL }), 50 * factor, &missed);
  timing = (Timing) { 0 };
  for (int r = 0; r < RUNS; r++)
    {
      g_autoptr(KithRetrieval) retrieval = NULL;
      timing_start (&timing, &t0, &c0, RUSAGE_SELF);
      retrieval = kith_retrieval_run (project, &code_id, 1, &error);
      if (retrieval == NULL)
        fail ("kith_retrieval_run", error->message);
      timing_stop (&timing, t0, c0, RUSAGE_SELF);
      if (retrieval->rows->len < n_code)
        fail ("kith_retrieval_run", "fewer rows than the code has codings");
    }
  report ("kith_retrieval_run (one code, the Extracts view)", timing, 50 * factor, &missed);

  g_clear_object (&project);
  /* KITH_BENCH_KEEP=1 keeps the project, to profile or try the app on */
  if (g_strcmp0 (g_getenv ("KITH_BENCH_KEEP"), "1") == 0)
    {
      printf ("project kept: %s\n", path);
      return missed == 0 ? 0 : 1;
    }
  g_remove (out);
  for (const char *const *suffix = (const char *[]) { "-wal", "-shm", NULL }; *suffix != NULL; suffix++)
    {
      g_autofree char *side = g_strconcat (path, *suffix, NULL);
      g_remove (side);
    }
  g_remove (path);
  g_rmdir (dir);
  printf ("%s\n", missed == 0 ? "all targets met" : "some targets missed");
  return missed == 0 ? 0 : 1;
}
