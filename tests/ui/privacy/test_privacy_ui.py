"""Privacy in the window: the canary typed by a writer, the lock, Settings › Privacy, recovery."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from assistant import paths
from assistant.engine.backend import FakeBackend
from assistant.storage import inventory, privacy, reencrypt
from assistant.storage.chat_history import ChatHistory
from assistant.storage.recovery import RecoveryStore
from assistant.ui.privacy import delete_all, startup
from assistant.ui.privacy import passphrase as questions
from assistant.ui.privacy.passphrase import NewPassphraseDialog, UnlockDialog
from assistant.ui.safety import snapshots as snapshot_commands
from tests.storage.privacy_helpers import files_containing, make_orphan

PASS = "correct horse battery"
CANARY = "Quokka-canary-51"
CTRL = Qt.KeyboardModifier.ControlModifier
LEFT = Qt.MouseButton.LeftButton


def _write_like_a_writer(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    """Type the canary into a saved file's editor (autosaved), a chat and a snapshot."""
    window.settings.ghost.enabled = False
    path = tmp_path / "novel.md"
    path.write_text("Chapter one.\n", encoding="utf-8")
    window.open_paths([str(path)])
    editor = window.current_editor()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, f"The {CANARY} in the doc.")
    assert window.features.safety.autosave.autosave_now() == 1
    monkeypatch.setattr(snapshot_commands, "ask_snapshot_name", lambda *_a: f"Snap {CANARY}")
    window.features.safety.actions["take_snapshot"].trigger()
    chat = window.features.chat
    chat.open_chat()
    qtbot.keyClicks(chat.panel.input, f"What does {CANARY} mean?")
    qtbot.keyClick(chat.panel.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not chat.panel.stop_button.isEnabled(), timeout=5000)


def test_canary_reaches_no_file_with_encryption_on(
    qtbot, window, tmp_path, monkeypatch, isolated_home
) -> None:
    reencrypt.enable(PASS)
    _write_like_a_writer(qtbot, window, tmp_path, monkeypatch)
    assert Path(str(paths.chat_db_file()) + "-wal").exists()  # the WAL is among the bytes read
    assert files_containing(isolated_home, CANARY) == []
    # ...while the writer's own file is theirs, untouched by encryption.
    assert (tmp_path / "novel.md").read_text() == "Chapter one.\n"
    assert CANARY in window.features.safety.autosave.store.read(window.current_tab().recovery_id)


def test_canary_is_found_with_encryption_off(
    qtbot, window, tmp_path, monkeypatch, isolated_home
) -> None:
    # The same search finds it without encryption: the test above can fail.
    _write_like_a_writer(qtbot, window, tmp_path, monkeypatch)
    found = files_containing(isolated_home, CANARY)
    assert any(f.startswith("data/recovery/") for f in found)
    assert any(f.startswith("data/snapshots/") for f in found)
    assert any(f.startswith("data/chats.sqlite3") for f in found)


def _lock_screen_text(window) -> str:
    return window.features.privacy.screen.field.text()


def test_ctrl_l_during_a_generation_stops_it_keeps_the_text_and_hides_everything(
    qtbot, window, fake: FakeBackend
) -> None:
    reencrypt.enable(PASS)
    fake.delay_s = 0.05
    fake.enqueue(" ".join(["word"] * 100))
    editor = window.current_editor()
    qtbot.keyClicks(editor, "Begin.")
    qtbot.keyClick(editor, Qt.Key.Key_J, CTRL)
    qtbot.waitUntil(lambda: "word" in editor.toPlainText(), timeout=5000)
    lock = window.features.privacy
    with qtbot.waitSignal(window.generation.finished, timeout=3000) as stopped:
        qtbot.keyClick(editor, Qt.Key.Key_L, CTRL)
    assert stopped.args[1].cancelled and lock.locked
    kept = editor.toPlainText()
    assert kept.startswith("Begin.") and "word" in kept
    qtbot.wait(200)
    assert editor.toPlainText() == kept  # nothing more arrives while locked
    # Every document and panel is hidden; the title names no document; keys do nothing.
    assert not window.centralWidget().isVisible()
    assert not window.features.chat.panel.isVisible()
    assert not window.menuBar().isVisible()
    assert window.windowTitle() == "Writing Assistant (locked)"
    assert not window.action_registry["save"].isEnabled()
    screen = lock.screen
    assert screen.isVisible() and screen.geometry() == window.rect()

    qtbot.keyClicks(screen.field, "not it at all")
    qtbot.keyClick(screen.field, Qt.Key.Key_Return)
    assert lock.locked
    assert screen.problem.text() == "That passphrase is not right. Try again."
    screen.field.clear()
    qtbot.keyClicks(screen.field, PASS)
    qtbot.mouseClick(screen.unlock_button, LEFT)
    assert not lock.locked
    assert window.centralWidget().isVisible() and window.menuBar().isVisible()
    assert window.action_registry["save"].isEnabled()
    assert "Writing Assistant" in window.windowTitle() and "locked" not in window.windowTitle()
    assert editor.toPlainText() == kept


