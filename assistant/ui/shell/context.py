"""Counts and selection of the current document, for the status bar and the panels.

Counting a large document on every keystroke would make typing lag, so counts come
after a pause (and off the GUI thread for big texts: `TextCounter`); the selection's
presence is reported at once (buttons follow it), its size after the same pause.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from assistant.tasks.text import count_text
from assistant.ui.documents.document_tab import DocumentTab
from assistant.ui.documents.text_counter import TextCounter
from assistant.ui.shell.workspace import DocumentContext

if TYPE_CHECKING:
    from assistant.ui.shell.workspace import Workspace

#: Documents above this many characters are counted after a longer pause.
LARGE_DOCUMENT_CHARS = 200_000


class ContextTracker(QObject):
    """Follows every document; reports counts and the selection of the current one."""

    #: The current document's (words, characters), after each count.
    counted = Signal(int, int)

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.dialog_parent())
        self._ws = workspace
        #: (words, characters) of the current document, updated after typing pauses.
        self.document_counts = (0, 0)
        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.timeout.connect(self._count)
        self._context_timer = QTimer(self)
        self._context_timer.setSingleShot(True)
        self._context_timer.setInterval(200)  # counting words per keystroke would lag
        self._context_timer.timeout.connect(self._report_context)
        self._counter = TextCounter(self)  # large documents are counted off the GUI thread
        self._counter.counted.connect(self._on_counted)
        signals = workspace.signals
        signals.document_added.connect(self._watch)
        signals.current_document_changed.connect(self._on_current_changed)

    def _watch(self, tab: DocumentTab) -> None:
        editor = tab.editor
        editor.document().contentsChanged.connect(lambda: self._on_text_changed(tab))
        editor.selectionChanged.connect(lambda: self._on_selection_changed(tab))

    def _on_current_changed(self, tab: DocumentTab | None) -> None:
        self._count()
        self._ws.signals.selection_changed.emit(
            bool(tab and tab.editor.textCursor().hasSelection())
        )
        self._context_timer.start()

    def _on_text_changed(self, tab: DocumentTab) -> None:
        if tab is self._ws.current_tab():
            size = tab.editor.document().characterCount()
            self._count_timer.start(250 if size < LARGE_DOCUMENT_CHARS else 1500)
            self._context_timer.start()

    def _on_selection_changed(self, tab: DocumentTab) -> None:
        if tab is self._ws.current_tab():
            self._ws.signals.selection_changed.emit(tab.editor.textCursor().hasSelection())
            self._context_timer.start()

    def _count(self) -> None:
        editor = self._ws.current_editor()
        if editor is not None:
            self._counter.count(editor.toPlainText())

    def _on_counted(self, words: int, characters: int) -> None:
        self.document_counts = (words, characters)
        self.counted.emit(words, characters)
        self._context_timer.start()

    def refresh(self) -> None:
        """Tell everyone the current selection and document again (a panel added late)."""
        self._report_context()

    def _report_context(self) -> None:
        editor = self._ws.current_editor()
        cursor = editor.textCursor() if editor else None
        selected = cursor.selectedText().replace("\u2029", "\n") if cursor else ""
        has_selection = bool(selected.strip())
        self._ws.signals.context_changed.emit(
            DocumentContext(
                has_document=bool(editor and not editor.document().isEmpty()),
                # The whole document's words come from the (off-thread) count: counting
                # 10 MB here after every pause froze typing for seconds.
                document_words=self.document_counts[0],
                has_selection=has_selection,
                selected_words=count_text(selected)[0] if has_selection else 0,
                document_characters=self.document_counts[1],
            )
        )
