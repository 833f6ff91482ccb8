"""Settings › Model and the Model manager with a model server (a recorded-reply stand-in)."""

from __future__ import annotations

import json

import keyring
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from assistant import paths
from assistant.engine import catalog
from assistant.settings import Settings
from assistant.ui.dialogs.models.model_manager import ModelManagerDialog
from tests.engine.sse_replay import MODEL, replay_server
from tests.engine.test_secrets import MemoryKeyring

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def memory_keyring():
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    yield ring
    keyring.set_keyring(previous)


@pytest.fixture
def server():
    with replay_server() as served:
        yield served


def test_add_a_server_list_its_models_test_it_and_keep_the_key_out_of_the_file(
    qtbot, window, server, memory_keyring
) -> None:
    url, _state = server
    dialog = window.features.preferences.open_settings("model")
    page = dialog.pages["model"]
    box = page.server
    assert not box.isEnabled()  # a local model is chosen
    qtbot.mouseClick(page.use_server, LEFT)
    assert box.isEnabled() and not page.local_box.isEnabled()
    qtbot.keyClicks(box.url, url.removesuffix("/v1"))  # "/v1" is implied
    qtbot.keyClicks(box.api_key, "sk-test-1")
    qtbot.mouseClick(box.list_button, LEFT)
    qtbot.waitUntil(lambda: box.model.count() == 1, timeout=5000)
    assert box.model.currentText() == MODEL and "1 model" in box.result.text()
    qtbot.mouseClick(box.test_button, LEFT)
    qtbot.waitUntil(lambda: box.result.text().startswith("Connected"), timeout=10000)
    assert "latency" in box.result.text() and "tokens/s" in box.result.text()
    qtbot.mouseClick(dialog.button(QDialogButtonBox.StandardButton.Ok), LEFT)
    raw = paths.settings_file().read_text(encoding="utf-8")
    model = json.loads(raw)["model"]
    assert (model["backend"], model["server_url"], model["server_model"]) == ("openai", url, MODEL)
    assert "sk-test-1" not in raw
    assert memory_keyring.store == {("WritingAssistant model server", url): "sk-test-1"}
    # The window now loads the server's model (the test's factory answers with its fake).
    qtbot.waitUntil(lambda: window.generation.spec.kind == "openai", timeout=2000)
    assert window.generation.spec.server_url == url


def test_a_server_on_another_machine_is_flagged_and_refused_offline(
    qtbot, window, memory_keyring
) -> None:
    dialog = window.features.preferences.open_settings("model")
    box = dialog.pages["model"].server
    qtbot.mouseClick(dialog.pages["model"].use_server, LEFT)
    qtbot.keyClicks(box.url, "http://192.0.2.7:8000/v1")
    assert box.remote_note.isVisibleTo(dialog)
    qtbot.mouseClick(box.test_button, LEFT)
    qtbot.waitUntil(lambda: "Offline mode allows only" in box.result.text(), timeout=5000)
    box.url.clear()
    assert dialog.errors() and "address" in dialog.errors()[0]  # a server needs an address
    dialog.reject()


def test_model_manager_lists_server_models_beside_local_ones(
    qtbot, controller, server, memory_keyring
) -> None:
    url, _state = server
    settings = Settings()
    settings.model.server_url = url
    dialog = ModelManagerDialog(settings, controller)
    qtbot.addWidget(dialog)
    dialog.show()
    try:
        qtbot.waitUntil(lambda: any(r.origin == catalog.SERVER for r in dialog._rows), timeout=5000)
        index = next(i for i, r in enumerate(dialog._rows) if r.origin == catalog.SERVER)
        item = dialog.tree.topLevelItem(index)
        assert item.text(0) == MODEL and item.text(1).startswith("Server 127.0.0.1:")
        dialog.tree.setCurrentItem(item)
        with qtbot.waitSignal(controller.model_loaded, timeout=5000):
            qtbot.mouseClick(dialog.current_button, LEFT)
        assert controller.spec.kind == "openai" and controller.spec.server_model == MODEL
        assert (settings.model.backend, settings.model.server_model) == ("openai", MODEL)
        assert "(current)" in dialog.tree.topLevelItem(index).text(0)
    finally:
        dialog.reject()
