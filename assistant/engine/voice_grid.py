"""A voice learned on a 4-bit model's own grid: each group's scale and offset.

A 4-bit model (the embedded one, any Q4 GGUF) decodes with int4 weights: 32 columns
of a row share one scale and one offset, and each weight is one of 16 levels
between them. A LoRA update merged into such a weight is off that grid, so it must
decode int8 (about 15 % slower here) or, re-quantized to int4, lose most of what it
learned (*Persuasion*: held-out perplexity 50.2 without a voice, 32.7 with a LoRA
voice, 44.2 with it re-quantized; `scripts/voice_quantization_check.py`).

A grid voice keeps every weight's level and learns, per group, a relative change of
its scale and a shift of its offset in steps of that scale (as PEQA does, Kim et
al. 2023). Merged, the weights sit on an int4 grid again: decode reads int4 exactly
as fast as the base model, and what it reads is exactly what was trained and
measured. Projections that are not on an int4 grid (a Q6_K tensor of a Q4_K_M file)
are left as they are.

torch is imported at module level: only `voice` and `voice_training` import this,
inside their functions.
"""

from __future__ import annotations

from typing import Any

import torch
import torch.nn.functional as F
from torch import nn

from assistant.engine.backend import EngineError
from assistant.engine.fast_decode import INT4_GROUP, int4_grid, int4_is_exact

#: What `adapter_config.json` names for a grid voice (a LoRA voice holds peft's config).
ADAPTER_KIND = "int4-grid"
#: Adapter keys: `<module path>.grid_scale` (relative change of each group's scale)
#: and `<module path>.grid_shift` (offset shift in steps of the group's scale).
SCALE_SUFFIX = ".grid_scale"
SHIFT_SUFFIX = ".grid_shift"


def grid_weight(
    levels: torch.Tensor,
    scales: torch.Tensor,
    zeros: torch.Tensor,
    scale_change: torch.Tensor,
    shift: torch.Tensor,
) -> torch.Tensor:
    """The [rows, cols] float32 weight of int4 `levels` on the changed grid.

    The new scales and offsets are rounded to bfloat16, as the int4 kernel holds
    them, so the merged weight is exactly what decode reads.
    """
    rows = levels.shape[0]
    new_scales = (scales.float() * (1 + scale_change.float())).to(torch.bfloat16).float()
    new_zeros = (zeros.float() + scales.float() * shift.float()).to(torch.bfloat16).float()
    grouped = levels.view(rows, -1, INT4_GROUP).float() - 8.0
    return (grouped * new_scales[..., None] + new_zeros[..., None]).view(rows, -1)


class GridProjection(nn.Module):
    """A linear layer (no bias) whose weight is its int4 grid with a learned scale and offset."""

    def __init__(self, linear: nn.Linear) -> None:
        super().__init__()
        weight = linear.weight.detach()
        levels, scales, zeros, _error = int4_grid(weight)
        rows, cols = weight.shape
        self.in_features, self.out_features = cols, rows
        # uint8 levels: a quarter of the float32 weight they replace.
        self.register_buffer("levels", levels.to(weight.device))
        self.register_buffer("scales", scales.float().to(weight.device))
        self.register_buffer("zeros", zeros.float().to(weight.device))
        groups = cols // INT4_GROUP
        self.scale_change = nn.Parameter(torch.zeros(rows, groups, device=weight.device))
        self.shift = nn.Parameter(torch.zeros(rows, groups, device=weight.device))
        self.frozen: torch.Tensor | None = None

    def weight(self) -> torch.Tensor:
        """The training weight: differentiable in the scale change and the shift."""
        rows = self.out_features
        grouped = self.levels.view(rows, -1, INT4_GROUP).float() - 8.0
        scales = self.scales * (1 + self.scale_change)
        zeros = self.zeros + self.scales * self.shift
        return (grouped * scales[..., None] + zeros[..., None]).view(rows, -1)

    def freeze(self, voice: bool = True) -> None:
        """Compute the weight once: the merged voice (as decode reads it) or the base model's."""
        with torch.no_grad():
            if voice:
                change, shift = self.scale_change, self.shift
            else:
                change = shift = torch.zeros_like(self.shift)
            self.frozen = grid_weight(self.levels, self.scales, self.zeros, change, shift)

    def thaw(self) -> None:
        self.frozen = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        weight = self.frozen if self.frozen is not None else self.weight()
        return F.linear(x, weight)


