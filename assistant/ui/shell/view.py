"""The View menu for every document: zoom, soft wrap, reading width, font, toolbar.

Editor options are the writer's, not a document's: a change applies to every open
editor and to the settings, and each new editor starts with them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence

from assistant.ui import dialogs
from assistant.ui.documents.document_tab import DocumentTab

if TYPE_CHECKING:
    from assistant.ui.documents.editor import Editor
    from assistant.ui.shell.workspace import Workspace


class EditorView(QObject):
    """Registers the View commands and keeps every editor in step with them."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.dialog_parent())
        self.ws = workspace
        reg, t = workspace.action_registry, self.tr
        for action_id, text, keys, method, args in (
            ("zoom_in", t("Zoom &In"), ("Ctrl++", "Ctrl+="), "zoom_in", ()),
            ("zoom_out", t("Zoom &Out"), "Ctrl+-", "zoom_out", ()),
            ("zoom_reset", t("&Reset Zoom"), "Ctrl+0", "set_zoom", (0,)),
        ):
            action = reg.register(action_id, text, keys, menu="view")
            action.triggered.connect(lambda _=False, m=method, a=args: self._on_editor(m, *a))
        settings = workspace.settings.editor
        self.soft_wrap = reg.register(
            "soft_wrap", t("Soft &Wrap"), "Alt+Z", menu="view", checkable=True
        )
        self.soft_wrap.setChecked(settings.wrap)
        self.soft_wrap.toggled.connect(self.set_soft_wrap)
        self.reading_width = reg.register(
            "reading_width", t("Reading &Width"), "Alt+W", menu="view", checkable=True
        )
        self.reading_width.setChecked(settings.width_chars > 0)
        self.reading_width.toggled.connect(self.set_reading_width)
        reg.register("font", t("&Font…"), menu="view").triggered.connect(self.choose_font)
        toolbar = reg.register("toolbar", t("&Toolbar"), menu="view", checkable=True)
        toolbar.setChecked(True)
        toolbar.toggled.connect(reg.toolbar.setVisible)
        reg.toolbar.visibilityChanged.connect(toolbar.setChecked)
        signals = workspace.signals
        signals.document_added.connect(lambda tab: self.configure(tab.editor))
        signals.current_document_changed.connect(self._on_current_changed)
        signals.settings_applied.connect(lambda _before: self.apply_settings())
        signals.closing.connect(self._store)

    def configure(self, editor: Editor) -> None:
        """Give a new editor the writer's options."""
        registry = self.ws.action_registry
        if "continue" in registry:
            key = registry["continue"].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            text = self.tr("Start writing. Press %1 and the assistant continues from the cursor.")
            editor.setPlaceholderText(text.replace("%1", key))
        ed = self.ws.settings.editor
        editor.set_editor_font(ed.font_family, ed.font_size)
        editor.set_zoom(ed.zoom)
        editor.set_soft_wrap(ed.wrap)
        editor.set_reading_width(self.reading_width.isChecked(), ed.width_chars or None)
        editor.zoom_changed.connect(self._remember_zoom)

    def set_soft_wrap(self, on: bool) -> None:
        """View › Soft Wrap for every document."""
        self.ws.settings.editor.wrap = on
        for tab in self.ws.documents():
            tab.editor.set_soft_wrap(on)

    def set_reading_width(self, on: bool) -> None:
        """View › Reading Width for every document (80 characters unless set)."""
        ed = self.ws.settings.editor
        if on and ed.width_chars == 0:
            ed.width_chars = 80
        for tab in self.ws.documents():
            tab.editor.set_reading_width(on, ed.width_chars)

    def choose_font(self) -> None:
        """View › Font…: the editor font for every document."""
        editor = self.ws.current_editor()
        if editor is None:
            return
        font = dialogs.ask_font(self.ws.dialog_parent(), editor.editor_font())
        if font is None:
            return
        ed = self.ws.settings.editor
        ed.font_family = font.family()
        ed.font_size = max(6, round(font.pointSizeF()))
        for tab in self.ws.documents():
            tab.editor.set_editor_font(ed.font_family, ed.font_size)

    def apply_settings(self) -> None:
        """Make every editor and the View menu match the settings (after Preferences)."""
        ed = self.ws.settings.editor
        for tab in self.ws.documents():
            tab.editor.set_editor_font(ed.font_family, ed.font_size)
            tab.editor.set_soft_wrap(ed.wrap)
            tab.editor.set_reading_width(ed.width_chars > 0, ed.width_chars or None)
        for action, on in ((self.soft_wrap, ed.wrap), (self.reading_width, ed.width_chars > 0)):
            action.blockSignals(True)  # the editors are already set; no re-entry
            action.setChecked(on)
            action.blockSignals(False)

    def _remember_zoom(self, steps: int) -> None:
        self.ws.settings.editor.zoom = steps
        for tab in self.ws.documents():
            tab.editor.set_zoom(steps)

    def _on_current_changed(self, tab: DocumentTab | None) -> None:
        if tab is not None:
            self.soft_wrap.setChecked(tab.editor.soft_wrap)

    def _on_editor(self, method: str, *args: object) -> None:
        editor = self.ws.current_editor()
        if editor is not None:
            getattr(editor, method)(*args)

    def _store(self) -> None:
        # Reading width off is stored as 0 columns (its width is remembered while on).
        if not self.reading_width.isChecked():
            self.ws.settings.editor.width_chars = 0
