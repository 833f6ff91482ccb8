"""The typed settings schema: load (never raises), validate, migrate, save (atomic).

Settings live in ``paths.settings_file()`` as one JSON object. Loading is forgiving:
unknown keys (top level or nested) are kept and written back, an invalid value falls
back to that field's default with a warning naming the key, and a file that is not
a JSON object (or cannot be read) is moved aside to ``settings.json.corrupt-<time>``
and reported. Saving writes a temp file, fsyncs it and renames it into place.

Version history
---------------
* **1** (0.0.x, may lack the ``version`` key): a flat object ::

      {"version": 1, "font": "Georgia", "font_size": 14, "theme": "dark",
       "wrap": true, "model": "/path/or/empty", "device": "cpu",
       "temperature": 0.8, "max_tokens": 96, "persona": "...",
       "autosave": 30, "recent": ["/a.txt"], "ghost_text": true, "geometry": "AdnQyw=="}

  ``model`` "" meant the embedded default; ``temperature``/``max_tokens`` were the
  continue-writing options.
* **2**: nested ``model``, ``editor``, ``ghost`` and per-task ``presets`` objects;
  see ``Settings``. ``_migrate_v1`` maps every v1 key onto it.
* **3** (current): ``model`` gains the model-server fields ``backend`` ("local" or
  "openai"), ``server_url``, ``server_model``, ``server_timeout_s`` and
  ``server_context_tokens``. ``_migrate_v2`` sets ``backend`` to "local" (every v2
  file used a local model) and drops an ``api_key`` someone may have typed into
  the file: keys live in the system keyring, never in this JSON.
"""

from __future__ import annotations

import copy
import json
import os
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any

from assistant import paths
from assistant.settings_rules import (
    BACKENDS,
    DEVICES,
    GOAL_UNITS,
    LANGUAGES,
    MAX_RECENT_FILES,
    MAX_RECENT_INSTRUCTIONS,
    PROVENANCE_LOCATIONS,
    THEMES,
    Invalid,
    coerce,
    rule_for,
    validate_field,
)
from assistant.storage.atomic import atomic_write_json, move_aside
from assistant.tasks.sampling import DEFAULT_SAMPLING, GHOST_SAMPLING
from assistant.tasks.types import Sampling
from assistant.translatable import Translatable

__all__ = [
    "BACKENDS",
    "DEFAULT_PERSONA",
    "DEFAULT_PRESETS",
    "DEVICES",
    "GOAL_UNITS",
    "LANGUAGES",
    "MAX_RECENT_FILES",
    "MAX_RECENT_INSTRUCTIONS",
    "PRESET_NAMES",
    "PROVENANCE_LOCATIONS",
    "SCHEMA_VERSION",
    "THEMES",
    "EditorSettings",
    "GhostSettings",
    "GoalSettings",
    "LoadResult",
    "ModelSettings",
    "Preset",
    "PrivacySettings",
    "ProvenanceSettings",
    "Settings",
    "default_for",
    "default_presets",
    "load_settings",
    "save_settings",
    "settings_to_dict",
    "validate_field",
]

SCHEMA_VERSION = 3
PRESET_NAMES: tuple[str, ...] = ("continue", "rewrite", "summarize", "chat", "ghost")
DEFAULT_PERSONA = "You are a helpful writing assistant."


def _extra() -> Any:
    # Unknown keys read from the file, written back untouched on save. Not compared:
    # two settings that differ only in keys this version does not know are equal.
    return field(default_factory=dict, repr=False, compare=False, kw_only=True)


@dataclass
class Preset:
    """Decoding options for one task (continue, rewrite, summarize, chat, ghost)."""

    temperature: float
    top_p: float
    top_k: int
    repetition_penalty: float
    max_new_tokens: int
    seed: int | None = None
    _extra: dict[str, Any] = _extra()

    def to_sampling(self) -> Sampling:
        """The engine's Sampling for this preset."""
        return Sampling(
            temperature=self.temperature,
            top_p=self.top_p,
            top_k=self.top_k,
            repetition_penalty=self.repetition_penalty,
            max_new_tokens=self.max_new_tokens,
            seed=self.seed,
        )


def _preset_from(sampling: Sampling) -> Preset:
    return Preset(
        sampling.temperature,
        sampling.top_p,
        sampling.top_k,
        sampling.repetition_penalty,
        sampling.max_new_tokens,
    )


