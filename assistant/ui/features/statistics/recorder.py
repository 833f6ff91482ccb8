"""Recording what happens while the writer writes, into the statistics store.

Keys and input-method commits in an editor are *typed* text (counted with
`tasks.writing_stats.typed_words`, like the status bar counts words); model text
arrives as `model_text_inserted`; suggestions are shown and dismissed as the
workspace says. Any of these is activity: the gaps between them, idle pauses left
out, are active writing time, and the first and last moments make the document's
writing session. Counts wait in memory and are written every half minute, and
when a document is saved or closed, one transaction per document.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QTextCursor

from assistant.storage.stats import StatsError, StatsStore
from assistant.storage.stats_records import Activity, Moments, document_source
from assistant.tasks.text import count_text
from assistant.tasks.writing_stats import ActiveClock, typed_characters, typed_words
from assistant.ui.documents.editor import Editor
from assistant.ui.shell.after_paint import after_first_paint

if TYPE_CHECKING:
    from assistant.engine.generation_result import GenerationResult
    from assistant.ui.documents.document_tab import DocumentTab
    from assistant.ui.generation.job import GenerationJob
    from assistant.ui.shell.workspace import ModelText, Workspace

log = logging.getLogger(__name__)

#: How often the counts waiting in memory are written.
FLUSH_INTERVAL_MS = 30_000
_SHORTCUT_MODIFIERS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier


@dataclass
class _Document:
    """What one open document did since its counts were last written."""

    source: str
    clock: ActiveClock = field(default_factory=ActiveClock)
    pending: dict[tuple[date, str], Activity] = field(default_factory=dict)
    first: float | None = None
    last: float | None = None
    active: float = 0.0
    #: Model text accepted and not counted yet, by (task, accepted_at): one continuation
    #: arrives in many pieces, so its words are counted once it is complete.
    accepting: dict[tuple[str, datetime], tuple[QTextCursor, QTextCursor]] = field(
        default_factory=dict
    )

    def add(self, activity: Activity) -> None:
        key = (activity.day, activity.task)
        old = self.pending.get(key)
        if old is None:
            self.pending[key] = activity
            return
        self.pending[key] = replace(
            old, **{name: getattr(old, name) + getattr(activity, name) for name in _COUNTS}
        )

    def touch(self, now: float) -> None:
        self.active += self.clock.touch(now)
        self.first = now if self.first is None else self.first
        self.last = now


_COUNTS = (
    "typed_words", "typed_characters", "accepted_words", "accepted_characters", "shown",
    "accepted", "dismissed", "active_seconds",
)  # fmt: skip


class StatisticsRecorder(QObject):
    """Counts typing, accepted model text and suggestions per document and day."""

    #: Typed or accepted text changed today's totals (the goal follows).
    typed = Signal()
    #: Writing the statistics failed (a readable sentence; shown once per problem).
    failed = Signal(str)

    def __init__(self, workspace: Workspace, store: StatsStore | None = None) -> None:
        super().__init__(workspace.dialog_parent())
        self.ws = workspace
        self.store = store or StatsStore()
        self.documents: dict[DocumentTab, _Document] = {}
        self._last_error = ""
        #: Set once "Delete all my data" ran: nothing more is written.
        self.stopped = False
        self.today = date.today()
        #: Today's typed words and characters, all documents (written and waiting).
        self.typed_today = (0, 0)
        self._today_loaded = False
        if workspace.settings.goals.daily_target > 0:
            self._load_today_once()  # the goal is on screen from the first paint
        else:
            # Nothing shows it yet: the statistics database (created on a first start)
            # opens after the window is painted.
            after_first_paint(self._load_today_once)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.flush)
        self._timer.start(FLUSH_INTERVAL_MS)
        signals = workspace.signals
        signals.document_added.connect(self._attach)
        signals.document_closing.connect(self._on_closing)
        signals.model_text_inserted.connect(self._on_model_text)
        signals.suggestion_shown.connect(lambda task: self._count_suggestion(task, shown=1))
        signals.suggestion_dismissed.connect(lambda task: self._count_suggestion(task, dismissed=1))
        signals.closing.connect(self.flush)
        signals.flush_requested.connect(self.flush)
        signals.all_data_deleted.connect(self._stop)
        workspace.generation.submitted.connect(self._on_submitted)

    # -- documents ---------------------------------------------------------------------

    def _attach(self, tab: DocumentTab) -> None:
        self.documents[tab] = _Document(document_source(tab.path, tab.recovery_id))
        tab.editor.installEventFilter(self)
        tab.saved.connect(lambda path: self._on_saved(tab, path))
        tab.loaded.connect(lambda: self._on_loaded(tab))

    def _on_loaded(self, tab: DocumentTab) -> None:
        # A file opened into the empty first tab: from now on it is that file's writing.
        state = self.documents.get(tab)
        if state is not None and tab.path is not None:
            self._write(state)
            state.source = document_source(tab.path)

    def _on_closing(self, tab: DocumentTab) -> None:
        self.flush()
        self.documents.pop(tab, None)

    def _on_saved(self, tab: DocumentTab, path: str) -> None:
        state = self.documents.get(tab)
        if state is None:
            return
        self._write(state)
        new = document_source(path)
        if new != state.source:
            if state.source.startswith("untitled:"):
                self._guard(lambda: self.store.move(state.source, new))  # its first name
            state.source = new

    # -- what happens ----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Count keys and input-method commits typed into an editor (never consumes them)."""
        if not isinstance(watched, Editor) or watched.isReadOnly():
            return False
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            text = event.text()
            if watched.composing or event.modifiers() & _SHORTCUT_MODIFIERS:
                text = ""
            elif not text.isprintable() or event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
                text = ""  # Enter, Backspace, Tab (which also accepts a suggestion)
            self._on_typed(watched, text)
        elif (
            kind == QEvent.Type.InputMethod
            and isinstance(event, QInputMethodEvent)
            and event.commitString()
        ):
            self._on_typed(watched, event.commitString())
        return False

    def _tab_of(self, editor: Editor) -> DocumentTab | None:
        return next((t for t in self.documents if t.editor is editor), None)

    def _on_typed(self, editor: Editor, text: str) -> None:
        tab = self._tab_of(editor)
        if tab is None:
            return
        state = self.documents[tab]
        state.touch(time.time())
        if not text:
            return
        cursor = QTextCursor(editor.textCursor())
        start = cursor.selectionStart()
        cursor.setPosition(max(0, start - 2))
        cursor.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
        before = cursor.selectedText().replace("\u2029", "\n")
        words, characters = typed_words(before, text), typed_characters(text)
        self._roll_day()
        state.add(Activity(self.today, "", typed_words=words, typed_characters=characters))
        self.typed_today = (self.typed_today[0] + words, self.typed_today[1] + characters)
        self.typed.emit()

    def _on_model_text(self, inserted: ModelText) -> None:
        state = self.documents.get(inserted.tab)
        if state is None:
            return
        state.touch(time.time())
        key = (inserted.task, inserted.accepted_at)
        document = inserted.tab.editor.document()
        if key in state.accepting:
            first, last = state.accepting[key]
            first.setPosition(min(first.position(), inserted.start))
            last.setPosition(max(last.position(), inserted.end))
        else:
            self._count_accepted(state)  # the one before is complete now
            first, last = QTextCursor(document), QTextCursor(document)
            first.setPosition(inserted.start)
            last.setPosition(inserted.end)
            last.setKeepPositionOnInsert(True)  # typing after it is not the model's
            state.accepting[key] = (first, last)
        self.typed.emit()

    def _count_accepted(self, state: _Document) -> None:
        """Count the words of acceptances that are complete (once, each as a whole)."""
        complete, state.accepting = list(state.accepting.items()), {}
        for (task, _when), (first, last) in complete:
            cursor = QTextCursor(first)
            cursor.setPosition(
                max(first.position(), last.position()), QTextCursor.MoveMode.KeepAnchor
            )
            words, characters = count_text(cursor.selectedText().replace("\u2029", "\n"))
            state.add(
                Activity(
                    self.today,
                    task,
                    accepted_words=words,
                    accepted_characters=characters,
                    accepted=1,
                )
            )

    def _count_suggestion(self, task: str, shown: int = 0, dismissed: int = 0) -> None:
        tab = self.ws.current_tab()
        state = self.documents.get(tab) if tab is not None else None
        if state is not None:
            self._roll_day()
            state.add(Activity(self.today, task, shown=shown, dismissed=dismissed))

    def _on_submitted(self, job: GenerationJob) -> None:
        # Inline suggestions say themselves when one is shown; the rest is shown when done.
        if not job.background:
            job.finished.connect(lambda result, j=job: self._on_finished(j, result))

    def _on_finished(self, job: GenerationJob, result: GenerationResult) -> None:
        offered = len(result.alternatives) or (1 if result.text.strip() else 0)
        if offered:
            self._count_suggestion(job.spec.kind, shown=offered)

    # -- writing ---------------------------------------------------------------------------

    def _roll_day(self) -> None:
        if date.today() != self.today:
            self.flush()
            self.today = date.today()
            self._load_today()

    def _load_today_once(self) -> None:
        # Today's totals so far, plus what was typed before they were read.
        if self._today_loaded:
            return
        self._today_loaded = True
        meanwhile = self.typed_today
        self._load_today()
        self.typed_today = (self.typed_today[0] + meanwhile[0], self.typed_today[1] + meanwhile[1])
        if meanwhile != self.typed_today:
            self.typed.emit()

    def _load_today(self) -> None:
        days = self._guard(lambda: self.store.days(first=self.today)) or []
        today = next((d for d in days if d.day == self.today), None)
        self.typed_today = (today.typed_words, today.typed_characters) if today else (0, 0)

    def flush(self) -> None:
        """Write every document's waiting counts (and extend its session)."""
        self._load_today_once()  # before the waiting counts reach the database
        for state in self.documents.values():
            self._write(state)

    def _write(self, state: _Document) -> None:
        if self.stopped:
            return
        self._count_accepted(state)
        moments = None
        if state.first is not None and state.last is not None:
            moments = Moments(state.first, state.last, state.active)
        activities = list(state.pending.values())
        if state.active:
            # Active time goes with the writer's own row of the day it ends in.
            activities.append(Activity(date.today(), "", active_seconds=state.active))
        if not activities and moments is None:
            return
        if self._guard(lambda: self.store.add(state.source, activities, moments)) is not False:
            state.pending.clear()
            state.first = state.last = None
            state.active = 0.0

    def _stop(self) -> None:
        # Everything was deleted and the window closes: writing now would start again.
        self.stopped = True
        self._today_loaded = True  # and reading would create the database again
        self._timer.stop()
        self.clear()

    def clear(self) -> None:
        """Statistics were cleared: forget what waits in memory and today's totals."""
        for state in self.documents.values():
            state.pending.clear()
            state.first = state.last = None
            state.active = 0.0
        self.typed_today = (0, 0)
        self.typed.emit()

    def _guard(self, work):  # noqa: ANN001, ANN202 - a callable and its result (False: failed)
        try:
            result = work()
        except StatsError as exc:
            log.warning("statistics: %s", exc)
            if str(exc) != self._last_error:  # once per distinct problem, not every 30 s
                self._last_error = str(exc)
                self.failed.emit(str(exc))
            return False
        self._last_error = ""
        return True if result is None else result
