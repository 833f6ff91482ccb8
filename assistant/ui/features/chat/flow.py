"""Chat beside the document: conversations in SQLite, replies streamed from the worker.

Every message is written to `ChatHistory` as it happens (a streaming reply is saved
as incomplete every half second and completed at the end), so a conversation is
there after a restart, even after a crash mid-reply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QObject
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from assistant.engine.generation_result import GenerationResult
from assistant.storage.chat_database import ChatHistoryError
from assistant.storage.chat_history import ChatHistory, Message
from assistant.ui.features.chat.panel import SELECTION, ChatPanel
from assistant.ui.features.chat.reply import Reply, chat_spec, conversation_title
from assistant.ui.features.common.checked import trying_again_text
from assistant.ui.features.common.model_text import announce
from assistant.ui.features.common.panel_parts import queued_text, stats_text
from assistant.ui.generation.job import GenerationJob
from assistant.ui.shell.after_paint import after_first_paint
from assistant.ui.shell.i18n import translated

if TYPE_CHECKING:
    from assistant.ui.shell.workspace import Workspace


def ask_delete_conversation(parent: QWidget | None, title: str) -> bool:
    """Ask before deleting a conversation for good. A module function so tests can replace it."""
    tr = QCoreApplication.translate
    answer = QMessageBox.question(
        parent,
        tr("Chat", "Delete conversation"),
        tr("Chat", "Delete “%1” and all its messages? This cannot be undone.").replace("%1", title),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Yes


class ChatFlow(QObject):
    """Owns the chat history database and the one reply in progress."""

    def __init__(self, workspace: Workspace, panel: ChatPanel) -> None:
        super().__init__(panel)
        self.ws = workspace
        self.panel = panel
        self.conv_id: int | None = None
        self._messages: list[Message] = []
        self._reply: Reply | None = None
        self._history: ChatHistory | None = None
        self._history_opened = False
        # The window does not wait for SQLite: the database opens after the first
        # paint, or earlier when something asks for it.
        after_first_paint(self._open_history)

    @property
    def history(self) -> ChatHistory | None:
        """The chat database, opened on first use; None when it could not be opened."""
        if not self._history_opened:
            self._open_history()
        return self._history

    def _open_history(self) -> None:
        """Open the database and show the latest conversation (once)."""
        if self._history_opened:
            return
        self._history_opened = True
        try:
            self._history = ChatHistory()
        except ChatHistoryError as exc:
            self.panel.set_status(translated(exc))
            self.panel.input.setEnabled(False)
            self.panel.send_button.setEnabled(False)
            return
        recent = self._read(self._history.list_conversations) or []
        if recent:
            self.open(recent[0].id)
        else:
            self._show_empty_chat()  # the writer's cursor stays in the document

    # -- conversations ---------------------------------------------------------------------

    def new_chat(self) -> None:
        """Start an empty conversation (stored once the first message is sent)."""
        self._stop_for_switch()
        self._show_empty_chat()
        self.panel.input.setFocus()

    def _show_empty_chat(self) -> None:
        self.conv_id = None
        self._messages = []
        self.panel.clear_messages()
        self.panel.set_title("")
        self.panel.set_persona(self.ws.settings.chat_persona)
        self.panel.set_stats("")
        self.refresh_list()

    def open(self, conv_id: int) -> None:
        """Show a stored conversation."""
        if self.history is None or conv_id == self.conv_id:
            return
        conv = self._read(self.history.conversation, conv_id)
        messages = self._read(self.history.messages, conv_id) if conv is not None else None
        if conv is None or messages is None:
            self.refresh_list()
            return
        self._stop_for_switch()
        self.conv_id = conv_id
        self._messages = messages
        self.panel.clear_messages()
        for m in self._messages:
            if m.role != "system":
                self.panel.add_message(m.id, m.role, m.content, m.complete)
        self.panel.set_title(conv.title)
        self.panel.set_persona(conv.system_prompt or self.ws.settings.chat_persona)
        self.panel.set_stats("")
        self.refresh_list()

    def rename(self, title: str) -> None:
        """Rename the current conversation (an empty title keeps the old one)."""
        if self.history is None or self.conv_id is None:
            return
        conv = self._read(self.history.conversation, self.conv_id)
        if conv is None:
            return
        if not title:
            self.panel.set_title(conv.title)
        elif title != conv.title and self._store(self.history.rename, self.conv_id, title):
            self.refresh_list()

    def delete(self, conv_id: int) -> None:
        """Delete a conversation after asking."""
        if self.history is None:
            return
        conv = self._read(self.history.conversation, conv_id)
        if conv is None or not ask_delete_conversation(self.ws.dialog_parent(), conv.title):
            return
        if conv_id == self.conv_id:
            self._stop_for_switch()
        if not self._store(self.history.delete, conv_id):
            return
        if conv_id == self.conv_id:
            self.conv_id = None
            self.new_chat()
        self.refresh_list()
        self.panel.set_status(self.tr("Deleted “%1”.").replace("%1", conv.title))

    def history_cleared(self) -> None:
        """Every stored conversation was deleted elsewhere (Settings › Privacy)."""
        if self._reply is not None:
            # Its row is gone: stop it and let nothing of it be written back.
            self._reply.job.cancel()
            self._reply = None
            self.panel.set_replying(False)
        self.conv_id = None  # new_chat() must not stop anything or keep the old id
        self.new_chat()
        self.panel.set_status(self.tr("Chat history deleted."))

    def refresh_list(self) -> None:
        """List the conversations matching the search text, newest first."""
        if self.history is None:
            return
        needle = self.panel.search_edit.text().strip()
        convs = self._read(self.history.search, needle) if needle else None
        if not needle:
            convs = self._read(self.history.list_conversations)
        if convs is None:
            return  # unreadable right now (locked): the list stays as it was, the reason shown
        locale = QLocale()
        items = []
        for c in convs:
            when = QDateTime.fromSecsSinceEpoch(int(c.updated_at.timestamp()))
            items.append((c.id, c.title, locale.toString(when, QLocale.FormatType.ShortFormat)))
        self.panel.set_conversations(items, self.conv_id)

    def set_persona(self, text: str) -> None:
        """Store the current conversation's system prompt."""
        if self.history is not None and self.conv_id is not None:
            self._store(self.history.set_system_prompt, self.conv_id, text.strip())

    # -- messages ----------------------------------------------------------------------------

    def send(self, text: str) -> GenerationJob | None:
        """Send the writer's message and ask for a reply; returns the job."""
        if self.history is None or not text.strip() or self._reply is not None:
            return None
        if self.panel.context_mode() and not self.ws.ensure_loaded(self.ws.current_tab()):
            return None  # its text would be the part that has arrived so far
        if self.conv_id is None:
            title = conversation_title(text)
            persona = self.panel.persona().strip()
            conv_id = self._store(self.history.create_conversation, title, persona)
            if conv_id is None:
                self.panel.input.setPlainText(text)  # not saved: keep the text
                return None
            self.conv_id = conv_id
            self.panel.set_title(title)
        msg_id = self._store(self.history.add_message, self.conv_id, "user", text)
        if msg_id is None:
            self.panel.input.setPlainText(text)  # not saved: keep the text
            return None
        self._messages.append(self._message(msg_id, "user", text))
        self.panel.add_message(msg_id, "user", text)
        return self._ask()

    def regenerate(self, msg_id: int) -> GenerationJob | None:
        """Write the last reply again."""
        if self.history is None or self.conv_id is None or self._reply is not None:
            return None
        self._drop_from(msg_id)
        return self._ask()

    def edit_resend(self, msg_id: int, text: str) -> GenerationJob | None:
        """Replace an earlier message (and everything after it) and ask again."""
        if self.history is None or self.conv_id is None or self._reply is not None:
            return None
        self._drop_from(msg_id)
        return self.send(text)

    def stop(self) -> None:
        """Stop the reply; what arrived so far is kept."""
        if self._reply is not None:
            self._reply.job.cancel()

    def copy(self, text: str) -> None:
        """Copy a reply to the clipboard."""
        QApplication.clipboard().setText(text)
        self.panel.set_status(self.tr("Copied."))

    def insert(self, text: str) -> None:
        """Insert a reply at the cursor of the current document (after any selection)."""
        editor = self.ws.current_editor()
        if editor is None or not text.strip():
            return
        if not self.ws.ensure_editable(self.ws.current_tab()):
            return
        cursor = editor.textCursor()
        cursor.setPosition(cursor.selectionEnd())
        position = cursor.position()
        cursor.beginEditBlock()
        cursor.insertText(text.strip())
        cursor.endEditBlock()
        tab = self.ws.current_tab()
        if tab is not None:
            announce(self.ws, tab, position, text.strip(), "chat")
        editor.setTextCursor(cursor)
        editor.setFocus()
        self.panel.set_status(self.tr("Inserted into the document."))

    def _ask(self) -> GenerationJob | None:
        assert self.history is not None and self.conv_id is not None
        context, note = self._context()
        persona = self.panel.persona().strip() or self.ws.settings.chat_persona
        sampling = self.ws.settings.preset("chat").to_sampling()
        spec = chat_spec(self._messages, persona, context, sampling)
        reply_id = self._store(self.history.add_message, self.conv_id, "assistant", "", False)
        if reply_id is None:
            return None
        self._messages.append(self._message(reply_id, "assistant", "", complete=False))
        self.panel.add_message(reply_id, "assistant", "", complete=False)
        job = self.ws.generation.submit(spec)
        reply = self._reply = Reply(job, self.conv_id, reply_id)
        job.queued.connect(lambda position: self.panel.set_status(queued_text(position)))
        job.started.connect(lambda: self.panel.set_status(self.tr("Writing a reply…")))
        job.prompt_built.connect(lambda prompt, cut: self._on_prompt_built(reply, prompt, cut))
        job.chunk.connect(lambda text: self._on_chunk(reply, text))
        job.reset.connect(lambda: self._on_chunk(reply, "", restart=True))
        job.retry.connect(lambda number, _reason: self.panel.set_status(trying_again_text(number)))
        job.finished.connect(lambda result: self._on_finished(reply, result))
        job.failed.connect(lambda message: self._on_failed(reply, message))
        self.panel.set_replying(True)
        waiting = self.ws.generation.running_job is not job
        self.panel.set_status(note or (queued_text(1) if waiting else self.tr("Writing a reply…")))
        return job

    def _context(self) -> tuple[str, str]:
        mode = self.panel.context_mode()
        editor = self.ws.current_editor()
        if not mode or editor is None:
            return "", ""
        if mode == SELECTION:
            cursor = editor.textCursor()
            if not cursor.hasSelection():
                return "", self.tr("No text is selected: the message was sent without it.")
            return cursor.selectedText().replace("\u2029", "\n"), ""
        return editor.toPlainText(), ""

    def _drop_from(self, msg_id: int) -> None:
        assert self.history is not None and self.conv_id is not None
        self._store(self.history.delete_messages_after, self.conv_id, msg_id, True)
        self._messages = [m for m in self._messages if m.id < msg_id]
        self.panel.remove_messages_from(msg_id)

    def _stop_for_switch(self) -> None:
        if self._reply is not None:
            self.stop()
            self.panel.set_status(self.tr("Stopped the reply; what arrived was kept."))

    # -- the reply's job ----------------------------------------------------------------------

    def _on_prompt_built(self, reply: Reply, prompt: str, truncated: bool) -> None:
        """Keep "What the model sees" up to date; remember whether anything was cut."""
        if reply is not self._reply:
            return
        reply.truncated = truncated
        self.panel.set_prompt(prompt, truncated)
        if truncated and reply.conv_id == self.conv_id:
            self.panel.set_message_note(reply.msg_id, self._cut_note())

    def _on_chunk(self, reply: Reply, text: str, restart: bool = False) -> None:
        """Stream the reply into the transcript; save it now and then."""
        if reply is not self._reply:
            return  # stopped and forgotten (history deleted): nothing is written back
        reply.add(text, restart)
        if reply.conv_id == self.conv_id:
            self.panel.update_message(reply.msg_id, reply.text, complete=False)
        if self.history is not None and reply.save_due():
            self._store(self.history.update_message, reply.msg_id, reply.text, False)

    def _on_finished(self, reply: Reply, result: GenerationResult) -> None:
        """Save and show the finished (or stopped) reply."""
        if reply is not self._reply:
            return
        if result.refused:
            self._on_failed(reply, result.refused)
            return
        self._reply = None
        self.panel.set_replying(False)
        text = reply.text.strip() if result.cancelled else result.text
        self.panel.set_stats(stats_text(result.stats))
        if not text.strip():
            self._forget_reply(reply)
            self.panel.set_status(
                self.tr("Stopped before any reply arrived.")
                if result.cancelled
                else self.tr("The model returned no text. Press Regenerate or send again.")
            )
            return
        if self.history is not None:
            self._store(self.history.update_message, reply.msg_id, text, True)
        for m in self._messages:
            if m.id == reply.msg_id:
                m.content, m.complete = text, True
        if reply.conv_id == self.conv_id:
            self.panel.update_message(reply.msg_id, text, complete=True)
        stopped = self.tr("Stopped; the reply so far is kept.")
        self.panel.set_status(stopped if result.cancelled else "")
        self.refresh_list()

    def _on_failed(self, reply: Reply, message: str) -> None:
        """Show the reason; the writer's message goes back into the input box to resend."""
        if reply is not self._reply:
            return
        self._reply = None
        self.panel.set_replying(False)
        self._forget_reply(reply)
        last_user = next((m for m in reversed(self._messages) if m.role == "user"), None)
        if last_user is not None and reply.conv_id == self.conv_id:
            # Sending again would add the same message twice: take it back instead.
            self._drop_from(last_user.id)
            self.panel.input.setPlainText(last_user.content)
        text = self.tr("The reply failed: %1. Your message is back in the box; send it again.")
        self.panel.set_status(text.replace("%1", message.rstrip(".")))

    def _forget_reply(self, reply: Reply) -> None:
        if self.history is not None:
            self._store(self.history.delete_messages_after, reply.conv_id, reply.msg_id, True)
        self._messages = [m for m in self._messages if m.id != reply.msg_id]
        if reply.conv_id == self.conv_id:
            self.panel.remove_messages_from(reply.msg_id)

    # -- helpers -------------------------------------------------------------------------------

    def _cut_note(self) -> str:
        return self.tr(
            "Not everything fit the model's context: older messages or the start of the "
            "document were left out (see What the model sees)."
        )

    def _message(self, msg_id: int, role: str, text: str, complete: bool = True) -> Message:
        from datetime import datetime, timezone

        conv = self.conv_id or 0
        return Message(msg_id, conv, role, text, datetime.now(timezone.utc), complete)

    def _read(self, method, *args):
        """Run one database read; None (and the reason in the panel) if it failed."""
        try:
            return method(*args)
        except ChatHistoryError as exc:
            self.panel.set_status(translated(exc))
            return None

    def _store(self, method, *args):
        """Run one database write; show a failure in the panel instead of raising."""
        try:
            result = method(*args)
        except ChatHistoryError as exc:
            self.panel.set_status(translated(exc))
            return None
        return True if result is None else result

    def close(self) -> None:
        """Close the database (the window is closing); one never opened stays unopened."""
        self._history_opened = True
        if self._history is not None:
            self._history.close()
            self._history = None
