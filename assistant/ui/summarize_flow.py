"""Summarize the selection or the whole document, part by part when it is long."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from assistant.settings import DEFAULT_PRESETS
from assistant.tasks.summarize import LENGTHS
from assistant.tasks.types import Sampling, TaskSpec
from assistant.ui.document_tab import DocumentTab
from assistant.ui.panel_flow import PanelFlow
from assistant.ui.panels.panel_parts import queued_text, replaced_text
from assistant.ui.panels.summarize_panel import AT_TOP, SummarizePanel
from assistant.ui.worker import GenerationResult

if TYPE_CHECKING:
    from assistant.ui.main_window import MainWindow


class SummarizeFlow(PanelFlow):
    """Starts summaries, shows their progress and puts the result where the writer asks."""

    def __init__(self, window: MainWindow, panel: SummarizePanel) -> None:
        super().__init__(window, panel)
        self._jobs: dict[int, DocumentTab] = {}
        self._steps: dict[int, tuple[int, int, int]] = {}  # id -> part, of, round
        self._source_tab: DocumentTab | None = None

    def start(self, length: str | None = None, bullets: bool | None = None) -> int | None:
        """Summarize the selection (or the whole document); returns the request id."""
        w = self.window
        tab = w.current_tab()
        if tab is None or not w.ensure_loaded(tab):
            return None
        cursor = tab.editor.textCursor()
        text = (
            cursor.selectedText().replace("\u2029", "\n")
            if cursor.hasSelection()
            else tab.editor.toPlainText()
        )
        if not text.strip():
            self.panel.set_status(self.tr("Nothing to summarize: the document is empty."))
            return None
        length = length or self.panel.length()
        bullets = self.panel.bullets() if bullets is None else bullets
        replaced = bool(self._jobs)
        self.stop()
        spec = TaskSpec(
            kind="summarize",
            text=text,
            length=length,
            bullets=bullets,
            sampling=self._sampling(length),
        )
        request_id = w.controller.submit(spec)
        self._jobs[request_id] = tab
        self._source_tab = tab
        self.panel.begin_summary()
        self.panel.set_running(True)
        if replaced:
            self.panel.set_status(replaced_text())
        elif w.controller.running_id != request_id:
            self.panel.set_status(queued_text(1))
        else:
            self.panel.set_status(self.started_text())
        return request_id

    def _sampling(self, length: str) -> Sampling | None:
        preset = self.window.settings.preset("summarize")
        if preset == DEFAULT_PRESETS["summarize"]:
            return None  # the measured defaults, with a reply budget set by the length
        # A preset of the writer's own: keep its options, but let the length cap the reply.
        return preset.to_sampling().with_(
            max_new_tokens=min(preset.max_new_tokens, 2 * LENGTHS[length][1])
        )

    def stop(self) -> None:
        """Stop this panel's summary at once (a chunked one stops between or within parts)."""
        for request_id in list(self._jobs):
            self.window.controller.cancel(request_id)

    # -- worker signals --------------------------------------------------------------------

    def started_text(self) -> str:
        """Status while this summary runs."""
        return self.tr("Summarizing…")

    def on_progress(self, request_id: int, part: int, of: int) -> None:
        """ "Summarizing part 3 of 7…"; the last step combines the part summaries."""
        if request_id not in self._jobs:
            return
        last = self._steps.get(request_id)
        # Each round starts again at part 1.
        round_ = 1 if last is None else last[2] + (1 if part == 1 else 0)
        self._steps[request_id] = (part, of, round_)
        if of > 1 and part == of:
            text = self.tr("Combining the parts (part %1 of %2)…")
        else:
            text = self.tr("Summarizing part %1 of %2…")
        text = text.replace("%1", str(part)).replace("%2", str(of))
        if round_ > 1:
            # The part summaries were still too long together: they are summarized again.
            text += " " + self.tr("(round %1)").replace("%1", str(round_))
        self.panel.set_status(text)
        self.panel.set_progress(part, of)

    def on_chunk(self, request_id: int, text: str) -> None:
        """Stream the summary into the panel."""
        if request_id in self._jobs:
            self.panel.append_text(text)

    def on_finished(self, request_id: int, result: GenerationResult) -> None:
        """Show the summary, or say that it was stopped."""
        self._steps.pop(request_id, None)
        if self._jobs.pop(request_id, None) is None:
            return
        self.panel.set_running(bool(self._jobs))
        if self._jobs:
            return  # replaced: the newer request reports
        if result.cancelled:
            self.panel.set_summary(self.panel.summary(), result.stats)
            self.panel.set_status(self.tr("Stopped."))
            return
        self.panel.set_summary(result.text, result.stats)
        if result.stats.truncated:
            self.panel.set_status(
                self.tr("Done. The end of the text did not fit and was left out.")
            )
        elif not result.text.strip():
            self.panel.set_status(self.tr("The model returned no text. Try again."))
        else:
            self.panel.set_status(self.tr("Done."))

    def on_failed(self, request_id: int, message: str) -> None:
        """Show the reason in the panel."""
        if self._jobs.pop(request_id, None) is None:
            return
        self.panel.set_running(bool(self._jobs))
        self.panel.set_status(self.tr("Summarize failed: %1").replace("%1", message))

    # -- putting the summary somewhere -------------------------------------------------------

    def insert(self, text: str, where: str) -> None:
        """Insert the summary at the cursor or at the top, as one undo step."""
        w = self.window
        tab = self._source_tab if self._source_tab in w.documents() else w.current_tab()
        if tab is None or not text.strip() or not w.ensure_loaded(tab):
            return
        editor = tab.editor
        cursor = QTextCursor(editor.document())
        if where == AT_TOP:
            cursor.setPosition(0)
            insert = text.strip() + "\n\n"
        else:
            # After a selection, never over it: the selection is what was summarized.
            cursor.setPosition(editor.textCursor().selectionEnd())
            insert = text.strip()
            if not cursor.atBlockStart():
                insert = "\n\n" + insert
        cursor.beginEditBlock()
        cursor.insertText(insert)
        cursor.endEditBlock()
        w.tabs.setCurrentWidget(tab)
        editor.setTextCursor(cursor)
        editor.setFocus()
        self.panel.set_status(self.tr("Inserted."))

    def copy(self, text: str) -> None:
        """Copy the summary to the clipboard."""
        QApplication.clipboard().setText(text.strip())
        self.panel.set_status(self.tr("Copied."))

    def forget_tab(self, tab: DocumentTab) -> None:
        """A tab closed: stop its summary."""
        for request_id, job_tab in list(self._jobs.items()):
            if job_tab is tab:
                self.window.controller.cancel(request_id)
        if self._source_tab is tab:
            self._source_tab = None
