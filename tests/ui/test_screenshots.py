"""scripts/screenshots.py keeps working: the README's screenshots can always be regenerated.

The sessions without a model run here (a few seconds); the writing session with the
embedded model is the slow one.
"""

from __future__ import annotations

import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _take(out: Path, *names: str) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "screenshots.py"), "--out", str(out), *names],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=900,
    )


def test_every_readme_screenshot_comes_from_the_script() -> None:
    sessions = runpy.run_path(str(ROOT / "scripts" / "screenshots.py"))["SESSIONS"]
    scripted = {name for _settings, names, _model in sessions.values() for name in names}
    in_readme = set(re.findall(r"docs/screenshots/([\w-]+)\.png", README))
    assert in_readme == scripted
    on_disk = {p.stem for p in (ROOT / "docs" / "screenshots").glob("*.png")}
    assert on_disk == scripted  # no stale picture the script would not redo


def test_screenshots_of_dialogs_and_the_lock_screen(tmp_path) -> None:
    _take(tmp_path, "settings-dark", "model-manager-zh", "lock-screen")
    lock = QImage(str(tmp_path / "lock-screen.png"))
    assert (lock.width(), lock.height()) == (1120, 800)  # the whole window
    dark = QImage(str(tmp_path / "settings-dark.png"))
    assert dark.pixelColor(5, 5).lightness() < 80  # the dark theme
    assert not QImage(str(tmp_path / "model-manager-zh.png")).isNull()


@pytest.mark.slow
def test_screenshots_of_the_panels_with_the_embedded_model(tmp_path, default_model_file) -> None:
    names = ("main-window", "continue-writing", "rewrite-panel", "summarize-panel", "chat-panel")
    _take(tmp_path, *names)
    for name in names:
        image = QImage(str(tmp_path / f"{name}.png"))
        assert (image.width(), image.height()) == (1120, 800), name
