"""Settings page: every action's keyboard shortcut, rebindable, with clashes shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QKeySequenceEdit,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assistant.settings import Settings
from assistant.ui.dialogs.settings.settings_fields import SettingsPage
from assistant.ui.shell import shortcuts
from assistant.ui.shell.theme import colors

Native = QKeySequence.SequenceFormat.NativeText


class ShortcutsPage(SettingsPage):
    """A table of actions and keys; select a row and press the new keys below it."""

    def __init__(self, actions: dict[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Actions without text (separators) cannot be named to the writer.
        self.action_map = {i: a for i, a in actions.items() if a.text().replace("&", "").strip()}
        self.ids = sorted(self.action_map, key=lambda i: self.action_map[i].text().replace("&", ""))
        self.chosen: dict[str, str] = {}
        self.table = QTableWidget(len(self.ids), 3)
        self.table.setObjectName("shortcut_table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Action"), self.tr("Shortcut"), self.tr("Default")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.editor = QKeySequenceEdit()
        self.editor.setObjectName("shortcut_editor")
        self.editor.setMaximumSequenceLength(1)
        self.editor.setClearButtonEnabled(True)
        self.editor.setEnabled(False)
        self.reset_one = QPushButton(self.tr("Use Default"))
        self.reset_one.setEnabled(False)
        self.conflicts = QLabel()
        self.conflicts.setObjectName("shortcut_conflicts")
        self.conflicts.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("New shortcut:")))
        row.addWidget(self.editor, 1)
        row.addWidget(self.reset_one)
        reset_all = QPushButton(self.tr("Reset to Defaults"))
        reset_all.setObjectName("reset_page")
        reset_all.clicked.connect(self.reset)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(reset_all)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.conflicts)
        layout.addLayout(bottom)
        self.table.itemSelectionChanged.connect(self._on_select)
        self.editor.keySequenceChanged.connect(self._on_keys)
        self.reset_one.clicked.connect(self._use_default)

    def title(self) -> str:
        return self.tr("Shortcuts")

    def load(self, settings: Settings) -> None:
        for action_id in self.ids:
            action = self.action_map[action_id]
            if action_id in settings.shortcuts:
                self.chosen[action_id] = settings.shortcuts[action_id]
            else:
                defaults = shortcuts.default_keys(action)
                self.chosen[action_id] = defaults[0] if defaults else ""
        self._fill()

    def store(self, settings: Settings) -> None:
        settings.shortcuts = shortcuts.overrides_for(self.action_map, self.chosen)

    def errors(self) -> list[str]:
        return [self.tr("Two actions share a shortcut.")] if self._conflicts() else []

    def reset(self) -> None:
        for action_id in self.ids:
            defaults = shortcuts.default_keys(self.action_map[action_id])
            self.chosen[action_id] = defaults[0] if defaults else ""
        self._fill()
        self.changed.emit()

    def set_shortcut(self, action_id: str, keys: str) -> None:
        """Bind `keys` (PortableText, "" for none) to an action, as the editor does."""
        self.chosen[action_id] = QKeySequence(keys).toString(shortcuts.Portable)
        self._fill()
        self.changed.emit()

    def select_action(self, action_id: str) -> None:
        """Select an action's row (the key editor then edits it)."""
        self.table.selectRow(self.ids.index(action_id))

    def _conflicts(self) -> dict[str, list[str]]:
        return shortcuts.find_conflicts(self.chosen)

    def _name(self, action_id: str) -> str:
        return self.action_map[action_id].text().replace("&", "")

    def _fill(self) -> None:
        clashes = self._conflicts()
        clashing = {i for ids in clashes.values() for i in ids}
        error = colors()["error_fg"]
        for row, action_id in enumerate(self.ids):
            keys = QKeySequence(self.chosen.get(action_id, ""))
            defaults = shortcuts.default_keys(self.action_map[action_id])
            cells = [
                self._name(action_id),
                keys.toString(Native),
                QKeySequence(defaults[0]).toString(Native) if defaults else "",
            ]
            for col, text in enumerate(cells):
                item = self.table.item(row, col)
                if item is None:
                    item = QTableWidgetItem()
                    item.setData(Qt.ItemDataRole.UserRole, action_id)
                    self.table.setItem(row, col, item)
                item.setText(text)
                item.setForeground(error if action_id in clashing else self.palette().text())
        lines = [
            self.tr("%1 is used by: %2")
            .replace("%1", QKeySequence(key).toString(Native))
            .replace("%2", ", ".join(self._name(i) for i in ids))
            for key, ids in clashes.items()
        ]
        self.conflicts.setText("\n".join(lines))
        self.conflicts.setStyleSheet(f"color: {error.name()};")
        self.conflicts.setVisible(bool(lines))

    def _selected_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.ids[rows[0].row()] if rows else None

    def _on_select(self) -> None:
        action_id = self._selected_id()
        self.editor.setEnabled(action_id is not None)
        self.reset_one.setEnabled(action_id is not None)
        self.editor.blockSignals(True)
        self.editor.setKeySequence(QKeySequence(self.chosen.get(action_id or "", "")))
        self.editor.blockSignals(False)

    def _on_keys(self, keys: QKeySequence) -> None:
        action_id = self._selected_id()
        if action_id is not None:
            self.chosen[action_id] = keys.toString(shortcuts.Portable)
            self._fill()
            self.changed.emit()

    def _use_default(self) -> None:
        action_id = self._selected_id()
        if action_id is not None:
            defaults = shortcuts.default_keys(self.action_map[action_id])
            self.set_shortcut(action_id, defaults[0] if defaults else "")
            self._on_select()
