"""The Style menu in the main window: learn a voice, choose it, use paragraphs as examples.

Training itself is replaced by a scripted one (the engine's training is tested on a
tiny model in tests/engine/test_voice.py): here the dialog, its thread, cancel and
the stored voice are what a writer sees.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from assistant.engine import voice_training
from assistant.engine.voice_training import TrainingCancelled, TrainProgress, TrainResult
from assistant.storage.voices import VoiceStore
from assistant.ui.dialogs.models import questions, voices_box
from assistant.ui.features.voice import dialog as voice_dialog
from tests.voice_texts import HARBOUR_STORY

CTRL = Qt.KeyboardModifier.ControlModifier
SAMPLES = {
    "prompt": "The ferry left at six,",
    "base": ["and the sea was blue.", "it was a day.", "the boat was a boat."],
    "voice": ["and Maud was on it.", "the gulls had the harbour.", "she wrote nothing yet."],
}


def store_voice(name: str = "Maud", embedded: bool = True) -> str:
    """A voice on disk as training leaves it (the adapter bytes are not read here)."""
    meta = {
        "name": name,
        "base": {
            "name": "SmolLM2-135M-Instruct" if embedded else "other-model",
            "embedded": embedded,
            "setting": None if embedded else "/models/other-model",
        },
        "words": 638,
        "ppl_before": 40.0,
        "ppl_after": 24.0,
        "samples": SAMPLES,
    }
    return VoiceStore().add(meta, b"adapter", {"r": 16}).voice_id


@pytest.fixture
def texts(tmp_path: Path) -> Path:
    file = tmp_path / "harbour.txt"
    file.write_text(HARBOUR_STORY, encoding="utf-8")
    return file


@pytest.fixture
def scripted_training(monkeypatch: pytest.MonkeyPatch):
    """train_voice replaced: a few steps with progress, honouring pause and cancel."""
    calls: list[dict] = []
    hold = threading.Event()

    def fake_train(name, texts, model=None, progress=None, cancel=None, pause=None, **_kw):
        calls.append({"name": name, "texts": texts, "model": model})
        for step in range(1, 5):
            while (pause is not None and pause.is_set()) or hold.is_set():
                if cancel.wait(0.02):
                    raise TrainingCancelled()
            if cancel.is_set():
                raise TrainingCancelled()
            progress(TrainProgress("training", step / 4, step=step, steps=4, eta_s=90.0))
            time.sleep(0.02)
        voice_id = store_voice(name)
        voice = VoiceStore().get(voice_id)
        return TrainResult(voice, 638, 573, 65, 12.0, 40.0, 24.0, SAMPLES)

    monkeypatch.setattr(voice_training, "train_voice", fake_train)
    return calls, hold


def open_learn_dialog(window, monkeypatch, texts: Path):
    window.action_registry["learn_voice"].trigger()
    dialog = window.features.voice.dialog
    monkeypatch.setattr(voice_dialog, "ask_files", lambda _parent: [str(texts)])
    dialog.add_files_button.click()
    return dialog


def test_style_menu_lists_the_voice_commands(window) -> None:
    titles = [a.text() for a in window.action_registry.menus["style"].actions()]
    assert "&Learn My Voice…" in titles
    assert "Use My &Paragraphs as Examples" in titles
    assert "&Voice Everywhere" in titles and "Voice for This &Document" in titles


def test_learning_a_voice_shows_before_and_after_and_can_use_it(
    qtbot, window, monkeypatch, texts, scripted_training
) -> None:
    calls, _hold = scripted_training
    dialog = open_learn_dialog(window, monkeypatch, texts)
    assert "638 words in one file." in dialog.words_label.text()
    assert "not much to learn from" in dialog.words_label.text()  # below 5,000 words
    dialog.name_edit.clear()
    qtbot.keyClicks(dialog.name_edit, "Maud")
    with qtbot.waitSignal(dialog.voice_trained, timeout=5000):
        dialog.start_button.click()
    assert calls[0]["name"] == "Maud" and calls[0]["texts"] == [HARBOUR_STORY]
    assert "40.0 to 24.0: 40 % lower" in dialog.measure_label.text()
    assert dialog.samples.rowCount() == 3
    assert dialog.samples.item(0, 0).text() == "and the sea was blue."
    assert dialog.samples.item(0, 1).text() == "and Maud was on it."
    assert "Learned “Maud” from 638 words" in dialog.status.text()

    voice_id = VoiceStore().find("Maud").voice_id
    dialog.use_button.click()
    assert window.settings.voice.current == voice_id
    assert window.generation.spec.voice == voice_id  # the model reloads with the voice


def test_stopping_a_training_keeps_nothing(
    qtbot, window, monkeypatch, texts, scripted_training
) -> None:
    _calls, hold = scripted_training
    hold.set()  # the training waits after starting, as a long one would
    dialog = open_learn_dialog(window, monkeypatch, texts)
    dialog.start_button.click()
    assert dialog.cancel_button.isEnabled() and not dialog.start_button.isEnabled()
    with qtbot.waitSignal(window.features.voice.training.failed, timeout=5000) as blocker:
        dialog.cancel_button.click()
    assert blocker.args[1] is True  # cancelled, not failed
    assert dialog.status.text() == "Training was cancelled; no voice was stored."
    assert VoiceStore().list() == []


def test_too_few_words_cannot_start(window, monkeypatch, tmp_path: Path) -> None:
    short = tmp_path / "short.txt"
    short.write_text("Only a few words of mine.", encoding="utf-8")
    dialog = open_learn_dialog(window, monkeypatch, short)
    assert "A voice needs at least 500 words." in dialog.words_label.text()
    assert not dialog.start_button.isEnabled()


def test_choosing_a_voice_everywhere_reloads_the_model_with_it(qtbot, window) -> None:
    voice_id = store_voice()
    other = store_voice("Other model's", embedded=False)
    feature = window.features.voice
    feature.rebuild_menus()
    entries = {a.text(): a for a in feature.everywhere_menu.actions()}
    assert not entries["Other model's (for other-model)"].isEnabled()
    with qtbot.waitSignal(window.generation.model_loaded, timeout=5000):
        entries["Maud"].trigger()
    assert window.settings.voice.current == voice_id
    assert window.generation.spec.voice == voice_id
    assert other != voice_id


def test_paragraphs_as_examples_go_into_the_continue_prompt(
    qtbot, window, fake, monkeypatch, texts
) -> None:
    monkeypatch.setattr(voice_dialog, "ask_files", lambda _parent: [str(texts)])
    window.action_registry["voice_examples"].trigger()  # asks for the texts the first time
    assert window.settings.voice.examples is True
    assert window.settings.voice.example_paths == [str(texts)]
    fake.enqueue(" and the gulls rose.")
    editor = window.current_editor()
    qtbot.keyClicks(editor, "In winter the ferry did not come, and the island waited.")
    with qtbot.waitSignal(window.generation.finished, timeout=5000):
        qtbot.keyClick(editor, Qt.Key.Key_J, CTRL)
    prompt = fake.requests[-1].prompt
    examples, _sep, document = prompt.partition("\n\n* * *\n\n")
    assert document == "In winter the ferry did not come, and the island waited."
    assert "In winter the ferry sometimes did not come." in examples  # the most similar one
    assert examples.rstrip().endswith("listened to the wind.")  # best example nearest the text


def test_model_manager_lists_renames_and_removes_voices(qtbot, window, monkeypatch) -> None:
    voice_id = store_voice()
    manager = window.features.preferences.open_model_manager()
    box = manager.voices
    assert box.tree.topLevelItemCount() == 1
    row = [box.tree.topLevelItem(0).text(c) for c in range(box.tree.columnCount())]
    assert row[0] == "Maud" and row[1] == "SmolLM2-135M-Instruct" and row[3] == "638"
    assert row[5].startswith("40.0 → 24.0")
    assert box.select(voice_id)
    monkeypatch.setattr(voices_box, "ask_new_name", lambda _parent, _current: "Maud at sea")
    box.rename_button.click()
    assert VoiceStore().get(voice_id).name == "Maud at sea"
    monkeypatch.setattr(questions, "confirm", lambda *_args: True)
    box.remove_button.click()
    assert VoiceStore().list() == []
    assert box.tree.topLevelItemCount() == 0
    manager.reject()


def test_a_document_keeps_its_own_voice_and_others_follow_everywhere(
    qtbot, window, tmp_path: Path
) -> None:
    voice_id = store_voice()
    letter = tmp_path / "letter.txt"
    letter.write_text("Dear Maud,", encoding="utf-8")
    window.open_paths([str(letter)])
    feature = window.features.voice
    feature.rebuild_menus()
    entries = {a.text(): a for a in feature.document_menu.actions()}
    with qtbot.waitSignal(window.generation.model_loaded, timeout=5000):
        entries["Maud"].trigger()
    assert window.settings.voice.documents == {str(letter): voice_id}
    assert window.settings.voice.current == ""  # only this document
    assert window.generation.spec.voice == voice_id
    with qtbot.waitSignal(window.generation.model_loaded, timeout=5000):
        window.action_registry["new"].trigger()  # another document: no voice there
    assert window.generation.spec.voice == ""
    with qtbot.waitSignal(window.generation.model_loaded, timeout=5000):
        window.show_tab(next(t for t in window.documents() if t.path == letter))
    assert window.generation.spec.voice == voice_id
