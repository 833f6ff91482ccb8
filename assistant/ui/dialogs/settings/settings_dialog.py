"""The Settings dialog: pages on the left, OK/Cancel/Apply below, as on every desktop.

The pages edit a copy of the settings. Apply (and OK) copies the page values into the
window's `Settings` object in place, saves it, and emits `applied` so the window can
apply what changed live (theme, fonts, shortcuts). OK and Apply stay disabled while
any page has an invalid value; the reason is shown under the field and at the bottom.
"""

from __future__ import annotations

import copy
from dataclasses import fields

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from assistant.settings import Settings
from assistant.settings_file import save_settings
from assistant.ui.dialogs.settings.goals_page import GoalsPage
from assistant.ui.dialogs.settings.privacy_page import PrivacyPage
from assistant.ui.dialogs.settings.settings_fields import SettingsPage
from assistant.ui.dialogs.settings.settings_pages import (
    EditorPage,
    GeneralPage,
    GenerationPage,
    ModelPage,
)
from assistant.ui.dialogs.settings.shortcuts_page import ShortcutsPage
from assistant.ui.shell.i18n import translated
from assistant.ui.shell.theme import colors

PAGE_IDS = ("general", "editor", "goals", "model", "generation", "shortcuts", "privacy")


class SettingsDialog(QDialog):
    """Edit every user setting; changes reach `settings` only on OK or Apply."""

    #: The settings were applied (and saved): Settings object, the copy from before.
    applied = Signal(object, object)

    def __init__(
        self,
        settings: Settings,
        actions: dict[str, QAction] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("SettingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.settings = settings
        self.pages: dict[str, SettingsPage] = {
            "general": GeneralPage(),
            "editor": EditorPage(),
            "goals": GoalsPage(),
            "model": ModelPage(),
            "generation": GenerationPage(),
            "shortcuts": ShortcutsPage(actions or {}),
            "privacy": PrivacyPage(),
        }
        model_page = self.pages["model"]
        privacy_page = self.pages["privacy"]
        assert isinstance(model_page, ModelPage) and isinstance(privacy_page, PrivacyPage)
        # Test Connection obeys offline mode as it stands in this dialog, applied or not.
        model_page.server.offline_mode = privacy_page.offline.isChecked
        #: The last Apply stored a new API key (the model reloads even if nothing else changed).
        self.api_key_changed = False
        self.page_list = QListWidget()
        self.page_list.setObjectName("page_list")
        self.page_list.setSpacing(3)  # a list of pages, not a dense table
        self.stack = QStackedWidget()
        for page in self.pages.values():
            self.page_list.addItem(page.title())
            self.stack.addWidget(page)
            page.changed.connect(self._on_changed)
        self.page_list.setFixedWidth(self.page_list.sizeHintForColumn(0) + 36)
        self.page_list.currentRowChanged.connect(self.stack.setCurrentIndex)

        self.problem = QLabel()
        self.problem.setObjectName("settings_problem")
        self.problem.setWordWrap(True)
        self.problem.setVisible(False)
        Button = QDialogButtonBox.StandardButton
        self.buttons = QDialogButtonBox(Button.Ok | Button.Cancel | Button.Apply)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(Button.Apply).clicked.connect(self.apply)

        body = QHBoxLayout()
        body.addWidget(self.page_list)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._loading = True
        for page in self.pages.values():
            page.load(settings)
        self._loading = False
        self.page_list.setCurrentRow(0)
        self._on_changed()
        self.button(Button.Apply).setEnabled(False)  # nothing to apply yet
        # As tall as the tallest page (no scrolling) where the screen has room.
        wanted = self.sizeHint().expandedTo(QSize(820, 620))
        room = self.screen().availableGeometry().size() * 0.9
        self.resize(wanted.boundedTo(room))

    def button(self, which: QDialogButtonBox.StandardButton):
        """One of the OK/Cancel/Apply buttons."""
        return self.buttons.button(which)

    def show_page(self, page_id: str) -> SettingsPage:
        """Switch to a page by id (see PAGE_IDS) and return it."""
        self.page_list.setCurrentRow(list(self.pages).index(page_id))
        return self.pages[page_id]

    def errors(self) -> list[str]:
        """Every page's problems, prefixed with the page name."""
        return [f"{p.title()}: {e}" for p in self.pages.values() for e in p.errors()]

    def apply(self) -> bool:
        """Write the pages into the settings, save, and announce; False if invalid."""
        if self.errors():
            return False
        before = copy.deepcopy(self.settings)
        server = self.pages["model"].server  # type: ignore[attr-defined]
        self.api_key_changed = server.key_changed()
        key_problem = server.save_key() if self.api_key_changed else None
        draft = copy.deepcopy(self.settings)
        for page in self.pages.values():
            page.store(draft)
        # In place: the window and its helpers hold a reference to this object.
        for f in fields(Settings):
            setattr(self.settings, f.name, getattr(draft, f.name))
        try:
            save_settings(self.settings)
        except OSError as exc:
            self._show_problem(
                self.tr("Settings could not be saved: %1").replace("%1", translated(exc))
            )
        if key_problem:
            self._show_problem(key_problem)
        self.button(QDialogButtonBox.StandardButton.Apply).setEnabled(False)
        self.applied.emit(self.settings, before)
        return True

    def accept(self) -> None:
        """OK: apply, then close (stays open if a value is invalid)."""
        if self.apply():
            super().accept()

    def _on_changed(self) -> None:
        if self._loading:
            return
        errors = self.errors()
        ok = not errors
        self.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
        self.button(QDialogButtonBox.StandardButton.Apply).setEnabled(ok)
        if errors:
            self._show_problem(errors[0])
        else:
            self.problem.setVisible(False)

    def _show_problem(self, text: str) -> None:
        self.problem.setStyleSheet(f"color: {colors()['error_fg'].name()};")
        self.problem.setText(text)
        self.problem.setVisible(True)
