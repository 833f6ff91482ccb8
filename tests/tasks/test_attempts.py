"""run_checked: retry on failed checks, honest fallbacks, refusals, the time budget."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from unittest.mock import patch

import pytest

from assistant.bench.devset import DEVSET
from assistant.tasks.attempts import CheckedOutput, early_failure, run_checked
from assistant.tasks.checks import check_output
from assistant.tasks.rewrite import SHORTER_EXAMPLES
from assistant.tasks.types import GenerationRequest, TaskSpec
from tests.tasks.fakes import make_profile

TEXTS = {t.name: t.text for t in DEVSET}
ORCHARD = TEXTS["en-fiction-orchard"]
PROFILE = replace(make_profile(chat=True), name="Tiny-EN", languages=frozenset({"en"}))
CRITIQUE = "Your description of the orchard seems vivid yet lacks polish."
LOOP = "Tomas picked apples with Ilse. " * 8
GOOD_SUMMARY = (
    "Tomas helps his grandmother Ilse pick apples and keeps a letter from the hotel to himself."
)


class Script:
    """A `generate` that replies from a list and records the requests it got."""

    def __init__(
        self, *replies: str, clock: FakeClock | None = None, seconds: Iterator[float] | None = None
    ) -> None:
        self.replies = list(replies)
        self.requests: list[GenerationRequest] = []
        self.clock = clock
        self.seconds = seconds

    def __call__(self, request: GenerationRequest) -> str:
        self.requests.append(request)
        if self.clock is not None and self.seconds is not None:
            self.clock.now += next(self.seconds)
        return self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _summarize(text: str = ORCHARD) -> TaskSpec:
    return TaskSpec(kind="summarize", text=text, length="short")


def test_a_failed_first_attempt_is_replaced_by_a_passing_second() -> None:
    generate = Script(CRITIQUE, GOOD_SUMMARY)
    started: list[int] = []
    rejected: list[tuple[int, str]] = []
    result = run_checked(
        _summarize(),
        PROFILE,
        generate,
        on_attempt=lambda i, _r: started.append(i),
        on_rejected=lambda i, text, _report: rejected.append((i, text)),
    )
    assert result.text == GOOD_SUMMARY
    assert (result.method, result.attempts, result.refused) == ("model", 2, None)
    assert all(result.checks.values())
    assert started == [1, 2]
    assert len(rejected) == 1 and rejected[0][0] == 1
    assert rejected[0][1].endswith(CRITIQUE)  # as it would have been shown (after the primer)
    # The retry used another prompt form, not the same request again.
    assert generate.requests[0].prompt != generate.requests[1].prompt


def test_a_summary_that_never_passes_falls_back_to_key_sentences() -> None:
    generate = Script(CRITIQUE)
    result = run_checked(_summarize(), PROFILE, generate)
    assert result.method == "extractive"
    assert result.attempts == 3
    assert "Tomas" in result.text and result.text.split()[0] in ORCHARD
    assert len(result.rejected) == 3
    assert all(text.endswith(CRITIQUE) for text in result.rejected)
    assert not all(result.checks.values())  # the last attempt's checks
    assert result.refused is None


def test_a_rewrite_that_never_passes_shows_nothing_and_says_so() -> None:
    generate = Script(LOOP)
    spec = TaskSpec(kind="rewrite", text=ORCHARD.split("\n\n")[0], style="shorter")
    result = run_checked(spec, PROFILE, generate)
    assert (result.text, result.method) == ("", "none")
    assert result.refused is not None
    assert result.refused.startswith("Tiny-EN could not rewrite this")
    assert "Assist › Models…" in result.refused
    assert result.rejected and result.rejected[0].startswith("Tomas picked apples")
    assert result.reason is not None and "repeats" in result.reason


def test_chinese_for_an_english_only_model_is_refused_without_generating() -> None:
    generate = Script("never used")
    result = run_checked(
        TaskSpec(kind="continue", text=TEXTS["zh-fiction-ferry"]), PROFILE, generate
    )
    assert generate.requests == []
    assert (result.text, result.method, result.attempts, result.language) == ("", "none", 0, "zh")
    assert result.refused == (
        "Tiny-EN writes English only. For Chinese, use Qwen2.5-0.5B-Instruct (Assist › Models…)."
    )


def test_a_model_of_unknown_languages_is_never_refused() -> None:
    generate = Script("外婆笑了笑，把账本合上，站起来去厨房烧水。")
    profile = replace(PROFILE, languages=None)
    result = run_checked(
        TaskSpec(kind="continue", text=TEXTS["zh-fiction-ferry"]), profile, generate
    )
    assert result.method == "model"
    assert len(generate.requests) == 1


def test_a_text_too_short_to_summarize_gets_a_message() -> None:
    generate = Script("never used")
    result = run_checked(_summarize(TEXTS["en-short-one"]), PROFILE, generate)
    assert generate.requests == []
    assert result.refused is not None and "too short to summarize" in result.refused


def test_the_budget_stops_further_attempts() -> None:
    clock = FakeClock()
    generate = Script(CRITIQUE, clock=clock, seconds=iter([10.0, 10.0, 10.0]))
    result = run_checked(_summarize(), PROFILE, generate, budget_s=15.0, clock=clock)
    assert result.attempts == 1
    assert result.method == "extractive"


def test_by_default_retries_get_twice_the_first_attempts_time() -> None:
    clock = FakeClock()
    # 2 s, then a slow 5 s: a third attempt would overrun 2 + 2 x 2 s.
    generate = Script(CRITIQUE, clock=clock, seconds=iter([2.0, 5.0, 1.0]))
    result = run_checked(_summarize(), PROFILE, generate, clock=clock)
    assert result.attempts == 2
    clock = FakeClock()
    generate = Script(CRITIQUE, clock=clock, seconds=iter([2.0, 2.0, 2.0]))
    assert run_checked(_summarize(), PROFILE, generate, clock=clock).attempts == 3


def test_a_long_text_is_summarized_in_chunks_and_the_combined_summary_is_checked() -> None:
    small = replace(PROFILE, context_tokens=512)
    names = ("en-fiction-orchard", "en-fiction-station", "en-fiction-snow")
    long_text = "\n\n".join(TEXTS[n] for n in names)
    combined_replies = [CRITIQUE, GOOD_SUMMARY]
    requests: list[GenerationRequest] = []

    def generate(request: GenerationRequest) -> str:
        requests.append(request)
        if "summaries of consecutive parts" in request.prompt:
            return combined_replies.pop(0)
        return "Tomas and Ilse pick apples."

    progress: list[tuple[int, int]] = []
    result = run_checked(
        _summarize(long_text), small, generate, progress=lambda i, n: progress.append((i, n))
    )
    parts = [r for r in requests if "summaries of consecutive parts" not in r.prompt]
    assert len(parts) >= 2 and len(requests) == len(parts) + 2  # the combining step, retried once
    assert progress and progress[-1][0] == progress[-1][1]
    assert (result.attempts, result.text) == (2, GOOD_SUMMARY)


def test_as_json_has_exactly_the_cli_contract_keys() -> None:
    result = CheckedOutput("x", "model", 1, {"no_loop": True}, "en")
    assert set(result.as_json()) == {"text", "method", "attempts", "checks", "language", "refused"}


def test_early_failure_flags_a_loop_while_streaming() -> None:
    spec = TaskSpec(kind="continue", text=ORCHARD)
    assert early_failure(spec, " He went to bed. The end came at last, quietly.") is None
    assert early_failure(spec, " The end came at last, quietly. The end came at last, quietly.")


def test_shorter_in_english_shows_a_worked_example_first_and_decodes_every_form_greedily() -> None:
    generate = Script(LOOP)
    paragraph = ORCHARD.split("\n\n")[0]
    spec = TaskSpec(kind="rewrite", text=paragraph, style="shorter")
    run_checked(spec, PROFILE, generate)
    prompts = [r.prompt for r in generate.requests]
    assert len(set(prompts)) == 3  # three prompt forms, not one prompt three times
    example, shortened = SHORTER_EXAMPLES["example_story"]
    assert example in prompts[0] and shortened in prompts[0]
    assert prompts[0].index(shortened) < prompts[0].index(paragraph)  # the example comes first
    assert example not in prompts[1]
    assert all(r.sampling.greedy for r in generate.requests)


def test_shorter_for_chinese_text_gets_no_english_example() -> None:
    generate = Script("never passes")
    profile = replace(PROFILE, languages=None)  # a model that may write Chinese
    spec = TaskSpec(kind="rewrite", text=TEXTS["zh-fiction-ferry"], style="shorter")
    run_checked(spec, profile, generate)
    assert generate.requests
    for request in generate.requests:
        assert all(example not in request.prompt for example, _ in SHORTER_EXAMPLES.values())


def test_a_slow_first_check_counts_as_part_of_the_first_attempt() -> None:
    clock = FakeClock()
    generate = Script(CRITIQUE, clock=clock, seconds=iter([2.0, 2.0, 2.0]))
    checks = {"calls": 0}

    def slow_first_check(*args: object, **kwargs: object) -> object:
        checks["calls"] += 1
        if checks["calls"] == 1:
            clock.now += 2.0  # e.g. the language detector loading on first use
        return check_output(*args, **kwargs)  # type: ignore[arg-type]

    with patch("assistant.tasks.attempts.check_output", slow_first_check):
        result = run_checked(_summarize(), PROFILE, generate, clock=clock)
    # The first attempt took 4 s in all: two more 2 s attempts fit 2 x 4 s.
    assert result.attempts == 3


def test_a_worked_example_that_does_not_fit_the_context_is_left_out_not_refused() -> None:
    # A model with a small context: the example may not fit where the selection alone does.
    from assistant.tasks.rewrite import build
    from assistant.tasks.sampling import default_sampling

    paragraph = ORCHARD.split("\n\n")[0]
    spec = TaskSpec(kind="rewrite", text=paragraph, style="shorter")
    sampling = default_sampling("rewrite")
    left_out = 0
    for context in range(200, 4000, 50):
        profile = replace(PROFILE, context_tokens=context)
        try:
            plain = build(spec, profile, sampling, True, "condense")
        except ValueError:
            with pytest.raises(ValueError, match="too long"):
                build(spec, profile, sampling, True, "example_story")
            continue
        with_example = build(spec, profile, sampling, True, "example_story")
        if SHORTER_EXAMPLES["example_story"][0] not in with_example.prompt:
            assert with_example.prompt == plain.prompt
            left_out += 1
    assert left_out  # some contexts fit the selection but not the example
