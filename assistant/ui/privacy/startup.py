"""Unlocking the writer's encrypted data when the app starts (and before a recovery).

Without encryption nothing is asked. With it, ``WRITING_ASSISTANT_PASSPHRASE`` (for
scripts and tests) or a key remembered in the OS keyring unlock silently; otherwise
the writer is asked before the window opens, and told when unsaved documents of a
crashed run are waiting behind the passphrase.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from assistant.storage import privacy
from assistant.storage.crypto import CryptoError, WrongPassphraseError
from assistant.ui.privacy import passphrase as questions
from assistant.ui.shell.i18n import translated


def _tr(text: str) -> str:
    return QCoreApplication.translate("Privacy", text)


def _verify(typed: str) -> bool:
    try:
        privacy.unlock(typed)
    except WrongPassphraseError:
        return False
    return True


def ask_unlock(parent: QWidget | None, crashed: bool = False) -> bool:
    """Ask for the passphrase until it is right; False when the writer cancels."""
    text = _tr("Your chats, recovery copies and snapshots are encrypted. Enter your passphrase.")
    if crashed:
        text = _tr(
            "Writing Assistant did not close normally, and the unsaved documents it kept are "
            "encrypted. Enter your passphrase to recover them."
        )
    title = _tr("Unlock Writing Assistant")
    return questions.ask_passphrase(parent, title, text, _verify) is not None


def unlock_at_start(parent: QWidget | None = None) -> bool:
    """Make the private data readable before the window opens; False: the writer cancelled."""
    try:
        if not privacy.is_encrypted():
            return True
        if privacy.unlock_from_environment() or privacy.unlock_from_keyring():
            return True
        from assistant.storage.recovery import RecoveryStore

        return ask_unlock(parent, crashed=RecoveryStore().has_orphans())
    except CryptoError as exc:  # a damaged or newer vault file: say so, open nothing
        QMessageBox.critical(parent, _tr("Writing Assistant"), translated(exc))
        return False
