"""The Style menu: learn a voice, choose it everywhere or per document, use paragraphs as examples.

A voice is merged into the model's weights when it loads (engine/voice.py), so choosing
one reloads the model on the worker thread (a few seconds; the window stays usable).
The voice in use follows the current document: its own choice if it has one, else the
one chosen everywhere. A voice trained on another model is listed but cannot be chosen.

"Use My Paragraphs as Examples" needs no training: the paragraphs of the writer's
chosen texts most like the text at the cursor go into the Continue prompt
(tasks/examples.py), visible in "What the model sees".
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup

from assistant.engine.sources import DEFAULT_MODEL_NAME
from assistant.settings_file import save_settings
from assistant.storage.voices import VoiceInfo, VoiceStore, read_writer_texts, voice_fits
from assistant.tasks.examples import ParagraphIndex
from assistant.tasks.types import TaskSpec
from assistant.ui.features.voice.training import TrainingController

if TYPE_CHECKING:
    from assistant.engine.backend import ModelInfo
    from assistant.ui.documents.document_tab import DocumentTab
    from assistant.ui.features.voice.dialog import LearnVoiceDialog
    from assistant.ui.shell.workspace import Workspace

log = logging.getLogger(__name__)

#: A document's choice meaning "no voice here, whatever is chosen everywhere".
NO_VOICE = "none"


class VoiceFeature(QObject):
    """Style › Learn My Voice…, the voice menus, and the writer's example paragraphs."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.dialog_parent())
        self.ws = workspace
        self.training = TrainingController(self)
        self.dialog: LearnVoiceDialog | None = None
        self._examples: ParagraphIndex | None = None
        self._examples_key: tuple[str, ...] = ()
        self._refused: set[str] = set()
        registry = workspace.action_registry
        learn = registry.register("learn_voice", self.tr("&Learn My Voice…"), menu="style")
        learn.triggered.connect(lambda: self.open_dialog())
        self.examples_action = registry.register(
            "voice_examples",
            self.tr("Use My &Paragraphs as Examples"),
            menu="style",
            checkable=True,
            tooltip=self.tr("Put your most similar paragraphs into the prompt (no training)"),
        )
        self.examples_action.setChecked(workspace.settings.voice.examples)
        self.examples_action.toggled.connect(self._on_examples_toggled)
        choose = registry.register(
            "choose_examples", self.tr("Choose Example &Texts…"), menu="style"
        )
        choose.triggered.connect(self.choose_example_texts)
        self.everywhere_menu = registry.submenus["voices"]
        self.document_menu = registry.submenus["document_voice"]
        self.everywhere_menu.aboutToShow.connect(self.rebuild_menus)
        self.document_menu.aboutToShow.connect(self.rebuild_menus)
        workspace.generation.add_spec_filter(self.with_examples)
        generation = workspace.generation
        generation.model_loaded.connect(self._on_model_loaded)
        generation.model_failed.connect(self._on_model_failed)
        workspace.signals.current_document_changed.connect(lambda _tab: self.apply_voice())
        self.rebuild_menus()

    # -- voices --------------------------------------------------------------------------

    def voices(self) -> list[VoiceInfo]:
        """The voices on this computer (none while encrypted data is locked)."""
        try:
            return VoiceStore().list()
        except Exception as exc:  # a locked vault or an unreadable folder: show none
            log.info("voices not listed: %s", exc)
            return []

    def _model_setting(self) -> str | None:
        spec = self.ws.generation.spec
        return spec.model if spec.kind == "local" else None

    def document_choice(self, tab: DocumentTab | None) -> str:
        """The current document's own choice: a voice id, NO_VOICE, or "" (as everywhere)."""
        if tab is None or tab.path is None:
            return ""
        return self.ws.settings.voice.documents.get(str(tab.path), "")

    def wanted_voice(self) -> str:
        """The voice the current document should be written in ("" for none)."""
        choice = self.document_choice(self.ws.current_tab())
        if choice == NO_VOICE:
            return ""
        return choice or self.ws.settings.voice.current

    def apply_voice(self) -> None:
        """Reload the model with the wanted voice when it differs from the one loaded."""
        generation = self.ws.generation
        spec = generation.spec
        if spec.kind != "local" or generation.model_info is None:
            return  # a server, or no model yet: the first load brings the voice itself
        wanted = self.wanted_voice()
        if wanted:
            voice = next((v for v in self.voices() if v.voice_id == wanted), None)
            if voice is None or not voice_fits(voice, spec.model) or wanted in self._refused:
                wanted = ""
        if wanted != spec.voice:
            generation.load_model(replace(spec, voice=wanted))

    def choose_everywhere(self, voice_id: str) -> None:
        """Use `voice_id` ("" for none) in every document without a choice of its own."""
        self.ws.settings.voice.current = voice_id
        self._refused.discard(voice_id)
        self._save()
        self.apply_voice()

    def choose_for_document(self, choice: str) -> None:
        """This document's own voice: an id, NO_VOICE, or "" to follow the everywhere choice."""
        tab = self.ws.current_tab()
        if tab is None or tab.path is None:
            self.ws.notify(self.tr("Save the document first: its voice is kept with its file."))
            return
        documents = self.ws.settings.voice.documents
        if choice:
            documents[str(tab.path)] = choice
        else:
            documents.pop(str(tab.path), None)
        self._refused.discard(choice)
        self._save()
        self.apply_voice()

    def rebuild_menus(self) -> None:
        """List the voices in both submenus, the current choices checked."""
        voices = self.voices()
        model = self._model_setting()
        everywhere = self.ws.settings.voice.current
        self._fill(
            self.everywhere_menu,
            [("", self.tr("No Voice"))],
            voices,
            model,
            everywhere,
            self.choose_everywhere,
        )
        tab = self.ws.current_tab()
        self._fill(
            self.document_menu,
            [("", self.tr("Same as Everywhere")), (NO_VOICE, self.tr("No Voice"))],
            voices,
            model,
            self.document_choice(tab),
            self.choose_for_document,
        )
        self.document_menu.setEnabled(tab is not None)

    def _fill(self, menu, fixed, voices, model, checked, choose) -> None:  # noqa: ANN001
        menu.clear()
        group = QActionGroup(menu)
        group.setExclusive(True)
        entries: list[tuple[str, str, bool]] = [(value, text, True) for value, text in fixed]
        for voice in voices:
            fits = voice_fits(voice, model)
            text = (
                voice.name
                if fits
                else self.tr("%1 (for %2)").replace("%1", voice.name).replace("%2", voice.base_name)
            )
            entries.append((voice.voice_id, text, fits))
        for value, text, enabled in entries:
            action = QAction(text, menu)
            action.setCheckable(True)
            action.setChecked(value == checked)
            action.setEnabled(enabled)
            action.setData(value)
            action.triggered.connect(lambda _on=False, v=value: choose(v))
            group.addAction(action)
            menu.addAction(action)
        if not voices:
            menu.addSeparator()
            hint = QAction(self.tr("No voices yet: Style › Learn My Voice…"), menu)
            hint.setEnabled(False)
            menu.addAction(hint)

    def _on_model_loaded(self, info: ModelInfo) -> None:
        self.rebuild_menus()
        self.apply_voice()

    def _on_model_failed(self, message: str) -> None:
        spec = self.ws.generation.spec
        if spec.kind == "local" and spec.voice and spec.voice not in self._refused:
            # Keep writing with the model as it is; say why the voice is not used.
            self._refused.add(spec.voice)
            self.ws.notify(
                self.tr("Your voice could not be used: %1").replace("%1", message), error=True
            )
            self.ws.generation.load_model(replace(spec, voice=""))

    # -- learning a voice ------------------------------------------------------------------

    def open_dialog(self) -> LearnVoiceDialog:
        """Show Learn My Voice (one at a time) and return it."""
        from assistant.ui.features.voice.dialog import LearnVoiceDialog

        if self.dialog is None:
            spec = self.ws.generation.spec
            info = self.ws.generation.model_info
            refusal = ""
            if spec.kind != "local":
                refusal = self.tr(
                    "A voice is learned by a model on this computer. Choose one in "
                    "Assist › Models…, then come back."
                )
            if info is not None and not info.host:
                base_name = info.name
            elif spec.kind == "local" and spec.model is None:
                base_name = DEFAULT_MODEL_NAME  # still loading: the built-in model
            else:
                base_name = spec.describe()
            dialog = LearnVoiceDialog(
                spec.model, base_name, self.training, self.ws.dialog_parent(), refusal
            )
            dialog.voice_trained.connect(lambda _voice: self.rebuild_menus())
            dialog.use_requested.connect(self.choose_everywhere)
            dialog.finished.connect(lambda _r: self._forget_dialog())
            self.dialog = dialog
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def _forget_dialog(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()

    # -- example paragraphs ------------------------------------------------------------------

    def choose_example_texts(self) -> None:
        """Ask for the files whose paragraphs serve as examples."""
        from assistant.ui.features.voice.dialog import ask_files

        paths = ask_files(self.ws.dialog_parent())
        if not paths:
            return
        self.ws.settings.voice.example_paths = paths
        self._examples = None
        self._save()
        index = self.example_index()
        count = len(index) if index is not None else 0
        self.ws.show_status(
            self.tr("%1 paragraphs of yours to draw examples from.").replace("%1", str(count))
        )
        if count and not self.examples_action.isChecked():
            self.examples_action.setChecked(True)

    def example_index(self) -> ParagraphIndex | None:
        """The writer's paragraphs, read once per choice of texts (None when none chosen)."""
        paths = tuple(self.ws.settings.voice.example_paths)
        if not paths:
            return None
        if self._examples is None or self._examples_key != paths:
            found = read_writer_texts(list(paths))
            self._examples = ParagraphIndex(text for _path, text in found.texts)
            self._examples_key = paths
        return self._examples

    def with_examples(self, spec: TaskSpec, background: bool) -> TaskSpec:
        """Add the writer's paragraphs to a Continue request the writer asked for."""
        if spec.kind != "continue" or background or not self.examples_action.isChecked():
            return spec  # inline suggestions keep their short, cached prompt
        index = self.example_index()
        return replace(spec, examples=index) if index is not None and len(index) else spec

    def _on_examples_toggled(self, on: bool) -> None:
        self.ws.settings.voice.examples = on
        self._save()
        if on and not self.ws.settings.voice.example_paths:
            self.choose_example_texts()

    def _save(self) -> None:
        try:
            save_settings(self.ws.settings)
        except OSError as exc:
            self.ws.notify(self.tr("Settings not saved: %1").replace("%1", str(exc)), error=True)


def install(workspace: Workspace) -> VoiceFeature:
    """Add the Style menu's voice commands to the workspace."""
    return VoiceFeature(workspace)
