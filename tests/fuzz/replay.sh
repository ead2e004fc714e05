#!/usr/bin/env bash
# Replays fuzz target $2's seeds and regressions/ through $1 (the target
# built with kith-fuzz-replay.c), one TAP line an input.
set -euo pipefail
replay=$(realpath "$1") target=$2
here=$(cd "$(dirname "$0")" && pwd)
seeds=$(mktemp -d)
trap 'rm -rf "$seeds"' EXIT
bash "$here/seeds.sh" "$target" "$seeds"
cd "$seeds"
exec "$replay" . "$here/regressions/$target"
