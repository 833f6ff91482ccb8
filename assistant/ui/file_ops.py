"""Open, save, save-as, recent files and the unsaved-changes question for the main window.

Dialogs are reached through `assistant.ui.dialogs` (tests replace them); file I/O
goes through `assistant.storage.documents`. A failure is shown in the window's
banner and never loses the text in the editor.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from assistant.storage.documents import DocumentError, EncodingError
from assistant.ui import dialogs
from assistant.ui.document_tab import DocumentTab

if TYPE_CHECKING:
    from assistant.ui.main_window import MainWindow


class FileOps(QObject):
    """File commands of one main window."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def open_dialog(self) -> None:
        """Ask for files and open them."""
        tab = self.window.current_tab()
        start = str(tab.path.parent) if tab and tab.path else ""
        for path in dialogs.ask_open_paths(self.window, start):
            self.open_path(path)

    def open_path(
        self, path: str | os.PathLike[str], create_missing: bool = False
    ) -> DocumentTab | None:
        """Open a file in a tab (or switch to it); `create_missing` starts a new file there."""
        w = self.window
        target = Path(path).expanduser().resolve()
        for tab in w.documents():
            if tab.path == target:
                w.tabs.setCurrentWidget(tab)
                return tab
        current = w.current_tab()
        reuse = current is not None and current.is_pristine
        tab = current if reuse else DocumentTab()
        if create_missing and not target.exists() and target.parent.is_dir():
            # Like other editors: `writing-assistant notes.md` starts that file.
            tab.path = target
            tab.title_changed.emit()
        else:
            try:
                tab.load(target)
            except DocumentError as exc:
                if not reuse:
                    tab.deleteLater()
                if not target.exists():
                    w.settings.remove_recent_file(target)
                if isinstance(exc, EncodingError):
                    # Never guess with U+FFFD: let the writer name the encoding.
                    encodings = w.safety.encodings
                    w.show_error(
                        str(exc), w.tr("Choose Encoding…"), lambda: encodings.open_as(str(target))
                    )
                else:
                    w.show_error(str(exc))
                return None
        if not reuse:
            w.add_document_tab(tab)
        w.settings.add_recent_file(target)
        w.status.set_format(tab.format.display_name)
        tab.editor.setFocus()
        return tab

    def save(self, tab: DocumentTab | None) -> bool:
        """Save to the tab's own file (asking for a name if it has none)."""
        if tab is None or not self.window.ensure_loaded(tab):
            return False
        if tab.path is None:
            return self.save_as(tab)
        return self._write(tab, tab.path)

    def save_as(self, tab: DocumentTab | None) -> bool:
        """Ask for a file name and save there."""
        if tab is None or not self.window.ensure_loaded(tab):
            return False
        suggested = str(tab.path) if tab.path else tab.display_name + ".md"
        path = dialogs.ask_save_path(self.window, suggested)
        if not path:
            return False
        return self._write(tab, Path(path))

    def _write(self, tab: DocumentTab, path: Path) -> bool:
        if not self.window.ensure_loaded(tab):
            return False
        try:
            tab.save(path)
        except EncodingError as exc:
            # The text does not fit the file's encoding: choosing another one is the fix.
            encodings = self.window.safety.encodings
            self.window.show_error(
                str(exc), self.window.tr("Save with Encoding…"), lambda: encodings.save_with(tab)
            )
            return False
        except DocumentError as exc:
            # The text stays in the editor (and in its autosave copy); offer another place.
            self.window.show_error(str(exc), self.window.tr("Save As…"), lambda: self.save_as(tab))
            return False
        self.window.settings.add_recent_file(path)
        self.window.status.showMessage(self.window.tr("Saved %1").replace("%1", str(path)), 4000)
        return True

    def confirm_discard(self, tab: DocumentTab) -> bool:
        """True when the tab may close: saved, discarded, or unmodified."""
        if not tab.modified:
            return True
        self.window.tabs.setCurrentWidget(tab)
        choice = dialogs.ask_save_changes(self.window, tab.display_name)
        if choice is dialogs.SaveChoice.SAVE:
            return self.save(tab)
        return choice is dialogs.SaveChoice.DISCARD

    def fill_recent_menu(self) -> None:
        """Rebuild File › Open Recent from the settings."""
        menu = self.window.actions_.recent_menu
        menu.clear()
        recent = self.window.settings.recent_files
        for path in recent:
            action = menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if not recent:
            empty = menu.addAction(self.window.tr("No recent files"))
            empty.setEnabled(False)
        else:
            menu.addSeparator()
            clear = menu.addAction(self.window.tr("Clear Recent Files"))
            clear.triggered.connect(self._clear_recent)

    def _clear_recent(self) -> None:
        self.window.settings.recent_files = []
