"""A whole GUI session, as a writer has it, for tests/test_offline.py (a test hook).

`python -m assistant` loads this file through WRITING_ASSISTANT_TEST_HOOK and calls
`run(window)` once the window is shown. It waits for the model, then uses every
feature once (continue, an inline suggestion after typing and a pause, rewrite,
summarize, chat, every Settings page, the Model manager's lists), writes what it did
and the process's offline state as JSON to $WA_GUI_SESSION_RESULT, and closes the
window. The state is written here because the app may leave through os._exit, which
skips the network guard's own exit record.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest

from assistant.ui.scripted import Step, play
from tests.network_guard import offline_state

RESULT_ENV = "WA_GUI_SESSION_RESULT"
TEXT = (
    "The island was gone when the fog lifted, and the boat drifted on. "
    "Mara counted the gulls twice."
)


def _session(window) -> Iterator[Step]:
    """Each yield names a step and the condition that ends it."""
    features = window.features
    controller = window.generation
    yield (
        "start: the window is shown and the model loads",
        lambda: controller.model_info is not None,
    )

    editor = window.current_editor()
    editor.setPlainText(TEXT)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    job = features.continue_.flow.start()
    yield "continue", lambda: job.done

    window.settings.ghost.delay_ms = 50
    requested: list[int] = []
    features.ghost.requested.connect(requested.append)
    editor.moveCursor(QTextCursor.MoveOperation.End)
    QTest.keyClicks(editor, " Then she")  # typing, then a pause: a suggestion is asked for
    yield "ghost", lambda: bool(requested) and not features.ghost.generating

    editor.selectAll()
    job = features.rewrite.rewrite_selection()
    yield "rewrite", lambda: job.done

    job = features.summarize.summarize()
    yield "summarize", lambda: job.done

    window.show_panel(features.chat.panel)
    job = features.chat.flow.send("Who is Mara?")
    yield "chat", lambda: job.done

    settings = features.preferences.open_settings()
    for page in settings.pages:
        settings.show_page(page)
        yield f"settings › {page}", settings.isVisible
    settings.reject()

    manager = features.preferences.open_model_manager()
    yield "model manager", lambda: manager.tree.topLevelItemCount() > 0
    for row in range(manager.tree.topLevelItemCount()):
        manager.tree.setCurrentItem(manager.tree.topLevelItem(row))
    recommended = manager.download.recommended
    for row in range(recommended.topLevelItemCount()):
        recommended.setCurrentItem(recommended.topLevelItem(row))
    yield "model manager browsing", lambda: bool(manager.download.repo_edit.text())
    manager.reject()


def run(window) -> None:
    """Play the session once the event loop runs; report, then close the window."""

    def report(done: list[str], errors: list[str]) -> None:
        result = {"steps": done, "errors": errors, "offline": offline_state()}
        with open(os.environ[RESULT_ENV], "w", encoding="utf-8") as out:
            json.dump(result, out)
        window.leave_without_questions()  # the unsaved text becomes a recovery copy

    play(window, _session(window), report)
