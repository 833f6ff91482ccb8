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

With encryption on (storage/privacy.py), the writer's words — titles, system
prompts (personas) and message texts — are stored as AES-GCM blobs, one per field;
ids, roles, times and the completeness flag stay plain. Search decrypts in Python.
``secure_delete`` zeroes deleted rows, and a delete truncates the WAL, so a deleted
conversation leaves no readable text in free pages or old WAL frames.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from assistant import paths
from assistant.storage import privacy
from assistant.storage.atomic import (
    PRIVATE_FILE_MODE,
    describe_os_error,
    fsync_directory,
    move_aside,
)
from assistant.storage.crypto import CryptoError, Sealer
from assistant.translatable import Translatable, text_of

log = logging.getLogger(__name__)

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
_LOCKED = Translatable(
    "another program has it locked (waited {timeout} s)", timeout=BUSY_TIMEOUT_MS // 1000
)
_REASONS = {
    SQLITE_BUSY: _LOCKED,
    SQLITE_LOCKED: _LOCKED,
    SQLITE_FULL: Translatable("the disk is full"),
    SQLITE_READONLY: Translatable("the file or its folder is read-only"),
    SQLITE_IOERR: Translatable("the disk reported an input/output error"),
    SQLITE_CANTOPEN: Translatable(
        "the file cannot be opened (permission denied, or its folder is gone)"
    ),
    SQLITE_PERM: Translatable("permission denied"),
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
    return _REASONS.get((code or 0) & 0xFF) or str(exc)


def _could_not_read(reason: object) -> Translatable:
    return Translatable("Could not read the chat history: {reason}.", reason=reason)


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


#: The open histories of this process: a privacy switch closes them before it moves the
#: file, and each reopens on its next use.
_LIVE: weakref.WeakSet[ChatHistory] = weakref.WeakSet()

#: Files of the database relative to the data folder (the privacy switch moves them).
CHAT_DB_ENTRIES = ("chats.sqlite3", "chats.sqlite3-wal", "chats.sqlite3-shm")


def suspend_all() -> None:
    """Close every open history's connection in this process (each reopens on next use)."""
    for history in list(_LIVE):
        history.suspend()


class ChatHistory:
    """The chat history database; ``path`` defaults to ``paths.chat_db_file()``.

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
        _LIVE.add(self)

    def _connect(self, first: bool = False) -> sqlite3.Connection:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            _make_private(self.path)
            self._refuse_newer()
            try:
                self._connection = self._open()
            except sqlite3.DatabaseError as exc:
                if not first or not _is_corruption(exc):
                    raise
                # Keep the damaged file for rescue tools; start an empty history.
                self.moved_aside = move_aside(self.path)
                for suffix in ("-wal", "-shm"):
                    side = self.path.with_name(self.path.name + suffix)
                    if side.exists():
                        move_aside(side)
                _make_private(self.path)
                self._connection = self._open()
        except sqlite3.Error as exc:
            raise ChatHistoryError(self._cannot_open(_reason(exc))) from exc
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
                    reason=_reason(exc),
                )
            ) from exc

    def _rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise ChatHistoryError(_could_not_read(_reason(exc))) from exc

    def close(self) -> None:
        """Close the database (safe to call twice)."""
        self._closed = True
        self.suspend()
        _LIVE.discard(self)

    def scrub(self) -> None:
        """Fold the WAL into the database and empty it, so old versions of rows are gone.

        Best effort: another program reading the database keeps the WAL in use.
        """
        try:
            self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
        except sqlite3.Error as exc:
            log.info("could not truncate the chat history's WAL: %s", exc)

    def __enter__(self) -> ChatHistory:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- conversations -------------------------------------------------------

    def create_conversation(self, title: str, system_prompt: str = "") -> int:
        """Start a conversation and return its id."""
        now = time.time()
        sealer = self._sealer()
        fields = (self._seal(sealer, title, "chat.title"),
                  self._seal(sealer, system_prompt, "chat.system_prompt"))  # fmt: skip
        with self._tx() as db:
            cur = db.execute(
                "INSERT INTO conversations (title, system_prompt, created_at, updated_at) "
                "VALUES (?, ?, ?, ?)",
                (*fields, now, now),
            )
        return _row_id(cur)

    def conversation(self, conv_id: int) -> Conversation | None:
        """One conversation, or None if it does not exist."""
        rows = self._rows(
            "SELECT id, title, system_prompt, created_at, updated_at FROM conversations "
            "WHERE id = ?",
            (conv_id,),
        )
        return self._conversation(rows[0]) if rows else None

    def list_conversations(self) -> list[Conversation]:
        """All conversations, most recently updated first."""
        rows = self._rows(
            "SELECT id, title, system_prompt, created_at, updated_at FROM conversations "
            "ORDER BY updated_at DESC, id DESC"
        )
        return [self._conversation(row) for row in rows]

    def _conversation(self, row: tuple, sealer: Sealer | None = None) -> Conversation:
        sealer = sealer or self._sealer()
        title = self._unseal(sealer, row[1], "chat.title")
        system_prompt = self._unseal(sealer, row[2], "chat.system_prompt")
        return Conversation(row[0], title, system_prompt, _dt(row[3]), _dt(row[4]))

    def rename(self, conv_id: int, title: str) -> None:
        """Change a conversation's title."""
        with self._tx() as db:
            db.execute(
                "UPDATE conversations SET title = ?, updated_at = ? WHERE id = ?",
                (self._seal(self._sealer(), title, "chat.title"), time.time(), conv_id),
            )

    def set_system_prompt(self, conv_id: int, system_prompt: str) -> None:
        """Change a conversation's system prompt (persona)."""
        with self._tx() as db:
            db.execute(
                "UPDATE conversations SET system_prompt = ?, updated_at = ? WHERE id = ?",
                (
                    self._seal(self._sealer(), system_prompt, "chat.system_prompt"),
                    time.time(),
                    conv_id,
                ),
            )

    def delete(self, conv_id: int) -> None:
        """Delete a conversation and all its messages."""
        with self._tx() as db:
            # Explicit as well as ON DELETE CASCADE: a connection opened by an older
            # tool without foreign_keys=ON must not leave orphaned messages.
            db.execute("DELETE FROM messages WHERE conversation_id = ?", (conv_id,))
            db.execute("DELETE FROM conversations WHERE id = ?", (conv_id,))
        self.scrub()  # the deleted text must not survive in old WAL frames either

    # -- messages ------------------------------------------------------------

    def add_message(self, conv_id: int, role: str, content: str, complete: bool = True) -> int:
        """Append a message and return its id (use complete=False for a reply about to stream)."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
        now = time.time()
        sealed = self._seal(self._sealer(), content, "chat.content")
        with self._tx() as db:
            cur = db.execute(
                "INSERT INTO messages (conversation_id, role, content, created_at, complete) "
                "VALUES (?, ?, ?, ?, ?)",
                (conv_id, role, sealed, now, int(complete)),
            )
            db.execute("UPDATE conversations SET updated_at = ? WHERE id = ?", (now, conv_id))
        return _row_id(cur)

    def update_message(self, msg_id: int, content: str, complete: bool = True) -> None:
        """Replace a message's text (called repeatedly while a reply streams)."""
        now = time.time()
        sealed = self._seal(self._sealer(), content, "chat.content")
        with self._tx() as db:
            db.execute(
                "UPDATE messages SET content = ?, complete = ? WHERE id = ?",
                (sealed, int(complete), msg_id),
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
        if cur.rowcount:
            self.scrub()
        return cur.rowcount

    def messages(self, conv_id: int) -> list[Message]:
        """A conversation's messages in the order they were written."""
        rows = self._rows(
            "SELECT id, conversation_id, role, content, created_at, complete FROM messages "
            "WHERE conversation_id = ? ORDER BY id",
            (conv_id,),
        )
        sealer = self._sealer()
        return [
            Message(r[0], r[1], r[2], self._unseal(sealer, r[3], "chat.content"), _dt(r[4]),
                    bool(r[5]))
            for r in rows
        ]  # fmt: skip

    def search(self, text: str) -> list[Conversation]:
        """Conversations whose title or any message contains ``text`` (case-insensitive).

        In Python, after decrypting: SQLite cannot look into sealed fields, and its
        lower()/LIKE fold ASCII only where casefold() handles every script.
        """
        needle = _casefold(text)
        conversations = self.list_conversations()
        if not needle:
            return conversations
        sealer = self._sealer()
        found = {c.id for c in conversations if needle in _casefold(c.title)}
        for conv_id, content in self._rows("SELECT conversation_id, content FROM messages"):
            if conv_id not in found and needle in _casefold(
                self._unseal(sealer, content, "chat.content")
            ):
                found.add(conv_id)
        return [c for c in conversations if c.id in found]

    def copy_into(self, target: ChatHistory) -> None:
        """Write every conversation and message into `target` (ids and times kept).

        The privacy switch uses it to re-encrypt: each side seals with its own sealer.
        """
        old, new = self._sealer(), target._sealer()  # noqa: SLF001 (the same class)

        def again(value: object, purpose: str) -> str | bytes:
            return self._seal(new, self._unseal(old, value, purpose), purpose)

        convs = self._rows(
            "SELECT id, title, system_prompt, created_at, updated_at FROM conversations"
        )
        msgs = self._rows(
            "SELECT id, conversation_id, role, content, created_at, complete FROM messages"
        )
        with target._tx() as db:  # noqa: SLF001
            for cid, title, prompt, created, updated in convs:
                row = (cid, again(title, "chat.title"), again(prompt, "chat.system_prompt"))
                db.execute(
                    "INSERT INTO conversations VALUES (?, ?, ?, ?, ?)", (*row, created, updated)
                )
            for mid, cid, role, content, created, complete in msgs:
                db.execute(
                    "INSERT INTO messages VALUES (?, ?, ?, ?, ?, ?)",
                    (mid, cid, role, again(content, "chat.content"), created, complete),
                )

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


def reseal(source_dir: Path, target_dir: Path, old: Sealer, new: Sealer) -> None:
    """Rebuild the chat database of `source_dir` in `target_dir`, sealed with `new`.

    A fresh file: no free page or WAL frame of the old one comes along. It is left
    closed, checkpointed and flushed, with no -wal beside it.
    """
    source = source_dir / CHAT_DB_ENTRIES[0]
    if not source.exists():
        return
    target = target_dir / CHAT_DB_ENTRIES[0]
    with ChatHistory(source, sealer=old) as old_history, ChatHistory(target, sealer=new) as copy:
        old_history.copy_into(copy)
        copy.scrub()
        # No WAL beside the file once it is closed: the switch moves one file.
        copy._conn.execute("PRAGMA journal_mode=DELETE")  # noqa: SLF001
    with open(target, "rb+") as fh:
        os.fsync(fh.fileno())
    fsync_directory(target_dir)


def _row_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just made (always set after a successful INSERT)."""
    row_id = cursor.lastrowid
    if row_id is None:
        raise ChatHistoryError(
            Translatable("Could not save to the chat history: no row was written.")
        )
    return row_id
