#!/usr/bin/python3
"""Kith as an installed desktop app sees it: under a pseudo-translation
(every string longer by a third, bracketed, accented: what is cut off or
left in English shows), with settings kept across runs, and started by
double-clicking a project (gio open, through the desktop file and MIME
type installed in a private XDG_DATA_HOME).

Run through run-gui-test.sh (meson test --suite gui). Screenshots in
BUILD/screenshots/ (welcome-pseudo.png, project-pseudo.png,
summary-pseudo.png).
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "i18n"))
import pyatspi  # noqa: E402
from kithgui import (SHIFT, App, Failure, children, cli, click, extents, find, find_all, key, point_at,  # noqa: E402
                     run_steps, screenshot, text_of, wait_for, walk)
from potfile import pseudo, read_pot, write_pseudo_po  # noqa: E402

BUILD = os.environ["KITH_BUILD"]
WORK = os.environ["KITH_WORK"]
SOURCE = os.environ.get("KITH_SOURCE_ROOT", os.path.join(HERE, "..", ".."))
KITH = os.path.join(BUILD, "app", "kith")
CLI = os.path.join(BUILD, "app", "kith-cli")
SHOTS = os.path.join(BUILD, "screenshots")
DATA_HOME = os.environ["XDG_DATA_HOME"]
KEYFILE = os.path.join(os.environ["XDG_CONFIG_HOME"], "glib-2.0", "settings", "keyfile")

state = {}


def shot(name):
    e = extents(state["window"])
    screenshot(os.path.join(SHOTS, name), e.width + e.x, e.height + e.y)


def shown(text):
    """What a label with mnemonic @text reads as: without its underscore."""
    return re.sub(r"_(?=\w)", "", text)


def quit_by_keyboard(app_proc=None, pid=None):
    point_at(state["window"])
    key("ctrl+q")
    if app_proc is not None:
        app_proc.wait(20)
        return
    end = time.time() + 20
    while time.time() < end:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.kill(pid, signal.SIGTERM)
    raise Failure(f"Kith (pid {pid}) did not quit on Ctrl+Q")


def start(args=(), env=None):
    """Kith, alone: a Kith a failed step left running would take the new
    one's arguments and make it exit (one instance per session)."""
    if "app" in state:
        state.pop("app").quit()
    state["app"] = App(KITH, list(args), env=env)
    return state["app"]


# ---- a pseudo-translation ---------------------------------------------------

def pseudo_catalogue():
    run = subprocess.run(["meson", "compile", "-C", BUILD, "kith-pot"], capture_output=True, text=True)
    if run.returncode != 0:
        raise Failure("meson compile kith-pot failed:\n" + (run.stdout + run.stderr)[-2000:])
    pot = os.path.join(SOURCE, "po", "kith.pot")
    locale = os.path.join(WORK, "locale")
    os.makedirs(os.path.join(locale, "pseudo", "LC_MESSAGES"), exist_ok=True)
    po = os.path.join(WORK, "pseudo.po")
    n = write_pseudo_po(pot, po)
    # -c: each translation keeps its msgid's printf conversions
    subprocess.run(["msgfmt", "-c", "-o", os.path.join(locale, "pseudo", "LC_MESSAGES", "kith.mo"), po], check=True)
    state["msgids"] = {e.msgid for e in read_pot(pot) if e.msgid} | \
                      {e.plural for e in read_pot(pot) if e.plural}
    state["toolkit"] = toolkit_msgids()
    state["pseudo_env"] = dict(os.environ, KITH_LOCALEDIR=locale, LANGUAGE="pseudo")
    print(f"# {n} strings pseudo-translated", flush=True)


# names on screen that are data, not text of the program: the app's name,
# the sample project's file name (Sample project.kith), and the bundled
# codebook's dimension codes (Connected/Think), which the code tree shows
# as the codebook names them while the summary translates its own badges
DATA_NAMES = {"Kith", "Sample project", "Think", "Feel", "Do"}


def toolkit_msgids():
    """What GTK and libadwaita translate themselves (the window's Close
    button): the msgids of their catalogues, read from any language's."""
    found = set()
    for domain in ("gtk40", "libadwaita"):
        for lang in sorted(os.listdir("/usr/share/locale")):
            mo = os.path.join("/usr/share/locale", lang, "LC_MESSAGES", domain + ".mo")
            if os.path.exists(mo):
                po = os.path.join(WORK, domain + ".po")
                subprocess.run(["msgunfmt", "-o", po, mo], check=True)
                found |= {e.msgid for e in read_pot(po) if e.msgid}
                break
    return found


def untranslated(root):
    """Names on screen that are one of our msgids, left in English."""
    left = set()
    english = {shown(m) for m in state["msgids"]} - DATA_NAMES - state["toolkit"]
    for acc in walk(root):
        try:
            for text in (acc.name or "", acc.description or ""):
                if text in english:
                    if not re.fullmatch(r"[\W\d]*", text):
                        left.add(f"{acc.getRoleName()} “{text}”")
        except Exception:
            continue
    return sorted(left)


