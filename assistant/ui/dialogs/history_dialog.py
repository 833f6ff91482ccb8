"""History: a document's snapshots, a line diff against the current text, Restore and Delete.

The dialog never edits the document itself: Restore emits `restore_requested`
with the snapshot's text and the window applies it as one undoable change.
"""

from __future__ import annotations

import difflib
import html
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from assistant.storage.snapshots import SnapshotInfo, SnapshotStore
from assistant.ui.features.rewrite.diff_view import colors_for
from assistant.ui.shell.i18n import translated

#: Above this many characters (both texts together) the line diff is skipped: difflib
#: is quadratic in the worst case and the dialog must open at once.
MAX_DIFF_CHARS = 2_000_000
#: Unchanged lines shown around each change.
CONTEXT_LINES = 2


def diff_lines(current: str, snapshot: str) -> list[tuple[str, str]]:
    """(kind, line) pairs of a unified diff from the current text to the snapshot.

    kind is "-" (only in the current text), "+" (only in the snapshot), " " (context)
    or "@" (a hunk header). Empty when the texts are equal.
    """
    out: list[tuple[str, str]] = []
    diff = difflib.unified_diff(
        current.splitlines(), snapshot.splitlines(), lineterm="", n=CONTEXT_LINES
    )
    for line in diff:
        if line.startswith(("---", "+++")):
            continue
        out.append((line[:1], line[1:] if line[:1] != "@" else line))
    return out


class HistoryDialog(QDialog):
    """Lists snapshots (newest first) and compares the selected one with the current text."""

    #: The writer chose Restore: the snapshot's full text.
    restore_requested = Signal(str)

    def __init__(
        self,
        store: SnapshotStore,
        doc_key: str,
        title: str,
        current_text: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("History of “%1”").replace("%1", title))
        self.store = store
        self.doc_key = doc_key
        self._current_text = current_text
        self.list = QListWidget()
        self.diff_view = QTextBrowser()
        self.diff_view.setOpenLinks(False)
        self.restore_button = QPushButton(self.tr("Restore"))
        self.delete_button = QPushButton(self.tr("Delete"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(self.diff_view)
        splitter.setStretchFactor(1, 3)
        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        self.resize(900, 560)
        self.list.currentItemChanged.connect(lambda *_: self._show_selected())
        self.restore_button.clicked.connect(self._restore)
        self.delete_button.clicked.connect(self._delete)
        self.refresh()

    def snapshots(self) -> list[SnapshotInfo]:
        """The snapshots listed, in list order."""
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def select(self, snapshot_id: str) -> None:
        """Select a snapshot by id (as a click would)."""
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole).snapshot_id == snapshot_id:
                self.list.setCurrentRow(i)

    def refresh(self) -> None:
        """Reload the list from the store."""
        self.list.clear()
        for info in self.store.list(self.doc_key):
            when = info.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
            label = f"{info.name}\n{when}"
            if info.auto:
                label += " · " + self.tr("automatic")
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, info)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.diff_view.setPlainText(
                self.tr("No snapshots yet. File › Take Snapshot… keeps the current text.")
            )
        self._update_buttons()

    def _selected(self) -> SnapshotInfo | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _update_buttons(self) -> None:
        has = self._selected() is not None
        self.restore_button.setEnabled(has)
        self.delete_button.setEnabled(has)

    def _show_selected(self) -> None:
        self._update_buttons()
        info = self._selected()
        if info is None:
            return
        try:
            snapshot = self.store.read(info.snapshot_id)
        except (OSError, UnicodeDecodeError) as exc:
            self.diff_view.setPlainText(
                self.tr("This snapshot cannot be read: %1").replace("%1", translated(exc))
            )
            self.restore_button.setEnabled(False)
            return
        current = self._current_text()
        if len(current) + len(snapshot) > MAX_DIFF_CHARS:
            self.diff_view.setPlainText(
                self.tr("The document is too large to compare here; Restore still works.")
            )
            return
        self.diff_view.setHtml(self._render(diff_lines(current, snapshot)))

    def _render(self, lines: list[tuple[str, str]]) -> str:
        if not lines:
            return "<p>" + html.escape(self.tr("Same as the current text.")) + "</p>"
        c = colors_for(self.palette())
        note = self.tr("Red lines are in your text now; green lines come back with Restore.")
        rows = [f'<p style="color:{c.muted}">{html.escape(note)}</p><pre>']
        styles = {
            "-": f"color:{c.deleted_fg};background:{c.deleted_bg}",
            "+": f"color:{c.inserted_fg};background:{c.inserted_bg}",
            "@": f"color:{c.muted}",
        }
        for kind, line in lines:
            text = html.escape(line) or "&nbsp;"
            if kind == "@":
                rows.append(f'<span style="{styles[kind]}">{text}</span>')
            elif kind in styles:
                rows.append(f'<span style="{styles[kind]}">{kind} {text}</span>')
            else:
                rows.append(f"  {text}")
        return "\n".join(rows) + "</pre>"

    def _restore(self) -> None:
        info = self._selected()
        if info is None:
            return
        try:
            text = self.store.read(info.snapshot_id)
        except (OSError, UnicodeDecodeError) as exc:
            self.diff_view.setPlainText(
                self.tr("This snapshot cannot be read: %1").replace("%1", translated(exc))
            )
            return
        self.restore_requested.emit(text)
        self.accept()

    def _delete(self) -> None:
        info = self._selected()
        if info is not None:
            self.store.delete(info.snapshot_id)
            self.refresh()
