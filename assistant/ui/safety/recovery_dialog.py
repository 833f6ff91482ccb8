"""After a crash: offer each recovered document back (name, time, preview; Restore / Discard).

`ask_recovery` is the one modal question, a module function so tests (and the
subprocess test hook) can replace it. `offer_recovery` applies the answers: a
restored document is exactly the last autosaved text, modified, tied to its
original path so Save writes there, in the encoding the file had.
"""

from __future__ import annotations

import logging
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assistant.storage.atomic import display_name
from assistant.storage.crypto import CryptoError, LockedError
from assistant.storage.documents import DocumentFormat
from assistant.storage.recovery import RecoveryEntry
from assistant.storage.signature import DiskState
from assistant.ui.documents.document_tab import DocumentTab
from assistant.ui.shell.i18n import translated

if TYPE_CHECKING:
    from assistant.ui.safety.autosave import Autosaver
    from assistant.ui.shell.workspace import Workspace

log = logging.getLogger(__name__)


class RecoveryChoice(Enum):
    """What to do with one recovered document."""

    RESTORE = "restore"
    DISCARD = "discard"
    LATER = "later"  # keep the copy and ask again at the next start


def _tr(text: str) -> str:
    return QCoreApplication.translate("RecoveryDialog", text)


class RecoveryDialog(QDialog):
    """Lists recovered documents with a check box each (checked = restore) and a preview."""

    def __init__(self, entries: list[RecoveryEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_tr("Recover unsaved documents"))
        self.entries = entries
        intro = QLabel(
            _tr(
                "Writing Assistant did not close normally. These documents had changes "
                "that were not saved. Checked documents are restored; unchecked ones are "
                "discarded."
            )
        )
        intro.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setHeaderLabels([_tr("Document"), _tr("Autosaved"), _tr("Location")])
        self.list.setRootIsDecorated(False)
        for entry in entries:
            when = entry.saved_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            where = display_name(entry.original_path) if entry.original_path else ""
            state = entry.base_state()
            if state is DiskState.CHANGED:
                where += " " + _tr("(changed on disk since)")
            elif state is DiskState.DELETED:
                where += " " + _tr("(deleted since)")
            title = translated(entry.title)
            item = QTreeWidgetItem([title, when, where or _tr("(never saved)")])
            item.setCheckState(0, Qt.CheckState.Checked)
            item.setData(0, Qt.ItemDataRole.UserRole, entry.doc_id)
            self.list.addTopLevelItem(item)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.list.currentItemChanged.connect(self._show_preview)
        buttons = QDialogButtonBox()
        self.restore_button = buttons.addButton(
            _tr("Restore Checked"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.later_button = buttons.addButton(
            _tr("Ask Me Later"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(QLabel(_tr("Preview:")))
        layout.addWidget(self.preview, 1)
        layout.addWidget(buttons)
        if entries:
            self.list.setCurrentItem(self.list.topLevelItem(0))

    def _show_preview(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        entry = self._entry(item)
        if entry is None:
            self.preview.clear()
            return
        more = _tr("… (%1 characters in all)").replace("%1", str(entry.length))
        tail = f"\n{more}" if entry.length > len(entry.preview) else ""
        self.preview.setPlainText(entry.preview + tail)

    def _entry(self, item: QTreeWidgetItem | None) -> RecoveryEntry | None:
        if item is None:
            return None
        doc_id = item.data(0, Qt.ItemDataRole.UserRole)
        return next((e for e in self.entries if e.doc_id == doc_id), None)

    def set_checked(self, doc_id: str, checked: bool) -> None:
        """Check (restore) or uncheck (discard) one document."""
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == doc_id:
                state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
                item.setCheckState(0, state)

    def choices(self) -> dict[str, RecoveryChoice]:
        """The answer per document id, as the dialog stands now."""
        if self.result() != QDialog.DialogCode.Accepted:
            return {e.doc_id: RecoveryChoice.LATER for e in self.entries}
        out = {}
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            checked = item.checkState(0) == Qt.CheckState.Checked
            out[item.data(0, Qt.ItemDataRole.UserRole)] = (
                RecoveryChoice.RESTORE if checked else RecoveryChoice.DISCARD
            )
        return out


def ask_recovery(parent: QWidget | None, entries: list[RecoveryEntry]) -> dict[str, RecoveryChoice]:
    """Ask what to do with each recovered document (modal; tests replace this function)."""
    dialog = RecoveryDialog(entries, parent)
    dialog.exec()
    return dialog.choices()


def _format_from(extra: dict) -> DocumentFormat:
    try:
        return DocumentFormat(
            str(extra.get("encoding", "utf-8")),
            str(extra.get("newline", "\n")),
            bool(extra.get("bom", False)),
        )
    except ValueError:  # a copy written by another version: UTF-8 is always safe
        return DocumentFormat()


def offer_recovery(workspace: Workspace, autosaver: Autosaver) -> list[DocumentTab]:
    """Offer the documents a crashed run left behind; returns the restored tabs."""
    store = autosaver.store
    try:
        try:
            orphans = store.orphans()
        except LockedError:
            # Encrypted copies: the passphrase comes before anything is shown or restored.
            from assistant.ui.privacy.startup import ask_unlock

            if not ask_unlock(workspace.dialog_parent(), crashed=True):
                workspace.notify(
                    _tr("The recovered documents are encrypted; they are kept until you unlock.")
                )
                return []
            orphans = store.orphans()
        # Claimed first: a second instance started after the same crash offers none of these.
        orphans = [e for e in orphans if store.claim(e.doc_id)]
    except OSError as exc:
        workspace.notify(
            _tr("Recovered documents could not be listed: %1").replace("%1", translated(exc)),
            error=True,
        )
        return []
    if not orphans:
        return []
    answers = ask_recovery(workspace.dialog_parent(), orphans)
    restored: list[DocumentTab] = []
    notes: list[str] = []
    for entry in orphans:
        choice = answers.get(entry.doc_id, RecoveryChoice.LATER)
        if choice is RecoveryChoice.LATER:
            store.release_claim(entry.doc_id)
        elif choice is RecoveryChoice.DISCARD:
            store.remove(entry.doc_id)
        elif choice is RecoveryChoice.RESTORE:
            try:
                text = store.read(entry.doc_id)
            except (OSError, UnicodeDecodeError, CryptoError) as exc:
                message = _tr("“%1” could not be recovered: %2")
                title = translated(entry.title)
                text = message.replace("%1", title).replace("%2", translated(exc))
                workspace.notify(text, error=True)
                continue
            tab, note = _restore(workspace, autosaver, entry, text)
            restored.append(tab)
            if note:
                notes.append(note)
    if restored:
        pristine = [t for t in workspace.documents() if t.is_pristine and t not in restored]
        for tab in pristine:  # the empty "Untitled 1" of a fresh start
            workspace.close_document(tab)
        workspace.show_tab(restored[0])
        n = len(restored)
        note = QCoreApplication.translate(
            "RecoveryDialog", "Restored %n document(s). Save them to keep the changes.", "", n
        )
        workspace.notify(" ".join([note.replace("%n", str(n)), *notes]))
    return restored


def _restore(
    workspace: Workspace, autosave: Autosaver, entry: RecoveryEntry, text: str
) -> tuple[DocumentTab, str]:
    """Put recovered text in a tab; returns it and what the writer should know about it."""
    path = Path(entry.original_path).resolve() if entry.original_path else None
    state = entry.base_state()
    same = [t for t in workspace.documents() if path and t.path == path]
    if state is not DiskState.CHANGED and same and not same[0].modified and not same[0].loading:
        # The file is already open (given on the command line again): put the
        # recovered text into it as one undoable edit, so Undo shows the saved version.
        tab = same[0]
        cursor = QTextCursor(tab.editor.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()
        tab.editor.document().setModified(True)
        workspace.signals.document_restored.emit(tab, entry.extra)
        if autosave.save_copy(tab):  # safe under this run's id before the old copy goes
            autosave.store.remove(entry.doc_id)
        return tab, ""
    tab = DocumentTab()
    # Keep the crashed run's copy under its id; this run owns it from now on.
    tab.recovery_id = entry.doc_id
    tab.format = _format_from(entry.extra)
    note = ""
    if state is DiskState.CHANGED and path is not None:
        # Both versions matter: the file as another program left it, and these edits.
        # The edits go in a tab of their own that has no file yet, so no save can
        # overwrite the other version without the writer choosing a name for it.
        tab.suggested_path = path.with_name(f"{path.stem} (recovered){path.suffix}")
        tab.set_untitled_name(_tr("%1 (recovered)").replace("%1", display_name(path.name)))
        workspace.files.open_path(path)
        note = (
            _tr(
                "“%1” was changed on disk after these edits began: both are open, the file "
                "as it is now and your recovered text in “%2”."
            )
            .replace("%1", display_name(str(path)))
            .replace("%2", tab.display_name)
        )
    else:
        tab.path = path
        # A later save checks the file against the version these edits started from.
        tab.signature = entry.base if state is DiskState.UNCHANGED else None
        if state is DiskState.DELETED and path is not None:
            note = _tr(
                "“%1” no longer exists on disk; your recovered text is open, and saving "
                "writes the file again."
            ).replace("%1", display_name(str(path)))
    tab.editor.setPlainText(text)
    tab.editor.document().setModified(True)
    workspace.add_document_tab(tab)
    workspace.signals.document_restored.emit(tab, entry.extra)
    autosave.save_copy(tab)
    return tab, note
