#!/usr/bin/env python3
"""Kills kith-cli import, suggest and review accept/reject with SIGKILL at
random points, a few dozen times within a fixed time, and after each kill
checks what Kith promises: the project opens (kith-cli docs), passes
PRAGMA integrity_check and foreign_key_check, every document in it has
exactly the text a clean import gives (never half a file), and nothing a
command committed before is lost (documents, codings, suggestions and
decisions never go down; a completed command's work is all there; a review
batch is decided all or nothing). One TAP line a kill.

usage: test-kills.py KITH_CLI SOURCE_ROOT [SECONDS]"""
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

cli, root = sys.argv[1], sys.argv[2]
budget = float(sys.argv[3]) if len(sys.argv) > 3 else 60.0
rng = random.Random(16)
env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0:abort_on_error=1", KITH_CODER="Crash Test")
work = tempfile.mkdtemp(prefix="kith-kills-")
results = []


def run(*args, check=True):
    p = subprocess.run([cli, *args], env=env, capture_output=True, text=True)
    if check and p.returncode != 0:
        raise RuntimeError(f"kith-cli {' '.join(args)}: {p.returncode}\n{p.stderr}")
    return p


def query(project, sql, *params):
    db = sqlite3.connect(f"file:{project}?mode=ro", uri=True)
    try:
        return db.execute(sql, params).fetchall()
    finally:
        db.close()


def texts_by_file(project):
    """sha256 of the imported file -> (canonical text, number of turns)"""
    rows = query(project, "SELECT d.sha256, CAST(t.text AS TEXT), "
                          "(SELECT count(*) FROM turns WHERE document_id = d.id) "
                          "FROM documents d JOIN document_texts t ON t.document_id = d.id")
    return {sha: (text, turns) for sha, text, turns in rows}


def counts(project):
    (docs, codings, suggestions, decided), = query(project, """SELECT
        (SELECT count(*) FROM documents), (SELECT count(*) FROM codings),
        (SELECT count(*) FROM suggestions), (SELECT count(*) FROM suggestions WHERE status <> 'pending')""")
    return {"documents": docs, "codings": codings, "suggestions": suggestions, "decisions": decided}


