"""Following a document's model-written spans through every edit, undo and redo.

Each span is a pair of QTextCursors: Qt moves them for every edit exactly, where
`contentsChange` reports an input method's one character as its whole paragraph
(measured: committing "你" reports (0, 12, 13) for a 12-character block, and the
pre-edit text before it (0, 12, 12) with no change at all). The start cursor moves
when text is typed at it and the end cursor does not, so typing right before or
after a span stays the writer's. An edit inside a span is found by comparing the
span's own text with what is between its cursors now; `tasks.provenance.kept_parts`
says which characters are still the model's.

Undo and redo put back the spans as they were at that step of the undo stack: a
snapshot per undo index (`availableUndoSteps()`), taken after every edit. Undoing an
accepted suggestion removes its span; redoing it brings the span back.

Positions here are Qt's (UTF-16 units); `spans()` gives them as string indices.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QTextCursor, QTextDocument

from assistant.tasks.provenance import (
    Origin,
    Span,
    from_utf16,
    kept_parts,
    model_words,
    normalize,
    to_utf16,
    utf16_length,
)

#: What the undo history keeps per step: the spans' (start, end) Qt positions, flat, and
#: their (origin, text) pairs.
Snapshot = tuple[tuple[int, ...], tuple[tuple[Origin, str], ...]]


@dataclass
class _Live:
    """One span in the document: two tracked cursors, where it came from, its text."""

    start: QTextCursor
    end: QTextCursor
    origin: Origin
    text: str

    @property
    def range(self) -> tuple[int, int]:
        return self.start.position(), self.end.position()


class SpanTracker(QObject):
    """The model-written spans of one QTextDocument, kept right through every change."""

    #: The spans changed (an edit touched one, text was marked, undo/redo, load).
    changed = Signal()
    #: Any edit while there are spans: they may have moved (a tint follows them).
    moved = Signal()

    def __init__(self, document: QTextDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self._live: list[_Live] = []
        self._structure: tuple[tuple[Origin, str], ...] | None = None
        self._history: dict[int, Snapshot] = {}
        self._command_added = False
        self._undo, self._redo = document.availableUndoSteps(), document.availableRedoSteps()
        self._remember()
        document.undoCommandAdded.connect(self._on_command_added)
        document.contentsChange.connect(self._on_change)

    # -- reading -------------------------------------------------------------------------

    def ranges(self) -> list[tuple[int, int, Origin]]:
        """Every span as (start, end, origin) in Qt positions, in document order."""
        return [(*live.range, live.origin) for live in self._live]

    def spans(self, text: str) -> list[Span]:
        """The spans with string indices into `text` (the document's text now)."""
        if not self._live:
            return []  # autosave asks on every round: no scan of a large text for nothing
        positions = [p for live in self._live for p in live.range]
        indices = from_utf16(text, positions)
        return normalize(
            Span(indices[2 * i], indices[2 * i + 1], live.origin, live.text)
            for i, live in enumerate(self._live)
        )

    def model_words(self) -> int:
        """Words of model text in the document (as the status bar counts words)."""
        return model_words(self._spans_as_text())

    def _spans_as_text(self) -> list[Span]:
        return [Span(*live.range, live.origin, live.text) for live in self._live]

    # -- marking -------------------------------------------------------------------------

    def mark(self, start: int, end: int, origin: Origin) -> None:
        """The text between Qt positions `start` and `end` was just written by the model."""
        if end <= start:
            return
        text = self._text(start, end)
        self._cut(start, end)
        index = next((i for i, live in enumerate(self._live) if live.range[0] >= end), None)
        index = len(self._live) if index is None else index
        before = self._live[index - 1] if index > 0 else None
        if before is not None and before.origin == origin and before.range[1] == start:
            before.end.setPosition(end)  # the next piece of the same acceptance
            before.text += text
        else:
            self._live.insert(index, self._new(start, end, origin, text))
        self._structure = None
        self._remember()
        self.changed.emit()

    def set_spans(self, spans: list[Span], text: str) -> None:
        """Start from these spans (string indices into `text`, the document's text now)."""
        positions = to_utf16(text, [p for s in spans for p in (s.start, s.end)])
        self._set(
            [
                self._new(positions[2 * i], positions[2 * i + 1], s.origin, s.text)
                for i, s in enumerate(spans)
            ]
        )
        self._history = {}
        self._undo, self._redo = self._doc.availableUndoSteps(), self._doc.availableRedoSteps()
        self._remember()
        self.changed.emit()

    def _new(self, start: int, end: int, origin: Origin, text: str) -> _Live:
        first = QTextCursor(self._doc)
        first.setPosition(start)
        last = QTextCursor(self._doc)
        last.setPosition(end)
        # Typing at the end of a span is the writer's: the end stays where it is.
        last.setKeepPositionOnInsert(True)
        return _Live(first, last, origin, text)

    def _cut(self, start: int, end: int) -> None:
        """Characters between `start` and `end` are no longer counted as any span's."""
        kept: list[_Live] = []
        for live in self._live:
            a, b = live.range
            if b <= start or a >= end:
                kept.append(live)
                continue
            left, right = max(0, start - a), max(0, end - a)
            cut_left, cut_right = from_utf16(live.text, [left, min(right, b - a)])
            if a < start:
                kept.append(self._new(a, start, live.origin, live.text[:cut_left]))
            if b > end:
                kept.append(self._new(end, b, live.origin, live.text[cut_right:]))
        self._set(kept)

    def _text(self, start: int, end: int) -> str:
        cursor = QTextCursor(self._doc)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText().replace("\u2029", "\n")

    # -- following edits -----------------------------------------------------------------

    def _on_command_added(self) -> None:
        self._command_added = True

    def _on_change(self, position: int, removed: int, added: int) -> None:
        undo, redo = self._doc.availableUndoSteps(), self._doc.availableRedoSteps()
        command, self._command_added = self._command_added, False
        stepped_back = undo < self._undo and redo > self._redo
        stepped_forward = undo > self._undo and redo < self._redo
        if not command and (stepped_back or stepped_forward) and undo in self._history:
            changed = self._restore(self._history[undo])
        else:
            if undo == 0 and redo == 0:
                self._history = {}  # the undo stack was cleared (a new text was set)
            elif command:
                # A new step replaces whatever could have been redone from here.
                self._history = {k: v for k, v in self._history.items() if k < undo}
            changed = self._follow(position, removed, added, command)
            self._remember(undo)
        self._undo, self._redo = undo, redo
        if changed:
            self.changed.emit()
        elif self._live:
            self.moved.emit()

    def _follow(self, position: int, removed: int, added: int, command: bool) -> bool:
        """Bring the spans up to date after an edit; True if any of them changed."""
        if not self._live:
            return False
        low, high = position, position + added
        kept: list[_Live] = []
        changed = False
        for live in self._live:
            a, b = live.start.position(), live.end.position()  # no tuple per span per key
            if b <= a:
                changed = True
                continue  # all of it was removed (or typed over)
            if b < low or a > high:
                kept.append(live)
                continue
            now = self._text(a, b)
            if now == live.text:
                inside = a <= position and position + added <= b and (position, high) != (a, b)
                if not (command and removed and removed == added and inside):
                    kept.append(live)
                    continue
                # A character typed over one of the same kind (the change is exact here):
                # what was typed is the writer's even though the text reads the same.
                parts = [(0, position - a), (position + added - a, b - a)]
                parts = [
                    tuple(from_utf16(now, [x, y]))  # type: ignore[misc]
                    for x, y in parts
                    if y > x
                ]
            else:
                parts = kept_parts(live.text, now)
            changed = True
            for x, y in parts:
                start = a + utf16_length(now[:x])
                end = start + utf16_length(now[x:y])
                kept.append(self._new(start, end, live.origin, now[x:y]))
        if changed:
            self._set(kept)
        return changed

    # -- undo history --------------------------------------------------------------------

    def _set(self, lives: list[_Live]) -> None:
        self._live = lives
        self._structure = None

    def _origins_and_texts(self) -> tuple[tuple[Origin, str], ...]:
        # Kept between edits: typing moves spans far more often than it changes them.
        if self._structure is None:
            self._structure = tuple((live.origin, live.text) for live in self._live)
        return self._structure

    def _snapshot(self) -> Snapshot:
        # One tuple of plain ints per edit: a per-span tuple on every keystroke made
        # the garbage collector pause typing for milliseconds with a few hundred spans.
        positions: list[int] = []
        for live in self._live:
            positions += (live.start.position(), live.end.position())
        return tuple(positions), self._origins_and_texts()

    def _remember(self, undo: int | None = None) -> None:
        step = self._doc.availableUndoSteps() if undo is None else undo
        self._history[step] = self._snapshot()

    def _restore(self, snapshot: Snapshot) -> bool:
        """Put back the spans of an undo step; True if they differ from the ones now."""
        positions, structure = snapshot
        if structure is self._origins_and_texts() and positions == self._snapshot()[0]:
            return False
        self._set(
            [
                self._new(positions[2 * i], positions[2 * i + 1], origin, text)
                for i, (origin, text) in enumerate(structure)
            ]
        )
        self._structure = structure
        return True
