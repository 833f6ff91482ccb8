"""GUI responsiveness during a real generation: p99 gap of a 10 ms QTimer heartbeat.

    .venv/bin/python scripts/measure_heartbeat.py [FILE]

Loads the default model on the worker thread, continues FILE (or a short built-in
story) at its end, and prints the heartbeat's gaps while the text streams in.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import assistant.ui  # noqa: E402,F401  (applies the PySide6 fixes first)
from assistant.bench.heartbeat import Heartbeat  # noqa: E402
from assistant.ui.generation.controller import GenerationController  # noqa: E402
from assistant.ui.shell.main_window import MainWindow  # noqa: E402

STORY = (
    "The island was gone when the fog lifted, and the boat drifted on. Mara had counted "
    "the ships every morning for eleven years. Rain fell on the harbour, and when she "
    "reached the last one she"
)


def main() -> int:
    """Run one continuation and print the heartbeat statistics."""
    app = QApplication([])
    controller = GenerationController()
    window = MainWindow(controller=controller, save_settings_on_close=False)
    window.settings.ghost.enabled = False
    window.show()
    loaded = QEventLoop()
    controller.model_loaded.connect(lambda *_: loaded.quit())
    controller.model_failed.connect(lambda message: (print(message), loaded.quit()))
    controller.load_model(None, "auto")
    loaded.exec()
    editor = window.current_editor()
    text = Path(sys.argv[1]).read_text(encoding="utf-8") if len(sys.argv) > 1 else STORY
    editor.setPlainText(text)
    editor.moveCursor(editor.textCursor().MoveOperation.End)

    heartbeat = Heartbeat()
    done = QEventLoop()
    controller.finished.connect(lambda *_: done.quit())
    controller.failed.connect(lambda _id, message: (print(message), done.quit()))
    with heartbeat:
        window.features.continue_.flow.start()
        done.exec()
    print(
        f"heartbeat during generation: {len(heartbeat.gaps_ms)} beats, "
        f"p99 gap {heartbeat.p99_ms:.1f} ms, max {heartbeat.max_gap_ms:.1f} ms"
    )
    controller.shutdown()
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
