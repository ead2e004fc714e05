#!/usr/bin/env bash
# Import benchmark: Kith's import of a folder of transcripts against what a
# Python QDA tool does for the same files (read, decode, normalise line ends,
# one SQLite row per document — QualCoder's text import, minus its GUI).
#
#   bash tests/bench/import-bench.sh [MEGABYTES]     (default 100)
#
# Builds a release build in build-release/, generates the corpus under
# build-release/bench-import/, and prints wall times, the ratio and Kith's
# peak memory.
set -euo pipefail
cd "$(dirname "$0")/../.."
MB=${1:-100}
[ -f build-release/build.ninja ] || meson setup build-release --buildtype=release >/dev/null
ninja -C build-release app/kith-cli >/dev/null
dir=build-release/bench-import
rm -rf "$dir"; mkdir -p "$dir/corpus"

/usr/bin/python3 tests/bench/make-corpus.py "$dir/corpus" "$MB" 100

now () { date +%s.%N; }
t0=$(now)
/usr/bin/python3 tests/bench/rss.py build-release/app/kith-cli init "$dir/kith.kith" >/dev/null
rss=$(/usr/bin/python3 tests/bench/rss.py build-release/app/kith-cli import "$dir/kith.kith" "$dir/corpus" 2>/dev/null | tail -n 1)
t1=$(now)
/usr/bin/python3 tests/bench/python-import.py "$dir/python.sqlite" "$dir/corpus"
t2=$(now)

/usr/bin/python3 - "$t0" "$t1" "$t2" "$rss" "$MB" <<'PY'
import sys
t0, t1, t2 = map(float, sys.argv[1:4])
rss, mb = sys.argv[4], sys.argv[5]
kith, python = t1 - t0, t2 - t1
print(f"corpus: {mb} MB in 100 files")
print(f"kith-cli import: {kith:6.2f} s   (peak memory {rss})")
print(f"python import:   {python:6.2f} s")
print(f"ratio kith/python: {kith / python:.2f}")
PY
