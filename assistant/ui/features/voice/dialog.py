"""Style › Learn My Voice…: pick your texts, name the voice, train it, compare before and after.

The dialog reads the chosen files on the GUI thread only to count their words (plain
text, fast); the training runs on `TrainingController`'s thread. Afterwards it shows
the held-out perplexity before and after, and three continuations of one of the
writer's paragraphs by the base model and by the voice, side by side.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assistant.storage.voices import WriterTexts, read_writer_texts
from assistant.tasks.voice_corpus import MIN_WORDS, USEFUL_WORDS
from assistant.ui.features.voice.training import TrainingController


def _tr(text: str) -> str:
    return QCoreApplication.translate("LearnVoiceDialog", text)


# -- questions, as module functions so tests can answer them ----------------------------


def ask_files(parent: QWidget | None) -> list[str]:
    """Ask for text files; an empty list means cancelled."""
    files, _ = QFileDialog.getOpenFileNames(
        parent, _tr("Choose your texts"), "", _tr("Text files (*.txt *.md *.markdown)")
    )
    return list(files)


def ask_folder(parent: QWidget | None) -> str | None:
    """Ask for a folder of texts; None means cancelled."""
    return QFileDialog.getExistingDirectory(parent, _tr("Choose a folder of your texts")) or None


def confirm_stop(parent: QWidget | None) -> bool:
    """Stop a training when the dialog closes? True for yes."""
    answer = QMessageBox.question(
        parent,
        _tr("Stop learning?"),
        _tr("Your voice is still being learned. Stop now? Nothing will be kept."),
    )
    return answer == QMessageBox.StandardButton.Yes


def format_duration(seconds: float) -> str:
    """Seconds as the dialog shows them: "about 3 min", "under a minute"."""
    if seconds < 60:
        return _tr("under a minute")
    return _tr("about %1 min").replace("%1", str(round(seconds / 60)))


class LearnVoiceDialog(QDialog):
    """Choose texts and a name, learn the voice, and compare the base model with it."""

    #: A voice was trained and stored (its storage.voices.VoiceInfo).
    voice_trained = Signal(object)
    #: The writer asked to use the new voice everywhere (its id).
    use_requested = Signal(str)

    def __init__(
        self,
        base_model: str | None,
        base_name: str,
        training: TrainingController,
        parent: QWidget | None = None,
        refusal: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("LearnVoiceDialog")
        self.setWindowTitle(self.tr("Learn My Voice"))
        self.base_model = base_model
        self.training = training
        self.found = WriterTexts()
        self._paths: list[str] = []
        self._refusal = refusal
        self._trained_id = ""

        intro = QLabel(
            self.tr(
                "Choose texts you wrote yourself (.txt or .md; a folder is searched). The "
                "model learns your style on this computer; your texts and the voice never "
                "leave it. The model itself is not changed."
            )
        )
        intro.setWordWrap(True)
        self.file_list = QListWidget()
        self.file_list.setObjectName("voice_files")
        self.file_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.file_list.setMinimumHeight(70)
        self.file_list.setMaximumHeight(120)
        self.add_files_button = QPushButton(self.tr("Add Files…"))
        self.add_folder_button = QPushButton(self.tr("Add Folder…"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.add_files_button.clicked.connect(self.add_files)
        self.add_folder_button.clicked.connect(self.add_folder)
        self.remove_button.clicked.connect(self.remove_selected)
        file_buttons = QVBoxLayout()
        for button in (self.add_files_button, self.add_folder_button, self.remove_button):
            file_buttons.addWidget(button)
        file_buttons.addStretch(1)
        files_row = QHBoxLayout()
        files_row.addWidget(self.file_list, 1)
        files_row.addLayout(file_buttons)
        self.words_label = QLabel()
        self.words_label.setObjectName("voice_words")
        self.words_label.setWordWrap(True)

        self.name_edit = QLineEdit(self.tr("My voice"))
        self.name_edit.setObjectName("voice_name")
        self.name_edit.setMaxLength(60)
        self.name_edit.textChanged.connect(self._update)
        form = QFormLayout()
        form.addRow(self.tr("Name of the voice:"), self.name_edit)
        form.addRow(self.tr("Learns on:"), QLabel(base_name))

        self.start_button = QPushButton(self.tr("Start Learning"))
        self.start_button.setObjectName("voice_start")
        self.pause_button = QPushButton(self.tr("Pause"))
        self.cancel_button = QPushButton(self.tr("Stop"))
        self.close_button = QPushButton(self.tr("Close"))
        self.start_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.cancel_button.clicked.connect(self.training.cancel)
        self.close_button.clicked.connect(self.close)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.status = QLabel()
        self.status.setObjectName("voice_status")
        self.status.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.start_button)
        actions.addWidget(self.pause_button)
        actions.addWidget(self.cancel_button)
        actions.addStretch(1)
        actions.addWidget(self.close_button)

        self.results = QGroupBox(self.tr("Before and after"))
        self.results.setObjectName("voice_results")
        self.measure_label = QLabel()
        self.measure_label.setObjectName("voice_measure")
        self.measure_label.setWordWrap(True)
        self.prompt_label = QLabel()
        self.prompt_label.setWordWrap(True)
        self.samples = QTableWidget(0, 2)
        self.samples.setObjectName("voice_samples")
        self.samples.setHorizontalHeaderLabels(
            [self.tr("The model as it was"), self.tr("Your voice")]
        )
        self.samples.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.samples.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.samples.setWordWrap(True)
        self.samples.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.use_button = QPushButton(self.tr("Use This Voice Everywhere"))
        self.use_button.setObjectName("voice_use")
        self.use_button.clicked.connect(self._use)
        inner = QVBoxLayout(self.results)
        inner.addWidget(self.measure_label)
        inner.addWidget(self.prompt_label)
        inner.addWidget(self.samples, 1)
        inner.addWidget(self.use_button, 0, Qt.AlignmentFlag.AlignRight)
        self.results.setVisible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(files_row)
        layout.addWidget(self.words_label)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(actions)
        layout.addWidget(self.results, 1)

        training.progress.connect(self._on_progress)
        training.finished.connect(self._on_finished)
        training.failed.connect(self._on_failed)
        training.busy_changed.connect(lambda _busy: self._update())
        self.resize(760, 560)
        self._update()

    # -- the texts ---------------------------------------------------------------------

    def add_files(self) -> None:
        """Add text files chosen by the writer."""
        self.add_paths(ask_files(self))

    def add_folder(self) -> None:
        """Add a folder chosen by the writer (its .txt and .md files)."""
        folder = ask_folder(self)
        if folder:
            self.add_paths([folder])

    def add_paths(self, paths: list[str]) -> None:
        """Add files or folders to the texts to learn from."""
        for path in paths:
            if path and path not in self._paths:
                self._paths.append(path)
                self.file_list.addItem(path)
        self._read()

    def remove_selected(self) -> None:
        """Take the selected files out of the list."""
        for item in self.file_list.selectedItems():
            self._paths.remove(item.text())
            self.file_list.takeItem(self.file_list.row(item))
        self._read()

    def _read(self) -> None:
        self.found = read_writer_texts(self._paths)
        self._update()

    # -- training ----------------------------------------------------------------------

    def start(self) -> None:
        """Begin learning the voice in the background."""
        if not self._can_start():
            return
        texts = [text for _path, text in self.found.texts]
        if self.training.start(self.name_edit.text(), texts, self.base_model):
            self.results.setVisible(False)
            self.progress.setValue(0)
            self._show(self.tr("Starting…"))
        self._update()

    def toggle_pause(self) -> None:
        """Pause or resume the training."""
        if self.training.paused:
            self.training.resume()
        else:
            self.training.pause()
            self._show(self.tr("Paused. Resume when the computer is free."))
        self._update()

    def _on_progress(self, progress) -> None:  # engine.voice_training.TrainProgress
        self.progress.setValue(int(progress.fraction * 1000))
        texts = {
            "loading": self.tr("Loading the model…"),
            "measuring": self.tr("Measuring how well the model knows your writing…"),
            "sampling": self.tr("Writing sample continuations…"),
            "saving": self.tr("Saving the voice…"),
        }
        if progress.phase == "training":
            text = (
                self.tr("Learning your voice: step %1 of %2")
                .replace("%1", str(progress.step))
                .replace("%2", str(progress.steps))
            )
            if progress.eta_s is not None:
                left = self.tr("%1 left").replace("%1", format_duration(progress.eta_s))
                text += " — " + left
        else:
            text = texts.get(progress.phase, progress.message)
        if not self.training.paused:
            self._show(text)

    def _on_finished(self, result) -> None:  # engine.voice_training.TrainResult
        self.progress.setValue(1000)
        self._trained_id = result.voice.voice_id
        self._show(
            self.tr("Learned “%1” from %2 words in %3 min.")
            .replace("%1", result.voice.name)
            .replace("%2", f"{result.words:,}")
            .replace("%3", f"{result.train_s / 60:.1f}")
        )
        self.show_results(result.ppl_before, result.ppl_after, result.samples)
        self.voice_trained.emit(result.voice)
        self._update()

    def show_results(self, before: float, after: float, samples: dict) -> None:
        """The before/after measure and the side-by-side samples."""
        drop = 100 * (1 - after / before) if before else 0.0
        self.measure_label.setText(
            self.tr(
                "On paragraphs of yours that it did not learn from, the model's surprise "
                "(perplexity) went from %1 to %2: %3 % lower. Lower means it expects your "
                "words better."
            )
            .replace("%1", f"{before:.1f}")
            .replace("%2", f"{after:.1f}")
            .replace("%3", f"{drop:.0f}")
        )
        prompt = str(samples.get("prompt", ""))
        self.prompt_label.setText(self.tr("Both continue your words: “%1”").replace("%1", prompt))
        base, voice = list(samples.get("base", [])), list(samples.get("voice", []))
        self.samples.setRowCount(max(len(base), len(voice)))
        for row, pair in enumerate(zip(base, voice, strict=False)):
            for column, text in enumerate(pair):
                self.samples.setItem(row, column, QTableWidgetItem(text))
        self.samples.resizeRowsToContents()
        self.results.setVisible(bool(before))

    def _on_failed(self, message: str, cancelled: bool) -> None:
        self.progress.setValue(0)
        self._show(message, error=not cancelled)
        self._update()

    def _use(self) -> None:
        if self._trained_id:
            self.use_requested.emit(self._trained_id)
            self._show(self.tr("This voice is now used everywhere."))

    # -- state -------------------------------------------------------------------------

    def _can_start(self) -> bool:
        return (
            not self._refusal
            and not self.training.busy
            and self.found.words >= MIN_WORDS
            and bool(self.name_edit.text().strip())
        )

    def _update(self) -> None:
        busy = self.training.busy
        words = self.found.words
        files = len(self.found.texts)
        if files == 1:
            text = self.tr("%1 words in one file.").replace("%1", f"{words:,}")
        else:
            text = self.tr("%1 words in %2 files.")
            text = text.replace("%1", f"{words:,}").replace("%2", str(files))
        warn = False
        if self._refusal:
            text, warn = self._refusal, True
        elif not self._paths:
            text = self.tr("Add at least %1 words of your writing; %2 or more work better.")
            text = text.replace("%1", f"{MIN_WORDS:,}").replace("%2", f"{USEFUL_WORDS:,}")
        elif words < MIN_WORDS:
            text += " " + self.tr("A voice needs at least %1 words.").replace(
                "%1", f"{MIN_WORDS:,}"
            )
            warn = True
        elif words < USEFUL_WORDS:
            text += " " + self.tr(
                "That is not much to learn from; %1 words or more work better."
            ).replace("%1", f"{USEFUL_WORDS:,}")
            warn = True
        if self.found.problems:
            text += " " + self.tr("Skipped: %1").replace("%1", "; ".join(self.found.problems))
        self.words_label.setText(text)
        self.words_label.setProperty("warning", warn)
        self.words_label.setStyleSheet("color: #b35c00;" if warn else "")
        self.start_button.setEnabled(self._can_start())
        for widget in (self.add_files_button, self.add_folder_button, self.remove_button):
            widget.setEnabled(not busy)
        self.name_edit.setEnabled(not busy)
        self.pause_button.setEnabled(busy)
        self.pause_button.setText(self.tr("Resume") if self.training.paused else self.tr("Pause"))
        self.cancel_button.setEnabled(busy)
        self.progress.setVisible(busy or self.progress.value() > 0)
        self.use_button.setEnabled(bool(self._trained_id))

    def _show(self, text: str, error: bool = False) -> None:
        from assistant.ui.shell.theme import colors

        color = colors()["error_fg" if error else "text"].name()
        self.status.setStyleSheet(f"color: {color};")
        self.status.setText(text)

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        """Closing while learning asks first; stopping keeps nothing."""
        if self.training.busy:
            if not confirm_stop(self):
                event.ignore()
                return
            self.training.cancel()
        super().closeEvent(event)
