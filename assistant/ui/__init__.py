"""Qt widgets. Nothing here imports torch or transformers (a test checks it)."""

from assistant.ui import _pyside_fixes

# Must run before any signal is emitted from Python (see _pyside_fixes).
PYSIDE_EMIT_FIX_APPLIED = _pyside_fixes.apply()
