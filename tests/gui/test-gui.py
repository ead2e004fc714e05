#!/usr/bin/python3
"""The desktop app, driven as a user would drive it: the real build/app/kith
under Xvfb, through the accessibility tree. Each step prints a TAP line;
every effect is checked in the project file with kith-cli.

Run through run-gui-test.sh (meson test --suite gui). Screenshots of the main
views go to BUILD/screenshots/.
"""
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kithgui import (App, Failure, run_steps, save_as, cli, click, drag, extents, find, find_all, find_toast, focused, key,
                     point_at, press, rows, screenshot, scroll_to, scroll_to_top, selection_of, text_of, toast_texts,
                     type_text, wait_for, walk)

BUILD = os.environ["KITH_BUILD"]
KITH = os.path.join(BUILD, "app", "kith")
CLI = os.path.join(BUILD, "app", "kith-cli")
SHOTS = os.path.join(BUILD, "screenshots")
SAMPLE = os.path.join(os.environ["XDG_DATA_HOME"], "kith", "Sample project.kith")
SOURCE = os.environ.get("KITH_SOURCE_ROOT", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
CODER = os.environ["KITH_CODER"]
# codes of the bundled codebook, which the sample project has
SAFE_CODE = "Inclusive/Feel/Safe, without fear or worry"
BELONGING = "Inclusive/Feel/Belonging rather than isolation"

state = {}


def shot(name):
    w = state["window"]
    e = extents(w)
    screenshot(os.path.join(SHOTS, name), e.width + e.x, e.height + e.y)


def codings(doc=None):
    args = ["codings", SAMPLE] + (["--doc", doc] if doc else [])
    return rows(cli(CLI, *args))


def coding_of(path, start, end):
    for r in codings():
        if r[2] == path and int(r[3]) == start and int(r[4]) == end:
            return r
    return None


def text_view():
    return find(state["window"], "text", "Document text")


def focus_text(keep_selection=False):
    """The keyboard focus in the document's text: a click on it, or, to keep
    the selection, only the pointer over it (X sends keys where it points)."""
    tv = text_view()
    if keep_selection:
        point_at(tv)
    else:
        click(tv)
    return tv


def select_by_keyboard(tv, start, length):
    """The caret to @start, then Shift+Right @length times, as a user would."""
    tv.queryText().setCaretOffset(start)
    time.sleep(0.3)
    from kithgui import CONTROL, SHIFT  # noqa: F401
    import pyatspi
    pyatspi.Registry.generateKeyboardEvent(SHIFT, None, pyatspi.KEY_PRESS)
    for _ in range(length):
        pyatspi.Registry.generateKeyboardEvent(0xFF53, None, pyatspi.KEY_SYM)
    pyatspi.Registry.generateKeyboardEvent(SHIFT, None, pyatspi.KEY_RELEASE)
    return wait_for(lambda: selection_of(tv) == (start, start + length), 5,
                    f"the selection {start}–{start + length} (it is {selection_of(tv)})")


# ---- the steps ----------------------------------------------------------------

def welcome():
    state["app"] = App(KITH)
    state["window"] = state["app"].window()
    find(state["window"], "push button", lambda n: "New Project" in n)
    find(state["window"], "push button", lambda n: "Open Project" in n)
    state["sample_row"] = find(state["window"], "list item", lambda n: n.startswith("Open Sample Project"))
    time.sleep(0.5)
    shot("welcome.png")


def open_sample():
    click(state["sample_row"])
    find(state["window"], "list item", lambda n: n.startswith("interview-01-smethwick.txt"), timeout=30)
    docs = rows(cli(CLI, "docs", SAMPLE))
    if len(docs) != 20:
        raise Failure(f"the sample project has {len(docs)} documents, not 20 (every file of data-samples/)")
    if not rows(cli(CLI, "review", "list", SAMPLE, "--format", "tsv")):
        raise Failure("the sample project has no suggestions waiting for review")
    state["before"] = len(codings())


def open_transcript():
    click(find(state["window"], "list item", lambda n: n.startswith("interview-01-smethwick.txt")))
    tv = text_view()
    wait_for(lambda: "Delroy:" in text_of(tv), 15, "the transcript's text")
    state["text"] = text_of(tv)


def find_passage():
    tv = focus_text()
    key("ctrl+f")
    find(state["window"], "entry", "Find in document")
    type_text("I feel safe there")
    start = state["text"].index("I feel safe there")
    wait_for(lambda: selection_of(tv) == (start, start + 17), 5, f"the found passage selected ({selection_of(tv)})")
    key("Escape")
    state["safe"] = (start, start + 17)


def code_with_picker():
    focus_text(keep_selection=True)
    key("ctrl+k")
    find(state["window"], "entry", "Find a code by name or description")
    type_text("without fear")
    find(state["window"], "list item", SAFE_CODE)
    time.sleep(0.4)
    shot("code-picker.png")
    key("Return")
    start, end = state["safe"]
    row = wait_for(lambda: coding_of(SAFE_CODE, start, end), 10, "the coding in the project")
    if row[5] != CODER:
        raise Failure(f"coded by {row[5]!r}, not {CODER!r}")
    state["safe_id"] = row[0]


def code_with_key():
    tv = focus_text()
    phrase = "The park not so much after dark"
    start = state["text"].index(phrase)
    select_by_keyboard(tv, start, len(phrase))
    key("1")
    pinned = rows(cli(CLI, "codes", SAMPLE))
    first_leaf = "Connected/Think/Know what support is available"
    if not any(r[1] == first_leaf for r in pinned):
        raise Failure(f"the sample codebook has no {first_leaf}")
    wait_for(lambda: coding_of(first_leaf, start, start + len(phrase)), 10, "the coding made with key 1")
    state["dark"] = (first_leaf, start, start + len(phrase))
    time.sleep(0.5)
    shot("project-coded.png")


def undo():
    focus_text()
    key("ctrl+z")
    wait_for(lambda: coding_of(*state["dark"]) is None, 10, "the key-1 coding to be undone")
    if coding_of(SAFE_CODE, *state["safe"]) is None:
        raise Failure("undo took more than the last action")


def redo():
    key("ctrl+shift+z")
    wait_for(lambda: coding_of(*state["dark"]), 20, "the key-1 coding to be redone")


def memo():
    tv = focus_text()
    tv.queryText().setCaretOffset(state["safe"][0] + 3)
    time.sleep(0.8)
    memo_view = find(state["window"], "text", "Memo of the chosen coding")
    key("ctrl+m")
    wait_for(lambda: focused(memo_view), 5, "the memo to have the keyboard focus")
    type_text("Safe at the gurdwara")
    wait_for(lambda: "Safe at the gurdwara" in cli(CLI, "export", "extracts", SAMPLE, "--format", "csv"), 10,
             "the memo saved in the project")
    csv = cli(CLI, "export", "extracts", SAMPLE, "--format", "csv")
    line = next(l for l in csv.splitlines() if "Safe at the gurdwara" in l)
    if SAFE_CODE not in line:
        raise Failure(f"the memo went to another coding: {line}")


def remove_and_undo():
    tv = focus_text()
    tv.queryText().setCaretOffset(state["safe"][0] + 3)
    time.sleep(0.8)
    key("Delete")
    wait_for(lambda: coding_of(SAFE_CODE, *state["safe"]) is None, 10, "the coding removed")
    # the toast says so, with its Undo button
    wanted = {"Coding removed", "Undo", "Dismiss"}
    wait_for(lambda: wanted <= {t.replace("_", "") for t in toast_texts(state["window"])}, 10,
             "the toast “Coding removed” with Undo and a named close button")
    key("ctrl+z")
    row = wait_for(lambda: coding_of(SAFE_CODE, *state["safe"]), 10, "the coding back")
    csv = cli(CLI, "export", "extracts", SAMPLE, "--format", "csv")
    if "Safe at the gurdwara" not in csv:
        raise Failure("undoing the removal lost the memo")
    state["safe_id"] = row[0]


def right_to_left():
    click(find(state["window"], "list item", lambda n: n.startswith("interview-02-alum-rock.txt")))
    tv = text_view()
    wait_for(lambda: "یہاں" in text_of(tv), 15, "the Alum Rock transcript")
    text = text_of(tv)
    urdu = "یہاں سب ایک دوسرے کا خیال رکھتے ہیں"
    start = text.index(urdu)
    t = tv.queryText()
    import pyatspi
    first = t.getCharacterExtents(start, pyatspi.WINDOW_COORDS)
    last = t.getCharacterExtents(start + len(urdu) - 1, pyatspi.WINDOW_COORDS)
    time.sleep(0.5)
    shot("rtl-urdu.png")
    if first[2] > 0 and last[2] > 0 and not first[0] > last[0]:
        raise Failure(f"the Urdu runs left to right: first letter at x={first[0]}, last at x={last[0]}")


def drag_passage():
    tv = focus_text()
    text = text_of(tv)
    # (well inside the window: a drag starts where the hand presses)
    phrase = "From another mum at the school gate."
    start = text.index(phrase)
    select_by_keyboard(tv, start, len(phrase))
    import pyatspi
    x, y, w, h = tv.queryText().getCharacterExtents(start + 4, pyatspi.WINDOW_COORDS)
    if y + h > extents(state["window"]).height - 40:
        raise Failure(f"the passage is off screen (y={y})")
    code = find(state["window"], "list item", lambda n: n.startswith("Know what support is"))
    e = extents(code)
    drag(x + 1, y + h // 2, e.x + e.width // 2, e.y + e.height // 2)
    wait_for(lambda: coding_of("Connected/Think/Know what support is available", start, start + len(phrase)), 10,
             "the dragged passage coded")


def recent_history():
    """The latest actions in the project's undo history, for failure messages."""
    import subprocess
    r = subprocess.run(["sqlite3", SAMPLE, "SELECT label, CASE undone WHEN 1 THEN '(undone)' ELSE '' END "
                        "FROM history_actions ORDER BY id DESC LIMIT 4"], capture_output=True, text=True)
    return r.stdout.strip().replace("\n", "; ")


def code_paths():
    return [r[1] for r in rows(cli(CLI, "codes", SAMPLE))]


def feel_first():
    paths = code_paths()
    return paths.index("Connected/Feel") < paths.index("Connected/Think")


def drag_codes():
    tree = find(state["window"], "list", "Codebook")
    # onto the middle of a row: inside it
    part = find(tree, "list item", lambda n: n.startswith("Take part in local activities"))
    think = find(tree, "list item", lambda n: n.startswith("Think,"))
    p, t = extents(part), extents(think)
    drag(p.x + p.width // 2, p.y + p.height // 2, t.x + t.width // 2, t.y + t.height // 2)
    wait_for(lambda: "Connected/Think/Take part in local activities" in code_paths(), 10, "the code nested under Think")
    # onto the top third of a row: before it (the list may have scrolled;
    # the bundled codebook is long, so two rows that show together)
    scroll_to_top(tree)
    feel = find(tree, "list item", lambda n: n.startswith("Feel,"))
    think = find(tree, "list item", lambda n: n.startswith("Think,"))
    f, t = extents(feel), extents(think)
    drag(f.x + f.width // 2, f.y + f.height // 2, t.x + t.width // 2, t.y + t.height * 3 // 10)
    wait_for(lambda: feel_first(), 10, f"Connected/Feel before Connected/Think (codes: {code_paths()[:4]})")
    point_at(tree)
    time.sleep(0.5)
    key("ctrl+z")
    wait_for(lambda: not feel_first(), 10, "the order undone")
    time.sleep(0.5)
    key("ctrl+z")
    wait_for(lambda: "Connected/Do/Take part in local activities" in code_paths(), 10,
             f"the nesting undone (history: {recent_history()})")


def export_csv():
    path = os.path.join(os.environ["KITH_WORK"], "belonging.csv")
    point_at(find(state["window"], "tree table", "Coded extracts"))
    key("ctrl+shift+e")
    csv = save_as(state["app"], "Export Extracts", path)
    lines = [l for l in csv.split("\r\n") if l]
    if not lines[0].startswith("document,code,start,end,text") or len(lines) != 1 + len(state["belonging"]):
        raise Failure(f"the CSV has {len(lines)} lines: {lines[:2]}")
    if "یہاں سب ایک دوسرے کا خیال رکھتے ہیں" not in csv:
        raise Failure("the Urdu extract is not in the CSV")
    if oct(os.stat(path).st_mode & 0o777) != oct(0o600):
        raise Failure(f"the CSV is readable by others: {oct(os.stat(path).st_mode & 0o777)}")


def retrieval():
    tree = find(state["window"], "list", "Codebook")
    click(scroll_to(tree, "list item", lambda n: n.startswith("Belonging")))
    key("ctrl+r")
    want = [r for r in codings() if r[2] == BELONGING]
    find(state["window"], "label", lambda n: n == f"{len(want)} extracts" or n == f"{len(want)} extract", timeout=15)
    find(state["window"], "label", f"Extracts of “{BELONGING}”")
    time.sleep(0.5)
    shot("retrieval.png")
    state["belonging"] = want


def open_extract():
    table = find(state["window"], "tree table", "Coded extracts")
    point_at(table)
    key("Down")
    key("Return")
    tv = text_view()
    spans = {(int(r[3]), int(r[4])) for r in state["belonging"]}
    wait_for(lambda: selection_of(tv) in spans, 15, f"the document open at an extract (selection {selection_of(tv)})")


def shortcuts():
    focus_text()
    key("F1")
    w = state["app"].window(lambda n: "Shortcuts" in n, timeout=10)
    time.sleep(0.8)
    e = extents(w)
    screenshot(os.path.join(SHOTS, "shortcuts.png"), e.x + e.width, e.y + e.height)
    point_at(w)
    key("Escape")
    wait_for(lambda: not any("Shortcuts" in (x.name or "") for x in state["app"].windows()), 5,
             "the shortcuts window to close")


def new_code():
    focus_text()
    key("ctrl+shift+n")
    dialog = state["app"].window(lambda n: True and n != state["window"].name, timeout=10)
    entry = find(dialog, "text", "New Code")
    point_at(entry)
    type_text("Themes/Transport")
    key("Return")
    wait_for(lambda: "Themes/Transport" in code_paths(), 10, "the new code in the project")



def filter_documents(text):
    """Types @text into the document list's filter, as a person looks for
    one document among many (wheel scrolling a long list was not reliable
    under Xvfb); an empty @text clears it."""
    entry = find(state["window"], "entry", "Filter documents")
    click(entry)
    key("ctrl+a")
    key("BackSpace")
    if text:
        type_text(text)
    time.sleep(0.5)


def document_item(prefix, timeout=10, what="the document in the list"):
    """The list row of the document whose name starts with @prefix, found
    through the filter; the filter stays set until filter_documents("")."""
    filter_documents(prefix)
    documents = find(state["window"], "list", "Documents")
    return wait_for(lambda: (find_all(documents, "list item", lambda n: n.startswith(prefix)) or [None])[0],
                    timeout, what)


def import_files():
    folder = os.path.join(os.environ["KITH_WORK"], "to-import")
    os.makedirs(folder)
    with open(os.path.join(folder, "focus-group.txt"), "w", encoding="utf-8") as f:
        # words the bundled codebook's rules know: the review step's suggestions
        f.write("Facilitator: What brings you here?\nJo: The company, mostly. I was lonely after my husband died, "
                "I did not know anyone.\nFacilitator: And?\nJo: The tea. I feel safe here, and I feel like I belong.\n")
    with open(os.path.join(folder, "session-notes.md"), "w", encoding="utf-8") as f:
        f.write("# Session notes\n\nTwelve came; three for the first time.\n")
    with open(os.path.join(folder, "scan.txt"), "wb") as f:
        f.write(b"\x00\x01\x02 not text")
    before = len(rows(cli(CLI, "docs", SAMPLE)))
    point_at(find(state["window"], "list", "Documents"))
    key("ctrl+i")
    chooser = state["app"].window("Import Files", timeout=15)
    point_at(chooser)
    key("ctrl+l")
    type_text(folder + "/")
    key("Return")
    time.sleep(1.0)
    key("ctrl+a")
    time.sleep(0.5)
    press(find(chooser, "push button", lambda n: "Import" in n))
    summary = state["app"].window("Import", timeout=15)
    find(summary, "label", "2 documents imported", timeout=30)
    find(summary, "list item", lambda n: n.startswith("scan.txt: Failed"))
    time.sleep(0.5)
    e = extents(summary)
    screenshot(os.path.join(SHOTS, "import-summary.png"), e.x + e.width, e.y + e.height)
    press(find(summary, "push button", lambda n: "Close" in n))
    if len(rows(cli(CLI, "docs", SAMPLE))) != before + 2:
        raise Failure("the project does not hold the two imported documents")
    document_item("focus-group.txt", 10, "the imported document in the list")
    filter_documents("")


def focus_cycle():
    tv = focus_text()
    wait_for(lambda: focused(tv), 5, "the text focused")
    # the caret in a coded passage, so the inspector has something to focus
    if "From another mum at the school gate." not in text_of(tv):
        documents = find(state["window"], "list", "Documents")
        scroll_to_top(documents)
        click(find(documents, "list item", lambda n: n.startswith("interview-02-alum-rock.txt")))
        wait_for(lambda: "From another mum at the school gate." in text_of(tv), 15, "the Alum Rock transcript")
        tv = focus_text()
    tv.queryText().setCaretOffset(text_of(tv).index("From another mum at the school gate.") + 2)
    time.sleep(0.8)

    def focus_in(role, name):
        pane = find(state["window"], role, name)
        return any(focused(a) for a in walk(pane))

    for role, name in (("scroll pane", "Inspector"), ("list", "Documents"), ("list", "Codebook"),
                       ("text", "Document text")):
        key("F6")
        wait_for(lambda: focus_in(role, name), 5, f"the focus in {name} after F6")


def other_writer():
    path = os.path.join(os.environ["KITH_WORK"], "late-notes.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write("Notes written after the app was opened.\nSomeone else imported these.\n")
    cli(CLI, "import", SAMPLE, path)
    # the app looks for other writers' changes every second
    document_item("late-notes.txt", 10, "the new document in the list")
    filter_documents("")


def suggestions(doc=None):
    """Every suggestion, decided or not (of @doc only, in text order): id,
    document, code, start, end, rule, status."""
    return rows(cli(CLI, "review", "list", SAMPLE, "--all", *(["--doc", doc] if doc else []), "--format", "tsv"))


def review_rows(doc, status=None):
    """The document's suggestions in text order, those with @status only if given."""
    return [r for r in suggestions(doc) if status is None or r[6] == status]


def status_of(doc, suggestion_id):
    return next((r[6] for r in review_rows(doc) if r[0] == suggestion_id), None)


def panel_shows(text):
    return find_all(state["window"], "label", text)


def run_suggestions():
    click(document_item("focus-group.txt"))
    tv = text_view()
    wait_for(lambda: "I feel safe here" in text_of(tv), 15, "the focus group notes")
    # the text starts right of the sidebar: after the extracts view (whose
    # columns are wide) the document was once laid out wider than its pane,
    # the start of every line hidden under the sidebar
    sidebar, text = extents(find(state["window"], "list", "Documents")), extents(tv)
    if text.x < sidebar.x + sidebar.width:
        raise Failure(f"the text starts at x={text.x}, under the sidebar (which ends at {sidebar.x + sidebar.width})")
    if review_rows("focus-group.txt"):
        raise Failure("the imported notes have suggestions before any pass")
    focus_text()
    key("F7")
    # the progress bar shows while the pass runs, then the first suggestion
    wait_for(lambda: len(review_rows("focus-group.txt", "pending")) == 3, 30, "three suggestions in the project")
    wait_for(lambda: panel_shows("1 of 3"), 30, "the first of three suggestions under review")
    wait_for(lambda: not find_all(state["window"], "progress bar", "Suggestion pass progress"), 30,
             "the progress bar to go")
    find(state["window"], "push button", "Accept the suggestion")
    time.sleep(1.0)
    shot("review.png")


def accept_and_reject():
    pending = review_rows("focus-group.txt", "pending")
    first, second = pending[0], pending[1]
    # the keys go to the text, where no typing can happen
    point_at(text_view())
    key("a")
    wait_for(lambda: status_of("focus-group.txt", first[0]) == "accepted", 10, "the first suggestion accepted")
    wait_for(lambda: panel_shows("1 of 2"), 10, "the next suggestion under review")
    key("r")
    wait_for(lambda: status_of("focus-group.txt", second[0]) == "rejected", 10, "the second suggestion rejected")
    coded = [r for r in codings("focus-group.txt")]
    if len(coded) != 1 or coded[0][2:5] != first[2:5] or coded[0][6] != "rule" or coded[0][5] != CODER:
        raise Failure(f"the accepted suggestion is not the one coding, by {CODER}, from a rule: {coded}")
    if status_of("focus-group.txt", pending[2][0]) != "pending":
        raise Failure("a suggestion nobody decided on was decided")
    state["accepted"] = first
    state["rejected"] = second
    time.sleep(0.8)
    shot("review-decided.png")


def undo_decision():
    key("ctrl+z")
    wait_for(lambda: status_of("focus-group.txt", state["rejected"][0]) == "pending", 10,
             "the rejection undone")
    if status_of("focus-group.txt", state["accepted"][0]) != "accepted":
        raise Failure("undo took back more than the last decision")
    # back to the suggestion the undone decision was about
    wait_for(lambda: panel_shows("1 of 2"), 10, "the suggestion under review again")
    if len(codings("focus-group.txt")) != 1:
        raise Failure("the accepted coding went with the undo")
    # redo decides it again; undo once more leaves it pending for the next step
    key("ctrl+shift+z")
    wait_for(lambda: status_of("focus-group.txt", state["rejected"][0]) == "rejected", 20,
             "the rejection redone")
    key("ctrl+z")
    wait_for(lambda: status_of("focus-group.txt", state["rejected"][0]) == "pending", 20,
             "the rejection undone again")
    wait_for(lambda: panel_shows("1 of 2"), 10, "the suggestion under review again")


def accept_rule():
    """Shift+A: every pending suggestion of the rule under review, in every document."""
    rule = state["rejected"][5]
    everywhere = suggestions()
    of_rule = [r for r in everywhere if r[5] == rule and r[6] == "pending"]
    others = [r for r in everywhere if r[5] != rule and r[6] == "pending"]
    if not of_rule:
        raise Failure(f"rule {rule} has no pending suggestion to accept")
    point_at(text_view())
    key("shift+a")
    wait_for(lambda: all(status_of(r[1], r[0]) == "accepted" for r in of_rule), 10,
             f"the {len(of_rule)} pending suggestions of rule {rule} accepted")
    after = {r[0]: r[6] for r in suggestions()}
    if any(after.get(r[0]) != "pending" for r in others):
        raise Failure("Shift+A decided suggestions of other rules too")
    state["rule_accepted"] = len(of_rule)
    state["after_rule"] = codings()


# A costly rule (a word said three times within 250 words: backtracking
# over a long window, no literal to prefilter on) over 300 long documents:
# a pass of some 40 s on two cores, long enough to cancel by hand.
COSTLY_RULE = r"(?i)\b(\w{4,})(?:\W+\w+){0,250}?\W+\1\W+\1\b"
LONG_DOCS = 300


def costly_rule_documents():
    """The long documents that have suggestions of the costly rule."""
    rule = state["costly_rule"]
    return sorted({r[1] for r in suggestions() if r[5] == rule and r[1].startswith("long-")})


def cancel_pass():
    """Shift+F7 over many long documents, then Cancel: the pass stops after
    the documents in hand, which keep their suggestions."""
    work = os.environ["KITH_WORK"]
    corpus = os.path.join(work, "long")
    subprocess.run(["/usr/bin/python3", os.path.join(SOURCE, "tests", "bench", "gen-corpus.py"), corpus,
                    "--docs", str(LONG_DOCS), "--megabytes", str(LONG_DOCS // 10)], check=True, capture_output=True)
    # each ends with a passage the costly rule finds: every document done has one
    for name in sorted(os.listdir(corpus)):
        with open(os.path.join(corpus, name), "a", encoding="utf-8") as f:
            f.write("\nMarlon Bailey: Welcome, welcome, welcome to Handsworth, I say to everyone.\n")
        os.rename(os.path.join(corpus, name), os.path.join(corpus, "long-" + name[len("doc-"):]))
    names = sorted(os.listdir(corpus))
    with open(os.path.join(work, "costly.tsv"), "w", encoding="utf-8") as f:
        f.write(f"{SAFE_CODE}\t{COSTLY_RULE}\n")
    cli(CLI, "rules", "import", SAMPLE, os.path.join(work, "costly.tsv"))
    state["costly_rule"] = next(r[0] for r in rows(cli(CLI, "rules", SAMPLE)) if r[3] == COSTLY_RULE)
    cli(CLI, "import", SAMPLE, corpus)
    # the app has seen them (another writer's change)
    document_item(names[-1], 20, "the last long document in the list")
    filter_documents("")
    point_at(text_view())
    key("shift+F7")
    find(state["window"], "progress bar", "Suggestion pass progress", timeout=20)
    cancel = find(state["window"], "push button", lambda n: n.startswith("Cancel the suggestion pass"))
    # the pass commits what it has done every second or so
    wait_for(costly_rule_documents, 60, "a first long document done")
    click(cancel)
    find_toast(state["window"], "Suggestion pass cancelled: the documents done keep their suggestions", 60)
    wait_for(lambda: not find_all(state["window"], "progress bar", "Suggestion pass progress"), 20,
             "the progress bar to go")
    done = costly_rule_documents()
    time.sleep(2)
    if costly_rule_documents() != done:
        raise Failure("the pass went on after Cancel")
    # stored in document order: the first k documents, each with its passage
    if not 0 < len(done) < len(names) or done != names[:len(done)]:
        raise Failure(f"after Cancel, {len(done)} of {len(names)} long documents have suggestions, "
                      f"not the first ones in order: {done[:5]}…")
    print(f"# cancelled after {len(done)} of {len(names)} long documents", flush=True)


def quit_app():
    focus_text()
    key("ctrl+q")
    state["app"].proc.wait(15)
    final = codings()
    if coding_of(SAFE_CODE, *state["safe"]) is None or coding_of(*state["dark"]) is None:
        raise Failure(f"after quitting, the project lacks a coding: {final}")
    # three by hand, one accepted suggestion, and those of the rule accepted at once
    expected = state["before"] + 4 + state.get("rule_accepted", 0)
    if len(final) != expected:
        after_rule = state.get("after_rule", [])
        raise Failure(f"{len(final)} codings after quitting, expected {expected} ({state['before']} in the sample, "
                      f"4 made here, {state.get('rule_accepted', 0)} accepted with Shift+A); "
                      f"{len(after_rule)} after Shift+A; gone since: {[r for r in after_rule if r not in final]}")


STEPS = [
    ("the welcome view offers New, Open and the sample project", welcome),
    ("Open Sample Project creates the sample and opens it", open_sample),
    ("a transcript opens from the document list", open_transcript),
    ("Ctrl+F finds and selects a passage", find_passage),
    ("Ctrl+K codes the selection with a code found by typing", code_with_picker),
    ("key 1 codes a keyboard selection with the code on key 1", code_with_key),
    ("Ctrl+Z undoes the last coding only", undo),
    ("Ctrl+Shift+Z redoes it", redo),
    ("Ctrl+M writes the chosen coding's memo, saved as typed", memo),
    ("Delete removes the coding at the caret, a toast offers Undo, Ctrl+Z restores it", remove_and_undo),
    ("an Urdu passage runs right to left", right_to_left),
    ("a passage dragged onto a code is coded with it", drag_passage),
    ("codes dragged in the codebook reorder and nest; Ctrl+Z puts them back", drag_codes),
    ("Ctrl+R lists the extracts of the chosen code", retrieval),
    ("Ctrl+Shift+E exports the extracts shown as CSV", export_csv),
    ("activating an extract opens its document at the passage", open_extract),
    ("F1 shows the keyboard shortcuts", shortcuts),
    ("Ctrl+Shift+N adds a code", new_code),
    ("Ctrl+I imports files chosen in the file chooser, then sums up what happened", import_files),
    ("a document kith-cli imports meanwhile appears in the list", other_writer),
    ("F6 moves the keyboard focus from pane to pane", focus_cycle),
    ("F7 runs the suggestion rules over the open document, with progress, then shows the first", run_suggestions),
    ("key A accepts the suggestion under review, key R rejects the next", accept_and_reject),
    ("Ctrl+Z undoes the last decision only, Ctrl+Shift+Z redoes it", undo_decision),
    ("Shift+A accepts every pending suggestion of the rule under review, and only those", accept_rule),
    ("Shift+F7 over 300 long documents, then Cancel: it stops, the documents done keep their suggestions",
     cancel_pass),
    ("Ctrl+Q quits, and the project holds every change", quit_app),
]




if __name__ == "__main__":
    sys.exit(run_steps(STEPS, state, SHOTS))
