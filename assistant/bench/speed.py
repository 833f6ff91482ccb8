"""`writing-assistant bench`: numbers, measured against a baseline in the same run.

The baseline is what the tutorials do: plain `model.generate` in float32 on the
same weights. Every speed claim is a ratio to it, measured minutes apart on the
same machine, because absolute timings on a shared 2-core machine are noisy.
The JSON keys are a contract other tools read: keep them stable.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from typing import Any

from assistant.tasks.samples import long_english_text
from assistant.tasks.types import GenerationRequest, Sampling

WARM_EXTRA_TOKENS = 20


@contextmanager
def _temporary_home(voice: str = ""):
    """Run a cold load in an empty WRITING_ASSISTANT_HOME so no converted cache exists.

    A personal voice being measured is copied in (it is user data, not a cache).
    """
    old = os.environ.get("WRITING_ASSISTANT_HOME")
    voice_folder = None
    if voice:
        from assistant.storage.voices import voices_dir

        voice_folder = voices_dir() / voice
    with tempfile.TemporaryDirectory(prefix="wa-bench-") as tmp:
        os.environ["WRITING_ASSISTANT_HOME"] = tmp
        if voice_folder is not None:
            import shutil

            from assistant.storage.voices import voices_dir

            shutil.copytree(voice_folder, voices_dir() / voice)
        try:
            yield tmp
        finally:
            if old is None:
                os.environ.pop("WRITING_ASSISTANT_HOME", None)
            else:
                os.environ["WRITING_ASSISTANT_HOME"] = old


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _load_timings(args: argparse.Namespace) -> tuple[Any, float, float]:
    """Cold load (empty cache) then warm load (cache present); return warm backend."""
    from assistant.cli_backend import backend_spec
    from assistant.engine.registry import open_backend

    spec = backend_spec(args)
    with _temporary_home(getattr(spec, "voice", "")):
        _log("loading cold (no converted cache)…")
        start = time.perf_counter()
        cold = open_backend(spec)
        load_cold = time.perf_counter() - start
        cold.close()
        del cold
        _log("loading warm (converted cache present)…")
        start = time.perf_counter()
        backend = open_backend(spec)
        load_warm = time.perf_counter() - start
    return backend, load_cold, load_warm


def _timed_stream(backend: Any, prompt: str, new_tokens: int) -> tuple[Any, list[int]]:
    request = GenerationRequest(
        task="continue",
        prompt=prompt,
        sampling=Sampling(temperature=0.0, repetition_penalty=1.0, max_new_tokens=new_tokens),
    )
    eos = backend.eos_ids
    backend.eos_ids = set()  # fixed-length runs: measure decode, not the model's choices
    try:
        text = backend.generate(request, threading.Event())
    finally:
        backend.eos_ids = eos
    return backend.last_stats, backend.tokenizer.encode(text, add_special_tokens=False)


def _baseline_model(backend: Any) -> Any:
    """Float32 weights without our decode patch, for plain `model.generate`."""
    from assistant.engine.loader import load_model_and_tokenizer

    model, _tok, _cached = load_model_and_tokenizer(backend.source, "float32")
    return model.eval()


def _baseline_run(
    model: Any, ids: list[int], new_tokens: int, threads: int
) -> tuple[float, float, list[int]]:
    import torch

    torch.set_num_threads(threads)  # what a plain script gets: torch's default
    x = torch.tensor([ids])
    with torch.inference_mode():
        start = time.perf_counter()
        model.generate(x, max_new_tokens=1, do_sample=False, pad_token_id=0)
        ttft = time.perf_counter() - start
        start = time.perf_counter()
        out = model.generate(
            x,
            max_new_tokens=new_tokens,
            min_new_tokens=new_tokens,
            do_sample=False,
            pad_token_id=0,
        )
        total = time.perf_counter() - start
    decode = (new_tokens - 1) / max(total - ttft, 1e-9)
    return ttft, decode, out[0, len(ids) :].tolist()


def measure_speed(args: argparse.Namespace) -> dict[str, Any]:
    """Everything `bench` reports for speed, as the JSON object."""
    import torch

    default_threads = torch.get_num_threads()
    backend, load_cold, load_warm = _load_timings(args)
    doc_ids = backend.tokenizer.encode(long_english_text(), add_special_tokens=False)
    lengths = [int(v) for v in str(args.lengths).split(",") if v.strip()]
    baseline = None if args.no_baseline else _baseline_model(backend)
    rows = []
    for n in lengths:
        n = min(n, len(doc_ids) - WARM_EXTRA_TOKENS)
        prompt = backend.tokenizer.decode(doc_ids[:n])
        warm_prompt = backend.tokenizer.decode(doc_ids[: n + WARM_EXTRA_TOKENS])
        ttft, ttft_warm, decode, ours_tokens = [], [], [], []
        for _ in range(max(1, args.repeats)):
            backend.prefix.clear()
            stats, ours_tokens = _timed_stream(backend, prompt, args.new_tokens)
            ttft.append(stats.ttft_s)
            decode.append(stats.tokens_per_s)
            stats_warm, _ = _timed_stream(backend, warm_prompt, 1)
            ttft_warm.append(stats_warm.ttft_s)
        row: dict[str, Any] = {
            "prompt_tokens": stats.prompt_tokens,
            "ttft_s": round(_median(ttft), 4),
            "ttft_warm_s": round(_median(ttft_warm), 4),
            "decode_tok_s": round(_median(decode), 2),
        }
        if baseline is not None:
            b_ttft, b_decode, b_tokens = [], [], []
            for _ in range(max(1, args.repeats)):
                t, d, b_tokens = _baseline_run(
                    baseline, backend.encode(prompt), args.new_tokens, default_threads
                )
                b_ttft.append(t)
                b_decode.append(d)
            row["baseline_ttft_s"] = round(_median(b_ttft), 4)
            row["baseline_decode_tok_s"] = round(_median(b_decode), 2)
            row["greedy_same_as_baseline"] = ours_tokens == b_tokens[: len(ours_tokens)]
            row["first_difference_at_token"] = _first_difference(ours_tokens, b_tokens)
        rows.append(row)
        _log(f"  {n} tokens: {json.dumps(row)}")
    result = {
        "model": backend.name,
        "device": backend.device,
        "dtype": backend.dtype,
        "decode_mode": backend.decode_mode,
        "voice": getattr(backend, "voice_name", ""),
        "threads": _threads(backend, default_threads),
        "new_tokens": args.new_tokens,
        "load_cold_s": round(load_cold, 3),
        "load_warm_s": round(load_warm, 3),
        "rows": rows,
    }
    return result


def _first_difference(a: list[int], b: list[int]) -> int | None:
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return i
    return None


def _threads(backend: Any, default_threads: int) -> dict[str, int]:
    plan = backend.threads
    return {
        "prefill": plan.prefill if plan else default_threads,
        "decode": plan.decode if plan else default_threads,
        "baseline": default_threads,
    }


def format_table(result: dict[str, Any]) -> str:
    """The human-readable table printed by `bench`."""
    lines = [
        f"model {result['model']} on {result['device']}, dtype {result['dtype']}, "
        f"decode {result['decode_mode']}; threads prefill/decode "
        f"{result['threads']['prefill']}/{result['threads']['decode']}, "
        f"baseline {result['threads']['baseline']}",
        f"load: cold {result['load_cold_s']:.2f} s (no converted cache), "
        f"warm {result['load_warm_s']:.2f} s "
        f"({result['load_cold_s'] / max(result['load_warm_s'], 1e-9):.1f}x faster)",
        "",
        f"{'prompt':>7} | {'TTFT cold':>9} | {'TTFT warm':>9} | {'decode':>9} | "
        f"{'base TTFT':>9} | {'base dec':>9} | {'TTFT vs base':>12} | {'dec vs base':>11} | greedy",
        "-" * 112,
    ]
    for row in result["rows"]:
        base_ttft = row.get("baseline_ttft_s")
        base_dec = row.get("baseline_decode_tok_s")
        ttft_ratio = f"{row['ttft_s'] / base_ttft:.2f}x" if base_ttft else "-"
        dec_ratio = f"{row['decode_tok_s'] / base_dec:.2f}x" if base_dec else "-"
        same = row.get("greedy_same_as_baseline")
        greedy = (
            "-"
            if same is None
            else "same"
            if same
            else f"differs at token {row.get('first_difference_at_token')}"
        )
        lines.append(
            f"{row['prompt_tokens']:>7} | {row['ttft_s']:>8.3f}s | {row['ttft_warm_s']:>8.3f}s | "
            f"{row['decode_tok_s']:>5.1f} t/s | "
            + (f"{base_ttft:>8.3f}s | " if base_ttft else f"{'-':>9} | ")
            + (f"{base_dec:>5.1f} t/s | " if base_dec else f"{'-':>9} | ")
            + f"{ttft_ratio:>12} | {dec_ratio:>11} | {greedy}"
        )
    lines.append("")
    lines.append(
        "TTFT warm = same document plus ~20 new tokens (prefix KV cache hit); "
        "base = plain model.generate, float32, same weights, same run."
    )
    return "\n".join(lines)


def run_bench(args: argparse.Namespace) -> int:
    """Dispatch the bench variants; print a table, or JSON with --json."""
    if args.quality:
        from assistant.bench.quality import format_quality, measure_quality

        result = measure_quality(args)
        print(
            json.dumps(result, indent=2, ensure_ascii=False)
            if args.json
            else format_quality(result)
        )
        return 0
    if getattr(args, "server", None):
        from assistant.bench.server import measure_server_speed

        result = measure_server_speed(args)
    else:
        result = measure_speed(args)
    print(json.dumps(result, indent=2) if args.json else format_table(result))
    return 0
