"""The window's own commands: files, editing, view, Stop and About.

Registered into the action registry like any feature's, and connected here to the
window, its file commands and the current editor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence

if TYPE_CHECKING:
    from assistant.ui.shell.main_window import MainWindow

Std = QKeySequence.StandardKey


def register_window_actions(window: MainWindow) -> None:
    """Register and connect the commands every document shares."""
    reg, files, t = window.action_registry, window.files, window.tr
    for action_id, text, keys, slot in (
        ("new", t("&New"), Std.New, window.new_document),
        ("open", t("&Open…"), Std.Open, files.open_dialog),
        ("save", t("&Save"), Std.Save, lambda: files.save(window.current_tab())),
        ("save_as", t("Save &As…"), Std.SaveAs, lambda: files.save_as(window.current_tab())),
        (
            "close_tab",
            t("&Close Tab"),
            Std.Close,
            lambda: window.close_tab(window.tabs.currentIndex()),
        ),
        ("quit", t("&Quit"), "Ctrl+Q", window.close),
    ):
        action = reg.register(action_id, text, keys, menu="file", toolbar=action_id in TOOLBAR)
        action.triggered.connect(lambda _=False, s=slot: s())
    reg.submenus["recent"].aboutToShow.connect(files.fill_recent_menu)

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
    find = reg.register("find", t("&Find…"), "Ctrl+F", menu="edit")
    find.triggered.connect(lambda: window.find_bar.open_bar(replace=False))
    replace = reg.register("replace", t("Find and &Replace…"), "Ctrl+H", menu="edit")
    replace.triggered.connect(lambda: window.find_bar.open_bar(replace=True))

    zoom_in = reg.register("zoom_in", t("Zoom &In"), ("Ctrl++", "Ctrl+="), menu="view")
    zoom_in.triggered.connect(lambda: _on_editor(window, "zoom_in"))
    zoom_out = reg.register("zoom_out", t("Zoom &Out"), "Ctrl+-", menu="view")
    zoom_out.triggered.connect(lambda: _on_editor(window, "zoom_out"))
    reset = reg.register("zoom_reset", t("&Reset Zoom"), "Ctrl+0", menu="view")
    reset.triggered.connect(lambda: _on_editor(window, "set_zoom", 0))
    wrap = reg.register("soft_wrap", t("Soft &Wrap"), "Alt+Z", menu="view", checkable=True)
    wrap.toggled.connect(window.set_soft_wrap)
    width = reg.register("reading_width", t("Reading &Width"), "Alt+W", menu="view", checkable=True)
    width.toggled.connect(window.set_reading_width)
    reg.register("font", t("&Font…"), menu="view").triggered.connect(window.choose_font)
    toolbar = reg.register("toolbar", t("&Toolbar"), menu="view", checkable=True)
    toolbar.setChecked(True)
    toolbar.toggled.connect(reg.toolbar.setVisible)
    reg.toolbar.visibilityChanged.connect(toolbar.setChecked)

    stop = reg.register("stop", t("&Stop"), "Esc", menu="assist", toolbar=True)
    stop.setEnabled(False)
    stop.triggered.connect(window.stop)
    reg.register("about", t("&About Writing Assistant"), menu="help").triggered.connect(
        window.about
    )


TOOLBAR = ("new", "open", "save")


def _on_editor(window: MainWindow, method: str, *args: object) -> None:
    editor = window.current_editor()
    if editor is not None:
        getattr(editor, method)(*args)
