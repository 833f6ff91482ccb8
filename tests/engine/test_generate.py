"""Streaming generation on a tiny random Llama: stream, cancel, stop, cache, truncation."""

from __future__ import annotations

import threading

import pytest

from assistant.engine.loader import load_backend
from assistant.engine.text_emitter import TextEmitter
from assistant.tasks.types import GenerationRequest, Sampling

GREEDY = Sampling(temperature=0.0, repetition_penalty=1.0, max_new_tokens=24)


@pytest.fixture(scope="module")
def backend(tiny_model_dir):
    return load_backend(str(tiny_model_dir), "cpu", fast_decode=False)


def request(
    prompt: str, sampling: Sampling = GREEDY, stop: tuple[str, ...] = ()
) -> GenerationRequest:
    return GenerationRequest(task="continue", prompt=prompt, sampling=sampling, stop=stop)


def test_loads_tiny_model_with_profile(backend):
    assert backend.profile.chat
    assert backend.profile.context_tokens == 256
    assert backend.profile.count_tokens("The island was gone.") > 0
    from assistant.tasks.types import ChatMessage

    prompt = backend.profile.render_chat([ChatMessage("user", "hi")])
    assert prompt == "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n"


def test_streamed_text_equals_plain_generate_greedy(backend):
    import torch

    text = "".join(backend.stream(request("The island was gone when"), threading.Event()))
    assert backend.last_stats.generated_tokens > 0
    ids = torch.tensor([backend.encode("The island was gone when")])
    n = backend.last_stats.generated_tokens
    with torch.inference_mode():
        out = backend.model.generate(
            ids, max_new_tokens=n, min_new_tokens=n, do_sample=False, pad_token_id=0
        )
    expected = backend.tokenizer.decode(out[0, ids.shape[1] :], skip_special_tokens=True)
    from assistant.engine.text_stream import UNPRINTABLE

    assert text == UNPRINTABLE.sub("", expected)


def test_stats_are_filled(backend):
    backend.generate(request("She wrote every morning"))
    stats = backend.last_stats
    assert stats.prompt_tokens > 0
    assert stats.generated_tokens == 24
    assert stats.stop_reason == "max_tokens"
    assert stats.ttft_s > 0
    assert stats.tokens_per_s > 0


def test_cancel_takes_effect_within_one_token(backend):
    cancel = threading.Event()
    pieces = []
    for piece in backend.stream(request("Rain fell on the harbour."), cancel):
        pieces.append(piece)
        cancel.set()
    assert backend.last_stats.stop_reason == "cancelled"
    # Text may be held back for a partial character, but no token after the cancel.
    generated = backend.last_stats.generated_tokens
    assert generated <= 1 + 3  # the token that produced text, plus held-back bytes


def test_cancel_before_start_generates_nothing(backend):
    cancel = threading.Event()
    cancel.set()
    assert list(backend.stream(request("Rain fell"), cancel)) == []
    assert backend.last_stats.stop_reason == "cancelled"


