"""The Model manager: every usable model, add/remove, set current, download, test speed.

Loading goes through the window's GenerationController (worker thread; see
`model_switch.py`), downloads through a DownloadController (their own thread), speed
tests through a child process; the dialog itself only reads file headers. The table
of models is `ModelTable` (`model_table.py`). Questions and file choosers are module
functions so tests can answer them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant.engine import catalog
from assistant.engine.backend import EngineError
from assistant.engine.remote.hosts import host_of
from assistant.engine.remote.server_models import ServerModel
from assistant.settings import Settings
from assistant.settings_file import save_settings
from assistant.ui.dialogs.models import questions
from assistant.ui.dialogs.models.model_download import DownloadBox
from assistant.ui.dialogs.models.model_switch import ModelSwitch
from assistant.ui.dialogs.models.model_table import ModelTable, row_key
from assistant.ui.dialogs.models.speed_test import SpeedResult, SpeedTest
from assistant.ui.dialogs.models.voices_box import VoicesBox
from assistant.ui.dialogs.settings.server_section import BackgroundCall
from assistant.ui.generation.controller import GenerationController
from assistant.ui.shell.i18n import translated


class ModelManagerDialog(QDialog):
    """Lists and manages models; changes are saved to `settings` at once."""

    def __init__(
        self,
        settings: Settings,
        controller: GenerationController,
        parent: QWidget | None = None,
        hub_cache: str | Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ModelManagerDialog")
        self.setWindowTitle(self.tr("Models"))
        self.settings = settings
        self.controller = controller
        self._hub_cache = hub_cache
        self._rows: list[catalog.ModelRow] = []
        self._closed = False
        self.speed = SpeedTest(self)
        self._server_models: list[ServerModel] = []
        self._server_listing = BackgroundCall(self)
        self._server_listing.finished.connect(self._on_server_models)
        self._server_listing.failed.connect(self._on_server_failed)

        self.tree = ModelTable()
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.add_folder_button = QPushButton(self.tr("Add Folder…"))
        self.add_gguf_button = QPushButton(self.tr("Add GGUF File…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.current_button = QPushButton(self.tr("Use This Model"))
        self.speed_button = QPushButton(self.tr("Test Speed"))
        self.clear_cache_button = QPushButton(self.tr("Clear Converted Cache"))
        self.add_folder_button.clicked.connect(self.add_folder)
        self.add_gguf_button.clicked.connect(self.add_gguf)
        self.remove_button.clicked.connect(self.remove_selected)
        self.current_button.clicked.connect(self.use_selected)
        self.speed_button.clicked.connect(self.test_speed)
        self.clear_cache_button.clicked.connect(self.clear_converted_cache)
        buttons = QVBoxLayout()
        for b in (
            self.current_button,
            self.speed_button,
            self.add_folder_button,
            self.add_gguf_button,
            self.remove_button,
            self.clear_cache_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("model_status")
        self.status.setWordWrap(True)

        top = QHBoxLayout()
        top.addWidget(self.tree, 1)
        top.addLayout(buttons)
        models_box = QGroupBox(self.tr("Models on this computer"))
        inner = QVBoxLayout(models_box)
        inner.addLayout(top)
        inner.addWidget(self.details)
        inner.addWidget(self.progress)
        inner.addWidget(self.status)

        self.voices = VoicesBox(settings, controller, self)
        self.download = DownloadBox(settings, self)
        self.download.downloaded.connect(self._on_downloaded)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(models_box, 2)
        layout.addWidget(self.voices)
        layout.addWidget(self.download, 1)
        layout.addWidget(close)

        self.switch = ModelSwitch(settings, controller, self.progress, self)
        self.switch.status.connect(self._show_status)
        self.switch.busy_changed.connect(self._update_buttons)
        self.switch.chosen.connect(self._on_chosen)
        self.speed.finished.connect(self._on_speed)
        self.speed.failed.connect(self._on_speed_failed)
        self.resize(1000, 860)
        self.refresh()
        self.list_server_models()

    # -- list ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the models on disk and keep the selection where it was."""
        selected = self.selected_row()
        keep = row_key(selected) if selected else None
        self._rows = catalog.gather_models(self.settings.model.user_models, self._hub_cache)
        server_url = self.settings.model.server_url
        self._rows += catalog.server_rows(server_url, self._server_models)
        self.tree.show_rows(self._rows, host_of(server_url), self._is_current, keep)
        self._update_buttons()

    def _is_current(self, row: catalog.ModelRow) -> bool:
        model = self.settings.model
        if row.origin == catalog.SERVER:
            return model.backend == "openai" and row.name == model.server_model
        return model.backend != "openai" and row.loadable and row.setting == model.path

    def list_server_models(self) -> None:
        """List the configured server's models beside the local ones (in the background)."""
        from assistant.engine.remote.server_models import list_models
        from assistant.engine.secrets import get_api_key

        url, offline = self.settings.model.server_url, self.settings.offline_mode
        if not url:
            return
        self._server_listing.start(lambda: list_models(url, get_api_key(url), 10.0, offline))

    def _on_server_models(self, models: list[ServerModel]) -> None:
        if not self._closed:
            self._server_models = list(models)
            self.refresh()

    def _on_server_failed(self, message: str) -> None:
        if not self._closed:
            text = self.tr("The model server's models could not be listed: %1")
            self._show_status(text.replace("%1", message), True)

    def selected_row(self) -> catalog.ModelRow | None:
        """The row the writer selected."""
        items = self.tree.selectedItems()
        if not items:
            return None
        index = self.tree.indexOfTopLevelItem(items[0])
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def select_path(self, path: str | Path) -> bool:
        """Select the row for `path`; False if it is not listed."""
        for i, row in enumerate(self._rows):
            if row.origin == catalog.SERVER:
                continue
            if Path(row.path) == Path(path) or row.setting == str(path):
                self.tree.setCurrentItem(self.tree.topLevelItem(i))
                return True
        return False

    def _update_buttons(self) -> None:
        row = self.selected_row()
        busy = self.switch.loading is not None
        self.current_button.setEnabled(bool(row and row.loadable) and not busy)
        self.speed_button.setEnabled(bool(row and row.loadable) and not self.speed.running)
        self.remove_button.setEnabled(bool(row and row.origin in (catalog.ADDED, catalog.MISSING)))
        if row is None:
            self.details.setText(self.tr("Select a model to see where it is stored."))
            return
        where = row.server_url if row.origin == catalog.SERVER else str(row.path)
        text = self.tr("Location: %1").replace("%1", where)
        if row.note or row.problems:
            text += "\n" + "; ".join(translated(t) for t in [row.note, *row.problems] if t)
        self.details.setText(text)

    # -- add, remove ----------------------------------------------------------------------

    def add_folder(self) -> None:
        """Add a Hugging Face model folder chosen by the writer."""
        self._add(questions.ask_model_folder(self))

    def add_gguf(self) -> None:
        """Add a .gguf file chosen by the writer."""
        self._add(questions.ask_gguf_file(self))

    def _add(self, value: str | None) -> None:
        if not value:
            return
        from assistant.engine.sources import resolve_source

        try:
            source = resolve_source(value)
        except EngineError as exc:
            self._show_status(translated(exc), error=True)
            return
        models = self.settings.model.user_models
        if value not in models:
            models.append(value)
            self._save()
        self.refresh()
        self.select_path(value)
        self._show_status(self.tr("Added %1.").replace("%1", source.name))

    def remove_selected(self) -> None:
        """Forget a model the writer added; its files stay where they are."""
        row = self.selected_row()
        if row is None or row.origin not in (catalog.ADDED, catalog.MISSING):
            return
        self.settings.model.user_models = [
            m for m in self.settings.model.user_models if m != row.setting
        ]
        if self.settings.model.path == row.setting:
            self.settings.model.path = None
        self._save()
        self.refresh()
        self._show_status(
            self.tr("Removed %1 from the list. Its files were not deleted.").replace("%1", row.name)
        )

    def clear_converted_cache(self) -> None:
        """Delete the converted-weight caches (re-created on the next load)."""
        if not questions.confirm(
            self,
            self.tr("Clear converted cache"),
            self.tr(
                "Delete the converted copies of GGUF models? They are re-created the next "
                "time such a model loads (slower that once). Your own model files are kept."
            ),
        ):
            return
        from assistant.engine.loader import clear_converted_cache  # file work only, no model

        freed = clear_converted_cache()
        self.refresh()
        self._show_status(self.tr("Freed %1.").replace("%1", catalog.format_bytes(freed)))

    # -- set current ------------------------------------------------------------------------

    def use_selected(self) -> None:
        """Load the selected model in the background (refused up front if it will not fit)."""
        row = self.selected_row()
        if row is None or not row.loadable or self.switch.loading is not None:
            return
        self.switch.load(row)

    def _on_chosen(self, message: str) -> None:
        self._save()
        self.refresh()
        self._show_status(message)

    # -- speed test, downloads ----------------------------------------------------------------

    def test_speed(self) -> None:
        """Benchmark the selected model in a child process."""
        row = self.selected_row()
        if row is None or not row.loadable or self.speed.running:
            return
        if row.origin == catalog.SERVER:
            self.speed.start_server(row.server_url, row.name)
        else:
            self.speed.start(row.setting, self.settings.model.device)
        self._show_status(
            self.tr("Testing the speed of %1… (about a minute)").replace("%1", row.name)
        )
        self._update_buttons()

    def _on_speed(self, result: SpeedResult) -> None:
        self._update_buttons()
        self._show_status(
            self.tr("About %1 tokens per second; the first words appear after %2 s (%3, %4).")
            .replace("%1", f"{result.tokens_per_s:.0f}")
            .replace("%2", f"{result.ttft_s:.2f}")
            .replace("%3", result.device)
            .replace("%4", result.dtype)
        )

    def _on_speed_failed(self, message: str) -> None:
        self._update_buttons()
        self._show_status(message, error=True)

    def _on_downloaded(self, path: Path) -> None:
        self.refresh()
        self.select_path(path)

    # -- helpers --------------------------------------------------------------------------

    def _show_status(self, text: str, error: bool = False) -> None:
        from assistant.ui.shell.theme import colors

        color = colors()["error_fg" if error else "text"].name()
        self.status.setStyleSheet(f"color: {color};")
        self.status.setText(text)

    def _save(self) -> None:
        try:
            save_settings(self.settings)
        except OSError as exc:
            self._show_status(
                self.tr("Settings not saved: %1").replace("%1", translated(exc)), True
            )

    def done(self, result: int) -> None:
        """Stop background work that belongs to the dialog before it closes."""
        if self._closed:
            super().done(result)
            return
        self._closed = True
        self.speed.cancel()
        self.download.shutdown()
        self.switch.detach()
        super().done(result)
