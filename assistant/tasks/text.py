"""Text helpers shared by the task builders: boundaries, fitting, clean-up.

Everything here is CJK aware: Chinese and Japanese end sentences with 。！？ and
put no space between words, so "a word" is a whitespace-separated run for Latin
text and a single character for CJK text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence

from assistant.tasks.types import ChatMessage, ModelProfile

#: Tokens kept free besides the prompt and the reply: token counts of a joined or
#: templated string can differ by a few from the sum of their parts.
MARGIN_TOKENS = 16


class Cancelled(Exception):
    """The writer cancelled a multi-step task (e.g. a chunked summary)."""


# --- character classes -------------------------------------------------------


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    # On first use: this module is imported before the window is shown, and
    # compiling these patterns at import took a few milliseconds of that wait.
    return re.compile(pattern)


_CLOSERS = "\"'”’」』）》)]"
# A Latin sentence end needs whitespace (or the end) after it, so "3.5" and
# "example.com" are not boundaries; CJK ends need nothing after them.
_SENTENCE_END = (
    r"(?:[.!?…]+[" + re.escape(_CLOSERS) + r"]*(?=\s|$)"
    r"|[。！？…]+[" + re.escape(_CLOSERS) + r"]*)"
)
# Abbreviations whose trailing dot is not a sentence end.
# ("etc." and "no." are left out: they end sentences as often as not.)
_ABBREVIATIONS = frozenset(
    ("mr", "mrs", "ms", "dr", "st", "prof", "sr", "jr", "vs", "e.g", "i.e", "mt", "fig")
)
_PARAGRAPH_BREAK = r"\n[ \t]*\n\s*"
_CLAUSE_END = r"[,;:，；：、]\s*"


def is_cjk(ch: str) -> bool:
    """True for CJK ideographs, kana, hangul and full-width punctuation."""
    code = ord(ch)
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xAC00 <= code <= 0xD7AF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x2FA1F
    )


def has_cjk(text: str) -> bool:
    """True when the text contains any CJK character."""
    return any(is_cjk(ch) for ch in text)


_UNIT = r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]|[^\W_]+"


def word_units(text: str) -> list[str]:
    """Words for Latin text, single characters for CJK; punctuation dropped, lowercased."""
    return [u.lower() for u in _compiled(_UNIT).findall(text)]


# --- boundaries --------------------------------------------------------------


def _is_abbreviation(text: str, end: int) -> bool:
    """Whether the dot just before `end` closes an abbreviation like "Mr."."""
    # Only the last few characters matter; slicing keeps this O(1) per dot.
    match = re.search(r"([A-Za-z.]+)\.$", text[max(0, end - 12) : end])
    return match is not None and match.group(1).lower() in _ABBREVIATIONS


def sentence_ends(text: str) -> list[int]:
    """Offsets just after each sentence end (closing quotes included)."""
    ends = []
    for match in _compiled(_SENTENCE_END).finditer(text):
        if match.group().startswith(".") and _is_abbreviation(text, match.start() + 1):
            continue
        ends.append(match.end())
    return ends


def split_sentences(text: str) -> list[str]:
    """Split into sentences, each keeping its trailing whitespace, so "".join() round-trips."""
    pieces: list[str] = []
    start = 0
    for end in sentence_ends(text):
        # Attach the whitespace after the sentence end to the sentence.
        while end < len(text) and text[end].isspace():
            end += 1
        if end > start:
            pieces.append(text[start:end])
            start = end
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def split_paragraphs(text: str) -> list[str]:
    """Non-empty paragraphs (separated by blank lines), stripped."""
    return [p.strip() for p in _compiled(_PARAGRAPH_BREAK).split(text) if p.strip()]


def _boundaries(text: str, lo: int, hi: int) -> tuple[list[int], ...]:
    """Start offsets in [lo, hi] of paragraphs, sentences/lines, clauses, words (preference order).

    Only the window is scanned (plus a little context), so fitting a long
    document does not rescan all of it.
    """
    base = max(0, lo - 16)
    seg = text[base : hi + 2]

    def within(offsets: Iterable[int]) -> list[int]:
        return sorted(o + base for o in offsets if lo <= o + base <= hi)

    paragraphs = within(m.end() for m in _compiled(_PARAGRAPH_BREAK).finditer(seg))
    sentence_starts = []
    for end in sentence_ends(seg):
        while end < len(seg) and seg[end].isspace():
            end += 1
        sentence_starts.append(end)
    sentences = within([*sentence_starts, *(m.end() for m in re.finditer(r"\n", seg))])
    clauses = within(m.end() for m in _compiled(_CLAUSE_END).finditer(seg))
    # Between two CJK characters any position is a word boundary.
    cjk = (i for i in range(1, len(seg)) if is_cjk(seg[i - 1]) or is_cjk(seg[i]))
    words = within([*(m.end() for m in re.finditer(r"\s+", seg)), *cjk])
    return paragraphs, sentences, clauses, words


# --- fitting text into a token budget -----------------------------------------

# At most this much text is given up to start or end at a clean boundary.
_SNAP_CHARS = 2000


def keep_tail(text: str, fits: Callable[[str], bool], max_chars: int | None = None) -> str:
    """The longest tail of `text` for which `fits` holds, started at a clean boundary.

    Prefers starting at a paragraph, then a sentence, then a word, as long as
    that loses at most a quarter of what would fit (and at most `_SNAP_CHARS`).
    `max_chars` pre-crops huge documents so a slow tokenizer is not run over
    megabytes (log2(n) times).
    """
    if (not max_chars or len(text) <= max_chars) and fits(text):
        return text
    start0 = max(0, len(text) - max_chars) if max_chars else 0
    lo, hi = start0, len(text)
    # Token counts grow (almost) monotonically with length: binary-search the cut.
    while lo < hi:
        mid = (lo + hi) // 2
        if fits(text[mid:]):
            hi = mid
        else:
            lo = mid + 1
    cut = lo
    window = cut + max(1, min((len(text) - cut) // 4, _SNAP_CHARS))
    for offsets in _boundaries(text, cut, window):
        if offsets:
            cut = offsets[0]
            break
    tail = text[cut:].lstrip()
    # Guard against non-monotonic counts: drop more until it really fits.
    while tail and not fits(tail):
        tail = tail[max(1, len(tail) // 50) :].lstrip()
    return tail


def keep_head(text: str, fits: Callable[[str], bool], max_chars: int | None = None) -> str:
    """The longest head of `text` for which `fits` holds, ended at a clean boundary."""
    if (not max_chars or len(text) <= max_chars) and fits(text):
        return text
    lo, hi = 0, min(len(text), max_chars) if max_chars else len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(text[:mid]):
            lo = mid
        else:
            hi = mid - 1
    cut = lo
    window = cut - max(1, min(cut // 4, _SNAP_CHARS))
    for offsets in _boundaries(text, window, cut):
        if offsets:
            cut = offsets[-1]
            break
    head = text[:cut].rstrip()
    while head and not fits(head):
        head = head[: len(head) - max(1, len(head) // 50)].rstrip()
    return head


def hard_split(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Split text that has no usable boundary into pieces that each fit (words, then chars)."""
    pieces: list[str] = []
    rest = text
    while rest:
        if fits(rest):
            pieces.append(rest)
            break
        head = keep_head(rest, fits)
        if not head:  # not even one character fits; emit it anyway rather than loop
            head = rest[:1]
        pieces.append(head)
        rest = rest[len(head) :].lstrip()
    return pieces


