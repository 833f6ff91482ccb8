"""Install Summarize: the action (menu, context menu, Ctrl+Shift+M), the panel and its flow."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from assistant.ui.features.summarize.flow import SummarizeFlow
from assistant.ui.features.summarize.panel import SummarizePanel
from assistant.ui.generation.job import GenerationJob
from assistant.ui.shell.workspace import DocumentContext

if TYPE_CHECKING:
    from assistant.ui.shell.workspace import Workspace

#: Ctrl+Shift+S is Save As, so Summarize takes M.
SHORTCUT = "Ctrl+Shift+M"


class SummarizeFeature(QObject):
    """Summarize the selection, or the whole document when nothing is selected."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.dialog_parent())
        self.ws = workspace
        self.panel = SummarizePanel(workspace.dialog_parent())
        workspace.add_panel(self.panel)
        self.flow = SummarizeFlow(workspace, self.panel)
        self.action = workspace.action_registry.register(
            "summarize", self.tr("S&ummarize"), SHORTCUT, menu="assist", context_menu=True
        )
        self.action.triggered.connect(self.summarize)
        p, f = self.panel, self.flow
        p.summarize_requested.connect(f.start)
        p.stop_requested.connect(f.stop)
        p.insert_requested.connect(f.insert)
        p.copy_requested.connect(f.copy)
        workspace.signals.context_changed.connect(self._show_source)
        workspace.signals.document_closing.connect(f.forget_tab)

    def summarize(self) -> GenerationJob | None:
        """Assist › Summarize: show the panel and summarize the selection or document."""
        self.ws.show_panel(self.panel)
        return self.flow.start()

    def _show_source(self, context: DocumentContext) -> None:
        if context.has_selection:
            self.panel.set_source(context.selected_words, True, True)
        else:
            self.panel.set_source(context.document_words, False, context.has_document)


def install(workspace: Workspace) -> SummarizeFeature:
    """Add Summarize to the workspace."""
    return SummarizeFeature(workspace)
