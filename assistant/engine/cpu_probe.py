"""What this CPU prefills in and how it decodes: measured once per machine, then cached.

Two machines with the same CPU model name can differ (one has native bfloat16,
`avx512_bf16`, the other emulates it several times slower than float32), so the
verdict is keyed on the CPU's feature flags as well as its name, and it rests on
timings, not on a list of CPU models. Prefill and decode are decided separately:

- the weights are kept once, in the dtype that prefills fastest: prefill is a few
  large, compute-bound matrix products, where native bfloat16 is about 2x float32;
- decode reads int8 copies derived from those weights wherever torch has the int8
  kernel, so its speed does not depend on that dtype. Only without the kernel
  does bfloat16 also have to keep decode no slower than float32;
- a 4-bit model's int4 decode products run on torch's kernel or, where it measures
  faster (x86 CPUs with AVX2 but no AVX-512), on our AVX2 kernel (`int4_avx2`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from assistant import paths

log = logging.getLogger(__name__)

#: Bumped when the probe or the decision changes, so old verdicts are re-measured.
PROBE_VERSION = 4
#: CPU flags (x86 /proc/cpuinfo "flags", ARM "Features") that mean native bfloat16 math.
NATIVE_BF16_FLAGS = ("avx512_bf16", "amx_bf16", "bf16")
#: bfloat16 prefill must take at most this share of the float32 time (noise margin).
PREFILL_WIN = 0.8
#: The AVX2 int4 kernel must take at most this share of torch's int4 time: where the
#: two are close (CPUs with AVX-512) torch's own kernel stays, one thing less to go wrong.
INT4_KERNEL_WIN = 0.8
#: One decoder layer of the built-in model (SmolLM2-135M): (out, in) of its fused
#: q/k/v, output, gate/up and down projections, as the int4 probe times them.
SMOLLM_LAYER = ((960, 576), (576, 576), (3072, 576), (576, 1536))
CACHE_NAME = "dtype_probe.json"


@dataclass(frozen=True)
class CpuPlan:
    """The verdict: weights (and prefill) dtype, the decode path, and why."""

    dtype: str  # "float32" or "bfloat16": how the weights are kept and prefilled
    decode: str  # "int8" or "int4/int8" (weight-only copies; chosen per model) or the dtype
    reason: str


def cpu_flags() -> frozenset[str]:
    """The CPU's feature flags (empty where the platform does not list them)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                key, _, value = line.partition(":")
                if key.strip() in ("flags", "Features"):
                    return frozenset(value.split())
    except OSError:
        pass
    return frozenset()