def budget_tokens(profile: ModelProfile, max_new_tokens: int) -> int:
    """Tokens a prompt may use: the context minus the reply and a small margin."""
    return profile.context_tokens - max_new_tokens - MARGIN_TOKENS


def approx_max_chars(budget: int) -> int:
    """A safe character cap for `budget` tokens (no tokenizer packs >16 chars per token)."""
    return max(64, budget * 16)


def render(profile: ModelProfile, messages: Sequence[ChatMessage]) -> str:
    """Render chat messages with the model's template (chat profiles only)."""
    assert profile.render_chat is not None
    return profile.render_chat(list(messages))


# --- clean-up of model output -------------------------------------------------

# Special tokens and turn markers a model may print when it runs past its turn.
ROLE_MARKERS: tuple[str, ...] = (
    "<|im_end|>",
    "<|im_start|>",
    "<|endoftext|>",
    "<|eot_id|>",
    "<|end|>",
    "<|user|>",
    "<|assistant|>",
    "<|system|>",
    "</s>",
    "<end_of_turn>",
    "<start_of_turn>",
)
# Plain-text turn labels at the start of a line ("\nUser: ...").
_TURN_LABEL = r"(?i)\n\s*(?:User|Human|Assistant|System|用户|助手)\s*[:：]"
_LEADING_ROLE = r"^\s*(?:assistant|Assistant|AI|助手)\s*(?:\n|[:：])\s*"


