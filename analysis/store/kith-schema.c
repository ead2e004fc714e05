/* kith-schema.c — the project schema and its forward migrations
 *
 * A project's PRAGMA user_version is the number of steps below it has been
 * through. Steps are append-only: once a step has shipped it never changes,
 * a new step is added instead. kith_project_open() runs the missing steps
 * inside one transaction after backing the file up.
 *
 * Every text position is a Unicode code point offset into the document's
 * canonical text (document_texts.text), end exclusive.
 */
#include "kith-db-private.h"
#include "kith-i18n.h"

static const char *const migration_steps[] = {
  /* 1: the foundation — documents, codes, codings, coders, cases, memos */
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"

  "CREATE TABLE coders ("
  "  id      INTEGER PRIMARY KEY,"
  "  name    TEXT NOT NULL UNIQUE,"
  "  created TEXT NOT NULL"
  ");"

  "CREATE TABLE cases ("
  "  id          INTEGER PRIMARY KEY,"
  "  name        TEXT NOT NULL UNIQUE CHECK (name <> ''),"
  "  description TEXT NOT NULL DEFAULT '',"
  "  created     TEXT NOT NULL"
  ");"

  "CREATE TABLE attributes ("
  "  id       INTEGER PRIMARY KEY,"
  "  name     TEXT NOT NULL UNIQUE CHECK (name <> ''),"
  "  type     TEXT NOT NULL DEFAULT 'text' CHECK (type IN ('text', 'number', 'date', 'boolean')),"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"

  "CREATE TABLE case_values ("
  "  case_id      INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,"
  "  attribute_id INTEGER NOT NULL REFERENCES attributes (id) ON DELETE CASCADE,"
  "  value        TEXT NOT NULL,"
  "  PRIMARY KEY (case_id, attribute_id)"
  ") WITHOUT ROWID;"

  /* The text lives in its own table so that listing documents never walks
   * the overflow pages of a large text. */
  "CREATE TABLE documents ("
  "  id            INTEGER PRIMARY KEY,"
  "  name          TEXT NOT NULL UNIQUE CHECK (name <> ''),"
  "  kind          TEXT NOT NULL DEFAULT 'notes' CHECK (kind IN ('transcript', 'report', 'notes', 'survey')),"
  "  original_name TEXT NOT NULL,"
  "  format        TEXT NOT NULL,"
  "  size          INTEGER NOT NULL CHECK (size >= 0),"
  "  sha256        TEXT NOT NULL UNIQUE,"
  "  encoding      TEXT NOT NULL,"
  "  bom           INTEGER NOT NULL DEFAULT 0,"
  "  reflowed      INTEGER NOT NULL DEFAULT 0,"
  "  char_count    INTEGER NOT NULL CHECK (char_count >= 0),"
  "  byte_count    INTEGER NOT NULL CHECK (byte_count >= char_count),"
  "  case_id       INTEGER REFERENCES cases (id) ON DELETE SET NULL,"
  "  imported      TEXT NOT NULL"
  ");"

  "CREATE TABLE document_texts ("
  "  document_id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,"
  "  text        BLOB NOT NULL"
  ");"

  "CREATE TABLE document_values ("
  "  document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  attribute_id INTEGER NOT NULL REFERENCES attributes (id) ON DELETE CASCADE,"
  "  value        TEXT NOT NULL,"
  "  PRIMARY KEY (document_id, attribute_id)"
  ") WITHOUT ROWID;"

  /* A speaker turn: start is where its line begins (timestamp and name
   * included), speech_start where the words begin, end_pos where the turn's
   * text ends (trailing blank lines excluded). */
  "CREATE TABLE turns ("
  "  id           INTEGER PRIMARY KEY,"
  "  document_id  INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  start_pos    INTEGER NOT NULL,"
  "  speech_start INTEGER NOT NULL,"
  "  end_pos      INTEGER NOT NULL,"
  "  speaker      TEXT NOT NULL CHECK (speaker <> ''),"
  "  timestamp_ms INTEGER,"
  "  case_id      INTEGER REFERENCES cases (id) ON DELETE SET NULL,"
  "  CHECK (0 <= start_pos AND start_pos <= speech_start AND speech_start <= end_pos)"
  ");"
  "CREATE INDEX turns_by_document ON turns (document_id, start_pos);"

  "CREATE TABLE codes ("
  "  id          INTEGER PRIMARY KEY,"
  "  parent_id   INTEGER REFERENCES codes (id) ON DELETE CASCADE,"
  "  name        TEXT NOT NULL CHECK (name <> '' AND instr (name, '/') = 0),"
  "  description TEXT NOT NULL DEFAULT '',"
  "  colour      TEXT NOT NULL DEFAULT '#808080',"
  "  position    INTEGER NOT NULL DEFAULT 0,"
  "  created     TEXT NOT NULL"
  ");"
  "CREATE UNIQUE INDEX codes_by_parent_name ON codes (ifnull (parent_id, 0), name);"

  "CREATE TABLE codings ("
  "  id          INTEGER PRIMARY KEY,"
  "  document_id INTEGER NOT NULL REFERENCES documents (id) ON DELETE CASCADE,"
  "  code_id     INTEGER NOT NULL REFERENCES codes (id) ON DELETE CASCADE,"
  "  start_pos   INTEGER NOT NULL,"
  "  end_pos     INTEGER NOT NULL,"
  "  coder_id    INTEGER NOT NULL REFERENCES coders (id),"
  "  memo        TEXT NOT NULL DEFAULT '',"
  "  origin      TEXT NOT NULL DEFAULT 'manual' CHECK (origin IN ('manual', 'rule', 'import')),"
  "  created     TEXT NOT NULL,"
  "  CHECK (0 <= start_pos AND start_pos < end_pos),"
  "  UNIQUE (document_id, code_id, start_pos, end_pos, coder_id)"
  ");"
  "CREATE INDEX codings_by_document ON codings (document_id, start_pos);"
  "CREATE INDEX codings_by_code ON codings (code_id);"
  /* Defence in depth: no code path may store a span past the text. */
  "CREATE TRIGGER codings_within_text_insert BEFORE INSERT ON codings"
  "  WHEN NEW.end_pos > (SELECT char_count FROM documents WHERE id = NEW.document_id)"
  "  BEGIN SELECT RAISE (ABORT, 'the coded span runs past the end of the document'); END;"
  "CREATE TRIGGER codings_within_text_update BEFORE UPDATE OF start_pos, end_pos ON codings"
  "  WHEN NEW.end_pos > (SELECT char_count FROM documents WHERE id = NEW.document_id)"
  "  BEGIN SELECT RAISE (ABORT, 'the coded span runs past the end of the document'); END;"

  /* A memo on the project (all targets NULL), a document, a code or a case.
   * A coding's memo is a column of the coding. */
  "CREATE TABLE memos ("
  "  id          INTEGER PRIMARY KEY,"
  "  document_id INTEGER REFERENCES documents (id) ON DELETE CASCADE,"
  "  code_id     INTEGER REFERENCES codes (id) ON DELETE CASCADE,"
  "  case_id     INTEGER REFERENCES cases (id) ON DELETE CASCADE,"
  "  title       TEXT NOT NULL DEFAULT '',"
  "  body        TEXT NOT NULL DEFAULT '',"
  "  created     TEXT NOT NULL,"
  "  modified    TEXT NOT NULL,"
  "  CHECK ((document_id IS NOT NULL) + (code_id IS NOT NULL) + (case_id IS NOT NULL) <= 1)"
  ");",

  /* 2: where a code sits in an outcomes framework — the goal it serves
   * (a key such as “connected”), the dimension (think, feel, do) and the
   * outcome's key; NULL for codes outside any framework. Summaries and
   * barometer links use these; any framework's keys will do. */
  "ALTER TABLE codes ADD COLUMN goal TEXT;"
  "ALTER TABLE codes ADD COLUMN dimension TEXT;"
  "ALTER TABLE codes ADD COLUMN outcome_key TEXT;"
  "CREATE INDEX codes_by_goal ON codes (goal, dimension);",

  /* 3: undo and redo (kith-history.c). The logging triggers are rebuilt
   * after every migration, from the tracked tables' current columns. */
  "CREATE TABLE history_actions ("
  "  id      INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  grp     TEXT NOT NULL,"
  "  label   TEXT NOT NULL,"
  "  coder   TEXT NOT NULL,"
  "  created TEXT NOT NULL,"
  "  undone  INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE history_log ("
  "  seq       INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  action_id INTEGER NOT NULL REFERENCES history_actions (id) ON DELETE CASCADE,"
  "  sql       TEXT NOT NULL"
  ");"
  "CREATE INDEX history_log_by_action ON history_log (action_id, seq);"
  "CREATE TABLE history_state ("
  "  id        INTEGER PRIMARY KEY CHECK (id = 1),"
  "  action_id INTEGER"
  ");"
  "INSERT INTO history_state (id, action_id) VALUES (1, NULL);",

  /* 4: barometers — survey indicators that monitor a framework goal — and
   * their figures by geography and period, each with where it came from.
   * A figure is never overwritten: figures for the same barometer,
   * geography and period that disagree are all kept, and the
   * barometer_conflicts view names them. A NULL value records that a source
   * names the barometer for that geography and period without a figure.
   * code_barometers holds the links users make from any code to any
   * barometer (a framework code is linked to its goal's barometers by
   * codes.goal already). */
  "CREATE TABLE barometers ("
  "  id       INTEGER PRIMARY KEY,"
  "  key      TEXT NOT NULL UNIQUE CHECK (key <> ''),"
  "  label    TEXT NOT NULL CHECK (label <> ''),"
  "  goal     TEXT NOT NULL CHECK (goal <> ''),"
  "  role     TEXT NOT NULL CHECK (role IN ('key', 'supporting')),"
  "  source   TEXT NOT NULL DEFAULT '',"
  "  measure  TEXT NOT NULL CHECK (measure IN ('percent', 'smc_group', 'count', 'rate')),"
  "  better   TEXT NOT NULL DEFAULT 'higher' CHECK (better IN ('higher', 'lower')),"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  created  TEXT NOT NULL,"
  "  modified TEXT NOT NULL"
  ");"
  "CREATE INDEX barometers_by_goal ON barometers (goal, position);"

  "CREATE TABLE barometer_values ("
  "  id           INTEGER PRIMARY KEY,"
  "  barometer_id INTEGER NOT NULL REFERENCES barometers (id) ON DELETE CASCADE,"
  "  geography    TEXT NOT NULL COLLATE NOCASE CHECK (geography <> ''),"
  "  level        TEXT NOT NULL CHECK (level IN ('local', 'combined', 'nation')),"
  "  period       TEXT NOT NULL COLLATE NOCASE CHECK (period <> ''),"
  "  value        REAL,"
  "  source       TEXT NOT NULL DEFAULT '',"
  "  where_stated TEXT NOT NULL DEFAULT '',"
  "  file         TEXT NOT NULL,"
  "  line         INTEGER NOT NULL,"
  "  imported     TEXT NOT NULL"
  ");"
  /* the same figure from the same place is stored once: re-importing a
   * file changes nothing */
  "CREATE UNIQUE INDEX barometer_values_once ON barometer_values"
  "  (barometer_id, geography, period, ifnull (value, 'none'), source, where_stated);"
  "CREATE VIEW barometer_conflicts AS"
  "  SELECT barometer_id, geography, period, count (DISTINCT value) AS n_values"
  "  FROM barometer_values WHERE value IS NOT NULL"
  "  GROUP BY barometer_id, geography, period HAVING count (DISTINCT value) > 1;"

  "CREATE TABLE code_barometers ("
  "  code_id      INTEGER NOT NULL REFERENCES codes (id) ON DELETE CASCADE,"
  "  barometer_id INTEGER NOT NULL REFERENCES barometers (id) ON DELETE CASCADE,"
  "  created      TEXT NOT NULL,"
  "  PRIMARY KEY (code_id, barometer_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX code_barometers_by_barometer ON code_barometers (barometer_id);",

  /* 5: suggestion rules and the review queue (kith-rules.c, kith-suggest.c,
   * kith-review.c). A rule belongs to a code. A suggestion is one span a
   * rule found; it stays in the table once decided, so a rejected span is
   * never suggested again for that code, and per-rule statistics come from
   * counting suggestions by status. An accepted suggestion links to the
   * coding it became.
   *
   * A suggestion pass writes suggestions by the hundred thousand. Foreign
   * keys would cost three parent lookups per row, so a suggestion's ties to
   * its document, code, rule and coding are kept by triggers instead, which
   * cost nothing on insert; the pass only writes ids it has just read. */
  "CREATE TABLE rules ("
  "  id             INTEGER PRIMARY KEY,"
  "  code_id        INTEGER NOT NULL REFERENCES codes (id) ON DELETE CASCADE,"
  "  pattern        TEXT NOT NULL CHECK (pattern <> ''),"
  "  scope          TEXT NOT NULL DEFAULT 'match' CHECK (scope IN ('match', 'sentence', 'paragraph', 'turn')),"
  "  exclude        TEXT CHECK (exclude <> ''),"
  "  skip_speakers  TEXT CHECK (skip_speakers <> ''),"   /* names or roles, “;” between */
  "  case_sensitive INTEGER NOT NULL DEFAULT 0 CHECK (case_sensitive IN (0, 1)),"
  "  language       TEXT CHECK (language <> ''),"        /* BCP 47: en, ur, pa, pl, ar… */
  "  note           TEXT NOT NULL DEFAULT '',"
  "  created        TEXT NOT NULL"
  ");"
  "CREATE UNIQUE INDEX rules_unique ON rules (code_id, pattern, scope, ifnull (exclude, ''),"
  "  ifnull (skip_speakers, ''), case_sensitive);"

  "CREATE TABLE suggestions ("
  "  id          INTEGER PRIMARY KEY,"
  "  document_id INTEGER NOT NULL,"   /* documents (id), by trigger */
  "  code_id     INTEGER NOT NULL,"   /* codes (id), by trigger */
  "  rule_id     INTEGER,"            /* rules (id), NULL once the rule is deleted */
  "  start_pos   INTEGER NOT NULL,"
  "  end_pos     INTEGER NOT NULL,"
  "  status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected')),"
  "  coding_id   INTEGER,"            /* codings (id), NULL once the coding is removed */
  "  decided     TEXT,"
  "  decided_by  INTEGER REFERENCES coders (id),"
  "  CHECK (0 <= start_pos AND start_pos < end_pos),"
  "  CHECK ((status = 'pending') = (decided IS NULL)),"
  "  UNIQUE (code_id, document_id, start_pos, end_pos)"
  ");"
  "CREATE INDEX suggestions_by_document ON suggestions (document_id, start_pos);"
  "CREATE INDEX suggestions_by_rule ON suggestions (rule_id, status);"
  "CREATE INDEX suggestions_by_coding ON suggestions (coding_id) WHERE coding_id IS NOT NULL;"
  "CREATE TRIGGER suggestions_documents AFTER DELETE ON documents"
  "  BEGIN DELETE FROM suggestions WHERE document_id = OLD.id; END;"
  "CREATE TRIGGER suggestions_codes AFTER DELETE ON codes"
  "  BEGIN DELETE FROM suggestions WHERE code_id = OLD.id; END;"
  "CREATE TRIGGER suggestions_rules AFTER DELETE ON rules"
  "  BEGIN UPDATE suggestions SET rule_id = NULL WHERE rule_id = OLD.id; END;"
  "CREATE TRIGGER suggestions_codings AFTER DELETE ON codings"
  "  BEGIN UPDATE suggestions SET coding_id = NULL WHERE coding_id = OLD.id; END;",

  /* 6: where a suggestion rule does not look (kith-rule-skip.c): documents
   * by name or kind, sections by heading, spans holding given phrases or
   * naming the framework's own outcomes and barometers. Lists are “;”
   * separated, like skip_speakers. */
  "ALTER TABLE rules ADD COLUMN skip_documents TEXT CHECK (skip_documents <> '');"
  "ALTER TABLE rules ADD COLUMN skip_sections TEXT CHECK (skip_sections <> '');"
  "ALTER TABLE rules ADD COLUMN skip_text TEXT CHECK (skip_text <> '');"
  "ALTER TABLE rules ADD COLUMN skip_framework INTEGER NOT NULL DEFAULT 0 CHECK (skip_framework IN (0, 1));",
  /* 7: document titles (the summary's attribution “Report: <title>”): from
   * the file's metadata, or set by the user; NULL: worked out from the
   * text when read (kith-document-title.c), so older projects need nothing
   * filled in. */
  "ALTER TABLE documents ADD COLUMN title TEXT CHECK (title <> '');",

  /* 8: REFI-QDA exchange (analysis/exchange/). Every exported thing needs a
   * GUID that stays the same from one export to the next. Most are derived
   * from the project's own namespace (below) and the row, so exporting
   * writes nothing; refi_guids keeps the GUIDs that came in from another
   * package's file, so that they go out again unchanged. Deleting a row
   * forgets its GUID (the triggers), and undo brings it back (refi_guids is
   * tracked by the history). */
  "INSERT OR IGNORE INTO meta (key, value) VALUES ('refi_namespace',"
  "  lower (printf ('%s-%s-4%s-%s%s-%s', hex (randomblob (4)), hex (randomblob (2)),"
  "    substr (hex (randomblob (2)), 2), substr ('89ab', 1 + abs (random ()) % 4, 1),"
  "    substr (hex (randomblob (2)), 2), hex (randomblob (6)))));"
  "CREATE TABLE refi_guids ("
  "  kind   TEXT NOT NULL CHECK (kind IN ('coder', 'code', 'document', 'coding', 'case', 'attribute', 'memo')),"
  "  row_id INTEGER NOT NULL,"
  "  guid   TEXT NOT NULL UNIQUE CHECK (length (guid) = 36 AND guid = lower (guid)),"
  "  PRIMARY KEY (kind, row_id)"
  ") WITHOUT ROWID;"
  "CREATE TRIGGER refi_guids_coder AFTER DELETE ON coders BEGIN DELETE FROM refi_guids WHERE kind = 'coder' AND row_id = old.id; END;"
  "CREATE TRIGGER refi_guids_code AFTER DELETE ON codes BEGIN DELETE FROM refi_guids WHERE kind = 'code' AND row_id = old.id; END;"
  "CREATE TRIGGER refi_guids_document AFTER DELETE ON documents BEGIN DELETE FROM refi_guids WHERE kind = 'document' AND row_id = old.id; END;"
  "CREATE TRIGGER refi_guids_coding AFTER DELETE ON codings BEGIN DELETE FROM refi_guids WHERE kind = 'coding' AND row_id = old.id; END;"
  "CREATE TRIGGER refi_guids_case AFTER DELETE ON cases BEGIN DELETE FROM refi_guids WHERE kind = 'case' AND row_id = old.id; END;"
  "CREATE TRIGGER refi_guids_attribute AFTER DELETE ON attributes BEGIN DELETE FROM refi_guids WHERE kind = 'attribute' AND row_id = old.id; END;"
  "CREATE TRIGGER refi_guids_memo AFTER DELETE ON memos BEGIN DELETE FROM refi_guids WHERE kind = 'memo' AND row_id = old.id; END;",

  /* 9: pseudonymised exports (model/kith-privacy.c): names the user added
   * to be replaced, and names (of cases, speakers, candidates from the
   * text) the user keeps as they are. Cases, speakers and candidates are
   * read from the project when an export is made, so only the user's own
   * decisions are stored. */
  "CREATE TABLE privacy_names ("
  "  name    TEXT PRIMARY KEY CHECK (name <> ''),"
  "  action  TEXT NOT NULL CHECK (action IN ('replace', 'keep')),"
  "  created TEXT NOT NULL"
  ") WITHOUT ROWID;",
};

