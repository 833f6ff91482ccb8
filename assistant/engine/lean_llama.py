"""A lean forward pass for Llama-family decoders on CPU (Llama, SmolLM, Qwen2, Mistral).

Why not the transformers modules: on a small CPU a decode step is thirty layers of
tiny operations, and the per-call overhead of the generic modules, the dynamic KV
cache (concatenated anew every token) and the separate q/k/v and gate/up
projections cost more than reading the weights. This module runs the same math
with:

- fused q/k/v and gate/up projections (one matrix product each instead of three
  and two), whose weights are shared with the transformers modules (views, no copy);
- a preallocated KV cache written in place;
- weights kept once, in the model's dtype (bfloat16 where the CPU prefills faster
  in it, see `cpu_probe`), with a float32 residual stream around the products;
- weight-only int4 or int8 copies for the few-row decode products
  (`torch._weight_int4pack_mm_for_cpu` or, on AVX2-only CPUs, our `int4_avx2`;
  `torch._weight_int8pack_mm`): int4 where
  the weights already sit on a 4-bit grid (a Q4 GGUF), int8 per output channel
  otherwise; prefill (many rows, compute-bound) reads the model's own weights;
- an int8 shortlist for the output layer: approximate logits for the whole
  vocabulary, then exact logits for the best candidates. Sampling only ever looks
  at the top-k tokens, so it sees exact numbers.

It is checked against the transformers forward pass when a model loads
(`matches_reference`); a model it does not support, or one where the check fails,
keeps the transformers path. The fused and quantized weights are built in
`lean_weights`; which models are supported is decided in `lean_support`.
"""

from __future__ import annotations

import threading
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

from assistant.engine.fast_decode import quantize_int8
from assistant.engine.lean_support import context_length, unsupported_reason
from assistant.engine.lean_weights import LeanLayer, Shortlist, add_into, lean_layer, widened
from assistant.engine.sampling import penalize

# Candidates rescored exactly after the int8 shortlist of the output layer.
SHORTLIST_SIZE = 128
# Sampling that looks at more tokens than this gets exact logits for the whole vocabulary.
SHORTLIST_MAX_TOP_K = 64
_GROW_STEP = 512
# Rows of a bfloat16 output layer widened to float32 at a time for exact logits.
_HEAD_BLOCK = 8192
# Query rows per block of prefill attention (each block skips the keys it may not see).
ATTENTION_BLOCK = 128
# Feeds of up to this many tokens (a decode step, a few typed words on a cached
# prefix) read the int8 weights; longer prefills are compute-bound and stay exact.
INT8_MAX_ROWS = 8


