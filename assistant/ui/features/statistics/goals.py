"""Writing goals in the status bar: today's words and the document's length, and a small cheer.

The daily goal counts what the writer typed today (all documents, model text not
included: the goal is the writer's); the document goal counts the document's words
or characters as the status bar does. Reaching one turns the field green with a
check mark and says so in the status bar for a few seconds — no dialog interrupts
the writing. Each goal is celebrated once (per day, per document).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from assistant.settings import GoalSettings
from assistant.tasks.writing_stats import GoalProgress
from assistant.ui.shell.theme import colors

#: How long the field stays highlighted after a goal is reached.
CHEER_MS = 6000


class GoalIndicator(QWidget):
    """A status bar field: "Today 320 / 500 words", a thin progress bar, a check when done."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("GoalProgress")
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        metrics = self.fontMetrics()
        # Sized from the font so it stays proportionate at any display scaling.
        self.bar.setFixedWidth(6 * metrics.averageCharWidth())
        self.bar.setFixedHeight(max(4, metrics.height() // 3))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, metrics.averageCharWidth(), 0)
        layout.setSpacing(metrics.averageCharWidth() // 2 or 2)
        layout.addWidget(self.bar, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.label)
        self.daily: GoalProgress | None = None
        self.document: GoalProgress | None = None
        self._cheer = QTimer(self)
        self._cheer.setSingleShot(True)
        self._cheer.timeout.connect(self._refresh_style)
        self.hide()

    @property
    def cheering(self) -> bool:
        """A goal was just reached and the field is still highlighted."""
        return self._cheer.isActive()

    def show_progress(self, daily: GoalProgress | None, document: GoalProgress | None) -> None:
        """Show the goals that are set (None: no such goal)."""
        self.daily, self.document = daily, document
        parts, tips = [], []
        for progress, name in ((daily, self.tr("Today")), (document, self.tr("Document"))):
            if progress is None:
                continue
            mark = "✓ " if progress.reached else ""
            parts.append(f"{mark}{name} {progress.done:,} / {progress.target:,}")
            tips.append(self._tip(progress, name))
        if not parts:
            self.hide()
            return
        unit = (daily or document).unit  # type: ignore[union-attr]
        unit_text = self.tr("words") if unit == "words" else self.tr("characters")
        self.label.setText("  ·  ".join(parts) + f" {unit_text}")
        self.setToolTip("\n".join(tips))
        shown = daily or document
        assert shown is not None
        self.bar.setValue(int(shown.fraction * 1000))
        self._refresh_style()
        self.show()

    def cheer(self) -> None:
        """A goal was just reached: highlight the field for a few seconds."""
        self._cheer.start(CHEER_MS)
        self._refresh_style()

    def _tip(self, progress: GoalProgress, name: str) -> str:
        if progress.unit == "words":
            text = self.tr("%1: %2 of %3 words (%4 %)")
        else:
            text = self.tr("%1: %2 of %3 characters (%4 %)")
        return (
            text.replace("%1", name)
            .replace("%2", str(progress.done))
            .replace("%3", str(progress.target))
            .replace("%4", f"{progress.fraction * 100:.0f}")
        )

    def _refresh_style(self) -> None:
        reached = any(p is not None and p.reached for p in (self.daily, self.document))
        palette = colors()
        if self.cheering:
            self.label.setStyleSheet(f"color: {palette['ok_fg'].name()}; font-weight: bold;")
        elif reached:
            self.label.setStyleSheet(f"color: {palette['ok_fg'].name()};")
        else:
            self.label.setStyleSheet("")

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        """Follow a live theme switch."""
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self._refresh_style()
        super().changeEvent(event)


def goals_of(
    settings: GoalSettings, typed_today: tuple[int, int], document: tuple[int, int] | None
) -> tuple[GoalProgress | None, GoalProgress | None]:
    """The daily and document goals as progress, from (words, characters) counts."""
    index = 0 if settings.unit == "words" else 1
    daily = None
    if settings.daily_target > 0:
        daily = GoalProgress(typed_today[index], settings.daily_target, settings.unit)
    doc = None
    if settings.document_target > 0 and document is not None:
        doc = GoalProgress(document[index], settings.document_target, settings.unit)
    return daily, doc
