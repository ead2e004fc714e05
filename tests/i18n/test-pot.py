#!/usr/bin/env python3
"""Builds po/kith.pot (meson's kith-pot target) and holds the sources
against it: every string the code marks (_(), N_(), C_(), NC_(),
g_dgettext, g_dngettext) and every translatable property of the UI
templates must be in the catalogue translators get, and every label,
title, tooltip or accessible name in a template must say whether it is
translatable. One TAP line a check.

    test-pot.py SOURCE_ROOT BUILD_DIR
"""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from potfile import c_unescape, read_pot  # noqa: E402

# properties a user reads or a screen reader says
UI_TEXT_PROPERTIES = {
    "label", "title", "tooltip-text", "tooltip-markup", "placeholder-text", "subtitle",
    "description", "text", "heading", "body", "secondary-text", "button-label",
    "accessible-name", "icon-description",
}
# the calls that mark a string, and which of their arguments are msgids
# (context first for C_ and NC_; the domain first for the g_d* calls)
MARKERS = {"_": (None, [0]), "N_": (None, [0]), "C_": (0, [1]), "NC_": (0, [1]),
           "g_dgettext": (None, [1]), "g_dngettext": (None, [1, 2]),
           "g_dpgettext2": (1, [2])}
SOURCE_DIRS = ("analysis", "ui", "app")


TOKEN = re.compile(r'''
    (?P<comment>/\*.*?\*/|//[^\n]*)
  | (?P<string>"(?:[^"\\\n]|\\.)*")
  | (?P<char>'(?:[^'\\\n]|\\.)+')
  | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>[(),])
  | (?P<newline>\n)
  | (?P<other>.)
''', re.S | re.X)


def c_tokens(text):
    line = 1
    for m in TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "newline":
            line += 1
            continue
        if kind in ("other",) and m.group().isspace():
            continue
        if kind == "comment":
            line += m.group().count("\n")
            continue
        yield kind, m.group(), line


