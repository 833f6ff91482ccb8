"""What every panel's flow does with a job it submitted: status, prompt, queue position."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from assistant.ui.features.common.panel_parts import queued_text, replaced_text
from assistant.ui.generation.job import GenerationJob

if TYPE_CHECKING:
    from assistant.ui.shell.workspace import Workspace


class PanelFlow(QObject):
    """A panel's requests: shows where each one is (waiting, running) and its prompt."""

    def __init__(self, workspace: Workspace, panel: Any) -> None:
        super().__init__(panel)
        self.ws = workspace
        self.panel = panel

    def started_text(self) -> str:
        """The panel's status while its request runs, e.g. "Rewriting…"."""
        raise NotImplementedError

    def follow(self, job: GenerationJob, replaced: bool = False) -> None:
        """Show `job`'s progress in the panel from now on (and where it is right now)."""
        job.queued.connect(lambda position: self.panel.set_status(queued_text(position)))
        job.started.connect(lambda: self.panel.set_status(self.started_text()))
        job.prompt_built.connect(self.panel.set_prompt)
        if replaced:
            self.panel.set_status(replaced_text())
        elif self.ws.generation.running_job is not job:
            self.panel.set_status(queued_text(1))
        else:
            self.panel.set_status(self.started_text())
