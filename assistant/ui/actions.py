"""The main window's actions, menus and toolbar, built in one place.

Each action has a stable id (used by `Settings.shortcuts` to override its key
sequence) and shows its shortcut in the menu. Slots are connected by the window.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

Std = QKeySequence.StandardKey


@dataclass
class WindowActions:
    """Every action of the main window, by id."""

    by_id: dict[str, QAction]
    file_menu: QMenu
    recent_menu: QMenu
    edit_menu: QMenu
    view_menu: QMenu
    panels_menu: QMenu
    assist_menu: QMenu
    help_menu: QMenu
    toolbar: QToolBar
    #: Assist-menu actions that panels add go before this separator (Stop stays last).
    assist_separator: QAction

    def __getitem__(self, action_id: str) -> QAction:
        return self.by_id[action_id]


def build_actions(window: QMainWindow, shortcuts: dict[str, str] | None = None) -> WindowActions:
    """Create the actions, menus and toolbar of `window`; `shortcuts` override keys by id."""
    overrides = shortcuts or {}
    by_id: dict[str, QAction] = {}

    def act(action_id: str, text: str, keys=None, checkable: bool = False) -> QAction:
        action = QAction(text, window)
        action.setObjectName(f"action_{action_id}")
        if action_id in overrides and overrides[action_id]:
            action.setShortcut(QKeySequence(overrides[action_id]))
        elif isinstance(keys, Std):
            action.setShortcuts(keys)
        elif keys:
            action.setShortcut(QKeySequence(keys))
        action.setCheckable(checkable)
        by_id[action_id] = action
        return action

    t = window.tr
    bar = window.menuBar()
    file_menu = bar.addMenu(t("&File"))
    file_menu.addAction(act("new", t("&New"), Std.New))
    file_menu.addAction(act("open", t("&Open…"), Std.Open))
    recent_menu = file_menu.addMenu(t("Open &Recent"))
    file_menu.addSeparator()
    file_menu.addAction(act("save", t("&Save"), Std.Save))
    file_menu.addAction(act("save_as", t("Save &As…"), Std.SaveAs))
    file_menu.addSeparator()
    file_menu.addAction(act("close_tab", t("&Close Tab"), Std.Close))
    file_menu.addAction(act("quit", t("&Quit"), "Ctrl+Q"))

    edit_menu = bar.addMenu(t("&Edit"))
    for action_id, text, keys in (
        ("undo", t("&Undo"), Std.Undo),
        ("redo", t("&Redo"), Std.Redo),
        (None, "", None),
        ("cut", t("Cu&t"), Std.Cut),
        ("copy", t("&Copy"), Std.Copy),
        ("paste", t("&Paste"), Std.Paste),
        ("select_all", t("Select &All"), Std.SelectAll),
        (None, "", None),
        ("find", t("&Find…"), "Ctrl+F"),
        ("replace", t("Find and &Replace…"), "Ctrl+H"),
    ):
        if action_id is None:
            edit_menu.addSeparator()
        else:
            edit_menu.addAction(act(action_id, text, keys))

    view_menu = bar.addMenu(t("&View"))
    view_menu.addAction(act("zoom_in", t("Zoom &In"), "Ctrl++"))
    by_id["zoom_in"].setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
    view_menu.addAction(act("zoom_out", t("Zoom &Out"), "Ctrl+-"))
    view_menu.addAction(act("zoom_reset", t("&Reset Zoom"), "Ctrl+0"))
    view_menu.addSeparator()
    view_menu.addAction(act("soft_wrap", t("Soft &Wrap"), "Alt+Z", checkable=True))
    view_menu.addAction(act("reading_width", t("Reading &Width"), "Alt+W", checkable=True))
    view_menu.addAction(act("font", t("&Font…")))
    view_menu.addSeparator()
    panels_menu = view_menu.addMenu(t("&Panels"))
    view_menu.addAction(act("toolbar", t("&Toolbar"), checkable=True))

    assist_menu = bar.addMenu(t("&Assist"))
    assist_menu.addAction(act("continue", t("&Continue Writing"), "Ctrl+J"))
    assist_separator = assist_menu.addSeparator()
    assist_menu.addAction(act("stop", t("&Stop"), "Esc"))
    by_id["stop"].setEnabled(False)

    help_menu = bar.addMenu(t("&Help"))
    help_menu.addAction(act("about", t("&About Writing Assistant")))

    toolbar = QToolBar(t("Toolbar"), window)
    toolbar.setObjectName("MainToolBar")
    toolbar.setMovable(False)
    for action_id in ("new", "open", "save"):
        toolbar.addAction(by_id[action_id])
    toolbar.addSeparator()
    toolbar.addAction(by_id["continue"])
    toolbar.addAction(by_id["stop"])
    window.addToolBar(toolbar)
    by_id["toolbar"].setChecked(True)
    by_id["toolbar"].toggled.connect(toolbar.setVisible)
    toolbar.visibilityChanged.connect(by_id["toolbar"].setChecked)

    for action in by_id.values():
        # Show the key in tooltips too (menus show it already).
        if not action.shortcut().isEmpty():
            key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{action.text().replace('&', '')} ({key})")
    return WindowActions(
        by_id=by_id,
        file_menu=file_menu,
        recent_menu=recent_menu,
        edit_menu=edit_menu,
        view_menu=view_menu,
        panels_menu=panels_menu,
        assist_menu=assist_menu,
        help_menu=help_menu,
        toolbar=toolbar,
        assist_separator=assist_separator,
    )
