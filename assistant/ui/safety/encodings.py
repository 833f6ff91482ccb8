"""File › Reopen with Encoding… and Save with Encoding…: the writer overrides detection.

Nothing here ever replaces a character with U+FFFD: bytes that do not decode in the
chosen encoding, or text that does not encode in it, are refused with a message
that says where, and the document stays as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QInputDialog, QWidget

from assistant.storage.documents import DocumentError, DocumentFormat
from assistant.storage.encodings import ENCODING_CHOICES
from assistant.ui.documents.document_tab import DocumentTab
from assistant.ui.shell.i18n import translated

if TYPE_CHECKING:
    from assistant.ui.shell.workspace import Workspace


def _tr(text: str) -> str:
    return QCoreApplication.translate("EncodingCommands", text)


def choice_names() -> list[str]:
    """Menu names of ENCODING_CHOICES, e.g. "UTF-8 BOM"."""
    return [DocumentFormat(enc, bom=bom).encoding_name for enc, bom in ENCODING_CHOICES]


def ask_encoding(
    parent: QWidget | None, title: str, current: DocumentFormat
) -> tuple[str, bool] | None:
    """Ask for one of ENCODING_CHOICES; None means cancelled (tests replace this function)."""
    names = choice_names()
    try:
        index = names.index(current.encoding_name)
    except ValueError:
        index = 0
    name, ok = QInputDialog.getItem(parent, title, _tr("Encoding:"), names, index, False)
    if not ok or name not in names:
        return None
    return ENCODING_CHOICES[names.index(name)]


class EncodingCommands(QObject):
    """The two encoding commands of one window."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.dialog_parent())
        self.ws = workspace

    def reopen(self, tab: DocumentTab | None) -> bool:
        """Read the tab's file again in an encoding the writer picks; True if reopened."""
        ws = self.ws
        if tab is None or tab.path is None or tab.loading:
            ws.notify(
                self.tr("Only a document that was opened from a file can be reopened."),
                error=True,
            )
            return False
        if tab.modified:
            ws.notify(
                self.tr(
                    "“%1” has unsaved changes. Save or undo them before reopening it "
                    "with another encoding."
                ).replace("%1", tab.display_name),
                error=True,
            )
            return False
        chosen = ask_encoding(ws.dialog_parent(), self.tr("Reopen with Encoding"), tab.format)
        if chosen is None:
            return False
        return self.reopen_as(tab, chosen[0])

    def reopen_as(self, tab: DocumentTab, encoding: str) -> bool:
        """Read `tab`'s file strictly in `encoding`; the editor keeps its text on failure."""
        ws = self.ws
        try:
            tab.load(tab.path, encoding)
        except DocumentError as exc:
            ws.notify(translated(exc), error=True)
            return False
        return True

    def open_as(self, path: str) -> None:
        """After a file failed to decode: ask for an encoding and open it with that."""
        ws = self.ws
        target = Path(path).resolve()
        shown = next((t for t in ws.documents() if t.path == target), None)
        if shown is not None:  # open read-only as it could not be decoded: read it again
            self.reopen(shown)
            return
        chosen = ask_encoding(ws.dialog_parent(), self.tr("Open with Encoding"), DocumentFormat())
        if chosen is None:
            return
        tab = DocumentTab()
        try:
            tab.load(path, chosen[0])
        except DocumentError as exc:
            tab.deleteLater()
            ws.notify(
                translated(exc),
                error=True,
                action_text=self.tr("Try Another Encoding…"),
                action=lambda: self.open_as(path),
            )
            return
        ws.add_document_tab(tab)
        ws.settings.add_recent_file(path)

    def save_with(self, tab: DocumentTab | None) -> bool:
        """Save in an encoding the writer picks (refused if the text does not fit it)."""
        ws = self.ws
        if tab is None or not ws.ensure_loaded(tab):
            return False
        chosen = ask_encoding(ws.dialog_parent(), self.tr("Save with Encoding"), tab.format)
        if chosen is None:
            return False
        return self.save_as_format(tab, DocumentFormat(chosen[0], tab.format.newline, chosen[1]))

    def save_as_format(self, tab: DocumentTab, fmt: DocumentFormat) -> bool:
        """Switch the tab to `fmt` and save; on any failure the old format stays."""
        from assistant.storage.document_save import encode_document  # not needed to start

        ws = self.ws
        try:
            # Check first: a refused encoding must not leave the tab switched to it.
            encode_document(tab.editor.toPlainText(), fmt, f"“{tab.display_name}”")
        except DocumentError as exc:
            ws.notify(translated(exc), error=True)
            return False
        old, tab.format = tab.format, fmt
        if not ws.files.save(tab):
            tab.format = old
            return False
        return True