class KVCache:
    """Keys and values of every layer in preallocated buffers, filled in place.

    Has the two methods `PrefixCache` uses on a transformers cache:
    `get_seq_length()` and `crop()`.
    """

    def __init__(self, layers: int, kv_heads: int, head_dim: int, dtype: torch.dtype, limit: int):
        self.length = 0
        self.limit = limit
        self._shape = (layers, kv_heads, head_dim)
        self._dtype = dtype
        self.buffers: list[torch.Tensor] = []
        self.capacity = 0

    def get_seq_length(self) -> int:
        return self.length

    def crop(self, max_length: int) -> None:
        """Keep the first `max_length` tokens; a negative value drops that many from the end."""
        keep = self.length + max_length if max_length < 0 else max_length
        self.length = max(0, min(self.length, keep))

    def reserve(self, tokens: int) -> None:
        """Make room for `tokens` positions (grows in steps, keeps what is held)."""
        if tokens <= self.capacity:
            return
        if tokens > self.limit:
            raise ValueError(f"{tokens} tokens exceed the model's context of {self.limit}")
        capacity = min(self.limit, -(-tokens // _GROW_STEP) * _GROW_STEP)
        layers, kv_heads, head_dim = self._shape
        grown = []
        for i in range(layers):
            buffer = torch.empty(2, kv_heads, capacity, head_dim, dtype=self._dtype)
            if self.buffers and self.length:
                buffer[:, :, : self.length] = self.buffers[i][:, :, : self.length]
            grown.append(buffer)
        self.buffers = grown
        self.capacity = capacity


class LeanDecoder:
    """The decoder stack of a supported model, run with fused weights and a static cache."""

    def __init__(
        self,
        model: Any,
        int8: bool = True,
        packed: dict[str, torch.Tensor] | None = None,
        int4: bool = False,
        int4_kernel: str = "torch",
    ) -> None:
        reason = unsupported_reason(model)
        if reason:
            raise ValueError(f"lean path unsupported: {reason}")
        config = model.config
        inner = model.model
        first = inner.layers[0].self_attn
        self.heads = int(config.num_attention_heads)
        self.kv_heads = int(getattr(config, "num_key_value_heads", None) or self.heads)
        self.head_dim = int(getattr(first, "head_dim", config.hidden_size // self.heads))
        self.scaling = float(getattr(first, "scaling", self.head_dim**-0.5))
        self.intermediate = int(inner.layers[0].mlp.gate_proj.out_features)
        self.context = context_length(config)
        # Weights stay in the model's dtype (kept once: bfloat16 where it prefills
        # faster); the residual stream, norms, RoPE and the KV cache are float32, so
        # a bfloat16 model rounds only its matrix products, and decode (int8 weights,
        # float32 around them) is the same code whatever the weights' dtype.
        self.weight_dtype = inner.embed_tokens.weight.dtype
        self.dtype = torch.float32
        self.embed = inner.embed_tokens.weight.detach()
        self.final_norm = inner.norm.weight.detach().float()
        self.final_eps = float(getattr(inner.norm, "variance_epsilon", config.rms_norm_eps))
        self.head_weight = model.lm_head.weight.detach()
        self.head_bias = None if model.lm_head.bias is None else model.lm_head.bias.detach()
        self._rope_tables(inner.rotary_emb)
        packed = packed or {}
        self.layers: list[LeanLayer] = [
            lean_layer(layer, config, packed, i, int8, int4, int4_kernel)
            for i, layer in enumerate(inner.layers)
        ]
        self.int8 = int8
        #: "avx2" when int4 decode products run on our kernel (`int4_avx2`), else "torch".
        self.int4_kernel = (
            "avx2"
            if any(proj.q4_avx2 is not None for layer in self.layers for proj in layer.projections)
            else "torch"
        )
        self.shortlist: Shortlist | None = None
        if int8 and self.head_weight.shape[1] % 32 == 0:
            q8, scale = packed.get("lm_head.q"), packed.get("lm_head.scale")
            if q8 is None or scale is None:
                q8, scale = quantize_int8(self.head_weight)
            self.shortlist = Shortlist(q8, scale.float())

    @property
    def decode_weights(self) -> str:
        """What decode steps read: "int4", "int8", "int4+int8" or "exact"."""
        kinds = {proj.kind for layer in self.layers for proj in layer.projections}
        return "+".join(sorted(kinds - {"exact"})) or "exact"

    def _rope_tables(self, rotary: nn.Module) -> None:
        positions = torch.arange(self.context)[None]
        probe = torch.zeros(1, dtype=torch.float32)
        with torch.inference_mode():
            cos, sin = rotary(probe, positions)
        cos, sin = cos[0].float(), sin[0].float()
        if cos.shape[-1] != self.head_dim:
            raise ValueError("lean path unsupported: partial rotary embedding")
        half = self.head_dim // 2
        # rotate_half(x) * sin == cat(x2, x1) * cat(-sin1, sin2): one flip, one addcmul.
        self.cos = cos.to(self.dtype)
        self.sin_signed = torch.cat([-sin[:, :half], sin[:, half:]], dim=-1).to(self.dtype)

    # -- cache -------------------------------------------------------------

    def new_cache(self) -> KVCache:
        return KVCache(len(self.layers), self.kv_heads, self.head_dim, self.dtype, self.context)

    # -- forward -----------------------------------------------------------

    def forward(
        self,
        tokens: list[int],
        cache: KVCache,
        exact: bool = False,
        cancel: threading.Event | None = None,
        every_position: bool = False,
    ) -> torch.Tensor | None:
        """Feed `tokens` after what `cache` holds; return the last position's hidden state.

        `exact` keeps every product in the model's own precision (no int8);
        `every_position` returns the final hidden state of every fed token (the
        quality gate scores each position against float32).
        `cancel` is checked before every layer: when it is set the feed is dropped
        (the cache keeps what it held before) and None is returned, so a keystroke
        stops a long prefill within one layer rather than one whole chunk.
        """
        n = len(tokens)
        start = cache.length
        end = start + n
        cache.reserve(end)
        heads, kv_heads, head_dim = self.heads, self.kv_heads, self.head_dim
        half = head_dim // 2
        q_width = heads * head_dim
        qk_rows = heads + kv_heads
        one_row = n == 1
        few_rows = n <= INT8_MAX_ROWS and not exact
        h = self.embed[torch.tensor(tokens, dtype=torch.long)].to(self.dtype)
        cos = self.cos[start:end, None]
        sin = self.sin_signed[start:end, None]
        for layer, kv in zip(self.layers, cache.buffers, strict=False):
            if cancel is not None and cancel.is_set():
                return None
            x = _rms_norm(h, layer.norm1, layer.eps1)
            if few_rows:
                qkv = widened(layer.qkv, layer.qkv.product(x))
            else:
                qkv = layer.qkv(x)
            # RoPE in place (qkv is this step's own tensor), then keys and values
            # go into the cache in one copy: [k | v] columns are [2, kv_heads, dim].
            qk = qkv[:, : qk_rows * head_dim].view(n, qk_rows, head_dim)
            rotated = torch.cat((qk[..., half:], qk[..., :half]), dim=-1)
            qk.mul_(cos).addcmul_(rotated, sin)
            kv[:, :, start:end] = (
                qkv[:, q_width:].view(n, 2, kv_heads, head_dim).permute(1, 2, 0, 3)
            )
            if one_row:
                # Query heads grouped by the KV head they share (GQA).
                q = qk[0, :heads].view(kv_heads, heads // kv_heads, head_dim)
                scores = torch.bmm(q, kv[0, :, :end].transpose(1, 2)).mul_(self.scaling)
                attn = torch.bmm(torch.softmax(scores, dim=-1), kv[1, :, :end]).view(1, q_width)
            elif self.weight_dtype == torch.bfloat16:
                attn = _causal_attention(qk[:, :heads], kv, start, self.scaling)
            else:  # float32 weights: float32 attention, as exact as the products
                q = qk[:, :heads].transpose(0, 1).unsqueeze(0)
                attn = F.scaled_dot_product_attention(
                    q,
                    kv[0:1, :, :end],
                    kv[1:2, :, :end],
                    # Row i sees the cached prefix and prompt positions up to its own.
                    attn_mask=torch.ones(n, end, dtype=torch.bool).tril_(start) if start else None,
                    is_causal=not start,
                    scale=self.scaling,
                    enable_gqa=heads != kv_heads,
                )
                attn = attn[0].transpose(0, 1).reshape(n, q_width)
            if few_rows:
                # Decode: bfloat16 products added in place into the float32 residual.
                add_into(h, layer.out, layer.out.product(attn))
                x = _rms_norm(h, layer.norm2, layer.eps2)
                gate_up = widened(layer.gate_up, layer.gate_up.product(x))
                act = F.silu(gate_up[:, : self.intermediate]) * gate_up[:, self.intermediate :]
                add_into(h, layer.down, layer.down.product(act))
                continue
            h = h + layer.out(attn)
            x = _rms_norm(h, layer.norm2, layer.eps2)
            gate_up = layer.gate_up(x)
            act = F.silu(gate_up[:, : self.intermediate]) * gate_up[:, self.intermediate :]
            h = h + layer.down(act)
        cache.length = end
        return _rms_norm(h if every_position else h[-1:], self.final_norm, self.final_eps)

    def logits(self, hidden: torch.Tensor) -> torch.Tensor:
        """Exact float32 logits over the whole vocabulary (one row of `hidden`: the last)."""
        return self.all_logits(hidden[-1:])[0]

    def all_logits(self, hidden: torch.Tensor) -> torch.Tensor:
        """Float32 logits for every row of `hidden`, computed in float32.

        A bfloat16 head is widened a block of rows at a time: a bfloat16 product
        would round every logit to 3 significant digits (ties for greedy decoding),
        and a widened copy of the whole head would be a second copy of it.
        """
        head = self.head_weight
        if head.dtype == torch.float32:
            return F.linear(hidden, head, self.head_bias).float()
        pieces = [
            F.linear(hidden, head[i : i + _HEAD_BLOCK].float())
            for i in range(0, head.shape[0], _HEAD_BLOCK)
        ]
        out = torch.cat(pieces, dim=-1)
        return out if self.head_bias is None else out + self.head_bias.float()

    def shortlist_logits(
        self, hidden: torch.Tensor, seen: torch.Tensor | None, penalty: float
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """(exact logits, token ids) of the SHORTLIST_SIZE most likely tokens.

        The repetition penalty (tokens marked in `seen`) is applied to the
        approximate logits before the shortlist is cut, so it cannot push the
        true top-k outside it; the caller applies it again to the exact ones.
        """
        assert self.shortlist is not None
        approx = self.shortlist(hidden)
        if self.head_bias is not None:
            approx = approx + self.head_bias.float()
        if seen is not None and penalty != 1.0:
            approx = penalize(approx, seen, penalty)
        ids = torch.topk(approx, min(SHORTLIST_SIZE, approx.numel())).indices
        exact = hidden @ self.head_weight.index_select(0, ids).float().T
        if self.head_bias is not None:
            exact = exact + self.head_bias[ids].float()
        return exact[0], ids

    def packed_state(self) -> dict[str, torch.Tensor]:
        """The int4/int8 weights and scales, for caching on disk (quantizing takes seconds)."""
        state: dict[str, torch.Tensor] = {}
        for i, layer in enumerate(self.layers):
            for name in ("qkv", "out", "gate_up", "down"):
                proj = getattr(layer, name)
                key = f"layers.{i}.{'o' if name == 'out' else name}"
                if proj.q4_avx2 is not None:
                    state[f"{key}.k4"], state[f"{key}.k4sz"] = proj.q4_avx2.state()
                elif proj.q4 is not None and proj.scales_and_zeros is not None:
                    state[f"{key}.q4"] = proj.q4
                    state[f"{key}.sz4"] = proj.scales_and_zeros
                elif proj.q8 is not None and proj.scale is not None:
                    state[f"{key}.q"] = proj.q8
                    state[f"{key}.scale"] = proj.scale.float()
        if self.shortlist is not None:
            state["lm_head.q"] = self.shortlist.q8
            state["lm_head.scale"] = self.shortlist.scale
        return state


def _causal_attention(
    q: torch.Tensor, kv: torch.Tensor, start: int, scaling: float
) -> torch.Tensor:
    """Attention of `q` [rows, heads, dim] (positions start..) over the cache's keys.

    For bfloat16 models. Query rows go in blocks of ATTENTION_BLOCK, each against
    only the keys it may see, so the causal half is never computed. Scores and
    softmax are float32; probabilities times values run in bfloat16 (float32
    accumulation): torch's CPU flash attention took twice as long (7 ms a layer
    at 512 tokens, SmolLM2-135M, one thread).
    """
    rows, heads, dim = q.shape
    kv_heads = kv.shape[1]
    group = heads // kv_heads
    # Query heads grouped under the KV head they share (GQA): [kv_heads, rows, group, dim].
    grouped = q.reshape(rows, kv_heads, group, dim).permute(1, 0, 2, 3)
    values = kv[1, :, : start + rows].to(torch.bfloat16)
    out = torch.empty(kv_heads, rows, group, dim)
    for first in range(0, rows, ATTENTION_BLOCK):
        last = min(rows, first + ATTENTION_BLOCK)
        keys = start + last  # this block's rows see keys 0 .. start + row
        block = grouped[:, first:last].reshape(kv_heads, (last - first) * group, dim)
        scores = torch.bmm(block, kv[0, :, :keys].transpose(1, 2)).mul_(scaling)
        scores = scores.view(kv_heads, last - first, group, keys)
        future = torch.ones(last - first, keys, dtype=torch.bool).triu_(start + first + 1)
        scores.masked_fill_(future[:, None], float("-inf"))
        probs = torch.softmax(scores, dim=-1).to(torch.bfloat16)
        mixed = torch.bmm(probs.view(kv_heads, -1, keys), values[:, :keys])
        out[:, first:last] = mixed.view(kv_heads, last - first, group, dim)
    return out.permute(1, 0, 2, 3).reshape(rows, heads * dim)


def _rms_norm(x: torch.Tensor, weight: torch.Tensor, eps: float) -> torch.Tensor:
    return F.rms_norm(x, (x.shape[-1],), weight, eps)  # float32 in, float32 weight
