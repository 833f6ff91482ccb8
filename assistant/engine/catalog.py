"""The model catalogue: which models exist, what they are, whether they fit.

Plain Python (no widgets, no torch): every function here is fast enough for the GUI
thread — model facts come from file headers (`engine.model_meta`), sizes from stat.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from assistant import paths
from assistant.engine import hub
from assistant.engine.backend import EngineError
from assistant.engine.remote.server_models import ServerModel
from assistant.engine.sources import (
    DEFAULT_MODEL_NAME,
    converted_cache_entries,
    embedded_default_gguf,
    estimate_memory_bytes,
    resolve_source,
)
from assistant.translatable import text_of

#: Where a row comes from; the dialog shows a translated label for each.
EMBEDDED, ADDED, DOWNLOADED, HF_CACHE, CONVERTED, MISSING, SERVER = (
    "embedded",
    "added",
    "downloaded",
    "hf-cache",
    "converted",
    "missing",
    "server",
)


@dataclass
class ModelRow:
    """One line of the model list."""

    name: str
    origin: str  # one of the constants above
    path: Path
    setting: str | None  # the value for settings.model.path (None = embedded default)
    size_bytes: int = 0
    architecture: str | None = None
    parameters: int | None = None
    context_length: int | None = None
    chat: bool | None = None
    note: str = ""
    problems: list[str] = field(default_factory=list)
    server_url: str = ""  # origin SERVER: the server's API root; `name` is its model id

    @property
    def loadable(self) -> bool:
        """Converted caches and missing files cannot be chosen as the current model."""
        return self.origin not in (CONVERTED, MISSING)


def free_memory_bytes() -> int:
    """Memory available to a new model now (module function so tests can replace it)."""
    return int(psutil.virtual_memory().available)


def likely_dtype() -> str:
    """The dtype the loader will pick on CPU, from its cached probe (float32 if unmeasured)."""
    try:
        probe = json.loads((paths.cache_dir() / "dtype_probe.json").read_text(encoding="utf-8"))
        return str(probe.get("dtype") or "float32")
    except (OSError, ValueError):
        return "float32"


def memory_check(setting: str | None) -> tuple[int, int] | None:
    """(needed, free) bytes when the model would not fit in memory; None when it fits."""
    source = resolve_source(setting)  # raises EngineError for a bad path
    need = estimate_memory_bytes(source, likely_dtype())
    free = free_memory_bytes()
    return (need, free) if need > free else None


def _describe(row: ModelRow) -> ModelRow:
    from assistant.engine.model_meta import describe_model  # imports gguf/numpy: on demand

    details = describe_model(row.path)
    row.architecture = details.architecture
    row.parameters = details.parameters
    row.context_length = details.context_length
    row.chat = details.chat
    row.size_bytes = row.size_bytes or details.size_bytes
    if details.error:
        row.problems.append(details.error)
    return row


def gather_models(user_models: list[str], hub_cache: str | Path | None = None) -> list[ModelRow]:
    """Every model the app can use, in the order a writer meets them."""
    rows: list[ModelRow] = []
    gguf = embedded_default_gguf()
    if gguf is not None:
        rows.append(_describe(ModelRow(DEFAULT_MODEL_NAME, EMBEDDED, gguf, None)))
    seen: set[str] = set()
    for value in user_models:
        try:
            source = resolve_source(value)
        except EngineError as exc:
            rows.append(ModelRow(Path(value).name, MISSING, Path(value), value, note=text_of(exc)))
            continue
        seen.add(str(source.path.resolve()))
        rows.append(_describe(ModelRow(source.name, ADDED, source.path, value)))
    for repo_id, location in hub.downloaded_models():
        if str(location.resolve()) not in seen:
            seen.add(str(location.resolve()))
            rows.append(_describe(ModelRow(repo_id, DOWNLOADED, location, str(location))))
    for repo_id, snapshot, size in hub.hub_cache_models(hub_cache):
        if (snapshot / "config.json").is_file() or any(snapshot.glob("*.gguf")):
            row = ModelRow(repo_id, HF_CACHE, snapshot, str(snapshot), size_bytes=size)
            rows.append(_describe(row))
    for entry in converted_cache_entries():
        rows.append(
            ModelRow(
                entry.name,
                CONVERTED,
                entry.path,
                None,
                size_bytes=entry.size_bytes,
                note=entry.note,
            )
        )
    return rows


def server_rows(server_url: str, models: list[ServerModel]) -> list[ModelRow]:
    """Rows for the models a server offers (listed beside the local ones)."""
    return [
        ModelRow(
            name=m.id,
            origin=SERVER,
            path=Path(),
            setting=None,
            context_length=m.context_tokens,
            chat=True,  # servers apply the model's own chat template
            server_url=server_url,
        )
        for m in models
    ]


def format_bytes(n: int | None) -> str:
    """1234567 -> "1.2 MB" (decimal units, as download sizes are quoted)."""
    if not n:
        return "–"
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if n < 1000 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return ""


def format_params(n: int | None) -> str:
    """134515008 -> "135M"."""
    if not n:
        return "–"
    if n >= 1e9:
        return f"{n / 1e9:.1f}B"
    if n >= 1e6:
        return f"{n / 1e6:.0f}M"
    return f"{n / 1e3:.0f}K"


def recommended_fit(model: hub.RecommendedModel) -> tuple[bool, int]:
    """(fits in free memory now, bytes needed) for a recommended model (safetensors, bf16)."""
    need = int(model.download_bytes * (4 if likely_dtype() == "float32" else 2) / 2 * 1.2)
    return need <= free_memory_bytes(), need
