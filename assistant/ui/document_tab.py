"""One open document: its editor, its file path and on-disk format."""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from assistant.storage.documents import DocumentFormat, load_document, save_document
from assistant.ui.editor import Editor

_untitled_numbers = itertools.count(1)


class DocumentTab(QWidget):
    """A tab page holding one document's editor; file I/O goes through storage.documents."""

    #: The name or the modified state changed (the tab and window titles follow).
    title_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = Editor(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor)
        self.path: Path | None = None
        self.format = DocumentFormat()
        self.mtime_ns = 0
        self._untitled = self.tr("Untitled %1").replace("%1", str(next(_untitled_numbers)))
        self.editor.document().modificationChanged.connect(lambda _m: self.title_changed.emit())

    @property
    def key(self) -> str:
        """A stable identity for per-document state (panel histories)."""
        return f"doc-{id(self)}"

    @property
    def display_name(self) -> str:
        """The file name, or "Untitled N"."""
        return self.path.name if self.path else self._untitled

    @property
    def modified(self) -> bool:
        """True when the text differs from what was last saved or opened."""
        return self.editor.document().isModified()

    @property
    def is_pristine(self) -> bool:
        """An untitled, empty, unmodified document (replaced when a file is opened)."""
        return self.path is None and not self.modified and self.editor.document().isEmpty()

    def load(self, path: str | Path) -> None:
        """Read a file into the editor; raises DocumentError (the editor keeps its text)."""
        loaded = load_document(path)
        self.editor.setPlainText(loaded.text)
        self.path = Path(path).resolve()
        self.format = loaded.format
        self.mtime_ns = loaded.mtime_ns
        self.editor.document().setModified(False)
        self.title_changed.emit()

    def save(self, path: str | Path | None = None) -> None:
        """Write the text to `path` (default: its own path); raises DocumentError."""
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("an untitled document needs a path")
        self.mtime_ns = save_document(target, self.editor.toPlainText(), self.format)
        self.path = target.resolve()
        self.editor.document().setModified(False)
        self.title_changed.emit()
