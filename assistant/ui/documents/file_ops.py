"""Open, save, save-as, recent files and the unsaved-changes question of a workspace.

Dialogs are reached through `assistant.ui.dialogs` (tests replace them); file I/O
goes through `assistant.storage.documents`. A failure is shown above the documents
and never loses the text in the editor. When only another encoding would do, the
`*_needs_encoding` signals hand the question to whoever offers encodings.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMenu

from assistant.storage.documents import (
    DocumentError,
    EncodingError,
    ExternalChangeError,
    FileDeletedError,
    UndecodableTextError,
)
from assistant.ui import dialogs
from assistant.ui.documents.document_tab import DocumentTab
from assistant.ui.shell.i18n import translated

if TYPE_CHECKING:
    from assistant.ui.documents.host import DocumentHost


class FileOps(QObject):
    """File commands of one workspace."""

    #: Saving failed because the text does not fit the file's encoding (tab, message).
    save_needs_encoding = Signal(object, str)
    #: Opening failed because the bytes fit no encoding we recognise (path, message).
    open_needs_encoding = Signal(str, str)

    def __init__(self, host: DocumentHost) -> None:
        super().__init__(host.dialog_parent())
        self.ws = host

    def open_dialog(self) -> None:
        """Ask for files and open them."""
        tab = self.ws.current_tab()
        start = str(tab.path.parent) if tab and tab.path else ""
        for path in dialogs.ask_open_paths(self.ws.dialog_parent(), start):
            self.open_path(path)

    def open_path(
        self, path: str | os.PathLike[str], create_missing: bool = False
    ) -> DocumentTab | None:
        """Open a file in a tab (or switch to it); `create_missing` starts a new file there."""
        ws = self.ws
        target = Path(path).expanduser().resolve()
        for tab in ws.documents():
            if tab.path == target:
                ws.show_tab(tab)
                return tab
        current = ws.current_tab()
        reuse = current is not None and current.is_pristine
        tab = current if reuse else DocumentTab()
        if create_missing and not target.exists() and target.parent.is_dir():
            # Like other editors: `writing-assistant notes.md` starts that file.
            tab.path = target
            tab.title_changed.emit()
        else:
            try:
                tab.load(target)
            except UndecodableTextError as exc:
                # Shown read-only, never as garble saved back: the writer names the encoding.
                tab.show_loaded(exc.document, target)
                self.open_needs_encoding.emit(
                    str(target), translated(exc.document.read_only_reason or "")
                )
            except DocumentError as exc:
                if not reuse:
                    tab.deleteLater()
                if not target.exists():
                    ws.settings.remove_recent_file(target)
                if isinstance(exc, EncodingError):
                    self.open_needs_encoding.emit(str(target), translated(exc))
                else:
                    ws.notify(translated(exc), error=True)
                return None
        if not reuse:
            ws.add_document_tab(tab)
        ws.settings.add_recent_file(target)
        if tab.notes:
            ws.notify(" ".join(translated(note) for note in tab.notes))
        tab.editor.setFocus()
        return tab

    def save(self, tab: DocumentTab | None) -> bool:
        """Save to the tab's own file (asking for a name if it has none)."""
        if tab is None or not self.ws.ensure_loaded(tab):
            return False
        if tab.read_only_reason is not None and tab.path is not None:
            # Nothing is ever saved over a file that could not be read; offer the fix.
            self.open_needs_encoding.emit(str(tab.path), translated(tab.read_only_reason))
            return False
        if tab.path is None:
            return self.save_as(tab)
        return self._write(tab, tab.path)

    def save_as(self, tab: DocumentTab | None) -> bool:
        """Ask for a file name and save there."""
        if tab is None or not self.ws.ensure_loaded(tab):
            return False
        if tab.path is not None:
            suggested = str(tab.path)
        elif tab.suggested_path is not None:
            suggested = str(tab.suggested_path)
        else:
            suggested = tab.display_name + ".md"
        path = dialogs.ask_save_path(self.ws.dialog_parent(), suggested)
        if not path:
            return False
        return self._write(tab, Path(path))

    def _write(self, tab: DocumentTab, path: Path, overwrite: bool = False) -> bool:
        if not self.ws.ensure_loaded(tab):
            return False
        try:
            tab.save(path, overwrite=overwrite)
        except ExternalChangeError as exc:
            # Another program (or window) wrote or removed the file since we read it.
            deleted = isinstance(exc, FileDeletedError)
            if deleted and not path.parent.is_dir():
                # Its folder is gone too (a pulled USB stick): saving there cannot work,
                # and trying says so with the Save As offer.
                return self._write(tab, path, overwrite=True)
            choice = dialogs.ask_save_over_changed(
                self.ws.dialog_parent(), translated(exc), deleted
            )
            if choice is dialogs.ConflictChoice.OVERWRITE:
                return self._write(tab, path, overwrite=True)
            if choice is dialogs.ConflictChoice.SAVE_AS:
                return self.save_as(tab)
            return False
        except EncodingError as exc:
            self.save_needs_encoding.emit(tab, translated(exc))
            return False
        except DocumentError as exc:
            # The text stays in the editor (and in its autosave copy); offer another place.
            self.ws.notify(
                translated(exc),
                error=True,
                action_text=self.tr("Save As…"),
                action=lambda: self.save_as(tab),
            )
            return False
        self.ws.settings.add_recent_file(path)
        self.ws.show_status(self.tr("Saved %1").replace("%1", str(path)), 4000)
        return True

    def confirm_discard(self, tab: DocumentTab) -> bool:
        """True when the tab may close: saved, discarded, or unmodified."""
        deleted = (
            tab.path is not None
            and tab.signature is not None
            and not tab.loading
            and not tab.path.exists()
        )
        if not tab.modified and not deleted:
            return True
        self.ws.show_tab(tab)
        if tab.modified:
            choice = dialogs.ask_save_changes(self.ws.dialog_parent(), tab.display_name)
        else:
            # Unmodified, but the file is gone: closing would lose the only copy.
            choice = dialogs.ask_save_deleted(self.ws.dialog_parent(), tab.display_name)
        if choice is dialogs.SaveChoice.SAVE:
            return self.save(tab)
        return choice is dialogs.SaveChoice.DISCARD

    def fill_recent_menu(self, menu: QMenu) -> None:
        """Rebuild File › Open Recent (`menu`) from the settings."""
        menu.clear()
        recent = self.ws.settings.recent_files
        for path in recent:
            action = menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if not recent:
            empty = menu.addAction(self.tr("No recent files"))
            empty.setEnabled(False)
        else:
            menu.addSeparator()
            clear = menu.addAction(self.tr("Clear Recent Files"))
            clear.triggered.connect(self._clear_recent)

    def _clear_recent(self) -> None:
        self.ws.settings.recent_files = []
