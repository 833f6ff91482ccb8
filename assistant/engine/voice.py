"""A voice at load time: check it fits the base model, merge its adapter into the weights.

The base model's files never change. A voice is an adapter (storage/voices.py) of
one of two kinds, merged right after the model is loaded, before the lean decoder
and its decode weights are built from it:

- a LoRA adapter (peft's layout; any model): `apply_voice` adds ``scale * B @ A`` to
  each adapted weight. On a 4-bit model that puts the weight off its int4 grid, so
  it decodes int8;
- a grid adapter (4-bit models, `voice_grid`): each group's int4 scale and offset
  change, every weight keeps its level, so decode reads int4 as for the base model.

Both give the output layer the voice's bias where they have one (`VOCAB_BIAS_KEY`).
The decode-weight cache is kept per voice (`int8_cache_name`); with encryption on it
is not written at all, since it carries the adapter's changes in the clear.

torch is imported inside the functions only: the window calls `remove_voice` and
`base_identity` without loading it.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any

from assistant import paths
from assistant.engine.backend import EngineError
from assistant.engine.sources import DEFAULT_MODEL_NAME, ModelSource
from assistant.storage import privacy
from assistant.storage.voices import VoiceError, VoiceInfo, VoiceStore

log = logging.getLogger(__name__)

#: Every projection of a Llama-family block: attention and MLP.
LORA_TARGETS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")
_PEFT_PREFIX = "base_model.model."
#: The adapter's key for a bias on the output layer (one value per vocabulary token).
VOCAB_BIAS_KEY = "vocab_bias"
#: Models known to write Chinese well, named where the embedded model must refuse.
CHINESE_MODEL_HINT = "Qwen2.5-0.5B-Instruct"


def base_identity(source: ModelSource, model: Any) -> dict[str, Any]:
    """What a voice records about its base model, to refuse any other one later.

    The fingerprint is the architecture plus a sample of the weights themselves
    (rounded to bfloat16, so the same model loaded in another dtype still matches):
    a model moved to another folder is the same model; a fine-tune of the same
    architecture, with files of exactly the same size, is not.
    """
    import torch

    config = model.config
    shape = "|".join(
        str(getattr(config, key, ""))
        for key in (
            "model_type",
            "hidden_size",
            "intermediate_size",
            "num_hidden_layers",
            "num_attention_heads",
            "num_key_value_heads",
            "vocab_size",
        )
    )
    digest = hashlib.sha256(shape.encode())
    samples = [model.get_input_embeddings().weight[:64]]
    layers = getattr(getattr(model, "model", None), "layers", None)
    if layers:
        last = layers[-1]
        samples += [p[:16] for _n, p in sorted(last.named_parameters()) if p.dim() == 2]
    with torch.no_grad():
        for tensor in samples:
            rounded = tensor.detach().to("cpu", torch.bfloat16).contiguous()
            digest.update(rounded.view(torch.int16).numpy().tobytes())
    return {
        "name": source.name,
        "fingerprint": digest.hexdigest()[:16],
        "size_bytes": source.size_bytes,
        "embedded": source.embedded,
        "setting": None if source.embedded else str(source.path),
    }


def writes_chinese(source: ModelSource) -> bool:
    """False for the embedded English-only model; others are assumed to (the writer chose them).

    ModelProfile.languages (another change) will answer this for every model.
    """
    return not (source.embedded or source.name == DEFAULT_MODEL_NAME)


def chinese_refusal(source: ModelSource) -> str:
    """The message for Chinese text with a model that writes only English."""
    return (
        f"{source.name} writes English only, so it cannot learn a Chinese voice. Download "
        f"{CHINESE_MODEL_HINT} in the Model manager, choose it, and train the voice again."
    )


def adapter_state_to_bytes(state: dict[str, Any]) -> bytes:
    """The adapter's tensors as safetensors bytes (never pickle)."""
    from safetensors.torch import save

    return save({k: v.detach().to("cpu").contiguous() for k, v in state.items()})


