"""Every bad input gets one clear line and a non-zero exit, never a traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from assistant import cli
from assistant.engine.backend import EngineError
from assistant.engine.loader import load_backend, resolve_device
from assistant.engine.sources import resolve_source


def run_cli(
    args: list[str], capsys, stdin_text: str | None = None, monkeypatch=None
) -> tuple[int, str, str]:
    if stdin_text is not None:
        import io

        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin_text.encode())))
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_missing_path(tmp_path):
    with pytest.raises(EngineError, match="Model path not found"):
        resolve_source(str(tmp_path / "nope"))


def test_folder_without_config(tmp_path):
    (tmp_path / "notes.txt").write_text("hi")
    with pytest.raises(EngineError, match="no config.json"):
        resolve_source(str(tmp_path))


def test_folder_without_weights(tmp_path, tiny_model_dir):
    folder = tmp_path / "m"
    shutil.copytree(tiny_model_dir, folder)
    (folder / "model.safetensors").unlink()
    with pytest.raises(EngineError, match="no \\*.safetensors weights"):
        resolve_source(str(folder))


def test_pickled_weights_refused(tmp_path, tiny_model_dir):
    folder = tmp_path / "m"
    shutil.copytree(tiny_model_dir, folder)
    (folder / "model.safetensors").unlink()
    (folder / "pytorch_model.bin").write_bytes(b"\x80\x04not really")
    with pytest.raises(EngineError, match="arbitrary code"):
        resolve_source(str(folder))
    pt = tmp_path / "weights.pt"
    pt.write_bytes(b"\x80\x04")
    with pytest.raises(EngineError, match="Refusing to load weights.pt"):
        resolve_source(str(pt))


def test_missing_shard(tmp_path, tiny_model_dir):
    folder = tmp_path / "m"
    shutil.copytree(tiny_model_dir, folder)
    index = {
        "weight_map": {
            "a": "model-00001-of-00002.safetensors",
            "b": "model-00002-of-00002.safetensors",
        }
    }
    (folder / "model.safetensors.index.json").write_text(json.dumps(index))
    with pytest.raises(EngineError, match="missing weight shard"):
        resolve_source(str(folder))


def test_not_a_model_file(tmp_path):
    f = tmp_path / "draft.txt"
    f.write_text("hello")
    with pytest.raises(EngineError, match="is not a model"):
        resolve_source(str(f))


def test_gguf_with_wrong_header(tmp_path):
    f = tmp_path / "fake.gguf"
    f.write_bytes(b"NOPE" + b"\0" * 100)
    with pytest.raises(EngineError, match="not a GGUF file"):
        resolve_source(str(f))


def test_truncated_gguf(tmp_path, default_model_file):
    f = tmp_path / "cut.gguf"
    with default_model_file.open("rb") as src:
        f.write_bytes(src.read(200_000))
    with pytest.raises(EngineError, match="truncated or damaged|could not be read"):
        load_backend(str(f), "cpu")


def test_unknown_architecture(tmp_path, tiny_model_dir):
    folder = tmp_path / "m"
    shutil.copytree(tiny_model_dir, folder)
    config = json.loads((folder / "config.json").read_text())
    config["model_type"] = "flux-capacitor"
    config["architectures"] = ["FluxCapacitorForCausalLM"]
    (folder / "config.json").write_text(json.dumps(config))
    with pytest.raises(EngineError, match="unknown or unsupported model architecture"):
        load_backend(str(folder), "cpu")


def test_unknown_device():
    with pytest.raises(EngineError, match="Unknown device 'tpu'"):
        resolve_device("tpu")


def test_cuda_absent(monkeypatch):
    import torch

    # On a machine with a GPU, pretend it has none: the message is what is tested.
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(EngineError, match="CUDA was requested but no CUDA GPU"):
        resolve_device("cuda")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["generate", "--task", "poem"], "unknown task 'poem'"),
        (["generate", "--task", "rewrite", "--style", "pirate"], "unknown style 'pirate'"),
        (["generate", "--task", "rewrite"], "rewrite needs --style"),
        (["generate", "--task", "summarize", "--length", "huge"], "unknown summary length"),
        (["generate", "--temperature", "-1"], "temperature must be between"),
        (["generate", "--alternatives", "0"], "--alternatives must be between"),
        (["generate", "--device", "tpu"], "Unknown device 'tpu'"),
        (["generate", "--model", "/no/such/model"], "Model path not found"),
    ],
)
def test_cli_bad_input_one_line(args, message, capsys, monkeypatch, tiny_model_dir):
    code, out, err = run_cli(args, capsys, "Some text to work on.", monkeypatch)
    assert code != 0
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_cli_empty_prompt(capsys, monkeypatch):
    code, _out, err = run_cli(["generate"], capsys, "   \n", monkeypatch)
    assert code == 1
    assert "the input is empty" in err


def test_cli_unknown_flag_is_one_line(capsys):
    with pytest.raises(SystemExit) as exc:
        cli.main(["generate", "--frobnicate"])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "unrecognized arguments: --frobnicate" in err
    assert len(err.strip().splitlines()) == 1


def test_empty_prompt_engine(tiny_model_dir):
    import threading

    from assistant.tasks.types import GenerationRequest

    backend = load_backend(str(tiny_model_dir), "cpu")
    with pytest.raises(EngineError, match="prompt is empty"):
        list(backend.stream(GenerationRequest(task="continue", prompt="  "), threading.Event()))


def test_models_lists_embedded_and_added(capsys, tiny_model_dir, default_model_file):
    from assistant.settings import Settings
    from assistant.settings_file import save_settings

    settings = Settings()
    settings.model.user_models.append(str(tiny_model_dir))
    save_settings(settings)
    code, out, _err = run_cli(["models"], capsys)
    assert code == 0
    assert "SmolLM2-135M-Instruct" in out and "embedded" in out
    assert str(tiny_model_dir) in out
    assert Path(default_model_file).name in out


def test_gguf_of_unsupported_architecture(tmp_path):
    import gguf
    import numpy as np

    path = tmp_path / "odd.gguf"
    writer = gguf.GGUFWriter(str(path), "frobnicator")
    writer.add_tensor("token_embd.weight", np.zeros((4, 8), dtype=np.float32))
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()
    with pytest.raises(EngineError, match="architecture is not supported.*frobnicator"):
        load_backend(str(path), "cpu")
