"""Model manager: list, add, remove, set current (real loader, tiny model), caches, memory."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from assistant import paths
from assistant.engine import catalog as model_catalog
from assistant.settings import Settings
from assistant.settings_file import load_settings
from assistant.ui.dialogs.models import questions
from assistant.ui.dialogs.models.model_manager import ModelManagerDialog
from assistant.ui.generation.controller import GenerationController
from tests.hub_server import FakeHub


@pytest.fixture
def manager(qtbot, controller) -> Iterator[ModelManagerDialog]:
    dialog = ModelManagerDialog(Settings(), controller)
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog
    dialog.reject()  # stops its download thread and speed test


def _row(dialog: ModelManagerDialog, path: Path) -> int:
    for i, row in enumerate(dialog._rows):
        if Path(row.path) == Path(path):
            return i
    raise AssertionError(f"{path} not listed: {[r.path for r in dialog._rows]}")


def _cells(dialog: ModelManagerDialog, index: int) -> list[str]:
    item = dialog.tree.topLevelItem(index)
    return [item.text(c) for c in range(dialog.tree.columnCount())]


def test_add_shows_facts_and_remove_keeps_files(qtbot, manager, tiny_model_dir, monkeypatch):
    monkeypatch.setattr(questions, "ask_model_folder", lambda _parent: str(tiny_model_dir))
    qtbot.mouseClick(manager.add_folder_button, Qt.MouseButton.LeftButton)
    cells = _cells(manager, _row(manager, tiny_model_dir))
    assert cells[0] == tiny_model_dir.name
    assert cells[1:4] == ["Added by you", "llama", "31K"]
    assert cells[5:] == ["256", "Chat"]
    assert cells[4].endswith("KB")
    assert load_settings().settings.model.user_models == [str(tiny_model_dir)]
    manager.select_path(tiny_model_dir)
    assert manager.remove_button.isEnabled()
    qtbot.mouseClick(manager.remove_button, Qt.MouseButton.LeftButton)
    assert all(Path(r.path) != tiny_model_dir for r in manager._rows)
    assert load_settings().settings.model.user_models == []
    assert (tiny_model_dir / "model.safetensors").is_file()  # the writer's files stay
    assert "not deleted" in manager.status.text()


def test_adding_a_non_model_explains_why(qtbot, manager, tmp_path, monkeypatch):
    (tmp_path / "weights.bin").write_bytes(b"pickle")
    monkeypatch.setattr(questions, "ask_gguf_file", lambda _p: str(tmp_path / "weights.bin"))
    qtbot.mouseClick(manager.add_gguf_button, Qt.MouseButton.LeftButton)
    assert "pickled" in manager.status.text()
    assert manager.settings.model.user_models == []


def test_embedded_default_is_listed_with_its_metadata(manager, default_model_file):
    cells = _cells(manager, _row(manager, default_model_file))
    assert cells[:4] == ["SmolLM2-135M-Instruct (current)", "Built in", "llama", "135M"]
    assert cells[5:] == ["8192", "Chat"]


def test_set_current_loads_with_the_real_loader(qtbot, tiny_model_dir, monkeypatch):
    controller = GenerationController()  # the real engine loader on the worker thread
    try:
        settings = Settings()
        settings.model.user_models = [str(tiny_model_dir)]
        settings.model.device = "cpu"
        dialog = ModelManagerDialog(settings, controller)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.select_path(tiny_model_dir)
        with qtbot.waitSignal(controller.model_loaded, timeout=120_000) as loaded:
            qtbot.mouseClick(dialog.current_button, Qt.MouseButton.LeftButton)
            assert dialog.progress.isVisible()
            assert not dialog.current_button.isEnabled()  # one load at a time
        assert loaded.args[0].name == tiny_model_dir.name
        assert settings.model.path == str(tiny_model_dir)
        assert load_settings().settings.model.path == str(tiny_model_dir)
        assert "(current)" in _cells(dialog, _row(dialog, tiny_model_dir))[0]
        assert "is ready" in dialog.status.text()
        dialog.reject()
    finally:
        assert controller.shutdown()


def test_model_that_does_not_fit_is_refused_up_front(qtbot, manager, tiny_model_dir, monkeypatch):
    messages = []
    monkeypatch.setattr(questions, "inform", lambda _p, _t, text: messages.append(text))
    monkeypatch.setattr(model_catalog, "free_memory_bytes", lambda: 10_000)
    loads = []
    monkeypatch.setattr(manager.controller, "load_model", lambda *a: loads.append(a))
    manager.settings.model.user_models = [str(tiny_model_dir)]
    manager.refresh()
    manager.select_path(tiny_model_dir)
    qtbot.mouseClick(manager.current_button, Qt.MouseButton.LeftButton)
    assert loads == []
    assert len(messages) == 1
    assert "needs about" in messages[0] and "only 10.0 KB is free" in messages[0]


def test_clear_converted_cache_only_touches_our_cache(qtbot, manager, tiny_model_dir, monkeypatch):
    cache = paths.models_cache_dir() / "tiny-abc123"
    cache.mkdir(parents=True)
    (cache / "model.safetensors").write_bytes(b"x" * 5000)
    (cache / "source.json").write_text(json.dumps({"name": "tiny", "dtype": "float32"}))
    manager.refresh()
    assert any(r.origin == model_catalog.CONVERTED for r in manager._rows)
    monkeypatch.setattr(questions, "confirm", lambda *_a: True)
    qtbot.mouseClick(manager.clear_cache_button, Qt.MouseButton.LeftButton)
    assert not cache.exists()
    assert not any(r.origin == model_catalog.CONVERTED for r in manager._rows)
    assert "Freed 5.0 KB" in manager.status.text()
    assert (tiny_model_dir / "config.json").is_file()


def test_models_in_the_hugging_face_cache_are_listed(qtbot, controller, tiny_model_dir, tmp_path):
    from huggingface_hub import hf_hub_download

    from assistant.engine.hub import hub_online

    hub_cache = tmp_path / "hf-cache"
    with FakeHub(tiny_model_dir, "someone/tiny-chat") as hub, hub_online():
        for name in ("config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"):
            hf_hub_download("someone/tiny-chat", name, cache_dir=hub_cache, endpoint=hub.endpoint)
    dialog = ModelManagerDialog(Settings(), controller, hub_cache=hub_cache)
    qtbot.addWidget(dialog)
    index = next(i for i, r in enumerate(dialog._rows) if r.origin == model_catalog.HF_CACHE)
    cells = _cells(dialog, index)
    assert cells[:3] == ["someone/tiny-chat", "Hugging Face cache", "llama"]
    assert cells[5] == "256"
    assert dialog._rows[index].loadable


def test_recommended_models_show_whether_they_fit(qtbot, controller, monkeypatch):
    monkeypatch.setattr(model_catalog, "free_memory_bytes", lambda: 3 * 10**9)
    dialog = ModelManagerDialog(Settings(), controller)
    qtbot.addWidget(dialog)
    tree = dialog.download.recommended
    rows = {
        tree.topLevelItem(i).text(0): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())
    }
    assert "Qwen/Qwen2.5-0.5B-Instruct" in rows
    assert rows["Qwen/Qwen2.5-0.5B-Instruct"].text(5) == "Yes"
    assert rows["Qwen/Qwen2.5-1.5B-Instruct"].text(5).startswith("No (needs")
    assert rows["Qwen/Qwen2.5-0.5B-Instruct"].text(3) == "Apache-2.0"
    tree.setCurrentItem(rows["HuggingFaceTB/SmolLM2-360M-Instruct"])
    assert dialog.download.repo_edit.text() == "HuggingFaceTB/SmolLM2-360M-Instruct"


def test_speed_test_parses_the_benchmark(qtbot, manager, monkeypatch, tiny_model_dir, tmp_path):
    from assistant.ui.dialogs.models import speed_test

    fake_bench = tmp_path / "fake_bench.py"
    fake_bench.write_text(
        "import json\nprint(json.dumps({'device': 'cpu', 'dtype': 'float32', "
        "'rows': [{'prompt_tokens': 128, 'ttft_s': 0.25, 'decode_tok_s': 31.5}]}))\n"
    )
    monkeypatch.setattr(speed_test, "bench_arguments", lambda model: [str(fake_bench)])
    manager.settings.model.user_models = [str(tiny_model_dir)]
    manager.refresh()
    manager.select_path(tiny_model_dir)
    with qtbot.waitSignal(manager.speed.finished, timeout=20_000):
        qtbot.mouseClick(manager.speed_button, Qt.MouseButton.LeftButton)
    assert "32 tokens per second" in manager.status.text()
    assert "0.25 s" in manager.status.text()


def test_bench_arguments_match_the_cli(tiny_model_dir):
    from assistant.cli import build_parser
    from assistant.ui.dialogs.models.speed_test import bench_arguments, parse_bench_output

    args = bench_arguments(str(tiny_model_dir))
    assert args[:2] == ["-m", "assistant"]
    parsed = build_parser().parse_args([*args[2:], "--device", "cpu"])  # the CLI accepts them
    assert parsed.json and parsed.no_baseline and parsed.model == str(tiny_model_dir)
    out = parse_bench_output(
        'noise {"device": "cpu", "dtype": "bfloat16", "rows": '
        '[{"ttft_s": 0.1, "decode_tok_s": 40.0}]}'
    )
    assert out.tokens_per_s == 40.0 and out.dtype == "bfloat16"


def test_removing_a_missing_model(qtbot, manager, tmp_path):
    gone = tmp_path / "gone-model"
    gone.mkdir()
    (gone / "config.json").write_text("{}")
    manager.settings.model.user_models = [str(gone)]
    shutil.rmtree(gone)
    manager.refresh()
    index = _row(manager, gone)
    assert _cells(manager, index)[1] == "Missing"
    manager.tree.setCurrentItem(manager.tree.topLevelItem(index))
    assert not manager.current_button.isEnabled()
    manager.remove_selected()
    assert manager.settings.model.user_models == []
