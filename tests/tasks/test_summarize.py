"""Chunked summaries: splitting, progress, cancel, recursion."""

from __future__ import annotations

import threading

import pytest

from assistant.tasks import summarize
from assistant.tasks.text import Cancelled
from assistant.tasks.types import GenerationRequest, TaskSpec
from tests.tasks.fakes import make_profile

ZH_PARAGRAPH = "".join(f"第{i}天，我们在山上看见了大海，风很大，天很蓝。" for i in range(30))
EN_PARAGRAPH = " ".join(f"On day {i} the bees visited the orchard again." for i in range(30))


@pytest.mark.parametrize("budget", [20, 50, 120])
def test_chunk_text_splits_chinese_without_spaces_at_sentences(budget: int) -> None:
    profile = make_profile(cjk=True)
    chunks = summarize.chunk_text(ZH_PARAGRAPH, profile, budget)
    assert len(chunks) > 1
    for chunk in chunks:
        assert profile.count_tokens(chunk) <= budget
        # Cuts fall at sentence ends, or clause ends when a sentence exceeds the budget.
        assert chunk.endswith("。") or (budget < 30 and chunk.endswith("，"))
    assert "".join(chunks) == ZH_PARAGRAPH  # nothing lost, nothing added


def test_chunk_text_prefers_paragraphs() -> None:
    profile = make_profile()
    paragraphs = [f"Paragraph {i}. " + "Some words here. " * 5 for i in range(12)]
    text = "\n\n".join(p.strip() for p in paragraphs)
    chunks = summarize.chunk_text(text, profile, 60)
    for chunk in chunks:
        assert profile.count_tokens(chunk) <= 60
        assert chunk.startswith("Paragraph ")
    assert sum(c.count("Paragraph ") for c in chunks) == 12


def test_chunk_text_cuts_an_overlong_sentence_at_words() -> None:
    profile = make_profile()
    sentence = " ".join(f"word{i}" for i in range(400))  # one sentence, no full stop
    chunks = summarize.chunk_text(sentence, profile, 30)
    assert all(profile.count_tokens(c) <= 30 for c in chunks)
    assert " ".join(chunks).split() == sentence.split()


def test_chunk_text_cuts_overlong_chinese_without_punctuation() -> None:
    profile = make_profile(cjk=True)
    text = "山" * 500
    chunks = summarize.chunk_text(text, profile, 40)
    assert all(profile.count_tokens(c) <= 40 for c in chunks)
    assert "".join(chunks) == text


def test_needs_chunking() -> None:
    profile = make_profile(context=512)
    assert not summarize.needs_chunking(TaskSpec(kind="summarize", text="Short."), profile)
    long = TaskSpec(kind="summarize", text=EN_PARAGRAPH * 5)
    assert summarize.needs_chunking(long, profile)


def _fake_generate(calls: list[GenerationRequest]):  # noqa: ANN202 - test helper
    def generate(request: GenerationRequest) -> str:
        calls.append(request)
        return f"Here is a summary:\nPart summary {len(calls)}."

    return generate


def test_run_chunked_reports_progress_and_returns_the_combine_request() -> None:
    profile = make_profile(context=512)
    spec = TaskSpec(kind="summarize", text="\n\n".join([EN_PARAGRAPH] * 4))
    calls: list[GenerationRequest] = []
    progress: list[tuple[int, int]] = []
    request = summarize.run_chunked(
        spec, profile, _fake_generate(calls), lambda i, n: progress.append((i, n))
    )
    n = progress[0][1]
    assert n >= 3
    assert progress == [(i, n) for i in range(1, n + 1)]
    assert len(calls) == n - 1
    for call in calls:  # every part fits the context
        assert profile.count_tokens(call.prompt) + call.sampling.max_new_tokens <= 512
    # The combine request is not generated yet; it holds the cleaned part summaries.
    assert "Part summary 1." in request.prompt and f"Part summary {n - 1}." in request.prompt
    assert "Here is a summary" not in request.prompt
    assert "Combine them" in request.prompt
    assert profile.count_tokens(request.prompt) + request.sampling.max_new_tokens <= 512


def test_run_chunked_on_short_text_is_one_step() -> None:
    calls: list[GenerationRequest] = []
    progress: list[tuple[int, int]] = []
    request = summarize.run_chunked(
        TaskSpec(kind="summarize", text="Bees pollinate crops."),
        make_profile(),
        _fake_generate(calls),
        lambda i, n: progress.append((i, n)),
    )
    assert calls == [] and progress == [(1, 1)]
    assert "Bees pollinate crops." in request.prompt


def test_run_chunked_honours_cancel() -> None:
    cancel = threading.Event()
    calls: list[GenerationRequest] = []

    def generate(request: GenerationRequest) -> str:
        calls.append(request)
        cancel.set()  # the writer presses Stop during the first part
        return "partial"

    spec = TaskSpec(kind="summarize", text="\n\n".join([EN_PARAGRAPH] * 4))
    with pytest.raises(Cancelled):
        summarize.run_chunked(spec, make_profile(context=512), generate, cancel=cancel)
    assert len(calls) == 1


def test_run_chunked_cancelled_before_start_generates_nothing() -> None:
    cancel = threading.Event()
    cancel.set()
    calls: list[GenerationRequest] = []
    spec = TaskSpec(kind="summarize", text="\n\n".join([EN_PARAGRAPH] * 4))
    with pytest.raises(Cancelled):
        summarize.run_chunked(spec, make_profile(context=512), _fake_generate(calls), None, cancel)
    assert calls == []


def test_run_chunked_recurses_when_part_summaries_are_too_long() -> None:
    profile = make_profile(context=512)
    spec = TaskSpec(kind="summarize", text="\n\n".join([EN_PARAGRAPH] * 12))
    calls: list[GenerationRequest] = []

    def verbose(request: GenerationRequest) -> str:
        calls.append(request)
        return " ".join(f"Point {k} of part {len(calls)} says a lot at length." for k in range(6))

    progress: list[tuple[int, int]] = []
    request = summarize.run_chunked(spec, profile, verbose, lambda i, n: progress.append((i, n)))
    assert profile.count_tokens(request.prompt) + request.sampling.max_new_tokens <= 512
    assert "Combine them" in request.prompt
    # Several rounds: the part summaries were chunked again; progress restarts at 1.
    starts = [i for i, (step, _) in enumerate(progress) if step == 1]
    assert len(starts) >= 2
    rounds = [progress[a:b] for a, b in zip(starts, [*starts[1:], len(progress)], strict=True)]
    for r in rounds[:-1]:  # a round that recursed never reached its combine step
        assert r == [(i, r[0][1]) for i in range(1, r[0][1])]
    last = rounds[-1]
    assert last == [(i, last[0][1]) for i in range(1, last[0][1] + 1)]
    assert len(calls) == sum(r[0][1] - 1 for r in rounds)
