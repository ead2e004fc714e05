#!/usr/bin/python3
"""REFI-QDA export from the real app: a colleague's read-only copy of a coded
project is exported from the main menu as a .qdpx (with Windows line ends)
and as a .qdc; each time the save dialog offers the options, the export runs
with progress and then says what was written and what was left out, and the
files validate against the schemas (xmllint --nonet) and pass the
independent reader tests/check-refi.py. Prints TAP."""
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kithgui import App, Failure, cli, click, extents, find, find_all, key, point_at, run_steps, screenshot, type_text, wait_for

BUILD = os.environ["KITH_BUILD"]
KITH = os.path.join(BUILD, "app", "kith")
KITH_CLI = os.path.join(BUILD, "app", "kith-cli")
SOURCE = os.environ["KITH_SOURCE_ROOT"]
SAMPLES = os.path.join(SOURCE, "data-samples")
REFI = os.path.join(SOURCE, "..", "shared", "refi")
SHOTS = os.path.join(BUILD, "screenshots")

state = {}


def make_project():
    folder = tempfile.mkdtemp(prefix="kith-exchange-")
    project = os.path.join(folder, "smethwick.kith")
    cli(KITH_CLI, "init", project)
    cli(KITH_CLI, "import", project, os.path.join(SAMPLES, "interview-01-smethwick.txt"))
    cli(KITH_CLI, "codebook", "load", project, "inclusive-communities")
    text = cli(KITH_CLI, "show", project, "1")
    start = len(text[:text.index("I feel safe there")])
    cli(KITH_CLI, "code", project, "1", str(start), str(start + len("I feel safe there")),
        "Inclusive/Feel/Safe, without fear or worry")
    os.chmod(project, 0o444)
    state.update(folder=folder, project=project)


def opens():
    state["app"] = App(KITH, [state["project"]])
    state["window"] = state["app"].window()
    find(state["window"], "label", "Read-only: this project cannot be changed", timeout=30)


def export_from_menu(item, mnemonic, chooser_title, path, options):
    click(find(state["window"], None, "Main menu"))
    # the item shows; its underlined letter chooses it (popovers' pointer
    # coordinates are not the desktop's in GTK 4.8)
    find(state["window"], None, lambda n: n.replace("_", "") == item, timeout=10)
    key(mnemonic)
    chooser = state["app"].window(chooser_title, timeout=15)
    for option in options:
        click(find(chooser, "check box", option))
    # back to the file name (the first text field), then the path, then Return
    click(find(chooser, "text"))
    key("ctrl+a")
    type_text(path)
    time.sleep(0.3)
    e = extents(chooser)
    screenshot(os.path.join(SHOTS, "refi-export-chooser.png"), e.x + e.width, e.y + e.height)
    key("Return")
    return report_dialog(f"Exported to {os.path.basename(path)}")


def report_dialog(heading):
    """The window (a message dialog) whose heading is @heading."""
    def look():
        for w in state["app"].windows():
            if find_all(w, "label", heading):
                return w
        return None
    return wait_for(look, 30, f"a dialog saying {heading!r}")


def closed(dialog):
    point_at(dialog)
    key("Escape")
    wait_for(lambda: dialog not in state["app"].windows(), 10, "the export dialog closed")


def validate(path, schema, crlf=False):
    mode = os.stat(path).st_mode & 0o777
    if mode != 0o600:
        raise Failure(f"{path} is readable by others: {oct(mode)}")
    if path.endswith(".qdpx"):
        qde = path + ".qde"
        with zipfile.ZipFile(path) as z, open(qde, "wb") as f:
            f.write(z.read("project.qde"))
    else:
        qde = path
    r = subprocess.run(["xmllint", "--nonet", "--noout", "--schema", os.path.join(REFI, schema), qde],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise Failure(f"{path} does not validate: {r.stderr}")
    r = subprocess.run([sys.executable, os.path.join(SOURCE, "tests", "check-refi.py"), path]
                       + (["--crlf"] if crlf else []), capture_output=True, text=True)
    if r.returncode != 0:
        raise Failure(f"check-refi.py {path}: {r.stdout}")
    return r.stdout.strip()


def export_project():
    path = os.path.join(state["folder"], "for maxqda.qdpx")
    dialog = export_from_menu("Export REFI-QDA Project…", "p", "Export REFI-QDA Project", path,
                              ["Windows line ends (MAXQDA, NVivo for Windows)"])
    find(dialog, "label", lambda n: "1 coding\n" in n and "Kith does not keep the original files" in n)
    time.sleep(0.5)
    screenshot(os.path.join(SHOTS, "refi-export-report.png"))
    counts = validate(path, "Project-mrt2019.xsd", crlf=True)
    if not counts.startswith("sources=1 selections=1 codings=1 "):
        raise Failure(f"the export holds {counts}")
    closed(dialog)


def export_codebook():
    path = os.path.join(state["folder"], "codebook.qdc")
    dialog = export_from_menu("Export Codebook (REFI-QDA)…", "c", "Export Codebook (REFI-QDA)", path,
                              ["Code names unique across the tree (QualCoder)"])
    find(dialog, "label", lambda n: "57 codes\n" in n and "written under their paths" in n)
    counts = validate(path, "Codebook.xsd")
    if counts != "codes=57 sets=41":
        raise Failure(f"the codebook holds {counts}")
    closed(dialog)


def quit_app():
    state.pop("app").quit()
    os.chmod(state["project"], 0o600)
    shutil.rmtree(state["folder"], ignore_errors=True)


STEPS = [
    ("a read-only, coded project is made with kith-cli", make_project),
    ("the app opens it", opens),
    ("Export REFI-QDA Project… with Windows line ends writes a valid .qdpx and says what it holds", export_project),
    ("Export Codebook (REFI-QDA)… with unique names writes a valid .qdc", export_codebook),
    ("the app quits", quit_app),
]


if __name__ == "__main__":
    sys.exit(run_steps(STEPS, state, SHOTS))
