#!/usr/bin/env python3
"""The metainfo's screenshots are files in app/screenshots/, of the size it
states: a screenshot renamed, dropped or retaken at another size fails here
rather than in a software centre.

    test-screenshots.py METAINFO.xml.in SCREENSHOTS_DIR
"""
import os
import struct
import sys
import xml.etree.ElementTree as ET


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def main():
    metainfo, folder = sys.argv[1], sys.argv[2]
    images = ET.parse(metainfo).getroot().findall("./screenshots/screenshot/image")
    problems = []
    if not images:
        problems.append(f"{metainfo}: no screenshots")
    for image in images:
        name = os.path.basename((image.text or "").strip())
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            problems.append(f"{metainfo}: {name} is not in {folder}")
            continue
        size = png_size(path)
        stated = (int(image.get("width", 0)), int(image.get("height", 0)))
        if size is None:
            problems.append(f"{path}: not a PNG file")
        elif size != stated:
            problems.append(f"{path}: {size[0]}×{size[1]}, but the metainfo says {stated[0]}×{stated[1]}")
    print(f"{'not ok' if problems else 'ok'} 1 - the {len(images)} screenshots of the metainfo are in "
          f"app/screenshots/, of the size it states")
    for p in problems:
        print(f"#   {p}")
        print(p, file=sys.stderr)
    print("1..1")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