def test_the_lock_needs_encryption_and_says_so(qtbot, window) -> None:
    window.action_registry["lock"].trigger()
    assert not window.features.privacy.locked
    assert "turn on “Encrypt my data”" in window.banner.text


def test_idle_minutes_lock_the_window(qtbot, window) -> None:
    reencrypt.enable(PASS, remember=True)
    lock = window.features.privacy
    lock.set_idle_interval_ms(150)
    qtbot.waitUntil(lambda: lock.locked, timeout=3000)
    # Remembered on this computer: the keyring unlocks without typing.
    assert lock.screen.keyring_button.isVisibleTo(lock.screen)
    qtbot.mouseClick(lock.screen.keyring_button, LEFT)
    assert not lock.locked


def test_typing_keeps_the_idle_lock_away(qtbot, window) -> None:
    reencrypt.enable(PASS)
    lock = window.features.privacy
    lock.set_idle_interval_ms(400)
    editor = window.current_editor()
    for _ in range(8):
        qtbot.keyClicks(editor, "a")
        qtbot.wait(100)
    assert not lock.locked


def test_idle_minutes_from_settings_restart_on_typing_and_stop_when_turned_off(
    qtbot, window
) -> None:
    lock = window.features.privacy
    window.settings.privacy.lock_after_min = 1
    window.signals.settings_applied.emit(None)
    # Some time passes (under load a window event may restart the minute once more;
    # the activity filter goes in after the first paint).
    qtbot.wait(400)
    qtbot.waitUntil(lambda: 0 < lock.idle_timer.remainingTime() <= 59_700, timeout=5000)
    before = lock.idle_timer.remainingTime()
    qtbot.keyClicks(window.current_editor(), "a")
    assert lock.idle_timer.remainingTime() > before  # typing started the minute again
    window.settings.privacy.lock_after_min = 0
    window.signals.settings_applied.emit(None)
    qtbot.keyClicks(window.current_editor(), "b")
    assert not lock.idle_timer.isActive()  # only on demand: typing starts no clock


def test_privacy_page_encrypts_and_a_wrong_passphrase_changes_nothing(
    qtbot, window, monkeypatch, isolated_home
) -> None:
    with ChatHistory() as chats:
        chats.add_message(chats.create_conversation("t"), "user", CANARY)
    monkeypatch.setattr(questions, "ask_new_passphrase", lambda *_a, **_k: (PASS, False))
    dialog = window.features.preferences.open_settings("privacy")
    page = dialog.pages["privacy"]
    assert page.encryption_state.text() == "<b>Your private data is not encrypted.</b>"
    qtbot.mouseClick(page.encrypt_button, LEFT)
    assert page.encryption_state.text() == "<b>Your private data is encrypted.</b>"
    assert page.result.text() == "Your private data is encrypted."
    assert page.change_button.isVisibleTo(page) and not page.encrypt_button.isVisibleTo(page)
    assert files_containing(isolated_home, CANARY) == []

    # The dialog itself keeps asking while the passphrase is wrong.
    unlock = UnlockDialog(None, "t", "t", privacy.check_passphrase)
    qtbot.addWidget(unlock)
    qtbot.keyClicks(unlock.field, "wrong passphrase")
    unlock.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert unlock.problem.text() == "That passphrase is not right. Try again."
    assert unlock.result() == 0 and unlock.passphrase == ""
    unlock.field.clear()
    qtbot.keyClicks(unlock.field, PASS)
    unlock.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert unlock.passphrase == PASS


