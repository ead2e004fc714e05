#!/usr/bin/env bash
# Builds the fuzz targets in $1 (default build-fuzz/): clang, ASan + UBSan,
# the core library compiled with -fsanitize=fuzzer-no-link and only the
# targets linked with libFuzzer. Safe to run from several processes at once:
# the first builds, the others wait for it.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$root/build-fuzz}
command -v clang >/dev/null || { echo "clang is missing: bash .ci/setup test installs it" >&2; exit 1; }

mkdir -p "$build"
exec 9>"$build/.kith-build-lock"
flock 9
if [ ! -f "$build/build.ninja" ]; then
  check=$(mktemp -d)
  echo 'int LLVMFuzzerTestOneInput (const char *d, long n) { return 0; }' > "$check/check.c"
  clang -fsanitize=fuzzer -o "$check/check" "$check/check.c" \
    || { rm -rf "$check"; echo "clang cannot link libFuzzer: install libfuzzer-14-dev" >&2; exit 1; }
  rm -rf "$check"
  CC=clang meson setup "$build" "$root" --buildtype=debugoptimized -Dfuzzing=true \
    -Db_sanitize=address,undefined -Db_lundef=false -Dc_args=-fsanitize=fuzzer-no-link
fi
ninja -C "$build" $(ninja -C "$build" -t targets all | sed -n 's/^\(tests\/fuzz\/fuzz-[a-z-]*\): .*/\1/p')
