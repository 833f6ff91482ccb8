"""What the app's SQLite databases (chat history, statistics) share about their files.

Each database file (and its -wal/-shm) is private to the user (0600); a damaged one
is moved aside with its journal files so a new one can start; and every SQLite
failure is told in the same words, whichever database it came from.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from assistant.storage.atomic import PRIVATE_FILE_MODE, move_aside
from assistant.translatable import Translatable

#: How long a write waits for another program's lock before giving up.
BUSY_TIMEOUT_MS = 2000

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


def sqlite_reason(exc: sqlite3.Error) -> str:
    """What went wrong, in words a writer understands ("the disk is full")."""
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


def make_private(path: Path) -> None:
    """Create the database file 0600 if it is missing; tighten it and its -wal/-shm."""
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


def is_corruption(exc: sqlite3.DatabaseError) -> bool:
    """True when SQLite says the file is damaged or not a database at all."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code in (SQLITE_CORRUPT, SQLITE_NOTADB)
    # Python < 3.11: "file is not a database" and "malformed" come as plain DatabaseError.
    return type(exc) is sqlite3.DatabaseError


def move_database_aside(path: Path) -> Path:
    """Keep a damaged database (and its -wal/-shm) for rescue tools; return where it went."""
    moved = move_aside(path)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            move_aside(side)
    return moved
