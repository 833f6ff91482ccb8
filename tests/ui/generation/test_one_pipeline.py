"""The CLI and the window run the same pipeline: same input and seed, same text."""

from __future__ import annotations

import io
import json

import pytest

from assistant import cli
from assistant.engine.loader import load_backend
from assistant.tasks.sampling import default_sampling
from assistant.tasks.types import ChatMessage, TaskSpec
from assistant.ui.generation.controller import GenerationController

#: A rewrite and its answer share the tiny model's context: a sentence.
SHORT_TEXT = "The island was gone when the fog lifted over the grey water."
TEXT = (  # long enough to summarize, short enough for the tiny model's 256 tokens
    "The island was gone when the fog lifted. Mara walked to the end of the pier and "
    "looked for the lighthouse, but there was only grey water where the rocks had been"
)


@pytest.mark.parametrize(
    ("flags", "spec"),
    [
        (["--task", "continue"], TaskSpec(kind="continue", text=TEXT)),
        (["--task", "continue", "--stream"], TaskSpec(kind="continue", text=TEXT)),
        (["--task", "chat"], TaskSpec(kind="chat", messages=(ChatMessage("user", TEXT),))),
        (
            ["--task", "summarize", "--length", "short"],
            TaskSpec(kind="summarize", text=TEXT, length="short"),
        ),
        (
            ["--task", "rewrite", "--style", "shorter"],
            TaskSpec(kind="rewrite", text=SHORT_TEXT, style="shorter"),
        ),
    ],
)
def test_cli_and_gui_give_the_same_text(qtbot, monkeypatch, capsys, tiny_model_dir, flags, spec):
    seed, tokens = 11, 12
    sampling = default_sampling(spec.kind).with_(seed=seed, max_new_tokens=tokens, temperature=0.9)
    args = ["generate", "--model", str(tiny_model_dir), "--device", "cpu", *flags]
    args += ["--seed", str(seed), "--max-new-tokens", str(tokens), "--temperature", "0.9"]
    text = SHORT_TEXT if spec.kind == "rewrite" else TEXT
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    code = cli.main([*args, "--json"])
    captured = capsys.readouterr()
    assert captured.out, captured.err
    cli_result = json.loads(captured.out)
    assert code == (1 if cli_result["refused"] else 0)

    controller = GenerationController(
        lambda _spec, progress: load_backend(str(tiny_model_dir), "cpu", progress)
    )
    try:
        job = controller.submit(TaskSpec(**{**spec.__dict__, "sampling": sampling}))
        streamed: list[str] = []
        job.chunk.connect(streamed.append)
        job.reset.connect(streamed.clear)
        with qtbot.waitSignal(job.finished, timeout=60000) as done:
            pass
    finally:
        assert controller.shutdown()
    gui = done.args[0]
    # Text, method (model, extractive, none), attempts, checks, language and refusal.
    assert cli_result == gui.as_json()
    if gui.method == "model":
        assert "".join(streamed) == gui.text  # clean streaming: what was shown was kept
    else:
        assert streamed == []  # nothing that failed its checks stayed on screen
