"""Settings page: what the app stores where, encryption, the lock, deletion, offline mode.

Encrypting, changing the passphrase, "remember" and deleting act at once (like
"Delete chat history"), not on Apply: each asks its own question first. The lock's
idle minutes are an ordinary setting.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from assistant.settings import Settings
from assistant.storage import inventory, privacy, reencrypt
from assistant.storage.chat_database import ChatHistoryError
from assistant.storage.crypto import CryptoError
from assistant.ui.dialogs.settings.settings_fields import SettingsPage
from assistant.ui.dialogs.settings.stored_data import (
    clear_statistics,
    delete_chat_history,
    stored_locations,
)
from assistant.ui.privacy import delete_all
from assistant.ui.privacy import passphrase as questions
from assistant.ui.shell.i18n import translated


def open_folder(path: Path) -> bool:
    """Show a folder in the system file manager (module function so tests can replace it)."""
    path.mkdir(parents=True, exist_ok=True)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _busy(work):  # noqa: ANN001, ANN202 - a callable and its result
    # Re-encrypting derives keys (scrypt) and rewrites every store: a moment of wait cursor.
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return work()
    finally:
        QGuiApplication.restoreOverrideCursor()


class PrivacyPage(SettingsPage):
    """Where data lives, encryption, the lock, deletion, and staying off the network."""

    #: Chat history was deleted (open chat panels should forget what they show).
    chats_deleted = Signal()
    #: The writing statistics were cleared (goals and the Statistics window start again).
    statistics_cleared = Signal()
    #: Everything the app stored was deleted: the window closes without saving settings.
    all_data_deleted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        intro = QLabel(
            self.tr("Everything you write and every chat stays on this computer. The app stores:")
        )
        intro.setWordWrap(True)
        labels = {
            "settings": self.tr("Settings"),
            "chats": self.tr("Chat history"),
            "statistics": self.tr("Writing statistics"),
            "provenance": self.tr("Which text the model wrote"),
            "recovery": self.tr("Recovery copies of unsaved text"),
            "snapshots": self.tr("Snapshots"),
            "voices": self.tr("Personal voices"),
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
        self.clear_stats = QPushButton(self.tr("Clear Statistics…"))
        self.clear_stats.setObjectName("clear_statistics")
        self.clear_stats.clicked.connect(self._clear_statistics)
        self.delete_all = QPushButton(self.tr("Delete All My Data…"))
        self.delete_all.setObjectName("delete_all")
        self.delete_all.clicked.connect(self._delete_all)
        self.result = QLabel()
        self.result.setObjectName("privacy_result")
        self.result.setWordWrap(True)
        delete_row = QHBoxLayout()
        delete_row.addWidget(self.delete_chats)
        delete_row.addWidget(self.clear_stats)
        delete_row.addWidget(self.delete_all)
        delete_row.addStretch(1)

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

        # The page is taller than the dialog on small screens: it scrolls, never clips.
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self._encryption_box())
        layout.addLayout(delete_row)
        layout.addWidget(self.result)
        layout.addSpacing(6)
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
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._body = body
        self.refresh_encryption()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """The whole page, unscrolled: the dialog opens this tall where the screen allows."""
        body = self._body.sizeHint()
        return QSize(
            body.width() + self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent),
            body.height(),
        )

    def _encryption_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Encryption and lock"))
        self.encryption_state = QLabel()
        self.encryption_state.setObjectName("encryption_state")
        self.encryption_state.setWordWrap(True)
        covers = QLabel(
            self.tr(
                "Encrypting protects your chats, the recovery copies of unsaved text, your "
                "snapshots, the record of which text the model wrote, the document names in "
                "your statistics and your personal voices with a passphrase. Your documents "
                "stay your own files, in their own format, wherever you saved them: they are "
                "never encrypted or changed."
            )
        )
        covers.setWordWrap(True)
        self.encrypt_button = QPushButton(self.tr("Encrypt My Data…"))
        self.encrypt_button.setObjectName("encrypt_data")
        self.encrypt_button.clicked.connect(self._encrypt)
        self.change_button = QPushButton(self.tr("Change Passphrase…"))
        self.change_button.setObjectName("change_passphrase")
        self.change_button.clicked.connect(self._change_passphrase)
        self.decrypt_button = QPushButton(self.tr("Stop Encrypting…"))
        self.decrypt_button.setObjectName("decrypt_data")
        self.decrypt_button.clicked.connect(self._decrypt)
        self.remember = QCheckBox(self.tr("Remember on this computer (no passphrase at start)"))
        self.remember.setObjectName("remember_key")
        self.remember.clicked.connect(self._remember)
        buttons = QHBoxLayout()
        for button in (self.encrypt_button, self.change_button, self.decrypt_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.lock_minutes = QSpinBox()
        self.lock_minutes.setObjectName("lock_after_min")
        self.lock_minutes.setRange(0, 480)
        self.lock_minutes.setSuffix(self.tr(" min"))
        self.lock_minutes.setSpecialValueText(self.tr("Never"))
        self.lock_minutes.valueChanged.connect(self.changed)
        lock_row = QHBoxLayout()
        lock_row.addWidget(QLabel(self.tr("Lock after this long without typing:")))
        lock_row.addWidget(self.lock_minutes)
        lock_row.addStretch(1)
        lock_note = QLabel(
            self.tr(
                "File › Lock Writing Assistant (Ctrl+L) locks at once; the lock needs encryption."
            )
        )
        lock_note.setWordWrap(True)
        layout = QVBoxLayout(box)
        layout.addWidget(self.encryption_state)
        layout.addWidget(covers)
        layout.addLayout(buttons)
        layout.addWidget(self.remember)
        layout.addLayout(lock_row)
        layout.addWidget(lock_note)
        return box

    def refresh_encryption(self) -> None:
        """Show whether the data is encrypted, and the buttons that fit."""
        try:
            on = privacy.is_encrypted()
            remembered = on and privacy.is_remembered()
        except CryptoError as exc:
            self.encryption_state.setText(translated(exc))
            on = remembered = False
        if on:
            text = self.tr("Your private data is encrypted.")
        else:
            text = self.tr("Your private data is not encrypted.")
        self.encryption_state.setText(f"<b>{text}</b>")
        self.encrypt_button.setVisible(not on)
        self.change_button.setVisible(on)
        self.decrypt_button.setVisible(on)
        self.remember.setVisible(on)
        self.remember.setChecked(remembered)

    def title(self) -> str:
        return self.tr("Privacy")

    def load(self, settings: Settings) -> None:
        self.offline.setChecked(settings.offline_mode)
        self.lock_minutes.setValue(settings.privacy.lock_after_min)

    def store(self, settings: Settings) -> None:
        settings.offline_mode = self.offline.isChecked()
        settings.privacy.lock_after_min = self.lock_minutes.value()

    # -- encryption --------------------------------------------------------------------------

    def _run(self, work, done: str) -> bool:  # noqa: ANN001 - a callable
        """Run a switch; show `done`, or the reason nothing changed."""
        try:
            _busy(work)
        except privacy.KeyringUnavailableError as exc:
            self.result.setText(translated(exc))  # encrypted all the same
        except (CryptoError, ChatHistoryError, OSError) as exc:
            self.result.setText(self.tr("Nothing was changed: %1").replace("%1", translated(exc)))
            self.refresh_encryption()
            return False
        else:
            self.result.setText(done)
        self.refresh_encryption()
        return True

    def _encrypt(self) -> None:
        answer = questions.ask_new_passphrase(
            self,
            self.tr("Encrypt my data"),
            self.tr(
                "Choose a passphrase. Your chats, recovery copies and snapshots are encrypted "
                "with it now, and everything the app stores from now on."
            ),
        )
        if answer is None:
            return
        passphrase, remember = answer
        self._run(
            lambda: reencrypt.enable(passphrase, remember=remember),
            self.tr("Your private data is encrypted."),
        )

    def _current_passphrase(self, title: str) -> str | None:
        return questions.ask_passphrase(
            self, title, self.tr("Enter your current passphrase."), privacy.check_passphrase
        )

    def _change_passphrase(self) -> None:
        old = self._current_passphrase(self.tr("Change passphrase"))
        if old is None:
            return
        answer = questions.ask_new_passphrase(
            self,
            self.tr("Change passphrase"),
            self.tr("Choose the new passphrase. Everything is encrypted again with a new key."),
            ask_remember=False,
        )
        if answer is None:
            return
        self._run(
            lambda: reencrypt.change_passphrase(old, answer[0]),
            self.tr("The passphrase was changed."),
        )

    def _decrypt(self) -> None:
        from assistant.ui.dialogs.models import questions as yes_no

        if not yes_no.confirm(
            self,
            self.tr("Stop encrypting"),
            self.tr(
                "Store your chats, recovery copies and snapshots unencrypted again? Anyone "
                "who can read your files will be able to read them."
            ),
        ):
            return
        passphrase = self._current_passphrase(self.tr("Stop encrypting"))
        if passphrase is None:
            return
        self._run(
            lambda: reencrypt.disable(passphrase),
            self.tr("Your private data is no longer encrypted."),
        )

    def _remember(self, checked: bool) -> None:
        try:
            privacy.set_remembered(checked)
        except CryptoError as exc:
            self.result.setText(translated(exc))
        self.refresh_encryption()

    def _delete_all(self) -> None:
        items = inventory.stored_items()
        chosen = delete_all.ask_delete_items(self, items)
        if not chosen:
            return
        failures = _busy(lambda: inventory.delete_items(chosen))
        if failures:
            listed = "; ".join(translated(failure) for failure in failures)
            text = self.tr("Some items could not be deleted: %1").replace("%1", listed)
            self.result.setText(text)
        else:
            self.result.setText(self.tr("Deleted. Writing Assistant closes now."))
        self.refresh_encryption()
        self.all_data_deleted.emit()

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
            self.result.setText(self.tr("Could not delete: %1").replace("%1", translated(exc)))
            return
        self.result.setText(self.tr("%1 conversation(s) deleted.").replace("%1", str(count)))
        self.chats_deleted.emit()

    def _clear_statistics(self) -> None:
        from assistant.storage.stats import StatsError
        from assistant.ui.dialogs.models import questions  # patchable in tests

        if not questions.confirm(
            self,
            self.tr("Clear statistics"),
            self.tr(
                "Delete every writing statistic (words per day, suggestions, sessions, "
                "streaks)? Your documents and which text the model wrote stay. This cannot "
                "be undone."
            ),
        ):
            return
        try:
            clear_statistics()
        except StatsError as exc:
            self.result.setText(self.tr("Could not delete: %1").replace("%1", str(exc)))
            return
        self.result.setText(self.tr("Statistics cleared."))
        self.statistics_cleared.emit()
