"""Summarize the selection or the whole document, part by part when it is long."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from assistant.engine.generation_result import GenerationResult
from assistant.settings import DEFAULT_PRESETS
from assistant.tasks.types import Sampling, TaskSpec
from assistant.ui.documents.document_tab import DocumentTab
from assistant.ui.features.common.checked import extractive_note, trying_again_text
from assistant.ui.features.common.model_text import announce
from assistant.ui.features.common.panel_flow import PanelFlow
from assistant.ui.features.summarize.panel import AT_TOP, SummarizePanel
from assistant.ui.generation.job import GenerationJob

if TYPE_CHECKING:
    from assistant.ui.shell.workspace import Workspace


class SummarizeFlow(PanelFlow):
    """Starts summaries, shows their progress and puts the result where the writer asks."""

    def __init__(self, workspace: Workspace, panel: SummarizePanel) -> None:
        super().__init__(workspace, panel)
        self._jobs: list[tuple[GenerationJob, DocumentTab]] = []
        self._step: tuple[int, int, int] | None = None  # part, of, round of the running one
        self._source_tab: DocumentTab | None = None

    def start(self, length: str | None = None, bullets: bool | None = None) -> GenerationJob | None:
        """Summarize the selection (or the whole document); returns the job."""
        ws = self.ws
        tab = ws.current_tab()
        if tab is None or not ws.ensure_loaded(tab):
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
        job = ws.generation.submit(spec)
        self._jobs.append((job, tab))
        self._step = None
        job.progress.connect(self._on_progress)
        job.chunk.connect(self.panel.append_text)
        job.reset.connect(lambda: self.panel.begin_summary())
        job.retry.connect(lambda number, _reason: self.panel.set_status(trying_again_text(number)))
        job.finished.connect(lambda result: self._on_finished(job, result))
        job.failed.connect(lambda message: self._on_failed(job, message))
        self._source_tab = tab
        self.panel.begin_summary()
        self.panel.set_running(True)
        self.follow(job, replaced)
        return job

    def _sampling(self, length: str) -> Sampling | None:
        preset = self.ws.settings.preset("summarize")
        if preset == DEFAULT_PRESETS["summarize"]:
            return None  # the measured defaults, with a reply budget set by the length
        # A preset of the writer's own: keep its options, but let the length cap the reply.
        from assistant.tasks.summarize import LENGTHS  # on use: its checks cost start-up time

        return preset.to_sampling().with_(
            max_new_tokens=min(preset.max_new_tokens, 2 * LENGTHS[length][1])
        )

    def stop(self) -> None:
        """Stop this panel's summary at once (a chunked one stops between or within parts)."""
        for job, _tab in list(self._jobs):
            job.cancel()

    # -- worker signals --------------------------------------------------------------------

    def started_text(self) -> str:
        """Status while this summary runs."""
        return self.tr("Summarizing…")

    def _on_progress(self, part: int, of: int) -> None:
        """ "Summarizing part 3 of 7…"; the last step combines the part summaries."""
        last = self._step
        # Each round starts again at part 1.
        round_ = 1 if last is None else last[2] + (1 if part == 1 else 0)
        self._step = (part, of, round_)
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

    def _forget(self, job: GenerationJob) -> bool:
        """Drop a job that ended; False if it was not ours any more."""
        entry = next((e for e in self._jobs if e[0] is job), None)
        if entry is None:
            return False
        self._jobs.remove(entry)
        self.panel.set_running(bool(self._jobs))
        return True

    def _on_finished(self, job: GenerationJob, result: GenerationResult) -> None:
        """Show the summary, or say that it was stopped."""
        if not self._forget(job) or self._jobs:
            return  # replaced: the newer request reports
        if result.cancelled:
            self.panel.set_summary(self.panel.summary(), result.stats)
            self.panel.set_status(self.tr("Stopped."))
            return
        if result.refused:
            self.panel.set_summary("", result.stats)
            self.panel.set_status(result.refused)
            return
        self.panel.set_summary(result.text, result.stats)
        if result.method == "extractive":
            self.panel.set_status(extractive_note())
        elif result.stats.truncated:
            self.panel.set_status(
                self.tr("Done. The end of the text did not fit and was left out.")
            )
        elif not result.text.strip():
            self.panel.set_status(self.tr("The model returned no text. Try again."))
        else:
            self.panel.set_status(self.tr("Done."))

    def _on_failed(self, job: GenerationJob, message: str) -> None:
        """Show the reason in the panel."""
        if self._forget(job):
            self.panel.set_status(self.tr("Summarize failed: %1").replace("%1", message))

    # -- putting the summary somewhere -------------------------------------------------------

    def insert(self, text: str, where: str) -> None:
        """Insert the summary at the cursor or at the top, as one undo step."""
        ws = self.ws
        tab = self._source_tab if self._source_tab in ws.documents() else ws.current_tab()
        if tab is None or not text.strip() or not ws.ensure_editable(tab):
            return
        editor = tab.editor
        cursor = QTextCursor(editor.document())
        summary = text.strip()
        if where == AT_TOP:
            cursor.setPosition(0)
            insert = summary + "\n\n"
        else:
            # After a selection, never over it: the selection is what was summarized.
            cursor.setPosition(editor.textCursor().selectionEnd())
            insert = summary
            if not cursor.atBlockStart():
                insert = "\n\n" + insert
        position = cursor.position()
        cursor.beginEditBlock()
        cursor.insertText(insert)
        cursor.endEditBlock()
        offset = insert.index(summary)  # the blank line around it is not the model's
        announce(ws, tab, position, insert, "summarize", [(offset, offset + len(summary))])
        ws.show_tab(tab)
        editor.setTextCursor(cursor)
        editor.setFocus()
        self.panel.set_status(self.tr("Inserted."))

    def copy(self, text: str) -> None:
        """Copy the summary to the clipboard."""
        QApplication.clipboard().setText(text.strip())
        self.panel.set_status(self.tr("Copied."))

    def forget_tab(self, tab: DocumentTab) -> None:
        """A tab closed: stop its summary."""
        for job, job_tab in list(self._jobs):
            if job_tab is tab:
                job.cancel()
        if self._source_tab is tab:
            self._source_tab = None
