"""The shared text filter every backend's output passes through."""

from __future__ import annotations

import threading

from assistant.engine.backend import FakeBackend
from assistant.engine.text_stream import TextFilter, clean_stream
from assistant.tasks.types import GenerationRequest


def _run(pieces: list[str], stop: tuple[str, ...] = ()) -> tuple[str, bool]:
    text_filter = TextFilter(stop)
    out = []
    for piece in pieces:
        released, hit = text_filter.push(piece)
        out.append(released)
        if hit:
            return "".join(out), True
    return "".join(out) + text_filter.flush(), False


def test_line_breaks_become_newlines_even_split_across_pieces() -> None:
    assert _run(["one\r", "\ntwo\rthree\u2029four\r"]) == ("one\ntwo\nthree\nfour\n", False)


def test_control_characters_and_replacement_characters_never_pass() -> None:
    assert _run(["a\x00b\x07c\ufffd", "\x85d\te"]) == ("abc\x85d\te".replace("\x85", ""), False)


def test_a_surrogate_pair_cut_between_pieces_becomes_one_character() -> None:
    # A server may put the two halves of an emoji (or a rare CJK character) in two events.
    assert _run(["sea \ud83c", "\udf0a waves"]) == ("sea \U0001f30a waves", False)
    assert _run(["lone \ud83c", " x"]) == ("lone  x", False)


def test_a_stop_string_across_pieces_is_cut_and_never_released() -> None:
    text_filter = TextFilter(("\nUser:",))
    assert text_filter.push("Fine.\nUs") == ("Fine.", False)  # "\nUs" could grow into the stop
    assert text_filter.push("er: next") == ("", True)


def test_clean_stream_ends_at_a_stop_string_the_backend_missed() -> None:
    fake = FakeBackend("and then the rain came down hard.")
    request = GenerationRequest(task="continue", prompt="x", stop=("rain",))
    text = "".join(clean_stream(fake, request, threading.Event()))
    assert text == "and then the "
    assert fake.last_stats.stop_reason == "stop_string"


def test_generate_filters_every_backend() -> None:
    fake = FakeBackend("a\r\nb\x00c")
    assert fake.generate(GenerationRequest(task="continue", prompt="x")) == "a\nbc"
