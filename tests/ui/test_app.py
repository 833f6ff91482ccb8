"""The real program in a subprocess: no torch at import, fast window, Ctrl+Q exits 0."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

QUIT_HOOK = textwrap.dedent(
    """
    import time
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest

    def run(window):
        def shown():
            print("SHOWN", time.time(), window.windowTitle(), flush=True)
            window.activateWindow()
            QTest.qWaitForWindowActive(window, 2000)
            editor = window.current_editor()
            print("FOCUS", editor.hasFocus(), flush=True)
            QTest.keyClick(editor, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
        QTimer.singleShot(0, shown)
    """
)


def _env(home: Path, hook: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", WRITING_ASSISTANT_HOME=str(home))
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    if hook is not None:
        env["WRITING_ASSISTANT_TEST_HOOK"] = str(hook)
    return env


def test_importing_the_main_window_does_not_import_torch(isolated_home) -> None:
    code = (
        "import sys, assistant.ui.shell.main_window, assistant.ui.generation.controller;"
        "import assistant.app;"
        "bad = [m for m in ('torch', 'transformers') if m in sys.modules];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=_env(isolated_home), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_version_flag(isolated_home) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "--version"],
        env=_env(isolated_home),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("writing-assistant ")


def test_launch_shows_window_fast_and_ctrl_q_exits_zero(isolated_home, tmp_path) -> None:
    hook = tmp_path / "hook.py"
    hook.write_text(QUIT_HOOK, encoding="utf-8")
    doc = tmp_path / "notes.md"
    doc.write_text("Some notes.\n", encoding="utf-8")
    times = []
    for _ in range(int(os.environ.get("WA_LAUNCH_RUNS", "3"))):
        start = time.time()
        done = subprocess.run(
            [sys.executable, "-m", "assistant", "--no-model", str(doc)],
            env=_env(isolated_home, hook),
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        shown = next(line for line in done.stdout.splitlines() if line.startswith("SHOWN"))
        assert "notes.md" in shown
        assert "FOCUS True" in done.stdout  # the cursor is in the editor, ready to type
        assert "Destroyed while thread" not in done.stderr
        times.append(float(shown.split()[1]) - start)
    median = statistics.median(times)
    print(f"\nlaunch-to-window: median {median:.3f} s of {[round(t, 3) for t in times]}")
    assert median < 2.0


@pytest.mark.parametrize("command", ["generate", "models", "bench"])
def test_cli_commands_are_dispatched(command, monkeypatch) -> None:
    import types

    from assistant import app

    calls = []
    fake_cli = types.ModuleType("assistant.cli")
    fake_cli.main = lambda argv: calls.append(list(argv)) or 7
    monkeypatch.setitem(sys.modules, "assistant.cli", fake_cli)
    assert app.main([command, "--x"]) == 7
    assert calls == [[command, "--x"]]
