"""Load a model and tokenizer on a device and dtype; keep a converted-weight cache.

Converting the embedded GGUF (tokenizer, config, de-quantized weights) takes
~10 s even with one shared parse, so the first load writes the result
(safetensors in the chosen dtype plus tokenizer.json) under the user cache dir;
later starts load that in ~2 s.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from assistant import paths
from assistant.engine.backend import EngineError
from assistant.engine.cpu_probe import cpu_dtype_probe
from assistant.engine.sources import ModelSource, resolve_source
from assistant.translatable import Translatable

log = logging.getLogger(__name__)

ProgressCallback = Callable[[float, str], None]
DEVICES = ("auto", "cpu", "cuda", "mps")
DTYPES = ("auto", "float32", "bfloat16", "float16")


def _noop(_fraction: float, _message: str) -> None:
    pass


def resolve_device(device: str) -> str:
    """ "auto" -> the best available device; check that an explicit one exists."""
    import torch

    if device not in DEVICES:
        raise EngineError(
            Translatable(
                "Unknown device '{device}'. Choose one of: {choices}.",
                device=device,
                choices=", ".join(DEVICES),
            )
        )
    if device == "auto":
        if torch.cuda.is_available():
            return "cuda"
        if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
            return "mps"
        return "cpu"
    if device == "cuda" and not torch.cuda.is_available() and torch.version.cuda:
        raise EngineError(
            Translatable(
                "CUDA was requested but no CUDA GPU is available (this torch {version} "
                "was built with CUDA). Use --device cpu or --device auto.",
                version=torch.__version__,
            )
        )
    if device == "cuda" and not torch.cuda.is_available():
        raise EngineError(
            Translatable(
                "CUDA was requested but no CUDA GPU is available (this torch {version} "
                "was built without CUDA). Use --device cpu or --device auto.",
                version=torch.__version__,
            )
        )
    if device == "mps" and not (
        getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()
    ):
        raise EngineError(
            Translatable("MPS (Apple GPU) was requested but is not available on this machine.")
        )
    return device


def choose_dtype(device: str, requested: str = "auto") -> str:
    """The dtype to run in: measured per machine on CPU, capability-based on GPUs."""
    import torch

    if requested not in DTYPES:
        raise EngineError(
            Translatable(
                "Unknown dtype '{requested}'. Choose one of: {choices}.",
                requested=requested,
                choices=", ".join(DTYPES),
            )
        )
    if requested != "auto":
        return requested
    if device == "cuda":
        return "bfloat16" if torch.cuda.is_bf16_supported() else "float16"
    if device == "mps":
        return "float16"
    return cpu_dtype_probe()["dtype"]


def load_dtype(device: str, requested: str, fast_decode: bool) -> str:
    """The dtype to load weights in; `--no-int8-decode` on CPU promises exact float32."""
    if device == "cpu" and requested == "auto" and not fast_decode:
        return "float32"
    return choose_dtype(device, requested)


def _torch_dtype(name: str) -> Any:
    import torch

    return {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}[name]


def _converted_dir(source: ModelSource, dtype: str) -> Path:
    return paths.models_cache_dir() / f"{source.name}-{source.cache_key(dtype)}"


def load_model_and_tokenizer(
    source: ModelSource, dtype: str, progress: ProgressCallback = _noop
) -> tuple[Any, Any, bool]:
    """Load (model, tokenizer, from_cache) on CPU in `dtype`. Never trusts remote code."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    torch_dtype = _torch_dtype(dtype)
    if source.kind == "gguf":
        cache = _converted_dir(source, dtype)
        if (cache / "source.json").is_file():
            progress(0.3, Translatable("Loading converted weights…"))
            try:
                model = AutoModelForCausalLM.from_pretrained(
                    cache, dtype=torch_dtype, use_safetensors=True, trust_remote_code=False
                )
                tokenizer = AutoTokenizer.from_pretrained(cache, trust_remote_code=False)
                return model, tokenizer, True
            except Exception as exc:  # a damaged cache is re-created, not fatal
                log.warning("converted cache %s unusable (%s); converting again", cache, exc)
                shutil.rmtree(cache, ignore_errors=True)
        progress(0.1, Translatable("Converting the GGUF weights (first start only)…"))
        try:
            with _gguf_parsed_once():
                tokenizer = AutoTokenizer.from_pretrained(
                    source.path.parent, gguf_file=source.path.name, trust_remote_code=False
                )
                progress(0.3, Translatable("Dequantizing weights…"))
                model = AutoModelForCausalLM.from_pretrained(
                    source.path.parent,
                    gguf_file=source.path.name,
                    dtype=torch_dtype,
                    trust_remote_code=False,
                )
        except Exception as exc:
            raise EngineError(_gguf_error(source.path, exc)) from exc
        progress(0.8, Translatable("Saving converted weights for faster starts…"))
        _write_converted_cache(cache, model, tokenizer, source, dtype)
        return model, tokenizer, False

    progress(0.2, Translatable("Loading weights…"))
    try:
        tokenizer = AutoTokenizer.from_pretrained(source.path, trust_remote_code=False)
        model = AutoModelForCausalLM.from_pretrained(
            source.path, dtype=torch_dtype, use_safetensors=True, trust_remote_code=False
        )
    except Exception as exc:
        raise EngineError(_folder_error(source.path, exc)) from exc
    return model, tokenizer, False


