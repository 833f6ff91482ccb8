"""The Rewrite dock: style or instruction, streamed attempts, a word diff to accept from.

The panel requests (`rewrite_requested`, `again_requested`, `stop_requested`,
`replace_requested`, `insert_requested`); `RewriteFlow` does the work. Accepting or
rejecting single changes is pure view state kept on the shown `Attempt`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QUrl, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from assistant.tasks.diff import (
    Segment,
    accepted_ranges,
    change_indexes,
    compose,
    diff_segments,
)
from assistant.tasks.types import GenerationStats
from assistant.ui.features.common.panel_parts import PromptViewer, small_label, stats_text
from assistant.ui.features.rewrite.diff_view import LINK_SCHEME, colors_for, render_html
from assistant.ui.shell.i18n import translated

CUSTOM = "custom"


@dataclass
class Attempt:
    """One rewrite of the selection: streamed text, then its diff and accepted changes."""

    number: int
    original: str
    text: str = ""
    done: bool = False
    error: str = ""
    stats: GenerationStats | None = None
    segments: list[Segment] = field(default_factory=list)
    accepted: set[int] = field(default_factory=set)

    def finish(self, text: str, stats: GenerationStats) -> None:
        """Store the final text and diff it; every change starts accepted."""
        self.text, self.stats, self.done = text, stats, True
        self.segments = diff_segments(self.original, text)
        self.accepted = set(change_indexes(self.segments))

    def result(self) -> str:
        """The selection with the accepted changes applied."""
        return compose(self.segments, self.accepted) if self.done else self.text

    def model_ranges(self) -> list[tuple[int, int]]:
        """Which parts of `result()` the model wrote (what it left unchanged is the writer's)."""
        if not self.done:
            return [(0, len(self.text))]
        return accepted_ranges(self.segments, self.accepted)


class RewritePanel(QDockWidget):
    """Dock with rewrite options, the attempts list, the diff and what to do with it."""

    rewrite_requested = Signal(str, str)  # style, instruction ("" unless custom)
    again_requested = Signal()
    stop_requested = Signal()
    replace_requested = Signal(object)  # Attempt
    insert_requested = Signal(object)  # Attempt
    copy_requested = Signal(object)  # Attempt

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Rewrite"), parent)
        self.setObjectName("RewriteDock")
        self._attempts: list[Attempt] = []
        self._has_selection = False
        self._running = False
        body = QWidget()
        layout = QVBoxLayout(body)

        form = QFormLayout()
        self.style_combo = QComboBox()
        for key, label in (
            ("shorter", self.tr("Shorter")),
            ("longer", self.tr("Longer")),
            ("clearer", self.tr("Clearer")),
            ("formal", self.tr("More formal")),
            ("casual", self.tr("More casual")),
            ("fix-grammar", self.tr("Fix grammar and spelling")),
            (CUSTOM, self.tr("Your own instruction…")),
        ):
            self.style_combo.addItem(label, key)
        self.instruction_combo = QComboBox()
        self.instruction_combo.setEditable(True)
        self.instruction_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.instruction_combo.lineEdit().setPlaceholderText(
            self.tr("e.g. Make it sound like a letter to a friend")
        )
        self.instruction_combo.setToolTip(self.tr("Your last five instructions are remembered"))
        self.instruction_combo.setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed
        )  # a long remembered instruction must not widen the dock
        self.instruction_label = QLabel(self.tr("Instruction:"))
        form.addRow(self.tr("Style:"), self.style_combo)
        form.addRow(self.instruction_label, self.instruction_combo)
        layout.addLayout(form)

        buttons = QHBoxLayout()
        self.rewrite_button = QPushButton(self.tr("Rewrite"))
        self.rewrite_button.setDefault(True)
        self.again_button = QPushButton(self.tr("Try again"))
        self.again_button.setToolTip(self.tr("Write another version; earlier ones stay listed"))
        self.stop_button = QPushButton(self.tr("Stop"))
        for button in (self.rewrite_button, self.again_button, self.stop_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.status_label = small_label()
        layout.addWidget(self.status_label)

        self.attempts_list = QListWidget()
        self.attempts_list.setAccessibleName(self.tr("Attempts"))
        self.attempts_list.setMaximumHeight(4 * self.fontMetrics().height() + 8)
        layout.addWidget(self.attempts_list)
        self.result_view = QTextBrowser()
        self.result_view.setOpenLinks(False)
        self.result_view.setAccessibleName(self.tr("Rewritten text"))
        self.result_view.setPlaceholderText(
            self.tr("Select text in the document, choose a style and press Rewrite.")
        )
        layout.addWidget(self.result_view, 1)
        self.hint_label = small_label(muted=True)
        self.hint_label.setText(
            self.tr("Click a change to keep the original there; click again to take it back.")
        )
        layout.addWidget(self.hint_label)

        review = QHBoxLayout()
        self.accept_all_button = QPushButton(self.tr("Accept all"))
        self.reject_all_button = QPushButton(self.tr("Reject all"))
        review.addWidget(self.accept_all_button)
        review.addWidget(self.reject_all_button)
        review.addStretch(1)
        layout.addLayout(review)
        apply_row = QHBoxLayout()
        self.replace_button = QPushButton(self.tr("Replace"))
        self.replace_button.setToolTip(self.tr("Replace the selection with the accepted changes"))
        self.insert_button = QPushButton(self.tr("Insert below"))
        self.copy_button = QPushButton(self.tr("Copy"))
        for button in (self.replace_button, self.insert_button, self.copy_button):
            apply_row.addWidget(button)
        layout.addLayout(apply_row)
        self.stats_label = small_label(muted=True)
        layout.addWidget(self.stats_label)
        self.prompt_viewer = PromptViewer()
        layout.addWidget(self.prompt_viewer)
        self.setWidget(body)

        self.style_combo.currentIndexChanged.connect(self._style_changed)
        self.rewrite_button.clicked.connect(self._request)
        self.instruction_combo.lineEdit().returnPressed.connect(self._request)
        self.again_button.clicked.connect(self.again_requested)
        self.stop_button.clicked.connect(self.stop_requested)
        self.attempts_list.currentRowChanged.connect(self._show_row)
        self.result_view.anchorClicked.connect(self._toggle_change)
        self.accept_all_button.clicked.connect(lambda: self._set_all(True))
        self.reject_all_button.clicked.connect(lambda: self._set_all(False))
        self.replace_button.clicked.connect(lambda: self._emit_for_current(self.replace_requested))
        self.insert_button.clicked.connect(lambda: self._emit_for_current(self.insert_requested))
        self.copy_button.clicked.connect(lambda: self._emit_for_current(self.copy_requested))
        self._style_changed()
        self.set_has_selection(False)
        self._update_buttons()

    # -- options ------------------------------------------------------------------------

    def style(self) -> str:
        """The chosen style key, or "custom"."""
        return str(self.style_combo.currentData())

    def instruction(self) -> str:
        """The free instruction typed or picked (custom style only)."""
        return self.instruction_combo.currentText().strip() if self.style() == CUSTOM else ""

    def set_style(self, style: str) -> None:
        """Pick a style by key."""
        index = self.style_combo.findData(style)
        if index >= 0:
            self.style_combo.setCurrentIndex(index)

    def set_recent_instructions(self, recent: list[str]) -> None:
        """Offer these instructions (most recent first) in the instruction box."""
        text = self.instruction_combo.currentText()
        self.instruction_combo.clear()
        self.instruction_combo.addItems(recent)
        self.instruction_combo.setEditText(text)

    def _style_changed(self) -> None:
        custom = self.style() == CUSTOM
        self.instruction_combo.setVisible(custom)
        self.instruction_label.setVisible(custom)
        self._update_buttons()

    def _request(self) -> None:
        if not self.rewrite_button.isEnabled():
            return
        if self.style() == CUSTOM and not self.instruction():
            self.set_status(self.tr("Type an instruction first, e.g. “Make it more vivid”."))
            self.instruction_combo.setFocus()
            return
        self.rewrite_requested.emit(self.style(), self.instruction())

    # -- state shown ---------------------------------------------------------------------

    def set_has_selection(self, has: bool) -> None:
        """Enable Rewrite only with a selection, and say why when it is disabled."""
        self._has_selection = has
        self._update_buttons()

    def set_running(self, running: bool) -> None:
        """Whether a rewrite of this panel is being written or waits."""
        self._running = running
        self._update_buttons()

    def set_status(self, text: str) -> None:
        """The small line under the buttons: queue, errors, what happened."""
        self.status_label.setText(translated(text))

    def set_prompt(self, prompt: str, truncated: bool) -> None:
        """Show the exact prompt of the last rewrite."""
        self.prompt_viewer.set_prompt(prompt, truncated)

    def _update_buttons(self) -> None:
        self.rewrite_button.setEnabled(self._has_selection)
        self.rewrite_button.setToolTip(
            self.tr("Rewrite the selected text (%1)").replace("%1", self._shortcut)
            if self._has_selection
            else self.tr("Select some text in the document first: Rewrite works on a selection.")
        )
        self.stop_button.setEnabled(self._running)
        self.again_button.setEnabled(bool(self._attempts))
        current = self.current_attempt()
        ready = current is not None and current.done and not current.error
        reviewable = ready and bool(change_indexes(current.segments))
        for button in (self.accept_all_button, self.reject_all_button):
            button.setEnabled(reviewable)
        for button in (self.replace_button, self.insert_button, self.copy_button):
            button.setEnabled(ready and bool(current.result().strip()))

    _shortcut = ""

    def set_shortcut_text(self, text: str) -> None:
        """The Rewrite shortcut as shown in tooltips."""
        self._shortcut = text
        self._update_buttons()

    # -- attempts ---------------------------------------------------------------------------

    def clear_attempts(self) -> None:
        """Forget every attempt (a new selection is being rewritten)."""
        self._attempts = []
        self.attempts_list.clear()
        self.result_view.clear()
        self.stats_label.clear()
        self._update_buttons()

    def add_attempt(self, attempt: Attempt, description: str) -> None:
        """List a new attempt and show it."""
        self._attempts.append(attempt)
        self.attempts_list.addItem(
            self.tr("Attempt %1 · %2").replace("%1", str(attempt.number)).replace("%2", description)
        )
        self.attempts_list.setCurrentRow(len(self._attempts) - 1)

    def attempts(self) -> list[Attempt]:
        """Every attempt listed, oldest first."""
        return list(self._attempts)

    def current_attempt(self) -> Attempt | None:
        """The attempt shown."""
        row = self.attempts_list.currentRow()
        return self._attempts[row] if 0 <= row < len(self._attempts) else None

    def refresh(self, attempt: Attempt) -> None:
        """Redraw `attempt` if it is the one shown (streamed text, diff or error)."""
        if attempt is not self.current_attempt():
            return
        if attempt.error:
            self.result_view.setPlainText(attempt.error)
        elif not attempt.done:
            self.result_view.setPlainText(attempt.text)
            bar = self.result_view.verticalScrollBar()
            bar.setValue(bar.maximum())
        else:
            colors = colors_for(self.result_view.palette())
            bar = self.result_view.verticalScrollBar()
            keep = bar.value()
            self.result_view.setHtml(render_html(attempt.segments, attempt.accepted, colors))
            bar.setValue(keep)
        has_changes = attempt.done and bool(change_indexes(attempt.segments))
        self.hint_label.setVisible(has_changes)
        self.stats_label.setText(stats_text(attempt.stats) if attempt.stats else "")
        self._update_buttons()

    def _show_row(self, _row: int) -> None:
        attempt = self.current_attempt()
        if attempt is not None:
            self.refresh(attempt)
        self._update_buttons()

    def _toggle_change(self, url: QUrl) -> None:
        attempt = self.current_attempt()
        if attempt is None or url.scheme() != LINK_SCHEME:
            return
        try:
            index = int(url.path())
        except ValueError:
            return
        attempt.accepted ^= {index}
        self.refresh(attempt)

    def _set_all(self, accept: bool) -> None:
        attempt = self.current_attempt()
        if attempt is not None:
            attempt.accepted = set(change_indexes(attempt.segments)) if accept else set()
            self.refresh(attempt)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Redraw the diff in the new theme's colors after a live theme switch."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            attempt = self.current_attempt()
            if attempt is not None and attempt.done:
                self.refresh(attempt)

    def _emit_for_current(self, signal) -> None:
        attempt = self.current_attempt()
        if attempt is not None and attempt.done:
            signal.emit(attempt)
