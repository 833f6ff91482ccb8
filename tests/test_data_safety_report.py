"""The issue-14 report's 4 MB case, run as the script runs it: the real app, a subprocess."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "data_safety_report.py"


def _report_module():
    spec = importlib.util.spec_from_file_location("data_safety_report", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow
def test_ctrl_s_at_once_on_a_4_mb_file_leaves_its_bytes_and_says_why(tmp_path: Path) -> None:
    report = _report_module()
    row = report.half_loaded_case(tmp_path)
    before, after = row.disk.split(" → ")
    assert before.startswith("4,") and " B sha256 " in before
    assert after.split(" (")[0] == before  # same size, same sha256
    assert "identical; mtime unchanged" in row.disk
    assert "still loading: True" in row.done
    assert any("still opening" in seen for seen in row.seen)
    assert row.holds
