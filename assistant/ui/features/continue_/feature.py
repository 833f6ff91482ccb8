"""Install Continue writing: the Ctrl+J action, the panel and its flow."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from assistant.ui.features.continue_.flow import ContinueFlow
from assistant.ui.features.continue_.panel import ContinueOptions, ContinuePanel

if TYPE_CHECKING:
    from assistant.settings import Settings
    from assistant.ui.documents.document_tab import DocumentTab
    from assistant.ui.shell.workspace import Workspace


class ContinueFeature(QObject):
    """Continue writing at the cursor, inline or as alternatives in the panel."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.dialog_parent())
        self.ws = workspace
        self.panel = ContinuePanel(workspace.dialog_parent())
        workspace.add_panel(self.panel)
        self.flow = ContinueFlow(workspace, self.panel)
        self.action = workspace.action_registry.register(
            "continue", self.tr("&Continue Writing"), "Ctrl+J", menu="assist", toolbar=True
        )
        self.action.triggered.connect(lambda: self.flow.start())
        self.panel.continue_requested.connect(self.flow.start)
        self.panel.stop_requested.connect(self.flow.stop)
        self.panel.alternative_chosen.connect(self.flow.insert_alternative)
        workspace.generation.foreground_busy_changed.connect(self.panel.set_busy)
        signals = workspace.signals
        signals.current_document_changed.connect(self._show_document)
        signals.document_closing.connect(self.flow.forget_tab)
        signals.document_added.connect(self._follow_editor)
        signals.settings_applied.connect(lambda _before: self._load_options(workspace.settings))
        # The panel's options are the continue preset: written back when the window closes.
        signals.closing.connect(self._store_options)
        self._load_options(workspace.settings)

    def _follow_editor(self, tab: DocumentTab) -> None:
        tab.editor.ai_conflict.connect(self.flow.on_conflict)
        tab.editor.ai_text_written.connect(
            lambda request_id, start, end: self.flow.on_text_written(tab, request_id, start, end)
        )

    def _show_document(self, tab: DocumentTab | None) -> None:
        if tab is not None:
            self.panel.show_document(tab.key)

    def _load_options(self, settings: Settings) -> None:
        p = settings.preset("continue")
        self.panel.set_options(
            ContinueOptions(max_new_tokens=p.max_new_tokens, temperature=p.temperature)
        )

    def _store_options(self) -> None:
        options = self.panel.options()
        settings = self.ws.settings
        preset = settings.preset("continue")
        preset.temperature = options.temperature
        preset.max_new_tokens = options.max_new_tokens
        settings.presets["continue"] = preset


def install(workspace: Workspace) -> ContinueFeature:
    """Add Continue writing to the workspace."""
    return ContinueFeature(workspace)
