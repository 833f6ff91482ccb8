"""Token ids to whole-character text deltas, for the local (transformers) backend."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from assistant.engine.text_stream import TextFilter


class TextEmitter:
    """Turns token ids into whole-character text deltas, holding back stop strings.

    Byte-level tokenizers split a CJK character over several tokens; decoding such
    a prefix ends in U+FFFD, so we wait until the character is complete. The text
    invariants (line breaks, control characters, stop strings) are the shared
    `TextFilter`'s, the same for every backend.
    """

    def __init__(self, tokenizer: Any, context: list[int], stop: Sequence[str]) -> None:
        self.tokenizer = tokenizer
        self.tokens = list(context)
        self.prefix_offset = 0
        self.read_offset = len(context)
        self.token_count = 0
        self.filter = TextFilter(stop)

    def _decode(self, tokens: list[int]) -> str:
        return self.tokenizer.decode(tokens, skip_special_tokens=True)

    def push(self, token: int) -> tuple[str, bool]:
        """Add one token; return (text safe to show now, stop string reached)."""
        self.tokens.append(token)
        self.token_count += 1
        prefix_text = self._decode(self.tokens[self.prefix_offset : self.read_offset])
        new_text = self._decode(self.tokens[self.prefix_offset :])
        if len(new_text) <= len(prefix_text) or new_text.endswith("\ufffd"):
            return "", False
        self.prefix_offset = self.read_offset
        self.read_offset = len(self.tokens)
        # A token sequence that is not valid UTF-8 at all (rare; random models)
        # would show U+FFFD, and byte tokens can spell control characters (NUL...):
        # the filter keeps both out of a writer's document.
        return self.filter.push(new_text[len(prefix_text) :])

    def flush(self) -> str:
        """Text held back for a stop string that never came."""
        return self.filter.flush()
