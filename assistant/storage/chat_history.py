"""Chat conversations in SQLite (stdlib ``sqlite3``, WAL journal).

Every public write is one transaction, committed before the method returns, so a
crash or SIGKILL while a reply streams loses at most that reply's last update.
WAL with ``synchronous=NORMAL`` is durable against process crashes (only a power
cut can drop the newest commits) and keeps per-chunk updates cheap enough for the
GUI thread, which is the only thread that uses this class.

The file (and its -wal/-shm) is private to the user (0600). Every SQLite failure
becomes ``ChatHistoryError`` with a sentence a writer understands; a failed write
changes nothing, so it can simply be tried again. A database written by a newer
version of the app (``PRAGMA user_version`` above ours) is refused and left
byte-for-byte as it is.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from assistant import paths
from assistant.storage.atomic import PRIVATE_FILE_MODE, move_aside

SCHEMA_VERSION = 1
ROLES = ("system", "user", "assistant")
#: How long a write waits for another program's lock before giving up.
BUSY_TIMEOUT_MS = 2000

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


def _dt(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, timezone.utc)


@dataclass
class Conversation:
    """One conversation's header row."""

    id: int
    title: str
    system_prompt: str
    created_at: datetime
    updated_at: datetime


@dataclass
class Message:
    """One message; ``complete`` is False while (or if a crash stopped) a reply streaming."""

    id: int
    conversation_id: int
    role: str
    content: str
    created_at: datetime
    complete: bool


class ChatHistoryError(Exception):
    """The chat database could not be opened or written (message is user-readable)."""


class NewerChatHistoryError(ChatHistoryError):
    """The database was written by a newer version of the app; it is left untouched."""


# SQLite primary result codes (sqlite3.h; the module names them only from Python 3.11).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26

# SQLite primary result codes -> what happened, in words.
_REASONS = {
    SQLITE_BUSY: "another program has it locked (waited {timeout} s)",
    SQLITE_LOCKED: "another program has it locked (waited {timeout} s)",
    SQLITE_FULL: "the disk is full",
    SQLITE_READONLY: "the file or its folder is read-only",
    SQLITE_IOERR: "the disk reported an input/output error",
    SQLITE_CANTOPEN: "the file cannot be opened (permission denied, or its folder is gone)",
    SQLITE_PERM: "permission denied",
}


def _reason(exc: sqlite3.Error) -> str:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:  # Python 3.10: only the message tells
        text = str(exc).lower()
        code = next(
            (c for word, c in (("locked", SQLITE_BUSY), ("full", SQLITE_FULL),
                               ("readonly", SQLITE_READONLY),
                               ("i/o", SQLITE_IOERR)) if word in text),
            None,
        )  # fmt: skip
    reason = _REASONS.get((code or 0) & 0xFF)
    if reason is None:
        return str(exc)
    return reason.format(timeout=BUSY_TIMEOUT_MS // 1000)


def _make_private(path: Path) -> None:
    # SQLite creates the database with 0644 and gives -wal/-shm the database's mode:
    # create it 0600 first, and tighten files an older version left wider.
    fd = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)
    os.close(fd)
    if os.name == "nt":
        return
    for side in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            if side.stat().st_mode & 0o077:
                os.chmod(side, PRIVATE_FILE_MODE)
        except OSError:
            pass


