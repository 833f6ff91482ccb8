"""Ghost-suggestion rules with no model: when to offer, the prompt, the clean-up."""

from __future__ import annotations

from assistant.tasks import ghost
from assistant.tasks.build import build_request
from assistant.tasks.text import is_cjk
from assistant.tasks.types import ModelProfile, Sampling


def _long_document(paragraphs: int = 60) -> str:
    sentence = "The lighthouse keeper counted the ships as they passed the rocks. "
    return "\n\n".join(f"Part {i}. " + sentence * 6 for i in range(paragraphs))


def test_short_documents_are_sent_whole() -> None:
    text, start = ghost.stable_context("Once upon a time")
    assert (text, start) == ("Once upon a time", 0)


def test_the_cut_of_a_long_document_stays_put_while_the_writer_types() -> None:
    doc = _long_document()
    starts = set()
    typed = doc
    for i in range(120):  # ~700 characters typed, word by word
        typed += f" word{i}"
        text, start = ghost.stable_context(typed)
        assert typed.endswith(text) and typed[start:] == text
        starts.add(start)
    # One move at most in ~700 characters (the stride is 2000): consecutive prompts
    # share their whole start, so the engine's prefix cache keeps working.
    assert len(starts) <= 2
    text, start = ghost.stable_context(typed)
    assert start > 0 and typed[start - 2 : start] == "\n\n"  # cut at a paragraph
    assert sum(4 if is_cjk(c) else 1 for c in text) <= ghost.WINDOW_UNITS


def test_chinese_counts_heavier_in_the_window() -> None:
    doc = "。".join(["他在灯塔上数着经过的船只"] * 400)
    text, start = ghost.stable_context(doc)
    assert start > 0 and len(text) * 4 <= ghost.WINDOW_UNITS + 4


def test_offer_only_outside_a_word() -> None:
    assert ghost.should_offer("The cat", "")
    assert ghost.should_offer("The cat ", "\nNext line")
    assert ghost.should_offer("She left", ". He stayed.")
    assert not ghost.should_offer("The ca", "t sat")
    assert not ghost.should_offer("   ", "")
    assert not ghost.should_offer("天黑", "了")
    assert ghost.should_offer("天黑了", "，他走了")


def test_clean_stops_at_the_sentence_end_and_never_echoes() -> None:
    s = ghost.clean(" sat on the mat. Then it slept", "The cat")
    assert s == ghost.Suggestion(" sat on the mat.", True)
    # The writer typed the space already: no double space.
    assert ghost.clean(" sat down", "The cat ").text == "sat down"
    # Echo of the last sentence before the cursor is dropped.
    echoed = ghost.clean(" It was late. It was late. The end", "It was late.")
    assert not echoed.text.startswith("It was late")
    assert ghost.clean("\nNew paragraph", "The end.").text == ""
    assert ghost.clean(" and then\nmore", "She ran").text == " and then"


def test_streaming_shows_whole_words_only() -> None:
    partial = ghost.clean(" sat on the ma", "The cat", final=False)
    assert partial == ghost.Suggestion(" sat on the", False)
    # A Latin period at the very end may still become "3.5": not complete yet.
    assert not ghost.clean(" costs 3.", "It", final=False).complete
    assert ghost.clean("然后下起了雨", "天黑了，", final=False).text == "然后下起了雨"


def test_clean_fits_the_text_after_the_cursor() -> None:
    s = ghost.clean(" quietly and went home. Then", "She left", ". He stayed.")
    assert s.text == " quietly and went home"
    overlap = ghost.clean(" quietly. He", "She left", " He stayed.")
    assert overlap.text == " quietly."


def test_next_word_latin_and_chinese() -> None:
    assert ghost.next_word(" sat on the mat.") == " sat"
    assert ghost.next_word("mat. Then") == "mat."
    assert ghost.next_word("然后下起了雨。") == "然后"
    assert ghost.next_word("雨。他") == "雨。"
    assert ghost.next_word("") == ""


def test_build_spec_makes_a_plain_continue_prompt() -> None:
    profile = ModelProfile("m", 2048, lambda t: max(1, len(t) // 4))
    sampling = Sampling(temperature=0.5, max_new_tokens=16)
    doc = _long_document()
    first = build_request(ghost.build_spec(doc + " The", "", sampling), profile)
    second = build_request(ghost.build_spec(doc + " The sea was", "", sampling), profile)
    assert first.task == "continue" and first.sampling.max_new_tokens == 16
    assert second.prompt.startswith(first.prompt)  # a prefix: the KV cache is reused
    assert first.prompt.endswith(" The")
