"""kithgui — drive the real Kith desktop app through the accessibility tree
(AT-SPI), as a user would: find controls by role and name, click them, type.

Used by test-gui.py and test-a11y.py; run them through run-gui-test.sh, which
provides the X display (Xvfb), the session bus and the accessibility bus.
"""
import os
import subprocess
import sys
import time

import pyatspi

# X keycodes of the modifiers, as Xvfb's default keymap has them
SHIFT, CONTROL = 50, 37
KEYSYMS = {
    "Return": 0xFF0D, "Escape": 0xFF1B, "Tab": 0xFF09, "Delete": 0xFFFF, "BackSpace": 0xFF08,
    "Left": 0xFF51, "Up": 0xFF52, "Right": 0xFF53, "Down": 0xFF54, "Home": 0xFF50, "End": 0xFF57,
    "F1": 0xFFBE, "F2": 0xFFBF, "F6": 0xFFC3, "F7": 0xFFC4, "F9": 0xFFC6, "space": 0x20,
}


class Failure(Exception):
    pass


class Tap:
    """TAP lines, one a step, so the test totals count each step. A failed
    step leaves a screenshot, failed-N.png, in @shots."""

    def __init__(self, shots=None):
        self.n = 0
        self.failed = 0
        self.shots = shots

    def step(self, description, fn, *args):
        self.n += 1
        started = time.monotonic()
        try:
            result = fn(*args)
            print(f"ok {self.n} - {description}", flush=True)
            # how long: a slow step on a loaded machine shows in the log
            print(f"# {time.monotonic() - started:.1f} s", flush=True)
            return result
        except Exception as e:  # a failed step is reported, and the next ones still run
            self.failed += 1
            print(f"not ok {self.n} - {description}", flush=True)
            if self.shots:
                screenshot(os.path.join(self.shots, f"failed-{self.n}.png"))
            for line in str(e).splitlines() or ["(no message)"]:
                print(f"#   {line}", flush=True)
                # meson keeps the TAP lines to itself: CI's log shows stderr
                print(f"step {self.n} ({description}): {line}", file=sys.stderr, flush=True)
            return None

    def finish(self):
        print(f"1..{self.n}", flush=True)
        return 1 if self.failed else 0


def run_steps(steps, state, shots=None):
    """Runs (description, function) steps as TAP, quits the app in
    state["app"] at the end whatever happened; returns the exit status."""
    tap = Tap(shots)
    if shots:
        os.makedirs(shots, exist_ok=True)
    try:
        for description, fn in steps:
            tap.step(description, fn)
    finally:
        if "app" in state:
            state["app"].quit()
    return tap.finish()


def wait_for(fn, timeout=15.0, what="the condition"):
    """Calls fn until it returns something true; returns that."""
    end = time.time() + timeout
    last = None
    while time.time() < end:
        try:
            value = fn()
            if value:
                return value
        except Exception as e:  # the tree changes under our feet
            last = e
        time.sleep(0.2)
    raise Failure(f"timed out after {timeout:.0f} s waiting for {what}" + (f" ({last})" if last else ""))


def states(acc):
    return acc.getState().getStates()


def focused(acc):
    return pyatspi.STATE_FOCUSED in states(acc)


def showing(acc):
    """GTK 4.8 sets no SHOWING state; VISIBLE is set on the pages a stack
    hides too. What is on screen has a size."""
    if pyatspi.STATE_VISIBLE not in states(acc):
        return False
    try:
        e = extents(acc)
    except Exception:
        return False
    return e.width > 0 and e.height > 0


def children(acc):
    try:
        n = acc.childCount
    except Exception:
        return []
    out = []
    for i in range(n):
        try:
            c = acc.getChildAtIndex(i)
        except Exception:
            c = None
        if c is not None:
            out.append(c)
    return out


def walk(acc, depth=0, max_depth=60):
    yield acc
    if depth < max_depth:
        for c in children(acc):
            yield from walk(c, depth + 1, max_depth)


