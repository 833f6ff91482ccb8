"""The lean decoder's weights: fused projections with their int4/int8 decode copies.

A layer's q/k/v and gate/up projections are fused into one matrix each (the
transformers modules then hold views into it, no copy); every projection keeps
the model's own weights for prefill and, for the few-row products of decode, a
weight-only int4 or int8 copy. The output layer gets an int8 shortlist. See
`lean_llama` for why.
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

from assistant.engine.fast_decode import (
    INT4_GROUP,
    int4_grid,
    int4_product,
    int8_squared_error,
    pack_int4,
    quantize_int8,
)
from assistant.engine.int4_avx2 import Int4Avx2Weights

log = logging.getLogger(__name__)


@dataclass
class Projection:
    """One (possibly fused) linear layer: exact weights, plus int4 or int8 for few-row products."""

    weight: torch.Tensor
    bias: torch.Tensor | None
    q8: torch.Tensor | None = None
    scale: torch.Tensor | None = None
    q4: torch.Tensor | None = None
    scales_and_zeros: torch.Tensor | None = None
    q4_avx2: Int4Avx2Weights | None = None  # the same int4 grid, for our AVX2 kernel
    bias_f32: torch.Tensor | None = None  # added to `product` outputs in float32

    def __post_init__(self) -> None:
        if self.bias is not None:
            self.bias_f32 = self.bias.float()

    def __call__(self, x: torch.Tensor) -> torch.Tensor:
        """The exact product (the model's own weights), in `x`'s dtype: prefill's path."""
        if self.weight.dtype != x.dtype:
            # bfloat16 weights: the product runs in bfloat16 (native on CPUs with
            # avx512_bf16), the residual stream around it stays float32.
            return F.linear(x.to(self.weight.dtype), self.weight, self.bias).to(x.dtype)
        return F.linear(x, self.weight, self.bias)

    def product(self, x: torch.Tensor) -> torch.Tensor:
        """The decode-weight product without the bias, in the kernel's dtype (bfloat16).

        A decode step adds it straight into the float32 residual (or feeds it to
        the next product) instead of widening every output first: half the dtype
        conversions, a few percent of a step's time.
        """
        if self.q4_avx2 is not None:
            return self.q4_avx2.matmul(x)  # float32
        if self.q4 is not None:
            return int4_product(x, self.q4, self.scales_and_zeros)
        if self.q8 is not None:
            return torch._weight_int8pack_mm(x.to(torch.bfloat16), self.q8, self.scale)
        return F.linear(x.to(self.weight.dtype), self.weight)

    @property
    def kind(self) -> str:
        """ "int4", "int8" or "exact": what a decode step reads."""
        if self.q4 is not None or self.q4_avx2 is not None:
            return "int4"
        return "int8" if self.q8 is not None else "exact"


@dataclass
class LeanLayer:
    """One decoder layer: its norms and its four (fused) projections."""

    norm1: torch.Tensor
    norm2: torch.Tensor
    qkv: Projection
    out: Projection
    gate_up: Projection
    down: Projection
    eps1: float
    eps2: float

    @property
    def projections(self) -> tuple[Projection, Projection, Projection, Projection]:
        return (self.qkv, self.out, self.gate_up, self.down)


def fuse_linears(linears: list[nn.Linear]) -> tuple[torch.Tensor, torch.Tensor | None]:
    """One weight for several Linear modules; the modules then hold views into it."""
    weight = torch.cat([lin.weight.detach() for lin in linears])
    has_bias = any(lin.bias is not None for lin in linears)
    bias = None
    if has_bias:
        bias = torch.cat(
            [
                lin.bias.detach()
                if lin.bias is not None
                else torch.zeros(lin.out_features, dtype=weight.dtype)
                for lin in linears
            ]
        )
    start = 0
    for lin in linears:
        end = start + lin.out_features
        lin.weight = nn.Parameter(weight[start:end], requires_grad=False)
        if lin.bias is not None and bias is not None:
            lin.bias = nn.Parameter(bias[start:end], requires_grad=False)
        start = end
    return weight, bias


class Shortlist:
    """Approximate logits for the whole vocabulary from int8 weights.

    Uses the x86/ARM dynamic-quantized linear when this torch has it (about 4x
    faster than float32 on one row), else the weight-only int8 kernel.
    """

    def __init__(self, q8: torch.Tensor, scale: torch.Tensor) -> None:
        self.q8 = q8
        self.scale = scale  # float32: the disk cache must rebuild the same shortlist
        self.scale_bf16 = scale.to(torch.bfloat16)
        self.packed = None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # quantized tensors are deprecated, still present
                qweight = torch._make_per_channel_quantized_tensor(
                    q8, scale.double(), torch.zeros(q8.shape[0], dtype=torch.long), 0
                )
                self.packed = torch.ops.quantized.linear_prepack(qweight, None)
                torch.ops.quantized.linear_dynamic(torch.zeros(1, q8.shape[1]), self.packed)
        except (RuntimeError, AttributeError, NotImplementedError) as exc:
            log.info("dynamic int8 linear unavailable (%s); shortlist uses int8pack", exc)
            self.packed = None

    def __call__(self, hidden: torch.Tensor) -> torch.Tensor:
        if self.packed is not None:
            return torch.ops.quantized.linear_dynamic(hidden.float(), self.packed)[0]
        return torch._weight_int8pack_mm(hidden.to(torch.bfloat16), self.q8, self.scale_bf16)[
            0
        ].float()


def lean_layer(
    layer: nn.Module,
    config: Any,
    packed: dict[str, torch.Tensor],
    index: int,
    int8: bool,
    int4: bool,
    int4_kernel: str = "torch",
) -> LeanLayer:
    """Decoder layer `index` with fused weights (and decode weights when `int8`).

    `int4_kernel`: "torch" or "avx2" (`int4_avx2`), whichever `cpu_probe` chose.
    """
    attn, mlp = layer.self_attn, layer.mlp
    qkv = Projection(*fuse_linears([attn.q_proj, attn.k_proj, attn.v_proj]))
    gate_up = Projection(*fuse_linears([mlp.gate_proj, mlp.up_proj]))
    out = Projection(attn.o_proj.weight.detach(), _bias(attn.o_proj))
    down = Projection(mlp.down_proj.weight.detach(), _bias(mlp.down_proj))
    if int8:
        for name, proj in (("qkv", qkv), ("o", out), ("gate_up", gate_up), ("down", down)):
            quantize_projection(proj, packed, f"layers.{index}.{name}", int4, int4_kernel)
    return LeanLayer(
        norm1=layer.input_layernorm.weight.detach().float(),
        norm2=layer.post_attention_layernorm.weight.detach().float(),
        qkv=qkv,
        out=out,
        gate_up=gate_up,
        down=down,
        eps1=_eps(layer.input_layernorm, config),
        eps2=_eps(layer.post_attention_layernorm, config),
    )


def quantize_projection(
    proj: Projection,
    packed: dict[str, torch.Tensor],
    key: str,
    int4: bool,
    int4_kernel: str = "torch",
) -> None:
    """Give `proj` its decode weights: cached ones when they match, else quantized now.

    int4 (half the bytes of int8, so a faster decode step) only where it is no less
    exact than int8 per output channel: a weight that was 4-bit in its GGUF file
    sits on int4's grid already, any other weight would lose precision.
    """
    if proj.weight.shape[1] % INT4_GROUP:
        return  # both kernels want whole 32-column blocks
    avx2 = int4 and int4_kernel == "avx2"
    nibbles, pairs = packed.get(f"{key}.k4"), packed.get(f"{key}.k4sz")
    rows, cols = proj.weight.shape
    if avx2 and nibbles is not None and pairs is not None and nibbles.shape == (rows, cols // 2):
        proj.q4_avx2 = Int4Avx2Weights(nibbles, pairs)
        return
    q4, zeros = packed.get(f"{key}.q4"), packed.get(f"{key}.sz4")
    if int4 and not avx2 and q4 is not None and zeros is not None:
        proj.q4, proj.scales_and_zeros = q4, zeros
        return
    q8, scale = packed.get(f"{key}.q"), packed.get(f"{key}.scale")
    if q8 is None or scale is None or q8.shape != proj.weight.shape:
        q8, scale = quantize_int8(proj.weight)
        if int4 and f"{key}.q" not in packed:  # not decided before: compare the two
            levels, scales, offsets, int4_error = int4_grid(proj.weight)
            if int4_error <= int8_squared_error(proj.weight, q8, scale):
                if avx2:
                    proj.q4_avx2 = Int4Avx2Weights.from_levels(levels, scales, offsets)
                else:
                    proj.q4, proj.scales_and_zeros = pack_int4(levels, scales, offsets)
                return
    proj.q8 = q8.contiguous()
    proj.scale = scale.to(torch.bfloat16)


def widened(proj: Projection, product: torch.Tensor) -> torch.Tensor:
    """A `product` output in float32 with the bias added (one operation either way)."""
    return product.float() if proj.bias_f32 is None else torch.add(proj.bias_f32, product)


def add_into(h: torch.Tensor, proj: Projection, product: torch.Tensor) -> None:
    """h += product (+ bias), in place: float32 += bfloat16 widens as it adds."""
    h.add_(product)
    if proj.bias_f32 is not None:
        h.add_(proj.bias_f32)


def _bias(linear: nn.Linear) -> torch.Tensor | None:
    return None if linear.bias is None else linear.bias.detach()


def _eps(norm: nn.Module, config: Any) -> float:
    return float(getattr(norm, "variance_epsilon", getattr(config, "rms_norm_eps", 1e-6)))
