"""Continue writing, from the writer's request to text in the document.

Each request is a `GenerationJob` kept with where its text goes; the job's own
signals bring its chunks and outcome, so nothing here looks at other requests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextCursor

from assistant.engine.generation_result import GenerationResult
from assistant.tasks.types import TaskSpec
from assistant.ui.documents.document_tab import DocumentTab
from assistant.ui.features.common.checked import show_refusal, trying_again_text
from assistant.ui.features.common.model_text import announce
from assistant.ui.features.common.panel_parts import stats_text
from assistant.ui.features.continue_.panel import AlternativeBatch, ContinueOptions, ContinuePanel
from assistant.ui.generation.job import GenerationJob
from assistant.ui.shell.workspace import ModelText

if TYPE_CHECKING:
    from assistant.ui.shell.workspace import Workspace


@dataclass
class _Request:
    """A continuation being written, and where its text goes."""

    job: GenerationJob
    tab: DocumentTab
    anchor: QTextCursor
    inline: bool
    #: Every streamed piece of one continuation is one acceptance, stamped once.
    started_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


class ContinueFlow(QObject):
    """Starts continuations and puts their text into the editor or the panel."""

    def __init__(self, workspace: Workspace, panel: ContinuePanel) -> None:
        super().__init__(panel)
        self.ws = workspace
        self.panel = panel
        self._requests: list[_Request] = []

    def start(self, options: ContinueOptions | None = None) -> GenerationJob | None:
        """Continue the current document at the cursor; returns the job (None if refused)."""
        ws = self.ws
        tab = ws.current_tab()
        if tab is None or tab.editor.composing or not ws.ensure_editable(tab):
            return None
        editor = tab.editor
        if editor.ai_request_id is not None:
            ws.notify(self.tr("Already writing here. Press Esc to stop."))
            return None
        options = options or self.panel.options()
        cursor = editor.textCursor()
        position = cursor.selectionEnd()
        text = editor.toPlainText()
        sampling = (
            ws.settings.preset("continue")
            .to_sampling()
            .with_(temperature=options.temperature, max_new_tokens=options.max_new_tokens)
        )
        spec = TaskSpec(
            kind="continue", text=text[:position], after=text[position:], sampling=sampling
        )
        inline = options.alternatives <= 1
        anchor = QTextCursor(editor.document())
        anchor.setPosition(position)
        job = ws.generation.submit(spec, options.alternatives)
        request = _Request(job, tab, anchor, inline)
        self._requests.append(request)
        job.prompt_built.connect(self.panel.set_prompt)
        job.progress.connect(self._on_progress)
        job.retry.connect(self._on_retry)
        job.finished.connect(lambda result, r=request: self._on_finished(r, result))
        job.failed.connect(lambda message, r=request: self._on_failed(r, message))
        if inline:
            job.chunk.connect(lambda text, r=request: r.tab.editor.append_ai_text(r.job.id, text))
            job.reset.connect(lambda r=request: r.tab.editor.restart_ai_text(r.job.id))
            cursor.setPosition(position)
            editor.setTextCursor(cursor)
            editor.begin_ai_insertion(job.id, position)
        ws.clear_notice()
        return job

    def stop(self) -> None:
        """Stop this feature's continuations (text written so far stays)."""
        for request in list(self._requests):
            request.job.cancel()

    def on_conflict(self, request_id: int) -> None:
        """The writer edited inside text still streaming in: stop that continuation."""
        for request in self._requests:
            if request.job.id == request_id and not (
                request.job.done or request.job.cancel_event.is_set()
            ):
                request.job.cancel()
                # Say why the text stopped arriving; the writer's typing is never overwritten.
                self.ws.show_status(
                    self.tr("Continue writing stopped where you typed; your text is kept."), 6000
                )

    def on_text_written(self, tab: DocumentTab, request_id: int, start: int, end: int) -> None:
        """A continuation wrote model text into the editor (a delta, or the final clean-up)."""
        for request in self._requests:
            if request.job.id == request_id and request.tab is tab:
                self.ws.signals.model_text_inserted.emit(
                    ModelText(tab, start, end, "continue", request.started_at)
                )

    def forget_tab(self, tab: DocumentTab) -> None:
        """A tab closes: stop its continuations and forget its alternatives."""
        for request in [r for r in self._requests if r.tab is tab]:
            self._requests.remove(request)
            request.job.cancel()
        self.panel.forget_document(tab.key)

    def _on_retry(self, number: int, _reason: str) -> None:
        text = trying_again_text(number)
        self.panel.set_status(text)
        self.ws.show_status(text)

    def _on_progress(self, part: int, of: int) -> None:
        text = self.tr("Writing alternative %1 of %2…")
        self.panel.set_status(text.replace("%1", str(part)).replace("%2", str(of)))

    def _on_finished(self, request: _Request, result: GenerationResult) -> None:
        if request not in self._requests:
            return  # its tab closed
        summary = stats_text(result.stats)
        if request.inline:
            # A refused result leaves nothing of any attempt in the document.
            final = None if result.cancelled else result.text
            inserted = request.tab.editor.finish_ai_insertion(request.job.id, final)
            if not inserted and not result.cancelled and not result.refused:
                self.ws.notify(self.tr("The model had nothing to add here. Try again."))
        elif result.alternatives:
            self.panel.add_alternatives(request.tab.key, request.anchor, result.alternatives)
        # Only now: the final clean-up above is this request's text too.
        self._requests.remove(request)
        if result.refused:
            self.panel.set_status(result.refused)
            show_refusal(self.ws, result)
            return
        self.panel.set_status(summary)

    def _on_failed(self, request: _Request, message: str) -> None:
        if request not in self._requests:
            return
        self._requests.remove(request)
        if request.inline:
            request.tab.editor.end_ai_insertion()
        self.panel.set_status(message)
        self.ws.notify(self.tr("Continue writing failed: %1").replace("%1", message), error=True)

    def insert_alternative(self, batch: AlternativeBatch, text: str) -> None:
        """Insert a chosen alternative where it was generated, as one undo step."""
        ws = self.ws
        tab = next((t for t in ws.documents() if t.key == batch.doc_key), None)
        if tab is None or not ws.ensure_editable(tab):
            return
        cursor = QTextCursor(batch.anchor)
        # The anchor stays put on insertion; the writer's caret must end after the text
        # (a copy that kept the flag left the caret stuck: typed keys came out reversed).
        cursor.setKeepPositionOnInsert(False)
        position = cursor.position()
        cursor.beginEditBlock()
        cursor.insertText(text)
        cursor.endEditBlock()
        announce(ws, tab, position, text, "continue")
        ws.show_tab(tab)
        tab.editor.setTextCursor(cursor)
        tab.editor.setFocus()
