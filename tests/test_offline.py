"""Offline, provably: every entry point keeps the model hub offline by its own doing.

Each entry point runs as a child process (`python -m assistant ...`) with none of the
HF_*/TRANSFORMERS_* variables from us, under the network guard (tests/network_guard.py,
loaded by tests/offline_site/sitecustomize.py before the app's first line): a connect,
a UDP send or a host-name lookup that would leave the machine raises and is logged.
The child also logs, at exit, what its model libraries would do next: the offline
environment and huggingface_hub's own flag. Without `enforce_offline()` in the entry
point that state is "online", and the test fails, even where no code happened to try
the network this time.

The GUI session (start, continue, an inline suggestion, rewrite, summarize, chat, every
Settings page, Model manager browsing) runs the real window the same way, driven by
tests/gui_session_hook.py, which records the offline state itself (the app may end
through os._exit, which skips the guard's exit record).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from assistant.engine import hub, offline
from tests import gui_session_hook
from tests.conftest import GuardedChild
from tests.hub_server import FakeHub
from tests.network_guard import NetworkAttempt

ROOT = Path(__file__).resolve().parents[1]
TEXT = (  # long enough to summarize (25 words or more)
    "The island was gone when the fog lifted. Mara counted the gulls twice, then "
    "rowed back to the harbour, where the ferryman swore he had seen it at dawn."
)
OFFLINE = {"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def _cli_entry_points(model: Path) -> dict[str, list[str]]:
    tiny = ["--model", str(model), "--device", "cpu"]
    gen = ["generate", *tiny, "--max-new-tokens", "4", "--seed", "1"]
    bench = ["bench", *tiny, "--lengths", "8", "--new-tokens", "2", "--repeats", "1"]
    return {
        "generate continue": [*gen, "--task", "continue", "--stream"],
        "generate rewrite": [*gen, "--task", "rewrite", "--style", "shorter"],
        "generate summarize": [*gen, "--task", "summarize", "--length", "short"],
        "generate chat": [*gen, "--task", "chat", "--system", "You are terse."],
        "models": ["models"],
        "models --json": ["models", "--json"],
        "bench": [*bench, "--no-baseline"],
        # --quality is left out: its samples do not fit the tiny model's 256-token context.
        "bench --ghost": ["bench", *tiny, "--ghost", "--json"],
        "stats --json": ["stats", str(model / "config.json"), "--json"],
        "privacy status --json": ["privacy", "status", "--json"],
        "voice list --json": ["voice", "list", "--json"],
    }


CLI_NAMES = list(_cli_entry_points(Path("m")))


def _run_guarded(child: GuardedChild, args: list[str], timeout: int) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        input=TEXT,
        env=child.env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
    )
    # Exit 1 with the plain "could not … well enough" is the checks refusing a tiny random
    # model's noise: a finished run, which is what this test needs.
    refused = result.returncode == 1 and "well enough" in result.stderr
    assert result.returncode == 0 or refused, result.stdout[-2000:] + result.stderr[-3000:]
    assert child.attempts() == [], "the app tried to reach the network"
    states = child.exit_states()
    assert len(states) == 1, "the child did not report its state at exit"
    state = states[0]
    assert {k: state[k] for k in OFFLINE} == OFFLINE, "the app did not switch the hub offline"
    assert state["hub_flag"] in (True, None)  # None: huggingface_hub was never imported


@pytest.mark.parametrize("name", CLI_NAMES)
def test_every_cli_command_stays_offline_by_itself(
    name: str, guarded_child: GuardedChild, tiny_model_dir: Path
) -> None:
    _run_guarded(guarded_child, _cli_entry_points(tiny_model_dir)[name], timeout=600)


@pytest.mark.slow
def test_self_test_stays_offline_by_itself(
    guarded_child: GuardedChild, default_model_file: Path
) -> None:
    _run_guarded(guarded_child, ["--self-test"], timeout=900)


#: What the GUI session covers, in order (tests/gui_session_hook.py).
GUI_STEPS = [
    "start: the window is shown and the model loads",
    "continue",
    "ghost",
    "rewrite",
    "summarize",
    "chat",
    *(f"settings › {page}" for page in
      ("general", "editor", "goals", "model", "generation", "shortcuts", "privacy")),
    "model manager",
    "model manager browsing",
]  # fmt: skip


def _run_gui_session(child: GuardedChild, tmp_path: Path, model_args: list[str]) -> None:
    result_file = tmp_path / "gui-session.json"
    env = {
        **child.env,
        "WRITING_ASSISTANT_TEST_HOOK": gui_session_hook.__file__,
        gui_session_hook.RESULT_ENV: str(result_file),
    }
    run = subprocess.run(
        [sys.executable, "-m", "assistant", *model_args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=900,
    )
    assert result_file.exists(), run.stdout[-2000:] + run.stderr[-3000:]
    result = json.loads(result_file.read_text("utf-8"))
    assert result["errors"] == []
    assert result["steps"] == GUI_STEPS
    assert child.attempts() == [], "the app tried to reach the network"
    state = result["offline"]
    assert {k: state[k] for k in OFFLINE} == OFFLINE, "the window did not switch the hub offline"
    assert state["hub_flag"] in (True, None)  # None: huggingface_hub was never imported
    assert run.returncode == 0, run.stderr[-3000:]


def test_a_gui_session_stays_offline(
    guarded_child: GuardedChild, tiny_model_dir: Path, tmp_path: Path
) -> None:
    _run_gui_session(guarded_child, tmp_path, ["--model", str(tiny_model_dir), "--device", "cpu"])


@pytest.mark.slow
def test_a_gui_session_with_the_embedded_model_stays_offline(
    guarded_child: GuardedChild, default_model_file: Path, tmp_path: Path
) -> None:
    _run_gui_session(guarded_child, tmp_path, ["--device", "cpu"])


def test_the_guard_catches_what_the_offline_switch_prevents(guarded_child: GuardedChild) -> None:
    """Without the switch huggingface_hub goes for the network (blocked and logged by the
    guard); with it, it refuses before any socket."""
    ask_the_hub = (
        "import sys\n"
        "if sys.argv[1] == 'switch':\n"
        "    from assistant.engine.offline import enforce_offline\n"
        "    enforce_offline()\n"
        "from huggingface_hub import HfApi\n"
        "try:\n"
        "    HfApi().model_info('HuggingFaceTB/SmolLM2-135M-Instruct')\n"
        "except Exception as exc:\n"
        "    print(type(exc).__name__)\n"
    )
    outcomes = {}
    for mode in ("no-switch", "switch"):
        guarded_child.log.unlink(missing_ok=True)
        out = subprocess.run(
            [sys.executable, "-c", ask_the_hub, mode],
            env=guarded_child.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout.strip()
        outcomes[mode] = (out, guarded_child.attempts())
    assert outcomes["no-switch"][1] and outcomes["no-switch"][1][0].startswith("resolve ")
    assert outcomes["switch"] == ("OfflineModeIsEnabled", [])


def test_the_guard_blocks_before_sending(no_network: list[str]) -> None:
    with pytest.raises(NetworkAttempt):
        socket.create_connection(("192.0.2.1", 443), timeout=1)  # TEST-NET-1: never routed
    with pytest.raises(NetworkAttempt):
        socket.getaddrinfo("huggingface.co", 443)
    assert no_network == ["connect 192.0.2.1:443", "resolve huggingface.co:443"]
    no_network.clear()  # expected attempts: do not fail the test in teardown
    with socket.create_server(("127.0.0.1", 0)) as server:  # loopback stays open
        socket.create_connection(server.getsockname(), timeout=5).close()


@pytest.fixture
def enforced(monkeypatch: pytest.MonkeyPatch) -> None:
    """enforce_offline() in this process, undone afterwards."""
    from huggingface_hub import constants

    for key in offline.OFFLINE_ENVIRONMENT:
        monkeypatch.delenv(key, raising=False)
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    monkeypatch.setattr(constants, "is_offline_mode", constants.is_offline_mode)
    offline.enforce_offline()  # monkeypatch puts back what was there before


def test_enforce_offline_reaches_an_already_imported_hub(enforced: None) -> None:
    from huggingface_hub import constants

    assert constants.HF_HUB_OFFLINE is True  # read at its import, before our call
    assert {k: os.environ[k] for k in OFFLINE} == OFFLINE


def test_a_download_lifts_offline_mode_for_its_own_requests_only(
    enforced: None, tiny_model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from huggingface_hub import HfApi, constants
    from huggingface_hub.errors import OfflineModeIsEnabled

    monkeypatch.setattr(constants, "DOWNLOAD_CHUNK_SIZE", 8192)
    with FakeHub(tiny_model_dir, "test-org/tiny-chat") as server:
        server.pause_after["model.safetensors"] = 8192  # hold the download mid-file
        result: dict[str, object] = {}

        def download() -> None:
            result["path"] = hub.download("test-org/tiny-chat", endpoint=server.endpoint)

        worker = threading.Thread(target=download)
        worker.start()
        try:
            while not any(p.endswith("/model.safetensors") for _m, p, _r in server.requests):
                worker.join(0.05)
            seen = len(server.requests)
            # Meanwhile, on another thread: the same library, the same server, refused.
            with pytest.raises(OfflineModeIsEnabled):
                HfApi(endpoint=server.endpoint).model_info("test-org/tiny-chat")
            assert len(server.requests) == seen
            assert os.environ["HF_HUB_OFFLINE"] == "1" and constants.HF_HUB_OFFLINE is True
        finally:
            server.release.set()
            worker.join(60)
    assert result["path"] == hub.target_dir("test-org/tiny-chat")
    with pytest.raises(OfflineModeIsEnabled):  # and after the download, offline again
        HfApi(endpoint=server.endpoint).model_info("test-org/tiny-chat")
