"""Install inline suggestions: the two switches (everywhere, this document) and the flow."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from assistant.ui.features.ghost.flow import GhostFlow
from assistant.ui.features.ghost.switches import GhostSwitches

if TYPE_CHECKING:
    from assistant.ui.shell.workspace import Workspace


class GhostFeature(QObject):
    """Grey suggestions after the cursor when the writer pauses."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.dialog_parent())
        registry = workspace.action_registry
        toggle = registry.register(
            "ghost",
            self.tr("&Inline Suggestions"),
            menu="assist",
            toolbar=True,
            checkable=True,
            tooltip=self.tr("Suggest the next words as you type (Tab accepts, Esc dismisses)"),
        )
        per_document = registry.register(
            "ghost_document", self.tr("Suggestions in This &Document"), menu="assist",
            checkable=True,
        )  # fmt: skip
        per_document.setChecked(True)
        self.flow = GhostFlow(workspace, GhostSwitches(workspace, toggle, per_document))
        # The status bar names the suggestion's keys while one is on screen.
        self.flow.shown.connect(lambda text, _final: workspace.show_suggestion_keys(bool(text)))
        self.flow.dismissed.connect(lambda: workspace.show_suggestion_keys(False))


def install(workspace: Workspace) -> GhostFlow:
    """Add inline suggestions to the workspace; returns the flow (tests drive it)."""
    return GhostFeature(workspace).flow