# One source of truth: the task defaults measured in assistant.tasks.
DEFAULT_PRESETS: dict[str, Preset] = {
    **{kind: _preset_from(DEFAULT_SAMPLING[kind]) for kind in DEFAULT_SAMPLING},
    "ghost": _preset_from(GHOST_SAMPLING),
}


def default_presets() -> dict[str, Preset]:
    """Fresh copies of the built-in presets."""
    return copy.deepcopy(DEFAULT_PRESETS)


@dataclass
class ModelSettings:
    """Which model to load and where."""

    path: str | None = None  # None: the embedded default model
    device: str = "auto"  # one of DEVICES
    user_models: list[str] = field(default_factory=list)
    hf_endpoint: str = ""  # "" = huggingface.co
    backend: str = "local"  # one of BACKENDS: "local" (path/device) or "openai" (a server)
    server_url: str = ""  # e.g. "http://localhost:11434/v1"; its API key is in the keyring
    server_model: str = ""  # a name from the server's /v1/models
    server_timeout_s: int = 60
    server_context_tokens: int = 0  # 0 = ask the server (else a safe default)
    _extra: dict[str, Any] = _extra()


@dataclass
class EditorSettings:
    """How the text looks."""

    font_family: str = ""  # "" = the platform's default font
    font_size: int = 13
    wrap: bool = True
    width_chars: int = 80  # reading width; 0 = full window width
    zoom: int = 0
    _extra: dict[str, Any] = _extra()


@dataclass
class GhostSettings:
    """Inline ghost-text suggestions while typing."""

    enabled: bool = True
    delay_ms: int = 700
    max_tokens: int = 16
    _extra: dict[str, Any] = _extra()


@dataclass
class PrivacySettings:
    """The app lock (encryption itself is the vault's state, not a setting)."""

    lock_after_min: int = 0  # lock after this many idle minutes; 0 = only on demand
    _extra: dict[str, Any] = _extra()


@dataclass
class GoalSettings:
    """Writing goals: words (or characters) per day and per document; 0 = no goal."""

    daily_target: int = 0  # typed today, all documents together
    document_target: int = 0  # the length of the document shown
    unit: str = "words"  # one of GOAL_UNITS
    _extra: dict[str, Any] = _extra()


@dataclass
class ProvenanceSettings:
    """Model-written text: whether it is tinted, and where its record is kept."""

    show_model_text: bool = False  # View › Show Model-Written Text
    location: str = "data"  # one of PROVENANCE_LOCATIONS: the data folder, or beside the file
    _extra: dict[str, Any] = _extra()


@dataclass
class Settings:
    """Everything the user can set, with defaults."""

    version: int = SCHEMA_VERSION
    model: ModelSettings = field(default_factory=ModelSettings)
    presets: dict[str, Preset] = field(default_factory=default_presets)
    chat_persona: str = DEFAULT_PERSONA
    editor: EditorSettings = field(default_factory=EditorSettings)
    theme: str = "system"  # one of THEMES
    language: str = "system"  # one of LANGUAGES
    autosave_interval_s: int = 30
    window_geometry: str = ""  # base64 of QWidget.saveGeometry()
    window_state: str = ""  # base64 of QMainWindow.saveState()
    recent_files: list[str] = field(default_factory=list)  # most recent first
    recent_instructions: list[str] = field(default_factory=list)  # most recent first
    shortcuts: dict[str, str] = field(default_factory=dict)  # action id -> key sequence
    ghost: GhostSettings = field(default_factory=GhostSettings)
    offline_mode: bool = True
    privacy: PrivacySettings = field(default_factory=PrivacySettings)
    goals: GoalSettings = field(default_factory=GoalSettings)
    provenance: ProvenanceSettings = field(default_factory=ProvenanceSettings)
    _extra: dict[str, Any] = _extra()

    def preset(self, name: str) -> Preset:
        """The preset for a task, falling back to the built-in one."""
        return self.presets.get(name) or copy.deepcopy(DEFAULT_PRESETS[name])

    def add_recent_file(self, path: str | os.PathLike[str]) -> None:
        """Put a file at the top of the recent list (absolute path, no duplicates, max 10)."""
        entry = os.path.abspath(path)
        key = os.path.normcase(entry)
        kept = [p for p in self.recent_files if os.path.normcase(p) != key]
        self.recent_files = [entry, *kept][:MAX_RECENT_FILES]

    def remove_recent_file(self, path: str | os.PathLike[str]) -> None:
        """Drop a file from the recent list (e.g. it no longer exists)."""
        key = os.path.normcase(os.path.abspath(path))
        self.recent_files = [p for p in self.recent_files if os.path.normcase(p) != key]

    def add_recent_instruction(self, text: str) -> None:
        """Remember a custom rewrite instruction (most recent first, no duplicates, max 5)."""
        text = text.strip()
        if not text:
            return
        kept = [t for t in self.recent_instructions if t != text]
        self.recent_instructions = [text, *kept][:MAX_RECENT_INSTRUCTIONS]

    def validate(self) -> list[str]:
        """Messages ("key: problem") for every invalid value; empty when all are valid."""
        problems = []
        for key, value in _leaves(self):
            message = validate_field(key, value)
            if message:
                problems.append(f"{key}: {message}")
        return problems


