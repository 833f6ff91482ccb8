"""What file commands need of the window: the documents and a way to talk to the writer.

The workspace (`shell/workspace.py`) extends this protocol with what the assist
features need; file commands and anything else that only handles documents take the
narrower one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from assistant.settings import Settings
    from assistant.ui.documents.document_tab import DocumentTab


class DocumentHost(Protocol):
    """Open documents, the settings, and messages to the writer."""

    settings: Settings

    def current_tab(self) -> DocumentTab | None:
        """The document shown."""

    def documents(self) -> list[DocumentTab]:
        """Every open document, in tab order."""

    def add_document_tab(self, tab: DocumentTab) -> DocumentTab:
        """Show a new document tab (wired like every other)."""

    def show_tab(self, tab: DocumentTab) -> None:
        """Bring a document to the front."""

    def notify(
        self,
        text: str,
        *,
        error: bool = False,
        action_text: str = "",
        action: Callable[[], None] | None = None,
    ) -> None:
        """Tell the writer something above the documents (an error never loses text)."""

    def show_status(self, text: str, timeout_ms: int = 4000) -> None:
        """A passing message in the status bar."""

    def ensure_loaded(self, tab: DocumentTab | None) -> bool:
        """True when the tab's whole text is in; otherwise say it is still opening."""

    def ensure_editable(self, tab: DocumentTab | None) -> bool:
        """True when the text may be changed (all in, not read-only); otherwise say why."""

    def dialog_parent(self) -> QWidget:
        """The widget dialogs are modal to."""
