"""The writer's texts prepared for learning their voice: pieces, a held-out share, checks.

Pure Python. Texts are cut into paragraph-sized pieces; every tenth piece is held out
(never trained on) so the before/after perplexity measures the writer's style on text
the voice has not seen, spread over all of their documents rather than one corner.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.tasks.text import count_text, is_cjk, split_paragraphs, split_sentences

#: Below this a voice cannot be trained at all (too little to hold some out and learn).
MIN_WORDS = 500
#: Below this the writer is warned that the voice will learn little.
USEFUL_WORDS = 5000
#: Every HOLDOUT_EVERY-th piece is held out for the before/after measure.
HOLDOUT_EVERY = 10
#: Pieces longer than this many words are cut at sentence ends.
MAX_PIECE_WORDS = 200
#: The held-out share is capped: its perplexity is measured twice, and a few thousand
#: words measure it well.
MAX_HELDOUT_WORDS = 2500
#: Texts whose words are this share CJK characters or more count as Chinese.
CHINESE_SHARE = 0.3


@dataclass
class VoiceCorpus:
    """Training pieces and held-out pieces of the writer's texts, with their word counts."""

    train: list[list[str]] = field(default_factory=list)  # per document, its pieces
    heldout: list[str] = field(default_factory=list)
    words: int = 0  # every word the writer gave
    train_words: int = 0
    heldout_words: int = 0
    chinese: bool = False

    @property
    def sample_prompt(self) -> str:
        """The start of a held-out paragraph, for the side-by-side samples."""
        candidates = [p for p in self.heldout if count_text(p)[0] >= 40] or self.heldout
        if not candidates:
            return ""
        sentences = split_sentences(candidates[0])
        prompt = ""
        for sentence in sentences:
            prompt += sentence
            if count_text(prompt)[0] >= 30:
                break
        return prompt.strip()


def _pieces(text: str) -> list[str]:
    pieces: list[str] = []
    for paragraph in split_paragraphs(text):
        if count_text(paragraph)[0] <= MAX_PIECE_WORDS:
            pieces.append(paragraph)
            continue
        current = ""
        for sentence in split_sentences(paragraph):
            if current and count_text(current + sentence)[0] > MAX_PIECE_WORDS // 2:
                pieces.append(current.strip())
                current = ""
            current += sentence
        if current.strip():
            pieces.append(current.strip())
    return pieces


def build_corpus(texts: list[str]) -> VoiceCorpus:
    """Cut `texts` into pieces and hold every tenth out (ValueError: too little text)."""
    corpus = VoiceCorpus()
    index = 0
    for text in texts:
        kept: list[str] = []
        for piece in _pieces(text):
            words = count_text(piece)[0]
            corpus.words += words
            held = index % HOLDOUT_EVERY == HOLDOUT_EVERY - 1
            if held and corpus.heldout_words + words <= MAX_HELDOUT_WORDS:
                corpus.heldout.append(piece)
                corpus.heldout_words += words
            else:
                kept.append(piece)
                corpus.train_words += words
            index += 1
        if kept:
            corpus.train.append(kept)
    if corpus.words < MIN_WORDS:
        raise ValueError(
            f"A voice needs at least {MIN_WORDS:,} words of your writing; "
            f"these texts have {corpus.words:,}."
        )
    if not corpus.heldout:
        # Fewer than ten pieces: hold out the last one so there is something to measure.
        last = corpus.train[-1].pop()
        if not corpus.train[-1]:
            corpus.train.pop()
        corpus.heldout.append(last)
        words = count_text(last)[0]
        corpus.heldout_words += words
        corpus.train_words -= words
    # Chinese when a good share of the words are Han characters (a quoted phrase is not).
    cjk = sum(1 for doc in corpus.train for piece in doc for ch in piece if is_cjk(ch))
    corpus.chinese = cjk >= CHINESE_SHARE * max(1, corpus.train_words)
    return corpus


def too_few_words_warning(words: int) -> str:
    """A sentence for the writer when there is little text to learn from; "" when enough."""
    if words >= USEFUL_WORDS:
        return ""
    return (
        f"{words:,} words is not much to learn a voice from; {USEFUL_WORDS:,} or more work better."
    )
