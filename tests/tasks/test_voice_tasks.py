"""The writer's paragraphs as examples in the continue prompt, and texts prepared for a voice."""

from __future__ import annotations

import pytest

from assistant.tasks.build import build_request
from assistant.tasks.continue_ import EXAMPLES_MAX_TOKENS, EXAMPLES_SEPARATOR
from assistant.tasks.examples import ParagraphIndex
from assistant.tasks.types import Sampling, TaskSpec
from assistant.tasks.voice_corpus import MIN_WORDS, build_corpus, too_few_words_warning
from tests.tasks.fakes import count_chars, make_profile
from tests.voice_texts import CHINESE_STORY, HARBOUR_STORY

SAMPLING = Sampling(max_new_tokens=64)


def test_the_most_similar_paragraph_comes_last_nearest_the_document() -> None:
    index = ParagraphIndex([HARBOUR_STORY])
    spec = TaskSpec(
        kind="continue",
        text="The children found a crab in a bucket on the last day of term.",
        sampling=SAMPLING,
        examples=index,
    )
    request = build_request(spec, make_profile(chat=False))
    examples, separator, document = request.prompt.partition(EXAMPLES_SEPARATOR)
    assert separator and document == spec.text
    assert examples.split("\n\n")[-1].startswith("On the last evening of the spring term")
    assert count_chars(examples) <= EXAMPLES_MAX_TOKENS
    assert not request.truncated  # the document itself was whole
    assert request.echo_guard == spec.text  # the echo guard is the writer's text, not an example


def test_a_paragraph_already_in_the_document_is_not_repeated() -> None:
    paragraphs = HARBOUR_STORY.split("\n\n")
    spec = TaskSpec(
        kind="continue", text=paragraphs[4], sampling=SAMPLING, examples=ParagraphIndex(paragraphs)
    )
    request = build_request(spec, make_profile(chat=False))
    examples = request.prompt.partition(EXAMPLES_SEPARATOR)[0]
    assert paragraphs[4].strip() not in examples
    assert examples  # others were chosen instead


def test_chinese_examples_match_by_characters() -> None:
    index = ParagraphIndex([HARBOUR_STORY, CHINESE_STORY])
    spec = TaskSpec(kind="continue", text="渡船在清晨出发，海鸥飞过港湾。", examples=index)
    request = build_request(spec, make_profile(chat=False, cjk=True))
    examples = request.prompt.partition(EXAMPLES_SEPARATOR)[0]
    assert examples.split("\n\n")[-1].startswith("清晨的渡船六点出发")


def test_examples_never_crowd_out_the_document_in_a_small_context() -> None:
    index = ParagraphIndex([HARBOUR_STORY])
    text = "The ferry and the gulls and the harbour. " * 20
    spec = TaskSpec(kind="continue", text=text, sampling=SAMPLING, examples=index)
    request = build_request(spec, make_profile(chat=False, context=400))
    examples, _sep, document = request.prompt.partition(EXAMPLES_SEPARATOR)
    budget = 400 - 64 - 16
    assert count_chars(examples + EXAMPLES_SEPARATOR) <= budget // 3
    assert len(document) > len(examples)


def test_no_examples_means_the_prompt_is_the_document() -> None:
    spec = TaskSpec(kind="continue", text="It was late.", examples=ParagraphIndex([]))
    assert build_request(spec, make_profile()).prompt == "It was late."


def test_every_tenth_piece_is_held_out() -> None:
    corpus = build_corpus([HARBOUR_STORY])
    pieces = HARBOUR_STORY.split("\n\n")
    assert corpus.heldout == [pieces[9].strip()]
    assert sum(len(doc) for doc in corpus.train) == len(pieces) - 1
    assert corpus.words == corpus.train_words + corpus.heldout_words
    assert not corpus.chinese
    assert corpus.sample_prompt.startswith("Years later, when the school had closed")


def test_chinese_texts_are_recognised_and_short_ones_refused() -> None:
    assert build_corpus([CHINESE_STORY]).chinese
    mixed = HARBOUR_STORY + "\n\n她说：“渡船来了。”"
    assert not build_corpus([mixed]).chinese  # a quoted phrase does not make it Chinese
    with pytest.raises(ValueError, match=f"at least {MIN_WORDS:,} words"):
        build_corpus(["A few words.", "And a few more."])
    assert "5,000 or more" in too_few_words_warning(900)
    assert too_few_words_warning(20_000) == ""
