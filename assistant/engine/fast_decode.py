"""Weight-only int8 and int4 for the decode step on CPU.

Decoding one token is a chain of matrix-vector products whose cost is mostly
reading weights. `torch._weight_int8pack_mm` reads int8 weights (a quarter of the
float32 bytes) with per-output-channel scales and bfloat16 activations, and runs
about 2x faster than a float32 linear on one row even on CPUs without native
bfloat16. Prefill (many rows) is compute-bound and slower in that kernel, so the
layer keeps the original weights for it (float32, or bfloat16 where prefill is faster so).
`lm_head` is left alone; it decides which token wins.

`int4_grid`/`pack_int4` make the int4 copies (`torch._weight_int4pack_mm_for_cpu`,
groups of 32 columns, half the bytes again) that the lean path uses where they are
no less exact than int8: for weights that came from a 4-bit GGUF file.
"""

from __future__ import annotations

import logging
from typing import Any

import torch
from torch import nn

log = logging.getLogger(__name__)

# Rows at or below this count take the int8 path (decode is one row per step).
_INT8_MAX_ROWS = 4


class HybridInt8Linear(nn.Module):
    """A Linear that decodes with int8 weights and prefills with the originals."""

    def __init__(
        self, linear: nn.Linear, packed: tuple[torch.Tensor, torch.Tensor] | None = None
    ) -> None:
        super().__init__()
        self.in_features = linear.in_features
        self.out_features = linear.out_features
        self.weight = linear.weight
        self.bias = linear.bias
        q, scale = packed if packed is not None else quantize_int8(linear.weight)
        self.register_buffer("weight_int8", q.contiguous(), persistent=False)
        self.register_buffer("scale_bf16", scale.to(torch.bfloat16), persistent=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        rows = x.numel() // self.in_features
        if rows > _INT8_MAX_ROWS:
            return nn.functional.linear(x, self.weight, self.bias)
        flat = x.reshape(rows, self.in_features).to(torch.bfloat16)
        out = torch._weight_int8pack_mm(flat, self.weight_int8, self.scale_bf16)
        out = out.to(x.dtype).reshape(*x.shape[:-1], self.out_features)
        if self.bias is not None:
            out = out + self.bias
        return out


# Rows widened to float32 at a time while quantizing: a whole 152k-token output
# layer in float32 would be a transient 0.9 GB (Qwen2.5-1.5B).
_QUANT_ROWS = 4096


def _row_blocks(rows: int) -> list[slice]:
    return [slice(i, min(rows, i + _QUANT_ROWS)) for i in range(0, rows, _QUANT_ROWS)]


def quantize_int8(weight: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Symmetric per-output-channel int8: (int8 weights, float scales)."""
    with torch.inference_mode():
        q = torch.empty(weight.shape, dtype=torch.int8)
        scale = torch.empty(weight.shape[0], dtype=torch.float32)
        for rows in _row_blocks(weight.shape[0]):
            w = weight[rows].detach().float()
            scale[rows] = w.abs().amax(dim=1).clamp(min=1e-8) / 127.0
            q[rows] = torch.round(w / scale[rows, None]).clamp_(-128, 127).to(torch.int8)
    return q, scale


def int8_squared_error(weight: torch.Tensor, q8: torch.Tensor, scale: torch.Tensor) -> float:
    """Sum of squared differences between `weight` and its int8 reconstruction."""
    total = 0.0
    with torch.inference_mode():
        for rows in _row_blocks(weight.shape[0]):
            approx = q8[rows].float() * scale[rows, None].float()
            total += float((approx - weight[rows].float()).pow_(2).sum())
    return total


#: Columns per int4 group (one scale and one offset each): GGUF's Q4_0/Q4_1 block.
INT4_GROUP = 32


def int4_grid(weight: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, float]:
    """Asymmetric int4 in groups of INT4_GROUP columns: (q, scales, zeros, squared error).

    q holds 0..15; the kernel computes (q - 8) * scale + zero with bfloat16 scales
    and zeros ([rows, groups] each), and the squared error is measured against that.
    A weight that came from a 4-bit GGUF block (Q4_1: value = d * q + m, q in 0..15)
    holds its block's minimum at q = 0 and maximum at q = 15, so the min/max grid
    found here is that block's own grid: re-quantizing it loses (almost) nothing.
    """
    rows, cols = weight.shape
    groups = cols // INT4_GROUP
    q = torch.empty(rows, cols, dtype=torch.uint8)
    scales = torch.empty(rows, groups, dtype=torch.bfloat16)
    zeros = torch.empty(rows, groups, dtype=torch.bfloat16)
    error = 0.0
    with torch.inference_mode():
        for block in _row_blocks(rows):
            w = weight[block].detach().float().view(-1, groups, INT4_GROUP)
            low = w.amin(dim=-1, keepdim=True)
            scale = ((w.amax(dim=-1, keepdim=True) - low) / 15.0).clamp_(min=1e-8)
            levels = torch.round((w - low) / scale).clamp_(0, 15)
            scale_bf16, zero_bf16 = scale.to(torch.bfloat16), (low + 8.0 * scale).to(torch.bfloat16)
            approx = (levels - 8.0) * scale_bf16.float() + zero_bf16.float()
            error += float((approx - w).pow_(2).sum())
            q[block] = levels.to(torch.uint8).view(-1, cols)
            scales[block] = scale_bf16.view(-1, groups)
            zeros[block] = zero_bf16.view(-1, groups)
    return q, scales, zeros, error


def int4_is_exact(weight: torch.Tensor) -> bool:
    """True when int4's grid holds `weight` at least as exactly as int8 per channel does.

    So it is for a weight that was 4-bit in its GGUF file; for any other weight
    int4 would lose precision.
    """
    q8, scale = quantize_int8(weight)
    return int4_grid(weight)[3] <= int8_squared_error(weight, q8, scale)


def pack_int4(
    q: torch.Tensor, scales: torch.Tensor, zeros: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor]:
    """(packed weight, scales_and_zeros) as `torch._weight_int4pack_mm_for_cpu` reads them."""
    packed = torch._convert_weight_to_int4pack_for_cpu(q.to(torch.int32), 1)
    return packed, torch.stack([scales.t(), zeros.t()], dim=-1).contiguous()


def int4_product(
    x: torch.Tensor, packed: torch.Tensor, scales_and_zeros: torch.Tensor
) -> torch.Tensor:
    """x times `pack_int4`'s weights with torch's int4 kernel: bfloat16 [rows, out]."""
    return torch._weight_int4pack_mm_for_cpu(
        x.to(torch.bfloat16), packed, INT4_GROUP, scales_and_zeros
    )


def quantize_int4(weight: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """Asymmetric int4 in groups of INT4_GROUP columns, packed for the CPU kernel."""
    q, scales, zeros, _error = int4_grid(weight)
    return pack_int4(q, scales, zeros)


def int4_decode_supported() -> bool:
    """True when this torch build has the int4 weight-only CPU kernel."""
    if not hasattr(torch, "_weight_int4pack_mm_for_cpu"):
        return False
    try:
        packed, scales = quantize_int4(torch.randn(32, 64))
        torch._weight_int4pack_mm_for_cpu(
            torch.randn(1, 64, dtype=torch.bfloat16), packed, INT4_GROUP, scales
        )
        return True
    except (RuntimeError, NotImplementedError, AttributeError):
        return False


def int8_decode_supported() -> bool:
    """True when this torch build has the int8 weight-only CPU kernel."""
    if not hasattr(torch, "_weight_int8pack_mm"):
        return False
    try:
        x = torch.randn(1, 64, dtype=torch.bfloat16)
        w = torch.ones(32, 64, dtype=torch.int8)
        s = torch.ones(32, dtype=torch.bfloat16)
        torch._weight_int8pack_mm(x, w, s)
        return True
    except (RuntimeError, NotImplementedError):
        return False


def install_int8_decode(
    model: Any, lm_head: bool = False, packed: dict[str, torch.Tensor] | None = None
) -> bool:
    """Swap the decoder layers' Linear modules for HybridInt8Linear. False if skipped.

    `packed` holds precomputed "<module>.q" / "<module>.scale" tensors (from
    `packed_state`), which skips re-quantizing ~100M weights at every start.
    """
    if not int8_decode_supported():
        return False
    layers = getattr(getattr(model, "model", None), "layers", None)
    if layers is None:
        return False
    targets: list[tuple[nn.Module, str, str, nn.Linear]] = []
    for i, layer in enumerate(layers):
        for parent_name, parent in layer.named_modules():
            for child_name, child in list(parent.named_children()):
                if isinstance(child, nn.Linear) and child.in_features % 32 == 0:
                    full = ".".join(p for p in (f"layers.{i}", parent_name, child_name) if p)
                    targets.append((parent, child_name, full, child))
    head = getattr(model, "lm_head", None)
    if lm_head and isinstance(head, nn.Linear) and head.in_features % 32 == 0:
        targets.append((model, "lm_head", "lm_head", head))
    replaced = 0
    for parent, child_name, full, child in targets:
        pre = None
        if packed is not None and f"{full}.q" in packed:
            pre = (packed[f"{full}.q"], packed[f"{full}.scale"])
        setattr(parent, child_name, HybridInt8Linear(child, pre))
        replaced += 1
    log.info("int8 decode path on %d linear layers", replaced)
    return replaced > 0


def packed_state(model: Any) -> dict[str, torch.Tensor]:
    """The int8 weights and scales of every HybridInt8Linear, for caching on disk."""
    state: dict[str, torch.Tensor] = {}
    layers = getattr(getattr(model, "model", None), "layers", None) or []
    for i, layer in enumerate(layers):
        for name, module in layer.named_modules():
            if isinstance(module, HybridInt8Linear):
                full = ".".join(p for p in (f"layers.{i}", name) if p)
                state[f"{full}.q"] = module.weight_int8
                state[f"{full}.scale"] = module.scale_bf16.float()
    if isinstance(getattr(model, "lm_head", None), HybridInt8Linear):
        state["lm_head.q"] = model.lm_head.weight_int8
        state["lm_head.scale"] = model.lm_head.scale_bf16.float()
    return state
