"""The server backend and the CLI against a REAL llama.cpp server (llama-cpp-python).

The server runs the embedded SmolLM2 GGUF on 127.0.0.1. Faults are real too: the
server is killed mid-reply, asked for a model it lacks, refuses a missing API key;
a port with nothing listening; and a stand-in that falls silent past the timeout.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
import time

import pytest

from assistant import cli
from assistant.engine import pipeline
from assistant.engine.backend import EngineError
from assistant.engine.registry import BackendSpec, open_backend
from assistant.tasks.types import ChatMessage, Sampling, TaskSpec
from tests.engine.sse_replay import replay_server
from tests.llama_server import ALIAS, LlamaServer, free_port

pytestmark = pytest.mark.slow

STORY = "The old lighthouse keeper climbed the stairs every night. The lamp was heavy."
#: Long enough to summarize (a summary of 13 words is refused as too short to need one).
LONG_STORY = (
    "Mara kept the lighthouse on the north cape for thirty years. Every night she "
    "climbed the hundred and twelve stairs, trimmed the wick and lit the lamp. In the "
    "mornings she wrote the names of the ships in her log. One winter a storm broke "
    "the great lens, and Mara kept a lantern burning in the window until the boats "
    "came home."
)


def _cli(monkeypatch, capsys, args: list[str], text: str) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "extra",
    [
        ["--task", "continue", "--stream"],
        ["--task", "rewrite", "--style", "formal"],
        ["--task", "summarize", "--length", "short"],
        ["--task", "chat", "--system", "You are terse."],
    ],
)
def test_cli_generate_through_the_server(monkeypatch, capsys, llama_server, extra) -> None:
    args = ["generate", "--server", llama_server.url, "--server-model", ALIAS]
    args += ["--max-new-tokens", "12", "--seed", "1", "--stats", *extra]
    code, out, err = _cli(monkeypatch, capsys, args, LONG_STORY)
    # The server's reply is printed if it passed its checks; else the CLI says so (a
    # 12-token "formal" rewrite of 60 words cannot keep its length).
    assert (code == 0 and out.strip()) or (code == 1 and "could not" in err), err
    stats = json.loads(err.strip().splitlines()[-1])
    assert stats["generated_tokens"] >= 1 and stats["stop_reason"] in ("eos", "max_tokens")


def test_cli_models_lists_the_server_model(llama_server) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "assistant", "models", "--server", llama_server.url, "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert [m["name"] for m in json.loads(done.stdout)["models"]] == [ALIAS]


def test_greedy_output_matches_between_runs_and_stop_frees_the_server(llama_server) -> None:
    backend = open_backend(BackendSpec(kind="openai", server_url=llama_server.url))
    spec = TaskSpec(kind="continue", text=STORY, sampling=Sampling(temperature=0, max_new_tokens=8))
    first = pipeline.run(backend, spec)
    assert first.text and pipeline.run(backend, spec).text == first.text
    cancel = threading.Event()
    long = TaskSpec(kind="continue", text=STORY, sampling=Sampling(max_new_tokens=400))
    seen: list[str] = []

    def chunk(text: str) -> None:
        seen.append(text)
        if len(seen) == 2:
            cancel.set()

    started = time.monotonic()
    result = pipeline.run(backend, long, cancel, events=pipeline.PipelineEvents(chunk=chunk))
    assert result.cancelled and result.text == "".join(seen)
    # Hung up at once: the server is free for the next request right away (it would
    # otherwise still be writing 400 tokens, a minute on this machine).
    again = pipeline.run(backend, spec)
    assert again.text == first.text
    assert time.monotonic() - started < 30


def test_wrong_model_name_and_a_port_with_nothing_listening(llama_server) -> None:
    spec = BackendSpec(kind="openai", server_url=llama_server.url, server_model="llama-3-70b")
    with pytest.raises(EngineError) as wrong:
        open_backend(spec)
    assert str(wrong.value) == (
        f"The model server at 127.0.0.1:{llama_server.port} has no model named 'llama-3-70b'. "
        f"It offers: {ALIAS}."
    )
    port = free_port()
    with pytest.raises(EngineError) as nobody:
        open_backend(BackendSpec(kind="openai", server_url=f"http://127.0.0.1:{port}/v1"))
    assert str(nobody.value) == f"Nothing answers at 127.0.0.1:{port}: is the model server running?"


def test_killed_mid_reply_keeps_the_text_and_a_missing_key_is_refused(
    monkeypatch, capsys, llama_server_python, default_model_file, tmp_path
) -> None:
    server = LlamaServer(llama_server_python, default_model_file, tmp_path / "log", "sekrit")
    server.start()
    try:
        with pytest.raises(EngineError, match=r"refused the API key \(HTTP 401\)"):
            open_backend(BackendSpec(kind="openai", server_url=server.url))
        backend = open_backend(BackendSpec(kind="openai", server_url=server.url, api_key="sekrit"))
        spec = TaskSpec(
            kind="chat",
            messages=(ChatMessage("user", "Tell me a long story about the sea."),),
            sampling=Sampling(temperature=0.7, max_new_tokens=300, seed=2),
        )
        shown: list[str] = []

        def chunk(text: str) -> None:
            shown.append(text)
            if len(shown) == 1:
                server.kill()

        result = pipeline.run(backend, spec, events=pipeline.PipelineEvents(chunk=chunk))
        assert result.stats.stop_reason == "error"
        assert result.text.startswith("".join(shown)) and result.text
        assert result.incomplete == (
            f"The model server at 127.0.0.1:{server.port} closed the connection in the "
            "middle of the reply."
        )
    finally:
        server.stop()


def test_cli_marks_a_reply_from_a_server_that_fell_silent_as_incomplete(
    monkeypatch, capsys
) -> None:
    with replay_server() as (url, state):
        state.mode, state.delay_s = "silent", 4.0
        args = ["generate", "--server", url, "--server-timeout", "1", "--task", "chat"]
        code, out, err = _cli(monkeypatch, capsys, args, "A title, please.")
    assert code == 3
    assert out.strip() == "The Lighthouse"  # what arrived before the silence
    assert err.strip().endswith("did not answer within 1 second.")
    assert "incomplete" in err
