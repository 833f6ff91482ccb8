"""The Model manager's table of models: one line per `catalog.ModelRow`, the current one bold."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from assistant.engine import catalog


def row_key(row: catalog.ModelRow) -> str:
    """What identifies a row across refreshes (a server model has no path)."""
    return f"{row.server_url} {row.name}" if row.origin == catalog.SERVER else str(row.path)


class ModelTable(QTreeWidget):
    """Name, source, architecture, size and kind of every model the dialog lists."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("model_list")
        self.setRootIsDecorated(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setHeaderLabels(
            [
                self.tr("Model"),
                self.tr("Source"),
                self.tr("Architecture"),
                self.tr("Parameters"),
                self.tr("Size on disk"),
                self.tr("Context"),
                self.tr("Type"),
            ]
        )
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setStretchLastSection(False)
        self.setMinimumHeight(110)

    def show_rows(
        self,
        rows: list[catalog.ModelRow],
        server_host: str,
        is_current: Callable[[catalog.ModelRow], bool],
        keep: str | None,
    ) -> None:
        """List `rows` (the current one bold) and select the one whose `row_key` is `keep`."""
        origin_text = {
            catalog.SERVER: self.tr("Server %1").replace("%1", server_host),
            catalog.EMBEDDED: self.tr("Built in"),
            catalog.ADDED: self.tr("Added by you"),
            catalog.DOWNLOADED: self.tr("Downloaded"),
            catalog.HF_CACHE: self.tr("Hugging Face cache"),
            catalog.CONVERTED: self.tr("Converted cache"),
            catalog.MISSING: self.tr("Missing"),
        }
        self.clear()
        for row in rows:
            kind = "–"
            if row.chat is not None:
                kind = self.tr("Chat") if row.chat else self.tr("Base")
            item = QTreeWidgetItem(
                [
                    row.name,
                    origin_text[row.origin],
                    row.architecture or "–",
                    catalog.format_params(row.parameters),
                    catalog.format_bytes(row.size_bytes),
                    str(row.context_length) if row.context_length else "–",
                    kind,
                ]
            )
            if is_current(row):
                font = QFont(item.font(0))
                font.setBold(True)
                for col in range(self.columnCount()):
                    item.setFont(col, font)
                item.setText(0, self.tr("%1 (current)").replace("%1", row.name))
            self.addTopLevelItem(item)
            if keep is not None and row_key(row) == keep:
                item.setSelected(True)
        for col in range(1, self.columnCount()):
            self.resizeColumnToContents(col)
