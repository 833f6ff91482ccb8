"""Making a listed model the current one: the Model manager's "Use This Model".

A model that will not fit in memory is refused up front; otherwise it loads on the
window's GenerationController (worker thread), with progress in the dialog's bar, and
the choice is kept in the settings once the model is ready (a failed load changes
nothing: the worker keeps the resident model).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QProgressBar, QWidget

from assistant.engine import catalog
from assistant.engine.backend import EngineError, ModelInfo
from assistant.engine.registry import BackendSpec
from assistant.settings import Settings
from assistant.ui.dialogs.models import questions
from assistant.ui.generation.controller import GenerationController
from assistant.ui.shell.i18n import translated


class ModelSwitch(QObject):
    """Loads the chosen row through the controller and records it as the current model."""

    #: A message for the dialog's status line (text, error).
    status = Signal(str, bool)
    #: A load started or failed: what the dialog's buttons allow has changed.
    busy_changed = Signal()
    #: The model is loaded and the settings name it (the message to show once saved).
    chosen = Signal(str)

    def __init__(
        self,
        settings: Settings,
        controller: GenerationController,
        progress: QProgressBar,
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.controller = controller
        self.progress = progress
        self._parent = parent  # questions are modal to the dialog
        #: What is being loaded: the row (its settings are saved once it is ready).
        self.loading: catalog.ModelRow | None = None
        controller.model_loading.connect(self._on_loading)
        controller.model_loaded.connect(self._on_loaded)
        controller.model_failed.connect(self._on_failed)

    def load(self, row: catalog.ModelRow) -> None:
        """Load `row` in the background (refused up front if it will not fit)."""
        if row.origin == catalog.SERVER:
            self._start_loading(row, self._server_spec(row))
            return
        try:
            short = catalog.memory_check(row.setting)
        except EngineError as exc:
            self.status.emit(translated(exc), True)
            return
        if short is not None:
            need, free = short
            questions.inform(
                self._parent,
                self.tr("Not enough memory"),
                self.tr(
                    "%1 needs about %2 of memory, but only %3 is free. Close other programs "
                    "or choose a smaller model."
                )
                .replace("%1", row.name)
                .replace("%2", catalog.format_bytes(need))
                .replace("%3", catalog.format_bytes(free)),
            )
            return
        spec = BackendSpec(kind="local", model=row.setting, device=self.settings.model.device)
        self._start_loading(row, spec)

    def detach(self) -> None:
        """Stop following the controller (the dialog is closing)."""
        for signal, slot in (
            (self.controller.model_loading, self._on_loading),
            (self.controller.model_loaded, self._on_loaded),
            (self.controller.model_failed, self._on_failed),
        ):
            signal.disconnect(slot)

    def _server_spec(self, row: catalog.ModelRow) -> BackendSpec:
        model = self.settings.model
        return BackendSpec(
            kind="openai",
            server_url=row.server_url,
            server_model=row.name,
            timeout_s=float(model.server_timeout_s),
            context_tokens=model.server_context_tokens,
            offline_mode=self.settings.offline_mode,
        )

    def _start_loading(self, row: catalog.ModelRow, spec: BackendSpec) -> None:
        self.loading = row
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.status.emit(self.tr("Loading %1…").replace("%1", row.name), False)
        self.busy_changed.emit()
        self.controller.load_model(spec)

    def _on_loading(self, fraction: float, message: str) -> None:
        if self.loading is not None:
            # The loader's step messages are English engine text; the bar says enough.
            self.progress.setValue(int(fraction * 100))

    def _on_loaded(self, info: ModelInfo) -> None:
        if self.loading is None:
            return
        row, self.loading = self.loading, None
        if row.origin == catalog.SERVER:
            self.settings.model.backend = "openai"
            self.settings.model.server_model = row.name
        else:
            self.settings.model.backend = "local"
            self.settings.model.path = row.setting
        self.progress.setVisible(False)
        self.chosen.emit(
            self.tr("%1 is ready (%2, %3).")
            .replace("%1", info.name)
            .replace("%2", info.device)
            .replace("%3", info.dtype)
        )

    def _on_failed(self, message: str) -> None:
        if self.loading is None:
            return
        self.loading = None
        self.progress.setVisible(False)
        self.busy_changed.emit()
        self.status.emit(self.tr("Could not load the model: %1").replace("%1", message), True)
