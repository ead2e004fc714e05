#!/usr/bin/env python3
"""Reflow against a ground truth nobody on the project wrote: the WMCA
roadmap (2020) as clean text, one paragraph a line, and the same report as
text copied out of its PDF (../shared/real/). After import, the long
paragraphs of the clean copy must come back whole from the hard-wrapped
copy, and every hyphenated compound the clean copy writes must keep its
hyphen. TAP on stdout.

usage: test-reflow-truth.py KITH_CLI REAL_DIR"""
import difflib
import os
import re
import subprocess
import sys
import tempfile

cli, real = sys.argv[1], sys.argv[2]
clean_path = os.path.join(real, "roadmap-2020.txt")
wrapped_path = os.path.join(real, "roadmap-2020-hardwrapped.txt")
if not (os.path.exists(clean_path) and os.path.exists(wrapped_path)):
    print(f"1..0 # SKIP no real reports in {real}")
    sys.exit(0)


def norm(s):
    """The two copies differ in quotes, dashes, list marks and Markdown."""
    for a, b in (("\u2018", "'"), ("\u2019", "'"), ("\u201c", '"'), ("\u201d", '"'),
                 ("\u2013", "-"), ("\u2014", "-"), ("\u00a0", " "), ("**", "")):
        s = s.replace(a, b)
    s = re.sub(r"^\s*(?:[-•●▪]|\d+\.|[a-z]\.)\s+", "", s)
    s = re.sub(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]", "", s)
    return re.sub(r"\s+", " ", s).strip()


with tempfile.TemporaryDirectory() as tmp:
    project = os.path.join(tmp, "real.kith")
    subprocess.run([cli, "init", project], check=True, stdout=subprocess.DEVNULL)
    report = subprocess.run([cli, "import", project, wrapped_path], check=True,
                            capture_output=True, text=True).stdout
    got = subprocess.run([cli, "show", project, "1"], check=True,
                         capture_output=True, text=True).stdout

clean = open(clean_path, encoding="utf-8").read()
long_paragraphs = [p for p in (norm(line) for line in clean.split("\n")) if len(p) >= 200]
ours = [norm(p) for p in got.split("\n") if p.strip()]
our_words = [p.split() for p in ours]

whole = exact = 0
split = []
for p in long_paragraphs:
    if p in ours:
        whole += 1
        exact += 1
        continue
    words = p.split()
    best, best_i = 0, -1
    for i, w in enumerate(our_words):
        covered = sum(b.size for b in difflib.SequenceMatcher(None, words, w, autojunk=False).get_matching_blocks())
        if covered > best:
            best, best_i = covered, i
    # whole: one paragraph of ours holds 90 % of its words in order (the
    # PDF's wording differs here and there), and is not two run together
    if best >= 0.9 * len(words) and len(our_words[best_i]) <= 1.5 * len(words) + 20:
        whole += 1
    else:
        split.append(p)

compounds = sorted(set(re.findall(r"\b[A-Za-z]+(?:-[A-Za-z]+)+\b", clean)))
flat = norm(got)
lost = [w for w in compounds if re.search(r"\b" + w.replace("-", "") + r"\b", flat) and w not in flat]
joined = re.search(r"reflowed \((\d+) lines? joined\)", report)

print("1..3")
share = 100.0 * whole / len(long_paragraphs)
print(f"{'ok' if share >= 90 else 'not ok'} 1 - {whole} of {len(long_paragraphs)} long paragraphs "
      f"whole ({share:.1f} %, at least 90 %), {exact} word for word")
for p in split:
    print(f"# split: {p[:120]}")
print(f"{'ok' if not lost else 'not ok'} 2 - all {len(compounds)} hyphenated compounds of the clean copy "
      f"keep their hyphen{'' if not lost else ': lost in ' + ', '.join(lost)}")
print(f"{'ok' if joined else 'not ok'} 3 - the import report says how many lines were joined: "
      f"{joined.group(1) if joined else 'nothing'} ({report.strip()})")
