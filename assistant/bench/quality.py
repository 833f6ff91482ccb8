"""`writing-assistant bench --quality`: do the task defaults give useful help?

Runs each task on the built-in English and Chinese samples with the defaults the
app uses and judges the outputs with the model-free metrics in
`assistant.tasks.quality`: continuations that continue (no loops, no copying),
"shorter" rewrites that are shorter, summaries well under a third of the source
that name its subject.
"""

from __future__ import annotations

import argparse
import statistics
import threading
from typing import Any

from assistant.tasks import quality, summarize
from assistant.tasks.build import build_request, postprocess
from assistant.tasks.samples import samples_for
from assistant.tasks.types import TaskSpec

SEEDS = (1, 2, 3)
# Pass marks: what a writer would accept from a 135M-parameter model.
MAX_REPETITION = 0.25
MAX_CONTINUE_COPY = 0.3
MAX_SUMMARY_RATIO = 1 / 3
MAX_SUMMARY_COPY = 0.6
MAX_SHORTER_RATIO = 0.9


def _run(backend: Any, spec: TaskSpec, seed: int) -> str:
    from assistant.tasks.sampling import default_sampling

    sampling = (spec.sampling or default_sampling(spec.kind)).with_(seed=seed)
    spec = TaskSpec(**{**spec.__dict__, "sampling": sampling})
    cancel = threading.Event()
    if spec.kind == "summarize" and summarize.needs_chunking(spec, backend.profile):
        request = summarize.run_chunked(
            spec, backend.profile, lambda r: backend.generate(r, cancel), None, cancel
        )
    else:
        request = build_request(spec, backend.profile)
    return postprocess(spec, request, backend.generate(request, cancel))


def _judge(kind: str, style: str | None, output: str, source: str, keywords: tuple) -> dict:
    row: dict[str, Any] = {
        "chars": len(output),
        "repetition": round(quality.repetition_score(output), 3),
        "copy_ratio": round(quality.copy_ratio(output, source), 3),
        "length_ratio": round(quality.length_ratio(output, source), 3),
    }
    ok = bool(output.strip()) and row["repetition"] <= MAX_REPETITION
    if kind == "continue":
        ok = ok and row["copy_ratio"] <= MAX_CONTINUE_COPY
    elif kind == "rewrite" and style == "shorter":
        # A "shorter" rewrite that returns the text unchanged is no help.
        ok = ok and row["length_ratio"] <= MAX_SHORTER_RATIO
    elif kind == "summarize":
        row["names_subject"] = quality.mentions_subject(output, keywords)
        ok = (
            ok
            and row["length_ratio"] <= MAX_SUMMARY_RATIO
            and row["copy_ratio"] <= MAX_SUMMARY_COPY
            and row["names_subject"]
        )
    row["pass"] = ok
    return row


def measure_quality(args: argparse.Namespace) -> dict[str, Any]:
    """Run every task on every suitable sample with several seeds; judge each output."""
    from assistant.cli_backend import backend_spec
    from assistant.engine.registry import open_backend

    backend = open_backend(backend_spec(args))
    cases: list[tuple[str, str | None, Any]] = []
    for sample in samples_for("continue"):
        cases.append(("continue", None, sample))
    for sample in samples_for("rewrite"):
        cases.append(("rewrite", "shorter", sample))
        cases.append(("rewrite", "fix-grammar", sample))
    for sample in samples_for("summarize"):
        cases.append(("summarize", None, sample))
    results = []
    for kind, style, sample in cases:
        spec = TaskSpec(kind=kind, text=sample.text, style=style, length="short")
        for seed in SEEDS:
            output = _run(backend, spec, seed)
            row = _judge(kind, style, output, sample.text, sample.keywords)
            row.update({"task": kind, "style": style, "sample": sample.name, "seed": seed})
            row["output"] = output
            results.append(row)
    summary: dict[str, Any] = {}
    for kind in ("continue", "rewrite", "summarize"):
        rows = [r for r in results if r["task"] == kind]
        if rows:
            summary[kind] = {
                "pass_rate": round(sum(r["pass"] for r in rows) / len(rows), 2),
                "median_repetition": round(statistics.median(r["repetition"] for r in rows), 3),
                "median_copy_ratio": round(statistics.median(r["copy_ratio"] for r in rows), 3),
                "median_length_ratio": round(statistics.median(r["length_ratio"] for r in rows), 3),
            }
    return {
        "model": backend.name,
        "dtype": backend.dtype,
        "decode_mode": getattr(backend, "decode_mode", backend.dtype),
        "summary": summary,
        "results": results,
    }


def format_quality(result: dict[str, Any]) -> str:
    """A readable report: one line per output, then the per-task summary."""
    lines = [f"quality of {result['model']} ({result['decode_mode']}) with the app's defaults", ""]
    for r in result["results"]:
        style = f"/{r['style']}" if r["style"] else ""
        preview = r["output"].replace("\n", " ")[:70]
        lines.append(
            f"{'PASS' if r['pass'] else 'FAIL'} {r['task']}{style:<13} {r['sample']:<13} "
            f"seed {r['seed']} rep {r['repetition']:.2f} copy {r['copy_ratio']:.2f} "
            f"len {r['length_ratio']:.2f}  {preview}"
        )
    lines.append("")
    for kind, s in result["summary"].items():
        lines.append(
            f"{kind:<10} pass {s['pass_rate']:.0%}  median repetition {s['median_repetition']:.2f}"
            f"  copy {s['median_copy_ratio']:.2f}  length ratio {s['median_length_ratio']:.2f}"
        )
    return "\n".join(lines)
