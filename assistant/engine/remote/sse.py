"""Server-sent events: the `data` payloads of a text/event-stream, event by event.

Per the HTML living standard: lines starting with ":" are comments (keep-alive
pings), an event's `data:` lines are joined with "\n", a blank line ends the
event, and other fields (`event:`, `id:`, `retry:`) do not matter to a completion
stream.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator


class SSEDecoder:
    """Feed lines one at a time; `feed` returns a finished event's data, or None."""

    def __init__(self) -> None:
        self._data: list[str] = []

    def feed(self, line: str) -> str | None:
        """Take one line (without its line break); return the data of an event it ends."""
        if not line:
            return self.end()
        if line.startswith(":"):
            return None
        name, _, value = line.partition(":")
        if value.startswith(" "):
            value = value[1:]
        if name == "data":
            self._data.append(value)
        return None

    def end(self) -> str | None:
        """The data of an event still open when the stream ends (or at a blank line)."""
        if not self._data:
            return None
        data, self._data = "\n".join(self._data), []
        return data


def iter_events(lines: Iterable[str]) -> Iterator[str]:
    """Every event's data in a sequence of lines."""
    decoder = SSEDecoder()
    for line in lines:
        data = decoder.feed(line)
        if data is not None:
            yield data
    data = decoder.end()
    if data is not None:
        yield data