def wrap_grid(model: Any, targets: tuple[str, ...]) -> dict[str, GridProjection]:
    """Replace each target projection that sits on an int4 grid by a GridProjection.

    Returns them by module path (the adapter's key prefix). A projection off the
    grid, with a bias or with columns not in whole groups stays as it is.
    """
    wrapped: dict[str, GridProjection] = {}
    for path, module in list(model.named_modules()):
        for name in targets:
            child = getattr(module, name, None)
            if not isinstance(child, nn.Linear) or child.bias is not None:
                continue
            if child.in_features % INT4_GROUP or not int4_is_exact(child.weight):
                continue
            grid = GridProjection(child)
            setattr(module, name, grid)
            wrapped[f"{path}.{name}" if path else name] = grid
    for grid in wrapped.values():
        grid.levels.requires_grad_(False)
    return wrapped


def on_int4_grid(model: Any, targets: tuple[str, ...]) -> bool:
    """True when most target projections of `model` decode int4 (a 4-bit model)."""
    total = exact = 0
    for module in model.modules():
        for name in targets:
            child = getattr(module, name, None)
            if isinstance(child, nn.Linear):
                total += 1
                exact += child.in_features % INT4_GROUP == 0 and int4_is_exact(child.weight)
    return total > 0 and exact * 2 >= total


def grid_state(wrapped: dict[str, GridProjection]) -> dict[str, torch.Tensor]:
    """The adapter's tensors: each wrapped projection's scale change and shift."""
    state: dict[str, torch.Tensor] = {}
    for path, grid in wrapped.items():
        state[path + SCALE_SUFFIX] = grid.scale_change.detach()
        state[path + SHIFT_SUFFIX] = grid.shift.detach()
    return state


def adapted_weight(model: Any, path: str) -> torch.Tensor:
    """The weight of the layer a voice adapts; EngineError when the model lacks it."""
    try:
        return model.get_submodule(path).weight
    except AttributeError as exc:
        raise EngineError(
            "The voice does not fit this model (it adapts a layer the model lacks)."
        ) from exc


def merge_grid(model: Any, state: dict[str, torch.Tensor]) -> int:
    """Put each projection of `state` on its changed grid, in place; returns how many.

    EngineError (a sentence for the writer) when the voice does not fit the model.
    """
    pairs: dict[str, list[torch.Tensor | None]] = {}
    for key, tensor in state.items():
        for suffix, index in ((SCALE_SUFFIX, 0), (SHIFT_SUFFIX, 1)):
            if key.endswith(suffix):
                pairs.setdefault(key[: -len(suffix)], [None, None])[index] = tensor
                break
        else:
            raise EngineError(f"The voice's adapter holds an unexpected tensor ({key}).")
    with torch.no_grad():
        for path, (change, shift) in pairs.items():
            if change is None or shift is None:
                raise EngineError(f"The voice's adapter is incomplete ({path}).")
            weight = adapted_weight(model, path)
            rows, cols = weight.shape
            if cols % INT4_GROUP or tuple(change.shape) != (rows, cols // INT4_GROUP):
                raise EngineError("The voice does not fit this model (its shapes differ).")
            levels, scales, zeros, _error = int4_grid(weight)
            merged = grid_weight(levels, scales, zeros, change, shift)
            weight.copy_(merged.to(weight.device, weight.dtype))
    return len(pairs)
