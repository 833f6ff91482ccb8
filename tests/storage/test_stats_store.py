"""The writing statistics database: totals, sessions, clearing, encryption, damage."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant import paths
from assistant.storage import reencrypt
from assistant.storage.stats import StatsError, StatsStore
from assistant.storage.stats_records import Activity, Moments, document_source

DAY1, DAY2 = date(2025, 3, 1), date(2025, 3, 2)
STORY = document_source("/home/writer/story.txt")
NOTES = document_source("/home/writer/notes.txt")


def test_counts_add_up_per_day_and_per_task() -> None:
    with StatsStore() as store:
        store.add(STORY, [Activity(DAY1, "", typed_words=100, active_seconds=600)])
        store.add(STORY, [Activity(DAY1, "", typed_words=20, active_seconds=60)])
        store.add(
            STORY,
            [Activity(DAY1, "ghost", accepted_words=5, shown=4, accepted=1, dismissed=3)],
        )
        store.add(NOTES, [Activity(DAY2, "", typed_words=7)])
        days = store.days()
        assert [(d.day, d.typed_words, d.accepted_words, d.active_seconds) for d in days] == [
            (DAY1, 120, 5, 660.0),
            (DAY2, 7, 0, 0.0),
        ]
        assert [d.day for d in store.days(first=DAY2)] == [DAY2]
        assert [d.typed_words for d in store.days(source=NOTES)] == [7]
        (ghost,) = store.tasks()
        assert (ghost.task, ghost.shown, ghost.accepted, ghost.dismissed) == ("ghost", 4, 1, 3)


def test_sessions_continue_after_short_pauses_and_start_after_long_ones() -> None:
    with StatsStore() as store:
        store.add(STORY, [], Moments(1000.0, 1600.0, 500.0))
        store.add(STORY, [], Moments(1700.0, 1800.0, 100.0))  # 100 s later: the same session
        assert store.sessions(STORY) == 1
        store.add(STORY, [], Moments(1800.0 + 31 * 60, 1800.0 + 40 * 60, 60.0))
        assert store.sessions(STORY) == 2
        assert store.sessions(NOTES) == 0


def test_an_untitled_document_keeps_its_history_when_it_gets_a_name() -> None:
    untitled = document_source(None, "abc123")
    with StatsStore() as store:
        store.add(untitled, [Activity(DAY1, "", typed_words=42)], Moments(1.0, 2.0, 1.0))
        store.move(untitled, STORY)
        assert [d.typed_words for d in store.days(source=STORY)] == [42]
        assert store.sessions(STORY) == 1


def test_clear_removes_everything_and_leaves_no_path_in_the_file(isolated_home: Path) -> None:
    secret = document_source("/home/writer/Zanzibar-secret.txt")
    with StatsStore() as store:
        store.add(secret, [Activity(DAY1, "", typed_words=3)])
        store.clear()
        assert store.days() == [] and store.tasks() == []
    db = paths.data_dir() / "stats.sqlite3"
    for file in db.parent.glob("stats.sqlite3*"):
        assert b"Zanzibar" not in file.read_bytes()


def test_encrypted_statistics_seal_the_path_and_keep_their_numbers(isolated_home: Path) -> None:
    secret = document_source("/home/writer/Zanzibar-secret.txt")
    with StatsStore() as store:
        store.add(secret, [Activity(DAY1, "", typed_words=3)], Moments(5.0, 6.0, 1.0))
    reencrypt.enable("a good passphrase")
    for file in paths.data_dir().glob("stats.sqlite3*"):
        assert b"Zanzibar" not in file.read_bytes()
    with StatsStore() as store:
        assert [d.typed_words for d in store.days(source=secret)] == [3]
        assert store.sessions(secret) == 1
        store.add(secret, [Activity(DAY1, "", typed_words=2)])
        assert [d.typed_words for d in store.days()] == [5]


def test_a_damaged_database_is_moved_aside_and_a_newer_one_is_refused(work: Path) -> None:
    damaged = work / "stats.sqlite3"
    damaged.write_bytes(b"this is not a database" * 100)
    with StatsStore(damaged) as store:
        assert store.days() == []
        assert store.moved_aside is not None and store.moved_aside.exists()
    newer = work / "newer.sqlite3"
    with StatsStore(newer) as store:
        store.days()
        store._conn.execute("PRAGMA user_version=99")
    with StatsStore(newer) as store, pytest.raises(StatsError, match="newer version"):
        store.days()