def marked_strings(path):
    """(line, context, msgid, problem) for each marked string in a C file."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    # preprocessor lines (the #define of a marker itself) are not calls
    text = re.sub(r"^[ \t]*#[^\n]*(?:\\\n[^\n]*)*", lambda m: "\n" * m.group().count("\n"), text, flags=re.M)
    tokens = list(c_tokens(text))
    found = []
    for i, (kind, value, line) in enumerate(tokens):
        if kind != "ident" or value not in MARKERS:
            continue
        if i + 1 >= len(tokens) or tokens[i + 1][1] != "(":
            continue
        if i > 0 and tokens[i - 1][0] == "ident" and tokens[i - 1][1] in ("define",):
            continue
        # the arguments, each a list of tokens, up to the closing parenthesis
        args, current, depth, j = [], [], 0, i + 2
        while j < len(tokens):
            k, v, _ = tokens[j]
            if v == "(":
                depth += 1
            elif v == ")":
                if depth == 0:
                    break
                depth -= 1
            if v == "," and depth == 0:
                args.append(current)
                current = []
            else:
                current.append((k, v))
            j += 1
        args.append(current)
        ctx_index, id_indexes = MARKERS[value]
        ctx = None
        if ctx_index is not None:
            if ctx_index >= len(args) or not args[ctx_index] or any(k != "string" for k, _ in args[ctx_index]):
                continue
            ctx = "".join(c_unescape(v[1:-1]) for _, v in args[ctx_index])
        for index in id_indexes:
            if index >= len(args):
                continue
            arg = args[index]
            if not arg or arg[0][0] != "string":
                continue  # a variable: its literal is marked where it is written (N_)
            if any(k != "string" for k, _ in arg):
                # xgettext stops at a macro: the catalogue would hold a piece
                found.append((line, ctx, None, "a macro (" + " ".join(v for k, v in arg if k != "string")
                              + ") inside a translatable string: xgettext keeps only the part before it"))
                continue
            found.append((line, ctx, "".join(c_unescape(v[1:-1]) for _, v in arg), None))
    return found


def ui_strings(path):
    """(line, context, msgid, problem) for each text property in a template."""
    found = []
    # ElementTree has no line numbers: find each element's line by its text
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()

    def line_of(name, value):
        needle = f'name="{name}"'
        for n, l in enumerate(lines, 1):
            if needle in l and (">" + value) in l:
                return n
        return 0

    for element in ET.parse(path).iter():
        if element.tag not in ("property", "attribute", "item"):
            continue
        name = element.get("name", "item")
        if element.tag != "item" and name not in UI_TEXT_PROPERTIES:
            continue
        value = element.text or ""
        if not value.strip():
            continue
        translatable = element.get("translatable")
        line = line_of(name, value.splitlines()[0])
        if translatable is None:
            found.append((line, None, None, f"{name} “{value}” does not say translatable=\"yes\" "
                          "(or \"no\", for a name that stays as it is)"))
        elif translatable in ("yes", "true", "1"):
            found.append((line, element.get("context"), value, None))
    return found


def potfiles(source_root):
    with open(os.path.join(source_root, "po", "POTFILES.in"), encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def main():
    source_root, build_dir = sys.argv[1], sys.argv[2]
    checks, failed = [], 0

    def check(description, problems):
        nonlocal failed
        checks.append(description)
        n = len(checks)
        if problems:
            failed += 1
            print(f"not ok {n} - {description}")
            for p in problems[:40]:
                print(f"#   {p}")
                print(f"{description}: {p}", file=sys.stderr)
            if len(problems) > 40:
                print(f"#   … and {len(problems) - 40} more")
        else:
            print(f"ok {n} - {description}")

    pot = os.path.join(source_root, "po", "kith.pot")
    run = subprocess.run(["meson", "compile", "-C", build_dir, "kith-pot"], capture_output=True, text=True)
    problems = [] if run.returncode == 0 else \
        [f"meson compile kith-pot failed (status {run.returncode})"] + (run.stdout + run.stderr).splitlines()[-15:]
    if run.returncode == 0 and not os.path.exists(pot):
        problems.append(f"{pot} was not written")
    check("meson compile kith-pot builds po/kith.pot", problems)
    if problems:
        print(f"1..{len(checks)}")
        return 1
    entries = set()
    for e in read_pot(pot):
        entries.add((e.ctx, e.msgid))
        if e.plural is not None:
            entries.add((e.ctx, e.plural))
    listed = set(potfiles(source_root))

    missing_files = [f for f in sorted(listed) if not os.path.exists(os.path.join(source_root, f))]
    check("every file in po/POTFILES.in exists", [f"po/POTFILES.in names {f}, which does not exist"
                                                   for f in missing_files])

    code_problems, ui_problems, counted = [], [], [0, 0]
    for folder in SOURCE_DIRS:
        names = sorted(os.path.relpath(os.path.join(d, n), source_root)
                       for d, _, files in os.walk(os.path.join(source_root, folder)) for n in files)
        for rel in names:
            name = os.path.basename(rel)
            path = os.path.join(source_root, rel)
            if name.endswith((".c", ".h")):
                strings, problems_of, which = marked_strings(path), code_problems, 0
            elif name.endswith(".ui"):
                strings, problems_of, which = ui_strings(path), ui_problems, 1
            else:
                continue
            for line, ctx, msgid, problem in strings:
                if problem is not None:
                    problems_of.append(f"{rel}:{line}: {problem}")
                    continue
                counted[which] += 1
                if (ctx, msgid) not in entries:
                    hint = "" if rel in listed else f" ({rel} is not in po/POTFILES.in)"
                    shown = msgid if ctx is None else f"{ctx}|{msgid}"
                    problems_of.append(f"{rel}:{line}: “{shown}” is not in po/kith.pot{hint}")
    check(f"the {counted[0]} strings marked in analysis/, ui/ and app/ are all in po/kith.pot", code_problems)
    check(f"the {counted[1]} translatable strings of ui/*.ui are in po/kith.pot, "
          "and every text property says whether it is translatable", ui_problems)

    # the desktop file, metainfo, MIME type and settings schema are merged or
    # extracted too: their user-visible text must reach the catalogue
    data_problems = []
    for rel, texts in (
        ("app/org.kith.Kith.desktop.in", ["Qualitative Coding"]),
        ("app/org.kith.Kith.metainfo.xml.in", ["Code transcripts and notes against an outcomes framework"]),
        ("app/org.kith.Kith.mime.xml.in", ["Kith project"]),
    ):
        for text in texts:
            if (None, text) not in entries:
                data_problems.append(f"{rel}: “{text}” is not in po/kith.pot")
    check("the desktop file, metainfo and MIME type's texts are in po/kith.pot", data_problems)

    print(f"1..{len(checks)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
