"""Open every window the writer meets and list what does not fit: run in a child process.

    QT_SCALE_FACTOR=2 python tests/ui/shell/layout_probe.py en zh_CN   # prints JSON
    LAYOUT_PROBE_SHOTS=/tmp/shots ... also saves a PNG of each window state checked

The scale factor is read when the QApplication is created, so each factor needs its
own process (tests/ui/shell/test_scaling.py starts them). The screen is a 4K one
(offscreen platform, `configfile`), as on a laptop that scales by 1.5 or 2.

A problem is a visible widget smaller than its minimum size hint (its layout could not
give it room), or a label or button whose text is wider than the widget.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from assistant.ui.scripted import offscreen_platform

ROOT = Path(__file__).resolve().parents[3]


def wait_until(condition: Callable[[], bool], timeout_s: float = 10.0) -> None:
    """Run the event loop until `condition()` holds (AssertionError after `timeout_s`)."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the window")
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def _visible_text(widget) -> str:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    if isinstance(widget, (QLabel, QAbstractButton)):
        return widget.text()
    return ""


def _effective_minimum(widget) -> tuple[int, int]:
    """What a layout must give the widget: its minimumSize where set, else its hint.

    A maximum below the hint is a deliberate choice (a list kept to four rows), and
    an Ignored policy asks for no minimum at all.
    """
    from PySide6.QtWidgets import QSizePolicy

    hint = widget.minimumSizeHint()
    policy = widget.sizePolicy()
    ignored = QSizePolicy.Policy.Ignored
    width = widget.minimumWidth() or (0 if policy.horizontalPolicy() == ignored else hint.width())
    height = widget.minimumHeight() or (0 if policy.verticalPolicy() == ignored else hint.height())
    width, height = min(width, widget.maximumWidth()), min(height, widget.maximumHeight())
    return max(width, 0), max(height, 0)


def _path(widget) -> str:
    """Where a widget is: its class and name, under its dock or dialog."""
    from PySide6.QtWidgets import QDialog, QDockWidget

    here = f"{type(widget).__name__}({widget.objectName()})"
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, (QDockWidget, QDialog)):
        parent = parent.parentWidget()
    return f"{parent.windowTitle()} › {here}" if parent is not None else here


def _internal(widget) -> bool:
    """A part of a compound widget that its owner lays out (a spin box's line edit)."""
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QHeaderView, QScrollBar, QTabBar

    if isinstance(widget, (QScrollBar, QTabBar, QHeaderView)):
        return True  # scroll bars and headers are the view's; tab bars elide and scroll
    parent = widget.parentWidget()
    return isinstance(parent, (QAbstractSpinBox, QComboBox))


