"""Drawing a suggestion after the cursor without putting it in the document.

The text becomes the pre-edit area of the cursor's block layout: the mechanism an
input method uses for uncommitted text. It flows like real text (pushes the rest
of the line along, wraps, CJK included) yet is not in the document: not in
toPlainText(), the undo stack, the word count or a save. Setting it emits no
contentsChange, so nothing that watches edits (autosave, counts) notices it.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextBlock, QTextCharFormat, QTextLayout
from PySide6.QtWidgets import QPlainTextEdit

#: How strongly the ghost is drawn, as a fraction of the text colour.
GHOST_ALPHA = 0.45


class GhostPainter:
    """Shows text after a document position without putting it in the document."""

    def __init__(self, editor: QPlainTextEdit) -> None:
        self.editor = editor
        self._block: QTextBlock | None = None

    def show(self, position: int, text: str) -> None:
        """Draw `text` in grey at `position` (replacing any earlier ghost)."""
        self.hide()
        if not text:
            return
        block = self.editor.document().findBlock(position)
        layout = block.layout()
        offset = position - block.position()
        layout.setPreeditArea(offset, text)
        fmt = QTextCharFormat()
        color = QColor(self.editor.palette().text().color())
        color.setAlphaF(GHOST_ALPHA)
        fmt.setForeground(color)
        grey = QTextLayout.FormatRange()
        grey.start, grey.length, grey.format = offset, len(text), fmt
        layout.setFormats([grey])
        self._block = block
        self._relayout(block)

    def hide(self) -> None:
        """Remove the ghost (if any)."""
        block, self._block = self._block, None
        if block is not None and block.isValid():
            block.layout().setPreeditArea(-1, "")
            block.layout().clearFormats()
            self._relayout(block)

    @property
    def visible(self) -> bool:
        """Whether a ghost is drawn."""
        return self._block is not None

    def _relayout(self, block: QTextBlock) -> None:
        # Lays the block out again (and repaints) without a contentsChange signal.
        self.editor.document().markContentsDirty(block.position(), block.length())
        self.editor.viewport().update()
