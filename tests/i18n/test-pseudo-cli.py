#!/usr/bin/env python3
"""kith-cli under a pseudo-translation: messages for people are translated,
output for programs is not. The same work (the samples and a real report
imported, the bundled codebook, a suggestion pass, barometers) is done
twice, in English and under the pseudo-translation; every TSV and CSV it
writes must be the same to the byte, and an error must come out
translated. One TAP line a check.

    test-pseudo-cli.py SOURCE_ROOT BUILD_DIR REAL_REPORTS_DIR
"""
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from potfile import pseudo, write_pseudo_po  # noqa: E402


def main():
    source, build, real = sys.argv[1:4]
    cli = os.path.join(build, "app", "kith-cli")
    results, n = [], 0

    def check(description, problems):
        nonlocal n
        n += 1
        results.append(bool(problems))
        print(f"{'not ok' if problems else 'ok'} {n} - {description}", flush=True)
        for p in problems[:20]:
            print(f"#   {p}")
            print(f"{description}: {p}", file=sys.stderr)

    run = subprocess.run(["meson", "compile", "-C", build, "kith-pot"], capture_output=True, text=True)
    if run.returncode != 0:
        check("meson compile kith-pot", [(run.stdout + run.stderr)[-1500:]])
        print(f"1..{n}")
        return 1
    work = tempfile.mkdtemp(prefix="kith-pseudo-")
    locale = os.path.join(work, "locale")
    os.makedirs(os.path.join(locale, "pseudo", "LC_MESSAGES"))
    write_pseudo_po(os.path.join(source, "po", "kith.pot"), os.path.join(work, "pseudo.po"))
    subprocess.run(["msgfmt", "-c", "-o", os.path.join(locale, "pseudo", "LC_MESSAGES", "kith.mo"),
                    os.path.join(work, "pseudo.po")], check=True)

    samples = os.path.join(source, "data-samples")
    report = os.path.join(real, "roadmap-2020-hardwrapped.txt")
    commands = [
        ["init", "{p}"],
        ["import", "{p}", samples] + ([report] if os.path.exists(report) else []),
        ["docs", "{p}"],
        ["codebook", "load", "{p}", "inclusive-communities"],
        ["suggest", "{p}"],
        ["review", "list", "{p}", "--format", "tsv"],
        ["rules", "stats", "{p}"],
        ["barometers", "import", "{p}", os.path.join(samples, "barometers-inclusive-communities.tsv")],
        ["barometers", "{p}"],
        ["summary", "{p}", "--format", "csv"],
        ["export", "extracts", "{p}", "--format", "csv"],
    ]
    outputs = {}
    for lang, env in (("en", dict(os.environ, LANGUAGE="", KITH_LOCALEDIR=locale)),
                      ("pseudo", dict(os.environ, LANGUAGE="pseudo", KITH_LOCALEDIR=locale))):
        env.update(LC_ALL="C.UTF-8", KITH_CODER="Pseudo test")
        project = os.path.join(work, f"{lang}.kith")
        outs = []
        for c in commands:
            args = [a.format(p=project) for a in c]
            r = subprocess.run([cli] + args, capture_output=True, env=env)
            # the project's own path, times of day and durations differ between the runs
            out = re.sub(rb"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?", b"TIME",
                         r.stdout.replace(project.encode(), b"PROJECT"))
            out = re.sub(rb"\b\d+\.\d+ s\b", b"SECONDS", out)
            outs.append((" ".join(c), r.returncode, out))
        outputs[lang] = outs
        # the Markdown summary is for people: it follows the language
        md = subprocess.run([cli, "summary", project, "--format", "md"], capture_output=True, text=True, env=env)
        outputs[lang + "-md"] = md.stdout
        html = subprocess.run([cli, "summary", project, "--format", "html"], capture_output=True, text=True, env=env)
        outputs[lang + "-html"] = html.stdout
        bad = subprocess.run([cli, "docs", report if os.path.exists(report) else samples], capture_output=True,
                             text=True, env=env)
        outputs[lang + "-error"] = bad.stderr.strip()

    problems = []
    for (command, rc_en, out_en), (_, rc_ps, out_ps) in zip(outputs["en"], outputs["pseudo"]):
        if rc_en != 0:
            problems.append(f"kith-cli {command} failed in English (status {rc_en})")
        elif (rc_en, out_en) != (rc_ps, out_ps):
            problems.append(f"kith-cli {command}: the output differs under the pseudo-translation "
                            f"({len(out_en)} bytes in English, {len(out_ps)} pseudo)")
    check(f"the output of {len(commands)} commands on the samples and a real report is the same "
          "to the byte under a pseudo-translation", problems)

    # Markdown escapes the pseudo-translation's brackets
    english, translated = (re.sub(r"\\(.)", r"\1", outputs[k]) for k in ("en-md", "pseudo-md"))
    problems = [] if "points behind England" in english else ["no “points behind England” in the English Markdown"]
    # sentences composed with counts: each placeholder may hold a translated phrase
    for msgid in ("Barometer figures for %s beside %s, %s.", "%s from %s and %s", "%s points behind %s (%s)",
                  "Evidence for this goal: %s, no place recorded.", "%s line %lld"):
        pattern = ".*?".join(re.escape(piece) for piece in re.split(r"%(?:s|u|lld)", pseudo(msgid)))
        if not re.search(pattern, translated):
            problems.append(f"no pseudo-translated “{msgid}” in the Markdown")
    for words in ("coded extracts from", "points behind", "Evidence for this goal", " line "):
        if words in translated:
            problems.append(f"“{words}” left in English in the pseudo-translated Markdown")
    check("the Markdown summary follows the language: its composed sentences are pseudo-translated", problems)

    # the HTML says which language it is in
    problems = []
    for lang, tag in (("en", "en"), ("pseudo", "qps-ploc")):
        head = f'<html xmlns="http://www.w3.org/1999/xhtml" lang="{tag}" xml:lang="{tag}">'
        if head not in outputs[lang + "-html"]:
            problems.append(f"the {lang} HTML summary does not open with {head}")
    check("the HTML summary names the language it is written in", problems)

    # the command line's own help and usage messages are translated
    env = dict(os.environ, LANGUAGE="pseudo", KITH_LOCALEDIR=locale, LC_ALL="C.UTF-8")
    overview = subprocess.run([cli, "--help"], capture_output=True, text=True, env=env).stdout
    help_text = subprocess.run([cli, "export", "extracts", "--help"], capture_output=True, text=True, env=env).stdout
    usage = subprocess.run([cli, "export", "extracts", "x.kith"], capture_output=True, text=True, env=env).stderr
    problems = []
    for out, label, msgid in ((overview, "kith-cli --help", "Export coded extracts (RFC 4180 CSV, UTF-8)"),
                               (help_text, "kith-cli export extracts --help", "Only extracts from this document"),
                               (usage, "a usage error", "choose a format with --format csv or --format xlsx")):
        if pseudo(msgid) not in out:
            problems.append(f"{label}: no pseudo-translated “{msgid}” in:\n{out[:400]}")
    check("kith-cli's help, option texts and usage messages are translated", problems)

    english, translated = outputs["en-error"], outputs["pseudo-error"]
    expected = pseudo("%s: not a Kith project (the file is not an SQLite database)")
    head, tail = expected.split("%s", 1)
    check("an error names the file and is translated: " + translated,
          [] if translated.startswith("kith-cli: " + head) and translated.endswith(tail)
          and english.endswith("not a Kith project (the file is not an SQLite database)")
          else [f"English: {english!r}", f"pseudo: {translated!r}", f"expected the form {expected!r}"])
    print(f"1..{n}")
    return 1 if any(results) else 0


if __name__ == "__main__":
    sys.exit(main())
