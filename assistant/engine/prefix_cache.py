"""Reuse of the KV cache for a shared token prefix.

A writer's requests mostly re-send the same document: continue-writing after a
few more typed words, or a ghost suggestion after a pause. Keeping the KV cache
of the last prompt and cropping it to the longest common token prefix turns a
2000-token prefill (seconds) into a few new tokens (tens of milliseconds).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


def common_prefix_length(a: list[int], b: list[int]) -> int:
    """Number of leading tokens that `a` and `b` share."""
    limit = min(len(a), len(b))
    i = 0
    # Compare in blocks first: documents share thousands of tokens.
    block = 256
    while i + block <= limit and a[i : i + block] == b[i : i + block]:
        i += block
    while i < limit and a[i] == b[i]:
        i += 1
    return i


@dataclass
class PrefixCache:
    """The token ids whose keys/values are held in `cache` (a transformers Cache)."""

    tokens: list[int] = field(default_factory=list)
    cache: Any = None
    hits: int = 0
    misses: int = 0

    def take(self, prompt: list[int]) -> tuple[Any, int]:
        """Return (cache cropped to the reusable prefix, number of reused tokens).

        At least one prompt token is always left to feed, because the model must
        produce logits for the last position. The returned cache is then owned by
        the caller until `store` is called again.
        """
        if self.cache is None or not self.tokens:
            self.misses += 1
            return None, 0
        reuse = min(common_prefix_length(self.tokens, prompt), len(prompt) - 1)
        if reuse <= 0:
            self.clear()
            self.misses += 1
            return None, 0
        cache = self.cache
        held = cache.get_seq_length()
        if held > reuse:
            cache.crop(-(held - reuse))
        self.cache = None
        self.tokens = []
        self.hits += 1
        return cache, reuse

    def store(self, tokens: list[int], cache: Any) -> None:
        """Remember that `cache` holds keys/values for exactly `tokens`."""
        self.tokens = list(tokens)
        self.cache = cache

    def clear(self) -> None:
        """Drop the cached keys/values (frees memory)."""
        self.tokens = []
        self.cache = None
