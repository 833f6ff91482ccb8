"""Inline ghost-text suggestions as the writer types (Copilot-style, for prose).

`GhostFlow` owns the feature: the request it waits for, the keys (Tab accepts,
Ctrl+Right accepts a word, Esc dismisses, Alt+] / Alt+[ cycle alternatives
generated on demand, typing a matching character consumes it) and cancelling the
request the moment the writer does anything else. The pause after an edit, and
whether to offer there, is `GhostPause` (`pause.py`).
Rules about text (when to offer, prompt, clean-up) live in `assistant.tasks.ghost`;
drawing (never in the document) in `paint.py`; what keys mean in `keys.py`.
"""

from __future__ import annotations

import contextlib
import logging
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QKeyEvent

from assistant.engine.generation_result import GenerationResult
from assistant.ui.documents.editor import Editor
from assistant.ui.features.common.model_text import announce
from assistant.ui.features.ghost.keys import Key, classify
from assistant.ui.features.ghost.paint import GhostPainter
from assistant.ui.features.ghost.pause import GhostPause
from assistant.ui.generation.job import GenerationJob

if TYPE_CHECKING:
    from assistant.tasks.suggestion import SuggestionSession
    from assistant.ui.features.ghost.switches import GhostSwitches
    from assistant.ui.shell.workspace import Workspace

log = logging.getLogger(__name__)

#: Alternatives sample warmer than the first suggestion, or they repeat it.
ALT_MIN_TEMPERATURE = 0.9
#: Attempts at an alternative that differs from the ones already shown.
ALT_ATTEMPTS = 3


