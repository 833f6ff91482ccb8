"""The Chat dock: conversation history, persona, transcript, document context, input.

The panel requests (`send_requested`, `edit_resend_requested`, `regenerate_requested`,
...) and shows what `ChatFlow` tells it; it never touches the database or the worker.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from assistant.ui.features.chat.conversations import ConversationList
from assistant.ui.features.chat.widgets import ASSISTANT, ContextChip, MessageWidget
from assistant.ui.features.common.panel_parts import PromptViewer, small_label
from assistant.ui.shell.i18n import translated

SELECTION, DOCUMENT = "selection", "document"


def _toggle_button(text: str) -> QToolButton:
    button = QToolButton()
    button.setText(text)
    button.setCheckable(True)
    button.setAutoRaise(True)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setArrowType(Qt.ArrowType.RightArrow)
    button.toggled.connect(
        lambda on: button.setArrowType(Qt.ArrowType.DownArrow if on else Qt.ArrowType.RightArrow)
    )
    return button


class ChatPanel(QDockWidget):
    """Dock with the chat transcript and everything around it."""

    send_requested = Signal(str)
    edit_resend_requested = Signal(int, str)  # message id, new text
    regenerate_requested = Signal(int)  # assistant message id
    stop_requested = Signal()
    new_chat_requested = Signal()
    conversation_selected = Signal(int)
    rename_requested = Signal(str)
    delete_requested = Signal(int)
    search_changed = Signal(str)
    persona_changed = Signal(str)
    copy_requested = Signal(str)
    insert_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Chat"), parent)
        self.setObjectName("ChatDock")
        self._messages: dict[int, MessageWidget] = {}
        self._editing: int | None = None
        self._replying = False
        self._words = {SELECTION: 0, DOCUMENT: 0}
        body = QWidget()
        layout = QVBoxLayout(body)

        top = QHBoxLayout()
        self.history_toggle = _toggle_button(self.tr("History"))
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("New conversation"))
        self.title_edit.setToolTip(self.tr("The conversation's title: type to rename it"))
        self.title_edit.setAccessibleName(self.tr("Conversation title"))
        self.new_button = QPushButton(self.tr("New chat"))
        top.addWidget(self.history_toggle)
        top.addWidget(self.title_edit, 1)
        top.addWidget(self.new_button)
        layout.addLayout(top)

        self.history_box = ConversationList()
        self.search_edit = self.history_box.search_edit
        self.history_list = self.history_box.list
        self.delete_button = self.history_box.delete_button
        self.history_box.hide()
        layout.addWidget(self.history_box)

        self.persona_toggle = _toggle_button(self.tr("System prompt"))
        self.persona_toggle.setToolTip(self.tr("Who the assistant is in this conversation"))
        self.persona_edit = QPlainTextEdit()
        self.persona_edit.setMaximumHeight(4 * self.fontMetrics().height())
        self.persona_edit.setAccessibleName(self.tr("System prompt"))
        self.persona_edit.hide()
        layout.addWidget(self.persona_toggle)
        layout.addWidget(self.persona_edit)

        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        transcript = QWidget()
        self.transcript_layout = QVBoxLayout(transcript)
        self.transcript_layout.setContentsMargins(4, 4, 4, 4)
        self.empty_label = QLabel(
            self.tr(
                "Ask about your text, brainstorm, or get feedback. "
                "Conversations stay on this computer."
            )
        )
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.transcript_layout.addWidget(self.empty_label)
        self.transcript_layout.addStretch(1)
        self.scroll.setWidget(transcript)
        layout.addWidget(self.scroll, 1)

        context = QHBoxLayout()
        self.use_selection = QCheckBox(self.tr("Use selection"))
        self.use_document = QCheckBox(self.tr("Use whole document"))
        self.use_selection.setToolTip(self.tr("Include the selected text with your message"))
        self.use_document.setToolTip(
            self.tr("Include the document with your message (cut to fit the model if long)")
        )
        context.addWidget(self.use_selection)
        context.addWidget(self.use_document)
        context.addStretch(1)
        layout.addLayout(context)
        self.chip = ContextChip()
        self.chip.hide()
        layout.addWidget(self.chip)

        self.edit_banner = QWidget()
        banner = QHBoxLayout(self.edit_banner)
        banner.setContentsMargins(0, 0, 0, 0)
        self.edit_label = small_label()
        self.edit_label.setText(
            self.tr("Editing an earlier message: Send replaces it and the replies after it.")
        )
        self.cancel_edit_button = QPushButton(self.tr("Cancel edit"))
        banner.addWidget(self.edit_label, 1)
        banner.addWidget(self.cancel_edit_button)
        self.edit_banner.hide()
        layout.addWidget(self.edit_banner)

        entry = QHBoxLayout()
        self.input = QPlainTextEdit()
        self.input.setPlaceholderText(self.tr("Message (Enter sends, Shift+Enter for a new line)"))
        self.input.setAccessibleName(self.tr("Message"))
        self.input.setMaximumHeight(5 * self.fontMetrics().height())
        self.input.setTabChangesFocus(True)
        self.input.installEventFilter(self)
        buttons = QVBoxLayout()
        self.send_button = QPushButton(self.tr("Send"))
        self.stop_button = QPushButton(self.tr("Stop"))
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch(1)
        entry.addWidget(self.input, 1)
        entry.addLayout(buttons)
        layout.addLayout(entry)
        self.status_label = small_label()
        layout.addWidget(self.status_label)
        self.stats_label = small_label(muted=True)
        layout.addWidget(self.stats_label)
        self.prompt_viewer = PromptViewer()
        layout.addWidget(self.prompt_viewer)
        self.setWidget(body)

        self._persona_timer = QTimer(self)
        self._persona_timer.setSingleShot(True)
        self._persona_timer.setInterval(500)
        self._persona_timer.timeout.connect(
            lambda: self.persona_changed.emit(self.persona_edit.toPlainText())
        )
        self.history_toggle.toggled.connect(self.history_box.setVisible)
        self.persona_toggle.toggled.connect(self.persona_edit.setVisible)
        self.persona_edit.textChanged.connect(self._persona_timer.start)
        self.new_button.clicked.connect(self.new_chat_requested)
        self.title_edit.editingFinished.connect(self._rename)
        self.search_edit.textChanged.connect(self.search_changed)
        self.history_box.selected.connect(self.conversation_selected)
        self.history_box.delete_requested.connect(self.delete_requested)
        self.use_selection.toggled.connect(lambda on: self._context_toggled(SELECTION, on))
        self.use_document.toggled.connect(lambda on: self._context_toggled(DOCUMENT, on))
        self.chip.removed.connect(self.clear_context)
        self.cancel_edit_button.clicked.connect(self.cancel_edit)
        self.send_button.clicked.connect(self._send)
        self.stop_button.clicked.connect(self.stop_requested)
        self.set_replying(False)

    # -- input ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        """Enter sends, Shift+Enter adds a line (the input method keeps its own Enter)."""
        if (
            watched is self.input
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        ):
            self._send()
            return True
        return super().eventFilter(watched, event)

    def _send(self) -> None:
        text = self.input.toPlainText().strip()
        if not text:
            return
        if self._replying:
            self.set_status(self.tr("Wait for the reply to finish, or press Stop."))
            return
        # Cleared first: a send that fails puts the text back (the flow does that).
        self.input.clear()
        if self._editing is not None:
            msg_id, self._editing = self._editing, None
            self.edit_banner.hide()
            self.edit_resend_requested.emit(msg_id, text)
        else:
            self.send_requested.emit(text)

    def begin_edit(self, msg_id: int) -> None:
        """Put an earlier message in the input to edit and send again."""
        widget = self._messages.get(msg_id)
        if widget is None or self._replying:
            return
        self._editing = msg_id
        self.input.setPlainText(widget.text())
        self.input.setFocus()
        self.edit_banner.show()

    def cancel_edit(self) -> None:
        """Leave edit mode; the input is emptied."""
        self._editing = None
        self.edit_banner.hide()
        self.input.clear()

    # -- conversations ------------------------------------------------------------------------

    def set_conversations(self, items: list[tuple[int, str, str]], current: int | None) -> None:
        """List conversations as (id, title, when), marking the current one."""
        self.history_box.set_conversations(items, current)

    def set_title(self, title: str) -> None:
        """Show the current conversation's title."""
        self.title_edit.setText(title)
        self.title_edit.setCursorPosition(0)  # show a long title's start, not its end

    def set_persona(self, text: str) -> None:
        """Show the current conversation's system prompt (without saving it again)."""
        self.persona_edit.blockSignals(True)
        self.persona_edit.setPlainText(text)
        self.persona_edit.blockSignals(False)

    def persona(self) -> str:
        """The system prompt as typed."""
        return self.persona_edit.toPlainText()

    def _rename(self) -> None:
        self.rename_requested.emit(self.title_edit.text().strip())

    # -- transcript ---------------------------------------------------------------------------

    def clear_messages(self) -> None:
        """Empty the transcript."""
        for widget in self._messages.values():
            widget.deleteLater()
        self._messages.clear()
        self.empty_label.show()
        self.cancel_edit()

    def add_message(self, msg_id: int, role: str, text: str, complete: bool = True) -> None:
        """Append a message to the transcript."""
        widget = MessageWidget(msg_id, role)
        widget.set_text(text, complete)
        widget.copy_clicked.connect(lambda i: self.copy_requested.emit(self.message_text(i)))
        widget.insert_clicked.connect(lambda i: self.insert_requested.emit(self.message_text(i)))
        widget.edit_clicked.connect(self.begin_edit)
        widget.regenerate_clicked.connect(self.regenerate_requested)
        self.transcript_layout.insertWidget(self.transcript_layout.count() - 1, widget)
        self._messages[msg_id] = widget
        self.empty_label.hide()
        self._update_message_buttons()
        self._scroll_to_end()

    def update_message(self, msg_id: int, text: str, complete: bool = True) -> None:
        """Change a message's text (a reply streaming in)."""
        widget = self._messages.get(msg_id)
        if widget is not None:
            bar = self.scroll.verticalScrollBar()
            at_end = bar.value() >= bar.maximum() - 4
            widget.set_text(text, complete)
            if at_end:  # follow the reply, unless the writer scrolled up to read
                self._scroll_to_end()

    def remove_messages_from(self, msg_id: int) -> None:
        """Drop `msg_id` and every later message from the transcript."""
        for key in [k for k in self._messages if k >= msg_id]:
            self._messages.pop(key).deleteLater()
        self.empty_label.setVisible(not self._messages)
        self._update_message_buttons()

    def set_message_note(self, msg_id: int, text: str) -> None:
        """A small note under a message (e.g. the context was cut)."""
        widget = self._messages.get(msg_id)
        if widget is not None:
            widget.set_truncated_note(text)

    def message_text(self, msg_id: int) -> str:
        """The text of a message shown."""
        widget = self._messages.get(msg_id)
        return widget.text() if widget else ""

    def message_widgets(self) -> list[MessageWidget]:
        """The messages shown, in order."""
        return [self._messages[k] for k in sorted(self._messages)]

    def _update_message_buttons(self) -> None:
        widgets = self.message_widgets()
        last_reply = next((w for w in reversed(widgets) if w.role == ASSISTANT), None)
        for widget in widgets:
            for key, button in widget.buttons.items():
                if key == "regenerate":
                    button.setVisible(widget is last_reply)
                    button.setEnabled(not self._replying)
                elif key == "edit":
                    button.setEnabled(not self._replying)

    def _scroll_to_end(self) -> None:
        QTimer.singleShot(0, lambda: self.scroll.verticalScrollBar().setValue(10**9))

    # -- state shown ---------------------------------------------------------------------------

    def set_replying(self, replying: bool) -> None:
        """While a reply streams: Stop on, Send/Edit/Regenerate off (with the reason)."""
        self._replying = replying
        self.stop_button.setEnabled(replying)
        self.send_button.setEnabled(not replying)
        self.send_button.setToolTip(
            self.tr("Wait for the reply to finish, or press Stop")
            if replying
            else self.tr("Send the message (Enter)")
        )
        self._update_message_buttons()

    def set_status(self, text: str) -> None:
        """The small line under the input."""
        self.status_label.setText(translated(text))

    def set_stats(self, text: str) -> None:
        """Tokens/s and stop reason of the last reply."""
        self.stats_label.setText(text)

    def set_prompt(self, prompt: str, truncated: bool) -> None:
        """Show the exact prompt of the last reply."""
        note = self.tr("[Older messages or the start of the document were left out to fit.]")
        self.prompt_viewer.set_prompt(prompt, truncated, note)

    # -- document context ------------------------------------------------------------------

    def context_mode(self) -> str:
        """SELECTION, DOCUMENT or "" (no document text with the message)."""
        if self.use_selection.isChecked():
            return SELECTION
        return DOCUMENT if self.use_document.isChecked() else ""

    def clear_context(self) -> None:
        """Remove the context chip (both boxes unchecked)."""
        self.use_selection.setChecked(False)
        self.use_document.setChecked(False)

    def set_context_sizes(self, selection_words: int, document_words: int) -> None:
        """Word counts of the selection and the document, for the chip."""
        self._words = {SELECTION: selection_words, DOCUMENT: document_words}
        self._update_chip()

    def _context_toggled(self, which: str, on: bool) -> None:
        if on:  # one source at a time: the selection is part of the document
            other = self.use_document if which == SELECTION else self.use_selection
            other.setChecked(False)
        self._update_chip()

    def _update_chip(self) -> None:
        mode = self.context_mode()
        if not mode:
            self.chip.hide()
            return
        words = self._words[mode]
        if mode == SELECTION:
            text = self.tr("Selection · %1 words") if words else self.tr("Selection · none yet")
        else:
            text = self.tr("Whole document · %1 words")
        self.chip.set_text(text.replace("%1", f"{words:,}"))
        self.chip.show()
