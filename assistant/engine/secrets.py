"""API keys for model servers, kept in the operating system's keyring, never in settings.

The settings file is plain JSON a writer may copy or share; a key in it would
leak with it. `keyring` stores it in the Windows Credential Manager, the macOS
Keychain or the Secret Service (GNOME Keyring, KWallet). A machine without any
keyring gets a clear message instead of a key written somewhere unsafe.
"""

from __future__ import annotations

import logging

from assistant.engine.backend import EngineError
from assistant.translatable import Translatable

log = logging.getLogger(__name__)

#: The keyring "service" under which keys are stored; the user name is the server URL.
SERVICE = "WritingAssistant model server"


def get_api_key(base_url: str) -> str:
    """The key stored for a server, or "" when none is stored (or no keyring exists)."""
    if not base_url:
        return ""
    import keyring
    from keyring.errors import KeyringError

    try:
        return keyring.get_password(SERVICE, base_url) or ""
    except (KeyringError, RuntimeError) as exc:  # no backend, locked, DBus trouble
        log.info("no API key from the keyring for %s: %s", base_url, exc)
        return ""


def set_api_key(base_url: str, key: str) -> None:
    """Store (or with "" forget) the key for a server; raises EngineError if impossible."""
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    try:
        if key:
            keyring.set_password(SERVICE, base_url, key)
        else:
            try:
                keyring.delete_password(SERVICE, base_url)
            except PasswordDeleteError:
                pass  # nothing stored: nothing to forget
    except (KeyringError, RuntimeError) as exc:
        raise EngineError(
            Translatable(
                "The API key could not be stored: this computer has no usable keyring "
                "(password store) for it ({reason}). The key is not saved anywhere else.",
                reason=str(exc),
            )
        ) from exc
