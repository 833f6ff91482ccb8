"""`writing-assistant stats FILE` as a script runs it: plain, encrypted, locked, and bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from assistant.storage import reencrypt
from assistant.storage.provenance import ProvenanceStore
from assistant.storage.stats import StatsStore
from assistant.storage.stats_records import Moments, document_source
from assistant.tasks.provenance import Origin, Span

ROOT = Path(__file__).resolve().parents[2]
PASS = "correct horse battery"
TEXT = "我写了开头。The model wrote this line."
SPAN = Span(6, len(TEXT), Origin("continue", "SmolLM2", "2025-03-01T10:00:00+00:00"),
            "The model wrote this line.")  # fmt: skip


def _stats(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    # The test's own home (isolated_home); no passphrase unless `env` gives one.
    environment = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "assistant", "stats", *args],
        capture_output=True,
        text=True,
        env=environment,
        stdin=subprocess.DEVNULL,
        timeout=120,
        cwd=ROOT,
    )


def test_stats_of_a_saved_file_plain_then_encrypted(work: Path) -> None:
    doc = work / "story.txt"
    doc.write_text(TEXT, encoding="utf-8")
    ProvenanceStore().save(doc, TEXT, [SPAN])
    with StatsStore() as stats:
        stats.add(document_source(doc), [], Moments(1.0, 60.0, 50.0))
    result = _stats(str(doc), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["words"], data["model_words"], data["sessions"]) == (5 + 5, 5, 1)
    assert data["model_share"] == 0.5
    assert data["spans"][0]["text"] == "The model wrote this line."
    assert data["spans"][0]["start"] == 6 and data["spans"][0]["end"] == len(TEXT)
    human = _stats(str(doc))
    assert human.returncode == 0
    assert human.stdout.startswith("story.txt: 10 words, 5 written by the model (50.0 %)")

    reencrypt.enable(PASS)
    locked = _stats(str(doc), "--json")
    assert locked.returncode == 1
    assert "no passphrase" in locked.stderr
    unlocked = _stats(str(doc), "--json", env={"WRITING_ASSISTANT_PASSPHRASE": PASS})
    assert unlocked.returncode == 0, unlocked.stderr
    assert json.loads(unlocked.stdout) == data


def test_a_missing_file_is_a_one_line_error(work: Path) -> None:
    result = _stats(str(work / "nowhere.txt"), "--json")
    assert result.returncode == 1
    assert result.stderr.startswith("writing-assistant: error:")
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (work / "nowhere.txt").exists()
