/* test-cli.c — kith-cli end to end, as a script or an evaluator would use it */
#include "kith-config.h"

#include <criterion/criterion.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "kith-test-util.h"

static char *
new_project_path (void)
{
  g_autofree char *dir = kt_tmpdir ();

  return g_build_filename (dir, "study.kith", NULL);
}

static char *
initialised_project (void)
{
  char *path = new_project_path ();

  cr_assert_eq (kt_cli (NULL, NULL, "init", path, NULL), 0);
  return path;
}

static void
assert_contains (const char *haystack, const char *needle)
{
  cr_assert (strstr (haystack, needle) != NULL, "“%s” not in:\n%s", needle, haystack);
}

Test (cli, help_for_every_command)
{
  const char *commands[][2] = {
    { "init", NULL }, { "import", NULL }, { "docs", NULL }, { "show", NULL }, { "turns", NULL },
    { "codes", NULL }, { "codes", "add" }, { "code", NULL }, { "uncode", NULL }, { "codings", NULL },
    { "find", NULL },
    { "cases", NULL }, { "cases", "add" }, { "cases", "set" }, { "cases", "attribute" }, { "cases", "attributes" },
    { "cases", "import" }, { "cases", "link" }, { "cases", "link-document" }, { "cases", "from-speakers" },
    { "export", "extracts" },
    { "codes", "framework" }, { "barometers", NULL }, { "barometers", "import" }, { "barometers", "link" },
    { "barometers", "unlink" }, { "barometers", "links" }, { "summary", NULL },
    { "codes", "rename" }, { "codes", "move" }, { "codes", "recolour" }, { "codes", "delete" },
    { "codebook", "load" }, { "codebook", "export" }, { "rules", NULL }, { "rules", "import" },
    { "rules", "stats" }, { "rules", "delete" }, { "suggest", NULL }, { "review", "list" }, { "review", "accept" },
    { "review", "reject" }, { "review", "undo" },
  };
  g_autofree char *overview = NULL;

  cr_assert_eq (kt_cli (&overview, NULL, "--help", NULL), 0);
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *name = commands[i][1] ? g_strdup_printf ("%s %s", commands[i][0], commands[i][1])
                                             : g_strdup (commands[i][0]);
      int status = commands[i][1] ? kt_cli (&out, NULL, commands[i][0], commands[i][1], "--help", NULL)
                                  : kt_cli (&out, NULL, commands[i][0], "--help", NULL);
      cr_assert_eq (status, 0, "%s --help", name);
      assert_contains (out, "Usage:");
      assert_contains (out, name);
      assert_contains (overview, name);
    }
}

Test (cli, bad_usage_exits_2)
{
  g_autofree char *project = initialised_project ();
  g_autofree char *err = NULL;

  cr_assert_eq (kt_cli (NULL, NULL, NULL), 2);
  cr_assert_eq (kt_cli (NULL, &err, "frobnicate", NULL), 2);
  assert_contains (err, "unknown command “frobnicate”");
  cr_assert_eq (kt_cli (NULL, NULL, "import", project, NULL), 2, "no PATH");
  cr_assert_eq (kt_cli (NULL, NULL, "import", project, "x.txt", "--kind", "poem", NULL), 2);
  cr_assert_eq (kt_cli (NULL, NULL, "import", project, "x.txt", "--encoding", "EBCDIC-KLINGON", NULL), 2);
  cr_assert_eq (kt_cli (NULL, NULL, "import", project, "x.txt", "--no-such-option", NULL), 2);
  cr_assert_eq (kt_cli (NULL, NULL, "code", project, "1", "ten", "20", "Feel", NULL), 2);
  cr_assert_eq (kt_cli (NULL, NULL, "code", project, "1", "20", "10", "Feel", NULL), 2);
  cr_assert_eq (kt_cli (NULL, NULL, "docs", project, "extra", NULL), 2);
  cr_assert_eq (kt_cli (NULL, NULL, "export", "extracts", project, NULL), 2, "--format is required");
  cr_assert_eq (kt_cli (NULL, NULL, "export", "extracts", project, "--format", "xml", NULL), 2);
  cr_assert_eq (kt_cli (NULL, NULL, "codes", "add", project, "Feel", "--colour", "red", NULL), 2);
}

