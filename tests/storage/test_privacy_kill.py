"""A switch killed at any moment leaves the old state or the new one, complete, never a mix.

A child process turns encryption on (or changes the passphrase, or turns it off) and
is SIGKILLed: once before each rename it makes (every atomic write and every move of
the switch is a rename, so this walks every boundary), and at random times. The
next "start" (`settle`) must then find exactly one complete state.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant import paths
from assistant.storage import privacy, reencrypt
from assistant.storage.chat_history import ChatHistory
from assistant.storage.recovery import RecoveryStore
from assistant.storage.snapshots import SnapshotStore
from tests.storage.privacy_helpers import CANARY, files_containing, read_stores

ROOT = Path(__file__).resolve().parents[2]
OLD_PASS = "old passphrase 1"
NEW_PASS = "new passphrase 2"

_CHILD = """
import os, signal, sys
from assistant.storage import crypto, reencrypt
crypto.DEFAULT_KDF = crypto.KdfParams(n=2**10, r=8, p=1)
action, kill_at = sys.argv[1], int(sys.argv[2])
renames = 0
real_replace = os.replace

def replace(src, dst):
    global renames
    renames += 1
    if renames == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
    real_replace(src, dst)

os.replace = replace
print("ready", flush=True)
old, new = sys.argv[3], sys.argv[4]
if action == "enable":
    reencrypt.enable(old)
elif action == "change":
    reencrypt.change_passphrase(old, new)
else:
    reencrypt.disable(old)
print(renames, flush=True)
"""

#: action -> (passphrase of the state before, of the state after; None = not encrypted)
ACTIONS = {
    "enable": (None, OLD_PASS),
    "change": (OLD_PASS, NEW_PASS),
    "disable": (OLD_PASS, None),
}


def _fill(home: Path, encrypted: bool) -> dict:
    with ChatHistory() as chats:
        for n in range(3):
            conv = chats.create_conversation(f"Chat {n} {CANARY}")
            for i in range(6):
                chats.add_message(conv, "user", f"{CANARY} message {n}.{i}")
    for n in range(2):
        RecoveryStore(session_id="s").write(f"doc{n}", f"{CANARY} draft {n}\n", None, f"D{n}")
        SnapshotStore().take(f"/novel/ch{n}.md", f"{CANARY} chapter {n}", f"snap {n}")
    if encrypted:
        reencrypt.enable(OLD_PASS)
    privacy._reset_for_tests()
    return _read(OLD_PASS if encrypted else None)


def _read(passphrase: str | None) -> dict:
    if passphrase is not None:
        privacy.unlock(passphrase)
    data = read_stores()
    data["snapshots"] = sorted(
        (i.name, SnapshotStore().read(i.snapshot_id))
        for n in range(2)
        for i in SnapshotStore().list(f"/novel/ch{n}.md")
    )
    privacy._reset_for_tests()
    return data


def _run_child(action: str, kill_at: int, delay_s: float | None = None) -> int | None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", _CHILD, action, str(kill_at), OLD_PASS, NEW_PASS],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    if delay_s is not None:
        time.sleep(delay_s)
        child.send_signal(signal.SIGKILL)
    out, _ = child.communicate(timeout=60)
    return int(out) if child.returncode == 0 else None


def _state_after_restart(home: Path, before: str | None, after: str | None, expected: dict) -> str:
    """'old' or 'new': which complete state the next start finds (asserts it is one)."""
    privacy._reset_for_tests()
    privacy.settle()
    data = paths.data_dir()
    assert not (data / privacy.STAGING_NAME).exists()
    assert not (data / privacy.OLD_NAME).exists()
    assert not (data / privacy.MARKER_NAME).exists()
    if not privacy.is_encrypted():
        assert None in (before, after), "encryption is off, but neither state was plain"
        found = "old" if before is None else "new"
        assert _read(None) == expected
        return found
    # Encrypted: exactly one of the two passphrases opens it, and nothing is plain.
    assert files_containing(home, CANARY) == []
    for name, passphrase in (("old", before), ("new", after)):
        if passphrase is None:
            continue
        try:
            privacy.unlock(passphrase)
        except Exception:
            continue
        privacy._reset_for_tests()
        assert _read(passphrase) == expected
        return name
    raise AssertionError("encrypted, but neither passphrase opens it")


@pytest.mark.parametrize("action", list(ACTIONS))
def test_a_kill_at_any_moment_leaves_one_whole_state(
    action: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before, after = ACTIONS[action]
    rng = random.Random(f"privacy-kill-{action}")
    runs = 0
    seen: set[str] = set()

    def fresh_home() -> tuple[Path, dict]:
        nonlocal runs
        runs += 1
        home = tmp_path / f"home{runs}"
        home.mkdir()
        monkeypatch.setenv(paths.HOME_ENV, str(home))
        privacy._reset_for_tests()
        return home, _fill(home, encrypted=before is not None)

    # A run to the end counts the renames and measures how long the switch takes.
    home, expected = fresh_home()
    started = time.perf_counter()
    total = _run_child(action, kill_at=-1)
    took = time.perf_counter() - started
    assert total is not None and total > 10
    assert _state_after_restart(home, before, after, expected) == "new"

    # Before each rename, for every rename of the commit and the moves (the last
    # ones), and a spread of the atomic writes that build the staging copy.
    tail = list(range(max(1, total - 6), total + 1))
    kill_points = sorted(set(rng.sample(range(1, total - 6), 3) + tail))
    for kill_at in kill_points:
        home, expected = fresh_home()
        assert _run_child(action, kill_at) is None
        seen.add(_state_after_restart(home, before, after, expected))
    # And at random moments, as a power cut or a kill -9 would strike.
    for _ in range(3):
        home, expected = fresh_home()
        _run_child(action, -1, delay_s=rng.uniform(0, took))
        seen.add(_state_after_restart(home, before, after, expected))
    assert seen == {"old", "new"}, "the kills should have landed on both sides of the commit"


def test_an_interrupted_switch_is_finished_by_the_next_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Killed right after the commit marker, before any move: whichever store is
    # opened next finishes the move (renames only: no passphrase needed).
    from assistant.storage.atomic import atomic_write_json

    _fill(tmp_path, encrypted=False)

    def commit_only(replace: list[str], remove: list[str]) -> None:
        plan = {"replace": replace, "remove": remove}
        atomic_write_json(paths.data_dir() / privacy.MARKER_NAME, plan)

    with monkeypatch.context() as patch:
        patch.setattr(privacy, "commit_switch", commit_only)
        reencrypt.enable(OLD_PASS)
    privacy._reset_for_tests()
    assert (paths.data_dir() / privacy.MARKER_NAME).exists()
    assert files_containing(tmp_path, CANARY)  # the old plain files are still in place
    RecoveryStore()
    assert privacy.is_encrypted()
    assert not (paths.data_dir() / privacy.STAGING_NAME).exists()
    assert files_containing(tmp_path, CANARY) == []
