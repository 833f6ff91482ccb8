"""`writing-assistant generate` end to end on the tiny model, through the real CLI."""

from __future__ import annotations

import io
import json

import pytest

from assistant import cli


def run(monkeypatch, capsys, args, text):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "extra",
    [
        ["--task", "continue", "--stream"],
        ["--task", "rewrite", "--style", "shorter"],
        ["--task", "rewrite", "--instruction", "Make it sound like a sea shanty"],
        ["--task", "summarize", "--length", "short"],
        ["--task", "chat", "--system", "You are terse."],
    ],
)
def test_each_task_runs(monkeypatch, capsys, tiny_model_dir, extra):
    args = [
        "generate",
        "--model",
        str(tiny_model_dir),
        "--device",
        "cpu",
        "--max-new-tokens",
        "8",
        "--seed",
        "1",
        "--stats",
        *extra,
    ]
    code, out, err = run(monkeypatch, capsys, args, "The island was gone when the fog lifted.")
    assert code == 0, err
    stats = json.loads(err.strip().splitlines()[-1])
    assert stats["generated_tokens"] >= 1
    assert stats["prompt_tokens"] > 0


def test_alternatives(monkeypatch, capsys, tiny_model_dir):
    args = [
        "generate",
        "--model",
        str(tiny_model_dir),
        "--max-new-tokens",
        "8",
        "--alternatives",
        "3",
        "--seed",
        "3",
    ]
    code, out, err = run(monkeypatch, capsys, args, "She wrote every morning")
    assert code == 0, err
    assert out.count("--- alternative") == 3


def test_show_prompt_prints_exact_prompt(monkeypatch, capsys, tiny_model_dir):
    args = [
        "generate",
        "--model",
        str(tiny_model_dir),
        "--max-new-tokens",
        "4",
        "--task",
        "chat",
        "--show-prompt",
    ]
    code, _out, err = run(monkeypatch, capsys, args, "Hello there")
    assert code == 0
    assert "<|im_start|>user\nHello there<|im_end|>" in err
