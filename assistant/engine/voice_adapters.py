"""The two kinds of voice adapter while they train: peft's LoRA and the int4 grid.

Both wrap the base model in place and answer the same few questions for the
training loop (`voice_training`): what to train, how to compute with the voice or
with the model's own weights (the side-by-side samples), and what to store.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from assistant.engine.voice import LORA_TARGETS


def choose_method(chosen: str, model: Any) -> str:
    """ "grid" or "lora": `chosen`, or for "auto" grid exactly where the model is 4-bit."""
    if chosen in ("grid", "lora"):
        if chosen == "grid":
            from assistant.engine.voice_grid import on_int4_grid

            if not on_int4_grid(model, LORA_TARGETS):
                raise ValueError(
                    "This model's weights are not 4-bit, so it cannot learn a grid voice; "
                    "choose the LoRA method."
                )
        return chosen
    if chosen != "auto":
        raise ValueError(f"Unknown training method {chosen!r}: use auto, lora or grid.")
    from assistant.engine.voice_grid import on_int4_grid

    return "grid" if on_int4_grid(model, LORA_TARGETS) else "lora"


class LoraAdapter:
    """peft's LoRA around the model: rank `rank` on every projection."""

    def __init__(self, base: Any, rank: int, alpha: int) -> None:
        from peft import LoraConfig, get_peft_model

        config = LoraConfig(
            r=rank,
            lora_alpha=alpha,
            lora_dropout=0.0,
            target_modules=list(LORA_TARGETS),
            bias="none",
            task_type="CAUSAL_LM",
        )
        self.model = get_peft_model(base, config)

    def trainable(self) -> list[Any]:
        return [p for p in self.model.parameters() if p.requires_grad]

    def use_voice(self) -> None:
        pass  # the adapter is on unless `base_weights` turns it off

    def base_weights(self) -> Any:
        """A context in which the model computes with its own weights."""
        return self.model.disable_adapter()

    def state(self) -> dict[str, Any]:
        from peft import get_peft_model_state_dict

        return dict(get_peft_model_state_dict(self.model))

    def config(self) -> dict[str, Any]:
        config = self.model.peft_config["default"].to_dict()
        return {k: _jsonable(v) for k, v in config.items()}


class GridAdapter:
    """A 4-bit model's projections learn their int4 grid's scales and offsets (`voice_grid`)."""

    def __init__(self, base: Any) -> None:
        from assistant.engine.voice_grid import wrap_grid

        for parameter in base.parameters():
            parameter.requires_grad_(False)
        self.model = base
        self.wrapped = wrap_grid(base, LORA_TARGETS)

    def trainable(self) -> list[Any]:
        return [p for grid in self.wrapped.values() for p in (grid.scale_change, grid.shift)]

    def use_voice(self) -> None:
        for grid in self.wrapped.values():
            grid.freeze(voice=True)

    @contextlib.contextmanager
    def base_weights(self) -> Iterator[None]:
        for grid in self.wrapped.values():
            grid.freeze(voice=False)
        try:
            yield
        finally:
            self.use_voice()

    def state(self) -> dict[str, Any]:
        from assistant.engine.voice_grid import grid_state

        return grid_state(self.wrapped)

    def config(self) -> dict[str, Any]:
        from assistant.engine.fast_decode import INT4_GROUP
        from assistant.engine.voice_grid import ADAPTER_KIND

        names = sorted({path.rsplit(".", 1)[-1] for path in self.wrapped})
        return {"adapter_kind": ADAPTER_KIND, "group_size": INT4_GROUP, "target_modules": names}


def _jsonable(value: Any) -> Any:
    """peft's config holds sets and enums; the stored JSON holds lists and strings."""
    if isinstance(value, (set, frozenset, tuple, list)):
        return (
            sorted(_jsonable(v) for v in value)
            if isinstance(value, (set, frozenset))
            else [_jsonable(v) for v in value]
        )
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(getattr(value, "value", value))
