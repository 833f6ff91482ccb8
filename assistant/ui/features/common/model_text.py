"""The one way a flow says "the model's text is in the document now": `announce`.

Provenance and statistics listen to `WorkspaceSignals.model_text_inserted`; the
flows (continue, ghost, rewrite, summarize, chat) know nothing of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from assistant.tasks.provenance import utf16_length
from assistant.ui.shell.workspace import ModelText

if TYPE_CHECKING:
    from assistant.ui.documents.document_tab import DocumentTab
    from assistant.ui.shell.workspace import Workspace


def announce(
    workspace: Workspace,
    tab: DocumentTab,
    position: int,
    text: str,
    task: str,
    parts: Sequence[tuple[int, int]] | None = None,
    accepted_at: datetime | None = None,
) -> None:
    """`text` was inserted at Qt position `position`; the model wrote it (or its `parts`).

    `parts` are (start, end) string offsets into `text`; default: all of it.
    """
    when = accepted_at or datetime.now(timezone.utc)
    for a, b in parts if parts is not None else [(0, len(text))]:
        if b > a:
            start = position + utf16_length(text[:a])
            end = start + utf16_length(text[a:b])
            workspace.signals.model_text_inserted.emit(ModelText(tab, start, end, task, when))
