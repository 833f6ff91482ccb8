"""Settings pages: General, Editor, Model & device, Generation presets."""

from __future__ import annotations

import copy

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFontComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from assistant.settings import DEFAULT_PRESETS, PRESET_NAMES, Settings
from assistant.settings_rules import rule_for
from assistant.ui.dialogs.settings.server_section import ServerBox
from assistant.ui.dialogs.settings.settings_fields import SettingsPage, ValidatedField


def _spin(key: str) -> QSpinBox:
    rule = rule_for(key)
    spin = QSpinBox()
    spin.setObjectName(f"field_{key}")
    if rule is not None:
        spin.setRange(int(rule.lo or 0), int(rule.hi or 10**6))
    return spin


def _reset_row(page: SettingsPage, layout: QVBoxLayout) -> None:
    """Every page ends with its own "Reset to Defaults" button."""
    button = QPushButton(page.tr("Reset to Defaults"))
    button.setObjectName("reset_page")
    button.clicked.connect(page.reset)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(button)
    layout.addStretch(1)
    layout.addLayout(row)


class GeneralPage(SettingsPage):
    """Theme, language and autosave."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme = QComboBox()
        self.theme.setObjectName("theme")
        for value, text in (
            ("system", self.tr("Follow the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            self.theme.addItem(text, value)
        self.language = QComboBox()
        self.language.setObjectName("language")
        # Language names are shown in their own language, as every app does.
        self.language.addItem(self.tr("Follow the system"), "system")
        self.language.addItem("English", "en")
        self.language.addItem("简体中文", "zh_CN")
        restart = QLabel(self.tr("A new language takes effect after a restart."))
        restart.setObjectName("language_note")
        restart.setWordWrap(True)
        self.autosave = ValidatedField("autosave_interval_s", "int")
        form = QFormLayout()
        form.addRow(self.tr("Theme:"), self.theme)
        form.addRow(self.tr("Language:"), self.language)
        form.addRow("", restart)
        form.addRow(self.tr("Save a recovery copy every (seconds):"), self.autosave)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        _reset_row(self, layout)
        self.theme.currentIndexChanged.connect(self.changed)
        self.language.currentIndexChanged.connect(self.changed)
        self.autosave.edited.connect(self.changed)

    def title(self) -> str:
        return self.tr("General")

    def load(self, settings: Settings) -> None:
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.autosave.set_value(settings.autosave_interval_s)

    def store(self, settings: Settings) -> None:
        settings.theme = self.theme.currentData()
        settings.language = self.language.currentData()
        settings.autosave_interval_s = self.autosave.value()

    def errors(self) -> list[str]:
        return [e for e in [self.autosave.error()] if e]


class EditorPage(SettingsPage):
    """Font, wrapping, reading width and inline suggestions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.default_font = QCheckBox(self.tr("Use the system font"))
        self.default_font.setObjectName("default_font")
        self.font_family = QFontComboBox()
        self.font_family.setObjectName("font_family")
        self.font_size = _spin("editor.font_size")
        self.wrap = QCheckBox(self.tr("Wrap long lines"))
        self.wrap.setObjectName("wrap")
        self.width = _spin("editor.width_chars")
        self.width.setRange(0, 400)
        self.width.setSpecialValueText(self.tr("Full window width"))
        self.width.setSuffix(self.tr(" characters"))
        self.ghost = QCheckBox(self.tr("Suggest the next words while I type"))
        self.ghost.setObjectName("ghost_enabled")
        self.ghost_delay = _spin("ghost.delay_ms")
        self.ghost_delay.setSuffix(self.tr(" ms"))
        form = QFormLayout()
        form.addRow("", self.default_font)
        form.addRow(self.tr("Font:"), self.font_family)
        form.addRow(self.tr("Size:"), self.font_size)
        form.addRow("", self.wrap)
        form.addRow(self.tr("Reading width:"), self.width)
        form.addRow("", self.ghost)
        form.addRow(self.tr("Suggestion delay:"), self.ghost_delay)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        _reset_row(self, layout)
        self.default_font.toggled.connect(lambda on: self.font_family.setEnabled(not on))
        for signal in (
            self.default_font.toggled,
            self.font_family.currentFontChanged,
            self.font_size.valueChanged,
            self.wrap.toggled,
            self.width.valueChanged,
            self.ghost.toggled,
            self.ghost_delay.valueChanged,
        ):
            signal.connect(self.changed)

    def title(self) -> str:
        return self.tr("Editor")

    def load(self, settings: Settings) -> None:
        ed = settings.editor
        self.default_font.setChecked(not ed.font_family)
        self.font_family.setEnabled(bool(ed.font_family))
        if ed.font_family:
            self.font_family.setCurrentFont(QFont(ed.font_family))
        self.font_size.setValue(ed.font_size)
        self.wrap.setChecked(ed.wrap)
        self.width.setValue(ed.width_chars if ed.width_chars >= 20 else 0)
        self.ghost.setChecked(settings.ghost.enabled)
        self.ghost_delay.setValue(settings.ghost.delay_ms)

    def store(self, settings: Settings) -> None:
        ed = settings.editor
        ed.font_family = (
            "" if self.default_font.isChecked() else self.font_family.currentFont().family()
        )
        ed.font_size = self.font_size.value()
        ed.wrap = self.wrap.isChecked()
        width = self.width.value()
        ed.width_chars = width if width >= 20 else 0  # below 20 the spin box means "full width"
        settings.ghost.enabled = self.ghost.isChecked()
        settings.ghost.delay_ms = self.ghost_delay.value()


