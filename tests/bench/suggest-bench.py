#!/usr/bin/env python3
"""Kith's suggestion pass against ripgrep and Python's re, same rules, same
corpus, one run. See suggest-bench.sh."""
import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run(cmd, stdout=subprocess.DEVNULL, env=None):
    """Runs @cmd; returns wall seconds, CPU seconds, peak RSS in MB and its output file."""
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace")
    if proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, err


def kith(cli, *args, capture=False):
    out = subprocess.run([cli, *args], check=True, capture_output=True, text=True)
    return out.stdout if capture else None


def prepare_project(cli, path, files, log):
    for p in (path, path + "-wal", path + "-shm"):
        if os.path.exists(p):
            os.unlink(p)
    kith(cli, "init", path)
    start = time.monotonic()
    for i in range(0, len(files), 200):
        kith(cli, "import", path, *files[i:i + 200])
    log(f"  imported {len(files)} documents into {os.path.basename(path)} in {time.monotonic() - start:.1f} s")
    kith(cli, "codebook", "load", path, "inclusive-communities")


def needs_pcre(pattern):
    """Whether ripgrep's default engine refuses the pattern (look-around)."""
    probe = subprocess.run(["rg", "-i", "-e", pattern, os.devnull], capture_output=True)
    return probe.returncode == 2


