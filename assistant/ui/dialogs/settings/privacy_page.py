"""Settings page: what the app stores where, folder buttons, chat deletion, offline mode."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant import paths
from assistant.settings import Settings
from assistant.ui.dialogs.settings.settings_fields import SettingsPage


def open_folder(path: Path) -> bool:
    """Show a folder in the system file manager (module function so tests can replace it)."""
    path.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def delete_chat_history() -> int:
    """Delete every saved chat conversation; returns how many were deleted."""
    from assistant.storage.chat_history import ChatHistory

    with ChatHistory() as history:
        conversations = history.list_conversations()
        for conv in conversations:
            history.delete(conv.id)
    # Deleted rows linger in free pages until the file is rebuilt; the writer asked for
    # the text to be gone, so rebuild it (best effort: another open reader may block it).
    try:
        with contextlib.closing(sqlite3.connect(paths.chat_db_file())) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.execute("VACUUM")
    except sqlite3.Error:
        pass
    return len(conversations)


def stored_locations() -> list[tuple[str, Path, Path]]:
    """(what, shown path, folder to open) for everything the app writes."""
    from assistant.engine.hub import downloads_dir

    return [
        ("settings", paths.settings_file(), paths.config_dir()),
        ("chats", paths.chat_db_file(), paths.data_dir()),
        ("recovery", paths.recovery_dir(), paths.recovery_dir()),
        ("downloads", downloads_dir(), downloads_dir()),
        ("converted", paths.models_cache_dir(), paths.models_cache_dir()),
        ("logs", paths.log_dir(), paths.log_dir()),
    ]


class PrivacyPage(SettingsPage):
    """Where data lives, and the switch that keeps the app off the network."""

    #: Chat history was deleted (open chat panels should forget what they show).
    chats_deleted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = QLabel(
            self.tr("Everything you write and every chat stays on this computer. The app stores:")
        )
        intro.setWordWrap(True)
        labels = {
            "settings": self.tr("Settings"),
            "chats": self.tr("Chat history"),
            "recovery": self.tr("Recovery copies of unsaved text"),
            "downloads": self.tr("Downloaded models"),
            "converted": self.tr("Converted model cache"),
            "logs": self.tr("Logs"),
        }
        grid = QGridLayout()
        self.open_buttons: dict[str, QPushButton] = {}
        for row, (key, shown, folder) in enumerate(stored_locations()):
            grid.addWidget(QLabel(labels[key] + ":"), row, 0)
            where = QLabel(str(shown))
            where.setObjectName(f"path_{key}")
            where.setWordWrap(True)
            where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(where, row, 1)
            button = QPushButton(self.tr("Open Folder"))
            button.setObjectName(f"open_{key}")
            button.clicked.connect(lambda _=False, f=folder: open_folder(f))
            grid.addWidget(button, row, 2)
            self.open_buttons[key] = button
        grid.setColumnStretch(1, 1)

        self.delete_chats = QPushButton(self.tr("Delete Chat History…"))
        self.delete_chats.setObjectName("delete_chats")
        self.delete_chats.clicked.connect(self._delete_chats)
        self.result = QLabel()
        self.result.setObjectName("privacy_result")
        delete_row = QHBoxLayout()
        delete_row.addWidget(self.delete_chats)
        delete_row.addWidget(self.result, 1)

        self.offline = QCheckBox(self.tr("Offline mode: never connect to another computer"))
        self.offline.setObjectName("offline_mode")
        offline_note = QLabel(
            self.tr(
                "On by default. While it is on, the app connects to nothing but a model "
                "server on this computer (localhost); downloading a model, or a model server "
                "on another machine, asks you to turn it off first."
            )
        )
        offline_note.setWordWrap(True)
        self.offline.toggled.connect(self.changed)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addLayout(delete_row)
        layout.addSpacing(12)
        layout.addWidget(self.offline)
        layout.addWidget(offline_note)
        layout.addStretch(1)
        reset = QPushButton(self.tr("Reset to Defaults"))
        reset.setObjectName("reset_page")
        reset.clicked.connect(self.reset)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(reset)
        layout.addLayout(bottom)

    def title(self) -> str:
        return self.tr("Privacy")

    def load(self, settings: Settings) -> None:
        self.offline.setChecked(settings.offline_mode)

    def store(self, settings: Settings) -> None:
        settings.offline_mode = self.offline.isChecked()

    def _delete_chats(self) -> None:
        from assistant.ui.dialogs.models import questions  # patchable in tests

        if not questions.confirm(
            self,
            self.tr("Delete chat history"),
            self.tr("Delete every saved chat conversation? This cannot be undone."),
        ):
            return
        try:
            count = delete_chat_history()
        except Exception as exc:  # sqlite errors, a locked file: tell the writer
            self.result.setText(self.tr("Could not delete: %1").replace("%1", str(exc)))
            return
        self.result.setText(self.tr("%1 conversation(s) deleted.").replace("%1", str(count)))
        self.chats_deleted.emit()
