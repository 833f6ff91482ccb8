"""Extractive summaries: key sentences of the source, in order, within the budget."""

from __future__ import annotations

import pytest

from assistant.bench.devset import DEVSET
from assistant.tasks.extractive import budget_units, extractive_summary
from assistant.tasks.text import split_sentences, word_units

LONG_TEXTS = [t for t in DEVSET if len(word_units(t.text)) >= 60]


@pytest.mark.parametrize("length", ["short", "medium", "long"])
@pytest.mark.parametrize("dev", LONG_TEXTS, ids=[t.name for t in LONG_TEXTS])
def test_sentences_come_from_the_source_in_order_within_the_budget(dev, length: str) -> None:  # type: ignore[no-untyped-def]
    summary = extractive_summary(dev.text, length)
    assert summary
    assert len(word_units(summary)) <= budget_units(dev.text, length)
    assert len(word_units(summary)) <= len(word_units(dev.text)) / 3
    positions = []
    for sentence in split_sentences(summary):
        core = sentence.strip().rstrip(".。").lstrip("-")
        position = dev.text.find(core)
        assert position >= 0, sentence
        positions.append(position)
    assert positions == sorted(positions)


def test_it_is_deterministic() -> None:
    text = LONG_TEXTS[0].text
    assert extractive_summary(text, "medium") == extractive_summary(text, "medium")


def test_the_central_sentence_is_chosen() -> None:
    text = (
        "The village lies at the end of a long valley. "
        "The bakery on the square burned down on Sunday night. "
        "Firefighters from two towns fought the bakery fire until dawn. "
        "Nobody was hurt in the bakery fire, but the square smells of smoke. "
        "A cat sleeps on the church steps."
    )
    summary = extractive_summary(text, "short")
    assert "bakery fire" in summary
    assert "cat" not in summary


def test_bullets_are_one_sentence_per_line() -> None:
    summary = extractive_summary(LONG_TEXTS[1].text, "medium", bullets=True)
    lines = summary.split("\n")
    assert len(lines) >= 2
    assert all(line.startswith("- ") for line in lines)


def test_a_text_too_short_for_any_sentence_is_cut_with_an_ellipsis() -> None:
    summary = extractive_summary(
        "The parcel arrived on Tuesday, two days late, with one corner crushed."
    )
    assert summary.endswith("…")
    assert len(word_units(summary)) <= 4


def test_chinese_is_split_at_chinese_sentence_ends() -> None:
    text = next(t.text for t in DEVSET if t.name == "zh-essay-reading")
    summary = extractive_summary(text, "short")
    assert summary.endswith("。")
    assert " " not in summary
    assert len(word_units(summary)) <= len(word_units(text)) / 3
