"""Decode weights: int4 where the weights sit on a 4-bit grid (4-bit GGUF files), else int8.

The embedded model comes from a Q4_1 GGUF: each block of 32 weights is d * q + m
with q in 0..15. Re-quantized to int4 in the same blocks it loses nothing, while
per-channel int8 rounds every weight; any other weight is better served by int8.
"""

from __future__ import annotations

import threading

import pytest
import torch
from transformers import AutoModelForCausalLM

from assistant.engine import loader
from assistant.engine.fast_decode import INT4_GROUP, int4_decode_supported, int4_grid
from assistant.engine.generate import TransformersBackend
from assistant.engine.lean_llama import LeanDecoder
from assistant.tasks.types import GenerationRequest, Sampling

pytestmark = pytest.mark.skipif(
    not int4_decode_supported(), reason="this torch build has no int4 CPU kernel"
)


def on_int4_grid(weight: torch.Tensor) -> torch.Tensor:
    """`weight` moved onto a Q4_1-style grid (what a 4-bit GGUF de-quantizes to)."""
    q, scales, zeros, _error = int4_grid(weight)
    groups = weight.shape[1] // INT4_GROUP
    levels = q.float().view(weight.shape[0], groups, INT4_GROUP) - 8.0
    grid = levels * scales.float()[..., None] + zeros.float()[..., None]
    return grid.view_as(weight).to(weight.dtype)


def grid_model(model_dir) -> torch.nn.Module:
    model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32).eval()
    with torch.no_grad():
        for layer in model.model.layers:
            for linear in (
                *(getattr(layer.self_attn, n) for n in ("q_proj", "k_proj", "v_proj", "o_proj")),
                *(getattr(layer.mlp, n) for n in ("gate_proj", "up_proj", "down_proj")),
            ):
                linear.weight.copy_(on_int4_grid(linear.weight))
    return model


def greedy(prompt: str, tokens: int = 16) -> GenerationRequest:
    sampling = Sampling(temperature=0.0, repetition_penalty=1.0, max_new_tokens=tokens)
    return GenerationRequest(task="continue", prompt=prompt, sampling=sampling)


def decode_logits(lean: LeanDecoder, ids: list[int]) -> torch.Tensor:
    """Logits of every step when `ids` are fed one token at a time (the decode path)."""
    with torch.inference_mode():
        cache = lean.new_cache()
        return torch.stack([lean.logits(lean.forward([token], cache)) for token in ids])


def test_grid_weights_decode_int4_and_match_the_exact_weights(tiny_model_dir):
    model = grid_model(tiny_model_dir)
    ids = list(range(5, 25))
    exact = decode_logits(LeanDecoder(model, int8=False), ids)
    lean = LeanDecoder(model, int8=True, int4=True)
    assert lean.decode_weights == "int4"
    # Only bfloat16 activations differ from the exact float32 product.
    assert torch.allclose(decode_logits(lean, ids), exact, atol=3e-2)


def test_random_weights_keep_int8_which_is_closer_for_them(tiny_model_dir):
    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir, dtype=torch.float32).eval()
    assert LeanDecoder(model, int8=True, int4=True).decode_weights == "int8"


def test_int4_weights_are_cached_and_ignored_when_torch_changes(
    tiny_model_dir, isolated_home, monkeypatch
):
    tokenizer_dir = tiny_model_dir
    backend = TransformersBackend(grid_model(tokenizer_dir), _tokenizer(tokenizer_dir), "grid")
    assert backend.decode_mode.endswith("+lean+int4-decode")
    state = backend.int8_state()
    assert {"layers.0.qkv.q4", "layers.1.down.sz4"} <= set(state)
    file = isolated_home / "int8_decode.safetensors"
    loader._write_int8(file, state, _Source(), "float32")
    cached = loader._read_int8(file)
    assert set(cached) == set(state)
    reloaded = TransformersBackend(
        grid_model(tokenizer_dir), _tokenizer(tokenizer_dir), "grid", int8_packed=cached
    )
    prompt = greedy("The island was gone")
    assert reloaded.generate(prompt, threading.Event()) == backend.generate(prompt)
    # int4 tensors are torch's internal packed layout: another torch version repacks.
    monkeypatch.setattr(torch, "__version__", "9.9.9")
    assert not any(k.endswith((".q4", ".sz4")) for k in loader._read_int8(file))


class _Source:
    name = "grid"
    path = "grid"


def _tokenizer(model_dir):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(model_dir)
