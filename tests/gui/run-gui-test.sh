#!/usr/bin/env bash
# Runs a GUI test script against the real build/app/kith: a headless X
# display (Xvfb, on a free display number), a private session bus with the
# accessibility bus on it (dbus-run-session; at-spi-bus-launcher starts on
# demand), GTK talking AT-SPI. Prints the script's TAP lines.
#   run-gui-test.sh SCRIPT BUILD_DIR [ARGS...]
# SCRIPT is a Python script (run with /usr/bin/python3, which has pyatspi)
# or a program.
set -u
script=$1 build=$2
shift 2

for tool in Xvfb dbus-run-session /usr/bin/python3; do
  if ! command -v "$tool" >/dev/null; then
    echo "1..0 # SKIP $tool is not installed"
    exit 0
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/kith-gui-XXXXXX")
cleanup () {
  [ -n "${xvfb:-}" ] && kill "$xvfb" 2>/dev/null && wait "$xvfb" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# A display number nobody uses. Clients reach an X server through an
# abstract socket first, and abstract sockets are shared by every container
# on the same network namespace: a number is free only when nothing answers
# there and there is no lock file here.
# "answers" means a full X connection setup succeeds, not only a connect()
x_answers () {
  /usr/bin/python3 - "$1" <<'PY'
import socket, struct, sys
s = socket.socket(socket.AF_UNIX)
s.settimeout(2)
try:
    s.connect("\0/tmp/.X11-unix/X" + sys.argv[1])
except OSError:
    s.connect("/tmp/.X11-unix/X" + sys.argv[1])
s.sendall(struct.pack("<cxHHHHxx", b"l", 11, 0, 0, 0))
reply = s.recv(8)
sys.exit(0 if reply[:1] == b"\x01" else 1)
PY
}
start_x () {
  number=$((200 + RANDOM % 5000))
  if [ -e "/tmp/.X$number-lock" ] || x_answers "$number" 2>/dev/null; then
    return 1
  fi
  # -noreset: by default the server resets when its last client goes, and
  # refuses the next one meanwhile ("cannot open display" for the app
  # started just after the warm-up client, or after an earlier app quit).
  # -r: no key auto-repeat; on a loaded machine a key's release can come
  # late enough to repeat it (a second Ctrl+I, a second Ctrl+Z)
  Xvfb ":$number" -screen 0 1400x900x24 -nolisten tcp -noreset -r >"$work/xvfb.log" 2>&1 &
  xvfb=$!
  for _ in $(seq 50); do
    kill -0 "$xvfb" 2>/dev/null || return 1
    x_answers "$number" 2>/dev/null && return 0
    sleep 0.2
  done
  kill "$xvfb" 2>/dev/null; wait "$xvfb" 2>/dev/null
  return 1
}
started=""
for _ in $(seq 20); do
  if start_x; then started=yes; break; fi
done
if [ -z "$started" ]; then
  echo "not ok 1 - no X display could be started"
  sed 's/^/# /' "$work/xvfb.log"
  exit 1
fi

export DISPLAY=":$number"
export GTK_A11Y="${GTK_A11Y:-atspi}" NO_AT_BRIDGE=0
# no GPU here: GL would be drawn by llvmpipe, slower than GTK's cairo renderer
export GSK_RENDERER="${GSK_RENDERER:-cairo}"
export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
export XDG_CACHE_HOME="$work/home/.cache" XDG_RUNTIME_DIR="$work/runtime"
export GSETTINGS_BACKEND=memory LANG=C.UTF-8 LC_ALL=C.UTF-8
# the settings schema compiled into the build (app/meson.build)
export GSETTINGS_SCHEMA_DIR="$build/app"
export KITH_CODER="GUI test" KITH_WORK="$work" KITH_BUILD="$build"
# the app under test runs with sanitizers; GTK's own allocations are not ours to check
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1:handle_abort=1:handle_sigtrap=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
export G_DEBUG="${KITH_G_DEBUG:-fatal-criticals}"
mkdir -p "$HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

# a first client that does a whole session: the server is warm for the app
import -window root "$work/warm.png" 2>/dev/null || true

# a Python script, or a program (the benchmark)
case "$script" in
  *.py) run=(/usr/bin/python3 "$script") ;;
  *) run=("$script") ;;
esac
# the registry daemon announces itself on stdout: not a TAP line
dbus-run-session -- "${run[@]}" "$@" 2> >(grep -v -e 'dbus-daemon' -e 'SpiRegistry' \
  -e 'Screen coordinates not supported' -e 'AT-SPI: Error in GetItems' -e '^$' --line-buffered >&2) \
  | grep --line-buffered -v '^SpiRegistry'
exit "${PIPESTATUS[0]}"
