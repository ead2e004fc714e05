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
  qde|qdpx)
    # the REFI-QDA samples other programs wrote, where the clone has them beside it
    refi=$root/../shared/refi/samples
    if [ "$target" = qdpx ]; then
      copy "$refi"/*/*.qdpx
    else
      for f in "$refi"/*/*.qdpx; do
        [ -f "$f" ] && python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read("project.qde"))' \
          "$f" > "$out/$(basename "$f" .qdpx).qde"
      done
    fi
    # a small project with a BOM, CRLF-counted positions, a case and a note
    qde='<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1.0" name="Tipton" origin="seed">'
    qde+='<Users><User guid="{1A2B3C4D-0000-4000-8000-000000000001}" name="Aisha"/></Users>'
    qde+='<CodeBook><Codes><Code guid="1a2b3c4d-0000-4000-8000-000000000010" name="Safe" isCodable="true"/></Codes></CodeBook>'
    qde+='<Variables><Variable guid="1a2b3c4d-0000-4000-8000-000000000070" name="Age" typeOfVariable="Integer"/></Variables>'
    qde+='<Cases><Case guid="1a2b3c4d-0000-4000-8000-000000000080"><VariableValue><VariableRef targetGUID="1a2b3c4d-0000-4000-8000-000000000070"/>'
    qde+='<IntegerValue>34</IntegerValue></VariableValue><SourceRef targetGUID="1a2b3c4d-0000-4000-8000-000000000020"/></Case></Cases>'
    qde+='<Sources><TextSource guid="1a2b3c4d-0000-4000-8000-000000000020" name="Tipton" plainTextPath="internal://t.txt">'
    qde+='<PlainTextSelection guid="1a2b3c4d-0000-4000-8000-000000000100" startPosition="8" endPosition="17">'
    qde+='<Coding guid="1a2b3c4d-0000-4000-8000-000000000101"><CodeRef targetGUID="1a2b3c4d-0000-4000-8000-000000000010"/>'
    qde+='<NoteRef targetGUID="1a2b3c4d-0000-4000-8000-000000000110"/></Coding></PlainTextSelection></TextSource></Sources>'
    qde+='<Notes><Note guid="1a2b3c4d-0000-4000-8000-000000000110" name="why"><PlainTextContent>she said so</PlainTextContent></Note></Notes></Project>'
    if [ "$target" = qde ]; then
      printf '%s' "$qde" > "$out/small.qde"
    else
      QDE=$qde python3 -c 'import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("project.qde", os.environ["QDE"])
    z.writestr("sources/t.txt", "\ufeffI feel\r\nsafe here.\r\n")' "$out/small.qdpx"
    fi
    ;;
  *) echo "seeds.sh: no fuzz target called $target" >&2; exit 2 ;;
esac
exit 0
