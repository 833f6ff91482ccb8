"""The typed settings schema: every setting, its default, and validation.

Settings live in ``paths.settings_file()`` as one JSON object of this shape:
``settings_file`` loads it (never raises) and saves it (atomic),
``settings_migrations`` brings an older file's version up to ``SCHEMA_VERSION``,
and ``settings_rules`` holds the allowed values of every key.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from assistant.settings_rules import (
    BACKENDS,
    DEVICES,
    GOAL_UNITS,
    LANGUAGES,
    MAX_RECENT_FILES,
    MAX_RECENT_INSTRUCTIONS,
    PROVENANCE_LOCATIONS,
    THEMES,
    validate_field,
)
from assistant.tasks.sampling import DEFAULT_SAMPLING, GHOST_SAMPLING
from assistant.tasks.types import Sampling

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
    "ModelSettings",
    "Preset",
    "PrivacySettings",
    "ProvenanceSettings",
    "Settings",
    "VoiceSettings",
    "default_for",
    "default_presets",
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
class VoiceSettings:
    """Personal voices: the one used everywhere, per-document choices, example paragraphs."""

    current: str = ""  # the id of the voice used everywhere (storage/voices.py); "" = none
    documents: dict[str, str] = field(default_factory=dict)  # file path -> voice id or "none"
    examples: bool = False  # "Use my paragraphs as examples" for Continue writing
    example_paths: list[str] = field(default_factory=list)  # the writer's files and folders
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
    voice: VoiceSettings = field(default_factory=VoiceSettings)
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
