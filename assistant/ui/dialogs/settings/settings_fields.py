"""Building blocks of the Settings pages: a page base class and a field checked as typed.

Each value is checked with `settings_rules.validate_field`, the same rule that
`load_settings` applies, so the dialog can never save something loading would reject.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from assistant.settings import Settings, validate_field
from assistant.settings_rules import rule_for
from assistant.ui.shell.theme import colors


def _tr(text: str) -> str:
    return QCoreApplication.translate("SettingsDialog", text)


def rule_message(key: str, value: Any) -> str | None:
    """The rule's complaint about `value`, in the UI language (the rules speak English)."""
    if validate_field(key, value) is None:
        return None
    rule = rule_for(key)
    if rule is None or rule.kind not in ("int", "float", "opt_int"):
        if rule is not None and rule.kind == "url":
            return _tr("Enter an address that starts with http:// or https://, or leave it empty.")
        return _tr("This value is not allowed.")
    whole = rule.kind != "float"
    lo, hi = f"{rule.lo:g}", f"{rule.hi:g}" if rule.hi is not None else ""
    if rule.lo_open:
        text = _tr("Enter a number greater than %1 and at most %2.")
    elif whole:
        text = _tr("Enter a whole number from %1 to %2.")
    else:
        text = _tr("Enter a number from %1 to %2.")
    text = text.replace("%1", lo).replace("%2", hi)
    if rule.zero_ok:
        text += " " + _tr("0 is also allowed.")
    return text


class ValidatedField(QWidget):
    """A line edit for one setting, with the error shown right under it as you type."""

    edited = Signal()

    def __init__(self, key: str, kind: str, placeholder: str = "", parent=None) -> None:
        super().__init__(parent)
        self.key, self.kind = key, kind  # kind: int, float, opt_int, text
        self.edit = QLineEdit()
        self.edit.setObjectName(f"field_{key}")
        self.edit.setPlaceholderText(placeholder)
        self.error_label = QLabel()
        self.error_label.setObjectName(f"error_{key}")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.error_label)
        self.edit.textChanged.connect(self._on_text)

    def set_value(self, value: Any) -> None:
        """Show a value from the settings."""
        if value is None:
            self.edit.setText("")
        elif isinstance(value, float):
            self.edit.setText(f"{value:g}")
        else:
            self.edit.setText(str(value))
        self._on_text()

    def value(self) -> Any:
        """The typed value (raises ValueError when the text is not of the right kind)."""
        text = self.edit.text().strip()
        if self.kind == "text":
            return text
        if self.kind == "opt_int" and not text:
            return None
        if self.kind in ("int", "opt_int"):
            return int(text)
        return float(text.replace(",", "."))  # a decimal comma is a typing habit, not an error

    def error(self) -> str | None:
        """Why the current text is not acceptable, or None."""
        try:
            value = self.value()
        except ValueError:
            if self.kind == "float":
                return _tr("Enter a number, e.g. 0.7.")
            return _tr("Enter a whole number.")
        return rule_message(self.key, value)

    def _on_text(self) -> None:
        message = self.error()
        self.error_label.setVisible(message is not None)
        self.error_label.setText(message or "")
        self.error_label.setStyleSheet(f"color: {colors()['error_fg'].name()};")
        self.edited.emit()


class SettingsPage(QWidget):
    """One page of the Settings dialog: shows a Settings object and writes it back."""

    #: Anything on the page changed (the dialog re-checks validity and enables Apply).
    changed = Signal()

    def title(self) -> str:
        """The page's name in the list on the left."""
        raise NotImplementedError

    def load(self, settings: Settings) -> None:
        """Show `settings` in the widgets."""
        raise NotImplementedError

    def store(self, settings: Settings) -> None:
        """Write the widgets into `settings` (only called when `errors()` is empty)."""
        raise NotImplementedError

    def errors(self) -> list[str]:
        """Problems that keep OK and Apply disabled."""
        return []

    def reset(self) -> None:
        """Put this page's defaults in the widgets (saved only with OK or Apply)."""
        self.load(Settings())
        self.changed.emit()
