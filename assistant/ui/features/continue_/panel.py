"""The Continue dock: length and creativity, and N alternatives to preview and insert.

The panel only requests (`continue_requested`, `stop_requested`,
`alternative_chosen`); the main window wires those to the controller and the
editor. Alternatives are kept per document position (a tracked QTextCursor, so
edits above it keep the place right) until the writer clears them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWidgets import (
    QDockWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from assistant.ui.shell.i18n import translated

_ROLE = Qt.ItemDataRole.UserRole
MAX_ALTERNATIVES = 6


@dataclass(frozen=True)
class ContinueOptions:
    """What the writer chose in the panel."""

    max_new_tokens: int = 96
    temperature: float = 0.7
    alternatives: int = 1


@dataclass
class AlternativeBatch:
    """N continuations generated for one place in one document."""

    doc_key: str
    anchor: QTextCursor
    texts: list[str]
    inserted: set[int] = field(default_factory=set)

    def place(self) -> str:
        """ "line:col" of the anchor, 1-based."""
        block = self.anchor.block()
        return f"{block.blockNumber() + 1}:{self.anchor.positionInBlock() + 1}"


class ContinuePanel(QDockWidget):
    """Dock with continue options, progress and the alternatives history."""

    continue_requested = Signal(object)  # ContinueOptions
    stop_requested = Signal()
    #: (AlternativeBatch, text): insert `text` at the batch's anchor in its document.
    alternative_chosen = Signal(object, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Continue"), parent)
        self.setObjectName("ContinueDock")
        self._batches: list[AlternativeBatch] = []
        self._doc_key = ""
        body = QWidget()
        layout = QVBoxLayout(body)

        form = QFormLayout()
        self.length_spin = QSpinBox()
        self.length_spin.setRange(8, 1024)
        self.length_spin.setSingleStep(8)
        self.length_spin.setSuffix(self.tr(" tokens"))
        self.length_spin.setToolTip(self.tr("How much text to write at most"))
        self.creativity_slider = QSlider(Qt.Orientation.Horizontal)
        self.creativity_slider.setRange(0, 150)
        self.creativity_slider.setToolTip(
            self.tr("Low: predictable, repeats the obvious. High: surprising, may wander.")
        )
        self.creativity_value = QLabel()
        self.creativity_value.setMinimumWidth(self.fontMetrics().horizontalAdvance("0.00 "))
        creativity_row = QHBoxLayout()
        creativity_row.addWidget(self.creativity_slider, 1)
        creativity_row.addWidget(self.creativity_value)
        self.alternatives_spin = QSpinBox()
        self.alternatives_spin.setRange(1, MAX_ALTERNATIVES)
        self.alternatives_spin.setToolTip(
            self.tr("1 writes into the document; more lists alternatives here to choose from")
        )
        form.addRow(self.tr("Length:"), self.length_spin)
        form.addRow(self.tr("Creativity:"), creativity_row)
        form.addRow(self.tr("Alternatives:"), self.alternatives_spin)
        layout.addLayout(form)

        buttons = QHBoxLayout()
        self.continue_button = QPushButton(self.tr("Continue"))
        self.continue_button.setDefault(True)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setEnabled(False)
        buttons.addWidget(self.continue_button)
        buttons.addWidget(self.stop_button)
        layout.addLayout(buttons)

        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        self.status_label.setFont(small)
        layout.addWidget(self.status_label)

        self.hint_label = QLabel(
            self.tr(
                "With Alternatives above 1, the continuations are listed here to compare; "
                "they stay here, per place in the document, until you clear them."
            )
        )
        self.hint_label.setWordWrap(True)
        self.hint_label.setEnabled(False)  # drawn in the muted text colour
        layout.addWidget(self.hint_label)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.setAccessibleName(self.tr("Alternatives"))
        layout.addWidget(self.list, 2)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setPlaceholderText(self.tr("Select an alternative to preview it"))
        layout.addWidget(self.preview, 1)
        alt_buttons = QHBoxLayout()
        self.insert_button = QPushButton(self.tr("Insert"))
        self.insert_button.setEnabled(False)
        self.clear_button = QPushButton(self.tr("Clear"))
        alt_buttons.addWidget(self.insert_button)
        alt_buttons.addStretch(1)
        alt_buttons.addWidget(self.clear_button)
        layout.addLayout(alt_buttons)
        self._alternative_widgets = (
            self.list,
            self.preview,
            self.insert_button,
            self.clear_button,
        )

        self.prompt_toggle = QToolButton()
        self.prompt_toggle.setText(self.tr("What the model sees"))
        self.prompt_toggle.setCheckable(True)
        self.prompt_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.prompt_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.prompt_view = QPlainTextEdit()
        self.prompt_view.setReadOnly(True)
        self.prompt_view.setPlaceholderText(self.tr("No prompt sent yet"))
        self.prompt_view.hide()
        layout.addWidget(self.prompt_toggle)
        layout.addWidget(self.prompt_view, 1)
        self._stretch = layout.count()
        layout.addStretch(1)
        self.setWidget(body)

        self.creativity_slider.valueChanged.connect(self._show_creativity)
        self.continue_button.clicked.connect(lambda: self.continue_requested.emit(self.options()))
        self.stop_button.clicked.connect(self.stop_requested)
        self.list.currentItemChanged.connect(self._preview_current)
        self.list.itemActivated.connect(lambda _item: self._insert_current())
        self.list.itemDoubleClicked.connect(lambda _item: self._insert_current())
        self.insert_button.clicked.connect(self._insert_current)
        self.clear_button.clicked.connect(self.clear)
        self.prompt_toggle.toggled.connect(self._toggle_prompt)
        self.set_options(ContinueOptions())
        self.show_document("")

    # -- options ---------------------------------------------------------------------------

    def options(self) -> ContinueOptions:
        """The current length, creativity and number of alternatives."""
        return ContinueOptions(
            max_new_tokens=self.length_spin.value(),
            temperature=self.creativity_slider.value() / 100.0,
            alternatives=self.alternatives_spin.value(),
        )

    def set_options(self, options: ContinueOptions) -> None:
        """Show these options (e.g. from saved settings)."""
        self.length_spin.setValue(options.max_new_tokens)
        self.creativity_slider.setValue(round(options.temperature * 100))
        self.alternatives_spin.setValue(options.alternatives)
        self._show_creativity(self.creativity_slider.value())

    def _show_creativity(self, value: int) -> None:
        self.creativity_value.setText(f"{value / 100:.2f}")

    # -- state shown -------------------------------------------------------------------------

    def set_busy(self, busy: bool) -> None:
        """Enable Stop while something generates."""
        self.stop_button.setEnabled(busy)

    def set_status(self, text: str) -> None:
        """Small text under the buttons: progress, tokens/s and stop reason, or an error."""
        self.status_label.setText(translated(text))

    def set_prompt(self, prompt: str, truncated: bool) -> None:
        """Remember the exact prompt of the last request ("What the model sees")."""
        note = self.tr("[The beginning of the document was left out to fit the model.]\n")
        self.prompt_view.setPlainText((note if truncated else "") + prompt)

    def _toggle_prompt(self, on: bool) -> None:
        self.prompt_view.setVisible(on)
        self.prompt_toggle.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)

    # -- alternatives ------------------------------------------------------------------------

    def add_alternatives(self, doc_key: str, anchor: QTextCursor, texts: list[str]) -> None:
        """Add a batch generated at `anchor` in document `doc_key` and show it."""
        anchor = QTextCursor(anchor)
        anchor.clearSelection()
        anchor.setKeepPositionOnInsert(True)  # inserting a choice must not move the place
        batch = AlternativeBatch(doc_key, anchor, [t for t in texts if t.strip()])
        if not batch.texts:
            self.set_status(self.tr("The model returned no text. Try again."))
            return
        self._batches.append(batch)
        self.show_document(doc_key)
        first = self._first_item_of(batch)
        if first is not None:
            self.list.setCurrentItem(first)

    def show_document(self, doc_key: str) -> None:
        """List the batches of this document, newest first."""
        self._doc_key = doc_key
        self.list.clear()
        self.preview.clear()
        for batch in reversed(self._batches):
            if batch.doc_key != doc_key:
                continue
            header = QListWidgetItem(
                self.tr("At %1").replace("%1", batch.place())
                + " · "
                + self.tr("%1 alternatives").replace("%1", str(len(batch.texts)))
            )
            header.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(header)
            for i, text in enumerate(batch.texts):
                mark = "✓ " if i in batch.inserted else ""
                item = QListWidgetItem(mark + _one_line(text))
                item.setData(_ROLE, (batch, i))
                item.setToolTip(text)
                self.list.addItem(item)
        self.insert_button.setEnabled(False)
        has_any = self.list.count() > 0
        for widget in self._alternative_widgets:
            widget.setVisible(has_any)
        self.hint_label.setVisible(not has_any)
        # Without a list, the free space goes below the controls instead.
        self.widget().layout().setStretch(self._stretch, 0 if has_any else 1)

    def alternatives(self, doc_key: str | None = None) -> list[str]:
        """Every alternative kept for a document (default: the one shown)."""
        key = self._doc_key if doc_key is None else doc_key
        return [t for b in self._batches if b.doc_key == key for t in b.texts]

    def clear(self) -> None:
        """Forget the alternatives of the document shown."""
        self.forget_document(self._doc_key)

    def forget_document(self, doc_key: str) -> None:
        """Drop every batch of a document (it was closed or cleared)."""
        self._batches = [b for b in self._batches if b.doc_key != doc_key]
        if doc_key == self._doc_key:
            self.show_document(doc_key)

    def _first_item_of(self, batch: AlternativeBatch) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            data = self.list.item(row).data(_ROLE)
            if data and data[0] is batch:
                return self.list.item(row)
        return None

    def _preview_current(self, item: QListWidgetItem | None, _previous=None) -> None:
        data = item.data(_ROLE) if item is not None else None
        self.insert_button.setEnabled(bool(data))
        self.preview.setPlainText(data[0].texts[data[1]] if data else "")

    def _insert_current(self) -> None:
        item = self.list.currentItem()
        data = item.data(_ROLE) if item is not None else None
        if not data:
            return
        batch, index = data
        batch.inserted.add(index)
        self.alternative_chosen.emit(batch, batch.texts[index])
        row = self.list.currentRow()
        self.show_document(self._doc_key)
        self.list.setCurrentRow(row)


def _one_line(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
