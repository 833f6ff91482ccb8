"""The writing surface: a QPlainTextEdit made comfortable for prose.

Margins, a configurable font, soft wrap, zoom, a reading width (the text column
stays centred and at most ~N characters wide on a wide window), streamed AI
insertions, and input-method awareness: while an IME is composing, Enter, Tab and
Esc belong to the IME, never to the assistant's shortcuts.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QInputMethodEvent,
    QKeyEvent,
    QPalette,
    QResizeEvent,
    QTextOption,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from assistant.ui.documents.ai_insertion import AiInsertion

# Keys an input method uses to commit, cycle or cancel a composition.
_IME_KEYS = frozenset(
    {Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Escape}
)
# Zoom is in points added to the font size (the settings schema allows -10..30).
ZOOM_MIN, ZOOM_MAX = -10, 30
MIN_POINT_SIZE = 5.0


class Editor(QPlainTextEdit):
    """A prose editor with streaming AI insertions and a centred reading column."""

    zoom_changed = Signal(int)
    #: The writer edited inside text that is still streaming in (owner should stop it).
    ai_conflict = Signal(int)
    #: A streamed request wrote model text between two positions (request id, start, end).
    ai_text_written = Signal(int, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._base_font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        self._base_font.setPointSizeF(max(self._base_font.pointSizeF(), 11.0))
        self._zoom = 0
        self._width_chars = 80
        self._reading_width = True
        self._composing = False
        self._extra: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._ai: AiInsertion | None = None
        self.setFrameShape(QPlainTextEdit.Shape.NoFrame)
        # The area around the centred column is part of the page, not a grey frame.
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.setTabChangesFocus(False)
        self.set_soft_wrap(True)
        self._apply_font()

    def toPlainText(self) -> str:  # noqa: N802 (Qt override)
        """The document's text exactly as the writer typed or opened it.

        QTextDocument.toPlainText() turns non-breaking spaces into plain spaces and
        U+2028 into a line break, so a file with French typography or text pasted
        from a word processor would change on save. The raw text keeps every
        character; only the block separator becomes the "\\n" it was read from.
        Positions match toPlainText() one to one.
        """
        return self.document().toRawText().replace("\u2029", "\n")

    # -- appearance -------------------------------------------------------------------

    def set_editor_font(self, family: str | None, point_size: float | None) -> None:
        """Use this font family and size (zoom applies on top); empty keeps the default."""
        if family:
            self._base_font.setFamily(family)
        if point_size and point_size > 0:
            self._base_font.setPointSizeF(float(point_size))
        self._apply_font()

    def editor_font(self) -> QFont:
        """The font before zoom."""
        return QFont(self._base_font)

    @property
    def zoom(self) -> int:
        """Points added to the font size (0 = as configured)."""
        return self._zoom

    def set_zoom(self, steps: int) -> None:
        """Zoom the text by whole points, clamped to a sensible range."""
        steps = int(min(ZOOM_MAX, max(ZOOM_MIN, steps)))
        if steps != self._zoom:
            self._zoom = steps
            self._apply_font()
            self.zoom_changed.emit(steps)

    def zoom_in(self) -> None:
        """One point larger."""
        self.set_zoom(self._zoom + 1)

    def zoom_out(self) -> None:
        """One point smaller."""
        self.set_zoom(self._zoom - 1)

    def set_soft_wrap(self, on: bool) -> None:
        """Wrap long lines at the column edge (on) or scroll sideways (off)."""
        self.setLineWrapMode(
            QPlainTextEdit.LineWrapMode.WidgetWidth if on else QPlainTextEdit.LineWrapMode.NoWrap
        )
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)

    @property
    def soft_wrap(self) -> bool:
        """Whether long lines wrap."""
        return self.lineWrapMode() != QPlainTextEdit.LineWrapMode.NoWrap

    def set_reading_width(self, on: bool, width_chars: int | None = None) -> None:
        """Keep the text column at most `width_chars` characters wide, centred."""
        self._reading_width = on
        if width_chars:
            self._width_chars = max(20, int(width_chars))
        self._update_margins()

    @property
    def reading_width(self) -> bool:
        """Whether the text column is limited and centred."""
        return self._reading_width

    def _apply_font(self) -> None:
        font = QFont(self._base_font)
        font.setPointSizeF(max(MIN_POINT_SIZE, self._base_font.pointSizeF() + self._zoom))
        self.setFont(font)
        self.document().setDefaultFont(font)
        self.setTabStopDistance(4 * self.fontMetrics().horizontalAdvance(" "))
        self._update_margins()

    def _update_margins(self) -> None:
        fm = self.fontMetrics()
        pad = 2 * fm.averageCharWidth()  # breathing room, in text units (scales with DPI)
        top = fm.lineSpacing()
        side = pad
        if self._reading_width:
            column = self._width_chars * fm.averageCharWidth() + 2 * pad
            available = self.width() - self.verticalScrollBar().sizeHint().width()
            side = max(pad, (available - column) // 2)
        self.setViewportMargins(side, top // 2, side, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """Re-centre the reading column."""
        super().resizeEvent(event)
        self._update_margins()

    # -- extra selections (AI marking, find results ...) --------------------------------

    def set_extra_selections(self, key: str, selections: list[QTextEdit.ExtraSelection]) -> None:
        """Set one named layer of highlights; layers are drawn together."""
        if selections:
            self._extra[key] = selections
        else:
            self._extra.pop(key, None)
        self.setExtraSelections([s for layer in self._extra.values() for s in layer])

    # -- AI insertion -----------------------------------------------------------------------

    @property
    def ai_request_id(self) -> int | None:
        """The request streaming into this editor, if any."""
        return self._ai.request_id if self._ai else None

    def begin_ai_insertion(self, request_id: int, position: int | None = None) -> None:
        """Start streaming a request's text at `position` (default: the cursor)."""
        self.end_ai_insertion()
        pos = self.textCursor().position() if position is None else position
        self._ai = AiInsertion(self, request_id, pos)
        self._ai.conflict.connect(lambda: self.ai_conflict.emit(request_id))
        self._ai.written.connect(
            lambda start, end: self.ai_text_written.emit(request_id, start, end)
        )

    def append_ai_text(self, request_id: int, text: str) -> None:
        """Insert a streamed delta; deltas for any other request are stale and ignored."""
        if self._ai is None or self._ai.request_id != request_id:
            return
        self._ai.append(text)
        self.set_extra_selections("ai", [self._ai.selection()])

    def restart_ai_text(self, request_id: int) -> None:
        """Take back what a request streamed so far (its final text replaces it)."""
        if self._ai is not None and self._ai.request_id == request_id:
            self._ai.replace_with("")
            self.set_extra_selections("ai", [self._ai.selection()])

    def finish_ai_insertion(self, request_id: int, final_text: str | None = None) -> str:
        """End the insertion, optionally replacing the streamed text; returns what is in place."""
        if self._ai is None or self._ai.request_id != request_id:
            return ""
        if final_text is not None:
            self._ai.replace_with(final_text)
        text = self._ai.text
        self.end_ai_insertion()
        return text

    def end_ai_insertion(self) -> None:
        """Forget the current insertion and its marking (the text stays)."""
        if self._ai is not None:
            self._ai.detach()
            self._ai.deleteLater()
            self._ai = None
        self.set_extra_selections("ai", [])

    # -- input methods ---------------------------------------------------------------------

    @property
    def composing(self) -> bool:
        """True while an input method has uncommitted (pre-edit) text."""
        return self._composing

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:  # noqa: N802 (Qt override)
        """Track whether an IME composition is in progress."""
        self._composing = bool(event.preeditString())
        super().inputMethodEvent(event)

    def event(self, event: QEvent) -> bool:
        """While composing, claim Enter/Tab/Esc so no window shortcut fires."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and self._composing
            and isinstance(event, QKeyEvent)
            and event.key() in _IME_KEYS
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        """Leave IME keys to the input method while it composes."""
        if self._composing and event.key() in _IME_KEYS:
            event.accept()  # the platform input method handles these; never the editor
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt override)
        """A composition ends when focus leaves (the IME commits or drops it)."""
        self._composing = False
        super().focusOutEvent(event)