def cut_at_stops(text: str, stops: Iterable[str]) -> str:
    """Cut the text at the earliest occurrence of any stop string."""
    cut = len(text)
    for stop in stops:
        if stop:
            index = text.find(stop)
            if 0 <= index < cut:
                cut = index
    return text[:cut]


def strip_role_leakage(text: str, labels: bool = True) -> str:
    """Cut at a leaked special token or a new turn ("\\nUser:"), drop a leading "assistant" label.

    `labels=False` keeps plain "User:" lines (a story may legitimately contain them).
    """
    text = cut_at_stops(text, ROLE_MARKERS)
    if labels:
        match = _compiled(_TURN_LABEL).search(text)
        if match:
            text = text[: match.start()]
        text = _compiled(_LEADING_ROLE).sub("", text, count=1)
    return text


def strip_echo(text: str, echo: str) -> str:
    """Drop `echo` from the start of the output if the model repeated it first."""
    if not echo:
        return text
    stripped = text.lstrip()
    candidate = echo.strip()
    if candidate and stripped.startswith(candidate):
        return stripped[len(candidate) :]
    return text


def trim_unfinished(text: str) -> str:
    """Cut a trailing unfinished sentence; text with no finished sentence is kept whole.

    A sentence is finished by .!?。！？ (plus closing quotes) or by a line break.
    Keeping an all-unfinished text beats inserting nothing at the cursor.
    """
    body = text.rstrip()
    if not body:
        return body
    ends = sentence_ends(body)
    if ends and ends[-1] == len(body):
        return body
    newline = body.rfind("\n")
    last = max(ends[-1] if ends else 0, newline if newline > 0 else 0)
    if last <= 0 or not body[:last].strip():
        return body
    return body[:last].rstrip()


def cut_repeats(text: str, prior: str = "") -> str:
    """Cut the text before the first sentence that repeats an earlier one (a loop).

    `prior` is text the output follows (the document's end): a model that
    starts to loop often repeats the document's last sentence first.
    """

    def key(sentence: str) -> str:
        return " ".join(word_units(sentence))

    seen = {key(s) for s in split_sentences(prior)}
    offset = 0
    for sentence in split_sentences(text):
        k = key(sentence)
        # Short sentences ("No." "Yes.") repeat legitimately.
        if len(k.split()) >= (4 if has_cjk(k) else 3):
            if k in seen:
                return text[:offset].rstrip()
            seen.add(k)
        offset += len(sentence)
    return text


# Han ideographs and kana are written without spaces: each counts as one word.
_CJK_RANGES = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
_COUNTED_WORDS = f"[{_CJK_RANGES}]|[^\\W_{_CJK_RANGES}]+(?:['\u2019][^\\W_{_CJK_RANGES}]+)*"


def count_text(text: str) -> tuple[int, int]:
    """(words, characters): Latin words plus one per CJK character; newlines not counted."""
    if not text:  # a new document: nothing to count, nothing to compile
        return 0, 0
    words = sum(1 for _ in _compiled(_COUNTED_WORDS).finditer(text))
    return words, len(text) - text.count("\n")


def trim_last_line(text: str) -> str:
    """Cut a half sentence left by the reply budget, within the last line only.

    A summary often ends mid-sentence when the budget runs out; one sentence
    fewer reads better. Whole lines stay: a bullet needs no full stop.
    """
    head, sep, last = text.rstrip().rpartition("\n")
    return f"{head}{sep}{trim_unfinished(last)}"