Test (cli, user_errors_exit_1_naming_the_file)
{
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "missing.kith", NULL);
  g_autofree char *essay = g_build_filename (dir, "essay.kith", NULL);
  g_autofree char *project = initialised_project ();
  g_autofree char *err1 = NULL, *err2 = NULL, *err3 = NULL, *err4 = NULL, *err5 = NULL, *err6 = NULL;

  kt_write_file (essay, "An essay about Wolverhampton.\n", -1);
  cr_assert_eq (kt_cli (NULL, &err1, "docs", missing, NULL), 1);
  assert_contains (err1, "missing.kith: no such project");
  cr_assert_eq (kt_cli (NULL, &err2, "docs", essay, NULL), 1);
  assert_contains (err2, "essay.kith: not a Kith project");
  cr_assert_eq (kt_cli (NULL, &err3, "init", essay, NULL), 1);
  assert_contains (err3, "essay.kith: a file with this name already exists");
  cr_assert_eq (kt_cli (NULL, &err4, "show", project, "no-such-doc.txt", NULL), 1);
  assert_contains (err4, "there is no document “no-such-doc.txt”");
  cr_assert_eq (kt_cli (NULL, &err5, "uncode", project, "42", NULL), 1);
  assert_contains (err5, "there is no coding 42");
  cr_assert_eq (kt_cli (NULL, &err6, "import", project, missing, NULL), 1);
  assert_contains (err6, "missing.kith: there is no such file");
}

/* positions in code points of @needle in @text, as strings for the CLI */
static void
span_of (const char *text, const char *needle, char **start, char **end)
{
  const char *at = strstr (text, needle);
  glong s;

  cr_assert_not_null (at, "“%s” not in the document", needle);
  s = g_utf8_pointer_to_offset (text, at);
  *start = g_strdup_printf ("%ld", s);
  *end = g_strdup_printf ("%ld", s + g_utf8_strlen (needle, -1));
}

static char *
utf8_of_sample (const char *name, const char *encoding, gsize skip)
{
  g_autofree char *path = kt_sample (name);
  gsize len = 0;
  g_autofree char *raw = kt_read_file (path, &len);
  g_autofree char *utf8 = g_convert (raw + skip, (gssize) (len - skip), "UTF-8", encoding, NULL, NULL, NULL);
  g_auto(GStrv) lines = g_strsplit (utf8, "\r\n", -1);

  return g_strjoinv ("\n", lines);
}

