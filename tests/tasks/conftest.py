"""Fixtures for the task tests: both kinds of fake profile."""

from __future__ import annotations

import pytest

from assistant.tasks.types import ModelProfile
from tests.tasks.fakes import make_profile


@pytest.fixture(params=[True, False], ids=["chat", "base"])
def profile(request: pytest.FixtureRequest) -> ModelProfile:
    """Both an instruct (chat template) and a base profile."""
    return make_profile(chat=request.param)
