"""`writing-assistant generate` end to end on the tiny model, through the real CLI."""

from __future__ import annotations

import io
import json

import pytest

from assistant import cli

LONG_TEXT = (  # enough to summarize (25 words or more), short enough for a 256-token model
    "The island was gone when the fog lifted. Mara walked to the end of the pier and "
    "looked for the lighthouse, but there was only grey water where the rocks had been."
)


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
    # (The tiny model's context is 256 tokens: only a summary needs the longer text.)
    text = LONG_TEXT if "summarize" in extra else "The island was gone when the fog lifted."
    code, out, err = run(monkeypatch, capsys, args, text)
    stats = json.loads(err.strip().splitlines()[-1])
    assert stats["generated_tokens"] >= 1
    assert stats["prompt_tokens"] > 0
    # The tiny random model writes noise: it is shown only if it passed its checks.
    if code == 0:
        assert out.strip()
    else:
        assert code == 1 and "could not" in err and not out.strip()


@pytest.mark.parametrize("task", [["--task", "continue"], ["--task", "summarize"]])
def test_json_output_follows_the_contract(monkeypatch, capsys, tiny_model_dir, task):
    args = ["generate", "--model", str(tiny_model_dir), "--max-new-tokens", "8", "--json"]
    code, out, _err = run(monkeypatch, capsys, [*args, *task], LONG_TEXT)
    result = json.loads(out)
    assert set(result) == {"text", "method", "attempts", "checks", "language", "refused"}
    assert result["language"] == "en"
    if result["method"] == "none":
        assert code == 1 and result["refused"] and result["text"] == ""
    else:
        assert code == 0 and result["refused"] is None and result["text"]
    if task[1] == "summarize" and result["method"] != "model":
        assert result["method"] == "extractive"  # key sentences, never noise


def test_a_language_the_model_does_not_write_is_refused(monkeypatch, capsys, default_model_file):
    args = ["generate", "--task", "continue", "--json"]
    code, out, _err = run(
        monkeypatch, capsys, args, "灯塔守护者每天傍晚都爬上楼梯，点亮灯火，然后坐在窗前看海。"
    )
    result = json.loads(out)
    assert code == 1
    assert result["method"] == "none" and result["attempts"] == 0 and result["language"] == "zh"
    assert "Qwen2.5-0.5B-Instruct" in result["refused"]


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
    # A tiny random model writes noise: what fails the checks is left out, and said so.
    shown = out.count("--- alternative")
    left_out = 3 - shown
    assert shown >= 1
    if left_out:
        assert f"[note: {left_out} of 3 alternatives did not pass the checks" in err


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