int
kith_schema_current_version (void)
{
  return (int) G_N_ELEMENTS (migration_steps);
}

/**
 * kith_schema_migrate:
 *
 * Runs steps @from_version + 1 … @to_version on @db and sets user_version.
 * The caller owns the transaction. Tests call this with a smaller
 * @to_version to build projects as an older Kith wrote them.
 */
gboolean
kith_schema_migrate (sqlite3 *db,
                     int      from_version,
                     int      to_version,
                     GError **error)
{
  g_autofree char *pragma = NULL;
  char *message = NULL;

  g_return_val_if_fail (from_version >= 0, FALSE);
  g_return_val_if_fail (to_version <= kith_schema_current_version (), FALSE);

  for (int v = from_version + 1; v <= to_version; v++)
    {
      if (sqlite3_exec (db, migration_steps[v - 1], NULL, NULL, &message) != SQLITE_OK)
        {
          g_set_error (error, KITH_ERROR, KITH_ERROR_FAILED,
                       _("schema step %d failed: %s"), v, message);
          sqlite3_free (message);
          return FALSE;
        }
    }
  pragma = g_strdup_printf ("PRAGMA user_version = %d", to_version);
  if (sqlite3_exec (db, pragma, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, KITH_ERROR, KITH_ERROR_FAILED, _("cannot set the schema version: %s"), message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}