def shot_translated(name):
    """A screenshot to look at; what is left in English fails the step."""
    time.sleep(0.8)
    shot(name)
    left = untranslated(state["window"])
    if left:
        raise Failure("left in English under the pseudo-translation:\n" + "\n".join(left))


def welcome_pseudo():
    start(env=state["pseudo_env"])
    state["window"] = state["app"].window()
    for text, role in (("_New Project…", "push button"), ("_Open Project…", "push button")):
        find(state["window"], role, lambda n, t=shown(pseudo(text)): t in n)
    state["sample_row"] = find(state["window"], "list item",
                               lambda n: n.startswith(pseudo("Open Sample Project")))
    shot_translated("welcome-pseudo.png")


def project_pseudo():
    click(state["sample_row"])
    doc = find(state["window"], "list item", lambda n: n.startswith("interview-01-smethwick.txt"), timeout=60)
    # a document's kind, from the code (kith-document-list.c), translated
    if pseudo("Transcript") not in (doc.name or "") + (doc.description or "") and \
            not find_all(doc, None, lambda n: pseudo("Transcript") in n, only_showing=False):
        raise Failure(f"the document row reads {doc.name!r}, without {pseudo('Transcript')!r}")
    click(doc)
    tv = find(state["window"], "text", pseudo("Document text"), timeout=20)
    wait_for(lambda: "Delroy:" in text_of(tv), 15, "the transcript's text")
    shot_translated("project-pseudo.png")


def summary_pseudo():
    point_at(find(state["window"], "list", pseudo("Documents")))
    key("ctrl+shift+s")
    find(state["window"], None, lambda n: n.startswith("A socially connected region")
         or n.startswith(pseudo("A socially connected region")), only_showing=False, timeout=30)
    time.sleep(1.0)
    shot("summary-pseudo.png")
    left = untranslated(state["window"])
    print(f"# left in English in the summary: {len(left)}", flush=True)
    for line in left[:60]:
        print(f"#   {line}", flush=True)
    quit_by_keyboard(state["app"].proc)
    del state["app"]


# ---- settings kept across runs -------------------------------------------------

def keyfile_env():
    return dict(os.environ, GSETTINGS_BACKEND="keyfile")


def read_keyfile():
    try:
        with open(KEYFILE, encoding="utf-8") as f:
            return f.read()
    except FileNotFoundError:
        return ""


def window_size_saved():
    """A first run at the default size writes its size when it closes."""
    if os.path.exists(KEYFILE):
        os.remove(KEYFILE)
    start(env=keyfile_env())
    state["window"] = state["app"].window()
    e = extents(state["window"])
    # the accessible frame is the window less its resize borders: what a
    # size of the schema's default (1320×840) shows as, kept to compare with
    state["frame"] = (1320 - e.width, 840 - e.height)
    quit_by_keyboard(state["app"].proc)
    del state["app"]
    saved = read_keyfile()
    if "window-width=1320" not in saved or "window-height=840" not in saved:
        raise Failure(f"after closing, the settings keyfile holds:\n{saved or '(nothing)'}")


def window_size_restored():
    """The next run opens at the size the settings hold, codes as the coder
    they name, and opening a project puts it first in the recent projects."""
    with open(KEYFILE, "w", encoding="utf-8") as f:
        f.write("[org/kith/Kith]\nwindow-width=1010\nwindow-height=690\ncoder-name='Amrit Sandhu'\n")
    project = os.path.join(WORK, "Wednesbury study.kith")
    cli(CLI, "init", project)
    cli(CLI, "import", project, os.path.join(SOURCE, "data-samples", "workshop-notes-wolverhampton.md"))
    cli(CLI, "codebook", "load", project, "inclusive-communities")
    # the settings' coder, not the one the other GUI tests set in KITH_CODER
    env = keyfile_env()
    env.pop("KITH_CODER", None)
    start([project], env=env)
    state["window"] = state["app"].window(lambda n: n.startswith("Wednesbury study"), timeout=30)
    e = extents(state["window"])
    dw, dh = state.get("frame", (0, 0))
    if (e.width + dw, e.height + dh) != (1010, 690):
        raise Failure(f"the window is {e.width + dw}×{e.height + dh}, not the 1010×690 the settings hold")
    click(find(state["window"], "list item", lambda n: n.startswith("workshop-notes-wolverhampton.md"), timeout=30))
    tv = find(state["window"], "text", "Document text", timeout=20)
    wait_for(lambda: "Whitmore Reans" in text_of(tv), 15, "the workshop notes")
    where = text_of(tv).index("Whitmore Reans")
    click(tv)
    tv.queryText().setCaretOffset(where)
    time.sleep(0.3)
    pyatspi.Registry.generateKeyboardEvent(SHIFT, None, pyatspi.KEY_PRESS)
    for _ in range(len("Whitmore")):
        pyatspi.Registry.generateKeyboardEvent(0xFF53, None, pyatspi.KEY_SYM)  # Right
    pyatspi.Registry.generateKeyboardEvent(SHIFT, None, pyatspi.KEY_RELEASE)
    time.sleep(0.3)
    key("1")
    coded = wait_for(lambda: [r for r in (line.split("\t") for line in cli(CLI, "codings", project).splitlines())
                              if r[3:5] == [str(where), str(where + 8)]], 10, "the coding made with key 1")
    if coded[0][5] != "Amrit Sandhu":
        raise Failure(f"the coding's coder is {coded[0][5]!r}, not the settings' coder-name 'Amrit Sandhu'")
    # what is on disk now is written again at close, not left from before
    os.remove(KEYFILE)
    time.sleep(0.5)
    quit_by_keyboard(state["app"].proc)
    del state["app"]
    saved = read_keyfile()
    if "window-width=1010" not in saved or "window-height=690" not in saved:
        raise Failure(f"after closing, the settings keyfile holds:\n{saved or '(nothing)'}")
    if f"recent-projects=['{project}']" not in saved:
        raise Failure(f"the recent projects are not [{project!r}]:\n{saved}")


