"""The model-server backend against recorded llama-cpp-python replies (fast, loopback).

The slow tests in test_llama_server.py run the same code against the real server.
"""

from __future__ import annotations

import json
import threading
import time

import pytest

from assistant.engine import pipeline
from assistant.engine.backend import EngineError
from assistant.engine.registry import BackendSpec, open_backend, spec_from_settings
from assistant.engine.remote.hosts import check_allowed, is_loopback, normalize_base_url
from assistant.engine.remote.openai import OpenAIBackend
from assistant.engine.remote.server_models import list_models
from assistant.settings import Settings
from assistant.tasks.types import ChatMessage, GenerationRequest, Sampling, TaskSpec
from tests.engine.sse_replay import MODEL, replay_server

CONTINUATION = "\nThe old lighthouse keeper climbed the stairs." * 2
CONTINUATION = CONTINUATION.removesuffix(" stairs.")
CHAT_REPLY = "The Lighthouse: A Tale of Hope"


def _continue(max_tokens: int = 16) -> GenerationRequest:
    return GenerationRequest(
        task="continue",
        prompt="The old lighthouse keeper climbed the stairs.",
        sampling=Sampling(temperature=0, max_new_tokens=max_tokens, seed=1),
        stop=("\n\n\n", "<|im_end|>", "<|endoftext|>", "</s>", "<|user|>", "<|eot_id|>"),
    )


def _chat() -> GenerationRequest:
    messages = (ChatMessage("user", "Suggest a title for a story about a lighthouse."),)
    return GenerationRequest(task="chat", prompt="(rendered)", messages=messages)


@pytest.fixture
def replay():
    with replay_server() as served:
        yield served


def _posted(replay_state) -> list[tuple[str, dict]]:
    return [(path, json.loads(body)) for path, body in replay_state.requests if body]


def test_continuation_streams_raw_text_from_the_completions_endpoint(replay) -> None:
    url, state = replay
    backend = OpenAIBackend.connect(url, MODEL)
    assert backend.generate(_continue()) == CONTINUATION
    stats = backend.last_stats
    assert (stats.generated_tokens, stats.stop_reason) == (16, "max_tokens")
    path, payload = _posted(state)[0]
    assert path == "/v1/completions" and payload["prompt"].startswith("The old lighthouse")
    assert payload["stream"] is True and payload["model"] == MODEL
    # llama-cpp-python takes every stop string and its own sampling knobs.
    assert len(payload["stop"]) == 6 and payload["repeat_penalty"] == 1.1


def test_chat_sends_structured_messages(replay) -> None:
    url, state = replay
    backend = open_backend(BackendSpec(kind="openai", server_url=url, server_model=MODEL))
    assert backend.generate(_chat()) == CHAT_REPLY
    path, payload = _posted(state)[0]
    assert path == "/v1/chat/completions"
    assert payload["messages"] == [
        {"role": "user", "content": "Suggest a title for a story about a lighthouse."}
    ]


def test_the_pipeline_builds_messages_for_a_server(replay) -> None:
    url, state = replay
    backend = OpenAIBackend.connect(url, MODEL)
    spec = TaskSpec(kind="chat", messages=(ChatMessage("user", "A title, please."),))
    result = pipeline.run(backend, spec)
    assert result.text == CHAT_REPLY and not result.incomplete
    roles = [m["role"] for m in _posted(state)[0][1]["messages"]]
    assert roles == ["system", "user"]


def test_a_server_without_completions_gets_the_continuation_as_a_chat_turn(replay) -> None:
    url, state = replay
    state.mode = "no-completions"
    backend = OpenAIBackend.connect(url, MODEL)
    assert backend.generate(_continue()) == CHAT_REPLY
    assert [p for p, _ in _posted(state)] == ["/v1/completions", "/v1/chat/completions"]
    assert not backend.capabilities.completions


def test_capabilities_say_remote_and_estimated(replay) -> None:
    url, _state = replay
    caps = OpenAIBackend.connect(url, MODEL).capabilities
    assert (caps.local, caps.exact_token_counts, caps.chat_template) == (False, False, True)
    assert caps.host == url.split("//")[1].removesuffix("/v1")


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("401", "refused the API key (HTTP 401): Invalid API key. Check the key"),
        ("html", "answered with a web page instead of a model reply (HTTP 502)"),
        ("malformed", "sent a reply this app cannot read (not a JSON object"),
    ],
)
def test_faults_before_any_text_raise_a_readable_error(replay, mode, message) -> None:
    url, state = replay
    backend = OpenAIBackend.connect(url, MODEL)
    state.mode = mode
    with pytest.raises(EngineError) as caught:
        backend.generate(_continue())
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_stream_cut_off_midway_keeps_what_arrived_and_says_so(replay) -> None:
    url, state = replay
    state.mode = "cut"
    backend = OpenAIBackend.connect(url, MODEL)
    spec = TaskSpec(kind="chat", messages=(ChatMessage("user", "A title, please."),))
    result = pipeline.run(backend, spec)
    assert result.text == "The Lighthouse:"  # the first three words arrived
    assert result.stats.stop_reason == "error"
    assert "closed the connection in the middle of the reply" in result.incomplete


