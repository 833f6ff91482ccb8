"""Provenance in the window, driven like a writer: what the model wrote survives every step.

Each session types, accepts a continuation (Ctrl+J) and an inline suggestion (Tab),
edits inside the accepted text, undoes that, saves, closes and opens the file again;
the spans, the counts and the statistics must be exactly as expected — in English
and in Chinese (typed through an input method). The command line must print what
the window shows.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from assistant import cli
from assistant.storage.provenance import beside_path
from assistant.storage.stats import StatsStore
from assistant.tasks.provenance import utf16_length
from assistant.ui import dialogs
from assistant.ui.features.provenance import tint
from assistant.ui.features.rewrite.diff_view import contrast
from assistant.ui.safety import recovery_dialog
from assistant.ui.safety.recovery_dialog import RecoveryChoice
from assistant.ui.shell.theme import colors

CTRL = Qt.KeyboardModifier.ControlModifier


@dataclass(frozen=True)
class Session:
    """What the writer types and what the model offers, in one language."""

    typed: str  # the writer's first words
    continuation: str  # what Ctrl+J streams in
    before_ghost: str  # typed before the suggestion appears
    ghost: str  # the suggestion the model gives (Tab accepts)
    shown_ghost: str  # as the suggestion is shown after the cleaning
    anchor: str  # typed inside the continuation, just before this text
    inside: str  # what the writer types there
    final: str  # the text saved
    spans: tuple[str, ...]  # the model's text, in order, after the session
    words: int
    model_words: int
    typed_words: int  # words the writer started typing (the undone ones too)


ENGLISH = Session(
    typed="It was late.",
    continuation=" The rain came down.",
    before_ghost=" ",
    ghost=" It poured.",
    shown_ghost="It poured.",
    anchor="rain came",
    inside="cold ",
    final="It was late. The rain came down. It poured.",
    spans=(" The rain came down.", "It poured."),
    words=9,
    model_words=6,
    typed_words=4,
)
CHINESE = Session(
    typed="夜深了。",
    continuation="外面下起了雨。",
    before_ghost="她",
    ghost="撑着伞出门。",
    shown_ghost="撑着伞出门。",
    anchor="下起",
    inside="忽然",
    final="夜深了。外面下起了雨。她撑着伞出门。",
    spans=("外面下起了雨。", "撑着伞出门。"),
    words=15,
    model_words=11,
    typed_words=6,
)


def type_text(qtbot, editor, text: str, chinese: bool) -> None:
    """Type like a writer: keys for English, input-method commits for Chinese."""
    if not chinese:
        qtbot.keyClicks(editor, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(editor, event)


def place_cursor(editor, index: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(utf16_length(editor.toPlainText()[:index]))
    editor.setTextCursor(cursor)


def model_texts(window, tab=None) -> list[str]:
    tab = tab or window.current_tab()
    text = tab.editor.toPlainText()
    return [s.text for s in window.features.provenance.trackers[tab].spans(text)]


@pytest.fixture
def docs(tmp_path):
    """The writer's folder (tmp_path also holds the app's own folders)."""
    folder = tmp_path / "docs"
    folder.mkdir()
    return folder


@pytest.fixture
def win(window, monkeypatch, docs):
    """The window with quick suggestions and a file name ready for Save As."""
    window.settings.ghost.delay_ms = 30
    monkeypatch.setattr(
        dialogs, "ask_save_path", lambda _parent, _suggested: str(docs / "story.txt")
    )
    return window


@pytest.mark.parametrize("session", [ENGLISH, CHINESE], ids=["english", "chinese"])
def test_a_writing_session_keeps_what_the_model_wrote_through_save_close_and_reopen(
    qtbot, win, fake, docs, session: Session, capsys
) -> None:
    chinese = session is CHINESE
    editor = win.current_editor()
    type_text(qtbot, editor, session.typed, chinese)
    fake.enqueue(session.continuation)
    with qtbot.waitSignal(win.generation.finished, timeout=5000):
        qtbot.keyClick(editor, Qt.Key.Key_J, CTRL)
    assert model_texts(win) == [session.continuation]

    fake.enqueue(session.ghost)
    type_text(qtbot, editor, session.before_ghost, chinese)
    ghost = win.features.ghost
    qtbot.waitUntil(
        lambda: ghost.text == session.shown_ghost and not ghost.generating, timeout=3000
    )
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    assert editor.toPlainText() == session.final
    assert model_texts(win) == list(session.spans)

    # The writer types inside the continuation: those characters are theirs...
    place_cursor(editor, session.final.index(session.anchor))
    type_text(qtbot, editor, session.inside, chinese)
    head, tail = session.continuation.split(session.anchor)
    assert model_texts(win) == [head, session.anchor + tail, session.spans[1]]
    # ...and undoing it gives the model its text back, whole.
    qtbot.keyClick(editor, Qt.Key.Key_Z, CTRL)
    assert editor.toPlainText() == session.final
    assert model_texts(win) == list(session.spans)

    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    path = docs / "story.txt"
    assert path.read_text(encoding="utf-8") == session.final  # the document holds only text
    assert list(docs.iterdir()) == [path]  # the record is not beside it by default
    shown = win.features.provenance.document_stats(win.current_tab())
    assert (shown["words"], shown["model_words"]) == (session.words, session.model_words)
    assert shown["model_share"] == round(session.model_words / session.words, 4)
    assert [s["task"] for s in shown["spans"]] == ["continue", "ghost"]
    assert {s["model"] for s in shown["spans"]} == {"fake-model"}
    share = win.features.provenance.share_label
    expected = f"Model: {shown['model_share'] * 100:.0f} %"
    # (the document's word count arrives from its counting thread a moment later)
    qtbot.waitUntil(lambda: share.isVisible() and share.text() == expected, timeout=3000)

    qtbot.keyClick(editor, Qt.Key.Key_W, CTRL)
    assert all(t.path != path.resolve() for t in win.documents())
    win.open_paths([str(path)])
    tab = win.current_tab()
    assert tab.path == path.resolve() and model_texts(win, tab) == list(session.spans)
    again = win.features.provenance.document_stats(tab)
    assert again == shown | {"sessions": again["sessions"]}
    assert again["sessions"] == 1

    # The command line prints what the window shows.
    capsys.readouterr()
    assert cli.main(["stats", str(path), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == again
    assert {"words", "model_words", "model_share", "spans", "sessions"} <= set(printed)

    # And the statistics counted the session exactly.
    win.features.statistics.recorder.flush()
    with StatsStore() as stats:
        (day,) = stats.days()
        tasks = {t.task: t for t in stats.tasks()}
    assert day.typed_words == session.typed_words
    assert day.accepted_words == session.model_words
    ghost_totals, continued = tasks["ghost"], tasks["continue"]
    assert (ghost_totals.shown, ghost_totals.accepted, ghost_totals.dismissed) == (1, 1, 0)
    assert (continued.shown, continued.accepted) == (1, 1)


def test_save_as_keeps_provenance_and_can_put_it_beside_the_file(
    qtbot, win, fake, docs, monkeypatch
) -> None:
    editor = win.current_editor()
    qtbot.keyClicks(editor, "Start.")
    fake.enqueue(" Model words here.")
    with qtbot.waitSignal(win.generation.finished, timeout=5000):
        qtbot.keyClick(editor, Qt.Key.Key_J, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)  # story.txt
    other = docs / "renamed.txt"
    monkeypatch.setattr(dialogs, "ask_save_path", lambda _p, _s: str(other))
    win.settings.provenance.location = "beside"
    win.files.save_as(win.current_tab())
    assert json.loads(beside_path(other).read_text("utf-8"))["spans"][0]["text"] == (
        " Model words here."
    )
    qtbot.keyClick(editor, Qt.Key.Key_W, CTRL)
    win.open_paths([str(other)])
    assert model_texts(win) == [" Model words here."]
    win.open_paths([str(docs / "story.txt")])  # the first name keeps its own record
    assert model_texts(win) == [" Model words here."]


def test_recovery_keeps_provenance(qtbot, win, fake, tmp_path, monkeypatch) -> None:
    editor = win.current_editor()
    qtbot.keyClicks(editor, "Before the crash.")
    fake.enqueue(" The model's part.")
    with qtbot.waitSignal(win.generation.finished, timeout=5000):
        qtbot.keyClick(editor, Qt.Key.Key_J, CTRL)
    qtbot.keyClicks(editor, " Mine again.")
    crashed = win.current_tab()
    autosave = win.features.safety.autosave
    assert autosave.autosave_now() == 1
    # Make the copy look like one a killed run left behind.
    meta_path = autosave.store.directory / f"{crashed.recovery_id}.json"
    meta = json.loads(meta_path.read_text())
    meta["pid"], meta["session_id"] = None, "crashed-run"
    meta_path.write_text(json.dumps(meta))
    monkeypatch.setattr(
        recovery_dialog, "ask_recovery", lambda _p, entries: {
            e.doc_id: RecoveryChoice.RESTORE for e in entries
        },
    )  # fmt: skip
    (restored,) = win.features.safety.offer_recovery()
    assert restored is not crashed
    assert restored.editor.toPlainText() == "Before the crash. The model's part. Mine again."
    assert model_texts(win, restored) == [" The model's part."]


def test_tint_marks_exactly_the_spans_and_reads_well_in_both_themes(qtbot, win, fake) -> None:
    editor = win.current_editor()
    qtbot.keyClicks(editor, "Mine.")
    fake.enqueue(" Theirs.")
    with qtbot.waitSignal(win.generation.finished, timeout=5000):
        qtbot.keyClick(editor, Qt.Key.Key_J, CTRL)
    assert not editor.extraSelections()
    win.action_registry["show_model_text"].trigger()
    assert win.settings.provenance.show_model_text
    (mark,) = editor.extraSelections()
    assert mark.cursor.selectedText() == " Theirs."
    assert editor.toPlainText() == "Mine. Theirs."  # a marking, never text
    qtbot.keyClicks(editor, " More of mine.")
    (mark,) = editor.extraSelections()
    assert mark.cursor.selectedText() == " Theirs."
    win.action_registry["show_model_text"].trigger()
    assert not editor.extraSelections()
    assert tint.LAYER == "provenance"
    for theme in ("light", "dark"):
        c = colors(theme)
        on_tint = contrast(c["model_text_fg"].name(), c["model_text_bg"].name())
        underline = contrast(c["model_text_mark"].name(), c["base"].name())
        assert on_tint >= 4.5 and underline >= 3.0, theme


def test_provenance_report_as_markdown_and_json(qtbot, win, fake, tmp_path, monkeypatch) -> None:
    editor = win.current_editor()
    qtbot.keyClicks(editor, "Opening line.")
    fake.enqueue(" A continuation.")
    with qtbot.waitSignal(win.generation.finished, timeout=5000):
        qtbot.keyClick(editor, Qt.Key.Key_J, CTRL)
    for name in ("report.md", "report.json"):
        monkeypatch.setattr(dialogs, "ask_export_path", lambda *_a, n=name: str(tmp_path / n))
        win.action_registry["provenance_report"].trigger()
    markdown = (tmp_path / "report.md").read_text("utf-8")
    assert "# Provenance report" in markdown
    assert "| continue | fake-model | 2 | 50.0 % | 1 |" in markdown
    data = json.loads((tmp_path / "report.json").read_text("utf-8"))
    assert data["model_share"] == 0.5 and data["spans"][0]["start"] == len("Opening line.")
    assert data["by_task"][0]["task"] == "continue"


def test_rewrite_summary_and_chat_text_is_recorded_with_its_task(qtbot, win, fake) -> None:
    win.settings.ghost.enabled = False  # no suggestion requests of their own meanwhile
    panel = win.features.rewrite.panel
    win.show_panel(panel)
    panel.set_style("longer")  # (a "shorter" rewrite that grew would fail its checks)
    editor = win.current_editor()
    qtbot.keyClicks(editor, "The cat sat.")
    editor.selectAll()
    fake.enqueue("The old cat sat down.")
    qtbot.keyClick(editor, Qt.Key.Key_R, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(panel.current_attempt() and panel.current_attempt().done))
    qtbot.mouseClick(panel.replace_button, Qt.MouseButton.LeftButton)
    # Only what the rewrite changed is the model's: "The", "cat sat" stay the writer's.
    assert editor.toPlainText() == "The old cat sat down."
    assert model_texts(win) == [" old", " down"]
    win.features.summarize.flow.insert("A short summary.", "top")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    win.features.chat.flow.insert(" A chat reply.")
    text = editor.toPlainText()
    spans = win.features.provenance.trackers[win.current_tab()].spans(text)
    assert [(s.origin.task, s.text) for s in spans] == [
        ("summarize", "A short summary."),
        ("rewrite", " old"),
        ("rewrite", " down"),
        ("chat", "A chat reply."),  # trimmed as the chat panel inserts it
    ]


def test_a_file_changed_elsewhere_keeps_the_model_text_that_is_still_there(
    qtbot, win, fake, docs
) -> None:
    editor = win.current_editor()
    qtbot.keyClicks(editor, "Start.")
    fake.enqueue(" Model sentence.")
    with qtbot.waitSignal(win.generation.finished, timeout=5000):
        qtbot.keyClick(editor, Qt.Key.Key_J, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_S, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_W, CTRL)
    path = docs / "story.txt"
    path.write_text("A new first line.\nStart. Model sentence.", encoding="utf-8")
    win.open_paths([str(path)])
    tab = win.current_tab()
    (span,) = win.features.provenance.trackers[tab].spans(tab.editor.toPlainText())
    assert tab.editor.toPlainText()[span.start : span.end] == " Model sentence."
    qtbot.keyClick(tab.editor, Qt.Key.Key_W, CTRL)
    path.write_text("Start. The writer rewrote it all.", encoding="utf-8")
    win.open_paths([str(path)])
    assert model_texts(win) == []
    assert "1 passage(s) the model wrote are no longer there" in win.banner.text


def test_an_alternative_and_a_suggestion_taken_word_by_word(qtbot, win, fake) -> None:
    panel = win.features.continue_.panel
    panel.alternatives_spin.setValue(2)
    editor = win.current_editor()
    qtbot.keyClicks(editor, "They met")
    fake.enqueue(" by the sea", " in the hills")
    with qtbot.waitSignal(win.generation.finished, timeout=5000):
        qtbot.keyClick(editor, Qt.Key.Key_J, CTRL)
    panel.list.setCurrentRow(2)
    qtbot.mouseClick(panel.insert_button, Qt.MouseButton.LeftButton)
    assert editor.toPlainText() == "They met in the hills"
    assert model_texts(win) == [" in the hills"]
    # Word by word (Ctrl+Right): one suggestion, one span, the words the writer took.
    fake.enqueue(" at dawn, alone.")
    qtbot.keyClicks(editor, ",")  # the caret is after the inserted alternative
    ghost = win.features.ghost
    qtbot.waitUntil(lambda: bool(ghost.text) and not ghost.generating, timeout=3000)
    qtbot.keyClick(editor, Qt.Key.Key_Right, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_Right, CTRL)
    assert editor.toPlainText() == "They met in the hills, at dawn,"
    assert model_texts(win) == [" in the hills", " at dawn,"]
    spans = win.features.provenance.trackers[win.current_tab()].spans(editor.toPlainText())
    assert [s.origin.task for s in spans] == ["continue", "ghost"]
