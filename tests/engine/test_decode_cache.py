"""A warm start reads the decode weights from the disk cache and writes the same text.

Run in a child process: the bug this guards against (cached int8 weights that were
views of a closed memory map) crashed the interpreter inside the kernel.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import sys, threading
from assistant.engine.loader import load_backend
from assistant.tasks.types import GenerationRequest, Sampling
backend = load_backend(sys.argv[1], "cpu")
request = GenerationRequest(
    task="continue", prompt="The island was", sampling=Sampling(temperature=0, max_new_tokens=6)
)
print(backend.decode_mode)
print(repr(backend.generate(request, threading.Event())))
"""


def _start(model: Path, home: Path) -> list[str]:
    env = {**os.environ, "WRITING_ASSISTANT_HOME": str(home), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(model)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.splitlines()[-2:]


def test_a_warm_start_from_the_decode_cache_writes_what_the_cold_start_wrote(
    tiny_model_dir, tmp_path
) -> None:
    home = tmp_path / "home"
    cold_mode, cold_text = _start(tiny_model_dir, home)
    assert list(home.glob("cache/converted/*/int8_decode.safetensors")), "no decode cache"
    warm_mode, warm_text = _start(tiny_model_dir, home)
    assert (warm_mode, warm_text) == (cold_mode, cold_text)
