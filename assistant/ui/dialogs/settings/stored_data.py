"""What the app stores where, and the deletions the Privacy page offers one by one.

`stored_locations` is the list the page shows (with a folder to open for each);
deleting the chat history or the writing statistics is done here, without Qt, so the
page only asks, reports and signals.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from assistant import paths


def delete_chat_history() -> int:
    """Delete every saved chat conversation; returns how many were deleted."""
    from assistant.storage.chat_history import ChatHistory

    with ChatHistory() as history:
        conversations = history.list_conversations()
        for conv in conversations:
            history.delete(conv.id)
    # Deleted rows linger in free pages until the file is rebuilt; the writer asked for
    # the text to be gone, so rebuild it (best effort: another open reader may block it).
    try:
        with contextlib.closing(sqlite3.connect(paths.chat_db_file())) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.execute("VACUUM")
    except sqlite3.Error:
        pass
    return len(conversations)


def clear_statistics() -> None:
    """Delete every writing statistic (StatsError when the database cannot be written)."""
    from assistant.storage.stats import StatsStore

    with StatsStore() as store:
        store.clear()


def stored_locations() -> list[tuple[str, Path, Path]]:
    """(what, shown path, folder to open) for everything the app writes."""
    from assistant.engine.hub import downloads_dir
    from assistant.storage import provenance, stats

    data = paths.data_dir()
    return [
        ("settings", paths.settings_file(), paths.config_dir()),
        ("chats", paths.chat_db_file(), paths.data_dir()),
        ("statistics", data / stats.STATS_DB_ENTRIES[0], data),
        ("provenance", data / provenance.FOLDER, data),
        ("recovery", paths.recovery_dir(), paths.recovery_dir()),
        ("snapshots", paths.data_dir() / "snapshots", paths.data_dir()),
        ("voices", data / "voices", data),
        ("downloads", downloads_dir(), downloads_dir()),
        ("converted", paths.models_cache_dir(), paths.models_cache_dir()),
        ("logs", paths.log_dir(), paths.log_dir()),
    ]