@dataclass
class LoadResult:
    """What ``load_settings`` found: the settings plus anything the user should be told."""

    settings: Settings
    warnings: list[str] = field(default_factory=list)
    moved_aside: Path | None = None  # where a corrupt file was moved
    migrated_from: int | None = None  # the file's older schema version, if migrated


def default_for(key: str) -> Any:
    """The default value of a dotted key (e.g. "presets.chat.temperature")."""
    value: Any = Settings()
    for part in key.split("."):
        value = value[part] if isinstance(value, dict) else getattr(value, part)
    return copy.deepcopy(value)


def _leaves(obj: Any, prefix: str = "") -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for f in fields(obj):
        if f.name == "_extra":
            continue
        key, value = f"{prefix}{f.name}", getattr(obj, f.name)
        if is_dataclass(value):
            out += _leaves(value, key + ".")
        elif f.name == "presets" and not prefix:
            for name, preset in value.items():
                out += _leaves(preset, f"presets.{name}.")
        else:
            out.append((key, value))
    return out


# -- reading and writing ------------------------------------------------------


def _build(cls: type, data: dict[str, Any], default: Any, prefix: str, warnings: list[str]) -> Any:
    """Build a dataclass from JSON data, field by field, falling back to ``default``'s values."""
    values: dict[str, Any] = {}
    known = set()
    for f in fields(cls):
        if f.name == "_extra":
            continue
        known.add(f.name)
        key = prefix + f.name
        fallback = copy.deepcopy(getattr(default, f.name))
        if f.name not in data:
            values[f.name] = fallback
            continue
        raw = data[f.name]
        if is_dataclass(fallback) or (f.name == "presets" and not prefix):
            if not isinstance(raw, dict):
                warnings.append(f"Setting {key!r} must be an object; using the defaults.")
                values[f.name] = fallback
            elif f.name == "presets":
                values[f.name] = _build_presets(raw, warnings)
            else:
                values[f.name] = _build(type(fallback), raw, fallback, key + ".", warnings)
            continue
        rule = rule_for(key)
        try:
            values[f.name] = coerce(rule, raw) if rule else raw
        except Invalid as exc:
            warnings.append(f"Setting {key!r} {exc}; using the default ({fallback!r}).")
            values[f.name] = fallback
    obj = cls(**values)
    obj._extra = {k: v for k, v in data.items() if k not in known}  # noqa: SLF001 (ours)
    return obj


def _build_presets(raw: dict[str, Any], warnings: list[str]) -> dict[str, Preset]:
    presets = default_presets()
    for name, data in raw.items():
        if not isinstance(data, dict):
            warnings.append(f"Setting 'presets.{name}' must be an object; using the defaults.")
            continue
        default = DEFAULT_PRESETS.get(name, DEFAULT_PRESETS["continue"])
        presets[name] = _build(Preset, data, default, f"presets.{name}.", warnings)
    return presets


