"""A real OpenAI-compatible model server for tests: llama-cpp-python's, on 127.0.0.1.

`scripts/llama_server_env.sh` builds and caches its virtual environment outside the
repository (`scripts/test.sh` runs it first); the server serves the embedded GGUF,
the same weights the app runs locally. Tests start one per session (and a private
one where a test kills it).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
ALIAS = "SmolLM2-135M-Instruct"


def llama_python() -> Path | None:
    """The server venv's python, if it has been prepared (None otherwise)."""
    configured = os.environ.get("WA_LLAMA_PYTHON")
    if configured:
        return Path(configured)
    cache = Path(os.environ.get("WA_TEST_CACHE", Path.home() / ".cache/writing-assistant-tests"))
    venv = Path(os.environ.get("WA_LLAMA_VENV", cache / "llama-venv"))
    ready = list(venv.glob(".llama-cpp-python-*"))
    python = venv / "bin" / "python"
    return python if ready and python.exists() else None


def free_port() -> int:
    """A loopback port nothing listens on (right now)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LlamaServer:
    """One `python -m llama_cpp.server` process serving `gguf` on a loopback port."""

    def __init__(self, python: Path, gguf: Path, log: Path, api_key: str = "") -> None:
        self.python, self.gguf, self.log, self.api_key = python, gguf, log, api_key
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/v1"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout_s: float = 120.0) -> LlamaServer:
        """Start the server and wait until it lists its model."""
        args = [
            str(self.python),
            "-m",
            "llama_cpp.server",
            "--model",
            str(self.gguf),
            "--model_alias",
            ALIAS,
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--n_ctx",
            "2048",
            "--n_threads",
            "2",
            "--seed",
            "1",
            "--verbose",
            "False",
        ]
        if self.api_key:
            args += ["--api_key", self.api_key]
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the llama.cpp server exited; see {self.log}")
            try:
                if httpx.get(self.url + "/models", headers=headers, timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"the llama.cpp server did not start in {timeout_s:g} s; see {self.log}")

    def kill(self) -> None:
        """SIGKILL: the server dies mid-whatever, as a crash or the OOM killer does."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        """Terminate the server (politely, then not)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.kill()
