"""Bringing a settings file of an older version up to the current schema.

Each step of ``MIGRATIONS`` turns an object of version N into version N + 1; values
are validated later, when ``settings_file`` builds ``Settings`` from the result.

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

from typing import Any

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
MIGRATIONS = {1: _migrate_v1, 2: _migrate_v2}
