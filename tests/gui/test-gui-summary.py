#!/usr/bin/python3
"""The Summary view, as an evaluator uses it: a project made with kith-cli
from data-samples/ the way .ci/setup's demo makes one (import, cases, the
bundled codebook, coded passages, barometers imported and linked), opened in
the real build/app/kith under Xvfb and driven through the accessibility tree.

Checks that the goals and the barometer figures kith-cli reports are on
screen as text, that the goal filter works, that a change made elsewhere
shows, that Export writes an owner-only HTML file that parses, that every
control has a name, and that a project with nothing to summarise says how
to get something. Screenshots go to BUILD/screenshots/summary-*.png.
"""
import importlib.util
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from kithgui import (App, Failure, cli, click, extents, find, find_all, find_toast, focused, key, point_at, rows,
                     run_steps, screenshot, toast_texts, type_text, wait_for, walk)

BUILD = os.environ["KITH_BUILD"]
SOURCE = os.environ.get("KITH_SOURCE_ROOT", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
KITH = os.path.join(BUILD, "app", "kith")
CLI = os.path.join(BUILD, "app", "kith-cli")
SHOTS = os.path.join(BUILD, "screenshots")
WORK = os.environ["KITH_WORK"]
PROJECT = os.path.join(WORK, "evaluation.kith")
SAMPLES = os.path.join(SOURCE, "data-samples")

# the a11y test's own check: a control without a name fails here too
_spec = importlib.util.spec_from_file_location("test_a11y", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                                         "test-a11y.py"))
test_a11y = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(test_a11y)

state = {}
HTML5_TAGS = ("header", "main", "footer", "nav", "section", "figure", "figcaption",
              "svg", "defs", "g", "symbol", "path", "use", "rect", "clipPath", "image")


def shot(name):
    e = extents(state["window"])
    screenshot(os.path.join(SHOTS, name), e.width + e.x, e.height + e.y)


def figure(barometer, geography):
    """The figures kith-cli reports for @barometer in @geography, as shown: “41%”."""
    out = [r[3] for r in rows(cli(CLI, "barometers", PROJECT)) if r[0] == barometer and r[1] == geography and r[3]]
    if not out:
        raise Failure(f"kith-cli barometers has no figure for {barometer} in {geography}")
    return [f"{v}%" for v in out]


def labels(name):
    return find_all(state["window"], "label", name)


def heading(name, timeout=20):
    return find(state["window"], "heading", name, timeout=timeout)


# ---- the steps ----------------------------------------------------------------

def prepare():
    """The project, made as .ci/setup's demo makes it."""
    cli(CLI, "init", PROJECT)
    cli(CLI, "import", PROJECT, SAMPLES)
    cli(CLI, "cases", "from-speakers", PROJECT, "interview-01-smethwick.txt", "interview-02-alum-rock.txt",
        "interview-03-coventry.txt", "--skip", "Grace", "--skip", "Farah", "--skip", "Tomasz")
    for case, place in (("Delroy", "Sandwell"), ("Nasreen", "Birmingham"), ("Yusuf", "Coventry")):
        cli(CLI, "cases", "set", PROJECT, case, f"local_authority={place}")
    cli(CLI, "cases", "set-document", PROJECT, "workshop-notes-wolverhampton.md", "local_authority=Wolverhampton")
    cli(CLI, "codebook", "load", PROJECT, "inclusive-communities")
    for doc, _, start, end, *_ in rows(cli(CLI, "find", PROJECT, "I feel safe there")):
        cli(CLI, "code", PROJECT, doc, start, end, "Inclusive/Feel/Safe, without fear or worry")
    # the rules' suggestions, accepted: passages coded across the goals
    cli(CLI, "suggest", PROJECT)
    for r in rows(cli(CLI, "rules", "stats", PROJECT)):
        if int(r[5]) > 0:
            cli(CLI, "review", "accept", PROJECT, "--rule", r[0])
    cli(CLI, "barometers", "import", PROJECT, os.path.join(SAMPLES, "barometers-inclusive-communities.tsv"))
    cli(CLI, "barometers", "link", PROJECT, "Cross-cutting/Relationships", "trust")
    state["trust"] = figure("trust", "WMCA")
    state["trust_england"] = figure("trust", "England")[0]
    state["belonging"] = figure("belonging", "WMCA")[0]


def open_summary():
    state["app"] = App(KITH, [PROJECT])
    state["window"] = state["app"].window(lambda n: n.startswith("evaluation"), timeout=30)
    find(state["window"], "list item", lambda n: n.startswith("interview-01-smethwick.txt"), timeout=30)
    point_at(find(state["window"], "list", "Documents"))
    key("ctrl+shift+s")
    heading("A socially connected region", timeout=30)
    for name in ("A supportive region", "An inclusive region", "An equitable region"):
        heading(name)


