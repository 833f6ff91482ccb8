"""A document open in two running instances is one save away from losing the other's work.

Every file a tab shows is marked as open by this instance (a lock file beside the
recovery copies, with our pid and start time); opening one that another running
instance has open says so. The mark goes when the tab closes or saves elsewhere.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from assistant.storage.instances import acquire_document_lock, release_document_lock
from assistant.ui.documents.document_tab import DocumentTab

if TYPE_CHECKING:
    from assistant.ui.documents.host import DocumentHost

log = logging.getLogger(__name__)


class DocumentLocks(QObject):
    """Marks the files of open tabs as ours, and warns about the ones another instance has."""

    def __init__(self, host: DocumentHost) -> None:
        super().__init__(host.dialog_parent())
        self.host = host
        self._held: dict[int, Path] = {}  # tab id -> path this instance marked

    def track(self, tab: DocumentTab) -> None:
        """Follow a tab: its file now, and after every load and Save As."""
        key = id(tab)
        tab.loaded.connect(lambda: self._mark(tab))
        tab.saved.connect(lambda _path: self._mark(tab))
        tab.destroyed.connect(lambda _obj=None: self._unmark(key))
        if tab.path is not None and not tab.loading:
            self._mark(tab)

    def _mark(self, tab: DocumentTab) -> None:
        path = tab.path
        key = id(tab)
        if path is None or self._held.get(key) == path:
            return
        self._unmark(key)
        try:
            holder = acquire_document_lock(path)
        except OSError as exc:  # a lock we cannot write must not stop anyone writing
            log.warning("could not mark %s as open: %s", path, exc)
            return
        if holder is not None:
            self.host.notify(holder.message(path), error=True)
            return
        self._held[key] = path

    def _unmark(self, key: int) -> None:
        path = self._held.pop(key, None)
        if path is not None:
            release_document_lock(path)
