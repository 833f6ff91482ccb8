"""Widgets of the chat transcript: a Markdown message view that sizes to its text, one
message with its actions, and the removable context chip."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QPalette, QResizeEvent, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

USER, ASSISTANT = "user", "assistant"


class MessageView(QTextBrowser):
    """Read-only Markdown, as tall as its text (the transcript scrolls, not each message)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        # Links open in the browser only when clicked: the writer asked for it.
        self.setOpenExternalLinks(True)
        self.viewport().setAutoFillBackground(False)
        self.document().setDocumentMargin(2)
        self.document().documentLayout().documentSizeChanged.connect(lambda _s: self._fit())
        self._markdown = ""

    def set_markdown(self, text: str) -> None:
        """Render `text` as Markdown; code blocks get a monospaced font and a tinted block."""
        if text == self._markdown:
            return
        self._markdown = text
        self.setMarkdown(text)
        self._style_code()
        self._fit()

    def markdown(self) -> str:
        """The text as given (not re-exported from the document)."""
        return self._markdown

    def _style_code(self) -> None:
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        tint = self.palette().color(QPalette.ColorRole.AlternateBase)
        block = self.document().begin()
        while block.isValid():
            if block.blockFormat().hasProperty(QTextFormat.Property.BlockCodeFence):
                cursor = QTextCursor(block)
                fmt = block.blockFormat()
                fmt.setBackground(tint)
                cursor.setBlockFormat(fmt)
                cursor.select(QTextCursor.SelectionType.BlockUnderCursor)
                char = cursor.charFormat()
                char.setFontFamilies([fixed.family(), "monospace"])
                char.setFontFixedPitch(True)
                cursor.mergeCharFormat(char)
            block = block.next()

    def _fit(self) -> None:
        height = int(self.document().size().height()) + 2 * self.frameWidth() + 2
        self.setFixedHeight(max(height, self.fontMetrics().height() + 6))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        """Re-wrap at the new width and take the height that needs."""
        super().resizeEvent(event)
        self.document().setTextWidth(self.viewport().width())
        self._fit()


class MessageWidget(QFrame):
    """One message: who wrote it, the text, and what can be done with it."""

    copy_clicked = Signal(int)
    insert_clicked = Signal(int)
    edit_clicked = Signal(int)
    regenerate_clicked = Signal(int)

    def __init__(self, msg_id: int, role: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.msg_id = msg_id
        self.role = role
        self.setObjectName("ChatMessage")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(
            QPalette.ColorRole.Base if role == ASSISTANT else QPalette.ColorRole.AlternateBase
        )
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.setSpacing(2)
        header = QHBoxLayout()
        self.who = QLabel(self.tr("You") if role == USER else self.tr("Assistant"))
        bold = QFont(self.who.font())
        bold.setBold(True)
        self.who.setFont(bold)
        header.addWidget(self.who)
        header.addStretch(1)
        self.note = QLabel()
        self.note.setEnabled(False)
        header.addWidget(self.note)
        layout.addLayout(header)
        self.view = MessageView()
        self.view.setAccessibleName(self.who.text())
        layout.addWidget(self.view)
        self.truncated_label = QLabel()
        self.truncated_label.setWordWrap(True)
        self.truncated_label.setEnabled(False)
        self.truncated_label.hide()
        layout.addWidget(self.truncated_label)
        row = QHBoxLayout()
        row.setSpacing(2)
        row.addStretch(1)
        self.buttons: dict[str, QToolButton] = {}
        if role == ASSISTANT:
            specs = (
                ("copy", self.tr("Copy"), self.tr("Copy this reply"), self.copy_clicked),
                (
                    "insert",
                    self.tr("Insert"),
                    self.tr("Insert this reply into the document at the cursor"),
                    self.insert_clicked,
                ),
                (
                    "regenerate",
                    self.tr("Regenerate"),
                    self.tr("Write this reply again"),
                    self.regenerate_clicked,
                ),
            )
        else:
            specs = (
                (
                    "edit",
                    self.tr("Edit"),
                    self.tr("Edit this message and send it again (the replies after it go)"),
                    self.edit_clicked,
                ),
            )
        for key, text, tip, signal in specs:
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.setAutoRaise(True)
            button.clicked.connect(lambda _=False, s=signal: s.emit(self.msg_id))
            self.buttons[key] = button
            row.addWidget(button)
        layout.addLayout(row)

    def set_text(self, text: str, complete: bool = True) -> None:
        """Show the message text (Markdown) and whether it is still arriving."""
        self.view.set_markdown(text)
        self.note.setText("" if complete else self.tr("incomplete"))

    def text(self) -> str:
        """The message text."""
        return self.view.markdown()

    def set_truncated_note(self, text: str) -> None:
        """A small note under the reply (e.g. what was left out to fit the context)."""
        self.truncated_label.setText(text)
        self.truncated_label.setVisible(bool(text))


class ContextChip(QFrame):
    """ "Selection · 120 words ✕": the document text a chat message will include."""

    removed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ContextChip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.setAutoFillBackground(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 1, 2, 1)
        self.label = QLabel()
        layout.addWidget(self.label, 1)
        self.remove_button = QToolButton()
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setToolTip(self.tr("Do not include this text"))
        self.remove_button.setAccessibleName(self.tr("Remove context"))
        layout.addWidget(self.remove_button)
        self.remove_button.clicked.connect(self.removed)

    def set_text(self, text: str) -> None:
        """What the chip says."""
        self.label.setText(text)
        self.label.setToolTip(text)
