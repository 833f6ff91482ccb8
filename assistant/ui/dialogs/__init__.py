"""Modal questions the main window asks, as module functions so tests can replace them.

This package also holds the larger dialogs (settings_dialog, model_manager); it was
the module `ui/dialogs.py` before those existed, and its functions stay here.

Tests monkeypatch e.g. `assistant.ui.dialogs.ask_open_paths` to return a path
instead of showing a native dialog; the window always calls them through this
module so the patch takes effect.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

TEXT_FILTERS = ";;".join(
    [
        "Text and Markdown (*.txt *.md *.markdown *.text)",
        "All files (*)",
    ]
)


class SaveChoice(Enum):
    """The answer to "Save changes to X?"."""

    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Dialogs", text)


def ask_open_paths(parent: QWidget | None, directory: str = "") -> list[str]:
    """Ask for files to open; an empty list means cancelled."""
    paths, _ = QFileDialog.getOpenFileNames(parent, _tr("Open"), directory, TEXT_FILTERS)
    return list(paths)


def ask_save_path(parent: QWidget | None, suggested: str) -> str | None:
    """Ask where to save; None means cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, _tr("Save As"), suggested, TEXT_FILTERS)
    return path or None


def ask_export_path(parent: QWidget | None, title: str, suggested: str, filters: str) -> str | None:
    """Ask where to write an export (report, CSV); None means cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return path or None


def ask_save_changes(parent: QWidget | None, name: str) -> SaveChoice:
    """Ask "Save changes to NAME?" with Save / Discard / Cancel."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_tr("Unsaved changes"))
    box.setText(_tr("Save changes to “%1”?").replace("%1", name))
    box.setInformativeText(_tr("Your changes will be lost if you don't save them."))
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return SaveChoice.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return SaveChoice.DISCARD
    return SaveChoice.CANCEL


def ask_font(parent: QWidget | None, current):  # -> QFont | None
    """Ask for the editor font; None means cancelled."""
    from PySide6.QtWidgets import QFontDialog

    ok, font = QFontDialog.getFont(current, parent, _tr("Editor font"))
    # PySide6 returns (ok, font) in recent versions and (font, ok) in older ones.
    if isinstance(ok, bool):
        return font if ok else None
    return ok if font else None


class ConflictChoice(Enum):
    """The answer to "Another program changed this file; overwrite it?"."""

    OVERWRITE = "overwrite"
    SAVE_AS = "save_as"
    CANCEL = "cancel"


def ask_save_over_changed(parent: QWidget | None, message: str, deleted: bool) -> ConflictChoice:
    """Another program changed (or deleted) the file since it was opened: what now?

    `message` says which file and what happened. Save As is the default: it keeps
    both versions.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_tr("The file changed on disk"))
    box.setText(message)
    if deleted:
        box.setInformativeText(_tr("Save it where it was, or save it somewhere else?"))
        overwrite = box.addButton(_tr("Save Here"), QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText(
            _tr("Overwrite the other version, or save yours under another name?")
        )
        overwrite = box.addButton(_tr("Overwrite"), QMessageBox.ButtonRole.DestructiveRole)
    save_as = box.addButton(_tr("Save As…"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)
    box.exec()
    clicked = box.clickedButton()
    if clicked is overwrite:
        return ConflictChoice.OVERWRITE
    return ConflictChoice.SAVE_AS if clicked is save_as else ConflictChoice.CANCEL


def ask_save_deleted(parent: QWidget | None, name: str) -> SaveChoice:
    """Closing a document whose file another program deleted: its text exists only here."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_tr("The file was deleted"))
    box.setText(
        _tr("“%1” was deleted or moved by another program. Save it before closing?").replace(
            "%1", name
        )
    )
    box.setInformativeText(_tr("Its text exists only in this window now."))
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if answer == QMessageBox.StandardButton.Save:
        return SaveChoice.SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return SaveChoice.DISCARD
    return SaveChoice.CANCEL
