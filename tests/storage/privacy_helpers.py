"""Shared by the privacy tests: put known private data in every store, look for it in bytes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

from assistant import paths
from assistant.storage.chat_history import ChatHistory
from assistant.storage.provenance import ProvenanceStore
from assistant.storage.recovery import RecoveryStore
from assistant.storage.snapshots import SnapshotStore
from assistant.storage.stats import StatsStore
from assistant.storage.stats_records import Activity, document_source
from assistant.tasks.provenance import Origin, Span

CANARY = "Zanzibar-canary-7f3e"
DOC_ID = "doc0canary"
SNAPSHOT_KEY = "/home/writer/novel/chapter-1.md"
DOCUMENT = "/home/writer/novel/chapter-2.md"


def _document_text(canary: str) -> tuple[str, Span]:
    model = f"the model wrote {canary}"
    origin = Origin("continue", "SmolLM2", "2025-01-02T03:04:05+00:00")
    return "The writer began; " + model, Span(18, 18 + len(model), origin, model)


def fill_stores(canary: str = CANARY) -> None:
    """A chat, a recovery copy, a snapshot, a provenance sidecar and statistics, each
    holding `canary` (the app's own APIs)."""
    with ChatHistory() as chats:
        conv = chats.create_conversation(f"About {canary}", f"Persona {canary}")
        chats.add_message(conv, "user", f"Tell me about {canary}.")
        chats.add_message(conv, "assistant", f"{canary} is a secret 秘密.")
    RecoveryStore(session_id="writer-session").write(
        DOC_ID, f"Draft with {canary}\n" * 50, "/home/writer/novel/draft.md", f"Draft {canary}"
    )
    SnapshotStore().take(SNAPSHOT_KEY, f"Chapter one: {canary}\n", f"Before {canary}")
    text, span = _document_text(canary)
    ProvenanceStore().save(DOCUMENT, text, [span])
    with StatsStore() as stats:
        stats.add(document_source(f"/home/writer/{canary}.md"), [Activity(date(2025, 1, 2), "", 7)])


def read_stores() -> dict[str, object]:
    """Everything `fill_stores` wrote, read back through the stores (as the app reads it)."""
    with ChatHistory() as chats:
        convs = chats.list_conversations()
        messages = [m.content for c in convs for m in chats.messages(c.id)]
        titles = [(c.title, c.system_prompt) for c in convs]
    store = RecoveryStore(session_id="other-session")
    entries = store.entries()
    snaps = SnapshotStore()
    infos = snaps.list(SNAPSHOT_KEY)
    text, _span = _document_text(CANARY)
    with StatsStore() as stats:
        days = stats.days()
    return {
        "provenance": [s.text for s in ProvenanceStore().load(DOCUMENT, text).spans],
        "statistics": [(d.day, d.typed_words) for d in days],
        "titles": titles,
        "messages": messages,
        "recovery": [(e.title, e.preview[:40], store.read(e.doc_id)) for e in entries],
        "snapshots": [(i.name, snaps.read(i.snapshot_id)) for i in infos],
    }


def files_containing(folder: Path, needle: str) -> list[str]:
    """Every file under `folder` whose bytes contain `needle` (UTF-8), as relative paths."""
    raw = needle.encode("utf-8")
    found = []
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(root) / name
            try:
                if raw in path.read_bytes():
                    found.append(str(path.relative_to(folder)))
            except OSError:
                continue
    return sorted(found)


def all_files(folder: Path) -> list[str]:
    """Every file under `folder`, relative, sorted."""
    return sorted(
        str((Path(root) / name).relative_to(folder))
        for root, _dirs, files in os.walk(folder)
        for name in files
    )


def make_orphan(doc_id: str = DOC_ID) -> None:
    """Make a recovery copy look like one a killed run left (its pid is gone)."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    meta_path = paths.recovery_dir() / f"{doc_id}.json"
    meta = json.loads(meta_path.read_text())
    meta["pid"] = int(done.stdout)  # only the plain fields are touched: sealed ones stay valid
    meta_path.write_text(json.dumps(meta))
