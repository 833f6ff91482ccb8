""" "Delete all my data": every file and folder the app wrote, with sizes, checked to delete."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assistant.storage.inventory import StoredItem
from assistant.ui.privacy.passphrase import documents_note


def _tr(text: str) -> str:
    return QCoreApplication.translate("Privacy", text)


def kind_names() -> dict[str, str]:
    """What each kind of stored item is called in the list."""
    return {
        "settings": _tr("Settings"),
        "chats": _tr("Chat history"),
        "recovery": _tr("Recovery copies of unsaved text"),
        "snapshots": _tr("Snapshots"),
        "provenance": _tr("Which text the model wrote"),
        "statistics": _tr("Writing statistics"),
        "voices": _tr("Personal voices (learned from your texts)"),
        "vault": _tr("Encryption key (wrapped)"),
        "downloads": _tr("Downloaded models"),
        "converted": _tr("Converted model cache"),
        "cache": _tr("Other cached files"),
        "logs": _tr("Logs"),
        "other": _tr("Other files of the app"),
    }


def size_text(size: int) -> str:
    """A size as the writer's locale writes it (12.3 MB)."""
    return QLocale().formattedDataSize(size, 1, QLocale.DataSizeFormat.DataSizeSIFormat)


class DeleteAllDialog(QDialog):
    """Lists what the app stored; checked items are deleted on "Delete Checked"."""

    def __init__(self, items: list[StoredItem], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DeleteAllDialog")
        self.setWindowTitle(_tr("Delete all my data"))
        self.items = items
        intro = QLabel(
            _tr(
                "Writing Assistant stored these files and folders on this computer. Checked "
                "ones are deleted for good; Writing Assistant then closes without saving its "
                "settings again."
            )
        )
        intro.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setObjectName("stored_items")
        self.list.setHeaderLabels([_tr("What"), _tr("Size"), _tr("Where")])
        self.list.setRootIsDecorated(False)
        names = kind_names()
        for index, item in enumerate(items):
            row = QTreeWidgetItem([names.get(item.kind, item.kind), size_text(item.size_bytes),
                                   str(item.path)])  # fmt: skip
            row.setCheckState(0, Qt.CheckState.Checked)
            row.setData(0, Qt.ItemDataRole.UserRole, index)
            row.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            row.setToolTip(2, str(item.path))
            self.list.addTopLevelItem(row)
        header = self.list.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.total = QLabel()
        self.total.setObjectName("stored_total")
        note = QLabel(documents_note())
        note.setWordWrap(True)
        Button = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(Button.Cancel)
        self.delete_button = self.buttons.addButton(
            _tr("Delete Checked"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.delete_button.setObjectName("delete_checked")
        self.delete_button.clicked.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.total)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.list.itemChanged.connect(lambda *_: self._update_total())
        self._update_total()
        self.resize(760, 420)

    def chosen(self) -> list[StoredItem]:
        """The checked items."""
        out = []
        for i in range(self.list.topLevelItemCount()):
            row = self.list.topLevelItem(i)
            if row.checkState(0) == Qt.CheckState.Checked:
                out.append(self.items[row.data(0, Qt.ItemDataRole.UserRole)])
        return out

    def _update_total(self) -> None:
        chosen = self.chosen()
        size = sum(item.size_bytes for item in chosen)
        text = _tr("%1 of %2 items checked, %3 in all.")
        text = text.replace("%1", str(len(chosen))).replace("%2", str(len(self.items)))
        self.total.setText(text.replace("%3", size_text(size)))
        self.delete_button.setEnabled(bool(chosen))


def ask_delete_items(parent: QWidget | None, items: list[StoredItem]) -> list[StoredItem] | None:
    """Show the list and ask; the checked items, or None when cancelled (tests replace it)."""
    dialog = DeleteAllDialog(items, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.chosen()
