"""`writing-assistant --self-test`: its checks, its one-line report and its exit status."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant import selftest
from assistant.app import main as app_main


def test_file_check_keeps_encoding_and_line_endings(tmp_path: Path) -> None:
    selftest.check_file(tmp_path)
    saved = (tmp_path / "self-test.txt").read_bytes()
    assert saved == (selftest.SAMPLE_TEXT + "Added by the self-test\r\n").encode("utf-8")


def test_window_check_shows_and_closes_the_main_window(qapp) -> None:
    from PySide6.QtWidgets import QMainWindow

    seconds, _since_launch = selftest.check_window()
    assert seconds > 0
    qapp.processEvents()
    assert not [w for w in qapp.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible()]


def test_a_failing_check_prints_one_failed_line_and_returns_1(
    qapp, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken_model() -> tuple[float, float, int, str]:
        raise selftest.SelfTestError("the model generated nothing")

    monkeypatch.setattr(selftest, "check_model", broken_model)
    assert app_main(["--self-test"]) == 1
    out = capsys.readouterr().out
    assert out == "FAILED self-test: the model generated nothing\n"


@pytest.mark.slow
def test_self_test_passes_with_the_default_model(
    qapp, default_model_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert app_main(["--self-test"]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith("OK self-test: window ")
    assert re.search(r"generate [\d.]+ s \([1-8] tokens\)$", out), out
