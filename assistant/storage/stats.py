"""Writing statistics in SQLite (stdlib ``sqlite3``, WAL) in the data folder.

Per day, per document and per task: words and characters the writer typed, words
accepted from the model, suggestions shown / accepted / dismissed, and active
writing time; plus writing sessions per document (activity with no pause longer
than `SESSION_GAP_SECONDS`). The window adds what happened every half minute and
when a document is saved or closed, one transaction each.

Documents are rows keyed by `Sealer.name_for` of their path (or of an untitled
document's id), so the key says nothing about the file. With encryption on
(storage/privacy.py) the one text field, the document's path, is an AES-GCM blob
as in chat_history; the counts stay plain numbers. ``secure_delete`` zeroes
cleared rows. Every SQLite failure becomes `StatsError` with a sentence a writer
understands; a failed write changes nothing.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import weakref
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

from assistant import paths
from assistant.storage import privacy
from assistant.storage.atomic import fsync_directory
from assistant.storage.crypto import CryptoError, Sealer
from assistant.storage.sqlite_files import (
    BUSY_TIMEOUT_MS,
    is_corruption,
    make_private,
    move_database_aside,
    sqlite_reason,
)
from assistant.storage.stats_records import COUNT_COLUMNS, Activity, Moments
from assistant.tasks.writing_stats import SESSION_GAP_SECONDS, DayTotals, TaskTotals

SCHEMA_VERSION = 1
#: Files of the database relative to the data folder (the privacy switch moves them).
STATS_DB_ENTRIES = ("stats.sqlite3", "stats.sqlite3-wal", "stats.sqlite3-shm")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    source NOT NULL
);
CREATE TABLE IF NOT EXISTS activity (
    day TEXT NOT NULL,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    task TEXT NOT NULL,
    typed_words INTEGER NOT NULL DEFAULT 0,
    typed_characters INTEGER NOT NULL DEFAULT 0,
    accepted_words INTEGER NOT NULL DEFAULT 0,
    accepted_characters INTEGER NOT NULL DEFAULT 0,
    shown INTEGER NOT NULL DEFAULT 0,
    accepted INTEGER NOT NULL DEFAULT 0,
    dismissed INTEGER NOT NULL DEFAULT 0,
    active_seconds REAL NOT NULL DEFAULT 0,
    PRIMARY KEY (day, document_id, task)
);
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    started REAL NOT NULL,
    ended REAL NOT NULL,
    active_seconds REAL NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS sessions_by_document ON sessions(document_id, ended);
"""


#: The open stores of this process: a privacy switch or "delete all" closes them before it
#: moves the file, and each reopens on its next use.
_LIVE: weakref.WeakSet[StatsStore] = weakref.WeakSet()


def suspend_all() -> None:
    """Close every open store's connection in this process (each reopens on next use)."""
    for store in list(_LIVE):
        store.close()


class StatsError(Exception):
    """The statistics database could not be opened, read or written (a readable sentence)."""


