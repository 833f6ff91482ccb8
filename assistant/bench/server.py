"""`writing-assistant bench --server URL`: the speed bench against a model server.

The same JSON keys as the local bench, so tools read both alike. "Loading" is
connecting (checking the model list), the cold/warm time to first token is a
document prompt sent fresh and then again with ~20 more tokens (a server with a
prompt cache serves the prefix from it), and decode speed is the server's
tokens per second as this client sees them. There is no plain-`generate`
baseline on a server: the `baseline_*` keys are null. No torch.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from typing import Any

from assistant.engine.backend import EngineError
from assistant.tasks.types import GenerationRequest, Sampling

WARM_EXTRA_TOKENS = 20


def _log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _token_count(backend: Any, text: str) -> int | None:
    """Exact tokens of `text` from the server's tokenizer endpoint, where it has one."""
    connection = backend.connection
    root = connection.base_url.removesuffix("/v1")
    attempts = (
        (root + "/tokenize", {"content": text}),  # llama.cpp's server
        (root + "/extras/tokenize", {"input": text, "model": backend.name}),  # llama-cpp-python
    )
    for url, payload in attempts:
        try:
            response = connection.client.post(url, json=payload)
            tokens = response.json().get("tokens") if response.status_code == 200 else None
        except Exception:  # an optional extra: fall back to an estimate
            continue
        if isinstance(tokens, list):
            return len(tokens)
        if isinstance(tokens, int):
            return tokens
    return None


def _prompts(backend: Any, lengths: list[int]) -> list[tuple[str, str, int]]:
    """(prompt, warm prompt, prompt tokens) cut from the bench document per length."""
    from assistant.tasks.samples import long_english_text

    doc = long_english_text()
    total = _token_count(backend, doc)
    chars_per_token = len(doc) / total if total else 4.0
    out = []
    for n in lengths:
        cut = int(n * chars_per_token)
        warm_cut = int((n + WARM_EXTRA_TOKENS) * chars_per_token)
        prompt = doc[:cut]
        counted = _token_count(backend, prompt)
        out.append((prompt, doc[:warm_cut], counted or backend.profile.count_tokens(prompt)))
    return out


def _timed(backend: Any, prompt: str, new_tokens: int) -> Any:
    request = GenerationRequest(
        task="continue",
        prompt=prompt,
        sampling=Sampling(temperature=0.0, repetition_penalty=1.0, max_new_tokens=new_tokens),
    )
    backend.generate(request, threading.Event())
    stats = backend.last_stats
    if stats.stop_reason == "error":
        raise EngineError(stats.error)
    return stats


def measure_server_speed(args: argparse.Namespace) -> dict[str, Any]:
    """Everything `bench --server` reports, as the local bench's JSON object."""
    from assistant.cli_backend import backend_spec
    from assistant.engine.registry import open_backend

    spec = backend_spec(args)
    _log(f"connecting to {spec.server_url}…")
    start = time.perf_counter()
    first = open_backend(spec)
    load_cold = time.perf_counter() - start
    first.close()
    start = time.perf_counter()
    backend = open_backend(spec)
    load_warm = time.perf_counter() - start
    lengths = [int(v) for v in str(args.lengths).split(",") if v.strip()]
    rows = []
    try:
        for (prompt, warm_prompt, tokens), n in zip(
            _prompts(backend, lengths), lengths, strict=True
        ):
            if tokens + args.new_tokens > backend.profile.context_tokens:
                _log(
                    f"  {n} tokens: skipped, longer than the server's context "
                    f"({backend.profile.context_tokens} tokens)"
                )
                continue
            ttft, ttft_warm, decode = [], [], []
            for _ in range(max(1, args.repeats)):
                stats = _timed(backend, prompt, args.new_tokens)
                ttft.append(stats.ttft_s)
                decode.append(stats.tokens_per_s)
                ttft_warm.append(_timed(backend, warm_prompt, 1).ttft_s)
            row = {
                "prompt_tokens": tokens,
                "ttft_s": round(statistics.median(ttft), 4),
                "ttft_warm_s": round(statistics.median(ttft_warm), 4),
                "decode_tok_s": round(statistics.median(decode), 2),
                "baseline_ttft_s": None,
                "baseline_decode_tok_s": None,
                "greedy_same_as_baseline": None,
                "first_difference_at_token": None,
            }
            rows.append(row)
            _log(f"  {n} tokens: {row}")
    finally:
        backend.close()
    return {
        "model": backend.name,
        "device": backend.device,
        "dtype": backend.dtype,
        "decode_mode": f"server ({backend.flavor})",
        "threads": {"prefill": None, "decode": None, "baseline": None},
        "new_tokens": args.new_tokens,
        "load_cold_s": round(load_cold, 3),
        "load_warm_s": round(load_warm, 3),
        "rows": rows,
        "server": backend.connection.base_url,
    }
