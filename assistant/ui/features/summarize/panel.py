"""The Summarize dock: what is summarized, how long, progress by part, and the result.

The panel requests (`summarize_requested`, `stop_requested`, `insert_requested`,
`copy_requested`); `SummarizeFlow` does the work.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from assistant.tasks.types import GenerationStats
from assistant.ui.features.common.panel_parts import PromptViewer, small_label, stats_text
from assistant.ui.shell.i18n import translated

AT_CURSOR, AT_TOP = "cursor", "top"


class SummarizePanel(QDockWidget):
    """Dock with summary options, chunk progress, the summary and where to put it."""

    summarize_requested = Signal(str, bool)  # length, bullets
    stop_requested = Signal()
    insert_requested = Signal(str, str)  # text, AT_CURSOR or AT_TOP
    copy_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Summarize"), parent)
        self.setObjectName("SummarizeDock")
        self._summary = ""
        self._running = False
        body = QWidget()
        layout = QVBoxLayout(body)

        self.source_label = small_label()
        layout.addWidget(self.source_label)
        form = QFormLayout()
        self.length_combo = QComboBox()
        self.length_combo.addItem(self.tr("Short (a sentence or two)"), "short")
        self.length_combo.addItem(self.tr("Medium (a few sentences)"), "medium")
        self.length_combo.addItem(self.tr("Long (a detailed paragraph)"), "long")
        self.length_combo.setCurrentIndex(1)
        self.bullets_check = QCheckBox(self.tr("As bullet points"))
        form.addRow(self.tr("Length:"), self.length_combo)
        form.addRow("", self.bullets_check)
        layout.addLayout(form)

        buttons = QHBoxLayout()
        self.summarize_button = QPushButton(self.tr("Summarize"))
        self.summarize_button.setDefault(True)
        self.stop_button = QPushButton(self.tr("Stop"))
        buttons.addWidget(self.summarize_button)
        buttons.addWidget(self.stop_button)
        layout.addLayout(buttons)
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setMaximumHeight(self.fontMetrics().height() // 2 + 4)
        self.progress_bar.hide()
        layout.addWidget(self.progress_bar)
        self.status_label = small_label()
        layout.addWidget(self.status_label)

        self.result_view = QTextBrowser()
        self.result_view.setOpenExternalLinks(False)
        self.result_view.setAccessibleName(self.tr("Summary"))
        self.result_view.setPlaceholderText(
            self.tr("The summary appears here. With no selection, the whole document is used.")
        )
        layout.addWidget(self.result_view, 1)
        actions = QHBoxLayout()
        self.insert_cursor_button = QPushButton(self.tr("Insert at cursor"))
        self.insert_top_button = QPushButton(self.tr("Insert at top"))
        self.copy_button = QPushButton(self.tr("Copy"))
        for button in (self.insert_cursor_button, self.insert_top_button, self.copy_button):
            actions.addWidget(button)
        layout.addLayout(actions)
        self.stats_label = small_label(muted=True)
        layout.addWidget(self.stats_label)
        self.prompt_viewer = PromptViewer()
        layout.addWidget(self.prompt_viewer)
        self.setWidget(body)

        self.summarize_button.clicked.connect(
            lambda: self.summarize_requested.emit(self.length(), self.bullets())
        )
        self.stop_button.clicked.connect(self.stop_requested)
        self.insert_cursor_button.clicked.connect(
            lambda: self.insert_requested.emit(self._summary, AT_CURSOR)
        )
        self.insert_top_button.clicked.connect(
            lambda: self.insert_requested.emit(self._summary, AT_TOP)
        )
        self.copy_button.clicked.connect(lambda: self.copy_requested.emit(self._summary))
        self.set_source(0, False, False)
        self._update_buttons()

    # -- options ----------------------------------------------------------------------------

    def length(self) -> str:
        """ "short", "medium" or "long"."""
        return str(self.length_combo.currentData())

    def bullets(self) -> bool:
        """Whether the summary should be bullet points."""
        return self.bullets_check.isChecked()

    def set_length(self, length: str) -> None:
        """Pick a length by key."""
        index = self.length_combo.findData(length)
        if index >= 0:
            self.length_combo.setCurrentIndex(index)

    # -- state shown ---------------------------------------------------------------------

    def set_source(self, words: int, is_selection: bool, has_text: bool) -> None:
        """Say what Summarize will use: the selection or the whole document, and its size."""
        if is_selection:
            label = self.tr("Summarizes the selection (%1 words).")
        else:
            label = self.tr("Summarizes the whole document (%1 words). Select text to narrow it.")
        self.source_label.setText(label.replace("%1", f"{words:,}"))
        self.summarize_button.setEnabled(has_text)
        self.summarize_button.setToolTip(
            "" if has_text else self.tr("The document is empty: write something first.")
        )

    def set_running(self, running: bool) -> None:
        """Whether this panel's summary is being written or waits."""
        self._running = running
        if not running:
            self.progress_bar.hide()
        self._update_buttons()

    def set_status(self, text: str) -> None:
        """The small line under the buttons."""
        self.status_label.setText(translated(text))

    def set_progress(self, part: int, of: int) -> None:
        """Show "part 3 of 7" as a bar (the label says it in words)."""
        self.progress_bar.setRange(0, max(1, of))
        self.progress_bar.setValue(part)
        self.progress_bar.setVisible(of > 1)

    def set_prompt(self, prompt: str, truncated: bool) -> None:
        """Show the exact prompt of the step the model is on."""
        note = self.tr("[The end of the text was left out to fit the model's context.]")
        self.prompt_viewer.set_prompt(prompt, truncated, note)

    def begin_summary(self) -> None:
        """Clear the result for a new summary."""
        self._summary = ""
        self.result_view.clear()
        self.stats_label.clear()
        self._update_buttons()

    def append_text(self, text: str) -> None:
        """Add streamed text."""
        self._summary += text
        self.result_view.setPlainText(self._summary)
        self._update_buttons()

    def set_summary(self, text: str, stats: GenerationStats | None) -> None:
        """Show the finished summary (Markdown: bullet points render as a list)."""
        self._summary = text
        self.result_view.setMarkdown(text)
        self.stats_label.setText(stats_text(stats) if stats else "")
        self._update_buttons()

    def summary(self) -> str:
        """The summary text as it will be inserted."""
        return self._summary

    def _update_buttons(self) -> None:
        self.stop_button.setEnabled(self._running)
        has = bool(self._summary.strip()) and not self._running
        for button in (self.insert_cursor_button, self.insert_top_button, self.copy_button):
            button.setEnabled(has)