def test_stop_string_cuts_output(backend):
    full = backend.generate(request("The lighthouse keeper"))
    stop = full[len(full) // 2 : len(full) // 2 + 3]
    assert stop.strip(), "need a non-blank stop string"
    cut = backend.generate(request("The lighthouse keeper", stop=(stop,)))
    assert backend.last_stats.stop_reason == "stop_string"
    assert cut == full[: full.index(stop)]
    assert stop not in cut


def test_alternatives_differ(backend):
    from assistant.engine.pipeline import alternative_requests

    sampled = Sampling(temperature=1.0, top_p=1.0, top_k=0, max_new_tokens=12, seed=7)
    outs = [backend.generate(r) for r in alternative_requests(request("She wrote", sampled), 3)]
    assert len(outs) == 3
    assert len(set(outs)) >= 2


def test_seed_makes_sampling_repeatable(backend):
    sampled = Sampling(temperature=0.9, max_new_tokens=12, seed=42)
    assert backend.generate(request("He wrote", sampled)) == backend.generate(
        request("He wrote", sampled)
    )


def test_prompt_longer_than_context_keeps_the_end(backend):
    long_prompt = "The harbour was quiet. " * 200  # far beyond 256 tokens
    backend.generate(request(long_prompt))
    stats = backend.last_stats
    assert stats.truncated
    assert stats.prompt_tokens + stats.generated_tokens <= backend.context_tokens


def test_prefix_cache_reuse_gives_identical_greedy_output(tiny_model_dir, backend):
    no_cache = load_backend(str(tiny_model_dir), "cpu", fast_decode=False)
    no_cache.use_prefix_cache = False
    first = "The ferry left the harbour an hour before dawn. Mara stood at the rail"
    second = first + " with her father's old compass"
    backend.prefix.clear()
    backend.generate(request(first))
    assert backend.last_stats.cached_prompt_tokens == 0
    reused = backend.generate(request(second))
    assert backend.last_stats.cached_prompt_tokens > 10
    assert reused == no_cache.generate(request(second))
    assert no_cache.last_stats.cached_prompt_tokens == 0


def test_unrelated_prompt_after_cache_is_still_correct(tiny_model_dir, backend):
    no_cache = load_backend(str(tiny_model_dir), "cpu", fast_decode=False)
    no_cache.use_prefix_cache = False
    backend.generate(request("我们在山上看见了大海"))
    assert backend.generate(request("Summaries should be short.")) == no_cache.generate(
        request("Summaries should be short.")
    )


def test_emitter_yields_whole_cjk_characters(backend):
    text = "我们在山上看见了大海，风很大。"
    ids = backend.tokenizer.encode(text, add_special_tokens=False)
    assert len(ids) > len(text) / 2, "byte-level tokenizer should split CJK characters"
    emitter = TextEmitter(backend.tokenizer, [], ())
    deltas = [emitter.push(i)[0] for i in ids]
    deltas.append(emitter.flush())
    assert "".join(deltas) == text
    assert all("\ufffd" not in d for d in deltas)


def test_emitter_holds_back_partial_stop_string(backend):
    text = "one two END three"
    ids = backend.tokenizer.encode(text, add_special_tokens=False)
    emitter = TextEmitter(backend.tokenizer, [], ("END",))
    out = []
    for i in ids:
        delta, stopped = emitter.push(i)
        out.append(delta)
        if stopped:
            break
    assert "".join(out) == "one two "


def test_int8_decode_path_generates(tiny_model_dir):
    fast = load_backend(str(tiny_model_dir), "cpu", fast_decode=True)
    assert "int8" in fast.decode_mode
    text = fast.generate(request("The island"))
    assert fast.last_stats.generated_tokens == 24
    assert isinstance(text, str)


def test_base_model_has_no_chat_profile(tiny_base_model_dir):
    base = load_backend(str(tiny_base_model_dir), "cpu", fast_decode=False)
    assert not base.profile.chat
    assert base.generate(request("Once upon a time"))


def test_cancel_during_prefill_stops_between_chunks_and_keeps_the_work(backend, monkeypatch):
    from assistant.engine import generate

    PREFILL_CHUNK = 64  # the tiny model's context is 256 tokens
    monkeypatch.setattr(generate, "LEAN_PREFILL_CHUNK", PREFILL_CHUNK)
    cancel = threading.Event()
    original = backend._forward
    calls = []

    def forward_then_cancel(tokens, cache, prefill, **kwargs):
        calls.append(len(tokens))
        out = original(tokens, cache, prefill, **kwargs)
        cancel.set()  # the writer pressed a key as the first chunk finished
        return out

    backend.prefix.clear()
    backend._forward = forward_then_cancel
    try:
        prompt = "Rain fell on the harbour. The lighthouse keeper counted the ships. " * 8
        assert list(backend.stream(request(prompt), cancel)) == []
    finally:
        backend._forward = original
    assert calls == [PREFILL_CHUNK]
    assert backend.last_stats.stop_reason == "cancelled"
    assert backend.last_stats.generated_tokens == 0
    backend.generate(request(prompt))
    assert backend.last_stats.cached_prompt_tokens == PREFILL_CHUNK


def test_cancel_inside_a_prefill_chunk_stops_within_a_layer(backend, monkeypatch):
    from assistant.engine import generate, lean_llama

    monkeypatch.setattr(generate, "LEAN_PREFILL_CHUNK", 64)
    prompt = "Rain fell on the harbour. The lighthouse keeper counted the ships. " * 8
    cancel = threading.Event()
    layers_run = []
    real_norm = lean_llama._rms_norm

    def norm_then_cancel(x, weight, eps):
        layers_run.append(x.shape[0])
        if len(layers_run) == 6:  # chunk two has begun its first layer
            cancel.set()
        return real_norm(x, weight, eps)

    backend.prefix.clear()
    monkeypatch.setattr(lean_llama, "_rms_norm", norm_then_cancel)
    assert list(backend.stream(request(prompt), cancel)) == []
    # Chunk one: 2 layers x 2 norms, then the final norm of its last row. Chunk two
    # finished the layer it was in (2 norms) and stopped before the next one.
    assert layers_run == [64, 64, 64, 64, 1, 64, 64]
    assert backend.last_stats.stop_reason == "cancelled"
    monkeypatch.setattr(lean_llama, "_rms_norm", real_norm)
    backend.generate(request(prompt))
    assert backend.last_stats.cached_prompt_tokens == 64  # chunk one was kept


def test_emitter_never_emits_control_characters(backend):
    text = "one\x00 two\x07 three\tfour\n"
    ids = backend.tokenizer.encode(text, add_special_tokens=False)
    emitter = TextEmitter(backend.tokenizer, [], ())
    out = "".join(emitter.push(i)[0] for i in ids) + emitter.flush()
    assert out == "one two three\tfour\n"


def test_emitter_reports_line_breaks_as_the_editor_stores_them(backend):
    # The editor keeps "\n" only; a model's "\r\n", lone "\r" or U+2029 must be
    # reported as "\n" so the result matches the text that was inserted.
    tok = backend.tokenizer
    ids = tok.encode("one\r\ntwo\rthree\u2029four", add_special_tokens=False)
    # "\r" and "\n" arriving as separate tokens still make one line break.
    for piece in ("\r", "\nfive\r"):
        ids += tok.encode(piece, add_special_tokens=False)
    emitter = TextEmitter(tok, [], ())
    out = "".join(emitter.push(i)[0] for i in ids) + emitter.flush()
    assert out == "one\ntwo\nthree\nfour\nfive\n"
