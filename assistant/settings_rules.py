"""Allowed values of every setting, shared by ``load_settings`` and the Settings dialog.

Keys are dotted paths into ``Settings`` ("editor.font_size", "presets.chat.top_p").
"""

from __future__ import annotations

import base64
import binascii
import math
from dataclasses import dataclass
from typing import Any

from assistant.tasks.writing_stats import GOAL_UNITS

DEVICES: tuple[str, ...] = ("auto", "cpu", "cuda", "mps")
#: Where the model runs: in this process, or on an OpenAI-compatible server.
BACKENDS: tuple[str, ...] = ("local", "openai")
THEMES: tuple[str, ...] = ("system", "light", "dark")
LANGUAGES: tuple[str, ...] = ("system", "en", "zh_CN")
#: Where a document's provenance sidecar is kept (storage/provenance.py).
PROVENANCE_LOCATIONS: tuple[str, ...] = ("data", "beside")
#: The largest goal a writer can set (a long novel in characters).
MAX_GOAL = 10_000_000
MAX_RECENT_FILES = 10
MAX_RECENT_INSTRUCTIONS = 5


class Invalid(ValueError):
    """A value that breaks its rule; the message says why, in words for the user."""


@dataclass(frozen=True)
class Rule:
    """How one setting is checked: its kind plus range, choices or length."""

    kind: str  # bool int float str enum base64 url str_list str_map opt_str opt_int
    lo: float | None = None
    hi: float | None = None
    lo_open: bool = False
    choices: tuple[str, ...] = ()
    max_items: int | None = None
    zero_ok: bool = False  # 0 is allowed besides [lo, hi] (e.g. width 0 = full width)


_PRESET_RULES = {
    "temperature": Rule("float", 0.0, 5.0),
    "top_p": Rule("float", 0.0, 1.0, lo_open=True),
    "top_k": Rule("int", 0, 100_000),
    "repetition_penalty": Rule("float", 0.5, 3.0),
    "max_new_tokens": Rule("int", 1, 32_768),
    "seed": Rule("opt_int", 0, 2**32 - 1),
}

_RULES: dict[str, Rule] = {
    "version": Rule("int", 1, None),
    "model.path": Rule("opt_str"),
    "model.device": Rule("enum", choices=DEVICES),
    "model.user_models": Rule("str_list", max_items=200),
    "model.hf_endpoint": Rule("url"),
    "model.backend": Rule("enum", choices=BACKENDS),
    "model.server_url": Rule("url"),
    "model.server_model": Rule("str"),
    "model.server_timeout_s": Rule("int", 1, 600),
    "model.server_context_tokens": Rule("int", 256, 10_000_000, zero_ok=True),
    "chat_persona": Rule("str"),
    "editor.font_family": Rule("str"),
    "editor.font_size": Rule("int", 6, 96),
    "editor.wrap": Rule("bool"),
    "editor.width_chars": Rule("int", 20, 400, zero_ok=True),
    "editor.zoom": Rule("int", -10, 30),
    "theme": Rule("enum", choices=THEMES),
    "language": Rule("enum", choices=LANGUAGES),
    "autosave_interval_s": Rule("int", 5, 3600),
    "window_geometry": Rule("base64"),
    "window_state": Rule("base64"),
    "recent_files": Rule("str_list", max_items=MAX_RECENT_FILES),
    "recent_instructions": Rule("str_list", max_items=MAX_RECENT_INSTRUCTIONS),
    "shortcuts": Rule("str_map"),
    "ghost.enabled": Rule("bool"),
    "ghost.delay_ms": Rule("int", 100, 10_000),
    "ghost.max_tokens": Rule("int", 1, 128),
    "offline_mode": Rule("bool"),
    "privacy.lock_after_min": Rule("int", 1, 480, zero_ok=True),
    "voice.current": Rule("str"),
    "voice.documents": Rule("str_map"),
    "voice.examples": Rule("bool"),
    "voice.example_paths": Rule("str_list", max_items=200),
    "goals.daily_target": Rule("int", 0, MAX_GOAL),
    "goals.document_target": Rule("int", 0, MAX_GOAL),
    "goals.unit": Rule("enum", choices=GOAL_UNITS),
    "provenance.show_model_text": Rule("bool"),
    "provenance.location": Rule("enum", choices=PROVENANCE_LOCATIONS),
}


def rule_for(key: str) -> Rule | None:
    """The rule for a dotted key, or None for a key the schema does not have."""
    parts = key.split(".")
    if len(parts) == 3 and parts[0] == "presets":
        return _PRESET_RULES.get(parts[2])
    return _RULES.get(key)


def _range_text(rule: Rule, whole: bool) -> str:
    noun = "a whole number" if whole else "a number"
    if rule.hi is None:
        text = f"{noun} of at least {rule.lo:g}"
    elif rule.lo_open:
        text = f"{noun} greater than {rule.lo:g} and at most {rule.hi:g}"
    else:
        text = f"{noun} between {rule.lo:g} and {rule.hi:g}"
    return f"0 or {text}" if rule.zero_ok else text


def _number(rule: Rule, value: Any, whole: bool) -> int | float:
    # bool is an int subclass; "true" for a font size is a mistake, not 1.
    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    if ok and isinstance(value, float):
        ok = math.isfinite(value) and (not whole or value.is_integer())
    if not ok:
        raise Invalid(f"must be {_range_text(rule, whole)}")
    number = int(value) if whole else float(value)
    if rule.zero_ok and number == 0:
        return number
    below = rule.lo is not None and (number <= rule.lo if rule.lo_open else number < rule.lo)
    above = rule.hi is not None and number > rule.hi
    if below or above:
        raise Invalid(f"must be {_range_text(rule, whole)}")
    return number


def _str_list(rule: Rule, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise Invalid("must be a list of text values")
    unique = list(dict.fromkeys(v for v in value if v))
    return unique[: rule.max_items] if rule.max_items else unique


def coerce(rule: Rule, value: Any) -> Any:
    """Return the normalised value, or raise Invalid with a user-readable reason."""
    kind = rule.kind
    if kind == "bool":
        if not isinstance(value, bool):
            raise Invalid("must be true or false")
        return value
    if kind in ("int", "float"):
        return _number(rule, value, whole=kind == "int")
    if kind == "opt_int":
        return None if value is None else _number(rule, value, whole=True)
    if kind == "enum":
        if value not in rule.choices:
            raise Invalid(f"must be one of: {', '.join(rule.choices)}")
        return value
    if kind == "str_list":
        return _str_list(rule, value)
    if kind == "str_map":
        if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
            raise Invalid("must map names to text values")
        return dict(value)
    if kind == "opt_str" and (value is None or value == ""):
        return None
    if not isinstance(value, str):
        raise Invalid("must be text")
    if kind == "base64" and value:
        try:
            base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise Invalid("must be base64 text") from None
    if kind == "url" and value and not value.startswith(("http://", "https://")):
        raise Invalid("must be empty or start with http:// or https://")
    return value


def validate_field(key: str, value: Any) -> str | None:
    """Check one value for a dotted key (e.g. "editor.font_size"); return an error or None."""
    rule = rule_for(key)
    if rule is None:
        return f"unknown setting {key!r}"
    try:
        coerce(rule, value)
    except Invalid as exc:
        return str(exc)
    return None