def problems_in(root, where: str) -> list[str]:
    """What does not fit in `root` and its visible children, one line each."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        # Tabbed-away docks stay "visible", parked outside the window: nothing of them shows.
        if not widget.isVisible() or widget.visibleRegion().isEmpty() or _internal(widget):
            continue
        text = _visible_text(widget)
        name = f"{where}: {_path(widget)} {text[:40]!r}"
        size = widget.size()
        min_w, min_h = _effective_minimum(widget)
        if size.width() < min_w - 1 or size.height() < min_h - 1:
            found.append(f"{name} is {size.width()}x{size.height()}, needs {min_w}x{min_h}")
            continue
        if isinstance(widget, QLabel) and text and widget.pixmap().isNull():
            if widget.wordWrap():
                need = widget.heightForWidth(widget.width())
                if need > 0 and size.height() < need - 1:
                    found.append(f"{name} wraps to {need} px high but has {size.height()}")
            elif size.width() < widget.sizeHint().width() - 1:
                need = widget.sizeHint().width()
                found.append(f"{name} is {size.width()} px wide, its text needs {need}")
        elif isinstance(widget, QAbstractButton) and text:
            flat = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
            advance = widget.fontMetrics().horizontalAdvance(flat)
            if size.width() < advance:
                found.append(f"{name} is {size.width()} px wide, its text needs {advance}")
    return found


def _scenes(window) -> Iterator[tuple[str, object]]:
    """(name, widget) for each window state to check, in the order a writer meets them."""
    from assistant.storage.recovery import RecoveryStore
    from assistant.ui.safety.recovery_dialog import RecoveryDialog
    from assistant.ui.safety.snapshots import snapshot_key

    features = window.features
    editor = window.current_editor()
    editor.setPlainText(
        "The island was gone when the fog lifted, and the boat drifted on.\n\n"
        "Mara had counted the ships every morning for eleven years."
    )
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    yield "main window", window

    job = features.continue_.flow.start()
    wait_until(lambda: job.done)
    window.show_panel(features.continue_.panel)
    yield "continue panel", window

    cursor = editor.textCursor()
    cursor.select(cursor.SelectionType.Document)
    editor.setTextCursor(cursor)
    job = features.rewrite.rewrite_selection()
    wait_until(lambda: job.done)
    yield "rewrite panel", window

    job = features.summarize.summarize()
    wait_until(lambda: job is None or job.done)
    yield "summarize panel", window

    window.show_panel(features.chat.panel)
    job = features.chat.flow.send("Who is Mara?")
    wait_until(lambda: job is None or job.done)
    yield "chat panel", window

    settings = features.preferences.open_settings()
    for page_id in settings.pages:
        settings.show_page(page_id)
        yield f"settings › {page_id}", settings
    settings.reject()

    manager = features.preferences.open_model_manager()
    yield "model manager", manager
    manager.reject()

    tab = window.current_tab()
    store = features.safety.snapshots.store
    store.take(snapshot_key(tab), editor.toPlainText(), "Before the storm")
    history = features.safety.snapshots.show_history(tab)
    yield "history", history
    history.reject()

    recovery = RecoveryStore()
    recovery.write("abc123", "Unsaved lines of a chapter.", None, "Untitled 3")
    dialog = RecoveryDialog(recovery.entries(), window)
    dialog.show()
    yield "recovery dialog", dialog
    dialog.reject()


def main(languages: list[str]) -> dict[str, object]:
    """Build the window in each language in turn; the window states checked and the problems."""
    from PySide6.QtWidgets import QApplication

    import assistant.ui  # noqa: F401  (the PySide6 work-around first)
    from assistant.engine.backend import FakeBackend
    from assistant.settings import Settings
    from assistant.ui.generation.controller import GenerationController
    from assistant.ui.shell.i18n import install_translators
    from assistant.ui.shell.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    fake = FakeBackend("and the rain came down on the harbour all night long.")
    controller = GenerationController(lambda *_a: fake)
    problems: list[str] = []
    checked: list[str] = []
    shots = os.environ.get("LAYOUT_PROBE_SHOTS")
    try:
        controller.load_model(None, "cpu")
        wait_until(lambda: controller.model_info is not None)
        for language in languages:
            install_translators(app, language)  # before the widgets: texts translate on creation
            window = MainWindow(controller, Settings(), save_settings_on_close=False)
            window.show()
            wait_until(window.isVisible)
            for name, widget in _scenes(window):
                wait_until(widget.isVisible)
                QApplication.processEvents()
                problems += problems_in(widget, f"{language} {name}")
                checked.append(f"{language} {name}")
                if shots:  # LAYOUT_PROBE_SHOTS=folder: look at what was checked
                    slug = "".join(c if c.isalnum() else "-" for c in f"{language}-{name}")
                    widget.grab().save(str(Path(shots) / f"{slug}.png"))
            window.hide()  # closing would ask about the unsaved document
            window.deleteLater()
    finally:
        controller.shutdown()
    return {"checked": checked, "problems": problems}


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory() as home:
        os.environ["WRITING_ASSISTANT_HOME"] = home
        os.environ["QT_QPA_PLATFORM"] = offscreen_platform(Path(home))  # a 4K screen
        print(json.dumps(main(sys.argv[1:] or ["en", "zh_CN"]), ensure_ascii=False))
