"""When to offer an inline suggestion: a pause after the writer's edit, where they still are.

`GhostPause` waits `settings.ghost.delay_ms` after an edit, then checks that a
suggestion makes sense there and then (the same editor, the cursor where the edit
ended, no selection, no request of the writer's own, `rules.should_offer`). It never
starts a model load for a suggestion: a pause while one loads waits for it to finish.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from assistant.ui.documents.editor import Editor

if TYPE_CHECKING:
    from assistant.ui.features.ghost.switches import GhostSwitches
    from assistant.ui.shell.workspace import Workspace


class GhostPause(QObject):
    """The pause timer after an edit, and the checks before a suggestion is offered."""

    #: Offer a suggestion here (editor, text before the cursor, text after, cursor position).
    due = Signal(object, str, str, int)

    def __init__(
        self,
        workspace: Workspace,
        switches: GhostSwitches,
        watches: Callable[[Editor], bool],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.ws = workspace
        self.switches = switches
        self._watches = watches  # the editor is attached to the flow
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_pause)
        self._pending: tuple[Editor, int] | None = None  # (editor, cursor at the edit's end)
        self._awaiting_model: tuple[Editor, int] | None = None  # a pause while it loads
        workspace.generation.model_loaded.connect(lambda _info: self._on_model_ready())

    def arm(self, editor: Editor, edit_end: int) -> None:
        """Start (or restart) the pause after an edit whose end left the cursor at `edit_end`."""
        if not self._watches(editor) or not self.switches.allows(editor):
            return
        self._pending = (editor, edit_end)
        self._timer.start(max(0, int(self.ws.settings.ghost.delay_ms)))

    def stop(self) -> None:
        """The writer moved on: stop the pause under way and stop waiting for a model."""
        self._timer.stop()
        self._awaiting_model = None

    def forget(self, key: int) -> None:
        """An editor is gone (runs while Qt tears widgets down: plain Python only)."""
        if self._pending is not None and id(self._pending[0]) == key:
            self._pending = None
        if self._awaiting_model is not None and id(self._awaiting_model[0]) == key:
            self._awaiting_model = None

    def _on_pause(self) -> None:
        pending, self._pending = self._pending, None
        if pending is None:
            return
        controller = self.ws.generation
        if controller.model_info is None:
            # Never start a model load for a ghost; offer once the load that is
            # under way finishes, if the writer is still where they paused.
            self._awaiting_model = pending
            return
        editor, edit_end = pending
        cursor = editor.textCursor()
        # Busy with a suggestion we cancelled is fine: it ends within a token and the
        # new one queues behind it. Busy with the writer's own request: the model is taken.
        other_busy = controller.foreground_busy
        if (
            not self._watches(editor)
            or not self.switches.allows(editor)
            or editor is not self.ws.current_editor()
            or editor.composing
            or editor.isReadOnly()  # still opening, or opened read-only
            or cursor.hasSelection()
            or cursor.position() != edit_end  # the writer moved away since typing
            or other_busy
            or editor.ai_request_id is not None
        ):
            return
        text = editor.toPlainText()
        position = cursor.position()
        before, after = text[:position], text[position:]
        # Imported at the first pause: its regexes are not needed to show the window.
        from assistant.tasks import ghost as rules

        if not rules.should_offer(before, after):
            return
        self.due.emit(editor, before, after, position)

    def _on_model_ready(self) -> None:
        waiting, self._awaiting_model = self._awaiting_model, None
        if waiting is not None and self._pending is None:
            self._pending = waiting
            self._on_pause()
