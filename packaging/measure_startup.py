"""Time from launch to main window shown, for any way of starting the app.

    python packaging/measure_startup.py [--runs N] [--baseline] -- COMMAND [ARGS...]

With --baseline, a bare PySide6 window (QApplication + an empty QMainWindow, shown
the same way) is timed in alternation with the app, and the ratio of the medians is
printed: the number to compare across machines.

e.g. `-- /usr/bin/writing-assistant` (the installed .deb) or
`-- .venv/bin/python -m assistant` (from source). Each run starts COMMAND with
`--no-model`, offscreen, in a fresh WRITING_ASSISTANT_HOME, and uses the app's
test hook (WRITING_ASSISTANT_TEST_HOOK) to print the wall-clock time once the
window is shown and the event loop runs, then quit. Prints min and median.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HOOK = """\
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


def run(window):
    def shown():
        print(f"WINDOW-SHOWN-AT {time.time():.4f}", flush=True)
        QApplication.quit()

    QTimer.singleShot(0, shown)  # first turn of the event loop: the window is up
"""


def measure_once(command: list[str], folder: Path) -> float:
    """Start `command` once; return seconds from launch until its window was shown."""
    hook = folder / "hook.py"
    hook.write_text(HOOK, encoding="utf-8")
    env = dict(os.environ)
    # A writer's second start finds compiled bytecode (pip and PyInstaller write it);
    # some shells forbid writing it, which would time compiling instead of starting.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        WRITING_ASSISTANT_TEST_HOOK=str(hook),
        WRITING_ASSISTANT_HOME=str(folder / "home"),
        QT_QPA_PLATFORM=env.get("QT_QPA_PLATFORM", "offscreen"),
    )
    started = time.time()
    result = subprocess.run(
        [*command, "--no-model"], env=env, capture_output=True, text=True, timeout=120
    )
    for line in result.stdout.splitlines():
        if line.startswith("WINDOW-SHOWN-AT "):
            return float(line.split()[1]) - started
    raise RuntimeError(f"no window shown (exit {result.returncode}): {result.stderr[-2000:]}")


BARE_WINDOW = """\
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1000, 700)
window.show()

def shown():
    print(f"WINDOW-SHOWN-AT {time.time():.4f}", flush=True)
    app.quit()

QTimer.singleShot(0, shown)
app.exec()
"""


def measure_bare(folder: Path) -> float:
    """Seconds from launch until a bare PySide6 window was shown (the same Python)."""
    script = folder / "bare.py"
    script.write_text(BARE_WINDOW, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    started = time.time()
    result = subprocess.run(
        [sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=120
    )
    for line in result.stdout.splitlines():
        if line.startswith("WINDOW-SHOWN-AT "):
            return float(line.split()[1]) - started
    raise RuntimeError(f"the bare window did not show: {result.stderr[-2000:]}")


def main(argv: list[str] | None = None) -> int:
    """Command-line entry; prints the timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--baseline", action="store_true", help="also time a bare window")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("give the command that starts the app after --")
    times, bare = [], []
    with tempfile.TemporaryDirectory(prefix="wa-startup-") as tmp:
        measure_once(command, Path(tmp))  # a first start: writes bytecode, not counted
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory(prefix="wa-startup-") as tmp:
            if args.baseline:  # alternated, so load on the machine hits both alike
                bare.append(measure_bare(Path(tmp)))
            times.append(measure_once(command, Path(tmp)))
    print(
        f"launch -> window shown: min {min(times):.2f} s, median {statistics.median(times):.2f} s"
        f" over {len(times)} runs ({' '.join(command)})"
    )
    if bare:
        ratio = statistics.median(times) / statistics.median(bare)
        print(
            f"bare PySide6 window: min {min(bare):.2f} s, median {statistics.median(bare):.2f} s;"
            f" app / bare = {ratio:.2f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
