#!/usr/bin/env bash
# Kith's suggestion pass against ripgrep and Python's re, same rules, same corpus.
#
#   bash tests/bench/suggest-bench.sh [--docs N] [--megabytes M] [--kith-runs N] [--skip-python]
#
# Builds Kith for release in build-release/, generates a deterministic
# corpus (default 110 MB in 1,200 transcript-like documents) in
# build-release/bench/, imports it into a project with the bundled codebook
# (not timed), then times, in one run: Kith's full pass (`kith-cli suggest`,
# suggestions written to the project; three times, each on a fresh copy),
# `rg -o -b -i -f` over the same rules (look-around rules with -P), for
# reference `rg -P` over all of them, and Python's re over the same rules.
# Prints wall times, the ratios, how many cores Kith kept busy and its peak
# RSS at half and full corpus size. Needs ripgrep and /usr/bin/python3;
# takes about half an hour on two cores, nearly all of it ripgrep's default
# engine and Python.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f build-release/build.ninja ]; then
  meson setup build-release --buildtype=release >/dev/null
fi
ninja -C build-release app/kith-cli >/dev/null
exec /usr/bin/python3 tests/bench/suggest-bench.py --cli build-release/app/kith-cli \
  --work build-release/bench "$@"
