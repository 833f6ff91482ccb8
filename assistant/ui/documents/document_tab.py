"""One open document: its editor, its file path and on-disk format."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from assistant.storage.atomic import display_name
from assistant.storage.doc_ids import new_doc_id
from assistant.storage.documents import DocumentFormat, LoadedDocument, load_document
from assistant.storage.signature import DiskSignature
from assistant.ui.documents.editor import Editor
from assistant.ui.documents.progressive_load import PROGRESSIVE_MIN_CHARS, ProgressiveLoad

_untitled_numbers = itertools.count(1)


class DocumentTab(QWidget):
    """A tab page holding one document's editor; file I/O goes through storage.documents."""

    #: The name or the modified state changed (the tab and window titles follow).
    title_changed = Signal()
    #: The encoding or line endings changed (the status bar follows).
    format_changed = Signal()
    #: A (large, progressively inserted) file finished loading into the editor.
    loaded = Signal()
    #: The file was written by us (its path; watchers re-arm, recovery copies go).
    saved = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = Editor(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor)
        self.path: Path | None = None
        self._format = DocumentFormat()
        #: The file's bytes as we last read or wrote them (None: never on disk here).
        self.signature: DiskSignature | None = None
        #: Set when the file could not be decoded: shown, never saved over.
        self.read_only_reason: str | None = None
        #: What opening the file announced (mixed line endings, paragraph separators).
        self.notes: tuple[str, ...] = ()
        #: Where Save As proposes to save a document that has no file yet.
        self.suggested_path: Path | None = None
        #: Names this document's autosave copy; a restored document reuses the crashed one's id.
        self.recovery_id = new_doc_id()
        #: What features keep with the recovery copy: name -> function of the copy's text
        #: returning JSON values (given back with `WorkspaceSignals.document_restored`).
        self.recovery_extras: dict[str, Callable[[str], Any]] = {}
        self._progressive: ProgressiveLoad | None = None
        self._setting_text = False
        self._untitled = self.tr("Untitled %1").replace("%1", str(next(_untitled_numbers)))
        self.editor.document().modificationChanged.connect(lambda _m: self.title_changed.emit())

    @property
    def format(self) -> DocumentFormat:
        """The file's encoding, BOM and line endings (kept on save)."""
        return self._format

    @format.setter
    def format(self, fmt: DocumentFormat) -> None:
        changed = fmt != self._format
        self._format = fmt
        if changed:
            self.format_changed.emit()

    @property
    def key(self) -> str:
        """A stable identity for per-document state (panel histories)."""
        return f"doc-{id(self)}"

    @property
    def display_name(self) -> str:
        """The file name (printable even when not valid UTF-8), or "Untitled N"."""
        return display_name(self.path.name) if self.path else self._untitled

    def set_untitled_name(self, name: str) -> None:
        """Name a document that has no file yet (instead of "Untitled N")."""
        self._untitled = name
        self.title_changed.emit()

    @property
    def modified(self) -> bool:
        """True when the text differs from what was last saved or opened.

        Never while a file is still going in: a half-filled editor is not an edit, and
        treating it as one offered to save the part that had arrived over the file.
        """
        return not self.loading and self.editor.document().isModified()

    @property
    def is_pristine(self) -> bool:
        """An untitled, empty, unmodified document (replaced when a file is opened)."""
        return self.path is None and not self.modified and self.editor.document().isEmpty()

    @property
    def loading(self) -> bool:
        """True while a large file is still being inserted (the editor is read-only)."""
        return self._progressive is not None or self._setting_text

    def loading_message(self) -> str:
        """What to tell a writer who asks for something while the file is still opening."""
        percent = int(100 * self._progressive.fraction) if self._progressive else 0
        return (
            self.tr("“%1” is still opening (%2 %). Try again in a moment; the file is unchanged.")
            .replace("%1", self.display_name)
            .replace("%2", str(percent))
        )

    def load(self, path: str | Path, encoding: str | None = None) -> None:
        """Read a file into the editor; raises DocumentError (the editor keeps its text).

        A large text is inserted in slices between events (see progressive_load), so
        the window keeps painting; `loaded` is emitted when it is all in.
        """
        self.show_loaded(load_document(path, encoding), path)

    def show_loaded(self, loaded: LoadedDocument, path: str | Path) -> None:
        """Put a read file into the editor (read-only when it could not be decoded)."""
        self.path = Path(path).resolve()
        self.format = loaded.format
        self.signature = loaded.signature
        self.notes = loaded.notes
        self.read_only_reason = loaded.read_only_reason
        self.editor.setReadOnly(loaded.read_only_reason is not None)
        # Opening is not an edit: watchers of "first change" must not see this.
        self._setting_text = True
        try:
            if len(loaded.text) >= PROGRESSIVE_MIN_CHARS:
                self._progressive = ProgressiveLoad(self.editor, loaded.text, self._load_done)
            else:
                self.editor.setPlainText(loaded.text)
                self.editor.document().setModified(False)
        finally:
            self._setting_text = False
        if self._progressive is None:
            self.loaded.emit()
        self.title_changed.emit()

    def _load_done(self) -> None:
        self._progressive = None
        self.editor.document().setModified(False)
        self.title_changed.emit()
        self.loaded.emit()

    def save(self, path: str | Path | None = None, overwrite: bool = False) -> None:
        """Write the text to `path` (default: its own path); raises DocumentError.

        Saving over its own file checks first that the file still holds what was
        read or last written: another program's newer version raises
        ExternalChangeError (FileDeletedError if it is gone) unless `overwrite`.
        """
        target = Path(path) if path is not None else self.path
        if target is None:
            raise ValueError("an untitled document needs a path")
        same_file = self.path is not None and target.resolve() == self.path
        from assistant.storage.document_save import write_document  # crypto: not needed to start

        expected = self.signature if same_file and not overwrite else None
        self.signature = write_document(
            target, self.editor.toPlainText(), self.format, expected=expected
        )
        self.path = target.resolve()
        self.editor.document().setModified(False)
        self.title_changed.emit()
        self.saved.emit(str(self.path))
