"""The real thing: type into the app, let it autosave, SIGKILL it, start it again, and get
every typed character back. Also: a settings file that is not JSON is reported once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from assistant import paths

ROOT = Path(__file__).resolve().parents[3]
TYPED = "It was a dark and stormy night — 那天夜里风雨交加. The end?"

TYPE_HOOK = textwrap.dedent(
    f"""
    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent, QTextCursor
    from PySide6.QtWidgets import QApplication

    def run(window):
        def type_text():
            window.features.safety.autosave.set_interval(0.5)
            editor = window.current_editor()
            editor.moveCursor(QTextCursor.MoveOperation.End)
            # One key event per character, like a keyboard (QTest.keyClicks is ASCII-only).
            for ch in {TYPED!r}:
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch)
                    QApplication.sendEvent(editor, event)
            print("TYPED", flush=True)
        QTimer.singleShot(0, type_text)
    """
)

RESTORE_HOOK = textwrap.dedent(
    """
    import json, os
    from PySide6.QtCore import QTimer
    from assistant.ui import dialogs
    from assistant.ui.safety import recovery_dialog

    def run(window):
        seen = []
        def restore_all(parent, entries):
            seen.extend((e.title, e.original_path) for e in entries)
            return {e.doc_id: recovery_dialog.RecoveryChoice.RESTORE for e in entries}
        recovery_dialog.ask_recovery = restore_all
        dialogs.ask_save_changes = lambda *_a: dialogs.SaveChoice.DISCARD
        def report():
            tabs = window.documents()
            out = {
                "offered": seen,
                "tabs": [[str(t.path), t.editor.toPlainText(), t.modified] for t in tabs],
                "banner": window.banner.text,
            }
            with open(os.environ["WA_TEST_OUT"], "w", encoding="utf-8") as fh:
                json.dump(out, fh)
            window.close()  # a normal close: the recovery copies go
        QTimer.singleShot(300, report)
    """
)

NOTE_HOOK = textwrap.dedent(
    """
    import os
    from PySide6.QtCore import QTimer

    def run(window):
        def report():
            with open(os.environ["WA_TEST_OUT"], "a", encoding="utf-8") as fh:
                fh.write(repr(window.banner.text) + "\\n")
            window.close()
        QTimer.singleShot(100, report)
    """
)


def _env(home: Path, hook: Path, out: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        WRITING_ASSISTANT_HOME=str(home),
        WRITING_ASSISTANT_TEST_HOOK=str(hook),
        WA_TEST_OUT=str(out),
    )
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _recovered_texts(home: Path) -> list[str]:
    # paths.recovery_dir() of the child, which runs with WRITING_ASSISTANT_HOME=home too
    assert os.environ["WRITING_ASSISTANT_HOME"] == str(home)
    texts = []
    for meta in paths.recovery_dir().glob("*.json"):
        txt = meta.with_suffix(".txt")
        try:
            json.loads(meta.read_text(encoding="utf-8"))
            texts.append(txt.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass  # caught between two writes; look again
    return texts


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_after_autosave_loses_nothing(isolated_home: Path, tmp_path: Path) -> None:
    draft = tmp_path / "草稿.txt"
    draft.write_text("Chapter one\n", encoding="utf-8")
    expected = "Chapter one\n" + TYPED
    type_hook, restore_hook = tmp_path / "type_hook.py", tmp_path / "restore_hook.py"
    type_hook.write_text(TYPE_HOOK, encoding="utf-8")
    restore_hook.write_text(RESTORE_HOOK, encoding="utf-8")
    out = tmp_path / "out.json"
    cmd = [sys.executable, "-m", "assistant", "--no-model", str(draft)]

    first = subprocess.Popen(
        cmd, env=_env(isolated_home, type_hook, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 30
        while expected not in _recovered_texts(isolated_home):
            assert first.poll() is None, first.communicate()
            assert time.monotonic() < deadline, "no autosave within 30 s"
            time.sleep(0.1)
    finally:
        first.send_signal(signal.SIGKILL)
        first.communicate(timeout=10)
    assert first.returncode == -signal.SIGKILL
    assert draft.read_text(encoding="utf-8") == "Chapter one\n"  # autosave never wrote the file

    second = subprocess.run(
        cmd, env=_env(isolated_home, restore_hook, out), capture_output=True, text=True, timeout=60
    )
    assert second.returncode == 0, second.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["offered"] == [["草稿.txt", str(draft.resolve())]]
    # One tab: the file from the command line, now holding the recovered text, unsaved.
    assert report["tabs"] == [[str(draft.resolve()), expected, True]]
    assert "Restored 1 document" in report["banner"]
    assert _recovered_texts(isolated_home) == []  # closed normally: nothing left to recover


def test_settings_file_that_is_not_json_is_moved_aside_and_reported_once(
    isolated_home: Path, tmp_path: Path
) -> None:
    settings = isolated_home / "config" / "settings.json"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("{not json at all", encoding="utf-8")
    hook = tmp_path / "note_hook.py"
    hook.write_text(NOTE_HOOK, encoding="utf-8")
    out = tmp_path / "notes.txt"
    cmd = [sys.executable, "-m", "assistant", "--no-model"]
    for _ in range(2):
        done = subprocess.run(
            cmd, env=_env(isolated_home, hook, out), capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
    first, second = out.read_text(encoding="utf-8").splitlines()
    assert "settings" in first and "settings.json.corrupt-" in first
    assert second == "''"  # the next start has a good file again and says nothing
    assert list(settings.parent.glob("settings.json.corrupt-*"))
    json.loads(settings.read_text(encoding="utf-8"))


@pytest.mark.skipif(sys.platform != "linux", reason="names that are not UTF-8 are a Linux case")
def test_a_file_name_that_is_not_utf8_survives_crash_recovery(
    isolated_home: Path, tmp_path: Path
) -> None:
    # "第一章.txt" in GBK, as a zip made on Windows unpacks on Linux.
    raw_name = "第一章.txt".encode("gbk")
    draft = Path(os.fsdecode(os.path.join(os.fsencode(tmp_path), raw_name)))
    draft.write_text("Chapter one\n", encoding="utf-8")
    expected = "Chapter one\n" + TYPED
    type_hook, restore_hook = tmp_path / "type_hook.py", tmp_path / "restore_hook.py"
    type_hook.write_text(TYPE_HOOK, encoding="utf-8")
    restore_hook.write_text(RESTORE_HOOK, encoding="utf-8")
    out = tmp_path / "out.json"
    cmd = [sys.executable, "-m", "assistant", "--no-model", os.fsencode(draft)]
    first = subprocess.Popen(
        cmd, env=_env(isolated_home, type_hook, out), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 30
        while expected not in _recovered_texts(isolated_home):
            assert first.poll() is None, first.communicate()
            assert time.monotonic() < deadline, "no autosave within 30 s"
            time.sleep(0.1)
    finally:
        first.send_signal(signal.SIGKILL)
        first.communicate(timeout=10)
    second = subprocess.run(
        cmd, env=_env(isolated_home, restore_hook, out), capture_output=True, text=True, timeout=60
    )
    assert second.returncode == 0, second.stderr
    assert "Error" not in second.stderr, second.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    # The same path (the undecodable bytes included), holding the recovered text.
    assert report["tabs"] == [[str(draft.resolve()), expected, True]]
    assert os.fsencode(report["tabs"][0][0]).endswith(raw_name)
