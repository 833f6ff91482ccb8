"""The text invariants every backend's output passes through before a writer sees it.

The editor keeps only "\\n" line breaks and must never receive U+FFFD, control
characters or half a character; a stop string must never flash into the document.
A local model decodes tokens (and may split a character over several), a model
server sends JSON strings (and may cut a surrogate pair or send "\\r\\n"): both feed
their text through one `TextFilter`, and every caller reads a backend through
`clean_stream`, so no backend can break the editor. Pure Python: no torch, no Qt.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from assistant.tasks.types import GenerationRequest

# U+FFFD and C0/C1 control characters other than tab and newlines.
UNPRINTABLE = re.compile("[\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
LINE_BREAKS = re.compile("\r\n|\r|\u2029")
# UTF-16 surrogates: a pair becomes one character; a lone one is invalid text.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _is_high_surrogate(ch: str) -> bool:
    return "\ud800" <= ch <= "\udbff"


class TextFilter:
    """Turns raw text pieces into editor-safe text, holding back possible stop strings.

    `push` returns the text that is safe to show now and whether a stop string was
    reached (the text is then cut just before it); `flush` returns what was held
    back once the stream ends without a stop string.
    """

    def __init__(self, stop: Sequence[str] = ()) -> None:
        self.stop = [s for s in stop if s]
        self.text = ""  # all clean text so far
        self.emitted = 0  # characters of `text` already released
        self._pending = ""  # a "\r" or a high surrogate waiting for its other half

    def push(self, piece: str) -> tuple[str, bool]:
        """Add a piece of raw text; return (text safe to show now, stop string reached)."""
        self._append(piece)
        return self._release()

    def flush(self) -> str:
        """Everything still held back (call once the stream has ended)."""
        if self._pending == "\r":
            self.text += "\n"
        self._pending = ""
        out = self.text[self.emitted :]
        self.emitted = len(self.text)
        return out

    def _append(self, piece: str) -> None:
        piece = self._pending + piece
        self._pending = ""
        if piece and _is_high_surrogate(piece[-1]):
            # A server may cut an emoji (or a rare CJK character) between two JSON strings.
            self._pending, piece = piece[-1], piece[:-1]
        if _LONE_SURROGATE.search(piece):
            # Join the pairs that are complete; drop any half that stays alone.
            piece = piece.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
            piece = _LONE_SURROGATE.sub("", piece)
        # The editor keeps only "\n" line breaks (and shows U+2029 as one), so the
        # text we report must already be in that form to match what was inserted.
        piece = UNPRINTABLE.sub("", piece)
        if piece.endswith("\r") and not self._pending:
            self._pending, piece = "\r", piece[:-1]  # maybe the first half of "\r\n"
        self.text += LINE_BREAKS.sub("\n", piece)

    def _release(self) -> tuple[str, bool]:
        for stop in self.stop:
            at = self.text.find(stop, max(0, self.emitted - len(stop)))
            if at != -1:
                out = self.text[self.emitted : at]
                self.emitted = len(self.text)
                return out, True
        safe = len(self.text) - self._held_back()
        out = self.text[self.emitted : safe] if safe > self.emitted else ""
        self.emitted = max(self.emitted, safe)
        return out, False

    def _held_back(self) -> int:
        # Longest suffix of the text that could still grow into a stop string.
        longest = 0
        for stop in self.stop:
            for n in range(min(len(stop) - 1, len(self.text)), 0, -1):
                if self.text.endswith(stop[:n]):
                    longest = max(longest, n)
                    break
        return longest


class Streaming(Protocol):
    """Anything with the backend contract's `stream` (kept apart: backend.py uses this module)."""

    def stream(self, request: GenerationRequest, cancel: threading.Event) -> Iterator[str]:
        """Yield text deltas."""


def clean_stream(
    backend: Streaming, request: GenerationRequest, cancel: threading.Event
) -> Iterator[str]:
    """`backend.stream(request, cancel)` through a `TextFilter` for the request's stops.

    The one way callers read a backend. A stop string the backend did not catch
    itself (a server takes only a few) ends the stream here: the backend's
    generator is closed (a server connection with it) and the stop reason recorded.
    """
    text_filter = TextFilter(request.stop)
    deltas = backend.stream(request, cancel)
    hit_stop = False
    try:
        for delta in deltas:
            out, hit_stop = text_filter.push(delta)
            if out:
                yield out
            if hit_stop:
                break
    finally:
        deltas.close()  # at once: a closed server stream stops generating
    if hit_stop:
        if not cancel.is_set():
            backend.last_stats = replace(backend.last_stats, stop_reason="stop_string")
        return
    tail = text_filter.flush()
    if tail:
        yield tail
