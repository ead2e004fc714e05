#!/usr/bin/python3
"""REFI-QDA import in the real app: the main menu's “Import REFI-QDA
Project…” opens a file chooser for .qdpx files, the import runs with
progress, and its report follows — what came in, what was adjusted, what
was skipped — and the project holds the codings. Open Project… on a .qdpx
offers to make a Kith project of it. Prints TAP."""
import os
import sys
import tempfile
import time
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kithgui import (App, Failure, cli, click, extents, find, find_all, key, point_at, press, rows, run_steps,
                     screenshot, type_text, wait_for)

BUILD = os.environ["KITH_BUILD"]
KITH = os.path.join(BUILD, "app", "kith")
KITH_CLI = os.path.join(BUILD, "app", "kith-cli")
SHOTS = os.path.join(BUILD, "screenshots")

state = {}

TEXT = "Kamala, Tipton: آپ کا شکریہ — the canal walks made me feel safe again 🙂\nWe meet on Thursdays."
QDE = ('<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="Tipton" '
       'origin="Fixture 1.0"><Users><User guid="1a2b3c4d-0000-4000-8000-000000000001" name="Aisha Begum"/></Users>'
       '<CodeBook><Codes><Code guid="1a2b3c4d-0000-4000-8000-000000000010" name="Feel safe" isCodable="true"/>'
       '</Codes></CodeBook><Sources><TextSource guid="1a2b3c4d-0000-4000-8000-000000000020" name="Tipton walk" '
       'plainTextPath="internal://t.txt"><PlainTextSelection guid="1a2b3c4d-0000-4000-8000-000000000100" '
       'startPosition="{start}" endPosition="{end}"><Coding guid="1a2b3c4d-0000-4000-8000-000000000101" '
       'creatingUser="1a2b3c4d-0000-4000-8000-000000000001">'
       '<CodeRef targetGUID="1a2b3c4d-0000-4000-8000-000000000010"/>'
       '</Coding></PlainTextSelection></TextSource><PictureSource guid="1a2b3c4d-0000-4000-8000-000000000030" '
       'name="Canal photo" path="internal://c.png"/></Sources></Project>')


def make_project():
    folder = tempfile.mkdtemp(prefix="kith-refi-")
    project = os.path.join(folder, "tipton.kith")
    cli(KITH_CLI, "init", project)
    qdpx = os.path.join(folder, "tipton.qdpx")
    start = TEXT.index("feel safe")
    with zipfile.ZipFile(qdpx, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("project.qde", QDE.format(start=start, end=start + len("feel safe")))
        z.writestr("sources/t.txt", "\ufeff" + TEXT)
    state.update(folder=folder, project=project, qdpx=qdpx)


def opens():
    state["app"] = App(KITH, [state["project"]])
    state["window"] = state["app"].window()
    find(state["window"], "push button", "Import files", timeout=30)


def import_from_menu():
    click(find(state["window"], "push button", "Main menu", timeout=10))
    item = find(state["window"], None, lambda n: n.startswith("Import REFI-QDA Project"), timeout=10)
    press(item)
    chooser = state["app"].window("Import a REFI-QDA Project", timeout=15)
    point_at(chooser)
    key("ctrl+l")
    type_text(state["qdpx"])
    key("Return")
    summary = state["app"].window("Import", timeout=15)
    find(summary, "label", "1 coding imported", timeout=30)
    find(summary, "label", "Codes: 1 new of 1 · documents: 1 new of 1 · cases: 0 · memos: 0")
    find(summary, "list item",
         lambda n: n.startswith("Adjusted: source “Tipton walk”: its text starts with a byte-order mark"))
    find(summary, "list item", lambda n: n.startswith("Skipped: picture source “Canal photo”"))
    time.sleep(0.5)
    e = extents(summary)
    screenshot(os.path.join(SHOTS, "refi-import-report.png"), e.x + e.width, e.y + e.height)
    press(find(summary, "push button", lambda n: "Close" in n))


def project_holds_the_coding():
    codings = rows(cli(KITH_CLI, "codings", state["project"]))
    if len(codings) != 1 or codings[0][2] != "Feel safe" or codings[0][5] != "Aisha Begum":
        raise Failure(f"the project's codings after the import: {codings}")
    text = cli(KITH_CLI, "show", state["project"], "1")
    start, end = int(codings[0][3]), int(codings[0][4])
    if text[start:end] != "feel safe":
        raise Failure(f"the coding covers “{text[start:end]}”, not “feel safe”")


def open_qdpx(path):
    """Ctrl+O on @path: the offer to make a project of it, once it shows."""
    point_at(state["window"])
    key("ctrl+o")
    chooser = state["app"].window("Open Project", timeout=15)
    point_at(chooser)
    key("ctrl+l")
    type_text(path)
    key("Return")
    heading = f"Make a Kith project of “{os.path.basename(path)}”?"
    return wait_for(lambda: next((w for w in state["app"].windows() if find_all(w, "label", heading)), None), 15,
                    "the offer to make a project")


def open_offers_a_project():
    made = os.path.join(state["folder"], "tipton (2).kith")
    offer = open_qdpx(state["qdpx"])
    find(offer, "label", "Kith makes the project “tipton (2).kith” beside it and imports the REFI-QDA project into "
                         "it. “tipton.qdpx” itself is not changed.")
    press(find(offer, "push button", lambda n: "Make Project" in n))
    summary = state["app"].window("Import", timeout=20)
    find(summary, "label", "1 coding imported", timeout=30)
    press(find(summary, "push button", lambda n: "Close" in n))
    state["app"].window(lambda n: "tipton (2)" in n, timeout=15)
    codings = rows(cli(KITH_CLI, "codings", made))
    if len(codings) != 1 or codings[0][2] != "Feel safe":
        raise Failure(f"the project made from the .qdpx holds {codings}")


def a_failed_import_leaves_no_project():
    broken = os.path.join(state["folder"], "broken.qdpx")
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("project.qde", "<Project><Sources>")
    offer = open_qdpx(broken)
    press(find(offer, "push button", lambda n: "Make Project" in n))
    summary = state["app"].window("Import", timeout=20)
    find(summary, "label", "Nothing was imported", timeout=30)
    press(find(summary, "push button", lambda n: "Close" in n))
    if os.path.exists(os.path.join(state["folder"], "broken.kith")):
        raise Failure("a project was left behind by an import that failed")


def quits():
    state.pop("app").quit()


STEPS = [
    ("a project is made and a .qdpx written", make_project),
    ("the app opens the project", opens),
    ("Main Menu › Import REFI-QDA Project… imports the file chosen and shows its report", import_from_menu),
    ("the project holds the coding, over the same words", project_holds_the_coding),
    ("Open Project… on a .qdpx offers to make a Kith project of it, imports it there and opens it", open_offers_a_project),
    ("a .qdpx that cannot be imported leaves no project behind", a_failed_import_leaves_no_project),
    ("the app quits", quits),
]

if __name__ == "__main__":
    sys.exit(run_steps(STEPS, state, SHOTS))
