"""The bad-input matrix: every input a writer can get wrong gives a clear message and loses
nothing. Each test asserts the message shown (run with -s to print them all)."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.engine.backend import FakeBackend
from assistant.settings import Settings
from assistant.tasks.types import TaskSpec
from assistant.ui import dialogs
from assistant.ui.generation.controller import GenerationController, default_backend_factory
from assistant.ui.shell.main_window import MainWindow


def _shown(case: str, message: str) -> str:
    print(f"\n| {case} | {message} |")
    return message


def _fail(qtbot, controller, spec: TaskSpec) -> str:
    with qtbot.waitSignal(controller.failed, timeout=5000) as blocker:
        controller.submit(spec)
    return blocker.args[1]


def test_empty_document_actions(qtbot, window, controller) -> None:
    window.features.continue_.flow.start()
    qtbot.waitUntil(lambda: window.banner.text != "", timeout=5000)
    assert _shown("continue, empty document", window.banner.text) == (
        "Continue writing failed: Nothing to continue: the document is empty."
    )
    rewrite = _fail(qtbot, controller, TaskSpec(kind="rewrite", text="  \n", style="shorter"))
    assert _shown("rewrite, empty selection", rewrite) == (
        "Nothing to rewrite: select some text first."
    )
    summary = _fail(qtbot, controller, TaskSpec(kind="summarize", text=""))
    assert (
        _shown("summarize, empty document", summary) == "Nothing to summarize: the text is empty."
    )
    assert window.current_editor().toPlainText() == ""


def test_selection_longer_than_the_context(qtbot) -> None:
    small = FakeBackend(context_tokens=256)
    ctl = GenerationController(lambda *_a: small)
    try:
        with qtbot.waitSignal(ctl.model_loaded, timeout=5000):
            ctl.load_model(None, "cpu")
        spec = TaskSpec(
            kind="rewrite", text="A long sentence about the sea. " * 200, style="shorter"
        )
        message = _shown("selection longer than the context", _fail(qtbot, ctl, spec))
        assert message.startswith("The selection is too long for this model's context (about ")
        assert message.endswith("Select less text.")
        assert small.requests == []  # refused before anything reached the model
    finally:
        assert ctl.shutdown()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ("noise.dat", b"\x00\x01\x02\x03" * 100),
    ],
)
def test_binary_file_opened_as_text(window, tmp_path, name, data) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    window.open_paths([str(path)])
    assert (
        _shown("binary file", window.banner.text) == f"“{name}” looks like a binary file, not text."
    )
    assert [t.path for t in window.documents()] == [None]  # nothing half-opened


def test_directory_given_as_a_file(window, tmp_path, monkeypatch) -> None:
    folder = tmp_path / "Chapters"
    folder.mkdir()
    window.open_paths([str(folder)])  # the command line
    expected = "Cannot open “Chapters”: it is a folder, not a file."
    assert _shown("folder on the command line", window.banner.text) == expected
    window.banner.hide()
    monkeypatch.setattr(dialogs, "ask_open_paths", lambda *_a: [str(folder)])
    window.action_registry["open"].trigger()  # File › Open…
    assert _shown("folder from the Open dialog", window.banner.text) == expected
    assert [t.path for t in window.documents()] == [None]


def test_non_ascii_path_round_trip(qtbot, window, tmp_path) -> None:
    folder = tmp_path / "草稿"
    folder.mkdir()
    path = folder / "第一章.txt"
    path.write_bytes("山上有雪。\n".encode())
    window.open_paths([str(path)])
    tab = window.current_tab()
    assert window.tabs.tabText(window.tabs.currentIndex()) == "第一章.txt"
    tab.editor.moveCursor(tab.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(tab.editor, "Snow.")
    assert window.files.save(tab)
    assert path.read_bytes() == "山上有雪。\nSnow.".encode()
    assert window.settings.recent_files[0] == str(path.resolve())
    assert window.banner.text == ""


def test_zero_byte_file(qtbot, window, tmp_path) -> None:
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    window.open_paths([str(path)])
    tab = window.current_tab()
    assert tab.path == path.resolve() and tab.editor.toPlainText() == "" and not tab.modified
    assert window.status.format_label.text() == "UTF-8 · LF"
    assert window.banner.text == ""
    qtbot.keyClicks(tab.editor, "First words")
    assert window.files.save(tab)
    assert path.read_bytes() == b"First words"


@pytest.fixture
def model_controller(qtbot):
    """A controller whose first model is a FakeBackend and later ones go to the real loader."""
    fake = FakeBackend()
    calls = []

    def factory(spec, progress):
        calls.append(spec.model)
        if len(calls) == 1:
            return fake
        return default_backend_factory(replace(spec, device="cpu"), progress)

    ctl = GenerationController(factory)
    with qtbot.waitSignal(ctl.model_loaded, timeout=5000):
        ctl.load_model(None, "cpu")
    yield ctl, fake
    assert ctl.shutdown(30000)


def _bad_models(root: Path, tiny_model_dir: Path) -> list[tuple[str, Path, str]]:
    no_weights = root / "no-weights"
    shutil.copytree(tiny_model_dir, no_weights)
    for weights in no_weights.glob("*.safetensors"):
        weights.unlink()
    truncated = root / "truncated.gguf"
    # A real GGUF header whose tensor table is cut off after the metadata count.
    truncated.write_bytes(b"GGUF" + (3).to_bytes(4, "little") + (10).to_bytes(8, "little") * 2)
    unknown = root / "unknown-arch"
    shutil.copytree(tiny_model_dir, unknown)
    config = json.loads((unknown / "config.json").read_text())
    config.update(model_type="quillformer", architectures=["QuillformerForCausalLM"])
    (unknown / "config.json").write_text(json.dumps(config))
    return [
        ("model folder without weights", no_weights, "has a config.json but no *.safetensors"),
        ("truncated .gguf", truncated, "could not be read as a GGUF model (truncated or damaged?)"),
        ("unknown architecture", unknown, "unknown or unsupported model architecture"),
    ]


def test_bad_models_keep_the_previous_one(
    qtbot, model_controller, tmp_path, tiny_model_dir
) -> None:
    ctl, fake = model_controller
    window = MainWindow(ctl, Settings(), save_settings_on_close=False)
    qtbot.addWidget(window)
    window.show()
    for case, path, expected in _bad_models(tmp_path, tiny_model_dir):
        with qtbot.waitSignal(ctl.model_failed, timeout=60000) as blocker:
            ctl.load_model(str(path), "cpu")
        assert expected in _shown(case, blocker.args[0])
        assert window.banner.text.startswith("The model could not be loaded: ")
        assert window.banner.text.endswith("Still using fake-model.")
        assert window.status.model_label.text().startswith("fake-model")
        # The previous model still answers.
        fake.enqueue(f"after {case}")
        with qtbot.waitSignal(ctl.finished, timeout=5000) as done:
            ctl.submit(TaskSpec(kind="continue", text="The sea "))
        assert done.args[1].text == f"after {case}"
