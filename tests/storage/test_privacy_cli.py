"""`writing-assistant privacy ...` as a script would use it, and "delete all my data"."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant import paths
from assistant.storage import inventory, privacy
from tests.storage.privacy_helpers import CANARY, files_containing, fill_stores

ROOT = Path(__file__).resolve().parents[2]
PASS = "correct horse battery"


def _cli(*args: str, stdin: str = "", env: dict | None = None) -> subprocess.CompletedProcess:
    """The real command in a child process (the real scrypt cost, as a script sees it)."""
    return subprocess.run(
        [sys.executable, "-m", "assistant", "privacy", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
        timeout=120,
        cwd=ROOT,
    )


def _status() -> dict:
    result = _cli("status", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_encrypt_status_change_and_decrypt_from_a_script(isolated_home: Path) -> None:
    fill_stores()
    assert _status()["encrypted"] is False
    assert _cli("encrypt", stdin=PASS + "\n").returncode == 0
    status = _status()
    assert status["encrypted"] is True and status["kdf"]["n"] == 2**17
    kinds = {where["what"]: where["encrypted"] for where in status["locations"]}
    assert kinds["chats"] and kinds["recovery"] and kinds["snapshots"]
    assert kinds["statistics"] and kinds["provenance"]
    assert kinds["vault"] is False and "never encrypted" in status["documents"]
    assert files_containing(isolated_home, CANARY) == []

    wrong = _cli("decrypt", stdin="not the passphrase\n")
    assert wrong.returncode == 1
    assert wrong.stderr.strip() == (
        "writing-assistant: error: That passphrase is not right; nothing was changed."
    )
    changed = _cli("change-passphrase", stdin=f"{PASS}\nanother passphrase\n")
    assert changed.returncode == 0, changed.stderr
    # The environment variable stands for the current passphrase (scripts and tests).
    plain = _cli("decrypt", env={privacy.PASSPHRASE_ENV: "another passphrase"})
    assert plain.returncode == 0, plain.stderr
    assert _status()["encrypted"] is False
    assert files_containing(isolated_home, CANARY)


def test_no_passphrase_on_stdin_is_a_clear_error() -> None:
    result = _cli("encrypt")
    assert result.returncode == 1
    assert "no passphrase: give it on standard input" in result.stderr
    assert not privacy.vault_file().exists()


def test_delete_all_lists_then_deletes_everything_but_documents(
    isolated_home: Path, tmp_path: Path
) -> None:
    document = tmp_path / "my-novel.md"
    document.write_text(f"My own file with {CANARY}")
    fill_stores()
    (paths.models_cache_dir() / "model.safetensors").write_bytes(b"\0" * 4096)
    (paths.config_dir() / "settings.json").write_text("{}")
    (paths.log_dir() / "app.log").write_text(f"log line {CANARY}")
    from assistant.storage import reencrypt

    reencrypt.enable(PASS, remember=True)

    listing = _cli("delete-all", "--json")
    assert listing.returncode == 0
    items = json.loads(listing.stdout)["items"]
    kinds = {item["what"] for item in items}
    assert {"settings", "chats", "recovery", "snapshots", "vault", "converted", "logs"} <= kinds
    assert all(item["bytes"] > 0 for item in items if item["what"] != "converted")
    assert json.loads(listing.stdout)["deleted"] is False
    assert privacy.vault_file().exists()  # listing deletes nothing

    failures = inventory.delete_all_data()  # in-process: the keyring is this test's
    assert failures == []
    left = [p for root in inventory.app_roots().values() for p in root.rglob("*")]
    assert left == []
    assert not privacy.is_encrypted() and privacy.is_unlocked()
    assert document.read_text() == f"My own file with {CANARY}"


def test_delete_all_with_yes_from_the_command_line(isolated_home: Path) -> None:
    fill_stores()
    result = _cli("delete-all", "--yes")
    assert result.returncode == 0, result.stderr
    assert "Your documents were not touched" in result.stdout
    assert files_containing(isolated_home, CANARY) == []
    assert inventory.stored_items() == []


@pytest.mark.parametrize("bad", ["", "{", '{"format": "writing-assistant-vault", "version": 9}'])
def test_a_damaged_vault_file_is_reported_in_words(bad: str) -> None:
    fill_stores()
    privacy.vault_file().write_text(bad)
    result = _cli("decrypt", stdin=PASS + "\n")
    assert result.returncode == 1
    assert "vault file" in result.stderr and "Traceback" not in result.stderr
