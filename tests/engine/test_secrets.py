"""API keys live in the system keyring, never in the settings file."""

from __future__ import annotations

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from assistant.engine.backend import EngineError
from assistant.engine.secrets import SERVICE, get_api_key, set_api_key
from assistant.settings import Settings
from assistant.settings_file import save_settings

URL = "http://localhost:8080/v1"


class MemoryKeyring(KeyringBackend):
    """An in-memory keyring (what the OS keyring does, without the OS)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        from keyring.errors import PasswordDeleteError

        if (service, username) not in self.store:
            raise PasswordDeleteError("not stored")
        del self.store[(service, username)]


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


def test_a_key_round_trips_through_the_keyring_and_not_the_settings(memory_keyring) -> None:
    from assistant import paths

    set_api_key(URL, "sk-local-123")
    assert memory_keyring.store == {(SERVICE, URL): "sk-local-123"}
    assert get_api_key(URL) == "sk-local-123" and get_api_key("http://other/v1") == ""
    settings = Settings()
    settings.model.backend, settings.model.server_url = "openai", URL
    save_settings(settings)
    assert "sk-local-123" not in paths.settings_file().read_text(encoding="utf-8")
    set_api_key(URL, "")  # an emptied field forgets the key
    set_api_key(URL, "")  # twice is fine
    assert get_api_key(URL) == "" and memory_keyring.store == {}


def test_without_a_keyring_a_key_is_refused_clearly_and_reads_as_none() -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        assert get_api_key(URL) == ""
        with pytest.raises(EngineError, match="no usable keyring .* not saved anywhere else"):
            set_api_key(URL, "sk-123")
    finally:
        keyring.set_keyring(previous)
