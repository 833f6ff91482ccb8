"""Downloads against a local stand-in for the Hub (tests/hub_server.py), never mocked.

The tiny model's files are served on 127.0.0.1 with the Hub's headers; the Model
manager's mirror setting points at it, as a writer in China points it at a mirror.
"""

from __future__ import annotations

import hashlib
import socket
import threading
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from assistant.engine import catalog as model_catalog
from assistant.engine import hub
from assistant.settings import Settings
from assistant.settings_file import load_settings
from assistant.ui.dialogs.models import questions
from assistant.ui.dialogs.models.model_manager import ModelManagerDialog
from tests.hub_server import FakeHub

REPO = "test-org/tiny-chat"


@pytest.fixture
def fake_hub(tiny_model_dir) -> Iterator[FakeHub]:
    with FakeHub(tiny_model_dir, REPO) as server:
        yield server


@pytest.fixture
def manager(qtbot, controller, fake_hub) -> Iterator[ModelManagerDialog]:
    settings = Settings()
    settings.model.hf_endpoint = fake_hub.endpoint
    dialog = ModelManagerDialog(settings, controller)
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    dialog.reject()


@pytest.fixture
def small_blocks(monkeypatch) -> int:
    """Read the transfer in 8 KiB blocks (huggingface_hub's default is 10 MB, more than the
    tiny model), so a cancel can land mid-file."""
    from huggingface_hub import constants

    monkeypatch.setattr(constants, "DOWNLOAD_CHUNK_SIZE", 8192)
    return 8192


def _model_gets(server: FakeHub) -> list[str | None]:
    """The Range headers of the GET requests for model.safetensors."""
    return [r for m, p, r in server.requests if m == "GET" and p.endswith("/model.safetensors")]


def test_download_asks_to_lift_offline_mode_then_verifies(qtbot, manager, fake_hub, monkeypatch):
    asked = []
    monkeypatch.setattr(questions, "confirm", lambda _p, t, text: asked.append(text) or True)
    box = manager.download
    qtbot.keyClicks(box.repo_edit, REPO)
    with qtbot.waitSignal(box.downloaded, timeout=30_000) as done:
        qtbot.mouseClick(box.download_button, Qt.MouseButton.LeftButton)
        assert box.cancel_button.isEnabled()
    assert len(asked) == 1 and "Offline mode" in asked[0]
    assert manager.settings.offline_mode is False
    assert load_settings().settings.offline_mode is False  # saved
    folder = done.args[0]
    assert folder == hub.target_dir(REPO)
    for name in ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"):
        assert (folder / name).read_bytes() == fake_hub.files[name]
    assert not (folder / hub.PARTIAL_DIR).exists()
    assert "downloaded and verified" in box.status.text()
    row = next(r for r in manager._rows if r.origin == model_catalog.DOWNLOADED)
    assert row.name == REPO and row.architecture == "llama" and row.chat is True
    assert manager.selected_row() is row  # ready to "Use This Model"


def test_download_refused_while_offline_mode_stays_on(qtbot, manager, fake_hub, monkeypatch):
    monkeypatch.setattr(questions, "confirm", lambda *_a: False)
    manager.download.repo_edit.setText(REPO)
    assert not manager.download.start()
    assert "offline mode is on" in manager.download.status.text()
    assert fake_hub.requests == []  # not a single connection
    assert manager.settings.offline_mode is True


def test_resume_after_cancel_keeps_the_partial_file(fake_hub, small_blocks):
    size = len(fake_hub.files["model.safetensors"])
    fake_hub.pause_after["model.safetensors"] = 5 * small_blocks
    cancel = threading.Event()
    start: dict[str, int] = {}

    def progress(done: int, total: int, name: str) -> None:
        if name == "model.safetensors":
            base = start.setdefault(name, done)  # first report: before any byte of it
            if done - base >= 40_000:
                cancel.set()  # the writer pressed Cancel mid-file

    with pytest.raises(hub.DownloadCancelled):
        hub.download(REPO, endpoint=fake_hub.endpoint, progress=progress, cancel=cancel)
    fake_hub.release.set()
    part = hub.target_dir(REPO) / hub.PARTIAL_DIR / "model.safetensors.part"
    kept = part.stat().st_size
    assert kept == 5 * small_blocks < size  # every byte received before the cancel was kept
    assert hub.downloaded_models() == []  # incomplete downloads are not offered
    # "Restart": a new call picks up where the last one stopped.
    folder = hub.download(REPO, endpoint=fake_hub.endpoint)
    assert _model_gets(fake_hub)[-1] == f"bytes={kept}-"
    digest = hashlib.sha256((folder / "model.safetensors").read_bytes()).hexdigest()
    assert digest == hashlib.sha256(fake_hub.files["model.safetensors"]).hexdigest()
    assert hub.downloaded_models() == [(REPO, folder)]


