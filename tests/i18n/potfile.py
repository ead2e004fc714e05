"""potfile — reading a gettext catalogue, and Kith's pseudo-translation.

The pseudo-translation makes every string longer by a third and brackets
it, with accented letters, so that a screenshot shows at once what would
be cut off in a wordier language and what is not translated at all:
"Import Files" becomes "[Ïmpörț Fïłéš····]". Printf conversions, markup,
entities and mnemonic underscores are kept as they are, so the strings
still work.
"""
import math
import re

ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "'": "'", "r": "\r", "a": "\a", "0": "\0"}


def c_unescape(body):
    out, i = [], 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            out.append(ESCAPES.get(body[i + 1], "\\" + body[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return "".join(out)


def c_escape(text):
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")


class Entry:
    def __init__(self):
        self.ctx = None
        self.msgid = None
        self.plural = None
        self.comments = []


def read_pot(path):
    """The entries of a .pot or .po, the header's (msgid "") first."""
    entries, parts, field, comments = [], {}, None, []

    def flush():
        nonlocal parts, comments
        if "msgid" in parts:
            e = Entry()
            e.ctx = "".join(parts["msgctxt"]) if "msgctxt" in parts else None
            e.msgid = "".join(parts["msgid"])
            e.plural = "".join(parts["msgid_plural"]) if "msgid_plural" in parts else None
            e.comments = comments
            entries.append(e)
        parts, comments = {}, []

    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.strip()
            if not line:
                flush()
                field = None
                continue
            if line.startswith("#"):
                comments.append(line)
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+"(.*)"$', line)
            if m:
                field = m.group(1)
                parts.setdefault(field, []).append(c_unescape(m.group(2)))
                continue
            m = re.match(r'^"(.*)"$', line)
            if m and field is not None:
                parts[field].append(c_unescape(m.group(1)))
    flush()
    return entries


ACCENTS = dict(zip("aceilnostuyzACEILNOSTUYZ", "äçéïłñöšțüýžÄÇÉÏŁÑÖŠȚÜÝŽ"))
# what must survive as it is: printf conversions, markup, entities, mnemonics
KEEP = re.compile(r"%(?:\d+\$)?[-+ #0']*\d*(?:\.\d+)?(?:hh|h|ll|l|z|j|t|L)?[diouxXeEfFgGcsp%]"
                  r"|<[^>]*>|&[#\w]+;|_(?=\w)")


def pseudo(text):
    """The pseudo-translation of @text."""
    if not text.strip():
        return text
    # msgfmt wants a leading or trailing newline kept where the msgid has one
    lead, core, trail = re.match(r"(\s*)(.*?)(\s*)$", text, re.S).groups()
    if lead or trail:
        return lead + pseudo(core) + trail
    out, pos, letters = [], 0, 0
    for m in KEEP.finditer(text):
        chunk = text[pos:m.start()]
        out.append("".join(ACCENTS.get(c, c) for c in chunk))
        letters += len(chunk)
        out.append(m.group())
        pos = m.end()
    chunk = text[pos:]
    out.append("".join(ACCENTS.get(c, c) for c in chunk))
    letters += len(chunk)
    # longer by a third of the readable text, as German or Polish often are
    return "[" + "".join(out) + "·" * math.ceil(letters / 3) + "]"


def write_pseudo_po(pot_path, po_path):
    """Writes a .po whose every msgstr is the pseudo-translation of its msgid."""
    entries = read_pot(pot_path)
    with open(po_path, "w", encoding="utf-8") as out:
        out.write('msgid ""\nmsgstr ""\n"Project-Id-Version: kith\\n"\n"Language: pseudo\\n"\n"PO-Revision-Date: 2025-01-01 00:00+0000\\n"\n'
                  '"Last-Translator: Kith tests\\n"\n"Language-Team: none\\n"\n'
                  '"MIME-Version: 1.0\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                  '"Content-Transfer-Encoding: 8bit\\n"\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')
        for e in entries:
            if e.msgid == "":
                continue
            # a c-format flag tells msgfmt -c to check the conversions survived
            flags = [c for c in e.comments if c.startswith("#,")]
            for c in flags:
                out.write(c + "\n")
            if e.ctx is not None:
                out.write(f'msgctxt "{c_escape(e.ctx)}"\n')
            out.write(f'msgid "{c_escape(e.msgid)}"\n')
            if e.plural is not None:
                out.write(f'msgid_plural "{c_escape(e.plural)}"\n')
                out.write(f'msgstr[0] "{c_escape(pseudo(e.msgid))}"\n')
                out.write(f'msgstr[1] "{c_escape(pseudo(e.plural))}"\n\n')
            elif e.ctx == "language tag":
                # a private-use BCP 47 tag, as pseudo-locales use
                out.write('msgstr "qps-ploc"\n\n')
            else:
                out.write(f'msgstr "{c_escape(pseudo(e.msgid))}"\n\n')
    return len(entries) - 1
