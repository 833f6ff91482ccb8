"""`writing-assistant bench --quality`: is the help a writer gets useful, with and without checks?

Runs continue, rewrite (Shorter by default, any style on request) and summarize
on every text of the dev set (`assistant.bench.devset`) through the same
`tasks.attempts.run_checked` the app uses, streaming each attempt and stopping
it on `early_failure` as the app does. For each task it reports, separately for
the tuned texts and the held-out ones:

- without checks (what the app showed before): the first attempt as shown —
  useful (passes the checks) or failing;
- with checks: useful model output, extractive fallbacks, "could not" messages,
  refusals (a language the model does not write, or a text too short), and
  failing output shown (0 by construction: it is counted, not assumed);
- median seconds per text, and attempts per text.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from typing import Any

from assistant.bench.devset import DevText, devset, rewrite_selection
from assistant.tasks.attempts import CheckedOutput, early_failure, run_checked
from assistant.tasks.checks import check_output
from assistant.tasks.types import GenerationRequest, TaskSpec

DEFAULT_TASKS = ("continue", "shorter", "summarize")
REWRITE_STYLE_TASKS = ("shorter", "longer", "formal", "casual", "clearer", "fix-grammar")
# Sentence ends and line breaks: where early_failure can learn something new.
_BOUNDARY = set(".!?。！？\n")


def _spec(task: str, text: DevText, length: str) -> TaskSpec:
    if task == "continue":
        return TaskSpec(kind="continue", text=text.text)
    if task == "summarize":
        return TaskSpec(kind="summarize", text=text.text, length=length)
    return TaskSpec(kind="rewrite", text=rewrite_selection(text.text), style=task)


def streaming_generate(backend: Any, spec: TaskSpec, log: list[dict[str, Any]]) -> Any:
    """A `generate` that streams like the app: stops an attempt on `early_failure`."""

    def generate(request: GenerationRequest) -> str:
        cancel = threading.Event()
        parts: list[str] = []
        reason = None
        start = time.perf_counter()
        for delta in backend.stream(request, cancel):
            parts.append(delta)
            if _BOUNDARY.intersection(delta):
                reason = early_failure(spec, "".join(parts))
                if reason:
                    cancel.set()
                    break
        raw = "".join(parts)
        log.append(
            {
                "raw": raw,
                "stopped_early": reason,
                "seconds": round(time.perf_counter() - start, 3),
                "temperature": request.sampling.temperature,
                "seed": request.sampling.seed,
            }
        )
        return raw

    return generate


def _one(backend: Any, task: str, text: DevText, length: str) -> dict[str, Any]:
    spec = _spec(task, text, length)
    log: list[dict[str, Any]] = []
    generate = streaming_generate(backend, spec, log)
    start = time.perf_counter()
    first: dict[str, Any] = {}

    def rejected(_index: int, shown: str, report: Any) -> None:
        first.setdefault("text", shown)
        first.setdefault("passed", report.passed)
        first.setdefault("reason", report.reason)

    requests: list[Any] = []  # the shown text is re-checked against its own prompt
    try:
        result = run_checked(
            spec,
            backend.profile,
            generate,
            on_attempt=lambda _index, request: requests.append(request),
            on_rejected=rejected,
        )
    except ValueError as exc:  # e.g. longer than this model's context: refused, as in the app
        result = CheckedOutput("", "none", 0, {}, "", refused=str(exc))
    seconds = time.perf_counter() - start
    if result.method == "model" and not first:
        first = {"text": result.text, "passed": True, "reason": None}
    shown_ok = (
        result.method != "model"
        or check_output(
            spec, requests[-1] if requests else None, result.text, source_language=result.language
        ).passed
    )
    return {
        "task": task,
        "text": text.name,
        "genre": text.genre,
        "held_out": text.held_out,
        "method": result.method,
        "refused": result.refused if result.attempts == 0 else None,
        "could_not": result.refused if result.attempts else None,
        "attempts": result.attempts,
        "checks": result.checks,
        "reason": result.reason,
        "output": result.text,
        "rejected": result.rejected,
        "first_output": first.get("text"),
        "first_passed": first.get("passed"),
        "first_reason": first.get("reason"),
        "first_seconds": log[-result.attempts]["seconds"] if result.attempts else 0.0,
        "failing_shown": not shown_ok,
        "seconds": round(seconds, 3),
        "log": log,
    }


def _rate(rows: list[dict[str, Any]], key: Any) -> float:
    return round(sum(1 for r in rows if key(r)) / len(rows), 3) if rows else 0.0


def summarize_rows(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The table's numbers for one task and one part of the dev set."""
    attempted = [r for r in rows if r["attempts"]]
    return {
        "texts": len(rows),
        "refused": sum(1 for r in rows if r["refused"]),
        "attempted": len(attempted),
        "no_checks_useful": _rate(attempted, lambda r: r["first_passed"]),
        "no_checks_failing_shown": _rate(attempted, lambda r: not r["first_passed"]),
        "no_checks_median_s": round(statistics.median(r["first_seconds"] for r in attempted), 2)
        if attempted
        else 0.0,
        "useful": _rate(attempted, lambda r: r["method"] == "model"),
        "extractive": _rate(attempted, lambda r: r["method"] == "extractive"),
        "could_not": _rate(attempted, lambda r: r["could_not"]),
        "failing_shown": _rate(attempted, lambda r: r["failing_shown"]),
        "median_s": round(statistics.median(r["seconds"] for r in attempted), 2)
        if attempted
        else 0.0,
        "mean_attempts": round(statistics.mean(r["attempts"] for r in attempted), 2)
        if attempted
        else 0.0,
    }


