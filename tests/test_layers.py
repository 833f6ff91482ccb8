"""The layer rule, enforced: engine/ imports no Qt; ui/ imports no torch."""

from __future__ import annotations

import subprocess
import sys


def modules_after_import(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return set(out.stdout.split())


def test_engine_does_not_import_qt():
    mods = modules_after_import(
        "assistant.engine.generate, assistant.engine.loader, assistant.cli, "
        "assistant.engine.voice_training, assistant.cli_voice"
    )
    assert "torch" in mods
    assert not any(m.startswith("PySide6") for m in mods)


def test_tasks_import_neither_qt_nor_torch():
    mods = modules_after_import(
        "assistant.tasks.build, assistant.tasks.summarize, assistant.tasks.voice_corpus"
    )
    assert "torch" not in mods
    assert not any(m.startswith("PySide6") for m in mods)


def test_main_window_does_not_import_torch():
    mods = modules_after_import("assistant.ui.shell.main_window")
    assert "PySide6.QtWidgets" in mods
    assert "torch" not in mods
    assert "transformers" not in mods