def cpu_name() -> str:
    """The CPU model name ("AMD EPYC"), or the platform's best guess."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def machine_id(flags: frozenset[str] | None = None) -> str:
    """The probe's cache key: CPU name, flags, core count, torch version and its kernels.

    The kernels torch picks (`ATEN_CPU_CAPABILITY`: avx2, avx512) decide its speed as
    much as the flags do, and can be limited below what the flags offer.
    """
    import torch

    flags = cpu_flags() if flags is None else flags
    digest = hashlib.sha256(" ".join(sorted(flags)).encode()).hexdigest()[:12]
    kernels = torch.backends.cpu.get_cpu_capability()
    return f"{cpu_name()}|flags {digest}|{os.cpu_count()}|torch {torch.__version__} {kernels}"


def native_bf16(flags: frozenset[str]) -> bool | None:
    """True/False from the flags; None when the platform lists no flags (macOS, Windows)."""
    if not flags:
        return None
    return any(flag in flags for flag in NATIVE_BF16_FLAGS)


def decide(
    timings: dict[str, float], flags: frozenset[str], int8_decode: bool, int4_decode: bool = False
) -> CpuPlan:
    """The plan for measured `timings` (probe keys) on a CPU with `flags`. Pure.

    `int8_decode`/`int4_decode`: whether this torch has the weight-only kernels
    (which of the two a model decodes with is decided per model, by its weights).
    """
    quantized = "int4/int8" if int8_decode and int4_decode else "int8"
    f32_ms, bf16_ms = timings["float32_prefill_ms"], timings["bfloat16_prefill_ms"]
    measured = f"prefill bfloat16 {bf16_ms:.2f} ms vs float32 {f32_ms:.2f} ms"
    if bf16_ms > 0:
        measured += f" ({f32_ms / bf16_ms:.1f}x)"
    native = native_bf16(flags)
    if native is False:
        names = "/".join(NATIVE_BF16_FLAGS[:2])
        reason = f"no native bfloat16 on this CPU (no {names} flag); {measured}"
        return CpuPlan("float32", quantized if int8_decode else "float32", reason)
    if bf16_ms > PREFILL_WIN * f32_ms:
        reason = f"bfloat16 prefill is not measurably faster here: {measured}"
        return CpuPlan("float32", quantized if int8_decode else "float32", reason)
    source = "native bfloat16" if native else "bfloat16 measured faster"
    if int8_decode:
        return CpuPlan("bfloat16", quantized, f"{source}: {measured}; decode reads {quantized}")
    f32_us, bf16_us = timings["float32_decode_us"], timings["bfloat16_decode_us"]
    if bf16_us > f32_us:
        reason = (
            f"{measured}, but without the int8 kernel decode would run in bfloat16: "
            f"{bf16_us:.1f} us vs float32 {f32_us:.1f} us per product"
        )
        return CpuPlan("float32", "float32", reason)
    return CpuPlan("bfloat16", "bfloat16", f"{source}: {measured}; decode bfloat16")


def decide_int4_kernel(timings: dict[str, float], torch_int4: bool) -> tuple[str, str]:
    """("avx2" or "torch", why): which kernel computes int4 decode products. Pure.

    `timings` may hold "int4_torch_us" and "int4_avx2_us" (one decode-sized step with
    each kernel, see `_measure_int4`); the AVX2 kernel is measured only where it can run.
    """
    ours = timings.get("int4_avx2_us")
    theirs = timings.get("int4_torch_us")
    if ours is None:
        return "torch", "the AVX2 int4 kernel cannot run here"
    if not torch_int4 or theirs is None:
        return "avx2", f"torch has no int4 kernel here; ours takes {ours:.1f} us a decode step"
    measured = f"AVX2 kernel {ours:.1f} us vs torch's {theirs:.1f} us a decode step"
    if ours <= INT4_KERNEL_WIN * theirs:
        return "avx2", f"{measured} ({theirs / ours:.1f}x)"
    return "torch", f"{measured}: not measurably faster"


def _measure(rounds: int = 7) -> dict[str, float]:
    """Best times of a decode-shaped (1 row) and a prefill-shaped (128 rows) product.

    The four cases are interleaved round by round and the best of each kept, so a
    burst of load from another program slows every case alike instead of one. One
    thread: it compares what each core can do, and two threads on a machine that
    others keep busy stall on each other (see `threads.py`) and measure only that.
    Then the int4 decode kernels (`_measure_int4`), with every core.
    """
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        timings = _measure_cases(rounds)
    finally:
        torch.set_num_threads(threads)
    return {**timings, **_measure_int4(rounds, threads)}


def _measure_int4(rounds: int, threads: int) -> dict[str, float]:
    """Best times of one decoder layer's decode step with torch's int4 kernel and with ours.

    A step is what decode does in a layer of the built-in model: the q/k/v product,
    attention for one token over 512 cached ones (torch), the output, gate/up and
    down products, with `threads` threads, as decode runs. So a thread pool of
    numba's that fights torch's (a platform where the two use different OpenMP
    runtimes) shows in the timing, not only the kernels' own speed.
    """
    import torch

    from assistant.engine import int4_avx2
    from assistant.engine.fast_decode import int4_decode_supported, int4_product, quantize_int4

    # (out, in) of SmolLM2-135M's fused q/k/v, output, gate/up and down projections.
    weights = [torch.randn(rows, cols) * 0.02 for rows, cols in SMOLLM_LAYER]
    query, keys = torch.randn(3, 3, 64), torch.randn(3, 512, 64)

    def step(products: list[Callable[[torch.Tensor], torch.Tensor]]) -> None:
        qkv, out, gate_up, down = products
        qkv(torch.randn(1, 576))
        scores = torch.softmax(torch.bmm(query, keys.transpose(1, 2)), dim=-1)
        out(torch.bmm(scores, keys).view(1, 576))
        down(gate_up(torch.randn(1, 576))[:, :1536].float())

    cases: dict[str, Callable[[], Any]] = {}
    if int4_decode_supported():
        packed = [quantize_int4(weight) for weight in weights]
        theirs = [lambda x, p=p: int4_product(x, *p) for p in packed]
        cases["int4_torch_us"] = lambda: step(theirs)
    if not int4_avx2.unavailable_reason():
        ours = [int4_avx2.Int4Avx2Weights.from_weight(weight).matmul for weight in weights]
        cases["int4_avx2_us"] = lambda: step(ours)
    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    if "int4_avx2_us" in cases:
        int4_avx2.set_threads(threads)
    best = {key: float("inf") for key in cases}
    try:
        with torch.inference_mode():
            for run in cases.values():
                run()
            for _ in range(rounds):
                for key, run in cases.items():
                    start = time.perf_counter()
                    for _ in range(10):
                        run()
                    best[key] = min(best[key], (time.perf_counter() - start) / 10)
    finally:
        torch.set_num_threads(before)
    return {key: round(value * 1e6, 2) for key, value in best.items()}


def _measure_cases(rounds: int) -> dict[str, float]:
    import torch

    cases = []
    for name, dtype in (("float32", torch.float32), ("bfloat16", torch.bfloat16)):
        weight = torch.randn(1536, 576, dtype=dtype)
        cases.append((f"{name}_decode_us", 1e6, torch.randn(1, 576, dtype=dtype), weight, 50))
        cases.append((f"{name}_prefill_ms", 1e3, torch.randn(128, 576, dtype=dtype), weight, 3))
    best = {key: float("inf") for key, *_ in cases}
    with torch.inference_mode():
        for _key, _unit, x, weight, _reps in cases:  # warm-up (oneDNN builds its kernels)
            for _ in range(3):
                torch.nn.functional.linear(x, weight)
        for _ in range(rounds):
            for key, _unit, x, weight, reps in cases:
                start = time.perf_counter()
                for _ in range(reps):
                    torch.nn.functional.linear(x, weight)
                best[key] = min(best[key], (time.perf_counter() - start) / reps)
    return {key: round(best[key] * unit, 2) for key, unit, *_ in cases}


def cpu_dtype_probe(
    force: bool = False, measure: Callable[[], dict[str, float]] | None = None
) -> dict[str, Any]:
    """The cached plan for this machine (measured on first use); a JSON-able dict.

    Keys: machine, cpu, bf16_flags, dtype, decode, reason, int4_kernel, int4_reason,
    timings, version.
    `measure` replaces the timing run (tests inject timings through it).
    """
    from assistant.engine.fast_decode import int4_decode_supported, int8_decode_supported

    cache_file = paths.cache_dir() / CACHE_NAME
    flags = cpu_flags()
    machine = machine_id(flags)
    if not force and cache_file.is_file():
        try:
            cached = json.loads(cache_file.read_text(encoding="utf-8"))
            if cached.get("machine") == machine and cached.get("version") == PROBE_VERSION:
                return cached
        except ValueError:
            pass
    timings = (measure or _measure)()
    torch_int4 = int4_decode_supported()
    plan = decide(timings, flags, int8_decode_supported(), torch_int4 or "int4_avx2_us" in timings)
    int4_kernel, int4_reason = decide_int4_kernel(timings, torch_int4)
    result = {
        "version": PROBE_VERSION,
        "machine": machine,
        "cpu": cpu_name(),
        "bf16_flags": sorted(f for f in flags if f in NATIVE_BF16_FLAGS),
        "dtype": plan.dtype,
        "decode": plan.decode,
        "reason": plan.reason,
        "int4_kernel": int4_kernel,
        "int4_reason": int4_reason,
        "timings": timings,
    }
    try:
        cache_file.write_text(json.dumps(result, indent=2), encoding="utf-8")
    except OSError as exc:
        log.warning("could not cache dtype probe: %s", exc)
    return result


def describe_probe(probe: dict[str, Any] | None) -> str:
    """One line for `models` and `bench`: what this CPU prefills and decodes in, and why."""
    if not probe:
        return "CPU precision: not measured yet (measured on the first model load)."
    flags = ", ".join(probe.get("bf16_flags") or []) or "none"
    line = (
        f"CPU precision: weights and prefill {probe.get('dtype', '?')}, decode "
        f"{probe.get('decode', '?')} ({probe.get('reason', 'no reason recorded')}; "
        f"bfloat16 flags: {flags})"
    )
    if "int4_kernel" in probe:
        kernel = "ours (AVX2)" if probe["int4_kernel"] == "avx2" else "torch's"
        line += f"; int4 kernel {kernel} ({probe.get('int4_reason', '')})"
    return line


#: Overrides the probe's int4 kernel choice ("torch" or "avx2"): for comparing the two
#: on one machine, and a way out should our kernel misbehave on one.
INT4_KERNEL_ENV = "WRITING_ASSISTANT_INT4_KERNEL"


def int4_kernel(probe: dict[str, Any] | None = None) -> str:
    """The int4 decode kernel for this machine: "avx2" (ours) or "torch".

    The probe's choice, unless WRITING_ASSISTANT_INT4_KERNEL names one ("avx2" only
    where the kernel can run).
    """
    forced = os.environ.get(INT4_KERNEL_ENV, "").strip().lower()
    if forced == "torch":
        return "torch"
    if forced == "avx2":
        from assistant.engine import int4_avx2

        reason = int4_avx2.unavailable_reason()
        if not reason:
            return "avx2"
        log.warning("%s=avx2 ignored: %s", INT4_KERNEL_ENV, reason)
        return "torch"
    if forced:
        log.warning("%s=%s ignored: use torch or avx2", INT4_KERNEL_ENV, forced)
    probe = cpu_dtype_probe() if probe is None else probe
    return "avx2" if probe.get("int4_kernel") == "avx2" else "torch"


def cached_probe() -> dict[str, Any] | None:
    """The verdict on disk, without measuring (None when there is none yet)."""
    try:
        return json.loads((paths.cache_dir() / CACHE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
