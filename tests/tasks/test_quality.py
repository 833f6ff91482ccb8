"""Quality metrics flag loops and copies, in English and Chinese; samples are usable."""

from __future__ import annotations

import pytest

from assistant.tasks import quality, samples
from assistant.tasks.build import build_request
from assistant.tasks.types import TaskSpec
from tests.tasks.fakes import make_profile

FLUENT = (
    "He took her home and said no more about it. The next morning the harbour was "
    "empty, and the gulls had moved on to the fishing boats beyond the point."
)


def test_repetition_flags_a_loop() -> None:
    assert quality.repetition_score("The island was gone. " * 10) > 0.8
    assert quality.repetition_score("他们的美食都是美食的，" * 5) > 0.5
    assert quality.repetition_score(FLUENT) < 0.1
    assert quality.repetition_score(samples.ZH_ARTICLE.text) < 0.1
    assert quality.repetition_score("") == 0.0


def test_repetition_flags_repeated_sentences_with_small_changes_between() -> None:
    text = "She said she was going to the island. He laughed. " * 4
    assert quality.repetition_score(text) >= 0.5


def test_copy_ratio_flags_a_verbatim_copy() -> None:
    source = samples.EN_ARTICLE.text
    assert quality.copy_ratio(source[200:900], source) > 0.95
    assert quality.copy_ratio("Bees pollinate a third of our food and face mites.", source) < 0.2


def test_copy_ratio_works_on_chinese_characters() -> None:
    source = samples.ZH_ARTICLE.text
    assert quality.copy_ratio(source[50:200], source) > 0.95
    assert quality.copy_ratio("茶起源于中国，后来传遍世界，成为一种文化。", source) < 0.3


def test_copy_ratio_half_copied() -> None:
    source = "one two three four five six seven eight nine ten"
    output = "one two three four five six seven eight alpha beta gamma delta epsilon zeta eta"
    assert quality.copy_ratio(output, source) == pytest.approx(8 / 15)
    assert quality.copy_ratio("", source) == 0.0


def test_length_ratio_counts_words_and_cjk_characters() -> None:
    assert quality.length_ratio("one two", "one two three four") == 0.5
    assert quality.length_ratio("茶很好", "茶是中国的饮品") == pytest.approx(3 / 7)
    assert quality.length_ratio("x", "") == 0.0


def test_mentions_subject() -> None:
    assert quality.mentions_subject("Honeybees pollinate crops.", ("bee", "pollinat"))
    assert quality.mentions_subject("中国茶文化历史悠久。", ("茶",))
    assert not quality.mentions_subject("A story about a ferry.", ("bee",))


def test_samples_cover_every_quality_task_in_both_languages() -> None:
    for kind in ("continue", "rewrite", "summarize"):
        languages = {s.language for s in samples.samples_for(kind)}
        assert languages == {"en", "zh"}, kind
    for sample in samples.samples_for("summarize"):
        assert sample.keywords
        assert quality.mentions_subject(sample.text, sample.keywords)
    article = len(samples.EN_ARTICLE.text.split())
    assert 350 <= article <= 500


@pytest.mark.parametrize("sample", samples.SAMPLES, ids=lambda s: s.name)
def test_samples_build_for_their_tasks(sample: samples.Sample) -> None:
    for kind in sample.kinds:
        spec = TaskSpec(kind=kind, text=sample.text, style="shorter")
        assert not build_request(spec, make_profile()).truncated
