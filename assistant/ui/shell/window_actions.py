"""The commands every document shares: files, editing, find, Stop and About.

The window registers them once, as it is built (`register_window_actions`); where
each appears is declared in `shell/actions.py`, as for every feature's actions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QKeySequence

from assistant.ui.shell.workspace import Workspace

if TYPE_CHECKING:
    from PySide6.QtWidgets import QTabWidget

    from assistant.ui.documents.document_tab import DocumentTab
    from assistant.ui.documents.find_replace import FindBar


class ShellWindow(Workspace, Protocol):
    """The window as its own commands see it: the workspace, its tabs and find bar."""

    tabs: QTabWidget
    find_bar: FindBar

    def tr(self, text: str) -> str:
        """The window's translation of `text`."""

    def new_document(self) -> DocumentTab:
        """Open an empty untitled tab and focus it."""

    def close_tab(self, index: int) -> bool:
        """Close a tab, asking to save unsaved changes; False if the writer cancelled."""

    def close(self) -> bool:
        """Close the window (asking about unsaved documents)."""

    def stop(self) -> None:
        """Stop every running or waiting generation."""

    def about(self) -> None:
        """Help › About."""


def register_window_actions(window: ShellWindow) -> None:
    """Register the window's own commands: File, Edit, Find, Stop and About."""
    reg, files, t = window.action_registry, window.files, window.tr
    Std = QKeySequence.StandardKey
    for action_id, text, keys, slot, menu, toolbar in (
        ("new", t("&New"), Std.New, window.new_document, "file", True),
        ("open", t("&Open…"), Std.Open, files.open_dialog, "file", True),
        ("save", t("&Save"), Std.Save, lambda: files.save(window.current_tab()), "file", True),
        ("save_as", t("Save &As…"), Std.SaveAs, lambda: files.save_as(window.current_tab()),
         "file", False),
        ("close_tab", t("&Close Tab"), Std.Close,
         lambda: window.close_tab(window.tabs.currentIndex()), "file", False),
        ("quit", t("&Quit"), "Ctrl+Q", window.close, "file", False),
        ("find", t("&Find…"), "Ctrl+F", lambda: window.find_bar.open_bar(replace=False),
         "edit", False),
        ("replace", t("Find and &Replace…"), "Ctrl+H",
         lambda: window.find_bar.open_bar(replace=True), "edit", False),
        ("stop", t("&Stop"), "Esc", window.stop, "assist", True),
        ("about", t("&About Writing Assistant"), None, window.about, "help", False),
    ):  # fmt: skip
        action = reg.register(action_id, text, keys, menu=menu, toolbar=toolbar)
        action.triggered.connect(lambda _=False, s=slot: s())
    reg["stop"].setEnabled(False)
    recent = reg.submenus["recent"]
    recent.aboutToShow.connect(lambda: files.fill_recent_menu(recent))
    for action_id, text, keys, method in (
        ("undo", t("&Undo"), Std.Undo, "undo"),
        ("redo", t("&Redo"), Std.Redo, "redo"),
        ("cut", t("Cu&t"), Std.Cut, "cut"),
        ("copy", t("&Copy"), Std.Copy, "copy"),
        ("paste", t("&Paste"), Std.Paste, "paste"),
        ("select_all", t("Select &All"), Std.SelectAll, "selectAll"),
    ):
        action = reg.register(action_id, text, keys, menu="edit")
        action.triggered.connect(lambda _=False, m=method: _on_editor(window, m))


def _on_editor(window: ShellWindow, method: str) -> None:
    """Run an editing command (undo, copy, …) on the document shown."""
    editor = window.current_editor()
    if editor is not None:
        getattr(editor, method)()
