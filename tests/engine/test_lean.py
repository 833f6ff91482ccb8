"""The lean CPU forward pass: same numbers as transformers, same text, safe fallbacks."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import torch

from assistant.engine import generate, lean_llama
from assistant.engine.lean_llama import LeanDecoder
from assistant.engine.lean_support import unsupported_reason
from assistant.engine.loader import load_backend
from assistant.engine.threads import ThreadPlan
from assistant.tasks.types import GenerationRequest, Sampling


def greedy(prompt: str, tokens: int = 24) -> GenerationRequest:
    sampling = Sampling(temperature=0.0, repetition_penalty=1.0, max_new_tokens=tokens)
    return GenerationRequest(task="continue", prompt=prompt, sampling=sampling)


def reference_logits(model, ids: list[int]) -> torch.Tensor:
    with torch.inference_mode():
        return model(input_ids=torch.tensor([ids])).logits[0, -1].float()


def lean_logits_per_feed(lean: LeanDecoder, feeds: list[list[int]]) -> list[torch.Tensor]:
    cache = lean.new_cache()
    out = []
    with torch.inference_mode():
        for feed in feeds:
            out.append(lean.logits(lean.forward(feed, cache, exact=True)))
    return out


def check_against_transformers(model, vocab: int, atol: float) -> None:
    ids = [
        int(i) for i in torch.randint(3, vocab, (19,), generator=torch.Generator().manual_seed(1))
    ]
    # A prompt in two chunks (the second attends to a cached prefix), then three
    # single-token decode steps.
    feeds = [ids[:10], ids[10:16], [ids[16]], [ids[17]], [ids[18]]]
    lean = LeanDecoder(model, int8=False)
    fed: list[int] = []
    for feed, ours in zip(feeds, lean_logits_per_feed(lean, feeds), strict=True):
        fed += feed
        expected = reference_logits(model, fed)
        assert torch.allclose(ours, expected, atol=atol), float((ours - expected).abs().max())


def tiny_hf(tiny_model_dir, dtype=torch.float32):
    from transformers import AutoModelForCausalLM

    return AutoModelForCausalLM.from_pretrained(tiny_model_dir, dtype=dtype).eval()


def test_llama_logits_match_transformers_over_chunks_and_decode_steps(tiny_model_dir):
    model = tiny_hf(tiny_model_dir)
    check_against_transformers(model, model.config.vocab_size, atol=1e-4)


def test_qwen2_with_qkv_biases_matches_transformers():
    from transformers import Qwen2Config, Qwen2ForCausalLM

    torch.manual_seed(0)
    config = Qwen2Config(
        vocab_size=120,
        hidden_size=64,
        intermediate_size=96,
        num_hidden_layers=2,
        num_attention_heads=4,
        num_key_value_heads=2,
        max_position_embeddings=128,
        tie_word_embeddings=False,
    )
    model = Qwen2ForCausalLM(config).eval()
    assert model.model.layers[0].self_attn.q_proj.bias is not None
    with torch.no_grad():  # random init leaves biases at zero; make them matter
        for layer in model.model.layers:
            for proj in (layer.self_attn.q_proj, layer.self_attn.k_proj, layer.self_attn.v_proj):
                proj.bias.normal_()
    check_against_transformers(model, config.vocab_size, atol=1e-4)


def test_bfloat16_weights_stay_close_to_transformers(tiny_model_dir):
    model = tiny_hf(tiny_model_dir, dtype=torch.bfloat16)
    ids = list(range(5, 25))
    lean = LeanDecoder(model, int8=False)
    (ours,) = lean_logits_per_feed(lean, [ids])
    expected = reference_logits(model, ids)
    assert torch.allclose(ours, expected, atol=5e-2 * max(1.0, float(expected.abs().max())))


def test_bfloat16_prefill_attention_over_blocks_and_a_cached_prefix(tiny_model_dir, monkeypatch):
    # bfloat16 models take the blocked attention: small blocks, a prompt fed in
    # chunks after a cached prefix, and decode steps must all match transformers.
    monkeypatch.setattr(lean_llama, "ATTENTION_BLOCK", 4)
    model = tiny_hf(tiny_model_dir, dtype=torch.bfloat16)
    ids = [int(i) for i in torch.randint(3, 300, (23,), generator=torch.Generator().manual_seed(2))]
    feeds = [ids[:9], ids[9:20], [ids[20]], ids[21:]]
    lean = LeanDecoder(model, int8=False)
    fed: list[int] = []
    for feed, ours in zip(feeds, lean_logits_per_feed(lean, feeds), strict=True):
        fed += feed
        expected = reference_logits(model, fed)
        assert torch.allclose(ours, expected, atol=5e-2 * max(1.0, float(expected.abs().max())))


def test_greedy_text_is_the_same_as_with_the_transformers_forward(tiny_model_dir, monkeypatch):
    lean = load_backend(str(tiny_model_dir), "cpu", fast_decode=False)
    assert "lean" in lean.decode_mode and "int8" not in lean.decode_mode
    monkeypatch.setattr(generate, "unsupported_reason", lambda _model: "forced for the test")
    plain = load_backend(str(tiny_model_dir), "cpu", fast_decode=False)
    assert "lean" not in plain.decode_mode
    for prompt in ("The island was gone", "我们在山上看见了大海"):
        assert lean.generate(greedy(prompt)) == plain.generate(greedy(prompt))


def test_growing_the_kv_cache_keeps_what_it_holds(tiny_model_dir, monkeypatch):
    backend = load_backend(str(tiny_model_dir), "cpu", fast_decode=False)
    expected = backend.generate(greedy("Rain fell on the harbour.", 40))
    backend.prefix.clear()
    monkeypatch.setattr(lean_llama, "_GROW_STEP", 8)  # regrow every 8 tokens
    assert backend.generate(greedy("Rain fell on the harbour.", 40)) == expected


def test_int8_shortlist_picks_the_same_tokens_as_full_logits(tiny_model_dir, monkeypatch):
    fast = load_backend(str(tiny_model_dir), "cpu", fast_decode=True)
    assert fast.decode_mode.endswith("+lean+int8-decode")
    assert fast.lean.shortlist is not None
    prompts = ("The island", "She wrote every morning", "他每天早上写作")
    with_shortlist = [fast.generate(greedy(p)) for p in prompts]
    fast.prefix.clear()
    monkeypatch.setattr(generate, "SHORTLIST_MAX_TOP_K", 0)  # exact logits over the vocabulary
    assert [fast.generate(greedy(p)) for p in prompts] == with_shortlist


def test_sampling_with_the_shortlist_is_reproducible_and_stops_at_max(tiny_model_dir):
    fast = load_backend(str(tiny_model_dir), "cpu", fast_decode=True)
    sampling = Sampling(temperature=0.8, top_k=40, top_p=0.9, repetition_penalty=1.2, seed=7)
    request = GenerationRequest(
        task="continue", prompt="The lighthouse", sampling=sampling.with_(max_new_tokens=20)
    )
    first = fast.generate(request)
    fast.prefix.clear()
    assert fast.generate(request) == first
    assert fast.last_stats.generated_tokens <= 20


def test_int8_weights_are_cached_on_disk_and_reused(tiny_model_dir, isolated_home):
    first = load_backend(str(tiny_model_dir), "cpu", fast_decode=True)
    files = list(isolated_home.rglob("int8_decode.safetensors"))
    assert len(files) == 1
    from safetensors import safe_open

    with safe_open(str(files[0]), "pt") as f:
        keys = set(f.keys())
    assert {"layers.0.qkv.q", "layers.1.gate_up.scale", "lm_head.q"} <= keys
    stamp = files[0].stat().st_mtime_ns
    second = load_backend(str(tiny_model_dir), "cpu", fast_decode=True)
    assert files[0].stat().st_mtime_ns == stamp  # read, not rewritten
    assert second.generate(greedy("The island")) == first.generate(greedy("The island"))


def test_a_lean_path_that_disagrees_with_transformers_is_not_used(tiny_model_dir, monkeypatch):
    def broken_norm(x, weight, eps):
        return torch.nn.functional.rms_norm(x, (x.shape[-1],), weight, eps) * 1.5

    monkeypatch.setattr(lean_llama, "_rms_norm", broken_norm)
    backend = load_backend(str(tiny_model_dir), "cpu", fast_decode=True)
    assert "lean" not in backend.decode_mode
    assert backend.generate(greedy("The island"))


def test_unsupported_architectures_are_named():
    def model_with(**config):
        return SimpleNamespace(config=SimpleNamespace(**config))

    assert "gemma" in unsupported_reason(model_with(model_type="gemma"))
    mistral = model_with(model_type="mistral", sliding_window=64, max_position_embeddings=4096)
    assert unsupported_reason(mistral) == "sliding-window attention"
    dynamic = model_with(
        model_type="llama", rope_parameters={"rope_type": "dynamic", "factor": 2.0}
    )
    assert unsupported_reason(dynamic) == "position-dependent RoPE scaling"


def test_long_decodes_recheck_the_thread_plan(tiny_model_dir, monkeypatch):
    backend = load_backend(str(tiny_model_dir), "cpu", fast_decode=True)
    backend.adaptive_threads = True
    calls = []
    monkeypatch.setattr(generate, "RECHECK_S", 0.0)
    monkeypatch.setattr(
        generate, "thread_plan", lambda: calls.append(1) or ThreadPlan(prefill=1, decode=1)
    )
    backend.generate(greedy("The island", 10), threading.Event())
    assert len(calls) >= 10  # once at the start, then before every decode step
