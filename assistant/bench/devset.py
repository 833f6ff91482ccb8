"""The dev set for `bench --quality`: texts written for this project, English and Chinese.

Every text was written for this dev set (nothing is copied from published work). They
cover the genres writers bring (fiction, essay, work email, technical note,
dialogue, blog, ...) and cases that break small models: lists, dialogue-heavy
text, very short input, text crowded with names. About a quarter is held out:
never looked at while tuning prompts, sampling or check thresholds, and reported
separately, so the tuned numbers can be compared with unseen text.

The texts live in `devset_texts/*.json` (packaged with the code), one file per
group, each text as its name, language, genre, held-out flag and paragraphs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

TEXTS_DIR = Path(__file__).with_name("devset_texts")
#: The groups of texts, in DEVSET's order: English, adversarial mixes (Chinese names
#: in English prose, which stays English, and English terms in Chinese prose, which
#: stays Chinese), Chinese.
GROUPS = ("en", "mixed", "zh")


@dataclass(frozen=True)
class DevText:
    """One dev-set text: its language, genre, and whether it is held out of tuning."""

    name: str
    language: str  # ISO-639-1 of the text
    genre: str
    text: str
    held_out: bool = False


def rewrite_selection(text: str, min_words: int = 60, min_cjk: int = 90) -> str:
    """The selection a writer would rewrite: leading paragraphs up to about a paragraph's worth.

    Whole paragraphs are taken until at least `min_words` words (or `min_cjk`
    CJK characters) are selected, so a dialogue of one-line paragraphs still
    gives a selection worth rewriting.
    """
    from assistant.tasks.text import has_cjk, split_paragraphs, word_units

    chosen: list[str] = []
    for paragraph in split_paragraphs(text):
        chosen.append(paragraph)
        selected = "\n\n".join(chosen)
        if len(word_units(selected)) >= (min_cjk if has_cjk(selected) else min_words):
            break
    return "\n\n".join(chosen)


def load_texts(group: str) -> tuple[DevText, ...]:
    """The texts of one group (`GROUPS`), from its JSON file."""
    entries = json.loads((TEXTS_DIR / f"{group}.json").read_text(encoding="utf-8"))
    return tuple(
        DevText(
            name=entry["name"],
            language=entry["language"],
            genre=entry["genre"],
            text="\n\n".join(entry["paragraphs"]),
            held_out=entry["held_out"],
        )
        for entry in entries
    )


DEVSET: tuple[DevText, ...] = tuple(text for group in GROUPS for text in load_texts(group))


def devset(held_out: bool | None = None) -> list[DevText]:
    """The dev texts; `held_out` True or False picks one part, None gives all."""
    return [t for t in DEVSET if held_out is None or t.held_out == held_out]
