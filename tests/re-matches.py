#!/usr/bin/env python3
"""The oracle for Kith's suggestion pass: every match Python's re finds
(re.IGNORECASE; Unicode \\w and \\b, like PCRE2 with UCP) of every rule in
each document, in code points, as Kith stores suggestions of scope match.

usage: re-matches.py RULES.tsv TEXT_DIR
  RULES.tsv  CODE_PATH<TAB>PATTERN lines (# comments), as “kith-cli rules import” reads
  TEXT_DIR   one file per document, named by its document id, holding its canonical text
prints     document id<TAB>code path<TAB>start<TAB>end, one line per distinct span, sorted
"""
import os
import re
import sys


def main():
    rules = []
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            path, pattern = line.split("\t", 1)
            rules.append((path, re.compile(pattern, re.IGNORECASE)))
    spans = set()
    for name in os.listdir(sys.argv[2]):
        with open(os.path.join(sys.argv[2], name), encoding="utf-8", newline="") as f:
            text = f.read()
        for path, regex in rules:
            for m in regex.finditer(text):
                if m.end() > m.start():
                    spans.add((int(name), path, m.start(), m.end()))
    for doc, path, start, end in sorted(spans):
        print(f"{doc}\t{path}\t{start}\t{end}")


if __name__ == "__main__":
    main()
