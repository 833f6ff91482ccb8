"""A find/replace bar under the editor (Ctrl+F / Ctrl+H), not a modal dialog."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextEdit,
    QToolButton,
    QWidget,
)

from assistant.ui.documents.editor import Editor

_MAX_HIGHLIGHTS = 1000  # more would slow painting on huge documents


class FindBar(QWidget):
    """Find next/previous, replace, replace all in the current editor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("FindBar")
        self._editor: Editor | None = None
        self.find_edit = QLineEdit()
        self.find_edit.setPlaceholderText(self.tr("Find"))
        self.find_edit.setClearButtonEnabled(True)
        self.replace_edit = QLineEdit()
        self.replace_edit.setPlaceholderText(self.tr("Replace with"))
        self.case_box = QCheckBox(self.tr("Match case"))
        self.word_box = QCheckBox(self.tr("Whole words"))
        self.result_label = QLabel()
        prev_button = QPushButton(self.tr("Previous"))
        next_button = QPushButton(self.tr("Next"))
        self.replace_button = QPushButton(self.tr("Replace"))
        self.replace_all_button = QPushButton(self.tr("Replace All"))
        close_button = QToolButton()
        close_button.setText("✕")
        close_button.setToolTip(self.tr("Close (Esc)"))
        close_button.setAutoRaise(True)

        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.addWidget(self.find_edit, 0, 0)
        grid.addWidget(prev_button, 0, 1)
        grid.addWidget(next_button, 0, 2)
        grid.addWidget(self.case_box, 0, 3)
        grid.addWidget(self.word_box, 0, 4)
        grid.addWidget(self.result_label, 0, 5)
        grid.addWidget(close_button, 0, 6)
        grid.addWidget(self.replace_edit, 1, 0)
        grid.addWidget(self.replace_button, 1, 1)
        grid.addWidget(self.replace_all_button, 1, 2)
        grid.setColumnStretch(0, 1)
        self._replace_widgets = (self.replace_edit, self.replace_button, self.replace_all_button)

        self.find_edit.textChanged.connect(self._highlight_all)
        self.find_edit.returnPressed.connect(self.find_next)
        self.case_box.toggled.connect(self._highlight_all)
        self.word_box.toggled.connect(self._highlight_all)
        prev_button.clicked.connect(self.find_previous)
        next_button.clicked.connect(self.find_next)
        self.replace_button.clicked.connect(self.replace_one)
        self.replace_all_button.clicked.connect(self.replace_all)
        close_button.clicked.connect(self.close_bar)
        self.hide()

    def set_editor(self, editor: Editor | None) -> None:
        """Search this editor from now on."""
        if self._editor is not None:
            self._editor.set_extra_selections("find", [])
        self._editor = editor
        if self.isVisible():
            self._highlight_all()

    def open_bar(self, replace: bool = False) -> None:
        """Show the bar (with the replace row if asked), seeded with the selection."""
        for widget in self._replace_widgets:
            widget.setVisible(replace)
        if self._editor is not None:
            selected = self._editor.textCursor().selectedText()
            if selected and "\u2029" not in selected:
                self.find_edit.setText(selected)
        self.show()
        self.find_edit.setFocus()
        self.find_edit.selectAll()
        self._highlight_all()

    def close_bar(self) -> None:
        """Hide the bar and its highlights; focus returns to the editor."""
        self.hide()
        if self._editor is not None:
            self._editor.set_extra_selections("find", [])
            self._editor.setFocus()

    def _flags(self, backward: bool = False) -> QTextDocument.FindFlag:
        flags = QTextDocument.FindFlag(0)
        if self.case_box.isChecked():
            flags |= QTextDocument.FindFlag.FindCaseSensitively
        if self.word_box.isChecked():
            flags |= QTextDocument.FindFlag.FindWholeWords
        if backward:
            flags |= QTextDocument.FindFlag.FindBackward
        return flags

    def find_next(self) -> bool:
        """Select the next match (wrapping around); False if there is none."""
        return self._find(backward=False)

    def find_previous(self) -> bool:
        """Select the previous match (wrapping around)."""
        return self._find(backward=True)

    def _find(self, backward: bool) -> bool:
        editor, needle = self._editor, self.find_edit.text()
        if editor is None or not needle:
            return False
        doc = editor.document()
        found = doc.find(needle, editor.textCursor(), self._flags(backward))
        if found.isNull():  # wrap around
            start = QTextCursor(doc)
            start.movePosition(
                QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start
            )
            found = doc.find(needle, start, self._flags(backward))
        if found.isNull():
            self.result_label.setText(self.tr("Not found"))
            return False
        editor.setTextCursor(found)
        return True

    def _refuse_read_only(self) -> bool:
        editor = self._editor
        if editor is None or not editor.isReadOnly():
            return False
        # Still opening (the text is not all in yet) or opened read-only.
        self.result_label.setText(self.tr("This document cannot be changed right now"))
        return True

    def replace_one(self) -> None:
        """Replace the current match (if selected) and go to the next one."""
        editor = self._editor
        if editor is None or self._refuse_read_only():
            return
        cursor = editor.textCursor()
        needle = self.find_edit.text()
        same = (
            cursor.selectedText() == needle
            if self.case_box.isChecked()
            else cursor.selectedText().lower() == needle.lower()
        )
        if cursor.hasSelection() and same:
            cursor.insertText(self.replace_edit.text())
        self.find_next()
        self._highlight_all()

    def replace_all(self) -> int:
        """Replace every match as one undo step; returns how many."""
        editor, needle = self._editor, self.find_edit.text()
        if editor is None or not needle or self._refuse_read_only():
            return 0
        doc = editor.document()
        count = 0
        edit = QTextCursor(doc)
        edit.beginEditBlock()
        found = doc.find(needle, 0, self._flags())
        while not found.isNull():
            found.insertText(self.replace_edit.text())
            count += 1
            found = doc.find(needle, found, self._flags())
        edit.endEditBlock()
        self.result_label.setText(self.tr("Replaced %1").replace("%1", str(count)))
        self._highlight_all(keep_label=True)
        return count

    def _highlight_all(self, *_args, keep_label: bool = False) -> None:
        editor, needle = self._editor, self.find_edit.text()
        if editor is None:
            return
        selections: list[QTextEdit.ExtraSelection] = []
        if needle and self.isVisible():
            doc = editor.document()
            fmt = QTextCharFormat()
            color = QColor(editor.palette().highlight().color())
            color.setAlpha(70)
            fmt.setBackground(color)
            found = doc.find(needle, 0, self._flags())
            while not found.isNull() and len(selections) < _MAX_HIGHLIGHTS:
                sel = QTextEdit.ExtraSelection()
                sel.cursor, sel.format = found, fmt
                selections.append(sel)
                found = doc.find(needle, found, self._flags())
        editor.set_extra_selections("find", selections)
        if not keep_label:
            n = len(selections)
            text = "" if not needle else self.tr("%1 found").replace("%1", str(n))
            if n >= _MAX_HIGHLIGHTS:
                text = self.tr("%1+ found").replace("%1", str(n))
            self.result_label.setText(text)

    def event(self, event: QEvent) -> bool:
        """Esc closes the bar (claimed before any window shortcut sees it)."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        """Esc closes the bar."""
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)
