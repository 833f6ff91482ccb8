"""SIGTERM (and logout, shutdown) a moment after typing: the text is offered back next time,
even with a one-hour autosave interval."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from assistant.settings import Settings
from assistant.settings_file import save_settings
from tests.ui.safety.test_crash_recovery import RESTORE_HOOK, _env, _recovered_texts

TYPED = "Typed two seconds before the end — 最后两秒。"

TYPE_HOOK = textwrap.dedent(
    f"""
    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent, QTextCursor
    from PySide6.QtWidgets import QApplication

    def run(window):
        def type_text():
            editor = window.current_editor()
            editor.moveCursor(QTextCursor.MoveOperation.End)
            for ch in {TYPED!r}:
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    event = QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch)
                    QApplication.sendEvent(editor, event)
            print("TYPED", flush=True)
        QTimer.singleShot(0, type_text)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM to a GUI process is POSIX")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_text_typed_just_before_a_sigterm_is_offered_back(
    isolated_home: Path, tmp_path: Path, signum: int
) -> None:
    settings = Settings()
    settings.autosave_interval_s = 3600  # no timer will save it
    save_settings(settings)
    draft = tmp_path / "draft.txt"
    draft.write_text("Chapter one\n", encoding="utf-8")
    type_hook, restore_hook = tmp_path / "type_hook.py", tmp_path / "restore_hook.py"
    type_hook.write_text(TYPE_HOOK, encoding="utf-8")
    restore_hook.write_text(RESTORE_HOOK, encoding="utf-8")
    out = tmp_path / "out.json"
    cmd = [sys.executable, "-m", "assistant", "--no-model", str(draft)]

    first = subprocess.Popen(
        cmd,
        env=_env(isolated_home, type_hook, out),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert first.stdout is not None
        assert first.stdout.readline().strip() == "TYPED"
        time.sleep(2)  # the writer pauses; nothing autosaves in the meantime
        assert _recovered_texts(isolated_home) == []
        first.send_signal(signum)
        first.communicate(timeout=30)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 0  # a clean exit, without a question to answer
    assert draft.read_text(encoding="utf-8") == "Chapter one\n"  # the file is untouched
    assert _recovered_texts(isolated_home) == ["Chapter one\n" + TYPED]

    second = subprocess.run(
        cmd, env=_env(isolated_home, restore_hook, out), capture_output=True, text=True, timeout=60
    )
    assert second.returncode == 0, second.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["tabs"] == [[str(draft.resolve()), "Chapter one\n" + TYPED, True]]


def test_logout_writes_recovery_copies(window, qtbot) -> None:
    from PySide6.QtWidgets import QApplication

    from assistant.ui.safety.shutdown import ShutdownGuard

    guard = ShutdownGuard(QApplication.instance(), window.flush_for_exit, lambda: None)
    try:
        qtbot.keyClicks(window.current_editor(), "unsaved words")
        store = window.features.safety.autosave.store
        assert store.entries() == []
        # What the session manager's commitDataRequest does, without a session manager.
        guard._flush()
        (entry,) = store.entries()
        assert store.read(entry.doc_id) == "unsaved words"
    finally:
        guard.uninstall()
