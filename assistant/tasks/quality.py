"""Judge model outputs without a model: loops, copying, length, staying on subject.

Units are words for Latin text and characters for CJK text (Chinese has no
spaces), so every metric works on English, Chinese and mixed text alike.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from assistant.tasks.text import split_sentences, word_units

#: n for copy detection: 8 words (or characters) in a row rarely match by chance.
COPY_N = 8
#: n for repetition: 4-grams repeat only when a phrase is recycled.
REPEAT_N = 4


def _ngrams(units: list[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(units[i : i + n]) for i in range(len(units) - n + 1)]


def repetition_score(text: str) -> float:
    """0 for varied text, towards 1 for a loop ("The island was gone." ten times).

    The larger of: the fraction of 4-grams that already occurred earlier, and
    the fraction of sentences that repeat an earlier sentence.
    """
    grams = _ngrams(word_units(text), REPEAT_N)
    gram_score = 0.0
    if grams:
        counts = Counter(grams)
        gram_score = sum(c - 1 for c in counts.values()) / len(grams)
    sentences = [" ".join(word_units(s)) for s in split_sentences(text)]
    sentences = [s for s in sentences if s]
    sentence_score = 0.0
    if len(sentences) > 1:
        sentence_score = (len(sentences) - len(set(sentences))) / len(sentences)
    return max(gram_score, sentence_score)


def copy_ratio(output: str, source: str, n: int = COPY_N) -> float:
    """Fraction of the output's words (CJK: characters) inside an n-gram copied from source.

    A summary that pastes source sentences scores near 1; one in its own words
    near 0. Outputs shorter than n units are compared whole.
    """
    out = word_units(output)
    if not out:
        return 0.0
    src = word_units(source)
    n = min(n, len(out))
    source_grams = set(_ngrams(src, n))
    covered = [False] * len(out)
    for i, gram in enumerate(_ngrams(out, n)):
        if gram in source_grams:
            for j in range(i, i + n):
                covered[j] = True
    return sum(covered) / len(out)


def length_ratio(output: str, source: str) -> float:
    """Length of the output relative to the source, in words (CJK: characters)."""
    source_len = len(word_units(source))
    return len(word_units(output)) / source_len if source_len else 0.0


def mentions_subject(output: str, keywords: Iterable[str]) -> bool:
    """True when the output names at least one of the keywords (case-insensitive)."""
    lowered = output.lower()
    return any(k.lower() in lowered for k in keywords if k)


def novelty(output: str, source: str) -> float:
    """1 - copy_ratio: how much of a continuation is new text rather than a copy."""
    return 1.0 - copy_ratio(output, source)