_GGUF_PATCH_LOCK = threading.Lock()


@contextlib.contextmanager
def _gguf_parsed_once() -> Iterator[None]:
    """Share one parse of a GGUF file, and one tensor-name table, within a conversion.

    transformers parses the whole file three times (tokenizer, config, weights;
    ~6 s each for the embedded model's 49k-token vocabulary in pure Python) and
    rebuilds gguf's tensor-name table for every module of the model (~9 s): most
    of what was a ~33 s first start. Both are read-only, so one of each serves all calls.
    The parse itself runs on a plain-array view of the memory map: numpy's memmap
    subclass costs a Python call for each of the ~700k slices it takes (3 s -> 1 s).
    """
    try:
        import gguf
        import numpy as np
    except ImportError:  # transformers reports the missing package itself
        yield
        return
    real_reader, real_name_map = gguf.GGUFReader, gguf.get_tensor_name_map
    readers: dict[tuple[str, str], Any] = {}

    class PlainArrayReader(real_reader):  # type: ignore[misc,valid-type]
        @property
        def data(self) -> Any:
            return self._plain_data

        @data.setter
        def data(self, value: Any) -> None:
            # The view keeps the map alive through its base; reads are unchanged.
            self._plain_data = value.view(np.ndarray) if isinstance(value, np.memmap) else value

    def shared_reader(path: Any, mode: str = "r") -> Any:
        key = (os.fspath(path), mode)
        if key not in readers:
            readers[key] = PlainArrayReader(path, mode)
        return readers[key]

    with _GGUF_PATCH_LOCK:
        gguf.GGUFReader = shared_reader
        gguf.get_tensor_name_map = functools.cache(real_name_map)
        try:
            yield
        finally:
            gguf.GGUFReader, gguf.get_tensor_name_map = real_reader, real_name_map
            readers.clear()  # releases the memory map (Windows keeps mapped files locked)