Test (cli, whole_pipeline_on_the_samples)
{
  g_autofree char *project = initialised_project ();
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *csv_path = g_build_filename (dir, "extracts.csv", NULL);
  g_autofree char *out = NULL, *err = NULL, *docs = NULL, *shown = NULL, *turns = NULL, *codes = NULL;
  g_autofree char *alum = NULL, *coventry = NULL, *smethwick = NULL;
  g_autofree char *coventry_file = NULL, *expected_docs = NULL, *script = NULL, *parsed = NULL;
  g_autofree char *coventry_path = kt_sample ("interview-03-coventry.txt");
  g_autoptr(GError) error = NULL;
  struct { const char *doc; const char *code; const char *needle; } spans[] = {
    { "interview-02-alum-rock.txt", "Inclusive/Feel/Belonging", "یہاں سب ایک دوسرے کا خیال رکھتے ہیں۔" },
    { "interview-02-alum-rock.txt", "Cross-cutting/Access", "ਅਸੀਂ ਉੱਥੇ ਜਾ ਕੇ ਕੀ ਕਰਾਂਗੇ?" },
    { "interview-03-coventry.txt", "Inclusive/Feel/Belonging", "أشعر أن هذا بيتي الآن." },
    { "interview-03-coventry.txt", "Connected/Feel/Safer to meet", "Dzień dobry, sąsiedzie!" },
    { "interview-01-smethwick.txt", "Connected/Think/Know support", "I didn’t know where to go for help" },
  };
  GStatBuf st;
  int status = 0;

  /* a folder with every format, in one command, reported file by file */
  cr_assert_eq (kt_cli (&out, &err, "import", project, KITH_SAMPLES_DIR, NULL), 0, "%s", err);
  assert_contains (err, "12 imported, 0 duplicate, 0 failed, 1 skipped");
  assert_contains (out, "skipped\t" KITH_SAMPLES_DIR "/barometers-inclusive-communities.tsv\ta table of barometers");
  assert_contains (out, "imported\t" KITH_SAMPLES_DIR "/interview-01-smethwick.txt\tdocument 4, transcript, ");
  assert_contains (out, "WINDOWS-1252");
  assert_contains (out, "imported\t" KITH_SAMPLES_DIR "/community-forum-coventry.odt\tdocument 1, notes, 799 characters, UTF-8\n");
  assert_contains (out, "imported\t" KITH_SAMPLES_DIR "/funder-report-stourbridge-2024.pdf\tdocument 3, report, ");
  assert_contains (out, "imported\t" KITH_SAMPLES_DIR "/interview-04-walsall.docx\tdocument 7, transcript, 1452 characters, "
                        "UTF-8, 12 turns by 2 speakers\n");
  assert_contains (out, "imported\t" KITH_SAMPLES_DIR "/newsletter-tipton-community-hub.html\tdocument 8, notes, ");
  assert_contains (out, "imported\t" KITH_SAMPLES_DIR "/otter-focus-group-solihull.srt\tdocument 9, transcript, ");
  assert_contains (out, "imported\t" KITH_SAMPLES_DIR "/survey-neighbourhoods-2025.csv\t9 documents from document 10, "
                        "survey, 10 cases, ");
  assert_contains (out, "imported\t" KITH_SAMPLES_DIR "/teams-meeting-sandwell.vtt\tdocument 19, transcript, ");

  /* docs: id, name, kind, characters */
  alum = utf8_of_sample ("interview-02-alum-rock.txt", "UTF-16LE", 2);
  smethwick = utf8_of_sample ("interview-01-smethwick.txt", "WINDOWS-1252", 0);
  coventry_file = kt_read_file (coventry_path, NULL);
  cr_assert_eq (kt_cli (&docs, NULL, "docs", project, NULL), 0);
  expected_docs = g_strdup_printf ("4\tinterview-01-smethwick.txt\ttranscript\t%ld\n"
                                   "5\tinterview-02-alum-rock.txt\ttranscript\t%ld\n"
                                   "6\tinterview-03-coventry.txt\ttranscript\t%ld\n",
                                   g_utf8_strlen (smethwick, -1), g_utf8_strlen (alum, -1),
                                   g_utf8_strlen (coventry_file, -1));
  assert_contains (docs, expected_docs);
  assert_contains (docs, "2\tfunder-report-excerpt.txt\treport\t");
  assert_contains (docs, "10\tsurvey-neighbourhoods-2025 WM-001\tsurvey\t");
  assert_contains (docs, "20\tworkshop-notes-wolverhampton.md\tnotes\t");

  /* show: exactly the canonical text */
  cr_assert_eq (kt_cli (&shown, NULL, "show", project, "interview-02-alum-rock.txt", NULL), 0);
  cr_assert_str_eq (shown, alum);
  g_free (shown);
  cr_assert_eq (kt_cli (&shown, NULL, "show", project, "6", NULL), 0);
  cr_assert_str_eq (shown, coventry_file);

  /* turns: start, end, speaker, timestamp */
  cr_assert_eq (kt_cli (&turns, NULL, "turns", project, "interview-01-smethwick.txt", NULL), 0);
  {
    g_autofree char *start = NULL, *end = NULL, *first = NULL;
    span_of (smethwick, "[00:00:05] Grace: Thanks", &start, &end);
    first = g_strdup_printf ("%s\t", start);
    cr_assert (g_str_has_prefix (turns, first), "%s", turns);
    assert_contains (turns, "\tGrace\t5000\n");
    assert_contains (turns, "\tDelroy\t12000\n");
  }

  /* code spans that come after Urdu, Gurmukhi, Arabic, Polish and emoji */
  for (gsize i = 0; i < G_N_ELEMENTS (spans); i++)
    {
      g_autofree char *text = NULL, *start = NULL, *end = NULL, *id = NULL, *cerr = NULL;
      g_autofree char *aerr = NULL;
      int add = kt_cli (NULL, &aerr, "codes", "add", project, spans[i].code, NULL);
      cr_assert (add == 0 || strstr (aerr, "already exists") != NULL, "%s", aerr);
      cr_assert_eq (kt_cli (&text, NULL, "show", project, spans[i].doc, NULL), 0);
      span_of (text, spans[i].needle, &start, &end);
      cr_assert_eq (kt_cli (&id, &cerr, "code", project, spans[i].doc, start, end, spans[i].code,
                            "--memo", "from the CLI test", NULL), 0, "%s", cerr);
      cr_assert (g_ascii_strtoll (id, NULL, 10) > 0);
    }
  cr_assert_eq (kt_cli (&codes, NULL, "codes", project, NULL), 0);
  assert_contains (codes, "\tInclusive/Feel/Belonging\t2\n");
  assert_contains (codes, "\tCross-cutting/Access\t1\n");
  assert_contains (codes, "\tInclusive\t0\n");

  /* export, and read it back as a researcher's script would */
  cr_assert_eq (kt_cli (NULL, NULL, "export", "extracts", project, "--format", "csv", "-o", csv_path, NULL), 0);
  cr_assert_eq (g_stat (csv_path, &st), 0);
  cr_assert_eq (st.st_mode & 0777, 0600, "exports hold quotes: owner only");
  script = g_strdup ("import csv,sys\n"
                     "for r in csv.DictReader(open(sys.argv[1],newline='',encoding='utf-8')):\n"
                     "    print(r['document'], r['code'], r['text'], r['speaker'], r['coder'], r['memo'], sep='|')\n");
  {
    const char *argv[] = { "/usr/bin/python3", "-c", script, csv_path, NULL };
    cr_assert (g_spawn_sync (NULL, (char **) argv, NULL, 0, NULL, NULL, &parsed, NULL, &status, &error));
    cr_assert_eq (status, 0);
  }
  for (gsize i = 0; i < G_N_ELEMENTS (spans); i++)
    {
      g_autofree char *line = g_strdup_printf ("%s|%s|%s|", spans[i].doc, spans[i].code, spans[i].needle);
      assert_contains (parsed, line);
    }
  assert_contains (parsed, "|Nasreen|Test Coder|from the CLI test\n");
  assert_contains (parsed, "|Delroy|Test Coder|");
  {
    g_auto(GStrv) lines = g_strsplit (parsed, "\n", -1);
    cr_assert_eq (g_strv_length (lines), G_N_ELEMENTS (spans) + 1);
  }

  /* uncode the first coding */
  cr_assert_eq (kt_cli (NULL, NULL, "uncode", project, "1", NULL), 0);
  g_free (codes);
  cr_assert_eq (kt_cli (&codes, NULL, "codes", project, NULL), 0);
  assert_contains (codes, "\tInclusive/Feel/Belonging\t1\n");

  /* importing the folder again changes nothing */
  g_free (err);
  cr_assert_eq (kt_cli (NULL, &err, "import", project, KITH_SAMPLES_DIR, NULL), 0);
  assert_contains (err, "0 imported, 12 duplicate, 0 failed, 1 skipped");
}

