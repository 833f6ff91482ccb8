"""Choosing the next token from logits, in transformers' order.

Repetition penalty, then temperature, top-k, top-p: results match
`model.generate()` for the same settings.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

import torch
import torch.nn.functional as F


def penalize(logits: torch.Tensor, seen: torch.Tensor, penalty: float) -> torch.Tensor:
    """transformers' repetition penalty: seen tokens' logits shrink toward "unlikely"."""
    mask = seen[: logits.numel()]
    if mask.numel() < logits.numel():
        mask = F.pad(mask, (0, logits.numel() - mask.numel()))
    penalized = torch.where(logits < 0, logits * penalty, logits / penalty)
    return torch.where(mask, penalized, logits)


def sampling_state(
    like: torch.Tensor, vocab: int, prompt: Sequence[int], sampling: Any
) -> tuple[torch.Tensor, torch.Generator | None]:
    """The repetition mask and random generator of one generation, on `like`'s device.

    `like` is the first forward pass's output (the logits, on the model's device):
    everything the decode loop makes takes its device from it, so a CUDA or MPS
    model samples on its own device, never against a CPU mask or CPU generator.
    """
    seen = like.new_zeros(vocab, dtype=torch.bool)
    if sampling.repetition_penalty != 1.0 and prompt:
        seen[like.new_tensor(list(prompt), dtype=torch.long).clamp_(max=vocab - 1)] = True
    generator = None
    if not sampling.greedy:
        generator = torch.Generator(device=like.device)
        generator.manual_seed(
            sampling.seed if sampling.seed is not None else int(time.time_ns() % 2**31)
        )
    return seen, generator


def choose_token(
    logits: torch.Tensor,
    sampling: Any,
    seen: torch.Tensor,
    generator: torch.Generator | None,
) -> torch.Tensor:
    """The chosen index as a 0-d tensor on `logits`' device (nothing is made elsewhere).

    Repetition penalty, then temperature, top-k, top-p, as transformers does.
    """
    if sampling.repetition_penalty != 1.0:
        logits = penalize(logits, seen, sampling.repetition_penalty)
    if sampling.greedy:
        return torch.argmax(logits)
    logits = logits / sampling.temperature
    if sampling.top_k and sampling.top_k < logits.numel():
        values, indices = torch.topk(logits, sampling.top_k)
    else:
        values, indices = torch.sort(logits, descending=True)
    probs = torch.softmax(values, dim=-1)
    if sampling.top_p < 1.0:
        cumulative = torch.cumsum(probs, dim=-1)
        # Keep the smallest set whose mass reaches top_p (always at least one).
        keep = cumulative - probs < sampling.top_p
        probs = torch.where(keep, probs, torch.zeros_like(probs))
        probs = probs / probs.sum()
    choice = torch.multinomial(probs, 1, generator=generator)
    return indices[choice][0]
