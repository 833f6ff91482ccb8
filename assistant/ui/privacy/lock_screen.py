"""The lock screen: covers the whole window and asks for the passphrase."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant.ui.privacy.passphrase import documents_note, error_label, password_field


class LockScreen(QWidget):
    """A panel over the window: a title, the passphrase field and Unlock."""

    #: The writer pressed Unlock (or Enter) with this passphrase.
    unlock_requested = Signal(str)
    #: The writer asked to unlock with the key remembered in the OS keyring.
    keyring_requested = Signal()

    def __init__(self, parent: QWidget, keyring_available: bool) -> None:
        super().__init__(parent)
        self.setObjectName("LockScreen")
        self.setAutoFillBackground(True)  # opaque: nothing of the window shows through
        title = QLabel(self.tr("Writing Assistant is locked"))
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        message = QLabel(
            self.tr("Your documents and chats are hidden. Enter your passphrase to continue.")
        )
        message.setWordWrap(True)
        message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.field = password_field("lock_passphrase")
        self.field.setPlaceholderText(self.tr("Passphrase"))
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("unlock_button")
        self.unlock_button.setDefault(True)
        self.keyring_button = QPushButton(self.tr("Unlock with This Computer's Keyring"))
        self.keyring_button.setObjectName("keyring_unlock_button")
        self.keyring_button.setVisible(keyring_available)
        self.problem = error_label("lock_problem")
        self.problem.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.problem.setVisible(False)  # no gap until there is something to say
        note = QLabel(documents_note())
        note.setWordWrap(True)
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        note.setEnabled(False)  # a quieter grey

        row = QHBoxLayout()
        row.addWidget(self.field, 1)
        row.addWidget(self.unlock_button)
        card = QFrame()
        card.setObjectName("lock_card")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        # A fixed width lets the wrapped sentences take the height they need (a width
        # from the size hint alone clips them to one line's height).
        card.setFixedWidth(500)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(12)
        inner.addWidget(title)
        inner.addWidget(message)
        inner.addLayout(row)
        inner.addWidget(self.problem)
        inner.addWidget(self.keyring_button, 0, Qt.AlignmentFlag.AlignCenter)
        inner.addSpacing(8)
        inner.addWidget(note)
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(card)
        middle.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(middle)
        outer.addStretch(2)

        self.unlock_button.clicked.connect(self._request)
        self.field.returnPressed.connect(self._request)
        self.keyring_button.clicked.connect(self.keyring_requested)

    def _request(self) -> None:
        self.unlock_requested.emit(self.field.text())

    def show_problem(self, text: str) -> None:
        """Say why it is still locked, and let the writer type again."""
        self.problem.setText(text)
        self.problem.setVisible(True)
        self.field.selectAll()
        self.field.setFocus()