def measure_quality(args: argparse.Namespace) -> dict[str, Any]:
    """Run the chosen tasks on the dev set; per task and part, the numbers of the table."""
    from assistant.cli_backend import backend_spec
    from assistant.engine.registry import open_backend

    backend = open_backend(backend_spec(args))
    part = getattr(args, "part", "all")
    texts = devset(None if part == "all" else part == "held-out")
    only = [n for n in (getattr(args, "texts", None) or "").split(",") if n]
    if only:
        texts = [t for t in texts if any(o in t.name for o in only)]
    tasks = [t for t in (getattr(args, "tasks", None) or ",".join(DEFAULT_TASKS)).split(",") if t]
    for task in tasks:
        if task not in ("continue", "summarize", *REWRITE_STYLE_TASKS):
            raise ValueError(f"Unknown bench task {task!r}.")
    length = getattr(args, "summary_length", "short")
    rows = []
    for task in tasks:
        for text in texts:
            row = _one(backend, task, text, length)
            print(
                f"{task:<10} {text.name:<24} {row['method']:<10} attempts {row['attempts']} "
                f"{row['seconds']:>5.1f}s  {(row['reason'] or '')[:60]}",
                file=sys.stderr,
                flush=True,
            )
            rows.append(row)
    summary: dict[str, Any] = {}
    for task in tasks:
        for name, held in (("tuned", False), ("held-out", True)):
            picked = [r for r in rows if r["task"] == task and r["held_out"] == held]
            if picked:
                summary[f"{task}/{name}"] = summarize_rows(picked)
    return {
        "model": backend.name,
        "dtype": backend.dtype,
        "decode_mode": backend.decode_mode,
        "languages": sorted(backend.profile.languages or []) or None,
        "summary": summary,
        "results": rows,
    }


def format_quality(result: dict[str, Any]) -> str:
    """A readable table: per task and dev-set part, without and with the checks."""
    langs = ", ".join(result["languages"]) if result["languages"] else "unknown"
    lines = [
        f"quality of {result['model']} ({result['decode_mode']}; writes: {langs}) on the dev set",
        "",
        f"{'task/part':<22} {'texts':>5} {'refused':>7} | {'no checks: useful':>17} "
        f"{'failing shown':>13} {'median s':>8} | {'checked: useful':>15} {'extractive':>10} "
        f"{'could not':>9} {'failing shown':>13} {'median s':>8} {'attempts':>8}",
    ]
    for key, s in result["summary"].items():
        lines.append(
            f"{key:<22} {s['texts']:>5} {s['refused']:>7} | {s['no_checks_useful']:>17.0%} "
            f"{s['no_checks_failing_shown']:>13.0%} {s['no_checks_median_s']:>8.2f} | "
            f"{s['useful']:>15.0%} {s['extractive']:>10.0%} {s['could_not']:>9.0%} "
            f"{s['failing_shown']:>13.0%} {s['median_s']:>8.2f} {s['mean_attempts']:>8.2f}"
        )
    lines.append("")
    lines.append(
        "Rates are of the texts the model attempted (refused ones excluded); 'no checks' is "
        "the first attempt shown as-is, judged by the same checks. 'Useful' means it passed "
        "every check: the checks catch talk about the text, loops, copies, invented names "
        "and numbers, broken promises and the wrong language, not every wrong detail."
    )
    return "\n".join(lines)
