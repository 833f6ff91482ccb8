"""The list of stored conversations in the Chat panel: search, pick, delete."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

_ID = Qt.ItemDataRole.UserRole


class ConversationList(QWidget):
    """Search box, conversations newest first, and a Delete button."""

    #: A conversation was clicked or activated (its id).
    selected = Signal(int)
    #: Delete the highlighted conversation (its id; the flow asks first).
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Search conversations"))
        self.search_edit.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Conversations"))
        self.list.setMaximumHeight(8 * self.fontMetrics().height())
        self.delete_button = QPushButton(self.tr("Delete conversation"))
        layout.addWidget(self.search_edit)
        layout.addWidget(self.list)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.delete_button)
        layout.addLayout(row)
        self.list.itemClicked.connect(self._select_item)
        self.list.itemActivated.connect(self._select_item)
        self.delete_button.clicked.connect(self._delete_current)

    def set_conversations(self, items: list[tuple[int, str, str]], current: int | None) -> None:
        """List conversations as (id, title, when), marking the current one."""
        self.list.blockSignals(True)
        self.list.clear()
        for conv_id, title, when in items:
            item = QListWidgetItem(f"{title}\n{when}")
            item.setData(_ID, conv_id)
            item.setToolTip(title)
            self.list.addItem(item)
            if conv_id == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.delete_button.setEnabled(self.list.count() > 0)

    def _select_item(self, item: QListWidgetItem) -> None:
        self.selected.emit(int(item.data(_ID)))

    def _delete_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.delete_requested.emit(int(item.data(_ID)))
