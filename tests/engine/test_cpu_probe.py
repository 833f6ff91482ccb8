"""The CPU precision verdict: measured timings and CPU flags in, weights dtype and decode out.

Timings and flags are injected, so both kinds of machine (native bfloat16 and
AVX2-only) are tested on whichever machine runs the tests.
"""

from __future__ import annotations

import json

import pytest
import torch

from assistant.engine import cpu_probe
from assistant.engine.cpu_probe import cpu_dtype_probe, decide, describe_probe
from assistant.engine.loader import load_backend
from assistant.tasks.types import GenerationRequest, Sampling

# What the project's probe measured on the two kinds of "AMD EPYC" 2-core machines.
BF16_MACHINE = {
    "float32_prefill_ms": 1.25,
    "bfloat16_prefill_ms": 0.54,
    "float32_decode_us": 68.08,
    "bfloat16_decode_us": 58.41,
}
AVX2_MACHINE = {
    "float32_prefill_ms": 1.3,
    "bfloat16_prefill_ms": 9.6,
    "float32_decode_us": 60.0,
    "bfloat16_decode_us": 410.0,
}
BF16_FLAGS = frozenset({"fpu", "avx2", "avx512f", "avx512_bf16", "avx512_vnni"})
AVX2_FLAGS = frozenset({"fpu", "avx2", "fma"})


def test_a_bf16_cpu_prefills_in_bfloat16_and_decodes_int8_even_if_bf16_decode_is_slower():
    # The old rule demanded a 20 % decode win too and kept this machine on float32.
    plan = decide(BF16_MACHINE, BF16_FLAGS, int8_decode=True)
    assert (plan.dtype, plan.decode) == ("bfloat16", "int8")
    assert "0.54 ms" in plan.reason and "1.25 ms" in plan.reason


def test_an_avx2_cpu_stays_float32():
    plan = decide(AVX2_MACHINE, AVX2_FLAGS, int8_decode=True)
    assert (plan.dtype, plan.decode) == ("float32", "int8")
    assert "no native bfloat16" in plan.reason


def test_a_cpu_without_the_flag_stays_float32_even_if_a_noisy_timing_favours_bf16():
    assert decide(BF16_MACHINE, AVX2_FLAGS, int8_decode=True).dtype == "float32"


def test_bf16_must_be_measurably_faster_not_just_present():
    close = {**BF16_MACHINE, "bfloat16_prefill_ms": 1.1}  # 12 % faster: within noise
    plan = decide(close, BF16_FLAGS, int8_decode=True)
    assert plan.dtype == "float32"
    assert "not measurably faster" in plan.reason


def test_with_both_kernels_decode_reads_int4_or_int8_as_each_model_suits():
    plan = decide(BF16_MACHINE, BF16_FLAGS, int8_decode=True, int4_decode=True)
    assert (plan.dtype, plan.decode) == ("bfloat16", "int4/int8")
    assert decide(AVX2_MACHINE, AVX2_FLAGS, True, True).decode == "int4/int8"


def test_without_the_int8_kernel_bfloat16_must_not_slow_decode():
    slower_decode = {**BF16_MACHINE, "bfloat16_decode_us": 90.0}
    assert decide(slower_decode, BF16_FLAGS, int8_decode=False).dtype == "float32"
    plan = decide(BF16_MACHINE, BF16_FLAGS, int8_decode=False)
    assert (plan.dtype, plan.decode) == ("bfloat16", "bfloat16")


def test_platforms_that_list_no_flags_go_by_the_timings():
    assert decide(BF16_MACHINE, frozenset(), int8_decode=True).dtype == "bfloat16"
    assert decide(AVX2_MACHINE, frozenset(), int8_decode=True).dtype == "float32"


def _fake_machine(monkeypatch, flags: frozenset[str]) -> None:
    monkeypatch.setattr(cpu_probe, "cpu_flags", lambda: flags)
    monkeypatch.setattr(cpu_probe, "cpu_name", lambda: "AMD EPYC")


def test_the_cached_verdict_is_keyed_on_the_cpu_flags_not_just_its_name(monkeypatch, isolated_home):
    measured: list[str] = []

    def measure(timings):
        return lambda: measured.append("run") or dict(timings)

    _fake_machine(monkeypatch, BF16_FLAGS)
    first = cpu_dtype_probe(measure=measure(BF16_MACHINE))
    assert first["dtype"] == "bfloat16" and first["bf16_flags"] == ["avx512_bf16"]
    # Same machine again: the cached verdict, no new measurement.
    assert cpu_dtype_probe(measure=measure(AVX2_MACHINE))["dtype"] == "bfloat16"
    assert len(measured) == 1
    # Same model name, other flags (the user's home moved to another VM): measured anew.
    _fake_machine(monkeypatch, AVX2_FLAGS)
    assert cpu_dtype_probe(measure=measure(AVX2_MACHINE))["dtype"] == "float32"
    assert len(measured) == 2
    saved = json.loads((isolated_home / "cache" / "dtype_probe.json").read_text())
    assert saved["dtype"] == "float32" and "no native bfloat16" in saved["reason"]


def test_describe_says_what_was_chosen_and_why():
    probe = {
        "dtype": "bfloat16",
        "decode": "int8",
        "reason": "native bfloat16: prefill bfloat16 0.54 ms vs float32 1.25 ms (2.3x)",
        "bf16_flags": ["avx512_bf16"],
    }
    line = describe_probe(probe)
    assert "bfloat16" in line and "decode int8" in line and "0.54 ms" in line
    assert "avx512_bf16" in line
    assert "not measured yet" in describe_probe(None)


@pytest.mark.parametrize(
    ("flags", "timings", "weights"),
    [(BF16_FLAGS, BF16_MACHINE, torch.bfloat16), (AVX2_FLAGS, AVX2_MACHINE, torch.float32)],
)
def test_a_model_loads_in_the_verdicts_dtype_and_decodes_int8(
    monkeypatch, tiny_model_dir, flags, timings, weights
):
    _fake_machine(monkeypatch, flags)
    monkeypatch.setattr(cpu_probe, "_measure", lambda: dict(timings))
    backend = load_backend(str(tiny_model_dir), "cpu")
    assert backend.lean is not None
    assert backend.lean.weight_dtype == weights  # kept once, in that dtype
    assert backend.model.model.layers[0].mlp.down_proj.weight.dtype == weights
    assert backend.decode_mode.endswith("+lean+int8-decode")
    backend.eos_ids = set()  # a random model may end early; count a full run
    sampling = Sampling(temperature=0.0, repetition_penalty=1.0, max_new_tokens=8)
    backend.generate(GenerationRequest(task="continue", prompt="The island", sampling=sampling))
    assert backend.last_stats.generated_tokens == 8


def test_no_int8_decode_means_exact_float32_even_where_bf16_would_win(monkeypatch, tiny_model_dir):
    _fake_machine(monkeypatch, BF16_FLAGS)
    monkeypatch.setattr(cpu_probe, "_measure", lambda: dict(BF16_MACHINE))
    backend = load_backend(str(tiny_model_dir), "cpu", fast_decode=False)
    assert backend.dtype == "float32"
    assert backend.lean.weight_dtype == torch.float32
