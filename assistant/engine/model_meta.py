"""What a model is, read from its files without loading it (no torch, milliseconds).

For a Hugging Face folder: config.json, the safetensors headers (parameter count)
and the tokenizer config (chat template). For a .gguf file: the key/value header and
the tensor table. `gguf.GGUFReader` parses every array in the file (the 49k-token
vocabulary of the default model takes ~6 s), so we walk the header ourselves and
skip arrays we do not need; the value-type ids come from the `gguf` package.
"""

from __future__ import annotations

import json
import math
import mmap
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gguf import GGUFValueType

from assistant.translatable import Translatable, text_of

__all__ = ["ModelDetails", "describe_model", "folder_size"]


@dataclass(frozen=True)
class ModelDetails:
    """Facts shown in the Model manager; None where a file does not say."""

    architecture: str | None = None
    parameters: int | None = None
    context_length: int | None = None
    chat: bool | None = None  # has a chat template (instruct) or not (base)
    size_bytes: int = 0
    error: str = ""


def folder_size(path: Path) -> int:
    """Bytes of the files directly in `path` (symlinks followed, as HF cache snapshots use)."""
    if path.is_file():
        return path.stat().st_size
    total = 0
    for p in path.iterdir():
        try:
            if p.is_file():
                total += p.stat().st_size
        except OSError:
            pass
    return total


def describe_model(path: str | Path) -> ModelDetails:
    """Read architecture, parameters, context length and chat support; never raises."""
    p = Path(path)
    try:
        stat = p.stat()
    except OSError as exc:
        return ModelDetails(error=str(exc.strerror or exc))
    return _describe(str(p.resolve()), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=64)
def _describe(path: str, _size: int, _mtime: int) -> ModelDetails:
    # Cached on (path, size, mtime): reopening the manager should not re-read files.
    p = Path(path)
    try:
        if p.is_file() and p.suffix.lower() == ".gguf":
            return _describe_gguf(p)
        if p.is_file() and p.name == "config.json":
            p = p.parent
        if p.is_dir():
            ggufs = sorted(p.glob("*.gguf"))
            if not (p / "config.json").is_file() and len(ggufs) == 1:
                return _describe_gguf(ggufs[0])
            return _describe_folder(p)
        return ModelDetails(size_bytes=folder_size(p), error=Translatable("not a model"))
    except (OSError, ValueError, KeyError, struct.error) as exc:
        return ModelDetails(size_bytes=folder_size(p) if p.exists() else 0, error=text_of(exc))


def _describe_folder(path: Path) -> ModelDetails:
    config = json.loads((path / "config.json").read_text(encoding="utf-8"))
    text_config = config.get("text_config") if isinstance(config.get("text_config"), dict) else {}
    arch_list = config.get("architectures") or []
    architecture = config.get("model_type") or (arch_list[0] if arch_list else None)
    context = None
    for key in ("max_position_embeddings", "n_positions", "max_sequence_length", "seq_length"):
        value = config.get(key, text_config.get(key))
        if isinstance(value, int):
            context = value
            break
    params = 0
    for weights in sorted(path.glob("*.safetensors")):
        params += _safetensors_params(weights)
    return ModelDetails(
        architecture=architecture,
        parameters=params or None,
        context_length=context,
        chat=_folder_has_chat_template(path),
        size_bytes=folder_size(path),
    )


def _safetensors_params(path: Path) -> int:
    # A safetensors file starts with an 8-byte little-endian header length and a JSON
    # header that lists every tensor's shape: no need to touch the weights.
    with path.open("rb") as fh:
        (length,) = struct.unpack("<Q", fh.read(8))
        if length > 100_000_000:
            raise ValueError(Translatable("{name}: implausible safetensors header", name=path.name))
        header = json.loads(fh.read(length))
    return sum(
        math.prod(info.get("shape", []))
        for name, info in header.items()
        if name != "__metadata__" and isinstance(info, dict)
    )


def _folder_has_chat_template(path: Path) -> bool:
    if (path / "chat_template.jinja").is_file() or (path / "chat_template.json").is_file():
        return True
    tok_config = path / "tokenizer_config.json"
    if tok_config.is_file():
        data = json.loads(tok_config.read_text(encoding="utf-8"))
        return bool(data.get("chat_template"))
    return False


# -- GGUF ---------------------------------------------------------------------------

_SCALARS = {
    GGUFValueType.UINT8: "<B",
    GGUFValueType.INT8: "<b",
    GGUFValueType.UINT16: "<H",
    GGUFValueType.INT16: "<h",
    GGUFValueType.UINT32: "<I",
    GGUFValueType.INT32: "<i",
    GGUFValueType.FLOAT32: "<f",
    GGUFValueType.BOOL: "<?",
    GGUFValueType.UINT64: "<Q",
    GGUFValueType.INT64: "<q",
    GGUFValueType.FLOAT64: "<d",
}


class _Cursor:
    """Sequential little-endian reads over a memory map."""

    def __init__(self, data: mmap.mmap) -> None:
        self.data, self.pos = data, 0

    def unpack(self, fmt: str):
        value = struct.unpack_from(fmt, self.data, self.pos)[0]
        self.pos += struct.calcsize(fmt)
        return value

    def string(self) -> str:
        length = self.unpack("<Q")
        raw = self.data[self.pos : self.pos + length]
        self.pos += length
        return raw.decode("utf-8", errors="replace")

    def value(self, vtype: int, keep: bool):
        """Read (or, for arrays we do not keep, skip) one value of type `vtype`."""
        vtype = GGUFValueType(vtype)
        if vtype == GGUFValueType.STRING:
            return self.string()
        if vtype == GGUFValueType.ARRAY:
            etype = GGUFValueType(self.unpack("<I"))
            count = self.unpack("<Q")
            if etype in _SCALARS and not keep:
                self.pos += count * struct.calcsize(_SCALARS[etype])  # skip in one step
                return None
            items = [self.value(etype, keep) for _ in range(count)]
            return items if keep else None
        return self.unpack(_SCALARS[vtype])


def _describe_gguf(path: Path) -> ModelDetails:
    with path.open("rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        cur = _Cursor(data)
        if data[:4] != b"GGUF":
            raise ValueError(Translatable("{name} is not a GGUF file", name=path.name))
        cur.pos = 4
        version = cur.unpack("<I")
        if version < 2:
            raise ValueError(
                Translatable(
                    "{name}: GGUF version {version} is too old", name=path.name, version=version
                )
            )
        n_tensors, n_kv = cur.unpack("<Q"), cur.unpack("<Q")
        kv: dict[str, object] = {}
        for _ in range(n_kv):
            key = cur.string()
            vtype = cur.unpack("<I")
            # Only small arrays are kept (e.g. general.languages); token lists are skipped.
            keep = not key.startswith("tokenizer.ggml.")
            kv[key] = cur.value(vtype, keep)
        params = 0
        for _ in range(n_tensors):
            cur.string()  # tensor name
            n_dims = cur.unpack("<I")
            dims = [cur.unpack("<Q") for _ in range(n_dims)]
            cur.pos += 4 + 8  # tensor type, data offset
            params += math.prod(dims)
    arch = kv.get("general.architecture")
    context = kv.get(f"{arch}.context_length") if arch else None
    return ModelDetails(
        architecture=str(arch) if arch else None,
        parameters=params or None,
        context_length=int(context) if isinstance(context, int) else None,
        chat=bool(kv.get("tokenizer.chat_template")),
        size_bytes=path.stat().st_size,
    )
