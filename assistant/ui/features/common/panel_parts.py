"""Pieces the Rewrite, Summarize and Chat docks share: small status text, stats line,
"What the model sees", and the words for queued/replaced requests."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QToolButton, QVBoxLayout, QWidget

from assistant.tasks.types import GenerationStats


def _tr(text: str) -> str:
    return QCoreApplication.translate("AssistPanels", text)


def small_label(parent: QWidget | None = None, muted: bool = False) -> QLabel:
    """A word-wrapped label in a slightly smaller font (status and stats lines)."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    font = QFont(label.font())
    font.setPointSizeF(max(7.0, font.pointSizeF() * 0.9))
    label.setFont(font)
    if muted:
        label.setEnabled(False)  # drawn in the palette's muted text colour
    return label


def stop_reason_text(reason: str) -> str:
    """The stop reason in the writer's words."""
    return {
        "eos": _tr("finished"),
        "stop_string": _tr("finished"),
        "max_tokens": _tr("length limit reached"),
        "cancelled": _tr("stopped by you"),
        "error": _tr("error"),
    }.get(reason, reason)


def stats_text(stats: GenerationStats) -> str:
    """ "18.2 tokens/s · 64 tokens · ended: length limit reached"."""
    return (
        _tr("%1 tokens/s · %2 tokens · ended: %3")
        .replace("%1", f"{stats.tokens_per_s:.1f}")
        .replace("%2", str(stats.generated_tokens))
        .replace("%3", stop_reason_text(stats.stop_reason))
    )


def queued_text(position: int) -> str:
    """What a panel says while its request waits for another one to finish."""
    return _tr("Waiting for the current generation to finish… (queued %1)").replace(
        "%1", str(position)
    )


def replaced_text() -> str:
    """What a panel says when a new request of its own replaced the running one."""
    return _tr("Stopped the previous request and started this one instead.")


class PromptViewer(QWidget):
    """A "What the model sees" toggle that shows the exact prompt of the last request."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.toggle = QToolButton()
        self.toggle.setText(_tr("What the model sees"))
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolTip(_tr("Show the exact text sent to the model for the last request"))
        self.view = QPlainTextEdit()
        self.view.setReadOnly(True)
        self.view.setPlaceholderText(_tr("No prompt sent yet"))
        self.view.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.view.setMinimumHeight(6 * self.fontMetrics().height())
        self.view.hide()
        layout.addWidget(self.toggle)
        layout.addWidget(self.view, 1)
        self.toggle.toggled.connect(self._toggle)

    def set_prompt(self, prompt: str, truncated: bool, note: str = "") -> None:
        """Show this prompt; `note` explains what was cut when `truncated`."""
        lead = ""
        if truncated:
            lead = (note or _tr("[Some text was left out to fit the model's context.]")) + "\n"
        self.view.setPlainText(lead + prompt)

    def prompt(self) -> str:
        """The text shown."""
        return self.view.toPlainText()

    def _toggle(self, on: bool) -> None:
        self.view.setVisible(on)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
