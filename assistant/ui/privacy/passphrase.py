"""Passphrase questions: a new one (twice, with a strength hint) and the current one.

`ask_new_passphrase`, `ask_passphrase` and `ask_unlock` are module functions so tests
(and the subprocess test hook) can replace them. `UnlockDialog` checks what is typed
itself and only closes on the right passphrase, so a wrong one is a message, not a
second dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from assistant.storage.crypto import MIN_PASSPHRASE_CHARS, passphrase_strength
from assistant.ui.shell.theme import colors


def _tr(text: str) -> str:
    return QCoreApplication.translate("Privacy", text)


def documents_note() -> str:
    """The sentence every encryption dialog repeats: documents are the writer's own files."""
    return _tr(
        "Your documents stay your own files, in their own format, wherever you saved them: "
        "they are never encrypted or changed."
    )


def password_field(name: str) -> QLineEdit:
    """A line edit that shows dots, named for tests."""
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMinimumWidth(260)
    return edit


def error_label(name: str) -> QLabel:
    """A label for a one-line problem, in the theme's error colour."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {colors()['error_fg'].name()};")
    return label


class NewPassphraseDialog(QDialog):
    """A new passphrase typed twice, a strength hint, and "remember on this computer"."""

    def __init__(
        self, parent: QWidget | None, title: str, intro: str, ask_remember: bool = True
    ) -> None:
        super().__init__(parent)
        self.setObjectName("NewPassphraseDialog")
        self.setWindowTitle(title)
        text = QLabel(intro)
        text.setWordWrap(True)
        self.first = password_field("new_passphrase")
        self.second = password_field("repeat_passphrase")
        self.strength = QLabel()
        self.strength.setObjectName("passphrase_strength")
        self.remember = QCheckBox(_tr("Remember on this computer"))
        self.remember.setObjectName("remember_key")
        self.remember.setToolTip(
            _tr(
                "Keep the key in this computer's keyring, so Writing Assistant opens without "
                "asking. Anyone who can use your account can then read your data."
            )
        )
        self.remember.setVisible(ask_remember)
        self.problem = error_label("passphrase_problem")
        warning = QLabel(
            _tr(
                "If you forget the passphrase, your encrypted chats, recovery copies and "
                "snapshots cannot be recovered."
            )
        )
        warning.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_tr("Passphrase:"), self.first)
        form.addRow(_tr("Repeat it:"), self.second)
        form.addRow("", self.strength)
        Button = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(Button.Ok | Button.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.remember)
        layout.addWidget(warning)
        notes = QLabel(documents_note())
        notes.setWordWrap(True)
        layout.addWidget(notes)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.first.textChanged.connect(self._check)
        self.second.textChanged.connect(self._check)
        self.setMinimumWidth(460)
        self._check()

    def _check(self) -> None:
        first, second = self.first.text(), self.second.text()
        names = (_tr("Too short"), _tr("Weak"), _tr("Fair"), _tr("Strong"))
        hint = names[passphrase_strength(first)] if first else ""
        self.strength.setText(_tr("Strength: %1").replace("%1", hint) if hint else "")
        problem = ""
        if first and len(first) < MIN_PASSPHRASE_CHARS:
            problem = _tr("Use at least %1 characters.").replace("%1", str(MIN_PASSPHRASE_CHARS))
        elif second and first != second:
            problem = _tr("The two passphrases differ.")
        self.problem.setText(problem)
        ok = not problem and len(first) >= MIN_PASSPHRASE_CHARS and first == second
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)


class UnlockDialog(QDialog):
    """Asks for the current passphrase and closes only when `verify` accepts it."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        verify: Callable[[str], bool],
        button_text: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("UnlockDialog")
        self.setWindowTitle(title)
        self._verify = verify
        self.passphrase = ""
        message = QLabel(text)
        message.setWordWrap(True)
        self.field = password_field("passphrase")
        self.problem = error_label("unlock_problem")
        Button = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(Button.Ok | Button.Cancel)
        if button_text:
            self.buttons.button(Button.Ok).setText(button_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.field)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def accept(self) -> None:
        """Check the passphrase (scrypt takes a moment); stay open when it is wrong."""
        typed = self.field.text()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            ok = bool(typed) and self._verify(typed)
        finally:
            QGuiApplication.restoreOverrideCursor()
        if not ok:
            self.problem.setText(_tr("That passphrase is not right. Try again."))
            self.field.selectAll()
            self.field.setFocus()
            return
        self.passphrase = typed
        super().accept()


def ask_new_passphrase(
    parent: QWidget | None, title: str, intro: str, ask_remember: bool = True
) -> tuple[str, bool] | None:
    """Ask for a new passphrase: (passphrase, remember), or None when cancelled."""
    dialog = NewPassphraseDialog(parent, title, intro, ask_remember)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.first.text(), dialog.remember.isChecked()


def ask_passphrase(
    parent: QWidget | None, title: str, text: str, verify: Callable[[str], bool]
) -> str | None:
    """Ask for the current passphrase until `verify` accepts it; None when cancelled."""
    dialog = UnlockDialog(parent, title, text, verify)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.passphrase