def find_all(root, role=None, name=None, only_showing=True):
    found = []
    for acc in walk(root):
        try:
            if role is not None and acc.getRoleName() != role:
                continue
            if name is not None:
                if callable(name):
                    if not name(acc.name or ""):
                        continue
                elif acc.name != name:
                    continue
            if only_showing and not showing(acc):
                continue
            found.append(acc)
        except Exception:
            continue
    return found


def toast_widgets(window):
    """The toasts now shown. A toast sits just under the window
    (AdwToastOverlay's AdwToastWidget): looked for there, not by a walk of
    the whole window, which on a loaded machine can outlast the toast."""
    return [acc for acc in walk(window, max_depth=3) if acc.name == "AdwToastWidget"]


def toast_texts(window):
    """The texts of the toasts now shown, their buttons' names too."""
    return [a.name for t in toast_widgets(window) for a in walk(t, max_depth=3)
            if a.name and a.getRoleName() in ("label", "push button")]


def find_toast(window, text, timeout=10.0):
    """Waits for a toast whose text is @text, or passes @text (a function)."""
    match = text if callable(text) else (lambda t: t == text)
    return wait_for(lambda: next((t for t in toast_texts(window) if match(t)), None), timeout, f"a toast {text!r}")


def find(root, role=None, name=None, only_showing=True, timeout=10.0):
    what = f"{role or 'anything'} named {name!r}" if not callable(name) else f"{role or 'anything'}"
    return wait_for(lambda: (find_all(root, role, name, only_showing) or [None])[0], timeout, what)


class App:
    def __init__(self, binary, args=(), env=None):
        self.binary = binary
        self._env = env or os.environ.copy()
        self.proc = subprocess.Popen([binary, *args], env=env or os.environ.copy())
        try:
            self.acc = wait_for(self._lookup_or_relaunch, 45, "the app on the accessibility bus")
        except Failure:
            status = self.proc.poll()
            raise Failure(f"the app did not appear on the accessibility bus "
                          f"({'it exited with status ' + str(status) if status is not None else 'it is running'}; "
                          f"DISPLAY={os.environ.get('DISPLAY')})")

    def _lookup_or_relaunch(self):
        # Now and then a freshly started Xvfb refuses the app's very first
        # connection ("cannot open display") while the accessibility bus
        # starts up, and the app exits at once. Once more is fair.
        if self.proc.poll() is not None and not getattr(self, "_relaunched", False):
            self._relaunched = True
            time.sleep(1)
            self.proc = subprocess.Popen(self.proc.args, env=self._env)
            return None
        return self._lookup()

    def _lookup(self):
        desktop = pyatspi.Registry.getDesktop(0)
        for a in children(desktop):
            if a.name == "kith":
                try:
                    if a.get_process_id() != self.proc.pid:
                        continue
                except Exception:
                    pass
                return a
        return None

    def windows(self):
        # the app's toplevels (GTK 4.8 calls a file chooser dialog a "filler")
        return children(self.acc)

    def window(self, name=None, timeout=10.0):
        def look():
            for w in self.windows():
                if name is None or (callable(name) and name(w.name or "")) or w.name == name:
                    return w
            return None
        return wait_for(look, timeout, f"a window {name!r}")

    def quit(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def extents(acc):
    return acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)


def point_at(acc):
    e = extents(acc)
    x, y = e.x + e.width // 2, e.y + min(e.height // 2, 20)
    pyatspi.Registry.generateMouseEvent(x, y, "abs")
    time.sleep(0.15)
    return x, y


def click(acc, double=False):
    x, y = point_at(acc)
    pyatspi.Registry.generateMouseEvent(x, y, "b1d" if double else "b1c")
    time.sleep(0.4)


