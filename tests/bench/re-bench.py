#!/usr/bin/env python3
"""Runs every rule's pattern over every file with Python's re (IGNORECASE,
Unicode), the way text-search auto-coding in the Python QDA tools does, and
prints the number of matches.

usage: re-bench.py PATTERNS.txt CORPUS_DIR
"""
import os
import re
import sys

patterns = [re.compile(line.rstrip("\n"), re.IGNORECASE)
            for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
n = 0
for name in sorted(os.listdir(sys.argv[2])):
    with open(os.path.join(sys.argv[2], name), encoding="utf-8") as f:
        text = f.read()
    for regex in patterns:
        for _ in regex.finditer(text):
            n += 1
print(n)
