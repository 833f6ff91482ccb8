"""Three small charts drawn with QPainter: words per day, acceptance per task, the streak.

QtCharts is not in PySide6-Essentials, the wheel the app installs; PySide6-Addons
would add it at the cost of a second ~170 MB wheel per platform (WebEngine, 3D and
multimedia come with it) and more hidden imports for every installer. These charts
are bars and squares, a hundred lines of painting, drawn in the theme's colours,
with their numbers also in the accessible description (screen readers) and in the
CSV export.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from assistant.ui.shell.theme import colors


@dataclass(frozen=True)
class Series:
    """One row of values, with its name and colour key in `theme.colors()`."""

    name: str
    color: str
    values: tuple[float, ...]


def _font_unit(widget: QWidget) -> int:
    return max(4, widget.fontMetrics().height())


class BarChart(QWidget):
    """Grouped vertical bars per label (e.g. typed and accepted words per day), with a legend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels: tuple[str, ...] = ()
        self.series: tuple[Series, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """Room for a few lines of text and the bars."""
        unit = _font_unit(self)
        return QSize(30 * unit, 12 * unit)

    def set_data(self, labels: Sequence[str], series: Sequence[Series]) -> None:
        """Show `series` over `labels` (every series has one value per label)."""
        self.labels = tuple(labels)
        self.series = tuple(series)
        parts = []
        for s in self.series:
            pairs = zip(labels, s.values, strict=False)
            values = ", ".join(f"{label} {value:g}" for label, value in pairs)
            parts.append(f"{s.name}: {values}")
        self.setAccessibleDescription("; ".join(parts))
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        """Axis, bars, sparse labels, legend."""
        palette = colors()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        unit = _font_unit(self)
        metrics = self.fontMetrics()
        top = unit * 1.6  # the legend
        bottom = self.height() - unit * 1.4  # the labels
        peak = max((v for s in self.series for v in s.values), default=0)
        left = metrics.horizontalAdvance(f"{peak:,.0f}") + unit * 0.6
        right = self.width() - unit * 0.4
        painter.setPen(palette["text"])
        # Legend
        x = left
        for s in self.series:
            painter.fillRect(QRectF(x, unit * 0.3, unit * 0.7, unit * 0.7), palette[s.color])
            painter.drawText(QRectF(x + unit, 0, 20 * unit, unit * 1.3),
                             Qt.AlignmentFlag.AlignVCenter, s.name)  # fmt: skip
            x += unit * 1.6 + metrics.horizontalAdvance(s.name)
        # Axis with the top value
        grid = QColor(palette["mid"])
        painter.setPen(grid)
        painter.drawLine(int(left), int(bottom), int(right), int(bottom))
        painter.drawLine(int(left), int(top), int(right), int(top))
        painter.setPen(palette["text"])
        right_aligned = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for y, text in ((top, f"{peak:,.0f}"), (bottom, "0")):
            painter.drawText(QRectF(0, y - unit / 2, left - unit * 0.3, unit), right_aligned, text)
        count = len(self.labels)
        if not count or not self.series:
            painter.end()
            return
        slot = (right - left) / count
        bar = max(1.0, slot * 0.8 / len(self.series))
        height = bottom - top
        every = max(1, int(metrics.horizontalAdvance("00-00") * 1.5 / slot) + 1)
        for i, label in enumerate(self.labels):
            x0 = left + i * slot + slot * 0.1
            for j, s in enumerate(self.series):
                value = s.values[i]
                h = 0 if peak <= 0 else height * value / peak
                if h > 0:
                    painter.fillRect(QRectF(x0 + j * bar, bottom - h, bar, h), palette[s.color])
            if i % every == 0:
                painter.drawText(QRectF(left + i * slot - slot, bottom + 2, 3 * slot, unit),
                                 Qt.AlignmentFlag.AlignHCenter, label)  # fmt: skip
        painter.end()


class RateBars(QWidget):
    """One horizontal bar per row: a fraction from 0 to 1 with its text ("ghost 40 %")."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: tuple[tuple[str, float | None, str], ...] = ()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """One line per row."""
        unit = _font_unit(self)
        return QSize(30 * unit, int(max(1, len(self.rows)) * unit * 1.5 + unit))

    def set_rows(self, rows: Sequence[tuple[str, float | None, str]]) -> None:
        """(name, fraction or None, text shown after the bar) per row."""
        self.rows = tuple(rows)
        self.setAccessibleDescription("; ".join(f"{n}: {t}" for n, _f, t in self.rows))
        self.setMinimumHeight(self.sizeHint().height())  # every row readable, never clipped
        self.updateGeometry()
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        """Names, bars and texts."""
        palette = colors()
        painter = QPainter(self)
        unit = _font_unit(self)
        metrics = self.fontMetrics()
        name_width = max((metrics.horizontalAdvance(n) for n, _f, _t in self.rows), default=0)
        text_width = max((metrics.horizontalAdvance(t) for _n, _f, t in self.rows), default=0)
        left = name_width + unit
        width = max(unit, self.width() - left - text_width - unit * 1.5)
        for i, (name, fraction, text) in enumerate(self.rows):
            y = i * unit * 1.5 + unit * 0.25
            painter.setPen(palette["text"])
            painter.drawText(QRectF(0, y, name_width, unit), Qt.AlignmentFlag.AlignVCenter, name)
            painter.fillRect(QRectF(left, y + unit * 0.2, width, unit * 0.6), palette["alternate"])
            if fraction:
                painter.fillRect(
                    QRectF(left, y + unit * 0.2, width * fraction, unit * 0.6),
                    palette["model_text_mark"],
                )
            painter.drawText(QRectF(left + width + unit * 0.5, y, text_width + unit, unit),
                             Qt.AlignmentFlag.AlignVCenter, text)  # fmt: skip
        painter.end()


class StreakStrip(QWidget):
    """One square per day, filled on days with writing (a streak is a run of filled ones)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: tuple[bool, ...] = ()

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        """One row of small squares."""
        unit = _font_unit(self)
        return QSize(30 * unit, unit + 4)

    def set_days(self, wrote: Sequence[bool], description: str) -> None:
        """Oldest first: whether the writer wrote on each day."""
        self.days = tuple(wrote)
        self.setAccessibleDescription(description)
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        """The squares."""
        if not self.days:
            return
        palette = colors()
        painter = QPainter(self)
        step = min(_font_unit(self), self.width() / len(self.days))
        size = max(2.0, step * 0.8)
        for i, wrote in enumerate(self.days):
            rect = QRectF(i * step, (self.height() - size) / 2, size, size)
            painter.fillRect(rect, palette["highlight"] if wrote else palette["alternate"])
            if not wrote:
                painter.setPen(palette["mid"])
                painter.drawRect(rect)
        painter.end()
