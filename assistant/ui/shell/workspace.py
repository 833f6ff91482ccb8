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

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal

from assistant.ui.documents.host import DocumentHost

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDockWidget, QWidget

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
    document_characters: int = 0


@dataclass(frozen=True)
class ModelText:
    """Model text the writer just accepted into a document, between Qt positions start..end.

    `task` is "continue", "ghost", "rewrite", "summarize" or "chat". One acceptance that
    arrives in pieces (a continuation streaming in, a suggestion taken word by word)
    gives every piece the same `accepted_at`, so they count as one.
    """

    tab: DocumentTab
    start: int
    end: int
    task: str
    accepted_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


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
    #: Settings › Privacy cleared the writing statistics.
    statistics_cleared = Signal()
    #: Model text entered a document (ModelText): the flows announce it, provenance and
    #: statistics record it; no flow knows who listens.
    model_text_inserted = Signal(object)
    #: A suggestion appeared (its task, e.g. "ghost"), or went away without being accepted.
    suggestion_shown = Signal(str)
    suggestion_dismissed = Signal(str)
    #: A recovery copy was put back into a document (DocumentTab, the copy's extra JSON,
    #: where features find what they kept with it through `DocumentTab.recovery_extras`).
    document_restored = Signal(object, dict)
    #: Settings › Privacy deleted everything the app stored: the window closes, saving nothing.
    all_data_deleted = Signal()
    #: The window closes (every document saved or discarded): persist what is open.
    closing = Signal()
    #: The process is about to end without asking (SIGTERM, logout): keep what is unsaved.
    flush_requested = Signal()


class Workspace(DocumentHost, Protocol):
    """The window as the features see it: the documents, and the services around them."""

    generation: GenerationController
    files: FileOps
    action_registry: ActionRegistry
    signals: WorkspaceSignals

    def current_editor(self) -> Editor | None:
        """The editor of the document shown."""

    def close_document(self, tab: DocumentTab) -> bool:
        """Close a document (asking about unsaved changes); False if the writer cancelled."""

    def add_panel(self, dock: QDockWidget) -> None:
        """Add a side panel (tabbed with the others, listed in View › Panels)."""

    def show_panel(self, dock: QDockWidget) -> None:
        """Make a panel visible and bring it to the front."""

    def clear_notice(self) -> None:
        """Hide the message shown by `notify`."""

    def show_suggestion_keys(self, visible: bool) -> None:
        """Name the keys of an inline suggestion in the status bar (Tab, Esc, …)."""

    def add_status_field(self, widget: QWidget) -> None:
        """Show a small permanent field in the status bar, before the word counts."""
