"""Put a large text into an editor in slices, so opening a 10 MB file never freezes the window.

`QPlainTextEdit.setPlainText` of 10 MB blocks the GUI thread for ~0.6 s plus ~0.1 s
of layout (measured on the 2-core CI machine). Inserting line-aligned slices from a
zero-delay timer costs about the same in total, but each slice is short and the
window repaints, scrolls and answers input between them. While the slices go in,
the editor is read-only and the undo stack is off (opening a file is not an edit).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

#: Texts shorter than this are set in one go (~60 ms for 1 M characters).
PROGRESSIVE_MIN_CHARS = 1_000_000
#: Characters per slice: ~20-40 ms each including layout, a frame or two.
SLICE_CHARS = 96_000


class ProgressiveLoad(QObject):
    """Insert `text` into `editor` slice by slice, then call `done()` once."""

    def __init__(self, editor: QPlainTextEdit, text: str, done: Callable[[], None]) -> None:
        super().__init__(editor)
        self._editor = editor
        self._text = text
        self._pos = 0
        self._done = done
        self._was_read_only = editor.isReadOnly()
        doc = editor.document()
        doc.setUndoRedoEnabled(False)
        editor.setReadOnly(True)
        editor.clear()
        self._cursor = QTextCursor(doc)
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._step)
        self._step()  # the first screenful appears at once
        self._timer.start()

    @property
    def fraction(self) -> float:
        """How much of the text is in (0..1)."""
        return self._pos / max(1, len(self._text))

    def _step(self) -> None:
        text = self._text
        if self._pos >= len(text):
            self._finish()
            return
        start = self._pos + SLICE_CHARS
        # End a slice at a line end when one is near; a huge single line is cut anyway.
        end = text.find("\n", start, start + SLICE_CHARS)
        end = min(len(text), start) if end < 0 else end + 1
        self._cursor.movePosition(QTextCursor.MoveOperation.End)
        self._cursor.insertText(text[self._pos : end])
        self._pos = end
        # Finishing is left to the next tick, never done inside the constructor.

    def _finish(self) -> None:
        if self._done is None:
            return
        self._timer.stop()
        editor = self._editor
        editor.document().setUndoRedoEnabled(True)
        editor.setReadOnly(self._was_read_only)
        editor.moveCursor(QTextCursor.MoveOperation.Start)
        done, self._done = self._done, None
        self._text = ""
        self.deleteLater()
        done()
