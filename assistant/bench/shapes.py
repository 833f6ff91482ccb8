"""`writing-assistant bench --shape NAME`: the speed of a model writers download, unloaded.

The model manager recommends models this machine may never have downloaded. A
model of exactly that architecture with random weights (`engine.model_shapes`)
runs the same rows as `bench`: our path first, then, with our path's memory
released, plain float32 `generate` on the same weights widened to float32, so the
peak memory of each is known. Prompts are cut from the bench document with the
embedded model's tokenizer (its ids are valid in every shape's vocabulary) or with
`--model`'s; the text generated from random weights means nothing, only its speed does.
"""

from __future__ import annotations

import argparse
import gc
import time
from typing import Any

from assistant.bench.speed import (
    baseline_fields,
    cpu_report,
    finish_rows,
    int4_kernel_used,
    log_progress,
    measure_rows,
    peak_rss_mb,
    rss_mb,
)


def prompt_tokenizer(model: str | None) -> Any:
    """The tokenizer that cuts the prompts: `--model`'s when given, else the embedded model's.

    Only the tokenizer is read (no weights), so a machine without the embedded model
    can bench a shape with any local model folder or GGUF file given as `--model`.
    """
    from transformers import AutoTokenizer

    from assistant.engine.loader import _gguf_parsed_once
    from assistant.engine.sources import resolve_source

    source = resolve_source(model)
    if source.kind != "gguf":
        return AutoTokenizer.from_pretrained(source.path, trust_remote_code=False)
    with _gguf_parsed_once():
        return AutoTokenizer.from_pretrained(
            source.path.parent, gguf_file=source.path.name, trust_remote_code=False
        )


def check_tokenizer_fits(tokenizer: Any, name: str, config: Any) -> None:
    """Refuse a prompt tokenizer whose ids the shape's embedding table does not have."""
    from assistant.engine.backend import EngineError

    if len(tokenizer) > config.vocab_size:
        raise EngineError(
            f"The tokenizer has {len(tokenizer):,} tokens, more than {name}'s "
            f"{config.vocab_size:,}: pass a model with a smaller vocabulary as --model."
        )


def measure_shape(args: argparse.Namespace) -> dict[str, Any]:
    """Build the shape, run our rows, then the baseline's; the JSON object `bench` prints."""
    import torch

    from assistant.engine import model_shapes
    from assistant.engine.generate import TransformersBackend
    from assistant.engine.loader import load_dtype, resolve_device

    default_threads = torch.get_num_threads()
    name = args.shape
    config = model_shapes.shape_config(name)
    device = resolve_device(args.device)
    fast_decode = not args.no_int8_decode
    dtype = load_dtype(device, args.dtype, fast_decode)
    parameters, _head = model_shapes.parameter_count(config)
    need = model_shapes.check_shape_fits(name, config, dtype, baseline=not args.no_baseline)
    tokenizer = prompt_tokenizer(args.model)
    check_tokenizer_fits(tokenizer, name, config)
    log_progress(f"building {name} ({parameters / 1e6:.0f}M parameters, random weights, {dtype})…")
    start = time.perf_counter()
    model = model_shapes.build_shape_model(config, dtype)
    backend = TransformersBackend(
        model, tokenizer, name=name, device=device, dtype=dtype, fast_decode=fast_decode
    )
    build_s = time.perf_counter() - start
    rows = measure_rows(backend, args, None, default_threads)
    result: dict[str, Any] = {
        "model": name,
        "shape": name,
        "parameters": parameters,
        "device": device,
        "dtype": dtype,
        "decode_mode": backend.decode_mode,
        "int4_kernel": int4_kernel_used(backend),
        "threads": {
            "prefill": backend.threads.prefill if backend.threads else default_threads,
            "decode": backend.threads.decode if backend.threads else default_threads,
            "baseline": default_threads,
        },
        "cpu": cpu_report(device),
        "new_tokens": args.new_tokens,
        "load_cold_s": round(build_s, 3),  # random init + our preparation (no files)
        "load_warm_s": None,
        "memory_needed_mb": round(need / 2**20),
        "peak_rss_mb": peak_rss_mb(),
        "rss_mb": rss_mb(),
        "baseline_peak_rss_mb": None,
        "quality_gate": None,  # random weights: agreement with float32 means nothing
        "rows": rows,
    }
    if not args.no_baseline:
        model = backend.model
        backend.close()  # drops our int8 copies, caches and fused weights...
        backend.lean = None
        del backend
        gc.collect()
        model = model.float().eval()  # ...before the float32 copy exists
        log_progress("baseline: plain float32 generate on the same weights…")
        for row in rows:
            row.update(baseline_fields(model, row["_ids"], row["_tokens"], args, default_threads))
        result["baseline_peak_rss_mb"] = peak_rss_mb()
    result["rows"] = finish_rows(rows)
    return result
