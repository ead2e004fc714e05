#!/usr/bin/env bash
# Fuzzes Kith for a fixed time:  bash tests/fuzz/run.sh TARGET|all [SECONDS]
# Builds the libFuzzer targets with clang under ASan + UBSan (build.sh) in
# $KITH_FUZZ_BUILD (default build-fuzz/), then runs each for SECONDS (default
# 60) from its seeds, its regressions/ and the corpus it grew before. One TAP
# line a target; an input that crashes is kept in BUILD/crashes/ and named.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${KITH_FUZZ_BUILD:-$root/build-fuzz}
which=${1:?usage: run.sh TARGET|all [SECONDS]}
seconds=${2:-60}
targets=(text docx odt html pdf vtt srt survey barometers codebook rule rules-tsv qde qdpx)
[ "$which" = all ] || targets=("$which")

echo "1..${#targets[@]}"
if ! log=$(bash "$here/build.sh" "$build" 2>&1); then
  n=0
  for t in "${targets[@]}"; do n=$((n + 1)); echo "not ok $n - fuzz-$t: the fuzz build failed"; done
  printf '%s\n' "$log" | tail -n 30 | sed 's/^/# /'
  exit 1
fi

status=0 n=0
for t in "${targets[@]}"; do
  n=$((n + 1))
  exe=$build/tests/fuzz/fuzz-$t
  corpus=$build/corpus/$t seeds=$build/seeds/$t crashes=$build/crashes
  rm -rf "$seeds"; mkdir -p "$corpus" "$crashes"
  bash "$here/seeds.sh" "$t" "$seeds"
  inputs=("$corpus" "$seeds")
  [ -d "$here/regressions/$t" ] && inputs+=("$here/regressions/$t")
  out=$build/fuzz-$t.log
  # leaks count, but what fontconfig and GLib keep for the process's life
  # is not a leak (tests/lsan.supp)
  LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$here/../lsan.supp:print_suppressions=0} \
    "$exe" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 -max_len=262144 \
    -artifact_prefix="$crashes/$t-" -print_final_stats=1 "${inputs[@]}" > "$out" 2>&1
  rc=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out" | tail -n 1)
  if [ $rc -eq 0 ]; then
    echo "ok $n - fuzz-$t: ${runs:-?} inputs in ${seconds} s, $(ls "$corpus" | wc -l) in the corpus, no crash"
  else
    status=1
    artifact=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$out" | tail -n 1)
    echo "not ok $n - fuzz-$t: crashed on ${artifact:-an input (see $out)}; copy it into tests/fuzz/regressions/$t/ and fix"
    grep -E 'ERROR|SUMMARY|^    #[0-9]+ |runtime error|kith-fuzz|fuzz-' "$out" | head -n 40 | sed 's/^/# /'
  fi
done
exit $status
