"""The Rewrite feature installed into a stub workspace: no main window, no other feature."""

from __future__ import annotations

from PySide6.QtCore import Qt

from assistant.ui.documents.document_tab import DocumentTab
from assistant.ui.features.rewrite.feature import install
from tests.ui.stub_workspace import StubWorkspace


def test_rewrite_works_against_a_stub_workspace(qtbot, controller, fake) -> None:
    workspace = StubWorkspace(controller)
    qtbot.addWidget(workspace.widget)
    feature = install(workspace)
    assert workspace.panels == [feature.panel]
    assert workspace.action_registry["rewrite"].shortcut().toString() == "Ctrl+Shift+R"
    tab = workspace.add_document_tab(DocumentTab())
    qtbot.keyClicks(tab.editor, "The the cat sat on on the mat.")
    tab.editor.selectAll()
    fake.enqueue("The cat sat on the mat.")
    with qtbot.waitSignal(controller.finished, timeout=5000):
        workspace.action_registry["rewrite"].trigger()
    assert fake.requests[-1].task == "rewrite"
    attempt = feature.panel.current_attempt()
    qtbot.waitUntil(lambda: attempt.done, timeout=2000)
    qtbot.mouseClick(feature.panel.replace_button, Qt.MouseButton.LeftButton)
    assert tab.editor.toPlainText() == "The cat sat on the mat."
    tab.editor.undo()
    assert tab.editor.toPlainText() == "The the cat sat on on the mat."