def _dump(obj: Any) -> Any:
    if is_dataclass(obj):
        out = dict(obj._extra)  # noqa: SLF001 (this module keeps unknown keys there)
        for f in fields(obj):
            if f.name != "_extra":
                out[f.name] = _dump(getattr(obj, f.name))
        return out
    if isinstance(obj, dict):
        return {k: _dump(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_dump(v) for v in obj]
    return obj


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    """The JSON object ``save_settings`` writes (unknown keys included)."""
    data = _dump(settings)
    data["version"] = SCHEMA_VERSION
    return data


_V1_MOVES = {
    # v1 key -> path in v2
    "font": ("editor", "font_family"),
    "font_size": ("editor", "font_size"),
    "wrap": ("editor", "wrap"),
    "device": ("model", "device"),
    "temperature": ("presets", "continue", "temperature"),
    "max_tokens": ("presets", "continue", "max_new_tokens"),
    "persona": ("chat_persona",),
    "autosave": ("autosave_interval_s",),
    "recent": ("recent_files",),
    "ghost_text": ("ghost", "enabled"),
    "geometry": ("window_geometry",),
}


def _migrate_v1(data: dict[str, Any]) -> dict[str, Any]:
    """Turn a version-1 (flat) object into the version-2 layout; values are validated later."""
    out = dict(data)
    out.pop("version", None)
    if "model" in out and not isinstance(out["model"], dict):
        old = out.pop("model")
        out["model"] = {"path": old or None}
    for old_key, target in _V1_MOVES.items():
        if old_key not in out:
            continue
        value = out.pop(old_key)
        node = out
        for part in target[:-1]:
            if not isinstance(node.get(part), dict):
                node[part] = {}
            node = node[part]
        node[target[-1]] = value
    out["version"] = 2
    return out


def _migrate_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Turn a version-2 object into version 3: a local model, and no key in the file."""
    out = dict(data)
    if isinstance(out.get("model"), dict):  # anything else is reported when it is built
        model = dict(out["model"])
        model.setdefault("backend", "local")
        model.pop("api_key", None)
        out["model"] = model
    out["version"] = 3
    return out


#: Each step turns version N into N + 1.
_MIGRATIONS = {1: _migrate_v1, 2: _migrate_v2}


def _read(path: Path) -> tuple[dict[str, Any] | None, str | None]:
    """(data, None), (None, None) when missing, or (None, reason) when unusable."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, Translatable("it could not be read: {reason}", reason=exc.strerror or exc)
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        return None, Translatable("it is not valid JSON: {reason}", reason=exc)
    if not isinstance(data, dict):
        return None, Translatable("it does not contain a settings object")
    return data, None


def load_settings(path: str | os.PathLike[str] | None = None) -> LoadResult:
    """Load settings from ``path`` (default ``paths.settings_file()``); never raises."""
    try:
        return _load(Path(path) if path is not None else paths.settings_file())
    except Exception as exc:  # last line of defence: the app must start with defaults
        return LoadResult(Settings(), [f"Settings could not be loaded ({exc}); using defaults."])


def _load(path: Path) -> LoadResult:
    result = LoadResult(Settings())
    data, problem = _read(path)
    if problem is not None:
        try:
            result.moved_aside = move_aside(path)
            result.warnings.append(
                Translatable(
                    "The settings file {path} was unusable ({problem}); it was moved to "
                    "{moved_to}. Using defaults.",
                    path=str(path),
                    problem=problem,
                    moved_to=str(result.moved_aside),
                )
            )
        except OSError as exc:
            result.warnings.append(
                Translatable(
                    "The settings file {path} was unusable ({problem}); it could not be moved "
                    "aside ({reason}) and was left in place. Using defaults.",
                    path=str(path),
                    problem=problem,
                    reason=exc.strerror or str(exc),
                )
            )
        return result
    if data is None:
        return result  # first run

    version = data.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int):
        result.warnings.append(
            f"Setting 'version' is not a number ({version!r}); assuming {SCHEMA_VERSION}."
        )
        version = SCHEMA_VERSION
    if version < SCHEMA_VERSION:
        result.migrated_from = version
        for step in range(max(version, 1), SCHEMA_VERSION):
            data = _MIGRATIONS[step](data)
    elif version > SCHEMA_VERSION:
        result.warnings.append(
            Translatable(
                "The settings file was written by a newer version (schema {version}); "
                "settings this version does not know are kept unchanged.",
                version=version,
            )
        )
    data = {**data, "version": SCHEMA_VERSION}
    result.settings = _build(Settings, data, Settings(), "", result.warnings)
    return result


def save_settings(settings: Settings, path: str | os.PathLike[str] | None = None) -> Path:
    """Write settings atomically (temp file, fsync, rename); raises OSError on failure."""
    target = Path(path) if path is not None else paths.settings_file()
    target.parent.mkdir(parents=True, exist_ok=True)
    return atomic_write_json(target, settings_to_dict(settings))
