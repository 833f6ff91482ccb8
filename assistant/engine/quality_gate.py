"""How far the fast paths' next-token distributions are from float32, on real text.

Every shortcut the CPU path takes (bfloat16 prefill, int8 decode weights, the int8
output-layer shortlist) changes the numbers a little. Whether that changes what a
writer reads is measured, not assumed: for each position of a real paragraph, the
KL divergence of the fast path's next-token distribution from float32's, and how
often both pick the same most likely token (what greedy decoding emits). `bench`
reports both for the prefill path and for the decode path, against these limits.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import torch
import torch.nn.functional as F

#: Mean KL divergence (nats per position) a fast path may add to float32.
KL_MEAN_MAX = 0.02
#: Share of positions where the fast path's most likely token must equal float32's.
TOP1_MIN = 0.95
#: Positions scored (the first one only seeds the decode path).
GATE_TOKENS = 192


@dataclass(frozen=True)
class Agreement:
    """KL divergence and top-1 agreement of one path against float32."""

    kl_mean: float
    kl_max: float
    top1: float
    positions: int

    @property
    def passed(self) -> bool:
        """Within the documented tolerance (KL_MEAN_MAX, TOP1_MIN)."""
        return self.kl_mean <= KL_MEAN_MAX and self.top1 >= TOP1_MIN

    def as_dict(self) -> dict[str, Any]:
        """The JSON form `bench` prints."""
        return {
            "kl_mean": round(self.kl_mean, 5),
            "kl_max": round(self.kl_max, 4),
            "top1": round(self.top1, 4),
            "positions": self.positions,
            "passed": self.passed,
        }


def agreement(
    reference: torch.Tensor, candidate: torch.Tensor, picks: torch.Tensor | None = None
) -> Agreement:
    """Compare per-position logits [positions, vocab]; `picks` are the candidate's greedy tokens.

    `picks` defaults to the candidate's argmax; the decode path passes what its
    shortlist actually chose, which is what a writer would read.
    """
    ref = F.log_softmax(reference.float(), dim=-1)
    cand = F.log_softmax(candidate.float(), dim=-1)
    kl = (ref.exp() * (ref - cand)).sum(dim=-1).clamp_(min=0.0)
    chosen = candidate.argmax(dim=-1) if picks is None else picks
    top1 = (reference.argmax(dim=-1) == chosen.to(reference.device)).float().mean()
    return Agreement(float(kl.mean()), float(kl.max()), float(top1), int(kl.numel()))


def reference_logits(model: Any, ids: list[int]) -> torch.Tensor:
    """Float32 logits of a transformers model for every position of `ids`."""
    with torch.inference_mode():
        return model(input_ids=torch.tensor([ids])).logits[0].float()


def lean_prefill_logits(lean: Any, ids: list[int]) -> torch.Tensor:
    """The lean path's logits for every position, fed as one prefill (its dtype, no int8)."""
    with torch.inference_mode():
        hidden = lean.forward(ids, lean.new_cache(), every_position=True)
        return lean.all_logits(hidden)


def lean_decode_logits(lean: Any, ids: list[int]) -> tuple[torch.Tensor, torch.Tensor]:
    """(logits, greedy picks) of the lean decode path for positions 1.. of `ids`.

    The first token is fed as a prefill; every later token is fed alone, as decode
    feeds it (int8 weights), and the greedy pick goes through the shortlist when
    the model has one, exactly as `TransformersBackend` samples.
    """
    rows, picks = [], []
    with torch.inference_mode():
        cache = lean.new_cache()
        hidden = lean.forward(ids[:1], cache)
        for token in ids[1:]:
            hidden = lean.forward([token], cache)
            rows.append(lean.logits(hidden))
            if lean.shortlist is not None:
                logits, candidates = lean.shortlist_logits(hidden, None, 1.0)
                picks.append(int(candidates[int(torch.argmax(logits))]))
            else:
                picks.append(int(torch.argmax(rows[-1])))
    return torch.stack(rows), torch.tensor(picks)


def gate_report(reference_model: Any, backend: Any, text: str) -> dict[str, Any] | None:
    """Prefill and decode agreement of `backend` with a float32 `reference_model` on `text`.

    None when the backend does not run the lean CPU path (nothing to compare).
    """
    lean = getattr(backend, "lean", None)
    if lean is None:
        return None
    ids = backend.encode(text)[:GATE_TOKENS]
    reference = reference_logits(reference_model, ids)
    prefill = agreement(reference, lean_prefill_logits(lean, ids))
    decode_logits, picks = lean_decode_logits(lean, ids)
    decode = agreement(reference[1:], decode_logits, picks)
    return {
        "text_tokens": len(ids),
        "weights_dtype": str(lean.weight_dtype).removeprefix("torch."),
        "prefill": prefill.as_dict(),
        "decode": decode.as_dict(),
        "limits": {"kl_mean_max": KL_MEAN_MAX, "top1_min": TOP1_MIN},
    }
