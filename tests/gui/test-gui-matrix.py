#!/usr/bin/python3
"""The framework matrix and the privacy list, as an evaluator uses them: the
sample project opened from the welcome view in the real build/app/kith under
Xvfb, driven through the accessibility tree.

Checks that the Matrix view (Ctrl+Shift+M) shows, for rows Cases and columns
Outcomes, the counts `kith-cli matrix` gives for the same project, that a
gap is no button, that Enter on a cell lists exactly that many extracts,
and that every control has a name. Screenshots go to
BUILD/screenshots/matrix-*.png.
"""
import importlib.util
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kithgui import (App, Failure, cli, click, extents, find, find_all, focused, key, rows, run_steps, save_as,
                     screenshot, wait_for)

BUILD = os.environ["KITH_BUILD"]
KITH = os.path.join(BUILD, "app", "kith")
CLI = os.path.join(BUILD, "app", "kith-cli")
SHOTS = os.path.join(BUILD, "screenshots")
SAMPLE = os.path.join(os.environ["XDG_DATA_HOME"], "kith", "Sample project.kith")

_spec = importlib.util.spec_from_file_location("test_a11y", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                                         "test-a11y.py"))
test_a11y = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(test_a11y)

state = {}


def shot(name):
    e = extents(state["window"])
    screenshot(os.path.join(SHOTS, name), e.width + e.x, e.height + e.y)


def plural(n, one, many):
    return f"{n} {one if n == 1 else many}"


# ---- the steps ----------------------------------------------------------------

def open_sample():
    state["app"] = App(KITH)
    state["window"] = state["app"].window()
    click(find(state["window"], "list item", lambda n: n.startswith("Open Sample Project")))
    find(state["window"], "list item", lambda n: n.startswith("interview-01-smethwick.txt"), timeout=30)


def choose(combo_name, list_name, item):
    combo = find(state["window"], "combo box", lambda n: n.startswith(combo_name))
    click(combo)
    # (GTK 4.8 gives a popover's contents no screen positions to click at:
    # the keyboard chooses, from the first down)
    choices = find(state["window"], "list", list_name, timeout=10, only_showing=False)
    names = wait_for(lambda: [a.name for a in find_all(choices, "label", lambda n: bool(n), only_showing=False)], 10,
                     f"the choices of {combo_name}")
    if item not in names:
        raise Failure(f"{combo_name} offers {names}, not {item}")
    key("Home")
    for _ in range(names.index(item)):
        key("Down")
    key("Return")
    time.sleep(0.5)


def open_matrix():
    key("ctrl+shift+M")
    find(state["window"], "label", "Framework Matrix", timeout=15)
    choose("Rows", "Rows", "Cases")
    choose("Columns", "Columns", "Outcomes")
    # the default: cases by outcomes, counting codings
    wait_for(lambda: find_all(state["window"], "label", lambda n: n.endswith("choose a count to see its extracts")),
             30, "the matrix's caption")
    time.sleep(0.5)
    shot("matrix-cases-outcomes.png")


def counts_match_cli():
    """Every count of the first case with codings is the one kith-cli gives."""
    table = rows(cli(CLI, "matrix", SAMPLE, "--rows", "case", "--cols", "outcome"))
    header, body = table[0], table[1:]
    if header[0] != "case" or len(header) < 2:
        raise Failure(f"kith-cli matrix gave the header {header}")
    case = next((r for r in body if any(int(v) > 0 for v in r[1:])), None)
    if case is None:
        raise Failure("kith-cli matrix gives no case with codings in the sample project")
    expected = [int(v) for v in case[1:] if int(v) > 0]
    buttons = wait_for(lambda: find_all(state["window"], "push button",
                                        lambda n: n.startswith(case[0] + ", ") and n.endswith(("coding", "codings"))),
                       20, f"the cells of {case[0]}")
    shown = [int(b.name.rsplit(": ", 1)[1].split()[0]) for b in buttons]
    if shown != expected:
        raise Failure(f"{case[0]}: the matrix shows {shown}, kith-cli matrix says {expected} (header {header[1:]})")
    gaps = len(case) - 1 - len(expected)
    if gaps and not find_all(state["window"], "label", lambda n: n.startswith(case[0] + ", ") and n.endswith(": 0 codings")):
        raise Failure(f"{case[0]} has {gaps} empty cells, and none shows as a gap")
    state["cell"], state["count"] = buttons[0], expected[0]


def is_cell(n):
    return n.endswith(("coding", "codings"))


def tab_to_first_cell():
    """From the choosers, where the view puts the focus, Tab reaches the
    first count."""
    for _ in range(8):
        key("Tab")
        now = [b for b in find_all(state["window"], "push button", is_cell) if focused(b)]
        if now:
            return now[0]
    raise Failure("Tab from the choosers never reaches a count")


