"""Which models the lean forward pass (`lean_llama`) supports, and why not the others.

Llama-family decoders (Llama, SmolLM, Qwen2, Mistral) with SiLU MLPs, full
attention, plain or static-scaled RoPE and the transformers module layout.
"""

from __future__ import annotations

from typing import Any

from torch import nn

SUPPORTED_TYPES = frozenset({"llama", "mistral", "qwen2"})


def unsupported_reason(model: Any) -> str | None:
    """Why `model` cannot take the lean path (None when it can)."""
    config = getattr(model, "config", None)
    model_type = getattr(config, "model_type", None)
    if model_type not in SUPPORTED_TYPES:
        return f"model type {model_type!r} is not one of {sorted(SUPPORTED_TYPES)}"
    if getattr(config, "hidden_act", "silu") not in ("silu", "swish"):
        return f"activation {config.hidden_act!r}"
    window = getattr(config, "sliding_window", None)
    if window and getattr(config, "use_sliding_window", True) and window < context_length(config):
        return "sliding-window attention"
    rope = getattr(config, "rope_parameters", None) or getattr(config, "rope_scaling", None) or {}
    if isinstance(rope, dict) and rope.get("rope_type", rope.get("type")) in (
        "dynamic",
        "longrope",
    ):
        return "position-dependent RoPE scaling"
    inner = getattr(model, "model", None)
    layers = getattr(inner, "layers", None)
    if not layers or not hasattr(inner, "rotary_emb") or not hasattr(model, "lm_head"):
        return "unexpected module layout"
    for layer in layers:
        attn, mlp = getattr(layer, "self_attn", None), getattr(layer, "mlp", None)
        names = ("q_proj", "k_proj", "v_proj", "o_proj")
        if attn is None or not all(isinstance(getattr(attn, n, None), nn.Linear) for n in names):
            return "unexpected attention layout"
        if getattr(attn, "q_norm", None) is not None or getattr(attn, "k_norm", None) is not None:
            return "q/k normalisation"
        mlp_names = ("gate_proj", "up_proj", "down_proj")
        if mlp is None or not all(isinstance(getattr(mlp, n, None), nn.Linear) for n in mlp_names):
            return "unexpected MLP layout"
    return None


def context_length(config: Any) -> int:
    """The positions the model was built for (its RoPE tables and KV cache size)."""
    return int(getattr(config, "max_position_embeddings", 2048) or 2048)