def test_new_passphrase_dialog_checks_length_and_repeat(qtbot) -> None:
    dialog = NewPassphraseDialog(None, "t", "t")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(dialog.first, "short")
    assert not ok.isEnabled() and "at least 8" in dialog.problem.text()
    qtbot.keyClicks(dialog.first, " but now long enough 42!")
    qtbot.keyClicks(dialog.second, "short but")
    assert not ok.isEnabled() and dialog.problem.text() == "The two passphrases differ."
    qtbot.keyClicks(dialog.second, " now long enough 42!")
    assert ok.isEnabled() and dialog.strength.text() == "Strength: Strong"


def test_delete_all_from_settings_deletes_and_closes_without_saving(
    qtbot, window, monkeypatch, isolated_home
) -> None:
    reencrypt.enable(PASS)
    with ChatHistory() as chats:
        chats.add_message(chats.create_conversation("t"), "user", CANARY)
    (paths.config_dir() / "settings.json").write_text("{}")
    # Typed words wait to be counted: closing after the deletion must not write them.
    qtbot.keyClicks(window.current_editor(), "Words the statistics would count")
    listed: list = []

    def answer(_parent, items):
        listed.extend(items)
        return items

    monkeypatch.setattr(delete_all, "ask_delete_items", answer)
    window._save_settings_on_close = True  # as in the app: the check below means something
    dialog = window.features.preferences.open_settings("privacy")
    qtbot.mouseClick(dialog.pages["privacy"].delete_all, LEFT)
    assert {"settings", "chats", "vault"} <= {item.kind for item in listed}
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=3000)
    assert inventory.stored_items() == []
    assert not (paths.config_dir() / "settings.json").exists()
    assert not privacy.is_encrypted()


def test_delete_all_dialog_lists_sizes_and_unchecked_items_stay(qtbot, isolated_home) -> None:
    (paths.config_dir() / "settings.json").write_text("{}")
    (paths.models_cache_dir() / "weights.bin").write_bytes(b"\0" * 5000)
    items = inventory.stored_items()
    dialog = delete_all.DeleteAllDialog(items)
    qtbot.addWidget(dialog)
    rows = {dialog.list.topLevelItem(i).text(0): dialog.list.topLevelItem(i)
            for i in range(dialog.list.topLevelItemCount())}  # fmt: skip
    assert rows["Converted model cache"].text(1) == "5.0 kB"
    rows["Converted model cache"].setCheckState(0, Qt.CheckState.Unchecked)
    chosen = [i.kind for i in dialog.chosen()]
    assert "settings" in chosen and "converted" not in chosen
    assert f"{len(items) - 1} of {len(items)} items checked" in dialog.total.text()


def test_recovery_after_a_crash_asks_for_the_passphrase_first(qtbot, window, monkeypatch) -> None:
    reencrypt.enable(PASS)
    RecoveryStore(session_id="crashed-run").write("doc0canary", f"Lost {CANARY}", None, "Draft")
    make_orphan("doc0canary")
    privacy.lock()
    asked: list[str] = []

    def type_passphrase(_parent, _title, text, verify):
        asked.append(text)
        assert not verify("wrong passphrase")
        assert verify(PASS)
        return PASS

    monkeypatch.setattr(questions, "ask_passphrase", type_passphrase)
    from assistant.ui.safety import recovery_dialog

    monkeypatch.setattr(
        recovery_dialog,
        "ask_recovery",
        lambda _p, entries: {e.doc_id: recovery_dialog.RecoveryChoice.RESTORE for e in entries},
    )
    restored = window.features.safety.offer_recovery()
    assert "did not close normally" in asked[0]
    assert [t.editor.toPlainText() for t in restored] == [f"Lost {CANARY}"]


def test_start_up_asks_only_when_encrypted_and_not_remembered(monkeypatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(questions, "ask_passphrase", lambda *a: asked.append(a[2]) or None)
    assert startup.unlock_at_start() is True and asked == []  # not encrypted
    reencrypt.enable(PASS)
    privacy.lock()
    assert startup.unlock_at_start() is False  # the writer cancelled
    assert asked and "Enter your passphrase" in asked[0]
    monkeypatch.setenv(privacy.PASSPHRASE_ENV, PASS)
    assert startup.unlock_at_start() is True and len(asked) == 1


@pytest.fixture(autouse=True)
def _no_leftover_lock(window):
    yield
    lock = window.features.privacy
    if lock.locked:  # teardown must be able to close the window
        lock.unlock(PASS)
