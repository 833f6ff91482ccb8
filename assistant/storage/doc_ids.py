"""Document ids: the name of a document's recovery copy, snapshots and lock.

Its own small module so that a document tab gets one without loading the recovery
store (which asks the OS for this process's start time) before the window shows.
"""

from __future__ import annotations

import os


def new_doc_id() -> str:
    """A fresh, filesystem-safe document id (32 hex digits)."""
    return os.urandom(16).hex()
