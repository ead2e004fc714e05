#!/usr/bin/env python3
"""Peak memory of importing a DOCX and an ODT whose main part inflates to
150 MB of ordinary paragraphs (issue 16), with each kith-cli named, in one
run so the figures compare on a busy machine.

    python3 tests/bench/archive-memory.py DIR KITH_CLI [KITH_CLI_BEFORE]

Prints one line a file and program: the archive's size, the text's, the
wall time and the peak resident memory (ru_maxrss of the child)."""
import os
import random
import resource
import subprocess
import sys
import time
import zipfile

SENTENCES = open(os.path.join(os.path.dirname(__file__), "..", "fixtures", "report-sentences.txt"),
                 encoding="utf-8").read().split("\n")[:-1]
TARGET = 150 * 1024 * 1024
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def paragraphs(open_, close):
    rnd = random.Random(16)
    out, size, n = [], 0, 0
    while size < TARGET:
        n += 1
        text = " ".join([f"Paragraph {n}."] + [rnd.choice(SENTENCES) for _ in range(rnd.randint(2, 6))])
        p = open_ + text + close
        out.append(p)
        size += len(p)
    return "".join(out)


def write(directory):
    docx = os.path.join(directory, "funder-archive.docx")
    odt = os.path.join(directory, "funder-archive.odt")
    body = paragraphs('<w:p w:rsidR="00B4C2D1"><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:rPr>'
                      '<w:lang w:val="en-GB"/></w:rPr><w:t xml:space="preserve">', "</w:t></w:r></w:p>\n")
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", f"<w:document {W}><w:body>{body}</w:body></w:document>")
    body = paragraphs('<text:p text:style-name="P1">', "</text:p>\n")
    with zipfile.ZipFile(odt, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml",
                   '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
                   'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>'
                   f"{body}</office:text></office:body></office:document-content>")
    return [docx, odt]


def measure(cli, path, directory):
    """Runs init and import in a child of a fresh process, so its peak is the import's."""
    project = os.path.join(directory, "memory.kith")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(project + suffix):
            os.remove(project + suffix)
    subprocess.run([cli, "init", project], check=True, stdout=subprocess.DEVNULL)
    code = ("import resource, subprocess, sys, time; t = time.time(); "
            "r = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
            "print(r.returncode, time.time() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, "
            "(r.stdout + r.stderr).splitlines()[0].split('\\t')[-1])")
    out = subprocess.run([sys.executable, "-c", code, cli, "import", project, path],
                         check=True, capture_output=True, text=True).stdout.split(" ", 3)
    return int(out[0]), float(out[1]), int(out[2]) // 1024, out[3].strip()


def main():
    directory, clis = sys.argv[1], sys.argv[2:]
    os.makedirs(directory, exist_ok=True)
    for path in write(directory):
        size = os.path.getsize(path) / (1024 * 1024)
        for cli in clis:
            status, wall, peak, what = measure(cli, path, directory)
            print(f"{os.path.basename(path)}\t{size:.1f} MB\t{cli}\t{'ok' if status == 0 else 'failed'}\t"
                  f"{wall:.2f} s\t{peak} MB peak\t{what}")


if __name__ == "__main__":
    main()
