"""A few tests on the real embedded default model (SmolLM2-135M-Instruct GGUF)."""

from __future__ import annotations

import threading

import pytest

from assistant.engine.loader import load_backend
from assistant.tasks.types import GenerationRequest, Sampling

pytestmark = pytest.mark.slow

PROMPT = "The ferry left the harbour an hour before dawn. Mara stood at the rail and"


@pytest.fixture(scope="module")
def home(tmp_path_factory):
    return tmp_path_factory.mktemp("default-home")


@pytest.fixture(scope="module")
def converted_then_cached(home, default_model_file):
    """Load twice in one home: the first converts the GGUF, the second uses the cache."""
    import gguf

    mp = pytest.MonkeyPatch()
    mp.setenv("WRITING_ASSISTANT_HOME", str(home))
    stock = gguf.GGUFReader
    opened: list[str] = []

    class CountingReader(stock):
        def __init__(self, path, *args, **kwargs):
            opened.append(str(path))
            super().__init__(path, *args, **kwargs)

    mp.setattr(gguf, "GGUFReader", CountingReader)
    try:
        first = load_backend(None, "cpu", dtype="float32", fast_decode=False)
        first.gguf_files_parsed = list(opened)
        assert gguf.GGUFReader is CountingReader  # the loader put it back
        second = load_backend(None, "cpu", dtype="float32", fast_decode=False)
        yield first, second
    finally:
        mp.undo()


def test_first_start_parses_the_gguf_file_once(converted_then_cached, default_model_file):
    # transformers alone parses it three times (tokenizer, config, weights): ~20 s.
    first, _second = converted_then_cached
    assert first.gguf_files_parsed == [str(default_model_file)]


def test_second_load_uses_converted_cache(converted_then_cached, home):
    first, second = converted_then_cached
    assert not first.loaded_from_cache
    assert second.loaded_from_cache
    caches = list((home / "cache" / "converted").iterdir())
    assert len(caches) == 1 and (caches[0] / "model.safetensors").is_file()
    assert (caches[0] / "tokenizer.json").is_file()


def test_cache_reload_gives_identical_logits(converted_then_cached):
    import torch

    first, second = converted_then_cached
    ids = torch.tensor([first.encode(PROMPT)])
    assert ids.tolist() == [second.encode(PROMPT)]
    with torch.inference_mode():
        a = first.model(ids).logits
        b = second.model(ids).logits
    assert torch.equal(a, b)


def test_greedy_continuation_is_deterministic_and_nonempty(converted_then_cached):
    _first, backend = converted_then_cached
    req = GenerationRequest(
        task="continue",
        prompt=PROMPT,
        sampling=Sampling(temperature=0.0, repetition_penalty=1.0, max_new_tokens=16),
    )
    a = backend.generate(req, threading.Event())
    b = backend.generate(req, threading.Event())
    assert a.strip()
    assert a == b
    assert backend.last_stats.cached_prompt_tokens > 0  # the second run reused the prefix


def test_chinese_streams_whole_characters(converted_then_cached):
    _first, backend = converted_then_cached
    req = GenerationRequest(
        task="continue",
        prompt="他每天早上写作，直到城市醒来。那天早上，",
        sampling=Sampling(temperature=0.7, max_new_tokens=24, seed=5),
    )
    deltas = list(backend.stream(req, threading.Event()))
    assert deltas
    assert all("\ufffd" not in d for d in deltas)


def test_the_q4_gguf_decodes_int4_at_a_fraction_of_int8s_error(
    converted_then_cached, home, monkeypatch
):
    from assistant.engine import fast_decode

    monkeypatch.setenv("WRITING_ASSISTANT_HOME", str(home))
    backend = load_backend(None, "cpu", dtype="float32")  # the converted cache, int decode
    assert backend.lean.decode_weights == "int4"
    # Its int4 copies reproduce the de-quantized Q4_1 weights up to the bfloat16
    # rounding of each block's scale and offset: far closer than int8 per channel.
    for proj in (backend.lean.layers[0].gate_up, backend.lean.layers[-1].down):
        _q, _s, _z, int4_error = fast_decode.int4_grid(proj.weight)
        q8, scale = fast_decode.quantize_int8(proj.weight)
        assert int4_error < 0.1 * fast_decode.int8_squared_error(proj.weight, q8, scale)


def test_bfloat16_prefill_and_int4_decode_pass_the_quality_gate_on_real_text(
    converted_then_cached, home, monkeypatch
):
    from assistant.engine.quality_gate import KL_MEAN_MAX, TOP1_MIN, gate_report
    from assistant.tasks.samples import EN_STORY

    monkeypatch.setenv("WRITING_ASSISTANT_HOME", str(home))
    reference, _cached = converted_then_cached
    backend = load_backend(None, "cpu", dtype="bfloat16")
    report = gate_report(reference.model, backend, EN_STORY.text)
    assert report["weights_dtype"] == "bfloat16" and report["text_tokens"] > 100
    for phase in ("prefill", "decode"):
        assert report[phase]["kl_mean"] <= KL_MEAN_MAX, report
        assert report[phase]["top1"] >= TOP1_MIN, report
        assert report[phase]["passed"]
