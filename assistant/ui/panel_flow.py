"""What every panel's flow does with the worker's signals for its own requests."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject

from assistant.ui.panels.panel_parts import queued_text


class PanelFlow(QObject):
    """Owns a panel's request ids (`_jobs`) and ignores everyone else's."""

    def __init__(self, window: Any, panel: Any) -> None:
        super().__init__(window)
        self.window = window
        self.panel = panel
        self._jobs: dict[int, Any] = {}

    def started_text(self) -> str:
        """The panel's status while its request runs, e.g. "Rewriting…"."""
        raise NotImplementedError

    def on_queued(self, request_id: int, position: int) -> None:
        """Say that this panel's request waits for another generation."""
        if request_id in self._jobs:
            self.panel.set_status(queued_text(position))

    def on_started(self, request_id: int) -> None:
        """The worker began this panel's request."""
        if request_id in self._jobs:
            self.panel.set_status(self.started_text())

    def on_prompt_built(self, request_id: int, prompt: str, truncated: bool) -> None:
        """Keep "What the model sees" up to date."""
        if request_id in self._jobs:
            self.panel.set_prompt(prompt, truncated)
