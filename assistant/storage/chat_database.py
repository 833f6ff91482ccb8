"""The chat history's SQLite file: opening, its format version, transactions, sealed fields.

Every public write is one transaction, committed before the method returns, so a
crash or SIGKILL while a reply streams loses at most that reply's last update.
WAL with ``synchronous=NORMAL`` is durable against process crashes (only a power
cut can drop the newest commits) and keeps per-chunk updates cheap enough for the
GUI thread, which is the only thread that uses this class.

The file (and its -wal/-shm) is private to the user (0600). Every SQLite failure
becomes ``ChatHistoryError`` with a sentence a writer understands; a failed write
changes nothing, so it can simply be tried again. A database written by a newer
version of the app (``PRAGMA user_version`` above ours) is refused and left
byte-for-byte as it is. What is stored in it is ``ChatHistory``'s (chat_history.py).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from assistant import paths
from assistant.storage import privacy
from assistant.storage.atomic import describe_os_error
from assistant.storage.crypto import CryptoError, Sealer
from assistant.storage.sqlite_files import (
    BUSY_TIMEOUT_MS,
    is_corruption,
    make_private,
    move_database_aside,
    sqlite_reason,
)
from assistant.translatable import Translatable, text_of

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS conversations (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    system_prompt TEXT NOT NULL DEFAULT '',
    created_at REAL NOT NULL,
    updated_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
    id INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('system', 'user', 'assistant')),
    content TEXT NOT NULL,
    created_at REAL NOT NULL,
    complete INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS messages_by_conversation ON messages(conversation_id, id);
CREATE INDEX IF NOT EXISTS conversations_by_update ON conversations(updated_at);
"""


class ChatHistoryError(Exception):
    """The chat database could not be opened or written (message is user-readable)."""


class NewerChatHistoryError(ChatHistoryError):
    """The database was written by a newer version of the app; it is left untouched."""


def _could_not_read(reason: object) -> Translatable:
    return Translatable("Could not read the chat history: {reason}.", reason=reason)


