"""The AVX2 int4 decode kernel: its products, when it is chosen, and a model decoding with it.

The choice is tested with injected probe timings, so both kinds of machine (AVX2
only, where ours is ~3x torch's kernel, and AVX-512, where torch's stays) are
covered on whichever machine runs the tests; the kernel itself runs on any x86-64
CPU with AVX2.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import torch
from safetensors import safe_open
from safetensors.torch import save_file

from assistant.bench.speed import int4_kernel_used
from assistant.bench.speed_table import format_table
from assistant.engine import cpu_probe, int4_avx2, lean_weights
from assistant.engine.cpu_probe import cpu_dtype_probe, decide_int4_kernel, describe_probe
from assistant.engine.fast_decode import int4_decode_supported, int4_grid, quantize_int4
from assistant.engine.generate import TransformersBackend
from assistant.engine.int4_avx2 import Int4Avx2Weights
from assistant.engine.loader import _read_int8, load_backend
from assistant.engine.quality_gate import gate_report
from assistant.tasks.samples import EN_STORY
from assistant.tasks.types import GenerationRequest, Sampling

needs_kernel = pytest.mark.skipif(
    bool(int4_avx2.unavailable_reason()), reason=int4_avx2.unavailable_reason() or "available"
)

# One decode-sized int4 product, one thread, as the probe times it (µs).
AVX2_ONLY = {
    "float32_prefill_ms": 2.15,
    "bfloat16_prefill_ms": 8.98,
    "float32_decode_us": 54.4,
    "bfloat16_decode_us": 74.3,
    "int4_torch_us": 47.2,
    "int4_avx2_us": 34.7,
}
AVX512 = {**AVX2_ONLY, "int4_torch_us": 16.6, "int4_avx2_us": 15.9}
# A `bench --json` result, as far as the table's first line reads it.
_BENCH_RESULT = {
    "model": "SmolLM2-135M-Instruct",
    "device": "cpu",
    "dtype": "float32",
    "decode_mode": "float32+lean+int4-decode",
    "threads": {"prefill": 2, "decode": 2, "baseline": 2},
    "load_cold_s": 7.5,
    "load_warm_s": 0.8,
    "rows": [],
}


def _grid_weight(rows: int, cols: int, seed: int = 0) -> torch.Tensor:
    """A weight on an int4 grid (as a 4-bit GGUF model's are), with a few outlier groups."""
    generator = torch.Generator().manual_seed(seed)
    weight = torch.randn(rows, cols, generator=generator) * 0.02
    weight[::7, :32] *= 12.0
    levels, scales, zeros, _ = int4_grid(weight)
    return Int4Avx2Weights.from_levels(levels, scales, zeros).dequantized()


# -- the products ----------------------------------------------------------------


@needs_kernel
@pytest.mark.parametrize(("rows", "cols", "batch"), [(96, 64, 1), (960, 576, 1), (576, 1536, 3)])
def test_the_product_is_the_grid_times_x_more_exactly_than_torchs_kernel(rows, cols, batch):
    weight = _grid_weight(rows, cols)
    ours = Int4Avx2Weights.from_weight(weight)
    assert torch.equal(ours.dequantized(), weight)  # on its grid already: nothing lost
    x = torch.randn(batch, cols)
    x[:, 5] = 40.0  # an outlier activation: quantized per 32-column group, not per row
    exact = x.double() @ weight.double().T
    got = ours.matmul(x)
    assert got.dtype == torch.float32 and got.shape == (batch, rows)
    error = float((got.double() - exact).abs().max())
    assert error <= 2e-4 * float(exact.abs().max())
    if int4_decode_supported() and rows % 16 == 0:
        packed, scales = quantize_int4(weight)
        theirs = torch._weight_int4pack_mm_for_cpu(x.bfloat16(), packed, 32, scales).double()
        assert error < float((theirs - exact).abs().max())  # int16 beats bfloat16 activations


@needs_kernel
def test_bfloat16_and_zero_inputs_and_any_thread_count():
    weight = _grid_weight(64, 96, seed=1)
    ours = Int4Avx2Weights.from_weight(weight)
    x = torch.randn(2, 96)
    x[1, 32:64] = 0.0  # a group of zeros: no division by zero, no NaN
    int4_avx2.set_threads(1)
    one = ours.matmul(x)
    int4_avx2.set_threads(2)
    two = ours.matmul(x)
    assert torch.equal(one, two)
    assert not torch.isnan(one).any()
    assert torch.allclose(ours.matmul(x.bfloat16()), x.bfloat16().float() @ weight.T, atol=1e-3)


def test_the_layout_round_trips_and_wrong_shapes_are_refused():
    weight = _grid_weight(48, 64, seed=2)
    levels, scales, zeros, _ = int4_grid(weight)
    ours = Int4Avx2Weights.from_levels(levels, scales, zeros)
    assert torch.equal(ours.levels(), levels)
    again = Int4Avx2Weights(*ours.state())
    assert torch.equal(again.dequantized(), weight)
    with pytest.raises(ValueError, match="32-weight groups"):
        Int4Avx2Weights(torch.zeros(4, 24, dtype=torch.uint8), torch.zeros(4, 2))
    with pytest.raises(ValueError, match="scales"):
        Int4Avx2Weights(ours.nibbles, ours.scales_zeros[:, :2])


def test_a_machine_where_llvm_does_not_load_keeps_torchs_kernel(monkeypatch):
    """A missing or broken llvmlite (an OSError from its library) must not stop a load."""
    import llvmlite.binding

    def broken():
        raise OSError("could not load libllvmlite")

    monkeypatch.setattr(llvmlite.binding, "get_host_cpu_features", broken)
    assert int4_avx2.machine_supports() is False


# -- the choice ------------------------------------------------------------------


def test_the_avx2_kernel_is_chosen_where_it_is_measurably_faster():
    assert decide_int4_kernel(AVX2_ONLY, torch_int4=True)[0] == "avx2"
    kernel, reason = decide_int4_kernel(AVX512, torch_int4=True)
    assert kernel == "torch" and "not measurably faster" in reason
    assert decide_int4_kernel({"int4_torch_us": 47.2}, torch_int4=True)[0] == "torch"
    assert decide_int4_kernel({"int4_avx2_us": 34.7}, torch_int4=False)[0] == "avx2"


def test_the_probe_records_the_kernel_and_says_why(monkeypatch, isolated_home):
    monkeypatch.setattr(cpu_probe, "cpu_flags", lambda: frozenset({"avx2", "fma"}))
    probe = cpu_dtype_probe(measure=lambda: dict(AVX2_ONLY))
    assert probe["int4_kernel"] == "avx2" and "1.4x" in probe["int4_reason"]
    assert torch.backends.cpu.get_cpu_capability() in probe["machine"]
    assert "int4 kernel ours (AVX2)" in describe_probe(probe)
    saved = json.loads((isolated_home / "cache" / "dtype_probe.json").read_text())
    assert saved["int4_kernel"] == "avx2"
    assert cpu_dtype_probe(force=True, measure=lambda: dict(AVX512))["int4_kernel"] == "torch"


# -- a model decoding with it ----------------------------------------------------


def _load(model_dir: Path, monkeypatch, timings: dict[str, float]) -> TransformersBackend:
    """Load as on a machine that measured `timings` (a fresh verdict, not the cached one)."""
    monkeypatch.setattr(cpu_probe, "_measure", lambda: dict(timings))
    cpu_dtype_probe(force=True)
    return load_backend(str(model_dir), "cpu", dtype="float32")


def _keys(file: Path) -> list[str]:
    with safe_open(str(file), "pt") as handle:
        return list(handle.keys())  # noqa: SIM118 - safe_open is not a dict


def _next_token_odds(backend: TransformersBackend, text: str) -> torch.Tensor:
    lean = backend.lean
    assert lean is not None
    ids = backend.encode(text)
    with torch.inference_mode():
        cache = lean.new_cache()
        lean.forward(ids[:-2], cache)
        lean.forward(ids[-2:-1], cache)
        return torch.softmax(lean.logits(lean.forward(ids[-1:], cache)), dim=-1)


@needs_kernel
def test_a_4bit_model_decodes_with_the_avx2_kernel_as_it_does_with_torchs(
    tiny_int4_model_dir: Path, monkeypatch, isolated_home
):
    ours = _load(tiny_int4_model_dir, monkeypatch, AVX2_ONLY)
    assert ours.lean is not None and ours.lean.int4_kernel == "avx2"
    assert ours.decode_mode == "float32+lean+int4-decode"
    assert all(p.q4_avx2 is not None for layer in ours.lean.layers for p in layer.projections)
    report = gate_report(ours.model, ours, EN_STORY.text)
    assert report is not None and report["decode"]["passed"], report
    assert report["decode"]["top1"] == 1.0
    sampling = Sampling(max_new_tokens=12, temperature=0.0)
    ours.eos_ids = set()
    request = GenerationRequest(task="continue", prompt="The harbour lights", sampling=sampling)
    ours.generate(request)
    assert len(ours.last_token_ids) == 12
    assert int4_kernel_used(ours) == "avx2"
    line = format_table({**_BENCH_RESULT, "int4_kernel": "avx2"}).splitlines()[0]
    assert "int4-decode (int4 kernel: ours, AVX2);" in line
    if int4_decode_supported():
        theirs = _load(tiny_int4_model_dir, monkeypatch, AVX512)
        assert theirs.lean is not None and theirs.lean.int4_kernel == "torch"
        assert int4_kernel_used(theirs) == "torch"
        odds = _next_token_odds(ours, EN_STORY.text[:200])
        reference = _next_token_odds(theirs, EN_STORY.text[:200])
        assert float((odds - reference).abs().max()) < 2e-3


@needs_kernel
def test_the_avx2_weights_are_cached_and_read_back_without_requantizing(
    tiny_int4_model_dir: Path, monkeypatch, isolated_home
):
    first = _load(tiny_int4_model_dir, monkeypatch, AVX2_ONLY)
    files = list((isolated_home / "cache").rglob("*.safetensors"))
    cached = [f for f in files if any(k.endswith(".k4") for k in _keys(f))]
    assert cached, files
    expected = _next_token_odds(first, "The lighthouse keeper")

    def no_requantizing(*_args, **_kwargs):
        raise AssertionError("the cached int4 weights were not used")

    monkeypatch.setattr(lean_weights, "int4_grid", no_requantizing)
    again = _load(tiny_int4_model_dir, monkeypatch, AVX2_ONLY)
    assert again.lean is not None and again.lean.int4_kernel == "avx2"
    assert torch.equal(_next_token_odds(again, "The lighthouse keeper"), expected)


def test_torchs_int4_layout_is_not_read_where_torch_picked_other_kernels(tmp_path: Path):
    file = tmp_path / "int8.safetensors"
    tensors = {"layers.0.qkv.q4": torch.zeros(4, 4, dtype=torch.uint8), "lm_head.q": torch.ones(2)}
    save_file(tensors, str(file), metadata={"torch": torch.__version__, "kernels": "another"})
    assert set(_read_int8(file) or {}) == {"lm_head.q"}
    kernels = torch.backends.cpu.get_cpu_capability()
    save_file(tensors, str(file), metadata={"torch": torch.__version__, "kernels": kernels})
    assert set(_read_int8(file) or {}) == set(tensors)


def test_a_decode_path_that_computes_noise_is_refused_at_load(
    tiny_int4_model_dir: Path, monkeypatch, isolated_home
):
    """A kernel reading its weights in the wrong layout must not reach the writer."""
    real = lean_weights.Projection.product

    def noise(self, x):
        out = real(self, x)
        return torch.randn(out.shape, dtype=out.dtype) * 5

    monkeypatch.setattr(lean_weights.Projection, "product", noise)
    backend = load_backend(str(tiny_int4_model_dir), "cpu", dtype="float32")
    assert backend.lean is None  # the transformers forward pass instead: slower, right
    backend.eos_ids = set()
    sampling = Sampling(max_new_tokens=4, temperature=0.0)
    backend.generate(GenerationRequest(task="continue", prompt="Hi", sampling=sampling))
    assert len(backend.last_token_ids) == 4


def test_the_environment_can_name_the_kernel(monkeypatch, isolated_home):
    monkeypatch.setattr(cpu_probe, "_measure", lambda: dict(AVX2_ONLY))
    monkeypatch.setenv(cpu_probe.INT4_KERNEL_ENV, "torch")
    assert cpu_probe.int4_kernel() == "torch"  # though the probe measured ours faster
    monkeypatch.setenv(cpu_probe.INT4_KERNEL_ENV, "nonsense")
    assert cpu_probe.int4_kernel() == "avx2"  # ignored: the probe's choice
    monkeypatch.setattr(cpu_probe, "_measure", lambda: dict(AVX512))
    cpu_dtype_probe(force=True)
    monkeypatch.setenv(cpu_probe.INT4_KERNEL_ENV, "AVX2")
    expected = "torch" if int4_avx2.unavailable_reason() else "avx2"
    assert cpu_probe.int4_kernel() == expected
