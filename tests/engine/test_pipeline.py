"""The one pipeline: clean streaming, reset, cancel, alternatives, chunked summaries."""

from __future__ import annotations

import threading

from assistant.engine import pipeline
from assistant.engine.backend import FakeBackend
from assistant.tasks.types import ChatMessage, TaskSpec


def _run(backend, spec, **kwargs):
    chunks: list[str] = []
    resets: list[int] = []
    progress: list[tuple[int, int]] = []
    prompts: list[str] = []
    events = pipeline.PipelineEvents(
        prompt_built=lambda prompt, _cut: prompts.append(prompt),
        chunk=chunks.append,
        reset=lambda: resets.append(len(chunks)),
        progress=lambda part, of: progress.append((part, of)),
    )
    result = pipeline.run(backend, spec, threading.Event(), events=events, **kwargs)
    return result, chunks, resets, progress, prompts


def test_a_leaked_next_turn_never_reaches_the_stream() -> None:
    backend = FakeBackend()
    backend.enqueue("The harbour is quiet tonight, and the boats are in.\nUser: and tomorrow?")
    spec = TaskSpec(kind="chat", messages=(ChatMessage("user", "How is the harbour?"),))
    result, chunks, resets, _, prompts = _run(backend, spec)
    assert result.text == "The harbour is quiet tonight, and the boats are in."
    assert "".join(chunks) == result.text
    assert "User" not in "".join(chunks)
    assert resets == []
    assert prompts == [backend.requests[0].prompt]


def test_raw_stream_hands_over_every_delta() -> None:
    backend = FakeBackend()
    backend.enqueue(" and then\nUser: the rain")
    spec = TaskSpec(kind="continue", text="The sea was calm")
    _, chunks, _, _, _ = _run(backend, spec, raw_stream=True)
    assert "".join(chunks) == " and then\nUser: the rain"


def test_text_taken_back_after_it_was_shown_resets_the_stream(monkeypatch) -> None:
    backend = FakeBackend()
    backend.enqueue("one two three four five six seven eight nine ten")
    calls = {"n": 0}
    real = pipeline.postprocess

    def shrinking(spec, request, text):
        calls["n"] += 1
        cleaned = real(spec, request, text)
        # Pretend a late clean-up removes the first word once the text is long.
        return cleaned.split(" ", 1)[1] if len(cleaned) > 40 else cleaned

    from assistant.tasks import attempts

    monkeypatch.setattr(pipeline, "postprocess", shrinking)
    monkeypatch.setattr(attempts, "postprocess", shrinking)
    spec = TaskSpec(kind="chat", messages=(ChatMessage("user", "Count."),))
    result, chunks, resets, _, _ = _run(backend, spec)
    assert result.text.startswith("two three")
    assert resets, "what was shown no longer starts the final text"
    assert "".join(chunks[resets[0] :]) in ("", result.text)


def test_a_stopped_answer_keeps_what_was_shown() -> None:
    backend = FakeBackend(delay_s=0.01)
    backend.enqueue(" ".join(["wave"] * 100))
    spec = TaskSpec(kind="continue", text="The sea")
    cancel = threading.Event()
    shown: list[str] = []

    def chunk(text: str) -> None:
        shown.append(text)
        if len("".join(shown)) > 30:
            cancel.set()

    result = pipeline.run(backend, spec, cancel, events=pipeline.PipelineEvents(chunk=chunk))
    assert result.cancelled
    assert result.text == "".join(shown)


def test_alternatives_vary_the_seed_and_report_progress() -> None:
    backend = FakeBackend()
    backend.enqueue("a sea", "a sky", "a road")
    spec = TaskSpec(kind="continue", text="Under")
    result, chunks, _, progress, _ = _run(backend, spec, alternatives=3)
    assert result.alternatives == ["a sea", "a sky", "a road"]
    assert progress == [(1, 3), (2, 3), (3, 3)]
    assert len({r.sampling.seed for r in backend.requests}) == 3
    assert chunks == []  # alternatives are listed, not streamed into the document


def test_a_long_summary_goes_part_by_part_and_shows_every_prompt() -> None:
    backend = FakeBackend(context_tokens=256)
    text = " ".join(f"Sentence {i} tells of the harbour and its keeper." for i in range(200))
    spec = TaskSpec(kind="summarize", text=text, length="short")
    result, _, _, progress, prompts = _run(backend, spec)
    assert progress[0][1] > 2 and progress[-1][0] == progress[-1][1]  # ends combining
    # Every step (each part of every round, then the combining one) is announced, and
    # every prompt is shown (the combining step's retries included).
    assert len(prompts) == len(backend.requests) >= len(progress)
    # The scripted model's "summary" is off topic: key sentences are shown, labelled.
    assert result.method == "extractive" and result.attempts == 3
    assert "harbour" in result.text


def test_a_failed_attempt_is_taken_back_and_the_next_one_shown() -> None:
    backend = FakeBackend()
    story = (
        "Mara kept the lighthouse on the north cape for thirty years. Every night she "
        "climbed the stairs, trimmed the wick and wrote the ships' names in her log."
    )
    backend.enqueue("Here is a revised version of your story with some suggestions.", "")
    backend.enqueue(" Then one winter the lamp failed, and Mara climbed up with a candle.")
    spec = TaskSpec(kind="continue", text=story)
    retries: list[tuple[int, str]] = []
    chunks: list[str] = []
    resets: list[int] = []
    events = pipeline.PipelineEvents(
        chunk=chunks.append,
        reset=lambda: resets.append(len(chunks)),
        retry=lambda number, reason: retries.append((number, reason)),
    )
    result = pipeline.run(backend, spec, threading.Event(), events=events)
    assert result.method == "model" and result.attempts >= 2
    assert result.text.startswith(" Then one winter")
    assert retries and retries[0][0] == 2 and retries[0][1]
    assert resets  # the rejected attempt was taken back
    assert "".join(chunks[resets[-1] :]) == result.text


def test_a_language_the_model_does_not_write_is_refused_before_any_generation() -> None:
    backend = FakeBackend(languages=frozenset({"en"}))
    spec = TaskSpec(
        kind="continue", text="灯塔守护者每天傍晚都爬上楼梯，点亮灯火，然后坐在窗前看海。"
    )
    result = pipeline.run(backend, spec, threading.Event())
    assert backend.requests == []
    assert result.method == "none" and result.text == ""
    assert result.language == "zh"
    assert "Qwen2.5-0.5B-Instruct" in (result.refused or "")
    assert result.as_json() == {
        "text": "",
        "method": "none",
        "attempts": 0,
        "checks": {},
        "language": "zh",
        "refused": result.refused,
    }
