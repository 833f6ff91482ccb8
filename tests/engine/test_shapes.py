"""The shipped model shapes and `bench --shape`: exact architectures, same rows as `bench`."""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import torch

from assistant import cli
from assistant.engine import model_shapes
from assistant.engine.backend import EngineError
from assistant.engine.lean_support import unsupported_reason

ROOT = Path(__file__).resolve().parents[2]

# Parameter counts as published on each model's page (tied embeddings counted once).
PUBLISHED_PARAMETERS = {
    "Qwen2.5-0.5B-Instruct": 494_032_768,
    "Qwen2.5-1.5B-Instruct": 1_543_714_304,
    "SmolLM2-360M-Instruct": 361_821_120,
    "Llama-3.2-1B-Instruct": 1_235_814_400,
}


def test_every_recommended_model_has_a_shape_with_its_published_size():
    assert model_shapes.shape_names() == sorted(PUBLISHED_PARAMETERS)
    for name, published in PUBLISHED_PARAMETERS.items():
        config = model_shapes.shape_config(name)
        assert model_shapes.parameter_count(config)[0] == published, name


def test_qwen_shapes_have_the_big_tied_vocabulary_and_grouped_kv_heads():
    for name, (heads, kv_heads) in {
        "Qwen2.5-0.5B-Instruct": (14, 2),
        "Qwen2.5-1.5B-Instruct": (12, 2),
    }.items():
        config = model_shapes.shape_config(name)
        assert config.vocab_size == 151_936 and config.tie_word_embeddings
        assert (config.num_attention_heads, config.num_key_value_heads) == (heads, kv_heads)


def test_every_shape_takes_the_lean_path():
    from transformers import AutoModelForCausalLM

    for name in model_shapes.shape_names():
        with torch.device("meta"):
            model = AutoModelForCausalLM.from_config(model_shapes.shape_config(name))
        assert unsupported_reason(model) is None, name


def test_an_unknown_shape_is_named_with_the_choices():
    with pytest.raises(EngineError, match=r"Unknown shape 'Qwen9'.*Qwen2.5-0.5B-Instruct"):
        model_shapes.shape_config("Qwen9")


def test_a_shape_that_will_not_fit_is_refused_before_anything_is_built(monkeypatch):
    import psutil

    monkeypatch.setattr(psutil, "virtual_memory", lambda: argparse.Namespace(available=2 * 2**30))
    config = model_shapes.shape_config("Qwen2.5-1.5B-Instruct")
    with pytest.raises(EngineError, match=r"needs about 6\.\d GiB .* only 2\.0 GiB is free"):
        model_shapes.check_shape_fits("Qwen2.5-1.5B-Instruct", config, "bfloat16", True)
    # Without the float32 baseline it needs less, still more than 2 GiB.
    with pytest.raises(EngineError, match="without the float32 baseline"):
        model_shapes.check_shape_fits("Qwen2.5-1.5B-Instruct", config, "bfloat16", False)


def test_the_shapes_ship_in_the_wheel(tmp_path):
    # Builds the wheel with this environment's setuptools (no download).
    pytest.importorskip("setuptools", reason="setuptools is needed to build the wheel")
    for part in ("setup.py", "pyproject.toml", "README.md", "assistant", "resources"):
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / part)
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q"]
        + ["-w", str(tmp_path / "dist"), str(tmp_path)],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for name in model_shapes.shape_names():
        assert f"assistant/engine/shapes/{name}.json" in names


def test_bench_shape_prints_the_rows_and_keys_of_bench(
    tmp_path, monkeypatch, capsys, default_model_file, tiny_model_dir
):
    # A small shape with Qwen's 152k-token vocabulary: the shortlist must cope.
    config = json.loads((model_shapes.SHAPES_DIR / "Qwen2.5-0.5B-Instruct.json").read_text())
    config.update(hidden_size=64, intermediate_size=128, num_hidden_layers=2)
    config.update(num_attention_heads=4, num_key_value_heads=2)
    (tmp_path / "Tiny-Qwen.json").write_text(json.dumps(config))
    monkeypatch.setattr(model_shapes, "SHAPES_DIR", tmp_path)
    argv = ["bench", "--shape", "Tiny-Qwen", "--json", "--lengths", "8,40", "--repeats", "1"]
    assert cli.main([*argv, "--new-tokens", "4", "--device", "cpu"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["shape"] == "Tiny-Qwen" and result["parameters"] > 151_936 * 64
    assert "+lean+int8-decode" in result["decode_mode"]
    assert result["peak_rss_mb"] > 0 and result["baseline_peak_rss_mb"] > 0
    assert [row["prompt_tokens"] for row in result["rows"]] == [8, 40]
    # The same row keys as `bench` on a model file, from the same code.
    from assistant.bench import speed
    from assistant.engine.loader import load_backend

    backend = load_backend(str(tiny_model_dir), "cpu", dtype="float32")
    args = argparse.Namespace(lengths="8", repeats=1, new_tokens=4)
    rows = speed.finish_rows(speed.measure_rows(backend, args, backend.model, 1))
    assert set(result["rows"][0]) == set(rows[0])
    keys = ("model", "dtype", "decode_mode", "int4_kernel", "threads", "cpu", "load_cold_s", "rows")
    for key in keys:
        assert key in result


def test_bench_shape_cuts_prompts_with_the_model_given_when_none_is_embedded(
    tmp_path, monkeypatch, capsys, tiny_model_dir
):
    # A machine without the embedded model (a GPU box with only a model folder) benches a
    # shape with --model's tokenizer; a tokenizer bigger than the shape's vocabulary is refused.
    from assistant.engine import sources

    monkeypatch.setattr(sources, "embedded_default_gguf", lambda: None)
    config = json.loads((model_shapes.SHAPES_DIR / "SmolLM2-360M-Instruct.json").read_text())
    config.update(hidden_size=64, intermediate_size=128, num_hidden_layers=2)
    config.update(num_attention_heads=4, num_key_value_heads=2)
    (tmp_path / "Tiny-Smol.json").write_text(json.dumps(config))
    (tmp_path / "Too-Small.json").write_text(json.dumps({**config, "vocab_size": 8}))
    monkeypatch.setattr(model_shapes, "SHAPES_DIR", tmp_path)
    argv = ["bench", "--shape", "Tiny-Smol", "--json", "--lengths", "8", "--repeats", "1"]
    argv += ["--new-tokens", "2", "--device", "cpu", "--no-baseline"]
    assert cli.main([*argv, "--model", str(tiny_model_dir)]) == 0
    assert json.loads(capsys.readouterr().out)["rows"][0]["prompt_tokens"] == 8
    argv[2] = "Too-Small"
    assert cli.main([*argv, "--model", str(tiny_model_dir)]) != 0
    assert "more than Too-Small's 8" in capsys.readouterr().err
