"""The Model manager's download section: recommended models, repo id, mirror, progress.

Nothing is fetched until the writer presses Download; with offline mode on, the
writer is asked to lift it first.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assistant.engine import catalog, hub
from assistant.settings import Settings, validate_field
from assistant.settings_file import save_settings
from assistant.ui.dialogs.models.download_worker import DownloadController
from assistant.ui.shell.i18n import translated


class DownloadBox(QGroupBox):
    """Download a model from the Hugging Face Hub (or a mirror) on explicit request."""

    #: A download finished and passed its checksums: the folder or .gguf file.
    downloaded = Signal(object)

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Download from Hugging Face"))
        self.settings = settings
        self.downloads = DownloadController(self)

        self.recommended = QTreeWidget()
        self.recommended.setObjectName("recommended_models")
        self.recommended.setRootIsDecorated(False)
        self.recommended.setHeaderLabels(
            [
                self.tr("Recommended"),
                self.tr("Parameters"),
                self.tr("Download"),
                self.tr("Licence"),
                self.tr("Languages"),
                self.tr("Fits in memory"),
            ]
        )
        self.recommended.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.recommended.header().setStretchLastSection(False)
        # Every recommended model visible without scrolling: header plus one line each.
        rows = len(hub.RECOMMENDED) + 1
        self.recommended.setMinimumHeight(rows * (self.fontMetrics().height() + 8) + 8)
        for model in hub.RECOMMENDED:
            fits, need = catalog.recommended_fit(model)
            fit_text = (
                self.tr("Yes")
                if fits
                else self.tr("No (needs %1)").replace("%1", catalog.format_bytes(need))
            )
            item = QTreeWidgetItem(
                [
                    model.repo_id,
                    model.params,
                    catalog.format_bytes(model.download_bytes),
                    model.licence,
                    model.languages,
                    fit_text,
                ]
            )
            if model.note:
                item.setToolTip(0, translated(model.note))
            self.recommended.addTopLevelItem(item)
        for col in range(1, self.recommended.columnCount()):
            self.recommended.resizeColumnToContents(col)
        self.recommended.itemSelectionChanged.connect(self._on_recommended)

        self.repo_edit = QLineEdit()
        self.repo_edit.setObjectName("repo_id")
        self.repo_edit.setPlaceholderText("Qwen/Qwen2.5-0.5B-Instruct")
        self.file_edit = QLineEdit()
        self.file_edit.setObjectName("gguf_file")
        self.file_edit.setPlaceholderText(self.tr("optional: one .gguf file of the repository"))
        self.endpoint_edit = QLineEdit(settings.model.hf_endpoint)
        self.endpoint_edit.setObjectName("hf_endpoint")
        self.endpoint_edit.setPlaceholderText("https://huggingface.co")
        self.endpoint_edit.setToolTip(
            self.tr("A mirror of the Hub, e.g. https://hf-mirror.com; empty uses huggingface.co.")
        )
        self.download_button = QPushButton(self.tr("Download"))
        self.cancel_button = QPushButton(self.tr("Cancel Download"))
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("download_status")
        self.status.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.tr("Repository:"), self.repo_edit)
        form.addRow(self.tr("GGUF file:"), self.file_edit)
        form.addRow(self.tr("Mirror:"), self.endpoint_edit)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addStretch(0)  # keeps the buttons their natural size while the bar is hidden
        row.addWidget(self.download_button)
        row.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.recommended, 1)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.status)

        self.download_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.downloads.cancel)
        self.repo_edit.returnPressed.connect(self.start)
        d = self.downloads
        d.progress.connect(self._on_progress)
        d.finished.connect(self._on_finished)
        d.failed.connect(self._on_failed)
        d.busy_changed.connect(self._on_busy)

    def start(self) -> bool:
        """Start the download the writer asked for; False if it could not start."""
        from assistant.ui.dialogs.models import questions  # patchable in tests

        repo_id = self.repo_edit.text().strip()
        endpoint = self.endpoint_edit.text().strip().rstrip("/")
        if repo_id.count("/") != 1 or " " in repo_id:
            self._status(self.tr("Enter a repository id such as Qwen/Qwen2.5-0.5B-Instruct."), True)
            return False
        problem = validate_field("model.hf_endpoint", endpoint)
        if problem:
            self._status(self.tr("The mirror address must start with http:// or https://."), True)
            return False
        if self.settings.offline_mode:
            lift = questions.confirm(
                self,
                self.tr("Offline mode is on"),
                self.tr(
                    "Offline mode keeps this app from connecting to the internet. Turn it off "
                    "and download %1 from %2?"
                )
                .replace("%1", repo_id)
                .replace("%2", endpoint or "huggingface.co"),
            )
            if not lift:
                self._status(self.tr("Not downloaded: offline mode is on."), True)
                return False
            self.settings.offline_mode = False
        self.settings.model.hf_endpoint = endpoint
        try:
            save_settings(self.settings)
        except OSError:
            pass  # the download itself does not depend on the settings file
        self._status(self.tr("Connecting to %1…").replace("%1", endpoint or "huggingface.co"))
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        return self.downloads.start(repo_id, self.file_edit.text().strip(), endpoint)

    def shutdown(self) -> None:
        """Cancel a running download and stop its thread (partial files are kept)."""
        self.downloads.shutdown()

    def _on_recommended(self) -> None:
        items = self.recommended.selectedItems()
        if items:
            self.repo_edit.setText(items[0].text(0))
            self.file_edit.clear()

    def _on_busy(self, busy: bool) -> None:
        self.download_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.repo_edit.setEnabled(not busy)
        self.file_edit.setEnabled(not busy)

    def _on_progress(self, done: int, total: int, name: str) -> None:
        if total > 0:
            # Scaled to kB: QProgressBar holds a 32-bit int, model files exceed 2 GB.
            self.progress.setRange(0, max(1, total // 1000))
            self.progress.setValue(min(done, total) // 1000)
        self._status(
            self.tr("Downloading %1: %2 of %3")
            .replace("%1", name)
            .replace("%2", catalog.format_bytes(done))
            .replace("%3", catalog.format_bytes(total))
        )

    def _on_finished(self, repo_id: str, path: Path) -> None:
        self.progress.setVisible(False)
        self._status(self.tr("%1 downloaded and verified.").replace("%1", repo_id))
        self.downloaded.emit(path)

    def _on_failed(self, repo_id: str, message: str, cancelled: bool) -> None:
        self.progress.setVisible(False)
        if cancelled:
            self._status(
                self.tr("Download of %1 cancelled. Start it again to resume.").replace(
                    "%1", repo_id
                )
            )
        else:
            self._status(message, error=True)

    def _status(self, text: str, error: bool = False) -> None:
        from assistant.ui.shell.theme import colors

        color = colors()["error_fg" if error else "text"].name()
        self.status.setStyleSheet(f"color: {color};")
        self.status.setText(text)
