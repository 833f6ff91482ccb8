"""Best of a few attempts within a time budget, then an honest fallback.

The one entry point the pipeline (CLI and GUI) calls: `run_checked` refuses a
language the model does not write, generates with the task's best measured
settings, checks the output (`tasks.checks`), and tries again with other
settings until one passes, the attempts run out or the time budget is spent.
Nothing that failed its checks is returned as text: summaries fall back to key
sentences of the source (`tasks.extractive`), other tasks to a plain message.
`generate(request) -> str` is the caller's: it streams one attempt and returns
its raw text (or the text so far, if it stopped the attempt on `early_failure`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from assistant.tasks import rewrite, summarize
from assistant.tasks.build import build_request, postprocess
from assistant.tasks.checks import MIN_SUMMARY_SOURCE, CheckReport, check_output
from assistant.tasks.extractive import extractive_summary
from assistant.tasks.language import UNDETERMINED, refusal_for, spec_language, suggest_model
from assistant.tasks.sampling import default_sampling
from assistant.tasks.text import has_cjk, word_units
from assistant.tasks.types import GenerationRequest, ModelProfile, Sampling, TaskSpec
from assistant.translatable import Translatable

#: Retries may take this many times the first attempt's time (when no budget is given).
RETRY_BUDGET_FACTOR = 2.0
#: ...counting the first attempt as at least this long: one that ended at once
#: (a stop string, an early failure) must not leave retries no time at all.
MIN_ATTEMPT_S = 1.0
#: Seeds for attempts when the writer gave none: reproducible, as the CLI promises.
BASE_SEED = 1

Generate = Callable[[GenerationRequest], str]


@dataclass
class CheckedOutput:
    """What a checked task produced: the text to show and how it came about."""

    text: str
    method: str  # "model", "extractive" or "none"
    attempts: int
    checks: dict[str, bool]  # of the shown output, or of the last attempt
    language: str
    refused: str | None = None  # a one-line message when nothing is shown
    rejected: list[str] = field(default_factory=list)  # failed attempts, for the curious
    reason: str | None = None  # why the last rejected attempt failed
    seconds: float = 0.0

    def as_json(self) -> dict[str, Any]:
        """The CLI's `--json` object (issue 16's contract)."""
        return contract_json(self)


def contract_json(result: Any) -> dict[str, Any]:
    """`generate --json`: exactly the keys issue 16 names (a contract other tools read).

    For a CheckedOutput here and the engine's GenerationResult alike: one list of keys.
    """
    return {
        "text": result.text,
        "method": result.method,
        "attempts": result.attempts,
        "checks": dict(result.checks),
        "language": result.language,
        "refused": result.refused,
    }


# --- attempt settings -------------------------------------------------------------


def attempt_sampling(spec: TaskSpec, index: int) -> Sampling:
    """Decoding settings of attempt `index` (0-based) for a task.

    The first attempt uses the task's measured defaults (or the writer's own
    settings); later ones change the seed and, where a fixed setting failed,
    the setting itself: a greedy rewrite that failed would fail again. An
    attempt with a prompt form not tried before keeps the defaults: the new
    prompt is the change.
    """
    base = spec.sampling or default_sampling(spec.kind)
    seed = (base.seed if base.seed is not None else BASE_SEED) + index
    if index == 0:
        return base if spec.sampling is not None else base.with_(seed=seed)
    forms = _forms(spec)
    if forms and forms[index % len(forms)] not in forms[:index]:
        return base.with_(seed=seed)
    changes = dict(_RETRY_SAMPLING.get(spec.kind, {}).get(index, {}))
    if base.greedy and "temperature" not in changes and spec.kind not in _NEW_FORMS:
        changes["temperature"] = 0.5  # greedy again would repeat the failed text
    return base.with_(seed=seed, **changes)


# Retries of rewrite and summarize change the prompt form (see `rewrite.FORMS`,
# `summarize.FORMS`): for rewrites that passed far more often than sampling,
# which changed the meaning. Continue and chat vary the temperature around the
# default; chat's values are not measured.
_NEW_FORMS = ("rewrite", "summarize")
_RETRY_SAMPLING: dict[str, dict[int, dict[str, Any]]] = {
    "continue": {1: {"temperature": 0.6}, 2: {"temperature": 0.8}},
    # The third summary attempt samples: with the two greedy forms it covered 18
    # of the 19 tuning texts (greedy forms alone: 14 each).
    "summarize": {2: {"temperature": 0.3, "repetition_penalty": 1.2}},
    # The third rewrite repeats the first form, sampled just off greedy (rewrite.FORMS);
    # Shorter's forms are all different and stay greedy (rewrite.SHORTER_ATTEMPT_FORMS).
    "rewrite": {2: {"temperature": 0.2, "top_k": 20}},
    "chat": {1: {"temperature": 0.7}, 2: {"temperature": 0.8}},
}


def _forms(spec: TaskSpec) -> tuple[str, ...]:
    """The prompt forms the attempts go through, in order (none: the task has one prompt)."""
    if spec.kind == "rewrite":
        return rewrite.attempt_forms(spec)
    if spec.kind == "summarize":
        return summarize.ATTEMPT_FORMS
    return ()


def _request(spec: TaskSpec, profile: ModelProfile, index: int, final: Any) -> GenerationRequest:
    sampling = attempt_sampling(spec, index)
    if final is not None:  # a chunked summary: only the combining step is retried
        keep = final.sampling.max_new_tokens
        return replace(final, sampling=sampling.with_(max_new_tokens=keep))
    forms = _forms(spec)
    form = forms[index % len(forms)] if forms else None
    if spec.kind in _NEW_FORMS and spec.sampling is None:
        # Let the builder size the reply to the text, then apply the attempt's settings.
        built = build_request(spec, profile, form)
        kept = built.sampling.max_new_tokens
        return replace(built, sampling=sampling.with_(max_new_tokens=kept))
    return build_request(replace(spec, sampling=sampling), profile, form)


# --- refusals and messages -------------------------------------------------------


def could_not(spec: TaskSpec, profile: ModelProfile, language: str) -> str:
    """The plain message when no attempt passed: which model could do it instead."""
    better = suggest_model(language if language != UNDETERMINED else "en", profile.name)
    advice = (
        Translatable("Try {model} (Assist › Models…).", model=better)
        if better
        else Translatable("Try a larger model (Assist › Models…).")
    )
    name = profile.name
    if spec.kind == "continue":
        return Translatable(
            "{model} could not continue this text well enough. {advice}", model=name, advice=advice
        )
    if spec.kind == "rewrite":
        return Translatable(
            "{model} could not rewrite this well enough. {advice}", model=name, advice=advice
        )
    if spec.kind == "chat":
        return Translatable(
            "{model} could not answer this well enough. {advice}", model=name, advice=advice
        )
    return Translatable(
        "{model} could not do this well enough. {advice}", model=name, advice=advice
    )


def _too_short(spec: TaskSpec) -> str | None:
    if spec.kind != "summarize" or not spec.text.strip():
        return None  # an empty text: the builder says so in its own words
    units = len(word_units(spec.text))
    if units >= MIN_SUMMARY_SOURCE:
        return None
    if has_cjk(spec.text):
        return Translatable(
            "The text is too short to summarize ({count} characters). "
            "Select at least {minimum} characters.",
            count=units,
            minimum=MIN_SUMMARY_SOURCE,
        )
    return Translatable(
        "The text is too short to summarize ({count} words). Select at least {minimum} words.",
        count=units,
        minimum=MIN_SUMMARY_SOURCE,
    )


# --- the loop ---------------------------------------------------------------------


def run_checked(
    spec: TaskSpec,
    profile: ModelProfile,
    generate: Generate,
    *,
    budget_s: float | None = None,
    max_attempts: int = 3,
    clock: Callable[[], float] = time.monotonic,
    on_attempt: Callable[[int, GenerationRequest], None] | None = None,
    on_rejected: Callable[[int, str, CheckReport], None] | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: threading.Event | None = None,
) -> CheckedOutput:
    """Generate, check, retry; return the first output that passes, or the fallback.

    - `on_attempt(i, request)` before attempt i (1-based) starts: the GUI shows a
      quiet "trying again" state from i = 2;
    - `on_rejected(i, text, report)` after an attempt fails its checks;
    - `budget_s`: the whole run's time limit; by default retries may take
      `RETRY_BUDGET_FACTOR` times the first attempt's time.
    Raises ValueError (from the builders) for input no attempt could take, and
    `text.Cancelled` when `cancel` is set.
    """
    started = clock()
    language = spec_language(spec)
    message = refusal_for(language, profile.languages, profile.name) or _too_short(spec)
    if message:
        return CheckedOutput("", "none", 0, {}, language, refused=message)
    final = None
    if spec.kind == "summarize" and summarize.needs_chunking(spec, profile):
        final = summarize.run_chunked(spec, profile, generate, progress, cancel)
    rejected: list[str] = []
    report = CheckReport()
    attempts = 0
    first_s = 0.0
    attempts_started = clock()  # a chunked summary's parts are not attempts
    for index in range(max(1, max_attempts)):
        spent = clock() - attempts_started
        if index and _out_of_time(spent, clock() - started, first_s, index, budget_s):
            break
        if cancel is not None and cancel.is_set():
            from assistant.tasks.text import Cancelled

            raise Cancelled()
        request = _request(spec, profile, index, final)
        if on_attempt:
            on_attempt(index + 1, request)
        raw = generate(request)
        attempts += 1
        text = postprocess(spec, request, raw)
        report = check_output(spec, request, text, source_language=language)
        if index == 0:
            # The whole attempt, checks included, as `spent` counts the later ones: a
            # one-off cost in the first check (loading the language detector, 0.8 s)
            # must not leave the retries less than their share.
            first_s = clock() - attempts_started
        if report.passed:
            return CheckedOutput(
                text, "model", attempts, report.checks, language, seconds=clock() - started
            )
        rejected.append(text)
        if on_rejected:
            on_rejected(index + 1, text, report)
    elapsed = clock() - started
    if spec.kind == "summarize":
        summary = extractive_summary(spec.text, spec.length, spec.bullets)
        return CheckedOutput(
            summary,
            "extractive",
            attempts,
            report.checks,
            language,
            rejected=rejected,
            reason=report.reason,
            seconds=elapsed,
        )
    return CheckedOutput(
        "",
        "none",
        attempts,
        report.checks,
        language,
        refused=could_not(spec, profile, language),
        rejected=rejected,
        reason=report.reason,
        seconds=elapsed,
    )


def _out_of_time(
    spent: float, total: float, first_s: float, index: int, budget_s: float | None
) -> bool:
    """Whether another attempt (as long as the average so far) would overrun the budget.

    `spent` is the attempts' time so far, `total` includes any chunked-summary parts.
    """
    average = spent / index
    if budget_s is not None:
        return total + average > budget_s
    first = max(first_s, MIN_ATTEMPT_S)
    return spent + average > first * (1 + RETRY_BUDGET_FACTOR) * 1.001


# --- streaming help -----------------------------------------------------------------


def early_failure(spec: TaskSpec, partial_text: str) -> str | None:
    """Why to stop the attempt streaming now, or None to let it go on.

    Called on the raw text so far. A reason means more tokens cannot help: the
    output already talks about the text, or a loop has begun. The caller stops
    the stream and returns the text so far from `generate`; the checks then
    decide (text before a loop may still pass).
    """
    from assistant.tasks.checks import early_problem

    return early_problem(spec, partial_text)
