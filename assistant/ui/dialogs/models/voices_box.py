"""The Model manager's list of personal voices: base model, size, words, date; use, rename, remove.

A voice belongs to the model it was trained on; here it can be chosen for every
document (the Style menu also chooses one per document). Reading the list is plain
file work (storage/voices.py), so it runs on the GUI thread; using a voice reloads
the model on the generation worker.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assistant.engine import catalog
from assistant.settings import Settings
from assistant.settings_file import save_settings
from assistant.storage.voices import VoiceError, VoiceInfo, VoiceStore, voice_fits
from assistant.ui.dialogs.models import questions
from assistant.ui.generation.controller import GenerationController


def _tr(text: str) -> str:
    return QCoreApplication.translate("VoicesBox", text)


def ask_new_name(parent: QWidget | None, current: str) -> str | None:
    """Ask for a voice's new name; None means cancelled."""
    text, ok = QInputDialog.getText(
        parent, _tr("Rename voice"), _tr("New name:"), QLineEdit.EchoMode.Normal, current
    )
    return text if ok else None


class VoicesBox(QGroupBox):
    """Lists the voices on this computer and manages them."""

    #: Something about the voices changed (the Style menu lists them too).
    changed = Signal()

    def __init__(
        self, settings: Settings, controller: GenerationController, parent: QWidget | None = None
    ) -> None:
        super().__init__(_tr("Your voices"), parent)
        self.setObjectName("voices_box")
        self.settings = settings
        self.controller = controller
        self._voices: list[VoiceInfo] = []
        self.tree = QTreeWidget()
        self.tree.setObjectName("voice_list")
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHeaderLabels(
            [
                _tr("Voice"),
                _tr("Base model"),
                _tr("Size"),
                _tr("Words"),
                _tr("Learned on"),
                _tr("Perplexity before → after"),
            ]
        )
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setStretchLastSection(False)
        self.tree.setMinimumHeight(80)
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.use_button = QPushButton(_tr("Use Everywhere"))
        self.none_button = QPushButton(_tr("No Voice"))
        self.rename_button = QPushButton(_tr("Rename…"))
        self.remove_button = QPushButton(_tr("Remove"))
        self.use_button.clicked.connect(self.use_selected)
        self.none_button.clicked.connect(lambda: self.use_voice(""))
        self.rename_button.clicked.connect(self.rename_selected)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QVBoxLayout()
        for button in (self.use_button, self.none_button, self.rename_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.status = QLabel()
        self.status.setObjectName("voice_status")
        self.status.setWordWrap(True)
        # Shown only once a voice exists: an empty table would take the room the
        # models and downloads need (the dialog must fit a 1.5x or 2x screen).
        self.list_area = QWidget()
        row = QHBoxLayout(self.list_area)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.tree, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list_area)
        layout.addWidget(self.status)
        self.refresh()

    def refresh(self) -> None:
        """Read the voices again."""
        try:
            self._voices = VoiceStore().list()
        except Exception as exc:  # a locked vault: say so instead of an empty list
            self._voices = []
            self.status.setText(_tr("Voices cannot be listed: %1").replace("%1", str(exc)))
        current = self.settings.voice.current
        self.tree.clear()
        for voice in self._voices:
            drop = voice.improvement * 100
            measure = (
                f"{voice.ppl_before:.1f} → {voice.ppl_after:.1f} (−{drop:.0f} %)"
                if voice.ppl_before
                else "–"
            )
            item = QTreeWidgetItem(
                [
                    voice.name,
                    voice.base_name,
                    catalog.format_bytes(voice.size_bytes),
                    f"{voice.words:,}",
                    voice.created.astimezone().strftime("%Y-%m-%d"),
                    measure,
                ]
            )
            if voice.voice_id == current:
                font = QFont(item.font(0))
                font.setBold(True)
                for col in range(self.tree.columnCount()):
                    item.setFont(col, font)
                item.setText(0, _tr("%1 (everywhere)").replace("%1", voice.name))
            self.tree.addTopLevelItem(item)
        for col in range(1, self.tree.columnCount()):
            self.tree.resizeColumnToContents(col)
        self.list_area.setVisible(bool(self._voices))
        if not self._voices:
            self.status.setText(
                _tr("No voices yet. Style › Learn My Voice… teaches the model your style.")
            )
        self._update_buttons()

    def selected(self) -> VoiceInfo | None:
        """The voice the writer selected."""
        items = self.tree.selectedItems()
        if not items:
            return None
        index = self.tree.indexOfTopLevelItem(items[0])
        return self._voices[index] if 0 <= index < len(self._voices) else None

    def select(self, voice_id: str) -> bool:
        """Select the row of `voice_id`; False if it is not listed."""
        for i, voice in enumerate(self._voices):
            if voice.voice_id == voice_id:
                self.tree.setCurrentItem(self.tree.topLevelItem(i))
                return True
        return False

    def _update_buttons(self) -> None:
        voice = self.selected()
        for button in (self.use_button, self.rename_button, self.remove_button):
            button.setEnabled(voice is not None)
        self.none_button.setEnabled(bool(self.settings.voice.current))

    def use_selected(self) -> None:
        """Use the selected voice in every document without a voice of its own."""
        voice = self.selected()
        if voice is not None:
            self.use_voice(voice.voice_id)

    def use_voice(self, voice_id: str) -> None:
        """Choose `voice_id` ("" for none) everywhere and load it if it fits the model."""
        spec = self.controller.spec
        voice = next((v for v in self._voices if v.voice_id == voice_id), None)
        if voice is not None and (spec.kind != "local" or not voice_fits(voice, spec.model)):
            self._show(
                _tr("“%1” was learned on %2; choose that model first.")
                .replace("%1", voice.name)
                .replace("%2", voice.base_name)
            )
            return
        self.settings.voice.current = voice_id
        self._save()
        if spec.kind == "local" and spec.voice != voice_id:
            self.controller.load_model(replace(spec, voice=voice_id))
        self._show(
            _tr("“%1” is used everywhere; it is loading.").replace("%1", voice.name)
            if voice is not None
            else _tr("No voice is used.")
        )
        self.refresh()
        self.changed.emit()

    def rename_selected(self) -> None:
        """Give the selected voice another name."""
        voice = self.selected()
        if voice is None:
            return
        name = ask_new_name(self, voice.name)
        if name is None:
            return
        try:
            renamed = VoiceStore().rename(voice.voice_id, name)
        except (ValueError, VoiceError, OSError) as exc:
            self._show(str(exc))
            return
        self.refresh()
        self.select(renamed.voice_id)
        self._show(_tr("Renamed to “%1”.").replace("%1", renamed.name))
        self.changed.emit()

    def remove_selected(self) -> None:
        """Delete the selected voice for good (after asking)."""
        from assistant.engine.voice import remove_voice

        voice = self.selected()
        if voice is None or not questions.confirm(
            self,
            _tr("Remove voice"),
            _tr("Delete the voice “%1”? Your texts are not touched.").replace("%1", voice.name),
        ):
            return
        try:
            remove_voice(voice.voice_id)
        except OSError as exc:
            self._show(str(exc))
            return
        choices = self.settings.voice
        if choices.current == voice.voice_id:
            choices.current = ""
        choices.documents = {k: v for k, v in choices.documents.items() if v != voice.voice_id}
        self._save()
        spec = self.controller.spec
        if spec.kind == "local" and spec.voice == voice.voice_id:
            self.controller.load_model(replace(spec, voice=""))
        self.refresh()
        self._show(_tr("Removed “%1”.").replace("%1", voice.name))
        self.changed.emit()

    def _show(self, text: str) -> None:
        self.status.setText(text)

    def _save(self) -> None:
        try:
            save_settings(self.settings)
        except OSError as exc:
            self._show(_tr("Settings not saved: %1").replace("%1", str(exc)))