def _write_converted_cache(
    cache: Path, model: Any, tokenizer: Any, source: ModelSource, dtype: str
) -> None:
    # Write into a temp folder and rename, so a crash never leaves a half cache
    # that a later start would trust.
    tmp = cache.with_name(cache.name + f".tmp{os.getpid()}")
    try:
        shutil.rmtree(tmp, ignore_errors=True)
        # transformers marks GGUF-loaded models as "quantized" and refuses to
        # save them, although the weights are plain de-quantized tensors by now.
        model.hf_quantizer = None
        if hasattr(model.config, "quantization_config"):
            del model.config.quantization_config
        model.save_pretrained(tmp, safe_serialization=True)
        tokenizer.save_pretrained(tmp)
        meta = {"name": source.name, "source": str(source.path), "dtype": dtype}
        (tmp / "source.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
        shutil.rmtree(cache, ignore_errors=True)
        os.replace(tmp, cache)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        log.warning("could not write converted cache %s: %s", cache, exc)


def _read_int8(file: Path) -> dict[str, Any] | None:
    """The cached int4/int8 decode weights (torch's int4 only if packed by the same kernels)."""
    if not file.is_file():
        return None
    try:
        import torch
        from safetensors import safe_open

        with safe_open(str(file), "pt") as handle:
            # torch's int4 tensors are in its kernel's internal layout, which changes with
            # the torch version and with the kernels it picked (AVX2 or AVX-512): a home
            # moved to another CPU read them as noise. Our kernel's (.k4) are plain.
            metadata = handle.metadata() or {}
            same_torch = (
                metadata.get("torch") == torch.__version__
                and metadata.get("kernels") == torch.backends.cpu.get_cpu_capability()
            )
            # Copies: a tensor read from `safe_open` may be a view of the file's memory
            # map, which closes with the handle (a warm start then crashed in the kernel).
            return {
                key: handle.get_tensor(key).clone()
                for key in handle.keys()  # noqa: SIM118 - safe_open is not a dict
                if same_torch or not key.endswith((".q4", ".sz4"))
            }
    except Exception as exc:  # a damaged file is rebuilt, not fatal
        log.warning("int8 cache %s unusable: %s", file, exc)
        return None


def _write_int8(file: Path, state: dict[str, Any], source: ModelSource, dtype: str) -> None:
    """Cache the int4/int8 decode weights: re-quantizing takes seconds on a slow CPU."""
    import torch
    from safetensors.torch import save_file

    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        tmp = file.with_name(file.name + f".tmp{os.getpid()}")
        tensors = {k: v.contiguous() for k, v in state.items()}
        kernels = torch.backends.cpu.get_cpu_capability()
        save_file(tensors, str(tmp), metadata={"torch": torch.__version__, "kernels": kernels})
        os.replace(tmp, file)
        meta = file.parent / "source.json"
        if not meta.exists():
            info = {"name": source.name, "source": str(source.path), "dtype": dtype}
            meta.write_text(json.dumps(info, indent=2), encoding="utf-8")
    except OSError as exc:
        log.warning("could not cache int8 weights in %s: %s", file, exc)


def clear_converted_cache() -> int:
    """Delete every converted-weight cache; returns bytes freed. Never touches user files."""
    root = paths.models_cache_dir()
    freed = 0
    for folder in root.iterdir():
        if folder.is_dir():
            freed += sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
            shutil.rmtree(folder, ignore_errors=True)
    return freed


def _gguf_error(path: Path, exc: Exception) -> Translatable:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "not supported" in text.lower() or "architecture" in text.lower():
        return Translatable(
            "{name}: this GGUF model's architecture is not supported ({text}).",
            name=path.name,
            text=text,
        )
    return Translatable(
        "{name} could not be read as a GGUF model (truncated or damaged?): {text}",
        name=path.name,
        text=text,
    )


def _folder_error(path: Path, exc: Exception) -> Translatable:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "model type" in text.lower() or "unrecognized" in text.lower():
        return Translatable(
            "{name}: unknown or unsupported model architecture ({text}).",
            name=path.name,
            text=text,
        )
    return Translatable("{name} could not be loaded: {text}", name=path.name, text=text)


def check_memory(source: ModelSource, dtype: str) -> None:
    """Refuse up front a model that cannot fit in free memory."""
    import psutil

    from assistant.engine.sources import estimate_memory_bytes

    need = estimate_memory_bytes(source, dtype)  # shared with the Model manager
    free = psutil.virtual_memory().available
    if need > free:
        raise EngineError(
            Translatable(
                "{name} needs about {need:.1f} GiB of memory in {dtype}, but only "
                "{free:.1f} GiB is free. Close other programs or choose a smaller "
                "model.",
                name=source.name,
                need=need / 2**30,
                dtype=dtype,
                free=free / 2**30,
            )
        )


def load_backend(
    model: str | None = None,
    device: str = "auto",
    progress: ProgressCallback | None = None,
    dtype: str = "auto",
    fast_decode: bool = True,
    voice: str = "",
) -> Any:
    """Resolve, load and wrap a model as a TransformersBackend (raises EngineError).

    `voice` (a voice id) is merged into the weights before anything is built from them.
    """
    from assistant.engine.generate import TransformersBackend
    from assistant.engine.languages import languages_for

    report = progress or _noop
    started = time.perf_counter()
    source = resolve_source(model)
    report(0.02, Translatable("Preparing {name}…", name=source.name))
    real_device = resolve_device(device)
    chosen = load_dtype(real_device, dtype, fast_decode)
    check_memory(source, chosen)
    model_obj, tokenizer, from_cache = load_model_and_tokenizer(source, chosen, report)
    voice_info = _apply_voice(model_obj, source, voice, report)
    report(0.9, Translatable("Preparing the model…"))
    int8_file = _int8_file(source, chosen, voice_info)
    packed = _read_int8(int8_file) if fast_decode and int8_file else None

    backend = TransformersBackend(
        model_obj,
        tokenizer,
        name=source.name,
        device=real_device,
        dtype=chosen,
        fast_decode=fast_decode,
        int8_packed=packed,
        languages=languages_for(source),
    )
    if "-decode" in backend.decode_mode:
        state = backend.int8_state()
        if state and int8_file and (packed is None or set(state) != set(packed)):
            _write_int8(int8_file, state, source, chosen)
    backend.load_seconds = time.perf_counter() - started
    backend.loaded_from_cache = from_cache
    backend.source = source
    backend.voice_id = voice_info.voice_id if voice_info else ""
    backend.voice_name = voice_info.name if voice_info else ""
    report(1.0, Translatable("{name} ready", name=source.name))
    return backend


def _apply_voice(model: Any, source: ModelSource, voice: str, report: ProgressCallback) -> Any:
    """Merge a personal voice into the freshly loaded weights (None without one).

    Before any cache or quantization step: everything built later sees the merged weights.
    """
    if not voice:
        return None
    from assistant.engine.voice import apply_voice

    report(0.85, Translatable("Adding your voice…"))
    return apply_voice(model, source, voice)


def _int8_file(source: ModelSource, dtype: str, voice_info: Any) -> Path | None:
    """Where the int8 decode weights are cached: one file per base model and per voice."""
    from assistant.engine.voice import int8_cache_name

    name = int8_cache_name(voice_info)
    return _converted_dir(source, dtype) / name if name else None