def figures_shown():
    for value in state["trust"] + [state["trust_england"]]:
        if not labels(value) and not find_all(state["window"], "label", value, only_showing=False):
            raise Failure(f"the trust figure {value} is not shown")
    find(state["window"], "label", lambda n: "4 points behind England" in n, only_showing=False)
    # the charts: pictures with their figures in words
    chart = find(state["window"], "image", lambda n: n.startswith("A socially connected region:"), only_showing=False)
    description = chart.description or ""
    if state["trust_england"] not in description:
        raise Failure(f"the chart's description does not give England's {state['trust_england']}: {description!r}")
    time.sleep(0.8)
    shot("summary.png")


def keyboard():
    """The filters first, then Tab by Tab through the charts, each read out
    by its title."""
    combo = find(state["window"], "combo box", lambda n: n.startswith("Goal"))
    wait_for(lambda: any(focused(a) for a in walk(combo)), 5, "the keyboard focus on the goal filter")
    for _ in range(12):
        key("Tab")
        charts = [a for a in find_all(state["window"], "image", lambda n: ":" in n, only_showing=False) if focused(a)]
        if charts:
            if not charts[0].name.startswith("A socially connected region:"):
                raise Failure(f"the first chart reached is {charts[0].name!r}")
            time.sleep(0.5)
            shot("summary-keyboard.png")
            return
    raise Failure("no chart took the keyboard focus after 12 Tabs")


def scrolled_shots():
    scroller = find(state["window"], "scroll pane", "Evaluation summary")
    x, y = point_at(scroller)
    import pyatspi
    for i, clicks in enumerate((6, 10, 10)):
        for _ in range(clicks):
            pyatspi.Registry.generateMouseEvent(x, y, "b5c")
            time.sleep(0.05)
        time.sleep(0.6)
        shot(f"summary-scrolled-{i + 1}.png")


def methodology_shown():
    """The outline's last section, as the reports have it: how the evidence was gathered."""
    find(state["window"], "heading", "Methodology", only_showing=False, timeout=10)
    if not find_all(state["window"], "label", lambda n: n.startswith("Suggestions:"), only_showing=False):
        raise Failure("the methodology says nothing of the suggestion queue")
    scroller = find(state["window"], "scroll pane", "Evaluation summary")
    x, y = point_at(scroller)
    import pyatspi
    for _ in range(200):
        pyatspi.Registry.generateMouseEvent(x, y, "b5c")
        time.sleep(0.01)
    time.sleep(0.6)
    shot("summary-methodology.png")


def other_writer():
    """A passage coded elsewhere (kith-cli) shows in the open summary."""
    base = find(state["window"], "label", lambda n: n.startswith("Evidence base:"))
    before = base.name
    doc, _, start, end, *_ = rows(cli(CLI, "find", PROJECT, "The park not so much after dark"))[0]
    cli(CLI, "code", PROJECT, doc, start, end, "Inclusive/Feel/Safe, without fear or worry")
    wait_for(lambda: find_all(state["window"], "label", lambda n: n.startswith("Evidence base:") and n != before), 15,
             f"the evidence base to change from {before!r}")


def filter_goal():
    dropdown = find(state["window"], "combo box", lambda n: n.startswith("Goal"))
    click(dropdown)
    # (GTK 4.8 gives a popover's contents no screen positions to click at:
    # the keyboard chooses, from the first goal down)
    choices = find(state["window"], "list", "Goals", timeout=10, only_showing=False)
    names = wait_for(lambda: [a.name for a in find_all(choices, "label", lambda n: bool(n), only_showing=False)], 10,
                     "the goals in the drop-down")
    if "An inclusive region" not in names:
        raise Failure(f"the goal filter offers {names}")
    for _ in range(names.index("An inclusive region")):
        key("Down")
    key("Return")
    wait_for(lambda: not find_all(state["window"], "heading", "A socially connected region"), 20,
             "the other goals to go")
    heading("An inclusive region")
    if not labels(state["belonging"]):
        raise Failure(f"the belonging figure {state['belonging']} is not shown")
    time.sleep(0.8)
    shot("summary-inclusive.png")


def export_html():
    path = os.path.join(WORK, "inclusive summary.html")
    find(state["window"], "push button", lambda n: "Export Summary" in n)
    # the extracts' export keys: in the Summary view, they export the summary
    point_at(find(state["window"], "scroll pane", "Evaluation summary"))
    key("ctrl+shift+e")
    chooser = state["app"].window("Export Summary", timeout=15)
    time.sleep(0.5)
    e = extents(chooser)
    screenshot(os.path.join(SHOTS, "summary-export-chooser.png"), e.x + e.width, e.y + e.height)
    point_at(chooser)
    key("ctrl+a")
    type_text(path)
    key("Return")
    wait_for(lambda: os.path.exists(path), 10, "the HTML file")
    # the toast says so for a few seconds: look before the slower checks
    find_toast(state["window"], "Exported summary to inclusive summary.html")
    mode = os.stat(path).st_mode & 0o777
    if mode != 0o600:
        raise Failure(f"the summary is readable by others: {oct(mode)}")
    # libxml2's HTML parser is HTML 4: it names the HTML5 and SVG tags it does
    # not know, and nothing else may go wrong; the page is well-formed XML too
    r = subprocess.run(["xmllint", "--html", "--noout", path], capture_output=True)
    complaints = [l for l in r.stderr.decode("utf-8", "replace").splitlines()
                  if "error" in l and not re.search(r"HTML parser error : Tag (%s) invalid" % "|".join(HTML5_TAGS), l)]
    if r.returncode != 0 or complaints:
        raise Failure("xmllint --html: " + "\n".join(complaints[:5]))
    r = subprocess.run(["xmllint", "--noout", path], capture_output=True)
    if r.returncode != 0 or r.stderr:
        raise Failure("xmllint (XML): " + r.stderr.decode("utf-8", "replace")[:500])
    with open(path, "rb") as f:
        data = f.read()
    try:
        html = data.decode("utf-8")
    except UnicodeDecodeError as e:
        with open(os.path.join(SHOTS, "summary-bad.html"), "wb") as f:
            f.write(data)
        raise Failure(f"the export is not UTF-8 ({e}); kept as summary-bad.html")
    if "An inclusive region" not in html or "A socially connected region" in html:
        raise Failure("the exported summary is not the one shown (one goal: An inclusive region)")
    if "<svg" not in html:
        raise Failure("the exported summary has no charts")


