#!/usr/bin/env bash
# Import against a bare SQLite insert (issue 16), in one run so the ratio is
# fair on a busy machine: the sqlite3 CLI storing every file of a folder with
# readfile() in one transaction, then `kith-cli import` of the same folder.
#
#   bash tests/bench/import-ratio.sh [FILES] [MEGABYTES] [RUNS]   (default 300 30 3)
#
# The corpus (build-release/bench-ratio/corpus) is transcript-like text with
# notes and plain reports, a tenth of it hard-wrapped reports with page numbers.
# Each run also prints what was stored (documents, characters, turns and a
# digest of every text and turn): a faster import must store the same.
set -euo pipefail
cd "$(dirname "$0")/../.."
FILES=${1:-300}
MB=${2:-30}
RUNS=${3:-3}
[ -f build-release/build.ninja ] || meson setup build-release --buildtype=release >/dev/null
ninja -C build-release app/kith-cli >/dev/null
dir=build-release/bench-ratio
rm -rf "$dir"; mkdir -p "$dir"
/usr/bin/python3 tests/bench/gen-corpus.py "$dir/corpus" --docs "$FILES" --megabytes "$MB" --wrapped 0.1
echo "corpus: $(ls "$dir/corpus" | wc -l) files, $(du -sm "$dir/corpus" | cut -f1) MB"

now () { date +%s.%N; }
for run in $(seq "$RUNS"); do
  rm -f "$dir"/bare.sqlite* "$dir"/kith.kith*
  # the same durability as a Kith project: WAL, synchronous=FULL
  t0=$(now)
  sqlite3 "$dir/bare.sqlite" "PRAGMA journal_mode=WAL;" "PRAGMA synchronous=FULL;" \
    "BEGIN; CREATE TABLE files (name TEXT, data BLOB);
     INSERT INTO files SELECT name, readfile(name) FROM fsdir('$dir/corpus') WHERE mode & 0x8000;
     COMMIT;" >/dev/null
  t1=$(now)
  build-release/app/kith-cli init "$dir/kith.kith" >/dev/null
  build-release/app/kith-cli import "$dir/kith.kith" "$dir/corpus" >"$dir/import.log" 2>&1
  t2=$(now)
  imported=$(grep -c '^imported' "$dir/import.log" || true)
  stored=$(sqlite3 "$dir/kith.kith" "SELECT (SELECT count(*) FROM documents) || ' documents, '
    || (SELECT sum(char_count) FROM documents) || ' characters, ' || (SELECT count(*) FROM turns) || ' turns, digest '
    || lower(hex(substr(sha3_query('SELECT d.name, d.kind, d.format, d.encoding, d.reflowed, d.char_count, t.text
         FROM documents d JOIN document_texts t ON t.document_id = d.id ORDER BY d.id;
       SELECT document_id, start_pos, speech_start, end_pos, speaker, timestamp_ms FROM turns ORDER BY id'), 1, 8)))")
  /usr/bin/python3 - "$t0" "$t1" "$t2" "$imported" "$run" "$stored" <<'PY'
import sys
t0, t1, t2 = map(float, sys.argv[1:4])
bare, kith = t1 - t0, t2 - t1
print(f"run {sys.argv[5]}: sqlite3 readfile() {bare:6.2f} s   kith-cli init+import {kith:6.2f} s "
      f"({sys.argv[4]} imported)   ratio {kith / bare:.2f}")
print(f"       stored: {sys.argv[6]}")
PY
done