class StatsStore:
    """The statistics database; ``path`` defaults to ``data_dir()/stats.sqlite3``.

    ``sealer`` fixes how the document paths are stored (tests, re-encryption); by
    default the process's privacy state decides at every call.
    """

    def __init__(
        self, path: str | os.PathLike[str] | None = None, sealer: Sealer | None = None
    ) -> None:
        if path is None:
            privacy.settle()  # a switch a crash interrupted is finished before we look
        self.path = Path(path) if path is not None else paths.data_dir() / STATS_DB_ENTRIES[0]
        self._sealer_override = sealer
        self._connection: sqlite3.Connection | None = None
        #: Set when a damaged database had to be moved aside and a new one started.
        self.moved_aside: Path | None = None
        _LIVE.add(self)

    # -- the connection ------------------------------------------------------------

    @property
    def _conn(self) -> sqlite3.Connection:
        if self._connection is None:
            self._connection = self._connect()
        return self._connection

    def _connect(self) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            make_private(self.path)
            try:
                return self._open()
            except sqlite3.DatabaseError as exc:
                if not is_corruption(exc):
                    raise
                # Statistics can start again; the damaged file is kept for rescue tools.
                self.moved_aside = move_database_aside(self.path)
                make_private(self.path)
                return self._open()
        except sqlite3.Error as exc:
            raise StatsError(
                f"Cannot open the statistics {self.path}: {sqlite_reason(exc)}."
            ) from exc
        except OSError as exc:
            raise StatsError(f"Cannot open the statistics {self.path}: {exc}") from exc

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            if version > SCHEMA_VERSION:
                raise StatsError(
                    f"The statistics {self.path} were made by a newer version of Writing "
                    "Assistant; they were left untouched. Update Writing Assistant to see them."
                )
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA secure_delete=ON")  # cleared rows are overwritten
            if version < SCHEMA_VERSION:
                conn.executescript(_SCHEMA)
                conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            conn.execute("SELECT count(*) FROM activity").fetchone()
        except (sqlite3.DatabaseError, StatsError):
            conn.close()
            raise
        return conn

    def close(self) -> None:
        """Close the connection for now (the next call opens it again)."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __enter__(self) -> StatsStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _sealer(self) -> Sealer:
        if self._sealer_override is not None:
            return self._sealer_override
        try:
            return privacy.sealer()
        except CryptoError as exc:
            raise StatsError(str(exc)) from exc

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Sealer]:
        """The sealer under the switch lock; a locked or damaged vault is a StatsError too."""
        try:
            with privacy.writing(self._sealer_override) as sealer:
                yield sealer
        except CryptoError as exc:
            raise StatsError(f"Could not save the writing statistics: {exc}") from exc

    @contextlib.contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
            if not isinstance(exc, sqlite3.Error):
                raise
            raise StatsError(
                f"Could not save the writing statistics: {sqlite_reason(exc)}. Nothing was changed."
            ) from exc

    def _rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StatsError(
                f"Could not read the writing statistics: {sqlite_reason(exc)}."
            ) from exc

    # -- writing -------------------------------------------------------------------

    def key_for(self, source: str, sealer: Sealer | None = None) -> str:
        """The row key of a document source (`document_source`): it hides the path."""
        return (sealer or self._sealer()).name_for(source)

    def _document_id(self, db: sqlite3.Connection, source: str, sealer: Sealer) -> int:
        key = self.key_for(source, sealer)
        row = db.execute("SELECT id FROM documents WHERE key = ?", (key,)).fetchone()
        if row is not None:
            return int(row[0])
        stored: str | bytes = source
        if sealer.encrypted:
            stored = sealer.seal(source.encode("utf-8", "surrogatepass"), "stats.source")
        cur = db.execute("INSERT INTO documents (key, source) VALUES (?, ?)", (key, stored))
        return int(cur.lastrowid or 0)

    def add(
        self, source: str, activities: Sequence[Activity], moments: Moments | None = None
    ) -> None:
        """Add counts for one document, and extend (or start) its writing session."""
        if not activities and moments is None:
            return
        with self._writing() as sealer, self._tx() as db:
            doc_id = self._document_id(db, source, sealer)
            columns = ", ".join(COUNT_COLUMNS)
            updates = ", ".join(f"{c} = {c} + excluded.{c}" for c in COUNT_COLUMNS)
            for a in activities:
                db.execute(
                    f"INSERT INTO activity (day, document_id, task, {columns}) "
                    f"VALUES (?, ?, ?, {', '.join('?' * len(COUNT_COLUMNS))}) "
                    f"ON CONFLICT (day, document_id, task) DO UPDATE SET {updates}",
                    (a.day.isoformat(), doc_id, a.task, *a.counts()),
                )
            if moments is not None:
                self._extend_session(db, doc_id, moments)

    @staticmethod
    def _extend_session(db: sqlite3.Connection, doc_id: int, moments: Moments) -> None:
        row = db.execute(
            "SELECT id, ended FROM sessions WHERE document_id = ? ORDER BY ended DESC LIMIT 1",
            (doc_id,),
        ).fetchone()
        if row is not None and moments.first - row[1] <= SESSION_GAP_SECONDS:
            db.execute(
                "UPDATE sessions SET ended = max(ended, ?), active_seconds = active_seconds + ? "
                "WHERE id = ?",
                (moments.last, moments.active_seconds, row[0]),
            )
        else:
            db.execute(
                "INSERT INTO sessions (document_id, started, ended, active_seconds) "
                "VALUES (?, ?, ?, ?)",
                (doc_id, moments.first, moments.last, moments.active_seconds),
            )

    def move(self, old_source: str, new_source: str) -> None:
        """A document got its first file name (Save As of an untitled one): keep its history.

        When the new name already has statistics, the old ones stay where they are.
        """
        with self._writing() as sealer, self._tx() as db:
            old_key, new_key = self.key_for(old_source, sealer), self.key_for(new_source, sealer)
            if db.execute("SELECT 1 FROM documents WHERE key = ?", (new_key,)).fetchone():
                return
            stored: str | bytes = new_source
            if sealer.encrypted:
                stored = sealer.seal(new_source.encode("utf-8", "surrogatepass"), "stats.source")
            db.execute(
                "UPDATE documents SET key = ?, source = ? WHERE key = ?", (new_key, stored, old_key)
            )

    def clear(self) -> None:
        """Delete every statistic (Settings › Privacy › Clear Statistics)."""
        with self._tx() as db:
            db.execute("DELETE FROM sessions")
            db.execute("DELETE FROM activity")
            db.execute("DELETE FROM documents")
        with contextlib.suppress(sqlite3.Error):
            # The deleted rows must not survive in old WAL frames or free pages either.
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            self._conn.execute("VACUUM")

    # -- reading -------------------------------------------------------------------

    def days(self, first: date | None = None, source: str | None = None) -> list[DayTotals]:
        """Totals per day (all documents, or one), oldest first, from `first` on."""
        where, params = self._where(first, source)
        rows = self._rows(
            "SELECT day, sum(typed_words), sum(typed_characters), sum(accepted_words), "
            "sum(accepted_characters), sum(active_seconds) FROM activity "
            f"{where} GROUP BY day ORDER BY day",
            params,
        )
        return [DayTotals(date.fromisoformat(r[0]), *r[1:]) for r in rows]

    def tasks(self, first: date | None = None, source: str | None = None) -> list[TaskTotals]:
        """Suggestions shown, accepted and dismissed per task, and the words accepted."""
        where, params = self._where(first, source)
        where = f"{where} AND task != ''" if where else "WHERE task != ''"
        rows = self._rows(
            "SELECT task, sum(shown), sum(accepted), sum(dismissed), sum(accepted_words) "
            f"FROM activity {where} GROUP BY task ORDER BY task",
            params,
        )
        return [TaskTotals(*row) for row in rows]

    def _where(self, first: date | None, source: str | None) -> tuple[str, tuple]:
        clauses, params = [], []
        if first is not None:
            clauses.append("day >= ?")
            params.append(first.isoformat())
        if source is not None:
            clauses.append("document_id = (SELECT id FROM documents WHERE key = ?)")
            params.append(self.key_for(source))
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), tuple(params)

    def sessions(self, source: str) -> int:
        """How many writing sessions a document has had."""
        rows = self._rows(
            "SELECT count(*) FROM sessions WHERE document_id = "
            "(SELECT id FROM documents WHERE key = ?)",
            (self.key_for(source),),
        )
        return int(rows[0][0])

    def copy_into(self, target: StatsStore) -> None:
        """Write every row into `target`, keys and paths sealed with its own sealer."""
        old, new = self._sealer(), target._sealer()  # noqa: SLF001 (the same class)
        documents = self._rows("SELECT id, source FROM documents")
        activity = self._rows(
            f"SELECT day, document_id, task, {', '.join(COUNT_COLUMNS)} FROM activity"
        )
        sessions = self._rows("SELECT document_id, started, ended, active_seconds FROM sessions")
        with target._tx() as db:  # noqa: SLF001
            for doc_id, stored in documents:
                if isinstance(stored, str):
                    source = stored
                else:
                    try:
                        source = old.open(stored, "stats.source").decode("utf-8", "surrogatepass")
                    except (CryptoError, UnicodeDecodeError, TypeError):
                        continue  # unreadable already: its counts cannot be filed again
                sealed: str | bytes = source
                if new.encrypted:
                    sealed = new.seal(source.encode("utf-8", "surrogatepass"), "stats.source")
                db.execute(
                    "INSERT INTO documents (id, key, source) VALUES (?, ?, ?)",
                    (doc_id, target.key_for(source, new), sealed),
                )
            known = {row[0] for row in documents}
            marks = ", ".join("?" * (3 + len(COUNT_COLUMNS)))
            for row in activity:
                if row[1] in known:
                    db.execute(f"INSERT OR IGNORE INTO activity VALUES ({marks})", row)
            for row in sessions:
                if row[0] in known:
                    db.execute(
                        "INSERT INTO sessions (document_id, started, ended, active_seconds) "
                        "VALUES (?, ?, ?, ?)",
                        row,
                    )


def reseal(source_dir: Path, target_dir: Path, old: Sealer, new: Sealer) -> None:
    """Rebuild the statistics of `source_dir` in `target_dir` with `new` (a fresh file)."""
    source = source_dir / STATS_DB_ENTRIES[0]
    if not source.exists():
        return
    target = target_dir / STATS_DB_ENTRIES[0]
    with StatsStore(source, sealer=old) as old_store, StatsStore(target, sealer=new) as copy:
        old_store.copy_into(copy)
        conn = copy._conn  # noqa: SLF001 (the same module)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        conn.execute("PRAGMA journal_mode=DELETE")  # one file to move, no WAL beside it
    with open(target, "rb+") as fh:
        os.fsync(fh.fileno())
    fsync_directory(target_dir)
