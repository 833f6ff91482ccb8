"""What a text is about, model-free: its names, content words, numbers, repeats and copies.

Shared by the output checks (`tasks.checks`) and the summary prompts, which prime a
summary with the text's main name. Units are words for Latin text and characters for
CJK (`text.word_units`).
"""

from __future__ import annotations

import re
from collections import Counter

from assistant.tasks.text import has_cjk, is_cjk, sentence_ends, split_sentences, word_units

#: n for copies: this many consecutive source units in an output is a copy.
COPY_UNITS = 12


def _words(text: str) -> list[str]:
    """Space-separated words (a compact way to write long word lists)."""
    return text.split()


# --- word lists -----------------------------------------------------------------

_STOPWORDS = frozenset(
    _words(
        "a an the and or but if then than so of to in on at by for with from into onto over "
        "under about after before between through during without within is are was were be "
        "been being am do does did have has had will would can could should may might must "
        "shall it its it's this that these those there here he she they them his her hers "
        "their theirs we us our you your i me my mine not no yes as also just only very too "
        "more most much many some any all each every one two both such what which who whom "
        "whose when where why how up down out off again once while because until said says "
        "get got go went make made like well even still yet back now"
    )
)
# Capitalized words that start sentences or headings without being names.
_NOT_NAMES = _STOPWORDS | frozenset(
    _words(
        "mr mrs ms dr st ok okay dear hi hello thanks thank best regards kind yours monday "
        "tuesday wednesday thursday friday saturday sunday january february march april june "
        "july august september october november december spring summer autumn winter chapter "
        "part note notes next first second third last today tomorrow yesterday"
    )
)
_NUMBER_WORDS = {
    "zero": "0",
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "sixty": "60",
    "seventy": "70",
    "eighty": "80",
    "ninety": "90",
    "hundred": "100",
    "thousand": "1000",
}

_DIGITS = re.compile(r"\d[\d,.]*\d|\d")
# "twenty-six" is 26, not 20 and 6 ("a 20-year-old" must not pass as the source's number).
_COMPOUND_NUMBER = re.compile(
    r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ]"
    r"(one|two|three|four|five|six|seven|eight|nine)\b",
    re.IGNORECASE,
)
_CAPITALIZED = re.compile(r"[A-Z][a-zA-Z'’\-]*[a-z][a-zA-Z'’\-]*|[A-Z]{2,}")


# --- helpers ------------------------------------------------------------------


#: Words are compared by their first letters after the suffix is cut, so that
#: "corrosion" meets "corroded" and "inspection" meets "inspectors".
_STEM_CHARS = 6


def stem(word: str) -> str:
    """A crude English stem so "walked", "walking" and "walks" meet."""
    word = word.removesuffix("'s").removesuffix("’s")
    for suffix in ("ing", "ed", "es", "ly", "s"):
        if len(word) > (3 if suffix == "s" else len(suffix) + 3) and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:_STEM_CHARS]


def content_words(text: str) -> set[str]:
    """Stemmed Latin content words, plus CJK character pairs (Chinese words are mostly two)."""
    units = word_units(text)
    words = {stem(u) for u in units if not is_cjk(u[0]) and len(u) > 2 and u not in _STOPWORDS}
    cjk = [u for u in units if is_cjk(u[0])]
    words.update(a + b for a, b in zip(cjk, cjk[1:], strict=False))
    return words


def names(text: str) -> Counter[str]:
    """Names and how often they are used: capitalized mid-sentence, never written lower-case.

    A capital at a sentence or line start says nothing (any word has one there),
    so a word counts as a name only once it is seen capitalized mid-sentence;
    then every use counts.
    """
    starts = set(sentence_ends(text))
    lower_words = set(re.findall(r"[a-z][a-z'\-]*", text))
    uses: Counter[str] = Counter()
    mid_sentence: set[str] = set()
    for match in _CAPITALIZED.finditer(text):
        word = re.sub(r"['’]s$", "", match.group()).strip("'-")
        key = word.lower()
        singular = key[:-1] if key.endswith("s") else key
        if key in _NOT_NAMES or singular in _NOT_NAMES or "'" in word[:2]:
            continue
        if key in lower_words or singular in lower_words:
            continue
        before = text[: match.start()].rstrip(" \t\"'“‘(")
        initial = not before or before.endswith(("\n", ":", "-")) or len(before) in starts
        uses[word] += 1
        if not initial:
            mid_sentence.add(word)
    return Counter({w: c for w, c in uses.items() if w in mid_sentence})


def numbers(text: str) -> set[str]:
    """Numbers in digits or words ("three" -> "3")."""
    values = {m.group().replace(",", "").rstrip(".") for m in _DIGITS.finditer(text)}
    for match in _COMPOUND_NUMBER.finditer(text):
        tens, units = (_NUMBER_WORDS[w.lower()] for w in match.groups())
        values.add(str(int(tens) + int(units)))
    text = _COMPOUND_NUMBER.sub(" ", text)
    for word in word_units(text):
        if word in _NUMBER_WORDS:
            values.add(_NUMBER_WORDS[word])
    return values


def repeated_4gram_share(units: list[str]) -> float:
    """The share of 4-grams that already occurred earlier."""
    grams = [tuple(units[i : i + 4]) for i in range(len(units) - 3)]
    if len(grams) < 4:
        return 0.0
    counts = Counter(grams)
    return sum(c - 1 for c in counts.values()) / len(grams)


def repeated_sentence(text: str) -> str | None:
    """The first sentence that repeats an earlier one, if any."""
    seen: set[str] = set()
    for sentence in split_sentences(text):
        units = word_units(sentence)
        if len(units) < (6 if has_cjk(sentence) else 4):
            continue
        key = " ".join(units)
        if key in seen:
            return sentence.strip()
        seen.add(key)
    return None


def longest_copy(output: str, source: str, n: int = COPY_UNITS) -> bool:
    """Whether the output repeats `n` consecutive units of the source."""
    out, src = word_units(output), word_units(source)
    if len(out) < n or len(src) < n:
        return False
    grams = {tuple(src[i : i + n]) for i in range(len(src) - n + 1)}
    return any(tuple(out[i : i + n]) in grams for i in range(len(out) - n + 1))


def length_ratio(output: str, source: str) -> float:
    """The output's length in units over the source's."""
    src = len(word_units(source))
    return len(word_units(output)) / src if src else 0.0


def main_entities(source: str, limit: int = 2) -> list[str]:
    """The names used most in the source (at least twice), most used first."""
    ranked = [(n, c) for n, c in names(source).most_common() if c >= 2]
    if len(ranked) <= limit:
        return [n for n, _ in ranked]
    cutoff = ranked[limit - 1][1]  # names tied with the last one kept count too
    return [n for n, c in ranked if c >= cutoff]
