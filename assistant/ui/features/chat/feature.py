"""Install Chat: the action (menu, context menu, Ctrl+Shift+C), the panel and its flow."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from assistant.ui.features.chat.flow import ChatFlow
from assistant.ui.features.chat.panel import ChatPanel

if TYPE_CHECKING:
    from assistant.ui.shell.workspace import Workspace

#: Ctrl+Shift+C (Ctrl+Shift+U is the Linux input-method Unicode key; not used).
SHORTCUT = "Ctrl+Shift+C"


class ChatFeature(QObject):
    """A private conversation beside the text, optionally about the selection or document."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace.dialog_parent())
        self.ws = workspace
        self.panel = ChatPanel(workspace.dialog_parent())
        workspace.add_panel(self.panel)
        self.flow = ChatFlow(workspace, self.panel)
        self.action = workspace.action_registry.register(
            "chat", self.tr("C&hat"), SHORTCUT, menu="assist", context_menu=True
        )
        self.action.triggered.connect(self.open_chat)
        p, f = self.panel, self.flow
        p.send_requested.connect(f.send)
        p.edit_resend_requested.connect(f.edit_resend)
        p.regenerate_requested.connect(f.regenerate)
        p.stop_requested.connect(f.stop)
        p.new_chat_requested.connect(f.new_chat)
        p.conversation_selected.connect(f.open)
        p.rename_requested.connect(f.rename)
        p.delete_requested.connect(f.delete)
        p.search_changed.connect(lambda _text: f.refresh_list())
        p.persona_changed.connect(f.set_persona)
        p.copy_requested.connect(f.copy)
        p.insert_requested.connect(f.insert)
        signals = workspace.signals
        signals.context_changed.connect(
            lambda context: p.set_context_sizes(context.selected_words, context.document_words)
        )
        signals.chat_history_deleted.connect(f.history_cleared)
        signals.closing.connect(f.close)

    def open_chat(self) -> None:
        """Assist › Chat: show the chat and put the cursor in its input."""
        self.ws.show_panel(self.panel)
        self.panel.input.setFocus()


def install(workspace: Workspace) -> ChatFeature:
    """Add Chat to the workspace."""
    return ChatFeature(workspace)
