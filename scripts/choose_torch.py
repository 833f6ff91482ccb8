"""Pick the torch build this machine needs; print where pip should get it.

    python3 scripts/choose_torch.py [--for app|installer]

Prints the index URL for `pip install torch==… --index-url URL` on stdout (an empty
line: pip's own index, PyPI) and one line on stderr saying which build and why:

- macOS: PyPI's wheel (CPU and Apple GPU; there is no CUDA build for macOS).
- Linux or Windows with an NVIDIA GPU that `nvidia-smi` lists, for `--for app`: a
  CUDA build (PyPI's Linux wheel is one; Windows needs PyTorch's CUDA index).
- Otherwise, and always for `--for installer` (installers ship the CPU build to other
  people's machines): PyTorch's CPU index, because PyPI's Linux wheel is the CUDA
  build with several GB of nvidia-* libraries.
- An index that cannot be reached within a few seconds (a machine that reaches only
  PyPI, a firewall) falls back to PyPI, with a warning.

TORCH_INDEX_URL set in the environment wins over all of this. Standard library only:
it runs before any virtual environment exists (install.sh and the installer builds).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import threading
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

CPU_INDEX = "https://download.pytorch.org/whl/cpu"
# Windows has no CUDA wheel on PyPI. Which CUDA versions a torch release is built for
# changes from release to release; TORCH_CUDA_INDEX_URL picks another one.
CUDA_INDEX_WINDOWS = "https://download.pytorch.org/whl/cu130"
PROBE_TIMEOUT_S = 4.0


@dataclass(frozen=True)
class TorchChoice:
    """Where pip gets torch (None: PyPI) and the sentence that says why."""

    index_url: str | None
    reason: str


def choose(
    system: str,
    purpose: str,
    nvidia_gpu: Callable[[], str | None],
    reachable: Callable[[str], bool],
    override: str | None = None,
    cpu_index: str = CPU_INDEX,
    cuda_index_windows: str = CUDA_INDEX_WINDOWS,
) -> TorchChoice:
    """Decide the torch build from the OS, the GPU `nvidia-smi` names, and the index's reach.

    `system` is platform.system() ("Linux", "Windows", "Darwin"); `nvidia_gpu` returns the
    first GPU's name or None; `reachable` answers within a few seconds.
    """
    if override:
        return TorchChoice(override, f"from {override} (TORCH_INDEX_URL is set)")
    if system == "Darwin":
        return TorchChoice(None, "PyPI's macOS build (CPU and Apple GPU; no CUDA on macOS)")
    gpu = nvidia_gpu() if purpose == "app" else None
    if gpu:
        if system != "Windows":
            return TorchChoice(None, f"CUDA build from PyPI (nvidia-smi found {gpu})")
        if reachable(cuda_index_windows):
            return TorchChoice(cuda_index_windows, f"CUDA build (nvidia-smi found {gpu})")
        return TorchChoice(
            None,
            f"PyPI's CPU build: nvidia-smi found {gpu}, but {cuda_index_windows} cannot be reached",
        )
    why = "an installer ships the CPU build" if purpose == "installer" else "no NVIDIA GPU"
    if reachable(cpu_index):
        return TorchChoice(cpu_index, f"CPU build from {cpu_index} ({why})")
    risk = "" if system == "Windows" else "; on Linux this can be the large CUDA build"
    return TorchChoice(
        None,
        f"pip's own index, PyPI ({why}, but {cpu_index} cannot be reached{risk})",
    )


def nvidia_gpu_name(timeout_s: float = 10.0) -> str | None:
    """The first GPU `nvidia-smi -L` lists, or None (no driver, no GPU, or it hangs)."""
    tool = shutil.which("nvidia-smi")
    if not tool:
        return None
    try:
        out = subprocess.run(
            [tool, "-L"], capture_output=True, text=True, timeout=timeout_s, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    for line in out.stdout.splitlines():
        if out.returncode == 0 and line.startswith("GPU "):
            # "GPU 0: NVIDIA GeForce RTX 4070 (UUID: GPU-…)" -> "NVIDIA GeForce RTX 4070"
            return line.split(":", 1)[1].split("(UUID")[0].strip() or "an NVIDIA GPU"
    return None


def index_reachable(url: str, timeout_s: float = PROBE_TIMEOUT_S) -> bool:
    """True if the index answers an HTTP request within `timeout_s` (name lookup included).

    The request runs on a daemon thread because a socket timeout does not bound the DNS
    look-up, which can hang for a long time on a machine without a resolver.
    """
    result: list[bool] = []

    def probe() -> None:
        try:
            request = urllib.request.Request(url.rstrip("/") + "/torch/", method="HEAD")
            with urllib.request.urlopen(request, timeout=timeout_s):
                result.append(True)
        except Exception:  # any failure (DNS, refused, TLS, 404, proxy) means "not usable"
            result.append(False)

    thread = threading.Thread(target=probe, daemon=True)
    thread.start()
    thread.join(timeout_s)
    return bool(result and result[0])


def main(argv: list[str] | None = None) -> int:
    """Print the index URL (or an empty line) on stdout and the reason on stderr."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--for", dest="purpose", choices=("app", "installer"), default="app")
    parser.add_argument("--system", default=platform.system(), help=argparse.SUPPRESS)
    parser.add_argument("--cpu-index", default=CPU_INDEX, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    choice = choose(
        args.system,
        args.purpose,
        nvidia_gpu_name,
        index_reachable,
        override=os.environ.get("TORCH_INDEX_URL") or None,
        cpu_index=args.cpu_index,
        cuda_index_windows=os.environ.get("TORCH_CUDA_INDEX_URL") or CUDA_INDEX_WINDOWS,
    )
    print(f"torch: {choice.reason}", file=sys.stderr)
    print(choice.index_url or "")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
