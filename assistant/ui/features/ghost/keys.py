"""What a key means while an inline suggestion is on screen (Tab, Ctrl+Right, Esc, Alt+] …)."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent

Mod = Qt.KeyboardModifier
# Keypad keys carry a modifier of their own; it does not change their meaning here.
_IGNORED_MODS = Mod.KeypadModifier
_MODIFIER_KEYS = frozenset(
    {
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
    }
)


class Key(Enum):
    """The roles a key can play while a suggestion is on screen."""

    ACCEPT = "accept"  # Tab: the whole suggestion
    WORD = "word"  # Ctrl+Right: the next word
    DISMISS = "dismiss"  # Esc
    NEXT = "next"  # Alt+]: next alternative
    PREVIOUS = "previous"  # Alt+[: previous alternative
    TEXT = "text"  # a printable character (may type through the suggestion)
    MODIFIER = "modifier"  # Shift, Ctrl ... on their own: changes nothing
    OTHER = "other"  # anything else: the suggestion goes away


def classify(event: QKeyEvent) -> Key:
    """The role of a key press (or shortcut override) for inline suggestions."""
    key = event.key()
    mods = event.modifiers() & ~_IGNORED_MODS
    if key in _MODIFIER_KEYS:
        return Key.MODIFIER
    if key == Qt.Key.Key_Tab and mods == Mod.NoModifier:
        return Key.ACCEPT
    if key == Qt.Key.Key_Right and mods == Mod.ControlModifier:
        return Key.WORD
    if key == Qt.Key.Key_Escape and mods == Mod.NoModifier:
        return Key.DISMISS
    if key == Qt.Key.Key_BracketRight and mods == Mod.AltModifier:
        return Key.NEXT
    if key == Qt.Key.Key_BracketLeft and mods == Mod.AltModifier:
        return Key.PREVIOUS
    text = event.text()
    ctrl_or_alt = bool(mods & (Mod.ControlModifier | Mod.AltModifier))
    # AltGr arrives as Ctrl+Alt on some platforms and still types a character.
    altgr = bool(mods & Mod.ControlModifier) and bool(mods & Mod.AltModifier)
    if text and text.isprintable() and (not ctrl_or_alt or altgr):
        return Key.TEXT
    return Key.OTHER
