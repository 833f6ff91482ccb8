"""A workspace without a main window: enough to install one feature and drive it.

Documents are kept in a list, the "current" one is the last shown, notes are
recorded instead of shown. It implements `assistant.ui.shell.workspace.Workspace`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDockWidget, QWidget

from assistant.settings import Settings
from assistant.ui.documents.document_tab import DocumentTab
from assistant.ui.documents.editor import Editor
from assistant.ui.documents.file_ops import FileOps
from assistant.ui.generation.controller import GenerationController
from assistant.ui.shell.actions import ActionRegistry
from assistant.ui.shell.workspace import WorkspaceSignals


class StubWorkspace:
    """Just the workspace protocol, over a plain widget."""

    def __init__(self, generation: GenerationController, settings: Settings | None = None) -> None:
        self.widget = QWidget()
        self.settings = settings or Settings()
        self.generation = generation
        self.signals = WorkspaceSignals(self.widget)
        self.action_registry = ActionRegistry(self.widget, self.settings.shortcuts)
        self.files = FileOps(self)
        self.tabs: list[DocumentTab] = []
        self.current: DocumentTab | None = None
        self.panels: list[QDockWidget] = []
        self.notes: list[tuple[str, bool]] = []
        self.status: list[str] = []

    def current_tab(self) -> DocumentTab | None:
        return self.current

    def current_editor(self) -> Editor | None:
        return self.current.editor if self.current else None

    def documents(self) -> list[DocumentTab]:
        return list(self.tabs)

    def add_document_tab(self, tab: DocumentTab) -> DocumentTab:
        self.tabs.append(tab)
        self.signals.document_added.emit(tab)
        self.show_tab(tab)
        return tab

    def show_tab(self, tab: DocumentTab) -> None:
        self.current = tab
        self.signals.current_document_changed.emit(tab)

    def close_document(self, tab: DocumentTab) -> bool:
        self.signals.document_closing.emit(tab)
        self.tabs.remove(tab)
        self.current = self.tabs[-1] if self.tabs else None
        self.signals.current_document_changed.emit(self.current)
        return True

    def add_panel(self, dock: QDockWidget) -> None:
        self.panels.append(dock)

    def show_panel(self, dock: QDockWidget) -> None:
        dock.show()

    def notify(
        self,
        text: str,
        *,
        error: bool = False,
        action_text: str = "",
        action: Callable[[], None] | None = None,
    ) -> None:
        self.notes.append((text, error))

    def clear_notice(self) -> None:
        self.notes.clear()

    def show_status(self, text: str, timeout_ms: int = 4000) -> None:
        self.status.append(text)

    def show_suggestion_keys(self, visible: bool) -> None:
        pass

    def add_status_field(self, widget: QWidget) -> None:
        widget.setParent(self.widget)

    def ensure_loaded(self, tab: DocumentTab | None) -> bool:
        return tab is None or not tab.loading

    def ensure_editable(self, tab: DocumentTab | None) -> bool:
        return self.ensure_loaded(tab) and (tab is None or tab.read_only_reason is None)

    def dialog_parent(self) -> QWidget:
        return self.widget