def every_control_named():
    # the toast goes first: the walk is of the Summary view itself
    wait_for(lambda: not toast_texts(state["window"]), 15, "the toast to go")
    test_a11y.state["window"] = state["window"]
    test_a11y.check("the Summary view")


def summary_toggled():
    import pyatspi
    button = find(state["window"], "push button", lambda n: n.startswith("Summary"))
    s = button.getState().getStates()
    return pyatspi.STATE_CHECKED in s or pyatspi.STATE_PRESSED in s


def back_to_document():
    if not summary_toggled():
        raise Failure("the Summary button is not down while the summary shows")
    point_at(find(state["window"], "list", "Documents"))
    key("ctrl+shift+s")
    wait_for(lambda: not summary_toggled(), 10, "the Summary button to come up")
    find(state["window"], "label", "Open a Document")
    # the inspector, put aside for the charts, is back
    find(state["window"], "text", "Memo of the chosen coding")


def empty_project():
    state["app"].quit()
    empty = os.path.join(WORK, "new.kith")
    cli(CLI, "init", empty)
    state["app"] = App(KITH, [empty])
    state["window"] = state["app"].window(lambda n: n.startswith("new"), timeout=30)
    point_at(state["window"])
    key("ctrl+shift+s")
    find(state["window"], "label", "Nothing to Summarise Yet", timeout=20)
    find(state["window"], "label", lambda n: "kith-cli barometers import" in n)
    time.sleep(0.5)
    shot("summary-empty.png")
    test_a11y.state["window"] = state["window"]
    test_a11y.check("the empty Summary view")


def export_docx():
    """The same summary as a Word document: the toast, owner-only, and the
    file read back by python-docx with the goals as Word headings."""
    path = os.path.join(WORK, "inclusive summary.docx")
    point_at(find(state["window"], "scroll pane", "Evaluation summary"))
    key("ctrl+shift+e")
    chooser = state["app"].window("Export Summary", timeout=15)
    time.sleep(0.5)
    point_at(chooser)
    key("ctrl+a")
    type_text(path)
    key("Return")
    wait_for(lambda: os.path.exists(path) and os.path.getsize(path) > 0, 10, "the Word file")
    find_toast(state["window"], "Exported summary to inclusive summary.docx")
    if os.stat(path).st_mode & 0o777 != 0o600:
        raise Failure("the Word summary is readable by others")
    r = subprocess.run(["/usr/bin/python3", "-c",
                        "import sys, docx\nd = docx.Document(sys.argv[1])\n"
                        "print(sum(1 for p in d.paragraphs if p.style.name == 'Heading 1'), len(d.inline_shapes))",
                        path], capture_output=True, text=True)
    if r.returncode != 0:
        raise Failure(f"python-docx cannot read the Word summary: {r.stderr.strip()[-300:]}")
    headings, pictures = (int(x) for x in r.stdout.split())
    if headings < 1 or pictures < 1:
        raise Failure(f"the Word summary has {headings} goal headings and {pictures} charts")


STEPS = [
    ("a project with barometers and coded evidence, made with kith-cli", prepare),
    ("Ctrl+Shift+S shows the summary: every goal's heading", open_summary),
    ("the trust barometer's figures, as kith-cli reports them, and its chart", figures_shown),
    ("the filters have the keyboard focus, and Tab reaches the charts", keyboard),
    ("the summary, scrolled (screenshots)", scrolled_shots),
    ("the methodology closes the summary", methodology_shown),
    ("a passage coded elsewhere shows in the open summary", other_writer),
    ("the goal filter shows one goal", filter_goal),
    ("Export writes an owner-only HTML file that parses", export_html),
    ("Export writes a Word document python-docx reads", export_docx),
    ("every control of the Summary view has a name", every_control_named),
    ("Ctrl+Shift+S again goes back", back_to_document),
    ("an empty project says how to get barometers and evidence", empty_project),
]


if __name__ == "__main__":
    sys.exit(run_steps(STEPS, state, SHOTS))
