"""Nothing lost, round 2: the ways a writer's text could vanish that round 1 left open."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time

import pytest
from PySide6.QtCore import Qt

from assistant.storage.recovery import RecoveryStore
from assistant.storage.signature import signature_of
from assistant.ui import dialogs
from assistant.ui.safety import recovery_dialog


def _open(window, path):
    window.open_paths([str(path)])
    return window.current_tab()


@pytest.mark.parametrize(
    "choice", [dialogs.ConflictChoice.CANCEL, dialogs.ConflictChoice.OVERWRITE]
)
def test_save_asks_before_overwriting_another_programs_version(
    qtbot, window, tmp_path, monkeypatch, choice
) -> None:
    path = tmp_path / "chapter.txt"
    path.write_text("Mine from the start.\n", encoding="utf-8")
    tab = _open(window, path)
    qtbot.keyClicks(tab.editor, "My edit. ")
    path.write_text("Their newer version.\n", encoding="utf-8")  # another program saves
    asked: list[str] = []

    def ask(_parent, message, deleted):
        asked.append(message)
        assert not deleted
        return choice

    monkeypatch.setattr(dialogs, "ask_save_over_changed", ask)
    saved = window.files.save(tab)
    assert len(asked) == 1 and "changed by another program" in asked[0]
    if choice is dialogs.ConflictChoice.CANCEL:
        assert not saved and tab.modified
        assert path.read_text(encoding="utf-8") == "Their newer version.\n"
    else:
        assert saved and not tab.modified
        assert path.read_text(encoding="utf-8") == "My edit. Mine from the start.\n"


def test_save_as_keeps_both_versions(qtbot, window, tmp_path, monkeypatch) -> None:
    path = tmp_path / "chapter.txt"
    path.write_text("Mine.\n", encoding="utf-8")
    tab = _open(window, path)
    qtbot.keyClicks(tab.editor, "Edited. ")
    path.write_text("Theirs.\n", encoding="utf-8")
    other = tmp_path / "chapter (mine).txt"
    monkeypatch.setattr(
        dialogs, "ask_save_over_changed", lambda *_a: dialogs.ConflictChoice.SAVE_AS
    )
    monkeypatch.setattr(dialogs, "ask_save_path", lambda *_a: str(other))
    assert window.files.save(tab)
    assert path.read_text(encoding="utf-8") == "Theirs.\n"
    assert other.read_text(encoding="utf-8") == "Edited. Mine.\n"
    assert tab.path == other.resolve()


def test_a_touch_or_identical_rewrite_is_not_a_conflict(qtbot, window, tmp_path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Same bytes.\n", encoding="utf-8")
    tab = _open(window, path)
    qtbot.keyClicks(tab.editor, "More. ")
    later = time.time() + 5
    os.utime(path, (later, later))  # a sync tool touched it; the bytes are the same
    assert window.files.save(tab)  # no question (the conftest fails on one)
    assert path.read_text(encoding="utf-8") == "More. Same bytes.\n"


@pytest.mark.parametrize("answer", [dialogs.SaveChoice.SAVE, dialogs.SaveChoice.DISCARD])
def test_closing_a_document_whose_file_was_deleted_asks(
    qtbot, window, tmp_path, monkeypatch, answer
) -> None:
    path = tmp_path / "only copy.txt"
    path.write_text("The only copy of this text.\n", encoding="utf-8")
    tab = _open(window, path)
    path.unlink()  # another program deletes it; nothing was edited here
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "ask_save_deleted", lambda _p, name: asked.append(name) or answer)
    monkeypatch.setattr(
        dialogs, "ask_save_over_changed", lambda *_a: dialogs.ConflictChoice.OVERWRITE
    )
    assert window.close_tab(window.tabs.indexOf(tab))
    assert asked == ["only copy.txt"]
    if answer is dialogs.SaveChoice.SAVE:
        assert path.read_text(encoding="utf-8") == "The only copy of this text.\n"
    else:
        assert not path.exists()


@pytest.mark.parametrize("when", ["before the answer", "after the answer was written"])
def test_late_ai_text_never_overwrites_typing(qtbot, window, fake, when) -> None:
    editor = window.current_editor()
    qtbot.keyClicks(editor, "The tide came in")
    fake.enqueue(" and the boats rose with it.")
    job = window.features.continue_.flow.start()
    if when == "after the answer was written":
        # The model has finished; its text and "finished" wait in the event queue
        # while the writer, who saw nothing yet, goes on typing at the cursor.
        qtbot.waitUntil(lambda: window.generation.running_job is job, timeout=2000)
        time.sleep(0.3)
    qtbot.keyClicks(editor, ", slowly")
    with qtbot.waitSignal(window.generation.finished, timeout=5000):
        pass
    qtbot.wait(50)
    text = editor.toPlainText()
    assert text.startswith("The tide came in") and ", slowly" in text


def test_recovered_text_of_a_file_changed_since_opens_beside_it(
    qtbot, window, tmp_path, monkeypatch
) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Version one.\n", encoding="utf-8")
    # A run that crashed had edits on top of version one ...
    earlier = RecoveryStore(session_id="an-earlier-run")
    earlier.write(
        "crashed-doc",
        "Unsaved lines. Version one.\n",
        str(path),
        "story.txt",
        {"encoding": "utf-8", "newline": "\n", "bom": False},
        base=signature_of(path),
    )
    meta = earlier.directory / "crashed-doc.json"
    data = json.loads(meta.read_text(encoding="utf-8"))
    data["pid"] = None  # ... and is gone
    meta.write_text(json.dumps(data), encoding="utf-8")
    # ... and since then another program wrote version two.
    path.write_text("Version two, written by someone else.\n", encoding="utf-8")
    monkeypatch.setattr(
        recovery_dialog,
        "ask_recovery",
        lambda _p, entries: {e.doc_id: recovery_dialog.RecoveryChoice.RESTORE for e in entries},
    )
    restored = recovery_dialog.offer_recovery(window, window.features.safety.autosave)
    assert len(restored) == 1
    recovered = restored[0]
    texts = {t.display_name: t.editor.toPlainText() for t in window.documents()}
    assert texts == {
        "story.txt": "Version two, written by someone else.\n",
        "story.txt (recovered)": "Unsaved lines. Version one.\n",
    }
    assert recovered.path is None and recovered.modified
    assert "changed on disk after these edits began" in window.banner.text
    assert path.read_text(encoding="utf-8") == "Version two, written by someone else.\n"


LOCK_HOLDER = textwrap.dedent(
    """
    import sys, time
    from assistant.storage.instances import acquire_document_lock
    assert acquire_document_lock(sys.argv[1]) is None
    print("HELD", flush=True)
    time.sleep(60)
    """
)


def test_a_file_open_in_another_instance_is_named(qtbot, window, tmp_path) -> None:
    path = tmp_path / "shared.txt"
    path.write_text("Open elsewhere.\n", encoding="utf-8")
    other = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "HELD"
        _open(window, path)
        assert "already open in another Writing Assistant window" in window.banner.text
        assert f"process {other.pid}" in window.banner.text
    finally:
        other.kill()
        other.wait()


def test_mixed_line_endings_are_announced_on_open(window, tmp_path) -> None:
    path = tmp_path / "mixed.txt"
    path.write_bytes(b"one\r\ntwo\r\nthree\nfour\r\n")
    _open(window, path)
    assert "mixes line endings" in window.banner.text
    assert "CRLF" in window.banner.text


def test_replace_all_in_a_read_only_document_changes_nothing(qtbot, window, tmp_path) -> None:
    path = tmp_path / "garbled.txt"
    path.write_bytes(bytes(range(0x80, 0x100)) * 20 + b"\n")
    tab = _open(window, path)
    if tab is None or not tab.editor.isReadOnly():
        pytest.skip("these bytes decoded in some encoding on this machine")
    before = tab.editor.toPlainText()
    window.find_bar.open_bar(replace=True)
    window.find_bar.find_edit.setText("\ufffd")
    window.find_bar.replace_edit.setText("x")
    qtbot.mouseClick(window.find_bar.replace_all_button, Qt.MouseButton.LeftButton)
    assert tab.editor.toPlainText() == before
