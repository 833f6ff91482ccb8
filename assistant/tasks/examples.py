"""A quick voice without training: the writer's own paragraphs most like the text at the cursor.

`ParagraphIndex` holds the paragraphs of texts the writer chose and ranks them with
BM25 against the words around the cursor. Words are `tasks.text.word_units`, so a
Chinese paragraph is matched character by character and an English one word by word.
The continue builder puts the best few before the document, within a token budget,
so the model sees how this writer writes; "What the model sees" shows them.
Pure Python; the index is built on first use (on the worker thread, not the GUI's).
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from collections.abc import Callable, Iterable

from assistant.tasks.text import count_text, split_paragraphs, word_units

#: Paragraphs shorter than this say little about a style (headings, dialogue tags).
MIN_EXAMPLE_WORDS = 12
#: Longer paragraphs are left out rather than cut: a cut example teaches a cut style.
MAX_EXAMPLE_WORDS = 220
#: At most this many examples go into one prompt.
MAX_EXAMPLES = 4
#: Words before the cursor that make the query (the current scene, not the chapter).
QUERY_WORDS = 120
_K1 = 1.2
_B = 0.75


class ParagraphIndex:
    """The writer's example paragraphs, ranked by similarity to a query (BM25)."""

    def __init__(self, texts: Iterable[str]) -> None:
        paragraphs: list[str] = []
        seen: set[str] = set()
        for text in texts:
            for paragraph in split_paragraphs(text):
                words = count_text(paragraph)[0]
                if MIN_EXAMPLE_WORDS <= words <= MAX_EXAMPLE_WORDS and paragraph not in seen:
                    seen.add(paragraph)
                    paragraphs.append(paragraph)
        self.paragraphs = paragraphs
        self._lock = threading.Lock()
        self._terms: list[Counter[str]] | None = None
        self._lengths: list[int] = []
        self._idf: dict[str, float] = {}
        self._mean_length = 1.0

    def __len__(self) -> int:
        return len(self.paragraphs)

    def _build(self) -> list[Counter[str]]:
        with self._lock:
            if self._terms is None:
                terms = [Counter(word_units(p)) for p in self.paragraphs]
                frequency: Counter[str] = Counter()
                for counts in terms:
                    frequency.update(counts.keys())
                n = max(1, len(terms))
                self._idf = {
                    t: math.log(1 + (n - df + 0.5) / (df + 0.5)) for t, df in frequency.items()
                }
                self._lengths = [sum(c.values()) for c in terms]
                self._mean_length = max(1.0, sum(self._lengths) / n)
                self._terms = terms
            return self._terms

    def ranked(self, query: str) -> list[int]:
        """Indexes of paragraphs sharing words with `query`, best first."""
        terms = self._build()
        wanted = Counter(word_units(query))
        scores: list[tuple[float, int]] = []
        for i, counts in enumerate(terms):
            score = 0.0
            norm = _K1 * (1 - _B + _B * self._lengths[i] / self._mean_length)
            for term, q_count in wanted.items():
                tf = counts.get(term)
                if tf:
                    score += self._idf[term] * tf * (_K1 + 1) / (tf + norm) * min(q_count, 3)
            if score > 0:
                scores.append((score, i))
        scores.sort(key=lambda s: (-s[0], s[1]))
        return [i for _score, i in scores]


def query_around_cursor(before: str, after: str = "") -> str:
    """The words the examples should resemble: the end of the text before the cursor."""
    words = before.split()
    tail = " ".join(words[-QUERY_WORDS:]) if len(words) > QUERY_WORDS else before
    if count_text(tail)[0] > QUERY_WORDS:  # unspaced CJK text: take characters instead
        tail = before[-QUERY_WORDS * 2 :]
    return f"{tail} {after[:200]}"


def choose_examples(
    index: ParagraphIndex,
    query: str,
    budget_tokens: int,
    count_tokens: Callable[[str], int],
    exclude: str = "",
) -> list[str]:
    """The most similar paragraphs that fit `budget_tokens`, most similar last.

    Paragraphs found verbatim in `exclude` (the document itself) are skipped: the
    model already sees them.
    """
    chosen: list[str] = []
    used = 0
    for i in index.ranked(query):
        if len(chosen) >= MAX_EXAMPLES:
            break
        paragraph = index.paragraphs[i]
        if paragraph in exclude:
            continue
        cost = count_tokens(paragraph + "\n\n")
        if used + cost > budget_tokens:
            continue
        chosen.append(paragraph)
        used += cost
    chosen.reverse()  # the best example nearest the writer's own text
    return chosen
