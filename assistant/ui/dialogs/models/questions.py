"""Questions the model dialogs ask, as module functions so tests can replace them."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("ModelManager", text)


def ask_model_folder(parent: QWidget | None) -> str | None:
    """Ask for a Hugging Face model folder; None means cancelled."""
    folder = QFileDialog.getExistingDirectory(parent, _tr("Choose a model folder"))
    return folder or None


def ask_gguf_file(parent: QWidget | None) -> str | None:
    """Ask for a .gguf file; None means cancelled."""
    path, _ = QFileDialog.getOpenFileName(
        parent,
        _tr("Choose a GGUF model file"),
        "",
        QCoreApplication.translate("ModelManager", "GGUF models (*.gguf)"),
    )
    return path or None


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Yes/No question; True for Yes."""
    answer = QMessageBox.question(parent, title, text)
    return answer == QMessageBox.StandardButton.Yes


def inform(parent: QWidget | None, title: str, text: str) -> None:
    """A message the writer must see (e.g. a model that will not fit)."""
    QMessageBox.warning(parent, title, text)