Test (cli, import_failure_reports_and_continues)
{
  g_autofree char *project = initialised_project ();
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *good = g_build_filename (dir, "good.txt", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.txt", NULL);
  g_autofree char *out = NULL, *err = NULL, *docs = NULL;
  g_autofree char *line = NULL;

  kt_write_file (good, "Notes from a coffee morning in Tipton.\n", -1);
  kt_write_file (bad, "Caf\xE9 in Tipton\n", -1);
  cr_assert_eq (kt_cli (&out, &err, "import", project, good, bad, "--encoding", "UTF-8", NULL), 1);
  line = g_strdup_printf ("failed\t%s\tthe text is not valid UTF-8 at byte 3", bad);
  assert_contains (out, line);
  assert_contains (err, "bad.txt: the text is not valid UTF-8 at byte 3");
  cr_assert_eq (kt_cli (&docs, NULL, "docs", project, NULL), 0);
  cr_assert_str_eq (docs, "1\tgood.txt\tnotes\t39\n");
}

Test (cli, no_reflow_option)
{
  g_autofree char *project = initialised_project ();
  g_autofree char *dir = kt_tmpdir ();
  g_autofree char *a = g_build_filename (dir, "wrapped-a.txt", NULL);
  g_autofree char *b = g_build_filename (dir, "wrapped-b.txt", NULL);
  const char *text =
    "The community centre in Bilston has been open since 1984, and for many\n"
    "residents it is the only place where they meet people outside their\n"
    "family. Volunteers run a lunch club on Tuesdays, a homework club for\n"
    "children after school, and an advice session with Citizens Advice\n"
    "once a month.\n";
  g_autofree char *kept = NULL, *joined = NULL;
  g_autofree char *text_b = g_strconcat (text, "\n", NULL);

  kt_write_file (a, text, -1);
  kt_write_file (b, text_b, -1);
  cr_assert_eq (kt_cli (NULL, NULL, "import", project, a, "--no-reflow", NULL), 0);
  cr_assert_eq (kt_cli (NULL, NULL, "import", project, b, NULL), 0);
  cr_assert_eq (kt_cli (&kept, NULL, "show", project, "1", NULL), 0);
  cr_assert_eq (kt_cli (&joined, NULL, "show", project, "2", NULL), 0);
  cr_assert_str_eq (kept, text);
  cr_assert_eq (strchr (joined, '\n') - joined, (long) strlen (joined) - 2, "one paragraph, then the blank line");
}

Test (cli, read_only_project)
{
  g_autofree char *project = initialised_project ();
  g_autofree char *err = NULL, *out = NULL;

  cr_assert_eq (kt_cli (NULL, NULL, "codes", "add", project, "Feel/Safe", NULL), 0);
  cr_assert_eq (g_chmod (project, 0400), 0);
  cr_assert_eq (kt_cli (NULL, &err, "codes", "add", project, "Do/Volunteer", NULL), 1);
  assert_contains (err, "study.kith: the project file is read-only");
  cr_assert_eq (kt_cli (&out, NULL, "codes", project, NULL), 0, "reading still works");
  cr_assert_str_eq (out, "1\tFeel\t0\n2\tFeel/Safe\t0\n");
}

Test (cli, busy_project)
{
  g_autofree char *project = initialised_project ();
  g_autofree char *err = NULL;
  sqlite3 *other = NULL;

  cr_assert_eq (sqlite3_open (project, &other), SQLITE_OK);
  cr_assert_eq (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
  g_setenv ("KITH_BUSY_TIMEOUT_MS", "200", TRUE);
  cr_assert_eq (kt_cli (NULL, &err, "codes", "add", project, "Feel/Safe", NULL), 1);
  assert_contains (err, "study.kith: another program is writing to this project");
  sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (other);
  cr_assert_eq (kt_cli (NULL, NULL, "codes", "add", project, "Feel/Safe", NULL), 0);
}

Test (cli, newer_project_is_refused)
{
  g_autofree char *project = initialised_project ();
  g_autofree char *err = NULL;
  sqlite3 *db = NULL;

  cr_assert_eq (sqlite3_open (project, &db), SQLITE_OK);
  cr_assert_eq (sqlite3_exec (db, "PRAGMA user_version = 999", NULL, NULL, NULL), SQLITE_OK);
  sqlite3_close (db);
  cr_assert_eq (kt_cli (NULL, &err, "docs", project, NULL), 1);
  assert_contains (err, "written by a newer version of Kith (project version 999");
}

Test (cli, find_gives_codable_offsets)
{
  g_autofree char *project = initialised_project ();
  g_autofree char *hits = NULL, *text = NULL, *start = NULL, *end = NULL, *expected = NULL, *none = NULL;

  cr_assert_eq (kt_cli (NULL, NULL, "import", project, KITH_SAMPLES_DIR, NULL), 0);
  cr_assert_eq (kt_cli (&text, NULL, "show", project, "interview-03-coventry.txt", NULL), 0);
  span_of (text, "She feels safe there", &start, &end);
  cr_assert_eq (kt_cli (&hits, NULL, "find", project, "she FEELS safe THERE", "-i", "--doc", "interview-03-coventry.txt", NULL), 0);
  expected = g_strdup_printf ("6\tinterview-03-coventry.txt\t%s\t%s\t…", start, end);
  cr_assert (g_str_has_prefix (hits, expected), "%s", hits);
  cr_assert_eq (strchr (hits, '\n') - hits, (long) strlen (hits) - 1, "one hit");
  cr_assert_eq (kt_cli (&none, NULL, "find", project, "she FEELS safe", NULL), 0);
  cr_assert_str_eq (none, "", "case matters without -i: %s", none);
}
