"""Install Rewrite: the action (menu, context menu, Ctrl+Shift+R), the panel and its flow."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence

from assistant.ui.features.rewrite.flow import RewriteFlow
from assistant.ui.features.rewrite.panel import RewritePanel
from assistant.ui.generation.job import GenerationJob

if TYPE_CHECKING:
    from assistant.ui.shell.workspace import Workspace

#: Ctrl+Shift+R; none of the assist keys clashes with File/Edit/View.
SHORTCUT = "Ctrl+Shift+R"


class RewriteFeature(QObject):
    """Rewrite a selection: shorter, longer, clearer, … or the writer's own instruction."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.dialog_parent())
        self.ws = workspace
        self.panel = RewritePanel(workspace.dialog_parent())
        workspace.add_panel(self.panel)
        self.flow = RewriteFlow(workspace, self.panel)
        self.panel.set_recent_instructions(workspace.settings.recent_instructions)
        self.action = workspace.action_registry.register(
            "rewrite", self.tr("&Rewrite Selection…"), SHORTCUT, menu="assist", context_menu=True
        )
        self.action.triggered.connect(self.rewrite_selection)
        key = self.action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        self.panel.set_shortcut_text(key)
        p, f = self.panel, self.flow
        p.rewrite_requested.connect(f.start)
        p.again_requested.connect(f.again)
        p.stop_requested.connect(f.stop)
        p.replace_requested.connect(f.replace)
        p.insert_requested.connect(f.insert_below)
        p.copy_requested.connect(f.copy)
        signals = workspace.signals
        signals.selection_changed.connect(p.set_has_selection)
        signals.context_changed.connect(lambda context: p.set_has_selection(context.has_selection))
        signals.document_closing.connect(f.forget_tab)

    def rewrite_selection(self) -> GenerationJob | None:
        """Assist › Rewrite Selection: show the panel and rewrite with its options."""
        self.ws.show_panel(self.panel)
        return self.flow.start()


def install(workspace: Workspace) -> RewriteFeature:
    """Add Rewrite to the workspace."""
    return RewriteFeature(workspace)
