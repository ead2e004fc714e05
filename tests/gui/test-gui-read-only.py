#!/usr/bin/python3
"""A project that cannot be changed, in the real app: a colleague's copy
with its write permission off opens read-only, the window says so above the
panes with the reason, the editing controls are off, a key that would code
does nothing, and the folder holds exactly what it held before, while the
app is open and after it quits. Prints TAP."""
import os
import shutil
import stat
import sys
import tempfile
import time

import pyatspi

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kithgui import App, Failure, cli, click, find, key, run_steps, screenshot, states, text_of, wait_for

BUILD = os.environ["KITH_BUILD"]
KITH = os.path.join(BUILD, "app", "kith")
KITH_CLI = os.path.join(BUILD, "app", "kith-cli")
SAMPLES = os.path.join(os.environ["KITH_SOURCE_ROOT"], "data-samples")
SHOTS = os.path.join(BUILD, "screenshots")

state = {}


def listing(folder):
    out = []
    for name in sorted(os.listdir(folder)):
        st = os.stat(os.path.join(folder, name))
        with open(os.path.join(folder, name), "rb") as f:
            out.append((name, stat.S_IMODE(st.st_mode), st.st_size, hash(f.read())))
    return out


def make_project():
    folder = tempfile.mkdtemp(prefix="kith-read-only-")
    project = os.path.join(folder, "colleagues-copy.kith")
    cli(KITH_CLI, "init", project)
    cli(KITH_CLI, "import", project, os.path.join(SAMPLES, "interview-01-smethwick.txt"))
    cli(KITH_CLI, "codebook", "load", project, "inclusive-communities")
    os.chmod(project, 0o444)
    state.update(folder=folder, project=project, before=listing(folder),
                 codings=cli(KITH_CLI, "codings", project))


def opens_read_only():
    state["app"] = App(KITH, [state["project"]])
    state["window"] = state["app"].window()
    find(state["window"], "label", "Read-only: this project cannot be changed", timeout=30)
    find(state["window"], "label", "The project file is read-only")


def editing_is_off():
    for name in ("New code", "Import files"):
        button = find(state["window"], "push button", name)
        if pyatspi.STATE_SENSITIVE in states(button):
            raise Failure(f"“{name}” can be pressed in a read-only project")


def reading_works():
    click(find(state["window"], "list item", lambda n: n.startswith("interview-01"), timeout=30))
    tv = find(state["window"], "text", "Document text")
    wait_for(lambda: "I feel safe there" in text_of(tv), 15, "the transcript")
    start = text_of(tv).index("I feel safe there")
    tv.queryText().setSelection(0, start, start + len("I feel safe there"))
    time.sleep(0.3)
    key("ctrl+k")
    key("1")
    time.sleep(1.0)
    screenshot(os.path.join(SHOTS, "read-only.png"))
    codings = cli(KITH_CLI, "codings", state["project"])
    if codings != state["codings"]:
        raise Failure(f"the read-only project gained codings:\n{codings}")


def nothing_written_while_open():
    now = listing(state["folder"])
    if now != state["before"]:
        raise Failure(f"the folder changed while the app had it open: {now} (was {state['before']})")


def nothing_written_after_quitting():
    state.pop("app").quit()
    now = listing(state["folder"])
    if now != state["before"]:
        raise Failure(f"the folder changed: {now} (was {state['before']})")
    os.chmod(state["project"], 0o600)
    shutil.rmtree(state["folder"], ignore_errors=True)


STEPS = [
    ("a read-only copy of a project is made with kith-cli", make_project),
    ("the app opens it read-only and says why above the panes", opens_read_only),
    ("New code and Import files are off", editing_is_off),
    ("the transcript reads, and Ctrl+K then 1 codes nothing", reading_works),
    ("nothing is created beside the project while it is open", nothing_written_while_open),
    ("the folder is exactly as it was after the app quits", nothing_written_after_quitting),
]


if __name__ == "__main__":
    sys.exit(run_steps(STEPS, state, SHOTS))