def test_a_server_silent_past_the_timeout_keeps_what_arrived(replay) -> None:
    url, state = replay
    state.mode, state.delay_s = "silent", 3.0
    backend = OpenAIBackend.connect(url, MODEL, timeout_s=0.5)
    started = time.monotonic()
    text = backend.generate(_chat())
    assert time.monotonic() - started < 2.5
    assert text == "The Lighthouse"
    assert "did not answer within 0.5 seconds" in backend.last_stats.error


def test_stop_hangs_up_at_once(replay) -> None:
    url, state = replay
    state.mode, state.delay_s = "slow", 0.3
    backend = OpenAIBackend.connect(url, MODEL)
    cancel = threading.Event()
    received = []
    for delta in backend.stream(_continue(), cancel):
        received.append(delta)
        if len(received) == 2:
            cancel.set()
            stopped_at = time.monotonic()
    assert time.monotonic() - stopped_at < 0.2
    assert backend.last_stats.stop_reason == "cancelled" and len(received) == 2
    assert state.disconnected.wait(2.0), "the server still streams to a client that left"


def test_connection_faults_name_the_server() -> None:
    with pytest.raises(EngineError, match=r"Nothing answers at 127\.0\.0\.1:9: is the model"):
        OpenAIBackend.connect("http://127.0.0.1:9/v1", MODEL, timeout_s=2)


def test_a_model_the_server_lacks_is_named_with_the_choices(replay) -> None:
    url, _state = replay
    with pytest.raises(EngineError) as caught:
        OpenAIBackend.connect(url, "llama-3-70b")
    assert str(caught.value).endswith(f"has no model named 'llama-3-70b'. It offers: {MODEL}.")
    assert [m.id for m in list_models(url)] == [MODEL]


def test_offline_mode_allows_only_this_computer() -> None:
    assert is_loopback("http://localhost:11434/v1") and is_loopback("http://127.0.0.2:1")
    assert is_loopback("http://[::1]:8000") and not is_loopback("http://192.168.1.5:8000")
    assert not is_loopback("http://localhost.example.com")
    check_allowed("http://127.0.0.1:8080/v1", offline_mode=True)
    check_allowed("http://gpu-box:8000/v1", offline_mode=False)
    spec = BackendSpec(kind="openai", server_url="http://192.0.2.7:8000/v1", server_model="m")
    with pytest.raises(EngineError, match="Offline mode allows only a model server on this"):
        open_backend(spec)  # refused before any connection is tried


def test_addresses_are_normalised() -> None:
    assert normalize_base_url("localhost:11434") == "http://localhost:11434/v1"
    assert normalize_base_url("http://h:1234/v1/") == "http://h:1234/v1"
    assert normalize_base_url("https://openrouter.ai/api/v1") == "https://openrouter.ai/api/v1"
    with pytest.raises(EngineError, match="is not a model server address"):
        normalize_base_url("ftp://x")


def test_settings_choose_the_backend() -> None:
    settings = Settings()
    assert spec_from_settings(settings) == BackendSpec(kind="local")
    settings.model.backend, settings.model.server_url = "openai", "http://localhost:8080/v1"
    settings.model.server_model = "qwen"
    spec = spec_from_settings(settings)
    assert (spec.kind, spec.server_url, spec.server_model, spec.offline_mode) == (
        "openai",
        "http://localhost:8080/v1",
        "qwen",
        True,
    )
    # --model on the command line means a local model, whatever the settings say.
    assert spec_from_settings(settings, model="/m.gguf").kind == "local"
    with pytest.raises(EngineError, match="Unknown kind of model 'cloud'"):
        open_backend(BackendSpec(kind="cloud"))  # type: ignore[arg-type]


def test_a_successful_status_with_an_unreadable_body_is_not_called_a_refusal() -> None:
    # Another program on the port, or a broken server: HTTP 200 but neither JSON nor SSE.
    from assistant.engine.remote.http import HTTPFailure, explain

    failure = HTTPFailure(200, "text/event-stream; charset=utf-8", 'data: {"choices": [{"te')
    message = str(explain(failure, "http://127.0.0.1:8080/v1", 60.0))
    assert "refused" not in message
    assert "sent a reply this app cannot read (HTTP 200, text/event-stream)" in message
