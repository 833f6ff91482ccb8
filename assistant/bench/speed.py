"""`writing-assistant bench`: numbers, measured against a baseline in the same run.

The baseline is what the tutorials do: plain `model.generate` in float32 on the
same weights. Every speed claim is a ratio to it, measured minutes apart on the
same machine, because absolute timings on a shared 2-core machine are noisy.
`--llama-cpp` adds llama.cpp on the same GGUF file (llama-cpp-python, installed
by hand: the app never depends on it). The JSON keys are a contract other tools
read: keep them stable.
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


def log_progress(message: str) -> None:
    """One line of progress on stderr (stdout holds the table or the JSON)."""
    print(message, file=sys.stderr, flush=True)


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def peak_rss_mb() -> float | None:
    """The process's peak resident memory so far, in MiB (None where unknown)."""
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return round(peak / (2**20 if sys.platform == "darwin" else 2**10), 1)
    except ImportError:  # Windows
        import psutil

        info = psutil.Process().memory_info()
        return round(getattr(info, "peak_wset", info.rss) / 2**20, 1)


def rss_mb() -> float:
    """The process's resident memory now, in MiB."""
    import psutil

    return round(psutil.Process().memory_info().rss / 2**20, 1)


def _load_timings(args: argparse.Namespace) -> tuple[Any, float, float]:
    """Cold load (empty cache) then warm load (cache present); return warm backend."""
    from assistant.cli_backend import backend_spec
    from assistant.engine.registry import open_backend

    spec = backend_spec(args)
    with _temporary_home(getattr(spec, "voice", "")):
        log_progress("loading cold (no converted cache)…")
        start = time.perf_counter()
        cold = open_backend(spec)
        load_cold = time.perf_counter() - start
        cold.close()
        del cold
        log_progress("loading warm (converted cache present)…")
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
        backend.generate(request, threading.Event())
    finally:
        backend.eos_ids = eos
    return backend.last_stats, list(backend.last_token_ids)


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
    x = torch.tensor([ids], device=model.device)  # a GPU shape keeps its device
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


class _LlamaCpp:
    """llama.cpp (llama-cpp-python) on the same GGUF file, for a comparison row."""

    def __init__(self, gguf: Any, context: int) -> None:
        try:
            import llama_cpp
        except ImportError as exc:
            raise ValueError(
                "--llama-cpp needs llama-cpp-python in this environment (install it by hand; "
                "the app itself never uses it)"
            ) from exc
        self._llama_cpp = llama_cpp
        self.gguf = gguf
        self.context = context
        self.threads = 0
        self.llm: Any = None

    def run(self, ids: list[int], new_tokens: int, threads: int) -> tuple[float, float, list[int]]:
        """(TTFT s, decode tok/s, greedy token ids) with `threads` threads, cold cache."""
        if self.llm is None or threads != self.threads:
            self.llm = self._llama_cpp.Llama(
                model_path=str(self.gguf),
                n_ctx=self.context,
                n_threads=threads,
                n_threads_batch=threads,
                verbose=False,
            )
            self.threads = threads
        self.llm.reset()
        tokens: list[int] = []
        start = time.perf_counter()
        first = start
        sampled = self.llm.generate(ids, top_k=1, temp=0.0, repeat_penalty=1.0, reset=True)
        for token in sampled:
            tokens.append(int(token))
            if len(tokens) == 1:
                first = time.perf_counter()
            if len(tokens) >= new_tokens:
                break
        decode = (len(tokens) - 1) / max(time.perf_counter() - first, 1e-9)
        return first - start, decode, tokens


def _gate(baseline: Any, backend: Any) -> dict[str, Any] | None:
    """KL divergence and top-1 agreement with float32 on a real paragraph."""
    from assistant.engine.quality_gate import gate_report
    from assistant.tasks.samples import EN_ARTICLE

    return gate_report(baseline, backend, EN_ARTICLE.text)


def bench_lengths(args: argparse.Namespace) -> list[int]:
    """The prompt lengths asked for with --lengths ("32,512,2000")."""
    return [int(v) for v in str(args.lengths).split(",") if v.strip()]


def bench_prompts(backend: Any, args: argparse.Namespace) -> list[tuple[str, str]]:
    """(prompt, warm prompt) per requested length, cut from the bench document."""
    doc_ids = backend.tokenizer.encode(long_english_text(), add_special_tokens=False)
    prompts = []
    for n in bench_lengths(args):
        n = min(n, len(doc_ids) - WARM_EXTRA_TOKENS)
        prompts.append(
            (
                backend.tokenizer.decode(doc_ids[:n]),
                backend.tokenizer.decode(doc_ids[: n + WARM_EXTRA_TOKENS]),
            )
        )
    return prompts


