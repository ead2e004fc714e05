#!/usr/bin/env python3
"""The core's folders depend one way: a file in analysis/FOLDER includes
only headers of its own folder or of folders before it in analysis/meson.build's
analysis_folders, and nothing of ui/ or app/. TAP on stdout.

usage: test-layers.py SOURCE_ROOT"""
import os
import re
import sys

root = sys.argv[1]
analysis = os.path.join(root, "analysis")
meson = open(os.path.join(analysis, "meson.build"), encoding="utf-8").read()
order = re.findall(r"'(\w+)'", re.search(r"analysis_folders = \[([^\]]*)\]", meson).group(1))

folder_of = {}
for folder in order:
    for name in os.listdir(os.path.join(analysis, folder)):
        if name.endswith(".h"):
            folder_of[name] = folder
stray = [n for n in os.listdir(analysis) if n.endswith((".c", ".h"))]
ui_headers = {n for n in os.listdir(os.path.join(root, "ui")) if n.endswith(".h")}

problems = []
checked = 0
for rank, folder in enumerate(order):
    for name in sorted(os.listdir(os.path.join(analysis, folder))):
        if not name.endswith((".c", ".h")):
            continue
        text = open(os.path.join(analysis, folder, name), encoding="utf-8").read()
        for line_no, line in enumerate(text.split("\n"), 1):
            m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
            if not m:
                continue
            header = m.group(1)
            checked += 1
            if header in ui_headers:
                problems.append(f"analysis/{folder}/{name}:{line_no}: includes the widget header {header}")
            elif header in folder_of and order.index(folder_of[header]) > rank:
                problems.append(f"analysis/{folder}/{name}:{line_no}: includes {header} of "
                                f"{folder_of[header]}/, which comes after {folder}/")
            if re.search(r"<(gtk|adwaita)", line):
                problems.append(f"analysis/{folder}/{name}:{line_no}: the core includes GTK")

print("1..2")
print(f"{'ok' if not stray else 'not ok'} 1 - every source of the core is in a folder"
      + ("" if not stray else ": " + ", ".join(stray)))
print(f"{'ok' if not problems else 'not ok'} 2 - the {checked} #include lines of analysis/ run one way: "
      + " → ".join(order))
for p in problems:
    print(f"# {p}")
    print(p, file=sys.stderr)
