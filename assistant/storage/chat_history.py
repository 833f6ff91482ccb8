"""Chat conversations and their messages, kept in SQLite (see chat_database.py).

The file itself — opening it, refusing a newer version's database, transactions and
what becomes of SQLite's failures — is ``ChatDatabase``'s; this module is what is
stored in it.

With encryption on (storage/privacy.py), the writer's words — titles, system
prompts (personas) and message texts — are stored as AES-GCM blobs, one per field;
ids, roles, times and the completeness flag stay plain. Search decrypts in Python.
``secure_delete`` zeroes deleted rows, and a delete truncates the WAL, so a deleted
conversation leaves no readable text in free pages or old WAL frames.
"""

from __future__ import annotations

import os
import sqlite3
import time
import weakref
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from assistant.storage.atomic import fsync_directory
from assistant.storage.chat_database import ChatDatabase, ChatHistoryError
from assistant.storage.crypto import Sealer
from assistant.translatable import Translatable

ROLES = ("system", "user", "assistant")


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


#: The open histories of this process: a privacy switch closes them before it moves the
#: file, and each reopens on its next use.
_LIVE: weakref.WeakSet[ChatHistory] = weakref.WeakSet()

#: Files of the database relative to the data folder (the privacy switch moves them).
CHAT_DB_ENTRIES = ("chats.sqlite3", "chats.sqlite3-wal", "chats.sqlite3-shm")


def suspend_all() -> None:
    """Close every open history's connection in this process (each reopens on next use)."""
    for history in list(_LIVE):
        history.suspend()


class ChatHistory(ChatDatabase):
    """The chat history database; ``path`` defaults to ``paths.chat_db_file()``.

    ``sealer`` fixes how text fields are stored (tests, re-encryption); by default
    the process's privacy state decides at every call.
    """

    def __init__(
        self, path: str | os.PathLike[str] | None = None, sealer: Sealer | None = None
    ) -> None:
        super().__init__(path, sealer)
        _LIVE.add(self)

    def close(self) -> None:
        """Close the database (safe to call twice)."""
        super().close()
        _LIVE.discard(self)

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
