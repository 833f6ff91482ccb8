"""Settings page: writing goals, and how text the model wrote is shown and recorded."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from assistant.settings import Settings
from assistant.settings_rules import MAX_GOAL
from assistant.ui.dialogs.settings.settings_fields import SettingsPage


class GoalsPage(SettingsPage):
    """A daily and a per-document goal; the tint and the place of the provenance record."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.daily = self._goal_spin("goals.daily_target")
        self.document = self._goal_spin("goals.document_target")
        self.unit = QComboBox()
        self.unit.setObjectName("goals.unit")
        self.unit.addItem(self.tr("Words"), "words")
        self.unit.addItem(self.tr("Characters"), "characters")
        note = QLabel(
            self.tr(
                "The daily goal counts what you type yourself, in every document; the "
                "document goal counts the whole document, as the status bar does. Chinese "
                "and Japanese characters count as one word each."
            )
        )
        note.setWordWrap(True)
        goals = QGroupBox(self.tr("Writing goals"))
        form = QFormLayout(goals)
        form.addRow(self.tr("Every day:"), self.daily)
        form.addRow(self.tr("This document:"), self.document)
        form.addRow(self.tr("Count:"), self.unit)
        form.addRow(note)

        self.show_model_text = QCheckBox(self.tr("Tint the text the model wrote"))
        self.show_model_text.setObjectName("provenance.show_model_text")
        self.location = QComboBox()
        self.location.setObjectName("provenance.location")
        self.location.addItem(
            self.tr("In Writing Assistant's data folder (private; encrypted with your data)"),
            "data",
        )
        self.location.addItem(
            self.tr("Beside each document, as NAME.provenance.json (to hand on with it)"),
            "beside",
        )
        where = QLabel(
            self.tr(
                "Writing Assistant remembers which text the model wrote (continuations, "
                "accepted suggestions, rewrites, summaries, chat replies) when you save, "
                "never inside the document itself."
            )
        )
        where.setWordWrap(True)
        provenance = QGroupBox(self.tr("Text the model wrote"))
        box = QFormLayout(provenance)
        box.addRow(self.show_model_text)
        box.addRow(self.tr("Keep the record:"), self.location)
        box.addRow(where)

        layout = QVBoxLayout(self)
        layout.addWidget(goals)
        layout.addWidget(provenance)
        layout.addStretch(1)
        reset = QPushButton(self.tr("Reset to Defaults"))
        reset.setObjectName("reset_page")
        reset.clicked.connect(self.reset)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(reset)
        layout.addLayout(row)
        for signal in (
            self.daily.valueChanged,
            self.document.valueChanged,
            self.unit.currentIndexChanged,
            self.show_model_text.toggled,
            self.location.currentIndexChanged,
        ):
            signal.connect(self.changed)

    def _goal_spin(self, key: str) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(key)
        spin.setRange(0, MAX_GOAL)
        spin.setSingleStep(100)
        spin.setSpecialValueText(self.tr("No goal"))
        spin.setGroupSeparatorShown(True)
        return spin

    def title(self) -> str:
        return self.tr("Goals")

    def load(self, settings: Settings) -> None:
        goals = settings.goals
        self.daily.setValue(goals.daily_target)
        self.document.setValue(goals.document_target)
        self.unit.setCurrentIndex(max(0, self.unit.findData(goals.unit)))
        self.show_model_text.setChecked(settings.provenance.show_model_text)
        self.location.setCurrentIndex(max(0, self.location.findData(settings.provenance.location)))

    def store(self, settings: Settings) -> None:
        settings.goals.daily_target = self.daily.value()
        settings.goals.document_target = self.document.value()
        settings.goals.unit = self.unit.currentData()
        settings.provenance.show_model_text = self.show_model_text.isChecked()
        settings.provenance.location = self.location.currentData()
