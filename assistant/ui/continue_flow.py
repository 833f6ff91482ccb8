"""Continue writing, from the writer's request to text in the document.

Holds the requests this feature is waiting for (`request id -> _Job`) and ignores
every other id, so later panels (rewrite, summarize, chat) can share the one
controller with flows of their own. The main window connects the signals.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextCursor

from assistant.tasks.types import TaskSpec
from assistant.ui.document_tab import DocumentTab
from assistant.ui.panels.continue_panel import AlternativeBatch, ContinueOptions
from assistant.ui.worker import GenerationResult

if TYPE_CHECKING:
    from assistant.ui.main_window import MainWindow


@dataclass
class _Job:
    """A request being waited for, and where its text goes."""

    tab: DocumentTab
    anchor: QTextCursor
    inline: bool


class ContinueFlow(QObject):
    """Starts continuations and routes their chunks/results to editor and panel."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel = window.continue_panel
        self._jobs: dict[int, _Job] = {}

    def start(self, options: ContinueOptions | None = None) -> int | None:
        """Continue the current document at the cursor; returns the request id."""
        w = self.window
        tab = w.current_tab()
        if tab is None or tab.editor.composing or not w.ensure_loaded(tab):
            return None
        editor = tab.editor
        if editor.ai_request_id is not None:
            w.show_note(self.tr("Already writing here. Press Esc to stop."))
            return None
        options = options or self.panel.options()
        cursor = editor.textCursor()
        position = cursor.selectionEnd()
        text = editor.toPlainText()
        sampling = (
            w.settings.preset("continue")
            .to_sampling()
            .with_(temperature=options.temperature, max_new_tokens=options.max_new_tokens)
        )
        spec = TaskSpec(
            kind="continue", text=text[:position], after=text[position:], sampling=sampling
        )
        inline = options.alternatives <= 1
        anchor = QTextCursor(editor.document())
        anchor.setPosition(position)
        request_id = w.controller.submit(spec, options.alternatives)
        self._jobs[request_id] = _Job(tab, anchor, inline)
        if inline:
            cursor.setPosition(position)
            editor.setTextCursor(cursor)
            editor.begin_ai_insertion(request_id, position)
        w.banner.hide()
        return request_id

    def forget_tab(self, tab: DocumentTab) -> list[int]:
        """Drop the jobs of a closing tab; returns their ids (to cancel)."""
        ids = [rid for rid, job in self._jobs.items() if job.tab is tab]
        for rid in ids:
            del self._jobs[rid]
        self.panel.forget_document(tab.key)
        return ids

    def on_chunk(self, request_id: int, text: str) -> None:
        """Stream a delta into the editor (inline mode)."""
        job = self._jobs.get(request_id)
        if job is not None and job.inline:
            job.tab.editor.append_ai_text(request_id, text)

    def on_finished(self, request_id: int, result: GenerationResult) -> None:
        """Put the cleaned text in place, or list the alternatives in the panel."""
        job = self._jobs.pop(request_id, None)
        if job is None:
            return
        stats = result.stats
        summary = (
            self.tr("%1 tokens/s · stopped: %2")
            .replace("%1", f"{stats.tokens_per_s:.1f}")
            .replace("%2", stats.stop_reason)
        )
        if job.inline:
            final = None if result.cancelled else result.text
            inserted = job.tab.editor.finish_ai_insertion(request_id, final)
            if not inserted and not result.cancelled:
                self.window.show_note(self.tr("The model had nothing to add here. Try again."))
        elif result.alternatives:
            self.panel.add_alternatives(job.tab.key, job.anchor, result.alternatives)
        self.panel.set_status(summary)

    def on_failed(self, request_id: int, message: str) -> None:
        """Show the reason in the panel and the window; the document keeps its text."""
        job = self._jobs.pop(request_id, None)
        if job is None:
            return
        if job.inline:
            job.tab.editor.end_ai_insertion()
        self.panel.set_status(message)
        self.window.show_error(self.tr("Continue writing failed: %1").replace("%1", message))

    def on_prompt_built(self, request_id: int, prompt: str, truncated: bool) -> None:
        """Keep "What the model sees" up to date."""
        if request_id in self._jobs:
            self.panel.set_prompt(prompt, truncated)

    def on_progress(self, request_id: int, part: int, of: int) -> None:
        """Show which alternative is being written."""
        if request_id in self._jobs:
            text = self.tr("Writing alternative %1 of %2…")
            self.panel.set_status(text.replace("%1", str(part)).replace("%2", str(of)))

    def insert_alternative(self, batch: AlternativeBatch, text: str) -> None:
        """Insert a chosen alternative where it was generated, as one undo step."""
        w = self.window
        tab = next((t for t in w.documents() if t.key == batch.doc_key), None)
        if tab is None or not w.ensure_loaded(tab):
            return
        cursor = QTextCursor(batch.anchor)
        cursor.beginEditBlock()
        cursor.insertText(text)
        cursor.endEditBlock()
        w.tabs.setCurrentWidget(tab)
        tab.editor.setTextCursor(cursor)
        tab.editor.setFocus()