def check(project, reference, before, kind, ran, completed):
    """Returns the problems found after one kill (an empty list: none)."""
    problems = []
    docs = subprocess.run([cli, "docs", project], env=env, capture_output=True, text=True)
    if docs.returncode != 0:
        return [f"the project does not open: {docs.stderr.strip()}"]
    ok = query(project, "PRAGMA integrity_check")
    if ok != [("ok",)]:
        problems.append(f"integrity_check: {ok[:3]}")
    fk = query(project, "PRAGMA foreign_key_check")
    if fk:
        problems.append(f"foreign_key_check: {fk[:3]}")
    now = counts(project)
    if len(docs.stdout.splitlines()) != now["documents"]:
        problems.append(f"kith-cli docs lists {len(docs.stdout.splitlines())} of {now['documents']} documents")
    for what, n in before.items():
        if now[what] < n:
            problems.append(f"{what} went down from {n} to {now[what]}")
    for sha, (text, turns) in texts_by_file(project).items():
        want = reference.get(sha)
        if want is None:
            problems.append(f"a document from no file of the corpus ({sha[:12]})")
        elif (text, turns) != want:
            problems.append(f"document of {sha[:12]}: {len(text)} characters and {turns} turns, "
                            f"not {len(want[0])} and {want[1]}")
    if kind == "import" and completed:
        shas = {s for s, in query(project, "SELECT sha256 FROM documents")}
        missing = [f for f, sha in ran.items() if sha not in shas]
        if missing:
            problems.append(f"import finished but {len(missing)} files are missing: {missing[:3]}")
    if kind in ("accept", "reject"):
        status = dict(query(project, "SELECT id, status FROM suggestions WHERE id IN (%s)"
                            % ",".join("?" * len(ran)), *ran))
        seen = set(status.values())
        want = "accepted" if kind == "accept" else "rejected"
        if len(seen) > 1:
            problems.append(f"a review batch half decided: {sorted(seen)}")
        if completed and seen != {want}:
            problems.append(f"review {kind} finished but the batch is {sorted(seen)}")
        if kind == "accept" and seen == {"accepted"}:
            uncoded = query(project, "SELECT count(*) FROM suggestions WHERE id IN (%s) AND coding_id IS NULL"
                            % ",".join("?" * len(ran)), *ran)[0][0]
            if uncoded:
                problems.append(f"{uncoded} accepted suggestions have no coding")
    return problems


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    corpus = os.path.join(work, "corpus")
    subprocess.run([sys.executable, os.path.join(root, "tests", "bench", "gen-corpus.py"), corpus,
                    "--docs", "150", "--megabytes", "9", "--seed", "16"], check=True)
    files = sorted(os.listdir(corpus))
    batches = []
    for i in range(0, len(files), 6):
        d = os.path.join(work, f"batch-{i // 6:02d}")
        os.mkdir(d)
        for f in files[i:i + 6]:
            shutil.copy(os.path.join(corpus, f), d)
        batches.append(d)

    # what a clean import of every file gives: the texts a killed one must match
    ref = os.path.join(work, "reference.kith")
    run("init", ref)
    run("import", ref, corpus)
    reference = texts_by_file(ref)

    project = os.path.join(work, "study.kith")
    run("init", project)
    run("codebook", "load", project, "inclusive-communities")
    run("import", project, batches[0])
    next_batch = 1
    took = {"import": 0.3, "suggest": 0.5, "accept": 0.1, "reject": 0.1}
    kinds = ["import", "suggest", "accept", "reject"]
    start = time.monotonic()
    n = 0
    failed = 0
    while time.monotonic() - start < budget and n < 48:
        kind = kinds[n % len(kinds)] if n < 8 else rng.choice(kinds)
        ran = {}
        if kind == "import":
            if next_batch >= len(batches):
                kind = "suggest"
            else:
                batch = batches[next_batch]
                ran = {f: sha256(os.path.join(batch, f)) for f in os.listdir(batch)}
                args = ["import", project, batch]
        if kind == "suggest":
            args = ["suggest", project]
        if kind in ("accept", "reject"):
            pending = [int(line.split("\t")[0])
                       for line in run("review", "list", project, "--format", "tsv").stdout.splitlines()]
            if len(pending) < 2:
                kind, args = "suggest", ["suggest", project]
            else:
                ran = rng.sample(pending, min(len(pending), rng.randint(2, 40)))
                args = ["review", kind, project, *map(str, ran)]
        before = counts(project)
        delay = rng.uniform(0.0, took[kind] * 1.2)
        t0 = time.monotonic()
        p = subprocess.Popen([cli, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            p.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            p.send_signal(signal.SIGKILL)
            p.wait()
        elapsed = time.monotonic() - t0
        completed = p.returncode == 0
        if completed:
            took[kind] = elapsed
            if kind == "import":
                next_batch += 1
        elif p.returncode == -signal.SIGKILL:
            # so that kills spread over the whole run, also its end
            took[kind] *= 1.3
        else:
            n += 1
            failed += 1
            print(f"not ok {n} - {kind} failed by itself ({p.returncode}): {p.stderr.read().decode()[:300]}")
            continue
        p.stderr.close()
        problems = check(project, reference, before, kind, ran, completed)
        n += 1
        how = "finished" if completed else f"killed after {elapsed:.3f} s"
        c = counts(project)
        if problems:
            failed += 1
            print(f"not ok {n} - {kind} {how}: " + "; ".join(problems))
        else:
            print(f"ok {n} - {kind} {how}: opens, intact, {c['documents']} documents, "
                  f"{c['suggestions']} suggestions, {c['decisions']} decided, {c['codings']} codings")
        sys.stdout.flush()
    print(f"1..{n}")
    shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
