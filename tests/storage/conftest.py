"""Fixtures for the storage tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """An empty folder of its own (tmp_path also holds the test's WRITING_ASSISTANT_HOME)."""
    folder = tmp_path / "work"
    folder.mkdir()
    return folder
