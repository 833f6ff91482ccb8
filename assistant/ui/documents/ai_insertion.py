"""Streaming model text into a document as one undo step, visibly marked while it arrives.

Two tracked QTextCursors bracket the inserted text, so edits elsewhere in the
document (above or below) keep them correct. The marking is an ExtraSelection:
drawn by the editor, never part of the text, the undo stack or a save.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit


class AiInsertion(QObject):
    """One continuation being streamed into an editor at a fixed document position."""

    #: The writer edited inside the text being streamed: the owner should stop it.
    conflict = Signal()
    #: Model text was written between these positions (each delta, and the final clean-up).
    written = Signal(int, int)

    def __init__(self, editor: QPlainTextEdit, request_id: int, position: int) -> None:
        super().__init__(editor)
        self.editor = editor
        self.request_id = request_id
        doc: QTextDocument = editor.document()
        self._doc = doc
        self._start = QTextCursor(doc)
        self._start.setPosition(position)
        # Our own insertions at the start must not push the start marker forward.
        self._start.setKeepPositionOnInsert(True)
        self._end = QTextCursor(doc)
        self._end.setPosition(position)
        self._inserting = False
        self._foreign_edit = False
        #: The writer edited inside the streamed range: from then on the range is
        #: theirs too, and nothing of the model's may be written over it.
        self.frozen = False
        self._undo_steps = -1  # availableUndoSteps() right after our last edit
        self._streamed: list[str] = []
        doc.contentsChange.connect(self._on_contents_change)

    # -- state --------------------------------------------------------------------------

    @property
    def start(self) -> int:
        """Where the inserted text begins now."""
        return self._start.position()

    @property
    def end(self) -> int:
        """Where the inserted text ends now."""
        return self._end.position()

    @property
    def text(self) -> str:
        """The text streamed so far."""
        return "".join(self._streamed)

    def selection(self) -> QTextEdit.ExtraSelection:
        """The marking drawn over the arriving text."""
        sel = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self._doc)
        cursor.setPosition(self.start)
        cursor.setPosition(self.end, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        fmt = QTextCharFormat()
        highlight = QColor(self.editor.palette().highlight().color())
        highlight.setAlpha(55)
        fmt.setBackground(highlight)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(self.editor.palette().highlight().color())
        sel.format = fmt
        return sel

    # -- editing --------------------------------------------------------------------------

    def append(self, text: str) -> None:
        """Insert a delta at the end of the streamed text, joined to the same undo step."""
        if not text or self.frozen:
            return
        before = self.end
        self._edit(lambda c: c.insertText(text), self._end)
        self._streamed.append(text)
        self.written.emit(before, self.end)

    def replace_with(self, final: str) -> None:
        """Swap the streamed text for the cleaned-up final text (same undo step if possible).

        Not once the writer has typed inside it: their text stays, whatever came late.
        """
        if self.frozen:
            return
        current = self._doc_text()
        if final == current:
            return
        common = 0
        for a, b in zip(current, final, strict=False):
            if a != b:
                break
            common += 1
        cursor = QTextCursor(self._doc)
        cursor.setPosition(self.start + common)
        cursor.setPosition(self.end, QTextCursor.MoveMode.KeepAnchor)
        tail = final[common:]
        inserted: list[int] = []

        def edit(c: QTextCursor) -> None:
            if c.hasSelection():
                c.removeSelectedText()
            if tail:
                inserted.append(c.position())
                c.insertText(tail)
                inserted.append(c.position())

        self._edit(edit, cursor)
        self._streamed = [final]
        if inserted:
            self.written.emit(*inserted)

    def detach(self) -> None:
        """Stop tracking document changes."""
        try:
            self._doc.contentsChange.disconnect(self._on_contents_change)
        except (RuntimeError, TypeError):
            pass

    def _doc_text(self) -> str:
        cursor = QTextCursor(self._doc)
        cursor.setPosition(self.start)
        cursor.setPosition(self.end, QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText().replace("\u2029", "\n")

    def _edit(self, action, cursor: QTextCursor) -> None:
        # Qt keeps one undo command per edit block; join our deltas into one block
        # unless the writer made an edit of their own since our last one (joining
        # then would merge their edit into ours, and undo would take both).
        join = (
            self._undo_steps >= 0
            and not self._foreign_edit
            and self._doc.availableUndoSteps() == self._undo_steps
        )
        self._inserting = True
        try:
            if join:
                cursor.joinPreviousEditBlock()
            else:
                cursor.beginEditBlock()
            action(cursor)
            cursor.endEditBlock()
        finally:
            self._inserting = False
        self._foreign_edit = False
        #: The writer edited inside the streamed range: from then on the range is
        #: theirs too, and nothing of the model's may be written over it.
        self.frozen = False
        self._undo_steps = self._doc.availableUndoSteps()

    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        if self._inserting:
            return
        self._foreign_edit = True
        # An edit touching the streamed text would interleave with the model's text.
        if self.start <= position <= self.end and (removed or added):
            self.frozen = True
            self.conflict.emit()
