"""Every action of the window, registered by id, placed by one declared menu layout.

Features register their actions here (`register("rewrite", …, menu="assist")`) in any
order; where an action appears is decided by `MENU_LAYOUT` / `TOOLBAR_LAYOUT`, not by
who was installed first. The registry records each action's default keys (for
Settings › Shortcuts "reset") and applies the writer's own keys as it registers, so
there is no window-wide "apply the shortcuts later" step.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QToolBar, QWidget

from assistant.ui.shell import shortcuts

Std = QKeySequence.StandardKey
Keys = Std | str | Sequence[str] | None

#: Menus in order. In a layout, "|" is a separator (consecutive ones collapse), "@name"
#: a submenu, "*" where registered actions the layout does not name go.
MENUS = ("file", "edit", "view", "assist", "style", "help")
MENU_LAYOUT: dict[str, tuple[str, ...]] = {
    "file": (
        "new", "open", "@recent", "|", "save", "save_as", "|",
        "save_with_encoding", "reopen_with_encoding", "|", "take_snapshot", "history",
        "provenance_report", "|",
        "*", "|", "lock", "close_tab", "quit",
    ),
    "edit": (
        "undo", "redo", "|", "cut", "copy", "paste", "select_all", "|", "find", "replace",
        "|", "*", "preferences",
    ),
    "view": (
        "zoom_in", "zoom_out", "zoom_reset", "|", "soft_wrap", "reading_width", "font", "|",
        "show_model_text", "statistics", "|", "*", "@panels", "toolbar",
    ),
    "assist": (
        "continue", "ghost", "ghost_document", "rewrite", "summarize", "chat", "models", "*",
        "|", "stop",
    ),
    "style": (
        "learn_voice", "|", "@voices", "@document_voice", "|", "voice_examples",
        "choose_examples", "*",
    ),
    "help": ("*", "about"),
}  # fmt: skip
TOOLBAR_LAYOUT: tuple[str, ...] = ("new", "open", "save", "|", "continue", "ghost", "*", "stop")


class ActionRegistry(QObject):
    """Creates, places and keys the window's actions; `registry["save"]` finds one."""

    def __init__(self, window: QWidget, overrides: dict[str, str]) -> None:
        super().__init__(window)
        self._window = window
        self._overrides = overrides
        self.by_id: dict[str, QAction] = {}
        self._placed: dict[str, list[str]] = {name: [] for name in (*MENUS, "toolbar")}
        #: Entries the editors' context menu adds after the standard ones.
        self.context_actions: list[QAction] = []
        t = window.tr
        titles = {
            "file": t("&File"),
            "edit": t("&Edit"),
            "view": t("&View"),
            "assist": t("&Assist"),
            "style": t("&Style"),
            "help": t("&Help"),
        }
        #: The window shows these (`setMenuBar`, `addToolBar`); a test workspace need not.
        self.menu_bar = QMenuBar(window)
        self.menus = {name: self.menu_bar.addMenu(titles[name]) for name in MENUS}
        # Submenus belong to the window, so rebuilding a menu never deletes them.
        self.submenus = {
            "recent": QMenu(t("Open &Recent"), window),
            "panels": QMenu(t("&Panels"), window),
            "voices": QMenu(t("&Voice Everywhere"), window),
            "document_voice": QMenu(t("Voice for This &Document"), window),
        }
        self.toolbar = QToolBar(t("Toolbar"), window)
        self.toolbar.setObjectName("MainToolBar")
        self.toolbar.setMovable(False)

    def __getitem__(self, action_id: str) -> QAction:
        return self.by_id[action_id]

    def __contains__(self, action_id: str) -> bool:
        return action_id in self.by_id

    def register(
        self,
        action_id: str,
        text: str,
        keys: Keys = None,
        *,
        menu: str | None = None,
        toolbar: bool = False,
        checkable: bool = False,
        tooltip: str = "",
        context_menu: bool = False,
    ) -> QAction:
        """Create the action `action_id` and put it where the layout says."""
        if action_id in self.by_id:
            raise ValueError(f"action {action_id!r} is registered already")
        action = QAction(text, self._window)
        action.setObjectName(f"action_{action_id}")
        action.setCheckable(checkable)
        if isinstance(keys, Std):
            action.setShortcuts(keys)
        elif isinstance(keys, str):
            action.setShortcut(QKeySequence(keys))
        elif keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        shortcuts.record_defaults({action_id: action})
        if action_id in self._overrides:
            action.setShortcut(QKeySequence(self._overrides[action_id]))
        key = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        plain = text.replace("&", "")
        base = tooltip or plain
        # Show the key in tooltips too (menus show it already).
        action.setToolTip(f"{base} ({key})" if key and not tooltip else base)
        self.by_id[action_id] = action
        if menu is not None:
            self._place(menu, action_id)
        if toolbar:
            self._place("toolbar", action_id)
        if context_menu:
            self.context_actions.append(action)
        return action

    def apply_shortcuts(self, overrides: dict[str, str]) -> None:
        """The writer changed keys in Settings: apply them to every action."""
        self._overrides = overrides
        shortcuts.apply_shortcuts(self.by_id, overrides)

    def add_panel_toggle(self, action: QAction) -> None:
        """List a panel's show/hide action in View › Panels."""
        self.submenus["panels"].addAction(action)

    def _place(self, where: str, action_id: str) -> None:
        self._placed[where].append(action_id)
        if where == "toolbar":
            self._rebuild(self.toolbar, TOOLBAR_LAYOUT, self._placed["toolbar"])
        else:
            self._rebuild(self.menus[where], MENU_LAYOUT[where], self._placed[where])

    def _rebuild(self, widget: QMenu | QToolBar, layout: Sequence[str], placed: list[str]) -> None:
        widget.clear()
        named = set(layout)
        for token in layout:
            if token == "|":
                widget.addSeparator()
            elif token.startswith("@"):
                assert isinstance(widget, QMenu)
                widget.addMenu(self.submenus[token[1:]])
            elif token == "*":
                for action_id in placed:
                    if action_id not in named:
                        widget.addAction(self.by_id[action_id])
            elif token in placed:
                widget.addAction(self.by_id[token])
