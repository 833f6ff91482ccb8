"""Rewrite a selection: from the writer's request to the accepted text in the document.

The selection is tracked with two QTextCursors (edits above it move them), and its
text is remembered: Replace compares before writing, so a document that changed
under the selection while the model wrote is never clobbered without asking.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from assistant.engine.generation_result import GenerationResult
from assistant.settings import DEFAULT_PRESETS
from assistant.tasks.types import Sampling, TaskSpec
from assistant.ui.documents.document_tab import DocumentTab
from assistant.ui.features.common.checked import show_refusal, trying_again_text
from assistant.ui.features.common.model_text import announce
from assistant.ui.features.common.panel_flow import PanelFlow
from assistant.ui.features.rewrite.panel import CUSTOM, Attempt, RewritePanel
from assistant.ui.generation.job import GenerationJob

if TYPE_CHECKING:
    from assistant.ui.shell.workspace import Workspace

REPLACE, INSERT, CANCEL = "replace", "insert", "cancel"


def ask_selection_changed(parent: QWidget | None) -> str:
    """Ask what to do when the selected text changed while it was rewritten.

    Returns REPLACE, INSERT or CANCEL. A module function so tests can replace it.
    """
    tr = QCoreApplication.translate
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(tr("Rewrite", "The text changed"))
    box.setText(tr("Rewrite", "The selected text was edited while the rewrite was written."))
    box.setInformativeText(
        tr("Rewrite", "Replace it anyway (your edits there are lost), or insert the rewrite below?")
    )
    replace = box.addButton(tr("Rewrite", "Replace anyway"), QMessageBox.ButtonRole.DestructiveRole)
    insert = box.addButton(tr("Rewrite", "Insert below"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(insert)
    box.exec()
    clicked = box.clickedButton()
    return REPLACE if clicked is replace else INSERT if clicked is insert else CANCEL


@dataclass
class _Session:
    """One selection being rewritten, with every attempt made for it."""

    tab: DocumentTab
    start: QTextCursor
    end: QTextCursor
    original: str
    style: str
    instruction: str
    attempts: list[Attempt] = field(default_factory=list)

    def current_text(self) -> str | None:
        """The text now between the tracked cursors (None if the document is gone)."""
        if self.start.isNull() or self.end.isNull():
            return None
        cursor = QTextCursor(self.start)
        cursor.setPosition(self.end.position(), QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText().replace("\u2029", "\n")


class RewriteFlow(PanelFlow):
    """Starts rewrites, streams attempts into the panel, applies the accepted result."""

    def __init__(self, workspace: Workspace, panel: RewritePanel) -> None:
        super().__init__(workspace, panel)
        self._session: _Session | None = None
        self._jobs: list[tuple[GenerationJob, Attempt]] = []

    # -- requests ------------------------------------------------------------------------

    def start(
        self, style: str | None = None, instruction: str | None = None
    ) -> GenerationJob | None:
        """Rewrite the current selection; returns the job (None with no selection)."""
        ws = self.ws
        tab = ws.current_tab()
        style = style if style is not None else self.panel.style()
        instruction = instruction if instruction is not None else self.panel.instruction()
        if not ws.ensure_loaded(tab):
            return None
        cursor = tab.editor.textCursor() if tab else None
        if tab is None or cursor is None or not cursor.hasSelection():
            self.panel.set_status(self.tr("Select the text to rewrite first."))
            return None
        if style == CUSTOM and not instruction:
            self.panel.set_status(self.tr("Type an instruction first."))
            return None
        start = QTextCursor(tab.editor.document())
        start.setPosition(cursor.selectionStart())
        # Our own Replace inserts at `start`: it must stay before the new text.
        start.setKeepPositionOnInsert(True)
        end = QTextCursor(tab.editor.document())
        end.setPosition(cursor.selectionEnd())
        original = cursor.selectedText().replace("\u2029", "\n")
        if instruction:
            ws.settings.add_recent_instruction(instruction)
            self.panel.set_recent_instructions(ws.settings.recent_instructions)
        self._cancel_own()
        self._session = _Session(tab, start, end, original, style, instruction)
        self.panel.clear_attempts()
        return self._submit()

    def again(self) -> GenerationJob | None:
        """Another attempt for the same selection and style (earlier ones stay listed)."""
        if self._session is None:
            return self.start()
        self._cancel_own()
        return self._submit()

    def stop(self) -> None:
        """Stop this panel's rewrite (other panels' requests keep going)."""
        for job, _attempt in list(self._jobs):
            job.cancel()

    def _cancel_own(self) -> bool:
        running = bool(self._jobs)
        self.stop()
        return running

    def _submit(self) -> GenerationJob:
        session = self._session
        assert session is not None
        spec = TaskSpec(
            kind="rewrite",
            text=session.original,
            style=None if session.style == CUSTOM else session.style,
            instruction=session.instruction or None,
            sampling=self._sampling(),
        )
        replaced = bool(self._jobs)
        attempt = Attempt(number=len(session.attempts) + 1, original=session.original)
        session.attempts.append(attempt)
        job = self.ws.generation.submit(spec)
        self._jobs.append((job, attempt))
        job.chunk.connect(lambda text: self._on_chunk(attempt, text))
        job.reset.connect(lambda: self._on_reset(attempt))
        job.retry.connect(lambda number, _reason: self._on_retry(attempt, number))
        job.finished.connect(lambda result: self._on_finished(job, attempt, result))
        job.failed.connect(lambda message: self._on_failed(job, attempt, message))
        label = session.instruction or self.panel.style_combo.itemText(
            max(0, self.panel.style_combo.findData(session.style))
        )
        self.panel.add_attempt(attempt, label)
        self.panel.set_running(True)
        self.follow(job, replaced)
        return job

    def _sampling(self) -> Sampling | None:
        preset = self.ws.settings.preset("rewrite")
        if preset == DEFAULT_PRESETS["rewrite"]:
            # The measured defaults with a reply budget that follows the selection's
            # length; their seed is None, so every attempt is a new sample.
            return None
        return preset.to_sampling().with_(seed=None)

    # -- worker signals --------------------------------------------------------------------

    def started_text(self) -> str:
        """Status while this rewrite runs."""
        return self.tr("Rewriting…")

    def _on_chunk(self, attempt: Attempt, text: str) -> None:
        attempt.text += text
        self.panel.refresh(attempt)

    def _on_reset(self, attempt: Attempt) -> None:
        attempt.text = ""
        self.panel.refresh(attempt)

    def _on_retry(self, attempt: Attempt, number: int) -> None:
        if self._is_latest(attempt):
            self.panel.set_status(trying_again_text(number))

    def _on_finished(self, job: GenerationJob, attempt: Attempt, result: GenerationResult) -> None:
        """Diff the finished text against the selection."""
        self._jobs.remove((job, attempt))
        if result.refused:
            # Nothing that failed its checks is offered for Replace.
            attempt.done, attempt.error, attempt.text = True, result.refused, ""
            self.panel.set_running(bool(self._jobs))
            self.panel.refresh(attempt)
            if self._is_latest(attempt):
                self.panel.set_status(result.refused)
                show_refusal(self.ws, result)
            return
        text = result.text if not result.cancelled else (result.text or attempt.text)
        attempt.finish(text.strip() if result.cancelled else text, result.stats)
        self.panel.set_running(bool(self._jobs))
        self.panel.refresh(attempt)
        if not self._is_latest(attempt):
            return  # replaced by a newer attempt, which has its own status
        if result.cancelled:
            self.panel.set_status(self.tr("Stopped: this rewrite is incomplete."))
        elif not text.strip():
            self.panel.set_status(self.tr("The model returned no text. Try again."))
        elif attempt.text == attempt.original:
            self.panel.set_status(self.tr("The model left the text unchanged. Try again."))
        else:
            self.panel.set_status(
                self.tr("Done: review the changes, then Replace, Insert below or Copy.")
            )

    def _on_failed(self, job: GenerationJob, attempt: Attempt, message: str) -> None:
        """Show the reason in the panel; the document is untouched."""
        self._jobs.remove((job, attempt))
        attempt.done, attempt.error = True, message
        self.panel.set_running(bool(self._jobs))
        self.panel.refresh(attempt)
        if self._is_latest(attempt):
            self.panel.set_status(self.tr("Rewrite failed: %1").replace("%1", message))

    def _is_latest(self, attempt: Attempt) -> bool:
        session = self._session
        return session is not None and bool(session.attempts) and session.attempts[-1] is attempt

    # -- applying ---------------------------------------------------------------------------

    def replace(self, attempt: Attempt) -> bool:
        """Put the accepted text in place of the selection, as one undo step."""
        session = self._session_of(attempt)
        if session is None or not self.ws.ensure_editable(session.tab):
            return False
        now = session.current_text()
        if now is None:
            self.panel.set_status(self.tr("That document was closed."))
            return False
        if now != session.original:
            answer = ask_selection_changed(self.ws.dialog_parent())
            if answer == INSERT:
                return self.insert_below(attempt)
            if answer != REPLACE:
                self.panel.set_status(self.tr("Nothing replaced: the text had changed."))
                return False
        final = attempt.result()
        cursor = QTextCursor(session.start)
        position = session.start.position()
        cursor.setPosition(session.end.position(), QTextCursor.MoveMode.KeepAnchor)
        cursor.beginEditBlock()
        cursor.insertText(final)
        cursor.endEditBlock()
        announce(self.ws, session.tab, position, final, "rewrite", attempt.model_ranges())
        # The rewrite is now the text under the cursors: a second Replace changes nothing.
        session.original = final
        self._show_result(session, cursor)
        registry = self.ws.action_registry
        # The writer's own key for Undo when the shell has one, else the platform's.
        keys = QKeySequence(QKeySequence.StandardKey.Undo)
        if "undo" in registry:
            keys = registry["undo"].shortcut()
        undo = keys.toString(QKeySequence.SequenceFormat.NativeText)
        self.panel.set_status(self.tr("Replaced. %1 undoes it.").replace("%1", undo or "Undo"))
        return True

    def insert_below(self, attempt: Attempt) -> bool:
        """Insert the accepted text as a new paragraph after the selection."""
        session = self._session_of(attempt)
        if session is None or session.end.isNull() or not self.ws.ensure_editable(session.tab):
            return False
        cursor = QTextCursor(session.end)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        # Follow the document's habit: a blank line between paragraphs, or not.
        next_block = cursor.block().next()
        blank = next_block.isValid() and not next_block.text().strip()
        separator, result = ("\n\n" if blank else "\n"), attempt.result()
        position = cursor.position() + len(separator)
        cursor.beginEditBlock()
        cursor.insertText(separator + result)
        cursor.endEditBlock()
        announce(self.ws, session.tab, position, result, "rewrite", attempt.model_ranges())
        self._show_result(session, cursor)
        self.panel.set_status(self.tr("Inserted below the selection."))
        return True

    def copy(self, attempt: Attempt) -> None:
        """Copy the accepted text to the clipboard."""
        QApplication.clipboard().setText(attempt.result())
        self.panel.set_status(self.tr("Copied."))

    def forget_tab(self, tab: DocumentTab) -> None:
        """A tab closed: stop its rewrite and drop the session."""
        if self._session is not None and self._session.tab is tab:
            self.stop()
            self._session = None

    def _session_of(self, attempt: Attempt) -> _Session | None:
        session = self._session
        if session is None or attempt not in session.attempts:
            self.panel.set_status(self.tr("That rewrite belongs to an earlier selection."))
            return None
        if session.tab not in self.ws.documents():
            self.panel.set_status(self.tr("That document was closed."))
            return None
        return session

    def _show_result(self, session: _Session, cursor: QTextCursor) -> None:
        self.ws.show_tab(session.tab)
        editor = session.tab.editor
        view = QTextCursor(cursor)
        view.clearSelection()
        editor.setTextCursor(view)
        editor.setFocus()
