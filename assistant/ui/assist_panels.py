"""The Rewrite, Summarize and Chat docks: created, added to the window and wired here.

This is the "connect signals" block for these three features (the main window's own
block wires Continue): panels request, flows act, the one controller does the work.
Each flow handles only the request ids it submitted and ignores the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget

from assistant.ui.chat_flow import ChatFlow
from assistant.ui.panels.chat_panel import ChatPanel
from assistant.ui.panels.rewrite_panel import RewritePanel
from assistant.ui.panels.summarize_panel import SummarizePanel
from assistant.ui.rewrite_flow import RewriteFlow
from assistant.ui.status import count_text
from assistant.ui.summarize_flow import SummarizeFlow

if TYPE_CHECKING:
    from assistant.ui.editor import Editor
    from assistant.ui.main_window import MainWindow

#: Default keys; none clashes with File/Edit/View (Ctrl+Shift+S is Save As, so
#: Summarize takes M; Ctrl+Shift+U is the Linux input-method Unicode key).
SHORTCUTS = {"rewrite": "Ctrl+Shift+R", "summarize": "Ctrl+Shift+M", "chat": "Ctrl+Shift+C"}


class AssistPanels(QObject):
    """Owns the three docks and their flows; `window.assist` holds it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.rewrite_panel = RewritePanel(window)
        self.summarize_panel = SummarizePanel(window)
        self.chat_panel = ChatPanel(window)
        for dock in (self.rewrite_panel, self.summarize_panel, self.chat_panel):
            window.add_assist_panel(dock)
        window.continue_panel.raise_()  # first run: Continue is the tab in front
        self.rewrite_flow = RewriteFlow(window, self.rewrite_panel)
        self.summarize_flow = SummarizeFlow(window, self.summarize_panel)
        self.chat_flow = ChatFlow(window, self.chat_panel)
        self.rewrite_panel.set_recent_instructions(window.settings.recent_instructions)

        tr = self.tr
        self.rewrite_action = self._action("rewrite", tr("&Rewrite Selection…"))
        self.summarize_action = self._action("summarize", tr("S&ummarize"))
        self.chat_action = self._action("chat", tr("C&hat"))
        self.rewrite_panel.set_shortcut_text(self._key_text(self.rewrite_action))

        self._context_timer = QTimer(self)
        self._context_timer.setSingleShot(True)
        self._context_timer.setInterval(200)  # counting words per keystroke would lag
        self._context_timer.timeout.connect(self._update_context)
        # A lambda: QTimer.start(int) would take the word count as its interval.
        window.document_counted.connect(lambda *_: self._context_timer.start())
        self._editors: set[int] = set()
        self._connect_signals()
        for tab in window.documents():
            self._watch(tab.editor)
        self._update_context()

    # -- actions -------------------------------------------------------------------------------

    def _action(self, action_id: str, text: str) -> QAction:
        w = self.window
        action = QAction(text, w)
        action.setObjectName(f"action_{action_id}")
        keys = w.settings.shortcuts.get(action_id) or SHORTCUTS[action_id]
        action.setShortcut(QKeySequence(keys))
        action.setToolTip(f"{text.replace('&', '')} ({self._key_text(action)})")
        w.actions_.by_id[action_id] = action
        w.add_assist_action(action)
        return action

    @staticmethod
    def _key_text(action: QAction) -> str:
        return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)

    def show_dock(self, dock: QDockWidget) -> None:
        """Make a dock visible and bring its tab to the front."""
        dock.show()
        dock.raise_()

    def rewrite_selection(self) -> int | None:
        """Assist › Rewrite Selection: show the panel and rewrite with its options."""
        self.show_dock(self.rewrite_panel)
        return self.rewrite_flow.start()

    def summarize(self) -> int | None:
        """Assist › Summarize: show the panel and summarize the selection or document."""
        self.show_dock(self.summarize_panel)
        return self.summarize_flow.start()

    def open_chat(self) -> None:
        """Assist › Chat: show the chat and put the cursor in its input."""
        self.show_dock(self.chat_panel)
        self.chat_panel.input.setFocus()

    # -- wiring ----------------------------------------------------------------------------------

    def _connect_signals(self) -> None:
        w, c = self.window, self.window.controller
        rp, rf = self.rewrite_panel, self.rewrite_flow
        sp, sf = self.summarize_panel, self.summarize_flow
        cp, cf = self.chat_panel, self.chat_flow

        self.rewrite_action.triggered.connect(self.rewrite_selection)
        self.summarize_action.triggered.connect(self.summarize)
        self.chat_action.triggered.connect(self.open_chat)
        w.current_document_changed.connect(self._on_document_changed)

        rp.rewrite_requested.connect(rf.start)
        rp.again_requested.connect(rf.again)
        rp.stop_requested.connect(rf.stop)
        rp.replace_requested.connect(rf.replace)
        rp.insert_requested.connect(rf.insert_below)
        rp.copy_requested.connect(rf.copy)

        sp.summarize_requested.connect(sf.start)
        sp.stop_requested.connect(sf.stop)
        sp.insert_requested.connect(sf.insert)
        sp.copy_requested.connect(sf.copy)

        cp.send_requested.connect(cf.send)
        cp.edit_resend_requested.connect(cf.edit_resend)
        cp.regenerate_requested.connect(cf.regenerate)
        cp.stop_requested.connect(cf.stop)
        cp.new_chat_requested.connect(cf.new_chat)
        cp.conversation_selected.connect(cf.open)
        cp.rename_requested.connect(cf.rename)
        cp.delete_requested.connect(cf.delete)
        cp.search_changed.connect(lambda _text: cf.refresh_list())
        cp.persona_changed.connect(cf.set_persona)
        cp.copy_requested.connect(cf.copy)
        cp.insert_requested.connect(cf.insert)

        for flow in (rf, sf, cf):
            c.queued.connect(flow.on_queued)
            c.started.connect(flow.on_started)
            c.prompt_built.connect(flow.on_prompt_built)
            c.chunk.connect(flow.on_chunk)
            c.finished.connect(flow.on_finished)
            c.failed.connect(flow.on_failed)
        c.progress.connect(sf.on_progress)

    # -- the current document --------------------------------------------------------------------

    def _on_document_changed(self, tab) -> None:
        if tab is not None:
            self._watch(tab.editor)
        self._update_context()

    def _watch(self, editor: Editor) -> None:
        """Add the Assist entries to an editor's context menu and follow its selection."""
        if id(editor) in self._editors:
            return
        key = id(editor)
        self._editors.add(key)
        editor.destroyed.connect(lambda _obj=None: self._editors.discard(key))
        editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        editor.customContextMenuRequested.connect(lambda pos, e=editor: self._context_menu(e, pos))
        editor.selectionChanged.connect(lambda e=editor: self._selection_changed(e))
        editor.document().contentsChanged.connect(self._context_timer.start)

    def _selection_changed(self, editor: Editor) -> None:
        if editor is self.window.current_editor():
            # At once for the Rewrite button; word counts follow after a pause.
            self.rewrite_panel.set_has_selection(editor.textCursor().hasSelection())
            self._context_timer.start()

    def _context_menu(self, editor: Editor, pos: QPoint) -> None:
        menu = editor.createStandardContextMenu(pos)
        menu.addSeparator()
        for action in (self.rewrite_action, self.summarize_action, self.chat_action):
            menu.addAction(action)
        menu.exec(editor.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _update_context(self) -> None:
        editor = self.window.current_editor()
        cursor = editor.textCursor() if editor else None
        selected = cursor.selectedText().replace("\u2029", "\n") if cursor else ""
        # The whole document's words come from the window's own (off-thread) count:
        # counting 10 MB here after every pause froze typing for seconds.
        document_words = self.window.document_counts[0]
        has_document = bool(editor and not editor.document().isEmpty())
        selected_words = count_text(selected)[0] if selected.strip() else 0
        self.rewrite_panel.set_has_selection(bool(selected.strip()))
        if selected.strip():
            self.summarize_panel.set_source(selected_words, True, True)
        else:
            self.summarize_panel.set_source(document_words, False, has_document)
        self.chat_panel.set_context_sizes(selected_words, document_words)