def test_dropped_connection_resumes_within_the_download(fake_hub, small_blocks):
    fake_hub.drop_after["model.safetensors"] = 30_000  # 3 whole blocks and a bit
    folder = hub.download(REPO, endpoint=fake_hub.endpoint)
    assert _model_gets(fake_hub) == [None, f"bytes={3 * small_blocks}-"]
    assert (folder / "model.safetensors").read_bytes() == fake_hub.files["model.safetensors"]


def test_checksum_mismatch_is_refused_and_nothing_is_used(qtbot, manager, fake_hub, monkeypatch):
    fake_hub.corrupt.add("model.safetensors")
    monkeypatch.setattr(questions, "confirm", lambda *_a: True)
    box = manager.download
    box.repo_edit.setText(REPO)
    with qtbot.waitSignal(box.downloads.failed, timeout=30_000) as failed:
        box.start()
    assert failed.args[2] is False  # an error, not a cancel
    assert "checksum" in box.status.text()
    folder = hub.target_dir(REPO)
    assert not (folder / "model.safetensors").exists()
    assert not (folder / hub.PARTIAL_DIR / "model.safetensors.part").exists()
    assert hub.downloaded_models() == []
    assert not any(r.origin == model_catalog.DOWNLOADED for r in manager._rows)


def test_small_files_are_checked_against_their_git_blob_id(fake_hub):
    fake_hub.corrupt.add("tokenizer.json")
    with pytest.raises(hub.ChecksumMismatch, match="tokenizer.json"):
        hub.download(REPO, endpoint=fake_hub.endpoint)


def test_cancel_button_stops_a_running_download(
    qtbot, manager, fake_hub, monkeypatch, small_blocks
):
    monkeypatch.setattr(questions, "confirm", lambda *_a: True)
    fake_hub.pause_after["model.safetensors"] = 2 * small_blocks
    box = manager.download
    box.repo_edit.setText(REPO)
    box.start()
    qtbot.waitUntil(
        lambda: "model.safetensors" in box.status.text() and box.progress.value() >= 16,
        timeout=20_000,
    )  # two blocks in, the server holds the rest
    with qtbot.waitSignal(box.downloads.failed, timeout=20_000) as failed:
        qtbot.mouseClick(box.cancel_button, Qt.MouseButton.LeftButton)
        fake_hub.release.set()
    assert failed.args[2] is True
    assert "cancelled" in box.status.text() and "resume" in box.status.text()
    assert box.download_button.isEnabled()


def test_unreachable_server_gives_a_clear_error(qtbot, manager, monkeypatch):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    manager.settings.offline_mode = False
    box = manager.download
    box.endpoint_edit.setText(f"http://127.0.0.1:{port}")
    box.repo_edit.setText(REPO)
    with qtbot.waitSignal(box.downloads.failed, timeout=60_000):
        box.start()
    text = box.status.text()
    assert f"Could not reach http://127.0.0.1:{port}" in text
    assert "internet connection" in text


def test_unknown_repo_and_bad_input(qtbot, manager, fake_hub, monkeypatch):
    monkeypatch.setattr(questions, "confirm", lambda *_a: True)
    box = manager.download
    box.repo_edit.setText("not a repo")
    assert not box.start()
    assert "repository id" in box.status.text()
    box.repo_edit.setText("test-org/nope")
    with qtbot.waitSignal(box.downloads.failed, timeout=30_000):
        box.start()
    assert "not found" in box.status.text()


def test_single_gguf_file_download(tmp_path, default_model_file):
    folder = tmp_path / "gguf-repo"
    folder.mkdir()
    (folder / "tiny.gguf").write_bytes(default_model_file.read_bytes()[:300_000])
    (folder / "README.md").write_text("a model card")
    with FakeHub(folder, "gguf-org/tiny-gguf") as server:
        path = hub.download("gguf-org/tiny-gguf", filename="tiny.gguf", endpoint=server.endpoint)
    assert path.name == "tiny.gguf" and path.stat().st_size == 300_000
    assert not (path.parent / "README.md").exists()
    assert hub.downloaded_models() == [("gguf-org/tiny-gguf", path)]