class ModelPage(SettingsPage):
    """Which model: on this computer (path, device) or on a model server; the download mirror."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.use_local = QRadioButton(self.tr("A model on this computer"))
        self.use_local.setObjectName("use_local_model")
        self.use_server = QRadioButton(self.tr("A model on a model server (Ollama, LM Studio, …)"))
        self.use_server.setObjectName("use_server_model")
        self.use_local.setChecked(True)
        self.path = QLineEdit()
        self.path.setObjectName("model_path")
        self.path.setPlaceholderText(self.tr("Built-in model (SmolLM2-135M-Instruct)"))
        self.path.setClearButtonEnabled(True)
        folder = QPushButton(self.tr("Folder…"))
        gguf = QPushButton(self.tr("GGUF File…"))
        folder.clicked.connect(self._choose_folder)
        gguf.clicked.connect(self._choose_gguf)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(folder)
        row.addWidget(gguf)
        self.device = QComboBox()
        self.device.setObjectName("device")
        for value, text in (
            ("auto", self.tr("Automatic (GPU if available)")),
            ("cpu", self.tr("CPU")),
            ("cuda", self.tr("NVIDIA GPU (CUDA)")),
            ("mps", self.tr("Apple GPU (Metal)")),
        ):
            self.device.addItem(text, value)
        self.local_box = QGroupBox(self.tr("Model on this computer"))
        local_form = QFormLayout(self.local_box)
        local_form.addRow(self.tr("Model:"), row)
        local_form.addRow(self.tr("Device:"), self.device)
        self.server = ServerBox()
        self.endpoint = ValidatedField("model.hf_endpoint", "text", "https://huggingface.co")
        note = QLabel(
            self.tr(
                "Leave the model empty to use the built-in one. The model loads again when "
                "you press OK. A mirror (e.g. https://hf-mirror.com) is used only for "
                "downloads you start in the Model manager."
            )
        )
        note.setWordWrap(True)
        choice = QHBoxLayout()
        choice.addWidget(self.use_local)
        choice.addWidget(self.use_server)
        choice.addStretch(1)
        mirror = QFormLayout()
        mirror.addRow(self.tr("Download mirror:"), self.endpoint)
        layout = QVBoxLayout(self)
        layout.addLayout(choice)
        layout.addWidget(self.local_box)
        layout.addWidget(self.server)
        layout.addLayout(mirror)
        layout.addWidget(note)
        _reset_row(self, layout)
        self.use_server.toggled.connect(self._show_choice)
        self.use_server.toggled.connect(self.changed)
        self.path.textChanged.connect(self.changed)
        self.device.currentIndexChanged.connect(self.changed)
        self.endpoint.edited.connect(self.changed)
        self.server.changed.connect(self.changed)
        self._show_choice()

    def title(self) -> str:
        return self.tr("Model & Device")

    def load(self, settings: Settings) -> None:
        self.use_server.setChecked(settings.model.backend == "openai")
        self.use_local.setChecked(settings.model.backend != "openai")
        self.path.setText(settings.model.path or "")
        self.device.setCurrentIndex(max(0, self.device.findData(settings.model.device)))
        self.server.load(settings)
        self.endpoint.set_value(settings.model.hf_endpoint)
        self._show_choice()

    def store(self, settings: Settings) -> None:
        settings.model.backend = "openai" if self.use_server.isChecked() else "local"
        settings.model.path = self.path.text().strip() or None
        settings.model.device = self.device.currentData()
        self.server.store(settings)
        settings.model.hf_endpoint = self.endpoint.value().rstrip("/")

    def errors(self) -> list[str]:
        problems = [e for e in [self.endpoint.error()] if e]
        return problems + self.server.errors(required=self.use_server.isChecked())

    def _show_choice(self) -> None:
        server = self.use_server.isChecked()
        self.local_box.setEnabled(not server)
        self.server.setEnabled(server)

    def _choose_folder(self) -> None:
        from assistant.ui.dialogs.models import questions  # patchable in tests

        value = questions.ask_model_folder(self)
        if value:
            self.path.setText(value)

    def _choose_gguf(self) -> None:
        from assistant.ui.dialogs.models import questions  # patchable in tests

        value = questions.ask_gguf_file(self)
        if value:
            self.path.setText(value)


_PRESET_FIELDS = (
    ("temperature", "float"),
    ("top_p", "float"),
    ("top_k", "int"),
    ("repetition_penalty", "float"),
    ("max_new_tokens", "int"),
    ("seed", "opt_int"),
)


class GenerationPage(SettingsPage):
    """Decoding presets per task, in one grid, plus the default chat persona."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        task_names = {
            "continue": self.tr("Continue"),
            "rewrite": self.tr("Rewrite"),
            "summarize": self.tr("Summarize"),
            "chat": self.tr("Chat"),
            "ghost": self.tr("Inline suggestions"),
        }
        field_names = {
            "temperature": self.tr("Temperature"),
            "top_p": self.tr("Top-p"),
            "top_k": self.tr("Top-k"),
            "repetition_penalty": self.tr("Repetition penalty"),
            "max_new_tokens": self.tr("Max new tokens"),
            "seed": self.tr("Seed"),
        }
        grid = QGridLayout()
        self.fields: dict[tuple[str, str], ValidatedField] = {}
        for col, task in enumerate(PRESET_NAMES, start=1):
            grid.addWidget(QLabel(f"<b>{task_names[task]}</b>"), 0, col)
        for row, (name, kind) in enumerate(_PRESET_FIELDS, start=1):
            grid.addWidget(QLabel(field_names[name]), row, 0)
            for col, task in enumerate(PRESET_NAMES, start=1):
                placeholder = self.tr("random") if name == "seed" else ""
                field = ValidatedField(f"presets.{task}.{name}", kind, placeholder)
                field.edited.connect(self.changed)
                self.fields[(task, name)] = field
                grid.addWidget(field, row, col)
        hint = QLabel(
            self.tr(
                "Lower temperature keeps the text closer to what you wrote; higher gives more "
                "surprising words. A fixed seed repeats the same result for the same text."
            )
        )
        hint.setWordWrap(True)
        self.persona = QPlainTextEdit()
        self.persona.setObjectName("chat_persona")
        self.persona.setMaximumHeight(70)
        self.persona.textChanged.connect(self.changed)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(hint)
        layout.addWidget(QLabel(self.tr("Default chat persona:")))
        layout.addWidget(self.persona)
        _reset_row(self, layout)

    def title(self) -> str:
        return self.tr("Generation Presets")

    def load(self, settings: Settings) -> None:
        for (task, name), field in self.fields.items():
            field.set_value(getattr(settings.preset(task), name))
        self.persona.setPlainText(settings.chat_persona)

    def store(self, settings: Settings) -> None:
        for task in PRESET_NAMES:
            preset = copy.deepcopy(settings.preset(task))
            for name, _kind in _PRESET_FIELDS:
                setattr(preset, name, self.fields[(task, name)].value())
            settings.presets[task] = preset
        settings.chat_persona = self.persona.toPlainText().strip() or Settings().chat_persona

    def errors(self) -> list[str]:
        return [e for f in self.fields.values() if (e := f.error())]

    def reset(self) -> None:
        for (task, name), field in self.fields.items():
            field.set_value(getattr(DEFAULT_PRESETS[task], name))
        self.persona.setPlainText(Settings().chat_persona)
        self.changed.emit()
