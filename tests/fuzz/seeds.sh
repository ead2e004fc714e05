#!/usr/bin/env bash
# Makes the seed corpus of fuzz target $1 in folder $2 from the inputs Kith
# already has: data-samples/, the bundled codebook, the real reports in
# ../shared/real/ when they are there, and a few small seeds written here for
# what the samples do not cover.
set -euo pipefail
target=$1 out=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
samples=$root/data-samples
codebook=$root/codebooks/inclusive-communities.kithcodebook
mkdir -p "$out"

copy () { for f in "$@"; do [ -f "$f" ] && cp "$f" "$out/"; done; return 0; }
# the bundled codebook's patterns, with their exclusions
# (one process each, no “| head”: with pipefail a closed pipe would fail the script)
patterns () { awk -v n="${1:-40}" 'sub(/^pattern=/, "") && ++i <= n' "$codebook"; }

case "$target" in
  text)
    copy "$samples"/*.txt "$samples"/*.md
    # real reports nobody on the project wrote, where the clone has them beside it
    copy "$root"/../shared/real/*.txt
    # encodings the samples do not show: UTF-16BE without a BOM, Latin-1
    printf 'N\0a\0s\0r\0e\0e\0n\0:\0 \0H\0e\0l\0l\0o\0\n\0' | dd conv=swab status=none > "$out/utf16be-no-bom.txt"
    printf 'Caf\xe9 on the High Street, Bilston \x96 \x93open\x94 again.\r\n' > "$out/windows-1252.txt"
    ;;
  docx) copy "$samples"/*.docx ;;
  odt) copy "$samples"/*.odt ;;
  html) copy "$samples"/*.html ;;
  pdf) copy "$samples"/*.pdf ;;
  vtt) copy "$samples"/*.vtt ;;
  srt) copy "$samples"/*.srt ;;
  survey) copy "$samples"/*.csv ;;
  barometers)
    copy "$samples"/barometers-*.tsv
    # the same table as CSV, so both readers are seeded
    awk -F'\t' -v OFS=, '!/^#/ && ++n <= 12 { for (i = 1; i <= NF; i++) { gsub(/"/, "\"\"", $i); $i = "\"" $i "\"" } print }' \
      "$samples"/barometers-inclusive-communities.tsv > "$out/barometers.csv"
    ;;
  codebook)
    copy "$codebook"
    # one code with one rule of each kind, small enough to mutate quickly
    awk '/^\[Code Connected\/Think\/Know what support is available\]/,/^\[Rule Connected\/Think\/Know what support is available #3\]/' \
      "$codebook" | sed '$d' > "$out/small.kithcodebook"
    ;;
  rule)
    i=0
    while IFS= read -r pattern; do
      i=$((i + 1))
      printf '%s\n\nI never knew where to go for help until Sunita told me about the hub in Bilston.\n' \
        "$pattern" > "$out/rule-$i"
    done < <(patterns 40)
    printf '(?<!not )\\bsafe\\b\n\\b(?:don.t|never)\\b\nI feel safe at the gurdwara. I don'"'"'t feel safe on the bus.\n' > "$out/exclude"
    ;;
  rules-tsv)
    patterns 40 | sed 's/^/Connected\/Think\/Know what support is available\t/' > "$out/rules.tsv"
    printf '# a comment\nFeel/Safe\t\\bsafe\\b\nDo/Volunteer\t\\bvolunteer(?:ed|ing)?\\b\n' > "$out/small.tsv"
    ;;
  *) echo "seeds.sh: no fuzz target called $target" >&2; exit 2 ;;
esac
exit 0