class ChatDatabase:
    """The chat history's file; ``path`` defaults to ``paths.chat_db_file()``.

    ``sealer`` fixes how text fields are stored (tests, re-encryption); by default
    the process's privacy state decides at every call.
    """

    def __init__(
        self, path: str | os.PathLike[str] | None = None, sealer: Sealer | None = None
    ) -> None:
        if path is None:
            privacy.settle()  # a switch a crash interrupted is finished before we look
        self.path = Path(path) if path is not None else paths.chat_db_file()
        self._sealer_override = sealer
        self._connection: sqlite3.Connection | None = None
        self._closed = False
        # Set when a damaged database had to be moved aside and a new one started.
        self.moved_aside: Path | None = None
        self._connect(first=True)

    def _connect(self, first: bool = False) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            make_private(self.path)
            self._refuse_newer()
            try:
                self._connection = self._open()
            except sqlite3.DatabaseError as exc:
                if not first or not is_corruption(exc):
                    raise
                # Keep the damaged file for rescue tools; start an empty history.
                self.moved_aside = move_database_aside(self.path)
                make_private(self.path)
                self._connection = self._open()
        except sqlite3.Error as exc:
            raise ChatHistoryError(self._cannot_open(sqlite_reason(exc))) from exc
        except OSError as exc:
            raise ChatHistoryError(self._cannot_open(describe_os_error(exc))) from exc
        return self._connection

    def _cannot_open(self, reason: str) -> Translatable:
        return Translatable(
            "Cannot open the chat history {path}: {reason}.", path=str(self.path), reason=reason
        )

    @property
    def _conn(self) -> sqlite3.Connection:
        if self._connection is None:
            if self._closed:
                raise ChatHistoryError(Translatable("The chat history is closed."))
            return self._connect()
        return self._connection

    @_conn.setter
    def _conn(self, connection: sqlite3.Connection) -> None:
        self._connection = connection  # tests put a fault-injecting wrapper here

    def suspend(self) -> None:
        """Close the connection for now (the file is about to move); the next call reopens."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _sealer(self) -> Sealer:
        if self._sealer_override is not None:
            return self._sealer_override
        try:
            return privacy.sealer()
        except CryptoError as exc:
            raise ChatHistoryError(text_of(exc)) from exc

    def _seal(self, sealer: Sealer, text: str, purpose: str) -> str | bytes:
        # Plain text stays TEXT (the file looks as it always did); sealed text is a BLOB.
        if not sealer.encrypted:
            return text
        return sealer.seal(text.encode("utf-8", "surrogatepass"), purpose)

    def _unseal(self, sealer: Sealer, value: object, purpose: str) -> str:
        if isinstance(value, str):
            return value  # stored in the clear (encryption off)
        try:
            if not isinstance(value, bytes):
                raise CryptoError(Translatable("a {purpose} field holds no text", purpose=purpose))
            return sealer.open(value, purpose).decode("utf-8", "surrogatepass")
        except (CryptoError, UnicodeDecodeError) as exc:
            raise ChatHistoryError(
                Translatable("Could not read the chat history: {reason}", reason=text_of(exc))
            ) from exc

    def _refuse_newer(self) -> None:
        # Read the version from the file header (4 bytes, big-endian, at offset 60)
        # without SQLite: opening a connection would create -wal/-shm files beside a
        # newer version's database, and closing it could checkpoint into it.
        try:
            with open(self.path, "rb") as fh:
                header = fh.read(64)
        except OSError:
            return  # _open reports what is wrong
        if len(header) == 64 and header.startswith(b"SQLite format 3\x00"):
            self._check_version(int.from_bytes(header[60:64], "big"))
        if not self.path.with_name(self.path.name + "-wal").exists():
            return
        # A newer version that crashed may have its new version number only in the
        # WAL: ask SQLite, read-only (a read-only connection never checkpoints).
        try:
            probe = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True)
        except sqlite3.Error:
            return
        try:
            probe.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            version = int(probe.execute("PRAGMA user_version").fetchone()[0])
        except sqlite3.Error:
            return
        finally:
            probe.close()
        self._check_version(version)

    def _check_version(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            raise NewerChatHistoryError(
                Translatable(
                    "The chat history {path} was made by a newer version of Writing "
                    "Assistant (format {version}; this version reads format {ours} "
                    "and older). It was left untouched; update Writing Assistant to see "
                    "those chats.",
                    path=str(self.path),
                    version=version,
                    ours=SCHEMA_VERSION,
                )
            )

    def _open(self) -> sqlite3.Connection:
        # isolation_level=None: no implicit transactions; _tx() makes each write explicit.
        conn = sqlite3.connect(self.path, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            # Checked again here: the probe may have found a database still being created.
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            self._check_version(version)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            # Deleted rows are overwritten with zeros, not left readable in free pages.
            conn.execute("PRAGMA secure_delete=ON")
            if version < SCHEMA_VERSION:  # new, or older: create/upgrade, then stamp
                conn.executescript(_SCHEMA)
                conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            conn.execute("SELECT count(*) FROM messages").fetchone()
        except (sqlite3.DatabaseError, NewerChatHistoryError):
            conn.close()
            raise
        return conn

    @contextlib.contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException as exc:
            # Also when COMMIT itself fails (disk full): never leave a transaction open,
            # or every later write would fail with "cannot start a transaction".
            if self._conn.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self._conn.execute("ROLLBACK")
            if not isinstance(exc, sqlite3.Error):
                raise
            # Disk full, read-only folder, locked by another program: the UI shows this.
            # Rolled back, so trying again later loses nothing.
            raise ChatHistoryError(
                Translatable(
                    "Could not save to the chat history: {reason}. Nothing was changed; try again.",
                    reason=sqlite_reason(exc),
                )
            ) from exc

    def _rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise ChatHistoryError(_could_not_read(sqlite_reason(exc))) from exc

    def close(self) -> None:
        """Close the database (safe to call twice)."""
        self._closed = True
        self.suspend()

    def scrub(self) -> None:
        """Fold the WAL into the database and empty it, so old versions of rows are gone.

        Best effort: another program reading the database keeps the WAL in use.
        """
        try:
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except sqlite3.Error as exc:
            log.info("could not truncate the chat history's WAL: %s", exc)

    def integrity_check(self) -> str:
        """SQLite's own consistency check: "ok" when the database is sound."""
        return str(self._rows("PRAGMA integrity_check")[0][0])
