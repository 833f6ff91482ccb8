"""View › Statistics…: words per day, how suggestions were taken, streaks; export as CSV."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from assistant.storage.atomic import atomic_write_text
from assistant.storage.stats import StatsError, StatsStore
from assistant.tasks.provenance import TASKS
from assistant.tasks.writing_stats import (
    DayTotals,
    TaskTotals,
    csv_text,
    fill_days,
    streaks,
    words_per_hour,
)
from assistant.ui import dialogs
from assistant.ui.features.statistics.charts import BarChart, RateBars, Series, StreakStrip

#: Periods the window offers, in days.
PERIODS = (7, 30, 90, 365)


class StatisticsWindow(QDialog):
    """The writer's statistics over a period, from the statistics store."""

    #: A message for the writer (an export failed or succeeded).
    message = Signal(str, bool)

    def __init__(self, store: StatsStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StatisticsWindow")
        self.setWindowTitle(self.tr("Writing Statistics"))
        self.store = store
        self.days: list[DayTotals] = []
        self.tasks: list[TaskTotals] = []
        self.period = QComboBox()
        self.period.setObjectName("period")
        for days in PERIODS:
            self.period.addItem(self.tr("Last %1 days").replace("%1", str(days)), days)
        self.period.setCurrentIndex(1)
        self.period.currentIndexChanged.connect(lambda _i: self.refresh())
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.words_chart = BarChart()
        self.words_chart.setObjectName("words_chart")
        self.rates = RateBars()
        self.rates.setObjectName("acceptance_chart")
        self.streak = StreakStrip()
        self.streak.setObjectName("streak_strip")
        self.streak_label = QLabel()
        self.streak_label.setObjectName("streak_label")
        export = QPushButton(self.tr("Export CSV…"))
        export.setObjectName("export_csv")
        export.clicked.connect(self.export_csv)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.addButton(export, QDialogButtonBox.ButtonRole.ActionRole)

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Show:")))
        top.addWidget(self.period)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self._group(self.tr("Words per day"), self.words_chart), 3)
        streak_box = self._group(self.tr("Writing days"), self.streak)
        streak_box.layout().addWidget(self.streak_label)
        layout.addWidget(streak_box)
        layout.addWidget(self._group(self.tr("Suggestions accepted, per task"), self.rates), 1)
        layout.addWidget(buttons)
        unit = self.fontMetrics().height()
        self.resize(46 * unit, 44 * unit)

    @staticmethod
    def _group(title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        inner.addWidget(widget)
        return box

    def task_name(self, task: str) -> str:
        """A task as the menus call it."""
        names = {
            "continue": self.tr("Continue writing"),
            "ghost": self.tr("Inline suggestions"),
            "rewrite": self.tr("Rewrite"),
            "summarize": self.tr("Summarize"),
            "chat": self.tr("Chat"),
        }
        return names.get(task, task)

    def _days(self, count: int) -> str:
        return (self.tr("1 day") if count == 1 else self.tr("%1 days")).replace("%1", str(count))

    def refresh(self) -> None:
        """Read the store again and redraw."""
        today = date.today()
        first = today - timedelta(days=int(self.period.currentData()) - 1)
        try:
            stored = self.store.days(first=first)
            self.tasks = self.store.tasks(first=first)
            every_day = self.store.days()
        except StatsError as exc:
            self.summary.setText(str(exc))
            return
        self.days = fill_days(stored, first, today)
        typed = sum(d.typed_words for d in self.days)
        accepted = sum(d.accepted_words for d in self.days)
        seconds = sum(d.active_seconds for d in self.days)
        rate = words_per_hour(typed, seconds)
        current, longest = streaks(every_day, today)
        hours, minutes = divmod(int(seconds // 60), 60)
        self.summary.setText(
            self.tr(
                "You typed %1 words and accepted %2 from the model in %3 h %4 min of "
                "writing (%5 words per hour)."
            )
            .replace("%1", f"{typed:,}")
            .replace("%2", f"{accepted:,}")
            .replace("%3", str(hours))
            .replace("%4", str(minutes))
            .replace("%5", "–" if rate is None else f"{rate:,.0f}")
        )
        self.words_chart.set_data(
            [d.day.strftime("%m-%d") for d in self.days],
            [
                Series(self.tr("Typed"), "highlight", tuple(d.typed_words for d in self.days)),
                Series(
                    self.tr("Accepted from the model"),
                    "model_text_mark",
                    tuple(d.accepted_words for d in self.days),
                ),
            ],
        )
        streak_text = self.tr("Current streak: %1 · longest: %2").replace("%1", self._days(current))
        streak_text = streak_text.replace("%2", self._days(longest))
        self.streak_label.setText(streak_text)
        self.streak.set_days([d.wrote for d in self.days], streak_text)
        rows = []
        for t in sorted(self.tasks, key=lambda t: TASKS.index(t.task) if t.task in TASKS else 99):
            if t.shown <= 0 and t.accepted <= 0:
                continue
            fraction = t.acceptance_rate
            text = (
                self.tr("%1 of %2 (%3 %)")
                .replace("%1", str(t.accepted))
                .replace("%2", str(t.shown))
                .replace("%3", "–" if fraction is None else f"{fraction * 100:.0f}")
            )
            rows.append((self.task_name(t.task), fraction, text))
        if not rows:
            rows = [(self.tr("No suggestions yet"), None, "")]
        self.rates.set_rows(rows)

    def export_csv(self) -> Path | None:
        """Ask where, then write the period's statistics as CSV."""
        chosen = dialogs.ask_export_path(
            self,
            self.tr("Export Statistics"),
            str(Path.home() / f"writing-statistics-{date.today().isoformat()}.csv"),
            self.tr("CSV files (*.csv)"),
        )
        if not chosen:
            return None
        path = Path(chosen)
        try:
            atomic_write_text(path, csv_text(self.days, self.tasks))
        except OSError as exc:
            text = self.tr("The statistics could not be exported: %1")
            self.message.emit(text.replace("%1", exc.strerror or str(exc)), True)
            return None
        self.message.emit(self.tr("Statistics exported to %1").replace("%1", str(path)), False)
        return path