class ChatHistory:
    """The chat history database; ``path`` defaults to ``paths.chat_db_file()``."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else paths.chat_db_file()
        # Set when a damaged database had to be moved aside and a new one started.
        self.moved_aside: Path | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            _make_private(self.path)
            self._refuse_newer()
            try:
                self._conn = self._open()
            except sqlite3.DatabaseError as exc:
                if not _is_corruption(exc):
                    raise
                # Keep the damaged file for rescue tools; start an empty history.
                self.moved_aside = move_aside(self.path)
                for suffix in ("-wal", "-shm"):
                    side = self.path.with_name(self.path.name + suffix)
                    if side.exists():
                        move_aside(side)
                _make_private(self.path)
                self._conn = self._open()
        except sqlite3.Error as exc:
            raise ChatHistoryError(
                f"Cannot open the chat history {self.path}: {_reason(exc)}."
            ) from exc
        except OSError as exc:
            raise ChatHistoryError(f"Cannot open the chat history {self.path}: {exc}") from exc

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
                f"The chat history {self.path} was made by a newer version of Writing "
                f"Assistant (format {version}; this version reads format {SCHEMA_VERSION} "
                "and older). It was left untouched; update Writing Assistant to see "
                "those chats."
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
            if version < SCHEMA_VERSION:  # new, or older: create/upgrade, then stamp
                conn.executescript(_SCHEMA)
                conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            # SQLite's lower()/LIKE fold ASCII only; casefold() handles every script.
            conn.create_function("casefold", 1, _casefold, deterministic=True)
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
                f"Could not save to the chat history: {_reason(exc)}. Nothing was changed; "
                "try again."
            ) from exc

    def _rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise ChatHistoryError(f"Could not read the chat history: {_reason(exc)}.") from exc

    def close(self) -> None:
        """Close the database (safe to call twice)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None  # type: ignore[assignment]

    def __enter__(self) -> ChatHistory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- conversations -------------------------------------------------------

    def create_conversation(self, title: str, system_prompt: str = "") -> int:
        """Start a conversation and return its id."""
        now = time.time()
        with self._tx() as db:
            cur = db.execute(
                "INSERT INTO conversations (title, system_prompt, created_at, updated_at) "
                "VALUES (?, ?, ?, ?)",
                (title, system_prompt, now, now),
            )
        return _row_id(cur)

    def conversation(self, conv_id: int) -> Conversation | None:
        """One conversation, or None if it does not exist."""
        rows = self._rows(
            "SELECT id, title, system_prompt, created_at, updated_at FROM conversations "
            "WHERE id = ?",
            (conv_id,),
        )
        return _conversation(rows[0]) if rows else None

    def list_conversations(self) -> list[Conversation]:
        """All conversations, most recently updated first."""
        rows = self._rows(
            "SELECT id, title, system_prompt, created_at, updated_at FROM conversations "
            "ORDER BY updated_at DESC, id DESC"
        )
        return [_conversation(row) for row in rows]

    def rename(self, conv_id: int, title: str) -> None:
        """Change a conversation's title."""
        with self._tx() as db:
            db.execute(
                "UPDATE conversations SET title = ?, updated_at = ? WHERE id = ?",
                (title, time.time(), conv_id),
            )

    def set_system_prompt(self, conv_id: int, system_prompt: str) -> None:
        """Change a conversation's system prompt (persona)."""
        with self._tx() as db:
            db.execute(
                "UPDATE conversations SET system_prompt = ?, updated_at = ? WHERE id = ?",
                (system_prompt, time.time(), conv_id),
            )

    def delete(self, conv_id: int) -> None:
        """Delete a conversation and all its messages."""
        with self._tx() as db:
            # Explicit as well as ON DELETE CASCADE: a connection opened by an older
            # tool without foreign_keys=ON must not leave orphaned messages.
            db.execute("DELETE FROM messages WHERE conversation_id = ?", (conv_id,))
            db.execute("DELETE FROM conversations WHERE id = ?", (conv_id,))

    # -- messages ------------------------------------------------------------

    def add_message(self, conv_id: int, role: str, content: str, complete: bool = True) -> int:
        """Append a message and return its id (use complete=False for a reply about to stream)."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
        now = time.time()
        with self._tx() as db:
            cur = db.execute(
                "INSERT INTO messages (conversation_id, role, content, created_at, complete) "
                "VALUES (?, ?, ?, ?, ?)",
                (conv_id, role, content, now, int(complete)),
            )
            db.execute("UPDATE conversations SET updated_at = ? WHERE id = ?", (now, conv_id))
        return _row_id(cur)

    def update_message(self, msg_id: int, content: str, complete: bool = True) -> None:
        """Replace a message's text (called repeatedly while a reply streams)."""
        now = time.time()
        with self._tx() as db:
            db.execute(
                "UPDATE messages SET content = ?, complete = ? WHERE id = ?",
                (content, int(complete), msg_id),
            )
            db.execute(
                "UPDATE conversations SET updated_at = ? WHERE id = "
                "(SELECT conversation_id FROM messages WHERE id = ?)",
                (now, msg_id),
            )

    def delete_messages_after(self, conv_id: int, msg_id: int, inclusive: bool = False) -> int:
        """Delete the messages after ``msg_id`` (and it too if inclusive); return the count."""
        op = ">=" if inclusive else ">"
        with self._tx() as db:
            cur = db.execute(
                f"DELETE FROM messages WHERE conversation_id = ? AND id {op} ?", (conv_id, msg_id)
            )
            db.execute(
                "UPDATE conversations SET updated_at = ? WHERE id = ?", (time.time(), conv_id)
            )
        return cur.rowcount

    def messages(self, conv_id: int) -> list[Message]:
        """A conversation's messages in the order they were written."""
        rows = self._rows(
            "SELECT id, conversation_id, role, content, created_at, complete FROM messages "
            "WHERE conversation_id = ? ORDER BY id",
            (conv_id,),
        )
        return [Message(r[0], r[1], r[2], r[3], _dt(r[4]), bool(r[5])) for r in rows]

    def search(self, text: str) -> list[Conversation]:
        """Conversations whose title or any message contains ``text`` (case-insensitive)."""
        needle = _casefold(text)
        if not needle:
            return self.list_conversations()
        # instr() rather than LIKE: no escaping of % and _ in what the writer typed.
        rows = self._rows(
            "SELECT id, title, system_prompt, created_at, updated_at FROM conversations c "
            "WHERE instr(casefold(c.title), ?1) > 0 OR EXISTS ("
            "  SELECT 1 FROM messages m WHERE m.conversation_id = c.id "
            "  AND instr(casefold(m.content), ?1) > 0) "
            "ORDER BY updated_at DESC, id DESC",
            (needle,),
        )
        return [_conversation(row) for row in rows]

    def integrity_check(self) -> str:
        """SQLite's own consistency check: "ok" when the database is sound."""
        return str(self._rows("PRAGMA integrity_check")[0][0])


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code in (SQLITE_CORRUPT, SQLITE_NOTADB)
    # Python < 3.11: "file is not a database" and "malformed" come as plain DatabaseError.
    return type(exc) is sqlite3.DatabaseError


def _casefold(value: object) -> str:
    return value.casefold() if isinstance(value, str) else ""


def _conversation(row: tuple) -> Conversation:
    return Conversation(row[0], row[1], row[2], _dt(row[3]), _dt(row[4]))


def _row_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just made (always set after a successful INSERT)."""
    row_id = cursor.lastrowid
    if row_id is None:
        raise ChatHistoryError("Could not save to the chat history: no row was written.")
    return row_id
