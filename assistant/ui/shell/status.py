"""The status bar: model state, word and character counts, encoding, cursor position."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget


class StatusBar(QStatusBar):
    """Permanent fields for the model, counts, file format and cursor position."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model_label = QLabel(self.tr("No model"))
        self.model_label.setObjectName("ModelState")
        self.model_progress = QProgressBar()
        self.model_progress.setRange(0, 100)
        self.model_progress.setTextVisible(False)
        # Sized from the font so it stays proportionate at any display scaling.
        self.model_progress.setMaximumWidth(10 * self.fontMetrics().averageCharWidth())
        self.model_progress.setMaximumHeight(self.fontMetrics().height())
        self.model_progress.hide()
        # While a suggestion is on screen: the keys that act on it (it is not in
        # the document, so a newcomer would not otherwise know what Tab does).
        self.ghost_hint = QLabel(self._ghost_keys_text())
        self.ghost_hint.setObjectName("GhostHint")
        self.ghost_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.ghost_hint.setContentsMargins(0, 0, 2 * self.fontMetrics().averageCharWidth(), 0)
        self.ghost_hint.hide()
        self.counts_label = QLabel()
        self.format_label = QLabel()
        self.position_label = QLabel()
        self.addWidget(self.model_label)
        self.addWidget(self.model_progress)
        labels = (self.ghost_hint, self.counts_label, self.format_label, self.position_label)
        for label in labels:
            self.addPermanentWidget(label)
        self._fields = 0
        self._model_text = ""
        self._ready = False
        self._generating = False

    def set_model_loading(self, fraction: float, message: str) -> None:
        """Show loading progress (fraction 0..1 and a short message)."""
        self._ready = False
        self.model_progress.show()
        self.model_progress.setValue(int(max(0.0, min(1.0, fraction)) * 100))
        text = self.tr("Loading model…")
        self._set_model_text(f"{text} {message}".strip())

    def set_model_ready(self, name: str, device: str, dtype: str, host: str = "") -> None:
        """Show the loaded model, e.g. "SmolLM2-135M-Instruct · cpu · bfloat16 · ready".

        A model on a server names the server instead: the writer must see that their
        text goes to `host` ("qwen2.5 · server 192.168.1.5:11434 · ready").
        """
        self.model_progress.hide()
        where = self.tr("server %1").replace("%1", host) if host else f"{device} · {dtype}"
        self._model_text = f"{name} · {where}"
        self._ready = True
        self._refresh_model()

    def set_model_failed(self, message: str) -> None:
        """Show that no model could be loaded (the full reason is in the tooltip)."""
        self.model_progress.hide()
        self._ready = False
        self._set_model_text(self.tr("Model not loaded"))
        self.model_label.setToolTip(message)

    def set_generating(self, on: bool) -> None:
        """Switch between "ready" and "generating…"."""
        self._generating = on
        self._refresh_model()

    def set_ghost_hint(self, on: bool) -> None:
        """Show or hide the keys for the suggestion on screen."""
        self.ghost_hint.setVisible(on)

    def add_field(self, widget: QWidget) -> None:
        """A feature's small permanent field (model share, goal), placed before the counts."""
        # Counted over all the bar's widgets: model, progress, ghost hint, then the fields.
        self.insertPermanentWidget(3 + self._fields, widget)
        self._fields += 1

    def set_counts(self, words: int, characters: int) -> None:
        """Show "123 words · 456 characters"."""
        # English plurals without a loaded translation: pick the form here.
        w = self.tr("1 word") if words == 1 else self.tr("%n words", "", words)
        c = self.tr("1 character") if characters == 1 else self.tr("%n characters", "", characters)
        self.counts_label.setText(f"{w} · {c}")

    def set_format(self, text: str) -> None:
        """Show the encoding and line ending, e.g. "UTF-8 · LF"."""
        self.format_label.setText(text)

    def set_position(self, line: int, column: int) -> None:
        """Show the cursor's line and column (1-based)."""
        self.position_label.setText(
            self.tr("Ln %1, Col %2").replace("%1", str(line)).replace("%2", str(column))
        )

    def _ghost_keys_text(self) -> str:
        def key(sequence: str) -> str:
            return QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText)

        parts = [
            self.tr("%1 accept").replace("%1", key("Tab")),
            self.tr("%1 word").replace("%1", key("Ctrl+Right")),
            self.tr("%1 other").replace("%1", key("Alt+]")),
            self.tr("%1 dismiss").replace("%1", key("Esc")),
        ]
        return "  ·  ".join(parts)

    def _refresh_model(self) -> None:
        if not self._ready:
            return
        state = self.tr("generating…") if self._generating else self.tr("ready")
        self._set_model_text(f"{self._model_text} · {state}")

    def _set_model_text(self, text: str) -> None:
        self.model_label.setText(text)
        self.model_label.setToolTip(text)
