#!/usr/bin/python3
"""Every control of the main window has an accessible name: the real app,
walked through its accessibility tree in each of its main states (welcome,
a document with codings at the caret, a suggestion under review, the
extracts view). A control is
anything focusable or of an interactive role; a name GTK made up from a
class name (“GtkToggleButton”) counts as none. Prints TAP, and lists the
controls without a name."""
import os
import re
import sys
import time

import pyatspi

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kithgui import (App, Failure, click, run_steps, find, find_toast, key, scroll_to, text_of, toast_widgets,
                     wait_for, walk)

BUILD = os.environ["KITH_BUILD"]
KITH = os.path.join(BUILD, "app", "kith")
SHOTS = os.path.join(BUILD, "screenshots")

INTERACTIVE = {
    "push button", "toggle button", "check box", "radio button", "combo box", "entry", "password text",
    "spin button", "slider", "scroll bar", "menu item", "check menu item", "radio menu item", "list item",
    "tree item", "table cell", "table row", "link", "page tab", "switch", "toggle", "text",
}
CLASS_NAME = re.compile(r"^(Gtk|Adw|Kith)[A-Z]\w*$")

state = {}


def path_of(acc):
    parts = []
    while acc is not None and len(parts) < 8:
        try:
            parts.append(f"{acc.getRoleName()}[{acc.name or ''}]")
            acc = acc.parent
        except Exception:
            break
    return " < ".join(parts[:6])


def unnamed_controls(window):
    missing, checked = [], 0
    for acc in walk(window):
        try:
            role = acc.getRoleName()
            s = acc.getState().getStates()
        except Exception:
            continue
        if pyatspi.STATE_VISIBLE not in s:
            continue
        if role not in INTERACTIVE and pyatspi.STATE_FOCUSABLE not in s:
            continue
        checked += 1
        name = (acc.name or "").strip()
        if not name or CLASS_NAME.match(name):
            missing.append(path_of(acc))
    return checked, missing


def check(label):
    checked, missing = unnamed_controls(state["window"])
    if missing:
        raise Failure(f"{len(missing)} of {checked} controls in {label} have no name:\n" + "\n".join(missing))
    print(f"# {checked} controls in {label}, all named", flush=True)


def welcome():
    state["app"] = App(KITH)
    state["window"] = state["app"].window()
    find(state["window"], "list item", lambda n: n.startswith("Open Sample Project"))
    check("the welcome view")


def document():
    click(find(state["window"], "list item", lambda n: n.startswith("Open Sample Project")))
    click(find(state["window"], "list item", lambda n: n.startswith("interview-01"), timeout=30))
    tv = find(state["window"], "text", "Document text")
    wait_for(lambda: "Delroy" in text_of(tv), 15, "the transcript")
    tv.queryText().setCaretOffset(text_of(tv).index("I feel welcome there") + 2)
    find(state["window"], "push button", lambda n: n.startswith("Remove coding"))
    time.sleep(0.5)
    check("the project window with a document")


def toast():
    """A toast's buttons (Undo, and the close button libadwaita 1.2 leaves
    unnamed): checked while it shows, which a walk of the whole window on a
    loaded machine might outlast."""
    tv = find(state["window"], "text", "Document text")
    click(tv)
    tv.queryText().setCaretOffset(text_of(tv).index("I feel welcome there") + 2)
    time.sleep(0.5)
    key("Delete")
    find_toast(state["window"], "Coding removed")
    checked, missing = 0, []
    for t in toast_widgets(state["window"]):
        c, m = unnamed_controls(t)
        checked, missing = checked + c, missing + m
    if missing or checked < 2:
        raise Failure(f"{len(missing)} of {checked} controls in the toast have no name:\n" + "\n".join(missing))
    print(f"# {checked} controls in the toast, all named", flush=True)
    key("ctrl+z")
    find(state["window"], "push button", lambda n: n.startswith("Remove coding"))


def review():
    tv = find(state["window"], "text", "Document text")
    click(tv)
    key("n")
    find(state["window"], "push button", "Accept the suggestion")
    time.sleep(0.5)
    check("the project window reviewing a suggestion")


def extracts():
    tree = find(state["window"], "list", "Codebook")
    click(scroll_to(tree, "list item", lambda n: n.startswith("Belonging")))
    key("ctrl+r")
    find(state["window"], "tree table", "Coded extracts")
    find(state["window"], "table cell", lambda n: n.startswith("interview-02") or "Belonging" in n)
    time.sleep(0.5)
    check("the extracts view")




STEPS = [
    ("every control of the welcome view has a name", welcome),
    ("every control of the project window, with a coded document, has a name", document),
    ("every control of a toast has a name", toast),
    ("every control of the project window, reviewing a suggestion, has a name", review),
    ("every control of the extracts view has a name", extracts),
]


if __name__ == "__main__":
    sys.exit(run_steps(STEPS, state, SHOTS))