# ---- double-clicking a project ---------------------------------------------------

def install_desktop_files():
    """The build's desktop file and MIME type, as `meson install` puts them,
    in this session's own XDG_DATA_HOME."""
    apps = os.path.join(DATA_HOME, "applications")
    mime = os.path.join(DATA_HOME, "mime", "packages")
    os.makedirs(apps, exist_ok=True)
    os.makedirs(mime, exist_ok=True)
    shutil.copy(os.path.join(BUILD, "app", "org.kith.Kith.desktop"), apps)
    shutil.copy(os.path.join(BUILD, "app", "org.kith.Kith.xml"), mime)
    subprocess.run(["update-mime-database", os.path.join(DATA_HOME, "mime")], check=True)
    subprocess.run(["update-desktop-database", apps], check=True)
    # the desktop file says Exec=kith: the build's, as if installed on PATH
    state["env"] = dict(os.environ, PATH=os.path.join(BUILD, "app") + os.pathsep + os.environ["PATH"])
    project = os.path.join(WORK, "Tipton study.kith")
    cli(CLI, "init", project)
    cli(CLI, "import", project, os.path.join(SOURCE, "data-samples", "newsletter-tipton-community-hub.html"))
    state["project"] = project
    # a copy under another name: recognised by its content, not its name
    renamed = os.path.join(WORK, "tipton-backup.db")
    shutil.copy(project, renamed)
    plain = os.path.join(WORK, "other.sqlite")
    subprocess.run(["sqlite3", plain, "CREATE TABLE t (x)"], check=True)
    types = {}
    for path in (project, renamed, plain):
        out = subprocess.run(["gio", "info", "-a", "standard::content-type", path], env=state["env"],
                             capture_output=True, text=True, check=True).stdout
        types[os.path.basename(path)] = out.split("standard::content-type:")[-1].strip()
    expected = {"Tipton study.kith": "application/x-kith-project", "tipton-backup.db": "application/x-kith-project",
                "other.sqlite": "application/vnd.sqlite3"}
    if types != expected:
        raise Failure(f"content types {types}, expected {expected}")
    default = subprocess.run(["gio", "mime", "application/x-kith-project"], env=state["env"],
                             capture_output=True, text=True).stdout
    if "Default application for “application/x-kith-project”: org.kith.Kith.desktop" not in default:
        raise Failure(f"gio mime application/x-kith-project says:\n{default}")


def kith_apps():
    desktop = pyatspi.Registry.getDesktop(0)
    return [a for a in children(desktop) if a.name == "kith"]


def gio_open():
    if "app" in state:
        state.pop("app").quit()
    if kith_apps():
        raise Failure("a Kith is already running before gio open")
    subprocess.run(["gio", "open", state["project"]], env=state["env"], check=True, timeout=30)
    app = wait_for(lambda: (kith_apps() or [None])[0], 45, "Kith started by gio open")
    state["pid"] = app.get_process_id()
    state["window"] = wait_for(lambda: next((w for w in children(app) if (w.name or "").startswith("Tipton study")),
                                            None), 30, "a window showing Tipton study")
    find(state["window"], "list item", lambda n: n.startswith("newsletter-tipton-community-hub.html"), timeout=30)
    quit_by_keyboard(pid=state["pid"])


STEPS = [
    ("a pseudo-translation of po/kith.pot compiles (msgfmt -c)", pseudo_catalogue),
    ("under the pseudo-translation the welcome view is translated", welcome_pseudo),
    ("under the pseudo-translation a project with a transcript open is translated", project_pseudo),
    ("under the pseudo-translation the summary shows (screenshot)", summary_pseudo),
    ("a first run's window size is saved when it closes", window_size_saved),
    ("the next run opens at the saved size, codes as the settings' coder, and saves its size and the recent "
     "project at close", window_size_restored),
    ("the desktop file and MIME type installed: .kith files, even renamed, are Kith projects, opened by Kith",
     install_desktop_files),
    ("gio open PROJECT.kith starts Kith showing that project", gio_open),
]


if __name__ == "__main__":
    sys.exit(run_steps(STEPS, state, SHOTS))