def scroll_to(container, role, name, steps=30):
    """Scrolls @container with the mouse wheel until a @role named @name
    shows (list views make rows only for what is on screen)."""
    for _ in range(steps):
        found = find_all(container, role, name)
        if found:
            return found[0]
        x, y = point_at(container)
        pyatspi.Registry.generateMouseEvent(x, y, "b5c")
        time.sleep(0.15)
    raise Failure(f"no {role} {name if not callable(name) else ''} after scrolling")


def drag(x, y, to_x, to_y, steps=24):
    """Presses the first button at (x, y), moves to (to_x, to_y) in steps,
    releases: drag and drop as a hand does it."""
    pyatspi.Registry.generateMouseEvent(x, y, "abs")
    time.sleep(0.2)
    pyatspi.Registry.generateMouseEvent(x, y, "b1p")
    time.sleep(0.3)
    for i in range(1, steps + 1):
        pyatspi.Registry.generateMouseEvent(x + (to_x - x) * i // steps, y + (to_y - y) * i // steps, "abs")
        time.sleep(0.04)
    time.sleep(0.3)
    pyatspi.Registry.generateMouseEvent(to_x, to_y, "b1r")
    time.sleep(1.0)


def scroll_to_top(container, steps=15):
    x, y = point_at(container)
    for _ in range(steps):
        pyatspi.Registry.generateMouseEvent(x, y, "b4c")
        time.sleep(0.05)
    time.sleep(0.3)


def press(acc):
    """Presses a button through its accessible action."""
    action = acc.queryAction()
    for i in range(action.nActions):
        if action.getName(i) in ("click", "press", "activate"):
            action.doAction(i)
            time.sleep(0.4)
            return
    click(acc)


def key(combo):
    """key('ctrl+shift+z'), key('Return'), key('k')"""
    parts = combo.split("+")
    mods = [p.lower() for p in parts[:-1]]
    last = parts[-1]
    held = []
    for m in mods:
        code = {"ctrl": CONTROL, "shift": SHIFT}[m]
        pyatspi.Registry.generateKeyboardEvent(code, None, pyatspi.KEY_PRESS)
        held.append(code)
    if last in KEYSYMS:
        pyatspi.Registry.generateKeyboardEvent(KEYSYMS[last], None, pyatspi.KEY_SYM)
    elif len(last) == 1:
        pyatspi.Registry.generateKeyboardEvent(ord(last), None, pyatspi.KEY_SYM)
    else:
        raise ValueError(f"unknown key {last}")
    for code in reversed(held):
        pyatspi.Registry.generateKeyboardEvent(code, None, pyatspi.KEY_RELEASE)
    time.sleep(0.25)


def type_text(text):
    for ch in text:
        pyatspi.Registry.generateKeyboardEvent(0, ch, pyatspi.KEY_STRING)
        time.sleep(0.03)
    time.sleep(0.3)


def text_of(acc):
    t = acc.queryText()
    return t.getText(0, t.characterCount)


def selection_of(acc):
    t = acc.queryText()
    if t.getNSelections() == 0:
        return None
    return tuple(t.getSelection(0))


def screenshot(path, width=None, height=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    args = ["import", "-window", "root"]
    if width and height:
        args += ["-crop", f"{width}x{height}+0+0", "+repage"]
    subprocess.run(args + [path], check=False)


def save_as(app, title, path):
    """Types @path into the file chooser titled @title and saves; returns
    the file's text once it is there."""
    chooser = app.window(title, timeout=15)
    point_at(chooser)
    key("ctrl+a")
    type_text(path)
    key("Return")
    wait_for(lambda: os.path.exists(path), 10, f"the file {path}")
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def cli(kith_cli, *args):
    r = subprocess.run([kith_cli, *args], capture_output=True, text=True)
    if r.returncode != 0:
        raise Failure(f"kith-cli {' '.join(args)} failed: {r.stderr.strip()}")
    return r.stdout


def rows(tsv):
    return [line.split("\t") for line in tsv.splitlines() if line]
