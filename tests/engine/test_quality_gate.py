"""The quality gate: KL divergence and top-1 agreement of a fast path with float32."""

from __future__ import annotations

import copy

import torch
from transformers import AutoModelForCausalLM, AutoTokenizer

from assistant.engine.generate import TransformersBackend
from assistant.engine.quality_gate import TOP1_MIN, agreement, gate_report


def test_identical_distributions_agree_fully_and_pass():
    logits = torch.randn(12, 50, generator=torch.Generator().manual_seed(0))
    result = agreement(logits, logits.clone())
    assert result.kl_mean < 1e-6 and result.top1 == 1.0 and result.passed


def test_a_different_argmax_counts_against_top1_and_kl():
    reference = torch.zeros(4, 10)
    reference[:, 3] = 5.0
    candidate = reference.clone()
    candidate[0, 3], candidate[0, 7] = 0.0, 5.0  # one position picks another token
    result = agreement(reference, candidate)
    assert result.top1 == 0.75 < TOP1_MIN
    assert result.kl_max > 1.0 and not result.passed


def test_greedy_picks_are_scored_as_given():
    reference = torch.eye(3) * 4
    # The candidate's logits agree, but what it actually emitted (say, through a
    # shortlist) did not: top-1 counts what a writer would read.
    result = agreement(reference, reference.clone(), picks=torch.tensor([0, 2, 2]))
    assert abs(result.top1 - 2 / 3) < 1e-6


def test_the_gate_scores_a_real_backend_and_catches_a_broken_decode(tiny_model_dir):
    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir, dtype=torch.float32).eval()
    with torch.no_grad():  # sharp distributions (random init gives near-uniform ones)
        for param in model.parameters():
            if param.dim() == 2:
                param.mul_(12)
    reference = copy.deepcopy(model)
    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    backend = TransformersBackend(model, tokenizer, "tiny", dtype="float32")
    assert backend.lean is not None and backend.lean.decode_weights == "int8"
    text = "The island was gone when the fog lifted, and the boat drifted on. " * 3
    report = gate_report(reference, backend, text)
    assert report["prefill"]["kl_mean"] < 1e-6  # float32 prefill is float32
    assert report["decode"]["positions"] == report["text_tokens"] - 1
    assert report["decode"]["kl_mean"] < 0.01, report  # int8 decode: close to float32
    # Scramble the int8 decode weights of one layer: the gate must notice.
    proj = backend.lean.layers[0].gate_up
    proj.q8 = proj.q8[torch.randperm(proj.q8.shape[0], generator=torch.Generator().manual_seed(1))]
    broken = gate_report(reference, backend, text)
    assert not broken["decode"]["passed"], broken
    assert broken["decode"]["kl_mean"] > 20 * report["decode"]["kl_mean"]
    assert broken["prefill"] == report["prefill"]  # prefill never reads the int8 copies
