"""Reading and writing the settings file: load (never raises), migrate, save (atomic).

Settings live in ``paths.settings_file()`` as one JSON object. Loading is forgiving:
unknown keys (top level or nested) are kept and written back, an invalid value falls
back to that field's default with a warning naming the key, and a file that is not
a JSON object (or cannot be read) is moved aside to ``settings.json.corrupt-<time>``
and reported. Saving writes a temp file, fsyncs it and renames it into place.
"""

from __future__ import annotations

import copy
import json
import os
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any

from assistant import paths
from assistant.settings import DEFAULT_PRESETS, SCHEMA_VERSION, Preset, Settings, default_presets
from assistant.settings_migrations import MIGRATIONS
from assistant.settings_rules import Invalid, coerce, rule_for
from assistant.storage.atomic import atomic_write_json, move_aside
from assistant.translatable import Translatable


@dataclass
class LoadResult:
    """What ``load_settings`` found: the settings plus anything the user should be told."""

    settings: Settings
    warnings: list[str] = field(default_factory=list)
    moved_aside: Path | None = None  # where a corrupt file was moved
    migrated_from: int | None = None  # the file's older schema version, if migrated


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
            data = MIGRATIONS[step](data)
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
