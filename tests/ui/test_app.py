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


#: Imported only after the window's first paint (or on first use); a top-level import
#: of any of them would put it back into the time before the window shows.
LAZY_AT_START = (
    "psutil",  # process start times for instance locks and recovery claims
    "importlib.metadata",  # the version, the embedded model's file
    "assistant.storage.recovery",  # the recovery store: the offer after the first paint
    "assistant.storage.document_save",  # saving (and its encryption)
    "assistant.engine.pipeline",  # the first generation request, on the worker thread
    "assistant.tasks.attempts",
    "assistant.tasks.suggestion",  # inline suggestions: at the first pause in typing
    "assistant.tasks.ghost",
    "assistant.tasks.checks",
    "xml.etree.ElementTree",  # only for a translated interface
    "assistant.ui.features.chat.feature",  # Chat installs after the first paint
    "assistant.ui.documents.find_replace",  # the find bar: at the first Ctrl+F
    "torch",
    "transformers",
)

LAZY_HOOK = textwrap.dedent(
    f"""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QDockWidget
    from assistant import paths

    LAZY = {LAZY_AT_START!r}

    def run(window):
        def shown():
            print("AT-SHOWN", [m for m in LAZY if m in sys.modules], flush=True)
            print("CHATS-AT-SHOWN", paths.chat_db_file().exists(), flush=True)
            # Restore without asking (no one answers a dialog offscreen); the offer
            # itself comes after the first paint.
            from assistant.ui.safety import recovery_dialog

            recovery_dialog.ask_recovery = lambda parent, entries: {{
                e.doc_id: recovery_dialog.RecoveryChoice.RESTORE for e in entries
            }}
        def later():
            print("LATER", [m for m in LAZY if m in sys.modules], flush=True)
            print("CHATS-LATER", paths.chat_db_file().exists(), flush=True)
            docks = sorted(d.windowTitle() for d in window.findChildren(QDockWidget))
            print("DOCKS-LATER", docks, hasattr(window.features, "chat"), flush=True)
            print("TEXTS", [t.editor.toPlainText() for t in window.documents()], flush=True)
            window.leave_without_questions()  # the restored text is unsaved: no dialog
        QTimer.singleShot(0, shown)  # the first turn of the event loop: the window is up
        QTimer.singleShot(1000, later)
    """
)

#: Leaves a recovery copy behind, as a run that crashed would (from its own process).
CRASHED_RUN = (
    "from assistant.storage.recovery import RecoveryStore;"
    "RecoveryStore().write('crashed1', 'Typed before the crash.', None, 'Lost chapter')"
)


def test_window_shows_before_the_lazy_modules_are_imported(isolated_home, tmp_path) -> None:
    env = _env(isolated_home)
    subprocess.run([sys.executable, "-c", CRASHED_RUN], env=env, check=True, timeout=60)
    hook = tmp_path / "hook.py"
    hook.write_text(LAZY_HOOK, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "--no-model"],
        env=_env(isolated_home, hook),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "AT-SHOWN []" in done.stdout, done.stdout
    # A first start creates the chat database, after the window is painted.
    assert "CHATS-AT-SHOWN False" in done.stdout and "CHATS-LATER True" in done.stdout
    later = next(line for line in done.stdout.splitlines() if line.startswith("LATER"))
    # The work after the first paint still ran: the store opened, the copy came back.
    assert "assistant.storage.recovery" in later and "psutil" in later
    assert "Typed before the crash." in done.stdout, done.stdout
    # Chat came in after the first paint.
    assert "DOCKS-LATER ['Chat', 'Continue', 'Rewrite', 'Summarize'] True" in done.stdout


def test_pyside_does_not_read_the_source_of_each_module_imported_after_it(monkeypatch, tmp_path):
    # PySide6's __feature__ support reads every new module's source (~20 ms at start).
    import inspect

    from assistant import app

    feature = pytest.importorskip("shibokensupport.feature")
    monkeypatch.setattr(feature, "_mod_uses_pyside", feature._mod_uses_pyside)  # restored after
    reads: list[str] = []
    monkeypatch.setattr(
        inspect, "getsource", lambda obj: reads.append(obj.__name__) or "import PySide6"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    (tmp_path / "probe_before.py").write_text("import PySide6\n")
    (tmp_path / "probe_after.py").write_text("import PySide6\n")
    import probe_before  # noqa: F401  (PySide6 is imported: its hook reads this one)

    assert "probe_before" in reads
    app._skip_pyside_source_scan()
    import probe_after  # noqa: F401

    assert "probe_after" not in reads
