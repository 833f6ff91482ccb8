"""The grid voice's math: what training measures is what loading merges and decode reads."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from assistant.engine.backend import EngineError
from assistant.engine.fast_decode import INT4_GROUP, int4_grid, int4_is_exact, quantize_int4
from assistant.engine.voice_grid import (
    GridProjection,
    grid_state,
    merge_grid,
    on_int4_grid,
    wrap_grid,
)


def _on_grid(rows: int, cols: int, seed: int = 0) -> torch.Tensor:
    torch.manual_seed(seed)
    levels, scales, zeros, _error = int4_grid(torch.randn(rows, cols) * 0.05)
    grouped = levels.view(rows, -1, INT4_GROUP).float() - 8.0
    return (grouped * scales.float()[..., None] + zeros.float()[..., None]).view(rows, cols)


class _Block(nn.Module):
    def __init__(self, weight: torch.Tensor, other: torch.Tensor) -> None:
        super().__init__()
        self.up_proj = nn.Linear(weight.shape[1], weight.shape[0], bias=False)
        self.up_proj.weight.data.copy_(weight)
        self.down_proj = nn.Linear(other.shape[1], other.shape[0], bias=False)
        self.down_proj.weight.data.copy_(other)


def test_the_merged_weight_is_what_training_measured_and_stays_on_an_int4_grid() -> None:
    grid_part = _on_grid(16, 64)
    float_part = torch.randn(16, 64) * 0.05  # not 4-bit: left as it is
    model = _Block(grid_part, float_part)
    assert on_int4_grid(model, ("up_proj", "down_proj"))  # one of two is half: a 4-bit model
    wrapped = wrap_grid(model, ("up_proj", "down_proj"))
    assert list(wrapped) == ["up_proj"] and isinstance(model.down_proj, nn.Linear)
    grid = wrapped["up_proj"]
    assert torch.allclose(grid.weight(), grid_part, atol=1e-6)  # untrained: the model's own
    with torch.no_grad():
        grid.scale_change.uniform_(-0.2, 0.2)
        grid.shift.uniform_(-1.0, 1.0)
    grid.freeze()
    trained = grid.frozen
    assert trained is not None and not torch.allclose(trained, grid_part)

    fresh = _Block(grid_part, float_part)
    assert merge_grid(fresh, grid_state(wrapped)) == 1
    assert torch.equal(fresh.up_proj.weight, trained)
    assert int4_is_exact(fresh.up_proj.weight)
    assert torch.equal(fresh.down_proj.weight, float_part)
    # decode's int4 copy of the merged weight computes with exactly the trained weight
    packed, scales_and_zeros = quantize_int4(fresh.up_proj.weight)
    x = torch.randn(1, 64).bfloat16()
    decoded = torch._weight_int4pack_mm_for_cpu(x, packed, INT4_GROUP, scales_and_zeros)
    assert torch.allclose(decoded.float(), x.float() @ trained.T, atol=2e-2, rtol=2e-2)

    grid.freeze(voice=False)
    assert torch.allclose(grid.frozen, grid_part, atol=1e-6)  # type: ignore[arg-type]


def test_a_grid_voice_that_does_not_fit_is_refused() -> None:
    model = _Block(_on_grid(16, 64), _on_grid(16, 64, seed=1))
    with pytest.raises(EngineError, match="shapes differ"):
        merge_grid(
            model,
            {"up_proj.grid_scale": torch.zeros(16, 3), "up_proj.grid_shift": torch.zeros(16, 3)},
        )
    lacking = {
        "gate_proj.grid_scale": torch.zeros(16, 2),
        "gate_proj.grid_shift": torch.zeros(16, 2),
    }
    with pytest.raises(EngineError, match="a layer the model lacks"):
        merge_grid(model, lacking)
    with pytest.raises(EngineError, match="incomplete"):
        merge_grid(model, {"up_proj.grid_scale": torch.zeros(16, 2)})
    with pytest.raises(EngineError, match="unexpected tensor"):
        merge_grid(model, {"up_proj.lora_A.weight": torch.zeros(2, 64)})


def test_a_model_is_4bit_when_most_projections_are_on_an_int4_grid() -> None:
    on = _Block(_on_grid(16, 64), _on_grid(16, 64, seed=1))
    off = _Block(torch.randn(16, 64), torch.randn(16, 64))
    assert on_int4_grid(on, ("up_proj", "down_proj"))
    assert not on_int4_grid(off, ("up_proj", "down_proj"))
    assert GridProjection(on.up_proj).levels.dtype == torch.uint8  # a quarter of float32
