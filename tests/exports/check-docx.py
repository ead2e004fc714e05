#!/usr/bin/python3
"""Reads Kith's Word summary back with python-docx and checks it against the
Markdown summary of the same project: the same headings, in Word's heading
styles and order; as many tables; a picture with alt text for each chart;
every quote. Prints what it saw."""
import re
import sys
import zipfile

import docx

docx_path, md_path = sys.argv[1:3]
problems = []


def check(cond, what):
    if not cond:
        problems.append(what)


def unescape(text):
    return re.sub(r"\\(.)", r"\1", text)


with open(md_path, encoding="utf-8") as f:
    md = f.read()
md_title = unescape(re.search(r"^# (.*)$", md, re.M).group(1))
# an outcome's quotes are a bold line in Markdown and a heading in Word (for its navigation pane)
md_headings = [(len(m.group(1)), unescape(m.group(2))) if m.group(1) else (4, unescape(m.group(3)))
               for m in re.finditer(r"^(?:(#{2,4}) (.*)|\*\*((?:Think|Feel|Do): [^*]*)\*\*)$", md, re.M)]
md_tables = len(re.findall(r"^\|(?:-+:?\||-+\|)+$|^\|(?:[-:]+\|)+$", md, re.M))
md_quotes = [unescape(m.group(1)) for m in re.finditer(r"^> “(.*)”$", md, re.M)]

d = docx.Document(docx_path)
check(d.core_properties.title == md_title, f"core title {d.core_properties.title!r} != {md_title!r}")
paras = d.paragraphs
check(paras[0].style.name == "Title" and paras[0].text == md_title, f"first paragraph: {paras[0].style.name} {paras[0].text!r}")
headings = [(int(p.style.name.split()[-1]) + 1, p.text) for p in paras if p.style.name.startswith("Heading ")]
check(headings == md_headings, f"headings differ:\n{headings}\n{md_headings}")
check(len(d.tables) == md_tables, f"{len(d.tables)} tables, the Markdown has {md_tables}")
for t in d.tables:
    check(all(c.text for c in t.rows[0].cells), "a table's header row has an empty cell")
quotes = [p.text for p in paras if p.style.name == "Quote"]
check(quotes == [f"“{q}”" for q in md_quotes], f"quotes differ:\n{quotes}\n{md_quotes}")
shapes = d.inline_shapes
with zipfile.ZipFile(docx_path) as z:
    xml = z.read("word/document.xml").decode("utf-8")
    media = [n for n in z.namelist() if n.startswith("word/media/")]
alts = re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', xml)
check(len(shapes) == len(media) == len(alts), f"{len(shapes)} pictures, {len(media)} media files, {len(alts)} alt texts")
check(all(len(a) > 20 for a in alts), f"an alt text is too short to describe a chart: {alts}")
for s in shapes:
    check(s.width > 0 and s.height > 0, "a picture without a size")
print(f"docx: title “{md_title}”; the Markdown's {len(md_headings)} headings, in Word heading styles; "
      f"tables: {len(d.tables)}; charts as pictures with alt text: {len(shapes)}; quotes: {len(quotes)}")
if problems:
    print("\n".join(problems), file=sys.stderr)
    sys.exit(1)
