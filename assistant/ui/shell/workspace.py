"""What a feature may use of the window: a narrow workspace, never the main window itself.

A feature (continue, rewrite, summarize, chat, ghost, document safety, …) is
installed with `install(workspace)`. It gets the current and open documents, the
settings, the generation controller, the action registry, a place for its panel and a
way to tell the writer something. Features do not know each other: what one does
that others care about travels as a signal on `WorkspaceSignals`.

`MainWindow` implements this protocol; tests build a feature against a small stub
(`tests/ui/stub_workspace.py`) without a window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget, QWidget

    from assistant.settings import Settings
    from assistant.ui.documents.document_tab import DocumentTab
    from assistant.ui.documents.editor import Editor
    from assistant.ui.documents.file_ops import FileOps
    from assistant.ui.generation.controller import GenerationController
    from assistant.ui.shell.actions import ActionRegistry


@dataclass(frozen=True)
class DocumentContext:
    """The current document as the assist panels describe it (after a short pause)."""

    has_document: bool = False
    document_words: int = 0
    has_selection: bool = False
    selected_words: int = 0


class WorkspaceSignals(QObject):
    """Events between the shell and the features (and between features)."""

    #: The document shown changed (DocumentTab or None).
    current_document_changed = Signal(object)
    #: A tab was added (DocumentTab): features that follow every editor attach here.
    document_added = Signal(object)
    #: A tab is about to close (DocumentTab): drop its requests and state.
    document_closing = Signal(object)
    #: The current selection appeared or went away (at once, for buttons).
    selection_changed = Signal(bool)
    #: Words of the document and the selection, after typing pauses (DocumentContext).
    context_changed = Signal(object)
    #: Settings › Preferences applied new settings (the settings before the change).
    settings_applied = Signal(object)
    #: Settings › Privacy deleted every chat conversation.
    chat_history_deleted = Signal()
    #: The window closes (every document saved or discarded): persist what is open.
    closing = Signal()


class Workspace(Protocol):
    """The window as the features see it."""

    settings: Settings
    generation: GenerationController
    files: FileOps
    action_registry: ActionRegistry
    signals: WorkspaceSignals

    def current_tab(self) -> DocumentTab | None:
        """The document shown."""

    def current_editor(self) -> Editor | None:
        """The editor of the document shown."""

    def documents(self) -> list[DocumentTab]:
        """Every open document, in tab order."""

    def add_document_tab(self, tab: DocumentTab) -> DocumentTab:
        """Show a new document tab (wired like every other)."""

    def show_tab(self, tab: DocumentTab) -> None:
        """Bring a document to the front."""

    def close_document(self, tab: DocumentTab) -> bool:
        """Close a document (asking about unsaved changes); False if the writer cancelled."""

    def add_panel(self, dock: QDockWidget) -> None:
        """Add a side panel (tabbed with the others, listed in View › Panels)."""

    def show_panel(self, dock: QDockWidget) -> None:
        """Make a panel visible and bring it to the front."""

    def notify(
        self,
        text: str,
        *,
        error: bool = False,
        action_text: str = "",
        action: Callable[[], None] | None = None,
    ) -> None:
        """Tell the writer something above the documents (an error never loses text)."""

    def clear_notice(self) -> None:
        """Hide the message shown by `notify`."""

    def show_status(self, text: str, timeout_ms: int = 4000) -> None:
        """A passing message in the status bar."""

    def show_suggestion_keys(self, visible: bool) -> None:
        """Name the keys of an inline suggestion in the status bar (Tab, Esc, …)."""

    def ensure_loaded(self, tab: DocumentTab | None) -> bool:
        """True when the tab's whole text is in; otherwise say it is still opening."""

    def dialog_parent(self) -> QWidget:
        """The widget dialogs are modal to."""
