"""Keyboard shortcuts: remember each action's default keys, apply overrides, find clashes.

`Settings.shortcuts` maps an action id to the key sequence the writer chose
(PortableText, e.g. "Ctrl+Shift+J"); "" means the writer removed the shortcut. Ids
not in the map use the action's default keys, recorded once by `record_defaults`
before any override is applied.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtGui import QAction, QKeySequence

_DEFAULT = "wa_default_keys"
Portable = QKeySequence.SequenceFormat.PortableText
Native = QKeySequence.SequenceFormat.NativeText


def record_defaults(actions: dict[str, QAction]) -> None:
    """Remember the current keys of every action as its defaults (first call wins)."""
    for action in actions.values():
        if action.property(_DEFAULT) is None:
            action.setProperty(_DEFAULT, [k.toString(Portable) for k in action.shortcuts()])


def default_keys(action: QAction) -> list[str]:
    """An action's default key sequences (PortableText)."""
    keys = action.property(_DEFAULT)
    if keys is None:
        return [k.toString(Portable) for k in action.shortcuts()]
    return list(keys)


def current_key(action: QAction) -> str:
    """The action's main key sequence (PortableText), "" if none."""
    return action.shortcut().toString(Portable)


def apply_shortcuts(actions: dict[str, QAction], overrides: dict[str, str]) -> None:
    """Give every action its override, or its defaults; keep key hints in tooltips current."""
    for action_id, action in actions.items():
        old = action.shortcut().toString(Native)
        if action_id in overrides:
            action.setShortcut(QKeySequence(overrides[action_id]))
        else:
            action.setShortcuts([QKeySequence(k) for k in default_keys(action)])
        new = action.shortcut().toString(Native)
        tip = action.toolTip()
        if old and tip.endswith(f" ({old})"):
            tip = tip[: -len(f" ({old})")]
        elif tip != action.text().replace("&", ""):
            continue  # a descriptive tooltip: leave it alone
        action.setToolTip(f"{tip} ({new})" if new else tip)


def overrides_for(actions: dict[str, QAction], chosen: dict[str, str]) -> dict[str, str]:
    """The settings map for `chosen` keys: only the ids that differ from their defaults."""
    out = {}
    for action_id, key in chosen.items():
        action = actions.get(action_id)
        defaults = default_keys(action) if action is not None else []
        if key != (defaults[0] if defaults else ""):
            out[action_id] = key
    return out


def find_conflicts(chosen: dict[str, str]) -> dict[str, list[str]]:
    """Key sequence -> the action ids that share it (only sequences used more than once)."""
    users: dict[str, list[str]] = defaultdict(list)
    for action_id, key in chosen.items():
        if key:
            users[QKeySequence(key).toString(Portable)].append(action_id)
    return {key: ids for key, ids in users.items() if len(ids) > 1}
