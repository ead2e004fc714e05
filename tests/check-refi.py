#!/usr/bin/env python3
"""check-refi.py — an independent reader of the REFI-QDA files Kith writes.

Usage: check-refi.py FILE.qdpx|FILE.qdc [--crlf]

Written apart from Kith's C code (zipfile and xml.etree only), so that a
mistake in the exporter is not repeated by its check. For a .qdpx it
checks that every internal:// file exists, every GUID is unique, every
reference resolves, and that each selection fits its text,
0 <= start <= end <= length in code points, with its name equal to the
text at those positions; with --crlf, that every text file's line ends
are CRLF (the positions are then counted over them). For a .qdc, GUIDs
and MemberCode references. Prints one line of counts and exits 0, or
prints each problem and exits 1.
"""
import sys
import zipfile
import xml.etree.ElementTree as ET

P = "{urn:QDA-XML:project:1.0}"
C = "{urn:QDA-XML:codebook:1.0}"


def fail(problems):
    for p in problems:
        print(p)
    sys.exit(1)


def check_codebook(path):
    problems = []
    root = ET.parse(path).getroot()
    if root.tag != C + "CodeBook":
        fail([f"{path}: the root is {root.tag}, not a QDA-XML codebook"])
    guids = {}
    for el in root.iter():
        g = el.get("guid")
        if g is not None and el.tag != C + "MemberCode":
            if g in guids:
                problems.append(f"GUID {g} used twice")
            guids[g] = el
    codes = {e.get("guid") for e in root.iter(C + "Code")}
    for m in root.iter(C + "MemberCode"):
        if m.get("guid") not in codes:
            problems.append(f"MemberCode {m.get('guid')} names no code")
    if problems:
        fail(problems)
    print(f"codes={len(codes)} sets={len(list(root.iter(C + 'Set')))}")


def check_project(path, crlf):
    problems = []
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        if "project.qde" not in names:
            fail([f"{path}: no project.qde"])
        root = ET.fromstring(z.read("project.qde"))
        texts = {}
        for source in root.iter(P + "TextSource"):
            ptp = source.get("plainTextPath")
            if ptp is None or not ptp.startswith("internal://"):
                problems.append(f"source {source.get('name')}: plainTextPath {ptp!r} is not internal://")
                continue
            member = "sources/" + ptp[len("internal://"):]
            if member not in names:
                problems.append(f"source {source.get('name')}: {member} is not in the archive")
                continue
            raw = z.read(member)
            text = raw.decode("utf-8")  # raises on anything but UTF-8
            if raw.startswith(b"\xef\xbb\xbf"):
                problems.append(f"{member} starts with a BOM")
            if crlf and "\n" in text.replace("\r\n", ""):
                problems.append(f"{member} has a bare LF with --crlf")
            if not crlf and "\r" in text:
                problems.append(f"{member} has a CR without --crlf")
            texts[source.get("guid")] = text

    guids = {}
    ref_attrs = ("targetGUID", "creatingUser", "modifyingUser", "creatingUserGUID", "modifyingUserGUID")
    for el in root.iter():
        g = el.get("guid")
        if g is not None:
            if g in guids:
                problems.append(f"GUID {g} used twice ({guids[g].tag} and {el.tag})")
            guids[g] = el
    users = {e.get("guid") for e in root.iter(P + "User")}
    expect = {
        "CodeRef": P + "Code", "MemberCode": P + "Code",
        "NoteRef": P + "Note", "MemberNote": P + "Note",
        "VariableRef": P + "Variable",
        "SourceRef": P + "TextSource", "MemberSource": P + "TextSource",
        "SelectionRef": P + "PlainTextSelection",
    }
    n_refs = 0
    for el in root.iter():
        local = el.tag[len(P):]
        for a in ref_attrs:
            v = el.get(a)
            if v is None:
                continue
            n_refs += 1
            if a != "targetGUID":
                if v not in users:
                    problems.append(f"{local} {a}={v} names no user")
            elif v not in guids:
                problems.append(f"{local} targetGUID={v} resolves to nothing")
            elif local in expect and guids[v].tag != expect[local]:
                problems.append(f"{local} targetGUID={v} names a {guids[v].tag}, not a {expect[local]}")
    n_sel = 0
    for source in root.iter(P + "TextSource"):
        text = texts.get(source.get("guid"))
        if text is None:
            continue
        for sel in source.iter(P + "PlainTextSelection"):
            n_sel += 1
            start, end = int(sel.get("startPosition")), int(sel.get("endPosition"))
            if not (0 <= start <= end <= len(text)):
                problems.append(f"selection {sel.get('guid')}: {start}–{end} does not fit {len(text)} code points")
            elif sel.get("name") is not None and sel.get("name") != text[start:end]:
                problems.append(f"selection {sel.get('guid')}: name {sel.get('name')!r} is not the text {text[start:end]!r}")
    if problems:
        fail(problems)
    print(f"sources={len(texts)} selections={n_sel} codings={len(list(root.iter(P + 'Coding')))}"
          f" notes={len(list(root.iter(P + 'Note')))} references={n_refs}")


def main():
    args = sys.argv[1:]
    crlf = "--crlf" in args
    args = [a for a in args if a != "--crlf"]
    if len(args) != 1:
        print(__doc__.strip().splitlines()[2])
        sys.exit(2)
    if args[0].endswith(".qdc"):
        check_codebook(args[0])
    else:
        check_project(args[0], crlf)


if __name__ == "__main__":
    main()
