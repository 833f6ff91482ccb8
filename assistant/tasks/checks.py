"""Whether a model's output may be shown: one set of checks per task, model-free.

Each check is a stable snake_case name mapped to passed/failed, so the CLI's
`--json`, the bench and the GUI talk about the same things. The checks read the
post-processed text (what the writer would see) against the source text. Units
are words for Latin text and characters for CJK (`text.word_units`). Thresholds
were set on the tuning part of the dev set (`assistant.bench.devset`) and are
about kinds of failure (talk about the text, loops, copies, invented names),
never about one text.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from assistant.tasks.analysis import (
    COPY_UNITS,
    content_words,
    length_ratio,
    longest_copy,
    main_entities,
    names,
    numbers,
    repeated_4gram_share,
    repeated_sentence,
)
from assistant.tasks.language import UNDETERMINED, detect_language
from assistant.tasks.meta_talk import (
    ASSISTANT,
    CRITIQUE,
    FIRST_PERSON,
    META_GROUPS,
    SECOND_PERSON,
    TEMPLATE,
    find_meta_talk,
)
from assistant.tasks.text import has_cjk, is_cjk, sentence_ends, word_units
from assistant.tasks.types import GenerationRequest, TaskSpec
from assistant.translatable import Translatable


def _words(text: str) -> list[str]:
    """Space-separated words (a compact way to write long word lists)."""
    return text.split()


# --- thresholds ---------------------------------------------------------------

#: A continuation that copies this many source units in a row is a copy.
#: A continuation that starts with the text's first units restarts it.
RESTART_UNITS = 4
#: Share of 4-grams that repeat an earlier one: prose stays well below.
MAX_REPEATED_4GRAMS = 0.2
#: Length promises of the rewrite styles (output units / source units).
SHORTER_MAX = 0.85
LONGER_MIN = 1.15
TONE_RANGE = (0.5, 1.7)  # formal, casual, clearer: the same text in another voice
GRAMMAR_RANGE = (0.85, 1.15)
#: fix-grammar changes words here and there: most of the word sequence stays.
GRAMMAR_MIN_SIMILARITY = 0.7
#: Share of the source's content words a rewrite keeps, per style.
KEEP_CONTENT: dict[str, float] = {
    "shorter": 0.25,
    "longer": 0.5,
    "formal": 0.35,
    "casual": 0.3,
    "clearer": 0.35,
    "fix-grammar": 0.6,  # corrections change words; the similarity check does the rest
}
KEEP_CONTENT_DEFAULT = 0.25  # a free instruction may change a lot
#: A summary is at most this share of its source.
SUMMARY_MAX_RATIO = 1 / 3
#: Share of a summary's content words that come from its source: below it, the
#: summary is about something else (the model's own story).
MIN_GROUNDED = 0.2
#: Sources shorter than this (units) are not worth summarizing.
MIN_SUMMARY_SOURCE = 25
#: An output that shares this many units in a row with its prompt, where the source
#: does not have them, repeats the instruction or the prompt's example.
PROMPT_ECHO_UNITS = 5

# --- noise ------------------------------------------------------------------

_LONG_DIGITS = re.compile(r"\d{7,}")
# Days and months are dates, facts a rewrite must not invent ("names" skips them:
# they are capitalized everywhere). "May" is left out: it is also a verb.
_DATE_WORDS = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|"
    r"April|June|July|August|September|October|November|December)s?\b"
)
_SYMBOL_RUN = re.compile(r"([^\w\s])\1{4,}")


# --- the report ---------------------------------------------------------------


@dataclass
class CheckReport:
    """The outcome of every check on one output, and why the first failure failed."""

    checks: dict[str, bool] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return all(self.checks.values())

    @property
    def reason(self) -> str | None:
        """A short human reason for the first failed check, None when all passed."""
        for name, ok in self.checks.items():
            if not ok:
                return self.reasons.get(name, name.replace("_", " "))
        return None

    def add(self, name: str, ok: bool, reason: str) -> None:
        self.checks[name] = bool(ok)
        if not ok:
            self.reasons[name] = reason


# --- the checks -----------------------------------------------------------------


def _check_common(
    report: CheckReport, kind: str, output: str, source: str, source_language: str
) -> None:
    units = word_units(output)
    report.add("not_empty", bool(units), Translatable("The model wrote nothing."))
    groups = META_GROUPS.get(kind, META_GROUPS["rewrite"])
    meta = find_meta_talk(groups, output, source)
    report.add(
        "no_meta_talk",
        meta is None,
        Translatable("It talks about the text (“{words}”).", words=meta),
    )
    repeated = repeated_sentence(output) or _repeated_line(output, source)
    share = repeated_4gram_share(units)
    report.add(
        "no_loop",
        repeated is None and share <= MAX_REPEATED_4GRAMS,
        Translatable("It repeats itself (“{sentence}”).", sentence=repeated)
        if repeated
        else Translatable("It repeats itself."),
    )
    broken = "\ufffd" in output or any(
        0xD800 <= ord(ch) <= 0xDFFF or (ord(ch) < 32 and ch not in "\n\t\r") for ch in output
    )
    report.add("whole_characters", not broken, Translatable("It contains broken characters."))
    garble = [m.group() for m in _LONG_DIGITS.finditer(output) if m.group() not in source]
    garble += [m.group() for m in _SYMBOL_RUN.finditer(output) if m.group() not in source]
    noise = garble[0] if garble else ""
    report.add("no_garble", not garble, Translatable("It contains noise (“{noise}”).", noise=noise))
    # CJK characters in an answer to a text that has none: noise of a model that
    # does not know the script, even when too few to change the detected language.
    stray = "" if has_cjk(source) else "".join(ch for ch in output if is_cjk(ch))[:8]
    if stray:
        report.add(
            "language",
            False,
            Translatable("It mixes in characters of another script ({chars}).", chars=stray),
        )
    elif source_language == UNDETERMINED or not units:
        report.add("language", True, "")
    else:
        got = detect_language(output)
        report.add(
            "language",
            got in (source_language, UNDETERMINED),
            Translatable(
                "It is not in the text's language ({got}, not {expected}).",
                got=got,
                expected=source_language,
            ),
        )


def _repeated_line(output: str, source: str) -> str | None:
    """A line of the output (a list item) written twice where the source has it once."""
    seen: set[str] = set()
    for line in output.splitlines():
        units = word_units(line)
        if len(units) < 3:
            continue
        key = " ".join(units)
        if key in seen and source.count(line.strip()) < 2:
            return line.strip()
        seen.add(key)
    return None


def _check_continue(
    report: CheckReport, output: str, source: str, document: str, prompt: str
) -> None:
    report.add(
        "continues",
        not longest_copy(output, source),
        Translatable("It copies {count} or more words of the text.", count=COPY_UNITS),
    )
    head = word_units(output)[:RESTART_UNITS]
    # The document's start, or the start of what the model saw of it.
    starts = [word_units(s[:400])[: len(head)] for s in (document, prompt) if s.strip()]
    restart = len(head) >= 3 and head in starts
    report.add("no_restart", not restart, Translatable("It starts the text over."))


def _check_rewrite(report: CheckReport, spec: TaskSpec, output: str, source: str) -> None:
    style = (spec.style or "") if not (spec.instruction and spec.instruction.strip()) else ""
    ratio = length_ratio(output, source)
    src_units, out_units = word_units(source), word_units(output)
    promise: str  # a Translatable, or "" when the style promises no length
    if style == "shorter":
        # Cutting the end off (a copy stopped by the reply budget) is not a rewrite.
        head = src_units[: len(out_units)]
        cut_copy = difflib.SequenceMatcher(None, head, out_units, autojunk=False).ratio() > 0.95
        ok = ratio < SHORTER_MAX and not cut_copy
        promise = Translatable(
            "It is not shorter than {limit} of the text, rewritten ({ratio} of the length).",
            limit=f"{SHORTER_MAX:.0%}",
            ratio=f"{ratio:.0%}",
        )
    elif style == "longer":
        ok = ratio > LONGER_MIN
        promise = Translatable(
            "It is not longer than {limit} of the text ({ratio} of the length).",
            limit=f"{LONGER_MIN:.0%}",
            ratio=f"{ratio:.0%}",
        )
    elif style == "fix-grammar":
        low, high = GRAMMAR_RANGE
        similar = difflib.SequenceMatcher(None, src_units, out_units, autojunk=False).ratio()
        ok = low <= ratio <= high and similar >= GRAMMAR_MIN_SIMILARITY
        promise = Translatable(
            "It is not close to the text, with only corrections ({ratio} of the length).",
            ratio=f"{ratio:.0%}",
        )
    elif style in ("formal", "casual", "clearer"):
        low, high = TONE_RANGE
        changed = out_units != src_units
        ok = low <= ratio <= high and changed
        promise = Translatable(
            "It is not a rewrite of about the same length ({ratio} of the length).",
            ratio=f"{ratio:.0%}",
        )
    else:
        ok, promise = True, ""
    report.add("length_promise", ok, promise)
    src_words = content_words(source)
    kept = len(src_words & content_words(output)) / len(src_words) if src_words else 1.0
    needed = KEEP_CONTENT.get(style, KEEP_CONTENT_DEFAULT)
    report.add(
        "keeps_meaning",
        kept >= needed,
        Translatable("It drops most of the text ({kept} kept).", kept=f"{kept:.0%}"),
    )
    _check_new_names(report, output, source)


def _check_new_names(report: CheckReport, output: str, source: str) -> None:
    known = {n.lower() for n in names(source)} | {w.lower() for w in re.findall(r"\w+", source)}
    new_names = [n for n in names(output) if n.lower() not in known]
    new_numbers = sorted(numbers(output) - numbers(source))
    # "Sunday" for the source's "Sundays" is the same day.
    days = {w.removesuffix("s") for w in known}
    new_dates = [d for d in _DATE_WORDS.findall(output) if d.lower().removesuffix("s") not in days]
    invented = new_names + new_numbers + new_dates
    report.add(
        "no_new_names",
        not invented,
        Translatable("It adds names or numbers ({names}).", names=", ".join(invented[:2])),
    )


def prompt_echo(output: str, source: str, prompt: str, n: int = PROMPT_ECHO_UNITS) -> str | None:
    """Words of the prompt that the output repeats and the source does not have, if any.

    The prompt is the instruction, any example of the task, and the source: an
    output that repeats the rest ("Keep the names and facts.", a sentence of the
    example) shows the writer words that are not theirs.
    """
    out, src, asked = word_units(output), word_units(source), word_units(prompt)
    own = {tuple(src[i : i + n]) for i in range(len(src) - n + 1)}
    foreign = {tuple(asked[i : i + n]) for i in range(len(asked) - n + 1)} - own
    for i in range(len(out) - n + 1):
        if tuple(out[i : i + n]) in foreign:
            return " ".join(out[i : i + n])
    return None


def _check_prompt_echo(report: CheckReport, output: str, source: str, prompt: str) -> None:
    echoed = prompt_echo(output, source, prompt) if prompt else None
    report.add(
        "no_prompt_echo",
        echoed is None,
        Translatable("It repeats the instructions (“{words}”).", words=echoed),
    )


def _check_summary(report: CheckReport, output: str, source: str) -> None:
    ratio = length_ratio(output, source)
    report.add(
        "summary_length",
        ratio <= SUMMARY_MAX_RATIO,
        Translatable("It is {ratio} of the text's length (at most a third).", ratio=f"{ratio:.0%}"),
    )
    entities = main_entities(source)
    lowered = output.lower()
    named = not entities or any(e.lower() in lowered for e in entities)
    report.add(
        "names_main_entities",
        named,
        Translatable("It does not name {names}.", names=" / ".join(entities)),
    )
    out_words = content_words(output)
    grounded = len(out_words & content_words(source)) / len(out_words) if out_words else 0.0
    report.add(
        "on_topic",
        grounded >= MIN_GROUNDED,
        Translatable(
            "It is not about the text ({share} of its words come from it).",
            share=f"{grounded:.0%}",
        ),
    )
    _check_new_names(report, output, source)
    second = SECOND_PERSON.search(output)
    report.add(
        "no_second_person",
        not second or SECOND_PERSON.search(source) is not None,
        Translatable("It speaks to the writer instead of summarizing."),
    )
    critique = find_meta_talk((CRITIQUE,), output, source)
    if critique is None and FIRST_PERSON.search(output) and not FIRST_PERSON.search(source):
        critique = FIRST_PERSON.search(output).group()  # type: ignore[union-attr]
    report.add(
        "not_a_critique",
        critique is None,
        Translatable("It comments on the text (“{words}”).", words=critique),
    )


def check_output(
    spec: TaskSpec,
    request: GenerationRequest | None,
    output: str,
    source_language: str | None = None,
) -> CheckReport:
    """Run the task's checks on a post-processed output.

    `source_language` saves a second detection when the caller knows it.
    """
    source = _source(spec)
    language = source_language or detect_language(source)
    report = CheckReport()
    _check_common(report, spec.kind, output, source, language)
    if spec.kind == "continue":
        _check_continue(report, output, source, spec.text, request.prompt if request else "")
    elif spec.kind == "rewrite":
        _check_rewrite(report, spec, output, source)
    elif spec.kind == "summarize":
        _check_summary(report, output, source)
    if spec.kind in ("rewrite", "summarize"):
        material = f"{source}\n{request.material}" if request and request.material else source
        _check_prompt_echo(report, output, material, request.prompt if request else "")
    return report


def _source(spec: TaskSpec) -> str:
    if spec.kind == "chat":
        users = [m.content for m in spec.messages if m.role == "user"]
        return f"{spec.context}\n{users[-1] if users else ''}"
    if spec.kind == "continue":
        return spec.text[-20000:]  # copies come from the nearby text
    return spec.text


def _complete_part(text: str) -> str:
    """The text up to its last sentence end or line break: a half line may still change."""
    ends = sentence_ends(text)
    cut = max(ends[-1] if ends else 0, text.rfind("\n"))
    return text[:cut] if cut > 0 else ""


def early_problem(spec: TaskSpec, partial: str) -> str | None:
    """A failure already certain in the raw text so far (see `attempts.early_failure`)."""
    units = word_units(partial)
    repeated = repeated_sentence(partial)
    if repeated or (len(units) >= 40 and repeated_4gram_share(units) > 2 * MAX_REPEATED_4GRAMS):
        return "It repeats itself."
    if spec.kind == "chat":
        return None
    from assistant.tasks.build import postprocess

    done = _complete_part(partial)
    if not done.strip():
        return None
    # The builders' clean-up removes "Here is the summary:" and the like; judge what is left.
    shown = postprocess(spec, GenerationRequest(task=spec.kind, prompt=""), done)
    source = _source(spec)
    groups = META_GROUPS.get(spec.kind, META_GROUPS["rewrite"])
    if spec.kind == "summarize":
        groups = (*groups, CRITIQUE)
    meta = find_meta_talk(groups, shown, source)
    if meta is not None:
        return f"It talks about the text ({meta!r})."
    if (
        spec.kind == "summarize"
        and SECOND_PERSON.search(shown)
        and not SECOND_PERSON.search(source)
    ):
        return "It speaks to the writer instead of summarizing."
    return None


def _cjk_share(text: str) -> float:
    units = word_units(text)
    return sum(1 for u in units if is_cjk(u[0])) / len(units) if units else 0.0


def ghost_problem(before: str, suggestion: str) -> str | None:
    """Why an inline suggestion must not be shown, or None: the light checks for ghost text.

    A suggestion is a phrase of up to 16 tokens that `ghost.clean` already cut
    to one sentence, so only what could still be wrong is checked, in well under
    a millisecond: chat-template pieces, broken characters, the wrong script
    (Latin noise after Chinese text or the reverse), and a copy of the text.
    """
    if not suggestion.strip():
        return None
    if find_meta_talk((TEMPLATE, ASSISTANT), suggestion, ""):
        return "It is not part of the text."
    if "\ufffd" in suggestion:
        return "It contains broken characters."
    tail = before[-2000:]
    if word_units(suggestion) and abs(_cjk_share(suggestion) - _cjk_share(tail[-400:])) > 0.7:
        return "It is not in the text's language."
    if longest_copy(suggestion, tail):
        return f"It copies {COPY_UNITS} or more words of the text."
    return None