def _pairs(state: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Module path -> (lora_A, lora_B) from peft's key names."""
    pairs: dict[str, list[Any]] = {}
    for key, tensor in state.items():
        name = key[len(_PEFT_PREFIX) :] if key.startswith(_PEFT_PREFIX) else key
        for part, index in ((".lora_A.weight", 0), (".lora_B.weight", 1)):
            if name.endswith(part):
                pairs.setdefault(name[: -len(part)], [None, None])[index] = tensor
                break
        else:
            raise EngineError(f"The voice's adapter holds an unexpected tensor ({key}).")
    incomplete = [name for name, (a, b) in pairs.items() if a is None or b is None]
    if incomplete:
        raise EngineError(f"The voice's adapter is incomplete ({incomplete[0]}).")
    return {name: (a, b) for name, (a, b) in pairs.items()}


def merge_adapter(model: Any, state: dict[str, Any], config: dict[str, Any]) -> int:
    """Merge the adapter into the weights in place; returns how many weights changed.

    LoRA: W += (alpha / r) * B @ A. Only plain LoRA and grid adapters are accepted
    (what `voice_training` writes); anything else is refused rather than merged wrongly.
    """
    import torch

    from assistant.engine.voice_grid import adapted_weight

    if config.get("adapter_kind"):
        return _merge_grid_adapter(model, state, config)
    if config.get("use_dora") or config.get("fan_in_fan_out"):
        raise EngineError("This voice uses an adapter kind the app cannot merge.")
    rank = int(config.get("r") or 0)
    if rank <= 0:
        raise EngineError("The voice's adapter settings are damaged (no rank).")
    alpha = float(config.get("lora_alpha") or rank)
    scale = alpha / (rank**0.5) if config.get("use_rslora") else alpha / rank
    state = dict(state)
    vocab_bias = state.pop(VOCAB_BIAS_KEY, None)
    pairs = _pairs(state)
    with torch.no_grad():
        if vocab_bias is not None:
            _set_vocab_bias(model, vocab_bias)
        for name, (lora_a, lora_b) in pairs.items():
            weight = adapted_weight(model, name)
            update = lora_b.to(torch.float32) @ lora_a.to(torch.float32)
            if update.shape != weight.shape:
                raise EngineError("The voice does not fit this model (its shapes differ).")
            weight.copy_((weight.to(torch.float32) + scale * update).to(weight.dtype))
    return len(pairs) + (vocab_bias is not None)


def _merge_grid_adapter(model: Any, state: dict[str, Any], config: dict[str, Any]) -> int:
    """A grid voice: the projections' int4 grids change, the output layer gets its bias."""
    import torch

    from assistant.engine.voice_grid import ADAPTER_KIND, merge_grid

    if config.get("adapter_kind") != ADAPTER_KIND:
        raise EngineError("This voice uses an adapter kind the app cannot merge.")
    state = dict(state)
    vocab_bias = state.pop(VOCAB_BIAS_KEY, None)
    with torch.no_grad():
        if vocab_bias is not None:
            _set_vocab_bias(model, vocab_bias)
    return merge_grid(model, state) + (vocab_bias is not None)


def _set_vocab_bias(model: Any, vocab_bias: Any) -> None:
    """Give the output layer the voice's bias (its weight, tied to the embeddings, is kept)."""
    import torch

    head = model.get_output_embeddings()
    if head is None or tuple(vocab_bias.shape) != (head.out_features,):
        raise EngineError("The voice does not fit this model (its vocabulary differs).")
    bias = vocab_bias.to(head.weight.dtype)
    if head.bias is not None:
        bias = bias + head.bias.detach()
    head.bias = torch.nn.Parameter(bias.to(head.weight.device), requires_grad=False)


def check_base(info: VoiceInfo, source: ModelSource, model: Any) -> None:
    """Refuse a voice trained on another base model, naming both."""
    here = base_identity(source, model)
    if info.base_fingerprint != here["fingerprint"]:
        raise EngineError(
            f"The voice “{info.name}” was trained on {info.base_name or 'another model'}; "
            f"it cannot be used with {source.name}. Choose {info.base_name or 'that model'} "
            "again, or teach this model your voice."
        )


def apply_voice(model: Any, source: ModelSource, voice_id: str) -> VoiceInfo:
    """Check the voice against the loaded base model and merge it in (raises EngineError)."""
    from safetensors.torch import load

    store = VoiceStore()
    try:
        info = store.get(voice_id)
        check_base(info, source, model)
        data, config = store.read_adapter(voice_id)
    except VoiceError as exc:
        raise EngineError(str(exc)) from exc
    try:
        state = load(data)
    except Exception as exc:  # safetensors raises its own error type for a damaged header
        raise EngineError(f"The voice “{info.name}” is damaged: {exc}") from exc
    merged = merge_adapter(model, state, config)
    log.info("voice %s merged into %d weights", info.name, merged)
    return info


def int8_cache_name(info: VoiceInfo | None) -> str | None:
    """The file name of the int8 decode cache for the base model or a voice; None: no cache.

    A voice's cache holds its merged weights unencrypted: with encryption on there is
    none (the weights are quantized again at each load, a few seconds).
    """
    if info is None:
        return "int8_decode.safetensors"
    try:
        encrypted = privacy.is_encrypted()
    except Exception:  # an unreadable vault record: be careful
        encrypted = True
    return None if encrypted else f"int8_decode-voice-{info.voice_id}.safetensors"


def remove_voice(voice_id: str) -> None:
    """Delete a voice and every cache built from it."""
    VoiceStore().remove(voice_id)
    root = paths.models_cache_dir()
    for file in root.glob(f"*/int8_decode-voice-{voice_id}.safetensors"):
        privacy.remove_tree(Path(file), scrub=False)
