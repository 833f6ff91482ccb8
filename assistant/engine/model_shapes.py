"""The architectures of the models writers download, as configs without weights.

`bench --shape NAME` builds a model of exactly that architecture with random
weights, so the speed of a 1.5B model can be measured on a machine that has never
downloaded it. The configs (shapes/*.json) are the published config.json files'
architecture fields: sizes, layers, heads, KV heads, vocabulary, RoPE.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.engine.backend import EngineError

SHAPES_DIR = Path(__file__).with_name("shapes")
#: Bytes per parameter of each dtype the loader uses.
DTYPE_BYTES = {"float32": 4, "bfloat16": 2, "float16": 2}


def shape_names() -> list[str]:
    """The shapes shipped with the package, sorted."""
    return sorted(p.stem for p in SHAPES_DIR.glob("*.json"))


def shape_config(name: str) -> Any:
    """The transformers config of shape `name` (raises EngineError for an unknown one)."""
    from transformers import AutoConfig

    file = SHAPES_DIR / f"{name}.json"
    if not file.is_file():
        raise EngineError(f"Unknown shape '{name}'. Choose one of: {', '.join(shape_names())}.")
    data = json.loads(file.read_text(encoding="utf-8"))
    return AutoConfig.for_model(data.pop("model_type"), **data)


def parameter_count(config: Any) -> tuple[int, int]:
    """(all parameters, parameters of the output layer) of a model with `config`.

    Counted on the meta device: exact for any architecture, no memory used.
    """
    import torch
    from transformers import AutoModelForCausalLM

    with torch.device("meta"):
        model = AutoModelForCausalLM.from_config(config)
    total = sum(p.numel() for p in model.parameters())  # tied weights are counted once
    return total, model.get_output_embeddings().weight.numel()


def memory_needed(config: Any, dtype: str, baseline: bool) -> int:
    """Bytes the shape bench needs at its peak: our path, then the float32 baseline.

    Our path: the weights in `dtype`, the int8 decode copies (1 byte a parameter),
    the output layer's int8 shortlist twice (its own copy and the packed one) and
    one float32 copy of the output layer while it is quantized. The baseline: the
    weights in float32. 10 % on top for activations, caches and the allocator.
    """
    total, head = parameter_count(config)
    ours = total * DTYPE_BYTES[dtype] + total + 2 * head + 4 * head
    need = max(ours, total * 4) if baseline else ours
    return int(need * 1.1)


def check_shape_fits(name: str, config: Any, dtype: str, baseline: bool) -> int:
    """Refuse up front a shape that will not fit in free memory; return the bytes needed."""
    import psutil

    need = memory_needed(config, dtype, baseline)
    free = psutil.virtual_memory().available
    if need > free:
        raise EngineError(
            f"The {name} shape needs about {need / 2**30:.1f} GiB of memory "
            f"({'with' if baseline else 'without'} the float32 baseline), but only "
            f"{free / 2**30:.1f} GiB is free. Close other programs"
            + (", or pass --no-baseline." if baseline else ".")
        )
    return need


def build_shape_model(config: Any, dtype: str, seed: int = 0) -> Any:
    """A model of `config`'s architecture with random weights (transformers' own init)."""
    import torch
    from transformers import AutoModelForCausalLM

    torch.manual_seed(seed)
    model = AutoModelForCausalLM.from_config(config, dtype=getattr(torch, dtype))
    return model.eval()
