"""The main window: document tabs, menus, status bar, docks, and the one place that
wires panels and editors to the generation controller.

Panels request (`*_requested` signals), the window routes: see `_connect_signals`.
Later panels join with `add_assist_panel(dock)` and `add_assist_action(action)`.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import assistant
from assistant.settings import Settings, load_settings, save_settings
from assistant.ui import dialogs, shortcuts
from assistant.ui.actions import build_actions
from assistant.ui.assist_panels import AssistPanels
from assistant.ui.banner import Banner
from assistant.ui.continue_flow import ContinueFlow
from assistant.ui.document_tab import DocumentTab
from assistant.ui.editor import Editor
from assistant.ui.file_ops import FileOps
from assistant.ui.find_replace import FindBar
from assistant.ui.ghost_text import GhostFlow
from assistant.ui.panels.continue_panel import ContinueOptions, ContinuePanel
from assistant.ui.preferences import Preferences
from assistant.ui.safety import DocumentSafety
from assistant.ui.status import StatusBar
from assistant.ui.text_counter import TextCounter
from assistant.ui.worker import GenerationController, ModelInfo

APP_TITLE = "Writing Assistant"


class MainWindow(QMainWindow):
    """Tabs of documents plus assist docks, wired to one GenerationController."""

    #: The current tab changed (DocumentTab or None).
    #: The current document's (words, characters), after each count.
    document_counted = Signal(int, int)
    current_document_changed = Signal(object)

    def __init__(
        self,
        controller: GenerationController | None = None,
        settings: Settings | None = None,
        save_settings_on_close: bool = True,
    ) -> None:
        super().__init__()
        #: (words, characters) of the current document, updated after typing pauses.
        self.document_counts = (0, 0)
        self.setObjectName("MainWindow")
        self.settings = settings if settings is not None else load_settings().settings
        self._save_settings_on_close = save_settings_on_close
        self._owns_controller = controller is None
        self.controller = controller or GenerationController()
        self._assist_docks: list[QDockWidget] = []

        self.banner = Banner()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.find_bar = FindBar()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.find_bar)
        self.setCentralWidget(central)
        self.status = StatusBar()
        self.setStatusBar(self.status)
        # Build every action with its default keys first (so Settings › Shortcuts can
        # offer "reset"), then apply the writer's overrides once, below.
        chosen_keys, self.settings.shortcuts = self.settings.shortcuts, {}
        self.actions_ = build_actions(self, {})
        self.files = FileOps(self)
        self.continue_panel = ContinuePanel(self)
        self.add_assist_panel(self.continue_panel)
        self.continue_flow = ContinueFlow(self)
        self.ghost = GhostFlow(self)  # inline suggestions; wires its own signals
        self.ghost.shown.connect(lambda text, _final: self.status.set_ghost_hint(bool(text)))
        self.ghost.dismissed.connect(lambda: self.status.set_ghost_hint(False))
        # Rewrite, Summarize and Chat docks: before _apply_settings restores the layout.
        self.assist = AssistPanels(self)
        # Autosave/recovery, external changes, encodings, snapshots (before the first tab).
        self.safety = DocumentSafety(self)
        # Edit › Preferences…, Assist › Models… and live application of settings.
        self.preferences = Preferences(self)
        self.settings.shortcuts = chosen_keys
        shortcuts.record_defaults(self.actions_.by_id)
        shortcuts.apply_shortcuts(self.actions_.by_id, chosen_keys)

        self._count_timer = QTimer(self)
        self._count_timer.setSingleShot(True)
        self._count_timer.timeout.connect(self._update_counts)
        self._counter = TextCounter(self)  # large documents are counted off the GUI thread
        self._counter.counted.connect(self.status.set_counts)
        self._counter.counted.connect(self._remember_counts)
        self._connect_signals()
        if self.controller.model_info is not None:  # loaded before this window existed
            self._on_model_loaded(self.controller.model_info)
        self._apply_settings()
        self.new_document()

    # -- public API ----------------------------------------------------------------------

    def current_tab(self) -> DocumentTab | None:
        """The document shown."""
        widget = self.tabs.currentWidget()
        return widget if isinstance(widget, DocumentTab) else None

    def current_editor(self) -> Editor | None:
        """The editor of the document shown."""
        tab = self.current_tab()
        return tab.editor if tab else None

    def documents(self) -> list[DocumentTab]:
        """Every open document, in tab order."""
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    def new_document(self) -> DocumentTab:
        """Open an empty untitled tab and focus it."""
        return self.add_document_tab(DocumentTab())

    def add_document_tab(self, tab: DocumentTab) -> DocumentTab:
        """Show `tab` with this window's editor settings and wiring."""
        self._configure_editor(tab.editor)
        tab.title_changed.connect(lambda: self._update_titles(tab))
        tab.editor.cursorPositionChanged.connect(lambda: self._on_cursor_moved(tab))
        tab.editor.document().contentsChanged.connect(lambda: self._on_text_changed(tab))
        tab.editor.ai_conflict.connect(self.controller.cancel)
        self.ghost.attach(tab.editor)
        self.safety.track(tab)
        index = self.tabs.addTab(tab, tab.display_name)
        self.tabs.setCurrentIndex(index)
        self._update_titles(tab)
        tab.editor.setFocus()
        return tab

    def open_paths(self, paths: list[str], create_missing: bool = True) -> None:
        """Open files given on the command line (a missing one starts a new file there)."""
        for path in paths:
            self.files.open_path(path, create_missing=create_missing)

    def add_assist_panel(
        self, dock: QDockWidget, area: Qt.DockWidgetArea = Qt.DockWidgetArea.RightDockWidgetArea
    ) -> None:
        """Add a side panel: tabbed with the other assist docks, toggled from View › Panels."""
        if not dock.objectName():
            raise ValueError("a dock needs an objectName so the layout can be restored")
        self.addDockWidget(area, dock)
        if self._assist_docks:
            self.tabifyDockWidget(self._assist_docks[-1], dock)
        self._assist_docks.append(dock)
        self.actions_.panels_menu.addAction(dock.toggleViewAction())

    def add_assist_action(self, action: QAction, toolbar: bool = False) -> None:
        """Add an action to the Assist menu (before Stop), optionally to the toolbar too."""
        self.actions_.assist_menu.insertAction(self.actions_.assist_separator, action)
        if toolbar:
            self.actions_.toolbar.insertAction(self.actions_["stop"], action)

    def show_error(self, message: str, action_text: str = "", action=None) -> None:
        """Show a readable error above the documents (never a crash, text never lost)."""
        self.banner.show_message(message, True, action_text, action)

    def show_note(self, message: str) -> None:
        """Show an informational message above the documents."""
        self.banner.show_message(message, False)

    def ensure_loaded(self, tab: DocumentTab | None) -> bool:
        """True when `tab`'s whole text is in the editor; otherwise say so and return False.

        Every command that writes the file, edits the text or reads it for the model
        asks first: while a large file goes in slice by slice, the editor holds part of it.
        """
        if tab is None or not tab.loading:
            return True
        self.show_note(tab.loading_message())
        return False

    # -- the one "connect signals" block -------------------------------------------------

    def _connect_signals(self) -> None:
        a, c, panel = self.actions_, self.controller, self.continue_panel
        a["new"].triggered.connect(self.new_document)
        a["open"].triggered.connect(self.files.open_dialog)
        a["save"].triggered.connect(lambda: self.files.save(self.current_tab()))
        a["save_as"].triggered.connect(lambda: self.files.save_as(self.current_tab()))
        a["close_tab"].triggered.connect(lambda: self.close_tab(self.tabs.currentIndex()))
        a["quit"].triggered.connect(self.close)
        a.recent_menu.aboutToShow.connect(self.files.fill_recent_menu)
        for action_id, method in (
            ("undo", "undo"),
            ("redo", "redo"),
            ("cut", "cut"),
            ("copy", "copy"),
            ("paste", "paste"),
            ("select_all", "selectAll"),
            ("zoom_in", "zoom_in"),
            ("zoom_out", "zoom_out"),
        ):
            a[action_id].triggered.connect(lambda _=False, m=method: self._on_editor(m))
        a["zoom_reset"].triggered.connect(lambda: self._on_editor("set_zoom", 0))
        a["find"].triggered.connect(lambda: self.find_bar.open_bar(replace=False))
        a["replace"].triggered.connect(lambda: self.find_bar.open_bar(replace=True))
        a["soft_wrap"].toggled.connect(self._set_soft_wrap)
        a["reading_width"].toggled.connect(self._set_reading_width)
        a["font"].triggered.connect(self._choose_font)
        a["continue"].triggered.connect(lambda: self.continue_writing())
        a["stop"].triggered.connect(self.stop)
        a["about"].triggered.connect(self._about)
        self.tabs.currentChanged.connect(self._on_current_changed)
        self.tabs.tabCloseRequested.connect(self.close_tab)

        flow = self.continue_flow
        panel.continue_requested.connect(self.continue_writing)
        panel.stop_requested.connect(self.stop)
        panel.alternative_chosen.connect(flow.insert_alternative)

        c.model_loading.connect(self.status.set_model_loading)
        c.model_loaded.connect(self._on_model_loaded)
        c.model_failed.connect(self._on_model_failed)
        # Re-evaluated once the submitting flow has recorded its request id.
        c.busy_changed.connect(lambda _busy: QTimer.singleShot(0, self._refresh_busy))
        c.started.connect(lambda _id: QTimer.singleShot(0, self._refresh_busy))
        c.queued.connect(self._on_queued)
        c.prompt_built.connect(flow.on_prompt_built)
        c.chunk.connect(flow.on_chunk)
        c.progress.connect(flow.on_progress)
        c.finished.connect(flow.on_finished)
        c.failed.connect(flow.on_failed)

    # -- generation ------------------------------------------------------------------------

    def continue_writing(self, options: ContinueOptions | None = None) -> int | None:
        """Continue the current document at the cursor; returns the request id."""
        return self.continue_flow.start(options)

    def stop(self) -> None:
        """Stop every running or waiting generation (within one token)."""
        self.controller.cancel()

    def _on_queued(self, request_id: int, position: int) -> None:
        text = self.tr("Waiting for the model: %1 request(s) ahead").replace("%1", str(position))
        self.status.showMessage(text, 5000)

    def _refresh_busy(self) -> None:
        busy = self.controller.busy
        # An inline suggestion runs in the background: it must not flash the Stop
        # button and "generating…" after every typing pause.
        running = self.controller.running_id
        if busy and running is not None and self.ghost.owns(running):
            busy = False
        self.actions_["stop"].setEnabled(busy)
        self.continue_panel.set_busy(busy)
        self.status.set_generating(busy)

    # -- model state -----------------------------------------------------------------------

    def _on_model_loaded(self, info: ModelInfo) -> None:
        self.status.set_model_ready(info.name, info.device, info.dtype)
        self.status.set_generating(self.controller.busy)

    def _on_model_failed(self, message: str) -> None:
        text = self.tr("The model could not be loaded: %1").replace("%1", message)
        old = self.controller.model_info
        if old is not None:
            # The worker keeps the resident model when a new one fails to load.
            self.status.set_model_ready(old.name, old.device, old.dtype)
            self.status.set_generating(self.controller.busy)
            text += " " + self.tr("Still using %1.").replace("%1", old.name)
        else:
            self.status.set_model_failed(message)
        self.show_error(text)

    # -- tabs, titles, counts -------------------------------------------------------------

    def close_tab(self, index: int) -> bool:
        """Close a tab, asking to save unsaved changes; False if the writer cancelled."""
        tab = self.tabs.widget(index)
        if not isinstance(tab, DocumentTab) or not self.files.confirm_discard(tab):
            return False
        for request_id in self.continue_flow.forget_tab(tab):
            self.controller.cancel(request_id)
        self.tabs.removeTab(index)
        tab.deleteLater()
        if self.tabs.count() == 0:
            self.new_document()
        return True

    def _on_current_changed(self, _index: int) -> None:
        tab = self.current_tab()
        self.find_bar.set_editor(tab.editor if tab else None)
        if tab is not None:
            self._update_titles(tab)
            self._on_cursor_moved(tab)
            self._update_counts()
            self.status.set_format(tab.format.display_name)
            self.continue_panel.show_document(tab.key)
            self.actions_["soft_wrap"].setChecked(tab.editor.soft_wrap)
        self.current_document_changed.emit(tab)

    def _update_titles(self, tab: DocumentTab) -> None:
        index = self.tabs.indexOf(tab)
        if index >= 0:
            self.tabs.setTabText(index, tab.display_name + (" •" if tab.modified else ""))
            self.tabs.setTabToolTip(index, str(tab.path) if tab.path else tab.display_name)
        if tab is self.current_tab():
            title = self.tr("Writing Assistant")  # == APP_TITLE in English
            self.setWindowTitle(f"{tab.display_name}[*] — {title}")
            self.setWindowModified(tab.modified)
            self.status.set_format(tab.format.display_name)

    def _on_cursor_moved(self, tab: DocumentTab) -> None:
        if tab is self.current_tab():
            cursor = tab.editor.textCursor()
            self.status.set_position(cursor.blockNumber() + 1, cursor.positionInBlock() + 1)

    def _on_text_changed(self, tab: DocumentTab) -> None:
        if tab is self.current_tab():
            # Counting a huge document on every keystroke would make typing lag.
            size = tab.editor.document().characterCount()
            self._count_timer.start(250 if size < 200_000 else 1500)

    def _remember_counts(self, words: int, characters: int) -> None:
        self.document_counts = (words, characters)
        self.document_counted.emit(words, characters)

    def _update_counts(self) -> None:
        editor = self.current_editor()
        if editor is not None:
            self._counter.count(editor.toPlainText())

    # -- view ------------------------------------------------------------------------------

    def _on_editor(self, method: str, *args) -> None:
        editor = self.current_editor()
        if editor is not None:
            getattr(editor, method)(*args)

    def _configure_editor(self, editor: Editor) -> None:
        key = self.actions_["continue"].shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        editor.setPlaceholderText(
            self.tr("Start writing. Press %1 and the assistant continues from the cursor.").replace(
                "%1", key
            )
        )
        ed = self.settings.editor
        editor.set_editor_font(ed.font_family, ed.font_size)
        editor.set_zoom(ed.zoom)
        editor.set_soft_wrap(ed.wrap)
        editor.set_reading_width(ed.width_chars > 0, ed.width_chars or None)
        editor.zoom_changed.connect(self._remember_zoom)

    def _remember_zoom(self, steps: int) -> None:
        self.settings.editor.zoom = steps
        for tab in self.documents():
            tab.editor.set_zoom(steps)

    def _set_soft_wrap(self, on: bool) -> None:
        self.settings.editor.wrap = on
        for tab in self.documents():
            tab.editor.set_soft_wrap(on)

    def _set_reading_width(self, on: bool) -> None:
        ed = self.settings.editor
        if on and ed.width_chars == 0:
            ed.width_chars = 80
        for tab in self.documents():
            tab.editor.set_reading_width(on, ed.width_chars)
        self._reading_width_on = on

    def _choose_font(self) -> None:
        editor = self.current_editor()
        if editor is None:
            return
        font = dialogs.ask_font(self, editor.editor_font())
        if font is None:
            return
        ed = self.settings.editor
        ed.font_family = font.family()
        ed.font_size = max(6, round(font.pointSizeF()))
        for tab in self.documents():
            tab.editor.set_editor_font(ed.font_family, ed.font_size)

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Writing Assistant"),
            self.tr(
                "<h3>Writing Assistant %1</h3><p>An offline editor for writers, with a local "
                "language model that continues, rewrites, summarizes and chats.</p>"
                "<p>Nothing you write leaves this computer.</p>"
            ).replace("%1", assistant.__version__),
        )

    # -- settings and closing ----------------------------------------------------------------

    def _apply_settings(self) -> None:
        s = self.settings
        self.actions_["soft_wrap"].setChecked(s.editor.wrap)
        self._reading_width_on = s.editor.width_chars > 0
        self.actions_["reading_width"].setChecked(self._reading_width_on)
        p = s.preset("continue")
        self.continue_panel.set_options(
            ContinueOptions(max_new_tokens=p.max_new_tokens, temperature=p.temperature)
        )
        if s.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(s.window_geometry.encode("ascii")))
        else:
            screen = self.screen().availableGeometry()
            self.resize(int(screen.width() * 0.7), int(screen.height() * 0.8))
        if s.window_state:
            self.restoreState(QByteArray.fromBase64(s.window_state.encode("ascii")))

    def store_settings(self) -> None:
        """Write window layout, editor and continue options back to the settings file."""
        s = self.settings
        s.window_geometry = bytes(self.saveGeometry().toBase64()).decode("ascii")
        s.window_state = bytes(self.saveState().toBase64()).decode("ascii")
        if not self._reading_width_on:
            s.editor.width_chars = 0
        options = self.continue_panel.options()
        preset = s.preset("continue")
        preset.temperature = options.temperature
        preset.max_new_tokens = options.max_new_tokens
        s.presets["continue"] = preset
        try:
            save_settings(s)
        except OSError as exc:  # the window is closing; a lost layout is not worth a crash
            self.status.showMessage(self.tr("Settings not saved: %1").replace("%1", str(exc)))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Ask about unsaved documents, then stop generation and save settings."""
        for tab in self.documents():
            if not self.files.confirm_discard(tab):
                event.ignore()
                return
        self.safety.window_closing()
        self.controller.cancel()
        if self._save_settings_on_close:
            self.store_settings()
        if self._owns_controller:
            self.controller.shutdown()
        event.accept()
