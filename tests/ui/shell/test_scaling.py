"""Looks right at every scale: nothing clipped at QT_SCALE_FACTOR 1.5 and 2, in both languages.

The factor is read when the QApplication is created, so each one runs
tests/ui/shell/layout_probe.py in a child process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QPushButton, QWidget

from assistant.ui.scripted import offscreen_platform
from tests.ui.shell.layout_probe import problems_in

PROBE = Path(__file__).with_name("layout_probe.py")
ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("factor", ["1.5", "2"])
def test_no_text_is_clipped_at_high_dpi(tmp_path, factor) -> None:
    env = {
        **os.environ,
        "QT_SCALE_FACTOR": factor,
        "QT_QPA_PLATFORM": offscreen_platform(tmp_path),
        "WRITING_ASSISTANT_HOME": str(tmp_path / "home"),
        "PYTHONPATH": str(ROOT),
    }
    run = subprocess.run(
        [sys.executable, str(PROBE), "en", "zh_CN"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout)
    for language in ("en", "zh_CN"):
        states = [c for c in report["checked"] if c.startswith(language + " ")]
        # The window, four panels, six Settings pages, Model manager, History, recovery.
        assert len(states) >= 14, states
    assert report["problems"] == []


def test_the_probe_sees_a_clipped_label_and_squeezed_buttons(qtbot) -> None:
    """The check above can fail: text wider than its widget is reported."""
    box = QWidget()
    qtbot.addWidget(box)
    layout = QHBoxLayout(box)
    label = QLabel("A label whose text is much longer than the room it gets")
    button = QPushButton("Download the model")
    check = QCheckBox("Remember the key on this computer")
    for widget in (label, button, check):
        layout.addWidget(widget)
    box.show()
    qtbot.waitExposed(box)
    assert problems_in(box, "sample") == []  # the layout gives each what it needs
    for widget in (label, button, check):
        widget.setFixedWidth(50)  # the kind of fixed size that clips at another scale
    qtbot.waitUntil(lambda: label.width() == 50)
    problems = problems_in(box, "sample")
    assert [p.split(" › ")[-1].split("(")[0].split(": ")[-1] for p in problems] == [
        "QLabel",
        "QPushButton",
        "QCheckBox",
    ], problems
