"""Tell the writer, once, what happened to their settings file at start.

`load_settings` never fails: it moves a corrupt file aside, migrates an old one and
resets invalid values. The window says so in one note, then the settings are saved
at once, so the same note does not come back on the next start.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from assistant.settings_file import LoadResult, save_settings
from assistant.ui.shell.i18n import translated

if TYPE_CHECKING:
    from assistant.ui.shell.workspace import Workspace

_KEY = re.compile(r"Setting '([^']+)'")


def _tr(text: str) -> str:
    return QCoreApplication.translate("StartupNotes", text)


def settings_notes(loaded: LoadResult) -> list[str]:
    """Translated sentences about a moved-aside, migrated or partly invalid settings file."""
    notes = []
    if loaded.moved_aside is not None:
        notes.append(
            _tr(
                "Your settings file could not be read, so Writing Assistant started with "
                "default settings. The old file was kept as %1."
            ).replace("%1", str(loaded.moved_aside))
        )
    elif loaded.warnings and not any(_KEY.search(w) for w in loaded.warnings):
        notes.append(
            _tr("There was a problem with your settings: %1").replace(
                "%1", " ".join(translated(warning) for warning in loaded.warnings)
            )
        )
    if loaded.migrated_from is not None:
        notes.append(
            _tr("Your settings from an earlier version of Writing Assistant were carried over.")
        )
    keys = list(dict.fromkeys(m.group(1) for w in loaded.warnings for m in _KEY.finditer(w)))
    if keys:
        notes.append(
            _tr("These settings had values that are not allowed and were reset: %1").replace(
                "%1", ", ".join(keys)
            )
        )
    return notes


def report_settings_problems(workspace: Workspace, loaded: LoadResult) -> bool:
    """Show the notes in the window (once) and save the repaired settings; True if shown."""
    notes = settings_notes(loaded)
    if not notes:
        return False
    workspace.notify(" ".join(notes))
    try:
        save_settings(workspace.settings)  # repaired now, so the note is not repeated next start
    except OSError:
        pass  # the note already told them; saving on close will try again
    return True
