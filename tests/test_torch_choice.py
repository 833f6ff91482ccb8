"""scripts/choose_torch.py: which torch build install.sh and the installer builds fetch.

The decision is tested with faked inputs (OS, the GPU nvidia-smi names, whether the
index answers); the script itself is run as install.sh runs it, with a fake
`nvidia-smi` on PATH and a CPU index served (or not) on loopback.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "choose_torch.py"
spec = importlib.util.spec_from_file_location("choose_torch", SCRIPT)
choose_torch = importlib.util.module_from_spec(spec)
sys.modules["choose_torch"] = choose_torch  # dataclasses look their module up there
spec.loader.exec_module(choose_torch)
CPU = choose_torch.CPU_INDEX
CUDA_WIN = choose_torch.CUDA_INDEX_WINDOWS


def _decide(system: str, gpu: str | None, up: bool, purpose: str = "app", override=None):
    asked: list[str] = []

    def reachable(url: str) -> bool:
        asked.append(url)
        return up

    choice = choose_torch.choose(system, purpose, lambda: gpu, reachable, override=override)
    return choice, asked


@pytest.mark.parametrize("system", ["Linux", "Windows"])
def test_no_gpu_takes_the_cpu_index_when_it_answers(system: str) -> None:
    choice, asked = _decide(system, gpu=None, up=True)
    assert choice.index_url == CPU and asked == [CPU]
    assert "CPU build" in choice.reason and "no NVIDIA GPU" in choice.reason


@pytest.mark.parametrize("system", ["Linux", "Windows"])
def test_unreachable_cpu_index_falls_back_to_pypi_and_says_so(system: str) -> None:
    choice, _ = _decide(system, gpu=None, up=False)
    assert choice.index_url is None
    assert f"{CPU} cannot be reached" in choice.reason
    assert ("CUDA" in choice.reason) == (system == "Linux")  # the warning where it applies


def test_linux_with_an_nvidia_gpu_takes_pypi_cuda_build_without_probing() -> None:
    choice, asked = _decide("Linux", gpu="NVIDIA H200", up=False)
    assert choice.index_url is None and asked == []
    assert choice.reason == "CUDA build from PyPI (nvidia-smi found NVIDIA H200)"


def test_windows_with_an_nvidia_gpu_takes_the_cuda_index() -> None:
    choice, _ = _decide("Windows", gpu="NVIDIA RTX 4070", up=True)
    assert choice.index_url == CUDA_WIN
    choice, _ = _decide("Windows", gpu="NVIDIA RTX 4070", up=False)
    assert choice.index_url is None and "cannot be reached" in choice.reason


def test_macos_takes_pypi_whatever_else_is_true() -> None:
    for gpu in (None, "NVIDIA X"):
        choice, asked = _decide("Darwin", gpu=gpu, up=True)
        assert choice.index_url is None and asked == [] and "macOS" in choice.reason


def test_installers_ship_the_cpu_build_even_from_a_gpu_machine() -> None:
    choice, _ = _decide("Linux", gpu="NVIDIA H200", up=True, purpose="installer")
    assert choice.index_url == CPU and "installer" in choice.reason


def test_torch_index_url_overrides_everything() -> None:
    choice, asked = _decide("Linux", gpu="NVIDIA H200", up=True, override="https://mirror/x")
    assert choice.index_url == "https://mirror/x" and asked == []


class _Index(BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:  # noqa: N802
        self.send_response(200 if self.path == "/whl/cpu/torch/" else 404)
        self.end_headers()

    def log_message(self, *_args) -> None:
        pass


@pytest.fixture
def loopback_index() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Index)
    Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/whl/cpu"
    server.shutdown()
    server.server_close()


def _fake_nvidia_smi(folder: Path, gpu_line: str | None) -> None:
    tool = folder / "nvidia-smi"
    body = f'echo "{gpu_line}"' if gpu_line else 'echo "NVIDIA-SMI has failed" >&2; exit 9'
    tool.write_text(f"#!/bin/sh\n{body}\n")
    tool.chmod(0o755)


def _run(args: list[str], path_dir: Path) -> tuple[str, str, float]:
    env = {k: v for k, v in os.environ.items() if k not in ("TORCH_INDEX_URL",)}
    env["PATH"] = f"{path_dir}{os.pathsep}{env.get('PATH', '')}"
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, str(SCRIPT), *args], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout, out.stderr, time.perf_counter() - started


@pytest.mark.skipif(sys.platform == "win32", reason="the fake nvidia-smi is a shell script")
def test_script_reads_nvidia_smi_and_probes_the_index(tmp_path: Path, loopback_index: str) -> None:
    _fake_nvidia_smi(tmp_path, None)  # a driver that fails: no GPU
    out, err, _ = _run(["--system", "Linux", "--cpu-index", loopback_index], tmp_path)
    assert out == loopback_index + "\n"
    assert err == f"torch: CPU build from {loopback_index} (no NVIDIA GPU)\n"

    _fake_nvidia_smi(tmp_path, "GPU 0: NVIDIA H200 (UUID: GPU-1234)")
    out, err, _ = _run(["--system", "Linux", "--cpu-index", loopback_index], tmp_path)
    assert out == "\n" and err == "torch: CUDA build from PyPI (nvidia-smi found NVIDIA H200)\n"


def test_script_falls_back_fast_when_the_index_does_not_answer(tmp_path: Path) -> None:
    # A port that accepts nothing: the kind of refusal a firewalled machine gives at once.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{s.getsockname()[1]}/whl/cpu"
    out, err, seconds = _run(["--system", "Linux", "--cpu-index", dead], tmp_path)
    assert out == "\n" and f"{dead} cannot be reached" in err
    assert seconds < choose_torch.PROBE_TIMEOUT_S + 3


def test_probe_gives_up_on_a_server_that_never_answers() -> None:
    # Accepts the connection, never replies: the probe must not wait for pip's 180 s.
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/whl/cpu"
        started = time.perf_counter()
        assert choose_torch.index_reachable(url, timeout_s=0.5) is False
        assert time.perf_counter() - started < 2