def enter_lists_extracts():
    # the first case with codings is the first row with a count
    cell = tab_to_first_cell()
    if cell.name != state["cell"].name:
        raise Failure(f"the first count is {cell.name!r}, not {state['cell'].name!r}")
    key("Return")
    want = plural(state["count"], "extract", "extracts")
    find(state["window"], "label", want, timeout=30)
    title = find(state["window"], "label", lambda n: n.startswith("Extracts of "), timeout=10)
    time.sleep(0.5)
    shot("matrix-cell-extracts.png")
    if not title.name.startswith("Extracts of " + cell.name.split(", ")[0]):
        raise Failure(f"the extracts are titled {title.name!r} for the cell {cell.name!r}")


def keyboard_moves():
    key("ctrl+shift+M")
    find(state["window"], "label", "Framework Matrix", timeout=15)
    first = tab_to_first_cell()
    key("Right")
    moved = [b for b in find_all(state["window"], "push button", is_cell) if focused(b)]
    if not moved or moved[0].name == first.name:
        raise Failure(f"Right from {first.name!r} moved the focus to {moved[0].name if moved else 'nothing'}")


def codes_columns():
    choose("Columns", "Columns", "Codes")
    wait_for(lambda: find_all(state["window"], "push button", lambda n: n.startswith("Delroy, Connected/")), 30,
             "code paths as columns")
    time.sleep(0.5)
    shot("matrix-cases-codes.png")


def every_control_named():
    test_a11y.state["window"] = state["window"]
    test_a11y.check("the Matrix view")


def privacy_keep():
    """The Privacy page from the main menu; keeping a name there is what
    kith-cli privacy reads."""
    listed = rows(cli(CLI, "privacy", SAMPLE))
    name = next((r[0] for r in listed if r[3] != "keep" and r[1] == "case"), None)
    if name is None:
        raise Failure(f"kith-cli privacy lists no case to keep: {listed}")
    click(find(state["window"], None, "Main menu"))
    find(state["window"], None, lambda n: n.replace("_", "") == "Privacy…", timeout=10)
    key("v")
    state["privacy"] = state["app"].window("Privacy", timeout=15)
    toggle = find(state["privacy"], None, f"Keep {name}", timeout=15)
    time.sleep(0.5)
    e = extents(state["privacy"])
    screenshot(os.path.join(SHOTS, "matrix-privacy.png"), e.x + e.width, e.y + e.height)
    click(toggle)
    wait_for(lambda: [r for r in rows(cli(CLI, "privacy", SAMPLE)) if r[0] == name and r[3] == "keep"], 15,
             f"kith-cli privacy to say keep for {name}")
    test_a11y.state["window"] = state["privacy"]
    test_a11y.check("the Privacy page")


def pseudonymised_export():
    """Pseudonymise exports, switched on there, is what the extracts CSV follows."""
    click(find(state["privacy"], None, "Pseudonymise exports"))
    time.sleep(0.5)
    key("Escape")
    wait_for(lambda: not in_app_window("Privacy"), 10, "the Privacy page to close")
    key("ctrl+shift+M")
    find(state["window"], "label", "Framework Matrix", timeout=15)
    choose("Columns", "Columns", "Outcomes")
    cell = tab_to_first_cell()
    person = cell.name.split(", ")[0]
    key("Return")
    find(state["window"], "label", lambda n: n.startswith("Extracts of " + person), timeout=20)
    path = os.path.join(os.environ["KITH_WORK"], "cell.csv")
    key("ctrl+shift+e")
    csv = save_as(state["app"], "Export Extracts", path)
    lines = [l for l in csv.split("\r\n") if l]
    if len(lines) != 1 + state["count"]:
        raise Failure(f"the CSV has {len(lines)} lines for a cell of {state['count']}: {lines[:2]}")
    if person in csv or "Resident " not in csv:
        raise Failure(f"{person} is in the pseudonymised CSV, or no pseudonym is: {lines[1]}")


def in_app_window(name):
    return [w for w in state["app"].windows() if w.name == name]


STEPS = [
    ("Open Sample Project", open_sample),
    ("Ctrl+Shift+M shows the matrix, rows Cases and columns Outcomes", open_matrix),
    ("a case's counts are those of kith-cli matrix, its gaps are gaps", counts_match_cli),
    ("Enter on a cell lists exactly that many extracts", enter_lists_extracts),
    ("arrow keys move between the cells", keyboard_moves),
    ("columns Codes: every code path a column (screenshot)", codes_columns),
    ("every control of the Matrix view has a name", every_control_named),
    ("the Privacy page keeps a name, as kith-cli privacy then says", privacy_keep),
    ("with Pseudonymise exports on, a cell's extracts export without the name", pseudonymised_export),
]


if __name__ == "__main__":
    sys.exit(run_steps(STEPS, state, SHOTS))
