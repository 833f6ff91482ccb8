"""The CLI and the window run the same pipeline: same input and seed, same text."""

from __future__ import annotations

import io

import pytest

from assistant import cli
from assistant.engine.loader import load_backend
from assistant.tasks.sampling import default_sampling
from assistant.tasks.types import TaskSpec
from assistant.ui.generation.controller import GenerationController

TEXT = "The island was gone when the fog lifted, and the boats"


@pytest.mark.parametrize(
    ("flags", "spec"),
    [
        (["--task", "continue"], TaskSpec(kind="continue", text=TEXT)),
        (["--task", "continue", "--stream"], TaskSpec(kind="continue", text=TEXT)),
        (
            ["--task", "summarize", "--length", "short"],
            TaskSpec(kind="summarize", text=TEXT, length="short"),
        ),
        (
            ["--task", "rewrite", "--style", "shorter"],
            TaskSpec(kind="rewrite", text=TEXT, style="shorter"),
        ),
    ],
)
def test_cli_and_gui_give_the_same_text(qtbot, monkeypatch, capsys, tiny_model_dir, flags, spec):
    seed, tokens = 11, 12
    sampling = default_sampling(spec.kind).with_(seed=seed, max_new_tokens=tokens, temperature=0.9)
    args = ["generate", "--model", str(tiny_model_dir), "--device", "cpu", *flags]
    args += ["--seed", str(seed), "--max-new-tokens", str(tokens), "--temperature", "0.9"]
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode())))
    assert cli.main(args) == 0
    cli_text = capsys.readouterr().out.removesuffix("\n")

    controller = GenerationController(
        lambda _spec, progress: load_backend(str(tiny_model_dir), "cpu", progress)
    )
    try:
        job = controller.submit(TaskSpec(**{**spec.__dict__, "sampling": sampling}))
        streamed: list[str] = []
        job.chunk.connect(streamed.append)
        with qtbot.waitSignal(job.finished, timeout=60000) as done:
            pass
    finally:
        assert controller.shutdown()
    gui_text = done.args[0].text
    assert cli_text == gui_text
    assert "".join(streamed) == gui_text  # clean streaming: what was shown is what was kept
