"""Settings › Model: the model-server part (address, API key, model, Test Connection).

Talking to the server (listing models, timing a short reply) happens on a plain
background thread; the answer comes back as a queued Qt signal, so the dialog
never waits on the network. The API key goes to the system keyring when the
settings are applied, never into the settings file.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from assistant.engine.backend import EngineError
from assistant.settings import Settings
from assistant.ui.shell.i18n import translated
from assistant.ui.shell.theme import colors


class BackgroundCall(QObject):
    """Runs one function on a daemon thread; its result or error arrives as a signal."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.running = False

    def start(self, work: Callable[[], Any]) -> None:
        """Call `work()` off the GUI thread (one call at a time)."""
        if self.running:
            return
        self.running = True

        def run() -> None:
            try:
                result = work()
            except EngineError as exc:
                self._done(self.failed, translated(exc))
            except Exception as exc:  # a bug must reach the writer as text, not vanish
                self._done(self.failed, f"{type(exc).__name__}: {exc}")
            else:
                self._done(self.finished, result)

        threading.Thread(target=run, name="settings-server-check", daemon=True).start()

    def _done(self, signal: Any, value: Any) -> None:
        self.running = False
        signal.emit(value)


class ServerBox(QGroupBox):
    """The fields of a model server, plus List Models and Test Connection."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Model server"), parent)
        #: Whether offline mode is on in the dialog (set by the dialog; default on).
        self.offline_mode: Callable[[], bool] = lambda: True
        self._stored_key = ""
        self.url = QLineEdit()
        self.url.setObjectName("server_url")
        self.url.setPlaceholderText("http://localhost:11434/v1")
        self.url.setClearButtonEnabled(True)
        self.api_key = QLineEdit()
        self.api_key.setObjectName("server_api_key")
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key.setPlaceholderText(self.tr("Optional; kept in the system keyring"))
        self.model = QComboBox()
        self.model.setObjectName("server_model")
        self.model.setEditable(True)
        self.model.setMinimumContentsLength(24)
        self.list_button = QPushButton(self.tr("List Models"))
        self.list_button.setObjectName("server_list_models")
        model_row = QHBoxLayout()
        model_row.addWidget(self.model, 1)
        model_row.addWidget(self.list_button)
        self.context = QSpinBox()
        self.context.setObjectName("server_context")
        self.context.setRange(0, 10_000_000)
        self.context.setSingleStep(1024)
        self.context.setSpecialValueText(self.tr("Ask the server"))
        self.context.setSuffix(self.tr(" tokens"))
        self.test_button = QPushButton(self.tr("Test Connection"))
        self.test_button.setObjectName("server_test")
        self.result = QLabel()
        self.result.setObjectName("server_result")
        self.result.setWordWrap(True)
        self.remote_note = QLabel(
            self.tr(
                "This server is on another computer: your text is sent to it. It can be "
                "used only with offline mode off (Settings › Privacy)."
            )
        )
        self.remote_note.setObjectName("server_remote_note")
        self.remote_note.setWordWrap(True)
        self.remote_note.setVisible(False)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.result, 1)
        form = QFormLayout(self)
        form.addRow(self.tr("Address:"), self.url)
        form.addRow("", self.remote_note)
        form.addRow(self.tr("API key:"), self.api_key)
        form.addRow(self.tr("Model:"), model_row)
        form.addRow(self.tr("Context:"), self.context)
        form.addRow("", test_row)

        self.listing = BackgroundCall(self)
        self.listing.finished.connect(self._on_models)
        self.listing.failed.connect(self._on_failed)
        self.testing = BackgroundCall(self)
        self.testing.finished.connect(self._on_tested)
        self.testing.failed.connect(self._on_failed)
        self.list_button.clicked.connect(self.list_models)
        self.test_button.clicked.connect(self.test_connection)
        self.url.textChanged.connect(self._on_url)
        for signal in (
            self.url.textChanged,
            self.api_key.textChanged,
            self.model.currentTextChanged,
            self.context.valueChanged,
        ):
            signal.connect(self.changed)

    # -- settings ------------------------------------------------------------------------

    def load(self, settings: Settings) -> None:
        """Show the server settings (and the key the keyring holds for that address)."""
        from assistant.engine.secrets import get_api_key

        model = settings.model
        self.url.setText(model.server_url)
        self._stored_key = get_api_key(model.server_url) if model.server_url else ""
        self.api_key.setText(self._stored_key)
        self.model.clear()
        if model.server_model:
            self.model.addItem(model.server_model)
        self.model.setEditText(model.server_model)
        self.context.setValue(model.server_context_tokens)
        self.result.clear()

    def store(self, settings: Settings) -> None:
        """Write the fields into `settings` (the address normalised, the key elsewhere)."""
        settings.model.server_url = self.base_url() or ""
        settings.model.server_model = self.model.currentText().strip()
        settings.model.server_context_tokens = self.context.value()

    def key_changed(self) -> bool:
        """The API key differs from the one stored for this address."""
        from assistant.engine.secrets import get_api_key

        url = self.base_url()
        return bool(url) and self.api_key.text().strip() != get_api_key(url)

    def save_key(self) -> str | None:
        """Put the API key into the keyring; the reason when that was impossible."""
        from assistant.engine.secrets import set_api_key

        url = self.base_url()
        if not url or not self.key_changed():
            return None
        try:
            set_api_key(url, self.api_key.text().strip())
        except EngineError as exc:
            return translated(exc)
        return None

    def base_url(self) -> str | None:
        """The API root the address means ("" when empty, None when it is not an address)."""
        from assistant.engine.remote.hosts import normalize_base_url

        text = self.url.text().strip()
        if not text:
            return ""
        try:
            return normalize_base_url(text)
        except EngineError:
            return None

    def errors(self, required: bool) -> list[str]:
        """Problems that keep OK disabled (`required`: the server is the chosen model)."""
        url = self.base_url()
        if url is None:
            return [self.tr("The server address should look like http://localhost:8080/v1.")]
        if required and not url:
            return [self.tr("Enter the model server's address, or choose a local model.")]
        return []

    # -- talking to the server ---------------------------------------------------------------

    def list_models(self) -> None:
        """Fill the model list from the server's /v1/models (in the background)."""
        from assistant.engine.remote.server_models import list_models

        url, key, offline = self.base_url(), self.api_key.text().strip(), self.offline_mode()
        if not url:
            self._show(self.tr("Enter the server's address first."), error=True)
            return
        self._show(self.tr("Asking the server for its models…"))
        self.listing.start(lambda: list_models(url, key, 10.0, offline))

    def test_connection(self) -> None:
        """Connect, list the models and time a short reply; report latency, TTFT, tokens/s."""
        from assistant.engine.remote.probe import probe_server

        url, key, offline = self.base_url(), self.api_key.text().strip(), self.offline_mode()
        model = self.model.currentText().strip()
        if not url:
            self._show(self.tr("Enter the server's address first."), error=True)
            return
        self._show(self.tr("Testing the connection…"))
        self.test_button.setEnabled(False)
        self.testing.start(lambda: probe_server(url, model, key, 30.0, offline))

    def _on_models(self, models: list[Any]) -> None:
        current = self.model.currentText().strip()
        self.model.clear()
        for entry in models:
            self.model.addItem(entry.id)
        if current and self.model.findText(current) >= 0:
            self.model.setCurrentText(current)
        elif models:
            self.model.setCurrentIndex(0)
        self._show(self.tr("%n model(s) on the server.", "", len(models)))

    def _on_tested(self, probe: Any) -> None:
        self.test_button.setEnabled(True)
        if not self.model.currentText().strip():
            self.model.setEditText(probe.model)
        self._show(
            self.tr("Connected to %1: latency %2 ms, first words after %3 s, %4 tokens/s.")
            .replace("%1", probe.model)
            .replace("%2", f"{probe.latency_s * 1000:.0f}")
            .replace("%3", f"{probe.ttft_s:.2f}")
            .replace("%4", f"{probe.tokens_per_s:.1f}")
        )

    def _on_failed(self, message: str) -> None:
        # A bound method, not a lambda: Qt then runs it on the GUI thread (queued).
        self._show(message, error=True)

    def _on_url(self) -> None:
        from assistant.engine.remote.hosts import is_loopback

        url = self.base_url()
        self.remote_note.setVisible(bool(url) and not is_loopback(url))

    def _show(self, text: str, error: bool = False) -> None:
        if error:
            self.test_button.setEnabled(True)
        color = colors()["error_fg" if error else "text"].name()
        self.result.setStyleSheet(f"color: {color};")
        self.result.setText(text)