def measure_rows(
    backend: Any,
    args: argparse.Namespace,
    baseline: Any = None,
    default_threads: int = 1,
    llama: _LlamaCpp | None = None,
) -> list[dict[str, Any]]:
    """One row per prompt length: ours (cold, warm TTFT; decode), baseline, llama.cpp.

    Each row keeps our greedy token ids under "_tokens" and the prompt's ids under
    "_ids" (for a baseline measured later, see `add_baseline`); `finish_rows` drops them.
    """
    rows = []
    for prompt, warm_prompt in bench_prompts(backend, args):
        ids = backend.encode(prompt)
        ttft, ttft_warm, decode, threads, prefill_threads, ours_tokens = [], [], [], [], [], []
        l_ttft, l_decode, l_tokens = [], [], []
        for _ in range(max(1, args.repeats)):
            backend.prefix.clear()
            stats, ours_tokens = _timed_stream(backend, prompt, args.new_tokens)
            ttft.append(stats.ttft_s)
            decode.append(stats.tokens_per_s)
            plan = backend.threads  # the plan this run used (it follows the machine's load)
            threads.append(plan.decode if plan else default_threads)
            prefill_threads.append(plan.prefill if plan else default_threads)
            stats_warm, _ = _timed_stream(backend, warm_prompt, 1)
            ttft_warm.append(stats_warm.ttft_s)
            if llama is not None:  # same repeat, same thread count as our decode just had
                t, d, l_tokens = llama.run(ids, args.new_tokens, threads[-1])
                l_ttft.append(t)
                l_decode.append(d)
        row: dict[str, Any] = {
            "prompt_tokens": stats.prompt_tokens,
            "ttft_s": round(_median(ttft), 4),
            "ttft_warm_s": round(_median(ttft_warm), 4),
            "decode_tok_s": round(_median(decode), 2),
            "prefill_threads": prefill_threads,
            "decode_threads": threads,
            "_tokens": ours_tokens,
            "_ids": ids,
        }
        if baseline is not None:
            row.update(baseline_fields(baseline, ids, ours_tokens, args, default_threads))
        if llama is not None:
            row["llama_cpp_ttft_s"] = round(_median(l_ttft), 4)
            row["llama_cpp_decode_tok_s"] = round(_median(l_decode), 2)
            row["llama_cpp_first_difference_at_token"] = _first_difference(ours_tokens, l_tokens)
        rows.append(row)
        log_progress(f"  {row['prompt_tokens']} tokens: {json.dumps(_public(row))}")
    return rows


def baseline_fields(
    model: Any, ids: list[int], ours: list[int], args: argparse.Namespace, threads: int
) -> dict[str, Any]:
    """The baseline's columns of one row: plain float32 `generate`, medians of the repeats."""
    b_ttft, b_decode, b_tokens = [], [], []
    for _ in range(max(1, args.repeats)):
        t, d, b_tokens = _baseline_run(model, ids, args.new_tokens, threads)
        b_ttft.append(t)
        b_decode.append(d)
    return {
        "baseline_ttft_s": round(_median(b_ttft), 4),
        "baseline_decode_tok_s": round(_median(b_decode), 2),
        "greedy_same_as_baseline": ours == b_tokens[: len(ours)],
        "first_difference_at_token": _first_difference(ours, b_tokens),
    }


def _public(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if not k.startswith("_")}


def finish_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows as printed: without the ids kept for a later baseline."""
    return [_public(row) for row in rows]


def measure_speed(args: argparse.Namespace) -> dict[str, Any]:
    """Everything `bench` reports for speed, as the JSON object."""
    import torch

    default_threads = torch.get_num_threads()
    backend, load_cold, load_warm = _load_timings(args)
    peak_ours, resident = peak_rss_mb(), rss_mb()
    llama = None
    if getattr(args, "llama_cpp", False):
        if backend.source is None or backend.source.kind != "gguf":
            raise ValueError("--llama-cpp compares on a GGUF file: pass a .gguf --model")
        longest = max(bench_lengths(args))
        context = min(backend.context_tokens, longest + WARM_EXTRA_TOKENS + args.new_tokens)
        llama = _LlamaCpp(backend.source.path, context)
    baseline = None if args.no_baseline else _baseline_model(backend)
    gate = None
    if baseline is not None:
        log_progress("quality gate: KL divergence and top-1 agreement with float32…")
        gate = _gate(baseline, backend)
    rows = measure_rows(backend, args, baseline, default_threads, llama)
    return {
        "model": backend.name,
        "device": backend.device,
        "dtype": backend.dtype,
        "decode_mode": backend.decode_mode,
        "int4_kernel": int4_kernel_used(backend),
        "voice": getattr(backend, "voice_name", ""),
        "threads": _threads(backend, default_threads),
        "cpu": cpu_report(backend.device),
        "new_tokens": args.new_tokens,
        "load_cold_s": round(load_cold, 3),
        "load_warm_s": round(load_warm, 3),
        "peak_rss_mb": peak_ours,
        "rss_mb": resident,
        "quality_gate": gate,
        "rows": finish_rows(rows),
    }


def int4_kernel_used(backend: Any) -> str | None:
    """Which kernel computed int4 decode products ("avx2", "torch"); None without int4."""
    lean = getattr(backend, "lean", None)
    if lean is None or "int4" not in lean.decode_weights:
        return None
    return str(lean.int4_kernel)


def cpu_report(device: str) -> dict[str, Any] | None:
    """The CPU's bfloat16 flags and the cached precision verdict (None off the CPU)."""
    if device != "cpu":
        return None
    from assistant.engine.cpu_probe import cpu_dtype_probe, cpu_flags, describe_probe

    probe = cpu_dtype_probe()  # the cached verdict the loader used (measured if absent)
    interesting = ("avx2", "avx512f", "avx512_bf16", "amx_bf16", "avx512_vnni", "bf16")
    return {
        "name": (probe or {}).get("cpu"),
        "flags": sorted(f for f in cpu_flags() if f in interesting),
        "plan": describe_probe(probe),
        "probe": probe,
    }


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
