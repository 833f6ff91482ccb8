"""What the features show when a result did not pass its checks (issue 16).

The pipeline never hands over text that failed its checks: a result either passed
(`method == "model"`), is key sentences of the source (`"extractive"`, summaries),
or carries a one-line `refused` message (a language the model does not write, or no
attempt passed). Here: the wording for "trying again", and the notice with the way
to a better model and, for the curious, the attempt that was rejected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from assistant.engine.generation_result import GenerationResult
from assistant.ui.shell.i18n import translated

if TYPE_CHECKING:
    from assistant.ui.shell.workspace import Workspace


def _tr(text: str) -> str:
    return QCoreApplication.translate("CheckedResult", text)


def trying_again_text(number: int) -> str:
    """The quiet status while attempt `number` (2, 3, ...) replaces a rejected one."""
    return _tr("That attempt did not read well; trying again (attempt %1)…").replace(
        "%1", str(number)
    )


def extractive_note() -> str:
    """The label of a summary made of the text's own key sentences."""
    return _tr(
        "Key sentences from the text: the model's summaries did not pass the checks, so "
        "these are the text's own most central sentences."
    )


def show_refusal(workspace: Workspace, result: GenerationResult) -> None:
    """Tell the writer plainly that nothing is shown and why, with the way forward."""
    if not result.refused:
        return
    workspace.notify(
        result.refused,
        error=True,
        action_text=_tr("Details…"),
        action=lambda: show_details(workspace, result),
    )


def show_details(workspace: Workspace, result: GenerationResult) -> None:
    """The refusal, the reason of the last rejected attempt and (on request) its text."""
    box = QMessageBox(workspace.dialog_parent())
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle(_tr("Nothing was inserted"))
    box.setText(translated(result.refused or ""))
    if result.rejected:
        reason = translated(result.reason) if result.reason else ""
        reason = reason or _tr("it did not pass the checks")
        box.setInformativeText(
            _tr("The model's last attempt was not shown: %1").replace("%1", reason.rstrip("."))
            + "."
        )
        box.setDetailedText(result.rejected[-1])  # "Show Details…": the rejected attempt
    registry = workspace.action_registry
    models = None
    if "models" in registry:
        models = box.addButton(_tr("Open the Model Manager"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    _exec(box)
    if models is not None and box.clickedButton() is models:
        registry["models"].trigger()


def _exec(box: QWidget) -> None:
    """Run a dialog modally (a module function so tests can answer it)."""
    box.exec()  # type: ignore[attr-defined]
