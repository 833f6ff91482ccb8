"""Key sentences of a text, chosen without a model: the honest fallback for summaries.

TextRank over sentences: two sentences are linked by the content words they
share (normalized by their lengths, as in Mihalcea & Tarau 2004), a sentence's
score is its PageRank in that graph, and a position prior favours the opening
sentences of the text and of each paragraph (where writers put what matters).
The best sentences that fit the length budget are returned in source order.
Deterministic: ties go to the earlier sentence.
"""

from __future__ import annotations

import math

from assistant.tasks.analysis import content_words
from assistant.tasks.checks import SUMMARY_MAX_RATIO
from assistant.tasks.summarize import LENGTHS
from assistant.tasks.text import has_cjk, split_paragraphs, split_sentences, word_units

_DAMPING = 0.85
_ITERATIONS = 50
#: Sentences per length (most), whatever the budget allows.
_MAX_SENTENCES = {"short": 2, "medium": 4, "long": 7}
#: Words per reply token for Latin text (CJK: about one character per token).
_WORDS_PER_TOKEN = 0.75
# Headings, list bullets and sign-offs are too short to stand as a key sentence.
_MIN_UNITS = 4
_ELLIPSIS = "…"
_ENDS = tuple(".!?…。！？")
_CLOSERS = "\"'”’」』)"


def _sentences(text: str) -> list[tuple[int, str]]:
    """(paragraph position, sentence) for every sentence; list lines count as sentences."""
    found: list[tuple[int, str]] = []
    for paragraph in split_paragraphs(text):
        position = 0
        for line in paragraph.split("\n"):
            for sentence in split_sentences(line):
                sentence = sentence.strip()
                if sentence:
                    found.append((position, sentence))
                    position += 1
    return found


def _similarity(a: set[str], b: set[str], len_a: int, len_b: int) -> float:
    shared = len(a & b)
    if not shared or len_a < 2 or len_b < 2:
        return 0.0
    return shared / (math.log(len_a) + math.log(len_b))


def rank_sentences(sentences: list[str], positions: list[int]) -> list[float]:
    """A TextRank score per sentence, times a position prior."""
    words = [content_words(s) for s in sentences]
    lengths = [max(len(word_units(s)), 1) for s in sentences]
    n = len(sentences)
    weights = [
        [
            _similarity(words[i], words[j], lengths[i], lengths[j]) if i != j else 0.0
            for j in range(n)
        ]
        for i in range(n)
    ]
    totals = [sum(row) for row in weights]
    scores = [1.0] * n
    for _ in range(_ITERATIONS):
        scores = [
            (1 - _DAMPING)
            + _DAMPING * sum(weights[j][i] / totals[j] * scores[j] for j in range(n) if totals[j])
            for i in range(n)
        ]
    # The text's first sentence and each paragraph's first sentence get a bonus.
    return [
        score * (1.0 + 0.5 / (1 + position)) * (1.3 if index == 0 else 1.0)
        for index, (score, position) in enumerate(zip(scores, positions, strict=True))
    ]


def budget_units(text: str, length: str) -> int:
    """How long the extractive summary may be: the length's reply budget, at most a third."""
    tokens = LENGTHS[length][1] if length in LENGTHS else LENGTHS["medium"][1]
    per_token = 1.0 if has_cjk(text) else _WORDS_PER_TOKEN
    third = int(len(word_units(text)) * SUMMARY_MAX_RATIO)
    return max(1, min(int(tokens * per_token), third))


def _cut(sentence: str, units: int) -> str:
    """The sentence's start, at most `units` long, ended at a word with an ellipsis."""
    if has_cjk(sentence):
        kept, count = [], 0
        for ch in sentence:
            count += 1 if word_units(ch) else 0
            if count > units:
                break
            kept.append(ch)
        return "".join(kept).rstrip("，、；：,;: ") + _ELLIPSIS
    words = sentence.split()
    kept_words: list[str] = []
    for word in words:
        if len(word_units(" ".join([*kept_words, word]))) > units:
            break
        kept_words.append(word)
    return " ".join(kept_words).rstrip(",;:—-– ") + _ELLIPSIS


def extractive_summary(text: str, length: str = "medium", bullets: bool = False) -> str:
    """The text's key sentences in source order, within the length budget.

    When even the best sentence is over the budget (a very short text), its
    start is returned, cut at a word and marked with an ellipsis.
    """
    found = _sentences(text)
    if not found:
        return ""
    cjk = has_cjk(text)
    # Sized as they will be shown: without a list bullet, with a full stop.
    sentences = [_as_sentence(s.lstrip("-*• ").strip(), cjk) for _, s in found]
    positions = [p for p, _ in found]
    scores = rank_sentences(sentences, positions)
    budget = budget_units(text, length)
    most = _MAX_SENTENCES.get(length, _MAX_SENTENCES["medium"])
    order = sorted(range(len(sentences)), key=lambda i: (-scores[i], i))
    chosen: list[int] = []
    used = 0
    for i in order:
        size = len(word_units(sentences[i]))
        if size < _MIN_UNITS and len(sentences) > 1:
            continue
        if used + size <= budget:
            chosen.append(i)
            used += size
        if len(chosen) >= most:
            break
    if not chosen:
        return _cut(sentences[order[0]], budget)
    picked = [sentences[i] for i in sorted(chosen)]
    if bullets:
        return "\n".join(f"- {s}" for s in picked)
    return ("" if cjk else " ").join(picked)


def _as_sentence(line: str, cjk: bool) -> str:
    """A heading or list line ends with a full stop once it is joined into prose."""
    if line.rstrip(_CLOSERS).endswith(_ENDS):
        return line
    return line.rstrip(":;,：；，、 ") + ("。" if cjk else ".")