def spread(values):
    return f"{statistics.median(values):.2f} s (min {min(values):.2f}, max {max(values):.2f})"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--docs", type=int, default=1200)
    ap.add_argument("--megabytes", type=float, default=110)
    ap.add_argument("--kith-runs", type=int, default=3)
    ap.add_argument("--skip-python", action="store_true")
    args = ap.parse_args()
    log = lambda s: print(s, flush=True)
    os.makedirs(args.work, exist_ok=True)

    corpus = os.path.join(args.work, f"corpus-{args.docs}-{args.megabytes:g}")
    gen = os.path.join(HERE, "gen-corpus.py")
    stamp = os.path.join(corpus, ".stamp")
    digest = hashlib.sha256(open(gen, "rb").read()).hexdigest()
    if not os.path.exists(stamp) or open(stamp).read() != digest:
        shutil.rmtree(corpus, ignore_errors=True)
        log(f"Generating {args.megabytes:g} MB in {args.docs} documents…")
        subprocess.run([sys.executable, gen, corpus, "--docs", str(args.docs),
                        "--megabytes", str(args.megabytes)], check=True)
        open(stamp, "w").write(digest)
    files = sorted(os.path.join(corpus, f) for f in os.listdir(corpus) if not f.startswith("."))
    size = sum(os.path.getsize(f) for f in files)
    half = files[:len(files) // 2]
    half_size = sum(os.path.getsize(f) for f in half)
    log(f"Corpus: {len(files)} documents, {size / 1e6:.1f} MB ({corpus})")

    log("Preparing projects (not timed)…")
    full = os.path.join(args.work, "full.kith")
    part = os.path.join(args.work, "half.kith")
    prepare_project(args.cli, full, files, log)
    prepare_project(args.cli, part, half, log)

    rules = [line.split("\t", 3) for line in kith(args.cli, "rules", full, capture=True).splitlines()]
    patterns = [r[3] for r in rules]
    plain = [p for p in patterns if not needs_pcre(p)]
    pcre = [p for p in patterns if needs_pcre(p)]
    rg_plain = os.path.join(args.work, "rules-rg.txt")
    rg_pcre = os.path.join(args.work, "rules-rg-pcre.txt")
    all_rules = os.path.join(args.work, "rules-all.txt")
    for path, subset in ((rg_plain, plain), (rg_pcre, pcre), (all_rules, patterns)):
        with open(path, "w", encoding="utf-8") as f:
            f.write("".join(p + "\n" for p in subset))
    log(f"Rules: {len(patterns)} from the bundled codebook; ripgrep runs {len(plain)} with its default "
        f"engine and {len(pcre)} with -P (look-around)")

    # Kith: the full pass, writing suggestions, on a fresh copy each time
    def kith_pass(base):
        copy = base.replace(".kith", "-run.kith")
        shutil.copyfile(base, copy)
        out = os.path.join(args.work, "kith-out.txt")
        with open(out, "w") as o:
            wall, cpu, maxrss, _ = run([args.cli, "suggest", copy], stdout=o)
        os.unlink(copy)
        return wall, cpu / wall, maxrss, open(out).read().strip()

    full_runs = [kith_pass(full) for _ in range(args.kith_runs)]
    half_runs = [kith_pass(part) for _ in range(args.kith_runs)]
    kith_walls = [r[0] for r in full_runs]
    kith_cores = statistics.median(r[1] for r in full_runs)
    kith_rss = max(r[2] for r in full_runs)
    half_rss = max(r[2] for r in half_runs)
    log(f"Kith:   {spread(kith_walls)}, {kith_cores:.2f} cores busy, peak RSS {kith_rss:.0f} MB"
        f" (half the corpus: {spread([r[0] for r in half_runs])}, peak RSS {half_rss:.0f} MB)\n"
        f"        {full_runs[-1][3]}")

    rg_out = os.path.join(args.work, "rg-out.txt")
    with open(rg_out, "w") as o:
        rg_wall, rg_cpu, rg_rss, _ = run(["rg", "--no-ignore", "-o", "-b", "-i", "-f", rg_plain, corpus], stdout=o)
    rg_lines = sum(1 for _ in open(rg_out, "rb"))
    pcre_wall = 0.0
    if pcre:
        with open(rg_out, "w") as o:
            pcre_wall, _, _, _ = run(["rg", "--no-ignore", "-P", "-o", "-b", "-i", "-f", rg_pcre, corpus], stdout=o)
        rg_lines += sum(1 for _ in open(rg_out, "rb"))
    rg_total = rg_wall + pcre_wall
    log(f"ripgrep {rg_total:.2f} s ({rg_wall:.2f} s default engine + {pcre_wall:.2f} s -P), "
        f"{rg_cpu / rg_wall:.2f} cores busy, {rg_lines} matches")

    # for reference: every rule through PCRE2, which avoids the default
    # engine's slow path for Unicode word boundaries in non-ASCII text
    with open(rg_out, "w") as o:
        rgp_wall, rgp_cpu, _, _ = run(["rg", "--no-ignore", "-P", "-o", "-b", "-i", "-f", all_rules, corpus], stdout=o)
    log(f"ripgrep -P (all rules, for reference) {rgp_wall:.2f} s, {rgp_cpu / rgp_wall:.2f} cores busy, "
        f"{sum(1 for _ in open(rg_out, 'rb'))} matches")

    py_wall = None
    if not args.skip_python:
        py_out = os.path.join(args.work, "py-out.txt")
        with open(py_out, "w") as o:
            py_wall, _, _, _ = run(["/usr/bin/python3", os.path.join(HERE, "re-bench.py"), all_rules, corpus],
                                   stdout=o)
        log(f"Python re {py_wall:.2f} s, {open(py_out).read().strip()} matches")

    k = statistics.median(kith_walls)
    log("")
    log(f"Corpus {size / 1e6:.1f} MB, {len(files)} documents, {len(patterns)} rules")
    log(f"  Kith full pass      {spread(kith_walls)}")
    log(f"  ripgrep             {rg_total:.2f} s   Kith takes {k / rg_total:.4f} of ripgrep's time "
        f"(1/{rg_total / k:.0f}; target at most 1/10)")
    log(f"  ripgrep -P          {rgp_wall:.2f} s   (reference) Kith takes {k / rgp_wall:.4f} of its time "
        f"(1/{rgp_wall / k:.0f})")
    if py_wall is not None:
        log(f"  Python re           {py_wall:.2f} s   Kith takes {k / py_wall:.4f} of its time (1/{py_wall / k:.0f})")
    log(f"  Kith peak RSS       {half_size / 1e6:.0f} MB corpus: {half_rss:.0f} MB;"
        f" {size / 1e6:.0f} MB corpus: {kith_rss:.0f} MB")
    log(f"  Kith CPU use        {kith_cores:.2f} cores busy on {os.cpu_count()}")


if __name__ == "__main__":
    main()
