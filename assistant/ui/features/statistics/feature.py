"""Install writing statistics: the recorder, the goals in the status bar, View › Statistics…."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from assistant.ui.features.statistics.goals import GoalIndicator, goals_of
from assistant.ui.features.statistics.recorder import StatisticsRecorder

if TYPE_CHECKING:
    from assistant.ui.documents.document_tab import DocumentTab
    from assistant.ui.features.statistics.window import StatisticsWindow
    from assistant.ui.shell.workspace import DocumentContext, Workspace


class StatisticsFeature(QObject):
    """Counts the writing, shows the goals, opens the Statistics window."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.dialog_parent())
        self.ws = workspace
        self.recorder = StatisticsRecorder(workspace)
        self.goal = GoalIndicator()
        workspace.add_status_field(self.goal)
        self.window: StatisticsWindow | None = None
        #: The current document's (words, characters), from the last count.
        self._document: tuple[int, int] | None = None
        #: Goals already celebrated: ("daily", day) and ("document", tab key).
        self._cheered: set[tuple[str, str]] = set()
        action = workspace.action_registry.register(
            "statistics", self.tr("Writing &Statistics…"), menu="view"
        )
        action.triggered.connect(self.show_window)
        self.recorder.typed.connect(self.refresh_goals)
        self.recorder.failed.connect(lambda message: workspace.notify(message, error=True))
        signals = workspace.signals
        signals.context_changed.connect(self._on_context)
        signals.current_document_changed.connect(self._on_current_changed)
        signals.settings_applied.connect(lambda _before: self.refresh_goals())
        signals.statistics_cleared.connect(self._on_cleared)
        self.refresh_goals()

    def _on_context(self, context: DocumentContext) -> None:
        self._document = (context.document_words, context.document_characters)
        self.refresh_goals()

    def _on_current_changed(self, _tab: DocumentTab | None) -> None:
        self._document = None  # until the new document is counted
        self.refresh_goals()

    def refresh_goals(self) -> None:
        """Show the goals as they stand; celebrate one reached just now."""
        settings = self.ws.settings.goals
        daily, document = goals_of(settings, self.recorder.typed_today, self._document)
        before = (self.goal.daily, self.goal.document)
        self.goal.show_progress(daily, document)
        tab = self.ws.current_tab()
        crossed = []
        # Only a goal reached while writing is cheered, never one already met on opening.
        if daily is not None and daily.reached and before[0] is not None and not before[0].reached:
            crossed.append((("daily", self.recorder.today.isoformat()), daily))
        if (
            document is not None
            and document.reached
            and before[1] is not None
            and not before[1].reached
            and tab is not None
        ):
            crossed.append((("document", tab.key), document))
        for key, progress in crossed:
            if key in self._cheered:
                continue
            self._cheered.add(key)
            self.goal.cheer()
            if key[0] == "daily":
                text = self.tr("Daily goal reached: %1 %2 today. Well done!")
            else:
                text = self.tr("Document goal reached: %1 %2. Well done!")
            unit = self.tr("words") if progress.unit == "words" else self.tr("characters")
            self.ws.show_status(text.replace("%1", f"{progress.done:,}").replace("%2", unit), 6000)

    def _on_cleared(self) -> None:
        self.recorder.clear()
        if self.window is not None:
            self.window.refresh()

    def show_window(self) -> StatisticsWindow:
        """View › Statistics…: the window, with everything written so far."""
        from assistant.ui.features.statistics.window import StatisticsWindow

        self.recorder.flush()
        if self.window is None:
            self.window = StatisticsWindow(self.recorder.store, self.ws.dialog_parent())
            self.window.message.connect(
                lambda text, error: (
                    self.ws.notify(text, error=error) if error else self.ws.show_status(text)
                )
            )
        self.window.refresh()
        self.window.show()
        self.window.raise_()
        return self.window


def install(workspace: Workspace) -> StatisticsFeature:
    """Add writing statistics and goals to the workspace."""
    return StatisticsFeature(workspace)