class GhostFlow(QObject):
    """Offers, streams, shows, accepts and cancels inline suggestions."""

    #: A suggestion was requested (request id); the bench times from here.
    requested = Signal(int)
    #: The ghost text on screen changed (text, final: the model has finished it).
    shown = Signal(str, bool)
    #: The suggestion went away (accepted, dismissed or replaced by an edit).
    dismissed = Signal()

    def __init__(self, workspace: Workspace, switches: GhostSwitches) -> None:
        super().__init__(workspace.dialog_parent())
        self.ws = workspace
        self.pause = GhostPause(workspace, switches, lambda e: id(e) in self._painters, self)
        self.pause.due.connect(self._offer)
        self.switches = switches
        switches.turned_off.connect(self._on_turned_off)
        self._painters: dict[int, GhostPainter] = {}
        self._editor: Editor | None = None  # where the suggestion (or its request) is
        self._session: SuggestionSession | None = None
        self._job: GenerationJob | None = None
        self._internal_edit = False
        # For the statistics: was this pause's suggestion seen, and was any of it taken?
        self._seen = False
        self._taken = False
        self._offered_at = datetime.now(timezone.utc)
        workspace.generation.submitted.connect(self._on_submitted)
        workspace.signals.document_added.connect(lambda tab: self.attach(tab.editor))

    # -- public API ----------------------------------------------------------------------

    def attach(self, editor: Editor) -> None:
        """Watch an editor for pauses and keys (call once per document)."""
        key = id(editor)
        if key in self._painters:
            return
        self._painters[key] = GhostPainter(editor)
        editor.installEventFilter(self)
        editor.viewport().installEventFilter(self)
        editor.document().contentsChange.connect(
            lambda *_change, e=editor: self._on_contents_change(e)
        )
        editor.cursorPositionChanged.connect(lambda e=editor: self._on_cursor_moved(e))
        editor.destroyed.connect(lambda *_a, k=key: self._forget(k))

    @property
    def text(self) -> str:
        """The suggestion on screen ("" when none)."""
        return self._session.text if self._session is not None else ""

    @property
    def generating(self) -> bool:
        """A suggestion request is in flight."""
        return self._job is not None

    @property
    def alternatives(self) -> list[str]:
        """The suggestions generated for this pause so far."""
        return list(self._session.alternatives) if self._session is not None else []

    def dismiss(self) -> None:
        """Remove the suggestion and cancel its request now (the writer moved on)."""
        self.pause.stop()
        self._cancel_request()
        had = self._session is not None and bool(self._session.alternatives)
        self._hide()
        self._session = None
        self._editor = None
        if self._seen and not self._taken:
            self.ws.signals.suggestion_dismissed.emit("ghost")
        self._seen = self._taken = False
        if had:
            self.dismissed.emit()

    # -- accepting ---------------------------------------------------------------------

    def accept_all(self) -> None:
        """Insert the whole suggestion as one undo step (Tab)."""
        text, editor = self.text, self._editor
        if not text or editor is None:
            return
        self._insert(editor, text)
        self.dismiss()
        # A pause after accepting is a pause after an edit: offer the next piece.
        self.pause.arm(editor, editor.textCursor().position())

    def accept_word(self) -> None:
        """Insert the next word of the suggestion as its own undo step (Ctrl+Right)."""
        editor = self._editor
        from assistant.tasks import ghost as rules  # on use, like every rule below

        word = rules.next_word(self.text)
        if not word or editor is None:
            return
        self._insert(editor, word)
        self._consume(editor, word)

    def cycle(self, step: int) -> None:
        """Show the next (+1) or previous (-1) alternative, generating a new one lazily."""
        session = self._session
        if session is None or not session.alternatives or self._editor is None:
            return
        if session.cycle(step):
            self._cancel_request()  # what has streamed of the current one stays
            self._request(alternative=True)
            return
        self._show()

    # -- event handling --------------------------------------------------------------------

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Route keys, clicks, input-method and focus events of attached editors."""
        etype = event.type()
        if etype == QEvent.Type.MouseButtonPress:
            self.dismiss()  # a click places the cursor: the suggestion is stale
            return False
        if not isinstance(obj, Editor):
            return False
        if etype == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            # Window shortcuts (Esc = Stop) must not steal the suggestion's keys.
            if obj is self._editor and self._owns_key(classify(event)):
                event.accept()
                return True
            return False
        if etype == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._on_key(obj, event)
        if etype in (QEvent.Type.InputMethod, QEvent.Type.FocusOut):
            # Never while an input method composes; focus elsewhere means moved on.
            self.dismiss()
        return False

    def _owns_key(self, key: Key) -> bool:
        if key is Key.DISMISS:
            return bool(self.alternatives) or self.generating
        return bool(self.text) and key in (Key.ACCEPT, Key.WORD, Key.NEXT, Key.PREVIOUS)

    def _on_key(self, editor: Editor, event: QKeyEvent) -> bool:
        key = classify(event)
        if key is Key.MODIFIER:
            return False
        if editor.composing or editor is not self._editor:
            self.dismiss()
            return False
        if self._owns_key(key):
            if key is Key.ACCEPT:
                self.accept_all()
            elif key is Key.WORD:
                self.accept_word()
            elif key is Key.DISMISS:
                self.dismiss()
            else:
                self.cycle(1 if key is Key.NEXT else -1)
            return True
        typed = event.text()
        if key is Key.TEXT and self.text.startswith(typed):
            # Typing what the ghost shows consumes it; the rest stays on screen.
            self._hide()
            self._internal_edit = True
            try:
                editor.keyPressEvent(event)
            finally:
                self._internal_edit = False
            session = self._session
            if session is not None and editor.textCursor().position() == session.position + len(
                typed
            ):
                self._consume(editor, typed)
            else:
                self.dismiss()
            return True
        self.dismiss()  # any other key: cancel the request now, before the edit lands
        return False

    def _on_contents_change(self, editor: Editor) -> None:
        if self._internal_edit:
            return
        self.dismiss()
        if editor.ai_request_id is None and not editor.isReadOnly():
            # Not a streamed insertion: the writer typed. (contentsChange's own
            # numbers count a block separator at the document start; the cursor,
            # already moved past the edit, is the reliable "where they typed".)
            self.pause.arm(editor, editor.textCursor().position())

    def _on_cursor_moved(self, editor: Editor) -> None:
        if self._internal_edit:
            return
        cursor = editor.textCursor()
        session = self._session
        if editor is self._editor and (
            cursor.hasSelection() or session is None or cursor.position() != session.position
        ):
            self.dismiss()

    def _on_submitted(self, job: GenerationJob) -> None:
        # Another generation (continue, rewrite, chat) takes the model: step aside.
        if not job.background:
            self.dismiss()

    # -- the offer and its request -------------------------------------------------------------

    def _on_turned_off(self, editor: Editor | None) -> None:
        if editor is None or editor is self._editor:
            self.dismiss()

    def _offer(self, editor: Editor, before: str, after: str, position: int) -> None:
        """The writer paused where a suggestion makes sense: ask for one."""
        self._editor = editor
        # The rules and their regexes are imported at the first pause, not at start-up.
        from assistant.tasks.suggestion import SuggestionSession

        self._session = SuggestionSession(before, after, position)
        self._seen = self._taken = False
        self._offered_at = datetime.now(timezone.utc)
        self._request(alternative=False)

    def _request(self, alternative: bool) -> None:
        session = self._session
        assert session is not None
        s = self.ws.settings
        sampling = s.preset("ghost").to_sampling().with_(max_new_tokens=s.ghost.max_tokens)
        if alternative:
            seed = (sampling.seed or 0) + 101 * (len(session.alternatives) + session.attempts)
            temperature = max(sampling.temperature, ALT_MIN_TEMPERATURE)
            sampling = sampling.with_(seed=seed, temperature=temperature)
        from assistant.tasks import ghost as rules

        spec = rules.build_spec(session.before + session.consumed, session.after, sampling)
        session.begin_request(alternative)
        # Raw deltas: suggestions clean them themselves (`rules.clean`) and cannot wait
        # for the pipeline's hold-back; background: they never light the Stop button.
        job = self._job = self.ws.generation.submit(spec, background=True, raw_stream=True)
        job.chunk.connect(lambda delta: self._on_chunk(job, delta))
        job.finished.connect(lambda result: self._on_finished(job, result))
        job.failed.connect(lambda message: self._on_failed(job, message))
        self.requested.emit(job.id)

    def _cancel_request(self) -> None:
        job, self._job = self._job, None
        if job is not None:
            job.cancel()
            if self._session is not None:
                self._session.drop_unanswered()

    def _on_chunk(self, job: GenerationJob, delta: str) -> None:
        if job is self._job and self._session is not None:
            self._session.raw += delta
            self._update(final=False)

    def _on_finished(self, job: GenerationJob, result: GenerationResult) -> None:
        if result.refused and self._editor is not None:
            # A language the model does not write: no suggestions in this document,
            # and the writer is told why once (not after every pause).
            editor = self._editor
            self.switches.set_document_enabled(editor, False)
            self.ws.show_status(result.refused, 15000)
            return
        if job is self._job:
            self._job = None
            self._update(final=True)

    def _on_failed(self, job: GenerationJob, message: str) -> None:
        if job is self._job:
            # A suggestion is optional: no banner, the writer keeps typing.
            log.info("ghost suggestion failed: %s", message)
            self._job = None
            self._update(final=True)

    def _update(self, final: bool) -> None:
        """Re-clean the raw output of the request in flight and show it."""
        session = self._session
        if session is None:
            return
        from assistant.tasks.suggestion import Next

        step, done = session.take(final, ALT_ATTEMPTS)
        if done and self._job is not None:
            # Stop the model once the suggestion is complete: frees it for the next one.
            self._job.cancel()
            self._job = None
        if step is Next.RETRY:
            self._request(alternative=True)
        elif step is Next.SHOW:
            self._show()
        elif step is Next.DISMISS:
            self.dismiss()

    def _consume(self, editor: Editor, typed: str) -> None:
        """The writer typed (or accepted) `typed`: keep the rest of what matches."""
        session = self._session
        assert session is not None
        if self._job is not None and not session.showing_last:
            self._cancel_request()  # streaming an alternative nobody is looking at
        session.consume(typed)
        if not self.text and not self.generating:
            self._seen = False  # typed (or taken) to its end: not dismissed
            self.dismiss()
            self.pause.arm(editor, editor.textCursor().position())  # all used up: offer more
            return
        self._show()

    # -- drawing and inserting --------------------------------------------------------

    def _show(self) -> None:
        painter = self._painters.get(id(self._editor)) if self._editor is not None else None
        if painter is not None and self._session is not None:
            painter.show(self._session.position, self.text)
            if self.text and not self._seen:
                self._seen = True
                self.ws.signals.suggestion_shown.emit("ghost")
            self.shown.emit(self.text, self._job is None)

    def _hide(self) -> None:
        painter = self._painters.get(id(self._editor)) if self._editor is not None else None
        if painter is not None:
            painter.hide()

    def _insert(self, editor: Editor, text: str) -> None:
        self._hide()
        self._internal_edit = True
        try:
            cursor = editor.textCursor()
            assert self._session is not None
            position = self._session.position
            cursor.setPosition(position)
            cursor.beginEditBlock()  # one undo step per acceptance
            cursor.insertText(text)
            cursor.endEditBlock()
            editor.setTextCursor(cursor)
        finally:
            self._internal_edit = False
        self._taken = True
        tab = next((t for t in self.ws.documents() if t.editor is editor), None)
        if tab is not None:
            # Word by word or all at once: one suggestion is one acceptance.
            announce(self.ws, tab, position, text, "ghost", accepted_at=self._offered_at)

    def _forget(self, key: int) -> None:
        # Runs while Qt tears widgets down (perhaps this window too): plain Python only.
        self._painters.pop(key, None)
        self.switches.forget(key)
        self.pause.forget(key)
        if self._editor is not None and id(self._editor) == key:
            self._editor, self._session = None, None
            job, self._job = self._job, None
            if job is not None:
                with contextlib.suppress(RuntimeError):  # the controller may be gone too
                    job.cancel()
