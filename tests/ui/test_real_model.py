"""The real worker path with the tiny random model (engine + tasks + worker + editor)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from assistant.settings import Settings
from assistant.ui.generation.controller import GenerationController
from assistant.ui.shell.main_window import MainWindow

loader = pytest.importorskip("assistant.engine.loader")


def test_continue_with_tiny_model(qtbot, tiny_model_dir) -> None:
    ctl = GenerationController(lambda *_a: loader.load_backend(str(tiny_model_dir), "cpu"))
    try:
        with qtbot.waitSignal(ctl.model_loaded, timeout=60000) as loaded:
            ctl.load_model(None, "cpu")
        info = loaded.args[0]
        win = MainWindow(ctl, Settings(), save_settings_on_close=False)
        qtbot.addWidget(win)
        win.show()
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow, timeout=2000)
        assert info.name in win.status.model_label.text()
        win.features.continue_.panel.length_spin.setValue(16)
        editor = win.current_editor()
        editor.setFocus()
        qtbot.keyClicks(editor, "The island was gone when the fog lifted")
        chunks: list[str] = []
        ctl.submitted.connect(lambda job: job.chunk.connect(chunks.append))
        with qtbot.waitSignal(ctl.finished, timeout=60000) as done:
            qtbot.keyClick(editor, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
        result = done.args[1]
        text = editor.toPlainText()
        assert text.startswith("The island was gone when the fog lifted")
        assert text == "The island was gone when the fog lifted" + result.text
        assert "\ufffd" not in text
        assert result.stats.generated_tokens > 0
        editor.undo()
        assert editor.toPlainText() == "The island was gone when the fog lifted"
    finally:
        assert ctl.shutdown()
