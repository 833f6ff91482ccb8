"""View › Show Model-Written Text: a tint and a dotted underline over every span.

Drawn as an ExtraSelection layer, like the streaming mark: never part of the text,
the undo stack or a save. Text on the tint passes WCAG AA in both themes and the
underline keeps 3:1 against the page, so the marking does not rely on the tint
alone (tests/ui/features/provenance checks both).
"""

from __future__ import annotations

from PySide6.QtGui import QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from assistant.tasks.provenance import Origin
from assistant.ui.shell.theme import colors

LAYER = "provenance"


def selections(
    editor: QPlainTextEdit, ranges: list[tuple[int, int, Origin]]
) -> list[QTextEdit.ExtraSelection]:
    """The marking for spans at these Qt positions, in the current theme's colours."""
    palette = colors()
    fmt = QTextCharFormat()
    fmt.setBackground(palette["model_text_bg"])
    fmt.setForeground(palette["model_text_fg"])
    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    fmt.setUnderlineColor(palette["model_text_mark"])
    document = editor.document()
    out = []
    for start, end, _origin in ranges:
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(document)
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        selection.cursor = cursor
        selection.format = fmt
        out.append(selection)
    return out
