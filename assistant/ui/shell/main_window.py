"""The main window: a shell of document tabs, menus, status bar and docks.

It implements the `Workspace` the features are installed into (`FEATURES`, one
line each) and knows none of them: each feature registers its own actions, adds
its own panel and listens to the workspace's signals. What stays here is what
every document shares: tabs and titles, the editor's view options, counts, the
status bar, the Stop button and closing. The commands every document shares (File,
Edit, Stop, About) are registered from `window_actions.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QPoint, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import assistant
from assistant.engine.backend import ModelInfo
from assistant.engine.generation_result import GenerationResult
from assistant.settings import Settings
from assistant.settings_file import load_settings, save_settings
from assistant.ui.documents.document_tab import DocumentTab
from assistant.ui.documents.editor import Editor
from assistant.ui.documents.file_ops import FileOps
from assistant.ui.generation.controller import GenerationController
from assistant.ui.shell.actions import ActionRegistry
from assistant.ui.shell.banner import Banner
from assistant.ui.shell.context import ContextTracker
from assistant.ui.shell.features import AFTER_FIRST_PAINT, FEATURES, Features
from assistant.ui.shell.i18n import translated
from assistant.ui.shell.status import StatusBar
from assistant.ui.shell.view import EditorView
from assistant.ui.shell.window_actions import register_window_actions
from assistant.ui.shell.workspace import WorkspaceSignals

APP_TITLE = "Writing Assistant"


if TYPE_CHECKING:
    from assistant.ui.documents.find_replace import FindBar


class MainWindow(QMainWindow):
    """Tabs of documents plus the installed features, around one GenerationController."""

    def __init__(
        self,
        controller: GenerationController | None = None,
        settings: Settings | None = None,
        save_settings_on_close: bool = True,
        defer_features: bool = False,
    ) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.settings = settings if settings is not None else load_settings().settings
        self._save_settings_on_close = save_settings_on_close
        self._leaving_without_questions = False
        self._owns_controller = controller is None
        self.generation = controller or GenerationController()
        self.signals = WorkspaceSignals(self)
        self._panels: list[QDockWidget] = []

        self.banner = Banner()
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self._find_bar: FindBar | None = None  # built on first use (start-up time)
        central = QWidget()
        self._central_layout = layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.status = StatusBar()
        self.setStatusBar(self.status)
        self.action_registry = ActionRegistry(self, self.settings.shortcuts)
        self.setMenuBar(self.action_registry.menu_bar)
        self.addToolBar(self.action_registry.toolbar)
        self.files = FileOps(self)
        register_window_actions(self)
        self.view = EditorView(self)
        self.context = ContextTracker(self)
        #: The installed features, by name (tests and the shell's own wiring reach them here).
        self.features = Features()
        self._deferred = [f for f in FEATURES if defer_features and f[0] in AFTER_FIRST_PAINT]
        for name, install in FEATURES:
            if (name, install) not in self._deferred:
                setattr(self.features, name, install(self))
        if self._panels:
            self._panels[0].raise_()  # first start: the first panel's tab is in front
        self._connect_signals()
        if self.generation.model_info is not None:  # loaded before this window existed
            self._on_model_loaded(self.generation.model_info)
        self._apply_settings()
        self.new_document()

    # -- the workspace -------------------------------------------------------------------

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
        tab.title_changed.connect(lambda: self._update_titles(tab))
        tab.format_changed.connect(lambda: self._update_titles(tab))
        tab.editor.cursorPositionChanged.connect(lambda: self._on_cursor_moved(tab))
        editor = tab.editor
        editor.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        editor.customContextMenuRequested.connect(lambda pos: self._context_menu(editor, pos))
        self.signals.document_added.emit(tab)
        index = self.tabs.addTab(tab, tab.display_name)
        self.tabs.setCurrentIndex(index)
        self._update_titles(tab)
        tab.editor.setFocus()
        return tab

    def open_paths(self, paths: list[str], create_missing: bool = True) -> None:
        """Open files given on the command line (a missing one starts a new file there)."""
        for path in paths:
            self.files.open_path(path, create_missing=create_missing)

    def show_tab(self, tab: DocumentTab) -> None:
        """Bring a document to the front."""
        self.tabs.setCurrentWidget(tab)

    def close_document(self, tab: DocumentTab) -> bool:
        """Close a document (asking about unsaved changes); False if the writer cancelled."""
        return self.close_tab(self.tabs.indexOf(tab))

    def add_panel(self, dock: QDockWidget) -> None:
        """Add a side panel: tabbed with the other panels, toggled from View › Panels."""
        if not dock.objectName():
            raise ValueError("a dock needs an objectName so the layout can be restored")
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        if self._panels:
            self.tabifyDockWidget(self._panels[-1], dock)
        self._panels.append(dock)
        self.action_registry.add_panel_toggle(dock.toggleViewAction())

    def show_panel(self, dock: QDockWidget) -> None:
        """Make a panel visible and bring its tab to the front."""
        dock.show()
        dock.raise_()

    def notify(
        self,
        text: str,
        *,
        error: bool = False,
        action_text: str = "",
        action: Callable[[], None] | None = None,
    ) -> None:
        """Show a message above the documents (an error never loses text).

        `text` may be a Translatable from the Qt-free layers: it is shown translated.
        """
        self.banner.show_message(translated(text), error, action_text, action)

    def clear_notice(self) -> None:
        """Hide the message above the documents."""
        self.banner.hide()

    def show_status(self, text: str, timeout_ms: int = 4000) -> None:
        """A passing message in the status bar (a Translatable is shown translated)."""
        self.status.showMessage(translated(text), timeout_ms)

    def show_suggestion_keys(self, visible: bool) -> None:
        """Name the keys of an inline suggestion in the status bar (Tab, Esc, …)."""
        self.status.set_ghost_hint(visible)

    def add_status_field(self, widget: QWidget) -> None:
        """Show a small permanent field in the status bar, before the word counts."""
        self.status.add_field(widget)

    def ensure_loaded(self, tab: DocumentTab | None) -> bool:
        """True when `tab`'s whole text is in the editor; otherwise say so and return False.

        Every command that writes the file, edits the text or reads it for the model
        asks first: while a large file goes in slice by slice, the editor holds part of it.
        """
        if tab is None or not tab.loading:
            return True
        self.notify(tab.loading_message())
        return False

    def ensure_editable(self, tab: DocumentTab | None) -> bool:
        """True when the text may be changed (all in, not read-only); otherwise say why."""
        if not self.ensure_loaded(tab):
            return False
        if tab is not None and tab.read_only_reason is not None:
            self.notify(tab.read_only_reason, error=True)
            return False
        return True

    def dialog_parent(self) -> QWidget:
        """Dialogs are modal to the window."""
        return self

    # -- wiring ----------------------------------------------------------------------------

    def _connect_signals(self) -> None:
        c = self.generation
        self.tabs.currentChanged.connect(self._on_current_changed)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.context.counted.connect(self.status.set_counts)
        c.model_loading.connect(self.status.set_model_loading)
        c.model_loaded.connect(self._on_model_loaded)
        c.model_failed.connect(self._on_model_failed)
        c.foreground_busy_changed.connect(self._on_busy)
        c.queued.connect(self._on_queued)
        c.finished.connect(self._on_finished)
        self.signals.settings_applied.connect(
            lambda _before: self.action_registry.apply_shortcuts(self.settings.shortcuts)
        )
        self.signals.all_data_deleted.connect(self._on_all_data_deleted)

    def _on_all_data_deleted(self) -> None:
        # The writer deleted everything: writing the settings back on the way out would
        # undo part of it. Unsaved documents are still asked about as the window closes.
        self._save_settings_on_close = False
        QTimer.singleShot(0, self.close)

    def _context_menu(self, editor: Editor, pos: QPoint) -> None:
        menu = editor.createStandardContextMenu(pos)
        if self.action_registry.context_actions:
            menu.addSeparator()
            for action in self.action_registry.context_actions:
                menu.addAction(action)
        menu.exec(editor.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def stop(self) -> None:
        """Stop every running or waiting generation (within one token)."""
        self.generation.cancel()

    def _on_queued(self, _request_id: int, position: int) -> None:
        text = self.tr("Waiting for the model: %1 request(s) ahead").replace("%1", str(position))
        self.status.showMessage(text, 5000)

    def _on_finished(self, _request_id: int, result: GenerationResult) -> None:
        if result.incomplete:
            # The server went away mid-reply: the text that arrived stays, marked as partial.
            text = self.tr("The reply is incomplete: %1 The text that arrived was kept.")
            self.notify(text.replace("%1", translated(result.incomplete)), error=True)

    def _on_busy(self, busy: bool) -> None:
        # Inline suggestions run in the background: they never light Stop or "generating…".
        self.action_registry["stop"].setEnabled(busy)
        self.status.set_generating(busy)

    def _on_model_loaded(self, info: ModelInfo) -> None:
        self.status.set_model_ready(info.name, info.device, info.dtype, info.host)
        self.status.set_generating(self.generation.foreground_busy)

    def _on_model_failed(self, message: str) -> None:
        text = self.tr("The model could not be loaded: %1").replace("%1", message)
        old = self.generation.model_info
        if old is not None:
            # The worker keeps the resident model when a new one fails to load.
            self.status.set_model_ready(old.name, old.device, old.dtype, old.host)
            self.status.set_generating(self.generation.foreground_busy)
            text += " " + self.tr("Still using %1.").replace("%1", old.name)
        else:
            self.status.set_model_failed(message)
        self.notify(text, error=True)

    # -- tabs, titles ---------------------------------------------------------------------

    def close_tab(self, index: int) -> bool:
        """Close a tab, asking to save unsaved changes; False if the writer cancelled."""
        tab = self.tabs.widget(index)
        if not isinstance(tab, DocumentTab) or not self.files.confirm_discard(tab):
            return False
        self.signals.document_closing.emit(tab)
        self.tabs.removeTab(index)
        tab.deleteLater()
        if self.tabs.count() == 0:
            self.new_document()
        return True

    @property
    def find_bar(self) -> FindBar:
        """The find/replace bar under the documents, made the first time it is wanted."""
        if self._find_bar is None:
            from assistant.ui.documents.find_replace import FindBar

            self._find_bar = FindBar()
            self._central_layout.addWidget(self._find_bar)
            tab = self.current_tab()
            self._find_bar.set_editor(tab.editor if tab else None)
        return self._find_bar

    def install_deferred_features(self) -> None:
        """Install the features left for after the first paint (`defer_features`)."""
        deferred, self._deferred = self._deferred, []
        known = set(self._panels)
        for name, install in deferred:
            setattr(self.features, name, install(self))
        if self.settings.window_state:
            # The saved layout again, now with every dock in it (the same for the others).
            self.restoreState(QByteArray.fromBase64(self.settings.window_state.encode("ascii")))
        else:
            for dock in self._panels:
                if dock not in known:
                    dock.show()  # a tab; a dock added to a window on screen stays hidden
        if deferred:
            self.context.refresh()  # the new panels learn the current selection and document

    def _on_current_changed(self, _index: int) -> None:
        tab = self.current_tab()
        if self._find_bar is not None:
            self._find_bar.set_editor(tab.editor if tab else None)
        if tab is not None:
            self._update_titles(tab)
            self._on_cursor_moved(tab)
        self.signals.current_document_changed.emit(tab)

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

    def about(self) -> None:
        """Help › About."""
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
        if s.window_geometry:
            self.restoreGeometry(QByteArray.fromBase64(s.window_geometry.encode("ascii")))
        else:
            screen = self.screen().availableGeometry()
            self.resize(int(screen.width() * 0.7), int(screen.height() * 0.8))
        if s.window_state:
            self.restoreState(QByteArray.fromBase64(s.window_state.encode("ascii")))

    def store_settings(self) -> None:
        """Write window layout and editor options back to the settings file."""
        s = self.settings
        s.window_geometry = bytes(self.saveGeometry().toBase64()).decode("ascii")
        s.window_state = bytes(self.saveState().toBase64()).decode("ascii")
        try:
            save_settings(s)
        except OSError as exc:  # the window is closing; a lost layout is not worth a crash
            self.status.showMessage(
                self.tr("Settings not saved: %1").replace("%1", translated(exc))
            )

    def flush_for_exit(self) -> None:
        """The process is about to end from outside: keep a recovery copy of everything."""
        self.signals.flush_requested.emit()

    def leave_without_questions(self) -> None:
        """Close now (SIGTERM, logout): unsaved documents stay as recovery copies."""
        self._leaving_without_questions = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        """Ask about unsaved documents, then stop generation and save settings."""
        if self._leaving_without_questions:
            # No dialog may block an exit the system asked for; nothing is discarded:
            # the recovery copies written just before are offered at the next start.
            self.generation.cancel()
            if self._save_settings_on_close:
                self.store_settings()
            if self._owns_controller:
                self.generation.shutdown()
            event.accept()
            return
        for tab in self.documents():
            if not self.files.confirm_discard(tab):
                event.ignore()
                return
        self.signals.closing.emit()  # features store their state into the settings
        self.generation.cancel()
        if self._save_settings_on_close:
            self.store_settings()
        if self._owns_controller:
            self.generation.shutdown()
        event.accept()
